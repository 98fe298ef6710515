/*
 * history.c — the rolling history of a baseline on disk (history.h,
 * docs/baselines.md "History"): written with the baseline store's YAML
 * emitter, read with its defensive event reader, replaced atomically.
 */
#include "history.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "../core/atomic_file.h"
#include "../core/error.h"
#include "../core/policy.h"
#include "names.h"
#include "yaml_io.h"

/* The folder of DIR that holds the histories. A baseline NAME never holds
 * a '/', so DIR/history/ cannot be taken for a baseline file. */
#define HISTORY_FOLDER "history"

int ys_history_path(const char *dir, const char *name, char *out,
                    size_t out_len, char *err, size_t err_len) {
  if (out_len > 0) out[0] = '\0';
  int rc = ys_store_check_name(name, err, err_len);
  if (rc != 0) return rc;
  if (dir == NULL) dir = ys_store_dir(NULL);
  int n = snprintf(out, out_len, "%s/" HISTORY_FOLDER "/%s.yaml", dir, name);
  if (n < 0 || (size_t)n >= out_len) {
    if (out_len > 0) out[0] = '\0';
    return ys_error_set(err, err_len, YS_EINVAL,
                        "history path of '%s' in '%s' is too long", name, dir);
  }
  return 0;
}

/* ---- Freeing ---------------------------------------------------------- */

static void point_free(ys_history_point *p) {
  free(p->name);
  free(p->metric);
  free(p->unit);
  free(p->rounds);
  memset(p, 0, sizeof(*p));
}

void ys_history_run_free(ys_history_run *r) {
  if (r == NULL) return;
  for (size_t i = 0; i < r->n_points; i++)
    point_free(&r->points[i]);
  free(r->points);
  free(r->commit);
  free(r->date);
  memset(r, 0, sizeof(*r));
}

void ys_history_free(ys_history *h) {
  if (h == NULL) return;
  for (size_t i = 0; i < h->n_runs; i++)
    ys_history_run_free(&h->runs[i]);
  free(h->runs);
  memset(h, 0, sizeof(*h));
}

/* ---- A run's entry ---------------------------------------------------- */

static char *dup_or_empty(const char *s) {
  return strdup(s != NULL ? s : "");
}

/* Whether all n values are finite and positive: a time of 0 or a NaN has
 * no place in a spread relative to the median. */
static bool all_positive(const double *x, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!(isfinite(x[i]) && x[i] > 0.0)) return false;
  return true;
}

/* Fills *p from the primary series of an OK benchmark. Returns 0, 1 when
 * the benchmark has nothing to record, or YS_ENOMEM. */
static int point_from_result(const ys_bench_result *res, ys_history_point *p) {
  memset(p, 0, sizeof(*p));
  if (res->status != YS_BENCH_OK || res->n_series == 0) return 1;
  const ys_series *s = &res->series[0];
  if (s->n_rounds == 0 || s->rounds == NULL) return 1;
  double *rounds = malloc(s->n_rounds * sizeof(*rounds));
  double *sorted = malloc(s->n_rounds * sizeof(*sorted));
  if (rounds == NULL || sorted == NULL) {
    free(rounds);
    free(sorted);
    return YS_ENOMEM;
  }
  for (size_t i = 0; i < s->n_rounds; i++)
    rounds[i] = sorted[i] = s->rounds[i].estimate;
  if (!all_positive(rounds, s->n_rounds)) {
    free(rounds);
    free(sorted);
    return 1;
  }
  /* The same statistic as the gate decides on (gate/compare.c). */
  gsl_sort(sorted, 1, s->n_rounds);
  p->estimate = gsl_stats_quantile_from_sorted_data(
      sorted, 1, s->n_rounds, YS_POLICY_DECISION_QUANTILE);
  free(sorted);
  p->rounds = rounds;
  p->n_rounds = s->n_rounds;
  p->exact = s->exact;
  p->name = strdup(res->name);
  p->metric = dup_or_empty(s->metric);
  p->unit = dup_or_empty(s->unit);
  if (p->name == NULL || p->metric == NULL || p->unit == NULL) {
    point_free(p);
    return YS_ENOMEM;
  }
  return 0;
}

