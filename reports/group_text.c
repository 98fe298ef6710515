#include "group_text.h"

#include <math.h>
#include <stdio.h>

/* Enough digits to tell 0.63 from 0.65 and 14.2 from 14.5, never more
 * than the interval can back. */
static void format_ratio(double v, char *buf, size_t len) {
  if (!isfinite(v))
    snprintf(buf, len, "n/a");
  else if (fabs(v) >= 100)
    snprintf(buf, len, "%.0f", v);
  else if (fabs(v) >= 10)
    snprintf(buf, len, "%.1f", v);
  else
    snprintf(buf, len, "%.2f", v);
}

void ys_group_ratio_text(const ys_group_ratio *r, char *buf, size_t len,
                         char *interval, size_t interval_len) {
  char point[32];
  format_ratio(r->ratio.point, point, sizeof(point));
  snprintf(buf, len, "%s\xc3\x97", point); /* × */
  if (interval == NULL) return;
  if (isnan(r->ratio.lo) || isnan(r->ratio.hi)) {
    snprintf(interval, interval_len, "(from %zu pair of rounds: no interval)",
             r->pairs);
    return;
  }
  if (r->ratio.lo == r->ratio.hi) {
    snprintf(interval, interval_len, "(exact)");
    return;
  }
  char lo[32], hi[32];
  format_ratio(r->ratio.lo, lo, sizeof(lo));
  format_ratio(r->ratio.hi, hi, sizeof(hi));
  snprintf(interval, interval_len, "[%s, %s]", lo, hi);
}

const char *ys_group_missing_text(const ys_bench_result *res, char *buf,
                                  size_t len) {
  switch (res->ratio.status) {
  case YS_RATIO_NO_REFERENCE:
    snprintf(buf, len,
             "not available: its reference '%s' is not in this run "
             "(left out by the filters or by --shard)",
             res->group_reference);
    return buf;
  case YS_RATIO_NOT_MEASURED:
    snprintf(buf, len,
             "not available: it or its reference '%s' skipped, failed "
             "or has no rounds",
             res->group_reference);
    return buf;
  case YS_RATIO_ZERO_REFERENCE:
    snprintf(buf, len,
             "not available: its reference '%s' measured 0 per "
             "iteration",
             res->group_reference);
    return buf;
  default:
    return NULL;
  }
}

const char *ys_ratio_status_name(ys_ratio_status status) {
  switch (status) {
  case YS_RATIO_OK:
    return "ok";
  case YS_RATIO_NO_REFERENCE:
    return "no_reference";
  case YS_RATIO_NOT_MEASURED:
    return "not_measured";
  case YS_RATIO_ZERO_REFERENCE:
    return "zero_reference";
  default:
    return "reference";
  }
}
