#!/usr/bin/env bash
# Measures what the alloc collector costs: --collector wall,alloc against
# --collector wall on an allocation-heavy body (three_blocks: 3 malloc(100)
# and 3 free per iteration) and an allocation-free one (no_alloc), and what
# the counting malloc costs outside any window (three_blocks against
# three_blocks_libc, the same calls straight into glibc, both under
# --collector wall). The suite is tests/fixtures/alloc_suite.c.
#
# Usage: scripts/measure_alloc_overhead.sh [RUNS] [BUILD_DIR]
#   (defaults 5 and build). The two collectors run alternately, RUNS times
#   each, with yardstick's default settings; each figure is the median over
#   the runs of the benchmark's time estimate per iteration, and each
#   ratio is the quotient of two such medians.
# Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
build=${2:-build}
suite=$build/tests/fixture_alloc
[ -x "$suite" ] || {
  echo "measure_alloc_overhead.sh: build $suite first" >&2
  exit 2
}
command -v jq >/dev/null || {
  echo "measure_alloc_overhead.sh: needs jq" >&2
  exit 2
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
benches=(three_blocks three_blocks_libc no_alloc)

for ((r = 1; r <= runs; r++)); do
  for collector in wall wall,alloc; do
    "$suite" --quiet --collector "$collector" --exact "${benches[@]}" \
      --format json >"$tmp/$collector.$r.json" 2>/dev/null
  done
done

# median COLLECTOR BENCH: the median over the runs of BENCH's time (ns).
median() {
  for ((r = 1; r <= runs; r++)); do
    jq -r --arg n "$2" '.benchmarks[] | select(.name == $n) |
      .series[] | select(.metric == "time") |
      (if .estimates.slope then .estimates.slope.point
       else .estimates.mean.point end)' "$tmp/$1.$r.json"
  done | sort -g | awk '{ v[NR] = $1 } END {
    print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

echo "| benchmark | wall (ns/iter) | wall,alloc (ns/iter) | ratio |"
echo "|---|---:|---:|---:|"
for b in three_blocks no_alloc; do
  w=$(median wall "$b")
  a=$(median wall,alloc "$b")
  awk -v b="$b" -v w="$w" -v a="$a" \
    'BEGIN { printf "| %s | %.3f | %.3f | %.2f |\n", b, w, a, a / w }'
done
echo
echo "Outside a window (--collector wall):"
echo
echo "| counting malloc (ns/iter) | glibc direct (ns/iter) | ratio |"
echo "|---:|---:|---:|"
c=$(median wall three_blocks)
d=$(median wall three_blocks_libc)
awk -v c="$c" -v d="$d" \
  'BEGIN { printf "| %.3f | %.3f | %.3f |\n", c, d, c / d }'
if command -v valgrind >/dev/null; then
  # Instructions are exact where time is noisy: the cost outside a window
  # in instructions per iteration (6 heap calls each).
  echo
  echo "Outside a window, in instructions per iteration (--collector callgrind):"
  echo
  "$suite" --quiet --collector callgrind --exact three_blocks \
    three_blocks_libc --format csv 2>/dev/null |
    awk -F, '$2 == "instructions" { n[$1] = $5 } END {
      print "| counting malloc | glibc direct | difference |"
      print "|---:|---:|---:|"
      printf "| %d | %d | %+d |\n", n["three_blocks"], n["three_blocks_libc"],
        n["three_blocks"] - n["three_blocks_libc"] }'
fi
echo
echo "Median of $runs runs each, $(date -u +%Y-%m-%d), $(nproc) CPUs;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)."
