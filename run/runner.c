#include "runner.h"

#include <gsl/gsl_rng.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yardstick.h>

#include "../core/clock.h"
#include "../core/error.h"
#include "batch.h"
#include "counters.h"
#include "crash.h"
#include "deadline.h"
#include "exit_guard.h"
#include "group_names.h"
#include "group_order.h"
#include "interrupt.h"
#include "latency.h"
#include "plan.h"

/* A sample whose primary value is below this many clock steps carries more
 * than 0.1 % of quantisation error. */
#define SHORT_SAMPLE_STEPS 1000.0

struct ys_runner {
  ys_runner_config cfg;
  double resolution;
  bool primary_is_time; /* the first metric is in ns */
  /* Exact collectors: what a batch of an empty loop body of the fixed
   * iteration count measures (the window and the loop itself), for each
   * form of the loop ([0] while (ys_loop), [1] YS_LOOP), so that a body of
   * exactly K instructions reports K whichever form it is written in. */
  bool empty_measured;
  double empty[2][YS_MAX_METRICS];
  /* Latency mode (latency.h): where iteration times go, and the cost of
   * an empty window, measured on first need (negative until then). */
  ys_latency_recorder *latency;
  double clock_cost_ns;
};

/* One benchmark instance being measured, with the runner it belongs to. */
typedef struct target {
  const ys_runner *run;
  const ys_instance *inst;
  ys_bench_result *res;
  uint64_t *measured_iterations;
  /* Set for batches timed iteration by iteration (latency mode, or its
   * probe); NULL otherwise. */
  ys_latency_recorder *latency;
} target;

/* Marks the benchmark failed for running past its --timeout. */
static int timed_out(const target *t) {
  t->res->status = YS_BENCH_FAILED;
  snprintf(t->res->message, sizeof(t->res->message), "timed out after %g s",
           t->run->cfg.timeout_s);
  return YS_EBENCH;
}

/* Turns the counters the call reported into its samples of the result's
 * counter series (adding the series on the benchmark's first call).
 * Returns 0, or YS_EBENCH with the result marked failed. */
static int take_counters(const target *t, ys_batch *b) {
  ys_bench_result *res = t->res;
  ys_counter_spec specs[YS_MAX_COUNTERS];
  size_t map[YS_MAX_COUNTERS];
  for (size_t i = 0; i < b->counters.n; i++)
    specs[i] = (ys_counter_spec){b->counters.entry[i].name,
                                 b->counters.entry[i].flags};
  char why[YS_MESSAGE_MAX];
  int rc = ys_counters_shape(res, specs, b->counters.n, map, why, sizeof(why));
  if (rc == YS_ENOMEM) snprintf(why, sizeof(why), "out of memory");
  /* A rate is over the timed window, which the primary metric measures
   * when it is a time. */
  double timed_ns = t->run->primary_is_time ? b->values[0] : -1;
  size_t first = ys_counters_first(res);
  for (size_t i = 0; i < b->counters.n && rc == 0; i++) {
    double figure;
    rc = ys_counters_figure(&b->counters.entry[i], b->iterations, timed_ns,
                            &figure, why, sizeof(why));
    /* Stored times the iterations, so that per-iteration statistics give
     * the figure back (counters.h). */
    if (rc == 0)
      b->counter_values[map[i] - first] = figure * (double)b->iterations;
  }
  if (rc == 0) return 0;
  res->status = YS_BENCH_FAILED;
  snprintf(res->message, sizeof(res->message), "%s", why);
  return YS_EBENCH;
}

/* Calls the benchmark function once for a batch of `iterations`. Returns 0,
 * or YS_EBENCH with the result marked skipped or failed. */
