/*
 * exec_spawn.c — one run of one command, timed and accounted (see
 * exec_spawn.h). vfork and execvp rather than posix_spawnp: the child must
 * ask to die with this process (PR_SET_PDEATHSIG), which no spawn
 * attribute does. With perf events, fork instead: the counters must be
 * opened on the child after it exists and before it execs, which a
 * vfork parent, suspended until the exec, cannot do; a pipe then gives
 * the child its go. Either way a failed exec is reported as an error, as
 * posix_spawnp would, instead of a child exiting 127.
 */
#include "exec_spawn.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../collectors/callgrind_file.h"
#include "../collectors/perf.h"
#include "../core/clock.h"
#include "../core/error.h"
#include "../run/interrupt.h"

static double timespec_ns(const struct timespec *t) {
  return (double)t->tv_sec * 1e9 + (double)t->tv_nsec;
}

static double timeval_ns(const struct timeval *t) {
  return (double)t->tv_sec * 1e9 + (double)t->tv_usec * 1e3;
}

/* Seconds a timed-out command's process group has, after SIGTERM, to end
 * before SIGKILL: enough for a program to remove its temporary files,
 * short enough that a hung one does not hold up the invocation. */
#define KILL_GRACE_S 1.0

/* How a wait for a process ended. */
typedef enum wait_end { ENDED, TIMED_OUT, INTERRUPTED } wait_end;

/* Polls pidfd `fd` until it is readable (the process ended) or `timeout_s`
 * has passed (< 0: no limit), resuming after a signal with what is left.
 * With `stop_on_interrupt`, a SIGINT or SIGTERM (run/interrupt.h) ends the
 * wait too: the two are blocked but during ppoll, so one that arrives
 * between the check of the flag and the wait still wakes it. */
static wait_end pidfd_wait(int fd, double timeout_s, bool stop_on_interrupt) {
  sigset_t stop, old;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  sigprocmask(SIG_BLOCK, &stop, &old);
  double deadline = ys_clock_now_s() + timeout_s;
  wait_end end = ENDED;
  for (;;) {
    if (stop_on_interrupt && ys_interrupted()) {
      end = INTERRUPTED;
      break;
    }
    double left = deadline - ys_clock_now_s();
    if (left < 0) left = 0;
    struct timespec ts = {(time_t)left,
                          (long)((left - (double)(time_t)left) * 1e9)};
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int rc = ppoll(&p, 1, timeout_s < 0 ? NULL : &ts, &old);
    if (rc == 0) end = TIMED_OUT;
    if (rc >= 0 || errno != EINTR) break; /* an error: let wait4 block */
  }
  sigprocmask(SIG_SETMASK, &old, NULL);
  return end;
}

/* Ends process group `pgid` (the command and every process it started
 * that stayed in its group): SIGTERM, so that each can clean up, then,
 * once the leader has ended or KILL_GRACE_S has passed, SIGKILL for what
 * is left (a grandchild that ignores SIGTERM, or outlives its parent).
 * `fd` is the leader's pidfd, or -1. */
static void end_group(pid_t pgid, int fd) {
  kill(-pgid, SIGTERM);
  if (fd >= 0) pidfd_wait(fd, KILL_GRACE_S, false);
  /* Before the leader is reaped, so that its pid, the group's id, cannot
   * have been reused. ESRCH when all are gone: nothing to do. */
  kill(-pgid, SIGKILL);
}

/* Waits for command `pid`, started at t0 in a process group of its own,
 * as ys_exec_spawn describes (timeout, stop signals, the group ended),
 * reaps it and fills *out. Returns 0 or wait4's errno. */
