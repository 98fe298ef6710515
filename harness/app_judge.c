/*
 * app_judge.c — the gate of one benchmark run (app_judge.h): gated
 * metrics checked against those measured, the verdicts, and re-measuring
 * what would fail or warn before the verdict stands.
 */
#include "app_judge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../gate/gate.h"
#include "../gate/metric_gate.h"
#include "../run/runner.h"
#include "../run/select.h"
#include "app.h"
#include "cli.h"
#include "exit_codes.h"

/* Every gated metric (--gate, or the config file's gate) must be one of
 * the `n` metrics `names` this run records: a gate on a metric that is
 * never measured would pass blind. Returns an exit code. */
static int check_gates(const invocation *s, const char *const *names,
                       size_t n) {
  char why[600];
  if (ys_metric_gates_check(&s->o.gates, names, n, why, sizeof(why)) == 0)
    return YS_EXIT_OK;
  if (ys_cli_given(&s->o, "gate"))
    fprintf(stderr, "%s: --gate: %s\n", s->prog, why);
  else
    fprintf(stderr, "%s: %s: gate: %s\n", s->prog, s->config_path, why);
  return YS_EXIT_USAGE;
}

/* The metrics any benchmark of a saved run holds, checked against the
 * gates. */
int ys_app_check_gates_run(const invocation *s, const ys_run_result *run) {
  const char *names[YS_COMPARED_METRICS_MAX];
  size_t n = 0;
  for (size_t b = 0; b < run->n_benches; b++)
    for (size_t m = 0; m < run->benches[b].n_series; m++) {
      const char *name = run->benches[b].series[m].metric;
      bool known = false;
      for (size_t k = 0; k < n && !known; k++)
        known = strcmp(names[k], name) == 0;
      if (!known && n < YS_COMPARED_METRICS_MAX) names[n++] = name;
    }
  return check_gates(s, names, n);
}

/* Benchmarks only in the baseline count as missing unless this run left
 * them out on purpose: the program still defines them, or the filters do
 * not select them. */
static bool excluded_from_run(void *ctx, const char *name) {
  const invocation *s = ctx;
  for (size_t i = 0; i < s->n_instances; i++)
    if (strcmp(s->instances[i].name, name) == 0) return true;
  return !ys_select_matches(name, s->o.filters, s->o.n_filters, s->o.exact);
}

/* This run against --baseline, or against the other build of --against. */
static ys_gate gate_of(invocation *s) {
  ys_gate g = {
      .current = &s->run,
      .base = s->baseline != NULL ? &s->baseline->run : &s->against.remote,
      .excluded = excluded_from_run,
      .excluded_ctx = s,
      .compare = ys_compare_config_default(s->o.seed),
      .bands = s->bands_consulted && s->baseline != NULL ? &s->bands : NULL,
  };
  g.compare.threshold = s->o.threshold;
  g.gates = &s->o.gates;
  return g;
}

int ys_app_judge(invocation *s) {
  ys_gate g = gate_of(s);
  ys_judgement_free(&s->judgement);
  s->judged = true;
  return ys_gate_judge(&g, &s->judgement);
}

/* The gate's remeasure callback (ys_gate_remeasure) for a run. */
typedef struct remeasure_ctx {
  invocation *s;
  ys_progress *progress;
} remeasure_ctx;

/* Runs the benchmarks `which` indexes in s->run again with the run's
 * settings but another seed (both sides under --against: the runner's
 * partner), appends the fresh rounds and analyses again. */
static int remeasure(void *ctx, const size_t *which, size_t n) {
  remeasure_ctx *m = ctx;
  invocation *s = m->s;
  ys_instance *subset = calloc(n, sizeof(*subset));
  ys_bench_settings *settings = calloc(n, sizeof(*settings));
  if (subset == NULL || settings == NULL) {
    free(subset);
    free(settings);
    return YS_ENOMEM;
  }
  for (size_t k = 0; k < n; k++) {
    subset[k] = s->chosen[which[k]];
    settings[k] = s->settings[which[k]];
  }
  ys_run_result extra;
  ys_runner_config cfg = ys_app_runner_config(s, m->progress);
  cfg.seed = s->o.seed + 1;
  cfg.settings = settings;
  int rc = ys_runner_run(subset, n, &cfg, &extra);
  free(subset);
  free(settings);
  if (rc == YS_EINTR) ys_run_result_free(&extra);
  if (rc != 0) return rc;
  for (size_t k = 0; k < n && rc == 0; k++) {
    ys_bench_result *res = &s->run.benches[which[k]];
    if (extra.benches[k].status != YS_BENCH_OK) {
      res->status = extra.benches[k].status;
      memcpy(res->message, extra.benches[k].message, sizeof(res->message));
      continue;
    }
    rc = ys_bench_result_append_rounds(res, &extra.benches[k]);
  }
  ys_run_result_free(&extra);
  return rc == 0 ? ys_app_analyze_measured(s) : rc;
}

/* Judges the run and confirms what would fail or warn (gate.h). */
int ys_app_judge_and_confirm(invocation *s, ys_progress *progress) {
  int rc = ys_app_judge(s);
  if (rc != 0) return rc;
  ys_gate g = gate_of(s);
  remeasure_ctx ctx = {s, progress};
  return ys_gate_confirm(&g, remeasure, &ctx, &s->judgement);
}
