/*
 * judge.h — a run set against its baseline: benchmarks paired by name,
 * each pair compared (gate/compare.c), and the verdict counts and exit
 * code that follow.
 */
#ifndef YS_JUDGE_H
#define YS_JUDGE_H

#include <stdbool.h>
#include <stddef.h>

#include "compare.h"
#include "../core/model.h"

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

/* Says whether a benchmark that is only in the baseline was left out of this
 * run on purpose (not selected by the filters, say) rather than removed. */
typedef bool (*ys_judge_is_excluded)(void *ctx, const char *name);

/* Pairs current and base (both sorted by name; borrowed, and they must
 * outlive the judgement) and compares each pair. Baseline-only benchmarks
 * for which `excluded` returns true are left out; the others are
 * "missing". Returns 0 and fills *out (free with ys_judgement_free), or
 * YS_ENOMEM. */
int ys_judge(const ys_run_result *current, const ys_run_result *base,
             ys_judge_is_excluded excluded, void *excluded_ctx,
             const ys_compare_config *cfg, ys_judgement *out);

void ys_judgement_free(ys_judgement *j);

/* Whether a verdict should be re-measured before it is final: a time-based
 * regressed or possibly regressed one (counts are exact already). */
bool ys_judged_needs_confirmation(const ys_judged *e);

/* Adds the verdicts up into n_verdicts[YS_VERDICT_COUNT]. */
void ys_judgement_count(const ys_judgement *j, size_t *n_verdicts);

#endif
