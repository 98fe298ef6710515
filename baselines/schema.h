/*
 * schema.h — the baseline file's schema (docs/baselines.md, "Schema"),
 * described once as field tables that drive both the writer and the
 * reader. The run context's rows are core's (context_fields.h), shared with
 * the reports; the rest are here, one table per nested part.
 */
#ifndef YS_SCHEMA_H
#define YS_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "../core/context_fields.h"
#include "../core/model.h"
#include "yaml_io.h"

/* Bounds on what one file may hold, besides the list items of yaml_io.h. */
#define YS__SCHEMA_MAX_BENCHES 100000u
#define YS__SCHEMA_MAX_SERIES  200000u

/* A whole baseline document, the struct the top-level table describes.
 * When saving, it borrows everything. When loading, it owns name, created,
 * run, the context's STRING rows and every series' metric and unit (each
 * its own allocation until store.c packs them into one block). */
typedef struct ys__document {
  char *name;
  char *created; /* ISO 8601 UTC */
  ys_context ctx;
  ys_run_result run;
  /* Loading only. */
  size_t bench_cap;
  size_t *bench_lines; /* where each benchmark starts, for messages */
  size_t n_series;     /* read so far, against YS__SCHEMA_MAX_SERIES */
} ys__document;

/* The tables, for tests that walk every row. Rows of type YS_FIELD_CUSTOM
 * carry handlers private to schema.c. */
extern const ys_table ys__schema_document_table;
extern const ys_table ys__schema_bench_table;
extern const ys_table ys__schema_series_table;
extern const ys_table ys__schema_estimates_table;
extern const ys_table ys__schema_estimate_table;
extern const ys_table ys__schema_outliers_table;
extern const ys_table ys__schema_function_table;
extern const ys_table ys__schema_complexity_table;

/* Emits the document `data` (a const ys__document *) as YAML; a
 * ys__yaml_body_fn. */
void ys__schema_write_document(ys__yaml_writer *w, const void *data);

/* First pass over a file: finds and checks the schema version, reading
 * nothing else, so that a newer file is refused for that reason rather
 * than for whatever its new layout trips over. `data` is unused. Returns 0
 * or YS_EFORMAT with the message in r's err. */
int ys__schema_check_version(ys__yaml_reader *r, void *data);

/* Second pass: reads the whole document into `data`, a zeroed ys__document
 * (see above for what it then owns, also on failure). Returns 0 or an
 * error with the message in r's err. */
int ys__schema_read_document(ys__yaml_reader *r, void *data);

#endif
