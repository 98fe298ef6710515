/*
 * exit_codes.h — what a benchmark program's exit code means (README,
 * "Running"). The most severe outcome wins: a failed benchmark outweighs a
 * regression, which outweighs success.
 */
#ifndef YS_EXIT_CODES_H
#define YS_EXIT_CODES_H

enum {
  YS_EXIT_OK = 0,
  YS_EXIT_REGRESSION = 1,   /* a benchmark regressed beyond the threshold */
  YS_EXIT_USAGE = 2,        /* bad flag, value, file or benchmark names */
  YS_EXIT_BENCH_FAILED = 3, /* a benchmark failed, crashed or timed out */
  /* Stopped by a signal: 128 + its number, as a shell reports a process
   * killed by it, so that scripts see the same code either way. */
  YS_EXIT_SIGNAL_BASE = 128,
  YS_EXIT_SIGINT = 130,  /* 128 + SIGINT */
  YS_EXIT_SIGTERM = 143, /* 128 + SIGTERM */
};

#endif
