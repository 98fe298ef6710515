/*
 * counters.c — user counters: the calls a benchmark makes (ys_counter,
 * ys_counter_success), their sums over one call of the function, their
 * figures, and the series of a result that hold them.
 */
#include "counters.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/latency.h"
#include "../core/error.h"
#include "batch.h"

/* The public flags and the series bits are one set of numbers. */
_Static_assert(YS_COUNTER_RATE == YS_SERIES_COUNTER_RATE, "rate bit");
_Static_assert(YS_COUNTER_PER_ITERATION == YS_SERIES_COUNTER_PER_ITERATION,
               "per-iteration bit");
_Static_assert(YS_COUNTER_GATED == YS_SERIES_COUNTER_GATED, "gated bit");
_Static_assert(YS_COUNTER_HIGHER_IS_BETTER == YS_SERIES_COUNTER_HIGHER,
               "direction bit");

/* The kind bits: at most one of them is set. */
#define KIND_BITS                                                              \
  (YS_SERIES_COUNTER_RATE | YS_SERIES_COUNTER_PER_ITERATION |                  \
   YS_SERIES_COUNTER_SUCCESS)
#define KNOWN_BITS                                                             \
  (KIND_BITS | YS_SERIES_COUNTER_GATED | YS_SERIES_COUNTER_HIGHER)

static bool name_ok(const char *name, char *why, size_t why_len) {
  size_t len = name != NULL ? strnlen(name, YS_COUNTER_NAME_MAX + 1) : 0;
  if (len == 0) {
    snprintf(why, why_len, "a counter needs a name");
    return false;
  }
  if (len > YS_COUNTER_NAME_MAX) {
    snprintf(why, why_len, "counter name '%.*s...' is longer than %d bytes", 20,
             name, YS_COUNTER_NAME_MAX);
    return false;
  }
  /* The name travels as one word of the worker protocol and is a metric
   * name of --gate (METRIC:PCT): no spaces, no colons. */
  if (strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                   "0123456789_.-") != len) {
    snprintf(why, why_len,
             "counter name '%s' may hold only letters, digits, '_', '.' and "
             "'-'",
             name);
    return false;
  }
  /* The runner records a latency benchmark's percentiles as series of
   * these names, alongside the counters: a counter of the same name would
   * be one series written two ways. */
  for (size_t q = 0; q < YS_LATENCY_SERIES; q++)
    if (strcmp(name, ys_latency_series_name[q]) == 0) {
      snprintf(why, why_len,
               "counter name '%s' is taken by the latency percentiles the "
               "runner records",
               name);
      return false;
    }
  return true;
}

/* The flags as the user wrote them ("YS_COUNTER_RATE | YS_COUNTER_GATED"),
 * or "a success count" for ys_counter_success's own kind: the bit values
 * are the header's business, not the reader's. */
static const char *flags_text(unsigned flags, char *buf, size_t len) {
  const char *kind = "YS_COUNTER_TOTAL";
  if (flags & YS_SERIES_COUNTER_SUCCESS)
    kind = "a success count (ys_counter_success)";
  else if (flags & YS_SERIES_COUNTER_RATE)
    kind = "YS_COUNTER_RATE";
  else if (flags & YS_SERIES_COUNTER_PER_ITERATION)
    kind = "YS_COUNTER_PER_ITERATION";
  snprintf(buf, len, "%s%s%s", kind,
           flags & YS_SERIES_COUNTER_GATED ? " | YS_COUNTER_GATED" : "",
           flags & YS_SERIES_COUNTER_HIGHER ? " | YS_COUNTER_HIGHER_IS_BETTER"
                                            : "");
  return buf;
}

