/*
 * latency.h — latency mode in the runner (docs/statistics.md §7): every
 * measured iteration of a benchmark timed in a window of its own, the
 * times kept (a bounded, uniform random subset), and each round's
 * percentiles appended to the benchmark's latency series.
 *
 * The runner decides once per benchmark, after its first warm-up, whether
 * latency mode may run: the median iteration of a short probe must take at
 * least YS_POLICY_LATENCY_MIN_CLOCK_RATIO times the cost of an empty
 * window, else the mode is refused with a message and the benchmark is
 * measured in batches as usual.
 */
#ifndef YS_RUN_LATENCY_H
#define YS_RUN_LATENCY_H

#include <gsl/gsl_rng.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../collectors/collector.h"
#include "../analysis/latency.h"
#include "../core/model.h"

/* Where the iteration times of the round being measured go: the round's
 * own (its percentiles) and the benchmark's (the pooled percentiles).
 * One per runner; allocated outside every timed window. */
typedef struct ys_latency_recorder {
  gsl_rng *rng;        /* picks what a full buffer keeps */
  double *round;       /* YS_POLICY_LATENCY_MAX_SAMPLES */
  size_t round_kept;   /* times in `round` */
  uint64_t round_seen; /* iterations timed in this round */
  ys_latency *bench;   /* the benchmark's; NULL outside a latency round */
} ys_latency_recorder;

/* Prepares *r with a generator seeded with `seed`. Returns 0 or
 * YS_ENOMEM. */
int ys_latency_recorder_init(ys_latency_recorder *r, uint64_t seed);

/* Frees what *r holds; safe on a zeroed or freed recorder. */
void ys_latency_recorder_free(ys_latency_recorder *r);

/* Starts a round of the benchmark whose latency is *bench (status ON, its
 * samples buffer allocated by ys_latency_start), or, with bench NULL, a
 * probe whose times only the round keeps (ys_latency_round_median). */
void ys_latency_round_begin(ys_latency_recorder *r, ys_latency *bench);

/* Keeps one iteration's time, in ns, in the round's and the benchmark's
 * buffers; once a buffer is full, each further time replaces a random one
 * with the probability that keeps every time seen alike likely to be kept
 * (reservoir sampling, Vitter's algorithm R). Called between timed
 * windows. */
void ys_latency_record(ys_latency_recorder *r, double ns);

/* The median (type 7) of the times the round has kept so far, 0 when
 * none; sorts them. */
double ys_latency_round_median(ys_latency_recorder *r);

/* Ends the round: appends its percentiles (type 7) and its slowest time to
 * res's latency series as one sample and one round each, adding the
 * series on the benchmark's first latency round (all five, however few
 * times the round has). A percentile p gets a value only from a round of
 * ys_latency_min_samples(p) times on (a round's p99.9 of 200 times is its
 * maximum); a shorter round is counted in res->latency.short_rounds
 * instead. Returns 0, or YS_ENOMEM. A round that timed nothing adds
 * nothing. */
int ys_latency_round_end(ys_latency_recorder *r, ys_bench_result *res);

/* Appends one latency round to res's latency series, by the rule of
 * ys_latency_round_end: values[q] (ys_latency_series_name's order, the
 * slowest time last) for each series q with has[q]; a percentile without
 * (its round too short) is counted in res->latency.short_rounds. The
 * series are added on the benchmark's first latency round, those it has
 * then; a later round adds to existing series only. The worker protocol's
 * reader uses it for the rounds another process measured. Returns 0, or
 * YS_ENOMEM. */
int ys_latency_add_round(ys_bench_result *res,
                         const double values[YS_LATENCY_SERIES],
                         const bool has[YS_LATENCY_SERIES]);

/* What an empty window of collector c measures in its primary metric: the
 * median of `windows` empty windows (start, then stop at once). */
double ys_latency_clock_cost(const ys_collector *c, size_t windows);

/*
 * Decides latency mode for benchmark `name` from the clock's cost and the
 * median iteration a probe measured: ON when median_ns is at least
 * YS_POLICY_LATENCY_MIN_CLOCK_RATIO times clock_ns, else REFUSED with a
 * message in l->why that names the benchmark, both times and what to do.
 * Records both figures in *l.
 */
void ys_latency_decide(ys_latency *l, const char *name, double clock_ns,
                       double median_ns);

/* Refuses latency mode for `name` because its primary metric is not a
 * time (`metric`) or its collector is exact. */
void ys_latency_refuse_metric(ys_latency *l, const char *name,
                              const char *metric);

/* Allocates l's buffer of YS_POLICY_LATENCY_MAX_SAMPLES times (when it has
 * none). Returns 0 or YS_ENOMEM. */
int ys_latency_start(ys_latency *l);

#endif
