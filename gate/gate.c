/*
 * gate.c — pairs a run with its baseline, compares each pair (compare.c)
 * and confirms what would fail or is inconclusive by measuring it again.
 */
#include "gate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/names.h"
#include "function_diff.h"

/* The primary metric's name of a pair (this run's, else the baseline's),
 * or NULL when neither side has a series. */
static const char *primary_metric(const ys_bench_result *res,
                                  const ys_bench_result *base) {
  const ys_bench_result *r = res != NULL && res->n_series > 0 ? res : base;
  return r != NULL && r->n_series > 0 ? r->series[0].metric : NULL;
}

/* Whether a verdict compared two sides' figures (as opposed to new,
 * missing, not compared). */
static bool was_compared(ys_verdict v) {
  return v == YS_VERDICT_UNCHANGED || v == YS_VERDICT_IMPROVED ||
         v == YS_VERDICT_REGRESSED || v == YS_VERDICT_INCONCLUSIVE;
}

/* The primary metric's entry of cmp->metrics, from the comparison itself
 * (which may have been decided on cpu_time, contended). */
static ys_metric_comparison primary_entry(const ys_comparison *cmp,
                                          const char *metric,
                                          const ys_metric_gate *gate) {
  return (ys_metric_comparison){
      .metric = metric,
      .unit = cmp->unit,
      .kind = cmp->kind,
      .exact = cmp->exact,
      .gated = true,
      .higher_is_better = gate != NULL && gate->higher_is_better,
      .verdict = cmp->verdict,
      .threshold = cmp->threshold,
      .base_estimate = cmp->base_estimate,
      .new_estimate = cmp->new_estimate,
      .change = cmp->change,
      .change_ci = cmp->change_ci,
  };
}

/* Compares every metric of this run's series that the baseline holds too
 * into e->cmp.metrics, the primary first, and makes the verdict regressed
 * when a gated metric regressed. A gated metric that is inconclusive is
 * listed so but leaves the verdict to the primary metric: noise in a
 * secondary figure warns in its line, it does not fail the run. */
static int compare_every_metric(ys_judged *e, const ys_bench_result *res,
                                const ys_bench_result *base,
                                const ys_compare_config *cfg,
                                const ys_metric_gates *gates) {
  ys_comparison *cmp = &e->cmp;
  const char *primary = res->series[0].metric;
  cmp->metrics[0] =
      primary_entry(cmp, primary, ys_metric_gates_find(gates, primary));
  cmp->n_metrics = 1;
  bool gated_regression = false;
  for (size_t m = 1;
       m < res->n_series && cmp->n_metrics < YS_COMPARED_METRICS_MAX; m++) {
    const char *metric = res->series[m].metric;
    const ys_metric_gate *gate = ys_metric_gates_find(gates, metric);
    /* A user counter says in code whether it gates and which way is
     * better (YS_COUNTER_GATED, YS_COUNTER_HIGHER_IS_BETTER); --gate on
     * its name gates it, and overrides the direction only when it says
     * :higher or :lower (a bare `--gate requests:5%` must not turn a fall
     * in throughput into an improvement). */
    unsigned counter = res->series[m].counter;
    bool higher = gate != NULL && gate->direction_given
                      ? gate->higher_is_better
                      : (counter & YS_SERIES_COUNTER_HIGHER) != 0;
    ys_compare_config own = *cfg;
    if (gate != NULL) own.threshold = gate->threshold;
    ys_metric_comparison *mc = &cmp->metrics[cmp->n_metrics];
    int rc = ys_compare_metric(base, res, metric, higher, &own, mc);
    if (rc != 0) return rc;
    mc->gated = gate != NULL || (counter & YS_SERIES_COUNTER_GATED) != 0;
    /* One side only: an ungated metric is left out; a gated one is kept,
     * not compared, for the reports to say it was not judged. */
    if (mc->verdict == YS_VERDICT_NOT_COMPARED && !mc->gated) continue;
    if (mc->verdict == YS_VERDICT_NOT_COMPARED) {
      mc->base_lacks = true;
      mc->unit = res->series[m].unit;
      mc->kind = res->series[m].kind;
    }
    gated_regression |= mc->gated && mc->verdict == YS_VERDICT_REGRESSED;
    cmp->n_metrics++;
  }
  /* A gated metric of the baseline this run no longer records (a counter
   * the code stopped reporting, --gate on a series this run lacks): kept
   * as not compared too, or the comparison would not mention it. */
  for (size_t m = 1;
       m < base->n_series && cmp->n_metrics < YS_COMPARED_METRICS_MAX; m++) {
    const ys_series *bs = &base->series[m];
    if (ys_bench_result_series(res, bs->metric) != NULL) continue;
    const ys_metric_gate *gate = ys_metric_gates_find(gates, bs->metric);
    if (gate == NULL && (bs->counter & YS_SERIES_COUNTER_GATED) == 0) continue;
    ys_metric_comparison *mc = &cmp->metrics[cmp->n_metrics++];
    *mc = (ys_metric_comparison){
        .metric = bs->metric,
        .unit = bs->unit,
        .kind = bs->kind,
        .exact = bs->exact,
        .gated = true,
        .higher_is_better = (bs->counter & YS_SERIES_COUNTER_HIGHER) != 0,
        .verdict = YS_VERDICT_NOT_COMPARED,
        .threshold = gate != NULL ? gate->threshold : cfg->threshold,
        .base_estimate = NAN,
        .new_estimate = NAN,
        .change = NAN,
        .change_ci = {NAN, NAN, NAN},
    };
  }
  if (gated_regression && cmp->verdict != YS_VERDICT_REGRESSED) {
    cmp->verdict = YS_VERDICT_REGRESSED;
    cmp->doubt = YS_DOUBT_NONE;
    cmp->settle_rounds = 0;
  }
  return 0;
}

