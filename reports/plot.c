/*
 * plot.c — SVG charts for the HTML report; see plot.h.
 *
 * Ticks are chosen in the axis's display unit, not in the base unit, so
 * that the labels a person reads ("250 µs", "500 µs") are the round numbers;
 * choosing them in nanoseconds and dividing afterwards would give round
 * nanoseconds and ragged microseconds.
 */
#include "plot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "../core/error.h"
#include "safe_text.h"

/* The font size of tick labels and titles, in viewBox units. */
#define PLOT_FONT     12.0
#define PLOT_GAP      6.0 /* between neighbouring labels, at least */
#define PLOT_TICK_AIM 6   /* intervals an axis aims at */

int ys_plot_scale_for(ys_plot_quantity q, double max_abs,
                      const char *count_unit, ys_plot_scale *out) {
  if (!isfinite(max_abs)) return YS_EINVAL;
  max_abs = fabs(max_abs);
  if (q == YS_PLOT_TIME_NS) {
    static const struct {
      double divisor;
      const char *unit;
    } times[] = {
        {1e-3, "ps"}, {1, "ns"}, {1e3, "\xc2\xb5s"}, {1e6, "ms"}, {1e9, "s"}};
    /* The largest unit in which the value is still at least 1. */
    size_t k = 0;
    while (k + 1 < sizeof(times) / sizeof(times[0]) &&
           max_abs >= times[k + 1].divisor)
      k++;
    out->divisor = times[k].divisor;
    snprintf(out->unit, sizeof(out->unit), "%s", times[k].unit);
    return 0;
  }
  static const char *const prefixes[] = {"", "k", "M", "G"};
  size_t k = 0;
  double divisor = 1;
  while (k + 1 < sizeof(prefixes) / sizeof(prefixes[0]) &&
         max_abs >= divisor * 1000) {
    divisor *= 1000;
    k++;
  }
  out->divisor = divisor;
  const char *unit = count_unit != NULL && q == YS_PLOT_COUNT ? count_unit : "";
  snprintf(out->unit, sizeof(out->unit), "%s%s%s", prefixes[k],
           k > 0 && unit[0] != '\0' ? " " : "", unit);
  return 0;
}

int ys_plot_ticks_for(double lo, double hi, size_t target, ys_plot_ticks *out) {
  if (!isfinite(lo) || !isfinite(hi) || lo > hi || target < 2 || target > 20)
    return YS_EINVAL;
  if (lo == hi) {
    double pad = lo == 0 ? 1 : fabs(lo) * 0.05;
    lo -= pad;
    hi += pad;
  }
  /* The nice steps from the one just below the raw step upwards: the
   * first whose whole-step range needs no more than `target` intervals.
   * Widening to whole steps can add an interval, so the first step at
   * least as large as the raw one is not always enough. */
  double raw = (hi - lo) / (double)target;
  double mag = pow(10, floor(log10(raw)));
  static const double mults[] = {1, 2, 5};
  double step = 0, first = 0, last = 0;
  for (size_t k = 0;; k++) {
    step = mults[k % 3] * mag * pow(10, (double)(k / 3));
    /* A little slack, so that a value a rounding error past a tick does
     * not add a whole empty interval. */
    first = floor(lo / step + 1e-9);
    last = ceil(hi / step - 1e-9);
    if (last - first <= (double)target) break;
  }
  int step_exp = (int)floor(log10(step) + 1e-9);
  size_t n = (size_t)(last - first) + 1;
  if (n > YS_PLOT_MAX_TICKS) return YS_EINVAL; /* cannot happen: target ≤ 20 */
  out->step = step;
  out->lo = first * step;
  out->hi = last * step;
  out->n = n;
  out->decimals = step_exp < 0 ? -step_exp : 0;
  return 0;
}

double ys_plot_tick_value(const ys_plot_ticks *t, size_t i) {
  /* Rounded to the label's decimals: 0.1 × 3 is 0.30000000000000004. */
  double v = t->lo + (double)i * t->step;
  double unit = pow(10, t->decimals);
  return round(v * unit) / unit;
}

char *ys_plot_tick_label(const ys_plot_ticks *t, size_t i, char *buf,
                         size_t len) {
  double v = ys_plot_tick_value(t, i);
  if (v == 0) v = 0; /* -0.0 prints "-0" */
  snprintf(buf, len, "%.*f", t->decimals, v);
  return buf;
}

double ys_plot_label_width(size_t chars, double font_px) {
  return ceil((double)chars * 0.6 * font_px);
}

