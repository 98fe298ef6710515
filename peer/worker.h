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
 *     round NAME WARM_UP_NS MEASUREMENT_NS SAMPLE_SIZE [WARM_UP_ITERATIONS]
 *           [latency]
 *     quit
 *   worker → parent, per round:
 *     ok N_SAMPLES LINEAR BYTES_PER_ITERATION ELEMENTS_PER_ITERATION
 *        WARNINGS SUGGESTED_SAMPLE_SIZE ELAPSED_S
 *     counters K, K lines FLAGS NAME
 *     ITERATIONS VALUE_1 ... VALUE_M   (N_SAMPLES lines, M metrics)
 *     latency K, K lines SERIES VALUE  (only when the round asked for
 *                                       latency mode)
 *     functions K
 *     SELF INCLUSIVE SELF_L1 INCLUSIVE_L1 SELF_LL INCLUSIVE_LL NAME
 *                                      (K lines; K is 0 unless the worker
 *                                       counts under callgrind)
 *   or
 *     skipped MESSAGE | failed MESSAGE | error MESSAGE
 */
#ifndef YS_WORKER_H
#define YS_WORKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../collectors/collector.h"
#include "../core/model.h"
#include "../run/registry.h"

/* 3: an ok answer ends with the functions of the round's windows.
 * 4: an ok answer names the round's counters before its samples.
 * 5: a round may ask for latency mode; its answer then carries the
 *    round's latency percentiles after its samples. */
#define YS_WORKER_PROTOCOL 5

/* Longest line of the protocol that is not a sample line. */
#define YS_WORKER_LINE_MAX 1024

/* Longest function line, and the longest function name a worker sends
 * (longer ones are left out: C++ names can run to kilobytes). */
#define YS_WORKER_FUNCTION_LINE_MAX 4096
#define YS_WORKER_FUNCTION_NAME_MAX (YS_WORKER_FUNCTION_LINE_MAX - 6 * 21)

/* Bounds of a round command's fields: the most any command line can ask
 * for (--warm-up-time and --measurement-time are at most 3600 s per
 * benchmark; --sample-size at most 1000000). A worker refuses more with an
 * error answer instead of trying. */
#define YS_WORKER_MAX_TIME_NS 3.6e12
#define YS_WORKER_MAX_SAMPLES 1000000

/* One parsed "round NAME WARM_UP_NS MEASUREMENT_NS SAMPLE_SIZE" command. */
typedef struct ys_worker_round {
  char name[YS_NAME_MAX];
  double warm_up_ns;
  double measurement_ns;
  size_t sample_size;
  uint64_t warm_up_iterations; /* optional fifth word; 0 when absent */
  bool latency;                /* the word "latency" ends the command */
} ys_worker_round;

/* Parses the arguments of a round command (the text after "round ", split
 * in place). Every field is checked: four words, or five with a warm-up
 * iteration count, then optionally the word "latency"; a name that fits,
 * finite times in (0, YS_WORKER_MAX_TIME_NS], a sample size of decimal
 * digits from 1 to YS_WORKER_MAX_SAMPLES. Returns 0, or YS_EFORMAT with
 * the field at fault named in err. */
int ys_worker_parse_round(char *args, ys_worker_round *out, char *err,
                          size_t err_len);

/* Takes standard output for the protocol: returns a stream on a duplicate
 * of file descriptor 1, and points descriptor 1 at stderr's file, so that
 * whatever a benchmark prints (printf, puts, a child's output) goes to
 * stderr and never into the protocol. Returns NULL when a descriptor
 * cannot be duplicated (nothing changed then). */
FILE *ys_worker_claim_stdout(void);

/* Serves rounds of the n instances (borrowed) measured with `collector`
 * until "quit" or end of input; an exact collector counts batches of
 * `fixed_iterations` (--iterations, as the parent's own batches; 0 counts
 * as 1). Returns 0, or YS_EIO / YS_ENOMEM / YS_ENOTSUP with a message on
 * stderr. */
int ys_worker_serve(const ys_collector *collector, uint64_t fixed_iterations,
                    const ys_instance *instances, size_t n, FILE *in,
                    FILE *out);

#endif
