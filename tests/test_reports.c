/*
 * Tests of the format table (reports/report.c) and of the machine-readable
 * reports: json, gbench and csv render a fixed, hand-made run, alone and
 * compared against a baseline, and must match the golden files in
 * tests/data byte for byte (report.* and report.cmp.*).
 *
 * To rewrite the golden files after a deliberate format change, run this
 * test with YS_UPDATE_GOLDEN=1 (the affected tests then fail once, saying so),
 * and review the diff of tests/data before keeping it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tests/support/golden.h"
#include "tests/support/render.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/model.h"
#include "reports/report.h"

extern const ys_report_ops ys_report_console;
extern const ys_report_ops ys_report_json;
extern const ys_report_ops ys_report_gbench;
extern const ys_report_ops ys_report_csv;
extern const ys_report_ops ys_report_markdown;

/* ---- the fixed run ---------------------------------------------------- */

static ys_context make_context(void) {
  ys_context c;
  memset(&c, 0, sizeof(c));
  strcpy(c.date, "2026-01-02T03:04:05Z");
  strcpy(c.host_name, "testhost");
  strcpy(c.executable, "/opt/bench/bench");
  strcpy(c.cpu_model, "Test CPU @ 3.00GHz");
  c.num_cpus = 2;
  c.mhz_per_cpu = 2995.5;
  c.cpu_scaling_enabled = true;
  c.aslr_enabled = false;
  c.load_avg[0] = 0.5;
  c.load_avg[1] = 0.25;
  c.load_avg[2] = 0.125;
  c.caches[0] = (ys_cache_info){"Data", 1, 32768, 1};
  c.caches[1] = (ys_cache_info){"Instruction", 1, 32768, 1};
  c.caches[2] = (ys_cache_info){"Unified", 2, 1048576, 2};
  c.n_caches = 3;
  c.compiler = "GNU 12.2.0";
  c.build_type = "release";
  c.library_version = "0.1.0";
  c.collector = "wall";
  c.clock_resolution_ns = 1;
  c.loop_overhead_ns = 0.31;
  c.seed = 42;
  c.rounds = 3;
  c.sample_size = 3;
  c.warm_up_time_s = 0.2;
  c.measurement_time_s = 0.6;
  return c;
}

/* sort/1024, wall time: 3 linear rounds of 3 samples (10, 20, 30 iterations;
 * values are batch totals in ns). */
static ys_sample sort_time_samples[] = {
    {10, 1000.5}, {20, 2001},    {30, 3003},     /* round 0 */
    {10, 1100},   {20, 2150.25}, {30, 3300},     /* round 1 */
    {10, 990},    {20, 1985},    {30, 2970.125}, /* round 2 */
};
static ys_round sort_time_rounds[] = {
    {0, 3, true, 100.1},
    {3, 3, true, 109.5},
    {6, 3, true, 99.0},
};
static ys_sample sort_cpu_samples[] = {
    {10, 995},  {20, 1990}, {30, 2985}, {10, 1090}, {20, 2140},
    {30, 3290}, {10, 985},  {20, 1980}, {30, 2965},
};
static ys_round sort_cpu_rounds[] = {
    {0, 3, false, 99.5},
    {3, 3, false, 108.0},
    {6, 3, false, 98.75},
};

/* 'quote"d, name': one flat series of 2 rounds, and an instruction count. */
static ys_sample quoted_time_samples[] = {
    {1000, 5.0e6}, {1000, 5.5e6}, {1000, 5.25e6}, {1000, 5.125e6}};
static ys_round quoted_time_rounds[] = {{0, 2, false, 5250.0},
                                        {2, 2, false, 5187.5}};
static ys_sample quoted_insn_samples[] = {
    {1000, 12000000}, {1000, 12000000}, {1000, 12000000}, {1000, 12000001}};
static ys_round quoted_insn_rounds[] = {{0, 2, false, 12000},
                                        {2, 2, false, 12000.0005}};

static ys_series sort_series[2];
static ys_series quoted_series[2];
static ys_bench_result benches[4];

