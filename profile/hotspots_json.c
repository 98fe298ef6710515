/*
 * hotspots_json.c — the hotspots JSON document (hotspots_json.h).
 */
#include "hotspots_json.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "../core/error.h"
#include "../core/json_writer.h"

/* Shares are percentages rounded to 0.01, as a reader compares them; the
 * counts beside them are exact. */
static double rounded_pct(uint64_t part, uint64_t whole) {
  return round(ys_hotspots_pct(part, whole) * 100.0) / 100.0;
}

static bool instructions(const ys_profile_facts *facts) {
  return facts->unit != NULL &&
         strcmp(facts->unit, YS_PROFILE_UNIT_INSTRUCTIONS) == 0;
}

/* The rest of a callgrind profile's document: its total, windows, their
 * iterations and functions, each with its cache misses when they were
 * simulated. */
static int write_instructions(ys_json *w, const ys_hotspots *h,
                              const ys_profile_facts *facts, FILE *out) {
  ys_json_kv_string(w, "unit", YS_PROFILE_UNIT_INSTRUCTIONS);
  ys_json_kv_uint(w, "instructions", h->samples);
  ys_json_kv_uint(w, "windows", facts->windows);
  ys_json_kv_uint(w, "iterations", facts->iterations);
  ys_json_kv_bool(w, "cache_misses", h->has_misses);
  ys_json_key(w, "functions");
  ys_json_begin_array(w);
  for (size_t i = 0; i < h->n; i++) {
    const ys_hot_fn *f = &h->fns[i];
    ys_json_begin_object_inline(w);
    ys_json_kv_string(w, "name", f->name);
    ys_json_kv_uint(w, "self", f->self);
    ys_json_kv_double(w, "self_pct", rounded_pct(f->self, h->samples));
    ys_json_kv_uint(w, "total", f->total);
    ys_json_kv_double(w, "total_pct", rounded_pct(f->total, h->samples));
    if (h->has_misses) {
      ys_json_kv_uint(w, "l1_misses_self", f->l1_self);
      ys_json_kv_uint(w, "ll_misses_self", f->ll_self);
      ys_json_kv_uint(w, "l1_misses_total", f->l1_total);
      ys_json_kv_uint(w, "ll_misses_total", f->ll_total);
    }
    ys_json_end_object(w);
  }
  ys_json_end_array(w);
  ys_json_end_object(w);
  if (fputc('\n', out) == EOF) return YS_EIO;
  return ys_json_error(w);
}

int ys_hotspots_json_write(const ys_hotspots *h, const ys_profile_facts *facts,
                           FILE *out) {
  ys_json w;
  ys_json_init(&w, out);
  ys_json_begin_object(&w);
  ys_json_kv_string(&w, "schema", YS_HOTSPOTS_SCHEMA);
  ys_json_kv_string(&w, "benchmark", facts->benchmark);
  if (instructions(facts)) return write_instructions(&w, h, facts, out);
  ys_json_kv_string(&w, "unit", YS_PROFILE_UNIT_SAMPLES);
  ys_json_kv_uint(&w, "samples_recorded", facts->tally.samples);
  ys_json_kv_uint(&w, "samples", h->samples);
  ys_json_kv_uint(&w, "samples_outside_windows",
                  ys_sample_tally_outside(&facts->tally));
  ys_json_kv_uint(&w, "samples_without_benchmark", facts->tally.no_bench);
  ys_json_kv_uint(&w, "samples_at_window_edges", facts->tally.at_edges);
  ys_json_kv_double(&w, "sampled_seconds", facts->sampled_s);
  ys_json_kv_double(&w, "sampled_cpu_seconds", facts->sampled_cpu_s);
  ys_json_kv_uint(&w, "windows", facts->windows);
  ys_json_key(&w, "functions");
  ys_json_begin_array(&w);
  for (size_t i = 0; i < h->n; i++) {
    const ys_hot_fn *f = &h->fns[i];
    ys_json_begin_object_inline(&w);
    ys_json_kv_string(&w, "name", f->name);
    ys_json_kv_uint(&w, "self", f->self);
    ys_json_kv_double(&w, "self_pct", rounded_pct(f->self, h->samples));
    ys_json_kv_uint(&w, "total", f->total);
    ys_json_kv_double(&w, "total_pct", rounded_pct(f->total, h->samples));
    ys_json_end_object(&w);
  }
  ys_json_end_array(&w);
  ys_json_end_object(&w);
  if (fputc('\n', out) == EOF) return YS_EIO;
  return ys_json_error(&w);
}
