/* safe_text.c — control characters escaped on output; see safe_text.h. */
#include "safe_text.h"

#include <stdbool.h>
#include <string.h>

#include "../core/utf8.h"

static bool is_control(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

size_t ys_safe_text_utf8_len(const char *p) {
  const unsigned char *u = (const unsigned char *)p;
  if (*u < 0x80) return 1;
  return ys_utf8_char_len(u, strnlen(p, 4));
}

void ys_safe_text_write(FILE *out, const char *s) {
  if (s == NULL) return;
  for (const char *p = s; *p != '\0';) {
    size_t n = ys_safe_text_utf8_len(p);
    if (n == 0 || is_control((unsigned char)*p)) {
      fprintf(out, "\\x%02x", (unsigned char)*p);
      p++;
      continue;
    }
    fwrite(p, 1, n, out);
    p += n;
  }
}

size_t ys_safe_text_columns(const char *s) {
  size_t n = 0;
  for (const char *p = s; *p != '\0';) {
    size_t len = ys_safe_text_utf8_len(p);
    bool escaped = len == 0 || is_control((unsigned char)*p);
    n += escaped ? 4 : 1;
    p += escaped ? 1 : len;
  }
  return n;
}
