/*
 * callgrind_costs.h — per-function costs from the body of a callgrind part
 * (callgrind_parts.h): every function's self cost and its inclusive cost,
 * summed over as many parts as are added.
 *
 * In a body, "fn=" names the function the following cost lines belong to
 * (its self cost); "cfn=" names a callee and "calls=" announces one call
 * record, whose single cost line that follows is the call's inclusive cost:
 *
 *     fn=(3) outer
 *     0 5                 <- self cost of outer
 *     cfn=(4) inner
 *     calls=2 0
 *     0 400               <- what the 2 calls of inner cost, all included
 *
 * Names may be compressed: "(id) name" defines an id, "(id)" alone uses
 * it; fn= and cfn= share one id space, and a definition holds for the rest
 * of the file. Recursion levels callgrind tells apart ("fib'2") are summed
 * under one name ("fib"), and a function's inclusive cost is its self cost
 * plus its calls to *other* functions, so that recursion is not counted
 * twice. A cycle through several functions (a calls b calls a) still is,
 * as in callgrind_annotate --inclusive=yes.
 */
#ifndef YS_CALLGRIND_COSTS_H
#define YS_CALLGRIND_COSTS_H

#include <stddef.h>
#include <stdint.h>

#include "callgrind_file.h"
#include "callgrind_parts.h"

/* One function's costs, per event of the table's columns. */
typedef struct ys_callgrind_fn {
  char *name; /* owned by the table */
  uint64_t self[YS_CALLGRIND_MAX_EVENTS];
  uint64_t calls[YS_CALLGRIND_MAX_EVENTS]; /* to other functions */
} ys_callgrind_fn;

/* The calls from one function to another, summed over every call record
 * and call site: what they cost, callees included, per event. */
typedef struct ys_callgrind_call {
  size_t caller, callee; /* indices into the table's fns */
  uint64_t cost[YS_CALLGRIND_MAX_EVENTS];
} ys_callgrind_call;

/* The compressed names of one file: id -> name. Shared by every table
 * filled from that file, since a definition holds for the rest of it. */
typedef struct ys_callgrind_names {
  char **names; /* [id], NULL where undefined; owned */
  size_t cap;
} ys_callgrind_names;

/* Functions by name, with their summed costs. Zero-initialise. */
typedef struct ys_callgrind_costs {
  ys_callgrind_events events; /* the columns, set by the first part */
  ys_callgrind_fn *fns;
  size_t n, cap;
  size_t *slots; /* open addressing: index + 1, 0 for empty */
  size_t n_slots;
  /* The call graph: one entry per (caller, callee) pair of different
   * functions, by caller then callee (calls of a function to itself are
   * in its self cost, as above). */
  ys_callgrind_call *calls;
  size_t n_calls, calls_cap;
} ys_callgrind_costs;

/* Adds the body of `part` (borrowed, with the text it points into) to
 * `costs`, resolving and defining compressed names in `names`. A part's
 * events must be those of the parts added before it. Returns 0, YS_ENOMEM,
 * or YS_EFORMAT with the reason (quoting the line) in err: a cost that is
 * not a decimal number, more costs than events, a compressed id used
 * before its definition, a call record without a cost line. */
int ys_callgrind_costs_add(ys_callgrind_costs *costs, ys_callgrind_names *names,
                           const ys_callgrind_part *part, char *err,
                           size_t err_len);

/* The inclusive cost of fn in column k: self plus calls. */
uint64_t ys_callgrind_fn_inclusive(const ys_callgrind_fn *fn, size_t k);

/* The function named `name` (recursion suffix removed), or NULL. */
const ys_callgrind_fn *ys_callgrind_costs_find(const ys_callgrind_costs *costs,
                                               const char *name);

/* Frees what a table owns and zeroes it; NULL-safe. */
void ys_callgrind_costs_free(ys_callgrind_costs *costs);

/* Frees the names and zeroes them; NULL-safe. */
void ys_callgrind_names_free(ys_callgrind_names *names);

#endif
