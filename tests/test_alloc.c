/*
 * test_alloc.c — the alloc collector driven window by window: exact counts
 * of known heap calls (the expected figures are worked out from the calls
 * each test makes, as its comments say), nothing counted outside a window,
 * the peak as a level across iterations and paused windows, several
 * threads, and which combinations of collectors are allowed.
 *
 * Exits 77 (skipped) in a sanitizer build, where the collector is not
 * available (docs/collectors.md, "Allocations").
 */
#include <malloc.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "collectors/alloc_hooks.h"
#include "collectors/collector.h"
#include "core/error.h"

/* Where blocks go so that the compiler cannot pair a malloc with its free
 * and delete both. */
static void *volatile sink[8];

enum { ALLOCS, FREES, ALLOCATED, FREED, PEAK, N_FIGURES };

static ys_collector *open_alloc(void) {
  ys_collector *c = NULL;
  char err[256] = "";
  int rc = ys_collector_open("alloc", &(ys_collector_options){0}, &c, err,
                             sizeof(err));
  if (rc != 0) print_error("%s\n", err);
  assert_int_equal(rc, 0);
  assert_int_equal(c->n_metrics, N_FIGURES);
  return c;
}

static void assert_figures(const double *acc, double allocs, double frees,
                           double allocated, double freed, double peak) {
  assert_int_equal((long long)acc[ALLOCS], (long long)allocs);
  assert_int_equal((long long)acc[FREES], (long long)frees);
  assert_int_equal((long long)acc[ALLOCATED], (long long)allocated);
  assert_int_equal((long long)acc[FREED], (long long)freed);
  assert_int_equal((long long)acc[PEAK], (long long)peak);
}

static void three_blocks(void) {
  for (int i = 0; i < 3; i++)
    sink[i] = malloc(100);
  for (int i = 0; i < 3; i++)
    free(sink[i]);
}

/* 3 × malloc(100) then 3 frees: 3 calls, 300 bytes each way, all three
 * live at once: a peak of 300. */
static void test_three_blocks_of_100(void **unused) {
  (void)unused;
  ys_collector *c = open_alloc();
  double acc[YS_MAX_METRICS] = {0};
  c->ops->batch(c->ctx, 1);
  c->ops->start(c->ctx);
  three_blocks();
  c->ops->stop(c->ctx, acc);
  assert_figures(acc, 3, 3, 300, 300, 300);
  ys_collector_close(c);
}

/* Ten iterations in one window: the sums are ten times one iteration's;
 * the peak stays 300 (the blocks of one iteration are freed before the
 * next), and is stored as 300 × 10 so that the runner's division by the
 * iterations gives 300. */
static void test_peak_is_a_level_over_iterations(void **unused) {
  (void)unused;
  ys_collector *c = open_alloc();
  double acc[YS_MAX_METRICS] = {0};
  c->ops->batch(c->ctx, 10);
  c->ops->start(c->ctx);
  for (int i = 0; i < 10; i++)
    three_blocks();
  c->ops->stop(c->ctx, acc);
  assert_figures(acc, 30, 30, 3000, 3000, 300 * 10);
  ys_collector_close(c);
}

/* A window without heap calls: all 0. */
static void test_nothing_allocated(void **unused) {
  (void)unused;
  ys_collector *c = open_alloc();
  double acc[YS_MAX_METRICS] = {0};
  c->ops->batch(c->ctx, 1);
  c->ops->start(c->ctx);
  volatile int x = 0;
  for (int i = 0; i < 1000; i++)
    x += i;
  (void)x;
  c->ops->stop(c->ctx, acc);
  assert_figures(acc, 0, 0, 0, 0, 0);
  ys_collector_close(c);
}

/* malloc(100), realloc to 200, realloc to 4000 (large enough that glibc
 * usually moves it), free: a realloc is one allocation call of its new
 * size that gives back the old one, so 3 calls and 1 free; allocated
 * 100 + 200 + 4000 = 4300, freed 100 + 200 + 4000 = 4300; live 100, 200,
 * 4000, 0: a peak of 4000. realloc(NULL, 50) is a malloc, realloc(p, 0)
 * a free: 1 call and 1 free more, 50 bytes each way. */
