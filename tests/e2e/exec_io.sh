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
# shellcheck source=lib/exec_common.sh
. "$(dirname "$0")/lib/exec_common.sh"

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

# --- --commands FILE: named commands, each with its own prepare, before
# the command line's (which -n names); every run of each is logged.
cat >"$tmp/commands.yaml" <<YAML
commands:
  - name: one
    command: sh -c 'echo \$0 >>"\$1"' one $tmp/cmds.log
    prepare: echo prepare-one >>$tmp/cmds.log
  - command: sh -c 'echo \$0 >>"\$1"' two $tmp/cmds.log
YAML
rm -f "$tmp/cmds.log"
"$bench" exec --warm-up-runs 0 --runs 2 --rounds 1 --format json \
  --commands "$tmp/commands.yaml" -n three -- \
  sh -c 'echo three >>"$0"' "$tmp/cmds.log" >"$tmp/commands.json"
check '[ $? -eq 0 ]' "--commands FILE with a command line command runs"
check "[ \"\$(jq -r '[.benchmarks[].name] | sort | join(\",\")' $tmp/commands.json)\" = \"one,sh -c 'echo \\\$0 >>\\\"\\\$1\\\"' two $tmp/cmds.log,three\" ]" \
  "names: the file's, the command for an unnamed one, -n for the command line"
check "[ \$(grep -c '^one' $tmp/cmds.log) = 2 ] && [ \$(grep -c '^two' $tmp/cmds.log) = 2 ] && [ \$(grep -c '^three' $tmp/cmds.log) = 2 ]" \
  "each command of the file and the command line ran twice"
check "[ \$(grep -c '^prepare-one' $tmp/cmds.log) = 2 ]" \
  "the file's prepare ran before each run of its own command only"
# Mistakes: exit 2, naming file:line: key.
printf 'commands:\n  - name: a\n    comand: true\n' >"$tmp/bad1.yaml"
expect 2 "bad1.yaml:3: comand: unknown key \(known: name, command, prepare\)" -- \
  "$bench" exec --commands "$tmp/bad1.yaml"
printf 'commands:\n  - name: a\n' >"$tmp/bad2.yaml"
expect 2 "bad2.yaml:2: command: missing" -- "$bench" exec --commands "$tmp/bad2.yaml"
printf 'commands:\n  - command: "true | true"\n' >"$tmp/bad3.yaml"
expect 2 "bad3.yaml:2: command: .*shell operator" -- \
  "$bench" exec --commands "$tmp/bad3.yaml"
printf 'commands: [\n' >"$tmp/bad4.yaml"
expect 2 "bad4.yaml:2: not valid YAML" -- "$bench" exec --commands "$tmp/bad4.yaml"
printf 'commands:\n  - command: true\n    name: x\n' >"$tmp/dup.yaml"
expect 2 "two commands are named 'x'" -- \
  "$bench" exec --commands "$tmp/dup.yaml" -n x false
expect 2 "--commands: $tmp/none.yaml: No such file" -- \
  "$bench" exec --commands "$tmp/none.yaml"

# --- --pin CPU: this process and so every command it runs stay on that
# CPU (the last one this test may use), and the report's context says so.
cpu=$(awk '/^Cpus_allowed_list/ { n = split($2, a, /[-,]/); print a[n] }' \
  /proc/self/status)
"$bench" exec --pin "$cpu" --warm-up-runs 0 --runs 1 --rounds 1 \
  --show-output --format json -- \
  sh -c 'grep Cpus_allowed_list /proc/self/status >&2' \
  >"$tmp/pin.json" 2>"$tmp/pin.err"
check '[ $? -eq 0 ]' "--pin $cpu runs"
check "grep -Eq 'Cpus_allowed_list:[[:space:]]+$cpu\$' $tmp/pin.err" \
  "the command runs on CPU $cpu alone ($(grep Cpus_allowed "$tmp/pin.err"))"
check "[ \"\$(jq -r .context.pinned_cpu $tmp/pin.json)\" = '$cpu' ]" \
  "the context records pinned_cpu $cpu"
expect 2 "--pin: CPU 4099 is not one this process may run on" -- \
  "$bench" exec --pin 4099 true

# --- --cleanup runs once whenever --setup began: after a failed --setup,
log=$tmp/hooks.log
rm -f "$log"
expect 3 "--setup 'echo setup >>$log; exit 4' exited with status 4" -- \
  "$bench" exec --setup "echo setup >>$log; exit 4" \
  --cleanup "echo cleanup >>$log" true
check "[ \"\$(cat $log | tr '\n' ' ')\" = 'setup cleanup ' ]" \
  "a failed --setup is followed by --cleanup, once ($(tr '\n' ' ' <"$log"))"
# after an interrupted one (exit 130),
rm -f "$log"
"$bench" exec --setup "echo setup >>$log; sleep 100" \
  --cleanup "echo cleanup >>$log" true >/dev/null 2>"$tmp/setup.err" &
pid=$!
for _ in $(seq 100); do
  grep -q setup "$log" 2>/dev/null && break
  sleep 0.1
