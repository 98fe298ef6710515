/* Tests of analysis/complexity.c: the best fit and its coefficient on
 * planted points, the exponent, the "indistinguishable" warning, too few
 * points, and the fits of a run's families. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tests/test_support.h"

#include "analysis/complexity.h"
#include "reports/complexity_text.h"
#include "core/error.h"

/*
 * Planted points: n = 2^k for k = 4..10 (16 to 1024) and
 * value = 3·n²·(1 + e_k), with e_k = +1 % for even k and −1 % for odd k.
 *
 * The oracle, by hand: least squares through the origin on f = n² gives
 * c = Σ f·value / Σ f² = 3·(1 + 0.01·S₋/S₊), where S₊ = Σ n⁴ and
 * S₋ = Σ (−1)^k n⁴ over k = 4..10. With n⁴ = 2^(4k) both are geometric
 * series in 16 starting at 2^16 with 7 terms:
 *   S₊ = 2^16·(16^7 − 1)/15,  S₋ = 2^16·(16^7 + 1)/17,
 * so c = 3·(1 + 0.01·15·(16^7 + 1) / (17·(16^7 − 1))) ≈ 3.026471.
 *
 * The exponent: log value = log 3 + 2·log n + log(1 + e_k). The deviation
 * log(1 + e_k) alternates in sign, and the centred log n, (k − 7)·log 2,
 * is odd about k = 7, whose e is −1 %: the pairs k = 7 ± j have equal
 * deviations (j even: both +1 % or both −1 %; j odd: likewise), so
 * Σ (k − 7)·log(1 + e_k) = 0 and the slope is exactly 2.
 */
static void planted_n_squared(double *n, double *value) {
  for (int k = 4; k <= 10; k++) {
    double nk = (double)(1 << k);
    double e = k % 2 == 0 ? 0.01 : -0.01;
    n[k - 4] = nk;
    value[k - 4] = 3.0 * nk * nk * (1.0 + e);
  }
}

static void test_planted_n_squared_is_recovered(void **unused) {
  (void)unused;
  double n[7], value[7];
  planted_n_squared(n, value);
  ys_complexity_fit fit = {0};
  assert_int_equal(ys_complexity_fit_points(n, value, 7, &fit), 0);
  assert_true(fit.fitted);
  assert_int_equal(fit.n_points, 7);
  assert_int_equal(fit.n_min, 16);
  assert_int_equal(fit.n_max, 1024);
  assert_int_equal(fit.best, YS_COMPLEXITY_N2);
  const double p = 268435456.0; /* 16^7 */
  double expected_c = 3.0 * (1.0 + 0.01 * 15.0 * (p + 1) / (17.0 * (p - 1)));
  assert_close(fit.coefficient, expected_c, 1e-9);
  assert_close(fit.exponent, 2.0, 1e-9);
  /* The noise is ±1 % of each value, so the relative RMS (over the mean,
   * which the largest points dominate) is below 1 % but not 0. */
  assert_true(fit.rms > 0.0 && fit.rms < 0.01);
  /* n³ and n log n miss by a factor that grows with n: far from a tie. */
  assert_false(fit.indistinguishable);
  assert_true(fit.runner_up_rms > 1.5 * fit.rms);
}

/* Exact n log n values (as callgrind's counts would be): n log n fits with
 * zero residual, c is the planted 7 (log base 2, n = 2^k so log2 n = k),
 * and every other class is distinguishable. */
static void test_exact_n_log_n(void **unused) {
  (void)unused;
  double n[6], value[6];
  for (int k = 3; k <= 8; k++) {
    n[k - 3] = (double)(1 << k);
    value[k - 3] = 7.0 * (double)(1 << k) * k;
  }
  ys_complexity_fit fit = {0};
  assert_int_equal(ys_complexity_fit_points(n, value, 6, &fit), 0);
  assert_int_equal(fit.best, YS_COMPLEXITY_N_LOG_N);
  assert_close(fit.coefficient, 7.0, 1e-9);
  assert_close(fit.rms, 0.0, 1e-12);
  assert_false(fit.indistinguishable);
}

