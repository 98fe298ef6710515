/*
 * merge_cmd.c — `bench merge OUT IN...` (merge_cmd.h).
 */
#include "merge_cmd.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/complexity.h"
#include "../baselines/merge.h"
#include "../baselines/store.h"
#include "../core/plural.h"
#include "cli.h"
#include "exit_codes.h"
#include "run_history.h"

/* The options merge uses; any other would do nothing. --history records
 * the merged run in OUT's history: the shards of a suite cannot, since
 * each holds only its part (docs/baselines.md, "History"). */
static const char *const merge_options[] = {"baseline-dir", "quiet", "config",
                                            "no-config", "history"};

/* The name OUT is saved under: a NAME as it is, a PATH's file name
 * without its ".yaml" or ".yml". */
static void saved_name(const char *out, char *buf, size_t len) {
  const char *slash = strrchr(out, '/');
  const char *base = slash != NULL ? slash + 1 : out;
  snprintf(buf, len, "%s", base);
  size_t n = strlen(buf);
  if (n > 5 && strcmp(buf + n - 5, ".yaml") == 0) buf[n - 5] = '\0';
  if (n > 4 && strcmp(buf + n - 4, ".yml") == 0) buf[n - 4] = '\0';
}

/* Loads every IN into in[]; returns an exit code. */
static int load_inputs(const char *prog, const ys_options *o, const char *dir,
                       ys_baseline **in, size_t n) {
  char path[PATH_MAX], err[512];
  for (size_t i = 0; i < n; i++) {
    const char *arg = o->filters[1 + i];
    if (ys_store_resolve(arg, dir, path, sizeof(path), err, sizeof(err)) != 0 ||
        ys_store_load(path, &in[i], err, sizeof(err)) != 0) {
      fprintf(stderr, "%s: merge: IN '%s': %s\n", prog, arg, err);
      return YS_EXIT_USAGE;
    }
  }
  return YS_EXIT_OK;
}

/* Whether two estimates are the same figure, once written to the
 * history and read back. */
static bool same_figure(double a, double b) {
  return fabs(a - b) <= 1e-12 * fmax(fabs(a), fabs(b));
}

/* Whether history runs a and b hold the same commit and the same
 * benchmarks with the same round estimates: the same measurement. Two
 * measurements of timed metrics never agree to every round; two of exact
 * counts at one commit may, and then a second entry would tell the noise
 * bands nothing (they leave exact counts out). */
static bool same_run(const ys_history_run *a, const ys_history_run *b) {
  if (strcmp(a->commit, b->commit) != 0 || a->n_points != b->n_points)
    return false;
  for (size_t i = 0; i < a->n_points; i++) {
    const ys_history_point *p = &a->points[i], *q = &b->points[i];
    if (strcmp(p->name, q->name) != 0 || strcmp(p->metric, q->metric) != 0 ||
        p->n_rounds != q->n_rounds || !same_figure(p->estimate, q->estimate))
      return false;
    for (size_t r = 0; r < p->n_rounds; r++)
      if (!same_figure(p->rounds[r], q->rounds[r])) return false;
  }
  return true;
}

/* Whether the newest run of the history at `path` is `run` at `commit`
 * already: the same shards merged again. A history that cannot be read
 * is left for ys_run_history_record to report. */
static bool already_newest(const char *path, const char *commit,
                           const ys_run_result *run) {
  ys_history h;
  char err[512];
  if (ys_history_load(path, &h, err, sizeof(err)) != 0) return false;
  ys_history_run entry;
  bool same = false;
  if (h.n_runs > 0 &&
      ys_history_run_from_result(run, commit, NULL, &entry) == 0) {
    same = same_run(&h.runs[h.n_runs - 1], &entry);
    ys_history_run_free(&entry);
  }
  ys_history_free(&h);
  return same;
}

/* Records the merged run in the history of baseline `name`: one entry for
 * the whole suite, replaced atomically (ys_history_record). The commit is
 * the one the shards measured when they name it, since the merge may run
 * in another checkout. The same shards merged twice (a retried job) are
 * recorded once: the history's newest run already being this one, a note
 * says so and nothing is added. Returns an exit code. */
