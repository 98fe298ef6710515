#include <stdlib.h>
#include <string.h>

#include "model.h"

void ys_run_result_free(ys_run_result *run) {
  if (run == NULL) return;
  for (size_t i = 0; i < run->n_benches; i++) {
    ys_bench_result *res = &run->benches[i];
    for (size_t m = 0; m < res->n_series; m++) {
      free(res->series[m].samples);
      free(res->series[m].rounds);
    }
    free(res->series);
  }
  free(run->benches);
  memset(run, 0, sizeof(*run));
}
