#!/usr/bin/env bash
# End-to-end test of per-benchmark settings and performance targets, on
# tests/fixtures/settings_suite.c:
# - a benchmark's own rounds hold in this process and in worker processes
#   (the rounds counted in the JSON), and the JSON and console say which
#   settings were its own; --rounds on the command line overrides them;
# - code targets of a second pass, with a table in the console, Markdown
#   and JSON reports, exit 0; a target of a picosecond misses, exit 1;
#   a target on a benchmark the filters left out is "not run";
# - config-file targets: a miss exits 1 without any baseline; a floor
#   (min:); a bad unit, an unknown benchmark or metric, a duplicate of a
#   code target is refused, exit 2, naming the file and line;
# - code targets on a misspelt or an empty metric are refused, exit 2.
# Usage: settings_targets.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
dir=$(cd "$(dirname "$1")" && pwd)/tests
suite=$dir/fixture_settings
miss=$dir/fixture_settings_miss
typo=$dir/fixture_settings_typo
empty=$dir/fixture_settings_empty
[ -x "$suite" ] && [ -x "$miss" ] && [ -x "$typo" ] && [ -x "$empty" ] || { echo "FAIL: no fixtures in $dir"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
# shellcheck source=lib/expect.sh
. "$2/e2e/lib/expect.sh"
cd "$tmp" || exit 1
short=(--no-config --warm-up-time 0.02 --measurement-time 0.05)

# Own rounds, in this process and in two workers. jq counts the rounds.
for procs in 0 2; do
  "$suite" "${short[@]}" --processes $procs --format json >run.json 2>err.txt
  rounds=$(jq -r '[.benchmarks[] | "\(.name)=\(.series[0].rounds | length)"]
                  | join(" ")' run.json)
  want="named/own=3 own_settings=2 plain=10"
  if [ "$rounds" = "$want" ]; then
    echo "ok: --processes $procs: rounds $rounds"
  else
    echo "FAIL: --processes $procs: rounds '$rounds', want '$want'"
    failures=$((failures + 1))
  fi
done
expect 0 '"own":\["rounds"\]' -- jq -c '.benchmarks[0].settings' run.json
expect 0 '^null$' -- jq -c '.benchmarks[2].settings' run.json
# Warm-up by count shows when the warm-up time is not given.
expect 0 "note: its own settings: rounds 2, measurement 20.00 ms, warm-up 100 iterations per round" -- \
  "$suite" --no-config --processes 0 own_settings
# --rounds given: every benchmark has 4, and none says it has its own.
"$suite" "${short[@]}" --rounds 4 --format json >run.json 2>/dev/null
expect 0 '^\[4,4,4\]$' -- jq -c '[.benchmarks[] | .series[0].rounds | length]' run.json
expect 0 '^\[null,null,null\]$' -- jq -c '[.benchmarks[] | .settings]' run.json

# Code targets: a pass, with the table in every report.
expect 0 "own_settings +time <= 1.000 s .* pass" -- \
  "$suite" "${short[@]}" --output markdown:run.md --output run.json
expect 0 "Performance targets" -- cat run.md
expect 0 '"status":"pass"' -- jq -c '.targets[0]' run.json
expect 0 '^0$' -- jq '.summary.targets_missed' run.json
# A target of a picosecond misses: exit 1; the filtered-out plain is not run.
expect 1 "named/own +time <= 1.000 ps .* MISS" -- "$miss" "${short[@]}" named
expect 1 "plain +time <= 1.000 s +- +- +not run" -- "$miss" "${short[@]}" named
"$miss" "${short[@]}" named --format json >miss.json 2>/dev/null
expect 0 '^"miss" 1$' -- jq -r '"\(.targets[2].status|tojson) \(.summary.targets_missed)"' miss.json

# Config-file targets.
# The code has plain's budget (time <= 1 s); the file adds a floor
# (min:), judged on the interval's lower end.
printf 'targets:\n  - {benchmark: plain, metric: time, min: 2s}\n' >miss.yaml
expect 1 "plain +time >= 2.000 s .* MISS" -- \
  "$suite" --config miss.yaml --warm-up-time 0.02 --measurement-time 0.05 plain
printf 'targets:\n  - {benchmark: plain, metric: time, min: 1ns}\n' >ok.yaml
expect 0 "plain +time >= 1.000 ns .* pass" -- \
  "$suite" --config ok.yaml --warm-up-time 0.02 --measurement-time 0.05 plain
# A second budget on the same benchmark and metric: refused, naming both.
printf 'targets:\n  - {benchmark: plain, metric: time, max: 2s}\n' >bad.yaml
expect 2 "bad.yaml:2: target on 'plain': time <= is already a target at .*settings_suite.c:[0-9]+; keep one" -- \
  "$suite" --config bad.yaml plain
printf 'rounds: 3\ntargets:\n  - {benchmark: plain, metric: time, max: 3 weeks}\n' >bad.yaml
expect 2 "bad.yaml:3: targets: max: '3 weeks' is not a time" -- \
  "$suite" --config bad.yaml plain
printf 'targets:\n  - {benchmark: named/own, metric: time, max: 300}\n' >bad.yaml
expect 2 "bad.yaml:2: target on 'named/own': time is a time: give the limit a unit" -- \
  "$suite" --config bad.yaml plain
printf 'targets:\n  - {benchmark: nosuch, metric: time, max: 3ms}\n' >bad.yaml
expect 2 "bad.yaml:2: target on 'nosuch': no benchmark of that name" -- \
  "$suite" --config bad.yaml plain
printf 'targets:\n  - {benchmark: plain, metric: instructions, max: 30}\n' >bad.yaml
expect 2 "bad.yaml:2: target on 'plain': metric 'instructions' is not recorded by this run" -- \
  "$suite" --config bad.yaml plain
printf 'targets:\n  - {benchmark: plain, metric: "", max: 30}\n' >bad.yaml
expect 2 "bad.yaml:2: targets: metric must be a single value" -- \
  "$suite" --config bad.yaml plain
# A code target on a misspelt metric is refused before anything runs, as
# a file target is; one on a name no collector records that the
# benchmark did not record either, once it ran.
expect 2 "settings_suite.c:[0-9]+: target on 'plain': unknown metric 'instructons'; did you mean 'instructions'\?" -- \
  "$typo" --no-config plain
expect 2 "settings_suite.c:[0-9]+: target on 'plain': the metric is empty" -- \
  "$empty" --no-config plain
finish
