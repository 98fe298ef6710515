/*
 * perf_session.c — starting, steering and stopping `perf record`
 * (perf_session.h).
 */
#include "perf_session.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../core/error.h"

extern char **environ;

/* How long perf may take to answer a command: it polls its control pipe
 * between writes of its buffers, far more often than this. */
#define ACK_TIMEOUT_MS 10000

/* The first lines of perf's log, flattened onto one line for a message. */
static void log_excerpt(const char *log_path, char *out, size_t len) {
  out[0] = '\0';
  FILE *f = fopen(log_path, "r");
  if (f == NULL) return;
  size_t used = 0;
  char line[512];
  while (used + 2 < len && fgets(line, sizeof(line), f) != NULL) {
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '\0') continue;
    int n = snprintf(out + used, len - used, "%s%s", used ? " / " : "", line);
    if (n < 0) break;
    used += (size_t)n;
  }
  fclose(f);
  if (used >= len) used = len - 1;
  out[used] = '\0';
}

/* Whether perf's log says the kernel refused it for lack of permission. */
static bool log_says_refused(const char *log) {
  return strstr(log, "perf_event_paranoid") != NULL ||
         strstr(log, "Permission denied") != NULL ||
         strstr(log, "Access to performance monitoring") != NULL ||
         strstr(log, "No permission") != NULL;
}

static int paranoid_level(void) {
  FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
  int level = -99;
  if (f != NULL) {
    if (fscanf(f, "%d", &level) != 1) level = -99;
    fclose(f);
  }
  return level;
}

/* The message for a perf that ended before answering. */
static int explain_failure(const char *log_path, char *err, size_t err_len) {
  char log[400];
  log_excerpt(log_path, log, sizeof(log));
  if (log_says_refused(log)) {
    int level = paranoid_level();
    char now[48] = "";
    if (level != -99)
      snprintf(now, sizeof(now), " (kernel.perf_event_paranoid is %d)", level);
    snprintf(err, err_len,
             "perf may not record this process%s: allow it with '%s' (or run "
             "as root); perf said: %s",
             now, YS_PERF_PARANOID_HINT, log);
    return YS_ENOTSUP;
  }
  /* Debian's /usr/bin/perf is a wrapper that looks for the perf of the
   * running kernel and says so when it is not installed. */
  if (strstr(log, "not found for kernel") != NULL ||
      strstr(log, "You may need to install") != NULL) {
    snprintf(err, err_len,
             "perf is not installed for this kernel: install it with '%s'; "
             "perf said: %s",
             YS_PERF_INSTALL_HINT, log);
    return YS_ENOTSUP;
  }
  snprintf(err, err_len, "perf record failed: %s",
           log[0] ? log : "it ended without a message");
  return YS_EIO;
}

/* Clears close-on-exec on the descriptor perf inherits. */
static int keep_on_exec(int fd) {
  int flags = fcntl(fd, F_GETFD);
  return flags < 0 ? -1 : fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC);
}

int ys_perf_session_start(ys_perf_session *s, const char *data_path,
                          const char *log_path, char *err, size_t err_len) {
  memset(s, 0, sizeof(*s));
  s->ctl = s->ack = -1;
  int ctl[2] = {-1, -1}, ack[2] = {-1, -1};
  int log = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log < 0 || pipe2(ctl, O_CLOEXEC) != 0 || pipe2(ack, O_CLOEXEC) != 0 ||
      keep_on_exec(ctl[0]) != 0 || keep_on_exec(ack[1]) != 0) {
    snprintf(err, err_len, "cannot prepare perf's pipes and log %s: %s",
             log_path, strerror(errno));
    if (log >= 0) close(log);
    for (int i = 0; i < 2; i++) {
      if (ctl[i] >= 0) close(ctl[i]);
      if (ack[i] >= 0) close(ack[i]);
    }
    return YS_EIO;
  }
  char control[64], pid[32];
  snprintf(control, sizeof(control), "fd:%d,%d", ctl[0], ack[1]);
  snprintf(pid, sizeof(pid), "%ld", (long)getpid());
  char *argv[] = {"perf",
                  "record",
                  "-e",
                  "cpu-clock",
                  "--call-graph",
                  YS_PERF_CALL_GRAPH,
                  "-D",
                  "-1",
                  "--control",
                  control,
                  "--no-buildid",
                  "--no-buildid-cache",
                  "-o",
                  (char *)data_path,
                  "-p",
                  pid,
                  NULL};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, log, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&fa, log, STDERR_FILENO);
  pid_t child;
  int rc = posix_spawnp(&child, "perf", &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  close(log);
  close(ctl[0]);
  close(ack[1]);
  if (rc != 0) {
    close(ctl[1]);
    close(ack[0]);
    if (rc == ENOENT)
      snprintf(err, err_len,
               "perf not found on PATH: install it with '%s' (Debian, "
               "Ubuntu: the package is linux-perf or linux-tools)",
               YS_PERF_INSTALL_HINT);
    else
      snprintf(err, err_len, "cannot start perf: %s", strerror(rc));
    return rc == ENOENT ? YS_ENOTSUP : YS_EIO;
  }
  s->pid = child;
  s->ctl = ctl[1];
  s->ack = ack[0];
  /* A perf that died makes a write to its control pipe raise SIGPIPE: the
   * write must fail instead, and say so. */
  struct sigaction ign = {.sa_handler = SIG_IGN};
  sigaction(SIGPIPE, &ign, &s->old_pipe);
  if (ys_perf_session_command(s, "ping") != 0) {
    char ignored[8];
    ys_perf_session_stop(s, log_path, ignored, sizeof(ignored));
    return explain_failure(log_path, err, err_len);
  }
  return 0;
}

/* Reads until perf's "ack\n" (it may add a NUL), within ACK_TIMEOUT_MS. */
static int wait_ack(int fd) {
  char seen[8];
  size_t n = 0;
  for (;;) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int ready = poll(&p, 1, ACK_TIMEOUT_MS);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return -1;
    char c;
    ssize_t got = read(fd, &c, 1);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return -1;
    if (c == '\0') continue;
    if (n < sizeof(seen)) seen[n++] = c;
    if (c == '\n') return n == 4 && memcmp(seen, "ack\n", 4) == 0 ? 0 : -1;
  }
}

int ys_perf_session_command(ys_perf_session *s, const char *cmd) {
  if (s->pid == 0 || s->broken) return YS_EIO;
  char line[32];
  int len = snprintf(line, sizeof(line), "%s\n", cmd);
  ssize_t put;
  do
    put = write(s->ctl, line, (size_t)len);
  while (put < 0 && errno == EINTR);
  if (put != len || wait_ack(s->ack) != 0) {
    s->broken = true;
    return YS_EIO;
  }
  return 0;
}

int ys_perf_session_stop(ys_perf_session *s, const char *log_path, char *err,
                         size_t err_len) {
  if (s->pid == 0) return 0;
  kill(s->pid, SIGINT);
  int status = 0;
  while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR) {
  }
  s->pid = 0;
  close(s->ctl);
  close(s->ack);
  s->ctl = s->ack = -1;
  sigaction(SIGPIPE, &s->old_pipe, NULL);
  bool ok = (WIFEXITED(status) && WEXITSTATUS(status) == 0) ||
            (WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);
  if (ok && !s->broken) return 0;
  char log[300];
  log_excerpt(log_path, log, sizeof(log));
  snprintf(err, err_len, "perf record %s: %s",
           s->broken ? "stopped answering" : "failed",
           log[0] ? log : "no message");
  return YS_EIO;
}