static int await_command(pid_t pid, const struct timespec *t0, double timeout_s,
                         bool interruptible, ys_exec_outcome *out) {
  /* A pidfd becomes readable when the process ends: the wait costs no
   * polling, sees the exit at once, and wakes for a timeout or a stop
   * signal. The command is in a group of its own, so a terminal's Ctrl-C
   * reaches this process alone, which must then end the command's group.
   * Without pidfds (Linux before 5.3) wait4 waits; an interrupt ends the
   * group there, but a timeout is not kept. */
  int fd = (int)syscall(SYS_pidfd_open, pid, 0);
  wait_end end =
      fd >= 0 ? pidfd_wait(fd, timeout_s > 0 ? timeout_s : -1, interruptible)
              : ENDED;
  if (end != ENDED) end_group(pid, fd);
  if (fd >= 0) close(fd);
  int status = 0;
  struct rusage ru;
  pid_t got;
  for (;;) {
    got = wait4(pid, &status, 0, &ru);
    if (got >= 0 || errno != EINTR) break;
    if (fd < 0 && interruptible && end == ENDED && ys_interrupted()) {
      end = INTERRUPTED;
      end_group(pid, -1);
    }
  }
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  if (got < 0) return errno;
  out->wall_ns = timespec_ns(&t1) - timespec_ns(t0);
  out->user_ns = timeval_ns(&ru.ru_utime);
  out->system_ns = timeval_ns(&ru.ru_stime);
  out->max_rss_kib = (double)ru.ru_maxrss; /* kilobytes on Linux */
  out->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  out->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  out->timed_out = end == TIMED_OUT;
  out->interrupted = end == INTERRUPTED;
  return 0;
}

/* A child's standard streams, between fork (or vfork) and exec: stdin
 * from io->input (or /dev/null), stdout and stderr to this process's
 * stderr or to /dev/null. System calls only. Returns 0, or the errno of
 * an input that cannot be opened. */
static int child_streams(const ys_exec_io *io) {
  int in =
      open(io->input != NULL ? io->input : "/dev/null", O_RDONLY | O_CLOEXEC);
  if (in < 0) return errno;
  /* dup2 onto another descriptor clears close-on-exec; onto itself (this
   * process had no stdin) it does not, so that is cleared by hand. */
  if (in == STDIN_FILENO)
    fcntl(in, F_SETFD, 0);
  else
    dup2(in, STDIN_FILENO);
  if (io->show_output) {
    dup2(STDERR_FILENO, STDOUT_FILENO);
  } else {
    int null_out = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null_out >= 0) {
      dup2(null_out, STDOUT_FILENO);
      dup2(null_out, STDERR_FILENO);
    }
  }
  return 0;
}

/* The child's side of a run, between fork and exec: it dies with this
 * process (`parent`), leads a process group of its own, takes its streams
 * from `io`, waits for the parent's go (its perf counters open on it, if
 * any), then execs. A failed exec or open sends its errno on `report`
 * (close-on-exec: EOF means the exec happened). Only async-signal-safe
 * calls, as after any fork. Never returns. */
static void child_exec(char *const argv[], const ys_exec_io *io, pid_t parent,
                       int go, int report) {
  /* A bench killed by SIGKILL cannot end the command: the kernel does,
   * with SIGKILL, when this child's parent dies. The death signal is kept
   * across exec (not for a set-user-ID program). A parent that died
   * before the call left this child to another: it ends at once. */
  if (!io->outlives_bench) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
  }
  setpgid(0, 0);
  int failed = child_streams(io);
  if (failed != 0) {
    /* Reported as posix_spawnp reports a failed file action. */
    ssize_t w = write(report, &failed, sizeof(failed));
    (void)w;
    _exit(127);
  }
  char byte;
  ssize_t got;
  do {
    got = read(go, &byte, 1);
  } while (got < 0 && errno == EINTR);
  int e = ECANCELED; /* the parent closed the pipe without a go */
  if (got == 1) {
    if (io->program != NULL)
      execv(io->program, argv);
    else
      execvp(argv[0], argv);
    e = errno;
  }
  ssize_t w = write(report, &e, sizeof(e));
  (void)w;
  _exit(127);
}

/* Ends a child that never got its go, and reaps it. */
static void abandon_child(pid_t pid) {
  kill(pid, SIGKILL);
  while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
  }
}

