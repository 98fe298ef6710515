/* Tests of the start-up checks of parameter axes (run/params.c through
 * run/registry.c): names of axes and of variants that would break
 * instance names, and ranges whose value count overflows. Each mistake
 * must be refused with YS_EINVAL and a message naming the file, line,
 * benchmark and axis, never expanded into a wrong name. The expected
 * words come from docs/authoring.md, "Limits, checked at start-up". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <yardstick.h>

#include "core/error.h"
#include "run/params.h"
#include "run/registry.h"
#include "run/select.h"

static void nothing(ys_state *state) {
  (void)state;
}

/* Expands one benchmark "b" (b.c:7) with these axes and asserts it is
 * refused with a message holding every one of `words`. */
static void assert_refused(const ys_axis *axes, size_t n_axes,
                           const char *const *words, size_t n_words) {
  ys_bench b = {.name = "b",
                .file = "b.c",
                .line = 7,
                .fn = nothing,
                .axes = axes,
                .n_axes = n_axes};
  ys_instance *list = NULL;
  size_t n = 0;
  char err[512] = "";
  int rc = ys_registry_expand(&b, &list, &n, err, sizeof(err));
  if (rc != YS_EINVAL) free(list);
  assert_int_equal(rc, YS_EINVAL);
  assert_non_null(strstr(err, "b.c:7: benchmark 'b'"));
  for (size_t i = 0; i < n_words; i++) {
    if (strstr(err, words[i]) == NULL)
      print_error("'%s' not in: %s\n", words[i], err);
    assert_non_null(strstr(err, words[i]));
  }
}

static void test_empty_axis_name_is_refused(void **unused) {
  (void)unused;
  const ys_axis axes[] = {YS_NAMED("", YS_VALUES(1, 2))};
  assert_refused(axes, 1, (const char *const[]){"axis 1", "empty name"}, 2);
}

static void test_axis_name_with_slash_is_refused(void **unused) {
  (void)unused;
  const ys_axis axes[] = {YS_VALUES(4), YS_NAMED("rows/cols", YS_VALUES(1, 2))};
  assert_refused(axes, 2, (const char *const[]){"axis 2", "'rows/cols'", "/"},
                 3);
}

static void test_duplicate_axis_names_are_refused(void **unused) {
  (void)unused;
  const ys_axis axes[] = {YS_NAMED("n", YS_VALUES(1, 2)), YS_VALUES(3),
                          YS_NAMED("n", YS_VALUES(5))};
  assert_refused(axes, 3, (const char *const[]){"axis 3", "'n'", "axis 1"}, 3);
}

static void test_bad_variant_names_are_refused(void **unused) {
  (void)unused;
  const ys_axis empty[] = {YS_VARIANTS("fast", "")};
  assert_refused(empty, 1,
                 (const char *const[]){"axis 1", "variant 2", "empty"}, 3);
  const ys_axis slash[] = {YS_VALUES(1), YS_VARIANTS("a/b")};
  assert_refused(slash, 2, (const char *const[]){"axis 2", "'a/b'", "/"}, 3);
  const ys_axis twice[] = {
      YS_NAMED("mode", YS_VARIANTS("fast", "safe", "fast"))};
  assert_refused(
      twice, 1,
      (const char *const[]){"axis 1", "'fast'", "variant 1", "variant 3"}, 4);
}

/* Unnamed axes may repeat (they name nothing), and the same name on axes
 * of two benchmarks is no clash. */
static void test_good_names_pass(void **unused) {
  (void)unused;
  const ys_axis axes[] = {YS_VALUES(1), YS_VALUES(2),
                          YS_NAMED("kind", YS_VARIANTS("a", "b"))};
  ys_bench b = {.name = "b",
                .file = "b.c",
                .line = 7,
                .fn = nothing,
                .axes = axes,
                .n_axes = 3};
  ys_instance *list = NULL;
  size_t n = 0;
  char err[512] = "";
  assert_int_equal(ys_registry_expand(&b, &list, &n, err, sizeof(err)), 0);
  assert_int_equal(n, 2);
  assert_string_equal(list[0].name, "b/1/2/kind:a");
  free(list);
}

