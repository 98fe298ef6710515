/*
 * scaled_text.c — numbers with 4 significant digits in a unit scaled to
 * them (scaled_text.h); shared by the reports and by run/, whose messages
 * must read like the reports.
 */
#include "scaled_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rounds s > 0 to 4 significant digits and returns the decimal exponent of
 * the rounded value (9.9996 → 1, since it rounds to 10.00); `*rounded`
 * receives the rounded value. */
int ys_sig4_round(double s, double *rounded) {
  char t[40];
  snprintf(t, sizeof(t), "%.3e", s);
  *rounded = strtod(t, NULL);
  return atoi(strchr(t, 'e') + 1);
}

/* Writes s > 0 with 4 significant digits: as many decimals as the rounded
 * exponent leaves, none from 1000 on (so 12345 stays "12345"). */
void ys_sig4_write(double s, char *out, size_t len) {
  double rounded;
  int decimals = 3 - ys_sig4_round(s, &rounded);
  if (decimals < 0) decimals = 0;
  snprintf(out, len, "%.*f", decimals, s);
}

/* Shared by durations and rates: `v` is in units[0]; each next unit is
 * `base` times larger. Moves up while the value rounded to 4 digits reaches
 * `base`, so the number shown stays below it. */
char *ys_scaled_text(double v, double base, const char *const *units,
                     size_t n_units, char *buf, size_t len) {
  if (len == 0) return buf;
  if (!isfinite(v)) {
    snprintf(buf, len, "n/a");
    return buf;
  }
  if (v == 0) {
    snprintf(buf, len, "0.000 %s", units[0]);
    return buf;
  }
  const char *sign = v < 0 ? "-" : "";
  double s = fabs(v);
  size_t k = 0;
  double rounded;
  ys_sig4_round(s, &rounded);
  while (k + 1 < n_units && rounded >= base) {
    s /= base;
    k++;
    ys_sig4_round(s, &rounded);
  }
  char digits[400];
  /* With a binary base a value promoted because it rounded to 1024 is just
   * under 1 of the new unit (1023.6 B → 0.9996 KiB); "1.000" says what the
   * reader expects from a value that rounded up to the next unit. */
  if (k > 0 && s < 1)
    snprintf(digits, sizeof(digits), "%.3f", s);
  else
    ys_sig4_write(s, digits, sizeof(digits));
  snprintf(buf, len, "%s%s %s", sign, digits, units[k]);
  return buf;
}

char *ys_duration_text(double ns, char *buf, size_t len) {
  static const char *const units[] = {"ps", "ns", "\xc2\xb5s", "ms", "s"};
  /* Start from picoseconds so that values below 1 ns need no special case;
   * zero is the one value reported in ns. */
  if (ns == 0) {
    if (len > 0) snprintf(buf, len, "0.000 ns");
    return buf;
  }
  return ys_scaled_text(ns * 1000.0, 1000.0, units, 5, buf, len);
}
