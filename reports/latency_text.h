/*
 * latency_text.h — the words every report uses for latency mode
 * (docs/statistics.md §7): what was timed and the clock's cost, each
 * percentile with its interval or why it is not shown, and why a
 * benchmark has no percentiles at all.
 */
#ifndef YS_LATENCY_TEXT_H
#define YS_LATENCY_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/model.h"

/* Rows of a latency table: p50, p90, p99, p99.9, then max. */
#define YS_LATENCY_TEXT_ROWS (YS_LATENCY_QUANTILES + 1)

/* The label of row `row`: "p50", ..., "p99.9", "max". */
const char *ys_latency_text_label(size_t row);

/* The series (and --gate) name of row `row`: "latency_p50", ...,
 * "latency_max". */
const char *ys_latency_text_series(size_t row);

/* "4,096 iterations timed one by one · an empty window measures 24.00 ns,
 * included in each time (not subtracted)", plus ", 100,000 kept at random"
 * beyond the cap, and for each percentile whose per-round series left
 * rounds out, " · per-round p99.9: 10 short rounds left out (a round needs
 * 1,000 timed iterations)". Returns buf. */
char *ys_latency_text_summary(const ys_latency *l, char *buf, size_t len);

/* Row `row` of l (status ON): its figure "[lo point hi]" for a percentile
 * shown, "point (no interval)" for max; false with the reason in buf
 * ("needs 1,000 timed iterations, has 512") for a percentile not shown. */
bool ys_latency_text_value(const ys_latency *l, size_t row, char *buf,
                           size_t len);

#endif
