/*
 * csv.c — one row per benchmark and metric, for spreadsheets and scripts.
 *
 * Fields are quoted as RFC 4180 says, only when they hold a comma, a quote or
 * a line break; rows end with "\n" (readers of RFC 4180 accept it, and
 * line-based tools such as grep and cut prefer it). Numbers use the JSON
 * writer's formatting, so they read back bit for bit; an unknown value
 * (failed or skipped benchmark, NaN) is an empty field.
 *
 * A run compared against a baseline gets seven more columns, after the
 * others so that readers of the shorter rows keep working; a run without
 * one is written exactly as before they existed. The comparison is filled on
 * the row of the compared (primary) series only. A benchmark found only in the
 * baseline gets one row with status "missing".
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../core/json_writer.h"
#include "report.h"
#include "units.h"

static const char ys_report_csv_header[] =
    "name,metric,unit,status,estimate,lo,hi,mean,median,std_dev,mad,"
    "r_squared,round_min,round_median,samples,iterations,"
    "bytes_per_iteration,elements_per_iteration,message";

static const char ys_report_csv_header_compared[] =
    ",baseline,change,change_lo,change_hi,p_value,verdict,doubt";

/* The columns of a run with groups (docs/authoring.md): a file of a run
 * without them keeps its former columns. */
static const char ys_report_csv_header_grouped[] =
    ",group,group_reference,ratio,ratio_lo,ratio_hi";

static void csv_write_header(FILE *out, bool compared, bool grouped) {
  fputs(ys_report_csv_header, out);
  if (compared) fputs(ys_report_csv_header_compared, out);
  if (grouped) fputs(ys_report_csv_header_grouped, out);
  fputc('\n', out);
}