/* The signals this program may catch while a command starts
 * (run/interrupt.h, run/deadline.h): a vfork child must not run their
 * handlers, which would write to this process's memory. */
static const int caught_signals[] = {SIGINT, SIGTERM, SIGALRM, SIGHUP, SIGQUIT};

/* The vfork child's side of a run: as child_exec, without the go (no
 * perf event waits for it) and with the exec's errno left in `failed`,
 * which the parent reads once it resumes (the memory is shared). Signals
 * arrive blocked: the caught ones go back to their default action here,
 * where nothing of the parent's can run, and the mask is restored for the
 * command. Only system calls, as a vfork child may make. */
static void vfork_child_exec(char *const argv[], const ys_exec_io *io,
                             pid_t parent, const sigset_t *mask,
                             volatile int *failed) {
  if (!io->outlives_bench) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
  }
  setpgid(0, 0);
  struct sigaction dfl = {.sa_handler = SIG_DFL};
  for (size_t i = 0; i < sizeof(caught_signals) / sizeof(caught_signals[0]);
       i++) {
    struct sigaction now;
    if (sigaction(caught_signals[i], NULL, &now) == 0 &&
        now.sa_handler != SIG_DFL && now.sa_handler != SIG_IGN)
      sigaction(caught_signals[i], &dfl, NULL);
  }
  int e = child_streams(io);
  if (e != 0) {
    *failed = e;
    _exit(127);
  }
  sigprocmask(SIG_SETMASK, mask, NULL);
  if (io->program != NULL)
    execv(io->program, argv);
  else
    execvp(argv[0], argv);
  *failed = errno;
  _exit(127);
}

/* A run without perf events: started with vfork, as posix_spawn starts
 * a program. A fork would copy this process's page tables, and the exec
 * would then tear the copy down inside the timed window: a millisecond
 * or more on a short command, which hyperfine's spawn does not pay. The
 * clock starts before the vfork, as a spawn's would. */
static int spawn_vfork(char *const argv[], const ys_exec_io *io,
                       double timeout_s, bool interruptible,
                       ys_exec_outcome *out) {
  sigset_t all, old;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &old);
  volatile int failed = 0;
  pid_t parent = getpid();
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = vfork();
  if (pid == 0) vfork_child_exec(argv, io, parent, &old, &failed);
  int e = pid < 0 ? errno : 0;
  sigprocmask(SIG_SETMASK, &old, NULL);
  if (e != 0) return e;
  /* Also set here: the group exists before this process could signal it
   * (the child set it already, before this process resumed). */
  setpgid(pid, pid);
  if (failed != 0) {
    /* As posix_spawnp reports it: ENOENT, EACCES... */
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
    }
    return failed;
  }
  return await_command(pid, &t0, timeout_s, interruptible, out);
}

int ys_exec_spawn(char *const argv[], const ys_exec_io *io, double timeout_s,
                  bool interruptible, ys_exec_outcome *out) {
  char err[300];
  return ys_exec_spawn_counted(argv, io, timeout_s, interruptible, NULL, 0, out,
                               NULL, err, sizeof(err));
}

