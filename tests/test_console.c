/*
 * test_console.c — the console report against a golden file, its colours,
 * and the progress line in both modes.
 *
 * Set YS_UPDATE_GOLDEN=1 to rewrite tests/data/console.txt and
 * console_compared.txt (the same run against a baseline) from the current
 * output; read the new files before keeping them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/support/golden.h"
#include "tests/support/render.h"

#include "reports/progress.h"
#include "reports/report.h"

extern const ys_report_ops ys_report_console;
extern const ys_report_ops ys_report_markdown;

#define GOLDEN          "console.txt"
#define GOLDEN_COMPARED "console_compared.txt"

static const ys_context fixed_context = {
    .library_version = "0.1.0",
    .collector = "wall",
    .build_type = "release",
    .compiler = "GNU 12.2.0",
    .clock_resolution_ns = 1.0,
    .loop_overhead_ns = 0.3124,
    .seed = 1,
    .rounds = 10,
    .sample_size = 20,
};

static ys_round rounds10[10];

/* A benchmark with everything: throughput, outliers, two warnings and a
 * second series. */
static ys_series sort_series[2] = {
    {
        .metric = "time",
        .unit = "ns",
        .n_samples = 200,
        .rounds = rounds10,
        .n_rounds = 10,
        .analysis =
            {
                .mean = {1250.0, 1238.0, 1263.0},
                .std_dev = {150.0, 140.0, 160.0},
                .slope = {1234.5, 1230.1, 1240.9},
                .has_slope = true,
                .r_squared = 0.998,
                .outliers = {.low_mild = 1, .high_mild = 2, .high_severe = 1},
                .round_min = 1228.0,
                .round_median = 1236.2,
                .round_max = 1300.0,
                .noisy_round_share = 0.2,
                .warnings = YS_WARN_HIGH_VARIANCE | YS_WARN_NOISY_ROUNDS,
            },
    },
    {
        .metric = "cpu_time",
        .unit = "ns",
        .n_samples = 200,
        .rounds = rounds10,
        .n_rounds = 10,
        .analysis =
            {
                .slope = {1220.7, 1215.0, 1226.3},
                .has_slope = true,
            },
    },
};

/* A long name, a mean headline (no slope) and an elements rate. */
static ys_series long_series[1] = {{
    .metric = "time",
    .unit = "ns",
    .n_samples = 100,
    .rounds = rounds10,
    .n_rounds = 5,
    .analysis =
        {
            .mean = {0.8124, 0.8101, 0.8150},
            .round_min = 0.8090,
            .round_median = 0.8120,
            .warnings = YS_WARN_FEW_ITERATIONS,
            .suggested_sample_size = 5,
        },
}};

/* A count with no time unit, as the callgrind collector gives. */
static ys_series count_series[1] = {{
    .metric = "instructions",
    .unit = "instructions",
    .kind = YS_METRIC_COUNT,
    .exact = true,
    .n_samples = 10,
    .analysis =
        {
            .mean = {1234567.0, 1234567.0, 1234567.0},
        },
}};

static ys_bench_result results[5] = {
    {
        .name = "sort/1024",
        .status = YS_BENCH_OK,
        .bytes_per_iteration = 4096,
        .series = sort_series,
        .n_series = 2,
    },
    {
        .name = "a_really_long_benchmark_name/with/arguments/65536",
        .status = YS_BENCH_OK,
        .elements_per_iteration = 1,
        .series = long_series,
        .n_series = 1,
    },
    {
        .name = "hash/callgrind",
        .status = YS_BENCH_OK,
        .bytes_per_iteration = 64,
        .series = count_series,
        .n_series = 1,
    },
    {
        .name = "needs_avx512",
        .status = YS_BENCH_SKIPPED,
        .message = "CPU lacks AVX-512",
    },
    {
        .name = "parse/broken",
        .status = YS_BENCH_FAILED,
        .message = "crashed with signal 11 (SIGSEGV)",
    },
};

static const ys_summary fixed_summary = {
    .n_ok = 3, .n_skipped = 1, .n_failed = 1, .elapsed_s = 12.3456};

/* ---- the same run against a baseline ---------------------------------- */

/* Benchmarks only one side has, and two more verdicts; their results reuse
 * the series above, since only the comparison line differs. */
