/*
 * batch.h — the bookkeeping of one call of a benchmark function, reached
 * from ys_state through its private pointer. Shared by the runner, which
 * fills and reads it, and state.c, which implements the user-facing calls.
 */
#ifndef YS_BATCH_H
#define YS_BATCH_H

#include <stdint.h>

#include "../collectors/collector.h"
#include "../core/model.h"
#include "counters.h"
#include "latency.h"

typedef enum ys_loop_phase {
  YS_LOOP_NOT_STARTED,
  YS_LOOP_RUNNING,
  YS_LOOP_DONE,
} ys_loop_phase;

typedef struct ys_batch {
  const ys_collector_ops *ops; /* borrowed */
  void *collector_ctx;         /* borrowed */
  uint64_t iterations;         /* asked for; >= 1 */
  double values[YS_MAX_METRICS];
  ys_loop_phase phase;
  bool for_form; /* YS_LOOP rather than while (ys_loop(state)) */
  bool paused;
  ys_bench_status status; /* set by ys_skip / ys_error */
  char message[YS_MESSAGE_MAX];
  uint64_t bytes_per_iteration;
  uint64_t elements_per_iteration;
  ys_counter_set counters; /* reported by this call (ys_counter) */
  /* Their samples (figure × iterations), in the order of the result's
   * counter series: entry j belongs to series first + j. */
  double counter_values[YS_MAX_COUNTERS];
  /* Latency mode: where each iteration's time goes (each iteration then
   * has a window of its own); NULL when the batch is one window. */
  ys_latency_recorder *latency;
  uint64_t latency_left;  /* iterations after the current one */
  double iteration_start; /* values[0] when the current iteration began */
} ys_batch;

#endif
