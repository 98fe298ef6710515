/*
 * output_file.h — the files of --output. They are opened before anything
 * is measured, so that a bad path fails at once, but not truncated until
 * the report is written: a run that stops early (SIGINT, SIGTERM) leaves
 * an existing file as it was, never replaced by a partial report.
 */
#ifndef YS_OUTPUT_FILE_H
#define YS_OUTPUT_FILE_H

#include <stdbool.h>
#include <stdio.h>

/* Opens `path` for writing without truncating it, creating it (mode 0666
 * less the umask) when missing; *created says which. Returns the stream,
 * or NULL with errno set. */
FILE *ys_output_open(const char *path, bool *created);

/* Empties the file of `f` (from ys_output_open) before the report is
 * written into it. Returns 0 or YS_EIO. */
int ys_output_truncate(FILE *f);

/* Closes `f` without writing anything, and removes `path` when this run
 * created it. */
void ys_output_discard(FILE *f, const char *path, bool created);

#endif
