#!/usr/bin/env bash
# End-to-end tests of `bench profile --collector dhat` on
# tests/fixtures/dhat_suite.c: the allocation sites of the timed windows,
# with exact counts, and none of the setup's; bad input and a missing
# valgrind (exit 2); a failing benchmark (exit 3, profile.md still written).
# Usage: dhat.sh PATH/TO/bench TESTS_SOURCE_DIR
# Skipped (exit 77) where valgrind cannot run the fixture: not installed,
# or an AddressSanitizer build.
set -uo pipefail
suite=$(dirname "$1")/tests/fixture_dhat
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

# check WHAT GOT WANT: one figure of the profile.
check() {
  if [ "$2" != "$3" ]; then
    echo "FAIL: $1: got '$2', want '$3'"
    failures=$((failures + 1))
  else
    echo "ok: $1: $2"
  fi
}

# Refused before anything runs, valgrind or not.
expect 2 "--collector dhat needs 'profile'" -- "$suite" --collector dhat
expect 2 "--save-profile does nothing with 'profile --collector dhat'" -- \
  "$suite" profile --collector dhat --save-profile x --profile-dir "$tmp/p"
expect 2 "--cache-sim needs the callgrind collector" -- \
  "$suite" profile --collector dhat --cache-sim --profile-dir "$tmp/p"

# No valgrind on PATH: exit 2, naming what to install.
mkdir -p "$tmp/empty"
expect 2 "valgrind not found on PATH: install it with 'apt-get install valgrind'" \
  -- env PATH="$tmp/empty" "$suite" profile --collector dhat \
  --profile-dir "$tmp/nov" window_allocs

if ! can_valgrind "$suite"; then
  finish
  echo "SKIP: valgrind cannot run $suite here (not installed, or a sanitizer build)"
  exit 77
fi

# The oracle, from dhat_suite.c: window_three_blocks makes 3 calls of
# malloc(100) per iteration of the loop, so per iteration 3 blocks and
# 3 × 100 = 300 bytes; over the 2N iterations the difference of the runs
# covers (batches of N and 2N, two calls each): 6N blocks, 600N bytes.
for n in 1 5; do
  dir="$tmp/p$n"
  expect 0 "profile: window_allocs: 3 blocks, 300 bytes per iteration" -- \
    "$suite" profile --collector dhat --iterations "$n" --profile-dir "$dir" \
    window_allocs
  json="$dir/window_allocs.dhat.json"
  check "N=$n: schema" "$(jq -r .schema "$json")" "yardstick-dhat/1"
  check "N=$n: window_iterations" "$(jq .window_iterations "$json")" $((2 * n))
  check "N=$n: top site by bytes" \
    "$(jq -r '.by_bytes[0].function | sub(" .*"; "")' "$json")" \
    "window_three_blocks"
  check "N=$n: top site by count" \
    "$(jq -r '.by_blocks[0].function | sub(" .*"; "")' "$json")" \
    "window_three_blocks"
  check "N=$n: blocks, bytes" \
    "$(jq -r '.by_bytes[0] | "\(.blocks) \(.bytes)"' "$json")" \
    "$((6 * n)) $((600 * n))"
  check "N=$n: per iteration" \
    "$(jq -r '.by_bytes[0] | "\(.blocks_per_iteration) \(.bytes_per_iteration)"' "$json")" \
    "3 300"
  # One block live at a time: the site's peak is one block of 100 bytes.
  check "N=$n: max live bytes" "$(jq .by_bytes[0].max_live_bytes "$json")" 100
  # Nothing else allocated in the windows: the harness's own heap use and
  # the setup's cancel out.
  check "N=$n: sites" "$(jq .sites "$json")" 1
  check "N=$n: whole windows" "$(jq -r '"\(.blocks) \(.bytes)"' "$json")" \
    "$((6 * n)) $((600 * n))"
  check "N=$n: setup_buffer absent" \
    "$(jq '[.by_bytes[], .by_blocks[] | .stack[] | select(startswith("setup_buffer"))] | length' "$json")" 0
  check "N=$n: the stack goes through the benchmark" \
    "$(jq '[.by_bytes[0].stack[] | select(test("window_allocs"))] | length > 0' "$json")" true
  if ! grep -q '^## window_allocs' "$dir/profile.md" ||
    ! grep -q '| 3 | 300 | 100 | `window_three_blocks' "$dir/profile.md"; then
    echo "FAIL: N=$n: profile.md lacks the window's site:"
    sed 's/^/    /' "$dir/profile.md"
    failures=$((failures + 1))
  else
    echo "ok: N=$n: profile.md"
  fi
  # DHAT's own files and logs are removed once read.
  check "N=$n: files" "$(ls -A "$dir" | tr '\n' ' ')" \
    "profile.md window_allocs.dhat.json "
done

# A benchmark that fails: exit 3, reported, the others profiled.
expect 3 "benchmark 'fails' failed under DHAT" -- \
  "$suite" profile --collector dhat --profile-dir "$tmp/f"
if ! grep -q 'No profile: failed under DHAT' "$tmp/f/profile.md" ||
  [ ! -f "$tmp/f/window_allocs.dhat.json" ]; then
  echo "FAIL: a failing benchmark: profile.md or window_allocs.dhat.json missing"
  failures=$((failures + 1))
else
  echo "ok: a failing benchmark is reported, the other profiled"
fi

finish
