#!/usr/bin/env bash
# End-to-end tests of `bench exec --collector perf`: the counters follow
# the command into the processes it starts (checked against the CPU time
# wait4 reports for the same runs), a command that does nothing counts far
# less, an event the machine cannot count is named (and an error with
# --require-counters), the counters reach baselines, and --timeout still
# ends the command's process group.
# Usage: exec_perf.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
bench=$1
# shellcheck source=lib/exec_common.sh
. "$(dirname "$0")/lib/exec_common.sh"

# median JSON NAME METRIC: the median of METRIC for command NAME.
median() {
  jq -r --arg n "$2" --arg m "$3" '.benchmarks[] | select(.name == $n) |
    .series[] | select(.metric == $m) | .estimates.median.point' "$1"
}

if ! "$bench" exec --collector perf --counters task-clock --runs 1 \
  --warm-up-runs 0 true >/dev/null 2>"$tmp/probe"; then
  echo "SKIP: perf events cannot be opened here: $(cat "$tmp/probe")"
  exit 77
fi

# --- The work is done by grandchildren: the spawned process is sh, which
# starts head and wc. wait4's user + system time covers them too (sh waits
# for both), so it is the independent figure: task-clock, if it stopped at
# sh, would be sh's own few ms against tens of ms of copying 50 MB through
# a pipe. The bound is loose (0.5×) because rusage is sampled on ticks.
"$bench" exec --collector wall,perf --counters task-clock,page-faults \
  --shell sh --runs 4 --rounds 2 --warm-up-runs 1 --format json \
  -n busy 'head -c 50000000 /dev/zero | wc -c' -n idle 'true' \
  >"$tmp/busy.json" 2>"$tmp/busy.err"
check '[ $? -eq 0 ]' "wall,perf runs"
series=$(jq -r '.benchmarks[] | select(.name == "busy") |
  [.series[].metric] | join(",")' "$tmp/busy.json")
check '[ "$series" = "time,user_time,system_time,max_rss,task-clock,page-faults" ]' \
  "wall's metrics, then the counters in the order asked ($series)"
busy_tc=$(median "$tmp/busy.json" busy task-clock)
idle_tc=$(median "$tmp/busy.json" idle task-clock)
busy_cpu=$(jq -r '.benchmarks[] | select(.name == "busy") |
  [.series[] | select(.metric == "user_time" or .metric == "system_time") |
   .estimates.median.point] | add' "$tmp/busy.json")
busy_pf=$(median "$tmp/busy.json" busy page-faults)
echo "busy: task-clock ${busy_tc} ns, user+system ${busy_cpu} ns, page-faults ${busy_pf}; idle: task-clock ${idle_tc} ns"
check "awk 'BEGIN { exit !($busy_cpu > 20e6) }'" \
  "copying 50 MB costs tens of ms of CPU (wait4: $busy_cpu ns)"
check "awk 'BEGIN { exit !($busy_tc > 0.5 * $busy_cpu) }'" \
  "task-clock includes head and wc ($busy_tc ns vs $busy_cpu ns)"
check "awk 'BEGIN { exit !($idle_tc < $busy_tc / 10) }'" \
  "a command that does nothing counts far less ($idle_tc vs $busy_tc ns)"
check "awk 'BEGIN { exit !($busy_pf > 0) }'" "page faults counted ($busy_pf)"

# --- perf alone: the first counter is the primary metric, and the
# comparison between commands is made on it.
expect 0 "Relative to 'busy' \\(task-clock" -- \
  "$bench" exec --collector perf --counters task-clock --shell sh \
  --runs 2 --rounds 1 --warm-up-runs 0 \
  -n busy 'head -c 50000000 /dev/zero | wc -c' -n idle 'true'

# --- A hardware event on a machine without hardware counters (most
# virtual machines): named in a note, left out of the results; with
# --require-counters, exit 2.
if "$bench" exec --collector perf --counters instructions --runs 1 \
  --warm-up-runs 0 --require-counters true >/dev/null 2>&1; then
  echo "SKIP: this machine counts instructions in hardware; the checks of an unavailable event do not apply"
else
  "$bench" exec --collector perf --counters task-clock,instructions \
    --runs 2 --rounds 1 --warm-up-runs 0 --format json true \
    >"$tmp/hw.json" 2>"$tmp/hw.err"
  check '[ $? -eq 0 ]' "software events still counted without hardware ones"
  check 'grep -q "note: perf: not counted: instructions (" "$tmp/hw.err"' \
    "the missing event is named, with why ($(cat "$tmp/hw.err"))"
  hw_series=$(jq -r '[.benchmarks[0].series[].metric] | join(",")' "$tmp/hw.json")
  check '[ "$hw_series" = "task-clock" ]' \
    "no series for the missing event ($hw_series)"
  expect 2 "--collector perf: not counted: instructions \\(" -- \
    "$bench" exec --collector perf --counters task-clock,instructions \
    --require-counters --runs 2 true
  # The default set holds hardware events too: the same refusal.
  expect 2 "not counted: instructions, cycles" -- \
    "$bench" exec --collector perf --require-counters --runs 2 true
  expect 2 "no perf event can be counted here: instructions" -- \
    "$bench" exec --collector perf --counters instructions --runs 2 true
fi

# --- Bad input names the option.
expect 2 "--counters: unknown perf event 'nope'" -- \
  "$bench" exec --collector perf --counters task-clock,nope true
expect 2 "--counters does nothing without --collector perf" -- \
  "$bench" exec --counters task-clock true

# --- Counters go into baselines and are compared there.
"$bench" exec --collector perf --counters task-clock,page-faults \
  --runs 4 --rounds 2 --warm-up-runs 0 -n t 'true' --save-baseline pb \
  >/dev/null 2>&1
check '[ $? -eq 0 ]' "a baseline of counters is saved"
check 'grep -rq "task-clock" "$YARDSTICK_BASELINE_DIR"' \
  "the baseline holds task-clock"
expect 0 "t" -- "$bench" exec --collector perf --counters task-clock,page-faults \
  --runs 4 --rounds 2 --warm-up-runs 0 -n t 'true' --baseline pb \
  --threshold 1000

# --- The process group and --timeout are kept under perf: the shell's
# background sleep is ended with it, well before its 37 s.
start=$(date +%s)
expect 3 "timed out: still running after 0.5 s" -- \
  "$bench" exec --collector perf --counters task-clock --shell sh \
  --timeout 0.5 --runs 1 --warm-up-runs 0 'sleep 37.25 & sleep 37.25'
check '[ $(( $(date +%s) - start )) -lt 20 ]' "the timeout ended the group"
check '! pgrep -f "^sleep 37.25$" >/dev/null' "no sleep 37.25 is left behind"

finish
