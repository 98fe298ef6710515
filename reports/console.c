/*
 * console.c — the report people read in a terminal, laid out like
 * Criterion.rs: the name in a column on the left, the estimates beside it,
 * then outliers and warnings that say what to do about them.
 *
 *     sort/1024               time:   [1.230 µs 1.234 µs 1.240 µs]
 *                             thrpt:  [3.075 GiB/s 3.091 GiB/s 3.101 GiB/s]
 *
 * Against a baseline, each benchmark also gets a "change:" line under its
 * rounds that names which figure is which, since the minimum decides, the
 * median backs it and the interval is the median's:
 *
 *     change: min +12.30 % · median +11.80 % [+10.10 % +14.20 %] · p = 0.004
 *             → regressed                                  (all on one line)
 *
 * Colours are used only when the style allows them; deciding that
 * (terminal, NO_COLOR) is the caller's job.
 */
#include "report.h"
#include "safe_text.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "../analysis/derived.h"
#include "../core/policy.h"
#include "../gate/compare.h"
#include "complexity_text.h"
#include "rounds_text.h"
#include "function_changes.h"
#include "group_text.h"
#include "notes.h"
#include "settings_text.h"
#include "targets_text.h"
#include "metric_verdicts.h"
#include "latency_text.h"
#include "units.h"

/* The end notes name the benchmarks a diagnostic concerns up to this many,
 * and count them beyond. */
#define YS_CONSOLE_NOTE_NAMES 4

/* Criterion's column: names shorter than this share the line with the
 * first estimate, longer ones get a line of their own. */
#define YS_CONSOLE_NAME_COLUMN 24

#define YS_SGR_BOLD   "\033[1m"
#define YS_SGR_RED    "\033[1;31m"
#define YS_SGR_YELLOW "\033[33m"
#define YS_SGR_GREEN  "\033[32m"
#define YS_SGR_RESET  "\033[0m"

/* What every piece of the text needs: where it goes, whether it may be
 * coloured, and the run's context (a warning quotes the clock). */
typedef struct console {
  FILE *out;
  bool color;
  ys_report_verbosity verbosity;
  const ys_context *ctx;
} console;

/* An escape sequence when colours are on, else nothing. */
static const char *sgr(const console *r, const char *code) {
  return r->color ? code : "";
}

static void indent(const console *r) {
  fprintf(r->out, "%*s", YS_CONSOLE_NAME_COLUMN, "");
}

/* Writes the name and moves to the estimate column, on the next line when
 * the name is too long to leave a space before it. */
static void write_name(const console *r, const char *name) {
  fputs(sgr(r, YS_SGR_BOLD), r->out);
  ys_safe_text_write(r->out, name);
  fputs(sgr(r, YS_SGR_RESET), r->out);
  size_t cols = ys_safe_text_columns(name);
  if (cols < YS_CONSOLE_NAME_COLUMN) {
    fprintf(r->out, "%*s", (int)(YS_CONSOLE_NAME_COLUMN - cols), "");
  } else {
    fputc('\n', r->out);
    indent(r);
  }
}

/* Writes "label:" padded so that what follows starts 8 columns on, as
 * Criterion's "time:   [" and "thrpt:  [" do. */
static void write_label(const console *r, const char *label) {
  int pad = 6 - (int)strlen(label);
  fprintf(r->out, "%s:%*s ", label, pad > 0 ? pad : 0, "");
}

/* A per-iteration value of a series in its unit: durations scaled to a
 * readable unit, anything else as a plain number followed by the unit. */
static char *format_value(const ys_series *s, double v, char *buf, size_t len) {
  return ys_units_metric_value(s->kind, v, s->unit, buf, len);
}

/* An exact count (core/metric.h) is one number, printed once: no
 * interval, and no unit when it only repeats the metric's name
 * ("instructions: 6,154"). */
static void write_exact(const console *r, const ys_series *s,
                        const ys_estimate *e) {
  char v[YS_UNITS_BUF];
  bool repeats =
      s->unit != NULL && s->metric != NULL && strcmp(s->unit, s->metric) == 0;
  fprintf(r->out, "%s",
          ys_units_metric_value(s->kind, e->point, repeats ? NULL : s->unit, v,
                                sizeof(v)));
}

/* "[lo point hi]"; an interval of zero width is one value: "[12 ns]".
 * Leaves the line open, for what may follow on it. */
static void write_value(const console *r, const ys_series *s,
                        const ys_estimate *e) {
  char lo[YS_UNITS_BUF], point[YS_UNITS_BUF], hi[YS_UNITS_BUF];
  if (s->exact) {
    write_exact(r, s, e);
    return;
  }
  if (e->lo == e->point && e->point == e->hi) {
    fprintf(r->out, "[%s]", format_value(s, e->point, point, sizeof(point)));
    return;
  }
  fprintf(r->out, "[%s %s %s]", format_value(s, e->lo, lo, sizeof(lo)),
          format_value(s, e->point, point, sizeof(point)),
          format_value(s, e->hi, hi, sizeof(hi)));
}

