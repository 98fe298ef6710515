/*
 * perf.c — the perf collector: hardware and software event counts of the
 * calling thread, read with perf_event_open around each window.
 *
 * Events are opened as one group, so that they count over exactly the same
 * window and one read() returns them all. Only the group leader is toggled:
 * enabling a whole group with PERF_IOC_FLAG_GROUP made a page-faults member
 * count on the first window only (docs/collectors.md). Some kernels refuse a
 * software leader for hardware members; then hardware and software events
 * get a group each, toggled one after the other.
 *
 * Events the kernel refuses are left out and named, with the reason, in
 * notes(): a virtual machine that exposes no hardware counters still counts
 * task-clock and page faults.
 */
#include "perf.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "../core/error.h"

/* An event the collector knows by name. */
typedef struct perf_event_def {
  const char *name;
  uint32_t type; /* PERF_TYPE_HARDWARE or PERF_TYPE_SOFTWARE */
  uint64_t config;
  const char *unit;
  ys_metric_kind kind;
} perf_event_def;

static const perf_event_def known_events[] = {
    {"instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS, "events",
     YS_METRIC_COUNT},
    {"cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES, "events",
     YS_METRIC_COUNT},
    {"branches", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_INSTRUCTIONS,
     "events", YS_METRIC_COUNT},
    {"branch-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES, "events",
     YS_METRIC_COUNT},
    {"cache-references", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_REFERENCES,
     "events", YS_METRIC_COUNT},
    {"cache-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES, "events",
     YS_METRIC_COUNT},
    {"task-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK, "ns",
     YS_METRIC_TIME},
    {"page-faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS, "events",
     YS_METRIC_COUNT},
    {"context-switches", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES,
     "events", YS_METRIC_COUNT},
    {"cpu-migrations", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS,
     "events", YS_METRIC_COUNT},
};

#define N_KNOWN (sizeof(known_events) / sizeof(known_events[0]))
_Static_assert(N_KNOWN <= YS_PERF_MAX_EVENTS, "YS_PERF_MAX_EVENTS too small");

/* Hardware and software events: at most one live group each, and one
 * dropped group whose software events were opened again. */
#define MAX_GROUPS 3

/* Empty windows measured to calibrate the overhead (nanobench keeps the
 * minimum of as many). */
#define CALIBRATION_WINDOWS 100

/* How long a group that never ran during calibration is given to be
 * scheduled before it is dropped: several multiplexing periods (4 ms by
 * default), so that a group merely rotated out is not mistaken for one
 * that can never fit. */
#define SCHEDULING_PROBE_NS 30000000L

/* A failure reason that is no errno: the group opened but the PMU never
 * scheduled it (more hardware events than counters). */
#define UNSCHEDULED (-1)

/* One event that opened, in the order the user asked for: its index is
 * its metric's. */
typedef struct perf_event {
  size_t def; /* index in known_events */
  size_t pos; /* index in the list the user gave */
  int fd;
  uint64_t id; /* PERF_EVENT_IOC_ID, to find it in a group read */
  size_t group;
  double overhead; /* per window, in the metric's unit */
} perf_event;

typedef struct perf_group {
  int leader_fd; /* -1 once dropped */
  uint32_t type; /* the leader's */
  /* Totals at the previous read: RESET does not reset them, so a window's
   * multiplexing ratio is the difference. */
  uint64_t enabled;
  uint64_t running;
} perf_group;

typedef struct perf_ctx {
  perf_event events[N_KNOWN];
  size_t n_events;
  perf_group groups[MAX_GROUPS];
  size_t n_groups;
  ys_metric metrics[N_KNOWN];
  /* Scratch filled by each stop(), so the hot path never allocates. */
  double window[N_KNOWN]; /* scaled counts of the last window */
  bool ran[N_KNOWN];      /* whether the event's group ran in it */
  uint64_t buf[3 + 2 * N_KNOWN];
  char notes[512];
} perf_ctx;

/* An event that could not be counted, and why. */
typedef struct perf_failure {
  size_t def;
  int err; /* errno, or UNSCHEDULED */
} perf_failure;

