/*
 * json.c — yardstick's own JSON report: every estimate, interval, round and
 * sample, so other programs can redo or check any analysis. The schema is
 * documented field by field in docs/json-schema.md.
 *
 * One writer writes the whole document: the context, one element of
 * "benchmarks" per benchmark, then the baseline and the totals.
 *
 * Against a baseline, each benchmark carries a "comparison" object, and the
 * end adds the baseline's name and context and the count of each verdict.
 * A benchmark found only in the baseline is listed with status "missing"
 * and no series: its measurements belong to the baseline's report.
 */
#include <math.h>
#include <stddef.h>

#include "../analysis/derived.h"
#include "../analysis/latency.h"
#include "../core/context_fields.h"
#include "../core/json_writer.h"
#include "group_text.h"
#include "../core/policy.h"
#include "../gate/compare.h"
#include "report.h"
#include "units.h"

/* Version of the schema in docs/json-schema.md; bumped on incompatible
 * changes. */
#define YS_JSON_SCHEMA_VERSION 1

/* The context's members come from its one description (context_fields.h),
 * shared with the baseline file and the gbench report. */
static void json_context(ys_json *w, const ys_context *c) {
  ys_json_begin_object(w);
  ys_context_write_json(w, c, YS_FORMAT_JSON);
  ys_json_end_object(w);
}

/* Writes the document up to its open "benchmarks" array and returns the
 * writer, positioned for the first element. */
static ys_json json_begin(FILE *out, const ys_context *ctx) {
  ys_json w;
  ys_json_init(&w, out);
  ys_json_begin_object(&w);
  ys_json_kv_int(&w, "yardstick", YS_JSON_SCHEMA_VERSION);
  ys_json_key(&w, "context");
  if (ctx != NULL)
    json_context(&w, ctx);
  else
    ys_json_null(&w);
  ys_json_key(&w, "benchmarks");
  ys_json_begin_array(&w);
  return w;
}

static void json_estimate(ys_json *w, const char *key, const ys_estimate *e) {
  ys_json_key(w, key);
  ys_json_begin_object_inline(w);
  ys_json_kv_double(w, "point", e->point);
  ys_json_kv_double(w, "lo", e->lo);
  ys_json_kv_double(w, "hi", e->hi);
  ys_json_end_object(w);
}

static void json_outliers(ys_json *w, const ys_outliers *o) {
  ys_json_key(w, "outliers");
  ys_json_begin_object(w);
  ys_json_kv_uint(w, "low_severe", o->low_severe);
  ys_json_kv_uint(w, "low_mild", o->low_mild);
  ys_json_kv_uint(w, "normal", o->normal);
  ys_json_kv_uint(w, "high_mild", o->high_mild);
  ys_json_kv_uint(w, "high_severe", o->high_severe);
  ys_json_key(w, "fences");
  ys_json_begin_array_inline(w);
  for (size_t i = 0; i < 4; i++)
    ys_json_double(w, o->fences[i]);
  ys_json_end_array(w);
  ys_json_end_object(w);
}

static void json_rounds(ys_json *w, const ys_series *s) {
  ys_json_key(w, "rounds");
  ys_json_begin_array(w);
  for (size_t i = 0; i < s->n_rounds; i++) {
    const ys_round *round = &s->rounds[i];
    ys_json_begin_object(w);
    ys_json_kv_double(w, "estimate", round->estimate);
    ys_json_kv_bool(w, "linear", round->linear);
    ys_json_key(w, "samples");
    ys_json_begin_array(w);
    /* A round that claims samples beyond the array is cut at its end rather
     * than read out of bounds. */
    for (size_t j = round->first_sample;
         j < round->first_sample + round->n_samples && j < s->n_samples; j++) {
      ys_json_begin_array_inline(w);
      ys_json_uint(w, s->samples[j].iterations);
      ys_json_double(w, s->samples[j].value);
      ys_json_end_array(w);
    }
    ys_json_end_array(w);
    ys_json_end_object(w);
  }
  ys_json_end_array(w);
}

