/*
 * schema.c — the baseline schema of docs/baselines.md as field tables, and
 * the one writer and one reader that walk them.
 *
 * Each table row says a key, its type, where the value lives (offsetof),
 * whether it is required, nullable or left out when unknown. Generic rows
 * (numbers, strings, nested mappings, fixed lists) need no code of their
 * own; the few fields whose file form differs from their struct form (the
 * benchmark and series lists, the three per-round lists joined into
 * ys_round, the samples as pairs, warnings as names, enums as words) have
 * a small pair of handlers referenced from their row.
 */
#include "schema.h"
#include "latency_schema.h"
#include "schema_version.h"
#include "settings_schema.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/policy.h"
#include "store.h"
#include "table_io.h"

/* ------------------------------------------------------------------------ */
/* Handlers of custom rows                                                   */

/* The three per-round lists, read apart and joined into ys_round at the end
 * of the series. */
typedef struct schema_list {
  void *items;
  size_t n;
  size_t cap;
  size_t line; /* where it starts, for messages */
} schema_list;

enum { SCHEMA_ROUNDS, SCHEMA_ROUND_LINEAR, SCHEMA_ROUND_SAMPLES };

/* What a read carries down the tables. */
typedef struct schema_loading {
  ys__document *doc;
  schema_list *rounds; /* [3], of the series being read */
} schema_loading;

/* An element of a list read by a list handler. */
typedef struct schema_item {
  const ys_field *f;
  void *base;
  schema_loading *ld;
  schema_list *list; /* per-round lists and samples */
} schema_item;

static int schema_bench_item(ys__yaml_reader *r, void *data, size_t i) {
  schema_item *it = data;
  ys__document *doc = it->ld->doc;
  (void)i;
  if (doc->run.n_benches >= YS__SCHEMA_MAX_BENCHES)
    return ys__yaml_fail(r, ys__yaml_line(r),
                         "more than %u benchmarks: too large for a baseline",
                         YS__SCHEMA_MAX_BENCHES);
  size_t cap = doc->bench_cap;
  int rc = ys__yaml_grow(r, (void **)&doc->run.benches, &doc->bench_cap,
                         doc->run.n_benches, sizeof(*doc->run.benches));
  if (rc != 0) return rc;
  if (doc->bench_cap != cap) {
    size_t *lines =
        realloc(doc->bench_lines, doc->bench_cap * sizeof(*doc->bench_lines));
    if (lines == NULL) return ys__yaml_no_memory(r);
    doc->bench_lines = lines;
  }
  doc->bench_lines[doc->run.n_benches] = ys__yaml_line(r);
  /* Counted before it is filled, so the cleanup frees whatever it got. */
  ys_bench_result *res = &doc->run.benches[doc->run.n_benches++];
  memset(res, 0, sizeof(*res));
  return ys__table_read_map(r, &ys__schema_bench_table, res, it->ld, it->f->key,
                            "each entry of '%s' must be a mapping");
}

static int schema_read_benches(ys__yaml_reader *r, const ys_field *f,
                               void *base, void *state) {
  schema_item it = {.f = f, .base = base, .ld = state};
  size_t n;
  return ys__yaml_read_seq(r, f->key, "mappings", false, schema_bench_item, &it,
                           &n);
}

static void schema_write_benches(ys__yaml_writer *w, const ys_field *f,
                                 const void *base) {
  const ys_run_result *run = ys_field_at_const(base, f);
  ys__yaml_plain(w, f->key);
  ys__yaml_seq_begin(w, false);
  for (size_t i = 0; i < run->n_benches; i++)
    ys__table_write_map(w, &ys__schema_bench_table, &run->benches[i]);
  ys__yaml_seq_end(w);
}

/* Joins the per-round lists into s->rounds after checking they agree with
 * each other and with the samples. */
static int schema_join_rounds(ys__yaml_reader *r, const schema_list *rl,
                              ys_series *s) {
  size_t n = rl[SCHEMA_ROUNDS].n;
  if (rl[SCHEMA_ROUND_LINEAR].n != n)
    return ys__yaml_fail(r, rl[SCHEMA_ROUND_LINEAR].line,
                         "'round_linear' has %zu entries but 'rounds' has %zu",
                         rl[SCHEMA_ROUND_LINEAR].n, n);
  if (rl[SCHEMA_ROUND_SAMPLES].n != n)
    return ys__yaml_fail(r, rl[SCHEMA_ROUND_SAMPLES].line,
                         "'round_samples' has %zu entries but 'rounds' has %zu",
                         rl[SCHEMA_ROUND_SAMPLES].n, n);
  const size_t *sizes = rl[SCHEMA_ROUND_SAMPLES].items;
  size_t total = 0;
  for (size_t i = 0; i < n; i++) {
    /* Each size is at most the item bound, so the sum cannot overflow
     * before it exceeds the sample count. */
    total += sizes[i];
    if (total > s->n_samples) break;
  }
  if (total != s->n_samples)
    return ys__yaml_fail(r, rl[SCHEMA_ROUND_SAMPLES].line,
                         "'round_samples' do not add up to the %zu samples",
                         s->n_samples);
  if (n == 0) return 0;
  if ((s->rounds = calloc(n, sizeof(*s->rounds))) == NULL)
    return ys__yaml_no_memory(r);
  s->n_rounds = n;
  const double *estimates = rl[SCHEMA_ROUNDS].items;
  const bool *linear = rl[SCHEMA_ROUND_LINEAR].items;
  size_t first = 0;
  for (size_t i = 0; i < n; i++) {
    s->rounds[i] = (ys_round){.first_sample = first,
                              .n_samples = sizes[i],
                              .linear = linear[i],
                              .estimate = estimates[i]};
    first += sizes[i];
  }
  return 0;
}

