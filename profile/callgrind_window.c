/*
 * callgrind_window.c — a benchmark's callgrind windows as a call graph
 * (callgrind_window.h).
 */
#include "callgrind_window.h"

#include <stdlib.h>
#include <string.h>

#include "../collectors/callgrind_file.h"
#include "../core/error.h"

typedef struct reading {
  const char *bench;
  ys_callgrind_window *w;
  ys_callgrind_names names;
  char *err;
  size_t err_len;
} reading;

static int on_part(void *ctx, const ys_callgrind_part *part) {
  reading *r = ctx;
  bool ours = strcmp(part->trigger, r->bench) == 0;
  ys_callgrind_costs scratch = {0};
  ys_callgrind_costs *t = ours ? &r->w->costs : &scratch;
  int rc = ys_callgrind_costs_add(t, &r->names, part, r->err, r->err_len);
  ys_callgrind_costs_free(&scratch);
  if (rc != 0 || !ours) return rc;
  int ir = ys_callgrind_file_find(&part->events, "Ir");
  if (ir < 0) {
    snprintf(r->err, r->err_len,
             "the windows of '%s' count no instructions (no Ir column)",
             r->bench);
    return YS_EFORMAT;
  }
  r->w->parts++;
  if (part->has_totals) r->w->total += part->totals[ir];
  return 0;
}

/* The sum of the columns `names` present in `events`, of `values`. */
static uint64_t columns(const ys_callgrind_events *events,
                        const uint64_t *values, const char *const *names) {
  uint64_t sum = 0;
  for (size_t k = 0; k < 3; k++) {
    int col = ys_callgrind_file_find(events, names[k]);
    if (col >= 0) sum += values[col];
  }
  return sum;
}

static const char *const l1_names[] = {"I1mr", "D1mr", "D1mw"};
static const char *const ll_names[] = {"ILmr", "DLmr", "DLmw"};

/* Turns the summed table into the graph. */
static int build_graph(ys_callgrind_window *w) {
  const ys_callgrind_costs *t = &w->costs;
  size_t ir = (size_t)ys_callgrind_file_find(&t->events, "Ir");
  w->fns = calloc(t->n + 1, sizeof(*w->fns));
  w->edges = calloc(t->n_calls + 1, sizeof(*w->edges));
  if (w->fns == NULL || w->edges == NULL) return YS_ENOMEM;
  bool misses = ys_callgrind_file_find(&t->events, "I1mr") >= 0;
  uint64_t self_sum = 0;
  for (size_t f = 0; f < t->n; f++) {
    const ys_callgrind_fn *fn = &t->fns[f];
    uint64_t inclusive[YS_CALLGRIND_MAX_EVENTS];
    for (size_t k = 0; k < t->events.n; k++)
      inclusive[k] = ys_callgrind_fn_inclusive(fn, k);
    w->fns[f] = (ys_callgraph_fn){
        .name = fn->name,
        .self = fn->self[ir],
        .inclusive = inclusive[ir],
        .l1_self = misses ? columns(&t->events, fn->self, l1_names) : 0,
        .ll_self = misses ? columns(&t->events, fn->self, ll_names) : 0,
        .l1_total = misses ? columns(&t->events, inclusive, l1_names) : 0,
        .ll_total = misses ? columns(&t->events, inclusive, ll_names) : 0,
    };
    self_sum += fn->self[ir];
  }
  for (size_t e = 0; e < t->n_calls; e++)
    w->edges[e] = (ys_callgraph_edge){t->calls[e].caller, t->calls[e].callee,
                                      t->calls[e].cost[ir]};
  w->graph = (ys_callgraph){w->fns, t->n, w->edges, t->n_calls, misses};
  /* Parts without a "totals:" line: their self costs add up to it. */
  if (w->total == 0) w->total = self_sum;
  return 0;
}

int ys_callgrind_window_read(const char *text, size_t len, const char *bench,
                             ys_callgrind_window *out, char *err,
                             size_t err_len) {
  memset(out, 0, sizeof(*out));
  reading r = {.bench = bench, .w = out, .err = err, .err_len = err_len};
  int rc = ys_callgrind_parts_walk(text, len, NULL, on_part, &r, err, err_len);
  ys_callgrind_names_free(&r.names);
  if (rc == 0 && out->parts > 0) rc = build_graph(out);
  if (rc == YS_ENOMEM) snprintf(err, err_len, "out of memory");
  return rc;
}

void ys_callgrind_window_free(ys_callgrind_window *w) {
  if (w == NULL) return;
  ys_callgrind_costs_free(&w->costs);
  free(w->fns);
  free(w->edges);
  memset(w, 0, sizeof(*w));
}
