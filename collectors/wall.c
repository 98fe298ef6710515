/*
 * wall.c — the wall-clock collector: CLOCK_MONOTONIC around whole batches,
 * and the process's CPU time beside it.
 *
 * The CPU clock is read outside the monotonic window (before start, after
 * stop) because it is a system call, not a vDSO read: it must not inflate
 * the primary metric. The CPU window does contain about one such call (the
 * part of start's read after it sampled the clock, the part of stop's read
 * before), which costs a microsecond or more in a virtual machine. A batch
 * is one window, so that is nothing per iteration; but a benchmark that
 * pauses timing opens one window per iteration, and its cpu_time came out
 * well above its time (insertion_sort/64: 2.08 µs against 0.73 µs). So the
 * cost of an empty window is measured at open and subtracted from each
 * window's CPU time, as the perf collector does with its counters
 * (docs/collectors.md).
 */
#include "collector.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/error.h"

/* Empty windows measured to calibrate the CPU clock's own cost. */
#define CALIBRATION_WINDOWS 101

typedef struct wall_ctx {
  struct timespec wall0;
  struct timespec cpu0;
  double cpu_overhead_ns; /* CPU time of an empty window */
} wall_ctx;

static const ys_metric wall_metrics[] = {
    {"time", "ns", YS_METRIC_TIME, false},
    {"cpu_time", "ns", YS_METRIC_TIME, false},
};

static double elapsed_ns(const struct timespec *a, const struct timespec *b) {
  return (double)(b->tv_sec - a->tv_sec) * 1e9 +
         (double)(b->tv_nsec - a->tv_nsec);
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The median CPU time of empty windows, opened and closed as wall_start
 * and wall_stop do. The median rather than the minimum: the estimate is a
 * mean over many windows, so the typical cost is what must come off. */
static double cpu_window_cost(void) {
  double cost[CALIBRATION_WINDOWS];
  for (int i = 0; i < CALIBRATION_WINDOWS; i++) {
    struct timespec c0, w0, w1, c1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    clock_gettime(CLOCK_MONOTONIC, &w0);
    clock_gettime(CLOCK_MONOTONIC, &w1);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    cost[i] = elapsed_ns(&c0, &c1);
  }
  qsort(cost, CALIBRATION_WINDOWS, sizeof(cost[0]), compare_doubles);
  return cost[CALIBRATION_WINDOWS / 2];
}

static int wall_open(void **ctx, const ys_collector_options *opts, char *err,
                     size_t err_len) {
  (void)opts;
  (void)err;
  (void)err_len;
  wall_ctx *w = calloc(1, sizeof(wall_ctx));
  if (w == NULL) return YS_ENOMEM;
  w->cpu_overhead_ns = cpu_window_cost();
  *ctx = w;
  return 0;
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
  /* Never below zero: a window cannot have used negative CPU time. */
  double cpu = elapsed_ns(&w->cpu0, &cpu1) - w->cpu_overhead_ns;
  acc[1] += cpu > 0 ? cpu : 0;
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

static size_t wall_known_metrics(const ys_collector_options *opts,
                                 ys_metric *out) {
  (void)opts;
  memcpy(out, wall_metrics, sizeof(wall_metrics));
  return sizeof(wall_metrics) / sizeof(wall_metrics[0]);
}

const ys_collector_ops ys_collector_wall = {
    .name = "wall",
    .open = wall_open,
    .metrics = wall_metrics_of,
    .known_metrics = wall_known_metrics,
    .start = wall_start,
    .stop = wall_stop,
    .close = wall_close,
    .resolution = wall_resolution,
};
