/*
 * test_history_chart.c — the trend chart of a baseline's history
 * (reports/history_chart.h) on planted histories of known values: one
 * marker per run and one faint dot per round (a far outlier left off),
 * the noise band's rectangle spanning exactly the values the band gives,
 * names and commits escaped, exact counts and short histories without a
 * band, this run appended as the last point, and the page with one chart
 * per benchmark.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "reports/history_chart.h"
#include "support/render.h"

#define N_RUNS   6
#define N_ROUNDS 3

/* A name that would break the markup if written as it is. */
#define HOSTILE_NAME "a<b>&\"c'"

/* Six runs of one benchmark with the estimates 100, 110, 90, 105, 95 and
 * 100 ns: the band is (110 − 90) / median 100 = 20 %, drawn around the
 * latest estimate, 100 ns, so from 80 to 120 ns. Each run has three
 * round estimates around its estimate. */
typedef struct planted {
  ys_history h;
  ys_history_run runs[N_RUNS];
  ys_history_point points[N_RUNS];
  double rounds[N_RUNS][N_ROUNDS];
  char commits[N_RUNS][48];
} planted;

static const double planted_estimates[N_RUNS] = {100, 110, 90, 105, 95, 100};

/* Fills *p with `n_runs` runs of the planted benchmark `name`, measured
 * on time (exact false) or instructions (exact true). */
static void plant(planted *p, const char *name, size_t n_runs, bool exact) {
  memset(p, 0, sizeof(*p));
  for (size_t i = 0; i < n_runs; i++) {
    double e = planted_estimates[i];
    p->rounds[i][0] = e;
    p->rounds[i][1] = exact ? e : e * 1.01;
    p->rounds[i][2] = exact ? e : e * 1.02;
    p->points[i] = (ys_history_point){.name = (char *)name,
                                      .metric = exact ? "instructions" : "time",
                                      .unit = exact ? "instructions" : "ns",
                                      .exact = exact,
                                      .estimate = e,
                                      .rounds = p->rounds[i],
                                      .n_rounds = N_ROUNDS};
    /* A commit with markup in it, as a hostile history file could hold. */
    snprintf(p->commits[i], sizeof(p->commits[i]), "c%zu<i>0123456789", i);
    p->runs[i] = (ys_history_run){.commit = p->commits[i],
                                  .date = "2026-12-01T10:00:00Z",
                                  .points = &p->points[i],
                                  .n_points = 1};
  }
  p->h = (ys_history){.runs = p->runs, .n_runs = n_runs};
}

typedef struct chart_args {
  const ys_history *h;
  const char *name;
  const ys_history_chart_now *now;
} chart_args;

static void write_chart(FILE *out, void *arg) {
  const chart_args *a = arg;
  ys_history_chart(out, a->h, a->name, a->now);
}

static char *chart(const ys_history *h, const char *name,
                   const ys_history_chart_now *now) {
  chart_args a = {h, name, now};
  return ys_test_capture(write_chart, &a);
}

/* The text of the <g class="CLS"> group of `svg`, in a new string. */
static char *group(const char *svg, const char *cls) {
  char open[64];
  snprintf(open, sizeof(open), "<g class=\"%s\">", cls);
  const char *start = strstr(svg, open);
  if (start == NULL) return NULL;
  const char *end = strstr(start, "</g>");
  assert_non_null(end);
  return strndup(start, (size_t)(end - start));
}

static size_t count(const char *text, const char *what) {
  size_t n = 0;
  for (const char *p = text; (p = strstr(p, what)) != NULL; p += strlen(what))
    n++;
  return n;
}

/* The cy of the marker whose tooltip names commit `commit` (escaped). */
static double marker_y(const char *svg, const char *commit) {
  const char *title = strstr(svg, commit);
  assert_non_null(title);
  /* The circle opening the marker is the last one before its title. */
  const char *circle = NULL;
  for (const char *p = svg; (p = strstr(p, "<circle")) != NULL && p < title;
       p++)
    circle = p;
  assert_non_null(circle);
  const char *cy = strstr(circle, "cy=\"");
  assert_non_null(cy);
  return strtod(cy + 4, NULL);
}

/* One marker per run, one faint dot per round estimate. */
static void test_points(void **state) {
  (void)state;
  planted p;
  plant(&p, "sort", N_RUNS, false);
  char *svg = chart(&p.h, "sort", NULL);
  char *markers = group(svg, "hist-pt");
  char *rounds = group(svg, "hist-round");
  assert_non_null(markers);
  assert_non_null(rounds);
  assert_int_equal(count(markers, "<circle"), N_RUNS);
  assert_int_equal(count(rounds, "<circle"), N_RUNS * N_ROUNDS);
  assert_null(strstr(svg, "hist-now"));
  assert_non_null(strstr(svg, "trend of sort over 6 runs"));
  free(markers);
  free(rounds);
  free(svg);
}

/* The band's rectangle spans the pixels of 80 and 120 ns, found from the
 * markers of the runs at 110 and 90 ns (the axis is linear). */
