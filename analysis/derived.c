#include "derived.h"

#include <string.h>

static const struct {
  const char *name;
  const char *label;
  const char *numerator;
  const char *denominator;
  bool percent;
} ratios[YS_DERIVED_MAX] = {
    {"ipc", "IPC", "instructions", "cycles", false},
    {"branch_miss_rate", "branch misses", "branch-misses", "branches", true},
    {"cache_miss_rate", "cache misses", "cache-misses", "cache-references",
     true},
};

static const ys_series *find_series(const ys_bench_result *res,
                                    const char *metric) {
  for (size_t i = 0; i < res->n_series; i++)
    if (res->series[i].metric != NULL &&
        strcmp(res->series[i].metric, metric) == 0)
      return &res->series[i];
  return NULL;
}

size_t ys_derived_ratios(const ys_bench_result *res,
                         ys_derived out[YS_DERIVED_MAX]) {
  size_t n = 0;
  for (size_t i = 0; i < YS_DERIVED_MAX; i++) {
    const ys_series *num = find_series(res, ratios[i].numerator);
    const ys_series *den = find_series(res, ratios[i].denominator);
    if (num == NULL || den == NULL || num->n_rounds == 0 || den->n_rounds == 0)
      continue;
    double d = ys_analysis_headline(&den->analysis)->point;
    if (!(d > 0)) continue;
    out[n++] = (ys_derived){ratios[i].name, ratios[i].label, ratios[i].percent,
                            ys_analysis_headline(&num->analysis)->point / d};
  }
  return n;
}
