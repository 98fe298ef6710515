/*
 * function_changes.c — the words of a function's change (see
 * function_changes.h).
 */
#include "function_changes.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "units.h"

char *ys_function_change_delta(double delta, char *buf, size_t len) {
  if (len == 0) return buf;
  double size = fabs(delta);
  const char *sign = delta < 0 ? "-" : "+";
  if (size == floor(size) && size < 9e18) {
    char digits[YS_UNITS_BUF];
    snprintf(buf, len, "%s%s", sign,
             ys_units_count((int64_t)size, digits, sizeof(digits)));
  } else {
    /* Iterations that do not divide a count: the fraction is real. */
    snprintf(buf, len, "%s%.2f", sign, size);
  }
  return buf;
}

char *ys_function_change_percent(const ys_function_change *c, char *buf,
                                 size_t len) {
  if (c->base_self == 0) {
    snprintf(buf, len, "new");
    return buf;
  }
  if (c->new_self == 0) {
    snprintf(buf, len, "gone");
    return buf;
  }
  return ys_units_percent(c->change, 1, true, buf, len);
}
