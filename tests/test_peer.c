/*
 * test_peer.c — peer/peer.c, the parent side of docs/worker-protocol.md:
 * the reading of a round's answer from text (rounds, skipped, failed,
 * error, malformed and cut-short answers, and every allocation failing in
 * turn), and a real worker on real pipes, after which the process handles
 * SIGPIPE as it did before.
 *
 * The worker is this program itself: started with --worker MODE it plays a
 * worker that serves rounds of one benchmark "a" ("serve"), or one that
 * closes its stdin before it greets, so that the parent's next write
 * meets a pipe nobody reads ("deaf").
 *
 * This program is linked with --wrap for malloc, calloc and realloc
 * (tests/CMakeLists.txt): the library's allocations come through the
 * __wrap_ functions below, which fail the n-th one when asked to.
 */
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/model.h"
#include "peer/peer.h"
#include "peer/round_functions.h"
#include "peer/worker.h"

/* ---- Allocations that fail on request ----------------------------------- */

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *ptr, size_t size);

/* When not 0, the allocation that brings it to 0 fails. */
static size_t fail_countdown;
static size_t allocations; /* counted while a countdown runs */

static bool allocation_fails(void) {
  if (fail_countdown == 0) return false;
  allocations++;
  return --fail_countdown == 0;
}

void *__wrap_malloc(size_t size) {
  return allocation_fails() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size) {
  return allocation_fails() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *ptr, size_t size) {
  return allocation_fails() ? NULL : __real_realloc(ptr, size);
}

/* ---- Reading answers from text ------------------------------------------ */

#define PROGRAM "./other_build"

static const ys_metric METRICS[2] = {
    {"time", "ns", YS_METRIC_TIME, false},
    {"cpu_time", "ns", YS_METRIC_TIME, false},
};
static const ys_collector COLLECTOR = {.metrics = METRICS, .n_metrics = 2};

/* An empty result for the two metrics, as ys_against_start prepares. */
static void new_result(ys_bench_result *res) {
  memset(res, 0, sizeof(*res));
  strcpy(res->name, "a");
  res->series = calloc(2, sizeof(*res->series));
  assert_non_null(res->series);
  res->n_series = 2;
  for (size_t m = 0; m < 2; m++) {
    res->series[m].metric = METRICS[m].name;
    res->series[m].unit = METRICS[m].unit;
  }
}

/* Reads one answer from `text` into res, to a round that asked for
 * latency mode or not. */
static int read_answer(const char *text, bool latency, ys_bench_result *res,
                       char *err, size_t err_len) {
  FILE *f = fmemopen((void *)text, strlen(text), "r");
  assert_non_null(f);
  err[0] = '\0';
  int rc = ys_peer_read_round(f, PROGRAM, latency, res, err, err_len);
  fclose(f);
  return rc;
}

/* Reads one answer to a round without latency mode. */
static int read_text(const char *text, ys_bench_result *res, char *err,
                     size_t err_len) {
  return read_answer(text, false, res, err, err_len);
}

