/* Tests of profile/callgraph* and callgrind_window: a call graph folded
 * into stacks (a diamond, recursion through two functions, calls of a
 * function to itself, rounding to whole units, a cycle no root reaches),
 * its exact hotspots, and a benchmark's windows read from a callgrind
 * file as such a graph. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "profile/callgraph.h"
#include "profile/callgraph_hotspots.h"
#include "profile/callgrind_window.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The count of the stack `frames` in f, or 0. */
static uint64_t count_of(const ys_folded *f, const char *frames) {
  for (size_t i = 0; i < f->n; i++)
    if (strcmp(f->stacks[i].frames, frames) == 0) return f->stacks[i].count;
  return 0;
}

/* The sum of the counts of the stacks that end in `fn`. */
static uint64_t self_of(const ys_folded *f, const char *fn) {
  uint64_t sum = 0;
  size_t len = strlen(fn);
  for (size_t i = 0; i < f->n; i++) {
    const char *s = f->stacks[i].frames;
    size_t n = strlen(s);
    if (n >= len && strcmp(s + n - len, fn) == 0 &&
        (n == len || s[n - len - 1] == ';'))
      sum += f->stacks[i].count;
  }
  return sum;
}

/* r calls a and b, both call d: d's 60 are split 30/30 by what a's and
 * b's calls of d cost, and the stacks follow the proportions exactly. */
static void test_diamond(void **state) {
  (void)state;
  ys_callgraph_fn fns[] = {{.name = "r", .self = 10, .inclusive = 110},
                           {.name = "a", .self = 10, .inclusive = 40},
                           {.name = "b", .self = 30, .inclusive = 60},
                           {.name = "d", .self = 60, .inclusive = 60}};
  ys_callgraph_edge edges[] = {{0, 1, 40}, {0, 2, 60}, {1, 3, 30}, {2, 3, 30}};
  ys_callgraph g = {fns, N(fns), edges, N(edges), false};
  ys_folded f = {0};
  assert_int_equal(ys_callgraph_fold(&g, &f), 0);
  assert_int_equal(f.total, 110);
  assert_int_equal(f.n, 5);
  assert_int_equal(count_of(&f, "r"), 10);
  assert_int_equal(count_of(&f, "r;a"), 10);
  assert_int_equal(count_of(&f, "r;a;d"), 30);
  assert_int_equal(count_of(&f, "r;b"), 30);
  assert_int_equal(count_of(&f, "r;b;d"), 30);
  ys_folded_free(&f);
}

/* main calls a, a calls b, b calls a again (inclusive costs count the
 * cycle twice), and a calls itself: the walk ends, the stack is cut at
 * the repeated a, and every self cost is still exact. */
static void test_recursion(void **state) {
  (void)state;
  ys_callgraph_fn fns[] = {{.name = "main", .self = 5, .inclusive = 100},
                           {.name = "a", .self = 50, .inclusive = 135},
                           {.name = "b", .self = 40, .inclusive = 105}};
  ys_callgraph_edge edges[] = {{0, 1, 95}, {1, 2, 85}, {2, 1, 65}, {1, 1, 7}};
  ys_callgraph g = {fns, N(fns), edges, N(edges), false};
  ys_folded f = {0};
  assert_int_equal(ys_callgraph_fold(&g, &f), 0);
  assert_int_equal(f.total, 95);
  assert_int_equal(f.n, 3);
  assert_int_equal(count_of(&f, "main"), 5);
  assert_int_equal(count_of(&f, "main;a"), 50);
  assert_int_equal(count_of(&f, "main;a;b"), 40);
  ys_folded_free(&f);
}

/* Three equal stacks share 2 units of d: whole units, 1 + 1 + 0, never
 * 3 × 0.67 rounded to 3 or 0; and a ';' in a name does not split it. */
