/*
 * html_charts.c — one benchmark's charts in the HTML report; see
 * html_charts.h.
 *
 * Every chart is 480 × 240 viewBox units: two fit side by side on a wide
 * screen, one fills a phone's width, and the labels (12 units) stay
 * readable at either size.
 */
#include "html_charts.h"

#include <math.h>
#include <stdlib.h>

#include "../core/plural.h"
#include "plot.h"
#include "units.h"

#define CHART_W       480.0
#define CHART_H       240.0
#define DENSITY_STEPS 120 /* points of a density curve: smooth at 480 wide */

/* The axis quantity of a series' values. */
static ys_plot_quantity quantity_of(const ys_series *s) {
  return s->kind == YS_METRIC_TIME ? YS_PLOT_TIME_NS : YS_PLOT_COUNT;
}

/* A value of the series as the text reports use ("1.234 µs"). */
static char *value_text(const ys_series *s, double v, char *buf, size_t len) {
  return ys_units_metric_value(s->kind, v, s->unit, buf, len);
}

/* The per-iteration value of each sample (value ÷ iterations), in a new
 * array of s->n_samples the caller frees; NULL when out of memory or
 * there are no samples. */
static double *per_iteration(const ys_series *s) {
  if (s->n_samples == 0) return NULL;
  double *v = malloc(s->n_samples * sizeof(*v));
  if (v == NULL) return NULL;
  for (size_t i = 0; i < s->n_samples; i++)
    v[i] = s->samples[i].iterations > 0
               ? s->samples[i].value / (double)s->samples[i].iterations
               : NAN;
  return v;
}

static void range_of(const double *v, size_t n, double *lo, double *hi) {
  for (size_t i = 0; i < n; i++) {
    if (v[i] < *lo) *lo = v[i];
    if (v[i] > *hi) *hi = v[i];
  }
}

/* Narrows [*lo, *hi] to the outer fences of Tukey's test of `s` (3 IQR
 * beyond the quartiles), so that a few far outliers do not squeeze the
 * bulk of the values into a sliver, and returns how many of the n values
 * of `v` then lie outside. A series without fences keeps its range. */
static size_t clip_to_fences(const ys_series *s, const double *v, size_t n,
                             double *lo, double *hi) {
  const double *f = s->analysis.outliers.fences;
  if (!isfinite(f[0]) || !isfinite(f[3]) || !(f[0] < f[3])) return 0;
  if (*lo < f[0]) *lo = f[0];
  if (*hi > f[3]) *hi = f[3];
  size_t hidden = 0;
  for (size_t i = 0; i < n; i++)
    hidden += v[i] < *lo || v[i] > *hi;
  return hidden;
}

/* " 3 samples beyond the outer fences lie off the chart." or nothing. */
static void hidden_note(FILE *out, size_t hidden) {
  if (hidden > 0)
    fprintf(out,
            " %zu sample%s beyond Tukey's outer fences lie%s off the "
            "chart.",
            hidden, hidden == 1 ? "" : "s", hidden == 1 ? "s" : "");
}

/* Widens [lo, hi] by `share` of its span each way (of its magnitude when
 * it has none), never below 0 when it started at or above 0: a time is
 * never negative, and an axis into negative times would puzzle. */
static void pad_range(double *lo, double *hi, double share) {
  double span = *hi - *lo;
  if (!(span > 0)) span = *hi != 0 ? fabs(*hi) * 0.2 : 1;
  bool non_negative = *lo >= 0;
  *lo -= span * share;
  *hi += span * share;
  if (non_negative && *lo < 0) *lo = 0;
}

/* The opening and closing of a figure, and a figure that says why it has
 * no chart. */
static void figure_open(FILE *out) {
  fputs("<figure>\n", out);
}

static void figure_missing(FILE *out, const char *what, const char *why) {
  fprintf(out,
          "<figure class=\"missing\"><figcaption>%s: not drawn, %s"
          "</figcaption></figure>\n",
          what, why);
}

/* Closes a figure opened for a chart that ys_plot_begin refused (it wrote
 * nothing), saying why. */
static void figure_refused(FILE *out, const char *what) {
  fprintf(out,
          "<figcaption>%s: not drawn, a value is not a finite "
          "number</figcaption></figure>\n",
          what);
}

/* Densities of one or two samples of values on a shared axis, normalised
 * together so that the highest peak is 1 and the areas stay comparable.
 * ys_out[k] receives DENSITY_STEPS values per set; xs the shared grid. */
