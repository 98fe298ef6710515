#!/usr/bin/env bash
# End-to-end tests of `bench exec`: commands whose cost is known (sleep),
# failures counted into a success rate, a command that does not exist
# (exit 2), a command killed by a signal (named), --prepare/--setup/
# --cleanup counts, the comparison with a reference command, baselines and
# the gate, the option checks, and exact instruction counts of a tiny
# static program under callgrind checked against valgrind run directly.
# Usage: exec.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
bench=$1
# shellcheck source=lib/exec_common.sh
. "$(dirname "$0")/lib/exec_common.sh"

# median_ms JSON NAME: the median run time of command NAME, in ms.
median_ms() {
  jq -r --arg n "$2" '.benchmarks[] | select(.name == $n) |
    .series[0].estimates.median.point / 1e6' "$1"
}

# --- A command of known cost: sleep 0.05 lasts 50 ms plus the cost of
# starting a process (a few ms here); the bound above is generous because
# the machine may be loaded.
"$bench" exec --runs 6 --rounds 3 --warm-up-runs 1 --format json \
  'sleep 0.05' >"$tmp/sleep.json"
check '[ $? -eq 0 ]' "sleep 0.05 runs"
m=$(median_ms "$tmp/sleep.json" 'sleep 0.05')
check "awk -v m=$m 'BEGIN { exit !(m >= 49 && m < 500) }'" \
  "sleep 0.05 takes 49..500 ms (median $m ms)"
check "[ \"\$(jq '.benchmarks[0].series | map(.metric) | join(\",\")' \
  "$tmp/sleep.json")\" = '\"time,user_time,system_time,max_rss\"' ]" \
  "a run has time, user_time, system_time and max_rss"
check "[ \"\$(jq '.benchmarks[0].series[0].rounds | length' \
  "$tmp/sleep.json")\" = 3 ]" "6 runs in 3 rounds"

# The argv after -- is taken as it is (no word splitting, no shell).
expect 0 'sleep 0\.01 ' -- "$bench" exec --runs 2 --rounds 1 -- sleep 0.01

# --- Failures and the success rate. The command fails on every second run
# (a counter in a file): 4 measured runs, no warm-up → 2 failures, 50 %.
counter=$tmp/counter
echo 0 >"$counter"
flaky="n=\$(cat $counter); echo \$((n + 1)) > $counter; [ \$((n % 2)) -eq 0 ]"
expect 3 'exited with status 1 in 2 of 4 runs \(success rate 50 %' -- \
  "$bench" exec --shell sh --warm-up-runs 0 --runs 4 --rounds 2 "$flaky"
echo 0 >"$counter"
expect 0 'non-zero status in 2 of 4 runs \(success rate 50 %\), accepted' -- \
  "$bench" exec --shell sh --warm-up-runs 0 --runs 4 --rounds 2 \
  --ignore-failure "$flaky"
expect 3 "command 'false' failed: exited with status 1 in 3 of 3 runs" -- \
  "$bench" exec --runs 3 --rounds 1 false
# A failing command does not stop the others.
expect 3 'true .*time:' -- "$bench" exec --runs 2 --rounds 1 false true

# --- A command that does not exist: exit 2 before anything runs.
expect 2 "command 'no-such-command-ys' not found in PATH" -- \
  "$bench" exec no-such-command-ys
expect 2 "command '/no/such/program' not found" -- \
  "$bench" exec true -- /no/such/program

# --- Killed by a signal: the signal's name, and exit 3.
expect 3 'killed by SIGTERM in 2 of 2 runs \(success rate 0 %\)' -- \
  "$bench" exec --runs 2 --rounds 1 --warm-up-runs 0 -- sh -c 'kill -TERM $$'
expect 3 'killed by SIGKILL' -- \
  "$bench" exec --ignore-failure --runs 1 --rounds 1 --shell sh 'kill -9 $$'

# --- --timeout: a run still going is killed, its command reported failed
# and not run again (1 warm-up run of 5 s would otherwise take 5 s, and
# 2 runs 10 s); the other commands are measured.
start=$(date +%s)
expect 3 "'sleep 5' failed: timed out: still running after 0.3 s" -- \
  "$bench" exec --timeout 0.3 --warm-up-runs 1 --runs 2 --rounds 1 \
  'sleep 5' true
check "[ \$((\$(date +%s) - start)) -lt 4 ]" "the hung command was killed at once"
expect 2 "--timeout: 'abc' is not a number" -- "$bench" exec --timeout abc true

