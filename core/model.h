/*
 * model.h — the plain structs that flow down the pipeline:
 * runner (samples, rounds) → stats (analysis) → reports.
 *
 * Every stage reads what the one before filled and writes only its own part:
 * the runner fills samples and rounds, ys_stats_analyze fills `analysis`, a
 * report only reads. Arrays are owned by the ys_run_result that holds them
 * (see ys_run_result_free).
 */
#ifndef YS_MODEL_H
#define YS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bench_settings.h"
#include "metric.h"

/* One timed batch: `iterations` runs of the loop body took `value` units in
 * total (nanoseconds for time). Per-iteration value = value / iterations. */
typedef struct ys_sample {
  uint64_t iterations;
  double value;
} ys_sample;

/* One round: a fresh warm-up then a run of consecutive samples. Rounds are
 * the unit of replication for comparisons (docs/statistics.md §3). */
typedef struct ys_round {
  size_t first_sample; /* index into ys_series.samples */
  size_t n_samples;
  bool linear;     /* iteration counts d, 2d, ... nd (else all equal) */
  double estimate; /* per-iteration point estimate, filled by
                      ys_stats_analyze: slope if linear, else mean of
                      per-iteration values */
} ys_round;

typedef struct ys_estimate {
  double point;
  double lo; /* bootstrap confidence interval */
  double hi;
} ys_estimate;

/* Tukey's classes of the per-iteration values (never dropped, reported). */
typedef struct ys_outliers {
  size_t low_severe;
  size_t low_mild;
  size_t normal;
  size_t high_mild;
  size_t high_severe;
  double fences[4]; /* q1-3iqr, q1-1.5iqr, q3+1.5iqr, q3+3iqr */
} ys_outliers;

/* Diagnostics; reports explain each set bit. */
enum {
  YS_WARN_LOW_R_SQUARED = 1u << 0,  /* slope fit R² < 0.9 */
  YS_WARN_HIGH_VARIANCE = 1u << 1,  /* std_dev >= 10 % of the mean */
  YS_WARN_SHORT_SAMPLES = 1u << 2,  /* a sample near the clock resolution */
  YS_WARN_AUTOCORRELATED = 1u << 3, /* lag-1 autocorrelation > 0.5 */
  YS_WARN_FEW_ITERATIONS = 1u << 4, /* d or k was 1: sample size too big */
  YS_WARN_NOISY_ROUNDS = 1u << 5,   /* many rounds > 5 % above the fastest */
};

/* The warning bits with their names in files and reports, in a fixed
 * order: ys_warnings[i] for i < YS_WARN_COUNT. */
#define YS_WARN_COUNT 6
typedef struct ys_warning_info {
  unsigned bit;
  const char *name; /* "low_r_squared", ... */
} ys_warning_info;
extern const ys_warning_info ys_warnings[YS_WARN_COUNT];

/* What ys_stats_analyze computes from one series. */
typedef struct ys_analysis {
  ys_estimate mean; /* of per-iteration values */
  ys_estimate median;
  ys_estimate std_dev;
  ys_estimate mad;   /* scaled by 1.4826 */
  ys_estimate slope; /* through the origin over all (iterations, value) */
  bool has_slope;    /* at least one round was linear */
  double r_squared;  /* of the slope fit */
  double lag1_autocorrelation;
  ys_outliers outliers;
  /* Over the round estimates. */
  double round_min;
  double round_median;
  double round_max;
  double round_mean;
  double round_std_dev;         /* n−1 denominator; 0 for one round */
  double noisy_round_share;     /* rounds more than 5 % above round_min */
  unsigned warnings;            /* YS_WARN_* bits */
  size_t suggested_sample_size; /* with YS_WARN_FEW_ITERATIONS, else 0 */
} ys_analysis;

/* The headline per-iteration estimate: the slope when there is one, else
 * the mean. */
static inline const ys_estimate *ys_analysis_headline(const ys_analysis *a) {
  return a->has_slope ? &a->slope : &a->mean;
}