static void test_ok_round(void **state) {
  (void)state;
  ys_bench_result res;
  new_result(&res);
  char err[256];
  assert_int_equal(
      read_text(
          "ok 2 1 64 8 1 40 0.25\ncounters 0\n10 100 90.5\n20 200.25 180\n"
          "functions 0\n",
          &res, err, 256),
      0);
  assert_int_equal(res.status, YS_BENCH_OK);
  assert_int_equal(res.bytes_per_iteration, 64);
  assert_int_equal(res.elements_per_iteration, 8);
  assert_int_equal(res.total_iterations, 30);
  /* The worker's diagnostics and time arrive with the round. */
  assert_true(res.elapsed_s == 0.25);
  assert_int_equal(res.series[0].analysis.warnings, 1);
  assert_int_equal(res.series[1].analysis.suggested_sample_size, 40);
  const double values[2][2] = {{100, 200.25}, {90.5, 180}};
  for (size_t m = 0; m < 2; m++) {
    const ys_series *s = &res.series[m];
    assert_int_equal(s->n_rounds, 1);
    assert_int_equal(s->rounds[0].first_sample, 0);
    assert_int_equal(s->rounds[0].n_samples, 2);
    assert_true(s->rounds[0].linear);
    assert_int_equal(s->n_samples, 2);
    assert_int_equal(s->samples[0].iterations, 10);
    assert_int_equal(s->samples[1].iterations, 20);
    assert_true(s->samples[0].value == values[m][0]);
    assert_true(s->samples[1].value == values[m][1]);
  }
  /* A second answer is one more round after the first. */
  assert_int_equal(
      read_text("ok 1 0 0 0 0 0 0\ncounters 0\n7 1e3 2e3\nfunctions 0\n", &res,
                err, 256),
      0);
  assert_int_equal(res.series[1].n_rounds, 2);
  assert_int_equal(res.series[1].rounds[1].first_sample, 2);
  assert_false(res.series[1].rounds[1].linear);
  assert_true(res.series[1].samples[2].value == 2000.0);
  assert_int_equal(res.total_iterations, 37);
  ys_bench_result_clear(&res);
}

static void test_skipped_and_failed(void **state) {
  (void)state;
  ys_bench_result res;
  char err[256];
  new_result(&res);
  assert_int_equal(read_text("skipped needs a GPU\n", &res, err, 256), 0);
  assert_int_equal(res.status, YS_BENCH_SKIPPED);
  assert_string_equal(res.message, "needs a GPU");
  ys_bench_result_clear(&res);

  new_result(&res);
  assert_int_equal(read_text("failed index 9 out of range\n", &res, err, 256),
                   0);
  assert_int_equal(res.status, YS_BENCH_FAILED);
  assert_string_equal(res.message, "index 9 out of range");
  assert_int_equal(res.series[0].n_rounds, 0);
  ys_bench_result_clear(&res);
}

/* The latency percentiles of a round the worker measured in latency mode
 * become one more round of res's latency series, as run/latency.c makes
 * them in one process: the series a first round has are added, a later
 * round too short for p99 adds none to it and counts as a short round. */
static void test_latency_round(void **state) {
  (void)state;
  ys_bench_result res;
  new_result(&res);
  char err[256];
  assert_int_equal(
      read_answer("ok 1 0 0 0 0 0 0.1\ncounters 0\n10 100 90\n"
                  "latency 4\nlatency_p50 1000\nlatency_p90 2000.5\n"
                  "latency_p99 4000\nlatency_max 9000\nfunctions 0\n",
                  true, &res, err, 256),
      0);
  assert_int_equal(res.n_series, 2 + 4);
  const ys_series *p50 = ys_bench_result_series(&res, "latency_p50");
  const ys_series *p99 = ys_bench_result_series(&res, "latency_p99");
  const ys_series *max = ys_bench_result_series(&res, "latency_max");
  assert_non_null(p50);
  assert_non_null(p99);
  assert_non_null(max);
  assert_null(ys_bench_result_series(&res, "latency_p99.9"));
  assert_true(p50->counter & YS_SERIES_LATENCY);
  assert_int_equal(p50->n_rounds, 1);
  assert_true(p50->samples[0].value == 1000.0);
  assert_true(ys_bench_result_series(&res, "latency_p90")->samples[0].value ==
              2000.5);
  assert_true(max->samples[0].value == 9000.0);
  assert_int_equal(res.latency.short_rounds[3], 1); /* p99.9 */
  /* A second round without p99: the others grow, p99 keeps one round. */
  assert_int_equal(read_answer("ok 1 0 0 0 0 0 0.1\ncounters 0\n10 100 90\n"
                               "latency 3\nlatency_max 8000\nlatency_p90 1900\n"
                               "latency_p50 900\nfunctions 0\n",
                               true, &res, err, 256),
                   0);
  p50 = ys_bench_result_series(&res, "latency_p50");
  p99 = ys_bench_result_series(&res, "latency_p99");
  max = ys_bench_result_series(&res, "latency_max");
  assert_int_equal(p50->n_rounds, 2);
  assert_true(p50->samples[1].value == 900.0);
  assert_true(max->samples[1].value == 8000.0);
  assert_int_equal(p99->n_rounds, 1);
  assert_int_equal(res.latency.short_rounds[2], 1);
  assert_int_equal(res.series[0].n_rounds, 2);
  /* "latency 0": latency mode refused there; only the samples count. */
  assert_int_equal(read_answer("ok 1 0 0 0 0 0 0.1\ncounters 0\n10 100 90\n"
                               "latency 0\nfunctions 0\n",
                               true, &res, err, 256),
                   0);
  assert_int_equal(res.series[0].n_rounds, 3);
  assert_int_equal(ys_bench_result_series(&res, "latency_p50")->n_rounds, 2);
  ys_bench_result_clear(&res);
}

