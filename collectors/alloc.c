/*
 * alloc.c — the allocation collector: per window, the heap calls of the
 * program (alloc_hooks.c counts them) and the peak of live bytes above
 * the window's start.
 *
 * Its counts do not depend on the clock or on what else runs in the
 * window, so it is exact both alone (one fixed batch, as under callgrind)
 * and combined with wall or perf, whose windows it then shares: the
 * combination stays timed, its metrics stay exact.
 */
#include "collector.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "alloc_hooks.h"

/* The order stop() fills them in. */
static const ys_metric alloc_metrics[] = {
    {"allocations", "calls", YS_METRIC_COUNT, true},
    {"frees", "calls", YS_METRIC_COUNT, true},
    {"allocated_bytes", "bytes", YS_METRIC_COUNT, true},
    {"freed_bytes", "bytes", YS_METRIC_COUNT, true},
    {"peak_live_bytes", "bytes", YS_METRIC_COUNT, true},
};

#define N_ALLOC_METRICS (sizeof(alloc_metrics) / sizeof(alloc_metrics[0]))

/* The hooks' counters are global; the context holds the batch's
 * iteration count. */
typedef struct alloc_ctx {
  uint64_t iterations;
} alloc_ctx;

static int alloc_open(void **ctx, const ys_collector_options *opts, char *err,
                      size_t err_len) {
  (void)opts;
  const char *why = NULL;
  if (!ys_alloc_hooks_available(&why)) {
    snprintf(err, err_len, "collector 'alloc' is %s", why);
    return YS_ENOTSUP;
  }
  int rc = ys_alloc_hooks_acquire();
  if (rc == YS_EINVAL)
    snprintf(err, err_len, "collector 'alloc' is already open");
  else if (rc != 0)
    snprintf(err, err_len, "collector 'alloc' cannot map its size table");
  if (rc != 0) return rc;
  alloc_ctx *a = calloc(1, sizeof(*a));
  if (a == NULL) {
    ys_alloc_hooks_release();
    return YS_ENOMEM;
  }
  a->iterations = 1;
  *ctx = a;
  return 0;
}

static size_t alloc_metrics_of(void *ctx, const ys_metric **out) {
  (void)ctx;
  *out = alloc_metrics;
  return N_ALLOC_METRICS;
}

static void alloc_start(void *ctx) {
  (void)ctx;
  ys_alloc_hooks_begin();
}

static void alloc_batch(void *ctx, uint64_t iterations) {
  alloc_ctx *a = ctx;
  a->iterations = iterations > 0 ? iterations : 1;
}

static void alloc_stop(void *ctx, double *acc) {
  alloc_ctx *a = ctx;
  ys_alloc_counts c;
  ys_alloc_hooks_end(&c);
  acc[0] += (double)c.allocations;
  acc[1] += (double)c.frees;
  acc[2] += (double)c.bytes_allocated;
  acc[3] += (double)c.bytes_freed;
  /* The peak is a level, not a sum over iterations: times the batch's
   * iterations, so that the runner's per-iteration figure is the peak
   * itself. The windows of a paused batch each start from their own
   * level: the batch keeps the highest. */
  double peak = (double)c.peak_live * (double)a->iterations;
  if (peak > acc[4]) acc[4] = peak;
}

static void alloc_close(void *ctx) {
  if (ctx == NULL) return;
  ys_alloc_hooks_release();
  free(ctx);
}

static size_t alloc_known_metrics(const ys_collector_options *opts,
                                  ys_metric *out) {
  (void)opts;
  memcpy(out, alloc_metrics, N_ALLOC_METRICS * sizeof(alloc_metrics[0]));
  return N_ALLOC_METRICS;
}

const ys_collector_ops ys_collector_alloc = {
    .name = "alloc",
    .exact = true,
    .combinable = true,
    .open = alloc_open,
    .metrics = alloc_metrics_of,
    .known_metrics = alloc_known_metrics,
    .start = alloc_start,
    .stop = alloc_stop,
    .close = alloc_close,
    .batch = alloc_batch,
};
