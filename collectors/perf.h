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

/* Checks a --counters LIST ("cycles,instructions") without opening
 * anything: every name one the perf collector knows, none twice, none
 * empty. Returns 0, or YS_EINVAL with the message the collector would give
 * at open in err (err_len bytes), naming the event and the known ones. */
int ys_perf_check_counters(const char *list, char *err, size_t err_len);

#endif
