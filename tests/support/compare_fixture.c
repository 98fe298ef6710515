/*
 * compare_fixture.c — what the tests of gate/compare.c share
 * (compare_fixture.h): results built by hand from their round estimates,
 * the collectors' metrics, and the comparison with the default settings.
 */
#include "compare_fixture.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gate/compare.h"

void ys_test_build_metric(ys_test_fixture *f, const ys_metric *m,
                          const double *estimates, size_t n) {
  assert_true(n <= YS_TEST_MAX_ROUNDS);
  memset(f, 0, sizeof(*f));
  strcpy(f->res.name, "sort/1024");
  f->res.status = YS_BENCH_OK;
  f->res.series = &f->series;
  f->res.n_series = 1;
  f->series.metric = m->name;
  f->series.unit = m->unit;
  f->series.kind = m->kind;
  f->series.exact = m->exact;
  f->series.rounds = f->rounds;
  f->series.n_rounds = n;
  double fastest = n > 0 ? estimates[0] : 0.0;
  for (size_t i = 0; i < n; i++) {
    f->rounds[i].first_sample = i * 10;
    f->rounds[i].n_samples = 10;
    f->rounds[i].linear = true;
    f->rounds[i].estimate = estimates[i];
    fastest = fmin(fastest, estimates[i]);
  }
  /* The share of noisy rounds, as the analysis leaves it for the
   * comparison: rounds more than 5 % above the fastest. */
  size_t noisy = 0;
  for (size_t i = 0; i < n; i++)
    noisy += estimates[i] > 1.05 * fastest;
  f->series.analysis.noisy_round_share = n > 0 ? (double)noisy / (double)n : 0;
}

/* The metrics the collectors measure: wall time, callgrind's exact
 * instruction count, and perf's noisy one. */
static const ys_metric WALL_TIME = {"time", "ns", YS_METRIC_TIME, false};
static const ys_metric CALLGRIND_IR = {"instructions", "instructions",
                                       YS_METRIC_COUNT, true};
const ys_metric YS_TEST_PERF_IR = {"instructions", "events", YS_METRIC_COUNT,
                                   false};

void ys_test_build_time(ys_test_fixture *f, const double *estimates, size_t n) {
  ys_test_build_metric(f, &WALL_TIME, estimates, n);
}

void ys_test_build_exact(ys_test_fixture *f, const double *estimates,
                         size_t n) {
  ys_test_build_metric(f, &CALLGRIND_IR, estimates, n);
}

/* Ten distinct round estimates around 100 ns, as a quiet machine gives. */
const double YS_TEST_BASE10[10] = {100.0, 100.4, 100.9, 101.3, 100.2,
                                   101.7, 100.6, 102.0, 101.1, 100.8};

void ys_test_scaled(double *to, const double *from, size_t n, double factor) {
  for (size_t i = 0; i < n; i++)
    to[i] = from[i] * factor;
}

ys_comparison ys_test_compare(const ys_test_fixture *base,
                              const ys_test_fixture *cur) {
  ys_compare_config cfg = ys_compare_config_default(42);
  ys_comparison out;
  assert_int_equal(ys_compare_bench(base ? &base->res : NULL,
                                    cur ? &cur->res : NULL, &cfg, &out),
                   0);
  return out;
}
