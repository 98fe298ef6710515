/*
 * test_compare_cpu_time.c — gate/compare.c on a shared CPU: a wall time
 * measured while another process had the CPU is compared on cpu_time
 * instead, and says so (docs/statistics.md §3).
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

typedef struct wall_fixture {
  ys_bench_result res;
  ys_series series[2];
  ys_round rounds[2][YS_TEST_MAX_ROUNDS];
} wall_fixture;

static const ys_metric CPU_TIME = {"cpu_time", "ns", YS_METRIC_TIME, false};

/* Time rounds `wall`, and cpu_time rounds `cpu` (n_cpu of them). */
static void build_wall(wall_fixture *f, const double *wall, const double *cpu,
                       size_t n, size_t n_cpu) {
  ys_test_fixture one;
  memset(f, 0, sizeof(*f));
  ys_test_build_time(&one, wall, n);
  f->res = one.res;
  f->series[0] = one.series;
  memcpy(f->rounds[0], one.rounds, sizeof(one.rounds));
  ys_test_build_metric(&one, &CPU_TIME, cpu, n_cpu);
  f->series[1] = one.series;
  memcpy(f->rounds[1], one.rounds, sizeof(one.rounds));
  f->series[0].rounds = f->rounds[0];
  f->series[1].rounds = f->rounds[1];
  f->res.series = f->series;
  f->res.n_series = 2;
}

static ys_comparison compare_wall(const wall_fixture *base,
                                  const wall_fixture *cur) {
  ys_compare_config cfg = ys_compare_config_default(42);
  ys_comparison out;
  assert_int_equal(ys_compare_bench(&base->res, &cur->res, &cfg, &out), 0);
  return out;
}

/* A neighbour on the same core: the process has the CPU half the time and
 * its wall time swings, while its CPU time stays put. The comparison is
 * made on cpu_time, and says so. */
static void test_contended_decides_on_cpu_time(void **state) {
  (void)state;
  double wall_base[10], wall_now[10], cpu_slow[10];
  ys_test_scaled(wall_base, YS_TEST_BASE10, 10, 2.0);
  /* The new side's wall time is 30 % up, from the neighbour alone. */
  ys_test_scaled(wall_now, YS_TEST_BASE10, 10, 2.6);
  wall_fixture base, cur;
  build_wall(&base, wall_base, YS_TEST_BASE10, 10, 10);
  build_wall(&cur, wall_now, YS_TEST_BASE10, 10, 10);
  ys_comparison c = compare_wall(&base, &cur);
  assert_true(c.contended);
  assert_close(c.base_cpu_share, 0.5, TIGHT);
  assert_close(c.new_cpu_share, 1.0 / 2.6, TIGHT);
  assert_string_equal(c.metric, "cpu_time");
  assert_close(c.base_estimate, YS_TEST_BASE10_Q25, TIGHT);
  assert_close(c.change, 0.0, 0.0);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);

  /* A real 10 % in CPU time is still seen. */
  ys_test_scaled(cpu_slow, YS_TEST_BASE10, 10, 1.10);
  build_wall(&cur, wall_now, cpu_slow, 10, 10);
  c = compare_wall(&base, &cur);
  assert_string_equal(c.metric, "cpu_time");
  assert_close(c.change, 0.10, TIGHT);
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);

  /* A process that had the CPU a tenth of the time: not even its CPU time
   * is trusted with a crossing, which is inconclusive. */
  double wall_starved[10];
  ys_test_scaled(wall_starved, YS_TEST_BASE10, 10, 10.0);
  build_wall(&cur, wall_starved, cpu_slow, 10, 10);
  c = compare_wall(&base, &cur);
  assert_true(c.contended);
  assert_close(c.new_cpu_share, 0.11, TIGHT);
  assert_string_equal(c.metric, "cpu_time");
  assert_int_equal(c.verdict, YS_VERDICT_INCONCLUSIVE);
  assert_int_equal(c.doubt, YS_DOUBT_CONTENDED);
  /* ... while no change at all is still seen as none. */
  build_wall(&cur, wall_starved, YS_TEST_BASE10, 10, 10);
  c = compare_wall(&base, &cur);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
}

/* A process that had the CPU (shares of 0.98 and more) is judged on wall
 * time, the primary metric. */
static void test_uncontended_decides_on_time(void **state) {
  (void)state;
  double wall_slow[10], cpu[10], cpu_slow[10];
  ys_test_scaled(cpu, YS_TEST_BASE10, 10, 0.98);
  ys_test_scaled(wall_slow, YS_TEST_BASE10, 10, 1.10);
  ys_test_scaled(cpu_slow, YS_TEST_BASE10, 10, 1.10 * 0.99);
  wall_fixture base, cur;
  build_wall(&base, YS_TEST_BASE10, cpu, 10, 10);
  build_wall(&cur, wall_slow, cpu_slow, 10, 10);
  ys_comparison c = compare_wall(&base, &cur);
  assert_false(c.contended);
  assert_close(c.base_cpu_share, 0.98, TIGHT);
  assert_string_equal(c.metric, "time");
  assert_close(c.change, 0.10, TIGHT);
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);

  /* Without cpu_time at all, there is no share to judge by. */
  ys_test_fixture plain_base, plain_cur;
  ys_test_build_time(&plain_base, YS_TEST_BASE10, 10);
  ys_test_build_time(&plain_cur, wall_slow, 10);
  c = ys_test_compare(&plain_base, &plain_cur);
  assert_false(c.contended);
  assert_true(isnan(c.base_cpu_share) && isnan(c.new_cpu_share));
}

/* Contended, but one side has no usable cpu_time: the wall-time crossing
 * cannot be trusted, and nothing better exists. */
static void test_contended_without_cpu_time_inconclusive(void **state) {
  (void)state;
  double wall_base[10], wall_now[10];
  ys_test_scaled(wall_base, YS_TEST_BASE10, 10, 2.0);
  ys_test_scaled(wall_now, YS_TEST_BASE10, 10, 2.6);
  wall_fixture base, cur;
  build_wall(&base, wall_base, YS_TEST_BASE10, 10, 10);
  build_wall(&cur, wall_now, YS_TEST_BASE10, 10, 0);
  ys_comparison c = compare_wall(&base, &cur);
  assert_true(c.contended);
  assert_string_equal(c.metric, "time");
  assert_true(c.change > 0.05);
  assert_int_equal(c.verdict, YS_VERDICT_INCONCLUSIVE);
  assert_int_equal(c.doubt, YS_DOUBT_CONTENDED);
  assert_int_equal(c.settle_rounds, 0);
}

/* Whatever the rounds, the change shown lies inside its own interval, and
 * a regressed or improved verdict has an interval on its side of zero. */

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_contended_decides_on_cpu_time),
      cmocka_unit_test(test_uncontended_decides_on_time),
      cmocka_unit_test(test_contended_without_cpu_time_inconclusive),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
