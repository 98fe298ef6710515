#include "fs.h"

#include <dirent.h>
#include <errno.h>
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
