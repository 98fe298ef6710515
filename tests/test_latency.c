/* Tests of latency mode (docs/statistics.md §7): the type-7 percentiles
 * and their bootstrap intervals (analysis/latency.c) against oracles
 * computed independently, and the runner's latency mode (run/latency.c,
 * run/state.c) through a fake collector whose clock moves only when the
 * benchmark body or the window's edges say so: the clock's cost, the
 * refusal rule and the per-iteration times are then exact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests/test_support.h"
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <yardstick.h>

#include "analysis/latency.h"
#include "baselines/store.h"
#include "core/error.h"
#include "core/policy.h"
#include "reports/latency_text.h"
#include "reports/notes.h"
#include "run/runner.h"

/* ---- Percentiles and intervals --------------------------------------- */

/* x = 1..10, type 7 (h = 9p, x[floor h] + frac·(next − it)), by hand:
 * p50 h = 4.5 → 5.5; p90 h = 8.1 → 9.1; p99 h = 8.91 → 9.91; p99.9
 * h = 8.991 → 9.991. */
static void test_type7_quantiles_by_hand(void **unused) {
  (void)unused;
  double x[10];
  for (int i = 0; i < 10; i++)
    x[i] = i + 1;
  assert_close(ys_latency_quantile(x, 10, 0.5), 5.5, 1e-12);
  assert_close(ys_latency_quantile(x, 10, 0.9), 9.1, 1e-12);
  assert_close(ys_latency_quantile(x, 10, 0.99), 9.91, 1e-12);
  assert_close(ys_latency_quantile(x, 10, 0.999), 9.991, 1e-12);
  /* 1/(1 − p) times, rounded up: 2, 10, 100, 1000. */
  assert_int_equal(ys_latency_min_samples(0.5), 2);
  assert_int_equal(ys_latency_min_samples(0.9), 10);
  assert_int_equal(ys_latency_min_samples(0.99), 100);
  assert_int_equal(ys_latency_min_samples(0.999), 1000);
}

/* The percentile bootstrap done the long way: B resamples of all n values
 * drawn with gsl_rng_uniform_int (a generator of another seed), each
 * sorted, its type-7 percentile taken; the 2.5 % and 97.5 % quantiles of
 * the replicates. */
static void brute_force_ci(const double *sorted, size_t n, double p, double *lo,
                           double *hi) {
  enum { b = 2000 };
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 12345);
  double *resample = malloc(n * sizeof(*resample));
  double *reps = malloc(b * sizeof(*reps));
  for (size_t r = 0; r < b; r++) {
    for (size_t i = 0; i < n; i++)
      resample[i] = sorted[gsl_rng_uniform_int(rng, n)];
    gsl_sort(resample, 1, n);
    reps[r] = gsl_stats_quantile_from_sorted_data(resample, 1, n, p);
  }
  gsl_sort(reps, 1, b);
  *lo = gsl_stats_quantile_from_sorted_data(reps, 1, b, 0.025);
  *hi = gsl_stats_quantile_from_sorted_data(reps, 1, b, 0.975);
  free(reps);
  free(resample);
  gsl_rng_free(rng);
}

static ys_latency latency_of(const double *times, size_t n) {
  ys_latency l = {.status = YS_LATENCY_ON, .kept = n, .timed = n};
  l.samples = malloc(n * sizeof(*l.samples));
  memcpy(l.samples, times, n * sizeof(*times));
  return l;
}

/* x = 1..1000 shuffled. The median's interval, from the order statistics
 * of a resample: U_(500) ~ Beta(500, 501), mean 0.4995, sd
 * sqrt(500·501 / (1001²·1002)) = 0.015796; its 2.5 % and 97.5 % points by
 * the normal approximation, 0.4995 ∓ 1.96·0.015796 = 0.4685 and 0.5305,
 * index ceil(1000·u) → about 469 and 531. The Monte Carlo error of an
 * endpoint from 2000 replicates is about 1 (sd·sqrt(0.025·0.975/2000) /
 * φ(1.96)), so both oracles are held to 4. p99 and p90 are checked
 * against the brute-force bootstrap alone. */
