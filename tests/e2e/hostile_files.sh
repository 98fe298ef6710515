#!/usr/bin/env bash
# End-to-end test of files a user can turn against the program: a report
# aimed at a baseline the run reads or saves, report destinations that
# cannot be written (a full disk, a closed stdout), two reports on one
# stdout, an unwritable save folder, and names from a baseline that hold
# control characters. Every case must exit 2 with a message naming the
# destination, and no file may be lost.
# Usage: hostile_files.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
suite=$(cd "$(dirname "$1")" && pwd)/tests/fixture_scalable
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
pick=(--quick --exact chain/300)

# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

# same_file A B WHAT: fails unless A and B have the same bytes.
same_file() {
  cmp -s "$1" "$2" || { echo "FAIL: $3"; failures=$((failures + 1)); }
}

export YARDSTICK_BASELINE_DIR=$tmp/baselines
expect 0 "saved baseline 'main'" -- "$suite" "${pick[@]}" --save-baseline main
cp "$tmp/baselines/main.yaml" "$tmp/baselines/new.yaml"
cp "$tmp/baselines/main.yaml" "$tmp/main.before"

# A report must never replace a baseline the run reads or saves: refused
# before anything runs (or is truncated), naming both.
expect 2 "--output '$tmp/baselines/main.yaml' is the file of OLD" -- \
  "$suite" compare main new --output "json:$tmp/baselines/main.yaml"
same_file "$tmp/baselines/main.yaml" "$tmp/main.before" \
  "compare --output json:OLD changed OLD"
expect 2 "is the file of NEW" -- \
  "$suite" compare main new --output "json:$tmp/baselines/../baselines/new.yaml"
expect 2 "--output 'main.yaml' is the file of --baseline" -- \
  env -C "$tmp/baselines" "$suite" "${pick[@]}" --baseline main \
  --output markdown:main.yaml
same_file "$tmp/baselines/main.yaml" "$tmp/main.before" \
  "--baseline B --output markdown:B changed B"
ln -s baselines/main.yaml "$tmp/link.md"
expect 2 "is the file of --save-baseline" -- \
  "$suite" "${pick[@]}" --save-baseline main --output "$tmp/link.md"
same_file "$tmp/baselines/main.yaml" "$tmp/main.before" \
  "--save-baseline B --output LINK-TO-B changed B"
expect 2 "are the same file" -- \
  "$suite" "${pick[@]}" --output "$tmp/r.md" --output "markdown:$tmp/./r.md"

# Nor the other files a run keeps: the history it reads or records, the
# other build of --against, the config file, the program itself, a YAML
# file of the baseline folder (where a report would be taken for a
# baseline) and any file of its history folder. Each is refused before
# anything runs and left as it was.
mkdir -p "$tmp/baselines/history"
printf 'yardstick_history: 1\nruns: []\n...\n' >"$tmp/baselines/history/main.yaml"
cp "$tmp/baselines/history/main.yaml" "$tmp/history.before"
expect 2 "--output '$tmp/baselines/history/main.yaml' is the file of the history of --baseline" -- \
  "$suite" "${pick[@]}" --baseline main --output "json:$tmp/baselines/history/main.yaml"
expect 2 "is the file of --history" -- \
  "$suite" "${pick[@]}" --save-baseline main --history 5 \
  --output "json:$tmp/baselines/../baselines/history/main.yaml"
same_file "$tmp/baselines/history/main.yaml" "$tmp/history.before" \
  "--output HISTORY changed the history"
cp "$suite" "$tmp/other"
expect 2 "--output '$tmp/other' is the file of --against '$tmp/other'" -- \
  "$suite" "${pick[@]}" --against "$tmp/other" --output "json:$tmp/other"
same_file "$tmp/other" "$suite" "--output PROGRAM changed --against's program"
printf 'threshold: 5\n' >"$tmp/ys.yaml"
cp "$tmp/ys.yaml" "$tmp/ys.before"
expect 2 "--output 'ys.yaml' is the file of the config" -- \
  env -C "$tmp" "$suite" "${pick[@]}" --config ys.yaml --output json:ys.yaml
same_file "$tmp/ys.yaml" "$tmp/ys.before" "--output CONFIG changed the config"
expect 2 "is the file of this program" -- \
  "$suite" "${pick[@]}" --output "json:$suite"
expect 2 "--output '$tmp/baselines/old.yaml' is in the baseline folder '$tmp/baselines'" -- \
  "$suite" "${pick[@]}" --output "json:$tmp/baselines/old.yaml"
