/* Tests of user counters (run/counters.c) through the runner and a fake
 * collector whose clock only moves when a benchmark body says so: every
 * sample's iterations and timed window are then known, and each counter's
 * figure can be computed by hand from the body that reports it. */
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
#include "run/counters.h"
#include "run/runner.h"

static double fake_now; /* ns */
static double fake_window_start;

static void fake_start(void *ctx) {
  (void)ctx;
  fake_window_start = fake_now;
}
static void fake_stop(void *ctx, double *acc) {
  (void)ctx;
  acc[0] += fake_now - fake_window_start;
}

static const ys_metric fake_metrics[] = {{"time", "ns", YS_METRIC_TIME, false}};
static const ys_collector_ops fake_ops = {
    .name = "fake", .start = fake_start, .stop = fake_stop};
static const ys_collector fake_collector = {&fake_ops, NULL, fake_metrics, 1,
                                            false};

/* Each iteration takes 2 ms of the fake clock. Per call of k iterations it
 * reports: "calls" 2 + 3 = 5 (a total, in two reports that add up);
 * "bytes" 1000·k over the 2·k ms window, a rate of 1000 / 0.002 s =
 * 500000 /s; "items" 6·k per call, 6 per iteration; "ok" 9 successes of 10
 * attempts, 90 %. */
static void planted(ys_state *state) {
  double bytes = 0, items = 0;
  ys_counter(state, "calls", 2, YS_COUNTER_TOTAL);
  YS_LOOP(state) {
    fake_now += 2e6;
    bytes += 1000;
    items += 6;
  }
  ys_counter(state, "calls", 3, YS_COUNTER_TOTAL);
  ys_counter(state, "bytes", bytes, YS_COUNTER_RATE);
  ys_counter(state, "items", items, YS_COUNTER_PER_ITERATION);
  ys_counter_success(state, "ok", 9, 10,
                     YS_COUNTER_GATED | YS_COUNTER_HIGHER_IS_BETTER);
}

static void not_finite(ys_state *state) {
  YS_LOOP(state)
    fake_now += 1e6;
  ys_counter(state, "ratio", INFINITY, YS_COUNTER_TOTAL);
}

static void too_many(ys_state *state) {
  YS_LOOP(state)
    fake_now += 1e6;
  for (int i = 0; i <= YS_MAX_COUNTERS; i++) {
    char name[16];
    snprintf(name, sizeof(name), "c%d", i);
    ys_counter(state, name, 1, YS_COUNTER_TOTAL);
  }
}

/* Reports "first" in its first call only, "later" afterwards: "first" is
 * the one missing from a call. */
static int calls_made;
static void changes_its_counters(ys_state *state) {
  YS_LOOP(state)
    fake_now += 1e6;
  ys_counter(state, calls_made++ == 0 ? "first" : "later", 1, 0);
}

static void no_attempts(ys_state *state) {
  YS_LOOP(state)
    fake_now += 1e6;
  ys_counter_success(state, "ok", 0, 0, 0);
}

static ys_instance instance(const char *name, ys_bench_fn fn) {
  static ys_bench defs[8];
  static size_t used;
  ys_bench *def = &defs[used++ % 8];
  *def = (ys_bench){.name = name, .file = __FILE__, .line = __LINE__, .fn = fn};
  ys_instance inst = {.def = def};
  strcpy(inst.name, name);
  return inst;
}

static ys_runner_config config(size_t rounds) {
  return (ys_runner_config){.collector = &fake_collector,
                            .warm_up_ns = 1e6,
                            .measurement_ns = 1e9,
                            .sample_size = 10,
                            .rounds = rounds,
                            .seed = 3};
}

/* The series of res named metric; fails the test when there is none. */
static const ys_series *named(const ys_bench_result *res, const char *metric) {
  for (size_t m = 0; m < res->n_series; m++)
    if (strcmp(res->series[m].metric, metric) == 0) return &res->series[m];
  fail_msg("no series '%s'", metric);
  return NULL;
}

/* Every sample of s holds figure × its iterations (counters.h), so that
 * its per-iteration value is the figure. */
static void assert_figure(const ys_series *s, double figure) {
  assert_true(s->n_samples > 0);
  for (size_t i = 0; i < s->n_samples; i++)
    assert_close(s->samples[i].value / (double)s->samples[i].iterations, figure,
                 1e-9 * figure);
}

