/*
 * atomic_file.h — replacing a file so that readers see the old file or the
 * new one, whole, even when the writer is interrupted or several processes
 * replace the same file at once (docs/baselines.md, "Saving"). Knows
 * nothing of what the file holds.
 */
#ifndef YS_ATOMIC_FILE_H
#define YS_ATOMIC_FILE_H

#include <stddef.h>

/* Writes the whole content into `fd`. Returns 0, or YS_EIO / YS_ENOMEM with
 * a short reason (e.g. strerror's text) in detail (detail_len bytes). */
typedef int (*ys__atomic_fill_fn)(int fd, void *data, char *detail,
                                  size_t detail_len);

/*
 * Replaces `path` with what `fill` writes: creates missing directories,
 * takes an exclusive flock on "PATH.lock" (created beside it, and removed
 * again before the lock is released), writes a temporary "PATH.XXXXXX" (mode
 * 0644) through `fill` with `data`, fsyncs it, renames it over `path` and syncs
 * the directory. `what` names the file in messages ("baseline"). Returns 0, or
 * YS_EIO / YS_ENOMEM with "cannot save WHAT 'PATH': REASON" in err (err_len
 * bytes). On failure no temporary file is left and an old `path` is untouched.
 */
int ys__atomic_replace(const char *path, const char *what,
                       ys__atomic_fill_fn fill, void *data, char *err,
                       size_t err_len);

/* Writes "cannot save WHAT 'PATH': " and the formatted detail into err
 * (err_len bytes, may be 0). Returns rc, for `return ys__atomic_fail(...)`. */
int ys__atomic_fail(char *err, size_t err_len, int rc, const char *what,
                    const char *path, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

#endif
