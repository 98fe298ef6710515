/*
 * stats.c — estimates, bootstrap confidence intervals, Tukey outliers and
 * diagnostics of one series (docs/statistics.md §1, §2 and §5), with GSL.
 */
#include "stats.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_fit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "../core/error.h"
#include "../core/policy.h"

/*
 * Bootstrap replicates B, chosen with scripts/measure_bootstrap.c: one
 * series of 10 linear rounds × 20 samples (350 ns per iteration, 3 %
 * lognormal noise per sample, 2 % per round), 40 seeds, gcc -O2, on the
 * project's 2-core VM. CPU time per ys_stats_analyze call, and the standard
 * deviation over seeds of the CI endpoints as a share of the CI width:
 *
 *        B   ms/call   mean  median    sd    mad  slope   (%)
 *     1000      5.0    2.2    3.0     2.4   3.6   2.4
 *     2000     10.6    1.6    2.3     1.6   2.3   1.3
 *     5000     27.5    1.1    1.5     1.1   1.4   0.9
 *    10000     52.1    0.7    0.6     0.6   0.8   0.6
 *    20000    101.9    0.5    0.4     0.5   0.7   0.5
 *   100000    553.9    0.2    0.2     0.2   0.3   0.2
 *
 * 2000 is the smallest B whose endpoints move by no more than about 2 % of
 * the interval from seed to seed, and the largest under 20 ms per call;
 * criterion's 100 000 would cost half a second per benchmark for a spread
 * nobody reads off a report. The intervals are supporting evidence: the
 * verdict rests on round minima (docs/statistics.md §3).
 */

/* MAD scale that makes it a consistent estimator of the standard deviation
 * for normal data (docs/statistics.md §2). */
#define YS_STATS_MAD_SCALE 1.4826

/* The warning thresholds are in core/policy.h, with their reasons:
 * R² below YS_POLICY_MIN_R_SQUARED means the time no longer grows linearly
 * with the iteration count, so the slope is a poor summary (criterion's
 * warning level); a standard deviation at or above YS_POLICY_MAX_CV of the
 * mean is pyperf's sign of an unstable benchmark; a lag-1 autocorrelation
 * above YS_POLICY_MAX_LAG1 means samples follow each other instead of being
 * independent (with fewer than YS_POLICY_MIN_LAG1_SAMPLES samples the
 * estimate's own error, about 1/sqrt(n), is too large to say). */

/* Most positions are drawn 0 to 3 times (Poisson(1) counts): the resample
 * is written four copies at a time, so that the common case has no branch
 * that depends on the count. The resample buffer has room for the overhang. */
#define YS__EMIT_UNROLL 4

/* The estimators bootstrapped together from each resample. */
enum {
  YS__REP_MEAN,
  YS__REP_MEDIAN,
  YS__REP_SD,
  YS__REP_MAD,
  YS__REP_SLOPE,
  YS__REP_COUNT,
};

/* Returns the default configuration: YS_POLICY_RESAMPLES replicates,
 * confidence 0.95, and `seed`. */
ys_stats_config ys_stats_config_default(uint64_t seed) {
  ys_stats_config cfg = {
      .resamples = YS_POLICY_RESAMPLES,
      .confidence = YS_POLICY_CONFIDENCE,
      .seed = seed,
  };
  return cfg;
}

/* Returns the least-squares slope through the origin of y on x (borrowed,
 * n >= 1 each) and, when r_squared is not NULL, stores R² there. */
double ys_stats_slope(const double *x, const double *y, size_t n,
                      double *r_squared) {
  double c1, cov11, sumsq;
  gsl_fit_mul(x, 1, y, 1, n, &c1, &cov11, &sumsq);
  if (r_squared != NULL) {
    double total = gsl_stats_tss(y, 1, n);
    /* Constant y leaves nothing to explain: the fit is as good as it gets,
     * and 1 − 0/0 would be NaN. */
    *r_squared = total > 0.0 ? 1.0 - sumsq / total : 1.0;
  }
  return c1;
}

