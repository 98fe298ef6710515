/* json_writer.c — streaming JSON output; see json_writer.h. */
#include "json_writer.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "utf8.h"

void ys_json_init(ys_json *w, FILE *out) {
  memset(w, 0, sizeof(*w));
  w->out = out;
}

int ys_json_error(const ys_json *w) {
  return w->error;
}

static void writer_indent(ys_json *w, size_t depth) {
  fputc('\n', w->out);
  for (size_t i = 0; i < depth; i++)
    fputs("  ", w->out);
}

/* Records a failed write once the call's output is done, so a full disk or a
 * closed pipe surfaces as YS_EIO instead of a silently truncated file. */
static int writer_check_io(ys_json *w) {
  if (w->error == 0 && ferror(w->out)) w->error = YS_EIO;
  return w->error;
}

/* Everything that must come before a value: the comma and the line break of
 * the enclosing array, or nothing when the value follows its key. Fails when
 * the position expects a key instead. */
static int writer_before_value(ys_json *w) {
  if (w->error != 0) return w->error;
  if (w->depth == 0) {
    if (w->done) w->error = YS_EINVAL;
    return w->error;
  }
  ys_json_level *top = &w->stack[w->depth - 1];
  if (top->is_object) {
    if (!w->key_pending) w->error = YS_EINVAL;
    w->key_pending = false;
    return w->error;
  }
  if (top->has_items) fputc(',', w->out);
  if (top->inline_mode) {
    if (top->has_items) fputc(' ', w->out);
  } else {
    writer_indent(w, w->depth);
  }
  top->has_items = true;
  return 0;
}

/* A value finished: a complete top-level value ends the document's line. */
static int writer_after_value(ys_json *w) {
  if (w->depth == 0) {
    w->done = true;
    fputc('\n', w->out);
  }
  return writer_check_io(w);
}

static int writer_begin(ys_json *w, bool is_object, bool inline_mode) {
  if (writer_before_value(w) != 0) return w->error;
  if (w->depth == YS_JSON_MAX_DEPTH) return w->error = YS_EINVAL;
  /* Inside a one-line container everything stays on that line. */
  if (w->depth > 0 && w->stack[w->depth - 1].inline_mode) inline_mode = true;
  w->stack[w->depth] = (ys_json_level){is_object, false, inline_mode};
  w->depth++;
  fputc(is_object ? '{' : '[', w->out);
  return writer_check_io(w);
}

int ys_json_begin_object(ys_json *w) {
  return writer_begin(w, true, false);
}

int ys_json_begin_array(ys_json *w) {
  return writer_begin(w, false, false);
}

int ys_json_begin_object_inline(ys_json *w) {
  return writer_begin(w, true, true);
}

int ys_json_begin_array_inline(ys_json *w) {
  return writer_begin(w, false, true);
}

static int writer_end(ys_json *w, bool is_object) {
  if (w->error != 0) return w->error;
  if (w->depth == 0 || w->key_pending ||
      w->stack[w->depth - 1].is_object != is_object)
    return w->error = YS_EINVAL;
  ys_json_level *top = &w->stack[w->depth - 1];
  w->depth--;
  /* An empty container stays "{}" / "[]" on one line. */
  if (top->has_items && !top->inline_mode) writer_indent(w, w->depth);
  fputc(is_object ? '}' : ']', w->out);
  return writer_after_value(w);
}

int ys_json_end_object(ys_json *w) {
  return writer_end(w, true);
}

int ys_json_end_array(ys_json *w) {
  return writer_end(w, false);
}

static void writer_write_escaped(FILE *out, const char *str) {
  const unsigned char *s = (const unsigned char *)str;
  fputc('"', out);
  while (*s != '\0') {
    /* Copy the longest run that needs no escaping in one call. */
    size_t run = 0;
    for (;;) {
      unsigned char c = s[run];
      if (c >= 0x80) {
        /* The string ends in a NUL, which fails every continuation check
         * before anything past it is read: 4 is only the longest form. */
        size_t n = ys_utf8_char_len(s + run, 4);
        if (n == 0) break;
        run += n;
      } else if (c >= 0x20 && c != '"' && c != '\\') {
        run++;
      } else {
        break;
      }
    }
    fwrite(s, 1, run, out);
    s += run;
    unsigned char c = *s;
    if (c == '\0') break;
    switch (c) {
    case '"':
      fputs("\\\"", out);
      break;
    case '\\':
      fputs("\\\\", out);
      break;
    case '\n':
      fputs("\\n", out);
      break;
    case '\t':
      fputs("\\t", out);
      break;
    case '\r':
      fputs("\\r", out);
      break;
    case '\b':
      fputs("\\b", out);
      break;
    case '\f':
      fputs("\\f", out);
      break;
    default:
      if (c < 0x20)
        fprintf(out, "\\u%04x", c);
      else
        fputs("\\ufffd", out); /* a byte of invalid UTF-8 */
      break;
    }
    s++;
  }
  fputc('"', out);
}

