/*
 * test_plural.c — core/plural.c: the singular for exactly one, the plural
 * for every other count (0 included), as English has it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/plural.h"

static void test_one_is_singular(void **state) {
  (void)state;
  assert_string_equal(ys_plural(1, "run", "runs"), "run");
  assert_string_equal(ys_plural(0, "run", "runs"), "runs");
  assert_string_equal(ys_plural(2, "run", "runs"), "runs");
  assert_string_equal(ys_plural(11, "benchmark was", "benchmarks were"),
                      "benchmarks were");
  assert_string_equal(ys_plural(SIZE_MAX, "call", "calls"), "calls");
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_one_is_singular)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
