/* yaml_io.c — the YAML layer of the baseline store; see yaml_io.h. */
#include "yaml_io.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/error.h"
#include "../core/json_writer.h"
#include "../core/utf8.h"

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */

/* libyaml's output handler: writes the emitter's buffer to the fd. */
static int yaml_write_handler(void *data, unsigned char *buffer, size_t size) {
  ys__yaml_writer *w = data;
  /* Counted before writing, so that a file over the bound is never finished
   * (the caller then removes what was written). */
  w->written += size;
  if (w->written > w->max_bytes) {
    w->too_large = true;
    return 0;
  }
  while (size > 0) {
    ssize_t n = write(w->fd, buffer, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      w->write_errno = errno;
      return 0;
    }
    buffer += n;
    size -= (size_t)n;
  }
  return 1;
}

/* Hands one initialised event (or an initialisation failure) to the
 * emitter, which frees the event whether or not it succeeds. */
static void yaml_emit(ys__yaml_writer *w, int initialised, yaml_event_t *ev) {
  if (!initialised) {
    /* Event constructors fail on allocation or on invalid UTF-8, and every
     * string is made valid first. */
    w->no_memory = true;
    w->failed = true;
    return;
  }
  if (w->failed) {
    yaml_event_delete(ev);
    return;
  }
  if (!yaml_emitter_emit(&w->emitter, ev)) w->failed = true;
}

static void yaml_scalar(ys__yaml_writer *w, const char *text, size_t len,
                        yaml_scalar_style_t style) {
  yaml_event_t ev;
  int ok = yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text,
                                        (int)len, 1, 1, style);
  yaml_emit(w, ok, &ev);
}

void ys__yaml_plain(ys__yaml_writer *w, const char *text) {
  yaml_scalar(w, text, strlen(text), YAML_PLAIN_SCALAR_STYLE);
}

void ys__yaml_map_begin(ys__yaml_writer *w, bool flow) {
  yaml_event_t ev;
  int ok = yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                               flow ? YAML_FLOW_MAPPING_STYLE
                                                    : YAML_BLOCK_MAPPING_STYLE);
  yaml_emit(w, ok, &ev);
}

void ys__yaml_map_end(ys__yaml_writer *w) {
  yaml_event_t ev;
  yaml_emit(w, yaml_mapping_end_event_initialize(&ev), &ev);
}