int ys_counters_add(ys_counter_set *set, const char *name, double value,
                    double attempts, unsigned flags, char *why,
                    size_t why_len) {
  if (!name_ok(name, why, why_len)) return YS_EINVAL;
  unsigned kind = flags & KIND_BITS;
  if ((flags & ~KNOWN_BITS) != 0 || (kind & (kind - 1)) != 0) {
    snprintf(why, why_len,
             "counter '%s': flags 0x%x are not one of YS_COUNTER_TOTAL, "
             "YS_COUNTER_RATE or YS_COUNTER_PER_ITERATION, optionally with "
             "YS_COUNTER_GATED and YS_COUNTER_HIGHER_IS_BETTER%s",
             name, flags,
             (flags & ~KNOWN_BITS) != 0 ? " (it holds bits no flag has)"
                                        : " (it names two kinds)");
    return YS_EINVAL;
  }
  if (!isfinite(value) || !isfinite(attempts)) {
    snprintf(why, why_len, "counter '%s': value %g is not finite", name,
             isfinite(value) ? attempts : value);
    return YS_EINVAL;
  }
  if (value < 0 || attempts < 0) {
    snprintf(why, why_len, "counter '%s': value %g is negative", name,
             value < 0 ? value : attempts);
    return YS_EINVAL;
  }
  ys_counter_entry *e = NULL;
  for (size_t i = 0; i < set->n && e == NULL; i++)
    if (strcmp(set->entry[i].name, name) == 0) e = &set->entry[i];
  if (e == NULL) {
    if (set->n == YS_MAX_COUNTERS) {
      snprintf(why, why_len,
               "counter '%s' is one more than the %d a benchmark may report",
               name, YS_MAX_COUNTERS);
      return YS_EINVAL;
    }
    e = &set->entry[set->n++];
    memset(e, 0, sizeof(*e));
    snprintf(e->name, sizeof(e->name), "%s", name);
    e->flags = flags;
  } else if (e->flags != flags) {
    char now[128], before[128];
    snprintf(why, why_len,
             "counter '%s' reported as %s, earlier in the same call as %s: "
             "one name is one kind of counter",
             name, flags_text(flags, now, sizeof(now)),
             flags_text(e->flags, before, sizeof(before)));
    return YS_EINVAL;
  }
  e->value += value;
  e->attempts += attempts;
  return 0;
}

int ys_counters_figure(const ys_counter_entry *e, uint64_t iterations,
                       double timed_ns, double *out, char *why,
                       size_t why_len) {
  switch (e->flags & KIND_BITS) {
  case YS_SERIES_COUNTER_RATE:
    if (timed_ns < 0) {
      snprintf(why, why_len,
               "counter '%s': a rate needs a clock, and this collector's "
               "first metric is not a time",
               e->name);
      return YS_EINVAL;
    }
    if (timed_ns == 0) {
      snprintf(why, why_len,
               "counter '%s': a rate over a call timed at 0 ns has no value",
               e->name);
      return YS_EINVAL;
    }
    *out = e->value / (timed_ns * 1e-9);
    break;
  case YS_SERIES_COUNTER_PER_ITERATION:
    *out = e->value / (double)iterations;
    break;
  case YS_SERIES_COUNTER_SUCCESS:
    if (e->attempts == 0 || e->value > e->attempts) {
      snprintf(why, why_len,
               "counter '%s': %g successes of %g attempts in one call (there "
               "must be attempts, and no more successes than attempts)",
               e->name, e->value, e->attempts);
      return YS_EINVAL;
    }
    *out = 100.0 * e->value / e->attempts;
    break;
  default:
    *out = e->value;
  }
  if (!isfinite(*out)) {
    snprintf(why, why_len, "counter '%s' has no finite value", e->name);
    return YS_EINVAL;
  }
  return 0;
}

size_t ys_counters_first(const ys_bench_result *res) {
  size_t m = 0;
  while (m < res->n_series && res->series[m].counter == 0)
    m++;
  return m;
}

const char *ys_counters_unit(unsigned flags) {
  switch (flags & KIND_BITS) {
  case YS_SERIES_COUNTER_RATE:
    return "/s";
  case YS_SERIES_COUNTER_PER_ITERATION:
    return "per iteration";
  case YS_SERIES_COUNTER_SUCCESS:
    return "%";
  default:
    return "per call";
  }
}

/* Counter names live as long as the program: a series' metric name is
 * static storage (model.h), and results are copied and merged freely.
 * Each distinct name is kept once, so the memory is bounded by the names a
 * program's benchmarks use. */
typedef struct interned {
  struct interned *next;
  char name[YS_COUNTER_NAME_MAX + 1];
} interned;
static interned *interned_names;

static const char *intern(const char *name) {
  for (interned *i = interned_names; i != NULL; i = i->next)
    if (strcmp(i->name, name) == 0) return i->name;
  interned *i = calloc(1, sizeof(*i));
  if (i == NULL) return NULL;
  snprintf(i->name, sizeof(i->name), "%s", name);
  i->next = interned_names;
  interned_names = i;
  return i->name;
}

