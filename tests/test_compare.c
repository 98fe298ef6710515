/*
 * test_compare.c — gate/compare.c: the Mann-Whitney p against oracle
 * O6 of docs/statistics.md §4 and against values computed independently with
 * scipy 1.10 (scipy.stats.mannwhitneyu), and every verdict of §3 on
 * hand-built results whose round estimates are given. The verdicts on a
 * shared CPU are in test_compare_cpu_time.c, those on exact counts and
 * on one side only in test_compare_counts.c; the fixtures they share are
 * in tests/support/compare_fixture.c.
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

/* ---- Mann-Whitney ------------------------------------------------------ */

static const double O6_A[7] = {1.10, 1.12, 1.05, 1.08, 1.11, 1.07, 1.09};
static const double O6_B[7] = {1.15, 1.13, 1.18, 1.16, 1.14, 1.19, 1.06};

static void test_mw_o6_exact(void **state) {
  (void)state;
  double p = ys_compare_mann_whitney_greater(O6_A, 7, O6_B, 7);
  assert_close(p, 0.00874125874125874, TIGHT);
  assert_close(2.0 * p, 0.01748251748251748, TIGHT);
  /* The other way round, B is not larger: P(U_B <= 43) = 1 − P(U_A <= 5). */
  double q = ys_compare_mann_whitney_greater(O6_B, 7, O6_A, 7);
  assert_true(q > 0.99);
}

static void test_mw_o6_normal(void **state) {
  (void)state;
  double p = ys_compare_mann_whitney_greater_normal(O6_A, 7, O6_B, 7);
  assert_close(2.0 * p, 0.021450733686322058, TIGHT);
  assert_close(p, 0.010725366843161029, TIGHT);
}

/* With n = m and every b above every a, p is 1 / C(2n, n), the smallest
 * a one-sided exact test can give (docs/statistics.md §3). */
static void test_mw_minimum_exact_p(void **state) {
  (void)state;
  const double expected[] = {0.05, 1.0 / 70.0, 1.0 / 252.0};
  for (size_t n = 3; n <= 5; n++) {
    double a[5], b[5];
    for (size_t i = 0; i < n; i++) {
      a[i] = (double)(i + 1);
      b[i] = (double)(n + i + 1);
    }
    assert_close(ys_compare_mann_whitney_greater(a, n, b, n), expected[n - 3],
                 TIGHT);
  }
  assert_close(1.0 / 252.0, 0.003968253968253968, TIGHT);
}

static void test_mw_no_evidence(void **state) {
  (void)state;
  /* b entirely below a: U_A is its maximum, so P(U_A <= max) = 1. */
  double a[4] = {10, 11, 12, 13}, b[4] = {1, 2, 3, 4};
  assert_close(ys_compare_mann_whitney_greater(a, 4, b, 4), 1.0, TIGHT);
  /* Identical samples: every pair tied, U at its mean; scipy gives
   * 0.5327158854353529 for [1,2,2,3,4,5] against itself. */
  double c[6] = {1, 2, 2, 3, 4, 5};
  double p = ys_compare_mann_whitney_greater(c, 6, c, 6);
  assert_close(p, 0.5327158854353529, TIGHT);
  assert_true(p > 0.5);
  /* All values equal: no variance at all. */
  double k[3] = {7, 7, 7};
  assert_close(ys_compare_mann_whitney_greater(k, 3, k, 3), 1.0, TIGHT);
}

/* Ties send small samples to the normal path, tie-corrected: scipy's
 * asymptotic p for [2,3,5,6,6,7] greater than [1,2,2,3,4,5]. */
static void test_mw_ties_use_normal(void **state) {
  (void)state;
  double c[6] = {1, 2, 2, 3, 4, 5}, d[6] = {2, 3, 5, 6, 6, 7};
  double p = ys_compare_mann_whitney_greater(c, 6, d, 6);
  assert_close(p, 0.04434890728439566, TIGHT);
  assert_close(ys_compare_mann_whitney_greater_normal(c, 6, d, 6), p, 0.0);
}

