/*
 * error.h — yardstick's error codes. Functions that act return 0 or one of
 * these negative codes; the detail of a failure lives in the object that
 * failed (or in a message buffer the caller passed), never in a global.
 */
#ifndef YS_ERROR_H
#define YS_ERROR_H

#include <stddef.h>

/* X(name, value, message): one table generates the enum and the messages. */
#define YS_ERRNO_MAP(X)                                                        \
  X(YS_ENOMEM, -1, "out of memory")                                            \
  X(YS_EINVAL, -2, "invalid argument")                                         \
  X(YS_EIO, -3, "input/output error")                                          \
  X(YS_ENOTSUP, -4, "not supported here")                                      \
  X(YS_ENOENT, -5, "not found")                                                \
  X(YS_EFORMAT, -6, "malformed input")                                         \
  X(YS_EBENCH, -7, "benchmark failed")                                         \
  X(YS_ETIMEDOUT, -8, "timed out")                                             \
  X(YS_EINTR, -9, "interrupted")

typedef enum ys_errno {
#define YS__ERRNO_ENUM(name, value, message) name = value,
  YS_ERRNO_MAP(YS__ERRNO_ENUM)
#undef YS__ERRNO_ENUM
} ys_errno;

/* Returns the message for a YS_E* code (or "unknown error"). */
const char *ys_strerror(int code);

/* Formats a message into the caller's buffer `err` (err_len bytes; either
 * may be NULL/0, then nothing is written) and returns `rc`, so that each
 * error path is one statement: `return ys_error_set(err, len, YS_EINVAL,
 * "--%s: ...", name);`. */
__attribute__((format(printf, 4, 5))) int
ys_error_set(char *err, size_t err_len, int rc, const char *fmt, ...);

#endif