static int run_batch(const target *t, uint64_t iterations, ys_batch *b) {
  memset(b, 0, sizeof(*b));
  b->ops = t->run->cfg.collector->ops;
  b->collector_ctx = t->run->cfg.collector->ctx;
  b->iterations = iterations;
  b->status = YS_BENCH_OK;
  b->latency = t->latency;

  ys_bench_result *res = t->res;
  if (ys_deadline_expired()) return timed_out(t);
  ys_state state = {0};
  state.ys__arg = t->inst->arg;
  state.ys__args = t->inst->args;
  state.ys__variants = t->inst->variants;
  state.ys__n_args = t->inst->n_args;
  state.ys__run = b;
  if (b->ops->batch != NULL) b->ops->batch(b->collector_ctx, iterations);
  ys_exit_guard_enter(t->inst->name);
  int crash = ys_crash_call(t->inst->def->fn, &state);
  ys_exit_guard_leave();

  if (crash == SIGALRM && ys_deadline_expired()) return timed_out(t);
  if (crash != 0) {
    res->status = YS_BENCH_FAILED;
    snprintf(res->message, sizeof(res->message), "crashed with signal %d (%s)",
             crash, strsignal(crash));
    return YS_EBENCH;
  }
  if (b->status != YS_BENCH_OK) {
    res->status = b->status;
    memcpy(res->message, b->message, sizeof(res->message));
    return YS_EBENCH;
  }
  if (b->phase != YS_LOOP_DONE) {
    res->status = YS_BENCH_FAILED;
    snprintf(res->message, sizeof(res->message), "%s",
             b->phase == YS_LOOP_NOT_STARTED
                 ? "returned without running its loop: write "
                   "YS_LOOP(state) { ... }"
                 : "left its loop early (break or return inside it)");
    return YS_EBENCH;
  }
  res->bytes_per_iteration = b->bytes_per_iteration;
  res->elements_per_iteration = b->elements_per_iteration;
  if (b->counters.n > 0 || ys_counters_first(res) < res->n_series)
    return take_counters(t, b);
  return 0;
}

/* What the warm-up learns beyond ys_warmup: the wall-clock cost of whole
 * calls, which includes what the benchmark keeps out of its timing. */
typedef struct warm_up_probe {
  const target *t;
  double timed_ns;      /* collector's primary metric, summed */
  double first_call_ns; /* wall time of the first call (1 iteration) */
  double last_call_ns;  /* wall time of the last call */
  uint64_t last_iterations;
} warm_up_probe;

/* ys_batch_fn for the warm-up. The budget is spent in wall-clock time of
 * whole calls, so a benchmark that pauses its timing for costly
 * per-iteration setup still warms up in the time it was given. */
static double warm_up_batch(void *ctx, uint64_t iterations) {
  warm_up_probe *p = ctx;
  ys_batch b;
  double started = ys_clock_now_s();
  if (run_batch(p->t, iterations, &b) != 0) return -1;
  double call_ns = (ys_clock_now_s() - started) * 1e9;
  if (iterations == 1) p->first_call_ns = call_ns;
  p->last_call_ns = call_ns;
  p->last_iterations = iterations;
  p->timed_ns += b.values[0];
  return call_ns;
}

/* The cost of one more iteration in wall-clock time, which the sample plan
 * must budget: the timed cost plus whatever the benchmark pauses out of its
 * timing, without its per-call setup. The difference between the first call
 * (one iteration) and the last one (the most) cancels the setup. Noise can
 * only make it larger, which makes the plan cheaper, never longer. */
static double planning_cost_ns(const warm_up_probe *p, double timed_met_ns) {
  if (p->last_iterations <= 1) return timed_met_ns;
  double marginal =
      (p->last_call_ns - p->first_call_ns) / (double)(p->last_iterations - 1);
  return marginal > timed_met_ns ? marginal : timed_met_ns;
}

static void record_sample(ys_bench_result *res, uint64_t iterations,
                          const ys_batch *b) {
  size_t first = ys_counters_first(res);
  for (size_t m = 0; m < res->n_series; m++) {
    ys_series *s = &res->series[m];
    /* Latency series get one value per round, at its end (latency.h). */
    if (s->counter & YS_SERIES_LATENCY) continue;
    double v = m < first ? b->values[m] : b->counter_values[m - first];
    s->samples[s->n_samples++] = (ys_sample){iterations, v};
  }
}

static void record_round(ys_bench_result *res, size_t first, size_t n,
                         bool linear) {
  for (size_t m = 0; m < res->n_series; m++) {
    ys_series *s = &res->series[m];
    if (s->counter & YS_SERIES_LATENCY) continue;
    s->rounds[s->n_rounds++] =
        (ys_round){.first_sample = first, .n_samples = n, .linear = linear};
  }
}

