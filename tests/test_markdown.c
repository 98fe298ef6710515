/*
 * test_markdown.c — the Markdown summary against golden files (a run
 * compared with a baseline, and one without), the cap on table rows, the
 * escaping of names and messages, and the footnote.
 *
 * Set YS_UPDATE_GOLDEN=1 to rewrite tests/data/report.md and
 * report_plain.md from the current output (the golden tests then fail once,
 * saying so); read the new files before keeping them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tests/support/golden.h"
#include "tests/support/render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "reports/report.h"

extern const ys_report_ops ys_report_markdown;

/* ---- the fixed runs --------------------------------------------------- */

static ys_context make_context(void) {
  ys_context c;
  memset(&c, 0, sizeof(c));
  strcpy(c.date, "2026-01-02T03:04:05Z");
  strcpy(c.host_name, "ci-runner-7");
  strcpy(c.cpu_model, "Test CPU @ 3.00GHz");
  c.compiler = "GNU 12.2.0";
  c.build_type = "release";
  c.collector = "wall";
  c.rounds = 10;
  c.sample_size = 20;
  return c;
}

/* Same host name, other CPU and compiler: the warning must list those two
 * and nothing else. */
static ys_context make_baseline_context(void) {
  ys_context c = make_context();
  strcpy(c.date, "2025-11-22T10:00:00Z");
  strcpy(c.cpu_model, "Old CPU @ 2.50GHz");
  c.compiler = "Clang 16.0.6";
  return c;
}

static ys_series time_series = {
    .metric = "time",
    .unit = "ns",
    .n_rounds = 10,
    .analysis =
        {
            .mean = {1250.0, 1238.0, 1263.0},
            .slope = {1234.5, 1230.1, 1240.9},
            .has_slope = true,
            .round_min = 1228.0,
            .round_median = 1236.2,
            .noisy_round_share = 0.2,
        },
};

static ys_series count_series = {
    .metric = "instructions",
    .unit = "instructions",
    .kind = YS_METRIC_COUNT,
    .exact = true,
    .n_rounds = 1,
    .analysis =
        {
            .mean = {1234567.0, 1234567.0, 1234567.0},
            .round_min = 1234567.0,
            .round_median = 1234567.0,
        },
};

/* A benchmark measured in this run. */
static ys_bench_result ok_result(const char *name, ys_series *s) {
  ys_bench_result r;
  memset(&r, 0, sizeof(r));
  snprintf(r.name, sizeof(r.name), "%s", name);
  r.status = YS_BENCH_OK;
  r.series = s;
  r.n_series = 1;
  return r;
}

static ys_bench_result stopped_result(const char *name, ys_bench_status status,
                                      const char *message) {
  ys_bench_result r;
  memset(&r, 0, sizeof(r));
  snprintf(r.name, sizeof(r.name), "%s", name);
  r.status = status;
  snprintf(r.message, sizeof(r.message), "%s", message);
  return r;
}

/* A comparison of two measured sides of a time series. */
static ys_comparison timed(ys_verdict v, double base, double now, double change,
                           double lo, double hi, double p) {
  return (ys_comparison){
      .verdict = v,
      .metric = "time",
      .unit = "ns",
      .base_rounds = 10,
      .new_rounds = 10,
      .base_estimate = base,
      .new_estimate = now,
      .base_median = base,
      .new_median = now,
      .change = change,
      .change_ci = {change, lo, hi},
      .p_value = p,
      .threshold = 0.05,
  };
}

#define N_BENCHES 11

static ys_bench_result benches[N_BENCHES];
static ys_comparison cmps[N_BENCHES];

/* Every verdict once or more, in name order as the caller hands them over;
 * the table must regroup them. */
