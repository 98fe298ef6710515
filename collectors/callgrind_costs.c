/*
 * callgrind_costs.c — self and inclusive costs per function from the
 * bodies of callgrind parts (see callgrind_costs.h).
 */
#include "callgrind_costs.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

/* Compressed ids beyond this are refused: callgrind numbers them from 0
 * up, and a file of a million functions is past any benchmark's window,
 * while a hostile id must not make the table allocate without bound. */
#define MAX_ID (1u << 20)

/* The line being read, for messages and for the parsers below. */
typedef struct cursor {
  const char *p;   /* the line's first byte */
  const char *end; /* its newline (or CR, or the text's end) */
} cursor;

static int fail(char *err, size_t err_len, const cursor *c, const char *why) {
  int n = (int)(c->end - c->p);
  snprintf(err, err_len, "%s: '%.*s'", why, n > 60 ? 60 : n, c->p);
  return YS_EFORMAT;
}

/* ---- the table of functions ---------------------------------------- */

static uint64_t hash_name(const char *s, size_t len) {
  uint64_t h = UINT64_C(14695981039346656037);
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
  return h;
}

/* The length of `name` without a recursion suffix: "fib'2" is "fib". */
static size_t base_length(const char *name, size_t len) {
  size_t k = len;
  while (k > 0 && name[k - 1] >= '0' && name[k - 1] <= '9')
    k--;
  if (k < len && k > 1 && name[k - 1] == '\'') return k - 1;
  return len;
}

static int grow_slots(ys_callgrind_costs *t) {
  size_t n_slots = t->n_slots == 0 ? 64 : t->n_slots * 2;
  size_t *slots = calloc(n_slots, sizeof(*slots));
  if (slots == NULL) return YS_ENOMEM;
  for (size_t i = 0; i < t->n; i++) {
    const char *name = t->fns[i].name;
    size_t at = hash_name(name, strlen(name)) & (n_slots - 1);
    while (slots[at] != 0)
      at = (at + 1) & (n_slots - 1);
    slots[at] = i + 1;
  }
  free(t->slots);
  t->slots = slots;
  t->n_slots = n_slots;
  return 0;
}

/* The index of function name[0..len) (recursion suffix removed), added
 * when new; or a negative error code. */
static long function_index(ys_callgrind_costs *t, const char *name,
                           size_t len) {
  /* A NUL byte in a file ends the name, as it ends the copy kept. */
  len = base_length(name, strnlen(name, len));
  if (t->n_slots == 0 || (t->n + 1) * 2 > t->n_slots) {
    int rc = grow_slots(t);
    if (rc != 0) return rc;
  }
  size_t at = hash_name(name, len) & (t->n_slots - 1);
  for (; t->slots[at] != 0; at = (at + 1) & (t->n_slots - 1)) {
    const char *have = t->fns[t->slots[at] - 1].name;
    if (strncmp(have, name, len) == 0 && have[len] == '\0')
      return (long)t->slots[at] - 1;
  }
  if (t->n == t->cap) {
    size_t cap = t->cap == 0 ? 64 : t->cap * 2;
    ys_callgrind_fn *fns = realloc(t->fns, cap * sizeof(*fns));
    if (fns == NULL) return YS_ENOMEM;
    t->fns = fns;
    t->cap = cap;
  }
  ys_callgrind_fn *fn = &t->fns[t->n];
  memset(fn, 0, sizeof(*fn));
  if ((fn->name = strndup(name, len)) == NULL) return YS_ENOMEM;
  t->slots[at] = ++t->n;
  return (long)t->n - 1;
}

const ys_callgrind_fn *ys_callgrind_costs_find(const ys_callgrind_costs *t,
                                               const char *name) {
  size_t len = base_length(name, strlen(name));
  if (t->n_slots == 0) return NULL;
  size_t at = hash_name(name, len) & (t->n_slots - 1);
  for (; t->slots[at] != 0; at = (at + 1) & (t->n_slots - 1)) {
    const ys_callgrind_fn *fn = &t->fns[t->slots[at] - 1];
    if (strncmp(fn->name, name, len) == 0 && fn->name[len] == '\0') return fn;
  }
  return NULL;
}

uint64_t ys_callgrind_fn_inclusive(const ys_callgrind_fn *fn, size_t k) {
  uint64_t sum = fn->self[k] + fn->calls[k];
  return sum < fn->self[k] ? UINT64_MAX : sum;
}

/* ---- names ---------------------------------------------------------- */

/* Resolves the name after "fn=" or "cfn=" (at p, up to c->end): "(id)
 * name" defines id, "(id)" uses it, anything else is the name itself.
 * Sets *name and *len to the name's text (borrowed from the line or the
 * table). */
