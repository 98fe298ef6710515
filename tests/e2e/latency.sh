#!/usr/bin/env bash
# End-to-end test of latency mode (docs/statistics.md §7) on the example
# suite:
# - service_request asks for it in its definition (BENCH_WITH .latency):
#   the console shows its percentiles and the clock's cost, the JSON has
#   p50 <= p90 <= p99 <= max with each point inside its interval, and the
#   Markdown summary has the latency table;
# - with --latency, empty_loop, far too fast for the clock, is refused
#   with a message naming it, and is still measured (status ok);
# - a saved baseline keeps the latency mapping and the latency series, and
#   a comparison against it shows each percentile's change; --gate takes
#   latency_p50;
# - under --against, the other build's latency percentiles are compared
#   the same way.
# Usage: latency.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
bench=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
# shellcheck source=lib/expect.sh
. "$2/e2e/lib/expect.sh"
export YARDSTICK_BASELINE_DIR=$tmp/baselines
cd "$tmp" || exit 1
quick=(--warm-up-time 0.05 --measurement-time 0.3 --rounds 3 --seed 3)

expect 0 'p99\.9: ' -- "$bench" "${quick[@]}" --exact service_request
cp "$tmp/out" "$tmp/console" # expect writes $tmp/out
expect 0 'iterations timed one by one' -- cat "$tmp/console"
expect 0 'included in each time \(not subtracted\)' -- cat "$tmp/console"

"$bench" "${quick[@]}" --exact service_request --format json >"$tmp/r.json" \
  2>/dev/null
check() { # check JQ-EXPRESSION: true in r.json
  if [ "$(jq -r "$1" "$tmp/r.json")" = true ]; then
    echo "ok: $1"
  else
    echo "FAIL: $1 is not true in:"
    jq '.benchmarks[0].latency' "$tmp/r.json" | head -40
    failures=$((failures + 1))
  fi
}
lat='.benchmarks[] | select(.name == "service_request") | .latency'
check "$lat | .status == \"on\""
check "$lat | .timed > 0 and .kept == .timed and .clock_ns > 0"
check "[$lat | .percentiles[] | select(.shown) | .estimate_ns
        | .lo <= .point and .point <= .hi] | all"
check "$lat | [.percentiles[0:3][].estimate_ns.point] as \$p
        | \$p[0] <= \$p[1] and \$p[1] <= \$p[2] and \$p[2] <= .max_ns"
check "$lat | [.percentiles[].name] == [\"p50\",\"p90\",\"p99\",\"p99.9\"]"
# Short rounds per percentile: a count, 0 for p50 (2 times suffice).
check "$lat | ([.percentiles[].short_rounds | type == \"number\"] | all)
        and .percentiles[0].short_rounds == 0"