int ys_exec_spawn_counted(char *const argv[], const ys_exec_io *io,
                          double timeout_s, bool interruptible,
                          const size_t *events, size_t n_events,
                          ys_exec_outcome *out, double *counts, char *err,
                          size_t err_len) {
  if (n_events == 0)
    return spawn_vfork(argv, io, timeout_s, interruptible, out);
  int fds[YS_PERF_MAX_EVENTS];
  int go[2], report[2];
  if (n_events > YS_PERF_MAX_EVENTS)
    return ys_error_set(err, err_len, EINVAL, "too many perf events");
  if (pipe2(go, O_CLOEXEC) != 0) return errno;
  if (pipe2(report, O_CLOEXEC) != 0) {
    int e = errno;
    close(go[0]);
    close(go[1]);
    return e;
  }
  pid_t parent = getpid();
  struct timespec t0;
  pid_t pid = fork();
  if (pid == 0) child_exec(argv, io, parent, go[0], report[1]);
  int e = pid < 0 ? errno : 0;
  close(go[0]);
  close(report[1]);
  size_t opened = 0;
  if (pid > 0) {
    /* Also set here, so that the group exists before this process could
     * signal it, whichever of the two runs first. */
    setpgid(pid, pid);
    for (; opened < n_events; opened++) {
      fds[opened] = ys_perf_open_command_event(events[opened], pid);
      if (fds[opened] < 0) break;
    }
    if (opened < n_events) {
      e = errno;
      char why[300];
      ys_perf_describe_unavailable(&events[opened], &e, 1, "", why,
                                   sizeof(why));
      ys_error_set(err, err_len, e, "cannot count perf event %s", why);
      abandon_child(pid);
    }
  }
  /* The clock starts at the go, not before the fork: copying this
   * process's page tables, the child's set-up and the perf events are
   * this program's cost, not the command's, and a spawn as hyperfine's
   * leaves them out too. The exec itself stays inside. */
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if (e == 0) {
    ssize_t w = write(go[1], "x", 1);
    (void)w; /* the child sees EOF instead and reports ECANCELED */
  }
  close(go[1]);
  if (e == 0) {
    int exec_errno;
    ssize_t got;
    do {
      got = read(report[0], &exec_errno, sizeof(exec_errno));
    } while (got < 0 && errno == EINTR);
    if (got == (ssize_t)sizeof(exec_errno)) {
      e = exec_errno; /* as posix_spawnp reports it: ENOENT, EACCES... */
      while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
      }
    } else {
      e = await_command(pid, &t0, timeout_s, interruptible, out);
    }
  }
  close(report[0]);
  for (size_t i = 0; i < opened; i++) {
    if (e == 0 && ys_perf_read_command_event(fds[i], &counts[i]) != 0)
      e = ys_error_set(err, err_len, EIO,
                       "perf event %s: no count could be read",
                       ys_perf_event_metric(events[i]).name);
    close(fds[i]);
  }
  return e;
}

/* What `path` is, as a program to run. */
static ys_exec_lookup look_at(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) return YS_EXEC_NOT_FOUND;
  if (S_ISDIR(st.st_mode)) return YS_EXEC_IS_DIRECTORY;
  if (!S_ISREG(st.st_mode) || access(path, X_OK) != 0)
    return YS_EXEC_NOT_EXECUTABLE;
  return YS_EXEC_FOUND;
}

ys_exec_lookup ys_exec_look_up(const char *file, char *where,
                               size_t where_len) {
  if (where_len > 0) where[0] = '\0';
  if (file[0] == '\0') return YS_EXEC_NOT_FOUND;
  if (strchr(file, '/') != NULL) {
    ys_exec_lookup found = look_at(file);
    if (found != YS_EXEC_NOT_FOUND) snprintf(where, where_len, "%s", file);
    return found;
  }
  const char *path = getenv("PATH");
  if (path == NULL) path = "/usr/local/bin:/usr/bin:/bin";
  /* The enum's order is its preference: the best find is kept. */
  ys_exec_lookup best = YS_EXEC_NOT_FOUND;
  for (const char *p = path;;) {
    size_t len = strcspn(p, ":");
    char full[4096];
    /* An empty entry is the current directory, as for execvp. */
    int n = len == 0
                ? snprintf(full, sizeof(full), "./%s", file)
                : snprintf(full, sizeof(full), "%.*s/%s", (int)len, p, file);
    if (n > 0 && (size_t)n < sizeof(full)) {
      ys_exec_lookup found = look_at(full);
      if (found == YS_EXEC_FOUND) {
        snprintf(where, where_len, "%s", full);
        return found;
      }
      if (found < best) {
        best = found;
        snprintf(where, where_len, "%s", full);
      }
    }
    if (p[len] == '\0') return best;
    p += len + 1;
  }
}

