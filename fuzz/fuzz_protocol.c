/*
 * fuzz_protocol.c — libFuzzer target: both readers of the worker protocol
 * (docs/worker-protocol.md) on untrusted text, through fmemopen since both
 * read a stream.
 *
 * The first byte picks the side. Even: the parent's reader of a worker's
 * answers (ys_peer_read_round), called until the input ends or is refused,
 * with 1 to 4 metrics (bits 1-2), to rounds in latency mode or not (bit 3).
 * Odd: the worker's reader of commands (ys_worker_serve) over the rest of the
 * input, serving two benchmarks that skip or fail at once, so that a command
 * naming one runs it without measuring for however long the command asks.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yardstick.h>

#include "collectors/collector.h"
#include "core/model.h"
#include "peer/peer.h"
#include "peer/worker.h"
#include "run/registry.h"

static void bench_skips(ys_state *state) {
  ys_skip(state, "skips on purpose");
}

static void bench_fails(ys_state *state) {
  ys_error(state, "fails on purpose");
}

static const ys_bench skip_def = {.name = "skips", .fn = bench_skips};
static const ys_bench fail_def = {.name = "fails", .fn = bench_fails};
static const ys_instance instances[] = {
    {.name = "fails", .def = &fail_def},
    {.name = "skips", .def = &skip_def},
};

/* Opened once: the worker's collector and where its answers go. Both live
 * until the process ends, so they are not leaks of any one input. */
static ys_collector *wall;
static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  char err[256];
  ys_collector_options opts = {.iterations = 1};
  if (ys_collector_open("wall", &opts, &wall, err, sizeof(err)) != 0) {
    fprintf(stderr, "fuzz_protocol: %s\n", err);
    abort();
  }
  sink = fopen("/dev/null", "w");
  if (sink == NULL) abort();
  return 0;
}

/* The metrics a parent may expect, as its collector would list them. */
static const ys_metric metrics[] = {
    {"time", "ns", YS_METRIC_TIME, false},
    {"cpu_time", "ns", YS_METRIC_TIME, false},
    {"instructions", "instructions", YS_METRIC_COUNT, true},
    {"cycles", "cycles", YS_METRIC_COUNT, false},
};

/* Aborts unless every series holds the same rounds, tiling its samples,
 * and every sample is what a worker can send: at least one iteration and
 * finite values (docs/worker-protocol.md). A latency series holds one
 * sample per round, and at most as many rounds as the others. */
static void check_rounds(const ys_bench_result *res) {
  if (!isfinite(res->elapsed_s) || res->elapsed_s < 0) abort();
  for (size_t m = 0; m < res->n_series; m++) {
    const ys_series *s = &res->series[m];
    bool latency = (s->counter & YS_SERIES_LATENCY) != 0;
    if (latency ? s->n_rounds > res->series[0].n_rounds ||
                      s->n_samples != s->n_rounds
                : s->n_rounds != res->series[0].n_rounds ||
                      s->n_samples != res->series[0].n_samples)
      abort();
    for (size_t i = 0; i < s->n_samples; i++)
      if (s->samples[i].iterations == 0 || !isfinite(s->samples[i].value))
        abort();
    size_t next = 0;
    for (size_t r = 0; r < s->n_rounds; r++) {
      if (s->rounds[r].first_sample != next || s->rounds[r].n_samples == 0)
        abort();
      next += s->rounds[r].n_samples;
    }
    if (next != s->n_samples) abort();
  }
}

static void parent_side(FILE *in, size_t n_metrics, bool latency) {
  ys_bench_result res;
  memset(&res, 0, sizeof(res));
  snprintf(res.name, sizeof(res.name), "fuzz");
  res.series = calloc(n_metrics, sizeof(*res.series));
  if (res.series == NULL) return;
  res.n_series = n_metrics;
  for (size_t m = 0; m < n_metrics; m++) {
    res.series[m].metric = metrics[m].name;
    res.series[m].unit = metrics[m].unit;
    res.series[m].kind = metrics[m].kind;
    res.series[m].exact = metrics[m].exact;
  }
  char err[512];
  int rc;
  do {
    err[0] = '\0';
    rc = ys_peer_read_round(in, "fuzz-worker", latency, &res, err, sizeof(err));
    check_rounds(&res);
  } while (rc == 0);
  ys_bench_result_clear(&res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0; /* fmemopen refuses an empty buffer */
  uint8_t selector = data[0];
  FILE *in = fmemopen((void *)(data + 1), size - 1, "r");
  if (in == NULL) return 0;
  if ((selector & 1) == 0)
    parent_side(in, 1 + (size_t)((selector >> 1) & 3), (selector & 8) != 0);
  else
    ys_worker_serve(wall, 0, instances,
                    sizeof(instances) / sizeof(instances[0]), in, sink);
  fclose(in);
  return 0;
}