done
kill -INT "$pid"
wait "$pid"
code=$?
check "[ $code -eq 130 ]" "SIGINT during --setup: exit 130 ($code)"
check "[ \"\$(cat $log | tr '\n' ' ')\" = 'setup cleanup ' ]" \
  "an interrupted --setup is followed by --cleanup, once ($(tr '\n' ' ' <"$log"))"
# and a SIGINT during --cleanup lets it finish and keeps the finished
# measurement: the whole report, the baseline saved, exit 0, a note.
rm -f "$log"
"$bench" exec --warm-up-runs 0 --runs 3 --rounds 3 --format json \
  --save-baseline kept --cleanup "echo cleanup >>$log; sleep 1; echo done >>$log" \
  true >"$tmp/cleanup.json" 2>"$tmp/cleanup.err" &
pid=$!
for _ in $(seq 100); do
  grep -q cleanup "$log" 2>/dev/null && break
  sleep 0.1
done
kill -INT "$pid"
wait "$pid"
code=$?
check "[ $code -eq 0 ]" "SIGINT during --cleanup: the exit code of the report ($code)"
check "grep -q done $log" "SIGINT during --cleanup: the cleanup finished"
check "[ \"\$(jq '.benchmarks[0].series[0].rounds | length' $tmp/cleanup.json)\" = 3 ]" \
  "SIGINT during --cleanup: the report holds all 3 rounds"
check "[ -e $tmp/baselines/kept.json ] || ls $tmp/baselines/kept* >/dev/null 2>&1" \
  "SIGINT during --cleanup: the baseline was saved"
check "grep -q 'SIGINT came during --cleanup.*report above stands' $tmp/cleanup.err" \
  "SIGINT during --cleanup: a note says so"

# --- A bench killed by SIGKILL, which can run no handler, does not leave
# its command running: the kernel kills the command with it.
# alive PID: the process exists and is not a zombie.
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${state#Z}" = "$state" ]
}
"$bench" exec --warm-up-runs 0 --runs 1 --rounds 1 -- sleep 30 \
  >/dev/null 2>&1 &
pid=$!
child=
for _ in $(seq 100); do
  child=$(ps -o pid= --ppid "$pid" 2>/dev/null | tr -d ' ')
  [ -n "$child" ] && [ "$(ps -o comm= -p "$child")" = sleep ] && break
  sleep 0.1
done
# (The shell's "Killed" line for its job goes with wait's stderr.)
{
  kill -KILL "$pid"
  wait "$pid"
} 2>/dev/null
for _ in $(seq 50); do
  [ -n "$child" ] && ! alive "$child" && break
  sleep 0.1
done
check "[ -n '$child' ] && ! alive '$child'" \
  "the command (sleep 30, pid ${child:-none}) died with the SIGKILLed bench"

# --- Messages of a command that cannot start: what is wrong with it, and
# a hint when its words were meant for a shell.
mkdir "$tmp/dir"
printf '#!/bin/sh\n' >"$tmp/noexec"
chmod -x "$tmp/noexec"
expect 2 "command '$tmp/dir' is a directory" -- "$bench" exec "$tmp/dir"
expect 2 "command '$tmp/noexec' is not executable \(permission denied\)" -- \
  "$bench" exec "$tmp/noexec"
expect 2 "command 'noexec' \($tmp/noexec\) is not executable" -- \
  env PATH="$PATH:$tmp" "$bench" exec noexec
expect 2 "hint: 'FOO=1' sets a variable only in a shell.*'env FOO=1 true\.\.\.', or give --shell sh" -- \
  "$bench" exec -- FOO=1 true
expect 2 "hint: 'FOO=1' sets a variable" -- "$bench" exec 'FOO=1 true'
# A comment or an operator reaches the program as an argument without a
# shell: the failure says so, whether it exits 127 or otherwise.
expect 3 "hint: '#' is shell syntax.*give --shell sh" -- \
  "$bench" exec --warm-up-runs 0 --runs 1 --rounds 1 "ls $tmp/none # a comment"
expect 3 "hint: '&&' is shell syntax" -- \
  "$bench" exec --warm-up-runs 0 --runs 1 --rounds 1 -- \
  sh -c 'exit 127' '&&' true
# No hint for a command that merely fails, or runs through sh.
"$bench" exec --warm-up-runs 0 --runs 1 --rounds 1 false >/dev/null \
  2>"$tmp/nohint.err"
check "! grep -q hint: $tmp/nohint.err" "no hint for a plain failure"
"$bench" exec --shell sh --warm-up-runs 0 --runs 1 --rounds 1 \
  "ls $tmp/none # a comment" >/dev/null 2>"$tmp/nohint.err"
check "! grep -q hint: $tmp/nohint.err" "no hint under --shell sh"

# --- --collector callgrind: one exact run, so a number of runs, rounds or
# warm-up runs would be dropped: refused, naming the option. --timeout is
# kept (a sleep of 5 s is killed at 0.5 s).
for opt in runs rounds warm-up-runs; do
  expect 2 "--$opt does nothing with --collector callgrind" -- \
    "$bench" exec --collector callgrind "--$opt" 1 true
