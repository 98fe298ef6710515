/*
 * callgraph.h — a call graph with exact costs (callgrind's: per function
 * its self and inclusive cost, per caller → callee pair what the calls
 * cost, callees included), and its folding into stacks for the flame
 * graph.
 *
 * A call graph says how much each caller spent in a callee, not along
 * which stack: when g is called from both a and b, and g calls h, the
 * graph does not say how much of h ran under a;g and how much under b;g.
 * The fold assumes what gprof assumes: every instruction of g's inclusive
 * cost is spread over g's callers in proportion to what their calls of g
 * cost. Along a stack r;...;f;g, g's share is therefore
 *
 *     amount(g) = amount(f) × cost(f → g) / inclusive(f)
 *
 * starting at each root (a function no other one calls: the window began
 * in it) with its inclusive cost, and g's self cost is
 * split over the stacks that reach it in proportion to their amounts. The
 * split is done in whole units with the largest remainders, so every
 * function's self cost in the folded stacks is exact, and their sum is the
 * sum of the self costs: the window's total. Which stack each part lands
 * in is the approximation.
 *
 * A call to a function already on the stack (recursion through other
 * functions, a cycle) is cut there: the stack is not followed into it
 * again, so the walk ends. Calls of a function to itself are in its self
 * cost already and are not edges here.
 */
#ifndef YS_PROFILE_CALLGRAPH_H
#define YS_PROFILE_CALLGRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folded.h"

/* Stacks deeper than this are not followed further; the self cost of the
 * functions below still lands on a shorter stack (see ys_callgraph_fold). */
#define YS_CALLGRAPH_MAX_DEPTH 128
/* Stacks visited at most per fold: a graph of many diamonds has
 * exponentially many paths; past this bound the walk follows no more. */
#define YS_CALLGRAPH_MAX_VISITS 200000
/* A stack whose amount is below this (in units of cost) is not followed:
 * all its descendants together would not make a thousandth of a unit. */
#define YS_CALLGRAPH_MIN_AMOUNT 1e-3L

typedef struct ys_callgraph_fn {
  const char *name;   /* borrowed; a ';' in it becomes ':' in stacks */
  uint64_t self;      /* cost with the function innermost */
  uint64_t inclusive; /* self plus its calls to other functions */
  /* With a cache simulation: misses of the first level (I1mr + D1mr +
   * D1mw) and of the last level (ILmr + DLmr + DLmw), self and inclusive;
   * 0 otherwise. The fold does not read them. */
  uint64_t l1_self, ll_self, l1_total, ll_total;
} ys_callgraph_fn;

/* The calls of `caller` to `callee` (different functions) cost `cost`,
 * callees included. */
typedef struct ys_callgraph_edge {
  size_t caller, callee; /* indices into fns */
  uint64_t cost;
} ys_callgraph_edge;

typedef struct ys_callgraph {
  const ys_callgraph_fn *fns;
  size_t n;
  const ys_callgraph_edge *edges; /* any order; pairs may repeat */
  size_t n_edges;
  bool has_misses; /* the fns carry cache misses */
} ys_callgraph;

/* Folds `g` into stacks (see above) added to `out` (empty; finished on
 * return). Every function with a self cost appears innermost with exactly
 * that cost in all; one no root's walk reaches (a cycle without an entry,
 * or stacks cut by the bounds above) gets the one-frame stack of its own
 * name. out->total is the sum of the self costs. Returns 0, or YS_ENOMEM
 * (out then empty). */
int ys_callgraph_fold(const ys_callgraph *g, ys_folded *out);

#endif
