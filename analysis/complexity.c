/*
 * complexity.c — complexity fits and the empirical exponent of a family
 * (docs/statistics.md, "Complexity"), with GSL's least squares.
 */
#include "complexity.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_fit.h>

#include "../core/error.h"
#include "../core/policy.h"

double ys_complexity_f(ys_complexity_class c, double n) {
  switch (c) {
  case YS_COMPLEXITY_1:
    return 1.0;
  case YS_COMPLEXITY_LOG_N:
    return log2(n);
  case YS_COMPLEXITY_N:
    return n;
  case YS_COMPLEXITY_N_LOG_N:
    return n * log2(n);
  case YS_COMPLEXITY_N2:
    return n * n;
  case YS_COMPLEXITY_N3:
    return n * n * n;
  case YS_COMPLEXITY_COUNT:
    break;
  }
  return NAN;
}

/* value ≈ c·f(n) through the origin (gsl_fit_mul); returns the relative
 * RMS of the residuals, sqrt(Σr²/k) / mean(value), and sets *coefficient.
 * A class whose f is 0 at every point (log n with n = 1 only) fits
 * nothing: infinite RMS. */
static double fit_class(ys_complexity_class c, const double *n,
                        const double *value, size_t k, double *f,
                        double *coefficient) {
  double mean = 0.0, norm = 0.0;
  for (size_t i = 0; i < k; i++) {
    f[i] = ys_complexity_f(c, n[i]);
    mean += value[i] / (double)k;
    norm += f[i] * f[i];
  }
  *coefficient = NAN;
  if (!(norm > 0.0) || !isfinite(norm)) return INFINITY;
  double cov, sumsq;
  gsl_fit_mul(f, 1, value, 1, k, coefficient, &cov, &sumsq);
  return sqrt(sumsq / (double)k) / mean;
}

/* The slope of log value on log n (gsl_fit_linear) and its R². */
static void fit_exponent(const double *n, const double *value, size_t k,
                         double *work_x, double *work_y, double *slope,
                         double *r_squared) {
  double mean_y = 0.0;
  for (size_t i = 0; i < k; i++) {
    work_x[i] = log(n[i]);
    work_y[i] = log(value[i]);
    mean_y += work_y[i] / (double)k;
  }
  double c0, c1, cov00, cov01, cov11, sumsq;
  gsl_fit_linear(work_x, 1, work_y, 1, k, &c0, &c1, &cov00, &cov01, &cov11,
                 &sumsq);
  double total = 0.0;
  for (size_t i = 0; i < k; i++)
    total += (work_y[i] - mean_y) * (work_y[i] - mean_y);
  *slope = c1;
  *r_squared = total > 0.0 ? 1.0 - sumsq / total : 1.0;
}

int ys_complexity_fit_points(const double *n, const double *value, size_t k,
                             ys_complexity_fit *out) {
  for (size_t i = 0; i < k; i++)
    if (!(n[i] > 0.0) || !isfinite(n[i]) || !(value[i] > 0.0) ||
        !isfinite(value[i]))
      return YS_EINVAL;
  out->n_points = k;
  out->fitted = false;
  out->indistinguishable = false;
  out->n_min = 0;
  out->n_max = 0;
  for (size_t i = 0; i < k; i++) {
    long v = (long)n[i];
    if (i == 0 || v < out->n_min) out->n_min = v;
    if (i == 0 || v > out->n_max) out->n_max = v;
  }
  if (k < YS_POLICY_COMPLEXITY_MIN_POINTS) return 0;

  double *work = malloc(2 * k * sizeof(*work));
  if (work == NULL) return YS_ENOMEM;
  double rms[YS_COMPLEXITY_COUNT], coef[YS_COMPLEXITY_COUNT];
  for (size_t c = 0; c < YS_COMPLEXITY_COUNT; c++)
    rms[c] = fit_class((ys_complexity_class)c, n, value, k, work, &coef[c]);
  /* Strict comparisons in order of growth: on a tie the slower-growing
   * class, the simpler explanation, wins. */
  size_t best = 0;
  for (size_t c = 1; c < YS_COMPLEXITY_COUNT; c++)
    if (rms[c] < rms[best]) best = c;
  out->fitted = true;
  out->best = (ys_complexity_class)best;
  out->coefficient = coef[best];
  out->rms = rms[best];
  fit_exponent(n, value, k, work, work + k, &out->exponent,
               &out->exponent_r_squared);
  free(work);
  /* The runner-up is the neighbour of the best class, in order of growth,
   * on the side of the measured exponent: the only class a warning can
   * name without contradicting the exponent. The second least RMS could
   * be on the other side (O(n^2) best, O(n^3) second, exponent 1.6), and
   * a warning "O(n^2) and O(n^3) fit about as well" would then point away
   * from what the measurements say. */
  double own = ys_complexity_class_exponent(out->best, out->n_min, out->n_max);
  size_t up = best + 1 < YS_COMPLEXITY_COUNT ? best + 1 : best;
  size_t down = best > 0 ? best - 1 : best;
  size_t second;
  if (out->exponent > own)
    second = up;
  else if (out->exponent < own)
    second = down;
  else
    second = rms[up] <= rms[down] ? up : down;
  if (second == best) second = best + 1 < YS_COMPLEXITY_COUNT ? up : down;
  out->runner_up = (ys_complexity_class)second;
  out->runner_up_rms = rms[second];
  double own_second =
      ys_complexity_class_exponent(out->runner_up, out->n_min, out->n_max);
  bool toward =
      (out->exponent > own) == (own_second > own) && out->exponent != own;
  /* An exponent beyond the slowest or fastest class (a narrow range, where
   * it is mostly noise) leans to no class: the only neighbour is the
   * runner-up, named by its RMS alone. */
  bool beyond = (out->exponent < own && best == 0) ||
                (out->exponent > own && best + 1 == YS_COMPLEXITY_COUNT);
  /* Two ways the measurements fail to settle the class: the neighbour's
   * RMS is within the tie factor, or the measured exponent is nearer the
   * neighbour's own exponent than the best's (the fit through the origin
   * follows the largest sizes, the exponent all of them alike). */
  out->indistinguishable =
      ((toward || beyond) &&
       rms[second] <= YS_POLICY_COMPLEXITY_TIE_FACTOR * rms[best]) ||
      (toward && fabs(out->exponent - own_second) < fabs(out->exponent - own));
  return 0;
}

