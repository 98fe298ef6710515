/*
 * safe_text.h — text from outside the program (benchmark names and
 * messages, names read from a baseline file) written to a report that a
 * terminal may show: control characters are written escaped, so that an
 * escape sequence in a name can never move the cursor, clear the screen or
 * retitle the window of whoever reads the report.
 */
#ifndef YS_SAFE_TEXT_H
#define YS_SAFE_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* Writes `s` (borrowed; NULL writes nothing) to `out`, each control
 * character (bytes below 0x20, and 0x7f) as the four characters "\xHH",
 * e.g. "\x1b"; every other byte as it is. */
void ys_safe_text_write(FILE *out, const char *s);

/* The columns ys_safe_text_write takes for `s`: one per UTF-8 character,
 * four per escaped control character. */
size_t ys_safe_text_columns(const char *s);

#endif
