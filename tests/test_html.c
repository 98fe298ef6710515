/*
 * test_html.c — the HTML report on planted runs: names escaped wherever
 * they appear, a series that cannot be drawn (a NaN sample) reported in a
 * caption instead of a broken chart, the overlay only when there is a
 * baseline with samples, no chart for an exact count, a group member's
 * ratio line and the complexity table.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "reports/report.h"
#include "support/render.h"

extern const ys_report_ops ys_report_html;
extern const ys_report_ops ys_report_json;

/* A linear series of `n` samples of 10 ns per iteration, one round. */
static ys_series make_series(ys_sample *samples, ys_round *round, size_t n) {
  for (size_t i = 0; i < n; i++)
    samples[i] = (ys_sample){.iterations = i + 1, .value = 10.0 * (i + 1)};
  *round = (ys_round){
      .first_sample = 0, .n_samples = n, .linear = true, .estimate = 10};
  ys_series s = {.metric = "time",
                 .unit = "ns",
                 .kind = YS_METRIC_TIME,
                 .samples = samples,
                 .n_samples = n,
                 .rounds = round,
                 .n_rounds = 1};
  s.analysis.slope = (ys_estimate){10, 9.5, 10.5};
  s.analysis.has_slope = true;
  s.analysis.r_squared = 1;
  s.analysis.outliers.fences[0] = NAN; /* none: every value kept */
  s.analysis.outliers.fences[3] = NAN;
  return s;
}

static size_t count(const char *text, const char *what) {
  size_t n = 0;
  for (const char *p = text; (p = strstr(p, what)) != NULL; p += strlen(what))
    n++;
  return n;
}

static void test_hostile_name_escaped(void **state) {
  (void)state;
  ys_sample samples[4];
  ys_round round;
  ys_series s = make_series(samples, &round, 4);
  ys_bench_result res = {.status = YS_BENCH_OK, .series = &s, .n_series = 1};
  snprintf(res.name, sizeof(res.name), "a<b>&\"c'/\x1b[2J");
  ys_report_entry entry = {&res, NULL};
  ys_context ctx = {.collector = "wall", .rounds = 1, .sample_size = 4};
  ys_summary sum = {.n_ok = 1};
  ys_run_view run = {.ctx = &ctx, .summary = &sum, .entries = &entry, .n = 1};
  char *html = ys_test_render(&ys_report_html, &run, false);
  /* The table's link and the section's title, both escaped. */
  assert_int_equal(count(html, "a&lt;b&gt;&amp;&quot;c&#39;/\\x1b[2J"), 2);
  assert_null(strstr(html, "a<b>"));
  assert_null(strchr(html, '\x1b'));
  /* Three charts, and no overlay without a baseline. */
  assert_int_equal(count(html, "<svg class=\"chart\""), 3);
  assert_null(strstr(html, "baseline against this run"));
  free(html);
}

/* The header's rounds and samples are those the benchmarks ran: with
 * settings of their own that differ, no one figure; for bench exec, its
 * runs as asked. */
static void test_header_says_the_rounds_run(void **state) {
  (void)state;
  ys_sample samples[4];
  ys_round round;
  ys_series s = make_series(samples, &round, 4);
  ys_bench_result a = {.status = YS_BENCH_OK, .series = &s, .n_series = 1};
  ys_bench_result b = a;
  snprintf(a.name, sizeof(a.name), "a");
  snprintf(b.name, sizeof(b.name), "b");
  a.settings = (ys_bench_settings){
      .rounds = 3, .sample_size = 4, .own = YS_SETTING_ROUNDS};
  ys_report_entry entries[] = {{&a, NULL}, {&b, NULL}};
  ys_context ctx = {.collector = "wall", .rounds = 10, .sample_size = 20};
  ys_summary sum = {.n_ok = 2};
  ys_run_view run = {.ctx = &ctx, .summary = &sum, .entries = entries, .n = 2};
  char *html = ys_test_render(&ys_report_html, &run, false);
  assert_non_null(
      strstr(html, " · rounds and samples: the benchmarks' own · "));
  assert_null(strstr(html, "10 rounds"));
  free(html);
  a.settings = (ys_bench_settings){0};
  ctx.rounds = 2;
  ctx.sample_size = 3;
  ctx.runs = 5;
  html = ys_test_render(&ys_report_html, &run, false);
  assert_non_null(strstr(html, " · 5 runs in 2 rounds · "));
  free(html);
}

