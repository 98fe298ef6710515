/*
 * ratio.h — each group member against its group's reference: the primary
 * metric per iteration of the member over the reference's, with a
 * bootstrap interval over rounds (docs/statistics.md, "Ratios within a
 * group").
 */
#ifndef YS_RATIO_H
#define YS_RATIO_H

#include <stddef.h>
#include <stdint.h>

#include "../core/model.h"

/* How ys_ratio_fill resamples. */
typedef struct ys_ratio_config {
  size_t resamples;  /* bootstrap replicates; 0: the interval is the point */
  double confidence; /* e.g. 0.95 */
  uint64_t seed;     /* seeds gsl_rng_mt19937, folded as in stats.c */
} ys_ratio_config;

/* Defaults: 2000 replicates (as the gate's interval), 95 %. */
ys_ratio_config ys_ratio_config_default(uint64_t seed);

/* The ratio of one member to its reference, from their primary series'
 * round estimates (filled by ys_stats_analyze). Round r of the member is
 * paired with round r of the reference (the runner measured them back to
 * back, run/group_order.h); rounds beyond the shorter side are left out.
 * The point is the median of the pairs' ratios; the interval the
 * percentile interval of that median over resampled pairs, widened to
 * contain the point; for exact series it is the point. Sets out->status
 * to YS_RATIO_NOT_MEASURED when either side is not OK or has no rounds,
 * YS_RATIO_ZERO_REFERENCE when a reference round measured 0 or less.
 * Returns 0 or YS_ENOMEM. */
int ys_ratio_compute(const ys_bench_result *member,
                     const ys_bench_result *reference,
                     const ys_ratio_config *cfg, ys_group_ratio *out);

/* Fills the ratio of every result of `run` that is in a group: the
 * reference itself gets YS_RATIO_NONE, a member whose reference instance
 * is not in `run` YS_RATIO_NO_REFERENCE, the others ys_ratio_compute's.
 * Results outside groups get YS_RATIO_NONE. Returns 0 or YS_ENOMEM. */
int ys_ratio_fill(ys_run_result *run, const ys_ratio_config *cfg);

#endif
