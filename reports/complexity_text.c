#include "complexity_text.h"

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "../analysis/complexity.h"

#include "../core/policy.h"

char *ys_complexity_text_left_out(const ys_complexity_fit *f, char *buf,
                                  size_t len) {
  if (f->n_left_out == 0) return NULL;
  snprintf(buf, len,
           "%zu size%s \xe2\x89\xa4 0 left out: log n and the exponent need "
           "n > 0",
           f->n_left_out, f->n_left_out == 1 ? "" : "s");
  return buf;
}

char *ys_complexity_text_fit(const ys_complexity_fit *f, char *buf,
                             size_t len) {
  /* The sizes left out are said wherever the fit is, so that a family
   * never shows fewer sizes than it declared without saying why. */
  char dropped[96];
  bool any_left_out =
      ys_complexity_text_left_out(f, dropped, sizeof(dropped)) != NULL;
  if (!f->fitted) {
    snprintf(buf, len, "no fit: %zu size%s, a fit needs at least %d%s%s",
             f->n_points, f->n_points == 1 ? "" : "s",
             YS_POLICY_COMPLEXITY_MIN_POINTS, any_left_out ? "; " : "",
             any_left_out ? dropped : "");
    return buf;
  }
  const char *name = ys_complexity_fit_name(f, f->best);
  /* O(1)'s coefficient is the value itself: no "× 1". */
  if (f->best == YS_COMPLEXITY_1)
    snprintf(buf, len,
             "O(1): %.3g %s, RMS %.1f %%, exponent %.2f (%zu sizes, "
             "%ld..%ld%s%s)",
             f->coefficient, f->unit, f->rms * 100.0, f->exponent, f->n_points,
             f->n_min, f->n_max, any_left_out ? "; " : "",
             any_left_out ? dropped : "");
  else
    /* A user's function is written as its author wrote it ("n + n log
     * n"): in parentheses after the coefficient, so that c multiplies all
     * of it. */
    snprintf(buf, len,
             "O(%s): %.3g %s \xc3\x97 %s%s%s, RMS %.1f %%, exponent %.2f "
             "(%zu sizes, %ld..%ld%s%s)",
             name, f->coefficient, f->unit,
             f->best == YS_COMPLEXITY_USER ? "(" : "", name,
             f->best == YS_COMPLEXITY_USER ? ")" : "", f->rms * 100.0,
             f->exponent, f->n_points, f->n_min, f->n_max,
             any_left_out ? "; " : "", any_left_out ? dropped : "");
  return buf;
}

char *ys_complexity_text_tie(const ys_complexity_fit *f, char *buf,
                             size_t len) {
  if (!f->fitted || !f->indistinguishable) return NULL;
  const char *best = ys_complexity_fit_name(f, f->best);
  const char *other = ys_complexity_fit_name(f, f->runner_up);
  double own = ys_complexity_fit_exponent_of(f, f->best);
  double own_other = ys_complexity_fit_exponent_of(f, f->runner_up);
  /* Both figures that could settle the class are given, so the warning
   * states what the measurements say and never only half of it: the RMS
   * of each fit and where the measured exponent lies between the two
   * classes' own exponents over these sizes. */
  bool rms_tie = f->runner_up_rms <= YS_POLICY_COMPLEXITY_TIE_FACTOR * f->rms;
  char why[48] = "";
  if (rms_tie)
    snprintf(why, sizeof(why), ", within %.1f\xc3\x97",
             YS_POLICY_COMPLEXITY_TIE_FACTOR);
  /* The runner-up is on the side the exponent leans to
   * (analysis/complexity.h): the exponent is nearer it, or between the
   * two; or the exponent is beyond the first or last class. */
  char where[160];
  bool toward = f->exponent != own && (f->exponent > own) == (own_other > own);
  if (!toward)
    snprintf(where, sizeof(where),
             "is %s O(%s)'s %.2f, where no other candidate lies",
             f->exponent < own ? "below" : "at or above", best, own);
  else if (fabs(f->exponent - own_other) < fabs(f->exponent - own))
    snprintf(where, sizeof(where), "is nearer O(%s)'s %.2f than O(%s)'s %.2f",
             other, own_other, best, own);
  else
    snprintf(where, sizeof(where), "lies between O(%s)'s %.2f and O(%s)'s %.2f",
             best, own, other, own_other);
  snprintf(buf, len,
           "O(%s) and O(%s) %s (RMS %.1f %% and %.1f %%%s); the measured "
           "exponent %.2f %s over %ld..%ld: measure over a wider range of n",
           best, other, rms_tie ? "fit about as well" : "cannot be told apart",
           f->rms * 100.0, f->runner_up_rms * 100.0, why, f->exponent, where,
           f->n_min, f->n_max);
  return buf;
}

void ys_complexity_text_notes(const ys_complexity_fit *f, char *text,
                              size_t text_len, char *tie, size_t tie_len,
                              const char *notes[2]) {
  notes[0] = notes[1] = NULL;
  if (f->fitted) {
    notes[0] = ys_complexity_text_left_out(f, text, text_len);
    notes[1] = ys_complexity_text_tie(f, tie, tie_len);
  } else {
    notes[0] = ys_complexity_text_fit(f, text, text_len);
  }
}
