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
};

#endif