/* Classifies the n >= 1 ascending values of `sorted` (borrowed) by
 * Tukey's fences into *out (caller's storage, overwritten). */
void ys_stats_outliers(const double *sorted, size_t n, ys_outliers *out) {
  double q1 = gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.25);
  double q3 = gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.75);
  double iqr = q3 - q1;

  memset(out, 0, sizeof(*out));
  out->fences[0] = q1 - 3.0 * iqr;
  out->fences[1] = q1 - 1.5 * iqr;
  out->fences[2] = q3 + 1.5 * iqr;
  out->fences[3] = q3 + 3.0 * iqr;
  for (size_t i = 0; i < n; i++) {
    double v = sorted[i];
    if (v < out->fences[0])
      out->low_severe++;
    else if (v > out->fences[3])
      out->high_severe++;
    else if (v < out->fences[1])
      out->low_mild++;
    else if (v > out->fences[2])
      out->high_mild++;
    else
      out->normal++;
  }
}

/* Sorts the n >= 1 `replicates` in place (borrowed) and stores their
 * (1−c)/2 and (1+c)/2 quantiles in *lo and *hi; 0 <= confidence <= 1. */
void ys_stats_percentile_ci(double *replicates, size_t n, double confidence,
                            double *lo, double *hi) {
  gsl_sort(replicates, 1, n);
  *lo = gsl_stats_quantile_from_sorted_data(replicates, 1, n,
                                            (1.0 - confidence) / 2.0);
  *hi = gsl_stats_quantile_from_sorted_data(replicates, 1, n,
                                            (1.0 + confidence) / 2.0);
}

/* Returns the per-iteration estimate of one round's n >= 1 samples
 * (borrowed, iterations > 0): the slope when `linear`, else the mean. */
double ys_stats_round_estimate(const ys_sample *samples, size_t n,
                               bool linear) {
  /* Closed forms over the samples themselves, so that no array of doubles
   * has to be allocated: the slope through the origin is Σxy/Σx² (what
   * gsl_fit_mul computes), the flat estimate the mean of value/iterations.
   * Iteration counts are exact integers well below 2^53. */
  double num = 0.0, den = 0.0;
  for (size_t i = 0; i < n; i++) {
    double it = (double)samples[i].iterations;
    if (linear) {
      num += it * samples[i].value;
      den += it * it;
    } else {
      num += samples[i].value / it;
      den += 1.0;
    }
  }
  return num / den;
}

/* Scratch arrays of one analyze call, carved from a single allocation. */
typedef struct ys__scratch {
  double *per_iter;   /* value / iterations, in sample order */
  double *sorted;     /* per_iter, ascending */
  double *iters;      /* iterations as doubles, in the order of sorted */
  double *values;     /* total values, in the order of sorted */
  double *re_per;     /* one resample of sorted, ascending */
  double *work;       /* deviations from the median, for the MAD */
  double *rounds;     /* round estimates, then sorted */
  double *replicates; /* YS__REP_COUNT rows of B */
  size_t *order;      /* sample index of each sorted position */
  size_t *counts;     /* how often a resample drew each sorted position */
} ys__scratch;

/* Returns 0 or YS_ENOMEM; on success the caller frees with
 * scratch_free. */
