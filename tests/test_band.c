/*
 * test_band.c — gate/band.c and its use by the gate: the band of planted
 * estimates against widths worked out by hand below, and verdicts that a
 * band wider than the threshold turns from regressed to unchanged while a
 * narrower one changes nothing.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/model.h"
#include "core/policy.h"
#include "gate/band.h"
#include "gate/gate.h"

/* ---- The width ------------------------------------------------------- */

/* Five estimates, unsorted. Sorted by hand: 98, 100, 101, 104, 110; the
 * median is the middle one, 101; the range is 110 − 98 = 12; the band is
 * 12 / 101 = 0.11881188... */
static void band_of_odd_count_is_range_over_middle(void **state) {
  (void)state;
  const double x[] = {104.0, 98.0, 110.0, 101.0, 100.0};
  assert_float_equal(ys_band_width(x, 5), 12.0 / 101.0, 1e-12);
}

/* Six estimates. Sorted by hand: 9, 10, 11, 12, 13, 14; the median is the
 * mean of the two middle ones, (11 + 12) / 2 = 11.5; the range is 5; the
 * band is 5 / 11.5 = 0.43478... */
static void band_of_even_count_uses_mean_of_middle_pair(void **state) {
  (void)state;
  const double x[] = {13.0, 9.0, 12.0, 14.0, 10.0, 11.0};
  assert_float_equal(ys_band_width(x, 6), 5.0 / 11.5, 1e-12);
}

/* Identical runs have no spread at all. */
static void band_of_equal_estimates_is_zero(void **state) {
  (void)state;
  const double x[] = {7.0, 7.0, 7.0, 7.0, 7.0};
  assert_float_equal(ys_band_width(x, 5), 0.0, 0.0);
}

/* Below YS_POLICY_BAND_MIN_RUNS (5) runs there is no band yet, however
 * wide the spread of the runs there are. */
static void band_needs_min_runs(void **state) {
  (void)state;
  const double x[] = {1.0, 2.0, 3.0, 4.0, 5.0};
  assert_true(isnan(ys_band_width(x, YS_POLICY_BAND_MIN_RUNS - 1)));
  assert_false(isnan(ys_band_width(x, YS_POLICY_BAND_MIN_RUNS)));
  assert_true(isnan(ys_band_width(NULL, 0)));
}

/* ---- The gate with bands ---------------------------------------------- */

/* Ten round estimates around 100 ns on a quiet machine. */
static const double BASE10[10] = {100.0, 100.4, 100.9, 101.3, 100.2,
                                  101.7, 100.6, 102.0, 101.1, 100.8};

/* A one-benchmark run whose ten rounds are BASE10 × factor. */
static ys_run_result make_run(const char *metric, bool exact, double factor) {
  ys_run_result run = {.benches = calloc(1, sizeof(ys_bench_result)),
                       .n_benches = 1};
  assert_non_null(run.benches);
  ys_bench_result *res = run.benches;
  snprintf(res->name, sizeof(res->name), "hash");
  res->status = YS_BENCH_OK;
  res->series = calloc(1, sizeof(*res->series));
  assert_non_null(res->series);
  res->n_series = 1;
  ys_series *s = res->series;
  s->metric = metric;
  s->unit = "ns";
  s->exact = exact;
  s->samples = calloc(10, sizeof(*s->samples));
  s->rounds = calloc(10, sizeof(*s->rounds));
  assert_non_null(s->samples);
  assert_non_null(s->rounds);
  s->n_samples = s->n_rounds = 10;
  for (size_t i = 0; i < 10; i++) {
    s->samples[i] = (ys_sample){1, BASE10[i] * factor};
    s->rounds[i] = (ys_round){
        .first_sample = i, .n_samples = 1, .estimate = BASE10[i] * factor};
  }
  return run;
}

/* Judges a run 10 % slower than its baseline (every round × 1.10, so the
 * change of the lower quartile is exactly +10 % and its interval is far
 * from 0) with `table` as the bands. */
