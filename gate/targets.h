/*
 * targets.h — performance targets: absolute budgets a benchmark must stay
 * within on every run, whatever a baseline says (docs/authoring.md,
 * "Performance targets"). They are declared in code (YS_TARGET) or in the
 * config file (`targets:`, docs/configuration.md), checked against the
 * run before anything is measured, and judged on the finished run.
 *
 * A time target passes only when the upper end of the estimate's
 * confidence interval is within its limit: a pass then holds at the
 * interval's confidence, and noise cannot pass a benchmark that is over.
 * An exact count (callgrind) passes when the count is within the limit.
 */
#ifndef YS_TARGETS_H
#define YS_TARGETS_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/model.h"

/* How a target's limit was written, which the metric's kind must fit. */
typedef enum ys_limit_unit {
  YS_LIMIT_NS,    /* a time with its unit ("16.6ms"), held in ns */
  YS_LIMIT_PLAIN, /* a plain number: a count */
  YS_LIMIT_CODE,  /* YS_TARGET's number: seconds for a time metric, the
                     count for a count metric */
} ys_limit_unit;

/* One declared target. */
typedef struct ys_target_spec {
  char benchmark[YS_NAME_MAX];
  char metric[64];
  double limit; /* as written, in the unit `unit` says */
  ys_limit_unit unit;
  bool at_least;    /* ">=" (a floor: a throughput, a hit count); else "<=" */
  char source[320]; /* "yardstick.yaml:7" or "benches/parse.c:12" */
} ys_target_spec;

typedef enum ys_target_status {
  YS_TARGET_PASS,
  YS_TARGET_MISS,
  YS_TARGET_NOT_RUN,      /* the filters (or --shard) left the benchmark
                             out of this run */
  YS_TARGET_NOT_MEASURED, /* it skipped or failed: nothing to judge */
  YS_TARGET_NOT_RECORDED, /* a target in code on a metric this run's
                             collector does not record (the suite's code
                             serves every collector) */
} ys_target_status;

/* A target judged on a run. */
typedef struct ys_target_result {
  ys_target_status status;
  const char *unit;     /* the metric's ("ns", "instructions"); borrowed */
  ys_metric_kind kind;  /* the metric's */
  bool exact;           /* judged on an exact count */
  bool after_run;       /* a metric only the run can show recorded (a user
                           counter, a latency series): checked by
                           ys_targets_check_recorded */
  double limit;         /* per iteration, in the metric's unit */
  ys_estimate measured; /* per iteration, with PASS or MISS */
  double judged;        /* what was compared: the interval's end on the
                           side of the limit (upper for <=, lower for >=),
                           or the exact count */
  double margin;        /* the share of the limit to spare: (limit -
                           judged) / limit for <=, (judged - limit) / limit
                           for >=; > 0 within the target */
} ys_target_result;

/* The targets of a run, from code and file, with their results. */
typedef struct ys_target_table {
  ys_target_spec *specs;
  ys_target_result *results; /* parallel to specs, filled by judging */
  size_t n;
} ys_target_table;

/* Appends a copy of *spec. Returns 0 or YS_ENOMEM. */
int ys_targets_add(ys_target_table *t, const ys_target_spec *spec);

/* Appends the targets declared in code, from the chain at `head` (the
 * YS_TARGET registry, ys_targets_registered()), in declaration order
 * within a file. Returns 0; YS_EINVAL with the target's file and line in
 * err for a comparison other than <= or >= or a limit that is not a
 * finite number >= 0; YS_ENOMEM. */
struct ys_target; /* yardstick.h */
int ys_targets_add_registered(ys_target_table *t, const struct ys_target *head,
                              char *err, size_t err_len);

/* The head of the chain YS_TARGET's constructors build (may be NULL). */
const struct ys_target *ys_targets_registered(void);

/* Parses a limit as the config file writes it: a number and a time unit
 * (ns, us, µs, ms, s; "16.6ms", "250 us") into ns with YS_LIMIT_NS, or a
 * plain number (a count) with YS_LIMIT_PLAIN. Returns whether `text` is
 * one, finite and >= 0. */
bool ys_targets_parse_limit(const char *text, double *out, ys_limit_unit *unit);

/* One metric the run records, for ys_targets_check. */
typedef struct ys_target_metric {
  const char *name;
  const char *unit; /* static storage, as the collector's */
  ys_metric_kind kind;
} ys_target_metric;

/*
 * Checks every target against the program before anything runs: its
 * benchmark must be one of the `n_all` instance names in `all` (the
 * program's, chosen or not), and no other target may have the same
 * benchmark, metric and direction. Its metric must be named and be one
 * of:
 *   - the `n_metrics` the run's collector records;
 *   - a latency series (latency_p50 ... latency_max), a time in ns;
 *   - for a target in code (YS_LIMIT_CODE) only, another collector's
 *     metric: marked YS_TARGET_NOT_RECORDED, since the suite's code serves
 *     every collector while the config file that names a metric also
 *     names the collector;
 *   - a name no collector records that is not a near miss of one that a
 *     collector or latency mode records (ys_metric_gates_check_names'
 *     rule): it may be a user counter.
 * The last two kinds are marked after_run: only the run shows whether they
 * are recorded (ys_targets_check_recorded). A limit must be written in a
 * unit that fits the metric's kind (a time with a time unit, a count
 * plain), when that kind is known. Returns 0, or YS_EINVAL with a message
 * naming the target and its source in err. Each target's result gets its
 * metric's unit, kind and limit in that unit (for a target in code on
 * another collector's metric, that collector's), so that a target the run
 * then does not reach still reads "time <= 16.6 ms".
 */
int ys_targets_check(ys_target_table *t, const char *const *all, size_t n_all,
                     const ys_target_metric *metrics, size_t n_metrics,
                     char *err, size_t err_len);

/* After the run, before judging: every after_run target whose benchmark
 * ran and was measured must find its metric recorded by that benchmark,
 * with a kind its limit's unit fits (a user counter's unit is only known
 * now). Returns 0, or YS_EINVAL with a message naming the target and its
 * source in err, and listing what the benchmark records or saying why a
 * latency series is missing (ys_metric_gates_check's words). A target
 * that could never be judged is a mistake, as a gate on such a metric. */
int ys_targets_check_recorded(const ys_target_table *t,
                              const ys_run_result *run, char *err,
                              size_t err_len);

/* Judges every target on the finished `run` (borrowed), filling
 * t->results; a benchmark the run does not hold is YS_TARGET_NOT_RUN,
 * before YS_TARGET_NOT_RECORDED.
 * Returns how many targets missed. The table must have passed
 * ys_targets_check. Returns 0 on an empty table. */
size_t ys_targets_judge(ys_target_table *t, const ys_run_result *run);

/* "pass", "miss", "not run", "not measured", "not recorded". */
const char *ys_target_status_name(ys_target_status s);

/* "<=" or ">=", as the target was written. */
const char *ys_target_op(const ys_target_spec *s);

/* Frees what the table owns and leaves it empty; NULL-safe. */
void ys_targets_free(ys_target_table *t);

#endif