static void make_results(void) {
  memset(sort_series, 0, sizeof(sort_series));
  memset(quoted_series, 0, sizeof(quoted_series));
  memset(benches, 0, sizeof(benches));

  ys_series *t = &sort_series[0];
  t->metric = "time";
  t->unit = "ns";
  t->samples = sort_time_samples;
  t->n_samples = 9;
  t->rounds = sort_time_rounds;
  t->n_rounds = 3;
  t->analysis = (ys_analysis){
      .mean = {102.86, 99.9, 106.1},
      .median = {100.05, 99.0, 109.5},
      .std_dev = {4.5, 2.1, 6.25},
      .mad = {1.4826, 0.5, 3.0},
      .slope = {102.7, 99.8, 105.9},
      .has_slope = true,
      .r_squared = 0.85,
      .lag1_autocorrelation = -0.125,
      .outliers = {0, 1, 7, 1, 0, {85.0, 92.5, 112.5, 120.0}},
      .round_min = 99.0,
      .round_median = 100.1,
      .round_max = 109.5,
      .round_mean = 102.86666666666666,
      .round_std_dev = 5.770904030854555,
      .noisy_round_share = 1.0 / 3.0,
      .warnings = YS_WARN_LOW_R_SQUARED | YS_WARN_NOISY_ROUNDS,
  };
  ys_series *c = &sort_series[1];
  c->metric = "cpu_time";
  c->unit = "ns";
  c->samples = sort_cpu_samples;
  c->n_samples = 9;
  c->rounds = sort_cpu_rounds;
  c->n_rounds = 3;
  c->analysis = (ys_analysis){
      .mean = {102.0, 99.0, 105.0},
      .median = {99.5, 98.75, 108.0},
      .std_dev = {4.0, 2.0, 6.0},
      .mad = {1.0, 0.25, 2.5},
      .r_squared = 0.99,
      .lag1_autocorrelation = 0.1,
      .outliers = {0, 0, 9, 0, 0, {80.0, 90.0, 115.0, 125.0}},
      .round_min = 98.75,
      .round_median = 99.5,
      .round_max = 108.0,
      .round_mean = 102.08333333333333,
      .round_std_dev = 5.137687547266117,
      .noisy_round_share = 1.0 / 3.0,
      .warnings = YS_WARN_FEW_ITERATIONS,
      .suggested_sample_size = 50,
  };

  ys_series *q = &quoted_series[0];
  q->metric = "time";
  q->unit = "ns";
  q->samples = quoted_time_samples;
  q->n_samples = 4;
  q->rounds = quoted_time_rounds;
  q->n_rounds = 2;
  q->analysis = (ys_analysis){
      .mean = {5218.75, 5000.0, 5500.0},
      .median = {5187.5, 5000.0, 5500.0},
      .std_dev = {213.5, 0.0, 250.0},
      .mad = {0.1, 0.0, 0.2},
      .r_squared = 1.0,
      /* Not computable from so few samples: must never print as NaN. */
      .lag1_autocorrelation = NAN,
      .outliers = {0, 0, 4, 0, 0, {4000.0, 4500.0, 6000.0, 6500.0}},
      .round_min = 5187.5,
      .round_median = 5218.75,
      .round_max = 5250.0,
      .round_mean = 5218.75,
      .round_std_dev = 44.19417382415922,
      .noisy_round_share = 0.0,
      .warnings = 0,
  };
  ys_series *n = &quoted_series[1];
  n->metric = "instructions";
  n->unit = "instructions";
  n->kind = YS_METRIC_COUNT;
  n->exact = true;
  n->samples = quoted_insn_samples;
  n->n_samples = 4;
  n->rounds = quoted_insn_rounds;
  n->n_rounds = 2;
  n->analysis = (ys_analysis){
      .mean = {12000.00025, 12000.0, 12000.0005},
      .median = {12000.0, 12000.0, 12000.0005},
      .std_dev = {0.0005, 0.0, 0.001},
      .mad = {0.0, 0.0, 0.0},
      .r_squared = 1.0,
      .lag1_autocorrelation = INFINITY,
      .outliers = {0, 0, 3, 0, 1, {12000.0, 12000.0, 12000.0, 12000.0}},
      .round_min = 12000.0,
      .round_median = 12000.00025,
      .round_max = 12000.0005,
      .round_mean = 12000.00025,
      .round_std_dev = 0.0003535533906653021,
      .noisy_round_share = 0.0,
  };

  /* In name order, as the runner hands them over. */
  ys_bench_result *b = &benches[0];
  strcpy(b->name, "broken");
  b->status = YS_BENCH_FAILED;
  strcpy(b->message, "exit \"code\" 3,\nsee log");
  b->elapsed_s = 0.01;

  b = &benches[1];
  strcpy(b->name, "needs_avx512");
  b->status = YS_BENCH_SKIPPED;
  strcpy(b->message, "no AVX-512 here");
  b->elapsed_s = 0.001;

  b = &benches[2];
  strcpy(b->name, "quote\"d, name");
  b->status = YS_BENCH_OK;
  b->total_iterations = 4000;
  b->elapsed_s = 0.125;
  b->series = quoted_series;
  b->n_series = 2;

  b = &benches[3];
  strcpy(b->name, "sort/1024");
  b->status = YS_BENCH_OK;
  b->bytes_per_iteration = 4096;
  b->elements_per_iteration = 1024;
  b->total_iterations = 180;
  b->elapsed_s = 0.85;
  b->series = sort_series;
  b->n_series = 2;
}

/* ---- the same run against a baseline ---------------------------------- */

/* A deterministic count measured by the callgrind collector. */
static ys_sample hash_insn_samples[] = {{10, 12345670}, {10, 12345670}};
static ys_round hash_insn_rounds[] = {{0, 1, false, 1234567.0},
                                      {1, 1, false, 1234567.0}};
static ys_series hash_series[1];
/* A benchmark of the baseline only: what the baseline stored for it. */
static ys_series gone_series[1];
static ys_bench_result extra[3];

/* The union of both sides in name order, as the caller hands it over. */
static const ys_bench_result *cmp_list[7];
static ys_comparison cmps[7];

