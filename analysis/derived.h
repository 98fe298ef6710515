/*
 * derived.h — ratios of counters that a person reads more easily than the
 * counters themselves: instructions per cycle, branch and cache miss rates.
 * Formatting, not statistics: each is a ratio of two headline estimates
 * already computed.
 */
#ifndef YS_DERIVED_H
#define YS_DERIVED_H

#include <stddef.h>

#include "../core/model.h"

typedef struct ys_derived {
  const char *name;  /* "ipc", "branch_miss_rate", "cache_miss_rate" */
  const char *label; /* "IPC", "branch misses", "cache misses" */
  bool percent;      /* a rate, shown as a percentage */
  double value;
} ys_derived;

#define YS_DERIVED_MAX 3

/* Fills out[] with the ratios whose two counters `res` has (perf's
 * instructions and cycles, branches and branch-misses, cache-references and
 * cache-misses) and a non-zero denominator. Returns how many. */
size_t ys_derived_ratios(const ys_bench_result *res,
                         ys_derived out[YS_DERIVED_MAX]);

#endif