/* write_value, and the end of the line. */
static void write_interval(const console *r, const ys_series *s,
                           const ys_estimate *e) {
  write_value(r, s, e);
  fputc('\n', r->out);
}

typedef char *(*rate_fn)(double per_s, char *buf, size_t len);

/* Amount per second at a per-iteration time; NaN (printed "n/a") when the
 * time is not positive, where a rate means nothing. */
static double per_second(uint64_t amount, double ns) {
  return ns > 0 ? (double)amount * 1e9 / ns : NAN;
}

/* A throughput line. The slowest time gives the lowest rate, so the
 * interval is built from hi, point, lo to still read low to high. */
static void write_throughput(const console *r, const ys_estimate *time,
                             uint64_t amount, rate_fn fmt) {
  char lo[YS_UNITS_BUF], point[YS_UNITS_BUF], hi[YS_UNITS_BUF];
  indent(r);
  write_label(r, "thrpt");
  fprintf(r->out, "[%s %s %s]\n",
          fmt(per_second(amount, time->hi), lo, sizeof(lo)),
          fmt(per_second(amount, time->point), point, sizeof(point)),
          fmt(per_second(amount, time->lo), hi, sizeof(hi)));
}

/* A group member's line: its ratio to its reference with the interval,
 * or why there is none; the reference says it is one. */
static void write_group(const console *r, const ys_bench_result *res) {
  if (res->group[0] == '\0') return;
  indent(r);
  write_label(r, "ratio");
  if (res->ratio.status == YS_RATIO_OK) {
    char ratio[64], interval[96];
    ys_group_ratio_text(&res->ratio, ratio, sizeof(ratio), interval,
                        sizeof(interval));
    fprintf(r->out, "%s ", ratio);
    ys_safe_text_write(r->out, res->group_reference);
    fprintf(r->out, " %s\n", interval);
    return;
  }
  char why[3 * YS_NAME_MAX];
  const char *text = ys_group_missing_text(res, why, sizeof(why));
  if (text == NULL) {
    fputs("reference of group ", r->out);
    ys_safe_text_write(r->out, res->group);
  } else {
    ys_safe_text_write(r->out, text);
  }
  fputc('\n', r->out);
}

/* A benchmark measured with its own settings (BENCH_WITH) says which:
 * its figures are not as precise as the others', or more. */
static void write_settings(const console *r, const ys_bench_result *res) {
  if (res->settings.own == 0) return;
  char text[300];
  indent(r);
  fprintf(r->out, "note: its own settings: %s\n",
          ys_settings_text(&res->settings, text, sizeof(text)));
}

/* A comparison whose baseline was measured with other own settings than
 * this run says so under the change, and in which: the two sides' figures
 * differ in precision, or (latency mode) in what was measured. */
static void write_mixed_settings(const console *r, const ys_bench_result *res,
                                 const ys_bench_result *base,
                                 const ys_comparison *cmp) {
  if (cmp == NULL || base == NULL ||
      !ys_compare_settings_differ(&base->settings, &res->settings))
    return;
  char text[400];
  indent(r);
  fprintf(r->out, "note: measured with other settings than the baseline: ");
  ys_safe_text_write(r->out,
                     ys_settings_diff_text(&base->settings, &res->settings,
                                           text, sizeof(text)));
  fputc('\n', r->out);
}

static void write_rounds(const console *r, const ys_series *s) {
  const ys_analysis *a = &s->analysis;
  char min[YS_UNITS_BUF], median[YS_UNITS_BUF], noisy[YS_UNITS_BUF];
  indent(r);
  write_label(r, "rounds");
  fprintf(
      r->out, "min %s \xc2\xb7 median %s \xc2\xb7 %s noisy\n",
      format_value(s, a->round_min, min, sizeof(min)),
      format_value(s, a->round_median, median, sizeof(median)),
      ys_units_percent(a->noisy_round_share, 0, false, noisy, sizeof(noisy)));
}

static void write_outlier_class(const console *r, size_t k, size_t n,
                                const char *what) {
  if (k == 0) return;
  fprintf(r->out, "  %zu (%.2f%%) %s\n", k, 100.0 * (double)k / (double)n,
          what);
}

/* --verbose: Criterion's outlier block. */
static void write_outlier_block(const console *r, const ys_series *s) {
  const ys_outliers *o = &s->analysis.outliers;
  size_t n = s->n_samples;
  size_t k = o->low_severe + o->low_mild + o->high_mild + o->high_severe;
  fprintf(r->out, "Found %zu outlier%s among %zu measurements (%.2f%%)\n", k,
          k == 1 ? "" : "s", n, 100.0 * (double)k / (double)n);
  write_outlier_class(r, o->low_severe, n, "low severe");
  write_outlier_class(r, o->low_mild, n, "low mild");
  write_outlier_class(r, o->high_mild, n, "high mild");
  write_outlier_class(r, o->high_severe, n, "high severe");
}