static int schema_series_item(ys__yaml_reader *r, void *data, size_t i) {
  schema_item *it = data;
  ys_bench_result *res = it->base;
  (void)i;
  if (++it->ld->doc->n_series > YS__SCHEMA_MAX_SERIES)
    return ys__yaml_fail(r, ys__yaml_line(r),
                         "more than %u series: too large for a baseline",
                         YS__SCHEMA_MAX_SERIES);
  int rc = ys__yaml_grow(r, (void **)&res->series, &it->list->cap,
                         res->n_series, sizeof(*res->series));
  if (rc != 0) return rc;
  /* Counted before it is filled, so the cleanup frees whatever it got. */
  ys_series *s = &res->series[res->n_series++];
  memset(s, 0, sizeof(*s));
  schema_list rounds[3] = {{0}};
  schema_loading ld = {.doc = it->ld->doc, .rounds = rounds};
  rc = ys__table_read_map(r, &ys__schema_series_table, s, &ld, it->f->key,
                          "each entry of '%s' must be a mapping");
  if (rc == 0) rc = schema_join_rounds(r, rounds, s);
  for (size_t k = 0; k < 3; k++)
    free(rounds[k].items);
  return rc;
}

static int schema_read_series(ys__yaml_reader *r, const ys_field *f, void *base,
                              void *state) {
  schema_list cap = {0};
  schema_item it = {.f = f, .base = base, .ld = state, .list = &cap};
  size_t n;
  return ys__yaml_read_seq(r, f->key, "mappings", false, schema_series_item,
                           &it, &n);
}

static void schema_write_series(ys__yaml_writer *w, const ys_field *f,
                                const void *base) {
  const ys_bench_result *res = base;
  ys__yaml_plain(w, f->key);
  ys__yaml_seq_begin(w, false);
  for (size_t m = 0; m < res->n_series; m++)
    ys__table_write_map(w, &ys__schema_series_table, &res->series[m]);
  ys__yaml_seq_end(w);
}

/* A status is read as its word; anything past the last is written as
 * failed. */
static int schema_read_status(ys__yaml_reader *r, const ys_field *f, void *base,
                              void *state) {
  (void)state;
  ys_bench_status *out = ys_field_at(base, f);
  for (size_t i = 0; i <= YS_BENCH_FAILED; i++)
    if (ys__yaml_is(r, ys_bench_status_name((ys_bench_status)i))) {
      *out = (ys_bench_status)i;
      return 0;
    }
  return ys__yaml_fail(r, ys__yaml_line(r),
                       "'status' must be ok, skipped or failed");
}

static ys_bench_status schema_status_of(const ys_bench_result *res) {
  return (unsigned)res->status <= YS_BENCH_FAILED ? res->status
                                                  : YS_BENCH_FAILED;
}

static void schema_write_status(ys__yaml_writer *w, const ys_field *f,
                                const void *base) {
  ys__yaml_plain(w, f->key);
  ys__yaml_plain(w, ys_bench_status_name(schema_status_of(base)));
}

/* The message says why a benchmark did not run: written only then. */
static int schema_read_message(ys__yaml_reader *r, const ys_field *f,
                               void *base, void *state) {
  (void)state;
  return ys__yaml_read_text(r, f->key, ys_field_at(base, f), f->size, false);
}

static void schema_write_message(ys__yaml_writer *w, const ys_field *f,
                                 const void *base) {
  if (schema_status_of(base) == YS_BENCH_OK) return;
  ys__yaml_plain(w, f->key);
  ys__yaml_string(w, ys_field_at_const(base, f));
}

static int schema_read_kind(ys__yaml_reader *r, const ys_field *f, void *base,
                            void *state) {
  (void)state;
  char word[16];
  int rc = ys__yaml_read_text(r, f->key, word, sizeof(word), true);
  if (rc == 0 && !ys_metric_kind_parse(word, ys_field_at(base, f)))
    rc = ys__yaml_fail(r, ys__yaml_line(r), "'kind' must be 'time' or 'count'");
  return rc;
}

