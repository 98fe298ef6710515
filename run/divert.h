/*
 * divert.h — while benchmarks run in this process, whatever they print to
 * stdout goes to stderr instead, so that a report on stdout (--format json,
 * gbench, csv) stays exactly what its format says. Worker processes do the
 * same for their whole life (peer/worker.h).
 */
#ifndef YS_DIVERT_H
#define YS_DIVERT_H

/* The saved stdout, between begin and end. */
typedef struct ys_divert {
  int saved_fd; /* -1 when nothing was diverted */
} ys_divert;

/* Flushes stdout and points file descriptor 1 at stderr's file. On
 * failure nothing changes (the output is then mixed, as before). */
void ys_divert_begin(ys_divert *d);

/* Flushes what the benchmarks left in stdout's buffer (to stderr) and
 * points file descriptor 1 back where it was. Safe after a failed begin. */
void ys_divert_end(ys_divert *d);

#endif