/* The default: the same classes on one line among the figures. */
static void write_outlier_line(const console *r, const ys_series *s) {
  const ys_outliers *o = &s->analysis.outliers;
  size_t n = s->n_samples;
  size_t k = o->low_severe + o->low_mild + o->high_mild + o->high_severe;
  const struct {
    size_t count;
    const char *what;
  } classes[] = {{o->low_severe, "low severe"},
                 {o->low_mild, "low mild"},
                 {o->high_mild, "high mild"},
                 {o->high_severe, "high severe"}};
  indent(r);
  write_label(r, "outliers");
  fprintf(r->out, "%zu of %zu (%.0f %%):", k, n, 100.0 * (double)k / (double)n);
  const char *sep = " ";
  for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
    if (classes[i].count == 0) continue;
    fprintf(r->out, "%s%zu %s", sep, classes[i].count, classes[i].what);
    sep = " \xc2\xb7 ";
  }
  fputc('\n', r->out);
}

/* Tukey's outliers (reported, never dropped), as the verbosity asks. */
static void write_outliers(const console *r, const ys_series *s) {
  const ys_outliers *o = &s->analysis.outliers;
  size_t k = o->low_severe + o->low_mild + o->high_mild + o->high_severe;
  if (k == 0 || s->n_samples == 0 || r->verbosity == YS_REPORT_QUIET) return;
  if (r->verbosity == YS_REPORT_VERBOSE)
    write_outlier_block(r, s);
  else
    write_outlier_line(r, s);
}

/* Writes one warning line: what the diagnostic found and what to do. */
static void write_warning(const console *r, const char *text) {
  fprintf(r->out, "%swarning: %s%s\n", sgr(r, YS_SGR_YELLOW), text,
          sgr(r, YS_SGR_RESET));
}

/* The settings `res` was measured with: its own record, else (a result
 * that has none) the run's. */
static ys_bench_settings settings_used(const console *r,
                                       const ys_bench_result *res) {
  if (res->settings.rounds > 0) return res->settings;
  return ys_notes_run_settings(r->ctx);
}

/* --verbose: every diagnostic of a benchmark in full, with its figures and
 * the advice for this benchmark alone. */
static void write_warnings(const console *r, const ys_bench_result *res,
                           unsigned bits) {
  char found[512], advice[256], text[800];
  size_t suggested = res->series[0].analysis.suggested_sample_size;
  ys_bench_settings used = settings_used(r, res);
  for (size_t k = 0; k < YS_NOTE_COUNT; k++) {
    unsigned bit = ys_note_bits[k];
    if ((bits & bit) == 0) continue;
    snprintf(text, sizeof(text), "%s: %s; %s", ys_notes_words(bit),
             ys_notes_finding(bit, res, r->ctx, found, sizeof(found)),
             ys_notes_advice(bit, suggested, &used, advice, sizeof(advice)));
    write_warning(r, text);
  }
}

/* The default: one line naming a benchmark's diagnostics, which the notes
 * at the end explain once for the whole run. */
static void write_marker(const console *r, unsigned bits) {
  fprintf(r->out, "%s\xe2\x9a\xa0 ", sgr(r, YS_SGR_YELLOW)); /* ⚠ */
  const char *sep = "";
  for (size_t k = 0; k < YS_NOTE_COUNT; k++) {
    if ((bits & ys_note_bits[k]) == 0) continue;
    fprintf(r->out, "%s%s", sep, ys_notes_words(ys_note_bits[k]));
    sep = ", ";
  }
  fprintf(r->out, " \xe2\x80\x94 see notes below%s\n", /* — */
          sgr(r, YS_SGR_RESET));
}

/* "derived:  IPC 2.310 · branch misses 1.20 %" when perf counted them. */
static void write_derived(const console *r, const ys_bench_result *res) {
  ys_derived d[YS_DERIVED_MAX];
  size_t n = ys_derived_ratios(res, d);
  if (n == 0) return;
  indent(r);
  write_label(r, "derived");
  for (size_t i = 0; i < n; i++) {
    char v[YS_UNITS_BUF];
    if (d[i].percent)
      ys_units_percent(d[i].value, 2, false, v, sizeof(v));
    else
      snprintf(v, sizeof(v), "%.3f", d[i].value);
    fprintf(r->out, "%s%s %s", i > 0 ? " \xc2\xb7 " : "", d[i].label, v);
  }
  fputc('\n', r->out);
}

/* Another metric of the same benchmark ("cpu_time", "instructions"): its
 * headline estimate only, the details belong to the primary one. */
/* A series other than the primary one, with its change against the
 * baseline on the same line when it was compared (`m`, NULL otherwise). */
