#!/usr/bin/env bash
# Test of the GitHub Action (action.yml, action/*.sh): checks the action's
# metadata, then runs its steps as the composite action would, with a fake
# GITHUB_* environment, a fake event file, the actions cache emulated by a
# folder, and a fake `gh` on PATH that records its calls and keeps the pull
# request's comments. The benchmark program is the real fixture suite
# (tests/fixtures/scalable_suite.c) with --quick.
# Usage: run.sh PATH/TO/bench REPOSITORY_ROOT
# Single-quoted patterns with `$` and backquotes are meant literally.
# shellcheck disable=SC2016
set -uo pipefail
bench=$1
root=$2
fixtures=$(cd "$(dirname "$bench")/tests" && pwd)
suite=$fixtures/fixture_scalable
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

for tool in jq python3 git cmake; do
  command -v "$tool" >/dev/null || {
    echo "action test: $tool not found: skipped"
    exit 77
  }
done

ok() { echo "ok: $1"; }
fail() {
  echo "FAIL: $1"
  failures=$((failures + 1))
}
# check DESCRIPTION COMMAND...: passes when COMMAND succeeds.
check() {
  local what=$1
  shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}
# has FILE REGEX: FILE matches the extended REGEX.
has() { [ -f "$1" ] && grep -Eq -- "$2" "$1"; }
# output_of KEY: the last value of KEY in the job's $GITHUB_OUTPUT.
# Inside a job its own file; after it, the file of the job that ran last.
output_of() { sed -n "s/^$1=//p" "${GITHUB_OUTPUT:-$job_dir/output}" | tail -n 1; }

# ---------------------------------------------------------------- metadata
# The required keys of action metadata, checked with PyYAML (python3-yaml,
# installed by scripts/install-deps.sh).
if python3 - "$root/action.yml" "$root/action" >"$tmp/meta" 2>&1 <<'PY'; then
import os, re, sys
import yaml

path, scripts = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    meta = yaml.safe_load(f)
errors = []
def need(cond, msg):
    if not cond:
        errors.append(msg)

need(isinstance(meta, dict), "the file is not a mapping")
for key in ("name", "description", "runs"):
    need(isinstance(meta.get(key), str if key != "runs" else dict) and meta.get(key),
         f"missing or empty '{key}'")
inputs = meta.get("inputs") or {}
need(isinstance(inputs, dict) and inputs, "no inputs")
for name, spec in inputs.items():
    need(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name), f"input '{name}': bad name")
    need(isinstance(spec, dict) and isinstance(spec.get("description"), str)
         and spec["description"].strip(), f"input '{name}' has no description")
    if isinstance(spec, dict) and "default" in spec:
        need(isinstance(spec["default"], str), f"input '{name}': default is not a string")
for name in ("program", "target", "build-dir", "collector", "baseline",
             "threshold", "fail-on", "mode", "github-token"):
    need(name in inputs, f"input '{name}' is missing")
for name, spec in (meta.get("outputs") or {}).items():
    need(isinstance(spec, dict) and spec.get("description") and spec.get("value"),
         f"output '{name}' needs a description and a value (composite)")
runs = meta.get("runs") or {}
need(runs.get("using") == "composite", "runs.using is not 'composite'")
steps = runs.get("steps") or []
need(isinstance(steps, list) and steps, "runs.steps is empty")
ids = set()
for i, step in enumerate(steps):
    where = f"step {i + 1} ({step.get('name', 'unnamed')})"
    need(("run" in step) != ("uses" in step), f"{where}: needs exactly one of run and uses")
    if "run" in step:
        need(step.get("shell"), f"{where}: a run step needs 'shell'")
        for script in re.findall(r"action/([a-z_]+\.sh)", step["run"]):
            need(os.path.isfile(os.path.join(scripts, script)),
                 f"{where}: runs action/{script}, which does not exist")
    if "id" in step:
        need(step["id"] not in ids, f"{where}: id '{step['id']}' repeated")
        ids.add(step["id"])
    text = yaml.safe_dump(step)
    for ref in re.findall(r"inputs\.([A-Za-z0-9_-]+)", text):
        need(ref in inputs, f"{where}: uses undeclared input '{ref}'")
    for ref in re.findall(r"steps\.([A-Za-z0-9_-]+)\.outputs", text):
        need(ref in ids, f"{where}: reads outputs of step '{ref}' before it runs")
