#include "exit_guard.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

/* The benchmark being called (NULL between calls), the process that calls
 * it, and the code to end with. exit() may run while they are read, but
 * never concurrently with a write: a benchmark runs on the thread that
 * set them. */
static const char *running;
static pid_t caller;
static int exit_code = YS_EXIT_GUARD_KEEP_STATUS;
static int registered;
static ys_exit_guard_report report_fn;
static void *report_ctx;

static void on_benchmark_exit(int status, void *unused) {
  (void)unused;
  /* A forked child that exits is the benchmark's business, not ours. */
  if (running == NULL || getpid() != caller) return;
  const char *name = running;
  running = NULL; /* off: a report that exits must not come back here */
  fflush(stdout);
  fprintf(stderr, "%s: benchmark '%s' called exit(%d) during its run\n",
          program_invocation_short_name, name, status);
  if (report_fn != NULL) {
    ys_exit_guard_report report = report_fn;
    report_fn = NULL;
    report(report_ctx, name, status);
    fflush(stdout);
  }
  _exit(exit_code == YS_EXIT_GUARD_KEEP_STATUS ? status : exit_code);
}

void ys_exit_guard_set_report(ys_exit_guard_report report, void *ctx) {
  report_fn = report;
  report_ctx = ctx;
}

void ys_exit_guard_set_code(int code) {
  exit_code = code;
}

void ys_exit_guard_enter(const char *name) {
  if (!registered) registered = on_exit(on_benchmark_exit, NULL) == 0;
  caller = getpid();
  running = name;
}

void ys_exit_guard_leave(void) {
  if (running != NULL && getpid() != caller) {
    fprintf(stderr,
            "%s: benchmark '%s' forked and its child returned into the "
            "harness; the child ends here (a forked child must _exit)\n",
            program_invocation_short_name, running);
    _exit(0);
  }
  running = NULL;
}