static void make_comparison(void) {
  make_results();
  memset(hash_series, 0, sizeof(hash_series));
  memset(gone_series, 0, sizeof(gone_series));
  memset(extra, 0, sizeof(extra));

  hash_series[0] = (ys_series){
      .metric = "instructions",
      .unit = "instructions",
      .kind = YS_METRIC_COUNT,
      .exact = true,
      .samples = hash_insn_samples,
      .n_samples = 2,
      .rounds = hash_insn_rounds,
      .n_rounds = 2,
      .analysis = {.mean = {1234567.0, 1234567.0, 1234567.0},
                   .median = {1234567.0, 1234567.0, 1234567.0},
                   .r_squared = 1.0,
                   .round_min = 1234567.0,
                   .round_median = 1234567.0,
                   .round_max = 1234567.0,
                   .round_mean = 1234567.0},
  };
  gone_series[0] = quoted_series[0];

  ys_bench_result *b = &extra[0];
  strcpy(b->name, "gone|old");
  b->status = YS_BENCH_OK;
  b->total_iterations = 4000;
  b->series = gone_series;
  b->n_series = 1;
  b = &extra[1];
  strcpy(b->name, "hash");
  b->status = YS_BENCH_OK;
  b->total_iterations = 20;
  b->series = hash_series;
  b->n_series = 1;
  b = &extra[2];
  strcpy(b->name, "new_one");
  b->status = YS_BENCH_OK;
  b->total_iterations = 180;
  b->series = sort_series;
  b->n_series = 1;

  cmp_list[0] = &benches[0]; /* broken: failed now */
  cmp_list[1] = &extra[0];   /* gone|old: missing */
  cmp_list[2] = &extra[1];   /* hash: deterministic, improved */
  cmp_list[3] = &benches[1]; /* needs_avx512: skipped on both sides */
  cmp_list[4] = &extra[2];   /* new_one: new */
  cmp_list[5] = &benches[2]; /* quote"d, name: unchanged */
  cmp_list[6] = &benches[3]; /* sort/1024: regressed, noisy, confirmed */

  memset(cmps, 0, sizeof(cmps));
  for (size_t i = 0; i < 7; i++) {
    cmps[i].metric = "time";
    cmps[i].unit = "ns";
    cmps[i].threshold = 0.05;
    cmps[i].p_value = NAN;
  }
  cmps[0].verdict = YS_VERDICT_NOT_COMPARED;
  cmps[0].base_rounds = 3;
  cmps[0].base_estimate = 55.5;
  cmps[0].base_median = 56.0;
  cmps[0].base_noise = 0.0;

  cmps[1].verdict = YS_VERDICT_MISSING;
  cmps[1].base_rounds = 2;
  cmps[1].base_estimate = 5187.5;
  cmps[1].base_median = 5218.75;

  cmps[2] = (ys_comparison){
      .verdict = YS_VERDICT_IMPROVED,
      .metric = "instructions",
      .unit = "instructions",
      .kind = YS_METRIC_COUNT,
      .exact = true,
      .base_rounds = 2,
      .new_rounds = 2,
      .base_estimate = 1300000.0,
      .new_estimate = 1234567.0,
      .base_median = 1300000.0,
      .new_median = 1234567.0,
      .change = -0.050333076923076926,
      .p_value = NAN,
      .threshold = 0.05,
  };

  cmps[3].verdict = YS_VERDICT_NOT_COMPARED;

  cmps[4].verdict = YS_VERDICT_NEW;
  cmps[4].new_rounds = 3;
  cmps[4].new_estimate = 99.0;
  cmps[4].new_median = 100.1;
  cmps[4].new_noise = 1.0 / 3.0;

  cmps[5] = (ys_comparison){
      .verdict = YS_VERDICT_UNCHANGED,
      .metric = "time",
      .unit = "ns",
      .base_rounds = 2,
      .new_rounds = 2,
      .base_estimate = 5136.125,
      .new_estimate = 5187.5,
      .base_median = 5193.0,
      .new_median = 5218.75,
      .change = 0.01,
      .change_ci = {0.01, -0.0125, 0.02},
      .p_value = 0.5,
      .threshold = 0.05,
  };

  cmps[6] = (ys_comparison){
      .verdict = YS_VERDICT_REGRESSED,
      .metric = "time",
      .unit = "ns",
      .base_rounds = 3,
      .new_rounds = 3,
      .base_estimate = 90.0,
      .new_estimate = 99.0,
      .base_median = 91.5,
      .new_median = 100.1,
      .change = 0.1,
      .change_ci = {0.1, 0.0625, 0.125},
      .p_value = 0.05,
      .threshold = 0.05,
      .base_noise = 0.0,
      .new_noise = 1.0 / 3.0,
      .noisy = true,
      .remeasured = true,
  };
  /* Shares of the CPU are measured for wall time only: none here but for
   * sort/1024, whose process had the CPU almost all the time. */
  for (size_t i = 0; i < 7; i++)
    cmps[i].base_cpu_share = cmps[i].new_cpu_share = NAN;
  cmps[6].base_cpu_share = 0.99;
  cmps[6].new_cpu_share = 0.97;
}

/* Where the baseline ran: another CPU and compiler than make_context. */
static ys_context make_baseline_context(void) {
  ys_context c = make_context();
  strcpy(c.date, "2025-12-24T10:00:00Z");
  strcpy(c.cpu_model, "Other CPU @ 2.50GHz");
  c.compiler = "Clang 16.0.6";
  return c;
}

/* ---- rendering and golden files --------------------------------------- */

