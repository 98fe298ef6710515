/*
 * test_collector_names.c — collectors/collector.c: the metric names a
 * collector gives without opening are those it reports once open, in the
 * same order, for each backend that opens here and for a combination;
 * the backends recording a metric are found by name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "collectors/collector.h"

/* Opens `spec` with *opts and checks its metrics against the names known
 * without opening; a collector that cannot open here is passed over. */
static void assert_names_match_open(const char *spec,
                                    const ys_collector_options *opts) {
  ys_collector *c = NULL;
  char err[256];
  if (ys_collector_open(spec, opts, &c, err, sizeof(err)) != 0) {
    print_message("%s cannot open here (%s): not compared\n", spec, err);
    return;
  }
  const char *names[YS_MAX_METRICS];
  size_t n = ys_collector_metric_names(spec, opts, names, YS_MAX_METRICS);
  /* perf drops the events this machine cannot count: the names known
   * without opening are then more, never fewer or in another order. */
  size_t k = 0;
  for (size_t i = 0; i < c->n_metrics; i++) {
    while (k < n && strcmp(names[k], c->metrics[i].name) != 0)
      k++;
    if (k == n)
      fail_msg("%s: '%s' reported but not named", spec, c->metrics[i].name);
    k++;
  }
  if (strcmp(spec, "perf") != 0) assert_int_equal(n, c->n_metrics);
  ys_collector_close(c);
}

static void test_names_known_without_opening(void **state) {
  (void)state;
  ys_collector_options opts = {.iterations = 1};
  assert_names_match_open("wall", &opts);
  assert_names_match_open("alloc", &opts);
  assert_names_match_open("wall,alloc", &opts);
  assert_names_match_open("perf", &opts);
  opts.counters = "cycles,instructions";
  assert_names_match_open("perf", &opts);
}

static void test_callgrind_names_follow_cache_sim(void **state) {
  (void)state;
  /* A build without valgrind's headers has a callgrind that only says
   * what to install, and knows no metric. */
  if (ys_collector_find("callgrind")->known_metrics == NULL) skip();
  ys_collector_options plain = {.iterations = 1};
  ys_collector_options cache = {.iterations = 1, .cache_sim = true};
  const char *names[YS_MAX_METRICS];
  assert_int_equal(
      ys_collector_metric_names("callgrind", &plain, names, YS_MAX_METRICS), 1);
  assert_string_equal(names[0], "instructions");
  size_t n =
      ys_collector_metric_names("callgrind", &cache, names, YS_MAX_METRICS);
  assert_true(n > 1);
  assert_string_equal(names[0], "instructions");
  assert_int_equal(
      ys_collector_metric_names("callgrind", NULL, names, YS_MAX_METRICS), n);
}

static void test_backends_recording(void **state) {
  (void)state;
  const ys_collector_ops *ops[8];
  size_t n = ys_collector_backends_recording("instructions", ops, 8);
  assert_true(n >= 1);
  assert_string_equal(ops[n - 1]->name, "perf");
  if (n == 2) assert_string_equal(ops[0]->name, "callgrind");
  assert_int_equal(ys_collector_backends_recording("time", ops, 8), 1);
  assert_string_equal(ops[0]->name, "wall");
  assert_int_equal(ys_collector_backends_recording("requests", ops, 8), 0);
  /* Every backend's names, each once. */
  const char *all[2 * YS_MAX_METRICS];
  size_t total = ys_collector_metric_names(NULL, NULL, all, 2 * YS_MAX_METRICS);
  for (size_t i = 0; i < total; i++)
    for (size_t j = i + 1; j < total; j++)
      assert_string_not_equal(all[i], all[j]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_names_known_without_opening),
      cmocka_unit_test(test_callgrind_names_follow_cache_sim),
      cmocka_unit_test(test_backends_recording),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
