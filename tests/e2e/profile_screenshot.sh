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

# A PNG decoder in the standard library's terms (zlib, the five row
# filters), as PIL may not be installed.
if python3 - "$tmp/shot.png" <<'PY'; then
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, ihdr = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR": ihdr = struct.unpack(">IIBBBBB", body)
    if kind == b"IDAT": idat += body
    pos += 12 + n
w, h, depth, ctype = ihdr[:4]
assert depth == 8 and ctype in (2, 6), ihdr
bpp = 3 if ctype == 2 else 4
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
colours, wide_rows = set(), 0
for y in range(h):
    f = raw[y * (stride + 1)]
    row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = row[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: row[i] = (row[i] + a) & 255
        elif f == 2: row[i] = (row[i] + b) & 255
        elif f == 3: row[i] = (row[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = row
    # Saturated pixels (flame colours: red high, blue low) in this row.
    hot = sum(1 for x in range(0, stride, bpp) if row[x] > 180 and row[x + 2] < 100)
    if hot > w // 2: wide_rows += 1
    colours.update(bytes(row[x:x + 3]) for x in range(0, stride, bpp * 7))
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
