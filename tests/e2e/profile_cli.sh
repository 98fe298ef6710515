#!/usr/bin/env bash
# End-to-end tests of `bench profile` that need no working perf: a perf
# missing from PATH, a perf the kernel refuses (a fake perf that answers as
# perf does under kernel.perf_event_paranoid), and bad input. Each must
# exit 2 with a message naming the fix, the flag or the file.
# Usage: profile_cli.sh PATH/TO/bench TESTS_SOURCE_DIR
set -uo pipefail
suite=$(dirname "$1")/tests/fixture_profile
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

# No perf at all: PATH holds only a folder without it.
mkdir -p "$tmp/empty"
expect 2 "perf not found on PATH: install it with 'apt-get install linux-perf'" \
  -- env PATH="$tmp/empty" "$suite" profile --profile-dir "$tmp/p"

# perf refused by the kernel: what perf 6.1 prints, and its exit status.
mkdir -p "$tmp/paranoid"
cat >"$tmp/paranoid/perf" <<'FAKE'
#!/bin/sh
cat >&2 <<'MSG'
Error:
Access to performance monitoring and observability operations is limited.
Consider adjusting /proc/sys/kernel/perf_event_paranoid setting to open
access to performance monitoring and observability operations for processes
without CAP_PERFMON, CAP_SYS_PTRACE or CAP_SYS_ADMIN Linux capability.
MSG
exit 255
FAKE
chmod +x "$tmp/paranoid/perf"
expect 2 "allow it with 'sysctl kernel.perf_event_paranoid=1'" \
  -- env PATH="$tmp/paranoid:$PATH" "$suite" profile --profile-dir "$tmp/p"
# Nothing was left behind in the profile folder.
if grep -q . <<<"$(ls -A "$tmp/p" 2>/dev/null)"; then
  echo "FAIL: a refused perf left files in $tmp/p: $(ls -A "$tmp/p")"
  failures=$((failures + 1))
fi

# Debian's perf wrapper without the perf of the running kernel.
mkdir -p "$tmp/wrapper"
cat >"$tmp/wrapper/perf" <<'FAKE'
#!/bin/sh
echo "perf not found for kernel 6.1.0" >&2
echo "  You may need to install linux-perf-6.1" >&2
exit 1
FAKE
chmod +x "$tmp/wrapper/perf"
expect 2 "install it with 'apt-get install linux-perf'" \
  -- env PATH="$tmp/wrapper:$PATH" "$suite" profile --profile-dir "$tmp/p"

# Bad input, refused before perf is started.
expect 2 "^$(basename "$suite"): --profile-time: 'abc' is not a number" \
  -- "$suite" profile --profile-time abc
expect 2 "--baseline: no saved profile 'nosuch' in $tmp/p" \
  -- "$suite" profile --profile-dir "$tmp/p" --baseline nosuch
expect 2 "--save-profile: " \
  -- "$suite" profile --profile-dir "$tmp/p" --save-profile ../escape
expect 2 "--format does nothing with 'profile'" \
  -- "$suite" profile --format json
expect 2 "--profile-dir needs 'profile'" \
  -- "$suite" --profile-dir "$tmp/p"
expect 2 "no benchmark matches|matches no" \
  -- env PATH="$tmp/paranoid:$PATH" "$suite" profile nosuchbench
touch "$tmp/file"
expect 2 "--profile-dir: cannot write to $tmp/file/sub" \
  -- "$suite" profile --profile-dir "$tmp/file/sub"

finish