# --- --timeout kills the command's whole process group, the processes it
# started included: the shell's background sleep writes its pid, and must
# be gone once bench exec has returned (without the group, the sleep would
# outlive its killed parent by 100 s).
# alive PID: the process exists and is not a zombie (a killed orphan is
# one until its new parent reaps it, and kill -0 still finds it then).
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${state#Z}" = "$state" ]
}
rm -f "$tmp/grandchild.pid"
expect 3 "timed out: still running after 0.3 s" -- \
  "$bench" exec --timeout 0.3 --warm-up-runs 0 --runs 1 --rounds 1 -- \
  sh -c 'sleep 100 & echo $! >"$0"; sleep 100' "$tmp/grandchild.pid"
gc=$(cat "$tmp/grandchild.pid" 2>/dev/null)
check "[ -n '$gc' ] && ! alive '$gc'" \
  "the timed-out command's grandchild (pid ${gc:-none}) was killed too"
# A shell that ignores SIGTERM is killed by SIGKILL after the grace period.
expect 3 "timed out: still running after 0.3 s" -- \
  "$bench" exec --timeout 0.3 --warm-up-runs 0 --runs 1 --rounds 1 -- \
  sh -c 'trap "" TERM; sleep 100 & echo $! >"$0"; while :; do :; done' \
  "$tmp/grandchild.pid"
gc=$(cat "$tmp/grandchild.pid" 2>/dev/null)
check "[ -n '$gc' ] && ! alive '$gc'" \
  "a group that ignores SIGTERM is killed by SIGKILL (pid ${gc:-none})"

# --- SIGINT: the measuring stops, the commands measured so far are
# reported on stdout (partial, said on stderr), no --output file is
# written, and the exit code is 130. 1000 runs of 20 ms each would take
# 40 s; the signal comes once a few rounds are done (a --prepare hook
# counts the runs).
rm -f "$tmp/partial.out" "$tmp/runs.log"
"$bench" exec --warm-up-runs 0 --runs 1000 --rounds 1000 --format json \
  --output "$tmp/partial.out.json" --prepare "echo >>$tmp/runs.log" \
  -n a 'sleep 0.02' -n b 'sleep 0.02' >"$tmp/partial.json" \
  2>"$tmp/partial.err" &
pid=$!
for _ in $(seq 100); do
  [ "$(wc -l <"$tmp/runs.log" 2>/dev/null || echo 0)" -ge 6 ] && break
  sleep 0.1
done
kill -INT "$pid"
wait "$pid"
code=$?
check "[ $code -eq 130 ]" "SIGINT: exit code 130 ($code)"
check "grep -q 'interrupted by SIGINT: 2 of 2 commands measured; the report above is partial' $tmp/partial.err" \
  "SIGINT: stderr says the report is partial"
check "[ \"\$(jq -r .summary.interrupted_by $tmp/partial.json)\" = SIGINT ]" \
  "SIGINT: the JSON report says it was interrupted"
rounds=$(jq '[.benchmarks[] | .series[0].rounds | length] | min' "$tmp/partial.json")
check "[ -n '$rounds' ] && [ '$rounds' -ge 2 ] && [ '$rounds' -lt 1000 ]" \
  "SIGINT: both commands reported with the rounds measured ($rounds of 1000)"
check "[ ! -e $tmp/partial.out.json ]" "SIGINT: no --output file written"

# SIGINT while a command runs ends it (its process group, which a
# terminal's Ctrl-C would not reach), and before its first measured run
# nothing is reported for it.
rm -f "$tmp/running.pid"
"$bench" exec --warm-up-runs 0 --runs 2 --rounds 1 -- \
  sh -c 'echo $$ >"$0"; sleep 100' "$tmp/running.pid" \
  >/dev/null 2>"$tmp/running.err" &
pid=$!
for _ in $(seq 100); do
  [ -s "$tmp/running.pid" ] && break
  sleep 0.1
done
kill -INT "$pid"
wait "$pid"
code=$?
running=$(cat "$tmp/running.pid" 2>/dev/null)
check "[ $code -eq 130 ]" "SIGINT during a run: exit code 130 ($code)"
check "[ -n '$running' ] && ! alive '$running'" \
  "SIGINT during a run: the command (pid ${running:-none}) was ended"
check "grep -q '0 of 1 commands measured' $tmp/running.err" \
  "SIGINT during a run: the unmeasured command is left out"

# --- --setup once, --prepare before every run (warm-up included),
# --cleanup once: 2 warm-up + 5 measured runs = 7 prepare lines.
log=$tmp/hooks.log
expect 0 'true' -- "$bench" exec --warm-up-runs 2 --runs 5 --rounds 5 \
  --setup "echo setup > $log" --prepare "echo prepare >> $log" \
  --cleanup "echo cleanup >> $log" true
