/*
 * folded.h — call stacks folded into FlameGraph's format: one line per
 * distinct stack, "root;caller;callee COUNT", frames from the outermost to
 * the innermost (docs/profiling.md, "Files").
 */
#ifndef YS_PROFILE_FOLDED_H
#define YS_PROFILE_FOLDED_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* One distinct stack and how many samples had it. */
typedef struct ys_fold_stack {
  char *frames; /* "a;b;c", owned */
  uint64_t count;
} ys_fold_stack;

/* A profile: its stacks and their total. Zero-initialise before use. */
typedef struct ys_folded {
  ys_fold_stack *stacks;
  size_t n, cap;
  uint64_t total; /* sum of every count */
} ys_folded;

/* Adds `count` samples of the stack `frames` (copied; frames joined by ';'
 * without empty frames). Duplicates are merged by ys_folded_finish.
 * Returns 0 or YS_ENOMEM. */
int ys_folded_add(ys_folded *f, const char *frames, uint64_t count);

/* Sorts the stacks bytewise by their frames and merges equal ones, so that
 * the file written is the same for the same samples whatever their order. */
void ys_folded_finish(ys_folded *f);

/* Frees the stacks; `f` is left empty and reusable. NULL-safe. */
void ys_folded_free(ys_folded *f);

/* Writes one "frames COUNT" line per stack. Returns 0, or YS_EIO when a
 * write failed. */
int ys_folded_write(const ys_folded *f, FILE *out);

/* Reads a folded file (as written above, or by FlameGraph's
 * stackcollapse scripts) into `f` (empty), finished. The count is the last
 * space-separated field of a line (frames may hold spaces); blank lines
 * are skipped. `name` names the file in messages. Returns 0, YS_ENOMEM, or
 * YS_EFORMAT with the line at fault in err. */
int ys_folded_read(FILE *in, const char *name, ys_folded *f, char *err,
                   size_t err_len);

#endif
