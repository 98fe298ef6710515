/*
 * complexity_text.h — the words every text report uses for a family's
 * complexity fit (analysis/complexity.h), so that the console and
 * Markdown say the same thing.
 */
#ifndef YS_COMPLEXITY_TEXT_H
#define YS_COMPLEXITY_TEXT_H

#include <stddef.h>

#include "../core/model.h"

/* The fit in one phrase: "O(n^2): 0.251 ns × n^2, RMS 2.1 %, exponent
 * 1.98 (7 sizes, 16..1024)". For a family without a fit, why:
 * "no fit: 3 sizes, a fit needs at least 4". Either ends with the sizes
 * left out when there are some (ys_complexity_text_left_out): "(5 sizes,
 * 1..16; 1 size ≤ 0 left out: ...)", "...at least 4; 2 sizes ≤ 0 left
 * out: ...". Returns buf. */
char *ys_complexity_text_fit(const ys_complexity_fit *f, char *buf, size_t len);

/* The sizes of the family left out of its fit, and why: "2 sizes ≤ 0 left
 * out: log n and the exponent need n > 0". Returns buf, or NULL when none
 * was. */
char *ys_complexity_text_left_out(const ys_complexity_fit *f, char *buf,
                                  size_t len);

/* For a fit whose runner-up cannot be told apart from it, the warning,
 * naming both classes, their RMS and where the measured exponent lies
 * against the two classes' own exponents over the sizes: "O(n log n) and
 * O(n^2) fit about as well (RMS 12.2 % and 12.5 %, within 1.5×); the
 * measured exponent 1.84 is nearer O(n^2)'s 2.00 than O(n log n)'s 1.22
 * over 16..1024: measure over a wider range of n". Returns buf, or NULL
 * when the fit has no such warning. */
char *ys_complexity_text_tie(const ys_complexity_fit *f, char *buf, size_t len);

/* The notes a report shows under a family's fit, into notes[0..1] (NULL
 * where there is none): without a fit, why (ys_complexity_text_fit, into
 * `text`); with one, the sizes it left out (into `text`) and whether its
 * class is certain (into `tie`). */
void ys_complexity_text_notes(const ys_complexity_fit *f, char *text,
                              size_t text_len, char *tie, size_t tie_len,
                              const char *notes[2]);

#endif
