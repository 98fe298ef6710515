#include "deadline.h"

#include <signal.h>
#include <string.h>
#include <sys/time.h>

#include "crash.h"

static volatile sig_atomic_t expired;
static struct sigaction previous;
static bool armed;

static void on_alarm(int sig) {
  expired = 1;
  /* Inside the benchmark: leave it. Between calls: the flag is enough. */
  ys_crash_jump(sig);
}

int ys_deadline_arm(double seconds) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_alarm;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_ONSTACK;
  expired = 0;
  if (!armed && sigaction(SIGALRM, &sa, &previous) != 0) return -1;
  armed = true;
  struct itimerval t = {0};
  t.it_value.tv_sec = (time_t)seconds;
  t.it_value.tv_usec = (suseconds_t)((seconds - (double)(time_t)seconds) * 1e6);
  if (t.it_value.tv_sec == 0 && t.it_value.tv_usec == 0) t.it_value.tv_usec = 1;
  return setitimer(ITIMER_REAL, &t, NULL);
}

void ys_deadline_disarm(void) {
  if (!armed) return;
  struct itimerval off = {0};
  setitimer(ITIMER_REAL, &off, NULL);
  sigaction(SIGALRM, &previous, NULL);
  armed = false;
}

bool ys_deadline_expired(void) {
  return expired != 0;
}
