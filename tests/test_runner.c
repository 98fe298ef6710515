/* Tests of run/runner.c and run/state.c through a fake collector
 * whose clock only moves when a benchmark body says so: iteration counts,
 * samples, pausing, skip/error paths and the shuffled order of rounds are
 * then exact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tests/test_support.h"
#include <yardstick.h>

#include "core/error.h"
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
  acc[1] += 1; /* windows opened: shows pauses split a batch */
}
static double fake_resolution(void *ctx) {
  (void)ctx;
  return 1.0;
}

static const ys_metric fake_metrics[] = {
    {"time", "ns", YS_METRIC_TIME, false},
    {"windows", "n", YS_METRIC_COUNT, false}};
static const ys_collector_ops fake_ops = {
    .name = "fake",
    .start = fake_start,
    .stop = fake_stop,
    .resolution = fake_resolution,
};
/* An open collector as ys_collector_open would return it. */
static const ys_collector fake_collector = {&fake_ops, NULL, fake_metrics, 2,
                                            false};

/* 1 ms per iteration inside the loop; 5 ms of paused setup per iteration
 * and 7 ms of setup outside the loop, neither of which may be counted. */
static void one_ms(ys_state *state) {
  fake_now += 7e6;
  ys_set_bytes_per_iteration(state, 64);
  while (ys_loop(state)) {
    ys_pause_timing(state);
    fake_now += 5e6;
    ys_resume_timing(state);
    fake_now += 1e6;
  }
  fake_now += 7e6;
}

static void skips(ys_state *state) {
  ys_skip(state, "needs %d widgets", 3);
  while (ys_loop(state))
    fake_now += 1;
}

/* Counts rounds started, through the runner's progress callback. */
static size_t rounds_started;
static void count_rounds(void *ctx, size_t done, size_t total, size_t round,
                         size_t n_rounds, const char *name) {
  (void)ctx, (void)done, (void)total, (void)n_rounds, (void)name;
  rounds_started = round;
}

/* Measures fine in the first round, then fails. */
static void fails_later(ys_state *state) {
  if (rounds_started >= 2) {
    ys_error(state, "lost the input");
    return;
  }
  while (ys_loop(state))
    fake_now += 1e6;
}

static void never_loops(ys_state *state) {
  (void)state;
}

static void aborts(ys_state *state) {
  while (ys_loop(state))
    abort();
}

