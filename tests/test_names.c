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

/* Negative parameter values (YS_VALUES(-8, -1, 0, 3), YS_DENSE(-5, ...))
 * sort by value: the expected orders are those of the integers, written
 * out by hand. A dash inside a word is text, not a sign. */
static void test_negative_numbers_by_value(void **unused) {
  (void)unused;
  expect_order("n:-8", "n:-1", -1);
  expect_order("sort/-8", "sort/-1", -1);
  expect_order("sort/-10", "sort/-9", -1);
  expect_order("sort/-1", "sort/0", -1);
  expect_order("sort/-1", "sort/1", -1);
  expect_order("sort/-0", "sort/0", -1);
  expect_order("m/-3/x", "m/-3/y", -1);
  expect_order("m/a:-2/b:-7", "m/a:-2/b:-6", -1);
  /* A negative number sorts before a plain dash, after nothing else. */
  expect_order("sort/-1", "sort/-x", -1);
  expect_order("sort/-x", "sort/0", -1);
  /* Text dashes: "x-8" is x, '-', 8, compared as text then by value. */
  expect_order("x-1", "x-8", -1);
  expect_order("v1-10", "v1-9", 1);
  expect_order("-", "-1", 1);
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

/* A list over a dense range around zero, shuffled, sorts into the order
 * of the integers -10, -8, -1, 0, 2, 16 (by hand). */
static void test_sorts_negative_args_naturally(void **unused) {
  (void)unused;
  const char *names[] = {"d/n:0",  "d/n:-1", "d/n:16",
                         "d/n:-8", "d/n:2",  "d/n:-10"};
  const char *want[] = {"d/n:-10", "d/n:-8", "d/n:-1",
                        "d/n:0",   "d/n:2",  "d/n:16"};
  qsort(names, 6, sizeof(names[0]), by_name);
  for (size_t i = 0; i < 6; i++)
    assert_string_equal(names[i], want[i]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_negative_numbers_by_value),
      cmocka_unit_test(test_sorts_negative_args_naturally),
      cmocka_unit_test(test_numbers_by_value),
      cmocka_unit_test(test_text_bytewise),
      cmocka_unit_test(test_total_order),
      cmocka_unit_test(test_sorts_args_naturally),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
