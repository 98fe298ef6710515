/*
 * callgrind_profile.h — the functions of each benchmark's measured batch,
 * read from the run's callgrind file once the run has measured: the parts
 * named after a benchmark (its measured windows, not its "(warm-up) NAME"
 * batch) are summed function by function (callgrind_costs.h), and the
 * functions that matter are kept in its result (docs/baselines.md,
 * "Each entry of functions").
 */
#ifndef YS_CALLGRIND_PROFILE_H
#define YS_CALLGRIND_PROFILE_H

#include <stddef.h>

#include "../core/model.h"

/* Writes the path of this process's callgrind file, DIR/cg.PID.out with
 * DIR from YS_CALLGRIND_DIR (callgrind.h), into path[0..len). Returns 0,
 * YS_ENOENT when the variable is not set (the program does not run under
 * the callgrind launcher), or YS_EINVAL when the path does not fit. */
int ys_callgrind_profile_path(char *path, size_t len);

/* Fills the functions of every benchmark of `run` that ended ok and whose
 * measured windows text[0..len) holds: every function whose inclusive
 * instructions reach `min_share` of the benchmark's total, most inclusive
 * first (then by name), at most `max`. Functions a benchmark already has
 * are replaced. Returns 0, YS_ENOMEM, or YS_EFORMAT with the reason in err;
 * on failure no benchmark has functions. */
int ys_callgrind_profile_attach(const char *text, size_t len,
                                ys_run_result *run, double min_share,
                                size_t max, char *err, size_t err_len);

#endif