/* Runs `ops` over `n` benchmarks of `list`, not compared, into memory; the
 * caller frees the text. */
static char *render(const ys_report_ops *ops, const ys_context *ctx,
                    const ys_bench_result *list, size_t n,
                    const ys_summary *sum) {
  ys_report_entry entries[8];
  assert_true(n <= 8);
  for (size_t i = 0; i < n; i++)
    entries[i] = (ys_report_entry){&list[i], NULL};
  ys_run_view run = {.ctx = ctx, .summary = sum, .entries = entries, .n = n};
  return ys_test_render(ops, &run, false);
}

/* The summary of the compared run (make_comparison), against a baseline
 * that ran at `base`. */
static ys_summary compared_summary(const ys_context *base) {
  ys_summary sum = {.n_ok = 4,
                    .n_skipped = 1,
                    .n_failed = 1,
                    .elapsed_s = 3.0,
                    .compared = true,
                    .baseline_name = "main",
                    .baseline_ctx = base};
  sum.n_verdicts[YS_VERDICT_REGRESSED] = 1;
  sum.n_verdicts[YS_VERDICT_UNCHANGED] = 1;
  sum.n_verdicts[YS_VERDICT_IMPROVED] = 1;
  sum.n_verdicts[YS_VERDICT_NEW] = 1;
  sum.n_verdicts[YS_VERDICT_MISSING] = 1;
  sum.n_verdicts[YS_VERDICT_NOT_COMPARED] = 2;
  return sum;
}

/* Runs `ops` over the compared run (make_comparison) into memory; the
 * caller frees the text. */
static char *render_compared_run(const ys_report_ops *ops) {
  ys_context ctx = make_context();
  ys_context base = make_baseline_context();
  ys_summary sum = compared_summary(&base);
  make_comparison();
  ys_report_entry entries[7];
  for (size_t i = 0; i < 7; i++)
    entries[i] = (ys_report_entry){cmp_list[i], &cmps[i]};
  ys_run_view run = {.ctx = &ctx, .summary = &sum, .entries = entries, .n = 7};
  return ys_test_render(ops, &run, false);
}

static char *render_fixed_run(const ys_report_ops *ops) {
  ys_context ctx = make_context();
  ys_summary sum = {.n_ok = 2, .n_skipped = 1, .n_failed = 1, .elapsed_s = 2.5};
  make_results();
  return render(ops, &ctx, benches, 4, &sum);
}

static void test_json_matches_golden(void **state) {
  (void)state;
  char *out = render_fixed_run(&ys_report_json);
  ys_test_check_golden(out, "report.json");
  free(out);
}

static void test_gbench_matches_golden(void **state) {
  (void)state;
  char *out = render_fixed_run(&ys_report_gbench);
  ys_test_check_golden(out, "report.gbench.json");
  free(out);
}

static void test_csv_matches_golden(void **state) {
  (void)state;
  char *out = render_fixed_run(&ys_report_csv);
  ys_test_check_golden(out, "report.csv");
  free(out);
}

static void test_json_compared_matches_golden(void **state) {
  (void)state;
  char *out = render_compared_run(&ys_report_json);
  ys_test_check_golden(out, "report.cmp.json");
  free(out);
}

static void test_gbench_compared_matches_golden(void **state) {
  (void)state;
  char *out = render_compared_run(&ys_report_gbench);
  ys_test_check_golden(out, "report.cmp.gbench.json");
  free(out);
}

static void test_csv_compared_matches_golden(void **state) {
  (void)state;
  char *out = render_compared_run(&ys_report_csv);
  ys_test_check_golden(out, "report.cmp.csv");
  free(out);
}

/* gbench leaves a missing benchmark out; the family indices of the others
 * stay dense and the document stays valid even when the missing one comes
 * first. */
static void test_gbench_missing_first(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ys_summary sum = {.compared = true, .baseline_name = "main"};
  make_comparison();
  ys_report_entry entries[] = {
      {cmp_list[1], &cmps[1]}, /* missing */
      {cmp_list[4], &cmps[4]}, /* new */
  };
  ys_run_view run = {.ctx = &ctx, .summary = &sum, .entries = entries, .n = 2};
  char *buf = ys_test_render(&ys_report_gbench, &run, false);
  assert_null(strstr(buf, "gone|old"));
  assert_non_null(strstr(buf, "  \"benchmarks\": [\n    {\n      \"name\": "
                              "\"new_one\",\n      \"family_index\": 0,"));
  /* One family only: the missing one took no index. */
  assert_null(strstr(buf, "\"family_index\": 1"));
  assert_non_null(strstr(buf, "\"yardstick_verdict\": \"new\"\n"));
  assert_null(strstr(buf, "yardstick_change"));
  free(buf);
}

/* The instances of one BENCH_ARGS registration are one Google Benchmark
 * family, numbered within it; other registrations are families of their
 * own, counted in the order written. */
