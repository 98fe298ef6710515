#include "latency_markdown.h"

#include "latency_text.h"
#include "metric_verdicts.h"
#include "units.h"

/* One cell: the figure (point and interval) of row `row`, its change
 * against the baseline when compared, or "–" when not shown. */
static void cell(FILE *out, const ys_report_entry *e, size_t row) {
  const ys_latency *l = &e->res->latency;
  char a[YS_UNITS_BUF], b[YS_UNITS_BUF], c[YS_UNITS_BUF];
  fputs(" | ", out);
  if (row < YS_LATENCY_QUANTILES && !l->has_pct[row]) {
    fputs("\xe2\x80\x93", out); /* – */
    return;
  }
  if (row < YS_LATENCY_QUANTILES)
    fprintf(out, "%s [%s, %s]",
            ys_units_duration(l->pct[row].point, a, sizeof(a)),
            ys_units_duration(l->pct[row].lo, b, sizeof(b)),
            ys_units_duration(l->pct[row].hi, c, sizeof(c)));
  else
    fputs(ys_units_duration(l->max, a, sizeof(a)), out);
  const ys_metric_comparison *m =
      ys_metric_verdicts_find(e->cmp, ys_latency_text_series(row));
  if (m != NULL && ys_units_verdict_has_change(m->verdict))
    fprintf(out, " (%s, %s)",
            ys_units_percent(m->change, 1, true, a, sizeof(a)),
            ys_verdict_name(m->verdict));
}

void ys_latency_markdown(FILE *out, const ys_run_view *run, size_t max_rows,
                         ys_md_code_fn code, ys_md_text_fn text) {
  bool header = false, refused = false;
  for (size_t i = 0; i < run->n && i < max_rows; i++) {
    const ys_report_entry *e = &run->entries[i];
    const ys_latency *l = &e->res->latency;
    if (e->res->status != YS_BENCH_OK || l->status != YS_LATENCY_ON ||
        l->kept == 0) {
      refused |= l->status == YS_LATENCY_REFUSED;
      continue;
    }
    if (!header)
      fputs("\n| Latency | p50 | p90 | p99 | p99.9 | max | timed |\n"
            "|---|---:|---:|---:|---:|---:|---:|\n",
            out);
    header = true;
    fputs("| ", out);
    code(out, e->res->name, true);
    for (size_t row = 0; row < YS_LATENCY_TEXT_ROWS; row++)
      cell(out, e, row);
    char n[YS_UNITS_BUF];
    fprintf(out, " | %s |\n", ys_units_count((int64_t)l->timed, n, sizeof(n)));
  }
  if (header)
    fputs("\nPercentiles of every iteration timed on its own, with 95 % "
          "bootstrap intervals; max has none; \xe2\x80\x93: too few "
          "iterations (a percentile p needs 1/(1 \xe2\x88\x92 p)).\n",
          out);
  if (!refused) return;
  fputs("\n**Latency mode refused**\n\n", out);
  for (size_t i = 0; i < run->n && i < max_rows; i++) {
    const ys_latency *l = &run->entries[i].res->latency;
    if (l->status != YS_LATENCY_REFUSED) continue;
    fputs("- ", out);
    text(out, l->why);
    fputc('\n', out);
  }
}