/* What a user counter's series is (docs/json-schema.md, `counter`). */
static void json_counter(ys_json *w, uint64_t counter) {
  const char *kind = (counter & YS_SERIES_COUNTER_RATE) ? "rate"
                     : (counter & YS_SERIES_COUNTER_PER_ITERATION)
                         ? "per_iteration"
                     : (counter & YS_SERIES_COUNTER_SUCCESS) ? "success"
                                                             : "total";
  ys_json_key(w, "counter");
  ys_json_begin_object(w);
  ys_json_kv_string(w, "kind", kind);
  ys_json_kv_bool(w, "gated", (counter & YS_SERIES_COUNTER_GATED) != 0);
  ys_json_kv_bool(w, "higher_is_better",
                  (counter & YS_SERIES_COUNTER_HIGHER) != 0);
  ys_json_end_object(w);
}

static void json_series(ys_json *w, const ys_series *s) {
  const ys_analysis *a = &s->analysis;
  ys_json_begin_object(w);
  ys_json_kv_string(w, "metric", s->metric);
  ys_json_kv_string(w, "unit", s->unit);
  ys_json_kv_string(w, "kind", ys_metric_kind_name(s->kind));
  ys_json_kv_bool(w, "exact", s->exact);
  if (s->counter & YS_SERIES_LATENCY)
    ys_json_kv_bool(w, "latency", true);
  else if (s->counter != 0)
    json_counter(w, s->counter);
  ys_json_key(w, "estimates");
  ys_json_begin_object(w);
  json_estimate(w, "mean", &a->mean);
  json_estimate(w, "median", &a->median);
  json_estimate(w, "std_dev", &a->std_dev);
  json_estimate(w, "mad", &a->mad);
  if (a->has_slope) json_estimate(w, "slope", &a->slope);
  ys_json_end_object(w);
  ys_json_kv_double(w, "r_squared", a->r_squared);
  ys_json_kv_double(w, "lag1_autocorrelation", a->lag1_autocorrelation);
  json_outliers(w, &a->outliers);
  ys_json_key(w, "round_summary");
  ys_json_begin_object(w);
  ys_json_kv_double(w, "min", a->round_min);
  ys_json_kv_double(w, "median", a->round_median);
  ys_json_kv_double(w, "max", a->round_max);
  ys_json_kv_double(w, "noisy_share", a->noisy_round_share);
  ys_json_end_object(w);
  ys_json_key(w, "warnings");
  ys_json_begin_array_inline(w);
  for (size_t i = 0; i < YS_WARN_COUNT; i++)
    if (a->warnings & ys_warnings[i].bit)
      ys_json_string(w, ys_warnings[i].name);
  ys_json_end_array(w);
  if (a->suggested_sample_size != 0)
    ys_json_kv_uint(w, "suggested_sample_size", a->suggested_sample_size);
  json_rounds(w, s);
  ys_json_end_object(w);
}

/* `v`, or null when `known` is false: a side without rounds has no
 * figures, whatever the struct holds. */
static void json_kv_known(ys_json *w, const char *key, bool known, double v) {
  if (known)
    ys_json_kv_double(w, key, v);
  else {
    ys_json_key(w, key);
    ys_json_null(w);
  }
}

/* The functions an exact count's change came from, when the gate named
 * any (docs/json-schema.md): left out otherwise. */
static void json_functions(ys_json *w, const ys_comparison *c) {
  if (c->n_functions == 0) return;
  ys_json_key(w, "functions");
  ys_json_begin_array(w);
  for (size_t i = 0; i < c->n_functions; i++) {
    const ys_function_change *f = &c->functions[i];
    ys_json_begin_object_inline(w);
    ys_json_kv_string(w, "name", f->name);
    ys_json_kv_double(w, "base_self", f->base_self);
    ys_json_kv_double(w, "new_self", f->new_self);
    ys_json_kv_double(w, "delta", f->delta);
    json_kv_known(w, "change", f->base_self > 0, f->change);
    ys_json_end_object(w);
  }
  ys_json_end_array(w);
}

/* Every metric compared, the primary first, each with its own verdict
 * and threshold (docs/json-schema.md): left out when the benchmark was
 * not compared on both sides. */
