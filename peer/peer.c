/*
 * peer.c — the parent side of docs/worker-protocol.md: starts the worker,
 * reads its greeting, asks for rounds and reads them back.
 */
#include "peer.h"

#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../core/clock.h"
#include "../core/error.h"
#include "../core/policy.h"
#include "../run/counters.h"
#include "../run/interrupt.h"
#include "../run/latency.h"
#include "round_functions.h"
#include "worker.h"

/* How long a worker's greeting may take: milliseconds for a yardstick
 * program, a few seconds when it first starts valgrind. */
#define GREETING_TIMEOUT_S 60.0
/* How long a worker told to quit may take to exit before it is killed. */
#define QUIT_GRACE_S 2.0
/* How long a worker sent SIGTERM may take to die before SIGKILL. */
#define TERM_GRACE_S 0.5

/* What reads the worker's stdout: a file descriptor behind a stdio stream
 * (fopencookie), so that the protocol is read with fgets and yet no read
 * waits past a deadline or through an interrupt. */
typedef struct reader {
  int fd;
  double deadline_s; /* ys_clock_now_s() time; 0: none */
  int why;           /* 0, or YS_ETIMEDOUT / YS_EINTR: why reading stopped */
} reader;

struct ys_peer {
  char *program;
  pid_t pid;
  int to;     /* the worker's stdin, written with send_text; -1 when shut */
  FILE *from; /* the worker's stdout, read through `in` */
  reader in;
  const ys_collector *collector;
  char version[32];
  char **names;
  size_t n_names;
};

/* fopencookie's read: waits for the worker with poll, in slices, so that
 * an interrupt (interrupt.h) or the deadline ends the wait. A slice is short
 * enough that a signal landing between the check and poll costs little. */
static ssize_t reader_read(void *cookie, char *buf, size_t size) {
  reader *r = cookie;
  for (;;) {
    if (ys_interrupted()) {
      r->why = YS_EINTR;
      errno = EINTR;
      return -1;
    }
    int wait_ms = 200;
    if (r->deadline_s > 0) {
      double left = r->deadline_s - ys_clock_now_s();
      if (left <= 0) {
        r->why = YS_ETIMEDOUT;
        errno = ETIMEDOUT;
        return -1;
      }
      if (left * 1000 < wait_ms) wait_ms = (int)ceil(left * 1000);
    }
    struct pollfd pfd = {.fd = r->fd, .events = POLLIN};
    int ready = poll(&pfd, 1, wait_ms);
    if (ready < 0 && errno != EINTR) return -1;
    if (ready <= 0) continue;
    ssize_t n = read(r->fd, buf, size);
    if (n >= 0 || errno != EINTR) return n;
  }
}

static int reader_close(void *cookie) {
  return close(((reader *)cookie)->fd);
}

/* Reads one line without its newline. Returns false at end of input. */
static bool read_line(FILE *from, char *line, size_t len) {
  if (fgets(line, (int)len, from) == NULL) return false;
  line[strcspn(line, "\n")] = '\0';
  return true;
}

/* Writes "--against PROGRAM: WHAT" to err and returns rc. */
static int fail(char *err, size_t err_len, int rc, const char *program,
                const char *what) {
  snprintf(err, err_len, "--against %s: %s", program, what);
  return rc;
}

/* Writes all of text to fd, the worker's stdin. A worker that has died
 * must surface as an error here (EPIPE), not kill this process with
 * SIGPIPE; yet how the process handles SIGPIPE belongs to the program
 * that links yardstick, so a library must not change it. Hence SIGPIPE is
 * blocked in this thread around the write, and one that the write raised
 * is taken off the pending set before the old mask comes back. A SIGPIPE
 * that was pending before is left pending. Returns 0 or YS_EIO. */
static int send_text(int fd, const char *text) {
  sigset_t pipe_only, old_mask, pending;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  if (pthread_sigmask(SIG_BLOCK, &pipe_only, &old_mask) != 0) return YS_EIO;
  bool was_pending =
      sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE);

  size_t len = strlen(text), done = 0;
  int write_errno = 0;
  while (done < len) {
    ssize_t n = write(fd, text + done, len - done);
    if (n >= 0) {
      done += (size_t)n;
    } else if (errno != EINTR) {
      write_errno = errno;
      break;
    }
  }
  if (write_errno == EPIPE && !was_pending) {
    const struct timespec now = {0, 0};
    while (sigtimedwait(&pipe_only, NULL, &now) < 0 && errno == EINTR)
      continue;
  }
  pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
  return write_errno == 0 ? 0 : YS_EIO;
}

