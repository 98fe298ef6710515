/* Tests of collectors/callgrind_parts.c, callgrind_costs.c and
 * callgrind_profile.c: per-function self and inclusive costs from a
 * hand-written callgrind file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "collectors/callgrind_costs.h"
#include "collectors/callgrind_parts.h"
#include "collectors/callgrind_profile.h"
#include "core/error.h"

/* Two windows of "sort" (parts 2 and 4), its warm-up (part 1) and another
 * benchmark (part 3). Names are compressed: ids are given in the part that
 * first uses them and reused later, as callgrind writes them. */
static const char FILE_TEXT[] =
    "# callgrind format\n"
    "version: 1\n"
    "cmd: bench\n"
    "part: 1\n"
    "desc: Trigger: Client Request: (warm-up) sort\n"
    "positions: line\n"
    "events: Ir Dr\n"
    "summary: 0\n"
    "fn=(1) outer\n"
    "0 999 9\n"
    "totals: 999 9\n"
    "part: 2\n"
    "desc: Trigger: Client Request: sort\n"
    "positions: line\n"
    "events: Ir Dr\n"
    "summary: 0\n"
    "\n"
    "ob=(1) /bin/bench\n"
    "fl=(1) ???\n"
    "fn=(1) outer\n"
    "0 5 1\n"
    "cfn=(2) inner\n"
    "calls=2 0\n"
    "0 400 40\n"
    "+3 7\n"
    "fn=(2)\n"
    "0 400 40\n"
    "cfn=(3) leaf\n"
    "calls=1 0\n"
    "0 30\n"
    "fn=(3)\n"
    "* 30\n"
    "totals: 442 41\n"
    "part: 3\n"
    "desc: Trigger: Client Request: hash\n"
    "positions: line\n"
    "events: Ir Dr\n"
    "fn=(4) mix\n"
    "0 70\n"
    "totals: 70\n"
    "part: 4\n"
    "desc: Trigger: Client Request: sort\n"
    "positions: line\n"
    "events: Ir Dr\n"
    "fn=(3)\n"
    "0 8\n"
    "fn=(5) fib\n"
    "0 10\n"
    "cfn=(6) fib'2\n"
    "calls=1 0\n"
    "0 90\n"
    "fn=(6)\n"
    "0 90\n"
    "cfn=(6)\n"
    "calls=3 0\n"
    "0 60\n"
    "totals: 108\n";

/* Walks FILE_TEXT into one table per trigger named in `names`. */
typedef struct collect {
  const char *name;
  ys_callgrind_costs costs;
  ys_callgrind_names names;
  size_t parts;
  char err[256];
} collect;

static int collect_part(void *ctx, const ys_callgrind_part *part) {
  collect *c = ctx;
  ys_callgrind_costs scratch = {0};
  bool mine = strcmp(part->trigger, c->name) == 0;
  int rc = ys_callgrind_costs_add(mine ? &c->costs : &scratch, &c->names, part,
                                  c->err, sizeof(c->err));
  ys_callgrind_costs_free(&scratch);
  c->parts += mine;
  return rc;
}

