/*
 * test_perf.c — the perf collector with software events: exact page-fault
 * counts, task-clock of a busy window, the calibrated overhead, event
 * names and the reasons given for events that cannot be counted.
 *
 * Exits 77 (skipped) when no software event can be opened at all, as in a
 * container that forbids perf_event_open.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "collectors/collector.h"
#include "collectors/perf.h"
#include "core/error.h"
#include "tests/test_support.h"

static const char *const all_events[] = {
    "instructions",     "cycles",        "branches",   "branch-misses",
    "cache-references", "cache-misses",  "task-clock", "page-faults",
    "context-switches", "cpu-migrations"};

#define N_ALL (sizeof(all_events) / sizeof(all_events[0]))

static void *open_perf(const char *counters, bool require) {
  ys_collector_options opts = {.counters = counters,
                               .require_counters = require};
  void *ctx = NULL;
  char err[512] = "";
  int rc = ys_collector_perf.open(&ctx, &opts, err, sizeof(err));
  if (rc != 0) print_error("open(%s): %d: %s\n", counters, rc, err);
  assert_int_equal(rc, 0);
  return ctx;
}

/* Touches `pages` fresh pages inside one window: each write is one page
 * fault. The mapping is made and removed outside the window. */
static void touch_pages_in_window(const ys_collector_ops *ops, void *ctx,
                                  size_t pages, double *acc) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  volatile char *mem = mmap(NULL, pages * page, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  assert_true(mem != MAP_FAILED);
  ops->start(ctx);
  for (size_t i = 0; i < pages; i++)
    mem[i * page] = 1;
  ops->stop(ctx, acc);
  munmap((void *)mem, pages * page);
}

static void test_opens_requested_events_in_order(void **state) {
  (void)state;
  void *ctx = open_perf("page-faults,task-clock", true);
  const ys_metric *m;
  assert_int_equal(ys_collector_perf.metrics(ctx, &m), 2);
  assert_string_equal(m[0].name, "page-faults");
  assert_string_equal(m[0].unit, "events");
  assert_string_equal(m[1].name, "task-clock");
  assert_string_equal(m[1].unit, "ns");
  assert_null(ys_collector_perf.notes(ctx));
  assert_close(ys_collector_perf.resolution(ctx), 1, 0);
  /* Toggling the counters faults no page, but takes some CPU time. */
  assert_close(ys_perf_overhead(ctx, 0), 0, 0);
  assert_true(ys_perf_overhead(ctx, 1) > 0);
  assert_true(ys_perf_overhead(ctx, 1) < 1e6);
  assert_close(ys_perf_overhead(ctx, 2), -1, 0);
  ys_collector_perf.close(ctx);
}

static void check_page_faults(size_t pages) {
  void *ctx = open_perf("page-faults,task-clock", false);
  double acc[2] = {5, 0};
  touch_pages_in_window(&ys_collector_perf, ctx, pages, acc);
  /* stop() adds to what acc held. */
#ifdef __SANITIZE_ADDRESS__
  /* AddressSanitizer's shadow memory faults pages of its own beside ours:
   * only a lower bound holds in such a build. */
  assert_true(acc[0] >= 5.0 + (double)pages);
#else
  assert_close(acc[0], 5.0 + (double)pages, 0);
#endif
  ys_collector_perf.close(ctx);
}

static void test_counts_100_page_faults(void **state) {
  (void)state;
  check_page_faults(100);
}

static void test_counts_37_page_faults(void **state) {
  (void)state;
  check_page_faults(37);
}

/* A window that spins for 1 ms of this thread's CPU time (not wall time:
 * on a busy machine the thread may wait for a CPU). */
static void test_task_clock_of_busy_millisecond(void **state) {
  (void)state;
  void *ctx = open_perf("task-clock", false);
  double acc[1] = {0};
  struct timespec t0, t1;
  ys_collector_perf.start(ctx);
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
  do {
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
  } while ((t1.tv_sec - t0.tv_sec) * 1000000000L + (t1.tv_nsec - t0.tv_nsec) <
           1000000L);
  ys_collector_perf.stop(ctx, acc);
  if (!(acc[0] >= 0.5e6 && acc[0] <= 50e6)) {
    print_error("task-clock %g ns for 1 ms of CPU time\n", acc[0]);
    fail();
  }
  ys_collector_perf.close(ctx);
}

