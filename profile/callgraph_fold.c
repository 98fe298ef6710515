/*
 * callgraph_fold.c — a call graph folded into stacks (callgraph.h): a
 * walk down from every root, amounts split in proportion to the calls'
 * costs, then each function's self cost shared out in whole units.
 */
#include "callgraph.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

/* A stack reaching a function with a self cost, and its share of it. */
typedef struct emission {
  char *frames;     /* "root;...;fn", owned */
  size_t fn;        /* the innermost function */
  size_t seq;       /* order of the walk, for equal remainders */
  long double w;    /* the stack's amount of fn's inclusive cost */
  uint64_t count;   /* whole units given to the stack */
  long double frac; /* what rounding down left */
} emission;

typedef struct walk {
  const ys_callgraph *g;
  size_t *first; /* [n + 1]: fn f's edges are by_caller[first[f]..first[f+1]) */
  ys_callgraph_edge *by_caller;
  bool *on_path; /* [n] */
  size_t path[YS_CALLGRAPH_MAX_DEPTH];
  size_t depth;
  size_t visits;
  emission *out;
  size_t n_out, cap_out;
  char *buf; /* the frames of the current stack */
  size_t buf_cap;
} walk;

static int by_caller(const void *pa, const void *pb) {
  const ys_callgraph_edge *a = pa, *b = pb;
  if (a->caller != b->caller) return a->caller < b->caller ? -1 : 1;
  if (a->callee != b->callee) return a->callee < b->callee ? -1 : 1;
  return 0;
}

/* Joins the names of the current stack with ';' into w->buf. */
static int frames_of(walk *w) {
  size_t len = 0;
  for (size_t k = 0; k < w->depth; k++)
    len += strlen(w->g->fns[w->path[k]].name) + 1;
  if (len + 1 > w->buf_cap) {
    char *grown = realloc(w->buf, len + 1);
    if (grown == NULL) return YS_ENOMEM;
    w->buf = grown;
    w->buf_cap = len + 1;
  }
  char *p = w->buf;
  for (size_t k = 0; k < w->depth; k++) {
    if (k > 0) *p++ = ';';
    /* ';' separates frames: one inside a name would split it. */
    for (const char *s = w->g->fns[w->path[k]].name; *s; s++)
      *p++ = *s == ';' ? ':' : *s;
  }
  *p = '\0';
  return 0;
}

static int emit(walk *w, size_t fn, long double amount) {
  if (w->n_out == w->cap_out) {
    size_t cap = w->cap_out == 0 ? 256 : w->cap_out * 2;
    emission *grown = realloc(w->out, cap * sizeof(*grown));
    if (grown == NULL) return YS_ENOMEM;
    w->out = grown;
    w->cap_out = cap;
  }
  int rc = frames_of(w);
  if (rc != 0) return rc;
  char *frames = strdup(w->buf);
  if (frames == NULL) return YS_ENOMEM;
  w->out[w->n_out] =
      (emission){.frames = frames, .fn = fn, .seq = w->n_out, .w = amount};
  w->n_out++;
  return 0;
}

/* Visits fn with `amount` of its inclusive cost on the current stack. The
 * recursion is bounded by YS_CALLGRAPH_MAX_DEPTH, and on_path keeps a
 * function from appearing twice on a stack. */
static int visit(walk *w, size_t fn, long double amount) {
  const ys_callgraph_fn *f = &w->g->fns[fn];
  if (amount < YS_CALLGRAPH_MIN_AMOUNT || f->inclusive == 0 ||
      w->depth == YS_CALLGRAPH_MAX_DEPTH ||
      w->visits == YS_CALLGRAPH_MAX_VISITS)
    return 0;
  w->visits++;
  w->path[w->depth++] = fn;
  w->on_path[fn] = true;
  int rc = f->self > 0 ? emit(w, fn, amount) : 0;
  long double share = amount / (long double)f->inclusive;
  for (size_t e = w->first[fn]; rc == 0 && e < w->first[fn + 1]; e++) {
    const ys_callgraph_edge *edge = &w->by_caller[e];
    if (w->on_path[edge->callee]) continue; /* a cycle: cut here */
    rc = visit(w, edge->callee, share * (long double)edge->cost);
  }
  w->on_path[fn] = false;
  w->depth--;
  return rc;
}

