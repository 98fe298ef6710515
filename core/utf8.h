/*
 * utf8.h — checking UTF-8, for text that leaves the program in a file
 * format that requires it (JSON, YAML).
 */
#ifndef YS_UTF8_H
#define YS_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the valid UTF-8 sequence at s[0..n), 1 for an ASCII byte, or 0
 * when it is not one: overlong forms, surrogates, code points above
 * U+10FFFF and a sequence cut short by n are rejected, as RFC 3629
 * requires. `s` is borrowed; n >= 1. */
size_t ys_utf8_char_len(const unsigned char *s, size_t n);

/* Whether the terminated string `s` is valid UTF-8 throughout
 * (ys_utf8_char_len at every character). */
bool ys_utf8_valid(const char *s);

#endif
