#include "error.h"

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
