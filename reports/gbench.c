/*
 * gbench.c — Google Benchmark's JSON format (schema version 1), so tools
 * built for it (compare.py, github-action-benchmark, Bencher) read
 * yardstick's results unchanged. docs/interop.md lists what each consumer
 * needs.
 *
 * The mapping: a yardstick benchmark is a Google Benchmark family with one
 * instance; each round is one repetition ("iteration" row), followed by the
 * "mean", "median", "stddev" and "cv" aggregate rows. Google Benchmark's
 * aggregates are statistics over the repetition rows, so they are the
 * figures over the round estimates here, not those over all samples.
 * compare.py runs its U test on the iteration rows, which is why rounds are
 * written one by one. Every number is taken from the analysis as it is: the
 * only arithmetic here is formatting (sums of iteration counts, ratios of
 * two existing values).
 *
 * Against a baseline, the mean row also carries yardstick's verdict and
 * change ("yardstick_verdict", "yardstick_change"); compare.py ignores keys
 * it does not know. A benchmark found only in the baseline gets no row: a
 * row would make compare.py compare the baseline with itself.
 */
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yardstick.h>

#include "../core/context_fields.h"
#include "../core/error.h"
#include "../core/json_writer.h"
#include "report.h"
#include "units.h"

/* Aggregate rows in Google Benchmark's order. */
static const char *const ys_report_gbench_aggregates[] = {"mean", "median",
                                                          "stddev", "cv"};

/* Keys of a row that a metric name must not shadow when it becomes a
 * counter. */
static const char *const ys_report_gbench_reserved[] = {
    "name",
    "family_index",
    "per_family_instance_index",
    "run_name",
    "run_type",
    "repetitions",
    "repetition_index",
    "threads",
    "aggregate_name",
    "aggregate_unit",
    "iterations",
    "real_time",
    "cpu_time",
    "time_unit",
    "bytes_per_second",
    "items_per_second",
    "error_occurred",
    "error_message",
    "skipped",
    "skip_message",
    "label",
    "time",
};

/* The own settings of the run's benchmarks, in the context where Google
 * Benchmark's readers ignore them (docs/interop.md): an object of
 * benchmark name to the settings its definition gave, named as in the
 * JSON report's `settings`. Nothing when no benchmark has its own. */
static void gbench_settings(ys_json *w, const ys_run_view *run) {
  bool any = false;
  for (size_t i = 0; i < run->n; i++) {
    const ys_bench_settings *st = &run->entries[i].res->settings;
    if (st->own == 0) continue;
    if (!any) {
      ys_json_key(w, "yardstick_settings");
      ys_json_begin_object(w);
      any = true;
    }
    ys_json_key(w, run->entries[i].res->name);
    ys_json_begin_object(w);
    if (st->own & YS_SETTING_WARM_UP_TIME)
      ys_json_kv_double(w, "warm_up_time_s", st->warm_up_time_s);
    if (st->own & YS_SETTING_WARM_UP_ITERATIONS)
      ys_json_kv_uint(w, "warm_up_iterations", st->warm_up_iterations);
    if (st->own & YS_SETTING_MEASUREMENT_TIME)
      ys_json_kv_double(w, "measurement_time_s", st->measurement_time_s);
    if (st->own & YS_SETTING_ROUNDS) ys_json_kv_uint(w, "rounds", st->rounds);
    if (st->own & YS_SETTING_SAMPLE_SIZE)
      ys_json_kv_uint(w, "sample_size", st->sample_size);
    if (st->own & YS_SETTING_LATENCY) ys_json_kv_bool(w, "latency", true);
    ys_json_end_object(w);
  }
  if (any) ys_json_end_object(w);
}

/* The judged performance targets, in the context too (the format has no
 * place for them): one object per target, with the JSON report's fields
 * (docs/json-schema.md, "targets"). */
static void gbench_targets(ys_json *w, const ys_target_table *t) {
  if (t == NULL || t->n == 0) return;
  ys_json_key(w, "yardstick_targets");
  ys_json_begin_array(w);
  for (size_t i = 0; i < t->n; i++) {
    const ys_target_result *r = &t->results[i];
    bool judged = r->status == YS_TARGET_PASS || r->status == YS_TARGET_MISS;
    ys_json_begin_object(w);
    ys_json_kv_string(w, "benchmark", t->specs[i].benchmark);
    ys_json_kv_string(w, "metric", t->specs[i].metric);
    ys_json_kv_double(w, "limit", r->limit);
    if (r->unit != NULL) ys_json_kv_string(w, "unit", r->unit);
    if (judged) {
      ys_json_kv_double(w, "judged", r->judged);
      ys_json_kv_double(w, "margin", r->margin);
    }
    ys_json_kv_string(w, "status", ys_target_status_name(r->status));
    ys_json_end_object(w);
  }
  ys_json_end_array(w);
}

