/*
 * valgrind_launch.c — runs the benchmark program again under valgrind's
 * callgrind tool, with the same arguments, for the callgrind collector
 * (docs/collectors.md): one valgrind process for the whole suite, ASLR off,
 * the output and log files in a temporary folder (or --callgrind-out), and
 * valgrind's end turned into this program's exit code.
 */
#include "valgrind_launch.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <valgrind/valgrind.h>

#include "../collectors/callgrind.h"
#include "../collectors/callgrind_split.h"
#include "../core/fs.h"
#include "exit_codes.h"

/* "--KEY=DIR/NAME" with every '%' of DIR doubled, since valgrind expands
 * %p and %q{VAR} in file names. Caller frees. */
static char *file_option(const char *key, const char *dir, const char *name) {
  size_t percents = 0;
  for (const char *p = dir; *p != '\0'; p++)
    percents += *p == '%';
  size_t len = strlen(key) + strlen(dir) + percents + strlen(name) + 2;
  char *opt = malloc(len);
  if (opt == NULL) return NULL;
  char *w = opt + sprintf(opt, "%s", key);
  for (const char *p = dir; *p != '\0'; p++) {
    *w++ = *p;
    if (*p == '%') *w++ = '%';
  }
  sprintf(w, "/%s", name);
  return opt;
}

/* The child: runs valgrind on this program, or says why it cannot. */
static void exec_valgrind(char **vargv, const char *dir) {
  /* If this process dies without forwarding a signal (SIGKILL), valgrind
   * and the program under it must not run on as orphans. */
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  /* The same addresses every run, so that nothing that depends on them
   * (hashing pointers, alignment of the stack) changes the counts. */
  int persona = personality(0xffffffff);
  if (persona != -1) personality((unsigned long)persona | ADDR_NO_RANDOMIZE);
  if (setenv(YS_CALLGRIND_DIR_ENV, dir, 1) != 0) _exit(YS_EXIT_USAGE);
  execvp(vargv[0], vargv);
  if (errno == ENOENT)
    fprintf(stderr, "--collector callgrind: valgrind is not installed "
                    "(apt-get install valgrind)\n");
  else
    fprintf(stderr, "--collector callgrind: cannot run valgrind: %s\n",
            strerror(errno));
  _exit(YS_EXIT_USAGE);
}

/* Whether valgrind's log says the program hit an instruction it cannot
 * run, and copies the lines about its death to stderr. */
static bool explain_log(const char *log_path) {
  FILE *f = fopen(log_path, "r");
  if (f == NULL) return false;
  bool sigill = false;
  char line[1024];
  while (fgets(line, sizeof(line), f) != NULL) {
    if (strstr(line, "SIGILL") != NULL ||
        strstr(line, "Illegal instruction") != NULL ||
        strstr(line, "unhandled instruction bytes") != NULL)
      sigill = true;
    if (strstr(line, "Process terminating") != NULL ||
        strstr(line, "unhandled instruction") != NULL ||
        strstr(line, "   at 0x") != NULL)
      fputs(line, stderr);
  }
  fclose(f);
  return sigill;
}

/* The valgrind child while this process waits for it; 0 otherwise (and in
 * the child itself, where the handler must signal nothing). */
static volatile pid_t waited_child;

/* The stop signal this process received while it waited, 0 when none. */
static volatile sig_atomic_t stop_signal;

/* Passes a stop signal on to valgrind, which passes it to the program: the
 * program then stops between rounds, reports what it measured and exits
 * with 128 + the signal (run/interrupt.h), and this process returns that. */
static void forward_signal(int sig) {
  stop_signal = sig;
  if (waited_child > 0) kill(waited_child, sig);
}

static const int forwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define N_FORWARDED (sizeof(forwarded) / sizeof(forwarded[0]))

/* Waits for the child, forwarding SIGINT, SIGTERM, SIGHUP and SIGQUIT to
 * it, so that a signal sent to this process alone (kill PID) reaches
 * valgrind too, instead of leaving it orphaned. */
static int wait_child(pid_t pid, int *status) {
  struct sigaction fwd, old[N_FORWARDED];
  memset(&fwd, 0, sizeof(fwd));
  fwd.sa_handler = forward_signal;
  sigemptyset(&fwd.sa_mask);
  waited_child = pid;
  stop_signal = 0;
  for (size_t i = 0; i < N_FORWARDED; i++)
    sigaction(forwarded[i], &fwd, &old[i]);
  pid_t got;
  do
    got = waitpid(pid, status, 0);
  while (got < 0 && errno == EINTR);
  waited_child = 0;
  for (size_t i = 0; i < N_FORWARDED; i++)
    sigaction(forwarded[i], &old[i], NULL);
  return got < 0 ? -1 : 0;
}

/* Turns how valgrind ended into this program's exit code. */
static int exit_code_of(int status, const char *dir) {
  /* A stop signal sent to this process ends the run as one sent to an
   * uninstrumented run does, 128 + the signal, however the program under
   * valgrind ended: it may have been killed by it before it installed its
   * own handlers (valgrind still starting up on a loaded machine). */
  if (stop_signal != 0) return 128 + stop_signal;
  char log_path[PATH_MAX + 16];
  snprintf(log_path, sizeof(log_path), "%s/valgrind.log", dir);
  bool ended_badly =
      WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0);
  if (ended_badly && access(log_path, F_OK) != 0) {
    /* No log: valgrind stopped before it ran the program (it could not
     * create its files, say), so its status is valgrind's, not the run's,
     * and must not pass for "regressed" (1). */
    fprintf(stderr,
            "--collector callgrind: valgrind did not start the program "
            "(see its message above; files go to %s)\n",
            dir);
    return YS_EXIT_USAGE;
  }
  bool sigill = ended_badly && explain_log(log_path);
  if (sigill) {
    fprintf(stderr, "--collector callgrind: valgrind cannot run an "
                    "instruction of this program (e.g. AVX-512): build the "
                    "benchmarks without it (-march=x86-64-v3 or lower)\n");
    return YS_EXIT_BENCH_FAILED;
  }
  if (WIFSIGNALED(status)) {
    fprintf(stderr,
            "--collector callgrind: the program was killed by signal %d (%s) "
            "under valgrind\n",
            WTERMSIG(status), strsignal(WTERMSIG(status)));
    return YS_EXIT_BENCH_FAILED;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : YS_EXIT_BENCH_FAILED;
}

