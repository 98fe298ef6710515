#!/usr/bin/env bash
# End-to-end test of --collector callgrind: the program re-executes itself
# under valgrind, a body of K instructions counts exactly K per iteration,
# the counts repeat run after run, baselines of counts compare as unchanged,
# and --callgrind-out keeps raw files that callgrind_annotate can read.
# Usage: callgrind.sh PATH/TO/bench TESTS_SOURCE_DIR
# Exit code 77 (skipped) when valgrind is not installed.
set -uo pipefail
suite=$(dirname "$1")/tests/fixture_asm
if ! command -v valgrind >/dev/null 2>&1; then
  echo "skipped: valgrind is not installed"
  exit 77
fi
[ -x "$suite" ] || { echo "FAIL: no fixture at $suite"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The program's temporary folders go here, to check that none is left.
export TMPDIR=$tmp/tmpdir
mkdir "$TMPDIR"
failures=0
pick=(--collector callgrind --exact asm_100 asm_1000 asm_100_for asm_1000_for)

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# run NAME ARGS...: runs the fixture, keeps stdout in $tmp/NAME.out and
# stderr in $tmp/NAME.err, and fails unless it exits 0.
run() {
  local name=$1
  shift
  "$suite" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  local got=$?
  if [ "$got" -ne 0 ]; then
    fail "$suite $* → exit $got, stderr:"
    sed 's/^/    /' "$tmp/$name.err" | head -20
    return 1
  fi
  echo "ok: $suite $* → 0"
}

# Prints "NAME TOTAL ITERATIONS" for every measured sample of the
# instructions metric in a JSON report.
samples() {
  /usr/bin/python3 - "$1" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
for b in doc["benchmarks"]:
    for s in b["series"]:
        if s["metric"] != "instructions":
            continue
        for r in s["rounds"]:
            for it, v in r["samples"]:
                print(b["name"], int(v), int(it))
EOF
}

# Counts per iteration: asm_1000's body has 900 more instructions than
# asm_100's, whatever the loop around them costs.
for iterations in 1 10; do
  for k in 1 2; do
    run "it$iterations.$k" "${pick[@]}" --iterations "$iterations" \
      --format json || continue
    samples "$tmp/it$iterations.$k.out" >"$tmp/it$iterations.$k.txt"
  done
  [ -s "$tmp/it$iterations.1.txt" ] || { fail "no samples"; continue; }
  if ! cmp -s "$tmp/it$iterations.1.txt" "$tmp/it$iterations.2.txt"; then
    fail "two runs counted differently (--iterations $iterations):"
    paste "$tmp/it$iterations.1.txt" "$tmp/it$iterations.2.txt" | sed 's/^/    /'
  else
    echo "ok: two runs counted the same (--iterations $iterations)"
  fi
  read -r name100 total100 it100 < <(grep '^asm_100 ' "$tmp/it$iterations.1.txt")
  read -r name1000 total1000 it1000 < <(grep '^asm_1000 ' "$tmp/it$iterations.1.txt")
  if [ "${it100:-0}" -ne "$iterations" ] || [ "${it1000:-0}" -ne "$iterations" ]; then
    fail "samples of ${it100:-?} and ${it1000:-?} iterations, want $iterations"
  elif [ $((total1000 - total100)) -ne $((900 * iterations)) ]; then
    fail "asm_1000 − asm_100 = $((total1000 - total100)) instructions in" \
      "$iterations iterations, want $((900 * iterations))"
  else
    echo "ok: asm_1000 − asm_100 = 900 instructions per iteration" \
      "(asm_100: $total100 in $iterations)"
  fi
done

# Both forms of the loop count exactly K per iteration: the harness
# subtracts the empty loop of the form each benchmark used.
for iterations in 1 10; do
  for k in 100 1000; do
    for name in "asm_$k" "asm_${k}_for"; do
      read -r _ total it < <(grep "^$name " "$tmp/it$iterations.1.txt")
      if [ "${total:-0}" -ne $((k * iterations)) ]; then
        fail "$name counted ${total:-?} instructions in $iterations" \
          "iterations, want $((k * iterations))"
      fi
    done
  done
done
echo "ok: while and YS_LOOP bodies of K instructions count K per iteration"

# The loop itself: the raw dumps of the harness's empty loops at 1 and 10
# iterations give its instructions per iteration. YS_LOOP must cost one
# decrement and one branch; the while form is shown for comparison.
# empty_totals FILE NAME: the Ir of the last dump named NAME.
empty_totals() {
  awk -v want="desc: Trigger: Client Request: $2" '
    $0 == want { hit = 1; next }
    hit && /^totals:/ { ir = $2; hit = 0 }
    END { print ir + 0 }' "$1"
}
for iterations in 1 10; do
  run "loop$iterations" --collector callgrind --exact asm_100_for asm_100 \
    --iterations "$iterations" --callgrind-out "$tmp/loop$iterations" || true
done
f1=("$tmp"/loop1/cg.*.out)
f10=("$tmp"/loop10/cg.*.out)
if [ -s "${f1[0]}" ] && [ -s "${f10[0]}" ]; then
  for form in "(empty loop)" "(empty while loop)"; do
    per=$((($(empty_totals "${f10[0]}" "$form") - $(empty_totals "${f1[0]}" "$form")) / 9))
    echo "info: $form costs $per instructions per iteration"
    if [ "$form" = "(empty loop)" ] && [ "$per" -ne 2 ]; then
      fail "YS_LOOP's empty loop costs $per instructions per iteration, want 2"
    fi
  done
else
  fail "no raw files to read the empty loops from"
fi

# Baselines of counts: the same build compares as unchanged.
export YARDSTICK_BASELINE_DIR=$tmp/baselines
run save "${pick[@]}" --save-baseline x
if run compare "${pick[@]}" --baseline x; then
  grep -q unchanged "$tmp/compare.out" "$tmp/compare.err" ||
    fail "no 'unchanged' verdict against the saved counts:" \
      "$(head -20 "$tmp/compare.out")"
fi

# --against: the other build is started with the same collector and
# counts under valgrind too; the same build compares as unchanged.
if run against "${pick[@]}" --against "$suite"; then
  grep -q unchanged "$tmp/against.out" ||
    fail "no 'unchanged' verdict with --against:" \
      "$(head -20 "$tmp/against.out")"
fi

# Raw files: kept where asked, one part per window, readable by
# callgrind_annotate.
if run raw "${pick[@]}" --callgrind-out "$tmp/raw/nested"; then
  files=("$tmp"/raw/nested/cg.*.out)
  if [ ! -s "${files[0]}" ]; then
    fail "--callgrind-out left no cg.*.out file"
  else
    grep -q '^desc: Trigger: Client Request: asm_1000$' "${files[0]}" ||
      fail "no dump named after asm_1000 in ${files[0]}"
    if command -v callgrind_annotate >/dev/null 2>&1; then
      if callgrind_annotate "${files[0]}" >"$tmp/annotate.out" 2>/dev/null &&
        grep -q 'asm_1000' "$tmp/annotate.out"; then
        echo "ok: callgrind_annotate reads the raw file"
      else
        fail "callgrind_annotate cannot read ${files[0]}"
      fi
      # One file per benchmark, with its measured windows only: the
      # difference of two benchmarks' totals is the difference of their
      # bodies, exactly (the loop and window around them cost the same).
      total() {
        callgrind_annotate "$1" 2>/dev/null |
          sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' | tr -d ,
      }
      t100=$(total "$tmp/raw/nested/callgrind.out.asm_100")
      t1000=$(total "$tmp/raw/nested/callgrind.out.asm_1000")
      if [ -z "$t100" ] || [ -z "$t1000" ] ||
        [ $((t1000 - t100)) -ne 900 ]; then
        fail "per-benchmark raw files: asm_1000 ${t1000:-?} − asm_100" \
          "${t100:-?} is not 900"
      else
        echo "ok: per-benchmark raw files hold one measured batch each"
      fi
    fi
  fi
fi

# Every metric callgrind measures is an exact count, in the report and in a
# saved baseline alike (the comparison then needs no statistics).
if run kinds "${pick[@]}" --cache-sim --format json \
  --save-baseline kinds --baseline-dir "$tmp/kinds"; then
  bad=$(/usr/bin/python3 - "$tmp/kinds.out" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
for b in doc["benchmarks"]:
    for s in b["series"]:
        if s["kind"] != "count" or s["exact"] is not True:
            print(b["name"], s["metric"], s["kind"], s["exact"])
EOF
  )
  [ -z "$bad" ] || fail "callgrind metrics not exact counts: $bad"
  n_exact=$(grep -c 'exact: true' "$tmp/kinds/kinds.yaml")
  n_series=$(grep -c -- '- metric:' "$tmp/kinds/kinds.yaml")
  if [ "$n_series" -eq 0 ] || [ "$n_exact" -ne "$n_series" ]; then
    fail "baseline holds $n_exact exact series of $n_series"
  else
    echo "ok: $n_series series, all exact counts, in the report and baseline"
  fi
fi

# Without --callgrind-out the temporary folder goes away.
left=$(ls -A "$TMPDIR")
[ -z "$left" ] || fail "temporary files left behind in TMPDIR: $left"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "all passed"
