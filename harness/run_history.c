/*
 * run_history.c — a run's use of its baseline's history (run_history.h).
 */
#include "run_history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/error.h"

/* Whether `s` looks like a commit id: hex digits only, as git prints them.
 * Anything else (a message on stdout, an empty line) is not recorded. */
static bool is_hex_id(const char *s) {
  size_t n = strspn(s, "0123456789abcdefABCDEF");
  return n > 0 && s[n] == '\0';
}

char *ys_run_history_commit(char *buf, size_t len) {
  buf[0] = '\0';
  const char *sha = getenv("GITHUB_SHA");
  if (sha != NULL && sha[0] != '\0') {
    snprintf(buf, len, "%s", sha);
    return buf;
  }
  /* Outside a git checkout, or without git, this prints nothing. */
  FILE *p = popen("git rev-parse HEAD 2>/dev/null", "r");
  if (p == NULL) return buf;
  char line[128] = "";
  if (fgets(line, sizeof(line), p) == NULL) line[0] = '\0';
  pclose(p);
  line[strcspn(line, "\r\n")] = '\0';
  if (is_hex_id(line)) snprintf(buf, len, "%s", line);
  return buf;
}

int ys_run_history_record(const char *dir, const char *name,
                          const char *commit_or_null, const ys_run_result *run,
                          size_t keep, size_t *dropped_for_size, char *path,
                          size_t path_len, char *err, size_t err_len) {
  int rc = ys_history_path(dir, name, path, path_len, err, err_len);
  if (rc != 0) return rc;
  char commit[128], date[32];
  if (commit_or_null != NULL)
    snprintf(commit, sizeof(commit), "%s", commit_or_null);
  else
    ys_run_history_commit(commit, sizeof(commit));
  time_t now = time(NULL);
  struct tm utc;
  gmtime_r(&now, &utc);
  strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &utc);
  ys_history_run entry;
  rc = ys_history_run_from_result(run, commit, date, &entry);
  if (rc != 0)
    return ys_error_set(err, err_len, rc, "history '%s': out of memory", path);
  rc = ys_history_record(path, &entry, keep, dropped_for_size, err, err_len);
  ys_history_run_free(&entry);
  return rc;
}

/* Adds to *t the band of every benchmark of the history's latest run, on
 * the metric it measured there: a benchmark main no longer has needs none. */
static int build_bands(const ys_history *h, ys_band_table *t) {
  if (h->n_runs == 0) return 0;
  const ys_history_run *latest = &h->runs[h->n_runs - 1];
  t->bands = calloc(latest->n_points + 1, sizeof(*t->bands));
  double *estimates = malloc((h->n_runs + 1) * sizeof(*estimates));
  if (t->bands == NULL || estimates == NULL) {
    free(estimates);
    ys_band_table_free(t);
    return YS_ENOMEM;
  }
  for (size_t k = 0; k < latest->n_points; k++) {
    const ys_history_point *p = &latest->points[k];
    size_t n = ys_history_estimates(h, p->name, p->metric, 0, estimates);
    t->bands[t->n++] = (ys_band){.name = p->name,
                                 .metric = p->metric,
                                 .width = ys_band_width(estimates, n),
                                 .runs = n};
  }
  free(estimates);
  return 0;
}

int ys_run_history_bands(const char *dir, const char *baseline, ys_history *h,
                         ys_band_table *t, bool *consulted, char *err,
                         size_t err_len) {
  memset(h, 0, sizeof(*h));
  memset(t, 0, sizeof(*t));
  *consulted = false;
  if (strchr(baseline, '/') != NULL) return 0;
  char path[4096];
  int rc = ys_history_path(dir, baseline, path, sizeof(path), err, err_len);
  if (rc != 0) return rc;
  *consulted = true;
  rc = ys_history_load(path, h, err, err_len);
  if (rc == YS_ENOENT) return 0;
  if (rc == 0) rc = build_bands(h, t);
  if (rc == YS_ENOMEM)
    ys_error_set(err, err_len, rc, "history '%s': out of memory", path);
  if (rc != 0) ys_history_free(h);
  return rc;
}
