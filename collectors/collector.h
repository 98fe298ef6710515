/*
 * collector.h — what one timed window measures.
 *
 * A collector measures the window between start() and stop(); the runner
 * opens one window per batch (more when a benchmark pauses timing). Each
 * backend is one file with a `const ys_collector_ops` and one row in the
 * table in collector.c.
 */
#ifndef YS_COLLECTOR_H
#define YS_COLLECTOR_H

#include <stdbool.h>
#include <stddef.h>

/* Upper bound on the metrics one collector (or a combination) reports. */
#define YS_MAX_METRICS 16

/* One metric a collector measures. */
typedef struct ys_metric {
  const char *name; /* "time", "cpu_time", ... */
  const char *unit; /* "ns", ... */
} ys_metric;

typedef struct ys_collector_ops {
  const char *name; /* as given to --collector */
  /* Metrics in the order stop() fills them; the first is the primary. */
  const ys_metric *metrics;
  size_t n_metrics;
  /* Prepares a context. Returns 0, YS_ENOTSUP when unusable on this machine
   * (with a reason in err), or YS_ENOMEM. */
  int (*open)(void **ctx, char *err, size_t err_len);
  /* Opens the window. On the hot path's edge: no allocation, no I/O. */
  void (*start)(void *ctx);
  /* Closes the window and ADDS its measurements to acc[0..n_metrics). */
  void (*stop)(void *ctx, double *acc);
  /* Frees the context; NULL-safe. */
  void (*close)(void *ctx);
  /* The finest step the primary metric can resolve, in its unit. */
  double (*resolution)(void *ctx);
} ys_collector_ops;

/* The collector named `name`, or NULL. */
const ys_collector_ops *ys_collector_find(const char *name);

/* Comma-separated names of the collectors built in, for messages. */
const char *ys_collector_names(void);

#endif
