#!/usr/bin/env bash
# Measures the same commands with `bench exec` and with hyperfine, side by
# side, REPS times each, alternating the two tools so that a drift of the
# machine's load falls on both; prints per command the median over the
# repetitions of each tool's median run time, their ratio, the run-to-run
# spread of each tool's median (relative standard deviation over the
# repetitions), and the wall time one invocation of each tool took.
# The figures in README.md ("bench exec vs hyperfine") and docs/exec.md
# come from this script.
# Usage: scripts/exec_vs_hyperfine.sh PATH/TO/bench [REPS]
set -euo pipefail
bench=$1
reps=${2:-5}
command -v hyperfine >/dev/null || {
  echo "hyperfine is not installed" >&2
  exit 2
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A few MB of text that compresses like a log file.
seq 1 700000 >"$tmp/data.txt"
runs=20 warmup=3

# label | bench exec arguments (before the command) | hyperfine arguments | command
cases=(
  "sleep 0.01|--shell none|-N|sleep 0.01"
  "true|--shell none|-N|true"
  "gzip -c $(du -h "$tmp/data.txt" | cut -f1)B|--shell none|-N|gzip -c $tmp/data.txt"
  "sleep 0.01, through sh|--shell sh|--shell=sh|sleep 0.01"
)
printf '%s\n' "command|tool|rep|median_ms|wall_s" >"$tmp/rows"
for c in "${cases[@]}"; do
  IFS='|' read -r label bargs hargs cmd <<<"$c"
  for rep in $(seq 1 "$reps"); do
    t0=$(date +%s.%N)
    # shellcheck disable=SC2086
    "$bench" exec $bargs --warm-up-runs $warmup --runs $runs --rounds 10 \
      --format json --quiet "$cmd" >"$tmp/b.json"
    t1=$(date +%s.%N)
    # shellcheck disable=SC2086
    hyperfine $hargs --warmup $warmup --runs $runs --style none \
      --export-json "$tmp/h.json" "$cmd" >/dev/null 2>&1
    t2=$(date +%s.%N)
    b=$(jq '.benchmarks[0].series[0].estimates.median.point / 1e6' "$tmp/b.json")
    h=$(jq '.results[0].median * 1e3' "$tmp/h.json")
    echo "$label|bench exec|$rep|$b|$(echo "$t1 - $t0" | bc)" >>"$tmp/rows"
    echo "$label|hyperfine|$rep|$h|$(echo "$t2 - $t1" | bc)" >>"$tmp/rows"
  done
done
python3 - "$tmp/rows" "$reps" <<'PY'
import csv, statistics as st, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="|"))
labels = list(dict.fromkeys(r["command"] for r in rows))
print(f"{sys.argv[2]} repetitions of {20} runs each (3 warm-up runs)\n")
print("| command | bench exec median | hyperfine median | ratio | spread bench / hyperfine | wall s bench / hyperfine |")
print("|---|---:|---:|---:|---:|---:|")
for label in labels:
    def pick(tool, key):
        return [float(r[key]) for r in rows if r["command"] == label and r["tool"] == tool]
    b, h = pick("bench exec", "median_ms"), pick("hyperfine", "median_ms")
    bw, hw = pick("bench exec", "wall_s"), pick("hyperfine", "wall_s")
    mb, mh = st.median(b), st.median(h)
    sb = st.stdev(b) / st.mean(b) * 100 if st.mean(b) > 0 else float("nan")
    sh = st.stdev(h) / st.mean(h) * 100 if st.mean(h) > 0 else float("nan")
    print(f"| `{label}` | {mb:.3f} ms | {mh:.3f} ms | {mb / mh:.3f} | "
          f"{sb:.1f} % / {sh:.1f} % | {st.median(bw):.2f} / {st.median(hw):.2f} |")
PY