/* A diagnostic reads as the console words it, with its figure, never as
 * its internal name: a series with R² 0.5 has a poor linear fit. */
static void test_findings_in_words(void **state) {
  (void)state;
  ys_sample samples[4];
  ys_round round;
  ys_series s = make_series(samples, &round, 4);
  s.analysis.r_squared = 0.5;
  s.analysis.warnings = YS_WARN_LOW_R_SQUARED;
  ys_bench_result res = {.status = YS_BENCH_OK, .series = &s, .n_series = 1};
  snprintf(res.name, sizeof(res.name), "fit");
  ys_report_entry entry = {&res, NULL};
  ys_context ctx = {.collector = "wall", .rounds = 1, .sample_size = 4};
  ys_summary sum = {.n_ok = 1};
  ys_run_view run = {.ctx = &ctx, .summary = &sum, .entries = &entry, .n = 1};
  char *html = ys_test_render(&ys_report_html, &run, false);
  assert_non_null(strstr(html, "<li>⚠ poor linear fit: "));
  assert_non_null(strstr(html, "0.500"));
  assert_null(strstr(html, "low_r_squared"));
  free(html);
}

static void test_nan_sample_not_drawn(void **state) {
  (void)state;
  ys_sample samples[4];
  ys_round round;
  ys_series s = make_series(samples, &round, 4);
  samples[2].value = NAN;
  ys_bench_result res = {.status = YS_BENCH_OK, .series = &s, .n_series = 1};
  snprintf(res.name, sizeof(res.name), "nan");
  ys_report_entry entry = {&res, NULL};
  ys_context ctx = {.collector = "wall"};
  ys_summary sum = {.n_ok = 1};
  ys_run_view run = {.ctx = &ctx, .summary = &sum, .entries = &entry, .n = 1};
  char *html = ys_test_render(&ys_report_html, &run, false);
  /* The distribution's density needs every value; the scatter leaves the
   * point out, and the rounds chart needs only the round estimates. */
  assert_int_equal(count(html, "not drawn, a value is not a finite number"), 1);
  assert_int_equal(count(html, "<svg class=\"chart\""), 2);
  assert_null(strstr(html, "nan ns")); /* no number printed as "nan" */
  free(html);
}

static void test_overlay_with_baseline(void **state) {
  (void)state;
  ys_sample a[5], b[5];
  ys_round ra, rb;
  ys_series now = make_series(a, &ra, 5), base = make_series(b, &rb, 5);
  ys_bench_result res = {.status = YS_BENCH_OK, .series = &now, .n_series = 1};
  ys_bench_result old = {.status = YS_BENCH_OK, .series = &base, .n_series = 1};
  snprintf(res.name, sizeof(res.name), "x");
  snprintf(old.name, sizeof(old.name), "x");
  ys_comparison cmp = {.verdict = YS_VERDICT_REGRESSED,
                       .metric = "time",
                       .unit = "ns",
                       .kind = YS_METRIC_TIME,
                       .base_estimate = 10,
                       .new_estimate = 11,
                       .change = 0.1,
                       .change_ci = {0.1, 0.08, 0.12},
                       .threshold = 0.05};
  ys_report_entry entry = {&res, &cmp};
  const ys_bench_result *bases[] = {&old};
  ys_context ctx = {.collector = "wall"};
  ys_summary sum = {.n_ok = 1, .compared = true, .baseline_name = "main"};
  sum.n_verdicts[YS_VERDICT_REGRESSED] = 1;
  ys_run_view run = {
      .ctx = &ctx, .summary = &sum, .entries = &entry, .n = 1, .bases = bases};
  char *html = ys_test_render(&ys_report_html, &run, false);
  assert_int_equal(count(html, "<svg class=\"chart\""), 4);
  assert_non_null(strstr(html, "aria-label=\"baseline against this run\""));
  assert_non_null(strstr(html, "<strong>+10.0 %</strong> [+8.0 %, +12.0 %]"));
  assert_non_null(strstr(html, "v-regressed\">regressed"));
  /* Both sides with the run's settings: nothing mixed. */
  assert_null(strstr(html, "other settings"));
  free(html);

  /* This run with its own rounds, the baseline without: the comparison
   * mixes settings, and the page says so. */
  res.settings = (ys_bench_settings){.rounds = 3, .own = YS_SETTING_ROUNDS};
  html = ys_test_render(&ys_report_html, &run, false);
  assert_non_null(strstr(html,
                         "<p class=\"warn\">measured with other "
                         "settings of its own than the baseline: "
                         "baseline the run&#39;s, this run rounds 3</p>"));
  free(html);
  char *json = ys_test_render(&ys_report_json, &run, false);
  assert_non_null(strstr(json, "\"settings_differ\": true"));
  free(json);
  res.settings.own = 0;

  /* Without the baseline's results, the verdict but no overlay. */
  run.bases = NULL;
  html = ys_test_render(&ys_report_html, &run, false);
  assert_int_equal(count(html, "<svg class=\"chart\""), 3);
  assert_non_null(strstr(html, "v-regressed\">regressed"));
  free(html);
}

