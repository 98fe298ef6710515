# The set-up every `bench exec` end-to-end test shares: a temporary folder
# removed at exit (also the baseline folder), the failure count, expect.sh,
# and check. Sourced after `bench=$1`.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
export YARDSTICK_BASELINE_DIR=$tmp/baselines

# shellcheck source=lib/expect.sh
. "$(dirname "$0")/lib/expect.sh"

# check CONDITION MESSAGE: counts a failure when the shell test fails.
check() {
  if eval "$1"; then
    echo "ok: $2"
  else
    echo "FAIL: $2 ($1)"
    failures=$((failures + 1))
  fi
}
