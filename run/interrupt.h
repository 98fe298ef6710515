/*
 * interrupt.h — SIGINT and SIGTERM stop a run between rounds, so that what
 * was measured is still reported and every child is stopped and reaped.
 *
 * The handler only records the signal (a volatile sig_atomic_t): the
 * runner looks at it before each round, and a parent waiting for a worker
 * is woken by it (its poll returns EINTR; the handler is installed without
 * SA_RESTART). A round measured in this process cannot be cut short
 * safely, so a second signal, a second or more after the first, ends the
 * process at once with 128 + the first signal's number: the way out of a
 * benchmark that never returns. (A terminal's Ctrl-C and a parent that
 * forwards it arrive together; that counts as one.)
 */
#ifndef YS_INTERRUPT_H
#define YS_INTERRUPT_H

#include <stdbool.h>

/* Installs the handlers for SIGINT and SIGTERM and clears any signal
 * recorded before. Returns 0, or -1 with errno set. */
int ys_interrupt_install(void);

/* Restores the handlers found by ys_interrupt_install. */
void ys_interrupt_remove(void);

/* The first SIGINT or SIGTERM received since ys_interrupt_install, or 0. */
int ys_interrupt_signal(void);

/* Whether the run should stop: ys_interrupt_signal() != 0. */
bool ys_interrupted(void);

#endif
