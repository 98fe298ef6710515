/*
 * history_chart.h — the trend of one benchmark over the runs kept in a
 * baseline's history (baselines/history.h), drawn as an inline SVG figure
 * with plot.h: the deciding estimate of each run as a line with markers,
 * each run's round estimates as faint dots, and the noise band the gate
 * would use (gate/band.h) as a shaded band. The HTML report draws it in a
 * benchmark's section with this run appended; `bench history NAME
 * --output FILE.html` writes a page of them (ys_history_page).
 */
#ifndef YS_HISTORY_CHART_H
#define YS_HISTORY_CHART_H

#include <stddef.h>
#include <stdio.h>

#include "../baselines/history.h"
#include "../core/model.h"

/* This run, appended to a chart as its last point ("this run"). */
typedef struct ys_history_chart_now {
  const ys_bench_result *res; /* this run's result; borrowed */
  /* The baseline's estimate the gate compared this run with, the band's
   * centre; NaN when unknown (the latest run's estimate is then used). */
  double base_estimate;
  double threshold; /* the comparison's threshold; NaN when unknown */
} ys_history_chart_now;

/* Whether any run of h (borrowed) holds the benchmark `name`. */
bool ys_history_chart_has(const ys_history *h, const char *name);

/*
 * Writes one <figure> to `out`: the trend of benchmark `name` over the
 * runs of h (borrowed) that measured it on the metric of the latest of
 * them, oldest first, labelled by short commit (or date), and, when `now`
 * is not NULL and its result has that metric, this run as the last point.
 * Unless the metric is exact, the noise band of those runs' estimates
 * ((max − min) / median, ys_band_width) is shaded around the baseline's
 * estimate (now->base_estimate) or else the latest run's: the range in
 * which a change would not count, whatever its interval. The caption says
 * in words what is drawn, the figures, and when there is no band, why.
 * Writes go to `out` unchecked (ys_report_finish checks the stream); a
 * name h does not hold, or no memory, gets a figure saying so.
 */
void ys_history_chart(FILE *out, const ys_history *h, const char *name,
                      const ys_history_chart_now *now);

/*
 * Writes the self-contained HTML page of `bench history NAME --output`:
 * a header naming the baseline `baseline` and the history file `path`,
 * then one trend chart (ys_history_chart, no run appended) per benchmark
 * of `names` (n of them, borrowed, in the order given). Returns 0, or
 * YS_EIO when a write to `out` failed (ys_report_finish).
 */
int ys_history_page(FILE *out, const ys_history *h, const char *baseline,
                    const char *path, const char *const *names, size_t n);

#endif
