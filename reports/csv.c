/*
 * csv.c — one row per benchmark and metric, for spreadsheets and scripts.
 *
 * Fields are quoted as RFC 4180 says, only when they hold a comma, a quote or
 * a line break; rows end with "\n" (readers of RFC 4180 accept it, and
 * line-based tools such as grep and cut prefer it). Numbers use the JSON
 * writer's formatting, so they read back bit for bit; an unknown value
 * (failed or skipped benchmark, NaN) is an empty field.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "json_writer.h"
#include "report.h"

static const char ys_report_csv_header[] =
    "name,metric,unit,status,estimate,lo,hi,mean,median,std_dev,mad,"
    "r_squared,round_min,round_median,samples,iterations,"
    "bytes_per_iteration,elements_per_iteration,message\n";

static void ys_report_csv_begin(ys_report *r, const ys_context *ctx) {
  (void)ctx; /* a flat table has no place for the context */
  fputs(ys_report_csv_header, r->out);
}

/* Writes `s` as one field (NULL as empty), quoted when it must be. */
static void ys_report_csv_text(FILE *out, const char *s) {
  if (s == NULL) return;
  if (strpbrk(s, ",\"\r\n") == NULL) {
    fputs(s, out);
    return;
  }
  fputc('"', out);
  for (; *s != '\0'; s++) {
    if (*s == '"') fputc('"', out);
    fputc(*s, out);
  }
  fputc('"', out);
}

/* ",<number>"; just "," when the value is not finite. */
static void ys_report_csv_double(FILE *out, double v) {
  char buf[YS_JSON_DOUBLE_MAX];
  ys_json_format_double(buf, v);
  fputc(',', out);
  fputs(buf, out);
}

/* ",<count>"; just "," for 0, which the model uses for "not set". */
static void ys_report_csv_count(FILE *out, uint64_t v) {
  fputc(',', out);
  if (v != 0) fprintf(out, "%" PRIu64, v);
}

static const char *ys_report_csv_status(ys_bench_status status) {
  switch (status) {
  case YS_BENCH_OK:
    return "ok";
  case YS_BENCH_SKIPPED:
    return "skipped";
  case YS_BENCH_FAILED:
    return "failed";
  }
  return "failed";
}

/* One row; `s` is NULL for a benchmark without measurements. */
static void ys_report_csv_row(FILE *out, const ys_bench_result *res,
                              const ys_series *s) {
  ys_report_csv_text(out, res->name);
  fputc(',', out);
  if (s != NULL) ys_report_csv_text(out, s->metric);
  fputc(',', out);
  if (s != NULL) ys_report_csv_text(out, s->unit);
  fputc(',', out);
  fputs(ys_report_csv_status(res->status), out);
  if (s != NULL) {
    const ys_analysis *a = &s->analysis;
    const ys_estimate *headline = ys_analysis_headline(a);
    ys_report_csv_double(out, headline->point);
    ys_report_csv_double(out, headline->lo);
    ys_report_csv_double(out, headline->hi);
    ys_report_csv_double(out, a->mean.point);
    ys_report_csv_double(out, a->median.point);
    ys_report_csv_double(out, a->std_dev.point);
    ys_report_csv_double(out, a->mad.point);
    ys_report_csv_double(out, a->r_squared);
    ys_report_csv_double(out, a->round_min);
    ys_report_csv_double(out, a->round_median);
    fprintf(out, ",%zu,%" PRIu64, s->n_samples, res->total_iterations);
    ys_report_csv_count(out, res->bytes_per_iteration);
    ys_report_csv_count(out, res->elements_per_iteration);
  } else {
    /* estimate through elements_per_iteration: 14 empty fields */
    fputs(",,,,,,,,,,,,,,", out);
  }
  fputc(',', out);
  if (res->status != YS_BENCH_OK) ys_report_csv_text(out, res->message);
  fputc('\n', out);
}

static void ys_report_csv_bench(ys_report *r, const ys_bench_result *res,
                                const ys_comparison *cmp) {
  (void)cmp; /* comparisons belong to the baseline reports */
  if (res->status != YS_BENCH_OK || res->n_series == 0) {
    ys_report_csv_row(r->out, res, NULL);
    return;
  }
  for (size_t i = 0; i < res->n_series; i++)
    ys_report_csv_row(r->out, res, &res->series[i]);
}

static void ys_report_csv_end(ys_report *r, const ys_summary *sum) {
  (void)sum; /* totals are the count of rows by status */
  fflush(r->out);
}

const ys_report_ops ys_report_csv = {
    .name = "csv",
    .extension = "csv",
    .begin = ys_report_csv_begin,
    .bench = ys_report_csv_bench,
    .end = ys_report_csv_end,
};