static void write_other_series(const console *r, const ys_series *s,
                               const ys_metric_comparison *m) {
  indent(r);
  write_label(r, s->metric != NULL ? s->metric : "other");
  write_value(r, s, ys_analysis_headline(&s->analysis));
  if (m != NULL) {
    char change[256];
    fprintf(r->out, " \xc2\xb7 %s",
            ys_metric_verdicts_change(m, change, sizeof(change)));
  }
  fputc('\n', r->out);
}

/* Latency mode: what was timed, then one line per percentile over every
 * kept time with its interval and, against a baseline, the change of its
 * rounds; or why the benchmark has none (docs/statistics.md §7). */
static void write_latency(const console *r, const ys_bench_result *res,
                          const ys_comparison *cmp) {
  const ys_latency *l = &res->latency;
  char text[512];
  if (l->status == YS_LATENCY_OFF) return;
  indent(r);
  write_label(r, "latency");
  if (l->status == YS_LATENCY_REFUSED) {
    ys_safe_text_write(r->out, l->why);
    fputc('\n', r->out);
    return;
  }
  fprintf(r->out, "%s\n", ys_latency_text_summary(l, text, sizeof(text)));
  if (l->kept == 0) return;
  for (size_t row = 0; row < YS_LATENCY_TEXT_ROWS; row++) {
    indent(r);
    write_label(r, ys_latency_text_label(row));
    ys_latency_text_value(l, row, text, sizeof(text));
    fputs(text, r->out);
    const ys_metric_comparison *m =
        ys_metric_verdicts_find(cmp, ys_latency_text_series(row));
    if (m != NULL) {
      char change[256];
      fprintf(r->out, " \xc2\xb7 %s",
              ys_metric_verdicts_change(m, change, sizeof(change)));
    }
    fputc('\n', r->out);
  }
}

/* The colour of a verdict: red fails the run, green is good news, yellow
 * is worth a look; none for the rest. */
static const char *verdict_color(ys_verdict v) {
  switch (v) {
  case YS_VERDICT_REGRESSED:
    return YS_SGR_RED;
  case YS_VERDICT_IMPROVED:
    return YS_SGR_GREEN;
  case YS_VERDICT_INCONCLUSIVE:
    return YS_SGR_YELLOW;
  default:
    return NULL;
  }
}

/* "→ regressed", coloured, then what qualifies it. */
static void write_verdict(const console *r, const ys_comparison *cmp) {
  const char *color = verdict_color(cmp->verdict);
  fprintf(r->out, " \xe2\x86\x92 %s%s%s", color != NULL ? sgr(r, color) : "",
          ys_verdict_name(cmp->verdict),
          color != NULL ? sgr(r, YS_SGR_RESET) : "");
  if (cmp->remeasured && cmp->verdict == YS_VERDICT_REGRESSED)
    fprintf(r->out, ", confirmed by re-measuring");
  else if (cmp->remeasured && cmp->verdict == YS_VERDICT_INCONCLUSIVE)
    fprintf(r->out, ", still after re-measuring");
  if (cmp->verdict == YS_VERDICT_INCONCLUSIVE) {
    char why[512];
    fprintf(r->out, ": %s", ys_units_doubt(cmp, why, sizeof(why)));
  }
  char crossed[512];
  if (cmp->verdict == YS_VERDICT_REGRESSED &&
      ys_metric_verdicts_crossed(cmp, 2, crossed, sizeof(crossed)))
    fprintf(r->out, ": %s", crossed);
  char unjudged[512];
  if (ys_metric_verdicts_unjudged(cmp, unjudged, sizeof(unjudged)))
    fprintf(r->out, "; %s", unjudged);
  if (ys_units_within_threshold(cmp)) {
    char thr[YS_UNITS_BUF];
    /* A band wider than the threshold was the bar (gate/band.h). */
    if (ys_units_band_decides(cmp))
      fprintf(r->out, " (a change, within the %s noise band of the history)",
              ys_units_percent(cmp->band, 2, false, thr, sizeof(thr)));
    else
      fprintf(r->out, " (a change, within the %s threshold)",
              ys_units_threshold(cmp->threshold, thr, sizeof(thr)));
  }
  if (cmp->noisy) {
    char base[YS_UNITS_BUF], now[YS_UNITS_BUF], factor[YS_UNITS_BUF];
    fprintf(r->out, " (noisy: %s of baseline and %s of new rounds > %s slow)",
            ys_units_percent(cmp->base_noise, 0, false, base, sizeof(base)),
            ys_units_percent(cmp->new_noise, 0, false, now, sizeof(now)),
            ys_units_percent(YS_POLICY_NOISY_FACTOR - 1, 0, false, factor,
                             sizeof(factor)));
  }
}