check "[ \"\$(grep -c prepare $log)\" = 7 ] && [ \"\$(head -1 $log)\" = setup ] \
  && [ \"\$(tail -1 $log)\" = cleanup ]" "setup once, 7 prepares, cleanup once"
expect 3 "--setup 'exit 4' exited with status 4" -- \
  "$bench" exec --setup 'exit 4' true
expect 3 "--prepare 'exit 5' exited with status 5" -- \
  "$bench" exec --prepare 'exit 5' true

# --- Output: to /dev/null by default, to stderr with --show-output; never
# on stdout, which belongs to the report.
"$bench" exec --runs 1 --rounds 1 --warm-up-runs 0 'echo marker-ys' \
  >"$tmp/o1" 2>"$tmp/e1"
check "! grep -q '^marker-ys' $tmp/o1 $tmp/e1" "output discarded by default"
"$bench" exec --runs 1 --rounds 1 --warm-up-runs 0 --show-output \
  'echo marker-ys' >"$tmp/o2" 2>"$tmp/e2"
check "grep -q '^marker-ys' $tmp/e2 && ! grep -q '^marker-ys' $tmp/o2" \
  "--show-output sends it to stderr"

# --- Two commands: the second against the first (the reference), or
# against --reference. sleep 0.06 against sleep 0.01: (60 + c) / (10 + c)
# for a start-up cost c; c < 40 ms here gives a ratio above 2, so 1.5 is
# a safe bound; the other way round, below 1 / 1.5.
"$bench" exec --runs 6 --rounds 3 --warm-up-runs 1 -n fast 'sleep 0.01' \
  -n slow 'sleep 0.06' --output "$tmp/rel.out.json" \
  --output "$tmp/rel.out.md" >"$tmp/rel.txt"
