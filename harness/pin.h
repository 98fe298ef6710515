/*
 * pin.h — --pin CPU|auto: the measuring process kept on one CPU with
 * sched_setaffinity, so that the scheduler never moves it between CPUs
 * mid-sample (a migration costs a cold cache and, with SMT, may land it
 * beside a busy sibling). Worker processes, started after the pinning,
 * inherit it. docs/doctor.md says what it buys on a machine measured.
 */
#ifndef YS_PIN_H
#define YS_PIN_H

#include <stdbool.h>
#include <stddef.h>

#include "doctor_env.h"

/*
 * Checks the value of --pin: "auto", or the decimal number of a CPU this
 * process may run on (its affinity mask at start, which a container or
 * taskset may have narrowed). On success sets *automatic and, for a
 * number, *cpu, and returns 0; else returns YS_EINVAL with a message
 * naming --pin and the CPUs allowed in `err`.
 */
int ys_pin_parse(const char *text, bool *automatic, int *cpu, char *err,
                 size_t err_len);

/*
 * The CPU --pin auto chooses among the `n` CPUs with allowed[cpu]: the one
 * whose own busy share plus the busiest share among its SMT siblings is
 * lowest, so an idle CPU beside a busy sibling loses to an idle core.
 * Ties go to the highest number: CPU 0 takes most of the interrupts and
 * housekeeping on Linux. busy[cpu] < 0 (unknown) counts as idle.
 * sibling_of[cpu * n + other] says whether `other` shares cpu's core.
 * Returns the CPU, or -1 when none is allowed.
 */
int ys_pin_choose(const double *busy, const bool *sibling_of,
                  const bool *allowed, size_t n);

/*
 * Applies --pin `text` (already checked by ys_pin_parse) to this process:
 * for "auto", samples how busy each CPU is over `sample_s` seconds through
 * `env` and chooses with ys_pin_choose. Writes what the run context
 * records into `recorded`: "3", or "3 (auto)". Returns 0, or YS_EINVAL
 * with the reason in `err` when the kernel refuses the affinity.
 */
int ys_pin_apply(const ys_doctor_env *env, const char *text, double sample_s,
                 char *recorded, size_t recorded_len, char *err,
                 size_t err_len);

#endif