/* The extent of tick i's label along its axis. */
static double label_extent(const ys_plot_ticks *t, size_t i, bool vertical,
                           double font_px) {
  if (vertical) return font_px;
  char buf[64];
  ys_plot_tick_label(t, i, buf, sizeof(buf));
  return ys_plot_label_width(strlen(buf), font_px);
}

size_t ys_plot_label_stride(const ys_plot_ticks *t, double axis_px,
                            bool vertical, double font_px, double gap_px) {
  if (t->n < 2) return 1;
  double spacing = axis_px / (double)(t->n - 1);
  static const size_t strides[] = {1, 2, 5, 10, 20, 50};
  for (size_t s = 0; s < sizeof(strides) / sizeof(strides[0]); s++) {
    size_t k = strides[s];
    bool fits = true;
    /* Two neighbours overlap when half of each label's extent and the gap
     * do not fit between their centres. */
    for (size_t i = 0; i + k < t->n && fits; i += k) {
      double need = (label_extent(t, i, vertical, font_px) +
                     label_extent(t, i + k, vertical, font_px)) /
                        2 +
                    gap_px;
      fits = spacing * (double)k >= need;
    }
    if (fits) return k;
  }
  return t->n; /* the first label alone */
}

void ys_plot_escape(FILE *out, const char *s) {
  if (s == NULL) return;
  for (const unsigned char *c = (const unsigned char *)s; *c != '\0'; c++) {
    /* Invalid UTF-8 would make the page ill-formed: escaped as bytes. */
    size_t n = ys_safe_text_utf8_len((const char *)c);
    if (n == 0) {
      fprintf(out, "\\x%02x", *c);
      continue;
    }
    if (n > 1) {
      fwrite(c, 1, n, out);
      c += n - 1;
      continue;
    }
    switch (*c) {
    case '&':
      fputs("&amp;", out);
      break;
    case '<':
      fputs("&lt;", out);
      break;
    case '>':
      fputs("&gt;", out);
      break;
    case '"':
      fputs("&quot;", out);
      break;
    case '\'':
      fputs("&#39;", out);
      break;
    default:
      /* Control characters are not allowed in XML at all: shown, as the
       * terminal reports show them, instead of dropped. */
      if (*c < 0x20 || *c == 0x7f)
        fprintf(out, "\\x%02x", *c);
      else
        fputc(*c, out);
    }
  }
}

int ys_plot_density(const double *v, size_t n, double lo, double hi, double *xs,
                    double *ys, size_t m) {
  if (n == 0 || m < 2 || !isfinite(lo) || !isfinite(hi) || lo >= hi)
    return YS_EINVAL;
  for (size_t i = 0; i < n; i++)
    if (!isfinite(v[i])) return YS_EINVAL;
  double *sorted = malloc(n * sizeof(*sorted));
  if (sorted == NULL) return YS_ENOMEM;
  memcpy(sorted, v, n * sizeof(*sorted));
  gsl_sort(sorted, 1, n);
  double sd = n > 1 ? gsl_stats_sd(sorted, 1, n) : 0;
  double iqr = gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.75) -
               gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.25);
  double spread = sd;
  if (iqr > 0 && iqr / 1.34 < spread) spread = iqr / 1.34;
  double h = 0.9 * spread * pow((double)n, -0.2);
  if (!(h > 0)) {
    double mean = gsl_stats_mean(sorted, 1, n);
    h = mean != 0 ? fabs(mean) * 0.01 : 1;
  }
  const double norm = 1 / ((double)n * h * sqrt(2 * M_PI));
  for (size_t j = 0; j < m; j++) {
    double x = lo + (hi - lo) * (double)j / (double)(m - 1);
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
      double z = (x - sorted[i]) / h;
      sum += exp(-0.5 * z * z);
    }
    xs[j] = x;
    ys[j] = sum * norm;
  }
  free(sorted);
  return 0;
}

/* Scales and ticks one axis; YS_EINVAL with a message for a bad range. */
static int axis_setup(const ys_plot_axis *a, const char *which,
                      ys_plot_scale *scale, ys_plot_ticks *ticks, char *err,
                      size_t err_len) {
  if (!isfinite(a->lo) || !isfinite(a->hi) || a->lo > a->hi)
    return ys_error_set(err, err_len, YS_EINVAL,
                        "plot: the %s axis range [%g, %g] is not a range",
                        which, a->lo, a->hi);
  double max_abs = fmax(fabs(a->lo), fabs(a->hi));
  if (ys_plot_scale_for(a->quantity, max_abs, a->count_unit, scale) != 0)
    return ys_error_set(err, err_len, YS_EINVAL, "plot: bad %s axis", which);
  return ys_plot_ticks_for(a->lo / scale->divisor, a->hi / scale->divisor,
                           PLOT_TICK_AIM, ticks);
}

