/*
 * callgrind_profile.c — per-function costs of each benchmark's measured
 * windows, from the run's callgrind file (see callgrind_profile.h).
 */
#include "callgrind_profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/error.h"
#include "callgrind.h"
#include "callgrind_costs.h"
#include "callgrind_parts.h"

int ys_callgrind_profile_path(char *path, size_t len) {
  const char *dir = getenv(YS_CALLGRIND_DIR_ENV);
  if (dir == NULL || dir[0] == '\0') return YS_ENOENT;
  int n = snprintf(path, len, "%s/cg.%ld.out", dir, (long)getpid());
  return n < 0 || (size_t)n >= len ? YS_EINVAL : 0;
}

/* The walk over the file: one table per benchmark of the run. */
typedef struct profile_walk {
  ys_run_result *run;
  ys_callgrind_costs *tables; /* [run->n_benches] */
  uint64_t *totals;           /* instructions of each, from "totals:" */
  ys_callgrind_names names;
  char *err;
  size_t err_len;
} profile_walk;

/* The benchmark of `run` named `name` that ended ok, or n_benches. */
static size_t bench_named(const ys_run_result *run, const char *name) {
  for (size_t i = 0; i < run->n_benches; i++)
    if (run->benches[i].status == YS_BENCH_OK &&
        strcmp(run->benches[i].name, name) == 0)
      return i;
  return run->n_benches;
}

/* Adds a part to its benchmark's table. Every part is read, whether it
 * is kept or not, so that the compressed names it defines are known to
 * the parts after it. */
static int on_part(void *ctx, const ys_callgrind_part *part) {
  profile_walk *w = ctx;
  size_t i = bench_named(w->run, part->trigger);
  ys_callgrind_costs scratch = {0};
  ys_callgrind_costs *t = i < w->run->n_benches && part->trigger[0] != '\0'
                              ? &w->tables[i]
                              : &scratch;
  int rc = ys_callgrind_costs_add(t, &w->names, part, w->err, w->err_len);
  ys_callgrind_costs_free(&scratch);
  int ir = ys_callgrind_file_find(&part->events, "Ir");
  if (rc == 0 && t != &scratch && part->has_totals && ir >= 0)
    w->totals[i] += part->totals[ir];
  return rc;
}

/* The sum of the columns of `names` present in the table, or 0. */
static uint64_t columns(const ys_callgrind_costs *t, const uint64_t *values,
                        const char *const *names, size_t n) {
  uint64_t sum = 0;
  for (size_t k = 0; k < n; k++) {
    int col = ys_callgrind_file_find(&t->events, names[k]);
    if (col >= 0) sum += values[col];
  }
  return sum;
}

static const char *const ir_names[] = {"Ir"};
static const char *const l1_names[] = {"I1mr", "D1mr", "D1mw"};
static const char *const ll_names[] = {"ILmr", "DLmr", "DLmw"};

/* One function's costs in the result's terms. */
static ys_function_cost cost_of(const ys_callgrind_costs *t,
                                const ys_callgrind_fn *fn) {
  uint64_t inclusive[YS_CALLGRIND_MAX_EVENTS];
  for (size_t k = 0; k < t->events.n; k++)
    inclusive[k] = ys_callgrind_fn_inclusive(fn, k);
  return (ys_function_cost){
      .self = columns(t, fn->self, ir_names, 1),
      .inclusive = columns(t, inclusive, ir_names, 1),
      .self_l1_misses = columns(t, fn->self, l1_names, 3),
      .inclusive_l1_misses = columns(t, inclusive, l1_names, 3),
      .self_ll_misses = columns(t, fn->self, ll_names, 3),
      .inclusive_ll_misses = columns(t, inclusive, ll_names, 3),
  };
}

/* Most inclusive first; equal ones by name, so the order never depends on
 * the file's. */
static int by_inclusive(const void *pa, const void *pb) {
  const ys_function_cost *a = pa, *b = pb;
  if (a->inclusive != b->inclusive) return a->inclusive > b->inclusive ? -1 : 1;
  return strcmp(a->name, b->name);
}

/* Keeps the functions of table t that matter in res. */
static int select_functions(const ys_callgrind_costs *t, uint64_t total,
                            double min_share, size_t max,
                            ys_bench_result *res) {
  ys_function_cost *all = calloc(t->n > 0 ? t->n : 1, sizeof(*all));
  if (all == NULL) return YS_ENOMEM;
  size_t n = 0;
  for (size_t i = 0; i < t->n; i++) {
    ys_function_cost c = cost_of(t, &t->fns[i]);
    if (c.inclusive == 0 || (double)c.inclusive < min_share * (double)total)
      continue;
    c.name = t->fns[i].name; /* borrowed until kept */
    all[n++] = c;
  }
  qsort(all, n, sizeof(*all), by_inclusive);
  if (n > max) n = max;
  for (size_t i = 0; i < n; i++)
    if ((all[i].name = strdup(all[i].name)) == NULL) {
      for (size_t k = 0; k < i; k++)
        free(all[k].name);
      free(all);
      return YS_ENOMEM;
    }
  res->functions = all;
  res->n_functions = n;
  return 0;
}

/* Drops the functions of every benchmark of run. */
static void drop_functions(ys_run_result *run) {
  for (size_t i = 0; i < run->n_benches; i++) {
    ys_bench_result *res = &run->benches[i];
    for (size_t f = 0; f < res->n_functions; f++)
      free(res->functions[f].name);
    free(res->functions);
    res->functions = NULL;
    res->n_functions = 0;
  }
}

int ys_callgrind_profile_attach(const char *text, size_t len,
                                ys_run_result *run, double min_share,
                                size_t max, char *err, size_t err_len) {
  size_t n = run->n_benches;
  profile_walk w = {.run = run, .err = err, .err_len = err_len};
  w.tables = calloc(n > 0 ? n : 1, sizeof(*w.tables));
  w.totals = calloc(n > 0 ? n : 1, sizeof(*w.totals));
  int rc = w.tables != NULL && w.totals != NULL ? 0 : YS_ENOMEM;
  if (rc == 0)
    rc = ys_callgrind_parts_walk(text, len, NULL, on_part, &w, err, err_len);
  drop_functions(run);
  for (size_t i = 0; rc == 0 && i < n; i++) {
    const ys_callgrind_costs *t = &w.tables[i];
    if (t->n == 0) continue;
    uint64_t total = w.totals[i];
    if (total == 0) /* no "totals:" line: the self costs add up to it */
      for (size_t f = 0; f < t->n; f++)
        total += columns(t, t->fns[f].self, ir_names, 1);
    rc = select_functions(t, total, min_share, max, &run->benches[i]);
  }
  if (rc != 0) drop_functions(run);
  if (rc == YS_ENOMEM) snprintf(err, err_len, "out of memory");
  for (size_t i = 0; w.tables != NULL && i < n; i++)
    ys_callgrind_costs_free(&w.tables[i]);
  free(w.tables);
  free(w.totals);
  ys_callgrind_names_free(&w.names);
  return rc;
}
