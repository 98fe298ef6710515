/*
 * test_metric_gate.c — gate/metric_gate.c: the --gate parser takes
 * METRIC:PCT[%][:higher|:lower] lists, stores percentages as fractions,
 * refuses each kind of bad item with a message quoting it and leaves the
 * gates as they were; the check names a metric the run does not record
 * and lists those it does, and says why a latency series is missing; the
 * up-front check refuses a metric of another collector, one this
 * collector records only with other options, and a near miss of a known
 * name, and passes anything else (a user counter).
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

/* The up-front check of `text` under collector `spec` with `opts`: 0, or
 * YS_EINVAL with the message in err. */
static int check_names(const char *text, const char *spec,
                       const ys_collector_options *opts, char *err,
                       size_t err_len) {
  ys_metric_gates g = parsed(text);
  return ys_metric_gates_check_names(&g, spec, opts, "--gate", err, err_len);
}

/* Refused up front with exactly the message `want`. */
static void assert_name_refused(const char *text, const char *spec,
                                const ys_collector_options *opts,
                                const char *want) {
  char err[400];
  assert_int_equal(check_names(text, spec, opts, err, sizeof(err)), YS_EINVAL);
  assert_string_equal(err, want);
}

static void assert_name_passes(const char *text, const char *spec,
                               const ys_collector_options *opts) {
  char err[400];
  if (check_names(text, spec, opts, err, sizeof(err)) != 0)
    fail_msg("'%s' under %s refused: %s", text, spec, err);
}

static void test_near_misses_are_refused_with_the_name_meant(void **state) {
  (void)state;
  ys_collector_options cache = {.cache_sim = true};
  ys_collector_options plain = {0};
  assert_name_refused("instructons:2%", "callgrind", &plain,
                      "--gate: unknown metric 'instructons'; did you mean "
                      "'instructions'?");
  /* Two adjacent characters swapped are one edit. */
  assert_name_refused("isntructions:2%", "callgrind", &plain,
                      "--gate: unknown metric 'isntructions'; did you mean "
                      "'instructions'?");
  /* Case aside first: d1mr is D1mr, not I1mr (each one edit away). */
  assert_name_refused("d1mr:2%", "callgrind", &cache,
                      "--gate: unknown metric 'd1mr'; did you mean "
                      "'D1mr'?");
  assert_name_refused("tim:2%", "wall", &plain,
                      "--gate: unknown metric 'tim'; did you mean 'time'?");
  /* The series is latency_p99.9, as the console's p99.9: without the
   * point it is as near latency_p99, but nearer once punctuation is
   * ignored. */
  assert_name_refused("latency_p999:5%", "wall", &plain,
                      "--gate: unknown metric 'latency_p999'; did you "
                      "mean 'latency_p99.9'?");
  /* A near miss of another collector's metric says that too. */
  assert_name_refused("branch_misses:2%", "wall", &plain,
                      "--gate: unknown metric 'branch_misses'; did you "
                      "mean 'branch-misses'? (recorded by the perf "
                      "collector, not by --collector wall)");
}

static void test_metrics_of_other_collectors_are_refused(void **state) {
  (void)state;
  ys_collector_options plain = {0};
  assert_name_refused("instructions:2%", "wall", &plain,
                      "--gate: 'instructions' is recorded by the callgrind "
                      "and perf collectors, not by --collector wall");
  assert_name_refused("time:2%", "callgrind", &plain,
                      "--gate: 'time' is recorded by the wall collector, "
                      "not by --collector callgrind");
  /* The same backend, with other options. */
  assert_name_refused("D1mr:2%", "callgrind", &plain,
                      "--gate: 'D1mr' is recorded by --collector callgrind "
                      "only with --cache-sim");
  ys_collector_options cycles = {.counters = "cycles"};
  assert_name_refused("instructions:2%", "perf", &cycles,
                      "--gate: 'instructions' is recorded by --collector "
                      "perf only when --counters lists it");
  /* Each backend of a combination records its own. */
  assert_name_passes("allocations:2%,time:3%", "wall,alloc", &plain);
  assert_name_refused("D1mr:2%", "wall,alloc", &plain,
                      "--gate: 'D1mr' is recorded by the callgrind "
                      "collector, not by --collector wall,alloc");
}

static void test_names_that_may_be_right_pass_up_front(void **state) {
  (void)state;
  ys_collector_options cache = {.cache_sim = true};
  ys_collector_options plain = {0};
  assert_name_passes("instructions:2%,D1mr:10%,estimated_cycles:1%",
                     "callgrind", &cache);
  assert_name_passes("time:2%,cpu_time:3%", "wall", &plain);
  assert_name_passes("cycles:2%,branch-misses:1%", "perf", &plain);
  /* Latency series exist only in latency mode, user counters only once
   * their benchmark has run: both are checked after the run. */
  assert_name_passes("latency_p99.9:5%,latency_max:5%", "wall", &plain);
  assert_name_passes("requests:2%,items_per_call:1%,ok:1%", "wall", &plain);
  /* Three edits from any metric: maybe a counter. */
  assert_name_passes("tries:2%", "wall", &plain);
}

static void test_missing_latency_series_say_why(void **state) {
  (void)state;
  ys_metric_gates g = parsed("latency_p99.9:5%");
  char err[400];
  const char *no_latency[] = {"time", "cpu_time"};
  assert_int_equal(ys_metric_gates_check(&g, no_latency, 2, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "latency mode only (--latency)"));
  const char *short_rounds[] = {"time", "latency_p50", "latency_p99",
                                "latency_max"};
  assert_int_equal(ys_metric_gates_check(&g, short_rounds, 4, err, sizeof(err)),
                   YS_EINVAL);
  assert_string_equal(err, "'latency_p99.9' is not recorded by this run: its "
                           "rounds were too short (a round's p99.9 needs "
                           "1000 timed iterations; a larger "
                           "--measurement-time or fewer --rounds make rounds "
                           "longer)");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_list_with_and_without_percent_sign),
      cmocka_unit_test(test_direction_suffix),
      cmocka_unit_test(test_repeated_parses_append),
      cmocka_unit_test(test_bad_items_are_refused),
      cmocka_unit_test(test_too_many_gates),
      cmocka_unit_test(test_check_names_missing_metric_and_lists_available),
      cmocka_unit_test(test_near_misses_are_refused_with_the_name_meant),
      cmocka_unit_test(test_metrics_of_other_collectors_are_refused),
      cmocka_unit_test(test_names_that_may_be_right_pass_up_front),
      cmocka_unit_test(test_missing_latency_series_say_why),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
