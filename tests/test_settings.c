/* Tests of per-benchmark settings: their precedence (default < config
 * file < the benchmark's definition < command line, run/settings.c and
 * harness/settings_prep.c) through the real config loader and command
 * line parser, and the runner measuring each benchmark with its own
 * rounds, sample size and warm-up count under a fake clock whose time
 * moves only when a benchmark body says so. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests/test_support.h"
#include <yardstick.h>

#include "core/error.h"
#include "harness/cli.h"
#include "harness/options_load.h"
#include "harness/settings_prep.h"
#include "run/runner.h"
#include "run/plan.h"
#include "run/registry.h"
#include "run/settings.h"
#include "reports/settings_text.h"

/* ---- Precedence --------------------------------------------------------- */

static void noop(ys_state *state) {
  YS_LOOP(state) {
  }
}

/* A benchmark whose definition sets rounds and measurement time and
 * warm-up iterations, but neither sample size nor warm-up time. */
static const ys_settings own = {
    .warm_up_iterations = 50, .measurement_time_s = 2.0, .rounds = 3};
static const ys_bench with_settings = {
    .name = "slow", .file = "x.c", .line = 7, .fn = noop, .settings = &own};
static const ys_bench without = {
    .name = "plain", .file = "x.c", .line = 9, .fn = noop};

/* Loads `yaml` (NULL: no file) and then the command line `args` (after the
 * program name), and resolves the settings of both benchmarks. */