static void make_compared_run(void) {
  size_t i = 0;
  benches[i] = stopped_result("broken", YS_BENCH_FAILED,
                              "exit code 3: see *log*\nline <2> | a_b");
  cmps[i++] = (ys_comparison){.verdict = YS_VERDICT_NOT_COMPARED,
                              .metric = "time",
                              .unit = "ns",
                              .base_rounds = 10,
                              .base_estimate = 55.5,
                              .p_value = NAN,
                              .threshold = 0.05};

  benches[i] = ok_result("fast/path", &time_series);
  cmps[i++] = timed(YS_VERDICT_IMPROVED, 1500.0, 1228.0, -0.18133, -0.2, -0.16,
                    0.00002);

  benches[i] = ok_result("gone|old", &time_series); /* the baseline's */
  cmps[i++] = (ys_comparison){.verdict = YS_VERDICT_MISSING,
                              .metric = "time",
                              .unit = "ns",
                              .base_rounds = 10,
                              .base_estimate = 870.25,
                              .p_value = NAN,
                              .threshold = 0.05};

  benches[i] = ok_result("hash/insn", &count_series);
  cmps[i] = (ys_comparison){.verdict = YS_VERDICT_REGRESSED,
                            .metric = "instructions",
                            .unit = "instructions",
                            .kind = YS_METRIC_COUNT,
                            .exact = true,
                            .base_rounds = 1,
                            .new_rounds = 1,
                            .base_estimate = 1100000.0,
                            .new_estimate = 1234567.0,
                            .change = 0.12233363636363636,
                            .p_value = NAN,
                            .threshold = 0.05};
  cmps[i++].remeasured = true;

  benches[i] =
      stopped_result("needs_avx512", YS_BENCH_SKIPPED, "CPU lacks AVX-512");
  cmps[i++] = (ys_comparison){
      .verdict = YS_VERDICT_NOT_COMPARED, .p_value = NAN, .threshold = 0.05};

  benches[i] = ok_result("new/one", &time_series);
  cmps[i++] = (ys_comparison){.verdict = YS_VERDICT_NEW,
                              .metric = "time",
                              .unit = "ns",
                              .new_rounds = 10,
                              .new_estimate = 1228.0,
                              .p_value = NAN,
                              .threshold = 0.05};

  benches[i] = ok_result("parse/json", &time_series);
  cmps[i++] = timed(YS_VERDICT_UNCHANGED, 1210.5, 1228.0, 0.01446, -0.004,
                    0.031, 0.2112);

  benches[i] = ok_result("parse/yaml", &time_series);
  cmps[i] = timed(YS_VERDICT_INCONCLUSIVE, 1310.0, 1228.0, -0.0626, -0.11, 0.01,
                  0.0397);
  cmps[i].doubt = YS_DOUBT_UNSUPPORTED;
  cmps[i++].settle_rounds = 34;

  benches[i] = ok_result("sort/1024", &time_series);
  cmps[i] =
      timed(YS_VERDICT_REGRESSED, 1093.0, 1228.0, 0.12351, 0.101, 0.142, 0.004);
  cmps[i].noisy = true;
  cmps[i].new_noise = 0.4;
  /* A neighbour shared the CPU: compared on CPU time. */
  cmps[i].metric = "cpu_time";
  cmps[i].contended = true;
  cmps[i].base_cpu_share = 0.52;
  cmps[i++].new_cpu_share = 0.47;

  benches[i] = ok_result("sort/64", &time_series);
  cmps[i] = timed(YS_VERDICT_INCONCLUSIVE, 1145.0, 1160.0, 0.0125, -0.06, 0.081,
                  0.0881);
  cmps[i].doubt = YS_DOUBT_TOO_WIDE;
  cmps[i++].remeasured = true;

  benches[i] = ok_result("sort/`odd`|name", &time_series);
  cmps[i++] =
      timed(YS_VERDICT_UNCHANGED, 1230.0, 1228.0, -0.00163, -0.02, 0.019, NAN);
  assert_int_equal(i, N_BENCHES);
}

static ys_summary compared_summary(const ys_context *base) {
  ys_summary sum = {.n_ok = 8,
                    .n_skipped = 1,
                    .n_failed = 1,
                    .elapsed_s = 42.0,
                    .compared = true,
                    .baseline_name = "main",
                    .baseline_ctx = base};
  sum.n_verdicts[YS_VERDICT_REGRESSED] = 2;
  sum.n_verdicts[YS_VERDICT_INCONCLUSIVE] = 2;
  sum.n_verdicts[YS_VERDICT_IMPROVED] = 1;
  sum.n_verdicts[YS_VERDICT_UNCHANGED] = 2;
  sum.n_verdicts[YS_VERDICT_NEW] = 1;
  sum.n_verdicts[YS_VERDICT_MISSING] = 1;
  sum.n_verdicts[YS_VERDICT_NOT_COMPARED] = 2;
  return sum;
}

/* ---- rendering and golden files --------------------------------------- */

/* Runs the report over `n` benchmarks (`list`, with `cmp_list` or NULL for
 * a run without baseline) into memory; the caller frees the text. */
