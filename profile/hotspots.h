/*
 * hotspots.h — functions ranked by the samples they hold: self (the
 * function was running) and inclusive (it was on the stack), and the
 * caller → callee edges between them, for the butterfly view.
 */
#ifndef YS_PROFILE_HOTSPOTS_H
#define YS_PROFILE_HOTSPOTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folded.h"

typedef struct ys_hot_fn {
  const char *name; /* owned by the ys_hotspots */
  uint64_t self;    /* samples with it innermost */
  uint64_t total;   /* samples with it anywhere in the stack (once each,
                       however often it recurses) */
  /* Cache misses, when the profile has them (has_misses): first level
   * and last level, self and inclusive. */
  uint64_t l1_self, ll_self, l1_total, ll_total;
} ys_hot_fn;

/* Samples in which `caller` called `callee` directly (once per sample). */
typedef struct ys_hot_edge {
  size_t caller, callee; /* indices into fns */
  uint64_t count;
} ys_hot_edge;

typedef struct ys_hotspots {
  ys_hot_fn *fns; /* by self descending, then total descending, then name */
  size_t n;
  ys_hot_edge *edges; /* by caller, then count descending */
  size_t n_edges;
  uint64_t samples; /* the profile's total, in its unit */
  char **names;     /* storage of the names: n of them */
  bool has_misses;  /* the fns carry cache misses */
} ys_hotspots;

/* Computes the hotspots of a finished profile. Returns 0 or YS_ENOMEM
 * (out then empty); free with ys_hotspots_free. */
int ys_hotspots_compute(const ys_folded *f, ys_hotspots *out);

/* Ranks h->fns (filled, with n names in h->names and edges by index into
 * h->fns) as ys_hotspots_compute does: fns by self, then total, then name;
 * the edges renumbered to follow, pairs merged, by caller then count.
 * Returns 0 or YS_ENOMEM (h unchanged). */
int ys_hotspots_rank(ys_hotspots *h);

/* The index of the function named `name`, or SIZE_MAX. */
size_t ys_hotspots_find(const ys_hotspots *h, const char *name);

/* `part` as a percentage of `whole` (0 when whole is 0). */
double ys_hotspots_pct(uint64_t part, uint64_t whole);

/* Frees what ys_hotspots_compute allocated; NULL-safe. */
void ys_hotspots_free(ys_hotspots *h);

#endif