static void resolve(const char *yaml, const char *const *args, size_t n_args,
                    ys_bench_settings out[2]) {
  char path[64] = "";
  char *argv[16];
  int argc = 0;
  argv[argc++] = (char *)"bench";
  if (yaml != NULL) {
    snprintf(path, sizeof(path), "/tmp/ys_test_settings_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, yaml, strlen(yaml)), (ssize_t)strlen(yaml));
    close(fd);
    argv[argc++] = (char *)"--config";
    argv[argc++] = path;
  } else {
    argv[argc++] = (char *)"--no-config";
  }
  for (size_t i = 0; i < n_args; i++)
    argv[argc++] = (char *)args[i];
  ys_options o;
  ys_config cfg;
  const char *config_path = NULL;
  bool from_file = false;
  char err[512];
  assert_int_equal(ys_options_load(argc, argv, &o, &cfg, &config_path,
                                   &from_file, err, sizeof(err)),
                   0);
  ys_instance chosen[2] = {{.def = &with_settings}, {.def = &without}};
  ys_bench_settings *s = NULL;
  assert_int_equal(ys_settings_prepare(&o, false, chosen, 2, chosen, 2, &s, err,
                                       sizeof(err)),
                   0);
  memcpy(out, s, 2 * sizeof(*s));
  free(s);
  ys_config_free(&cfg);
  if (path[0] != '\0') unlink(path);
}

static void test_defaults_then_benchmark(void **unused) {
  (void)unused;
  ys_bench_settings s[2];
  resolve(NULL, NULL, 0, s);
  /* The benchmark's own fields win over the defaults... */
  assert_int_equal(s[0].rounds, 3);
  assert_true(s[0].measurement_time_s == 2.0);
  assert_int_equal(s[0].warm_up_iterations, 50);
  assert_int_equal(s[0].own, YS_SETTING_ROUNDS | YS_SETTING_MEASUREMENT_TIME |
                                 YS_SETTING_WARM_UP_ITERATIONS);
  /* ...and the fields it leaves 0 keep them (options.h's defaults). */
  assert_int_equal(s[0].sample_size, YS_DEFAULT_SAMPLE_SIZE);
  assert_true(s[0].warm_up_time_s == YS_DEFAULT_WARM_UP_S);
  /* A benchmark without settings runs with the run's, and says none. */
  assert_int_equal(s[1].rounds, YS_DEFAULT_ROUNDS);
  assert_true(s[1].measurement_time_s == YS_DEFAULT_MEASUREMENT_S);
  assert_int_equal(s[1].warm_up_iterations, 0);
  assert_int_equal(s[1].own, 0);
}

static void test_config_is_below_the_benchmark(void **unused) {
  (void)unused;
  ys_bench_settings s[2];
  resolve("rounds: 7\nsample-size: 30\nmeasurement-time: 1.5\n", NULL, 0, s);
  assert_int_equal(s[0].rounds, 3);            /* benchmark over file */
  assert_true(s[0].measurement_time_s == 2.0); /* benchmark over file */
  assert_int_equal(s[0].sample_size, 30);      /* file: benchmark left 0 */
  assert_int_equal(s[1].rounds, 7);            /* file over default */
  assert_true(s[1].measurement_time_s == 1.5);
}

static void test_command_line_is_above_the_benchmark(void **unused) {
  (void)unused;
  ys_bench_settings s[2];
  const char *args[] = {"--rounds", "5", "--warm-up-time", "0.4"};
  resolve("rounds: 7\n", args, 4, s);
  assert_int_equal(s[0].rounds, 5); /* given: over benchmark and file */
  /* --warm-up-time asks for a warm-up by time: the benchmark's count
   * goes, its measurement time (not given) stays. */
  assert_int_equal(s[0].warm_up_iterations, 0);
  assert_true(s[0].warm_up_time_s == 0.4);
  assert_true(s[0].measurement_time_s == 2.0);
  assert_int_equal(s[0].own, YS_SETTING_MEASUREMENT_TIME);
  assert_int_equal(s[1].rounds, 5);
}

/* latency: true in the config file is the run's setting: every benchmark
 * gets latency mode, none names it as its own; a definition that asks for
 * it too still does, as the definition is above the file. */
static void test_latency_from_config_and_definition(void **unused) {
  (void)unused;
  ys_bench_settings s[2];
  resolve("latency: true\n", NULL, 0, s);
  assert_true(s[0].latency && s[1].latency);
  assert_int_equal(s[0].own & YS_SETTING_LATENCY, 0);
  assert_int_equal(s[1].own, 0);
  static const ys_settings asks = {.latency = true};
  static const ys_bench def = {
      .name = "svc", .file = "z.c", .line = 3, .fn = noop, .settings = &asks};
  ys_bench_settings run = {.latency = true, .rounds = 10}, out;
  ys_settings_resolve(&run, 0, &def, &out);
  assert_true(out.latency);
  assert_int_equal(out.own, YS_SETTING_LATENCY);
  ys_settings_resolve(&run, YS_SETTING_LATENCY, &def, &out);
  assert_true(out.latency);
  assert_int_equal(out.own, 0);
  /* The reports name it with the others (reports/settings_text.c). */
  ys_bench_settings named = {.rounds = 3,
                             .latency = true,
                             .own = YS_SETTING_ROUNDS | YS_SETTING_LATENCY};
  char text[200];
  assert_string_equal(ys_settings_text(&named, text, sizeof(text)),
                      "rounds 3, latency percentiles");
}

static void test_quick_shortens_what_it_shortens(void **unused) {
  (void)unused;
  ys_bench_settings s[2];
  const char *args[] = {"--quick"};
  /* The file's rounds survive --quick (docs/configuration.md), and so the
   * benchmark's rounds beat them; the measurement time --quick shortened
   * beats the benchmark's, so a quick run stays quick. */
  resolve("rounds: 7\n", args, 1, s);
  assert_int_equal(s[0].rounds, 3);
  assert_true(s[0].measurement_time_s == YS_QUICK_MEASUREMENT_S);
  assert_int_equal(s[0].warm_up_iterations, 0);
  assert_int_equal(s[1].rounds, 7);
}

static void test_bad_settings_name_the_benchmark(void **unused) {
  (void)unused;
  static const ys_settings bad = {.rounds = 20000};
  static const ys_bench def = {
      .name = "huge", .file = "y.c", .line = 12, .fn = noop, .settings = &bad};
  char err[256];
  assert_int_equal(ys_settings_check(&def, err, sizeof(err)), YS_EINVAL);
  assert_non_null(strstr(err, "benchmark 'huge' (y.c:12)"));
  assert_non_null(strstr(err, ".rounds"));
  static const ys_settings one_sample = {.sample_size = 1};
  static const ys_bench def2 = {.name = "one",
                                .file = "y.c",
                                .line = 13,
                                .fn = noop,
                                .settings = &one_sample};
  assert_int_equal(ys_settings_check(&def2, err, sizeof(err)), YS_EINVAL);
  assert_non_null(strstr(err, ".sample_size"));
}

/* However short the measurement time, each sample costs a call and clock
 * reads, which the automatic timeout does not count: a million samples a
 * round ran until it stopped them. The sample size is held to 10,000 and
 * the samples of a benchmark to 1,000,000. */
static void test_sample_size_is_held_to_sane_work(void **unused) {
  (void)unused;
  char err[256];
  static const ys_settings huge = {.measurement_time_s = 1e-300,
                                   .sample_size = 1000000};
  static const ys_bench def = {
      .name = "b", .file = "z.c", .line = 3, .fn = noop, .settings = &huge};
  assert_int_equal(ys_settings_check(&def, err, sizeof(err)), YS_EINVAL);
  assert_non_null(strstr(err, "benchmark 'b' (z.c:3): settings: .sample_size "
                              "must be 0 (the run's) or 2..10000"));
  static const ys_settings most = {.sample_size = 10000, .rounds = 100};
  static const ys_bench ok = {
      .name = "ok", .file = "z.c", .line = 4, .fn = noop, .settings = &most};
  assert_int_equal(ys_settings_check(&ok, err, sizeof(err)), 0);
  static const ys_settings many = {.sample_size = 10000, .rounds = 101};
  static const ys_bench product = {
      .name = "many", .file = "z.c", .line = 5, .fn = noop, .settings = &many};
  assert_int_equal(ys_settings_check(&product, err, sizeof(err)), YS_EINVAL);
  assert_non_null(strstr(err, ".sample_size must be at most 1000000 / "
                              ".rounds"));
}

/* ---- Settings in every form of BENCH ------------------------------------ */

/* One benchmark of each _WITH form, each with settings of its own that
 * tell it apart (rounds 2..7), registered as a suite would register them. */
BENCH_ARGS_WITH(args_with, YS_WITH(.rounds = 2, .sample_size = 12), 8, 64) {
  YS_LOOP(state)
    ys_black_box(ys_arg(state));
}
BENCH_PARAMS_WITH(params_with, YS_WITH(.warm_up_iterations = 9, .rounds = 3),
                  YS_VALUES(1, 2), YS_VARIANTS("x", "y")) {
  YS_LOOP(state)
    ys_black_box(ys_arg_at(state, 1));
}
BENCH_GROUP_REFERENCE_WITH(grp, ref, .rounds = 4) {
  YS_LOOP(state)
    ys_black_box(0);
}
BENCH_IN_GROUP_WITH(grp, other, .measurement_time_s = 0.5, .rounds = 5) {
  YS_LOOP(state)
    ys_black_box(1);
}
BENCH_GROUP_REFERENCE_PARAMS_WITH(pgrp, ref, YS_WITH(.rounds = 6),
                                  YS_VALUES(16, 32)) {
  YS_LOOP(state)
    ys_black_box(ys_arg(state));
}
BENCH_IN_GROUP_PARAMS_WITH(pgrp, other, YS_WITH(.rounds = 7, .latency = true),
                           YS_VALUES(16, 32)) {
  YS_LOOP(state)
    ys_black_box(ys_arg(state));
}

/* What each instance of the forms above must resolve to without a config
 * file or options: the rounds written in its definition, and as its own
 * settings exactly the fields its definition names. */
static const struct {
  const char *instance;
  size_t rounds;
  unsigned own;
} expected_forms[] = {
    {"args_with/8", 2, YS_SETTING_ROUNDS | YS_SETTING_SAMPLE_SIZE},
    {"args_with/64", 2, YS_SETTING_ROUNDS | YS_SETTING_SAMPLE_SIZE},
    {"grp/other", 5, YS_SETTING_ROUNDS | YS_SETTING_MEASUREMENT_TIME},
    {"grp/ref", 4, YS_SETTING_ROUNDS},
    {"params_with/1/x", 3, YS_SETTING_ROUNDS | YS_SETTING_WARM_UP_ITERATIONS},
    {"params_with/1/y", 3, YS_SETTING_ROUNDS | YS_SETTING_WARM_UP_ITERATIONS},
    {"params_with/2/x", 3, YS_SETTING_ROUNDS | YS_SETTING_WARM_UP_ITERATIONS},
    {"params_with/2/y", 3, YS_SETTING_ROUNDS | YS_SETTING_WARM_UP_ITERATIONS},
    {"pgrp/other/16", 7, YS_SETTING_ROUNDS | YS_SETTING_LATENCY},
    {"pgrp/other/32", 7, YS_SETTING_ROUNDS | YS_SETTING_LATENCY},
    {"pgrp/ref/16", 6, YS_SETTING_ROUNDS},
    {"pgrp/ref/32", 6, YS_SETTING_ROUNDS},
};
#define N_FORMS (sizeof(expected_forms) / sizeof(expected_forms[0]))

/* Expands the registry (the _WITH benchmarks above) and resolves every
 * instance's settings under the command line `args` (no config file). */
static size_t resolve_registry(const char *const *args, size_t n_args,
                               ys_instance **list, ys_bench_settings **s) {
  char err[512];
  size_t n = 0;
  assert_int_equal(
      ys_registry_expand(ys_registry_head(), list, &n, err, sizeof(err)), 0);
  char *argv[8];
  int argc = 0;
  argv[argc++] = (char *)"bench";
  argv[argc++] = (char *)"--no-config";
  for (size_t i = 0; i < n_args; i++)
    argv[argc++] = (char *)args[i];
  ys_options o;
  ys_config cfg;
  const char *config_path = NULL;
  bool from_file = false;
  assert_int_equal(ys_options_load(argc, argv, &o, &cfg, &config_path,
                                   &from_file, err, sizeof(err)),
                   0);
  assert_int_equal(
      ys_settings_prepare(&o, false, *list, n, *list, n, s, err, sizeof(err)),
      0);
  ys_config_free(&cfg);
  return n;
}

static void test_every_form_takes_settings(void **unused) {
  (void)unused;
  ys_instance *list = NULL;
  ys_bench_settings *s = NULL;
  size_t n = resolve_registry(NULL, 0, &list, &s);
  assert_int_equal(n, N_FORMS);
  for (size_t i = 0; i < n; i++) {
    assert_string_equal(list[i].name, expected_forms[i].instance);
    assert_int_equal(s[i].rounds, expected_forms[i].rounds);
    assert_int_equal(s[i].own, expected_forms[i].own);
  }
  /* The values beside the rounds, and the forms' other fields kept. */
  assert_int_equal(s[0].sample_size, 12);
  assert_int_equal(list[0].arg, 8);
  assert_int_equal(s[4].warm_up_iterations, 9);
  assert_string_equal(list[4].variants[1], "x");
  assert_true(s[2].measurement_time_s == 0.5);
  assert_ptr_equal(list[2].reference, list[3].def);
  assert_true(s[8].latency);
  assert_ptr_equal(list[8].reference, list[10].def);
  free(s);
  free(list);
}

static void test_command_line_beats_every_form(void **unused) {
  (void)unused;
  ys_instance *list = NULL;
  ys_bench_settings *s = NULL;
  const char *args[] = {"--rounds", "9", "--latency"};
  size_t n = resolve_registry(args, 3, &list, &s);
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(s[i].rounds, 9);
    /* --latency turns latency on for all, so it is no one's own. */
    assert_true(s[i].latency);
    assert_int_equal(s[i].own & (YS_SETTING_ROUNDS | YS_SETTING_LATENCY), 0);
  }
  free(s);
  free(list);
}

