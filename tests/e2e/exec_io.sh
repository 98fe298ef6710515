#!/usr/bin/env bash
# End-to-end tests of `bench exec` around its commands rather than their
# timing: --input (each run reads the file from its start), --commands
# FILE, --pin, the hooks' order after a failure or an interrupt, a command
# that outlives a killed bench, the messages of a command that cannot be
# started, callgrind's fixed runs, and the command recorded in the report.
# Every command here is quick (true, cat, read): nothing asserts a time.
# Usage: exec_io.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
bench=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
export YARDSTICK_BASELINE_DIR=$tmp/baselines

# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

# check CONDITION MESSAGE: counts a failure when the shell test fails.
check() {
  if eval "$1"; then
    echo "ok: $2"
  else
    echo "FAIL: $2 ($1)"
    failures=$((failures + 1))
  fi
}

quick=(--warm-up-runs 1 --runs 3 --rounds 1)

# --- --input: every run (warm-up included) reads the file from its start:
# a run that found it at its end (a file shared between runs) would read
# nothing and fail.
printf 'abc\n' >"$tmp/in.txt"
expect 0 'time' -- "$bench" exec "${quick[@]}" --input "$tmp/in.txt" -- \
  sh -c 'read -r x && [ "$x" = abc ]'
# The default, and --input null: /dev/null, where read finds nothing.
expect 3 'exited with status 1' -- "$bench" exec "${quick[@]}" -- \
  sh -c 'read -r x'
expect 3 'exited with status 1' -- "$bench" exec "${quick[@]}" \
  --input null -- sh -c 'read -r x'
# A file that cannot be read: exit 2, named, before any run (the hook
# would leave a file behind).
expect 2 "--input: cannot read '$tmp/missing.txt': No such file" -- \
  "$bench" exec --setup "touch $tmp/ran" --input "$tmp/missing.txt" true
check "[ ! -e $tmp/ran ]" "--input missing: nothing ran"
expect 2 "--input: cannot read '$tmp': is a directory" -- \
  "$bench" exec --input "$tmp" true

finish