int ys_json_key(ys_json *w, const char *key) {
  if (w->error != 0) return w->error;
  if (key == NULL || w->depth == 0 || w->key_pending ||
      !w->stack[w->depth - 1].is_object)
    return w->error = YS_EINVAL;
  ys_json_level *top = &w->stack[w->depth - 1];
  if (top->has_items) fputc(',', w->out);
  if (top->inline_mode) {
    if (top->has_items) fputc(' ', w->out);
  } else {
    writer_indent(w, w->depth);
  }
  top->has_items = true;
  w->key_pending = true;
  writer_write_escaped(w->out, key);
  fputs(": ", w->out);
  return writer_check_io(w);
}

/* Writes one scalar already formatted as JSON text. */
static int writer_raw(ys_json *w, const char *text) {
  if (writer_before_value(w) != 0) return w->error;
  fputs(text, w->out);
  return writer_after_value(w);
}

int ys_json_string(ys_json *w, const char *s) {
  if (s == NULL) return ys_json_null(w);
  if (writer_before_value(w) != 0) return w->error;
  writer_write_escaped(w->out, s);
  return writer_after_value(w);
}

int ys_json_uint(ys_json *w, uint64_t v) {
  char buf[24];
  snprintf(buf, sizeof(buf), "%" PRIu64, v);
  return writer_raw(w, buf);
}

int ys_json_int(ys_json *w, int64_t v) {
  char buf[24];
  snprintf(buf, sizeof(buf), "%" PRId64, v);
  return writer_raw(w, buf);
}

size_t ys_json_format_double(char buf[YS_JSON_DOUBLE_MAX], double v) {
  buf[0] = '\0';
  if (!isfinite(v)) return 0;
  int len = 0;
  for (int precision = 15; precision <= 17; precision++) {
    len = snprintf(buf, YS_JSON_DOUBLE_MAX, "%.*g", precision, v);
    /* 17 significant digits always round-trip an IEEE double. */
    if (precision == 17 || strtod(buf, NULL) == v) break;
  }
  /* printf follows LC_NUMERIC; JSON and CSV readers want '.'. */
  for (int i = 0; i < len; i++) {
    char c = buf[i];
    if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != 'e')
      buf[i] = '.';
  }
  return (size_t)len;
}

int ys_json_double(ys_json *w, double v) {
  char buf[YS_JSON_DOUBLE_MAX];
  if (ys_json_format_double(buf, v) == 0) return ys_json_null(w);
  return writer_raw(w, buf);
}

int ys_json_bool(ys_json *w, bool v) {
  return writer_raw(w, v ? "true" : "false");
}

int ys_json_null(ys_json *w) {
  return writer_raw(w, "null");
}

int ys_json_kv_string(ys_json *w, const char *key, const char *s) {
  if (ys_json_key(w, key) != 0) return w->error;
  return ys_json_string(w, s);
}

int ys_json_kv_uint(ys_json *w, const char *key, uint64_t v) {
  if (ys_json_key(w, key) != 0) return w->error;
  return ys_json_uint(w, v);
}

int ys_json_kv_int(ys_json *w, const char *key, int64_t v) {
  if (ys_json_key(w, key) != 0) return w->error;
  return ys_json_int(w, v);
}

int ys_json_kv_double(ys_json *w, const char *key, double v) {
  if (ys_json_key(w, key) != 0) return w->error;
  return ys_json_double(w, v);
}

int ys_json_kv_bool(ys_json *w, const char *key, bool v) {
  if (ys_json_key(w, key) != 0) return w->error;
  return ys_json_bool(w, v);
}