static const char *known_names(void) {
  static char names[256];
  if (names[0] == '\0') {
    size_t used = 0;
    for (size_t i = 0; i < N_KNOWN && used < sizeof(names); i++)
      used += (size_t)snprintf(names + used, sizeof(names) - used, "%s%s",
                               i > 0 ? ", " : "", known_events[i].name);
  }
  return names;
}

/* Turns "a,b" into indices into known_events, in the order given; NULL
 * means every known event. Returns the count or YS_EINVAL. */
static int parse_counters(const char *list, size_t *defs, char *err,
                          size_t err_len) {
  if (list == NULL) {
    for (size_t i = 0; i < N_KNOWN; i++)
      defs[i] = i;
    return (int)N_KNOWN;
  }
  size_t n = 0;
  const char *p = list;
  for (;;) {
    size_t len = strcspn(p, ",");
    if (len == 0) {
      snprintf(err, err_len, "'%s' is not a list of perf events (known: %s)",
               list, known_names());
      return YS_EINVAL;
    }
    size_t found = N_KNOWN;
    for (size_t i = 0; i < N_KNOWN; i++) {
      if (strlen(known_events[i].name) == len &&
          strncmp(known_events[i].name, p, len) == 0)
        found = i;
    }
    if (found == N_KNOWN) {
      snprintf(err, err_len, "unknown perf event '%.*s' (known: %s)", (int)len,
               p, known_names());
      return YS_EINVAL;
    }
    for (size_t k = 0; k < n; k++) {
      if (defs[k] == found) {
        snprintf(err, err_len, "perf event '%s' is named twice",
                 known_events[found].name);
        return YS_EINVAL;
      }
    }
    defs[n++] = found;
    if (p[len] == '\0') break;
    p += len + 1;
  }
  return (int)n;
}

/* Opens one event: the leader of a new group when group_fd is -1 (created
 * disabled, so that nothing counts until start), else a member (enabled, so
 * that it counts whenever its leader does). Returns the fd, or -1 with
 * errno set. */
static int open_event(const perf_event_def *def, int group_fd) {
  struct perf_event_attr attr;
  memset(&attr, 0, sizeof(attr));
  attr.size = sizeof(attr);
  attr.type = def->type;
  attr.config = def->config;
  attr.disabled = group_fd == -1;
  attr.exclude_kernel = 1;
  attr.exclude_hv = 1;
  attr.read_format = PERF_FORMAT_GROUP | PERF_FORMAT_ID |
                     PERF_FORMAT_TOTAL_TIME_ENABLED |
                     PERF_FORMAT_TOTAL_TIME_RUNNING;
  long fd = syscall(SYS_perf_event_open, &attr, 0, -1, group_fd,
                    PERF_FLAG_FD_CLOEXEC);
  return (int)fd;
}

/* Adds the event known_events[def] to the groups: into the group its kind
 * leads, else into the first group (a mixed group), else — or when the
 * kernel refuses the mixed group — as the leader of a group of its own.
 * Returns 0, or the errno that kept it out. */
static int add_event(perf_ctx *c, size_t def, size_t pos) {
  const perf_event_def *d = &known_events[def];
  size_t same = c->n_groups, first = c->n_groups;
  for (size_t g = c->n_groups; g-- > 0;) {
    if (c->groups[g].leader_fd < 0) continue; /* dropped */
    if (c->groups[g].type == d->type) same = g;
    first = g;
  }
  size_t group = same < c->n_groups ? same : first;
  int fd = group < c->n_groups ? open_event(d, c->groups[group].leader_fd) : -1;
  int failure = errno;
  if (fd < 0 && same == c->n_groups && c->n_groups < MAX_GROUPS) {
    fd = open_event(d, -1);
    failure = errno;
    group = c->n_groups;
    if (fd >= 0) c->groups[c->n_groups++] = (perf_group){fd, d->type, 0, 0};
  }
  if (fd < 0) return failure;
  uint64_t id;
  if (ioctl(fd, PERF_EVENT_IOC_ID, &id) != 0) {
    failure = errno;
    /* A leader that cannot be identified cannot be read either; it has no
     * members yet, since members join only after it has its id. */
    if (c->groups[group].leader_fd == fd) c->n_groups--;
    close(fd);
    return failure;
  }
  c->events[c->n_events++] = (perf_event){def, pos, fd, id, group, 0};
  return 0;
}