/* The label of x tick i: its category, or its number. */
static const char *x_label(const ys_plot *p, size_t i, char *buf, size_t len) {
  if (p->categories != NULL) return p->categories[i];
  return ys_plot_tick_label(&p->x_ticks, i, buf, len);
}

/* Every how many categories a label fits along an axis `axis_px` long:
 * the widest label and the gap must fit between two drawn ones. */
static size_t category_stride(const ys_plot *p, double axis_px) {
  size_t widest = 1;
  for (size_t i = 0; i < p->x_ticks.n; i++) {
    size_t w = ys_safe_text_columns(p->categories[i]);
    if (w > widest) widest = w;
  }
  double need = ys_plot_label_width(widest, PLOT_FONT) + PLOT_GAP;
  double spacing = axis_px / (double)p->x_ticks.n;
  static const size_t strides[] = {1, 2, 5, 10, 20, 50, 100, 200, 500};
  for (size_t k = 0; k < sizeof(strides) / sizeof(strides[0]); k++)
    if (spacing * (double)strides[k] >= need) return strides[k];
  return p->x_ticks.n; /* the last label alone */
}

/* Whether x tick i gets a label and a grid line. A categorical axis is
 * thinned from its last category backwards: the newest is always named. */
static bool x_tick_shown(const ys_plot *p, size_t i, size_t stride) {
  if (p->categories != NULL) return (p->x_ticks.n - 1 - i) % stride == 0;
  return i % stride == 0;
}

/* Base units → viewBox coordinates, clamped into the plotting area. */
static double map_x(const ys_plot *p, double x) {
  double f = (x - p->x_lo) / (p->x_hi - p->x_lo);
  double px = p->left + f * (p->right - p->left);
  return fmin(fmax(px, p->left), p->right);
}

static double map_y(const ys_plot *p, double y) {
  double f = (y - p->y_lo) / (p->y_hi - p->y_lo);
  double py = p->bottom - f * (p->bottom - p->top);
  return fmin(fmax(py, p->top), p->bottom);
}

/* An axis title with its unit: "per-iteration time (µs)". */
static void write_title(FILE *out, const ys_plot_axis *a,
                        const ys_plot_scale *s) {
  ys_plot_escape(out, a->title);
  if (s->unit[0] != '\0') {
    fputs(" (", out);
    ys_plot_escape(out, s->unit);
    fputc(')', out);
  }
}

/* Writes the chart's frame, grid, labels and titles once p's axes are
 * set up (ys_plot_begin, ys_plot_begin_categorical). */
static void plot_frame(ys_plot *p, FILE *out, double width, double height,
                       const char *label, const ys_plot_axis *x,
                       const ys_plot_axis *y);

int ys_plot_begin(ys_plot *p, FILE *out, double width, double height,
                  const char *label, const ys_plot_axis *x,
                  const ys_plot_axis *y, char *err, size_t err_len) {
  memset(p, 0, sizeof(*p));
  int rc = axis_setup(x, "x", &p->x_scale, &p->x_ticks, err, err_len);
  if (rc == 0) rc = axis_setup(y, "y", &p->y_scale, &p->y_ticks, err, err_len);
  if (rc != 0) return rc;
  plot_frame(p, out, width, height, label, x, y);
  return 0;
}

int ys_plot_begin_categorical(ys_plot *p, FILE *out, double width,
                              double height, const char *label,
                              const char *x_title,
                              const char *const *categories,
                              size_t n_categories, const ys_plot_axis *y,
                              char *err, size_t err_len) {
  memset(p, 0, sizeof(*p));
  if (categories == NULL || n_categories == 0)
    return ys_error_set(err, err_len, YS_EINVAL,
                        "plot: a categorical axis needs a category");
  int rc = axis_setup(y, "y", &p->y_scale, &p->y_ticks, err, err_len);
  if (rc != 0) return rc;
  /* One tick per category at 1, 2, ..., n: the values are positions. */
  p->categories = categories;
  p->x_scale = (ys_plot_scale){.divisor = 1};
  p->x_ticks = (ys_plot_ticks){
      .lo = 1, .hi = (double)n_categories, .step = 1, .n = n_categories};
  ys_plot_axis x = {x_title, YS_PLOT_PLAIN, NULL, 1, (double)n_categories};
  plot_frame(p, out, width, height, label, &x, y);
  return 0;
}

