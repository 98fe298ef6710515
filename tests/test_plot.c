/*
 * test_plot.c — the chart module of the HTML report: unit scaling, tick
 * choice on planted ranges (and, over many ranges, against the definition
 * of a nice step), refusing NaN, labels that never overlap, escaping, and
 * the density's shape.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "reports/plot.h"
#include "support/render.h"

#define MU "\xc2\xb5"

static void check_scale(ys_plot_quantity q, double max_abs, const char *unit,
                        double divisor, const char *want_unit) {
  ys_plot_scale s;
  assert_int_equal(ys_plot_scale_for(q, max_abs, unit, &s), 0);
  assert_string_equal(s.unit, want_unit);
  assert_true(s.divisor == divisor);
}

/* From picoseconds to seconds: the unit keeps the largest value in
 * [1, 1000), the way a person writes it. */
static void test_scale_time_units(void **state) {
  (void)state;
  check_scale(YS_PLOT_TIME_NS, 0.5, NULL, 1e-3, "ps");
  check_scale(YS_PLOT_TIME_NS, 0.0001, NULL, 1e-3, "ps"); /* nothing smaller */
  check_scale(YS_PLOT_TIME_NS, 1, NULL, 1, "ns");
  check_scale(YS_PLOT_TIME_NS, 999, NULL, 1, "ns");
  check_scale(YS_PLOT_TIME_NS, 1000, NULL, 1e3, MU "s");
  check_scale(YS_PLOT_TIME_NS, 4.5e6, NULL, 1e6, "ms");
  check_scale(YS_PLOT_TIME_NS, 2e9, NULL, 1e9, "s");
  check_scale(YS_PLOT_TIME_NS, 3.6e12, NULL, 1e9, "s"); /* nothing larger */
  check_scale(YS_PLOT_TIME_NS, 0, NULL, 1e-3, "ps");
}

static void test_scale_counts(void **state) {
  (void)state;
  check_scale(YS_PLOT_COUNT, 999, "instructions", 1, "instructions");
  check_scale(YS_PLOT_COUNT, 1500, "instructions", 1e3, "k instructions");
  check_scale(YS_PLOT_COUNT, 2.5e6, "instructions", 1e6, "M instructions");
  check_scale(YS_PLOT_COUNT, 7e12, NULL, 1e9, "G");
  check_scale(YS_PLOT_PLAIN, 15e6, "ignored", 1e6, "M");
  check_scale(YS_PLOT_PLAIN, 10, NULL, 1, "");
}

static void test_nan_refused(void **state) {
  (void)state;
  ys_plot_scale s = {.divisor = 7};
  ys_plot_ticks t;
  assert_int_equal(ys_plot_scale_for(YS_PLOT_TIME_NS, NAN, NULL, &s),
                   YS_EINVAL);
  assert_true(s.divisor == 7); /* left alone */
  assert_int_equal(ys_plot_scale_for(YS_PLOT_TIME_NS, INFINITY, NULL, &s),
                   YS_EINVAL);
  assert_int_equal(ys_plot_ticks_for(NAN, 1, 5, &t), YS_EINVAL);
  assert_int_equal(ys_plot_ticks_for(0, NAN, 5, &t), YS_EINVAL);
  assert_int_equal(ys_plot_ticks_for(0, INFINITY, 5, &t), YS_EINVAL);
  assert_int_equal(ys_plot_ticks_for(2, 1, 5, &t), YS_EINVAL);
  assert_int_equal(ys_plot_ticks_for(0, 1, 1, &t), YS_EINVAL);
  double v[] = {1, NAN, 3}, xs[4], ys[4];
  assert_int_equal(ys_plot_density(v, 3, 0, 4, xs, ys, 4), YS_EINVAL);
}

/* A chart with a NaN in an axis range is refused with a message naming
 * the axis, before a byte is written. */
static void write_nan_chart(FILE *out, void *arg) {
  (void)arg;
  ys_plot p;
  ys_plot_axis x = {"x", YS_PLOT_PLAIN, NULL, 0, 10};
  ys_plot_axis y = {"y", YS_PLOT_TIME_NS, NULL, 0, NAN};
  char err[128] = "";
  assert_int_equal(
      ys_plot_begin(&p, out, 480, 240, "chart", &x, &y, err, sizeof(err)),
      YS_EINVAL);
  assert_non_null(strstr(err, "y axis"));
}