/* Most arguments a worker is started with, program and --worker included. */
#define MAX_WORKER_ARGS 16

/* The environment the worker is started with: this one, plus `extra`
 * ("NAME=VALUE", may be NULL) at its end. Returns a malloc'd array of borrowed
 * strings, or NULL when out of memory. */
static char **worker_environment(const char *extra) {
  extern char **environ;
  size_t n = 0;
  while (environ[n] != NULL)
    n++;
  char **env = calloc(n + 2, sizeof(*env));
  if (env == NULL) return NULL;
  memcpy(env, environ, n * sizeof(*env));
  env[n] = (char *)extra;
  return env;
}

static int spawn(ys_peer *p, char *const *args, const char *extra_env,
                 char *err, size_t err_len) {
  char *argv[MAX_WORKER_ARGS + 1] = {p->program, "--worker"};
  size_t n = 2;
  for (size_t i = 0; args != NULL && args[i] != NULL; i++) {
    if (n == MAX_WORKER_ARGS)
      return fail(err, err_len, YS_EINVAL, p->program,
                  "too many worker arguments");
    argv[n++] = args[i];
  }
  argv[n] = NULL;
  /* Built before the fork: the child may only call async-signal-safe
   * functions, and malloc is not one. */
  char **env = worker_environment(extra_env);
  if (env == NULL)
    return fail(err, err_len, YS_ENOMEM, p->program, "out of memory");
  int to_child[2], from_child[2];
  if (pipe(to_child) != 0) {
    free(env);
    return fail(err, err_len, YS_EIO, p->program, strerror(errno));
  }
  if (pipe(from_child) != 0) {
    free(env);
    close(to_child[0]);
    close(to_child[1]);
    return fail(err, err_len, YS_EIO, p->program, strerror(errno));
  }
  /* The child reports a failed exec through this pipe, which a successful
   * exec closes (O_CLOEXEC): one message, from this process, instead of
   * the child's stderr and then a puzzling "exited before greeting". */
  int exec_err[2];
  if (pipe2(exec_err, O_CLOEXEC) != 0) {
    free(env);
    close(to_child[0]), close(to_child[1]);
    close(from_child[0]), close(from_child[1]);
    return fail(err, err_len, YS_EIO, p->program, strerror(errno));
  }
  fflush(NULL);
  p->pid = fork();
  if (p->pid < 0) {
    free(env);
    close(to_child[0]), close(to_child[1]);
    close(from_child[0]), close(from_child[1]);
    close(exec_err[0]), close(exec_err[1]);
    return fail(err, err_len, YS_EIO, p->program, strerror(errno));
  }
  if (p->pid == 0) {
    /* Its own process group: a terminal's Ctrl-C goes to this process,
     * which stops the workers itself, and not to a worker in the middle of
     * a round. Its parent's death (even by SIGKILL) ends it. */
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    dup2(to_child[0], STDIN_FILENO);
    dup2(from_child[1], STDOUT_FILENO);
    close(to_child[0]), close(to_child[1]);
    close(from_child[0]), close(from_child[1]);
    close(exec_err[0]);
    execvpe(p->program, argv, env);
    int why = errno;
    ssize_t wrote = write(exec_err[1], &why, sizeof(why));
    (void)wrote; /* nothing more to do in a child that could not exec */
    _exit(127);
  }
  free(env);
  close(exec_err[1]);
  int why = 0;
  ssize_t got;
  do
    got = read(exec_err[0], &why, sizeof(why));
  while (got < 0 && errno == EINTR);
  close(exec_err[0]);
  if (got == (ssize_t)sizeof(why)) {
    close(to_child[0]), close(to_child[1]);
    close(from_child[0]), close(from_child[1]);
    waitpid(p->pid, NULL, 0);
    p->pid = -1;
    char what[256];
    snprintf(what, sizeof(what), "cannot run it: %s", strerror(why));
    return fail(err, err_len, YS_EIO, p->program, what);
  }
  close(to_child[0]);
  close(from_child[1]);
  p->to = to_child[1];
  p->in = (reader){.fd = from_child[0]};
  cookie_io_functions_t io = {.read = reader_read, .close = reader_close};
  p->from = fopencookie(&p->in, "r", io);
  if (p->from == NULL) {
    close(from_child[0]);
    return fail(err, err_len, YS_ENOMEM, p->program, "out of memory");
  }
  return 0;
}