/* More than 20 a side: the normal approximation (scipy: U_a = 298,
 * p = 0.09799065663388867). */
static void test_mw_large_samples(void **state) {
  (void)state;
  double a[25], b[30];
  for (int i = 0; i < 25; i++)
    a[i] = 100.0 + (double)((i * 37) % 50);
  for (int i = 0; i < 30; i++)
    b[i] = 103.5 + (double)((i * 23) % 53);
  double p = ys_compare_mann_whitney_greater(a, 25, b, 30);
  assert_close(p, 0.09799065663388867, TIGHT);
  assert_close(ys_compare_mann_whitney_greater_normal(a, 25, b, 30), p, 0.0);
}

static void test_mw_empty_is_nan(void **state) {
  (void)state;
  double a[2] = {1, 2};
  assert_true(isnan(ys_compare_mann_whitney_greater(a, 0, a, 2)));
  assert_true(isnan(ys_compare_mann_whitney_greater(a, 2, a, 0)));
  assert_true(isnan(ys_compare_mann_whitney_greater_normal(NULL, 0, a, 2)));
  double bad[2] = {1, NAN};
  assert_true(isnan(ys_compare_mann_whitney_greater(a, 2, bad, 2)));
}

/* ---- Small pieces ------------------------------------------------------ */

static void test_config_default(void **state) {
  (void)state;
  ys_compare_config cfg = ys_compare_config_default(7);
  assert_close(cfg.threshold, 0.05, 0.0);
  assert_int_equal(cfg.resamples, 2000);
  assert_close(cfg.confidence, 0.95, 0.0);
  assert_int_equal(cfg.seed, 7);
}

static void test_metric_kind_names(void **state) {
  (void)state;
  ys_metric_kind k;
  for (int i = 0; i < YS_METRIC_KIND_COUNT; i++) {
    assert_true(ys_metric_kind_parse(ys_metric_kind_name(i), &k));
    assert_int_equal(k, i);
  }
  assert_string_equal(ys_metric_kind_name(YS_METRIC_TIME), "time");
  assert_string_equal(ys_metric_kind_name(YS_METRIC_COUNT), "count");
  assert_false(ys_metric_kind_parse("ns", &k));
  assert_false(ys_metric_kind_parse("", &k));
}

/* perf's counts are counts, but not exact: a comparison of them gets the
 * statistics of a noisy metric (Mann-Whitney p, a bootstrap interval), and
 * one outlying round does not decide, as with time. */
static void test_perf_counts_get_statistics(void **state) {
  (void)state;
  double base_r[10], cur_r[10];
  for (size_t i = 0; i < 10; i++) {
    base_r[i] = 1000.0 * YS_TEST_BASE10[i];
    cur_r[i] = 1100.0 * YS_TEST_BASE10[i];
  }
  ys_test_fixture base, cur;
  ys_test_build_metric(&base, &YS_TEST_PERF_IR, base_r, 10);
  ys_test_build_metric(&cur, &YS_TEST_PERF_IR, cur_r, 10);
  ys_comparison c = ys_test_compare(&base, &cur);
  assert_false(c.exact);
  assert_int_equal(c.kind, YS_METRIC_COUNT);
  assert_false(isnan(c.p_value));
  assert_true(c.p_value < 0.05);
  assert_true(c.change_ci.lo < c.change_ci.hi);
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);

  /* The same figures as exact counts would be judged on the minimum alone,
   * without a test. */
  ys_test_build_exact(&base, base_r, 10);
  ys_test_build_exact(&cur, cur_r, 10);
  c = ys_test_compare(&base, &cur);
  assert_true(c.exact);
  assert_true(isnan(c.p_value));
}

/* ---- Verdicts on time -------------------------------------------------- */