/* The index of the series of res named `name`, or res->n_series. */
static size_t series_named(const ys_bench_result *res, const char *name) {
  size_t m = 0;
  while (m < res->n_series && strcmp(res->series[m].metric, name) != 0)
    m++;
  return m;
}

static int add_series(ys_bench_result *res, const ys_counter_spec *spec) {
  const char *name = intern(spec->name);
  if (name == NULL) return YS_ENOMEM;
  bool exact = res->n_series > 0 && res->series[0].exact;
  ys_series *grown =
      realloc(res->series, (res->n_series + 1) * sizeof(*res->series));
  if (grown == NULL) return YS_ENOMEM;
  res->series = grown;
  ys_series *s = &res->series[res->n_series++];
  memset(s, 0, sizeof(*s));
  s->metric = name;
  s->unit = ys_counters_unit(spec->flags);
  s->kind = YS_METRIC_COUNT;
  /* An exact collector measures one call per round, so statistics have
   * nothing to work on: the counter is judged as the counts are, by the
   * threshold alone (a rate, which would not be repeatable, needs a clock
   * and is refused there). */
  s->exact = exact;
  s->counter = YS_SERIES_COUNTER | spec->flags;
  return 0;
}

int ys_counters_shape(ys_bench_result *res, const ys_counter_spec *specs,
                      size_t n, size_t *map, char *why, size_t why_len) {
  size_t first = ys_counters_first(res);
  bool empty = res->n_series == 0 ||
               (res->series[0].n_samples == 0 && res->series[0].n_rounds == 0);
  for (size_t i = 0; i < n; i++) {
    size_t m = series_named(res, specs[i].name);
    if (m < first) {
      snprintf(why, why_len,
               "counter '%s' has the name of a metric the collector records",
               specs[i].name);
      return YS_EINVAL;
    }
    if (m == res->n_series) {
      if (!empty) {
        snprintf(why, why_len,
                 "counter '%s' was not reported in every call of the "
                 "benchmark",
                 specs[i].name);
        return YS_EINVAL;
      }
      int rc = add_series(res, &specs[i]);
      if (rc != 0) return rc;
    } else if (res->series[m].counter != (YS_SERIES_COUNTER | specs[i].flags)) {
      snprintf(why, why_len,
               "counter '%s' was reported with other flags in another call",
               specs[i].name);
      return YS_EINVAL;
    }
    map[i] = m;
  }
  /* Every counter series must have been reported by this call too.
   * Latency series (run/latency.h) are the runner's, not the call's. */
  if (res->n_series - first != n) {
    for (size_t m = first; m < res->n_series; m++) {
      if (res->series[m].counter & YS_SERIES_LATENCY) continue;
      bool seen = false;
      for (size_t i = 0; i < n && !seen; i++)
        seen = map[i] == m;
      if (!seen) {
        snprintf(why, why_len,
                 "counter '%s' was not reported in every call of the "
                 "benchmark",
                 res->series[m].metric);
        return YS_EINVAL;
      }
    }
  }
  return 0;
}

/* Records a counter of the current call, or fails the benchmark with the
 * reason. */
static void report(ys_state *state, const char *name, double value,
                   double attempts, unsigned flags) {
  ys_batch *b = state->ys__run;
  char why[YS_MESSAGE_MAX];
  if (ys_counters_add(&b->counters, name, value, attempts, flags, why,
                      sizeof(why)) != 0)
    ys_error(state, "%s", why);
}

void ys_counter(ys_state *state, const char *name, double value,
                unsigned flags) {
  report(state, name, value, 0, flags);
}

void ys_counter_success(ys_state *state, const char *name, double successes,
                        double attempts, unsigned flags) {
  /* Only the comparison flags are the caller's: the kind is fixed. */
  unsigned own = flags & (YS_COUNTER_GATED | YS_COUNTER_HIGHER_IS_BETTER);
  if (own != flags) {
    ys_error(state,
             "counter '%s': a success rate takes only YS_COUNTER_GATED and "
             "YS_COUNTER_HIGHER_IS_BETTER",
             name != NULL ? name : "");
    return;
  }
  report(state, name, successes, attempts, own | YS_SERIES_COUNTER_SUCCESS);
}
