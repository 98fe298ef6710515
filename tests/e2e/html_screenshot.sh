#!/usr/bin/env bash
# Renders the HTML report (a run against a baseline) in headless Chromium
# at a desktop width (1280 px) and a phone width (400 px) and checks that
# the charts are drawn: the picture is not blank, the charts' blue marks
# are there, and at both widths they reach across most of the page, so the
# charts scale with it. Skipped (exit 77) where Chromium is not installed.
# Set YS_SCREENSHOT_DIR to keep the screenshots there.
# Usage: html_screenshot.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
bench=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"
lib=$(dirname "$(realpath "$0")")/lib

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIP: chromium is not installed (apt-get install chromium)"
  exit 77
fi

cd "$tmp" || exit 1
filter=(fnv1a_4k insertion_sort/64 memcpy/4096)
expect 0 "" -- "$bench" --quick --baseline-dir bl --save-baseline main "${filter[@]}"
"$bench" --quick --baseline-dir bl --baseline main --output report.html \
  "${filter[@]}" >/dev/null 2>&1
if [ ! -s report.html ]; then
  echo "FAIL: no report written"
  exit 1
fi

for width in 1280 400; do
  # Chromium as root needs --no-sandbox; HOME keeps its profile out of ours.
  HOME=$tmp timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
    --hide-scrollbars --screenshot="$tmp/shot$width.png" \
    --window-size="$width,1400" "file://$tmp/report.html" \
    >"$tmp/chromium.log" 2>&1
  if [ ! -s "$tmp/shot$width.png" ]; then
    echo "FAIL: chromium wrote no screenshot at $width px:"
    sed 's/^/    /' "$tmp/chromium.log" | tail -5
    failures=$((failures + 1))
    continue
  fi
  [ -n "${YS_SCREENSHOT_DIR:-}" ] && cp "$tmp/shot$width.png" "$YS_SCREENSHOT_DIR/"
  if PYTHONPATH="$lib" python3 - "$tmp/shot$width.png" <<'PY'; then
import statistics, sys
from png import read_png
w, h, rows = read_png(sys.argv[1])
lum, blue, left, right = [], 0, w, 0
for y, row in enumerate(rows):
    for x in range(0, w, 2):
        r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
        if y % 4 == 0:
            lum.append((r * 299 + g * 587 + b * 114) // 1000)
        # The charts' marks: the density fills and points are blue
        # (#4c78a8 and its tints); text and frames are grey.
        if b > r + 40 and b > 120:
            blue += 1
            left, right = min(left, x), max(right, x)
spread = statistics.pstdev(lum)
reach = (right - left) / w if blue else 0
print(f"{w}x{h}: luminance spread {spread:.1f}, {blue} blue pixels "
      f"across {reach:.0%} of the width")
assert spread > 20, "a blank page"
assert blue > w * h / 2 / 1000, "no chart drawn"  # 0.1 % of those looked at
assert reach > 0.6, "the charts do not fill the width"
PY
    echo "ok: the page at $width px shows its charts"
  else
    echo "FAIL: the page at $width px ($tmp/shot$width.png)"
    failures=$((failures + 1))
  fi
done
finish
