/*
 * state.c — what a benchmark function calls on its ys_state: the edges of
 * the timed loop, pausing, throughput, skip and error.
 */
#include <stdarg.h>
#include <stdio.h>
#include <yardstick.h>

#include "batch.h"

bool ys__loop_edge(ys_state *state) {
  ys_batch *b = state->ys__run;
  if (state->ys__stopped || b->phase == YS_LOOP_DONE) return false;
  if (!state->ys__running) {
    state->ys__running = true;
    b->phase = YS_LOOP_RUNNING;
    /* This call hands out the first iteration. */
    state->ys__remaining = b->iterations - 1;
    b->ops->start(b->collector_ctx); /* last: nothing of ours is timed */
    return true;
  }
  if (!b->paused) b->ops->stop(b->collector_ctx, b->values); /* first */
  state->ys__running = false;
  b->phase = YS_LOOP_DONE;
  return false;
}

uint64_t ys__loop_begin(ys_state *state) {
  ys_batch *b = state->ys__run;
  if (state->ys__stopped || b->phase != YS_LOOP_NOT_STARTED) return 0;
  state->ys__running = true;
  b->phase = YS_LOOP_RUNNING;
  b->for_form = true;
  b->ops->start(b->collector_ctx); /* last: nothing of ours is timed */
  return b->iterations;
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
