/* Tests of run/plan.c: the warm-up and the sample plan, against
 * docs/statistics.md's oracles O9 and O10. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/test_support.h"

#include "core/error.h"
#include "run/plan.h"

/* A fake clock: every iteration takes exactly ns_per_iteration. */
typedef struct fake_clock {
  double ns_per_iteration;
  uint64_t batches;
  uint64_t stop_after_batches; /* 0: never */
} fake_clock;

static double fake_batch(void *ctx, uint64_t iterations) {
  fake_clock *c = ctx;
  c->batches++;
  if (c->stop_after_batches != 0 && c->batches > c->stop_after_batches)
    return -1;
  return c->ns_per_iteration * (double)iterations;
}

/* O10: 1 ms per iteration, warm-up 3 s → 4095 iterations, met 1 ms. */
static void test_warm_up_oracle_o10(void **unused) {
  (void)unused;
  fake_clock clock = {.ns_per_iteration = 1e6};
  ys_warmup w;
  assert_int_equal(ys_plan_warm_up(fake_batch, &clock, 3e9, &w), 0);
  assert_int_equal(w.iterations, 4095);
  assert_int_equal(clock.batches, 12); /* 1, 2, 4, ..., 2048 */
  assert_close(w.elapsed_ns, 4095e6, 1e-3);
  assert_close(w.met_ns, 1e6, 1e-9);
}

static void test_warm_up_reports_a_stop(void **unused) {
  (void)unused;
  fake_clock clock = {.ns_per_iteration = 1e6, .stop_after_batches = 3};
  ys_warmup w;
  assert_int_equal(ys_plan_warm_up(fake_batch, &clock, 3e9, &w), YS_EBENCH);
  assert_int_equal(clock.batches, 4);
}

/* O9: T = 5 s, n = 100. */
static void test_plan_linear_oracle_o9(void **unused) {
  (void)unused;
  ys_plan p;
  ys_plan_choose(1000, 5e9, 100, &p);
  assert_true(p.linear);
  assert_int_equal(p.step, 991);
  assert_int_equal(p.suggested_n, 0);
  assert_int_equal(ys_plan_iterations(&p, 0), 991);
  assert_int_equal(ys_plan_iterations(&p, 99), 99100);
}

static void test_plan_linear_step_one_suggests_o9(void **unused) {
  (void)unused;
  ys_plan p;
  ys_plan_choose(1e6, 5e9, 100, &p);
  assert_true(p.linear);
  assert_int_equal(p.step, 1);
  assert_int_equal(p.suggested_n, 70);
}

static void test_plan_flat_oracle_o9(void **unused) {
  (void)unused;
  ys_plan p;
  ys_plan_choose(3e6, 5e9, 100, &p);
  assert_false(p.linear);
  assert_int_equal(p.step, 17);
  assert_int_equal(p.suggested_n, 0);
  assert_int_equal(ys_plan_iterations(&p, 0), 17);
  assert_int_equal(ys_plan_iterations(&p, 99), 17);
}

static void test_plan_flat_step_one_suggests_o9(void **unused) {
  (void)unused;
  ys_plan p;
  ys_plan_choose(1e8, 5e9, 100, &p);
  assert_false(p.linear);
  assert_int_equal(p.step, 1);
  /* T/met = 50 samples of one iteration fill T exactly, still step 1; 49
   * get 2 each, rounded down to 40. */
  assert_int_equal(p.suggested_n, 40);
  ys_plan_choose(1e8, 5e9, p.suggested_n, &p);
  assert_int_equal(p.step, 2);
}

/* --quick: 10 samples in 24 ms per round, 3 ms per iteration. Rounding the
 * hint up to 10 suggested the size in force; the suggestion must be
 * smaller, and its samples must hold more than one iteration. */
static void test_plan_suggestion_is_never_the_size_in_force(void **unused) {
  (void)unused;
  ys_plan p;
  ys_plan_choose(3e6, 24e6, 10, &p);
  assert_int_equal(p.step, 1);
  assert_int_equal(p.suggested_n, 7);
  ys_plan_choose(3e6, 24e6, p.suggested_n, &p);
  assert_true(p.step >= 2);
}

/* Not even 2 samples of 2 iterations fit: no size to suggest. */
static void test_plan_no_suggestion_when_nothing_fits(void **unused) {
  (void)unused;
  ys_plan p;
  ys_plan_choose(1e9, 24e6, 10, &p);
  assert_int_equal(p.step, 1);
  assert_int_equal(p.suggested_n, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_warm_up_oracle_o10),
      cmocka_unit_test(test_warm_up_reports_a_stop),
      cmocka_unit_test(test_plan_linear_oracle_o9),
      cmocka_unit_test(test_plan_linear_step_one_suggests_o9),
      cmocka_unit_test(test_plan_flat_oracle_o9),
      cmocka_unit_test(test_plan_flat_step_one_suggests_o9),
      cmocka_unit_test(test_plan_suggestion_is_never_the_size_in_force),
      cmocka_unit_test(test_plan_no_suggestion_when_nothing_fits),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
