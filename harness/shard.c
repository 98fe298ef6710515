/*
 * shard.c — --shard K/N: the flag, and the costs that balance the split
 * (shard.h).
 */
#include "shard.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/names.h"
#include "../run/shard.h"
#include "baseline_prep.h"

/* A whole string of decimal digits, at most YS_SHARD_MAX; *end is where
 * the digits stop. */
static bool parse_count(const char *text, const char **end, size_t *out) {
  if (*text < '0' || *text > '9') return false;
  size_t v = 0;
  const char *p = text;
  for (; *p >= '0' && *p <= '9'; p++) {
    v = v * 10 + (size_t)(*p - '0');
    if (v > YS_SHARD_MAX) return false;
  }
  *end = p;
  *out = v;
  return true;
}

int ys_shard_parse(const char *text, ys_shard_spec *out, char *err,
                   size_t err_len) {
  const char *p = text;
  size_t k, n;
  if (!parse_count(p, &p, &k) || *p++ != '/' || !parse_count(p, &p, &n) ||
      *p != '\0' || k < 1 || k > n)
    return ys_error_set(err, err_len, YS_EINVAL,
                        "--shard: '%s' is not K/N with 1 <= K <= N <= %d "
                        "(e.g. 2/3, the second of three parts)",
                        text, YS_SHARD_MAX);
  out->k = k;
  out->n = n;
  return 0;
}

/* Orders a baseline's results by name, for bsearch. */
static int by_name(const void *key, const void *elem) {
  return ys_name_compare(key, ((const ys_bench_result *)elem)->name);
}

/* Each chosen benchmark's cost: its `elapsed_s` in `base` (NaN when the
 * baseline lacks it). elapsed_s is the wall time the run that saved the
 * baseline spent on the benchmark, warm-up and setup included: what a
 * shard's duration is the sum of. A per-iteration estimate would not do:
 * a timed run gives each benchmark the same budget whatever one iteration
 * costs, and setup outside the timed loop is not in it. */
static void costs_from(const ys_baseline *base, const ys_instance *chosen,
                       size_t n, double *costs) {
  for (size_t i = 0; i < n; i++) {
    const ys_bench_result *res =
        base == NULL ? NULL
                     : bsearch(chosen[i].name, base->run.benches,
                               base->run.n_benches, sizeof(*res), by_name);
    costs[i] = res != NULL ? res->elapsed_s : NAN;
  }
}

/* Narrows chosen to the shard, with costs (NULL: by hash only). */
static int narrow(const ys_shard_spec *spec, const double *costs,
                  ys_instance *chosen, size_t *n) {
  size_t room = *n > 0 ? *n : 1;
  const char **names = malloc(room * sizeof(*names));
  size_t *shard_of = malloc(room * sizeof(*shard_of));
  /* A group member's unit: its group and parameters ("sort\x1f/n:64"), so
   * that it is measured in the same shard as its reference, back to back
   * (a ratio across two machines would compare the machines). */
  char(*unit_keys)[YS_NAME_MAX + 1] = malloc(room * sizeof(*unit_keys));
  const char **units = malloc(room * sizeof(*units));
  int rc =
      names != NULL && shard_of != NULL && unit_keys != NULL && units != NULL
          ? 0
          : YS_ENOMEM;
  for (size_t i = 0; rc == 0 && i < *n; i++) {
    names[i] = chosen[i].name;
    units[i] = NULL;
    const ys_bench *def = chosen[i].def;
    if (def != NULL && def->group != NULL) {
      snprintf(unit_keys[i], sizeof(unit_keys[i]), "%s\x1f%s", def->group,
               chosen[i].name + chosen[i].params_at);
      units[i] = unit_keys[i];
    }
  }
  if (rc == 0)
    rc = ys_shard_assign_units(names, units, costs, *n, spec->n, shard_of);
  size_t kept = 0;
  for (size_t i = 0; rc == 0 && i < *n; i++)
    if (shard_of[i] == spec->k - 1) chosen[kept++] = chosen[i];
  if (rc == 0) *n = kept;
  free(names);
  free(shard_of);
  free(unit_keys);
  free(units);
  return rc;
}

int ys_shard_select(const ys_options *o, const char *dir,
                    const ys_baseline *base, ys_instance *chosen, size_t *n,
                    char *note, size_t note_len, char *err, size_t err_len) {
  if (note_len > 0) note[0] = '\0';
  if (o->shard == NULL) return 0;
  ys_shard_spec spec;
  int rc = ys_shard_parse(o->shard, &spec, err, err_len);
  if (rc != 0) return rc;
  ys_baseline *loaded = NULL;
  if (base == NULL && o->baseline != NULL) {
    bool missing;
    rc = ys_baseline_prep_load(o, dir, &loaded, &missing, err, err_len);
    if (rc == YS_ENOENT) {
      /* Without the baseline a run would stop anyway; a --list still
       * says what the split by hash would be. */
      rc = 0;
    }
    if (rc != 0) {
      char why[512];
      snprintf(why, sizeof(why), "%s", err);
      return ys_error_set(err, err_len, rc, "--baseline: %s", why);
    }
    base = loaded;
  }
  double *costs = NULL;
  if (base != NULL) {
    costs = malloc((*n > 0 ? *n : 1) * sizeof(*costs));
    if (costs == NULL) {
      ys_baseline_free(loaded);
      return YS_ENOMEM;
    }
    costs_from(base, chosen, *n, costs);
  }
  size_t selected = *n;
  rc = narrow(&spec, costs, chosen, n);
  if (rc == 0 && note_len > 0)
    snprintf(
        note, note_len,
        "shard %zu/%zu: %zu of the %zu selected benchmarks, balanced %s%s%s",
        spec.k, spec.n, *n, selected,
        base != NULL ? "by their elapsed_s in baseline '"
                     : "by a hash of their names",
        base != NULL ? o->baseline : "", base != NULL ? "'" : "");
  free(costs);
  ys_baseline_free(loaded);
  return rc;
}