int ys_history_run_from_result(const ys_run_result *run, const char *commit,
                               const char *date, ys_history_run *out) {
  memset(out, 0, sizeof(*out));
  out->commit = dup_or_empty(commit);
  out->date = dup_or_empty(date);
  out->points = calloc(run->n_benches + 1, sizeof(*out->points));
  if (out->commit == NULL || out->date == NULL || out->points == NULL) {
    ys_history_run_free(out);
    return YS_ENOMEM;
  }
  for (size_t i = 0; i < run->n_benches; i++) {
    int rc = point_from_result(&run->benches[i], &out->points[out->n_points]);
    if (rc == YS_ENOMEM) {
      ys_history_run_free(out);
      return rc;
    }
    if (rc == 0) out->n_points++;
  }
  return 0;
}

/* ---- Writing ---------------------------------------------------------- */

static void write_point(ys__yaml_writer *w, const ys_history_point *p) {
  ys__yaml_map_begin(w, false);
  ys__yaml_plain(w, "name");
  ys__yaml_string(w, p->name);
  ys__yaml_plain(w, "metric");
  ys__yaml_string(w, p->metric);
  ys__yaml_plain(w, "unit");
  ys__yaml_string(w, p->unit);
  ys__yaml_plain(w, "exact");
  ys__yaml_bool(w, p->exact);
  ys__yaml_plain(w, "estimate");
  ys__yaml_double(w, p->estimate);
  ys__yaml_plain(w, "rounds");
  ys__yaml_seq_begin(w, true);
  for (size_t i = 0; i < p->n_rounds; i++)
    ys__yaml_double(w, p->rounds[i]);
  ys__yaml_seq_end(w);
  ys__yaml_map_end(w);
}

static void write_document(ys__yaml_writer *w, const void *data) {
  const ys_history *h = data;
  ys__yaml_map_begin(w, false);
  ys__yaml_plain(w, "yardstick_history");
  ys__yaml_uint(w, YS_HISTORY_VERSION);
  ys__yaml_plain(w, "runs");
  ys__yaml_seq_begin(w, false);
  for (size_t i = 0; i < h->n_runs; i++) {
    const ys_history_run *run = &h->runs[i];
    ys__yaml_map_begin(w, false);
    ys__yaml_plain(w, "commit");
    ys__yaml_string(w, run->commit);
    ys__yaml_plain(w, "date");
    ys__yaml_string(w, run->date);
    ys__yaml_plain(w, "benchmarks");
    ys__yaml_seq_begin(w, false);
    for (size_t k = 0; k < run->n_points; k++)
      write_point(w, &run->points[k]);
    ys__yaml_seq_end(w);
    ys__yaml_map_end(w);
  }
  ys__yaml_seq_end(w);
  ys__yaml_map_end(w);
}

/* ys_atomic_fill_fn of a history. */
static int history_fill(int fd, void *data, char *detail, size_t detail_len) {
  return ys__yaml_write(fd, (size_t)YS_HISTORY_MAX_BYTES, write_document, data,
                        detail, detail_len);
}

int ys_history_save(const char *path, const ys_history *h, char *err,
                    size_t err_len) {
  if (h->n_runs > YS_HISTORY_MAX_RUNS)
    return ys_atomic_fail(err, err_len, YS_EINVAL, "history", path,
                          "more than %d runs", YS_HISTORY_MAX_RUNS);
  return ys_atomic_replace(path, "history", YS_ATOMIC_MAKE_DIRS, history_fill,
                           (void *)h, err, err_len);
}

/* ---- Reading ---------------------------------------------------------- */

/* Growing arrays while a list is read. */
typedef struct point_list {
  ys_history_point *items;
  size_t cap;
} point_list;

