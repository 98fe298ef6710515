/* Tests of run/registry.c and run/select.c: expansion of
 * parameterized benchmarks, sorting, duplicate names, filters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/error.h"
#include "run/registry.h"
#include "run/select.h"

static void nothing(ys_state *state) {
  (void)state;
}

static const int64_t sizes[] = {1024, 16};

/* Builds a chain c -> b -> a as the constructors would, in link order. */
static ys_bench bench_a = {
    .name = "zeta", .file = "a.c", .line = 1, .fn = nothing};
static ys_bench bench_b = {.name = "sort",
                           .file = "b.c",
                           .line = 2,
                           .fn = nothing,
                           .args = sizes,
                           .n_args = 2};
static ys_bench bench_c = {
    .name = "alpha", .file = "c.c", .line = 3, .fn = nothing};

static const ys_bench *chain(void) {
  bench_a.next = NULL;
  bench_b.next = &bench_a;
  bench_c.next = &bench_b;
  return &bench_c;
}

static void test_expand_sorts_and_names_instances(void **unused) {
  (void)unused;
  ys_instance *list = NULL;
  size_t n = 0;
  char err[256] = "";
  assert_int_equal(ys_registry_expand(chain(), &list, &n, err, sizeof(err)), 0);
  assert_int_equal(n, 4);
  assert_string_equal(list[0].name, "alpha");
  /* Natural order: the numbers of instances sort by value. */
  assert_string_equal(list[1].name, "sort/16");
  assert_int_equal(list[1].arg, 16);
  assert_string_equal(list[2].name, "sort/1024");
  assert_int_equal(list[2].arg, 1024);
  assert_string_equal(list[3].name, "zeta");
  assert_ptr_equal(list[3].def, &bench_a);
  free(list);
}

static void test_expand_rejects_duplicates(void **unused) {
  (void)unused;
  static ys_bench twin = {
      .name = "alpha", .file = "d.c", .line = 9, .fn = nothing};
  twin.next = (ys_bench *)chain();
  ys_instance *list = NULL;
  size_t n = 0;
  char err[256] = "";
  assert_int_equal(ys_registry_expand(&twin, &list, &n, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "duplicate benchmark name 'alpha'"));
  assert_non_null(strstr(err, "c.c:3"));
  assert_non_null(strstr(err, "d.c:9"));
}

static void test_expand_rejects_duplicate_args(void **unused) {
  (void)unused;
  static const int64_t same[] = {8, 8};
  static ys_bench b = {.name = "fill",
                       .file = "e.c",
                       .line = 4,
                       .fn = nothing,
                       .args = same,
                       .n_args = 2};
  ys_instance *list = NULL;
  size_t n = 0;
  char err[256] = "";
  assert_int_equal(ys_registry_expand(&b, &list, &n, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "'fill/8'"));
}

static void test_expand_rejects_bad_names(void **unused) {
  (void)unused;
  /* Latin-1 "café", a lone continuation byte, an overlong '/', a cut
   * sequence: not UTF-8, so JSON and YAML could not hold them. */
  static const char *const bad[] = {"",           "two words",  "tab\there",
                                    "nl\n",       "caf\xe9",    "x\x80",
                                    "a\xc0\xaf/", "cut\xe2\x82"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    ys_bench b = {.name = bad[i], .file = "f.c", .line = 7, .fn = nothing};
    ys_instance *list = NULL;
    size_t n = 0;
    char err[256] = "";
    assert_int_equal(ys_registry_expand(&b, &list, &n, err, sizeof(err)),
                     YS_EINVAL);
    assert_non_null(strstr(err, "f.c:7: benchmark name"));
  }
  static ys_bench named = {
      .name = "peer/k300.v2-x", .file = "g.c", .line = 1, .fn = nothing};
  /* UTF-8 itself is welcome. */
  static ys_bench accented = {.name = "caf\xc3\xa9/\xe2\x82\xac",
                              .file = "g.c",
                              .line = 2,
                              .fn = nothing};
  ys_instance *list = NULL;
  size_t n = 0;
  char err[256] = "";
  assert_int_equal(ys_registry_expand(&named, &list, &n, err, sizeof(err)), 0);
  assert_string_equal(list[0].name, "peer/k300.v2-x");
  free(list);
  list = NULL;
  assert_int_equal(ys_registry_expand(&accented, &list, &n, err, sizeof(err)),
                   0);
  assert_string_equal(list[0].name, "caf\xc3\xa9/\xe2\x82\xac");
  free(list);
}

static void test_expand_empty_chain(void **unused) {
  (void)unused;
  ys_instance *list = NULL;
  size_t n = 99;
  char err[256] = "";
  assert_int_equal(ys_registry_expand(NULL, &list, &n, err, sizeof(err)), 0);
  assert_int_equal(n, 0);
  free(list);
}

static void test_select(void **unused) {
  (void)unused;
  ys_instance *list = NULL;
  size_t n = 0;
  char err[256] = "";
  assert_int_equal(ys_registry_expand(chain(), &list, &n, err, sizeof(err)), 0);
  bool chosen[4];

  assert_int_equal(ys_select(list, n, NULL, 0, false, chosen, err, sizeof(err)),
                   4);

  char *re[] = {"^sort/", "eta$"};
  assert_int_equal(ys_select(list, n, re, 2, false, chosen, err, sizeof(err)),
                   3);
  assert_false(chosen[0]);
  assert_true(chosen[1] && chosen[2] && chosen[3]);

  char *exact[] = {"sort/16"};
  assert_int_equal(ys_select(list, n, exact, 1, true, chosen, err, sizeof(err)),
                   1);
  assert_true(chosen[1]);

  char *prefix_only[] = {"sort"};
  assert_int_equal(
      ys_select(list, n, prefix_only, 1, true, chosen, err, sizeof(err)),
      YS_EINVAL);
  assert_non_null(strstr(err, "no benchmark is named 'sort'"));

  char *none[] = {"nothing"};
  assert_int_equal(ys_select(list, n, none, 1, false, chosen, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "no benchmark matches 'nothing'"));

  /* The same rules for a single name (baseline-only benchmarks). */
  assert_true(ys_select_matches("sort/16", re, 2, false));
  assert_false(ys_select_matches("alpha", re, 2, false));
  assert_true(ys_select_matches("sort/16", exact, 1, true));
  assert_false(ys_select_matches("sort/1024", exact, 1, true));
  assert_true(ys_select_matches("anything", NULL, 0, false));

  char *bad[] = {"(unclosed"};
  assert_int_equal(ys_select(list, n, bad, 1, false, chosen, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "'(unclosed' is not a valid regular"));
  assert_false(ys_select_matches("alpha", bad, 1, false));
  free(list);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_expand_sorts_and_names_instances),
      cmocka_unit_test(test_expand_rejects_duplicates),
      cmocka_unit_test(test_expand_rejects_duplicate_args),
      cmocka_unit_test(test_expand_rejects_bad_names),
      cmocka_unit_test(test_expand_empty_chain),
      cmocka_unit_test(test_select),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
