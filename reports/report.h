/*
 * report.h — one interface for every output format.
 *
 * A report renders results it is given; it never computes statistics. Each
 * format is one file with a `const ys_report_ops` and one row in the table in
 * report.c. Every hook is optional. Hooks are called as
 * begin, bench (once per benchmark, in name order), end.
 */
#ifndef YS_REPORT_H
#define YS_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "../core/model.h"

typedef struct ys_report ys_report;

typedef struct ys_report_ops {
  const char *name;      /* "console", "json", "gbench", "csv" */
  const char *extension; /* file extension that selects it, e.g. "json" */
  void (*begin)(ys_report *r, const ys_context *ctx);
  void (*bench)(ys_report *r, const ys_bench_result *res,
                const ys_comparison *cmp);
  void (*end)(ys_report *r, const ys_summary *sum);
} ys_report_ops;

/* A report being written. Formats keep what they need between hooks in
 * `count` and `ctx`; the stream is borrowed. */
struct ys_report {
  const ys_report_ops *ops;
  FILE *out;             /* borrowed */
  bool color;            /* ANSI colours allowed (console only) */
  size_t count;          /* benchmarks written so far */
  const ys_context *ctx; /* set by ys_report_begin; borrowed */
  void *data;            /* a format's own state between begin and end:
                            set by its begin hook, freed by its end hook */
};

/* The format named `name`, or NULL. */
const ys_report_ops *ys_report_find(const char *name);

/* The format whose extension ends `path` (e.g. "out.json"), or NULL. */
const ys_report_ops *ys_report_for_path(const char *path);

/* Comma-separated names of all formats, for messages and --help. */
const char *ys_report_names(void);

/* Drive a report; each is a no-op when the format lacks the hook. */
void ys_report_begin(ys_report *r, const ys_context *ctx);
void ys_report_bench(ys_report *r, const ys_bench_result *res,
                     const ys_comparison *cmp);
void ys_report_end(ys_report *r, const ys_summary *sum);

#endif