static void test_empty_window_counts_no_context_switch(void **state) {
  (void)state;
  void *ctx = open_perf("context-switches", false);
  assert_close(ys_perf_overhead(ctx, 0), 0, 0);
  /* One window in five may be preempted on a busy machine; more would
   * mean the counts are not those of the window. */
  int switched = 0;
  for (int i = 0; i < 5; i++) {
    double acc[1] = {0};
    ys_collector_perf.start(ctx);
    ys_collector_perf.stop(ctx, acc);
    assert_true(acc[0] >= 0);
    if (acc[0] != 0) switched++;
  }
  assert_true(switched <= 1);
  ys_collector_perf.close(ctx);
}

/* An empty window costs about the calibrated overhead, so once it is
 * subtracted the cheapest of a few empty windows is close to nothing. */
static void test_empty_window_subtracts_overhead(void **state) {
  (void)state;
  void *ctx = open_perf("task-clock", false);
  double overhead = ys_perf_overhead(ctx, 0);
  double least = -1;
  for (int i = 0; i < 20; i++) {
    double acc[1] = {0};
    ys_collector_perf.start(ctx);
    ys_collector_perf.stop(ctx, acc);
    assert_true(acc[0] >= 0);
    if (least < 0 || acc[0] < least) least = acc[0];
  }
  if (!(least < 0.5 * overhead)) {
    print_error("cheapest empty window %g ns, overhead %g ns\n", least,
                overhead);
    fail();
  }
  ys_collector_perf.close(ctx);
}

static void expect_open_error(const char *counters, bool require, int code,
                              const char *needle) {
  ys_collector_options opts = {.counters = counters,
                               .require_counters = require};
  void *ctx = NULL;
  char err[512] = "";
  int rc = ys_collector_perf.open(&ctx, &opts, err, sizeof(err));
  assert_int_equal(rc, code);
  if (strstr(err, needle) == NULL) {
    print_error("'%s' not in '%s'\n", needle, err);
    fail();
  }
}

static void test_rejects_unknown_and_repeated_names(void **state) {
  (void)state;
  expect_open_error("page-faults,bogus", false, YS_EINVAL,
                    "unknown perf event 'bogus' (known: instructions, cycles, "
                    "branches, branch-misses, cache-references, cache-misses, "
                    "task-clock, page-faults, context-switches, "
                    "cpu-migrations)");
  expect_open_error("page-fault", false, YS_EINVAL,
                    "unknown perf event 'page-fault'");
  expect_open_error("task-clock,task-clock", false, YS_EINVAL,
                    "perf event 'task-clock' is named twice");
  expect_open_error("task-clock,", false, YS_EINVAL,
                    "'task-clock,' is not a list of perf events");
}

/* Whether the kernel counts `config` as a hardware event for this thread,
 * asked directly rather than through the collector; errno says why not. */
static bool hardware_event_opens(uint64_t config) {
  struct perf_event_attr attr;
  memset(&attr, 0, sizeof(attr));
  attr.size = sizeof(attr);
  attr.type = PERF_TYPE_HARDWARE;
  attr.config = config;
  attr.disabled = 1;
  attr.exclude_kernel = 1;
  attr.exclude_hv = 1;
  long fd =
      syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
  if (fd < 0) return false;
  close((int)fd);
  return true;
}

/* A requested event the kernel refuses fails the open under
 * require_counters, and is a note otherwise. Where the machine has the
 * counter, the same calls must count it instead. */
static void test_required_hardware_event(void **state) {
  (void)state;
  if (hardware_event_opens(PERF_COUNT_HW_INSTRUCTIONS)) {
    void *ctx = open_perf("instructions", true);
    const ys_metric *m;
    assert_int_equal(ys_collector_perf.metrics(ctx, &m), 1);
    assert_string_equal(m[0].name, "instructions");
    ys_collector_perf.close(ctx);
    return;
  }
  int why = errno;
  char reason[64];
  snprintf(reason, sizeof(reason), "not counted: instructions (%s",
           strerrorname_np(why));
  print_message("instructions cannot be counted here (%s): checking the "
                "refusal\n",
                strerror(why));
  expect_open_error("instructions", true, YS_EINVAL, reason);
  expect_open_error("page-faults,instructions", true, YS_EINVAL, reason);

  /* Not required: the other events are counted, and the note says why
   * instructions is not. */
  void *ctx = open_perf("page-faults,instructions", false);
  const ys_metric *m;
  assert_int_equal(ys_collector_perf.metrics(ctx, &m), 1);
  assert_string_equal(m[0].name, "page-faults");
  const char *notes = ys_collector_perf.notes(ctx);
  assert_non_null(notes);
  char expected[80];
  snprintf(expected, sizeof(expected), "perf: %s", reason);
  assert_true(strncmp(notes, expected, strlen(expected)) == 0);
  ys_collector_perf.close(ctx);

  /* Nothing left to count is not a note but an error. */
  expect_open_error("instructions,cycles", false, YS_ENOTSUP,
                    "no perf event can be counted here: instructions, cycles");

  /* --require-counters holds for the default set too: it includes
   * instructions, which this machine cannot count. */
  expect_open_error(NULL, true, YS_EINVAL, "not counted: instructions, cycles");
}