static void test_exact_count_has_no_chart(void **state) {
  (void)state;
  ys_sample samples[1] = {{.iterations = 1, .value = 24586}};
  ys_round round = {.first_sample = 0, .n_samples = 1, .estimate = 24586};
  ys_series s = {.metric = "instructions",
                 .unit = "instructions",
                 .kind = YS_METRIC_COUNT,
                 .exact = true,
                 .samples = samples,
                 .n_samples = 1,
                 .rounds = &round,
                 .n_rounds = 1};
  s.analysis.mean = (ys_estimate){24586, 24586, 24586};
  ys_bench_result res = {.status = YS_BENCH_OK, .series = &s, .n_series = 1};
  snprintf(res.name, sizeof(res.name), "fnv");
  ys_report_entry entry = {&res, NULL};
  ys_context ctx = {.collector = "callgrind"};
  ys_summary sum = {.n_ok = 1};
  ys_run_view run = {.ctx = &ctx, .summary = &sum, .entries = &entry, .n = 1};
  char *html = ys_test_render(&ys_report_html, &run, false);
  assert_null(strstr(html, "<svg"));
  assert_non_null(strstr(html, "<strong>24,586 instructions</strong>"));
  free(html);
}

/* A group of three: the reference "hash/libc", a member with a ratio and
 * a member whose reference of its parameters is not in the run. The
 * expected texts follow the format of group_text.h by hand: a ratio below
 * 10 with two decimals ("0.63×") and its interval "[0.61, 0.65]". The
 * member's line links to the reference's section, #b0, the first entry. */
static void test_group_ratio_lines(void **state) {
  (void)state;
  ys_sample samples[3][4];
  ys_round rounds[3];
  ys_series s[3];
  ys_bench_result res[3];
  ys_report_entry entries[3];
  const char *names[] = {"hash/libc", "hash/mine", "hash/<odd>/n:8"};
  for (size_t i = 0; i < 3; i++) {
    s[i] = make_series(samples[i], &rounds[i], 4);
    res[i] = (ys_bench_result){
        .status = YS_BENCH_OK, .series = &s[i], .n_series = 1};
    snprintf(res[i].name, sizeof(res[i].name), "%s", names[i]);
    snprintf(res[i].group, sizeof(res[i].group), "hash");
    entries[i] = (ys_report_entry){&res[i], NULL};
  }
  snprintf(res[0].group_reference, sizeof(res[0].group_reference), "hash/libc");
  snprintf(res[1].group_reference, sizeof(res[1].group_reference), "hash/libc");
  res[1].ratio = (ys_group_ratio){
      .status = YS_RATIO_OK, .ratio = {0.63, 0.61, 0.65}, .pairs = 1};
  snprintf(res[2].group_reference, sizeof(res[2].group_reference),
           "hash/libc/n:8");
  res[2].ratio.status = YS_RATIO_NO_REFERENCE;
  ys_context ctx = {.collector = "wall", .rounds = 1, .sample_size = 4};
  ys_summary sum = {.n_ok = 3};
  ys_run_view run = {.ctx = &ctx, .summary = &sum, .entries = entries, .n = 3};
  char *html = ys_test_render(&ys_report_html, &run, false);
  assert_non_null(strstr(html, "<p class=\"ratio\">ratio: reference of "
                               "group <strong>hash</strong></p>"));
  assert_non_null(strstr(html, "<p class=\"ratio\">ratio: <strong>0.63×"
                               "</strong> <a href=\"#b0\">hash/libc</a> "
                               "[0.61, 0.65]</p>"));
  /* The missing reference is named, not linked: it has no section. */
  assert_non_null(strstr(html, "ratio: <span class=\"warn\">not available: "));
  assert_non_null(strstr(html, "hash/libc/n:8"));
  assert_null(strstr(html, "<a href=\"#b0\">hash/libc/n:8"));
  assert_int_equal(count(html, "<p class=\"ratio\">"), 3);
  assert_null(strstr(html, "<odd>"));
  free(html);
}

