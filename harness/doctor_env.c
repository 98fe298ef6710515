/*
 * doctor_env.c — the real machine behind ys_doctor_env (doctor_env.h).
 */
#include "doctor_env.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int env_perf_open(uint32_t type, uint64_t config) {
  struct perf_event_attr attr;
  memset(&attr, 0, sizeof(attr));
  attr.size = sizeof(attr);
  attr.type = type;
  attr.config = config;
  attr.disabled = 1;
  /* What the perf collector asks for: this process, user space only, so
   * that perf_event_paranoid 2 (Debian's default) allows it. */
  attr.exclude_kernel = 1;
  attr.exclude_hv = 1;
  long fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
  if (fd < 0) return errno;
  close((int)fd);
  return 0;
}

/* Runs "PROGRAM --version" with stdin and stderr on /dev/null, reading its
 * stdout through a pipe. No shell: the name is never interpreted. */
static bool env_version_of(const char *program, char *out, size_t len) {
  out[0] = '\0';
  int fds[2];
  if (pipe(fds) != 0) return false;
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return false;
  }
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    FILE *null_in = freopen("/dev/null", "r", stdin);
    FILE *null_err = freopen("/dev/null", "w", stderr);
    (void)null_in;
    (void)null_err;
    execlp(program, program, "--version", (char *)NULL);
    _exit(127);
  }
  close(fds[1]);
  FILE *f = fdopen(fds[0], "r");
  bool got = false;
  if (f != NULL) {
    got = fgets(out, (int)len, f) != NULL;
    /* Drain the rest so the child never blocks on a full pipe. */
    char sink[256];
    while (fgets(sink, sizeof(sink), f) != NULL) {
    }
    fclose(f);
  } else {
    close(fds[0]);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  out[strcspn(out, "\n")] = '\0';
  bool ok = got && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!ok) out[0] = '\0';
  return ok;
}

static void env_pause(double seconds) {
  struct timespec ts = {(time_t)seconds,
                        (long)((seconds - (double)(time_t)seconds) * 1e9)};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

ys_doctor_env ys_doctor_env_default(void) {
  const char *root = getenv(YS_DOCTOR_ROOT_ENV);
  ys_doctor_env env = {
      .root = root != NULL ? root : "",
      .perf_open = env_perf_open,
      .version_of = env_version_of,
      .pause = env_pause,
  };
  return env;
}

bool ys_doctor_path(const ys_doctor_env *env, const char *path, char *out,
                    size_t len) {
  int n = snprintf(out, len, "%s%s", env->root, path);
  return n >= 0 && (size_t)n < len;
}

bool ys_doctor_read_text(const ys_doctor_env *env, const char *path, char *out,
                         size_t len) {
  out[0] = '\0';
  char full[4096];
  if (!ys_doctor_path(env, path, full, sizeof(full))) return false;
  FILE *f = fopen(full, "r");
  if (f == NULL) return false;
  size_t n = fread(out, 1, len - 1, f);
  bool ok = !ferror(f);
  fclose(f);
  out[ok ? n : 0] = '\0';
  return ok;
}

bool ys_doctor_read_line(const ys_doctor_env *env, const char *path, char *out,
                         size_t len) {
  char text[512];
  if (!ys_doctor_read_text(env, path, text, sizeof(text))) {
    out[0] = '\0';
    return false;
  }
  text[strcspn(text, "\n")] = '\0';
  snprintf(out, len, "%s", text);
  return true;
}

bool ys_doctor_exists(const ys_doctor_env *env, const char *path) {
  char full[4096];
  return ys_doctor_path(env, path, full, sizeof(full)) &&
         access(full, F_OK) == 0;
}
