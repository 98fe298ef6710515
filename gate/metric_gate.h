/*
 * metric_gate.h — which metrics gate a comparison, and at what threshold.
 *
 * `--gate instructions:2%,D1mr:10%` (or a config file's `gates:`) names
 * metrics whose regression fails the run, each with its own threshold. The
 * text form is METRIC:PCT[%][:higher|:lower], comma-separated: PCT is a
 * percentage in (0, 1000]; `:higher` says that higher is better for that
 * metric (a fall is the regression), `:lower`, the default, that lower is.
 * docs/cli.md and docs/statistics.md §3 ("Every metric") describe the rule.
 */
#ifndef YS_METRIC_GATE_H
#define YS_METRIC_GATE_H

#include <stdbool.h>
#include <stddef.h>

#include "../collectors/collector.h"

/* The most gates one run holds, and the longest metric name one may name. */
#define YS_METRIC_GATES_MAX     16
#define YS_METRIC_GATE_NAME_MAX 64

typedef struct ys_metric_gate {
  char metric[YS_METRIC_GATE_NAME_MAX]; /* "instructions", "D1mr", ... */
  double threshold;                     /* a fraction: 0.02 for 2 % */
  bool higher_is_better;
  /* Whether the item said :higher or :lower. Without it a user counter
   * keeps the direction its code declared (YS_COUNTER_HIGHER_IS_BETTER);
   * every other metric is lower-is-better. */
  bool direction_given;
} ys_metric_gate;

/* The gates of a run, each metric at most once, in the order given. */
typedef struct ys_metric_gates {
  ys_metric_gate gate[YS_METRIC_GATES_MAX];
  size_t n;
} ys_metric_gates;

/*
 * Parses `text` (borrowed; "METRIC:PCT[%][:higher|:lower]" items joined by
 * ',') and appends its gates to *into, which the caller has zeroed or
 * filled before. Returns 0, or YS_EINVAL with a one-line message in err
 * (err_len bytes, may be 0) quoting the item at fault: an empty item or
 * metric, a percentage that is not a number in (0, 1000], an unknown
 * direction, a metric named twice, more than YS_METRIC_GATES_MAX gates.
 * On error *into keeps the gates it had before the call.
 */
int ys_metric_gates_parse(const char *text, ys_metric_gates *into, char *err,
                          size_t err_len);

/* The gate of `metric` (borrowed) in *gates, or NULL when it has none. */
const ys_metric_gate *ys_metric_gates_find(const ys_metric_gates *gates,
                                           const char *metric);

/*
 * Checks, before anything runs, the gated metrics that no run of the
 * collector `spec` (checked by ys_collector_check) with options `opts`
 * (borrowed) could record, so that a misspelt gate costs a second rather
 * than a whole suite. Refused, in the order given:
 *   - a metric other collectors record but not this one ("--gate:
 *     'instructions' is recorded by the callgrind and perf collectors, not
 *     by --collector wall"), or this one only with other options ("... by
 *     --collector callgrind only with --cache-sim");
 *   - a name that is none of these but within a small edit distance of a
 *     metric a collector records or of a latency series ("--gate: unknown
 *     metric 'instructons'; did you mean 'instructions'?", followed by
 *     why this collector will not record it when it will not).
 * Every other name passes: a user counter exists only once its benchmark
 * has run, and a latency series only in latency mode, so those are
 * checked after the run by ys_metric_gates_check. `source` names where
 * the gates come from, at the head of the message ("--gate",
 * "yardstick.yaml: gate").
 * Returns 0, or YS_EINVAL with a one-line message in err (err_len bytes).
 */
int ys_metric_gates_check_names(const ys_metric_gates *gates, const char *spec,
                                const ys_collector_options *opts,
                                const char *source, char *err, size_t err_len);

/*
 * Checks that every gated metric is one of the n_available names
 * `available` (borrowed) that a run records. Returns 0, or YS_EINVAL with
 * a message in err naming the first metric that is not recorded and
 * listing the available ones ("'D1mr' is not recorded by this run
 * (available: instructions, ...)"); for a latency series, why the run
 * has none (latency mode off, or rounds too short for the percentile).
 */
int ys_metric_gates_check(const ys_metric_gates *gates,
                          const char *const *available, size_t n_available,
                          char *err, size_t err_len);

#endif
