/*
 * latency.c — percentiles of iteration times and their bootstrap
 * intervals (latency.h; docs/statistics.md §7).
 *
 * A percentile bootstrap resamples the n kept times with replacement and
 * takes the percentile of each resample. Only two order statistics of a
 * resample enter a type-7 percentile, and those can be drawn directly: a
 * resample is n indices drawn uniformly, ceil(n·U) for uniform U, so its
 * j-th smallest value is x_(ceil(n·U_(j))) where U_(j), the j-th smallest
 * of n uniforms, is Beta(j, n − j + 1); and given U_(j), the next one is
 * U_(j) + (1 − U_(j))·Beta(1, n − j). Two gsl_ran_beta draws per replicate
 * then give exactly the bootstrap distribution of the percentile that
 * drawing all n values would, in constant time instead of O(n): 2000
 * replicates of 100 000 times would otherwise draw 2·10^8 numbers per
 * percentile.
 */
#include "latency.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "../core/error.h"

const double ys_latency_probability[YS_LATENCY_QUANTILES] = {0.5, 0.9, 0.99,
                                                             0.999};
const char *const ys_latency_label[YS_LATENCY_QUANTILES] = {"p50", "p90", "p99",
                                                            "p99.9"};
const char *const ys_latency_series_name[YS_LATENCY_SERIES] = {
    "latency_p50", "latency_p90", "latency_p99", "latency_p99.9",
    "latency_max"};

size_t ys_latency_min_samples(double p) {
  /* The small margin keeps 1/(1 − 0.999), 1000.0000000000009 in doubles,
   * from rounding up to 1001. */
  return (size_t)ceil(1.0 / (1.0 - p) - 1e-6);
}

double ys_latency_quantile(const double *sorted, size_t n, double p) {
  return gsl_stats_quantile_from_sorted_data(sorted, 1, n, p);
}

/* The same folding of a 64-bit seed into mt19937's 32-bit one as stats.c
 * (docs/statistics.md §2). */
static unsigned long rng_seed(uint64_t seed) {
  return (unsigned long)((seed ^ (seed >> 32)) & 0xffffffffu);
}

/* The value of sorted[0..n) at the index a uniform u in (0, 1) draws:
 * ceil(n·u), 1-based. */
static double drawn(const double *sorted, size_t n, double u) {
  double k = ceil((double)n * u);
  if (k < 1) k = 1;
  if (k > (double)n) k = (double)n;
  return sorted[(size_t)k - 1];
}

/* One bootstrap replicate of the type-7 percentile p of a resample of
 * sorted[0..n) (see the top of the file). */
static double replicate(gsl_rng *rng, const double *sorted, size_t n,
                        double p) {
  if (n == 1) return sorted[0];
  double h = (double)(n - 1) * p;
  size_t j = (size_t)floor(h) + 1; /* 1-based rank of the lower statistic */
  double frac = h - floor(h);
  double u = gsl_ran_beta(rng, (double)j, (double)(n - j + 1));
  double lower = drawn(sorted, n, u);
  if (j >= n || frac == 0) return lower;
  double next = u + (1.0 - u) * gsl_ran_beta(rng, 1.0, (double)(n - j));
  double upper = drawn(sorted, n, next);
  return lower + frac * (upper - lower);
}

int ys_latency_analyze(ys_latency *l, const ys_stats_config *cfg) {
  size_t n = l->kept;
  if (n == 0 || l->samples == NULL) return 0;
  gsl_sort(l->samples, 1, n);
  size_t b = cfg->resamples > 0 ? cfg->resamples : 1;
  double *reps = malloc(b * sizeof(*reps));
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (reps == NULL || rng == NULL) {
    free(reps);
    gsl_rng_free(rng);
    return YS_ENOMEM;
  }
  gsl_rng_set(rng, rng_seed(cfg->seed));
  for (size_t q = 0; q < YS_LATENCY_QUANTILES; q++) {
    double p = ys_latency_probability[q];
    ys_estimate *e = &l->pct[q];
    l->has_pct[q] = n >= ys_latency_min_samples(p);
    e->point = ys_latency_quantile(l->samples, n, p);
    for (size_t r = 0; r < b; r++)
      reps[r] = replicate(rng, l->samples, n, p);
    ys_stats_percentile_ci(reps, b, cfg->confidence, &e->lo, &e->hi);
    /* No report may show a point outside its own interval. */
    if (e->lo > e->point) e->lo = e->point;
    if (e->hi < e->point) e->hi = e->point;
  }
  l->max = l->samples[n - 1];
  free(reps);
  gsl_rng_free(rng);
  return 0;
}