/* n·log2 n plus a constant cost per call (64: one n = 16 call's worth, as
 * a call and its set-up add) at n = 16, 64, 256, 1024, the example sort's
 * sizes. The unweighted fit, led by the large sizes, finds O(n log n)
 * (relative RMS 1.6 %, worked with the formula of docs/statistics.md §6);
 * a fit on relative error (weights 1/value²), where every size counts
 * alike, would pick O(n): its relative residuals are 12.6 % for n against
 * 23.1 % for n log n, the constant dominating the smallest size. This is
 * why the fit stays unweighted (§6, "Why unweighted"). */
static void test_constant_per_call_keeps_n_log_n(void **unused) {
  (void)unused;
  double n[] = {16, 64, 256, 1024};
  double value[4];
  for (size_t i = 0; i < 4; i++)
    value[i] = n[i] * log2(n[i]) + 64;
  ys_complexity_fit fit = {0};
  assert_int_equal(ys_complexity_fit_points(n, value, 4, &fit), 0);
  assert_int_equal(fit.best, YS_COMPLEXITY_N_LOG_N);
  assert_close(fit.rms, 0.0156, 5e-4);
}

/* n from 1000 to 1003 spans 0.3 %: with ±1 % noise, a constant, n and
 * n log n all leave residuals of about 1 % (the constant's systematic miss,
 * about 0.15 % of the mean, adds only √(1² + 0.15²) − 1 ≈ 1 % of its RMS),
 * far inside the factor 1.5: the fits cannot be told apart. */
static void test_narrow_range_is_indistinguishable(void **unused) {
  (void)unused;
  double n[] = {1000, 1001, 1002, 1003};
  double value[4];
  for (int i = 0; i < 4; i++)
    value[i] = 5.0 * n[i] * (i % 2 == 0 ? 1.01 : 0.99);
  ys_complexity_fit fit = {0};
  assert_int_equal(ys_complexity_fit_points(n, value, 4, &fit), 0);
  assert_true(fit.fitted);
  assert_true(fit.indistinguishable);
  assert_true(fit.runner_up_rms <= 1.5 * fit.rms);
}

/*
 * A best fit whose second least RMS lies on the other side of the measured
 * exponent: value = 1000·n² + 10^7 + n³ at n = 16, 64, 256, 1024 (a
 * constant cost that flattens the small sizes, a small cubic term that
 * the largest size shows). The figures, computed with a short Python
 * script of the formulas in docs/statistics.md §6 (c = Σf·v / Σf², RMS
 * over the mean; the slope of ln v on ln n; a class's own exponent
 * ln(f(1024)/f(16)) / ln 64), with no GSL:
 *   relative RMS: O(n²) 0.037749, O(n³) 0.054641, O(n log n) 0.296723;
 *   exponent 1.2891186; own exponents O(n log n) 1.2203213, O(n²) 2.
 * O(n²) is best, and O(n³) is within 1.5× of it: the old warning "O(n^2)
 * and O(n^3) fit about as well" pointed up while the exponent, 1.29, says
 * the values grow slower than n². The runner-up must be O(n log n), the
 * neighbour on the exponent's side, and since 1.29 is nearer its 1.22
 * than 2, the two cannot be told apart.
 */