for err in errors:
    print(err)
sys.exit(1 if errors else 0)
PY
  ok "action.yml has the keys of composite action metadata"
else
  fail "action.yml metadata:"
  sed 's/^/    /' "$tmp/meta"
fi

# The check itself must be able to fail: a run step without shell.
sed '0,/^      shell: bash$/{/^      shell: bash$/d}' "$root/action.yml" >"$tmp/bad.yml"
if python3 -c 'import sys, yaml
steps = yaml.safe_load(open(sys.argv[1]))["runs"]["steps"]
sys.exit(0 if all("shell" in s for s in steps if "run" in s) else 1)' "$tmp/bad.yml"; then
  fail "a run step without shell went unnoticed"
else
  ok "a run step without shell is noticed"
fi

for script in "$root"/action/*.sh; do
  check "$(basename "$script") parses and sets -euo pipefail" \
    bash -c 'bash -n "$1" && { grep -q "^set -euo pipefail$" "$1" || [ "$(basename "$1")" = lib.sh ]; }' _ "$script"
done

# ---------------------------------------------------------------- fake gh
mkdir -p "$tmp/bin" "$tmp/gh"
echo '[]' >"$tmp/gh/comments.json"
cat >"$tmp/bin/gh" <<'GH'
#!/usr/bin/env bash
# Records each call in $FAKE_GH/calls and plays the comments API.
set -euo pipefail
state=$FAKE_GH
echo "gh $*" >>"$state/calls"
# FAKE_GH_FAIL=all refuses every call, =write only the writes (a token
# that may read the pull request, as a fork's).
case "${FAKE_GH_FAIL:-}:$*" in
  all:* | write:*-X\ POST* | write:*-X\ PATCH*)
    echo "HTTP 403: Resource not accessible by integration" >&2
    exit 1 ;;
esac
[ "$1" = api ] || { echo "fake gh: only 'api'" >&2; exit 2; }
shift
method=GET input="" jqf="" url=""
while [ $# -gt 0 ]; do
  case "$1" in
    -X) method=$2; shift 2 ;;
    --input) input=$2; shift 2 ;;
    --jq) jqf=$2; shift 2 ;;
    --paginate) shift ;;
    *) url=$1; shift ;;
  esac
done
[ -n "${GH_TOKEN:-}" ] || { echo "fake gh: no GH_TOKEN" >&2; exit 4; }
c=$state/comments.json
case "$method $url" in
  "GET repos/"*"/issues/"*"/comments"*) cat "$c" ;;
  "POST repos/"*"/issues/"*"/comments")
    cp "$input" "$state/last-body.json"
    id=$((1000 + $(jq length "$c")))
    jq --argjson id "$id" --slurpfile b "$input" '. + [{id: $id, body: $b[0].body}]' "$c" >"$c.new"
    mv "$c.new" "$c"
    out=$(jq --argjson id "$id" '.[] | select(.id == $id)' "$c")
    if [ -n "$jqf" ]; then jq -r "$jqf" <<<"$out"; else echo "$out"; fi ;;
  "PATCH repos/"*"/issues/comments/"*)
    cp "$input" "$state/last-body.json"
    id=${url##*/}
    jq -e --argjson id "$id" 'any(.[]; .id == $id)' "$c" >/dev/null ||
      { echo "HTTP 404: Not Found" >&2; exit 1; }
    jq --argjson id "$id" --slurpfile b "$input" \
      'map(if .id == $id then .body = $b[0].body else . end)' "$c" >"$c.new"
    mv "$c.new" "$c"
    jq --argjson id "$id" '.[] | select(.id == $id)' "$c" ;;
  *) echo "fake gh: unexpected $method $url" >&2; exit 3 ;;
