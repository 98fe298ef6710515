/*
 * rounds_text.h — how many rounds and samples a run measured, in the words
 * every report's header uses, so that the console, Markdown and HTML say
 * the same true thing when benchmarks ran settings of their own
 * (BENCH_WITH) or when the run was `bench exec`'s runs.
 */
#ifndef YS_ROUNDS_TEXT_H
#define YS_ROUNDS_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "report.h"

/* The rounds and samples of the run in `run`:
 * - `bench exec` (ctx->runs > 0): "5 runs in 2 rounds", as asked; the
 *   rounds are not of equal size when runs is not a multiple of them;
 * - every benchmark measured now ran the same rounds and sample size (the
 *   run's, or the same of its own): "10 rounds × 20 samples", those
 *   figures;
 * - they differ: "rounds and samples: the benchmarks' own", since no one
 *   figure is true of them all (each benchmark's section or --verbose
 *   names its own).
 * With `each`, a figure of all is followed by " per benchmark" (" per
 * command" for exec). Benchmarks of the baseline only (verdict
 * "missing") were not measured now and are not counted. Writes into buf
 * and returns it. */
char *ys_rounds_text(const ys_run_view *run, bool each, char *buf, size_t len);

#endif
