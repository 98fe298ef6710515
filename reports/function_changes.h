/*
 * function_changes.h — how every report words one function's change of
 * self cost (gate/function_diff.h), so that console, Markdown and their
 * tests agree to the character.
 */
#ifndef YS_FUNCTION_CHANGES_H
#define YS_FUNCTION_CHANGES_H

#include <stddef.h>

#include "../core/model.h"

/* The change of self instructions per iteration with its sign: whole
 * numbers with thousands separators ("+1,000", "-3"), others with up to
 * two decimals ("+2.5"). Returns buf. */
char *ys_function_change_delta(double delta, char *buf, size_t len);

/* The relative change ("+100.0 %"), or "new" when the baseline did not
 * list the function and "gone" when this run does not. Returns buf. */
char *ys_function_change_percent(const ys_function_change *c, char *buf,
                                 size_t len);

/* The heading both text reports put above the list. */
#define YS_FUNCTION_CHANGES_TITLE                                              \
  "functions whose own instructions changed most, per iteration"

#endif