static int scratch_alloc(ys__scratch *s, size_t n, size_t n_rounds, size_t b) {
  /* Six arrays of n (one with an overhang), one of n_rounds, YS__REP_COUNT
   * of b: bound each term so that a huge B cannot wrap the total around. */
  size_t limit = SIZE_MAX / sizeof(double);
  if (n > limit / 32 || n_rounds > limit / 4 || b > limit / 32)
    return YS_ENOMEM;
  double *block =
      malloc((6 * n + YS__EMIT_UNROLL + n_rounds + YS__REP_COUNT * b) *
             sizeof(*block));
  if (block == NULL) return YS_ENOMEM;
  s->order = malloc(2 * n * sizeof(*s->order));
  if (s->order == NULL) goto err_free_block;
  s->counts = s->order + n;
  s->per_iter = block;
  s->sorted = s->per_iter + n;
  s->iters = s->sorted + n;
  s->values = s->iters + n;
  s->re_per = s->values + n;
  s->work = s->re_per + n + YS__EMIT_UNROLL;
  s->rounds = s->work + n;
  s->replicates = s->rounds + n_rounds;
  return 0;

err_free_block:
  free(block);
  return YS_ENOMEM;
}

static void scratch_free(ys__scratch *s) {
  free(s->per_iter);
  free(s->order);
}

/* Sample standard deviation (n − 1), 0 for one value where it is
 * undefined. */
static double sample_sd(const double *x, size_t n, double mean) {
  return n > 1 ? gsl_stats_sd_m(x, 1, n, mean) : 0.0;
}

/* The replicates of mean, standard deviation (n − 1) and slope through the
 * origin of one resample, as sums over the sorted sample weighted by the
 * draw counts. The mean and slope are taken about the whole sample's point
 * estimates (`shift`), which keeps the sums small and returns a constant
 * exactly; the deviation uses a second pass, so it is never negative. */
static void replicate_moments(const ys__scratch *s, size_t n,
                              const ys_analysis *a, double *mean, double *sd,
                              double *slope) {
  double sum = 0.0, num = 0.0, den = 0.0;
  for (size_t j = 0; j < n; j++) {
    double c = (double)s->counts[j];
    double x = s->iters[j];
    sum += c * (s->sorted[j] - a->mean.point);
    num += c * x * (s->values[j] - a->slope.point * x);
    den += c * x * x;
  }
  *mean = a->mean.point + sum / (double)n;
  *slope = a->slope.point + num / den;

  double ss = 0.0;
  for (size_t j = 0; j < n; j++) {
    double d = s->sorted[j] - *mean;
    ss += (double)s->counts[j] * d * d;
  }
  *sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0.0;
}

/* Draws B resamples and stores each estimator's replicate in its row of
 * s->replicates; `a` holds the point estimates.
 *
 * A resample is drawn as counts over the sorted sample: n draws of
 * gsl_rng_uniform_int pick positions, and writing each position as often as
 * it was drawn gives the same multiset as drawing values, already in order.
 * The median then needs no selection, and the slope weighs the (iterations,
 * value) pairs of the same positions. One draw serves all estimators: each
 * one's replicates have the bootstrap distribution, and the generator runs
 * once per replicate instead of once per estimator.
 *
 * This loop is nearly all of analyze's time. gsl_stats_mean, gsl_stats_sd_m
 * and gsl_fit_mul update running means with a division per element, and
 * selecting medians in unsorted resamples dominated the rest; with weighted
 * sums and sorted resamples a replicate of 200 samples costs about a third
 * as much (5 µs instead of 15). The MAD is computed as gsl_stats_mad0 does,
 * reusing the median. */
static void run_bootstrap(ys__scratch *s, size_t n, size_t b,
                          const ys_analysis *a, gsl_rng *rng) {
  for (size_t r = 0; r < b; r++) {
    memset(s->counts, 0, n * sizeof(*s->counts));
    for (size_t i = 0; i < n; i++)
      s->counts[gsl_rng_uniform_int(rng, n)]++;
    size_t k = 0;
    for (size_t j = 0; j < n; j++) {
      double v = s->sorted[j];
      for (size_t e = 0; e < YS__EMIT_UNROLL; e++)
        s->re_per[k + e] = v;
      for (size_t e = YS__EMIT_UNROLL; e < s->counts[j]; e++)
        s->re_per[k + e] = v;
      k += s->counts[j];
    }

    double mean, sd, slope;
    replicate_moments(s, n, a, &mean, &sd, &slope);
    s->replicates[YS__REP_MEAN * b + r] = mean;
    s->replicates[YS__REP_SD * b + r] = sd;
    s->replicates[YS__REP_SLOPE * b + r] = slope;
    double median = gsl_stats_median_from_sorted_data(s->re_per, 1, n);
    s->replicates[YS__REP_MEDIAN * b + r] = median;
    for (size_t i = 0; i < n; i++)
      s->work[i] = fabs(s->re_per[i] - median);
    s->replicates[YS__REP_MAD * b + r] =
        gsl_stats_median(s->work, 1, n) * YS_STATS_MAD_SCALE;
  }
}

