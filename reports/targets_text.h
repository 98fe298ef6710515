/*
 * targets_text.h — a judged performance target (gate/targets.h) in words,
 * cell by cell, shared by the console's and Markdown's target tables so
 * that both say the same.
 */
#ifndef YS_TARGETS_TEXT_H
#define YS_TARGETS_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "../gate/targets.h"

/* The cells of one row of a target table. */
typedef struct ys_target_row {
  char target[160];    /* "time <= 16.6 ms" */
  char measured[200];  /* "[15.1 ms 15.2 ms 15.4 ms]", "6,154 instructions",
                          "-" when not judged */
  char margin[48];     /* "+7.2 %": the share of the budget left at the
                          judged value (upper end of the interval); "-" */
  const char *verdict; /* "pass", "MISS", "not run", "not measured" */
} ys_target_row;

/* Fills the cells of target i of the judged table t (borrowed). */
void ys_targets_text_row(const ys_target_table *t, size_t i,
                         ys_target_row *out);

/* The console's target table under a "targets" heading: one line per
 * target, its benchmark name, the cells, aligned; nothing when t is NULL
 * or empty. `color` allows ANSI colours for pass and miss. */
void ys_targets_text_console(FILE *out, const ys_target_table *t, bool color);

#endif
