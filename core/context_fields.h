/*
 * context_fields.h — field tables: a struct described once, row by row
 * (key, type, where the value lives, bounds, which formats carry it), so
 * that every format that writes or reads the struct walks the same rows and
 * uses the same key names.
 *
 * The run context (ys_context) is described here, once, for the baseline
 * file (docs/baselines.md), the JSON report and the Google Benchmark JSON
 * report (docs/json-schema.md). Its keys are Google Benchmark's where Google
 * Benchmark has the field (host_name, num_cpus, caches, ...), so the three
 * formats agree with each other and with the tools made for Google
 * Benchmark. The baseline store describes the rest of its schema with the
 * same row type.
 */
#ifndef YS_CONTEXT_FIELDS_H
#define YS_CONTEXT_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "json_writer.h"
#include "model.h"

/* What a row's value is, and so how formats write and read it. */
typedef enum ys_field_type {
  YS_FIELD_TEXT,    /* char[size]: text, cut at a character boundary */
  YS_FIELD_STRING,  /* const char *: text; NULL when unknown */
  YS_FIELD_INT,     /* int, 0 to INT_MAX */
  YS_FIELD_LONG,    /* long, 0 to LONG_MAX */
  YS_FIELD_UINT64,  /* uint64_t */
  YS_FIELD_SIZE,    /* size_t */
  YS_FIELD_DOUBLE,  /* double; see YS_FIELD_NULLABLE */
  YS_FIELD_BOOL,    /* bool */
  YS_FIELD_DOUBLES, /* double[size / sizeof(double)], each nullable */
  YS_FIELD_MAP,     /* a nested struct at offset, described by `sub` */
  YS_FIELD_LIST,    /* an array of up to `size` structs described by `sub`
                       at offset, their number a size_t at count_offset */
  YS_FIELD_CUSTOM,  /* handled by the format's own code: `custom` */
} ys_field_type;

/* Row flags. */
enum {
  /* A double that may be null ("not computed", NaN); without the flag a
   * double must be finite. */
  YS_FIELD_NULLABLE = 1u << 0,
  /* Left out when unknown: a NULL or empty string, a zero count. A format
   * without a way to leave it out writes null. */
  YS_FIELD_OPTIONAL = 1u << 1,
  /* A reader refuses a mapping without it. */
  YS_FIELD_REQUIRED = 1u << 2,
  /* A text longer than its buffer is refused rather than cut, and an empty
   * one too: a name must never silently change. */
  YS_FIELD_STRICT = 1u << 3,
  /* Google Benchmark JSON writes the number whole (megahertz). */
  YS_FIELD_GB_WHOLE = 1u << 4,
  /* Google Benchmark JSON names the library before the version
   * ("yardstick 0.1.0"), since its readers expect the library's name. */
  YS_FIELD_GB_NAMED = 1u << 5,
};

/* The formats, for ys_field.formats. */
enum {
  YS_FORMAT_YAML = 1u << 0,   /* the baseline file */
  YS_FORMAT_JSON = 1u << 1,   /* the JSON report */
  YS_FORMAT_GBENCH = 1u << 2, /* the Google Benchmark JSON report */
};

struct ys_table;

/* One row: a key and where and how its value is kept in the struct. */
typedef struct ys_field {
  const char *key;
  ys_field_type type;
  size_t offset;              /* of the value in the struct */
  size_t size;                /* TEXT: buffer bytes; DOUBLES: bytes of the
                                 array; LIST: most elements */
  unsigned flags;             /* YS_FIELD_* */
  unsigned formats;           /* YS_FORMAT_* that carry it */
  const struct ys_table *sub; /* MAP and LIST: the nested struct */
  size_t count_offset;        /* LIST: where the element count is */
  const void *custom;         /* CUSTOM: the handler of the format's code */
} ys_field;

/* The rows of one struct. */
typedef struct ys_table {
  const ys_field *fields;
  size_t n_fields;
  size_t size;         /* sizeof the struct: a LIST's element size */
  bool flow;           /* written on one line, "{key: value, ...}" */
  const char *shape;   /* message when not a mapping, with the key as %s;
                          NULL for the usual one */
  const char *missing; /* message when a required row is missing */
} ys_table;

/* A pointer to the value of row `f` in the struct at `base`. */
static inline void *ys_field_at(void *base, const ys_field *f) {
  return (char *)base + f->offset;
}
static inline const void *ys_field_at_const(const void *base,
                                            const ys_field *f) {
  return (const char *)base + f->offset;
}

/* The description of ys_context, and of each entry of its caches and of
 * its machine findings. */
extern const ys_table ys_context_table;
extern const ys_table ys_cache_table;
extern const ys_table ys_machine_finding_table;

/*
 * Writes the members of the context object for `format` (YS_FORMAT_JSON or
 * YS_FORMAT_GBENCH) into the object the caller has opened on `w`: every row
 * that format carries, in table order. `ctx` is borrowed. Errors stay
 * sticky in `w` (see json_writer.h).
 */
void ys_context_write_json(ys_json *w, const ys_context *ctx, unsigned format);

#endif
