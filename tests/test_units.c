/*
 * test_units.c — exact strings for every formatter, with the unit
 * boundaries where rounding decides the unit, and the verdict helpers.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "reports/units.h"

#define MU "\xc2\xb5"

static void check_duration(double ns, const char *want) {
  char buf[YS_UNITS_BUF];
  assert_string_equal(ys_units_duration(ns, buf, sizeof(buf)), want);
}

static void test_duration_units(void **state) {
  (void)state;
  check_duration(0.3124, "312.4 ps");
  check_duration(0.03124, "31.24 ps");
  check_duration(3.124, "3.124 ns");
  check_duration(31.24, "31.24 ns");
  check_duration(312.4, "312.4 ns");
  check_duration(30120.0, "30.12 " MU "s");
  check_duration(4.5e6, "4.500 ms");
  check_duration(1e9, "1.000 s");
  check_duration(61.5e9, "61.50 s");
}

static void test_duration_boundaries(void **state) {
  (void)state;
  /* The unit follows the rounded value, never "1000 ns" or "1000. ns". */
  check_duration(999.94, "999.9 ns");
  check_duration(999.96, "1.000 " MU "s");
  check_duration(1000.0, "1.000 " MU "s");
  check_duration(0.99994, "999.9 ps");
  check_duration(0.99996, "1.000 ns");
  check_duration(999996.0, "1.000 ms");
  check_duration(999999600.0, "1.000 s");
  /* Rounding inside a unit moves the point: 9.9996 → 10.00. */
  check_duration(9.9996, "10.00 ns");
  check_duration(99.996, "100.0 ns");
  check_duration(12.3456, "12.35 ns");
}

static void test_duration_extremes(void **state) {
  (void)state;
  check_duration(0.0, "0.000 ns");
  check_duration(-0.0, "0.000 ns");
  check_duration(-1500.0, "-1.500 " MU "s");
  check_duration(-0.25, "-250.0 ps");
  check_duration(0.0005, "0.5000 ps");
  check_duration(3600e9, "3600 s");
  check_duration(12345.6e9, "12346 s");
  check_duration(NAN, "n/a");
  check_duration(INFINITY, "n/a");
  check_duration(-INFINITY, "n/a");
}

static void test_duration_truncates(void **state) {
  (void)state;
  char buf[6];
  assert_string_equal(ys_units_duration(30120.0, buf, sizeof(buf)), "30.12");
  char one[1] = {'x'};
  assert_string_equal(ys_units_duration(1.0, one, sizeof(one)), "");
}

static void check_bytes(double v, const char *want) {
  char buf[YS_UNITS_BUF];
  assert_string_equal(ys_units_bytes_rate(v, buf, sizeof(buf)), want);
}

static void test_bytes_rate(void **state) {
  (void)state;
  check_bytes(0.0, "0.000 B/s");
  check_bytes(0.5, "0.5000 B/s");
  check_bytes(512.0, "512.0 B/s");
  check_bytes(1000.0, "1000 B/s");
  check_bytes(1023.0, "1023 B/s");
  /* 1023.6 rounds to 1024: the next unit, as "1.000". */
  check_bytes(1023.6, "1.000 KiB/s");
  check_bytes(1024.0, "1.000 KiB/s");
  check_bytes(1536.0, "1.500 KiB/s");
  check_bytes(3.0 * 1024 * 1024, "3.000 MiB/s");
  check_bytes(3.125 * 1024 * 1024 * 1024, "3.125 GiB/s");
  check_bytes(2.0 * 1024 * 1024 * 1024 * 1024, "2.000 TiB/s");
  /* No unit above TiB: the number grows instead. */
  check_bytes(2048.0 * 1024 * 1024 * 1024 * 1024, "2048 TiB/s");
  check_bytes(-1536.0, "-1.500 KiB/s");
  check_bytes(NAN, "n/a");
  check_bytes(INFINITY, "n/a");
}

static void check_elements(double v, const char *want) {
  char buf[YS_UNITS_BUF];
  assert_string_equal(ys_units_elements_rate(v, buf, sizeof(buf)), want);
}

