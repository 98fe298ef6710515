/*
 * settings_text.h — the settings a benchmark ran with, in words, when its
 * definition gave its own (BENCH_WITH): reports say so, because its
 * figures are not comparable in precision with the others'.
 */
#ifndef YS_SETTINGS_TEXT_H
#define YS_SETTINGS_TEXT_H

#include <stddef.h>

#include "../core/bench_settings.h"

/* "rounds 3, measurement 2 s, warm-up 1000 iterations per round": the
 * settings among s->own, in a fixed order; "" when own is 0. Writes into
 * buf and returns it. */
char *ys_settings_text(const ys_bench_settings *s, char *buf, size_t len);

/* The own settings in which two sides of a comparison differ, baseline
 * first: "rounds 10 vs 30, measurement 2 s vs the run's" ("the run's" for
 * a side on which that setting was not its own); each setting either side
 * has as its own and whose values differ, in ys_settings_text's order; ""
 * when none does (ys_compare_settings_differ is false). Writes into buf
 * and returns it. */
char *ys_settings_diff_text(const ys_bench_settings *base,
                            const ys_bench_settings *current, char *buf,
                            size_t len);

#endif