/* Writes the document up to its open "benchmarks" array and returns the
 * writer, positioned for the first row. The context's members come from
 * its one description (context_fields.h), shared with the baseline file
 * and the JSON report; Google Benchmark's readers need only "caches" of
 * it. Without a context, the rows are written with nothing known. */
static ys_json gbench_begin(FILE *out, const ys_run_view *run) {
  const ys_context *ctx = run->ctx;
  static const ys_context unknown = {.mhz_per_cpu = NAN,
                                     .load_avg = {NAN, NAN, NAN}};
  ys_json w;
  ys_json_init(&w, out);
  ys_json_begin_object(&w);
  ys_json_key(&w, "context");
  ys_json_begin_object(&w);
  ys_context_write_json(&w, ctx != NULL ? ctx : &unknown, YS_FORMAT_GBENCH);
  ys_json_kv_int(&w, "json_schema_version", 1);
  gbench_settings(&w, run);
  gbench_targets(&w, run->targets);
  ys_json_end_object(&w);
  ys_json_key(&w, "benchmarks");
  ys_json_begin_array(&w);
  return w;
}

/* The value of series `s` for a row: the estimate of round `round` for an
 * iteration row (aggregate == NULL), else the named aggregate from the
 * analysis. NaN when there is none; the writer turns that into null. */
static double gbench_pick(const ys_series *s, const char *aggregate,
                          size_t round) {
  if (s == NULL) return NAN;
  const ys_analysis *a = &s->analysis;
  if (aggregate == NULL)
    return round < s->n_rounds ? s->rounds[round].estimate : NAN;
  if (strcmp(aggregate, "mean") == 0) return a->round_mean;
  if (strcmp(aggregate, "median") == 0) return a->round_median;
  if (strcmp(aggregate, "stddev") == 0) return a->round_std_dev;
  /* cv: Google Benchmark writes the ratio itself, e.g. 0.02 for 2 %. */
  return a->round_mean != 0 ? a->round_std_dev / a->round_mean : NAN;
}

/* The CPU time of a command of `bench exec`, which records it as two
 * series, user_time and system_time: their sum round by round, and the
 * aggregate over those sums as gbench_pick takes it of one series. NAN
 * when the two hold no rounds in common. */
static double gbench_pick_sum(const ys_series *user, const ys_series *system,
                              const char *aggregate, size_t round) {
  size_t n =
      user->n_rounds < system->n_rounds ? user->n_rounds : system->n_rounds;
  if (n == 0) return NAN;
  if (aggregate == NULL)
    return round < n
               ? user->rounds[round].estimate + system->rounds[round].estimate
               : NAN;
  double *sums = malloc(n * sizeof(*sums));
  if (sums == NULL) return NAN;
  for (size_t i = 0; i < n; i++)
    sums[i] = user->rounds[i].estimate + system->rounds[i].estimate;
  double mean = gsl_stats_mean(sums, 1, n);
  double sd = n > 1 ? gsl_stats_sd_m(sums, 1, n, mean) : 0;
  gsl_sort(sums, 1, n);
  double median = gsl_stats_median_from_sorted_data(sums, 1, n);
  free(sums);
  if (strcmp(aggregate, "mean") == 0) return mean;
  if (strcmp(aggregate, "median") == 0) return median;
  if (strcmp(aggregate, "stddev") == 0) return sd;
  return mean != 0 ? sd / mean : NAN;
}

/* Total iterations of round `round` of `s` (0 when there is no such round). */
static uint64_t gbench_round_iterations(const ys_series *s, size_t round) {
  if (s == NULL || round >= s->n_rounds) return 0;
  const ys_round *rd = &s->rounds[round];
  uint64_t total = 0;
  for (size_t j = rd->first_sample;
       j < rd->first_sample + rd->n_samples && j < s->n_samples; j++)
    total += s->samples[j].iterations;
  return total;
}

static bool gbench_is_reserved(const char *metric) {
  for (size_t i = 0; i < sizeof(ys_report_gbench_reserved) /
                             sizeof(ys_report_gbench_reserved[0]);
       i++)
    if (strcmp(metric, ys_report_gbench_reserved[i]) == 0) return true;
  return false;
}

/* Where a benchmark stands in Google Benchmark's families: the instances of
 * one BENCH_ARGS registration ("memcpy/64", "memcpy/4096") are one family,
 * numbered in the order written. */
typedef struct gbench_place {
  size_t family;
  size_t instance;
} gbench_place;