/* "metrics N NAME UNIT ...": the peer must measure what we measure, or its
 * rounds cannot stand beside ours. */
static int check_metrics(ys_peer *p, char *line, char *err, size_t err_len) {
  char *save = NULL;
  char *word = strtok_r(line, " ", &save);
  char *count = strtok_r(NULL, " ", &save);
  if (word == NULL || strcmp(word, "metrics") != 0 || count == NULL)
    return fail(err, err_len, YS_EFORMAT, p->program,
                "broke the worker protocol");
  const ys_collector *c = p->collector;
  bool same = strtoul(count, NULL, 10) == c->n_metrics;
  for (size_t m = 0; same && m < c->n_metrics; m++) {
    char *name = strtok_r(NULL, " ", &save);
    char *unit = strtok_r(NULL, " ", &save);
    same = name != NULL && unit != NULL &&
           strcmp(name, c->metrics[m].name) == 0 &&
           strcmp(unit, c->metrics[m].unit) == 0;
  }
  if (!same)
    return fail(err, err_len, YS_EFORMAT, p->program,
                "measures other metrics than this program's collector: "
                "run both with the same --collector");
  return 0;
}

static int read_greeting(ys_peer *p, char *err, size_t err_len) {
  char line[YS_WORKER_LINE_MAX];
  int protocol = 0;
  if (!read_line(p->from, line, sizeof(line)))
    return fail(err, err_len, YS_EIO, p->program,
                "exited before greeting; is it a yardstick benchmark "
                "program?");
  if (sscanf(line, "yardstick-worker %d %31s", &protocol, p->version) != 2)
    return fail(err, err_len, YS_EFORMAT, p->program,
                "is not a yardstick benchmark program (no worker greeting)");
  if (protocol != YS_WORKER_PROTOCOL) {
    char what[256];
    snprintf(what, sizeof(what),
             "speaks worker protocol %d (yardstick %s); this program speaks "
             "%d: rebuild both with the same yardstick",
             protocol, p->version, YS_WORKER_PROTOCOL);
    return fail(err, err_len, YS_EFORMAT, p->program, what);
  }
  if (!read_line(p->from, line, sizeof(line)))
    return fail(err, err_len, YS_EIO, p->program, "exited during its greeting");
  int rc = check_metrics(p, line, err, err_len);
  if (rc != 0) return rc;
  while (read_line(p->from, line, sizeof(line))) {
    if (strcmp(line, "ready") == 0) return 0;
    if (strncmp(line, "bench ", 6) != 0)
      return fail(err, err_len, YS_EFORMAT, p->program,
                  "broke the worker protocol");
    char **names = realloc(p->names, (p->n_names + 1) * sizeof(*names));
    if (names == NULL)
      return fail(err, err_len, YS_ENOMEM, p->program, "out of memory");
    p->names = names;
    p->names[p->n_names] = strdup(line + 6);
    if (p->names[p->n_names] == NULL)
      return fail(err, err_len, YS_ENOMEM, p->program, "out of memory");
    p->n_names++;
  }
  return fail(err, err_len, YS_EIO, p->program, "exited during its greeting");
}

/* Why reading from the worker stopped, when it was not the worker's doing:
 * the deadline (YS_ETIMEDOUT) or an interrupt (YS_EINTR), with a message. */
static int stopped_reading(ys_peer *p, char *err, size_t err_len) {
  if (p->in.why == YS_EINTR)
    return fail(err, err_len, YS_EINTR, p->program, "interrupted");
  return fail(err, err_len, YS_ETIMEDOUT, p->program, "stopped answering");
}

int ys_peer_start(const char *program, char *const *args, const char *extra_env,
                  const ys_collector *collector, ys_peer **out, char *err,
                  size_t err_len) {
  ys_peer *p = calloc(1, sizeof(*p));
  if (p == NULL) return YS_ENOMEM;
  p->program = strdup(program);
  p->collector = collector;
  p->pid = -1;
  p->to = -1;
  if (p->program == NULL) {
    free(p);
    return YS_ENOMEM;
  }
  int rc = spawn(p, args, extra_env, err, err_len);
  if (rc == 0) {
    p->in.deadline_s = ys_clock_now_s() + GREETING_TIMEOUT_S;
    rc = read_greeting(p, err, err_len);
    p->in.deadline_s = 0;
    if (rc != 0 && p->in.why != 0) rc = stopped_reading(p, err, err_len);
  }
  if (rc != 0) {
    ys_peer_stop(p);
    return rc;
  }
  *out = p;
  return 0;
}

