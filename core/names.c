#include "names.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

static bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/* Compares the digit runs at *a and *b by value without converting them
 * (a run may be longer than any integer type), and moves both past their
 * runs. Returns <0, 0 or >0. */
static int compare_numbers(const char **a, const char **b) {
  const char *x = *a, *y = *b;
  while (*x == '0')
    x++;
  while (*y == '0')
    y++;
  size_t nx = 0, ny = 0;
  while (is_digit(x[nx]))
    nx++;
  while (is_digit(y[ny]))
    ny++;
  *a = x + nx;
  *b = y + ny;
  if (nx != ny) return nx < ny ? -1 : 1;
  return memcmp(x, y, nx);
}

int ys_name_compare(const char *a, const char *b) {
  const char *x = a, *y = b;
  while (*x != '\0' && *y != '\0') {
    if (is_digit(*x) && is_digit(*y)) {
      int c = compare_numbers(&x, &y);
      if (c != 0) return c;
      continue;
    }
    if (*x != *y) return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
    x++;
    y++;
  }
  if (*x != *y) return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
  /* Same values, other spellings ("a07" and "a7"): any fixed order will
   * do, as long as only identical names are equal. */
  return strcmp(a, b);
}
