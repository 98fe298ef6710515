/*
 * dhat.c — the DHAT profile (dhat.h): two runs of each benchmark under
 * valgrind --tool=dhat, their difference, and the files.
 *
 * Why two runs. DHAT profiles the whole process, and valgrind 3.19's
 * dhat.h offers no way to start or stop it: its one client request,
 * DHAT_AD_HOC_EVENT, records an event of ad hoc mode, which counts no
 * allocations. So each benchmark runs alone under DHAT twice, as one
 * round of an exact collector (an unmeasured batch, then a measured one,
 * run/runner.c), with batches of N iterations and then of 2N. Everything
 * outside the timed loop — the harness starting and selecting, the
 * benchmark's setup and teardown, the empty-loop calibration — happens
 * the same number of times in both runs, from the same stacks, with ASLR
 * off so that nothing depending on addresses differs; the timed loop runs
 * 2N more iterations in the second (N more in each of its two batches).
 * Per stack, the second run's blocks and bytes minus the first's are the
 * windows' own, over 2N iterations. A deterministic loop body gives exact
 * counts; one that allocates on some iterations only (a buffer growing)
 * gives what those 2N iterations allocated.
 */
#include "dhat.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include "../core/error.h"
#include "../core/file_names.h"
#include "../run/interrupt.h"
#include "../run/runner.h"
#include "dhat_report.h"
#include "dhat_sites.h"

/* The exit code of the program under valgrind when exec failed. */
#define EXEC_FAILED 127
/* The exit code of a benchmark that failed (harness/exit_codes.h's
 * YS_EXIT_BENCH_FAILED; profile/ may not include harness/). */
#define BENCH_FAILED_CODE 3

bool ys_profile_dhat_wanted(const ys_profile_config *cfg) {
  return cfg->collector != NULL && cfg->collector->ops != NULL &&
         strcmp(cfg->collector->ops->name, "dhat") == 0;
}

static uint64_t batch_of(const ys_profile_config *cfg) {
  return cfg->iterations > 0 ? cfg->iterations : 1;
}

/* In the program under valgrind: one round of each chosen benchmark (the
 * parent chooses one), batches of cfg->iterations. */
static int run_child(const ys_profile_config *cfg, const ys_instance *chosen,
                     size_t n, char *err, size_t err_len) {
  ys_runner_config rc_cfg = {
      .collector = cfg->collector,
      .rounds = 1,
      .sample_size = 1,
      .seed = cfg->seed,
      .fixed_iterations = batch_of(cfg),
      .timeout_s = cfg->timeout_s,
  };
  ys_runner *runner = NULL;
  int rc = ys_runner_open(&rc_cfg, &runner);
  for (size_t i = 0; rc == 0 && i < n; i++) {
    ys_bench_result res;
    memset(&res, 0, sizeof(res));
    rc = ys_runner_result_init(cfg->collector, &chosen[i], &res);
    if (rc == 0) rc = ys_runner_round(runner, &chosen[i], &res);
    if (rc == 0 && res.status != YS_BENCH_OK) {
      snprintf(err, err_len, "benchmark '%s' %s: %s", chosen[i].name,
               res.status == YS_BENCH_SKIPPED ? "skipped" : "failed",
               res.message);
      rc = YS_EBENCH;
    }
    ys_bench_result_clear(&res);
  }
  ys_runner_close(runner);
  return rc;
}

/* "--dhat-out-file=PATH" with each '%' doubled: valgrind expands %p. */
static char *out_option(const char *path) {
  const char *key = "--dhat-out-file=";
  char *opt = malloc(strlen(key) + 2 * strlen(path) + 1);
  if (opt == NULL) return NULL;
  char *w = opt + sprintf(opt, "%s", key);
  for (const char *p = path; *p != '\0'; p++) {
    *w++ = *p;
    if (*p == '%') *w++ = '%';
  }
  *w = '\0';
  return opt;
}

/* The child: this program under valgrind, its output into `log_fd`. */
static void exec_valgrind(char **argv, int log_fd) {
  /* Valgrind must not run on as an orphan if this process is killed. */
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  /* Both runs map everything at the same addresses, so that nothing that
   * depends on them (a hash of pointers) allocates differently. */
  int persona = personality(0xffffffff);
  if (persona != -1) personality((unsigned long)persona | ADDR_NO_RANDOMIZE);
  if (dup2(log_fd, STDOUT_FILENO) < 0 || dup2(log_fd, STDERR_FILENO) < 0 ||
      setenv(YS_DHAT_CHILD_ENV, "1", 1) != 0)
    _exit(EXEC_FAILED);
  execvp(argv[0], argv);
  dprintf(log_fd, "cannot run valgrind: %s\n", strerror(errno));
  _exit(EXEC_FAILED);
}