/* Swaps regressed and improved of the primary metric's verdict when its
 * gate says higher is better. */
static void primary_direction(ys_comparison *cmp, const ys_metric_gate *gate) {
  if (gate == NULL || !gate->higher_is_better) return;
  if (cmp->verdict == YS_VERDICT_REGRESSED)
    cmp->verdict = YS_VERDICT_IMPROVED;
  else if (cmp->verdict == YS_VERDICT_IMPROVED)
    cmp->verdict = YS_VERDICT_REGRESSED;
}

/* Compares one pair into the next free entry of j, which has room. */
static int append(ys_judgement *j, const ys_bench_result *res,
                  const ys_bench_result *base, const ys_gate *g) {
  ys_judged *e = &j->entries[j->n];
  memset(e, 0, sizeof(*e));
  e->res = res != NULL ? res : base;
  e->base = base;
  /* The primary metric gates at its own threshold when --gate names it,
   * and a band wider than that threshold is this benchmark's bar
   * (band.h). */
  const ys_metric_gate *gate =
      ys_metric_gates_find(g->gates, primary_metric(res, base));
  ys_compare_config primary = g->compare;
  if (gate != NULL) primary.threshold = gate->threshold;
  const ys_compare_config unbanded = primary;
  const ys_band *band = ys_band_find(g->bands, e->res);
  ys_band_widen(band, &primary);
  int rc = ys_compare_bench(base, res, &primary, &e->cmp);
  if (rc == 0 && g->bands != NULL) {
    e->cmp.threshold = unbanded.threshold;
    ys_band_note(band, &e->cmp);
  }
  if (rc == 0) primary_direction(&e->cmp, gate);
  if (rc == 0 && res != NULL && base != NULL && was_compared(e->cmp.verdict))
    rc = compare_every_metric(e, res, base, &g->compare, g->gates);
  /* A change of an exact count says which functions it came from. */
  if (rc == 0 && (e->cmp.verdict == YS_VERDICT_REGRESSED ||
                  e->cmp.verdict == YS_VERDICT_IMPROVED))
    e->cmp.n_functions =
        ys_function_diff(base, res, e->cmp.functions, YS_FUNCTION_CHANGES_MAX);
  if (rc == 0) j->n++;
  return rc;
}

/* Returns the pairs of g->current and g->base in name order: a merge of two
 * name-sorted lists. */
