#!/usr/bin/env bash
# End-to-end test of --require-counters with perf's default counter list:
# on a machine without hardware counters (most virtual machines) the run
# must fail with exit 2, naming the counters that could not be opened,
# instead of going on without them.
# Usage: require_counters.sh PATH/TO/bench TESTS_SOURCE_DIR
# Exit code 77 (skipped) where hardware counters exist: there the default
# list can be counted and there is nothing to refuse.
set -uo pipefail
bench=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
pick=(--quick --processes 0 --exact empty_loop)

# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

if "$bench" "${pick[@]}" --collector perf --counters instructions \
  --require-counters >/dev/null 2>&1; then
  echo "SKIP: this machine counts instructions in hardware"
  exit 77
fi

expect 2 "--collector perf: .*not counted: instructions, cycles" -- \
  "$bench" "${pick[@]}" --collector perf --require-counters
# Without --require-counters the same run goes on with the software
# events, with a note (where the kernel allows perf events at all).
if "$bench" "${pick[@]}" --collector perf --counters task-clock \
  >/dev/null 2>&1; then
  expect 0 "note: perf: not counted: instructions" -- \
    "$bench" "${pick[@]}" --collector perf
fi

finish
