/*
 * units.c — human-readable numbers for the reports.
 *
 * Rounding to 4 significant digits is done by printf's own decimal rounding
 * ("%.3e"), and the unit is chosen from the *rounded* value. Choosing it
 * from the raw value would print 999.96 ns as "1000 ns": the number would
 * leave [1, 1000) only after the unit was already fixed.
 */
#include "units.h"

#include "../core/plural.h"
#include "../core/policy.h"
#include "../core/scaled_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const ys__na = "n/a";

char *ys_units_duration(double ns, char *buf, size_t len) {
  return ys_duration_text(ns, buf, len);
}

char *ys_units_bytes_rate(double bytes_per_s, char *buf, size_t len) {
  static const char *const units[] = {"B/s", "KiB/s", "MiB/s", "GiB/s",
                                      "TiB/s"};
  return ys_scaled_text(bytes_per_s, 1024.0, units, 5, buf, len);
}

char *ys_units_elements_rate(double elements_per_s, char *buf, size_t len) {
  static const char *const units[] = {"elem/s", "Kelem/s", "Melem/s",
                                      "Gelem/s"};
  return ys_scaled_text(elements_per_s, 1000.0, units, 4, buf, len);
}

/* Writes `mag` with thousands separators, after a '-' when `negative`. */
static void write_grouped(uint64_t mag, bool negative, char *buf, size_t len) {
  char rev[40]; /* 20 digits, 6 commas, sign */
  size_t n = 0;
  int in_group = 0;
  do {
    if (in_group == 3) {
      rev[n++] = ',';
      in_group = 0;
    }
    rev[n++] = (char)('0' + mag % 10);
    mag /= 10;
    in_group++;
  } while (mag > 0);
  if (negative) rev[n++] = '-';
  char text[40];
  for (size_t i = 0; i < n; i++)
    text[i] = rev[n - 1 - i];
  text[n] = '\0';
  snprintf(buf, len, "%s", text);
}

char *ys_units_count(int64_t n, char *buf, size_t len) {
  if (len == 0) return buf;
  /* Negate in unsigned arithmetic: -INT64_MIN does not fit an int64_t. */
  uint64_t mag = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
  write_grouped(mag, n < 0, buf, len);
  return buf;
}

char *ys_units_quantity(double value, const char *unit, char *buf, size_t len) {
  if (len == 0) return buf;
  if (!isfinite(value)) {
    snprintf(buf, len, "%s", ys__na);
    return buf;
  }
  const char *sep = unit != NULL && unit[0] != '\0' ? " " : "";
  if (unit == NULL) unit = "";
  const char *minus = value < 0 ? "-" : "";
  char digits[64];
  double mag = fabs(value);
  double rounded = 0;
  if (mag > 0) ys_sig4_round(mag, &rounded);
  if (mag == 0) {
    minus = "";
    snprintf(digits, sizeof(digits), "0");
  } else if (rounded < 1000 && mag != floor(mag)) {
    ys_sig4_write(mag, digits, sizeof(digits));
  } else if (mag < 9e18) {
    /* Whole numbers as they are, and everything from a thousand up: a
     * fraction of an instruction in a count of thousands says nothing.
     * 9e18 keeps llround inside int64_t. */
    write_grouped((uint64_t)llround(mag), false, digits, sizeof(digits));
  } else {
    snprintf(digits, sizeof(digits), "%.3e", mag);
  }
  snprintf(buf, len, "%s%s%s%s", minus, digits, sep, unit);
  return buf;
}

char *ys_units_metric_value(ys_metric_kind kind, double value, const char *unit,
                            char *buf, size_t len) {
  if (kind == YS_METRIC_TIME) return ys_units_duration(value, buf, len);
  return ys_units_quantity(value, unit, buf, len);
}