[ ! -e "$tmp/baselines/old.yaml" ] || { echo "FAIL: a report went into the baseline folder"; failures=$((failures + 1)); }
expect 2 "is in the baseline folder" -- \
  env -C "$tmp/baselines/history" "$suite" "${pick[@]}" --output "json:new.yaml"
# Nor through a symbolic link whose target is a baseline.
printf 'not a report\n' >"$tmp/baselines/keep.yaml"
ln -s "$tmp/baselines/keep.yaml" "$tmp/link.json"
expect 2 "is in the baseline folder" -- \
  "$suite" "${pick[@]}" --baseline-dir "$tmp/baselines" --output "json:$tmp/link.json"
grep -qx 'not a report' "$tmp/baselines/keep.yaml" ||
  { echo "FAIL: a report replaced a baseline through a link"; failures=$((failures + 1)); }
rm -f "$tmp/link.json" "$tmp/baselines/keep.yaml"
# Another report may sit beside the baselines (--baseline-dir .): it is
# never read as one.
expect 0 "" -- env -C "$tmp/baselines" "$suite" "${pick[@]}" \
  --baseline-dir . --output report.json
[ -s "$tmp/baselines/report.json" ] || { echo "FAIL: no report beside the baselines"; failures=$((failures + 1)); }

# A report file is replaced only once the run has ended: a run that fails
# (here: the --against build is no benchmark program) leaves an old report
# whole.
echo "old report" >"$tmp/old.json"
expect 2 "not a yardstick benchmark program|exited before" -- \
  "$suite" "${pick[@]}" --against /bin/true --output "json:$tmp/old.json"
grep -q "old report" "$tmp/old.json" ||
  { echo "FAIL: a failed run truncated its --output"; failures=$((failures + 1)); }
expect 0 "chain/300" -- "$suite" "${pick[@]}" --output "json:$tmp/old.json"
grep -q '"chain/300"' "$tmp/old.json" ||
  { echo "FAIL: --output was not written"; failures=$((failures + 1)); }
grep -q 'tmp-' <<<"$(ls "$tmp")" &&
  { echo "FAIL: a temporary file was left"; failures=$((failures + 1)); }

# Write errors: exit 2, naming the destination.
expect 2 "cannot save json report '/dev/full': No space left on device" -- \
  "$suite" "${pick[@]}" --output json:/dev/full
expect 2 "cannot write the console report to standard output: No space" -- \
  sh -c '"$0" "$@" >/dev/full' "$suite" "${pick[@]}"
expect 2 "cannot write to standard output: it is closed" -- \
  sh -c '"$0" "$@" >&-' "$suite" "${pick[@]}"
expect 2 "cannot write to standard output: No space" -- \
  sh -c '"$0" --list >/dev/full' "$suite"

# Standard output gets one report.
expect 2 "standard output already gets the json report" -- \
  "$suite" "${pick[@]}" --format json --output json:-
expect 0 '^\{' -- sh -c '"$0" "$@" 2>/dev/null' "$suite" "${pick[@]}" \
  --output json:-
grep -q 'benchmark: 1 ok' "$tmp/out" &&
  { echo "FAIL: --output json:- wrote a second report to stdout"; failures=$((failures + 1)); }

# An unwritable save folder is refused before anything is measured.
touch "$tmp/file"
expect 2 "cannot save baseline '$tmp/file/sub/x.yaml': Not a directory" -- \
  "$suite" "${pick[@]}" --save-baseline x --baseline-dir "$tmp/file/sub"
grep -q "round" "$tmp/out" &&
  { echo "FAIL: measured before refusing the save folder"; failures=$((failures + 1)); }
if [ "$(id -u)" -ne 0 ]; then
  mkdir -p "$tmp/ro" && chmod 0500 "$tmp/ro"
  expect 2 "cannot save baseline '$tmp/ro/x.yaml': Permission denied" -- \
    "$suite" "${pick[@]}" --save-baseline x --baseline-dir "$tmp/ro"
  chmod 0700 "$tmp/ro"
fi

# A baseline whose benchmark name holds an escape sequence is refused,
# naming the file, and nothing reaches the terminal.
sed 's|name: chain/300|name: "chain/300\\e[2J"|' "$tmp/main.before" \
  >"$tmp/baselines/escape.yaml"
expect 2 "escape.yaml:[0-9]+: 'name' holds a control character \\(byte 0x1b\\)" -- \
  "$suite" compare escape main
if grep -q $'\e' "$tmp/out"; then
  echo "FAIL: an escape character reached the output"
  failures=$((failures + 1))
fi

finish
