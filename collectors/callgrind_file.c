/*
 * callgrind_file.c — parsing of the "events:", "totals:" and trigger lines
 * of callgrind's output format (see callgrind_file.h).
 */
#include "callgrind_file.h"

#include <stdbool.h>
#include <string.h>

#include "../core/error.h"

/* The text after `key` when `line` starts with it, else NULL. */
static const char *after_key(const char *line, const char *key) {
  size_t len = strlen(key);
  return strncmp(line, key, len) == 0 ? line + len : NULL;
}

static bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

/* The end of a line: its newline (LF or CRLF) is not part of its text. */
static bool is_end(char c) {
  return c == '\0' || c == '\n' || c == '\r';
}

int ys_callgrind_file_events(const char *line, ys_callgrind_events *out) {
  const char *p = after_key(line, "events:");
  if (p == NULL) return 0;
  ys_callgrind_events ev = {0};
  for (;;) {
    while (is_blank(*p))
      p++;
    if (is_end(*p)) break;
    size_t len = 0;
    while (!is_blank(p[len]) && !is_end(p[len]))
      len++;
    if (ev.n == YS_CALLGRIND_MAX_EVENTS || len >= YS_CALLGRIND_EVENT_LEN)
      return YS_EFORMAT;
    memcpy(ev.names[ev.n], p, len);
    ev.names[ev.n][len] = '\0';
    ev.n++;
    p += len;
  }
  if (ev.n == 0) return YS_EFORMAT;
  *out = ev;
  return 1;
}

/* Parses one decimal number at *p, moving *p past it. Hand-written because
 * strtoull accepts signs and leading blanks, which a count never has. */
static int parse_count(const char **p, uint64_t *value) {
  const char *s = *p;
  uint64_t v = 0;
  if (*s < '0' || *s > '9') return YS_EFORMAT;
  for (; *s >= '0' && *s <= '9'; s++) {
    uint64_t digit = (uint64_t)(*s - '0');
    if (v > (UINT64_MAX - digit) / 10) return YS_EFORMAT;
    v = v * 10 + digit;
  }
  if (!is_blank(*s) && !is_end(*s)) return YS_EFORMAT;
  *p = s;
  *value = v;
  return 0;
}

int ys_callgrind_file_totals(const char *line, size_t n_events, uint64_t *out) {
  const char *p = after_key(line, "totals:");
  if (p == NULL) return 0;
  uint64_t values[YS_CALLGRIND_MAX_EVENTS] = {0};
  size_t n = 0;
  if (n_events > YS_CALLGRIND_MAX_EVENTS) return YS_EFORMAT;
  for (;;) {
    while (is_blank(*p))
      p++;
    if (is_end(*p)) break;
    if (n == n_events) return YS_EFORMAT;
    if (parse_count(&p, &values[n]) != 0) return YS_EFORMAT;
    n++;
  }
  /* Callgrind leaves out trailing zero columns; the zero-initialised
   * array already holds them. */
  memcpy(out, values, n_events * sizeof(*out));
  return 1;
}

int ys_callgrind_file_trigger(const char *line, char *name, size_t len) {
  const char *p = after_key(line, "desc: Trigger: Client Request: ");
  if (p == NULL || len == 0) return 0;
  size_t n = 0;
  while (!is_end(p[n]))
    n++;
  if (n >= len) n = len - 1;
  memcpy(name, p, n);
  name[n] = '\0';
  return 1;
}

int ys_callgrind_file_find(const ys_callgrind_events *events,
                           const char *name) {
  for (size_t i = 0; i < events->n; i++)
    if (strcmp(events->names[i], name) == 0) return (int)i;
  return -1;
}
