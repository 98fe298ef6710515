/*
 * settings_prep.h — the settings each chosen benchmark of a run is
 * measured with, from the run's options and the benchmarks' own
 * (BENCH_WITH; run/settings.h gives the precedence).
 */
#ifndef YS_SETTINGS_PREP_H
#define YS_SETTINGS_PREP_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/bench_settings.h"
#include "../run/registry.h"
#include "options.h"

/*
 * The YS_SETTING_* bits of the settings the command line decided for
 * this run, which a benchmark's own settings do not override: each of
 * --warm-up-time, --measurement-time, --rounds, --sample-size given
 * explicitly, and under --quick each of them that --quick shortened (not
 * set by the config file), so that a quick run stays quick.
 */
unsigned ys_settings_from_command_line(const ys_options *o);

/*
 * Checks the settings of every benchmark of the program (all `n_all`
 * instances, chosen or not: a mistake in code is reported at once) and
 * fills *out (malloc'd, free with free) with the settings of each of the
 * `n` chosen instances, in their order. Under an exact collector
 * (`exact`), which measures one round of a fixed iteration count, every
 * benchmark runs with the run's settings. Returns 0; YS_EINVAL with the
 * message of ys_settings_check in err; YS_ENOMEM.
 */
int ys_settings_prepare(const ys_options *o, bool exact, const ys_instance *all,
                        size_t n_all, const ys_instance *chosen, size_t n,
                        ys_bench_settings **out, char *err, size_t err_len);

/* The timeout (s, 0: none) of a run whose benchmarks have the `n`
 * settings given: --timeout when given; otherwise the automatic timeout
 * (harness/options.h) of the longest benchmark's warm-up plus measurement
 * time, so that a benchmark given more time is given a longer timeout
 * too. */
double ys_settings_timeout(const ys_options *o, bool exact,
                           const ys_bench_settings *s, size_t n);

#endif
