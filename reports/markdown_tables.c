/*
 * markdown_tables.c — the per-topic tables of the Markdown summary
 * (markdown_tables.h): every benchmark's estimate without a baseline,
 * complexity fits, performance targets, group ratios, heap calls, user
 * counters, and the failed or skipped benchmarks.
 */
#include "markdown_tables.h"

#include <stdio.h>
#include <string.h>

#include "complexity_text.h"
#include "group_text.h"
#include "markdown_text.h"
#include "metric_verdicts.h"
#include "targets_text.h"
#include "units.h"

/* The primary series of an entry, or NULL when nothing was measured. */
static const ys_series *md_primary(const ys_report_entry *e) {
  return e->res->n_series > 0 ? e->res->series : NULL;
}

/* One row of the results table: the primary series' estimate, its
 * interval and its rounds. */
static void md_result_row(FILE *out, const char *name, const ys_series *s) {
  const ys_analysis *a = &s->analysis;
  const ys_estimate *head = ys_analysis_headline(a);
  char est[YS_UNITS_BUF], lo[YS_UNITS_BUF], hi[YS_UNITS_BUF];
  char min[YS_UNITS_BUF], median[YS_UNITS_BUF], noisy[YS_UNITS_BUF];
  fputs("| ", out);
  ys_md_code(out, name, true);
  fprintf(out, " | %s | ",
          ys_md_value(s->kind, s->unit, head->point, est, sizeof(est)));
  /* Exact counts have an interval of zero width: nothing to show. */
  if (head->lo == head->hi)
    fputs("\xe2\x80\x93 | ", out);
  else
    fprintf(out, "%s \xe2\x80\xa6 %s | ",
            ys_md_value(s->kind, s->unit, head->lo, lo, sizeof(lo)),
            ys_md_value(s->kind, s->unit, head->hi, hi, sizeof(hi)));
  if (s->n_rounds > 0)
    fprintf(
        out, "%s | %s | %s |\n",
        ys_md_value(s->kind, s->unit, a->round_min, min, sizeof(min)),
        ys_md_value(s->kind, s->unit, a->round_median, median, sizeof(median)),
        ys_units_percent(a->noisy_round_share, 0, false, noisy, sizeof(noisy)));
  else
    fputs("\xe2\x80\x93 | \xe2\x80\x93 | \xe2\x80\x93 |\n", out);
}

/* Without a baseline: every measured benchmark's estimate. */
void ys_md_results_table(FILE *out, const ys_run_view *run) {
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
  ys_md_more(out, hidden);
}

/* The performance targets: one row each, a miss marked as a regression
 * is (docs/authoring.md, "Performance targets"). */
