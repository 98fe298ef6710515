#!/usr/bin/env bash
# End-to-end test of the machine-readable formats: json, gbench and csv on
# stdout and through --output, read back by the tools that consume them
# (Python's json and csv modules, Google Benchmark's compare.py).
#
# Usage: formats_machine.sh PATH-TO-BENCH [TESTS-SOURCE-DIR]
# Exit status: 0 all checks passed, 1 a check failed, 77 cannot run here.
set -euo pipefail

bench=${1:?usage: formats_machine.sh PATH-TO-BENCH [TESTS-SOURCE-DIR]}
python=/usr/bin/python3
compare=/usr/share/benchmark/compare.py

if [[ ! -x $bench ]]; then
  echo "skip: $bench is not an executable" >&2
  exit 77
fi
if [[ ! -x $python ]]; then
  echo "skip: $python is missing" >&2
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# Runs the bench with the given arguments, stdout to $1; on failure shows its
# stderr and records the failure. Returns the bench's status.
run_bench() {
  local out=$1
  shift
  local status=0
  "$bench" "$@" >"$out" 2>"$tmp/stderr" || status=$?
  if [[ $status -ne 0 ]]; then
    fail "bench $* exited with $status"
    sed 's/^/  stderr: /' "$tmp/stderr" >&2
  fi
  return "$status"
}