esac
GH
chmod +x "$tmp/bin/gh"
export PATH="$tmp/bin:$PATH" FAKE_GH=$tmp/gh

# ---------------------------------------------------------------- events
cat >"$tmp/push.json" <<'EOF'
{"ref": "refs/heads/main", "repository": {"default_branch": "main", "full_name": "acme/widgets"}}
EOF
cat >"$tmp/pr.json" <<'EOF'
{"number": 7, "pull_request": {"number": 7, "base": {"sha": "BASE_SHA", "ref": "main"},
 "head": {"sha": "HEAD_SHA", "ref": "feature"}},
 "repository": {"default_branch": "main", "full_name": "acme/widgets"}}
EOF

export GITHUB_REPOSITORY=acme/widgets GITHUB_SERVER_URL=https://github.com \
  GITHUB_RUN_ID=4242 GITHUB_JOB=bench RUNNER_OS=Linux GITHUB_TOKEN=fake-token
unset GH_TOKEN YS_FIXTURE_SLOWDOWN_PCT

# job NAME EVENT(push|pr) [VAR=VALUE...]: one run of the composite action's
# steps in a fresh job (work folder, $GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY),
# with the action's inputs as YS_* variables. The actions cache is the
# folder $tmp/cache: restored before the run of a comparing job, filled
# after a saving job that passed. Sets $job_code to the exit code of the
# last step that ran (the gate's when all ran).
job() {
  local name=$1 event=$2
  shift 2
  local dir=$tmp/jobs/$name
  mkdir -p "$dir"
  job_dir=$dir
  (
    export YS_WORK_DIR=$dir/work GITHUB_OUTPUT=$dir/output \
      GITHUB_STEP_SUMMARY=$dir/summary.md GITHUB_SHA=sha-$name
    case "$event" in
      push) export GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/main \
        GITHUB_EVENT_PATH=$tmp/push.json ;;
      pr) export GITHUB_EVENT_NAME=pull_request GITHUB_REF=refs/pull/7/merge \
        GITHUB_EVENT_PATH=${PR_EVENT:-$tmp/pr.json} ;;
    esac
    : >"$GITHUB_OUTPUT"
    : >"$GITHUB_STEP_SUMMARY"
    for assignment in "$@"; do export "${assignment?}"; done
    steps() {
      bash "$root/action/setup.sh" || return
      bash "$root/action/build.sh" || return
      # As action.yml: a comparing job restores the cache, and so does a
      # saving job that keeps a history.
      if { [ "$(output_of role)" = compare ] ||
        { [ "$(output_of role)" = save ] && [ -n "${YS_HISTORY:-}" ]; }; } &&
        [ -d "$tmp/cache" ]; then
        cp -r "$tmp/cache/." "$(output_of baseline-dir)/"
      fi
      bash "$root/action/run.sh" || return
      if [ "$(output_of role)" = save ] && [ "$(output_of exit-code)" = 0 ]; then
        mkdir -p "$tmp/cache"
        cp -r "$(output_of baseline-dir)/." "$tmp/cache/"
      fi
      bash "$root/action/comment.sh" || return
      bash "$root/action/gate.sh"
    }
    steps
  ) >"$dir/log" 2>&1
  job_code=$?
}
# job_ok DESCRIPTION WANTED_CODE: the last job ended with WANTED_CODE.
job_ok() {
  if [ "$job_code" -eq "$2" ]; then
    ok "$1 (exit $job_code)"
  else
    fail "$1: exit $job_code, wanted $2; log:"
    sed 's/^/    /' "$job_dir/log" | tail -n 40
  fi
}
calls() { grep -c "$1" "$FAKE_GH/calls" 2>/dev/null || true; }
comments() { jq length "$FAKE_GH/comments.json"; }

pick="--quick --exact chain/300 chain/1000"
common=(YS_PROGRAM="$suite" YS_ARGS="$pick")

