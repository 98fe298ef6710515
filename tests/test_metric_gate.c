/*
 * test_metric_gate.c — gate/metric_gate.c: the --gate parser takes
 * METRIC:PCT[%][:higher|:lower] lists, stores percentages as fractions,
 * refuses each kind of bad item with a message quoting it and leaves the
 * gates as they were; the check names a metric the run does not record
 * and lists those it does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "gate/metric_gate.h"
#include "test_support.h"

/* Parse `text` into fresh gates; must succeed. */
static ys_metric_gates parsed(const char *text) {
  ys_metric_gates g;
  memset(&g, 0, sizeof(g));
  char err[300];
  if (ys_metric_gates_parse(text, &g, err, sizeof(err)) != 0)
    fail_msg("'%s' refused: %s", text, err);
  return g;
}

/* Parse `text`; must fail with a message holding `frag`, leaving *g as
 * it was. */
static void assert_refused(const char *text, const char *frag) {
  ys_metric_gates g = parsed("time:5");
  ys_metric_gates before = g;
  char err[300];
  assert_int_equal(ys_metric_gates_parse(text, &g, err, sizeof(err)),
                   YS_EINVAL);
  if (strstr(err, frag) == NULL)
    fail_msg("'%s': message \"%s\" lacks \"%s\"", text, err, frag);
  assert_memory_equal(&g, &before, sizeof(g));
}

static void test_list_with_and_without_percent_sign(void **state) {
  (void)state;
  ys_metric_gates g = parsed("instructions:2%,D1mr:10,estimated_cycles:5.5%");
  assert_int_equal(g.n, 3);
  assert_string_equal(g.gate[0].metric, "instructions");
  /* 2 % is 2/100 as a fraction; 5.5 % is 55/1000. */
  assert_close(g.gate[0].threshold, 2.0 / 100.0, 1e-15);
  assert_string_equal(g.gate[1].metric, "D1mr");
  assert_close(g.gate[1].threshold, 10.0 / 100.0, 1e-15);
  assert_close(g.gate[2].threshold, 55.0 / 1000.0, 1e-15);
  for (size_t i = 0; i < g.n; i++)
    assert_false(g.gate[i].higher_is_better);
}

static void test_direction_suffix(void **state) {
  (void)state;
  ys_metric_gates g = parsed("l1_hits:3%:higher,D1mr:4:lower");
  assert_true(g.gate[0].higher_is_better);
  assert_false(g.gate[1].higher_is_better);
}

static void test_repeated_parses_append(void **state) {
  (void)state;
  ys_metric_gates g = parsed("instructions:2%");
  char err[200];
  assert_int_equal(ys_metric_gates_parse("D1mr:10%", &g, err, sizeof(err)), 0);
  assert_int_equal(g.n, 2);
  assert_non_null(ys_metric_gates_find(&g, "D1mr"));
  assert_non_null(ys_metric_gates_find(&g, "instructions"));
  assert_null(ys_metric_gates_find(&g, "cycles"));
}

static void test_bad_items_are_refused(void **state) {
  (void)state;
  assert_refused("instructions", "is not METRIC:PCT");
  assert_refused("instructions:", "is not a percentage");
  assert_refused("instructions:abc", "'abc' is not a percentage");
  assert_refused("instructions:0%", "is not a percentage in (0, 1000]");
  assert_refused("instructions:-2", "is not a percentage");
  assert_refused("instructions:1001", "is not a percentage");
  assert_refused("instructions:2%%", "is not a percentage");
  assert_refused("instructions:nan", "is not a percentage");
  assert_refused(":2%", "is not a metric name");
  assert_refused("instructions:2%,", "empty item");
  assert_refused("D1mr:2%:sideways", "'sideways' is neither higher nor lower");
  assert_refused("D1mr:2%,D1mr:3%", "'D1mr' is gated twice");
  /* The earlier parse gave "time": naming it again is twice as well. */
  assert_refused("time:3%", "'time' is gated twice");
}

static void test_too_many_gates(void **state) {
  (void)state;
  ys_metric_gates g;
  memset(&g, 0, sizeof(g));
  char item[32], err[200];
  for (int i = 0; i < YS_METRIC_GATES_MAX; i++) {
    snprintf(item, sizeof(item), "m%d:1", i);
    assert_int_equal(ys_metric_gates_parse(item, &g, err, sizeof(err)), 0);
  }
  assert_int_equal(ys_metric_gates_parse("one_more:1", &g, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "at most"));
}

static void test_check_names_missing_metric_and_lists_available(void **state) {
  (void)state;
  ys_metric_gates g = parsed("instructions:2%,D1mr:10%");
  const char *with_cache[] = {"instructions", "D1mr", "D1mw"};
  const char *without[] = {"instructions"};
  char err[300];
  assert_int_equal(ys_metric_gates_check(&g, with_cache, 3, err, sizeof(err)),
                   0);
  assert_int_equal(ys_metric_gates_check(&g, without, 1, err, sizeof(err)),
                   YS_EINVAL);
  assert_string_equal(err, "'D1mr' is not recorded by this run (available: "
                           "instructions)");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_list_with_and_without_percent_sign),
      cmocka_unit_test(test_direction_suffix),
      cmocka_unit_test(test_repeated_parses_append),
      cmocka_unit_test(test_bad_items_are_refused),
      cmocka_unit_test(test_too_many_gates),
      cmocka_unit_test(test_check_names_missing_metric_and_lists_available),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
