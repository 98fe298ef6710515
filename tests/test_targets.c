/* Tests of gate/targets.c: limits parsed with their units, targets
 * checked against the program (unknown benchmark or metric, a unit that
 * does not fit the metric), and judged on a run built by hand: a time
 * passes only when its interval's upper end is within budget, an exact
 * count when the count is; a benchmark not in the run is "not run". */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tests/test_support.h"
#include <yardstick.h>

#include "core/error.h"
#include "gate/targets.h"
#include "reports/targets_text.h"

static void test_limits_parse_with_units(void **unused) {
  (void)unused;
  double v;
  ys_limit_unit u;
  assert_true(ys_targets_parse_limit("16.6ms", &v, &u));
  assert_int_equal(u, YS_LIMIT_NS);
  assert_true(fabs(v - 16.6 * 1e6) < 1e-6);
  assert_true(ys_targets_parse_limit("250 us", &v, &u));
  assert_true(fabs(v - 250 * 1e3) < 1e-9);
  assert_true(ys_targets_parse_limit("3\xc2\xb5s", &v, &u)); /* µs */
  assert_true(fabs(v - 3 * 1e3) < 1e-9);
  assert_true(ys_targets_parse_limit("2s", &v, &u));
  assert_true(v == 2e9);
  assert_true(ys_targets_parse_limit("40ns", &v, &u));
  assert_true(v == 40);
  assert_true(ys_targets_parse_limit("1200", &v, &u));
  assert_int_equal(u, YS_LIMIT_PLAIN);
  assert_true(v == 1200);
  assert_false(ys_targets_parse_limit("12 parsecs", &v, &u));
  assert_false(ys_targets_parse_limit("ms", &v, &u));
  assert_false(ys_targets_parse_limit("-3ms", &v, &u));
  assert_false(ys_targets_parse_limit("inf", &v, &u));
}

static ys_target_spec spec(const char *bench, const char *metric, double limit,
                           ys_limit_unit unit) {
  ys_target_spec s = {.limit = limit, .unit = unit};
  strcpy(s.benchmark, bench);
  strcpy(s.metric, metric);
  strcpy(s.source, "yardstick.yaml:4");
  return s;
}

static const char *const names[] = {"parse/1k", "walk"};
static const ys_target_metric metrics[] = {
    {"time", "ns", YS_METRIC_TIME},
    {"instructions", "instructions", YS_METRIC_COUNT}};

/* Checks a table of the one target s; returns the code, message in err. */
static int check_one(ys_target_spec s, char *err, size_t len) {
  ys_target_table t = {0};
  assert_int_equal(ys_targets_add(&t, &s), 0);
  int rc = ys_targets_check(&t, names, 2, metrics, 2, err, len);
  ys_targets_free(&t);
  return rc;
}

static void test_check_names_the_target_and_source(void **unused) {
  (void)unused;
  char err[400];
  assert_int_equal(
      check_one(spec("parse/1k", "time", 1e6, YS_LIMIT_NS), err, 400), 0);
  assert_int_equal(
      check_one(spec("parse/2k", "time", 1e6, YS_LIMIT_NS), err, 400),
      YS_EINVAL);
  assert_string_equal(err, "yardstick.yaml:4: target on 'parse/2k': no "
                           "benchmark of that name (bench --list lists them)");
  assert_int_equal(check_one(spec("walk", "D1mr", 3, YS_LIMIT_PLAIN), err, 400),
                   YS_EINVAL);
  assert_string_equal(err, "yardstick.yaml:4: target on 'walk': metric 'D1mr' "
                           "is not recorded by this run (available: time, "
                           "instructions)");
  assert_int_equal(check_one(spec("walk", "time", 3, YS_LIMIT_PLAIN), err, 400),
                   YS_EINVAL);
  assert_non_null(strstr(err, "give the limit a unit"));
  assert_int_equal(
      check_one(spec("walk", "instructions", 3e3, YS_LIMIT_NS), err, 400),
      YS_EINVAL);
  assert_non_null(strstr(err, "without a time unit"));
}

/* A one-round series with the given headline estimate. */
static ys_series series_of(const char *metric, ys_metric_kind kind, bool exact,
                           ys_estimate e, ys_round *round) {
  ys_series s = {.metric = metric,
                 .unit = kind == YS_METRIC_TIME ? "ns" : metric,
                 .kind = kind,
                 .exact = exact,
                 .rounds = round,
                 .n_rounds = 1};
  s.analysis.mean = e;
  return s;
}

