/*
 * exit_guard.h — a benchmark must return; two ways of not returning are
 * caught here, because both would otherwise end a run with a misleading
 * result.
 *
 * exit(): measured in this process (--processes 0, exact collectors under
 * valgrind), a benchmark that calls exit(0) would end the whole program
 * with status 0 and no report, and a CI gate would pass green. While a
 * benchmark runs, an on_exit hook turns that into a message naming the
 * benchmark and the status it passed, and ends the process with a chosen
 * code (the harness's "a benchmark failed"). _exit() and signals bypass
 * exit handlers and are not caught here (signals: crash.h).
 *
 * fork(): a benchmark that forks and lets the child return would have two
 * processes go on with the run, measure, report and save twice. After
 * each call, a process that is not the one that made the call is such a
 * child, and it ends at once, without exit handlers or stdio flushing (which
 * would write the parent's buffered output a second time).
 */
#ifndef YS_EXIT_GUARD_H
#define YS_EXIT_GUARD_H

/* What ys_exit_guard_set_code takes to end with the benchmark's own exit
 * status (in a worker, whose parent reports how its process ended). */
#define YS_EXIT_GUARD_KEEP_STATUS (-1)

/* Sets the code the process ends with when a benchmark calls exit():
 * 0..255, or YS_EXIT_GUARD_KEEP_STATUS. Until set, the benchmark's own
 * status is kept. */
void ys_exit_guard_set_code(int code);

/* What the process does, after the message and before it ends, when a
 * benchmark calls exit(): report what was measured before it. Called at
 * most once, from the exit handler, with the benchmark's name and the
 * status it passed; the guard is already off then, so the report may
 * itself end in exit() without coming back here. */
typedef void (*ys_exit_guard_report)(void *ctx, const char *name, int status);

/* Sets (or, with NULL, clears) the report of ys_exit_guard_report. */
void ys_exit_guard_set_report(ys_exit_guard_report report, void *ctx);

/* Marks the start of a call of benchmark `name` (borrowed until
 * ys_exit_guard_leave) by this process. The hook is registered on first
 * use. */
void ys_exit_guard_enter(const char *name);

/* Marks the end of the call. In a child the benchmark forked, which has
 * returned here instead of ending, it says so on stderr and _exits with 0;
 * it never returns there. */
void ys_exit_guard_leave(void);

#endif
