/*
 * report.h — one interface for every output format.
 *
 * A report is handed the whole finished run and renders it in one call; it
 * never computes statistics and never changes what it is given. Each format
 * is one file with a `const ys_report_ops` and one row in the table in
 * report.c. Progress while the run is under way is the progress line's job
 * (progress.h), not a report's.
 */
#ifndef YS_REPORT_H
#define YS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../baselines/history.h"
#include "../core/model.h"
#include "../gate/targets.h"

/* One benchmark of the run, in name order. */
typedef struct ys_report_entry {
  /* This run's result; for a benchmark of the baseline only (verdict
   * "missing") the baseline's, of which nothing was measured now. */
  const ys_bench_result *res;
  const ys_comparison *cmp; /* NULL when the run was not compared */
} ys_report_entry;

/* A read-only view of a finished run: everything any format shows. All
 * pointers are borrowed and never NULL (entries may be when n is 0). Every
 * entry has a comparison exactly when summary->compared is set; the
 * baseline's name and context are in the summary. */
typedef struct ys_run_view {
  const ys_context *ctx;     /* where and how this run was measured */
  const ys_summary *summary; /* totals, verdict counts, the baseline */
  const ys_report_entry *entries;
  size_t n;
  /* How each BENCH_ARGS family of this run grows with its parameter
   * (ys_run_result's complexity); may be NULL when n_complexity is 0. */
  const ys_complexity_fit *complexity;
  size_t n_complexity;
  /* For formats that draw both sides (html): bases[i] is the baseline's
   * result of entries[i], NULL where there is none ("new"). NULL as a
   * whole when the caller has no baseline results to give. */
  const ys_bench_result *const *bases;
  /* The run's performance targets, judged (gate/targets.h); NULL when the
   * run has none. */
  const ys_target_table *targets;
  /* The history of the baseline NAME compared with (baselines/history.h),
   * for formats that draw each benchmark's trend (html); NULL when the
   * baseline is a PATH or has no history. */
  const ys_history *history;
} ys_run_view;

/* How much a report says besides the results (--quiet, --verbose). The
 * default is 0, so a style left zeroed gets the middle level. */
typedef enum ys_report_verbosity {
  /* Results; one marker line under a benchmark with diagnostics, and each
   * kind of diagnostic explained once at the end, with its advice. */
  YS_REPORT_NORMAL = 0,
  YS_REPORT_QUIET,   /* results only: no markers, no notes */
  YS_REPORT_VERBOSE, /* every diagnostic in full under its benchmark */
} ys_report_verbosity;

/* How a destination wants its text, decided by the caller. */
typedef struct ys_report_style {
  /* ANSI colours allowed; only the console uses them. Whether the
   * destination is a terminal (and NO_COLOR) is the caller's business. */
  bool color;
  ys_report_verbosity verbosity; /* only the console reads it */
  /* The file being written, for links relative to it (html); NULL for
   * standard output. Borrowed. */
  const char *path;
} ys_report_style;

typedef struct ys_report_ops {
  const char *name; /* "console", "json", "gbench", "csv", "markdown" */
  /* File name endings, dot included, that select the format for --output;
   * NULL-terminated. This is the only list of them. */
  const char *const *extensions;
  /* Writes the whole report of `run` to `out` (borrowed) and flushes it.
   * Returns 0, YS_EIO when a write failed (see ys_report_finish), or another
   * negative YS_E* code; the caller turns it into a message. */
  int (*render)(FILE *out, const ys_run_view *run,
                const ys_report_style *style);
} ys_report_ops;

/* The format named `name` (exactly, case included), or NULL. */
const ys_report_ops *ys_report_find(const char *name);

/* The format whose extension ends `path`, compared without regard to case
 * ("OUT.JSON" is JSON), or NULL. The longest matching ending wins, so
 * "x.gbench.json" is gbench and not plain JSON, whatever the table order. */
const ys_report_ops *ys_report_for_path(const char *path);

/* The `i`th format of the table (0-based), or NULL past its end; for
 * listing them all. */
const ys_report_ops *ys_report_format(size_t i);

/* Comma-separated names of all formats in table order ("console, json,
 * ..."), for messages and --help. Built from the table; static storage. */
const char *ys_report_names(void);

/* For formats, at the end of render: flushes `out` and returns `rc` when it
 * is already an error (it says more, e.g. the JSON writer's first one),
 * else YS_EIO when any write to `out` failed, else 0. A full disk or a
 * closed pipe thus surfaces instead of leaving a silently cut file. */
int ys_report_finish(FILE *out, int rc);

#endif
