/*
 * pool.c — several workers of one build, rounds spread over them in turn
 * (pool.h says why).
 */
#include "pool.h"

#include "../core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

/* Longest padding of a worker's environment. A page of it moves the
 * initial stack over every offset within a page, which is what decides
 * how a kernel's stack data fall on cache lines and aliasing boundaries. */
#define PAD_MAX 4096

/* The environment variable that carries the padding; its value means
 * nothing. */
#define PAD_NAME "YS_LAYOUT_PAD="

/* The options that make a worker measure as this program does. */
static void worker_args(const ys_pool_config *cfg, char *iterations, size_t len,
                        char **args) {
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

/* The padding length of the k-th worker started: a fixed function of the
 * seed and k (SplitMix64's finaliser spreads neighbouring seeds apart), so
 * that a run is repeatable and every worker has its own layout. */
static size_t pad_length(uint64_t seed, uint64_t k) {
  uint64_t z = seed + (k + 1) * 0x9e3779b97f4a7c15u;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  z ^= z >> 31;
  return (size_t)(z % PAD_MAX);
}

/* Starts worker slot i. Returns 0 or an error code with p->err set. */
static int start_worker(ys_pool *p, size_t i) {
  char iterations[24];
  char *args[8];
  worker_args(&p->cfg, iterations, sizeof(iterations), args);
  size_t pad = pad_length(p->cfg.seed, p->started++);
  char *env = malloc(sizeof(PAD_NAME) + pad);
  if (env == NULL) {
    snprintf(p->err, sizeof(p->err), "out of memory");
    return YS_ENOMEM;
  }
  memcpy(env, PAD_NAME, sizeof(PAD_NAME) - 1);
  memset(env + sizeof(PAD_NAME) - 1, 'x', pad);
  env[sizeof(PAD_NAME) - 1 + pad] = '\0';
  int rc = ys_peer_start(p->cfg.program, args, env, p->collector,
                         &p->workers[i], p->err, sizeof(p->err));
  free(env);
  return rc;
}

int ys_pool_start(ys_pool *p, const ys_pool_config *cfg,
                  const ys_collector *collector) {
  memset(p, 0, sizeof(*p));
  p->cfg = *cfg;
  p->collector = collector;
  p->program = strdup(cfg->program);
  if (p->program == NULL) {
    snprintf(p->err, sizeof(p->err), "out of memory");
    return YS_ENOMEM;
  }
  p->cfg.program = p->program;
  if (cfg->processes < 1 || cfg->processes > YS_POOL_MAX_PROCESSES) {
    snprintf(p->err, sizeof(p->err), "processes must be 1 to %d",
             YS_POOL_MAX_PROCESSES);
    return YS_EINVAL;
  }
  for (size_t i = 0; i < cfg->processes; i++) {
    int rc = start_worker(p, i);
    if (rc != 0) {
      ys_pool_stop(p);
      return rc;
    }
    p->n++;
  }
  return 0;
}

const ys_peer *ys_pool_first(const ys_pool *p) {
  return p->workers[0];
}

void ys_pool_set_budget(ys_pool *p, double warm_up_ns, double measurement_ns,
                        size_t sample_size) {
  p->cfg.warm_up_ns = warm_up_ns;
  p->cfg.measurement_ns = measurement_ns;
  p->cfg.sample_size = sample_size;
}

void ys_pool_set_warm_up_iterations(ys_pool *p, uint64_t iterations) {
  p->cfg.warm_up_iterations = iterations;
}

void ys_pool_set_latency(ys_pool *p, bool latency) {
  p->cfg.latency = latency;
}

/* Marks res failed with `why` and drops its rounds: a benchmark that
 * stopped must not be mistaken for a measurement. */
static void fail_bench(ys_bench_result *res, const char *why) {
  res->status = YS_BENCH_FAILED;
  snprintf(res->message, sizeof(res->message), "%s", why);
  for (size_t m = 0; m < res->n_series; m++) {
    ys_series *s = &res->series[m];
    s->n_samples = 0;
    s->n_rounds = 0;
  }
}

int ys_pool_round(ys_pool *p, const ys_instance *inst, ys_bench_result *res) {
  if (res->status != YS_BENCH_OK) return 0;
  size_t taken = res->n_series > 0 ? res->series[0].n_rounds : 0;
  size_t i = taken % p->n;
  char why[256];
  /* The timeout is the benchmark's whole budget, all rounds together. */
  double left = 0;
  if (p->cfg.timeout_s > 0) {
    left = p->cfg.timeout_s - res->elapsed_s;
    if (left <= 0) {
      snprintf(why, sizeof(why), "timed out after %g s", p->cfg.timeout_s);
      fail_bench(res, why);
      return 0;
    }
  }
  double asked = ys_clock_now_s();
  int rc = ys_peer_round(p->workers[i], inst->name, p->cfg.warm_up_ns,
                         p->cfg.measurement_ns, p->cfg.sample_size,
                         p->cfg.warm_up_iterations, p->cfg.latency, left, res,
                         p->err, sizeof(p->err));
  if (rc == YS_EINTR) {
    /* The run stops: the worker in the middle of a round is ended now. */
    ys_peer_kill(p->workers[i]);
    p->workers[i] = NULL;
    return rc;
  }
  if (rc == YS_ETIMEDOUT) {
    /* The benchmark hangs (or the worker stopped answering): the worker is
     * killed, the benchmark fails alone, a fresh worker serves the others.
     * Its time is counted, so that its budget is spent. */
    ys_peer_kill(p->workers[i]);
    p->workers[i] = NULL;
    res->elapsed_s += ys_clock_now_s() - asked;
    snprintf(why, sizeof(why), "timed out after %g s", p->cfg.timeout_s);
    fail_bench(res, why);
    p->err[0] = '\0';
    return start_worker(p, i);
  }
  if (rc == 0 && res->status == YS_BENCH_FAILED) {
    /* A benchmark that failed there may have crashed, and the worker
     * jumped out of it with its heap or locks in any state: the others go
     * on in a fresh worker. */
    ys_peer_stop(p->workers[i]);
    p->workers[i] = NULL;
    return start_worker(p, i);
  }
  if (rc != YS_EIO) return rc;

  /* The worker's process ended during the round: the benchmark ended it
   * (exit, abort, a signal the worker could not catch) or something killed
   * it. Either way this benchmark fails alone; the others go on in a fresh
   * worker. */
  char how[128];
  ys_peer_reap(p->workers[i], how, sizeof(how));
  p->workers[i] = NULL;
  /* The hint fits an exit only: a signal may come from elsewhere. */
  bool exited = strncmp(how, "exited", 6) == 0;
  snprintf(why, sizeof(why), "its process %s during a round%s", how,
           exited ? " (a benchmark must return, not exit)" : "");
  fail_bench(res, why);
  p->err[0] = '\0';
  return start_worker(p, i);
}

void ys_pool_stop(ys_pool *p) {
  if (p == NULL) return;
  for (size_t i = 0; i < YS_POOL_MAX_PROCESSES; i++) {
    ys_peer_stop(p->workers[i]);
    p->workers[i] = NULL;
  }
  p->n = 0;
  free(p->program);
  p->program = NULL;
}
