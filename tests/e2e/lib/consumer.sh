# Shared by tests/e2e/consumer.sh and tests/e2e/package_shared.sh, which
# build the project tests/consumer against yardstick in several ways. Source
# it after setting $tmp (a scratch directory) and $root (yardstick's source
# tree); every function exits 1 with a message on the first failure.

# The version project(VERSION ...) gives, the one the programs must print.
project_version() {
  sed -nE 's/^project\(yardstick VERSION ([0-9]+\.[0-9]+\.[0-9]+).*/\1/p' \
    "$root/CMakeLists.txt"
}

# run_logged LOG COMMAND...: runs COMMAND with its output in LOG, printed
# only when it fails.
run_logged() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 || {
    echo "FAIL: $*"
    cat "$log"
    exit 1
  }
}

# install_yardstick BUILD PREFIX [CMAKE ARGS...]: configures, builds and
# installs yardstick's library alone (no examples, no tests) into PREFIX.
install_yardstick() {
  local build=$1 prefix=$2
  shift 2
  run_logged "$tmp/install-configure.log" cmake -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=Release -DYS_BUILD_EXAMPLES=OFF -DYS_BUILD_TESTS=OFF \
    "$@"
  run_logged "$tmp/install-build.log" cmake --build "$build" -j2
  run_logged "$tmp/install.log" cmake --install "$build" --prefix "$prefix"
  local f
  for f in include/yardstick.h include/yardstick_version.h \
    lib/libyardstick_main.a lib/cmake/yardstick/yardstickConfig.cmake \
    lib/cmake/yardstick/yardstickConfigVersion.cmake \
    lib/cmake/yardstick/yardstickBenchmark.cmake \
    lib/pkgconfig/yardstick.pc share/man/man1/yardstick.1; do
    [ -f "$prefix/$f" ] || { echo "FAIL: cmake --install made no $f"; exit 1; }
  done
}

# check_programs DIR [ENV...]: runs DIR/my_benchmarks (and
# DIR/consumer_own_main when it was built) under `env ENV...`, and checks
# what they print.
check_programs() {
  local dir=$1
  shift
  local run=(env "$@")
  local list expected version
  list=$("${run[@]}" "$dir/my_benchmarks" --list) ||
    { echo "FAIL: $dir/my_benchmarks --list exited $?"; exit 1; }
  expected=$'black_box_types\nchecksum/64\nchecksum/4096\nparse/v2.json'
  expected+=$'\nsquare\nsum_to/10\nsum_to/100'
  if [ "$list" != "$expected" ]; then
    echo "FAIL: $dir/my_benchmarks --list printed:"
    echo "$list"
    exit 1
  fi
  "${run[@]}" "$dir/my_benchmarks" --quick --exact checksum/4096 \
    >"$tmp/quick.out" 2>"$tmp/quick.err" ||
    { echo "FAIL: my_benchmarks --quick exited $?"; cat "$tmp/quick.out"; exit 1; }
  grep -Eq '^checksum/4096 +time: +\[' "$tmp/quick.out" &&
    grep -Eq 'thrpt: +\[.*B/s' "$tmp/quick.out" &&
    grep -Eq '^1 benchmark: 1 ok' "$tmp/quick.out" || {
    echo "FAIL: my_benchmarks --quick did not report checksum/4096:"
    cat "$tmp/quick.out"
    exit 1
  }
  version=$("${run[@]}" "$dir/my_benchmarks" --version)
  if [ "$version" != "yardstick $(project_version)" ]; then
    echo "FAIL: my_benchmarks --version printed '$version'," \
      "not 'yardstick $(project_version)'"
    exit 1
  fi
  if [ -e "$dir/consumer_own_main" ]; then
    [ "$("${run[@]}" "$dir/consumer_own_main" --list)" = "noop" ] ||
      { echo "FAIL: the YS_MAIN() program did not list its benchmark"; exit 1; }
  fi
}

# check_smoke_test BUILD: yardstick_add_benchmark registered a ctest test
# named my_benchmarks that runs it with --quick, and it passes.
check_smoke_test() {
  local build=$1 tests
  tests=$(ctest --test-dir "$build" -N)
  grep -q 'Test #[0-9]*: my_benchmarks$' <<<"$tests" ||
    { echo "FAIL: no ctest test my_benchmarks in $build"; exit 1; }
  run_logged "$tmp/ctest.log" ctest --test-dir "$build" --output-on-failure
  grep -q -- '--quick' "$build/CTestTestfile.cmake" ||
    { echo "FAIL: the smoke test does not run --quick"; exit 1; }
}
