/* table_io.c — field tables written and read as YAML; see table_io.h. */
#include "table_io.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "values.h"

/* An element of a list row being read. */
typedef struct table_item {
  const ys_field *f;
  void *base;
  void *state;
} table_item;

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */

/* Whether an OPTIONAL row's value is unknown, so left out. */
static bool table_is_unknown(const ys_field *f, const void *base) {
  const void *at = ys_field_at_const(base, f);
  switch (f->type) {
  case YS_FIELD_TEXT:
    return ((const char *)at)[0] == '\0';
  case YS_FIELD_STRING:
    return *(const char *const *)at == NULL ||
           (*(const char *const *)at)[0] == '\0';
  case YS_FIELD_UINT64:
    return *(const uint64_t *)at == 0;
  case YS_FIELD_SIZE:
    return *(const size_t *)at == 0;
  case YS_FIELD_DOUBLE:
    /* Not computed (NaN), or never set in a zeroed struct. */
    return isnan(*(const double *)at) || *(const double *)at == 0.0;
  default:
    return false;
  }
}

/* Counts that the struct keeps signed are never negative in a file. */
static uint64_t table_non_negative(long long v) {
  return v < 0 ? 0 : (uint64_t)v;
}

static void table_write_value(ys__yaml_writer *w, const ys_field *f,
                              const void *base) {
  const void *at = ys_field_at_const(base, f);
  switch (f->type) {
  case YS_FIELD_TEXT:
    ys__yaml_string(w, at);
    break;
  case YS_FIELD_STRING:
    ys__yaml_string(w, *(const char *const *)at);
    break;
  case YS_FIELD_INT:
    ys__yaml_uint(w, table_non_negative(*(const int *)at));
    break;
  case YS_FIELD_LONG:
    ys__yaml_uint(w, table_non_negative(*(const long *)at));
    break;
  case YS_FIELD_UINT64:
    ys__yaml_uint(w, *(const uint64_t *)at);
    break;
  case YS_FIELD_SIZE:
    ys__yaml_uint(w, *(const size_t *)at);
    break;
  case YS_FIELD_DOUBLE:
    ys__yaml_double(w, *(const double *)at);
    break;
  case YS_FIELD_BOOL:
    ys__yaml_bool(w, *(const bool *)at);
    break;
  case YS_FIELD_DOUBLES:
    ys__yaml_seq_begin(w, true);
    for (size_t i = 0; i < f->size / sizeof(double); i++)
      ys__yaml_double(w, ((const double *)at)[i]);
    ys__yaml_seq_end(w);
    break;
  case YS_FIELD_MAP:
    ys__table_write_map(w, f->sub, at);
    break;
  case YS_FIELD_LIST: {
    size_t n = *(const size_t *)((const char *)base + f->count_offset);
    ys__yaml_seq_begin(w, false);
    for (size_t i = 0; i < n && i < f->size; i++)
      ys__table_write_map(w, f->sub, (const char *)at + i * f->sub->size);
    ys__yaml_seq_end(w);
    break;
  }
  case YS_FIELD_CUSTOM:
    break; /* written whole by its handler */
  }
}

