#!/usr/bin/env bash
# End-to-end test of `bench doctor` and --pin: the findings and fixes read
# from the fake machines under tests/fixtures/doctor (YS_DOCTOR_ROOT), the
# tools found through a PATH of fake `valgrind` and `perf` scripts, the
# exit codes (0; 1 with --strict on warnings, or on a problem for the
# collector asked for; 2 on bad usage), the JSON form, and the findings
# and the pinned CPU in a run's context and Markdown footer.
# Usage: doctor.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
bench=$1
machines=$2/fixtures/doctor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Fake tools: valgrind and perf that print a version no real one has.
mkdir -p "$tmp/tools" "$tmp/none"
printf '#!/bin/sh\necho valgrind-9.9.9-fake\n' >"$tmp/tools/valgrind"
printf '#!/bin/sh\necho perf version 9.9.9-fake\n' >"$tmp/tools/perf"
chmod +x "$tmp/tools/valgrind" "$tmp/tools/perf"

noisy() { env YS_DOCTOR_ROOT="$machines/noisy" PATH="$tmp/tools" "$@"; }
tuned() { env YS_DOCTOR_ROOT="$machines/tuned" PATH="$tmp/tools" "$@"; }

# The noisy machine: each disturbance is a warning with its fix, and
# measuring can still proceed (exit 0).
expect 0 'warning +governor +powersave on 3 of 4 CPUs' -- noisy "$bench" doctor
for pattern in \
  'fix: sudo cpupower frequency-set -g performance' \
  'warning +turbo .*intel_pstate' \
  'fix: echo 1 \| sudo tee /sys/devices/system/cpu/intel_pstate/no_turbo' \
  'warning +smt +4 of 4 CPUs share a core' \
  'fix: echo off \| sudo tee /sys/devices/system/cpu/smt/control' \
  'warning +perf_event_paranoid +3: ' \
  'fix: sudo sysctl kernel.perf_event_paranoid=1' \
  'warning +load +load average 3.50 on 4 CPUs' \
  'warning +container +a docker container with a CPU quota' \
  "warning +virtual machine +DMI product name 'KVM'" \
  'ok +valgrind +valgrind-9.9.9-fake' \
  'ok +perf tool +perf version 9.9.9-fake' \
  'ok +aslr +off' \
  'warning +clock +resolution .*clock source hpet' \
  'fix: echo tsc \| sudo tee' \
  '[0-9]+ ok, [0-9]+ warnings, 0 problems: measuring can proceed'; do
  grep -Eq -- "$pattern" "$tmp/out" || fail "noisy doctor lacks /$pattern/"
done
expect 1 'warnings, 0 problems' -- noisy "$bench" doctor --strict

# The tuned machine: nothing the files say is a warning (perf events and
# the clock are this machine's own, so they are left out of the check).
expect 0 'ok +governor +performance on all 2 CPUs' -- tuned "$bench" doctor
if grep -E '^(warning|problem) +(governor|turbo|smt|aslr|load|busy cores|container|virtual machine|valgrind|perf tool|perf_event_paranoid)' "$tmp/out"; then
  fail "the tuned machine has warnings from its files"
fi

# A machine whose /proc holds next to nothing (amd: only /proc/1/cgroup):
# what cannot be read is unknown, said as such, and counted apart.
expect 0 'unknown +load +no /proc/loadavg to read' -- \
  env YS_DOCTOR_ROOT="$machines/amd" PATH="$tmp/tools" "$bench" doctor
for pattern in 'unknown +aslr ' 'unknown +busy cores ' \
  '[0-9]+ ok, [0-9]+ unknown, [0-9]+ warnings?, 0 problems'; do
  grep -Eq -- "$pattern" "$tmp/out" || fail "amd doctor lacks /$pattern/"
done
if grep -Eq '^ok +(load|aslr|busy cores|smt) ' "$tmp/out"; then
  fail "an unread fact is called ok"
