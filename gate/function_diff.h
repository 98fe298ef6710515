/*
 * function_diff.h — why an exact count changed: the functions whose self
 * cost changed most between a baseline and this run, both measured under
 * callgrind with per-function costs (docs/baselines.md, "Each entry of
 * functions").
 */
#ifndef YS_FUNCTION_DIFF_H
#define YS_FUNCTION_DIFF_H

#include <stddef.h>

#include "../core/model.h"

/* Fills out[0..max) with the functions of `base` and `cur` (both borrowed;
 * the names in out point into them) whose self instructions per iteration
 * changed, the largest absolute change first, equal changes by name. A
 * function one side does not list counts 0 there: it was not called, or
 * fell below the share a baseline keeps. Self costs are compared rather
 * than inclusive ones, which would name every caller of the function at
 * fault too. Returns how many were filled: 0 when either side has no
 * functions or no iterations. */
size_t ys_function_diff(const ys_bench_result *base, const ys_bench_result *cur,
                        ys_function_change *out, size_t max);

#endif
