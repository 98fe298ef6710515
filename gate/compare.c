/*
 * compare.c — one benchmark against its baseline, decided as
 * docs/statistics.md §3 says.
 *
 * The unit of replication is a round: each side contributes the point
 * estimates of its rounds, nothing finer, and is summed up by their lower
 * quartile (noise on a shared machine only ever adds time, so the faster
 * rounds are the steadier ones, but no single round decides). The change of
 * that statistic decides, together with its percentile bootstrap interval
 * over the rounds of both sides: regressed or improved when the change
 * crosses the threshold and the interval keeps to its side of zero,
 * inconclusive when noise hides the answer, unchanged otherwise. When
 * another process shared the CPU (a side's process had it less than 90 %
 * of its wall time), wall time measures the neighbour too: the comparison
 * is then made on cpu_time instead. The one-sided Mann-Whitney p is
 * evidence for the reader, never a gate.
 */
#include "compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_statistics_double.h>

#include "../analysis/stats.h"
#include "../core/error.h"
#include "../core/policy.h"

/* The exact distribution of U is used up to this many observations per
 * side: its counts then stay below C(40, 20) ≈ 1.4e11, which a double holds
 * exactly, and the table is at most 21 × 401 doubles. Beyond, the normal
 * approximation is within a few per cent of the exact p. */
#define YS__EXACT_MAX 20

/* Changes are ratios of measured doubles, so a change that is exactly the
 * threshold on paper (1 050 000 instructions against 1 000 000 at 5 %)
 * comes out a few ulps above it. Within this slack a change counts as equal
 * to the threshold, which does not cross it. */
#define YS__THRESHOLD_SLACK 1e-9

/* Returns the defaults of docs/statistics.md §3: a 5 % threshold and a 95 % CI
 * from 2000 bootstrap replicates seeded with `seed`. */
ys_compare_config ys_compare_config_default(uint64_t seed) {
  return (ys_compare_config){
      .threshold = YS_POLICY_THRESHOLD,
      .resamples = YS_POLICY_RESAMPLES,
      .confidence = YS_POLICY_CONFIDENCE,
      .seed = seed,
  };
}

/* ---- Mann-Whitney U ---------------------------------------------------- */

typedef struct ys__mw_stat {
  double u_a;      /* pairs with a_i > b_j, plus one half per tie */
  double tie_term; /* Σ (t³ − t) over groups of t equal values */
} ys__mw_stat;

/* Computes U_a from the ranks of the pooled sample (tied values share the
 * mean of their ranks, which gives the half per tie) and the tie term of
 * the variance. a and b borrowed, na, nb >= 1. Returns 0 or YS_ENOMEM. */
static int mw_statistic(const double *a, size_t na, const double *b, size_t nb,
                        ys__mw_stat *out) {
  size_t n = na + nb;
  double *pooled = malloc(n * sizeof(*pooled));
  size_t *order = malloc(n * sizeof(*order));
  if (pooled == NULL || order == NULL) goto err_free;
  memcpy(pooled, a, na * sizeof(*pooled));
  memcpy(pooled + na, b, nb * sizeof(*pooled));
  gsl_sort_index(order, pooled, 1, n);

  double rank_sum_a = 0.0, tie_term = 0.0;
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && pooled[order[j]] == pooled[order[i]])
      j++;
    /* Sorted positions i..j−1 hold ranks i+1..j; each gets their mean. */
    double rank = (double)(i + j + 1) / 2.0;
    for (size_t k = i; k < j; k++)
      if (order[k] < na) rank_sum_a += rank;
    double t = (double)(j - i);
    tie_term += t * t * t - t;
    i = j;
  }
  out->u_a = rank_sum_a - (double)na * (double)(na + 1) / 2.0;
  out->tie_term = tie_term;
  free(order);
  free(pooled);
  return 0;

err_free:
  free(order);
  free(pooled);
  return YS_ENOMEM;
}

/* Exact P(U <= u_obs) under H0 for samples of m and n distinct values.
 * f(i, j, u), the number of orderings of i a's and j b's with U = u, obeys
 * f(i, j, u) = f(i−1, j, u−j) + f(i, j−1, u): the largest value is either
 * an a, which beats all j b's, or a b, which adds nothing. Rows j = 0..n
 * are kept for the current i and updated in place. Writes *p; returns 0 or
 * YS_ENOMEM. */