static void test_whole_units(void **state) {
  (void)state;
  ys_callgraph_fn fns[] = {{.name = "r", .self = 0, .inclusive = 3},
                           {.name = "a", .self = 0, .inclusive = 1},
                           {.name = "b", .self = 0, .inclusive = 1},
                           {.name = "c", .self = 0, .inclusive = 1},
                           {.name = "d;x", .self = 2, .inclusive = 2}};
  ys_callgraph_edge edges[] = {{0, 1, 1}, {0, 2, 1}, {0, 3, 1},
                               {1, 4, 1}, {2, 4, 1}, {3, 4, 1}};
  ys_callgraph g = {fns, N(fns), edges, N(edges), false};
  ys_folded f = {0};
  assert_int_equal(ys_callgraph_fold(&g, &f), 0);
  assert_int_equal(f.total, 2);
  assert_int_equal(f.n, 2);
  assert_int_equal(self_of(&f, "d:x"), 2);
  assert_int_equal(count_of(&f, "r;a;d:x"), 1);
  assert_int_equal(count_of(&f, "r;b;d:x"), 1);
  ys_folded_free(&f);
}

/* x and y call each other and nothing calls them: no root reaches them,
 * and each keeps its self cost on a stack of its own. */
static void test_unreached_cycle(void **state) {
  (void)state;
  ys_callgraph_fn fns[] = {{.name = "r", .self = 3, .inclusive = 3},
                           {.name = "x", .self = 4, .inclusive = 9},
                           {.name = "y", .self = 5, .inclusive = 9}};
  ys_callgraph_edge edges[] = {{1, 2, 5}, {2, 1, 4}};
  ys_callgraph g = {fns, N(fns), edges, N(edges), false};
  ys_folded f = {0};
  assert_int_equal(ys_callgraph_fold(&g, &f), 0);
  assert_int_equal(f.total, 12);
  assert_int_equal(count_of(&f, "r"), 3);
  assert_int_equal(count_of(&f, "x"), 4);
  assert_int_equal(count_of(&f, "y"), 5);
  ys_folded_free(&f);
}

/* Hotspots from the graph are its exact costs, ranked, with the edges of
 * the butterfly view and the cache misses. */
static void test_hotspots(void **state) {
  (void)state;
  ys_callgraph_fn fns[] = {
      {.name = "r", .self = 10, .inclusive = 110, .l1_total = 9},
      {.name = "a", .self = 10, .inclusive = 40},
      {.name = "b", .self = 30, .inclusive = 60},
      {.name = "d", .self = 60, .inclusive = 60, .l1_self = 7, .ll_self = 2},
      {.name = "unused", .self = 0, .inclusive = 0}};
  ys_callgraph_edge edges[] = {{0, 1, 40}, {0, 2, 60}, {1, 3, 30}, {2, 3, 30}};
  ys_callgraph g = {fns, N(fns), edges, N(edges), true};
  ys_hotspots h;
  assert_int_equal(ys_callgraph_hotspots(&g, 110, &h), 0);
  assert_true(h.has_misses);
  assert_int_equal(h.samples, 110);
  assert_int_equal(h.n, 4);
  assert_string_equal(h.fns[0].name, "d");
  assert_int_equal(h.fns[0].self, 60);
  assert_int_equal(h.fns[0].l1_self, 7);
  assert_int_equal(h.fns[0].ll_self, 2);
  assert_string_equal(h.fns[1].name, "b");
  assert_string_equal(h.fns[2].name, "r"); /* total 110 before a's 40 */
  assert_int_equal(h.fns[2].total, 110);
  assert_int_equal(h.fns[2].l1_total, 9);
  assert_int_equal(h.n_edges, 4);
  size_t d = 0, b = 1;
  int found = 0;
  for (size_t k = 0; k < h.n_edges; k++)
    if (h.edges[k].caller == b && h.edges[k].callee == d) {
      assert_int_equal(h.edges[k].count, 30);
      found++;
    }
  assert_int_equal(found, 1);
  ys_hotspots_free(&h);
}

/* Two windows of "b" around its warm-up and another benchmark, with the
 * cache simulation's columns; names compressed across parts. */
