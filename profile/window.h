/*
 * window.h — a collector that wraps the run's own collector and switches
 * perf's sampling on at the start of each timed window and off at its end,
 * so that setup, teardown and the harness stay out of the profile.
 */
#ifndef YS_PROFILE_WINDOW_H
#define YS_PROFILE_WINDOW_H

#include <stdint.h>

#include "../collectors/collector.h"
#include "perf_session.h"

typedef struct ys_profile_window {
  const ys_collector *inner; /* borrowed: measures the windows */
  ys_perf_session *perf;     /* borrowed */
  uint64_t windows;          /* windows opened */
  double sampled_s;          /* seconds perf was enabled */
  double sampled_cpu_s;      /* CPU seconds of this process meanwhile */
  double enabled_at;         /* ys_clock_now_s() at the last enable */
  double enabled_cpu_at;     /* process CPU time at the last enable */
  int error;                 /* the first failed command, or 0 */
} ys_profile_window;

/* Prepares `w` and the collector `out` the runner is given: it measures
 * what `inner` measures, and sends perf "enable" (acknowledged) just
 * before inner's start and "disable" (acknowledged) just after inner's
 * stop. `out` borrows `w`, which must outlive it. */
void ys_profile_window_init(ys_profile_window *w, const ys_collector *inner,
                            ys_perf_session *perf, ys_collector *out);

/* The window edges, named so that perf_stacks.c can recognise samples
 * taken in them (harness code, not the benchmark's). */
void ys_profile_window_start(void *ctx);
void ys_profile_window_stop(void *ctx, double *acc);

#endif
