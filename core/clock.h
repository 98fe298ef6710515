/*
 * clock.h — the monotonic clock as seconds, for budgets and elapsed times
 * outside the timed windows (collectors read their own clocks).
 */
#ifndef YS_CLOCK_H
#define YS_CLOCK_H

#include <time.h>

/* Seconds on CLOCK_MONOTONIC since an arbitrary start. */
static inline double ys_clock_now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

#endif
