#!/usr/bin/env bash
# End-to-end tests of how much the console says about diagnostics: a
# --quick run of the example suite gives each benchmark at most one
# diagnostic line and explains each kind once at the end; --quiet gives
# the results alone; --verbose every diagnostic in full.
# Usage: diagnostics.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
bench=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

"$bench" --quick >"$tmp/out" 2>"$tmp/err" || fail "--quick exited $?"
n_benches=$("$bench" --list | wc -l)

# Benchmark blocks lie between the header's blank line and "Notes:" (or
# the totals); in each, count the lines about diagnostics.
# The header (up to its blank line) may hold the machine's findings.
worst=$(awk '
  !body { if (/^$/) body = 1; next }
  /^Notes:$/ || / benchmarks?: [0-9]+ ok/ { exit }
  /^$/ { if (n > worst) worst = n; n = 0; next }
  /^(\xe2\x9a\xa0|warning:)/ { n++ }
  END { if (n > worst) worst = n; print worst + 0 }' "$tmp/out")
[ "$worst" -le 1 ] || fail "a benchmark has $worst diagnostic lines"
grep -q '^warning:' <<<"$(sed -n '/^$/,$p' "$tmp/out")" &&
  fail "full warnings without --verbose"

# The notes: each kind once, as many kinds as there are at most.
kinds=$(sed -n '/^Notes:$/,/ benchmarks\?: [0-9]* ok/p' "$tmp/out" |
  grep -c '^⚠')
distinct=$(sed -n '/^Notes:$/,/ benchmarks\?: [0-9]* ok/p' "$tmp/out" |
  grep '^⚠' | cut -d: -f1 | sort -u | wc -l)
[ "$kinds" -eq "$distinct" ] || fail "a kind of diagnostic is noted twice"
markers=$(sed -n '1,/^Notes:$/p' "$tmp/out" | grep -c '^⚠')
[ "$markers" -le "$n_benches" ] || fail "$markers markers for $n_benches"
if [ "$markers" -gt 0 ] && ! grep -q '^Notes:$' "$tmp/out"; then
  fail "markers point to notes that are not there"
fi
echo "ok: --quick: $markers marker line(s) for $n_benches benchmarks," \
  "$kinds kind(s) of note"

"$bench" --quick --quiet >"$tmp/out" 2>"$tmp/err" || fail "--quiet exited $?"
grep -Eq '^(⚠|warning:|Notes:)' "$tmp/out" && fail "--quiet printed diagnostics"
grep -q 'outliers' "$tmp/out" && fail "--quiet printed outliers"
[ -s "$tmp/err" ] && fail "--quiet wrote to stderr: $(head -1 "$tmp/err")"
[ "$(grep -cE '(^| )time: ' "$tmp/out")" -eq "$n_benches" ] ||
  fail "--quiet left out results"
echo "ok: --quiet"

expect 0 'Found [0-9]+ outliers? among' -- "$bench" --quick --verbose
grep -q 'see notes below' "$tmp/out" && fail "--verbose printed markers"
expect 2 'give --quiet or --verbose, not both' -- \
  "$bench" --quiet --verbose
finish