/* A benchmark in no group has no ratio line, and a run without fits no
 * complexity table. */
static void test_no_group_no_complexity(void **state) {
  (void)state;
  ys_sample samples[4];
  ys_round round;
  ys_series s = make_series(samples, &round, 4);
  ys_bench_result res = {.status = YS_BENCH_OK, .series = &s, .n_series = 1};
  snprintf(res.name, sizeof(res.name), "solo");
  ys_report_entry entry = {&res, NULL};
  ys_context ctx = {.collector = "wall", .rounds = 1, .sample_size = 4};
  ys_summary sum = {.n_ok = 1};
  ys_run_view run = {.ctx = &ctx, .summary = &sum, .entries = &entry, .n = 1};
  char *html = ys_test_render(&ys_report_html, &run, false);
  assert_null(strstr(html, "class=\"ratio\""));
  assert_null(strstr(html, "Complexity"));
  free(html);
}

/* The complexity table: a fitted family with its figures, a tie and an
 * unfitted family with the reason in the note column. The cells are the
 * fit's fields printed by hand: c = 0.251 with "%.3g" is "0.251", RMS
 * 0.021 is "2.1 %", the exponent 1.98 "1.98"; the tie's runner-up RMS 0.025
 * is within 1.5× of 0.021, so the note names both classes. */
static void test_complexity_table(void **state) {
  (void)state;
  ys_complexity_fit fits[2] = {
      {.unit = "ns",
       .n_points = 7,
       .n_min = 16,
       .n_max = 1024,
       .fitted = true,
       .best = YS_COMPLEXITY_N2,
       .coefficient = 0.251,
       .rms = 0.021,
       .runner_up = YS_COMPLEXITY_N_LOG_N,
       .runner_up_rms = 0.025,
       .indistinguishable = true,
       .exponent = 1.98},
      {.unit = "ns", .n_points = 3, .n_min = 64, .n_max = 4096},
  };
  snprintf(fits[0].family, sizeof(fits[0].family), "sort/<insertion>");
  snprintf(fits[1].family, sizeof(fits[1].family), "copy");
  ys_sample samples[4];
  ys_round round;
  ys_series s = make_series(samples, &round, 4);
  ys_bench_result res = {.status = YS_BENCH_OK, .series = &s, .n_series = 1};
  snprintf(res.name, sizeof(res.name), "copy/64");
  ys_report_entry entry = {&res, NULL};
  ys_context ctx = {.collector = "wall", .rounds = 1, .sample_size = 4};
  ys_summary sum = {.n_ok = 1};
  ys_run_view run = {.ctx = &ctx,
                     .summary = &sum,
                     .entries = &entry,
                     .n = 1,
                     .complexity = fits,
                     .n_complexity = 2};
  char *html = ys_test_render(&ys_report_html, &run, false);
  assert_non_null(strstr(html, "<h3>Complexity</h3>"));
  assert_non_null(strstr(html, "<td>sort/&lt;insertion&gt;</td><td>O(n^2)"));
  assert_non_null(strstr(html, ">0.251 ns</td>"));
  assert_non_null(strstr(html, ">2.1 %</td>"));
  assert_non_null(strstr(html, ">1.98</td>"));
  assert_non_null(strstr(html, ">7 (16..1024)</td>"));
  assert_non_null(strstr(html, "O(n^2) and O(n log n) fit about as well"));
  assert_non_null(strstr(html, ">3 (64..4096)</td>"));
  assert_non_null(strstr(html, "no fit: 3 sizes, a fit needs at least 4"));
  /* Sortable like the summary: two tables with the class. */
  assert_int_equal(count(html, "<table class=\"sortable"), 2);
  free(html);
}

