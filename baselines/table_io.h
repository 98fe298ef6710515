/*
 * table_io.h — the one writer and the one reader of field tables
 * (context_fields.h) in YAML: each walks a table row by row, writing or
 * reading every row the baseline file carries by its type, nested tables
 * included. Rows of type YS_FIELD_CUSTOM point at a ys__table_custom.
 */
#ifndef YS_TABLE_IO_H
#define YS_TABLE_IO_H

#include "../core/context_fields.h"
#include "yaml_io.h"

/* The handlers of a custom row. `read` reads the value whose first event is
 * current into the struct at `base`, with the caller's `state` (passed down
 * unchanged from ys__table_read_map); `write` emits key and value, or
 * nothing when the value is left out. `part` tells apart rows that share
 * handlers. */
typedef struct ys__table_custom {
  int (*read)(ys__yaml_reader *r, const ys_field *f, void *base, void *state);
  void (*write)(ys__yaml_writer *w, const ys_field *f, const void *base);
  int part;
} ys__table_custom;

/* Emits the struct at `base` (borrowed) as a mapping of the YAML rows of
 * `t`, in table order: OPTIONAL rows are left out when unknown (an empty
 * string, a zero count), doubles that are not finite become null. Errors
 * stay sticky in `w`. */
void ys__table_write_map(ys__yaml_writer *w, const ys_table *t,
                         const void *base);

/* Reads a mapping whose start event is current into the struct at `base`
 * described by `t`. `shape`, a format with one %s for `key`, is the message
 * when the value is not a mapping. Keys the table does not know are
 * skipped; a known key given twice is refused (which one wins would be
 * arbitrary), and so is a mapping without a REQUIRED row (t->missing,
 * naming the line where the mapping starts). Strings read into STRING rows
 * are new allocations the caller frees. Returns 0 or an error with the
 * message in r's err. */
int ys__table_read_map(ys__yaml_reader *r, const ys_table *t, void *base,
                       void *state, const char *key, const char *shape);

#endif