static void discard_measurements(ys_bench_result *res) {
  for (size_t m = 0; m < res->n_series; m++) {
    res->series[m].n_samples = 0;
    res->series[m].n_rounds = 0;
  }
  res->total_iterations = 0;
  res->latency.kept = 0;
  res->latency.timed = 0;
  memset(res->latency.short_rounds, 0, sizeof(res->latency.short_rounds));
}

/* Makes room in every series for one more round of n samples. Allocation
 * happens here, between batches, never inside a timed window. */
static int reserve(ys_bench_result *res, size_t n) {
  for (size_t m = 0; m < res->n_series; m++) {
    ys_series *s = &res->series[m];
    if (s->counter & YS_SERIES_LATENCY) continue; /* latency.c grows them */
    /* A count that would wrap the byte size (a sample size from a
     * malformed worker command, say) must fail, not allocate a few bytes
     * that the samples then overrun. */
    if (!ys_runner_fits(s->n_samples, n, sizeof(*s->samples)) ||
        !ys_runner_fits(s->n_rounds, 1, sizeof(*s->rounds)))
      return YS_ENOMEM;
    ys_sample *samples =
        realloc(s->samples, (s->n_samples + n) * sizeof(*samples));
    if (samples == NULL) return YS_ENOMEM;
    s->samples = samples;
    ys_round *rounds = realloc(s->rounds, (s->n_rounds + 1) * sizeof(*rounds));
    if (rounds == NULL) return YS_ENOMEM;
    s->rounds = rounds;
  }
  return 0;
}

bool ys_runner_fits(size_t have, size_t more, size_t size) {
  return size != 0 && more <= SIZE_MAX / size && have <= SIZE_MAX / size - more;
}

static void flag_all(ys_bench_result *res, unsigned warning, size_t suggested) {
  for (size_t m = 0; m < res->n_series; m++) {
    ys_analysis *a = &res->series[m].analysis;
    a->warnings |= warning;
    if (suggested > a->suggested_sample_size)
      a->suggested_sample_size = suggested;
  }
}

/* The empty benchmarks the harness times to know its own cost per
 * iteration, in both forms of the loop; the clobber keeps the compiler from
 * deleting the loop, as it would any user's loop with a ys_black_box in
 * it. */
static void empty_while_loop(ys_state *state) {
  while (ys_loop(state))
    ys_clobber_memory();
}

static void empty_for_loop(ys_state *state) {
  YS_LOOP(state)
    ys_clobber_memory();
}

static const ys_bench empty_benches[2] = {
    {.name = "(empty while loop)",
     .file = __FILE__,
     .line = __LINE__,
     .fn = empty_while_loop},
    {.name = "(empty loop)",
     .file = __FILE__,
     .line = __LINE__,
     .fn = empty_for_loop},
};

/* One batch of an empty loop (form 0: while, 1: YS_LOOP), measured like
 * any benchmark's. */
static int run_empty_batch(const ys_runner *r, int form, uint64_t iterations,
                           ys_batch *b) {
  ys_instance inst = {.def = &empty_benches[form]};
  ys_bench_result res = {0};
  uint64_t unused = 0;
  target t = {r, &inst, &res, &unused, NULL};
  return run_batch(&t, iterations, b);
}

/* Measures both empty loops once per runner, as a benchmark would be: one
 * unmeasured batch, then the measured one. */
static void measure_empty(ys_runner *r) {
  const ys_collector *c = r->cfg.collector;
  r->empty_measured = true;
  for (int form = 0; form < 2; form++) {
    ys_batch b;
    if (c->ops->label != NULL) c->ops->label(c->ctx, empty_benches[form].name);
    if (run_empty_batch(r, form, r->cfg.fixed_iterations, &b) != 0 ||
        run_empty_batch(r, form, r->cfg.fixed_iterations, &b) != 0)
      continue;
    memcpy(r->empty[form], b.values, sizeof(r->empty[form]));
  }
}

/* One round under an exact collector: one unmeasured batch (lazy
 * binding, first-touch allocations and cold code would otherwise be
 * counted), then one measured batch of the fixed iteration count. */
