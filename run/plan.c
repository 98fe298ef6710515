#include "plan.h"

#include <math.h>

#include "../core/error.h"

int ys_plan_warm_up(ys_batch_fn run, void *ctx, double warm_up_ns,
                    ys_warmup *out) {
  uint64_t batch = 1;
  out->iterations = 0;
  out->elapsed_ns = 0;
  for (;;) {
    double t = run(ctx, batch);
    if (t < 0) return YS_EBENCH;
    out->iterations += batch;
    out->elapsed_ns += t;
    if (out->elapsed_ns > warm_up_ns) break;
    /* Doubling reaches the warm-up time in log2 steps whatever the cost of
     * an iteration; the cap only guards against a clock that never moves. */
    if (batch < (UINT64_C(1) << 62)) batch *= 2;
  }
  out->met_ns = out->elapsed_ns / (double)out->iterations;
  return 0;
}

int ys_plan_warm_up_count(ys_batch_fn run, void *ctx, uint64_t iterations,
                          ys_warmup *out) {
  uint64_t batch = 1;
  out->iterations = 0;
  out->elapsed_ns = 0;
  while (out->iterations < iterations) {
    uint64_t left = iterations - out->iterations;
    uint64_t n = batch < left ? batch : left;
    double t = run(ctx, n);
    if (t < 0) return YS_EBENCH;
    out->iterations += n;
    out->elapsed_ns += t;
    /* Doubling, as the warm-up by time, so that the last batches are large
     * enough to estimate an iteration's cost for the sample plan. */
    if (batch < (UINT64_C(1) << 62)) batch *= 2;
  }
  out->met_ns =
      out->iterations > 0 ? out->elapsed_ns / (double)out->iterations : 0;
  return 0;
}

/* The plan without a suggestion: what ys_plan_choose decides. */
static void choose_steps(double met_ns, double measurement_ns, size_t n,
                         ys_plan *out) {
  double total = (double)n * (double)(n + 1) / 2.0;
  double d = ceil(measurement_ns / met_ns / total);
  if (d < 1) d = 1;
  out->n = n;
  out->suggested_n = 0;
  if (total * d * met_ns <= 2.0 * measurement_ns) {
    out->linear = true;
    out->step = (uint64_t)d;
    return;
  }
  double k = ceil(measurement_ns / (double)n / met_ns);
  if (k < 1) k = 1;
  out->linear = false;
  out->step = (uint64_t)k;
}

/* Whether samples of a plan of n samples hold more than one iteration. */
static bool fits(double met_ns, double measurement_ns, size_t n) {
  ys_plan p;
  choose_steps(met_ns, measurement_ns, n, &p);
  return p.step >= 2;
}

/* A sample size below `n` whose samples hold more than one iteration, or 0
 * when none does: advice to change the sample size must name another one
 * that works. The search starts at criterion.rs's hint `hint` (linear: n
 * with n(n+1) = T/met, within half the budget on average; flat: T/met),
 * goes down until the plan's step is at least 2, and rounds down to tens
 * for a margin when that still fits. The flat hint alone does not: T/met
 * samples of one iteration fill T exactly. */
static size_t size_that_fits(double met_ns, double measurement_ns, size_t n,
                             double hint) {
  if (n <= 2) return 0;
  size_t m = hint > 0 && hint < (double)(n - 1) ? (size_t)hint : n - 1;
  while (m >= 2 && !fits(met_ns, measurement_ns, m))
    m--;
  if (m < 2) return 0;
  size_t rounded = m / 10 * 10;
  return rounded >= 10 && fits(met_ns, measurement_ns, rounded) ? rounded : m;
}

void ys_plan_choose(double met_ns, double measurement_ns, size_t n,
                    ys_plan *out) {
  choose_steps(met_ns, measurement_ns, n, out);
  if (out->step != 1) return;
  double c = measurement_ns / met_ns;
  double hint = out->linear ? (-1.0 + sqrt(4.0 * c)) / 2.0 : c;
  out->suggested_n = size_that_fits(met_ns, measurement_ns, n, hint);
}
