#include "against.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yardstick.h>

#include "../core/error.h"
#include "../core/names.h"
#include "../run/runner.h"

/* The options that make the other build measure as this one does. */
static void worker_args(const ys_against_config *cfg, char *iterations,
                        size_t len, char **args) {
  const ys_collector_options *c = cfg->collect;
  snprintf(iterations, len, "%llu", (unsigned long long)c->iterations);
  size_t n = 0;
  args[n++] = "--collector";
  args[n++] = (char *)cfg->collector_spec;
  args[n++] = "--iterations";
  args[n++] = iterations;
  if (c->counters != NULL) {
    args[n++] = "--counters";
    args[n++] = (char *)c->counters;
  }
  if (c->cache_sim) args[n++] = "--cache-sim";
  args[n] = NULL;
}

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
  a->cfg = *cfg;
  char iterations[24];
  char *args[8];
  worker_args(cfg, iterations, sizeof(iterations), args);
  int rc = ys_peer_start(cfg->program, args, collector, &a->peer, a->err,
                         sizeof(a->err));
  if (rc != 0) return rc;

  a->remote.benches = calloc(n_chosen + 1, sizeof(*a->remote.benches));
  if (a->remote.benches == NULL) return YS_ENOMEM;
  for (size_t i = 0; i < n_chosen; i++) {
    if (!ys_peer_has(a->peer, chosen[i].name)) continue;
    rc = ys_runner_result_init(collector, &chosen[i],
                               &a->remote.benches[a->remote.n_benches++]);
    if (rc != 0) return rc;
  }

  if (strcmp(ys_peer_version(a->peer), YS_VERSION_STRING) != 0)
    fprintf(stderr, "%s: note: %s was built with yardstick %s, this with %s\n",
            prog, cfg->program, ys_peer_version(a->peer), YS_VERSION_STRING);
  for (size_t i = 0; i < ys_peer_count(a->peer); i++)
    if (!defines(all, n_all, ys_peer_name(a->peer, i)))
      fprintf(stderr, "%s: note: '%s' exists only in %s; not compared\n", prog,
              ys_peer_name(a->peer, i), cfg->program);
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
  return ys_peer_round(a->peer, inst->name, a->cfg.warm_up_ns,
                       a->cfg.measurement_ns, a->cfg.sample_size, remote,
                       a->err, sizeof(a->err));
}

void ys_against_stop(ys_against *a) {
  if (a == NULL) return;
  ys_run_result_free(&a->remote);
  ys_peer_stop(a->peer);
  a->peer = NULL;
}