static int record_history(const char *prog, const ys_options *o,
                          const char *dir, const char *name,
                          const ys_context *ctx, const ys_run_result *run) {
  char path[PATH_MAX], err[1024], found[128];
  size_t dropped = 0;
  const char *commit = ctx->git_commit[0] != '\0'
                           ? ctx->git_commit
                           : ys_run_history_commit(found, sizeof(found));
  if (ys_history_path(dir, name, path, sizeof(path), err, sizeof(err)) == 0 &&
      already_newest(path, commit, run)) {
    if (!o->quiet)
      fprintf(stderr,
              "%s: note: merge: --history: the newest run in %s is this "
              "merged run already (same commit and estimates): not "
              "recorded again\n",
              prog, path);
    return YS_EXIT_OK;
  }
  if (ys_run_history_record(dir, name, commit, run, o->history, &dropped, path,
                            sizeof(path), err, sizeof(err)) != 0) {
    fprintf(stderr, "%s: merge: --history: %s\n", prog, err);
    return YS_EXIT_USAGE;
  }
  if (!o->quiet)
    fprintf(stderr,
            "%s: recorded the merged run in %s (its last %zu runs kept)\n",
            prog, path, o->history);
  if (dropped > 0)
    fprintf(stderr,
            "%s: note: --history: %zu more of the oldest runs went, since "
            "with them the file would be larger than a history may be "
            "(%ld MiB); a smaller --history says so\n",
            prog, dropped, YS_HISTORY_MAX_BYTES >> 20);
  return YS_EXIT_OK;
}

int ys_merge_main(const char *prog, const ys_options *o) {
  const char *other = ys_cli_given_other(
      o, merge_options, sizeof(merge_options) / sizeof(merge_options[0]));
  if (other != NULL) {
    fprintf(stderr,
            "%s: --%s does nothing with 'merge', which joins saved "
            "baselines and runs nothing (it takes --baseline-dir, "
            "--history, --quiet, --config and --no-config)\n",
            prog, other);
    return YS_EXIT_USAGE;
  }
  if (o->n_filters < 2) {
    fprintf(stderr,
            "%s: merge: give OUT and at least one IN: %s merge OUT "
            "IN...\n",
            prog, prog);
    return YS_EXIT_USAGE;
  }
  const char *dir = ys_store_dir(o->baseline_dir);
  const char *out = o->filters[0];
  char out_path[PATH_MAX], name[128], err[1024];
  saved_name(out, name, sizeof(name));
  /* OUT is checked before anything is loaded: a bad name costs nothing. */
  if (ys_store_resolve(out, dir, out_path, sizeof(out_path), err,
                       sizeof(err)) != 0 ||
      ys_store_check_save(out_path, err, sizeof(err)) != 0) {
    fprintf(stderr, "%s: merge: OUT '%s': %s\n", prog, out, err);
    return YS_EXIT_USAGE;
  }
  /* A history belongs to a baseline NAME; a PATH has none. Checked
   * before anything is saved, so a refused --history leaves OUT alone. */
  char history_path[PATH_MAX];
  if (o->history > 0 &&
      (strchr(out, '/') != NULL ||
       ys_history_path(dir, name, history_path, sizeof(history_path), err,
                       sizeof(err)) != 0)) {
    fprintf(stderr,
            "%s: merge: --history needs OUT to be a baseline NAME (a PATH "
            "has no history), not '%s'\n",
            prog, out);
    return YS_EXIT_USAGE;
  }
  size_t n = o->n_filters - 1;
  ys_baseline **in = calloc(n, sizeof(*in));
  if (in == NULL) {
    fprintf(stderr, "%s: merge: out of memory\n", prog);
    return YS_EXIT_USAGE;
  }
  int code = load_inputs(prog, o, dir, in, n);
  ys_context ctx;
  ys_run_result run = {0};
  if (code == YS_EXIT_OK &&
      ys_baseline_merge((const ys_baseline *const *)in, n, &ctx, &run, err,
                        sizeof(err)) != 0) {
    fprintf(stderr, "%s: merge: %s\n", prog, err);
    code = YS_EXIT_USAGE;
  }
  /* Each shard saw only part of a family: the fits are made again over the
   * merged benchmarks. */
  if (code == YS_EXIT_OK && ys_complexity_fit_run(&run) != 0) {
    fprintf(stderr, "%s: merge: out of memory\n", prog);
    code = YS_EXIT_USAGE;
  }
  if (code == YS_EXIT_OK &&
      ys_store_save(out_path, name, &ctx, &run, err, sizeof(err)) != 0) {
    fprintf(stderr, "%s: merge: OUT '%s': %s\n", prog, out, err);
    code = YS_EXIT_USAGE;
  }
  if (code == YS_EXIT_OK && !o->quiet)
    fprintf(stderr, "%s: merged %zu %s (%zu %s) into '%s' at %s\n", prog, n,
            ys_plural(n, "baseline", "baselines"), run.n_benches,
            ys_plural(run.n_benches, "benchmark", "benchmarks"), name,
            out_path);
  if (code == YS_EXIT_OK && o->history > 0)
    code = record_history(prog, o, dir, name, &ctx, &run);
  ys_baseline_merge_free(&run);
  for (size_t i = 0; i < n; i++)
    ys_baseline_free(in[i]);
  free(in);
  return code;
}
