/*
 * perf.h — what the perf collector exposes beyond its ops table: the
 * per-window overhead it calibrated, so that tests can check what it
 * subtracts.
 */
#ifndef YS_PERF_H
#define YS_PERF_H

#include <stddef.h>
#include <sys/types.h>

#include "collector.h"

/* At least as many events as the perf collector knows by name. */
#define YS_PERF_MAX_EVENTS 16

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

/* The events of a --counters LIST, in the order given, as indexes for the
 * ys_perf_*_command_event functions below; NULL is the default set, every
 * event the collector knows (as for an in-process run). Writes them into
 * events[0..YS_PERF_MAX_EVENTS) and returns how many (>= 1), or YS_EINVAL
 * with the collector's own message in err (err_len bytes). */
int ys_perf_parse_events(const char *list, size_t *events, char *err,
                         size_t err_len);

/* The metric event `event` (an index from ys_perf_parse_events) is
 * reported as: its name, unit and kind, never exact (a kernel's counts
 * vary with everything else the machine does). */
ys_metric ys_perf_event_metric(size_t event);

/* Opens event `event` to count a whole command whose process is `pid`,
 * which has not exec'd it yet: disabled until that process execs
 * (enable_on_exec), then counting it and every process it starts
 * (inherit), in user space only, as the collector counts. pid 0 is the
 * calling process (to find out whether the event can be opened at all).
 * Returns the fd (close-on-exec), or -1 with errno set. */
int ys_perf_open_command_event(size_t event, pid_t pid);

/* Reads an fd from ys_perf_open_command_event once its command has been
 * reaped: the count of the command and of the children it started that
 * have ended, scaled by the share of the time the event was on the PMU.
 * Returns 0, or -1 when it cannot be read or was enabled but never
 * scheduled (*value is then 0). */
int ys_perf_read_command_event(int fd, double *value);

/* Writes into out (len bytes) `prefix` and the events events[0..n) that
 * could not be opened, with why, grouped by reason as the collector's
 * notes are: "perf: not counted: instructions, cycles (ENOENT: ...)".
 * errs[i] is the errno that opening events[i] gave. */
void ys_perf_describe_unavailable(const size_t *events, const int *errs,
                                  size_t n, const char *prefix, char *out,
                                  size_t len);

#endif