static void test_nan_chart_writes_nothing(void **state) {
  (void)state;
  char *text = ys_test_capture(write_nan_chart, NULL);
  assert_string_equal(text, "");
  free(text);
}

static void check_ticks(double lo, double hi, size_t target, double want_lo,
                        double want_hi, double want_step, size_t want_n,
                        int want_decimals) {
  ys_plot_ticks t;
  assert_int_equal(ys_plot_ticks_for(lo, hi, target, &t), 0);
  assert_float_equal(t.lo, want_lo, 1e-12);
  assert_float_equal(t.hi, want_hi, 1e-12);
  assert_float_equal(t.step, want_step, 1e-12);
  assert_int_equal(t.n, want_n);
  assert_int_equal(t.decimals, want_decimals);
}

/* Planted ranges, the expected ticks worked out by hand: the raw step is
 * (hi - lo) / target, rounded up to 1, 2 or 5 × 10^k, the range widened
 * to whole steps, and the next nice step taken when that widening needs
 * more than `target` intervals. */
static void test_ticks_planted(void **state) {
  (void)state;
  /* raw 10/5 = 2 → step 2; 0, 2, ..., 10. */
  check_ticks(0, 10, 5, 0, 10, 2, 6, 0);
  /* raw 0.74/6 = 0.123 → 0.2; floor(0.13/0.2) = 0, ceil(0.87/0.2) = 5. */
  check_ticks(0.13, 0.87, 6, 0, 1, 0.2, 6, 1);
  /* raw 10.9/5 = 2.18 → 5; -5, 0, 5, 10. */
  check_ticks(-3.2, 7.7, 5, -5, 10, 5, 4, 0);
  /* raw 120/6 = 20 → 20; 240 to 360 in 7 ticks. */
  check_ticks(240, 360, 6, 240, 360, 20, 7, 0);
  /* raw 0.9/5 = 0.18 → 0.2, but 0.15..1.05 widens to 0..1.2, 6 intervals:
   * the next step, 0.5, gives 0..1.5 in 3. */
  check_ticks(0.15, 1.05, 5, 0, 1.5, 0.5, 4, 1);
  /* A tiny range far from zero: raw 0.00005/5 = 1e-5 → 1e-5. */
  check_ticks(1.00001, 1.00006, 5, 1.00001, 1.00006, 1e-5, 6, 5);
}

/* One value, and all values equal: widened by 5 % each way (by 1 around
 * zero), so there is still an axis with the value inside it. */
static void test_ticks_one_value(void **state) {
  (void)state;
  ys_plot_ticks t;
  assert_int_equal(ys_plot_ticks_for(250, 250, 6, &t), 0);
  assert_true(t.lo <= 237.5 && t.hi >= 262.5);
  assert_true(t.n >= 2 && t.n <= 8);
  assert_int_equal(ys_plot_ticks_for(0, 0, 6, &t), 0);
  assert_true(t.lo <= -1 && t.hi >= 1);
  char buf[32];
  /* -1, 0 or -0.5 ... 1: the zero tick never reads "-0". */
  for (size_t i = 0; i < t.n; i++)
    assert_string_not_equal(ys_plot_tick_label(&t, i, buf, sizeof(buf)), "-0");
}

/* Whether s is 1, 2 or 5 times a power of ten. */
static bool is_nice(double s) {
  double m = s / pow(10, floor(log10(s) + 1e-9));
  return fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 || fabs(m - 5) < 1e-6;
}

/* The step below s in the 1-2-5 sequence. */
static double smaller_nice(double s) {
  double e = pow(10, floor(log10(s) + 1e-9));
  double m = s / e;
  if (fabs(m - 1) < 1e-6) return 0.5 * e;
  if (fabs(m - 2) < 1e-6) return e;
  return 2 * e;
}

/* Ranges over 18 decades, each checked against the definition itself: a
 * nice step, every value covered, at most `target` intervals, and the
 * next smaller nice step, widened to its whole steps, would need more than
 * `target`. */
