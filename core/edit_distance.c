/*
 * edit_distance.c — the optimal string alignment distance
 * (edit_distance.h), by the usual dynamic programme over three rows.
 */
#include "edit_distance.h"

#include <string.h>

static size_t min2(size_t a, size_t b) {
  return a < b ? a : b;
}

size_t ys_edit_distance(const char *a, const char *b) {
  size_t n = strnlen(a, YS_EDIT_DISTANCE_MAX_LEN);
  size_t m = strnlen(b, YS_EDIT_DISTANCE_MAX_LEN);
  /* row[j]: distance from a[0..i) to b[0..j); prev and before are rows
   * i - 1 and i - 2, the latter for a swap of two adjacent characters. */
  size_t before[YS_EDIT_DISTANCE_MAX_LEN + 1];
  size_t prev[YS_EDIT_DISTANCE_MAX_LEN + 1];
  size_t row[YS_EDIT_DISTANCE_MAX_LEN + 1];
  for (size_t j = 0; j <= m; j++)
    prev[j] = j;
  size_t row_bytes = (m + 1) * sizeof(row[0]);
  memcpy(before, prev, row_bytes);
  for (size_t i = 1; i <= n; i++) {
    row[0] = i;
    for (size_t j = 1; j <= m; j++) {
      size_t substitute = prev[j - 1] + (a[i - 1] != b[j - 1]);
      size_t d = min2(min2(prev[j] + 1, row[j - 1] + 1), substitute);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d = min2(d, before[j - 2] + 1);
      row[j] = d;
    }
    memcpy(before, prev, row_bytes);
    memcpy(prev, row, row_bytes);
  }
  return prev[m];
}
