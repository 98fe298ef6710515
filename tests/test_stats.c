/*
 * test_stats.c — analysis/stats.c against the oracles of docs/statistics.md §4
 * (computed independently with Python, numpy and scipy) and hand-made
 * series whose answers are known.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "core/error.h"
#include "analysis/stats.h"

/* cmocka 1.1 only compares floats in single precision. */
#define assert_close(actual, expected, rel)                                    \
  assert_close_at((actual), (expected), (rel), #actual, __FILE__, __LINE__)

static void assert_close_at(double actual, double expected, double rel,
                            const char *what, const char *file, int line) {
  double tolerance = rel * fmax(fabs(expected), 1e-300);
  if (!(fabs(actual - expected) <= tolerance)) {
    fail_msg("%s:%d: %s = %.17g, expected %.17g (relative tolerance %g)", file,
             line, what, actual, expected, rel);
  }
}

#define TIGHT 1e-12

/* A series of up to MAX_SAMPLES samples in up to MAX_ROUNDS rounds, built
 * in place by the tests. */
#define MAX_SAMPLES 256
#define MAX_ROUNDS  16

typedef struct fixture {
  ys_sample samples[MAX_SAMPLES];
  ys_round rounds[MAX_ROUNDS];
  ys_series series;
} fixture;

static void fixture_init(fixture *f) {
  memset(f, 0, sizeof(*f));
  f->series.metric = "time";
  f->series.unit = "ns";
  f->series.samples = f->samples;
  f->series.rounds = f->rounds;
}

/* Appends a round of n samples with the given iterations and values. */
static void fixture_add_round(fixture *f, const uint64_t *iterations,
                              const double *values, size_t n, bool linear) {
  assert_true(f->series.n_samples + n <= MAX_SAMPLES);
  assert_true(f->series.n_rounds < MAX_ROUNDS);
  f->rounds[f->series.n_rounds++] = (ys_round){
      .first_sample = f->series.n_samples, .n_samples = n, .linear = linear};
  for (size_t i = 0; i < n; i++)
    f->samples[f->series.n_samples++] =
        (ys_sample){.iterations = iterations[i], .value = values[i]};
}

/* One flat round of single iterations: per-iteration values = values. */
static void fixture_add_values(fixture *f, const double *values, size_t n) {
  uint64_t ones[MAX_SAMPLES];
  for (size_t i = 0; i < n; i++)
    ones[i] = 1;
  fixture_add_round(f, ones, values, n, false);
}

static void analyze(fixture *f, uint64_t seed) {
  ys_stats_config cfg = ys_stats_config_default(seed);
  assert_int_equal(ys_stats_analyze(&f->series, &cfg), 0);
}

static void assert_estimate_finite(const ys_estimate *e) {
  assert_true(isfinite(e->point));
  assert_true(isfinite(e->lo));
  assert_true(isfinite(e->hi));
}

static void assert_analysis_finite(const ys_analysis *a) {
  assert_estimate_finite(&a->mean);
  assert_estimate_finite(&a->median);
  assert_estimate_finite(&a->std_dev);
  assert_estimate_finite(&a->mad);
  assert_estimate_finite(&a->slope);
  assert_true(isfinite(a->r_squared));
  assert_true(isfinite(a->lag1_autocorrelation));
  for (int i = 0; i < 4; i++)
    assert_true(isfinite(a->outliers.fences[i]));
  assert_true(isfinite(a->round_min));
  assert_true(isfinite(a->round_median));
  assert_true(isfinite(a->round_max));
  assert_true(isfinite(a->noisy_round_share));
}

/* The interval is exactly the point: nothing varies between resamples. */
#define assert_zero_width(e, expected)                                         \
  assert_zero_width_at((e), (expected), #e, __FILE__, __LINE__)

static void assert_zero_width_at(const ys_estimate *e, double expected,
                                 const char *what, const char *file, int line) {
  if (!(e->point == expected && e->lo == expected && e->hi == expected)) {
    fail_msg("%s:%d: %s = %.17g [%.17g, %.17g], expected exactly %.17g", file,
             line, what, e->point, e->lo, e->hi, expected);
  }
}

static void test_config_default(void **state) {
  (void)state;
  ys_stats_config cfg = ys_stats_config_default(42);
  assert_int_equal(cfg.resamples, 2000);
  assert_close(cfg.confidence, 0.95, 0.0);
  assert_int_equal(cfg.seed, 42);
}

/* O1: x = 1..10. */
static void test_o1_estimates(void **state) {
  (void)state;
  static const double x[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  fixture f;
  fixture_init(&f);
  fixture_add_values(&f, x, 10);
  analyze(&f, 1);
  const ys_analysis *a = &f.series.analysis;

  assert_close(a->mean.point, 5.5, TIGHT);
  assert_close(a->std_dev.point, 3.0276503540974917, TIGHT);
  assert_close(a->median.point, 5.5, TIGHT);
  assert_close(a->mad.point, 3.7065, TIGHT);
  assert_close(a->lag1_autocorrelation, 0.7, TIGHT);
  assert_false(a->has_slope);

  /* The quartiles through the percentile path: confidence 0.5 asks for the
   * 0.25 and 0.75 quantiles. */
  double copy[10], q25, q75;
  memcpy(copy, x, sizeof(copy));
  ys_stats_percentile_ci(copy, 10, 0.5, &q25, &q75);
  assert_close(q25, 3.25, TIGHT);
  assert_close(q75, 7.75, TIGHT);

  /* Both MAD forms docs/statistics.md allows; stats.c uses the first. */
  double work[10];
  assert_close(gsl_stats_mad0(x, 1, 10, work), 2.5, TIGHT);
  assert_close(gsl_stats_mad(x, 1, 10, work), 3.706505546264005, TIGHT);

  /* Fences from q1 3.25 and q3 7.75, nothing outside them. */
  assert_close(a->outliers.fences[0], -10.25, TIGHT);
  assert_close(a->outliers.fences[1], -3.5, TIGHT);
  assert_close(a->outliers.fences[2], 14.5, TIGHT);
  assert_close(a->outliers.fences[3], 21.25, TIGHT);
  assert_int_equal(a->outliers.normal, 10);

  /* sd 3.03 >= 10 % of 5.5; lag-1 0.7 > 0.5 over 10 samples; one round and
   * no slope cannot trigger the other two. */
  assert_int_equal(a->warnings, YS_WARN_HIGH_VARIANCE | YS_WARN_AUTOCORRELATED);
}

/* O2: outliers on both sides. */
static const double o2[12] = {-20, 10, 11, 12, 12, 13, 13, 14, 15, 16, 40, 100};

static void test_o2_outliers(void **state) {
  (void)state;
  ys_outliers out;
  ys_stats_outliers(o2, 12, &out);
  assert_close(out.fences[0], 1.25, TIGHT);
  assert_close(out.fences[1], 6.5, TIGHT);
  assert_close(out.fences[2], 20.5, TIGHT);
  assert_close(out.fences[3], 25.75, TIGHT);
  assert_int_equal(out.low_severe, 1);
  assert_int_equal(out.low_mild, 0);
  assert_int_equal(out.normal, 9);
  assert_int_equal(out.high_mild, 0);
  assert_int_equal(out.high_severe, 2);

  double copy[12], q1, q3;
  memcpy(copy, o2, sizeof(copy));
  ys_stats_percentile_ci(copy, 12, 0.5, &q1, &q3);
  assert_close(q1, 11.75, TIGHT);
  assert_close(q3, 15.25, TIGHT);
}

static void test_o2_analyze(void **state) {
  (void)state;
  /* Out of order, so analyze has to sort before classifying. */
  static const double shuffled[12] = {13, 100, 11, -20, 12, 16,
                                      40, 10,  13, 14,  12, 15};
  fixture f;
  fixture_init(&f);
  fixture_add_values(&f, shuffled, 12);
  analyze(&f, 1);
  const ys_analysis *a = &f.series.analysis;
  assert_close(a->mean.point, 19.666666666666668, TIGHT);
  assert_close(a->std_dev.point, 28.416811072235948, TIGHT);
  assert_close(a->median.point, 13.0, TIGHT);
  assert_int_equal(a->outliers.low_severe, 1);
  assert_int_equal(a->outliers.normal, 9);
  assert_int_equal(a->outliers.high_severe, 2);
}

/* A value exactly on a fence belongs to the inner class. */
static void test_outliers_strict(void **state) {
  (void)state;
  /* q1 = 1, q3 = 2: fences -2, -0.5, 3.5, 5. */
  static const double high[9] = {-3, 0, 1, 1, 1, 1, 2, 3.5, 5};
  static const double low[9] = {-2, -0.5, 1, 1, 1, 1, 2, 3, 4};
  ys_outliers out;

  ys_stats_outliers(high, 9, &out);
  assert_close(out.fences[0], -2.0, 0.0);
  assert_close(out.fences[3], 5.0, 0.0);
  assert_int_equal(out.low_severe, 1);
  assert_int_equal(out.low_mild, 0);
  assert_int_equal(out.normal, 7);
  assert_int_equal(out.high_mild, 1);
  assert_int_equal(out.high_severe, 0);

  ys_stats_outliers(low, 9, &out);
  assert_int_equal(out.low_severe, 0);
  assert_int_equal(out.low_mild, 1);
  assert_int_equal(out.normal, 7);
  assert_int_equal(out.high_mild, 1);
  assert_int_equal(out.high_severe, 0);
}

/* O3: slope through the origin, R² from an exact rational computation. */
static void test_o3_slope(void **state) {
  (void)state;
  static const double x[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  static const double y[10] = {10.5, 19.0, 31.2, 39.6, 50.3,
                               61.0, 69.1, 80.4, 90.2, 99.7};
  double r2 = -1.0;
  assert_close(ys_stats_slope(x, y, 10, &r2), 10.009610389610389, TIGHT);
  assert_close(r2, 0.9993911086395032, 1e-10);
  /* r_squared is optional. */
  assert_close(ys_stats_slope(x, y, 10, NULL), 10.009610389610389, TIGHT);

  /* Constant y: nothing to explain, R² is 1 rather than 0/0. */
  static const double flat_x[4] = {3, 3, 3, 3};
  static const double flat_y[4] = {6, 6, 6, 6};
  assert_close(ys_stats_slope(flat_x, flat_y, 4, &r2), 2.0, TIGHT);
  assert_close(r2, 1.0, 0.0);
}

/* O7: the percentile interval of the replicates 0..999. */
static void test_o7_percentile_ci(void **state) {
  (void)state;
  double replicates[1000];
  /* A permutation of 0..999 (337 is coprime to 1000). */
  for (size_t i = 0; i < 1000; i++)
    replicates[i] = (double)((i * 337) % 1000);
  double lo, hi;
  ys_stats_percentile_ci(replicates, 1000, 0.95, &lo, &hi);
  assert_close(lo, 24.975, TIGHT);
  assert_close(hi, 974.025, TIGHT);
  /* Sorted in place, as the contract says. */
  for (size_t i = 0; i < 1000; i++)
    assert_close(replicates[i], (double)i, 0.0);
}

/* A realistic series: 4 linear rounds of 20 samples, 350 ns per iteration
 * with a few per cent of deterministic noise. */
static void fixture_realistic(fixture *f) {
  fixture_init(f);
  for (size_t r = 0; r < 4; r++) {
    uint64_t it[20];
    double v[20];
    for (size_t i = 0; i < 20; i++) {
      it[i] = 100 * (i + 1);
      double noise = 1.0 + 0.03 * sin(1.7 * (double)(r * 20 + i));
      v[i] = (double)it[i] * 350.0 * noise;
    }
    fixture_add_round(f, it, v, 20, true);
  }
}

/* O11 and determinism. */
static void test_o11_seed(void **state) {
  (void)state;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  assert_non_null(rng);
  gsl_rng_set(rng, 5489);
  assert_int_equal(gsl_rng_get(rng), 3499211612u);
  gsl_rng_free(rng);

  static fixture f1, f2, f3, f4;
  fixture_realistic(&f1);
  fixture_realistic(&f2);
  fixture_realistic(&f3);
  fixture_realistic(&f4);
  analyze(&f1, 5489);
  analyze(&f2, 5489);
  analyze(&f3, 5490);
  /* Differs from 5489 only above bit 32, which mt19937 alone ignores. */
  analyze(&f4, 5489 + (UINT64_C(1) << 32));

  assert_memory_equal(&f1.series.analysis, &f2.series.analysis,
                      sizeof(ys_analysis));
  assert_memory_equal(f1.rounds, f2.rounds, sizeof(f1.rounds));
  assert_true(f1.series.analysis.mean.lo != f3.series.analysis.mean.lo ||
              f1.series.analysis.mean.hi != f3.series.analysis.mean.hi);
  assert_true(f1.series.analysis.mean.lo != f4.series.analysis.mean.lo ||
              f1.series.analysis.mean.hi != f4.series.analysis.mean.hi);
  /* Point estimates do not depend on the seed. */
  assert_true(f1.series.analysis.mean.point == f3.series.analysis.mean.point);
}

/* The bootstrap interval of the mean should be close to the normal theory
 * interval mean ± 1.96 sd/sqrt(n) for 80 well-behaved samples. */
static void test_bootstrap_width(void **state) {
  (void)state;
  static fixture f;
  fixture_realistic(&f);
  analyze(&f, 7);
  const ys_analysis *a = &f.series.analysis;
  double expected = 2.0 * 1.959964 * a->std_dev.point / sqrt(80.0);
  double width = a->mean.hi - a->mean.lo;
  assert_true(width > 0.85 * expected && width < 1.15 * expected);

  const ys_estimate *all[] = {&a->mean, &a->median, &a->std_dev, &a->mad,
                              &a->slope};
  for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
    assert_true(all[i]->lo < all[i]->point);
    assert_true(all[i]->point < all[i]->hi);
  }
  assert_true(a->has_slope);
  assert_close(a->slope.point, 350.0, 0.01);
  assert_true(a->r_squared > 0.99);
  assert_analysis_finite(a);
}

/* A series far larger than YS_POLICY_BOOTSTRAP_MAX_SAMPLES (a million
 * samples per round is allowed): the bootstrap resamples a subset, so the
 * analysis takes well under a second where resampling every sample took
 * about a minute, and the scaled intervals keep the width normal theory
 * gives for the whole series. Values: 100 + uniform noise of sd 10 from
 * gsl's mt19937, in flat single-iteration samples, plus a linear twin for
 * the slope. */
static void test_bootstrap_of_a_huge_series(void **state) {
  (void)state;
  enum { N = 400000 };
  ys_sample *samples = malloc(N * sizeof(*samples));
  assert_non_null(samples);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  assert_non_null(rng);
  for (size_t i = 0; i < N; i++) {
    uint64_t it = 1 + i % 50;
    double noise = (gsl_rng_uniform(rng) - 0.5) * sqrt(12.0) * 10.0;
    samples[i] =
        (ys_sample){.iterations = it, .value = (double)it * (100.0 + noise)};
  }
  gsl_rng_free(rng);
  ys_round round = {.first_sample = 0, .n_samples = N, .linear = true};
  ys_series series = {.metric = "time",
                      .unit = "ns",
                      .samples = samples,
                      .n_samples = N,
                      .rounds = &round,
                      .n_rounds = 1};
  ys_stats_config cfg = ys_stats_config_default(3);

  clock_t start = clock();
  assert_int_equal(ys_stats_analyze(&series, &cfg), 0);
  double cpu_s = (double)(clock() - start) / CLOCKS_PER_SEC;
  if (cpu_s > 5.0) fail_msg("analysis of %d samples took %.1f s", N, cpu_s);

  const ys_analysis *a = &series.analysis;
  assert_analysis_finite(a);
  double expected = 2.0 * 1.959964 * a->std_dev.point / sqrt((double)N);
  double width = a->mean.hi - a->mean.lo;
  if (!(width > 0.8 * expected && width < 1.2 * expected))
    fail_msg("mean interval width %g, expected about %g", width, expected);
  assert_close(a->std_dev.point, 10.0, 0.01);
  const ys_estimate *all[] = {&a->mean, &a->median, &a->std_dev, &a->mad,
                              &a->slope};
  for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
    assert_true(all[i]->lo < all[i]->point);
    assert_true(all[i]->point < all[i]->hi);
    /* Each interval is a few hundredths of the point, as 400 000
     * samples of 10 % noise give; an unscaled subset's would be about
     * nine times wider. */
    assert_true(all[i]->hi - all[i]->lo < 0.01 * all[i]->point);
  }
  free(samples);
}

/* Two values 0 and 1 have three kinds of resample: {0,0}, {1,1} (a quarter
 * each) and {0,1}, so every percentile interval is known exactly: the 2.5 %
 * point falls among the {0,0} replicates, the 97.5 % point among {1,1} for
 * the mean and median and among {0,1} for the spreads. */
static void test_bootstrap_two_values(void **state) {
  (void)state;
  static const double x[2] = {0.0, 1.0};
  fixture f;
  fixture_init(&f);
  fixture_add_values(&f, x, 2);
  analyze(&f, 11);
  const ys_analysis *a = &f.series.analysis;
  assert_close(a->mean.lo, 0.0, 0.0);
  assert_close(a->mean.hi, 1.0, 0.0);
  assert_close(a->median.lo, 0.0, 0.0);
  assert_close(a->median.hi, 1.0, 0.0);
  assert_close(a->std_dev.point, sqrt(0.5), TIGHT);
  assert_close(a->std_dev.lo, 0.0, 0.0);
  assert_close(a->std_dev.hi, sqrt(0.5), TIGHT);
  assert_close(a->mad.point, 0.5 * 1.4826, TIGHT);
  assert_close(a->mad.lo, 0.0, 0.0);
  assert_close(a->mad.hi, 0.5 * 1.4826, TIGHT);
  assert_close(a->slope.lo, 0.0, 0.0);
  assert_close(a->slope.hi, 1.0, TIGHT);
}

/* Constant per-iteration values give zero-width intervals and R² = 1. */
static void test_constant_linear(void **state) {
  (void)state;
  fixture f;
  fixture_init(&f);
  for (size_t r = 0; r < 3; r++) {
    uint64_t it[20];
    double v[20];
    for (size_t i = 0; i < 20; i++) {
      it[i] = 64 * (i + 1);
      v[i] = 350.0 * (double)it[i];
    }
    fixture_add_round(&f, it, v, 20, true);
  }
  analyze(&f, 3);
  const ys_analysis *a = &f.series.analysis;
  assert_analysis_finite(a);
  assert_zero_width(&a->mean, 350.0);
  assert_zero_width(&a->median, 350.0);
  assert_zero_width(&a->std_dev, 0.0);
  assert_zero_width(&a->mad, 0.0);
  /* gsl_fit_mul's running means may leave the point an ulp off 350. */
  assert_close(a->slope.point, 350.0, TIGHT);
  assert_true(a->slope.lo == 350.0 && a->slope.hi == 350.0);
  assert_close(a->r_squared, 1.0, TIGHT);
  assert_close(a->lag1_autocorrelation, 0.0, 0.0);
  assert_int_equal(a->outliers.normal, 60);
  assert_close(a->noisy_round_share, 0.0, 0.0);
  assert_int_equal(a->warnings, 0);
}

static void test_constant_flat(void **state) {
  (void)state;
  uint64_t it[30];
  double v[30];
  for (size_t i = 0; i < 30; i++) {
    it[i] = 7;
    v[i] = 0.7;
  }
  fixture f;
  fixture_init(&f);
  fixture_add_round(&f, it, v, 30, false);
  analyze(&f, 3);
  const ys_analysis *a = &f.series.analysis;
  double per_iter = 0.7 / 7.0;
  assert_analysis_finite(a);
  assert_zero_width(&a->mean, per_iter);
  assert_zero_width(&a->median, per_iter);
  assert_zero_width(&a->std_dev, 0.0);
  assert_zero_width(&a->mad, 0.0);
  assert_close(a->slope.lo, per_iter, TIGHT);
  assert_close(a->slope.hi, per_iter, TIGHT);
  assert_close(a->r_squared, 1.0, 0.0);
  assert_false(a->has_slope);
  assert_int_equal(a->warnings, 0);
}

/* One sample: every interval is the point, nothing undefined leaks out. */
static void test_single_sample(void **state) {
  (void)state;
  static const uint64_t it[1] = {1000};
  static const double v[1] = {351000.0};
  fixture f;
  fixture_init(&f);
  fixture_add_round(&f, it, v, 1, true);
  analyze(&f, 9);
  const ys_analysis *a = &f.series.analysis;
  assert_analysis_finite(a);
  assert_zero_width(&a->mean, 351.0);
  assert_zero_width(&a->median, 351.0);
  assert_zero_width(&a->std_dev, 0.0);
  assert_zero_width(&a->mad, 0.0);
  assert_close(a->slope.point, 351.0, TIGHT);
  assert_true(a->slope.lo == a->slope.point && a->slope.hi == a->slope.point);
  assert_close(a->r_squared, 1.0, 0.0);
  assert_close(a->round_min, 351.0, TIGHT);
  assert_close(a->round_max, 351.0, TIGHT);
}

/* Round estimates: a linear round's slope, a flat round's mean. */
static void test_round_estimates(void **state) {
  (void)state;
  static const uint64_t lin_it[5] = {10, 20, 30, 40, 50};
  static const double lin_v[5] = {3550.0, 7020.0, 10650.0, 14100.0, 17800.0};
  static const uint64_t flat_it[4] = {8, 8, 8, 8};
  static const double flat_v[4] = {2800.0, 2816.0, 2792.0, 2840.0};
  /* Exact rational values of the slope and of the mean. */
  const double lin = 354.43636363636364, flat = 351.5;

  assert_close(ys_stats_round_estimate((const ys_sample[]){{10, 3550.0},
                                                           {20, 7020.0},
                                                           {30, 10650.0},
                                                           {40, 14100.0},
                                                           {50, 17800.0}},
                                       5, true),
               lin, TIGHT);
  assert_close(ys_stats_round_estimate(
                   (const ys_sample[]){
                       {8, 2800.0}, {8, 2816.0}, {8, 2792.0}, {8, 2840.0}},
                   4, false),
               flat, TIGHT);

  fixture f;
  fixture_init(&f);
  fixture_add_round(&f, lin_it, lin_v, 5, true);
  fixture_add_round(&f, flat_it, flat_v, 4, false);
  f.rounds[0].estimate = -1.0;
  f.rounds[1].estimate = -1.0;
  analyze(&f, 1);
  assert_close(f.rounds[0].estimate, lin, TIGHT);
  assert_close(f.rounds[1].estimate, flat, TIGHT);
  const ys_analysis *a = &f.series.analysis;
  assert_true(a->has_slope);
  assert_close(a->round_min, flat, TIGHT);
  assert_close(a->round_max, lin, TIGHT);
  assert_close(a->round_median, (lin + flat) / 2.0, TIGHT);
  /* 354.4 is within 5 % of 351.5. */
  assert_close(a->noisy_round_share, 0.0, 0.0);
}

/* Single-sample flat rounds whose estimates are the given values. */
static void fixture_rounds_of(fixture *f, const double *estimates, size_t n) {
  static const uint64_t one[1] = {1};
  fixture_init(f);
  for (size_t r = 0; r < n; r++)
    fixture_add_round(f, one, &estimates[r], 1, false);
}

static void test_noisy_rounds(void **state) {
  (void)state;
  fixture f;

  /* Fastest 100: 105.2 and 120 are more than 5 % above it, 104.9 not. */
  static const double noisy[5] = {120.0, 100.0, 104.9, 105.2, 103.0};
  fixture_rounds_of(&f, noisy, 5);
  analyze(&f, 1);
  assert_close(f.series.analysis.round_min, 100.0, 0.0);
  assert_close(f.series.analysis.round_median, 104.9, 0.0);
  assert_close(f.series.analysis.round_max, 120.0, 0.0);
  /* Python's statistics.mean and stdev of the same five values. */
  assert_close(f.series.analysis.round_mean, 106.62, 1e-12);
  assert_close(f.series.analysis.round_std_dev, 7.760927779589242, 1e-12);
  assert_close(f.series.analysis.noisy_round_share, 0.4, TIGHT);
  assert_true(f.series.analysis.warnings & YS_WARN_NOISY_ROUNDS);

  /* One round in five is 0.2, below 0.3. */
  static const double quiet[5] = {100.0, 101.0, 100.5, 130.0, 102.0};
  fixture_rounds_of(&f, quiet, 5);
  analyze(&f, 1);
  assert_close(f.series.analysis.noisy_round_share, 0.2, TIGHT);
  assert_false(f.series.analysis.warnings & YS_WARN_NOISY_ROUNDS);

  /* Half of two rounds: too few rounds to call it noisy. */
  static const double two[2] = {100.0, 150.0};
  fixture_rounds_of(&f, two, 2);
  analyze(&f, 1);
  assert_close(f.series.analysis.noisy_round_share, 0.5, TIGHT);
  assert_false(f.series.analysis.warnings & YS_WARN_NOISY_ROUNDS);
}

/* A count that never happens (0 page faults per iteration) has no relative
 * spread to warn about. */
static void test_no_variance_warning_for_zero_counts(void **state) {
  (void)state;
  static const uint64_t it[4] = {1, 2, 3, 4};
  static const double v[4] = {0, 0, 0, 0};
  fixture f;
  fixture_init(&f);
  fixture_add_round(&f, it, v, 4, true);
  analyze(&f, 1);
  assert_close(f.series.analysis.mean.point, 0, 0);
  assert_false(f.series.analysis.warnings & YS_WARN_HIGH_VARIANCE);
}

static void test_warning_low_r_squared(void **state) {
  (void)state;
  static const uint64_t it[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  static const double v[10] = {10, 50, 5, 60, 20, 80, 10, 90, 30, 40};
  fixture f;
  fixture_init(&f);
  fixture_add_round(&f, it, v, 10, true);
  analyze(&f, 1);
  /* Exact rational R² of this fit. */
  assert_close(f.series.analysis.r_squared, -0.0712906668585339, 1e-10);
  assert_true(f.series.analysis.warnings & YS_WARN_LOW_R_SQUARED);

  /* The same values in a flat round: no slope, no R² warning. */
  f.rounds[0].linear = false;
  analyze(&f, 1);
  assert_false(f.series.analysis.warnings & YS_WARN_LOW_R_SQUARED);
}

/* Lag-1 autocorrelation needs 10 samples before it warns. */
static void test_warning_autocorrelation_needs_samples(void **state) {
  (void)state;
  static const double x[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  fixture f;
  fixture_init(&f);
  fixture_add_values(&f, x, 9);
  analyze(&f, 1);
  assert_close(f.series.analysis.lag1_autocorrelation, 2.0 / 3.0, TIGHT);
  assert_false(f.series.analysis.warnings & YS_WARN_AUTOCORRELATED);
}

/* The runner's bits and suggestion survive; stale bits of ours do not. */
static void test_warnings_kept_from_runner(void **state) {
  (void)state;
  static fixture f;
  fixture_realistic(&f);
  f.series.analysis.warnings = YS_WARN_FEW_ITERATIONS | YS_WARN_SHORT_SAMPLES |
                               YS_WARN_NOISY_ROUNDS | YS_WARN_HIGH_VARIANCE;
  f.series.analysis.suggested_sample_size = 70;
  analyze(&f, 1);
  assert_int_equal(f.series.analysis.warnings,
                   YS_WARN_FEW_ITERATIONS | YS_WARN_SHORT_SAMPLES);
  assert_int_equal(f.series.analysis.suggested_sample_size, 70);
}

static void test_invalid_input(void **state) {
  (void)state;
  ys_stats_config cfg = ys_stats_config_default(1);
  fixture f;
  fixture_init(&f);
  f.series.n_rounds = 1;
  assert_int_equal(ys_stats_analyze(&f.series, &cfg), YS_EINVAL);

  static const uint64_t it[2] = {1, 0};
  static const double v[2] = {5.0, 5.0};
  fixture_init(&f);
  fixture_add_round(&f, it, v, 2, false);
  assert_int_equal(ys_stats_analyze(&f.series, &cfg), YS_EINVAL);

  /* A confidence the quantiles cannot be taken at. */
  fixture_init(&f);
  fixture_add_round(&f, it, v, 1, false);
  cfg.confidence = 1.5;
  assert_int_equal(ys_stats_analyze(&f.series, &cfg), YS_EINVAL);
  cfg.confidence = NAN;
  assert_int_equal(ys_stats_analyze(&f.series, &cfg), YS_EINVAL);
  cfg = ys_stats_config_default(1);

  /* A round reaching past the samples. */
  fixture_init(&f);
  fixture_add_round(&f, it, v, 1, false);
  f.rounds[0].n_samples = 2;
  assert_int_equal(ys_stats_analyze(&f.series, &cfg), YS_EINVAL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_config_default),
      cmocka_unit_test(test_o1_estimates),
      cmocka_unit_test(test_o2_outliers),
      cmocka_unit_test(test_o2_analyze),
      cmocka_unit_test(test_outliers_strict),
      cmocka_unit_test(test_o3_slope),
      cmocka_unit_test(test_o7_percentile_ci),
      cmocka_unit_test(test_o11_seed),
      cmocka_unit_test(test_bootstrap_width),
      cmocka_unit_test(test_bootstrap_two_values),
      cmocka_unit_test(test_bootstrap_of_a_huge_series),
      cmocka_unit_test(test_constant_linear),
      cmocka_unit_test(test_constant_flat),
      cmocka_unit_test(test_single_sample),
      cmocka_unit_test(test_round_estimates),
      cmocka_unit_test(test_noisy_rounds),
      cmocka_unit_test(test_warning_low_r_squared),
      cmocka_unit_test(test_no_variance_warning_for_zero_counts),
      cmocka_unit_test(test_warning_autocorrelation_needs_samples),
      cmocka_unit_test(test_warnings_kept_from_runner),
      cmocka_unit_test(test_invalid_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
