/* Tests of gate/function_diff.c: which functions a change of an exact count
 * came from, and of its use by the gate (gate/gate.c). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gate/function_diff.h"
#include "gate/gate.h"

/* A result of `iterations` iterations with the given functions (borrowed
 * names, self costs over the whole batch). */
static ys_bench_result with_functions(ys_function_cost *fns, size_t n,
                                      uint64_t iterations) {
  ys_bench_result res = {.name = "b", .total_iterations = iterations};
  res.functions = fns;
  res.n_functions = n;
  return res;
}

static void test_ranked_by_absolute_self_change(void **state) {
  (void)state;
  ys_function_cost before[] = {
      {.name = "same", .self = 500},   {.name = "faster", .self = 300},
      {.name = "slower", .self = 100}, {.name = "gone", .self = 40},
      {.name = "tie_b", .self = 10},   {.name = "tie_a", .self = 10},
  };
  ys_function_cost after[] = {
      {.name = "new_one", .self = 60}, {.name = "slower", .self = 1100},
      {.name = "faster", .self = 100}, {.name = "same", .self = 500},
      {.name = "tie_a", .self = 15},   {.name = "tie_b", .self = 15},
  };
  ys_bench_result base = with_functions(before, 6, 1);
  ys_bench_result cur = with_functions(after, 6, 1);
  ys_function_change out[YS_FUNCTION_CHANGES_MAX];
  size_t n = ys_function_diff(&base, &cur, out, YS_FUNCTION_CHANGES_MAX);
  /* slower +1000, faster -200, new_one +60, gone -40, then the ties by
   * name (tie_a, tie_b): five kept, "same" (no change) never. */
  assert_int_equal(n, 5);
  assert_string_equal(out[0].name, "slower");
  assert_true(out[0].base_self == 100 && out[0].new_self == 1100);
  assert_true(out[0].delta == 1000 && out[0].change == 10);
  assert_string_equal(out[1].name, "faster");
  assert_true(out[1].delta == -200 && out[1].change == -200.0 / 300);
  assert_string_equal(out[2].name, "new_one");
  assert_true(out[2].base_self == 0 && out[2].delta == 60);
  assert_true(isnan(out[2].change));
  assert_string_equal(out[3].name, "gone");
  assert_true(out[3].new_self == 0 && out[3].delta == -40);
  assert_string_equal(out[4].name, "tie_a");

  /* Fewer slots: the largest changes only. */
  assert_int_equal(ys_function_diff(&base, &cur, out, 2), 2);
  assert_string_equal(out[1].name, "faster");
}

/* Per iteration: 4000 instructions over 4 iterations against 1000 over 1
 * is no change. */
static void test_per_iteration(void **state) {
  (void)state;
  ys_function_cost before[] = {{.name = "f", .self = 1000},
                               {.name = "g", .self = 10}};
  ys_function_cost after[] = {{.name = "f", .self = 4000},
                              {.name = "g", .self = 50}};
  ys_bench_result base = with_functions(before, 2, 1);
  ys_bench_result cur = with_functions(after, 2, 4);
  ys_function_change out[YS_FUNCTION_CHANGES_MAX];
  assert_int_equal(ys_function_diff(&base, &cur, out, 5), 1);
  assert_string_equal(out[0].name, "g");
  assert_true(out[0].new_self == 12.5 && out[0].delta == 2.5);
  /* Nothing to compare without functions or iterations on a side. */
  ys_bench_result bare = with_functions(NULL, 0, 1);
  assert_int_equal(ys_function_diff(&bare, &cur, out, 5), 0);
  assert_int_equal(ys_function_diff(&base, &bare, out, 5), 0);
  cur.total_iterations = 0;
  assert_int_equal(ys_function_diff(&base, &cur, out, 5), 0);
}

/* One exact round of `count` instructions with the given functions. */
static void exact_result(ys_bench_result *res, const char *name, double count,
                         ys_series *s, ys_sample *sample, ys_round *round,
                         ys_function_cost *fns, size_t n) {
  memset(res, 0, sizeof(*res));
  snprintf(res->name, sizeof(res->name), "%s", name);
  *sample = (ys_sample){1, count};
  *round = (ys_round){.n_samples = 1, .estimate = count};
  *s = (ys_series){.metric = "instructions",
                   .unit = "instructions",
                   .kind = YS_METRIC_COUNT,
                   .exact = true,
                   .samples = sample,
                   .n_samples = 1,
                   .rounds = round,
                   .n_rounds = 1};
  s->analysis.round_min = s->analysis.round_median = count;
  res->series = s;
  res->n_series = 1;
  res->total_iterations = 1;
  res->functions = fns;
  res->n_functions = n;
}

/* The gate names functions for regressed and improved benchmarks, never
 * for unchanged ones. */
static void test_gate_names_functions_of_changes(void **state) {
  (void)state;
  ys_function_cost base_fns[] = {{.name = "hot", .self = 1000},
                                 {.name = "cold", .self = 100}};
  ys_function_cost slow_fns[] = {{.name = "hot", .self = 2000},
                                 {.name = "cold", .self = 100}};
  ys_function_cost same_fns[] = {{.name = "hot", .self = 1001},
                                 {.name = "cold", .self = 99}};
  ys_series s[4];
  ys_sample smp[4];
  ys_round rnd[4];
  ys_bench_result base[2], cur[2];
  exact_result(&base[0], "a", 1100, &s[0], &smp[0], &rnd[0], base_fns, 2);
  exact_result(&base[1], "b", 1100, &s[1], &smp[1], &rnd[1], base_fns, 2);
  exact_result(&cur[0], "a", 2100, &s[2], &smp[2], &rnd[2], slow_fns, 2);
  exact_result(&cur[1], "b", 1100, &s[3], &smp[3], &rnd[3], same_fns, 2);
  ys_run_result base_run = {.benches = base, .n_benches = 2},
                cur_run = {.benches = cur, .n_benches = 2};
  ys_gate g = {.current = &cur_run,
               .base = &base_run,
               .compare = ys_compare_config_default(1)};
  ys_judgement j;
  assert_int_equal(ys_gate_judge(&g, &j), 0);
  assert_int_equal(j.n, 2);
  assert_int_equal(j.entries[0].cmp.verdict, YS_VERDICT_REGRESSED);
  assert_int_equal(j.entries[0].cmp.n_functions, 1);
  assert_string_equal(j.entries[0].cmp.functions[0].name, "hot");
  assert_true(j.entries[0].cmp.functions[0].delta == 1000);
  assert_int_equal(j.entries[1].cmp.verdict, YS_VERDICT_UNCHANGED);
  assert_int_equal(j.entries[1].cmp.n_functions, 0);
  ys_judgement_free(&j);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ranked_by_absolute_self_change),
      cmocka_unit_test(test_per_iteration),
      cmocka_unit_test(test_gate_names_functions_of_changes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