static void test_gbench_families(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ys_summary sum = {0};
  static ys_bench_result res[3];
  const char *names[3] = {"hash", "memcpy/64", "memcpy/4096"};
  const char *families[3] = {"hash", "memcpy", "memcpy"};
  ys_report_entry entries[3];
  for (size_t i = 0; i < 3; i++) {
    memset(&res[i], 0, sizeof(res[i]));
    snprintf(res[i].name, sizeof(res[i].name), "%s", names[i]);
    snprintf(res[i].family, sizeof(res[i].family), "%s", families[i]);
    res[i].status = YS_BENCH_SKIPPED;
    entries[i] = (ys_report_entry){&res[i], NULL};
  }
  ys_run_view run = {.ctx = &ctx, .summary = &sum, .entries = entries, .n = 3};
  char *buf = ys_test_render(&ys_report_gbench, &run, false);
  const char *want[3] = {
      "\"name\": \"hash\",\n      \"family_index\": 0,\n"
      "      \"per_family_instance_index\": 0,",
      "\"name\": \"memcpy/64\",\n      \"family_index\": 1,\n"
      "      \"per_family_instance_index\": 0,",
      "\"name\": \"memcpy/4096\",\n      \"family_index\": 1,\n"
      "      \"per_family_instance_index\": 1,",
  };
  for (size_t i = 0; i < 3; i++) {
    if (strstr(buf, want[i]) == NULL) print_error("no %s in\n%s", want[i], buf);
    assert_non_null(strstr(buf, want[i]));
  }
  free(buf);
}

/* The families' complexity in JSON, the console and Markdown: a fitted
 * family with its tie warning, and one with too few sizes that says why. */
static void test_complexity_in_every_text_report(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ys_summary sum = {0};
  ys_complexity_fit fits[2] = {{.family = "sort",
                                .unit = "ns",
                                .n_points = 7,
                                .n_min = 16,
                                .n_max = 1024,
                                .fitted = true,
                                .best = YS_COMPLEXITY_N2,
                                .coefficient = 0.5,
                                .rms = 0.02,
                                .runner_up = YS_COMPLEXITY_N_LOG_N,
                                .runner_up_rms = 0.025,
                                .indistinguishable = true,
                                .exponent = 1.98,
                                .exponent_r_squared = 0.99},
                               {.family = "copy",
                                .unit = "ns",
                                .n_points = 3,
                                .n_min = 64,
                                .n_max = 65536}};
  ys_run_view run = {
      .ctx = &ctx, .summary = &sum, .complexity = fits, .n_complexity = 2};
  char *out = ys_test_render(&ys_report_json, &run, false);
  const char *json[] = {
      "\"family\": \"sort\"",
      "\"best\": \"n^2\"",
      "\"coefficient\": 0.5",
      "\"rms\": 0.02",
      "\"runner_up\": \"n log n\"",
      "\"indistinguishable\": true",
      "\"exponent\": 1.98",
      "\"points\": 7",
      "\"family\": \"copy\",\n      \"unit\": \"ns\",\n      \"points\": 3,\n"
      "      \"n_min\": 64,\n      \"n_max\": 65536,\n      \"fitted\": "
      "false\n",
  };
  for (size_t i = 0; i < sizeof(json) / sizeof(json[0]); i++)
    if (strstr(out, json[i]) == NULL) fail_msg("no %s in\n%s", json[i], out);
  free(out);
  out = ys_test_render(&ys_report_console, &run, false);
  const char *console[] = {
      ("O(n^2): 0.5 ns \xc3\x97 n^2, RMS 2.0 %, exponent 1.98 (7 sizes, "
       "16..1024)"),
      "warning: O(n^2) and O(n log n) fit about as well (RMS 2.0 % and 2.5 %",
      "warning: no fit: 3 sizes, a fit needs at least 4",
  };
  for (size_t i = 0; i < sizeof(console) / sizeof(console[0]); i++)
    if (strstr(out, console[i]) == NULL)
      fail_msg("no %s in\n%s", console[i], out);
  free(out);
  out = ys_test_render(&ys_report_markdown, &run, false);
  const char *md[] = {
      "| `sort` | O(n^2) | 0.5 ns | 2.0 % | 1.98 | 7 (16..1024) |",
      "| `copy` | \xe2\x80\x93 | \xe2\x80\x93 | \xe2\x80\x93 | \xe2\x80\x93 | "
      "3 "
      "(64..65536) |",
      "`copy`: no fit: 3 sizes, a fit needs at least 4",
  };
  for (size_t i = 0; i < sizeof(md) / sizeof(md[0]); i++)
    if (strstr(out, md[i]) == NULL) fail_msg("no %s in\n%s", md[i], out);
  free(out);
}

/* The fixed run with sort/1024 measured with its own rounds and latency
 * mode, and one judged target on its time: 150 ns limit, the interval's
 * upper end 105.9 ns (sort_series[0]'s slope hi), margin (150 - 105.9) /
 * 150 = 0.294 (gate/targets.c's formula, worked by hand). */
static ys_target_spec settings_target_spec = {.benchmark = "sort/1024",
                                              .metric = "time",
                                              .limit = 150,
                                              .source = "t.c:1"};
static ys_target_result settings_target_result = {.status = YS_TARGET_PASS,
                                                  .unit = "ns",
                                                  .limit = 150,
                                                  .judged = 105.9,
                                                  .margin = 0.294};
static ys_target_table settings_targets = {&settings_target_spec,
                                           &settings_target_result, 1};

