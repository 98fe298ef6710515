/*
 * metric_verdicts.h — how reports word the per-metric comparisons of a
 * benchmark (ys_comparison.metrics; docs/statistics.md §3, "Every
 * metric"): which gated metric crossed its threshold, and one metric's
 * change with its verdict.
 */
#ifndef YS_METRIC_VERDICTS_H
#define YS_METRIC_VERDICTS_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/model.h"

/* The comparison of `metric` (borrowed) in c->metrics, or NULL. */
const ys_metric_comparison *ys_metric_verdicts_find(const ys_comparison *c,
                                                    const char *metric);

/* Writes the gated metrics other than the primary one that regressed, as
 * "D1mr +14.0 % (gate 10 %)", joined by ", ", into buf: what made a
 * benchmark regressed besides its primary metric. Returns whether there
 * was any (buf is empty otherwise). `decimals` is that of the percentages
 * (Markdown writes 1, the console 2). */
bool ys_metric_verdicts_crossed(const ys_comparison *c, int decimals, char *buf,
                                size_t len);

/* Writes the gated metrics only one side holds, which were not judged,
 * as "gated metric latency_p99 not in the baseline: not judged" joined
 * by "; ", into buf. Returns whether there was any (buf is empty
 * otherwise). Such a metric leaves the verdict to the others, as a
 * benchmark "not compared" leaves the exit code alone. */
bool ys_metric_verdicts_unjudged(const ys_comparison *c, char *buf, size_t len);

/* Writes one metric's change for a report line: a gated metric's with its
 * verdict, "+19.94 % → regressed (gate 10 %)"; an ungated one's alone,
 * "+0.01 %", or "+19.94 % (beyond 5 %, not gated)" when it crossed the
 * threshold. The interval of a noisy metric follows its change in
 * brackets. A gated metric the other side lacks (not compared): "gated,
 * not in the baseline: not judged". Returns buf. */
char *ys_metric_verdicts_change(const ys_metric_comparison *m, char *buf,
                                size_t len);

#endif