void ys_md_targets(FILE *out, const ys_run_view *run) {
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
    ys_md_code(out, t->specs[i].benchmark, true);
    fputs(" | ", out);
    ys_md_text(out, row.target);
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
void ys_md_groups_table(FILE *out, const ys_run_view *run) {
  size_t shown = 0, hidden = 0;
  for (size_t i = 0; i < run->n; i++) {
    const ys_report_entry *e = &run->entries[i];
    const ys_bench_result *res = e->res;
    if (res->group[0] == '\0' || res->ratio.status == YS_RATIO_NONE ||
        ys_md_has_verdict(e, YS_VERDICT_MISSING))
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
    ys_md_code(out, res->group, true);
    fputs(" | ", out);
    ys_md_code(out, res->name, true);
    fputs(" | ", out);
    if (res->ratio.status == YS_RATIO_OK) {
      char ratio[64], interval[96];
      ys_group_ratio_text(&res->ratio, ratio, sizeof(ratio), interval,
                          sizeof(interval));
      fprintf(out, "%s ", ratio);
      ys_md_code(out, res->group_reference, true);
      fprintf(out, " | %s |\n", interval);
    } else {
      char why[3 * YS_NAME_MAX];
      ys_md_text(out, ys_group_missing_text(res, why, sizeof(why)));
      fputs(" | \xe2\x80\x93 |\n", out);
    }
    shown++;
  }
  ys_md_more(out, hidden);
}

/* Under the alloc collector: each benchmark's heap calls per iteration,
 * whichever metric is primary. */
void ys_md_allocations(FILE *out, const ys_run_view *run) {
  static const char *const metrics[] = {"allocations", "frees",
                                        "allocated_bytes", "freed_bytes",
                                        "peak_live_bytes"};
  bool header = false;
  for (size_t i = 0; i < run->n && i < YS_MARKDOWN_MAX_ROWS; i++) {
    const ys_bench_result *res = run->entries[i].res;
    if (res == NULL || res->status != YS_BENCH_OK ||
        ys_bench_result_series(res, metrics[0]) == NULL)
      continue;
    if (!header)
      fputs("\n| Heap per iteration | Allocations | Frees | Allocated "
            "| Freed | Peak live |\n|---|---:|---:|---:|---:|---:|\n",
            out);
    header = true;
    fputs("| ", out);
    ys_md_code(out, res->name, true);
    for (size_t k = 0; k < sizeof(metrics) / sizeof(metrics[0]); k++) {
      const ys_series *ser = ys_bench_result_series(res, metrics[k]);
      char v[YS_UNITS_BUF] = "\xe2\x80\x93"; /* – */
      if (ser != NULL && ser->n_samples > 0)
        ys_md_value(ser->kind, ser->unit,
                    ys_analysis_headline(&ser->analysis)->point, v, sizeof(v));
      fprintf(out, " | %s", v);
    }
    fputs(" |\n", out);
  }
}

/* The user counters (ys_counter) of each benchmark: the estimate, its
 * interval and, against a baseline, the change and its verdict. */
void ys_md_counters(FILE *out, const ys_run_view *run) {
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
      ys_md_code(out, res->name, true);
      fputs(" ", out);
      ys_md_code(out, ser->metric, true);
      fprintf(out, " | %s | %s \xe2\x80\xa6 %s | ",
              ys_md_value(ser->kind, ser->unit, e->point, point, sizeof(point)),
              ys_md_value(ser->kind, ser->unit, e->lo, lo, sizeof(lo)),
              ys_md_value(ser->kind, ser->unit, e->hi, hi, sizeof(hi)));
      const ys_metric_comparison *mc =
          ys_metric_verdicts_find(run->entries[i].cmp, ser->metric);
      char change[256];
      if (mc != NULL)
        ys_md_text(out, ys_metric_verdicts_change(mc, change, sizeof(change)));
      else
        fputs("\xe2\x80\x93", out); /* – */
      fputs(" |\n", out);
    }
  }
}

/* Failed and skipped benchmarks of this run, with their reasons. A missing
 * benchmark's result is the baseline's, so it is not one of them. */
void ys_md_problems(FILE *out, const ys_run_view *run) {
  size_t shown = 0, hidden = 0;
  for (size_t i = 0; i < run->n; i++) {
    const ys_bench_result *res = run->entries[i].res;
    if (res->status == YS_BENCH_OK ||
        ys_md_has_verdict(&run->entries[i], YS_VERDICT_MISSING))
      continue;
    if (shown == YS_MARKDOWN_MAX_ROWS) {
      hidden++;
      continue;
    }
    if (shown == 0) fputs("\n**Failed or skipped in this run**\n\n", out);
    fputs("- ", out);
    ys_md_code(out, res->name, false);
    fputs(res->status == YS_BENCH_FAILED ? " failed" : " skipped", out);
    if (res->message[0] != '\0') {
      fputs(": ", out);
      ys_md_text(out, res->message);
    }
    fputc('\n', out);
    shown++;
  }
  ys_md_more(out, hidden);
}

/* How each BENCH_ARGS family grows with its parameter: a table of the
 * fits, then why a family has none or a fit is uncertain. */
void ys_md_complexity(FILE *out, const ys_run_view *run) {
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
    ys_md_code(out, f->family, true);
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
    /* A family without a fit says why, sizes left out included; a fit
     * says which sizes it left out, then whether its class is certain. */
    const char *notes[2];
    char tie[512];
    ys_complexity_text_notes(f, text, sizeof(text), tie, sizeof(tie), notes);
    for (size_t k = 0; k < 2; k++) {
      if (notes[k] == NULL) continue;
      fputs("\n\xe2\x9a\xa0\xef\xb8\x8f ", out); /* ⚠️ */
      ys_md_code(out, f->family, false);
      fputs(": ", out);
      ys_md_text(out, notes[k]);
      fputc('\n', out);
    }
  }
}
