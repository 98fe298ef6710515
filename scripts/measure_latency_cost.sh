#!/usr/bin/env bash
# Measures what latency mode costs on the example suite's service_request
# (benches/examples.c): the same body measured in batches and in latency
# mode (docs/statistics.md §7), RUNS times each, alternating. The body is
# copied from benches/examples.c at run time into two benchmarks,
# service_request_batch (BENCH) and service_request_latency (BENCH_WITH
# .latency = true), so that both measure exactly the example's code.
#
# Per mode it prints the median over the runs of: the headline time per
# iteration (batch: the estimate of "time"; latency: its p50 as well),
# the iterations measured, and the wall seconds of the whole run. The
# comparison that matters: latency p50 against batch time (what the
# windows add to each iteration, plus the shape of the distribution: the
# p50 of a skewed body sits below its mean), and the iterations and wall
# time (what the windows cost the run).
#
# Usage: scripts/measure_latency_cost.sh [BUILD_DIR] [RUNS] [BENCH-OPTIONS...]
#        (defaults: build, 5, the default settings)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:-build}")
runs=${2:-5}
shift $(($# > 2 ? 2 : $#))
for lib in libyardstick_main.a libyardstick.a; do
  [ -f "$build/$lib" ] || { echo "no $build/$lib: build the project first" >&2; exit 2; }
done
command -v jq >/dev/null || { echo "jq is needed" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The body of service_request: from its opening line to the first line
# that is a lone "}".
body=$(awk '/^BENCH_WITH\(service_request, \.latency = true\) \{$/ {on = 1; next}
            on && /^}$/ {exit} on {print}' "$src/benches/examples.c")
[ -n "$body" ] || { echo "service_request not found in benches/examples.c" >&2; exit 2; }
{
  printf '#include <stdlib.h>\n#include <yardstick.h>\n#include "kernels/kernels.h"\n'
  printf 'BENCH(service_request_batch) {\n%s\n}\n' "$body"
  printf 'BENCH_WITH(service_request_latency, .latency = true) {\n%s\n}\n' "$body"
} >"$tmp/suite.c"
# Word splitting of pkg-config's flags is meant: one argument per flag.
# shellcheck disable=SC2046
cc -O2 -std=c11 -I"$src/include" -I"$build/include" -I"$src/benches" "$tmp/suite.c" \
  "$src/benches/kernels/kernels.c" "$build/libyardstick_main.a" \
  "$build/libyardstick.a" $(pkg-config --libs gsl yaml-0.1 jansson) -lm \
  -lpthread -o "$tmp/suite"

# median of the numbers on stdin
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# run NAME: one run of benchmark NAME; prints "time_ns p50_ns iterations wall_s"
run() {
  local t0 t1
  t0=$(date +%s.%N)
  "$tmp/suite" "$@" --format json >"$tmp/r.json" 2>/dev/null
  t1=$(date +%s.%N)
  jq -r --arg wall "$(echo "$t1 - $t0" | bc -l)" '.benchmarks[0]
    | [(.series[0].estimates | (.slope.point // .mean.point)),
       (.latency.percentiles[0].estimate_ns.point // 0),
       .total_iterations, ($wall | tonumber)] | @tsv' "$tmp/r.json"
}

: >"$tmp/batch"
: >"$tmp/latency"
for i in $(seq "$runs"); do
  run "$@" --exact service_request_batch >>"$tmp/batch"
  run "$@" --exact service_request_latency >>"$tmp/latency"
  printf 'run %d: batch %s | latency %s\n' "$i" "$(tail -1 "$tmp/batch")" \
    "$(tail -1 "$tmp/latency")"
done
col() { cut -f"$1" "$2" | median; }
bt=$(col 1 "$tmp/batch") bi=$(col 3 "$tmp/batch") bw=$(col 4 "$tmp/batch")
lt=$(col 1 "$tmp/latency") lp=$(col 2 "$tmp/latency")
li=$(col 3 "$tmp/latency") lw=$(col 4 "$tmp/latency")
printf 'median of %d runs (%s):\n' "$runs" "${*:-default settings}"
printf '  batch:   time %.0f ns, %s iterations, %.3f s wall\n' "$bt" "$bi" "$bw"
printf '  latency: time %.0f ns, p50 %.0f ns, %s iterations, %.3f s wall\n' \
  "$lt" "$lp" "$li" "$lw"
printf '  latency p50 / batch time %.3f; iterations latency / batch %.3f; wall latency / batch %.3f\n' \
  "$(echo "$lp / $bt" | bc -l)" "$(echo "$li / $bi" | bc -l)" \
  "$(echo "$lw / $bw" | bc -l)"
