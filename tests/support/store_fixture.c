/*
 * store_fixture.c — what the tests of baselines/store.c share
 * (store_fixture.h): a fresh directory per test, runs and contexts built
 * by hand with awkward values in every field, and exact comparisons of
 * what a baseline loads back.
 */
#include "store_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "baselines/store.h"
#include "tests/support/golden.h"

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw) {
  (void)st;
  (void)flag;
  (void)ftw;
  return remove(path);
}

/* Each test gets a fresh directory, removed afterwards. */
int ys_test_setup_dir(void **state) {
  char *dir = strdup("/tmp/ys_test_store_XXXXXX");
  if (dir == NULL || mkdtemp(dir) == NULL) return -1;
  *state = dir;
  return 0;
}

int ys_test_teardown_dir(void **state) {
  char *dir = *state;
  chmod(dir, 0700);
  nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  free(dir);
  return 0;
}

char *ys_test_path_in(const char *dir, const char *name) {
  char *path = NULL;
  assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
  return path;
}

double ys_test_now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Fails unless the two doubles have the same bits: NaN equals NaN, -0 is
 * not 0. */
#define assert_same_double(a, b) same_double((a), (b), #a, __LINE__)
static void same_double(double a, double b, const char *what, int line) {
  if (memcmp(&a, &b, sizeof(a)) != 0) {
    print_error("line %d: %s: %a != %a\n", line, what, a, b);
    fail();
  }
}

/* Fails unless `dir` holds exactly the entries named (NULL-terminated). */
void ys_test_assert_dir_holds(const char *dir, const char *const *names) {
  DIR *d = opendir(dir);
  assert_non_null(d);
  size_t found = 0, expected = 0;
  while (names[expected] != NULL)
    expected++;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    bool known = false;
    for (size_t i = 0; names[i] != NULL; i++)
      if (strcmp(e->d_name, names[i]) == 0) known = true;
    if (!known) print_error("unexpected entry '%s' in %s\n", e->d_name, dir);
    assert_true(known);
    found++;
  }
  closedir(d);
  assert_int_equal(found, expected);
}

void ys_test_fill_context(ys_context *c) {
  memset(c, 0, sizeof(*c));
  snprintf(c->date, sizeof(c->date), "2026-11-22T10:00:00Z");
  snprintf(c->host_name, sizeof(c->host_name), "host: with colon # hash");
  snprintf(c->executable, sizeof(c->executable), "/path/with space/bench");
  snprintf(c->cpu_model, sizeof(c->cpu_model),
           "Intel(R) Xeon(R) CPU @ 2.20GHz");
  c->num_cpus = 2;
  c->mhz_per_cpu = 2200.5;
  c->cpu_scaling_enabled = true;
  c->aslr_enabled = false;
  c->load_avg[0] = 0.1;
  c->load_avg[1] = 1.0 / 3.0;
  c->load_avg[2] = NAN; /* not computed: written as null */
  c->n_caches = 2;
  snprintf(c->caches[0].type, sizeof(c->caches[0].type), "Data");
  c->caches[0].level = 1;
  c->caches[0].size = 32768;
  c->caches[0].num_sharing = 1;
  snprintf(c->caches[1].type, sizeof(c->caches[1].type), "Unified");
  c->caches[1].level = 3;
  c->caches[1].size = 33554432;
  c->caches[1].num_sharing = 16;
  c->compiler = "GNU 12.2.0";
  c->build_type = "release";
  c->library_version = "0.1.0";
  c->collector = "wall";
  snprintf(c->git_commit, sizeof(c->git_commit), "0123456789abcdef");
  c->clock_resolution_ns = 4.9406564584124654e-324; /* smallest subnormal */
  c->loop_overhead_ns = 0.31;
  c->seed = UINT64_MAX;
  c->rounds = 2;
  c->sample_size = 3;
  c->runs = 5;
  c->warm_up_time_s = 0.1;
  c->measurement_time_s = 1.0 / 7.0;
  c->max_rss_bytes = UINT64_C(1) << 40; /* beyond 32 bits */
}

/* A series of rounds of the given sizes and shapes with awkward doubles
 * (thirds, sevenths, a negative zero) in every field. */
