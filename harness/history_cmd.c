/*
 * history_cmd.c — `bench history NAME [REGEX]...` (history_cmd.h).
 */
#include "history_cmd.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../baselines/history.h"
#include "../baselines/names.h"
#include "../core/error.h"
#include "../core/names.h"
#include "../core/plural.h"
#include "../core/policy.h"
#include "../gate/band.h"
#include "../reports/history_chart.h"
#include "../reports/report_file.h"
#include "../reports/units.h"
#include "../run/select.h"
#include "cli.h"
#include "exit_codes.h"
#include "invocation.h"

/* The options history uses; any other would do nothing. */
static const char *const history_options[] = {"baseline-dir", "exact",
                                              "output"};

/* How many characters of a commit id the table shows, as `git log
 * --oneline` shows about as many. */
#define SHORT_COMMIT 12

/* One value as reports show it: times scaled ("12.34 µs"), anything else
 * with its unit. */
static char *format_value(const ys_history_point *p, char *buf, size_t len) {
  if (strcmp(p->unit, "ns") == 0)
    return ys_units_duration(p->estimate, buf, len);
  return ys_units_quantity(p->estimate, p->unit, buf, len);
}

/* The point of `name` in `run`, or NULL. */
static const ys_history_point *point_of(const ys_history_run *run,
                                        const char *name) {
  for (size_t k = 0; k < run->n_points; k++)
    if (strcmp(run->points[k].name, name) == 0) return &run->points[k];
  return NULL;
}

/* Writes a sparkline of n values: one of eight block heights each, from
 * the smallest (▁) to the largest (█); all alike draw the middle one. */
static void print_sparkline(const double *v, size_t n) {
  static const char *const blocks[] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                       "\u2585", "\u2586", "\u2587", "\u2588"};
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < n; i++) {
    lo = fmin(lo, v[i]);
    hi = fmax(hi, v[i]);
  }
  for (size_t i = 0; i < n; i++) {
    size_t level = hi > lo ? (size_t)lround((v[i] - lo) / (hi - lo) * 7) : 3;
    fputs(blocks[level], stdout);
  }
}

/* Prints the table of one benchmark. `estimates` has room for every run. */
static void print_benchmark(const ys_history *h, const char *name,
                            double *estimates) {
  const ys_history_point *latest = NULL;
  for (size_t i = h->n_runs; latest == NULL && i-- > 0;)
    latest = point_of(&h->runs[i], name);
  size_t n = ys_history_estimates(h, name, latest->metric, 0, estimates);
  char buf[64];
  printf("\n%s (%s)  ", name, latest->metric);
  double band = ys_band_width(estimates, n);
  if (latest->exact)
    printf("exact counts: no band");
  else if (isnan(band))
    printf("band not yet available (%zu of %d runs)", n,
           YS_POLICY_BAND_MIN_RUNS);
  else
    printf("band %s over %zu runs",
           ys_units_percent(band, 2, false, buf, sizeof(buf)), n);
  printf("  ");
  print_sparkline(estimates, n);
  printf("\n  %-*s  %-20s  %12s  %9s\n", SHORT_COMMIT, "commit", "date",
         "estimate", "change");
  const ys_history_point *before = NULL;
  for (size_t i = 0; i < h->n_runs; i++) {
    const ys_history_run *run = &h->runs[i];
    const ys_history_point *p = point_of(run, name);
    if (p == NULL) continue;
    char value[64], change[32] = "";
    format_value(p, value, sizeof(value));
    if (before != NULL && strcmp(before->metric, p->metric) == 0)
      ys_units_percent(p->estimate / before->estimate - 1.0, 2, true, change,
                       sizeof(change));
    printf("  %-*.*s  %-20s  %12s  %9s\n", SHORT_COMMIT, SHORT_COMMIT,
           run->commit[0] != '\0' ? run->commit : "-", run->date, value,
           change);
    before = p;
  }
}

/* qsort's comparison of two names, in the order runs list benchmarks. */
static int by_name(const void *a, const void *b) {
  return ys_name_compare(*(const char *const *)a, *(const char *const *)b);
}

