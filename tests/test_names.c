/* Tests of core/names.c: the natural order of benchmark names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/names.h"

static int sign(int v) {
  return (v > 0) - (v < 0);
}

static void expect_order(const char *a, const char *b, int want) {
  int got = sign(ys_name_compare(a, b));
  if (got != want) print_error("'%s' vs '%s': %d, want %d\n", a, b, got, want);
  assert_int_equal(got, want);
  assert_int_equal(sign(ys_name_compare(b, a)), -want);
}

static void test_numbers_by_value(void **state) {
  (void)state;
  expect_order("hash/16", "hash/1024", -1);
  expect_order("hash/64", "hash/4096", -1);
  expect_order("hash/9", "hash/10", -1);
  expect_order("a2b10", "a2b9", 1);
  expect_order("x/99999999999999999999999", "x/100000000000000000000000", -1);
}

static void test_text_bytewise(void **state) {
  (void)state;
  expect_order("memcpy/64", "memmove/64", -1);
  expect_order("sort", "sort/16", -1);
  expect_order("Z", "a", -1);
  expect_order("", "a", -1);
  expect_order("same", "same", 0);
  expect_order("v1.2", "v1.10", -1);
}

/* Only identical names are equal, so sorted lists with distinct names
 * stay strictly ordered. */
static void test_total_order(void **state) {
  (void)state;
  expect_order("a07", "a7", -1);
  expect_order("a007", "a07", -1);
  assert_int_equal(ys_name_compare("a7", "a7"), 0);
}

static int by_name(const void *a, const void *b) {
  return ys_name_compare(*(const char *const *)a, *(const char *const *)b);
}

static void test_sorts_args_naturally(void **state) {
  (void)state;
  const char *names[] = {"memcpy/65536", "hash/1024",   "memcpy/64",
                         "hash/16",      "memcpy/4096", "empty_loop"};
  const char *want[] = {"empty_loop", "hash/16",     "hash/1024",
                        "memcpy/64",  "memcpy/4096", "memcpy/65536"};
  qsort(names, 6, sizeof(names[0]), by_name);
  for (size_t i = 0; i < 6; i++)
    assert_string_equal(names[i], want[i]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_numbers_by_value),
      cmocka_unit_test(test_text_bytewise),
      cmocka_unit_test(test_total_order),
      cmocka_unit_test(test_sorts_args_naturally),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
