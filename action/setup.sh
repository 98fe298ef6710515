#!/usr/bin/env bash
# Step 1 of the yardstick action: checks the inputs, decides what this job
# does, and records it for the later steps (outputs and $YS_WORK_DIR/context).
#
# Roles:
#   save     baseline mode, a push (or schedule, dispatch) on the default
#            branch: measure and save the baseline for the cache
#   compare  baseline mode, anything else: compare with the default
#            branch's newest baseline (none yet: report and pass)
#   against  against mode, a pull request: build the merge base and run
#            both builds round for round
#   run      against mode, anything else: measure and report only
set -euo pipefail
# shellcheck source=action/lib.sh
. "$(dirname "$0")/lib.sh"

program=${YS_PROGRAM:-}
target=${YS_TARGET:-}
mode=${YS_MODE:-baseline}
fail_on=${YS_FAIL_ON:-regression}
baseline=${YS_BASELINE:-main}
threshold=${YS_THRESHOLD:-5}
collector=${YS_COLLECTOR:-wall}
history=${YS_HISTORY:-}
gate=${YS_GATE:-}
config=${YS_CONFIG:-}

[ -n "$program$target" ] ||
  die "give the benchmark program (input 'program') or the CMake target to build (input 'target')"
case "$mode" in
  baseline | against) ;;
  *) die "input 'mode' is '$mode': use 'baseline' or 'against'" ;;
esac
case "$fail_on" in
  regression | inconclusive | never) ;;
  *) die "input 'fail-on' is '$fail_on': use 'regression', 'inconclusive' or 'never'" ;;
esac
[[ "$baseline" =~ ^[A-Za-z0-9._-]+$ ]] ||
  die "input 'baseline' is '$baseline': a baseline name holds only letters, digits, '.', '_' and '-'"
[[ "$threshold" =~ ^[0-9]+([.][0-9]+)?$ ]] ||
  die "input 'threshold' is '$threshold': give a percentage such as 5 or 2.5"
[[ "$collector" =~ ^[a-z,]+$ ]] ||
  die "input 'collector' is '$collector': use wall, perf, wall,perf or callgrind"
# The program checks these again (range, metric names); here they are
# refused before the build, with the input's name.
if [ -n "$history" ]; then
  [[ "$history" =~ ^[0-9]+$ ]] && [ "$history" -ge 5 ] && [ "$history" -le 1000 ] ||
    die "input 'history' is '$history': give the number of runs to keep, 5 to 1000"
fi
if [ -n "$gate" ]; then
  [[ "$gate" =~ ^[A-Za-z0-9_.-]+:[0-9.]+%?(:(higher|lower))?(,[A-Za-z0-9_.-]+:[0-9.]+%?(:(higher|lower))?)*$ ]] ||
    die "input 'gate' is '$gate': give METRIC:PCT[:higher] separated by commas, e.g. instructions:2%,D1mr:10%"
fi
if [ -n "$config" ] && [ ! -f "$config" ]; then
  die "input 'config' is '$config': no such file"
fi
if [ "$mode" = against ] && [ -z "$target" ]; then
  die "mode 'against' builds the merge base too: give the CMake target to build (input 'target')"
fi

default_branch=${YS_DEFAULT_BRANCH:-}
[ -n "$default_branch" ] || default_branch=$(event_field .repository.default_branch)
[ -n "$default_branch" ] || default_branch=main

ref=${GITHUB_REF:-}
base_sha=""
pr_number=""
if is_pull_request; then
  pr_number=$(event_field .pull_request.number)
  base_sha=$(event_field .pull_request.base.sha)
  [ -n "$pr_number" ] || die "pull request event without .pull_request.number in ${GITHUB_EVENT_PATH:-(no event file)}"
fi

if [ "$mode" = baseline ]; then
  if ! is_pull_request && [ "$ref" = "refs/heads/$default_branch" ]; then
    role=save
  else
    role=compare
  fi
else
  if is_pull_request; then
    [ -n "$base_sha" ] || die "pull request event without .pull_request.base.sha"
    role=against
  else
    role=run
  fi
fi

rm -rf "$YS_WORK_DIR/reports" "$YS_WORK_DIR/context"
mkdir -p "$YS_WORK_DIR/baselines" "$YS_WORK_DIR/reports"
: >"$YS_WORK_DIR/context"

# The cache key: one entry per saved commit; a pull request restores the
# newest entry of the default branch by prefix.
prefix="yardstick-baseline-${RUNNER_OS:-Linux}-${collector//,/+}-$baseline-$default_branch-"
artifact=${YS_ARTIFACT_NAME:-}
[ -n "$artifact" ] || artifact="yardstick-${GITHUB_JOB:-bench}-$baseline-$role"

set_output role "$role"
set_output mode "$mode"
set_output default-branch "$default_branch"
set_output pr-number "$pr_number"
set_output base-sha "$base_sha"
set_output baseline-dir "$YS_WORK_DIR/baselines"
set_output report-dir "$YS_WORK_DIR/reports"
set_output cache-key "$prefix${GITHUB_SHA:-unknown}"
set_output restore-prefix "$prefix"
set_output artifact-name "$artifact"
if [ -n "$program" ]; then set_output program "$program"; fi

case "$role" in
  save) echo "yardstick: push to $default_branch: measuring and saving baseline '$baseline'" ;;
  compare) echo "yardstick: comparing with baseline '$baseline' of $default_branch" ;;
  against) echo "yardstick: pull request #$pr_number: comparing with its merge base, round for round" ;;
  run) echo "yardstick: not a pull request: measuring and reporting only" ;;
esac
