/*
 * app_reports.c — the reports of one invocation (invocation.h): where they
 * go, checked before the run; what they sum up; writing them when it ends;
 * and the exit code that follows from them.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../baselines/history.h"
#include "../baselines/store.h"
#include "../core/fs.h"
#include "../reports/report_file.h"
#include "exit_codes.h"
#include "invocation.h"

/* Colour on stdout only for a terminal, and never when NO_COLOR is set to
 * anything (no-color.org) or the terminal says it cannot. */
bool ys_app_stdout_wants_color(void) {
  const char *no_color = getenv("NO_COLOR");
  const char *term = getenv("TERM");
  if (no_color != NULL && no_color[0] != '\0') return false;
  if (term != NULL && strcmp(term, "dumb") == 0) return false;
  return isatty(STDOUT_FILENO);
}

/* Whether `path` ends in ".yaml" or ".yml", in any case: the name a
 * baseline or a history has in its folder. */
static bool has_yaml_ending(const char *path) {
  size_t n = strlen(path);
  return (n >= 5 && strcasecmp(path + n - 5, ".yaml") == 0) ||
         (n >= 4 && strcasecmp(path + n - 4, ".yml") == 0);
}

/* Whether the report file `path` ("-" is stdout) would be written where a
 * baseline or history is, or would be taken for one: a YAML file in the
 * baseline folder `dir`, or any file in its history folder. Folders are
 * compared by device and inode (ys_fs_same_file), so that no spelling or
 * link of the folder gets past. Other reports may share the baseline
 * folder: with `--baseline-dir .` a report.json beside the baselines is
 * harmless, since baselines are read by name as NAME.yaml. */
static bool in_baseline_folder(const char *path, const char *dir) {
  if (strcmp(path, "-") == 0) return false;
  /* A report is written through a symbolic link to its target
   * (report_file.h), so the target is what must not be a baseline. */
  char resolved[PATH_MAX];
  if (realpath(path, resolved) != NULL) path = resolved;
  char parent[PATH_MAX], history[PATH_MAX];
  snprintf(parent, sizeof(parent), "%s", path);
  char *slash = strrchr(parent, '/');
  if (slash == NULL)
    snprintf(parent, sizeof(parent), ".");
  else if (slash == parent)
    parent[1] = '\0';
  else
    *slash = '\0';
  snprintf(history, sizeof(history), "%s/history", dir);
  return (has_yaml_ending(path) && ys_fs_same_file(parent, dir)) ||
         ys_fs_same_file(parent, history);
}

/* Lists the destinations and checks every --output file before anything
 * is measured (a bad path fails in a second, not after the whole suite),
 * without opening one: a report file is written only when the run has
 * ended (report_file.h). An output that is the file of a baseline being
 * read or saved is refused. `newer` is compare's NEW baseline, else NULL. */