static void test_band_maps_its_values(void **state) {
  (void)state;
  planted p;
  plant(&p, "sort", N_RUNS, false);
  char *svg = chart(&p.h, "sort", NULL);
  double y110 = marker_y(svg, "<title>c1&lt;i&gt;"),
         y90 = marker_y(svg, "<title>c2&lt;i&gt;");
  double per_ns = (y90 - y110) / 20.0; /* pixels per ns, downwards */
  double y120 = y110 - 10 * per_ns, y80 = y90 + 10 * per_ns;
  const char *rect = strstr(svg, "<rect class=\"hist-band\"");
  assert_non_null(rect);
  double top = strtod(strstr(rect, " y=\"") + 4, NULL);
  double height = strtod(strstr(rect, "height=\"") + 8, NULL);
  /* Coordinates are written with one decimal. */
  assert_true(fabs(top - y120) < 0.2);
  assert_true(fabs(top + height - y80) < 0.2);
  assert_non_null(strstr(svg, "\xc2\xb1"
                              "20.0 %"));
  free(svg);
}

/* One round far off (a busy machine) is left off the axis, and said so:
 * the trend keeps its height. */
static void test_far_round_left_off(void **state) {
  (void)state;
  planted p;
  plant(&p, "sort", N_RUNS, false);
  p.rounds[2][1] = 1000; /* ten times the others */
  char *svg = chart(&p.h, "sort", NULL);
  char *dots = group(svg, "hist-round");
  assert_int_equal(count(dots, "<circle"), N_RUNS * N_ROUNDS - 1);
  assert_non_null(strstr(svg, "1 round estimate beyond Tukey's outer fences"));
  free(dots);
  free(svg);
}

/* Names and commits are text, never markup. */
static void test_escaped(void **state) {
  (void)state;
  planted p;
  plant(&p, HOSTILE_NAME, N_RUNS, false);
  char *svg = chart(&p.h, HOSTILE_NAME, NULL);
  assert_null(strstr(svg, "<b>"));
  assert_null(strstr(svg, "<i>"));
  assert_non_null(strstr(svg, "a&lt;b&gt;&amp;&quot;c&#39;"));
  assert_non_null(strstr(svg, "c0&lt;i"));
  free(svg);
}

/* Exact counts have no band, and the caption says why. */
static void test_exact_has_no_band(void **state) {
  (void)state;
  planted p;
  plant(&p, "sort", N_RUNS, true);
  char *svg = chart(&p.h, "sort", NULL);
  assert_null(strstr(svg, "hist-band"));
  assert_non_null(strstr(svg, "no noise band"));
  char *markers = group(svg, "hist-pt");
  assert_int_equal(count(markers, "<circle"), N_RUNS);
  free(markers);
  free(svg);
}

/* Fewer runs than a band needs: no band, and the caption counts them. */
static void test_short_history_has_no_band(void **state) {
  (void)state;
  planted p;
  plant(&p, "sort", 3, false);
  char *svg = chart(&p.h, "sort", NULL);
  assert_null(strstr(svg, "hist-band"));
  assert_non_null(strstr(svg, "No noise band yet: one needs 5 runs"));
  free(svg);
}

/* This run is the last point, labelled, and placed against the band. */
static void test_this_run_appended(void **state) {
  (void)state;
  planted p;
  plant(&p, "sort", N_RUNS, false);
  ys_round rounds[4] = {{.estimate = 130},
                        {.estimate = 131},
                        {.estimate = 132},
                        {.estimate = 133}};
  ys_series s = {.metric = "time",
                 .unit = "ns",
                 .kind = YS_METRIC_TIME,
                 .rounds = rounds,
                 .n_rounds = 4};
  ys_bench_result r = {
      .name = "sort", .status = YS_BENCH_OK, .series = &s, .n_series = 1};
  ys_history_chart_now now = {
      .res = &r, .base_estimate = 100, .threshold = 0.05};
  char *svg = chart(&p.h, "sort", &now);
  char *last = group(svg, "hist-now");
  assert_non_null(last);
  assert_int_equal(count(last, "<circle"), 1);
  assert_non_null(strstr(svg, ">this run</text>"));
  assert_non_null(strstr(svg, "above the band"));
  char *dots = group(svg, "hist-round");
  assert_int_equal(count(dots, "<circle"), N_RUNS * N_ROUNDS + 4);
  free(dots);
  free(last);
  free(svg);
}

typedef struct page_args {
  const ys_history *h;
  const char *const *names;
  size_t n;
} page_args;

static void write_page(FILE *out, void *arg) {
  const page_args *a = arg;
  assert_int_equal(
      ys_history_page(out, a->h, "main", "b/history/main.yaml", a->names, a->n),
      0);
}

/* The page: one chart per benchmark given, no address outside it. */
static void test_page(void **state) {
  (void)state;
  planted p;
  plant(&p, "sort", N_RUNS, false);
  static const char *const names[] = {"sort", "sort"};
  page_args a = {&p.h, names, 2};
  char *page = ys_test_capture(write_page, &a);
  assert_int_equal(count(page, "<svg class=\"chart\""), 2);
  assert_non_null(strstr(page, "<title>yardstick history of main</title>"));
  assert_null(strstr(page, "http"));
  free(page);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_points),
      cmocka_unit_test(test_band_maps_its_values),
      cmocka_unit_test(test_far_round_left_off),
      cmocka_unit_test(test_escaped),
      cmocka_unit_test(test_exact_has_no_band),
      cmocka_unit_test(test_short_history_has_no_band),
      cmocka_unit_test(test_this_run_appended),
      cmocka_unit_test(test_page),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