static int mw_exact_p(size_t m, size_t n, double u_obs, double *p) {
  size_t width = m * n + 1;
  double *f = calloc((n + 1) * width, sizeof(*f));
  if (f == NULL) return YS_ENOMEM;

  for (size_t j = 0; j <= n; j++)
    f[j * width] = 1.0; /* f(0, j, ·) */
  for (size_t i = 1; i <= m; i++) {
    for (size_t j = 1; j <= n; j++) {
      double *row = f + j * width;
      const double *shorter = f + (j - 1) * width; /* already f(i, j−1, ·) */
      /* Descending u, so row[u − j] still holds f(i−1, j, ·). */
      for (size_t u = width; u-- > 0;)
        row[u] = (u >= j ? row[u - j] : 0.0) + shorter[u];
    }
  }

  const double *dist = f + n * width;
  double count = 0.0;
  for (size_t u = 0; u < width && (double)u <= u_obs; u++)
    count += dist[u];
  *p = count / gsl_sf_choose((unsigned)(m + n), (unsigned)m);
  free(f);
  return 0;
}

/* P(U <= u_obs) by the normal approximation: mean mn/2, variance
 * mn/12 · ((N+1) − Σ(t³−t)/(N(N−1))), plus one half for continuity. */
static double mw_normal_p(size_t m, size_t n, const ys__mw_stat *s) {
  double mm = (double)m, nn = (double)n, total = mm + nn;
  double mean = mm * nn / 2.0;
  double var =
      mm * nn / 12.0 * ((total + 1.0) - s->tie_term / (total * (total - 1.0)));
  /* Every value tied: U can only be its mean, and P(U <= U) = 1. */
  if (!(var > 0.0)) return 1.0;
  return gsl_cdf_ugaussian_P((s->u_a + 0.5 - mean) / sqrt(var));
}

/* Whether all n values are finite (NaN would make the sort meaningless). */
static bool all_finite(const double *x, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!isfinite(x[i])) return false;
  return true;
}

/* The one-sided p that b tends to be larger than a: exact when `exact_ok`,
 * both sides are small and nothing is tied, else normal. Writes NaN for
 * empty or non-finite input. Returns 0 or YS_ENOMEM. */
static int mw_greater(const double *a, size_t na, const double *b, size_t nb,
                      bool exact_ok, double *p) {
  *p = NAN;
  if (a == NULL || b == NULL || na == 0 || nb == 0) return 0;
  if (!all_finite(a, na) || !all_finite(b, nb)) return 0;

  ys__mw_stat s;
  int rc = mw_statistic(a, na, b, nb, &s);
  if (rc != 0) return rc;
  if (exact_ok && na <= YS__EXACT_MAX && nb <= YS__EXACT_MAX &&
      s.tie_term == 0.0)
    return mw_exact_p(na, nb, s.u_a, p);
  *p = mw_normal_p(na, nb, &s);
  return 0;
}

/* Returns the one-sided Mann-Whitney p that `b` (nb values, borrowed) is
 * stochastically larger than `a` (na values, borrowed): P(U_a <= observed)
 * under H0, exact for up to 20 distinct values a side, else normal with
 * continuity and tie correction. NaN for empty or non-finite input, and
 * when scratch memory cannot be had. */
double ys_compare_mann_whitney_greater(const double *a, size_t na,
                                       const double *b, size_t nb) {
  double p;
  if (mw_greater(a, na, b, nb, true, &p) != 0) return NAN;
  return p;
}

/* Returns the same p as ys_compare_mann_whitney_greater, always by the
 * normal approximation. NaN as there. */
double ys_compare_mann_whitney_greater_normal(const double *a, size_t na,
                                              const double *b, size_t nb) {
  double p;
  if (mw_greater(a, na, b, nb, false, &p) != 0) return NAN;
  return p;
}

/* ---- One side's rounds ---------------------------------------------- */

/* The figures of one side. `sorted` is owned; n == 0 means the side has
 * nothing to compare. */
typedef struct ys__side {
  double *sorted; /* round estimates, ascending */
  size_t n;
  double estimate; /* the deciding quantile */
  double median;
  double noise; /* share of noisy rounds, as the analysis counted them */
} ys__side;

