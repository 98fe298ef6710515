/*
 * plot.h — small SVG charts for the HTML report: two linear axes with
 * "nice" ticks (steps of 1, 2 or 5 times a power of ten), values scaled to
 * one unit per axis (ns, µs, ms, s for times; k, M, G for counts), tick
 * labels thinned until none overlaps its neighbour, and text escaped for
 * HTML and SVG alike.
 *
 * A chart is drawn in data units: ys_plot_begin fixes the axes and writes
 * the frame, the marks (lines, filled areas, points, bands) are mapped into
 * it and clipped to it, and ys_plot_end closes the <svg>. The picture has a
 * viewBox and no fixed size, so it scales with the page (CSS decides the
 * width). Colours come from CSS classes the page defines; the chart writes
 * none of its own, so that one stylesheet keeps every chart alike.
 *
 * Nothing here decides anything about a benchmark: the density is a shape
 * for the eye, the figures shown are the analysis's.
 */
#ifndef YS_PLOT_H
#define YS_PLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* What an axis measures, which decides its unit. */
typedef enum ys_plot_quantity {
  YS_PLOT_TIME_NS, /* nanoseconds: shown in ps, ns, µs, ms or s */
  YS_PLOT_COUNT,   /* a count with a unit name: shown with k, M or G */
  YS_PLOT_PLAIN,   /* a bare number (iterations, round numbers): k, M, G */
} ys_plot_quantity;

/* One unit for every label of an axis: a value v is shown as v / divisor,
 * and the axis title names `unit` ("µs", "M instructions", "" for none). */
typedef struct ys_plot_scale {
  double divisor;
  char unit[48];
} ys_plot_scale;

/* Chooses the scale that shows `max_abs` (the largest magnitude on the
 * axis, in the quantity's base unit) as a number in [1, 1000), or as close
 * as the units go: below 1 ps stays ps, from 1000 s on stays s. Counts
 * get the prefixes k, M, G before `count_unit` (borrowed, NULL or "" for a
 * bare number); PLAIN numbers get the prefixes alone. Returns 0, or
 * YS_EINVAL (and leaves *out alone) when max_abs is NaN or infinite. */
int ys_plot_scale_for(ys_plot_quantity q, double max_abs,
                      const char *count_unit, ys_plot_scale *out);

#define YS_PLOT_MAX_TICKS 24

/* The ticks of one axis, in the axis's scaled unit. */
typedef struct ys_plot_ticks {
  double lo, hi; /* the axis range: the first and last tick */
  double step;   /* 1, 2 or 5 times a power of ten */
  size_t n;      /* ticks lo, lo + step, ..., hi */
  int decimals;  /* digits after the point that every label needs */
} ys_plot_ticks;

/* Chooses ticks for values in [lo, hi] (already scaled): the smallest step
 * of 1, 2 or 5 × 10^k whose range, widened outwards to whole steps, has at
 * most `target` intervals (2 to 20). A range of one value (lo == hi)
 * is widened by 5 % of the value each way (by 1 around 0), so that it still
 * gets an axis. Returns 0, or YS_EINVAL when lo or hi is not finite, lo >
 * hi, or target is outside 2..20. */
int ys_plot_ticks_for(double lo, double hi, size_t target, ys_plot_ticks *out);

/* The value of tick `i` (0-based, i < t->n): lo + i × step, computed so
 * that it has no rounding residue ("0.30000000000000004"). */
double ys_plot_tick_value(const ys_plot_ticks *t, size_t i);

/* Writes the label of tick `i` with t->decimals digits after the point
 * ("0.5", "250", "1.25"); a zero never shows as "-0". Returns buf. */
char *ys_plot_tick_label(const ys_plot_ticks *t, size_t i, char *buf,
                         size_t len);

/* The width in pixels a label of `chars` characters takes in a font of
 * `font_px`: a digit is about 0.6 em wide in the sans-serif fonts a
 * browser picks; rounded up so that an estimate never undershoots. */
double ys_plot_label_width(size_t chars, double font_px);

/* Which labels of `t` to write on an axis `axis_px` long so that no two
 * drawn labels overlap, with at least `gap_px` between them: every
 * stride-th tick from the first, the smallest stride of 1, 2, 5, 10, ...
 * that fits. Along a horizontal axis a label takes its width
 * (ys_plot_label_width); along a vertical one, the font's height. Returns
 * the stride (≥ 1). */
size_t ys_plot_label_stride(const ys_plot_ticks *t, double axis_px,
                            bool vertical, double font_px, double gap_px);

/* Writes `s` (borrowed; NULL writes nothing) as text for HTML or SVG
 * content and attribute values: & < > " ' as entities, each control
 * character as the visible text "\xHH" (as reports/safe_text.c does on a
 * terminal), everything else as it is. */
void ys_plot_escape(FILE *out, const char *s);

