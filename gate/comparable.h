/*
 * comparable.h — can two result sets be compared at all?
 *
 * The gate pairs benchmarks by name and compares their primary series; a
 * pair whose primary metrics differ is "not compared". When every pair is
 * like that (a baseline of wall-clock time against a run that counts
 * instructions), the gate would find nothing to fail on and pass blind.
 * This check tells that case apart, and describes both sides so that the
 * caller can say what each one measured.
 */
#ifndef YS_COMPARABLE_H
#define YS_COMPARABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/model.h"

/* What one side of a comparison measured, for a message. */
#define YS_COMPARABLE_DESC_MAX 256

typedef struct ys_comparability {
  /* False only when benchmarks were paired and none of the pairs has the
   * same primary metric on both sides: nothing at all can be compared.
   * No pair at all (every benchmark new or missing) is not this case: the
   * gate reports those benchmarks itself. */
  bool comparable;
  size_t n_paired;   /* names on both sides with a primary series each */
  size_t n_matching; /* of them, with the same primary metric */
  /* "time, cpu_time (collector wall)": every metric the side's benchmarks
   * hold, in order of first appearance, then the collector when known. */
  char base[YS_COMPARABLE_DESC_MAX];
  char current[YS_COMPARABLE_DESC_MAX];
} ys_comparability;

/*
 * Checks whether `current` can be compared with `base` (both borrowed,
 * benchmarks sorted by name, as ys_gate_judge wants them) and fills *out.
 * Two primary series match when their metric name, unit, kind and
 * exactness agree (the rule of ys_compare_bench). base_collector and
 * current_collector (borrowed, NULL or "" when unknown) only go into the
 * descriptions. Pure: reads its inputs, writes *out, allocates nothing.
 */
void ys_comparable_check(const ys_run_result *base, const char *base_collector,
                         const ys_run_result *current,
                         const char *current_collector, ys_comparability *out);

#endif