/* A latency section is checked line by line; a refused one adds nothing,
 * not even the round's samples. */
static void test_latency_refused(void **state) {
  (void)state;
  static const char *const bad[] = {
      "latency 6\n",
      "latency x\n",
      "latency 1 2\n",
      "latency 1\nlatency_p42 5\n",
      "latency 1\nlatency_p50\n",
      "latency 1\nlatency_p50 -0\n",
      "latency 1\nlatency_p50 nan\n",
      "latency 1\nlatency_p50 1e999\n",
      "latency 1\nlatency_p50 5x\n",
      "latency 2\nlatency_p50 5\nlatency_p50 6\n",
      "functions 0\n", /* the section left out */
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    char text[256], err[256];
    snprintf(text, sizeof(text),
             "ok 1 0 0 0 0 0 0\ncounters 0\n10 100 90\n%sfunctions 0\n",
             bad[i]);
    ys_bench_result res;
    new_result(&res);
    int rc = read_answer(text, true, &res, err, sizeof(err));
    if (rc != YS_EFORMAT) print_error("%s: %d %s\n", bad[i], rc, err);
    assert_int_equal(rc, YS_EFORMAT);
    assert_non_null(strstr(err, "latency"));
    assert_int_equal(res.series[0].n_rounds, 0);
    assert_int_equal(res.n_series, 2);
    ys_bench_result_clear(&res);
  }
}

/* The function of res named name, or NULL. */
static const ys_function_cost *function_named(const ys_bench_result *res,
                                              const char *name) {
  for (size_t i = 0; i < res->n_functions; i++)
    if (strcmp(res->functions[i].name, name) == 0) return &res->functions[i];
  return NULL;
}

/* Each round's functions are added to those of the rounds before, name by
 * name, so that divided by total_iterations they mean what a run's own
 * functions mean. The expected sums are the two rounds' lines added by
 * hand: hash 300 + 500 self, 300 + 500 inclusive; main 10 + 20 self,
 * 400 + 700 inclusive; "parse x" only in round 1, "store" only in 2. */
static void test_round_functions_add_up(void **state) {
  (void)state;
  ys_bench_result res;
  new_result(&res);
  char err[256];
  assert_int_equal(
      read_text("ok 1 0 0 0 0 0 0\ncounters 0\n10 100 90\nfunctions 3\n"
                "10 400 1 2 3 4 main\n"
                "300 300 5 5 6 6 hash\n"
                "90 90 0 0 0 0 parse x\n",
                &res, err, 256),
      0);
  assert_int_equal(
      read_text("ok 1 0 0 0 0 0 0\ncounters 0\n30 300 270\nfunctions 3\n"
                "20 700 1 2 3 4 main\n"
                "500 500 5 5 6 6 hash\n"
                "180 180 0 0 0 0 store\n",
                &res, err, 256),
      0);
  assert_int_equal(res.total_iterations, 40);
  assert_int_equal(res.n_functions, 4);
  /* Most inclusive first: main 1100, hash 800, store 180, parse x 90. */
  assert_string_equal(res.functions[0].name, "main");
  assert_string_equal(res.functions[1].name, "hash");
  assert_string_equal(res.functions[2].name, "store");
  assert_string_equal(res.functions[3].name, "parse x");
  const ys_function_cost *main_fn = function_named(&res, "main");
  assert_int_equal(main_fn->self, 30);
  assert_int_equal(main_fn->inclusive, 1100);
  assert_int_equal(main_fn->self_l1_misses, 2);
  assert_int_equal(main_fn->inclusive_l1_misses, 4);
  assert_int_equal(main_fn->self_ll_misses, 6);
  assert_int_equal(main_fn->inclusive_ll_misses, 8);
  const ys_function_cost *hash = function_named(&res, "hash");
  assert_int_equal(hash->self, 800);
  assert_int_equal(hash->inclusive, 800);
  assert_int_equal(function_named(&res, "parse x")->self, 90);
  assert_int_equal(function_named(&res, "store")->self, 180);
  ys_bench_result_clear(&res);
}