static void schema_write_kind(ys__yaml_writer *w, const ys_field *f,
                              const void *base) {
  ys__yaml_plain(w, f->key);
  ys__yaml_string(w, ys_metric_kind_name(
                         *(const ys_metric_kind *)ys_field_at_const(base, f)));
}

/* "benchmark 'NAME': " for the benchmark being read when its name came
 * before the current key (as a save writes it), else "": messages about
 * a value the comparison uses say whose it is. Static storage. */
static const char *schema_bench_label(const ys__document *doc) {
  static char label[YS_NAME_MAX + 16];
  label[0] = '\0';
  if (doc->run.n_benches > 0) {
    const char *name = doc->run.benches[doc->run.n_benches - 1].name;
    if (name[0] != '\0')
      snprintf(label, sizeof(label), "benchmark '%s': ", name);
  }
  return label;
}

/* One element of a per-round list, by part. */
static int schema_round_item(ys__yaml_reader *r, void *data, size_t i) {
  schema_item *it = data;
  static const size_t sizes[] = {sizeof(double), sizeof(bool), sizeof(size_t)};
  int part = ((const ys__table_custom *)it->f->custom)->part;
  const char *key = it->f->key;
  int rc = ys__yaml_grow(r, &it->list->items, &it->list->cap, i, sizes[part]);
  if (rc != 0) return rc;
  it->list->n = i + 1;
  uint64_t count;
  switch (part) {
  case SCHEMA_ROUNDS:
    rc = ys__yaml_scan_double(r, (double *)it->list->items + i);
    if (rc == YS__NUM_OK) return 0;
    if (rc == YS__NUM_NONFINITE || rc == YS__NUM_NULL)
      return ys__yaml_fail(r, ys__yaml_line(r),
                           "%s'%s' item %zu must be a finite number",
                           schema_bench_label(it->ld->doc), key, i + 1);
    return ys__yaml_fail(r, ys__yaml_line(r), "'%s' must be a list of numbers",
                         key);
  case SCHEMA_ROUND_LINEAR:
    if (ys__yaml_read_bool(r, key, (bool *)it->list->items + i) != 0)
      return ys__yaml_fail(r, ys__yaml_line(r),
                           "'%s' must be a list of true or false", key);
    return 0;
  default:
    if (ys__yaml_scan_uint(r, &count) != YS__NUM_OK || count > SIZE_MAX)
      return ys__yaml_fail(r, ys__yaml_line(r),
                           "'%s' must be a list of non-negative integers", key);
    ((size_t *)it->list->items)[i] = (size_t)count;
    return 0;
  }
}

static int schema_read_round_list(ys__yaml_reader *r, const ys_field *f,
                                  void *base, void *state) {
  static const char *const what[] = {"numbers", "true or false",
                                     "non-negative integers"};
  int part = ((const ys__table_custom *)f->custom)->part;
  schema_loading *ld = state;
  schema_list *list = &ld->rounds[part];
  list->line = ys__yaml_line(r);
  schema_item it = {.f = f, .base = base, .ld = ld, .list = list};
  size_t n;
  return ys__yaml_read_seq(r, f->key, what[part], true, schema_round_item, &it,
                           &n);
}

static void schema_write_round_list(ys__yaml_writer *w, const ys_field *f,
                                    const void *base) {
  const ys_series *s = base;
  int part = ((const ys__table_custom *)f->custom)->part;
  ys__yaml_plain(w, f->key);
  ys__yaml_seq_begin(w, true);
  for (size_t i = 0; i < s->n_rounds; i++) {
    const ys_round *round = &s->rounds[i];
    if (part == SCHEMA_ROUNDS)
      ys__yaml_double(w, round->estimate);
    else if (part == SCHEMA_ROUND_LINEAR)
      ys__yaml_bool(w, round->linear);
    else
      ys__yaml_uint(w, round->n_samples);
  }
  ys__yaml_seq_end(w);
}

/* A sample is a flow pair [iterations, value]. */
static int schema_sample_item(ys__yaml_reader *r, void *data, size_t i) {
  schema_item *it = data;
  ys_series *s = it->base;
  const char *key = it->f->key;
  int rc = ys__yaml_grow(r, (void **)&s->samples, &it->list->cap, i,
                         sizeof(*s->samples));
  if (rc != 0) return rc;
  s->n_samples = i + 1;
  ys_sample *sample = &s->samples[i];
  if (r->ev.type != YAML_SEQUENCE_START_EVENT) goto not_pairs;
  if ((rc = ys__yaml_next(r)) != 0) return rc;
  if (ys__yaml_scan_uint(r, &sample->iterations) != YS__NUM_OK)
    return ys__yaml_fail(r, ys__yaml_line(r),
                         "'%s' item %zu: iterations must be a positive "
                         "integer",
                         key, i + 1);
  if (sample->iterations == 0)
    return ys__yaml_fail(r, ys__yaml_line(r), "'%s' item %zu has 0 iterations",
                         key, i + 1);
  if ((rc = ys__yaml_next(r)) != 0) return rc;
  int kind = ys__yaml_scan_double(r, &sample->value);
  if (kind == YS__NUM_NONFINITE || kind == YS__NUM_NULL)
    return ys__yaml_fail(r, ys__yaml_line(r),
                         "'%s' item %zu: value must be a finite number", key,
                         i + 1);
  if (kind != YS__NUM_OK) goto not_pairs;
  if ((rc = ys__yaml_next(r)) != 0) return rc;
  if (r->ev.type != YAML_SEQUENCE_END_EVENT) goto not_pairs;
  return 0;
not_pairs:
  return ys__yaml_fail(r, ys__yaml_line(r),
                       "'%s' must be a list of [iterations, value] pairs", key);
}