static void test_tie_never_contradicts_the_exponent(void **unused) {
  (void)unused;
  double n[] = {16, 64, 256, 1024};
  double value[4];
  for (int i = 0; i < 4; i++)
    value[i] = 1000.0 * n[i] * n[i] + 1e7 + n[i] * n[i] * n[i];
  ys_complexity_fit fit = {0};
  assert_int_equal(ys_complexity_fit_points(n, value, 4, &fit), 0);
  assert_int_equal(fit.best, YS_COMPLEXITY_N2);
  assert_close(fit.rms, 0.037749, 1e-5);
  assert_close(fit.exponent, 1.2891186, 1e-6);
  assert_int_equal(fit.runner_up, YS_COMPLEXITY_N_LOG_N);
  assert_close(fit.runner_up_rms, 0.296723, 1e-5);
  assert_true(fit.indistinguishable);
  assert_close(ys_complexity_class_exponent(YS_COMPLEXITY_N_LOG_N, 16, 1024),
               1.2203213, 1e-6);
  assert_close(ys_complexity_class_exponent(YS_COMPLEXITY_N2, 16, 1024), 2.0,
               1e-12);
  char text[512];
  assert_non_null(ys_complexity_text_tie(&fit, text, sizeof(text)));
  if (strstr(text, "exponent 1.29 is nearer O(n log n)'s 1.22 than "
                   "O(n^2)'s 2.00") == NULL)
    fail_msg("%s", text);
  assert_non_null(strstr(text, "O(n^2) and O(n log n) cannot be told apart"));
  assert_null(strstr(text, "n^3"));

  /* A sweep of such families (constant 10^5·j, cubic term 0.1·j·n³,
   * j = 0..50): whenever a tie is reported, the runner-up's own exponent
   * lies on the side of the best's that the measured exponent is on. */
  for (int cubic = 0; cubic <= 50; cubic++) {
    for (int i = 0; i < 4; i++)
      value[i] =
          1000.0 * n[i] * n[i] + 1e5 * cubic + 0.1 * cubic * n[i] * n[i] * n[i];
    assert_int_equal(ys_complexity_fit_points(n, value, 4, &fit), 0);
    double own = ys_complexity_class_exponent(fit.best, 16, 1024);
    double other = ys_complexity_class_exponent(fit.runner_up, 16, 1024);
    if (fit.indistinguishable && fit.exponent != own)
      assert_true((fit.exponent > own) == (other > own));
  }
}

/* The user's function of the tests below: n^1.5, which is none of the
 * built-in classes (its exponent lies between n log n's and n²'s). */
static double n_to_1_5(double n) {
  return n * sqrt(n);
}

/*
 * A user's function fitted beside the classes, on planted points
 * n = 2^k, k = 4..10, value = 4·n^1.5·(1 + e_k), e_k = +1 % for even k and
 * −1 % for odd k, as planted_n_squared.
 *
 * The oracle, by hand: with f = n^1.5, f² = n³ = 8^k, so
 *   S₊ = Σ 8^k = 8^4·(8^7 − 1)/7 and S₋ = Σ (−1)^k 8^k = 8^4·(8^7 + 1)/9
 * over k = 4..10, and c = Σ f·v / Σ f² = 4·(1 + 0.01·7·(8^7 + 1) /
 * (9·(8^7 − 1))) ≈ 4.0311111. The exponent is 1.5 exactly by the symmetry
 * argument of planted_n_squared. The function's own exponent over 16..1024
 * is 1.5. No built-in class has that shape, so every one of them misses
 * by far more than the ±1 % noise: the function is the best fit, named
 * by its name, and not tied with anything.
 */
static void test_user_function_fits_best(void **unused) {
  (void)unused;
  double n[7], value[7];
  for (int k = 4; k <= 10; k++) {
    double nk = (double)(1 << k);
    n[k - 4] = nk;
    value[k - 4] = 4.0 * n_to_1_5(nk) * (k % 2 == 0 ? 1.01 : 0.99);
  }
  ys_complexity_def user = {.family = "f", .name = "n^1.5", .f = n_to_1_5};
  ys_complexity_fit fit = {0};
  assert_int_equal(ys_complexity_fit_points_with(n, value, 7, &user, &fit), 0);
  assert_int_equal(fit.best, YS_COMPLEXITY_USER);
  assert_string_equal(fit.user_name, "n^1.5");
  assert_string_equal(ys_complexity_fit_name(&fit, fit.best), "n^1.5");
  const double p = 2097152.0; /* 8^7 */
  double expected_c = 4.0 * (1.0 + 0.01 * 7.0 * (p + 1) / (9.0 * (p - 1)));
  assert_close(fit.coefficient, expected_c, 1e-9);
  assert_close(fit.user_coefficient, expected_c, 1e-9);
  assert_close(fit.user_rms, fit.rms, 0);
  /* The relative RMS, computed with a short Python script of the same
   * formulas (no GSL): 0.0114456. */
  assert_close(fit.rms, 0.0114456, 1e-6);
  assert_close(fit.exponent, 1.5, 1e-9);
  assert_close(fit.user_exponent, 1.5, 1e-12);
  assert_false(fit.indistinguishable);
  char text[256];
  ys_complexity_text_fit(&fit, text, sizeof(text));
  if (strstr(text, "O(n^1.5): 4.03 ") != text) fail_msg("%s", text);

  /* Exact n² values: the class n² fits with no residual and wins; the
   * user's function is fitted too and keeps its own figures. */
  for (int i = 0; i < 7; i++)
    value[i] = 3.0 * n[i] * n[i];
  assert_int_equal(ys_complexity_fit_points_with(n, value, 7, &user, &fit), 0);
  assert_int_equal(fit.best, YS_COMPLEXITY_N2);
  assert_close(fit.rms, 0.0, 1e-12);
  assert_true(fit.user_rms > 0.05);
  assert_string_equal(fit.user_name, "n^1.5");

  /* A function that is not above 0 at every size (log2 n at n = 1) cannot
   * be fitted: its RMS is infinite, it never wins, and nothing crashes.
   * The values are n exactly, so O(n) wins with no residual. */
  double small[] = {1, 2, 4, 8};
  double v4[] = {1, 2, 4, 8};
  ys_complexity_def zero = {.family = "f", .name = "log2", .f = log2};
  assert_int_equal(ys_complexity_fit_points_with(small, v4, 4, &zero, &fit), 0);
  assert_int_equal(fit.best, YS_COMPLEXITY_N);
  assert_true(isinf(fit.user_rms));
}

