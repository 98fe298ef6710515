#include "callgrind_split.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "callgrind_file.h"

/* One benchmark's output file, open while its parts are copied. */
typedef struct split_file {
  char name[256];
  FILE *out;
  size_t parts;
} split_file;

typedef struct splitter {
  const char *dir;
  char *header; /* the lines before the first part, copied to every file */
  size_t header_len;
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

/* The file of benchmark `name`, opened (with the header) on first use. */
static split_file *file_for(splitter *s, const char *name) {
  for (size_t i = 0; i < s->n_files; i++)
    if (strcmp(s->files[i].name, name) == 0) return &s->files[i];
  split_file *grown = realloc(s->files, (s->n_files + 1) * sizeof(*grown));
  if (grown == NULL) return NULL;
  s->files = grown;
  split_file *f = &s->files[s->n_files];
  memset(f, 0, sizeof(*f));
  snprintf(f->name, sizeof(f->name), "%s", name);
  char path[PATH_MAX];
  if (file_path(s->dir, name, path, sizeof(path)) != 0) {
    snprintf(s->err, s->err_len, "a file name for '%s' is too long", name);
    return NULL;
  }
  f->out = fopen(path, "w");
  if (f->out == NULL) {
    snprintf(s->err, s->err_len, "cannot write %s: %s", path, strerror(errno));
    return NULL;
  }
  fwrite(s->header, 1, s->header_len, f->out);
  s->n_files++;
  return f;
}

/* The start of the line after the one at `line`, or `end`. */
static const char *next_line(const char *line, const char *end) {
  const char *nl = memchr(line, '\n', (size_t)(end - line));
  return nl != NULL ? nl + 1 : end;
}

/* Where the first "part:" line at or after `line` (a line start) begins,
 * or `end`. */
static const char *next_part(const char *line, const char *end) {
  for (const char *p = line; p < end; p = next_line(p, end))
    if (strncmp(p, "part:", 5) == 0) return p;
  return end;
}

/* Copies one part (its lines in `part`, the "part:" line first) to the
 * file of the benchmark its trigger names. Returns 0 or an error code. */
static int copy_part(splitter *s, const char *part, size_t len) {
  char trigger[256] = "";
  for (const char *line = part; line < part + len && trigger[0] == '\0';
       line = next_line(line, part + len))
    ys_callgrind_file_trigger(line, trigger, sizeof(trigger));
  /* The harness's own windows, and parts of no benchmark. */
  if (trigger[0] == '\0' || trigger[0] == '(') return 0;
  split_file *f = file_for(s, trigger);
  if (f == NULL) return s->err[0] != '\0' ? YS_EIO : YS_ENOMEM;
  size_t first = (size_t)(next_line(part, part + len) - part);
  fprintf(f->out, "part: %zu\n", ++f->parts);
  fwrite(part + first, 1, len - first, f->out);
  return ferror(f->out) ? YS_EIO : 0;
}

/* Reads the whole file into a NUL-terminated buffer (caller frees). */
static char *read_all(const char *path, size_t *len) {
  FILE *in = fopen(path, "r");
  if (in == NULL) return NULL;
  char *text = NULL;
  size_t cap = 0;
  *len = 0;
  for (;;) {
    if (*len + 65536 + 1 > cap) {
      cap = (cap + 65536) * 2;
      char *grown = realloc(text, cap);
      if (grown == NULL) break;
      text = grown;
    }
    size_t got = fread(text + *len, 1, cap - *len - 1, in);
    *len += got;
    if (got == 0) break;
  }
  bool ok = text != NULL && !ferror(in);
  fclose(in);
  if (!ok) {
    free(text);
    return NULL;
  }
  text[*len] = '\0';
  return text;
}

int ys_callgrind_split(const char *combined, const char *dir, char *err,
                       size_t err_len) {
  size_t len;
  char *text = read_all(combined, &len);
  if (text == NULL) {
    snprintf(err, err_len, "cannot read %s: %s", combined, strerror(errno));
    return YS_EIO;
  }
  err[0] = '\0';
  const char *end = text + len;
  const char *part = next_part(text, end);
  splitter s = {.dir = dir,
                .header = text,
                .header_len = (size_t)(part - text),
                .err = err,
                .err_len = err_len};
  int rc = 0;
  while (rc == 0 && part < end) {
    const char *after = next_part(next_line(part, end), end);
    rc = copy_part(&s, part, (size_t)(after - part));
    part = after;
  }
  for (size_t i = 0; i < s.n_files; i++)
    if (fclose(s.files[i].out) != 0 && rc == 0) rc = YS_EIO;
  int written = (int)s.n_files;
  free(s.files);
  free(text);
  if (rc != 0 && err[0] == '\0')
    snprintf(err, err_len, "cannot split %s: %s", combined, ys_strerror(rc));
  return rc != 0 ? rc : written;
}