static int densities(const double *const *vals, const size_t *ns, size_t k,
                     double lo, double hi, double *xs, double *ys_out) {
  double peak = 0;
  for (size_t j = 0; j < k; j++) {
    int rc = ys_plot_density(vals[j], ns[j], lo, hi, xs,
                             ys_out + j * DENSITY_STEPS, DENSITY_STEPS);
    if (rc != 0) return rc;
    for (size_t i = 0; i < DENSITY_STEPS; i++)
      peak = fmax(peak, ys_out[j * DENSITY_STEPS + i]);
  }
  for (size_t i = 0; i < k * DENSITY_STEPS; i++)
    ys_out[i] = peak > 0 ? ys_out[i] / peak : 0;
  return 0;
}

void ys_html_chart_distribution(FILE *out, const ys_series *s) {
  const char *what = "Distribution";
  double *v = per_iteration(s);
  if (v == NULL) {
    figure_missing(out, what, "no samples");
    return;
  }
  const ys_estimate *e = ys_analysis_headline(&s->analysis);
  double lo = INFINITY, hi = -INFINITY;
  range_of(v, s->n_samples, &lo, &hi);
  size_t hidden = clip_to_fences(s, v, s->n_samples, &lo, &hi);
  double est[] = {e->lo, e->hi, e->point};
  range_of(est, 3, &lo, &hi);
  /* A quarter of the span each way leaves room for the density's tails. */
  pad_range(&lo, &hi, 0.25);
  char title[96];
  snprintf(title, sizeof(title), "per-iteration %s", s->metric);
  double xs[DENSITY_STEPS], ys[DENSITY_STEPS];
  const double *sets[] = {v};
  size_t ns[] = {s->n_samples};
  ys_plot p;
  ys_plot_axis x = {title, quantity_of(s), s->unit, lo, hi};
  ys_plot_axis y = {"density (peak = 1)", YS_PLOT_PLAIN, NULL, 0, 1};
  figure_open(out);
  if (densities(sets, ns, 1, lo, hi, xs, ys) != 0 ||
      ys_plot_begin(&p, out, CHART_W, CHART_H,
                    "distribution of per-iteration values", &x, &y, NULL,
                    0) != 0) {
    free(v);
    figure_refused(out, what);
    return;
  }
  ys_plot_vband(&p, e->lo, e->hi, "ci");
  ys_plot_area(&p, xs, ys, DENSITY_STEPS, "dens");
  /* The samples themselves as a rug along the bottom, so that a reader
   * sees how few points a smooth curve stands on. */
  double *zero = calloc(s->n_samples, sizeof(*zero));
  if (zero != NULL) ys_plot_points(&p, v, zero, s->n_samples, 1.6, "rug");
  free(zero);
  ys_plot_vline(&p, e->point, "est", "estimate");
  ys_plot_end(&p);
  char pt[YS_UNITS_BUF], l[YS_UNITS_BUF], h[YS_UNITS_BUF];
  fprintf(out,
          "<figcaption>Per-iteration values of the %zu %s (each "
          "sample's total ÷ its iterations). The line is the estimate (%s), "
          "%s; the band its 95 %% interval [%s, %s].",
          s->n_samples, ys_plural(s->n_samples, "sample", "samples"),
          s->analysis.has_slope ? "slope" : "mean",
          value_text(s, e->point, pt, sizeof(pt)),
          value_text(s, e->lo, l, sizeof(l)),
          value_text(s, e->hi, h, sizeof(h)));
  hidden_note(out, hidden);
  fputs("</figcaption>\n</figure>\n", out);
  free(v);
}

