#include "fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int ys_fs_make_dirs(const char *dir) {
  char path[PATH_MAX];
  int n = snprintf(path, sizeof(path), "%s", dir);
  if (n < 0 || (size_t)n >= sizeof(path)) return ENAMETOOLONG;
  for (char *p = path + 1; *p != '\0'; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(path, 0777) != 0 && errno != EEXIST) return errno;
    *p = '/';
  }
  if (mkdir(path, 0777) != 0 && errno != EEXIST) return errno;
  /* EEXIST also covers a file of that name: only a folder will do. */
  struct stat st;
  if (stat(path, &st) != 0) return errno;
  return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
}

void ys_fs_remove_flat_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (d != NULL) {
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
      char path[PATH_MAX];
      int n = snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
      if (n > 0 && (size_t)n < sizeof(path)) unlink(path);
    }
    closedir(d);
  }
  rmdir(dir);
}

char *ys_fs_parent(const char *path) {
  const char *slash = strrchr(path, '/');
  if (slash == NULL) return strdup(".");
  /* Several slashes in a row separate one folder. */
  while (slash > path && slash[-1] == '/')
    slash--;
  if (slash == path) return strdup("/");
  return strndup(path, (size_t)(slash - path));
}

/* realpath of `path`'s folder, '/', and its last component: one spelling of
 * a file that need not exist yet. NULL when the folder cannot be resolved
 * or memory runs out; the caller frees. */
static char *fs_canonical(const char *path) {
  char *dir = ys_fs_parent(path);
  char *real = dir != NULL ? realpath(dir, NULL) : NULL;
  free(dir);
  if (real == NULL) return NULL;
  const char *slash = strrchr(path, '/');
  const char *base = slash != NULL ? slash + 1 : path;
  char *out = NULL;
  if (asprintf(&out, "%s/%s", real, base) < 0) out = NULL;
  free(real);
  return out;
}

bool ys_fs_same_file(const char *a, const char *b) {
  struct stat sa, sb;
  bool has_a = stat(a, &sa) == 0, has_b = stat(b, &sb) == 0;
  if (has_a && has_b) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  if (has_a != has_b) return false;
  char *ca = fs_canonical(a), *cb = fs_canonical(b);
  bool same =
      ca != NULL && cb != NULL ? strcmp(ca, cb) == 0 : strcmp(a, b) == 0;
  free(ca);
  free(cb);
  return same;
}

unsigned ys_fs_hold_std_fds(void) {
  unsigned closed = 0;
  for (int fd = 0; fd <= 2; fd++) {
    if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    closed |= 1u << fd;
    /* open returns the lowest free descriptor: this one. */
    int got = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
    if (got >= 0 && got != fd) close(got);
  }
  return closed;
}

int ys_fs_check_dir_writable(const char *dir) {
  char *at = strdup(dir);
  if (at == NULL) return ENOMEM;
  struct stat st;
  int rc;
  /* Up to the nearest folder that exists: the save would make the rest. */
  while ((rc = stat(at, &st) != 0 ? errno : 0) == ENOENT &&
         strcmp(at, ".") != 0 && strcmp(at, "/") != 0) {
    char *up = ys_fs_parent(at);
    free(at);
    if ((at = up) == NULL) return ENOMEM;
  }
  if (rc == 0 && !S_ISDIR(st.st_mode)) rc = ENOTDIR;
  if (rc == 0 && access(at, W_OK | X_OK) != 0) rc = errno;
  free(at);
  return rc;
}