/* The bootstrap of a series of n samples, more than m: the replicates of
 * a random subset of m samples, drawn once without replacement, give the
 * shape of each estimator's distribution, and the interval is scaled to
 * the whole series. Every estimator here (mean, median, deviations, slope)
 * has an error that shrinks as 1/sqrt(size), so the subset's replicates,
 * taken about the subset's own estimate and shrunk by sqrt(m/n), stand for
 * those of the whole series about its point estimate (the rescaled
 * "m out of n" bootstrap). The cost no longer grows with n beyond one pass
 * over it; docs/statistics.md §2. Overwrites the first m entries of
 * s->sorted, s->iters and s->values with the subset, in order, and fills
 * lo and hi of every target, whose points are the whole series' estimates. */
static void bootstrap_subset(ys__scratch *s, size_t n, size_t m, size_t b,
                             double confidence, gsl_rng *rng,
                             ys_estimate *targets[YS__REP_COUNT]) {
  /* gsl_ran_choose keeps the order of its source: chosen positions of the
   * sorted sample come out ascending, so the subset stays sorted, and each
   * position is at or after the slot it moves to. */
  for (size_t j = 0; j < n; j++)
    s->order[j] = j;
  gsl_ran_choose(rng, s->counts, m, s->order, n, sizeof(*s->order));
  for (size_t j = 0; j < m; j++) {
    size_t p = s->counts[j];
    s->sorted[j] = s->sorted[p];
    s->iters[j] = s->iters[p];
    s->values[j] = s->values[p];
  }

  ys_analysis sub;
  memset(&sub, 0, sizeof(sub));
  sub.mean.point = gsl_stats_mean(s->sorted, 1, m);
  sub.median.point = gsl_stats_median_from_sorted_data(s->sorted, 1, m);
  sub.std_dev.point = sample_sd(s->sorted, m, sub.mean.point);
  memcpy(s->re_per, s->sorted, m * sizeof(*s->re_per));
  sub.mad.point = gsl_stats_mad0(s->re_per, 1, m, s->work) * YS_STATS_MAD_SCALE;
  sub.slope.point = ys_stats_slope(s->iters, s->values, m, NULL);
  const ys_estimate *centres[YS__REP_COUNT] = {
      [YS__REP_MEAN] = &sub.mean,   [YS__REP_MEDIAN] = &sub.median,
      [YS__REP_SD] = &sub.std_dev,  [YS__REP_MAD] = &sub.mad,
      [YS__REP_SLOPE] = &sub.slope,
  };

  run_bootstrap(s, m, b, &sub, rng);
  double shrink = sqrt((double)m / (double)n);
  for (size_t k = 0; k < YS__REP_COUNT; k++) {
    double lo, hi;
    ys_stats_percentile_ci(s->replicates + k * b, b, confidence, &lo, &hi);
    double centre = centres[k]->point, point = targets[k]->point;
    targets[k]->lo = point + (lo - centre) * shrink;
    targets[k]->hi = point + (hi - centre) * shrink;
    /* A spread is never negative, whatever the scaled interval says. */
    if ((k == YS__REP_SD || k == YS__REP_MAD) && targets[k]->lo < 0.0)
      targets[k]->lo = 0.0;
  }
}