/* The primary series of `res` (borrowed, may be NULL), or NULL. */
static const ys_series *primary_series(const ys_bench_result *res) {
  if (res == NULL || res->series == NULL || res->n_series == 0) return NULL;
  return &res->series[0];
}

/* The deciding statistic of n >= 1 ascending values. */
static double decision_statistic(const double *sorted, size_t n) {
  return gsl_stats_quantile_from_sorted_data(sorted, 1, n,
                                             YS_POLICY_DECISION_QUANTILE);
}

/* The series of `res` (borrowed, may be NULL) that measures `metric`, or
 * NULL. */
static const ys_series *named_series(const ys_bench_result *res,
                                     const char *metric) {
  if (res == NULL || res->series == NULL) return NULL;
  for (size_t m = 0; m < res->n_series; m++)
    if (res->series[m].metric != NULL &&
        strcmp(res->series[m].metric, metric) == 0)
      return &res->series[m];
  return NULL;
}

/* Loads the round estimates of series `s` of `res` into *side when the
 * benchmark ran OK and has rounds with finite estimates; leaves side->n at
 * 0 otherwise (s may be NULL). Returns 0 or YS_ENOMEM. */
static int side_load(const ys_bench_result *res, const ys_series *s,
                     ys__side *side) {
  *side = (ys__side){.estimate = NAN, .median = NAN, .noise = NAN};
  if (s == NULL || res->status != YS_BENCH_OK || s->rounds == NULL ||
      s->n_rounds == 0)
    return 0;

  double *x = malloc(s->n_rounds * sizeof(*x));
  if (x == NULL) return YS_ENOMEM;
  for (size_t i = 0; i < s->n_rounds; i++)
    x[i] = s->rounds[i].estimate;
  if (!all_finite(x, s->n_rounds)) {
    free(x);
    return 0;
  }
  gsl_sort(x, 1, s->n_rounds);

  side->sorted = x;
  side->n = s->n_rounds;
  side->estimate = decision_statistic(x, side->n);
  side->median = gsl_stats_median_from_sorted_data(x, 1, side->n);
  /* The analysis counted the noisy rounds already; a side with too few
   * rounds to count them is not called noisy (core/policy.h). */
  side->noise = s->analysis.noisy_round_share;
  return 0;
}

/* The share of its time a side's process had the CPU: the median over its
 * rounds of the cpu_time estimate over the time estimate of the same
 * round. NaN when the side did not run OK or has no cpu_time beside its
 * time, round for round. */
static double cpu_share(const ys_bench_result *res) {
  const ys_series *wall = named_series(res, "time");
  const ys_series *cpu = named_series(res, "cpu_time");
  if (res == NULL || res->status != YS_BENCH_OK || wall == NULL ||
      cpu == NULL || wall->n_rounds == 0 || wall->n_rounds != cpu->n_rounds)
    return NAN;
  double *ratio = malloc(wall->n_rounds * sizeof(*ratio));
  if (ratio == NULL) return NAN;
  for (size_t r = 0; r < wall->n_rounds; r++)
    ratio[r] = cpu->rounds[r].estimate / wall->rounds[r].estimate;
  double share = NAN;
  if (all_finite(ratio, wall->n_rounds)) {
    gsl_sort(ratio, 1, wall->n_rounds);
    share = gsl_stats_median_from_sorted_data(ratio, 1, wall->n_rounds);
  }
  free(ratio);
  return share;
}

/* Whether a side's rounds are too noisy to trust (core/policy.h). */
static bool side_is_noisy(const ys__side *side) {
  return side->n >= YS_POLICY_MIN_NOISY_ROUNDS &&
         side->noise > YS_POLICY_NOISY_SHARE;
}

/* Returns now / before − 1, and 0 when the two are equal, so that a count
 * that stayed at 0 has not changed (0 / 0 would be NaN). */
static double relative(double now, double before) {
  if (now == before) return 0.0;
  return now / before - 1.0;
}

/* Draws n values of `from` with replacement into `to`, sorts them and
 * returns their deciding statistic. */
static double resample_statistic(const gsl_rng *rng, const double *from,
                                 double *to, size_t n) {
  for (size_t i = 0; i < n; i++)
    to[i] = from[gsl_rng_uniform_int(rng, (unsigned long)n)];
  gsl_sort(to, 1, n);
  return decision_statistic(to, n);
}

