/*
 * values.h — what a baseline may hold beyond the types of its fields: the
 * rules that the save and the loader both apply, so that a save never writes
 * a file its loader refuses and a file never feeds the comparison or a
 * terminal something it cannot take (docs/baselines.md, "Values").
 */
#ifndef YS_BASELINE_VALUES_H
#define YS_BASELINE_VALUES_H

#include <stddef.h>

#include "../core/model.h"

/* Checks a benchmark name (or family) for control characters (bytes below
 * 0x20, and 0x7f), which the registry never gives a name and which would
 * reach the terminal through the reports. Returns 0, or -1 with the
 * offending byte described in why (why_len bytes), e.g. "byte 0x1b". `name`
 * is borrowed. */
int ys__values_check_name(const char *name, char *why, size_t why_len);

/* Checks the round estimates of `res` (borrowed): none negative, and those
 * of the primary series positive when it measures time, since a comparison
 * divides by them (a baseline time of 0 makes every run "regressed").
 * Counts may be 0 (no cache misses); their comparison handles it. No
 * sample value may be negative either.
 * Non-finite estimates are refused where they are read. Returns 0, or -1
 * with the reason in why, e.g. "round 3 of 'time' is 0; a time must be
 * positive". */
int ys__values_check_rounds(const ys_bench_result *res, char *why,
                            size_t why_len);

#endif