static const char CALLGRIND_TEXT[] =
    "# callgrind format\n"
    "version: 1\n"
    "part: 1\n"
    "desc: Trigger: Client Request: (warm-up) b\n"
    "positions: line\n"
    "events: Ir I1mr D1mr D1mw ILmr DLmr DLmw\n"
    "fn=(1) ys__fn_b\n"
    "0 999\n"
    "totals: 999\n"
    "part: 2\n"
    "desc: Trigger: Client Request: b\n"
    "positions: line\n"
    "events: Ir I1mr D1mr D1mw ILmr DLmr DLmw\n"
    "fn=(1)\n"
    "0 5 1\n"
    "cfn=(2) hot\n"
    "calls=1 0\n"
    "0 100 0 4 0 0 2\n"
    "fn=(2)\n"
    "0 100 0 4 0 0 2\n"
    "totals: 105 1 4 0 0 2\n"
    "part: 3\n"
    "desc: Trigger: Client Request: other\n"
    "positions: line\n"
    "events: Ir I1mr D1mr D1mw ILmr DLmr DLmw\n"
    "fn=(3) elsewhere\n"
    "0 50\n"
    "totals: 50\n"
    "part: 4\n"
    "desc: Trigger: Client Request: b\n"
    "positions: line\n"
    "events: Ir I1mr D1mr D1mw ILmr DLmr DLmw\n"
    "fn=(1)\n"
    "0 5\n"
    "cfn=(2)\n"
    "calls=1 0\n"
    "0 100\n"
    "fn=(2)\n"
    "0 100\n"
    "totals: 105\n";

/* The windows of "b" summed: parts 2 and 4, not the warm-up nor "other";
 * the graph, its fold and its hotspots agree with the totals exactly. */
static void test_callgrind_window(void **state) {
  (void)state;
  ys_callgrind_window w;
  char err[256] = "";
  assert_int_equal(ys_callgrind_window_read(CALLGRIND_TEXT,
                                            strlen(CALLGRIND_TEXT), "b", &w,
                                            err, sizeof(err)),
                   0);
  assert_int_equal(w.parts, 2);
  assert_int_equal(w.total, 210);
  assert_true(w.graph.has_misses);
  ys_folded f = {0};
  assert_int_equal(ys_callgraph_fold(&w.graph, &f), 0);
  assert_int_equal(f.total, 210);
  assert_int_equal(count_of(&f, "ys__fn_b"), 10);
  assert_int_equal(count_of(&f, "ys__fn_b;hot"), 200);
  ys_hotspots h;
  assert_int_equal(ys_callgraph_hotspots(&w.graph, w.total, &h), 0);
  assert_string_equal(h.fns[0].name, "hot");
  assert_int_equal(h.fns[0].self, 200);
  assert_int_equal(h.fns[0].l1_self, 4);
  assert_int_equal(h.fns[0].ll_self, 2);
  assert_string_equal(h.fns[1].name, "ys__fn_b");
  assert_int_equal(h.fns[1].total, 210);
  assert_int_equal(h.fns[1].l1_total, 5);
  assert_int_equal(h.n, 2); /* "elsewhere" is another benchmark's */
  ys_hotspots_free(&h);
  ys_folded_free(&f);
  ys_callgrind_window_free(&w);

  /* A benchmark without windows, and a file that counts no Ir. */
  assert_int_equal(ys_callgrind_window_read(CALLGRIND_TEXT,
                                            strlen(CALLGRIND_TEXT), "none", &w,
                                            err, sizeof(err)),
                   0);
  assert_int_equal(w.parts, 0);
  ys_callgrind_window_free(&w);
  static const char no_ir[] = "part: 1\n"
                              "desc: Trigger: Client Request: b\n"
                              "events: Dr\n"
                              "fn=(1) f\n"
                              "0 3\n";
  assert_int_equal(
      ys_callgrind_window_read(no_ir, strlen(no_ir), "b", &w, err, sizeof(err)),
      YS_EFORMAT);
  assert_non_null(strstr(err, "Ir"));
  ys_callgrind_window_free(&w);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_diamond),
      cmocka_unit_test(test_recursion),
      cmocka_unit_test(test_whole_units),
      cmocka_unit_test(test_unreached_cycle),
      cmocka_unit_test(test_hotspots),
      cmocka_unit_test(test_callgrind_window),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
