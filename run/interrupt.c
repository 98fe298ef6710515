#include "interrupt.h"

#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const int stop_signals[] = {SIGINT, SIGTERM};
#define N_STOP (sizeof(stop_signals) / sizeof(stop_signals[0]))

static volatile sig_atomic_t first_signal;
static volatile sig_atomic_t first_at_s; /* CLOCK_MONOTONIC seconds */
static struct sigaction previous[N_STOP];
static bool installed;

/* Async-signal-safe only: clock_gettime, _exit. */
static void on_stop(int sig) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (first_signal == 0) {
    first_at_s = (sig_atomic_t)now.tv_sec;
    first_signal = sig;
    return;
  }
  /* Strictly more than one second apart on the clock's whole seconds: two
   * copies of one interrupt (terminal and forwarding parent) never are. */
  if (now.tv_sec - first_at_s >= 2) _exit(128 + first_signal);
}

int ys_interrupt_install(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_stop;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0; /* no SA_RESTART: a blocked wait for a worker wakes up */
  first_signal = 0;
  for (size_t i = 0; i < N_STOP; i++)
    if (sigaction(stop_signals[i], &sa, &previous[i]) != 0) return -1;
  installed = true;
  return 0;
}

void ys_interrupt_remove(void) {
  if (!installed) return;
  for (size_t i = 0; i < N_STOP; i++)
    sigaction(stop_signals[i], &previous[i], NULL);
  installed = false;
}

int ys_interrupt_signal(void) {
  return first_signal;
}

bool ys_interrupted(void) {
  return first_signal != 0;
}
