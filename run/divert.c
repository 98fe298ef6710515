#include "divert.h"

#include <stdio.h>
#include <unistd.h>

void ys_divert_begin(ys_divert *d) {
  fflush(stdout);
  d->saved_fd = dup(STDOUT_FILENO);
  if (d->saved_fd < 0) return;
  if (dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    close(d->saved_fd);
    d->saved_fd = -1;
  }
}

void ys_divert_end(ys_divert *d) {
  if (d->saved_fd < 0) return;
  fflush(stdout);
  dup2(d->saved_fd, STDOUT_FILENO);
  close(d->saved_fd);
  d->saved_fd = -1;
}
