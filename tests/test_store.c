/*
 * Tests of baselines/store.c: exact round trips, atomic and concurrent
 * saves, a corpus of hostile files (tests/data/baselines), and names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#include "baselines/schema.h"
#include "baselines/store.h"
#include "core/atomic_file.h"
#include "core/context_fields.h"
#include "core/error.h"
#include "core/policy.h"
#include "tests/support/golden.h"
#include "tests/test_support.h"

#define CORPUS YS_TEST_DATA_DIR "/baselines/"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw) {
  (void)st;
  (void)flag;
  (void)ftw;
  return remove(path);
}

/* Each test gets a fresh directory, removed afterwards. */
static int setup_dir(void **state) {
  char *dir = strdup("/tmp/ys_test_store_XXXXXX");
  if (dir == NULL || mkdtemp(dir) == NULL) return -1;
  *state = dir;
  return 0;
}

static int teardown_dir(void **state) {
  char *dir = *state;
  chmod(dir, 0700);
  nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  free(dir);
  return 0;
}

static char *path_in(const char *dir, const char *name) {
  char *path = NULL;
  assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
  return path;
}

static double now_s(void) {
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
static void assert_dir_holds(const char *dir, const char *const *names) {
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

/* ------------------------------------------------------------------------ */
/* Runs built by hand                                                        */

static void fill_context(ys_context *c) {
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
  c->warm_up_time_s = 0.1;
  c->measurement_time_s = 1.0 / 7.0;
  c->max_rss_bytes = UINT64_C(1) << 40; /* beyond 32 bits */
}

/* A series of rounds of the given sizes and shapes with awkward doubles
 * (thirds, sevenths, a negative zero) in every field. */
static void fill_series(ys_series *s, const char *metric, const char *unit,
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
static void fill_run(ys_run_result *run) {
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
  fill_series(&ok->series[0], "time", "ns", 2, sizes, linear, 1.0 / 3.0);
  size_t sizes1[] = {4};
  bool linear1[] = {false};
  fill_series(&ok->series[1], "instructions", "instructions", 1, sizes1,
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

static void assert_same_context(const ys_context *a, const ys_context *b) {
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

static void assert_same_run(const ys_run_result *a, const ys_run_result *b) {
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
static bool in_strings(const ys_baseline *b, const char *p) {
  return p >= b->strings && p < b->strings + 4096;
}

/* ------------------------------------------------------------------------ */
/* Round trip                                                                */

static void test_round_trip_is_exact(void **state) {
  const char *dir = *state;
  /* Missing parents are created. */
  char *path = path_in(dir, "a/b/c/main.yaml");
  ys_context ctx;
  fill_context(&ctx);
  ys_run_result run = {0};
  fill_run(&run);
  char err[512] = "";
  assert_int_equal(ys_store_save(path, "main", &ctx, &run, err, sizeof(err)),
                   0);

  ys_baseline *b = NULL;
  int rc = ys_store_load(path, &b, err, sizeof(err));
  if (rc != 0) print_error("%s\n", err);
  assert_int_equal(rc, 0);
  assert_non_null(b);
  assert_string_equal(b->path, path);
  assert_string_equal(b->name, "main");
  /* ISO 8601 UTC, e.g. 2026-11-22T10:00:00Z. */
  assert_int_equal(strlen(b->created), 20);
  assert_int_equal(b->created[10], 'T');
  assert_int_equal(b->created[19], 'Z');
  assert_same_context(&ctx, &b->ctx);
  assert_same_run(&run, &b->run);
  assert_true(in_strings(b, b->ctx.compiler));
  assert_true(in_strings(b, b->run.benches[1].series[0].metric));
  assert_true(in_strings(b, b->run.benches[1].series[1].unit));

  /* Neither the lock file nor a temporary file stays beside the baseline. */
  char *abc = path_in(dir, "a/b/c");
  assert_dir_holds(abc, (const char *const[]){"main.yaml", NULL});
  free(abc);
  ys_baseline_free(b);
  ys_run_result_free(&run);
  free(path);
}

/* Walks every event of `text`; fails on a parse error or an alias. */
static void assert_valid_yaml(const char *text, size_t len) {
  yaml_parser_t parser;
  assert_true(yaml_parser_initialize(&parser));
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  size_t events = 0;
  for (bool done = false; !done; events++) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      print_error("line %zu: %s\n", parser.problem_mark.line + 1,
                  parser.problem);
      fail();
    }
    assert_int_not_equal(ev.type, YAML_ALIAS_EVENT);
    done = ev.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&parser);
  assert_true(events > 100);
}

static void test_saved_text_is_yaml(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "main.yaml");
  ys_context ctx;
  fill_context(&ctx);
  ys_run_result run = {0};
  fill_run(&run);
  char err[512] = "";
  assert_int_equal(ys_store_save(path, "main", &ctx, &run, err, sizeof(err)),
                   0);
  size_t len;
  char *text = ys_test_read_file(path, &len);
  assert_int_equal(strlen(text), len);
  assert_valid_yaml(text, len);
  assert_memory_equal(text, "yardstick: 2\nname: main\n", 24);
  assert_non_null(strstr(text, "\n- name: alloc/small\n"));
  assert_non_null(strstr(text, "\n- name: sort/1024\n"));
  assert_non_null(strstr(text, "\n  status: skipped\n"));
  assert_non_null(strstr(text, "\n    round_linear: [true, false]\n"));
  assert_non_null(strstr(text, "\n    round_samples: [3, 2]\n"));
  assert_non_null(strstr(text, "\n  git_commit: \"0123456789abcdef\"\n"));
  /* The first sample of sort/1024: 991 iterations, value unrounded. */
  assert_non_null(strstr(text, "samples: [[991, 3303.333333333333"));
  /* NaN becomes null, never .nan. */
  assert_non_null(strstr(text, "lag1_autocorrelation: null\n"));
  assert_null(strstr(text, "nan"));
  /* UTF-8 stays readable; libyaml escapes only what lies beyond the BMP,
   * which still reads back exactly (the round-trip test). */
  assert_non_null(strstr(text, "naïve ✓ 日本 \\U0001F680"));
  assert_memory_equal(text + len - 5, "\n...\n", 5);
  free(text);
  ys_run_result_free(&run);
  free(path);
}

static void test_invalid_utf8_is_replaced(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "utf8.yaml");
  ys_context ctx;
  fill_context(&ctx);
  ys_run_result run = {0};
  fill_run(&run);
  /* A message cut in the middle of a character, and a stray byte. */
  snprintf(run.benches[0].message, sizeof(run.benches[0].message),
           "cut \xe6\x97 and \xff end");
  char err[512] = "";
  assert_int_equal(ys_store_save(path, "u", &ctx, &run, err, sizeof(err)), 0);
  ys_baseline *b = NULL;
  assert_int_equal(ys_store_load(path, &b, err, sizeof(err)), 0);
  assert_string_equal(b->run.benches[0].message,
                      "cut \xef\xbf\xbd\xef\xbf\xbd and \xef\xbf\xbd end");
  ys_baseline_free(b);
  ys_run_result_free(&run);
  free(path);
}

static void test_save_refuses_what_cannot_load(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "refused.yaml");
  ys_context ctx;
  fill_context(&ctx);
  ys_run_result run = {0};
  fill_run(&run);
  char err[512] = "";

  /* Not in name order. */
  ys_bench_result first = run.benches[0];
  run.benches[0] = run.benches[1];
  run.benches[1] = first;
  assert_int_equal(ys_store_save(path, "x", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "not sorted"));
  assert_non_null(strstr(err, path));
  run.benches[1] = run.benches[0];
  run.benches[0] = first;

  /* A sample the loader would refuse. */
  run.benches[1].series[0].samples[2].value = NAN;
  assert_int_equal(ys_store_save(path, "x", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "'sort/1024'"));
  run.benches[1].series[0].samples[2].value = 1.0;

  /* Rounds that skip a sample. */
  run.benches[1].series[0].rounds[1].first_sample = 4;
  assert_int_equal(ys_store_save(path, "x", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "rounds do not cover"));

  /* Round estimates the loader refuses: a time of 0, a negative value. */
  run.benches[1].series[0].rounds[1].first_sample = 3;
  run.benches[1].series[0].rounds[0].estimate = 0.0;
  assert_int_equal(ys_store_save(path, "x", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "'sort/1024': round 1 of 'time' is 0"));
  run.benches[1].series[0].rounds[0].estimate = 1.0;
  run.benches[1].series[1].rounds[0].estimate = -1.0;
  assert_int_equal(ys_store_save(path, "x", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "must not be negative"));
  run.benches[1].series[1].rounds[0].estimate = 1.0;

  /* A negative sample, under rounds that are still positive. */
  run.benches[1].series[1].samples[2].value = -5.0;
  assert_int_equal(ys_store_save(path, "x", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "sample 3 of"));
  assert_non_null(strstr(err, "is -5; a value must not be negative"));
  run.benches[1].series[1].samples[2].value = 1.0;

  /* A name with a control character. */
  snprintf(run.benches[1].name, sizeof(run.benches[1].name), "sort\x1b[2J");
  assert_int_equal(ys_store_save(path, "x", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "control character (byte 0x1b)"));

  /* Nothing was written. */
  assert_dir_holds(dir, (const char *const[]){NULL});
  ys_run_result_free(&run);
  free(path);
}

/* ------------------------------------------------------------------------ */
/* Atomicity                                                                 */

/* Saves the round-trip run at `path` and returns the file's bytes. */
static char *save_good(const char *path, size_t *len) {
  ys_context ctx;
  fill_context(&ctx);
  ys_run_result run = {0};
  fill_run(&run);
  char err[512] = "";
  assert_int_equal(ys_store_save(path, "main", &ctx, &run, err, sizeof(err)),
                   0);
  ys_run_result_free(&run);
  return ys_test_read_file(path, len);
}

/* A different run to save over the good one. */
static int save_other(const char *path, char *err, size_t err_len) {
  ys_context ctx;
  fill_context(&ctx);
  ys_run_result run = {0};
  fill_run(&run);
  snprintf(run.benches[0].name, sizeof(run.benches[0].name), "a/changed");
  int rc = ys_store_save(path, "other", &ctx, &run, err, err_len);
  ys_run_result_free(&run);
  return rc;
}

static void assert_file_is(const char *path, const char *bytes, size_t len) {
  size_t now_len;
  char *now = ys_test_read_file(path, &now_len);
  assert_int_equal(now_len, len);
  assert_memory_equal(now, bytes, len);
  free(now);
}

static void test_unwritable_directory_keeps_old_file(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "main.yaml");
  size_t len;
  char *old = save_good(path, &len);
  char err[512] = "";
  if (geteuid() != 0) {
    assert_int_equal(chmod(dir, 0500), 0);
    assert_int_equal(save_other(path, err, sizeof(err)), YS_EIO);
    assert_int_equal(chmod(dir, 0700), 0);
    assert_non_null(strstr(err, "cannot save baseline '"));
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, strerror(EACCES)));
    assert_file_is(path, old, len);
    assert_dir_holds(dir, (const char *const[]){"main.yaml", NULL});
  }
  /* Root writes into a 0500 directory; a parent that is a regular file
   * stops everyone. */
  char *blocked = path_in(dir, "main.yaml/nested.yaml");
  assert_int_equal(save_other(blocked, err, sizeof(err)), YS_EIO);
  assert_non_null(strstr(err, blocked));
  assert_non_null(strstr(err, strerror(ENOTDIR)));
  assert_file_is(path, old, len);
  assert_dir_holds(dir, (const char *const[]){"main.yaml", NULL});
  free(blocked);
  free(old);
  free(path);
}

