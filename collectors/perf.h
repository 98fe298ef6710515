/*
 * perf.h — what the perf collector exposes beyond its ops table: the
 * per-window overhead it calibrated, so that tests can check what it
 * subtracts.
 */
#ifndef YS_PERF_H
#define YS_PERF_H

#include <stddef.h>

#include "collector.h"

extern const ys_collector_ops ys_collector_perf;

/* The overhead of one empty window, in the metric's unit, that the perf
 * collector subtracts from every window: the minimum over the empty
 * windows measured when it opened. `ctx` is borrowed: a context opened by
 * ys_collector_perf.open (not a combination). `metric` indexes the metrics
 * it reports. Returns the overhead (>= 0), or -1 when `metric` is out of
 * range. */
double ys_perf_overhead(void *ctx, size_t metric);

#endif
