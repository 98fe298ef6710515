/*
 * folded.c — the folded-stack list: adding, merging, writing and reading.
 */
#include "folded.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

int ys_folded_add(ys_folded *f, const char *frames, uint64_t count) {
  if (f->n == f->cap) {
    size_t cap = f->cap == 0 ? 64 : f->cap * 2;
    ys_fold_stack *grown = realloc(f->stacks, cap * sizeof(*grown));
    if (grown == NULL) return YS_ENOMEM;
    f->stacks = grown;
    f->cap = cap;
  }
  char *copy = strdup(frames);
  if (copy == NULL) return YS_ENOMEM;
  f->stacks[f->n++] = (ys_fold_stack){copy, count};
  f->total += count;
  return 0;
}

static int by_frames(const void *a, const void *b) {
  return strcmp(((const ys_fold_stack *)a)->frames,
                ((const ys_fold_stack *)b)->frames);
}

void ys_folded_finish(ys_folded *f) {
  if (f->n == 0) return;
  qsort(f->stacks, f->n, sizeof(*f->stacks), by_frames);
  size_t kept = 0;
  for (size_t i = 0; i < f->n; i++) {
    if (kept > 0 &&
        strcmp(f->stacks[kept - 1].frames, f->stacks[i].frames) == 0) {
      f->stacks[kept - 1].count += f->stacks[i].count;
      free(f->stacks[i].frames);
      continue;
    }
    f->stacks[kept++] = f->stacks[i];
  }
  f->n = kept;
}

void ys_folded_free(ys_folded *f) {
  if (f == NULL) return;
  for (size_t i = 0; i < f->n; i++)
    free(f->stacks[i].frames);
  free(f->stacks);
  memset(f, 0, sizeof(*f));
}

int ys_folded_write(const ys_folded *f, FILE *out) {
  for (size_t i = 0; i < f->n; i++)
    if (fprintf(out, "%s %llu\n", f->stacks[i].frames,
                (unsigned long long)f->stacks[i].count) < 0)
      return YS_EIO;
  return ferror(out) ? YS_EIO : 0;
}

/* Parses the count after the last space of `line` (its newline removed)
 * and cuts the line there. Returns false when there is none. */
static bool split_count(char *line, uint64_t *count) {
  char *space = strrchr(line, ' ');
  if (space == NULL || space == line || space[1] < '0' || space[1] > '9')
    return false;
  errno = 0;
  char *end;
  unsigned long long v = strtoull(space + 1, &end, 10);
  if (errno != 0 || *end != '\0') return false;
  *space = '\0';
  *count = v;
  return true;
}

int ys_folded_read(FILE *in, const char *name, ys_folded *f, char *err,
                   size_t err_len) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  size_t lineno = 0;
  int rc = 0;
  while (rc == 0 && (len = getline(&line, &cap, in)) >= 0) {
    lineno++;
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
      line[--len] = '\0';
    if (len == 0) continue;
    uint64_t count;
    if (!split_count(line, &count)) {
      snprintf(err, err_len,
               "%s:%zu: not a folded stack (want 'frame;frame COUNT')", name,
               lineno);
      rc = YS_EFORMAT;
      break;
    }
    rc = ys_folded_add(f, line, count);
  }
  free(line);
  if (rc == 0 && ferror(in)) {
    snprintf(err, err_len, "%s: read error", name);
    rc = YS_EIO;
  }
  if (rc == 0) ys_folded_finish(f);
  return rc;
}