static void test_fewer_than_four_points_fit_nothing(void **unused) {
  (void)unused;
  double n[] = {16, 64, 256};
  double value[] = {10, 160, 2560};
  ys_complexity_fit fit = {.fitted = true};
  assert_int_equal(ys_complexity_fit_points(n, value, 3, &fit), 0);
  assert_false(fit.fitted);
  assert_int_equal(fit.n_points, 3);
  assert_int_equal(fit.n_min, 16);
  assert_int_equal(fit.n_max, 256);
}

static void test_non_positive_value_is_refused(void **unused) {
  (void)unused;
  double n[] = {1, 2, 3, 4};
  double value[] = {1, 2, 0, 4};
  ys_complexity_fit fit = {0};
  assert_int_equal(ys_complexity_fit_points(n, value, 4, &fit), YS_EINVAL);
  value[2] = NAN;
  assert_int_equal(ys_complexity_fit_points(n, value, 4, &fit), YS_EINVAL);
}

/* A result of `family` named `name` whose headline (its mean: no linear
 * round) is `value`. */
static void point(ys_bench_result *res, ys_series *s, const char *family,
                  const char *name, double value) {
  static ys_round one_round = {.n_samples = 1};
  memset(s, 0, sizeof(*s));
  s->metric = "time";
  s->unit = "ns";
  s->rounds = &one_round;
  s->n_rounds = 1;
  s->analysis.mean = (ys_estimate){value, value, value};
  memset(res, 0, sizeof(*res));
  snprintf(res->family, sizeof(res->family), "%s", family);
  snprintf(res->name, sizeof(res->name), "%s", name);
  res->series = s;
  res->n_series = 1;
}

/* A run's families: "sort" with 4 sizes is fitted (value = n, so O(n) with
 * c = 1), "copy" with 3 is listed unfitted, "hash" (one instance), "mode"
 * (a parameter that is not a number) and a failed instance are left out. */
static void test_fits_of_a_run(void **unused) {
  (void)unused;
  ys_bench_result b[10];
  ys_series s[10];
  point(&b[0], &s[0], "copy", "copy/1", 1);
  point(&b[1], &s[1], "copy", "copy/2", 2);
  point(&b[2], &s[2], "copy", "copy/3", 3);
  point(&b[3], &s[3], "hash", "hash/8", 3);
  point(&b[4], &s[4], "mode", "mode/fast", 3);
  point(&b[5], &s[5], "mode", "mode/slow", 4);
  point(&b[6], &s[6], "sort", "sort/10", 10);
  point(&b[7], &s[7], "sort", "sort/20", 20);
  point(&b[8], &s[8], "sort", "sort/40", 40);
  point(&b[9], &s[9], "sort", "sort/80", 80);
  ys_run_result run = {.benches = b, .n_benches = 10};
  assert_int_equal(ys_complexity_fit_run(&run), 0);
  assert_int_equal(run.n_complexity, 2);
  assert_string_equal(run.complexity[0].family, "copy");
  assert_false(run.complexity[0].fitted);
  assert_int_equal(run.complexity[0].n_points, 3);
  assert_string_equal(run.complexity[1].family, "sort");
  assert_true(run.complexity[1].fitted);
  assert_string_equal(run.complexity[1].unit, "ns");
  assert_int_equal(run.complexity[1].best, YS_COMPLEXITY_N);
  assert_close(run.complexity[1].coefficient, 1.0, 1e-12);
  assert_close(run.complexity[1].exponent, 1.0, 1e-12);

  /* A failed size is no point: "sort" drops to 3, unfitted. */
  b[7].status = YS_BENCH_FAILED;
  assert_int_equal(ys_complexity_fit_run(&run), 0);
  assert_int_equal(run.n_complexity, 2);
  assert_false(run.complexity[1].fitted);
  assert_int_equal(run.complexity[1].n_points, 3);
  free(run.complexity);
}