int ys_app_check_reports(invocation *s, const ys_baseline *newer) {
  report_set *set = &s->reports;
  ys_report_verbosity verbosity = ys_options_verbosity(&s->o);
  set->n = 0;
  set->reports[set->n++] = (report_dest){
      .ops = s->o.format,
      .path = "-",
      .style = {.color = ys_app_stdout_wants_color(), .verbosity = verbosity}};
  const char *paths[YS_MAX_OUTPUTS];
  for (size_t i = 0; i < s->o.n_outputs; i++) {
    paths[i] = s->o.outputs[i].path;
    set->reports[set->n++] =
        (report_dest){.ops = s->o.outputs[i].format,
                      .path = paths[i],
                      .style = {.verbosity = verbosity, .path = paths[i]}};
  }
  /* Besides the baselines: the histories this run reads (the bands of
   * --baseline NAME) or records (--save-baseline NAME --history N), the
   * other build --against runs, the config file, and this program. A
   * report over any of them would destroy what the user meant to keep. */
  const char *dir = ys_store_dir(s->o.baseline_dir);
  char read_history[PATH_MAX] = "", saved_history[PATH_MAX] = "", why[256];
  if (newer == NULL && s->o.baseline != NULL &&
      strchr(s->o.baseline, '/') == NULL &&
      ys_history_path(dir, s->o.baseline, read_history, sizeof(read_history),
                      why, sizeof(why)) != 0)
    read_history[0] = '\0';
  if (newer == NULL && s->o.save_baseline != NULL && s->o.history > 0 &&
      s->o.shard == NULL &&
      ys_history_path(dir, s->o.save_baseline, saved_history,
                      sizeof(saved_history), why, sizeof(why)) != 0)
    saved_history[0] = '\0';
  char self[PATH_MAX];
  if (realpath("/proc/self/exe", self) == NULL) self[0] = '\0';
  const ys_report_taken taken[] = {
      {s->baseline != NULL ? s->baseline->path : NULL,
       newer != NULL ? "OLD" : "--baseline"},
      {newer != NULL ? newer->path : NULL, "NEW"},
      {s->save_path[0] != '\0' ? s->save_path : NULL, "--save-baseline"},
      {read_history[0] != '\0' ? read_history : NULL,
       "the history of --baseline"},
      {saved_history[0] != '\0' ? saved_history : NULL, "--history"},
      {newer == NULL ? s->o.against : NULL, "--against"},
      {s->config_path, "the config"},
      {self[0] != '\0' ? self : NULL, "this program"},
  };
  if (ys_report_files_check(paths, s->o.n_outputs, taken,
                            sizeof(taken) / sizeof(taken[0]), s->err,
                            sizeof(s->err)) != 0) {
    fprintf(stderr, "%s: %s\n", s->prog, s->err);
    return YS_EXIT_USAGE;
  }
  return ys_app_refuse_in_baseline_folder(s->prog, paths, s->o.n_outputs, dir);
}

int ys_app_refuse_in_baseline_folder(const char *prog, const char *const *paths,
                                     size_t n, const char *dir) {
  for (size_t i = 0; i < n; i++)
    if (in_baseline_folder(paths[i], dir)) {
      fprintf(stderr,
              "%s: --output '%s' is in the baseline folder '%s', which holds "
              "baselines (NAME.yaml) and their histories: the report would "
              "replace one or be taken for one; write it elsewhere\n",
              prog, paths[i], dir);
      return YS_EXIT_USAGE;
    }
  return YS_EXIT_OK;
}

ys_summary ys_app_summarize(const invocation *s, double elapsed_s) {
  ys_summary sum = {.elapsed_s = elapsed_s,
                    .fail_on_inconclusive = s->o.fail_on_inconclusive};
  if (s->baseline_missing) sum.missing_baseline = s->o.baseline;
  for (size_t i = 0; i < s->run.n_benches; i++) {
    switch (s->run.benches[i].status) {
    case YS_BENCH_OK:
      sum.n_ok++;
      break;
    case YS_BENCH_SKIPPED:
      sum.n_skipped++;
      break;
    case YS_BENCH_FAILED:
      sum.n_failed++;
      break;
    }
  }
  if (s->judged) {
    /* A benchmark that failed in the other build fails the run as one that
     * failed here does: nothing could be compared for it. */
    for (size_t i = 0; i < s->judgement.n; i++) {
      const ys_bench_result *base = s->judgement.entries[i].base;
      if (s->against.started && base != NULL && base->status == YS_BENCH_FAILED)
        sum.n_failed++;
    }
    sum.compared = true;
    sum.baseline_name = s->baseline != NULL ? s->baseline->name : s->o.against;
    sum.against = s->baseline == NULL;
    sum.baseline_ctx = s->baseline != NULL ? &s->baseline->ctx : NULL;
    ys_judgement_count(&s->judgement, sum.n_verdicts);
  }
  for (size_t i = 0; s->targets_judged && i < s->targets.n; i++)
    sum.n_targets_missed += s->targets.results[i].status == YS_TARGET_MISS;
  return sum;
}