static char *render_with_settings_and_targets(const ys_report_ops *ops) {
  ys_context ctx = make_context();
  ys_summary sum = {.n_ok = 2, .n_skipped = 1, .n_failed = 1, .elapsed_s = 2.5};
  make_results();
  benches[3].settings =
      (ys_bench_settings){.measurement_time_s = 3,
                          .rounds = 4,
                          .sample_size = 50,
                          .latency = true,
                          .own = YS_SETTING_ROUNDS | YS_SETTING_LATENCY};
  ys_report_entry entries[4];
  for (size_t i = 0; i < 4; i++)
    entries[i] = (ys_report_entry){&benches[i], NULL};
  ys_run_view run = {.ctx = &ctx,
                     .summary = &sum,
                     .entries = entries,
                     .n = 4,
                     .targets = &settings_targets};
  return ys_test_render(ops, &run, false);
}

/* CSV: own_settings and target columns after the others; the settings on
 * the benchmark's first row, the target on the row of its metric. */
static void test_settings_and_targets_in_csv(void **state) {
  (void)state;
  char *out = render_with_settings_and_targets(&ys_report_csv);
  const char *want[] = {
      ("message,own_settings,target_limit,target_judged,target_margin,"
       "target_status,target_source\n"),
      ",rounds=4;latency=true,150,105.9,0.294,pass,t.c:1\n",
      /* broken: failed, no series, no settings, no target: 6 empties */
      "see log\",,,,,,\n",
  };
  for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
    if (strstr(out, want[i]) == NULL) fail_msg("no %s in\n%s", want[i], out);
  /* Every line has as many fields as the header: 19 + 6 = 25 (a quoted
   * field holds no comma here but "quote\"d, name" and the message,
   * so count with a CSV-aware pass). */
  size_t fields = 1, lines = 0;
  bool quoted = false;
  size_t header_fields = 0;
  for (const char *c = out; *c; c++) {
    if (*c == '"')
      quoted = !quoted;
    else if (*c == ',' && !quoted)
      fields++;
    else if (*c == '\n' && !quoted) {
      if (lines++ == 0)
        header_fields = fields;
      else if (fields != header_fields)
        fail_msg("line %zu has %zu fields, not %zu", lines, fields,
                 header_fields);
      fields = 1;
    }
  }
  assert_int_equal(header_fields, 25);
  free(out);
}

/* CSV: a target that no benchmark's row holds gets a row of its own after
 * the benchmarks', target columns alone filled: a second target on one
 * benchmark and metric, one on a metric not recorded, one on a benchmark
 * not run (no unit, status "not run") and one on a benchmark that failed
 * (its status). The first target on a row stays on it. */
static void test_targets_without_a_row_in_csv(void **state) {
  (void)state;
  ys_target_spec specs[5] = {
      {.benchmark = "sort/1024",
       .metric = "time",
       .limit = 150,
       .source = "t.c:1"},
      {.benchmark = "sort/1024",
       .metric = "time",
       .limit = 200,
       .source = "yardstick.yaml:4"},
      {.benchmark = "sort/1024",
       .metric = "instructions",
       .limit = 9,
       .source = "t.c:2"},
      {.benchmark = "gone", .metric = "time", .limit = 5, .source = "t.c:3"},
      {.benchmark = "broken", .metric = "time", .limit = 7, .source = "t.c:4"},
  };
  ys_target_result results[5] = {
      settings_target_result,
      {.status = YS_TARGET_PASS,
       .unit = "ns",
       .limit = 200,
       .judged = 105.9,
       .margin = 0.4705},
      {.status = YS_TARGET_NOT_RECORDED, .limit = 9},
      {.status = YS_TARGET_NOT_RUN, .limit = 5e-9},
      {.status = YS_TARGET_NOT_MEASURED, .unit = "ns", .limit = 7},
  };
  ys_target_table table = {specs, results, 5};
  ys_context ctx = make_context();
  ys_summary sum = {.n_ok = 2, .n_skipped = 1, .n_failed = 1};
  make_results();
  ys_report_entry entries[4];
  for (size_t i = 0; i < 4; i++)
    entries[i] = (ys_report_entry){&benches[i], NULL};
  ys_run_view run = {.ctx = &ctx,
                     .summary = &sum,
                     .entries = entries,
                     .n = 4,
                     .targets = &table};
  char *out = ys_test_render(&ys_report_csv, &run, false);
  const char *want[] = {
      "1024,,150,105.9,0.294,pass,t.c:1\n",
      "\nsort/1024,time,ns,ok,,,,,,,,,,,,,,,,200,105.9,0.4705,pass,"
      "yardstick.yaml:4\n",
      "\nsort/1024,instructions,,ok,,,,,,,,,,,,,,,,9,,,not recorded,t.c:2\n",
      "\ngone,time,,not run,,,,,,,,,,,,,,,,5e-09,,,not run,t.c:3\n",
      "\nbroken,time,ns,failed,,,,,,,,,,,,,,,,7,,,not measured,t.c:4\n",
  };
  for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
    if (strstr(out, want[i]) == NULL) fail_msg("no %s in\n%s", want[i], out);
  /* After every benchmark's rows. */
  assert_true(strstr(out, want[1]) > strstr(out, "quote"));
  free(out);
}

/* gbench: own settings and targets in the context, under yardstick_
 * keys Google Benchmark's readers ignore; the rows stay as they were. */