typedef struct run_list {
  ys_history *h;
  size_t cap;
} run_list;

typedef struct round_list {
  ys_history_point *p;
  size_t cap;
} round_list;

static int read_round(ys__yaml_reader *r, void *data, size_t i) {
  round_list *l = data;
  int rc = ys__yaml_grow(r, (void **)&l->p->rounds, &l->cap, i,
                         sizeof(*l->p->rounds));
  if (rc == 0) rc = ys__yaml_read_double(r, "rounds", false, &l->p->rounds[i]);
  if (rc == 0) l->p->n_rounds = i + 1;
  return rc;
}

/* Whether the current event starts a mapping; else fails naming `what`. */
static int expect_map(ys__yaml_reader *r, const char *what) {
  if (r->ev.type == YAML_MAPPING_START_EVENT) return 0;
  return ys__yaml_fail(r, ys__yaml_line(r), "each of '%s' must be a mapping",
                       what);
}

static int read_point(ys__yaml_reader *r, void *data, size_t i) {
  point_list *l = data;
  int rc = expect_map(r, "benchmarks");
  if (rc == 0)
    rc = ys__yaml_grow(r, (void **)&l->items, &l->cap, i, sizeof(*l->items));
  if (rc != 0) return rc;
  ys_history_point *p = &l->items[i];
  memset(p, 0, sizeof(*p));
  p->estimate = NAN;
  size_t line = ys__yaml_line(r);
  round_list rounds = {.p = p};
  size_t n;
  while ((rc = ys__yaml_next_key(r)) == 1) {
    const char *key = ys__yaml_is(r, "name")       ? "name"
                      : ys__yaml_is(r, "metric")   ? "metric"
                      : ys__yaml_is(r, "unit")     ? "unit"
                      : ys__yaml_is(r, "exact")    ? "exact"
                      : ys__yaml_is(r, "estimate") ? "estimate"
                      : ys__yaml_is(r, "rounds")   ? "rounds"
                                                   : NULL;
    if ((rc = ys__yaml_next(r)) != 0) break;
    if (key == NULL)
      rc = ys__yaml_skip(r);
    else if (strcmp(key, "name") == 0)
      rc = ys__yaml_read_string(r, key, &p->name);
    else if (strcmp(key, "metric") == 0)
      rc = ys__yaml_read_string(r, key, &p->metric);
    else if (strcmp(key, "unit") == 0)
      rc = ys__yaml_read_string(r, key, &p->unit);
    else if (strcmp(key, "exact") == 0)
      rc = ys__yaml_read_bool(r, key, &p->exact);
    else if (strcmp(key, "estimate") == 0)
      rc = ys__yaml_read_double(r, key, false, &p->estimate);
    else
      rc = ys__yaml_read_seq(r, key, "numbers", true, read_round, &rounds, &n);
    if (rc != 0) break;
  }
  if (rc == 0 && (p->name == NULL || p->metric == NULL))
    rc = ys__yaml_fail(r, line, "a benchmark needs a 'name' and a 'metric'");
  if (rc == 0 && !(p->estimate > 0.0))
    rc = ys__yaml_fail(r, line, "benchmark '%s': 'estimate' must be positive",
                       p->name);
  if (rc == 0 && !all_positive(p->rounds, p->n_rounds))
    rc = ys__yaml_fail(r, line,
                       "benchmark '%s': every round estimate must be positive",
                       p->name);
  if (rc == 0 && p->unit == NULL && (p->unit = strdup("")) == NULL)
    rc = ys__yaml_no_memory(r);
  if (rc != 0) point_free(p);
  return rc;
}

/* The point of `run` with the name and metric of `p`: the same index
 * first (runs of one suite list their benchmarks alike), else a search. */
static const ys_history_point *
same_point(const ys_history_run *run, const ys_history_point *p, size_t index) {
  if (index < run->n_points && strcmp(run->points[index].name, p->name) == 0 &&
      strcmp(run->points[index].metric, p->metric) == 0)
    return &run->points[index];
  for (size_t k = 0; k < run->n_points; k++)
    if (strcmp(run->points[k].name, p->name) == 0 &&
        strcmp(run->points[k].metric, p->metric) == 0)
      return &run->points[k];
  return NULL;
}