static int run_fixed_round(ys_runner *r, const target *t) {
  ys_bench_result *res = t->res;
  uint64_t iterations = r->cfg.fixed_iterations;
  double started = ys_clock_now_s();
  ys_batch b;
  /* The unmeasured batch's windows are named apart from the benchmark's,
   * so that raw files (--callgrind-out) hold the measured cost under the
   * benchmark's name alone. */
  const ys_collector *c = r->cfg.collector;
  char warm_up[YS_NAME_MAX + 16];
  snprintf(warm_up, sizeof(warm_up), "(warm-up) %s", t->inst->name);
  if (c->ops->label != NULL) c->ops->label(c->ctx, warm_up);
  int rc = run_batch(t, iterations, &b);
  if (c->ops->label != NULL) c->ops->label(c->ctx, t->inst->name);
  /* Out of memory ends the run, as in run_round: a benchmark must not end
   * "ok" without its round. */
  if (rc == 0 && reserve(res, 1) != 0) return YS_ENOMEM;
  if (rc == 0 && run_batch(t, iterations, &b) == 0) {
    const double *empty = r->empty[b.for_form];
    /* Counters are the benchmark's own figures: nothing to subtract. */
    for (size_t m = 0; m < ys_counters_first(res); m++)
      b.values[m] = b.values[m] > empty[m] ? b.values[m] - empty[m] : 0;
    size_t first = res->series[0].n_samples;
    record_sample(res, iterations, &b);
    record_round(res, first, 1, false);
    *t->measured_iterations += iterations;
  }
  res->elapsed_s += ys_clock_now_s() - started;
  if (res->status != YS_BENCH_OK) discard_measurements(res);
  return 0;
}

/* Whether benchmark res asked for latency mode (its settings, or the
 * runner's for all). */
static bool wants_latency(const ys_runner *r, const ys_bench_result *res) {
  return res->settings.latency || r->cfg.latency;
}

/* The median time of one iteration of t's benchmark, each timed on its
 * own: a probe batch of at most LATENCY_PROBE_ITERATIONS, fewer when they
 * would take longer than the warm-up budget (met_ns each). Returns 0, or
 * YS_EBENCH with the result marked as the benchmark stopped. */
#define LATENCY_PROBE_ITERATIONS 101
static int latency_probe(const target *t, double met_ns, double *median) {
  const ys_runner_config *cfg = &t->run->cfg;
  double budget = cfg->warm_up_ns > 0 ? cfg->warm_up_ns : cfg->measurement_ns;
  uint64_t k = LATENCY_PROBE_ITERATIONS;
  if (met_ns > 0 && budget / met_ns < (double)k)
    k = budget / met_ns < 1 ? 1 : (uint64_t)(budget / met_ns);
  target probe = *t;
  probe.latency = t->run->latency;
  ys_latency_round_begin(probe.latency, NULL);
  ys_batch b;
  int rc = run_batch(&probe, k, &b);
  *median = ys_latency_round_median(probe.latency);
  return rc;
}

/* Decides latency mode on a benchmark's first round (docs/statistics.md
 * §7) and gives the recorder its rounds use, or NULL when it runs in
 * batches. Returns 0 (a benchmark stopped by the probe keeps its status),
 * or YS_ENOMEM. */
static int latency_of_round(const target *t, double met_ns,
                            ys_latency_recorder **out) {
  *out = NULL;
  ys_runner *r = (ys_runner *)t->run;
  ys_bench_result *res = t->res;
  if (!wants_latency(r, res) || r->latency == NULL) return 0;
  if (res->latency.status == YS_LATENCY_OFF) {
    if (r->clock_cost_ns < 0)
      r->clock_cost_ns = ys_latency_clock_cost(r->cfg.collector, 101);
    double median = 0;
    if (latency_probe(t, met_ns, &median) != 0) return 0;
    ys_latency_decide(&res->latency, res->name, r->clock_cost_ns, median);
  }
  if (res->latency.status != YS_LATENCY_ON) return 0;
  if (ys_latency_start(&res->latency) != 0) return YS_ENOMEM;
  *out = r->latency;
  return 0;
}