const char *ys_peer_version(const ys_peer *p) {
  return p->version;
}

size_t ys_peer_count(const ys_peer *p) {
  return p->n_names;
}

const char *ys_peer_name(const ys_peer *p, size_t i) {
  return p->names[i];
}

bool ys_peer_has(const ys_peer *p, const char *name) {
  for (size_t i = 0; i < p->n_names; i++)
    if (strcmp(p->names[i], name) == 0) return true;
  return false;
}

/* What parse_sample makes of a line. */
typedef enum sample_verdict {
  SAMPLE_OK,
  SAMPLE_MALFORMED,
  SAMPLE_NEGATIVE,
} sample_verdict;

/* Parses "ITERATIONS V1 ... VM" into sample i of every series of one. The
 * worker writes a count of digits and finite numbers, each after one
 * space; anything else is refused, since strtoull and strtod alone would
 * take "-1" as 2^64 - 1, "nan" and "inf" as values, and "1nan1" as three
 * numbers. Every metric is a duration or a count, so a value is never
 * below zero: a worker that sends one (even "-0") is refused apart, as
 * SAMPLE_NEGATIVE, because taken as data it would turn into a change
 * below -100 % that reads as a large improvement. */
static sample_verdict parse_sample(char *line, ys_bench_result *one, size_t i) {
  if (*line < '0' || *line > '9') return SAMPLE_MALFORMED;
  char *end;
  errno = 0;
  unsigned long long iterations = strtoull(line, &end, 10);
  if (errno != 0 || iterations == 0) return SAMPLE_MALFORMED;
  for (size_t m = 0; m < one->n_series; m++) {
    if (*end != ' ') return SAMPLE_MALFORMED;
    char *start = end + 1;
    double v = strtod(start, &end);
    if (end == start || *start == ' ' || *start == '+' || !isfinite(v))
      return SAMPLE_MALFORMED;
    if (*start == '-') return SAMPLE_NEGATIVE;
    one->series[m].samples[i] = (ys_sample){iterations, v};
  }
  return *end == '\0' ? SAMPLE_OK : SAMPLE_MALFORMED;
}

/* Makes *one an empty round of n samples shaped like the collector's
 * series of res followed by the k counters of the answer, in the worker's
 * order: one round, its samples still to be read. Each array is checked
 * before anything is written through it. Returns 0, or YS_ENOMEM with *one
 * to be cleared all the same. */
static int round_like(const ys_bench_result *res, const ys_counter_spec *specs,
                      size_t k, size_t n, bool linear, ys_bench_result *one) {
  memset(one, 0, sizeof(*one));
  size_t first = ys_counters_first(res);
  one->series = calloc(first + k, sizeof(*one->series));
  if (one->series == NULL) return YS_ENOMEM;
  one->n_series = first + k;
  for (size_t m = 0; m < first + k; m++) {
    ys_series *s = &one->series[m];
    if (m < first) {
      s->metric = res->series[m].metric;
      s->unit = res->series[m].unit;
      s->kind = res->series[m].kind;
      s->exact = res->series[m].exact;
    } else {
      /* Borrowed for as long as the answer is read; the series of res
       * keep their own names. */
      s->metric = specs[m - first].name;
      s->unit = ys_counters_unit(specs[m - first].flags);
      s->kind = YS_METRIC_COUNT;
      s->exact = first > 0 && res->series[0].exact; /* as counters.c */
      s->counter = YS_SERIES_COUNTER | specs[m - first].flags;
    }
    s->samples = calloc(n, sizeof(*s->samples));
    s->rounds = calloc(1, sizeof(*s->rounds));
    if (s->samples == NULL || s->rounds == NULL) return YS_ENOMEM;
    s->n_samples = n;
    s->n_rounds = 1;
    s->rounds[0] = (ys_round){.n_samples = n, .linear = linear};
  }
  return 0;
}

/* Puts the counter series of one (in the worker's order) in the order of
 * res's, map[i] being the index in res of the answer's counter i, and
 * gives them res's names. ys_counters_shape made the two sets equal. */