/* The same folding of a 64-bit seed into mt19937's 32-bit one as
 * analysis/stats.c, so a seed means the same stream everywhere. */
static unsigned long rng_seed(uint64_t seed) {
  return (unsigned long)((seed ^ (seed >> 32)) & 0xffffffffu);
}

/* Percentile bootstrap CI of the change: each replicate resamples the
 * rounds of both sides independently and compares their deciding
 * statistics. The interval is widened, if need be, to contain ci->point,
 * the observed change: a skewed bootstrap distribution can leave the point
 * just outside, and a report must never show a change outside its own
 * interval. lo and hi are the point when cfg asks for no replicates or a
 * confidence outside [0, 1]. Returns 0 or YS_ENOMEM. */
static int bootstrap_ci(const ys__side *base, const ys__side *cur,
                        const ys_compare_config *cfg, ys_estimate *ci) {
  ci->point = relative(cur->estimate, base->estimate);
  ci->lo = ci->point;
  ci->hi = ci->point;
  size_t b = cfg->resamples;
  if (b == 0 || !(cfg->confidence >= 0.0 && cfg->confidence <= 1.0)) return 0;

  int rc = YS_ENOMEM;
  double *reps = malloc(b * sizeof(*reps));
  double *base_star = malloc(base->n * sizeof(*base_star));
  double *cur_star = malloc(cur->n * sizeof(*cur_star));
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (reps == NULL || base_star == NULL || cur_star == NULL || rng == NULL)
    goto out;
  gsl_rng_set(rng, rng_seed(cfg->seed));

  for (size_t r = 0; r < b; r++) {
    double sb = resample_statistic(rng, base->sorted, base_star, base->n);
    double sc = resample_statistic(rng, cur->sorted, cur_star, cur->n);
    reps[r] = relative(sc, sb);
  }
  ys_stats_percentile_ci(reps, b, cfg->confidence, &ci->lo, &ci->hi);
  ci->lo = fmin(ci->lo, ci->point);
  ci->hi = fmax(ci->hi, ci->point);
  rc = 0;

out:
  if (rng != NULL) gsl_rng_free(rng);
  free(cur_star);
  free(base_star);
  free(reps);
  return rc;
}

/* ---- Verdicts -------------------------------------------------------- */

static bool crosses_up(double change, double threshold) {
  return change > threshold + YS__THRESHOLD_SLACK;
}

static bool crosses_down(double change, double threshold) {
  return change < -threshold - YS__THRESHOLD_SLACK;
}

/* Counts are exact: the threshold alone decides (§3 point 6). */
static ys_verdict decide_counts(double change, double threshold) {
  if (crosses_up(change, threshold)) return YS_VERDICT_REGRESSED;
  if (crosses_down(change, threshold)) return YS_VERDICT_IMPROVED;
  return YS_VERDICT_UNCHANGED;
}

/* Time (§3): the change decides when its interval backs it.
 *
 *   regressed     the change crosses +threshold and the interval is above 0;
 *   improved      the change crosses −threshold and the interval is below 0;
 *   inconclusive  the change crosses without that backing, or the interval
 *                 reaches more than the threshold beyond the change on both
 *                 sides (a threshold-sized change would go unseen);
 *   unchanged     otherwise.
 *
 * The two directions are treated alike, so that an A/A comparison leans
 * up as often as down. With fewer than YS_POLICY_MIN_DECIDING_ROUNDS
 * rounds on a side, the bootstrap has no spread to show, so a crossing is
 * inconclusive. Writes the reason to *doubt. */
static ys_verdict decide_time(const ys_estimate *ci, double threshold,
                              bool few_rounds, ys_doubt *doubt) {
  bool up = crosses_up(ci->point, threshold);
  bool down = crosses_down(ci->point, threshold);
  *doubt = YS_DOUBT_NONE;
  if ((up || down) && few_rounds) {
    *doubt = YS_DOUBT_FEW_ROUNDS;
    return YS_VERDICT_INCONCLUSIVE;
  }
  if (up && ci->lo > 0.0) return YS_VERDICT_REGRESSED;
  if (down && ci->hi < 0.0) return YS_VERDICT_IMPROVED;
  if (up || down) {
    *doubt = YS_DOUBT_UNSUPPORTED;
    return YS_VERDICT_INCONCLUSIVE;
  }
  if (ci->point - ci->lo > threshold && ci->hi - ci->point > threshold) {
    *doubt = YS_DOUBT_TOO_WIDE;
    return YS_VERDICT_INCONCLUSIVE;
  }
  return YS_VERDICT_UNCHANGED;
}

