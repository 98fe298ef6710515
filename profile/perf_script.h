/*
 * perf_script.h — resolves the symbols of a recorded file with `perf
 * script` and folds its call chains (perf_stacks.h).
 */
#ifndef YS_PROFILE_PERF_SCRIPT_H
#define YS_PROFILE_PERF_SCRIPT_H

#include <stddef.h>

#include "folded.h"
#include "perf_stacks.h"

/* Runs `perf script -i DATA -F comm,tid,period,ip,sym,symoff,dso` and
 * folds its output into `out` (empty) for the benchmark at `target`,
 * counting the samples in `tally`. perf's messages go to `log_path`.
 * Returns 0; YS_EIO with the reason in err when perf script could not run
 * or failed; YS_ENOMEM. */
int ys_perf_script_fold(const char *data_path, const char *log_path,
                        const ys_stack_target *target, ys_folded *out,
                        ys_sample_tally *tally, char *err, size_t err_len);

#endif
