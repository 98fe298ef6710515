/*
 * callgrind.c — exact instruction counts (and simulated cache events) from
 * valgrind's callgrind tool.
 *
 * A program asked for this collector re-executes itself once under
 * `valgrind --tool=callgrind --instr-atstart=no`, so the whole suite costs
 * one valgrind start-up, and code outside the windows runs uninstrumented.
 * Each window is bracketed by client requests: ZERO_STATS and
 * START_INSTRUMENTATION open it; STOP_INSTRUMENTATION and DUMP_STATS_AT
 * close it. Client requests cannot return counts, but callgrind appends the
 * dump to its output file before the request returns, so stop() reads the
 * new part's "totals:" line from the file it keeps open.
 *
 * A benchmark that pauses its timing closes and reopens the window: each
 * pause is one more dump, and the parts' totals add up to the batch.
 */
#include "collector.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <valgrind/callgrind.h>
#include <valgrind/valgrind.h>

#include "../core/error.h"
#include "callgrind_file.h"

/* How the re-executed process learns where its output file is. */
#define DIR_ENV "YS_CALLGRIND_DIR"

/* Exit codes of the re-execution (harness/app.c's). */
#define EXIT_USAGE        2
#define EXIT_BENCH_FAILED 3

/* The counters read from a dump, in callgrind's names and this order. */
enum {
  RAW_IR,
  RAW_DR,
  RAW_DW,
  RAW_I1MR,
  RAW_D1MR,
  RAW_D1MW,
  RAW_ILMR,
  RAW_DLMR,
  RAW_DLMW,
  N_RAW
};

static const char *const raw_names[N_RAW] = {
    "Ir", "Dr", "Dw", "I1mr", "D1mr", "D1mw", "ILmr", "DLmr", "DLmw",
};

static const ys_metric plain_metrics[] = {
    {"instructions", "instructions", YS_METRIC_COUNT, true},
};

/* The raw counters in enum order, then what iai-callgrind and gungraun
 * derive from them. */
static const ys_metric cache_metrics[] = {
    {"instructions", "instructions", YS_METRIC_COUNT, true},
    {"data_reads", "events", YS_METRIC_COUNT, true},
    {"data_writes", "events", YS_METRIC_COUNT, true},
    {"I1mr", "events", YS_METRIC_COUNT, true},
    {"D1mr", "events", YS_METRIC_COUNT, true},
    {"D1mw", "events", YS_METRIC_COUNT, true},
    {"ILmr", "events", YS_METRIC_COUNT, true},
    {"DLmr", "events", YS_METRIC_COUNT, true},
    {"DLmw", "events", YS_METRIC_COUNT, true},
    {"l1_hits", "events", YS_METRIC_COUNT, true},
    {"ll_hits", "events", YS_METRIC_COUNT, true},
    {"ram_hits", "events", YS_METRIC_COUNT, true},
    {"estimated_cycles", "cycles", YS_METRIC_COUNT, true},
};

/* Latencies of the estimated-cycles formula, in L1 hits. */
#define LL_HIT_CYCLES 5
#define RAM_CYCLES    35

typedef struct callgrind_ctx {
  bool cache_sim;
  char path[PATH_MAX]; /* the output file of this process */
  FILE *fp;            /* opened at the first dump, which creates the file */
  bool at_line_start;  /* the next fgets() chunk begins a line */
  ys_callgrind_events events;
  bool broken; /* the file could not be read: said once, counts nothing */
  char label[256];
  char trigger[256]; /* the name of the dump being read */
  char notes[PATH_MAX + 256];
} callgrind_ctx;

