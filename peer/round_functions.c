/*
 * round_functions.c — a worker round's function costs, from the worker's
 * callgrind file to the parent's result (see round_functions.h).
 */
#include "round_functions.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../collectors/callgrind_parts.h"
#include "../collectors/callgrind_profile.h"
#include "../core/error.h"
#include "../core/policy.h"
#include "worker.h"

long ys_round_functions_mark(const ys_collector *collector) {
  char path[PATH_MAX];
  if (collector == NULL || !collector->ops->needs_valgrind ||
      ys_callgrind_profile_path(path, sizeof(path)) != 0)
    return -1;
  struct stat st;
  /* Callgrind creates the file at its first dump: none yet means the
   * round's parts will start it. */
  if (stat(path, &st) != 0) return errno == ENOENT ? 0 : -1;
  return st.st_size <= LONG_MAX ? (long)st.st_size : -1;
}

void ys_round_functions_read(long mark, ys_bench_result *res) {
  char path[PATH_MAX];
  if (mark < 0 || ys_callgrind_profile_path(path, sizeof(path)) != 0) return;
  size_t len;
  char *text = ys_callgrind_read_file(path, &len);
  if (text == NULL) return;
  /* A dump appends whole parts, so the file's end before the round is the
   * start of the round's first part. */
  if ((size_t)mark <= len) {
    ys_run_result one = {.benches = res, .n_benches = 1};
    char err[256];
    ys_callgrind_profile_attach(text + mark, len - (size_t)mark, &one,
                                YS_POLICY_FUNCTION_MIN_SHARE,
                                YS_POLICY_FUNCTIONS_MAX, err, sizeof(err));
  }
  free(text);
}

void ys_round_functions_send(const ys_bench_result *res, FILE *out) {
  size_t n = 0;
  for (size_t i = 0; i < res->n_functions; i++)
    if (strlen(res->functions[i].name) < YS_WORKER_FUNCTION_NAME_MAX) n++;
  fprintf(out, "functions %zu\n", n);
  for (size_t i = 0; i < res->n_functions; i++) {
    const ys_function_cost *f = &res->functions[i];
    /* A name too long for the parent's line is left out rather than cut,
     * which could make two functions one. */
    if (strlen(f->name) >= YS_WORKER_FUNCTION_NAME_MAX) continue;
    fprintf(out, "%llu %llu %llu %llu %llu %llu %s\n",
            (unsigned long long)f->self, (unsigned long long)f->inclusive,
            (unsigned long long)f->self_l1_misses,
            (unsigned long long)f->inclusive_l1_misses,
            (unsigned long long)f->self_ll_misses,
            (unsigned long long)f->inclusive_ll_misses, f->name);
  }
}

/* Reads one count and the space after it from *at, moving *at past both.
 * Digits only: strtoull alone would take "-1" as 2^64 - 1. */
static bool parse_count(char **at, uint64_t *out) {
  char *start = *at;
  if (*start < '0' || *start > '9') return false;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(start, &end, 10);
  if (errno != 0 || *end != ' ') return false;
  *out = v;
  *at = end + 1;
  return true;
}

int ys_round_functions_parse(char *line, ys_function_cost *out) {
  ys_function_cost f = {0};
  uint64_t *fields[] = {&f.self,           &f.inclusive,
                        &f.self_l1_misses, &f.inclusive_l1_misses,
                        &f.self_ll_misses, &f.inclusive_ll_misses};
  char *at = line;
  for (size_t k = 0; k < sizeof(fields) / sizeof(*fields); k++)
    if (!parse_count(&at, fields[k])) return YS_EFORMAT;
  if (*at == '\0' || *at == ' ' || f.self > f.inclusive) return YS_EFORMAT;
  f.name = at;
  *out = f;
  return 0;
}

/* Most inclusive first; equal ones by name, as a run orders its own
 * (collectors/callgrind_profile.h). */
static int by_inclusive(const void *pa, const void *pb) {
  const ys_function_cost *a = pa, *b = pb;
  if (a->inclusive != b->inclusive) return a->inclusive > b->inclusive ? -1 : 1;
  return strcmp(a->name, b->name);
}

/* The index of the function named `name` in fns[0..n), or n. */
static size_t index_of(const ys_function_cost *fns, size_t n,
                       const char *name) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(fns[i].name, name) == 0) return i;
  return n;
}

/* Adds b's costs to a's. Counts of instructions over any real run stay far
 * below 2^64, so the sums do not wrap. */
static void add_costs(ys_function_cost *a, const ys_function_cost *b) {
  a->self += b->self;
  a->inclusive += b->inclusive;
  a->self_l1_misses += b->self_l1_misses;
  a->inclusive_l1_misses += b->inclusive_l1_misses;
  a->self_ll_misses += b->self_ll_misses;
  a->inclusive_ll_misses += b->inclusive_ll_misses;
}

int ys_round_functions_merge(ys_bench_result *res, const ys_function_cost *more,
                             size_t n, size_t max) {
  if (n == 0) return 0;
  /* A fresh array, so that a failure leaves res as it was. */
  size_t cap = res->n_functions + n;
  ys_function_cost *all = calloc(cap, sizeof(*all));
  char **copied = calloc(n, sizeof(*copied));
  if (all == NULL || copied == NULL) {
    free(all);
    free(copied);
    return YS_ENOMEM;
  }
  /* memcpy from NULL is undefined even for 0 bytes. */
  if (res->n_functions > 0)
    memcpy(all, res->functions, res->n_functions * sizeof(*all));
  size_t count = res->n_functions, n_copied = 0;
  for (size_t i = 0; i < n; i++) {
    size_t at = index_of(all, count, more[i].name);
    if (at < count) {
      add_costs(&all[at], &more[i]);
      continue;
    }
    char *name = strdup(more[i].name);
    if (name == NULL) {
      for (size_t k = 0; k < n_copied; k++)
        free(copied[k]);
      free(copied);
      free(all);
      return YS_ENOMEM;
    }
    copied[n_copied++] = name;
    all[count] = more[i];
    all[count++].name = name;
  }
  free(copied);
  qsort(all, count, sizeof(*all), by_inclusive);
  for (size_t i = max; i < count; i++)
    free(all[i].name);
  if (count > max) count = max;
  free(res->functions);
  res->functions = all;
  res->n_functions = count;
  return 0;
}