/* The "change:" line of a benchmark measured in this run. */
static void write_change(const console *r, const ys_comparison *cmp) {
  char a[YS_UNITS_BUF], c[YS_UNITS_BUF], d[YS_UNITS_BUF];
  char p[YS_UNITS_BUF];
  indent(r);
  write_label(r, "change");
  if (cmp->verdict == YS_VERDICT_NEW) {
    fprintf(r->out, "new, not in the baseline\n");
    return;
  }
  if (!ys_units_verdict_has_change(cmp->verdict)) {
    fprintf(r->out, "not compared: the baseline skipped or failed it, or "
                    "measured another metric\n");
    return;
  }
  if (cmp->exact) {
    /* Exact counts: no interval or test, the threshold alone decides. */
    fprintf(r->out, "%s (exact count)",
            ys_units_percent(cmp->change, 2, true, a, sizeof(a)));
  } else {
    ys_units_p_value(cmp->p_value, p, sizeof(p));
    /* The change of the lower quartile of rounds, the one that decides,
     * inside its own interval. */
    fprintf(r->out, "%s [%s %s] \xc2\xb7 p %s%s",
            ys_units_percent(cmp->change, 2, true, a, sizeof(a)),
            ys_units_percent(cmp->change_ci.lo, 2, true, c, sizeof(c)),
            ys_units_percent(cmp->change_ci.hi, 2, true, d, sizeof(d)),
            /* "p < 0.001" reads better than "p = < 0.001". */
            p[0] == '<' ? "" : "= ", p);
    if (cmp->contended) {
      char why[256];
      fprintf(r->out, " \xc2\xb7 %s",
              ys_units_contention(cmp, why, sizeof(why)));
    }
  }
  write_verdict(r, cmp);
  fputc('\n', r->out);
}

/* The "band:" line: the noise band of the baseline's history the change
 * was judged with, or that none is available yet (gate/band.h). */
static void write_band(const console *r, const ys_comparison *cmp) {
  char band[256];
  if (!ys_units_verdict_has_change(cmp->verdict) ||
      ys_units_band(cmp, band, sizeof(band))[0] == '\0')
    return;
  indent(r);
  write_label(r, "band");
  fputs(band, r->out);
  if (ys_units_band_decides(cmp))
    fputs(": the bar a change must clear, above the threshold", r->out);
  fputc('\n', r->out);
}

/* Under the change of an exact count: the functions it came from, one a
 * line, under a "why:" label. */
static void write_functions(const console *r, const ys_comparison *cmp) {
  for (size_t i = 0; i < cmp->n_functions; i++) {
    const ys_function_change *f = &cmp->functions[i];
    char delta[YS_UNITS_BUF], pct[YS_UNITS_BUF];
    indent(r);
    if (i == 0)
      write_label(r, "why");
    else
      fprintf(r->out, "%8s", "");
    ys_safe_text_write(r->out, f->name);
    fprintf(r->out, " %s %s (%s)\n",
            ys_function_change_delta(f->delta, delta, sizeof(delta)),
            cmp->unit != NULL ? cmp->unit : "",
            ys_function_change_percent(f, pct, sizeof(pct)));
  }
}

static void write_ok(const console *r, const ys_bench_result *res,
                     const ys_comparison *cmp, const ys_bench_result *base) {
  if (res->n_series == 0 || res->series == NULL) {
    fprintf(r->out, "no measurements\n");
    return;
  }
  const ys_series *s0 = &res->series[0];
  const ys_estimate *head = ys_analysis_headline(&s0->analysis);
  write_label(r, s0->metric != NULL ? s0->metric : "time");
  write_interval(r, s0, head);
  /* A rate is an amount over time: meaningless for instruction counts. */
  if (s0->kind == YS_METRIC_TIME && res->bytes_per_iteration > 0)
    write_throughput(r, head, res->bytes_per_iteration, ys_units_bytes_rate);
  if (s0->kind == YS_METRIC_TIME && res->elements_per_iteration > 0)
    write_throughput(r, head, res->elements_per_iteration,
                     ys_units_elements_rate);
  write_group(r, res);
  write_settings(r, res);
  /* One exact measurement has no spread: no rounds, no outliers. */
  if (s0->n_rounds > 0 && !s0->exact) write_rounds(r, s0);
  if (cmp != NULL) write_change(r, cmp);
  write_mixed_settings(r, res, base, cmp);
  if (cmp != NULL) write_band(r, cmp);
  if (cmp != NULL) write_functions(r, cmp);
  for (size_t i = 1; i < res->n_series; i++)
    if (!(res->series[i].counter & YS_SERIES_LATENCY))
      write_other_series(r, &res->series[i],
                         ys_metric_verdicts_find(cmp, res->series[i].metric));
  write_latency(r, res, cmp);
  write_derived(r, res);
  if (!s0->exact) write_outliers(r, s0);
  unsigned bits = ys_notes_of(res);
  if (bits == 0 || r->verbosity == YS_REPORT_QUIET) return;
  if (r->verbosity == YS_REPORT_VERBOSE)
    write_warnings(r, res, bits);
  else
    write_marker(r, bits);
}