static void test_bootstrap_intervals_match_oracles(void **unused) {
  (void)unused;
  enum { n = 1000 };
  double x[n];
  for (size_t i = 0; i < n; i++)
    x[i] = (double)((i * 7919) % n + 1); /* a permutation of 1..1000 */
  ys_latency l = latency_of(x, n);
  ys_stats_config cfg = ys_stats_config_default(42);
  assert_int_equal(ys_latency_analyze(&l, &cfg), 0);
  /* Sorted in place; the points are type 7 of 1..1000: h = 999p. */
  assert_close(l.samples[0], 1, 0);
  assert_close(l.pct[0].point, 500.5, 1e-9);
  assert_close(l.pct[1].point, 900.1, 1e-9);
  assert_close(l.pct[2].point, 990.01, 1e-9);
  assert_close(l.pct[3].point, 999.001, 1e-9);
  assert_close(l.max, 1000, 0);
  for (size_t q = 0; q < YS_LATENCY_QUANTILES; q++)
    assert_true(l.has_pct[q]); /* 1000 times: p99.9 too */
  assert_close(l.pct[0].lo, 469, 4);
  assert_close(l.pct[0].hi, 531, 4);
  double sorted[n];
  for (size_t i = 0; i < n; i++)
    sorted[i] = (double)(i + 1);
  for (size_t q = 0; q < 3; q++) {
    double lo, hi;
    brute_force_ci(sorted, n, ys_latency_probability[q], &lo, &hi);
    assert_close(l.pct[q].lo, lo, 4);
    assert_close(l.pct[q].hi, hi, 4);
  }
  /* The same times and seed give the same intervals, bit for bit. */
  ys_latency again = latency_of(x, n);
  assert_int_equal(ys_latency_analyze(&again, &cfg), 0);
  assert_memory_equal(again.pct, l.pct, sizeof(l.pct));
  free(again.samples);
  free(l.samples);
}

/* 999 times cannot show p99.9 (it needs 1000); constant times give
 * intervals of no width. */
static void test_too_few_times_and_constant_times(void **unused) {
  (void)unused;
  double x[999];
  for (size_t i = 0; i < 999; i++)
    x[i] = 250;
  ys_latency l = latency_of(x, 999);
  ys_stats_config cfg = ys_stats_config_default(1);
  assert_int_equal(ys_latency_analyze(&l, &cfg), 0);
  assert_true(l.has_pct[2]);
  assert_false(l.has_pct[3]);
  for (size_t q = 0; q < YS_LATENCY_QUANTILES; q++) {
    assert_close(l.pct[q].lo, 250, 0);
    assert_close(l.pct[q].hi, 250, 0);
  }
  free(l.samples);
  /* One time: p50 needs 2. */
  ys_latency one = latency_of(x, 1);
  assert_int_equal(ys_latency_analyze(&one, &cfg), 0);
  assert_false(one.has_pct[0]);
  assert_close(one.max, 250, 0);
  free(one.samples);
}

/* ---- The runner in latency mode --------------------------------------- */

/* Each edge of a window costs 5 ns of the fake clock inside the window:
 * an empty window measures 10 ns, the clock's cost. */
#define EDGE_NS 5.0
static double fake_now; /* ns */
static double fake_window_start;

static void fake_start(void *ctx) {
  (void)ctx;
  fake_window_start = fake_now;
  fake_now += EDGE_NS;
}
static void fake_stop(void *ctx, double *acc) {
  (void)ctx;
  fake_now += EDGE_NS;
  acc[0] += fake_now - fake_window_start;
}
static double fake_resolution(void *ctx) {
  (void)ctx;
  return 1.0;
}
static const ys_metric fake_metrics[] = {{"time", "ns", YS_METRIC_TIME, false}};
static const ys_collector_ops fake_ops = {
    .name = "fake",
    .start = fake_start,
    .stop = fake_stop,
    .resolution = fake_resolution,
};
static const ys_collector fake_collector = {&fake_ops, NULL, fake_metrics, 1,
                                            false};

/* 500 ns per iteration: 510 ns with the clock, under 100 × 10 ns. */
static void fast(ys_state *state) {
  YS_LOOP(state)
    fake_now += 500;
}

/* Iterations of 5 µs and, every fourth, 9 µs, in the while form; the
 * counter runs across calls. */
static uint64_t slow_count;
static void slow(ys_state *state) {
  while (ys_loop(state))
    fake_now += slow_count++ % 4 == 3 ? 9000 : 5000;
}

