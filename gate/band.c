/*
 * band.c — noise bands (band.h, docs/statistics.md §3.1).
 */
#include "band.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "../core/policy.h"

double ys_band_width(const double *estimates, size_t n) {
  if (estimates == NULL || n < YS_POLICY_BAND_MIN_RUNS) return NAN;
  double *sorted = malloc(n * sizeof(*sorted));
  if (sorted == NULL) return NAN;
  memcpy(sorted, estimates, n * sizeof(*sorted));
  gsl_sort(sorted, 1, n);
  double median = gsl_stats_median_from_sorted_data(sorted, 1, n);
  double width = (sorted[n - 1] - sorted[0]) / median;
  free(sorted);
  return median > 0.0 && isfinite(width) ? width : NAN;
}

const ys_band *ys_band_find(const ys_band_table *t,
                            const ys_bench_result *res) {
  /* Exact counts do not vary from run to run: their history's spread
   * comes from code changes, never from noise. */
  if (t == NULL || res == NULL || res->n_series == 0 ||
      res->series[0].metric == NULL || res->series[0].exact)
    return NULL;
  for (size_t i = 0; i < t->n; i++)
    if (strcmp(t->bands[i].name, res->name) == 0)
      return strcmp(t->bands[i].metric, res->series[0].metric) == 0
                 ? &t->bands[i]
                 : NULL;
  return NULL;
}

void ys_band_widen(const ys_band *band, ys_compare_config *cfg) {
  if (band != NULL && isfinite(band->width) && band->width > cfg->threshold)
    cfg->threshold = band->width;
}

void ys_band_note(const ys_band *band, ys_comparison *cmp) {
  cmp->band_checked = true;
  cmp->band = NAN;
  cmp->band_runs = band != NULL ? band->runs : 0;
  if (band != NULL && !cmp->exact) cmp->band = band->width;
}

void ys_band_table_free(ys_band_table *t) {
  if (t == NULL) return;
  free(t->bands);
  memset(t, 0, sizeof(*t));
}