/* Merging keeps at most `max` functions, the most inclusive, so a run of
 * many rounds stays within a baseline's bounds; ties go by name. */
static void test_round_functions_merge_keeps_most_inclusive(void **state) {
  (void)state;
  ys_bench_result res;
  memset(&res, 0, sizeof(res));
  ys_function_cost more[4] = {
      {.name = "d", .self = 1, .inclusive = 1},
      {.name = "b", .self = 5, .inclusive = 50},
      {.name = "c", .self = 5, .inclusive = 50},
      {.name = "a", .self = 9, .inclusive = 90},
  };
  assert_int_equal(ys_round_functions_merge(&res, more, 4, 3), 0);
  assert_int_equal(res.n_functions, 3);
  assert_string_equal(res.functions[0].name, "a");
  assert_string_equal(res.functions[1].name, "b");
  assert_string_equal(res.functions[2].name, "c");
  /* "d" again: dropped by the first merge, so it comes back with this
   * round's 60 alone, ranks second, and "c" (50) falls out instead. */
  ys_function_cost again = {.name = "d", .self = 1, .inclusive = 60};
  assert_int_equal(ys_round_functions_merge(&res, &again, 1, 3), 0);
  assert_int_equal(res.n_functions, 3);
  assert_string_equal(res.functions[1].name, "d");
  assert_int_equal(res.functions[1].inclusive, 60);
  assert_string_equal(res.functions[2].name, "b");
  ys_bench_result_clear(&res);
}

/* An answer that is refused: the code, and the message after
 * "--against PROGRAM: ". */
typedef struct refusal {
  const char *text;
  int rc;
  const char *why;
} refusal;

#define BROKE      "broke the worker protocol"
#define BAD_ROUND  "sent a malformed round"
#define BAD_SAMPLE "sent a malformed sample"
#define BAD_FUNCTIONS                                                          \
  "sent a malformed functions line (want functions K, K at most 200)"
#define BAD_FUNCTION "sent a malformed function line"
#define NEGATIVE                                                               \
  "sent a negative sample value (a time or a count is never below zero)"

