/*
 * exec_cmd.h — `bench exec`: whole commands timed with the statistics,
 * baselines, gate and reports of a benchmark run (docs/exec.md).
 */
#ifndef YS_EXEC_CMD_H
#define YS_EXEC_CMD_H

/* Runs `bench exec` with argv[0] == "exec"; `prog` is the program's name
 * for messages. Returns the exit code: 0 success, 1 a regression against
 * --baseline, 2 bad input (an option, a command that does not exist, a
 * baseline or output at fault), 3 a command failed, was killed, or its
 * --setup, --prepare or --cleanup failed. */
int ys_exec_main(const char *prog, int argc, char **argv);

#endif