/* A write that fails midway (here: the file size limit, which binds root
 * too) removes the temporary file and leaves the old baseline alone. */
static void test_failed_write_keeps_old_file(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "main.yaml");
  size_t len;
  char *old = save_good(path, &len);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit = {256, 256};
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(2);
    char err[512] = "";
    int rc = save_other(path, err, sizeof(err));
    bool ok = rc == YS_EIO && strstr(err, path) != NULL &&
              strstr(err, strerror(EFBIG)) != NULL;
    _exit(ok ? 0 : 1);
  }
  int status;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 0);
  assert_file_is(path, old, len);
  assert_dir_holds(dir, (const char *const[]){"main.yaml", NULL});
  free(old);
  free(path);
}

/* A rename that fails (the target is a directory) removes the temporary
 * file. */
static void test_failed_rename_removes_temp(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "main.yaml");
  assert_int_equal(mkdir(path, 0700), 0);
  char *inside = path_in(path, "keep");
  FILE *f = fopen(inside, "w");
  assert_non_null(f);
  fclose(f);
  char err[512] = "";
  assert_int_equal(save_other(path, err, sizeof(err)), YS_EIO);
  assert_non_null(strstr(err, path));
  assert_dir_holds(dir, (const char *const[]){"main.yaml", NULL});
  assert_dir_holds(path, (const char *const[]){"keep", NULL});
  free(inside);
  free(path);
}

/* A run whose file would exceed the loader's size limit is refused by the
 * save, which leaves the old file and no temporary file: 100 000 failed
 * benchmarks with the longest name, family and message make about 90 MiB
 * while staying within every count the loader bounds. */
static void test_save_refuses_a_file_too_large_to_load(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "main.yaml");
  size_t len;
  char *old = save_good(path, &len);
  ys_context ctx;
  fill_context(&ctx);
  ys_run_result run = {0};
  run.n_benches = 100000;
  run.benches = calloc(run.n_benches, sizeof(*run.benches));
  assert_non_null(run.benches);
  for (size_t i = 0; i < run.n_benches; i++) {
    ys_bench_result *res = &run.benches[i];
    memset(res->name, 'n', YS_NAME_MAX - 7);
    snprintf(res->name + YS_NAME_MAX - 7, 7, "%06u", (unsigned)(i % 1000000));
    memset(res->family, 'f', sizeof(res->family) - 1);
    memset(res->message, 'm', sizeof(res->message) - 1);
    res->status = YS_BENCH_FAILED;
  }
  char err[512] = "";
  assert_int_equal(ys_store_save(path, "big", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, path));
  assert_non_null(strstr(err, "larger than 67108864 bytes"));
  assert_file_is(path, old, len);
  assert_dir_holds(dir, (const char *const[]){"main.yaml", NULL});
  ys_run_result_free(&run);
  free(old);
  free(path);
}

/* Temporary files left by killed savers are removed by the next save of the
 * same baseline: one whose writer is gone, and one older than an hour. A
 * live writer's file, another baseline's, and a file that only looks like
 * one are kept. */