static void test_ticks_definition(void **state) {
  (void)state;
  unsigned seed = 12345;
  for (int k = 0; k < 2000; k++) {
    seed = seed * 1103515245u + 12345u;
    double decade = pow(10, (int)(seed >> 8) % 18 - 6);
    seed = seed * 1103515245u + 12345u;
    double a = decade * ((seed >> 8) % 10000) / 1000.0;
    seed = seed * 1103515245u + 12345u;
    double b = a + decade * (1 + (seed >> 8) % 10000) / 1000.0;
    size_t target = 2 + (size_t)(seed % 19);
    ys_plot_ticks t;
    assert_int_equal(ys_plot_ticks_for(a, b, target, &t), 0);
    assert_true(is_nice(t.step));
    double slack = t.step * 1e-6;
    assert_true(t.lo <= a + slack && t.hi >= b - slack);
    assert_true(t.n - 1 <= target);
    double smaller = smaller_nice(t.step);
    assert_true(ceil(b / smaller - 1e-9) - floor(a / smaller + 1e-9) >
                (double)target);
    assert_float_equal(ys_plot_tick_value(&t, t.n - 1), t.hi, slack);
  }
}

static void test_tick_labels(void **state) {
  (void)state;
  ys_plot_ticks t;
  assert_int_equal(ys_plot_ticks_for(0, 0.3, 3, &t), 0); /* step 0.1 */
  char buf[32];
  /* 0.1 × 3 in binary is 0.30000000000000004: the label is still "0.3". */
  assert_string_equal(ys_plot_tick_label(&t, 3, buf, sizeof(buf)), "0.3");
  assert_true(ys_plot_tick_value(&t, 3) == 0.3);
}

/* Drawn labels never overlap: label i's extent is its character count ×
 * 0.6 em (the module's own estimate, restated here), and between two
 * drawn neighbours' centres must fit half of each and the gap. The stride
 * is the smallest of 1, 2, 5, 10, ... that gives that. */
static void test_labels_never_overlap(void **state) {
  (void)state;
  const double font = 12, gap = 6;
  ys_plot_ticks t;
  /* 11 labels of 7 characters ("1000000") on axes from 900 px down to 60. */
  assert_int_equal(ys_plot_ticks_for(0, 1e6, 10, &t), 0);
  assert_int_equal(t.n, 11);
  size_t last_stride = 0;
  for (double axis = 900; axis >= 60; axis -= 20) {
    size_t k = ys_plot_label_stride(&t, axis, false, font, gap);
    double spacing = axis / (double)(t.n - 1);
    for (size_t i = 0; i + k < t.n; i += k) {
      char a[32], b[32];
      double wa =
          ceil(strlen(ys_plot_tick_label(&t, i, a, sizeof(a))) * 0.6 * font);
      double wb = ceil(strlen(ys_plot_tick_label(&t, i + k, b, sizeof(b))) *
                       0.6 * font);
      assert_true(spacing * (double)k >= (wa + wb) / 2 + gap);
    }
    /* A narrower axis never draws more labels. */
    assert_true(k >= last_stride);
    last_stride = k;
  }
  /* Wide enough: every label. 900 px / 10 = 90 px per tick, labels 51 px. */
  assert_int_equal(ys_plot_label_stride(&t, 900, false, font, gap), 1);
  /* 200 px: 20 px per tick; two labels need 51 + 6 = 57 px, so a stride
   * of 5 (100 px) is the first that fits. */
  assert_int_equal(ys_plot_label_stride(&t, 200, false, font, gap), 5);
  /* Vertically a label takes the font's height: 11 ticks on 150 px give
   * 15 px each, 12 + 6 = 18 px needed, so every second. */
  assert_int_equal(ys_plot_label_stride(&t, 150, true, font, gap), 2);
}

/* The x labels a whole chart writes, read back from its SVG: no two of
 * them overlap at the chart's own positions. */
static void write_narrow_chart(FILE *out, void *arg) {
  (void)arg;
  ys_plot p;
  ys_plot_axis x = {"iterations", YS_PLOT_PLAIN, NULL, 0, 987654};
  ys_plot_axis y = {"time", YS_PLOT_TIME_NS, NULL, 0, 2.5e6};
  assert_int_equal(ys_plot_begin(&p, out, 160, 120, "narrow", &x, &y, NULL, 0),
                   0);
  ys_plot_end(&p);
}

