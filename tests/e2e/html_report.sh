#!/usr/bin/env bash
# End-to-end test of the HTML report: the example suite written with
# --output FILE.html, alone and against a baseline, and a suite with
# skipped, failed and crashing benchmarks. The page must parse with every
# element closed, hold one section per benchmark with its charts (and the
# overlay when compared), name no address outside itself, link a flame
# graph exactly when one exists, relative to the report's folder, and show
# the complexity table and each group member's ratio line.
# Usage: html_report.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
bench=$(realpath "$1")
mixed=$(dirname "$bench")/tests/fixture_mixed
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"
checker=$(dirname "$(realpath "$0")")/lib/check_html.py

cd "$tmp" || exit 1
mkdir -p reports .yardstick/profiles
# A flame graph for one benchmark only, under its file name ('/' → %2F).
echo '<svg></svg>' >".yardstick/profiles/memcpy%2F64.svg"
"$bench" --list >names.txt

# check LABEL FILE ARGS...: runs the page checker on FILE; counts a failure.
check() {
  local label=$1
  shift
  if python3 "$checker" "$@" >"$tmp/check.out" 2>&1; then
    echo "ok: $label"
  else
    echo "FAIL: $label"
    sed 's/^/    /' "$tmp/check.out" | head -20
    failures=$((failures + 1))
  fi
}

expect 0 "" -- "$bench" --quick --baseline-dir bl --save-baseline main \
  --output reports/plain.html
check "the page of a run without a baseline" reports/plain.html \
  --names names.txt --charts 3 --profile "memcpy/64=../.yardstick/profiles/memcpy%252F64.svg" \
  --complexity sort/insertion --complexity sort/libc --complexity memcpy \
  --ratio memcpy/libc --ratio memcpy/naive --ratio sort/insertion/n:64

# Against the baseline a noisy machine may call something regressed: exit 1
# is a verdict, not a failure of the report.
"$bench" --quick --baseline-dir bl --baseline main \
  --output "$tmp/reports/compared.html" >/dev/null 2>"$tmp/err"
code=$?
if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
  echo "FAIL: the compared run exited $code"
  sed 's/^/    /' "$tmp/err" | tail -5
  failures=$((failures + 1))
fi
check "the page of a run against a baseline" reports/compared.html \
  --names names.txt --charts 4 --compared \
  --profile "memcpy/64=../.yardstick/profiles/memcpy%252F64.svg"

# HTML on standard output: links as from the working directory.
"$bench" --quick --format html memcpy/64 >stdout.html 2>/dev/null
check "html on standard output" stdout.html --charts 3 \
  --profile "memcpy/64=.yardstick/profiles/memcpy%252F64.svg"

# Skipped, failed and crashed benchmarks get a section with their message
# and no charts; the report is still written.
if [ -x "$mixed" ]; then
  "$mixed" --quick --output mixed.html >/dev/null 2>&1
  "$mixed" --list >mixed_names.txt
  check "a suite with failures" mixed.html --names mixed_names.txt \
    --failed broken --failed crashes --failed forgets_loop \
    --skipped needs_hardware
fi

expect 2 "no/such/dir/r.html" -- "$bench" --quick --output no/such/dir/r.html
finish