/* Everything measured for one metric of one benchmark. */
typedef struct ys_series {
  const char *metric;  /* "time", "cpu_time", ...; static storage */
  const char *unit;    /* "ns", "instructions", ...; printed only */
  ys_metric_kind kind; /* see metric.h */
  bool exact;          /* see metric.h: no statistics needed */
  ys_sample *samples;  /* all rounds, in order */
  size_t n_samples;
  ys_round *rounds;
  size_t n_rounds;
  ys_analysis analysis;
  /* 0 for a collector's metric; for a user counter (run/counters.h),
   * YS_SERIES_COUNTER with the YS_COUNTER_* flags it was reported with.
   * Counter series follow the collector's. Saved in baselines as
   * `counter` when not 0. */
  uint64_t counter;
} ys_series;

#define YS_MESSAGE_MAX         256
#define YS_NAME_MAX            256
#define YS_MESSAGE_MAX_LATENCY 320

/* Bits of ys_series.counter. The low ones are those of include/yardstick.h
 * (run/counters.c checks that they agree); SUCCESS marks a
 * ys_counter_success rate and COUNTER any user counter. */
#define YS_SERIES_COUNTER_RATE          (1u << 0)
#define YS_SERIES_COUNTER_PER_ITERATION (1u << 1)
#define YS_SERIES_COUNTER_SUCCESS       (1u << 2)
#define YS_SERIES_COUNTER_GATED         (1u << 4)
#define YS_SERIES_COUNTER_HIGHER        (1u << 5)
#define YS_SERIES_COUNTER               (1u << 8)
/* A latency series (run/latency.h): one sample per round, the round's
 * percentile of its iteration times (or its slowest iteration). Not a user
 * counter and not the collector's: the runner fills it at each round's
 * end. Saved in baselines as `counter` with this bit. */
#define YS_SERIES_LATENCY (1u << 9)

/* Latency mode of one benchmark (docs/statistics.md §7). */
typedef enum ys_latency_status {
  YS_LATENCY_OFF,     /* not asked for */
  YS_LATENCY_ON,      /* every iteration timed on its own */
  YS_LATENCY_REFUSED, /* asked for, refused: `why` says why */
} ys_latency_status;

/* The percentiles of latency mode, in order: p50, p90, p99, p99.9. */
#define YS_LATENCY_QUANTILES 4

/* What latency mode measured of one benchmark: the percentiles over every
 * kept iteration time, with bootstrap intervals, and the clock's own cost
 * (analysis/latency.h fills the estimates; run/latency.h the rest). */
typedef struct ys_latency {
  ys_latency_status status;
  char why[YS_MESSAGE_MAX_LATENCY]; /* refused: the reason, for reports */
  double clock_ns;        /* one timed window around nothing: what every
                             iteration's time includes; not subtracted */
  double probe_median_ns; /* the median iteration the decision saw */
  uint64_t timed;         /* iterations timed on their own */
  size_t kept;            /* of them kept (a uniform random subset beyond
                             YS_POLICY_LATENCY_MAX_SAMPLES) */
  ys_estimate pct[YS_LATENCY_QUANTILES]; /* ns */
  bool has_pct[YS_LATENCY_QUANTILES];    /* p99.9 needs 1000 kept times */
  double max;                            /* slowest kept time; no interval */
  double *samples; /* the kept times (ns), owned; NULL in a loaded result */
  /* Rounds left out of each percentile's per-round series for timing
   * fewer than ys_latency_min_samples iterations (saved when not 0). */
  size_t short_rounds[YS_LATENCY_QUANTILES];
} ys_latency;

typedef enum ys_bench_status {
  YS_BENCH_OK,
  YS_BENCH_SKIPPED, /* ys_skip: reason in message */
  YS_BENCH_FAILED,  /* ys_error or a crash: reason in message */
} ys_bench_status;

/* "ok", "skipped" or "failed": a status as files and reports name it. */
const char *ys_bench_status_name(ys_bench_status status);

