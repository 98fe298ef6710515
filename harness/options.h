/*
 * options.h — everything a run is told by its command line, in one struct
 * that is passed down (never kept in a global).
 */
#ifndef YS_OPTIONS_H
#define YS_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../collectors/collector.h"
#include "../core/policy.h"
#include "../gate/metric_gate.h"
#include "../reports/report.h"

/* Defaults, per benchmark, summed over its rounds. Ten short rounds beat
 * fewer long ones on a noisy machine (docs/statistics.md §3); README's
 * "Performance" section gives the measurements behind these numbers. */
#define YS_DEFAULT_WARM_UP_S     0.2
#define YS_DEFAULT_MEASUREMENT_S 0.6
#define YS_DEFAULT_SAMPLE_SIZE   20
#define YS_DEFAULT_ROUNDS        10
/* Worker processes per side: each has its own memory layout, so that the
 * process-to-process offset is sampled instead of a fixed bias
 * (peer/pool.h, docs/statistics.md §3). */
#define YS_DEFAULT_PROCESSES 3
#define YS_DEFAULT_SEED      1

/* --timeout when not given: YS_TIMEOUT_AUTO, resolved by
 * ys_options_timeout. A benchmark that behaves spends about its warm-up
 * plus measurement time; the sample plan may take up to twice its share
 * and the warm-up's doubling overshoots, so ten times that budget never
 * stops one that behaves, and the floor of a minute leaves room for
 * benchmarks whose setup outside the timed loop is slow. Under an exact
 * collector the time settings do not apply (a fixed iteration count runs
 * under valgrind, 20 to 100 times slower than native): ten minutes. */
#define YS_TIMEOUT_AUTO    (-1.0)
#define YS_TIMEOUT_FACTOR  10.0
#define YS_TIMEOUT_MIN_S   60.0
#define YS_TIMEOUT_EXACT_S 600.0

/* --quick: a smoke-test run of about a tenth of the default. */
#define YS_QUICK_WARM_UP_S     0.03
#define YS_QUICK_MEASUREMENT_S 0.12
#define YS_QUICK_SAMPLE_SIZE   10
#define YS_QUICK_ROUNDS        5

#define YS_MAX_OUTPUTS 8

/* A report written to a file besides stdout (--output). */
typedef struct ys_output {
  const ys_report_ops *format;
  const char *path; /* borrowed from argv; "-" is stdout */
} ys_output;

typedef struct ys_options {
  /* What to run. */
  char **filters; /* POSIX EREs (or exact names with --exact); borrowed */
  size_t n_filters;
  bool exact;
  bool list;
  const char *shard; /* --shard K/N: this part only (shard.h); borrowed */
  /* How to measure. */
  const char *collector; /* "wall" */
  double warm_up_time_s;
  double measurement_time_s;
  size_t sample_size;
  size_t rounds;
  size_t processes; /* workers per side; 0: in this process */
  double timeout_s; /* per benchmark; 0: none; YS_TIMEOUT_AUTO: default */
  uint64_t seed;
  bool quick;
  bool latency;    /* --latency: every benchmark in latency mode */
  const char *pin; /* --pin CPU|auto (pin.h); NULL: not pinned; borrowed */
  /* How to report. */
  const ys_report_ops *format; /* what goes to stdout */
  bool quiet;   /* results only: no diagnostics, no progress line */
  bool verbose; /* every diagnostic in full under its benchmark */
  ys_output outputs[YS_MAX_OUTPUTS];
  size_t n_outputs;
  /* What collectors are told; see collectors/collector.h. */
  ys_collector_options collect;
  /* Baselines and comparisons. */
  const char *save_baseline; /* NAME to save this run as; borrowed */
  size_t history;       /* --history N: keep NAME's last N runs; 0: untouched */
  const char *baseline; /* NAME or PATH to compare against; borrowed */
  const char *baseline_dir;  /* NULL: YARDSTICK_BASELINE_DIR or default */
  const char *against;       /* another build of the suite to run as the
                                baseline, round for round; borrowed */
  double threshold;          /* regression gate, a fraction (0.05 = 5 %) */
  ys_metric_gates gates;     /* --gate: metrics gated at their own
                                thresholds (gate/metric_gate.h) */
  bool fail_on_inconclusive; /* an inconclusive verdict fails as regressed */
  const char *if_missing;    /* --if-missing: "fail" (NULL) or "report" */
  bool worker;               /* serve rounds to a parent over stdin/stdout */
  /* `bench profile` (docs/profiling.md): set by the caller, not parsed. */
  bool profile;
  const char *profile_dir;  /* NULL: YS_PROFILE_DEFAULT_DIR */
  double profile_time_s;    /* timed loop sampled per benchmark */
  const char *save_profile; /* keep the profile as DIR/NAME; borrowed */
  /* `bench doctor` (docs/doctor.md): exit 1 on warnings too. */
  bool strict;
  /* The config file (docs/configuration.md): --config FILE, or NULL for
   * ./yardstick.yaml when it exists; --no-config reads none. */
  const char *config;
  bool no_config;
  /* Informational; the caller prints and exits 0. */
  bool help;
  bool version;
  /* Which options the command line gave, as opposed to defaulted: one bit
   * per option, ask with ys_cli_given (cli.h). */
  uint64_t given;
  /* Which options the config file set, one bit per option as `given`:
   * the command line overrides them (a list option, --gate or --output,
   * given on the command line replaces the file's list). */
  uint64_t configured;
} ys_options;

/* How much the reports say, from --quiet and --verbose (which ys_cli_parse
 * never lets come together). */
static inline ys_report_verbosity ys_options_verbosity(const ys_options *o) {
  if (o->quiet) return YS_REPORT_QUIET;
  return o->verbose ? YS_REPORT_VERBOSE : YS_REPORT_NORMAL;
}

/* The timeout in seconds that applies (0: none), from --timeout or the
 * default above; `exact` says whether the collector is exact. */
static inline double ys_options_timeout(const ys_options *o, bool exact) {
  if (o->timeout_s >= 0) return o->timeout_s;
  if (exact) return YS_TIMEOUT_EXACT_S;
  double scaled =
      YS_TIMEOUT_FACTOR * (o->warm_up_time_s + o->measurement_time_s);
  return scaled > YS_TIMEOUT_MIN_S ? scaled : YS_TIMEOUT_MIN_S;
}

#endif
