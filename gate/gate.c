/*
 * gate.c — pairs a run with its baseline, compares each pair (compare.c)
 * and confirms what would fail or is inconclusive by measuring it again.
 */
#include "gate.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/names.h"
#include "function_diff.h"

/* Compares one pair into the next free entry of j, which has room. */
static int append(ys_judgement *j, const ys_bench_result *res,
                  const ys_bench_result *base, const ys_gate *g) {
  ys_judged *e = &j->entries[j->n];
  memset(e, 0, sizeof(*e));
  e->res = res != NULL ? res : base;
  e->base = base;
  /* A band wider than the threshold is this benchmark's bar (band.h). */
  const ys_band *band = ys_band_find(g->bands, e->res);
  ys_compare_config cfg = g->compare;
  ys_band_widen(band, &cfg);
  int rc = ys_compare_bench(base, res, &cfg, &e->cmp);
  if (rc == 0 && g->bands != NULL) {
    e->cmp.threshold = g->compare.threshold;
    ys_band_note(band, &e->cmp);
  }
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