static int resolve(ys_callgrind_names *names, const cursor *c, const char *p,
                   const char **name, size_t *len, char *err, size_t err_len) {
  if (p == c->end || *p != '(') {
    *name = p;
    *len = (size_t)(c->end - p);
    return 0;
  }
  size_t id = 0;
  const char *q = p + 1;
  if (q == c->end || *q < '0' || *q > '9')
    return fail(err, err_len, c, "a compressed name without its number");
  for (; q < c->end && *q >= '0' && *q <= '9'; q++) {
    id = id * 10 + (size_t)(*q - '0');
    if (id >= MAX_ID)
      return fail(err, err_len, c, "a compressed name's number is too large");
  }
  if (q == c->end || *q != ')')
    return fail(err, err_len, c, "a compressed name without ')'");
  q++;
  if (q == c->end) {
    if (id >= names->cap || names->names[id] == NULL)
      return fail(err, err_len, c, "a compressed name used before it is given");
    *name = names->names[id];
    *len = strlen(*name);
    return 0;
  }
  if (*q == ' ') q++;
  if (id >= names->cap) {
    size_t cap = names->cap == 0 ? 256 : names->cap;
    while (cap <= id)
      cap *= 2;
    char **grown = realloc(names->names, cap * sizeof(*grown));
    if (grown == NULL) return YS_ENOMEM;
    memset(grown + names->cap, 0, (cap - names->cap) * sizeof(*grown));
    names->names = grown;
    names->cap = cap;
  }
  char *copy = strndup(q, (size_t)(c->end - q));
  if (copy == NULL) return YS_ENOMEM;
  free(names->names[id]);
  names->names[id] = copy;
  *name = copy;
  *len = strlen(copy);
  return 0;
}

/* ---- cost lines ------------------------------------------------------ */

static bool blank(char c) {
  return c == ' ' || c == '\t';
}

/* Reads a cost line: n_positions words, then up to n_events decimal
 * counts (the ones left out are 0) into out. */
static int read_costs(const cursor *c, size_t n_positions, size_t n_events,
                      uint64_t *out, char *err, size_t err_len) {
  const char *p = c->p;
  memset(out, 0, n_events * sizeof(*out));
  for (size_t k = 0; k < n_positions; k++) {
    while (p < c->end && blank(*p))
      p++;
    while (p < c->end && !blank(*p))
      p++;
  }
  for (size_t k = 0;; k++) {
    while (p < c->end && blank(*p))
      p++;
    if (p == c->end) return 0;
    if (k == n_events)
      return fail(err, err_len, c, "a cost line with more costs than events");
    if (*p < '0' || *p > '9')
      return fail(err, err_len, c, "a cost that is not a decimal number");
    uint64_t v = 0;
    for (; p < c->end && *p >= '0' && *p <= '9'; p++) {
      uint64_t digit = (uint64_t)(*p - '0');
      if (v > (UINT64_MAX - digit) / 10)
        return fail(err, err_len, c, "a cost too large for 64 bits");
      v = v * 10 + digit;
    }
    if (p < c->end && !blank(*p))
      return fail(err, err_len, c, "a cost that is not a decimal number");
    out[k] = v;
  }
}

/* Adds add[0..n) to sum[0..n), refusing a sum past 64 bits. */
static int add_to(uint64_t *sum, const uint64_t *add, size_t n, const cursor *c,
                  char *err, size_t err_len) {
  for (size_t k = 0; k < n; k++) {
    if (sum[k] + add[k] < sum[k])
      return fail(err, err_len, c, "costs that add up past 64 bits");
    sum[k] += add[k];
  }
  return 0;
}

/* Appends one call record to the graph; merge_calls sums the duplicates. */
static int add_call(ys_callgrind_costs *t, size_t caller, size_t callee,
                    const uint64_t *values, size_t n) {
  if (t->n_calls == t->calls_cap) {
    size_t cap = t->calls_cap == 0 ? 64 : t->calls_cap * 2;
    ys_callgrind_call *grown = realloc(t->calls, cap * sizeof(*grown));
    if (grown == NULL) return YS_ENOMEM;
    t->calls = grown;
    t->calls_cap = cap;
  }
  ys_callgrind_call *call = &t->calls[t->n_calls++];
  memset(call, 0, sizeof(*call));
  call->caller = caller;
  call->callee = callee;
  memcpy(call->cost, values, n * sizeof(*values));
  return 0;
}

static int by_pair(const void *pa, const void *pb) {
  const ys_callgrind_call *a = pa, *b = pb;
  if (a->caller != b->caller) return a->caller < b->caller ? -1 : 1;
  if (a->callee != b->callee) return a->callee < b->callee ? -1 : 1;
  return 0;
}

/* Sorts the graph by (caller, callee) and sums each pair into one entry,
 * so that a table holds one entry per pair however many parts and call
 * sites gave it. The sums cannot overflow: each is part of its caller's
 * `calls`, which add_to checked. */