/* ---- The runner with each benchmark's settings -------------------------- */

static double fake_now; /* ns */
static double fake_window_start;
static uint64_t body_runs[2]; /* loop iterations run, per benchmark */

static void fake_start(void *ctx) {
  (void)ctx;
  fake_window_start = fake_now;
}
static void fake_stop(void *ctx, double *acc) {
  (void)ctx;
  acc[0] += fake_now - fake_window_start;
}
static double fake_resolution(void *ctx) {
  (void)ctx;
  return 1.0;
}
static const ys_metric fake_metrics[] = {{"time", "ns", YS_METRIC_TIME, false}};
static const ys_collector_ops fake_ops = {
    .name = "fake",
    .start = fake_start,
    .stop = fake_stop,
    .resolution = fake_resolution,
};
static const ys_collector fake_collector = {&fake_ops, NULL, fake_metrics, 1,
                                            false};

static void first(ys_state *state) {
  YS_LOOP(state) {
    fake_now += 1e3;
    body_runs[0]++;
  }
}
static void second(ys_state *state) {
  YS_LOOP(state) {
    fake_now += 1e3;
    body_runs[1]++;
  }
}

static void test_runner_uses_each_benchmarks_settings(void **unused) {
  (void)unused;
  static const ys_bench defs[2] = {
      {.name = "a", .file = __FILE__, .line = __LINE__, .fn = first},
      {.name = "b", .file = __FILE__, .line = __LINE__, .fn = second}};
  ys_instance list[2] = {{.name = "a", .def = &defs[0]},
                         {.name = "b", .def = &defs[1]}};
  /* a: 2 rounds of 5 samples, warmed up by 37 iterations per round; b: 4
   * rounds of 10 samples warmed up by time (1 ms of wall time at most,
   * which the fake clock does not control, so b's count is not checked). */
  ys_bench_settings settings[2] = {{.warm_up_iterations = 37,
                                    .measurement_time_s = 2 * 1e-3,
                                    .rounds = 2,
                                    .sample_size = 5,
                                    .own = YS_SETTING_ROUNDS},
                                   {.warm_up_time_s = 4e-3,
                                    .measurement_time_s = 4 * 1e-3,
                                    .rounds = 4,
                                    .sample_size = 10}};
  ys_runner_config cfg = {.collector = &fake_collector,
                          .warm_up_ns = 1e6,
                          .measurement_ns = 1e6,
                          .sample_size = 20,
                          .rounds = 10,
                          .seed = 3,
                          .settings = settings};
  body_runs[0] = body_runs[1] = 0;
  ys_run_result run;
  assert_int_equal(ys_runner_run(list, 2, &cfg, &run), 0);
  const ys_series *a = &run.benches[0].series[0];
  const ys_series *b = &run.benches[1].series[0];
  assert_int_equal(a->n_rounds, 2);
  assert_int_equal(b->n_rounds, 4);
  for (size_t r = 0; r < a->n_rounds; r++)
    assert_int_equal(a->rounds[r].n_samples, 5);
  for (size_t r = 0; r < b->n_rounds; r++)
    assert_int_equal(b->rounds[r].n_samples, 10);
  /* Every iteration a's body ran is either measured or warm-up: the
   * measured ones are the samples' sum, so the rest, which must be exactly
   * 37 per round, is what the body counted minus that sum. */
  uint64_t measured = 0;
  for (size_t i = 0; i < a->n_samples; i++)
    measured += a->samples[i].iterations;
  assert_int_equal(measured, run.benches[0].total_iterations);
  assert_int_equal(body_runs[0] - measured, 2 * 37);
  /* The result keeps the settings it was measured with. */
  assert_int_equal(run.benches[0].settings.rounds, 2);
  assert_int_equal(run.benches[0].settings.own, YS_SETTING_ROUNDS);
  assert_int_equal(run.benches[1].settings.own, 0);
  ys_run_result_free(&run);
}

