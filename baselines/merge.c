/*
 * merge.c — one baseline from the shards' baselines (merge.h).
 */
#include "merge.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/names.h"
#include "../core/plural.h"

/* A loaded text field: NULL and "" both mean "not known". */
static const char *text(const char *s) {
  return s != NULL ? s : "";
}

static bool same_text(const char *a, const char *b) {
  return strcmp(text(a), text(b)) == 0;
}

/* A refusal: the message in err, YS_EINVAL returned. */
#define refuse(err, err_len, ...)                                              \
  ys_error_set(err, err_len, YS_EINVAL, __VA_ARGS__)

/* The program's file name in an executable path: each shard may run its
 * own checkout, so the folders may differ where the program does not. */
static const char *program_of(const ys_context *c) {
  const char *slash = strrchr(c->executable, '/');
  return slash != NULL ? slash + 1 : c->executable;
}

/* Program, collector, settings, build and machine of `b` against
 * `first`. */
static int check_context(const ys_baseline *first, const ys_baseline *b,
                         char *err, size_t err_len) {
  const ys_context *x = &first->ctx, *y = &b->ctx;
  if (strcmp(program_of(x), program_of(y)) != 0)
    return refuse(err, err_len,
                  "cannot merge '%s' (program %s) with '%s' (program %s): "
                  "the shards of one baseline run one program",
                  b->path, program_of(y), first->path, program_of(x));
  if (!same_text(x->collector, y->collector))
    return refuse(err, err_len,
                  "cannot merge '%s' (collector %s) with '%s' (collector %s): "
                  "the shards of one baseline use one --collector",
                  b->path, text(y->collector), first->path, text(x->collector));
  if (x->seed != y->seed || x->rounds != y->rounds ||
      x->sample_size != y->sample_size ||
      x->warm_up_time_s != y->warm_up_time_s ||
      x->measurement_time_s != y->measurement_time_s)
    return refuse(
        err, err_len,
        "cannot merge '%s' (seed %llu, %zu %s of %zu %s, %g s warm-up, %g s "
        "measurement) with '%s' (seed %llu, %zu %s of %zu %s, %g s warm-up, "
        "%g s measurement): the shards of one baseline run with the same "
        "settings",
        b->path, (unsigned long long)y->seed, y->rounds,
        ys_plural(y->rounds, "round", "rounds"), y->sample_size,
        ys_plural(y->sample_size, "sample", "samples"), y->warm_up_time_s,
        y->measurement_time_s, first->path, (unsigned long long)x->seed,
        x->rounds, ys_plural(x->rounds, "round", "rounds"), x->sample_size,
        ys_plural(x->sample_size, "sample", "samples"), x->warm_up_time_s,
        x->measurement_time_s);
  bool commits = y->git_commit[0] != '\0' && x->git_commit[0] != '\0';
  if (!same_text(x->library_version, y->library_version) ||
      !same_text(x->build_type, y->build_type) ||
      !same_text(x->compiler, y->compiler) ||
      (commits && strcmp(x->git_commit, y->git_commit) != 0))
    return refuse(err, err_len,
                  "cannot merge '%s' (yardstick %s %s, %s, commit %s) with "
                  "'%s' (yardstick %s %s, %s, commit %s): the shards of one "
                  "baseline measure one build",
                  b->path, text(y->library_version), text(y->build_type),
                  text(y->compiler), y->git_commit[0] ? y->git_commit : "-",
                  first->path, text(x->library_version), text(x->build_type),
                  text(x->compiler), x->git_commit[0] ? x->git_commit : "-");
  if (strcmp(x->cpu_model, y->cpu_model) != 0 || x->num_cpus != y->num_cpus)
    return refuse(err, err_len,
                  "cannot merge '%s' (%s, %d CPUs) with '%s' (%s, %d CPUs): "
                  "a merged baseline holds one machine's context, so its "
                  "shards run on one kind of machine",
                  b->path, y->cpu_model, y->num_cpus, first->path, x->cpu_model,
                  x->num_cpus);
  return 0;
}

