/*
 * round_functions.h — the per-function costs of one worker round under
 * --collector callgrind (docs/worker-protocol.md, "Functions of a round"):
 * the worker reads what its own callgrind file gained during the round, and
 * the parent adds each round's functions to the other build's result, so
 * that --against names the functions behind a change as a baseline does.
 */
#ifndef YS_ROUND_FUNCTIONS_H
#define YS_ROUND_FUNCTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "../collectors/collector.h"
#include "../core/model.h"

/* Where this process's callgrind file ends now, so that the parts a round
 * appends can be read alone afterwards: its size in bytes, or -1 when the
 * collector does not count under valgrind or there is no file yet to read
 * (then the round has no functions). */
long ys_round_functions_mark(const ys_collector *collector);

/* Fills res->functions (replacing any) with the functions of the parts
 * appended to this process's callgrind file since `mark` that belong to
 * res's benchmark, selected as a run's are (YS_POLICY_FUNCTION_MIN_SHARE,
 * YS_POLICY_FUNCTIONS_MAX). Each callgrind part names its functions anew,
 * so the tail of the file reads alone. A mark of -1, a file that cannot be
 * read or parsed leave res without functions: the round's samples matter
 * more than its functions, which are only an explanation. */
void ys_round_functions_read(long mark, ys_bench_result *res);

/* Writes the "functions K" line and the K function lines of res
 * (docs/worker-protocol.md) to out. */
void ys_round_functions_send(const ys_bench_result *res, FILE *out);

/* Parses one function line, "SELF INCLUSIVE SELF_L1 INCLUSIVE_L1 SELF_LL
 * INCLUSIVE_LL NAME", into *out (name borrowed from line). Every count is
 * decimal digits; the name is the rest of the line, non-empty. Returns
 * 0, or YS_EFORMAT. */
int ys_round_functions_parse(char *line, ys_function_cost *out);

/* Adds the costs of more[0..n) to those of res's functions of the same
 * name (a function res did not list yet is added, its name copied), then
 * orders res's functions most inclusive first, ties by name, and keeps at
 * most `max`. Summing rounds this way gives the other build's functions the
 * meaning a run's own have: costs of every measured window, to divide by
 * total_iterations. Returns 0 or YS_ENOMEM (res unchanged then). */
int ys_round_functions_merge(ys_bench_result *res, const ys_function_cost *more,
                             size_t n, size_t max);

#endif
