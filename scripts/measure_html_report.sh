#!/usr/bin/env bash
# Measures the HTML report: its size, and the time it takes to write, for
# the example suite and for a suite of 200 benchmarks.
#
# Both baselines of each comparison are measured once; then `bench compare
# OLD NEW` is timed RUNS times with `--output report.html` and RUNS times
# without, and the median of the difference is the report's own cost
# (loading the baselines and judging them are in both). The 200-benchmark
# suite is the example suite's saved baselines with each benchmark repeated
# under new names (python3-yaml), so it has real samples and rounds.
#
# Usage: scripts/measure_html_report.sh [BUILD_DIR] [RUNS]   (default build, 7)
set -euo pipefail
build=$(realpath "${1:-build}")
runs=${2:-7}
bench=$build/bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

echo "measuring the example suite twice (default settings) ..."
"$bench" --quiet --baseline-dir bl --save-baseline old >/dev/null
"$bench" --quiet --baseline-dir bl --save-baseline new >/dev/null

python3 - <<'PY'
import copy
import yaml
for side in ("old", "new"):
    doc = yaml.safe_load(open(f"bl/{side}.yaml"))
    base = doc["benchmarks"]
    many = []
    for i in range(200):
        b = copy.deepcopy(base[i % len(base)])
        b["name"] = b["family"] = f"bench_{i:03d}"
        many.append(b)
    doc["benchmarks"] = many
    doc["name"] = f"{side}200"
    # A baseline ends with "..." (docs/baselines.md): a cut file is refused.
    yaml.safe_dump(doc, open(f"bl/{side}200.yaml", "w"), sort_keys=False,
                   explicit_end=True)
PY

# median of the numbers on stdin
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# seconds COMMAND...: wall seconds of one run of COMMAND
seconds() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

for pair in "old new" "old200 new200"; do
  set -- $pair
  with=() without=()
  for _ in $(seq "$runs"); do
    with+=("$(seconds "$bench" compare "$1" "$2" --baseline-dir bl --output report.html)")
    without+=("$(seconds "$bench" compare "$1" "$2" --baseline-dir bl)")
  done
  rm -f report.html
  "$bench" compare "$1" "$2" --baseline-dir bl --output report.html >/dev/null ||
    [ $? -eq 1 ] || { echo "bench compare $1 $2 failed" >&2; exit 1; }
  n=$(grep -c '<section class="bench"' report.html)
  size=$(stat -c %s report.html)
  w=$(printf '%s\n' "${with[@]}" | median)
  wo=$(printf '%s\n' "${without[@]}" | median)
  printf '%s: %d benchmarks, report.html %d bytes (%.1f KiB per benchmark); compare %.3f s with the report, %.3f s without: %.3f s for the HTML (medians of %d)\n' \
    "$2" "$n" "$size" "$(echo "$size / $n / 1024" | bc -l)" "$w" "$wo" \
    "$(echo "$w - $wo" | bc -l)" "$runs"
done