static void test_elements_rate(void **state) {
  (void)state;
  check_elements(0.0, "0.000 elem/s");
  check_elements(12.5, "12.50 elem/s");
  check_elements(999.96, "1.000 Kelem/s");
  check_elements(12.5e6, "12.50 Melem/s");
  check_elements(7.25e9, "7.250 Gelem/s");
  check_elements(4.2e12, "4200 Gelem/s");
  check_elements(-INFINITY, "n/a");
}

static void check_count(int64_t n, const char *want) {
  char buf[YS_UNITS_BUF];
  assert_string_equal(ys_units_count(n, buf, sizeof(buf)), want);
}

static void test_count(void **state) {
  (void)state;
  check_count(0, "0");
  check_count(7, "7");
  check_count(999, "999");
  check_count(1000, "1,000");
  check_count(1234567, "1,234,567");
  check_count(-1000, "-1,000");
  check_count(-999, "-999");
  check_count(INT64_MAX, "9,223,372,036,854,775,807");
  check_count(INT64_MIN, "-9,223,372,036,854,775,808");
}

static void check_quantity(double v, const char *unit, const char *want) {
  char buf[YS_UNITS_BUF];
  assert_string_equal(ys_units_quantity(v, unit, buf, sizeof(buf)), want);
}

static void test_quantity(void **state) {
  (void)state;
  check_quantity(12.5, "instructions", "12.50 instructions");
  check_quantity(999.94, "cycles", "999.9 cycles");
  check_quantity(999.96, "cycles", "1,000 cycles");
  check_quantity(1234567.4, "instructions", "1,234,567 instructions");
  check_quantity(-2500.0, "B", "-2,500 B");
  check_quantity(0.0, "allocations", "0 allocations");
  check_quantity(0.5, NULL, "0.5000");
  check_quantity(42.0, "", "42");
  check_quantity(100.0, "instructions", "100 instructions");
  check_quantity(100.25, "instructions", "100.2 instructions");
  check_quantity(1e20, "x", "1.000e+20 x");
  check_quantity(NAN, "cycles", "n/a");
}

static void check_percent(double ratio, int decimals, bool sign,
                          const char *want) {
  char buf[YS_UNITS_BUF];
  assert_string_equal(ys_units_percent(ratio, decimals, sign, buf, sizeof(buf)),
                      want);
}

static void test_percent(void **state) {
  (void)state;
  check_percent(0.0521, 2, true, "+5.21 %");
  check_percent(0.0521, 2, false, "5.21 %");
  check_percent(-0.0521, 2, true, "-5.21 %");
  check_percent(-0.0521, 2, false, "-5.21 %");
  check_percent(0.0, 2, true, "+0.00 %");
  check_percent(0.0, 2, false, "0.00 %");
  /* Rounds to zero: no minus sign. */
  check_percent(-0.00001, 2, true, "+0.00 %");
  check_percent(-0.00001, 2, false, "0.00 %");
  check_percent(0.3, 0, false, "30 %");
  check_percent(1.0, 1, false, "100.0 %");
  check_percent(0.123456, 12, false, "12.345600000 %");
  check_percent(0.5, -3, true, "+50 %");
  check_percent(NAN, 2, true, "n/a");
  check_percent(INFINITY, 2, false, "n/a");
  /* A band from an absurd history: its magnitude, and the '%' kept. */
  check_percent(4.6169e298, 2, false, "4.62e+300 %");
  check_percent(-12345.678, 2, true, "-1.23e+06 %");
  check_percent(9999.99, 2, false, "999999.00 %");
}

static void check_p(double p, const char *want) {
  char buf[YS_UNITS_BUF];
  assert_string_equal(ys_units_p_value(p, buf, sizeof(buf)), want);
}

static void test_p_value(void **state) {
  (void)state;
  check_p(0.004, "0.004");
  check_p(0.0397, "0.040");
  check_p(1.0, "1.000");
  check_p(0.5, "0.500");
  /* Would print "0.000": said as a bound instead. */
  check_p(0.0004, "< 0.001");
  check_p(5.4e-6, "< 0.001");
  check_p(0.0, "< 0.001");
  check_p(0.0006, "0.001");
  check_p(NAN, "n/a");
}