static int schema_read_samples(ys__yaml_reader *r, const ys_field *f,
                               void *base, void *state) {
  schema_list cap = {0};
  schema_item it = {.f = f, .base = base, .ld = state, .list = &cap};
  ys_series *s = base;
  s->n_samples = 0;
  size_t n;
  return ys__yaml_read_seq(r, f->key, "[iterations, value] pairs", true,
                           schema_sample_item, &it, &n);
}

static void schema_write_samples(ys__yaml_writer *w, const ys_field *f,
                                 const void *base) {
  const ys_series *s = base;
  ys__yaml_plain(w, f->key);
  ys__yaml_seq_begin(w, true);
  for (size_t j = 0; j < s->n_samples; j++) {
    ys__yaml_seq_begin(w, true);
    ys__yaml_uint(w, s->samples[j].iterations);
    ys__yaml_double(w, s->samples[j].value);
    ys__yaml_seq_end(w);
  }
  ys__yaml_seq_end(w);
}

/* Warning names this version does not know are ignored: a later minor
 * version may add diagnostics. */
static int schema_warning_item(ys__yaml_reader *r, void *data, size_t i) {
  unsigned *bits = data;
  (void)i;
  if (r->ev.type != YAML_SCALAR_EVENT)
    return ys__yaml_fail(r, ys__yaml_line(r),
                         "'warnings' must be a list of names");
  for (size_t k = 0; k < YS_WARN_COUNT; k++)
    if (ys__yaml_is(r, ys_warnings[k].name)) *bits |= ys_warnings[k].bit;
  return 0;
}

static int schema_read_warnings(ys__yaml_reader *r, const ys_field *f,
                                void *base, void *state) {
  (void)state;
  unsigned *bits = ys_field_at(base, f);
  *bits = 0;
  size_t n;
  return ys__yaml_read_seq(r, f->key, "names", true, schema_warning_item, bits,
                           &n);
}

static void schema_write_warnings(ys__yaml_writer *w, const ys_field *f,
                                  const void *base) {
  unsigned bits = *(const unsigned *)ys_field_at_const(base, f);
  if (bits == 0) return;
  ys__yaml_plain(w, f->key);
  ys__yaml_seq_begin(w, true);
  for (size_t i = 0; i < YS_WARN_COUNT; i++)
    if (bits & ys_warnings[i].bit) ys__yaml_plain(w, ys_warnings[i].name);
  ys__yaml_seq_end(w);
}

/* Function costs (callgrind): a list of flow mappings, at most
 * YS_POLICY_FUNCTIONS_MAX, each with a non-empty name. */
static int schema_function_item(ys__yaml_reader *r, void *data, size_t i) {
  schema_item *it = data;
  ys_bench_result *res = it->base;
  if (i >= YS_POLICY_FUNCTIONS_MAX)
    return ys__yaml_fail(r, ys__yaml_line(r),
                         "more than %d functions in one benchmark",
                         YS_POLICY_FUNCTIONS_MAX);
  int rc = ys__yaml_grow(r, (void **)&res->functions, &it->list->cap,
                         res->n_functions, sizeof(*res->functions));
  if (rc != 0) return rc;
  /* Counted before it is filled, so the cleanup frees whatever it got. */
  ys_function_cost *fc = &res->functions[res->n_functions++];
  memset(fc, 0, sizeof(*fc));
  size_t line = ys__yaml_line(r);
  rc = ys__table_read_map(r, &ys__schema_function_table, fc, it->ld, it->f->key,
                          "each entry of '%s' must be a mapping");
  if (rc == 0 && (fc->name == NULL || fc->name[0] == '\0'))
    return ys__yaml_fail(r, line, "a function's 'name' must not be empty");
  return rc;
}

static int schema_read_functions(ys__yaml_reader *r, const ys_field *f,
                                 void *base, void *state) {
  schema_list cap = {0};
  schema_item it = {.f = f, .base = base, .ld = state, .list = &cap};
  size_t n;
  return ys__yaml_read_seq(r, f->key, "mappings", true, schema_function_item,
                           &it, &n);
}

