/*
 * metric.h — what a measured quantity is. Every metric carries its kind and
 * whether it is exact, from the collector that measures it, through the
 * series that hold its values and the baseline file, to every report.
 * Behaviour is decided by these two fields, never by a unit string: the
 * unit is only printed.
 */
#ifndef YS_METRIC_H
#define YS_METRIC_H

#include <stdbool.h>

/* X(enum value, name in files): one table generates both. */
#define YS_METRIC_KIND_MAP(X)                                                  \
  X(YS_METRIC_TIME, "time")   /* nanoseconds of a clock */                     \
  X(YS_METRIC_COUNT, "count") /* events or instructions counted */

typedef enum ys_metric_kind {
#define YS__METRIC_KIND_ENUM(value, name) value,
  YS_METRIC_KIND_MAP(YS__METRIC_KIND_ENUM)
#undef YS__METRIC_KIND_ENUM
      YS_METRIC_KIND_COUNT,
} ys_metric_kind;

/* One quantity a collector measures. */
typedef struct ys_metric {
  const char *name;    /* "time", "cpu_time", "instructions", ...; static */
  const char *unit;    /* "ns", "instructions", "events", ...; printed only */
  ys_metric_kind kind; /* how values are formatted and exported */
  /* Repeatable to the last unit for the same binary and input (callgrind's
   * counts): one measurement suffices, and a change is judged by the
   * threshold alone, without statistics. Noisy metrics (clocks, perf
   * counters) get rounds, intervals and tests. */
  bool exact;
} ys_metric;

/* The kind's name in files ("time", "count"). */
const char *ys_metric_kind_name(ys_metric_kind kind);

/* Parses a kind's name. Returns true and sets *out, or false when `name`
 * names no kind. */
bool ys_metric_kind_parse(const char *name, ys_metric_kind *out);

#endif
