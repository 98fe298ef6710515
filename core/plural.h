/*
 * plural.h — the noun that goes with a count in a message: "1 run",
 * "3 runs", "0 runs". One helper, so that every report and message says
 * it alike instead of each spelling `n == 1 ? "" : "s"`.
 */
#ifndef YS_PLURAL_H
#define YS_PLURAL_H

#include <stddef.h>

/* `singular` when n is 1, else `plural` (both borrowed, returned as they
 * are): English uses the plural for 0 and for every count but one. */
const char *ys_plural(size_t n, const char *singular, const char *plural);

#endif
