/*
 * doctor.h — `bench doctor`: one screen saying what will make measurements
 * unreliable or impossible on this machine, and how to fix each
 * (docs/doctor.md); and the short form of the same findings that every
 * run records in its context.
 */
#ifndef YS_DOCTOR_H
#define YS_DOCTOR_H

#include "../core/model.h"
#include "doctor_checks.h"
#include "doctor_env.h"
#include "options.h"

/* Seconds /proc/stat is sampled over to find busy CPUs: long enough for
 * a few scheduler ticks on every CPU, short enough not to be noticed. */
#define YS_DOCTOR_SAMPLE_S 0.2

/*
 * Runs every check in `env` into `r` (emptied first): valgrind, perf
 * events, the perf program, governor, turbo, SMT, ASLR, load and busy
 * CPUs, container and virtual machine, build type, and the clock
 * (calibrated here with the wall collector). `wants` makes a missing tool
 * a problem for the collector asked for.
 */
void ys_doctor_run(const ys_doctor_env *env, ys_doctor_wants wants,
                   ys_doctor_report *r);

/*
 * The exit code of `bench doctor` for the findings `r`: 1 when one is a
 * problem, or (with `strict`) a warning; else 0.
 */
int ys_doctor_exit_code(const ys_doctor_report *r, bool strict);

/*
 * Writes `r` to `out`: with `json`, one JSON object (docs/doctor.md gives
 * its keys); else one aligned line per finding, its fix under it, and a
 * closing verdict line. `colour` marks the levels with ANSI colours.
 * Returns 0, or -1 when writing failed.
 */
int ys_doctor_write(FILE *out, const ys_doctor_report *r, bool json,
                    bool colour);

/*
 * `bench doctor [--strict] [--format console|json] [--collector NAME]`
 * with the options `o` parsed from the words after "doctor". Any other
 * option or a REGEX is refused (exit 2, message naming it). `prog` names
 * the program in messages. Returns the exit code (ys_doctor_exit_code).
 */
int ys_doctor_main(const char *prog, const ys_options *o);

/*
 * Records in `ctx` the warnings and problems of the cheap checks
 * (ys_doctor_check_cheap) and of the clock, from the resolution and
 * empty-loop cost already in `ctx`: the level, check, text and fix of
 * each, at most YS_MAX_MACHINE_FINDINGS. Reads the machine through
 * ys_doctor_env_default(). Never fails.
 */
void ys_doctor_record(ys_context *ctx);

#endif
