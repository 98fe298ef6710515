/*
 * callgrind_parts.c — walks the parts of a callgrind output file (see
 * callgrind_parts.h), telling each part's header lines from its body.
 */
#include "callgrind_parts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

const char *ys_callgrind_next_line(const char *line, const char *end) {
  const char *nl = memchr(line, '\n', (size_t)(end - line));
  return nl != NULL ? nl + 1 : end;
}

/* Whether the line at p starts with `key`. */
static bool starts(const char *p, const char *end, const char *key) {
  size_t len = strlen(key);
  return (size_t)(end - p) >= len && memcmp(p, key, len) == 0;
}

/* A body line: a name line (ob=, fl=, fn=, cfn=, calls=, jump=, ...) or a
 * cost line, which starts with a position (a number, +N, -N or *). Header
 * lines are "key: value"; blank lines and comments are neither. */
static bool is_body_line(const char *p, const char *end) {
  if (p == end) return false;
  char c = *p;
  if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '*') return true;
  for (const char *q = p; q < end && *q != '\n'; q++) {
    if (*q == '=') return true;
    if (*q == ':' || *q == ' ') return false;
  }
  return false;
}

/* The number of words of a "positions:" line (1 when it names none). */
static size_t count_positions(const char *p, const char *end) {
  size_t n = 0;
  bool in_word = false;
  for (p += strlen("positions:"); p < end && *p != '\n'; p++) {
    bool blank = *p == ' ' || *p == '\t' || *p == '\r';
    if (!blank && !in_word) n++;
    in_word = !blank;
  }
  return n > 0 ? n : 1;
}

/* Copies the line at p (without its newline) into buf, for the parsers of
 * callgrind_file.h, which read NUL-terminated lines. Returns false when
 * the line does not fit. */
static bool copy_line(const char *p, const char *end, char *buf, size_t len) {
  const char *nl = memchr(p, '\n', (size_t)(end - p));
  size_t n = (size_t)((nl != NULL ? nl : end) - p);
  if (n >= len) return false;
  memcpy(buf, p, n);
  buf[n] = '\0';
  return true;
}

/* What the walk carries from one line to the next. */
typedef struct walker {
  ys_callgrind_events events; /* the last "events:" line */
  size_t n_positions;         /* the last "positions:" line */
  char *err;
  size_t err_len;
} walker;

/* Reads a header line of a part (or of the file) into w and part. Returns
 * 0 or YS_EFORMAT. */
static int header_line(walker *w, ys_callgrind_part *part, const char *p,
                       const char *end) {
  char line[4096];
  if (starts(p, end, "positions:")) {
    w->n_positions = count_positions(p, end);
    return 0;
  }
  bool events = starts(p, end, "events:");
  bool trigger = starts(p, end, "desc: Trigger:");
  if (!events && !trigger) return 0;
  if (!copy_line(p, end, line, sizeof(line))) {
    if (trigger) return 0; /* a name too long for any benchmark */
    snprintf(w->err, w->err_len, "an 'events:' line is too long");
    return YS_EFORMAT;
  }
  if (trigger) {
    if (part != NULL)
      ys_callgrind_file_trigger(line, part->trigger, sizeof(part->trigger));
    return 0;
  }
  if (ys_callgrind_file_events(line, &w->events) < 0) {
    snprintf(w->err, w->err_len,
             "an 'events:' line declares no event, too "
             "many, or a name too long");
    return YS_EFORMAT;
  }
  return 0;
}

/* Fills the part that starts at `start` (a "part:" line, or the first line
 * of a file without them) and ends at `end`. */
static int read_part(walker *w, const char *start, const char *end,
                     ys_callgrind_part *part) {
  memset(part, 0, sizeof(*part));
  part->start = start;
  part->end = end;
  const char *p = start;
  for (; p < end && !is_body_line(p, end); p = ys_callgrind_next_line(p, end)) {
    int rc = header_line(w, part, p, end);
    if (rc != 0) return rc;
  }
  part->body = p;
  part->body_end = end;
  part->events = w->events;
  part->n_positions = w->n_positions;
  for (; p < end; p = ys_callgrind_next_line(p, end)) {
    if (!starts(p, end, "totals:")) continue;
    char line[4096];
    if (part->body_end == end) part->body_end = p;
    if (!copy_line(p, end, line, sizeof(line)) || w->events.n == 0 ||
        ys_callgrind_file_totals(line, w->events.n, part->totals) != 1) {
      snprintf(w->err, w->err_len,
               "a 'totals:' line is not %s unsigned decimal numbers",
               w->events.n == 0 ? "preceded by 'events:' and" : "made of");
      return YS_EFORMAT;
    }
    part->has_totals = true;
  }
  return 0;
}

/* Where the next "part:" line at or after `p` (a line start) begins, or
 * `end`. */
static const char *next_part(const char *p, const char *end) {
  for (; p < end; p = ys_callgrind_next_line(p, end))
    if (starts(p, end, "part:")) return p;
  return end;
}

int ys_callgrind_parts_walk(const char *text, size_t len,
                            const char **header_end, ys_callgrind_part_fn fn,
                            void *ctx, char *err, size_t err_len) {
  const char *end = text + len;
  walker w = {.n_positions = 1, .err = err, .err_len = err_len};
  const char *first = next_part(text, end);
  if (header_end != NULL) *header_end = first;
  /* The file's own header lines may set events and positions for all. */
  const char *p = text;
  if (first != end) {
    for (; p < first; p = ys_callgrind_next_line(p, end)) {
      int rc = header_line(&w, NULL, p, end);
      if (rc != 0) return rc;
    }
  }
  while (p < end) {
    const char *after = next_part(ys_callgrind_next_line(p, end), end);
    if (first == end) after = end; /* one part, whatever its lines */
    ys_callgrind_part part;
    int rc = read_part(&w, p, after, &part);
    if (rc == 0) rc = fn(ctx, &part);
    if (rc != 0) return rc;
    p = after;
  }
  return 0;
}

char *ys_callgrind_read_file(const char *path, size_t *len) {
  FILE *in = fopen(path, "r");
  if (in == NULL) return NULL;
  char *text = NULL;
  size_t cap = 0;
  bool no_memory = false;
  *len = 0;
  for (;;) {
    if (*len + 65536 + 1 > cap) {
      cap = (cap + 65536) * 2;
      char *grown = realloc(text, cap);
      if (grown == NULL) {
        no_memory = true;
        break;
      }
      text = grown;
    }
    size_t got = fread(text + *len, 1, cap - *len - 1, in);
    *len += got;
    if (got == 0) break;
  }
  bool ok = text != NULL && !no_memory && !ferror(in);
  fclose(in);
  if (!ok) {
    free(text);
    errno = no_memory ? ENOMEM : EIO;
    return NULL;
  }
  text[*len] = '\0';
  return text;
}