static void test_save_removes_stale_temporary_files(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "main.yaml");
  /* A child that has exited and been reaped: its PID runs nothing. */
  pid_t dead = fork();
  assert_true(dead >= 0);
  if (dead == 0) _exit(0);
  assert_int_equal(waitpid(dead, NULL, 0), dead);
  char dead_name[64], old_name[64], live_name[64];
  snprintf(dead_name, sizeof(dead_name), "main.yaml.tmp-%ld-abcdef",
           (long)dead);
  snprintf(old_name, sizeof(old_name), "main.yaml.tmp-%ld-ghijkl",
           (long)getppid());
  snprintf(live_name, sizeof(live_name), "main.yaml.tmp-%ld-mnopqr",
           (long)getppid());
  const char *names[] = {dead_name,
                         old_name,
                         live_name,
                         "other.yaml.tmp-1-abcdef",
                         "main.yaml.tmp-notes",
                         "main.yaml.backup"};
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
    char *p = path_in(dir, names[i]);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs("half a baseline", f);
    fclose(f);
    if (i == 1) {
      struct timespec times[2] = {{time(NULL) - 2 * YS_ATOMIC_STALE_S, 0},
                                  {time(NULL) - 2 * YS_ATOMIC_STALE_S, 0}};
      assert_int_equal(utimensat(AT_FDCWD, p, times, 0), 0);
    }
    free(p);
  }
  size_t len;
  free(save_good(path, &len));
  assert_dir_holds(dir, (const char *const[]){
                            "main.yaml", live_name, "other.yaml.tmp-1-abcdef",
                            "main.yaml.tmp-notes", "main.yaml.backup", NULL});
  free(path);
}

/* ------------------------------------------------------------------------ */
/* Concurrency                                                               */

/* A run with one benchmark `name` of `n` samples in one flat round. */
static void fill_small_run(ys_run_result *run, const char *name, size_t n) {
  run->n_benches = 1;
  run->benches = calloc(1, sizeof(*run->benches));
  assert_non_null(run->benches);
  snprintf(run->benches[0].name, sizeof(run->benches[0].name), "%s", name);
  run->benches[0].n_series = 1;
  run->benches[0].series = calloc(1, sizeof(ys_series));
  assert_non_null(run->benches[0].series);
  bool linear = false;
  fill_series(run->benches[0].series, "time", "ns", 1, &n, &linear, 1.0);
}

static void test_concurrent_saves_never_tear(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "shared.yaml");
  ys_context ctx;
  fill_context(&ctx);
  static const char *const names[2] = {"alpha", "beta"};
  static const size_t sizes[2] = {300, 400};
  ys_run_result first = {0};
  fill_small_run(&first, names[0], sizes[0]);
  char err[512] = "";
  assert_int_equal(ys_store_save(path, "w", &ctx, &first, err, sizeof(err)), 0);
  ys_run_result_free(&first);

  pid_t pids[2];
  for (int w = 0; w < 2; w++) {
    pids[w] = fork();
    assert_true(pids[w] >= 0);
    if (pids[w] == 0) {
      ys_run_result run = {0};
      fill_small_run(&run, names[w], sizes[w]);
      for (int i = 0; i < 50; i++)
        if (ys_store_save(path, "w", &ctx, &run, err, sizeof(err)) != 0)
          _exit(1);
      _exit(0);
    }
  }

  size_t loads = 0, seen[2] = {0, 0};
  int running = 2, status[2] = {0, 0};
  double start = now_s();
  while (running > 0) {
    ys_baseline *b = NULL;
    int rc = ys_store_load(path, &b, err, sizeof(err));
    if (rc != 0) print_error("load %zu: %s\n", loads, err);
    assert_int_equal(rc, 0);
    assert_int_equal(b->run.n_benches, 1);
    int w = strcmp(b->run.benches[0].name, "beta") == 0;
    assert_string_equal(b->run.benches[0].name, names[w]);
    assert_int_equal(b->run.benches[0].series[0].n_samples, sizes[w]);
    seen[w]++;
    loads++;
    ys_baseline_free(b);
    for (int k = 0; k < 2; k++)
      if (pids[k] > 0 && waitpid(pids[k], &status[k], WNOHANG) == pids[k]) {
        pids[k] = 0;
        running--;
      }
    assert_true(now_s() - start < 30.0);
  }
  for (int k = 0; k < 2; k++) {
    assert_true(WIFEXITED(status[k]));
    assert_int_equal(WEXITSTATUS(status[k]), 0);
  }
  assert_true(loads > 0);
  assert_dir_holds(dir, (const char *const[]){"shared.yaml", NULL});
  free(path);
}

/* A save waits while another process holds the lock on PATH.lock, and
 * completes once it is released. */
static void test_save_waits_for_lock(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "main.yaml");
  size_t len;
  char *old = save_good(path, &len);
  char *lock_path = path_in(dir, "main.yaml.lock");
  int lock_fd = open(lock_path, O_RDWR | O_CREAT, 0644);
  assert_true(lock_fd >= 0);
  assert_int_equal(flock(lock_fd, LOCK_EX), 0);

  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    char err[512] = "";
    _exit(save_other(path, err, sizeof(err)) == 0 ? 0 : 1);
  }
  /* Long enough for an unblocked save (a few milliseconds) to finish. */
  usleep(300 * 1000);
  int status;
  assert_int_equal(waitpid(pid, &status, WNOHANG), 0);
  assert_file_is(path, old, len);

  assert_int_equal(flock(lock_fd, LOCK_UN), 0);
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 0);
  size_t new_len;
  char *now = ys_test_read_file(path, &new_len);
  assert_non_null(strstr(now, "name: other\n"));
  free(now);
  close(lock_fd);
  free(lock_path);
  free(old);
  free(path);
}

/* Whether process `pid` is still running after `ms` milliseconds. */
static bool still_running_after(pid_t pid, int ms) {
  usleep((useconds_t)ms * 1000);
  int status;
  return waitpid(pid, &status, WNOHANG) == 0;
}

/* A saver removes PATH.lock before it releases the lock. One that was
 * waiting on the removed file must not take that for the lock: another
 * saver may already hold the new PATH.lock. Here this test plays the two
 * other savers: it holds the old file, removes it, locks a new one at the
 * same name, and only then releases the old one. */
static void test_save_relocks_a_removed_lock_file(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "main.yaml");
  size_t len;
  char *old = save_good(path, &len);
  char *lock_path = path_in(dir, "main.yaml.lock");
  int first = open(lock_path, O_RDWR | O_CREAT, 0644);
  assert_true(first >= 0);
  assert_int_equal(flock(first, LOCK_EX), 0);

  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    /* The inherited descriptor shares the lock: drop it, or the saver would
     * wait on itself. */
    close(first);
    char err[512] = "";
    _exit(save_other(path, err, sizeof(err)) == 0 ? 0 : 1);
  }
  assert_true(still_running_after(pid, 200)); /* waiting on `first` */
  assert_int_equal(unlink(lock_path), 0);
  int second = open(lock_path, O_RDWR | O_CREAT | O_EXCL, 0644);
  assert_true(second >= 0);
  assert_int_equal(flock(second, LOCK_EX), 0);
  assert_int_equal(flock(first, LOCK_UN), 0);
  close(first);
  /* Woken on the removed file, the saver must wait for `second`. */
  assert_true(still_running_after(pid, 300));
  assert_file_is(path, old, len);

  close(second);
  int status;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 0);
  assert_dir_holds(dir, (const char *const[]){"main.yaml", NULL});
  free(lock_path);
  free(old);
  free(path);
}