static int order_like(const ys_bench_result *res, const size_t *map,
                      ys_bench_result *one) {
  size_t first = ys_counters_first(res);
  size_t k = one->n_series - first;
  if (k == 0) return 0;
  ys_series *ordered = malloc(k * sizeof(*ordered));
  if (ordered == NULL) return YS_ENOMEM;
  for (size_t i = 0; i < k; i++) {
    ordered[map[i] - first] = one->series[first + i];
    ordered[map[i] - first].metric = res->series[map[i]].metric;
  }
  memcpy(one->series + first, ordered, k * sizeof(*ordered));
  free(ordered);
  return 0;
}

/* Reads the "counters K" line of an ok answer and its K lines "FLAGS
 * NAME" into specs (names pointing into names[i]) and *k. A name or flags
 * that ys_counter would refuse, a name twice or too many break the
 * protocol. */
static int receive_counters(FILE *from, const char *program,
                            ys_counter_spec *specs,
                            char names[][YS_WORKER_LINE_MAX], size_t *k,
                            char *err, size_t err_len) {
  char line[YS_WORKER_LINE_MAX];
  unsigned long long count;
  char tail;
  if (!read_line(from, line, sizeof(line)))
    return fail(err, err_len, YS_EIO, program,
                "exited in the middle of a round");
  if (sscanf(line, "counters %llu%c", &count, &tail) != 1 ||
      strspn(line + 9, "0123456789") != strlen(line + 9) ||
      count > YS_MAX_COUNTERS)
    return fail(err, err_len, YS_EFORMAT, program,
                "sent a malformed counters line (want counters K, K at most "
                "16)");
  ys_counter_set check = {0};
  for (size_t i = 0; i < count; i++) {
    unsigned flags;
    int name_at = 0;
    char why[YS_MESSAGE_MAX];
    if (!read_line(from, names[i], YS_WORKER_LINE_MAX))
      return fail(err, err_len, YS_EIO, program,
                  "exited in the middle of a round");
    if (sscanf(names[i], "%u %n", &flags, &name_at) != 1 || name_at == 0 ||
        (flags & YS_SERIES_COUNTER) != 0 ||
        ys_counters_add(&check, names[i] + name_at, 0, 0, flags, why,
                        sizeof(why)) != 0 ||
        check.n != i + 1)
      return fail(err, err_len, YS_EFORMAT, program,
                  "sent a malformed counter line");
    specs[i] = (ys_counter_spec){names[i] + name_at, flags};
  }
  *k = count;
  return 0;
}

/* Frees the n functions of fns and their names. */
static void free_functions(ys_function_cost *fns, size_t n) {
  for (size_t i = 0; fns != NULL && i < n; i++)
    free(fns[i].name);
  free(fns);
}

/* Reads the "functions K" line that ends an ok answer and its K function
 * lines into *fns (owned, names too; NULL when K is 0) and *n. A worker
 * sends at most YS_POLICY_FUNCTIONS_MAX; a line too long or malformed
 * breaks the protocol. */
static int receive_functions(FILE *from, const char *program,
                             ys_function_cost **fns, size_t *n, char *err,
                             size_t err_len) {
  *fns = NULL;
  *n = 0;
  char head[YS_WORKER_LINE_MAX];
  if (!read_line(from, head, sizeof(head)))
    return fail(err, err_len, YS_EIO, program,
                "exited in the middle of a round");
  const char *count = head + strnlen(head, 10);
  size_t digits = strspn(count, "0123456789");
  unsigned long long k = digits > 0 && digits <= 6 && count[digits] == '\0'
                             ? strtoull(count, NULL, 10)
                             : ULLONG_MAX;
  if (strncmp(head, "functions ", 10) != 0 || k > YS_POLICY_FUNCTIONS_MAX) {
    char what[128];
    snprintf(what, sizeof(what),
             "sent a malformed functions line (want functions K, K at most "
             "%d)",
             YS_POLICY_FUNCTIONS_MAX);
    return fail(err, err_len, YS_EFORMAT, program, what);
  }
  if (k == 0) return 0;
  ys_function_cost *got = calloc(k, sizeof(*got));
  char *line = malloc(YS_WORKER_FUNCTION_LINE_MAX);
  int rc = got != NULL && line != NULL ? 0 : YS_ENOMEM;
  size_t filled = 0;
  while (rc == 0 && filled < k) {
    if (fgets(line, YS_WORKER_FUNCTION_LINE_MAX, from) == NULL) {
      rc = fail(err, err_len, YS_EIO, program,
                "exited in the middle of a round");
      break;
    }
    /* A line without its newline was longer than the buffer (or cut by
     * the worker's end): either way not a function line. */
    char *nl = strchr(line, '\n');
    if (nl != NULL) *nl = '\0';
    ys_function_cost f;
    if (nl == NULL || ys_round_functions_parse(line, &f) != 0) {
      rc = fail(err, err_len, YS_EFORMAT, program,
                "sent a malformed function line");
      break;
    }
    if ((f.name = strdup(f.name)) == NULL) {
      rc = YS_ENOMEM;
      break;
    }
    got[filled++] = f;
  }
  free(line);
  if (rc != 0) {
    free_functions(got, filled);
    return rc;
  }
  *fns = got;
  *n = k;
  return 0;
}

