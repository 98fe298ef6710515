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

/* f(n) of class c, or of the user's function for YS_COMPLEXITY_USER. */
static double f_of(ys_complexity_class c, const ys_complexity_def *user,
                   double n) {
  if (c == YS_COMPLEXITY_USER) return user != NULL ? user->f(n) : NAN;
  return ys_complexity_f(c, n);
}

/* value ≈ c·f(n) through the origin (gsl_fit_mul); returns the relative
 * RMS of the residuals, sqrt(Σr²/k) / mean(value), and sets *coefficient.
 * A class whose f is 0 at every point (log n with n = 1 only) fits
 * nothing: infinite RMS; so does a user's function that is not finite and
 * above 0 at every point. */
static double fit_class(ys_complexity_class c, const ys_complexity_def *user,
                        const double *n, const double *value, size_t k,
                        double *f, double *coefficient) {
  double mean = 0.0, norm = 0.0;
  *coefficient = NAN;
  for (size_t i = 0; i < k; i++) {
    f[i] = f_of(c, user, n[i]);
    if (c == YS_COMPLEXITY_USER && !(f[i] > 0.0 && isfinite(f[i])))
      return INFINITY;
    mean += value[i] / (double)k;
    norm += f[i] * f[i];
  }
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
  return ys_complexity_fit_points_with(n, value, k, NULL, out);
}

double ys_complexity_fit_exponent_of(const ys_complexity_fit *out,
                                     ys_complexity_class c) {
  return c == YS_COMPLEXITY_USER
             ? out->user_exponent
             : ys_complexity_class_exponent(c, out->n_min, out->n_max);
}