/* Rounds a side would likely need to settle an inconclusive verdict, from
 * the interval's half-width h shrinking with the rounds of both sides: its
 * square goes as 1/n_base + 1/n_new, so N rounds on each side give h² ·
 * (2/N) / (1/n_base + 1/n_new). For a crossing, h must fall below the
 * change's distance from 0; for a too-wide interval, below the threshold.
 * Both sides are counted because a saved baseline keeps its own rounds:
 * re-measuring this side alone cannot settle what the baseline's few
 * rounds leave open. Returns at least one more than the larger side has,
 * and 0 when that is beyond YS_POLICY_SETTLE_MAX_ROUNDS or cannot be
 * estimated. */
static size_t settle_rounds(const ys_comparison *c) {
  size_t nb = c->base_rounds, nc = c->new_rounds;
  size_t n_max = nb > nc ? nb : nc;
  if (c->doubt == YS_DOUBT_CONTENDED) return 0; /* rounds will not help */
  if (c->doubt == YS_DOUBT_FEW_ROUNDS) {
    size_t need = YS_POLICY_MIN_DECIDING_ROUNDS * 2;
    return need > n_max ? need : n_max + 1;
  }
  double half = (c->change_ci.hi - c->change_ci.lo) / 2.0;
  double target =
      c->doubt == YS_DOUBT_TOO_WIDE ? c->threshold : fabs(c->change);
  if (!(half > 0.0) || !(target > 0.0) || nb == 0 || nc == 0) return 0;
  /* Aim a little inside the target, so the suggestion does not sit on the
   * edge of settling. */
  double ratio = half / (0.8 * target);
  double need =
      ceil(2.0 * ratio * ratio / (1.0 / (double)nb + 1.0 / (double)nc));
  if (!(need <= YS_POLICY_SETTLE_MAX_ROUNDS)) return 0;
  return need > (double)n_max ? (size_t)need : n_max + 1;
}

/* Copies the figures of both sides into *out. */
static void set_sides(ys_comparison *out, const ys__side *b,
                      const ys__side *c) {
  out->base_rounds = b->n;
  out->base_estimate = b->estimate;
  out->base_median = b->median;
  out->base_noise = b->noise;
  out->new_rounds = c->n;
  out->new_estimate = c->estimate;
  out->new_median = c->median;
  out->new_noise = c->noise;
}

/* Whether a series measures wall-clock time, the one metric a shared CPU
 * inflates that has a better-behaved twin (cpu_time). */
static bool is_wall_time(const ys_series *s) {
  return s != NULL && s->kind == YS_METRIC_TIME && s->metric != NULL &&
         strcmp(s->metric, "time") == 0;
}

/* The CPU was shared: replaces the sides *b and *c (wall time) by the
 * cpu_time rounds of `base` and `current`, and out's figures with them,
 * when both have such rounds; leaves everything as it was otherwise.
 * Returns 0 or YS_ENOMEM. */
static int switch_to_cpu_time(const ys_bench_result *base,
                              const ys_bench_result *current,
                              ys_comparison *out, ys__side *b, ys__side *c) {
  ys__side b_cpu, c_cpu;
  int rc = side_load(base, named_series(base, "cpu_time"), &b_cpu);
  if (rc != 0) return rc;
  rc = side_load(current, named_series(current, "cpu_time"), &c_cpu);
  if (rc != 0 || b_cpu.n == 0 || c_cpu.n == 0) {
    free(b_cpu.sorted);
    free(c_cpu.sorted);
    return rc;
  }
  free(b->sorted);
  free(c->sorted);
  *b = b_cpu;
  *c = c_cpu;
  out->metric = named_series(current, "cpu_time")->metric;
  set_sides(out, b, c);
  return 0;
}

/* Whether two static strings (either may be NULL) are the same. */
static bool same_text(const char *x, const char *y) {
  if (x == NULL || y == NULL) return x == y;
  return strcmp(x, y) == 0;
}

