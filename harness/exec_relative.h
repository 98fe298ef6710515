/*
 * exec_relative.h — `bench exec`'s comparison of each command with the
 * reference command: the ratio of their primary metric, with its bootstrap
 * interval, judged as the gate judges a benchmark against its baseline
 * (docs/exec.md, "Comparing commands").
 */
#ifndef YS_EXEC_RELATIVE_H
#define YS_EXEC_RELATIVE_H

#include "../core/model.h"
#include "options.h"

/* Compares every measured command of `run` (analysed) with the one named
 * `reference`, and writes the table: to stdout after the report when
 * stdout's format is console or markdown (in that format), else to stderr
 * unless --quiet, so that a machine-readable stdout stays one document.
 * Returns 0, or YS_EIO when stdout could not be written. */
int ys_exec_relative_write(const ys_run_result *run, const char *reference,
                           const ys_options *o, const char *prog);

#endif
