/*
 * app.h — the stages of app.c's pipeline that the other files of the
 * harness's benchmark run reuse: app_judge.c (re-measuring),
 * compare_cmd.c and profile_cmd.c. Not a public interface.
 */
#ifndef YS_APP_H
#define YS_APP_H

#include "../reports/progress.h"
#include "../run/runner.h"
#include "invocation.h"

/* Expands the registry into s->instances, checks the complexity
 * declarations against its families and keeps the benchmarks the filters
 * select in s->chosen (sorted by name). Returns an exit code (the message
 * is on stderr). */
int ys_app_select_benchmarks(invocation *s);

/* Opens s->collector once for the whole program and says on stderr what
 * it cannot measure here; an exact collector makes the run one round of
 * one sample. A loaded --baseline is checked against it. Returns an exit
 * code (the message is on stderr). */
int ys_app_open_collector(invocation *s);

/* The runner's settings for this run: the options' budget spread over its
 * rounds, each chosen benchmark's settings, this build's and --against's
 * workers when started, and `progress` (NULL for none). */
ys_runner_config ys_app_runner_config(invocation *s, ys_progress *progress);

/* Analyses what was measured: s->run with its complexity fits, and the
 * other build's rounds under --against. Returns 0 or a YS_E* code. */
int ys_app_analyze_measured(invocation *s);

#endif