static void test_aa_unchanged(void **state) {
  (void)state;
  ys_test_fixture base, cur;
  ys_test_build_time(&base, YS_TEST_BASE10, 10);
  ys_test_build_time(&cur, YS_TEST_BASE10, 10);
  ys_comparison c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
  assert_int_equal(c.doubt, YS_DOUBT_NONE);
  assert_string_equal(c.metric, "time");
  assert_string_equal(c.unit, "ns");
  assert_false(c.exact);
  assert_int_equal(c.base_rounds, 10);
  assert_int_equal(c.new_rounds, 10);
  assert_close(c.base_estimate, YS_TEST_BASE10_Q25, TIGHT);
  assert_close(c.new_estimate, YS_TEST_BASE10_Q25, TIGHT);
  /* Sorted: 100, 100.2, 100.4, 100.6, 100.8, 100.9, ... */
  assert_close(c.base_median, 100.85, TIGHT);
  assert_close(c.change, 0.0, 0.0);
  assert_close(c.change_ci.point, 0.0, 0.0);
  assert_close(c.threshold, 0.05, 0.0);
  assert_true(c.p_value > 0.5);
  assert_true(c.change_ci.lo <= 0.0 && c.change_ci.hi >= 0.0);
  /* Resampled quartiles stay within the rounds' 2 % spread. */
  assert_true(c.change_ci.lo > -0.02 && c.change_ci.hi < 0.02);
  assert_close(c.base_noise, 0.0, 0.0);
  assert_false(c.noisy);
  assert_false(c.remeasured);
  assert_int_equal(c.settle_rounds, 0);
}

static void test_ten_percent_slower_regressed(void **state) {
  (void)state;
  ys_test_fixture base, cur;
  double slow[10];
  ys_test_scaled(slow, YS_TEST_BASE10, 10, 1.10);
  ys_test_build_time(&base, YS_TEST_BASE10, 10);
  ys_test_build_time(&cur, slow, 10);
  ys_comparison c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);
  assert_int_equal(c.doubt, YS_DOUBT_NONE);
  assert_close(c.change, 0.10, TIGHT);
  assert_close(c.new_estimate, YS_TEST_BASE10_Q25 * 1.10, TIGHT);
  /* Every new round above every base round: p = 1 / C(20, 10). */
  assert_close(c.p_value, 5.412544112234515e-06, 1e-16);
  assert_true(c.change_ci.lo > 0.05 && c.change_ci.hi < 0.15);
}

static void test_ten_percent_faster_improved(void **state) {
  (void)state;
  ys_test_fixture base, cur;
  double fast[10];
  ys_test_scaled(fast, YS_TEST_BASE10, 10, 0.90);
  ys_test_build_time(&base, YS_TEST_BASE10, 10);
  ys_test_build_time(&cur, fast, 10);
  ys_comparison c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_IMPROVED);
  assert_close(c.change, -0.10, TIGHT);
  assert_close(c.p_value, 1.0, TIGHT);
  assert_true(c.change_ci.hi < -0.05);
}

/* The change crosses the threshold, but the rounds are spread so widely
 * that resampling them often gives no change at all: inconclusive, never
 * regressed, and the way back is the same. */
