#!/usr/bin/env bash
# End-to-end test of baseline history and noise bands: --save-baseline main
# --history 5 keeps main's last five runs (commit, date, estimates); a
# comparison with --baseline main reports the band not yet available with
# four runs and, with five, the band that the history file's own estimates
# give ((max - min) / median, recomputed here in Python from the file);
# `bench history` lists the trend and --output FILE.html draws it, as the
# HTML report of a comparison does; a corrupt history stops the run with
# exit 2 naming the file and is left as it was; options that would do
# nothing are refused.
# Usage: history.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
bench=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

cd "$tmp" || exit 1
export YARDSTICK_BASELINE_DIR=$tmp/b
hist=$tmp/b/history/main.yaml
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
run=("$bench" --quick --processes 0 '^fnv1a_4k$' '^insertion_sort/64$')

# The number of runs in the history file, read with PyYAML.
runs_in() {
  python3 -c 'import sys, yaml; print(len(yaml.safe_load(open(sys.argv[1]))["runs"]))' "$1"
}

unset GITHUB_SHA
for i in 1 2 3 4; do
  "${run[@]}" --save-baseline main --history 5 >/dev/null 2>"$tmp/err" ||
    fail "save $i: $(cat "$tmp/err")"
done
[ "$(runs_in "$hist")" = 4 ] || fail "4 saves did not keep 4 runs"
python3 - "$hist" <<'PY' || fail "a run outside git recorded a commit"
import sys, yaml
assert all(r["commit"] == "" for r in yaml.safe_load(open(sys.argv[1]))["runs"])
PY

# Four runs: the band is not yet available, and the rule is the old one.
"${run[@]}" --baseline main --format json >"$tmp/four.json" 2>/dev/null
python3 - "$tmp/four.json" <<'PY' || fail "four runs: noise_band is not 'not yet available'"
import json, sys
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    band = b["comparison"]["noise_band"]
    assert band == {"width": None, "runs": 4, "min_runs": 5}, band
PY
# A threshold of 500 % keeps an A/A false alarm on a busy machine from
# failing the check with exit 1: only the report's wording is checked.
expect 0 "band: +not yet available \(4 of 5 runs" -- "${run[@]}" --baseline main \
  --threshold 500

GITHUB_SHA=0123abcd "${run[@]}" --save-baseline main --history 5 \
  >/dev/null 2>&1 || fail "fifth save failed"
[ "$(runs_in "$hist")" = 5 ] || fail "5 saves did not keep 5 runs"

# Five runs: the band of each benchmark is the range of its five estimates
# in the file over their median.
"${run[@]}" --baseline main --format json >"$tmp/five.json" 2>/dev/null
python3 - "$hist" "$tmp/five.json" <<'PY' || fail "the band is not (max - min) / median of the history"
import json, statistics, sys, yaml
runs = yaml.safe_load(open(sys.argv[1]))["runs"]
assert runs[-1]["commit"] == "0123abcd", runs[-1]["commit"]
for b in json.load(open(sys.argv[2]))["benchmarks"]:
    est = [p["estimate"] for r in runs for p in r["benchmarks"] if p["name"] == b["name"]]
    want = (max(est) - min(est)) / statistics.median(est)
    band = b["comparison"]["noise_band"]
    assert band["runs"] == 5 and abs(band["width"] - want) < 1e-9 * want, (band, want)
PY
expect 0 "band: +[0-9.]+ % over 5 runs of the baseline's history" -- \
  "${run[@]}" --baseline main --threshold 500
expect 0 "noise band" -- "${run[@]}" --baseline main --format markdown \
  --threshold 500

# A PATH has no history: no band is consulted.
"${run[@]}" --baseline ./b/main.yaml --format json >"$tmp/path.json" 2>/dev/null
python3 -c 'import json, sys
assert all(b["comparison"]["noise_band"] is None for b in json.load(open(sys.argv[1]))["benchmarks"])' \
  "$tmp/path.json" || fail "a --baseline PATH consulted a history"

