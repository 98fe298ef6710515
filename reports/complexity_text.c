#include "complexity_text.h"

#include <inttypes.h>
#include <stdio.h>

#include "../core/policy.h"

char *ys_complexity_text_fit(const ys_complexity_fit *f, char *buf,
                             size_t len) {
  if (!f->fitted) {
    snprintf(buf, len, "no fit: %zu size%s, a fit needs at least %d",
             f->n_points, f->n_points == 1 ? "" : "s",
             YS_POLICY_COMPLEXITY_MIN_POINTS);
    return buf;
  }
  const char *name = ys_complexity_name(f->best);
  /* O(1)'s coefficient is the value itself: no "× 1". */
  if (f->best == YS_COMPLEXITY_1)
    snprintf(buf, len,
             "O(1): %.3g %s, RMS %.1f %%, exponent %.2f (%zu sizes, "
             "%ld..%ld)",
             f->coefficient, f->unit, f->rms * 100.0, f->exponent, f->n_points,
             f->n_min, f->n_max);
  else
    snprintf(buf, len,
             "O(%s): %.3g %s \xc3\x97 %s, RMS %.1f %%, exponent %.2f (%zu "
             "sizes, %ld..%ld)",
             name, f->coefficient, f->unit, name, f->rms * 100.0, f->exponent,
             f->n_points, f->n_min, f->n_max);
  return buf;
}

char *ys_complexity_text_tie(const ys_complexity_fit *f, char *buf,
                             size_t len) {
  if (!f->fitted || !f->indistinguishable) return NULL;
  snprintf(buf, len,
           "O(%s) and O(%s) fit about as well (RMS %.1f %% and %.1f %%, "
           "within %.1f\xc3\x97): measure over a wider range of n",
           ys_complexity_name(f->best), ys_complexity_name(f->runner_up),
           f->rms * 100.0, f->runner_up_rms * 100.0,
           YS_POLICY_COMPLEXITY_TIE_FACTOR);
  return buf;
}
