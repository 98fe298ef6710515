/*
 * compare_fixture.h — fixtures shared by the tests of gate/compare.c
 * (test_compare.c, test_compare_cpu_time.c, test_compare_counts.c):
 * benchmark results built from given round estimates, and the comparison
 * of two of them.
 */
#ifndef YS_TEST_COMPARE_FIXTURE_H
#define YS_TEST_COMPARE_FIXTURE_H

#include <stddef.h>

#include "core/model.h"

#define YS_TEST_MAX_ROUNDS 32

/* One benchmark result whose primary series has the given round estimates
 * (the comparison reads nothing else). Points into itself: do not copy. */
typedef struct ys_test_fixture {
  ys_bench_result res;
  ys_series series;
  ys_round rounds[YS_TEST_MAX_ROUNDS];
} ys_test_fixture;

/* perf's instruction count: a count, but not exact (noisy). */
extern const ys_metric YS_TEST_PERF_IR;

/* Ten distinct round estimates around 100 ns, as a quiet machine gives. */
extern const double YS_TEST_BASE10[10];

/* YS_TEST_BASE10's lower quartile: sorted 100, 100.2, 100.4, 100.6, ...,
 * position (10 − 1) × 0.25 = 2.25 lies a quarter of the way from 100.4 to
 * 100.6. */
#define YS_TEST_BASE10_Q25 100.45

/* Fills *f as benchmark "sort/1024" whose only series measures `m` with
 * `n` (at most YS_TEST_MAX_ROUNDS) linear rounds of the given estimates,
 * and the share of noisy rounds the analysis would leave: those more than
 * 5 % above the fastest. */
void ys_test_build_metric(ys_test_fixture *f, const ys_metric *m,
                          const double *estimates, size_t n);

/* ys_test_build_metric on wall time ("time", ns). */
void ys_test_build_time(ys_test_fixture *f, const double *estimates, size_t n);

/* ys_test_build_metric on callgrind's exact instruction count. */
void ys_test_build_exact(ys_test_fixture *f, const double *estimates, size_t n);

/* to[i] = from[i] × factor for the n values. */
void ys_test_scaled(double *to, const double *from, size_t n, double factor);

/* ys_compare_bench of base and cur (either NULL for none) with the default
 * settings and seed 42; fails the test unless it succeeds. */
ys_comparison ys_test_compare(const ys_test_fixture *base,
                              const ys_test_fixture *cur);

#endif
