/*
 * dhat.h — `bench profile --collector dhat`: the allocation sites of each
 * selected benchmark's timed windows, from two runs of it under
 * `valgrind --tool=dhat` (docs/profiling.md, "Allocation sites under
 * DHAT").
 */
#ifndef YS_PROFILE_DHAT_H
#define YS_PROFILE_DHAT_H

#include <stdbool.h>
#include <stddef.h>

#include "../run/registry.h"
#include "profile.h"

/* Set in the environment of the program a DHAT profile runs under
 * valgrind: that process only runs its benchmark's round and writes
 * nothing. */
#define YS_DHAT_CHILD_ENV "YARDSTICK_DHAT_CHILD"

/* Whether this profile is DHAT's: cfg->collector is the dhat collector. */
bool ys_profile_dhat_wanted(const ys_profile_config *cfg);

/* Profiles the n instances (borrowed): for each, runs this program twice
 * under valgrind --tool=dhat with that benchmark alone, in batches of N
 * and 2N iterations (N = cfg->iterations, at least 1), and writes
 * DIR/FILE.dhat.json from the difference of the two runs' allocation
 * sites, then DIR/profile.md. In the program valgrind runs (YS_DHAT_CHILD_ENV
 * set) it runs the round alone and writes nothing. Returns 0; YS_ENOTSUP
 * when valgrind is not installed (nothing was profiled); YS_EBENCH when a
 * benchmark failed or skipped (the others are profiled, err names it);
 * YS_EINTR on SIGINT or SIGTERM; or YS_EIO / YS_ENOMEM with the reason in
 * err. */
int ys_profile_dhat_run(const ys_profile_config *cfg, const ys_instance *chosen,
                        size_t n, char *err, size_t err_len);

#endif
