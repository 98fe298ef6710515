/*
 * markdown_tables.h — the per-topic tables of the Markdown summary: each
 * writes nothing when the run has nothing of its topic, and caps its rows
 * at YS_MARKDOWN_MAX_ROWS.
 */
#ifndef YS_MARKDOWN_TABLES_H
#define YS_MARKDOWN_TABLES_H

#include <stdio.h>

#include "report.h"

/* Without a baseline: every measured benchmark's estimate, interval,
 * fastest and median round and share of noisy rounds. */
void ys_md_results_table(FILE *out, const ys_run_view *run);

/* How each BENCH_ARGS family grows with its parameter: a table of the
 * fits, then why a family has none or a fit is uncertain. */
void ys_md_complexity(FILE *out, const ys_run_view *run);

/* The performance targets, one row each, a miss marked as a regression
 * is. */
void ys_md_targets(FILE *out, const ys_run_view *run);

/* Each group member's ratio to its group's reference, or why it has
 * none. */
void ys_md_groups_table(FILE *out, const ys_run_view *run);

/* Under the alloc collector: each benchmark's heap calls per iteration. */
void ys_md_allocations(FILE *out, const ys_run_view *run);

/* The user counters of each benchmark: estimate, interval and, against a
 * baseline, the change and its verdict. */
void ys_md_counters(FILE *out, const ys_run_view *run);

/* The failed and skipped benchmarks of this run, with their reasons. */
void ys_md_problems(FILE *out, const ys_run_view *run);

#endif
