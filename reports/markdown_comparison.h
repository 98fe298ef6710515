/*
 * markdown_comparison.h — the parts of the Markdown summary written only
 * when the run was compared with a baseline (or another build): each
 * writes nothing when it has nothing to say, and caps its rows at
 * YS_MARKDOWN_MAX_ROWS.
 */
#ifndef YS_MARKDOWN_COMPARISON_H
#define YS_MARKDOWN_COMPARISON_H

#include <stdio.h>

#include "report.h"

/* The table of the benchmarks that need attention: regressed first, then
 * inconclusive, improved, new, missing and not compared. */
void ys_md_attention_table(FILE *out, const ys_run_view *run);

/* Why each inconclusive benchmark is so and what would settle it. */
void ys_md_doubts(FILE *out, const ys_run_view *run);

/* Which comparisons were made on CPU time because another process shared
 * the CPU, with the shares: a few listed, many summed up in one line. */
void ys_md_contention(FILE *out, const ys_run_view *run);

/* The benchmarks whose baseline was measured with other own settings than
 * this run, each with the settings in which the two sides differ. */
void ys_md_mixed_settings(FILE *out, const ys_run_view *run);

/* The functions each regressed or improved exact count came from. */
void ys_md_functions(FILE *out, const ys_run_view *run);

/* The unchanged benchmarks' table, collapsed in a <details> block. */
void ys_md_unchanged_table(FILE *out, const ys_run_view *run);

#endif
