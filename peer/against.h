/*
 * against.h — `--against PROGRAM`: another build of the suite, started as
 * workers (pool.h), measured round for round beside this one. Its results
 * play the baseline.
 */
#ifndef YS_AGAINST_H
#define YS_AGAINST_H

#include <stdbool.h>
#include <stddef.h>

#include "../collectors/collector.h"
#include "../core/model.h"
#include "../run/registry.h"
#include "pool.h"

/* How the other build is started and what one of its rounds costs: the
 * same collector settings and per-round budget as this side's rounds. */
typedef struct ys_against_config {
  const char *program;                 /* borrowed: the other build */
  const char *collector_spec;          /* borrowed: as given to --collector */
  const ys_collector_options *collect; /* borrowed */
  double warm_up_ns;                   /* per round */
  double measurement_ns;               /* per round */
  size_t sample_size;
  size_t processes; /* worker processes of the other build, >= 1 */
  uint64_t seed;    /* their layouts (pool.h) */
  double timeout_s; /* per benchmark, all rounds (pool.h); 0: none */
  /* The settings of each chosen benchmark (borrowed, parallel to `chosen`;
   * NULL: the run's): the other build's rounds are measured with this
   * side's budget, so its results carry the same settings, and a report
   * does not take them for a baseline measured otherwise. */
  const ys_bench_settings *settings;
  /* The run's filters (borrowed), as ys_select_matches takes them: a
   * benchmark only the other build defines is noted only when they would
   * select it. */
  char *const *filters;
  size_t n_filters;
  bool exact;
} ys_against_config;

typedef struct ys_against {
  bool started;
  ys_pool pool;         /* the other build's workers */
  ys_run_result remote; /* the benchmarks both builds define, by name */
  char err[512];        /* why a round failed */
} ys_against;

/* Starts cfg->processes workers of cfg->program with this program's collector
 * settings and prepares a result for every chosen benchmark it also defines.
 * Notes for the user (a different yardstick version, benchmarks only the other
 * build has) go to stderr, prefixed with `prog`. `a` is caller-owned and zeroed
 * here; everything else is borrowed. Returns 0, or an error code with the
 * message in a->err. */
int ys_against_start(ys_against *a, const ys_against_config *cfg,
                     const ys_collector *collector, const ys_instance *chosen,
                     size_t n_chosen, const ys_instance *all, size_t n_all,
                     const char *prog);

/* The runner's partner_round for `a` (a ys_against *): one round of the
 * same benchmark in the other build, when it has that benchmark. */
int ys_against_round(void *a, const ys_instance *inst);

/* Stops the other build and frees its results; NULL-safe, and safe on a
 * zeroed ys_against. */
void ys_against_stop(ys_against *a);

#endif
