/*
 * callgraph_hotspots.c — hotspots straight from a call graph's exact
 * costs (callgraph_hotspots.h).
 */
#include "callgraph_hotspots.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

int ys_callgraph_hotspots(const ys_callgraph *g, uint64_t total,
                          ys_hotspots *out) {
  memset(out, 0, sizeof(*out));
  out->samples = total;
  out->has_misses = g->has_misses;
  size_t *index = calloc(g->n + 1, sizeof(*index)); /* graph → out, + 1 */
  out->fns = calloc(g->n + 1, sizeof(*out->fns));
  out->names = calloc(g->n + 1, sizeof(*out->names));
  out->edges = calloc(g->n_edges + 1, sizeof(*out->edges));
  int rc = index != NULL && out->fns != NULL && out->names != NULL &&
                   out->edges != NULL
               ? 0
               : YS_ENOMEM;
  for (size_t f = 0; rc == 0 && f < g->n; f++) {
    const ys_callgraph_fn *fn = &g->fns[f];
    if (fn->inclusive == 0) continue; /* named in the file, never ran */
    char *name = strdup(fn->name);
    if (name == NULL) {
      rc = YS_ENOMEM;
      break;
    }
    out->names[out->n] = name;
    out->fns[out->n] = (ys_hot_fn){.name = name,
                                   .self = fn->self,
                                   .total = fn->inclusive,
                                   .l1_self = fn->l1_self,
                                   .ll_self = fn->ll_self,
                                   .l1_total = fn->l1_total,
                                   .ll_total = fn->ll_total};
    index[f] = ++out->n;
  }
  for (size_t e = 0; rc == 0 && e < g->n_edges; e++) {
    const ys_callgraph_edge *edge = &g->edges[e];
    if (edge->caller == edge->callee || edge->cost == 0 ||
        index[edge->caller] == 0 || index[edge->callee] == 0)
      continue;
    out->edges[out->n_edges++] = (ys_hot_edge){
        index[edge->caller] - 1, index[edge->callee] - 1, edge->cost};
  }
  if (rc == 0) rc = ys_hotspots_rank(out);
  free(index);
  if (rc != 0) ys_hotspots_free(out);
  return rc;
}