static ys_instance instance(const char *name, ys_bench_fn fn) {
  static ys_bench defs[4];
  static size_t used;
  ys_bench *def = &defs[used++ % 4];
  *def = (ys_bench){.name = name, .file = __FILE__, .line = __LINE__, .fn = fn};
  ys_instance inst = {.def = def};
  strcpy(inst.name, name);
  return inst;
}

static ys_runner_config config(void) {
  return (ys_runner_config){.collector = &fake_collector,
                            .warm_up_ns = 1e6,
                            .measurement_ns = 2e6,
                            .sample_size = 10,
                            .rounds = 3,
                            .seed = 7,
                            .latency = true};
}

static const ys_series *series_named(const ys_bench_result *res,
                                     const char *name) {
  for (size_t m = 0; m < res->n_series; m++)
    if (strcmp(res->series[m].metric, name) == 0) return &res->series[m];
  return NULL;
}

/* 510 ns < 100 × 10 ns: refused with a message that names the benchmark,
 * both times and the cure; measured in batches, with no latency series. */
static void test_refused_where_the_clock_dominates(void **unused) {
  (void)unused;
  ys_instance inst = instance("fast", fast);
  ys_runner_config cfg = config();
  ys_run_result run;
  assert_int_equal(ys_runner_run(&inst, 1, &cfg, &run), 0);
  ys_bench_result *res = &run.benches[0];
  assert_int_equal(res->status, YS_BENCH_OK);
  assert_int_equal(res->latency.status, YS_LATENCY_REFUSED);
  assert_close(res->latency.clock_ns, 10, 0);
  assert_close(res->latency.probe_median_ns, 510, 0);
  assert_non_null(strstr(res->latency.why, "fast"));
  /* In the reports' units (4 significant digits), not raw "%g ns". */
  assert_non_null(strstr(res->latency.why, "takes 510.0 ns"));
  assert_non_null(strstr(res->latency.why, "own cost of 10.00 ns"));
  assert_non_null(strstr(res->latency.why, "more work into one iteration"));
  assert_null(series_named(res, "latency_p50"));
  assert_int_equal(res->n_series, 1);
  /* In batches: a sample of k iterations measures 500·k + 10. */
  const ys_series *t = &res->series[0];
  assert_int_equal(t->n_rounds, 3);
  const ys_sample *s = &t->samples[t->n_samples - 1];
  assert_close(s->value, 500.0 * (double)s->iterations + 10, 0);
  ys_run_result_free(&run);
}

/* 5010 ns ≥ 1000: every iteration timed on its own, the clock's 10 ns
 * included (not subtracted): times of 5010 and, one in four, 9010. Each
 * round's p50 is 5010 and its max 9010; the pooled figures likewise; the
 * iterations timed are all those measured. */
static void test_every_iteration_timed_on_its_own(void **unused) {
  (void)unused;
  slow_count = 0;
  ys_instance inst = instance("slow", slow);
  ys_runner_config cfg = config();
  ys_run_result run;
  assert_int_equal(ys_runner_run(&inst, 1, &cfg, &run), 0);
  ys_bench_result *res = &run.benches[0];
  assert_int_equal(res->status, YS_BENCH_OK);
  assert_int_equal(res->latency.status, YS_LATENCY_ON);
  assert_close(res->latency.clock_ns, 10, 0);
  assert_int_equal(res->latency.timed, res->total_iterations);
  assert_int_equal(res->latency.kept, res->total_iterations);
  /* Every time is 5010 or 9010, never a batch's sum. */
  for (size_t i = 0; i < res->latency.kept; i++)
    assert_true(res->latency.samples[i] == 5010 ||
                res->latency.samples[i] == 9010);
  /* A batch's value is the sum of its iterations' windows. */
  const ys_series *t = &res->series[0];
  double sum = 0;
  for (size_t i = 0; i < t->n_samples; i++)
    sum += t->samples[i].value;
  double kept_sum = 0;
  for (size_t i = 0; i < res->latency.kept; i++)
    kept_sum += res->latency.samples[i];
  assert_close(sum, kept_sum, 1e-6);
  /* Rounds of 2 ms at a mean of 6 µs (5, 5, 5, 9) time 385 iterations (a
   * linear plan of step ceil(2e6 / 6000 / 55) = 7 over 10 samples): enough
   * for p50, p90 and p99 (2, 10 and 100), not for p99.9 (1000), whose
   * per-round series is left out, its three rounds counted as short. */
  assert_int_equal(res->total_iterations, 3 * 385);
  for (size_t q = 0; q < 5; q++) {
    const ys_series *s = series_named(res, ys_latency_series_name[q]);
    if (q == 3) {
      assert_null(s);
      assert_int_equal(res->latency.short_rounds[q], 3);
      continue;
    }
    assert_non_null(s);
    assert_true(s->counter & YS_SERIES_LATENCY);
    assert_int_equal(s->n_rounds, 3);
    if (q < 3) assert_int_equal(res->latency.short_rounds[q], 0);
  }
  char text[512];
  ys_latency_text_summary(&res->latency, text, sizeof(text));
  assert_non_null(strstr(text, "per-round p99.9: 3 short rounds left out (a "
                               "round needs 1,000 timed iterations)"));
  assert_null(strstr(text, "per-round p99:"));
  const ys_series *p50 = series_named(res, "latency_p50");
  const ys_series *max = series_named(res, "latency_max");
  for (size_t r = 0; r < 3; r++) {
    assert_close(p50->samples[r].value, 5010, 0);
    assert_close(max->samples[r].value, 9010, 0);
  }
  ys_stats_config scfg = ys_stats_config_default(7);
  assert_int_equal(ys_latency_analyze(&res->latency, &scfg), 0);
  assert_close(res->latency.pct[0].point, 5010, 0);
  assert_close(res->latency.pct[1].point, 9010, 0); /* 25 % are 9010 */
  assert_close(res->latency.max, 9010, 0);
  ys_run_result_free(&run);
}

