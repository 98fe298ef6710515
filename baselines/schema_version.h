/*
 * schema_version.h — the baseline's schema version row and the opening of
 * the document (schema_version.c), for schema.c.
 */
#ifndef YS_SCHEMA_VERSION_H
#define YS_SCHEMA_VERSION_H

#include "table_io.h"
#include "yaml_io.h"

/* The handlers of the document's "yardstick" version row
 * (schema_version.c): written as YS_BASELINE_VERSION, skipped by the
 * second pass. */
extern const ys__table_custom ys__schema_version;

/* Moves from the start of the stream to the first event of the top-level
 * node, which must be a mapping; 0, or the reader's error. */
int ys__schema_open_document(ys__yaml_reader *r);

#endif
