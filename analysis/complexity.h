/*
 * complexity.h — how a benchmark's cost grows with its parameter
 * (docs/statistics.md, "Complexity"): least-squares fits of value ≈ c·f(n)
 * for f in O(1), O(log n), O(n), O(n log n), O(n²), O(n³) with GSL, and the
 * empirical exponent, the slope of log value on log n.
 *
 * Pure functions; no I/O.
 */
#ifndef YS_COMPLEXITY_H
#define YS_COMPLEXITY_H

#include <stddef.h>
#include <stdint.h>

#include <yardstick.h>

#include "../core/model.h"

/* f(n) of a class: 1, log2 n, n, n·log2 n, n², n³. */
double ys_complexity_f(ys_complexity_class c, double n);

/* The exponent that class c shows over sizes n_min..n_max: the slope of
 * log f(n) between the two ends on log n, what the measured exponent
 * would read for values exactly c·f(n). 0 for O(1), 1 for O(n), 2 for
 * O(n^2); for O(n log n) over 16..1024, 1 + log(10/4)/log(64) ≈ 1.22. A
 * range of one size gives the class's power (0 for log n). n_min below 2
 * counts as 2, where log2 n is no longer 0. */
double ys_complexity_class_exponent(ys_complexity_class c, long n_min,
                                    long n_max);

/* The own exponent of candidate c of fit f: the class's over f's sizes
 * (ys_complexity_class_exponent), or the user function's, f->user_exponent,
 * for YS_COMPLEXITY_USER. */
double ys_complexity_fit_exponent_of(const ys_complexity_fit *f,
                                     ys_complexity_class c);

/* Fits the k points (n[i], value[i]) (n > 0, value > 0, finite) and fills
 * out's figures: the range and count of n always; with at least
 * YS_POLICY_COMPLEXITY_MIN_POINTS points also `fitted`, the best class,
 * its coefficient and relative RMS, the exponent, the runner-up (the
 * class next to the best in order of growth, on the side the measured
 * exponent leans to) and `indistinguishable`: the runner-up's RMS is
 * within YS_POLICY_COMPLEXITY_TIE_FACTOR of the best's, or the exponent is
 * nearer the runner-up's class exponent than the best's; never when the
 * exponent leans the other way. (An exponent below O(1)'s or above
 * O(n^3)'s leans to no class: then the RMS alone decides.) Leaves family and
 * unit as they were. Returns 0, or YS_EINVAL for a value or n that is not
 * positive and finite (out then untouched), or YS_ENOMEM. */
int ys_complexity_fit_points(const double *n, const double *value, size_t k,
                             ys_complexity_fit *out);

/* As ys_complexity_fit_points, with `user` (may be NULL) fitted beside
 * the classes as YS_COMPLEXITY_USER: out's user_name, user_coefficient,
 * user_rms (infinite when the function is not finite and above 0 at every
 * n) and user_exponent are set, and best or runner_up may be the user's
 * function. Without it those are "" and NAN. */
int ys_complexity_fit_points_with(const double *n, const double *value,
                                  size_t k, const ys_complexity_def *user,
                                  ys_complexity_fit *out);

/* Checks the YS_COMPLEXITY declarations at head against the program's
 * benchmark descriptors (the n descriptors in `benches`, one per instance
 * or per registration, repeats allowed): each must name the family of one
 * of them, a family whose instances can be fitted (one axis of numbers:
 * BENCH_ARGS, or BENCH_PARAMS over one numeric axis, plain or named; not
 * a benchmark without parameters, nor one over several axes or over
 * YS_VARIANTS, which never get a fit), give a function and a name of 1 to
 * YS_COMPLEXITY_USER_NAME_MAX bytes, and be the only one of its family.
 * Returns 0, or YS_EINVAL with a message naming the declaration's file
 * and line, the family and why. */
int ys_complexity_check_users(const ys_complexity_def *head,
                              const ys_bench *const *benches, size_t n,
                              char *err, size_t err_len);

/* The chain of YS_COMPLEXITY declarations (may be NULL). */
const ys_complexity_def *ys_complexity_user_head(void);

/* As ys_complexity_fit_run, with the user functions of the chain at
 * `users` (matched by family name) instead of the program's. */
int ys_complexity_fit_run_with(ys_run_result *run,
                               const ys_complexity_def *users);

/* The fits of a run: one per family with two or more instances measured
 * ("ok") whose names are "family/<integer>" or, for one named axis,
 * "family/<axis>:<integer>", fitted on the headline estimate of their
 * primary series (series[0]) at the positive integers; those at 0 or
 * below are counted in n_left_out (log n and the exponent need n > 0),
 * never silently dropped. Replaces
 * run->complexity (freeing the old). A family with a YS_COMPLEXITY
 * function has it fitted too (ys_complexity_fit_points_with). Returns 0
 * or YS_ENOMEM (run then unchanged). */
int ys_complexity_fit_run(ys_run_result *run);

#endif
