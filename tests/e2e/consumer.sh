#!/usr/bin/env bash
# Builds tests/consumer, a project that uses yardstick as a user's would,
# in each supported way, and runs what it built:
#   1. the installed package (cmake --install into a temporary prefix):
#      find_package(yardstick 0.2 CONFIG) with yardstick_add_benchmark and
#      its ctest smoke test; the version check refusing 0.1 and 0.3;
#   2. the same prefix through pkg-config with the Makefile that
#      docs/getting-started.md shows, as written and as strict C11;
#   3. add_subdirectory of the source tree, with no build type chosen: the
#      parent's build type stays empty, only yardstick's targets (and the
#      benchmark program) are optimised, no examples or tests are built;
#   4. FetchContent, configured only: it leaves the build type alone too.
# The shared library is package_shared.sh's.
# Usage: consumer.sh PATH/TO/bench TESTS_SOURCE_DIR
set -euo pipefail
root=$(cd "$2/.." && pwd)
consumer=$root/tests/consumer
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=lib/consumer.sh
. "$(dirname "$0")/lib/consumer.sh"

# 1. find_package of the installed package.
prefix=$tmp/prefix
install_yardstick "$tmp/yardstick-build" "$prefix"
run_logged "$tmp/fp-configure.log" cmake -S "$consumer" -B "$tmp/fp" \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release
run_logged "$tmp/fp-build.log" cmake --build "$tmp/fp" -j2
check_programs "$tmp/fp"
check_smoke_test "$tmp/fp"
# 0.x: a minor version may break the one before, so 0.2.x satisfies 0.2
# alone.
for wanted in 0.1 0.3 1.0; do
  if cmake -S "$consumer" -B "$tmp/fp-$wanted" -DCMAKE_PREFIX_PATH="$prefix" \
    -DYARDSTICK_VERSION="$wanted" >"$tmp/fp-$wanted.log" 2>&1; then
    echo "FAIL: find_package(yardstick $wanted) accepted $(project_version)"
    exit 1
  fi
  grep -q 'not compatible\|version' "$tmp/fp-$wanted.log" || {
    echo "FAIL: find_package(yardstick $wanted) failed without naming the version:"
    cat "$tmp/fp-$wanted.log"
    exit 1
  }
done
echo "ok: find_package, yardstick_add_benchmark, version compatibility"

# 2. pkg-config and make, with the Makefile the guide prints.
guide_makefile=$(awk '/^```make$/ { on = 1; next } on && /^```$/ { exit }
  on { print }' "$root/docs/getting-started.md")
if [ "$guide_makefile" != "$(cat "$consumer/Makefile")" ]; then
  echo "FAIL: the Makefile of docs/getting-started.md differs from" \
    "tests/consumer/Makefile:"
  diff <(echo "$guide_makefile") "$consumer/Makefile" || true
  exit 1
fi
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
[ "$(pkg-config --modversion yardstick)" = "$(project_version)" ] ||
  { echo "FAIL: yardstick.pc's version is not $(project_version)"; exit 1; }
if grep -q _GNU_SOURCE <<<"$(pkg-config --cflags yardstick)"; then
  echo "FAIL: yardstick.pc asks for _GNU_SOURCE"
  exit 1
fi
cp -r "$consumer" "$tmp/mk"
run_logged "$tmp/make.log" make -C "$tmp/mk"
check_programs "$tmp/mk"
run_logged "$tmp/make-clean.log" make -C "$tmp/mk" clean
run_logged "$tmp/make-strict.log" make -C "$tmp/mk" \
  CFLAGS="-O2 -std=c11 -Wall -Wextra -Wpedantic -Werror"
check_programs "$tmp/mk"
unset PKG_CONFIG_PATH
echo "ok: pkg-config and the guide's Makefile"

# 3. add_subdirectory, no build type.
run_logged "$tmp/sub-configure.log" cmake -S "$consumer" -B "$tmp/sub" \
  -DYARDSTICK_SOURCE_DIR="$root" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
grep -qx 'CMAKE_BUILD_TYPE:STRING=' "$tmp/sub/CMakeCache.txt" || {
  echo "FAIL: add_subdirectory changed the parent's build type:"
  grep CMAKE_BUILD_TYPE "$tmp/sub/CMakeCache.txt"
  exit 1
}
# compile_commands.json holds one "command" line per source, then its
# "file" line: the optimisation of each source's command.
optimised() {
  local command
  command=$(grep -B1 "\"file\": \".*/$1\"" "$tmp/sub/compile_commands.json")
  grep -q -- ' -O2 ' <<<"$command"
}
optimised harness/main.c && optimised core/error.c &&
  optimised tests/consumer/my_benchmarks.c || {
  echo "FAIL: yardstick's targets or the benchmark program are not optimised"
  exit 1
}
if optimised tests/consumer/own_main.c || optimised tests/consumer/checksum.c
then
  echo "FAIL: the parent's own targets were optimised by yardstick"
  exit 1
fi
run_logged "$tmp/sub-build.log" cmake --build "$tmp/sub" -j2
if [ -e "$tmp/sub/yardstick/bench" ] || [ -d "$tmp/sub/yardstick/tests" ]; then
  echo "FAIL: add_subdirectory built yardstick's examples or tests"
  exit 1
fi
check_programs "$tmp/sub"
check_smoke_test "$tmp/sub"
# Optimised, the library says it was built for release.
if "$tmp/sub/my_benchmarks" --quick --exact square 2>&1 |
  grep -q 'built for debugging'; then
  echo "FAIL: a library added with no build type reports a debug build"
  exit 1
fi
echo "ok: add_subdirectory"

# 4. FetchContent: the same targets, the build type left alone.
run_logged "$tmp/fc-configure.log" cmake -S "$consumer" -B "$tmp/fc" \
  -DYARDSTICK_FETCH_DIR="$root"
grep -qx 'CMAKE_BUILD_TYPE:STRING=' "$tmp/fc/CMakeCache.txt" ||
  { echo "FAIL: FetchContent changed the parent's build type"; exit 1; }
echo "ok: FetchContent"
echo "consumer builds ok"
