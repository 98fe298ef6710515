/*
 * metric_verdicts.c — the wording of per-metric comparisons
 * (metric_verdicts.h).
 */
#include "metric_verdicts.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "units.h"

const ys_metric_comparison *ys_metric_verdicts_find(const ys_comparison *c,
                                                    const char *metric) {
  if (c == NULL || metric == NULL) return NULL;
  for (size_t i = 0; i < c->n_metrics; i++)
    if (c->metrics[i].metric != NULL &&
        strcmp(c->metrics[i].metric, metric) == 0)
      return &c->metrics[i];
  return NULL;
}

bool ys_metric_verdicts_crossed(const ys_comparison *c, int decimals, char *buf,
                                size_t len) {
  size_t used = 0;
  buf[0] = '\0';
  /* metrics[0] is the primary metric: its change is the row's own. */
  for (size_t i = 1; c != NULL && i < c->n_metrics && used < len; i++) {
    const ys_metric_comparison *m = &c->metrics[i];
    if (!m->gated || m->verdict != YS_VERDICT_REGRESSED) continue;
    char pct[YS_UNITS_BUF], thr[YS_UNITS_BUF];
    used += (size_t)snprintf(
        buf + used, len - used, "%s%s %s (gate %s%s)", used > 0 ? ", " : "",
        m->metric,
        ys_units_percent(m->change, decimals, true, pct, sizeof(pct)),
        ys_units_threshold(m->threshold, thr, sizeof(thr)),
        m->higher_is_better ? ", higher is better" : "");
  }
  return buf[0] != '\0';
}

bool ys_metric_verdicts_unjudged(const ys_comparison *c, char *buf,
                                 size_t len) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 1; c != NULL && i < c->n_metrics && used < len; i++) {
    const ys_metric_comparison *m = &c->metrics[i];
    if (!m->gated || m->verdict != YS_VERDICT_NOT_COMPARED) continue;
    used += (size_t)snprintf(buf + used, len - used,
                             "%sgated metric %s not in %s: not judged",
                             used > 0 ? "; " : "", m->metric,
                             m->base_lacks ? "the baseline" : "this run");
  }
  return buf[0] != '\0';
}

char *ys_metric_verdicts_change(const ys_metric_comparison *m, char *buf,
                                size_t len) {
  /* A gated metric the other side lacks has no change to show. */
  if (m->verdict == YS_VERDICT_NOT_COMPARED) {
    snprintf(buf, len, "gated, not in %s: not judged",
             m->base_lacks ? "the baseline" : "this run");
    return buf;
  }
  char pct[YS_UNITS_BUF], lo[YS_UNITS_BUF], hi[YS_UNITS_BUF], thr[YS_UNITS_BUF];
  int n = snprintf(buf, len, "%s",
                   ys_units_percent(m->change, 2, true, pct, sizeof(pct)));
  if (!m->exact && isfinite(m->change_ci.lo) && isfinite(m->change_ci.hi) &&
      n >= 0 && (size_t)n < len)
    n += snprintf(buf + n, len - (size_t)n, " [%s %s]",
                  ys_units_percent(m->change_ci.lo, 2, true, lo, sizeof(lo)),
                  ys_units_percent(m->change_ci.hi, 2, true, hi, sizeof(hi)));
  if (n < 0 || (size_t)n >= len) return buf;
  ys_units_threshold(m->threshold, thr, sizeof(thr));
  /* A gated metric has a verdict that counts. An ungated one only says
   * whether it moved beyond the threshold, without a verdict's word: it
   * fails nothing. */
  if (m->gated)
    snprintf(buf + n, len - (size_t)n, " \xe2\x86\x92 %s (gate %s%s)",
             ys_verdict_name(m->verdict), thr,
             m->higher_is_better ? ", higher is better" : "");
  else if (m->verdict == YS_VERDICT_REGRESSED ||
           m->verdict == YS_VERDICT_IMPROVED)
    snprintf(buf + n, len - (size_t)n, " (beyond %s, not gated)", thr);
  else if (m->verdict == YS_VERDICT_INCONCLUSIVE)
    snprintf(buf + n, len - (size_t)n, " (inconclusive, not gated)");
  return buf;
}