/* Whether the context holds a machine finding of check `check`. */
static bool has_finding(const ys_context *ctx, const char *check) {
  for (size_t i = 0; i < ctx->n_machine_findings; i++)
    if (strcmp(ctx->machine_findings[i].check, check) == 0) return true;
  return false;
}

/* The length of a finding's text up to its explanation: the first ": "
 * outside parentheses ("a virtual machine (cpuinfo: hypervisor): its CPUs
 * are shared..." is cut after the ")"), or all of it. */
static int finding_length(const char *text) {
  int depth = 0;
  for (int i = 0; text[i] != '\0'; i++) {
    depth += text[i] == '(' ? 1 : text[i] == ')' && depth > 0 ? -1 : 0;
    if (depth == 0 && text[i] == ':' && text[i + 1] == ' ') return i;
  }
  return (int)strlen(text);
}

/* The machine findings of the run (bench doctor's warnings and problems
 * among its cheap checks), one short line each: the finding up to its
 * explanation (finding_length), since the header is no
 * place for the whole of `bench doctor`, which says the rest. */
static void write_machine_findings(const console *r) {
  for (size_t i = 0; i < r->ctx->n_machine_findings; i++) {
    const ys_machine_finding *f = &r->ctx->machine_findings[i];
    int len = finding_length(f->text);
    fprintf(r->out, "%s%s: %s: ", sgr(r, YS_SGR_YELLOW), f->level, f->check);
    char part[sizeof(f->text)];
    snprintf(part, sizeof(part), "%.*s", len, f->text);
    ys_safe_text_write(r->out, part);
    fprintf(r->out, " (bench doctor says more)%s\n", sgr(r, YS_SGR_RESET));
  }
}

/* The run's line at the top, and warnings about the machine or build. */
static void write_header(const console *r, const ys_run_view *run) {
  FILE *out = r->out;
  const ys_context *ctx = r->ctx;
  char a[YS_UNITS_BUF], b[YS_UNITS_BUF], rounds[96];
  fprintf(out, "yardstick");
  if (ctx->library_version != NULL) fprintf(out, " %s", ctx->library_version);
  if (ctx->collector != NULL) {
    bool wall = strcmp(ctx->collector, "wall") == 0;
    fprintf(out, " \xc2\xb7 %s%s", ctx->collector, wall ? " clock" : "");
    /* A resolution and a loop cost only mean something for a clock. */
    if (wall && ctx->clock_resolution_ns > 0)
      fprintf(out, " (resolution %s, empty loop %s/iter)",
              ys_units_duration(ctx->clock_resolution_ns, a, sizeof(a)),
              ys_units_duration(ctx->loop_overhead_ns, b, sizeof(b)));
  }
  fprintf(out, " \xc2\xb7 %s \xc2\xb7 seed %" PRIu64 "\n",
          ys_rounds_text(run, false, rounds, sizeof(rounds)), ctx->seed);
  if (ctx->max_rss_bytes > 0)
    fprintf(out, "max RSS %.1f MiB (the run's peak resident memory)\n",
            (double)ctx->max_rss_bytes / (1024.0 * 1024.0));
  if (r->verbosity == YS_REPORT_QUIET) {
    fputc('\n', out);
    return;
  }
  if (ctx->pinned_cpu[0] != '\0')
    fprintf(out, "pinned to CPU %s\n", ctx->pinned_cpu);
  if (ctx->cpu_scaling_enabled && !has_finding(ctx, "governor"))
    write_warning(r, "CPU frequency scaling is enabled, so timings follow the "
                     "clock speed; set the governor to \"performance\"");
  if (ctx->build_type != NULL && strcmp(ctx->build_type, "debug") == 0 &&
      !has_finding(ctx, "build type"))
    write_warning(r, "yardstick was built for debugging, its own overhead is "
                     "higher; build it in release mode");
  write_machine_findings(r);
  fputc('\n', out);
}

/* One benchmark: its name, then its figures or why there are none; base
 * is the baseline's result (NULL when none is known). */
