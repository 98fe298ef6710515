/*
 * function_diff.c — ranks the functions of two measurements by the change
 * of their self cost (see function_diff.h).
 */
#include "function_diff.h"

#include <math.h>
#include <string.h>

/* The function of `res` named `name`, or NULL. */
static const ys_function_cost *find(const ys_bench_result *res,
                                    const char *name) {
  for (size_t i = 0; i < res->n_functions; i++)
    if (strcmp(res->functions[i].name, name) == 0) return &res->functions[i];
  return NULL;
}

/* Whether change a ranks before change b. */
static bool ranks_before(const ys_function_change *a,
                         const ys_function_change *b) {
  double da = fabs(a->delta), db = fabs(b->delta);
  if (da != db) return da > db;
  return strcmp(a->name, b->name) < 0;
}

/* Inserts c into the ranked out[0..*n) of capacity max, dropping the last
 * when full. */
static void insert(ys_function_change *out, size_t *n, size_t max,
                   const ys_function_change *c) {
  size_t at = *n;
  while (at > 0 && ranks_before(c, &out[at - 1]))
    at--;
  if (at >= max) return;
  size_t last = *n < max ? *n : max - 1;
  memmove(&out[at + 1], &out[at], (last - at) * sizeof(*out));
  out[at] = *c;
  if (*n < max) (*n)++;
}

/* The change of one function, from its costs on each side (NULL: not
 * listed there). */
static ys_function_change change_of(const char *name,
                                    const ys_function_cost *base,
                                    double base_iterations,
                                    const ys_function_cost *cur,
                                    double cur_iterations) {
  ys_function_change c = {.name = name};
  c.base_self = base != NULL ? (double)base->self / base_iterations : 0;
  c.new_self = cur != NULL ? (double)cur->self / cur_iterations : 0;
  c.delta = c.new_self - c.base_self;
  c.change = c.base_self > 0 ? c.delta / c.base_self : NAN;
  return c;
}

size_t ys_function_diff(const ys_bench_result *base, const ys_bench_result *cur,
                        ys_function_change *out, size_t max) {
  if (base == NULL || cur == NULL || max == 0 || base->n_functions == 0 ||
      cur->n_functions == 0 || base->total_iterations == 0 ||
      cur->total_iterations == 0)
    return 0;
  double base_it = (double)base->total_iterations;
  double cur_it = (double)cur->total_iterations;
  size_t n = 0;
  for (size_t i = 0; i < cur->n_functions; i++) {
    const ys_function_cost *now = &cur->functions[i];
    ys_function_change c =
        change_of(now->name, find(base, now->name), base_it, now, cur_it);
    if (c.delta != 0) insert(out, &n, max, &c);
  }
  for (size_t i = 0; i < base->n_functions; i++) {
    const ys_function_cost *was = &base->functions[i];
    if (find(cur, was->name) != NULL) continue; /* ranked above */
    ys_function_change c = change_of(was->name, was, base_it, NULL, cur_it);
    if (c.delta != 0) insert(out, &n, max, &c);
  }
  return n;
}