void ys__yaml_seq_begin(ys__yaml_writer *w, bool flow) {
  yaml_event_t ev;
  int ok = yaml_sequence_start_event_initialize(
      &ev, NULL, NULL, 1,
      flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
  yaml_emit(w, ok, &ev);
}

void ys__yaml_seq_end(ys__yaml_writer *w) {
  yaml_event_t ev;
  yaml_emit(w, yaml_sequence_end_event_initialize(&ev), &ev);
}

/* Whether a plain scalar of `s` would read back as a string under YAML's
 * usual resolvers: it starts with a letter (not a digit, sign, '.', '~' or
 * an indicator) and is not a word some resolver takes for a boolean or null.
 * Anything else is written double-quoted; libyaml itself switches to quotes
 * when the text cannot be plain (": ", line breaks, trailing spaces). */
static bool yaml_plain_is_string(const char *s) {
  static const char *const words[] = {"y",   "n",    "yes",   "no",  "on",
                                      "off", "true", "false", "null"};
  char c = s[0];
  if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
    if (strcasecmp(s, words[i]) == 0) return false;
  return true;
}

/* Emits a string: invalid UTF-8 bytes (a message cut mid-character, a path
 * in another encoding) become U+FFFD, which libyaml requires. */
void ys__yaml_string(ys__yaml_writer *w, const char *s) {
  if (s == NULL) s = "";
  size_t n = strlen(s);
  if (n > (SIZE_MAX - 1) / 3) {
    w->no_memory = w->failed = true;
    return;
  }
  if (w->scratch_cap < 3 * n + 1) {
    char *grown = realloc(w->scratch, 3 * n + 1);
    if (grown == NULL) {
      w->no_memory = w->failed = true;
      return;
    }
    w->scratch = grown;
    w->scratch_cap = 3 * n + 1;
  }
  const unsigned char *in = (const unsigned char *)s;
  size_t out = 0;
  for (size_t i = 0; i < n;) {
    size_t len = ys_utf8_char_len(in + i, n - i);
    if (len == 0) {
      memcpy(w->scratch + out, "\xef\xbf\xbd", 3);
      out += 3;
      i++;
    } else {
      memcpy(w->scratch + out, in + i, len);
      out += len;
      i += len;
    }
  }
  w->scratch[out] = '\0';
  yaml_scalar(w, w->scratch, out,
              yaml_plain_is_string(w->scratch)
                  ? YAML_PLAIN_SCALAR_STYLE
                  : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

void ys__yaml_uint(ys__yaml_writer *w, uint64_t v) {
  char buf[24];
  snprintf(buf, sizeof(buf), "%" PRIu64, v);
  ys__yaml_plain(w, buf);
}

/* A double that reads back exactly; NaN and ±Inf, which the schema does not
 * have, become null ("not computed"). */
void ys__yaml_double(ys__yaml_writer *w, double v) {
  char buf[YS_JSON_DOUBLE_MAX];
  if (ys_json_format_double(buf, v) == 0)
    ys__yaml_plain(w, "null");
  else
    ys__yaml_plain(w, buf);
}

void ys__yaml_bool(ys__yaml_writer *w, bool v) {
  ys__yaml_plain(w, v ? "true" : "false");
}

int ys__yaml_write(int fd, size_t max_bytes, ys__yaml_body_fn body,
                   const void *data, char *detail, size_t detail_len) {
  ys__yaml_writer w = {.fd = fd, .max_bytes = max_bytes};
  if (!yaml_emitter_initialize(&w.emitter)) {
    snprintf(detail, detail_len, "out of memory");
    return YS_ENOMEM;
  }
  yaml_emitter_set_output(&w.emitter, yaml_write_handler, &w);
  yaml_emitter_set_unicode(&w.emitter, 1);
  yaml_emitter_set_width(&w.emitter, 100);
  yaml_event_t ev;
  yaml_emit(&w, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING),
            &ev);
  yaml_emit(&w, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1),
            &ev);
  body(&w, data);
  /* Explicit: the "..." that tells a whole file from a cut one. */
  yaml_emit(&w, yaml_document_end_event_initialize(&ev, 0), &ev);
  yaml_emit(&w, yaml_stream_end_event_initialize(&ev), &ev);
  if (!w.failed && !yaml_emitter_flush(&w.emitter)) w.failed = true;
  int rc = 0;
  if (w.too_large) {
    snprintf(detail, detail_len,
             "the file would be larger than %zu bytes, which the loader "
             "refuses; save fewer benchmarks or samples",
             max_bytes);
    rc = YS_EINVAL;
  } else if (w.write_errno != 0 && w.write_errno != ENOMEM) {
    snprintf(detail, detail_len, "%s", strerror(w.write_errno));
    rc = YS_EIO;
  } else if (w.no_memory || w.write_errno == ENOMEM) {
    snprintf(detail, detail_len, "out of memory");
    rc = YS_ENOMEM;
  } else if (w.failed) {
    snprintf(detail, detail_len, "%s",
             w.emitter.problem != NULL ? w.emitter.problem : "YAML error");
    rc = YS_EIO;
  }
  yaml_emitter_delete(&w.emitter);
  free(w.scratch);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */

int ys__yaml_no_memory(ys__yaml_reader *r) {
  if (r->err_len > 0)
    snprintf(r->err, r->err_len, "%s: out of memory", r->path);
  return YS_ENOMEM;
}

int ys__yaml_reader_init(ys__yaml_reader *r, const char *path, char *err,
                         size_t err_len) {
  *r = (ys__yaml_reader){.path = path, .err = err, .err_len = err_len};
  r->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
  if (r->c_locale == (locale_t)0) return ys__yaml_no_memory(r);
  return 0;
}

void ys__yaml_reader_free(ys__yaml_reader *r) {
  if (r->c_locale != (locale_t)0) freelocale(r->c_locale);
  r->c_locale = (locale_t)0;
}

/* Writes "PATH:LINE: MESSAGE" into err; returns YS_EFORMAT. */
int ys__yaml_fail(ys__yaml_reader *r, size_t line, const char *fmt, ...) {
  if (r->err == NULL || r->err_len == 0) return YS_EFORMAT;
  /* libyaml places the end of the stream on a line of its own past the
   * last one; name the last line instead. */
  if (line > r->n_lines) line = r->n_lines;
  int n = snprintf(r->err, r->err_len, "%s:%zu: ", r->path, line);
  if (n < 0 || (size_t)n >= r->err_len) return YS_EFORMAT;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->err + n, r->err_len - (size_t)n, fmt, ap);
  va_end(ap);
  return YS_EFORMAT;
}

size_t ys__yaml_line(const ys__yaml_reader *r) {
  return r->ev.start_mark.line + 1;
}

static void yaml_reader_open(ys__yaml_reader *r, const char *text, size_t len) {
  r->text = text;
  r->text_len = len;
  r->n_lines = len > 0 && text[len - 1] != '\n';
  for (size_t i = 0; i < len; i++)
    if (text[i] == '\n') r->n_lines++;
  if (r->n_lines == 0) r->n_lines = 1;
  r->depth = 0;
  r->has_ev = false;
  yaml_parser_set_input_string(&r->parser, (const unsigned char *)text, len);
}

static void yaml_reader_close(ys__yaml_reader *r) {
  if (r->has_ev) yaml_event_delete(&r->ev);
  r->has_ev = false;
  yaml_parser_delete(&r->parser);
}

/* Reports what libyaml could not parse, with its line. Errors of the reader
 * stage (bad UTF-8, control characters) carry a byte offset instead of a
 * mark; the line is counted from the text. */
static int yaml_parse_error(ys__yaml_reader *r) {
  if (r->parser.error == YAML_MEMORY_ERROR) {
    return ys__yaml_no_memory(r);
  }
  size_t line = r->parser.problem_mark.line + 1;
  if (r->parser.error == YAML_READER_ERROR) {
    line = 1;
    size_t end = r->parser.problem_offset < r->text_len
                     ? r->parser.problem_offset
                     : r->text_len;
    for (size_t i = 0; i < end; i++)
      if (r->text[i] == '\n') line++;
  }
  const char *problem =
      r->parser.problem != NULL ? r->parser.problem : "unknown error";
  if (r->parser.context != NULL)
    return ys__yaml_fail(r, line, "not valid YAML: %s (%s)", problem,
                         r->parser.context);
  return ys__yaml_fail(r, line, "not valid YAML: %s", problem);
}

/* Moves to the next event, refusing aliases and deep nesting as soon as they
 * appear, before libyaml reads much further. */
int ys__yaml_next(ys__yaml_reader *r) {
  if (r->has_ev) yaml_event_delete(&r->ev);
  r->has_ev = false;
  if (!yaml_parser_parse(&r->parser, &r->ev)) return yaml_parse_error(r);
  r->has_ev = true;
  switch (r->ev.type) {
  case YAML_ALIAS_EVENT:
    return ys__yaml_fail(r, ys__yaml_line(r),
                         "aliases are not allowed in baselines");
  case YAML_SEQUENCE_START_EVENT:
  case YAML_MAPPING_START_EVENT:
    if (++r->depth > YS__YAML_MAX_DEPTH)
      return ys__yaml_fail(r, ys__yaml_line(r), "nested deeper than %d levels",
                           YS__YAML_MAX_DEPTH);
    break;
  case YAML_SEQUENCE_END_EVENT:
  case YAML_MAPPING_END_EVENT:
    r->depth--;
    break;
  default:
    break;
  }
  return 0;
}

/* Skips the value whose first event is current. */
int ys__yaml_skip(ys__yaml_reader *r) {
  if (r->ev.type != YAML_SEQUENCE_START_EVENT &&
      r->ev.type != YAML_MAPPING_START_EVENT)
    return 0;
  unsigned outer = r->depth - 1;
  while (r->depth > outer) {
    int rc = ys__yaml_next(r);
    if (rc != 0) return rc;
  }
  return 0;
}

/* Counts one more list item against the file's bound. */
static int yaml_count_item(ys__yaml_reader *r) {
  if (++r->items > YS__YAML_MAX_ITEMS)
    return ys__yaml_fail(r, ys__yaml_line(r),
                         "more than %u list items: too large for a baseline",
                         YS__YAML_MAX_ITEMS);
  return 0;
}

int ys__yaml_pass(ys__yaml_reader *r, const char *text, size_t len,
                  int (*pass)(ys__yaml_reader *r, void *data), void *data) {
  if (!yaml_parser_initialize(&r->parser)) return ys__yaml_no_memory(r);
  yaml_reader_open(r, text, len);
  int rc = pass(r, data);
  yaml_reader_close(r);
  return rc;
}

int ys__yaml_next_key(ys__yaml_reader *r) {
  int rc = ys__yaml_next(r);
  if (rc != 0) return rc;
  if (r->ev.type == YAML_MAPPING_END_EVENT) return 0;
  if (r->ev.type != YAML_SCALAR_EVENT)
    return ys__yaml_fail(r, ys__yaml_line(r), "mapping keys must be strings");
  return 1;
}

int ys__yaml_read_seq(ys__yaml_reader *r, const char *key, const char *what,
                      bool counted, ys__yaml_item_fn item, void *data,
                      size_t *n) {
  *n = 0;
  if (r->ev.type != YAML_SEQUENCE_START_EVENT)
    return ys__yaml_fail(r, ys__yaml_line(r), "'%s' must be a list of %s", key,
                         what);
  for (;;) {
    int rc = ys__yaml_next(r);
    if (rc != 0) return rc;
    if (r->ev.type == YAML_SEQUENCE_END_EVENT) return 0;
    if (counted && (rc = yaml_count_item(r)) != 0) return rc;
    if ((rc = item(r, data, *n)) != 0) return rc;
    (*n)++;
  }
}

bool ys__yaml_is(const ys__yaml_reader *r, const char *word) {
  if (r->ev.type != YAML_SCALAR_EVENT) return false;
  return r->ev.data.scalar.length == strlen(word) &&
         memcmp(r->ev.data.scalar.value, word, r->ev.data.scalar.length) == 0;
}

/* Whether the current event is a plain scalar without a tag: the only form
 * a number, a boolean or null takes. A tag changes the type ("!!str 1" is
 * the string "1", as "\"1\"" is), so a tagged scalar is never read as one. */
static bool yaml_is_plain_untagged(const ys__yaml_reader *r) {
  return r->ev.type == YAML_SCALAR_EVENT &&
         r->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
         r->ev.data.scalar.tag == NULL && r->ev.data.scalar.plain_implicit;
}

size_t ys__yaml_number_text(const ys__yaml_reader *r,
                            char buf[YS__YAML_NUMBER_MAX]) {
  if (!yaml_is_plain_untagged(r)) return 0;
  size_t len = r->ev.data.scalar.length;
  if (len == 0 || len >= YS__YAML_NUMBER_MAX) return 0;
  memcpy(buf, r->ev.data.scalar.value, len);
  buf[len] = '\0';
  return len;
}

/* Classifies the current event as a double. Only plain untagged scalars are
 * numbers: "1.5" in quotes, or !!str 1.5, is a string. Only decimal notation is
 * taken (no hex floats, no "inf" words), parsed in the C locale whatever the
 * program's. */
int ys__yaml_scan_double(ys__yaml_reader *r, double *out) {
  if (!yaml_is_plain_untagged(r)) return YS__NUM_BAD;
  if (r->ev.data.scalar.length == 0 || ys__yaml_is(r, "~") ||
      ys__yaml_is(r, "null") || ys__yaml_is(r, "Null") ||
      ys__yaml_is(r, "NULL"))
    return YS__NUM_NULL;
  char buf[YS__YAML_NUMBER_MAX];
  size_t len = ys__yaml_number_text(r, buf);
  if (len == 0) return YS__NUM_BAD;
  const char *word = buf + (buf[0] == '+' || buf[0] == '-');
  if (*word == '.') word++;
  if (strcasecmp(word, "nan") == 0 || strcasecmp(word, "inf") == 0 ||
      strcasecmp(word, "infinity") == 0)
    return YS__NUM_NONFINITE;
  if (strspn(buf, "0123456789+-.eE") != len) return YS__NUM_BAD;
  char *end;
  double v = strtod_l(buf, &end, r->c_locale);
  if (end != buf + len) return YS__NUM_BAD;
  /* Overflow ("1e999") reads as infinity; underflow to a subnormal or zero
   * is a faithful reading and passes. */
  if (!isfinite(v)) return YS__NUM_NONFINITE;
  *out = v;
  return YS__NUM_OK;
}

/* Classifies the current event as an unsigned decimal integer. */
int ys__yaml_scan_uint(ys__yaml_reader *r, uint64_t *out) {
  char buf[YS__YAML_NUMBER_MAX];
  size_t len = ys__yaml_number_text(r, buf);
  if (len == 0) return YS__NUM_BAD;
  /* strtoull would take "-1" and " 1"; only digits are a count. */
  if (strspn(buf, "0123456789") != len) return YS__NUM_BAD;
  errno = 0;
  char *end;
  unsigned long long v = strtoull(buf, &end, 10);
  if (errno == ERANGE || end != buf + len || v > UINT64_MAX) return YS__NUM_BAD;
  *out = (uint64_t)v;
  return YS__NUM_OK;
}

/* Reads a double; null is accepted (as NaN, "not computed") only where
 * `nullable`. */
int ys__yaml_read_double(ys__yaml_reader *r, const char *key, bool nullable,
                         double *out) {
  int kind = ys__yaml_scan_double(r, out);
  if (kind == YS__NUM_OK) return 0;
  if (kind == YS__NUM_NULL && nullable) {
    *out = NAN;
    return 0;
  }
  if (kind == YS__NUM_NONFINITE || kind == YS__NUM_NULL)
    return ys__yaml_fail(r, ys__yaml_line(r), "'%s' must be a finite number",
                         key);
  return ys__yaml_fail(r, ys__yaml_line(r), "'%s' must be a number", key);
}

int ys__yaml_read_uint(ys__yaml_reader *r, const char *key, uint64_t max,
                       uint64_t *out) {
  if (ys__yaml_scan_uint(r, out) == YS__NUM_OK && *out <= max) return 0;
  if (max == UINT64_MAX)
    return ys__yaml_fail(r, ys__yaml_line(r),
                         "'%s' must be a non-negative integer", key);
  return ys__yaml_fail(r, ys__yaml_line(r),
                       "'%s' must be a non-negative integer up to %" PRIu64,
                       key, max);
}

int ys__yaml_read_bool(ys__yaml_reader *r, const char *key, bool *out) {
  if (yaml_is_plain_untagged(r)) {
    if (ys__yaml_is(r, "true")) {
      *out = true;
      return 0;
    }
    if (ys__yaml_is(r, "false")) {
      *out = false;
      return 0;
    }
  }
  return ys__yaml_fail(r, ys__yaml_line(r), "'%s' must be true or false", key);
}

/* Checks that the current event is a string without NUL bytes. */
static int yaml_check_string(ys__yaml_reader *r, const char *key) {
  if (r->ev.type != YAML_SCALAR_EVENT)
    return ys__yaml_fail(r, ys__yaml_line(r), "'%s' must be a string", key);
  if (memchr(r->ev.data.scalar.value, '\0', r->ev.data.scalar.length) != NULL)
    return ys__yaml_fail(r, ys__yaml_line(r), "'%s' contains a NUL byte", key);
  return 0;
}

/* Reads a string into a new allocation (*out; any previous one is freed). */
int ys__yaml_read_string(ys__yaml_reader *r, const char *key, char **out) {
  int rc = yaml_check_string(r, key);
  if (rc != 0) return rc;
  char *copy =
      strndup((const char *)r->ev.data.scalar.value, r->ev.data.scalar.length);
  if (copy == NULL) {
    return ys__yaml_no_memory(r);
  }
  free(*out);
  *out = copy;
  return 0;
}

/* Reads a string into a fixed buffer of `cap` bytes. Longer text is an
 * error when `strict` (a name must not silently change); otherwise it is cut
 * at a character boundary (descriptive text only). */
int ys__yaml_read_text(ys__yaml_reader *r, const char *key, char *buf,
                       size_t cap, bool strict) {
  int rc = yaml_check_string(r, key);
  if (rc != 0) return rc;
  size_t len = r->ev.data.scalar.length;
  if (len >= cap) {
    if (strict)
      return ys__yaml_fail(r, ys__yaml_line(r), "'%s' is longer than %zu bytes",
                           key, cap - 1);
    len = cap - 1;
    /* Back off continuation bytes so no character is cut in two. */
    while (len > 0 && (r->ev.data.scalar.value[len] & 0xc0) == 0x80)
      len--;
  }
  memcpy(buf, r->ev.data.scalar.value, len);
  buf[len] = '\0';
  return 0;
}

/* Makes room for one more element in *arr (capacity *cap, `size` bytes
 * each). Returns 0 or YS_ENOMEM with err filled. */
int ys__yaml_grow(ys__yaml_reader *r, void **arr, size_t *cap, size_t n,
                  size_t size) {
  if (n < *cap) return 0;
  size_t want = *cap == 0 ? 16 : *cap * 2;
  void *grown = want > SIZE_MAX / size ? NULL : realloc(*arr, want * size);
  if (grown == NULL) {
    return ys__yaml_no_memory(r);
  }
  *arr = grown;
  *cap = want;
  return 0;
}

/* Reads the file whole, refusing what is not a regular file or is too
 * large before reading it. Caller frees *text. */
int ys__yaml_read_file(const char *path, long max_bytes, char **text,
                       size_t *len, char *err, size_t err_len) {
  /* O_NONBLOCK: opening a FIFO someone put there must not hang; fstat then
   * refuses it. */
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    int errnum = errno;
    if (errnum == ENOENT) {
      if (err_len > 0) snprintf(err, err_len, "baseline '%s' not found", path);
      return YS_ENOENT;
    }
    if (err_len > 0)
      snprintf(err, err_len, "cannot read baseline '%s': %s", path,
               strerror(errnum));
    return YS_EIO;
  }
  int rc;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    if (err_len > 0)
      snprintf(err, err_len, "cannot read baseline '%s': %s", path,
               strerror(errno));
    rc = YS_EIO;
    goto err_close;
  }
  if (!S_ISREG(st.st_mode)) {
    if (err_len > 0)
      snprintf(err, err_len, "baseline '%s' is not a regular file", path);
    rc = YS_EFORMAT;
    goto err_close;
  }
  if (st.st_size > max_bytes) {
    if (err_len > 0)
      snprintf(err, err_len,
               "baseline '%s' is too large (%lld bytes, at most %ld)", path,
               (long long)st.st_size, max_bytes);
    rc = YS_EFORMAT;
    goto err_close;
  }
  size_t size = (size_t)st.st_size;
  char *buf = malloc(size + 1);
  if (buf == NULL) {
    if (err_len > 0) snprintf(err, err_len, "%s: out of memory", path);
    rc = YS_ENOMEM;
    goto err_close;
  }
  /* The size may change under us; never read past what was checked. */
  size_t got = 0;
  while (got < size) {
    ssize_t n = read(fd, buf + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      if (err_len > 0)
        snprintf(err, err_len, "cannot read baseline '%s': %s", path,
                 strerror(errno));
      rc = YS_EIO;
      goto err_free_buf;
    }
    if (n == 0) break;
    got += (size_t)n;
  }
  if (got == 0) {
    if (err_len > 0) snprintf(err, err_len, "baseline '%s' is empty", path);
    rc = YS_EFORMAT;
    goto err_free_buf;
  }
  buf[got] = '\0';
  close(fd);
  *text = buf;
  *len = got;
  return 0;

err_free_buf:
  free(buf);
err_close:
  close(fd);
  return rc;
}

int ys__yaml_expect_end(ys__yaml_reader *r) {
  if (r->ev.type != YAML_DOCUMENT_END_EVENT || r->ev.data.document_end.implicit)
    return ys__yaml_fail(r, ys__yaml_line(r),
                         "the document does not end with '...': the file is "
                         "truncated");
  int rc = ys__yaml_next(r);
  if (rc != 0) return rc;
  if (r->ev.type != YAML_STREAM_END_EVENT)
    return ys__yaml_fail(r, ys__yaml_line(r),
                         "holds more than one YAML document");
  return 0;
}