static ys_bench_result more_results[4] = {
    {
        .name = "old/gone", /* the baseline's result */
        .status = YS_BENCH_OK,
        .series = long_series,
        .n_series = 1,
    },
    {
        .name = "sort/2048",
        .status = YS_BENCH_OK,
        .series = sort_series,
        .n_series = 1,
    },
    {
        .name = "sort/4096",
        .status = YS_BENCH_OK,
        .series = long_series,
        .n_series = 1,
    },
    {
        .name = "zz/new",
        .status = YS_BENCH_OK,
        .series = long_series,
        .n_series = 1,
    },
};

/* The union of both sides in name order, with each one's comparison. */
static const struct {
  const ys_bench_result *res;
  ys_comparison cmp;
} compared[] = {
    {&results[1],
     {.verdict = YS_VERDICT_INCONCLUSIVE,
      .doubt = YS_DOUBT_UNSUPPORTED,
      .unit = "ns",
      .base_rounds = 5,
      .new_rounds = 5,
      .change = -0.0612,
      .change_ci = {-0.0612, -0.1002, 0.0105},
      .p_value = 0.0397,
      .threshold = 0.05,
      .settle_rounds = 21}},
    {&results[2],
     {.verdict = YS_VERDICT_UNCHANGED,
      .unit = "instructions",
      .kind = YS_METRIC_COUNT,
      .exact = true,
      .base_rounds = 1,
      .new_rounds = 1,
      .p_value = NAN,
      .threshold = 0.05}},
    {&results[3], {.verdict = YS_VERDICT_NOT_COMPARED, .threshold = 0.05}},
    {&more_results[0],
     {.verdict = YS_VERDICT_MISSING,
      .unit = "ns",
      .base_rounds = 5,
      .base_estimate = 0.809,
      .threshold = 0.05}},
    {&results[4], {.verdict = YS_VERDICT_NOT_COMPARED, .threshold = 0.05}},
    {&results[0],
     {.verdict = YS_VERDICT_REGRESSED,
      .unit = "ns",
      .base_rounds = 10,
      .new_rounds = 10,
      .change = 0.123,
      .change_ci = {0.123, 0.101, 0.142},
      .p_value = 0.00001,
      .threshold = 0.05,
      .base_noise = 0.1,
      .new_noise = 0.4,
      .noisy = true,
      .remeasured = true}},
    {&more_results[1],
     {.verdict = YS_VERDICT_INCONCLUSIVE,
      .doubt = YS_DOUBT_TOO_WIDE,
      .unit = "ns",
      .base_rounds = 10,
      .new_rounds = 10,
      .change = 0.0212,
      .change_ci = {0.0212, -0.094, 0.143},
      .p_value = 0.0881,
      .threshold = 0.05,
      .remeasured = true}},
    {&more_results[2],
     {.verdict = YS_VERDICT_NOT_COMPARED,
      .unit = "ns",
      .new_rounds = 5,
      .threshold = 0.05}},
    {&more_results[3],
     {.verdict = YS_VERDICT_NEW, .unit = "ns", .new_rounds = 5}},
};

#define N_COMPARED (sizeof(compared) / sizeof(compared[0]))

/* Renders the compared run; caller frees. */
static char *render_compared(bool color) {
  static const ys_context base_ctx = {.date = "2025-12-24T10:00:00Z"};
  ys_summary sum = fixed_summary;
  sum.n_ok = 6; /* the missing one was not run */
  sum.compared = true;
  sum.baseline_name = "main";
  sum.baseline_ctx = &base_ctx;
  sum.n_verdicts[YS_VERDICT_REGRESSED] = 1;
  sum.n_verdicts[YS_VERDICT_INCONCLUSIVE] = 2;
  sum.n_verdicts[YS_VERDICT_UNCHANGED] = 1;
  sum.n_verdicts[YS_VERDICT_NEW] = 1;
  sum.n_verdicts[YS_VERDICT_MISSING] = 1;
  sum.n_verdicts[YS_VERDICT_NOT_COMPARED] = 3;
  ys_report_entry entries[N_COMPARED];
  for (size_t i = 0; i < N_COMPARED; i++)
    entries[i] = (ys_report_entry){compared[i].res, &compared[i].cmp};
  ys_run_view run = {.ctx = &fixed_context,
                     .summary = &sum,
                     .entries = entries,
                     .n = N_COMPARED};
  return ys_test_render(&ys_report_console, &run, color);
}

