/*
 * select.h — which benchmark instances a run's filters choose.
 */
#ifndef YS_SELECT_H
#define YS_SELECT_H

#include <stdbool.h>
#include <stddef.h>

#include "registry.h"

/* Marks in chosen[i] whether instance i matches any of the filters (POSIX
 * extended regular expressions searched anywhere in the name, or exact
 * names when `exact`); no filters choose everything. Returns the number
 * chosen, or YS_EINVAL with a message in err for a filter that is not a
 * valid expression or, when filters were given, chooses nothing. */
int ys_select(const ys_instance *instances, size_t n, char *const *filters,
              size_t n_filters, bool exact, bool *chosen, char *err,
              size_t err_len);

/* Whether `name` matches any of the filters as ys_select would (all names
 * match when there are none). An invalid expression matches nothing. */
bool ys_select_matches(const char *name, char *const *filters, size_t n_filters,
                       bool exact);

#endif
