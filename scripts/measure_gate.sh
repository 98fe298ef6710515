#!/usr/bin/env bash
# Measures how far the regression gate can be trusted on this machine:
# false alarms when nothing changed (A/A) and detection of real slow-downs,
# for `--baseline` and `--against`, with Google Benchmark's compare.py (U test
# on --benchmark_repetitions) measured beside it on the same work.
#
# The suite is tests/fixtures/scalable_suite.c: 20 benchmarks (chain/100 ...
# chain/2000, about 0.1-2 µs each) whose work grows by
# YS_FIXTURE_SLOWDOWN_PCT percent. yardstick runs with its default settings.
#
# Usage: scripts/measure_gate.sh [TRIALS_AA] [TRIALS_DETECT] [CONDITION]
#   (defaults 30, 10 and quiet; about an hour with the defaults)
#   CONDITION: quiet  - nothing else runs on purpose on the suite's core
#              shared - a CPU-and-memory burner (dd of 8 MiB blocks) on the
#                       suite's core: a noisy neighbour
#              half   - a pure CPU spinner on the suite's core: the suite
#                       gets about half a CPU
#   Every harness and the burner run on core $GATE_CORE (default 1), so
#   that other work can stay on the other cores.
#   GATE_ARGS="--quick" adds options to every yardstick run.
#   GATE_NO_GB=1 leaves Google Benchmark out (its rows then say so).
#   GATE_NO_AGAINST=1 leaves the --against runs out (their rows say so),
#   halving the time when only --baseline is being measured.
#   GATE_HISTORY=N judges --baseline with noise bands: N unmeasured runs
#   first fill the history of baseline "main" (--save-baseline main
#   --history N); each A/A trial then compares with main and saves itself
#   as main with --history N, and its baseline and history are kept as
#   r<i> for the slow-downs (docs/statistics.md §3.1).
# Prints Markdown tables; keeps every report in $GATE_KEEP when set.
set -euo pipefail
cd "$(dirname "$0")/.."
trials_aa=${1:-30}
trials_detect=${2:-10}
condition=${3:-quiet}
core=${GATE_CORE:-1}
pin=(taskset -c "$core")
case $condition in quiet | shared | half) ;; *)
  echo "measure_gate.sh: CONDITION must be quiet, shared or half" >&2
  exit 2
  ;;
esac
py=/usr/bin/python3
compare_py=/usr/share/benchmark/compare.py

for need in cmake g++ "$py"; do
  command -v "$need" >/dev/null ||
    { echo "missing $need: apt-get install cmake g++ python3" >&2; exit 2; }
done
[ -f "$compare_py" ] && "$py" -c 'import scipy' 2>/dev/null ||
  { echo "missing compare.py: apt-get install libbenchmark-dev libbenchmark-tools python3-scipy" >&2; exit 2; }

build=build-gate
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DYS_BUILD_PEER=ON \
  >/dev/null
cmake --build "$build" -j2 --target fixture_scalable gbench_scalable >/dev/null
suite=$build/tests/fixture_scalable
base=$build/tests/fixture_scalable_base
gb=$build/tests/gbench_scalable

out=${GATE_KEEP:-$(mktemp -d)}
mkdir -p "$out"
burner=
cleanup() {
  [ -z "$burner" ] || kill "$burner" 2>/dev/null || true
  [ -n "${GATE_KEEP:-}" ] || rm -rf "$out"
}
trap cleanup EXIT
case $condition in
shared)
  "${pin[@]}" sh -c 'while :; do
    dd if=/dev/zero of=/dev/null bs=8M count=200 status=none; done' &
  burner=$! ;;
half)
  "${pin[@]}" sh -c 'while :; do :; done' &
  burner=$! ;;
esac
export YARDSTICK_BASELINE_DIR=$out/baselines
started=$(date +%s)

# One yardstick comparison; its JSON report goes to $out/NAME.json.
ys_run() {
  local name=$1
  shift
  local t0=$SECONDS
  # shellcheck disable=SC2086 # GATE_ARGS is a list of options.
  "${pin[@]}" "$@" ${GATE_ARGS:-} --format json >"$out/$name.json" \
    2>/dev/null || true
  echo $((SECONDS - t0)) >"$out/$name.seconds"
}

