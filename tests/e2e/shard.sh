#!/usr/bin/env bash
# End-to-end test of sharding: --shard K/N splits the selection into
# disjoint parts that cover it (listed and run, by a hash of the names and
# by a baseline's timings), `bench merge` joins the shards' baselines into
# the set one run saves, a shard compares with the merged baseline without
# calling the others missing, and every bad input is refused with exit 2,
# a message naming the flag or file, and the old OUT left whole.
# Usage: shard.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
suite=$(dirname "$1")/tests/fixture_scalable
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

export YARDSTICK_BASELINE_DIR=$tmp/b
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The union of the parts listed with `extra` flags is the whole selection,
# with no name twice and no part empty.
check_partition() {
  local label=$1
  shift
  # The whole selection: the same filters, without the --baseline that
  # only balances shards (--list refuses it alone).
  local whole=("$@")
  [ "${1:-}" = --baseline ] && whole=("${@:3}")
  "$suite" --list "${whole[@]}" | sort >"$tmp/all.list"
  : >"$tmp/union.list"
  for k in 1 2 3; do
    "$suite" --list --shard "$k/3" "$@" >"$tmp/part$k.list" 2>"$tmp/note$k" ||
      fail "$label: --list --shard $k/3 failed"
    [ -s "$tmp/part$k.list" ] || fail "$label: shard $k/3 is empty"
    cat "$tmp/part$k.list" >>"$tmp/union.list"
  done
  sort "$tmp/union.list" -o "$tmp/union.list"
  cmp -s "$tmp/union.list" "$tmp/all.list" ||
    fail "$label: the shards do not add up to the selection"
  [ -z "$(uniq -d "$tmp/union.list")" ] || fail "$label: a benchmark is in two shards"
  echo "ok: $label: 3 shards partition $(wc -l <"$tmp/all.list") benchmarks"
}

check_partition "by hash"
grep -q 'balanced by a hash of their names' "$tmp/note1" ||
  fail "the note does not say how shard 1 was balanced"
check_partition "by hash, filtered" 'chain/1'

# One run of the whole selection, and one run per shard, each saved.
expect 0 "saved baseline 'whole'" -- "$suite" --quick --save-baseline whole
for k in 1 2 3; do
  expect 0 "saved baseline 's$k'" -- "$suite" --quick --shard "$k/3" \
    --save-baseline "s$k"
done
names() { grep '^- name: ' "$1" | sort; }
expect 0 "merged 3 baselines \(20 benchmarks\) into 'merged'" -- \
  "$suite" merge merged s1 s2 s3
cmp -s <(names "$tmp/b/merged.yaml") <(names "$tmp/b/whole.yaml") ||
  fail "the merged baseline's benchmarks are not those of one run"

# Balanced by the whole run's timings: still a partition, and said so.
check_partition "by baseline" --baseline whole
grep -q "elapsed_s in baseline 'whole'" "$tmp/note2" ||
  fail "the note does not name the baseline that balanced shard 2"

# A shard compared with the merged baseline: the other shards' benchmarks
# are left out on purpose, not missing.
expect 0 'unchanged' -- "$suite" --quick --shard 2/3 --baseline merged \
  --threshold 500 --format markdown
if grep -q 'missing' "$tmp/out"; then fail "a shard called the others' benchmarks missing"; fi

# A shard with nothing in it (more shards than benchmarks) runs nothing,
# passes, and saves an empty baseline that merges.
expect 0 "saved baseline 'none'" -- "$suite" --quick --exact chain/100 \
  --shard 2/2 --save-baseline none
# Parts of two different splits do not merge.
expect 2 "cannot merge '.*s1.yaml' \(shard 1/3\) with '.*none.yaml' \(shard 2/2\)" -- \
  "$suite" merge m2 none s1
# A split suite merges from all its parts: a lost one is named.
expect 2 "shard 3/3 is missing: a split suite is merged from all its parts" -- \
  "$suite" merge m3 s1 s2
expect 2 "shard 1/2 is missing" -- "$suite" merge m1 none
# One of a thing is singular: one baseline, one run of a history.
expect 0 "merged 1 baseline \(20 benchmarks\) into 'm1'" -- \
  "$suite" merge m1 whole

# Bad --shard values, and --shard where it does nothing.
expect 2 "--shard: '0/3' is not K/N" -- "$suite" --list --shard 0/3
expect 2 "--shard: '4/3' is not K/N" -- "$suite" --quick --shard 4/3
expect 2 "--shard: 'x' is not K/N" -- "$suite" --quick --shard x
expect 2 "--shard does nothing with 'compare'" -- \
  "$suite" compare s1 s2 --shard 1/2
expect 2 "--baseline does nothing with --list unless --shard" -- \
  "$suite" --list --baseline whole

# A sharded suite's history: a shard may not record one (its run is part
# of the suite), the merge records the whole run, one entry per run
# merged.
expect 2 "--history with --shard would record one part.*merge NAME SHARD.*--history N" -- \
  "$suite" --quick --shard 1/3 --save-baseline h1 --history 5
[ ! -e "$tmp/b/history/h1.yaml" ] || fail "a refused shard recorded a history"
expect 0 "recorded the merged run in .*history/main.yaml \(its last 5 runs kept\)" -- \
  "$suite" merge main s1 s2 s3 --history 5
# The same shards merged again (a retried job) are one run: not recorded
# twice. A shard measured again makes another run.
expect 0 "note: merge: --history: the newest run in .*history/main.yaml is this merged run already" -- \
  "$suite" merge main s1 s2 s3 --history 5
if grep -q "recorded the merged run" "$tmp/out"; then
  fail "the same shards merged twice were recorded twice"