void ys__table_write_map(ys__yaml_writer *w, const ys_table *t,
                         const void *base) {
  ys__yaml_map_begin(w, t->flow);
  for (size_t i = 0; i < t->n_fields; i++) {
    const ys_field *f = &t->fields[i];
    if (!(f->formats & YS_FORMAT_YAML)) continue;
    if (f->type == YS_FIELD_CUSTOM) {
      ((const ys__table_custom *)f->custom)->write(w, f, base);
      continue;
    }
    if ((f->flags & YS_FIELD_OPTIONAL) && table_is_unknown(f, base)) continue;
    ys__yaml_plain(w, f->key);
    table_write_value(w, f, base);
  }
  ys__yaml_map_end(w);
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */

/* Reads an element of a LIST row into the struct array behind it. */
static int table_list_item(ys__yaml_reader *r, void *data, size_t i) {
  table_item *it = data;
  if (i >= it->f->size)
    return ys__yaml_fail(r, ys__yaml_line(r), "'%s' has more than %zu entries",
                         it->f->key, it->f->size);
  void *element = (char *)ys_field_at(it->base, it->f) + i * it->f->sub->size;
  *(size_t *)((char *)it->base + it->f->count_offset) = i + 1;
  return ys__table_read_map(r, it->f->sub, element, it->state, it->f->key,
                            "each entry of '%s' must be a mapping");
}

/* Reads item `i` of a DOUBLES row, refusing more than the row holds. */
static int table_doubles_item(ys__yaml_reader *r, void *data, size_t i) {
  table_item *it = data;
  size_t n = it->f->size / sizeof(double);
  if (i >= n)
    return ys__yaml_fail(r, ys__yaml_line(r),
                         "'%s' must be a list of %zu numbers", it->f->key, n);
  double *at = (double *)ys_field_at(it->base, it->f) + i;
  return ys__yaml_read_double(r, it->f->key,
                              (it->f->flags & YS_FIELD_NULLABLE) != 0, at);
}

/* Reads an integer row of at most `max` into its member, of the width
 * its type says. */
static int table_read_count(ys__yaml_reader *r, const ys_field *f, void *at,
                            uint64_t max) {
  uint64_t v;
  int rc = ys__yaml_read_uint(r, f->key, max, &v);
  if (rc != 0) return rc;
  switch (f->type) {
  case YS_FIELD_INT:
    *(int *)at = (int)v;
    break;
  case YS_FIELD_LONG:
    *(long *)at = (long)v;
    break;
  case YS_FIELD_SIZE:
    *(size_t *)at = (size_t)v;
    break;
  default:
    *(uint64_t *)at = v;
    break;
  }
  return 0;
}

static int table_read_text(ys__yaml_reader *r, const ys_field *f, void *at) {
  bool strict = (f->flags & YS_FIELD_STRICT) != 0;
  int rc = ys__yaml_read_text(r, f->key, at, f->size, strict);
  if (rc == 0 && strict && ((char *)at)[0] == '\0')
    rc = ys__yaml_fail(r, ys__yaml_line(r), "'%s' must not be empty", f->key);
  /* Strict rows are names, which are printed as they are: an escape
   * sequence in one would reach the terminal. */
  char why[64];
  if (rc == 0 && strict && ys__values_check_name(at, why, sizeof(why)) != 0)
    rc = ys__yaml_fail(r, ys__yaml_line(r), "'%s' holds a %s", f->key, why);
  return rc;
}

static int table_read_value(ys__yaml_reader *r, const ys_field *f, void *base,
                            void *state) {
  void *at = ys_field_at(base, f);
  table_item it = {.f = f, .base = base, .state = state};
  char what[32];
  size_t n;
  int rc;
  switch (f->type) {
  case YS_FIELD_TEXT:
    return table_read_text(r, f, at);
  case YS_FIELD_STRING:
    return ys__yaml_read_string(r, f->key, (char **)at);
  case YS_FIELD_INT:
    return table_read_count(r, f, at, INT_MAX);
  case YS_FIELD_LONG:
    return table_read_count(r, f, at, LONG_MAX);
  case YS_FIELD_UINT64:
    return table_read_count(r, f, at, UINT64_MAX);
  case YS_FIELD_SIZE:
    return table_read_count(r, f, at, SIZE_MAX);
  case YS_FIELD_DOUBLE:
    return ys__yaml_read_double(r, f->key, (f->flags & YS_FIELD_NULLABLE) != 0,
                                at);
  case YS_FIELD_BOOL:
    return ys__yaml_read_bool(r, f->key, at);
  case YS_FIELD_DOUBLES:
    snprintf(what, sizeof(what), "%zu numbers", f->size / sizeof(double));
    rc = ys__yaml_read_seq(r, f->key, what, false, table_doubles_item, &it, &n);
    if (rc == 0 && n != f->size / sizeof(double))
      rc = ys__yaml_fail(r, ys__yaml_line(r), "'%s' must be a list of %s",
                         f->key, what);
    return rc;
  case YS_FIELD_MAP:
    return ys__table_read_map(r, f->sub, at, state, f->key,
                              f->sub->shape != NULL ? f->sub->shape
                                                    : "'%s' must be a mapping");
  case YS_FIELD_LIST:
    return ys__yaml_read_seq(r, f->key, "mappings", false, table_list_item, &it,
                             &n);
  case YS_FIELD_CUSTOM:
    return ((const ys__table_custom *)f->custom)->read(r, f, base, state);
  }
  return 0;
}

/* The row of `t` whose key is the current scalar, or NULL. */
static const ys_field *table_find(const ys__yaml_reader *r, const ys_table *t,
                                  size_t *index) {
  for (size_t i = 0; i < t->n_fields; i++)
    if ((t->fields[i].formats & YS_FORMAT_YAML) &&
        ys__yaml_is(r, t->fields[i].key)) {
      *index = i;
      return &t->fields[i];
    }
  return NULL;
}

/* Reads a mapping (its start event current) into the struct at `base`
 * described by `t`. `shape`, with `key`, is the message when the value is
 * not a mapping. Keys this version does not know are skipped; a known key
 * given twice is refused (which one wins would be arbitrary), and so is a
 * mapping without a required row. */
int ys__table_read_map(ys__yaml_reader *r, const ys_table *t, void *base,
                       void *state, const char *key, const char *shape) {
  if (r->ev.type != YAML_MAPPING_START_EVENT)
    return ys__yaml_fail(r, ys__yaml_line(r), shape, key);
  size_t start = ys__yaml_line(r);
  uint64_t seen = 0;
  int rc;
  while ((rc = ys__yaml_next_key(r)) == 1) {
    size_t i = 0;
    const ys_field *f = table_find(r, t, &i);
    if (f != NULL && (seen & (UINT64_C(1) << i)))
      return ys__yaml_fail(r, ys__yaml_line(r), "duplicate key '%s'", f->key);
    seen |= f != NULL ? UINT64_C(1) << i : 0;
    if ((rc = ys__yaml_next(r)) != 0) return rc;
    rc = f != NULL ? table_read_value(r, f, base, state) : ys__yaml_skip(r);
    if (rc != 0) return rc;
  }
  if (rc != 0) return rc;
  for (size_t i = 0; i < t->n_fields; i++)
    if ((t->fields[i].flags & YS_FIELD_REQUIRED) &&
        !(seen & (UINT64_C(1) << i)))
      return ys__yaml_fail(r, start, "%s", t->missing);
  return 0;
}