static char *render(const ys_context *ctx, const ys_bench_result *list,
                    const ys_comparison *cmp_list, size_t n,
                    const ys_summary *sum) {
  ys_report_entry *entries = calloc(n > 0 ? n : 1, sizeof(*entries));
  assert_non_null(entries);
  for (size_t i = 0; i < n; i++)
    entries[i] =
        (ys_report_entry){&list[i], cmp_list != NULL ? &cmp_list[i] : NULL};
  ys_run_view run = {.ctx = ctx, .summary = sum, .entries = entries, .n = n};
  char *text = ys_test_render(&ys_report_markdown, &run, false);
  free(entries);
  return text;
}

/* Number of non-overlapping occurrences of `needle` in `s`. */
static size_t count_of(const char *s, const char *needle) {
  size_t n = 0;
  for (const char *p = strstr(s, needle); p != NULL;
       p = strstr(p + strlen(needle), needle))
    n++;
  return n;
}

/* ---- tests ------------------------------------------------------------ */

static void test_compared_matches_golden(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ys_context base = make_baseline_context();
  ys_summary sum = compared_summary(&base);
  make_compared_run();
  char *out = render(&ctx, benches, cmps, N_BENCHES, &sum);
  ys_test_check_golden(out, "report.md");
  free(out);
}

static void test_plain_matches_golden(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ys_summary sum = {.n_ok = 9, .n_skipped = 1, .n_failed = 1};
  make_compared_run();
  /* Without a baseline the missing one would not be in the run. */
  benches[2] = ok_result("gone|old", &count_series);
  char *out = render(&ctx, benches, NULL, N_BENCHES, &sum);
  ys_test_check_golden(out, "report_plain.md");
  free(out);
}

/* The table lists what needs attention worst first, whatever the name
 * order; unchanged ones are only in the collapsed block. */
static void test_attention_order(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ys_context base = make_baseline_context();
  ys_summary sum = compared_summary(&base);
  make_compared_run();
  char *out = render(&ctx, benches, cmps, N_BENCHES, &sum);
  const char *order[] = {
      "| `hash/insn` |", "| `sort/1024` |", "| `parse/yaml` |", "| `sort/64` |",
      "| `fast/path` |", "| `new/one` |", "| `gone\\|old` |", "| `broken` |",
      "| `needs_avx512` |",
      /* Then why each inconclusive one is so, in name order. */
      "- `parse/yaml`: the change crosses 5 % but its interval reaches 0",
      "- `sort/64`: its interval reaches more than 5 % beyond the change"};
  const char *at = out;
  for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
    const char *found = strstr(at, order[i]);
    if (found == NULL) fail_msg("%s missing or out of order", order[i]);
    at = found;
  }
  const char *details = strstr(out, "<details><summary>2 unchanged</summary>");
  assert_non_null(details);
  assert_true(strstr(out, "| `parse/json` |") > details);
  assert_true(strstr(out, "``sort/`odd`\\|name``") > details);
  free(out);
}

/* A table stops at 200 rows and says how many more there were. */
static void test_rows_are_capped(void **state) {
  (void)state;
  enum { N = 205 };
  ys_bench_result *list = calloc(N, sizeof(*list));
  ys_comparison *cmp_list = calloc(N, sizeof(*cmp_list));
  assert_non_null(list);
  assert_non_null(cmp_list);
  for (size_t i = 0; i < N; i++) {
    char name[32];
    snprintf(name, sizeof(name), "b/%03zu", i);
    list[i] = ok_result(name, &time_series);
    cmp_list[i] =
        timed(YS_VERDICT_UNCHANGED, 1230.0, 1228.0, -0.0016, -0.02, 0.02, 0.5);
  }
  ys_context ctx = make_context();
  ys_summary sum = {.n_ok = N, .compared = true, .baseline_name = "main"};
  sum.n_verdicts[YS_VERDICT_UNCHANGED] = N;
  char *out = render(&ctx, list, cmp_list, N, &sum);
  assert_int_equal(count_of(out, "| `b/"), 200);
  assert_non_null(strstr(out, "| `b/199` |"));
  assert_null(strstr(out, "| `b/200` |"));
  assert_non_null(strstr(out, "\n\n\xe2\x80\xa6 and 5 more\n\n</details>\n"));
  /* Nothing needs attention: no table outside the block, a green mark. */
  assert_non_null(strstr(out, "## yardstick: \xe2\x9c\x85 205 unchanged\n"));
  assert_int_equal(count_of(out, "| Benchmark |"), 1);
  free(out);

  /* Without a baseline the results table is capped the same way. */
  out = render(&ctx, list, NULL, N, &(ys_summary){.n_ok = N});
  assert_int_equal(count_of(out, "| `b/"), 200);
  assert_non_null(strstr(out, "|\n\n\xe2\x80\xa6 and 5 more\n"));
  free(out);
  free(cmp_list);
  free(list);
}