static ys_comparison judge_slower(const ys_band_table *table, bool exact) {
  const char *metric = exact ? "instructions" : "time";
  ys_run_result base = make_run(metric, exact, 1.0);
  ys_run_result now = make_run(metric, exact, 1.10);
  ys_gate g = {.current = &now,
               .base = &base,
               .compare = ys_compare_config_default(1),
               .bands = table};
  ys_judgement j;
  assert_int_equal(ys_gate_judge(&g, &j), 0);
  assert_int_equal(j.n, 1);
  ys_comparison c = j.entries[0].cmp;
  ys_judgement_free(&j);
  ys_run_result_free(&now);
  ys_run_result_free(&base);
  return c;
}

/* Without bands, +10 % against a 5 % threshold regressed. */
static void no_bands_regressed(void **state) {
  (void)state;
  ys_comparison c = judge_slower(NULL, false);
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);
  assert_false(c.band_checked);
}

/* A band of 20 % is the bar: a +10 % change does not clear it. The
 * comparison still reports the user's threshold, and the band beside it. */
static void wide_band_holds_back_the_change(void **state) {
  (void)state;
  ys_band band = {.name = "hash", .metric = "time", .width = 0.20, .runs = 8};
  ys_band_table t = {.bands = &band, .n = 1};
  ys_comparison c = judge_slower(&t, false);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
  assert_true(c.band_checked);
  assert_float_equal(c.band, 0.20, 0.0);
  assert_int_equal(c.band_runs, 8);
  assert_float_equal(c.threshold, YS_POLICY_THRESHOLD, 0.0);
}

/* A band narrower than the threshold changes nothing: a steady benchmark
 * is not held to a tighter standard than the threshold. */
static void narrow_band_keeps_the_threshold(void **state) {
  (void)state;
  ys_band band = {.name = "hash", .metric = "time", .width = 0.01, .runs = 8};
  ys_band_table t = {.bands = &band, .n = 1};
  ys_comparison c = judge_slower(&t, false);
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);
  assert_float_equal(c.band, 0.01, 0.0);
}

/* Too few runs: the existing rule, and the comparison says so (NaN band,
 * the runs there are). */
static void band_not_yet_available(void **state) {
  (void)state;
  ys_band band = {.name = "hash", .metric = "time", .width = NAN, .runs = 3};
  ys_band_table t = {.bands = &band, .n = 1};
  ys_comparison c = judge_slower(&t, false);
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);
  assert_true(c.band_checked);
  assert_true(isnan(c.band));
  assert_int_equal(c.band_runs, 3);
}

/* A band of another metric (wall time) says nothing of a run counting
 * instructions, and exact counts never get a band. */
static void band_of_other_metric_or_exact_ignored(void **state) {
  (void)state;
  ys_band band = {.name = "hash", .metric = "time", .width = 0.5, .runs = 8};
  ys_band_table t = {.bands = &band, .n = 1};
  ys_comparison c = judge_slower(&t, true);
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);
  assert_true(isnan(c.band));
  ys_band counted = {
      .name = "hash", .metric = "instructions", .width = 0.5, .runs = 8};
  ys_band_table t2 = {.bands = &counted, .n = 1};
  c = judge_slower(&t2, true);
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);
  assert_true(isnan(c.band));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(band_of_odd_count_is_range_over_middle),
      cmocka_unit_test(band_of_even_count_uses_mean_of_middle_pair),
      cmocka_unit_test(band_of_equal_estimates_is_zero),
      cmocka_unit_test(band_needs_min_runs),
      cmocka_unit_test(no_bands_regressed),
      cmocka_unit_test(wide_band_holds_back_the_change),
      cmocka_unit_test(narrow_band_keeps_the_threshold),
      cmocka_unit_test(band_not_yet_available),
      cmocka_unit_test(band_of_other_metric_or_exact_ignored),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
