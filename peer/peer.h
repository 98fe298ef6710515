/*
 * peer.h — the parent side of the round protocol (worker.h): starts another
 * benchmark program with --worker and has it measure rounds on request.
 */
#ifndef YS_PEER_H
#define YS_PEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../collectors/collector.h"
#include "../core/model.h"

typedef struct ys_peer ys_peer;

/* Starts `program --worker ARGS...` (args: a NULL-terminated list of the
 * options that set up its collector, borrowed) with pipes to its stdin and
 * stdout (its stderr is ours), in a process group of its own and ended by
 * SIGTERM if this process dies, with this process's environment plus
 * `extra_env` ("NAME=VALUE", borrowed; NULL for none), and reads its
 * greeting (within a minute). The peer must speak
 * this protocol version and measure the same metrics as `collector`.
 * Returns 0 and a peer to stop with ys_peer_stop, or YS_EIO / YS_EFORMAT /
 * YS_ETIMEDOUT / YS_EINTR / YS_ENOMEM with a message naming the program in err.
 * The process's handling of SIGPIPE is left as it was: a worker that dies shows
 * as an error of the next write to it, never as a SIGPIPE here. */
int ys_peer_start(const char *program, char *const *args, const char *extra_env,
                  const ys_collector *collector, ys_peer **out, char *err,
                  size_t err_len);

/* The yardstick version the peer reported. */
const char *ys_peer_version(const ys_peer *p);

/* The benchmarks the peer defines, sorted by name. */
size_t ys_peer_count(const ys_peer *p);
const char *ys_peer_name(const ys_peer *p, size_t i);
bool ys_peer_has(const ys_peer *p, const char *name);

/* Has the peer measure one round of `name` and appends it to res (made for
 * the same collector's metrics). A benchmark that skips or fails there
 * marks res so. The answer must come within timeout_s seconds (0: no
 * limit); with warm_up_iterations > 0 the round warms up for that many
 * iterations instead of warm_up_ns (sent only then). With `latency` the
 * round is measured in latency mode and its percentiles are appended to
 * res's latency series (run/latency.h).
 * Returns 0; YS_EIO / YS_EFORMAT with a message in err when
 * the peer died or broke the protocol; YS_ETIMEDOUT when it did not answer
 * in time, YS_EINTR when SIGINT or SIGTERM arrived (run/interrupt.h) while
 * waiting: after either, the peer is in an unknown state, to be ended with
 * ys_peer_kill; YS_EINVAL when the command does not fit a protocol line;
 * YS_ENOMEM. */
int ys_peer_round(ys_peer *p, const char *name, double warm_up_ns,
                  double measurement_ns, size_t sample_size,
                  uint64_t warm_up_iterations, bool latency, double timeout_s,
                  ys_bench_result *res, char *err, size_t err_len);

/* Reads a worker's answer to one `round` command from `from`, as
 * docs/worker-protocol.md gives it: "ok N LINEAR BYTES ELEMENTS WARNINGS
 * SUGGESTED ELAPSED", "counters K" and K counter lines, then N lines
 * "ITERATIONS V1 ... VM", appended to res as one more round (res holds a
 * series for each of the M metrics, in the worker's order); for a round
 * that asked for latency mode (`latency`), "latency K" and K lines
 * "SERIES VALUE", appended to res's latency series as ys_latency_add_round
 * does; then "functions K" and K function lines, whose costs
 * are added to res's functions (round_functions.h); or
 * "skipped MESSAGE" / "failed MESSAGE", which mark res so. Returns 0;
 * YS_EIO when the input ends before the answer does; YS_EFORMAT for
 * "error MESSAGE" and for anything malformed; YS_ENOMEM. Errors other than
 * YS_ENOMEM leave a message naming `program` in err. ys_peer_round reads
 * with it; it takes any stream, so that it can be tried on text. */
int ys_peer_read_round(FILE *from, const char *program, bool latency,
                       ys_bench_result *res, char *err, size_t err_len);

/* Stops a peer that broke off a round, and writes how its process ended to
 * `how` ("exited with status 0", "was killed by signal 11 (Segmentation
 * fault)"). A process that has not ended half a second after its pipes
 * closed is killed (SIGKILL). Frees everything, like ys_peer_stop. */
void ys_peer_reap(ys_peer *p, char *how, size_t how_len);

/* Ends a peer that is busy or stuck (a round that timed out, an
 * interrupted run): SIGTERM, then SIGKILL after half a second, and waits
 * for it. Frees everything; NULL-safe. */
void ys_peer_kill(ys_peer *p);

/* Asks the peer to quit, waits for it (two seconds at most, then SIGKILL,
 * so that a peer that stopped listening cannot hang this process) and
 * frees everything; NULL-safe. */
void ys_peer_stop(ys_peer *p);

#endif