static void test_judging(void **unused) {
  (void)unused;
  ys_round round = {0};
  /* parse/1k: time [10, 12, 15] ms per iteration, in ns. */
  ys_series parse = series_of("time", YS_METRIC_TIME, false,
                              (ys_estimate){10e6, 12e6, 15e6}, &round);
  parse.analysis.mean = (ys_estimate){.point = 12e6, .lo = 10e6, .hi = 15e6};
  /* walk: exactly 1000 instructions per iteration. */
  ys_series walk = series_of("instructions", YS_METRIC_COUNT, true,
                             (ys_estimate){1000, 1000, 1000}, &round);
  ys_bench_result benches[2] = {
      {.name = "parse/1k",
       .status = YS_BENCH_OK,
       .series = &parse,
       .n_series = 1},
      {.name = "walk", .status = YS_BENCH_OK, .series = &walk, .n_series = 1}};
  ys_run_result run = {.benches = benches, .n_benches = 2};

  ys_target_table t = {0};
  /* 16 ms: above the upper end, 15 ms: pass. */
  ys_targets_add(&t, &(ys_target_spec){.benchmark = "parse/1k",
                                       .metric = "time",
                                       .limit = 16e-3,
                                       .unit = YS_LIMIT_CODE});
  /* Exact counts: 1000 <= 1000 passes, 999 misses. */
  ys_targets_add(&t, &(ys_target_spec){.benchmark = "walk",
                                       .metric = "instructions",
                                       .limit = 1000,
                                       .unit = YS_LIMIT_PLAIN});
  char err[300];
  static const char *const all[] = {"parse/1k", "walk", "left_out"};
  assert_int_equal(ys_targets_check(&t, all, 3, metrics, 2, err, 300), 0);
  /* Added past the check, which refuses two targets on one benchmark,
   * metric and direction. 13 ms: above the point (12) but below the upper
   * end (15): a miss, since only the upper end within budget is a pass. */
  ys_targets_add(&t, &(ys_target_spec){.benchmark = "parse/1k",
                                       .metric = "time",
                                       .limit = 13e6,
                                       .unit = YS_LIMIT_NS});
  ys_targets_add(&t, &(ys_target_spec){.benchmark = "walk",
                                       .metric = "instructions",
                                       .limit = 999,
                                       .unit = YS_LIMIT_CODE});
  ys_targets_add(&t, &(ys_target_spec){.benchmark = "left_out",
                                       .metric = "time",
                                       .limit = 1,
                                       .unit = YS_LIMIT_CODE});
  assert_int_equal(ys_targets_judge(&t, &run), 2);
  assert_int_equal(t.results[0].status, YS_TARGET_PASS);
  /* 16 ms is 16e6 ns; the margin is the share left at the upper end:
   * (16 - 15) / 16. */
  assert_true(t.results[0].limit == 16e6);
  assert_true(fabs(t.results[0].margin - 1.0 / 16.0) < 1e-12);
  assert_true(t.results[0].judged == 15e6);
  assert_int_equal(t.results[2].status, YS_TARGET_MISS);
  /* (13 - 15) / 13 */
  assert_true(fabs(t.results[2].margin - (-2.0 / 13.0)) < 1e-12);
  assert_int_equal(t.results[1].status, YS_TARGET_PASS);
  assert_true(t.results[1].margin == 0);
  assert_int_equal(t.results[3].status, YS_TARGET_MISS);
  assert_int_equal(t.results[4].status, YS_TARGET_NOT_RUN);
  ys_targets_free(&t);
}

static void test_failed_benchmark_is_not_measured(void **unused) {
  (void)unused;
  ys_bench_result failed = {.name = "walk", .status = YS_BENCH_FAILED};
  ys_run_result run = {.benches = &failed, .n_benches = 1};
  ys_target_table t = {0};
  ys_targets_add(&t, &(ys_target_spec){.benchmark = "walk",
                                       .metric = "time",
                                       .limit = 1,
                                       .unit = YS_LIMIT_CODE});
  assert_int_equal(ys_targets_judge(&t, &run), 0);
  assert_int_equal(t.results[0].status, YS_TARGET_NOT_MEASURED);
  ys_targets_free(&t);
}