fi

# No valgrind on PATH: a warning, and a problem (exit 1) when
# --collector callgrind is what the user means to run.
expect 0 'warning +valgrind +valgrind not found' -- \
  env YS_DOCTOR_ROOT="$machines/tuned" PATH="$tmp/none" "$bench" doctor
grep -q 'fix: sudo apt-get install valgrind' "$tmp/out" ||
  fail "missing valgrind has no fix"
expect 1 'problem +valgrind' -- \
  env YS_DOCTOR_ROOT="$machines/tuned" PATH="$tmp/none" "$bench" doctor \
  --collector callgrind

# dhat runs under valgrind too (bench profile --collector dhat).
expect 1 'problem +valgrind .*--collector dhat' -- \
  env YS_DOCTOR_ROOT="$machines/tuned" PATH="$tmp/none" "$bench" doctor \
  --collector dhat

# JSON: one object, every finding with its check, level, text and fix.
noisy "$bench" doctor --format json >"$tmp/doctor.json" ||
  fail "doctor --format json failed"
python3 - "$tmp/doctor.json" <<'PY' || fail "doctor's JSON is not as documented"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["verdict"] == "warning", d["verdict"]
g = [f for f in d["findings"] if f["check"] == "governor"][0]
assert g["level"] == "warning" and "powersave" in g["finding"], g
assert g["fix"] == "sudo cpupower frequency-set -g performance", g
assert all(set(f) == {"check", "level", "finding", "fix"} for f in d["findings"])
PY

# Bad usage: exit 2, naming the flag or word at fault.
expect 2 "--rounds does nothing with 'doctor'" -- "$bench" doctor --rounds 3
expect 2 "doctor: takes no benchmark names \('fnv1a'\)" -- "$bench" doctor fnv1a
expect 2 "--format: 'doctor' writes console or json, not csv" -- \
  "$bench" doctor --format csv
expect 2 "--strict needs 'doctor'" -- "$bench" --strict --list
expect 2 "--pin: 'x' is neither a CPU number nor auto" -- "$bench" --pin x
expect 2 "--pin: CPU 99999 is not one this process may run on" -- \
  "$bench" --pin 99999
expect 2 "--pin does nothing with 'compare'" -- "$bench" compare a b --pin 0
expect 2 "--pin does nothing with --list" -- "$bench" --list --pin 0

# A run pinned to a CPU this process may run on records it in its context.
cpu=$(python3 -c 'import os; print(min(os.sched_getaffinity(0)))')
"$bench" --quick --exact fnv1a_4k --pin "$cpu" --format json \
  >"$tmp/pinned.json" 2>/dev/null || fail "--pin $cpu run failed"
[ "$(jq -r .context.pinned_cpu "$tmp/pinned.json")" = "$cpu" ] ||
  fail "context.pinned_cpu is not $cpu"

# --pin auto on the noisy machine: the choice, marked auto, and the
# machine's warnings in the context and in the Markdown footer.
env YS_DOCTOR_ROOT="$machines/noisy" "$bench" --quick --exact fnv1a_4k \
  --pin auto --format json --output "$tmp/summary.md" \
  >"$tmp/auto.json" 2>/dev/null || fail "--pin auto run failed"
jq -er '.context.pinned_cpu | test("^[0-9]+ \\(auto\\)$")' "$tmp/auto.json" \
  >/dev/null || fail "context.pinned_cpu is not 'N (auto)'"
jq -e '[.context.machine_findings[] | select(.check == "governor" and
  .level == "warning" and .fix == "sudo cpupower frequency-set -g performance")]
  | length == 1' "$tmp/auto.json" >/dev/null ||
  fail "the run's context lacks the governor warning"
grep -q 'machine warning: governor: powersave on 3 of 4 CPUs' \
  "$tmp/summary.md" || fail "the Markdown footer lacks the governor warning"

finish
