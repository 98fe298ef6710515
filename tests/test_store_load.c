/*
 * Tests of baselines/store.c's loading: a corpus of hostile files
 * (tests/data/baselines) refused with a message naming the fault,
 * oversized files and FIFOs refused unread, the functions and complexity
 * sections, and good files loaded alike from a file or a buffer.
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
#include "tests/support/store_fixture.h"
#include "tests/test_support.h"

#define CORPUS YS_TEST_DATA_DIR "/baselines/"

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
  double start = ys_test_now_s();
  int got = ys_store_load(path, &b, err, sizeof(err));
  double took = ys_test_now_s() - start;
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
  char *path = ys_test_path_in(dir, "huge.yaml");
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
  char *path = ys_test_path_in(dir, "fifo.yaml");
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
  char *path = ys_test_path_in(dir, "settings.yaml");
  ys_context ctx;
  ys_test_fill_context(&ctx);
  ys_run_result run = {0};
  ys_test_fill_run(&run);
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
  char *path = ys_test_path_in(dir, "fits.yaml");
  ys_context ctx;
  ys_test_fill_context(&ctx);
  ys_run_result run = {0};
  ys_test_fill_run(&run);
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
  assert_true(ys_test_in_strings(b, s->metric));
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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_settings_round_trip,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test_setup_teardown(test_complexity_round_trip,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test(test_corpus_is_refused),
      cmocka_unit_test_setup_teardown(test_oversized_file_is_refused_unread,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test_setup_teardown(test_fifo_is_refused_without_hanging,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test(test_good_file_loads),
      cmocka_unit_test(test_buffer_loads_like_file),
      cmocka_unit_test(test_functions_load_and_refusals),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
