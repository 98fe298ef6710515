#include "output_file.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "../core/error.h"

FILE *ys_output_open(const char *path, bool *created) {
  /* O_EXCL first, to know whether the file is this run's own. */
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  *created = fd >= 0;
  if (fd < 0 && errno == EEXIST) fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  FILE *f = fdopen(fd, "w");
  if (f == NULL) {
    int saved = errno;
    close(fd);
    if (*created) unlink(path);
    errno = saved;
  }
  return f;
}

int ys_output_truncate(FILE *f) {
  if (fflush(f) != 0 || ftruncate(fileno(f), 0) != 0 ||
      fseek(f, 0, SEEK_SET) != 0)
    return YS_EIO;
  return 0;
}

void ys_output_discard(FILE *f, const char *path, bool created) {
  fclose(f);
  if (created) unlink(path);
}
