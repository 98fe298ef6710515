#include "rounds_text.h"

#include <stdio.h>

#include "../core/model.h"

/* The settings a benchmark's result was measured with: its own where its
 * definition gave some, else the run's. */
static void rounds_of(const ys_context *ctx, const ys_bench_result *res,
                      size_t *rounds, size_t *sample_size) {
  bool own = res->settings.rounds > 0;
  *rounds = own ? res->settings.rounds : ctx->rounds;
  *sample_size = own ? res->settings.sample_size : ctx->sample_size;
}

char *ys_rounds_text(const ys_run_view *run, bool each, char *buf, size_t len) {
  const ys_context *ctx = run->ctx;
  if (ctx->runs > 0) {
    /* The runs are split over the rounds, so "rounds × samples" would
     * round the samples up (5 runs in 2 rounds are 3 and 2). */
    snprintf(buf, len, "%zu run%s in %zu round%s%s", ctx->runs,
             ctx->runs == 1 ? "" : "s", ctx->rounds,
             ctx->rounds == 1 ? "" : "s", each ? " per command" : "");
    return buf;
  }
  size_t rounds = ctx->rounds, sample_size = ctx->sample_size;
  bool first = true;
  for (size_t i = 0; i < run->n; i++) {
    const ys_report_entry *e = &run->entries[i];
    if (e->cmp != NULL && e->cmp->verdict == YS_VERDICT_MISSING) continue;
    size_t r, s;
    rounds_of(ctx, e->res, &r, &s);
    if (first) {
      rounds = r;
      sample_size = s;
      first = false;
    } else if (r != rounds || s != sample_size) {
      snprintf(buf, len, "rounds and samples: the benchmarks' own");
      return buf;
    }
  }
  snprintf(buf, len, "%zu round%s \xc3\x97 %zu sample%s%s", rounds,
           rounds == 1 ? "" : "s", sample_size, sample_size == 1 ? "" : "s",
           each ? " per benchmark" : "");
  return buf;
}
