/* values.c — the value rules of a baseline; see values.h. */
#include "values.h"

#include <stdio.h>

int ys__values_check_name(const char *name, char *why, size_t why_len) {
  for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++)
    if (*p < 0x20 || *p == 0x7f) {
      if (why_len > 0)
        snprintf(why, why_len, "control character (byte 0x%02x)", *p);
      return -1;
    }
  return 0;
}

int ys__values_check_rounds(const ys_bench_result *res, char *why,
                            size_t why_len) {
  for (size_t m = 0; m < res->n_series; m++) {
    const ys_series *s = &res->series[m];
    /* Only the primary series is compared; only a time cannot be 0. */
    bool positive = m == 0 && s->kind == YS_METRIC_TIME;
    for (size_t r = 0; r < s->n_rounds; r++) {
      double v = s->rounds[r].estimate;
      if (v < 0 || (positive && v == 0)) {
        if (why_len > 0)
          snprintf(why, why_len, "round %zu of '%s' is %g; %s", r + 1,
                   s->metric != NULL ? s->metric : "", v,
                   positive ? "a time must be positive"
                            : "a value must not be negative");
        return -1;
      }
    }
    /* A sample is a time or a count too: one below zero would pull its
     * round down and compare as an improvement that never happened. */
    for (size_t j = 0; j < s->n_samples; j++) {
      double v = s->samples[j].value;
      if (v < 0) {
        if (why_len > 0)
          snprintf(why, why_len,
                   "sample %zu of '%s' is %g; a value must not be negative",
                   j + 1, s->metric != NULL ? s->metric : "", v);
        return -1;
      }
    }
  }
  return 0;
}