/* One round of one benchmark: warm-up, plan, samples. */
static int run_round(const target *t) {
  const ys_runner_config *cfg = &t->run->cfg;
  ys_bench_result *res = t->res;
  double started = ys_clock_now_s();
  /* t, for the samples: latency mode gives it a recorder. */
  target timed = *t;

  ys_warmup w;
  warm_up_probe probe = {.t = t};
  int warmed =
      cfg->warm_up_iterations > 0
          ? ys_plan_warm_up_count(warm_up_batch, &probe,
                                  cfg->warm_up_iterations, &w)
          : ys_plan_warm_up(warm_up_batch, &probe, cfg->warm_up_ns, &w);
  if (warmed != 0) goto out;
  /* When the primary metric is not time (perf counts alone), the plan can
   * only go by the wall clock: whole calls, setup included. */
  double timed_met_ns =
      t->run->primary_is_time
          ? probe.timed_ns / (double)w.iterations
          : probe.last_call_ns / (double)probe.last_iterations;
  ys_plan plan;
  ys_plan_choose(cfg->planning_cost_ns > 0
                     ? cfg->planning_cost_ns
                     : planning_cost_ns(&probe, timed_met_ns),
                 cfg->measurement_ns, cfg->sample_size, &plan);
  int rc = latency_of_round(t, timed_met_ns, &timed.latency);
  /* Samples of one iteration carry a window's cost each, which batches
   * spread over many iterations; in latency mode every iteration has its
   * own window whatever the sample holds, so that is no warning there. */
  if (plan.step == 1 && timed.latency == NULL)
    flag_all(res, YS_WARN_FEW_ITERATIONS, plan.suggested_n);
  if (rc == 0) rc = reserve(res, plan.n);
  if (rc != 0) {
    res->elapsed_s += ys_clock_now_s() - started;
    return rc;
  }
  if (res->status != YS_BENCH_OK) goto out; /* the probe stopped it */
  if (timed.latency != NULL)
    ys_latency_round_begin(timed.latency, &res->latency);

  size_t first = res->series[0].n_samples;
  for (size_t i = 0; i < plan.n; i++) {
    uint64_t iterations = ys_plan_iterations(&plan, i);
    ys_batch b;
    if (run_batch(&timed, iterations, &b) != 0) goto out;
    record_sample(res, iterations, &b);
    *t->measured_iterations += iterations;
    if (t->run->primary_is_time &&
        b.values[0] < SHORT_SAMPLE_STEPS * t->run->resolution)
      flag_all(res, YS_WARN_SHORT_SAMPLES, 0);
  }
  if (timed.latency != NULL && ys_latency_round_end(timed.latency, res) != 0) {
    res->elapsed_s += ys_clock_now_s() - started;
    return YS_ENOMEM;
  }
  record_round(res, first, plan.n, plan.linear);
out:
  if (timed.latency != NULL) timed.latency->bench = NULL;
  res->elapsed_s += ys_clock_now_s() - started;
  /* Partial rounds of a benchmark that stopped must not be mistaken for a
   * measurement: it keeps its status and message only. */
  if (res->status != YS_BENCH_OK) discard_measurements(res);
  return 0;
}

int ys_runner_result_init(const ys_collector *collector,
                          const ys_instance *inst, ys_bench_result *res) {
  const ys_collector *ops = collector;
  memset(res, 0, sizeof(*res));
  snprintf(res->name, sizeof(res->name), "%s", inst->name);
  snprintf(res->family, sizeof(res->family), "%s",
           inst->def != NULL && inst->def->name != NULL ? inst->def->name
                                                        : inst->name);
  ys_group_name_result(inst, res);
  res->status = YS_BENCH_OK;
  res->series = calloc(ops->n_metrics, sizeof(*res->series));
  if (res->series == NULL) return YS_ENOMEM;
  res->n_series = ops->n_metrics;
  for (size_t m = 0; m < ops->n_metrics; m++) {
    res->series[m].metric = ops->metrics[m].name;
    res->series[m].unit = ops->metrics[m].unit;
    res->series[m].kind = ops->metrics[m].kind;
    res->series[m].exact = ops->metrics[m].exact;
  }
  return 0;
}