static const refusal REFUSALS[] = {
    /* The worker did not understand: its words reach the user. */
    {"error no benchmark named b\n", YS_EFORMAT, "no benchmark named b"},
    {"hello\n", YS_EFORMAT, BROKE},
    {"skipped\n", YS_EFORMAT, BROKE},                /* no message */
    {"ok 2 1\ncounters 0\n", YS_EFORMAT, BROKE},     /* too few numbers */
    {"ok 2 1 0 0\ncounters 0\n", YS_EFORMAT, BROKE}, /* protocol 1's answer */
    {"ok 1 1 0 0 0 0 -1\ncounters 0\n10 100 90\n", YS_EFORMAT, BAD_ROUND},
    {"ok 0 1 0 0 0 0 0\ncounters 0\n", YS_EFORMAT, BAD_ROUND},
    {"ok 10000001 1 0 0 0 0 0\ncounters 0\n", YS_EFORMAT,
     BAD_ROUND}, /* beyond any plan */
    {"ok 2 1 0 0 0 0 0\ncounters 0\n10 100\n20 200 180\n", YS_EFORMAT,
     BAD_SAMPLE},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 100 90 7\n", YS_EFORMAT, BAD_SAMPLE},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n0 100 90\n", YS_EFORMAT,
     BAD_SAMPLE}, /* no iterations */
    {"ok 1 1 0 0 0 0 0\ncounters 0\nten 100 90\n", YS_EFORMAT, BAD_SAMPLE},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 100 abc\n", YS_EFORMAT, BAD_SAMPLE},
    /* Found by fuzz/fuzz_protocol.c: what strtoull and strtod alone take
     * but a worker never writes. */
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 nan 90\n", YS_EFORMAT, BAD_SAMPLE},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 100 inf\n", YS_EFORMAT, BAD_SAMPLE},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 1e999 90\n", YS_EFORMAT, BAD_SAMPLE},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 1nan\n", YS_EFORMAT,
     BAD_SAMPLE}, /* "1" "nan" */
    {"ok 1 1 0 0 0 0 0\ncounters 0\n-1 100 90\n", YS_EFORMAT,
     BAD_SAMPLE}, /* 2^64-1 */
    {"ok 1 1 0 0 0 0 0\ncounters 0\n 10 100 90\n", YS_EFORMAT, BAD_SAMPLE},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10  100 90\n", YS_EFORMAT, BAD_SAMPLE},
    {"ok 1 1 0 0 0 0 inf\n10 100 90\n", YS_EFORMAT, BAD_ROUND},
    /* A time or a count below zero would compare as a change below
     * -100 %, an "improvement"; a sign of either kind is never written. */
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 -5000 90\n", YS_EFORMAT, NEGATIVE},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 100 -0\n", YS_EFORMAT, NEGATIVE},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 -1e-300 90\n", YS_EFORMAT, NEGATIVE},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 +100 90\n", YS_EFORMAT, BAD_SAMPLE},
    /* A worker that stops talking mid-answer has exited or crashed. */
    {"", YS_EIO, "exited during a round (it may have crashed)"},
    {"ok 2 1 0 0 0 0 0\ncounters 0\n10 100 90\n", YS_EIO,
     "exited in the middle of a round"},
    /* Protocol 3: the samples end with the functions of the round. */
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 100 90\n", YS_EIO,
     "exited in the middle of a round"},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 100 90\nfunctions 2\n5 7 0 0 0 0 f\n",
     YS_EIO, "exited in the middle of a round"},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 100 90\nfunctions\n", YS_EFORMAT,
     BAD_FUNCTIONS},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 100 90\nfunctions -1\n", YS_EFORMAT,
     BAD_FUNCTIONS},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 100 90\nfunctions 1x\n", YS_EFORMAT,
     BAD_FUNCTIONS},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 100 90\nfunctions 201\n", YS_EFORMAT,
     BAD_FUNCTIONS}, /* more than a worker keeps */
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 100 90\nfunctions 1\n5 7 0 0 0 f\n",
     YS_EFORMAT, BAD_FUNCTION}, /* five counts */
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 100 90\nfunctions 1\n5 7 0 0 0 0 \n",
     YS_EFORMAT, BAD_FUNCTION}, /* no name */
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 100 90\nfunctions 1\n-5 7 0 0 0 0 f\n",
     YS_EFORMAT, BAD_FUNCTION},
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 100 90\nfunctions 1\n9 7 0 0 0 0 f\n",
     YS_EFORMAT, BAD_FUNCTION}, /* self above inclusive */
    {"ok 1 1 0 0 0 0 0\ncounters 0\n10 100 90\nfunctions 1\n5 7 0 0 0 0 f",
     YS_EFORMAT, BAD_FUNCTION}, /* cut short: no newline */
};