/* Without --counters, every known event is either measured, in the
 * table's order, or named in the note. */
static void test_default_set_names_every_event(void **state) {
  (void)state;
  void *ctx = open_perf(NULL, false);
  const ys_metric *m;
  size_t n = ys_collector_perf.metrics(ctx, &m);
  const char *notes = ys_collector_perf.notes(ctx);
  size_t k = 0;
  for (size_t i = 0; i < N_ALL; i++) {
    if (k < n && strcmp(m[k].name, all_events[i]) == 0) {
      k++;
      continue;
    }
    assert_non_null(notes);
    if (strstr(notes, all_events[i]) == NULL) {
      print_error("'%s' neither measured nor in '%s'\n", all_events[i], notes);
      fail();
    }
  }
  assert_int_equal(k, n);
  if (n == N_ALL) assert_null(notes);
  ys_collector_perf.close(ctx);
}

/* Combined with wall, perf's metrics follow wall's and count the same
 * window. */
static void test_combined_with_wall(void **state) {
  (void)state;
  ys_collector_options opts = {.counters = "page-faults"};
  ys_collector *c = NULL;
  char err[512] = "";
  int rc = ys_collector_open("wall,perf", &opts, &c, err, sizeof(err));
  if (rc != 0) print_error("%s\n", err);
  assert_int_equal(rc, 0);
  assert_int_equal(c->n_metrics, 3);
  assert_string_equal(c->metrics[0].name, "time");
  assert_string_equal(c->metrics[1].name, "cpu_time");
  assert_string_equal(c->metrics[2].name, "page-faults");
  double acc[3] = {0, 0, 0};
  touch_pages_in_window(c->ops, c->ctx, 37, acc);
  assert_true(acc[0] > 0);
  assert_close(acc[2], 37, 0);
  ys_collector_close(c);
}

/* Each metric says what it is: the clocks and task-clock are times, the
 * events counts, and none of them exact, as the backends declare, so that
 * a comparison of them gets statistics. */
static void test_metrics_carry_kind_and_exactness(void **state) {
  (void)state;
  ys_collector_options opts = {.counters = "task-clock,page-faults"};
  ys_collector *c = NULL;
  char err[512] = "";
  int rc = ys_collector_open("wall,perf", &opts, &c, err, sizeof(err));
  if (rc != 0) print_error("%s\n", err);
  assert_int_equal(rc, 0);
  assert_false(c->exact);
  assert_false(ys_collector_find("wall")->exact);
  assert_false(ys_collector_find("perf")->exact);
  assert_true(ys_collector_find("callgrind")->exact);
  const ys_metric_kind want[] = {YS_METRIC_TIME, YS_METRIC_TIME, YS_METRIC_TIME,
                                 YS_METRIC_COUNT};
  assert_int_equal(c->n_metrics, 4);
  for (size_t m = 0; m < c->n_metrics; m++) {
    assert_int_equal(c->metrics[m].kind, want[m]);
    assert_false(c->metrics[m].exact);
  }
  ys_collector_close(c);
}

int main(void) {
  ys_collector_options opts = {.counters = "task-clock,page-faults"};
  void *ctx = NULL;
  char err[512] = "";
  int rc = ys_collector_perf.open(&ctx, &opts, err, sizeof(err));
  if (rc == YS_ENOTSUP) {
    printf("SKIP: perf_event_open counts no software event here: %s\n", err);
    return 77;
  }
  if (rc == 0) ys_collector_perf.close(ctx);

  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_opens_requested_events_in_order),
      cmocka_unit_test(test_counts_100_page_faults),
      cmocka_unit_test(test_counts_37_page_faults),
      cmocka_unit_test(test_task_clock_of_busy_millisecond),
      cmocka_unit_test(test_empty_window_counts_no_context_switch),
      cmocka_unit_test(test_empty_window_subtracts_overhead),
      cmocka_unit_test(test_rejects_unknown_and_repeated_names),
      cmocka_unit_test(test_required_hardware_event),
      cmocka_unit_test(test_default_set_names_every_event),
      cmocka_unit_test(test_combined_with_wall),
      cmocka_unit_test(test_metrics_carry_kind_and_exactness),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