/* Sizes of 0 or below are no points (log n and the exponent need n > 0)
 * but are counted and said: BENCH_ARGS(neg, -8, -4, 2, 4, 8) has 3
 * points and 2 left out; BENCH_ARGS(withzero, 0, 1, 2, 4, 8, 16) fits 5
 * and leaves out 1; a family of one point and one left out still gets a
 * line, where it used to vanish. */
static void test_sizes_left_out_are_said(void **unused) {
  (void)unused;
  ys_bench_result b[13];
  ys_series s[13];
  point(&b[0], &s[0], "neg", "neg/-8", 8);
  point(&b[1], &s[1], "neg", "neg/-4", 4);
  point(&b[2], &s[2], "neg", "neg/2", 2);
  point(&b[3], &s[3], "neg", "neg/4", 4);
  point(&b[4], &s[4], "neg", "neg/8", 8);
  point(&b[5], &s[5], "one", "one/n:0", 1);
  point(&b[6], &s[6], "one", "one/n:1", 1);
  point(&b[7], &s[7], "withzero", "withzero/0", 1);
  point(&b[8], &s[8], "withzero", "withzero/1", 1);
  point(&b[9], &s[9], "withzero", "withzero/2", 2);
  point(&b[10], &s[10], "withzero", "withzero/4", 4);
  point(&b[11], &s[11], "withzero", "withzero/8", 8);
  point(&b[12], &s[12], "withzero", "withzero/16", 16);
  ys_run_result run = {.benches = b, .n_benches = 13};
  assert_int_equal(ys_complexity_fit_run(&run), 0);
  assert_int_equal(run.n_complexity, 3);
  char text[512];
  const ys_complexity_fit *neg = &run.complexity[0];
  assert_string_equal(neg->family, "neg");
  assert_false(neg->fitted);
  assert_int_equal(neg->n_points, 3);
  assert_int_equal(neg->n_left_out, 2);
  assert_string_equal(ys_complexity_text_fit(neg, text, sizeof(text)),
                      "no fit: 3 sizes, a fit needs at least 4; 2 sizes "
                      "\xe2\x89\xa4 0 left out: log n and the exponent need "
                      "n > 0");
  const ys_complexity_fit *one = &run.complexity[1];
  assert_string_equal(one->family, "one");
  assert_int_equal(one->n_points, 1);
  assert_int_equal(one->n_left_out, 1);
  const ys_complexity_fit *zero = &run.complexity[2];
  assert_string_equal(zero->family, "withzero");
  assert_true(zero->fitted);
  assert_int_equal(zero->n_points, 5);
  assert_int_equal(zero->n_left_out, 1);
  assert_int_equal(zero->n_min, 1);
  ys_complexity_text_fit(zero, text, sizeof(text));
  assert_non_null(strstr(text, "(5 sizes, 1..16; 1 size \xe2\x89\xa4 0 left "
                               "out: log n and the exponent need n > 0)"));
  /* Without sizes left out, nothing is added. */
  run.complexity[2].n_left_out = 0;
  assert_null(
      ys_complexity_text_left_out(&run.complexity[2], text, sizeof(text)));
  ys_complexity_text_fit(&run.complexity[2], text, sizeof(text));
  assert_null(strstr(text, "left out"));
  free(run.complexity);
}