# One Google Benchmark run: 10 repetitions of 0.05 s, about the time per
# benchmark yardstick's defaults take (0.8 s).
gb_run() {
  [ -z "${GATE_NO_GB:-}" ] || return 0
  local name=$1
  local t0=$SECONDS
  "${pin[@]}" "$gb" --benchmark_repetitions=10 --benchmark_min_time=0.05 \
    --benchmark_format=json >"$out/$name.json" 2>/dev/null
  echo $((SECONDS - t0)) >"$out/$name.seconds"
}

# The three harness setups take turns within every trial, so that a busy
# spell of the machine falls on all of them alike.
echo "A/A: $trials_aa trials ..." >&2
history=${GATE_HISTORY:-}
if [ -n "$history" ]; then
  for j in $(seq 1 "$history"); do
    ys_run "history_fill_$j" "$suite" --save-baseline main --history "$history"
  done
else
  ys_run aa_base_0 "$suite" --save-baseline r0
fi
gb_run gb_aa_0
for i in $(seq 1 "$trials_aa"); do
  if [ -n "$history" ]; then
    ys_run "aa_base_$i" "$suite" --baseline main --save-baseline main \
      --history "$history"
    cp "$YARDSTICK_BASELINE_DIR/main.yaml" "$YARDSTICK_BASELINE_DIR/r$i.yaml"
    cp "$YARDSTICK_BASELINE_DIR/history/main.yaml" \
      "$YARDSTICK_BASELINE_DIR/history/r$i.yaml"
  else
    ys_run "aa_base_$i" "$suite" --baseline "r$((i - 1))" --save-baseline "r$i"
  fi
  [ -n "${GATE_NO_AGAINST:-}" ] || ys_run "aa_against_$i" "$suite" --against "$base"
  gb_run "gb_aa_$i"
done

# Each slowed run is compared with one of the A/A runs (yardstick's saved
# baselines, Google Benchmark's outputs).
for pct in 10 2; do
  echo "+$pct %: $trials_detect trials ..." >&2
  for i in $(seq 1 "$trials_detect"); do
    ys_run "slow${pct}_base_$i" env YS_FIXTURE_SLOWDOWN_PCT=$pct \
      "$suite" --baseline "r$(((i - 1) % trials_aa + 1))"
    [ -n "${GATE_NO_AGAINST:-}" ] ||
      ys_run "slow${pct}_against_$i" env YS_FIXTURE_SLOWDOWN_PCT=$pct \
        "$suite" --against "$base"
    YS_FIXTURE_SLOWDOWN_PCT=$pct gb_run "gb_slow${pct}_$i"
  done
done

gb_compare() {
  [ -z "${GATE_NO_GB:-}" ] || return 0
  "$py" "$compare_py" -d "$out/$3.cmp" benchmarks "$out/$1.json" \
    "$out/$2.json" >/dev/null 2>&1 || true
}
for i in $(seq 1 "$trials_aa"); do
  gb_compare "gb_aa_$((i - 1))" "gb_aa_$i" "gb_aa_$i"
done
for pct in 10 2; do
  for i in $(seq 1 "$trials_detect"); do
    gb_compare "gb_aa_$(((i - 1) % trials_aa + 1))" "gb_slow${pct}_$i" \
      "gb_slow${pct}_$i"
  done
done

"$py" - "$out" "$trials_aa" "$trials_detect" "$(($(date +%s) - started))" \
  "$condition" "${GATE_ARGS:-defaults}${history:+, noise bands from --history $history}" <<'PY'
import glob, json, os, sys

out = sys.argv[1]
trials_aa, trials_detect, elapsed = map(int, sys.argv[2:5])
condition, settings = sys.argv[5], sys.argv[6]

def ys_comparisons(name):
    """The comparison objects of one yardstick run, or None when it
    produced no report."""
    try:
        with open(os.path.join(out, name + ".json")) as f:
            doc = json.load(f)
    except (OSError, ValueError):
        return None
    return [b["comparison"] for b in doc["benchmarks"] if b.get("comparison")]

def ys_verdicts(name):
    comps = ys_comparisons(name)
    return None if comps is None else [c["verdict"] for c in comps]

def seconds(name):
    with open(os.path.join(out, name + ".seconds")) as f:
        return int(f.read())

