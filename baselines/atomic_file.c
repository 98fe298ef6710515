/* atomic_file.c — atomic, locked file replacement; see atomic_file.h. */
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/error.h"
#include "../core/fs.h"

int ys__atomic_fail(char *err, size_t err_len, int rc, const char *what,
                    const char *path, const char *fmt, ...) {
  if (err == NULL || err_len == 0) return rc;
  int n = snprintf(err, err_len, "cannot save %s '%s': ", what, path);
  if (n < 0 || (size_t)n >= err_len) return rc;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err + n, err_len - (size_t)n, fmt, ap);
  va_end(ap);
  return rc;
}

/* The failure of a system call, as YS_ENOMEM or YS_EIO with its text. */
static int atomic_errno_fail(char *err, size_t err_len, const char *what,
                             const char *path, int errnum) {
  if (errnum == ENOMEM)
    return ys__atomic_fail(err, err_len, YS_ENOMEM, what, path,
                           "out of memory");
  return ys__atomic_fail(err, err_len, YS_EIO, what, path, "%s",
                         strerror(errnum));
}

/* The directory part of `path` ("." when there is none); caller frees. */
static char *atomic_parent(const char *path) {
  const char *slash = strrchr(path, '/');
  if (slash == NULL) return strdup(".");
  /* Several slashes in a row separate one directory. */
  while (slash > path && slash[-1] == '/')
    slash--;
  if (slash == path) return strdup("/");
  return strndup(path, (size_t)(slash - path));
}

/* Syncs a directory so a rename in it survives a crash. File systems that
 * cannot sync a directory say EINVAL; there is nothing more to do there. */
static int atomic_sync_dir(const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno;
  int rc = fsync(fd) == 0 || errno == EINVAL ? 0 : errno;
  close(fd);
  return rc;
}

/* Fills a new temporary file beside `path`, syncs it and renames it over
 * `path`. The caller holds the lock. Returns 0 or a YS_E* code with err
 * filled; the temporary file never outlives a failure. */
static int atomic_write_rename(const char *path, const char *what,
                               ys__atomic_fill_fn fill, void *data, char *err,
                               size_t err_len) {
  int rc;
  char *tmp = NULL;
  if (asprintf(&tmp, "%s.XXXXXX", path) < 0)
    return atomic_errno_fail(err, err_len, what, path, ENOMEM);
  int fd = mkostemp(tmp, O_CLOEXEC);
  if (fd < 0) {
    rc = atomic_errno_fail(err, err_len, what, path, errno);
    goto err_free_tmp;
  }
  /* mkstemp makes the file private; a saved file is meant to be shared like
   * any other file the user creates. */
  if (fchmod(fd, 0644) != 0) {
    rc = atomic_errno_fail(err, err_len, what, path, errno);
    goto err_remove_tmp;
  }
  char detail[128] = "";
  if ((rc = fill(fd, data, detail, sizeof(detail))) != 0) {
    rc = ys__atomic_fail(err, err_len, rc, what, path, "%s", detail);
    goto err_remove_tmp;
  }
  if (fsync(fd) != 0) {
    rc = atomic_errno_fail(err, err_len, what, path, errno);
    goto err_remove_tmp;
  }
  int closing = fd;
  fd = -1;
  if (close(closing) != 0 || rename(tmp, path) != 0) {
    rc = atomic_errno_fail(err, err_len, what, path, errno);
    goto err_remove_tmp;
  }
  free(tmp);
  return 0;

err_remove_tmp:
  if (fd >= 0) close(fd);
  unlink(tmp);
err_free_tmp:
  free(tmp);
  return rc;
}

/* Opens "PATH.lock" and waits for an exclusive lock on it. Returns the
 * descriptor (closing it releases the lock) or -1 with errno set. */
static int atomic_lock(const char *path) {
  /* The lock file is never deleted: removing it would let a second saver
   * lock a new inode while a first still holds the old one. */
  char *lock_path = NULL;
  if (asprintf(&lock_path, "%s.lock", path) < 0) {
    errno = ENOMEM;
    return -1;
  }
  int fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  free(lock_path);
  if (fd < 0) return -1;
  while (flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      int errnum = errno;
      close(fd);
      errno = errnum;
      return -1;
    }
  }
  return fd;
}

int ys__atomic_replace(const char *path, const char *what,
                       ys__atomic_fill_fn fill, void *data, char *err,
                       size_t err_len) {
  char *dir = atomic_parent(path);
  if (dir == NULL) return atomic_errno_fail(err, err_len, what, path, ENOMEM);
  int rc, errnum = ys_fs_make_dirs(dir);
  if (errnum != 0) {
    rc = atomic_errno_fail(err, err_len, what, path, errnum);
    goto done;
  }
  int lock_fd = atomic_lock(path);
  if (lock_fd < 0) {
    rc = atomic_errno_fail(err, err_len, what, path, errno);
    goto done;
  }
  rc = atomic_write_rename(path, what, fill, data, err, err_len);
  if (rc == 0 && (errnum = atomic_sync_dir(dir)) != 0)
    rc = ys__atomic_fail(err, err_len, YS_EIO, what, path,
                         "saved, but syncing its directory failed: %s",
                         strerror(errnum));
  /* Closing the only descriptor releases the lock. */
  close(lock_fd);
done:
  free(dir);
  return rc;
}
