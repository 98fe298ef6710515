#include "partial.h"

#include <stdbool.h>

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