bool ys_exec_findable(const char *file) {
  char where[8];
  return ys_exec_look_up(file, where, sizeof(where)) == YS_EXEC_FOUND;
}

const char *ys_exec_signal_name(int sig, char *buf, size_t len) {
  const char *abbrev = sigabbrev_np(sig);
  if (abbrev != NULL)
    snprintf(buf, len, "SIG%s", abbrev);
  else
    snprintf(buf, len, "signal %d", sig);
  return buf;
}

/* Adds the Ir totals of callgrind output file `path` to *sum. Returns 0 or
 * YS_EFORMAT. */
static int add_file_instructions(const char *path, uint64_t *sum) {
  FILE *f = fopen(path, "r");
  if (f == NULL) return YS_EFORMAT;
  ys_callgrind_events events = {0};
  int column = -1;
  bool found = false;
  char *line = NULL;
  size_t cap = 0;
  int rc = 0;
  while (rc == 0 && getline(&line, &cap, f) > 0) {
    int e = ys_callgrind_file_events(line, &events);
    if (e < 0) rc = YS_EFORMAT;
    if (e == 1) column = ys_callgrind_file_find(&events, "Ir");
    uint64_t totals[YS_CALLGRIND_MAX_EVENTS];
    int t = column >= 0 ? ys_callgrind_file_totals(line, events.n, totals) : 0;
    if (t < 0) rc = YS_EFORMAT;
    if (t == 1) {
      *sum += totals[column];
      found = true;
    }
  }
  free(line);
  fclose(f);
  return rc == 0 && found ? 0 : YS_EFORMAT;
}

int ys_exec_spawn_callgrind(char *const argv[], const ys_exec_io *io,
                            bool trace_children, double timeout_s,
                            ys_exec_outcome *out, uint64_t *instructions,
                            char *err, size_t err_len) {
  const char *tmp = getenv("TMPDIR");
  char dir[4096];
  snprintf(dir, sizeof(dir), "%s/yardstick-exec-XXXXXX",
           tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
  if (mkdtemp(dir) == NULL)
    return ys_error_set(err, err_len, YS_EIO,
                        "cannot create a folder in %s: %s",
                        tmp != NULL ? tmp : "/tmp", strerror(errno));
  size_t n = 0;
  while (argv[n] != NULL)
    n++;
  char **vg = calloc(n + 6, sizeof(*vg));
  char out_file[4200];
  snprintf(out_file, sizeof(out_file), "--callgrind-out-file=%s/cg.%%p", dir);
  int rc = 0;
  if (vg == NULL) rc = YS_ENOMEM;
  if (rc == 0) {
    size_t k = 0;
    vg[k++] = "valgrind";
    vg[k++] = "--tool=callgrind";
    vg[k++] = out_file;
    if (trace_children) vg[k++] = "--trace-children=yes";
    vg[k++] = "--";
    for (size_t i = 0; i < n; i++)
      vg[k++] = argv[i];
    vg[k] = NULL;
    /* valgrind is looked up in PATH; the command's own program is
     * valgrind's to find. */
    ys_exec_io under = *io;
    under.program = NULL;
    rc = ys_exec_spawn(vg, &under, timeout_s, true, out);
    if (rc != 0)
      ys_error_set(err, err_len, rc, "cannot start valgrind: %s", strerror(rc));
  }
  free(vg);
  /* Every process callgrind counted left one file: add them all up, and
   * leave nothing behind. */
  *instructions = 0;
  bool any = false;
  DIR *d = opendir(dir);
  struct dirent *e;
  while (d != NULL && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    char path[8400];
    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
    if (rc == 0 && add_file_instructions(path, instructions) == 0) any = true;
    unlink(path);
  }
  if (d != NULL) closedir(d);
  rmdir(dir);
  if (rc == 0 && !any)
    rc = ys_error_set(err, err_len, YS_EFORMAT,
                      "callgrind left no instruction count");
  return rc;
}