int ys_runner_open(const ys_runner_config *cfg, ys_runner **out) {
  ys_runner *r = calloc(1, sizeof(*r));
  if (r == NULL) return YS_ENOMEM;
  if (ys_crash_guard_install() != 0) {
    free(r);
    return YS_ENOMEM;
  }
  r->cfg = *cfg;
  if (r->cfg.fixed_iterations == 0) r->cfg.fixed_iterations = 1;
  const ys_collector *c = cfg->collector;
  r->resolution = c->ops->resolution != NULL ? c->ops->resolution(c->ctx) : 0;
  r->primary_is_time = c->n_metrics > 0 && c->metrics[0].kind == YS_METRIC_TIME;
  r->clock_cost_ns = -1;
  r->latency = calloc(1, sizeof(*r->latency));
  if (r->latency == NULL || ys_latency_recorder_init(r->latency, cfg->seed)) {
    ys_runner_close(r);
    return YS_ENOMEM;
  }
  *out = r;
  return 0;
}

void ys_runner_close(ys_runner *r) {
  if (r == NULL) return;
  ys_crash_guard_remove();
  if (r->latency != NULL) ys_latency_recorder_free(r->latency);
  free(r->latency);
  free(r);
}

void ys_runner_set_budget(ys_runner *r, double warm_up_ns,
                          double measurement_ns, size_t sample_size) {
  r->cfg.warm_up_ns = warm_up_ns;
  r->cfg.measurement_ns = measurement_ns;
  r->cfg.sample_size = sample_size;
}

void ys_runner_set_warm_up_iterations(ys_runner *r, uint64_t iterations) {
  r->cfg.warm_up_iterations = iterations;
}

/* The rounds instance k is measured for. */
static size_t rounds_of(const ys_runner_config *cfg, size_t k) {
  return cfg->settings != NULL ? cfg->settings[k].rounds : cfg->rounds;
}

/* Gives the runner (and whoever measures rounds elsewhere) instance k's
 * own budget before its round. */
static void use_settings_of(ys_runner *run, const ys_runner_config *cfg,
                            size_t k) {
  if (cfg->settings == NULL) return;
  ys_round_budget b;
  ys_settings_budget(&cfg->settings[k], &b);
  ys_runner_set_budget(run, b.warm_up_ns, b.measurement_ns, b.sample_size);
  ys_runner_set_warm_up_iterations(run, b.warm_up_iterations);
  if (cfg->budget_changed != NULL) cfg->budget_changed(cfg->budget_ctx, &b);
}

int ys_runner_round(ys_runner *r, const ys_instance *inst,
                    ys_bench_result *res) {
  if (res->status != YS_BENCH_OK) return 0;
  const ys_collector *c = r->cfg.collector;
  if (c->exact && !r->empty_measured) {
    measure_empty(r);
  }
  if (c->ops->label != NULL) c->ops->label(c->ctx, inst->name);
  /* Latency mode times iterations, which an exact count or a primary
   * metric that is not a time cannot do. */
  if (wants_latency(r, res) && res->latency.status == YS_LATENCY_OFF &&
      (c->exact || !r->primary_is_time))
    ys_latency_refuse_metric(&res->latency, res->name, c->metrics[0].name);
  target t = {r, inst, res, &res->total_iterations, NULL};
  /* The timeout is the benchmark's whole budget: what its earlier rounds
   * spent is gone from it. */
  bool deadline = r->cfg.timeout_s > 0;
  if (deadline) {
    double left = r->cfg.timeout_s - res->elapsed_s;
    if (left <= 0) {
      timed_out(&t);
      discard_measurements(res);
      return 0;
    }
    if (ys_deadline_arm(left) != 0) deadline = false;
  }
  int rc = c->exact ? run_fixed_round(r, &t) : run_round(&t);
  if (deadline) ys_deadline_disarm();
  return rc;
}

