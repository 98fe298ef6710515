/*
 * collector.h — what one timed window measures.
 *
 * A collector measures the window between start() and stop(); the runner
 * opens one window per batch (more when a benchmark pauses timing). Each
 * backend is one file with a `const ys_collector_ops` and one row in the
 * table in collector.c. A program opens its collector once, with
 * ys_collector_open, which also combines backends ("wall,perf").
 */
#ifndef YS_COLLECTOR_H
#define YS_COLLECTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/metric.h"

/* Upper bound on the metrics one collector (or a combination) reports. */
#define YS_MAX_METRICS 32

/* What the command line tells collectors. */
typedef struct ys_collector_options {
  const char *counters;  /* perf: --counters LIST, NULL for the default set */
  bool require_counters; /* perf: a requested event that cannot be counted
                            is an error instead of a note */
  bool cache_sim;        /* callgrind: simulate caches (--cache-sim) */
  const char *callgrind_out; /* callgrind: keep raw files in this folder */
  uint64_t iterations;       /* iterations per measured batch for exact
                                collectors (callgrind); >= 1 */
} ys_collector_options;

typedef struct ys_collector_ops {
  const char *name; /* as given to --collector */
  /* Every metric it measures is exact (each ys_metric says so too; a test
   * checks they agree): the runner measures one round of one sample of a
   * fixed iteration count, after one unmeasured batch, instead of a timed
   * plan. Known before opening, so that combinations can be checked. */
  bool exact;
  /* Exact yet measurable in any window (alloc): it may be combined with
   * timed backends. The combination is then timed, and its metrics keep
   * their exactness. Meaningless without `exact`. */
  bool combinable;
  /* It measures only inside valgrind: the harness re-executes the program
   * under valgrind before opening it (harness/valgrind_launch.c). */
  bool needs_valgrind;
  /* Prepares a context. Returns 0; YS_ENOTSUP when unusable on this machine
   * or YS_EINVAL for options it refuses (reason in err); or YS_ENOMEM. */
  int (*open)(void **ctx, const ys_collector_options *opts, char *err,
              size_t err_len);
  /* The metrics measured, in the order stop() fills them; the first is the
   * primary. Valid from open to close. */
  size_t (*metrics)(void *ctx, const ys_metric **out);
  /* Optional (none known without it): the metrics open() would report
   * with `opts` (NULL: with the options that report the most), in the
   * order metrics() gives them, known without opening so that a --gate or
   * a target can be checked before anything runs. Writes at most
   * YS_MAX_METRICS into `out` (names static) and returns how many. A
   * backend that may find some of them uncountable here (perf) lists them
   * all the same. */
  size_t (*known_metrics)(const ys_collector_options *opts, ys_metric *out);
  /* Opens the window. On the hot path's edge: no allocation, no I/O. */
  void (*start)(void *ctx);
  /* Closes the window and ADDS its measurements to acc[0..n_metrics). */
  void (*stop)(void *ctx, double *acc);
  /* Frees the context; NULL-safe. */
  void (*close)(void *ctx);
  /* Optional: the finest step of the primary metric, in its unit. */
  double (*resolution)(void *ctx);
  /* Optional: names the benchmark the next windows belong to. */
  void (*label)(void *ctx, const char *name);
  /* Optional: the iteration count of the batch whose windows come next,
   * called before the benchmark function. A metric that is a level the
   * window reached rather than a sum over iterations (alloc's peak of live
   * bytes) multiplies it by this in stop(), so that the runner's division
   * by the iterations gives the level itself. */
  void (*batch)(void *ctx, uint64_t iterations);
  /* Optional: what a user should know about this collector here (events
   * that cannot be counted and why), or NULL. Static until close. */
  const char *(*notes)(void *ctx);
} ys_collector_ops;

/* An open collector: one backend, or several measured together. */
typedef struct ys_collector {
  const ys_collector_ops *ops; /* drives ctx; combined backends share one */
  void *ctx;
  const ys_metric *metrics;
  size_t n_metrics;
  bool exact;
} ys_collector;

/* Checks a --collector value: one backend name, or several joined by ','
 * (each at most once; an exact backend cannot be combined unless it is
 * `combinable`). Returns
 * 0 or YS_EINVAL with the reason in err. */
int ys_collector_check(const char *spec, char *err, size_t err_len);

/* Opens the collector `spec` names (see ys_collector_check). Returns 0 and
 * a collector to close with ys_collector_close, or an error code of the
 * backend's open with its reason in err. */
int ys_collector_open(const char *spec, const ys_collector_options *opts,
                      ys_collector **out, char *err, size_t err_len);

/* Closes a collector; NULL-safe. */
void ys_collector_close(ys_collector *c);

/* The names of the metrics the collector `spec` (checked by
 * ys_collector_check; NULL: every backend) would report with `opts` (NULL:
 * the options that report the most), without opening it: its backends'
 * metric_names in order, each name once. Writes at most `max` static
 * names into `names` and returns how many; 0 for a spec that names no
 * backend. */
size_t ys_collector_metric_names(const char *spec,
                                 const ys_collector_options *opts,
                                 const char **names, size_t max);

/* The backends that report the metric `metric` under some options,
 * in the order ys_collector_names lists them: writes at most `max` into
 * `out` and returns how many (0: no collector records it). */
size_t ys_collector_backends_recording(const char *metric,
                                       const ys_collector_ops **out,
                                       size_t max);

/* The metric named `metric` as the first backend that reports it under
 * some options describes it (name, unit, kind, exactness), in *out.
 * Returns false when no collector records it. */
bool ys_collector_metric_known(const char *metric, ys_metric *out);

/* The backend named `name`, or NULL. */
const ys_collector_ops *ys_collector_find(const char *name);

/* Comma-separated names of the backends built in, for messages. */
const char *ys_collector_names(void);

#endif