/* A benchmark's own settings in its section, worded as the console
 * words them, and the target table after the summary: one target missed
 * (limit 10 ns, the interval's upper end 10.5 ns: margin (10 - 10.5) / 10
 * = -5 %), one not run. */
static void test_settings_and_targets(void **state) {
  (void)state;
  ys_sample samples[4];
  ys_round round;
  ys_series s = make_series(samples, &round, 4);
  ys_bench_result res = {.status = YS_BENCH_OK, .series = &s, .n_series = 1};
  snprintf(res.name, sizeof(res.name), "parse/1k");
  res.settings =
      (ys_bench_settings){.rounds = 3,
                          .latency = true,
                          .own = YS_SETTING_ROUNDS | YS_SETTING_LATENCY};
  ys_target_spec specs[2] = {{.benchmark = "parse/1k",
                              .metric = "time",
                              .limit = 10e-9,
                              .unit = YS_LIMIT_CODE,
                              .source = "t.c:1"},
                             {.benchmark = "gone<x>",
                              .metric = "time",
                              .limit = 1e-3,
                              .unit = YS_LIMIT_CODE,
                              .source = "t.c:2"}};
  ys_target_result results[2] = {{.status = YS_TARGET_MISS,
                                  .unit = "ns",
                                  .kind = YS_METRIC_TIME,
                                  .limit = 10,
                                  .measured = {10, 9.5, 10.5},
                                  .judged = 10.5,
                                  .margin = -0.05},
                                 {.status = YS_TARGET_NOT_RUN,
                                  .unit = "ns",
                                  .kind = YS_METRIC_TIME,
                                  .limit = 1e6}};
  ys_target_table targets = {specs, results, 2};
  ys_report_entry entry = {&res, NULL};
  ys_context ctx = {.collector = "wall", .rounds = 1, .sample_size = 4};
  ys_summary sum = {.n_ok = 1};
  ys_run_view run = {.ctx = &ctx,
                     .summary = &sum,
                     .entries = &entry,
                     .n = 1,
                     .targets = &targets};
  char *html = ys_test_render(&ys_report_html, &run, false);
  assert_non_null(
      strstr(html, "<p class=\"context\">its own settings: rounds 3, latency "
                   "percentiles</p>"));
  assert_non_null(strstr(html, "<h3>Targets</h3>"));
  assert_non_null(strstr(html, "<tr><td>parse/1k</td><td>time &lt;= "));
  assert_non_null(strstr(html, "<span class=\"warn\">MISS</span>"));
  assert_non_null(strstr(html, "-5.0 %"));
  assert_non_null(strstr(html, "<tr><td>gone&lt;x&gt;</td>"));
  assert_non_null(strstr(html, "<span>not run</span>"));
  /* The table comes before the benchmark's section. */
  assert_true(strstr(html, "<h3>Targets</h3>") <
              strstr(html, "<section class=\"bench\""));
  free(html);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_hostile_name_escaped),
      cmocka_unit_test(test_header_says_the_rounds_run),
      cmocka_unit_test(test_findings_in_words),
      cmocka_unit_test(test_nan_sample_not_drawn),
      cmocka_unit_test(test_overlay_with_baseline),
      cmocka_unit_test(test_exact_count_has_no_chart),
      cmocka_unit_test(test_group_ratio_lines),
      cmocka_unit_test(test_no_group_no_complexity),
      cmocka_unit_test(test_complexity_table),
      cmocka_unit_test(test_settings_and_targets),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