/* Reads group g, just disabled, into c->window and c->ran, scaling each
 * count by the share of the window the group was on the PMU. */
static void read_group(perf_ctx *c, size_t g) {
  perf_group *grp = &c->groups[g];
  ssize_t got = read(grp->leader_fd, c->buf, sizeof(c->buf));
  size_t words = got > 0 ? (size_t)got / sizeof(uint64_t) : 0;
  bool ran = false;
  double scale = 0;
  if (words >= 3) {
    uint64_t enabled = c->buf[1] - grp->enabled;
    uint64_t running = c->buf[2] - grp->running;
    grp->enabled = c->buf[1];
    grp->running = c->buf[2];
    ran = running > 0;
    scale = ran ? (double)enabled / (double)running : 0;
  }
  for (size_t e = 0; e < c->n_events; e++) {
    if (c->events[e].group != g) continue;
    c->window[e] = 0;
    c->ran[e] = ran;
  }
  size_t nr = words >= 3 ? c->buf[0] : 0;
  for (size_t i = 0; i < nr && 4 + 2 * i < words; i++) {
    uint64_t value = c->buf[3 + 2 * i];
    uint64_t id = c->buf[4 + 2 * i];
    for (size_t e = 0; e < c->n_events; e++)
      if (c->events[e].id == id) c->window[e] = (double)value * scale;
  }
}

static void perf_start(void *ctx) {
  perf_ctx *c = ctx;
  for (size_t g = 0; g < c->n_groups; g++)
    if (c->groups[g].leader_fd >= 0)
      ioctl(c->groups[g].leader_fd, PERF_EVENT_IOC_RESET, PERF_IOC_FLAG_GROUP);
  for (size_t g = 0; g < c->n_groups; g++)
    if (c->groups[g].leader_fd >= 0)
      ioctl(c->groups[g].leader_fd, PERF_EVENT_IOC_ENABLE, 0);
}

/* Disables every group before reading any, so that no read falls inside
 * another group's window. */
static void close_window(perf_ctx *c) {
  for (size_t g = c->n_groups; g-- > 0;)
    if (c->groups[g].leader_fd >= 0)
      ioctl(c->groups[g].leader_fd, PERF_EVENT_IOC_DISABLE, 0);
  for (size_t g = 0; g < c->n_groups; g++)
    if (c->groups[g].leader_fd >= 0) read_group(c, g);
}

static void perf_stop(void *ctx, double *acc) {
  perf_ctx *c = ctx;
  close_window(c);
  for (size_t e = 0; e < c->n_events; e++) {
    double v = c->window[e] - c->events[e].overhead;
    acc[e] += v > 0 ? v : 0;
  }
}

static double elapsed_ns(const struct timespec *a, const struct timespec *b) {
  return (double)(b->tv_sec - a->tv_sec) * 1e9 +
         (double)(b->tv_nsec - a->tv_nsec);
}

/* Whether group g gets on the PMU within a few multiplexing periods. */
static bool group_is_schedulable(perf_ctx *c, size_t g) {
  perf_group *grp = &c->groups[g];
  uint64_t running = grp->running;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  ioctl(grp->leader_fd, PERF_EVENT_IOC_ENABLE, 0);
  do {
    clock_gettime(CLOCK_MONOTONIC, &t1);
  } while (elapsed_ns(&t0, &t1) < SCHEDULING_PROBE_NS);
  ioctl(grp->leader_fd, PERF_EVENT_IOC_DISABLE, 0);
  read_group(c, g);
  return grp->running > running;
}

/* Closes group g's events. Its hardware events are recorded as failures;
 * its software events, refused only for the company they kept, are put in
 * `again` to be opened anew. */