void ys_html_chart_iterations(FILE *out, const ys_series *s) {
  const char *what = "Iterations against time";
  if (s->n_samples == 0) {
    figure_missing(out, what, "no samples");
    return;
  }
  double *xs = malloc(s->n_samples * sizeof(*xs));
  double *ys = malloc(s->n_samples * sizeof(*ys));
  if (xs == NULL || ys == NULL) {
    free(xs);
    free(ys);
    figure_missing(out, what, "out of memory");
    return;
  }
  double x_hi = 0, y_hi = 0;
  for (size_t i = 0; i < s->n_samples; i++) {
    xs[i] = (double)s->samples[i].iterations;
    ys[i] = s->samples[i].value;
    x_hi = fmax(x_hi, xs[i]);
    y_hi = fmax(y_hi, ys[i]);
  }
  const ys_analysis *a = &s->analysis;
  if (a->has_slope) y_hi = fmax(y_hi, a->slope.point * x_hi);
  /* From the origin: the slope is fitted through it. */
  ys_plot_axis x = {"iterations in the sample", YS_PLOT_PLAIN, NULL, 0, x_hi};
  char title[96];
  snprintf(title, sizeof(title), "sample's total %s", s->metric);
  ys_plot_axis y = {title, quantity_of(s), s->unit, 0, y_hi};
  ys_plot p;
  figure_open(out);
  if (ys_plot_begin(&p, out, CHART_W, CHART_H,
                    "iterations against sample total", &x, &y, NULL, 0) != 0) {
    free(xs);
    free(ys);
    figure_refused(out, what);
    return;
  }
  ys_plot_points(&p, xs, ys, s->n_samples, 2.2, "pt");
  char pt[YS_UNITS_BUF];
  if (a->has_slope) {
    double lx[] = {0, x_hi}, ly[] = {0, a->slope.point * x_hi};
    ys_plot_line(&p, lx, ly, 2, "fit");
    ys_plot_end(&p);
    fprintf(out,
            "<figcaption>Each sample's iterations against its measured "
            "total. The line, fitted through the origin, has the slope "
            "%s per iteration (R² %.3f).</figcaption>\n</figure>\n",
            value_text(s, a->slope.point, pt, sizeof(pt)), a->r_squared);
  } else {
    ys_plot_end(&p);
    fprintf(out,
            "<figcaption>Each sample's iterations against its measured "
            "total. Every sample of a round ran the same count (a flat "
            "sample plan), so there is no slope: the estimate is the mean, "
            "%s.</figcaption>\n</figure>\n",
            value_text(s, a->mean.point, pt, sizeof(pt)));
  }
  free(xs);
  free(ys);
}

void ys_html_chart_rounds(FILE *out, const ys_series *s) {
  const char *what = "Rounds in run order";
  if (s->n_rounds == 0) {
    figure_missing(out, what, "no rounds");
    return;
  }
  double *xs = malloc(s->n_rounds * sizeof(*xs));
  double *ys = malloc(s->n_rounds * sizeof(*ys));
  if (xs == NULL || ys == NULL) {
    free(xs);
    free(ys);
    figure_missing(out, what, "out of memory");
    return;
  }
  const ys_estimate *e = ys_analysis_headline(&s->analysis);
  double lo = e->point, hi = e->point;
  for (size_t i = 0; i < s->n_rounds; i++) {
    xs[i] = (double)(i + 1);
    ys[i] = s->rounds[i].estimate;
  }
  range_of(ys, s->n_rounds, &lo, &hi);
  pad_range(&lo, &hi, 0.1);
  ys_plot_axis x = {"round, in run order", YS_PLOT_PLAIN, NULL, 1,
                    (double)s->n_rounds};
  char title[96];
  snprintf(title, sizeof(title), "round's %s", s->metric);
  ys_plot_axis y = {title, quantity_of(s), s->unit, lo, hi};
  ys_plot p;
  figure_open(out);
  if (ys_plot_begin(&p, out, CHART_W, CHART_H, "round estimates in run order",
                    &x, &y, NULL, 0) != 0) {
    free(xs);
    free(ys);
    figure_refused(out, what);
    return;
  }
  ys_plot_hline(&p, e->point, "est");
  ys_plot_line(&p, xs, ys, s->n_rounds, "round");
  ys_plot_points(&p, xs, ys, s->n_rounds, 3, "round-pt");
  ys_plot_end(&p);
  const ys_analysis *a = &s->analysis;
  char mn[YS_UNITS_BUF], md[YS_UNITS_BUF], noisy[YS_UNITS_BUF];
  fprintf(
      out,
      "<figcaption>Each round's estimate in the order the rounds ran "
      "(a trend means drift); the line is the overall estimate. Fastest "
      "%s, median %s; %s of rounds more than 5 %% above the fastest."
      "</figcaption>\n</figure>\n",
      value_text(s, a->round_min, mn, sizeof(mn)),
      value_text(s, a->round_median, md, sizeof(md)),
      ys_units_percent(a->noisy_round_share, 0, false, noisy, sizeof(noisy)));
  free(xs);
  free(ys);
}

/* Writes a clause of the report's shared wording ("the change crosses
 * 5 % ...") as a sentence of its own: capitalised, with a full stop. */
