/*
 * profile_cmd.c — `bench profile [REGEX]...` (profile_cmd.h).
 */
#include "profile_cmd.h"

#include <stdio.h>

#include "../core/error.h"
#include "../profile/profile.h"
#include "../run/divert.h"
#include "../run/exit_guard.h"
#include "../run/interrupt.h"
#include "app.h"
#include "exit_codes.h"
#include "options.h"

/* `bench profile [REGEX]...`: the sampling pass of profile/profile.h, in
 * this process, with the wall collector measuring the windows it samples
 * (or, under valgrind, callgrind's call graph of its windows).
 * Returns an exit code: 2 for bad input or a perf that cannot record here,
 * 3 when a benchmark failed. */
int ys_profile_main(invocation *s) {
  int code = ys_app_select_benchmarks(s);
  if (code == YS_EXIT_OK && s->n_chosen == 0) {
    fprintf(stderr, "%s: this program defines no benchmarks\n", s->prog);
    code = YS_EXIT_USAGE;
  }
  if (code == YS_EXIT_OK) code = ys_app_open_collector(s);
  if (code != YS_EXIT_OK) return code;
  ys_profile_config cfg = {
      .dir =
          s->o.profile_dir != NULL ? s->o.profile_dir : YS_PROFILE_DEFAULT_DIR,
      .seconds = s->o.profile_time_s,
      .save_name = s->o.save_profile,
      .baseline = s->o.baseline,
      .collector = s->collector,
      .iterations = s->o.collect.iterations,
      .timeout_s =
          s->o.timeout_s >= 0 || s->collector->exact
              ? ys_options_timeout(&s->o, s->collector->exact)
              : YS_TIMEOUT_FACTOR * s->o.profile_time_s + YS_TIMEOUT_MIN_S,
      .seed = s->o.seed,
      .log = s->o.quiet ? NULL : stderr,
  };
  if (ys_profile_check(&cfg, s->err, sizeof(s->err)) != 0) {
    fprintf(stderr, "%s: %s\n", s->prog, s->err);
    return YS_EXIT_USAGE;
  }
  ys_exit_guard_set_code(YS_EXIT_BENCH_FAILED);
  ys_interrupt_install();
  ys_divert divert;
  ys_divert_begin(&divert);
  int rc = ys_profile_run(&cfg, s->chosen, s->n_chosen, s->err, sizeof(s->err));
  ys_divert_end(&divert);
  ys_interrupt_remove();
  if (rc == YS_EINTR) {
    fprintf(stderr, "%s: profile: interrupted; profile.md not written\n",
            s->prog);
    return YS_EXIT_SIGNAL_BASE + ys_interrupt_signal();
  }
  if (rc != 0) {
    fprintf(stderr, "%s: profile: %s\n", s->prog, s->err);
    return rc == YS_EBENCH ? YS_EXIT_BENCH_FAILED : YS_EXIT_USAGE;
  }
  if (!s->o.quiet)
    fprintf(stderr, "%s: profile written to %s/profile.md\n", s->prog, cfg.dir);
  return YS_EXIT_OK;
}