static void json_metrics(ys_json *w, const ys_comparison *c) {
  if (c->n_metrics == 0) return;
  ys_json_key(w, "metrics");
  ys_json_begin_array(w);
  for (size_t i = 0; i < c->n_metrics; i++) {
    const ys_metric_comparison *m = &c->metrics[i];
    bool compared = ys_units_verdict_has_change(m->verdict);
    ys_json_begin_object_inline(w);
    ys_json_kv_string(w, "metric", m->metric);
    ys_json_kv_string(w, "unit", m->unit);
    ys_json_kv_bool(w, "exact", m->exact);
    ys_json_kv_string(w, "verdict", ys_verdict_name(m->verdict));
    ys_json_kv_bool(w, "gated", m->gated);
    ys_json_kv_double(w, "threshold", m->threshold);
    ys_json_kv_bool(w, "higher_is_better", m->higher_is_better);
    json_kv_known(w, "base_estimate", compared, m->base_estimate);
    json_kv_known(w, "new_estimate", compared, m->new_estimate);
    json_kv_known(w, "change", compared, m->change);
    ys_json_key(w, "change_ci");
    if (compared && !m->exact) {
      ys_json_begin_object_inline(w);
      ys_json_kv_double(w, "lo", m->change_ci.lo);
      ys_json_kv_double(w, "hi", m->change_ci.hi);
      ys_json_end_object(w);
    } else {
      ys_json_null(w);
    }
    ys_json_end_object(w);
  }
  ys_json_end_array(w);
}

/* "noise_band": the spread of the baseline's history the change was judged
 * with (gate/band.h); null when no history was consulted or the metric is
 * exact. */
static void json_noise_band(ys_json *w, const ys_comparison *c) {
  ys_json_key(w, "noise_band");
  if (!c->band_checked || c->exact) {
    ys_json_null(w);
    return;
  }
  ys_json_begin_object_inline(w);
  json_kv_known(w, "width", isfinite(c->band), c->band);
  ys_json_kv_uint(w, "runs", c->band_runs);
  ys_json_kv_uint(w, "min_runs", YS_POLICY_BAND_MIN_RUNS);
  ys_json_end_object(w);
}

static void json_comparison(ys_json *w, const ys_comparison *c) {
  bool base = c->base_rounds > 0, now = c->new_rounds > 0;
  bool compared = ys_units_verdict_has_change(c->verdict);
  ys_json_key(w, "comparison");
  ys_json_begin_object(w);
  ys_json_kv_string(w, "verdict", ys_verdict_name(c->verdict));
  ys_json_key(w, "doubt");
  if (ys_doubt_name(c->doubt) != NULL)
    ys_json_string(w, ys_doubt_name(c->doubt));
  else
    ys_json_null(w);
  ys_json_key(w, "settle_rounds");
  if (c->verdict == YS_VERDICT_INCONCLUSIVE && c->settle_rounds > 0)
    ys_json_uint(w, c->settle_rounds);
  else
    ys_json_null(w);
  ys_json_kv_string(w, "metric", c->metric);
  ys_json_kv_string(w, "unit", c->unit);
  ys_json_kv_string(w, "kind", ys_metric_kind_name(c->kind));
  ys_json_kv_bool(w, "exact", c->exact);
  /* Names the statistic that sums up each side, so that a reader of the
   * file needs no documentation to know what was compared. */
  ys_json_kv_string(w, "statistic", "lower_quartile_of_rounds");
  json_kv_known(w, "base_estimate", base, c->base_estimate);
  json_kv_known(w, "new_estimate", now, c->new_estimate);
  json_kv_known(w, "base_median", base, c->base_median);
  json_kv_known(w, "new_median", now, c->new_median);
  json_kv_known(w, "change", compared, c->change);
  ys_json_key(w, "change_ci");
  if (compared && !c->exact) {
    ys_json_begin_object_inline(w);
    ys_json_kv_double(w, "lo", c->change_ci.lo);
    ys_json_kv_double(w, "hi", c->change_ci.hi);
    ys_json_end_object(w);
  } else {
    ys_json_null(w);
  }
  /* NaN (no test, as for counts) comes out as null. */
  json_kv_known(w, "p_value", compared, c->p_value);
  ys_json_kv_double(w, "threshold", c->threshold);
  json_noise_band(w, c);
  ys_json_kv_bool(w, "contended", c->contended);
  json_kv_known(w, "base_cpu_share", isfinite(c->base_cpu_share),
                c->base_cpu_share);
  json_kv_known(w, "new_cpu_share", isfinite(c->new_cpu_share),
                c->new_cpu_share);
  json_kv_known(w, "base_noise", base, c->base_noise);
  json_kv_known(w, "new_noise", now, c->new_noise);
  ys_json_kv_bool(w, "noisy", c->noisy);
  ys_json_kv_bool(w, "remeasured", c->remeasured);
  ys_json_kv_uint(w, "base_rounds", c->base_rounds);
  ys_json_kv_uint(w, "new_rounds", c->new_rounds);
  json_functions(w, c);
  json_metrics(w, c);
  ys_json_end_object(w);
}

