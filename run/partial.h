/*
 * partial.h — what a run stopped early (interrupt.h) can still report.
 */
#ifndef YS_PARTIAL_H
#define YS_PARTIAL_H

#include <stddef.h>

#include "../core/model.h"

/* How far a stopped run got with its benchmarks. */
typedef struct ys_partial_counts {
  size_t complete;    /* every round planned, or a status of its own */
  size_t in_part;     /* some rounds measured, not all */
  size_t not_reached; /* no round measured */
} ys_partial_counts;

/* Counts the benchmarks of `run` (borrowed), before ys_run_keep_measured:
 * a benchmark is complete when it is skipped or failed (a verdict of its
 * own) or its primary series has as many rounds as its settings planned
 * (`default_rounds` when its settings say 0), in part when it has fewer
 * but at least one, not reached otherwise. The sum is run->n_benches. */
ys_partial_counts ys_run_count_measured(const ys_run_result *run,
                                        size_t default_rounds);

/* Keeps in run the benchmarks that were measured (one round or more) or
 * have a status of their own (skipped, failed), in their order, and frees
 * the others, which were never reached. Returns how many were kept. */
size_t ys_run_keep_measured(ys_run_result *run);

#endif