/* The exact cost of one function in a benchmark's measured batch (every
 * window of it, all its iterations), from callgrind's data
 * (docs/baselines.md, "Each entry of functions"). Cache misses are 0 without
 * --cache-sim. */
typedef struct ys_function_cost {
  char *name;              /* owned by the result that holds it */
  uint64_t self;           /* instructions executed in the function itself */
  uint64_t inclusive;      /* self and those of the functions it called */
  uint64_t self_l1_misses; /* I1mr + D1mr + D1mw */
  uint64_t inclusive_l1_misses;
  uint64_t self_ll_misses; /* ILmr + DLmr + DLmw */
  uint64_t inclusive_ll_misses;
} ys_function_cost;

/* Why a group member has or lacks a ratio to its reference
 * (analysis/ratio.h). */
typedef enum ys_ratio_status {
  YS_RATIO_NONE,           /* not in a group, or the reference itself */
  YS_RATIO_OK,             /* `ratio` is set */
  YS_RATIO_NO_REFERENCE,   /* the reference of these parameters is not in the
                              run (the filters left it out, or it has no
                              instance of these parameters) */
  YS_RATIO_NOT_MEASURED,   /* this member or the reference skipped, failed or
                              has no rounds */
  YS_RATIO_ZERO_REFERENCE, /* the reference measured 0 per iteration */
} ys_ratio_status;

/* A group member's primary metric per iteration over its reference's
 * (0.63: 37 % less time than the reference), and its bootstrap interval
 * (docs/statistics.md, "Ratios within a group"). */
typedef struct ys_group_ratio {
  ys_ratio_status status;
  ys_estimate ratio; /* with YS_RATIO_OK */
  size_t pairs;      /* rounds paired with the reference's */
} ys_group_ratio;

/* The result of one benchmark instance. series[0] is the primary metric
 * (wall time for the wall collector). */
typedef struct ys_bench_result {
  char name[YS_NAME_MAX];   /* instance name, e.g. "sort/1024" */
  char family[YS_NAME_MAX]; /* its registration, e.g. "sort": the instances
                               of one BENCH_ARGS share it; "" when unknown
                               (a baseline that does not say) */
  ys_bench_status status;
  char message[YS_MESSAGE_MAX];
  uint64_t bytes_per_iteration;    /* 0 when not set */
  uint64_t elements_per_iteration; /* 0 when not set */
  uint64_t total_iterations;       /* measured, warm-up excluded */
  double elapsed_s;                /* wall time spent on it, warm-up included */
  ys_series *series;
  size_t n_series;
  /* Under callgrind: the functions of the measured batch, most inclusive
   * first; NULL and 0 otherwise. Owned, names included. */
  ys_function_cost *functions;
  size_t n_functions;
  /* Groups: the group ("memcpy") and the instance this one is compared
   * with ("memcpy/libc"; its own name for the reference); both "" when the
   * benchmark is in no group. `ratio` is filled by ys_ratio_fill. */
  char group[YS_NAME_MAX];
  char group_reference[YS_NAME_MAX];
  ys_group_ratio ratio;
  /* The settings it was measured with (its own where settings.own != 0:
   * BENCH_WITH); zero in results loaded from a baseline. */
  ys_bench_settings settings;
  /* Latency mode (settings.latency): status OFF otherwise. */
  ys_latency latency;
  /* `bench exec`: the command as given (its text, or the argv after "--"
   * joined by spaces), owned, and how it ran, "none" (split into words and
   * executed) or "sh" (sh -c); NULL and "" for a BENCH body. */
  char *command;
  char shell[8];
} ys_bench_result;

/* One cache level as reported by the OS (Google Benchmark's context). */
typedef struct ys_cache_info {
  char type[16]; /* "Data", "Instruction", "Unified" */
  int level;
  long size; /* bytes */
  int num_sharing;
} ys_cache_info;

#define YS_MAX_CACHES 8

/* Where and how the run happened; shared by every report's header. */
/* The most machine findings a context keeps (harness/doctor.h). */
#define YS_MAX_MACHINE_FINDINGS 12