static void test_unsupported_crossing_inconclusive(void **state) {
  (void)state;
  const double base_r[10] = {100, 102, 104, 106, 108, 110, 125, 130, 140, 150};
  const double cur_r[10] = {100, 108, 114, 116, 118, 120, 125, 130, 140, 150};
  ys_test_fixture base, cur;
  ys_test_build_time(&base, base_r, 10);
  ys_test_build_time(&cur, cur_r, 10);
  ys_comparison c = ys_test_compare(&base, &cur);
  /* Quartiles 104.5 and 114.5. */
  assert_close(c.change, 114.5 / 104.5 - 1.0, TIGHT);
  assert_true(c.change > 0.05);
  assert_true(c.change_ci.lo <= 0.0);
  assert_int_equal(c.verdict, YS_VERDICT_INCONCLUSIVE);
  assert_int_equal(c.doubt, YS_DOUBT_UNSUPPORTED);
  /* More rounds would settle it, within reason. */
  assert_true(c.settle_rounds > 10 &&
              c.settle_rounds <= YS_POLICY_SETTLE_MAX_ROUNDS);

  /* The same evidence the other way round is an unsupported improvement:
   * the two directions are treated alike. */
  c = ys_test_compare(&cur, &base);
  assert_true(c.change < -0.05);
  assert_int_equal(c.verdict, YS_VERDICT_INCONCLUSIVE);
  assert_int_equal(c.doubt, YS_DOUBT_UNSUPPORTED);
}

/* No change at all, on rounds so spread that a 5 % change could not be
 * seen: inconclusive too wide, not "unchanged". Past the cap on rounds,
 * the advice is to change the setup instead. */
static void test_too_wide_inconclusive(void **state) {
  (void)state;
  const double base_r[10] = {100, 110, 120, 130, 140, 150, 160, 170, 180, 190};
  const double cur_r[10] = {190, 180, 170, 160, 150, 140, 130, 120, 110, 100};
  ys_test_fixture base, cur;
  ys_test_build_time(&base, base_r, 10);
  ys_test_build_time(&cur, cur_r, 10);
  ys_comparison c = ys_test_compare(&base, &cur);
  assert_close(c.change, 0.0, 0.0);
  assert_true(c.change_ci.lo < -0.05 && c.change_ci.hi > 0.05);
  assert_int_equal(c.verdict, YS_VERDICT_INCONCLUSIVE);
  assert_int_equal(c.doubt, YS_DOUBT_TOO_WIDE);
  /* An interval of about ±25 % must shrink five-fold: 25 times the
   * rounds, past the cap. */
  assert_int_equal(c.settle_rounds, 0);

  /* With a threshold as wide as the noise, the same rounds suffice. */
  ys_compare_config cfg = ys_compare_config_default(42);
  cfg.threshold = 0.5;
  assert_int_equal(ys_compare_bench(&base.res, &cur.res, &cfg, &c), 0);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
  assert_int_equal(c.doubt, YS_DOUBT_NONE);
}

/* One slow round (a noisy neighbour) on the new side only: the lower
 * quartile does not see it, the noise share does. */
static void test_one_noisy_round_not_regressed(void **state) {
  (void)state;
  double cur_r[10];
  memcpy(cur_r, YS_TEST_BASE10, sizeof(cur_r));
  cur_r[3] = 180.0;
  ys_test_fixture base, cur;
  ys_test_build_time(&base, YS_TEST_BASE10, 10);
  ys_test_build_time(&cur, cur_r, 10);
  ys_comparison c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
  assert_true(fabs(c.change) < 0.01);
  assert_close(c.base_noise, 0.0, 0.0);
  assert_close(c.new_noise, 0.1, TIGHT);
  assert_false(c.noisy);
}

/* One lucky fast round on either side decided the old rule; the lower
 * quartile does not move for it. */
static void test_one_fast_round_decides_nothing(void **state) {
  (void)state;
  double base_r[10];
  memcpy(base_r, YS_TEST_BASE10, sizeof(base_r));
  base_r[5] = 80.0; /* 20 % below the others */
  ys_test_fixture base, cur;
  ys_test_build_time(&base, base_r, 10);
  ys_test_build_time(&cur, YS_TEST_BASE10, 10);
  ys_comparison c = ys_test_compare(&base, &cur);
  assert_true(c.change < 0.01);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
  c = ys_test_compare(&cur, &base);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
}

/* Noisy when more than 30 % of a side's rounds ran more than 5 % above its
 * fastest, as the analysis counted them: 3 of 10 is not, 4 of 10 is. */