/* Written only when the benchmark has function costs (callgrind). */
static void schema_write_functions(ys__yaml_writer *w, const ys_field *f,
                                   const void *base) {
  const ys_bench_result *res = base;
  if (res->n_functions == 0) return;
  ys__yaml_plain(w, f->key);
  ys__yaml_seq_begin(w, false);
  for (size_t i = 0; i < res->n_functions; i++)
    ys__table_write_map(w, &ys__schema_function_table, &res->functions[i]);
  ys__yaml_seq_end(w);
}

/* The complexity of the families (docs/baselines.md, "complexity"): a
 * list of flow mappings, at most one per benchmark. Written only when the
 * run has some, so a run without BENCH_ARGS families saves what it always
 * did; an older file without the list loads with none. */
static int schema_complexity_item(ys__yaml_reader *r, void *data, size_t i) {
  schema_item *it = data;
  ys_run_result *run = it->base;
  (void)i;
  if (run->n_complexity >= YS__SCHEMA_MAX_BENCHES)
    return ys__yaml_fail(r, ys__yaml_line(r),
                         "more than %u complexity fits: too large for a "
                         "baseline",
                         YS__SCHEMA_MAX_BENCHES);
  int rc = ys__yaml_grow(r, (void **)&run->complexity, &it->list->cap,
                         run->n_complexity, sizeof(*run->complexity));
  if (rc != 0) return rc;
  ys_complexity_fit *fit = &run->complexity[run->n_complexity++];
  memset(fit, 0, sizeof(*fit));
  size_t line = ys__yaml_line(r);
  rc = ys__table_read_map(r, &ys__schema_complexity_table, fit, it->ld,
                          it->f->key, "each entry of '%s' must be a mapping");
  if (rc == 0 && fit->family[0] == '\0')
    return ys__yaml_fail(r, line,
                         "a complexity fit's 'family' must not be "
                         "empty");
  return rc;
}

static int schema_read_complexity(ys__yaml_reader *r, const ys_field *f,
                                  void *base, void *state) {
  schema_list cap = {0};
  schema_item it = {
      .f = f, .base = ys_field_at(base, f), .ld = state, .list = &cap};
  size_t n;
  return ys__yaml_read_seq(r, f->key, "mappings", true, schema_complexity_item,
                           &it, &n);
}

static void schema_write_complexity(ys__yaml_writer *w, const ys_field *f,
                                    const void *base) {
  const ys_run_result *run = ys_field_at_const(base, f);
  if (run->n_complexity == 0) return;
  ys__yaml_plain(w, f->key);
  ys__yaml_seq_begin(w, false);
  for (size_t i = 0; i < run->n_complexity; i++)
    ys__table_write_map(w, &ys__schema_complexity_table, &run->complexity[i]);
  ys__yaml_seq_end(w);
}

/* A complexity class by its name ("n log n"); written only for a fit. */
static int schema_read_class(ys__yaml_reader *r, const ys_field *f, void *base,
                             void *state) {
  (void)state;
  char word[16];
  int rc = ys__yaml_read_text(r, f->key, word, sizeof(word), true);
  if (rc == 0 && !ys_complexity_parse(word, ys_field_at(base, f)))
    rc = ys__yaml_fail(r, ys__yaml_line(r),
                       "'%s' must be one of '1', 'log n', 'n', 'n log n', "
                       "'n^2', 'n^3' or 'user' (the family's 'function')",
                       f->key);
  return rc;
}

static void schema_write_class(ys__yaml_writer *w, const ys_field *f,
                               const void *base) {
  const ys_complexity_fit *fit = base;
  if (!fit->fitted) return;
  ys__yaml_plain(w, f->key);
  ys__yaml_string(
      w, ys_complexity_name(
             *(const ys_complexity_class *)ys_field_at_const(base, f)));
}

#define SCHEMA_CUSTOM(name, part)                                              \
  static const ys__table_custom schema_##name = {schema_read_##name,           \
                                                 schema_write_##name, part}
SCHEMA_CUSTOM(benches, 0);
SCHEMA_CUSTOM(series, 0);
SCHEMA_CUSTOM(status, 0);
SCHEMA_CUSTOM(message, 0);
SCHEMA_CUSTOM(kind, 0);
SCHEMA_CUSTOM(samples, 0);
SCHEMA_CUSTOM(warnings, 0);
SCHEMA_CUSTOM(functions, 0);
SCHEMA_CUSTOM(complexity, 0);
SCHEMA_CUSTOM(class, 0);
static const ys__table_custom schema_rounds = {
    schema_read_round_list, schema_write_round_list, SCHEMA_ROUNDS};
static const ys__table_custom schema_round_linear = {
    schema_read_round_list, schema_write_round_list, SCHEMA_ROUND_LINEAR};
