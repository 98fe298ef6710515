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
 *
 * This file holds the document's order, its headline, where the baseline
 * came from and the footnotes; the comparison's table and notes are in
 * markdown_comparison.c, the other tables in markdown_tables.c.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../core/policy.h"
#include "report.h"
#include "latency_markdown.h"
#include "markdown_comparison.h"
#include "markdown_tables.h"
#include "markdown_text.h"
#include "rounds_text.h"
#include "units.h"

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
  ys_md_code(out, sum->baseline_name != NULL ? sum->baseline_name : "", false);
  if (base != NULL && (base->date[0] != '\0' || base->host_name[0] != '\0')) {
    fputs(" (saved", out);
    if (base->date[0] != '\0') fprintf(out, " %s", base->date);
    if (base->host_name[0] != '\0') {
      fputs(" on host ", out);
      ys_md_text(out, base->host_name);
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
    ys_md_text(out, fields[i].was != NULL ? fields[i].was : "");
    fputs(" \xe2\x86\x92 ", out);
    ys_md_text(out, fields[i].now != NULL ? fields[i].now : "");
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
  char rounds[96];
  fprintf(out, "\n*%s", ys_rounds_text(run, true, rounds, sizeof(rounds)));
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
    ys_md_text(out, f->check);
    fputs(": ", out);
    ys_md_text(out, f->text);
    if (f->fix[0] != '\0') {
      fputs(" (fix: ", out);
      ys_md_code(out, f->fix, false);
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
  if (run->summary->interrupted_by != NULL)
    fprintf(out,
            "\n\xe2\x9a\xa0\xef\xb8\x8f Interrupted by %s: a partial "
            "report of what was measured before, with no verdicts.\n",
            run->summary->interrupted_by); /* ⚠️ */
  if (run->summary->missing_baseline != NULL) {
    /* Right under the headline: a summary without a verdict must say why
     * it has none. */
    fputs("\n\xe2\x84\xb9\xef\xb8\x8f No baseline ", out); /* ℹ️ */
    ys_md_code(out, run->summary->missing_baseline, false);
    fputs(" yet: reporting only.\n", out);
  }
  if (run->summary->compared) {
    md_baseline(out, run);
    ys_md_attention_table(out, run);
    ys_md_doubts(out, run);
    ys_md_contention(out, run);
    ys_md_mixed_settings(out, run);
    ys_md_functions(out, run);
    ys_md_unchanged_table(out, run);
  } else {
    ys_md_results_table(out, run);
  }
  ys_md_complexity(out, run);
  ys_md_targets(out, run);
  ys_md_groups_table(out, run);
  ys_md_allocations(out, run);
  ys_md_counters(out, run);
  ys_latency_markdown(out, run, YS_MARKDOWN_MAX_ROWS, ys_md_code, ys_md_text);
  ys_md_problems(out, run);
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
