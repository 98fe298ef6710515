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
 * baseline gets one row with status "missing". A performance target that no
 * benchmark's row can hold (its benchmark not run, skipped or failed, its
 * metric not recorded, or a second target on one row) gets a row of its
 * own after the benchmarks', with the target columns alone filled.
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

/* The columns of a run where a benchmark has settings of its own, and of
 * a run with performance targets (docs/json-schema.md, "CSV"): last, and
 * only then, as the group columns. */
static const char ys_report_csv_header_settings[] = ",own_settings";
static const char ys_report_csv_header_targets[] =
    ",target_limit,target_judged,target_margin,target_status,target_source";

/* Which optional columns a run's file has. */
typedef struct csv_shape {
  bool compared, grouped, settings, targets;
  const ys_target_table *target_table; /* the run's, when `targets` */
} csv_shape;

static void csv_write_header(FILE *out, const csv_shape *shape) {
  fputs(ys_report_csv_header, out);
  if (shape->compared) fputs(ys_report_csv_header_compared, out);
  if (shape->grouped) fputs(ys_report_csv_header_grouped, out);
  if (shape->settings) fputs(ys_report_csv_header_settings, out);
  if (shape->targets) fputs(ys_report_csv_header_targets, out);
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

/* The own_settings column: the settings the benchmark's definition gave,
 * as "name=value" items joined by ';' (the names of the JSON report's
 * `settings` object), on the benchmark's first row only. */
static void csv_settings(FILE *out, const csv_shape *shape,
                         const ys_bench_settings *st, bool primary) {
  if (!shape->settings) return;
  fputc(',', out);
  if (!primary || st->own == 0) return;
  char text[400];
  size_t used = 0;
#define ITEM(BIT, ...)                                                         \
  if ((st->own & (BIT)) && used < sizeof(text))                                \
    used += (size_t)snprintf(text + used, sizeof(text) - used, __VA_ARGS__);
  ITEM(YS_SETTING_WARM_UP_TIME, "%swarm_up_time_s=%.17g", used ? ";" : "",
       st->warm_up_time_s)
  ITEM(YS_SETTING_WARM_UP_ITERATIONS, "%swarm_up_iterations=%" PRIu64,
       used ? ";" : "", st->warm_up_iterations)
  ITEM(YS_SETTING_MEASUREMENT_TIME, "%smeasurement_time_s=%.17g",
       used ? ";" : "", st->measurement_time_s)
  ITEM(YS_SETTING_ROUNDS, "%srounds=%zu", used ? ";" : "", st->rounds)
  ITEM(YS_SETTING_SAMPLE_SIZE, "%ssample_size=%zu", used ? ";" : "",
       st->sample_size)
  ITEM(YS_SETTING_LATENCY, "%slatency=true", used ? ";" : "")
#undef ITEM
  csv_text(out, text);
}

/* The target columns of target i of t: its limit and judged value per
 * iteration in its metric's unit, the share of the budget left, its
 * status and where it was declared. */
static void csv_target_fields(FILE *out, const ys_target_table *t, size_t i) {
  const ys_target_result *r = &t->results[i];
  bool judged = r->status == YS_TARGET_PASS || r->status == YS_TARGET_MISS;
  csv_double(out, r->limit);
  if (judged) {
    csv_double(out, r->judged);
    csv_double(out, r->margin);
  } else {
    fputs(",,", out);
  }
  fputc(',', out);
  csv_text(out, ys_target_status_name(r->status));
  fputc(',', out);
  csv_text(out, t->specs[i].source);
}

/* The index of the first target of t on `benchmark` and `metric`, or
 * t->n. */
static size_t csv_first_target(const ys_target_table *t, const char *benchmark,
                               const char *metric) {
  size_t i = 0;
  while (i < t->n && (strcmp(t->specs[i].benchmark, benchmark) != 0 ||
                      strcmp(t->specs[i].metric, metric) != 0))
    i++;
  return i;
}

/* The target columns: the first target on this benchmark and metric
 * (csv_target_fields); empty without one. */
static void csv_target(FILE *out, const csv_shape *shape,
                       const ys_bench_result *res, const ys_series *s) {
  if (!shape->targets) return;
  const ys_target_table *t = shape->target_table;
  size_t i = s != NULL ? csv_first_target(t, res->name, s->metric) : t->n;
  if (i < t->n)
    csv_target_fields(out, t, i);
  else
    fputs(",,,,,", out);
}

/* One row; `s` is NULL for a benchmark without measurements; `compared`
 * says whether the run has comparison columns, `cmp` (may be NULL) fills
 * them. */
static void csv_row(FILE *out, const ys_bench_result *res, const ys_series *s,
                    const csv_shape *shape, const ys_comparison *cmp,
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
  csv_comparison(out, shape->compared, cmp);
  csv_group(out, shape->grouped, res, primary);
  csv_settings(out, shape, &res->settings, primary);
  csv_target(out, shape, res, s);
  fputc('\n', out);
}

/* A benchmark of the baseline that this run did not have: its name and
 * compared metric, status "missing", no figures of this run. `res` is the
 * baseline's result, of which only the name is used. */
static void csv_missing(FILE *out, const ys_bench_result *res,
                        const ys_comparison *cmp, const csv_shape *shape) {
  csv_text(out, res->name);
  fputc(',', out);
  csv_text(out, cmp->metric);
  fputc(',', out);
  csv_text(out, cmp->unit);
  /* status, then estimate through message: 15 empty fields */
  fputs(",missing,,,,,,,,,,,,,,,", out);
  csv_comparison(out, true, cmp);
  csv_group(out, shape->grouped, res, false);
  if (shape->settings) fputc(',', out);
  if (shape->targets) fputs(",,,,,", out);
  fputc('\n', out);
}

/* The result of this run named `name` (not a baseline's "missing" one),
 * or NULL. */
static const ys_bench_result *csv_find(const ys_run_view *run,
                                       const char *name) {
  for (size_t i = 0; i < run->n; i++) {
    const ys_report_entry *e = &run->entries[i];
    if (e->cmp != NULL && e->cmp->verdict == YS_VERDICT_MISSING) continue;
    if (strcmp(e->res->name, name) == 0) return e->res;
  }
  return NULL;
}

/* Whether target i sits on a benchmark's row (csv_target): the first on
 * its benchmark and metric, whose benchmark was measured and recorded
 * that metric. */
static bool csv_target_on_a_row(const ys_run_view *run, size_t i) {
  const ys_target_table *t = run->targets;
  const ys_target_spec *spec = &t->specs[i];
  if (csv_first_target(t, spec->benchmark, spec->metric) != i) return false;
  const ys_bench_result *res = csv_find(run, spec->benchmark);
  return res != NULL && res->status == YS_BENCH_OK &&
         ys_bench_result_series(res, spec->metric) != NULL;
}

/* A row for target i, which no benchmark's row holds: its benchmark,
 * metric and unit (empty when the run does not know it), the benchmark's
 * status ("not run" when the run left it out), every figure empty, and
 * the target columns. */
static void csv_target_row(FILE *out, const ys_run_view *run,
                           const csv_shape *shape, size_t i) {
  const ys_target_spec *spec = &run->targets->specs[i];
  const ys_bench_result *res = csv_find(run, spec->benchmark);
  csv_text(out, spec->benchmark);
  fputc(',', out);
  csv_text(out, spec->metric);
  fputc(',', out);
  csv_text(out, run->targets->results[i].unit);
  fputc(',', out);
  fputs(res != NULL ? ys_bench_status_name(res->status) : "not run", out);
  /* estimate through message: 15 empty fields */
  fputs(",,,,,,,,,,,,,,,", out);
  csv_comparison(out, shape->compared, NULL);
  if (shape->grouped) fputs(",,,,,", out);
  if (shape->settings) fputc(',', out);
  csv_target_fields(out, run->targets, i);
  fputc('\n', out);
}

/* The rows of one benchmark: one per series, or one without figures. */
static void csv_bench(FILE *out, const ys_bench_result *res,
                      const csv_shape *shape, const ys_comparison *cmp) {
  if (cmp != NULL && cmp->verdict == YS_VERDICT_MISSING) {
    csv_missing(out, res, cmp, shape);
    return;
  }
  if (res->status != YS_BENCH_OK || res->n_series == 0) {
    csv_row(out, res, NULL, shape, cmp, true);
    return;
  }
  /* The comparison and the ratio are of series[0]: the other rows get
   * empty columns. */
  for (size_t i = 0; i < res->n_series; i++)
    csv_row(out, res, &res->series[i], shape, i == 0 ? cmp : NULL, i == 0);
}

static int csv_render(FILE *out, const ys_run_view *run,
                      const ys_report_style *style) {
  (void)style; /* nothing to style in CSV */
  csv_shape shape = {.compared = run->summary->compared,
                     .targets = run->targets != NULL && run->targets->n > 0,
                     .target_table = run->targets};
  for (size_t i = 0; i < run->n; i++) {
    shape.grouped |= run->entries[i].res->group[0] != '\0';
    shape.settings |= run->entries[i].res->settings.own != 0;
  }
  csv_write_header(out, &shape);
  for (size_t i = 0; i < run->n; i++)
    csv_bench(out, run->entries[i].res, &shape, run->entries[i].cmp);
  for (size_t i = 0; shape.targets && i < run->targets->n; i++)
    if (!csv_target_on_a_row(run, i)) csv_target_row(out, run, &shape, i);
  return ys_report_finish(out, 0);
}

static const char *const ys_report_csv_extensions[] = {".csv", NULL};

const ys_report_ops ys_report_csv = {
    .name = "csv",
    .extensions = ys_report_csv_extensions,
    .render = csv_render,
};
