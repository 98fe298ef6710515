#!/usr/bin/env bash
# End-to-end test of per-metric gates and of the config file, under
# --collector callgrind, whose counts are exact so that verdicts can be
# asserted:
# - a fixture whose D1mr grows by about 20 % (YS_FIXTURE_STRIDE=2) while
#   its instructions stay put passes the default gate (the primary metric
#   alone), fails `--gate D1mr:10%` and passes `--gate D1mr:25%`; the
#   console, Markdown and JSON reports name D1mr as the metric that
#   crossed, and the JSON's per-metric change is the one computed here
#   from the two runs' own D1mr counts;
# - 600 more instructions (+2.3 %, YS_FIXTURE_EXTRA=300) pass at the
#   default 5 % and fail `--gate instructions:2%`;
# - a gate on a metric the run does not record is refused (exit 2), naming
#   the flag, the metric and the metrics there are; one that cannot be
#   right (a misspelling, another collector's metric) before anything runs;
# - yardstick.yaml in the working folder sets the collector and the
#   threshold; the command line overrides it; --no-config ignores it; a
#   bad file is refused naming the file, the line and the key.
# Usage: gates.sh PATH/TO/bench TESTS_SOURCE_DIR
# Exit code 77 (skipped) when valgrind cannot run the fixture here.
set -uo pipefail
suite=$(cd "$(dirname "$1")" && pwd)/tests/fixture_gates
[ -x "$suite" ] || { echo "FAIL: no fixture at $suite"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
# shellcheck source=lib/expect.sh
. "$2/e2e/lib/expect.sh"
if ! can_valgrind "$suite"; then
  echo "SKIP: valgrind cannot run $suite here (not installed, or a sanitizer build)"
  exit 77
fi
export YARDSTICK_BASELINE_DIR=$tmp/baselines
unset YS_FIXTURE_STRIDE YS_FIXTURE_EXTRA
cd "$tmp" || exit 1

# walk alone: steady's few misses (0 or 1 per batch, cold caches) would
# make any D1mr gate a coin toss on it.
cg=(--collector callgrind --cache-sim --exact walk)
expect 0 "saved baseline 'base'" -- "$suite" "${cg[@]}" --save-baseline base \
  --format json --output base.json

# D1mr alone changes: the primary metric (instructions) decides by default.
export YS_FIXTURE_STRIDE=2
expect 0 "D1mr: .* \+[0-9.]+ % \(beyond 5 %, not gated\)" -- \
  "$suite" "${cg[@]}" --baseline base
expect 1 "regressed: D1mr \+[0-9.]+ % \(gate 10 %\)" -- \
  "$suite" "${cg[@]}" --baseline base --gate D1mr:10%
expect 0 "D1mr: .* → unchanged \(gate 25 %\)" -- \
  "$suite" "${cg[@]}" --baseline base --gate D1mr:25%
expect 1 "\| .walk. \|.*regressed: D1mr \+[0-9.]+ % \(gate 10 %\) \|" -- \
  "$suite" "${cg[@]}" --baseline base --gate D1mr:10% --format markdown
"$suite" "${cg[@]}" --baseline base --gate D1mr:10% --format json \
  >gated.json 2>/dev/null
# The oracle: D1mr's change from the two runs' own counts (each the single
# round's estimate), computed here, against what the gate reported.
verdict=$(/usr/bin/python3 - base.json gated.json <<'PYEOF'
import json, sys
def d1mr(doc, name):
    for b in doc["benchmarks"]:
        if b["name"] == name:
            for s in b["series"]:
                if s["metric"] == "D1mr":
                    return s["rounds"][0]["estimate"]
base = json.load(open(sys.argv[1]))
new = json.load(open(sys.argv[2]))
walk = [b for b in new["benchmarks"] if b["name"] == "walk"][0]
change = d1mr(new, "walk") / d1mr(base, "walk") - 1
want = "regressed" if change > 0.10 else "unchanged"
m = [m for m in walk["comparison"]["metrics"] if m["metric"] == "D1mr"][0]
ok = (m["gated"] and m["verdict"] == want and abs(m["change"] - change) < 1e-12
      and m["threshold"] == 0.10 and walk["comparison"]["verdict"] == want
      and walk["comparison"]["metrics"][0]["metric"] == "instructions")
print("ok" if ok else "bad: change %.6f want %s, got %s" % (change, want, m))
PYEOF
)
if [ "$verdict" = ok ]; then
  echo "ok: the JSON's D1mr comparison matches the change of the two runs"
else
  echo "FAIL: JSON per-metric comparison: $verdict"
  failures=$((failures + 1))
fi

# Instructions alone change, by 600 of 25,612 (+2.3 %).
export YS_FIXTURE_STRIDE=1 YS_FIXTURE_EXTRA=300
expect 0 "vs baseline base: 1 unchanged" -- "$suite" "${cg[@]}" --baseline base
expect 1 "change: \+2\.[0-9]+ % \(exact count\) → regressed" -- \
  "$suite" "${cg[@]}" --baseline base --gate instructions:2%
expect 0 "vs baseline base: 1 unchanged" -- \
  "$suite" "${cg[@]}" --baseline base --gate instructions:3%

# A gate on a metric this run does not record, refused before anything
# runs: nothing is measured, so nothing is saved either.
expect 2 "^fixture_gates: --gate: 'D1mr' is recorded by --collector callgrind only with --cache-sim$" \
  -- "$suite" --collector callgrind --baseline base --gate D1mr:10% walk
expect 2 "^fixture_gates: --gate: unknown metric 'instructons'; did you mean 'instructions'\?$" \
  -- "$suite" "${cg[@]}" --baseline base --gate instructons:2% \
  --save-baseline typo --output typo.json
if [ -e baselines/typo.yaml ] || [ -e typo.json ] ||
  [ "$(wc -l <"$tmp/out")" -ne 1 ]; then
  echo "FAIL: a misspelt gate ran the suite or saved its results"
  failures=$((failures + 1))
fi
expect 2 "^fixture_gates: --gate: 'instructions' is recorded by the callgrind and perf collectors, not by --collector wall$" \
  -- "$suite" --baseline base --gate instructions:2% walk
# A latency series misspelt as the console does not print it.
expect 2 "did you mean 'latency_p99.9'\?" \
  -- "$suite" --baseline base --latency --gate latency_p999:5% walk
# A name near no metric may be a user counter: checked after the run.
expect 2 "--gate: 'walked' is not recorded by this run \(available: instructions, " \
  -- "$suite" "${cg[@]}" --baseline base --gate walked:10%
expect 2 "--gate needs a comparison" -- \
  "$suite" --collector callgrind --gate instructions:2%

# The config file sets the collector and the threshold.
cat >yardstick.yaml <<'YAMLEOF'
# Instructions are exact: gate them tightly.
collector: callgrind
cache-sim: true
threshold: 2%
YAMLEOF
expect 1 "change: \+2\.[0-9]+ % \(exact count\) → regressed" -- \
  "$suite" --baseline base walk
expect 0 "vs baseline base: 1 unchanged" -- \
  "$suite" --baseline base --threshold 5 walk
unset YS_FIXTURE_EXTRA
export YS_FIXTURE_STRIDE=2
printf 'gate: [D1mr:10%%]\n' >>yardstick.yaml
expect 1 "regressed: D1mr" -- "$suite" --baseline base walk
printf 'collector: callgrind\ngate: D1mr:10%%\n' >nocache.yaml
expect 2 "nocache.yaml: gate: 'D1mr' is recorded by --collector callgrind only with --cache-sim" -- \
  "$suite" --config nocache.yaml --baseline base walk
# The file's gate means nothing to a run that compares with nothing.
expect 0 "instructions:" -- "$suite" --config nocache.yaml walk
expect 0 "wall clock" -- "$suite" --no-config --quick --processes 0 steady
printf 'rounds: 20\nthreshhold: 3\n' >bad.yaml
expect 2 "bad.yaml:2: unknown key 'threshhold'" -- \
  "$suite" --config bad.yaml --baseline base
printf 'threshold: [2]\n' >bad.yaml
expect 2 "bad.yaml:1: threshold must be a single value, not a list" -- \
  "$suite" --config bad.yaml --baseline base
mkdir folder.yaml
expect 2 "folder.yaml: is a folder, not a config file" -- \
  "$suite" --config folder.yaml --baseline base
finish