/* ------------------------------------------------------------------------ */
/* Hostile input                                                             */

typedef struct bad_case {
  const char *file;
  int rc;
  int line; /* 0: the message has no line */
  const char *phrase;
} bad_case;

static const bad_case bad_cases[] = {
    {"missing.yaml", YS_ENOENT, 0, "not found"},
    {"empty.yaml", YS_EFORMAT, 0, "is empty"},
    {"truncated.yaml", YS_EFORMAT, 13, "not valid YAML: did not find"},
    {"truncated_line.yaml", YS_EFORMAT, 14, "the file is truncated"},
    {"binary.yaml", YS_EFORMAT, 1, "not valid YAML"},
    {"top_list.yaml", YS_EFORMAT, 1, "the top level must be a mapping"},
    {"multi_document.yaml", YS_EFORMAT, 16, "more than one YAML document"},
    {"future_version.yaml", YS_EFORMAT, 4,
     "baseline schema version 3 is newer than this yardstick reads (2); "
     "upgrade yardstick"},
    {"version_string.yaml", YS_EFORMAT, 1,
     "'yardstick' must be an integer schema version"},
    {"no_version.yaml", YS_EFORMAT, 1, "no 'yardstick' schema version"},
    {"rounds_type.yaml", YS_EFORMAT, 10, "'rounds' must be a list of numbers"},
    {"rounds_string.yaml", YS_EFORMAT, 10,
     "'rounds' must be a list of numbers"},
    {"benchmarks_mapping.yaml", YS_EFORMAT, 3,
     "'benchmarks' must be a list of mappings"},
    {"count_type.yaml", YS_EFORMAT, 5,
     "'total_iterations' must be a non-negative integer"},
    {"nan_sample.yaml", YS_EFORMAT, 13,
     "'samples' item 1: value must be a finite number"},
    {"inf_value.yaml", YS_EFORMAT, 14, "'round_min' must be a finite number"},
    /* null means "not computed", which the comparison cannot use. */
    {"null_round_min.yaml", YS_EFORMAT, 14,
     "'round_min' must be a finite number"},
    {"negative_iterations.yaml", YS_EFORMAT, 13,
     "'samples' item 1: iterations must be a positive integer"},
    {"zero_iterations.yaml", YS_EFORMAT, 13,
     "'samples' item 1 has 0 iterations"},
    {"negative_count.yaml", YS_EFORMAT, 12,
     "'round_samples' must be a list of non-negative integers"},
    {"rounds_mismatch.yaml", YS_EFORMAT, 12,
     "'round_samples' do not add up to the 2 samples"},
    {"duplicate_key.yaml", YS_EFORMAT, 11, "duplicate key 'rounds'"},
    {"duplicate_names.yaml", YS_EFORMAT, 15, "duplicate benchmark 'sort/1024'"},
    {"alias_bomb.yaml", YS_EFORMAT, 3, "aliases are not allowed in baselines"},
    {"deep_nesting.yaml", YS_EFORMAT, 2, "nested deeper than 32 levels"},
    {"version_one.yaml", YS_EFORMAT, 4,
     "baseline schema version 1 does not say which metrics are exact"},
    {"bad_kind.yaml", YS_EFORMAT, 8, "'kind' must be 'time' or 'count'"},
    {"no_kind.yaml", YS_EFORMAT, 6,
     "a series needs a 'metric', a 'unit', a 'kind' and 'exact'"},
    /* A tag makes a string of what looks like a number, as quotes do. */
    {"version_tagged.yaml", YS_EFORMAT, 1,
     "'yardstick' must be an integer schema version"},
    {"tagged_number.yaml", YS_EFORMAT, 14, "'round_min' must be a number"},
    /* Estimates the comparison divides by. */
    {"zero_round.yaml", YS_EFORMAT, 4,
     "benchmark 'sort/1024': round 2 of 'time' is 0; a time must be "
     "positive"},
    {"negative_round.yaml", YS_EFORMAT, 4,
     "benchmark 'sort/1024': round 1 of 'time' is -10.5"},
    {"huge_number.yaml", YS_EFORMAT, 10,
     "benchmark 'sort/1024': 'rounds' item 2 must be a finite number"},
    /* An escape sequence in a name would reach the terminal. */
    {"control_name.yaml", YS_EFORMAT, 4,
     "'name' holds a control character (byte 0x1b)"},
};

/* Loads `path` expecting failure `rc` with `phrase` and, when line > 0,
 * "PATH:LINE:" in the message, within `limit_s` seconds. */
static void expect_bad(const char *path, int rc, int line, const char *phrase,
                       double limit_s) {
  static ys_baseline sentinel; /* a failed load must reset *out to NULL */
  char err[512] = "";
  ys_baseline *b = &sentinel;
  double start = now_s();
  int got = ys_store_load(path, &b, err, sizeof(err));
  double took = now_s() - start;
  if (got != rc || strstr(err, phrase) == NULL)
    print_error("%s: rc %d, err \"%s\"\n", path, got, err);
  assert_int_equal(got, rc);
  assert_null(b);
  assert_non_null(strstr(err, path));
  assert_non_null(strstr(err, phrase));
  if (line > 0) {
    char where[1024];
    snprintf(where, sizeof(where), "%s:%d: ", path, line);
    if (strncmp(err, where, strlen(where)) != 0)
      print_error("expected \"%s\" at the start of \"%s\"\n", where, err);
    assert_int_equal(strncmp(err, where, strlen(where)), 0);
  }
  if (took > limit_s) print_error("%s took %.3f s\n", path, took);
  assert_true(took <= limit_s);
}

static void test_corpus_is_refused(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
    const bad_case *c = &bad_cases[i];
    char path[1024];
    snprintf(path, sizeof(path), CORPUS "%s", c->file);
    /* An alias bomb is refused at its first alias, long before anything
     * could expand. */
    double limit = strcmp(c->file, "alias_bomb.yaml") == 0 ? 0.1 : 1.0;
    expect_bad(path, c->rc, c->line, c->phrase, limit);
  }
}

static void test_oversized_file_is_refused_unread(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "huge.yaml");
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  assert_true(fd >= 0);
  /* Sparse: no disk is used, and the loader must not read it anyway. */
  assert_int_equal(ftruncate(fd, YS_BASELINE_MAX_BYTES + 1), 0);
  close(fd);
  expect_bad(path, YS_EFORMAT, 0, "is too large", 0.1);
  free(path);
}

static void test_fifo_is_refused_without_hanging(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "fifo.yaml");
  assert_int_equal(mkfifo(path, 0600), 0);
  expect_bad(path, YS_EFORMAT, 0, "is not a regular file", 1.0);
  free(path);
}

/* Reads a whole file into an allocation of exactly its size, without a
 * final NUL, so that a loader reading past the end shows under ASan. */
static char *read_exact(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  assert_int_equal(fseek(f, 0, SEEK_END), 0);
  long size = ftell(f);
  assert_true(size > 0);
  rewind(f);
  char *text = malloc((size_t)size);
  assert_non_null(text);
  assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
  fclose(f);
  *len = (size_t)size;
  return text;
}

/* Function lists: a baseline without them loads with none (good.yaml
 * predates them), and a bad list is refused naming the line. */
