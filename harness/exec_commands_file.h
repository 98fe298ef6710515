/*
 * exec_commands_file.h — `bench exec --commands FILE`: the commands to
 * time, each with its name and, optionally, its own --prepare, read from a
 * YAML file (docs/exec.md, "A file of commands"):
 *
 *   commands:
 *     - name: gzip
 *       command: gzip -c data.txt
 *       prepare: sync
 *     - command: zstd -c data.txt
 *
 * How they run (--shell, --runs, --input...) stays on the command line.
 */
#ifndef YS_EXEC_COMMANDS_FILE_H
#define YS_EXEC_COMMANDS_FILE_H

#include <stddef.h>

/* One item of `commands:`; the strings are owned. */
typedef struct ys_exec_file_entry {
  char *name;    /* NULL: named by its command */
  char *command; /* never NULL or empty */
  char *prepare; /* NULL: the command line's --prepare, if any */
  size_t line;   /* of the item, for messages */
} ys_exec_file_entry;

/* The commands of one file, in its order. */
typedef struct ys_exec_file {
  const char *path; /* as given; borrowed */
  ys_exec_file_entry *entries;
  size_t n;
} ys_exec_file;

/* Reads `path` into *f (which the caller zeroes): a mapping whose only key
 * is `commands`, a non-empty list of mappings with `command` (required),
 * `name` and `prepare`, each a single non-empty value. Returns 0; YS_EINVAL
 * with "PATH:LINE: KEY: why" in `err` for a file that cannot be read, is
 * not valid YAML or breaks that shape (an unknown key included); or
 * YS_ENOMEM. Free with ys_exec_file_free, on failure too. */
int ys_exec_file_load(const char *path, ys_exec_file *f, char *err,
                      size_t err_len);

/* Frees what ys_exec_file_load allocated. NULL-safe. */
void ys_exec_file_free(ys_exec_file *f);

#endif
