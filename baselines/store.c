/*
 * store.c — baselines on disk (docs/baselines.md): the public entry points,
 * which put together the pieces of the store: names.c (names and paths),
 * core/atomic_file.c (atomic, locked replacement), values.c (the value
 * rules shared by save and load), yaml_io.c (the YAML layer)
 * and schema.c (the schema's tables).
 *
 * Saving checks the run first, so that a file is only written when it will
 * load again. Loading reads the file whole (after a size check) and parses
 * it twice as a stream of events: a first pass only checks the schema
 * version, the second fills the baseline.
 */
#include "store.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/error.h"
#include "../core/fs.h"
#include "../core/names.h"
#include "../core/policy.h"
#include "../core/atomic_file.h"
#include "schema.h"
#include "values.h"
#include "yaml_io.h"

/* ------------------------------------------------------------------------ */
/* Saving                                                                    */

/* Refuses a run the loader would refuse, so that a save never produces a
 * baseline that cannot be read back: values the comparison relies on must be
 * finite, rounds must tile the samples in order (the file stores only their
 * sizes), names must be non-empty and distinct, and the file must stay within
 * the loader's bounds. */
static int store_check_run(const char *path, const ys_context *ctx,
                           const ys_run_result *run, char *err,
                           size_t err_len) {
  if (!isfinite(ctx->warm_up_time_s) || !isfinite(ctx->measurement_time_s))
    return ys_atomic_fail(err, err_len, YS_EINVAL, "baseline", path,
                          "the context's times are not finite");
  if (run->n_benches > YS__SCHEMA_MAX_BENCHES)
    return ys_atomic_fail(err, err_len, YS_EINVAL, "baseline", path,
                          "more than %u benchmarks", YS__SCHEMA_MAX_BENCHES);
  size_t items = 0, n_series = 0;
  for (size_t i = 0; i < run->n_benches; i++) {
    const ys_bench_result *res = &run->benches[i];
    size_t name_len = strnlen(res->name, YS_NAME_MAX);
    if (name_len == 0 || name_len == YS_NAME_MAX)
      return ys_atomic_fail(err, err_len, YS_EINVAL, "baseline", path,
                            "benchmark %zu has no valid name", i);
    /* The loader sorts by name and refuses duplicates; a run comes sorted,
     * so ascending order is checked rather than fixed. */
    if (i > 0 && ys_name_compare(run->benches[i - 1].name, res->name) >= 0)
      return ys_atomic_fail(err, err_len, YS_EINVAL, "baseline", path,
                            "benchmarks are not sorted by name or not "
                            "distinct at '%s'",
                            res->name);
    char why[128];
    if (ys__values_check_name(res->name, why, sizeof(why)) != 0)
      return ys_atomic_fail(err, err_len, YS_EINVAL, "baseline", path,
                            "benchmark %zu: its name holds a %s", i, why);
    if (ys__values_check_rounds(res, why, sizeof(why)) != 0)
      return ys_atomic_fail(err, err_len, YS_EINVAL, "baseline", path,
                            "'%s': %s", res->name, why);
    if (!isfinite(res->elapsed_s))
      return ys_atomic_fail(err, err_len, YS_EINVAL, "baseline", path,
                            "'%s': elapsed time is not finite", res->name);
    /* The loader's bound and its refusal of unnamed functions. */
    if (res->n_functions > YS_POLICY_FUNCTIONS_MAX)
      return ys_atomic_fail(err, err_len, YS_EINVAL, "baseline", path,
                            "'%s': more than %d functions", res->name,
                            YS_POLICY_FUNCTIONS_MAX);
    for (size_t f = 0; f < res->n_functions; f++)
      if (res->functions[f].name == NULL || res->functions[f].name[0] == '\0')
        return ys_atomic_fail(err, err_len, YS_EINVAL, "baseline", path,
                              "'%s': a function has no name", res->name);
    items += res->n_functions;
    n_series += res->n_series;
    for (size_t m = 0; m < res->n_series; m++) {
      const ys_series *s = &res->series[m];
      const ys_analysis *a = &s->analysis;
      if (s->metric == NULL || s->unit == NULL)
        return ys_atomic_fail(err, err_len, YS_EINVAL, "baseline", path,
                              "'%s': a series has no metric or unit",
                              res->name);
      size_t next = 0;
      for (size_t r = 0; r < s->n_rounds; r++) {
        if (s->rounds[r].first_sample != next ||
            s->rounds[r].n_samples > s->n_samples - next)
          return ys_atomic_fail(
              err, err_len, YS_EINVAL, "baseline", path,
              "'%s': rounds do not cover the samples in order", res->name);
        if (!isfinite(s->rounds[r].estimate))
          return ys_atomic_fail(err, err_len, YS_EINVAL, "baseline", path,
                                "'%s': a round estimate is not finite",
                                res->name);
        next += s->rounds[r].n_samples;
      }
      if (next != s->n_samples)
        return ys_atomic_fail(err, err_len, YS_EINVAL, "baseline", path,
                              "'%s': rounds do not cover the samples in order",
                              res->name);
      for (size_t j = 0; j < s->n_samples; j++)
        if (s->samples[j].iterations == 0 || !isfinite(s->samples[j].value))
          return ys_atomic_fail(
              err, err_len, YS_EINVAL, "baseline", path,
              "'%s': a sample has 0 iterations or a value that is not finite",
              res->name);
      if (!isfinite(a->round_min) || !isfinite(a->round_median) ||
          !isfinite(a->round_max) || !isfinite(a->round_mean) ||
          !isfinite(a->round_std_dev) || !isfinite(a->noisy_round_share))
        return ys_atomic_fail(err, err_len, YS_EINVAL, "baseline", path,
                              "'%s': a round summary is not finite", res->name);
      items += s->n_samples + 3 * s->n_rounds;
    }
  }
  if (items > YS__YAML_MAX_ITEMS || n_series > YS__SCHEMA_MAX_SERIES)
    return ys_atomic_fail(err, err_len, YS_EINVAL, "baseline", path,
                          "the run is too large for a baseline file");
  return 0;
}