/* A warm-up by count runs exactly that many iterations, the last batch
 * cut short: 1 + 2 + 4 + 8 + 5 = 20. */
static uint64_t batches[16];
static size_t n_batches;
static double record_batch(void *ctx, uint64_t iterations) {
  (void)ctx;
  batches[n_batches++] = iterations;
  return 10.0 * (double)iterations;
}

static void test_warm_up_count_is_exact(void **unused) {
  (void)unused;
  n_batches = 0;
  ys_warmup w;
  assert_int_equal(ys_plan_warm_up_count(record_batch, NULL, 20, &w), 0);
  assert_int_equal(n_batches, 5);
  uint64_t want[] = {1, 2, 4, 8, 5};
  for (size_t i = 0; i < 5; i++)
    assert_int_equal(batches[i], want[i]);
  assert_int_equal(w.iterations, 20);
  assert_true(w.met_ns == 10.0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_defaults_then_benchmark),
      cmocka_unit_test(test_config_is_below_the_benchmark),
      cmocka_unit_test(test_command_line_is_above_the_benchmark),
      cmocka_unit_test(test_quick_shortens_what_it_shortens),
      cmocka_unit_test(test_bad_settings_name_the_benchmark),
      cmocka_unit_test(test_sample_size_is_held_to_sane_work),
      cmocka_unit_test(test_latency_from_config_and_definition),
      cmocka_unit_test(test_every_form_takes_settings),
      cmocka_unit_test(test_command_line_beats_every_form),
      cmocka_unit_test(test_runner_uses_each_benchmarks_settings),
      cmocka_unit_test(test_warm_up_count_is_exact),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