/* Every refused answer names the program and why, and adds nothing. */
static void test_refused_answers(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof(REFUSALS) / sizeof(REFUSALS[0]); i++) {
    const refusal *r = &REFUSALS[i];
    ys_bench_result res;
    char err[256], want[256];
    new_result(&res);
    int rc = read_text(r->text, &res, err, sizeof(err));
    if (rc != r->rc) print_error("answer '%s'\n", r->text);
    assert_int_equal(rc, r->rc);
    snprintf(want, sizeof(want), "--against %s: %s", PROGRAM, r->why);
    assert_string_equal(err, want);
    assert_int_equal(res.status, YS_BENCH_OK);
    assert_int_equal(res.series[0].n_rounds, 0);
    assert_int_equal(res.series[1].n_samples, 0);
    ys_bench_result_clear(&res);
  }
}

/* The worker side: every field of a round command is checked before the
 * runner sees it; an infinite warm-up would never end, a huge sample size
 * would wrap the runner's storage. */
static void test_round_command_fields_are_bounded(void **state) {
  (void)state;
  static const struct {
    const char *args;
    const char *why; /* NULL: accepted */
  } cases[] = {
      {"a 1000 1000 20", NULL},
      {"a 3.6e12 3.6e12 1000000", NULL},
      {"a 1000 1000 1152921504606846977", "SAMPLE_SIZE"},
      {"a 1000 1000 1000001", "SAMPLE_SIZE"},
      {"a 1000 1000 0", "SAMPLE_SIZE"},
      {"a 1000 1000 -1", "SAMPLE_SIZE"},
      {"a 1000 1000 20x", "SAMPLE_SIZE"},
      {"a inf 1000 20", "WARM_UP_NS"},
      {"a 1e308 1000 20", "WARM_UP_NS"},
      {"a nan 1000 20", "WARM_UP_NS"},
      {"a 0 1000 20", "WARM_UP_NS"},
      {"a -5 1000 20", "WARM_UP_NS"},
      {"a 1000 inf 20", "MEASUREMENT_NS"},
      {"a 1000 1e300 20", "MEASUREMENT_NS"},
      {"a 1000 1000", "malformed"},
      {"a 1000 1000 20 extra", "WARM_UP_ITERATIONS"},
      {"a 1000 1000 20 0", "WARM_UP_ITERATIONS"},
      {"a 1000 1000 20 1099511627777", "WARM_UP_ITERATIONS"},
      {"a 1000 1000 20 1099511627776", NULL},
      {"a 1000 1000 20 5 extra", "malformed"},
      {"a 1000 1000 20 latency", NULL},
      {"a 1000 1000 20 5 latency", NULL},
      {"a 1000 1000 20 5 latency latency", "malformed"},
      {"a 1000 1000 latency", "SAMPLE_SIZE"},
      {"a 1000 1000 20 latency 5", "WARM_UP_ITERATIONS"},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    char args[128], err[160] = "";
    snprintf(args, sizeof(args), "%s", cases[i].args);
    ys_worker_round cmd;
    int rc = ys_worker_parse_round(args, &cmd, err, sizeof(err));
    if ((rc == 0) != (cases[i].why == NULL))
      print_error("round %s: %d %s\n", cases[i].args, rc, err);
    if (cases[i].why == NULL) {
      assert_int_equal(rc, 0);
      assert_string_equal(cmd.name, "a");
      assert_true(cmd.latency == (strstr(cases[i].args, "latency") != NULL));
    } else {
      assert_int_equal(rc, YS_EFORMAT);
      assert_non_null(strstr(err, cases[i].why));
    }
  }
  char longname[YS_NAME_MAX + 32];
  memset(longname, 'n', YS_NAME_MAX + 4);
  strcpy(longname + YS_NAME_MAX + 4, " 1 1 1");
  ys_worker_round cmd;
  char err[160];
  assert_int_equal(ys_worker_parse_round(longname, &cmd, err, sizeof(err)),
                   YS_EFORMAT);
}

/* Every allocation of reading a round fails in turn: each time the answer
 * is YS_ENOMEM, and nothing is written through the pointer that failed. */