/* Nothing to warn about when both runs used the same machine and build;
 * the line about the baseline survives a missing context. */
static void test_same_machine_no_warning(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ys_context base = make_context();
  ys_summary sum = compared_summary(&base);
  make_compared_run();
  char *out = render(&ctx, benches, cmps, N_BENCHES, &sum);
  assert_null(strstr(out, "different machine"));
  assert_non_null(strstr(out, "\nCompared with baseline `main` (saved "
                              "2026-01-02T03:04:05Z on host ci-runner-7).\n"
                              "\n| Benchmark |"));
  free(out);

  sum.baseline_ctx = NULL;
  sum.baseline_name = "v1.2";
  out = render(&ctx, benches, cmps, N_BENCHES, &sum);
  assert_non_null(strstr(out, "\nCompared with baseline `v1.2`.\n\n| "));
  assert_null(strstr(out, "different machine"));
  free(out);
}

/* Every field that differs is named, old → new. */
static void test_mismatch_lists_fields(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ys_context base = make_context();
  strcpy(base.host_name, "laptop");
  base.build_type = "debug";
  base.collector = NULL;
  ys_summary sum = compared_summary(&base);
  make_compared_run();
  char *out = render(&ctx, benches, cmps, N_BENCHES, &sum);
  assert_non_null(
      strstr(out, "\n> \xe2\x9a\xa0\xef\xb8\x8f The baseline was measured on a "
                  "different machine or compiler (host: laptop \xe2\x86\x92 "
                  "ci-runner-7; build: debug \xe2\x86\x92 release; collector:  "
                  "\xe2\x86\x92 wall); changes may reflect that.\n"));
  free(out);
}

/* Names and messages cannot break the table or the list. */
static void test_escaping(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ys_bench_result list[2] = {
      stopped_result("a|b", YS_BENCH_FAILED, "*bold* [x](y) <b>\r\nz"),
      ok_result("``x|y``", &time_series),
  };
  ys_summary sum = {.n_ok = 1, .n_failed = 1};
  char *out = render(&ctx, list, NULL, 2, &sum);
  /* In the list a '|' needs no escape; in a table it does, even in code. */
  assert_non_null(strstr(out, "\n- `a|b` failed: \\*bold\\* \\[x\\](y) "
                              "\\<b\\>  z\n"));
  assert_non_null(strstr(out, "\n| ``` ``x\\|y`` ``` | 1.234 \xc2\xb5s |"));
  free(out);
}

/* Control characters in names and messages (from a baseline, say) never
 * reach the file raw: a terminal showing it would obey them. */
static void test_control_characters_escaped(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ys_bench_result list[2] = {
      stopped_result("evil\x1b[2J", YS_BENCH_FAILED, "\x1b]0;title\x07 x"),
      ok_result("bell\x07\x7f", &time_series),
  };
  ys_summary sum = {.n_ok = 1, .n_failed = 1};
  char *out = render(&ctx, list, NULL, 2, &sum);
  assert_null(strchr(out, '\x1b'));
  assert_null(strchr(out, '\x07'));
  assert_null(strchr(out, '\x7f'));
  assert_non_null(strstr(out, "`evil\\x1b[2J` failed: \\x1b\\]0;title\\x07 x"));
  assert_non_null(strstr(out, "`bell\\x07\\x7f`"));
  free(out);
}

/* The footnote says how it was measured and with which threshold. */
static void test_footnote(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ctx.rounds = 1;
  ys_bench_result list[1] = {ok_result("x", &time_series)};
  ys_comparison cmp_list[1] = {
      timed(YS_VERDICT_UNCHANGED, 1.0, 1.0, 0.0, -0.01, 0.01, 0.5)};
  cmp_list[0].threshold = 0.025;
  ys_summary sum = {.n_ok = 1, .compared = true, .baseline_name = "main"};
  sum.n_verdicts[YS_VERDICT_UNCHANGED] = 1;
  char *out = render(&ctx, list, cmp_list, 1, &sum);
  const char *want = "\n*1 round \xc3\x97 20 samples per benchmark, threshold "
                     "2.5 %; the change is that of the lower quartile of "
                     "round estimates, with its bootstrap interval.*\n";
  size_t n = strlen(out), w = strlen(want);
  assert_true(n >= w);
  assert_string_equal(out + n - w, want);
  free(out);
}