int ys_runner_run(const ys_instance *instances, size_t n,
                  const ys_runner_config *cfg, ys_run_result *out) {
  memset(out, 0, sizeof(*out));
  ys_runner *run = NULL;
  ys_group_order *order = NULL;
  gsl_rng *rng = NULL;

  int rc = ys_runner_open(cfg, &run);
  if (rc != 0) return rc;
  out->benches = calloc(n == 0 ? 1 : n, sizeof(*out->benches));
  order = ys_group_order_new(instances, n);
  rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (out->benches == NULL || order == NULL || rng == NULL) {
    rc = YS_ENOMEM;
    goto out;
  }
  out->n_benches = n;
  for (size_t i = 0; i < n; i++) {
    rc = ys_runner_result_init(cfg->collector, &instances[i], &out->benches[i]);
    if (rc != 0) goto out;
    if (cfg->settings != NULL) out->benches[i].settings = cfg->settings[i];
  }
  gsl_rng_set(rng, cfg->seed);

  /* With per-benchmark settings the passes go on until the benchmark with
   * the most rounds has had them all; the others sit out what they do not
   * need, so rounds stay interleaved as long as there are several. */
  size_t total = 0, passes = 0;
  for (size_t i = 0; i < n; i++) {
    total += rounds_of(cfg, i);
    if (rounds_of(cfg, i) > passes) passes = rounds_of(cfg, i);
  }
  size_t done = 0;
  for (size_t r = 0; r < passes && rc == 0; r++) {
    /* A fresh order each pass spreads a slow episode of the machine over
     * different benchmarks' rounds instead of one benchmark's; the members
     * of a group that are compared run back to back (group_order.h). */
    const size_t *pass = ys_group_order_shuffle(order, rng);
    for (size_t k = 0; k < n && rc == 0; k++) {
      ys_bench_result *res = &out->benches[pass[k]];
      if (r >= rounds_of(cfg, pass[k])) continue;
      done++;
      if (res->status != YS_BENCH_OK) continue;
      /* Between rounds is where a run can stop and still be reported. */
      if (ys_interrupted()) {
        rc = YS_EINTR;
        break;
      }
      if (cfg->progress != NULL)
        cfg->progress(cfg->progress_ctx, done - 1, total, r + 1,
                      rounds_of(cfg, pass[k]), res->name);
      use_settings_of(run, cfg, pass[k]);
      bool partner_first = r % 2 == 1;
      if (cfg->partner_round != NULL && partner_first)
        rc = cfg->partner_round(cfg->partner_ctx, &instances[pass[k]]);
      if (rc == 0)
        /* Latency mode's pooled percentiles and their intervals need
         * every kept iteration time (up to 100,000 per benchmark), and
         * the worker protocol carries a round's percentiles only
         * (docs/worker-protocol.md): those rounds are measured here. */
        rc = cfg->own_round != NULL && !wants_latency(run, res)
                 ? cfg->own_round(cfg->own_ctx, &instances[pass[k]], res)
                 : ys_runner_round(run, &instances[pass[k]], res);
      if (rc == 0 && cfg->partner_round != NULL && !partner_first)
        rc = cfg->partner_round(cfg->partner_ctx, &instances[pass[k]]);
    }
  }

out:
  gsl_rng_free(rng);
  ys_group_order_free(order);
  ys_runner_close(run);
  if (rc != 0 && rc != YS_EINTR) ys_run_result_free(out);
  return rc;
}

int ys_runner_calibrate(const ys_collector *collector, double *resolution_ns,
                        double *loop_overhead_ns) {
  const ys_collector_ops *ops = collector->ops;
  *resolution_ns =
      ops->resolution != NULL ? ops->resolution(collector->ctx) : 0;
  *loop_overhead_ns = 0;
  /* Under an exact collector the runner subtracts an empty loop of
   * the fixed iteration count instead, and running millions of iterations
   * under it (valgrind) would cost seconds. */
  if (collector->exact) return 0;

  ys_runner run = {.cfg = {.collector = collector}};

  /* The fastest of a few large batches: noise only ever adds time. */
  const uint64_t iterations = 1000000;
  double best = -1;
  for (int i = 0; i < 7; i++) {
    ys_batch b;
    if (run_empty_batch(&run, 1, iterations, &b) != 0) break;
    double per_iteration = b.values[0] / (double)iterations;
    if (best < 0 || per_iteration < best) best = per_iteration;
  }
  *loop_overhead_ns = best < 0 ? 0 : best;
  return 0;
}