def gb_flags(path):
    """Per benchmark: flagged regressed when compare.py's U test (its
    iteration row's time_pvalue, two-sided) is below 0.05 and the change of
    the mean (its _mean row) is above +5 %: the same 5 % gate as yardstick's,
    with compare.py's own significance test."""
    try:
        with open(path) as f:
            rows = json.load(f)
    except (OSError, ValueError):
        return None
    p_of = {r["name"]: r["utest"]["time_pvalue"] for r in rows
            if r.get("run_type") == "iteration" and r.get("utest")}
    change_of = {r["name"][:-len("_mean")]: r["measurements"][0]["time"]
                 for r in rows if r.get("aggregate_name") == "mean"}
    return [p_of[name] < 0.05 and change_of.get(name, 0) > 0.05
            for name in p_of]

def row(label, runs, is_flag, is_doubt=lambda v: False):
    comps = flagged = doubted = suites = bad_suites = missing = 0
    for verdicts in runs:
        if verdicts is None:
            missing += 1
            continue
        hits = sum(1 for v in verdicts if is_flag(v))
        comps += len(verdicts)
        flagged += hits
        doubted += sum(1 for v in verdicts if is_doubt(v))
        suites += 1
        bad_suites += hits > 0
    pct = lambda k: f"{k}/{comps} ({100.0 * k / comps:.1f} %)" if comps else "-"
    note = f" ({missing} runs without a report)" if missing else ""
    print(f"| {label} | {pct(flagged)} | {pct(doubted)} | "
          f"{bad_suites}/{suites}{note} |")

regressed = lambda v: v == "regressed"
inconclusive = lambda v: v == "inconclusive"
print(f"Condition {condition}, settings {settings}: {trials_aa} A/A trials, "
      f"{trials_detect} per slow-down; 20 benchmarks each; total wall time "
      f"{elapsed / 60:.0f} min.\n")
print("| case | comparisons flagged regressed | inconclusive | suite runs with any flagged |")
print("|---|---:|---:|---:|")
row("yardstick --baseline, A/A",
    [ys_verdicts(f"aa_base_{i}") for i in range(1, trials_aa + 1)], regressed,
    inconclusive)
row("yardstick --against, A/A",
    [ys_verdicts(f"aa_against_{i}") for i in range(1, trials_aa + 1)], regressed,
    inconclusive)
for pct in (10, 2):
    for mode in ("base", "against"):
        row(f"yardstick --{'baseline' if mode == 'base' else 'against'}, +{pct} %",
            [ys_verdicts(f"slow{pct}_{mode}_{i}") for i in range(1, trials_detect + 1)],
            regressed, inconclusive)
gb_done = bool(glob.glob(os.path.join(out, "gb_aa_*.cmp")))
if not gb_done:
    print("| compare.py | not run (GATE_NO_GB) | | |")
if gb_done:
    row("compare.py (U test, 10 repetitions), A/A",
        [gb_flags(p) for p in sorted(glob.glob(os.path.join(out, "gb_aa_*.cmp")))],
        bool)
    for pct in (10, 2):
        row(f"compare.py (U test, 10 repetitions), +{pct} %",
            [gb_flags(p) for p in sorted(glob.glob(os.path.join(out, f"gb_slow{pct}_*.cmp")))],
            bool)

# The two sides of --against must be treated alike: over the A/A runs, the
# changes (and the verdicts that lean one way) come out up as often as down.
up = down = lean_up = lean_down = contended = 0
for i in range(1, trials_aa + 1):
    for c in ys_comparisons(f"aa_against_{i}") or []:
        ch = c.get("change")
        if ch is None:
            continue
        up += ch > 0
        down += ch < 0
        contended += bool(c.get("contended"))
        if c["verdict"] in ("regressed", "improved", "inconclusive"):
            lean_up += ch > 0
            lean_down += ch < 0
print()
print(f"--against A/A symmetry: change > 0 in {up}, < 0 in {down} comparisons; "
      f"verdicts other than unchanged leaning up {lean_up}, down {lean_down}; "
      f"compared on cpu_time (contended) {contended}.")

def med(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else float("nan")
print()
print("| harness | median wall time of one run of the suite (s) |")
print("|---|---:|")
print(f"| yardstick --baseline | {med([seconds(f'aa_base_{i}') for i in range(1, trials_aa + 1)])} |")
if os.path.exists(os.path.join(out, "aa_against_1.seconds")):
    print(f"| yardstick --against (both builds) | {med([seconds(f'aa_against_{i}') for i in range(1, trials_aa + 1)])} |")
if gb_done:
    print(f"| Google Benchmark, 10 repetitions | {med([seconds(f'gb_aa_{i}') for i in range(1, trials_aa + 1)])} |")
PY