/* A collector whose primary metric is not a time: refused, the metric
 * named. */
static const ys_metric count_metrics[] = {
    {"instructions", "instructions", YS_METRIC_COUNT, false}};
static void test_refused_without_a_time(void **unused) {
  (void)unused;
  ys_collector counting = fake_collector;
  counting.metrics = count_metrics;
  ys_instance inst = instance("slow", slow);
  ys_runner_config cfg = config();
  cfg.collector = &counting;
  cfg.rounds = 1;
  ys_run_result run;
  assert_int_equal(ys_runner_run(&inst, 1, &cfg, &run), 0);
  assert_int_equal(run.benches[0].latency.status, YS_LATENCY_REFUSED);
  assert_non_null(strstr(run.benches[0].latency.why, "instructions"));
  ys_run_result_free(&run);
}

/* A run with a refused and an accepted benchmark, saved as a baseline
 * and loaded again: the latency mapping (status, reason, clock's cost,
 * counts, every percentile with its interval and flag, max, the short
 * rounds of each percentile) and the five latency series with their round
 * values come back as they were. Short rounds are written only when not
 * 0, so that a file without them (an older one) loads as "none". */
static void test_baseline_round_trip(void **unused) {
  (void)unused;
  slow_count = 0;
  ys_instance insts[2] = {instance("fast", fast), instance("slow", slow)};
  ys_runner_config cfg = config();
  ys_run_result run;
  assert_int_equal(ys_runner_run(insts, 2, &cfg, &run), 0);
  ys_stats_config scfg = ys_stats_config_default(7);
  for (size_t i = 0; i < 2; i++)
    for (size_t m = 0; m < run.benches[i].n_series; m++)
      assert_int_equal(ys_stats_analyze(&run.benches[i].series[m], &scfg), 0);
  assert_int_equal(ys_latency_analyze(&run.benches[1].latency, &scfg), 0);
  const size_t short_rounds[YS_LATENCY_QUANTILES] = {0, 0, 2, 7};
  memcpy(run.benches[1].latency.short_rounds, short_rounds,
         sizeof(short_rounds));

  char dir[] = "/tmp/test_latency_XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[64];
  snprintf(path, sizeof(path), "%s/lat.yaml", dir);
  ys_context ctx = {.collector = "fake", .build_type = "release"};
  char err[512] = "";
  int rc = ys_store_save(path, "lat", &ctx, &run, err, sizeof(err));
  if (rc != 0) print_error("%s\n", err);
  assert_int_equal(rc, 0);
  ys_baseline *b = NULL;
  rc = ys_store_load(path, &b, err, sizeof(err));
  if (rc != 0) print_error("%s\n", err);
  assert_int_equal(rc, 0);

  const ys_latency *was = &run.benches[0].latency,
                   *now = &b->run.benches[0].latency;
  assert_int_equal(now->status, YS_LATENCY_REFUSED);
  assert_string_equal(now->why, was->why);
  assert_close(now->clock_ns, 10, 0);
  assert_close(now->probe_median_ns, 510, 0);

  was = &run.benches[1].latency;
  now = &b->run.benches[1].latency;
  assert_int_equal(now->status, YS_LATENCY_ON);
  assert_string_equal(now->why, "");
  assert_null(now->samples);
  assert_int_equal(now->timed, was->timed);
  assert_int_equal(now->kept, was->kept);
  for (size_t q = 0; q < YS_LATENCY_QUANTILES; q++) {
    assert_int_equal(now->has_pct[q], was->has_pct[q]);
    assert_close(now->pct[q].point, was->pct[q].point, 0);
    assert_close(now->pct[q].lo, was->pct[q].lo, 0);
    assert_close(now->pct[q].hi, was->pct[q].hi, 0);
  }
  assert_close(now->max, 9010, 0);
  for (size_t q = 0; q < YS_LATENCY_QUANTILES; q++)
    assert_int_equal(now->short_rounds[q], short_rounds[q]);
  FILE *saved = fopen(path, "r");
  assert_non_null(saved);
  char text[1 << 16];
  size_t len = fread(text, 1, sizeof(text) - 1, saved);
  fclose(saved);
  text[len] = '\0';
  assert_non_null(strstr(text, "p99.9_short_rounds: 7"));
  assert_null(strstr(text, "p50_short_rounds"));
  const ys_series *p50 = series_named(&b->run.benches[1], "latency_p50");
  assert_non_null(p50);
  assert_int_equal(p50->counter, YS_SERIES_LATENCY);
  assert_int_equal(p50->n_rounds, 3);
  assert_close(p50->samples[2].value, 5010, 0);
  assert_null(series_named(&b->run.benches[0], "latency_p50"));

  ys_baseline_free(b);
  ys_run_result_free(&run);
  unlink(path);
  rmdir(dir);
}

