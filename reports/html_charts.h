/*
 * html_charts.h — the charts of one benchmark in the HTML report, each an
 * inline SVG <figure> drawn with plot.h: the distribution of per-iteration
 * values with the estimate and its interval, iterations against the
 * measured total with the fitted slope, the round estimates in run order,
 * and the baseline's distribution against this run's.
 */
#ifndef YS_HTML_CHARTS_H
#define YS_HTML_CHARTS_H

#include <stdio.h>

#include "../core/model.h"

/* Each writes one <figure> with its chart and caption to `out`, from the
 * series `s` (borrowed; samples and analysis filled, not exact). A series
 * whose values cannot be drawn (none, or one not finite) gets a figure
 * that says so instead of a chart. Writes go to `out` unchecked: the
 * report checks the stream once at its end (ys_report_finish). */
void ys_html_chart_distribution(FILE *out, const ys_series *s);
void ys_html_chart_iterations(FILE *out, const ys_series *s);
void ys_html_chart_rounds(FILE *out, const ys_series *s);

/* The baseline's per-iteration values (`base`) and this run's (`now`),
 * both of the compared metric, as two densities on one axis, with each
 * side's deciding figure (the lower quartile of its rounds) marked and the
 * change, its interval and the verdict of `c` in the caption. */
void ys_html_chart_comparison(FILE *out, const ys_series *base,
                              const ys_series *now, const ys_comparison *c);

#endif
