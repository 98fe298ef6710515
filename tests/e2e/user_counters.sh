#!/usr/bin/env bash
# End-to-end test of user counters (ys_counter, ys_counter_success):
# - a fixture whose counters do not depend on iteration counts reports
#   the figures computed by hand from its source (4 + 3 = 7 per call, 3
#   per iteration, 99 of 100 = 99 %), the same in worker processes (the
#   default) and in one process (--processes 0);
# - a counter that is not finite, and a 17th counter, fail their own
#   benchmark with a message naming the counter; the others are measured;
# - a saved baseline keeps the counters; against it, the gated success
#   rate is compared under callgrind (exact instructions, so the counter
#   alone decides): fewer successes regress (exit 1), more improve.
# Usage: user_counters.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
dir=$(cd "$(dirname "$1")" && pwd)/tests
suite=$dir/fixture_counters
broken=$dir/fixture_counters_broken
[ -x "$suite" ] && [ -x "$broken" ] || { echo "FAIL: no fixtures in $dir"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
# shellcheck source=lib/expect.sh
. "$2/e2e/lib/expect.sh"
export YARDSTICK_BASELINE_DIR=$tmp/baselines
unset YS_FIXTURE_OK
cd "$tmp" || exit 1
quick=(--warm-up-time 0.01 --measurement-time 0.03 --rounds 3)

# check_figure FILE METRIC WANT: the mean of METRIC of "counted" in the
# JSON report FILE is WANT to 1e-9.
check_figure() {
  local got
  got=$(jq -r --arg m "$2" '.benchmarks[] | select(.name == "counted")
        | .series[] | select(.metric == $m) | .estimates.mean.point' "$1")
  if [ -z "$got" ] || ! awk -v g="$got" -v w="$3" \
      'BEGIN { d = g - w; exit !(d < 1e-9 && d > -1e-9) }'; then
    echo "FAIL: $1: $2 is '$got', want $3"
    failures=$((failures + 1))
  else
    echo "ok: $1: $2 = $got"
  fi
}

for processes in 0 3; do
  out=p$processes.json
  expect 0 "setup_steps" -- "$suite" "${quick[@]}" --processes $processes \
    --output json:$out
  check_figure $out setup_steps 7
  check_figure $out items 3
  check_figure $out ok 99
  unit=$(jq -r '.benchmarks[] | select(.name == "counted") | .series[]
                | select(.metric == "ok") | .unit' $out)
  [ "$unit" = "%" ] || { echo "FAIL: unit of ok is '$unit'"; failures=$((failures + 1)); }
  # The benchmark without counters has none.
  n=$(jq '[.benchmarks[] | select(.name == "plain") | .series[]] | length' $out)
  [ "$n" = 2 ] || { echo "FAIL: plain has $n series"; failures=$((failures + 1)); }

  expect 3 "not_finite.*counter 'ratio': value nan is not finite" -- \
    "$broken" "${quick[@]}" --processes $processes
  expect 3 "too_many.*counter 'c16' is one more than the 16" -- \
    "$broken" "${quick[@]}" --processes $processes
  expect 3 "2 ok, 0 skipped, 2 failed" -- \
    "$broken" "${quick[@]}" --processes $processes
done

# Markdown shows the counters too.
expect 0 "ok.*99" -- "$suite" "${quick[@]}" --format markdown

# --gate names a user counter, known only once the benchmarks ran: it is
# accepted at the start and gates that counter. setup_steps is 4 + 3 = 7
# per call in every sample; YS_FIXTURE_STEPS=10 makes it 4 + 10 = 14, a
# +100 % change beyond the gate's 5 % (the time, at --threshold 1000, does
# not decide). A gated name no benchmark recorded is refused after the run,
# naming it, with exit 2.
unset YS_FIXTURE_STEPS
expect 0 "saved baseline 'steps'" -- "$suite" "${quick[@]}" --exact counted \
  --save-baseline steps
expect 0 "unchanged" -- "$suite" "${quick[@]}" --exact counted \
  --baseline steps --gate setup_steps:5% --threshold 1000
expect 1 "regressed: setup\\\\?_steps \\+100.0 % \\(gate 5 %\\)" -- env YS_FIXTURE_STEPS=10 \
  "$suite" "${quick[@]}" --exact counted --baseline steps \
  --gate setup_steps:5% --threshold 1000 --format markdown
expect 2 "--gate: 'setup_stepz' is not recorded by this run \(available: .*setup_steps" -- \
  "$suite" "${quick[@]}" --exact counted --baseline steps \
  --gate setup_stepz:5%
# A gated counter (YS_COUNTER_GATED) the code no longer reports is said
# per benchmark, not passed over; it leaves the verdict to the others.
expect 0 "unchanged; gated metric ok not in this run: not judged" -- \
  env YS_FIXTURE_OK=none "$suite" "${quick[@]}" --exact counted \
  --baseline steps --threshold 1000
expect 0 "unchanged; gated metric ok not in this run: not judged" -- \
  env YS_FIXTURE_OK=none "$suite" "${quick[@]}" --exact counted \
  --baseline steps --threshold 1000 --format markdown
printf 'gate: setup_stepz:5%%\n' >"$tmp/gate.yaml"
expect 2 "gate.yaml: gate: 'setup_stepz' is not recorded by this run" -- \
  "$suite" "${quick[@]}" --exact counted --baseline steps \
  --config "$tmp/gate.yaml"

# A baseline keeps them; the gated success rate is judged against it.
# Under callgrind the primary metric (instructions) is exact and does not
# change, so the success rate alone decides the verdict: a saved 60 %
# against 60 % is unchanged, 30 % (-50 %) regressed, 99 % (+65 %)
# improved, higher being better.
if ! can_valgrind "$suite"; then
  echo "valgrind cannot run $suite here: the baseline checks are left out"
  finish
  exit 0
fi
cg=(--collector callgrind --exact counted)
YS_FIXTURE_OK=60 expect 0 "saved baseline 'base'" -- "$suite" "${cg[@]}" \
  --save-baseline base
grep -q "metric: ok" baselines/base.yaml ||
  { echo "FAIL: the baseline holds no 'ok' series"; failures=$((failures + 1)); }
# verdict_of OK_PLANTED CODE WANT: the run with that many successes exits
# CODE and judges the success rate WANT, gated.
verdict_of() {
  YS_FIXTURE_OK=$1 expect "$2" "ok" -- "$suite" "${cg[@]}" --baseline base \
    --output json:cmp$1.json
  local got
  got=$(jq -r '.benchmarks[] | select(.name == "counted")
               | .comparison.metrics[] | select(.metric == "ok")
               | "\(.gated) \(.verdict)"' cmp$1.json)
  if [ "$got" != "true $3" ]; then
    echo "FAIL: $1 % against 60 %: '$got', want 'true $3'"
    failures=$((failures + 1))
  fi
}
verdict_of 60 0 unchanged
verdict_of 30 1 regressed
verdict_of 99 0 improved
expect 1 "ok.*regressed" -- env YS_FIXTURE_OK=30 "$suite" "${cg[@]}" \
  --baseline base --format markdown
# --gate on the counter's name without :higher or :lower keeps the
# direction its code declared: a fall of the success rate still regresses.
# An explicit direction overrides it.
expect 1 "regressed: ok -50.00 % \(gate 5 %, higher is better\)" -- env YS_FIXTURE_OK=30 "$suite" "${cg[@]}" \
  --baseline base --gate ok:5%
expect 0 "ok.*improved" -- env YS_FIXTURE_OK=30 "$suite" "${cg[@]}" \
  --baseline base --gate ok:5%:lower

# Targets on user counters: judged after the run on the recorded value,
# in its unit, budget or floor as written; one on a counter the benchmark
# does not record is an error once it ran.
printf 'targets:\n  - {benchmark: counted, metric: items, max: 5}\n  - {benchmark: counted, metric: ok, min: 50}\n' >t.yaml
expect 0 "counted +ok >= 50 % .* pass" -- "$suite" "${quick[@]}" --config t.yaml counted
cp "$tmp/out" "$tmp/targets_out"
expect 0 "counted +items <= 5 per iteration .* pass" -- cat "$tmp/targets_out"
printf 'targets:\n  - {benchmark: counted, metric: ok, max: 50}\n' >t.yaml
expect 1 "counted +ok <= 50 % .* MISS" -- "$suite" "${quick[@]}" --config t.yaml counted
printf 'targets:\n  - {benchmark: counted, metric: okay, min: 50}\n' >t.yaml
expect 2 "t.yaml:2: target on 'counted': 'okay' is not recorded by this run \(available: time, cpu_time, setup_steps, items, ok\)" -- \
  "$suite" "${quick[@]}" --config t.yaml counted
finish