/* ---- Notes ------------------------------------------------------------- */

/* A benchmark in latency mode whose p99 and p99.9 lie far above its mean
 * time, and whose cpu_time (1) lies below it: no "cpu_time above time",
 * because a tail percentile is not CPU time. With cpu_time wholly above
 * time the note still appears: the check itself is untouched. The values
 * are chosen by hand so that each interval is disjoint from time's
 * [40, 50]. */
static void test_tail_percentiles_are_not_cpu_time(void **unused) {
  (void)unused;
  ys_series series[3] = {
      {.metric = "time", .kind = YS_METRIC_TIME, .n_rounds = 1},
      {.metric = "cpu_time", .kind = YS_METRIC_TIME, .n_rounds = 1},
      {.metric = "latency_p99.9",
       .kind = YS_METRIC_TIME,
       .n_rounds = 1,
       .counter = YS_SERIES_LATENCY},
  };
  series[0].analysis.mean = (ys_estimate){45, 40, 50};
  series[1].analysis.mean = (ys_estimate){30, 28, 32};
  series[2].analysis.mean = (ys_estimate){9000, 8000, 10000};
  ys_bench_result res = {
      .status = YS_BENCH_OK, .series = series, .n_series = 3};
  assert_false(ys_notes_of(&res) & YS_NOTE_CPU_ABOVE_TIME);
  series[1].analysis.mean = (ys_estimate){60, 55, 65};
  assert_true(ys_notes_of(&res) & YS_NOTE_CPU_ABOVE_TIME);
}

/* A budget of 50 µs per round for 10 samples of 5 µs iterations: the plan
 * is flat with one iteration per sample (10 × 5010 ns ≈ 50 µs; a linear
 * plan would need 55 iterations). In batches that is the "one iteration
 * per sample" warning; in latency mode, where each iteration has its own
 * window anyway, it is not. */
