/*
 * latency.h — the percentiles of latency mode (docs/statistics.md §7):
 * p50, p90, p99 and p99.9 of the iteration times latency mode kept, each
 * with a percentile bootstrap interval, and the slowest time.
 *
 * Pure functions over arrays; no I/O. The bootstrap uses gsl_rng_mt19937
 * seeded explicitly (folded as in stats.c), so the same times and seed give
 * the same intervals, bit for bit.
 */
#ifndef YS_ANALYSIS_LATENCY_H
#define YS_ANALYSIS_LATENCY_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/model.h"
#include "stats.h"

/* The probabilities of the percentiles, in ys_latency.pct's order:
 * 0.5, 0.9, 0.99, 0.999. */
extern const double ys_latency_probability[YS_LATENCY_QUANTILES];

/* Their names in reports: "p50", "p90", "p99", "p99.9". */
extern const char *const ys_latency_label[YS_LATENCY_QUANTILES];

/* The series latency mode adds to a result, one per percentile and one
 * for the slowest iteration: "latency_p50", "latency_p90", "latency_p99",
 * "latency_p99.9", "latency_max" (the names --gate takes). */
#define YS_LATENCY_SERIES (YS_LATENCY_QUANTILES + 1)
extern const char *const ys_latency_series_name[YS_LATENCY_SERIES];

/* How many times a percentile of probability p needs before it is
 * reported: 1/(1 − p), rounded up (2, 10, 100, 1000). With fewer, not even
 * one time lies above it, and it is the maximum under another name. */
size_t ys_latency_min_samples(double p);

/* The percentile of probability p (0..1) of `sorted` (ascending, n >= 1):
 * linear interpolation between the order statistics at rank p(n − 1),
 * Hyndman and Fan's type 7 (R's default, numpy's "linear"); GSL's
 * gsl_stats_quantile_from_sorted_data. */
double ys_latency_quantile(const double *sorted, size_t n, double p);

/*
 * Fills l->pct, l->has_pct and l->max from l->samples[0..l->kept), which
 * it sorts in place: each percentile reported (has_pct) from
 * ys_latency_min_samples times on, with a percentile bootstrap interval of
 * cfg->resamples replicates at cfg->confidence, widened if need be to
 * contain the point. Nothing is filled when kept is 0. Returns 0, or
 * YS_ENOMEM (l unchanged but for the sort).
 */
int ys_latency_analyze(ys_latency *l, const ys_stats_config *cfg);

#endif