/* Writes the document (data) into the temporary file; an
 * ys_atomic_fill_fn. */
static int store_fill(int fd, void *data, char *detail, size_t detail_len) {
  /* The loader's bound: a save never writes a file its loader refuses. */
  return ys__yaml_write(fd, (size_t)YS_BASELINE_MAX_BYTES,
                        ys__schema_write_document, data, detail, detail_len);
}

int ys_store_save(const char *path, const char *name, const ys_context *ctx,
                  const ys_run_result *run, char *err, size_t err_len) {
  if (path == NULL || path[0] == '\0' || name == NULL || ctx == NULL ||
      run == NULL || (run->n_benches > 0 && run->benches == NULL)) {
    if (err_len > 0)
      snprintf(err, err_len,
               "cannot save baseline: no path, name, context or results");
    return YS_EINVAL;
  }
  int rc = store_check_run(path, ctx, run, err, err_len);
  if (rc != 0) return rc;
  char created[32];
  time_t now = time(NULL);
  struct tm tm;
  if (gmtime_r(&now, &tm) == NULL ||
      strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
    created[0] = '\0';
  /* The document only borrows: nothing here is freed. */
  ys__document doc = {
      .name = (char *)name, .created = created, .ctx = *ctx, .run = *run};
  return ys_atomic_replace(path, "baseline", YS_ATOMIC_MAKE_DIRS, store_fill,
                           &doc, err, err_len);
}

int ys_store_check_save(const char *path, char *err, size_t err_len) {
  char *dir = ys_fs_parent(path);
  int errnum = dir != NULL ? ys_fs_check_dir_writable(dir) : ENOMEM;
  free(dir);
  if (errnum == 0) return 0;
  return ys_atomic_fail(err, err_len, errnum == ENOMEM ? YS_ENOMEM : YS_EIO,
                        "baseline", path, "%s", strerror(errnum));
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                   */

/* Orders benchmark indices by name, then by line, so that of two equal
 * names the later one in the file comes second. */
static int store_compare_index(const void *pa, const void *pb, void *data) {
  size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
  const ys__document *ld = data;
  int order = ys_name_compare(ld->run.benches[a].name, ld->run.benches[b].name);
  if (order != 0) return order;
  return ld->bench_lines[a] < ld->bench_lines[b]   ? -1
         : ld->bench_lines[a] > ld->bench_lines[b] ? 1
                                                   : 0;
}

/* Sorts the benchmarks by name and refuses a name given twice, naming the
 * line of the later one. */
static int store_sort_benches(ys__yaml_reader *r, ys__document *ld) {
  size_t n = ld->run.n_benches;
  if (n < 2) return 0;
  size_t *order = malloc(n * sizeof(*order));
  ys_bench_result *sorted = malloc(n * sizeof(*sorted));
  int rc = 0;
  if (order == NULL || sorted == NULL) {
    if (r->err_len > 0)
      snprintf(r->err, r->err_len, "%s: out of memory", r->path);
    rc = YS_ENOMEM;
    goto done;
  }
  for (size_t i = 0; i < n; i++)
    order[i] = i;
  qsort_r(order, n, sizeof(*order), store_compare_index, ld);
  for (size_t i = 1; i < n; i++) {
    const char *name = ld->run.benches[order[i]].name;
    if (strcmp(ld->run.benches[order[i - 1]].name, name) == 0) {
      rc = ys__yaml_fail(r, ld->bench_lines[order[i]],
                         "duplicate benchmark '%s'", name);
      goto done;
    }
  }
  for (size_t i = 0; i < n; i++)
    sorted[i] = ld->run.benches[order[i]];
  memcpy(ld->run.benches, sorted, n * sizeof(*sorted));
done:
  free(order);
  free(sorted);
  return rc;
}

/* The context's text rows held as pointers, which a load allocates. */
static const char **store_ctx_string(ys_context *ctx, size_t row) {
  const ys_field *f = &ys_context_table.fields[row];
  return f->type == YS_FIELD_STRING ? (const char **)ys_field_at(ctx, f) : NULL;
}

/* Appends `s` (NULL: "") to the string block at *used; returns where it
 * landed and frees `s`. */
static const char *store_pack(char *block, size_t *used, const char *s) {
  char *at = block + *used;
  size_t len = s != NULL ? strlen(s) + 1 : 1;
  memcpy(at, s != NULL ? s : "", len);
  *used += len;
  free((char *)s);
  return at;
}

/* Moves every string held in its own allocation (the context's pointer
 * rows, series' metric and unit) into one block owned by the baseline. */
static int store_pack_strings(ys__yaml_reader *r, ys__document *doc,
                              char **out) {
  size_t total = 0;
  for (size_t i = 0; i < ys_context_table.n_fields; i++) {
    const char **s = store_ctx_string(&doc->ctx, i);
    if (s != NULL) total += (*s != NULL ? strlen(*s) : 0) + 1;
  }
  for (size_t i = 0; i < doc->run.n_benches; i++)
    for (size_t m = 0; m < doc->run.benches[i].n_series; m++) {
      const ys_series *s = &doc->run.benches[i].series[m];
      total += strlen(s->metric) + strlen(s->unit) + 2;
    }
  char *block = malloc(total);
  if (block == NULL) return ys__yaml_no_memory(r);
  size_t used = 0;
  for (size_t i = 0; i < ys_context_table.n_fields; i++) {
    const char **s = store_ctx_string(&doc->ctx, i);
    if (s != NULL) *s = store_pack(block, &used, *s);
  }
  for (size_t i = 0; i < doc->run.n_benches; i++)
    for (size_t m = 0; m < doc->run.benches[i].n_series; m++) {
      ys_series *s = &doc->run.benches[i].series[m];
      s->metric = store_pack(block, &used, s->metric);
      s->unit = store_pack(block, &used, s->unit);
    }
  *out = block;
  return 0;
}

/* Frees what a loaded document holds that has not moved into a baseline. */
static void store_document_free(ys__document *doc) {
  for (size_t i = 0; i < doc->run.n_benches; i++)
    for (size_t m = 0; m < doc->run.benches[i].n_series; m++) {
      free((char *)doc->run.benches[i].series[m].metric);
      free((char *)doc->run.benches[i].series[m].unit);
    }
  ys_run_result_free(&doc->run);
  for (size_t i = 0; i < ys_context_table.n_fields; i++) {
    const char **s = store_ctx_string(&doc->ctx, i);
    if (s != NULL) free((char *)*s);
  }
  free(doc->bench_lines);
  free(doc->name);
  free(doc->created);
}

/* Refuses round estimates the comparison cannot use (values.h), naming the
 * benchmark and the line where it starts. */
static int store_check_rounds(ys__yaml_reader *r, const ys__document *doc) {
  char why[128];
  for (size_t i = 0; i < doc->run.n_benches; i++) {
    const ys_bench_result *res = &doc->run.benches[i];
    if (ys__values_check_rounds(res, why, sizeof(why)) != 0)
      return ys__yaml_fail(r, doc->bench_lines[i], "benchmark '%s': %s",
                           res->name, why);
  }
  return 0;
}

/* Reads and checks the text into doc: both passes, then the sort. */
static int store_parse(ys__yaml_reader *r, const char *text, size_t len,
                       ys__document *doc) {
  int rc = ys__yaml_pass(r, text, len, ys__schema_check_version, NULL);
  if (rc == 0) rc = ys__yaml_pass(r, text, len, ys__schema_read_document, doc);
  if (rc == 0) rc = store_check_rounds(r, doc);
  if (rc == 0) rc = store_sort_benches(r, doc);
  return rc;
}

/* Moves a checked document into a new baseline (*out). */
static int store_build(ys__yaml_reader *r, ys__document *doc,
                       ys_baseline **out) {
  ys_baseline *b = calloc(1, sizeof(*b));
  if (b == NULL || (b->path = strdup(r->path)) == NULL ||
      (b->name = strdup(doc->name != NULL ? doc->name : "")) == NULL ||
      (b->created = strdup(doc->created != NULL ? doc->created : "")) == NULL ||
      store_pack_strings(r, doc, &b->strings) != 0) {
    ys_baseline_free(b);
    return ys__yaml_no_memory(r);
  }
  b->ctx = doc->ctx;
  b->run = doc->run;
  doc->run = (ys_run_result){0};
  *out = b;
  return 0;
}

int ys_store_load_buffer(const char *text, size_t len, const char *name,
                         ys_baseline **out, char *err, size_t err_len) {
  if (err_len > 0) err[0] = '\0';
  if (name == NULL || out == NULL || (text == NULL && len > 0)) {
    if (err_len > 0) snprintf(err, err_len, "no baseline text or name");
    return YS_EINVAL;
  }
  *out = NULL;
  /* The same refusals as for a file, which ys__yaml_read_file makes
   * before reading it. */
  if (len == 0) {
    if (err_len > 0) snprintf(err, err_len, "baseline '%s' is empty", name);
    return YS_EFORMAT;
  }
  if (len > (size_t)YS_BASELINE_MAX_BYTES) {
    if (err_len > 0)
      snprintf(err, err_len,
               "baseline '%s' is too large (%zu bytes, at most %ld)", name, len,
               YS_BASELINE_MAX_BYTES);
    return YS_EFORMAT;
  }
  ys__yaml_reader r;
  ys__document doc = {0};
  int rc = ys__yaml_reader_init(&r, name, err, err_len);
  if (rc == 0) rc = store_parse(&r, text, len, &doc);
  if (rc == 0) rc = store_build(&r, &doc, out);
  if (rc == 0) doc.ctx = (ys_context){0}; /* its strings moved into *out */
  store_document_free(&doc);
  ys__yaml_reader_free(&r);
  return rc;
}

int ys_store_load(const char *path, ys_baseline **out, char *err,
                  size_t err_len) {
  if (err_len > 0) err[0] = '\0';
  if (path == NULL || out == NULL) {
    if (err_len > 0) snprintf(err, err_len, "no baseline path");
    return YS_EINVAL;
  }
  *out = NULL;
  char *text;
  size_t len;
  int rc = ys__yaml_read_file(path, YS_BASELINE_MAX_BYTES, &text, &len, err,
                              err_len);
  if (rc != 0) return rc;
  rc = ys_store_load_buffer(text, len, path, out, err, err_len);
  free(text);
  return rc;
}

void ys_baseline_free(ys_baseline *b) {
  if (b == NULL) return;
  ys_run_result_free(&b->run);
  free(b->strings);
  free(b->path);
  free(b->name);
  free(b->created);
  free(b);
}
