#include "latency_text.h"

#include <stdio.h>
#include <string.h>

#include "../analysis/latency.h"
#include "units.h"

const char *ys_latency_text_label(size_t row) {
  return row < YS_LATENCY_QUANTILES ? ys_latency_label[row] : "max";
}

const char *ys_latency_text_series(size_t row) {
  return row < YS_LATENCY_SERIES ? ys_latency_series_name[row] : "";
}

char *ys_latency_text_summary(const ys_latency *l, char *buf, size_t len) {
  char timed[YS_UNITS_BUF], kept[YS_UNITS_BUF], clock[YS_UNITS_BUF];
  ys_units_count((int64_t)l->timed, timed, sizeof(timed));
  ys_units_count((int64_t)l->kept, kept, sizeof(kept));
  ys_units_duration(l->clock_ns, clock, sizeof(clock));
  if (l->kept < l->timed)
    snprintf(buf, len,
             "%s iterations timed one by one, %s kept at random \xc2\xb7 an "
             "empty window measures %s, included in each time (not "
             "subtracted)",
             timed, kept, clock);
  else
    snprintf(buf, len,
             "%s iterations timed one by one \xc2\xb7 an empty window "
             "measures %s, included in each time (not subtracted)",
             timed, clock);
  /* The per-round series a percentile lacks (run/latency.h): say what a
   * round needs, as the pooled figures do. */
  for (size_t q = YS_LATENCY_QUANTILES; q-- > 0;) {
    if (l->short_rounds[q] == 0) continue;
    char need[YS_UNITS_BUF];
    size_t used = strlen(buf);
    ys_units_count((int64_t)ys_latency_min_samples(ys_latency_probability[q]),
                   need, sizeof(need));
    if (used < len)
      snprintf(buf + used, len - used,
               " \xc2\xb7 per-round %s: %zu short round%s left out (a round "
               "needs %s timed iterations)",
               ys_latency_label[q], l->short_rounds[q],
               l->short_rounds[q] == 1 ? "" : "s", need);
  }
  return buf;
}

bool ys_latency_text_value(const ys_latency *l, size_t row, char *buf,
                           size_t len) {
  char a[YS_UNITS_BUF], b[YS_UNITS_BUF], c[YS_UNITS_BUF];
  if (row >= YS_LATENCY_QUANTILES) {
    snprintf(buf, len, "%s (no interval)",
             ys_units_duration(l->max, a, sizeof(a)));
    return true;
  }
  if (!l->has_pct[row]) {
    size_t need = ys_latency_min_samples(ys_latency_probability[row]);
    snprintf(buf, len, "not shown: needs %s timed iterations, has %s",
             ys_units_count((int64_t)need, a, sizeof(a)),
             ys_units_count((int64_t)l->kept, b, sizeof(b)));
    return false;
  }
  const ys_estimate *e = &l->pct[row];
  snprintf(buf, len, "[%s %s %s]", ys_units_duration(e->lo, a, sizeof(a)),
           ys_units_duration(e->point, b, sizeof(b)),
           ys_units_duration(e->hi, c, sizeof(c)));
  return true;
}