/* A benchmark of the baseline that this run did not have. */
static void json_missing(ys_json *w, const ys_bench_result *res,
                         const ys_comparison *cmp) {
  ys_json_begin_object(w);
  ys_json_kv_string(w, "name", res->name);
  ys_json_kv_string(w, "status", "missing");
  ys_json_key(w, "series");
  ys_json_begin_array(w);
  ys_json_end_array(w);
  json_comparison(w, cmp);
  ys_json_end_object(w);
}

/* The derived ratios of a benchmark, when it has any. */
static void json_derived(ys_json *w, const ys_bench_result *res) {
  ys_derived d[YS_DERIVED_MAX];
  size_t n_derived = ys_derived_ratios(res, d);
  if (n_derived == 0) return;
  ys_json_key(w, "derived");
  ys_json_begin_object(w);
  for (size_t i = 0; i < n_derived; i++)
    ys_json_kv_double(w, d[i].name, d[i].value);
  ys_json_end_object(w);
}

/* "group" of a group member: its group, the instance it is compared with,
 * and the ratio to it when there is one. */
static void json_group(ys_json *w, const ys_bench_result *res) {
  if (res->group[0] == '\0') return;
  ys_json_key(w, "group");
  ys_json_begin_object(w);
  ys_json_kv_string(w, "name", res->group);
  ys_json_kv_string(w, "reference", res->group_reference);
  ys_json_kv_string(w, "ratio_status", ys_ratio_status_name(res->ratio.status));
  if (res->ratio.status == YS_RATIO_OK) {
    json_estimate(w, "ratio", &res->ratio.ratio);
    ys_json_kv_uint(w, "pairs", res->ratio.pairs);
  }
  ys_json_end_object(w);
}

/* The settings a benchmark ran with, when its definition gave its own
 * (docs/json-schema.md, "settings"): all of them, and which were its own. */
static void json_settings(ys_json *w, const ys_bench_settings *s) {
  if (s->own == 0) return;
  ys_json_key(w, "settings");
  ys_json_begin_object(w);
  ys_json_kv_double(w, "warm_up_time_s", s->warm_up_time_s);
  ys_json_kv_uint(w, "warm_up_iterations", s->warm_up_iterations);
  ys_json_kv_double(w, "measurement_time_s", s->measurement_time_s);
  ys_json_kv_uint(w, "rounds", s->rounds);
  ys_json_kv_uint(w, "sample_size", s->sample_size);
  ys_json_kv_bool(w, "latency", s->latency);
  static const struct {
    unsigned bit;
    const char *name;
  } names[] = {{YS_SETTING_WARM_UP_TIME, "warm_up_time_s"},
               {YS_SETTING_WARM_UP_ITERATIONS, "warm_up_iterations"},
               {YS_SETTING_MEASUREMENT_TIME, "measurement_time_s"},
               {YS_SETTING_ROUNDS, "rounds"},
               {YS_SETTING_SAMPLE_SIZE, "sample_size"},
               {YS_SETTING_LATENCY, "latency"}};
  ys_json_key(w, "own");
  ys_json_begin_array(w);
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
    if (s->own & names[i].bit) ys_json_string(w, names[i].name);
  ys_json_end_array(w);
  ys_json_end_object(w);
}

/* The judged performance targets (docs/json-schema.md, "targets"). */
static void json_targets(ys_json *w, const ys_target_table *t) {
  if (t == NULL) return;
  ys_json_key(w, "targets");
  ys_json_begin_array(w);
  for (size_t i = 0; i < t->n; i++) {
    const ys_target_spec *s = &t->specs[i];
    const ys_target_result *r = &t->results[i];
    bool judged = r->status == YS_TARGET_PASS || r->status == YS_TARGET_MISS;
    ys_json_begin_object(w);
    ys_json_kv_string(w, "benchmark", s->benchmark);
    ys_json_kv_string(w, "metric", s->metric);
    ys_json_kv_string(w, "source", s->source);
    ys_json_kv_string(w, "status", ys_target_status_name(r->status));
    if (r->unit != NULL) {
      ys_json_kv_string(w, "unit", r->unit);
      ys_json_kv_double(w, s->at_least ? "min" : "max", r->limit);
    }
    if (judged) {
      ys_json_kv_bool(w, "exact", r->exact);
      json_estimate(w, "measured", &r->measured);
      ys_json_kv_double(w, "judged", r->judged);
      ys_json_kv_double(w, "margin", r->margin);
    }
    ys_json_end_object(w);
  }
  ys_json_end_array(w);
}