static void test_allocation_failures(void **state) {
  (void)state;
  size_t failed = 0;
  for (size_t k = 1;; k++) {
    ys_bench_result res;
    char err[256];
    new_result(&res);
    allocations = 0;
    fail_countdown = k;
    int rc = read_text(
        "ok 2 1 0 0 0 0 0\ncounters 0\n10 100 90\n20 200 180\nfunctions 1\n"
        "5 7 0 0 0 0 f\n",
        &res, err, 256);
    bool injected = fail_countdown == 0;
    fail_countdown = 0;
    ys_bench_result_clear(&res);
    if (!injected) {
      assert_int_equal(rc, 0);
      break;
    }
    assert_int_equal(rc, YS_ENOMEM);
    failed++;
  }
  /* One array per part of the one-round result, the line, the growth of
   * both series, the function lines and their merge: if none failed, the
   * wrapping is not in place. */
  assert_true(failed >= 10);
}

/* ---- A real worker ------------------------------------------------------- */

/* This program, which plays the worker. */
static char self[PATH_MAX];

/* The worker's side, in the child: see the head of this file. */
static int fake_worker(const char *mode) {
  bool deaf = strcmp(mode, "deaf") == 0;
  if (deaf) close(STDIN_FILENO);
  printf("yardstick-worker %d test\nmetrics 2 time ns cpu_time ns\n"
         "bench a\nready\n",
         YS_WORKER_PROTOCOL);
  fflush(stdout);
  /* "mute": greets, then neither reads nor answers, nor ends.
   * "closes": greets, closes its stdout, and sleeps. Both ignore SIGTERM,
   * as a stuck benchmark may, so only SIGKILL ends them. */
  if (strcmp(mode, "mute") == 0 || strcmp(mode, "closes") == 0) {
    signal(SIGTERM, SIG_IGN);
    if (strcmp(mode, "closes") == 0) close(STDOUT_FILENO);
    for (;;)
      pause();
  }
  char line[256];
  while (!deaf && fgets(line, sizeof(line), stdin) != NULL) {
    if (strcmp(line, "quit\n") == 0) break;
    if (strncmp(line, "round a ", 8) == 0)
      printf(
          "ok 2 1 0 0 0 0 0\ncounters 0\n10 100 90\n20 200 180\nfunctions 0\n");
    else
      printf("error unknown command\n");
    fflush(stdout);
  }
  return 0;
}

static ys_peer *start(const char *mode) {
  char *args[] = {(char *)mode, NULL};
  char err[256] = "";
  ys_peer *p = NULL;
  int rc = ys_peer_start(self, args, NULL, &COLLECTOR, &p, err, sizeof(err));
  if (rc != 0) print_error("%s\n", err);
  assert_int_equal(rc, 0);
  assert_true(ys_peer_has(p, "a"));
  return p;
}

static volatile sig_atomic_t sigpipes;

static void count_sigpipe(int sig) {
  (void)sig;
  sigpipes++;
}

/* Installs `handler` for SIGPIPE, runs a worker through a round, stops it
 * and checks that SIGPIPE is handled by `handler` still. */
static void round_trip_keeps(void (*handler)(int)) {
  struct sigaction want = {.sa_handler = handler}, before, after;
  sigemptyset(&want.sa_mask);
  assert_int_equal(sigaction(SIGPIPE, &want, &before), 0);

  ys_peer *p = start("serve");
  ys_bench_result res;
  char err[256];
  new_result(&res);
  assert_int_equal(
      ys_peer_round(p, "a", 1e6, 1e7, 2, 0, false, 0, &res, err, 256), 0);
  assert_int_equal(res.series[0].n_rounds, 1);
  ys_bench_result_clear(&res);
  ys_peer_stop(p);

  assert_int_equal(sigaction(SIGPIPE, &before, &after), 0);
  assert_true(after.sa_handler == handler);
}

/* Starting and stopping a worker leaves the process's handling of SIGPIPE
 * as the program set it: the default, or a handler of its own. */