/* YS_TARGET registers its target before main, with its file and line. */
YS_TARGET("walk", "instructions", <=, 1234)
static const int declared_at = __LINE__ - 1;

static void test_code_targets_register(void **unused) {
  (void)unused;
  ys_target_table t = {0};
  char err[300];
  assert_int_equal(
      ys_targets_add_registered(&t, ys_targets_registered(), err, 300), 0);
  assert_int_equal(t.n, 1);
  assert_string_equal(t.specs[0].benchmark, "walk");
  assert_true(t.specs[0].limit == 1234);
  char where[64];
  snprintf(where, sizeof(where), ":%d", declared_at);
  assert_non_null(strstr(t.specs[0].source, where));
  ys_targets_free(&t);
  /* A code target on a metric this collector does not record is only
   * marked so (the suite serves every collector); in a file, an error. */
  static const char *const walk[] = {"walk"};
  static const ys_target_metric time_only[] = {{"time", "ns", YS_METRIC_TIME}};
  assert_int_equal(
      ys_targets_add_registered(&t, ys_targets_registered(), err, 300), 0);
  assert_int_equal(ys_targets_check(&t, walk, 1, time_only, 1, err, 300), 0);
  ys_bench_result walked = {.name = "walk", .status = YS_BENCH_OK};
  ys_run_result run = {.benches = &walked, .n_benches = 1};
  assert_int_equal(ys_targets_judge(&t, &run), 0);
  assert_int_equal(t.results[0].status, YS_TARGET_NOT_RECORDED);
  ys_targets_free(&t);
  /* A budget (<=) or a floor (>=), nothing else. */
  ys_target floor = {"walk", "time", ">=", 1, "w.c", 2, NULL};
  assert_int_equal(ys_targets_add_registered(&t, &floor, err, 300), 0);
  assert_true(t.specs[0].at_least);
  ys_targets_free(&t);
  ys_target wrong = {"walk", "time", "==", 1, "w.c", 3, NULL};
  assert_int_equal(ys_targets_add_registered(&t, &wrong, err, 300), YS_EINVAL);
  assert_non_null(strstr(err, "w.c:3"));
  ys_targets_free(&t);
}

/* Under callgrind, a time target in code is another collector's metric:
 * it keeps its unit ("time <= 1.000 ms", not "time <= 0.001"), reads
 * "not measured by this collector" for a benchmark that ran, and "not
 * run" for one the filters left out. */
static void test_other_collectors_metric_keeps_its_unit(void **unused) {
  (void)unused;
  static const char *const all[] = {"walk", "skip"};
  static const ys_target_metric counts[] = {
      {"instructions", "instructions", YS_METRIC_COUNT}};
  ys_target_table t = {0};
  for (size_t i = 0; i < 2; i++)
    ys_targets_add(&t, &(ys_target_spec){.benchmark = "",
                                         .metric = "time",
                                         .limit = 0.001,
                                         .unit = YS_LIMIT_CODE});
  snprintf(t.specs[0].benchmark, sizeof(t.specs[0].benchmark), "walk");
  snprintf(t.specs[1].benchmark, sizeof(t.specs[1].benchmark), "skip");
  char err[300];
  assert_int_equal(ys_targets_check(&t, all, 2, counts, 1, err, sizeof(err)),
                   0);
  ys_bench_result walked = {.name = "walk", .status = YS_BENCH_OK};
  ys_run_result run = {.benches = &walked, .n_benches = 1};
  assert_int_equal(ys_targets_judge(&t, &run), 0);
  assert_int_equal(t.results[0].status, YS_TARGET_NOT_RECORDED);
  assert_int_equal(t.results[1].status, YS_TARGET_NOT_RUN);
  ys_target_row row;
  ys_targets_text_row(&t, 0, &row);
  assert_string_equal(row.target, "time <= 1.000 ms");
  assert_string_equal(row.verdict, "not measured by this collector");
  ys_targets_text_row(&t, 1, &row);
  assert_string_equal(row.target, "time <= 1.000 ms");
  assert_string_equal(row.verdict, "not run");
  /* The machine formats keep the short status. */
  assert_string_equal(ys_target_status_name(t.results[0].status),
                      "not recorded");
  ys_targets_free(&t);
}

/* A code target follows a file target's rule: a metric that cannot be
 * one (empty, a near miss of a known metric) is refused up front; a name
 * no collector records may be a user counter, checked after the run. */
