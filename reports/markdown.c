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
 *     ...regressed first, then inconclusive, improved, ...
 *
 *     <details><summary>37 unchanged</summary>
 *     ...the same table for the unchanged ones...
 *     </details>
 *
 * then failed and skipped benchmarks with their messages, and a footnote
 * saying how it was measured. Without a baseline the table lists every
 * benchmark's estimate instead.
 *
 * The headline and the ordering need every row, which the whole run at
 * hand gives. Tables are capped (YS_MARKDOWN_MAX_ROWS) to stay far below
 * GitHub's 1 MiB limit on a step summary.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "complexity_text.h"
#include "targets_text.h"
#include "../core/policy.h"
#include "function_changes.h"
#include "group_text.h"
#include "report.h"
#include "safe_text.h"
#include "latency_markdown.h"
#include "metric_verdicts.h"
#include "units.h"

/* Rows per table (and items per list) before "… and N more". */
#define YS_MARKDOWN_MAX_ROWS 200

/* The primary series of an entry, or NULL when nothing was measured. */
static const ys_series *md_primary(const ys_report_entry *e) {
  return e->res->n_series > 0 ? e->res->series : NULL;
}

/* Whether the entry was compared and got verdict `v`. */
static bool md_has_verdict(const ys_report_entry *e, ys_verdict v) {
  return e->cmp != NULL && e->cmp->verdict == v;
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
    size_t n = ys_safe_text_utf8_len(s);
    if ((unsigned char)*s < 0x20 || *s == 0x7f || n == 0) {
      fprintf(out, "\\x%02x", (unsigned char)*s); /* never raw: see md_code */
      continue;
    }
    if (n > 1) {
      fwrite(s, 1, n, out);
      s += n - 1;
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
    /* A control character would reach whoever reads the file in a
     * terminal (an escape sequence from a baseline's names), and a byte of
     * invalid UTF-8 would break the file's encoding: both escaped. */
    size_t n = ys_safe_text_utf8_len(p);
    if ((unsigned char)*p < 0x20 || *p == 0x7f || n == 0) {
      fprintf(out, "\\x%02x", (unsigned char)*p);
      continue;
    }
    if (n > 1) {
      fwrite(p, 1, n, out);
      p += n - 1;
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

/* ---- rows ----------------------------------------------------------- */

/* Table order: what fails the run first, then what merely needs a look. */
static const ys_verdict md_attention_order[] = {
    YS_VERDICT_REGRESSED, YS_VERDICT_INCONCLUSIVE, YS_VERDICT_IMPROVED,
    YS_VERDICT_NEW,       YS_VERDICT_MISSING,      YS_VERDICT_NOT_COMPARED,
};

/* The marker before a verdict's name, "" for none. */
static const char *md_marker(ys_verdict v) {
  switch (v) {
  case YS_VERDICT_REGRESSED:
    return "\xe2\x9d\x8c "; /* ❌ */
  case YS_VERDICT_INCONCLUSIVE:
    return "\xe2\x9a\xa0\xef\xb8\x8f "; /* ⚠️ */
  case YS_VERDICT_IMPROVED:
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

static void md_comparison_row(FILE *out, const ys_report_entry *e) {
  const ys_comparison *c = e->cmp;
  char base[YS_UNITS_BUF] = "\xe2\x80\x93", now[YS_UNITS_BUF] = "\xe2\x80\x93";
  char change[YS_UNITS_BUF], lo[YS_UNITS_BUF], hi[YS_UNITS_BUF];
  char p[YS_UNITS_BUF] = "\xe2\x80\x93"; /* – */
  if (c->base_rounds > 0)
    md_value(c->kind, c->unit, c->base_estimate, base, sizeof(base));
  if (c->new_rounds > 0)
    md_value(c->kind, c->unit, c->new_estimate, now, sizeof(now));
  bool has_change = ys_units_verdict_has_change(c->verdict);
  if (has_change && isfinite(c->p_value))
    ys_units_p_value(c->p_value, p, sizeof(p));

  fputs("| ", out);
  md_code(out, e->res->name, true);
  fprintf(out, " | %s | %s | ", base, now);
  if (!has_change) {
    fputs("\xe2\x80\x93", out);
  } else {
    fputs(ys_units_percent(c->change, 1, true, change, sizeof(change)), out);
    /* Counts have no interval; a time's interval always contains it. */
    if (!c->exact && isfinite(c->change_ci.lo) && isfinite(c->change_ci.hi))
      fprintf(out, " <sub>(%s \xe2\x80\xa6 %s)</sub>",
              md_bare_percent(c->change_ci.lo, lo, sizeof(lo)),
              md_bare_percent(c->change_ci.hi, hi, sizeof(hi)));
  }
  fprintf(out, " | %s | %s%s", p, md_marker(c->verdict),
          ys_verdict_name(c->verdict));
  /* A gated metric other than the primary one made it regressed: the row
   * names it, or the change beside would not explain the verdict. */
  char crossed[512];
  if (c->verdict == YS_VERDICT_REGRESSED &&
      ys_metric_verdicts_crossed(c, 1, crossed, sizeof(crossed))) {
    fputs(": ", out);
    md_text(out, crossed);
  }
  /* "confirmed" only where it confirms something: a regression that held
   * on its second measurement. An inconclusive verdict stays one. The
   * notes below the table say why a change is that of CPU time. */
  const char *quals[5];
  size_t n_quals = 0;
  char band[YS_UNITS_BUF + 8], pct[YS_UNITS_BUF];
  if (has_change && c->band_checked && !c->exact && isfinite(c->band)) {
    snprintf(band, sizeof(band), "band %s",
             ys_units_percent(c->band, 1, false, pct, sizeof(pct)));
    quals[n_quals++] = band;
  }
  if (c->remeasured && c->verdict == YS_VERDICT_REGRESSED)
    quals[n_quals++] = "confirmed";
  if (c->contended && has_change) quals[n_quals++] = "CPU time";
  if (ys_units_within_threshold(c))
    quals[n_quals++] =
        ys_units_band_decides(c) ? "within noise band" : "within threshold";
  if (c->noisy) quals[n_quals++] = "noisy";
  for (size_t q = 0; q < n_quals; q++)
    fprintf(out, "%s%s", q == 0 ? " (" : ", ", quals[q]);
  if (n_quals > 0) fputc(')', out);
  fputs(" |\n", out);
}

/* Writes the rows with verdict `v` in arrival (name) order, counting
 * against the table's cap: `*shown` rows are already in the table and
 * `*hidden` collects those left out. */
static void md_comparison_group(FILE *out, const ys_run_view *run, ys_verdict v,
                                size_t *shown, size_t *hidden) {
  for (size_t i = 0; i < run->n; i++) {
    if (!md_has_verdict(&run->entries[i], v)) continue;
    if (*shown < YS_MARKDOWN_MAX_ROWS) {
      md_comparison_row(out, &run->entries[i]);
      (*shown)++;
    } else {
      (*hidden)++;
    }
  }
}

static void md_more(FILE *out, size_t hidden) {
  if (hidden > 0) fprintf(out, "\n\xe2\x80\xa6 and %zu more\n", hidden);
}

static size_t md_count_verdict(const ys_run_view *run, ys_verdict v) {
  size_t n = 0;
  for (size_t i = 0; i < run->n; i++)
    n += md_has_verdict(&run->entries[i], v);
  return n;
}

/* The benchmarks that need attention; nothing when there are none. */
static void md_attention_table(FILE *out, const ys_run_view *run) {
  size_t total = 0;
  for (size_t k = 0; k < sizeof(md_attention_order) / sizeof(ys_verdict); k++)
    total += md_count_verdict(run, md_attention_order[k]);
  if (total == 0) return;
  size_t shown = 0, hidden = 0;
  fputc('\n', out);
  md_comparison_head(out);
  for (size_t k = 0; k < sizeof(md_attention_order) / sizeof(ys_verdict); k++)
    md_comparison_group(out, run, md_attention_order[k], &shown, &hidden);
  md_more(out, hidden);
}

/* Whether a comparison was made on CPU time because the CPU was shared. */
static bool md_contended(const ys_report_entry *e) {
  return e->cmp != NULL && e->cmp->contended &&
         ys_units_verdict_has_change(e->cmp->verdict);
}

/* The most benchmarks the CPU-time note lists one by one; past it, one
 * line with the range of shares says the same in less room. */
#define MD_CONTENTION_LISTED 3

/* Says which comparisons were made on CPU time because another process
 * shared the CPU, with the shares: a reader must know the machine was
 * busy. A few are listed; many are summed up in one line. */
static void md_contention(FILE *out, const ys_run_view *run) {
  size_t n = 0;
  double lo = 1.0, hi = 0.0;
  for (size_t i = 0; i < run->n; i++) {
    const ys_report_entry *e = &run->entries[i];
    if (!md_contended(e)) continue;
    n++;
    const double shares[2] = {e->cmp->base_cpu_share, e->cmp->new_cpu_share};
    for (int k = 0; k < 2; k++)
      if (isfinite(shares[k])) {
        lo = fmin(lo, shares[k]);
        hi = fmax(hi, shares[k]);
      }
  }
  if (n == 0) return;
  fputs("\n**Compared on CPU time** (wall time measured a busy "
        "machine)\n\n",
        out);
  if (n > MD_CONTENTION_LISTED) {
    fprintf(out,
            "%zu benchmarks: the CPU was shared (their processes had it "
            "%.0f\xe2\x80\x93%.0f %% of the time)\n",
            n, lo * 100, hi * 100);
    return;
  }
  for (size_t i = 0; i < run->n; i++) {
    const ys_report_entry *e = &run->entries[i];
    if (!md_contended(e)) continue;
    char why[256];
    fputs("- ", out);
    md_code(out, e->res->name, false);
    fprintf(out, ": %s\n", ys_units_contention(e->cmp, why, sizeof(why)));
  }
}

/* Why each inconclusive benchmark is so and what would settle it, below
 * the table: too long for a cell, and what a reader acts on. */
static void md_doubts(FILE *out, const ys_run_view *run) {
  size_t shown = 0, hidden = 0;
  const char *heading =
      run->summary->fail_on_inconclusive
          ? "\n**Inconclusive** (noise hides the answer; fails this run: "
            "--fail-on-inconclusive)\n\n"
          : "\n**Inconclusive** (noise hides the answer; not a failure)\n\n";
  for (size_t i = 0; i < run->n; i++) {
    const ys_report_entry *e = &run->entries[i];
    if (!md_has_verdict(e, YS_VERDICT_INCONCLUSIVE)) continue;
    if (shown == YS_MARKDOWN_MAX_ROWS) {
      hidden++;
      continue;
    }
    char why[512];
    if (shown == 0) fputs(heading, out);
    fputs("- ", out);
    md_code(out, e->res->name, false);
    fprintf(out, ": %s\n", ys_units_doubt(e->cmp, why, sizeof(why)));
    shown++;
  }
  md_more(out, hidden);
}

/* Which functions each regressed or improved exact count came from, below
 * the table: a list per benchmark, which a table cell could not hold. */
static void md_functions(FILE *out, const ys_run_view *run) {
  size_t shown = 0, hidden = 0;
  for (size_t i = 0; i < run->n; i++) {
    const ys_report_entry *e = &run->entries[i];
    if (e->cmp == NULL || e->cmp->n_functions == 0) continue;
    if (shown == YS_MARKDOWN_MAX_ROWS) {
      hidden++;
      continue;
    }
    if (shown == 0) fputs("\n**Why** (" YS_FUNCTION_CHANGES_TITLE ")\n\n", out);
    fputs("- ", out);
    md_code(out, e->res->name, false);
    fprintf(out, " %s:\n", ys_verdict_name(e->cmp->verdict));
    for (size_t k = 0; k < e->cmp->n_functions; k++) {
      const ys_function_change *f = &e->cmp->functions[k];
      char delta[YS_UNITS_BUF], pct[YS_UNITS_BUF];
      fputs("  - ", out);
      md_code(out, f->name, false);
      fprintf(out, " %s %s (%s)\n",
              ys_function_change_delta(f->delta, delta, sizeof(delta)),
              e->cmp->unit != NULL ? e->cmp->unit : "",
              ys_function_change_percent(f, pct, sizeof(pct)));
    }
    shown++;
  }
  md_more(out, hidden);
}

/* The unchanged benchmarks, collapsed: they matter only when asked. The
 * blank line after <summary> lets GitHub parse the table inside. */
static void md_unchanged_table(FILE *out, const ys_run_view *run) {
  size_t n = md_count_verdict(run, YS_VERDICT_UNCHANGED);
  if (n == 0) return;
  size_t shown = 0, hidden = 0;
  fprintf(out, "\n<details><summary>%zu unchanged</summary>\n\n", n);
  md_comparison_head(out);
  md_comparison_group(out, run, YS_VERDICT_UNCHANGED, &shown, &hidden);
  md_more(out, hidden);
  fputs("\n</details>\n", out);
}

/* One row of the results table: the primary series' estimate, its
 * interval and its rounds. */
static void md_result_row(FILE *out, const char *name, const ys_series *s) {
  const ys_analysis *a = &s->analysis;
  const ys_estimate *head = ys_analysis_headline(a);
  char est[YS_UNITS_BUF], lo[YS_UNITS_BUF], hi[YS_UNITS_BUF];
  char min[YS_UNITS_BUF], median[YS_UNITS_BUF], noisy[YS_UNITS_BUF];
  fputs("| ", out);
  md_code(out, name, true);
  fprintf(out, " | %s | ",
          md_value(s->kind, s->unit, head->point, est, sizeof(est)));
  /* Exact counts have an interval of zero width: nothing to show. */
  if (head->lo == head->hi)
    fputs("\xe2\x80\x93 | ", out);
  else
    fprintf(out, "%s \xe2\x80\xa6 %s | ",
            md_value(s->kind, s->unit, head->lo, lo, sizeof(lo)),
            md_value(s->kind, s->unit, head->hi, hi, sizeof(hi)));
  if (s->n_rounds > 0)
    fprintf(
        out, "%s | %s | %s |\n",
        md_value(s->kind, s->unit, a->round_min, min, sizeof(min)),
        md_value(s->kind, s->unit, a->round_median, median, sizeof(median)),
        ys_units_percent(a->noisy_round_share, 0, false, noisy, sizeof(noisy)));
  else
    fputs("\xe2\x80\x93 | \xe2\x80\x93 | \xe2\x80\x93 |\n", out);
}

/* Without a baseline: every measured benchmark's estimate. */
static void md_results_table(FILE *out, const ys_run_view *run) {
  size_t shown = 0, hidden = 0;
  for (size_t i = 0; i < run->n; i++) {
    const ys_report_entry *e = &run->entries[i];
    const ys_series *s = md_primary(e);
    if (e->res->status != YS_BENCH_OK || s == NULL) continue;
    if (shown == YS_MARKDOWN_MAX_ROWS) {
      hidden++;
      continue;
    }
    if (shown == 0)
      fputs("\n| Benchmark | Estimate | Interval | Fastest round "
            "| Median round | Noisy rounds |\n"
            "|---|---:|---:|---:|---:|---:|\n",
            out);
    md_result_row(out, e->res->name, s);
    shown++;
  }
  md_more(out, hidden);
}

/* The performance targets: one row each, a miss marked as a regression
 * is (docs/authoring.md, "Performance targets"). */
static void md_targets(FILE *out, const ys_run_view *run) {
  const ys_target_table *t = run->targets;
  if (t == NULL || t->n == 0) return;
  fputs("\n#### Performance targets\n\n"
        "| Benchmark | Target | Measured | Margin | Verdict |\n"
        "|---|---|---:|---:|---|\n",
        out);
  for (size_t i = 0; i < t->n; i++) {
    ys_target_row row;
    ys_targets_text_row(t, i, &row);
    fputs("| ", out);
    md_code(out, t->specs[i].benchmark, true);
    fputs(" | ", out);
    md_text(out, row.target);
    fprintf(out, " | %s | %s | %s%s |\n", row.measured, row.margin,
            t->results[i].status == YS_TARGET_MISS ? ":x: " : "", row.verdict);
  }
  fputs("\nA time target passes when the upper end of its interval is within "
        "the budget.\n",
        out);
}

/* The group table: each member that is not a reference, "naive: 14.2×
 * libc [13.9, 14.5]" as a row, or why it has no ratio. Shown with or
 * without a baseline: a ratio is within this run. */
static void md_groups_table(FILE *out, const ys_run_view *run) {
  size_t shown = 0, hidden = 0;
  for (size_t i = 0; i < run->n; i++) {
    const ys_report_entry *e = &run->entries[i];
    const ys_bench_result *res = e->res;
    if (res->group[0] == '\0' || res->ratio.status == YS_RATIO_NONE ||
        md_has_verdict(e, YS_VERDICT_MISSING))
      continue;
    if (shown == YS_MARKDOWN_MAX_ROWS) {
      hidden++;
      continue;
    }
    if (shown == 0)
      fputs("\n**Groups** (each member against its group's reference)\n\n"
            "| Group | Benchmark | Ratio to reference | Interval |\n"
            "|---|---|---:|---:|\n",
            out);
    fputs("| ", out);
    md_code(out, res->group, true);
    fputs(" | ", out);
    md_code(out, res->name, true);
    fputs(" | ", out);
    if (res->ratio.status == YS_RATIO_OK) {
      char ratio[64], interval[96];
      ys_group_ratio_text(&res->ratio, ratio, sizeof(ratio), interval,
                          sizeof(interval));
      fprintf(out, "%s ", ratio);
      md_code(out, res->group_reference, true);
      fprintf(out, " | %s |\n", interval);
    } else {
      char why[3 * YS_NAME_MAX];
      md_text(out, ys_group_missing_text(res, why, sizeof(why)));
      fputs(" | \xe2\x80\x93 |\n", out);
    }
    shown++;
  }
  md_more(out, hidden);
}

/* The series of `res` measuring `metric`, or NULL. */
static const ys_series *md_series_named(const ys_bench_result *res,
                                        const char *metric) {
  for (size_t m = 0; m < res->n_series; m++)
    if (res->series[m].metric != NULL &&
        strcmp(res->series[m].metric, metric) == 0)
      return &res->series[m];
  return NULL;
}

/* Under the alloc collector: each benchmark's heap calls per iteration,
 * whichever metric is primary. */
static void md_allocations(FILE *out, const ys_run_view *run) {
  static const char *const metrics[] = {"allocations", "frees",
                                        "allocated_bytes", "freed_bytes",
                                        "peak_live_bytes"};
  bool header = false;
  for (size_t i = 0; i < run->n && i < YS_MARKDOWN_MAX_ROWS; i++) {
    const ys_bench_result *res = run->entries[i].res;
    if (res == NULL || res->status != YS_BENCH_OK ||
        md_series_named(res, metrics[0]) == NULL)
      continue;
    if (!header)
      fputs("\n| Heap per iteration | Allocations | Frees | Allocated "
            "| Freed | Peak live |\n|---|---:|---:|---:|---:|---:|\n",
            out);
    header = true;
    fputs("| ", out);
    md_code(out, res->name, true);
    for (size_t k = 0; k < sizeof(metrics) / sizeof(metrics[0]); k++) {
      const ys_series *ser = md_series_named(res, metrics[k]);
      char v[YS_UNITS_BUF] = "\xe2\x80\x93"; /* – */
      if (ser != NULL && ser->n_samples > 0)
        md_value(ser->kind, ser->unit,
                 ys_analysis_headline(&ser->analysis)->point, v, sizeof(v));
      fprintf(out, " | %s", v);
    }
    fputs(" |\n", out);
  }
}

/* The user counters (ys_counter) of each benchmark: the estimate, its
 * interval and, against a baseline, the change and its verdict. */
static void md_counters(FILE *out, const ys_run_view *run) {
  bool header = false;
  for (size_t i = 0; i < run->n && i < YS_MARKDOWN_MAX_ROWS; i++) {
    const ys_bench_result *res = run->entries[i].res;
    if (res == NULL || res->status != YS_BENCH_OK) continue;
    for (size_t m = 0; m < res->n_series; m++) {
      const ys_series *ser = &res->series[m];
      if (ser->counter == 0 || ser->n_samples == 0 ||
          (ser->counter & YS_SERIES_LATENCY))
        continue;
      if (!header)
        fputs("\n| Counter | Estimate | Interval | Change |\n"
              "|---|---:|---:|---|\n",
              out);
      header = true;
      const ys_estimate *e = ys_analysis_headline(&ser->analysis);
      char point[YS_UNITS_BUF], lo[YS_UNITS_BUF], hi[YS_UNITS_BUF];
      fputs("| ", out);
      md_code(out, res->name, true);
      fputs(" ", out);
      md_code(out, ser->metric, true);
      fprintf(out, " | %s | %s \xe2\x80\xa6 %s | ",
              md_value(ser->kind, ser->unit, e->point, point, sizeof(point)),
              md_value(ser->kind, ser->unit, e->lo, lo, sizeof(lo)),
              md_value(ser->kind, ser->unit, e->hi, hi, sizeof(hi)));
      const ys_metric_comparison *mc =
          ys_metric_verdicts_find(run->entries[i].cmp, ser->metric);
      char change[256];
      if (mc != NULL)
        md_text(out, ys_metric_verdicts_change(mc, change, sizeof(change)));
      else
        fputs("\xe2\x80\x93", out); /* – */
      fputs(" |\n", out);
    }
  }
}

/* Failed and skipped benchmarks of this run, with their reasons. A missing
 * benchmark's result is the baseline's, so it is not one of them. */
static void md_problems(FILE *out, const ys_run_view *run) {
  size_t shown = 0, hidden = 0;
  for (size_t i = 0; i < run->n; i++) {
    const ys_bench_result *res = run->entries[i].res;
    if (res->status == YS_BENCH_OK ||
        md_has_verdict(&run->entries[i], YS_VERDICT_MISSING))
      continue;
    if (shown == YS_MARKDOWN_MAX_ROWS) {
      hidden++;
      continue;
    }
    if (shown == 0) fputs("\n**Failed or skipped in this run**\n\n", out);
    fputs("- ", out);
    md_code(out, res->name, false);
    fputs(res->status == YS_BENCH_FAILED ? " failed" : " skipped", out);
    if (res->message[0] != '\0') {
      fputs(": ", out);
      md_text(out, res->message);
    }
    fputc('\n', out);
    shown++;
  }
  md_more(out, hidden);
}

/* How each BENCH_ARGS family grows with its parameter: a table of the
 * fits, then why a family has none or a fit is uncertain. */
static void md_complexity(FILE *out, const ys_run_view *run) {
  if (run->n_complexity == 0) return;
  char text[512];
  fputs("\n**Complexity** (value per iteration \xe2\x89\x88 c \xc3\x97 f(n), "
        "n the parameter)\n\n"
        "| Family | Best fit | c | RMS | Exponent | Sizes |\n"
        "|---|---|---:|---:|---:|---|\n",
        out);
  for (size_t i = 0; i < run->n_complexity; i++) {
    const ys_complexity_fit *f = &run->complexity[i];
    fputs("| ", out);
    md_code(out, f->family, true);
    if (f->fitted)
      fprintf(out, " | O(%s) | %.3g %s | %.1f %% | %.2f ",
              ys_complexity_fit_name(f, f->best), f->coefficient, f->unit,
              f->rms * 100.0, f->exponent);
    else
      fputs(" | \xe2\x80\x93 | \xe2\x80\x93 | \xe2\x80\x93 | \xe2\x80\x93 ",
            out);
    fprintf(out, "| %zu (%ld..%ld) |\n", f->n_points, f->n_min, f->n_max);
  }
  for (size_t i = 0; i < run->n_complexity; i++) {
    const ys_complexity_fit *f = &run->complexity[i];
    const char *why = f->fitted ? ys_complexity_text_tie(f, text, sizeof(text))
                                : ys_complexity_text_fit(f, text, sizeof(text));
    if (why == NULL) continue;
    fputs("\n\xe2\x9a\xa0\xef\xb8\x8f ", out); /* ⚠️ */
    md_code(out, f->family, false);
    fputs(": ", out);
    md_text(out, why);
    fputc('\n', out);
  }
}

/* ---- header and footer ---------------------------------------------- */

static void md_headline(FILE *out, const ys_summary *sum) {
  size_t n_failed = sum->n_failed;
  size_t n_skipped = sum->n_skipped;
  if (sum->compared) {
    char counts[512];
    /* A failure is as much a reason to look as a regression; an
     * inconclusive verdict is worth a look, and fails when asked to. */
    size_t n_doubts = sum->n_verdicts[YS_VERDICT_INCONCLUSIVE];
    bool bad = sum->n_verdicts[YS_VERDICT_REGRESSED] > 0 || n_failed > 0 ||
               (sum->fail_on_inconclusive && n_doubts > 0);
    const char *mark = bad            ? "\xe2\x9d\x8c"
                       : n_doubts > 0 ? "\xe2\x9a\xa0\xef\xb8\x8f"
                                      : "\xe2\x9c\x85";
    fprintf(out, "## yardstick: %s %s", mark,
            ys_units_verdict_counts(sum->n_verdicts, counts, sizeof(counts)));
    if (n_failed > 0) fprintf(out, ", %zu failed", n_failed);
    fputc('\n', out);
    return;
  }
  size_t n = sum->n_ok + n_skipped + n_failed;
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
static void md_baseline(FILE *out, const ys_run_view *run) {
  const ys_summary *sum = run->summary;
  const ys_context *base = sum->baseline_ctx;
  const ys_context *now = run->ctx;
  fputs(sum->against ? "\nCompared with " : "\nCompared with baseline ", out);
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
      {"host", base->host_name, now->host_name},
      {"cpu", base->cpu_model, now->cpu_model},
      {"compiler", base->compiler, now->compiler},
      {"build", base->build_type, now->build_type},
      {"collector", base->collector, now->collector},
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
static double md_threshold_of(const ys_run_view *run) {
  for (size_t i = 0; i < run->n; i++) {
    const ys_comparison *c = run->entries[i].cmp;
    if (c != NULL && ys_units_verdict_has_change(c->verdict))
      return c->threshold;
  }
  return NAN;
}

/* Where the comparisons consulted the baseline's history (gate/band.h),
 * says whether they had noise bands: "; noise bands from the baseline's
 * history (up to 10 runs)", or that they are not yet available. */
static void md_band_note(FILE *out, const ys_run_view *run) {
  size_t banded = 0, pending = 0, most_runs = 0;
  for (size_t i = 0; i < run->n; i++) {
    const ys_comparison *c = run->entries[i].cmp;
    if (c == NULL || !c->band_checked || c->exact ||
        !ys_units_verdict_has_change(c->verdict))
      continue;
    if (isfinite(c->band))
      banded++;
    else
      pending++;
    if (c->band_runs > most_runs) most_runs = c->band_runs;
  }
  if (banded > 0)
    fprintf(out,
            "; a change must also exceed its noise band, the spread of "
            "its estimates over the baseline's history (up to %zu runs)",
            most_runs);
  if (pending > 0)
    fprintf(out,
            "; noise bands %snot yet available (the baseline's history "
            "holds %zu of the %d runs they need)",
            banded > 0 ? "of some benchmarks " : "", most_runs,
            YS_POLICY_BAND_MIN_RUNS);
}

/* How it was measured, in one italic line. */
static void md_footnote(FILE *out, const ys_run_view *run) {
  const ys_context *ctx = run->ctx;
  fprintf(out, "\n*%zu round%s \xc3\x97 %zu sample%s per benchmark",
          ctx->rounds, ctx->rounds == 1 ? "" : "s", ctx->sample_size,
          ctx->sample_size == 1 ? "" : "s");
  if (ctx->max_rss_bytes > 0)
    fprintf(out, ", max RSS %.1f MiB",
            (double)ctx->max_rss_bytes / (1024.0 * 1024.0));
  if (run->summary->compared) {
    double t = md_threshold_of(run);
    char buf[YS_UNITS_BUF];
    if (isfinite(t))
      fprintf(out, ", threshold %s", ys_units_threshold(t, buf, sizeof(buf)));
    fputs("; the change is that of the lower quartile of round estimates, "
          "with its bootstrap interval",
          out);
    md_band_note(out, run);
    fputs(".*\n", out);
  } else {
    fputs("; the estimate is the slope over the samples (else their mean) "
          "with its bootstrap interval.*\n",
          out);
  }
}

/* The machine's warnings and problems the run recorded (`bench doctor`
 * explains each), one line each, under the footnote. */
static void md_machine(FILE *out, const ys_context *ctx) {
  for (size_t i = 0; i < ctx->n_machine_findings; i++) {
    const ys_machine_finding *f = &ctx->machine_findings[i];
    fprintf(out, "%s\xe2\x9a\xa0\xef\xb8\x8f machine %s: ", i == 0 ? "\n" : "",
            f->level);
    md_text(out, f->check);
    fputs(": ", out);
    md_text(out, f->text);
    if (f->fix[0] != '\0') {
      fputs(" (fix: ", out);
      md_code(out, f->fix, false);
      fputc(')', out);
    }
    fputs(i + 1 < ctx->n_machine_findings ? "<br>\n" : "\n", out);
  }
}

/* ---- the document -------------------------------------------------- */

static int md_render(FILE *out, const ys_run_view *run,
                     const ys_report_style *style) {
  (void)style; /* Markdown has no colours */
  md_headline(out, run->summary);
  if (run->summary->missing_baseline != NULL) {
    /* Right under the headline: a summary without a verdict must say why
     * it has none. */
    fputs("\n\xe2\x84\xb9\xef\xb8\x8f No baseline ", out); /* ℹ️ */
    md_code(out, run->summary->missing_baseline, false);
    fputs(" yet: reporting only.\n", out);
  }
  if (run->summary->compared) {
    md_baseline(out, run);
    md_attention_table(out, run);
    md_doubts(out, run);
    md_contention(out, run);
    md_functions(out, run);
    md_unchanged_table(out, run);
  } else {
    md_results_table(out, run);
  }
  md_complexity(out, run);
  md_targets(out, run);
  md_groups_table(out, run);
  md_allocations(out, run);
  md_counters(out, run);
  ys_latency_markdown(out, run, YS_MARKDOWN_MAX_ROWS, md_code, md_text);
  md_problems(out, run);
  md_footnote(out, run);
  md_machine(out, run->ctx);
  return ys_report_finish(out, 0);
}

static const char *const md_extensions[] = {".md", NULL};

/* GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY; "--output x.md". */
const ys_report_ops ys_report_markdown = {
    .name = "markdown",
    .extensions = md_extensions,
    .render = md_render,
};
