#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "model.h"
#include "policy.h"

void ys_bench_result_clear(ys_bench_result *res) {
  if (res == NULL) return;
  for (size_t m = 0; m < res->n_series; m++) {
    free(res->series[m].samples);
    free(res->series[m].rounds);
  }
  free(res->series);
  res->series = NULL;
  res->n_series = 0;
  for (size_t f = 0; f < res->n_functions; f++)
    free(res->functions[f].name);
  free(res->functions);
  res->functions = NULL;
  res->n_functions = 0;
  free(res->latency.samples);
  res->latency.samples = NULL;
  free(res->command);
  res->command = NULL;
}

void ys_run_result_free(ys_run_result *run) {
  if (run == NULL) return;
  for (size_t i = 0; i < run->n_benches; i++)
    ys_bench_result_clear(&run->benches[i]);
  free(run->benches);
  free(run->complexity);
  memset(run, 0, sizeof(*run));
}

const char *ys_verdict_name(ys_verdict v) {
  switch (v) {
  case YS_VERDICT_UNCHANGED:
    return "unchanged";
  case YS_VERDICT_IMPROVED:
    return "improved";
  case YS_VERDICT_REGRESSED:
    return "regressed";
  case YS_VERDICT_INCONCLUSIVE:
    return "inconclusive";
  case YS_VERDICT_NEW:
    return "new";
  case YS_VERDICT_MISSING:
    return "missing";
  case YS_VERDICT_NOT_COMPARED:
  case YS_VERDICT_COUNT:
    break;
  }
  return "not compared";
}

const char *ys_doubt_name(ys_doubt d) {
  switch (d) {
  case YS_DOUBT_UNSUPPORTED:
    return "unsupported";
  case YS_DOUBT_TOO_WIDE:
    return "too_wide";
  case YS_DOUBT_FEW_ROUNDS:
    return "few_rounds";
  case YS_DOUBT_CONTENDED:
    return "contended";
  case YS_DOUBT_NONE:
    break;
  }
  return NULL;
}

/* Adds the kept iteration times of `more` to those of `l` (whose buffer
 * holds YS_POLICY_LATENCY_MAX_SAMPLES). When both do not fit, each side
 * keeps a share of the buffer in proportion to the iterations it timed, so
 * that the times stay a sample of all iterations alike. */
static void append_latency(ys_latency *l, const ys_latency *more) {
  if (l->status != YS_LATENCY_ON || more->status != YS_LATENCY_ON ||
      l->samples == NULL || more->samples == NULL)
    return;
  size_t cap = YS_POLICY_LATENCY_MAX_SAMPLES;
  size_t mine = l->kept, theirs = more->kept;
  if (mine + theirs > cap) {
    double share = (double)more->timed / (double)(l->timed + more->timed);
    theirs = (size_t)((double)cap * share);
    if (theirs > more->kept) theirs = more->kept;
    mine = cap - theirs;
    if (mine > l->kept) mine = l->kept;
  }
  memcpy(l->samples + mine, more->samples, theirs * sizeof(*l->samples));
  l->kept = mine + theirs;
  l->timed += more->timed;
}

/* Whether series `s` is a latency percentile series, which a round may
 * lack (ys_bench_result_append_rounds). */
static bool is_latency_series(const ys_series *s) {
  return (s->counter & YS_SERIES_LATENCY) != 0;
}

const ys_series *ys_bench_result_series(const ys_bench_result *res,
                                        const char *metric) {
  if (res == NULL || metric == NULL) return NULL;
  for (size_t m = 0; m < res->n_series; m++)
    if (res->series[m].metric != NULL &&
        strcmp(res->series[m].metric, metric) == 0)
      return &res->series[m];
  return NULL;
}

/* Whether the series of `a` and `b` other than latency series measure the
 * same metrics in the same order. */