done
if can_valgrind "$bench"; then
  expect 3 "timed out: still running after 0.5 s" -- \
    "$bench" exec --collector callgrind --timeout 0.5 'sleep 5'
else
  echo "note: callgrind --timeout check skipped (no valgrind)"
fi

# --- The command and its shell mode are recorded per command, in the JSON
# report and in the baseline, which reads back.
"$bench" exec --warm-up-runs 0 --runs 2 --rounds 1 --format json \
  --save-baseline recorded -n plain 'true  x' -n argv -- printf '%s' 'a b' \
  >"$tmp/recorded.json" 2>/dev/null
check "[ \"\$(jq -r '.benchmarks[] | select(.name == \"plain\") | .command + \"|\" + .shell' $tmp/recorded.json)\" = 'true  x|none' ]" \
  "JSON: a split command's text as given, shell none"
check "[ \"\$(jq -r '.benchmarks[] | select(.name == \"argv\") | .command + \"|\" + .shell' $tmp/recorded.json)\" = 'printf %s a b|none' ]" \
  "JSON: an argv after -- joined by spaces, shell none"
"$bench" exec --warm-up-runs 0 --runs 2 --rounds 1 --format json --shell sh \
  -n viash 'true | true' >"$tmp/sh.json" 2>/dev/null
check "[ \"\$(jq -r '.benchmarks[0].command + \"|\" + .benchmarks[0].shell' $tmp/sh.json)\" = 'true | true|sh' ]" \
  "JSON: --shell sh recorded"
check "grep -Eq '^ +command: \"?true  x\"?\$' $tmp/baselines/recorded.yaml && grep -Eq '^ +shell: none\$' $tmp/baselines/recorded.yaml" \
  "the baseline records command and shell"
expect 0 'plain' -- "$bench" exec --warm-up-runs 0 --runs 2 --rounds 1 \
  --baseline recorded --threshold 1000 -n plain 'true  x' -n argv -- \
  printf '%s' 'a b'

# Names are UTF-8 (JSON and YAML hold nothing else): a given name that is
# not is refused; one taken from the command gets '?' for the stray byte,
# so that a saved baseline still matches it.
expect 2 "is not UTF-8; names go into baselines" -- "$bench" exec "${quick[@]}" \
  -n "$(printf 'caf\351')" true
(cd "$tmp" && "$bench" exec "${quick[@]}" --save-baseline latin -- \
  echo "$(printf 'caf\351')" >/dev/null 2>&1) || fail "latin save failed"
expect 0 '1 (unchanged|inconclusive|improved|regressed)' -- \
  sh -c "cd '$tmp' && '$bench' exec ${quick[*]} --threshold 1000 \
  --baseline latin -- echo \"\$(printf 'caf\\351')\""

# Two commands of one name in a --commands file: named at the second.
printf 'commands:\n  - name: a\n    command: "true"\n  - name: a\n    command: "true"\n' \
  >"$tmp/dup.yaml"
expect 2 "dup.yaml:4: name: two commands are named 'a'" -- \
  "$bench" exec "${quick[@]}" --commands "$tmp/dup.yaml"

# A second Ctrl-C during --cleanup ends bench at once (130), but not the
# cleanup, which must undo --setup whatever happens to bench: it runs on
# to its end.
rm -f "$tmp/c_started" "$tmp/c_done"
"$bench" exec --warm-up-runs 0 --runs 2 --rounds 1 \
  --cleanup "touch $tmp/c_started; sleep 4; touch $tmp/c_done" -- true \
  >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do
  [ -e "$tmp/c_started" ] && break
  sleep 0.1
done
kill -INT "$pid"
sleep 2.5
kill -INT "$pid"
wait "$pid"
code=$?
check "[ $code -eq 130 ]" "a second SIGINT during --cleanup ends bench ($code)"
check "[ ! -e $tmp/c_done ]" "  ... before the cleanup is done"
for _ in $(seq 60); do
  [ -e "$tmp/c_done" ] && break
  sleep 0.1
done
check "[ -e $tmp/c_done ]" "  ... and the cleanup still runs to its end"

# Google Benchmark's cpu_time of a command is its user plus system time,
# round by round, not its wall time (a sleep has almost none).
"$bench" exec --warm-up-runs 0 --runs 3 --rounds 3 \
  --output "gbench:$tmp/cpu.gb.json" -- sleep 0.05 >/dev/null 2>&1 ||
  { echo "FAIL: gbench run of sleep failed"; failures=$((failures + 1)); }
check "jq -e '[.benchmarks[] | select(.run_type == \"iteration\") |
  ((.cpu_time - .user_time - .system_time) | fabs) < 1 and
  .cpu_time < .real_time / 2] | length == 3 and all' $tmp/cpu.gb.json >/dev/null" \
  "gbench cpu_time of a command is user + system time"

finish
