/*
 * units.h — numbers for humans: durations, throughputs, counts and
 * percentages as short strings with the right unit.
 *
 * Every function writes a NUL-terminated string into a buffer the caller
 * owns and returns that buffer, so calls can sit inside a printf argument
 * list. Output that does not fit is truncated (as snprintf does). A value
 * that is NaN or infinite prints as "n/a": a report never shows "nan".
 *
 * YS_UNITS_BUF is always large enough for one value.
 */
#ifndef YS_UNITS_H
#define YS_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define YS_UNITS_BUF 64

/* Formats a duration given in nanoseconds with 4 significant digits and the
 * unit that keeps the number in [1, 1000): ps, ns, µs, ms or s ("312.4 ps",
 * "30.12 µs", "1.000 s"). The unit is chosen after rounding, so 999.96 ns is
 * "1.000 µs". Below 1 ps the digits stay in ps ("0.5000 ps"); from 1000 s
 * on, whole seconds ("3600 s"). Zero is "0.000 ns"; negative values keep
 * their sign. `buf` (borrowed, `len` bytes) receives the text; returns buf. */
char *ys_units_duration(double ns, char *buf, size_t len);

/* Formats a rate in bytes per second with 4 significant digits and binary
 * units: B/s, KiB/s, MiB/s, GiB/s, TiB/s ("3.125 GiB/s"). A value that
 * rounds to 1024 of one unit is shown as "1.000" of the next. Returns buf. */
char *ys_units_bytes_rate(double bytes_per_s, char *buf, size_t len);

/* Formats a rate in elements per second with 4 significant digits and
 * decimal prefixes: elem/s, Kelem/s, Melem/s, Gelem/s ("12.50 Melem/s").
 * Returns buf. */
char *ys_units_elements_rate(double elements_per_s, char *buf, size_t len);

/* Formats an integer with a comma between groups of three digits
 * ("1,234,567", "-1,000", "0"). Returns buf. */
char *ys_units_count(int64_t n, char *buf, size_t len);

/* Formats a measured amount of a unit that has no scale of its own (for
 * example instructions per iteration): below 1000 in magnitude with 4
 * significant digits ("12.50 instructions"), from 1000 on rounded to a whole
 * number with thousands separators ("1,234,567 instructions"). `unit` is
 * borrowed and may be NULL or "" for a bare number. Returns buf. */
char *ys_units_quantity(double value, const char *unit, char *buf, size_t len);

/* Formats a ratio as a percentage with `decimals` digits after the point
 * (0 to 9): 0.0521 → "5.21 %". With `sign`, positive values and zero get a
 * '+' ("+5.21 %", "+0.00 %"); a value that rounds to zero never shows "-".
 * Returns buf. */
char *ys_units_percent(double ratio, int decimals, bool sign, char *buf,
                       size_t len);

#endif