static void write_bench(const console *r, const ys_bench_result *res,
                        const ys_comparison *cmp, const ys_bench_result *base) {
  write_name(r, res->name);
  if (cmp != NULL && cmp->verdict == YS_VERDICT_MISSING) {
    /* `res` is the baseline's result: nothing of it was measured now. */
    char base[YS_UNITS_BUF] = "";
    if (cmp->base_rounds > 0 && cmp->unit != NULL) {
      ys_series s = {.unit = cmp->unit, .kind = cmp->kind};
      format_value(&s, cmp->base_estimate, base, sizeof(base));
    }
    fprintf(r->out, "missing: in the baseline%s%s, not in this run\n",
            base[0] != '\0' ? " at " : "", base);
    fputc('\n', r->out);
    return;
  }
  switch (res->status) {
  case YS_BENCH_OK:
    write_ok(r, res, cmp, base);
    break;
  case YS_BENCH_SKIPPED:
    fprintf(r->out, "skipped%s", res->message[0] != '\0' ? ": " : "");
    ys_safe_text_write(r->out, res->message);
    fputc('\n', r->out);
    break;
  case YS_BENCH_FAILED:
    fprintf(r->out, "%sFAILED%s%s", sgr(r, YS_SGR_RED), sgr(r, YS_SGR_RESET),
            res->message[0] != '\0' ? ": " : "");
    ys_safe_text_write(r->out, res->message);
    fputc('\n', r->out);
    break;
  }
  fputc('\n', r->out);
}

/* The totals, and the verdict counts against a baseline. */
static void write_totals(const console *r, const ys_summary *sum) {
  char t[YS_UNITS_BUF];
  size_t n = sum->n_ok + sum->n_skipped + sum->n_failed;
  bool failed = sum->n_failed > 0;
  fprintf(r->out, "%zu benchmark%s: %zu ok, %zu skipped, %s%zu failed%s", n,
          n == 1 ? "" : "s", sum->n_ok, sum->n_skipped,
          failed ? sgr(r, YS_SGR_RED) : "", sum->n_failed,
          failed ? sgr(r, YS_SGR_RESET) : "");
  /* `bench compare` measured nothing: no time to give. */
  if (sum->elapsed_s > 0)
    fprintf(r->out, " in %s",
            ys_units_duration(sum->elapsed_s * 1e9, t, sizeof(t)));
  /* On stdout with the figures, so that a saved copy says it too, not
   * only the terminal's stderr. */
  if (sum->interrupted_by != NULL)
    fprintf(r->out, " %s(interrupted by %s: partial, not judged)%s",
            sgr(r, YS_SGR_YELLOW), sum->interrupted_by, sgr(r, YS_SGR_RESET));
  fputc('\n', r->out);
  if (sum->compared) {
    char counts[512];
    bool regressed = sum->n_verdicts[YS_VERDICT_REGRESSED] > 0;
    /* --against compares with another build, not a saved baseline. */
    fputs(sum->against ? "vs " : "vs baseline ", r->out);
    ys_safe_text_write(r->out, sum->baseline_name != NULL ? sum->baseline_name
                                                          : "(unnamed)");
    fprintf(r->out, ": %s%s%s", regressed ? sgr(r, YS_SGR_RED) : "",
            ys_units_verdict_counts(sum->n_verdicts, counts, sizeof(counts)),
            regressed ? sgr(r, YS_SGR_RESET) : "");
    /* Why the run fails when nothing regressed. */
    if (sum->fail_on_inconclusive &&
        sum->n_verdicts[YS_VERDICT_INCONCLUSIVE] > 0)
      fputs(" (inconclusive fails this run: --fail-on-inconclusive)", r->out);
    fputc('\n', r->out);
  }
  /* Said last, where CI logs are read from, so a gate that compared
   * nothing is not mistaken for one that passed. */
  if (sum->missing_baseline != NULL)
    fprintf(r->out, "no baseline '%s' yet: reporting only\n",
            sum->missing_baseline);
}

/* Whether entry e was measured in this run (a missing benchmark's result
 * is the baseline's). */
static bool measured_now(const ys_report_entry *e) {
  return e->res->status == YS_BENCH_OK &&
         (e->cmp == NULL || e->cmp->verdict != YS_VERDICT_MISSING);
}

/* The sample size that fixes one iteration per sample for every benchmark
 * with that diagnostic: the smallest of their suggestions, 0 when one of
 * them has none (no sample size would fix it). */
static size_t common_suggestion(const ys_run_view *run) {
  size_t best = 0;
  for (size_t i = 0; i < run->n; i++) {
    const ys_report_entry *e = &run->entries[i];
    if (!measured_now(e) || (ys_notes_of(e->res) & YS_WARN_FEW_ITERATIONS) == 0)
      continue;
    size_t s = e->res->series[0].analysis.suggested_sample_size;
    if (s == 0) return 0;
    if (best == 0 || s < best) best = s;
  }
  return best;
}

/* The settings the benchmarks with diagnostic `bit` were measured with,
 * when they all share them. When they differ, some came from a
 * benchmark's own definition: no one figure fits them all, and a flag
 * would override every benchmark's, so the advice gets no figures (zero
 * settings) and names the fields (the union of their own marks). */