fi
expect 0 "saved baseline 's3'" -- "$suite" --quick --shard 3/3 --save-baseline s3
expect 0 "recorded the merged run in .*history/main.yaml" -- \
  "$suite" merge main s1 s2 s3 --history 5
# The oracle: the names one run of the whole suite saved (whole.yaml),
# against those in each entry of the history, read with PyYAML.
python3 - "$tmp/b/history/main.yaml" "$tmp/b/whole.yaml" <<'PY' || fail "the history of the merges is not 2 entries of the whole suite"
import sys, yaml
runs = yaml.safe_load(open(sys.argv[1]))["runs"]
whole = sorted(b["name"] for b in yaml.safe_load(open(sys.argv[2]))["benchmarks"])
assert len(runs) == 2, f"{len(runs)} entries"
for r in runs:
    names = sorted(p["name"] for p in r["benchmarks"])
    assert names == whole, f"{len(names)} of {len(whole)} benchmarks"
PY
expect 0 "recorded the merged run in .*history/one.yaml" -- \
  "$suite" merge one whole --history 5
expect 0 "history of baseline 'one' \(.*\): 1 run, oldest first" -- \
  "$suite" history one
expect 2 "merge: --history needs OUT to be a baseline NAME.*'$tmp/pm.yaml'" -- \
  "$suite" merge "$tmp/pm.yaml" s1 s2 s3 --history 5
[ ! -e "$tmp/pm.yaml" ] || fail "a refused --history merge saved OUT"
# yardstick.yaml's history: a shard notes it records none and saves its part.
printf 'history: 5\n' >"$tmp/cfg.yaml"
expect 0 "a shard records no history" -- "$suite" --quick --shard 1/3 \
  --config "$tmp/cfg.yaml" --save-baseline c1
[ ! -e "$tmp/b/history/c1.yaml" ] || fail "a shard recorded the config file's history"

# Refused merges: exit 2, the file at fault named, OUT untouched.
cp "$tmp/b/merged.yaml" "$tmp/merged.before"
expect 2 "cannot merge '.*s1.yaml' with '.*s1.yaml': both are shard 1/3" -- \
  "$suite" merge merged s1 s2 s1
# A whole run says no shard: its benchmarks overlap the shard's.
expect 2 "'chain/[0-9]+' is in both '.*s1.yaml' and '.*whole.yaml'" -- \
  "$suite" merge merged s1 whole
grep -q '^  shard: "\?2/3"\?$' "$tmp/b/s2.yaml" || fail "shard 2/3's baseline does not say so"
grep -q '^  shard:' "$tmp/b/merged.yaml" && fail "the merged baseline records a shard"
grep -q '^  shard:' "$tmp/b/whole.yaml" && fail "a whole run records a shard"
sed 's|^  executable: .*|  executable: /elsewhere/other_suite|' "$tmp/b/s3.yaml" >"$tmp/b/prog3.yaml"
expect 2 "cannot merge '.*prog3.yaml' \(program other_suite\) with '.*s1.yaml' \(program fixture_scalable\)" -- \
  "$suite" merge merged s1 s2 prog3
sed 's/^  collector: wall$/  collector: perf/' "$tmp/b/s3.yaml" >"$tmp/b/perf3.yaml"
expect 2 "cannot merge '.*perf3.yaml' \(collector perf\)" -- \
  "$suite" merge merged s1 s2 perf3
sed 's/^  cpu_model: .*/  cpu_model: Another CPU/' "$tmp/b/s3.yaml" >"$tmp/b/cpu3.yaml"
expect 2 "cpu3.yaml' \(Another CPU.*one kind of machine" -- \
  "$suite" merge merged s1 s2 cpu3
sed 's/^  library_version: .*/  library_version: "9.9.9"/' "$tmp/b/s3.yaml" >"$tmp/b/ver3.yaml"
expect 2 "ver3.yaml' \(yardstick 9.9.9.*one build" -- \
  "$suite" merge merged s1 s2 ver3
sed 's/metric: cpu_time$/metric: cpu_time2/' "$tmp/b/s3.yaml" >"$tmp/b/metric3.yaml"
expect 2 "metric3.yaml': its benchmark .* holds time, cpu_time2" -- \
  "$suite" merge merged s1 s2 metric3
sed 's/^yardstick: 2$/yardstick: 3/' "$tmp/b/s3.yaml" >"$tmp/b/schema3.yaml"
expect 2 "IN 'schema3': .*schema3.yaml:1: baseline schema version 3" -- \
  "$suite" merge merged s1 s2 schema3
expect 2 "s3r.yaml' \(seed 1, 3 rounds.*same settings" -- bash -c \
  "'$suite' --quick --rounds 3 --shard 3/3 --save-baseline s3r 2>/dev/null &&
   '$suite' merge merged s1 s2 s3r"
expect 2 "IN 'nosuch': .*not found" -- "$suite" merge merged s1 nosuch
expect 2 "merge: OUT 'config.yaml'.*'config'" -- "$suite" merge config.yaml s1 s2
expect 2 "merge: OUT '/proc/none/out.yaml'" -- "$suite" merge /proc/none/out.yaml s1 s2 s3
expect 2 "merge: give OUT and at least one IN" -- "$suite" merge merged
expect 2 "--quick does nothing with 'merge'" -- "$suite" merge merged s1 --quick
cmp -s "$tmp/b/merged.yaml" "$tmp/merged.before" || fail "a refused merge changed OUT"
[ -z "$(find "$tmp/b" -name '*.tmp-*' -o -name '*.lock')" ] ||
  fail "a merge left a temporary or lock file"

finish