static void drop_group(perf_ctx *c, size_t g, perf_failure *failed,
                       size_t *n_failed, perf_event *again, size_t *n_again) {
  size_t kept = 0;
  /* Members first: closing the leader first would leave them orphaned
   * until they are closed too, which is harmless but needless. */
  for (size_t e = 0; e < c->n_events; e++)
    if (c->events[e].group == g && c->events[e].fd != c->groups[g].leader_fd)
      close(c->events[e].fd);
  close(c->groups[g].leader_fd);
  c->groups[g].leader_fd = -1;
  for (size_t e = 0; e < c->n_events; e++) {
    if (c->events[e].group != g)
      c->events[kept++] = c->events[e];
    else if (known_events[c->events[e].def].type == PERF_TYPE_SOFTWARE)
      again[(*n_again)++] = c->events[e];
    else
      failed[(*n_failed)++] = (perf_failure){c->events[e].def, UNSCHEDULED};
  }
  c->n_events = kept;
}

/* Measures empty windows and keeps, per event, the least it counted in a
 * window its group ran: what the enable/disable pair itself costs.
 * seen[e] tells whether event e's group ran at all. */
static void measure_overhead(perf_ctx *c, bool *seen) {
  for (size_t g = 0; g < c->n_groups; g++)
    if (c->groups[g].leader_fd >= 0) read_group(c, g);
  for (size_t e = 0; e < c->n_events; e++) {
    seen[e] = false;
    c->events[e].overhead = 0;
  }
  for (int w = 0; w < CALIBRATION_WINDOWS; w++) {
    perf_start(c);
    close_window(c);
    for (size_t e = 0; e < c->n_events; e++) {
      if (!c->ran[e]) continue;
      if (!seen[e] || c->window[e] < c->events[e].overhead)
        c->events[e].overhead = c->window[e];
      seen[e] = true;
    }
  }
}

/* Calibrates the overhead. A group that never ran is given a longer
 * chance, then dropped; its software events are opened again without the
 * hardware ones, and calibrated anew. */
static void calibrate(perf_ctx *c, perf_failure *failed, size_t *n_failed) {
  bool seen[N_KNOWN];
  measure_overhead(c, seen);
  bool drop[MAX_GROUPS] = {false};
  for (size_t g = 0; g < c->n_groups; g++) {
    if (c->groups[g].leader_fd < 0) continue;
    bool ran = false;
    for (size_t e = 0; e < c->n_events; e++)
      if (c->events[e].group == g && seen[e]) ran = true;
    drop[g] = !ran && !group_is_schedulable(c, g);
  }
  perf_event again[N_KNOWN];
  size_t n_again = 0;
  for (size_t g = 0; g < c->n_groups; g++)
    if (drop[g]) drop_group(c, g, failed, n_failed, again, &n_again);
  if (n_again == 0) return;
  for (size_t i = 0; i < n_again; i++) {
    int failure = add_event(c, again[i].def, again[i].pos);
    if (failure != 0)
      failed[(*n_failed)++] = (perf_failure){again[i].def, failure};
  }
  /* Metrics come in the order the user asked for. */
  for (size_t i = 1; i < c->n_events; i++) {
    perf_event e = c->events[i];
    size_t k = i;
    for (; k > 0 && c->events[k - 1].pos > e.pos; k--)
      c->events[k] = c->events[k - 1];
    c->events[k] = e;
  }
  measure_overhead(c, seen);
}

