#!/usr/bin/env bash
# End-to-end test of `bench profile --collector callgrind`: exact profiles
# from callgrind's call graph (docs/profiling.md, "Exact profiles under
# callgrind"), on suites with a known profile:
# - the planted callee is the top self function, with exactly the
#   instructions callgrind_annotate gives for the same window;
# - the folded stacks add up to the window's instructions, and each
#   function's self cost in them is the JSON's, exactly;
# - self shares sum to 100 % (each rounded to 0.01); every file says its
#   unit (JSON, profile.md, SVG); --cache-sim adds cache misses;
# - against a saved profile, a callee slowed by a known count is named
#   first, with its exact delta, and a profile of another unit is refused.
# Usage: cgprofile.sh PATH/TO/bench TESTS_SOURCE_DIR
# Exit code 77 (skipped) when valgrind or callgrind_annotate is missing.
set -uo pipefail
for tool in valgrind callgrind_annotate python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed"
    exit 77
  fi
done
suite=$(dirname "$1")/tests/fixture_profile
funcdiff=$(dirname "$1")/tests/fixture_funcdiff
for s in "$suite" "$funcdiff"; do
  [ -x "$s" ] || { echo "FAIL: no fixture at $s"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"
unset YS_FIXTURE_HOT YS_FIXTURE_SLOW_CALLEE YS_FIXTURE_SLOW_STEPS

# check NAME DIR FILE RAW PYTHON: runs a Python check over the files of
# the profile in DIR (FILE: the benchmark's file name; RAW: the raw
# callgrind folder); counts a failure.
check() {
  local name=$1
  shift
  if python3 - "$@" >"$tmp/check" 2>&1; then
    echo "ok: $name"
  else
    echo "FAIL: $name"
    sed 's/^/    /' "$tmp/check"
    failures=$((failures + 1))
  fi
}

# 1. The planted callee, exactly.
dir=$tmp/profiles
raw=$tmp/raw
file='mix%2Fplanted'
expect 0 "profile: mix/planted: [0-9]+ instructions in 1 window \(callgrind\); top: planted_hot" \
  -- "$suite" profile --collector callgrind --profile-dir "$dir" \
  --callgrind-out "$raw" --save-profile base
callgrind_annotate --inclusive=no "$raw/callgrind.out.$file" >"$tmp/annotate" 2>&1

check "planted_hot on top with callgrind_annotate's count; folded total exact" \
  "$dir" "$file" "$tmp/annotate" <<'PY'
import json, re, sys
d, f, annotate = sys.argv[1:4]
text = open(annotate).read()
assert "WARNING" not in text, text
def count(pattern):
    m = re.search(r"^\s*([\d,]+) .*" + pattern, text, re.M)
    assert m, (pattern, text)
    return int(m.group(1).replace(",", ""))
window = count("PROGRAM TOTALS")
planted = count(r":planted_hot \[")
h = json.load(open(f"{d}/{f}.hotspots.json"))
assert h["unit"] == "instructions", h
assert h["instructions"] == window, (h["instructions"], window)
fns = h["functions"]
top = fns[0]
print("top:", top, "annotate:", planted, "window:", window)
assert top["name"] == "planted_hot" and top["self"] == planted, (top, planted)
names = {fn["name"] for fn in fns}
assert "setup_burn" not in names and "teardown_burn" not in names, names
# The folded stacks: their total is the window's, and each function's self
# cost in them (stacks ending in it) is the JSON's.
folded, self_in_folded = 0, {}
for line in open(f"{d}/{f}.folded"):
    stack, n = line.rstrip("\n").rsplit(" ", 1)
    folded += int(n)
    leaf = stack.split(";")[-1]
    self_in_folded[leaf] = self_in_folded.get(leaf, 0) + int(n)
    assert stack.split(";")[0] == "ys__fn_planted", stack
assert folded == window, (folded, window)
for fn in fns:
    assert self_in_folded.get(fn["name"], 0) == fn["self"], (fn, self_in_folded)
assert sum(fn["self"] for fn in fns) == window
total = sum(fn["self_pct"] for fn in fns)
assert abs(total - 100) <= 0.01 * len(fns) / 2 + 1e-9, total
assert "cache_misses" in h and h["cache_misses"] is False, h
PY

check "the unit in profile.md and the SVG" "$dir" "$file" <<'PY'
import sys, xml.dom.minidom
d, f = sys.argv[1:3]
md = open(f"{d}/profile.md").read()
assert md.startswith("# Profile (callgrind, instructions)"), md[:200]
assert "| function | self (instructions) |" in md, md
assert "| `planted_hot` |" in md, md
doc = xml.dom.minidom.parse(f"{d}/{f}.svg")
texts = [t.firstChild.data for t in doc.getElementsByTagName("text") if t.firstChild]
assert any("(callgrind, instructions)" in t for t in texts), texts[:4]
titles = [t.firstChild.data for t in doc.getElementsByTagName("title")]
assert any(t.startswith("planted_hot (") and " instructions, " in t for t in titles), titles
assert open(f"{d}/profile.unit").read() == "instructions\niterations 1\n"
assert open(f"{d}/base/profile.unit").read() == "instructions\niterations 1\n"
PY

# 2. --cache-sim: misses per function.
expect 0 "top: planted_hot" \
  -- "$suite" profile --collector callgrind --cache-sim --profile-dir "$tmp/cache"
check "cache misses per function" "$tmp/cache" "$file" <<'PY'
import json, sys
d, f = sys.argv[1:3]
h = json.load(open(f"{d}/{f}.hotspots.json"))
assert h["cache_misses"] is True, h
for fn in h["functions"]:
    for k in ("l1_misses_self", "ll_misses_self", "l1_misses_total", "ll_misses_total"):
        assert k in fn, fn
    assert fn["l1_misses_self"] <= fn["l1_misses_total"], fn
assert sum(fn["l1_misses_self"] for fn in h["functions"]) > 0, h
md = open(f"{d}/profile.md").read()
assert "| L1 misses self | LL misses self |" in md, md
PY

# 3. A slowdown of 500 steps (1000 instructions) in work_hash, against a
# saved profile: named first in the before/after table with +1000.
fdir=$tmp/funcdiff
expect 0 "profile: pipeline: [0-9]+ instructions" \
  -- "$funcdiff" profile --collector callgrind --profile-dir "$fdir" \
  --save-profile base
expect 0 "profile: pipeline: [0-9]+ instructions .*top: work_hash" \
  -- env YS_FIXTURE_SLOW_CALLEE=work_hash "$funcdiff" profile \
  --collector callgrind --profile-dir "$fdir" --baseline base
check "the slowed callee first, with its exact delta" "$fdir" pipeline <<'PY'
import re, sys, xml.dom.minidom
d, f = sys.argv[1:3]
md = open(f"{d}/profile.md").read()
for bench in ("pipeline", "pipeline\\_paused"):
    section = md.split(f"\n## {bench}\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| (\d+) \| (\d+) \| ([+-]\d+) \| [+-][\d.]+ \|$",
                      section, re.M)
    assert rows, section
    name, before, after, delta = rows[0]
    assert name == "work_hash" and delta == "+1000", rows
    assert int(after) - int(before) == 1000, rows
    assert len(rows) == 1, rows  # nothing else changed
doc = xml.dom.minidom.parse(f"{d}/{f}.diff.svg")
fills = {g.getAttribute("data-name"): g.getElementsByTagName("rect")[0].getAttribute("fill")
         for g in doc.getElementsByTagName("g") if g.getAttribute("class") == "f"}
r, g, b = map(int, re.findall(r"\d+", fills["work_hash"]))
assert r == 255 and b < 255, ("work_hash should be red", fills["work_hash"])
PY

# 4. Units do not mix: a profile of samples is no baseline for one of
# instructions, nor the other way round.
mkdir -p "$fdir/sampled"
echo samples >"$fdir/sampled/profile.unit"
expect 2 "--baseline: the saved profile 'sampled' counts samples .* cannot be compared" \
  -- "$funcdiff" profile --collector callgrind --profile-dir "$fdir" \
  --baseline sampled
expect 2 "--baseline: the saved profile 'base' counts instructions .* cannot be compared" \
  -- "$funcdiff" profile --profile-dir "$fdir" --baseline base
expect 2 "--collector: 'profile' takes wall .* or callgrind" \
  -- "$funcdiff" profile --collector perf --profile-dir "$fdir"
expect 2 "--cache-sim needs the callgrind collector" \
  -- "$funcdiff" profile --cache-sim --profile-dir "$fdir"

# 5. --iterations N: the profile covers batches of N iterations, so that
# two profiles compare exactly. planted_hot runs the same code every
# iteration, so its self count at 4 iterations is exactly 4 times that of
# the profile 'base' of section 1 (1 iteration, the default); the JSON and
# profile.unit say 4. A saved profile of another count is refused, since
# the window's own cost is spread over other batch sizes; one of the same
# count is compared. Under perf there is no count to choose.
expect 0 "profile: mix/planted: [0-9]+ instructions in 1 window \(callgrind\)" \
  -- "$suite" profile --collector callgrind --iterations 4 \
  --profile-dir "$dir" --save-profile four
check "--iterations 4: planted_hot's self count is 4 times the 1-iteration one" \
  "$dir" "$file" <<'PY'
import json, sys
d, f = sys.argv[1], sys.argv[2]
one = json.load(open(f"{d}/base/{f}.hotspots.json"))
four = json.load(open(f"{d}/four/{f}.hotspots.json"))
assert one["iterations"] == 1 and four["iterations"] == 4, (one["iterations"], four["iterations"])
self_of = lambda doc: {x["name"]: x["self"] for x in doc["functions"]}["planted_hot"]
assert self_of(four) == 4 * self_of(one), (self_of(one), self_of(four))
unit = open(f"{d}/four/profile.unit").read().split("\n")
assert unit[:2] == ["instructions", "iterations 4"], unit
print(f"planted_hot: {self_of(one)} at 1 iteration, {self_of(four)} at 4")
PY
expect 2 "--baseline: the saved profile 'base' counts batches of 1 iteration, this one of 4 \(--iterations\): give --iterations 1" \
  -- "$suite" profile --collector callgrind --iterations 4 \
  --profile-dir "$dir" --baseline base
expect 0 "top: planted_hot" \
  -- "$suite" profile --collector callgrind --iterations 4 \
  --profile-dir "$dir" --baseline four
expect 2 "--iterations needs the callgrind collector \(--collector callgrind\), but this profile samples with perf" \
  -- "$suite" profile --iterations 4 --profile-dir "$dir"

finish