/* One thing about the machine that makes measurements less reliable, as
 * `bench doctor` words it (docs/doctor.md): its level ("warning" or
 * "problem"), what was checked ("governor"), what was found, and the
 * command that fixes it ("" when none). */
typedef struct ys_machine_finding {
  char level[12];
  char check[24];
  char text[240];
  char fix[200];
} ys_machine_finding;

typedef struct ys_context {
  char date[40]; /* ISO 8601, UTC */
  char host_name[128];
  char executable[512];
  char cpu_model[128];
  int num_cpus;
  double mhz_per_cpu;
  bool cpu_scaling_enabled; /* governor other than "performance" */
  bool aslr_enabled;
  double load_avg[3];
  ys_cache_info caches[YS_MAX_CACHES];
  size_t n_caches;
  const char *compiler;   /* static storage */
  const char *build_type; /* "release" or "debug" */
  const char *library_version;
  const char *collector; /* "wall" */
  char git_commit[64];   /* YARDSTICK_GIT_COMMIT or GITHUB_SHA; may be "" */
  double clock_resolution_ns;
  double loop_overhead_ns; /* per iteration of an empty ys_loop */
  /* The run's settings, so a report says how it was measured. */
  uint64_t seed;
  size_t rounds;
  size_t sample_size;
  /* bench exec: the measured runs per command, split over `rounds` (so
   * sample_size is the larger rounds' count); 0 for a benchmark run. */
  size_t runs;
  double warm_up_time_s;     /* per benchmark, all rounds */
  double measurement_time_s; /* per benchmark, all rounds */
  /* The most memory the run held resident, in bytes: this process or a
   * worker process, whichever held the most (getrusage), read when the
   * measuring is over; 0 when unknown. */
  uint64_t max_rss_bytes;
  /* --pin: the CPU the measuring ran on, "3", or "3 (auto)" when --pin
   * auto chose it; "" when not pinned. */
  char pinned_cpu[32];
  /* --shard: which part of the suite this run measured, "2/3"; "" for a
   * whole run and for a merge of the parts (baselines/merge.h). */
  char shard[48];
  /* The machine's warnings and problems, cheap checks only. */
  ys_machine_finding machine_findings[YS_MAX_MACHINE_FINDINGS];
  size_t n_machine_findings;
} ys_context;

/* What a comparison against a baseline concluded for one benchmark
 * (docs/statistics.md §3). */
typedef enum ys_verdict {
  YS_VERDICT_UNCHANGED,
  YS_VERDICT_IMPROVED,
  YS_VERDICT_REGRESSED,    /* fails the run (exit 1) */
  YS_VERDICT_INCONCLUSIVE, /* noise hides the answer: warns only, unless
                              --fail-on-inconclusive */
  YS_VERDICT_NEW,          /* in this run only */
  YS_VERDICT_MISSING,      /* in the baseline only */
  YS_VERDICT_NOT_COMPARED, /* skipped or failed on either side */
  YS_VERDICT_COUNT,
} ys_verdict;

/* Why a verdict is inconclusive (docs/statistics.md §3). */
typedef enum ys_doubt {
  YS_DOUBT_NONE,
  /* The change crosses the threshold but its interval reaches 0. */
  YS_DOUBT_UNSUPPORTED,
  /* The interval reaches more than the threshold beyond the change on both
   * sides: a change of the threshold's size could not be told apart. */
  YS_DOUBT_TOO_WIDE,
  /* The change crosses the threshold with fewer than
   * YS_POLICY_MIN_DECIDING_ROUNDS rounds on a side: nothing to back it. */
  YS_DOUBT_FEW_ROUNDS,
  /* The change crosses the threshold while the CPU was shared, and
   * either there is no cpu_time to decide on instead or a side had the CPU
   * less than YS_POLICY_MIN_JUDGED_CPU_SHARE of the time. */
  YS_DOUBT_CONTENDED,
} ys_doubt;