char *ys_units_percent(double ratio, int decimals, bool sign, char *buf,
                       size_t len) {
  if (len == 0) return buf;
  double pct = ratio * 100.0;
  if (!isfinite(pct)) {
    snprintf(buf, len, "%s", ys__na);
    return buf;
  }
  if (decimals < 0) decimals = 0;
  if (decimals > YS_UNITS_PERCENT_DECIMALS_MAX)
    decimals = YS_UNITS_PERCENT_DECIMALS_MAX;
  char digits[400];
  /* Past a million per cent the digits say nothing more than their
   * magnitude, and would not fit a caller's buffer with the '%'. */
  if (fabs(pct) >= 1e6)
    snprintf(digits, sizeof(digits), "%.3g", fabs(pct));
  else
    snprintf(digits, sizeof(digits), "%.*f", decimals, fabs(pct));
  /* Decide the sign from the printed digits, not the value: -0.001 %
   * printed with two decimals is zero and must not read "-0.00 %". */
  bool zero = strspn(digits, "0.") == strlen(digits);
  const char *prefix = "";
  if (pct < 0 && !zero)
    prefix = "-";
  else if (sign)
    prefix = "+";
  snprintf(buf, len, "%s%s %%", prefix, digits);
  return buf;
}

char *ys_units_p_value(double p, char *buf, size_t len) {
  if (len == 0) return buf;
  if (!isfinite(p))
    snprintf(buf, len, "%s", ys__na);
  else if (p < 0.0005)
    snprintf(buf, len, "< 0.001");
  else
    snprintf(buf, len, "%.3f", p);
  return buf;
}

bool ys_units_verdict_has_change(ys_verdict v) {
  switch (v) {
  case YS_VERDICT_UNCHANGED:
  case YS_VERDICT_IMPROVED:
  case YS_VERDICT_REGRESSED:
  case YS_VERDICT_INCONCLUSIVE:
    return true;
  case YS_VERDICT_NEW:
  case YS_VERDICT_MISSING:
  case YS_VERDICT_NOT_COMPARED:
  case YS_VERDICT_COUNT:
    break;
  }
  return false;
}

char *ys_units_contention(const ys_comparison *c, char *buf, size_t len) {
  if (len == 0) return buf;
  buf[0] = '\0';
  if (!c->contended) return buf;
  /* Shares lie in [0, 1] give or take rounding: whole per cent suffice. */
  char was[16] = "?", now[16] = "?";
  if (isfinite(c->base_cpu_share) && fabs(c->base_cpu_share) < 100)
    snprintf(was, sizeof(was), "%.0f %%", c->base_cpu_share * 100);
  if (isfinite(c->new_cpu_share) && fabs(c->new_cpu_share) < 100)
    snprintf(now, sizeof(now), "%.0f %%", c->new_cpu_share * 100);
  snprintf(buf, len,
           "on %s: the CPU was shared (its process had it %s of the time in "
           "the baseline, %s now)",
           c->metric != NULL ? c->metric : "?", was, now);
  return buf;
}

bool ys_units_within_threshold(const ys_comparison *c) {
  return c->verdict == YS_VERDICT_UNCHANGED && !c->exact &&
         (c->change_ci.lo > 0.0 || c->change_ci.hi < 0.0);
}

bool ys_units_band_decides(const ys_comparison *c) {
  return c->band_checked && !c->exact && isfinite(c->band) &&
         c->band > c->threshold;
}

char *ys_units_threshold(double t, char *buf, size_t len) {
  /* As many decimals as the threshold has, up to three significant
   * digits: 2.5 %, 12.34 % and 0.0001 % (which three decimals would show
   * as 0.000 %, a gate that passes nothing). */
  int decimals = 0;
  for (;;) {
    double scaled = fabs(t) * 100 * pow(10, decimals);
    bool whole = fabs(scaled - round(scaled)) <= 1e-6 * fmax(1, scaled);
    if (whole || (decimals >= 3 && scaled >= 100) ||
        decimals == YS_UNITS_PERCENT_DECIMALS_MAX)
      break;
    decimals++;
  }
  if (t != 0 && fabs(t) * 100 < pow(10, -YS_UNITS_PERCENT_DECIMALS_MAX)) {
    snprintf(buf, len, "%.3g %%", t * 100);
    return buf;
  }
  return ys_units_percent(t, decimals, false, buf, len);
}

