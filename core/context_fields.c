/* context_fields.c — the context's one description; see context_fields.h. */
#include "context_fields.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "../include/yardstick.h"

/* Every format carries these. */
#define YS__ALL (YS_FORMAT_YAML | YS_FORMAT_JSON | YS_FORMAT_GBENCH)
/* Google Benchmark has no such field: yardstick's own formats only. */
#define YS__OWN (YS_FORMAT_YAML | YS_FORMAT_JSON)

/* A row for member `m` of struct `s`. */
#define YS__ROW(s, m, k, t, fl, fo)                                            \
  {                                                                            \
    .key = k, .type = t, .offset = offsetof(s, m),                             \
    .size = sizeof(((s *)0)->m), .flags = fl, .formats = fo                    \
  }

static const ys_field context_cache_rows[] = {
    YS__ROW(ys_cache_info, type, "type", YS_FIELD_TEXT, 0, YS__ALL),
    YS__ROW(ys_cache_info, level, "level", YS_FIELD_INT, 0, YS__ALL),
    YS__ROW(ys_cache_info, size, "size", YS_FIELD_LONG, 0, YS__ALL),
    YS__ROW(ys_cache_info, num_sharing, "num_sharing", YS_FIELD_INT, 0,
            YS__ALL),
};

const ys_table ys_cache_table = {
    .fields = context_cache_rows,
    .n_fields = sizeof(context_cache_rows) / sizeof(context_cache_rows[0]),
    .size = sizeof(ys_cache_info),
    .flow = true,
};

static const ys_field context_finding_rows[] = {
    YS__ROW(ys_machine_finding, level, "level", YS_FIELD_TEXT, 0, YS__OWN),
    YS__ROW(ys_machine_finding, check, "check", YS_FIELD_TEXT, 0, YS__OWN),
    YS__ROW(ys_machine_finding, text, "finding", YS_FIELD_TEXT, 0, YS__OWN),
    YS__ROW(ys_machine_finding, fix, "fix", YS_FIELD_TEXT, YS_FIELD_OPTIONAL,
            YS__OWN),
};

const ys_table ys_machine_finding_table = {
    .fields = context_finding_rows,
    .n_fields = sizeof(context_finding_rows) / sizeof(context_finding_rows[0]),
    .size = sizeof(ys_machine_finding),
    .flow = true,
};

#define YS__CTX(m, k, t, fl, fo) YS__ROW(ys_context, m, k, t, fl, fo)

/* The order is the order written. docs/baselines.md and docs/json-schema.md
 * document each row. */
static const ys_field context_rows[] = {
    YS__CTX(date, "date", YS_FIELD_TEXT, 0, YS__ALL),
    YS__CTX(host_name, "host_name", YS_FIELD_TEXT, 0, YS__ALL),
    YS__CTX(executable, "executable", YS_FIELD_TEXT, 0, YS__ALL),
    YS__CTX(cpu_model, "cpu_model", YS_FIELD_TEXT, 0, YS__OWN),
    YS__CTX(num_cpus, "num_cpus", YS_FIELD_INT, 0, YS__ALL),
    YS__CTX(mhz_per_cpu, "mhz_per_cpu", YS_FIELD_DOUBLE,
            YS_FIELD_NULLABLE | YS_FIELD_GB_WHOLE, YS__ALL),
    YS__CTX(cpu_scaling_enabled, "cpu_scaling_enabled", YS_FIELD_BOOL, 0,
            YS__ALL),
    YS__CTX(aslr_enabled, "aslr_enabled", YS_FIELD_BOOL, 0, YS__ALL),
    YS__CTX(load_avg, "load_avg", YS_FIELD_DOUBLES, YS_FIELD_NULLABLE, YS__ALL),
    {.key = "caches",
     .type = YS_FIELD_LIST,
     .offset = offsetof(ys_context, caches),
     .size = YS_MAX_CACHES,
     .formats = YS__ALL,
     .sub = &ys_cache_table,
     .count_offset = offsetof(ys_context, n_caches)},
    YS__CTX(compiler, "compiler", YS_FIELD_STRING, YS_FIELD_OPTIONAL, YS__OWN),
    YS__CTX(build_type, "library_build_type", YS_FIELD_STRING,
            YS_FIELD_OPTIONAL, YS__ALL),
    YS__CTX(library_version, "library_version", YS_FIELD_STRING,
            YS_FIELD_OPTIONAL | YS_FIELD_GB_NAMED, YS__ALL),
    YS__CTX(collector, "collector", YS_FIELD_STRING, YS_FIELD_OPTIONAL,
            YS__OWN),
    YS__CTX(git_commit, "git_commit", YS_FIELD_TEXT, YS_FIELD_OPTIONAL,
            YS__OWN),
    YS__CTX(clock_resolution_ns, "clock_resolution_ns", YS_FIELD_DOUBLE,
            YS_FIELD_NULLABLE, YS__OWN),
    YS__CTX(loop_overhead_ns, "loop_overhead_ns", YS_FIELD_DOUBLE,
            YS_FIELD_NULLABLE, YS__OWN),
    YS__CTX(seed, "seed", YS_FIELD_UINT64, 0, YS__OWN),
    YS__CTX(rounds, "rounds", YS_FIELD_SIZE, 0, YS__OWN),
    YS__CTX(sample_size, "sample_size", YS_FIELD_SIZE, 0, YS__OWN),
    YS__CTX(runs, "runs", YS_FIELD_SIZE, YS_FIELD_OPTIONAL, YS__OWN),
    YS__CTX(warm_up_time_s, "warm_up_time_s", YS_FIELD_DOUBLE, 0, YS__OWN),
    YS__CTX(measurement_time_s, "measurement_time_s", YS_FIELD_DOUBLE, 0,
            YS__OWN),
    YS__CTX(max_rss_bytes, "max_rss_bytes", YS_FIELD_UINT64, YS_FIELD_OPTIONAL,
            YS__OWN),
    YS__CTX(pinned_cpu, "pinned_cpu", YS_FIELD_TEXT, YS_FIELD_OPTIONAL,
            YS__OWN),
    /* Baselines only: what `bench merge` checks its inputs by. */
    YS__CTX(shard, "shard", YS_FIELD_TEXT, YS_FIELD_OPTIONAL, YS_FORMAT_YAML),
    {.key = "machine_findings",
     .type = YS_FIELD_LIST,
     .offset = offsetof(ys_context, machine_findings),
     .size = YS_MAX_MACHINE_FINDINGS,
     .formats = YS__OWN,
     .sub = &ys_machine_finding_table,
     .count_offset = offsetof(ys_context, n_machine_findings)},
};

