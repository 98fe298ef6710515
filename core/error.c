#include "error.h"

#include <stdarg.h>
#include <stdio.h>

const char *ys_strerror(int code) {
  switch (code) {
#define YS__ERRNO_CASE(name, value, message)                                   \
  case value:                                                                  \
    return message;
    YS_ERRNO_MAP(YS__ERRNO_CASE)
#undef YS__ERRNO_CASE
  }
  return "unknown error";
}

int ys_error_set(char *err, size_t err_len, int rc, const char *fmt, ...) {
  if (err == NULL || err_len == 0) return rc;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, err_len, fmt, ap);
  va_end(ap);
  return rc;
}
