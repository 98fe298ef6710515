/*
 * window.c — the collector that gates perf's sampling (window.h).
 */
#include "window.h"

#include <string.h>
#include <time.h>

#include "../core/clock.h"
#include "../core/error.h"

/* CPU time of this process: cpu-clock samples advance with it, so samples
 * per CPU second show perf's rate however busy the machine is. */
static double cpu_now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* The wrapper is driven by the runner through the ops table below; open
 * and close belong to the inner collector, which the caller owns. */
static int window_open(void **ctx, const ys_collector_options *opts, char *err,
                       size_t err_len) {
  (void)ctx;
  (void)opts;
  (void)err;
  (void)err_len;
  return YS_ENOTSUP;
}

static size_t window_metrics(void *ctx, const ys_metric **out) {
  ys_profile_window *w = ctx;
  *out = w->inner->metrics;
  return w->inner->n_metrics;
}

/* Enabling is acknowledged before the inner window opens, so the whole
 * timed window is sampled and the command's round trip is not timed. */
void ys_profile_window_start(void *ctx) {
  ys_profile_window *w = ctx;
  if (w->error == 0) {
    w->error = ys_perf_session_command(w->perf, "enable");
    w->enabled_at = ys_clock_now_s();
    w->enabled_cpu_at = cpu_now_s();
  }
  w->windows++;
  w->inner->ops->start(w->inner->ctx);
}

/* The inner window closes first; sampling stops when perf acknowledges,
 * while this process waits for the answer off the CPU. */
void ys_profile_window_stop(void *ctx, double *acc) {
  ys_profile_window *w = ctx;
  w->inner->ops->stop(w->inner->ctx, acc);
  if (w->error == 0) {
    w->sampled_s += ys_clock_now_s() - w->enabled_at;
    w->sampled_cpu_s += cpu_now_s() - w->enabled_cpu_at;
    w->error = ys_perf_session_command(w->perf, "disable");
  }
}

static void window_close(void *ctx) {
  (void)ctx;
}

static double window_resolution(void *ctx) {
  ys_profile_window *w = ctx;
  const ys_collector_ops *ops = w->inner->ops;
  return ops->resolution != NULL ? ops->resolution(w->inner->ctx) : 0;
}

static void window_label(void *ctx, const char *name) {
  ys_profile_window *w = ctx;
  if (w->inner->ops->label != NULL) w->inner->ops->label(w->inner->ctx, name);
}

static const ys_collector_ops window_ops = {
    .name = "profile",
    .open = window_open,
    .metrics = window_metrics,
    .start = ys_profile_window_start,
    .stop = ys_profile_window_stop,
    .close = window_close,
    .resolution = window_resolution,
    .label = window_label,
};

void ys_profile_window_init(ys_profile_window *w, const ys_collector *inner,
                            ys_perf_session *perf, ys_collector *out) {
  memset(w, 0, sizeof(*w));
  w->inner = inner;
  w->perf = perf;
  *out = (ys_collector){.ops = &window_ops,
                        .ctx = w,
                        .metrics = inner->metrics,
                        .n_metrics = inner->n_metrics,
                        .exact = inner->exact};
}
