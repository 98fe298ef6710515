#!/usr/bin/env bash
# Step 4 of the yardstick action: on a pull request, puts the Markdown report
# into one comment of the pull request. The comment is created once and
# found again by a hidden marker, then edited on every later run. When the
# token may not comment (a pull request from a fork, no 'pull-requests:
# write' permission) or gh is missing, it says so with a notice and leaves
# the report in the job summary only: it never fails the job.
# The ctx_* variables are the context load_context reads.
# shellcheck disable=SC2154
set -euo pipefail
# shellcheck source=action/lib.sh
. "$(dirname "$0")/lib.sh"
load_context

if [ "${YS_COMMENT:-true}" != true ]; then
  echo "yardstick: input 'comment' is '${YS_COMMENT:-}': no pull request comment"
  exit 0
fi
if ! is_pull_request; then
  echo "yardstick: not a pull request: no comment"
  exit 0
fi
summary=${ctx_summary:-}
if [ -z "$summary" ] || [ ! -f "$summary" ]; then
  die "no report to comment with: action/run.sh must run first"
fi

pr=$ctx_pr_number
repo=${GITHUB_REPOSITORY:-}
[ -n "$repo" ] || die "GITHUB_REPOSITORY is not set"
export GH_TOKEN=${GH_TOKEN:-${GITHUB_TOKEN:-}}
if [ -z "$GH_TOKEN" ]; then
  notice "no token (input 'github-token'): the report is in the job summary only"
  exit 0
fi
if ! command -v gh >/dev/null 2>&1; then
  notice "gh (the GitHub CLI) is not installed on this runner: the report is in the job summary only"
  exit 0
fi

# One comment per key, so that several jobs (collectors, suites) can each
# keep their own.
key=${YS_COMMENT_KEY:-${YS_BASELINE:-main}-${ctx_mode}}
marker="<!-- yardstick-report: $key -->"

body=$YS_WORK_DIR/comment.md
limit=60000 # GitHub refuses comments over 65,536 characters
{
  echo "$marker"
  if [ "$(wc -c <"$summary")" -gt "$limit" ]; then
    head -c "$limit" "$summary"
    echo
    echo
    echo "*(report cut: the full report is in the job summary)*"
  else
    cat "$summary"
  fi
  if [ -n "${GITHUB_RUN_ID:-}" ]; then
    echo
    echo "<sub>[workflow run](${GITHUB_SERVER_URL:-https://github.com}/$repo/actions/runs/$GITHUB_RUN_ID) · commit ${GITHUB_SHA:-unknown}</sub>"
  fi
} >"$body"

# cannot_comment WHAT ERROR_FILE: the notice, then a clean exit.
cannot_comment() {
  local why
  why=$(tr '\n' ' ' <"$2" | cut -c1-300)
  notice "cannot $1 on pull request #$pr ($why): the report is in the job summary only; a comment needs 'permissions: pull-requests: write' and a pull request from this repository"
  exit 0
}

err=$YS_WORK_DIR/gh.err
if ! comments=$(gh api --paginate "repos/$repo/issues/$pr/comments?per_page=100" 2>"$err"); then
  cannot_comment "read the comments" "$err"
fi
id=$(jq -rs --arg m "$marker" \
  '[.[][] | select((.body // "") | contains($m)) | .id] | first // empty' <<<"$comments") ||
  die "cannot read the list of comments returned by gh api"

payload=$YS_WORK_DIR/comment.json
jq -n --rawfile body "$body" '{body: $body}' >"$payload"
if [ -n "$id" ]; then
  gh api -X PATCH "repos/$repo/issues/comments/$id" --input "$payload" \
    >/dev/null 2>"$err" || cannot_comment "edit comment $id" "$err"
  echo "yardstick: updated comment $id on pull request #$pr"
else
  id=$(gh api -X POST "repos/$repo/issues/$pr/comments" --input "$payload" \
    --jq .id 2>"$err") || cannot_comment "comment" "$err"
  echo "yardstick: created comment $id on pull request #$pr"
fi
set_output comment-id "$id"
