#!/usr/bin/env bash
# End-to-end tests of how the comparison is wired: a baseline that shares no
# metric with the run is refused instead of passing blind, --if-missing
# report turns a missing baseline into a report without a verdict, and
# options that would do nothing are refused.
# Usage: wiring.sh PATH/TO/bench TESTS_SOURCE_DIR
# The callgrind cases print SKIP when valgrind is not installed.
set -uo pipefail
bench=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
pick=(--quick --processes 0 --exact fnv1a_4k empty_loop)

# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

export YARDSTICK_BASELINE_DIR=$tmp/baselines
expect 0 "saved baseline 'wall'" -- "$bench" "${pick[@]}" --save-baseline wall

# A wall-clock baseline against a run that counts instructions: nothing
# can be compared, and the message names both sides.
if can_valgrind "$bench"; then
  cg=(--collector callgrind --exact fnv1a_4k empty_loop)
  expect 2 "baseline 'wall' holds time, cpu_time \(collector wall\) but this run measures instructions \(collector callgrind\): nothing can be compared" -- \
    "$bench" "${cg[@]}" --baseline wall
  expect 0 "saved baseline 'cg'" -- "$bench" "${cg[@]}" --save-baseline cg
  expect 2 "baseline 'wall' holds time, cpu_time \(collector wall\) but baseline 'cg' holds instructions \(collector callgrind\)" -- \
    "$bench" compare wall cg
  # The same collector on both sides compares as usual.
  expect 0 'unchanged' -- "$bench" "${cg[@]}" --baseline cg
else
  echo "SKIP: callgrind cases: valgrind is not installed (or cannot host this build)"
fi

# A baseline that does not exist yet: exit 2 by default, saying how to go
# on; with --if-missing report, the run's report with a notice, exit 0.
expect 2 "baseline '.*first.yaml' not found.*--if-missing report" -- \
  "$bench" "${pick[@]}" --baseline first
expect 2 "not found" -- "$bench" "${pick[@]}" --baseline first --if-missing fail
expect 0 "No baseline \`first\` yet: reporting only" -- \
  "$bench" "${pick[@]}" --baseline first --if-missing report --format markdown
expect 0 '"missing_baseline": "first"' -- \
  "$bench" "${pick[@]}" --baseline first --if-missing report --format json
expect 0 "no baseline 'first' yet: reporting only" -- \
  "$bench" "${pick[@]}" --baseline first --if-missing report
expect 0 '"missing_baseline": null' -- \
  "$bench" "${pick[@]}" --baseline wall --threshold 1000 --format json
# A malformed baseline is still an error: --if-missing is about absence.
printf 'yardstick: 2\nbenchmarks: [\n' >"$tmp/baselines/broken.yaml"
expect 2 'broken.yaml' -- "$bench" "${pick[@]}" --baseline broken \
  --if-missing report

# Options that do nothing here are refused, naming the flag.
expect 2 "--quick does nothing with 'compare'" -- \
  "$bench" compare wall wall --quick
expect 2 "--save-baseline does nothing with 'compare'" -- \
  "$bench" compare wall wall --save-baseline other
expect 0 'unchanged' -- "$bench" compare wall wall --threshold 1000
expect 2 '--cache-sim needs the callgrind collector' -- \
  "$bench" "${pick[@]}" --cache-sim
expect 2 '--counters needs the perf collector' -- \
  "$bench" "${pick[@]}" --counters task-clock
expect 2 '--iterations needs an exact collector' -- \
  "$bench" "${pick[@]}" --iterations 10
expect 2 '--if-missing needs --baseline' -- \
  "$bench" "${pick[@]}" --if-missing report

finish