static void test_sigpipe_disposition_kept(void **state) {
  (void)state;
  round_trip_keeps(SIG_DFL);
  round_trip_keeps(count_sigpipe);
}

/* Writing to a worker that no longer reads is an error of that write: the
 * process is not killed (SIGPIPE is at its default here), no handler runs,
 * and no SIGPIPE is left pending or blocked. */
static void test_dead_worker_no_sigpipe(void **state) {
  (void)state;
  for (int pass = 0; pass < 2; pass++) {
    struct sigaction want = {.sa_handler = pass == 0 ? SIG_DFL : count_sigpipe},
                     before;
    sigemptyset(&want.sa_mask);
    assert_int_equal(sigaction(SIGPIPE, &want, &before), 0);
    sigpipes = 0;

    ys_peer *p = start("deaf");
    ys_bench_result res;
    char err[256];
    new_result(&res);
    assert_int_equal(
        ys_peer_round(p, "a", 1e6, 1e7, 2, 0, false, 0, &res, err, 256),
        YS_EIO);
    assert_non_null(strstr(err, "exited"));
    ys_bench_result_clear(&res);
    ys_peer_stop(p);

    sigset_t pending, mask;
    assert_int_equal(sigpending(&pending), 0);
    assert_false(sigismember(&pending, SIGPIPE));
    assert_int_equal(pthread_sigmask(SIG_SETMASK, NULL, &mask), 0);
    assert_false(sigismember(&mask, SIGPIPE));
    assert_int_equal(sigpipes, 0);
    assert_int_equal(sigaction(SIGPIPE, &before, NULL), 0);
  }
}

/* A worker that stops answering after its greeting: the round times out,
 * and both ways of ending it return (SIGKILL after the grace) instead of
 * waiting forever. */
static void test_mute_worker_times_out(void **state) {
  (void)state;
  for (int how = 0; how < 2; how++) {
    ys_peer *p = start("mute");
    ys_bench_result res;
    char err[256];
    new_result(&res);
    assert_int_equal(
        ys_peer_round(p, "a", 1e6, 1e7, 2, 0, false, 0.2, &res, err, 256),
        YS_ETIMEDOUT);
    assert_non_null(strstr(err, "stopped answering"));
    assert_int_equal(res.series[0].n_rounds, 0);
    ys_bench_result_clear(&res);
    if (how == 0)
      ys_peer_kill(p);
    else
      ys_peer_stop(p); /* "quit" is never read: killed after the grace */
  }
}

/* A worker that closes its stdout and sleeps: the round ends at the end of
 * its output, and reaping it kills it instead of waiting for it. */
static void test_worker_closing_stdout_is_reaped(void **state) {
  (void)state;
  ys_peer *p = start("closes");
  ys_bench_result res;
  char err[256], how[128];
  new_result(&res);
  assert_int_equal(
      ys_peer_round(p, "a", 1e6, 1e7, 2, 0, false, 0, &res, err, 256), YS_EIO);
  ys_bench_result_clear(&res);
  ys_peer_reap(p, how, sizeof(how));
  assert_string_equal(how, "was killed by signal 9 (Killed)");
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "--worker") == 0)
    return fake_worker(argv[2]);
  ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (n <= 0) return 1;
  self[n] = '\0';

  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ok_round),
      cmocka_unit_test(test_skipped_and_failed),
      cmocka_unit_test(test_latency_round),
      cmocka_unit_test(test_latency_refused),
      cmocka_unit_test(test_round_functions_add_up),
      cmocka_unit_test(test_round_functions_merge_keeps_most_inclusive),
      cmocka_unit_test(test_refused_answers),
      cmocka_unit_test(test_round_command_fields_are_bounded),
      cmocka_unit_test(test_allocation_failures),
      cmocka_unit_test(test_sigpipe_disposition_kept),
      cmocka_unit_test(test_dead_worker_no_sigpipe),
      cmocka_unit_test(test_mute_worker_times_out),
      cmocka_unit_test(test_worker_closing_stdout_is_reaped),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