/* Negative values expand in the order of the integers (core/names.c) and
 * the regex filter selects them by their written form, the '-' literal
 * outside brackets: "n:-8/" picks exactly the instance of -8. */
static void test_negative_values_sort_and_filter(void **unused) {
  (void)unused;
  const ys_axis axes[] = {YS_NAMED("n", YS_VALUES(2, -1, -8, 0, -10)),
                          YS_VALUES(1)};
  ys_bench b = {.name = "b",
                .file = "b.c",
                .line = 7,
                .fn = nothing,
                .axes = axes,
                .n_axes = 2};
  ys_instance *list = NULL;
  size_t n = 0;
  char err[512] = "";
  assert_int_equal(ys_registry_expand(&b, &list, &n, err, sizeof(err)), 0);
  const char *want[] = {"b/n:-10/1", "b/n:-8/1", "b/n:-1/1", "b/n:0/1",
                        "b/n:2/1"};
  assert_int_equal(n, 5);
  for (size_t i = 0; i < n; i++)
    assert_string_equal(list[i].name, want[i]);
  bool chosen[5];
  char *re[] = {"n:-8/"};
  assert_int_equal(ys_select(list, n, re, 1, false, chosen, err, sizeof(err)),
                   1);
  assert_true(chosen[1]);
  char *negative[] = {"n:-[0-9]+/"};
  assert_int_equal(
      ys_select(list, n, negative, 1, false, chosen, err, sizeof(err)), 3);
  free(list);
}

/* The whole of int64 with step 1 is 2^64 values: one more than uint64
 * holds. The count must be reported as too many, never wrap to "no
 * values". */
static void test_dense_range_over_all_of_int64_is_too_many(void **unused) {
  (void)unused;
  const ys_axis all = YS_DENSE(INT64_MIN, INT64_MAX, 1);
  size_t n = 0;
  char err[256] = "";
  assert_int_equal(ys_axis_count(&all, &n, err, sizeof(err)), YS_EINVAL);
  assert_null(strstr(err, "no values"));
  assert_non_null(strstr(err, "more than 10000"));
  /* 2^64 written out: 18446744073709551616 (the count, computed by hand:
   * (2^63 − 1) − (−2^63) + 1). */
  assert_non_null(strstr(err, "18446744073709551616"));

  /* Half of it, step 2: 2^63 values, within uint64. */
  const ys_axis half = YS_DENSE(INT64_MIN, INT64_MAX, 2);
  assert_int_equal(ys_axis_count(&half, &n, err, sizeof(err)), YS_EINVAL);
  assert_non_null(strstr(err, "9223372036854775808 values, more than 10000"));
}

/* A range's powers are never computed past the limit: the largest
 * multiplier and the largest start are counted without overflow. */
static void test_range_at_the_largest_multiplier(void **unused) {
  (void)unused;
  const ys_axis wide = YS_RANGE(2, INT64_MAX, INT64_MAX);
  size_t n = 0;
  char err[256] = "";
  assert_int_equal(ys_axis_count(&wide, &n, err, sizeof(err)), 0);
  assert_int_equal(n, 2); /* 2, then the limit */
  assert_int_equal(ys_axis_value(&wide, 0), 2);
  assert_int_equal(ys_axis_value(&wide, 1), INT64_MAX);
  const ys_axis top = YS_RANGE(INT64_MAX / 2 + 1, INT64_MAX, 3);
  assert_int_equal(ys_axis_count(&top, &n, err, sizeof(err)), 0);
  assert_int_equal(n, 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_empty_axis_name_is_refused),
      cmocka_unit_test(test_axis_name_with_slash_is_refused),
      cmocka_unit_test(test_duplicate_axis_names_are_refused),
      cmocka_unit_test(test_bad_variant_names_are_refused),
      cmocka_unit_test(test_good_names_pass),
      cmocka_unit_test(test_negative_values_sort_and_filter),
      cmocka_unit_test(test_dense_range_over_all_of_int64_is_too_many),
      cmocka_unit_test(test_range_at_the_largest_multiplier),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
