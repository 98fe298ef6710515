#!/usr/bin/env bash
# Step 3 of the yardstick action: runs the benchmark program for this job's
# role, writes report.json, summary.md and console.txt (and on the default
# branch a copy of the saved baseline) into the report folder, appends the
# Markdown to $GITHUB_STEP_SUMMARY and records the exit code as output
# 'exit-code'. It does not fail the job on a verdict: the
# comment and the upload come first, and gate.sh decides at the end.
# The ctx_* variables are the context load_context reads.
# shellcheck disable=SC2154
set -euo pipefail
# shellcheck source=action/lib.sh
. "$(dirname "$0")/lib.sh"
load_context

program=${ctx_program:-}
[ -n "$program" ] || die "no benchmark program recorded: action/build.sh must run first"
baseline=${YS_BASELINE:-main}
reports=$ctx_report_dir
read -ra extra <<<"${YS_ARGS:-}"
# {reports} in an argument is the report folder, which is uploaded.
extra=("${extra[@]//\{reports\}/$reports}")

cmd=("$program" "${extra[@]}")
# The configuration file first: the inputs below override its settings.
if [ -n "${YS_CONFIG:-}" ]; then cmd+=(--config "$YS_CONFIG"); fi
cmd+=(--collector "${YS_COLLECTOR:-wall}"
  --baseline-dir "$ctx_baseline_dir"
  --output "json:$reports/report.json" --output "markdown:$reports/summary.md")
case "$ctx_role" in
  save)
    cmd+=(--save-baseline "$baseline")
    # Only the default branch's runs make the history: they are the ones
    # a pull request is compared with.
    if [ -n "${YS_HISTORY:-}" ]; then cmd+=(--history "$YS_HISTORY"); fi
    ;;
  compare) cmd+=(--baseline "$baseline" --if-missing report) ;;
  against) cmd+=(--against "$ctx_base_program") ;;
  run) ;;
  *) die "unknown role '$ctx_role' in $YS_WORK_DIR/context" ;;
esac
case "$ctx_role" in
  compare | against)
    cmd+=(--threshold "${YS_THRESHOLD:-5}")
    # Gates need a comparison: a saving run would refuse them.
    if [ -n "${YS_GATE:-}" ]; then cmd+=(--gate "$YS_GATE"); fi
    if [ "${YS_FAIL_ON:-regression}" = inconclusive ]; then
      cmd+=(--fail-on-inconclusive)
    fi
    ;;
esac

echo "yardstick: ${cmd[*]}"
set +e
"${cmd[@]}" 2>&1 | tee "$reports/console.txt"
code=${PIPESTATUS[0]}
set -e
echo "yardstick: exit code $code"
set_output exit-code "$code"

# The Markdown report; a run that wrote none (bad usage, a stopped run)
# gets the end of its console output instead.
if [ -s "$reports/summary.md" ]; then
  summary=$reports/summary.md
else
  summary=$reports/failure.md
  {
    echo "### ❌ yardstick: the benchmark program exited with code $code and wrote no report"
    echo
    echo '```'
    tail -n 20 "$reports/console.txt"
    echo '```'
  } >"$summary"
fi
set_output summary "$summary"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$summary" >>"$GITHUB_STEP_SUMMARY"
  echo >>"$GITHUB_STEP_SUMMARY"
fi

# Counts of the verdicts, for later steps and workflows.
json=$reports/report.json
if [ -s "$json" ]; then
  set_output report-json "$json"
  for verdict in regressed inconclusive; do
    n=$(jq -r --arg v "$verdict" '.summary.verdicts[$v] // 0' "$json" 2>/dev/null || echo 0)
    set_output "$verdict" "$n"
  done
  set_output missing-baseline "$(jq -r '.summary.missing_baseline // empty' "$json" 2>/dev/null || true)"
fi
# The saved baseline goes into the report artifact too.
if [ "$ctx_role" = save ] && [ "$code" -eq 0 ]; then
  [ -s "$ctx_baseline_dir/$baseline.yaml" ] ||
    die "the run passed but saved no $ctx_baseline_dir/$baseline.yaml"
  cp "$ctx_baseline_dir/$baseline.yaml" "$reports/"
fi