static int callgrind_open(void **out, const ys_collector_options *opts,
                          char *err, size_t err_len) {
  if (!RUNNING_ON_VALGRIND) {
    snprintf(err, err_len,
             "callgrind counts only under valgrind; the program re-executes "
             "itself when started with --collector callgrind");
    return YS_ENOTSUP;
  }
  const char *dir = getenv(DIR_ENV);
  if (dir == NULL || dir[0] == '\0') {
    snprintf(err, err_len,
             "this program starts valgrind itself: run it without valgrind "
             "(%s is not set)",
             DIR_ENV);
    return YS_ENOTSUP;
  }
  callgrind_ctx *c = calloc(1, sizeof(*c));
  if (c == NULL) return YS_ENOMEM;
  c->cache_sim = opts->cache_sim;
  c->at_line_start = true;
  snprintf(c->label, sizeof(c->label), "yardstick");
  int n =
      snprintf(c->path, sizeof(c->path), "%s/cg.%ld.out", dir, (long)getpid());
  if (n < 0 || (size_t)n >= sizeof(c->path)) {
    snprintf(err, err_len, "%s is too long", DIR_ENV);
    free(c);
    return YS_EINVAL;
  }
  size_t used = 0;
  if (opts->callgrind_out != NULL)
    used += (size_t)snprintf(
        c->notes, sizeof(c->notes),
        "callgrind: raw files kept in %s (one part per window, "
        "named after its benchmark; read them with callgrind_annotate)",
        opts->callgrind_out);
  if (c->cache_sim && used < sizeof(c->notes))
    snprintf(c->notes + used, sizeof(c->notes) - used, "%scallgrind: %s",
             used > 0 ? "; " : "",
             "simulated caches start cold in every measured window");
  *out = c;
  return 0;
}

static size_t callgrind_metrics(void *ctx, const ys_metric **out) {
  callgrind_ctx *c = ctx;
  if (c->cache_sim) {
    *out = cache_metrics;
    return sizeof(cache_metrics) / sizeof(cache_metrics[0]);
  }
  *out = plain_metrics;
  return sizeof(plain_metrics) / sizeof(plain_metrics[0]);
}

/* Both requests sit in this function, which the loop reaches through a
 * pointer: whatever callgrind counts or misses of the window's edges is the
 * same for every benchmark, so the runner's empty-loop batch cancels it. */
static void callgrind_start(void *ctx) {
  (void)ctx;
  CALLGRIND_ZERO_STATS;
  CALLGRIND_START_INSTRUMENTATION;
}

/* Reads the file up to the "totals:" line of the next dump named after the
 * label, into raw[] in enum order (events the dump does not count are 0).
 * Returns 0, YS_ENOENT when the file cannot be opened (errno says why),
 * YS_EIO when it ends first, or YS_EFORMAT. */
static int read_dump(callgrind_ctx *c, uint64_t *raw) {
  if (c->fp == NULL) {
    c->fp = fopen(c->path, "r");
    if (c->fp == NULL) return YS_ENOENT;
  }
  char line[4096];
  for (;;) {
    if (fgets(line, sizeof(line), c->fp) == NULL) {
      /* The next dump appends to the file: reading must go on from here. */
      clearerr(c->fp);
      return YS_EIO;
    }
    /* A line longer than the buffer arrives in pieces; only a piece that
     * begins a line can be a header. */
    bool starts_line = c->at_line_start;
    c->at_line_start = strchr(line, '\n') != NULL;
    if (!starts_line) continue;
    if (strncmp(line, "desc: Trigger:", 14) == 0) {
      if (ys_callgrind_file_trigger(line, c->trigger, sizeof(c->trigger)) == 0)
        c->trigger[0] = '\0';
      continue;
    }
    int rc = ys_callgrind_file_events(line, &c->events);
    if (rc < 0) return rc;
    if (rc == 1) continue;
    uint64_t totals[YS_CALLGRIND_MAX_EVENTS];
    rc = ys_callgrind_file_totals(line, c->events.n, totals);
    if (rc < 0 || (rc == 1 && c->events.n == 0)) return YS_EFORMAT;
    if (rc == 0) continue;
    /* A dump the benchmark itself asked for (CALLGRIND_DUMP_STATS) is not
     * a window of ours: skip it rather than be one part behind forever. */
    if (strcmp(c->trigger, c->label) != 0) continue;
    for (int k = 0; k < N_RAW; k++) {
      int col = ys_callgrind_file_find(&c->events, raw_names[k]);
      raw[k] = col < 0 ? 0 : totals[col];
    }
    return 0;
  }
}