/* One element of "benchmarks". */
/* Latency mode, when it was asked for (docs/json-schema.md, "latency"):
 * the percentiles over every kept iteration time with their intervals,
 * or why it was refused. */
static void json_latency(ys_json *w, const ys_latency *l) {
  if (l->status == YS_LATENCY_OFF) return;
  ys_json_key(w, "latency");
  ys_json_begin_object(w);
  bool on = l->status == YS_LATENCY_ON;
  ys_json_kv_string(w, "status", on ? "on" : "refused");
  if (!on) ys_json_kv_string(w, "message", l->why);
  ys_json_kv_double(w, "clock_ns", l->clock_ns);
  ys_json_kv_double(w, "probe_median_ns", l->probe_median_ns);
  if (on) {
    ys_json_kv_uint(w, "timed", l->timed);
    ys_json_kv_uint(w, "kept", l->kept);
    ys_json_key(w, "percentiles");
    ys_json_begin_array(w);
    for (size_t q = 0; q < YS_LATENCY_QUANTILES && l->kept > 0; q++) {
      ys_json_begin_object(w);
      ys_json_kv_string(w, "name", ys_latency_label[q]);
      ys_json_kv_double(w, "probability", ys_latency_probability[q]);
      ys_json_kv_bool(w, "shown", l->has_pct[q]);
      ys_json_kv_uint(w, "min_samples",
                      ys_latency_min_samples(ys_latency_probability[q]));
      ys_json_kv_uint(w, "short_rounds", l->short_rounds[q]);
      if (l->has_pct[q]) json_estimate(w, "estimate_ns", &l->pct[q]);
      ys_json_end_object(w);
    }
    ys_json_end_array(w);
    if (l->kept > 0) ys_json_kv_double(w, "max_ns", l->max);
  }
  ys_json_end_object(w);
}

/* A `bench exec` command's text and shell mode (docs/json-schema.md);
 * nothing for a BENCH body. */
static void json_exec_command(ys_json *w, const ys_bench_result *res) {
  if (res->command == NULL) return;
  ys_json_kv_string(w, "command", res->command);
  ys_json_kv_string(w, "shell", res->shell);
}

static void json_bench(ys_json *w, const ys_bench_result *res,
                       const ys_comparison *cmp, const ys_bench_result *base) {
  if (cmp != NULL && cmp->verdict == YS_VERDICT_MISSING) {
    json_missing(w, res, cmp);
    return;
  }
  ys_json_begin_object(w);
  ys_json_kv_string(w, "name", res->name);
  ys_json_kv_string(w, "status", ys_bench_status_name(res->status));
  if (res->status != YS_BENCH_OK) ys_json_kv_string(w, "message", res->message);
  if (res->bytes_per_iteration != 0)
    ys_json_kv_uint(w, "bytes_per_iteration", res->bytes_per_iteration);
  if (res->elements_per_iteration != 0)
    ys_json_kv_uint(w, "elements_per_iteration", res->elements_per_iteration);
  ys_json_kv_uint(w, "total_iterations", res->total_iterations);
  ys_json_kv_double(w, "elapsed_s", res->elapsed_s);
  json_exec_command(w, res);
  ys_json_key(w, "series");
  ys_json_begin_array(w);
  for (size_t i = 0; i < res->n_series; i++)
    json_series(w, &res->series[i]);
  ys_json_end_array(w);
  json_derived(w, res);
  json_group(w, res);
  json_settings(w, &res->settings);
  json_latency(w, &res->latency);
  if (cmp != NULL) json_comparison(w, cmp);
  /* The baseline's side had other own settings: the comparison mixes
   * them (docs/json-schema.md, "settings_differ"). */
  if (cmp != NULL && base != NULL &&
      ys_compare_settings_differ(&base->settings, &res->settings))
    ys_json_kv_bool(w, "settings_differ", true);
  ys_json_end_object(w);
}