#define N_RESULTS (sizeof(results) / sizeof(results[0]))

/* Renders the fixed run in `style` and context `ctx`; caller frees. */
static char *render_styled(const ys_report_style *style,
                           const ys_context *ctx) {
  ys_report_entry entries[N_RESULTS];
  for (size_t i = 0; i < N_RESULTS; i++)
    entries[i] = (ys_report_entry){&results[i], NULL};
  ys_run_view run = {.ctx = ctx,
                     .summary = &fixed_summary,
                     .entries = entries,
                     .n = N_RESULTS};
  return ys_test_render_styled(&ys_report_console, &run, style);
}

/* Renders the fixed run at the default verbosity; caller frees. */
static char *render(bool color, const ys_context *ctx) {
  const ys_report_style style = {.color = color};
  return render_styled(&style, ctx);
}

static void test_console_golden(void **state) {
  (void)state;
  char *got = render(false, &fixed_context);
  ys_test_check_golden(got, GOLDEN);
  free(got);
}

static void test_console_compared_golden(void **state) {
  (void)state;
  char *got = render_compared(false);
  ys_test_check_golden(got, GOLDEN_COMPARED);
  free(got);
}

/* Red fails the run, green is good news, yellow is worth a look. */
static void test_console_compared_color(void **state) {
  (void)state;
  char *color = render_compared(true);
  assert_non_null(strstr(color, "\xe2\x86\x92 \033[1;31mregressed\033[0m, "
                                "confirmed by re-measuring"));
  /* An inconclusive verdict re-measured is "still" so, never
   * "confirmed"; it says why and what would settle it. */
  assert_non_null(
      strstr(color, "\xe2\x86\x92 \033[33minconclusive\033[0m, still after "
                    "re-measuring: its interval reaches more than 5 % beyond "
                    "the change on both sides; more rounds would not settle "
                    "it: rerun on a quieter machine\n"));
  assert_non_null(
      strstr(color, "\xe2\x86\x92 \033[33minconclusive\033[0m: the change "
                    "crosses 5 % but its interval reaches 0; about 21 rounds "
                    "a side would settle it (--rounds 21 here and in the "
                    "baseline)\n"));
  assert_non_null(strstr(color, "\xe2\x86\x92 unchanged\n"));
  assert_non_null(strstr(color, "vs baseline main: \033[1;31m1 regressed, "));
  free(color);
}

static void test_console_color(void **state) {
  (void)state;
  char *plain = render(false, &fixed_context);
  assert_null(strchr(plain, '\033'));
  free(plain);

  char *color = render(true, &fixed_context);
  assert_non_null(strstr(color, "\033[1msort/1024\033[0m"));
  assert_non_null(strstr(color, "\033[1;31mFAILED\033[0m: crashed"));
  assert_non_null(strstr(color, "\033[33m\xe2\x9a\xa0 noisy rounds, high "
                                "variance \xe2\x80\x94 see notes below"));
  assert_non_null(strstr(color, "\033[1;31m1 failed\033[0m"));
  free(color);
}

/* Renders the fixed run at `verbosity`, without colours; caller frees. */
static char *render_at(ys_report_verbosity verbosity, const ys_context *ctx) {
  const ys_report_style style = {.verbosity = verbosity};
  return render_styled(&style, ctx);
}

/* Occurrences of `needle` in `text`. */
static size_t count(const char *text, const char *needle) {
  size_t n = 0;
  for (const char *p = strstr(text, needle); p != NULL;
       p = strstr(p + 1, needle))
    n++;
  return n;
}

#define MARKER "\xe2\x9a\xa0 "

/* --quiet: the results and totals, and nothing about diagnostics. */
static void test_console_quiet(void **state) {
  (void)state;
  ys_context ctx = fixed_context;
  ctx.cpu_scaling_enabled = true;
  char *text = render_at(YS_REPORT_QUIET, &ctx);
  assert_non_null(strstr(text, "sort/1024               time:   [1.230 "));
  assert_non_null(strstr(text, "instructions: 1,234,567\n"));
  assert_non_null(strstr(text, "5 benchmarks: 3 ok"));
  assert_null(strstr(text, MARKER));
  assert_null(strstr(text, "Notes:"));
  assert_null(strstr(text, "warning:"));
  assert_null(strstr(text, "outlier"));
  free(text);
}