double ys_complexity_class_exponent(ys_complexity_class c, long n_min,
                                    long n_max) {
  /* log n is 0 at n = 1, where its log-log slope has no start: from 2. */
  double lo = (double)(n_min > 2 ? n_min : 2);
  double hi = (double)n_max;
  if (c == YS_COMPLEXITY_1) return 0.0;
  if (!(hi > lo)) {
    static const double nominal[] = {0.0, 0.0, 1.0, 1.0, 2.0, 3.0};
    return (size_t)c < sizeof(nominal) / sizeof(nominal[0]) ? nominal[c] : NAN;
  }
  return log(ys_complexity_f(c, hi) / ys_complexity_f(c, lo)) / log(hi / lo);
}

/* The parameter of an instance named "family/<digits>" (BENCH_ARGS, or a
 * one-axis BENCH_PARAMS) or "family/<axis>:<digits>" (one named axis, as a
 * group member over YS_NAMED sizes: "sort/insertion/n:64"), or 0 when the
 * name has another shape: a variant, or more than one axis, whose values
 * are not one size. */
static int64_t size_of(const ys_bench_result *res) {
  size_t len = strlen(res->family);
  if (len == 0 || strncmp(res->name, res->family, len) != 0 ||
      res->name[len] != '/')
    return 0;
  const char *digits = res->name + len + 1;
  const char *colon = strchr(digits, ':');
  /* A named axis: "n:64". The name stops at the colon and holds no '/',
   * which would mean a second axis before it. */
  if (colon != NULL && memchr(digits, '/', (size_t)(colon - digits)) == NULL)
    digits = colon + 1;
  if (*digits < '0' || *digits > '9') return 0;
  char *end;
  errno = 0;
  long long v = strtoll(digits, &end, 10);
  if (errno != 0 || *end != '\0' || v <= 0) return 0;
  return (int64_t)v;
}

/* Whether a result is a measured point of a fit. */
static bool fit_point(const ys_bench_result *res) {
  if (res->status != YS_BENCH_OK || res->n_series == 0 ||
      res->series[0].n_rounds == 0 || size_of(res) == 0)
    return false;
  double v = ys_analysis_headline(&res->series[0].analysis)->point;
  return v > 0.0 && isfinite(v);
}

/* Fits the family of run->benches[first], whose points are the results
 * from `first` on that share it; writes it to *out. */
static int fit_family(const ys_run_result *run, size_t first, double *n,
                      double *value, ys_complexity_fit *out) {
  const ys_bench_result *head = &run->benches[first];
  size_t k = 0;
  for (size_t i = first; i < run->n_benches; i++) {
    const ys_bench_result *res = &run->benches[i];
    if (strcmp(res->family, head->family) != 0 || !fit_point(res)) continue;
    n[k] = (double)size_of(res);
    value[k] = ys_analysis_headline(&res->series[0].analysis)->point;
    k++;
  }
  memset(out, 0, sizeof(*out));
  snprintf(out->family, sizeof(out->family), "%s", head->family);
  snprintf(out->unit, sizeof(out->unit), "%s", head->series[0].unit);
  return ys_complexity_fit_points(n, value, k, out);
}

/* Whether an earlier result already started the family of benches[i]. */
static bool family_seen(const ys_run_result *run, size_t i) {
  for (size_t j = 0; j < i; j++)
    if (fit_point(&run->benches[j]) &&
        strcmp(run->benches[j].family, run->benches[i].family) == 0)
      return true;
  return false;
}

/* How many points the family of benches[first] has. */
static size_t family_points(const ys_run_result *run, size_t first) {
  size_t k = 0;
  for (size_t i = first; i < run->n_benches; i++)
    if (fit_point(&run->benches[i]) &&
        strcmp(run->benches[i].family, run->benches[first].family) == 0)
      k++;
  return k;
}

int ys_complexity_fit_run(ys_run_result *run) {
  size_t n = run->n_benches;
  double *work = malloc(2 * (n > 0 ? n : 1) * sizeof(*work));
  ys_complexity_fit *fits = calloc(n > 0 ? n : 1, sizeof(*fits));
  if (work == NULL || fits == NULL) {
    free(work);
    free(fits);
    return YS_ENOMEM;
  }
  size_t n_fits = 0;
  /* Quadratic in the number of benchmarks, which is at most thousands and
   * runs once per run. */
  for (size_t i = 0; i < n; i++) {
    if (!fit_point(&run->benches[i]) || family_seen(run, i) ||
        family_points(run, i) < 2)
      continue;
    int rc = fit_family(run, i, work, work + n, &fits[n_fits]);
    if (rc == YS_ENOMEM) {
      free(work);
      free(fits);
      return rc;
    }
    if (rc == 0) n_fits++;
  }
  free(work);
  free(run->complexity);
  run->complexity = fits;
  run->n_complexity = n_fits;
  return 0;
}