/* The keys every row starts with. */
static void gbench_row_head(ys_json *w, const ys_bench_result *res,
                            gbench_place at, const char *name,
                            const char *run_type, size_t repetitions) {
  ys_json_begin_object(w);
  ys_json_kv_string(w, "name", name);
  ys_json_kv_uint(w, "family_index", at.family);
  ys_json_kv_uint(w, "per_family_instance_index", at.instance);
  ys_json_kv_string(w, "run_name", res->name);
  ys_json_kv_string(w, "run_type", run_type);
  ys_json_kv_uint(w, "repetitions", repetitions);
}

/* A failed or skipped benchmark: one row with the reason, zero times, as
 * Google Benchmark writes a run that stopped before measuring. */
static void gbench_stopped(ys_json *w, const ys_bench_result *res,
                           gbench_place at) {
  bool failed = res->status == YS_BENCH_FAILED;
  gbench_row_head(w, res, at, res->name, "iteration", 1);
  ys_json_kv_uint(w, "repetition_index", 0);
  ys_json_kv_uint(w, "threads", 1);
  /* 1.8 added SkipWithMessage, written as skipped/skip_message; errors keep
   * the error_occurred/error_message pair older readers know. */
  ys_json_kv_bool(w, failed ? "error_occurred" : "skipped", true);
  ys_json_kv_string(w, failed ? "error_message" : "skip_message", res->message);
  ys_json_kv_uint(w, "iterations", 0);
  ys_json_kv_double(w, "real_time", 0);
  ys_json_kv_double(w, "cpu_time", 0);
  ys_json_kv_string(w, "time_unit", "ns");
  ys_json_end_object(w);
}

/* Writes "<name>_per_second" for `per_iteration` units processed in
 * `time_ns`, when both are known. */
static void gbench_rate(ys_json *w, const char *key, uint64_t per_iteration,
                        double time_ns) {
  if (per_iteration == 0 || !(time_ns > 0) || !isfinite(time_ns)) return;
  ys_json_kv_double(w, key, (double)per_iteration / (time_ns * 1e-9));
}

/* yardstick's verdict on the benchmark, and its change when both sides
 * were measured. */
static void gbench_comparison(ys_json *w, const ys_comparison *cmp) {
  ys_json_kv_string(w, "yardstick_verdict", ys_verdict_name(cmp->verdict));
  if (ys_units_verdict_has_change(cmp->verdict))
    ys_json_kv_double(w, "yardstick_change", cmp->change);
}

/* One row of an ok benchmark: round `round` when aggregate is NULL, else the
 * named aggregate. `cmp` (may be NULL) goes on the mean row. */
static void gbench_row(ys_json *w, const ys_bench_result *res, gbench_place at,
                       const char *aggregate, size_t round,
                       const ys_comparison *cmp) {
  const ys_series *time = res->n_series > 0 ? &res->series[0] : NULL;
  const ys_series *cpu = time, *user = NULL, *system = NULL;
  for (size_t i = 0; i < res->n_series; i++) {
    const char *metric = res->series[i].metric;
    if (metric == NULL) continue;
    if (strcmp(metric, "cpu_time") == 0) cpu = &res->series[i];
    if (strcmp(metric, "user_time") == 0) user = &res->series[i];
    if (strcmp(metric, "system_time") == 0) system = &res->series[i];
  }
  size_t repetitions = time != NULL ? time->n_rounds : 0;
  char name[YS_NAME_MAX + 16];

  if (aggregate == NULL) {
    gbench_row_head(w, res, at, res->name, "iteration", repetitions);
    ys_json_kv_uint(w, "repetition_index", round);
    ys_json_kv_uint(w, "threads", 1);
  } else {
    snprintf(name, sizeof(name), "%s_%s", res->name, aggregate);
    gbench_row_head(w, res, at, name, "aggregate", repetitions);
    ys_json_kv_uint(w, "threads", 1);
    ys_json_kv_string(w, "aggregate_name", aggregate);
    ys_json_kv_string(w, "aggregate_unit",
                      strcmp(aggregate, "cv") == 0 ? "percentage" : "time");
  }
  /* Aggregates carry one repetition's iteration count, as Google Benchmark
   * does; the first round stands for all of them. */
  ys_json_kv_uint(w, "iterations",
                  gbench_round_iterations(time, aggregate == NULL ? round : 0));
  double real_time = gbench_pick(time, aggregate, round);
  ys_json_kv_double(w, "real_time", real_time);
  /* A command's CPU time is its user plus system time, not its wall time
   * (which a series without either would stand in for). */
  ys_json_kv_double(w, "cpu_time",
                    cpu == time && user != NULL && system != NULL
                        ? gbench_pick_sum(user, system, aggregate, round)
                        : gbench_pick(cpu, aggregate, round));
  ys_json_kv_string(w, "time_unit", "ns");
  /* A primary metric that is not time (callgrind's instructions) stays in
   * real_time, so compare.py and dashboards compare it, and is also given
   * under its own name, which says what it is. */
  if (time != NULL && time->metric != NULL && time->kind != YS_METRIC_TIME &&
      !gbench_is_reserved(time->metric))
    ys_json_kv_double(w, time->metric, real_time);
  /* A rate derived from a spread (stddev, cv) would mean nothing. */
  if (aggregate == NULL || strcmp(aggregate, "mean") == 0 ||
      strcmp(aggregate, "median") == 0) {
    gbench_rate(w, "bytes_per_second", res->bytes_per_iteration, real_time);
    gbench_rate(w, "items_per_second", res->elements_per_iteration, real_time);
  }
  /* Other metrics (instructions, cycles, ...) become user counters. */
  for (size_t i = 1; i < res->n_series; i++) {
    const ys_series *s = &res->series[i];
    if (s == cpu || s->metric == NULL || gbench_is_reserved(s->metric))
      continue;
    ys_json_kv_double(w, s->metric, gbench_pick(s, aggregate, round));
  }
  if (cmp != NULL && aggregate != NULL && strcmp(aggregate, "mean") == 0)
    gbench_comparison(w, cmp);
  ys_json_end_object(w);
}

