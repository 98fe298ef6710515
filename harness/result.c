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

const char *ys_verdict_name(ys_verdict v) {
  switch (v) {
  case YS_VERDICT_UNCHANGED:
    return "unchanged";
  case YS_VERDICT_IMPROVED:
    return "improved";
  case YS_VERDICT_REGRESSED:
    return "regressed";
  case YS_VERDICT_POSSIBLY_REGRESSED:
    return "possibly regressed";
  case YS_VERDICT_POSSIBLY_IMPROVED:
    return "possibly improved";
  case YS_VERDICT_NEW:
    return "new";
  case YS_VERDICT_MISSING:
    return "missing";
  case YS_VERDICT_NOT_COMPARED:
  case YS_VERDICT_COUNT:
    break;
  }
  return "not compared";
}
