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

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "../analysis/derived.h"
#include "../core/policy.h"
#include "units.h"

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
  const ys_context *ctx;
} console;

/* An escape sequence when colours are on, else nothing. */
static const char *sgr(const console *r, const char *code) {
  return r->color ? code : "";
}

/* Columns a name takes: one per UTF-8 character. */
static size_t text_columns(const char *s) {
  size_t n = 0;
  for (; *s != '\0'; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

static void indent(const console *r) {
  fprintf(r->out, "%*s", YS_CONSOLE_NAME_COLUMN, "");
}

/* Writes the name and moves to the estimate column, on the next line when
 * the name is too long to leave a space before it. */
static void write_name(const console *r, const char *name) {
  fprintf(r->out, "%s%s%s", sgr(r, YS_SGR_BOLD), name, sgr(r, YS_SGR_RESET));
  size_t cols = text_columns(name);
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

/* "[lo point hi]"; an interval of zero width, as deterministic counts
 * have, is one value: "[1,234,567 instructions]". */
static void write_interval(const console *r, const ys_series *s,
                           const ys_estimate *e) {
  char lo[YS_UNITS_BUF], point[YS_UNITS_BUF], hi[YS_UNITS_BUF];
  if (e->lo == e->point && e->point == e->hi) {
    fprintf(r->out, "[%s]\n", format_value(s, e->point, point, sizeof(point)));
    return;
  }
  fprintf(r->out, "[%s %s %s]\n", format_value(s, e->lo, lo, sizeof(lo)),
          format_value(s, e->point, point, sizeof(point)),
          format_value(s, e->hi, hi, sizeof(hi)));
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

static void write_outliers(const console *r, const ys_series *s) {
  const ys_outliers *o = &s->analysis.outliers;
  size_t n = s->n_samples;
  size_t k = o->low_severe + o->low_mild + o->high_mild + o->high_severe;
  if (k == 0 || n == 0) return;
  fprintf(r->out, "Found %zu outlier%s among %zu measurements (%.2f%%)\n", k,
          k == 1 ? "" : "s", n, 100.0 * (double)k / (double)n);
  write_outlier_class(r, o->low_severe, n, "low severe");
  write_outlier_class(r, o->low_mild, n, "low mild");
  write_outlier_class(r, o->high_mild, n, "high mild");
  write_outlier_class(r, o->high_severe, n, "high severe");
}

/* A fixed-point number, or "n/a" for NaN and infinities. */
static char *format_fixed(double v, int decimals, char *buf, size_t len) {
  if (isfinite(v))
    snprintf(buf, len, "%.*f", decimals, v);
  else
    snprintf(buf, len, "n/a");
  return buf;
}

/* Writes one warning line: what the diagnostic found and what to do. */
static void write_warning(const console *r, const char *text) {
  fprintf(r->out, "%swarning: %s%s\n", sgr(r, YS_SGR_YELLOW), text,
          sgr(r, YS_SGR_RESET));
}

static void write_warnings(const console *r, const ys_series *s) {
  const ys_analysis *a = &s->analysis;
  char text[512], num[YS_UNITS_BUF];
  if (a->warnings & YS_WARN_FEW_ITERATIONS) {
    if (a->suggested_sample_size > 0)
      snprintf(text, sizeof(text),
               "samples hold a single iteration, so timer overhead is part "
               "of each one; try --sample-size %zu",
               a->suggested_sample_size);
    else
      snprintf(text, sizeof(text),
               "samples hold a single iteration, so timer overhead is part "
               "of each one; try a smaller --sample-size");
    write_warning(r, text);
  }
  if (a->warnings & YS_WARN_SHORT_SAMPLES) {
    char res[YS_UNITS_BUF + 16] = "";
    if (r->ctx->clock_resolution_ns > 0)
      snprintf(
          res, sizeof(res), " (%s)",
          ys_units_duration(r->ctx->clock_resolution_ns, num, sizeof(num)));
    snprintf(text, sizeof(text),
             "samples are close to the clock resolution%s, results are "
             "imprecise; raise --measurement-time or lower --sample-size",
             res);
    write_warning(r, text);
  }
  if (a->warnings & YS_WARN_LOW_R_SQUARED) {
    snprintf(text, sizeof(text),
             "R\xc2\xb2 = %s, the linear fit is poor: timing is unstable; "
             "rerun on a quieter machine",
             format_fixed(a->r_squared, 3, num, sizeof(num)));
    write_warning(r, text);
  }
  if (a->warnings & YS_WARN_HIGH_VARIANCE) {
    snprintf(text, sizeof(text),
             "std dev is %s of the mean, samples vary a lot; close other "
             "programs or raise --measurement-time",
             ys_units_percent(a->std_dev.point / a->mean.point, 1, false, num,
                              sizeof(num)));
    write_warning(r, text);
  }
  if (a->warnings & YS_WARN_AUTOCORRELATED) {
    snprintf(text, sizeof(text),
             "consecutive samples are correlated (lag-1 = %s), the machine "
             "was drifting; more --rounds spread the drift out",
             format_fixed(a->lag1_autocorrelation, 2, num, sizeof(num)));
    write_warning(r, text);
  }
  if (a->warnings & YS_WARN_NOISY_ROUNDS) {
    char factor[YS_UNITS_BUF];
    snprintf(text, sizeof(text),
             "%s of rounds ran > %s slower than the fastest, the machine "
             "was noisy; rerun on a quieter machine or raise --rounds",
             ys_units_percent(a->noisy_round_share, 0, false, num, sizeof(num)),
             ys_units_percent(YS_POLICY_NOISY_FACTOR - 1, 0, false, factor,
                              sizeof(factor)));
    write_warning(r, text);
  }
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
static void write_other_series(const console *r, const ys_series *s) {
  indent(r);
  write_label(r, s->metric != NULL ? s->metric : "other");
  write_interval(r, s, ys_analysis_headline(&s->analysis));
}

/* The colour of a verdict: red fails the run, green is good news, yellow
 * is worth a look; none for the rest. */
static const char *verdict_color(ys_verdict v) {
  switch (v) {
  case YS_VERDICT_REGRESSED:
    return YS_SGR_RED;
  case YS_VERDICT_IMPROVED:
    return YS_SGR_GREEN;
  case YS_VERDICT_POSSIBLY_REGRESSED:
  case YS_VERDICT_POSSIBLY_IMPROVED:
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
  if (cmp->confirmed) fprintf(r->out, ", confirmed by re-measuring");
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
  char a[YS_UNITS_BUF], b[YS_UNITS_BUF], c[YS_UNITS_BUF], d[YS_UNITS_BUF];
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
    fprintf(r->out, "min %s \xc2\xb7 median %s [%s %s] \xc2\xb7 p %s%s",
            ys_units_percent(cmp->change, 2, true, a, sizeof(a)),
            ys_units_percent(cmp->median_change, 2, true, b, sizeof(b)),
            ys_units_percent(cmp->change_ci.lo, 2, true, c, sizeof(c)),
            ys_units_percent(cmp->change_ci.hi, 2, true, d, sizeof(d)),
            /* "p < 0.001" reads better than "p = < 0.001". */
            p[0] == '<' ? "" : "= ", p);
  }
  write_verdict(r, cmp);
  fputc('\n', r->out);
}

static void write_ok(const console *r, const ys_bench_result *res,
                     const ys_comparison *cmp) {
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
  if (s0->n_rounds > 0) write_rounds(r, s0);
  if (cmp != NULL) write_change(r, cmp);
  for (size_t i = 1; i < res->n_series; i++)
    write_other_series(r, &res->series[i]);
  write_derived(r, res);
  write_outliers(r, s0);
  write_warnings(r, s0);
}

/* The run's line at the top, and warnings about the machine or build. */
static void write_header(const console *r) {
  FILE *out = r->out;
  const ys_context *ctx = r->ctx;
  char a[YS_UNITS_BUF], b[YS_UNITS_BUF];
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
  fprintf(out,
          " \xc2\xb7 %zu round%s \xc3\x97 %zu sample%s \xc2\xb7 seed %" PRIu64
          "\n",
          ctx->rounds, ctx->rounds == 1 ? "" : "s", ctx->sample_size,
          ctx->sample_size == 1 ? "" : "s", ctx->seed);
  if (ctx->cpu_scaling_enabled)
    write_warning(r, "CPU frequency scaling is enabled, so timings follow the "
                     "clock speed; set the governor to \"performance\"");
  if (ctx->build_type != NULL && strcmp(ctx->build_type, "debug") == 0)
    write_warning(r, "yardstick was built for debugging, its own overhead is "
                     "higher; build it in release mode");
  fputc('\n', out);
}

/* One benchmark: its name, then its figures or why there are none. */
static void write_bench(const console *r, const ys_bench_result *res,
                        const ys_comparison *cmp) {
  write_name(r, res->name);
  if (cmp != NULL && cmp->verdict == YS_VERDICT_MISSING) {
    /* `res` is the baseline's result: nothing of it was measured now. */
    char base[YS_UNITS_BUF] = "";
    if (cmp->base_rounds > 0 && cmp->unit != NULL) {
      ys_series s = {.unit = cmp->unit, .kind = cmp->kind};
      format_value(&s, cmp->base_min, base, sizeof(base));
    }
    fprintf(r->out, "missing: in the baseline%s%s, not in this run\n",
            base[0] != '\0' ? " at " : "", base);
    fputc('\n', r->out);
    return;
  }
  switch (res->status) {
  case YS_BENCH_OK:
    write_ok(r, res, cmp);
    break;
  case YS_BENCH_SKIPPED:
    fprintf(r->out, "skipped%s%s\n", res->message[0] != '\0' ? ": " : "",
            res->message);
    break;
  case YS_BENCH_FAILED:
    fprintf(r->out, "%sFAILED%s%s%s\n", sgr(r, YS_SGR_RED),
            sgr(r, YS_SGR_RESET), res->message[0] != '\0' ? ": " : "",
            res->message);
    break;
  }
  fputc('\n', r->out);
}

/* The totals, and the verdict counts against a baseline. */
static void write_totals(const console *r, const ys_summary *sum) {
  char t[YS_UNITS_BUF];
  size_t n = sum->n_ok + sum->n_skipped + sum->n_failed;
  bool failed = sum->n_failed > 0;
  fprintf(r->out,
          "%zu benchmark%s: %zu ok, %zu skipped, %s%zu failed%s in %s\n", n,
          n == 1 ? "" : "s", sum->n_ok, sum->n_skipped,
          failed ? sgr(r, YS_SGR_RED) : "", sum->n_failed,
          failed ? sgr(r, YS_SGR_RESET) : "",
          ys_units_duration(sum->elapsed_s * 1e9, t, sizeof(t)));
  if (sum->compared) {
    char counts[512];
    bool regressed = sum->n_verdicts[YS_VERDICT_REGRESSED] > 0;
    fprintf(r->out, "vs baseline %s: %s%s%s\n",
            sum->baseline_name != NULL ? sum->baseline_name : "(unnamed)",
            regressed ? sgr(r, YS_SGR_RED) : "",
            ys_units_verdict_counts(sum->n_verdicts, counts, sizeof(counts)),
            regressed ? sgr(r, YS_SGR_RESET) : "");
  }
}

static int console_render(FILE *out, const ys_run_view *run,
                          const ys_report_style *style) {
  const console r = {.out = out, .color = style->color, .ctx = run->ctx};
  write_header(&r);
  for (size_t i = 0; i < run->n; i++)
    write_bench(&r, run->entries[i].res, run->entries[i].cmp);
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