/* Collects the distinct benchmark names of h, sorted, into *out (names
 * borrowed from h; caller frees the array). Returns how many, or 0 with
 * *out NULL when out of memory or empty. */
static size_t collect_names(const ys_history *h, const char ***out) {
  size_t cap = 0, n = 0;
  for (size_t i = 0; i < h->n_runs; i++)
    cap += h->runs[i].n_points;
  const char **names = calloc(cap + 1, sizeof(*names));
  *out = names;
  if (names == NULL) return 0;
  for (size_t i = 0; i < h->n_runs; i++)
    for (size_t k = 0; k < h->runs[i].n_points; k++) {
      const char *name = h->runs[i].points[k].name;
      bool seen = false;
      for (size_t j = 0; j < n && !seen; j++)
        seen = strcmp(names[j], name) == 0;
      if (!seen) names[n++] = name;
    }
  qsort(names, n, sizeof(*names), by_name);
  return n;
}

/* Marks in chosen[] the names the REGEXes select, as a run would. */
static int select_names(const char **names, size_t n, const ys_options *o,
                        bool *chosen, char *err, size_t err_len) {
  ys_instance *instances = calloc(n + 1, sizeof(*instances));
  if (instances == NULL)
    return ys_error_set(err, err_len, YS_ENOMEM, "out of memory");
  for (size_t i = 0; i < n; i++)
    snprintf(instances[i].name, sizeof(instances[i].name), "%s", names[i]);
  int rc = ys_select(instances, n, o->filters + 1, o->n_filters - 1, o->exact,
                     chosen, err, err_len);
  free(instances);
  return rc < 0 ? rc : 0;
}

/* Checks the --output files before anything is read, as a run does
 * (app_reports.c): each must be an HTML page, and none may replace the
 * history or the baseline of `name` in `dir`, or land in the baseline
 * folder. A configured output is a run's and is not history's business:
 * only the command line's count. Returns an exit code (message on
 * stderr). */
static int check_outputs(const char *prog, const ys_options *o, const char *dir,
                         const char *history_path) {
  if (!ys_cli_given(o, "output")) return YS_EXIT_OK;
  const ys_report_ops *html = ys_report_find("html");
  const char *paths[YS_MAX_OUTPUTS];
  if (o->n_outputs == 0) {
    /* --output FORMAT:- was taken for standard output's format. */
    fprintf(stderr,
            "%s: --output: history writes its chart page to a file "
            "(--output FILE.html); standard output gets the text\n",
            prog);
    return YS_EXIT_USAGE;
  }
  for (size_t i = 0; i < o->n_outputs; i++) {
    paths[i] = o->outputs[i].path;
    if (o->outputs[i].format != html) {
      fprintf(stderr,
              "%s: --output '%s': history writes an HTML page of charts "
              "only (FILE.html or html:FILE), not %s\n",
              prog, paths[i], o->outputs[i].format->name);
      return YS_EXIT_USAGE;
    }
  }
  char baseline_path[PATH_MAX], self[PATH_MAX], err[512];
  if (ys_store_resolve(o->filters[0], dir, baseline_path, sizeof(baseline_path),
                       err, sizeof(err)) != 0)
    baseline_path[0] = '\0';
  if (realpath("/proc/self/exe", self) == NULL) self[0] = '\0';
  const ys_report_taken taken[] = {
      {history_path, "the history"},
      {baseline_path[0] != '\0' ? baseline_path : NULL, "the baseline"},
      {self[0] != '\0' ? self : NULL, "this program"},
  };
  if (ys_report_files_check(paths, o->n_outputs, taken,
                            sizeof(taken) / sizeof(taken[0]), err,
                            sizeof(err)) != 0) {
    fprintf(stderr, "%s: %s\n", prog, err);
    return YS_EXIT_USAGE;
  }
  return ys_app_refuse_in_baseline_folder(prog, paths, o->n_outputs, dir);
}

