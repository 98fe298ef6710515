/*
 * fuzz_baseline.c — libFuzzer target: the baseline loader on untrusted
 * text (ys_store_load_buffer, the code ys_store_load runs on a file's
 * content). Besides memory errors, undefined behaviour and leaks, it checks
 * what a loaded baseline promises the gate: benchmarks sorted by name and
 * distinct, rounds tiling the samples in order, finite values.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "baselines/store.h"
#include "core/names.h"

/* Checks the promises of a successful load; aborts (a finding) on a
 * broken one, so that a logic error shows as clearly as a crash. */
static void check_loaded(const ys_baseline *b) {
  const ys_run_result *run = &b->run;
  for (size_t i = 0; i < run->n_benches; i++) {
    const ys_bench_result *res = &run->benches[i];
    if (i > 0 && ys_name_compare(run->benches[i - 1].name, res->name) >= 0)
      abort();
    if (memchr(res->name, '\0', sizeof(res->name)) == NULL) abort();
    for (size_t m = 0; m < res->n_series; m++) {
      const ys_series *s = &res->series[m];
      if (s->metric == NULL || s->unit == NULL) abort();
      size_t next = 0;
      for (size_t r = 0; r < s->n_rounds; r++) {
        if (s->rounds[r].first_sample != next) abort();
        if (!isfinite(s->rounds[r].estimate)) abort();
        next += s->rounds[r].n_samples;
      }
      if (next != s->n_samples) abort();
      for (size_t j = 0; j < s->n_samples; j++)
        if (s->samples[j].iterations == 0 || !isfinite(s->samples[j].value))
          abort();
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ys_baseline *b = (ys_baseline *)&b; /* must come back NULL on failure */
  char err[512];
  int rc = ys_store_load_buffer((const char *)data, size, "fuzz.yaml", &b, err,
                                sizeof(err));
  if (rc == 0) {
    if (b == NULL) abort();
    check_loaded(b);
    ys_baseline_free(b);
  } else if (b != NULL || err[0] == '\0') {
    abort(); /* a refusal always says why, and hands nothing back */
  }
  return 0;
}
