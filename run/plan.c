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

/* Suggested sample sizes when one iteration per step is already too long
 * (criterion.rs's hints): rounded down to tens for a margin, at least 10. */
static size_t round_suggestion(double n) {
  size_t fit = n > 0 ? (size_t)n : 0;
  fit = fit / 10 * 10;
  return fit < 10 ? 10 : fit;
}

/* Linear: with step 1 the samples run n(n+1)/2 iterations; solving
 * n(n+1) = T/met keeps them within half the budget on average. */
static size_t linear_size_that_fits(double met_ns, double measurement_ns) {
  double c = measurement_ns / met_ns;
  return round_suggestion((-1.0 + sqrt(4.0 * c)) / 2.0);
}

/* Flat: one iteration per sample, T/met samples. */
static size_t flat_size_that_fits(double met_ns, double measurement_ns) {
  return round_suggestion(measurement_ns / met_ns);
}

void ys_plan_choose(double met_ns, double measurement_ns, size_t n,
                    ys_plan *out) {
  double total = (double)n * (double)(n + 1) / 2.0;
  double d = ceil(measurement_ns / met_ns / total);
  if (d < 1) d = 1;
  out->n = n;
  out->suggested_n = 0;
  if (total * d * met_ns <= 2.0 * measurement_ns) {
    out->linear = true;
    out->step = (uint64_t)d;
    if (out->step == 1)
      out->suggested_n = linear_size_that_fits(met_ns, measurement_ns);
    return;
  }
  double k = ceil(measurement_ns / (double)n / met_ns);
  if (k < 1) k = 1;
  out->linear = false;
  out->step = (uint64_t)k;
  if (out->step == 1)
    out->suggested_n = flat_size_that_fits(met_ns, measurement_ns);
}