/* A kernel density of the n values of `v` (borrowed, n ≥ 1): a Gaussian
 * kernel with Silverman's bandwidth (0.9 × min(sd, IQR / 1.34) × n^-1/5,
 * from GSL's standard deviation and quantiles), evaluated at m ≥ 2 evenly
 * spaced points from lo to hi into xs and ys (caller's arrays of m). When
 * the values do not spread (one value, all equal), the bandwidth is 1 % of
 * their magnitude (1 for zeros). A shape for the eye: nothing is decided
 * on it. Returns 0, YS_EINVAL for a NaN or infinite value, n = 0, m < 2
 * or lo ≥ hi, or YS_ENOMEM. */
int ys_plot_density(const double *v, size_t n, double lo, double hi, double *xs,
                    double *ys, size_t m);

/* What one axis of a chart shows. */
typedef struct ys_plot_axis {
  const char *title; /* borrowed; the scale's unit is added in brackets */
  ys_plot_quantity quantity;
  const char *count_unit; /* YS_PLOT_COUNT: borrowed, may be NULL */
  double lo, hi;          /* the data range, in the base unit */
} ys_plot_axis;

/* A chart being written. Fields are the module's; read none. */
typedef struct ys_plot {
  FILE *out;
  double width, height;            /* the viewBox */
  double left, right, top, bottom; /* the plotting area */
  ys_plot_scale x_scale, y_scale;  /* base unit → label unit */
  ys_plot_ticks x_ticks, y_ticks;  /* in label units */
  double x_lo, x_hi, y_lo, y_hi;   /* the area in base units */
  const char *const *categories;   /* a categorical x axis, or NULL */
} ys_plot;

/* Starts a chart of `width` × `height` viewBox units on `out`: the <svg>
 * element (role img, `label` escaped as its accessible name), the frame,
 * grid lines, tick labels (thinned by ys_plot_label_stride) and the axis
 * titles. The left margin is made wide enough for the widest y label.
 * Returns 0, or YS_EINVAL (writing nothing) when an axis range is not
 * finite or reversed; `err` (err_len bytes, may be NULL) then says which. */
int ys_plot_begin(ys_plot *p, FILE *out, double width, double height,
                  const char *label, const ys_plot_axis *x,
                  const ys_plot_axis *y, char *err, size_t err_len);

/* As ys_plot_begin, with a categorical x axis titled `x_title`: the
 * n_categories labels `categories` (borrowed, escaped when written; n ≥ 1)
 * stand at x = 1, 2, ..., n, half a step of room at each end; labels are
 * thinned from the last one backwards, so that the newest is always
 * named, and each drawn label gets a grid line. */
int ys_plot_begin_categorical(ys_plot *p, FILE *out, double width,
                              double height, const char *label,
                              const char *x_title,
                              const char *const *categories,
                              size_t n_categories, const ys_plot_axis *y,
                              char *err, size_t err_len);

/* A polyline through the n points (xs[i], ys[i]), in base units, with CSS
 * class `cls`. Points with a NaN coordinate are skipped; the line is
 * clipped to the plotting area. */
void ys_plot_line(ys_plot *p, const double *xs, const double *ys, size_t n,
                  const char *cls);

/* As ys_plot_line, closed down to the x axis and filled: a density. */
void ys_plot_area(ys_plot *p, const double *xs, const double *ys, size_t n,
                  const char *cls);

/* A dot of radius `r` viewBox units at each point, with class `cls`. */
void ys_plot_points(ys_plot *p, const double *xs, const double *ys, size_t n,
                    double r, const char *cls);

/* A vertical line at x across the plotting area, with class `cls`, and
 * `label` (escaped; NULL for none) written at its top. */
void ys_plot_vline(ys_plot *p, double x, const char *cls, const char *label);

/* A horizontal line at y across the plotting area, with class `cls`. */
void ys_plot_hline(ys_plot *p, double y, const char *cls);

/* A shaded band from x_lo to x_hi across the full height (an interval),
 * with class `cls`; clipped to the plotting area. */
void ys_plot_vband(ys_plot *p, double x_lo, double x_hi, const char *cls);

/* A shaded band from y_lo to y_hi across the full width (a range of
 * values), with class `cls`; clipped to the plotting area, and at least
 * one unit high so that a narrow band stays visible. */
void ys_plot_hband(ys_plot *p, double y_lo, double y_hi, const char *cls);

/* The viewBox coordinates (*px, *py) of the point (x, y) in base units,
 * clamped to the plotting area: for marks the functions here do not draw
 * (a point with its own tooltip, say). */
void ys_plot_map(const ys_plot *p, double x, double y, double *px, double *py);

/* A legend in the top right corner of the plotting area: one swatch with
 * class classes[i] and the text labels[i] (escaped) per line. */
void ys_plot_legend(ys_plot *p, const char *const *labels,
                    const char *const *classes, size_t n);

/* Closes the chart's <svg>. */
void ys_plot_end(ys_plot *p);

#endif