static void test_realloc_growth(void **unused) {
  (void)unused;
  ys_collector *c = open_alloc();
  double acc[YS_MAX_METRICS] = {0};
  c->ops->batch(c->ctx, 1);
  c->ops->start(c->ctx);
  sink[0] = malloc(100);
  sink[0] = realloc(sink[0], 200);
  sink[0] = realloc(sink[0], 4000);
  free(sink[0]);
  sink[1] = realloc(NULL, 50);
  sink[1] = realloc(sink[1], 0);
  c->ops->stop(c->ctx, acc);
  assert_null(sink[1]);
  assert_figures(acc, 4, 2, 4350, 4350, 4000);
  ys_collector_close(c);
}

/* calloc(10, 30) is 300 bytes; posix_memalign 100, aligned_alloc 128,
 * memalign 64 and valloc 10 count the sizes asked for: 5 calls, 602
 * bytes, all live before the frees: a peak of 602. */
static void test_calloc_and_aligned(void **unused) {
  (void)unused;
  ys_collector *c = open_alloc();
  double acc[YS_MAX_METRICS] = {0};
  c->ops->batch(c->ctx, 1);
  c->ops->start(c->ctx);
  sink[0] = calloc(10, 30);
  void *p = NULL;
  assert_int_equal(posix_memalign(&p, 64, 100), 0);
  sink[1] = p;
  sink[2] = aligned_alloc(64, 128);
  sink[3] = memalign(64, 64);
  sink[4] = valloc(10);
  for (int i = 0; i < 5; i++)
    free(sink[i]);
  c->ops->stop(c->ctx, acc);
  assert_figures(acc, 5, 5, 602, 602, 602);
  ys_collector_close(c);
}

/* A block allocated before the window and freed in it: a free of its
 * usable size (the table never saw its size; the oracle asks glibc the
 * same question before the window). A block of 100 allocated in the window
 * and freed after it: one allocation of 100. Live bytes relative to the
 * window's start go to −usable (at least −1000), then −usable + 100, never
 * above 0: a peak of 0. Heap calls after the window count nothing. */
static void test_outside_the_window_is_not_counted(void **unused) {
  (void)unused;
  ys_collector *c = open_alloc();
  double acc[YS_MAX_METRICS] = {0};
  void *before = malloc(1000);
  double usable = (double)malloc_usable_size(before);
  c->ops->batch(c->ctx, 1);
  c->ops->start(c->ctx);
  free(before);
  sink[0] = malloc(100);
  c->ops->stop(c->ctx, acc);
  free(sink[0]);
  sink[1] = malloc(5000);
  free(sink[1]);
  assert_figures(acc, 1, 1, 100, usable, 0);
  ys_collector_close(c);
}

/* Two windows of one batch (a paused benchmark): sums add, the peak is
 * the higher of the two windows' (200, then 100), not their sum. */
static void test_paused_windows_keep_the_highest_peak(void **unused) {
  (void)unused;
  ys_collector *c = open_alloc();
  double acc[YS_MAX_METRICS] = {0};
  c->ops->batch(c->ctx, 1);
  c->ops->start(c->ctx);
  sink[0] = malloc(200);
  free(sink[0]);
  c->ops->stop(c->ctx, acc);
  c->ops->start(c->ctx);
  sink[0] = malloc(100);
  free(sink[0]);
  c->ops->stop(c->ctx, acc);
  assert_figures(acc, 2, 2, 300, 300, 200);
  ys_collector_close(c);
}

#define THREADS 4
#define PAIRS   250

static void *pairs_of_64(void *unused) {
  (void)unused;
  for (int i = 0; i < PAIRS; i++) {
    void *volatile p = malloc(64);
    free(p);
  }
  return NULL;
}

typedef struct crew {
  pthread_barrier_t go, done;
} crew;

static void *crew_member(void *arg) {
  crew *k = arg;
  pthread_barrier_wait(&k->go);
  pairs_of_64(NULL);
  pthread_barrier_wait(&k->done);
  return NULL;
}

