/*
 * partial.c — what a run stopped early can still report (partial.h).
 */
#include "partial.h"

#include <stdbool.h>

ys_partial_counts ys_run_count_measured(const ys_run_result *run,
                                        size_t default_rounds) {
  ys_partial_counts c = {0, 0, 0};
  for (size_t i = 0; i < run->n_benches; i++) {
    const ys_bench_result *res = &run->benches[i];
    size_t planned =
        res->settings.rounds > 0 ? res->settings.rounds : default_rounds;
    size_t done = res->n_series > 0 ? res->series[0].n_rounds : 0;
    if (res->status != YS_BENCH_OK || (done > 0 && done >= planned))
      c.complete++;
    else if (done > 0)
      c.in_part++;
    else
      c.not_reached++;
  }
  return c;
}

size_t ys_run_keep_measured(ys_run_result *run) {
  size_t kept = 0;
  for (size_t i = 0; i < run->n_benches; i++) {
    ys_bench_result *res = &run->benches[i];
    bool reached = res->status != YS_BENCH_OK ||
                   (res->n_series > 0 && res->series[0].n_rounds > 0);
    if (!reached) {
      ys_bench_result_clear(res);
      continue;
    }
    if (kept != i) run->benches[kept] = *res;
    kept++;
  }
  run->n_benches = kept;
  return kept;
}