/* Adds one window's counts to acc in the order of cache_metrics. The
 * hierarchy is inclusive, so a miss in LL was a miss in L1 first; the
 * clamps only guard against a file that says otherwise. */
static void add_cache_metrics(const uint64_t *raw, double *acc) {
  for (int k = 0; k < N_RAW; k++)
    acc[k] += (double)raw[k];
  uint64_t ram = raw[RAW_ILMR] + raw[RAW_DLMR] + raw[RAW_DLMW];
  uint64_t l1_misses = raw[RAW_I1MR] + raw[RAW_D1MR] + raw[RAW_D1MW];
  uint64_t ll_hits = l1_misses > ram ? l1_misses - ram : 0;
  uint64_t accesses = raw[RAW_IR] + raw[RAW_DR] + raw[RAW_DW];
  uint64_t l1_hits = accesses > ram + ll_hits ? accesses - ram - ll_hits : 0;
  acc[N_RAW] += (double)l1_hits;
  acc[N_RAW + 1] += (double)ll_hits;
  acc[N_RAW + 2] += (double)ram;
  acc[N_RAW + 3] += (double)l1_hits + LL_HIT_CYCLES * (double)ll_hits +
                    RAM_CYCLES * (double)ram;
}

static void callgrind_stop(void *ctx, double *acc) {
  callgrind_ctx *c = ctx;
  CALLGRIND_STOP_INSTRUMENTATION;
  CALLGRIND_DUMP_STATS_AT(c->label);
  if (c->broken) return;
  uint64_t raw[N_RAW];
  int rc = read_dump(c, raw);
  if (rc != 0) {
    /* stop() cannot fail: say it once, rather than report counts that
     * were never read. */
    fprintf(stderr, "--collector callgrind: cannot read the counts in %s: %s\n",
            c->path,
            rc == YS_ENOENT ? strerror(errno)
            : rc == YS_EIO  ? "it ends before the dump's totals"
                            : "unexpected content");
    c->broken = true;
    return;
  }
  if (c->cache_sim)
    add_cache_metrics(raw, acc);
  else
    acc[0] += (double)raw[RAW_IR];
}

static void callgrind_close(void *ctx) {
  callgrind_ctx *c = ctx;
  if (c == NULL) return;
  if (c->fp != NULL) fclose(c->fp);
  free(c);
}

/* Counts are whole instructions. */
static double callgrind_resolution(void *ctx) {
  (void)ctx;
  return 1;
}

/* The dump's name, so that each part of the raw file says which benchmark
 * it measured. */
static void callgrind_label(void *ctx, const char *name) {
  callgrind_ctx *c = ctx;
  snprintf(c->label, sizeof(c->label), "%s", name);
}

static const char *callgrind_notes(void *ctx) {
  callgrind_ctx *c = ctx;
  return c->notes[0] != '\0' ? c->notes : NULL;
}

/* Creates dir and its missing parents (mkdir -p). Returns 0 or an errno. */
static int make_dirs(const char *dir) {
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
  struct stat st;
  if (stat(path, &st) != 0) return errno;
  return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
}

/* Removes a temporary folder of plain files. */
static void remove_dir(const char *dir) {
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
  /* The same addresses every run, so that nothing that depends on them
   * (hashing pointers, alignment of the stack) changes the counts. */
  int persona = personality(0xffffffff);
  if (persona != -1) personality((unsigned long)persona | ADDR_NO_RANDOMIZE);
  if (setenv(DIR_ENV, dir, 1) != 0) _exit(EXIT_USAGE);
  execvp(vargv[0], vargv);
  if (errno == ENOENT)
    fprintf(stderr, "--collector callgrind: valgrind is not installed "
                    "(apt-get install valgrind)\n");
  else
    fprintf(stderr, "--collector callgrind: cannot run valgrind: %s\n",
            strerror(errno));
  _exit(EXIT_USAGE);
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

/* Waits for the child with SIGINT and SIGQUIT ignored, as system() does:
 * an interrupt reaches valgrind, and this process lives to clean up. */
static int wait_child(pid_t pid, int *status) {
  struct sigaction ignore = {.sa_handler = SIG_IGN}, old_int, old_quit;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGINT, &ignore, &old_int);
  sigaction(SIGQUIT, &ignore, &old_quit);
  pid_t got;
  do
    got = waitpid(pid, status, 0);
  while (got < 0 && errno == EINTR);
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGQUIT, &old_quit, NULL);
  return got < 0 ? -1 : 0;
}

