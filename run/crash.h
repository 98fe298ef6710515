/*
 * crash.h — a benchmark that crashes is reported, not fatal to the others.
 *
 * While a guard is installed, a crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL,
 * SIGABRT) inside a call made through ys_crash_call returns from that call
 * with the signal's number instead of ending the process. The benchmark's
 * own memory may be left leaked or inconsistent; the harness's is not
 * touched by the benchmark, so the run goes on and reports it. A crash
 * outside such a call keeps its default action.
 */
#ifndef YS_CRASH_H
#define YS_CRASH_H

#include <yardstick.h>

/* Installs the handlers (and an alternate stack, so that a stack overflow is
 * caught too). Nests: each install needs one remove. Returns 0 or
 * YS_ENOMEM. */
int ys_crash_guard_install(void);

/* Restores the previous handlers after the last remove. */
void ys_crash_guard_remove(void);

/* Calls fn(state). Returns 0 when it returned, or the number of the signal
 * that ended it when it crashed. */
int ys_crash_call(ys_bench_fn fn, ys_state *state);

/* From a signal handler: leaves the guarded call in progress as if it had
 * crashed with `sig` (ys_crash_call returns sig); returns when no guarded
 * call is in progress. */
void ys_crash_jump(int sig);

#endif
