#!/usr/bin/env bash
# Builds the libFuzzer targets (docs/fuzzing.md) and runs each for
# TARGET_SECONDS on a scratch copy of its committed seed corpus, so that a
# run never grows fuzz/corpus/. Fails (exit 1) on any finding: a crash,
# an ASan or UBSan report, a leak, an input slower than $FUZZ_TIMEOUT
# seconds, or more than $FUZZ_RSS_MB MiB of memory. The input that caused
# it is kept under $FUZZ_BUILD/findings/TARGET/.
#
# Usage: fuzz/run.sh TARGET_SECONDS [TARGET...]
#   targets: baseline callgrind protocol cli dhat (all when none is given)
# Environment: CC (default clang), FUZZ_BUILD (default build-fuzz),
#   FUZZ_TIMEOUT (default 10), FUZZ_RSS_MB (default 2048).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ]; then
  echo "usage: fuzz/run.sh TARGET_SECONDS [TARGET...]" >&2
  exit 2
fi
seconds=$1
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(baseline callgrind protocol cli dhat)
build=${FUZZ_BUILD:-build-fuzz}
timeout=${FUZZ_TIMEOUT:-10}
rss_mb=${FUZZ_RSS_MB:-2048}

# Only the library and the targets: the tests and the example suite are
# built and run elsewhere without instrumentation.
CC=${CC:-clang} cmake -S . -B "$build" -DYS_FUZZ=ON -DYS_WERROR=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DYS_BUILD_TESTS=OFF \
  -DYS_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" -j2 >/dev/null

# Leaks are findings; undefined behaviour stops the target (it is compiled
# not to recover) with a stack trace.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0
printf '%-10s %12s %10s %s\n' target executions 'per second' result
for target in "${targets[@]}"; do
  exe="$root/$build/fuzz/fuzz_$target"
  if [ ! -x "$exe" ] || [ ! -d "fuzz/corpus/$target" ]; then
    echo "fuzz/run.sh: unknown target '$target'" >&2
    exit 2
  fi
  corpus="$scratch/$target"
  findings="$root/$build/findings/$target"
  mkdir -p "$corpus" "$findings"
  cp fuzz/corpus/"$target"/* "$corpus"/
  log="$root/$build/fuzz_$target.log"
  rc=0
  # Run from the scratch folder: anything a target writes lands there.
  (cd "$scratch" && "$exe" -max_total_time="$seconds" -timeout="$timeout" \
    -rss_limit_mb="$rss_mb" -dict="$root/fuzz/dict/$target.dict" \
    -artifact_prefix="$findings/" -print_final_stats=1 "$corpus") \
    >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  if [ "$rc" -eq 0 ]; then
    result=ok
  else
    result="FINDING (exit $rc): see $log and $findings/"
    failed=1
  fi
  printf '%-10s %12s %10s %s\n' "$target" "${runs:-?}" "${rate:-?}" "$result"
  if [ "$rc" -ne 0 ]; then
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | head -5 || true
    echo "  reproduce: $exe $findings/<input>"
  fi
done
exit "$failed"
