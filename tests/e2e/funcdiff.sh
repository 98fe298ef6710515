#!/usr/bin/env bash
# End-to-end test of "why did it regress?" under --collector callgrind:
# - --callgrind-out writes one file per benchmark that callgrind_annotate
#   reads alone, whose total is exactly the reported count × iterations
#   plus the harness's empty loop of the same form (docs/collectors.md);
# - a baseline keeps each benchmark's functions;
# - with one callee slowed by a known count, the gate names that callee
#   first with the exact delta, in the console, Markdown and JSON reports,
#   and `bench compare` of two saved baselines does the same;
# - under --against, with a second build whose work_hash is slowed at
#   compile time (fixture_funcdiff_slow), the other build's workers send
#   their functions and every report names work_hash first, exactly;
# - a worker of the previous protocol is refused with both versions named.
# Usage: funcdiff.sh PATH/TO/bench TESTS_SOURCE_DIR
# Exit code 77 (skipped) when valgrind or callgrind_annotate is missing.
set -uo pipefail
for tool in valgrind callgrind_annotate; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed"
    exit 77
  fi
done
suite=$(dirname "$1")/tests/fixture_funcdiff
[ -x "$suite" ] || { echo "FAIL: no fixture at $suite"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
export YARDSTICK_BASELINE_DIR=$tmp/baselines
unset YS_FIXTURE_SLOW_CALLEE YS_FIXTURE_SLOW_STEPS

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# run NAME WANT_CODE ARGS...: runs the fixture under callgrind, stdout in
# $tmp/NAME.out, stderr in $tmp/NAME.err; fails unless it exits WANT_CODE.
run() {
  local name=$1 want=$2
  shift 2
  "$suite" --collector callgrind "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    fail "$suite $* → exit $got (want $want), stderr:"
    sed 's/^/    /' "$tmp/$name.err" | head -20
    return 1
  fi
  echo "ok: $suite $* → $got"
}

# The total of a callgrind file as callgrind_annotate reads it; empty when
# it warns about the file (a malformed line, a second part).
annotate_total() {
  local out
  out=$(callgrind_annotate "$1" 2>&1)
  if grep -q WARNING <<<"$out"; then
    echo "callgrind_annotate warns about $1:" >&2
    grep WARNING <<<"$out" | head -3 >&2
    return
  fi
  sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' <<<"$out" | tr -d ,
}

# The Ir total of the last part named NAME in a combined file.
part_total() {
  awk -v want="desc: Trigger: Client Request: $2" '
    $0 == want { hit = 1; next }
    hit && /^totals:/ { ir = $2; hit = 0 }
    END { print ir + 0 }' "$1"
}

# "NAME TOTAL ITERATIONS" per benchmark of a JSON report.
samples() {
  /usr/bin/python3 - "$1" <<'PY'
import json, sys
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    s = b["series"][0]
    it, v = s["rounds"][0]["samples"][0]
    print(b["name"], int(v), int(it))
PY
}

# 1. One file per benchmark, exactly the measured windows: at 1 and at 4
# iterations, file total = reported total + the empty loop's part.
for iterations in 1 4; do
  raw=$tmp/raw$iterations
  run "raw$iterations" 0 --iterations "$iterations" --callgrind-out "$raw" \
    --format json || continue
  samples "$tmp/raw$iterations.out" >"$tmp/raw$iterations.txt"
  combined=("$raw"/cg.*.out)
  empty=$(part_total "${combined[0]}" "(empty loop)")
  while read -r name total it; do
    file="$raw/callgrind.out.$name"
    got=$(annotate_total "$file")
    if [ -z "$got" ]; then
      fail "callgrind_annotate cannot read $file"
    elif [ "$it" -ne "$iterations" ] || [ "$got" -ne $((total + empty)) ]; then
      fail "$file: callgrind_annotate total $got, want reported $total" \
        "($it iterations) + empty loop $empty"
    else
      echo "ok: $name at $iterations iterations: file total $got =" \
        "reported $total + empty loop $empty"
    fi
  done <"$tmp/raw$iterations.txt"
  [ -s "$tmp/raw$iterations.txt" ] || fail "no benchmarks in the report"
done

# 2. Baselines with functions; a slowdown of 500 steps (1000 instructions)
# in work_hash is named first, with its exact delta per iteration.
run save 0 --save-baseline base || true
grep -q '{name: work_hash, self: [0-9]*, inclusive: [0-9]*}' \
  "$YARDSTICK_BASELINE_DIR/base.yaml" ||
  fail "the baseline lists no function work_hash"

export YS_FIXTURE_SLOW_CALLEE=work_hash
if run slow_console 1 --baseline base; then
  n=$(grep -c 'why:    work_hash +1,000 instructions (+' "$tmp/slow_console.out")
  [ "$n" -eq 2 ] || fail "console: want work_hash +1,000 under both" \
    "verdicts, got: $(grep -A2 change: "$tmp/slow_console.out")"
fi
if run slow_md 1 --baseline base --format markdown; then
  grep -q '^\*\*Why\*\*' "$tmp/slow_md.out" || fail "markdown: no Why section"
  n=$(grep -c '^  - `work_hash` +1,000 instructions (+' "$tmp/slow_md.out")
  [ "$n" -eq 2 ] || fail "markdown: want work_hash +1,000 twice:" \
    "$(cat "$tmp/slow_md.out")"
fi

# first_function FILE: "NAME DELTA" of each benchmark's first function.
first_function() {
  /usr/bin/python3 - "$1" <<'PY'
import json, sys
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    f = b["comparison"].get("functions", [])
    print(b["name"], f[0]["name"] if f else "-", f[0]["delta"] if f else "-")
PY
}
want=$'pipeline work_hash 1000\npipeline_paused work_hash 1000'
if run slow_json 1 --baseline base --format json --save-baseline slow; then
  got=$(first_function "$tmp/slow_json.out")
  [ "$got" = "$want" ] || fail "json: want $want, got $got"
fi

# 3. The same from two saved baselines.
"$suite" compare base slow --format json >"$tmp/compare.out" 2>"$tmp/compare.err"
code=$?
got=$(first_function "$tmp/compare.out" 2>/dev/null)
if [ "$code" -ne 1 ] || [ "$got" != "$want" ]; then
  fail "compare base slow → exit $code, functions: $got"
else
  echo "ok: compare base slow names work_hash +1000"
fi

# 4. Per iteration whatever the iteration count: at 4 iterations the delta
# is still 1000 per iteration.
unset YS_FIXTURE_SLOW_CALLEE
run save4 0 --iterations 4 --save-baseline base4 || true
export YS_FIXTURE_SLOW_CALLEE=work_hash
if run slow4 1 --iterations 4 --baseline base4 --format json; then
  got=$(first_function "$tmp/slow4.out")
  [ "$got" = "$want" ] || fail "--iterations 4: want $want, got $got"
fi

# 5. Without a slowdown nothing changed, and no function is named.
unset YS_FIXTURE_SLOW_CALLEE
if run same 0 --baseline base --format json; then
  got=$(first_function "$tmp/same.out")
  [ "$got" = $'pipeline - -\npipeline_paused - -' ] ||
    fail "unchanged runs name functions: $got"
fi

# 6. --against another build: this build (slowed at compile time) against
# the plain one as the baseline side. The delta is the same oracle as
# above: 500 planted steps of two instructions in work_hash per call, one
# call per iteration, whatever the iteration count of the batches.
slow_build=$(dirname "$1")/tests/fixture_funcdiff_slow
against() {
  local name=$1 want=$2
  shift 2
  "$slow_build" --collector callgrind --against "$suite" "$@" \
    >"$tmp/$name.out" 2>"$tmp/$name.err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    fail "$slow_build --against $suite $* → exit $got (want $want), stderr:"
    sed 's/^/    /' "$tmp/$name.err" | head -20
    return 1
  fi
  echo "ok: $slow_build --against $suite $* → $got"
}
if against vs_console 1; then
  n=$(grep -c 'why:    work_hash +1,000 instructions (+' "$tmp/vs_console.out")
  [ "$n" -eq 2 ] || fail "--against console: want work_hash +1,000 twice," \
    "got: $(grep -A2 change: "$tmp/vs_console.out")"
fi
if against vs_md 1 --format markdown; then
  n=$(grep -c '^  - `work_hash` +1,000 instructions (+' "$tmp/vs_md.out")
  [ "$n" -eq 2 ] || fail "--against markdown: want work_hash +1,000 twice:" \
    "$(cat "$tmp/vs_md.out")"
fi
for iterations in 1 4; do
  if against "vs_json$iterations" 1 --format json --iterations "$iterations"; then
    got=$(first_function "$tmp/vs_json$iterations.out")
    [ "$got" = "$want" ] ||
      fail "--against json at $iterations iterations: want $want, got $got"
  fi
done
# The same build on both sides: nothing changed, no function is named.
if run vs_same 0 --against "$suite" --format json; then
  got=$(first_function "$tmp/vs_same.out")
  [ "$got" = $'pipeline - -\npipeline_paused - -' ] ||
    fail "--against itself names functions: $got"
fi

# 7. A worker of protocol 3 (no counters before its samples) is refused
# before anything runs, naming both protocol versions.
cat >"$tmp/old_worker" <<'WORKER'
#!/bin/sh
printf 'yardstick-worker 3 0.1.0\nmetrics 1 instructions instructions\n'
printf 'bench pipeline\nready\n'
read -r line
WORKER
chmod +x "$tmp/old_worker"
if run old 2 --against "$tmp/old_worker"; then
  grep -q 'speaks worker protocol 3 (yardstick 0.1.0); this program speaks 5' \
    "$tmp/old.err" || fail "old worker: unclear refusal: $(cat "$tmp/old.err")"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "all passed"