static void test_settings_and_targets_in_gbench(void **state) {
  (void)state;
  char *out = render_with_settings_and_targets(&ys_report_gbench);
  const char *want[] = {
      ("\"yardstick_settings\": {\n      \"sort/1024\": {\n        "
       "\"rounds\": 4,\n        \"latency\": true\n      }\n    }"),
      ("\"yardstick_targets\": [\n      {\n        \"benchmark\": "
       "\"sort/1024\",\n        \"metric\": \"time\",\n        \"limit\": "
       "150,\n        \"unit\": \"ns\",\n        \"judged\": 105.9,\n        "
       "\"margin\": 0.294,\n        \"status\": \"pass\"\n      }\n    ]"),
  };
  for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
    if (strstr(out, want[i]) == NULL) fail_msg("no %s in\n%s", want[i], out);
  /* Both inside the context, before the benchmarks. */
  assert_true(strstr(out, "yardstick_targets") < strstr(out, "\"benchmarks\""));
  free(out);
}

/* A run with no benchmark still gives a complete document. */
static void test_empty_run_closes_documents(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ys_summary sum = {0};
  char *out = render(&ys_report_json, &ctx, NULL, 0, &sum);
  assert_non_null(strstr(out, "  \"benchmarks\": [],\n  \"complexity\": [],\n"
                              "  \"summary\": {\n"
                              "    \"ok\": 0,\n"));
  assert_int_equal(out[strlen(out) - 2], '}');
  free(out);
  out = render(&ys_report_gbench, &ctx, NULL, 0, &sum);
  assert_non_null(strstr(out, "  },\n  \"benchmarks\": []\n}\n"));
  free(out);
  out = render(&ys_report_csv, &ctx, NULL, 0, &sum);
  assert_string_equal(
      out, "name,metric,unit,status,estimate,lo,hi,mean,median,std_dev,mad,"
           "r_squared,round_min,round_median,samples,iterations,"
           "bytes_per_iteration,elements_per_iteration,message\n");
  free(out);
  /* Compared, the header names the comparison columns even with no row. */
  sum.compared = true;
  out = render(&ys_report_csv, &ctx, NULL, 0, &sum);
  assert_string_equal(
      out, "name,metric,unit,status,estimate,lo,hi,mean,median,std_dev,mad,"
           "r_squared,round_min,round_median,samples,iterations,"
           "bytes_per_iteration,elements_per_iteration,message,baseline,"
           "change,change_lo,change_hi,p_value,verdict,doubt\n");
  free(out);
}

/* True when `s` holds no raw control character but '\n' and no byte that
 * cannot appear in UTF-8, i.e. every string in it was escaped. */
static bool is_clean_text(const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
    if ((*p < 0x20 && *p != '\n') || *p == 0xff || *p == 0xfe) return false;
  return true;
}

static void test_context_strings_are_escaped(void **state) {
  (void)state;
  ys_context ctx = make_context();
  strcpy(ctx.host_name, "bad\x01host\t\"x\"");
  strcpy(ctx.executable, "/tmp/caf\xff/b\\in");
  strcpy(ctx.caches[0].type, "D\nata");
  ys_summary sum = {0};

  char *out = render(&ys_report_json, &ctx, NULL, 0, &sum);
  assert_true(is_clean_text(out));
  assert_non_null(
      strstr(out, "\"host_name\": \"bad\\u0001host\\t\\\"x\\\"\",\n"));
  assert_non_null(
      strstr(out, "\"executable\": \"/tmp/caf\\ufffd/b\\\\in\",\n"));
  assert_non_null(strstr(out, "{\"type\": \"D\\nata\", \"level\": 1,"));
  free(out);

  out = render(&ys_report_gbench, &ctx, NULL, 0, &sum);
  assert_true(is_clean_text(out));
  assert_non_null(
      strstr(out, "\"host_name\": \"bad\\u0001host\\t\\\"x\\\"\",\n"));
  assert_non_null(
      strstr(out, "\"executable\": \"/tmp/caf\\ufffd/b\\\\in\",\n"));
  free(out);
}

/* ---- the format table ------------------------------------------------- */

static void test_find_by_name(void **state) {
  (void)state;
  assert_ptr_equal(ys_report_find("console"), &ys_report_console);
  assert_ptr_equal(ys_report_find("json"), &ys_report_json);
  assert_ptr_equal(ys_report_find("gbench"), &ys_report_gbench);
  assert_ptr_equal(ys_report_find("csv"), &ys_report_csv);
  assert_ptr_equal(ys_report_find("markdown"), &ys_report_markdown);
  assert_null(ys_report_find("md"));
  assert_null(ys_report_find("JSON"));
  assert_null(ys_report_find("gbench.json"));
  assert_null(ys_report_find(""));
  assert_null(ys_report_find(NULL));
  assert_string_equal(ys_report_json.name, "json");
  assert_string_equal(ys_report_gbench.name, "gbench");
  assert_string_equal(ys_report_csv.name, "csv");
  assert_string_equal(ys_report_markdown.name, "markdown");
  assert_string_equal(ys_report_markdown.extensions[0], ".md");
  assert_null(ys_report_markdown.extensions[1]);
}

