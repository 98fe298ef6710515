/*
 * latency_markdown.h — the latency table of the Markdown summary
 * (docs/statistics.md §7): one row per benchmark in latency mode, each
 * percentile with its interval and, against a baseline, its change; then
 * the benchmarks whose latency mode was refused, with the reason.
 */
#ifndef YS_LATENCY_MARKDOWN_H
#define YS_LATENCY_MARKDOWN_H

#include <stdbool.h>
#include <stdio.h>

#include "report.h"

/* Writes `s` as a code span (markdown_text.h's ys_md_code). */
typedef void (*ys_md_code_fn)(FILE *out, const char *s, bool in_table);

/* Writes `s` as escaped text (markdown_text.h's ys_md_text). */
typedef void (*ys_md_text_fn)(FILE *out, const char *s);

/* Writes the table and notes for the first `max_rows` entries of run, or
 * nothing when none asked for latency mode. */
void ys_latency_markdown(FILE *out, const ys_run_view *run, size_t max_rows,
                         ys_md_code_fn code, ys_md_text_fn text);

#endif
