/*
 * test_support.h — assertions the tests share. cmocka 1.1.5 (Debian 12) has
 * no double-precision comparison, so this one is ours.
 */
#ifndef YS_TEST_SUPPORT_H
#define YS_TEST_SUPPORT_H

#include <math.h>

/* Fails the test unless |actual − expected| <= tolerance; prints both
 * values with full precision when it fails. Include after <cmocka.h>. */
#define assert_close(actual, expected, tolerance)                              \
  do {                                                                         \
    double ys__a = (actual), ys__e = (expected);                               \
    if (!(fabs(ys__a - ys__e) <= (tolerance))) {                               \
      print_error("%s = %.17g, expected %.17g (tolerance %g)\n", #actual,      \
                  ys__a, ys__e, (double)(tolerance));                          \
      fail();                                                                  \
    }                                                                          \
  } while (0)

#endif