static const ys__table_custom schema_round_samples = {
    schema_read_round_list, schema_write_round_list, SCHEMA_ROUND_SAMPLES};

/* ------------------------------------------------------------------------ */
/* The tables (docs/baselines.md, "Schema, version 2")                       */

/* A row for member `m` of struct `s`, in the baseline file only. */
#define SCHEMA_ROW(s, m, k, t, fl)                                             \
  {                                                                            \
    .key = k, .type = t, .offset = offsetof(s, m),                             \
    .size = sizeof(((s *)0)->m), .flags = fl, .formats = YS_FORMAT_YAML        \
  }
/* A row handled by schema_<h>. */
#define SCHEMA_HANDLED(s, m, k, fl, h)                                         \
  {                                                                            \
    .key = k, .type = YS_FIELD_CUSTOM, .offset = offsetof(s, m),               \
    .size = sizeof(((s *)0)->m), .flags = fl, .formats = YS_FORMAT_YAML,       \
    .custom = &schema_##h                                                      \
  }
/* A row holding a nested mapping described by `table`. */
#define SCHEMA_NESTED(s, m, k, table)                                          \
  {                                                                            \
    .key = k, .type = YS_FIELD_MAP, .offset = offsetof(s, m),                  \
    .formats = YS_FORMAT_YAML, .sub = &table                                   \
  }
#define SCHEMA_TABLE(rows, type, ...)                                          \
  {                                                                            \
    .fields = rows, .n_fields = sizeof(rows) / sizeof(rows[0]),                \
    .size = sizeof(type), __VA_ARGS__                                          \
  }

#define NULLABLE YS_FIELD_NULLABLE
#define OPTIONAL YS_FIELD_OPTIONAL
#define REQUIRED YS_FIELD_REQUIRED

static const ys_field schema_estimate_rows[] = {
    SCHEMA_ROW(ys_estimate, point, "point", YS_FIELD_DOUBLE, NULLABLE),
    SCHEMA_ROW(ys_estimate, lo, "lo", YS_FIELD_DOUBLE, NULLABLE),
    SCHEMA_ROW(ys_estimate, hi, "hi", YS_FIELD_DOUBLE, NULLABLE),
};
const ys_table ys__schema_estimate_table =
    SCHEMA_TABLE(schema_estimate_rows, ys_estimate, .flow = true,
                 .shape = "'%s' must be a mapping of point, lo and hi");

static const ys_field schema_estimates_rows[] = {
    SCHEMA_NESTED(ys_analysis, slope, "slope", ys__schema_estimate_table),
    SCHEMA_NESTED(ys_analysis, mean, "mean", ys__schema_estimate_table),
    SCHEMA_NESTED(ys_analysis, median, "median", ys__schema_estimate_table),
    SCHEMA_NESTED(ys_analysis, mad, "mad", ys__schema_estimate_table),
    SCHEMA_NESTED(ys_analysis, std_dev, "std_dev", ys__schema_estimate_table),
};
const ys_table ys__schema_estimates_table =
    SCHEMA_TABLE(schema_estimates_rows, ys_analysis);

static const ys_field schema_outliers_rows[] = {
    SCHEMA_ROW(ys_outliers, low_severe, "low_severe", YS_FIELD_SIZE, 0),
    SCHEMA_ROW(ys_outliers, low_mild, "low_mild", YS_FIELD_SIZE, 0),
    SCHEMA_ROW(ys_outliers, normal, "normal", YS_FIELD_SIZE, 0),
    SCHEMA_ROW(ys_outliers, high_mild, "high_mild", YS_FIELD_SIZE, 0),
    SCHEMA_ROW(ys_outliers, high_severe, "high_severe", YS_FIELD_SIZE, 0),
    SCHEMA_ROW(ys_outliers, fences, "fences", YS_FIELD_DOUBLES, NULLABLE),
};
const ys_table ys__schema_outliers_table =
    SCHEMA_TABLE(schema_outliers_rows, ys_outliers);

/* The analysis is flattened into the series' mapping. The round summary
 * feeds the comparison, so "not computed" (null) is refused there. */
