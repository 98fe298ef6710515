#include "latency_html.h"

#include "latency_text.h"
#include "metric_verdicts.h"
#include "plot.h"
#include "units.h"

void ys_latency_html(FILE *out, const ys_bench_result *r,
                     const ys_comparison *cmp) {
  const ys_latency *l = &r->latency;
  char text[512];
  if (l->status == YS_LATENCY_OFF) return;
  fputs("<p class=\"context\">", out);
  ys_plot_escape(out, l->status == YS_LATENCY_REFUSED
                          ? l->why
                          : ys_latency_text_summary(l, text, sizeof(text)));
  fputs("</p>\n", out);
  if (l->status != YS_LATENCY_ON || l->kept == 0) return;
  fputs("<div class=\"table-wrap\"><table class=\"latency\">\n<thead><tr>"
        "<th>latency</th><th>[low estimate high]</th><th>change</th>"
        "</tr></thead>\n<tbody>\n",
        out);
  for (size_t row = 0; row < YS_LATENCY_TEXT_ROWS; row++) {
    fprintf(out, "<tr><td>%s</td><td class=\"num\">",
            ys_latency_text_label(row));
    ys_latency_text_value(l, row, text, sizeof(text));
    ys_plot_escape(out, text);
    fputs("</td><td>", out);
    const ys_metric_comparison *m =
        ys_metric_verdicts_find(cmp, ys_latency_text_series(row));
    if (m != NULL)
      ys_plot_escape(out, ys_metric_verdicts_change(m, text, sizeof(text)));
    fputs("</td></tr>\n", out);
  }
  fputs("</tbody>\n</table></div>\n", out);
}