/* A benchmark's metric keeps its unit from run to run: the bands, the
 * changes and the chart compare the numbers as they are. Checked against
 * the run before, which was checked against its own. */
static int check_units(ys__yaml_reader *r, size_t line,
                       const ys_history_run *before,
                       const ys_history_run *run) {
  for (size_t k = 0; k < run->n_points; k++) {
    const ys_history_point *p = &run->points[k];
    const ys_history_point *q = same_point(before, p, k);
    if (q != NULL && strcmp(q->unit, p->unit) != 0)
      return ys__yaml_fail(r, line,
                           "benchmark '%s' (%s) is in '%s' in this run and "
                           "in '%s' in the run before: a history keeps one "
                           "unit per benchmark and metric",
                           p->name, p->metric, p->unit, q->unit);
  }
  return 0;
}

static int read_run(ys__yaml_reader *r, void *data, size_t i) {
  run_list *l = data;
  if (i >= YS_HISTORY_MAX_RUNS)
    return ys__yaml_fail(r, ys__yaml_line(r), "more than %d runs",
                         YS_HISTORY_MAX_RUNS);
  int rc = expect_map(r, "runs");
  if (rc == 0)
    rc =
        ys__yaml_grow(r, (void **)&l->h->runs, &l->cap, i, sizeof(*l->h->runs));
  if (rc != 0) return rc;
  ys_history_run *run = &l->h->runs[i];
  memset(run, 0, sizeof(*run));
  l->h->n_runs = i + 1; /* freed with the history if anything fails */
  point_list points = {0};
  bool have_points = false;
  size_t line = ys__yaml_line(r);
  while ((rc = ys__yaml_next_key(r)) == 1) {
    bool commit = ys__yaml_is(r, "commit"), date = ys__yaml_is(r, "date");
    bool benches = ys__yaml_is(r, "benchmarks");
    if ((rc = ys__yaml_next(r)) != 0) break;
    if (commit)
      rc = ys__yaml_read_string(r, "commit", &run->commit);
    else if (date)
      rc = ys__yaml_read_string(r, "date", &run->date);
    else if (benches && !have_points) {
      have_points = true;
      rc = ys__yaml_read_seq(r, "benchmarks", "mappings", true, read_point,
                             &points, &run->n_points);
      run->points = points.items;
      /* A failed item freed itself and was not counted. */
    } else if (benches)
      rc = ys__yaml_fail(r, ys__yaml_line(r), "'benchmarks' given twice");
    else
      rc = ys__yaml_skip(r);
    if (rc != 0) break;
  }
  run->points = points.items;
  if (rc == 0 && !have_points)
    rc = ys__yaml_fail(r, line, "a run needs a 'benchmarks' list");
  if (rc == 0 && run->commit == NULL && (run->commit = strdup("")) == NULL)
    rc = ys__yaml_no_memory(r);
  if (rc == 0 && run->date == NULL && (run->date = strdup("")) == NULL)
    rc = ys__yaml_no_memory(r);
  if (rc == 0 && i > 0) rc = check_units(r, line, &l->h->runs[i - 1], run);
  return rc;
}