/* mt19937 keeps only 32 bits of its seed: fold the upper half in so that
 * every bit of a 64-bit seed changes the stream. Seeds below 2^32 are used
 * as given, so seed 5489 is the reference stream. */
static unsigned long rng_seed(uint64_t seed) {
  return (unsigned long)((seed ^ (seed >> 32)) & 0xffffffffu);
}

/* Round estimates and the figures over them (docs/statistics.md §3). */
static void analyze_rounds(ys_series *series, double *estimates) {
  ys_analysis *a = &series->analysis;
  size_t n = series->n_rounds;

  for (size_t r = 0; r < n; r++) {
    ys_round *round = &series->rounds[r];
    round->estimate = ys_stats_round_estimate(
        series->samples + round->first_sample, round->n_samples, round->linear);
    estimates[r] = round->estimate;
  }
  gsl_sort(estimates, 1, n);
  a->round_min = estimates[0];
  a->round_max = estimates[n - 1];
  a->round_median = gsl_stats_median_from_sorted_data(estimates, 1, n);
  a->round_mean = gsl_stats_mean(estimates, 1, n);
  a->round_std_dev = n > 1 ? gsl_stats_sd_m(estimates, 1, n, a->round_mean) : 0;

  size_t noisy = 0;
  for (size_t r = 0; r < n; r++)
    if (estimates[r] > YS_POLICY_NOISY_FACTOR * a->round_min) noisy++;
  a->noisy_round_share = (double)noisy / (double)n;
}

static unsigned diagnose(const ys_series *series) {
  const ys_analysis *a = &series->analysis;
  unsigned w = 0;
  if (a->has_slope && a->r_squared < YS_POLICY_MIN_R_SQUARED)
    w |= YS_WARN_LOW_R_SQUARED;
  /* A mean of 0 (a count that never happens) has no relative spread. */
  if (a->mean.point > 0 && a->std_dev.point >= YS_POLICY_MAX_CV * a->mean.point)
    w |= YS_WARN_HIGH_VARIANCE;
  if (series->n_samples >= YS_POLICY_MIN_LAG1_SAMPLES &&
      a->lag1_autocorrelation > YS_POLICY_MAX_LAG1)
    w |= YS_WARN_AUTOCORRELATED;
  if (series->n_rounds >= YS_POLICY_MIN_NOISY_ROUNDS &&
      a->noisy_round_share > YS_POLICY_NOISY_SHARE)
    w |= YS_WARN_NOISY_ROUNDS;
  return w;
}

static bool series_is_valid(const ys_series *series,
                            const ys_stats_config *cfg) {
  if (series->n_samples == 0 || series->n_rounds == 0 || cfg->resamples == 0)
    return false;
  /* Written to also reject NaN. */
  if (!(cfg->confidence >= 0.0 && cfg->confidence <= 1.0)) return false;
  /* gsl_rng_uniform_int draws below the generator's 2^32 range. */
  if (series->n_samples > UINT32_MAX) return false;
  for (size_t i = 0; i < series->n_samples; i++)
    if (series->samples[i].iterations == 0) return false;
  for (size_t r = 0; r < series->n_rounds; r++) {
    const ys_round *round = &series->rounds[r];
    if (round->n_samples == 0 || round->first_sample > series->n_samples ||
        round->n_samples > series->n_samples - round->first_sample)
      return false;
  }
  return true;
}

/* Fills series->analysis and every series->rounds[i].estimate from the
 * samples (series borrowed and updated in place; cfg borrowed). Keeps the
 * runner's YS_WARN_FEW_ITERATIONS, YS_WARN_SHORT_SAMPLES and suggested
 * sample size. Returns 0; YS_EINVAL, leaving the series untouched, when it
 * has no samples or rounds, a sample has 0 iterations, a round reaches past
 * the samples, or cfg asks for no replicates or a confidence outside
 * [0, 1]; YS_ENOMEM when scratch memory cannot be had. */