static void test_self_and_inclusive(void **state) {
  (void)state;
  collect c = {.name = "sort"};
  assert_int_equal(ys_callgrind_parts_walk(FILE_TEXT, strlen(FILE_TEXT), NULL,
                                           collect_part, &c, c.err,
                                           sizeof(c.err)),
                   0);
  assert_int_equal(c.parts, 2);
  assert_int_equal(c.costs.events.n, 2);
  const ys_callgrind_fn *outer = ys_callgrind_costs_find(&c.costs, "outer");
  const ys_callgrind_fn *inner = ys_callgrind_costs_find(&c.costs, "inner");
  const ys_callgrind_fn *leaf = ys_callgrind_costs_find(&c.costs, "leaf");
  const ys_callgrind_fn *fib = ys_callgrind_costs_find(&c.costs, "fib");
  assert_non_null(outer);
  assert_non_null(inner);
  assert_non_null(leaf);
  assert_non_null(fib);
  /* outer: 5 + 7 of its own (the "+3" line is a relative position); the
   * call line's 400 is inclusive, not self. */
  assert_int_equal(outer->self[0], 12);
  assert_int_equal(outer->self[1], 1);
  assert_int_equal(ys_callgrind_fn_inclusive(outer, 0), 412);
  assert_int_equal(ys_callgrind_fn_inclusive(outer, 1), 41);
  assert_int_equal(inner->self[0], 400);
  assert_int_equal(ys_callgrind_fn_inclusive(inner, 0), 430);
  /* leaf over both windows: (3) defined in part 2, used alone in part 4. */
  assert_int_equal(leaf->self[0], 38);
  assert_int_equal(ys_callgrind_fn_inclusive(leaf, 0), 38);
  /* fib and fib'2 are one function; its calls to itself are not counted
   * again. The warm-up's outer (999) and hash's mix are not sort's. */
  assert_int_equal(fib->self[0], 100);
  assert_int_equal(ys_callgrind_fn_inclusive(fib, 0), 100);
  assert_ptr_equal(ys_callgrind_costs_find(&c.costs, "fib'2"), fib);
  assert_null(ys_callgrind_costs_find(&c.costs, "mix"));
  assert_int_equal(c.costs.n, 4);
  /* The call graph: outer → inner and inner → leaf, one entry each with
   * the calls' inclusive costs; fib → fib'2 is fib's own. */
  assert_int_equal(c.costs.n_calls, 2);
  const ys_callgrind_call *first = &c.costs.calls[0],
                          *second = &c.costs.calls[1];
  assert_string_equal(c.costs.fns[first->caller].name, "outer");
  assert_string_equal(c.costs.fns[first->callee].name, "inner");
  assert_int_equal(first->cost[0], 400);
  assert_int_equal(first->cost[1], 40);
  assert_string_equal(c.costs.fns[second->caller].name, "inner");
  assert_string_equal(c.costs.fns[second->callee].name, "leaf");
  assert_int_equal(second->cost[0], 30);
  ys_callgrind_costs_free(&c.costs);
  ys_callgrind_names_free(&c.names);
}

static void test_parts(void **state) {
  (void)state;
  collect c = {.name = "hash"};
  const char *header_end = NULL;
  assert_int_equal(ys_callgrind_parts_walk(FILE_TEXT, strlen(FILE_TEXT),
                                           &header_end, collect_part, &c, c.err,
                                           sizeof(c.err)),
                   0);
  assert_ptr_equal(header_end, strstr(FILE_TEXT, "part: 1"));
  assert_int_equal(c.parts, 1);
  assert_int_equal(ys_callgrind_costs_find(&c.costs, "mix")->self[0], 70);
  ys_callgrind_costs_free(&c.costs);
  ys_callgrind_names_free(&c.names);
}

/* Runs the costs of one part body under "events: Ir", expecting an error
 * whose message contains `why`. */
static void expect_error(const char *body, const char *why) {
  char text[512];
  snprintf(text, sizeof(text), "events: Ir\n%s", body);
  collect c = {.name = ""};
  int rc = ys_callgrind_parts_walk(text, strlen(text), NULL, collect_part, &c,
                                   c.err, sizeof(c.err));
  if (rc != YS_EFORMAT || strstr(c.err, why) == NULL)
    fail_msg("body %s: rc %d, err '%s' (want '%s')", body, rc, c.err, why);
  ys_callgrind_costs_free(&c.costs);
  ys_callgrind_names_free(&c.names);
}

static void test_refuses_bad_bodies(void **state) {
  (void)state;
  expect_error("fn=(7)\n0 1\n", "used before it is given");
  expect_error("fn=f\n0 1 2\n", "more costs than events");
  expect_error("fn=f\n0 -1\n", "not a decimal number");
  expect_error("fn=f\n0 1x\n", "not a decimal number");
  expect_error("fn=f\n0 99999999999999999999\n", "too large for 64 bits");
  expect_error("0 5\n", "before any fn=");
  expect_error("fn=f\ncalls=1 0\n", "call record without fn= and cfn=");
  expect_error("fn=f\ncfn=g\ncalls=1 0\n", "without its cost line");
  expect_error("fn=(99999999) f\n0 1\n", "too large");
  expect_error("fn=(x) f\n0 1\n", "without its number");
  expect_error("fn=f\n0 18446744073709551615\n0 1\n", "past 64 bits");
}

