#!/usr/bin/env bash
# End-to-end test of the complexity fits (docs/statistics.md §6): the
# example suite's sort group, whose members have one named size axis
# (sort/insertion/n:16 ... n:1024), in the console, Markdown and JSON
# reports, in a saved baseline and in `bench compare` of it; a family of
# three sizes says why it has no fit, and sizes of 0 and below are said to
# be left out. Under callgrind the counts are exact,
# so the classes are checked: insertion sort is O(n^2), qsort O(n + n log n)
# (the suite's own function for it).
#
# Usage: complexity.sh PATH-TO-BENCH [TESTS-SOURCE-DIR]
# Exit status: 0 all checks passed, 1 a check failed, 77 cannot run here.
set -uo pipefail

bench=${1:?usage: complexity.sh PATH-TO-BENCH [TESTS-SOURCE-DIR]}
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v jq >/dev/null 2>&1; then
  echo "skip: jq is missing" >&2
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
# shellcheck source=lib/expect.sh
. "$here/lib/expect.sh"

# Wall time, quick: the structure of every report (the classes are noise).
expect 0 'complexity \(value per iteration' -- "$bench" --quick \
  --baseline-dir "$tmp/b" --save-baseline fits \
  --output "$tmp/r.json" --output "$tmp/r.md" '^sort/' memcpy
cp "$tmp/out" "$tmp/console.txt"
grep -Eq '^sort/libc +O\(' "$tmp/console.txt" ||
  { echo "FAIL: no console fit for sort/libc"; failures=$((failures + 1)); }
expect 0 'memcpy +warning: no fit: 3 sizes, a fit needs at least 4' -- \
  cat "$tmp/console.txt"
expect 0 '^3$' -- jq '.complexity | length' "$tmp/r.json"
expect 0 '^"memcpy" false 3 64 65536$' -- jq -r \
  '.complexity[0] | "\(.family|tojson) \(.fitted) \(.points) \(.n_min) \(.n_max)"' \
  "$tmp/r.json"
expect 0 '^true 4 16 1024 true true$' -- jq -r \
  '.complexity[] | select(.family == "sort/libc") | "\(.fitted) \(.points) \(.n_min) \(.n_max) \(.rms >= 0) \(.runner_up_rms >= .rms)"' \
  "$tmp/r.json"
expect 0 '^\| `sort/libc` \| O\(' -- cat "$tmp/r.md"
expect 0 '`memcpy`: no fit: 3 sizes' -- cat "$tmp/r.md"
expect 0 '^complexity:' -- cat "$tmp/b/fits.yaml"
expect 0 'family: sort/insertion' -- cat "$tmp/b/fits.yaml"
# A saved run shows its fits without its program.
expect 0 'sort/insertion +O\(' -- "$bench" compare \
  --baseline-dir "$tmp/b" fits fits

# Sizes of 0 and below are left out of a fit, and every report says so.
sizes=$(dirname "$bench")/tests/fixture_complexity_sizes
left='≤ 0 left out: log n and the exponent need n > 0'
expect 0 "neg +warning: no fit: 3 sizes, a fit needs at least 4; 2 sizes $left" -- \
  "$sizes" --quick --output "$tmp/s.json" --output "$tmp/s.md" \
  --output "$tmp/s.html"
cp "$tmp/out" "$tmp/sizes.txt"
expect 0 "withzero +O\(.*\(5 sizes, 1\.\.16; 1 size $left\)" -- \
  cat "$tmp/sizes.txt"
expect 0 '^2 1$' -- jq -r '[.complexity[].sizes_left_out] | "\(.[0]) \(.[1])"' \
  "$tmp/s.json"
expect 0 '`withzero`: 1 size ≤ 0 left out' -- cat "$tmp/s.md"
expect 0 '`neg`: no fit: 3 sizes, a fit needs at least 4; 2 sizes ≤ 0 left out' -- \
  cat "$tmp/s.md"
expect 0 '1 size ≤ 0 left out' -- cat "$tmp/s.html"

# Exact counts: the classes themselves.
if can_valgrind "$bench"; then
  expect 0 'sort/insertion +O\(n\^2\)' -- "$bench" \
    --collector callgrind --format console --output "$tmp/cg.json" '^sort/'
  cp "$tmp/out" "$tmp/cg.txt"
  # qsort's loop copies, then sorts: the example's own function
  # n + n log n (YS_COMPLEXITY) fits its exact counts best.
  expect 0 'sort/libc +O\(n \+ n log n\): [0-9.]+ instructions × \(n \+ n log n\)' -- cat "$tmp/cg.txt"
  # The exponents: insertion sort near 2, qsort between 1 and 1.3
  # (n log n over 16..1024 reads as about 1.2, docs/statistics.md §6).
  expect 0 '^true true$' -- jq -r \
    '[(.complexity[] | select(.family == "sort/insertion") | .exponent > 1.8 and .exponent < 2.1),
      (.complexity[] | select(.family == "sort/libc") | .exponent > 1.0 and .exponent < 1.3)] | "\(.[0]) \(.[1])"' \
    "$tmp/cg.json"
else
  echo "skip: valgrind cannot run $bench: exact classes not checked"
fi
finish