void ys_test_fill_series(ys_series *s, const char *metric, const char *unit,
                         size_t n_rounds, const size_t *sizes,
                         const bool *linear, double scale) {
  memset(s, 0, sizeof(*s));
  s->metric = metric;
  s->unit = unit;
  for (size_t r = 0; r < n_rounds; r++)
    s->n_samples += sizes[r];
  s->samples = calloc(s->n_samples, sizeof(*s->samples));
  s->rounds = calloc(n_rounds, sizeof(*s->rounds));
  assert_non_null(s->samples);
  assert_non_null(s->rounds);
  s->n_rounds = n_rounds;
  size_t j = 0;
  for (size_t r = 0; r < n_rounds; r++) {
    s->rounds[r].first_sample = j;
    s->rounds[r].n_samples = sizes[r];
    s->rounds[r].linear = linear[r];
    s->rounds[r].estimate = scale * (10.0 + (double)r / 3.0);
    for (size_t k = 0; k < sizes[r]; k++, j++) {
      s->samples[j].iterations = linear[r] ? 991 * (k + 1) : 4096;
      s->samples[j].value =
          scale * (double)s->samples[j].iterations * (10.0 + (double)j / 7.0);
    }
  }
  ys_analysis *a = &s->analysis;
  ys_estimate *e[] = {&a->mean, &a->median, &a->std_dev, &a->mad, &a->slope};
  for (size_t i = 0; i < 5; i++) {
    e[i]->point = scale * (1.0 + (double)i / 3.0);
    e[i]->lo = e[i]->point - 1.0 / 7.0;
    e[i]->hi = e[i]->point + 2.0 / 7.0;
  }
  a->has_slope = linear[0];
  a->r_squared = 0.99999999999999989;
  a->lag1_autocorrelation = NAN;
  a->outliers = (ys_outliers){1, 2, 30, 4, 5, {-0.0, 1e-300, 1e300, 0.1}};
  a->round_min = scale * 10.0;
  a->round_median = scale * (10.0 + 1.0 / 6.0);
  a->round_max = scale * (10.0 + 1.0 / 3.0);
  a->round_mean = scale * 10.1;
  a->round_std_dev = 0.23570226039551584;
  a->noisy_round_share = 0.5;
  a->warnings = YS_WARN_LOW_R_SQUARED | YS_WARN_NOISY_ROUNDS;
  a->suggested_sample_size = 42;
}

/* Two benchmarks in name order: a skipped one with a message full of
 * characters YAML must quote, and one with two series of linear and flat
 * rounds and throughput set. Free with ys_run_result_free. */
void ys_test_fill_run(ys_run_result *run) {
  run->n_benches = 2;
  run->benches = calloc(2, sizeof(*run->benches));
  assert_non_null(run->benches);

  ys_bench_result *skipped = &run->benches[0];
  snprintf(skipped->name, sizeof(skipped->name), "alloc/small");
  skipped->status = YS_BENCH_SKIPPED;
  snprintf(skipped->message, sizeof(skipped->message),
           "needs \"root\": can't run\n\tsee: naïve ✓ 日本 🚀 # not a comment");
  skipped->elapsed_s = 0.0;

  ys_bench_result *ok = &run->benches[1];
  snprintf(ok->name, sizeof(ok->name), "sort/1024");
  snprintf(ok->family, sizeof(ok->family), "sort");
  snprintf(ok->group, sizeof(ok->group), "sorts");
  snprintf(ok->group_reference, sizeof(ok->group_reference), "sort/1024");
  /* As `bench exec` records a command (quotes and a newline round-trip). */
  ok->command = strdup("sort -n 'a b.txt'\necho \"done\"");
  assert_non_null(ok->command);
  snprintf(ok->shell, sizeof(ok->shell), "sh");
  ok->status = YS_BENCH_OK;
  ok->bytes_per_iteration = 4096;
  ok->elements_per_iteration = 1024;
  ok->total_iterations = 123456789012345ULL;
  ok->elapsed_s = 2.0 / 3.0;
  ok->n_series = 2;
  ok->series = calloc(2, sizeof(*ok->series));
  assert_non_null(ok->series);
  size_t sizes[] = {3, 2};
  bool linear[] = {true, false};
  ys_test_fill_series(&ok->series[0], "time", "ns", 2, sizes, linear,
                      1.0 / 3.0);
  size_t sizes1[] = {4};
  bool linear1[] = {false};
  ys_test_fill_series(&ok->series[1], "instructions", "instructions", 1, sizes1,
                      linear1, 1e6);
  /* Function costs (callgrind): names YAML must quote, and cache misses
   * on one of them only. */
  ok->n_functions = 2;
  ok->functions = calloc(2, sizeof(*ok->functions));
  assert_non_null(ok->functions);
  ok->functions[0] = (ys_function_cost){.name = strdup("sort<int>(int*, n)"),
                                        .self = 18446744073709551615ULL,
                                        .inclusive = 18446744073709551615ULL,
                                        .self_l1_misses = 3,
                                        .inclusive_l1_misses = 4,
                                        .self_ll_misses = 1,
                                        .inclusive_ll_misses = 2};
  ok->functions[1] = (ys_function_cost){
      .name = strdup("- #: {leaf}"), .self = 0, .inclusive = 7};
  assert_non_null(ok->functions[0].name);
  assert_non_null(ok->functions[1].name);
}