/* The collector's series of r: those before its user counters, which
 * each benchmark reports for itself. */
static size_t collector_series(const ys_bench_result *r) {
  size_t m = 0;
  while (m < r->n_series && r->series[m].counter == 0)
    m++;
  return m;
}

/* Whether two results measured the same metrics of the collector, in the
 * same order. */
static bool same_metrics(const ys_bench_result *a, const ys_bench_result *b) {
  size_t n = collector_series(a);
  if (n != collector_series(b)) return false;
  for (size_t m = 0; m < n; m++) {
    const ys_series *x = &a->series[m], *y = &b->series[m];
    if (strcmp(x->metric, y->metric) != 0 || strcmp(x->unit, y->unit) != 0 ||
        x->kind != y->kind || x->exact != y->exact)
      return false;
  }
  return true;
}

/* Writes "time, cpu_time" for a result's metrics into buf. */
static void metric_list(const ys_bench_result *r, char *buf, size_t len) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t m = 0; m < collector_series(r) && used < len; m++) {
    int w = snprintf(buf + used, len - used, "%s%s", m > 0 ? ", " : "",
                     r->series[m].metric);
    if (w < 0) break;
    used += (size_t)w;
  }
}

/* Every measured benchmark (one with series) against the first one found:
 * a benchmark that was skipped or failed measured nothing to compare. */
static int check_metrics(const ys_baseline *const *in, size_t n, char *err,
                         size_t err_len) {
  const ys_bench_result *model = NULL;
  const ys_baseline *model_in = NULL;
  for (size_t f = 0; f < n; f++)
    for (size_t i = 0; i < in[f]->run.n_benches; i++) {
      const ys_bench_result *r = &in[f]->run.benches[i];
      if (r->n_series == 0) continue;
      if (model == NULL) {
        model = r;
        model_in = in[f];
      } else if (!same_metrics(model, r)) {
        char a[256], b[256];
        metric_list(r, a, sizeof(a));
        metric_list(model, b, sizeof(b));
        return refuse(err, err_len,
                      "cannot merge '%s': its benchmark '%s' holds %s, but "
                      "'%s' in '%s' holds %s: the shards of one baseline "
                      "measure the same metrics",
                      in[f]->path, r->name, a, model->name, model_in->path, b);
      }
    }
  return 0;
}

/* Parses a context's shard, "K/N", into *k and *n. */
static bool shard_of(const ys_context *c, size_t *k, size_t *n) {
  char rest;
  return sscanf(c->shard, "%zu/%zu%c", k, n, &rest) == 2;
}

/* The most parts a split suite is checked for completeness in. */
#define YS_MERGE_MAX_SHARDS 1024

/* The inputs that say which shard they are (older baselines and whole
 * runs do not) must be parts of one split: one N, each K once. */
static int check_shards(const ys_baseline *const *in, size_t n, char *err,
                        size_t err_len) {
  for (size_t a = 0; a < n; a++) {
    size_t ka, na;
    if (!shard_of(&in[a]->ctx, &ka, &na)) continue;
    for (size_t b = a + 1; b < n; b++) {
      size_t kb, nb;
      if (!shard_of(&in[b]->ctx, &kb, &nb)) continue;
      if (na != nb)
        return refuse(err, err_len,
                      "cannot merge '%s' (shard %zu/%zu) with '%s' (shard "
                      "%zu/%zu): the shards of one baseline split the suite "
                      "into one number of parts",
                      in[b]->path, kb, nb, in[a]->path, ka, na);
      if (ka == kb)
        return refuse(err, err_len,
                      "cannot merge '%s' with '%s': both are shard %zu/%zu "
                      "(each part is merged once)",
                      in[b]->path, in[a]->path, ka, na);
    }
  }
  /* When every input says which part it is, every part must be there: a
   * shard whose job failed or whose upload was lost would otherwise make
   * a baseline without its benchmarks, which the next comparisons call
   * new, ungated. */
  size_t parts = 0, k, m;
  bool seen[YS_MERGE_MAX_SHARDS + 1] = {false};
  for (size_t a = 0; a < n; a++) {
    if (!shard_of(&in[a]->ctx, &k, &m)) return 0;
    if (m > YS_MERGE_MAX_SHARDS || k < 1 || k > m) return 0;
    parts = m;
    seen[k] = true;
  }
  for (k = 1; k <= parts; k++)
    if (!seen[k])
      return refuse(err, err_len,
                    "shard %zu/%zu is missing: a split suite is merged "
                    "from all its parts (did that shard's job fail, or its "
                    "baseline not reach this merge?)",
                    k, parts);
  return 0;
}

