/*
 * hotspots.c — self and inclusive samples per function, and call edges
 * (hotspots.h).
 */
#include "hotspots.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

static int by_string(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The frames of one stack, split in place in a copy. */
typedef struct split {
  char *buf;
  char **frames;
  size_t n, cap;
} split;

static int split_stack(split *s, const char *frames) {
  free(s->buf);
  s->buf = strdup(frames);
  if (s->buf == NULL) return YS_ENOMEM;
  s->n = 0;
  for (char *p = s->buf;;) {
    if (s->n == s->cap) {
      size_t cap = s->cap == 0 ? 32 : s->cap * 2;
      char **grown = realloc(s->frames, cap * sizeof(*grown));
      if (grown == NULL) return YS_ENOMEM;
      s->frames = grown;
      s->cap = cap;
    }
    s->frames[s->n++] = p;
    char *semi = strchr(p, ';');
    if (semi == NULL) break;
    *semi = '\0';
    p = semi + 1;
  }
  return 0;
}

/* Sorts the n owned strings of `names` and frees the repeats, keeping one
 * of each at the front. Returns how many are kept. */
static size_t sort_unique(char **names, size_t n) {
  qsort(names, n, sizeof(*names), by_string);
  size_t kept = 0;
  for (size_t k = 0; k < n; k++)
    if (kept > 0 && strcmp(names[kept - 1], names[k]) == 0)
      free(names[k]);
    else
      names[kept++] = names[k];
  return kept;
}

/* The sorted distinct names of every frame. */
static int collect_names(const ys_folded *f, ys_hotspots *h, split *s) {
  size_t cap = 0, n = 0;
  char **names = NULL;
  for (size_t i = 0; i < f->n; i++) {
    if (split_stack(s, f->stacks[i].frames) != 0) goto oom;
    for (size_t k = 0; k < s->n; k++) {
      if (n == cap) {
        cap = cap == 0 ? 256 : cap * 2;
        char **grown = realloc(names, cap * sizeof(*grown));
        if (grown == NULL) goto oom;
        names = grown;
      }
      if ((names[n] = strdup(s->frames[k])) == NULL) goto oom;
      n++;
    }
    /* Keep the list short: dedupe whenever it doubles. */
    if (n > 4096 && n == cap) n = sort_unique(names, n);
  }
  h->names = names;
  h->n = sort_unique(names, n);
  return 0;
oom:
  for (size_t k = 0; k < n; k++)
    free(names[k]);
  free(names);
  return YS_ENOMEM;
}

static size_t name_index(const ys_hotspots *h, const char *name) {
  char **hit = bsearch(&name, h->names, h->n, sizeof(*h->names), by_string);
  return hit == NULL ? SIZE_MAX : (size_t)(hit - h->names);
}

static int by_heat(const void *a, const void *b) {
  const ys_hot_fn *x = a, *y = b;
  if (x->self != y->self) return x->self > y->self ? -1 : 1;
  if (x->total != y->total) return x->total > y->total ? -1 : 1;
  return strcmp(x->name, y->name);
}

static int by_edge(const void *a, const void *b) {
  const ys_hot_edge *x = a, *y = b;
  if (x->caller != y->caller) return x->caller < y->caller ? -1 : 1;
  if (x->callee != y->callee) return x->callee < y->callee ? -1 : 1;
  return 0;
}

static int by_caller_then_count(const void *a, const void *b) {
  const ys_hot_edge *x = a, *y = b;
  if (x->caller != y->caller) return x->caller < y->caller ? -1 : 1;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  return x->callee < y->callee ? -1 : x->callee > y->callee;
}

/* Appends the edges of one stack (each pair once) to h->edges. */
static int add_edges(ys_hotspots *h, size_t *cap, const size_t *ids, size_t n,
                     uint64_t count) {
  for (size_t k = 1; k < n; k++) {
    bool seen = false;
    for (size_t j = 1; j < k && !seen; j++)
      seen = ids[j - 1] == ids[k - 1] && ids[j] == ids[k];
    if (seen) continue;
    if (h->n_edges == *cap) {
      *cap = *cap == 0 ? 256 : *cap * 2;
      ys_hot_edge *grown = realloc(h->edges, *cap * sizeof(*grown));
      if (grown == NULL) return YS_ENOMEM;
      h->edges = grown;
    }
    h->edges[h->n_edges++] = (ys_hot_edge){ids[k - 1], ids[k], count};
  }
  return 0;
}

/* Sorts and merges the edges, renumbered by `order` (old index → new). */
static void finish_edges(ys_hotspots *h, const size_t *order) {
  for (size_t i = 0; i < h->n_edges; i++) {
    h->edges[i].caller = order[h->edges[i].caller];
    h->edges[i].callee = order[h->edges[i].callee];
  }
  if (h->n_edges == 0) return;
  qsort(h->edges, h->n_edges, sizeof(*h->edges), by_edge);
  size_t kept = 0;
  for (size_t i = 0; i < h->n_edges; i++) {
    if (kept > 0 && by_edge(&h->edges[kept - 1], &h->edges[i]) == 0)
      h->edges[kept - 1].count += h->edges[i].count;
    else
      h->edges[kept++] = h->edges[i];
  }
  h->n_edges = kept;
  qsort(h->edges, h->n_edges, sizeof(*h->edges), by_caller_then_count);
}

int ys_hotspots_compute(const ys_folded *f, ys_hotspots *out) {
  memset(out, 0, sizeof(*out));
  split s = {0};
  size_t *ids = NULL, *mark = NULL, *order = NULL;
  size_t edge_cap = 0;
  int rc = collect_names(f, out, &s);
  if (rc == 0) {
    out->fns = calloc(out->n + 1, sizeof(*out->fns));
    mark = calloc(out->n + 1, sizeof(*mark));
    order = calloc(out->n + 1, sizeof(*order));
    if (out->fns == NULL || mark == NULL || order == NULL) rc = YS_ENOMEM;
  }
  for (size_t i = 0; rc == 0 && i < out->n; i++)
    out->fns[i].name = out->names[i];
  for (size_t i = 0; rc == 0 && i < f->n; i++) {
    uint64_t count = f->stacks[i].count;
    if ((rc = split_stack(&s, f->stacks[i].frames)) != 0) break;
    size_t *grown = realloc(ids, s.n * sizeof(*ids));
    if (grown == NULL) {
      rc = YS_ENOMEM;
      break;
    }
    ids = grown;
    for (size_t k = 0; k < s.n; k++) {
      ids[k] = name_index(out, s.frames[k]);
      /* Inclusive once per stack: `mark` holds the last stack counted. */
      if (mark[ids[k]] != i + 1) {
        mark[ids[k]] = i + 1;
        out->fns[ids[k]].total += count;
      }
    }
    out->fns[ids[s.n - 1]].self += count;
    out->samples += count;
    rc = add_edges(out, &edge_cap, ids, s.n, count);
  }
  if (rc == 0) {
    /* Rank, and renumber the edges by rank. */
    for (size_t i = 0; i < out->n; i++)
      out->fns[i].name = out->names[i];
    qsort(out->fns, out->n, sizeof(*out->fns), by_heat);
    for (size_t i = 0; i < out->n; i++)
      order[name_index(out, out->fns[i].name)] = i;
    finish_edges(out, order);
  }
  free(s.buf);
  free(s.frames);
  free(ids);
  free(mark);
  free(order);
  if (rc != 0) ys_hotspots_free(out);
  return rc;
}

/* A function and where it was before ranking. */
typedef struct placed {
  ys_hot_fn fn;
  size_t old;
} placed;

static int by_heat_placed(const void *a, const void *b) {
  return by_heat(&((const placed *)a)->fn, &((const placed *)b)->fn);
}

int ys_hotspots_rank(ys_hotspots *h) {
  size_t *order = calloc(h->n + 1, sizeof(*order));
  placed *ranked = calloc(h->n + 1, sizeof(*ranked));
  if (order == NULL || ranked == NULL) {
    free(order);
    free(ranked);
    return YS_ENOMEM;
  }
  for (size_t i = 0; i < h->n; i++)
    ranked[i] = (placed){h->fns[i], i};
  qsort(ranked, h->n, sizeof(*ranked), by_heat_placed);
  for (size_t k = 0; k < h->n; k++) {
    h->fns[k] = ranked[k].fn;
    order[ranked[k].old] = k;
  }
  finish_edges(h, order);
  free(ranked);
  free(order);
  return 0;
}

size_t ys_hotspots_find(const ys_hotspots *h, const char *name) {
  for (size_t i = 0; i < h->n; i++)
    if (strcmp(h->fns[i].name, name) == 0) return i;
  return SIZE_MAX;
}

double ys_hotspots_pct(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0 : 100.0 * (double)part / (double)whole;
}

void ys_hotspots_free(ys_hotspots *h) {
  if (h == NULL) return;
  for (size_t i = 0; i < h->n; i++)
    free(h->names[i]);
  free(h->names);
  free(h->fns);
  free(h->edges);
  memset(h, 0, sizeof(*h));
}
