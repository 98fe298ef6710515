#include "names.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

static bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/* Whether the '-' at p (in the name starting at start) is the sign of a
 * number: it begins a part of the name (the name's start, or after '/' or
 * ':', where a parameter's value begins: "sort/-8", "n:-8") and a digit
 * follows. A dash inside a word ("x-1", "v1-10") is text. */
static bool is_sign(const char *start, const char *p) {
  return *p == '-' && is_digit(p[1]) &&
         (p == start || p[-1] == '/' || p[-1] == ':');
}

/* Compares the digit runs at *a and *b by magnitude without converting
 * them (a run may be longer than any integer type), and moves both past
 * their runs. Returns <0, 0 or >0. */
static int compare_magnitudes(const char **a, const char **b) {
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

/*
 * The name is read as a sequence of tokens: a number (a run of digits, with
 * its sign when is_sign says so) or one other byte. Numbers compare by
 * value; a number and a byte compare by the number's first byte ('-' or a
 * digit) and the byte, with a negative number before a plain '-' (a byte
 * token is never a digit, so a positive number never ties with one). That
 * is a total order: every token has its place on one line, negative numbers
 * by value at '-', then '-' itself, positive numbers by value among the
 * digits. "-0" sorts before "0" so that no two spellings of zero make a
 * cycle.
 */
int ys_name_compare(const char *a, const char *b) {
  const char *x = a, *y = b;
  while (*x != '\0' && *y != '\0') {
    bool sx = is_sign(a, x), sy = is_sign(b, y);
    bool nx = sx || is_digit(*x), ny = sy || is_digit(*y);
    if (nx && ny) {
      if (sx != sy) return sx ? -1 : 1;
      x += sx;
      y += sy;
      int c = compare_magnitudes(&x, &y);
      /* Of two negative numbers the larger magnitude is the smaller. */
      if (c != 0) return sx ? -c : c;
      continue;
    }
    if (*x != *y) return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
    /* The same byte: '-' as a sign on one side only. */
    if (sx != sy) return sx ? -1 : 1;
    x++;
    y++;
  }
  if (*x != *y) return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
  /* Same values, other spellings ("a07" and "a7"): any fixed order will
   * do, as long as only identical names are equal. */
  return strcmp(a, b);
}