/* --verbose: every diagnostic in full under its benchmark, with its
 * figures, and Criterion's outlier block; the notes still close the run. */
static void test_console_verbose(void **state) {
  (void)state;
  char *text = render_at(YS_REPORT_VERBOSE, &fixed_context);
  assert_non_null(strstr(text, "Found 4 outliers among 200 measurements "
                               "(2.00%)\n  1 (0.50%) low mild\n"));
  assert_non_null(strstr(text, "warning: high variance: samples vary a lot "
                               "(std dev is 12.0 % of the mean); close "
                               "other programs\n"));
  assert_non_null(strstr(text, "warning: noisy rounds: 20 % of the rounds "
                               "ran more than 5 % above the fastest"));
  assert_non_null(strstr(text, "warning: one iteration per sample: "));
  assert_null(strstr(text, "see notes below"));
  assert_int_equal(count(text, "Notes:\n"), 1);
  free(text);
}

/* The default: at most one marker line per benchmark, and each kind of
 * diagnostic once at the end, naming the benchmarks it concerns. */
static void test_console_notes_summarise_once(void **state) {
  (void)state;
  char *text = render_at(YS_REPORT_NORMAL, &fixed_context);
  const char *notes = strstr(text, "Notes:\n");
  assert_non_null(notes);
  size_t markers = 0;
  for (const char *p = strstr(text, "\n" MARKER); p != NULL && p < notes;
       p = strstr(p + 1, "\n" MARKER))
    markers++;
  assert_int_equal(markers, 2); /* sort/1024 and the long name */
  assert_int_equal(count(notes, MARKER "noisy rounds: 1 of 3 benchmarks "
                                       "(sort/1024)\n"),
                   1);
  assert_int_equal(count(notes, MARKER "high variance: "), 1);
  assert_int_equal(count(text, "warning:"), 0);
  free(text);
}

/* Advice fits the settings in force: a suggested sample size that is the
 * one in force is not advice; a longer measurement time is, up to the
 * policy's limit; more rounds only up to theirs. */
static void test_console_advice_fits_the_settings(void **state) {
  (void)state;
  ys_context ctx = fixed_context;
  ctx.sample_size = 5; /* what long_series suggests */
  ctx.measurement_time_s = 0.12;
  ctx.rounds = 40;
  char *text = render_at(YS_REPORT_NORMAL, &ctx);
  assert_null(strstr(text, "--sample-size 5"));
  assert_non_null(strstr(text, "raise --measurement-time (now 0.12 s) to "
                               "0.24 s, since no smaller --sample-size "
                               "fits\n"));
  assert_non_null(strstr(text, "rerun on a quieter machine\n"));
  assert_null(strstr(text, "--rounds"));
  free(text);

  ctx.sample_size = 20;
  text = render_at(YS_REPORT_VERBOSE, &ctx);
  assert_non_null(strstr(text, "try --sample-size 5 (now 20)\n"));
  free(text);
}

/* Advice names a benchmark's own setting as the field of its definition,
 * with its value: a flag would override every benchmark's. When the
 * benchmarks concerned were measured with different settings, no figure
 * fits them all and none is given. */
static void test_console_advice_fits_own_settings(void **state) {
  (void)state;
  ys_bench_settings saved[N_RESULTS];
  for (size_t i = 0; i < N_RESULTS; i++) {
    saved[i] = results[i].settings;
    results[i].settings = (ys_bench_settings){
        .rounds = 10,
        .sample_size = 20,
        .measurement_time_s = 3,
        .own = YS_SETTING_ROUNDS | YS_SETTING_MEASUREMENT_TIME};
  }
  char *text = render_at(YS_REPORT_NORMAL, &fixed_context);
  assert_non_null(strstr(text, "raise .rounds in its BENCH_WITH (now 10) to "
                               "20"));
  assert_non_null(strstr(text, "raise .measurement_time_s in its BENCH_WITH "
                               "(now 3 s) to 6 s"));
  assert_null(strstr(text, "--rounds"));
  assert_null(strstr(text, "--measurement-time"));
  free(text);

  /* Two benchmarks with the same notes, other rounds: no figures. The
   * second is a shallow copy of sort/1024 under another name. */
  ys_bench_result other = results[0];
  snprintf(other.name, sizeof(other.name), "sort/2048");
  other.settings.rounds = 12;
  ys_report_entry two[] = {{&results[0], NULL}, {&other, NULL}};
  ys_run_view run = {
      .ctx = &fixed_context, .summary = &fixed_summary, .entries = two, .n = 2};
  text = ys_test_render(&ys_report_console, &run, false);
  assert_non_null(strstr(text, "noisy rounds: 2 of 2 benchmarks"));
  assert_non_null(strstr(text, "raise .rounds in their BENCH_WITH so that"));
  assert_null(strstr(text, "(now 1"));
  assert_null(strstr(text, "--rounds"));
  free(text);
  for (size_t i = 0; i < N_RESULTS; i++)
    results[i].settings = saved[i];
}