# p99 and p99.9 have a per-round series only when the first round timed
# 100 and 1,000 iterations (a busy machine may leave p99.9 out): the
# others always, and nothing but the five.
check "[.benchmarks[] | select(.name == \"service_request\") | .series[]
        | select(.latency) | .metric] as \$m
        | ([\"latency_p50\",\"latency_p90\",\"latency_max\"] - \$m) == []
        and (\$m - [\"latency_p50\",\"latency_p90\",\"latency_p99\",
                    \"latency_p99.9\",\"latency_max\"]) == []"

expect 0 '\| Latency \| p50 \| p90 \| p99 \| p99\.9 \| max \| timed \|' -- \
  "$bench" "${quick[@]}" --exact service_request --format markdown

# Too fast for the clock: refused, named, measured as usual.
expect 0 'latency mode refused for empty_loop: its median iteration takes' -- \
  "$bench" "${quick[@]}" --exact empty_loop --latency
cp "$tmp/out" "$tmp/console"
expect 0 'Put more work into one iteration' -- cat "$tmp/console"
# Both times in the reports' units, 4 significant digits.
expect 0 'takes [0-9]+\.?[0-9]* (ns|µs), less than 100 times the clock.s own cost of [0-9]+\.?[0-9]* (ps|ns)' -- \
  cat "$tmp/console"
"$bench" "${quick[@]}" --exact empty_loop --latency --format json \
  >"$tmp/r.json" 2>/dev/null
check '.benchmarks[0].status == "ok" and .benchmarks[0].latency.status == "refused"'
expect 0 'Latency mode refused' -- \
  "$bench" "${quick[@]}" --exact empty_loop --latency --format markdown

# Stored and compared.
expect 0 '' -- "$bench" "${quick[@]}" --exact service_request \
  --save-baseline lat
expect 0 '^  latency:$' -- cat "$tmp/baselines/lat.yaml"
expect 0 'metric: latency_p99' -- cat "$tmp/baselines/lat.yaml"
expect 0 'p50: +\[.*\] · [-+][0-9.]+ %' -- "$bench" "${quick[@]}" \
  --exact service_request --baseline lat --gate latency_p50:1000 \
  --threshold 1000
"$bench" "${quick[@]}" --exact service_request --baseline lat \
  --threshold 1000 --format json >"$tmp/r.json" 2>/dev/null
check '[.benchmarks[0].comparison.metrics[].metric] | index("latency_p99") != null'

# Under --against the other build measures its rounds in latency mode too
# (worker protocol 5): each percentile is compared as against a baseline.
expect 0 'p50: +\[.*\] · [-+][0-9.]+ %' -- "$bench" "${quick[@]}" \
  --exact service_request --against "$bench" --threshold 1000
"$bench" "${quick[@]}" --exact service_request --against "$bench" \
  --threshold 1000 --format json >"$tmp/r.json" 2>/dev/null
check '[.benchmarks[0].comparison.metrics[].metric] | index("latency_p50") != null'
check '[.benchmarks[0].comparison.metrics[].metric] | index("latency_max") != null'
# Both builds ran with this build's settings (its own .latency among them):
# nothing to warn about.
check '.benchmarks[0] | has("settings_differ") | not'
# Targets on latency percentiles: judged on the recorded series, in its
# unit; on a benchmark without latency mode, an error once it ran.
printf 'targets:\n  - {benchmark: service_request, metric: latency_p99, max: 10s}\n' >t.yaml
expect 0 "service_request +latency_p99 <= 10.00 s .* pass" -- \
  "$bench" "${quick[@]}" --config t.yaml --exact service_request
printf 'targets:\n  - {benchmark: service_request, metric: latency_p99, max: 1ns}\n' >t.yaml
expect 1 "service_request +latency_p99 <= 1.000 ns .* MISS" -- \
  "$bench" "${quick[@]}" --config t.yaml --exact service_request
printf 'targets:\n  - {benchmark: fnv1a_4k, metric: latency_p99, max: 1ms}\n' >t.yaml
expect 2 "t.yaml:2: target on 'fnv1a_4k': 'latency_p99' is not recorded by this run: latency series are recorded in latency mode only" -- \
  "$bench" --warm-up-time 0.01 --measurement-time 0.02 --config t.yaml --exact fnv1a_4k
printf 'targets:\n  - {benchmark: fnv1a_4k, metric: latency_p999, max: 1ms}\n' >t.yaml
expect 2 "t.yaml:2: target on 'fnv1a_4k': unknown metric 'latency_p999'; did you mean 'latency_p99.9'?" -- \
  "$bench" --config t.yaml --exact fnv1a_4k
# A gated latency series the baseline lacks is said, per benchmark, in
# the console and in Markdown: not judged, and the verdict is the others'.
"$bench" "${quick[@]}" --exact peer_k80us --save-baseline nolat >/dev/null 2>&1
expect 0 "gated metric latency_p99 not in the baseline: not judged" -- \
  "$bench" "${quick[@]}" --exact peer_k80us --latency --baseline nolat \
  --gate latency_p99:10% --threshold 1000
expect 0 "gated metric latency\\\\?_p99 not in the baseline: not judged" -- \
  "$bench" "${quick[@]}" --exact peer_k80us --latency --baseline nolat \
  --gate latency_p99:10% --threshold 1000 --format markdown
# Latency mode needs a time as the primary metric: refused up front.
expect 2 "--latency with --collector callgrind" -- \
  "$bench" --latency --collector callgrind --exact fnv1a_4k
finish