const ys_table ys_context_table = {
    .fields = context_rows,
    .n_fields = sizeof(context_rows) / sizeof(context_rows[0]),
    .size = sizeof(ys_context),
};

/* The text of a TEXT or STRING row; NULL for a NULL string. */
static const char *context_field_text(const void *base, const ys_field *f) {
  if (f->type == YS_FIELD_TEXT) return ys_field_at_const(base, f);
  return *(const char *const *)ys_field_at_const(base, f);
}

static void context_write_table(ys_json *w, const ys_table *t, const void *base,
                                unsigned format);

/* Writes the value of one text row. */
static void context_write_text(ys_json *w, const ys_field *f, const char *s,
                               unsigned format) {
  bool unknown = s == NULL || ((f->flags & YS_FIELD_OPTIONAL) && s[0] == '\0');
  if (format == YS_FORMAT_GBENCH && (f->flags & YS_FIELD_GB_NAMED)) {
    char named[160];
    snprintf(named, sizeof(named), "yardstick %s",
             unknown ? YS_VERSION_STRING : s);
    ys_json_string(w, named);
  } else if (unknown) {
    ys_json_null(w);
  } else {
    ys_json_string(w, s);
  }
}

/* Writes the value of row `f` of the struct at `base`. */
static void context_write_value(ys_json *w, const ys_field *f, const void *base,
                                unsigned format) {
  const void *at = ys_field_at_const(base, f);
  switch (f->type) {
  case YS_FIELD_TEXT:
  case YS_FIELD_STRING:
    context_write_text(w, f, context_field_text(base, f), format);
    break;
  case YS_FIELD_INT:
    ys_json_int(w, *(const int *)at);
    break;
  case YS_FIELD_LONG:
    ys_json_int(w, *(const long *)at);
    break;
  case YS_FIELD_UINT64:
    ys_json_uint(w, *(const uint64_t *)at);
    break;
  case YS_FIELD_SIZE:
    ys_json_uint(w, *(const size_t *)at);
    break;
  case YS_FIELD_DOUBLE: {
    double v = *(const double *)at;
    if (format == YS_FORMAT_GBENCH && (f->flags & YS_FIELD_GB_WHOLE))
      ys_json_int(w, isfinite(v) ? llround(v) : 0);
    else
      ys_json_double(w, v);
    break;
  }
  case YS_FIELD_BOOL:
    ys_json_bool(w, *(const bool *)at);
    break;
  case YS_FIELD_DOUBLES:
    ys_json_begin_array_inline(w);
    for (size_t i = 0; i < f->size / sizeof(double); i++)
      ys_json_double(w, ((const double *)at)[i]);
    ys_json_end_array(w);
    break;
  case YS_FIELD_MAP:
    ys_json_begin_object(w);
    context_write_table(w, f->sub, at, format);
    ys_json_end_object(w);
    break;
  case YS_FIELD_LIST: {
    size_t n = *(const size_t *)((const char *)base + f->count_offset);
    ys_json_begin_array(w);
    for (size_t i = 0; i < n && i < f->size; i++) {
      if (f->sub->flow && format != YS_FORMAT_GBENCH)
        ys_json_begin_object_inline(w);
      else
        ys_json_begin_object(w);
      context_write_table(w, f->sub, (const char *)at + i * f->sub->size,
                          format);
      ys_json_end_object(w);
    }
    ys_json_end_array(w);
    break;
  }
  case YS_FIELD_CUSTOM:
    ys_json_null(w); /* no context row is custom */
    break;
  }
}

static void context_write_table(ys_json *w, const ys_table *t, const void *base,
                                unsigned format) {
  for (size_t i = 0; i < t->n_fields; i++) {
    const ys_field *f = &t->fields[i];
    if (!(f->formats & format)) continue;
    ys_json_key(w, f->key);
    context_write_value(w, f, base, format);
  }
}

void ys_context_write_json(ys_json *w, const ys_context *ctx, unsigned format) {
  context_write_table(w, &ys_context_table, ctx, format);
}