/* The header's rounds and samples are those the benchmarks ran: the run's
 * (10 × 20), the one set of their own every benchmark shares, or, when
 * they differ, no figure; bench exec's runs as asked ("5 runs in 2
 * rounds"), never its rounded-up sample size. Markdown says the same
 * (HTML: tests/test_html.c). */
static void test_header_says_the_rounds_run(void **state) {
  (void)state;
  ys_bench_result a = results[0], b = results[0];
  snprintf(b.name, sizeof(b.name), "sort/2048");
  ys_report_entry two[] = {{&a, NULL}, {&b, NULL}};
  ys_run_view run = {
      .ctx = &fixed_context, .summary = &fixed_summary, .entries = two, .n = 2};
  a.settings = b.settings = (ys_bench_settings){0};
  char *text = ys_test_render(&ys_report_console, &run, false);
  assert_non_null(
      strstr(text, "\xc2\xb7 10 rounds \xc3\x97 20 samples \xc2\xb7"));
  free(text);

  /* Both their own, the same: those. */
  a.settings = b.settings = (ys_bench_settings){
      .rounds = 3, .sample_size = 5, .own = YS_SETTING_ROUNDS};
  text = ys_test_render(&ys_report_console, &run, false);
  assert_non_null(
      strstr(text, "\xc2\xb7 3 rounds \xc3\x97 5 samples \xc2\xb7"));
  assert_null(strstr(text, "10 rounds"));
  free(text);

  /* One with its own, one with the run's: no one figure is true. */
  b.settings = (ys_bench_settings){0};
  text = ys_test_render(&ys_report_console, &run, false);
  assert_non_null(strstr(
      text, "\xc2\xb7 rounds and samples: the benchmarks' own \xc2\xb7"));
  assert_null(strstr(text, "10 rounds"));
  free(text);
  text = ys_test_render(&ys_report_markdown, &run, false);
  assert_non_null(strstr(text, "*rounds and samples: the benchmarks' own"));
  free(text);

  /* bench exec --runs 5 --rounds 2: 3 and 2 runs a round. */
  ys_context exec = fixed_context;
  exec.rounds = 2;
  exec.sample_size = 3;
  exec.runs = 5;
  a.settings = (ys_bench_settings){0};
  run.ctx = &exec;
  text = ys_test_render(&ys_report_console, &run, false);
  assert_non_null(strstr(text, "\xc2\xb7 5 runs in 2 rounds \xc2\xb7"));
  assert_null(strstr(text, "3 samples"));
  free(text);
  text = ys_test_render(&ys_report_markdown, &run, false);
  assert_non_null(strstr(text, "*5 runs in 2 rounds per command"));
  free(text);
}

/* With --fail-on-inconclusive, the totals say why a run with nothing
 * regressed fails. */
/* A benchmark whose baseline was measured with other own settings says so
 * under its change, naming what differs, baseline first; with the same
 * settings, or without the baseline's result, it says nothing. */