/* A benchmark of the merge, and the input it came from. */
typedef struct merge_entry {
  const ys_bench_result *res;
  size_t from;
} merge_entry;

static int entry_order(const void *pa, const void *pb) {
  const merge_entry *a = pa, *b = pb;
  int order = ys_name_compare(a->res->name, b->res->name);
  if (order != 0) return order;
  return a->from < b->from ? -1 : a->from > b->from;
}

int ys_baseline_merge(const ys_baseline *const *in, size_t n, ys_context *ctx,
                      ys_run_result *run, char *err, size_t err_len) {
  if (err_len > 0) err[0] = '\0';
  *run = (ys_run_result){0};
  if (n == 0) return refuse(err, err_len, "no baseline to merge");
  for (size_t f = 1; f < n; f++) {
    int rc = check_context(in[0], in[f], err, err_len);
    if (rc != 0) return rc;
  }
  int rc = check_shards(in, n, err, err_len);
  if (rc == 0) rc = check_metrics(in, n, err, err_len);
  if (rc != 0) return rc;
  size_t total = 0;
  for (size_t f = 0; f < n; f++)
    total += in[f]->run.n_benches;
  merge_entry *entries = malloc((total > 0 ? total : 1) * sizeof(*entries));
  ys_bench_result *benches = malloc((total > 0 ? total : 1) * sizeof(*benches));
  if (entries == NULL || benches == NULL) {
    free(entries);
    free(benches);
    return ys_error_set(err, err_len, YS_ENOMEM, "out of memory");
  }
  size_t k = 0;
  for (size_t f = 0; f < n; f++)
    for (size_t i = 0; i < in[f]->run.n_benches; i++)
      entries[k++] = (merge_entry){&in[f]->run.benches[i], f};
  qsort(entries, total, sizeof(*entries), entry_order);
  for (size_t i = 0; i < total; i++) {
    if (i > 0 && strcmp(entries[i - 1].res->name, entries[i].res->name) == 0) {
      rc = refuse(err, err_len,
                  "cannot merge: benchmark '%s' is in both '%s' and '%s'; "
                  "the shards of one suite do not overlap (were they run "
                  "with the same --shard N, filters and --baseline?)",
                  entries[i].res->name, in[entries[i - 1].from]->path,
                  in[entries[i].from]->path);
      break;
    }
    /* A shallow copy: the series and functions stay the input's. */
    benches[i] = *entries[i].res;
  }
  free(entries);
  if (rc != 0) {
    free(benches);
    return rc;
  }
  *ctx = in[0]->ctx;
  /* The merge is the whole run, no shard of it. */
  ctx->shard[0] = '\0';
  for (size_t f = 1; f < n; f++)
    if (in[f]->ctx.date[0] != '\0' &&
        (ctx->date[0] == '\0' || strcmp(in[f]->ctx.date, ctx->date) < 0))
      memcpy(ctx->date, in[f]->ctx.date, sizeof(ctx->date));
  run->benches = benches;
  run->n_benches = total;
  return 0;
}

void ys_baseline_merge_free(ys_run_result *run) {
  if (run == NULL) return;
  free(run->benches);
  free(run->complexity);
  *run = (ys_run_result){0};
}
