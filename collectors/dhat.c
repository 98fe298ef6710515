/*
 * dhat.c — the collector of `bench profile --collector dhat`
 * (docs/profiling.md, "Allocation sites under DHAT").
 *
 * DHAT measures the whole process: valgrind 3.19's dhat.h has no client
 * request that starts or stops it (only DHAT_AD_HOC_EVENT, for its ad hoc
 * mode). So the allocation sites of the timed windows are found by
 * difference, between two runs of one benchmark under DHAT with batches
 * of N and of 2N iterations (profile/dhat.c), and what this collector has
 * to do in those runs is make the runner measure fixed batches: it is
 * exact, and counts the windows, which nobody reads. Its start and stop
 * allocate nothing, so the harness's own heap use is the same in both
 * runs and cancels out. It measures nothing a run could report, and is
 * refused outside `profile` (harness/option_rules.c).
 */
#include "collector.h"

#include <stdlib.h>
#include <string.h>

static const ys_metric dhat_metrics[] = {
    {"windows", "windows", YS_METRIC_COUNT, true},
};

static int dhat_open(void **ctx, const ys_collector_options *opts, char *err,
                     size_t err_len) {
  (void)opts;
  (void)err;
  (void)err_len;
  *ctx = NULL;
  return 0;
}

static size_t dhat_metrics_of(void *ctx, const ys_metric **out) {
  (void)ctx;
  *out = dhat_metrics;
  return sizeof(dhat_metrics) / sizeof(dhat_metrics[0]);
}

static void dhat_start(void *ctx) {
  (void)ctx;
}

static void dhat_stop(void *ctx, double *acc) {
  (void)ctx;
  acc[0] += 1.0;
}

static void dhat_close(void *ctx) {
  (void)ctx;
}

static size_t dhat_known_metrics(const ys_collector_options *opts,
                                 ys_metric *out) {
  (void)opts;
  memcpy(out, dhat_metrics, sizeof(dhat_metrics));
  return sizeof(dhat_metrics) / sizeof(dhat_metrics[0]);
}

const ys_collector_ops ys_collector_dhat = {
    .name = "dhat",
    .exact = true,
    .open = dhat_open,
    .metrics = dhat_metrics_of,
    .known_metrics = dhat_known_metrics,
    .start = dhat_start,
    .stop = dhat_stop,
    .close = dhat_close,
};