# ---------------------------------------------------------------- bad input
job bad-mode pr "${common[@]}" YS_MODE=sideways
job_ok "an unknown mode is refused" 1
check "  ... with a message naming the input" has "$job_dir/log" "input 'mode' is 'sideways'"
job bad-policy pr "${common[@]}" YS_FAIL_ON=sometimes
job_ok "an unknown failure policy is refused" 1
check "  ... with a message naming the input" has "$job_dir/log" "input 'fail-on' is 'sometimes'"
job no-program pr YS_ARGS="$pick"
job_ok "no program and no target is refused" 1
job missing-program pr YS_PROGRAM="$tmp/nothing-here"
job_ok "a program that does not exist is refused" 1
check "  ... naming it" has "$job_dir/log" "nothing-here' does not exist"
job against-no-target pr "${common[@]}" YS_MODE=against
job_ok "mode against without a target is refused" 1
job bad-history push "${common[@]}" YS_HISTORY=3
job_ok "a history of fewer than 5 runs is refused" 1
check "  ... with a message naming the input" has "$job_dir/log" "input 'history' is '3'"
job bad-gate pr "${common[@]}" YS_GATE="instructions"
job_ok "a gate without a percentage is refused" 1
check "  ... with a message naming the input" has "$job_dir/log" "input 'gate' is 'instructions'"
# A counter's name may hold '-' (authoring.md): the gate input takes it,
# so this job fails on the missing program, checked after the gate.
job hyphen-gate pr YS_PROGRAM="$tmp/nothing-here" YS_GATE="cache-hits:5,ok:1:higher"
job_ok "a gate on a counter named with '-' is accepted" 1
check "  ... and the program is what is refused" has "$job_dir/log" "nothing-here' does not exist"
check "  ... not the gate" bash -c "! grep -q \"input 'gate'\" '$job_dir/log'"
job bad-config pr "${common[@]}" YS_CONFIG="$tmp/no-such.yaml"
job_ok "a config file that does not exist is refused" 1
check "  ... with a message naming the input" has "$job_dir/log" "input 'config' is '.*no-such.yaml': no such file"

# ---------------------------------------------------------------- first PR
job first-pr pr "${common[@]}"
job_ok "the first pull request, before any baseline, passes" 0
check "  ... role compare" [ "$(output_of role)" = compare ]
check "  ... its summary says there is no baseline yet" \
  has "$job_dir/summary.md" '[Nn]o baseline `main` yet'
check "  ... output missing-baseline is main" [ "$(output_of missing-baseline)" = main ]
check "  ... the JSON report is kept for upload" \
  has "$job_dir/work/reports/report.json" '"missing_baseline": *"main"'
check "  ... one comment was created" [ "$(calls 'POST repos/acme/widgets/issues/7/comments')" = 1 ]
check "  ... the comment holds the marker" \
  grep -q '<!-- yardstick-report: main-baseline -->' <(jq -r '.[0].body' "$FAKE_GH/comments.json")
check "  ... and the report" \
  grep -q '[Nn]o baseline `main` yet' <(jq -r '.[0].body' "$FAKE_GH/comments.json")
check "  ... and a link to the run" \
  grep -q 'https://github.com/acme/widgets/actions/runs/4242' <(jq -r '.[0].body' "$FAKE_GH/comments.json")
check "  ... output comment-id" [ "$(output_of comment-id)" = 1000 ]
check "  ... the cache key is the default branch's" \
  [ "$(output_of restore-prefix)" = yardstick-baseline-Linux-wall-main-main- ]

# ---------------------------------------------------------------- main
before=$(calls ' repos/')
job main-push push "${common[@]}"
job_ok "a push to main saves the baseline" 0
check "  ... role save" [ "$(output_of role)" = save ]
check "  ... main.yaml was saved" [ -s "$job_dir/work/baselines/main.yaml" ]
check "  ... and copied into the reports" [ -s "$job_dir/work/reports/main.yaml" ]
check "  ... cache key by branch and commit" \
  [ "$(output_of cache-key)" = yardstick-baseline-Linux-wall-main-main-sha-main-push ]
check "  ... the summary holds the run" has "$job_dir/summary.md" 'chain/1000'
check "  ... no gh call on a push" [ "$(calls ' repos/')" = "$before" ]

