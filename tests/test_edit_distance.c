/*
 * test_edit_distance.c — core/edit_distance.c: insertions, deletions,
 * substitutions and swaps of adjacent characters count one each; the
 * distance is symmetric, zero only between equal strings, and bounded by
 * the longer length.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/edit_distance.h"

static void test_single_edits(void **state) {
  (void)state;
  assert_int_equal(ys_edit_distance("instructions", "instructions"), 0);
  assert_int_equal(ys_edit_distance("instructons", "instructions"), 1);
  assert_int_equal(ys_edit_distance("instructionss", "instructions"), 1);
  assert_int_equal(ys_edit_distance("instructiens", "instructions"), 1);
  /* A swap of two adjacent characters is one edit, not two. */
  assert_int_equal(ys_edit_distance("isntructions", "instructions"), 1);
  assert_int_equal(ys_edit_distance("D1rm", "D1mr"), 1);
  /* Case counts. */
  assert_int_equal(ys_edit_distance("d1mr", "D1mr"), 1);
}

static void test_several_edits_and_empty_strings(void **state) {
  (void)state;
  assert_int_equal(ys_edit_distance("", ""), 0);
  assert_int_equal(ys_edit_distance("", "time"), 4);
  assert_int_equal(ys_edit_distance("time", ""), 4);
  assert_int_equal(ys_edit_distance("kitten", "sitting"), 3);
  assert_int_equal(ys_edit_distance("tries", "frees"), 2);
  /* Optimal string alignment: a swapped pair is not edited again, so
   * "ca" → "abc" is 3 (Damerau–Levenshtein proper would give 2). */
  assert_int_equal(ys_edit_distance("ca", "abc"), 3);
}

static void test_symmetric(void **state) {
  (void)state;
  const char *words[] = {"",
                         "time",
                         "cpu_time",
                         "latency_p99.9",
                         "latency_p999",
                         "branch-misses",
                         "ab",
                         "ba"};
  size_t n = sizeof(words) / sizeof(words[0]);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      size_t d = ys_edit_distance(words[i], words[j]);
      assert_int_equal(d, ys_edit_distance(words[j], words[i]));
      assert_true((d == 0) == (strcmp(words[i], words[j]) == 0));
      size_t longer = strlen(words[i]) > strlen(words[j]) ? strlen(words[i])
                                                          : strlen(words[j]);
      assert_true(d <= longer);
    }
}

static void test_long_strings_compare_their_prefix(void **state) {
  (void)state;
  char a[YS_EDIT_DISTANCE_MAX_LEN + 40], b[YS_EDIT_DISTANCE_MAX_LEN + 40];
  memset(a, 'x', sizeof(a) - 1);
  a[sizeof(a) - 1] = '\0';
  memcpy(b, a, sizeof(b));
  b[sizeof(b) - 2] = 'y'; /* beyond the prefix compared */
  assert_int_equal(ys_edit_distance(a, b), 0);
  b[0] = 'y';
  assert_int_equal(ys_edit_distance(a, b), 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_single_edits),
      cmocka_unit_test(test_several_edits_and_empty_strings),
      cmocka_unit_test(test_symmetric),
      cmocka_unit_test(test_long_strings_compare_their_prefix),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
