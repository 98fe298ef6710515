#!/usr/bin/env bash
# Last step of the yardstick action: the job's status from the benchmark
# program's exit code and the failure policy (input 'fail-on'):
#   regression    exit 1 (a regression) fails the job
#   inconclusive  the same; the program ran with --fail-on-inconclusive, so
#                 an inconclusive verdict is exit 1 too
#   never         exit 1 only warns
# Exit codes 2 (bad usage or input) and 3 (a benchmark failed), and a run
# stopped by a signal, fail the job under every policy: they are not
# verdicts but a job that measured nothing trustworthy.
# The ctx_* variables are the context load_context reads.
# shellcheck disable=SC2154
set -euo pipefail
# shellcheck source=action/lib.sh
. "$(dirname "$0")/lib.sh"
load_context

code=${ctx_exit_code:-}
[[ "$code" =~ ^[0-9]+$ ]] || die "no exit code recorded: action/run.sh must run first"
policy=${YS_FAIL_ON:-regression}

case "$code" in
  0)
    echo "yardstick: passed"
    exit 0
    ;;
  1)
    case "$policy" in
      never)
        warning "a benchmark regressed beyond the threshold of ${YS_THRESHOLD:-5} %; fail-on is 'never', so the job passes"
        exit 0
        ;;
      inconclusive) die "a benchmark regressed or was inconclusive (fail-on: inconclusive): see the job summary" ;;
      *) die "a benchmark regressed beyond the threshold of ${YS_THRESHOLD:-5} %: see the job summary" ;;
    esac
    ;;
  2) die "the benchmark program refused its usage or input (exit 2): see the log of the run step" ;;
  3) die "a benchmark failed, crashed or timed out (exit 3): see the job summary" ;;
  *) die "the benchmark program ended with exit code $code" ;;
esac
