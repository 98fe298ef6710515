/*
 * counters.h — user counters (ys_counter, ys_counter_success): what one
 * call of a benchmark function reported, how that becomes a figure, and
 * the series of a result that hold the figures (docs/authoring.md,
 * "Counters").
 *
 * A counter's series stores, for each sample, the figure times the
 * sample's iterations, so that per-iteration statistics (value /
 * iterations, the slope through the origin) give back the figure itself:
 * every counter gets the estimate, interval, rounds and comparison of any
 * other metric without a rule of its own.
 */
#ifndef YS_COUNTERS_H
#define YS_COUNTERS_H

#include <stddef.h>
#include <stdint.h>
#include <yardstick.h>

#include "../core/model.h"

/* One counter as the calls of one function call reported it. */
typedef struct ys_counter_entry {
  char name[YS_COUNTER_NAME_MAX + 1];
  unsigned flags;  /* YS_SERIES_COUNTER_* bits, without YS_SERIES_COUNTER */
  double value;    /* summed over the calls; successes for a success rate */
  double attempts; /* summed; success rates only */
} ys_counter_entry;

/* The counters of one call of a benchmark function, in first-report order. */
typedef struct ys_counter_set {
  ys_counter_entry entry[YS_MAX_COUNTERS];
  size_t n;
} ys_counter_set;

/* A counter as the worker protocol names it: its series flags and name. */
typedef struct ys_counter_spec {
  const char *name; /* borrowed */
  unsigned flags;   /* YS_SERIES_COUNTER_* bits, without YS_SERIES_COUNTER */
} ys_counter_spec;

/*
 * Adds `value` (and `attempts`, 0 unless a success rate) to the counter
 * `name` of *set under `flags` (YS_SERIES_COUNTER_* bits). Returns 0, or
 * YS_EINVAL with a message in why (why_len bytes) that names the counter:
 * a name that is empty, too long or has other characters than letters,
 * digits, '_', '.' and '-'; unknown or conflicting flags; flags unlike
 * those of an earlier report of the name; a value or attempts not finite
 * or negative; a YS_MAX_COUNTERS + 1st name.
 */
int ys_counters_add(ys_counter_set *set, const char *name, double value,
                    double attempts, unsigned flags, char *why, size_t why_len);

/*
 * The figure of entry *e for a call of `iterations` whose timed window
 * took timed_ns nanoseconds (negative when the primary metric is not a
 * time): the value for a total, value per second for a rate, value per
 * iteration, or 100 · successes / attempts. Returns 0 and sets *out, or
 * YS_EINVAL with a message in why: a rate without a clock or over 0 ns, a
 * success rate without attempts or with more successes than attempts.
 */
int ys_counters_figure(const ys_counter_entry *e, uint64_t iterations,
                       double timed_ns, double *out, char *why, size_t why_len);

/* How many of res's series are a collector's (they come first). */
size_t ys_counters_first(const ys_bench_result *res);

/*
 * Makes the counter series of *res those of specs[0..n), in that order of
 * first appearance: while res holds no sample yet, series are added for
 * the names it lacks (and dropped are none: a counter of an earlier call
 * that this one did not report is an error); once it holds samples, the
 * names and flags must be exactly those of its counter series. Returns 0,
 * YS_ENOMEM, or YS_EINVAL with a message in why: a counter reported in
 * some calls only, under other flags, or named like a collector metric.
 * *map[i] receives the series index of specs[i].
 */
int ys_counters_shape(ys_bench_result *res, const ys_counter_spec *specs,
                      size_t n, size_t *map, char *why, size_t why_len);

/* The unit a counter of these flags is printed with ("per call", "/s",
 * "per iteration", "%"); static storage. */
const char *ys_counters_unit(unsigned flags);

#endif