void ys_test_assert_same_context(const ys_context *a, const ys_context *b) {
  assert_string_equal(a->date, b->date);
  assert_string_equal(a->host_name, b->host_name);
  assert_string_equal(a->executable, b->executable);
  assert_string_equal(a->cpu_model, b->cpu_model);
  assert_int_equal(a->num_cpus, b->num_cpus);
  assert_same_double(a->mhz_per_cpu, b->mhz_per_cpu);
  assert_int_equal(a->cpu_scaling_enabled, b->cpu_scaling_enabled);
  assert_int_equal(a->aslr_enabled, b->aslr_enabled);
  for (size_t i = 0; i < 3; i++)
    assert_same_double(a->load_avg[i], b->load_avg[i]);
  assert_int_equal(a->n_caches, b->n_caches);
  for (size_t i = 0; i < a->n_caches; i++) {
    assert_string_equal(a->caches[i].type, b->caches[i].type);
    assert_int_equal(a->caches[i].level, b->caches[i].level);
    assert_int_equal(a->caches[i].size, b->caches[i].size);
    assert_int_equal(a->caches[i].num_sharing, b->caches[i].num_sharing);
  }
  assert_string_equal(a->compiler, b->compiler);
  assert_string_equal(a->build_type, b->build_type);
  assert_string_equal(a->library_version, b->library_version);
  assert_string_equal(a->collector, b->collector);
  assert_string_equal(a->git_commit, b->git_commit);
  assert_same_double(a->clock_resolution_ns, b->clock_resolution_ns);
  assert_same_double(a->loop_overhead_ns, b->loop_overhead_ns);
  assert_true(a->seed == b->seed);
  assert_int_equal(a->rounds, b->rounds);
  assert_int_equal(a->sample_size, b->sample_size);
  assert_same_double(a->warm_up_time_s, b->warm_up_time_s);
  assert_same_double(a->measurement_time_s, b->measurement_time_s);
  assert_true(a->max_rss_bytes == b->max_rss_bytes);
}

static void assert_same_estimate(const ys_estimate *a, const ys_estimate *b) {
  assert_same_double(a->point, b->point);
  assert_same_double(a->lo, b->lo);
  assert_same_double(a->hi, b->hi);
}