static void test_each_kind_of_counter_is_its_figure(void **unused) {
  (void)unused;
  ys_instance inst = instance("planted", planted);
  ys_runner_config cfg = config(2);
  ys_run_result run;
  assert_int_equal(ys_runner_run(&inst, 1, &cfg, &run), 0);
  const ys_bench_result *res = &run.benches[0];
  assert_int_equal(res->status, YS_BENCH_OK);
  assert_int_equal(res->n_series, 5); /* time, then the four counters */
  assert_int_equal(ys_counters_first(res), 1);
  /* In order of first report. */
  assert_string_equal(res->series[1].metric, "calls");
  assert_string_equal(res->series[4].metric, "ok");
  assert_figure(named(res, "calls"), 5);
  assert_figure(named(res, "bytes"), 1000 / 0.002);
  assert_figure(named(res, "items"), 6);
  assert_figure(named(res, "ok"), 90);
  assert_string_equal(named(res, "ok")->unit, "%");
  assert_string_equal(named(res, "bytes")->unit, "/s");
  assert_int_equal(named(res, "ok")->counter,
                   YS_SERIES_COUNTER | YS_SERIES_COUNTER_SUCCESS |
                       YS_SERIES_COUNTER_GATED | YS_SERIES_COUNTER_HIGHER);
  assert_int_equal(named(res, "calls")->kind, YS_METRIC_COUNT);
  /* Counter series have the rounds and samples of the time. */
  for (size_t m = 1; m < res->n_series; m++) {
    assert_int_equal(res->series[m].n_samples, res->series[0].n_samples);
    assert_int_equal(res->series[m].n_rounds, 2);
  }
  ys_run_result_free(&run);
}

static void test_bad_counters_fail_their_benchmark_only(void **unused) {
  (void)unused;
  calls_made = 0;
  ys_instance list[] = {
      instance("planted", planted),
      instance("not_finite", not_finite),
      instance("too_many", too_many),
      instance("changes_its_counters", changes_its_counters),
      instance("no_attempts", no_attempts),
  };
  ys_runner_config cfg = config(2);
  ys_run_result run;
  assert_int_equal(ys_runner_run(list, 5, &cfg, &run), 0);
  assert_int_equal(run.benches[0].status, YS_BENCH_OK);
  static const char *const why[] = {
      NULL,
      "counter 'ratio': value inf is not finite",
      "counter 'c16' is one more than the 16 a benchmark may report",
      "counter 'first' was not reported in every call of the benchmark",
      "counter 'ok': 0 successes of 0 attempts in one call",
  };
  for (size_t i = 1; i < 5; i++) {
    const ys_bench_result *res = &run.benches[i];
    assert_int_equal(res->status, YS_BENCH_FAILED);
    if (strstr(res->message, why[i]) == NULL)
      fail_msg("%s: \"%s\", want \"%s\"", res->name, res->message, why[i]);
    assert_int_equal(res->series[0].n_samples, 0);
  }
  ys_run_result_free(&run);
}

static void test_add_refuses_bad_names_and_flags(void **unused) {
  (void)unused;
  ys_counter_set set = {0};
  char why[256];
  assert_int_equal(ys_counters_add(&set, "has space", 1, 0, 0, why, 256),
                   YS_EINVAL);
  assert_non_null(strstr(why, "only letters"));
  assert_int_equal(ys_counters_add(&set, "", 1, 0, 0, why, 256), YS_EINVAL);
  assert_int_equal(ys_counters_add(&set, "x", 1, 0,
                                   YS_COUNTER_RATE | YS_COUNTER_PER_ITERATION,
                                   why, 256),
                   YS_EINVAL);
  assert_int_equal(ys_counters_add(&set, "x", -1, 0, 0, why, 256), YS_EINVAL);
  assert_non_null(strstr(why, "negative"));
  assert_int_equal(ys_counters_add(&set, "x", NAN, 0, 0, why, 256), YS_EINVAL);
  assert_int_equal(ys_counters_add(&set, "x", 1, 0, 0, why, 256), 0);
  assert_int_equal(ys_counters_add(&set, "x", 1, 0, YS_COUNTER_RATE, why, 256),
                   YS_EINVAL);
  assert_non_null(strstr(why, "reported as YS_COUNTER_RATE, earlier in the "
                              "same call as YS_COUNTER_TOTAL"));
  /* The runner's latency series names are not a counter's. */
  assert_int_equal(ys_counters_add(&set, "latency_p99", 1, 0, 0, why, 256),
                   YS_EINVAL);
  assert_non_null(strstr(why, "taken by the latency percentiles"));
  assert_int_equal(ys_counters_add(&set, "latency_max", 1, 0, 0, why, 256),
                   YS_EINVAL);
  assert_int_equal(set.n, 1);
  assert_close(set.entry[0].value, 1, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_each_kind_of_counter_is_its_figure),
      cmocka_unit_test(test_bad_counters_fail_their_benchmark_only),
      cmocka_unit_test(test_add_refuses_bad_names_and_flags),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
