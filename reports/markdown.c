/*
 * markdown.c — a GitHub-flavoured Markdown summary for CI, meant to be
 * appended to $GITHUB_STEP_SUMMARY (docs/interop.md, "Markdown for CI").
 *
 * Against a baseline it leads with what needs attention:
 *
 *     ## yardstick: ❌ 1 regressed, 1 improved, 37 unchanged
 *
 *     Compared with baseline `main` (saved 2026-11-22T10:00:00Z on host ci).
 *
 *     | Benchmark | Baseline | Now | Change | p | Verdict |
 *     ...regressed first, then possibly regressed, improved, ...
 *
 *     <details><summary>37 unchanged</summary>
 *     ...the same table for the unchanged ones...
 *     </details>
 *
 * then failed and skipped benchmarks with their messages, and a footnote
 * saying how it was measured. Without a baseline the table lists every
 * benchmark's estimate instead.
 *
 * The headline and the ordering need every row, so the bench hook only
 * copies what a row shows and the end hook writes the document. Tables are
 * capped (YS_MARKDOWN_MAX_ROWS) to stay far below GitHub's 1 MiB limit on a
 * step summary.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "units.h"

/* Rows per table (and items per list) before "… and N more". */
#define YS_MARKDOWN_MAX_ROWS 200

/* What one row shows: a copy, since results are not kept after the bench
 * hook returns. */
typedef struct md_row {
  char name[YS_NAME_MAX];
  ys_bench_status status;
  char message[YS_MESSAGE_MAX];
  bool has_cmp;
  ys_comparison cmp;
  /* The primary series, for the table of a run without a baseline. */
  bool has_series;
  const char *unit;    /* static storage */
  ys_metric_kind kind; /* of the primary metric */
  ys_estimate headline;
  double round_min;
  double round_median;
  double noisy_share;
  size_t n_rounds;
} md_row;

/* Everything kept between begin and end, in r->data. */
typedef struct md_state {
  ys_context ctx; /* a copy of the current run's context */
  md_row *rows;
  size_t n_rows;
  size_t cap_rows;
  size_t lost; /* rows that could not be stored for want of memory */
} md_state;

/* The open report's state; NULL when begin could not allocate. */
static md_state *md_state_of(const ys_report *r) {
  return r->data;
}

/* ---- text ----------------------------------------------------------- */

/* Writes `s` as plain Markdown text: every ASCII character with a meaning
 * in Markdown or HTML is backslash-escaped, and line breaks become spaces
 * so that a message cannot end a list item or a table row. */
static void md_text(FILE *out, const char *s) {
  if (s == NULL) return;
  for (; *s != '\0'; s++) {
    if (*s == '\n' || *s == '\r' || *s == '\t') {
      fputc(' ', out);
      continue;
    }
    if (strchr("\\`*_[]<>|~&#!", *s) != NULL) fputc('\\', out);
    fputc(*s, out);
  }
}

/* Writes `s` as a code span. The fence is one backtick longer than the
 * longest run inside, padded with spaces when `s` starts or ends with a
 * backtick. In a table a '|' must be escaped even inside code (GitHub
 * splits cells before it parses code spans); outside one the backslash
 * would show, so `in_table` says which applies. */
