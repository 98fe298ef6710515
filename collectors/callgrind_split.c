/*
 * callgrind_split.c — one single-part raw file per benchmark from the
 * run's file of parts (see callgrind_split.h).
 */
#include "callgrind_split.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "callgrind_file.h"
#include "callgrind_parts.h"

/* One benchmark's output file, open while its parts are copied. */
typedef struct split_file {
  char name[256];
  FILE *out;
  size_t n_events;
  uint64_t totals[YS_CALLGRIND_MAX_EVENTS]; /* summed over its parts */
} split_file;

typedef struct splitter {
  const char *dir;
  const char *header;     /* the text, whose lines before the first part */
  const char *header_end; /* go to every file (set by the walk) */
  split_file *files;
  size_t n_files;
  char *err;
  size_t err_len;
} splitter;

/* DIR/callgrind.out.NAME with unsafe bytes of NAME as %XX. */
static int file_path(const char *dir, const char *name, char *path,
                     size_t len) {
  int n = snprintf(path, len, "%s/callgrind.out.", dir);
  if (n < 0 || (size_t)n >= len) return YS_EINVAL;
  size_t used = (size_t)n;
  for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++) {
    bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                 (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
                 *p == '-';
    int w = plain ? snprintf(path + used, len - used, "%c", *p)
                  : snprintf(path + used, len - used, "%%%02X", *p);
    if (w < 0 || (size_t)w >= len - used) return YS_EINVAL;
    used += (size_t)w;
  }
  return 0;
}

/* Whether the line at p starts with `key`. */
static bool starts(const char *p, const char *end, const char *key) {
  size_t len = strlen(key);
  return (size_t)(end - p) >= len && memcmp(p, key, len) == 0;
}

/* Writes the header lines of `part` (its "desc:", "positions:" and
 * "events:" lines) without its "part:" line and its "summary:", which
 * callgrind writes as 0 under client requests and which would not be the
 * sum of the parts anyway: readers take "totals:" instead. */
static void write_part_header(FILE *out, const ys_callgrind_part *part) {
  for (const char *p = part->start; p < part->body;
       p = ys_callgrind_next_line(p, part->body)) {
    const char *next = ys_callgrind_next_line(p, part->body);
    if (starts(p, next, "part:") || starts(p, next, "summary:")) continue;
    fwrite(p, 1, (size_t)(next - p), out);
  }
}

/* The file of benchmark `name`, opened on first use, with the run's header
 * and the header lines of its first part. */
static split_file *file_for(splitter *s, const ys_callgrind_part *part) {
  for (size_t i = 0; i < s->n_files; i++)
    if (strcmp(s->files[i].name, part->trigger) == 0) return &s->files[i];
  split_file *grown = realloc(s->files, (s->n_files + 1) * sizeof(*grown));
  if (grown == NULL) return NULL;
  s->files = grown;
  split_file *f = &s->files[s->n_files];
  memset(f, 0, sizeof(*f));
  snprintf(f->name, sizeof(f->name), "%s", part->trigger);
  f->n_events = part->events.n;
  char path[PATH_MAX];
  if (file_path(s->dir, part->trigger, path, sizeof(path)) != 0) {
    snprintf(s->err, s->err_len, "a file name for '%s' is too long",
             part->trigger);
    return NULL;
  }
  f->out = fopen(path, "w");
  if (f->out == NULL) {
    snprintf(s->err, s->err_len, "cannot write %s: %s", path, strerror(errno));
    return NULL;
  }
  s->n_files++;
  /* A file without "part:" lines is one part and has no header apart. */
  const char *header_end =
      s->header_end < part->start ? s->header_end : part->start;
  fwrite(s->header, 1, (size_t)(header_end - s->header), f->out);
  fputs("part: 1\n", f->out);
  write_part_header(f->out, part);
  return f;
}

/* Appends one part's body to the file of the benchmark its trigger names
 * (a ys_callgrind_part_fn). Parts whose trigger starts with '(' are the
 * harness's own windows. */
static int copy_part(void *ctx, const ys_callgrind_part *part) {
  splitter *s = ctx;
  if (part->trigger[0] == '\0' || part->trigger[0] == '(') return 0;
  split_file *f = file_for(s, part);
  if (f == NULL) return s->err[0] != '\0' ? YS_EIO : YS_ENOMEM;
  if (part->events.n != f->n_events) {
    snprintf(s->err, s->err_len, "the parts of '%s' count different events",
             part->trigger);
    return YS_EFORMAT;
  }
  size_t len = (size_t)(part->body_end - part->body);
  fwrite(part->body, 1, len, f->out);
  if (len > 0 && part->body[len - 1] != '\n') fputc('\n', f->out);
  for (size_t k = 0; k < f->n_events; k++)
    f->totals[k] += part->totals[k];
  return ferror(f->out) ? YS_EIO : 0;
}

/* Ends a file with the sums of its parts. */
static int finish_file(split_file *f) {
  fputs("totals:", f->out);
  for (size_t k = 0; k < f->n_events; k++)
    fprintf(f->out, " %" PRIu64, f->totals[k]);
  fputc('\n', f->out);
  bool failed = ferror(f->out) != 0;
  return fclose(f->out) != 0 || failed ? YS_EIO : 0;
}

int ys_callgrind_split(const char *combined, const char *dir, char *err,
                       size_t err_len) {
  size_t len;
  char *text = ys_callgrind_read_file(combined, &len);
  if (text == NULL) {
    snprintf(err, err_len, "cannot read %s: %s", combined, strerror(errno));
    return YS_EIO;
  }
  err[0] = '\0';
  splitter s = {.dir = dir, .header = text, .err = err, .err_len = err_len};
  int rc = ys_callgrind_parts_walk(text, len, &s.header_end, copy_part, &s, err,
                                   err_len);
  for (size_t i = 0; i < s.n_files; i++) {
    int closed = finish_file(&s.files[i]);
    if (rc == 0) rc = closed;
  }
  int written = (int)s.n_files;
  free(s.files);
  free(text);
  if (rc != 0 && err[0] == '\0')
    snprintf(err, err_len, "cannot split %s: %s", combined, ys_strerror(rc));
  return rc != 0 ? rc : written;
}
