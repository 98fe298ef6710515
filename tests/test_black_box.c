/* Tests of ys_black_box (include/yardstick.h) on the kinds of value a
 * benchmark hands it: it must compile for each (every warning an error)
 * and give back the value unchanged. An array or a function comes back as
 * a pointer to it, as when passed to a function; a const value, a struct
 * and a string literal are copied. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <yardstick.h>

typedef struct point {
  int x, y;
} point;

static int answer(void) {
  return 42;
}

static void scalars_come_back_unchanged(void **unused) {
  (void)unused;
  const int c = 7;
  volatile double d = 2.5;
  assert_int_equal(ys_black_box(c), 7);
  assert_true(ys_black_box(d) == 2.5);
  assert_int_equal(ys_black_box(c * 6), 42);
}

static void an_array_comes_back_as_its_address(void **unused) {
  (void)unused;
  unsigned char buf[64];
  memset(buf, 0xab, sizeof(buf));
  unsigned char *p = ys_black_box(buf);
  assert_ptr_equal(p, buf);
  assert_int_equal(p[63], 0xab);
  const char *s = ys_black_box("text");
  assert_string_equal(s, "text");
}

static void structs_and_functions(void **unused) {
  (void)unused;
  point pt = {3, 4};
  point back = ys_black_box(pt);
  assert_int_equal(back.x, 3);
  assert_int_equal(back.y, 4);
  int (*fn)(void) = ys_black_box(answer);
  assert_int_equal(fn(), 42);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(scalars_come_back_unchanged),
      cmocka_unit_test(an_array_comes_back_as_its_address),
      cmocka_unit_test(structs_and_functions),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
