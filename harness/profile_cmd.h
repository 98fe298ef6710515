/*
 * profile_cmd.h — `bench profile [REGEX]...`: the sampling pass of
 * profile/profile.h over the selected benchmarks, written to
 * profile.md (docs/profiling.md).
 */
#ifndef YS_PROFILE_CMD_H
#define YS_PROFILE_CMD_H

#include "invocation.h"

/* Runs `profile` for the invocation `s`, whose options were parsed from
 * the words after it (s->o.filters choose the benchmarks), in this
 * process with the wall collector measuring the windows it samples (or,
 * under valgrind, callgrind's call graph of its windows). Returns an exit
 * code: 0; 2 for bad input or a perf that cannot record here; 3 when a
 * benchmark failed; 128 + the signal when interrupted. */
int ys_profile_main(invocation *s);

#endif
