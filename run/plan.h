/*
 * plan.h — how many iterations each sample of a round runs
 * (docs/statistics.md §1): a doubling warm-up estimates the time of one
 * iteration, then the sample plan spreads the measurement time over n
 * samples, linearly growing when it fits, flat otherwise.
 *
 * Both steps are pure or take the batch runner as a callback, so tests
 * drive them with a fake clock.
 */
#ifndef YS_PLAN_H
#define YS_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Runs one batch of `iterations` and returns its elapsed time in ns, or a
 * negative value when the benchmark stopped (error or skip). */
typedef double (*ys_batch_fn)(void *ctx, uint64_t iterations);

typedef struct ys_warmup {
  uint64_t iterations; /* summed over all warm-up batches */
  double elapsed_ns;   /* summed over all warm-up batches */
  double met_ns;       /* mean execution time: elapsed / iterations */
} ys_warmup;

/* Runs batches of 1, 2, 4, ... iterations until their summed time exceeds
 * warm_up_ns. Returns 0, or YS_EBENCH when a batch reported a stop. */
int ys_plan_warm_up(ys_batch_fn run, void *ctx, double warm_up_ns,
                    ys_warmup *out);

/* Runs batches of 1, 2, 4, ... iterations, the last one cut short, until
 * exactly `iterations` (>= 1) have run: a warm-up by count, for a
 * benchmark whose state settles after a known number of iterations.
 * Returns 0, or YS_EBENCH when a batch reported a stop. */
int ys_plan_warm_up_count(ys_batch_fn run, void *ctx, uint64_t iterations,
                          ys_warmup *out);

typedef struct ys_plan {
  bool linear;        /* iterations d, 2d, ..., n·d; else k each */
  uint64_t step;      /* d when linear, k when flat */
  size_t n;           /* number of samples */
  size_t suggested_n; /* when step == 1: a sample size below n whose
                         samples hold 2 or more iterations; else 0 */
} ys_plan;

/* Chooses the iteration counts of n samples for a measurement time of
 * measurement_ns, given the mean time of one iteration met_ns (> 0). */
void ys_plan_choose(double met_ns, double measurement_ns, size_t n,
                    ys_plan *out);

/* Iterations of sample i (0-based) of a plan. */
static inline uint64_t ys_plan_iterations(const ys_plan *p, size_t i) {
  return p->linear ? p->step * (uint64_t)(i + 1) : p->step;
}

#endif
