# yardstick_add_benchmark(<name> SOURCES <file>... [LIBRARIES <lib>...])
#
# Creates the benchmark program <name> from SOURCES, linked with
# yardstick::main (which provides main()) and LIBRARIES (the code under
# test), and registers a CTest test of the same name that runs
# `<name> --quick`: a smoke test that fails when a benchmark fails or
# crashes (exit code 3), or the program cannot start. The test takes a few
# tenths of a second per benchmark and compares nothing: the regression
# gate is a separate step (docs/getting-started.md). Call enable_testing()
# or include(CTest) in the top-level CMakeLists.txt for ctest to see it.
#
# Defined by yardstick's CMakeLists.txt (add_subdirectory, FetchContent) and
# by the installed package (find_package(yardstick)), so a project's
# CMakeLists.txt reads the same either way.
include_guard(GLOBAL)

function(yardstick_add_benchmark name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LIBRARIES")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "yardstick_add_benchmark(${name}): unexpected "
      "arguments '${arg_UNPARSED_ARGUMENTS}'; the form is "
      "yardstick_add_benchmark(NAME SOURCES file... [LIBRARIES lib...])")
  endif()
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "yardstick_add_benchmark(${name}): no SOURCES")
  endif()

  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE yardstick::main ${arg_LIBRARIES})
  # A benchmark compiled without optimisation measures code nobody ships.
  # When the project chose no build type (CMake's default, no flags at
  # all) the program is optimised anyway; a build type chosen explicitly,
  # Debug included, is respected.
  target_compile_options(${name} PRIVATE $<$<CONFIG:>:-O2>)

  add_test(NAME ${name} COMMAND ${name} --quick)
  set_tests_properties(${name} PROPERTIES LABELS yardstick)
endfunction()
