/*
 * state.c — what a benchmark function calls on its ys_state: the edges of
 * the timed loop, pausing, throughput, skip and error.
 */
#include <stdarg.h>
#include <stdio.h>
#include <yardstick.h>

#include "batch.h"

/* Latency mode: hands out one iteration at a time, each in a window of
 * its own, and keeps how long it took (run/latency.h). Returns the
 * iterations handed out (1, or 0 when the batch is done). The first
 * iteration's window is opened by the loop's start. */
static uint64_t latency_next(ys_state *state, ys_batch *b) {
  if (!b->paused) b->ops->stop(b->collector_ctx, b->values); /* first */
  b->paused = false;
  /* What the windows of this iteration added up to: a pause inside it
   * splits the iteration into several windows, and only they count. */
  ys_latency_record(b->latency, b->values[0] - b->iteration_start);
  if (b->latency_left == 0) {
    state->ys__running = false;
    b->phase = YS_LOOP_DONE;
    return 0;
  }
  b->latency_left--;
  b->iteration_start = b->values[0];
  b->ops->start(b->collector_ctx); /* last: nothing of ours is timed */
  return 1;
}

/* Opens the loop's first window; returns the iterations to run before the
 * harness is called again: all of them, or one in latency mode. */
static uint64_t open_loop(ys_state *state, ys_batch *b) {
  state->ys__running = true;
  b->phase = YS_LOOP_RUNNING;
  uint64_t handed_out = b->iterations;
  if (b->latency != NULL) {
    b->latency_left = b->iterations - 1;
    b->iteration_start = b->values[0];
    handed_out = 1;
  }
  b->ops->start(b->collector_ctx); /* last: nothing of ours is timed */
  return handed_out;
}

bool ys__loop_edge(ys_state *state) {
  ys_batch *b = state->ys__run;
  if (state->ys__stopped || b->phase == YS_LOOP_DONE) return false;
  if (!state->ys__running) {
    /* This call hands out the first iteration. */
    state->ys__remaining = open_loop(state, b) - 1;
    return true;
  }
  if (b->latency != NULL) return latency_next(state, b) != 0;
  if (!b->paused) b->ops->stop(b->collector_ctx, b->values); /* first */
  state->ys__running = false;
  b->phase = YS_LOOP_DONE;
  return false;
}

uint64_t ys__loop_begin(ys_state *state) {
  ys_batch *b = state->ys__run;
  if (state->ys__stopped || b->phase != YS_LOOP_NOT_STARTED) return 0;
  b->for_form = true;
  return open_loop(state, b);
}

uint64_t ys__loop_next(ys_state *state) {
  ys_batch *b = state->ys__run;
  if (b->latency != NULL && state->ys__running) return latency_next(state, b);
  return ys__loop_end(state) ? 1 : 0;
}

bool ys__loop_end(ys_state *state) {
  ys_batch *b = state->ys__run;
  if (state->ys__running && !b->paused)
    b->ops->stop(b->collector_ctx, b->values); /* first */
  state->ys__running = false;
  if (b->phase == YS_LOOP_RUNNING) b->phase = YS_LOOP_DONE;
  return false;
}

void ys_pause_timing(ys_state *state) {
  ys_batch *b = state->ys__run;
  if (!state->ys__running || b->paused) return;
  b->ops->stop(b->collector_ctx, b->values);
  b->paused = true;
}

void ys_resume_timing(ys_state *state) {
  ys_batch *b = state->ys__run;
  if (!state->ys__running || !b->paused) return;
  b->paused = false;
  b->ops->start(b->collector_ctx);
}

void ys_set_bytes_per_iteration(ys_state *state, uint64_t bytes) {
  ys_batch *b = state->ys__run;
  b->bytes_per_iteration = bytes;
}

void ys_set_elements_per_iteration(ys_state *state, uint64_t elements) {
  ys_batch *b = state->ys__run;
  b->elements_per_iteration = elements;
}

/* Ends the loop at its next test and records why. The first report wins:
 * a benchmark that errors after skipping stays skipped. */
static void stop_with(ys_state *state, ys_bench_status status, const char *fmt,
                      va_list ap) {
  ys_batch *b = state->ys__run;
  if (state->ys__stopped) return;
  state->ys__stopped = true;
  state->ys__remaining = 0;
  state->ys__running = false;
  b->status = status;
  vsnprintf(b->message, sizeof(b->message), fmt, ap);
}

void ys_skip(ys_state *state, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  stop_with(state, YS_BENCH_SKIPPED, fmt, ap);
  va_end(ap);
}

void ys_error(ys_state *state, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  stop_with(state, YS_BENCH_FAILED, fmt, ap);
  va_end(ap);
}