/* A group member over one named axis ("sort/insertion/n:16") is fitted
 * with n from the axis: value = n² planted, so O(n²) with c = 1 and
 * exponent 2. A family with two axes ("matmul/rows:8/cols:8") or a variant
 * axis ("mode/kind:fast" is not a number) gets no line. */
static void test_named_axis_is_the_size(void **unused) {
  (void)unused;
  ys_bench_result b[8];
  ys_series s[8];
  point(&b[0], &s[0], "sort/insertion", "sort/insertion/n:16", 256);
  point(&b[1], &s[1], "sort/insertion", "sort/insertion/n:64", 4096);
  point(&b[2], &s[2], "sort/insertion", "sort/insertion/n:256", 65536);
  point(&b[3], &s[3], "sort/insertion", "sort/insertion/n:1024", 1048576);
  point(&b[4], &s[4], "matmul", "matmul/rows:8/cols:8", 64);
  point(&b[5], &s[5], "matmul", "matmul/rows:16/cols:8", 128);
  point(&b[6], &s[6], "mode", "mode/kind:fast", 1);
  point(&b[7], &s[7], "mode", "mode/kind:slow", 2);
  ys_run_result run = {.benches = b, .n_benches = 8};
  assert_int_equal(ys_complexity_fit_run(&run), 0);
  assert_int_equal(run.n_complexity, 1);
  assert_string_equal(run.complexity[0].family, "sort/insertion");
  assert_true(run.complexity[0].fitted);
  assert_int_equal(run.complexity[0].n_points, 4);
  assert_int_equal(run.complexity[0].n_min, 16);
  assert_int_equal(run.complexity[0].n_max, 1024);
  assert_int_equal(run.complexity[0].best, YS_COMPLEXITY_N2);
  assert_close(run.complexity[0].coefficient, 1.0, 1e-12);
  assert_close(run.complexity[0].exponent, 2.0, 1e-12);
  free(run.complexity);
}

/* A run's families take the function declared for their family name, and
 * only theirs. */
static void test_user_function_of_a_family(void **unused) {
  (void)unused;
  ys_bench_result b[8];
  ys_series s[8];
  static const long sizes[] = {16, 64, 256, 1024};
  char name[64];
  for (int i = 0; i < 4; i++) {
    double nk = (double)sizes[i];
    snprintf(name, sizeof(name), "mine/%ld", sizes[i]);
    point(&b[i], &s[i], "mine", name, 2.0 * n_to_1_5(nk));
    snprintf(name, sizeof(name), "other/%ld", sizes[i]);
    point(&b[4 + i], &s[4 + i], "other", name, 2.0 * n_to_1_5(nk));
  }
  ys_complexity_def user = {.family = "mine", .name = "n^1.5", .f = n_to_1_5};
  ys_run_result run = {.benches = b, .n_benches = 8};
  assert_int_equal(ys_complexity_fit_run_with(&run, &user), 0);
  assert_int_equal(run.n_complexity, 2);
  assert_string_equal(run.complexity[0].family, "mine");
  assert_int_equal(run.complexity[0].best, YS_COMPLEXITY_USER);
  assert_close(run.complexity[0].coefficient, 2.0, 1e-12);
  assert_string_equal(run.complexity[1].family, "other");
  assert_string_equal(run.complexity[1].user_name, "");
  assert_true(run.complexity[1].best != YS_COMPLEXITY_USER);
  free(run.complexity);
}

