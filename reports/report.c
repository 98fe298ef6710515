/* report.c — the table of output formats and the calls that drive one. */
#include "report.h"

#include <string.h>
#include <strings.h>

/* Each format lives in its own file; this table is the only place that lists
 * them all. */
extern const ys_report_ops ys_report_console;
extern const ys_report_ops ys_report_json;
extern const ys_report_ops ys_report_gbench;
extern const ys_report_ops ys_report_csv;
extern const ys_report_ops ys_report_markdown;

static const ys_report_ops *const ys_report_formats[] = {
    &ys_report_console, &ys_report_json,     &ys_report_gbench,
    &ys_report_csv,     &ys_report_markdown,
};

#define YS_REPORT_N_FORMATS                                                    \
  (sizeof(ys_report_formats) / sizeof(ys_report_formats[0]))

/* File name endings that pick a format for --output FILE. Longer endings come
 * first so "x.gbench.json" is not taken for plain JSON. */
static const struct {
  const char *suffix;
  const ys_report_ops *format;
} ys_report_suffixes[] = {
    {".gbench.json", &ys_report_gbench},
    {".json", &ys_report_json},
    {".csv", &ys_report_csv},
    {".md", &ys_report_markdown},
    {".txt", &ys_report_console},
    {".log", &ys_report_console},
};

const ys_report_ops *ys_report_find(const char *name) {
  if (name == NULL) return NULL;
  for (size_t i = 0; i < YS_REPORT_N_FORMATS; i++)
    if (strcmp(ys_report_formats[i]->name, name) == 0)
      return ys_report_formats[i];
  return NULL;
}

const ys_report_ops *ys_report_for_path(const char *path) {
  if (path == NULL) return NULL;
  size_t len = strlen(path);
  for (size_t i = 0;
       i < sizeof(ys_report_suffixes) / sizeof(ys_report_suffixes[0]); i++) {
    size_t n = strlen(ys_report_suffixes[i].suffix);
    /* Extensions are matched without regard to case: "OUT.JSON" is JSON. */
    if (len >= n &&
        strcasecmp(path + len - n, ys_report_suffixes[i].suffix) == 0)
      return ys_report_suffixes[i].format;
  }
  return NULL;
}

const char *ys_report_names(void) {
  /* Kept in the order of ys_report_formats; a unit test checks they agree. */
  return "console, json, gbench, csv, markdown";
}

void ys_report_begin(ys_report *r, const ys_context *ctx) {
  r->ctx = ctx;
  r->count = 0;
  if (r->ops->begin != NULL) r->ops->begin(r, ctx);
}

void ys_report_bench(ys_report *r, const ys_bench_result *res,
                     const ys_comparison *cmp) {
  if (r->ops->bench != NULL) r->ops->bench(r, res, cmp);
  r->count++;
}

void ys_report_end(ys_report *r, const ys_summary *sum) {
  if (r->ops->end != NULL) r->ops->end(r, sum);
}
