/*
 * latency.c — latency mode in the runner (latency.h; docs/statistics.md
 * §7).
 */
#include "latency.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/latency.h"
#include "../core/error.h"
#include "../core/policy.h"
#include "../core/scaled_text.h"

int ys_latency_recorder_init(ys_latency_recorder *r, uint64_t seed) {
  memset(r, 0, sizeof(*r));
  r->rng = gsl_rng_alloc(gsl_rng_mt19937);
  r->round = malloc(YS_POLICY_LATENCY_MAX_SAMPLES * sizeof(*r->round));
  if (r->rng == NULL || r->round == NULL) {
    ys_latency_recorder_free(r);
    return YS_ENOMEM;
  }
  gsl_rng_set(r->rng, (unsigned long)((seed ^ (seed >> 32)) & 0xffffffffu));
  return 0;
}

void ys_latency_recorder_free(ys_latency_recorder *r) {
  gsl_rng_free(r->rng);
  free(r->round);
  memset(r, 0, sizeof(*r));
}

void ys_latency_round_begin(ys_latency_recorder *r, ys_latency *bench) {
  r->round_kept = 0;
  r->round_seen = 0;
  r->bench = bench;
}

/* Algorithm R: the seen-th time replaces a random kept one with
 * probability cap/seen, so every time seen is kept with the same
 * probability. gsl_rng_uniform rather than gsl_rng_uniform_int, which
 * cannot draw beyond mt19937's 2^32 values. */
static void keep(gsl_rng *rng, double *buf, size_t *kept, uint64_t *seen,
                 double ns) {
  (*seen)++;
  if (*kept < YS_POLICY_LATENCY_MAX_SAMPLES) {
    buf[(*kept)++] = ns;
    return;
  }
  uint64_t k = (uint64_t)(gsl_rng_uniform(rng) * (double)*seen);
  if (k < YS_POLICY_LATENCY_MAX_SAMPLES) buf[k] = ns;
}

void ys_latency_record(ys_latency_recorder *r, double ns) {
  keep(r->rng, r->round, &r->round_kept, &r->round_seen, ns);
  if (r->bench != NULL)
    keep(r->rng, r->bench->samples, &r->bench->kept, &r->bench->timed, ns);
}

double ys_latency_round_median(ys_latency_recorder *r) {
  if (r->round_kept == 0) return 0;
  gsl_sort(r->round, 1, r->round_kept);
  return ys_latency_quantile(r->round, r->round_kept, 0.5);
}

/* Appends a series named `name` for latency to res. */
static int add_series(ys_bench_result *res, const char *name) {
  ys_series *grown =
      realloc(res->series, (res->n_series + 1) * sizeof(*res->series));
  if (grown == NULL) return YS_ENOMEM;
  res->series = grown;
  ys_series *s = &res->series[res->n_series++];
  memset(s, 0, sizeof(*s));
  s->metric = name;
  s->unit = res->series[0].unit;
  s->kind = res->series[0].kind;
  s->counter = YS_SERIES_LATENCY;
  return 0;
}

/* The index of res's series named `name`, or res->n_series. */
static size_t series_named(const ys_bench_result *res, const char *name) {
  size_t m = 0;
  while (m < res->n_series && strcmp(res->series[m].metric, name) != 0)
    m++;
  return m;
}

/* Appends one sample of one iteration and value v, as a round of its own,
 * to series s. */
static int append(ys_series *s, double v) {
  ys_sample *samples =
      realloc(s->samples, (s->n_samples + 1) * sizeof(*s->samples));
  if (samples == NULL) return YS_ENOMEM;
  s->samples = samples;
  ys_round *rounds = realloc(s->rounds, (s->n_rounds + 1) * sizeof(*rounds));
  if (rounds == NULL) return YS_ENOMEM;
  s->rounds = rounds;
  s->rounds[s->n_rounds++] =
      (ys_round){.first_sample = s->n_samples, .n_samples = 1, .estimate = v};
  s->samples[s->n_samples++] = (ys_sample){1, v};
  return 0;
}