static void test_chart_labels_do_not_overlap(void **state) {
  (void)state;
  char *svg = ys_test_capture(write_narrow_chart, NULL);
  double prev_right = -1e9;
  size_t n = 0;
  const char *ticks = strstr(svg, "<g class=\"ticks\">");
  assert_non_null(ticks);
  const char *end = strstr(ticks, "</g>");
  assert_non_null(end);
  for (const char *p = ticks;
       (p = strstr(p, "text-anchor=\"middle\">")) != NULL && p < end; n++) {
    /* Back to the x="…" of this <text>. */
    const char *x = p;
    while (x > ticks && strncmp(x, " x=\"", 4) != 0)
      x--;
    double cx = strtod(x + 4, NULL);
    p += strlen("text-anchor=\"middle\">");
    size_t chars = strcspn(p, "<");
    double w = ceil((double)chars * 0.6 * 12);
    assert_true(cx - w / 2 >= prev_right);
    prev_right = cx + w / 2;
  }
  assert_true(n >= 1);
  /* The axis titles carry the units: k iterations, ms. */
  assert_non_null(strstr(svg, "iterations (k)"));
  assert_non_null(strstr(svg, "time (ms)"));
  free(svg);
}

static void write_escaped(FILE *out, void *arg) {
  ys_plot_escape(out, arg);
}

static void test_escape(void **state) {
  (void)state;
  char *text = ys_test_capture(write_escaped,
                               "<a href=\"x\">&'</a>\x1b[2J\x7f ok \xc2\xb5");
  assert_string_equal(text, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
                            "\\x1b[2J\\x7f ok \xc2\xb5");
  free(text);
  /* Bytes that start no valid UTF-8 sequence (a stray 0xff, a lone
   * continuation byte, a sequence cut short) would make the page
   * ill-formed: each is escaped, the valid characters around them kept. */
  text =
      ys_test_capture(write_escaped, "bad\xff\xfe \x80\xe2\x82 \xe2\x82\xac");
  assert_string_equal(text, "bad\\xff\\xfe \\x80\\xe2\\x82 \xe2\x82\xac");
  free(text);
}

/* A density integrates to 1 (trapezoid rule over a range well past the
 * values), peaks at a single value, and is symmetric around the middle
 * of symmetric values. */
static void test_density_shape(void **state) {
  (void)state;
  enum { M = 2001 };
  static double xs[M], ys[M];
  double v[] = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
  assert_int_equal(ys_plot_density(v, 11, -20, 50, xs, ys, M), 0);
  double area = 0;
  for (size_t i = 1; i < M; i++)
    area += (xs[i] - xs[i - 1]) * (ys[i] + ys[i - 1]) / 2;
  assert_float_equal(area, 1, 1e-6);
  /* xs[1000] is 15, the middle: mirror points agree. */
  assert_float_equal(xs[1000], 15, 1e-9);
  for (size_t i = 0; i < 1000; i += 50)
    assert_float_equal(ys[1000 - i], ys[1000 + i], 1e-12);

  double one = 100;
  assert_int_equal(ys_plot_density(&one, 1, 90, 110, xs, ys, 201), 0);
  size_t peak = 0;
  for (size_t i = 1; i < 201; i++)
    if (ys[i] > ys[peak]) peak = i;
  assert_float_equal(xs[peak], 100, 1e-9);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_scale_time_units),
      cmocka_unit_test(test_scale_counts),
      cmocka_unit_test(test_nan_refused),
      cmocka_unit_test(test_nan_chart_writes_nothing),
      cmocka_unit_test(test_ticks_planted),
      cmocka_unit_test(test_ticks_one_value),
      cmocka_unit_test(test_ticks_definition),
      cmocka_unit_test(test_tick_labels),
      cmocka_unit_test(test_labels_never_overlap),
      cmocka_unit_test(test_chart_labels_do_not_overlap),
      cmocka_unit_test(test_escape),
      cmocka_unit_test(test_density_shape),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
