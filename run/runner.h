/*
 * runner.h — measures the selected benchmarks: R rounds each, the rounds
 * of all benchmarks interleaved in an order shuffled by the seed, each
 * round a fresh warm-up followed by a planned series of samples.
 *
 * The runner only measures: it fills samples and rounds of each series and
 * leaves the analysis to ys_stats_analyze.
 */
#ifndef YS_RUNNER_H
#define YS_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../collectors/collector.h"
#include "../core/model.h"
#include "registry.h"
#include "settings.h"

/* Called before each (benchmark, round) is measured; `done` of `total`
 * such units are finished; `round` counts from 1. */
typedef void (*ys_progress_fn)(void *ctx, size_t done, size_t total,
                               size_t round, size_t n_rounds, const char *name);

typedef struct ys_runner_config {
  const ys_collector *collector; /* open; borrowed */
  double warm_up_ns;             /* per round */
  double measurement_ns;         /* per round */
  size_t sample_size;            /* samples per round, >= 2 */
  size_t rounds;                 /* >= 1 */
  uint64_t seed;                 /* shuffles the order of rounds */
  uint64_t fixed_iterations;     /* exact collectors: >= 1 */
  uint64_t warm_up_iterations;   /* per round, instead of warm_up_ns; 0:
                                    warm up by time */
  /* Optional: what one iteration costs in wall-clock ns, known from
   * elsewhere, for the sample plan instead of the warm-up's figure; 0: from
   * the warm-up. For a collector whose windows cost more than they time
   * (a profile's perf round trip at each edge), which would otherwise make
   * the plan think every iteration expensive and measure almost nothing. */
  double planning_cost_ns;
  /* Latency mode for every benchmark (--latency), besides those whose
   * settings ask for it (docs/statistics.md §7). */
  bool latency;
  /* Seconds one benchmark's rounds measured in this process may take in
   * all before it is stopped and failed ("timed out after S s"); 0: no
   * limit. Enforced with SIGALRM (deadline.h); rounds in workers are timed
   * by their parent instead (own_round). */
  double timeout_s;
  ys_progress_fn progress; /* may be NULL */
  void *progress_ctx;
  /* Optional: measures one round of the same benchmark elsewhere (another
   * build, in another process), alternating with ours: after ours on even
   * passes, before it on odd ones, so both sides see the same machine.
   * Returns 0, or an error code that ends the run. */
  int (*partner_round)(void *ctx, const ys_instance *inst);
  void *partner_ctx;
  /* Optional: measures this build's rounds in other processes (its own
   * workers) instead of in this one, appending each round to res as
   * ys_runner_round would. Returns 0, or an error code that ends the run. */
  int (*own_round)(void *ctx, const ys_instance *inst, ys_bench_result *res);
  void *own_ctx;
  /* Optional, for ys_runner_run: the settings of each instance, parallel
   * to them (settings.h), which then replace warm_up_ns, measurement_ns,
   * sample_size and rounds benchmark by benchmark: a benchmark with fewer
   * rounds than others sits out the later passes. Borrowed. */
  const ys_bench_settings *settings;
  /* Optional: told each round's budget before own_round or partner_round
   * measures it, when `settings` is set, so that rounds measured elsewhere
   * get the benchmark's own budget too. */
  void (*budget_changed)(void *ctx, const ys_round_budget *budget);
  void *budget_ctx;
} ys_runner_config;

/* Measures the n instances (borrowed) and fills out->benches in the same
 * order. A benchmark that skips or fails is marked so and measured no more;
 * the others go on. A exact collector gets one round of one sample
 * of its fixed iteration count per benchmark. Returns 0, YS_ENOMEM, or the
 * partner's error (the partner keeps its reason); YS_EINTR when SIGINT or
 * SIGTERM arrived (interrupt.h), checked before each round: out then holds
 * the rounds measured so far. Caller frees out with ys_run_result_free,
 * after 0 or YS_EINTR. */
int ys_runner_run(const ys_instance *instances, size_t n,
                  const ys_runner_config *cfg, ys_run_result *out);

/* A runner measures rounds one at a time, for callers that schedule rounds
 * themselves (confirmation runs, --against, the worker). */
typedef struct ys_runner ys_runner;

/* Prepares a runner with cfg (copied; progress is not used; the collector
 * stays the caller's). Returns 0 and a runner to close with
 * ys_runner_close, or YS_ENOMEM. */
int ys_runner_open(const ys_runner_config *cfg, ys_runner **out);

/* Closes a runner; NULL-safe. */
void ys_runner_close(ys_runner *r);

/* Changes the per-round budget of later rounds. */
void ys_runner_set_budget(ys_runner *r, double warm_up_ns,
                          double measurement_ns, size_t sample_size);

/* Changes how later rounds warm up: `iterations` per round, or by the
 * warm-up time when 0. */
void ys_runner_set_warm_up_iterations(ys_runner *r, uint64_t iterations);

/* Prepares an empty result for `inst` (borrowed) with one series per metric
 * of `collector`. Returns 0 or YS_ENOMEM; free the result with
 * ys_bench_result_clear or the run result that holds it. */
int ys_runner_result_init(const ys_collector *collector,
                          const ys_instance *inst, ys_bench_result *res);

/* Measures one more round of `inst` and appends it to res. A benchmark that
 * skips or fails (or, with cfg.timeout_s, has spent its time: res's
 * elapsed_s) is marked so, its measurements dropped, and is not run again.
 * A benchmark that calls exit() or forks and returns is handled by
 * exit_guard.h. Returns 0 or YS_ENOMEM. */
int ys_runner_round(ys_runner *r, const ys_instance *inst,
                    ys_bench_result *res);

/* Whether an array of `have` + `more` elements of `size` bytes has a byte
 * size that fits in size_t (no wrap-around when it is computed). */
bool ys_runner_fits(size_t have, size_t more, size_t size);

/* Measures the harness itself with the collector: the resolution of its
 * primary metric and the cost of one iteration of an empty ys_loop, in its
 * unit. Returns 0. */
int ys_runner_calibrate(const ys_collector *collector, double *resolution_ns,
                        double *loop_overhead_ns);

#endif