/* Why an event could not be counted, as one phrase. */
static void describe_failure(const perf_failure *f, char *out, size_t len) {
  if (f->err == UNSCHEDULED) {
    snprintf(out, len,
             "never scheduled: more hardware events than this CPU has "
             "counters; ask for fewer with --counters");
    return;
  }
  const char *name = strerrorname_np(f->err);
  char fallback[24];
  if (name == NULL) {
    snprintf(fallback, sizeof(fallback), "errno %d", f->err);
    name = fallback;
  }
  if (f->err == EACCES || f->err == EPERM) {
    int paranoid = 0;
    FILE *fp = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
    bool known = fp != NULL && fscanf(fp, "%d", &paranoid) == 1;
    if (fp != NULL) fclose(fp);
    if (known)
      snprintf(out, len, "%s: %s, perf_event_paranoid = %d", name,
               strerror(f->err), paranoid);
    else
      snprintf(out, len, "%s: %s, perf_event_paranoid unreadable", name,
               strerror(f->err));
  } else if ((f->err == ENOENT || f->err == EOPNOTSUPP) &&
             known_events[f->def].type == PERF_TYPE_HARDWARE) {
    snprintf(out, len,
             "%s: this machine (or virtual machine) exposes no hardware "
             "counters",
             name);
  } else {
    snprintf(out, len, "%s: %s", name, strerror(f->err));
  }
}

/* Writes "a, b (reason); c (other reason)" after `prefix`: the failed
 * events, grouped by reason in the order the reasons first occur. */
static void format_failures(const perf_failure *failed, size_t n_failed,
                            const char *prefix, char *out, size_t len) {
  char reasons[N_KNOWN][160];
  for (size_t i = 0; i < n_failed; i++)
    describe_failure(&failed[i], reasons[i], sizeof(reasons[i]));
  size_t used = (size_t)snprintf(out, len, "%s", prefix);
  bool done[N_KNOWN] = {false};
  for (size_t i = 0; i < n_failed && used < len; i++) {
    if (done[i]) continue;
    bool first = true;
    for (size_t k = i; k < n_failed && used < len; k++) {
      if (done[k] || strcmp(reasons[k], reasons[i]) != 0) continue;
      done[k] = true;
      used += (size_t)snprintf(out + used, len - used, "%s%s",
                               first ? (i > 0 ? "; " : "") : ", ",
                               known_events[failed[k].def].name);
      first = false;
    }
    if (used < len)
      used += (size_t)snprintf(out + used, len - used, " (%s)", reasons[i]);
  }
}

static void perf_close(void *ctx) {
  perf_ctx *c = ctx;
  if (c == NULL) return;
  /* Members before leaders, for the reason drop_group gives. */
  for (size_t e = c->n_events; e-- > 0;) {
    bool leader = false;
    for (size_t g = 0; g < c->n_groups; g++)
      if (c->groups[g].leader_fd == c->events[e].fd) leader = true;
    if (!leader) close(c->events[e].fd);
  }
  for (size_t g = 0; g < c->n_groups; g++)
    if (c->groups[g].leader_fd >= 0) close(c->groups[g].leader_fd);
  free(c);
}

static int perf_open(void **ctx, const ys_collector_options *opts, char *err,
                     size_t err_len) {
  size_t defs[N_KNOWN];
  int n = parse_counters(opts->counters, defs, err, err_len);
  if (n < 0) return n;
  perf_ctx *c = calloc(1, sizeof(*c));
  if (c == NULL) return YS_ENOMEM;

  perf_failure failed[N_KNOWN];
  size_t n_failed = 0;
  for (size_t i = 0; i < (size_t)n; i++) {
    int failure = add_event(c, defs[i], i);
    if (failure != 0) failed[n_failed++] = (perf_failure){defs[i], failure};
  }
  calibrate(c, failed, &n_failed);

  for (size_t e = 0; e < c->n_events; e++) {
    const perf_event_def *d = &known_events[c->events[e].def];
    /* Counts from the kernel vary with everything else the machine does:
     * never exact, so they get the statistics of a noisy metric. */
    c->metrics[e] = (ys_metric){d->name, d->unit, d->kind, false};
  }
  if (n_failed > 0)
    format_failures(failed, n_failed, "perf: not counted: ", c->notes,
                    sizeof(c->notes));

  /* With --require-counters every event asked for must be counted, the
   * default set included (as --help promises); without it the default set
   * stays usable on machines without hardware counters. */
  if (n_failed > 0 && opts->require_counters) {
    format_failures(failed, n_failed, "not counted: ", err, err_len);
    perf_close(c);
    return YS_EINVAL;
  }
  if (c->n_events == 0) {
    format_failures(failed, n_failed,
                    "no perf event can be counted here: ", err, err_len);
    perf_close(c);
    return YS_ENOTSUP;
  }
  *ctx = c;
  return 0;
}

