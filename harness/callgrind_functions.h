/*
 * callgrind_functions.h — under --collector callgrind, after the run has
 * measured: each benchmark's function costs, read from this process's
 * callgrind file (collectors/callgrind_profile.h), for the baseline and
 * the function-level diff of the gate.
 */
#ifndef YS_CALLGRIND_FUNCTIONS_H
#define YS_CALLGRIND_FUNCTIONS_H

#include "../collectors/collector.h"
#include "../core/model.h"

/* Fills the functions of every benchmark of `run` measured by `collector`
 * when it counts under valgrind (nothing otherwise): those above
 * YS_POLICY_FUNCTION_MIN_SHARE of the benchmark's instructions, at most
 * YS_POLICY_FUNCTIONS_MAX. A file that cannot be read or parsed costs only
 * the functions: it is said once on stderr, after `prog`, and the run goes
 * on without them. */
void ys_callgrind_functions_attach(const char *prog,
                                   const ys_collector *collector,
                                   ys_run_result *run);

#endif
