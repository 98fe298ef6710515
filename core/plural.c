/*
 * plural.c — the noun that goes with a count (plural.h).
 */
#include "plural.h"

const char *ys_plural(size_t n, const char *singular, const char *plural) {
  return n == 1 ? singular : plural;
}