/* Hands every report one view of the finished run: each benchmark in name
 * order, with its comparison when the run was judged. A report that cannot
 * be written is named on stderr. Returns whether every report was
 * written. */
bool ys_app_write_reports(invocation *s, const ys_summary *sum) {
  size_t n = s->judged ? s->judgement.n : s->run.n_benches;
  ys_report_entry *entries = calloc(n > 0 ? n : 1, sizeof(*entries));
  const ys_bench_result **bases = calloc(n > 0 ? n : 1, sizeof(*bases));
  if (entries == NULL || bases == NULL) {
    free(entries);
    free(bases);
    fprintf(stderr, "%s: cannot write the reports: out of memory\n", s->prog);
    return false;
  }
  for (size_t i = 0; i < n; i++)
    entries[i] = s->judged ? (ys_report_entry){s->judgement.entries[i].res,
                                               &s->judgement.entries[i].cmp}
                           : (ys_report_entry){&s->run.benches[i], NULL};
  for (size_t i = 0; i < n && s->judged; i++)
    bases[i] = s->judgement.entries[i].base;
  const ys_run_view view = {.ctx = &s->ctx,
                            .summary = sum,
                            .entries = entries,
                            .n = n,
                            .complexity = s->run.complexity,
                            .n_complexity = s->run.n_complexity,
                            .bases = bases,
                            .targets = s->targets_judged ? &s->targets : NULL,
                            .history = s->bands_consulted &&
                                               s->baseline != NULL &&
                                               s->history.n_runs > 0
                                           ? &s->history
                                           : NULL};
  bool all = true;
  for (size_t r = 0; r < s->reports.n; r++) {
    const report_dest *d = &s->reports.reports[r];
    bool to_stdout = strcmp(d->path, "-") == 0;
    int rc = to_stdout ? ys_report_stdout_write(d->ops, &view, &d->style,
                                                s->err, sizeof(s->err))
                       : ys_report_file_write(d->path, d->ops, &view, &d->style,
                                              s->err, sizeof(s->err));
    if (rc != 0 && to_stdout)
      fprintf(stderr, "%s: cannot write the %s report to standard output: %s\n",
              s->prog, d->ops->name, s->err);
    else if (rc != 0)
      fprintf(stderr, "%s: --output: %s\n", s->prog, s->err);
    all = all && rc == 0;
  }
  free(entries);
  free(bases);
  return all;
}

/* The exit code of a finished run: a failed benchmark (3) outweighs a
 * report that could not be written (2), which outweighs a regression (1)
 * (or a missed performance target) nobody could then read, which
 * outweighs success; an inconclusive
 * verdict counts as a regression only when asked to
 * (sum->fail_on_inconclusive). */
int ys_app_exit_code(const ys_summary *sum, bool reported) {
  if (sum->n_failed > 0) return YS_EXIT_BENCH_FAILED;
  if (!reported) return YS_EXIT_USAGE;
  if (sum->n_targets_missed > 0) return YS_EXIT_REGRESSION;
  if (sum->compared && sum->n_verdicts[YS_VERDICT_REGRESSED] > 0)
    return YS_EXIT_REGRESSION;
  if (sum->compared && sum->fail_on_inconclusive &&
      sum->n_verdicts[YS_VERDICT_INCONCLUSIVE] > 0)
    return YS_EXIT_REGRESSION;
  return YS_EXIT_OK;
}

bool ys_app_may_save(const char *prog, const char *name,
                     const ys_summary *sum) {
  if (sum->n_failed == 0) return true;
  fprintf(stderr,
          "%s: --save-baseline: baseline '%s' not saved (nor its history): "
          "%zu %s failed, and a failed run never replaces a baseline; fix "
          "%s, or leave %s out with a filter\n",
          prog, name, sum->n_failed,
          sum->n_failed == 1 ? "benchmark" : "benchmarks",
          sum->n_failed == 1 ? "it" : "them",
          sum->n_failed == 1 ? "it" : "them");
  return false;
}