int ys_gate_judge(const ys_gate *g, ys_judgement *out) {
  const ys_run_result *current = g->current, *base = g->base;
  memset(out, 0, sizeof(*out));
  size_t cap = current->n_benches + base->n_benches;
  out->entries = calloc(cap == 0 ? 1 : cap, sizeof(*out->entries));
  if (out->entries == NULL) return YS_ENOMEM;

  size_t i = 0, k = 0;
  int rc = 0;
  while (rc == 0 && (i < current->n_benches || k < base->n_benches)) {
    const ys_bench_result *a =
        i < current->n_benches ? &current->benches[i] : NULL;
    const ys_bench_result *b = k < base->n_benches ? &base->benches[k] : NULL;
    int order = a == NULL   ? 1
                : b == NULL ? -1
                            : ys_name_compare(a->name, b->name);
    if (order == 0) {
      rc = append(out, a, b, g);
      i++, k++;
    } else if (order < 0) {
      rc = append(out, a, NULL, g);
      i++;
    } else {
      if (g->excluded == NULL || !g->excluded(g->excluded_ctx, b->name))
        rc = append(out, NULL, b, g);
      k++;
    }
  }
  if (rc != 0) ys_judgement_free(out);
  return rc;
}

/* Whether a verdict must be measured again before it is final: a regressed
 * or inconclusive one on a noisy metric. Exact counts are final at once,
 * and a verdict that neither fails nor warns costs nothing if wrong
 * (docs/statistics.md §3). More rounds narrow the interval, which is what
 * an inconclusive verdict lacks. */
static bool needs_confirmation(const ys_judged *e) {
  return !e->cmp.exact && (e->cmp.verdict == YS_VERDICT_REGRESSED ||
                           e->cmp.verdict == YS_VERDICT_INCONCLUSIVE);
}

/* The index in `run` of the result e stands for, or n_benches when it is
 * not one of run's (a missing benchmark stands for the baseline's). */
static size_t index_in(const ys_run_result *run, const ys_judged *e) {
  for (size_t i = 0; i < run->n_benches; i++)
    if (e->res == &run->benches[i]) return i;
  return run->n_benches;
}

/* Marks `remeasured` on the entries of j for the re-measured benchmarks
 * (the n indexes `which` of run). */
static void mark_remeasured(const ys_run_result *run, const size_t *which,
                            size_t n, ys_judgement *j) {
  for (size_t e = 0; e < j->n; e++) {
    ys_judged *entry = &j->entries[e];
    size_t i = index_in(run, entry);
    for (size_t k = 0; k < n; k++)
      if (which[k] == i) entry->cmp.remeasured = true;
  }
}

int ys_gate_confirm(const ys_gate *g, ys_gate_remeasure remeasure,
                    void *remeasure_ctx, ys_judgement *j) {
  const ys_run_result *run = g->current;
  /* Entries are in name order, as run's benchmarks are: `which` ascends. */
  size_t *which = calloc(run->n_benches + 1, sizeof(*which));
  if (which == NULL) return YS_ENOMEM;
  size_t n = 0;
  for (size_t e = 0; e < j->n; e++) {
    size_t i = index_in(run, &j->entries[e]);
    if (i < run->n_benches && needs_confirmation(&j->entries[e]))
      which[n++] = i;
  }

  int rc = n > 0 ? remeasure(remeasure_ctx, which, n) : 0;
  ys_judgement again = {0};
  if (rc == 0 && n > 0) rc = ys_gate_judge(g, &again);
  if (rc == 0 && n > 0) {
    mark_remeasured(run, which, n, &again);
    ys_judgement_free(j);
    *j = again;
  }
  free(which);
  return rc;
}

void ys_judgement_free(ys_judgement *j) {
  if (j == NULL) return;
  free(j->entries);
  memset(j, 0, sizeof(*j));
}

void ys_judgement_count(const ys_judgement *j, size_t *n_verdicts) {
  memset(n_verdicts, 0, YS_VERDICT_COUNT * sizeof(*n_verdicts));
  for (size_t i = 0; i < j->n; i++)
    n_verdicts[j->entries[i].cmp.verdict]++;
}
