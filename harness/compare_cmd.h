/*
 * compare_cmd.h — `bench compare OLD NEW [OPTION]...`: two saved
 * baselines judged and reported as a run against a baseline would be,
 * without measuring anything (docs/baselines.md).
 */
#ifndef YS_COMPARE_CMD_H
#define YS_COMPARE_CMD_H

#include "invocation.h"

/* Runs `compare` for the invocation `s`, whose options were parsed from
 * the words after it: s->o.filters holds OLD then NEW, each a baseline
 * NAME or a PATH (ys_store_resolve). OLD is loaded into s->baseline, NEW
 * plays this run; before the reports are written the pair is checked
 * (ys_baseline_prep_check_pair), the gates against NEW's metrics, and
 * every --output against both files. Returns the exit code of a judged run
 * (exit_codes.h), or 2 with a message on stderr naming the baseline or option
 * at fault. */
int ys_compare_main(invocation *s);

#endif