job other-default push "${common[@]}" YS_DEFAULT_BRANCH=trunk
job_ok "a push to main when the default branch is trunk compares" 0
check "  ... role compare" [ "$(output_of role)" = compare ]

# ---------------------------------------------------------------- history
# Two pushes with a history: the second restores the first's cache, so the
# history holds both runs (baselines.md, "History": runs oldest first).
job hist-1 push "${common[@]}" YS_BASELINE=hist YS_HISTORY=5
job_ok "a push to main with history 5" 0
check "  ... the program got --history 5" has "$job_dir/log" '--save-baseline hist --history 5'
job hist-2 push "${common[@]}" YS_BASELINE=hist YS_HISTORY=5
job_ok "a second push with history 5" 0
check "  ... the history holds both pushes' runs" \
  [ "$(python3 -c 'import sys, yaml; print([r["commit"] for r in yaml.safe_load(open(sys.argv[1]))["runs"]])' \
    "$tmp/cache/history/hist.yaml" 2>&1)" = "['sha-hist-1', 'sha-hist-2']" ]

# ---------------------------------------------------------------- PR again
job second-pr pr "${common[@]}" YS_THRESHOLD=500
job_ok "a pull request compared with main's baseline passes" 0
check "  ... the summary has verdicts" has "$job_dir/summary.md" 'unchanged'
check "  ... the comment was edited, not created again" \
  [ "$(calls 'POST repos/acme/widgets/issues/7/comments'):$(calls 'PATCH repos/acme/widgets/issues/comments/1000')" = 1:1 ]
check "  ... still one comment" [ "$(comments)" = 1 ]
check "  ... now holding the comparison" \
  grep -q 'Compared with baseline `main`' <(jq -r '.[0].body' "$FAKE_GH/comments.json")
check "  ... and the marker" \
  grep -q '<!-- yardstick-report: main-baseline -->' <(jq -r '.[0].body' "$FAKE_GH/comments.json")

job third-pr pr YS_PROGRAM="$suite" YS_THRESHOLD=500 \
  YS_ARGS="$pick --output gbench:{reports}/report.gbench.json"
job_ok "a third run" 0
check "  ... {reports} in args is the report folder" \
  [ -s "$job_dir/work/reports/report.gbench.json" ]
check "  ... edits the same comment again" \
  [ "$(calls 'POST repos/acme/widgets/issues/7/comments'):$(calls 'PATCH repos/acme/widgets/issues/comments/1000')" = 1:2 ]

job other-key pr "${common[@]}" YS_THRESHOLD=500 YS_COMMENT_KEY=callgrind
job_ok "another comment key" 0
check "  ... gets a comment of its own" [ "$(comments)" = 2 ]

# ---------------------------------------------------------------- no permission
before=$(calls POST)
job forbidden pr "${common[@]}" YS_THRESHOLD=500 FAKE_GH_FAIL=all
job_ok "a token that cannot comment does not fail the job" 0
check "  ... a notice says the report is in the summary only" \
  has "$job_dir/log" '::notice title=yardstick::cannot read the comments on pull request #7 \(HTTP 403.*job summary only'
check "  ... the summary is still written" has "$job_dir/summary.md" 'unchanged'
check "  ... nothing was posted" [ "$(calls POST)" = "$before" ]
body_before=$(jq -r '.[0].body' "$FAKE_GH/comments.json")
job read-only pr "${common[@]}" YS_THRESHOLD=500 FAKE_GH_FAIL=write
job_ok "a token that can read but not write does not fail the job" 0
check "  ... a notice names the refused edit" \
  has "$job_dir/log" '::notice title=yardstick::cannot edit comment 1000 on pull request #7 \(HTTP 403'
check "  ... the comment is unchanged" [ "$(jq -r '.[0].body' "$FAKE_GH/comments.json")" = "$body_before" ]
job no-token pr "${common[@]}" YS_THRESHOLD=500 GITHUB_TOKEN=
job_ok "no token does not fail the job" 0
check "  ... a notice says so" has "$job_dir/log" '::notice title=yardstick::no token'
job no-comment pr "${common[@]}" YS_THRESHOLD=500 YS_COMMENT=false
job_ok "comment: false" 0
check "  ... calls no gh" [ "$(calls POST)" = "$before" ]

