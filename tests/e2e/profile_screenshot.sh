#!/usr/bin/env bash
# Renders a flame graph of `bench profile` in headless Chromium and checks
# that the picture is not blank: the frames are drawn, in more than a few
# colours, over a good part of the width. Skipped (exit 77) where perf
# cannot record or Chromium is not installed.
# Usage: profile_screenshot.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
suite=$(dirname "$1")/tests/fixture_profile
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIP: chromium is not installed (apt-get install chromium)"
  exit 77
fi
if ! command -v perf >/dev/null ||
  ! perf record -q -e cpu-clock -o "$tmp/probe.data" -- true >/dev/null 2>&1; then
  echo "SKIP: perf is missing or may not record here"
  exit 77
fi

expect 0 "profile written" \
  -- "$suite" profile --profile-dir "$tmp/p" --profile-time 0.5
svg="$tmp/p/mix%2Fplanted.svg"
# Chromium as root needs --no-sandbox; HOME keeps its profile out of ours.
# In a URL the file name's own '%' must be written %25.
HOME=$tmp timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
  --screenshot="$tmp/shot.png" --window-size=1200,800 "file://${svg//%/%25}" \
  >"$tmp/chromium.log" 2>&1
if [ ! -s "$tmp/shot.png" ]; then
  echo "FAIL: chromium wrote no screenshot:"
  sed 's/^/    /' "$tmp/chromium.log" | tail -5
  exit 1
fi

# The PNG is read by lib/png.py (the standard library's zlib alone).
if PYTHONPATH="$(dirname "$0")/lib" python3 - "$tmp/shot.png" <<'PY'; then
import sys
from png import read_png
w, h, rows = read_png(sys.argv[1])
colours, wide_rows = set(), 0
for row in rows:
    # Saturated pixels (flame colours: red high, blue low) in this row.
    hot = sum(1 for x in range(0, w * 3, 3) if row[x] > 180 and row[x + 2] < 100)
    if hot > w // 2: wide_rows += 1
    colours.update(row[x:x + 3] for x in range(0, w * 3, 3 * 7))
print(f"{w}x{h}: {len(colours)} colours, {wide_rows} rows of flame across half the width")
assert len(colours) > 20, "blank picture"
assert wide_rows >= 16, "no frame drawn across the graph"
PY
  echo "ok: the screenshot shows a flame graph"
else
  echo "FAIL: the screenshot ($tmp/shot.png) looks blank"
  failures=$((failures + 1))
fi
finish