static void plot_frame(ys_plot *p, FILE *out, double width, double height,
                       const char *label, const ys_plot_axis *x,
                       const ys_plot_axis *y) {
  p->out = out;
  p->width = width;
  p->height = height;
  size_t widest = 1;
  for (size_t i = 0; i < p->y_ticks.n; i++) {
    char buf[64];
    size_t w = strlen(ys_plot_tick_label(&p->y_ticks, i, buf, sizeof(buf)));
    if (w > widest) widest = w;
  }
  /* Room for the rotated y title, then the widest y label. */
  p->left = PLOT_FONT * 2 + ys_plot_label_width(widest, PLOT_FONT) + 6;
  /* Room on the right for half the last x label, which is centred on the
   * frame's edge. */
  char last[64];
  const char *last_label = x_label(p, p->x_ticks.n - 1, last, sizeof(last));
  p->right = width - fmax(12, ys_plot_label_width(
                                  ys_safe_text_columns(last_label), PLOT_FONT) /
                                      2 +
                                  2);
  p->top = 14;
  p->bottom = height - PLOT_FONT * 3 - 4;
  p->x_lo = p->x_ticks.lo * p->x_scale.divisor;
  p->x_hi = p->x_ticks.hi * p->x_scale.divisor;
  if (p->categories != NULL) {
    /* Half a step of room at each end, so that no mark sits on the frame. */
    p->x_lo -= 0.5;
    p->x_hi += 0.5;
  }
  p->y_lo = p->y_ticks.lo * p->y_scale.divisor;
  p->y_hi = p->y_ticks.hi * p->y_scale.divisor;

  fprintf(out,
          "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
          "aria-label=\"",
          width, height);
  ys_plot_escape(out, label);
  /* No xmlns: inline in HTML the element needs none, and the report
   * names no address at all. */
  fputs("\">\n", out);
  fprintf(out,
          "<rect class=\"frame\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
          "height=\"%.1f\"/>\n",
          p->left, p->top, p->right - p->left, p->bottom - p->top);

  size_t xs = p->categories != NULL
                  ? category_stride(p, p->right - p->left)
                  : ys_plot_label_stride(&p->x_ticks, p->right - p->left, false,
                                         PLOT_FONT, PLOT_GAP);
  size_t ys = ys_plot_label_stride(&p->y_ticks, p->bottom - p->top, true,
                                   PLOT_FONT, PLOT_GAP);
  fputs("<g class=\"grid\">", out);
  for (size_t i = 0; i < p->x_ticks.n; i++) {
    if (p->categories != NULL && !x_tick_shown(p, i, xs)) continue;
    double px =
        map_x(p, ys_plot_tick_value(&p->x_ticks, i) * p->x_scale.divisor);
    fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", px,
            p->top, px, p->bottom);
  }
  for (size_t i = 0; i < p->y_ticks.n; i++) {
    double py =
        map_y(p, ys_plot_tick_value(&p->y_ticks, i) * p->y_scale.divisor);
    fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
            p->left, py, p->right, py);
  }
  fputs("</g>\n<g class=\"ticks\">", out);
  for (size_t i = 0; i < p->x_ticks.n; i++) {
    if (!x_tick_shown(p, i, xs)) continue;
    char buf[64];
    double px =
        map_x(p, ys_plot_tick_value(&p->x_ticks, i) * p->x_scale.divisor);
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", px,
            p->bottom + PLOT_FONT + 3);
    ys_plot_escape(out, x_label(p, i, buf, sizeof(buf)));
    fputs("</text>", out);
  }
  for (size_t i = 0; i < p->y_ticks.n; i += ys) {
    char buf[64];
    double py =
        map_y(p, ys_plot_tick_value(&p->y_ticks, i) * p->y_scale.divisor);
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
            p->left - 4, py + PLOT_FONT * 0.35,
            ys_plot_tick_label(&p->y_ticks, i, buf, sizeof(buf)));
  }
  fputs("</g>\n", out);
  fprintf(out,
          "<text class=\"title\" x=\"%.1f\" y=\"%.1f\" "
          "text-anchor=\"middle\">",
          (p->left + p->right) / 2, height - 6);
  write_title(out, x, &p->x_scale);
  fprintf(out,
          "</text>\n<text class=\"title\" transform=\"translate(%.1f %.1f) "
          "rotate(-90)\" text-anchor=\"middle\">",
          PLOT_FONT + 1, (p->top + p->bottom) / 2);
  write_title(out, y, &p->y_scale);
  fputs("</text>\n", out);
}

/* The points of a polyline, in viewBox coordinates. */
static void write_points(ys_plot *p, const double *xs, const double *ys,
                         size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!isnan(xs[i]) && !isnan(ys[i]))
      fprintf(p->out, "%.1f,%.1f ", map_x(p, xs[i]), map_y(p, ys[i]));
}

