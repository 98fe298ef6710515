/*
 * callgrind_unavailable.c — the callgrind collector of a build made without
 * valgrind's headers: it exists, so --collector callgrind is understood,
 * and says what to install instead of measuring.
 */
#include <stdio.h>

#include "../../core/error.h"
#include "../collector.h"

static int unavailable_open(void **ctx, const ys_collector_options *opts,
                            char *err, size_t err_len) {
  (void)opts;
  *ctx = NULL;
  snprintf(err, err_len,
           "this build of yardstick has no callgrind support: install "
           "valgrind (apt-get install valgrind) and rebuild");
  return YS_ENOTSUP;
}

static size_t unavailable_metrics(void *ctx, const ys_metric **out) {
  (void)ctx;
  *out = NULL;
  return 0;
}

static void unavailable_window(void *ctx) {
  (void)ctx;
}

static void unavailable_stop(void *ctx, double *acc) {
  (void)ctx;
  (void)acc;
}

const ys_collector_ops ys_collector_callgrind = {
    .name = "callgrind",
    .exact = true,
    .needs_valgrind = true,
    .open = unavailable_open,
    .metrics = unavailable_metrics,
    .start = unavailable_window,
    .stop = unavailable_stop,
    .close = unavailable_window,
};