/* Declarations are checked against the program's families at start-up. */
static void test_user_functions_are_checked(void **unused) {
  (void)unused;
  static const int64_t sizes[] = {16, 64, 256, 1024};
  static const ys_axis named_n[] = {
      {.name = "n", .kind = YS_AXIS_VALUES, .values = sizes, .n_values = 4}};
  const ys_bench libc = {.name = "sort/libc", .axes = named_n, .n_axes = 1};
  const ys_bench scan = {.name = "scan", .args = sizes, .n_args = 4};
  const ys_bench *families[] = {&libc, &libc, &scan};
  ys_complexity_def a = {.family = "sort/libc",
                         .name = "n + n log n",
                         .f = n_to_1_5,
                         .file = "a.c",
                         .line = 3};
  char err[256] = "";
  assert_int_equal(ys_complexity_check_users(&a, families, 3, err, sizeof(err)),
                   0);
  ys_complexity_def typo = a;
  typo.family = "sort/lib";
  typo.line = 9;
  assert_int_equal(
      ys_complexity_check_users(&typo, families, 3, err, sizeof(err)),
      YS_EINVAL);
  assert_non_null(strstr(err, "a.c:9: YS_COMPLEXITY for 'sort/lib': no "
                              "benchmark family of that name"));
  ys_complexity_def twice = a;
  twice.line = 12;
  twice.next = &a;
  assert_int_equal(
      ys_complexity_check_users(&twice, families, 3, err, sizeof(err)),
      YS_EINVAL);
  assert_non_null(strstr(err, "a.c:3: YS_COMPLEXITY for 'sort/libc': the "
                              "family already has one (a.c:12)"));
  ys_complexity_def unnamed = a;
  unnamed.name = "";
  assert_int_equal(
      ys_complexity_check_users(&unnamed, families, 3, err, sizeof(err)),
      YS_EINVAL);
  assert_non_null(strstr(err, "its name is empty"));
}

/* A family that never gets a fit (no parameter, several axes, variants)
 * refuses a function of its own: it would never be fitted. */
static void test_user_function_needs_a_family_over_sizes(void **unused) {
  (void)unused;
  static const int64_t sizes[] = {16, 64, 256, 1024};
  static const char *const modes[] = {"fast", "safe"};
  static const ys_axis two[] = {
      {.kind = YS_AXIS_VALUES, .values = sizes, .n_values = 4},
      {.kind = YS_AXIS_VALUES, .values = sizes, .n_values = 4}};
  static const ys_axis variants[] = {
      {.kind = YS_AXIS_VARIANTS, .variants = modes, .n_variants = 2}};
  const ys_bench grid = {.name = "two", .axes = two, .n_axes = 2};
  const ys_bench mode = {.name = "mode", .axes = variants, .n_axes = 1};
  const ys_bench plain = {.name = "plain"};
  const ys_bench *families[] = {&grid, &mode, &plain};
  ys_complexity_def d = {.name = "n", .f = n_to_1_5, .file = "b.c", .line = 7};
  char err[256] = "";
  d.family = "two";
  assert_int_equal(ys_complexity_check_users(&d, families, 3, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err,
                         "b.c:7: YS_COMPLEXITY for 'two': the family has 2 "
                         "parameter axes"));
  d.family = "mode";
  assert_int_equal(ys_complexity_check_users(&d, families, 3, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(
      strstr(err, "b.c:7: YS_COMPLEXITY for 'mode': its axis is YS_VARIANTS"));
  d.family = "plain";
  assert_int_equal(ys_complexity_check_users(&d, families, 3, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "b.c:7: YS_COMPLEXITY for 'plain': the "
                              "benchmark has no parameter"));
}

static void test_class_names_round_trip(void **unused) {
  (void)unused;
  for (int c = 0; c < YS_COMPLEXITY_COUNT; c++) {
    ys_complexity_class back;
    assert_true(
        ys_complexity_parse(ys_complexity_name((ys_complexity_class)c), &back));
    assert_int_equal(back, c);
  }
  ys_complexity_class out;
  assert_false(ys_complexity_parse("n^4", &out));
  assert_string_equal(ys_complexity_name(YS_COMPLEXITY_N_LOG_N), "n log n");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_planted_n_squared_is_recovered),
      cmocka_unit_test(test_exact_n_log_n),
      cmocka_unit_test(test_constant_per_call_keeps_n_log_n),
      cmocka_unit_test(test_narrow_range_is_indistinguishable),
      cmocka_unit_test(test_tie_never_contradicts_the_exponent),
      cmocka_unit_test(test_user_function_fits_best),
      cmocka_unit_test(test_fewer_than_four_points_fit_nothing),
      cmocka_unit_test(test_non_positive_value_is_refused),
      cmocka_unit_test(test_fits_of_a_run),
      cmocka_unit_test(test_sizes_left_out_are_said),
      cmocka_unit_test(test_named_axis_is_the_size),
      cmocka_unit_test(test_user_function_of_a_family),
      cmocka_unit_test(test_user_functions_are_checked),
      cmocka_unit_test(test_user_function_needs_a_family_over_sizes),
      cmocka_unit_test(test_class_names_round_trip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
