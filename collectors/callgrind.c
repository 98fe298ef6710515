/*
 * callgrind.c — exact instruction counts (and simulated cache events) from
 * valgrind's callgrind tool.
 *
 * A program asked for this collector re-executes itself once under
 * `valgrind --tool=callgrind --instr-atstart=no` (harness/valgrind_launch.c),
 * so the whole suite costs one valgrind start-up, and code outside the
 * windows runs uninstrumented.
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

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <valgrind/callgrind.h>
#include <valgrind/valgrind.h>

#include "../core/error.h"
#include "callgrind.h"
#include "callgrind_file.h"
#include "callgrind_profile.h"

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
  const char *dir = getenv(YS_CALLGRIND_DIR_ENV);
  if (dir == NULL || dir[0] == '\0') {
    snprintf(err, err_len,
             "this program starts valgrind itself: run it without valgrind "
             "(%s is not set)",
             YS_CALLGRIND_DIR_ENV);
    return YS_ENOTSUP;
  }
  callgrind_ctx *c = calloc(1, sizeof(*c));
  if (c == NULL) return YS_ENOMEM;
  c->cache_sim = opts->cache_sim;
  c->at_line_start = true;
  snprintf(c->label, sizeof(c->label), "yardstick");
  if (ys_callgrind_profile_path(c->path, sizeof(c->path)) != 0) {
    snprintf(err, err_len, "%s is too long", YS_CALLGRIND_DIR_ENV);
    free(c);
    return YS_EINVAL;
  }
  size_t used = 0;
  if (opts->callgrind_out != NULL)
    used += (size_t)snprintf(
        c->notes, sizeof(c->notes),
        "callgrind: raw files kept in %s (callgrind.out.NAME per "
        "benchmark for callgrind_annotate, cg.PID.out with every window)",
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

/* Without --cache-sim, only the instructions (callgrind_metrics). */
static size_t callgrind_known_metrics(const ys_collector_options *opts,
                                      ys_metric *out) {
  bool cache_sim = opts == NULL || opts->cache_sim;
  if (cache_sim) {
    memcpy(out, cache_metrics, sizeof(cache_metrics));
    return sizeof(cache_metrics) / sizeof(cache_metrics[0]);
  }
  memcpy(out, plain_metrics, sizeof(plain_metrics));
  return sizeof(plain_metrics) / sizeof(plain_metrics[0]);
}

const ys_collector_ops ys_collector_callgrind = {
    .name = "callgrind",
    .exact = true,
    .needs_valgrind = true,
    .open = callgrind_open,
    .metrics = callgrind_metrics,
    .known_metrics = callgrind_known_metrics,
    .start = callgrind_start,
    .stop = callgrind_stop,
    .close = callgrind_close,
    .resolution = callgrind_resolution,
    .label = callgrind_label,
    .notes = callgrind_notes,
};
