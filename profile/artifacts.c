/*
 * artifacts.c — the files of a profile (artifacts.h).
 */
#include "artifacts.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../core/error.h"
#include "flamegraph.h"

typedef int (*render_fn)(const void *what, FILE *out);

/* Renders into PATH.tmp, then renames it over PATH. */
static int write_whole(const char *dir, const char *file, const char *suffix,
                       render_fn render, const void *what, char *err,
                       size_t err_len) {
  char path[PATH_MAX], tmp[PATH_MAX + 8];
  if (snprintf(path, sizeof(path), "%s/%s%s", dir, file, suffix) >=
      (int)sizeof(path)) {
    snprintf(err, err_len, "%s/%s%s: path too long", dir, file, suffix);
    return YS_EINVAL;
  }
  snprintf(tmp, sizeof(tmp), "%s.tmp", path);
  FILE *out = fopen(tmp, "w");
  if (out == NULL) {
    snprintf(err, err_len, "cannot write %s: %s", tmp, strerror(errno));
    return YS_EIO;
  }
  int rc = render(what, out);
  if (fclose(out) != 0 && rc == 0) rc = YS_EIO;
  if (rc == 0 && rename(tmp, path) != 0) rc = YS_EIO;
  if (rc != 0) {
    snprintf(err, err_len, "cannot write %s: %s", path,
             rc == YS_EIO ? strerror(errno) : ys_strerror(rc));
    unlink(tmp);
  }
  return rc;
}

static int render_folded(const void *what, FILE *out) {
  const ys_profile_artifact *a = what;
  return ys_folded_write(a->folded, out);
}

static bool in_instructions(const ys_profile_artifact *a) {
  return a->facts->unit != NULL &&
         strcmp(a->facts->unit, YS_PROFILE_UNIT_INSTRUCTIONS) == 0;
}

/* The graph's heading: the benchmark, and under callgrind the unit, so
 * that nobody reads instruction counts as samples. */
static void title_of(const ys_profile_artifact *a, char *buf, size_t len) {
  if (in_instructions(a))
    snprintf(buf, len, "%s (callgrind, instructions)", a->facts->benchmark);
  else
    snprintf(buf, len, "%s", a->facts->benchmark);
}

static int render_svg(const void *what, FILE *out) {
  const ys_profile_artifact *a = what;
  char title[512];
  title_of(a, title, sizeof(title));
  const char *subtitle =
      in_instructions(a)
          ? "measured windows only, instructions (exact self costs; stacks "
            "split by the calls' costs)"
          : "timed windows only, cpu-clock";
  ys_flame_options o = {.title = title,
                        .subtitle = subtitle,
                        .before = NULL,
                        .unit = a->facts->unit};
  return ys_flamegraph_write(a->folded, &o, out);
}

static int render_diff(const void *what, FILE *out) {
  const ys_profile_artifact *a = what;
  char title[512], subtitle[200];
  title_of(a, title, sizeof(title));
  snprintf(subtitle, sizeof(subtitle),
           "against '%s': red grew, blue shrank (inclusive share)",
           a->baseline);
  ys_flame_options o = {.title = title,
                        .subtitle = subtitle,
                        .before = a->before,
                        .unit = a->facts->unit};
  return ys_flamegraph_write(a->folded, &o, out);
}

static int render_json(const void *what, FILE *out) {
  const ys_profile_artifact *a = what;
  return ys_hotspots_json_write(a->hot, a->facts, out);
}

int ys_profile_artifacts_write(const char *dir, const ys_profile_artifact *a,
                               char *err, size_t err_len) {
  int rc = write_whole(dir, a->file, ".folded", render_folded, a, err, err_len);
  if (rc == 0)
    rc = write_whole(dir, a->file, ".svg", render_svg, a, err, err_len);
  if (rc == 0)
    rc = write_whole(dir, a->file, ".hotspots.json", render_json, a, err,
                     err_len);
  if (rc == 0 && a->before != NULL)
    rc = write_whole(dir, a->file, ".diff.svg", render_diff, a, err, err_len);
  return rc;
}

typedef struct summary {
  const ys_profile_md_entry *entries;
  size_t n;
  const ys_profile_md_run *run;
} summary;

static int render_summary(const void *what, FILE *out) {
  const summary *s = what;
  return ys_profile_md_write(s->entries, s->n, s->run, out);
}

int ys_profile_summary_write(const char *dir,
                             const ys_profile_md_entry *entries, size_t n,
                             const ys_profile_md_run *run, char *err,
                             size_t err_len) {
  summary s = {entries, n, run};
  return write_whole(dir, "profile", ".md", render_summary, &s, err, err_len);
}