# Two more saves: the history stays at its last five runs.
for i in 6 7; do
  "${run[@]}" --save-baseline main --history 5 >/dev/null 2>&1 || fail "save $i"
done
[ "$(runs_in "$hist")" = 5 ] || fail "7 saves with --history 5 kept $(runs_in "$hist") runs"

# bench history: one table per benchmark, a row per run.
expect 0 "fnv1a_4k \(time\) +band [0-9.]+ % over 5 runs" -- "$bench" history main
"$bench" history main '^insertion' >"$tmp/table" 2>&1 || fail "history REGEX failed"
[ "$(grep -cE '^  [-0-9a-f]+ +20[0-9-]+T' "$tmp/table")" = 5 ] ||
  fail "history main ^insertion does not list 5 runs: $(cat "$tmp/table")"
grep -q fnv1a "$tmp/table" && fail "history REGEX did not filter"
expect 2 "matches no|chooses nothing|match" -- "$bench" history main '^nothing$'
expect 2 "history/other.yaml.*not found" -- "$bench" history other
expect 2 "--quick does nothing with 'history'" -- "$bench" history main --quick
expect 2 "give a baseline NAME" -- "$bench" history

# bench history --output FILE.html: a page with one trend chart per
# benchmark chosen, well-formed XML as the report is.
charts_in() { grep -o '<svg class="chart"' "$1" | wc -l; }
expect 0 "fnv1a_4k" -- "$bench" history main --output "$tmp/h.html"
[ "$(charts_in "$tmp/h.html")" = 2 ] ||
  fail "history --output: $(charts_in "$tmp/h.html") charts, not 2"
python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' \
  "$tmp/h.html" || fail "the history page is not well-formed"
grep -q 'class="hist-band"' "$tmp/h.html" || fail "the history page has no band"
"$bench" history main '^insertion' --output html:"$tmp/one.page" >/dev/null ||
  fail "history REGEX --output html:FILE failed"
[ "$(charts_in "$tmp/one.page")" = 1 ] || fail "history REGEX --output: not 1 chart"
expect 2 "--output 'h.md': history writes an HTML page" -- \
  "$bench" history main --output h.md
[ -e h.md ] && fail "a refused --output was written"
expect 2 "is the file of the history" -- \
  "$bench" history main --output "html:$hist"
expect 2 "is the file of the baseline" -- \
  "$bench" history main --output "html:$tmp/b/main.yaml"
expect 2 "is in the baseline folder" -- \
  "$bench" history main --output "html:$tmp/b/other.yaml"
expect 2 "writes its chart page to a file" -- \
  "$bench" history main --output html:-

# The report of a comparison with main draws each benchmark's trend, this
# run appended.
"${run[@]}" --baseline main --threshold 500 --output "$tmp/r.html" \
  >/dev/null 2>&1 || fail "report with --baseline main failed"
[ "$(grep -c '<figure class="trend">' "$tmp/r.html")" = 2 ] ||
  fail "the report has no trend chart per benchmark"
grep -q '<g class="hist-now">' "$tmp/r.html" || fail "the report's trend lacks this run"

# A corrupt history: exit 2 naming it, on compare and on save, untouched.
printf 'yardstick_history: 1\nruns: [oops\n' >"$hist"
cp "$hist" "$tmp/corrupt.copy"
expect 2 "--baseline: .*history/main.yaml" -- "${run[@]}" --baseline main
expect 2 "--history: .*history/main.yaml" -- \
  "${run[@]}" --save-baseline main --history 5
cmp -s "$hist" "$tmp/corrupt.copy" || fail "a corrupt history was overwritten"
expect 2 "history/main.yaml" -- "$bench" history main

# Options that would do nothing, or values out of range.
expect 2 "--history needs --save-baseline" -- "${run[@]}" --history 5
expect 2 "--history: '3' is not an integer in 5..1000" -- \
  "${run[@]}" --save-baseline x --history 3
expect 2 "--history does nothing with 'compare'" -- \
  "$bench" compare main main --history 5

finish