void ys_plot_line(ys_plot *p, const double *xs, const double *ys, size_t n,
                  const char *cls) {
  fprintf(p->out, "<polyline class=\"%s\" points=\"", cls);
  write_points(p, xs, ys, n);
  fputs("\"/>\n", p->out);
}

void ys_plot_area(ys_plot *p, const double *xs, const double *ys, size_t n,
                  const char *cls) {
  if (n == 0) return;
  fprintf(p->out, "<polygon class=\"%s\" points=\"%.1f,%.1f ", cls,
          map_x(p, xs[0]), p->bottom);
  write_points(p, xs, ys, n);
  fprintf(p->out, "%.1f,%.1f\"/>\n", map_x(p, xs[n - 1]), p->bottom);
}

void ys_plot_points(ys_plot *p, const double *xs, const double *ys, size_t n,
                    double r, const char *cls) {
  fprintf(p->out, "<g class=\"%s\">", cls);
  for (size_t i = 0; i < n; i++)
    if (!isnan(xs[i]) && !isnan(ys[i]))
      fprintf(p->out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>",
              map_x(p, xs[i]), map_y(p, ys[i]), r);
  fputs("</g>\n", p->out);
}

void ys_plot_vline(ys_plot *p, double x, const char *cls, const char *label) {
  if (!isfinite(x)) return;
  double px = map_x(p, x);
  fprintf(p->out,
          "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
          "y2=\"%.1f\"/>\n",
          cls, px, p->top, px, p->bottom);
  if (label == NULL) return;
  /* Near the right edge the label reads leftwards, so it stays inside. */
  bool right_half = px > (p->left + p->right) / 2;
  fprintf(p->out,
          "<text class=\"%s-label\" x=\"%.1f\" y=\"%.1f\" "
          "text-anchor=\"%s\">",
          cls, right_half ? px - 3 : px + 3, p->top + PLOT_FONT,
          right_half ? "end" : "start");
  ys_plot_escape(p->out, label);
  fputs("</text>\n", p->out);
}

void ys_plot_hline(ys_plot *p, double y, const char *cls) {
  if (!isfinite(y)) return;
  double py = map_y(p, y);
  fprintf(p->out,
          "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
          "y2=\"%.1f\"/>\n",
          cls, p->left, py, p->right, py);
}

void ys_plot_vband(ys_plot *p, double x_lo, double x_hi, const char *cls) {
  if (!isfinite(x_lo) || !isfinite(x_hi)) return;
  double a = map_x(p, fmin(x_lo, x_hi)), b = map_x(p, fmax(x_lo, x_hi));
  /* A band narrower than a pixel would vanish: keep one visible. */
  if (b - a < 1) {
    a -= 0.5;
    b += 0.5;
  }
  fprintf(p->out,
          "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
          "height=\"%.1f\"/>\n",
          cls, a, p->top, b - a, p->bottom - p->top);
}

void ys_plot_hband(ys_plot *p, double y_lo, double y_hi, const char *cls) {
  if (!isfinite(y_lo) || !isfinite(y_hi)) return;
  double top = map_y(p, fmax(y_lo, y_hi)), bottom = map_y(p, fmin(y_lo, y_hi));
  /* A band thinner than a unit would vanish: keep one visible. */
  if (bottom - top < 1) {
    top -= 0.5;
    bottom += 0.5;
  }
  fprintf(p->out,
          "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
          "height=\"%.1f\"/>\n",
          cls, p->left, top, p->right - p->left, bottom - top);
}

void ys_plot_map(const ys_plot *p, double x, double y, double *px, double *py) {
  *px = map_x(p, x);
  *py = map_y(p, y);
}

void ys_plot_legend(ys_plot *p, const char *const *labels,
                    const char *const *classes, size_t n) {
  size_t widest = 0;
  for (size_t i = 0; i < n; i++)
    if (strlen(labels[i]) > widest) widest = strlen(labels[i]);
  double x = p->right - ys_plot_label_width(widest, PLOT_FONT) - 22;
  fputs("<g class=\"legend\">", p->out);
  for (size_t i = 0; i < n; i++) {
    double y = p->top + 8 + (double)i * (PLOT_FONT + 4);
    fprintf(p->out,
            "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"12\" "
            "height=\"8\"/><text x=\"%.1f\" y=\"%.1f\">",
            classes[i], x, y, x + 16, y + 8);
    ys_plot_escape(p->out, labels[i]);
    fputs("</text>", p->out);
  }
  fputs("</g>\n", p->out);
}

void ys_plot_end(ys_plot *p) {
  fputs("</svg>\n", p->out);
}
