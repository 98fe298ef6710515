/*
 * html.c — the HTML report: one self-contained page to open in a browser
 * or keep as a CI artifact (docs/html-report.md).
 *
 * The page names no address outside itself: the style and the sorting
 * script are inline, the charts inline SVG (html_charts.c, drawn with
 * plot.h), the fonts the reader's own. It reads on a phone: the summary
 * table scrolls sideways inside its box, the charts scale with the width.
 * The markup is also well-formed XML (every element closed, every
 * attribute quoted, the script free of '<' and '&'), so that XML tools can
 * check or transform it.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../core/plural.h"
#include "../gate/compare.h"

#include "complexity_text.h"
#include "rounds_text.h"
#include "group_text.h"
#include "history_chart.h"
#include "html_charts.h"
#include "html_links.h"
#include "html_page.h"
#include "latency_html.h"
#include "notes.h"
#include "plot.h"
#include "report.h"
#include "settings_text.h"
#include "targets_text.h"
#include "units.h"

/* The page's look: one place for every colour the charts' classes use. */
static const char html_style[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;"
    "margin:0 auto;max-width:1100px;padding:0 12px 40px;color:#1d2430;"
    "background:#fff;line-height:1.4}\n"
    "h1{font-size:1.5em;margin:18px 0 4px}"
    "h2{font-size:1.15em;margin:0;word-break:break-all}\n"
    ".context{color:#5b6472;font-size:.9em;margin:0 0 14px}\n"
    ".table-wrap{overflow-x:auto;border:1px solid #d8dde5;border-radius:6px}\n"
    "table{border-collapse:collapse;width:100%;font-size:.9em}\n"
    "th,td{padding:5px 9px;text-align:right;white-space:nowrap;"
    "border-bottom:1px solid #eceff3}\n"
    "th:first-child,td:first-child{text-align:left}\n"
    "th{background:#f3f5f8;cursor:pointer;user-select:none;position:sticky;"
    "top:0}\n"
    "th[aria-sort=ascending]::after{content:' \\25B2'}"
    "th[aria-sort=descending]::after{content:' \\25BC'}\n"
    "td.num{font-variant-numeric:tabular-nums}\n"
    "section.bench{border-top:2px solid #d8dde5;margin-top:26px;"
    "padding-top:12px}\n"
    ".headline{margin:6px 0;font-variant-numeric:tabular-nums}\n"
    ".charts{display:grid;grid-template-columns:repeat(auto-fit,"
    "minmax(min(100%,420px),1fr));gap:10px 18px}\n"
    "figure{margin:0}\n"
    "figcaption{font-size:.85em;color:#434b57}\n"
    "svg.chart{width:100%;height:auto;display:block;font-size:12px;"
    "fill:#1d2430}\n"
    "svg .frame{fill:none;stroke:#aab2bd}"
    "svg .grid line{stroke:#eceff3}"
    "svg .ticks text{fill:#5b6472}\n"
    "svg .title{fill:#434b57}\n"
    "svg .dens{fill:#4c78a8;fill-opacity:.35;stroke:#4c78a8;stroke-width:1.5}\n"
    "svg .rug circle{fill:#1d2430;fill-opacity:.45}\n"
    "svg .ci{fill:#f58518;fill-opacity:.18}\n"
    "svg .est{stroke:#d4560b;stroke-width:2}"
    "svg .est-label{fill:#d4560b;font-weight:600}\n"
    "svg .pt circle{fill:#4c78a8;fill-opacity:.6}"
    "svg .fit{fill:none;stroke:#d4560b;stroke-width:2}\n"
    "svg .round{fill:none;stroke:#4c78a8;stroke-width:1.5}"
    "svg .round-pt circle{fill:#4c78a8}\n"
    "svg .dens-base{fill:#9aa3ae;fill-opacity:.4;stroke:#6b7480;"
    "stroke-width:1.5}\n"
    "svg .dens-new{fill:#e45756;fill-opacity:.3;stroke:#c0392b;"
    "stroke-width:1.5}\n"
    "svg .base-est{stroke:#6b7480;stroke-width:2;stroke-dasharray:5 3}"
    "svg .new-est{stroke:#c0392b;stroke-width:2}\n"
    "svg .legend text{fill:#1d2430}\n"
    "svg .hist-band{fill:#54a24b;fill-opacity:.16}"
    "svg .hist-centre{stroke:#54a24b;stroke-width:1.2;stroke-dasharray:4 3}\n"
    "svg .hist-round circle{fill:#4c78a8;fill-opacity:.35}"
    "svg .hist-line{fill:none;stroke:#4c78a8;stroke-width:2}"
    "svg .hist-pt circle{fill:#4c78a8}\n"
    "svg .hist-now-line{fill:none;stroke:#c0392b;stroke-width:1.5;"
    "stroke-dasharray:4 3}"
    "svg .hist-now circle{fill:#c0392b;stroke:#fff;stroke-width:1.5}\n"
    ".trends{display:grid;grid-template-columns:repeat(auto-fit,"
    "minmax(min(100%,460px),1fr));gap:18px 24px;margin-top:14px}\n"
    ".trends h2{margin-bottom:4px}\n"
    ".verdict{font-weight:600;padding:0 4px;border-radius:3px}\n"
    ".v-regressed{background:#fbd5d2;color:#8e1b12}"
    ".v-improved{background:#d3f1da;color:#135c26}\n"
    ".v-inconclusive{background:#fdebc8;color:#7a4d00}"
    ".v-unchanged,.v-new,.v-missing,.v-not{background:#eceff3;color:#434b57}"
    ".v-failed{background:#fbd5d2;color:#8e1b12}\n"
    ".warn{color:#7a4d00}.message{color:#8e1b12}\n"
    ".ratio{margin:6px 0;font-variant-numeric:tabular-nums}\n"
    "h3{font-size:1.05em;margin:22px 0 6px}\n"
    "a{color:#1f5fa8}\n";

/* Sorting the summary table by a header click: numbers by their data-v
 * attribute, text by its content; a second click reverses. Written
 * without '<' or '&' so that the page stays well-formed XML. */
static const char html_script[] =
    "document.querySelectorAll('table.sortable').forEach(function(t){\n"
    "  var hs=t.tHead.rows[0].cells;\n"
    "  Array.prototype.forEach.call(hs,function(h,col){\n"
    "    h.tabIndex=0;\n"
    "    function sort(){\n"
    "      var asc=h.getAttribute('aria-sort')!=='ascending';\n"
    "      Array.prototype.forEach.call(hs,function(o){"
    "o.removeAttribute('aria-sort');});\n"
    "      h.setAttribute('aria-sort',asc?'ascending':'descending');\n"
    "      var body=t.tBodies[0];\n"
    "      var rows=Array.prototype.slice.call(body.rows);\n"
    "      rows.sort(function(a,b){\n"
    "        var x=a.cells[col],y=b.cells[col];\n"
    "        var vx=x.getAttribute('data-v'),vy=y.getAttribute('data-v');\n"
    "        var r=(vx!==null)?((vy!==null)?parseFloat(vx)-parseFloat(vy)"
    ":-1)\n"
    "          :((vy!==null)?1:x.textContent.localeCompare(y.textContent));\n"
    "        return asc?r:-r;\n"
    "      });\n"
    "      rows.forEach(function(r){body.appendChild(r);});\n"
    "    }\n"
    "    h.addEventListener('click',sort);\n"
    "    h.addEventListener('keydown',function(e){"
    "if(e.key==='Enter')sort();});\n"
    "  });\n"
    "});\n";

/* The primary series of an entry, or NULL when it has none. */
static const ys_series *html_primary(const ys_bench_result *r) {
  return r != NULL && r->n_series > 0 ? &r->series[0] : NULL;
}

/* A number for the sorting script: data-v="…" with every digit kept, or
 * nothing for a value that is not one (the row then sorts last). */
static void html_sort_value(FILE *out, double v) {
  if (isfinite(v)) fprintf(out, " data-v=\"%.17g\"", v);
}

/* One cell with a metric's value, sortable by the value itself. */
static void html_value_cell(FILE *out, const ys_series *s, double v) {
  char buf[YS_UNITS_BUF];
  fputs("<td class=\"num\"", out);
  html_sort_value(out, v);
  fputc('>', out);
  if (isfinite(v))
    ys_plot_escape(
        out, ys_units_metric_value(s->kind, v, s->unit, buf, sizeof(buf)));
  fputs("</td>", out);
}

static void html_header(FILE *out, const ys_run_view *run) {
  const ys_context *ctx = run->ctx;
  const ys_summary *sum = run->summary;
  fputs("<header>\n<h1>yardstick report</h1>\n<p class=\"context\">", out);
  size_t n = sum->n_ok + sum->n_skipped + sum->n_failed;
  fprintf(out, "%zu benchmark%s: %zu ok, %zu skipped, %zu failed", n,
          n == 1 ? "" : "s", sum->n_ok, sum->n_skipped, sum->n_failed);
  if (sum->compared) {
    char counts[512];
    fputs(" · compared with <strong>", out);
    ys_plot_escape(out, sum->baseline_name);
    fputs("</strong>: ", out);
    ys_plot_escape(
        out, ys_units_verdict_counts(sum->n_verdicts, counts, sizeof(counts)));
  }
  if (sum->missing_baseline != NULL) {
    fputs(" · no baseline <strong>", out);
    ys_plot_escape(out, sum->missing_baseline);
    fputs("</strong> yet: nothing compared", out);
  }
  fputs("<br/>", out);
  ys_plot_escape(out, ctx->date);
  fputs(" · ", out);
  ys_plot_escape(out, ctx->host_name);
  fputs(" · ", out);
  ys_plot_escape(out, ctx->cpu_model);
  fprintf(out, " · collector ");
  ys_plot_escape(out, ctx->collector);
  char rounds[96];
  fprintf(out, " · %s · seed %llu",
          ys_rounds_text(run, false, rounds, sizeof(rounds)),
          (unsigned long long)ctx->seed);
  if (ctx->git_commit[0] != '\0') {
    fputs(" · commit ", out);
    ys_plot_escape(out, ctx->git_commit);
  }
  fputs("</p>\n</header>\n", out);
}

/* The summary table: one row per benchmark, each name a link to its
 * section; every column sorts. */
static void html_table(FILE *out, const ys_run_view *run) {
  bool compared = run->summary->compared;
  fputs("<div class=\"table-wrap\"><table class=\"sortable\">\n<thead><tr>"
        "<th>benchmark</th><th>estimate</th><th>low</th><th>high</th>"
        "<th>noisy rounds</th>",
        out);
  if (compared) fputs("<th>change</th><th>verdict</th>", out);
  fputs("<th>status</th></tr></thead>\n<tbody>\n", out);
  for (size_t i = 0; i < run->n; i++) {
    const ys_report_entry *e = &run->entries[i];
    const ys_series *s = html_primary(e->res);
    bool measured = s != NULL && e->res->status == YS_BENCH_OK &&
                    !(e->cmp != NULL && e->cmp->verdict == YS_VERDICT_MISSING);
    fprintf(out, "<tr><td><a href=\"#b%zu\">", i);
    ys_plot_escape(out, e->res->name);
    fputs("</a></td>", out);
    if (measured) {
      const ys_estimate *est = ys_analysis_headline(&s->analysis);
      html_value_cell(out, s, est->point);
      html_value_cell(out, s, s->exact ? NAN : est->lo);
      html_value_cell(out, s, s->exact ? NAN : est->hi);
      char noisy[YS_UNITS_BUF];
      fputs("<td class=\"num\"", out);
      html_sort_value(out, s->exact ? NAN : s->analysis.noisy_round_share);
      fprintf(out, ">%s</td>",
              s->exact ? ""
                       : ys_units_percent(s->analysis.noisy_round_share, 0,
                                          false, noisy, sizeof(noisy)));
    } else {
      fputs("<td></td><td></td><td></td><td></td>", out);
    }
    if (compared) {
      char ch[YS_UNITS_BUF];
      bool has = ys_units_verdict_has_change(e->cmp->verdict);
      fputs("<td class=\"num\"", out);
      html_sort_value(out, has ? e->cmp->change : NAN);
      fprintf(out, ">%s</td>",
              has ? ys_units_percent(e->cmp->change, 1, true, ch, sizeof(ch))
                  : "");
      const char *verdict = ys_verdict_name(e->cmp->verdict);
      fprintf(out, "<td><span class=\"verdict v-%s\">%s</span></td>", verdict,
              verdict);
    }
    fprintf(out, "<td>%s</td></tr>\n", ys_bench_status_name(e->res->status));
  }
  fputs("</tbody>\n</table></div>\n", out);
}

/* The headline of a benchmark: its estimate with the interval, the rounds'
 * figures. */
static void html_headline(FILE *out, const ys_series *s) {
  const ys_analysis *a = &s->analysis;
  const ys_estimate *e = ys_analysis_headline(a);
  char pt[YS_UNITS_BUF], lo[YS_UNITS_BUF], hi[YS_UNITS_BUF];
  fputs("<p class=\"headline\">", out);
  ys_plot_escape(out, s->metric);
  if (s->exact) {
    fprintf(out, ": <strong>%s</strong> (exact count)</p>\n",
            ys_units_metric_value(s->kind, e->point, s->unit, pt, sizeof(pt)));
    return;
  }
  fprintf(out, ": [%s <strong>%s</strong> %s]",
          ys_units_metric_value(s->kind, e->lo, s->unit, lo, sizeof(lo)),
          ys_units_metric_value(s->kind, e->point, s->unit, pt, sizeof(pt)),
          ys_units_metric_value(s->kind, e->hi, s->unit, hi, sizeof(hi)));
  fprintf(out, " · R² %.3f · %zu %s, %zu %s</p>\n", a->r_squared, s->n_rounds,
          ys_plural(s->n_rounds, "round", "rounds"), s->n_samples,
          ys_plural(s->n_samples, "sample", "samples"));
}

/* The benchmark's diagnostics in the console's words, each with what it
 * found ("high variance: std dev is 12.0 % of the mean"), so that the page
 * never shows an internal name. */
static void html_findings(FILE *out, const ys_bench_result *r,
                          const ys_context *ctx) {
  unsigned bits = ys_notes_of(r);
  if (bits == 0) return;
  fputs("<ul class=\"warn\">\n", out);
  for (size_t k = 0; k < YS_NOTE_COUNT; k++) {
    unsigned bit = ys_note_bits[k];
    if ((bits & bit) == 0) continue;
    char found[512];
    fprintf(out, "<li>⚠ %s: ", ys_notes_words(bit));
    ys_plot_escape(out, ys_notes_finding(bit, r, ctx, found, sizeof(found)));
    fputs("</li>\n", out);
  }
  fputs("</ul>\n", out);
}

/* A link to the benchmark's flame graph when `bench profile` left one in
 * its default folder. */
static void html_profile_link(FILE *out, const char *name,
                              const ys_report_style *style) {
  char href[4096];
  if (ys_html_profile_link(style->path, YS_HTML_PROFILE_DIR, name, href,
                           sizeof(href)) != 1)
    return;
  fputs("<p><a href=\"", out);
  ys_plot_escape(out, href);
  fputs("\">flame graph</a> (from <code>bench profile</code>)</p>\n", out);
}

/* The index of the entry named `name`, or run->n when there is none: the
 * section a group member's ratio links to. */
static size_t html_entry_index(const ys_run_view *run, const char *name) {
  for (size_t i = 0; i < run->n; i++)
    if (strcmp(run->entries[i].res->name, name) == 0) return i;
  return run->n;
}

/* A group member's line: its ratio to the reference with the interval,
 * the reference a link to its section ("ratio: 0.63× memcpy/libc
 * [0.61, 0.65]"), or why there is no ratio; the reference itself says it
 * is one. Nothing for a benchmark in no group. The same words as the
 * console and Markdown (group_text.h). */
static void html_ratio(FILE *out, const ys_bench_result *r,
                       const ys_run_view *run) {
  if (r->group[0] == '\0') return;
  fputs("<p class=\"ratio\">ratio: ", out);
  if (r->ratio.status == YS_RATIO_NONE) {
    fputs("reference of group <strong>", out);
    ys_plot_escape(out, r->group);
    fputs("</strong></p>\n", out);
    return;
  }
  if (r->ratio.status != YS_RATIO_OK) {
    char why[3 * YS_NAME_MAX];
    fputs("<span class=\"warn\">not available: ", out);
    ys_plot_escape(out, ys_group_missing_text(r, why, sizeof(why)));
    fputs("</span></p>\n", out);
    return;
  }
  char ratio[64], interval[96];
  ys_group_ratio_text(&r->ratio, ratio, sizeof(ratio), interval,
                      sizeof(interval));
  fputs("<strong>", out);
  ys_plot_escape(out, ratio);
  fputs("</strong> ", out);
  size_t ref = html_entry_index(run, r->group_reference);
  if (ref < run->n) fprintf(out, "<a href=\"#b%zu\">", ref);
  ys_plot_escape(out, r->group_reference);
  if (ref < run->n) fputs("</a>", out);
  fputc(' ', out);
  ys_plot_escape(out, interval);
  fputs("</p>\n", out);
}

/* How each family grows with its parameter (docs/statistics.md §6): a
 * sortable table of the fits, after the summary, with why a family has no
 * fit or what makes a fit uncertain in its last column. */
static void html_complexity(FILE *out, const ys_run_view *run) {
  if (run->n_complexity == 0) return;
  fputs("<h3>Complexity</h3>\n<p class=\"context\">value per iteration "
        "\xe2\x89\x88 c \xc3\x97 f(n), n the parameter</p>\n"
        "<div class=\"table-wrap\"><table class=\"sortable complexity\">\n"
        "<thead><tr><th>family</th><th>best fit</th><th>c</th><th>RMS</th>"
        "<th>exponent</th><th>sizes</th><th>note</th></tr></thead>\n"
        "<tbody>\n",
        out);
  for (size_t i = 0; i < run->n_complexity; i++) {
    const ys_complexity_fit *f = &run->complexity[i];
    char text[512];
    fputs("<tr><td>", out);
    ys_plot_escape(out, f->family);
    fputs("</td>", out);
    if (f->fitted) {
      fprintf(out, "<td>O(%s)</td>", ys_complexity_fit_name(f, f->best));
      fputs("<td class=\"num\"", out);
      html_sort_value(out, f->coefficient);
      fprintf(out, ">%.3g ", f->coefficient);
      ys_plot_escape(out, f->unit);
      fputs("</td><td class=\"num\"", out);
      html_sort_value(out, f->rms);
      fprintf(out, ">%.1f %%</td><td class=\"num\"", f->rms * 100.0);
      html_sort_value(out, f->exponent);
      fprintf(out, ">%.2f</td>", f->exponent);
    } else {
      fputs("<td></td><td></td><td></td><td></td>", out);
    }
    fputs("<td class=\"num\"", out);
    html_sort_value(out, (double)f->n_points);
    fprintf(out, ">%zu (%ld..%ld)</td><td>", f->n_points, f->n_min, f->n_max);
    /* As Markdown's notes: why there is no fit, or the sizes a fit left
     * out and whether its class is certain. */
    char tie[512];
    const char *notes[2];
    ys_complexity_text_notes(f, text, sizeof(text), tie, sizeof(tie), notes);
    for (size_t k = 0; k < 2; k++) {
      if (notes[k] == NULL) continue;
      fputs(k > 0 && notes[0] != NULL ? "<br><span class=\"warn\">"
                                      : "<span class=\"warn\">",
            out);
      ys_plot_escape(out, notes[k]);
      fputs("</span>", out);
    }
    fputs("</td></tr>\n", out);
  }
  fputs("</tbody>\n</table></div>\n", out);
}

/* The performance targets (docs/authoring.md, "Performance targets"),
 * after the summary: the cells of the console's and Markdown's table
 * (targets_text.h), a miss marked as a warning. */
static void html_targets(FILE *out, const ys_target_table *t) {
  if (t == NULL || t->n == 0) return;
  fputs("<h3>Targets</h3>\n"
        "<div class=\"table-wrap\"><table class=\"sortable targets\">\n"
        "<thead><tr><th>benchmark</th><th>target</th><th>measured</th>"
        "<th>margin</th><th>result</th></tr></thead>\n<tbody>\n",
        out);
  for (size_t i = 0; i < t->n; i++) {
    ys_target_row row;
    ys_targets_text_row(t, i, &row);
    const ys_target_result *r = &t->results[i];
    bool judged = r->status == YS_TARGET_PASS || r->status == YS_TARGET_MISS;
    fputs("<tr><td>", out);
    ys_plot_escape(out, t->specs[i].benchmark);
    fputs("</td><td>", out);
    ys_plot_escape(out, row.target);
    fputs("</td><td class=\"num\">", out);
    ys_plot_escape(out, row.measured);
    fputs("</td><td class=\"num\"", out);
    if (judged) html_sort_value(out, r->margin);
    fputs(">", out);
    ys_plot_escape(out, row.margin);
    fputs(r->status == YS_TARGET_MISS ? "</td><td><span class=\"warn\">"
                                      : "</td><td><span>",
          out);
    ys_plot_escape(out, row.verdict);
    fputs("</span></td></tr>\n", out);
  }
  fputs("</tbody>\n</table></div>\n", out);
}

/* The settings the benchmark's definition gave (docs/authoring.md,
 * "Per-benchmark settings"), worded as the console words them. */
static void html_own_settings(FILE *out, const ys_bench_result *r) {
  if (r->settings.own == 0) return;
  char text[400];
  fputs("<p class=\"context\">its own settings: ", out);
  ys_plot_escape(out, ys_settings_text(&r->settings, text, sizeof(text)));
  fputs("</p>\n", out);
}

/* A warning when the baseline's side was measured with other own
 * settings than this run's: the comparison mixes them. */
static void html_mixed_settings(FILE *out, const ys_bench_result *r,
                                const ys_bench_result *base,
                                const ys_comparison *cmp) {
  if (cmp == NULL || base == NULL ||
      !ys_compare_settings_differ(&base->settings, &r->settings))
    return;
  char text[400];
  fputs("<p class=\"warn\">measured with other settings of its own than "
        "the baseline: baseline ",
        out);
  ys_plot_escape(out,
                 base->settings.own != 0
                     ? ys_settings_text(&base->settings, text, sizeof(text))
                     : "the run's");
  fputs(", this run ", out);
  ys_plot_escape(out, r->settings.own != 0
                          ? ys_settings_text(&r->settings, text, sizeof(text))
                          : "the run's");
  fputs("</p>\n", out);
}

/* One benchmark's section: headline, ratio to its group's reference,
 * comparison and charts. */
static void html_section(FILE *out, size_t i, const ys_run_view *run,
                         const ys_report_style *style) {
  const ys_report_entry *e = &run->entries[i];
  const ys_bench_result *base_res = run->bases != NULL ? run->bases[i] : NULL;
  const ys_bench_result *r = e->res;
  fprintf(out, "<section class=\"bench\" id=\"b%zu\">\n<h2>", i);
  ys_plot_escape(out, r->name);
  fputs("</h2>\n", out);
  if (e->cmp != NULL && e->cmp->verdict == YS_VERDICT_MISSING) {
    fputs("<p>In the baseline only: not measured in this run.</p>\n"
          "</section>\n",
          out);
    return;
  }
  if (r->status != YS_BENCH_OK) {
    fprintf(out, "<p class=\"message\">%s: ", ys_bench_status_name(r->status));
    ys_plot_escape(out, r->message);
    fputs("</p>\n</section>\n", out);
    return;
  }
  const ys_series *s = html_primary(r);
  if (s == NULL) {
    fputs("<p>Nothing was measured.</p>\n</section>\n", out);
    return;
  }
  html_headline(out, s);
  html_own_settings(out, r);
  html_mixed_settings(out, r, base_res, e->cmp);
  html_findings(out, r, run->ctx);
  html_ratio(out, r, run);
  html_profile_link(out, r->name, style);
  ys_latency_html(out, r, e->cmp);
  const ys_comparison *c = e->cmp;
  const ys_series *base =
      c != NULL ? ys_bench_result_series(base_res, c->metric) : NULL;
  const ys_series *now =
      c != NULL ? ys_bench_result_series(r, c->metric) : NULL;
  bool overlay = base != NULL && now != NULL && !c->exact &&
                 ys_units_verdict_has_change(c->verdict);
  if (c != NULL && c->exact && ys_units_verdict_has_change(c->verdict)) {
    char ch[YS_UNITS_BUF];
    fprintf(out,
            "<p>Against the baseline: <strong>%s</strong> "
            "<span class=\"verdict v-%s\">%s</span></p>\n",
            ys_units_percent(c->change, 2, true, ch, sizeof(ch)),
            ys_verdict_name(c->verdict), ys_verdict_name(c->verdict));
  } else if (c != NULL && !overlay) {
    fprintf(out,
            "<p>Against the baseline: <span class=\"verdict v-%s\">%s"
            "</span></p>\n",
            ys_verdict_name(c->verdict), ys_verdict_name(c->verdict));
  }
  /* The trend over the baseline's history, with this run as its last
   * point: is today's figure inside the band the gate used? */
  bool trend =
      run->history != NULL && ys_history_chart_has(run->history, r->name);
  const ys_history_chart_now today = {
      .res = r,
      /* The band's centre is the figure this run was compared with,
       * when the comparison was on the metric the history keeps (a
       * shared CPU moves it to cpu_time). */
      .base_estimate = c != NULL && ys_units_verdict_has_change(c->verdict) &&
                               strcmp(c->metric, s->metric) == 0
                           ? c->base_estimate
                           : NAN,
      .threshold = c != NULL ? c->threshold : NAN};
  /* An exact count is one number: only its trend is drawn. */
  if (s->exact) {
    if (trend) {
      fputs("<div class=\"charts\">\n", out);
      ys_history_chart(out, run->history, r->name, &today);
      fputs("</div>\n", out);
    }
    fputs("</section>\n", out);
    return;
  }
  fputs("<div class=\"charts\">\n", out);
  if (overlay) ys_html_chart_comparison(out, base, now, c);
  if (trend) ys_history_chart(out, run->history, r->name, &today);
  ys_html_chart_distribution(out, s);
  ys_html_chart_iterations(out, s);
  ys_html_chart_rounds(out, s);
  fputs("</div>\n</section>\n", out);
}

void ys_html_page_open(FILE *out, const char *title) {
  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
        "<meta charset=\"utf-8\"/>\n"
        "<meta name=\"viewport\" content=\"width=device-width, "
        "initial-scale=1\"/>\n<title>",
        out);
  ys_plot_escape(out, title);
  fputs("</title>\n<style>\n", out);
  fputs(html_style, out);
  fputs("</style>\n</head>\n<body>\n", out);
}

void ys_html_page_close(FILE *out) {
  fputs("<script>\n", out);
  fputs(html_script, out);
  fputs("</script>\n</body>\n</html>\n", out);
}

static int html_render(FILE *out, const ys_run_view *run,
                       const ys_report_style *style) {
  ys_html_page_open(out, "yardstick report");
  html_header(out, run);
  html_table(out, run);
  html_complexity(out, run);
  html_targets(out, run->targets);
  for (size_t i = 0; i < run->n; i++)
    html_section(out, i, run, style);
  ys_html_page_close(out);
  return ys_report_finish(out, 0);
}

static const char *const html_extensions[] = {".html", ".htm", NULL};

/* The HTML page (docs/html-report.md). */
const ys_report_ops ys_report_html = {
    .name = "html",
    .extensions = html_extensions,
    .render = html_render,
};
