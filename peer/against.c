/*
 * against.c — `--against PROGRAM`: the other build's workers and the
 * results they measure (against.h).
 */
#include "against.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yardstick.h>

#include "../core/error.h"
#include "../core/names.h"
#include "../run/runner.h"
#include "../run/select.h"

static bool defines(const ys_instance *all, size_t n_all, const char *name) {
  for (size_t k = 0; k < n_all; k++)
    if (strcmp(all[k].name, name) == 0) return true;
  return false;
}

int ys_against_start(ys_against *a, const ys_against_config *cfg,
                     const ys_collector *collector, const ys_instance *chosen,
                     size_t n_chosen, const ys_instance *all, size_t n_all,
                     const char *prog) {
  memset(a, 0, sizeof(*a));
  ys_pool_config pool = {
      .program = cfg->program,
      .collector_spec = cfg->collector_spec,
      .collect = cfg->collect,
      .processes = cfg->processes,
      .seed = cfg->seed,
      .warm_up_ns = cfg->warm_up_ns,
      .measurement_ns = cfg->measurement_ns,
      .sample_size = cfg->sample_size,
      .timeout_s = cfg->timeout_s,
  };
  int rc = ys_pool_start(&a->pool, &pool, collector);
  if (rc != 0) {
    snprintf(a->err, sizeof(a->err), "%s", a->pool.err);
    return rc;
  }
  a->started = true;
  const ys_peer *peer = ys_pool_first(&a->pool);

  a->remote.benches = calloc(n_chosen + 1, sizeof(*a->remote.benches));
  if (a->remote.benches == NULL) return YS_ENOMEM;
  for (size_t i = 0; i < n_chosen; i++) {
    if (!ys_peer_has(peer, chosen[i].name)) continue;
    ys_bench_result *remote = &a->remote.benches[a->remote.n_benches++];
    rc = ys_runner_result_init(collector, &chosen[i], remote);
    if (rc != 0) return rc;
    if (cfg->settings != NULL) remote->settings = cfg->settings[i];
  }

  if (strcmp(ys_peer_version(peer), YS_VERSION_STRING) != 0)
    fprintf(stderr, "%s: note: %s was built with yardstick %s, this with %s\n",
            prog, cfg->program, ys_peer_version(peer), YS_VERSION_STRING);
  /* Only about the selection: a benchmark the filters leave out would
   * not be compared had this build defined it either. */
  for (size_t i = 0; i < ys_peer_count(peer); i++)
    if (!defines(all, n_all, ys_peer_name(peer, i)) &&
        ys_select_matches(ys_peer_name(peer, i), cfg->filters, cfg->n_filters,
                          cfg->exact))
      fprintf(stderr, "%s: note: '%s' exists only in %s; not compared\n", prog,
              ys_peer_name(peer, i), cfg->program);
  return 0;
}

static int compare_result_names(const void *key, const void *item) {
  return ys_name_compare(key, ((const ys_bench_result *)item)->name);
}

int ys_against_round(void *ctx, const ys_instance *inst) {
  ys_against *a = ctx;
  ys_bench_result *remote =
      bsearch(inst->name, a->remote.benches, a->remote.n_benches,
              sizeof(*remote), compare_result_names);
  if (remote == NULL || remote->status != YS_BENCH_OK) return 0;
  int rc = ys_pool_round(&a->pool, inst, remote);
  if (rc != 0) snprintf(a->err, sizeof(a->err), "%s", a->pool.err);
  return rc;
}

void ys_against_stop(ys_against *a) {
  if (a == NULL) return;
  ys_run_result_free(&a->remote);
  if (a->started) ys_pool_stop(&a->pool);
  a->started = false;
}
