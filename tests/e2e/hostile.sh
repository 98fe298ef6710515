#!/usr/bin/env bash
# End-to-end tests of isolation: benchmarks that hang, exit, corrupt the
# heap, print to stdout or fork; malformed worker commands; SIGINT and
# SIGTERM in the middle of a run; an unwritable --callgrind-out. Each
# misbehaving benchmark must fail alone (exit 3) with its cause, the others
# reported; nothing may hang, pass green, or leave a process or file behind.
# Usage: hostile.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
suite=$(dirname "$1")/tests/fixture_hostile
tmp=$(mktemp -d)
cleanup() {
  chattr -i "$tmp/readonly" 2>/dev/null
  chmod -R u+w "$tmp" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
# Temporary folders of the callgrind launcher land here, where they can be
# counted without seeing other runs'.
export TMPDIR=$tmp
export YARDSTICK_BASELINE_DIR=$tmp/baselines

# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

check() { # check DESCRIPTION COMMAND...: counts a failure when COMMAND fails
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else
    echo "FAIL: $what"
    failures=$((failures + 1))
  fi
}

# none_running PATTERN: no process's command line matches PATTERN (run in
# this shell: a `bash -c` would match its own command line).
none_running() { ! pgrep -f -- "$1" >/dev/null; }

quick=(--quick --exact)

# 1. Worker commands: every field bounded, answered with a protocol error.
round() { printf 'round fine_a %s\nquit\n' "$1" | "$suite" --worker; }
expect 0 '^error SAMPLE_SIZE' -- round '1000 1000 1152921504606846977'
expect 0 '^error WARM_UP_NS' -- round 'inf 1000 20'
expect 0 '^error WARM_UP_NS' -- round '1e308 1000 20'
expect 0 '^error MEASUREMENT_NS' -- round '1000 nan 20'
expect 0 '^ok ' -- round '1000000 1000000 5'

# 2. A benchmark that hangs: killed at its timeout, the others reported.
expect 2 "timeout.*'-1'" -- "$suite" --timeout -1
expect 3 "hangs +FAILED: timed out after 2 s" -- \
  "$suite" "${quick[@]}" fine_a hangs --timeout 2
grep -Eq '^fine_a +time:' "$tmp/out" || { echo "FAIL: fine_a not reported"; failures=$((failures + 1)); }
expect 3 "hangs +FAILED: timed out after 1 s" -- \
  "$suite" "${quick[@]}" fine_a hangs --timeout 1 --processes 0

# 3. exit() inside the loop: never a green run.
expect 3 "exits +FAILED: its process exited with status 0" -- \
  "$suite" "${quick[@]}" fine_a exits
expect 3 "benchmark 'exits' called exit\(0\) during its run" -- \
  "$suite" "${quick[@]}" fine_a exits --processes 0
# ... and the others measured before it are still reported, marked partial.
expect 3 "fine_a +time:" -- "$suite" "${quick[@]}" fine_a exits --processes 0
expect 3 "exits +FAILED: called exit\(0\)" -- \
  "$suite" "${quick[@]}" fine_a exits --processes 0
if can_valgrind "$suite"; then
  expect 3 "benchmark 'exits' called exit\(0\) during its run" -- \
    "$suite" --exact fine_a exits --collector callgrind
  expect 3 "fine_a +instructions:" -- \
    "$suite" --exact fine_a exits --collector callgrind
else
  echo "SKIP: valgrind is not installed (or cannot host this build): exit() under --collector callgrind"
fi

# 3b. A run in which a benchmark failed never replaces a baseline: its
# good old figures would be lost, and the next comparison would judge
# nothing for it.
"$suite" "${quick[@]}" fine_a exits --baseline-dir "$tmp/keep" \
  --save-baseline kept >/dev/null 2>&1
check "a failed run saved no new baseline" test ! -e "$tmp/keep/kept.yaml"
"$suite" "${quick[@]}" fine_a --baseline-dir "$tmp/keep" \
  --save-baseline kept >/dev/null 2>&1
cp "$tmp/keep/kept.yaml" "$tmp/kept.before"
expect 3 "baseline 'kept' not saved \(nor its history\): 1 benchmark failed" -- \
  "$suite" "${quick[@]}" fine_a exits --baseline-dir "$tmp/keep" \
  --save-baseline kept --history 5
check "a failed run left the baseline as it was" \
  cmp -s "$tmp/keep/kept.yaml" "$tmp/kept.before"
check "a failed run recorded no history" test ! -e "$tmp/keep/history/kept.yaml"
# A run of part of the suite saves that part, and says what it dropped.
"$suite" "${quick[@]}" fine_a fine_b --baseline-dir "$tmp/keep" \
  --save-baseline part >/dev/null 2>&1
expect 0 "note: baseline 'part' now holds the 1 benchmark of this run; 1 benchmark it held before is no longer in it" -- \
  "$suite" "${quick[@]}" fine_a --baseline-dir "$tmp/keep" --save-baseline part

# 4. A heap corrupted until malloc aborts: failed with its cause, in a
# worker, and the others measured in a fresh one.
if sanitized "$suite"; then
  echo "SKIP: AddressSanitizer build: it reports the double free itself"
else
  expect 3 "corrupts_heap +FAILED: crashed with signal 6" -- \
    "$suite" "${quick[@]}" fine_a corrupts_heap fine_b
  grep -Eq '^fine_b +time:' "$tmp/out" || { echo "FAIL: fine_b not reported"; failures=$((failures + 1)); }
fi

# 5. A benchmark's printf never reaches a report on stdout.
for processes in 3 0; do
  "$suite" "${quick[@]}" fine_a prints --format json --processes "$processes" \
    >"$tmp/report.json" 2>"$tmp/err"
  check "json on stdout stays json (--processes $processes)" \
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/report.json"
  check "the benchmark's output went to stderr (--processes $processes)" \
    grep -q 'noise from the benchmark' "$tmp/err"
  "$suite" "${quick[@]}" fine_a prints --format csv --processes "$processes" \
    >"$tmp/report.csv" 2>/dev/null
  check "csv on stdout has no stray lines (--processes $processes)" \
    bash -c "! grep -q noise '$tmp/report.csv'"
done

# 6. A benchmark that forks and returns: one report, one save.
for processes in 3 0; do
  expect 0 "saved baseline 'forked$processes'" -- "$suite" "${quick[@]}" \
    fine_a forks --processes "$processes" --save-baseline "forked$processes"
  check "one report and one save after a fork (--processes $processes)" \
    test "$(grep -c -e '^forks ' -e 'saved baseline' "$tmp/out")" -eq 2
done

# 7. SIGINT and SIGTERM: a partial report, nothing saved or replaced, no
# worker left, 128 + the signal. 200 rounds of `slow` take at least
# 200 x 20 samples x 1 ms = 4 s, and rounds interleave the two benchmarks,
# so after 2 s both are measured in part and neither in full.
echo 'old report' >"$tmp/kept.json"
for sig in INT TERM; do
  code=$((128 + $(kill -l "$sig")))
  "$suite" --rounds 200 --exact fine_a slow --output "$tmp/kept.json" \
    --output "$tmp/new.csv" --save-baseline "stopped" \
    >"$tmp/sig.out" 2>"$tmp/sig.err" &
  pid=$!
  sleep 2
  kill -"$sig" "$pid"
  wait "$pid"
  got=$?
  check "SIG$sig: exit $code (got $got)" test "$got" -eq "$code"
  check "SIG$sig: says the report is partial" \
    grep -Eq "interrupted by SIG$sig: of 2 benchmarks, 0 measured in full, 2 in part \(not all their rounds\), 0 not reached" "$tmp/sig.err"
  check "SIG$sig: the benchmarks measured are reported" grep -Eq '^slow +time:' "$tmp/sig.out"
  check "SIG$sig: stdout's report says it is partial" \
    grep -q "(interrupted by SIG$sig: partial, not judged)" "$tmp/sig.out"
  check "SIG$sig: an existing --output file is kept" grep -qx 'old report' "$tmp/kept.json"
  check "SIG$sig: a new --output file is not left" test ! -e "$tmp/new.csv"
  check "SIG$sig: no baseline saved" test ! -e "$tmp/baselines/stopped.yaml"
  check "SIG$sig: no worker left" none_running "^$suite --worker"
done

# Under callgrind, a signal to the parent reaches valgrind and the program
# under it: both stop, and the temporary folder goes.
if can_valgrind "$suite"; then
  "$suite" --exact fine_a slow fine_b --collector callgrind --iterations 3000 \
    >"$tmp/cg.out" 2>"$tmp/cg.err" &
  pid=$!
  sleep 3
  kill -TERM "$pid"
  wait "$pid"
  got=$?
  check "callgrind SIGTERM: exit 143 (got $got)" test "$got" -eq 143
  check "callgrind SIGTERM: valgrind stopped" none_running "log-file=$tmp/"
  check "callgrind SIGTERM: temporary folder removed" \
    bash -c "! ls -d '$tmp'/yardstick-callgrind.* >/dev/null 2>&1"
else
  echo "SKIP: valgrind is not installed: signals under --collector callgrind"
fi

# 8. An unwritable --callgrind-out is an input
# error (2) naming the folder, never valgrind's 1 ("regressed").
if can_valgrind "$suite"; then
  mkdir -p "$tmp/readonly"
  chmod 555 "$tmp/readonly"
  # root writes anywhere: make the folder immutable instead, if it can be.
  if touch "$tmp/readonly/probe" 2>/dev/null; then
    rm -f "$tmp/readonly/probe"
    chattr +i "$tmp/readonly" 2>/dev/null
  fi
  if touch "$tmp/readonly/probe" 2>/dev/null; then
    echo "SKIP: cannot make a folder unwritable here: --callgrind-out"
  else
    expect 2 "callgrind-out: cannot write into $tmp/readonly" -- \
      "$suite" --exact fine_a --collector callgrind --callgrind-out "$tmp/readonly"
  fi
else
  echo "SKIP: valgrind is not installed: --callgrind-out into a read-only folder"
fi

finish