static void test_functions_load_and_refusals(void **state) {
  (void)state;
  char err[512] = "";
  ys_baseline *b = NULL;
  assert_int_equal(ys_store_load(CORPUS "good.yaml", &b, err, sizeof(err)), 0);
  for (size_t i = 0; i < b->run.n_benches; i++)
    assert_int_equal(b->run.benches[i].n_functions, 0);
  ys_baseline_free(b);

  const char *head = "yardstick: 2\nbenchmarks:\n- name: a\n  functions:\n";
  struct {
    const char *list, *why;
  } bad[] = {
      {"  - {name: '', self: 1, inclusive: 1}\n", "'name' must not be empty"},
      {"  - {name: f, self: 1}\n", "a function needs a 'name'"},
      {"  - {name: f, self: -1, inclusive: 1}\n", "self"},
      {"  - [f, 1, 1]\n", "must be a mapping"},
      {"    name: f\n", "must be a list"},
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    char text[512];
    int n = snprintf(text, sizeof(text), "%s%s...\n", head, bad[i].list);
    b = NULL;
    int rc =
        ys_store_load_buffer(text, (size_t)n, "f.yaml", &b, err, sizeof(err));
    if (rc != YS_EFORMAT || strstr(err, bad[i].why) == NULL)
      fail_msg("%s: rc %d, '%s' (want '%s')", bad[i].list, rc, err, bad[i].why);
    assert_null(b);
  }
  /* More than the bound: refused. */
  size_t cap = 64 + 64 * (YS_POLICY_FUNCTIONS_MAX + 1);
  char *text = malloc(cap);
  assert_non_null(text);
  size_t used = (size_t)snprintf(text, cap, "%s", head);
  for (int i = 0; i <= YS_POLICY_FUNCTIONS_MAX; i++)
    used += (size_t)snprintf(text + used, cap - used,
                             "  - {name: f%d, self: 1, inclusive: 1}\n", i);
  used += (size_t)snprintf(text + used, cap - used, "...\n");
  assert_int_equal(
      ys_store_load_buffer(text, used, "many.yaml", &b, err, sizeof(err)),
      YS_EFORMAT);
  assert_non_null(strstr(err, "more than 200 functions"));
  free(text);
}

/* Complexity fits: saved and loaded whole (a fitted one and one with too
 * few points), absent from a baseline that predates them (good.yaml), and
 * a bad class name is refused naming the key. */
/* A benchmark's own settings are saved with their values and load back
 * with the same own bits; the run's settings of the other fields are not
 * saved (they are the run's, not the benchmark's), nor anything for a
 * benchmark without own settings; an old file without them loads as
 * "no own settings". */
static void test_settings_round_trip(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "settings.yaml");
  ys_context ctx;
  fill_context(&ctx);
  ys_run_result run = {0};
  fill_run(&run);
  run.benches[0].settings = (ys_bench_settings){
      .warm_up_time_s = 3,
      .warm_up_iterations = 40,
      .measurement_time_s = 2.5,
      .rounds = 4,
      .sample_size = 30,
      .latency = true,
      .own = YS_SETTING_WARM_UP_ITERATIONS | YS_SETTING_MEASUREMENT_TIME |
             YS_SETTING_ROUNDS | YS_SETTING_LATENCY};
  char err[512] = "";
  assert_int_equal(
      ys_store_save(path, "settings", &ctx, &run, err, sizeof(err)), 0);
  ys_baseline *b = NULL;
  assert_int_equal(ys_store_load(path, &b, err, sizeof(err)), 0);
  const ys_bench_settings *back = &b->run.benches[0].settings;
  assert_int_equal(back->own, run.benches[0].settings.own);
  assert_int_equal(back->warm_up_iterations, 40);
  assert_true(back->measurement_time_s == 2.5);
  assert_int_equal(back->rounds, 4);
  assert_true(back->latency);
  assert_true(back->warm_up_time_s == 0); /* the run's: not saved */
  assert_int_equal(back->sample_size, 0);
  assert_int_equal(b->run.benches[1].settings.own, 0);
  ys_baseline_free(b);
  ys_run_result_free(&run);
  free(path);
  b = NULL;
  assert_int_equal(ys_store_load(CORPUS "good.yaml", &b, err, sizeof(err)), 0);
  for (size_t i = 0; i < b->run.n_benches; i++)
    assert_int_equal(b->run.benches[i].settings.own, 0);
  ys_baseline_free(b);
}

static void test_complexity_round_trip(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "fits.yaml");
  ys_context ctx;
  fill_context(&ctx);
  ys_run_result run = {0};
  fill_run(&run);
  run.complexity = calloc(2, sizeof(*run.complexity));
  assert_non_null(run.complexity);
  run.n_complexity = 2;
  ys_complexity_fit *fit = &run.complexity[0];
  snprintf(fit->family, sizeof(fit->family), "sort");
  snprintf(fit->unit, sizeof(fit->unit), "ns");
  fit->n_points = 7;
  fit->n_min = 16;
  fit->n_max = 1024;
  fit->fitted = true;
  fit->best = YS_COMPLEXITY_N_LOG_N;
  fit->coefficient = 3.25;
  fit->rms = 0.0125;
  fit->runner_up = YS_COMPLEXITY_N;
  fit->runner_up_rms = 0.015;
  fit->indistinguishable = true;
  fit->exponent = 1.125;
  fit->exponent_r_squared = 0.999;
  snprintf(run.complexity[1].family, sizeof(run.complexity[1].family), "copy");
  run.complexity[1].n_points = 3;
  /* A family whose own function (YS_COMPLEXITY) fitted best. */
  run.complexity = realloc(run.complexity, 3 * sizeof(*run.complexity));
  assert_non_null(run.complexity);
  run.n_complexity = 3;
  ys_complexity_fit user = {.n_points = 5,
                            .n_min = 8,
                            .n_max = 128,
                            .fitted = true,
                            .best = YS_COMPLEXITY_USER,
                            .coefficient = 2.5,
                            .rms = 0.25,
                            .runner_up = YS_COMPLEXITY_N2,
                            .runner_up_rms = 0.5,
                            .exponent = 1.5,
                            .exponent_r_squared = 1,
                            .user_coefficient = 2.5,
                            .user_rms = 0.25,
                            .user_exponent = 1.5};
  snprintf(user.family, sizeof(user.family), "mine");
  snprintf(user.unit, sizeof(user.unit), "ns");
  snprintf(user.user_name, sizeof(user.user_name), "n^1.5");
  run.complexity[2] = user;
  char err[512] = "";
  assert_int_equal(ys_store_save(path, "fits", &ctx, &run, err, sizeof(err)),
                   0);
  ys_baseline *b = NULL;
  assert_int_equal(ys_store_load(path, &b, err, sizeof(err)), 0);
  assert_int_equal(b->run.n_complexity, 3);
  /* Loaded in the order saved. */
  const ys_complexity_fit *mine = &b->run.complexity[2];
  assert_string_equal(mine->family, "mine");
  assert_int_equal(mine->best, YS_COMPLEXITY_USER);
  assert_string_equal(mine->user_name, "n^1.5");
  assert_string_equal(ys_complexity_fit_name(mine, mine->best), "n^1.5");
  assert_true(mine->user_coefficient == 2.5);
  assert_true(mine->user_rms == 0.25);
  assert_true(mine->user_exponent == 1.5);
  assert_string_equal(b->run.complexity[0].user_name, "");
  const ys_complexity_fit *back = &b->run.complexity[0];
  assert_string_equal(back->family, "sort");
  assert_string_equal(back->unit, "ns");
  assert_int_equal(back->n_points, 7);
  assert_int_equal(back->n_min, 16);
  assert_int_equal(back->n_max, 1024);
  assert_true(back->fitted);
  assert_int_equal(back->best, YS_COMPLEXITY_N_LOG_N);
  assert_true(back->coefficient == 3.25);
  assert_true(back->rms == 0.0125);
  assert_int_equal(back->runner_up, YS_COMPLEXITY_N);
  assert_true(back->runner_up_rms == 0.015);
  assert_true(back->indistinguishable);
  assert_true(back->exponent == 1.125);
  assert_true(back->exponent_r_squared == 0.999);
  assert_string_equal(b->run.complexity[1].family, "copy");
  assert_false(b->run.complexity[1].fitted);
  assert_int_equal(b->run.complexity[1].n_points, 3);
  ys_baseline_free(b);
  ys_run_result_free(&run);
  free(path);

  b = NULL;
  assert_int_equal(ys_store_load(CORPUS "good.yaml", &b, err, sizeof(err)), 0);
  assert_int_equal(b->run.n_complexity, 0);
  assert_null(b->run.complexity);
  ys_baseline_free(b);

  const char *bad = "yardstick: 2\nbenchmarks: []\ncomplexity:\n"
                    "- {family: sort, fitted: true, best: n^4}\n...\n";
  b = NULL;
  assert_int_equal(
      ys_store_load_buffer(bad, strlen(bad), "f.yaml", &b, err, sizeof(err)),
      YS_EFORMAT);
  assert_non_null(strstr(err, "'best' must be one of"));
  assert_null(b);
}