/* How much one function's self cost changed between a baseline and this
 * run (gate/function_diff.h): instructions per iteration of the loop. */
typedef struct ys_function_change {
  const char *name; /* borrowed from the compared results */
  double base_self; /* 0 when the baseline does not list it */
  double new_self;  /* 0 when this run does not list it */
  double delta;     /* new_self - base_self */
  double change;    /* delta / base_self; NaN when base_self is 0 */
} ys_function_change;

/* The most function changes one comparison names. */
#define YS_FUNCTION_CHANGES_MAX 5

/* The most metrics one comparison lists (as many as a collector records). */
#define YS_COMPARED_METRICS_MAX 32

/* One metric of a benchmark against its baseline, under its own threshold
 * (docs/statistics.md §3, "Every metric"): every series both sides hold is
 * compared by the rule of its kind; only a gated one can fail the run. */
typedef struct ys_metric_comparison {
  const char *metric; /* static storage, as the series' */
  const char *unit;   /* static storage; printed only */
  ys_metric_kind kind;
  bool exact;            /* exact counts: the threshold alone decides */
  bool gated;            /* a regression of it fails the benchmark */
  bool higher_is_better; /* a fall is the regression (--gate M:P%:higher) */
  ys_verdict verdict;    /* of this metric alone; regressed means worse in
                            the metric's own direction */
  double threshold;      /* fraction: the metric's gate, else --threshold */
  double base_estimate;  /* lower quartile of round estimates, as for the
                            primary metric */
  double new_estimate;
  double change;         /* new_estimate / base_estimate − 1 */
  ys_estimate change_ci; /* bootstrap CI; the change itself when exact */
  /* A gated metric only one side holds is listed "not compared", so that
   * reports say it was not judged: base_lacks says the baseline has no
   * such series (else this run has none). */
  bool base_lacks;
} ys_metric_comparison;

/* A comparison of one benchmark's primary series against its baseline.
 * Each side is summed up by one statistic of its round estimates (the
 * lower quartile, YS_POLICY_DECISION_QUANTILE) of the compared metric: the
 * primary one, or cpu_time in place of wall time when the CPU was shared
 * (`contended`); `change` compares the two,
 * decides the verdict, and is what every report shows, with `change_ci`,
 * the bootstrap interval of the same statistic, which always contains it.
 * Changes are fractions (0.05 = 5 % slower); for "new", "missing" and "not
 * compared" only the verdict and what exists on each side are set.
 * Reports receive NULL when there is nothing to compare against. */
typedef struct ys_comparison {
  ys_verdict verdict;
  ys_doubt doubt;      /* set when inconclusive, else YS_DOUBT_NONE */
  const char *metric;  /* the compared metric; static storage */
  const char *unit;    /* static storage; printed only */
  ys_metric_kind kind; /* of the compared metric */
  bool exact;          /* exact counts: the threshold alone decides */
  size_t base_rounds;
  size_t new_rounds;
  double base_estimate; /* lower quartile of round estimates */
  double new_estimate;
  double base_median; /* median of round estimates: shown, never decides */
  double new_median;
  double change;         /* new_estimate / base_estimate − 1: decides */
  ys_estimate change_ci; /* bootstrap CI of change; contains it */
  double p_value;        /* one-sided Mann-Whitney, new slower than base;
                            NaN when not computed (exact) */
  double threshold;      /* the gate, e.g. 0.05 */
  double base_noise;     /* share of rounds > 5 % above the fastest */
  double new_noise;
  /* Inconclusive: rounds a side would likely settle it, 0 when more than
   * YS_POLICY_SETTLE_MAX_ROUNDS (then --against or a quieter machine). */
  size_t settle_rounds;
  /* Wall time against wall time: the share of its time each side's
   * process had the CPU (median over rounds of cpu_time / time), NaN when
   * not measured. Below YS_POLICY_MIN_CPU_SHARE on either side the CPU was
   * shared (`contended`), and `metric` is cpu_time. */
  double base_cpu_share;
  double new_cpu_share;
  bool contended;
  bool noisy;      /* either side too noisy to trust: say so in reports */
  bool remeasured; /* decided on rounds that include a second measurement */
  /* Against a named baseline, its history was consulted for a noise band
   * (gate/band.h): `band` is the spread of this benchmark's estimates over
   * `band_runs` runs of the history, NaN when too few runs hold it or the
   * metric is exact; a band above the threshold was the bar the change had
   * to clear. */
  bool band_checked;
  double band;
  size_t band_runs;
  /* Regressed or improved, with function costs on both sides: the
   * functions whose self cost changed most, largest change first. */
  ys_function_change functions[YS_FUNCTION_CHANGES_MAX];
  size_t n_functions;
  /* Every metric both sides hold, in this run's series order (the primary
   * first), each judged alone; 0 when the verdict is new, missing or not
   * compared. The verdict above is regressed when the primary metric or
   * any gated metric regressed. */
  ys_metric_comparison metrics[YS_COMPARED_METRICS_MAX];
  size_t n_metrics;
} ys_comparison;