int ys_complexity_fit_points_with(const double *n, const double *value,
                                  size_t k, const ys_complexity_def *user,
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
  out->user_name[0] = '\0';
  out->user_coefficient = out->user_rms = out->user_exponent = NAN;
  if (user != NULL)
    snprintf(out->user_name, sizeof(out->user_name), "%s", user->name);
  if (k < YS_POLICY_COMPLEXITY_MIN_POINTS) return 0;

  double *work = malloc(2 * k * sizeof(*work));
  if (work == NULL) return YS_ENOMEM;
  /* The candidates: the classes in order of growth, then the user's. */
  size_t n_candidates = YS_COMPLEXITY_COUNT + (user != NULL);
  double rms[YS_COMPLEXITY_COUNT + 1], coef[YS_COMPLEXITY_COUNT + 1];
  for (size_t c = 0; c < n_candidates; c++)
    rms[c] =
        fit_class((ys_complexity_class)c, user, n, value, k, work, &coef[c]);
  if (user != NULL) {
    out->user_coefficient = coef[YS_COMPLEXITY_USER];
    out->user_rms = rms[YS_COMPLEXITY_USER];
    /* Its exponent over the sizes, as ys_complexity_class_exponent's:
     * between the smallest and the largest n. */
    double lo = (double)out->n_min, hi = (double)out->n_max;
    out->user_exponent =
        hi > lo ? log(user->f(hi) / user->f(lo)) / log(hi / lo) : NAN;
  }
  /* Strict comparisons in order of growth, the user's last: on a tie the
   * slower-growing class, the simpler explanation, wins, and a built-in
   * class beats a user's function of the same shape. */
  size_t best = 0;
  for (size_t c = 1; c < n_candidates; c++)
    if (rms[c] < rms[best]) best = c;
  out->fitted = true;
  out->best = (ys_complexity_class)best;
  out->coefficient = coef[best];
  out->rms = rms[best];
  fit_exponent(n, value, k, work, work + k, &out->exponent,
               &out->exponent_r_squared);
  free(work);
  /* The runner-up is the candidate next to the best by their own
   * exponents over these sizes (for the classes: the neighbour in order
   * of growth), on the side of the measured exponent: the only candidate
   * a warning can name without contradicting the exponent. The second
   * least RMS could be on the other side (O(n^2) best, O(n^3) second,
   * exponent 1.29), and a warning "O(n^2) and O(n^3) fit about as well"
   * would then point away from what the measurements say. */
  double own = ys_complexity_fit_exponent_of(out, out->best);
  double e = out->exponent;
  size_t up = best, down = best;
  for (size_t c = 0; c < n_candidates; c++) {
    double oc = ys_complexity_fit_exponent_of(out, (ys_complexity_class)c);
    if (c == best || !isfinite(rms[c]) || !isfinite(oc)) continue;
    if (oc > own && (up == best || oc < ys_complexity_fit_exponent_of(out, up)))
      up = c;
    if (oc < own &&
        (down == best || oc > ys_complexity_fit_exponent_of(out, down)))
      down = c;
  }
  size_t second;
  if (e > own)
    second = up;
  else if (e < own)
    second = down;
  else
    second = rms[up] <= rms[down] ? up : down;
  /* An exponent beyond the slowest or fastest candidate (a narrow range,
   * where it is mostly noise) leans to none: the one neighbour there is
   * is the runner-up, named by its RMS alone. */
  bool beyond = second == best;
  if (beyond) second = up != best ? up : down;
  if (second == best) {
    /* No other candidate fits at all. */
    out->runner_up = out->best;
    out->runner_up_rms = INFINITY;
    return 0;
  }
  out->runner_up = (ys_complexity_class)second;
  out->runner_up_rms = rms[second];
  double own_second = ys_complexity_fit_exponent_of(out, out->runner_up);
  bool toward = !beyond && e != own;
  /* Two ways the measurements fail to settle the class: the neighbour's
   * RMS is within the tie factor, or the measured exponent is nearer the
   * neighbour's own exponent than the best's (the fit through the origin
   * follows the largest sizes, the exponent all of them alike). */
  out->indistinguishable =
      (rms[second] <= YS_POLICY_COMPLEXITY_TIE_FACTOR * rms[best]) ||
      (toward && fabs(e - own_second) < fabs(e - own));
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

/* The parameter of an instance named "family/<integer>" (BENCH_ARGS, or a
 * one-axis BENCH_PARAMS) or "family/<axis>:<integer>" (one named axis, as
 * a group member over YS_NAMED sizes: "sort/insertion/n:64"), into *size;
 * false when the name has another shape: a variant, or more than one
 * axis, whose values are not one size. The integer may be 0 or negative
 * ("neg/-8"): such an instance is no point of a fit but is counted as
 * left out, so that reports say so rather than drop it unseen. */
static bool size_of(const ys_bench_result *res, int64_t *size) {
  size_t len = strlen(res->family);
  if (len == 0 || strncmp(res->name, res->family, len) != 0 ||
      res->name[len] != '/')
    return false;
  const char *digits = res->name + len + 1;
  const char *colon = strchr(digits, ':');
  /* A named axis: "n:64". The name stops at the colon and holds no '/',
   * which would mean a second axis before it. */
  if (colon != NULL && memchr(digits, '/', (size_t)(colon - digits)) == NULL)
    digits = colon + 1;
  const char *first = digits[0] == '-' ? digits + 1 : digits;
  if (*first < '0' || *first > '9') return false;
  char *end;
  errno = 0;
  long long v = strtoll(digits, &end, 10);
  if (errno != 0 || *end != '\0') return false;
  *size = (int64_t)v;
  return true;
}

/* Whether a result was measured, with a headline estimate of its primary
 * series. */
static bool measured(const ys_bench_result *res) {
  return res->status == YS_BENCH_OK && res->n_series > 0 &&
         res->series[0].n_rounds > 0;
}

/* Whether a result is a measured point of a fit. */
static bool fit_point(const ys_bench_result *res) {
  int64_t size;
  if (!measured(res) || !size_of(res, &size) || size <= 0) return false;
  double v = ys_analysis_headline(&res->series[0].analysis)->point;
  return v > 0.0 && isfinite(v);
}

/* Whether a result was measured over a size <= 0: a member of its family
 * that the fit leaves out. */
static bool left_out(const ys_bench_result *res) {
  int64_t size;
  return measured(res) && size_of(res, &size) && size <= 0;
}

/* Whether a result belongs to its family's fit line: a point, or left
 * out of the points. */
static bool family_member(const ys_bench_result *res) {
  return fit_point(res) || left_out(res);
}

/* The only mutable global: written by YS_COMPLEXITY's constructors before
 * main, read-only afterwards. */
static ys_complexity_def *user_head;

void ys_complexity_add(ys_complexity_def *def) {
  def->next = user_head;
  user_head = def;
}

const ys_complexity_def *ys_complexity_user_head(void) {
  return user_head;
}

/* Why the instances of descriptor b could never be the points of a fit,
 * or NULL when they can: a fit takes n from instance names over exactly
 * one numeric axis (size_of), so a benchmark without parameters, one over
 * several axes or over variants never gets a fit, and a function declared
 * for it would never be used. */
static const char *not_sized(const ys_bench *b, char *buf, size_t len) {
  size_t n_axes = b->n_axes > 0 ? b->n_axes : (b->n_args > 0 ? 1 : 0);
  const char *only = "only a family over one axis of sizes is fitted "
                     "(BENCH_ARGS, or BENCH_PARAMS with one numeric axis)";
  if (n_axes == 0)
    snprintf(buf, len, "the benchmark has no parameter: %s", only);
  else if (n_axes > 1)
    snprintf(buf, len, "the family has %zu parameter axes: %s", n_axes, only);
  else if (b->n_axes == 1 && b->axes != NULL &&
           b->axes[0].kind == YS_AXIS_VARIANTS)
    snprintf(buf, len, "its axis is YS_VARIANTS, text rather than sizes: %s",
             only);
  else
    return NULL;
  return buf;
}

int ys_complexity_check_users(const ys_complexity_def *head,
                              const ys_bench *const *benches, size_t n,
                              char *err, size_t err_len) {
  for (const ys_complexity_def *d = head; d != NULL; d = d->next) {
    const char *family = d->family != NULL ? d->family : "";
    const char *why = NULL;
    char shape[200];
    if (d->f == NULL)
      why = "no function given";
    else if (d->name == NULL || d->name[0] == '\0')
      why = "its name is empty";
    else if (strlen(d->name) > YS_COMPLEXITY_USER_NAME_MAX)
      why = "its name is longer than 47 bytes";
    /* The family's shape: known, and sized by at least one of its
     * descriptors (two registrations may share a family name). */
    const ys_bench *first = NULL;
    bool sized = false;
    for (size_t i = 0; i < n && !sized; i++) {
      const ys_bench *b = benches[i];
      if (b == NULL || b->name == NULL || strcmp(b->name, family) != 0)
        continue;
      if (first == NULL) first = b;
      sized = not_sized(b, shape, sizeof(shape)) == NULL;
    }
    if (why == NULL && first == NULL)
      why = "no benchmark family of that name (bench --list lists the "
            "instances; the family is the name before the parameters)";
    if (why == NULL && !sized) why = not_sized(first, shape, sizeof(shape));
    for (const ys_complexity_def *e = head; why == NULL && e != d; e = e->next)
      if (e->family != NULL && strcmp(e->family, family) == 0) {
        snprintf(err, err_len,
                 "%s:%d: YS_COMPLEXITY for '%s': the family already has one "
                 "(%s:%d)",
                 d->file, d->line, family, e->file, e->line);
        return YS_EINVAL;
      }
    if (why != NULL) {
      snprintf(err, err_len, "%s:%d: YS_COMPLEXITY for '%s': %s", d->file,
               d->line, family, why);
      return YS_EINVAL;
    }
  }
  return 0;
}

/* The user's function of `family` in the chain at head, or NULL. */
static const ys_complexity_def *user_of(const ys_complexity_def *head,
                                        const char *family) {
  for (const ys_complexity_def *d = head; d != NULL; d = d->next)
    if (d->family != NULL && d->f != NULL && d->name != NULL &&
        strcmp(d->family, family) == 0)
      return d;
  return NULL;
}

/* Fits the family of run->benches[first], whose points are the results
 * from `first` on that share it, with its user function from `users` if
 * it has one; writes it to *out. */
static int fit_family(const ys_run_result *run, size_t first,
                      const ys_complexity_def *users, double *n, double *value,
                      ys_complexity_fit *out) {
  const ys_bench_result *head = &run->benches[first];
  size_t k = 0, dropped = 0;
  for (size_t i = first; i < run->n_benches; i++) {
    const ys_bench_result *res = &run->benches[i];
    if (strcmp(res->family, head->family) != 0) continue;
    if (left_out(res)) dropped++;
    if (!fit_point(res)) continue;
    int64_t size = 0;
    size_of(res, &size);
    n[k] = (double)size;
    value[k] = ys_analysis_headline(&res->series[0].analysis)->point;
    k++;
  }
  memset(out, 0, sizeof(*out));
  snprintf(out->family, sizeof(out->family), "%s", head->family);
  snprintf(out->unit, sizeof(out->unit), "%s", head->series[0].unit);
  int rc = ys_complexity_fit_points_with(n, value, k,
                                         user_of(users, head->family), out);
  out->n_left_out = dropped;
  return rc;
}

/* Whether an earlier result already started the family of benches[i]. */
static bool family_seen(const ys_run_result *run, size_t i) {
  for (size_t j = 0; j < i; j++)
    if (family_member(&run->benches[j]) &&
        strcmp(run->benches[j].family, run->benches[i].family) == 0)
      return true;
  return false;
}

/* How many members (points and sizes left out) the family of
 * benches[first] has. */
static size_t family_members(const ys_run_result *run, size_t first) {
  size_t k = 0;
  for (size_t i = first; i < run->n_benches; i++)
    if (family_member(&run->benches[i]) &&
        strcmp(run->benches[i].family, run->benches[first].family) == 0)
      k++;
  return k;
}

int ys_complexity_fit_run(ys_run_result *run) {
  return ys_complexity_fit_run_with(run, user_head);
}

int ys_complexity_fit_run_with(ys_run_result *run,
                               const ys_complexity_def *users) {
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
    if (!family_member(&run->benches[i]) || family_seen(run, i) ||
        family_members(run, i) < 2)
      continue;
    int rc = fit_family(run, i, users, work, work + n, &fits[n_fits]);
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