/* Four threads, created before the window, each make 250 malloc(64)/free
 * pairs inside it: 1000 calls each way, 64000 bytes each way, and a peak
 * between one block (64) and one per thread (256), by how they
 * interleave. */
static void test_threads(void **unused) {
  (void)unused;
  ys_collector *c = open_alloc();
  double acc[YS_MAX_METRICS] = {0};
  crew k;
  pthread_barrier_init(&k.go, NULL, THREADS + 1);
  pthread_barrier_init(&k.done, NULL, THREADS + 1);
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++)
    assert_int_equal(pthread_create(&t[i], NULL, crew_member, &k), 0);
  c->ops->batch(c->ctx, 1);
  c->ops->start(c->ctx);
  pthread_barrier_wait(&k.go);
  pthread_barrier_wait(&k.done);
  c->ops->stop(c->ctx, acc);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  pthread_barrier_destroy(&k.go);
  pthread_barrier_destroy(&k.done);
  assert_int_equal((long long)acc[ALLOCS], THREADS * PAIRS);
  assert_int_equal((long long)acc[FREES], THREADS * PAIRS);
  assert_int_equal((long long)acc[ALLOCATED], THREADS * PAIRS * 64);
  assert_int_equal((long long)acc[FREED], THREADS * PAIRS * 64);
  assert_true(acc[PEAK] >= 64 && acc[PEAK] <= THREADS * 64);
  ys_collector_close(c);
}

/* alloc is exact alone and combines with timed backends, whose
 * combination stays timed while alloc's metrics stay exact; it still
 * cannot join callgrind, and only one alloc collector can be open. */
static void test_combinations(void **unused) {
  (void)unused;
  char err[256];
  assert_int_equal(ys_collector_check("wall,alloc", err, sizeof(err)), 0);
  assert_int_equal(ys_collector_check("alloc,wall,perf", err, sizeof(err)), 0);
  assert_int_equal(ys_collector_check("callgrind,alloc", err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "callgrind"));

  ys_collector *alone = open_alloc();
  assert_true(alone->exact);
  char why[256] = "";
  ys_collector *second = NULL;
  assert_int_equal(ys_collector_open("alloc", &(ys_collector_options){0},
                                     &second, why, sizeof(why)),
                   YS_EINVAL);
  assert_non_null(strstr(why, "already open"));
  ys_collector_close(alone);

  ys_collector *c = NULL;
  assert_int_equal(ys_collector_open("wall,alloc", &(ys_collector_options){0},
                                     &c, err, sizeof(err)),
                   0);
  assert_false(c->exact);
  assert_int_equal(c->n_metrics, 2 + N_FIGURES);
  assert_string_equal(c->metrics[0].name, "time");
  assert_false(c->metrics[0].exact);
  assert_string_equal(c->metrics[2].name, "allocations");
  for (size_t m = 2; m < c->n_metrics; m++)
    assert_true(c->metrics[m].exact);
  /* The combination passes the batch's iterations on. */
  double acc[YS_MAX_METRICS] = {0};
  c->ops->batch(c->ctx, 4);
  c->ops->start(c->ctx);
  for (int i = 0; i < 4; i++)
    three_blocks();
  c->ops->stop(c->ctx, acc);
  assert_int_equal((long long)acc[2 + ALLOCS], 12);
  assert_int_equal((long long)acc[2 + PEAK], 300 * 4);
  ys_collector_close(c);
}

int main(void) {
  const char *why = NULL;
  if (!ys_alloc_hooks_available(&why)) {
    printf("SKIP: the alloc collector is %s\n", why);
    return 77;
  }
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_three_blocks_of_100),
      cmocka_unit_test(test_peak_is_a_level_over_iterations),
      cmocka_unit_test(test_nothing_allocated),
      cmocka_unit_test(test_realloc_growth),
      cmocka_unit_test(test_calloc_and_aligned),
      cmocka_unit_test(test_outside_the_window_is_not_counted),
      cmocka_unit_test(test_paused_windows_keep_the_highest_peak),
      cmocka_unit_test(test_threads),
      cmocka_unit_test(test_combinations),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
