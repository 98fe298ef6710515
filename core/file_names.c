/*
 * file_names.c — benchmark names → safe file names (file_names.h).
 */
#include "file_names.h"

#include <stdbool.h>
#include <stdio.h>

#include "error.h"

static bool kept(unsigned char c, size_t at) {
  if (c == '.') return at > 0;
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '-';
}

int ys_profile_file_name(const char *bench, char *out, size_t out_len) {
  static const char hex[] = "0123456789ABCDEF";
  size_t w = 0;
  for (size_t i = 0; bench[i] != '\0'; i++) {
    unsigned char c = (unsigned char)bench[i];
    size_t need = kept(c, i) ? 1 : 3;
    if (w + need >= out_len) {
      if (out_len > 0) out[0] = '\0';
      return YS_EINVAL;
    }
    if (need == 1) {
      out[w++] = (char)c;
    } else {
      out[w++] = '%';
      out[w++] = hex[c >> 4];
      out[w++] = hex[c & 15];
    }
  }
  if (w >= out_len) return YS_EINVAL;
  out[w] = '\0';
  return 0;
}
