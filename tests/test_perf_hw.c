/*
 * test_perf_hw.c — the perf collector with hardware events: instructions,
 * cycles and branches of a loop whose instruction count is known.
 *
 * Exits 77 (skipped) where the kernel counts no instructions for this
 * thread (most virtual machines and many CI runners), or where no loop of
 * known length is written for the architecture.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "collectors/collector.h"
#include "collectors/perf.h"
#include "core/error.h"
#include "tests/test_support.h"

/* Iterations of the known loop: large enough that the few instructions
 * around it are far below the 5 % tolerance. */
#define K 1000000

/* Each iteration of the loop is INSNS_PER_ITERATION instructions, one of
 * them a conditional branch. */
#if defined(__x86_64__) || defined(__i386__)
#define HAVE_KNOWN_LOOP     1
#define INSNS_PER_ITERATION 2
static void __attribute__((noinline)) known_loop(unsigned long n) {
  __asm__ volatile("1:\n\tdec %0\n\tjnz 1b" : "+r"(n) : : "cc");
}
#elif defined(__aarch64__)
#define HAVE_KNOWN_LOOP     1
#define INSNS_PER_ITERATION 2
static void __attribute__((noinline)) known_loop(unsigned long n) {
  __asm__ volatile("1:\n\tsubs %0, %0, #1\n\tb.ne 1b" : "+r"(n) : : "cc");
}
#else
#define HAVE_KNOWN_LOOP     0
#define INSNS_PER_ITERATION 1
static void known_loop(unsigned long n) {
  (void)n;
}
#endif

/* Counts `event` over one window running the known loop; skips the test
 * visibly when the event cannot be counted here. */
static double count_known_loop(const char *event) {
  ys_collector_options opts = {.counters = event, .require_counters = true};
  void *ctx = NULL;
  char err[512] = "";
  int rc = ys_collector_perf.open(&ctx, &opts, err, sizeof(err));
  if (rc == YS_EINVAL || rc == YS_ENOTSUP) {
    print_message("SKIP: hardware counters unavailable here: %s\n", err);
    skip();
  }
  assert_int_equal(rc, 0);
  known_loop(K); /* unmeasured: the code is paged in and cached */
  double acc[1] = {0};
  ys_collector_perf.start(ctx);
  known_loop(K);
  ys_collector_perf.stop(ctx, acc);
  ys_collector_perf.close(ctx);
  return acc[0];
}

static void test_instructions_of_known_loop(void **state) {
  (void)state;
  double expected = (double)K * INSNS_PER_ITERATION;
  double counted = count_known_loop("instructions");
  assert_true(counted >= K);
  assert_close(counted, expected, 0.05 * expected);
}

static void test_cycles_of_known_loop(void **state) {
  (void)state;
  assert_true(count_known_loop("cycles") > 0);
}

static void test_branches_of_known_loop(void **state) {
  (void)state;
  double counted = count_known_loop("branches");
  assert_true(counted >= K);
  assert_close(counted, K, 0.05 * K);
}

int main(void) {
  if (!HAVE_KNOWN_LOOP) {
    printf("SKIP: no loop of known instruction count for this "
           "architecture\n");
    return 77;
  }
  ys_collector_options opts = {.counters = "instructions",
                               .require_counters = true};
  void *ctx = NULL;
  char err[512] = "";
  int rc = ys_collector_perf.open(&ctx, &opts, err, sizeof(err));
  if (rc == YS_EINVAL || rc == YS_ENOTSUP) {
    printf("SKIP: hardware counters unavailable here: %s\n", err);
    return 77;
  }
  if (rc == 0) ys_collector_perf.close(ctx);

  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_instructions_of_known_loop),
      cmocka_unit_test(test_cycles_of_known_loop),
      cmocka_unit_test(test_branches_of_known_loop),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
