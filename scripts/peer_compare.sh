#!/usr/bin/env bash
#
# peer_compare.sh — measures yardstick against Google Benchmark on the same
# kernels, compiled once and linked into both harnesses.
#
# Builds build-peer/bench (yardstick) and build-peer/gbench_peer (Google
# Benchmark) in Release, then runs each harness RUNS times over the peer_*
# benchmarks, alternating which one goes first (yardstick on odd runs, Google
# Benchmark on even runs) so that a slow drift of the machine does not favour
# either. Each harness runs with its default settings; nothing runs in
# parallel. Prints Markdown: per benchmark the median over the runs of each
# harness's point estimate, their ratio and the run-to-run spread, then the
# wall time of each whole run.
#
# Point estimates: yardstick's is the headline of series[0] in --format json
# (the slope when present, else the mean); Google Benchmark's is real_time
# from --benchmark_format=json (one repetition, the default).
#
# Usage: scripts/peer_compare.sh [RUNS]     (default 6)
# Environment: PEER_BUILD_DIR (default build-peer), PEER_KEEP (a directory
# to keep the raw JSON of every run in; default: a temporary one, removed).
#
# Needs: cmake, pkg-config, gcc, g++, libgsl-dev and libbenchmark-dev; the
# JSON is read with /usr/bin/python3 (standard library only).

set -euo pipefail

RUNS=${1:-6}
BUILD=${PEER_BUILD_DIR:-build-peer}
FILTER='^peer_'

cd "$(dirname "$0")/.."

die() {
  printf 'peer_compare.sh: %s\n' "$*" >&2
  exit 2
}

case $RUNS in
'' | *[!0-9]*) die "RUNS must be a positive number, not '$RUNS'" ;;
esac
[ "$RUNS" -ge 2 ] || die "RUNS must be at least 2 to measure a spread"
[ -n "${EPOCHREALTIME:-}" ] || die "needs bash 5 or later (EPOCHREALTIME)"

# Check the tools first, so a missing one gets one clear message instead of
# a CMake error.
missing=()
command -v cmake >/dev/null || missing+=(cmake)
command -v cc >/dev/null || missing+=(gcc)
command -v c++ >/dev/null || command -v g++ >/dev/null || missing+=(g++)
[ -x /usr/bin/python3 ] || missing+=(python3)
command -v pkg-config >/dev/null && pkg-config --exists gsl ||
  missing+=(libgsl-dev)
if command -v c++ >/dev/null || command -v g++ >/dev/null; then
  cxx=$(command -v c++ || command -v g++)
  echo '#include <benchmark/benchmark.h>' |
    "$cxx" -x c++ -fsyntax-only - 2>/dev/null || missing+=(libbenchmark-dev)
