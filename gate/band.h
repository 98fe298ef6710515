/*
 * band.h — noise bands: how far a benchmark's estimate has moved between
 * runs of the baseline's own history, and what that does to its verdict
 * (docs/statistics.md §3.1).
 *
 * The band of a benchmark is the range of its estimates over the runs of
 * the history, relative to their median: (max − min) / median. A change is
 * a regression or an improvement only when it exceeds both the threshold
 * and the band, so the gate applies max(threshold, band) as the threshold
 * of that benchmark; a band below the threshold changes nothing. Bands need
 * YS_POLICY_BAND_MIN_RUNS runs and never apply to exact counts.
 *
 * The gate knows nothing of files: the caller turns a history into a
 * ys_band_table (names sorted as the run's are).
 */
#ifndef YS_BAND_H
#define YS_BAND_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/model.h"
#include "compare.h"

/* One benchmark's band. */
typedef struct ys_band {
  const char *name;   /* borrowed */
  const char *metric; /* the metric its estimates measured; borrowed */
  double width;       /* (max − min) / median; NaN with too few runs */
  size_t runs;        /* runs of the history that hold the benchmark */
} ys_band;

/* The bands of one history, for the gate (gate.h). */
typedef struct ys_band_table {
  ys_band *bands; /* owned, any order */
  size_t n;
  const char *history; /* what it came from, for reports; borrowed */
} ys_band_table;

/* Returns the band of n estimates (borrowed, unsorted, all finite and
 * positive): (max − min) / median, the median being the middle value or the
 * mean of the two middle values. NaN when n < YS_POLICY_BAND_MIN_RUNS. */
double ys_band_width(const double *estimates, size_t n);

/* The band in t (NULL-safe) of the benchmark `res` (borrowed) on its
 * primary metric, or NULL when t has none: a band of wall time says
 * nothing of a run that counts instructions, and exact counts have none. */
const ys_band *ys_band_find(const ys_band_table *t, const ys_bench_result *res);

/* Sets *cfg's threshold to max(threshold, band) when `band` (may be NULL)
 * has a width, for the comparison of that one benchmark. */
void ys_band_widen(const ys_band *band, ys_compare_config *cfg);

/* Records in *cmp the band it was judged with: band_checked, band (NaN
 * without one) and band_runs. An exact comparison gets no band: counts do
 * not vary from run to run, so whatever spread a history shows came from
 * code changes, not from noise. */
void ys_band_note(const ys_band *band, ys_comparison *cmp);

/* Frees what t owns and leaves it empty; NULL-safe. */
void ys_band_table_free(ys_band_table *t);

#endif
