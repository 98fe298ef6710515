#!/usr/bin/env bash
# Measures how often a group ratio's interval misses the truth: the A/A
# suite tests/fixtures/group_aa_suite.c (reference and member run one
# function, so the true ratio is 1) run RUNS times, each with its own
# seed, counting the runs whose interval excludes 1.0. With a 95 %
# interval about 1 run in 20 should miss.
#
# Usage: scripts/measure_ratio_coverage.sh [BUILD_DIR] [RUNS] [BENCH-OPTIONS...]
#        (defaults: build, 10, the run's default settings)
set -euo pipefail
build=$(realpath "${1:-build}")
runs=${2:-10}
shift $(($# > 2 ? 2 : $#))
suite=$build/tests/fixture_group_aa
[ -x "$suite" ] || { echo "no $suite: build the project first" >&2; exit 2; }

missed=0
for i in $(seq "$runs"); do
  line=$("$suite" "$@" --seed "$i" 2>/dev/null | grep -m1 'ratio:.*aa/one' || true)
  # "ratio:  1.02× aa/one [0.98, 1.05]" -> 1.02 0.98 1.05
  read -r point lo hi < <(echo "$line" | sed -E 's/.*ratio: *([0-9.]+).*\[([0-9.]+), ([0-9.]+)\].*/\1 \2 \3/')
  if awk -v lo="$lo" -v hi="$hi" 'BEGIN { exit !(lo <= 1 && 1 <= hi) }'; then
    verdict=covers
  else
    verdict=MISSES
    missed=$((missed + 1))
  fi
  printf 'run %d (seed %d): ratio %s [%s, %s] %s 1\n' "$i" "$i" "$point" "$lo" "$hi" "$verdict"
done
echo "$missed of $runs intervals exclude 1.0"
