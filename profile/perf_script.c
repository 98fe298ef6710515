/*
 * perf_script.c — `perf script` as a pipe into the folder
 * (perf_script.h).
 */
#include "perf_script.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../core/error.h"

extern char **environ;

int ys_perf_script_fold(const char *data_path, const char *log_path,
                        const ys_stack_target *target, ys_folded *out,
                        ys_sample_tally *tally, char *err, size_t err_len) {
  int fds[2];
  int log = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log < 0 || pipe2(fds, O_CLOEXEC) != 0) {
    snprintf(err, err_len, "cannot run perf script: %s", strerror(errno));
    if (log >= 0) close(log);
    return YS_EIO;
  }
  /* Symbols only: perf would otherwise ask addr2line for inlined frames
   * and source lines, which costs minutes on large files. */
  char *argv[] = {"perf",        "script",
                  "-i",          (char *)data_path,
                  "-F",          "comm,tid,period,ip,sym,symoff,dso",
                  "--no-inline", NULL};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&fa, log, STDERR_FILENO);
  pid_t child;
  int rc = posix_spawnp(&child, "perf", &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  close(fds[1]);
  close(log);
  if (rc != 0) {
    close(fds[0]);
    snprintf(err, err_len, "cannot run perf script: %s", strerror(rc));
    return YS_EIO;
  }
  FILE *in = fdopen(fds[0], "r");
  int folded =
      in != NULL ? ys_perf_stacks_fold(in, target, out, tally) : YS_ENOMEM;
  if (in != NULL)
    fclose(in);
  else
    close(fds[0]);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (folded != 0) {
    snprintf(err, err_len, "reading perf script's output: %s",
             ys_strerror(folded));
    return folded;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    snprintf(err, err_len, "perf script failed on %s (its messages: %s)",
             data_path, log_path);
    return YS_EIO;
  }
  return 0;
}
