/*
 * gate.h — the regression gate: a run set against its baseline. Three
 * steps, each decided here and nowhere else:
 *
 *   pair     benchmarks are paired by name (new, missing, or both sides);
 *   compare  each pair is compared (compare.h, docs/statistics.md §3);
 *   confirm  every verdict that would fail or is inconclusive is measured
 *            again, with fresh rounds, and decided again on all its rounds.
 *
 * The gate measures nothing itself: confirming calls back into the caller,
 * who knows how to run a benchmark (here, or in another build). The verdict
 * counts that follow decide the exit code.
 */
#ifndef YS_GATE_H
#define YS_GATE_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/model.h"
#include "band.h"
#include "compare.h"
#include "metric_gate.h"

/* Says whether a benchmark that is only in the baseline was left out of this
 * run on purpose (not selected by the filters, say) rather than removed. */
typedef bool (*ys_gate_is_excluded)(void *ctx, const char *name);

/* What the gate judges. Every pointer is borrowed and must outlive the
 * judgements made from it. */
typedef struct ys_gate {
  const ys_run_result *current; /* this run, sorted by name */
  const ys_run_result *base;    /* the baseline, sorted by name */
  ys_gate_is_excluded excluded; /* may be NULL: nothing left out */
  void *excluded_ctx;
  ys_compare_config compare;    /* compare.threshold: --threshold */
  const ys_metric_gates *gates; /* --gate; NULL or empty: the primary
                                   metric alone gates, at --threshold */
  /* The noise bands of the baseline's history (band.h); NULL when the
   * baseline has no history to consult (--against, a PATH). */
  const ys_band_table *bands;
} ys_gate;

/* One line of the judgement, in name order. */
typedef struct ys_judged {
  const ys_bench_result *res;  /* this run's; the baseline's when missing */
  const ys_bench_result *base; /* NULL when new */
  ys_comparison cmp;
} ys_judged;

typedef struct ys_judgement {
  ys_judged *entries;
  size_t n;
} ys_judgement;

/* Pairs g->current and g->base by name and compares each pair. A benchmark
 * only in this run is "new"; one only in the baseline is "missing", unless
 * g->excluded says this run left it out on purpose, in which case it is
 * not listed at all. Every metric both sides of a pair hold is compared
 * (cmp.metrics): a metric g->gates names at its own threshold and in its
 * direction, the others at g->compare.threshold. The primary metric always
 * gates (at its --gate threshold when named); another gates when named, and
 * its regression makes the benchmark's verdict regressed. Returns 0 and fills
 * *out (free with ys_judgement_free), or YS_ENOMEM with *out empty. */
int ys_gate_judge(const ys_gate *g, ys_judgement *out);

/* Measures again, with fresh rounds, the n benchmarks at the ascending
 * indexes `which` of the gate's current run (and, when the baseline is
 * measured alongside, the same benchmarks there), appends those rounds to
 * what each side has, and analyses the results again, so that their round
 * estimates are up to date. A benchmark that skips or fails this time is
 * marked so. Returns 0 or an error code, which ends the run. */
typedef int (*ys_gate_remeasure)(void *ctx, const size_t *which, size_t n);

/* The confirmation step of docs/statistics.md §3: every benchmark of this
 * run whose verdict in *j is regressed or inconclusive, on a noisy metric
 * (exact counts need no second look), is measured again through
 * `remeasure` (once, all together), and *j is replaced by the judgement of
 * all rounds; those benchmarks are marked `remeasured`. One benchmark's
 * rare false alarm would otherwise compound over a whole suite, and the
 * added rounds narrow an interval too wide to decide. Nothing is
 * re-measured, and *j stays as it is, when no verdict needs it. Returns 0,
 * YS_ENOMEM, or the error of remeasure; *j is then the judgement from before.
 */
int ys_gate_confirm(const ys_gate *g, ys_gate_remeasure remeasure,
                    void *remeasure_ctx, ys_judgement *j);

/* Frees the entries of a judgement and leaves it empty; NULL-safe. */
void ys_judgement_free(ys_judgement *j);

/* Adds the verdicts of *j up into n_verdicts[YS_VERDICT_COUNT]. */
void ys_judgement_count(const ys_judgement *j, size_t *n_verdicts);

#endif
