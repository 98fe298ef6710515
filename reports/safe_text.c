/* safe_text.c — control characters escaped on output; see safe_text.h. */
#include "safe_text.h"

#include <stdbool.h>

static bool is_control(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

void ys_safe_text_write(FILE *out, const char *s) {
  if (s == NULL) return;
  for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
    if (is_control(*p))
      fprintf(out, "\\x%02x", *p);
    else
      fputc(*p, out);
  }
}

size_t ys_safe_text_columns(const char *s) {
  size_t n = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
    n += is_control(*p) ? 4 : (*p & 0xC0) != 0x80;
  return n;
}