/* Text in memory loads as the file does, with the given name standing for
 * the path; a cut text, an empty one and a bad one are refused naming it. */
static void test_buffer_loads_like_file(void **state) {
  (void)state;
  size_t len;
  char *text = read_exact(CORPUS "good.yaml", &len);
  char err[512] = "";
  ys_baseline *b = NULL;
  int rc = ys_store_load_buffer(text, len, "mem.yaml", &b, err, sizeof(err));
  if (rc != 0) print_error("%s\n", err);
  assert_int_equal(rc, 0);
  assert_string_equal(b->path, "mem.yaml");
  assert_string_equal(b->name, "main");
  ys_baseline *f = NULL;
  assert_int_equal(ys_store_load(CORPUS "good.yaml", &f, err, sizeof(err)), 0);
  assert_int_equal(b->run.n_benches, f->run.n_benches);
  for (size_t i = 0; i < b->run.n_benches; i++)
    assert_string_equal(b->run.benches[i].name, f->run.benches[i].name);
  ys_baseline_free(f);
  ys_baseline_free(b);

  /* Without its final "...": the loader must stop at len, not at a NUL. */
  const char *end = strstr(text, "\n...");
  assert_non_null(end);
  b = (ys_baseline *)&b;
  rc = ys_store_load_buffer(text, (size_t)(end - text) + 1, "mem.yaml", &b, err,
                            sizeof(err));
  assert_int_equal(rc, YS_EFORMAT);
  assert_null(b);
  assert_non_null(strstr(err, "mem.yaml:"));
  assert_non_null(strstr(err, "truncated"));

  b = (ys_baseline *)&b;
  assert_int_equal(
      ys_store_load_buffer(text, 0, "mem.yaml", &b, err, sizeof(err)),
      YS_EFORMAT);
  assert_null(b);
  assert_non_null(strstr(err, "'mem.yaml' is empty"));
  assert_int_equal(
      ys_store_load_buffer("- 1\n", 4, "list.yaml", &b, err, sizeof(err)),
      YS_EFORMAT);
  assert_non_null(strstr(err, "list.yaml:1: the top level must be a mapping"));
  free(text);
}

/* The good file of the corpus: out of order, with comments and unknown keys
 * at every level, which are skipped. */
static void test_good_file_loads(void **state) {
  (void)state;
  char err[512] = "";
  ys_baseline *b = NULL;
  int rc = ys_store_load(CORPUS "good.yaml", &b, err, sizeof(err));
  if (rc != 0) print_error("%s\n", err);
  assert_int_equal(rc, 0);
  assert_string_equal(b->name, "main");
  assert_string_equal(b->created, "2026-11-22T10:00:00Z");
  const ys_context *c = &b->ctx;
  assert_string_equal(c->host_name, "ci-runner");
  assert_string_equal(c->cpu_model, "Example CPU @ 2.40GHz");
  assert_int_equal(c->num_cpus, 2);
  assert_true(c->seed == UINT64_MAX);
  assert_true(isnan(c->load_avg[2]));
  assert_int_equal(c->n_caches, 2);
  assert_string_equal(c->caches[1].type, "Unified");
  assert_int_equal(c->caches[1].size, 1048576);
  assert_string_equal(c->compiler, "GNU 12.2.0");
  assert_string_equal(c->collector, "wall");
  assert_string_equal(c->git_commit, "0123abcd");
  assert_close(c->loop_overhead_ns, 0.31, 0.0);

  assert_int_equal(b->run.n_benches, 2);
  const ys_bench_result *skipped = &b->run.benches[0];
  assert_string_equal(skipped->name, "alloc/small");
  assert_int_equal(skipped->status, YS_BENCH_SKIPPED);
  assert_string_equal(skipped->message, "needs root: \"sudo\" was not run");
  assert_int_equal(skipped->n_series, 0);

  const ys_bench_result *ok = &b->run.benches[1];
  assert_string_equal(ok->name, "sort/1024");
  assert_int_equal(ok->status, YS_BENCH_OK);
  assert_true(ok->bytes_per_iteration == 4096);
  assert_true(ok->elements_per_iteration == 0);
  assert_int_equal(ok->n_series, 1);
  const ys_series *s = &ok->series[0];
  assert_string_equal(s->metric, "time");
  assert_string_equal(s->unit, "ns");
  assert_true(in_strings(b, s->metric));
  assert_int_equal(s->n_rounds, 2);
  assert_int_equal(s->rounds[0].first_sample, 0);
  assert_int_equal(s->rounds[0].n_samples, 3);
  assert_true(s->rounds[0].linear);
  assert_close(s->rounds[0].estimate, 10.5, 0.0);
  assert_int_equal(s->rounds[1].first_sample, 3);
  assert_int_equal(s->rounds[1].n_samples, 2);
  assert_false(s->rounds[1].linear);
  assert_close(s->rounds[1].estimate, 11.0, 0.0);
  assert_int_equal(s->n_samples, 5);
  assert_true(s->samples[2].iterations == 3);
  assert_close(s->samples[2].value, 31.5, 0.0);
  const ys_analysis *a = &s->analysis;
  assert_close(a->slope.point, 10.5, 0.0);
  assert_close(a->std_dev.hi, 0.5, 0.0);
  assert_true(a->has_slope);
  assert_close(a->r_squared, 0.999, 0.0);
  assert_true(isnan(a->lag1_autocorrelation));
  assert_int_equal(a->outliers.low_mild, 1);
  assert_int_equal(a->outliers.normal, 3);
  assert_close(a->outliers.fences[3], 13.0, 0.0);
  assert_close(a->round_median, 10.75, 0.0);
  assert_close(a->round_std_dev, 0.35355339059327379, 0.0);
  /* The unknown warning name is skipped, the known one kept. */
  assert_int_equal(a->warnings, YS_WARN_HIGH_VARIANCE);
  ys_baseline_free(b);
}

