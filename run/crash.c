#include "crash.h"

#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

static const int guarded_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
#define N_SIGNALS (sizeof(guarded_signals) / sizeof(guarded_signals[0]))

/* A signal handler can only reach state through globals: where to jump
 * back to (NULL outside a guarded call) and what was there before us. */
static sigjmp_buf *volatile jump_target;
static volatile sig_atomic_t caught_signal;
static struct sigaction previous[N_SIGNALS];
static stack_t previous_stack;
static void *alt_stack;
static int installs;

static void on_crash(int sig) {
  if (jump_target == NULL) {
    /* Not the benchmark's: die as the process would have. */
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  caught_signal = sig;
  siglongjmp(*jump_target, 1);
}

int ys_crash_guard_install(void) {
  if (installs++ > 0) return 0;
  size_t size = SIGSTKSZ < 65536 ? 65536 : SIGSTKSZ;
  alt_stack = malloc(size);
  if (alt_stack == NULL) {
    installs--;
    return YS_ENOMEM;
  }
  stack_t stack = {.ss_sp = alt_stack, .ss_size = size};
  sigaltstack(&stack, &previous_stack);
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_crash;
  sa.sa_flags = SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < N_SIGNALS; i++)
    sigaction(guarded_signals[i], &sa, &previous[i]);
  return 0;
}

void ys_crash_guard_remove(void) {
  if (installs == 0 || --installs > 0) return;
  for (size_t i = 0; i < N_SIGNALS; i++)
    sigaction(guarded_signals[i], &previous[i], NULL);
  sigaltstack(&previous_stack, NULL);
  free(alt_stack);
  alt_stack = NULL;
}

void ys_crash_jump(int sig) {
  if (jump_target == NULL) return;
  caught_signal = sig;
  siglongjmp(*jump_target, 1);
}

int ys_crash_call(ys_bench_fn fn, ys_state *state) {
  sigjmp_buf env;
  /* Saving the signal mask makes the jump unblock the caught signal. */
  if (sigsetjmp(env, 1) != 0) {
    jump_target = NULL;
    return caught_signal;
  }
  jump_target = &env;
  fn(state);
  jump_target = NULL;
  return 0;
}