/* With --callgrind-out: one file per benchmark beside the combined one,
 * so that callgrind_annotate shows one benchmark's measured cost. A failure
 * costs only those files: it is said, and the run's exit code stands. */
static void split_raw_file(const char *dir, pid_t pid) {
  char combined[PATH_MAX + 32], err[PATH_MAX + 160];
  snprintf(combined, sizeof(combined), "%s/cg.%ld.out", dir, (long)pid);
  if (ys_callgrind_split(combined, dir, err, sizeof(err)) < 0)
    fprintf(stderr, "--callgrind-out: %s\n", err);
}

/* The folder for callgrind's output and log: --callgrind-out (created
 * when missing), else a new temporary folder. Writes it into dir (len
 * bytes). Returns 0, or -1 after saying why on stderr. */
static int output_dir(const ys_collector_options *opts, char *dir, size_t len) {
  if (opts->callgrind_out == NULL) {
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, len, "%s/yardstick-callgrind.XXXXXX",
             tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
      fprintf(stderr, "--collector callgrind: cannot create %s: %s\n", dir,
              strerror(errno));
      return -1;
    }
    return 0;
  }
  int err = ys_fs_make_dirs(opts->callgrind_out);
  if (err != 0) {
    fprintf(stderr, "--callgrind-out: cannot create %s: %s\n",
            opts->callgrind_out, strerror(err));
    return -1;
  }
  snprintf(dir, len, "%s", opts->callgrind_out);
  /* valgrind says only that it cannot create its log, and exits with 1,
   * which would read as "regressed": try first, and name the folder. */
  char probe[PATH_MAX + 32];
  snprintf(probe, sizeof(probe), "%s/.yardstick-probe.XXXXXX", dir);
  int fd = mkstemp(probe);
  if (fd < 0) {
    fprintf(stderr, "--callgrind-out: cannot write into %s: %s\n", dir,
            strerror(errno));
    return -1;
  }
  close(fd);
  unlink(probe);
  return 0;
}

int ys_valgrind_relaunch(int argc, char **argv,
                         const ys_collector_options *opts) {
  if (RUNNING_ON_VALGRIND) return -1;
  char exe[PATH_MAX];
  ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  if (len <= 0) {
    fprintf(stderr, "--collector callgrind: cannot find this program: %s\n",
            strerror(errno));
    return YS_EXIT_USAGE;
  }
  exe[len] = '\0';

  char dir[PATH_MAX];
  bool temporary = opts->callgrind_out == NULL;
  if (output_dir(opts, dir, sizeof(dir)) != 0) return YS_EXIT_USAGE;

  int code = YS_EXIT_USAGE;
  char *out_opt = file_option("--callgrind-out-file=", dir, "cg.%p.out");
  char *log_opt = file_option("--log-file=", dir, "valgrind.log");
  /* No gdbserver: it would leave vgdb FIFOs in TMPDIR when valgrind is
   * killed, and nothing here debugs the benchmark through it. */
  const char *fixed[] = {"valgrind", "--tool=callgrind", "--instr-atstart=no",
                         "--combine-dumps=yes", "--vgdb=no"};
  /* gungraun's geometry: the same counts whatever caches the host has. */
  const char *cache[] = {"--cache-sim=yes", YS_CALLGRIND_I1, YS_CALLGRIND_D1,
                         YS_CALLGRIND_LL};
  size_t n_fixed = sizeof(fixed) / sizeof(fixed[0]);
  size_t n_cache = opts->cache_sim ? sizeof(cache) / sizeof(cache[0]) : 0;
  char **vargv = calloc(n_fixed + n_cache + (size_t)argc + 4, sizeof(*vargv));
  if (out_opt == NULL || log_opt == NULL || vargv == NULL) {
    fprintf(stderr, "--collector callgrind: out of memory\n");
    goto out;
  }
  size_t k = 0;
  for (size_t i = 0; i < n_fixed; i++)
    vargv[k++] = (char *)fixed[i];
  vargv[k++] = out_opt;
  vargv[k++] = log_opt;
  for (size_t i = 0; i < n_cache; i++)
    vargv[k++] = (char *)cache[i];
  vargv[k++] = exe;
  for (int i = 1; i < argc; i++)
    vargv[k++] = argv[i];
  vargv[k] = NULL;

  fflush(NULL); /* nothing buffered may be written twice */
  pid_t pid = fork();
  if (pid < 0) {
    fprintf(stderr, "--collector callgrind: cannot fork: %s\n",
            strerror(errno));
    goto out;
  }
  if (pid == 0) exec_valgrind(vargv, dir);
  int status;
  if (wait_child(pid, &status) != 0) {
    fprintf(stderr, "--collector callgrind: lost valgrind: %s\n",
            strerror(errno));
    goto out;
  }
  code = exit_code_of(status, dir);
  if (!temporary) split_raw_file(dir, pid);
out:
  free(vargv);
  free(out_opt);
  free(log_opt);
  if (temporary) ys_fs_remove_flat_dir(dir);
  return code;
}
