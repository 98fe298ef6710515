#include "ratio.h"

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "stats.h"

ys_ratio_config ys_ratio_config_default(uint64_t seed) {
  return (ys_ratio_config){.resamples = 2000, .confidence = 0.95, .seed = seed};
}

/* The same folding of a 64-bit seed into mt19937's 32-bit one as
 * analysis/stats.c, so a seed means the same stream everywhere. */
static unsigned long rng_seed(uint64_t seed) {
  return (unsigned long)((seed ^ (seed >> 32)) & 0xffffffffu);
}

/* Whether a result has rounds to pair. */
static bool measured(const ys_bench_result *res) {
  return res->status == YS_BENCH_OK && res->n_series > 0 &&
         res->series[0].n_rounds > 0;
}

/* The median of n values, sorted in place. */
static double median_of(double *values, size_t n) {
  gsl_sort(values, 1, n);
  return gsl_stats_median_from_sorted_data(values, 1, n);
}

/* Percentile bootstrap of the median of the n pair ratios: each replicate
 * draws n pairs with replacement. Pairs are drawn whole, so a slow episode
 * that hit both sides of a pair stays cancelled in every replicate. */
static int bootstrap(const double *ratios, size_t n, const ys_ratio_config *cfg,
                     ys_estimate *est) {
  double *reps = malloc(cfg->resamples * sizeof(*reps));
  double *draw = malloc(n * sizeof(*draw));
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  int rc = YS_ENOMEM;
  if (reps == NULL || draw == NULL || rng == NULL) goto out;
  gsl_rng_set(rng, rng_seed(cfg->seed));
  for (size_t r = 0; r < cfg->resamples; r++) {
    for (size_t i = 0; i < n; i++)
      draw[i] = ratios[gsl_rng_uniform_int(rng, (unsigned long)n)];
    reps[r] = median_of(draw, n);
  }
  ys_stats_percentile_ci(reps, cfg->resamples, cfg->confidence, &est->lo,
                         &est->hi);
  /* A skewed bootstrap distribution can leave the point just outside; a
   * report must never show a ratio outside its own interval. */
  est->lo = fmin(est->lo, est->point);
  est->hi = fmax(est->hi, est->point);
  rc = 0;
out:
  if (rng != NULL) gsl_rng_free(rng);
  free(draw);
  free(reps);
  return rc;
}

int ys_ratio_compute(const ys_bench_result *member,
                     const ys_bench_result *reference,
                     const ys_ratio_config *cfg, ys_group_ratio *out) {
  memset(out, 0, sizeof(*out));
  if (!measured(member) || !measured(reference)) {
    out->status = YS_RATIO_NOT_MEASURED;
    return 0;
  }
  const ys_series *m = &member->series[0], *r = &reference->series[0];
  size_t n = m->n_rounds < r->n_rounds ? m->n_rounds : r->n_rounds;
  double *ratios = malloc(n * sizeof(*ratios));
  if (ratios == NULL) return YS_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    double denominator = r->rounds[i].estimate;
    if (!(denominator > 0)) {
      free(ratios);
      out->status = YS_RATIO_ZERO_REFERENCE;
      return 0;
    }
    ratios[i] = m->rounds[i].estimate / denominator;
  }
  out->status = YS_RATIO_OK;
  out->pairs = n;
  /* The bootstrap sorts its draws, never the ratios it draws from. */
  double *sorted = malloc(n * sizeof(*sorted));
  if (sorted == NULL) {
    free(ratios);
    return YS_ENOMEM;
  }
  memcpy(sorted, ratios, n * sizeof(*sorted));
  out->ratio.point = median_of(sorted, n);
  free(sorted);
  out->ratio.lo = out->ratio.hi = out->ratio.point;
  int rc = 0;
  bool exact = m->exact && r->exact;
  /* One pair of noisy rounds is one draw: it bounds nothing, and an
   * interval of zero width would read as an exact ratio. */
  if (!exact && n < 2) out->ratio.lo = out->ratio.hi = NAN;
  if (!exact && n > 1 && cfg->resamples > 0 && cfg->confidence >= 0.0 &&
      cfg->confidence <= 1.0)
    rc = bootstrap(ratios, n, cfg, &out->ratio);
  free(ratios);
  return rc;
}

/* The result named `name` in run, or NULL. */
static const ys_bench_result *find(const ys_run_result *run, const char *name) {
  for (size_t i = 0; i < run->n_benches; i++)
    if (strcmp(run->benches[i].name, name) == 0) return &run->benches[i];
  return NULL;
}

int ys_ratio_fill(ys_run_result *run, const ys_ratio_config *cfg) {
  for (size_t i = 0; i < run->n_benches; i++) {
    ys_bench_result *res = &run->benches[i];
    memset(&res->ratio, 0, sizeof(res->ratio));
    if (res->group[0] == '\0' || res->group_reference[0] == '\0' ||
        strcmp(res->group_reference, res->name) == 0)
      continue;
    const ys_bench_result *ref = find(run, res->group_reference);
    if (ref == NULL) {
      res->ratio.status = YS_RATIO_NO_REFERENCE;
      continue;
    }
    int rc = ys_ratio_compute(res, ref, cfg, &res->ratio);
    if (rc != 0) return rc;
  }
  return 0;
}
