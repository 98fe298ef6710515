#include "select.h"

#include <regex.h>
#include <stdio.h>
#include <string.h>

#include "../core/error.h"

static int mark_exact(const ys_instance *instances, size_t n, const char *name,
                      bool *chosen) {
  int found = 0;
  for (size_t i = 0; i < n; i++) {
    if (strcmp(instances[i].name, name) == 0) {
      chosen[i] = true;
      found++;
    }
  }
  return found;
}

static int mark_regex(const ys_instance *instances, size_t n,
                      const char *pattern, bool *chosen, char *err,
                      size_t err_len) {
  regex_t re;
  int rc = regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB);
  if (rc != 0) {
    char why[128];
    regerror(rc, &re, why, sizeof(why));
    snprintf(err, err_len, "filter '%s' is not a valid regular expression: %s",
             pattern, why);
    return YS_EINVAL;
  }
  int found = 0;
  for (size_t i = 0; i < n; i++) {
    if (regexec(&re, instances[i].name, 0, NULL, 0) == 0) {
      chosen[i] = true;
      found++;
    }
  }
  regfree(&re);
  return found;
}

int ys_select(const ys_instance *instances, size_t n, char *const *filters,
              size_t n_filters, bool exact, bool *chosen, char *err,
              size_t err_len) {
  for (size_t i = 0; i < n; i++)
    chosen[i] = n_filters == 0;
  if (n_filters == 0) return (int)n;

  for (size_t f = 0; f < n_filters; f++) {
    int found =
        exact ? mark_exact(instances, n, filters[f], chosen)
              : mark_regex(instances, n, filters[f], chosen, err, err_len);
    if (found < 0) return found;
    if (found == 0) {
      snprintf(err, err_len, "no benchmark %s '%s' (see --list)",
               exact ? "is named" : "matches", filters[f]);
      return YS_EINVAL;
    }
  }
  int total = 0;
  for (size_t i = 0; i < n; i++)
    total += chosen[i];
  return total;
}

bool ys_select_matches(const char *name, char *const *filters, size_t n_filters,
                       bool exact) {
  if (n_filters == 0) return true;
  ys_instance one = {.def = NULL};
  snprintf(one.name, sizeof(one.name), "%s", name);
  bool chosen = false;
  char err[256];
  for (size_t f = 0; f < n_filters && !chosen; f++) {
    /* An invalid expression marks nothing and its message is not wanted. */
    if (exact)
      mark_exact(&one, 1, filters[f], &chosen);
    else
      mark_regex(&one, 1, filters[f], &chosen, err, sizeof(err));
  }
  return chosen;
}