fi
if [ ${#missing[@]} -gt 0 ]; then
  die "missing: ${missing[*]}; on Debian/Ubuntu: sudo apt-get install" \
    "cmake pkg-config ${missing[*]}"
fi

echo "Building $BUILD (Release, YS_BUILD_PEER=ON, no tests)..." >&2
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DYS_BUILD_PEER=ON \
  -DYS_BUILD_TESTS=OFF \
  >/dev/null
cmake --build "$BUILD" -j2 --target bench gbench_peer >/dev/null

if [ -n "${PEER_KEEP:-}" ]; then
  out=$PEER_KEEP
  mkdir -p "$out"
else
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi

# run_one HARNESS RUN: runs one harness once, writing its JSON to
# $out/HARNESS.RUN.json and its whole-process wall time in seconds to
# $out/HARNESS.RUN.wall.
run_one() {
  local harness=$1 run=$2 start end
  start=$EPOCHREALTIME
  case $harness in
  ys)
    "$BUILD/bench" --format json "$FILTER" >"$out/ys.$run.json" \
      2>"$out/ys.$run.err" || die "yardstick run $run failed:" \
      "$(tail -n 5 "$out/ys.$run.err")"
    ;;
  gb)
    "$BUILD/gbench_peer" --benchmark_filter="$FILTER" \
      --benchmark_format=json >"$out/gb.$run.json" \
      2>"$out/gb.$run.err" || die "Google Benchmark run $run failed:" \
      "$(tail -n 5 "$out/gb.$run.err")"
    ;;
  esac
  end=$EPOCHREALTIME
  /usr/bin/python3 -c 'import sys; print(float(sys.argv[2]) - float(sys.argv[1]))' \
    "$start" "$end" >"$out/$harness.$run.wall"
  printf '  run %d/%d: %s %.1f s\n' "$run" "$RUNS" "$harness" \
    "$(cat "$out/$harness.$run.wall")" >&2
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for ((i = 1; i <= RUNS; i++)); do
  if ((i % 2 == 1)); then
    run_one ys "$i"
    run_one gb "$i"
  else
    run_one gb "$i"
    run_one ys "$i"
  fi
done

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
printf '%s, %s, %s CPUs (%s); load average %s at the start, %s at the end.\n\n' \
  "$(date -u +%Y-%m-%dT%H:%MZ)" "$(uname -srm)" "$(nproc)" "$cpu" \
  "$load_start" "$load_end"

/usr/bin/python3 - "$out" "$RUNS" <<'EOF'
import json
import statistics
import sys

out, runs = sys.argv[1], int(sys.argv[2])
to_ns = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def yardstick(path, metric):
    """name -> headline point estimate (ns) of the series named `metric`
    (series[0] must be "time"): the slope when present, else the mean."""
    with open(path) as f:
        doc = json.load(f)
    points = {}
    for b in doc["benchmarks"]:
        if b.get("status") != "ok":
            sys.exit(f"{path}: {b['name']} is {b.get('status')}")
        if b["series"][0]["metric"] != "time":
            sys.exit(f"{path}: {b['name']}: series[0] is not time")
        for s in b["series"]:
            if s["metric"] != metric:
                continue
            if s["unit"] != "ns":
                sys.exit(f"{path}: {b['name']}: {metric} is not in ns")
            est = s["estimates"]
            points[b["name"]] = (est.get("slope") or est["mean"])["point"]
    return points


def gbench(path, field):
    """name -> `field` (real_time or cpu_time, in ns) of the single
    iteration run."""
    with open(path) as f:
        doc = json.load(f)
    points = {}
    for b in doc["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration":
            continue
        if b.get("error_occurred"):
            sys.exit(f"{path}: {b['name']}: {b.get('error_message')}")
        points[b["name"]] = b[field] * to_ns[b["time_unit"]]
    return points


def wall(path):
    with open(path) as f:
        return float(f.read())


ys = [yardstick(f"{out}/ys.{i}.json", "time") for i in range(1, runs + 1)]
gb = [gbench(f"{out}/gb.{i}.json", "real_time") for i in range(1, runs + 1)]
names = sorted(set(ys[0]) & set(gb[0]))
if not names:
    sys.exit("no benchmark name is common to both harnesses")


def cv(xs):
    return statistics.stdev(xs) / statistics.mean(xs)


def spread(xs):
    return max(xs) / min(xs) - 1


def fmt_ns(x):
    return f"{x:.3f}" if x < 10 else f"{x:.1f}" if x < 1000 else f"{x:.0f}"


def table(ys, gb):
    print("| benchmark | yardstick median of %d (ns) | GB median of %d (ns) "
          "| ratio | yardstick CV over runs | GB CV over runs "
          "| yardstick max/min-1 | GB max/min-1 |" % (runs, runs))
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for n in names:
        if any(n not in r for r in ys + gb):
            continue
        y = [r[n] for r in ys]
        g = [r[n] for r in gb]
        ym, gm = statistics.median(y), statistics.median(g)
        print(f"| {n} | {fmt_ns(ym)} | {fmt_ns(gm)} | {ym / gm:.3f} "
              f"| {cv(y):.1%} | {cv(g):.1%} | {spread(y):.1%} "
              f"| {spread(g):.1%} |")


print(f"Wall-clock time per iteration, point estimates over {runs} runs of "
      "each harness (default settings; ratio = yardstick / GB).")
print()
table(ys, gb)

ys_cpu = [yardstick(f"{out}/ys.{i}.json", "cpu_time")
          for i in range(1, runs + 1)]
if all(ys_cpu):
    gb_cpu = [gbench(f"{out}/gb.{i}.json", "cpu_time")
              for i in range(1, runs + 1)]
    print()
    print("CPU time per iteration (process CPU time: excludes the time the "
          "process was not running), same runs.")
    print()
    table(ys_cpu, gb_cpu)

print()
print(f"Wall time of one whole run (process start to exit), over {runs} runs.")
print()
print("| harness | median (s) | min (s) | max (s) |")
print("|---|---:|---:|---:|")
for label, key in (("yardstick", "ys"), ("Google Benchmark", "gb")):
    w = [wall(f"{out}/{key}.{i}.wall") for i in range(1, runs + 1)]
    print(f"| {label} | {statistics.median(w):.2f} | {min(w):.2f} "
          f"| {max(w):.2f} |")

print()
print("Per-run point estimates (ns), run 1 first:")
print()
for n in names:
    print(f"- {n}: yardstick " + ", ".join(fmt_ns(r[n]) for r in ys)
          + "; GB " + ", ".join(fmt_ns(r[n]) for r in gb))
EOF