#define SERIES_ROW(m, k, t, fl) SCHEMA_ROW(ys_series, m, k, t, fl)
static const ys_field schema_series_rows[] = {
    SERIES_ROW(metric, "metric", YS_FIELD_STRING, REQUIRED),
    SERIES_ROW(unit, "unit", YS_FIELD_STRING, REQUIRED),
    SCHEMA_HANDLED(ys_series, kind, "kind", REQUIRED, kind),
    SERIES_ROW(exact, "exact", YS_FIELD_BOOL, REQUIRED),
    SERIES_ROW(counter, "counter", YS_FIELD_UINT64, OPTIONAL),
    SCHEMA_HANDLED(ys_series, rounds, "rounds", 0, rounds),
    SCHEMA_HANDLED(ys_series, rounds, "round_linear", 0, round_linear),
    SCHEMA_HANDLED(ys_series, rounds, "round_samples", 0, round_samples),
    SCHEMA_HANDLED(ys_series, samples, "samples", 0, samples),
    SCHEMA_NESTED(ys_series, analysis, "estimates", ys__schema_estimates_table),
    SERIES_ROW(analysis.has_slope, "has_slope", YS_FIELD_BOOL, 0),
    SERIES_ROW(analysis.r_squared, "r_squared", YS_FIELD_DOUBLE, NULLABLE),
    SERIES_ROW(analysis.lag1_autocorrelation, "lag1_autocorrelation",
               YS_FIELD_DOUBLE, NULLABLE),
    SCHEMA_NESTED(ys_series, analysis.outliers, "outliers",
                  ys__schema_outliers_table),
    SERIES_ROW(analysis.round_min, "round_min", YS_FIELD_DOUBLE, 0),
    SERIES_ROW(analysis.round_median, "round_median", YS_FIELD_DOUBLE, 0),
    SERIES_ROW(analysis.round_max, "round_max", YS_FIELD_DOUBLE, 0),
    SERIES_ROW(analysis.round_mean, "round_mean", YS_FIELD_DOUBLE, 0),
    SERIES_ROW(analysis.round_std_dev, "round_std_dev", YS_FIELD_DOUBLE, 0),
    SERIES_ROW(analysis.noisy_round_share, "noisy_round_share", YS_FIELD_DOUBLE,
               0),
    SCHEMA_HANDLED(ys_series, analysis.warnings, "warnings", 0, warnings),
    SERIES_ROW(analysis.suggested_sample_size, "suggested_sample_size",
               YS_FIELD_SIZE, OPTIONAL),
};
const ys_table ys__schema_series_table =
    SCHEMA_TABLE(schema_series_rows, ys_series,
                 .missing = "a series needs a 'metric', a 'unit', a 'kind' "
                            "and 'exact'");

