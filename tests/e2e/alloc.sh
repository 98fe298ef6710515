#!/usr/bin/env bash
# End-to-end tests of --collector alloc, alone and beside the wall clock:
# the exact heap figures per iteration of tests/fixtures/alloc_suite.c (each
# worked out in that file's comments from the calls its benchmarks make),
# in the JSON, CSV, Markdown and console reports and in a baseline; and the
# run's max RSS in the context.
# Usage: alloc.sh PATH/TO/bench TESTS_SOURCE_DIR
# In a sanitizer build the collector is unavailable: the script checks that
# it says so, then exits 77 (skipped).
set -uo pipefail
suite=$(dirname "$1")/tests/fixture_alloc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

if sanitized "$suite"; then
  expect 2 "collector 'alloc' is not available in a sanitizer build" -- \
    "$suite" --collector alloc
  finish
  echo "SKIP: the alloc collector is not available in a sanitizer build"
  exit 77
fi

# figures JSON NAME: the five alloc figures per iteration of NAME, as
# "allocations frees allocated freed peak".
figures() {
  jq -r --arg n "$2" '.benchmarks[] | select(.name == $n) | [.series[] |
    select(.metric | test("^(allocations|frees|allocated_bytes|freed_bytes|peak_live_bytes)$")) |
    .estimates.mean.point] | map(tostring) | join(" ")' "$1"
}

# check_figures JSON NAME WANT: the figures of NAME are WANT.
check_figures() {
  local got
  got=$(figures "$1" "$2")
  if [ "$got" != "$3" ]; then
    echo "FAIL: $2 in $1: figures '$got', want '$3'"
    failures=$((failures + 1))
  else
    echo "ok: $2: $got"
  fi
}

# The threads' counts are exact, their peak depends on the interleaving:
# between one block of 64 bytes and one per thread (256).
check_threads() {
  local got
  got=$(figures "$1" threads)
  if ! awk -v f="$got" 'BEGIN { split(f, v, " ");
      exit !(v[1] == 100 && v[2] == 100 && v[3] == 6400 && v[4] == 6400 &&
             v[5] >= 64 && v[5] <= 256) }'; then
    echo "FAIL: threads in $1: figures '$got', want '100 100 6400 6400 64..256'"
    failures=$((failures + 1))
  else
    echo "ok: threads: $got"
  fi
}

check_run() {
  check_figures "$1" three_blocks "3 3 300 300 300"
  check_figures "$1" no_alloc "0 0 0 0 0"
  check_figures "$1" three_blocks_libc "0 0 0 0 0"
  check_figures "$1" realloc_growth "3 1 700 700 400"
  check_figures "$1" calloc_block "1 1 300 300 300"
  check_figures "$1" setup_alloc "0 0 0 0 0"
  check_threads "$1"
}

# Alone: one fixed batch per benchmark, as under callgrind.
expect 0 '' -- "$suite" --collector alloc --output "$tmp/alone.json" \
  --output "$tmp/alone.csv" --output "$tmp/alone.md"
check_run "$tmp/alone.json"
# C++: new and delete reach the counting malloc through libstdc++.
if [ -x "$suite"_cxx ]; then
  expect 0 '' -- "$suite"_cxx --collector alloc --output "$tmp/cxx.json"
  check_figures "$tmp/cxx.json" vector_of_25 "2 2 124 124 124"
else
  echo "SKIP: C++ case: no C++ compiler was found when configuring"
fi
# Beside the wall clock: timed batches of many iterations, in workers.
expect 0 '' -- "$suite" --collector wall,alloc --quick \
  --output "$tmp/wall.json" --output "$tmp/wall.csv" --output "$tmp/wall.md"
check_run "$tmp/wall.json"

expect 0 'allocations: 3 calls' -- "$suite" --collector wall,alloc --quick \
  --exact three_blocks
expect 0 '^three_blocks,peak_live_bytes,bytes,ok,300,' -- cat "$tmp/wall.csv"
expect 0 '^realloc_growth,allocated_bytes,bytes,ok,700,' -- cat "$tmp/alone.csv"
expect 0 '^\| `three_blocks` \| 3 calls \| 3 calls \| 300 bytes \| 300 bytes \| 300 bytes \|$' -- \
  cat "$tmp/wall.md"

# The run's max RSS, in the context of every report that has one. The
# workers have ended when it is read, so it is at least this process's.
expect 0 'max RSS [0-9.]+ MiB' -- "$suite" --collector wall --quick \
  --exact no_alloc
rss=$(jq '.context.max_rss_bytes' "$tmp/wall.json")
if ! [ "$rss" -gt 1000000 ] 2>/dev/null; then
  echo "FAIL: context.max_rss_bytes is '$rss', want more than 1 MB"
  failures=$((failures + 1))
else
  echo "ok: max_rss_bytes $rss"
fi
expect 0 'max RSS [0-9.]+ MiB' -- cat "$tmp/wall.md"

# Baselines keep the counts; the same code compares unchanged; a body that
# allocates more regresses by the threshold alone (allocations primary).
export YARDSTICK_BASELINE_DIR=$tmp/baselines
expect 0 "saved baseline 'heap'" -- "$suite" --collector alloc,wall --quick \
  --save-baseline heap
expect 0 'max_rss_bytes:' -- cat "$tmp/baselines/heap.yaml"
expect 0 'metric: peak_live_bytes' -- cat "$tmp/baselines/heap.yaml"
expect 0 'unchanged' -- "$suite" --collector alloc,wall --quick \
  --baseline heap --exact three_blocks

# Combinations the collector refuses.
expect 2 "collector 'callgrind' counts exactly under its own conditions" -- \
  "$suite" --collector callgrind,alloc
finish