int ys_stats_analyze(ys_series *series, const ys_stats_config *cfg) {
  if (!series_is_valid(series, cfg)) return YS_EINVAL;

  size_t n = series->n_samples;
  size_t b = cfg->resamples;
  ys__scratch s;
  if (scratch_alloc(&s, n, series->n_rounds, b) != 0) return YS_ENOMEM;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (rng == NULL) goto err_free_scratch;
  gsl_rng_set(rng, rng_seed(cfg->seed));

  /* The runner decided these two before calling; they survive the reset,
   * which also zeroes padding so equal analyses compare equal bytewise. */
  ys_analysis *a = &series->analysis;
  unsigned kept =
      a->warnings & (YS_WARN_FEW_ITERATIONS | YS_WARN_SHORT_SAMPLES);
  size_t suggested = a->suggested_sample_size;
  memset(a, 0, sizeof(*a));
  a->warnings = kept;
  a->suggested_sample_size = suggested;

  for (size_t i = 0; i < n; i++)
    s.per_iter[i] =
        series->samples[i].value / (double)series->samples[i].iterations;
  gsl_sort_index(s.order, s.per_iter, 1, n);
  for (size_t j = 0; j < n; j++) {
    const ys_sample *sample = &series->samples[s.order[j]];
    s.sorted[j] = s.per_iter[s.order[j]];
    s.iters[j] = (double)sample->iterations;
    s.values[j] = sample->value;
  }

  a->mean.point = gsl_stats_mean(s.per_iter, 1, n);
  a->median.point = gsl_stats_median_from_sorted_data(s.sorted, 1, n);
  a->std_dev.point = sample_sd(s.per_iter, n, a->mean.point);
  a->mad.point = gsl_stats_mad0(s.per_iter, 1, n, s.work) * YS_STATS_MAD_SCALE;
  a->slope.point = ys_stats_slope(s.iters, s.values, n, &a->r_squared);
  /* An exact count (the alloc collector beside a clock) gives each
   * sample's per-iteration value exactly: its headline is their mean, as
   * the least-squares slope would only add rounding (2.9999999 calls). */
  for (size_t r = 0; r < series->n_rounds; r++)
    if (series->rounds[r].linear && !series->exact) a->has_slope = true;
  /* Constant values make the autocorrelation 0/0; they have no serial
   * dependence to report. */
  if (n >= 3 && a->std_dev.point > 0.0) {
    double lag1 = gsl_stats_lag1_autocorrelation(s.per_iter, 1, n);
    a->lag1_autocorrelation = isfinite(lag1) ? lag1 : 0.0;
  }
  ys_stats_outliers(s.sorted, n, &a->outliers);

  ys_estimate *targets[YS__REP_COUNT] = {
      [YS__REP_MEAN] = &a->mean,   [YS__REP_MEDIAN] = &a->median,
      [YS__REP_SD] = &a->std_dev,  [YS__REP_MAD] = &a->mad,
      [YS__REP_SLOPE] = &a->slope,
  };
  if (n <= YS_POLICY_BOOTSTRAP_MAX_SAMPLES) {
    run_bootstrap(&s, n, b, a, rng);
    for (size_t k = 0; k < YS__REP_COUNT; k++)
      ys_stats_percentile_ci(s.replicates + k * b, b, cfg->confidence,
                             &targets[k]->lo, &targets[k]->hi);
  } else {
    bootstrap_subset(&s, n, YS_POLICY_BOOTSTRAP_MAX_SAMPLES, b, cfg->confidence,
                     rng, targets);
  }

  analyze_rounds(series, s.rounds);
  a->warnings |= diagnose(series);

  gsl_rng_free(rng);
  scratch_free(&s);
  return 0;

err_free_scratch:
  scratch_free(&s);
  return YS_ENOMEM;
}