/* Turns how valgrind ended into this program's exit code. */
static int exit_code_of(int status, const char *dir) {
  char log_path[PATH_MAX + 16];
  snprintf(log_path, sizeof(log_path), "%s/valgrind.log", dir);
  bool ended_badly =
      WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0);
  bool sigill = ended_badly && explain_log(log_path);
  if (sigill) {
    fprintf(stderr, "--collector callgrind: valgrind cannot run an "
                    "instruction of this program (e.g. AVX-512): build the "
                    "benchmarks without it (-march=x86-64-v3 or lower)\n");
    return EXIT_BENCH_FAILED;
  }
  if (WIFSIGNALED(status)) {
    fprintf(stderr,
            "--collector callgrind: the program was killed by signal %d (%s) "
            "under valgrind\n",
            WTERMSIG(status), strsignal(WTERMSIG(status)));
    return EXIT_BENCH_FAILED;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_BENCH_FAILED;
}

/* Runs this program again under callgrind with the same arguments (see
 * collector.h). Returns -1 under valgrind already; otherwise the exit code
 * of the run, or EXIT_USAGE when it cannot start. */
static int callgrind_reexec(int argc, char **argv,
                            const ys_collector_options *opts) {
  if (RUNNING_ON_VALGRIND) return -1;
  char exe[PATH_MAX];
  ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  if (len <= 0) {
    fprintf(stderr, "--collector callgrind: cannot find this program: %s\n",
            strerror(errno));
    return EXIT_USAGE;
  }
  exe[len] = '\0';

  char dir[PATH_MAX];
  bool temporary = opts->callgrind_out == NULL;
  if (temporary) {
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/yardstick-callgrind.XXXXXX",
             tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
      fprintf(stderr, "--collector callgrind: cannot create %s: %s\n", dir,
              strerror(errno));
      return EXIT_USAGE;
    }
  } else {
    int err = make_dirs(opts->callgrind_out);
    if (err != 0) {
      fprintf(stderr, "--callgrind-out: cannot create %s: %s\n",
              opts->callgrind_out, strerror(err));
      return EXIT_USAGE;
    }
    snprintf(dir, sizeof(dir), "%s", opts->callgrind_out);
  }

  int code = EXIT_USAGE;
  char *out_opt = file_option("--callgrind-out-file=", dir, "cg.%p.out");
  char *log_opt = file_option("--log-file=", dir, "valgrind.log");
  const char *fixed[] = {"valgrind", "--tool=callgrind", "--instr-atstart=no",
                         "--combine-dumps=yes"};
  /* gungraun's geometry: the same counts whatever caches the host has. */
  const char *cache[] = {"--cache-sim=yes", "--I1=32768,8,64",
                         "--D1=32768,8,64", "--LL=8388608,16,64"};
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
out:
  free(vargv);
  free(out_opt);
  free(log_opt);
  if (temporary) remove_dir(dir);
  return code;
}

const ys_collector_ops ys_collector_callgrind = {
    .name = "callgrind",
    .exact = true,
    .open = callgrind_open,
    .metrics = callgrind_metrics,
    .start = callgrind_start,
    .stop = callgrind_stop,
    .close = callgrind_close,
    .resolution = callgrind_resolution,
    .label = callgrind_label,
    .notes = callgrind_notes,
    .reexec = callgrind_reexec,
};
