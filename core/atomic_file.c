/* atomic_file.c — atomic, locked file replacement; see atomic_file.h. */
#include "atomic_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "fs.h"

int ys_atomic_fail(char *err, size_t err_len, int rc, const char *what,
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
    return ys_atomic_fail(err, err_len, YS_ENOMEM, what, path, "out of memory");
  return ys_atomic_fail(err, err_len, YS_EIO, what, path, "%s",
                        strerror(errnum));
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

/* What follows PATH in the name of a temporary file: PATH.tmp-PID-XXXXXX. */
#define ATOMIC_TMP_MARK ".tmp-"

/* Whether the temporary file `name` (an entry of the folder `dir`, whose
 * name has already matched the file's) was left by a writer that is gone:
 * see ys_atomic_replace. `pid_text` points past ATOMIC_TMP_MARK. */
static bool atomic_is_stale(int dir_fd, const char *name, const char *pid_text,
                            time_t now) {
  char *end;
  errno = 0;
  long pid = strtol(pid_text, &end, 10);
  /* Six characters of mkstemp's follow the PID: anything else is not ours. */
  if (errno != 0 || end == pid_text || pid <= 0 || end[0] != '-' ||
      strlen(end + 1) != 6)
    return false;
  struct stat st;
  if (fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
      !S_ISREG(st.st_mode) || st.st_uid != geteuid())
    return false;
  if (now - st.st_mtime > YS_ATOMIC_STALE_S) return true;
  return (pid_t)pid != getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Removes the temporary files of `path` in `dir` that killed writers left
 * behind. The caller holds the lock, so no live writer of `path` on this
 * machine has one. Errors are ignored: this only tidies up. */
static void atomic_remove_stale(const char *dir, const char *path) {
  const char *slash = strrchr(path, '/');
  const char *base = slash != NULL ? slash + 1 : path;
  size_t base_len = strlen(base), mark_len = strlen(ATOMIC_TMP_MARK);
  DIR *d = opendir(dir);
  if (d == NULL) return;
  time_t now = time(NULL);
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    const char *name = e->d_name;
    if (strncmp(name, base, base_len) != 0 ||
        strncmp(name + base_len, ATOMIC_TMP_MARK, mark_len) != 0)
      continue;
    if (atomic_is_stale(dirfd(d), name, name + base_len + mark_len, now))
      unlinkat(dirfd(d), name, 0);
  }
  closedir(d);
}

/* Fills a new temporary file beside `path`, syncs it and renames it over
 * `path`. The caller holds the lock. Returns 0 or a YS_E* code with err
 * filled; the temporary file never outlives a failure. */
static int atomic_write_rename(const char *path, const char *what,
                               ys_atomic_fill_fn fill, void *data, char *err,
                               size_t err_len) {
  int rc;
  char *tmp = NULL;
  /* The writer's PID in the name lets a later writer tell a file left by a
   * killed one (atomic_remove_stale). */
  if (asprintf(&tmp, "%s" ATOMIC_TMP_MARK "%ld-XXXXXX", path, (long)getpid()) <
      0)
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
    rc = ys_atomic_fail(err, err_len, rc, what, path, "%s", detail);
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

/* Whether the descriptor `fd` is still the file linked at `path`: false
 * once a saver that held the lock before has unlinked it. */
static bool atomic_still_linked(int fd, const char *path) {
  struct stat held, linked;
  if (fstat(fd, &held) != 0 || stat(path, &linked) != 0) return false;
  return held.st_dev == linked.st_dev && held.st_ino == linked.st_ino;
}

/* Opens `lock_path` and waits for an exclusive lock on it. Returns the
 * descriptor (closing it releases the lock) or -1 with errno set.
 *
 * Each saver removes the lock file before it lets go of the lock
 * (atomic_unlock), so that no PATH.lock stays beside a baseline. Removing a
 * file another process may be waiting on is a race: a saver that opened the
 * file before it was removed gets the lock on an inode nobody else will
 * ever lock again, while a third saver creates and locks a fresh PATH.lock.
 * So a saver that got its lock checks that the file it holds is still the
 * one linked at lock_path (same device and inode); when it is not, it drops
 * it and starts over with the file that is there now. Only the holder of the
 * linked file may unlink it, so whoever holds the lock on the file that is
 * linked when it checks holds the one lock that counts. Locking the baseline
 * itself is no alternative (the rename replaces its inode), nor is locking
 * the directory (it would serialise saves of unrelated baselines). */
static int atomic_lock(const char *lock_path) {
  for (;;) {
    int fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return -1;
    int rc;
    while ((rc = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
      continue;
    if (rc != 0) {
      int errnum = errno;
      close(fd);
      errno = errnum;
      return -1;
    }
    if (atomic_still_linked(fd, lock_path)) return fd;
    close(fd); /* unlinked while we waited: lock the file there now */
  }
}

/* Removes the lock file, then releases the lock by closing its only
 * descriptor: in that order, so that a waiter that wakes up finds its file
 * unlinked and starts over (atomic_lock). */
static void atomic_unlock(int fd, const char *lock_path) {
  unlink(lock_path);
  close(fd);
}

int ys_atomic_replace(const char *path, const char *what, unsigned flags,
                      ys_atomic_fill_fn fill, void *data, char *err,
                      size_t err_len) {
  char *dir = ys_fs_parent(path);
  if (dir == NULL) return atomic_errno_fail(err, err_len, what, path, ENOMEM);
  char *lock_path = NULL;
  int rc, errnum = 0;
  if (flags & YS_ATOMIC_MAKE_DIRS) errnum = ys_fs_make_dirs(dir);
  if (errnum != 0) {
    rc = atomic_errno_fail(err, err_len, what, path, errnum);
    goto done;
  }
  if (asprintf(&lock_path, "%s.lock", path) < 0) {
    lock_path = NULL;
    rc = atomic_errno_fail(err, err_len, what, path, ENOMEM);
    goto done;
  }
  int lock_fd = atomic_lock(lock_path);
  if (lock_fd < 0) {
    rc = atomic_errno_fail(err, err_len, what, path, errno);
    goto done;
  }
  atomic_remove_stale(dir, path);
  rc = atomic_write_rename(path, what, fill, data, err, err_len);
  if (rc == 0 && (errnum = atomic_sync_dir(dir)) != 0)
    rc = ys_atomic_fail(err, err_len, YS_EIO, what, path,
                        "saved, but syncing its directory failed: %s",
                        strerror(errnum));
  atomic_unlock(lock_fd, lock_path);
done:
  free(lock_path);
  free(dir);
  return rc;
}

int ys_fill_through_stream(int fd, ys_stream_write_fn write, void *data,
                           char *detail, size_t detail_len) {
  int copy = dup(fd);
  FILE *f = copy >= 0 ? fdopen(copy, "w") : NULL;
  if (f == NULL) {
    int errnum = errno;
    if (copy >= 0) close(copy);
    snprintf(detail, detail_len, "%s", strerror(errnum));
    return errnum == ENOMEM ? YS_ENOMEM : YS_EIO;
  }
  errno = 0;
  int rc = write(f, data);
  int errnum = errno;
  if (fclose(f) != 0 && rc == 0) {
    rc = YS_EIO;
    errnum = errno;
  }
  /* The stream's errno says why a write failed (ENOSPC); the writer's code
   * only that one did. */
  if (rc != 0)
    snprintf(detail, detail_len, "%s",
             rc == YS_EIO && errnum != 0 ? strerror(errnum) : ys_strerror(rc));
  return rc;
}

/* What stream_fill hands on. */
typedef struct stream_job {
  ys_stream_write_fn write;
  void *data;
} stream_job;

/* An ys_atomic_fill_fn over ys_fill_through_stream. */
static int stream_fill(int fd, void *data, char *detail, size_t detail_len) {
  const stream_job *job = data;
  return ys_fill_through_stream(fd, job->write, job->data, detail, detail_len);
}

int ys_atomic_replace_stream(const char *path, const char *what, unsigned flags,
                             ys_stream_write_fn write, void *data, char *err,
                             size_t err_len) {
  stream_job job = {.write = write, .data = data};
  return ys_atomic_replace(path, what, flags, stream_fill, &job, err, err_len);
}