/* Waits for `pid`; on SIGINT or SIGTERM stops it and returns YS_EINTR. */
static int wait_for(pid_t pid, int *status) {
  for (;;) {
    if (waitpid(pid, status, 0) == pid) return 0;
    if (errno != EINTR) return YS_EIO;
    if (ys_interrupted()) {
      kill(pid, SIGTERM);
      while (waitpid(pid, status, 0) < 0 && errno == EINTR) {
      }
      return YS_EINTR;
    }
  }
}

/* Runs benchmark `name` alone under DHAT with batches of `iterations`,
 * its allocation sites into `out_path`, valgrind's and the program's
 * messages into `log_path`. Returns 0; YS_ENOTSUP when valgrind is not
 * installed; YS_EBENCH when the benchmark failed (failed says how); or
 * YS_EINTR / YS_EIO. */
static int run_under_dhat(const ys_profile_config *cfg, const char *name,
                          uint64_t iterations, const char *out_path,
                          const char *log_path, char *failed, size_t failed_len,
                          char *err, size_t err_len) {
  char exe[PATH_MAX];
  ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  if (len <= 0) {
    snprintf(err, err_len, "cannot find this program: %s", strerror(errno));
    return YS_EIO;
  }
  exe[len] = '\0';
  char iters[32], seed[32], timeout[32];
  snprintf(iters, sizeof(iters), "%llu", (unsigned long long)iterations);
  snprintf(seed, sizeof(seed), "%llu", (unsigned long long)cfg->seed);
  snprintf(timeout, sizeof(timeout), "%.17g", cfg->timeout_s);
  char *out_opt = out_option(out_path);
  if (out_opt == NULL) return YS_ENOMEM;
  /* No gdbserver: it would leave FIFOs behind when valgrind is killed.
   * No config file: everything the run needs is on this command line, and
   * this process may have read another (--config) or none. */
  char *argv[] = {"valgrind",
                  "--tool=dhat",
                  "--vgdb=no",
                  out_opt,
                  exe,
                  "profile",
                  "--collector",
                  "dhat",
                  "--exact",
                  (char *)name,
                  "--iterations",
                  iters,
                  "--seed",
                  seed,
                  "--timeout",
                  timeout,
                  "--profile-dir",
                  (char *)cfg->dir,
                  "--quiet",
                  "--no-config",
                  NULL};
  int log_fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    snprintf(err, err_len, "cannot write %s: %s", log_path, strerror(errno));
    free(out_opt);
    return YS_EIO;
  }
  fflush(NULL); /* nothing buffered may be written twice */
  pid_t pid = fork();
  if (pid == 0) exec_valgrind(argv, log_fd);
  int saved = errno;
  close(log_fd);
  free(out_opt);
  if (pid < 0) {
    snprintf(err, err_len, "cannot fork: %s", strerror(saved));
    return YS_EIO;
  }
  int status = 0;
  int rc = wait_for(pid, &status);
  if (rc != 0) {
    if (rc == YS_EIO)
      snprintf(err, err_len, "lost valgrind: %s", strerror(errno));
    return rc;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
  if (WIFEXITED(status) && WEXITSTATUS(status) == EXEC_FAILED) {
    snprintf(err, err_len,
             "--collector dhat: valgrind not found on PATH: install it with "
             "'apt-get install valgrind' (its log: %s)",
             log_path);
    return YS_ENOTSUP;
  }
  if (WIFEXITED(status))
    snprintf(failed, failed_len,
             "failed under DHAT with exit code %d (%s): see %s",
             WEXITSTATUS(status),
             WEXITSTATUS(status) == BENCH_FAILED_CODE ? "the benchmark failed"
                                                      : "a usage error",
             log_path);
  else
    snprintf(failed, failed_len, "crashed under DHAT with signal %d: see %s",
             WIFSIGNALED(status) ? WTERMSIG(status) : 0, log_path);
  return YS_EBENCH;
}

/* One benchmark's outcome. */
typedef struct dhat_entry {
  char file[PATH_MAX / 4];
  ys_dhat_sites windows;
  bool has_sites;
  char failed[PATH_MAX + 160];
} dhat_entry;

/* Profiles `inst` into `e` and writes DIR/FILE.dhat.json. A benchmark that
 * fails leaves e->failed set and returns 0. */
