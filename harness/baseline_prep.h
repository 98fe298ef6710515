/*
 * baseline_prep.h — what a comparison with a saved baseline needs before
 * anything is measured: the baseline itself, or the decision to report
 * without one (--if-missing report); and the assurance that the baseline
 * and this run measure something in common, so that the gate cannot pass
 * blind.
 */
#ifndef YS_BASELINE_PREP_H
#define YS_BASELINE_PREP_H

#include <stdbool.h>
#include <stddef.h>

#include "../baselines/store.h"
#include "../collectors/collector.h"
#include "../run/registry.h"
#include "options.h"

/*
 * Resolves and loads --baseline (o->baseline, not NULL) from `dir`.
 * Returns 0 with the baseline in *out (free with ys_baseline_free); or 0
 * with *out NULL and *missing true when the file does not exist and
 * o->if_missing is "report"; or an error code (YS_ENOENT when it does not
 * exist and --if-missing is "fail" or not given) with a message in err
 * that says how to report without it.
 */
int ys_baseline_prep_load(const ys_options *o, const char *dir,
                          ys_baseline **out, bool *missing, char *err,
                          size_t err_len);

/*
 * Checks, before measuring, that the run of the `n` benchmarks `chosen`
 * (borrowed, sorted by name) with `collector` (opened from the --collector
 * value `spec`) can be compared with `base`, whose name on the command
 * line was `label`. Returns 0, or YS_EINVAL with a message naming both
 * sides' metrics and collectors in err; YS_ENOMEM.
 */
int ys_baseline_prep_check_run(const ys_baseline *base, const char *label,
                               const ys_collector *collector, const char *spec,
                               const ys_instance *chosen, size_t n, char *err,
                               size_t err_len);

/*
 * The same check for `bench compare OLD NEW`: `newer` (named new_label)
 * against `older` (named old_label). Returns 0 or YS_EINVAL with the
 * message in err.
 */
int ys_baseline_prep_check_pair(const ys_baseline *older, const char *old_label,
                                const ys_baseline *newer, const char *new_label,
                                char *err, size_t err_len);

#endif
