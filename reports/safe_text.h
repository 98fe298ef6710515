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
 * character (bytes below 0x20, and 0x7f) and each byte of invalid UTF-8 as
 * the four characters "\xHH", e.g. "\x1b"; every other byte as it is. */
void ys_safe_text_write(FILE *out, const char *s);

/* How many bytes of the UTF-8 character at `p` (NUL-terminated) to write
 * as they are: 1 for an ASCII byte, 2 to 4 for a valid sequence, or 0 for
 * a byte that starts no valid sequence, which the writers of this module
 * and the Markdown and HTML reports write as "\xHH" instead, since those
 * formats must stay valid UTF-8 (a browser's XML parser rejects the page). */
size_t ys_safe_text_utf8_len(const char *p);

/* The columns ys_safe_text_write takes for `s`: one per UTF-8 character,
 * four per escaped control character. */
size_t ys_safe_text_columns(const char *s);

#endif
