/*
 * markdown_comparison.c — the parts of the Markdown summary that exist
 * only against a baseline (markdown_comparison.h): the table of what
 * needs attention, the notes below it (inconclusive, CPU time, the
 * functions behind a changed count) and the collapsed unchanged table.
 */
#include "markdown_comparison.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../gate/compare.h"
#include "function_changes.h"
#include "markdown_text.h"
#include "metric_verdicts.h"
#include "settings_text.h"
#include "units.h"

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
    ys_md_value(c->kind, c->unit, c->base_estimate, base, sizeof(base));
  if (c->new_rounds > 0)
    ys_md_value(c->kind, c->unit, c->new_estimate, now, sizeof(now));
  bool has_change = ys_units_verdict_has_change(c->verdict);
  if (has_change && isfinite(c->p_value))
    ys_units_p_value(c->p_value, p, sizeof(p));

  fputs("| ", out);
  ys_md_code(out, e->res->name, true);
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
    ys_md_text(out, crossed);
  }
  /* A gated metric one side lacks was not judged: said, not passed over. */
  char unjudged[512];
  if (ys_metric_verdicts_unjudged(c, unjudged, sizeof(unjudged))) {
    fputs("; ", out);
    ys_md_text(out, unjudged);
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
    if (!ys_md_has_verdict(&run->entries[i], v)) continue;
    if (*shown < YS_MARKDOWN_MAX_ROWS) {
      md_comparison_row(out, &run->entries[i]);
      (*shown)++;
    } else {
      (*hidden)++;
    }
  }
}

static size_t md_count_verdict(const ys_run_view *run, ys_verdict v) {
  size_t n = 0;
  for (size_t i = 0; i < run->n; i++)
    n += ys_md_has_verdict(&run->entries[i], v);
  return n;
}

/* The benchmarks that need attention; nothing when there are none. */
void ys_md_attention_table(FILE *out, const ys_run_view *run) {
  size_t total = 0;
  for (size_t k = 0; k < sizeof(md_attention_order) / sizeof(ys_verdict); k++)
    total += md_count_verdict(run, md_attention_order[k]);
  if (total == 0) return;
  size_t shown = 0, hidden = 0;
  fputc('\n', out);
  md_comparison_head(out);
  for (size_t k = 0; k < sizeof(md_attention_order) / sizeof(ys_verdict); k++)
    md_comparison_group(out, run, md_attention_order[k], &shown, &hidden);
  ys_md_more(out, hidden);
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
void ys_md_contention(FILE *out, const ys_run_view *run) {
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
    ys_md_code(out, e->res->name, false);
    fprintf(out, ": %s\n", ys_units_contention(e->cmp, why, sizeof(why)));
  }
}

/* Why each inconclusive benchmark is so and what would settle it, below
 * the table: too long for a cell, and what a reader acts on. */
void ys_md_doubts(FILE *out, const ys_run_view *run) {
  size_t shown = 0, hidden = 0;
  const char *heading =
      run->summary->fail_on_inconclusive
          ? "\n**Inconclusive** (noise hides the answer; fails this run: "
            "--fail-on-inconclusive)\n\n"
          : "\n**Inconclusive** (noise hides the answer; not a failure)\n\n";
  for (size_t i = 0; i < run->n; i++) {
    const ys_report_entry *e = &run->entries[i];
    if (!ys_md_has_verdict(e, YS_VERDICT_INCONCLUSIVE)) continue;
    if (shown == YS_MARKDOWN_MAX_ROWS) {
      hidden++;
      continue;
    }
    char why[512];
    if (shown == 0) fputs(heading, out);
    fputs("- ", out);
    ys_md_code(out, e->res->name, false);
    fprintf(out, ": %s\n", ys_units_doubt(e->cmp, why, sizeof(why)));
    shown++;
  }
  ys_md_more(out, hidden);
}

/* The baseline's result of entry i, or NULL. */
static const ys_bench_result *md_base(const ys_run_view *run, size_t i) {
  return run->bases != NULL ? run->bases[i] : NULL;
}

/* Whether entry i was compared with a baseline measured with other own
 * settings (gate/compare.h). */
static bool md_settings_differ(const ys_run_view *run, size_t i) {
  const ys_report_entry *e = &run->entries[i];
  const ys_bench_result *base = md_base(run, i);
  return e->cmp != NULL && base != NULL &&
         e->cmp->verdict != YS_VERDICT_MISSING &&
         ys_compare_settings_differ(&base->settings, &e->res->settings);
}

/* The comparisons that mix settings, one line each with what differs
 * ("rounds 10 vs 30"): their figures differ in precision (or, for latency
 * mode, in what was measured), which a reader of the change must know. */
void ys_md_mixed_settings(FILE *out, const ys_run_view *run) {
  size_t shown = 0, hidden = 0;
  for (size_t i = 0; i < run->n; i++) {
    if (!md_settings_differ(run, i)) continue;
    if (shown == YS_MARKDOWN_MAX_ROWS) {
      hidden++;
      continue;
    }
    if (shown == 0)
      fputs("\n**Measured with other settings than the baseline** "
            "(baseline vs this run)\n\n",
            out);
    char text[400];
    fputs("- ", out);
    ys_md_code(out, run->entries[i].res->name, false);
    fputs(": ", out);
    ys_md_text(out, ys_settings_diff_text(&md_base(run, i)->settings,
                                          &run->entries[i].res->settings, text,
                                          sizeof(text)));
    fputc('\n', out);
    shown++;
  }
  ys_md_more(out, hidden);
}

/* Which functions each regressed or improved exact count came from, below
 * the table: a list per benchmark, which a table cell could not hold. */
void ys_md_functions(FILE *out, const ys_run_view *run) {
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
    ys_md_code(out, e->res->name, false);
    fprintf(out, " %s:\n", ys_verdict_name(e->cmp->verdict));
    for (size_t k = 0; k < e->cmp->n_functions; k++) {
      const ys_function_change *f = &e->cmp->functions[k];
      char delta[YS_UNITS_BUF], pct[YS_UNITS_BUF];
      fputs("  - ", out);
      ys_md_code(out, f->name, false);
      fprintf(out, " %s %s (%s)\n",
              ys_function_change_delta(f->delta, delta, sizeof(delta)),
              e->cmp->unit != NULL ? e->cmp->unit : "",
              ys_function_change_percent(f, pct, sizeof(pct)));
    }
    shown++;
  }
  ys_md_more(out, hidden);
}

/* The unchanged benchmarks, collapsed: they matter only when asked. The
 * blank line after <summary> lets GitHub parse the table inside. */
void ys_md_unchanged_table(FILE *out, const ys_run_view *run) {
  size_t n = md_count_verdict(run, YS_VERDICT_UNCHANGED);
  if (n == 0) return;
  size_t shown = 0, hidden = 0;
  fprintf(out, "\n<details><summary>%zu unchanged</summary>\n\n", n);
  md_comparison_head(out);
  md_comparison_group(out, run, YS_VERDICT_UNCHANGED, &shown, &hidden);
  ys_md_more(out, hidden);
  fputs("\n</details>\n", out);
}
