#!/usr/bin/env bash
# Measures what a group's comparison costs: the whole run of two copies
# registered as a group (copy/libc the reference, copy/naive a member) and
# of the same two bodies as plain benchmarks (copy_libc, copy_naive), from
# tests/fixtures/group_cost_suite.c. The runs alternate, group first then
# plain, RUNS times; the figure is the median wall time of each and their
# ratio. Both runs have the same settings (--quick by default), so the
# difference is what a group adds: its members' rounds kept back to back
# in a pass (run/group_order.c) and the bootstrap of the ratio
# (analysis/ratio.c).
#
# Usage: scripts/measure_group_cost.sh [BUILD_DIR] [RUNS] [BENCH-OPTIONS...]
#        (defaults: build, 5, --quick)
set -euo pipefail
build=$(realpath "${1:-build}")
runs=${2:-5}
shift $(($# > 2 ? 2 : $#))
[ $# -gt 0 ] || set -- --quick
suite=$build/tests/fixture_group_cost
[ -x "$suite" ] || { echo "no $suite: build the project first" >&2; exit 2; }

# median of the numbers on stdin
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# seconds REGEX: wall seconds of one run of the suite on REGEX
seconds() {
  local t0 t1
  t0=$(date +%s.%N)
  "$suite" "$@" --quiet >/dev/null 2>&1
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

group=() plain=()
for i in $(seq "$runs"); do
  group+=("$(seconds "$@" '^copy/')")
  plain+=("$(seconds "$@" '^copy_')")
  printf 'run %d: group %.3f s, plain %.3f s\n' "$i" "${group[-1]}" "${plain[-1]}"
done
g=$(printf '%s\n' "${group[@]}" | median)
p=$(printf '%s\n' "${plain[@]}" | median)
printf 'median of %d runs (%s): group %.3f s, plain %.3f s, ratio %.3f\n' \
  "$runs" "$*" "$g" "$p" "$(echo "$g / $p" | bc -l)"