static int profile_one(const ys_profile_config *cfg, const ys_instance *inst,
                       dhat_entry *e, char *err, size_t err_len) {
  if (ys_profile_file_name(inst->name, e->file, sizeof(e->file)) != 0) {
    snprintf(err, err_len, "benchmark name too long for a file: %s",
             inst->name);
    return YS_EINVAL;
  }
  uint64_t n = batch_of(cfg);
  char out[2][PATH_MAX] = {"", ""}, log[2][PATH_MAX] = {"", ""};
  ys_dhat_sites sites[2];
  memset(sites, 0, sizeof(sites));
  int rc = 0;
  for (int run = 0; rc == 0 && run < 2; run++) {
    if (snprintf(out[run], PATH_MAX, "%s/.%s.dhat-%d.out", cfg->dir, e->file,
                 run + 1) >= PATH_MAX ||
        snprintf(log[run], PATH_MAX, "%s/.%s.dhat-%d.log", cfg->dir, e->file,
                 run + 1) >= PATH_MAX) {
      snprintf(err, err_len, "--profile-dir: path too long: %s", cfg->dir);
      return YS_EINVAL;
    }
    rc = run_under_dhat(cfg, inst->name, n * (uint64_t)(run + 1), out[run],
                        log[run], e->failed, sizeof(e->failed), err, err_len);
    if (rc == 0) rc = ys_dhat_sites_read(out[run], &sites[run], err, err_len);
  }
  if (rc == YS_EBENCH) rc = 0; /* e->failed says why; the others go on */
  if (rc == 0 && e->failed[0] == '\0') {
    rc = ys_dhat_sites_diff(&sites[1], &sites[0], &e->windows);
    e->has_sites = rc == 0;
  }
  ys_dhat_sites_free(&sites[0]);
  ys_dhat_sites_free(&sites[1]);
  if (rc == 0 && e->has_sites) {
    ys_dhat_entry view = {.benchmark = inst->name,
                          .file = e->file,
                          .sites = &e->windows,
                          .batch_iterations = n,
                          .window_iterations = 2 * n};
    rc = ys_dhat_json_save(cfg->dir, &view, err, err_len);
  }
  /* The logs stay when something went wrong: the message points there. */
  for (int run = 0; run < 2; run++) {
    if (out[run][0] != '\0') unlink(out[run]);
    if (log[run][0] != '\0' && rc == 0 && e->failed[0] == '\0')
      unlink(log[run]);
  }
  return rc;
}

static void log_entry(const ys_profile_config *cfg, const char *name,
                      const dhat_entry *e) {
  if (cfg->log == NULL) return;
  if (e->failed[0] != '\0') {
    fprintf(cfg->log, "profile: %s: no profile (%s)\n", name, e->failed);
    return;
  }
  uint64_t blocks = 0, bytes = 0;
  for (size_t i = 0; i < e->windows.n; i++) {
    blocks += e->windows.v[i].blocks;
    bytes += e->windows.v[i].bytes;
  }
  double iters = 2.0 * (double)batch_of(cfg);
  fprintf(cfg->log,
          "profile: %s: %.6g blocks, %.6g bytes per iteration from %zu "
          "site%s (DHAT)\n",
          name, (double)blocks / iters, (double)bytes / iters, e->windows.n,
          e->windows.n == 1 ? "" : "s");
}

int ys_profile_dhat_run(const ys_profile_config *cfg, const ys_instance *chosen,
                        size_t n, char *err, size_t err_len) {
  if (getenv(YS_DHAT_CHILD_ENV) != NULL)
    return run_child(cfg, chosen, n, err, err_len);
  dhat_entry *entries = calloc(n + 1, sizeof(*entries));
  ys_dhat_entry *views = calloc(n + 1, sizeof(*views));
  int rc = entries == NULL || views == NULL ? YS_ENOMEM : 0;
  size_t done = 0;
  for (; rc == 0 && done < n; done++) {
    if (ys_interrupted()) {
      rc = YS_EINTR;
      break;
    }
    rc = profile_one(cfg, &chosen[done], &entries[done], err, err_len);
    if (rc == 0) log_entry(cfg, chosen[done].name, &entries[done]);
  }
  for (size_t i = 0; rc == 0 && i < n; i++)
    views[i] = (ys_dhat_entry){
        .benchmark = chosen[i].name,
        .file = entries[i].file,
        .sites = entries[i].has_sites ? &entries[i].windows : NULL,
        .batch_iterations = batch_of(cfg),
        .window_iterations = 2 * batch_of(cfg),
        .failed = entries[i].failed[0] != '\0' ? entries[i].failed : NULL};
  if (rc == 0) rc = ys_dhat_md_save(cfg->dir, views, n, err, err_len);
  for (size_t i = 0; rc == 0 && i < n; i++)
    if (entries[i].failed[0] != '\0') {
      snprintf(err, err_len, "benchmark '%s' %s", chosen[i].name,
               entries[i].failed);
      rc = YS_EBENCH;
      break;
    }
  for (size_t i = 0; entries != NULL && i < n; i++)
    ys_dhat_sites_free(&entries[i].windows);
  free(entries);
  free(views);
  return rc;
}
