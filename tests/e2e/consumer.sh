#!/usr/bin/env bash
# Builds tests/consumer, a project that adds yardstick with add_subdirectory
# as a user would, and runs what it built.
# Usage: consumer.sh PATH/TO/bench TESTS_SOURCE_DIR
set -euo pipefail
tests=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmake -S "$tests/consumer" -B "$tmp" -DYARDSTICK_SOURCE_DIR="$tests/.." \
  -DCMAKE_BUILD_TYPE=Release >"$tmp/configure.log" 2>&1 ||
  { cat "$tmp/configure.log"; exit 1; }
cmake --build "$tmp" -j2 >"$tmp/build.log" 2>&1 ||
  { cat "$tmp/build.log"; exit 1; }

# Only the library is built for a consumer: no example suite, no tests.
if [ -e "$tmp/yardstick/bench" ] || [ -d "$tmp/yardstick/tests" ]; then
  echo "FAIL: add_subdirectory built yardstick's examples or tests"
  exit 1
fi

list=$("$tmp/consumer_bench" --list)
expected=$'black_box_types\nparse/v2.json\nsquare\nsum_to/10\nsum_to/100'
if [ "$list" != "$expected" ]; then
  echo "FAIL: consumer_bench --list printed:"
  echo "$list"
  exit 1
fi
"$tmp/consumer_bench" --quick --exact sum_to/10 | grep -Eq 'sum_to/10 +time: +\[' ||
  { echo "FAIL: consumer_bench did not report sum_to/10"; exit 1; }
[ "$("$tmp/consumer_own_main" --list)" = "noop" ] ||
  { echo "FAIL: YS_MAIN() program did not list its benchmark"; exit 1; }
echo "consumer build ok"