static void breaks_early(ys_state *state) {
  while (ys_loop(state))
    break;
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

/* The warm-up budget is wall-clock time of whole calls, which the fake
 * clock does not control: keep it at a millisecond so tests stay fast. The
 * plan follows the fake clock: O9's measurement 5 s and 100 samples. */
static ys_runner_config config(size_t rounds) {
  return (ys_runner_config){.collector = &fake_collector,
                            .warm_up_ns = 1e6,
                            .measurement_ns = 5e9,
                            .sample_size = 100,
                            .rounds = rounds,
                            .seed = 7};
}

static void test_samples_are_exact_and_setup_is_not_timed(void **unused) {
  (void)unused;
  ys_instance inst = instance("one_ms", one_ms);
  ys_runner_config cfg = config(2);
  ys_run_result run;
  assert_int_equal(ys_runner_run(&inst, 1, &cfg, &run), 0);
  ys_bench_result *res = &run.benches[0];
  assert_string_equal(res->name, "one_ms");
  assert_int_equal(res->status, YS_BENCH_OK);
  assert_int_equal(res->bytes_per_iteration, 64);
  assert_int_equal(res->n_series, 2);
  ys_series *time = &res->series[0];
  assert_string_equal(time->metric, "time");
  assert_int_equal(time->n_rounds, 2);
  assert_int_equal(time->n_samples, 200);
  /* met = 1 ms → linear with d = 1: iterations 1..100 per round. */
  for (size_t r = 0; r < 2; r++) {
    assert_true(time->rounds[r].linear);
    assert_int_equal(time->rounds[r].first_sample, r * 100);
    assert_int_equal(time->rounds[r].n_samples, 100);
    for (size_t i = 0; i < 100; i++) {
      const ys_sample *s = &time->samples[r * 100 + i];
      assert_int_equal(s->iterations, i + 1);
      assert_close(s->value, 1e6 * (double)(i + 1), 1e-6);
      /* Each pause closes a window and each resume opens one: k
       * iterations make k + 1 windows. */
      assert_close(res->series[1].samples[r * 100 + i].value, (double)(i + 2),
                   0);
    }
  }
  assert_int_equal(res->total_iterations, 2 * 5050);
  assert_true(time->analysis.warnings & YS_WARN_FEW_ITERATIONS);
  assert_int_equal(time->analysis.suggested_sample_size, 70);
  ys_run_result_free(&run);
}

static void test_skip_error_and_misuse_are_reported(void **unused) {
  (void)unused;
  ys_instance list[] = {
      instance("ok", one_ms),
      instance("skips", skips),
      instance("fails_later", fails_later),
      instance("never_loops", never_loops),
      instance("breaks_early", breaks_early),
      instance("aborts", aborts),
  };
  ys_runner_config cfg = config(3);
  cfg.sample_size = 5;
  cfg.progress = count_rounds;
  ys_run_result run;
  assert_int_equal(ys_runner_run(list, 6, &cfg, &run), 0);
  assert_int_equal(run.benches[0].status, YS_BENCH_OK);
  assert_int_equal(run.benches[0].series[0].n_rounds, 3);

  assert_int_equal(run.benches[1].status, YS_BENCH_SKIPPED);
  assert_string_equal(run.benches[1].message, "needs 3 widgets");
  assert_int_equal(run.benches[1].series[0].n_samples, 0);

  assert_int_equal(run.benches[2].status, YS_BENCH_FAILED);
  assert_string_equal(run.benches[2].message, "lost the input");
  assert_int_equal(run.benches[2].series[0].n_rounds, 0);
  assert_int_equal(run.benches[2].total_iterations, 0);

  assert_int_equal(run.benches[3].status, YS_BENCH_FAILED);
  assert_non_null(strstr(run.benches[3].message, "without running its loop"));
  assert_int_equal(run.benches[4].status, YS_BENCH_FAILED);
  assert_non_null(strstr(run.benches[4].message, "left its loop"));
  /* A crash is caught, reported with its signal, and the run goes on. */
  assert_int_equal(run.benches[5].status, YS_BENCH_FAILED);
  assert_non_null(strstr(run.benches[5].message, "crashed with signal 6"));
  assert_int_equal(run.benches[0].series[0].n_rounds, 3);
  ys_run_result_free(&run);
}

/* The progress callback sees the order the rounds run in. */
typedef struct order_log {
  char names[64][16];
  size_t n;
} order_log;

static void log_order(void *ctx, size_t done, size_t total, size_t round,
                      size_t n_rounds, const char *name) {
  order_log *log = ctx;
  assert_int_equal(done, log->n);
  assert_int_equal(total, 4 * 6);
  assert_int_equal(n_rounds, 6);
  assert_int_equal(round, log->n / 4 + 1);
  strcpy(log->names[log->n++], name);
}

static void run_logged(uint64_t seed, order_log *log) {
  ys_instance list[] = {instance("a", one_ms), instance("b", one_ms),
                        instance("c", one_ms), instance("d", one_ms)};
  ys_runner_config cfg = config(6);
  cfg.sample_size = 2;
  cfg.warm_up_ns = 1e6;
  cfg.measurement_ns = 1e7;
  cfg.seed = seed;
  cfg.progress = log_order;
  cfg.progress_ctx = log;
  memset(log, 0, sizeof(*log));
  ys_run_result run;
  assert_int_equal(ys_runner_run(list, 4, &cfg, &run), 0);
  ys_run_result_free(&run);
}

static void test_rounds_interleave_in_a_seeded_order(void **unused) {
  (void)unused;
  order_log first, again, other;
  run_logged(11, &first);
  run_logged(11, &again);
  run_logged(12, &other);
  assert_int_equal(first.n, 24);
  /* Every pass measures every benchmark once. */
  for (size_t pass = 0; pass < 6; pass++) {
    int seen = 0;
    for (size_t k = 0; k < 4; k++)
      seen |= 1 << (first.names[pass * 4 + k][0] - 'a');
    assert_int_equal(seen, 0xf);
  }
  /* Same seed, same order; the passes are not all in one order. */
  assert_memory_equal(first.names, again.names, sizeof(first.names));
  assert_memory_not_equal(first.names, other.names, sizeof(first.names));
  bool differs = false;
  for (size_t pass = 1; pass < 6; pass++)
    differs |= memcmp(first.names[0], first.names[pass * 4],
                      4 * sizeof(first.names[0])) != 0;
  assert_true(differs);
}

static void test_calibrate_measures_the_empty_loop(void **unused) {
  (void)unused;
  double resolution = 0, overhead = -1;
  assert_int_equal(ys_runner_calibrate(&fake_collector, &resolution, &overhead),
                   0);
  assert_close(resolution, 1.0, 0);
  /* The fake clock does not move in an empty loop. */
  assert_close(overhead, 0.0, 0);
}

/* A deterministic collector: one unmeasured batch, then one measured batch
 * of the fixed iteration count, one round, whatever the time budget. */
static void test_deterministic_collector_measures_fixed_batches(void **unused) {
  (void)unused;
  static const ys_collector exact = {&fake_ops, NULL, fake_metrics, 2, true};
  ys_instance inst = instance("one_ms", one_ms);
  ys_runner_config cfg = config(1);
  cfg.collector = &exact;
  cfg.fixed_iterations = 3;
  ys_run_result run;
  assert_int_equal(ys_runner_run(&inst, 1, &cfg, &run), 0);
  const ys_series *s = &run.benches[0].series[0];
  assert_int_equal(s->n_rounds, 1);
  assert_int_equal(s->n_samples, 1);
  assert_int_equal(s->samples[0].iterations, 3);
  assert_close(s->samples[0].value, 3e6, 0);
  /* The empty loop's batch (one window) is subtracted: 3 paused
   * iterations open 4 windows, of which 3 are the body's own. */
  assert_close(run.benches[0].series[1].samples[0].value, 3, 0);
  assert_false(s->rounds[0].linear);
  assert_int_equal(run.benches[0].total_iterations, 3);
  ys_run_result_free(&run);
}

/* The sample storage never wraps its byte size: a round of more samples
 * than memory can address fails with YS_ENOMEM instead of allocating a
 * few bytes and writing past them. */
static void test_sample_storage_growth_cannot_wrap(void **unused) {
  (void)unused;
  assert_true(ys_runner_fits(0, 10, sizeof(ys_sample)));
  assert_false(
      ys_runner_fits(0, SIZE_MAX / sizeof(ys_sample) + 1, sizeof(ys_sample)));
  assert_false(
      ys_runner_fits(2, SIZE_MAX / sizeof(ys_sample) - 1, sizeof(ys_sample)));
  assert_false(ys_runner_fits(1, 1, 0));

  ys_instance inst = instance("one_ms", one_ms);
  ys_runner_config cfg = config(1);
  ys_runner *r;
  assert_int_equal(ys_runner_open(&cfg, &r), 0);
  /* 2^60 + 1 samples of 16 bytes: the byte size wraps to 16. */
  ys_runner_set_budget(r, 1e6, 5e9, (size_t)1152921504606846977ull);
  ys_bench_result res;
  assert_int_equal(ys_runner_result_init(&fake_collector, &inst, &res), 0);
  assert_int_equal(ys_runner_round(r, &inst, &res), YS_ENOMEM);
  assert_int_equal(res.series[0].n_samples, 0);
  ys_bench_result_clear(&res);
  ys_runner_close(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_samples_are_exact_and_setup_is_not_timed),
      cmocka_unit_test(test_skip_error_and_misuse_are_reported),
      cmocka_unit_test(test_rounds_interleave_in_a_seeded_order),
      cmocka_unit_test(test_calibrate_measures_the_empty_loop),
      cmocka_unit_test(test_deterministic_collector_measures_fixed_batches),
      cmocka_unit_test(test_sample_storage_growth_cannot_wrap),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
