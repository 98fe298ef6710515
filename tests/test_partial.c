/*
 * test_partial.c — run/partial.c: how far a stopped run got. Each
 * benchmark's planned rounds and measured rounds are set by hand, so the
 * expected counts follow from the definition in partial.h: complete when
 * skipped/failed or rounds measured >= planned, in part when 1 or more but
 * fewer, not reached at 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "run/partial.h"

/* A result with `done` rounds of its primary series and `planned` rounds
 * in its settings (0: the run's default), with status `st`. */
static void make(ys_bench_result *res, ys_series *series, size_t done,
                 size_t planned, ys_bench_status st) {
  memset(res, 0, sizeof(*res));
  memset(series, 0, sizeof(*series));
  series->n_rounds = done;
  res->series = series;
  res->n_series = 1;
  res->settings.rounds = planned;
  res->status = st;
}

/* Rounds interleave the benchmarks: six that each had some of their rounds
 * are six "in part", not six measured. */
static void test_interleaved_rounds_are_in_part(void **state) {
  (void)state;
  ys_bench_result res[6];
  ys_series series[6];
  for (size_t i = 0; i < 6; i++)
    make(&res[i], &series[i], 3, 0, YS_BENCH_OK);
  ys_run_result run = {.benches = res, .n_benches = 6};
  ys_partial_counts c = ys_run_count_measured(&run, 10);
  assert_int_equal(c.complete, 0);
  assert_int_equal(c.in_part, 6);
  assert_int_equal(c.not_reached, 0);
}

/* Complete by the run's rounds, by the benchmark's own, or by a status of
 * its own; not reached at 0 rounds. */
static void test_each_kind_counted(void **state) {
  (void)state;
  ys_bench_result res[6];
  ys_series series[6];
  make(&res[0], &series[0], 10, 0, YS_BENCH_OK); /* 10 of the run's 10 */
  make(&res[1], &series[1], 4, 4, YS_BENCH_OK);  /* 4 of its own 4 */
  make(&res[2], &series[2], 4, 0, YS_BENCH_OK);  /* 4 of the run's 10 */
  make(&res[3], &series[3], 0, 0, YS_BENCH_SKIPPED);
  make(&res[4], &series[4], 0, 0, YS_BENCH_OK);  /* never reached */
  make(&res[5], &series[5], 9, 12, YS_BENCH_OK); /* 9 of its own 12 */
  ys_run_result run = {.benches = res, .n_benches = 6};
  ys_partial_counts c = ys_run_count_measured(&run, 10);
  assert_int_equal(c.complete, 3);
  assert_int_equal(c.in_part, 2);
  assert_int_equal(c.not_reached, 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_interleaved_rounds_are_in_part),
      cmocka_unit_test(test_each_kind_counted),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