/* ------------------------------------------------------------------------ */
/* The tables                                                                */

/* Whether any byte of the value is set: a row of a fully populated run
 * must hold something, or its round trip would prove nothing. */
static bool is_populated(const void *at, size_t size) {
  const unsigned char *p = at;
  for (size_t i = 0; i < size; i++)
    if (p[i] != 0) return true;
  return false;
}

/* Fails unless every YAML row of `t` (nested tables too) holds a value in
 * `a` and the same value in `b`. Custom rows are compared by
 * assert_same_run. */
static void assert_rows_equal(const ys_table *t, const void *a, const void *b,
                              const char *where) {
  for (size_t i = 0; i < t->n_fields; i++) {
    const ys_field *f = &t->fields[i];
    if (!(f->formats & YS_FORMAT_YAML) || f->type == YS_FIELD_CUSTOM) continue;
    const void *x = ys_field_at_const(a, f), *y = ys_field_at_const(b, f);
    const char *sx = NULL, *sy = NULL;
    switch (f->type) {
    case YS_FIELD_TEXT:
      sx = x, sy = y;
      break;
    case YS_FIELD_STRING:
      sx = *(const char *const *)x, sy = *(const char *const *)y;
      break;
    case YS_FIELD_MAP:
      assert_rows_equal(f->sub, x, y, f->key);
      continue;
    case YS_FIELD_LIST: {
      size_t n = *(const size_t *)((const char *)a + f->count_offset);
      assert_true(n > 0);
      assert_int_equal(n, *(const size_t *)((const char *)b + f->count_offset));
      for (size_t k = 0; k < n; k++)
        assert_rows_equal(f->sub, (const char *)x + k * f->sub->size,
                          (const char *)y + k * f->sub->size, f->key);
      continue;
    }
    default:
      break;
    }
    bool same = sx != NULL ? sy != NULL && strcmp(sx, sy) == 0
                           : memcmp(x, y, f->size) == 0;
    bool populated = sx != NULL ? sx[0] != '\0' : is_populated(x, f->size);
    if (!same || !populated)
      print_error("%s.%s: %s\n", where, f->key,
                  same ? "not populated" : "differs after the round trip");
    assert_true(same && populated);
  }
}

/* Every row of every table round-trips: a run with every field set is
 * saved, loaded and compared row by row, so a row added to a table without
 * a writer or reader that agree fails here. */
static void test_every_table_row_round_trips(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "full.yaml");
  ys_context ctx;
  fill_context(&ctx);
  ctx.aslr_enabled = true; /* false would not prove the row is read */
  snprintf(ctx.pinned_cpu, sizeof(ctx.pinned_cpu), "1 (auto)");
  ctx.n_machine_findings = 1;
  ys_machine_finding *mf = &ctx.machine_findings[0];
  snprintf(mf->level, sizeof(mf->level), "warning");
  snprintf(mf->check, sizeof(mf->check), "governor");
  snprintf(mf->text, sizeof(mf->text), "powersave on 2 of 2 CPUs: a: b, c");
  snprintf(mf->fix, sizeof(mf->fix),
           "sudo cpupower frequency-set -g "
           "performance");
  ys_run_result run = {0};
  fill_run(&run);
  ys_series *s = &run.benches[1].series[1];
  s->kind = YS_METRIC_COUNT;
  s->exact = true;
  s->analysis.has_slope = true;
  /* A user counter's flags, success rate gated higher-is-better. */
  s->counter = YS_SERIES_COUNTER | YS_SERIES_COUNTER_SUCCESS |
               YS_SERIES_COUNTER_GATED | YS_SERIES_COUNTER_HIGHER;
  char err[512] = "";
  assert_int_equal(ys_store_save(path, "full", &ctx, &run, err, sizeof(err)),
                   0);
  ys_baseline *b = NULL;
  int rc = ys_store_load(path, &b, err, sizeof(err));
  if (rc != 0) print_error("%s\n", err);
  assert_int_equal(rc, 0);
  assert_rows_equal(&ys_context_table, &ctx, &b->ctx, "context");
  const ys_bench_result *x = &run.benches[1], *y = &b->run.benches[1];
  assert_rows_equal(&ys__schema_bench_table, x, y, "benchmarks");
  assert_rows_equal(&ys__schema_series_table, &x->series[1], &y->series[1],
                    "series");
  assert_same_run(&run, &b->run);
  ys_baseline_free(b);
  ys_run_result_free(&run);
  free(path);
}

/* Replaces the value of the first line "INDENT KEY:" (or "- KEY:" one level
 * up) after `after` in text with `value`; returns a new text, or NULL when
 * there is no such line. */
static char *replace_value(const char *text, const char *after, size_t indent,
                           const char *key, const char *value) {
  const char *from = strstr(text, after);
  assert_non_null(from);
  char plain[128], dashed[128];
  snprintf(plain, sizeof(plain), "\n%*s%s:", (int)indent, "", key);
  snprintf(dashed, sizeof(dashed), "\n%*s- %s:", (int)indent - 2, "", key);
  const char *at = strstr(from, plain), *at2 = strstr(from, dashed);
  size_t key_len = strlen(plain);
  if (at == NULL || (at2 != NULL && at2 < at)) {
    at = at2;
    key_len = strlen(dashed);
  }
  if (at == NULL) return NULL;
  const char *start = at + key_len, *end = strchr(start, '\n');
  char *out = NULL;
  assert_true(
      asprintf(&out, "%.*s %s%s", (int)(start - text), text, value, end) > 0);
  return out;
}

/* For each scalar or flow row of `t` found after `after`, a value of the
 * wrong type (a mapping) is refused with a message naming the row's key. */
static void expect_rows_typed(const char *dir, const char *text,
                              const ys_table *t, const char *after,
                              size_t indent) {
  char *path = path_in(dir, "typed.yaml");
  size_t checked = 0;
  for (size_t i = 0; i < t->n_fields; i++) {
    const ys_field *f = &t->fields[i];
    if (f->type == YS_FIELD_MAP || f->type == YS_FIELD_LIST) continue;
    char *bad = replace_value(text, after, indent, f->key, "{bad: 1}");
    if (bad == NULL) continue; /* left out of this file */
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fputs(bad, out);
    fclose(out);
    char err[512] = "", quoted[128];
    ys_baseline *b = NULL;
    int rc = ys_store_load(path, &b, err, sizeof(err));
    snprintf(quoted, sizeof(quoted), "'%s'", f->key);
    if (rc != YS_EFORMAT || strstr(err, quoted) == NULL)
      print_error("%s: rc %d, err \"%s\"\n", f->key, rc, err);
    assert_int_equal(rc, YS_EFORMAT);
    assert_non_null(strstr(err, quoted));
    free(bad);
    checked++;
  }
  assert_true(checked >= t->n_fields / 2);
  free(path);
}

static void test_row_type_mismatch_names_key(void **state) {
  const char *dir = *state;
  char *path = path_in(dir, "main.yaml");
  size_t len;
  char *text = save_good(path, &len);
  expect_rows_typed(dir, text, &ys_context_table, "\ncontext:\n", 2);
  expect_rows_typed(dir, text, &ys__schema_bench_table, "\nbenchmarks:\n", 2);
  expect_rows_typed(dir, text, &ys__schema_series_table, "\n  series:\n  - ",
                    4);
  free(text);
  free(path);
}

