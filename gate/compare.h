/*
 * compare.h — did it change? One benchmark's new rounds against its
 * baseline rounds, decided as docs/statistics.md §3 says: the change of the
 * lower quartile of round estimates and its bootstrap interval decide
 * between regressed, improved, unchanged and inconclusive; the one-sided
 * Mann-Whitney p is reported as evidence.
 */
#ifndef YS_COMPARE_H
#define YS_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/model.h"

typedef struct ys_compare_config {
  double threshold;  /* fraction, e.g. 0.05 */
  size_t resamples;  /* bootstrap replicates of the change CI */
  double confidence; /* e.g. 0.95 */
  uint64_t seed;
} ys_compare_config;

ys_compare_config ys_compare_config_default(uint64_t seed);

/* Whether a benchmark's two sides were measured with different settings
 * of its own (BENCH_WITH and the other _WITH forms; a baseline keeps them,
 * docs/baselines.md): a different set of own settings, or a different
 * value of one. A comparison of such sides mixes settings, which a report
 * should say; the settings of the run (not own) do not count. Pure. */
bool ys_compare_settings_differ(const ys_bench_settings *base,
                                const ys_bench_settings *current);

/* Compares the primary series (series[0]) of `current` against `base`;
 * either may be NULL (→ "missing" / "new"). A benchmark that is not OK on
 * either side, or whose primary metrics differ, is "not compared". The
 * series must have been analysed (round estimates filled). Fills *out.
 * Returns 0 or YS_ENOMEM. */
int ys_compare_bench(const ys_bench_result *base,
                     const ys_bench_result *current,
                     const ys_compare_config *cfg, ys_comparison *out);

/* Compares the series named `metric` (borrowed) of `current` against the
 * same series of `base` (both borrowed, non-NULL) by the rule of the
 * primary metric under cfg->threshold (NULL: the defaults). With
 * `higher_is_better`, a fall beyond the threshold is the regression and a
 * rise the improvement. A side without that series, or not OK, leaves the
 * metric "not compared". out->metric is `metric`, which must outlive *out
 * (a series' name, static storage); out->gated is false.
 * Returns 0 or YS_ENOMEM. */
int ys_compare_metric(const ys_bench_result *base,
                      const ys_bench_result *current, const char *metric,
                      bool higher_is_better, const ys_compare_config *cfg,
                      ys_metric_comparison *out);

/* Exact one-sided Mann-Whitney p-value that `b` tends to be larger than
 * `a` (P(U_a <= observed) under H0, ties averaged) for small samples, the
 * normal approximation with continuity and tie correction for large ones.
 * docs/statistics.md's oracle O6. Returns NaN for empty input. */
double ys_compare_mann_whitney_greater(const double *a, size_t na,
                                       const double *b, size_t nb);

/* The same p by the normal approximation alone (continuity and tie
 * correction), whatever the sample sizes: the large-sample path of
 * ys_compare_mann_whitney_greater, callable on its own so that it can be
 * checked against O6. Returns NaN for empty input. */
double ys_compare_mann_whitney_greater_normal(const double *a, size_t na,
                                              const double *b, size_t nb);

#endif