static void sentence(FILE *out, char *clause) {
  if (clause[0] == '\0') return;
  if (clause[0] >= 'a' && clause[0] <= 'z') clause[0] -= 'a' - 'A';
  fputc(' ', out);
  ys_plot_escape(out, clause);
  fputc('.', out);
}

void ys_html_chart_comparison(FILE *out, const ys_series *base,
                              const ys_series *now, const ys_comparison *c) {
  const char *what = "Baseline against this run";
  double *bv = per_iteration(base);
  double *nv = per_iteration(now);
  if (bv == NULL || nv == NULL) {
    free(bv);
    free(nv);
    figure_missing(out, what, "a side has no samples");
    return;
  }
  double lo = INFINITY, hi = -INFINITY, blo = INFINITY, bhi = -INFINITY;
  range_of(bv, base->n_samples, &blo, &bhi);
  size_t hidden = clip_to_fences(base, bv, base->n_samples, &blo, &bhi);
  range_of(nv, now->n_samples, &lo, &hi);
  hidden += clip_to_fences(now, nv, now->n_samples, &lo, &hi);
  lo = fmin(lo, blo);
  hi = fmax(hi, bhi);
  double marks[] = {c->base_estimate, c->new_estimate};
  range_of(marks, 2, &lo, &hi);
  pad_range(&lo, &hi, 0.25);
  double xs[DENSITY_STEPS], ys[2 * DENSITY_STEPS];
  const double *sets[] = {bv, nv};
  size_t ns[] = {base->n_samples, now->n_samples};
  char title[96];
  snprintf(title, sizeof(title), "per-iteration %s", now->metric);
  ys_plot_axis x = {title, quantity_of(now), now->unit, lo, hi};
  ys_plot_axis y = {"density (peak = 1)", YS_PLOT_PLAIN, NULL, 0, 1};
  ys_plot p;
  figure_open(out);
  if (densities(sets, ns, 2, lo, hi, xs, ys) != 0 ||
      ys_plot_begin(&p, out, CHART_W, CHART_H, "baseline against this run", &x,
                    &y, NULL, 0) != 0) {
    free(bv);
    free(nv);
    figure_refused(out, what);
    return;
  }
  ys_plot_area(&p, xs, ys, DENSITY_STEPS, "dens-base");
  ys_plot_area(&p, xs, ys + DENSITY_STEPS, DENSITY_STEPS, "dens-new");
  ys_plot_vline(&p, c->base_estimate, "base-est", NULL);
  ys_plot_vline(&p, c->new_estimate, "new-est", NULL);
  static const char *const labels[] = {"baseline", "this run"};
  static const char *const classes[] = {"dens-base", "dens-new"};
  ys_plot_legend(&p, labels, classes, 2);
  ys_plot_end(&p);
  char b[YS_UNITS_BUF], n[YS_UNITS_BUF], ch[YS_UNITS_BUF], l[YS_UNITS_BUF],
      h[YS_UNITS_BUF], t[YS_UNITS_BUF];
  fprintf(out,
          "<figcaption>Per-iteration values of the baseline (%zu %s) "
          "and of this run (%zu). The lines mark each side's lower quartile "
          "of round estimates, the figure the verdict compares: %s against "
          "%s, a change of <strong>%s</strong> [%s, %s]: ",
          base->n_samples, ys_plural(base->n_samples, "sample", "samples"),
          now->n_samples, value_text(now, c->base_estimate, b, sizeof(b)),
          value_text(now, c->new_estimate, n, sizeof(n)),
          ys_units_percent(c->change, 1, true, ch, sizeof(ch)),
          ys_units_percent(c->change_ci.lo, 1, true, l, sizeof(l)),
          ys_units_percent(c->change_ci.hi, 1, true, h, sizeof(h)));
  fprintf(out, "<span class=\"verdict v-%s\">%s</span> (threshold %s).",
          ys_verdict_name(c->verdict), ys_verdict_name(c->verdict),
          ys_units_threshold(c->threshold, t, sizeof(t)));
  char why[512];
  if (c->verdict == YS_VERDICT_INCONCLUSIVE)
    sentence(out, ys_units_doubt(c, why, sizeof(why)));
  if (c->contended) sentence(out, ys_units_contention(c, why, sizeof(why)));
  hidden_note(out, hidden);
  fputs("</figcaption>\n</figure>\n", out);
  free(bv);
  free(nv);
}