static int by_fn_then_seq(const void *pa, const void *pb) {
  const emission *a = pa, *b = pb;
  if (a->fn != b->fn) return a->fn < b->fn ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int by_remainder(const void *pa, const void *pb) {
  const emission *a = pa, *b = pb;
  if (a->frac != b->frac) return a->frac > b->frac ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Shares out `self` over the n stacks of one function, in proportion to
 * their amounts, in whole units: each gets the floor of its share, and
 * what is left goes one unit each to the largest remainders. */
static void share_out(emission *e, size_t n, uint64_t self) {
  long double sum = 0;
  for (size_t i = 0; i < n; i++)
    sum += e[i].w;
  uint64_t given = 0;
  for (size_t i = 0; i < n; i++) {
    long double exact = (long double)self * e[i].w / sum;
    uint64_t whole = (uint64_t)exact;
    if (whole > self - given) whole = self - given;
    e[i].count = whole;
    e[i].frac = exact - (long double)whole;
    given += whole;
  }
  if (given == self) return;
  qsort(e, n, sizeof(*e), by_remainder);
  for (size_t i = 0; given < self; i = (i + 1) % n, given++)
    e[i].count++;
}

/* The functions with a self cost that no stack reached. */
static int add_unreached(const ys_callgraph *g, const emission *e, size_t n,
                         ys_folded *out) {
  size_t k = 0;
  for (size_t f = 0; f < g->n; f++) {
    while (k < n && e[k].fn < f)
      k++;
    if (g->fns[f].self == 0 || (k < n && e[k].fn == f)) continue;
    walk one = {.g = g};
    one.depth = 1;
    one.path[0] = f;
    int rc = frames_of(&one);
    if (rc == 0) rc = ys_folded_add(out, one.buf, g->fns[f].self);
    free(one.buf);
    if (rc != 0) return rc;
  }
  return 0;
}

int ys_callgraph_fold(const ys_callgraph *g, ys_folded *out) {
  walk w = {.g = g};
  uint64_t *incoming = calloc(g->n + 1, sizeof(*incoming));
  w.first = calloc(g->n + 2, sizeof(*w.first));
  w.on_path = calloc(g->n + 1, sizeof(*w.on_path));
  w.by_caller = malloc((g->n_edges + 1) * sizeof(*w.by_caller));
  int rc = incoming != NULL && w.first != NULL && w.on_path != NULL &&
                   w.by_caller != NULL
               ? 0
               : YS_ENOMEM;
  if (rc == 0) {
    size_t kept = 0;
    for (size_t e = 0; e < g->n_edges; e++)
      if (g->edges[e].caller != g->edges[e].callee && g->edges[e].cost > 0)
        w.by_caller[kept++] = g->edges[e];
    qsort(w.by_caller, kept, sizeof(*w.by_caller), by_caller);
    for (size_t e = 0; e < kept; e++) {
      incoming[w.by_caller[e].callee] += w.by_caller[e].cost;
      w.first[w.by_caller[e].caller + 1]++;
    }
    for (size_t f = 0; f < g->n; f++)
      w.first[f + 1] += w.first[f];
  }
  /* A root: a function no other calls, one the window began in. Its walk
   * starts with its whole inclusive cost. (The part of a called function's
   * inclusive cost that its callers do not account for is no sign of a
   * root: in a cycle, inclusive costs count the cycle twice.) */
  for (size_t f = 0; rc == 0 && f < g->n; f++)
    if (incoming[f] == 0) rc = visit(&w, f, (long double)g->fns[f].inclusive);
  if (rc == 0) {
    qsort(w.out, w.n_out, sizeof(*w.out), by_fn_then_seq);
    for (size_t i = 0; i < w.n_out;) {
      size_t j = i;
      while (j < w.n_out && w.out[j].fn == w.out[i].fn)
        j++;
      share_out(&w.out[i], j - i, g->fns[w.out[i].fn].self);
      i = j;
    }
    for (size_t i = 0; rc == 0 && i < w.n_out; i++)
      if (w.out[i].count > 0)
        rc = ys_folded_add(out, w.out[i].frames, w.out[i].count);
  }
  if (rc == 0) {
    /* add_unreached wants them by function again. */
    qsort(w.out, w.n_out, sizeof(*w.out), by_fn_then_seq);
    rc = add_unreached(g, w.out, w.n_out, out);
  }
  for (size_t i = 0; i < w.n_out; i++)
    free(w.out[i].frames);
  free(w.out);
  free(w.buf);
  free(w.by_caller);
  free(w.on_path);
  free(w.first);
  free(incoming);
  if (rc == 0)
    ys_folded_finish(out);
  else
    ys_folded_free(out);
  return rc;
}
