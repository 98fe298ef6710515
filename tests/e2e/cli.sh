#!/usr/bin/env bash
# End-to-end tests of the benchmark program's command line: listing,
# filters, every error path's exit code and message, and a quick run.
# Usage: cli.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
bench=$1
fixtures=$(dirname "$bench")/tests
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

expect 0 '^empty_loop$' -- "$bench" --list
expect 0 '^memcpy/4096$' -- "$bench" --list memcpy
# --list runs nothing: an option it would ignore is refused, named.
expect 2 "--save-baseline does nothing with --list" -- \
  "$bench" --list --save-baseline x
expect 2 "--output does nothing with --list" -- "$bench" --list --output r.json
expect 2 "--latency does nothing with --list" -- "$bench" --list --latency
# A value given twice is refused, not the last one taken; lists add up,
# and a flag said twice is one flag.
expect 2 "--shard is given twice \('1/3' and '2/3'\): it takes one value" -- \
  "$bench" --list --shard 1/3 --shard 2/3
expect 2 "--seed is given twice \('1' and '2'\)" -- \
  "$bench" --seed 1 --seed 2 --quick
expect 0 "" -- "$bench" --list --exact --exact empty_loop
expect 2 "--baseline does nothing with --list unless --shard" -- \
  "$bench" --list --baseline main
expect 0 'Usage: bench' -- "$bench" --help
expect 0 '^yardstick [0-9]+\.[0-9]+\.[0-9]+' -- "$bench" --version
expect 2 "unknown option|unrecognized|--no-such-flag" -- "$bench" --no-such-flag
expect 2 'sample-size' -- "$bench" --sample-size abc
expect 2 'rounds' -- "$bench" --rounds 0
expect 2 'measurement-time' -- "$bench" --measurement-time -1
expect 2 'seed' -- "$bench" --seed
expect 2 'format' -- "$bench" --format yaml
expect 2 "collector.*unknown collector 'abacus'" -- "$bench" --collector abacus
expect 2 "collector.*named twice" -- "$bench" --collector wall,wall
expect 2 "collector.*not a list" -- "$bench" --collector wall,
expect 2 'iterations' -- "$bench" --iterations 0
expect 2 "no benchmark matches 'zzz'" -- "$bench" zzz
expect 2 "no benchmark is named 'memcpy'" -- "$bench" --exact memcpy
expect 2 'not a valid regular expression' -- "$bench" '(unclosed'
expect 2 "cannot write '/nonexistent/dir/out.json'" -- \
  "$bench" --quick --output /nonexistent/dir/out.json empty_loop

# A program that cannot be started is one message, from the program, with
# its prefix: not the child's own line and then "exited before greeting".
"$bench" --quick --against "$tmp/no-such-program" empty_loop >"$tmp/out" 2>&1
got=$?
if [ "$got" -ne 2 ] || [ "$(wc -l <"$tmp/out")" -ne 1 ] ||
  ! grep -Eq '^bench: --against .*no-such-program: cannot run it: No such file' "$tmp/out"; then
  echo "FAIL: --against a missing program → exit $got, output:"
  sed 's/^/    /' "$tmp/out"
  failures=$((failures + 1))
else
  echo "ok: --against a missing program → one message, exit 2"
fi

# The listing is sorted, numbers by value (sort -V orders digit runs by
# value, as the natural order does), and complete.
"$bench" --list >"$tmp/list"
if ! LC_ALL=C sort -V -c "$tmp/list" 2>/dev/null; then
  echo "FAIL: --list is not sorted"
  failures=$((failures + 1))
fi

# A quick run of one benchmark prints a Criterion-like line.
expect 0 'fnv1a_4k .*time: +\[' -- "$bench" --quick --exact fnv1a_4k

# A failing benchmark is reported, the others still are, and the exit code
# is 3.
expect 3 'broken.*FAILED: could not open the input file' -- \
  "$fixtures/fixture_mixed" --quick
expect 3 'fine .*time: +\[' -- "$fixtures/fixture_mixed" --quick
expect 3 'needs_hardware.*skipped: no such device here' -- \
  "$fixtures/fixture_mixed" --quick
expect 3 'crashes.*FAILED: crashed with signal 11' -- \
  "$fixtures/fixture_mixed" --quick
expect 3 'forgets_loop.*without running its loop' -- \
  "$fixtures/fixture_mixed" --quick
expect 0 'fine' -- "$fixtures/fixture_mixed" --quick fine needs_hardware

# Two benchmarks with one name: refused at start-up.
expect 2 "duplicate benchmark name 'twin'" -- "$fixtures/fixture_duplicate" --list

finish
