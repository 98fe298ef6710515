#!/usr/bin/env bash
# Collects round estimates of unchanged and slowed code, one process per
# run, for choosing and checking the verdict rule offline
# (scripts/evaluate_rules.py). Each trial runs the scalable fixture three
# times, in turn: unchanged, +2 % and +10 % work (YS_FIXTURE_SLOWDOWN_PCT),
# each a separate process with yardstick's default settings measuring in
# that one process (--processes 0), so that the
# data hold the process-to-process offsets a --baseline comparison meets.
#
# Usage: scripts/collect_rounds.sh OUT.csv TRIALS CONDITION [BENCH...]
#   CONDITION: quiet  - nothing else runs on purpose on the suite's core
#              shared - a CPU-and-memory burner pinned to the suite's core
#                       (the suite then gets about half a CPU)
#   BENCH: exact names (default chain/100 chain/300 chain/1000 chain/2000)
# Appends rows "condition,trial,slowdown_pct,benchmark,round,estimate_ns,
# cpu_estimate_ns" to OUT.csv (a header when the file is new).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
trials=$2
condition=$3
shift 3
benches=("$@")
[ ${#benches[@]} -gt 0 ] || benches=(chain/100 chain/300 chain/1000 chain/2000)

build=${COLLECT_BUILD_DIR:-build}
suite=$build/tests/fixture_scalable
[ -x "$suite" ] || { echo "collect_rounds.sh: no $suite: build first" >&2; exit 2; }
case $condition in quiet | shared) ;; *)
  echo "collect_rounds.sh: CONDITION must be quiet or shared" >&2
  exit 2
  ;;
esac

tmp=$(mktemp -d)
burner=
cleanup() {
  [ -z "$burner" ] || kill "$burner" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# The suite is pinned to core 1 in both conditions, so that other work
# (builds, tests) can be kept on core 0 while data are collected.
pin=(taskset -c 1)
if [ "$condition" = shared ]; then
  # One core for the suite and the burner: the suite gets about half of it,
  # and the burner's memory traffic disturbs its caches.
  taskset -c 1 sh -c 'while :; do
    dd if=/dev/zero of=/dev/null bs=8M count=200 status=none; done' &
  burner=$!
fi

[ -s "$out" ] ||
  echo "condition,trial,slowdown_pct,benchmark,round,estimate_ns,cpu_estimate_ns" >"$out"

for trial in $(seq 1 "$trials"); do
  for pct in 0 2 10; do
    YS_FIXTURE_SLOWDOWN_PCT=$pct "${pin[@]}" "$suite" --exact "${benches[@]}" \
      --seed "$trial" --processes 0 --format json >"$tmp/run.json" 2>/dev/null || true
    /usr/bin/python3 - "$tmp/run.json" "$condition" "$trial" "$pct" >>"$out" <<'PY'
import json, sys
path, condition, trial, pct = sys.argv[1:]
doc = json.load(open(path))
for b in doc["benchmarks"]:
    series = {s["metric"]: s for s in b.get("series", [])}
    time, cpu = series.get("time"), series.get("cpu_time")
    if time is None:
        continue
    for i, r in enumerate(time["rounds"]):
        c = cpu["rounds"][i]["estimate"] if cpu else ""
        print(f'{condition},{trial},{pct},{b["name"]},{i},{r["estimate"]},{c}')
PY
  done
  echo "collect_rounds.sh: trial $trial/$trials ($condition) done" >&2
done
