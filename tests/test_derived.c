/* Tests of analysis/derived.c and its line in the console report: ratios
 * of perf counters, only where both counters exist. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tests/support/render.h"
#include "tests/test_support.h"

#include "analysis/derived.h"
#include "reports/report.h"

extern const ys_report_ops ys_report_console;

/* A series whose headline (mean: no linear round) is `value`. */
static ys_series counter(const char *metric, double value) {
  static ys_round one_round = {.n_samples = 1};
  ys_series s = {.metric = metric,
                 .unit = "events",
                 .kind = YS_METRIC_COUNT,
                 .n_rounds = 1};
  s.rounds = &one_round;
  s.analysis.mean = (ys_estimate){value, value, value};
  return s;
}

static void test_ratios_of_counters_present(void **unused) {
  (void)unused;
  ys_series series[] = {
      counter("instructions", 2000), counter("cycles", 800),
      counter("branches", 400),      counter("branch-misses", 6),
      counter("cache-misses", 3), /* no cache-references: no rate */
  };
  ys_bench_result res = {.series = series, .n_series = 5};
  ys_derived d[YS_DERIVED_MAX];
  assert_int_equal(ys_derived_ratios(&res, d), 2);
  assert_string_equal(d[0].name, "ipc");
  assert_close(d[0].value, 2.5, 1e-15);
  assert_false(d[0].percent);
  assert_string_equal(d[1].name, "branch_miss_rate");
  assert_close(d[1].value, 0.015, 1e-15);
  assert_true(d[1].percent);
}

static void test_no_ratio_without_denominator(void **unused) {
  (void)unused;
  ys_series series[] = {counter("instructions", 2000), counter("cycles", 0)};
  ys_bench_result res = {.series = series, .n_series = 2};
  ys_derived d[YS_DERIVED_MAX];
  assert_int_equal(ys_derived_ratios(&res, d), 0);
}

static void test_console_prints_the_ratios(void **unused) {
  (void)unused;
  ys_series series[] = {counter("instructions", 2000), counter("cycles", 800)};
  ys_bench_result res = {.name = "hash", .series = series, .n_series = 2};
  ys_context ctx = {.rounds = 1, .sample_size = 1};
  ys_summary sum = {.n_ok = 1};
  ys_report_entry entry = {&res, NULL};
  ys_run_view run = {.ctx = &ctx, .summary = &sum, .entries = &entry, .n = 1};
  char *text = ys_test_render(&ys_report_console, &run, false);
  if (strstr(text, "derived: IPC 2.500\n") == NULL)
    fail_msg("no IPC line in:\n%s", text);
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ratios_of_counters_present),
      cmocka_unit_test(test_no_ratio_without_denominator),
      cmocka_unit_test(test_console_prints_the_ratios),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