static void test_profile_attach(void **state) {
  (void)state;
  ys_bench_result benches[3] = {0};
  snprintf(benches[0].name, sizeof(benches[0].name), "hash");
  snprintf(benches[1].name, sizeof(benches[1].name), "other");
  snprintf(benches[2].name, sizeof(benches[2].name), "sort");
  ys_run_result run = {.benches = benches, .n_benches = 3};
  char err[256] = "";
  /* sort's total is 442 + 108 = 550: 0.1 of it is 55, which keeps outer
   * (412), inner (430) and fib (100) but not leaf (38). */
  assert_int_equal(ys_callgrind_profile_attach(FILE_TEXT, strlen(FILE_TEXT),
                                               &run, 0.1, 200, err,
                                               sizeof(err)),
                   0);
  assert_int_equal(benches[0].n_functions, 1);
  assert_string_equal(benches[0].functions[0].name, "mix");
  assert_int_equal(benches[1].n_functions, 0);
  assert_int_equal(benches[2].n_functions, 3);
  assert_string_equal(benches[2].functions[0].name, "inner");
  assert_int_equal(benches[2].functions[0].self, 400);
  assert_int_equal(benches[2].functions[0].inclusive, 430);
  assert_string_equal(benches[2].functions[1].name, "outer");
  assert_int_equal(benches[2].functions[1].inclusive, 412);
  assert_string_equal(benches[2].functions[2].name, "fib");
  /* At most 2: the two most inclusive. */
  assert_int_equal(ys_callgrind_profile_attach(FILE_TEXT, strlen(FILE_TEXT),
                                               &run, 0, 2, err, sizeof(err)),
                   0);
  assert_int_equal(benches[2].n_functions, 2);
  assert_string_equal(benches[2].functions[1].name, "outer");
  /* A benchmark that failed gets none. */
  benches[0].status = YS_BENCH_FAILED;
  assert_int_equal(ys_callgrind_profile_attach(FILE_TEXT, strlen(FILE_TEXT),
                                               &run, 0, 200, err, sizeof(err)),
                   0);
  assert_int_equal(benches[0].n_functions, 0);
  /* A broken file leaves no benchmark with functions. */
  const char broken[] = "events: Ir\npart: 1\n"
                        "desc: Trigger: Client Request: sort\nfn=f\n0 x\n";
  assert_int_equal(ys_callgrind_profile_attach(broken, strlen(broken), &run, 0,
                                               200, err, sizeof(err)),
                   YS_EFORMAT);
  assert_int_equal(benches[2].n_functions, 0);
  for (size_t i = 0; i < 3; i++)
    ys_bench_result_clear(&benches[i]);
}

/* With --cache-sim, the misses are the sums of their columns. */
static void test_cache_misses(void **state) {
  (void)state;
  const char text[] = "events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw\n"
                      "part: 1\n"
                      "desc: Trigger: Client Request: b\n"
                      "fn=f\n"
                      "0 100 10 5 1 2 3 1 1 1\n"
                      "cfn=g\n"
                      "calls=1 0\n"
                      "0 50 0 0 4 0 0 2\n"
                      "fn=g\n"
                      "0 50 0 0 4 0 0 2\n"
                      "totals: 150 10 5 5 2 3 3 1 1\n";
  ys_bench_result bench = {.name = "b"};
  ys_run_result run = {.benches = &bench, .n_benches = 1};
  char err[256] = "";
  assert_int_equal(ys_callgrind_profile_attach(text, strlen(text), &run, 0, 200,
                                               err, sizeof(err)),
                   0);
  assert_int_equal(bench.n_functions, 2);
  const ys_function_cost *f = &bench.functions[0];
  assert_string_equal(f->name, "f");
  assert_int_equal(f->self_l1_misses, 6);
  assert_int_equal(f->inclusive_l1_misses, 10);
  assert_int_equal(f->self_ll_misses, 3);
  assert_int_equal(f->inclusive_ll_misses, 5);
  ys_bench_result_clear(&bench);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_self_and_inclusive),
      cmocka_unit_test(test_parts),
      cmocka_unit_test(test_refuses_bad_bodies),
      cmocka_unit_test(test_profile_attach),
      cmocka_unit_test(test_cache_misses),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