static ys_bench_settings common_settings(const console *r,
                                         const ys_run_view *run, unsigned bit) {
  ys_bench_settings common = ys_notes_run_settings(r->ctx);
  bool first = true, mixed = false;
  unsigned own = 0;
  for (size_t i = 0; i < run->n; i++) {
    const ys_report_entry *e = &run->entries[i];
    if (!measured_now(e) || (ys_notes_of(e->res) & bit) == 0) continue;
    ys_bench_settings s = settings_used(r, e->res);
    if (first) {
      common = s;
      first = false;
    } else if (s.rounds != common.rounds ||
               s.sample_size != common.sample_size ||
               s.measurement_time_s != common.measurement_time_s ||
               s.own != common.own) {
      mixed = true;
    }
    own |= s.own;
  }
  if (mixed) return (ys_bench_settings){.own = own};
  return common;
}

/* One kind of diagnostic at the end: which benchmarks (their names when
 * few), what it found, and the one piece of advice for the settings. */
static void write_note(const console *r, const ys_run_view *run, unsigned bit,
                       size_t n_with, size_t n_measured) {
  char found[512], advice[256];
  ys_bench_settings used = common_settings(r, run, bit);
  fprintf(r->out, "%s\xe2\x9a\xa0 %s%s: %zu of %zu benchmark%s",
          sgr(r, YS_SGR_YELLOW), ys_notes_words(bit), sgr(r, YS_SGR_RESET),
          n_with, n_measured, n_measured == 1 ? "" : "s");
  if (n_with <= YS_CONSOLE_NOTE_NAMES) {
    const char *sep = " (";
    for (size_t i = 0; i < run->n; i++) {
      const ys_report_entry *e = &run->entries[i];
      if (!measured_now(e) || (ys_notes_of(e->res) & bit) == 0) continue;
      fputs(sep, r->out);
      ys_safe_text_write(r->out, e->res->name);
      sep = ", ";
    }
    fputc(')', r->out);
  }
  fprintf(r->out, "\n    %s;\n    %s\n",
          ys_notes_finding(bit, NULL, r->ctx, found, sizeof(found)),
          ys_notes_advice(bit, common_suggestion(run), &used, advice,
                          sizeof(advice)));
}

/* Each kind of diagnostic once for the whole run, before the totals. */
static void write_notes(const console *r, const ys_run_view *run) {
  size_t n_measured = 0, n_with[YS_NOTE_COUNT] = {0};
  for (size_t i = 0; i < run->n; i++) {
    if (!measured_now(&run->entries[i])) continue;
    n_measured++;
    unsigned bits = ys_notes_of(run->entries[i].res);
    for (size_t k = 0; k < YS_NOTE_COUNT; k++)
      n_with[k] += (bits & ys_note_bits[k]) != 0;
  }
  bool any = false;
  for (size_t k = 0; k < YS_NOTE_COUNT; k++) {
    if (n_with[k] == 0) continue;
    if (!any) fprintf(r->out, "Notes:\n");
    any = true;
    write_note(r, run, ys_note_bits[k], n_with[k], n_measured);
  }
  if (any) fputc('\n', r->out);
}

/* How each BENCH_ARGS family grows with its parameter: one line per family
 * under a heading, and the warning of a fit that cannot be told from its
 * runner-up. Results, so shown with --quiet too. */
static void write_complexity(const console *r, const ys_run_view *run) {
  if (run->n_complexity == 0) return;
  char text[512];
  fputs("complexity (value per iteration \xe2\x89\x88 c \xc3\x97 f(n), n the "
        "parameter)\n",
        r->out);
  for (size_t i = 0; i < run->n_complexity; i++) {
    const ys_complexity_fit *f = &run->complexity[i];
    write_name(r, f->family);
    if (!f->fitted) {
      write_warning(r, ys_complexity_text_fit(f, text, sizeof(text)));
      continue;
    }
    fprintf(r->out, "%s\n", ys_complexity_text_fit(f, text, sizeof(text)));
    if (ys_complexity_text_tie(f, text, sizeof(text)) != NULL) {
      indent(r);
      write_warning(r, text);
    }
  }
  fputc('\n', r->out);
}

static int console_render(FILE *out, const ys_run_view *run,
                          const ys_report_style *style) {
  const console r = {.out = out,
                     .color = style->color,
                     .verbosity = style->verbosity,
                     .ctx = run->ctx};
  write_header(&r, run);
  for (size_t i = 0; i < run->n; i++)
    write_bench(&r, run->entries[i].res, run->entries[i].cmp,
                run->bases != NULL ? run->bases[i] : NULL);
  write_complexity(&r, run);
  ys_targets_text_console(out, run->targets, r.color);
  if (r.verbosity != YS_REPORT_QUIET) write_notes(&r, run);
  write_totals(&r, run->summary);
  return ys_report_finish(out, 0);
}

static const char *const console_extensions[] = {".txt", ".log", NULL};

/* Criterion-like text for a terminal; also chosen for "--output x.txt". */
const ys_report_ops ys_report_console = {
    .name = "console",
    .extensions = console_extensions,
    .render = console_render,
};
