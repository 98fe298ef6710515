#!/usr/bin/env bash
# The shared library: -DBUILD_SHARED_LIBS=ON installs libyardstick.so with
# the version in its file name and SONAME (0.x: MAJOR.MINOR, since a minor
# version may change the ABI), libyardstick_main stays a static archive,
# yardstick.pc makes GSL and libyaml private, and the consumer project
# builds and runs against it through find_package and through pkg-config.
# Usage: package_shared.sh PATH/TO/bench TESTS_SOURCE_DIR
set -euo pipefail
root=$(cd "$2/.." && pwd)
consumer=$root/tests/consumer
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=lib/consumer.sh
. "$(dirname "$0")/lib/consumer.sh"

prefix=$tmp/prefix
install_yardstick "$tmp/yardstick-build" "$prefix" -DBUILD_SHARED_LIBS=ON
version=$(project_version)
soversion=$(cut -d. -f1,2 <<<"$version")
lib=$prefix/lib
[ -f "$lib/libyardstick.so.$version" ] ||
  { echo "FAIL: no libyardstick.so.$version"; ls -l "$lib"; exit 1; }
[ "$(readlink "$lib/libyardstick.so.$soversion")" = "libyardstick.so.$version" ] &&
  [ "$(readlink "$lib/libyardstick.so")" = "libyardstick.so.$soversion" ] ||
  { echo "FAIL: the .so links are not so -> so.$soversion -> so.$version"
    ls -l "$lib"; exit 1; }
dynamic=$(readelf -d "$lib/libyardstick.so.$version")
grep -q "Library soname: \[libyardstick.so.$soversion\]" <<<"$dynamic" ||
  { echo "FAIL: SONAME is not libyardstick.so.$soversion:"; echo "$dynamic"
    exit 1; }
grep -q 'Shared library: \[libgsl' <<<"$dynamic" &&
  grep -q 'Shared library: \[libyaml' <<<"$dynamic" ||
  { echo "FAIL: libyardstick.so does not record GSL and libyaml"; exit 1; }
[ ! -e "$lib/libyardstick.a" ] ||
  { echo "FAIL: a shared build installed libyardstick.a too"; exit 1; }
grep -q '^Requires.private: gsl yaml-0.1 jansson$' "$lib/pkgconfig/yardstick.pc" ||
  { echo "FAIL: yardstick.pc of a shared build:"
    cat "$lib/pkgconfig/yardstick.pc"; exit 1; }

# find_package: the program runs from its build tree (CMake's RPATH).
run_logged "$tmp/fp-configure.log" cmake -S "$consumer" -B "$tmp/fp" \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release
run_logged "$tmp/fp-build.log" cmake --build "$tmp/fp" -j2
grep -q "libyardstick.so.$soversion => $lib/" <<<"$(ldd "$tmp/fp/my_benchmarks")" ||
  { echo "FAIL: my_benchmarks does not load $lib/libyardstick.so.$soversion"
    ldd "$tmp/fp/my_benchmarks"; exit 1; }
check_programs "$tmp/fp"
check_smoke_test "$tmp/fp"

# The counting malloc lives in libyardstick.so, which the loader searches
# before libc.so: a program linked with the shared library counts its heap
# calls with --collector alloc as a static one does (docs/collectors.md).
# tests/fixtures/alloc_suite.c's three_blocks makes 3 allocations of 100
# bytes per iteration.
run_logged "$tmp/alloc-build.log" cc -O2 -D_GNU_SOURCE -I"$prefix/include" \
  "$root/tests/fixtures/alloc_suite.c" -L"$lib" -lyardstick \
  -Wl,-rpath,"$lib" -pthread -o "$tmp/alloc_shared"
alloc_csv=$("$tmp/alloc_shared" --collector alloc --exact three_blocks \
  --format csv 2>/dev/null)
grep -q '^three_blocks,allocated_bytes,bytes,ok,300,' <<<"$alloc_csv" ||
  { echo "FAIL: --collector alloc with the shared library:"
    echo "$alloc_csv"; exit 1; }

# pkg-config and make: the loader needs to be told where the library is.
cp -r "$consumer" "$tmp/mk"
run_logged "$tmp/make.log" env PKG_CONFIG_PATH="$lib/pkgconfig" make -C "$tmp/mk"
check_programs "$tmp/mk" LD_LIBRARY_PATH="$lib"
echo "shared library ok"
