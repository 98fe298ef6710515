/*
 * pool.h — one build of the suite measured in several worker processes at
 * once (peer.h), its rounds spread over them in turn.
 *
 * Why: two processes of the same binary do not run the same code equally
 * fast. Where the stack and heap land, which the environment's size and
 * address-space randomisation decide, moves a kernel's floor by a few per
 * cent for the life of the process (docs/statistics.md §3). With all rounds
 * of a side in one process that offset is a fixed bias no statistic can
 * see; spread over several processes, each with its own layout, it becomes
 * part of the spread between rounds, which the verdict's interval takes
 * into account.
 *
 * A benchmark that ends its worker (exit, a crash the worker cannot catch,
 * a kill), hangs past its timeout, or fails there fails alone: the pool
 * marks it failed, saying why, and starts that worker again for the
 * others.
 */
#ifndef YS_POOL_H
#define YS_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../collectors/collector.h"
#include "../core/model.h"
#include "../run/registry.h"
#include "peer.h"

/* The most worker processes one side may have. */
#define YS_POOL_MAX_PROCESSES 64

/* How the workers are started and what one of their rounds costs. */
typedef struct ys_pool_config {
  const char *program;                 /* the build to run; copied */
  const char *collector_spec;          /* borrowed: as given to --collector */
  const ys_collector_options *collect; /* borrowed */
  size_t processes;                    /* 1 .. YS_POOL_MAX_PROCESSES */
  uint64_t seed; /* picks each worker's environment padding */
  double warm_up_ns;
  double measurement_ns;
  size_t sample_size;
  uint64_t warm_up_iterations; /* per round; 0: warm up by time */
  bool latency;                /* rounds in latency mode (run/latency.h) */
  /* Seconds all rounds of one benchmark may take; 0: no limit. */
  double timeout_s;
} ys_pool_config;

typedef struct ys_pool {
  ys_peer *workers[YS_POOL_MAX_PROCESSES];
  size_t n;
  ys_pool_config cfg;            /* a copy; pointers borrowed, but program */
  char *program;                 /* owned copy of cfg.program */
  const ys_collector *collector; /* borrowed */
  uint64_t started;              /* workers started so far, restarts too */
  char err[512];                 /* why the pool stopped */
} ys_pool;

/* Starts cfg->processes workers of cfg->program with this program's
 * collector settings, each with an environment padded by a length drawn
 * from cfg->seed (so each has another memory layout). `p` is caller-owned
 * and zeroed here. Returns 0, or an error code with the message in p->err
 * (the workers started are stopped again). */
int ys_pool_start(ys_pool *p, const ys_pool_config *cfg,
                  const ys_collector *collector);

/* The first worker, for what every worker says alike (its benchmarks, its
 * yardstick version). */
const ys_peer *ys_pool_first(const ys_pool *p);

/* Measures one round of `inst` in the next worker in turn for it (its
 * rounds so far, modulo the number of workers) and appends it to res. A
 * benchmark that ends its worker's process is marked failed, with how the
 * process ended; one that has not answered when its cfg.timeout_s is spent
 * (res->elapsed_s counts what it spent before) is marked failed "timed out
 * after S s" and its worker killed; one that fails there (it may have
 * crashed) leaves its worker suspect. In all three cases the worker is
 * started again for the others. Returns 0; YS_EINTR when SIGINT or SIGTERM
 * arrived while waiting (that worker is killed); or an error code with the
 * message in p->err when a worker broke the protocol or cannot be started
 * again. */
int ys_pool_round(ys_pool *p, const ys_instance *inst, ys_bench_result *res);

/* Changes the per-round budget of later rounds. */
void ys_pool_set_budget(ys_pool *p, double warm_up_ns, double measurement_ns,
                        size_t sample_size);

/* Changes how later rounds warm up: `iterations` per round, or by the
 * warm-up time when 0. */
void ys_pool_set_warm_up_iterations(ys_pool *p, uint64_t iterations);

/* Changes whether later rounds are measured in latency mode, their
 * percentiles appended to the result's latency series. */
void ys_pool_set_latency(ys_pool *p, bool latency);

/* Stops every worker; NULL-safe, and safe on a zeroed pool. */
void ys_pool_stop(ys_pool *p);

#endif