/* Inconclusive alone is worth a look (⚠️), not good news (✅); with
 * --fail-on-inconclusive it fails the run, and the summary says so. */
static void test_inconclusive_headline(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ys_bench_result list[1] = {ok_result("x", &time_series)};
  ys_comparison cmp_list[1] = {
      timed(YS_VERDICT_INCONCLUSIVE, 1.0, 1.1, 0.1, -0.02, 0.2, 0.2)};
  cmp_list[0].doubt = YS_DOUBT_UNSUPPORTED;
  ys_summary sum = {.n_ok = 1, .compared = true, .baseline_name = "main"};
  sum.n_verdicts[YS_VERDICT_INCONCLUSIVE] = 1;
  char *out = render(&ctx, list, cmp_list, 1, &sum);
  assert_non_null(strstr(out, "## yardstick: \xe2\x9a\xa0\xef\xb8\x8f 1 "
                              "inconclusive\n"));
  assert_non_null(strstr(out, "(noise hides the answer; not a failure)"));
  free(out);

  sum.fail_on_inconclusive = true;
  out = render(&ctx, list, cmp_list, 1, &sum);
  assert_non_null(strstr(out, "## yardstick: \xe2\x9d\x8c 1 inconclusive\n"));
  assert_non_null(strstr(out, "fails this run: --fail-on-inconclusive"));
  free(out);
}

/* A run with nothing in it is still a complete summary. */
/* Comparisons that mix own settings are listed under their own heading,
 * each with what differs (baseline vs this run); none, no heading. */
static void test_mixed_settings(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ys_context base_ctx = make_baseline_context();
  ys_summary sum = compared_summary(&base_ctx);
  make_compared_run();
  ys_bench_result list[2] = {benches[0], benches[1]};
  ys_bench_result base[2] = {benches[0], benches[1]};
  list[0].settings =
      (ys_bench_settings){.rounds = 30,
                          .latency = true,
                          .own = YS_SETTING_ROUNDS | YS_SETTING_LATENCY};
  base[0].settings =
      (ys_bench_settings){.rounds = 10, .own = YS_SETTING_ROUNDS};
  ys_report_entry entries[2] = {{&list[0], &cmps[0]}, {&list[1], &cmps[1]}};
  const ys_bench_result *bases[2] = {&base[0], &base[1]};
  ys_run_view run = {
      .ctx = &ctx, .summary = &sum, .entries = entries, .n = 2, .bases = bases};
  char *out = ys_test_render(&ys_report_markdown, &run, false);
  char want[512];
  snprintf(want, sizeof(want),
           "**Measured with other settings than the baseline** (baseline vs "
           "this run)\n\n- `%s`: rounds 10 vs 30, latency mode the "
           "run's vs on\n",
           list[0].name);
  if (strstr(out, want) == NULL) fail_msg("no %s in\n%s", want, out);
  /* The second benchmark has the same settings on both sides. */
  snprintf(want, sizeof(want), "- `%s`: ", list[1].name);
  assert_null(strstr(out, want));
  free(out);
  base[0].settings = list[0].settings;
  out = ys_test_render(&ys_report_markdown, &run, false);
  assert_null(strstr(out, "other settings than the baseline"));
  free(out);
}

static void test_empty_run(void **state) {
  (void)state;
  ys_context ctx = make_context();
  ys_summary sum = {0};
  char *out = render(&ctx, NULL, NULL, 0, &sum);
  assert_string_equal(
      out, "## yardstick: 0 benchmarks\n"
           "\n*10 rounds \xc3\x97 20 samples per benchmark; the estimate is "
           "the slope over the samples (else their mean) with its bootstrap "
           "interval.*\n");
  free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_compared_matches_golden),
      cmocka_unit_test(test_plain_matches_golden),
      cmocka_unit_test(test_attention_order),
      cmocka_unit_test(test_rows_are_capped),
      cmocka_unit_test(test_same_machine_no_warning),
      cmocka_unit_test(test_mismatch_lists_fields),
      cmocka_unit_test(test_escaping),
      cmocka_unit_test(test_control_characters_escaped),
      cmocka_unit_test(test_inconclusive_headline),
      cmocka_unit_test(test_footnote),
      cmocka_unit_test(test_mixed_settings),
      cmocka_unit_test(test_empty_run),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