check '[ $? -eq 0 ]' "two commands run"
# The --output files hold each command's ratio to the reference too, as
# they hold a BENCH group's (same bound as below).
fratio=$(jq -r '.benchmarks[] | select(.name == "slow") | .group |
  select(.reference == "fast" and .ratio_status == "ok") | .ratio.point' \
  "$tmp/rel.out.json")
check "awk -v r=${fratio:-0} 'BEGIN { exit !(r > 1.5) }'" \
  "--output JSON: slow's ratio to fast > 1.5 (got ${fratio:-none})"
check "jq -e '.benchmarks[] | select(.name == \"fast\") | .group.ratio_status == \"reference\"' $tmp/rel.out.json >/dev/null" \
  "--output JSON: fast is the reference"
check "grep -q '^\*\*Groups\*\*' $tmp/rel.out.md && grep -q '\`slow\`.*× \`fast\`' $tmp/rel.out.md" \
  "--output Markdown: the group table with slow against fast"
ratio=$(awk '/^Relative to/ { on = 1; next } on && $1 == "slow" { sub("×", "", $2); print $2 }' "$tmp/rel.txt")
check "awk -v r=${ratio:-0} 'BEGIN { exit !(r > 1.5) }'" \
  "slow / fast > 1.5 (got ${ratio:-none})"
check "grep -q \"Relative to 'fast'\" $tmp/rel.txt" "first command is the reference"
"$bench" exec --runs 6 --rounds 3 --warm-up-runs 1 -n fast 'sleep 0.01' \
  -n slow 'sleep 0.06' --reference slow --format markdown >"$tmp/rel.md"
ratio=$(awk -F'|' '/^### Relative/ { on = 1 }
  on && $2 ~ /`fast`/ { gsub(/ /, "", $3); print $3 }' "$tmp/rel.md")
check "awk -v r=${ratio:-9} 'BEGIN { exit !(r < 1 / 1.5) }'" \
  "fast / slow < 0.67 in Markdown with --reference (got ${ratio:-none})"
check "grep -q '### Relative to \`slow\`' $tmp/rel.md" "Markdown section"
# A machine-readable stdout stays one document: the table goes to stderr.
"$bench" exec --runs 2 --rounds 1 -n a true -n b true --format json \
  >"$tmp/two.json" 2>"$tmp/two.err"
check "jq -e '.benchmarks | length == 2' $tmp/two.json >/dev/null &&
  grep -q \"Relative to 'a'\" $tmp/two.err" "JSON on stdout, the table on stderr"

# --- Baselines and the gate: a command named cmd saved at 10 ms of sleep,
# then measured at 120 ms, has regressed (exit 1); against itself, not.
expect 0 "saved baseline 'base'" -- "$bench" exec --runs 6 --rounds 3 \
  -n cmd 'sleep 0.01' --save-baseline base
expect 1 'regressed' -- "$bench" exec --runs 6 --rounds 3 \
  -n cmd 'sleep 0.12' --baseline base
# A regression is confirmed by as many rounds again before it is final.
"$bench" exec --runs 6 --rounds 3 -n cmd 'sleep 0.12' --baseline base \
  --format json >"$tmp/gate.json"
check "jq -e '.benchmarks[0].comparison | .remeasured and .new_rounds == 6' \
  $tmp/gate.json >/dev/null" "a regression is measured again (3 + 3 rounds)"
expect 0 'cmd' -- "$bench" exec --runs 6 --rounds 3 -n cmd 'sleep 0.01' \
  --baseline base --threshold 400
expect 0 'cmd' -- "$bench" exec --runs 2 --rounds 1 -n cmd true \
  --output "$tmp/report.csv"
check "grep -q '^\"\\?cmd' $tmp/report.csv || grep -q 'cmd' $tmp/report.csv" \
  "--output writes a CSV report"

# --- Bad input: exit 2, naming the option or command at fault.
expect 2 "--shell: 'bash' is not none or sh" -- "$bench" exec --shell bash true
expect 2 '--rounds: 5 rounds for 2 runs' -- \
  "$bench" exec --runs 2 --rounds 5 true
expect 2 "two commands are named 'x'" -- "$bench" exec -n x true -n x false
expect 2 "--reference: no command is named 'zz'" -- \
  "$bench" exec --reference zz true
expect 2 "has a shell operator .*--shell sh" -- "$bench" exec 'true | true'
expect 2 'has a command substitution' -- "$bench" exec 'echo $(id)'
expect 2 'give a command to time' -- "$bench" exec
expect 2 "format" -- "$bench" exec --format yaml true
expect 2 "--trace-children does nothing without --collector callgrind" -- \
  "$bench" exec --trace-children true
expect 2 "--collector: 'cpu'" -- "$bench" exec --collector cpu true
expect 2 '--if-missing' -- "$bench" exec --if-missing report true
expect 0 'Usage: .* exec' -- "$bench" exec --help

# --- Exact counts under callgrind: a tiny static program (no dynamic
# loader, whose work could depend on the environment) counts the same
# instructions run after run, and as many as callgrind reports when run
# directly (the oracle: the Ir of its "totals:" line). The count depends
# on the program's arguments and environment (the start-up code reads
# them), so both runs use the same path.
if can_valgrind "$bench" && printf 'int main(void) { volatile int s = 0;
  for (int i = 0; i < 1000; i++) s += i; return 0; }\n' >"$tmp/tiny.c" &&
  ${CC:-cc} -O1 -static -o "$tmp/tiny" "$tmp/tiny.c" 2>/dev/null; then
  c1=$("$bench" exec --collector callgrind --format json "$tmp/tiny" |
    jq '.benchmarks[0].series[0].estimates.median.point')
  c2=$("$bench" exec --collector callgrind --format json "$tmp/tiny" |
    jq '.benchmarks[0].series[0].estimates.median.point')
  valgrind --tool=callgrind --callgrind-out-file="$tmp/direct.out" \
    "$tmp/tiny" 2>/dev/null
  oracle=$(awk '/^events:/ { for (i = 2; i <= NF; i++) if ($i == "Ir") col = i }
    /^totals:/ { print $col }' "$tmp/direct.out")
  check "[ -n '$c1' ] && [ '$c1' = '$c2' ]" "two callgrind runs count the same ($c1, $c2)"
  check "[ '$c1' = '$oracle' ]" "the count is callgrind's own ($c1 vs $oracle)"
  check "[ \"\$(ls -A \${TMPDIR:-/tmp} | grep -c yardstick-exec)\" = 0 ]" \
    "no callgrind folder left behind"
  # A child under --trace-children adds its instructions: sh running the
  # program counts more than the program alone.
  c3=$("$bench" exec --collector callgrind --trace-children --format json \
    -- sh -c "$tmp/tiny" | jq '.benchmarks[0].series[0].estimates.median.point')
  check "[ \"\${c3%.*}\" -gt \"\${c1%.*}\" ]" "--trace-children counts the child too ($c3 > $c1)"
else
  echo "note: callgrind checks skipped (no valgrind, or no static libc)"
fi

# An inconclusive ratio says why, in bench exec's own flags: two rounds
# are fewer than a verdict needs.
"$bench" exec --warm-up-runs 0 --runs 4 --rounds 2 -n a true \
  -n b 'sleep 0.05' >"$tmp/few.txt" 2>&1
check "grep -q '(inconclusive: too few rounds to back it: raise --rounds)' $tmp/few.txt" \
  "an inconclusive ratio says why"

finish
