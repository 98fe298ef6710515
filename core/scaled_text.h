/*
 * scaled_text.h — a number with 4 significant digits in the unit that
 * suits it ("4.600 µs", "12.35 MiB/s"): the reports' way of writing
 * figures (reports/units.h builds on it), here in core/ so that messages
 * written outside the reports (run/'s refusal of latency mode) read alike.
 */
#ifndef YS_CORE_SCALED_TEXT_H
#define YS_CORE_SCALED_TEXT_H

#include <stddef.h>

/* Rounds s > 0 to 4 significant digits and returns the decimal exponent of
 * the rounded value (9.9996 → 1, since it rounds to 10.00); `*rounded`
 * receives the rounded value. */
int ys_sig4_round(double s, double *rounded);

/* Writes s > 0 with 4 significant digits to out: as many decimals as the
 * rounded exponent leaves, none from 1000 on (so 12345 stays "12345"). */
void ys_sig4_write(double s, char *out, size_t len);

/* Writes v, in units[0], in the largest of the n_units units (each `base`
 * times the one before) that keeps the number shown, rounded to 4
 * digits, below `base`: "1.234 KiB/s". "n/a" for a value that is not
 * finite. Returns buf. */
char *ys_scaled_text(double v, double base, const char *const *units,
                     size_t n_units, char *buf, size_t len);

/* A duration of `ns` nanoseconds, from ps to s: "4.600 µs", "0.000 ns" for
 * zero. Returns buf. */
char *ys_duration_text(double ns, char *buf, size_t len);

#endif