/* Writes `s` as one field (NULL as empty), quoted when it must be. */
static void csv_text(FILE *out, const char *s) {
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
static void csv_double(FILE *out, double v) {
  char buf[YS_JSON_DOUBLE_MAX];
  ys_json_format_double(buf, v);
  fputc(',', out);
  fputs(buf, out);
}

/* ",<count>"; just "," for 0, which the model uses for "not set". */
static void csv_count(FILE *out, uint64_t v) {
  fputc(',', out);
  if (v != 0) fprintf(out, "%" PRIu64, v);
}

/* The comparison columns of a compared run, each after a comma: empty for
 * a row without `cmp` (a series other than the compared one). Nothing in a
 * run without a baseline. */
static void csv_comparison(FILE *out, bool compared, const ys_comparison *cmp) {
  if (!compared) return;
  if (cmp == NULL) {
    fputs(",,,,,,,", out);
    return;
  }
  bool change = ys_units_verdict_has_change(cmp->verdict);
  bool interval = change && !cmp->exact;
  double none = NAN; /* printed as an empty field */
  csv_double(out, cmp->base_rounds > 0 ? cmp->base_estimate : none);
  csv_double(out, change ? cmp->change : none);
  csv_double(out, interval ? cmp->change_ci.lo : none);
  csv_double(out, interval ? cmp->change_ci.hi : none);
  csv_double(out, change ? cmp->p_value : none);
  fputc(',', out);
  csv_text(out, ys_verdict_name(cmp->verdict));
  fputc(',', out);
  csv_text(out, ys_doubt_name(cmp->doubt));
}

/* The group columns of a row: empty but for the primary series' row of a
 * group member, and the ratio only when it has one. */
static void csv_group(FILE *out, bool grouped, const ys_bench_result *res,
                      bool primary) {
  if (!grouped) return;
  if (!primary || res->group[0] == '\0') {
    fputs(",,,,,", out);
    return;
  }
  fputc(',', out);
  csv_text(out, res->group);
  fputc(',', out);
  csv_text(out, res->group_reference);
  if (res->ratio.status != YS_RATIO_OK) {
    fputs(",,,", out);
    return;
  }
  csv_double(out, res->ratio.ratio.point);
  csv_double(out, res->ratio.ratio.lo);
  csv_double(out, res->ratio.ratio.hi);
}

/* One row; `s` is NULL for a benchmark without measurements; `compared`
 * says whether the run has comparison columns, `cmp` (may be NULL) fills
 * them. */
static void csv_row(FILE *out, const ys_bench_result *res, const ys_series *s,
                    bool compared, const ys_comparison *cmp, bool grouped,
                    bool primary) {
  csv_text(out, res->name);
  fputc(',', out);
  if (s != NULL) csv_text(out, s->metric);
  fputc(',', out);
  if (s != NULL) csv_text(out, s->unit);
  fputc(',', out);
  fputs(ys_bench_status_name(res->status), out);
  if (s != NULL) {
    const ys_analysis *a = &s->analysis;
    const ys_estimate *headline = ys_analysis_headline(a);
    csv_double(out, headline->point);
    csv_double(out, headline->lo);
    csv_double(out, headline->hi);
    csv_double(out, a->mean.point);
    csv_double(out, a->median.point);
    csv_double(out, a->std_dev.point);
    csv_double(out, a->mad.point);
    csv_double(out, a->r_squared);
    csv_double(out, a->round_min);
    csv_double(out, a->round_median);
    fprintf(out, ",%zu,%" PRIu64, s->n_samples, res->total_iterations);
    csv_count(out, res->bytes_per_iteration);
    csv_count(out, res->elements_per_iteration);
  } else {
    /* estimate through elements_per_iteration: 14 empty fields */
    fputs(",,,,,,,,,,,,,,", out);
  }
  fputc(',', out);
  if (res->status != YS_BENCH_OK) csv_text(out, res->message);
  csv_comparison(out, compared, cmp);
  csv_group(out, grouped, res, primary);
  fputc('\n', out);
}

/* A benchmark of the baseline that this run did not have: its name and
 * compared metric, status "missing", no figures of this run. `res` is the
 * baseline's result, of which only the name is used. */
static void csv_missing(FILE *out, const ys_bench_result *res,
                        const ys_comparison *cmp, bool grouped) {
  csv_text(out, res->name);
  fputc(',', out);
  csv_text(out, cmp->metric);
  fputc(',', out);
  csv_text(out, cmp->unit);
  /* status, then estimate through message: 15 empty fields */
  fputs(",missing,,,,,,,,,,,,,,,", out);
  csv_comparison(out, true, cmp);
  csv_group(out, grouped, res, false);
  fputc('\n', out);
}

/* The rows of one benchmark: one per series, or one without figures. */
static void csv_bench(FILE *out, const ys_bench_result *res, bool compared,
                      const ys_comparison *cmp, bool grouped) {
  if (cmp != NULL && cmp->verdict == YS_VERDICT_MISSING) {
    csv_missing(out, res, cmp, grouped);
    return;
  }
  if (res->status != YS_BENCH_OK || res->n_series == 0) {
    csv_row(out, res, NULL, compared, cmp, grouped, true);
    return;
  }
  /* The comparison and the ratio are of series[0]: the other rows get
   * empty columns. */
  for (size_t i = 0; i < res->n_series; i++)
    csv_row(out, res, &res->series[i], compared, i == 0 ? cmp : NULL, grouped,
            i == 0);
}

static int csv_render(FILE *out, const ys_run_view *run,
                      const ys_report_style *style) {
  (void)style; /* nothing to style in CSV */
  bool compared = run->summary->compared;
  bool grouped = false;
  for (size_t i = 0; i < run->n && !grouped; i++)
    grouped = run->entries[i].res->group[0] != '\0';
  csv_write_header(out, compared, grouped);
  for (size_t i = 0; i < run->n; i++)
    csv_bench(out, run->entries[i].res, compared, run->entries[i].cmp, grouped);
  return ys_report_finish(out, 0);
}

static const char *const ys_report_csv_extensions[] = {".csv", NULL};

const ys_report_ops ys_report_csv = {
    .name = "csv",
    .extensions = ys_report_csv_extensions,
    .render = csv_render,
};