static void test_noisy_flag(void **state) {
  (void)state;
  double cur_r[10];
  memcpy(cur_r, YS_TEST_BASE10, sizeof(cur_r));
  cur_r[1] = 105.1; /* more than 5 % above 100 */
  cur_r[4] = 130.0;
  cur_r[6] = 150.0;
  cur_r[8] = 105.0; /* exactly 5 % above: not noisy */
  ys_test_fixture base, cur;
  ys_test_build_time(&base, YS_TEST_BASE10, 10);
  ys_test_build_time(&cur, cur_r, 10);
  ys_comparison c = ys_test_compare(&base, &cur);
  assert_close(c.new_noise, 0.3, TIGHT);
  assert_false(c.noisy);

  cur_r[9] = 140.0;
  ys_test_build_time(&cur, cur_r, 10);
  c = ys_test_compare(&base, &cur);
  assert_close(c.new_noise, 0.4, TIGHT);
  assert_true(c.noisy);
  /* Noise on the base side counts as well. */
  c = ys_test_compare(&cur, &base);
  assert_close(c.base_noise, 0.4, TIGHT);
  assert_close(c.new_noise, 0.0, 0.0);
  assert_true(c.noisy);

  /* Too few rounds to count: never called noisy (core/policy.h). */
  const double two[2] = {100.0, 150.0};
  ys_test_build_time(&cur, two, 2);
  c = ys_test_compare(&base, &cur);
  assert_close(c.new_noise, 0.5, TIGHT);
  assert_false(c.noisy);
}

/* A change exactly at the threshold does not cross it. */
static void test_threshold_boundary(void **state) {
  (void)state;
  const double base_r[3] = {4.0, 4.0, 4.0};
  const double cur_r[3] = {5.0, 5.0, 5.0};
  ys_test_fixture base, cur;
  ys_test_build_time(&base, base_r, 3);
  ys_test_build_time(&cur, cur_r, 3);
  ys_compare_config cfg = ys_compare_config_default(1);
  ys_comparison c;

  cfg.threshold = 0.25; /* 5 / 4 − 1, exactly */
  assert_int_equal(ys_compare_bench(&base.res, &cur.res, &cfg, &c), 0);
  assert_close(c.change, 0.25, 0.0);
  assert_close(c.threshold, 0.25, 0.0);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
  assert_int_equal(ys_compare_bench(&cur.res, &base.res, &cfg, &c), 0);
  assert_close(c.change, -0.2, TIGHT);
  cfg.threshold = 0.2;
  assert_int_equal(ys_compare_bench(&cur.res, &base.res, &cfg, &c), 0);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);

  cfg.threshold = 0.24;
  assert_int_equal(ys_compare_bench(&base.res, &cur.res, &cfg, &c), 0);
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);
  cfg.threshold = 0.19;
  assert_int_equal(ys_compare_bench(&cur.res, &base.res, &cfg, &c), 0);
  assert_int_equal(c.verdict, YS_VERDICT_IMPROVED);

  /* 21 / 20 is 5 % on paper and a few ulps above it in doubles. */
  const double b2[3] = {20.0, 20.0, 20.0}, c2[3] = {21.0, 21.0, 21.0};
  ys_test_build_time(&base, b2, 3);
  ys_test_build_time(&cur, c2, 3);
  cfg.threshold = 0.05;
  assert_int_equal(ys_compare_bench(&base.res, &cur.res, &cfg, &c), 0);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
}

/* The interval is that of the change shown, and contains it; the whole
 * comparison is the same, byte for byte, for the same seed. */