/* Compares series `cs` of `current` against series `bs` of `base` (each
 * NULL when that side does not hold the metric) as ys_compare_bench
 * describes for the primary series. */
static int compare_series(const ys_bench_result *base, const ys_series *bs,
                          const ys_bench_result *current, const ys_series *cs,
                          const ys_compare_config *cfg, ys_comparison *out) {
  ys_compare_config defaults = ys_compare_config_default(0);
  if (cfg == NULL) cfg = &defaults;

  /* Zeroed first so that padding, too, is the same on every call. */
  memset(out, 0, sizeof(*out));
  out->verdict = YS_VERDICT_NOT_COMPARED;
  out->base_estimate = out->new_estimate = NAN;
  out->base_median = out->new_median = NAN;
  out->base_noise = out->new_noise = NAN;
  out->change = NAN;
  out->change_ci = (ys_estimate){NAN, NAN, NAN};
  out->p_value = NAN;
  out->threshold = cfg->threshold;

  const ys_series *named = cs != NULL ? cs : bs;
  if (named != NULL) {
    out->metric = named->metric;
    out->unit = named->unit;
    out->kind = named->kind;
    out->exact = named->exact;
  }

  ys__side b, c;
  int rc = side_load(base, bs, &b);
  if (rc != 0) return rc;
  rc = side_load(current, cs, &c);
  if (rc != 0) goto out_free_base;
  out->base_cpu_share = cpu_share(base);
  out->new_cpu_share = cpu_share(current);
  set_sides(out, &b, &c);

  if (base == NULL) {
    out->verdict = YS_VERDICT_NEW;
    goto out_free_both;
  }
  if (current == NULL) {
    out->verdict = YS_VERDICT_MISSING;
    goto out_free_both;
  }
  if (b.n == 0 || c.n == 0 || !same_text(bs->metric, cs->metric) ||
      !same_text(bs->unit, cs->unit) || bs->kind != cs->kind ||
      bs->exact != cs->exact)
    goto out_free_both; /* not compared */

  if (!out->exact && is_wall_time(bs) &&
      (out->base_cpu_share < YS_POLICY_MIN_CPU_SHARE ||
       out->new_cpu_share < YS_POLICY_MIN_CPU_SHARE)) {
    out->contended = true;
    rc = switch_to_cpu_time(base, current, out, &b, &c);
    if (rc != 0) goto out_free_both;
  }

  out->change = relative(c.estimate, b.estimate);
  out->noisy = side_is_noisy(&b) || side_is_noisy(&c);
  if (!out->exact && !isfinite(out->change)) {
    /* A time of 0 on the baseline's side (all-zero samples): no ratio
     * means anything. Exact counts may go from 0 to some, which is a real
     * change, and stay compared. */
    out->change = NAN;
    goto out_free_both;
  }

  if (out->exact) {
    out->change_ci = (ys_estimate){
        .point = out->change, .lo = out->change, .hi = out->change};
    out->verdict = decide_counts(out->change, cfg->threshold);
    goto out_free_both;
  }

  rc = mw_greater(b.sorted, b.n, c.sorted, c.n, true, &out->p_value);
  if (rc != 0) goto out_free_both;
  rc = bootstrap_ci(&b, &c, cfg, &out->change_ci);
  if (rc != 0) goto out_free_both;
  out->verdict = decide_time(&out->change_ci, cfg->threshold,
                             b.n < YS_POLICY_MIN_DECIDING_ROUNDS ||
                                 c.n < YS_POLICY_MIN_DECIDING_ROUNDS,
                             &out->doubt);
  bool starved = fmin(out->base_cpu_share, out->new_cpu_share) <
                 YS_POLICY_MIN_JUDGED_CPU_SHARE;
  if (out->contended && (starved || !same_text(out->metric, "cpu_time")) &&
      (out->verdict == YS_VERDICT_REGRESSED ||
       out->verdict == YS_VERDICT_IMPROVED)) {
    /* Wall time on a shared CPU, with nothing better to decide on, or a
     * CPU so busy that not even CPU time can be trusted. */
    out->verdict = YS_VERDICT_INCONCLUSIVE;
    out->doubt = YS_DOUBT_CONTENDED;
  }
  if (out->verdict == YS_VERDICT_INCONCLUSIVE)
    out->settle_rounds = settle_rounds(out);

out_free_both:
  free(c.sorted);
out_free_base:
  free(b.sorted);
  if (rc != 0) out->verdict = YS_VERDICT_NOT_COMPARED;
  return rc;
}

