/*
 * option_rules.h — options that would do nothing are refused.
 *
 * The parser (cli.h) checks each option on its own; these rules check them
 * together, after parsing: an option that has no effect in the mode or with
 * the collector given is an error, because a user who gives it believes it
 * does something (`bench compare --quick` does not make the comparison
 * quicker; `--cache-sim` under the wall clock simulates nothing).
 */
#ifndef YS_OPTION_RULES_H
#define YS_OPTION_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"

/*
 * Checks the options the command line gave (o->given, from ys_cli_parse)
 * for `bench compare` when `compare` is true, else for a run:
 *
 *   - compare refuses every option that only a run uses (what to run, how
 *     to measure, --save-baseline, --baseline, --if-missing, --against);
 *   - --counters and --require-counters need the perf collector;
 *   - --cache-sim and --callgrind-out need the callgrind collector;
 *   - --iterations needs an exact collector;
 *   - --if-missing is "fail" or "report", and needs --baseline.
 *
 * Nothing is checked for the internal --worker mode, whose command line is
 * written by the parent from its own (already checked) options.
 *
 * Returns 0, or YS_EINVAL with a one-line message naming the flag in err
 * (err_len bytes, may be 0).
 */
int ys_option_rules_check(const ys_options *o, bool compare, char *err,
                          size_t err_len);

/*
 * Checks the gates of a run that compares (--baseline or --against), from
 * --gate or the config file's `gate`, against the metrics its collector
 * can record (ys_metric_gates_check_names): a misspelt metric, or one of
 * another collector, is refused before anything runs. Nothing is checked
 * for a run that does not compare, for `profile` or for --worker.
 *
 * Returns 0, or YS_EINVAL with a one-line message in err (err_len bytes)
 * naming --gate or the config file.
 */
int ys_option_rules_check_gates(const ys_options *o, char *err, size_t err_len);

#endif
