/*
 * stats.h — the statistics of docs/statistics.md, computed with GSL only.
 *
 * Pure functions over arrays; no I/O. Bootstrap resampling uses
 * gsl_rng_mt19937 seeded explicitly, so the same inputs and seed always give
 * the same outputs, bit for bit.
 */
#ifndef YS_STATS_H
#define YS_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "../core/model.h"

/* How ys_stats_analyze resamples. */
typedef struct ys_stats_config {
  size_t resamples;  /* bootstrap replicates B */
  double confidence; /* e.g. 0.95 */
  uint64_t seed;     /* seeds gsl_rng_mt19937 */
} ys_stats_config;

/* Defaults: B chosen by measurement (see stats.c), confidence 0.95. */
ys_stats_config ys_stats_config_default(uint64_t seed);

/* Least squares through the origin of y on x (gsl_fit_mul). Writes the
 * slope and, when r_squared is not NULL, R² = 1 − sumsq/Σ(y−ȳ)² (1 when y is
 * constant and the fit is exact). n >= 1. */
double ys_stats_slope(const double *x, const double *y, size_t n,
                      double *r_squared);

/* Tukey's fences and classes over `sorted` (ascending, n >= 1), quartiles by
 * linear interpolation at rank p(n−1); strict comparisons. */
void ys_stats_outliers(const double *sorted, size_t n, ys_outliers *out);

/* Percentile interval of `replicates` (n >= 1, sorted in place): the
 * (1−c)/2 and (1+c)/2 quantiles. */
void ys_stats_percentile_ci(double *replicates, size_t n, double confidence,
                            double *lo, double *hi);

/* The point estimate of one round: the slope of value on iterations when
 * `linear`, else the mean of value/iterations. */
double ys_stats_round_estimate(const ys_sample *samples, size_t n, bool linear);

/* Fills every series->rounds[i].estimate, then series->analysis from
 * series->samples and series->rounds (both non-empty): estimates with
 * bootstrap CIs, R², outliers, autocorrelation, round figures and warning
 * bits (YS_WARN_FEW_ITERATIONS and YS_WARN_SHORT_SAMPLES, which only the
 * runner can know, and suggested_sample_size are kept as they were).
 * Returns 0, YS_EINVAL for an empty or inconsistent series or config (the
 * series is then untouched), or YS_ENOMEM. */
int ys_stats_analyze(ys_series *series, const ys_stats_config *cfg);

#endif