static void test_unknown_metrics(void **unused) {
  (void)unused;
  char err[400];
  assert_int_equal(check_one(spec("walk", "", 1, YS_LIMIT_CODE), err, 400),
                   YS_EINVAL);
  assert_string_equal(err, "yardstick.yaml:4: target on 'walk': the metric "
                           "is empty; name one this run records");
  assert_int_equal(
      check_one(spec("walk", "instructons", 1, YS_LIMIT_CODE), err, 400),
      YS_EINVAL);
  assert_string_equal(err, "yardstick.yaml:4: target on 'walk': unknown "
                           "metric 'instructons'; did you mean "
                           "'instructions'?");
  assert_int_equal(
      check_one(spec("walk", "latency_p999", 1, YS_LIMIT_NS), err, 400),
      YS_EINVAL);
  assert_non_null(strstr(err, "did you mean 'latency_p99.9'?"));
  /* In code as in the file, a possible user counter passes for now. */
  assert_int_equal(check_one(spec("walk", "ok", 50, YS_LIMIT_CODE), err, 400),
                   0);
  assert_int_equal(check_one(spec("walk", "ok", 50, YS_LIMIT_PLAIN), err, 400),
                   0);
  /* A latency series is a time. */
  assert_int_equal(
      check_one(spec("walk", "latency_p99", 1e6, YS_LIMIT_NS), err, 400), 0);
  assert_int_equal(
      check_one(spec("walk", "latency_p99", 1e6, YS_LIMIT_PLAIN), err, 400),
      YS_EINVAL);
  assert_non_null(strstr(err, "give the limit a unit"));
}

/* Two targets on one benchmark, metric and direction: refused, naming
 * both places; a budget and a floor on one metric are two targets. */
static void test_duplicate_targets(void **unused) {
  (void)unused;
  char err[400];
  ys_target_table t = {0};
  ys_target_spec a = spec("walk", "time", 1e6, YS_LIMIT_NS);
  ys_target_spec b = spec("walk", "time", 1e3, YS_LIMIT_NS);
  strcpy(b.source, "benches/walk.c:9");
  ys_target_spec floor = spec("walk", "time", 1, YS_LIMIT_NS);
  floor.at_least = true;
  ys_targets_add(&t, &a);
  ys_targets_add(&t, &floor);
  assert_int_equal(ys_targets_check(&t, names, 2, metrics, 2, err, 400), 0);
  ys_targets_add(&t, &b);
  assert_int_equal(ys_targets_check(&t, names, 2, metrics, 2, err, 400),
                   YS_EINVAL);
  assert_string_equal(err, "benches/walk.c:9: target on 'walk': time <= is "
                           "already a target at yardstick.yaml:4; keep one");
  ys_targets_free(&t);
}

/* User counters and latency series are judged on what the run recorded,
 * with the unit of their series and the direction written; one the
 * benchmark did not record is an error once it ran. */
