# Install rules: the libraries, the public headers, a CMake package, a
# pkg-config file and the man page. Included by the top-level
# CMakeLists.txt when YS_INSTALL is on (the default for a top-level build).
#
#   cmake --install build --prefix DIR
#
# installs, under DIR:
#   include/yardstick.h, include/yardstick_version.h
#   lib/libyardstick.a (libyardstick.so.MAJOR.MINOR... with
#     BUILD_SHARED_LIBS), lib/libyardstick_main.a
#   lib/cmake/yardstick/   find_package(yardstick 0.2 CONFIG)
#   lib/pkgconfig/yardstick.pc
#   share/man/man1/yardstick.1
# (lib is CMAKE_INSTALL_LIBDIR: lib/x86_64-linux-gnu under /usr on Debian.)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(YS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/yardstick)

install(TARGETS yardstick yardstick_main EXPORT yardstickTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES include/yardstick.h
  ${PROJECT_BINARY_DIR}/include/yardstick_version.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# The CMake package: yardstick::yardstick and yardstick::main, the
# dependencies found again on the consumer's machine, and
# yardstick_add_benchmark().
install(EXPORT yardstickTargets NAMESPACE yardstick::
  DESTINATION ${YS_CMAKE_DIR})
configure_package_config_file(cmake/yardstickConfig.cmake.in
  ${PROJECT_BINARY_DIR}/yardstickConfig.cmake
  INSTALL_DESTINATION ${YS_CMAKE_DIR})
# Before 1.0 a minor version may break what the one before it offered, so
# find_package(yardstick 0.2) accepts 0.2.x only; from 1.0 on, the same
# major version.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(YS_COMPATIBILITY SameMinorVersion)
else()
  set(YS_COMPATIBILITY SameMajorVersion)
endif()
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/yardstickConfigVersion.cmake
  COMPATIBILITY ${YS_COMPATIBILITY})
install(FILES
  ${PROJECT_BINARY_DIR}/yardstickConfig.cmake
  ${PROJECT_BINARY_DIR}/yardstickConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/yardstickBenchmark.cmake
  DESTINATION ${YS_CMAKE_DIR})

# pkg-config. The prefix is found from the .pc file's own place
# (${pcfiledir}), so that `cmake --install --prefix DIR` and a moved tree
# both work, whatever CMAKE_INSTALL_PREFIX was at configure time.
file(RELATIVE_PATH YS_PC_UP /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
string(REGEX REPLACE "/$" "" YS_PC_UP "${YS_PC_UP}")
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(YS_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
else()
  set(YS_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(YS_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(YS_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
# A static libyardstick needs GSL, libyaml, jansson and libm on every program's link
# line, so they are plain Requires and Libs, and `pkg-config --libs
# yardstick` links without --static. A shared one records them itself
# (DT_NEEDED): they are private.
if(BUILD_SHARED_LIBS)
  set(YS_PC_REQUIRES "Requires.private: gsl yaml-0.1 jansson")
  set(YS_PC_LIBS_M "")
  set(YS_PC_LIBS_PRIVATE "Libs.private: -lm")
else()
  set(YS_PC_REQUIRES "Requires: gsl yaml-0.1 jansson")
  set(YS_PC_LIBS_M " -lm")
  set(YS_PC_LIBS_PRIVATE "")
endif()
configure_file(cmake/yardstick.pc.in ${PROJECT_BINARY_DIR}/yardstick.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/yardstick.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(FILES docs/yardstick.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