/* One family's complexity (docs/json-schema.md, "complexity"). */
static void json_complexity(ys_json *w, const ys_complexity_fit *f) {
  ys_json_begin_object(w);
  ys_json_kv_string(w, "family", f->family);
  ys_json_kv_string(w, "unit", f->unit);
  ys_json_kv_uint(w, "points", f->n_points);
  /* Present only when some were: older readers see nothing new. */
  if (f->n_left_out > 0) ys_json_kv_uint(w, "sizes_left_out", f->n_left_out);
  ys_json_kv_int(w, "n_min", (int64_t)f->n_min);
  ys_json_kv_int(w, "n_max", (int64_t)f->n_max);
  ys_json_kv_bool(w, "fitted", f->fitted);
  if (f->fitted) {
    ys_json_kv_string(w, "best", ys_complexity_fit_name(f, f->best));
    ys_json_kv_double(w, "coefficient", f->coefficient);
    ys_json_kv_double(w, "rms", f->rms);
    ys_json_kv_string(w, "runner_up", ys_complexity_fit_name(f, f->runner_up));
    ys_json_kv_double(w, "runner_up_rms", f->runner_up_rms);
    ys_json_kv_bool(w, "indistinguishable", f->indistinguishable);
    ys_json_kv_double(w, "exponent", f->exponent);
    ys_json_kv_double(w, "exponent_r_squared", f->exponent_r_squared);
  }
  ys_json_end_object(w);
}

/* Closes "benchmarks", then writes the families' complexity, the baseline
 * (when compared) and the totals, and closes the document. */
static void json_end(ys_json *w, const ys_run_view *run) {
  const ys_summary *sum = run->summary;
  ys_json_end_array(w);
  ys_json_key(w, "complexity");
  ys_json_begin_array(w);
  for (size_t i = 0; i < run->n_complexity; i++)
    json_complexity(w, &run->complexity[i]);
  ys_json_end_array(w);
  json_targets(w, run->targets);
  if (sum->compared) {
    ys_json_key(w, "baseline");
    ys_json_begin_object(w);
    ys_json_kv_string(w, "name", sum->baseline_name);
    ys_json_key(w, "context");
    if (sum->baseline_ctx != NULL)
      json_context(w, sum->baseline_ctx);
    else
      ys_json_null(w);
    ys_json_end_object(w);
  }
  ys_json_key(w, "summary");
  ys_json_begin_object(w);
  ys_json_kv_uint(w, "ok", sum->n_ok);
  ys_json_kv_uint(w, "skipped", sum->n_skipped);
  ys_json_kv_uint(w, "failed", sum->n_failed);
  ys_json_kv_double(w, "elapsed_s", sum->elapsed_s);
  /* Only in a report of a stopped run, which a reader must not take for
   * a whole one. */
  if (sum->interrupted_by != NULL)
    ys_json_kv_string(w, "interrupted_by", sum->interrupted_by);
  if (run->targets != NULL)
    ys_json_kv_uint(w, "targets_missed", sum->n_targets_missed);
  /* Always present, so that a consumer can tell "compared with nothing
   * because there was no baseline yet" from "not asked to compare". */
  ys_json_key(w, "missing_baseline");
  if (sum->missing_baseline != NULL)
    ys_json_string(w, sum->missing_baseline);
  else
    ys_json_null(w);
  if (sum->compared) {
    ys_json_key(w, "verdicts");
    ys_json_begin_object(w);
    for (int v = 0; v < YS_VERDICT_COUNT; v++)
      ys_json_kv_uint(w, ys_verdict_name((ys_verdict)v), sum->n_verdicts[v]);
    ys_json_end_object(w);
  }
  ys_json_end_object(w);
  ys_json_end_object(w);
}

static int json_render(FILE *out, const ys_run_view *run,
                       const ys_report_style *style) {
  (void)style; /* nothing to style in JSON */
  ys_json w = json_begin(out, run->ctx);
  for (size_t i = 0; i < run->n; i++)
    json_bench(&w, run->entries[i].res, run->entries[i].cmp,
               run->bases != NULL ? run->bases[i] : NULL);
  json_end(&w, run);
  return ys_report_finish(out, ys_json_error(&w));
}

static const char *const ys_report_json_extensions[] = {".json", NULL};

const ys_report_ops ys_report_json = {
    .name = "json",
    .extensions = ys_report_json_extensions,
    .render = json_render,
};