/* ------------------------------------------------------------------------ */
/* Names, paths, directory                                                   */

static void test_check_name(void **state) {
  (void)state;
  char err[256];
  char longest[101], too_long[102];
  memset(longest, 'a', 100);
  longest[100] = '\0';
  memset(too_long, 'a', 101);
  too_long[101] = '\0';
  const char *good[] = {"main", "v1.2_rc-3", "A9", "x", longest};
  for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
    assert_int_equal(ys_store_check_name(good[i], err, sizeof(err)), 0);
  static const struct {
    const char *name;
    const char *phrase;
  } bad[] = {
      {"", "empty"},
      {".hidden", "must not start with '.'"},
      {"../x", "must not start with '.'"},
      {"/abs", "may only contain"},
      {"a/b", "may only contain"},
      {"tab\tname", "may only contain"},
      {"new\nline", "may only contain"},
      {"del\x7f", "may only contain"},
      {"sp ace", "may only contain"},
      {"naïve", "may only contain"},
      {"config.yaml", "ends in '.yaml', which its file gets anyway: give the "
                      "name without it ('config')"},
      {"main.YML", "ends in '.YML'"},
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    err[0] = '\0';
    assert_int_equal(ys_store_check_name(bad[i].name, err, sizeof(err)),
                     YS_EINVAL);
    assert_non_null(strstr(err, bad[i].phrase));
    /* Control characters are never echoed back. */
    for (const char *p = err; *p != '\0'; p++)
      assert_true(*p >= 0x20 && *p < 0x7f);
  }
  assert_int_equal(ys_store_check_name(too_long, err, sizeof(err)), YS_EINVAL);
  assert_non_null(strstr(err, "longer than 100 bytes"));
  assert_int_equal(ys_store_check_name(NULL, err, sizeof(err)), YS_EINVAL);
}

static void test_resolve(void **state) {
  (void)state;
  char out[64], err[256];
  assert_int_equal(
      ys_store_resolve("main", "base", out, sizeof(out), err, sizeof(err)), 0);
  assert_string_equal(out, "base/main.yaml");
  assert_int_equal(
      ys_store_resolve("main", "base//", out, sizeof(out), err, sizeof(err)),
      0);
  assert_string_equal(out, "base/main.yaml");
  assert_int_equal(
      ys_store_resolve("main", "/", out, sizeof(out), err, sizeof(err)), 0);
  assert_string_equal(out, "/main.yaml");
  /* Paths are used as they are. */
  assert_int_equal(ys_store_resolve("some/where.yml", "base", out, sizeof(out),
                                    err, sizeof(err)),
                   0);
  assert_string_equal(out, "some/where.yml");
  assert_int_equal(ys_store_resolve("./old.yaml", "base", out, sizeof(out), err,
                                    sizeof(err)),
                   0);
  assert_string_equal(out, "./old.yaml");
  /* A name ending in ".yaml" is neither a name nor a path: refused, saying
   * how to give either. */
  assert_int_equal(
      ys_store_resolve("old.yaml", "base", out, sizeof(out), err, sizeof(err)),
      YS_EINVAL);
  assert_string_equal(out, "");
  assert_non_null(strstr(err, "ends in '.yaml'"));
  assert_non_null(strstr(err, "('old')"));
  assert_non_null(strstr(err, "('./old.yaml')"));
  assert_int_equal(
      ys_store_resolve("../x", "base", out, sizeof(out), err, sizeof(err)), 0);
  assert_string_equal(out, "../x");
  /* Names are checked. */
  assert_int_equal(
      ys_store_resolve(".x", "base", out, sizeof(out), err, sizeof(err)),
      YS_EINVAL);
  assert_non_null(strstr(err, "must not start with '.'"));
  assert_int_equal(
      ys_store_resolve("", "base", out, sizeof(out), err, sizeof(err)),
      YS_EINVAL);
  /* The result must fit. */
  char small[12];
  assert_int_equal(
      ys_store_resolve("main", "base", small, sizeof(small), err, sizeof(err)),
      YS_EINVAL);
  assert_string_equal(small, "");
  assert_non_null(strstr(err, "longer than 11 bytes"));
  /* No directory: the environment's or the default. */
  unsetenv("YARDSTICK_BASELINE_DIR");
  assert_int_equal(
      ys_store_resolve("main", NULL, out, sizeof(out), err, sizeof(err)), 0);
  assert_string_equal(out, ".yardstick/baselines/main.yaml");
}

static void test_dir(void **state) {
  (void)state;
  unsetenv("YARDSTICK_BASELINE_DIR");
  assert_string_equal(ys_store_dir(NULL), YS_BASELINE_DEFAULT_DIR);
  assert_string_equal(ys_store_dir("flag/dir"), "flag/dir");
  assert_int_equal(setenv("YARDSTICK_BASELINE_DIR", "/env/dir", 1), 0);
  assert_string_equal(ys_store_dir(NULL), "/env/dir");
  /* The flag wins over the environment. */
  assert_string_equal(ys_store_dir("flag/dir"), "flag/dir");
  assert_int_equal(setenv("YARDSTICK_BASELINE_DIR", "", 1), 0);
  assert_string_equal(ys_store_dir(NULL), YS_BASELINE_DEFAULT_DIR);
  unsetenv("YARDSTICK_BASELINE_DIR");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_settings_round_trip, setup_dir,
                                      teardown_dir),
      cmocka_unit_test_setup_teardown(test_complexity_round_trip, setup_dir,
                                      teardown_dir),
      cmocka_unit_test_setup_teardown(test_round_trip_is_exact, setup_dir,
                                      teardown_dir),
      cmocka_unit_test_setup_teardown(test_saved_text_is_yaml, setup_dir,
                                      teardown_dir),
      cmocka_unit_test_setup_teardown(test_invalid_utf8_is_replaced, setup_dir,
                                      teardown_dir),
      cmocka_unit_test_setup_teardown(test_save_refuses_what_cannot_load,
                                      setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(
          test_save_refuses_a_file_too_large_to_load, setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(test_save_removes_stale_temporary_files,
                                      setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(test_unwritable_directory_keeps_old_file,
                                      setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(test_failed_write_keeps_old_file,
                                      setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(test_failed_rename_removes_temp,
                                      setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(test_concurrent_saves_never_tear,
                                      setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(test_save_relocks_a_removed_lock_file,
                                      setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(test_save_waits_for_lock, setup_dir,
                                      teardown_dir),
      cmocka_unit_test(test_corpus_is_refused),
      cmocka_unit_test_setup_teardown(test_oversized_file_is_refused_unread,
                                      setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(test_fifo_is_refused_without_hanging,
                                      setup_dir, teardown_dir),
      cmocka_unit_test(test_good_file_loads),
      cmocka_unit_test(test_buffer_loads_like_file),
      cmocka_unit_test_setup_teardown(test_every_table_row_round_trips,
                                      setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(test_row_type_mismatch_names_key,
                                      setup_dir, teardown_dir),
      cmocka_unit_test(test_functions_load_and_refusals),
      cmocka_unit_test(test_check_name),
      cmocka_unit_test(test_resolve),
      cmocka_unit_test(test_dir),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