static void test_verdict_has_change(void **state) {
  (void)state;
  assert_true(ys_units_verdict_has_change(YS_VERDICT_UNCHANGED));
  assert_true(ys_units_verdict_has_change(YS_VERDICT_IMPROVED));
  assert_true(ys_units_verdict_has_change(YS_VERDICT_REGRESSED));
  assert_true(ys_units_verdict_has_change(YS_VERDICT_INCONCLUSIVE));
  assert_false(ys_units_verdict_has_change(YS_VERDICT_NEW));
  assert_false(ys_units_verdict_has_change(YS_VERDICT_MISSING));
  assert_false(ys_units_verdict_has_change(YS_VERDICT_NOT_COMPARED));
}

static void test_verdict_counts(void **state) {
  (void)state;
  char buf[YS_UNITS_BUF * 4];
  size_t n[YS_VERDICT_COUNT] = {0};
  assert_string_equal(ys_units_verdict_counts(n, buf, sizeof(buf)),
                      "nothing compared");
  n[YS_VERDICT_UNCHANGED] = 37;
  n[YS_VERDICT_IMPROVED] = 1;
  n[YS_VERDICT_REGRESSED] = 2;
  assert_string_equal(ys_units_verdict_counts(n, buf, sizeof(buf)),
                      "2 regressed, 1 improved, 37 unchanged");
  /* Every verdict, in the fixed order whatever the enum's. */
  for (size_t v = 0; v < YS_VERDICT_COUNT; v++)
    n[v] = v + 1;
  assert_string_equal(
      ys_units_verdict_counts(n, buf, sizeof(buf)),
      "3 regressed, 4 inconclusive, 2 improved, 1 unchanged, 5 new, "
      "6 missing, 7 not compared");
  /* Cut like snprintf when the buffer is short. */
  char small[12];
  assert_string_equal(ys_units_verdict_counts(n, small, sizeof(small)),
                      "3 regressed");
  char tiny[5];
  assert_string_equal(ys_units_verdict_counts(n, tiny, sizeof(tiny)), "3 re");
}

static void test_threshold(void **state) {
  (void)state;
  char buf[YS_UNITS_BUF];
  assert_string_equal(ys_units_threshold(0.05, buf, sizeof(buf)), "5 %");
  assert_string_equal(ys_units_threshold(0.025, buf, sizeof(buf)), "2.5 %");
  assert_string_equal(ys_units_threshold(0.1234, buf, sizeof(buf)), "12.34 %");
  /* --gate D1mr:0.0001 is not a gate of 0.000 %. */
  assert_string_equal(ys_units_threshold(0.000001, buf, sizeof(buf)),
                      "0.0001 %");
  assert_string_equal(ys_units_threshold(0.0000012345, buf, sizeof(buf)),
                      "0.000123 %");
  assert_string_equal(ys_units_threshold(0.12345678, buf, sizeof(buf)),
                      "12.346 %");
  assert_string_equal(ys_units_threshold(1.0 / 300.0, buf, sizeof(buf)),
                      "0.333 %");
  assert_string_equal(ys_units_threshold(1e-14, buf, sizeof(buf)), "1e-12 %");
}

/* "unchanged" with an interval wholly on one side of 0 moved measurably,
 * within the threshold; one whose interval holds 0, or an exact count, or
 * another verdict, is not so qualified. */
static void test_within_threshold(void **state) {
  (void)state;
  ys_comparison c = {.verdict = YS_VERDICT_UNCHANGED,
                     .threshold = 0.05,
                     .change = 0.039,
                     .change_ci = {0.039, 0.023, 0.073}};
  assert_true(ys_units_within_threshold(&c));
  c.change_ci = (ys_estimate){-0.039, -0.06, -0.01};
  assert_true(ys_units_within_threshold(&c));
  c.change_ci = (ys_estimate){0.01, -0.01, 0.03};
  assert_false(ys_units_within_threshold(&c));
  c.change_ci = (ys_estimate){0.039, 0.023, 0.073};
  c.exact = true;
  assert_false(ys_units_within_threshold(&c));
  c.exact = false;
  c.verdict = YS_VERDICT_INCONCLUSIVE;
  assert_false(ys_units_within_threshold(&c));
}

