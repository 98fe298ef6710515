/* report_file.c — report files and standard output; see report_file.h. */
#include "report_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/atomic_file.h"
#include "../core/error.h"
#include "../core/fs.h"

/* Whether a report could later be written at `path`, without writing
 * anything: errno's value of what stands in the way, or 0. Root passes
 * access() on permissions, but not on a read-only file system. */
static int report_writable(const char *path) {
  struct stat st;
  if (stat(path, &st) == 0) {
    if (S_ISDIR(st.st_mode)) return EISDIR;
    if (!S_ISREG(st.st_mode)) return access(path, W_OK) == 0 ? 0 : errno;
  } else if (errno != ENOENT) {
    return errno;
  }
  /* A regular file is replaced through a temporary file in its folder. */
  char *real = realpath(path, NULL);
  char *dir = ys_fs_parent(real != NULL ? real : path);
  free(real);
  if (dir == NULL) return ENOMEM;
  int rc = 0;
  if (stat(dir, &st) != 0)
    rc = errno;
  else if (!S_ISDIR(st.st_mode))
    rc = ENOTDIR;
  else if (access(dir, W_OK | X_OK) != 0)
    rc = errno;
  free(dir);
  return rc;
}

int ys_report_files_check(const char *const *paths, size_t n,
                          const ys_report_taken *taken, size_t n_taken,
                          char *err, size_t err_len) {
  for (size_t i = 0; i < n; i++) {
    if (strcmp(paths[i], "-") == 0) continue;
    int errnum = report_writable(paths[i]);
    if (errnum != 0) {
      if (err_len > 0)
        snprintf(err, err_len, "--output: cannot write '%s': %s", paths[i],
                 strerror(errnum));
      return YS_EIO;
    }
    for (size_t k = 0; k < n_taken; k++)
      if (taken[k].path != NULL && ys_fs_same_file(paths[i], taken[k].path)) {
        if (err_len > 0)
          snprintf(err, err_len,
                   "--output '%s' is the file of %s '%s': the report would "
                   "replace it; write the report elsewhere",
                   paths[i], taken[k].what, taken[k].path);
        return YS_EINVAL;
      }
    for (size_t k = 0; k < i; k++)
      if (strcmp(paths[k], "-") != 0 && ys_fs_same_file(paths[i], paths[k])) {
        if (err_len > 0)
          snprintf(err, err_len,
                   "--output '%s' and --output '%s' are the same file: one "
                   "report would replace the other",
                   paths[k], paths[i]);
        return YS_EINVAL;
      }
  }
  return 0;
}

/* What report_write renders. */
typedef struct report_job {
  const ys_report_ops *ops;
  const ys_run_view *view;
  const ys_report_style *style;
} report_job;

/* Renders the report into `out`; an ys_stream_write_fn. */
static int report_write(FILE *out, void *data) {
  const report_job *job = data;
  return job->ops->render(out, job->view, job->style);
}

/* Writes straight into a destination that is not a regular file (a
 * device, a pipe): there is nothing to replace, and renaming over it would
 * be wrong. */
static int report_write_direct(const char *path, const char *what,
                               ys_stream_write_fn write, void *data, char *err,
                               size_t err_len) {
  int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    int errnum = errno;
    return ys_atomic_fail(err, err_len, YS_EIO, what, path, "%s",
                          strerror(errnum));
  }
  char detail[128] = "";
  int rc = ys_fill_through_stream(fd, write, data, detail, sizeof(detail));
  if (close(fd) != 0 && rc == 0) {
    rc = YS_EIO;
    snprintf(detail, sizeof(detail), "%s", strerror(errno));
  }
  return rc == 0 ? 0
                 : ys_atomic_fail(err, err_len, rc, what, path, "%s", detail);
}

int ys_report_file_write_stream(const char *path, const char *what,
                                ys_stream_write_fn write, void *data, char *err,
                                size_t err_len) {
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
    return report_write_direct(path, what, write, data, err, err_len);
  /* Replace the file a symbolic link points to, not the link. */
  char *real = realpath(path, NULL);
  int rc = ys_atomic_replace_stream(real != NULL ? real : path, what, 0, write,
                                    data, err, err_len);
  free(real);
  return rc;
}

int ys_report_file_write(const char *path, const ys_report_ops *ops,
                         const ys_run_view *view, const ys_report_style *style,
                         char *err, size_t err_len) {
  report_job job = {ops, view, style};
  char what[64];
  snprintf(what, sizeof(what), "%s report", ops->name);
  return ys_report_file_write_stream(path, what, report_write, &job, err,
                                     err_len);
}

int ys_report_stdout_write(const ys_report_ops *ops, const ys_run_view *view,
                           const ys_report_style *style, char *err,
                           size_t err_len) {
  errno = 0;
  int rc = ops->render(stdout, view, style);
  int errnum = errno;
  if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
    rc = YS_EIO;
    errnum = errno;
  }
  if (rc != 0) {
    if (err_len > 0)
      snprintf(err, err_len, "%s",
               rc == YS_EIO && errnum != 0 ? strerror(errnum)
                                           : ys_strerror(rc));
    /* What could not be written is dropped, so that the final flush of
     * stdout does not fail on it a second time. */
    __fpurge(stdout);
    clearerr(stdout);
  }
  return rc;
}