static size_t perf_metrics(void *ctx, const ys_metric **out) {
  perf_ctx *c = ctx;
  *out = c->metrics;
  return c->n_events;
}

static double perf_resolution(void *ctx) {
  (void)ctx;
  return 1;
}

static const char *perf_notes(void *ctx) {
  perf_ctx *c = ctx;
  return c->notes[0] != '\0' ? c->notes : NULL;
}

int ys_perf_check_counters(const char *list, char *err, size_t err_len) {
  size_t defs[N_KNOWN];
  return parse_counters(list, defs, err, err_len) < 0 ? YS_EINVAL : 0;
}

int ys_perf_parse_events(const char *list, size_t *events, char *err,
                         size_t err_len) {
  return parse_counters(list, events, err, err_len);
}

ys_metric ys_perf_event_metric(size_t event) {
  const perf_event_def *d = &known_events[event < N_KNOWN ? event : 0];
  return (ys_metric){d->name, d->unit, d->kind, false};
}

int ys_perf_open_command_event(size_t event, pid_t pid) {
  if (event >= N_KNOWN) {
    errno = EINVAL;
    return -1;
  }
  const perf_event_def *d = &known_events[event];
  struct perf_event_attr attr;
  memset(&attr, 0, sizeof(attr));
  attr.size = sizeof(attr);
  attr.type = d->type;
  attr.config = d->config;
  attr.disabled = 1;
  attr.enable_on_exec = 1;
  attr.inherit = 1;
  attr.exclude_kernel = 1;
  attr.exclude_hv = 1;
  /* No group read: perf_event_open(2) says inherit does not work with
   * PERF_FORMAT_GROUP, so each event is opened, scaled and read alone. */
  attr.read_format =
      PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
  return (int)syscall(SYS_perf_event_open, &attr, pid, -1, -1,
                      PERF_FLAG_FD_CLOEXEC);
}

int ys_perf_read_command_event(int fd, double *value) {
  uint64_t buf[3]; /* value, time enabled, time running */
  *value = 0;
  if (read(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf)) return -1;
  if (buf[2] == 0) return buf[1] == 0 ? 0 : -1; /* never ran: nothing ran */
  *value = (double)buf[0] * ((double)buf[1] / (double)buf[2]);
  return 0;
}

void ys_perf_describe_unavailable(const size_t *events, const int *errs,
                                  size_t n, const char *prefix, char *out,
                                  size_t len) {
  perf_failure failed[N_KNOWN];
  size_t k = 0;
  for (size_t i = 0; i < n && k < N_KNOWN; i++)
    if (events[i] < N_KNOWN) failed[k++] = (perf_failure){events[i], errs[i]};
  format_failures(failed, k, prefix, out, len);
}

double ys_perf_overhead(void *ctx, size_t metric) {
  perf_ctx *c = ctx;
  return metric < c->n_events ? c->events[metric].overhead : -1;
}

/* The events --counters lists (every known one without it), whether or
 * not this machine can count them. */
static size_t perf_known_metrics(const ys_collector_options *opts,
                                 ys_metric *out) {
  size_t defs[N_KNOWN];
  char ignored[256];
  int n = parse_counters(opts != NULL ? opts->counters : NULL, defs, ignored,
                         sizeof(ignored));
  for (int i = 0; i < n; i++)
    out[i] = ys_perf_event_metric(defs[i]);
  return n > 0 ? (size_t)n : 0;
}

const ys_collector_ops ys_collector_perf = {
    .name = "perf",
    .open = perf_open,
    .metrics = perf_metrics,
    .known_metrics = perf_known_metrics,
    .start = perf_start,
    .stop = perf_stop,
    .close = perf_close,
    .resolution = perf_resolution,
    .notes = perf_notes,
};