static void merge_calls(ys_callgrind_costs *t) {
  if (t->n_calls == 0) return;
  qsort(t->calls, t->n_calls, sizeof(*t->calls), by_pair);
  size_t kept = 0;
  for (size_t i = 0; i < t->n_calls; i++) {
    if (kept > 0 && by_pair(&t->calls[kept - 1], &t->calls[i]) == 0) {
      for (size_t k = 0; k < t->events.n; k++)
        t->calls[kept - 1].cost[k] += t->calls[i].cost[k];
      continue;
    }
    t->calls[kept++] = t->calls[i];
  }
  t->n_calls = kept;
}

static bool has_key(const cursor *c, const char *key) {
  size_t len = strlen(key);
  return (size_t)(c->end - c->p) >= len && memcmp(c->p, key, len) == 0;
}

/* What reading a body carries from one line to the next. */
typedef struct body_state {
  long fn;        /* the current function, -1 before the first fn= */
  long callee;    /* the last cfn=, -1 when none */
  bool call_cost; /* the next cost line is a call's */
} body_state;

/* Reads one body line into the table. */
static int body_line(ys_callgrind_costs *t, ys_callgrind_names *names,
                     const ys_callgrind_part *part, body_state *st,
                     const cursor *c, char *err, size_t err_len) {
  const char *p = c->p;
  if (p == c->end || *p == '#') return 0;
  bool is_fn = has_key(c, "fn="), is_cfn = has_key(c, "cfn=");
  if (is_fn || is_cfn) {
    const char *name;
    size_t len;
    int rc = resolve(names, c, p + (is_fn ? 3 : 4), &name, &len, err, err_len);
    if (rc != 0) return rc;
    long index = function_index(t, name, len);
    if (index < 0) return (int)index;
    if (is_fn) {
      st->fn = index;
      st->callee = -1;
    } else {
      st->callee = index;
    }
    st->call_cost = false;
    return 0;
  }
  if (has_key(c, "calls=")) {
    if (st->fn < 0 || st->callee < 0)
      return fail(err, err_len, c, "a call record without fn= and cfn=");
    st->call_cost = true;
    return 0;
  }
  char first = *p;
  bool cost = (first >= '0' && first <= '9') || first == '+' || first == '-' ||
              first == '*';
  if (!cost) return 0; /* ob=, fl=, fi=, fe=, cob=, cfi=, jump=, ... */
  if (st->fn < 0) return fail(err, err_len, c, "a cost line before any fn=");
  uint64_t values[YS_CALLGRIND_MAX_EVENTS];
  size_t n = part->events.n;
  int rc = read_costs(c, part->n_positions, n, values, err, err_len);
  if (rc != 0) return rc;
  ys_callgrind_fn *fn = &t->fns[st->fn];
  if (!st->call_cost) return add_to(fn->self, values, n, c, err, err_len);
  st->call_cost = false;
  /* A call of the function to itself (another recursion level) is
   * already in its self cost. */
  if (st->callee == st->fn) return 0;
  rc = add_to(fn->calls, values, n, c, err, err_len);
  if (rc == 0) rc = add_call(t, (size_t)st->fn, (size_t)st->callee, values, n);
  return rc;
}

int ys_callgrind_costs_add(ys_callgrind_costs *t, ys_callgrind_names *names,
                           const ys_callgrind_part *part, char *err,
                           size_t err_len) {
  if (t->events.n == 0) {
    t->events = part->events;
  } else if (memcmp(&t->events, &part->events, sizeof(t->events)) != 0) {
    snprintf(err, err_len, "parts of one benchmark count different events");
    return YS_EFORMAT;
  }
  body_state st = {.fn = -1, .callee = -1};
  const char *end = part->body_end;
  for (const char *p = part->body; p < end;
       p = ys_callgrind_next_line(p, end)) {
    cursor c = {p, p};
    while (c.end < end && *c.end != '\n' && *c.end != '\r')
      c.end++;
    int rc = body_line(t, names, part, &st, &c, err, err_len);
    if (rc != 0) return rc;
  }
  merge_calls(t);
  if (st.call_cost) {
    cursor c = {part->body_end, part->body_end};
    return fail(err, err_len, &c, "a call record without its cost line");
  }
  return 0;
}

void ys_callgrind_costs_free(ys_callgrind_costs *t) {
  if (t == NULL) return;
  for (size_t i = 0; i < t->n; i++)
    free(t->fns[i].name);
  free(t->fns);
  free(t->slots);
  free(t->calls);
  memset(t, 0, sizeof(*t));
}

void ys_callgrind_names_free(ys_callgrind_names *names) {
  if (names == NULL) return;
  for (size_t i = 0; i < names->cap; i++)
    free(names->names[i]);
  free(names->names);
  memset(names, 0, sizeof(*names));
}