/* The verdict's name as reports print it: "regressed", "inconclusive",
 * "unchanged", ... */
const char *ys_verdict_name(ys_verdict v);

/* The doubt's name as machine-readable reports give it: "unsupported",
 * "too_wide", "few_rounds", "contended", or NULL for YS_DOUBT_NONE. */
const char *ys_doubt_name(ys_doubt d);

/* Totals for a run, handed to reports' end hook. */
typedef struct ys_summary {
  size_t n_ok;
  size_t n_skipped;
  size_t n_failed;
  double elapsed_s;
  /* Set when the run was compared against a baseline. */
  bool compared;
  const char *baseline_name; /* borrowed */
  bool against; /* baseline_name is --against's program, not a baseline */
  const ys_context *baseline_ctx; /* borrowed: where the baseline ran */
  size_t n_verdicts[YS_VERDICT_COUNT];
  /* Set when --baseline named a file that does not exist yet and the run
   * reports without it (--if-missing report): the name given; borrowed. */
  const char *missing_baseline;
  /* An inconclusive verdict fails the run (--fail-on-inconclusive): the
   * reports then count it with the failures. */
  bool fail_on_inconclusive;
  /* Performance targets (gate/targets.h) that the run missed: each fails
   * the run, with or without a baseline. */
  size_t n_targets_missed;
  /* "SIGINT" or "SIGTERM" when a signal stopped the run: the report holds
   * what was measured before it, unjudged; NULL for a run that ended. */
  const char *interrupted_by;
} ys_summary;

/* ---- Complexity of a family (analysis/complexity.h) ---------------- */

/* X(enum value, name in files and reports, f(n) as C): the candidate
 * growth functions, in order of growth; one table generates all three. */
#define YS_COMPLEXITY_MAP(X)                                                   \
  X(YS_COMPLEXITY_1, "1")                                                      \
  X(YS_COMPLEXITY_LOG_N, "log n")                                              \
  X(YS_COMPLEXITY_N, "n")                                                      \
  X(YS_COMPLEXITY_N_LOG_N, "n log n")                                          \
  X(YS_COMPLEXITY_N2, "n^2")                                                   \
  X(YS_COMPLEXITY_N3, "n^3")

typedef enum ys_complexity_class {
#define YS__COMPLEXITY_ENUM(value, name) value,
  YS_COMPLEXITY_MAP(YS__COMPLEXITY_ENUM)
#undef YS__COMPLEXITY_ENUM
      YS_COMPLEXITY_COUNT,
  /* The family's own function (YS_COMPLEXITY in yardstick.h), fitted
   * beside the classes above; its name is the fit's user_name. */
  YS_COMPLEXITY_USER = YS_COMPLEXITY_COUNT,
} ys_complexity_class;

/* The longest name of a user's complexity function, in bytes. */
#define YS_COMPLEXITY_USER_NAME_MAX 47

/* The name of a class as files and reports give it ("n log n"), without
 * the "O()" around it; "user" for YS_COMPLEXITY_USER; "unknown" out of
 * range. */
