/*
 * measure_bootstrap.c — how many bootstrap replicates ys_stats_analyze needs.
 *
 * For each B in {1000, 2000, 5000, 10000, 20000, 100000}, analyses one
 * realistic synthetic series with several seeds and prints the mean wall and
 * CPU time per ys_stats_analyze call (CPU time is the figure to trust when
 * other work shares the machine) and, per estimate, the spread (standard
 * deviation over seeds) of the CI endpoints as a share of the mean CI width.
 * The smallest B with a small spread and an affordable time is the default in
 * analysis/stats.c.
 *
 * Build and run from the repository root:
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -I. -Iinclude scripts/measure_bootstrap.c \
 *     analysis/stats.c core/error.c $(pkg-config --cflags --libs gsl) \
 *     -o /tmp/mb && /tmp/mb
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "core/error.h"
#include "analysis/stats.h"

#define N_ROUNDS  10
#define PER_ROUND 20
#define N_SAMPLES (N_ROUNDS * PER_ROUND)
#define N_SEEDS   40
#define N_EST     5

/* The series: a 350 ns loop body measured in linear rounds of d, 2d, ...
 * 20d iterations, with 3 % lognormal noise per sample, a 2 % lognormal
 * offset per round and a fixed 40 ns of timer overhead per sample. */
static void make_series(ys_sample *samples, ys_round *rounds) {
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (rng == NULL) exit(1);
  gsl_rng_set(rng, 12345);
  const double per_iter = 350.0;
  const uint64_t d = 143;
  for (size_t r = 0; r < N_ROUNDS; r++) {
    double offset = gsl_ran_lognormal(rng, 0.0, 0.02);
    rounds[r] = (ys_round){
        .first_sample = r * PER_ROUND, .n_samples = PER_ROUND, .linear = true};
    for (size_t i = 0; i < PER_ROUND; i++) {
      uint64_t it = d * (i + 1);
      double noise = gsl_ran_lognormal(rng, 0.0, 0.03);
      samples[r * PER_ROUND + i] = (ys_sample){
          .iterations = it,
          .value = 40.0 + (double)it * per_iter * offset * noise,
      };
    }
  }
  gsl_rng_free(rng);
}

static double now_s(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static const ys_estimate *estimate_of(const ys_analysis *a, int k) {
  const ys_estimate *all[N_EST] = {&a->mean, &a->median, &a->std_dev, &a->mad,
                                   &a->slope};
  return all[k];
}

int main(void) {
  static const size_t bs[] = {1000, 2000, 5000, 10000, 20000, 100000};
  static const char *names[N_EST] = {"mean", "median", "sd", "mad", "slope"};
  ys_sample samples[N_SAMPLES];
  ys_round rounds[N_ROUNDS];
  make_series(samples, rounds);
  ys_series series = {.metric = "time",
                      .unit = "ns",
                      .samples = samples,
                      .n_samples = N_SAMPLES,
                      .rounds = rounds,
                      .n_rounds = N_ROUNDS};

  printf("%7s %8s %8s", "B", "wall ms", "cpu ms");
  for (int k = 0; k < N_EST; k++)
    printf(" %7s", names[k]);
  printf("   (endpoint sd over %d seeds / CI width, %%)\n", N_SEEDS);

  for (size_t bi = 0; bi < sizeof(bs) / sizeof(bs[0]); bi++) {
    double lo[N_EST][N_SEEDS], hi[N_EST][N_SEEDS];
    double wall = 0.0, cpu = 0.0;
    for (int s = 0; s < N_SEEDS; s++) {
      ys_stats_config cfg = ys_stats_config_default((uint64_t)s + 1);
      cfg.resamples = bs[bi];
      double w0 = now_s(CLOCK_MONOTONIC);
      double c0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
      int rc = ys_stats_analyze(&series, &cfg);
      cpu += now_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
      wall += now_s(CLOCK_MONOTONIC) - w0;
      if (rc != 0) {
        fprintf(stderr, "analyze: %s\n", ys_strerror(rc));
        return 1;
      }
      for (int k = 0; k < N_EST; k++) {
        lo[k][s] = estimate_of(&series.analysis, k)->lo;
        hi[k][s] = estimate_of(&series.analysis, k)->hi;
      }
    }
    printf("%7zu %8.2f %8.2f", bs[bi], 1e3 * wall / N_SEEDS,
           1e3 * cpu / N_SEEDS);
    for (int k = 0; k < N_EST; k++) {
      double width =
          gsl_stats_mean(hi[k], 1, N_SEEDS) - gsl_stats_mean(lo[k], 1, N_SEEDS);
      double spread_lo = gsl_stats_sd(lo[k], 1, N_SEEDS);
      double spread_hi = gsl_stats_sd(hi[k], 1, N_SEEDS);
      double spread = spread_lo > spread_hi ? spread_lo : spread_hi;
      printf(" %7.2f", 100.0 * spread / width);
    }
    printf("\n");
  }
  return 0;
}