/* Compares the primary series of `current` (borrowed, may be NULL: the
 * benchmark is missing) against that of `base` (borrowed, may be NULL: the
 * benchmark is new) under `cfg` (borrowed; NULL means the defaults with
 * seed 0). Fills *out entirely: figures of a side are set when that side
 * ran OK with finite round estimates (else its rounds are 0 and its figures
 * NaN); change, CI and p are NaN unless the verdict is unchanged, improved,
 * regressed or inconclusive. `remeasured` is left false for the caller, and
 * so are the per-metric comparisons (ys_compare_metric). The same inputs
 * and seed give a bytewise identical *out. Returns 0 or YS_ENOMEM (*out
 * then says "not compared"). */
int ys_compare_bench(const ys_bench_result *base,
                     const ys_bench_result *current,
                     const ys_compare_config *cfg, ys_comparison *out) {
  return compare_series(base, primary_series(base), current,
                        primary_series(current), cfg, out);
}

bool ys_compare_settings_differ(const ys_bench_settings *base,
                                const ys_bench_settings *current) {
  if (base->own != current->own) return true;
  unsigned own = base->own;
  /* Exact comparisons: both values are copies of one literal in code. */
  return ((own & YS_SETTING_WARM_UP_TIME) &&
          base->warm_up_time_s != current->warm_up_time_s) ||
         ((own & YS_SETTING_WARM_UP_ITERATIONS) &&
          base->warm_up_iterations != current->warm_up_iterations) ||
         ((own & YS_SETTING_MEASUREMENT_TIME) &&
          base->measurement_time_s != current->measurement_time_s) ||
         ((own & YS_SETTING_ROUNDS) && base->rounds != current->rounds) ||
         ((own & YS_SETTING_SAMPLE_SIZE) &&
          base->sample_size != current->sample_size);
}

/* Swaps regressed and improved: for a metric where higher is better, a
 * fall is the regression. The rules are symmetric in the two directions
 * (decide_counts, decide_time), so the swap is the whole difference. */
static ys_verdict in_direction(ys_verdict v, bool higher_is_better) {
  if (!higher_is_better) return v;
  if (v == YS_VERDICT_REGRESSED) return YS_VERDICT_IMPROVED;
  if (v == YS_VERDICT_IMPROVED) return YS_VERDICT_REGRESSED;
  return v;
}

/* Compares the series named `metric` of `current` against the one of
 * `base` (both borrowed and non-NULL; a side without that series makes
 * the metric "not compared") by the rule of the primary metric, under
 * cfg->threshold, with `higher_is_better` turning a fall into the
 * regression. A wall time compared while the CPU was shared is decided on
 * cpu_time, as for the primary metric, but keeps its name here: the list
 * names what was asked for. Fills *out entirely (gated false: the caller
 * decides that). Returns 0 or YS_ENOMEM (*out then "not
 * compared"). */
int ys_compare_metric(const ys_bench_result *base,
                      const ys_bench_result *current, const char *metric,
                      bool higher_is_better, const ys_compare_config *cfg,
                      ys_metric_comparison *out) {
  ys_comparison *full = malloc(sizeof(*full));
  memset(out, 0, sizeof(*out));
  out->metric = metric;
  out->verdict = YS_VERDICT_NOT_COMPARED;
  out->base_estimate = out->new_estimate = out->change = NAN;
  out->change_ci = (ys_estimate){NAN, NAN, NAN};
  out->higher_is_better = higher_is_better;
  out->threshold = cfg != NULL ? cfg->threshold : YS_POLICY_THRESHOLD;
  if (full == NULL) return YS_ENOMEM;
  int rc = compare_series(base, named_series(base, metric), current,
                          named_series(current, metric), cfg, full);
  if (rc == 0) {
    out->unit = full->unit;
    out->kind = full->kind;
    out->exact = full->exact;
    out->verdict = in_direction(full->verdict, higher_is_better);
    out->base_estimate = full->base_estimate;
    out->new_estimate = full->new_estimate;
    out->change = full->change;
    out->change_ci = full->change_ci;
  }
  free(full);
  return rc;
}