/* What the history page is drawn from; for write_page. */
typedef struct page_job {
  const ys_history *h;
  const char *baseline, *path;
  const char *const *names;
  size_t n;
} page_job;

/* Writes the history page; a ys_stream_write_fn. */
static int write_page(FILE *out, void *data) {
  const page_job *job = data;
  return ys_history_page(out, job->h, job->baseline, job->path, job->names,
                         job->n);
}

/* Writes the page of the chosen names to every --output file. Returns
 * an exit code (a file that could not be written is named on stderr). */
static int write_pages(const char *prog, const ys_options *o,
                       const ys_history *h, const char *path,
                       const char **names, const bool *chosen, size_t n) {
  const char **selected = calloc(n + 1, sizeof(*selected));
  if (selected == NULL) {
    fprintf(stderr, "%s: history: out of memory\n", prog);
    return YS_EXIT_USAGE;
  }
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (chosen[i]) selected[k++] = names[i];
  page_job job = {h, o->filters[0], path, selected, k};
  int code = YS_EXIT_OK;
  for (size_t i = 0; i < o->n_outputs && ys_cli_given(o, "output"); i++) {
    char err[512];
    if (ys_report_file_write_stream(o->outputs[i].path, "history page",
                                    write_page, &job, err, sizeof(err)) != 0) {
      fprintf(stderr, "%s: --output: %s\n", prog, err);
      code = YS_EXIT_USAGE;
    }
  }
  free(selected);
  return code;
}

int ys_history_main(const char *prog, const ys_options *o) {
  const char *other = ys_cli_given_other(
      o, history_options, sizeof(history_options) / sizeof(history_options[0]));
  if (other != NULL) {
    fprintf(stderr,
            "%s: --%s does nothing with 'history', which lists saved runs "
            "and runs nothing (it takes --baseline-dir, --exact and "
            "--output)\n",
            prog, other);
    return YS_EXIT_USAGE;
  }
  if (o->n_filters < 1) {
    fprintf(stderr,
            "%s: history: give a baseline NAME: %s history NAME "
            "[REGEX]...\n",
            prog, prog);
    return YS_EXIT_USAGE;
  }
  char path[PATH_MAX], err[512];
  ys_history h;
  const char *dir = ys_store_dir(o->baseline_dir);
  if (ys_history_path(dir, o->filters[0], path, sizeof(path), err,
                      sizeof(err)) != 0) {
    fprintf(stderr, "%s: history: %s\n", prog, err);
    return YS_EXIT_USAGE;
  }
  int checked = check_outputs(prog, o, dir, path);
  if (checked != YS_EXIT_OK) return checked;
  if (ys_history_load(path, &h, err, sizeof(err)) != 0) {
    fprintf(stderr, "%s: history: %s%s\n", prog, err,
            strstr(err, "not found") != NULL
                ? " (runs are kept with --save-baseline NAME --history N)"
                : "");
    return YS_EXIT_USAGE;
  }
  const char **names = NULL;
  size_t n = collect_names(&h, &names);
  bool *chosen = calloc(n + 1, sizeof(*chosen));
  double *estimates = malloc((h.n_runs + 1) * sizeof(*estimates));
  int code = YS_EXIT_OK;
  if (names == NULL || chosen == NULL || estimates == NULL) {
    fprintf(stderr, "%s: history: out of memory\n", prog);
    code = YS_EXIT_USAGE;
  } else if (select_names(names, n, o, chosen, err, sizeof(err)) != 0) {
    fprintf(stderr, "%s: history: %s\n", prog, err);
    code = YS_EXIT_USAGE;
  } else {
    printf("history of baseline '%s' (%s): %zu %s, oldest first; "
           "estimate: lower quartile of the round estimates\n",
           o->filters[0], path, h.n_runs, ys_plural(h.n_runs, "run", "runs"));
    for (size_t i = 0; i < n; i++)
      if (chosen[i]) print_benchmark(&h, names[i], estimates);
    code = write_pages(prog, o, &h, path, names, chosen, n);
  }
  free(estimates);
  free(chosen);
  free(names);
  ys_history_free(&h);
  return code;
}