int ys_latency_add_round(ys_bench_result *res,
                         const double values[YS_LATENCY_SERIES],
                         const bool has[YS_LATENCY_SERIES]) {
  bool first =
      series_named(res, ys_latency_series_name[0]) == res->n_series &&
      series_named(res, ys_latency_series_name[YS_LATENCY_SERIES - 1]) ==
          res->n_series;
  for (size_t q = 0; q < YS_LATENCY_SERIES; q++) {
    const char *name = ys_latency_series_name[q];
    /* A round's percentile follows the rule of the pooled one: from
     * fewer than 1/(1 − p) times it is the round's maximum under another
     * name, and a gate on it would gate the maximum. The benchmark's first
     * round decides whether the series exists (a series must hold a round
     * to be analysed); a later round too short adds nothing to it. Both
     * are counted in short_rounds for the reports. */
    bool too_few = !has[q];
    if (too_few && q < YS_LATENCY_QUANTILES &&
        res->latency.short_rounds[q] < SIZE_MAX)
      res->latency.short_rounds[q]++;
    size_t m = series_named(res, name);
    if (m == res->n_series) {
      /* Added on the first round only: results of the same benchmark must
       * hold the same series to be appended to each other (a
       * confirmation's rounds). */
      if (!first || too_few) continue;
      int rc = add_series(res, name);
      if (rc != 0) return rc;
    }
    if (too_few) continue;
    int rc = append(&res->series[m], values[q]);
    if (rc != 0) return rc;
  }
  return 0;
}

int ys_latency_round_end(ys_latency_recorder *r, ys_bench_result *res) {
  r->bench = NULL;
  size_t n = r->round_kept;
  if (n == 0) return 0;
  gsl_sort(r->round, 1, n);
  double values[YS_LATENCY_SERIES];
  bool has[YS_LATENCY_SERIES];
  for (size_t q = 0; q < YS_LATENCY_SERIES; q++) {
    bool is_max = q == YS_LATENCY_QUANTILES;
    values[q] =
        is_max ? r->round[n - 1]
               : ys_latency_quantile(r->round, n, ys_latency_probability[q]);
    has[q] = is_max || n >= ys_latency_min_samples(ys_latency_probability[q]);
  }
  return ys_latency_add_round(res, values, has);
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

double ys_latency_clock_cost(const ys_collector *c, size_t windows) {
  double cost[101];
  if (windows > 101) windows = 101;
  if (windows == 0) windows = 1;
  for (size_t i = 0; i < windows; i++) {
    double acc[YS_MAX_METRICS] = {0};
    c->ops->start(c->ctx);
    c->ops->stop(c->ctx, acc);
    cost[i] = acc[0];
  }
  qsort(cost, windows, sizeof(cost[0]), compare_doubles);
  return cost[windows / 2];
}

void ys_latency_decide(ys_latency *l, const char *name, double clock_ns,
                       double median_ns) {
  l->clock_ns = clock_ns;
  l->probe_median_ns = median_ns;
  if (median_ns >= YS_POLICY_LATENCY_MIN_CLOCK_RATIO * clock_ns) {
    l->status = YS_LATENCY_ON;
    l->why[0] = '\0';
    return;
  }
  l->status = YS_LATENCY_REFUSED;
  /* The times as every report writes them ("4.600 µs"), not raw ns. */
  char median[24], clock[24];
  ys_duration_text(median_ns, median, sizeof(median));
  ys_duration_text(clock_ns, clock, sizeof(clock));
  snprintf(l->why, sizeof(l->why),
           "latency mode refused for %s: its median iteration takes %s, "
           "less than %.0f times the clock's own cost of %s, which "
           "would dominate its percentiles; measured in batches instead. "
           "Put more work into one iteration (a loop of requests inside it) "
           "to time it on its own",
           name, median, YS_POLICY_LATENCY_MIN_CLOCK_RATIO, clock);
}

void ys_latency_refuse_metric(ys_latency *l, const char *name,
                              const char *metric) {
  l->status = YS_LATENCY_REFUSED;
  snprintf(l->why, sizeof(l->why),
           "latency mode refused for %s: it needs a time as the primary "
           "metric, and this collector's is %s; measured as usual instead",
           name, metric);
}

int ys_latency_start(ys_latency *l) {
  if (l->samples != NULL) return 0;
  l->samples = malloc(YS_POLICY_LATENCY_MAX_SAMPLES * sizeof(*l->samples));
  return l->samples == NULL ? YS_ENOMEM : 0;
}