const char *ys_complexity_name(ys_complexity_class c);

/* Parses a class's name ("user" included). Returns true and sets *out, or
 * false. */
bool ys_complexity_parse(const char *name, ys_complexity_class *out);

/* How the primary metric of one BENCH_ARGS family grows with its parameter
 * n (docs/statistics.md, "Complexity"). `fitted` is false when the family
 * has fewer than YS_POLICY_COMPLEXITY_MIN_POINTS sizes: then only family,
 * unit, n_points and the range of n are set, and reports say why. */
typedef struct ys_complexity_fit {
  char family[YS_NAME_MAX];
  char unit[32];   /* of the primary metric, per iteration; printed only */
  size_t n_points; /* sizes measured (one instance each) */
  /* Instances measured over a size <= 0 ("neg/-8", "n:0"), left out of the
   * points: log n and the exponent (log value on log n) need n > 0. */
  size_t n_left_out;
  long n_min;
  long n_max;
  bool fitted;
  ys_complexity_class best; /* least relative RMS */
  double coefficient;       /* c of value ≈ c·f(n), in `unit` */
  double rms;               /* relative: RMS of residuals / mean value */
  /* The class next to the best in order of growth, on the side the
   * measured exponent leans to (analysis/complexity.h). */
  ys_complexity_class runner_up;
  double runner_up_rms;
  /* The runner-up's RMS is within YS_POLICY_COMPLEXITY_TIE_FACTOR of the
   * best's, or the exponent is nearer the runner-up's class: the
   * measurements cannot tell the two apart. */
  bool indistinguishable;
  double exponent;           /* slope of log value on log n */
  double exponent_r_squared; /* of that line */
  /* The family's own function (YS_COMPLEXITY), fitted beside the classes:
   * its name ("" when the family has none), coefficient, relative RMS and
   * own exponent over n_min..n_max. best or runner_up is
   * YS_COMPLEXITY_USER when it is that function. */
  char user_name[YS_COMPLEXITY_USER_NAME_MAX + 1];
  double user_coefficient;
  double user_rms;
  double user_exponent;
} ys_complexity_fit;

/* The name a report gives class c of fit f: the user function's name for
 * YS_COMPLEXITY_USER, else ys_complexity_name(c). */
const char *ys_complexity_fit_name(const ys_complexity_fit *f,
                                   ys_complexity_class c);

/* All results of a run, in name order. */
typedef struct ys_run_result {
  ys_bench_result *benches;
  size_t n_benches;
  /* One per family of two or more numeric instances, in name order; owned.
   * Filled after the analysis (ys_complexity_fit_run), saved and loaded
   * with baselines. */
  ys_complexity_fit *complexity;
  size_t n_complexity;
} ys_run_result;

/* The series of `res` measuring `metric`, or NULL (also for a NULL `res`
 * or `metric`). Borrowed from `res`. */
const ys_series *ys_bench_result_series(const ys_bench_result *res,
                                        const char *metric);

/* Appends the rounds (and samples) of `more` to those of `res`, series by
 * series of the same metric. Used to decide on all rounds after
 * re-measuring. Both must hold the same metrics in the same order, except
 * latency percentile series (YS_SERIES_LATENCY): a round too short for
 * p99 or p99.9 adds none, so the extra rounds may lack one `res` has (it
 * keeps its rounds) or have one `res` lacks (left out: the series of a
 * result are those of its first round). Returns 0, YS_EINVAL when the
 * other series differ, or YS_ENOMEM. The analysis is left to be
 * recomputed. */
int ys_bench_result_append_rounds(ys_bench_result *res,
                                  const ys_bench_result *more);

/* Frees the series and function costs a single result owns (not the
 * struct itself) and leaves it without them. NULL-safe. */
void ys_bench_result_clear(ys_bench_result *res);

/* Frees everything a run result owns (not the struct itself). NULL-safe. */
void ys_run_result_free(ys_run_result *run);

#endif
