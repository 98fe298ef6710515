/*
 * wall.c — the wall-clock collector: CLOCK_MONOTONIC around whole batches,
 * and the process's CPU time beside it.
 *
 * The CPU clock is read outside the monotonic window (before start, after
 * stop) because it is a system call, not a vDSO read: it must not inflate
 * the primary metric.
 */
#include "collector.h"

#include <stdlib.h>
#include <time.h>

#include "../core/error.h"

typedef struct wall_ctx {
  struct timespec wall0;
  struct timespec cpu0;
} wall_ctx;

static const ys_metric wall_metrics[] = {
    {"time", "ns", YS_METRIC_TIME, false},
    {"cpu_time", "ns", YS_METRIC_TIME, false},
};

static double elapsed_ns(const struct timespec *a, const struct timespec *b) {
  return (double)(b->tv_sec - a->tv_sec) * 1e9 +
         (double)(b->tv_nsec - a->tv_nsec);
}

static int wall_open(void **ctx, const ys_collector_options *opts, char *err,
                     size_t err_len) {
  (void)opts;
  (void)err;
  (void)err_len;
  *ctx = calloc(1, sizeof(wall_ctx));
  return *ctx == NULL ? YS_ENOMEM : 0;
}

static size_t wall_metrics_of(void *ctx, const ys_metric **out) {
  (void)ctx;
  *out = wall_metrics;
  return sizeof(wall_metrics) / sizeof(wall_metrics[0]);
}

static void wall_start(void *ctx) {
  wall_ctx *w = ctx;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &w->cpu0);
  clock_gettime(CLOCK_MONOTONIC, &w->wall0);
}

static void wall_stop(void *ctx, double *acc) {
  wall_ctx *w = ctx;
  struct timespec wall1, cpu1;
  clock_gettime(CLOCK_MONOTONIC, &wall1);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu1);
  acc[0] += elapsed_ns(&w->wall0, &wall1);
  acc[1] += elapsed_ns(&w->cpu0, &cpu1);
}

static void wall_close(void *ctx) {
  free(ctx);
}

/* The clock's effective resolution: the smallest non-zero step seen between
 * consecutive reads. clock_getres() reports the nominal 1 ns of hrtimers,
 * which says nothing about the clock source a virtual machine provides. */
static double wall_resolution(void *ctx) {
  (void)ctx;
  double smallest = 0;
  for (int i = 0; i < 1000; i++) {
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    do {
      clock_gettime(CLOCK_MONOTONIC, &b);
    } while (b.tv_sec == a.tv_sec && b.tv_nsec == a.tv_nsec);
    double step = elapsed_ns(&a, &b);
    if (smallest == 0 || step < smallest) smallest = step;
  }
  return smallest;
}

const ys_collector_ops ys_collector_wall = {
    .name = "wall",
    .open = wall_open,
    .metrics = wall_metrics_of,
    .start = wall_start,
    .stop = wall_stop,
    .close = wall_close,
    .resolution = wall_resolution,
};
