/*
 * comparable.c — whether a baseline and a run measured anything in common
 * (comparable.h).
 */
#include "comparable.h"

#include <stdio.h>
#include <string.h>

#include "../core/names.h"

/* Whether two strings (either may be NULL) are the same. */
static bool same_text(const char *x, const char *y) {
  if (x == NULL || y == NULL) return x == y;
  return strcmp(x, y) == 0;
}

/* The primary series of `res`, or NULL when it has none (a benchmark that
 * skipped or failed before measuring anything). */
static const ys_series *primary(const ys_bench_result *res) {
  return res->series != NULL && res->n_series > 0 ? &res->series[0] : NULL;
}

/* The same test as ys_compare_bench's: a change between two different
 * metrics means nothing, so those pairs are never compared. */
static bool same_metric(const ys_series *a, const ys_series *b) {
  return same_text(a->metric, b->metric) && same_text(a->unit, b->unit) &&
         a->kind == b->kind && a->exact == b->exact;
}

/* Whether `name` is among the metrics of benches[0..upto) (series of
 * earlier benchmarks, and earlier series of benches[upto] up to `series`). */
static bool listed_before(const ys_run_result *run, size_t upto, size_t series,
                          const char *name) {
  for (size_t i = 0; i <= upto && i < run->n_benches; i++) {
    const ys_bench_result *res = &run->benches[i];
    size_t end = i == upto ? series : res->n_series;
    for (size_t m = 0; m < end && res->series != NULL; m++)
      if (same_text(res->series[m].metric, name)) return true;
  }
  return false;
}

/* Writes "time, cpu_time (collector wall)" for `run` into out: each metric
 * once, in order of first appearance. A long list is cut by snprintf, which
 * still ends the string. */
static void describe(const ys_run_result *run, const char *collector, char *out,
                     size_t len) {
  size_t used = 0;
  out[0] = '\0';
  for (size_t i = 0; i < run->n_benches && used < len; i++) {
    const ys_bench_result *res = &run->benches[i];
    for (size_t m = 0; m < res->n_series && res->series != NULL; m++) {
      const char *name = res->series[m].metric;
      if (name == NULL || listed_before(run, i, m, name)) continue;
      int n =
          snprintf(out + used, len - used, "%s%s", used > 0 ? ", " : "", name);
      if (n < 0 || (size_t)n >= len - used) return;
      used += (size_t)n;
    }
  }
  if (used == 0) {
    snprintf(out, len, "no measurements");
    used = strlen(out);
  }
  if (collector != NULL && collector[0] != '\0' && used < len)
    snprintf(out + used, len - used, " (collector %s)", collector);
}

void ys_comparable_check(const ys_run_result *base, const char *base_collector,
                         const ys_run_result *current,
                         const char *current_collector, ys_comparability *out) {
  memset(out, 0, sizeof(*out));
  /* A merge of two name-sorted lists, as the gate pairs them. */
  size_t i = 0, k = 0;
  while (i < current->n_benches && k < base->n_benches) {
    const ys_bench_result *a = &current->benches[i];
    const ys_bench_result *b = &base->benches[k];
    int order = ys_name_compare(a->name, b->name);
    if (order < 0) {
      i++;
      continue;
    }
    if (order > 0) {
      k++;
      continue;
    }
    const ys_series *sa = primary(a), *sb = primary(b);
    if (sa != NULL && sb != NULL) {
      out->n_paired++;
      out->n_matching += same_metric(sa, sb);
    }
    i++, k++;
  }
  out->comparable = out->n_paired == 0 || out->n_matching > 0;
  describe(base, base_collector, out->base, sizeof(out->base));
  describe(current, current_collector, out->current, sizeof(out->current));
}