# ---------------------------------------------------------------- regression
# Exact instruction counts make a planted 30 % slow-down a certain
# regression; without valgrind, or in a sanitizer build (which valgrind
# cannot host), wall time with a slow-down large enough to stand out of a
# busy machine's noise.
if command -v valgrind >/dev/null && ! ldd "$suite" | grep 'libasan' >/dev/null; then
  slow=(YS_COLLECTOR=callgrind YS_FIXTURE_SLOWDOWN_PCT=30)
  fast=(YS_COLLECTOR=callgrind)
else
  slow=(YS_FIXTURE_SLOWDOWN_PCT=200)
  fast=()
fi
job cg-main push "${common[@]}" YS_BASELINE=gate "${fast[@]}"
job_ok "main saves baseline 'gate'" 0
for policy in regression inconclusive never; do
  want=1
  [ "$policy" = never ] && want=0
  job "slow-$policy" pr "${common[@]}" YS_BASELINE=gate YS_FAIL_ON=$policy "${slow[@]}"
  job_ok "a planted slow-down under fail-on: $policy" "$want"
  check "  ... the program exited 1" [ "$(output_of exit-code)" = 1 ]
  check "  ... the summary says regressed" has "$job_dir/summary.md" '❌ 2 regressed'
  check "  ... output regressed is 2" [ "$(output_of regressed)" = 2 ]
  if [ "$policy" = never ]; then
    check "  ... a warning annotation" has "$job_dir/log" '::warning title=yardstick::a benchmark regressed'
  else
    check "  ... an error annotation" has "$job_dir/log" '::error title=yardstick::a benchmark regressed'
  fi
done
check "the regression comment is its own (key gate-baseline)" \
  grep -q '❌ 2 regressed' <(jq -r '.[] | select(.body | contains("yardstick-report: gate-baseline")) | .body' "$FAKE_GH/comments.json")

# ---------------------------------------------------------------- policies
# A stand-in program with a chosen exit code, recording its arguments: every
# exit code under every policy.
cat >"$tmp/bin/stand-in" <<'EOF'
#!/usr/bin/env bash
echo "$*" >"$STAND_IN_ARGS"
for arg in "$@"; do
  case "$arg" in markdown:*) [ "$STAND_IN_CODE" = 2 ] || echo "## stand-in report" >"${arg#markdown:}" ;; esac
done
[ "$STAND_IN_CODE" = 2 ] && echo "stand-in: --bogus: unknown option" >&2
exit "$STAND_IN_CODE"
EOF
chmod +x "$tmp/bin/stand-in"
for policy in regression inconclusive never; do
  for code in 0 1 2 3; do
    want=1
    case "$code:$policy" in 0:* | 1:never) want=0 ;; esac
    job "stand-in-$policy-$code" pr YS_PROGRAM="$tmp/bin/stand-in" YS_FAIL_ON=$policy \
      STAND_IN_CODE=$code STAND_IN_ARGS="$tmp/args-$policy-$code" YS_COMMENT=false
    job_ok "exit code $code under fail-on: $policy" "$want"
  done
  if [ "$policy" = inconclusive ]; then
    check "  ... the program got --fail-on-inconclusive" has "$tmp/args-$policy-0" '--fail-on-inconclusive'
  else
    check "  ... the program did not get --fail-on-inconclusive" bash -c "! grep -q -- --fail-on-inconclusive '$tmp/args-$policy-0'"
  fi
done
check "a comparing run gets --baseline, --if-missing report and --threshold" \
  has "$tmp/args-regression-0" '--baseline main --if-missing report --threshold 5'

# history, gate and config: each passed to the runs it applies to.
echo "rounds: 3" >"$tmp/yardstick-ci.yaml"
stand_in=(YS_PROGRAM="$tmp/bin/stand-in" STAND_IN_CODE=0 YS_COMMENT=false
  YS_HISTORY=20 YS_GATE="instructions:2%,D1mr:10%:higher" YS_CONFIG="$tmp/yardstick-ci.yaml")