static void test_console_mixed_settings(void **state) {
  (void)state;
  static const ys_context base_ctx = {.date = "2025-12-24T10:00:00Z"};
  ys_summary sum = fixed_summary;
  sum.compared = true;
  sum.baseline_name = "main";
  sum.baseline_ctx = &base_ctx;
  ys_bench_result now = results[0], base = results[0];
  now.settings = (ys_bench_settings){
      .rounds = 30, .measurement_time_s = 2, .own = YS_SETTING_ROUNDS};
  base.settings = (ys_bench_settings){.rounds = 10,
                                      .measurement_time_s = 2,
                                      .own = YS_SETTING_ROUNDS |
                                             YS_SETTING_MEASUREMENT_TIME};
  ys_report_entry entry = {&now, &compared[5].cmp};
  const ys_bench_result *bases[1] = {&base};
  ys_run_view run = {.ctx = &fixed_context,
                     .summary = &sum,
                     .entries = &entry,
                     .n = 1,
                     .bases = bases};
  char *text = ys_test_render(&ys_report_console, &run, false);
  const char *want = "note: measured with other settings than the baseline: "
                     "rounds 10 vs 30, measurement 2.000 s vs the run's\n";
  if (strstr(text, want) == NULL) fail_msg("no %s in\n%s", want, text);
  /* Under the change line, not before it. */
  assert_true(strstr(text, "change:") < strstr(text, want));
  free(text);
  base.settings = now.settings;
  text = ys_test_render(&ys_report_console, &run, false);
  assert_null(strstr(text, "other settings than the baseline"));
  free(text);
  base.settings.rounds = 10;
  run.bases = NULL;
  text = ys_test_render(&ys_report_console, &run, false);
  assert_null(strstr(text, "other settings than the baseline"));
  free(text);
}

static void test_console_fail_on_inconclusive(void **state) {
  (void)state;
  ys_summary sum = {.compared = true, .baseline_name = "main"};
  sum.n_verdicts[YS_VERDICT_INCONCLUSIVE] = 1;
  ys_run_view run = {.ctx = &fixed_context, .summary = &sum};
  char *text = ys_test_render(&ys_report_console, &run, false);
  assert_non_null(strstr(text, "vs baseline main: 1 inconclusive\n"));
  free(text);
  sum.fail_on_inconclusive = true;
  text = ys_test_render(&ys_report_console, &run, false);
  assert_non_null(strstr(text, "vs baseline main: 1 inconclusive "
                               "(inconclusive fails this run: "
                               "--fail-on-inconclusive)\n"));
  free(text);
}

/* Against another build (--against), the totals name that program and do
 * not call it a baseline. */
static void test_console_against_is_no_baseline(void **state) {
  (void)state;
  ys_summary sum = {
      .compared = true, .baseline_name = "./prog", .against = true};
  sum.n_verdicts[YS_VERDICT_UNCHANGED] = 1;
  ys_run_view run = {.ctx = &fixed_context, .summary = &sum};
  char *text = ys_test_render(&ys_report_console, &run, false);
  assert_non_null(strstr(text, "vs ./prog: 1 unchanged\n"));
  assert_null(strstr(text, "baseline"));
  free(text);
}

static void test_console_context_warnings(void **state) {
  (void)state;
  ys_context ctx = fixed_context;
  ctx.cpu_scaling_enabled = true;
  ctx.build_type = "debug";
  ctx.collector = "callgrind";
  ctx.rounds = 1;
  /* A run of no benchmark: the header, then the totals alone. */
  ys_summary sum = {0};
  ys_run_view run = {.ctx = &ctx, .summary = &sum};
  char *text = ys_test_render(&ys_report_console, &run, false);
  assert_string_equal(
      text, "yardstick 0.1.0 \xc2\xb7 callgrind \xc2\xb7 1 round \xc3\x97 20 "
            "samples \xc2\xb7 seed 1\n"
            "warning: CPU frequency scaling is enabled, so timings follow "
            "the clock speed; set the governor to \"performance\"\n"
            "warning: yardstick was built for debugging, its own overhead "
            "is higher; build it in release mode\n"
            "\n"
            "0 benchmarks: 0 ok, 0 skipped, 0 failed\n");
  free(text);
}

/* The machine findings of the context (harness/doctor.c) and the pinned
 * CPU: one short line each under the header, the finding up to its
 * explanation (the text before the first ": " outside parentheses), as
 * Google Benchmark
 * prints its CPU scaling warning; a governor finding replaces the generic
 * scaling line rather than repeating it; nothing of it with --quiet. */
