#!/usr/bin/env bash
# End-to-end test of `bench profile` with a real perf, on a suite with a
# known profile (tests/fixtures/profile_suite.c): the planted callee is the
# top self-time function; setup and teardown stay out; the folded counts,
# the JSON and profile.md agree; a body of a nanosecond is sampled for its
# profile time too; the SVG is well-formed XML naming every
# function of 1 % or more; a saved profile and a comparison with it give a
# differential graph and a before/after table. Skipped (exit 77) where perf
# is missing or may not record.
# Usage: profile.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
suite=$(dirname "$1")/tests/fixture_profile
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

if ! command -v perf >/dev/null ||
  ! perf record -q -e cpu-clock -o "$tmp/probe.data" -- true >/dev/null 2>&1; then
  echo "SKIP: perf is missing or may not record here (apt-get install linux-perf; sysctl kernel.perf_event_paranoid=1)"
  exit 77
fi

dir=$tmp/profiles
file='mix%2Fplanted'

# A body of a nanosecond or so (the examples' empty_loop) still gets its
# profile time: the sample plan must not count perf's round trip at each
# window's edge as the iterations' cost (which left such a body with a few
# hundred iterations and no sample at all). 0.3 s of windows at perf's
# 4000 samples per CPU second give about 1200; 100 allows a busy machine.
expect 0 "profile: empty_loop: [1-9][0-9]{2,} samples" \
  -- "$1" profile --profile-dir "$tmp/fast" --profile-time 0.3 '^empty_loop$'
expect 0 "profile: mix/planted: [0-9]+ samples" \
  -- "$suite" profile --profile-dir "$dir" --profile-time 1 --save-profile base

# check NAME PYTHON: runs a Python check over the files; counts a failure.
check() {
  local name=$1
  shift
  if python3 - "$dir" "$file" "$@" >"$tmp/check" 2>&1; then
    echo "ok: $name"
  else
    echo "FAIL: $name"
    sed 's/^/    /' "$tmp/check"
    failures=$((failures + 1))
  fi
}

check "planted callee on top, setup and teardown absent, counts agree" <<'PY'
import json, sys
d, f = sys.argv[1], sys.argv[2]
h = json.load(open(f"{d}/{f}.hotspots.json"))
fns = h["functions"]
top = fns[0]
print("top:", top)
assert top["name"] == "planted_hot", top
# 8 of 11 parts of the loop's work: about 73 %; a generous margin.
assert top["self_pct"] > 50, top
# The planted one outweighs every other callee by far.
for fn in fns[1:]:
    assert fn["self"] * 3 < top["self"], fn
names = {fn["name"] for fn in fns}
assert "setup_burn" not in names and "teardown_burn" not in names, names
# Folded round trip: the counts sum to the samples of the profile, and
# with the samples left out at the window edges to every sample recorded.
folded = 0
for line in open(f"{d}/{f}.folded"):
    stack, count = line.rstrip("\n").rsplit(" ", 1)
    assert stack.split(";")[0] in ("ys__fn_planted", "[outside the benchmark]"), stack
    folded += int(count)
assert folded == h["samples"], (folded, h["samples"])
assert h["samples"] + h["samples_at_window_edges"] == h["samples_recorded"], h
assert h["samples_outside_windows"] == h["samples_at_window_edges"] + h["samples_without_benchmark"]
# Almost nothing outside the windows.
assert h["samples_outside_windows"] <= 0.05 * h["samples_recorded"], h
# Shares: self sums to 100 % (each rounded to 0.01).
total = sum(fn["self_pct"] for fn in fns)
assert abs(total - 100) <= 0.01 * len(fns) / 2 + 1e-9, total
assert sum(fn["self"] for fn in fns) == h["samples"]
# Enough samples to mean something: 4000 per CPU second.
assert h["samples"] >= 500, h["samples"]
PY

check "SVG is well-formed XML naming every function of 1 % or more" <<'PY'
import json, sys, xml.dom.minidom
d, f = sys.argv[1], sys.argv[2]
doc = xml.dom.minidom.parse(f"{d}/{f}.svg")
titles = [t.firstChild.data for t in doc.getElementsByTagName("title")]
h = json.load(open(f"{d}/{f}.hotspots.json"))
for fn in h["functions"]:
    if fn["total_pct"] >= 1:
        assert any(t.startswith(fn["name"] + " (") for t in titles), fn["name"]
assert doc.getElementsByTagName("script"), "no inline script"
assert b"http://" not in open(f"{d}/{f}.svg", "rb").read().replace(b"http://www.w3.org/2000/svg", b"")
PY

check "profile.md: top table and butterfly" <<'PY'
import sys
d = sys.argv[1]
md = open(f"{d}/profile.md").read()
assert "| `planted_hot` |" in md, md
assert "| caller | `ys__fn_planted` |" in md, md
assert "(mix%252Fplanted.svg)" in md, md
PY

# The saved profile, then a comparison with a changed build: the planted
# work moved into warm_b.
for suffix in .folded .svg .hotspots.json; do
  [ -f "$dir/base/$file$suffix" ] || {
    echo "FAIL: --save-profile base did not write $dir/base/$file$suffix"
    failures=$((failures + 1))
  }
done
expect 0 "top: warm_b" \
  -- env YS_FIXTURE_HOT=warm_b "$suite" profile --profile-dir "$dir" \
  --profile-time 1 --baseline base

check "diff graph and before/after table" <<'PY'
import re, sys, xml.dom.minidom
d, f = sys.argv[1], sys.argv[2]
doc = xml.dom.minidom.parse(f"{d}/{f}.diff.svg")
fills = {}
for g in doc.getElementsByTagName("g"):
    if g.getAttribute("class") == "f":
        fills[g.getAttribute("data-name")] = g.getElementsByTagName("rect")[0].getAttribute("fill")
r, gr, b = map(int, re.findall(r"\d+", fills["warm_b"]))
assert r == 255 and b < 255, ("warm_b should be red", fills["warm_b"])
r, gr, b = map(int, re.findall(r"\d+", fills["planted_hot"]))
assert b == 255 and r < 255, ("planted_hot should be blue", fills["planted_hot"])
md = open(f"{d}/profile.md").read()
rows = re.findall(r"^\| `(\w+)` \| ([\d.]+) \| ([\d.]+) \| ([+-][\d.]+) \|$", md, re.M)
top2 = {rows[0][0], rows[1][0]}
assert top2 == {"planted_hot", "warm_b"}, rows[:3]
PY

finish