static void test_after_run_metrics(void **unused) {
  (void)unused;
  ys_round round = {0};
  ys_series series[2] = {
      series_of("ok", YS_METRIC_COUNT, false,
                (ys_estimate){.point = 70, .lo = 60, .hi = 80}, &round),
      series_of("latency_p99", YS_METRIC_TIME, false,
                (ys_estimate){.point = 2e6, .lo = 1e6, .hi = 3e6}, &round)};
  series[0].unit = "hits";
  ys_bench_result bench = {
      .name = "walk", .status = YS_BENCH_OK, .series = series, .n_series = 2};
  ys_run_result run = {.benches = &bench, .n_benches = 1};
  ys_target_table t = {0};
  ys_target_spec ok_floor = spec("walk", "ok", 50, YS_LIMIT_CODE);
  ok_floor.at_least = true;
  ys_target_spec ok_budget = spec("walk", "ok", 75, YS_LIMIT_PLAIN);
  ys_target_spec p99 = spec("walk", "latency_p99", 2.5e-3, YS_LIMIT_CODE);
  ys_targets_add(&t, &ok_floor);
  ys_targets_add(&t, &ok_budget);
  ys_targets_add(&t, &p99);
  char err[600];
  assert_int_equal(ys_targets_check(&t, names, 2, metrics, 2, err, 600), 0);
  assert_true(t.results[0].after_run && t.results[2].after_run);
  assert_int_equal(ys_targets_check_recorded(&t, &run, err, 600), 0);
  assert_int_equal(ys_targets_judge(&t, &run), 2);
  /* >= 50 judged on the lower end, 60: a pass with 20 % to spare. */
  assert_int_equal(t.results[0].status, YS_TARGET_PASS);
  assert_true(t.results[0].judged == 60);
  assert_true(fabs(t.results[0].margin - 0.2) < 1e-12);
  assert_string_equal(t.results[0].unit, "hits");
  /* <= 75 judged on the upper end, 80: a miss. */
  assert_int_equal(t.results[1].status, YS_TARGET_MISS);
  /* p99 <= 2.5 ms: its upper end, 3 ms, is over. */
  assert_int_equal(t.results[2].status, YS_TARGET_MISS);
  assert_true(t.results[2].limit == 2.5e6);
  ys_target_row row;
  ys_targets_text_row(&t, 0, &row);
  assert_string_equal(row.target, "ok >= 50 hits");
  ys_targets_text_row(&t, 2, &row);
  assert_string_equal(row.target, "latency_p99 <= 2.500 ms");
  ys_targets_free(&t);

  /* A counter the benchmark did not record, a latency series without
   * latency mode: errors naming the target, once the benchmark ran. */
  ys_targets_add(&t, &(ys_target_spec){.benchmark = "walk",
                                       .metric = "okk",
                                       .limit = 1,
                                       .unit = YS_LIMIT_CODE,
                                       .source = "w.c:5"});
  assert_int_equal(ys_targets_check(&t, names, 2, metrics, 2, err, 600), 0);
  assert_int_equal(ys_targets_check_recorded(&t, &run, err, 600), YS_EINVAL);
  assert_string_equal(err, "w.c:5: target on 'walk': 'okk' is not recorded "
                           "by this run (available: ok, latency_p99)");
  ys_targets_free(&t);
  ys_targets_add(&t, &(ys_target_spec){.benchmark = "walk",
                                       .metric = "latency_p50",
                                       .limit = 1,
                                       .unit = YS_LIMIT_CODE,
                                       .source = "w.c:6"});
  assert_int_equal(ys_targets_check(&t, names, 2, metrics, 2, err, 600), 0);
  bench.n_series = 1;
  assert_int_equal(ys_targets_check_recorded(&t, &run, err, 600), YS_EINVAL);
  assert_non_null(strstr(err, "latency mode only (--latency)"));
  /* A benchmark that did not run says so itself, as "not run". */
  strcpy(bench.name, "other");
  assert_int_equal(ys_targets_check_recorded(&t, &run, err, 600), 0);
  ys_targets_free(&t);
}

/* A miss by many times the limit reads as how many times over, not as a
 * percentage of seven digits. */
static void test_margin_display_is_capped(void **unused) {
  (void)unused;
  ys_target_spec s = spec("walk", "instructions", 10, YS_LIMIT_PLAIN);
  ys_target_result r = {.status = YS_TARGET_MISS,
                        .unit = "instructions",
                        .kind = YS_METRIC_COUNT,
                        .exact = true,
                        .limit = 10,
                        .judged = 1363852,
                        .measured = {1363852, 1363852, 1363852},
                        .margin = (10 - 1363852.0) / 10};
  ys_target_table t = {&s, &r, 1};
  ys_target_row row;
  ys_targets_text_row(&t, 0, &row);
  assert_string_equal(row.margin, "\xc3\x97"
                                  "136,385 over");
  r.margin = -0.5;
  ys_targets_text_row(&t, 0, &row);
  assert_string_equal(row.margin, "-50.0 %");
  /* A floor far exceeded. */
  s.at_least = true;
  r.status = YS_TARGET_PASS;
  r.margin = 5000;
  ys_targets_text_row(&t, 0, &row);
  assert_string_equal(row.margin, "> +1000 %");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_limits_parse_with_units),
      cmocka_unit_test(test_check_names_the_target_and_source),
      cmocka_unit_test(test_judging),
      cmocka_unit_test(test_failed_benchmark_is_not_measured),
      cmocka_unit_test(test_code_targets_register),
      cmocka_unit_test(test_other_collectors_metric_keeps_its_unit),
      cmocka_unit_test(test_unknown_metrics),
      cmocka_unit_test(test_duplicate_targets),
      cmocka_unit_test(test_after_run_metrics),
      cmocka_unit_test(test_margin_display_is_capped),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
