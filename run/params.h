/*
 * params.h — the values of a benchmark's parameter axes (YS_VALUES,
 * YS_RANGE, YS_DENSE, YS_VARIANTS in yardstick.h), listed one at a time so
 * that the registry never holds more than one instance's values at once
 * besides the instances themselves.
 */
#ifndef YS_PARAMS_H
#define YS_PARAMS_H

#include <stddef.h>
#include <stdint.h>
#include <yardstick.h>

/* The most instances one registration may expand to: more is a mistake in
 * a range (a dense range of a million sizes) that would otherwise run for
 * days. */
#define YS_PARAMS_MAX_INSTANCES 10000

/* Counts the values of `axis` into *n. Returns 0, or YS_EINVAL with the
 * reason in err (without the benchmark's name, which the caller adds): a
 * range whose start is below 1, whose multiplier is below 2 or whose limit
 * is below its start; a dense range whose step is below 1 or whose limit is
 * below its start; an axis without values; more than
 * YS_PARAMS_MAX_INSTANCES values. */
int ys_axis_count(const ys_axis *axis, size_t *n, char *err, size_t err_len);

/* Value i (0-based, below ys_axis_count's count) of a valid axis: the
 * number, or the variant's index for YS_AXIS_VARIANTS. */
int64_t ys_axis_value(const ys_axis *axis, size_t i);

/* The variant text of value i of a YS_AXIS_VARIANTS axis, NULL for the
 * other kinds. */
const char *ys_axis_variant(const ys_axis *axis, size_t i);

/* Writes value i of `axis` as a name part: "64", "rows:64", "fast" or
 * "kind:fast". Returns snprintf's result. */
int ys_axis_format(const ys_axis *axis, size_t i, char *out, size_t len);

/* Checks the names that `axes` put into instance names: an axis's name
 * (YS_NAMED) must not be empty, hold '/', or repeat another axis's name of
 * the same benchmark; a variant (YS_VARIANTS) must not be empty, hold '/'
 * or repeat another of its axis. Returns 0, or YS_EINVAL with the reason
 * in err, naming the axis (1-based) and the name at fault, without the
 * benchmark's name (which the caller adds). Runs before ys_axis_count, so
 * that a wrong name is reported as such. */
int ys_axes_check_names(const ys_axis *axes, size_t n_axes, char *err,
                        size_t err_len);

#endif
