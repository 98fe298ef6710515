#!/usr/bin/env bash
# End-to-end tests of groups and parameters (docs/authoring.md) on the
# example suite: natural order of parameter values, the ratio of each
# member to its reference in every report, what a filtered-out reference
# says, ratios read back from a saved baseline, exact ratios under
# callgrind, and the mistakes in declarations that stop a program at
# start-up (exit 2, naming the group or benchmark).
# Usage: groups.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
bench=$1
fixtures=$(dirname "$bench")/tests
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# Parameter values sort by value, not as text: 8 < 64 < 512.
"$bench" --list '^sort/libc/' >"$tmp/list" 2>&1 || fail "--list exited $?"
printf 'sort/libc/n:16\nsort/libc/n:64\nsort/libc/n:256\nsort/libc/n:1024\n' >"$tmp/want"
diff -u "$tmp/want" "$tmp/list" || fail "sort/libc instances out of order"

# Mistakes in declarations: exit 2 with the group or benchmark named.
expect 2 "group 'hash' has no reference" -- "$fixtures/fixture_group_no_reference" --list
expect 2 "group 'hash' has two references" -- "$fixtures/fixture_group_two_references" --list
expect 2 "benchmark 'sweep'.*10000" -- "$fixtures/fixture_group_huge_range" --list
expect 2 "'sort/mine/n:128'.*'sort/libc/n:128'.*reference 'sort/libc'" -- "$fixtures/fixture_group_mismatched_axes" --list
expect 2 "benchmark 'grid', parameter axis 2: its name 'n' is also the name of axis 1" -- "$fixtures/fixture_group_duplicate_axis" --list
expect 2 "group_errors.c:[0-9]*: YS_COMPLEXITY for 'scna': no benchmark family" -- "$fixtures/fixture_group_complexity_typo" --list
expect 2 "group_errors.c:[0-9]*: YS_COMPLEXITY for 'two': the family has 2 parameter axes" -- "$fixtures/fixture_group_complexity_two_axes" --list
expect 2 "group_errors.c:[0-9]*: YS_COMPLEXITY for 'mode': its axis is YS_VARIANTS" -- "$fixtures/fixture_group_complexity_variants" --list

# A short run of both groups, with every report.
quick=(--quick --rounds 3 --warm-up-time 0.03 --measurement-time 0.06 --processes 0)
pick=(--exact memcpy/libc memcpy/naive sort/libc/n:16 sort/insertion/n:16)
export YARDSTICK_BASELINE_DIR="$tmp/baselines"
if "$bench" "${quick[@]}" "${pick[@]}" --save-baseline groups \
  --output "$tmp/r.md" --output "$tmp/r.json" --output "$tmp/r.csv" \
  >"$tmp/console" 2>&1; then
  grep -Eq 'ratio: +[0-9.]+× memcpy/libc \[[0-9.]+, [0-9.]+\]' "$tmp/console" ||
    fail "console: no ratio line for memcpy/naive"
  grep -q 'ratio:  reference of group memcpy' "$tmp/console" ||
    fail "console: memcpy/libc not shown as the reference"
  grep -Eq '^\| `memcpy` \| `memcpy/naive` \| [0-9.]+× `memcpy/libc` \| \[' "$tmp/r.md" ||
    fail "markdown: no group row for memcpy/naive"
  grep -Eq '^\| `sort` \| `sort/insertion/n:16` \| [0-9.]+× `sort/libc/n:16`' "$tmp/r.md" ||
    fail "markdown: no group row for sort/insertion/n:16"
  # JSON: the ratio's interval holds its point; the reference has none.
  jq -e '.benchmarks[] | select(.name == "memcpy/naive") | .group
         | .name == "memcpy" and .reference == "memcpy/libc"
           and .ratio_status == "ok" and .pairs == 3
           and .ratio.lo <= .ratio.point and .ratio.point <= .ratio.hi' \
    "$tmp/r.json" >/dev/null || fail "json: memcpy/naive's group"
  jq -e '.benchmarks[] | select(.name == "memcpy/libc") | .group.ratio_status
         == "reference"' "$tmp/r.json" >/dev/null || fail "json: memcpy/libc"
  # Columns are read by name: target and own-settings columns may follow
  # the group's (docs/json-schema.md, "Groups, own settings, targets").
  grep -q ',group,group_reference,ratio,ratio_lo,ratio_hi\(,\|$\)' <<<"$(head -1 "$tmp/r.csv")" ||
    fail "csv: no group columns"
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 == "memcpy/naive" && $2 == "time" && $col["group"] == "memcpy" &&
    $col["group_reference"] == "memcpy/libc" &&
    $col["ratio"] ~ /^[0-9.e+-]+$/ && $col["ratio_lo"] ~ /^[0-9.e+-]+$/ &&
    $col["ratio_hi"] ~ /^[0-9.e+-]+$/ { found = 1 }
    END { exit !found }' "$tmp/r.csv" ||
    fail "csv: no ratio on memcpy/naive's time row"
  # The baseline keeps the groups; compare shows the ratios again.
  grep -q 'group_reference: memcpy/libc' "$tmp/baselines/groups.yaml" ||
    fail "baseline: no group_reference"
  if "$bench" compare groups groups --format json >"$tmp/cmp.json" 2>"$tmp/cmp.err"; then
    jq -e '.benchmarks[] | select(.name == "sort/insertion/n:16") | .group
           | .ratio_status == "ok" and .reference == "sort/libc/n:16"' \
      "$tmp/cmp.json" >/dev/null || fail "compare: no ratio from the baseline"
  else
    fail "compare exited $?: $(cat "$tmp/cmp.err")"
  fi
else
  fail "group run exited $?: $(tail -5 "$tmp/console")"
fi

# A reference left out by the filters: the member says why it has no ratio.
expect 0 "ratio: +not available: its reference 'memcpy/libc' is not in this run" \
  -- "$bench" "${quick[@]}" --exact memcpy/naive

# Under callgrind the ratio is exact: one count per side, no interval.
if can_valgrind "$bench"; then
  if "$bench" --collector callgrind --exact memcpy/libc memcpy/naive \
    --format json >"$tmp/cg.json" 2>"$tmp/cg.err"; then
    # The oracle: the two instruction counts divided here.
    jq -e '
      (.benchmarks | map({(.name): .series[0].estimates}) | add) as $e
      | ($e["memcpy/naive"].mean.point / $e["memcpy/libc"].mean.point) as $want
      | .benchmarks[] | select(.name == "memcpy/naive") | .group.ratio
      | (.point - $want | fabs) <= 1e-9 * $want and .lo == .point and .hi == .point' \
      "$tmp/cg.json" >/dev/null || fail "callgrind: ratio is not the ratio of the counts"
  else
    fail "callgrind run exited $?: $(tail -5 "$tmp/cg.err")"
  fi
else
  echo "skip: callgrind ratio (no valgrind here)"
fi

finish