/* A band of the baseline's history decides when it is wider than the
 * threshold, and only for a figure that is not an exact count; with no
 * run in the history at all there is nothing to say about it. */
static void test_band_decides(void **state) {
  (void)state;
  char buf[256];
  ys_comparison c = {.verdict = YS_VERDICT_UNCHANGED,
                     .threshold = 0.05,
                     .band_checked = true,
                     .band = 1.5826,
                     .band_runs = 6};
  assert_true(ys_units_band_decides(&c));
  c.band = 0.03; /* narrower than the threshold: the threshold decides */
  assert_false(ys_units_band_decides(&c));
  c.band = 1.5826;
  c.exact = true;
  assert_false(ys_units_band_decides(&c));
  c.exact = false;
  c.band_checked = false;
  assert_false(ys_units_band_decides(&c));
  c.band_checked = true;
  c.band = NAN;
  c.band_runs = 3;
  assert_string_equal(ys_units_band(&c, buf, sizeof(buf)),
                      "not yet available (3 of 5 runs in the baseline's "
                      "history)");
  c.band_runs = 0;
  assert_string_equal(ys_units_band(&c, buf, sizeof(buf)), "");
}

/* The reason of each doubt, and the advice that settles it: a number of
 * rounds when it is within reason, another setup when it is not. */
static void test_doubt(void **state) {
  (void)state;
  char buf[512];
  ys_comparison c = {.verdict = YS_VERDICT_INCONCLUSIVE,
                     .doubt = YS_DOUBT_UNSUPPORTED,
                     .threshold = 0.05,
                     .settle_rounds = 40};
  assert_string_equal(
      ys_units_doubt(&c, buf, sizeof(buf)),
      "the change crosses 5 % but its interval reaches 0; "
      "about 40 rounds a side would settle it (--rounds 40 here "
      "and in the baseline)");
  c.doubt = YS_DOUBT_TOO_WIDE;
  c.threshold = 0.025;
  c.settle_rounds = 0;
  assert_string_equal(ys_units_doubt(&c, buf, sizeof(buf)),
                      "its interval reaches more than 2.5 % beyond the change "
                      "on both sides; more rounds would not settle it: rerun "
                      "on a quieter machine");
  c.doubt = YS_DOUBT_FEW_ROUNDS;
  c.settle_rounds = 6;
  assert_string_equal(
      ys_units_doubt(&c, buf, sizeof(buf)),
      "the change crosses 2.5 % on too few rounds to back it; "
      "about 6 rounds a side would settle it (--rounds 6 here and "
      "in the baseline)");
  /* Nothing for a verdict that is not in doubt, and cut when short. */
  c.verdict = YS_VERDICT_REGRESSED;
  assert_string_equal(ys_units_doubt(&c, buf, sizeof(buf)), "");
  c.verdict = YS_VERDICT_INCONCLUSIVE;
  char small[11];
  assert_string_equal(ys_units_doubt(&c, small, sizeof(small)), "the change");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_duration_units),
      cmocka_unit_test(test_duration_boundaries),
      cmocka_unit_test(test_duration_extremes),
      cmocka_unit_test(test_duration_truncates),
      cmocka_unit_test(test_bytes_rate),
      cmocka_unit_test(test_elements_rate),
      cmocka_unit_test(test_count),
      cmocka_unit_test(test_quantity),
      cmocka_unit_test(test_percent),
      cmocka_unit_test(test_p_value),
      cmocka_unit_test(test_verdict_has_change),
      cmocka_unit_test(test_verdict_counts),
      cmocka_unit_test(test_threshold),
      cmocka_unit_test(test_doubt),
      cmocka_unit_test(test_within_threshold),
      cmocka_unit_test(test_band_decides),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