static void test_ci_and_determinism(void **state) {
  (void)state;
  const double base_r[8] = {100, 103, 101, 108, 102, 115, 104, 101.5};
  const double cur_r[8] = {104, 109, 106, 103, 120, 107, 105, 108};
  ys_test_fixture base, cur;
  ys_test_build_time(&base, base_r, 8);
  ys_test_build_time(&cur, cur_r, 8);
  ys_compare_config cfg = ys_compare_config_default(12345);
  ys_comparison c1, c2;
  assert_int_equal(ys_compare_bench(&base.res, &cur.res, &cfg, &c1), 0);
  assert_int_equal(ys_compare_bench(&base.res, &cur.res, &cfg, &c2), 0);
  assert_memory_equal(&c1, &c2, sizeof(c1));

  /* Sorted base 100, 101, 101.5, 102, ...: position 1.75 gives 101.375;
   * sorted new 103, 104, 105, 106, ...: 104.75. */
  assert_close(c1.base_estimate, 101.375, TIGHT);
  assert_close(c1.new_estimate, 104.75, TIGHT);
  assert_close(c1.change, 104.75 / 101.375 - 1.0, TIGHT);
  assert_close(c1.change_ci.point, c1.change, 0.0);
  assert_true(c1.change_ci.lo < c1.change);
  assert_true(c1.change_ci.hi > c1.change);
  /* Replicates are ratios of quartiles of resampled rounds: the extremes
   * are 103 / 115 − 1 and 120 / 100 − 1, which a 95 % interval stays
   * inside. */
  assert_true(c1.change_ci.lo > 103.0 / 115.0 - 1.0);
  assert_true(c1.change_ci.hi < 120.0 / 100.0 - 1.0);

  /* Another seed resamples differently. */
  cfg.seed = 999;
  assert_int_equal(ys_compare_bench(&base.res, &cur.res, &cfg, &c2), 0);
  assert_close(c2.change, c1.change, 0.0);
  assert_true(c2.change_ci.lo != c1.change_ci.lo ||
              c2.change_ci.hi != c1.change_ci.hi);

  /* No replicates asked: the interval is the point alone. */
  cfg.resamples = 0;
  assert_int_equal(ys_compare_bench(&base.res, &cur.res, &cfg, &c2), 0);
  assert_close(c2.change_ci.point, c1.change, 0.0);
  assert_close(c2.change_ci.lo, c1.change, 0.0);
  assert_close(c2.change_ci.hi, c1.change, 0.0);
}

/* A wall-clock result with its cpu_time beside it, round for round, as
 * the wall collector measures them. Points into itself: do not copy. */

static void test_point_always_inside_interval(void **state) {
  (void)state;
  ys_test_fixture base, cur;
  uint64_t x = 0x9e3779b97f4a7c15u;
  for (int trial = 0; trial < 200; trial++) {
    double b[7], n[7];
    for (size_t i = 0; i < 7; i++) {
      /* xorshift: skewed, heavy-tailed rounds of varied sizes */
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      b[i] = 100.0 + (double)(x % 1000) * (double)(x % 7) / 10.0;
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      n[i] = 100.0 + (double)(x % 1000) * (double)(x % 5) / 10.0;
    }
    ys_test_build_time(&base, b, 7);
    ys_test_build_time(&cur, n, 7);
    ys_compare_config cfg = ys_compare_config_default((uint64_t)trial);
    cfg.resamples = 200;
    ys_comparison c;
    assert_int_equal(ys_compare_bench(&base.res, &cur.res, &cfg, &c), 0);
    assert_true(c.change_ci.lo <= c.change && c.change <= c.change_ci.hi);
    if (c.verdict == YS_VERDICT_REGRESSED) assert_true(c.change_ci.lo > 0);
    if (c.verdict == YS_VERDICT_IMPROVED) assert_true(c.change_ci.hi < 0);
    if (c.verdict != YS_VERDICT_INCONCLUSIVE)
      assert_int_equal(c.doubt, YS_DOUBT_NONE);
  }
}

/* Fewer than three rounds on a side: the bootstrap has no spread to show,
 * so a crossing is inconclusive whatever its size. */
