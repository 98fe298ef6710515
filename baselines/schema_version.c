/*
 * schema_version.c — the schema version of a baseline file (docs/
 * baselines.md): the document's "yardstick" row, written as this
 * version, and the first pass that finds and checks it before the
 * document is read (schema.c reads the rest).
 */
#include "schema_version.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "store.h"
#include "table_io.h"

/* The version row: written as this version; read by the first pass only. */
static int schema_read_version(ys__yaml_reader *r, const ys_field *f,
                               void *base, void *state) {
  (void)f, (void)base, (void)state;
  return ys__yaml_skip(r);
}

static void schema_write_version(ys__yaml_writer *w, const ys_field *f,
                                 const void *base) {
  (void)base;
  ys__yaml_plain(w, f->key);
  ys__yaml_uint(w, YS_BASELINE_VERSION);
}

const ys__table_custom ys__schema_version = {schema_read_version,
                                             schema_write_version, 0};

int ys__schema_open_document(ys__yaml_reader *r) {
  int rc = ys__yaml_next(r);
  if (rc == 0) rc = ys__yaml_next(r);
  if (rc != 0) return rc;
  if (r->ev.type == YAML_STREAM_END_EVENT)
    return ys__yaml_fail(r, 1, "holds no YAML document");
  if ((rc = ys__yaml_next(r)) != 0) return rc;
  if (r->ev.type != YAML_MAPPING_START_EVENT)
    return ys__yaml_fail(r, ys__yaml_line(r),
                         "the top level must be a mapping");
  return 0;
}

/* Checks the version scalar that is current. */
static int schema_check_version_value(ys__yaml_reader *r) {
  size_t line = ys__yaml_line(r);
  char buf[YS__YAML_NUMBER_MAX];
  size_t len = ys__yaml_number_text(r, buf);
  if (len == 0)
    return ys__yaml_fail(r, line,
                         "'yardstick' must be an integer schema version");
  errno = 0;
  char *end;
  long long version = strtoll(buf, &end, 10);
  if (end != buf + len || errno == ERANGE ||
      strspn(buf + (buf[0] == '-'), "0123456789") != len - (buf[0] == '-'))
    return ys__yaml_fail(r, line,
                         "'yardstick' must be an integer schema version");
  if (version > YS_BASELINE_VERSION)
    return ys__yaml_fail(r, line,
                         "baseline schema version %lld is newer than this "
                         "yardstick reads (%d); upgrade yardstick",
                         version, YS_BASELINE_VERSION);
  if (version == 1)
    return ys__yaml_fail(r, line,
                         "baseline schema version 1 does not say which "
                         "metrics are exact; this yardstick reads version "
                         "%d: save the baseline again",
                         YS_BASELINE_VERSION);
  if (version != YS_BASELINE_VERSION)
    return ys__yaml_fail(r, line,
                         "baseline schema version %lld is not one this "
                         "yardstick reads (%d)",
                         version, YS_BASELINE_VERSION);
  return 0;
}

int ys__schema_check_version(ys__yaml_reader *r, void *data) {
  (void)data;
  int rc = ys__schema_open_document(r);
  if (rc != 0) return rc;
  const char *key = ys__schema_document_table.fields[0].key;
  while ((rc = ys__yaml_next_key(r)) == 1) {
    bool found = ys__yaml_is(r, key);
    if ((rc = ys__yaml_next(r)) != 0) return rc;
    if (found) return schema_check_version_value(r);
    if ((rc = ys__yaml_skip(r)) != 0) return rc;
  }
  if (rc != 0) return rc;
  return ys__yaml_fail(r, 1,
                       "no 'yardstick' schema version: not a yardstick "
                       "baseline");
}