static void assert_same_series(const ys_series *a, const ys_series *b) {
  assert_string_equal(a->metric, b->metric);
  assert_string_equal(a->unit, b->unit);
  assert_int_equal(a->n_samples, b->n_samples);
  for (size_t j = 0; j < a->n_samples; j++) {
    assert_true(a->samples[j].iterations == b->samples[j].iterations);
    assert_same_double(a->samples[j].value, b->samples[j].value);
  }
  assert_int_equal(a->n_rounds, b->n_rounds);
  for (size_t r = 0; r < a->n_rounds; r++) {
    assert_int_equal(a->rounds[r].first_sample, b->rounds[r].first_sample);
    assert_int_equal(a->rounds[r].n_samples, b->rounds[r].n_samples);
    assert_int_equal(a->rounds[r].linear, b->rounds[r].linear);
    assert_same_double(a->rounds[r].estimate, b->rounds[r].estimate);
  }
  const ys_analysis *x = &a->analysis, *y = &b->analysis;
  assert_same_estimate(&x->mean, &y->mean);
  assert_same_estimate(&x->median, &y->median);
  assert_same_estimate(&x->std_dev, &y->std_dev);
  assert_same_estimate(&x->mad, &y->mad);
  assert_same_estimate(&x->slope, &y->slope);
  assert_int_equal(x->has_slope, y->has_slope);
  assert_same_double(x->r_squared, y->r_squared);
  assert_same_double(x->lag1_autocorrelation, y->lag1_autocorrelation);
  assert_int_equal(x->outliers.low_severe, y->outliers.low_severe);
  assert_int_equal(x->outliers.low_mild, y->outliers.low_mild);
  assert_int_equal(x->outliers.normal, y->outliers.normal);
  assert_int_equal(x->outliers.high_mild, y->outliers.high_mild);
  assert_int_equal(x->outliers.high_severe, y->outliers.high_severe);
  for (size_t i = 0; i < 4; i++)
    assert_same_double(x->outliers.fences[i], y->outliers.fences[i]);
  assert_same_double(x->round_min, y->round_min);
  assert_same_double(x->round_median, y->round_median);
  assert_same_double(x->round_max, y->round_max);
  assert_same_double(x->round_mean, y->round_mean);
  assert_same_double(x->round_std_dev, y->round_std_dev);
  assert_same_double(x->noisy_round_share, y->noisy_round_share);
  assert_int_equal(x->warnings, y->warnings);
  assert_int_equal(x->suggested_sample_size, y->suggested_sample_size);
}

void ys_test_assert_same_run(const ys_run_result *a, const ys_run_result *b) {
  assert_int_equal(a->n_benches, b->n_benches);
  for (size_t i = 0; i < a->n_benches; i++) {
    const ys_bench_result *x = &a->benches[i], *y = &b->benches[i];
    assert_string_equal(x->name, y->name);
    assert_int_equal(x->status, y->status);
    assert_string_equal(x->message, y->message);
    assert_true(x->bytes_per_iteration == y->bytes_per_iteration);
    assert_true(x->elements_per_iteration == y->elements_per_iteration);
    assert_true(x->total_iterations == y->total_iterations);
    assert_same_double(x->elapsed_s, y->elapsed_s);
    assert_int_equal(x->n_series, y->n_series);
    for (size_t m = 0; m < x->n_series; m++)
      assert_same_series(&x->series[m], &y->series[m]);
    assert_int_equal(x->n_functions, y->n_functions);
    for (size_t f = 0; f < x->n_functions; f++) {
      const ys_function_cost *p = &x->functions[f], *q = &y->functions[f];
      assert_string_equal(p->name, q->name);
      assert_true(p->self == q->self && p->inclusive == q->inclusive);
      assert_true(p->self_l1_misses == q->self_l1_misses &&
                  p->inclusive_l1_misses == q->inclusive_l1_misses &&
                  p->self_ll_misses == q->self_ll_misses &&
                  p->inclusive_ll_misses == q->inclusive_ll_misses);
    }
  }
}

/* Whether `p` points into the baseline's string block (which holds every
 * metric, unit and context string, so is never far beyond its start). */
bool ys_test_in_strings(const ys_baseline *b, const char *p) {
  return p >= b->strings && p < b->strings + 4096;
}

/* Saves the round-trip run at `path` and returns the file's bytes. */
char *ys_test_save_good(const char *path, size_t *len) {
  ys_context ctx;
  ys_test_fill_context(&ctx);
  ys_run_result run = {0};
  ys_test_fill_run(&run);
  char err[512] = "";
  assert_int_equal(ys_store_save(path, "main", &ctx, &run, err, sizeof(err)),
                   0);
  ys_run_result_free(&run);
  return ys_test_read_file(path, len);
}