/* Reads the "latency K" section of an answer to a round that asked for
 * latency mode: K lines "SERIES VALUE", each series one of the five
 * latency series (ys_latency_series_name) at most once, each value a
 * finite time of zero or more, into values and has (the series the round
 * has). */
static int receive_latency(FILE *from, const char *program,
                           double values[YS_LATENCY_SERIES],
                           bool has[YS_LATENCY_SERIES], char *err,
                           size_t err_len) {
  char line[YS_WORKER_LINE_MAX];
  memset(has, 0, YS_LATENCY_SERIES * sizeof(*has));
  if (!read_line(from, line, sizeof(line)))
    return fail(err, err_len, YS_EIO, program,
                "exited in the middle of a round");
  const char *count = line + strnlen(line, 8);
  if (strncmp(line, "latency ", 8) != 0 || strlen(count) != 1 ||
      count[0] < '0' || count[0] > '0' + YS_LATENCY_SERIES)
    return fail(err, err_len, YS_EFORMAT, program,
                "sent a malformed latency line (want latency K, K at most "
                "5)");
  size_t k = (size_t)(count[0] - '0');
  for (size_t i = 0; i < k; i++) {
    if (!read_line(from, line, sizeof(line)))
      return fail(err, err_len, YS_EIO, program,
                  "exited in the middle of a round");
    char *space = strchr(line, ' ');
    size_t q = YS_LATENCY_SERIES;
    if (space != NULL) {
      *space = '\0';
      q = 0;
      while (q < YS_LATENCY_SERIES && strcmp(line, ys_latency_series_name[q]))
        q++;
    }
    char *end = NULL;
    const char *number = space != NULL ? space + 1 : "";
    double v = strtod(number, &end);
    /* As a sample value: digits first, so that "-0", "+1", "nan" and
     * " 1" are refused along with what strtod cannot read. */
    if (q == YS_LATENCY_SERIES || has[q] || *number < '0' || *number > '9' ||
        *end != '\0' || !isfinite(v))
      return fail(err, err_len, YS_EFORMAT, program,
                  "sent a malformed latency value line");
    values[q] = v;
    has[q] = true;
  }
  return 0;
}

/* Reads the counters and the n sample lines of one round into a one-round
 * result and the functions of its windows, then appends both to res. A
 * round whose counters differ from those of res's earlier rounds fails the
 * benchmark, as it would in one process. */