#define FUNCTION_ROW(m, fl)                                                    \
  SCHEMA_ROW(ys_function_cost, m, #m, YS_FIELD_UINT64, fl)
static const ys_field schema_function_rows[] = {
    SCHEMA_ROW(ys_function_cost, name, "name", YS_FIELD_STRING, REQUIRED),
    FUNCTION_ROW(self, REQUIRED),
    FUNCTION_ROW(inclusive, REQUIRED),
    FUNCTION_ROW(self_l1_misses, OPTIONAL),
    FUNCTION_ROW(inclusive_l1_misses, OPTIONAL),
    FUNCTION_ROW(self_ll_misses, OPTIONAL),
    FUNCTION_ROW(inclusive_ll_misses, OPTIONAL),
};
const ys_table ys__schema_function_table = SCHEMA_TABLE(
    schema_function_rows, ys_function_cost, .flow = true,
    .missing = "a function needs a 'name', 'self' and 'inclusive'");

#define FIT_ROW(m, t, fl) SCHEMA_ROW(ys_complexity_fit, m, #m, t, fl)
static const ys_field schema_complexity_rows[] = {
    FIT_ROW(family, YS_FIELD_TEXT, REQUIRED | YS_FIELD_STRICT),
    FIT_ROW(unit, YS_FIELD_TEXT, 0),
    SCHEMA_ROW(ys_complexity_fit, n_points, "points", YS_FIELD_SIZE, 0),
    SCHEMA_ROW(ys_complexity_fit, n_left_out, "sizes_left_out", YS_FIELD_SIZE,
               OPTIONAL),
    FIT_ROW(n_min, YS_FIELD_LONG, 0),
    FIT_ROW(n_max, YS_FIELD_LONG, 0),
    FIT_ROW(fitted, YS_FIELD_BOOL, 0),
    SCHEMA_HANDLED(ys_complexity_fit, best, "best", 0, class),
    FIT_ROW(coefficient, YS_FIELD_DOUBLE, NULLABLE),
    FIT_ROW(rms, YS_FIELD_DOUBLE, NULLABLE),
    SCHEMA_HANDLED(ys_complexity_fit, runner_up, "runner_up", 0, class),
    FIT_ROW(runner_up_rms, YS_FIELD_DOUBLE, NULLABLE),
    FIT_ROW(indistinguishable, YS_FIELD_BOOL, 0),
    FIT_ROW(exponent, YS_FIELD_DOUBLE, NULLABLE),
    FIT_ROW(exponent_r_squared, YS_FIELD_DOUBLE, NULLABLE),
    /* The family's own function (YS_COMPLEXITY), left out without one. */
    SCHEMA_ROW(ys_complexity_fit, user_name, "function", YS_FIELD_TEXT,
               OPTIONAL),
    SCHEMA_ROW(ys_complexity_fit, user_coefficient, "function_coefficient",
               YS_FIELD_DOUBLE, NULLABLE | OPTIONAL),
    SCHEMA_ROW(ys_complexity_fit, user_rms, "function_rms", YS_FIELD_DOUBLE,
               NULLABLE | OPTIONAL),
    SCHEMA_ROW(ys_complexity_fit, user_exponent, "function_exponent",
               YS_FIELD_DOUBLE, NULLABLE | OPTIONAL),
};
const ys_table ys__schema_complexity_table =
    SCHEMA_TABLE(schema_complexity_rows, ys_complexity_fit, .flow = true,
                 .missing = "a complexity fit needs a 'family'");

#define BENCH_ROW(m, k, t, fl) SCHEMA_ROW(ys_bench_result, m, k, t, fl)
static const ys_field schema_bench_rows[] = {
    BENCH_ROW(name, "name", YS_FIELD_TEXT, REQUIRED | YS_FIELD_STRICT),
    BENCH_ROW(family, "family", YS_FIELD_TEXT,
              YS_FIELD_OPTIONAL | YS_FIELD_STRICT),
    /* Groups: left out for a benchmark in none, so files without groups
     * read and write as before. */
    BENCH_ROW(group, "group", YS_FIELD_TEXT,
              YS_FIELD_OPTIONAL | YS_FIELD_STRICT),
    BENCH_ROW(group_reference, "group_reference", YS_FIELD_TEXT,
              YS_FIELD_OPTIONAL | YS_FIELD_STRICT),
    SCHEMA_HANDLED(ys_bench_result, status, "status", 0, status),
    SCHEMA_HANDLED(ys_bench_result, message, "message", 0, message),
    BENCH_ROW(bytes_per_iteration, "bytes_per_iteration", YS_FIELD_UINT64,
              OPTIONAL),
    BENCH_ROW(elements_per_iteration, "elements_per_iteration", YS_FIELD_UINT64,
              OPTIONAL),
    BENCH_ROW(total_iterations, "total_iterations", YS_FIELD_UINT64, 0),
    BENCH_ROW(elapsed_s, "elapsed_s", YS_FIELD_DOUBLE, 0),
    SCHEMA_HANDLED(ys_bench_result, series, "series", 0, series),
    /* A `bench exec` command: what ran and how; left out for a BENCH. */
    BENCH_ROW(command, "command", YS_FIELD_STRING, OPTIONAL),
    BENCH_ROW(shell, "shell", YS_FIELD_TEXT, OPTIONAL | YS_FIELD_STRICT),
    SCHEMA_HANDLED(ys_bench_result, functions, "functions", OPTIONAL,
                   functions),
    {.key = "latency",
     .type = YS_FIELD_CUSTOM,
     .offset = offsetof(ys_bench_result, latency),
     .size = sizeof(ys_latency),
     .flags = OPTIONAL,
     .formats = YS_FORMAT_YAML,
     .custom = &ys__schema_latency},
    /* The benchmark's own settings: left out without, as before them. */
    {.key = "settings",
     .type = YS_FIELD_CUSTOM,
     .offset = offsetof(ys_bench_result, settings),
     .size = sizeof(ys_bench_settings),
     .flags = OPTIONAL,
     .formats = YS_FORMAT_YAML,
     .custom = &ys__schema_settings},
};
const ys_table ys__schema_bench_table =
    SCHEMA_TABLE(schema_bench_rows, ys_bench_result,
                 .missing = "a benchmark needs a 'name'");

static const ys_field schema_document_rows[] = {
    {.key = "yardstick",
     .type = YS_FIELD_CUSTOM,
     .flags = REQUIRED,
     .formats = YS_FORMAT_YAML,
     .custom = &ys__schema_version},
    SCHEMA_ROW(ys__document, name, "name", YS_FIELD_STRING, 0),
    SCHEMA_ROW(ys__document, created, "created", YS_FIELD_STRING, 0),
    {.key = "context",
     .type = YS_FIELD_MAP,
     .offset = offsetof(ys__document, ctx),
     .formats = YS_FORMAT_YAML,
     .sub = &ys_context_table},
    SCHEMA_HANDLED(ys__document, run, "benchmarks", REQUIRED, benches),
    SCHEMA_HANDLED(ys__document, run, "complexity", OPTIONAL, complexity),
};
const ys_table ys__schema_document_table = SCHEMA_TABLE(
    schema_document_rows, ys__document, .missing = "no 'benchmarks' list");

void ys__schema_write_document(ys__yaml_writer *w, const void *data) {
  ys__table_write_map(w, &ys__schema_document_table, data);
}

int ys__schema_read_document(ys__yaml_reader *r, void *data) {
  schema_loading ld = {.doc = data};
  int rc = ys__schema_open_document(r);
  if (rc == 0)
    rc = ys__table_read_map(r, &ys__schema_document_table, data, &ld, "", "%s");
  if (rc == 0) rc = ys__yaml_next(r);
  if (rc != 0) return rc;
  return ys__yaml_expect_end(r);
}