job stand-in-save push "${stand_in[@]}" STAND_IN_ARGS="$tmp/args-save"
job_ok "a saving run with history, gate and config" 0
check "  ... gets --save-baseline main --history 20" has "$tmp/args-save" '--save-baseline main --history 20'
check "  ... gets --config first" has "$tmp/args-save" "^--config $tmp/yardstick-ci.yaml --collector"
check "  ... and no --gate (it compares nothing)" bash -c "! grep -q -- --gate '$tmp/args-save'"
job stand-in-compare pr "${stand_in[@]}" STAND_IN_ARGS="$tmp/args-compare"
job_ok "a comparing run with history, gate and config" 0
check "  ... gets --gate" has "$tmp/args-compare" '--threshold 5 --gate instructions:2%,D1mr:10%:higher'
check "  ... gets --config" has "$tmp/args-compare" "^--config $tmp/yardstick-ci.yaml "
check "  ... and no --history (only main's runs make it)" bash -c "! grep -q -- --history '$tmp/args-compare'"
job_dir=$tmp/jobs/stand-in-never-2
check "a run that wrote no report gets its console output in the summary" \
  has "$job_dir/summary.md" 'exited with code 2 and wrote no report'
check "  ... with the program's message" has "$job_dir/summary.md" 'unknown option'

# ---------------------------------------------------------------- against
# A project whose CMake target 'suite' is the fixture: the merge base runs
# the unchanged build (fixture_scalable_base), the pull request the one the
# slow-down applies to.
proj=$tmp/project
mkdir -p "$proj"
git -C "$proj" init -q -b main
git -C "$proj" config user.email test@example.com
git -C "$proj" config user.name test
cat >"$proj/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.13)
project(suite NONE)
configure_file(suite.sh ${CMAKE_BINARY_DIR}/suite COPYONLY)
add_custom_target(suite ALL)
EOF
printf '#!/bin/sh\nexec "$YS_TEST_FIXTURES/fixture_scalable_base" "$@"\n' >"$proj/suite.sh"
chmod +x "$proj/suite.sh"
git -C "$proj" add -A && git -C "$proj" commit -qm base
base_sha=$(git -C "$proj" rev-parse HEAD)
printf '#!/bin/sh\nexec "$YS_TEST_FIXTURES/fixture_scalable" "$@"\n' >"$proj/suite.sh"
git -C "$proj" commit -qam "pull request"
sed "s/BASE_SHA/$base_sha/" "$tmp/pr.json" >"$tmp/pr-against.json"
export YS_TEST_FIXTURES=$fixtures
against=(YS_MODE=against YS_TARGET=suite YS_SOURCE_DIR="$proj"
  YS_BUILD_DIR="$proj/build" YS_ARGS="$pick" YS_COMMENT=false)

PR_EVENT=$tmp/pr-against.json job against-slow pr "${against[@]}" YS_FIXTURE_SLOWDOWN_PCT=200
job_ok "mode against: a slowed pull request fails" 1
check "  ... role against" [ "$(output_of role)" = against ]
check "  ... the merge base was found" [ "$(output_of merge-base)" = "$base_sha" ]
check "  ... and built" [ -x "$job_dir/work/base-build/suite" ]
check "  ... the base build runs the base commit" \
  grep -q fixture_scalable_base "$job_dir/work/base-build/suite"
check "  ... the summary says regressed" has "$job_dir/summary.md" 'regressed'
check "  ... the program ran --against the base build" \
  has "$job_dir/log" "--against $job_dir/work/base-build/suite"

PR_EVENT=$tmp/pr-against.json job against-same pr "${against[@]}" YS_THRESHOLD=500
job_ok "mode against: an unchanged pull request passes" 0

job against-push push "${against[@]}"
job_ok "mode against on a push measures and reports only" 0
check "  ... role run" [ "$(output_of role)" = run ]
check "  ... no base build" [ ! -e "$job_dir/work/base-build" ]

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