static void test_one_iteration_per_sample_is_no_warning(void **unused) {
  (void)unused;
  slow_count = 0;
  ys_instance inst = instance("slow", slow);
  ys_runner_config cfg = config();
  cfg.measurement_ns = 50e3;
  ys_run_result run;
  assert_int_equal(ys_runner_run(&inst, 1, &cfg, &run), 0);
  ys_bench_result *res = &run.benches[0];
  assert_int_equal(res->latency.status, YS_LATENCY_ON);
  const ys_series *t = &res->series[0];
  assert_int_equal(t->samples[0].iterations, 1);
  assert_int_equal(t->samples[t->n_samples - 1].iterations, 1);
  assert_false(t->analysis.warnings & YS_WARN_FEW_ITERATIONS);
  ys_run_result_free(&run);
  /* The same plan in batches keeps its warning. */
  slow_count = 0;
  cfg.latency = false;
  assert_int_equal(ys_runner_run(&inst, 1, &cfg, &run), 0);
  t = &run.benches[0].series[0];
  assert_int_equal(t->samples[0].iterations, 1);
  assert_true(t->analysis.warnings & YS_WARN_FEW_ITERATIONS);
  ys_run_result_free(&run);
}

/* One series of `n_rounds` rounds of one sample each, valued `value`, on
 * the heap as the runner makes them (appending reallocates). */
static ys_series heap_series(const char *metric, unsigned counter,
                             size_t n_rounds, double value) {
  ys_series s = {.metric = metric, .unit = "ns", .kind = YS_METRIC_TIME};
  s.counter = counter;
  s.samples = calloc(n_rounds, sizeof(*s.samples));
  s.rounds = calloc(n_rounds, sizeof(*s.rounds));
  assert_non_null(s.samples);
  assert_non_null(s.rounds);
  for (size_t r = 0; r < n_rounds; r++) {
    s.samples[r] = (ys_sample){.iterations = 1, .value = value};
    s.rounds[r] = (ys_round){.first_sample = r, .n_samples = 1};
  }
  s.n_samples = s.n_rounds = n_rounds;
  return s;
}

static void free_series(ys_series *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(s[i].samples);
    free(s[i].rounds);
  }
}

/* Re-measured rounds too short for p99.9 carry no latency_p999 series:
 * they are appended to every series they have, the result keeps its own
 * p99.9 rounds, and a latency series only they have is left out. A
 * difference in any other series is still refused. */
static void test_appended_rounds_may_lack_a_percentile(void **unused) {
  (void)unused;
  ys_series mine[3] = {
      heap_series("time", 0, 3, 10.0),
      heap_series("latency_p50", YS_SERIES_LATENCY, 3, 9.0),
      heap_series("latency_p999", YS_SERIES_LATENCY, 3, 50.0),
  };
  ys_series extra[3] = {
      heap_series("time", 0, 2, 11.0),
      heap_series("latency_p50", YS_SERIES_LATENCY, 2, 9.5),
      heap_series("latency_p99", YS_SERIES_LATENCY, 2, 30.0),
  };
  ys_bench_result res = {.series = mine, .n_series = 3};
  ys_bench_result more = {.series = extra, .n_series = 3};
  assert_int_equal(ys_bench_result_append_rounds(&res, &more), 0);
  assert_int_equal(res.n_series, 3);
  assert_int_equal(mine[0].n_rounds, 5);
  assert_true(mine[0].samples[4].value == 11.0);
  assert_int_equal(mine[1].n_rounds, 5);
  assert_true(mine[1].samples[3].value == 9.5);
  assert_int_equal(mine[2].n_rounds, 3); /* p99.9: none of the extra rounds */

  /* A fixed series that differs (cpu_time for time) is refused. */
  ys_series other[1] = {heap_series("cpu_time", 0, 1, 10.0)};
  ys_bench_result wrong = {.series = other, .n_series = 1};
  ys_series only_time[1] = {heap_series("time", 0, 1, 10.0)};
  ys_bench_result plain = {.series = only_time, .n_series = 1};
  assert_int_equal(ys_bench_result_append_rounds(&plain, &wrong), YS_EINVAL);
  free_series(mine, 3);
  free_series(extra, 3);
  free_series(other, 1);
  free_series(only_time, 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_type7_quantiles_by_hand),
      cmocka_unit_test(test_bootstrap_intervals_match_oracles),
      cmocka_unit_test(test_too_few_times_and_constant_times),
      cmocka_unit_test(test_refused_where_the_clock_dominates),
      cmocka_unit_test(test_every_iteration_timed_on_its_own),
      cmocka_unit_test(test_refused_without_a_time),
      cmocka_unit_test(test_baseline_round_trip),
      cmocka_unit_test(test_tail_percentiles_are_not_cpu_time),
      cmocka_unit_test(test_one_iteration_per_sample_is_no_warning),
      cmocka_unit_test(test_appended_rounds_may_lack_a_percentile),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
