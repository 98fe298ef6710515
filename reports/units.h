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
 *
 * The verdict helpers at the end serve every report that shows a
 * comparison, so that all of them name and count verdicts alike.
 */
#ifndef YS_UNITS_H
#define YS_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/model.h"

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
/* A value of a metric of `kind` (see core/metric.h): a time as a scaled
 * duration ("1.234 µs"), anything else as ys_units_quantity does with
 * `unit`. Returns buf. */
char *ys_units_metric_value(ys_metric_kind kind, double value, const char *unit,
                            char *buf, size_t len);

char *ys_units_percent(double ratio, int decimals, bool sign, char *buf,
                       size_t len);

/* Formats a p-value with three decimals ("0.004", "1.000"); a value that
 * would print as a misleading "0.000" is "< 0.001". NaN (no test was run)
 * is "n/a". Returns buf. */
char *ys_units_p_value(double p, char *buf, size_t len);

/* Whether a comparison with verdict `v` measured both sides, so that its
 * change, change_ci and p_value mean something: true for unchanged,
 * improved, regressed and inconclusive; false for new, missing and not
 * compared, whose reports show no change. */
bool ys_units_verdict_has_change(ys_verdict v);

/* Says, for a comparison made where the CPU was shared, what it was made
 * on and why: "on cpu_time: the CPU was shared (its process had it 50 % of
 * the time in the baseline, 38 % now)". Empty when the CPU was not shared.
 * Returns buf. */
char *ys_units_contention(const ys_comparison *c, char *buf, size_t len);

/* Whether an "unchanged" comparison still moved measurably: its interval
 * lies wholly on one side of 0, below the threshold. Reports then say it
 * is within the threshold, so that the word does not contradict the
 * interval beside it. */
bool ys_units_within_threshold(const ys_comparison *c);

/* Says what noise band a comparison was judged with (gate/band.h), for a
 * report line: "8.31 % over 10 runs of the baseline's history" or "not
 * yet available (3 of 5 runs in the baseline's history)". Empty when no
 * history was consulted or the metric is exact. Returns buf. */
char *ys_units_band(const ys_comparison *c, char *buf, size_t len);

/* Whether the noise band of the baseline's history, wider than the
 * threshold, was the bar the change was judged against (gate/band.h). */
bool ys_units_band_decides(const ys_comparison *c);

/* The most decimals ys_units_percent prints. */
#define YS_UNITS_PERCENT_DECIMALS_MAX 9

/* The threshold as a percentage with no more decimals than it has, and
 * at most three significant digits once past the third decimal:
 * 0.05 → "5 %", 0.025 → "2.5 %", 0.000001 → "0.0001 %". Returns buf. */
char *ys_units_threshold(double t, char *buf, size_t len);

/* Says why an inconclusive comparison is so and what would settle it, in
 * one clause for a report line: "the change crosses 5 % but its interval
 * reaches 0; about 40 rounds a side would settle it (--rounds 40)", or,
 * when more rounds would not be a fair price, "...; compare with --against,
 * or on a quieter machine". Empty for any other verdict. Returns buf. */
char *ys_units_doubt(const ys_comparison *c, char *buf, size_t len);

/* Formats the verdict counts of a comparison as a list of the non-zero
 * ones in a fixed order, worst first: regressed, inconclusive, improved,
 * unchanged, new, missing, not compared
 * ("2 regressed, 1 improved, 37 unchanged"). `n` (borrowed) is indexed by
 * ys_verdict; all zero gives "nothing compared". Returns buf. */
char *ys_units_verdict_counts(const size_t n[YS_VERDICT_COUNT], char *buf,
                              size_t len);

#endif