/* The pass over the whole document (ys__yaml_pass). */
static int read_document(ys__yaml_reader *r, void *data) {
  ys_history *h = data;
  int rc = ys__yaml_next(r); /* stream start */
  if (rc == 0) rc = ys__yaml_next(r);
  if (rc != 0) return rc;
  if (r->ev.type == YAML_STREAM_END_EVENT)
    return ys__yaml_fail(r, 1, "holds no YAML document");
  if ((rc = ys__yaml_next(r)) != 0) return rc;
  if (r->ev.type != YAML_MAPPING_START_EVENT)
    return ys__yaml_fail(r, ys__yaml_line(r),
                         "the top level must be a mapping");
  bool versioned = false, have_runs = false;
  run_list runs = {.h = h};
  while ((rc = ys__yaml_next_key(r)) == 1) {
    bool version = ys__yaml_is(r, "yardstick_history");
    bool list = ys__yaml_is(r, "runs");
    if ((rc = ys__yaml_next(r)) != 0) return rc;
    if (version) {
      uint64_t v;
      if ((rc = ys__yaml_read_uint(r, "yardstick_history", 1000000, &v)) != 0)
        return rc;
      if (v != YS_HISTORY_VERSION)
        return ys__yaml_fail(r, ys__yaml_line(r),
                             "history schema version %llu is not one this "
                             "yardstick reads (%d)",
                             (unsigned long long)v, YS_HISTORY_VERSION);
      versioned = true;
    } else if (list && !have_runs) {
      have_runs = true;
      size_t n;
      if ((rc = ys__yaml_read_seq(r, "runs", "mappings", false, read_run, &runs,
                                  &n)) != 0)
        return rc;
    } else if (list) {
      return ys__yaml_fail(r, ys__yaml_line(r), "'runs' given twice");
    } else if ((rc = ys__yaml_skip(r)) != 0) {
      return rc;
    }
  }
  if (rc != 0) return rc;
  if (!versioned)
    return ys__yaml_fail(r, 1,
                         "no 'yardstick_history' version: not a yardstick "
                         "history");
  if (!have_runs) return ys__yaml_fail(r, 1, "no 'runs' list");
  if ((rc = ys__yaml_next(r)) != 0) return rc;
  return ys__yaml_expect_end(r);
}

int ys_history_load_buffer(const char *text, size_t len, const char *name,
                           ys_history *out, char *err, size_t err_len) {
  memset(out, 0, sizeof(*out));
  if (err_len > 0) err[0] = '\0';
  if (len == 0)
    return ys_error_set(err, err_len, YS_EFORMAT, "history '%s' is empty",
                        name);
  if (len > (size_t)YS_HISTORY_MAX_BYTES)
    return ys_error_set(err, err_len, YS_EFORMAT,
                        "history '%s' is too large (%zu bytes)", name, len);
  ys__yaml_reader r;
  int rc = ys__yaml_reader_init(&r, name, err, err_len);
  if (rc != 0) return rc;
  rc = ys__yaml_pass(&r, text, len, read_document, out);
  ys__yaml_reader_free(&r);
  if (rc != 0) ys_history_free(out);
  return rc;
}

int ys_history_load(const char *path, ys_history *out, char *err,
                    size_t err_len) {
  memset(out, 0, sizeof(*out));
  char *text;
  size_t len;
  int rc =
      ys__yaml_read_file(path, YS_HISTORY_MAX_BYTES, &text, &len, err, err_len);
  if (rc == YS_ENOENT)
    return ys_error_set(err, err_len, YS_ENOENT, "history '%s' not found",
                        path);
  if (rc != 0) return rc;
  rc = ys_history_load_buffer(text, len, path, out, err, err_len);
  free(text);
  return rc;
}

/* ---- Recording -------------------------------------------------------- */

/* Copies *from into *to (deep). Returns 0 or YS_ENOMEM (*to then empty). */
static int run_copy(const ys_history_run *from, ys_history_run *to) {
  memset(to, 0, sizeof(*to));
  to->commit = dup_or_empty(from->commit);
  to->date = dup_or_empty(from->date);
  to->points = calloc(from->n_points + 1, sizeof(*to->points));
  if (to->commit == NULL || to->date == NULL || to->points == NULL) goto fail;
  for (size_t i = 0; i < from->n_points; i++) {
    const ys_history_point *f = &from->points[i];
    ys_history_point *t = &to->points[i];
    to->n_points = i + 1;
    *t = (ys_history_point){.exact = f->exact, .estimate = f->estimate};
    t->name = strdup(f->name);
    t->metric = dup_or_empty(f->metric);
    t->unit = dup_or_empty(f->unit);
    t->rounds = malloc((f->n_rounds + 1) * sizeof(*t->rounds));
    if (t->name == NULL || t->metric == NULL || t->unit == NULL ||
        t->rounds == NULL)
      goto fail;
    if (f->n_rounds > 0)
      memcpy(t->rounds, f->rounds, f->n_rounds * sizeof(*t->rounds));
    t->n_rounds = f->n_rounds;
  }
  return 0;
fail:
  ys_history_run_free(to);
  return YS_ENOMEM;
}