static void test_console_machine_findings_and_pin(void **state) {
  (void)state;
  ys_context ctx = fixed_context;
  ctx.cpu_scaling_enabled = true;
  ctx.collector = "callgrind";
  ctx.rounds = 1;
  snprintf(ctx.pinned_cpu, sizeof(ctx.pinned_cpu), "1 (auto)");
  ctx.machine_findings[0] = (ys_machine_finding){
      "warning", "governor",
      "powersave on 3 of 4 CPUs: the frequency changes with load",
      "sudo cpupower frequency-set -g performance"};
  ctx.machine_findings[1] = (ys_machine_finding){
      "warning", "container",
      "a docker container with a CPU quota (cpu.max 50000 100000): the "
      "kernel throttles it in bursts; run it without --cpus",
      ""};
  ctx.machine_findings[2] = (ys_machine_finding){
      "warning", "virtual machine",
      "a virtual machine (cpuinfo: hypervisor): its CPUs are shared", ""};
  ctx.n_machine_findings = 3;
  ys_summary sum = {0};
  ys_run_view run = {.ctx = &ctx, .summary = &sum};
  char *text = ys_test_render(&ys_report_console, &run, false);
  assert_string_equal(
      text, "yardstick 0.1.0 \xc2\xb7 callgrind \xc2\xb7 1 round \xc3\x97 20 "
            "samples \xc2\xb7 seed 1\n"
            "pinned to CPU 1 (auto)\n"
            "warning: governor: powersave on 3 of 4 CPUs (bench doctor says "
            "more)\n"
            "warning: container: a docker container with a CPU quota (cpu.max "
            "50000 100000) (bench doctor says more)\n"
            "warning: virtual machine: a virtual machine (cpuinfo: "
            "hypervisor) (bench doctor says more)\n"
            "\n"
            "0 benchmarks: 0 ok, 0 skipped, 0 failed\n");
  free(text);
  ys_report_style quiet = {.verbosity = YS_REPORT_QUIET};
  text = ys_test_render_styled(&ys_report_console, &run, &quiet);
  assert_null(strstr(text, "pinned"));
  assert_null(strstr(text, "governor"));
  free(text);
}

/* Control characters in names and messages (a baseline's, say) are
 * written escaped, and the column after a name counts the escapes. */
static void test_console_escapes_control_characters(void **state) {
  (void)state;
  ys_bench_result res[2];
  memset(res, 0, sizeof(res));
  snprintf(res[0].name, sizeof(res[0].name), "evil\x1b[2J");
  res[0].status = YS_BENCH_SKIPPED;
  snprintf(res[0].message, sizeof(res[0].message), "\x1b]0;title\x07 x");
  snprintf(res[1].name, sizeof(res[1].name), "bell\x07");
  res[1].status = YS_BENCH_FAILED;
  ys_report_entry entries[2] = {{&res[0], NULL}, {&res[1], NULL}};
  ys_summary sum = {.n_skipped = 1, .n_failed = 1};
  ys_run_view run = {
      .ctx = &fixed_context, .summary = &sum, .entries = entries, .n = 2};
  char *text = ys_test_render(&ys_report_console, &run, false);
  assert_null(strchr(text, '\x1b'));
  assert_null(strchr(text, '\x07'));
  assert_non_null(strstr(text, "\nevil\\x1b[2J             skipped: "
                               "\\x1b]0;title\\x07 x\n"));
  assert_non_null(strstr(text, "\nbell\\x07                FAILED\n"));
  free(text);
}

/* What capture_progress hands its writer. */
typedef struct progress_call {
  bool live;
  void (*fn)(ys_progress *);
} progress_call;

static void write_progress(FILE *out, void *arg) {
  const progress_call *call = arg;
  ys_progress *p = ys_progress_new(out, call->live);
  assert_non_null(p);
  call->fn(p);
  ys_progress_free(p);
}

/* Runs `fn` on a progress object writing into memory and returns the
 * text; caller frees. */
static char *capture_progress(bool live, void (*fn)(ys_progress *)) {
  progress_call call = {.live = live, .fn = fn};
  return ys_test_capture(write_progress, &call);
}

/* Two benchmarks, three rounds, interleaved as the runner does. */
static void three_rounds(ys_progress *p) {
  size_t done = 0;
  for (size_t round = 1; round <= 3; round++) {
    ys_progress_update(p, done++, 6, round, 3, "a");
    ys_progress_update(p, done++, 6, round, 3, "b");
  }
  ys_progress_finish(p);
  /* A second finish has nothing left to report. */
  ys_progress_finish(p);
}

