/*
 * test_callgrind_file.c — the lines of callgrind's output format that give
 * a dump's totals, on text as callgrind 3.19 writes it, and on malformed
 * lines that must be refused rather than misread.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "collectors/callgrind_file.h"
#include "core/error.h"

/* One part of a file written with --combine-dumps=yes --cache-sim=yes. */
static const char *const cache_part[] = {
    "part: 2\n",
    "\n",
    "desc: I1 cache: 32768 B, 64 B, 8-way associative\n",
    "desc: Timerange: Basic block 1234 - 5678\n",
    "desc: Trigger: Client Request: sort/1024\n",
    "\n",
    "positions: line\n",
    "events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw\n",
    "summary: 0\n",
    "\n",
    "ob=(1) /tmp/bench\n",
    "fn=(3) run'2\n",
    "0 63720 16844 7952 51 32 50 51 32 50\n",
    "\n",
    "totals: 63720 16844 7952 51 32 50 51 32 50\n",
};

/* Feeds lines as the collector does: the events line sets the columns, the
 * totals line gives the values; every other line is ignored. */
static int read_part(const char *const *lines, size_t n,
                     ys_callgrind_events *ev, uint64_t *totals) {
  for (size_t i = 0; i < n; i++) {
    int rc = ys_callgrind_file_events(lines[i], ev);
    if (rc != 0) {
      if (rc < 0) return rc;
      continue;
    }
    rc = ys_callgrind_file_totals(lines[i], ev->n, totals);
    if (rc != 0) return rc;
  }
  return 0;
}

static void test_cache_sim_part(void **state) {
  (void)state;
  ys_callgrind_events ev = {0};
  uint64_t totals[YS_CALLGRIND_MAX_EVENTS];
  assert_int_equal(read_part(cache_part,
                             sizeof(cache_part) / sizeof(cache_part[0]), &ev,
                             totals),
                   1);
  assert_int_equal(ev.n, 9);
  assert_string_equal(ev.names[0], "Ir");
  assert_string_equal(ev.names[8], "DLmw");
  const uint64_t want[] = {63720, 16844, 7952, 51, 32, 50, 51, 32, 50};
  for (size_t i = 0; i < 9; i++)
    assert_int_equal(totals[i], want[i]);
  assert_int_equal(ys_callgrind_file_find(&ev, "Ir"), 0);
  assert_int_equal(ys_callgrind_file_find(&ev, "D1mw"), 5);
  assert_int_equal(ys_callgrind_file_find(&ev, "DLmw"), 8);
  assert_int_equal(ys_callgrind_file_find(&ev, "Bc"), -1);
  /* A prefix of a name is not the name. */
  assert_int_equal(ys_callgrind_file_find(&ev, "D1"), -1);
}

/* "summary:" is 0 under client-request dumps: it must never pass for the
 * totals, and the part's real totals follow. */
static void test_summary_ignored(void **state) {
  (void)state;
  uint64_t totals[2] = {7, 7};
  assert_int_equal(ys_callgrind_file_totals("summary: 0\n", 2, totals), 0);
  assert_int_equal(totals[0], 7);
  assert_int_equal(totals[1], 7);
  ys_callgrind_events ev = {.n = 3};
  assert_int_equal(ys_callgrind_file_events("summary: 12 3\n", &ev), 0);
  assert_int_equal(ev.n, 3);
  /* Keys are matched at the start of the line only. */
  assert_int_equal(ys_callgrind_file_totals(" totals: 5\n", 2, totals), 0);
  assert_int_equal(ys_callgrind_file_totals("fn=(1) totals: 5\n", 2, totals),
                   0);
}

/* Callgrind leaves out trailing zero columns. */
static void test_trailing_zeros_padded(void **state) {
  (void)state;
  uint64_t totals[9];
  memset(totals, 0xff, sizeof(totals));
  assert_int_equal(ys_callgrind_file_totals("totals: 4\n", 9, totals), 1);
  assert_int_equal(totals[0], 4);
  for (size_t i = 1; i < 9; i++)
    assert_int_equal(totals[i], 0);

  memset(totals, 0xff, sizeof(totals));
  assert_int_equal(ys_callgrind_file_totals("totals: 100 0 3", 9, totals), 1);
  assert_int_equal(totals[0], 100);
  assert_int_equal(totals[1], 0);
  assert_int_equal(totals[2], 3);
  assert_int_equal(totals[3], 0);
  assert_int_equal(totals[8], 0);

  /* No value at all: every column is zero (an empty window). */
  memset(totals, 0xff, sizeof(totals));
  assert_int_equal(ys_callgrind_file_totals("totals:\n", 9, totals), 1);
  for (size_t i = 0; i < 9; i++)
    assert_int_equal(totals[i], 0);
}

