/*
 * callgraph_hotspots.h — the hotspots of a call graph with exact costs
 * (callgraph.h): every function's self and inclusive cost and every
 * caller → callee cost as the graph gives them, not as the folded stacks
 * approximate them.
 */
#ifndef YS_PROFILE_CALLGRAPH_HOTSPOTS_H
#define YS_PROFILE_CALLGRAPH_HOTSPOTS_H

#include "callgraph.h"
#include "hotspots.h"

/* Fills `out` from `g`: a function per function of g with a non-zero
 * inclusive cost (with its cache misses when g has them), an edge per
 * caller → callee pair of different functions whose calls cost something,
 * and `samples` = `total`, the window's cost. Returns 0 or YS_ENOMEM (out
 * then empty); free with ys_hotspots_free. */
int ys_callgraph_hotspots(const ys_callgraph *g, uint64_t total,
                          ys_hotspots *out);

#endif
