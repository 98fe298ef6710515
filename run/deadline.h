/*
 * deadline.h — the per-benchmark timeout for rounds measured in this
 * process (--processes 0, exact collectors). A worker's hang is ended by
 * its parent, which kills the process (peer/pool.h); here there is no one
 * else, so an interval timer (ITIMER_REAL, SIGALRM) interrupts the
 * benchmark and the crash guard jumps out of it (crash.h). The benchmark's
 * own state is abandoned where it stood: a benchmark that held a lock
 * (inside malloc, say) can leave the process unable to go on, which only
 * worker processes avoid. While armed, SIGALRM belongs to the harness: a
 * benchmark that uses alarm() itself needs --timeout 0.
 */
#ifndef YS_DEADLINE_H
#define YS_DEADLINE_H

#include <stdbool.h>

/* Arms the timer to fire in `seconds` (> 0) and installs the SIGALRM
 * handler. Clears an earlier expiry. Returns 0, or -1 with errno set. */
int ys_deadline_arm(double seconds);

/* Stops the timer and restores the previous SIGALRM handler. */
void ys_deadline_disarm(void);

/* Whether the armed deadline has passed (it may have fired between two
 * calls of the benchmark, where there was nothing to jump out of). */
bool ys_deadline_expired(void);

#endif