static void md_code(FILE *out, const char *s, bool in_table) {
  size_t longest = 0, run = 0;
  for (const char *p = s; *p != '\0'; p++) {
    run = *p == '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  size_t len = strlen(s);
  bool pad = len > 0 && (s[0] == '`' || s[len - 1] == '`');
  for (size_t i = 0; i <= longest; i++)
    fputc('`', out);
  if (pad) fputc(' ', out);
  for (const char *p = s; *p != '\0'; p++) {
    if (*p == '\n' || *p == '\r' || *p == '\t') {
      fputc(' ', out);
      continue;
    }
    if (*p == '|' && in_table) fputc('\\', out);
    fputc(*p, out);
  }
  if (pad) fputc(' ', out);
  for (size_t i = 0; i <= longest; i++)
    fputc('`', out);
}

/* A per-iteration value in its unit: durations scaled, anything else (exact
 * counts included) with thousands separators from 1000 on. */
static char *md_value(ys_metric_kind kind, const char *unit, double v,
                      char *buf, size_t len) {
  return ys_units_metric_value(kind, v, unit, buf, len);
}

/* A signed percentage with one decimal and no " %" ("+10.1"), for the
 * bounds printed after a change that already names the unit. */
static char *md_bare_percent(double ratio, char *buf, size_t len) {
  ys_units_percent(ratio, 1, true, buf, len);
  size_t n = strlen(buf);
  if (n > 2 && strcmp(buf + n - 2, " %") == 0) buf[n - 2] = '\0';
  return buf;
}

/* The threshold as a percentage with no more decimals than it has:
 * 0.05 → "5 %", 0.025 → "2.5 %". */
static char *md_threshold(double t, char *buf, size_t len) {
  int decimals = 0;
  while (decimals < 3 && fabs(t * 100 * pow(10, decimals) -
                              round(t * 100 * pow(10, decimals))) > 1e-6)
    decimals++;
  return ys_units_percent(t, decimals, false, buf, len);
}

/* ---- rows ----------------------------------------------------------- */

/* Table order: what fails the run first, then what merely needs a look. */
static const ys_verdict md_attention_order[] = {
    YS_VERDICT_REGRESSED,    YS_VERDICT_POSSIBLY_REGRESSED,
    YS_VERDICT_IMPROVED,     YS_VERDICT_POSSIBLY_IMPROVED,
    YS_VERDICT_NEW,          YS_VERDICT_MISSING,
    YS_VERDICT_NOT_COMPARED,
};

/* The marker before a verdict's name, "" for none. */
static const char *md_marker(ys_verdict v) {
  switch (v) {
  case YS_VERDICT_REGRESSED:
    return "\xe2\x9d\x8c "; /* ❌ */
  case YS_VERDICT_POSSIBLY_REGRESSED:
    return "\xe2\x9a\xa0\xef\xb8\x8f "; /* ⚠️ */
  case YS_VERDICT_IMPROVED:
  case YS_VERDICT_POSSIBLY_IMPROVED:
    return "\xe2\x9c\x85 "; /* ✅ */
  case YS_VERDICT_NEW:
    return "\xf0\x9f\x86\x95 "; /* 🆕 */
  case YS_VERDICT_MISSING:
    return "\xe2\x9e\x96 "; /* ➖ */
  case YS_VERDICT_NOT_COMPARED:
    return "\xe2\x9d\x94 "; /* ❔ */
  case YS_VERDICT_UNCHANGED:
  case YS_VERDICT_COUNT:
    break;
  }
  return "";
}

/* "| Benchmark | Baseline | Now | Change | p | Verdict |" and its
 * alignment row: numbers right-aligned. */
static void md_comparison_head(FILE *out) {
  fputs("| Benchmark | Baseline | Now | Change | p | Verdict |\n"
        "|---|---:|---:|---:|---:|---|\n",
        out);
}

static void md_comparison_row(FILE *out, const md_row *row) {
  const ys_comparison *c = &row->cmp;
  char base[YS_UNITS_BUF] = "\xe2\x80\x93", now[YS_UNITS_BUF] = "\xe2\x80\x93";
  char change[YS_UNITS_BUF], lo[YS_UNITS_BUF], hi[YS_UNITS_BUF];
  char p[YS_UNITS_BUF] = "\xe2\x80\x93"; /* – */
  if (c->base_rounds > 0) md_value(c->kind, c->unit, c->base_min, base, sizeof(base));
  if (c->new_rounds > 0) md_value(c->kind, c->unit, c->new_min, now, sizeof(now));
  bool has_change = ys_units_verdict_has_change(c->verdict);
  if (has_change && isfinite(c->p_value))
    ys_units_p_value(c->p_value, p, sizeof(p));

  fputs("| ", out);
  md_code(out, row->name, true);
  fprintf(out, " | %s | %s | ", base, now);
  if (!has_change) {
    fputs("\xe2\x80\x93", out);
  } else {
    fputs(ys_units_percent(c->change, 1, true, change, sizeof(change)), out);
    /* Counts have no interval; the median's CI backs the min's change. */
    if (!c->exact && isfinite(c->change_ci.lo) &&
        isfinite(c->change_ci.hi))
      fprintf(out, " <sub>(%s \xe2\x80\xa6 %s)</sub>",
              md_bare_percent(c->change_ci.lo, lo, sizeof(lo)),
              md_bare_percent(c->change_ci.hi, hi, sizeof(hi)));
  }
  fprintf(out, " | %s | %s%s", p, md_marker(c->verdict),
          ys_verdict_name(c->verdict));
  if (c->confirmed && c->noisy)
    fputs(" (confirmed, noisy)", out);
  else if (c->confirmed)
    fputs(" (confirmed)", out);
  else if (c->noisy)
    fputs(" (noisy)", out);
  fputs(" |\n", out);
}

/* Writes the rows with verdict `v` in arrival (name) order, counting
 * against the table's cap: `*shown` rows are already in the table and
 * `*hidden` collects those left out. */
static void md_comparison_group(FILE *out, const md_state *st, ys_verdict v,
                                size_t *shown, size_t *hidden) {
  for (size_t i = 0; i < st->n_rows; i++) {
    const md_row *row = &st->rows[i];
    if (!row->has_cmp || row->cmp.verdict != v) continue;
    if (*shown < YS_MARKDOWN_MAX_ROWS) {
      md_comparison_row(out, row);
      (*shown)++;
    } else {
      (*hidden)++;
    }
  }
}

static void md_more(FILE *out, size_t hidden) {
  if (hidden > 0) fprintf(out, "\n\xe2\x80\xa6 and %zu more\n", hidden);
}

static size_t md_count_verdict(const md_state *st, ys_verdict v) {
  size_t n = 0;
  for (size_t i = 0; i < st->n_rows; i++)
    n += st->rows[i].has_cmp && st->rows[i].cmp.verdict == v;
  return n;
}

/* The benchmarks that need attention; nothing when there are none. */
static void md_attention_table(FILE *out, const md_state *st) {
  size_t total = 0;
  for (size_t k = 0; k < sizeof(md_attention_order) / sizeof(ys_verdict); k++)
    total += md_count_verdict(st, md_attention_order[k]);
  if (total == 0) return;
  size_t shown = 0, hidden = 0;
  fputc('\n', out);
  md_comparison_head(out);
  for (size_t k = 0; k < sizeof(md_attention_order) / sizeof(ys_verdict); k++)
    md_comparison_group(out, st, md_attention_order[k], &shown, &hidden);
  md_more(out, hidden);
}

/* The unchanged benchmarks, collapsed: they matter only when asked. The
 * blank line after <summary> lets GitHub parse the table inside. */
static void md_unchanged_table(FILE *out, const md_state *st) {
  size_t n = md_count_verdict(st, YS_VERDICT_UNCHANGED);
  if (n == 0) return;
  size_t shown = 0, hidden = 0;
  fprintf(out, "\n<details><summary>%zu unchanged</summary>\n\n", n);
  md_comparison_head(out);
  md_comparison_group(out, st, YS_VERDICT_UNCHANGED, &shown, &hidden);
  md_more(out, hidden);
  fputs("\n</details>\n", out);
}

/* Without a baseline: every measured benchmark's estimate. */
static void md_results_table(FILE *out, const md_state *st) {
  size_t shown = 0, hidden = 0;
  for (size_t i = 0; i < st->n_rows; i++) {
    const md_row *row = &st->rows[i];
    if (row->status != YS_BENCH_OK || !row->has_series) continue;
    if (shown == YS_MARKDOWN_MAX_ROWS) {
      hidden++;
      continue;
    }
    if (shown == 0)
      fputs("\n| Benchmark | Estimate | Interval | Fastest round "
            "| Median round | Noisy rounds |\n"
            "|---|---:|---:|---:|---:|---:|\n",
            out);
    char est[YS_UNITS_BUF], lo[YS_UNITS_BUF], hi[YS_UNITS_BUF];
    char min[YS_UNITS_BUF], median[YS_UNITS_BUF], noisy[YS_UNITS_BUF];
    fputs("| ", out);
    md_code(out, row->name, true);
    fprintf(out, " | %s | ",
            md_value(row->kind, row->unit, row->headline.point, est, sizeof(est)));
    /* Exact counts have an interval of zero width: nothing to show. */
    if (row->headline.lo == row->headline.hi)
      fputs("\xe2\x80\x93 | ", out);
    else
      fprintf(out, "%s \xe2\x80\xa6 %s | ",
              md_value(row->kind, row->unit, row->headline.lo, lo, sizeof(lo)),
              md_value(row->kind, row->unit, row->headline.hi, hi, sizeof(hi)));
    if (row->n_rounds > 0)
      fprintf(
          out, "%s | %s | %s |\n",
          md_value(row->kind, row->unit, row->round_min, min, sizeof(min)),
          md_value(row->kind, row->unit, row->round_median, median, sizeof(median)),
          ys_units_percent(row->noisy_share, 0, false, noisy, sizeof(noisy)));
    else
      fputs("\xe2\x80\x93 | \xe2\x80\x93 | \xe2\x80\x93 |\n", out);
    shown++;
  }
  md_more(out, hidden);
}

/* Failed and skipped benchmarks of this run, with their reasons. A missing
 * benchmark's result is the baseline's, so it is not one of them. */
static void md_problems(FILE *out, const md_state *st) {
  size_t shown = 0, hidden = 0;
  for (size_t i = 0; i < st->n_rows; i++) {
    const md_row *row = &st->rows[i];
    if (row->status == YS_BENCH_OK ||
        (row->has_cmp && row->cmp.verdict == YS_VERDICT_MISSING))
      continue;
    if (shown == YS_MARKDOWN_MAX_ROWS) {
      hidden++;
      continue;
    }
    if (shown == 0) fputs("\n**Failed or skipped in this run**\n\n", out);
    fputs("- ", out);
    md_code(out, row->name, false);
    fputs(row->status == YS_BENCH_FAILED ? " failed" : " skipped", out);
    if (row->message[0] != '\0') {
      fputs(": ", out);
      md_text(out, row->message);
    }
    fputc('\n', out);
    shown++;
  }
  md_more(out, hidden);
}

/* ---- header and footer ---------------------------------------------- */

static void md_headline(FILE *out, const md_state *st, const ys_summary *sum) {
  size_t n_failed = sum != NULL ? sum->n_failed : 0;
  size_t n_skipped = sum != NULL ? sum->n_skipped : 0;
  if (sum != NULL && sum->compared) {
    char counts[512];
    /* A failure is as much a reason to look as a regression. */
    bool bad = sum->n_verdicts[YS_VERDICT_REGRESSED] > 0 || n_failed > 0;
    fprintf(out, "## yardstick: %s %s", bad ? "\xe2\x9d\x8c" : "\xe2\x9c\x85",
            ys_units_verdict_counts(sum->n_verdicts, counts, sizeof(counts)));
    if (n_failed > 0) fprintf(out, ", %zu failed", n_failed);
    fputc('\n', out);
    return;
  }
  size_t n = sum != NULL ? sum->n_ok + n_skipped + n_failed : st->n_rows;
  fprintf(out, "## yardstick: %s%zu benchmark%s",
          n_failed > 0 ? "\xe2\x9d\x8c " : "", n, n == 1 ? "" : "s");
  if (n_skipped > 0) fprintf(out, ", %zu skipped", n_skipped);
  if (n_failed > 0) fprintf(out, ", %zu failed", n_failed);
  fputc('\n', out);
}

static bool md_same(const char *a, const char *b) {
  return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* Where the baseline came from, and a warning when it ran on another
 * machine or build, where a change may be the machine's and not the
 * code's. */
static void md_baseline(FILE *out, const md_state *st, const ys_summary *sum) {
  const ys_context *base = sum->baseline_ctx;
  fputs("\nCompared with baseline ", out);
  md_code(out, sum->baseline_name != NULL ? sum->baseline_name : "", false);
  if (base != NULL && (base->date[0] != '\0' || base->host_name[0] != '\0')) {
    fputs(" (saved", out);
    if (base->date[0] != '\0') fprintf(out, " %s", base->date);
    if (base->host_name[0] != '\0') {
      fputs(" on host ", out);
      md_text(out, base->host_name);
    }
    fputc(')', out);
  }
  fputs(".\n", out);
  if (base == NULL) return;

  const struct {
    const char *label;
    const char *was;
    const char *now;
  } fields[] = {
      {"host", base->host_name, st->ctx.host_name},
      {"cpu", base->cpu_model, st->ctx.cpu_model},
      {"compiler", base->compiler, st->ctx.compiler},
      {"build", base->build_type, st->ctx.build_type},
      {"collector", base->collector, st->ctx.collector},
  };
  size_t n_diff = 0;
  for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
    if (md_same(fields[i].was, fields[i].now)) continue;
    fputs(n_diff == 0
              ? "\n> \xe2\x9a\xa0\xef\xb8\x8f The baseline was measured "
                "on a different machine or compiler ("
              : "; ",
          out);
    fprintf(out, "%s: ", fields[i].label);
    md_text(out, fields[i].was != NULL ? fields[i].was : "");
    fputs(" \xe2\x86\x92 ", out);
    md_text(out, fields[i].now != NULL ? fields[i].now : "");
    n_diff++;
  }
  if (n_diff > 0) fputs("); changes may reflect that.\n", out);
}

/* The threshold of the comparisons, from the first one that decided
 * something; NaN when none did. */
static double md_threshold_of(const md_state *st) {
  for (size_t i = 0; i < st->n_rows; i++)
    if (st->rows[i].has_cmp &&
        ys_units_verdict_has_change(st->rows[i].cmp.verdict))
      return st->rows[i].cmp.threshold;
  return NAN;
}

/* How it was measured, in one italic line. */
static void md_footnote(FILE *out, const md_state *st, bool compared) {
  fprintf(out, "\n*%zu round%s \xc3\x97 %zu sample%s per benchmark",
          st->ctx.rounds, st->ctx.rounds == 1 ? "" : "s", st->ctx.sample_size,
          st->ctx.sample_size == 1 ? "" : "s");
  if (compared) {
    double t = md_threshold_of(st);
    char buf[YS_UNITS_BUF];
    if (isfinite(t))
      fprintf(out, ", threshold %s", md_threshold(t, buf, sizeof(buf)));
    fputs("; the change is that of the fastest round (min), the CI that of "
          "the median.*\n",
          out);
  } else {
    fputs("; the estimate is the slope over the samples (else their mean) "
          "with its bootstrap interval.*\n",
          out);
  }
}

/* ---- hooks ---------------------------------------------------------- */

static void md_begin(ys_report *r, const ys_context *ctx) {
  md_state *st = calloc(1, sizeof(*st));
  /* NULL marks the report as unable to keep rows; end says so. */
  r->data = st;
  if (st != NULL && ctx != NULL) st->ctx = *ctx;
}

/* Makes room for one more row; false when memory ran out. */
static bool md_grow(md_state *st) {
  if (st->n_rows < st->cap_rows) return true;
  size_t cap = st->cap_rows > 0 ? 2 * st->cap_rows : 64;
  if (cap > SIZE_MAX / sizeof(*st->rows)) return false;
  md_row *rows = realloc(st->rows, cap * sizeof(*rows));
  if (rows == NULL) return false;
  st->rows = rows;
  st->cap_rows = cap;
  return true;
}

static void md_bench(ys_report *r, const ys_bench_result *res,
                     const ys_comparison *cmp) {
  md_state *st = md_state_of(r);
  if (st == NULL) return;
  if (!md_grow(st)) {
    st->lost++;
    return;
  }
  md_row *row = &st->rows[st->n_rows++];
  memset(row, 0, sizeof(*row));
  snprintf(row->name, sizeof(row->name), "%s", res->name);
  snprintf(row->message, sizeof(row->message), "%s", res->message);
  row->status = res->status;
  if (cmp != NULL) {
    row->has_cmp = true;
    row->cmp = *cmp;
  }
  if (res->n_series > 0 && res->series != NULL) {
    const ys_series *s = &res->series[0];
    const ys_analysis *a = &s->analysis;
    row->has_series = true;
    row->unit = s->unit;
    row->kind = s->kind;
    row->headline = *ys_analysis_headline(a);
    row->round_min = a->round_min;
    row->round_median = a->round_median;
    row->noisy_share = a->noisy_round_share;
    row->n_rounds = s->n_rounds;
  }
}

static void md_end(ys_report *r, const ys_summary *sum) {
  FILE *out = r->out;
  md_state *st = md_state_of(r);
  if (st == NULL) {
    fputs("## yardstick: the summary could not be written (out of memory)\n",
          out);
    fflush(out);
    return;
  }
  bool compared = sum != NULL && sum->compared;
  md_headline(out, st, sum);
  if (compared) {
    md_baseline(out, st, sum);
    md_attention_table(out, st);
    md_unchanged_table(out, st);
  } else {
    md_results_table(out, st);
  }
  md_problems(out, st);
  if (st->lost > 0)
    fprintf(out,
            "\n%zu benchmark%s could not be listed: out of memory while "
            "writing this summary.\n",
            st->lost, st->lost == 1 ? "" : "s");
  md_footnote(out, st, compared);
  fflush(out);
  free(st->rows);
  free(st);
  r->data = NULL;
}

/* GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY; "--output x.md". */
const ys_report_ops ys_report_markdown = {
    .name = "markdown",
    .extension = "md",
    .begin = md_begin,
    .bench = md_bench,
    .end = md_end,
};
