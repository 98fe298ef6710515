# shellcheck shell=bash
# Shared by the scripts of the yardstick GitHub Action (action.yml). Each
# script runs as one step of the composite action, reads the action's inputs
# from YS_* variables and GitHub's from GITHUB_*, and can be run by hand
# with the same variables set (tests/action/run.sh does).

# die MESSAGE: an error annotation on the job page, then exit 1.
die() {
  echo "::error title=yardstick::$*" >&2
  exit 1
}

# notice MESSAGE / warning MESSAGE: annotations that do not fail the job.
notice() { echo "::notice title=yardstick::$*"; }
warning() { echo "::warning title=yardstick::$*"; }

# set_output KEY VALUE: a step output (one line), and the same assignment in
# the work folder's context file, which the later steps source.
set_output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
  printf 'ctx_%s=%q\n' "${1//-/_}" "$2" >>"$YS_WORK_DIR/context"
}

# The work folder: baselines, reports, the base build of --against.
: "${YS_WORK_DIR:=${RUNNER_TEMP:-/tmp}/yardstick}"
export YS_WORK_DIR

# load_context: the values setup.sh and the steps after it recorded, as
# ctx_* variables.
load_context() {
  [ -f "$YS_WORK_DIR/context" ] ||
    die "no context in $YS_WORK_DIR: action/setup.sh must run first"
  # shellcheck disable=SC1091
  . "$YS_WORK_DIR/context"
}

# event_field JQ_PATH: a field of the webhook event ($GITHUB_EVENT_PATH),
# empty when there is no event file or no such field.
event_field() {
  if [ -n "${GITHUB_EVENT_PATH:-}" ] && [ -f "$GITHUB_EVENT_PATH" ]; then
    jq -r "$1 // empty" "$GITHUB_EVENT_PATH"
  fi
}

# is_pull_request: the event is a pull request's.
is_pull_request() {
  case "${GITHUB_EVENT_NAME:-}" in
    pull_request | pull_request_target) return 0 ;;
    *) return 1 ;;
  esac
}

command -v jq >/dev/null 2>&1 || die "jq is required (apt-get install jq)"