static void test_few_rounds_inconclusive(void **state) {
  (void)state;
  const double b1[1] = {100.0}, slow[1] = {110.0}, fast[1] = {90.0};
  ys_test_fixture base, cur;
  ys_test_build_time(&base, b1, 1);
  ys_test_build_time(&cur, slow, 1);
  ys_comparison c = ys_test_compare(&base, &cur);
  assert_close(c.change, 0.10, TIGHT);
  assert_close(c.p_value, 0.5, TIGHT);
  assert_int_equal(c.verdict, YS_VERDICT_INCONCLUSIVE);
  assert_int_equal(c.doubt, YS_DOUBT_FEW_ROUNDS);
  assert_true(c.settle_rounds >= YS_POLICY_MIN_DECIDING_ROUNDS);

  ys_test_build_time(&cur, fast, 1);
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_INCONCLUSIVE);

  /* Few rounds against many counts too. */
  double many[10];
  ys_test_scaled(many, YS_TEST_BASE10, 10, 1.10);
  const double b2[2] = {100.0, 101.0};
  ys_test_build_time(&base, b2, 2);
  ys_test_build_time(&cur, many, 10);
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_INCONCLUSIVE);
  assert_int_equal(c.doubt, YS_DOUBT_FEW_ROUNDS);

  /* No crossing: few rounds are enough to say unchanged. */
  const double same[2] = {100.5, 100.7};
  ys_test_build_time(&cur, same, 2);
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);

  /* Three rounds a side are enough for the full rule. */
  const double b3[3] = {100.0, 101.0, 100.5}, c3[3] = {110.0, 111.1, 110.5};
  ys_test_build_time(&base, b3, 3);
  ys_test_build_time(&cur, c3, 3);
  c = ys_test_compare(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);
}

/* Mixed settings: the same own settings on both sides do not differ
 * (whatever the run's other settings were); another own set, or another
 * value of an own setting, does. */
static void test_settings_differ(void **unused) {
  (void)unused;
  ys_bench_settings a = {
      .rounds = 3, .sample_size = 50, .own = YS_SETTING_ROUNDS};
  ys_bench_settings b = a;
  b.sample_size = 20; /* the run's, not its own: no difference */
  assert_false(ys_compare_settings_differ(&a, &b));
  b.rounds = 4;
  assert_true(ys_compare_settings_differ(&a, &b));
  b = a;
  b.own |= YS_SETTING_LATENCY;
  b.latency = true;
  assert_true(ys_compare_settings_differ(&a, &b));
  ys_bench_settings none = {.rounds = 10};
  assert_true(ys_compare_settings_differ(&a, &none));
  assert_false(ys_compare_settings_differ(&none, &none));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_mw_o6_exact),
      cmocka_unit_test(test_mw_o6_normal),
      cmocka_unit_test(test_mw_minimum_exact_p),
      cmocka_unit_test(test_mw_no_evidence),
      cmocka_unit_test(test_mw_ties_use_normal),
      cmocka_unit_test(test_mw_large_samples),
      cmocka_unit_test(test_mw_empty_is_nan),
      cmocka_unit_test(test_config_default),
      cmocka_unit_test(test_metric_kind_names),
      cmocka_unit_test(test_perf_counts_get_statistics),
      cmocka_unit_test(test_aa_unchanged),
      cmocka_unit_test(test_ten_percent_slower_regressed),
      cmocka_unit_test(test_ten_percent_faster_improved),
      cmocka_unit_test(test_unsupported_crossing_inconclusive),
      cmocka_unit_test(test_too_wide_inconclusive),
      cmocka_unit_test(test_one_noisy_round_not_regressed),
      cmocka_unit_test(test_one_fast_round_decides_nothing),
      cmocka_unit_test(test_noisy_flag),
      cmocka_unit_test(test_threshold_boundary),
      cmocka_unit_test(test_ci_and_determinism),
      cmocka_unit_test(test_point_always_inside_interval),
      cmocka_unit_test(test_few_rounds_inconclusive),
      cmocka_unit_test(test_settings_differ),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