static int receive_round(FILE *from, const char *program, size_t n, bool linear,
                         bool latency, ys_bench_result *res, char *err,
                         size_t err_len) {
  ys_counter_spec specs[YS_MAX_COUNTERS];
  char names[YS_MAX_COUNTERS][YS_WORKER_LINE_MAX];
  size_t k = 0;
  int rc = receive_counters(from, program, specs, names, &k, err, err_len);
  if (rc != 0) return rc;
  ys_bench_result one;
  rc = round_like(res, specs, k, n, linear, &one);
  /* Room for M numbers of up to 24 characters and the iteration count. */
  size_t line_len = 32 + 32 * one.n_series;
  char *line = rc == 0 ? malloc(line_len) : NULL;
  if (rc == 0 && line == NULL) rc = YS_ENOMEM;
  for (size_t i = 0; i < n && rc == 0; i++) {
    if (!read_line(from, line, line_len))
      rc = fail(err, err_len, YS_EIO, program,
                "exited in the middle of a round");
    else {
      sample_verdict v = parse_sample(line, &one, i);
      if (v == SAMPLE_NEGATIVE)
        rc = fail(err, err_len, YS_EFORMAT, program,
                  "sent a negative sample value (a time or a count is never "
                  "below zero)");
      else if (v != SAMPLE_OK)
        rc = fail(err, err_len, YS_EFORMAT, program, "sent a malformed sample");
      else
        one.total_iterations += one.series[0].samples[i].iterations;
    }
  }
  free(line);
  /* Read whole before anything is added, so that a refused answer adds
   * nothing to res. */
  double latency_values[YS_LATENCY_SERIES];
  bool latency_has[YS_LATENCY_SERIES] = {false};
  if (rc == 0 && latency)
    rc = receive_latency(from, program, latency_values, latency_has, err,
                         err_len);
  ys_function_cost *fns = NULL;
  size_t n_fns = 0;
  if (rc == 0)
    rc = receive_functions(from, program, &fns, &n_fns, err, err_len);
  size_t map[YS_MAX_COUNTERS];
  char why[YS_MESSAGE_MAX];
  int shaped =
      rc == 0 ? ys_counters_shape(res, specs, k, map, why, sizeof(why)) : 0;
  if (shaped == YS_EINVAL) {
    res->status = YS_BENCH_FAILED;
    snprintf(res->message, sizeof(res->message), "%s", why);
  } else if (shaped != 0) {
    rc = shaped;
  }
  if (rc == 0 && shaped == 0) rc = order_like(res, map, &one);
  if (rc == 0 && shaped == 0) rc = ys_bench_result_append_rounds(res, &one);
  /* A round that timed nothing (or whose benchmark latency mode refused)
   * sent no latency series and adds none. */
  if (rc == 0 && shaped == 0 && latency_has[YS_LATENCY_SERIES - 1])
    rc = ys_latency_add_round(res, latency_values, latency_has);
  if (rc == 0 && shaped == 0)
    rc = ys_round_functions_merge(res, fns, n_fns, YS_POLICY_FUNCTIONS_MAX);
  free_functions(fns, n_fns);
  ys_bench_result_clear(&one);
  return rc;
}

/* Most samples one round may announce: far more than any plan makes. */
#define MAX_ROUND_SAMPLES 10000000

int ys_peer_read_round(FILE *from, const char *program, bool latency,
                       ys_bench_result *res, char *err, size_t err_len) {
  char line[YS_WORKER_LINE_MAX];
  if (!read_line(from, line, sizeof(line)))
    return fail(err, err_len, YS_EIO, program,
                "exited during a round (it may have crashed)");
  size_t n, suggested;
  int linear;
  unsigned warnings;
  unsigned long long bytes, elements;
  double elapsed_s;
  if (sscanf(line, "ok %zu %d %llu %llu %u %zu %lf", &n, &linear, &bytes,
             &elements, &warnings, &suggested, &elapsed_s) == 7) {
    /* sscanf's %lf takes "inf" too: a time must be finite. */
    if (n == 0 || n > MAX_ROUND_SAMPLES || !isfinite(elapsed_s) ||
        elapsed_s < 0)
      return fail(err, err_len, YS_EFORMAT, program, "sent a malformed round");
    res->bytes_per_iteration = bytes;
    res->elements_per_iteration = elements;
    res->elapsed_s += elapsed_s;
    /* The worker's diagnostics of the round, as if measured here. */
    for (size_t m = 0; m < res->n_series; m++) {
      ys_analysis *a = &res->series[m].analysis;
      a->warnings |= warnings & ((1u << YS_WARN_COUNT) - 1);
      if (suggested > a->suggested_sample_size)
        a->suggested_sample_size = suggested;
    }
    return receive_round(from, program, n, linear != 0, latency, res, err,
                         err_len);
  }
  if (strncmp(line, "error ", 6) == 0)
    return fail(err, err_len, YS_EFORMAT, program, line + 6);
  ys_bench_status status;
  if (strncmp(line, "skipped ", 8) == 0)
    status = YS_BENCH_SKIPPED;
  else if (strncmp(line, "failed ", 7) == 0)
    status = YS_BENCH_FAILED;
  else
    return fail(err, err_len, YS_EFORMAT, program, "broke the worker protocol");
  res->status = status;
  snprintf(res->message, sizeof(res->message), "%s", strchr(line, ' ') + 1);
  return 0;
}