static void test_plain_part_and_crlf(void **state) {
  (void)state;
  ys_callgrind_events ev = {0};
  assert_int_equal(ys_callgrind_file_events("events: Ir\r\n", &ev), 1);
  assert_int_equal(ev.n, 1);
  assert_string_equal(ev.names[0], "Ir");
  uint64_t totals[1] = {0};
  assert_int_equal(ys_callgrind_file_totals("totals: 60\r\n", 1, totals), 1);
  assert_int_equal(totals[0], 60);
  /* Blanks between and after the values are separators. */
  assert_int_equal(ys_callgrind_file_events("events:\tIr  Dr \n", &ev), 1);
  assert_int_equal(ev.n, 2);
  assert_string_equal(ev.names[1], "Dr");
  uint64_t two[2];
  assert_int_equal(ys_callgrind_file_totals("totals:  5\t6 \n", 2, two), 1);
  assert_int_equal(two[0], 5);
  assert_int_equal(two[1], 6);
}

static void test_largest_count(void **state) {
  (void)state;
  uint64_t totals[1];
  assert_int_equal(
      ys_callgrind_file_totals("totals: 18446744073709551615\n", 1, totals), 1);
  assert_true(totals[0] == UINT64_MAX);
  assert_int_equal(
      ys_callgrind_file_totals("totals: 18446744073709551616\n", 1, totals),
      YS_EFORMAT);
}

static void test_malformed_totals(void **state) {
  (void)state;
  uint64_t totals[2] = {42, 42};
  const char *bad[] = {
      "totals: 1 2 3\n", /* more values than events */
      "totals: -1\n",    "totals: +1\n",   "totals: 12x\n",
      "totals: 1.5\n",   "totals: 0x10\n", "totals: 1,2\n",
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    assert_int_equal(ys_callgrind_file_totals(bad[i], 2, totals), YS_EFORMAT);
    /* A refused line leaves the caller's values alone. */
    assert_int_equal(totals[0], 42);
    assert_int_equal(totals[1], 42);
  }
  assert_int_equal(ys_callgrind_file_totals(
                       "totals: 1\n", YS_CALLGRIND_MAX_EVENTS + 1, totals),
                   YS_EFORMAT);
}

static void test_malformed_events(void **state) {
  (void)state;
  ys_callgrind_events ev = {.n = 5};
  assert_int_equal(ys_callgrind_file_events("events:\n", &ev), YS_EFORMAT);
  assert_int_equal(ys_callgrind_file_events("events:   \n", &ev), YS_EFORMAT);
  assert_int_equal(
      ys_callgrind_file_events("events: Ir AVeryLongEventNameIndeed\n", &ev),
      YS_EFORMAT);
  char many[512] = "events:";
  for (int i = 0; i <= YS_CALLGRIND_MAX_EVENTS; i++)
    strcat(many, " E");
  assert_int_equal(ys_callgrind_file_events(many, &ev), YS_EFORMAT);
  /* A refused line leaves the previous columns in place. */
  assert_int_equal(ev.n, 5);
  assert_int_equal(ys_callgrind_file_events("event: Ir\n", &ev), 0);
  assert_int_equal(ys_callgrind_file_events("", &ev), 0);
}

static void test_trigger_name(void **state) {
  (void)state;
  char name[32] = "unchanged";
  assert_int_equal(
      ys_callgrind_file_trigger("desc: Trigger: Client Request: sort/1024\n",
                                name, sizeof(name)),
      1);
  assert_string_equal(name, "sort/1024");
  /* Names may hold blanks; the newline is not part of them. */
  assert_int_equal(ys_callgrind_file_trigger(
                       "desc: Trigger: Client Request: a b\r\n", name, 32),
                   1);
  assert_string_equal(name, "a b");
  char small[5];
  assert_int_equal(
      ys_callgrind_file_trigger("desc: Trigger: Client Request: chain/1000\n",
                                small, sizeof(small)),
      1);
  assert_string_equal(small, "chai");
  strcpy(name, "unchanged");
  assert_int_equal(ys_callgrind_file_trigger(
                       "desc: Trigger: Program termination\n", name, 32),
                   0);
  assert_int_equal(ys_callgrind_file_trigger("desc: Timerange: Basic block 0 - "
                                             "2\n",
                                             name, 32),
                   0);
  assert_string_equal(name, "unchanged");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cache_sim_part),
      cmocka_unit_test(test_summary_ignored),
      cmocka_unit_test(test_trailing_zeros_padded),
      cmocka_unit_test(test_plain_part_and_crlf),
      cmocka_unit_test(test_largest_count),
      cmocka_unit_test(test_malformed_totals),
      cmocka_unit_test(test_malformed_events),
      cmocka_unit_test(test_trigger_name),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
