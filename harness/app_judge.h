/*
 * app_judge.h — the gate of one benchmark run (invocation.h): the gated
 * metrics checked against those recorded, the verdicts, and the
 * confirmation of what would fail by measuring it again.
 */
#ifndef YS_APP_JUDGE_H
#define YS_APP_JUDGE_H

#include "../reports/progress.h"
#include "invocation.h"

/* Checks that every gated metric (--gate, or the config file's gate) is
 * one that some benchmark of `run` records: a gate on a metric never
 * measured would pass blind. Returns an exit code: 0, or 2 with a message
 * on stderr naming --gate or the config file. */
int ys_app_check_gates_run(const invocation *s, const ys_run_result *run);

/* Judges s->run against --baseline, or against the other build of
 * --against, into s->judgement (freed first), and marks s as judged.
 * Returns 0 or a YS_E* code. */
int ys_app_judge(invocation *s);

/* Judges as ys_app_judge, then confirms what would fail or warn by
 * measuring those benchmarks again with another seed (gate.h's
 * ys_gate_confirm), `progress` (NULL for none) showing the re-measuring.
 * Returns 0 or a YS_E* code (YS_EINTR when interrupted). */
int ys_app_judge_and_confirm(invocation *s, ys_progress *progress);

#endif