static void test_for_path_by_extension(void **state) {
  (void)state;
  assert_ptr_equal(ys_report_for_path("out.json"), &ys_report_json);
  assert_ptr_equal(ys_report_for_path("dir.v2/run.gbench.json"),
                   &ys_report_gbench);
  assert_ptr_equal(ys_report_for_path("gbench.json"), &ys_report_json);
  assert_ptr_equal(ys_report_for_path("x.gbench.json.json"), &ys_report_json);
  assert_ptr_equal(ys_report_for_path("RESULTS.CSV"), &ys_report_csv);
  assert_ptr_equal(ys_report_for_path("run.txt"), &ys_report_console);
  assert_ptr_equal(ys_report_for_path("run.log"), &ys_report_console);
  assert_ptr_equal(ys_report_for_path("summary.md"), &ys_report_markdown);
  assert_ptr_equal(ys_report_for_path("SUMMARY.MD"), &ys_report_markdown);
  assert_null(ys_report_for_path("summary.mdx"));
  assert_null(ys_report_for_path("run.yaml"));
  assert_null(ys_report_for_path("json"));
  assert_null(ys_report_for_path("out.json.bak"));
  assert_null(ys_report_for_path(""));
  assert_null(ys_report_for_path("-"));
  assert_null(ys_report_for_path(NULL));
}

static void test_names_lists_every_format(void **state) {
  (void)state;
  const char *names = ys_report_names();
  assert_string_equal(names, "console, json, gbench, csv, markdown, html");
  /* Every listed name must be findable, and every format listed. */
  char copy[128];
  snprintf(copy, sizeof(copy), "%s", names);
  size_t count = 0;
  for (char *save = NULL, *tok = strtok_r(copy, ", ", &save); tok != NULL;
       tok = strtok_r(NULL, ", ", &save)) {
    assert_ptr_equal(ys_report_find(tok), ys_report_format(count));
    count++;
  }
  assert_int_equal(count, 6);
  assert_null(ys_report_format(count));
}

/* The table agrees with itself: each format has a name, a renderer and at
 * least one extension, every extension (in any case) selects its own
 * format, and ys_report_names lists it. */
static void test_table_round_trips(void **state) {
  (void)state;
  const char *names = ys_report_names();
  size_t n = 0;
  for (const ys_report_ops *ops; (ops = ys_report_format(n)) != NULL; n++) {
    assert_non_null(ops->name);
    assert_non_null(ops->render);
    assert_ptr_equal(ys_report_find(ops->name), ops);
    assert_non_null(strstr(names, ops->name));
    assert_non_null(ops->extensions);
    assert_non_null(ops->extensions[0]);
    for (const char *const *ext = ops->extensions; *ext != NULL; ext++) {
      char path[64], upper[64];
      assert_int_equal((*ext)[0], '.');
      snprintf(path, sizeof(path), "dir.d/out%s", *ext);
      for (size_t i = 0; i <= strlen(path); i++)
        upper[i] = (char)toupper((unsigned char)path[i]);
      if (ys_report_for_path(path) != ops)
        fail_msg("%s does not select %s", path, ops->name);
      assert_ptr_equal(ys_report_for_path(upper), ops);
    }
  }
  assert_int_equal(n, 6);
}

/* A write that fails (a full disk) is YS_EIO from every format. */
static void test_write_error_is_eio(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ys_summary sum = {.n_ok = 2, .n_skipped = 1, .n_failed = 1};
  make_results();
  ys_report_entry entries[4];
  for (size_t i = 0; i < 4; i++)
    entries[i] = (ys_report_entry){&benches[i], NULL};
  ys_run_view run = {.ctx = &ctx, .summary = &sum, .entries = entries, .n = 4};
  const ys_report_style style = {.color = false};
  for (size_t i = 0; ys_report_format(i) != NULL; i++) {
    FILE *full = fopen("/dev/full", "w");
    if (full == NULL) skip();
    const ys_report_ops *ops = ys_report_format(i);
    int rc = ops->render(full, &run, &style);
    if (rc != YS_EIO) fail_msg("%s returned %d, not YS_EIO", ops->name, rc);
    fclose(full);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_json_matches_golden),
      cmocka_unit_test(test_gbench_matches_golden),
      cmocka_unit_test(test_csv_matches_golden),
      cmocka_unit_test(test_settings_and_targets_in_csv),
      cmocka_unit_test(test_targets_without_a_row_in_csv),
      cmocka_unit_test(test_settings_and_targets_in_gbench),
      cmocka_unit_test(test_json_compared_matches_golden),
      cmocka_unit_test(test_gbench_compared_matches_golden),
      cmocka_unit_test(test_csv_compared_matches_golden),
      cmocka_unit_test(test_gbench_missing_first),
      cmocka_unit_test(test_gbench_families),
      cmocka_unit_test(test_complexity_in_every_text_report),
      cmocka_unit_test(test_empty_run_closes_documents),
      cmocka_unit_test(test_context_strings_are_escaped),
      cmocka_unit_test(test_find_by_name),
      cmocka_unit_test(test_for_path_by_extension),
      cmocka_unit_test(test_names_lists_every_format),
      cmocka_unit_test(test_table_round_trips),
      cmocka_unit_test(test_write_error_is_eio),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
