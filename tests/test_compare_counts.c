/*
 * test_compare_counts.c — gate/compare.c where no statistics decide:
 * exact counts, judged by the threshold alone, and benchmarks on one side
 * only (new, missing) or without a primary series (not compared).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gate/compare.h"
#include "core/model.h"
#include "core/policy.h"
#include "tests/support/compare_fixture.h"
#include "tests/test_support.h"

#define TIGHT 1e-12

/* ---- Deterministic counts --------------------------------------------- */

static void test_counts_threshold_alone(void **state) {
  (void)state;
  const double b[3] = {1000000, 1000000, 1000000};
  const double up6[3] = {1060000, 1060000, 1060000};
  const double up5[3] = {1050000, 1050000, 1050000};
  const double up4[3] = {1040000, 1040000, 1040000};
  const double down6[3] = {940000, 940000, 940000};
  ys_test_fixture base, cur;
  ys_test_build_exact(&base, b, 3);

  ys_test_build_exact(&cur, up6, 3);
  ys_comparison c = ys_test_compare(&base, &cur);
  assert_true(c.exact);
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);
  assert_close(c.change, 0.06, TIGHT);
  assert_true(isnan(c.p_value));
  assert_close(c.change_ci.point, c.change, 0.0);
  assert_close(c.change_ci.lo, c.change, 0.0);
  assert_close(c.change_ci.hi, c.change, 0.0);

  ys_test_build_exact(&cur, up5, 3);
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);

  ys_test_build_exact(&cur, up4, 3);
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
  assert_close(c.change, 0.04, TIGHT);

  ys_test_build_exact(&cur, down6, 3);
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_IMPROVED);

  /* Exact counts need no second round. */
  ys_test_build_exact(&base, b, 1);
  ys_test_build_exact(&cur, up6, 1);
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);
}

/* A count that stayed at zero has not changed (0 / 0 would be NaN). */
static void test_counts_zero_unchanged(void **state) {
  (void)state;
  const double zero[2] = {0, 0}, two[2] = {2, 2};
  ys_test_fixture base, cur;
  ys_test_build_exact(&base, zero, 2);
  ys_test_build_exact(&cur, zero, 2);
  ys_comparison c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
  assert_close(c.change, 0.0, 0.0);

  ys_test_build_exact(&cur, two, 2);
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);
}

/* ---- Nothing to compare ----------------------------------------------- */

static void test_new_and_missing(void **state) {
  (void)state;
  ys_test_fixture f;
  ys_test_build_time(&f, YS_TEST_BASE10, 10);

  ys_comparison c = ys_test_compare(NULL, &f);
  assert_int_equal(c.verdict, YS_VERDICT_NEW);
  assert_string_equal(c.metric, "time");
  assert_int_equal(c.new_rounds, 10);
  assert_close(c.new_estimate, YS_TEST_BASE10_Q25, TIGHT);
  assert_int_equal(c.base_rounds, 0);
  assert_true(isnan(c.base_estimate));
  assert_true(isnan(c.change));
  assert_true(isnan(c.p_value));
  assert_close(c.threshold, 0.05, 0.0);

  c = ys_test_compare(&f, NULL);
  assert_int_equal(c.verdict, YS_VERDICT_MISSING);
  assert_int_equal(c.base_rounds, 10);
  assert_close(c.base_median, 100.85, TIGHT);
  assert_int_equal(c.new_rounds, 0);
  assert_true(isnan(c.new_estimate));
  assert_true(isnan(c.change));
}

static void test_not_compared(void **state) {
  (void)state;
  ys_test_fixture base, cur;
  ys_test_build_time(&base, YS_TEST_BASE10, 10);

  /* Failed on the new side. */
  ys_test_build_time(&cur, YS_TEST_BASE10, 10);
  cur.res.status = YS_BENCH_FAILED;
  ys_comparison c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_NOT_COMPARED);
  assert_int_equal(c.base_rounds, 10);
  assert_close(c.base_estimate, YS_TEST_BASE10_Q25, TIGHT);
  assert_int_equal(c.new_rounds, 0);
  assert_true(isnan(c.new_estimate));
  assert_true(isnan(c.change));

  /* Skipped in the baseline. */
  ys_test_build_time(&cur, YS_TEST_BASE10, 10);
  base.res.status = YS_BENCH_SKIPPED;
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_NOT_COMPARED);
  assert_int_equal(c.new_rounds, 10);
  assert_true(isnan(c.base_estimate));

  /* No rounds. */
  ys_test_build_time(&base, YS_TEST_BASE10, 0);
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_NOT_COMPARED);

  /* Different primary metric, or unit. */
  ys_test_build_time(&base, YS_TEST_BASE10, 10);
  ys_test_build_exact(&cur, YS_TEST_BASE10, 10);
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_NOT_COMPARED);
  assert_string_equal(c.metric, "instructions");
  assert_true(isnan(c.change));
  ys_test_build_metric(&cur, &(ys_metric){"time", "us", YS_METRIC_TIME, false},
                       YS_TEST_BASE10, 10);
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_NOT_COMPARED);
  /* The same name and unit, but exact on one side only. */
  ys_test_build_metric(&base, &YS_TEST_PERF_IR, YS_TEST_BASE10, 10);
  ys_test_build_exact(&cur, YS_TEST_BASE10, 10);
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_NOT_COMPARED);

  /* A time of 0 on the baseline's side (all-zero samples from a broken
   * worker): no ratio means anything. */
  const double zeros[3] = {0, 0, 0};
  ys_test_build_time(&base, zeros, 3);
  ys_test_build_time(&cur, YS_TEST_BASE10, 10);
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_NOT_COMPARED);
  assert_true(isnan(c.change));

  /* No series at all. */
  ys_test_build_time(&cur, YS_TEST_BASE10, 10);
  base.res.n_series = 0;
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_NOT_COMPARED);
  assert_int_equal(c.base_rounds, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_counts_threshold_alone),
      cmocka_unit_test(test_counts_zero_unchanged),
      cmocka_unit_test(test_new_and_missing),
      cmocka_unit_test(test_not_compared),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
