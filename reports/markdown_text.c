/*
 * markdown_text.c — the small text helpers every part of the Markdown
 * summary shares (markdown_text.h): escaped text, code spans, values in
 * their unit, the "… and N more" line of a capped table.
 */
#include "markdown_text.h"

#include <stdio.h>
#include <string.h>

#include "safe_text.h"
#include "units.h"

/* Writes `s` as plain Markdown text: every ASCII character with a meaning
 * in Markdown or HTML is backslash-escaped, and line breaks become spaces
 * so that a message cannot end a list item or a table row. */
void ys_md_text(FILE *out, const char *s) {
  if (s == NULL) return;
  for (; *s != '\0'; s++) {
    if (*s == '\n' || *s == '\r' || *s == '\t') {
      fputc(' ', out);
      continue;
    }
    size_t n = ys_safe_text_utf8_len(s);
    if ((unsigned char)*s < 0x20 || *s == 0x7f || n == 0) {
      fprintf(out, "\\x%02x",
              (unsigned char)*s); /* never raw: see ys_md_code */
      continue;
    }
    if (n > 1) {
      fwrite(s, 1, n, out);
      s += n - 1;
      continue;
    }
    if (strchr("\\`*_[]<>|~&#!", *s) != NULL) fputc('\\', out);
    fputc(*s, out);
  }
}

/* Writes `s` as a code span. The fence is one backtick longer than the
 * longest run inside, padded with spaces when `s` starts or ends with a
 * backtick. In a table a '|' must be escaped even inside code (GitHub
 * splits cells before it parses code spans); outside one the backslash
 * would show, so `in_table` says which applies. */
void ys_md_code(FILE *out, const char *s, bool in_table) {
  size_t longest = 0, run = 0;
  for (const char *p = s; *p != '\0'; p++) {
    run = *p == '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  size_t len = strlen(s);
  bool pad = len > 0 && (s[0] == '`' || s[len - 1] == '`');
  for (size_t i = 0; i <= longest; i++)
    fputc('`', out);
  if (pad) fputc(' ', out);
  for (const char *p = s; *p != '\0'; p++) {
    if (*p == '\n' || *p == '\r' || *p == '\t') {
      fputc(' ', out);
      continue;
    }
    /* A control character would reach whoever reads the file in a
     * terminal (an escape sequence from a baseline's names), and a byte of
     * invalid UTF-8 would break the file's encoding: both escaped. */
    size_t n = ys_safe_text_utf8_len(p);
    if ((unsigned char)*p < 0x20 || *p == 0x7f || n == 0) {
      fprintf(out, "\\x%02x", (unsigned char)*p);
      continue;
    }
    if (n > 1) {
      fwrite(p, 1, n, out);
      p += n - 1;
      continue;
    }
    if (*p == '|' && in_table) fputc('\\', out);
    fputc(*p, out);
  }
  if (pad) fputc(' ', out);
  for (size_t i = 0; i <= longest; i++)
    fputc('`', out);
}

/* A per-iteration value in its unit: durations scaled, anything else (exact
 * counts included) with thousands separators from 1000 on. */
char *ys_md_value(ys_metric_kind kind, const char *unit, double v, char *buf,
                  size_t len) {
  return ys_units_metric_value(kind, v, unit, buf, len);
}

void ys_md_more(FILE *out, size_t hidden) {
  if (hidden > 0) fprintf(out, "\n\xe2\x80\xa6 and %zu more\n", hidden);
}

/* Whether the entry was compared and got verdict `v`. */
bool ys_md_has_verdict(const ys_report_entry *e, ys_verdict v) {
  return e->cmp != NULL && e->cmp->verdict == v;
}
