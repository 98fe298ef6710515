/*
 * atomic_file.h — replacing a file so that readers see the old file or the
 * new one, whole, even when the writer is interrupted or several processes
 * replace the same file at once (docs/baselines.md, "Saving"). Knows
 * nothing of what the file holds: baselines and report files both use it.
 */
#ifndef YS_ATOMIC_FILE_H
#define YS_ATOMIC_FILE_H

#include <stddef.h>
#include <stdio.h>

/* Flags of ys_atomic_replace. */
#define YS_ATOMIC_MAKE_DIRS 1u /* create missing folders, as mkdir -p */

/* A temporary file a replacement left behind (the writer was killed) is
 * removed by a later replacement of the same file once its writer is gone,
 * or once it is older than this, whichever comes first. */
#define YS_ATOMIC_STALE_S 3600

/* Writes the whole content into `fd`. Returns 0, or a YS_E* code with
 * a short reason (e.g. strerror's text) in detail (detail_len bytes). */
typedef int (*ys_atomic_fill_fn)(int fd, void *data, char *detail,
                                 size_t detail_len);

/*
 * Replaces `path` with what `fill` writes: creates missing directories when
 * `flags` has YS_ATOMIC_MAKE_DIRS (else a missing folder is an error),
 * takes an exclusive flock on "PATH.lock" (created beside it, and removed
 * again before the lock is released), removes stale temporary files of
 * `path` (below), writes a temporary "PATH.tmp-PID-XXXXXX" (mode 0644)
 * through `fill` with `data`, fsyncs it, renames it over `path` and syncs the
 * directory. `what` names the file in messages ("baseline"). Returns 0, or
 * the code `fill` returned, or YS_EIO / YS_ENOMEM, with "cannot save WHAT
 * 'PATH': REASON" in err (err_len bytes). On failure no temporary file is
 * left and an old `path` is untouched.
 *
 * Stale temporary files: only a holder of the lock writes a temporary file,
 * so one found while holding the lock was left by a writer that died. It is
 * removed when it is a regular file owned by this user and its writer (the
 * PID in its name) no longer runs on this machine, or it is older than
 * YS_ATOMIC_STALE_S (the PID may have been reused, or the writer ran on
 * another machine sharing the folder).
 */
int ys_atomic_replace(const char *path, const char *what, unsigned flags,
                      ys_atomic_fill_fn fill, void *data, char *err,
                      size_t err_len);

/* Writes "cannot save WHAT 'PATH': " and the formatted detail into err
 * (err_len bytes, may be 0). Returns rc, for `return ys_atomic_fail(...)`. */
int ys_atomic_fail(char *err, size_t err_len, int rc, const char *what,
                   const char *path, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Writes the whole content into the stream `out`. Returns 0 or a YS_E*
 * code; a failed write may leave its reason in errno (ENOSPC). */
typedef int (*ys_stream_write_fn)(FILE *out, void *data);

/*
 * Runs `write` on a stdio stream over a duplicate of `fd` (which stays open
 * for the caller) and closes that stream, so buffered output that fails to
 * reach the file is an error too. Returns 0, or write's code (YS_EIO when
 * only the final flush failed), with a short reason in detail (detail_len
 * bytes): the stream's errno text when a write failed, else the code's.
 * Fits ys_atomic_fill_fn's shape for callers that render through stdio.
 */
int ys_fill_through_stream(int fd, ys_stream_write_fn write, void *data,
                           char *detail, size_t detail_len);

/* ys_atomic_replace with content written by `write` through a stdio stream
 * (ys_fill_through_stream); same contract otherwise. */
int ys_atomic_replace_stream(const char *path, const char *what, unsigned flags,
                             ys_stream_write_fn write, void *data, char *err,
                             size_t err_len);

#endif
