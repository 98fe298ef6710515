/*
 * markdown_text.h — the small text helpers shared by the parts of the
 * Markdown summary (markdown.c, markdown_comparison.c, markdown_tables.c),
 * and the cap on a table's rows.
 */
#ifndef YS_MARKDOWN_TEXT_H
#define YS_MARKDOWN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "report.h"

/* Rows per table (and items per list) before "… and N more". */
#define YS_MARKDOWN_MAX_ROWS 200

/* Writes `s` (NULL writes nothing) as plain Markdown text: every ASCII
 * character with a meaning in Markdown or HTML is backslash-escaped, line
 * breaks become spaces, and control characters and invalid UTF-8 are
 * written as \xNN. */
void ys_md_text(FILE *out, const char *s);

/* Writes `s` as a code span whose fence is longer than any run of
 * backticks inside; control characters and invalid UTF-8 are written as
 * \xNN. `in_table` escapes '|', which GitHub would take for a cell's end
 * even inside code. */
void ys_md_code(FILE *out, const char *s, bool in_table);

/* Formats the per-iteration value `v` of a metric of `kind` and `unit`
 * into buf (len bytes): durations scaled, anything else with thousands
 * separators from 1000 on. Returns buf. */
char *ys_md_value(ys_metric_kind kind, const char *unit, double v, char *buf,
                  size_t len);

/* Writes "… and N more" after a capped table, nothing when `hidden` is 0. */
void ys_md_more(FILE *out, size_t hidden);

/* Whether the entry was compared and got verdict `v`. */
bool ys_md_has_verdict(const ys_report_entry *e, ys_verdict v);

#endif