static bool same_fixed_series(const ys_bench_result *a,
                              const ys_bench_result *b) {
  size_t i = 0, j = 0;
  for (;;) {
    while (i < a->n_series && is_latency_series(&a->series[i]))
      i++;
    while (j < b->n_series && is_latency_series(&b->series[j]))
      j++;
    if (i == a->n_series || j == b->n_series)
      return i == a->n_series && j == b->n_series;
    if (strcmp(a->series[i].metric, b->series[j].metric) != 0) return false;
    i++;
    j++;
  }
}

int ys_bench_result_append_rounds(ys_bench_result *res,
                                  const ys_bench_result *more) {
  if (!same_fixed_series(res, more)) return YS_EINVAL;
  for (size_t m = 0; m < res->n_series; m++) {
    ys_series *dst = &res->series[m];
    const ys_series *src = ys_bench_result_series(more, dst->metric);
    if (src == NULL)
      continue; /* a latency series its rounds were too short for */
    /* Sizes that would wrap around are refused before they are computed. */
    if (src->n_samples > SIZE_MAX / sizeof(ys_sample) - dst->n_samples ||
        src->n_rounds > SIZE_MAX / sizeof(ys_round) - dst->n_rounds)
      return YS_ENOMEM;
    ys_sample *samples = realloc(
        dst->samples, (dst->n_samples + src->n_samples) * sizeof(*samples));
    if (samples == NULL) return YS_ENOMEM;
    dst->samples = samples;
    ys_round *rounds =
        realloc(dst->rounds, (dst->n_rounds + src->n_rounds) * sizeof(*rounds));
    if (rounds == NULL) return YS_ENOMEM;
    dst->rounds = rounds;
    for (size_t r = 0; r < src->n_rounds; r++) {
      ys_round round = src->rounds[r];
      round.first_sample += dst->n_samples;
      dst->rounds[dst->n_rounds++] = round;
    }
    memcpy(dst->samples + dst->n_samples, src->samples,
           src->n_samples * sizeof(*samples));
    dst->n_samples += src->n_samples;
  }
  res->total_iterations += more->total_iterations;
  res->elapsed_s += more->elapsed_s;
  append_latency(&res->latency, &more->latency);
  return 0;
}

const ys_warning_info ys_warnings[YS_WARN_COUNT] = {
    {YS_WARN_LOW_R_SQUARED, "low_r_squared"},
    {YS_WARN_HIGH_VARIANCE, "high_variance"},
    {YS_WARN_SHORT_SAMPLES, "short_samples"},
    {YS_WARN_AUTOCORRELATED, "autocorrelated"},
    {YS_WARN_FEW_ITERATIONS, "few_iterations"},
    {YS_WARN_NOISY_ROUNDS, "noisy_rounds"},
};

const char *ys_bench_status_name(ys_bench_status status) {
  switch (status) {
  case YS_BENCH_OK:
    return "ok";
  case YS_BENCH_SKIPPED:
    return "skipped";
  case YS_BENCH_FAILED:
    break;
  }
  return "failed";
}

static const char *const complexity_names[YS_COMPLEXITY_COUNT] = {
#define YS__COMPLEXITY_NAME(value, name) [value] = name,
    YS_COMPLEXITY_MAP(YS__COMPLEXITY_NAME)
#undef YS__COMPLEXITY_NAME
};

const char *ys_complexity_name(ys_complexity_class c) {
  if (c == YS_COMPLEXITY_USER) return "user";
  return (unsigned)c < YS_COMPLEXITY_COUNT ? complexity_names[c] : "unknown";
}

const char *ys_complexity_fit_name(const ys_complexity_fit *f,
                                   ys_complexity_class c) {
  return c == YS_COMPLEXITY_USER && f->user_name[0] != '\0'
             ? f->user_name
             : ys_complexity_name(c);
}

bool ys_complexity_parse(const char *name, ys_complexity_class *out) {
  if (strcmp(name, "user") == 0) {
    *out = YS_COMPLEXITY_USER;
    return true;
  }
  for (size_t c = 0; c < YS_COMPLEXITY_COUNT; c++) {
    if (strcmp(name, complexity_names[c]) == 0) {
      *out = (ys_complexity_class)c;
      return true;
    }
  }
  return false;
}
