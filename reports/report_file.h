/*
 * report_file.h — where reports go: report files written whole or not at
 * all, checked before the run and never opened before it ends, and standard
 * output whose write errors are not lost.
 *
 * A report file is written only once the run has ended, to a temporary
 * file beside it that is renamed over it (core/atomic_file.h): until then
 * the old file is untouched, so a run that fails, or an --output that names
 * a file the run still has to read, never loses it. A destination that is
 * not a regular file (a terminal, a pipe, /dev/null) is written directly.
 */
#ifndef YS_REPORT_FILE_H
#define YS_REPORT_FILE_H

#include <stddef.h>

#include "../core/atomic_file.h"
#include "report.h"

/* A file the run reads or writes besides its reports, which no report may
 * replace: a baseline loaded, or the baseline saved. */
typedef struct ys_report_taken {
  const char *path; /* borrowed; NULL: none */
  const char *what; /* for messages, e.g. "--baseline" */
} ys_report_taken;

/*
 * Checks, before anything runs, the report files `paths` (n of them,
 * borrowed; "-" is stdout and skipped): each must be writable later without
 * creating folders (it is a writable non-directory, or its folder exists and
 * is writable), must not be the same file (ys_fs_same_file) as any of
 * `taken` (n_taken entries), and must not be named twice. Opens and
 * truncates nothing. Returns 0, or YS_EINVAL / YS_EIO with a message in err
 * (err_len bytes) naming the file, e.g. "--output 'main.yaml' is the file
 * of --baseline 'main.yaml': the report would replace it".
 */
int ys_report_files_check(const char *const *paths, size_t n,
                          const ys_report_taken *taken, size_t n_taken,
                          char *err, size_t err_len);

/*
 * Writes the report `ops` renders of `view` with `style` (all borrowed) to
 * the file `path`: atomically for a regular file or a new one (a symbolic
 * link is followed, and the file it points to replaced), directly for
 * anything else. Returns 0, or the render's error or YS_EIO / YS_ENOMEM,
 * with a message naming the path in err (err_len bytes); a regular file is
 * then left as it was.
 */
int ys_report_file_write(const char *path, const ys_report_ops *ops,
                         const ys_run_view *view, const ys_report_style *style,
                         char *err, size_t err_len);

/*
 * As ys_report_file_write, with the content written by `write` (with
 * `data`) through a stdio stream, for a page that is not a report of a
 * run; `what` names it in messages ("history page").
 */
int ys_report_file_write_stream(const char *path, const char *what,
                                ys_stream_write_fn write, void *data, char *err,
                                size_t err_len);

/*
 * Renders to standard output and flushes it. Returns 0, or an error with
 * "REASON" (strerror's text when the system said why) in err: a full disk,
 * a closed pipe or /dev/full surface here rather than being lost.
 */
int ys_report_stdout_write(const ys_report_ops *ops, const ys_run_view *view,
                           const ys_report_style *style, char *err,
                           size_t err_len);

#endif
