/*
 * latency_html.h — latency mode in a benchmark's section of the HTML
 * report (docs/statistics.md §7): a table of the percentiles with their
 * intervals and changes, or why the mode was refused.
 */
#ifndef YS_LATENCY_HTML_H
#define YS_LATENCY_HTML_H

#include <stdio.h>

#include "../core/model.h"

/* Writes the table (or the refusal) of r, compared as cmp (NULL when not
 * compared); nothing when r did not ask for latency mode. */
void ys_latency_html(FILE *out, const ys_bench_result *r,
                     const ys_comparison *cmp);

#endif