# Two fast benchmarks, passed as exact names.
mapfile -t names < <("$bench" --list | head -2)
if [[ ${#names[@]} -lt 2 ]]; then
  fail "bench --list printed fewer than 2 names"
  exit 1
fi
echo "benchmarks: ${names[*]}"

# --- json on stdout -------------------------------------------------------
if run_bench "$tmp/out.json" --quick --format json --exact "${names[@]}"; then
  if ! "$python" - "$tmp/out.json" "${names[@]}" <<'EOF'; then
import json, sys
path, names = sys.argv[1], sys.argv[2:]
with open(path) as f:
    doc = json.load(f)
problems = []
for key in ("yardstick", "context", "benchmarks", "summary"):
    if key not in doc:
        problems.append("missing key " + key)
if doc.get("yardstick") != 1:
    problems.append("schema version is %r, not 1" % doc.get("yardstick"))
for key in ("date", "host_name", "executable", "num_cpus", "collector",
            "rounds", "sample_size", "seed"):
    if key not in doc.get("context", {}):
        problems.append("context lacks " + key)
got = [b.get("name") for b in doc.get("benchmarks", [])]
if sorted(got) != sorted(names):
    problems.append("benchmarks %r, expected one each of %r" % (got, names))
for b in doc.get("benchmarks", []):
    if b.get("status") != "ok":
        problems.append("%s: status %r" % (b.get("name"), b.get("status")))
        continue
    series = b.get("series", [])
    if not series or not series[0].get("rounds"):
        problems.append("%s: no series or rounds" % b["name"])
        continue
    s = series[0]
    if "mean" not in s.get("estimates", {}):
        problems.append("%s: no mean estimate" % b["name"])
    if not all(r.get("samples") for r in s["rounds"]):
        problems.append("%s: a round without samples" % b["name"])
summary = doc.get("summary", {})
if summary.get("ok", 0) + summary.get("skipped", 0) + summary.get("failed", 0) != len(names):
    problems.append("summary %r does not count %d benchmarks" % (summary, len(names)))
for p in problems:
    print("  " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
    fail "--format json output is not as expected"
  fi
fi

# --- gbench on stdout, read by compare.py ----------------------------------
gbench_ok=true
for side in a b; do
  if ! run_bench "$tmp/$side.json" --quick --format gbench --exact "${names[@]}"; then
    gbench_ok=false
  fi
done
if $gbench_ok; then
  if ! "$python" - "$tmp/a.json" "${names[@]}" <<'EOF'; then
import json, sys
path, names = sys.argv[1], sys.argv[2:]
with open(path) as f:
    doc = json.load(f)
problems = []
if doc.get("context", {}).get("json_schema_version") != 1:
    problems.append("context.json_schema_version is not 1")
if "caches" not in doc.get("context", {}):
    problems.append("context lacks caches")
for name in names:
    rows = [b for b in doc.get("benchmarks", [])
            if b.get("run_name") == name and b.get("run_type") == "iteration"]
    if len(rows) < 2:
        problems.append("%s: %d iteration rows, compare.py needs 2" % (name, len(rows)))
    for b in rows:
        for key in ("real_time", "cpu_time", "iterations", "time_unit"):
            if not isinstance(b.get(key), (int, float) if key != "time_unit" else str):
                problems.append("%s: bad %s %r" % (name, key, b.get(key)))
    means = [b for b in doc.get("benchmarks", []) if b.get("name") == name + "_mean"]
    if len(means) != 1:
        problems.append("%s: %d _mean rows" % (name, len(means)))
for p in problems:
    print("  " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
    fail "--format gbench output is not as expected"
  fi
  status=0
  "$python" "$compare" benchmarks "$tmp/a.json" "$tmp/b.json" \
    >"$tmp/compare.txt" 2>&1 || status=$?
  if [[ $status -ne 0 ]]; then
    fail "compare.py exited with $status"
    sed 's/^/  compare.py: /' "$tmp/compare.txt" >&2
  else
    for name in "${names[@]}"; do
      if ! grep -qF -- "$name" "$tmp/compare.txt"; then
        fail "compare.py output does not name $name"
      fi
    done
  fi
fi

# --- csv on stdout ----------------------------------------------------------
check_csv() {
  "$python" - "$@" <<'EOF'
import csv, sys
path, names = sys.argv[1], sys.argv[2:]
header = ("name,metric,unit,status,estimate,lo,hi,mean,median,std_dev,mad,"
          "r_squared,round_min,round_median,samples,iterations,"
          "bytes_per_iteration,elements_per_iteration,message").split(",")
# Optional columns that may follow, in this order, when the run has what
# they describe (docs/json-schema.md, "Groups, own settings, targets").
optional = [["group", "group_reference", "ratio", "ratio_lo", "ratio_hi"],
            ["own_settings"],
            ["target_limit", "target_judged", "target_margin", "target_status",
             "target_source"]]
with open(path, newline="") as f:
    rows = list(csv.reader(f))
problems = []
got_header = rows[0] if rows else None
rest = got_header[len(header):] if got_header else None
for block in optional:
    if rest and rest[:len(block)] == block:
        rest = rest[len(block):]
if not got_header or got_header[:len(header)] != header or rest:
    problems.append("header is %r" % (got_header,))
else:
    header = got_header
body = rows[1:]
for r in body:
    if len(r) != len(header):
        problems.append("row of %d fields: %r" % (len(r), r))
# The example suite's targets on benchmarks the filter left out get rows
# of their own: status and target_status "not run", where declared.
not_run = [r for r in body if len(r) == len(header) and r[3] == "not run"]
if "target_status" in header:
    if not not_run:
        problems.append("no row for a target on a benchmark not run")
    for r in not_run:
        row = dict(zip(header, r))
        if row["target_status"] != "not run" or not row["target_source"]:
            problems.append("target row %r" % (r,))
        if row["estimate"] or row["target_judged"]:
            problems.append("target row with figures %r" % (r,))
got = sorted({r[0] for r in body if r[3] != "not run"})
if got != sorted(names):
    problems.append("rows name %r, expected %r" % (got, names))
for r in body:
    if len(r) == len(header) and r[3] == "ok":
        float(r[4])  # the estimate must be a number
for name in names:
    if not any(r[0] == name and r[1] == "time" for r in body):
        problems.append("%s: no time row" % name)
for p in problems:
    print("  " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
}
if run_bench "$tmp/out.csv" --quick --format csv --exact "${names[@]}"; then
  if ! check_csv "$tmp/out.csv" "${names[@]}"; then
    fail "--format csv output is not as expected"
  fi
fi

# --- --output FORMAT:FILE and --output FILE.csv beside stdout ---------------
if run_bench "$tmp/stdout.txt" --quick --exact "${names[0]}" \
  --output "json:$tmp/side.out" --output "$tmp/side.csv"; then
  if ! grep -qF -- "${names[0]}" "$tmp/stdout.txt"; then
    fail "stdout (console) does not name ${names[0]} when --output is given"
  fi
  if [[ ! -s $tmp/side.out ]]; then
    fail "--output json:FILE wrote nothing"
  elif ! "$python" - "$tmp/side.out" "${names[0]}" <<'EOF'; then
import json, sys
with open(sys.argv[1]) as f:
    doc = json.load(f)
got = [b.get("name") for b in doc.get("benchmarks", [])]
if doc.get("yardstick") != 1 or got != [sys.argv[2]]:
    print("  json file names %r" % got, file=sys.stderr)
    sys.exit(1)
EOF
    fail "--output json:FILE is not the JSON report of ${names[0]}"
  fi
  if [[ ! -s $tmp/side.csv ]]; then
    fail "--output FILE.csv wrote nothing"
  elif ! check_csv "$tmp/side.csv" "${names[0]}"; then
    fail "--output FILE.csv is not the CSV report of ${names[0]}"
  fi
fi

if [[ $failures -ne 0 ]]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all machine-readable format checks passed"