int ys_history_record(const char *path, const ys_history_run *entry,
                      size_t keep, size_t *dropped_for_size, char *err,
                      size_t err_len) {
  if (keep == 0 || keep > YS_HISTORY_MAX_RUNS)
    return ys_error_set(err, err_len, YS_EINVAL,
                        "a history keeps 1 to %d runs, not %zu",
                        YS_HISTORY_MAX_RUNS, keep);
  if (dropped_for_size != NULL) *dropped_for_size = 0;
  ys_history h;
  int rc = ys_history_load(path, &h, err, err_len);
  if (rc != 0 && rc != YS_ENOENT) return rc;
  /* Drop the oldest runs so that, with the new one, `keep` remain. */
  size_t drop = h.n_runs + 1 > keep ? h.n_runs + 1 - keep : 0;
  for (size_t i = 0; i < drop; i++)
    ys_history_run_free(&h.runs[i]);
  size_t kept = h.n_runs - drop;
  ys_history_run *runs = malloc((kept + 1) * sizeof(*runs));
  if (runs == NULL) {
    h.n_runs = 0;
    for (size_t i = drop; i < drop + kept; i++)
      ys_history_run_free(&h.runs[i]);
    free(h.runs);
    return ys_error_set(err, err_len, YS_ENOMEM, "out of memory");
  }
  if (kept > 0) memcpy(runs, h.runs + drop, kept * sizeof(*runs));
  free(h.runs);
  h.runs = runs;
  h.n_runs = kept;
  rc = run_copy(entry, &h.runs[h.n_runs]);
  if (rc == 0) {
    h.n_runs++;
    rc = ys_history_save(path, &h, err, err_len);
    /* Too large for the loader (YS_HISTORY_MAX_BYTES, checked as it is
     * written): the oldest runs go, one at a time, until it fits, so that
     * a long history of a large suite keeps saving instead of failing
     * every run of main. The old file is untouched until one fits. */
    size_t oldest = 0;
    while (rc == YS_EINVAL && h.n_runs - oldest > 1 &&
           strstr(err, "would be larger than") != NULL) {
      ys_history_run_free(&h.runs[oldest++]);
      ys_history shorter = {.runs = h.runs + oldest,
                            .n_runs = h.n_runs - oldest};
      rc = ys_history_save(path, &shorter, err, err_len);
    }
    if (oldest > 0) {
      memmove(h.runs, h.runs + oldest, (h.n_runs - oldest) * sizeof(*h.runs));
      h.n_runs -= oldest;
    }
    if (dropped_for_size != NULL) *dropped_for_size = oldest;
  } else {
    ys_error_set(err, err_len, rc, "out of memory");
  }
  ys_history_free(&h);
  return rc;
}

size_t ys_history_estimates(const ys_history *h, const char *name,
                            const char *metric, size_t last, double *out) {
  size_t first = last > 0 && h->n_runs > last ? h->n_runs - last : 0;
  size_t n = 0;
  for (size_t i = first; i < h->n_runs; i++) {
    const ys_history_run *run = &h->runs[i];
    for (size_t k = 0; k < run->n_points; k++) {
      const ys_history_point *p = &run->points[k];
      if (strcmp(p->name, name) != 0) continue;
      if (!p->exact && strcmp(p->metric, metric) == 0) out[n++] = p->estimate;
      break;
    }
  }
  return n;
}
