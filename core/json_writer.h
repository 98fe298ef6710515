/*
 * json_writer.h — a small streaming JSON writer for the reports.
 *
 * Values are written straight to a FILE* as they come; the writer only keeps
 * a fixed-depth stack saying whether each open container already holds an
 * element, which is all it needs to place commas. Output is pretty-printed
 * with a two-space indent; a container opened with the `_inline` variants is
 * written on one line, which keeps long lists of small pairs readable.
 *
 * Errors are sticky: the first misuse (a key outside an object, a value where
 * a key is due, nesting too deep) or write failure is remembered, every later
 * call returns it and writes nothing, and ys_json_error reports it. Callers can
 * therefore write a whole document and check once at the end.
 *
 * Numbers never come out as NaN or Infinity, which JSON does not have:
 * non-finite doubles are written as null.
 */
#ifndef YS_JSON_WRITER_H
#define YS_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Deepest nesting of containers the writer accepts. */
#define YS_JSON_MAX_DEPTH 16

/* Big enough for any double ys_json_format_double writes, with its NUL. */
#define YS_JSON_DOUBLE_MAX 32

typedef struct ys_json_level {
  bool is_object;
  bool has_items;   /* a comma is due before the next element */
  bool inline_mode; /* elements stay on the container's line */
} ys_json_level;

/* The writer. A plain struct the caller owns (on the stack is fine); fields
 * are private to json_writer.c. */
typedef struct ys_json {
  FILE *out;        /* borrowed */
  size_t depth;     /* number of open containers */
  bool key_pending; /* a key was written: its value comes next */
  bool done;        /* the top-level value is complete */
  int error;        /* 0 or the first YS_E* code met */
  ys_json_level stack[YS_JSON_MAX_DEPTH];
} ys_json;

/*
 * Starts a writer on `out` (borrowed; must outlive the writer) at the top
 * level, where exactly one value is expected.
 */
void ys_json_init(ys_json *w, FILE *out);

/*
 * Opens an object or array as the next value. The `_inline` forms write the
 * container and everything inside it on one line ("[1, 2]"), for short
 * tuples. Returns 0, or the sticky error (YS_EINVAL when nesting deeper than
 * YS_JSON_MAX_DEPTH or when a key is due).
 */
int ys_json_begin_object(ys_json *w);
int ys_json_begin_array(ys_json *w);
int ys_json_begin_object_inline(ys_json *w);
int ys_json_begin_array_inline(ys_json *w);

/*
 * Closes the innermost container; must match the kind that was opened (and
 * an object must not be left with a key and no value). Returns 0 or the
 * sticky error (YS_EINVAL on a mismatch).
 */
int ys_json_end_object(ys_json *w);
int ys_json_end_array(ys_json *w);

/*
 * Writes the key of the next member of the innermost object; `key` is
 * borrowed and escaped like a string. Returns 0 or the sticky error
 * (YS_EINVAL outside an object, after another key, or for a NULL key).
 */
int ys_json_key(ys_json *w, const char *key);

/*
 * Writes a string value (borrowed, NUL-terminated). Quotes, backslashes and
 * control characters are escaped (\n \t \r \b \f, others as \u00XX); valid
 * UTF-8 is copied as is, and each byte of an invalid UTF-8 sequence becomes
 * U+FFFD, so the output is always valid JSON text. NULL writes null.
 * Returns 0 or the sticky error.
 */
int ys_json_string(ys_json *w, const char *s);

/* Integer values, written exactly. Return 0 or the sticky error. */
int ys_json_uint(ys_json *w, uint64_t v);
int ys_json_int(ys_json *w, int64_t v);

/*
 * A double written with the fewest significant digits (15, 16 or 17) that
 * read back to the same value with strtod; NaN and ±Inf are written as null.
 * Returns 0 or the sticky error.
 */
int ys_json_double(ys_json *w, double v);

/* true / false, and null. Return 0 or the sticky error. */
int ys_json_bool(ys_json *w, bool v);
int ys_json_null(ys_json *w);

/*
 * Shorthands for a key followed by its value in the innermost object; same
 * returns as ys_json_key.
 */
int ys_json_kv_string(ys_json *w, const char *key, const char *s);
int ys_json_kv_uint(ys_json *w, const char *key, uint64_t v);
int ys_json_kv_int(ys_json *w, const char *key, int64_t v);
int ys_json_kv_double(ys_json *w, const char *key, double v);
int ys_json_kv_bool(ys_json *w, const char *key, bool v);

/* The first error met (a negative YS_E* code), or 0. */
int ys_json_error(const ys_json *w);

/*
 * Formats `v` into `buf` (YS_JSON_DOUBLE_MAX bytes) as the shortest of
 * %.15g, %.16g, %.17g that strtod reads back to exactly `v`, always with '.'
 * as the decimal point whatever the locale. Returns the length written, or 0
 * (and an empty string) when `v` is NaN or infinite, which have no JSON
 * number. Shared with the CSV report so both formats print numbers alike.
 */
size_t ys_json_format_double(char buf[YS_JSON_DOUBLE_MAX], double v);

#endif
