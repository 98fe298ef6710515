/*
 * test_comparable.c — gate/comparable.c: a baseline and a run that measured
 * nothing in common are told apart from partial overlap, from runs with no
 * common benchmark, and from skipped benchmarks; the descriptions name each
 * side's metrics and collector.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/model.h"
#include "gate/comparable.h"

/* Series are only described, never measured: metadata is enough. */
static ys_series TIME_SERIES[2] = {
    {.metric = "time", .unit = "ns", .kind = YS_METRIC_TIME},
    {.metric = "cpu_time", .unit = "ns", .kind = YS_METRIC_TIME},
};
static ys_series INSTR_SERIES[1] = {
    {.metric = "instructions",
     .unit = "instructions",
     .kind = YS_METRIC_COUNT,
     .exact = true},
};
/* perf's count of instructions: same name, but noisy and in events. */
static ys_series PERF_INSTR_SERIES[1] = {
    {.metric = "instructions", .unit = "events", .kind = YS_METRIC_COUNT},
};

static ys_bench_result bench(const char *name, ys_series *series, size_t n) {
  ys_bench_result res;
  memset(&res, 0, sizeof(res));
  snprintf(res.name, sizeof(res.name), "%s", name);
  res.status = YS_BENCH_OK;
  res.series = series;
  res.n_series = n;
  return res;
}

#define WALL(name)  bench(name, TIME_SERIES, 2)
#define CG(name)    bench(name, INSTR_SERIES, 1)
#define PERF(name)  bench(name, PERF_INSTR_SERIES, 1)
#define EMPTY(name) bench(name, NULL, 0)

#define RUN(arr)                                                               \
  ((ys_run_result){.benches = arr, .n_benches = sizeof(arr) / sizeof(arr[0])})

static void test_wall_against_callgrind_is_not_comparable(void **state) {
  (void)state;
  ys_bench_result base[] = {WALL("a"), WALL("b")};
  ys_bench_result now[] = {CG("a"), CG("b")};
  ys_comparability c;
  ys_comparable_check(&RUN(base), "wall", &RUN(now), "callgrind", &c);
  assert_false(c.comparable);
  assert_int_equal(c.n_paired, 2);
  assert_int_equal(c.n_matching, 0);
  assert_string_equal(c.base, "time, cpu_time (collector wall)");
  assert_string_equal(c.current, "instructions (collector callgrind)");
}

static void test_same_metrics_are_comparable(void **state) {
  (void)state;
  ys_bench_result base[] = {WALL("a"), WALL("b")};
  ys_bench_result now[] = {WALL("a"), WALL("b")};
  ys_comparability c;
  ys_comparable_check(&RUN(base), "wall", &RUN(now), "wall", &c);
  assert_true(c.comparable);
  assert_int_equal(c.n_paired, 2);
  assert_int_equal(c.n_matching, 2);
}

/* One comparable pair is enough: the gate then has something to judge, and
 * reports the other pairs as not compared. */
static void test_partial_overlap_is_comparable(void **state) {
  (void)state;
  ys_bench_result base[] = {WALL("a"), CG("b"), WALL("c")};
  ys_bench_result now[] = {CG("a"), CG("b"), CG("c")};
  ys_comparability c;
  ys_comparable_check(&RUN(base), NULL, &RUN(now), NULL, &c);
  assert_true(c.comparable);
  assert_int_equal(c.n_paired, 3);
  assert_int_equal(c.n_matching, 1);
  /* Each metric once, in order of first appearance; no collector known. */
  assert_string_equal(c.base, "time, cpu_time, instructions");
  assert_string_equal(c.current, "instructions");
}

/* The same metric name in another unit or exactness is another metric. */
static void test_same_name_other_metric(void **state) {
  (void)state;
  ys_bench_result base[] = {PERF("a")};
  ys_bench_result now[] = {CG("a")};
  ys_comparability c;
  ys_comparable_check(&RUN(base), "perf", &RUN(now), "callgrind", &c);
  assert_false(c.comparable);
  assert_int_equal(c.n_paired, 1);
}

/* No name on both sides: every benchmark is new or missing, which the gate
 * says itself; that is not a mismatch of metrics. */
static void test_no_common_names_is_not_this_error(void **state) {
  (void)state;
  ys_bench_result base[] = {WALL("a"), WALL("b")};
  ys_bench_result now[] = {CG("c"), CG("d")};
  ys_comparability c;
  ys_comparable_check(&RUN(base), "wall", &RUN(now), "callgrind", &c);
  assert_true(c.comparable);
  assert_int_equal(c.n_paired, 0);
}

/* A benchmark without series (skipped before measuring) pairs with
 * nothing; the others still decide. */
static void test_series_less_benchmarks_do_not_pair(void **state) {
  (void)state;
  ys_bench_result base[] = {WALL("a"), WALL("b")};
  ys_bench_result now[] = {EMPTY("a"), CG("b")};
  ys_comparability c;
  ys_comparable_check(&RUN(base), "wall", &RUN(now), "callgrind", &c);
  assert_false(c.comparable);
  assert_int_equal(c.n_paired, 1);

  ys_bench_result only_empty[] = {EMPTY("a")};
  ys_comparable_check(&RUN(base), "wall", &RUN(only_empty), "callgrind", &c);
  assert_true(c.comparable);
  assert_string_equal(c.current, "no measurements (collector callgrind)");
}

/* Pairing follows the gate's name order, with numbers by value: "x/10"
 * after "x/9". */
static void test_pairs_in_natural_order(void **state) {
  (void)state;
  ys_bench_result base[] = {WALL("x/9"), WALL("x/10")};
  ys_bench_result now[] = {CG("x/2"), CG("x/9"), CG("x/10")};
  ys_comparability c;
  ys_comparable_check(&RUN(base), "wall", &RUN(now), "callgrind", &c);
  assert_int_equal(c.n_paired, 2);
  assert_false(c.comparable);
}

/* A list too long for the buffer is cut, still a string. */
static void test_long_description_is_cut(void **state) {
  (void)state;
  static char names[40][16];
  static ys_series many[40];
  for (size_t i = 0; i < 40; i++) {
    snprintf(names[i], sizeof(names[i]), "metric_%02zu", i);
    many[i] = (ys_series){.metric = names[i], .unit = "ns"};
  }
  ys_bench_result base[] = {bench("a", many, 40)};
  ys_comparability c;
  ys_comparable_check(&RUN(base), "wall", &RUN(base), "wall", &c);
  assert_true(c.comparable);
  assert_true(strlen(c.base) < sizeof(c.base));
  assert_non_null(strstr(c.base, "metric_00, metric_01"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_wall_against_callgrind_is_not_comparable),
      cmocka_unit_test(test_same_metrics_are_comparable),
      cmocka_unit_test(test_partial_overlap_is_comparable),
      cmocka_unit_test(test_same_name_other_metric),
      cmocka_unit_test(test_no_common_names_is_not_this_error),
      cmocka_unit_test(test_series_less_benchmarks_do_not_pair),
      cmocka_unit_test(test_pairs_in_natural_order),
      cmocka_unit_test(test_long_description_is_cut),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