/* The rows of one benchmark, as family `at`. */
static void gbench_bench(ys_json *w, const ys_bench_result *res,
                         const ys_comparison *cmp, gbench_place at) {
  if (res->status != YS_BENCH_OK) {
    gbench_stopped(w, res, at);
    return;
  }
  size_t n_rounds = res->n_series > 0 ? res->series[0].n_rounds : 0;
  for (size_t i = 0; i < n_rounds; i++)
    gbench_row(w, res, at, NULL, i, NULL);
  for (size_t i = 0; i < sizeof(ys_report_gbench_aggregates) /
                             sizeof(ys_report_gbench_aggregates[0]);
       i++)
    gbench_row(w, res, at, ys_report_gbench_aggregates[i], 0, cmp);
}

/* True when entry i is written (a missing benchmark is not). */
static bool gbench_written(const ys_run_view *run, size_t i) {
  const ys_comparison *cmp = run->entries[i].cmp;
  return cmp == NULL || cmp->verdict != YS_VERDICT_MISSING;
}

/* The family of a result: its registration, or its own name when the
 * result does not say (a baseline written without it). */
static const char *family_of(const ys_bench_result *res) {
  return res->family[0] != '\0' ? res->family : res->name;
}

/* The families seen so far, in order of first appearance, and how many
 * instances of each were written. */
typedef struct gbench_families {
  const char **names;
  size_t *instances;
  size_t n;
} gbench_families;

/* The place of a result of `family` in *f, adding the family when new.
 * *f has room for every entry of the run. */
static gbench_place place_in(gbench_families *f, const char *family) {
  size_t k = 0;
  while (k < f->n && strcmp(f->names[k], family) != 0)
    k++;
  if (k == f->n) {
    f->names[f->n] = family;
    f->instances[f->n++] = 0;
  }
  return (gbench_place){.family = k, .instance = f->instances[k]++};
}

static int gbench_render(FILE *out, const ys_run_view *run,
                         const ys_report_style *style) {
  (void)style; /* nothing to style in JSON */
  ys_json w = gbench_begin(out, run);
  /* Family indices count the families written, so they stay dense when
   * a missing benchmark is left out. */
  gbench_families families = {
      .names = calloc(run->n + 1, sizeof(*families.names)),
      .instances = calloc(run->n + 1, sizeof(*families.instances))};
  if (families.names == NULL || families.instances == NULL) {
    free(families.names);
    free(families.instances);
    return YS_ENOMEM;
  }
  for (size_t i = 0; i < run->n; i++) {
    if (!gbench_written(run, i)) continue;
    const ys_bench_result *res = run->entries[i].res;
    gbench_bench(&w, res, run->entries[i].cmp,
                 place_in(&families, family_of(res)));
  }
  free(families.names);
  free(families.instances);
  /* The summary has no place in the format. */
  ys_json_end_array(&w);
  ys_json_end_object(&w);
  return ys_report_finish(out, ys_json_error(&w));
}

static const char *const ys_report_gbench_extensions[] = {".gbench.json", NULL};

const ys_report_ops ys_report_gbench = {
    .name = "gbench",
    .extensions = ys_report_gbench_extensions,
    .render = gbench_render,
};
