/*
 * partial.h — what a run stopped early (interrupt.h) can still report.
 */
#ifndef YS_PARTIAL_H
#define YS_PARTIAL_H

#include <stddef.h>

#include "../core/model.h"

/* Keeps in run the benchmarks that were measured (one round or more) or
 * have a status of their own (skipped, failed), in their order, and frees
 * the others, which were never reached. Returns how many were kept. */
size_t ys_run_keep_measured(ys_run_result *run);

#endif