int ys_peer_round(ys_peer *p, const char *name, double warm_up_ns,
                  double measurement_ns, size_t sample_size,
                  uint64_t warm_up_iterations, bool latency, double timeout_s,
                  ys_bench_result *res, char *err, size_t err_len) {
  char command[YS_WORKER_LINE_MAX];
  char extra[48] = "";
  if (warm_up_iterations > 0)
    snprintf(extra, sizeof(extra), " %" PRIu64, warm_up_iterations);
  if (latency) strcat(extra, " latency");
  int len = snprintf(command, sizeof(command), "round %s %.17g %.17g %zu%s\n",
                     name, warm_up_ns, measurement_ns, sample_size, extra);
  if (len < 0 || (size_t)len >= sizeof(command))
    return fail(err, err_len, YS_EINVAL, p->program,
                "benchmark name too long for the worker protocol");
  if (send_text(p->to, command) != 0)
    return fail(err, err_len, YS_EIO, p->program,
                "exited (it may have crashed)");
  p->in.why = 0;
  p->in.deadline_s = timeout_s > 0 ? ys_clock_now_s() + timeout_s : 0;
  int rc = ys_peer_read_round(p->from, p->program, latency, res, err, err_len);
  p->in.deadline_s = 0;
  if (rc != 0 && p->in.why != 0) return stopped_reading(p, err, err_len);
  return rc;
}

/* Frees the peer's memory; its process must be waited for already. */
static void peer_free(ys_peer *p) {
  for (size_t i = 0; i < p->n_names; i++)
    free(p->names[i]);
  free(p->names);
  free(p->program);
  free(p);
}

/* Waits for the worker's process for up to grace_s seconds, then kills it
 * with SIGKILL and waits for that, so that no wait here lasts forever.
 * Returns what waitpid returned; *status is its status. */
static pid_t wait_or_kill(pid_t pid, double grace_s, int *status) {
  double until = ys_clock_now_s() + grace_s;
  for (;;) {
    pid_t got = waitpid(pid, status, WNOHANG);
    if (got != 0 && !(got < 0 && errno == EINTR)) return got;
    if (ys_clock_now_s() >= until) break;
    nanosleep(&(struct timespec){0, 2000000}, NULL);
  }
  kill(pid, SIGKILL);
  pid_t got;
  while ((got = waitpid(pid, status, 0)) < 0 && errno == EINTR)
    continue;
  return got;
}

/* Closes both pipes, so that a worker blocked on either sees the end. */
static void close_pipes(ys_peer *p) {
  if (p->to >= 0) close(p->to);
  p->to = -1;
  if (p->from != NULL) fclose(p->from);
  p->from = NULL;
}

/* Writes how the process ended ("exited with status 0", "was killed by
 * signal 9 (Killed)") into how; leaves it when got <= 0. */
static void describe_end(pid_t got, int status, char *how, size_t how_len) {
  if (got > 0 && WIFEXITED(status))
    snprintf(how, how_len, "exited with status %d", WEXITSTATUS(status));
  else if (got > 0 && WIFSIGNALED(status))
    snprintf(how, how_len, "was killed by signal %d (%s)", WTERMSIG(status),
             strsignal(WTERMSIG(status)));
}

void ys_peer_reap(ys_peer *p, char *how, size_t how_len) {
  snprintf(how, how_len, "ended");
  if (p == NULL) return;
  /* No "quit": a worker that broke off a round is not listening. Closing
   * its pipes ends one that is merely stuck reading or writing; one that
   * closed its stdout and went on (to sleep, say) is killed after the
   * grace. */
  close_pipes(p);
  int status = 0;
  pid_t got = p->pid > 0 ? wait_or_kill(p->pid, TERM_GRACE_S, &status) : -1;
  describe_end(got, status, how, how_len);
  peer_free(p);
}

void ys_peer_kill(ys_peer *p) {
  if (p == NULL) return;
  close_pipes(p);
  if (p->pid > 0) {
    int status;
    kill(p->pid, SIGTERM);
    wait_or_kill(p->pid, TERM_GRACE_S, &status);
  }
  peer_free(p);
}

void ys_peer_stop(ys_peer *p) {
  if (p == NULL) return;
  if (p->to >= 0)
    send_text(p->to, "quit\n"); /* a worker that is gone needs no "quit" */
  close_pipes(p);
  if (p->pid > 0) {
    int status;
    wait_or_kill(p->pid, QUIT_GRACE_S, &status);
  }
  peer_free(p);
}