static void test_progress_plain(void **state) {
  (void)state;
  char *text = capture_progress(false, three_rounds);
  assert_string_equal(text, "round 1/3 done\n"
                            "round 2/3 done\n"
                            "round 3/3 done\n");
  free(text);
}

static void test_progress_plain_nothing_run(void **state) {
  (void)state;
  char *text = capture_progress(false, ys_progress_finish);
  assert_string_equal(text, "");
  free(text);
  ys_progress_update(NULL, 0, 1, 1, 1, "x");
  ys_progress_finish(NULL);
  ys_progress_free(NULL);
  assert_null(ys_progress_new(NULL, true));
}

static void one_live_update(ys_progress *p) {
  ys_progress_update(p, 36, 120, 4, 10, "sort/1024");
  ys_progress_finish(p);
}

static void test_progress_live(void **state) {
  (void)state;
  char *text = capture_progress(true, one_live_update);
  assert_string_equal(text, "\r\033[K[ 36/120] round 4/10 \xc2\xb7 sort/1024"
                            "\r\033[K");
  free(text);
}

/* Columns of the text after the last "\r\033[K": one per UTF-8 character. */
static size_t last_line_columns(const char *text) {
  const char *line = text;
  for (const char *s = strstr(text, "\r\033[K"); s != NULL;
       s = strstr(s + 1, "\r\033[K"))
    line = s + 4;
  size_t n = 0;
  for (; *line != '\0'; line++)
    n += ((unsigned char)*line & 0xC0) != 0x80;
  return n;
}

static void long_ascii_name(ys_progress *p) {
  char name[201];
  memset(name, 'x', 200);
  name[200] = '\0';
  ys_progress_update(p, 1, 9, 1, 3, name);
}

static void long_utf8_name(ys_progress *p) {
  /* 100 two-byte characters: cutting by bytes would split one. */
  char name[201];
  for (size_t i = 0; i < 100; i++)
    memcpy(name + 2 * i, "\xc3\xa9", 2);
  name[200] = '\0';
  ys_progress_update(p, 1, 9, 1, 3, name);
}

static void test_progress_live_truncates(void **state) {
  (void)state;
  const char *prefix = "\r\033[K[1/9] round 1/3 \xc2\xb7 ";
  char *text = capture_progress(true, long_ascii_name);
  assert_int_equal(strncmp(text, prefix, strlen(prefix)), 0);
  assert_int_equal(last_line_columns(text), YS_PROGRESS_COLUMNS);
  /* 18 columns of prefix, 61 of name, then the ellipsis. */
  size_t len = strlen(text);
  assert_int_equal(len, strlen(prefix) + 61 + 3);
  assert_string_equal(text + len - 4, "x\xe2\x80\xa6");
  free(text);

  text = capture_progress(true, long_utf8_name);
  assert_int_equal(last_line_columns(text), YS_PROGRESS_COLUMNS);
  len = strlen(text);
  assert_int_equal(len, strlen(prefix) + 2 * 61 + 3);
  assert_string_equal(text + len - 5, "\xc3\xa9\xe2\x80\xa6");
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_console_golden),
      cmocka_unit_test(test_console_escapes_control_characters),
      cmocka_unit_test(test_console_color),
      cmocka_unit_test(test_console_compared_golden),
      cmocka_unit_test(test_console_compared_color),
      cmocka_unit_test(test_console_fail_on_inconclusive),
      cmocka_unit_test(test_console_mixed_settings),
      cmocka_unit_test(test_header_says_the_rounds_run),
      cmocka_unit_test(test_console_context_warnings),
      cmocka_unit_test(test_console_machine_findings_and_pin),
      cmocka_unit_test(test_console_quiet),
      cmocka_unit_test(test_console_verbose),
      cmocka_unit_test(test_console_notes_summarise_once),
      cmocka_unit_test(test_console_advice_fits_the_settings),
      cmocka_unit_test(test_console_advice_fits_own_settings),
      cmocka_unit_test(test_progress_plain),
      cmocka_unit_test(test_progress_plain_nothing_run),
      cmocka_unit_test(test_progress_live),
      cmocka_unit_test(test_console_against_is_no_baseline),
      cmocka_unit_test(test_progress_live_truncates),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
