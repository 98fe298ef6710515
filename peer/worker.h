/*
 * worker.h — the worker side of yardstick's round protocol: a benchmark
 * program started with --worker measures the rounds another yardstick
 * process asks for, over its stdin and stdout. --against uses it to run
 * another build of a suite round for round beside this one; the same
 * protocol can run a suite's own benchmarks in a child process.
 *
 * The protocol is line-based text, documented in docs/worker-protocol.md:
 *
 *   worker → parent, on start:
 *     yardstick-worker PROTOCOL VERSION
 *     metrics N NAME UNIT ... (N pairs)
 *     bench NAME              (one line per benchmark)
 *     ready
 *   parent → worker:
 *     round NAME WARM_UP_NS MEASUREMENT_NS SAMPLE_SIZE
 *     quit
 *   worker → parent, per round:
 *     ok N_SAMPLES LINEAR BYTES_PER_ITERATION ELEMENTS_PER_ITERATION
 *        WARNINGS SUGGESTED_SAMPLE_SIZE ELAPSED_S
 *     ITERATIONS VALUE_1 ... VALUE_M   (N_SAMPLES lines, M metrics)
 *   or
 *     skipped MESSAGE | failed MESSAGE | error MESSAGE
 */
#ifndef YS_WORKER_H
#define YS_WORKER_H

#include <stddef.h>
#include <stdio.h>

#include "../collectors/collector.h"
#include "../run/registry.h"

#define YS_WORKER_PROTOCOL 2

/* Longest line of the protocol that is not a sample line. */
#define YS_WORKER_LINE_MAX 1024

/* Serves rounds of the n instances (borrowed) measured with `collector`
 * until "quit" or end of input. Returns 0, or YS_EIO / YS_ENOMEM /
 * YS_ENOTSUP with a message on stderr. */
int ys_worker_serve(const ys_collector *collector, const ys_instance *instances,
                    size_t n, FILE *in, FILE *out);

#endif