char *ys_units_doubt(const ys_comparison *c, char *buf, size_t len) {
  if (len == 0) return buf;
  buf[0] = '\0';
  if (c->verdict != YS_VERDICT_INCONCLUSIVE) return buf;
  char thr[YS_UNITS_BUF];
  ys_units_threshold(c->threshold, thr, sizeof(thr));
  const char *why;
  switch (c->doubt) {
  case YS_DOUBT_TOO_WIDE:
    why = "its interval reaches more than %s beyond the change on both sides";
    break;
  case YS_DOUBT_FEW_ROUNDS:
    why = "the change crosses %s on too few rounds to back it";
    break;
  case YS_DOUBT_CONTENDED:
    why = "the change crosses %s while other processes kept the CPU too "
          "busy to judge it";
    break;
  case YS_DOUBT_UNSUPPORTED:
  case YS_DOUBT_NONE:
  default:
    why = "the change crosses %s but its interval reaches 0";
    break;
  }
  int w = snprintf(buf, len, why, thr);
  if (w < 0 || (size_t)w >= len) return buf;
  if (c->doubt == YS_DOUBT_CONTENDED)
    snprintf(buf + w, len - (size_t)w,
             "; more rounds would not settle it: rerun on a quieter machine");
  else if (c->settle_rounds > 0)
    snprintf(buf + w, len - (size_t)w,
             "; about %zu %s a side would settle it (--rounds %zu here "
             "and in the baseline)",
             c->settle_rounds, ys_plural(c->settle_rounds, "round", "rounds"),
             c->settle_rounds);
  else
    snprintf(buf + w, len - (size_t)w,
             "; more rounds would not settle it: rerun on a quieter machine");
  return buf;
}

char *ys_units_verdict_counts(const size_t n[YS_VERDICT_COUNT], char *buf,
                              size_t len) {
  /* Worst first, so the part a reader must act on is never cut off. */
  static const ys_verdict order[] = {
      YS_VERDICT_REGRESSED,    YS_VERDICT_INCONCLUSIVE, YS_VERDICT_IMPROVED,
      YS_VERDICT_UNCHANGED,    YS_VERDICT_NEW,          YS_VERDICT_MISSING,
      YS_VERDICT_NOT_COMPARED,
  };
  if (len == 0) return buf;
  buf[0] = '\0';
  size_t used = 0;
  for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
    if (n[order[i]] == 0) continue;
    int w = snprintf(buf + used, len - used, "%s%zu %s", used > 0 ? ", " : "",
                     n[order[i]], ys_verdict_name(order[i]));
    if (w < 0 || (size_t)w >= len - used) return buf; /* truncated */
    used += (size_t)w;
  }
  if (used == 0) snprintf(buf, len, "nothing compared");
  return buf;
}

char *ys_units_band(const ys_comparison *c, char *buf, size_t len) {
  if (len > 0) buf[0] = '\0';
  /* No history at all (a baseline saved without --history): nothing to
   * say, rather than "not yet available" under every benchmark. */
  if (!c->band_checked || c->exact || (c->band_runs == 0 && !isfinite(c->band)))
    return buf;
  char pct[YS_UNITS_BUF];
  if (isfinite(c->band))
    snprintf(buf, len, "%s over %zu runs of the baseline's history",
             ys_units_percent(c->band, 2, false, pct, sizeof(pct)),
             c->band_runs);
  else
    snprintf(buf, len,
             "not yet available (%zu of %d runs in the baseline's history)",
             c->band_runs, YS_POLICY_BAND_MIN_RUNS);
  return buf;
}
