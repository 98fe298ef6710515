#include "targets_text.h"

#include <math.h>
#include <string.h>

#include "safe_text.h"
#include "units.h"

/* A limit or measured value in the metric's unit: a time scaled ("16.6
 * ms"), a count with its unit. */
static char *value_text(const ys_target_result *r, double v, char *buf,
                        size_t len) {
  return ys_units_metric_value(r->kind, v, r->unit, buf, len);
}

/* Past ten times the limit a percentage is no longer read as one
 * ("-13638425.9 %"): the margin is shown as how many times over the limit
 * the judged value is ("×136,386 over"), or capped ("> +1000 %"). */
#define MARGIN_SHOWN_MAX 10.0

/* The margin of r as a reader takes it in, into buf. */
static void margin_text(const ys_target_spec *s, const ys_target_result *r,
                        char *buf, size_t len) {
  if (r->margin > MARGIN_SHOWN_MAX) {
    snprintf(buf, len, "> +%.0f %%", MARGIN_SHOWN_MAX * 100);
    return;
  }
  if (r->margin >= -MARGIN_SHOWN_MAX || r->limit <= 0) {
    ys_units_percent(r->margin, 1, true, buf, len);
    return;
  }
  /* Only a budget (<=) can be missed by more than its limit. */
  double times = s->at_least ? r->limit / r->judged : r->judged / r->limit;
  if (!(times < 1e12)) { /* beyond what digits read as */
    snprintf(buf, len, "\xc3\x97%.2e over", times);
    return;
  }
  char digits[16];
  int n = snprintf(digits, sizeof(digits), "%.0f", times);
  /* Thousands grouped, so the order of magnitude reads at a glance. */
  char grouped[24];
  size_t used = 0;
  for (int k = 0; k < n && used + 2 < sizeof(grouped); k++) {
    if (k > 0 && (n - k) % 3 == 0) grouped[used++] = ',';
    grouped[used++] = digits[k];
  }
  grouped[used] = '\0';
  snprintf(buf, len, "\xc3\x97%s over", grouped); /* × */
}

void ys_targets_text_row(const ys_target_table *t, size_t i,
                         ys_target_row *out) {
  const ys_target_spec *s = &t->specs[i];
  const ys_target_result *r = &t->results[i];
  char limit[YS_UNITS_BUF];
  memset(out, 0, sizeof(*out));
  bool judged = r->status == YS_TARGET_PASS || r->status == YS_TARGET_MISS;
  if (r->unit != NULL)
    snprintf(out->target, sizeof(out->target), "%s %s %s", s->metric,
             ys_target_op(s), value_text(r, r->limit, limit, sizeof(limit)));
  else /* a user counter the run did not reach: the limit as written */
    snprintf(out->target, sizeof(out->target), "%s %s %g%s", s->metric,
             ys_target_op(s), s->limit, s->unit == YS_LIMIT_NS ? " ns" : "");
  snprintf(out->measured, sizeof(out->measured), "-");
  snprintf(out->margin, sizeof(out->margin), "-");
  if (judged) {
    char lo[YS_UNITS_BUF], point[YS_UNITS_BUF], hi[YS_UNITS_BUF];
    if (r->exact)
      snprintf(out->measured, sizeof(out->measured), "%s",
               value_text(r, r->measured.point, point, sizeof(point)));
    else
      snprintf(out->measured, sizeof(out->measured), "[%s %s %s]",
               value_text(r, r->measured.lo, lo, sizeof(lo)),
               value_text(r, r->measured.point, point, sizeof(point)),
               value_text(r, r->measured.hi, hi, sizeof(hi)));
    if (isfinite(r->margin))
      margin_text(s, r, out->margin, sizeof(out->margin));
    else if (r->margin > 0) /* a floor of 0 exceeded */
      snprintf(out->margin, sizeof(out->margin), "> +%.0f %%",
               MARGIN_SHOWN_MAX * 100);
  }
  switch (r->status) {
  case YS_TARGET_PASS:
    out->verdict = "pass";
    break;
  case YS_TARGET_MISS:
    out->verdict = "MISS";
    break;
  case YS_TARGET_NOT_RECORDED:
    /* The machine formats keep the short status; a reader is told why. */
    out->verdict = "not measured by this collector";
    break;
  default:
    out->verdict = ys_target_status_name(r->status);
  }
}

void ys_targets_text_console(FILE *out, const ys_target_table *t, bool color) {
  if (t == NULL || t->n == 0) return;
  /* Column widths from the cells themselves, so the table lines up
   * whatever the names and units. */
  size_t w_name = strlen("benchmark"), w_target = strlen("target"),
         w_measured = strlen("measured"), w_margin = strlen("margin");
  for (size_t i = 0; i < t->n; i++) {
    ys_target_row row;
    ys_targets_text_row(t, i, &row);
    size_t n = ys_safe_text_columns(t->specs[i].benchmark);
    if (n > w_name) w_name = n;
    if (strlen(row.target) > w_target) w_target = strlen(row.target);
    if (ys_safe_text_columns(row.measured) > w_measured)
      w_measured = ys_safe_text_columns(row.measured);
    if (strlen(row.margin) > w_margin) w_margin = strlen(row.margin);
  }
  fprintf(out, "\ntargets (a time passes when its interval's end on the "
               "limit's side is within it)\n");
  fprintf(out, "  %-*s  %-*s  %-*s  %*s  %s\n", (int)w_name, "benchmark",
          (int)w_target, "target", (int)w_measured, "measured", (int)w_margin,
          "margin", "verdict");
  for (size_t i = 0; i < t->n; i++) {
    ys_target_row row;
    ys_targets_text_row(t, i, &row);
    fputs("  ", out);
    ys_safe_text_write(out, t->specs[i].benchmark);
    size_t pad = w_name - ys_safe_text_columns(t->specs[i].benchmark);
    size_t pad_m = w_measured - ys_safe_text_columns(row.measured);
    fprintf(out, "%*s  %-*s  %s%*s  %*s  ", (int)pad, "", (int)w_target,
            row.target, row.measured, (int)pad_m, "", (int)w_margin,
            row.margin);
    const char *sgr = !color                                   ? ""
                      : t->results[i].status == YS_TARGET_PASS ? "\x1b[32m"
                      : t->results[i].status == YS_TARGET_MISS ? "\x1b[31;1m"
                                                               : "";
    fprintf(out, "%s%s%s\n", sgr, row.verdict, sgr[0] ? "\x1b[0m" : "");
  }
  fputc('\n', out);
}
