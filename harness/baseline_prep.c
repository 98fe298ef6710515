/*
 * baseline_prep.c — loading --baseline under --if-missing, and refusing a
 * comparison in which nothing can be compared (baseline_prep.h).
 */
#include "baseline_prep.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../gate/comparable.h"

/* Whether --if-missing asks for a report without the baseline. Option
 * rules have checked the value is "fail" or "report". */
static bool report_when_missing(const ys_options *o) {
  return o->if_missing != NULL && strcmp(o->if_missing, "report") == 0;
}

int ys_baseline_prep_load(const ys_options *o, const char *dir,
                          ys_baseline **out, bool *missing, char *err,
                          size_t err_len) {
  char path[PATH_MAX];
  *out = NULL;
  *missing = false;
  int rc = ys_store_resolve(o->baseline, dir, path, sizeof(path), err, err_len);
  if (rc == 0) rc = ys_store_load(path, out, err, err_len);
  if (rc != YS_ENOENT) return rc;
  if (report_when_missing(o)) {
    *missing = true;
    return 0;
  }
  /* The usual reason is a first pull request, before the main branch has
   * saved anything: say how to get a report anyway. */
  size_t used = strlen(err);
  if (used < err_len)
    snprintf(err + used, err_len - used,
             " (use --if-missing report to report without it)");
  return rc;
}

/* Writes the message for two sides that measured nothing in common:
 * `now` says who the other side is ("this run measures"). */
static int refuse(const ys_comparability *c, const char *base_label,
                  const char *now, const char *advice, char *err,
                  size_t err_len) {
  snprintf(err, err_len,
           "baseline '%s' holds %s but %s %s: nothing can be compared; %s",
           base_label, c->base, now, c->current, advice);
  return YS_EINVAL;
}

int ys_baseline_prep_check_run(const ys_baseline *base, const char *label,
                               const ys_collector *collector, const char *spec,
                               const ys_instance *chosen, size_t n, char *err,
                               size_t err_len) {
  /* The run as it will be: every chosen benchmark with the collector's
   * metrics (the runner gives each result exactly these series), nothing
   * measured yet. Checking it now costs nothing; checking the finished run
   * would cost the whole suite first. */
  ys_series *series = calloc(collector->n_metrics + 1, sizeof(*series));
  ys_bench_result *benches = calloc(n + 1, sizeof(*benches));
  if (series == NULL || benches == NULL) {
    free(series);
    free(benches);
    return YS_ENOMEM;
  }
  for (size_t m = 0; m < collector->n_metrics; m++) {
    const ys_metric *metric = &collector->metrics[m];
    series[m] = (ys_series){.metric = metric->name,
                            .unit = metric->unit,
                            .kind = metric->kind,
                            .exact = metric->exact};
  }
  for (size_t i = 0; i < n; i++) {
    memcpy(benches[i].name, chosen[i].name, sizeof(benches[i].name));
    benches[i].status = YS_BENCH_OK;
    benches[i].series = series;
    benches[i].n_series = collector->n_metrics;
  }
  const ys_run_result planned = {.benches = benches, .n_benches = n};
  ys_comparability c;
  ys_comparable_check(&base->run, base->ctx.collector, &planned, spec, &c);
  free(benches);
  free(series);
  if (c.comparable) return 0;
  return refuse(&c, label, "this run measures",
                "save a baseline with the same --collector", err, err_len);
}

int ys_baseline_prep_check_pair(const ys_baseline *older, const char *old_label,
                                const ys_baseline *newer, const char *new_label,
                                char *err, size_t err_len) {
  ys_comparability c;
  ys_comparable_check(&older->run, older->ctx.collector, &newer->run,
                      newer->ctx.collector, &c);
  if (c.comparable) return 0;
  char now[300];
  snprintf(now, sizeof(now), "baseline '%s' holds", new_label);
  return refuse(&c, old_label, now,
                "compare baselines saved with the same --collector", err,
                err_len);
}
