/*
 * test_option_rules.c — harness/option_rules.c: options that would do
 * nothing in `bench compare`, or with the collector given, are refused
 * with a message naming the flag; what they need makes them pass; the
 * internal --worker mode is never checked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "harness/cli.h"
#include "harness/option_rules.h"

#define MAX_ARGS 16

typedef struct cmdline {
  char *argv[MAX_ARGS + 1];
  ys_options o;
  char err[256];
} cmdline;

/* Parses the NULL-terminated words after "bench" (which must parse) and
 * applies the rules for `compare` or a run. */
static int check(cmdline *c, int compare, ...) {
  va_list ap;
  va_start(ap, compare);
  int argc = 0;
  c->argv[argc++] = "bench";
  const char *word;
  while ((word = va_arg(ap, const char *)) != NULL) {
    assert_true(argc < MAX_ARGS);
    c->argv[argc++] = (char *)word;
  }
  va_end(ap);
  c->argv[argc] = NULL;
  ys_options_init(&c->o);
  assert_int_equal(ys_cli_parse(argc, c->argv, &c->o, c->err, sizeof(c->err)),
                   0);
  return ys_option_rules_check(&c->o, compare, c->err, sizeof(c->err));
}

/* Refused, with a message holding `frag` (the flag). */
#define assert_refused(frag, compare, ...)                                     \
  do {                                                                         \
    cmdline c_;                                                                \
    assert_int_equal(check(&c_, compare, __VA_ARGS__, NULL), YS_EINVAL);       \
    if (strstr(c_.err, frag) == NULL)                                          \
      fail_msg("message \"%s\" lacks \"%s\"", c_.err, frag);                   \
  } while (0)

#define assert_accepted(compare, ...)                                          \
  do {                                                                         \
    cmdline c_;                                                                \
    if (check(&c_, compare, __VA_ARGS__, NULL) != 0)                           \
      fail_msg("refused: %s", c_.err);                                         \
  } while (0)

/* Every option --list has no use for is refused, naming it; what it uses
 * passes (the filters, --exact, --shard with its balancing --baseline). */
static void test_list_refuses_what_it_ignores(void **state) {
  (void)state;
  const bool run = false;
  assert_refused("--save-baseline", run, "--list", "--save-baseline", "x");
  assert_refused("--output", run, "--list", "--output", "r.json");
  assert_refused("--against", run, "--list", "--against", "./b");
  assert_refused("--format", run, "--list", "--format", "json");
  assert_refused("--quick", run, "--list", "--quick");
  assert_refused("--rounds", run, "--list", "--rounds", "3");
  assert_refused("--threshold", run, "--list", "--threshold", "3");
  assert_refused("--collector", run, "--list", "--collector", "wall");
  assert_refused("--pin does nothing with --list", run, "--list", "--pin", "0");
  assert_refused("--pin", run, "--pin", "auto", "--list");
  assert_refused("--timeout", run, "--list", "--timeout", "3");
  assert_refused("--latency does nothing with --list", run, "--list",
                 "--latency");
  assert_refused("--baseline does nothing with --list unless --shard", run,
                 "--list", "--baseline", "main");
  assert_accepted(run, "--list", "--exact", "a", "--shard", "1/2", "--baseline",
                  "main", "--if-missing", "report");
  assert_accepted(run, "--list", "^fnv");
  /* Without --list the same options are a run's. */
  assert_accepted(run, "--save-baseline", "x", "--output", "r.json");
  assert_accepted(run, "--pin", "0");
}

/* A shard holds part of the suite: its --history is refused, pointing to
 * the merge; without --shard, --history with --save-baseline passes. */
static void test_history_refused_with_shard(void **state) {
  (void)state;
  const bool run = false;
  assert_refused("--history with --shard", run, "--shard", "1/3",
                 "--save-baseline", "main", "--history", "5");
  assert_refused("merge NAME SHARD... --history N", run, "--shard", "1/3",
                 "--save-baseline", "main", "--history", "5");
  assert_accepted(run, "--shard", "1/3", "--save-baseline", "main-1");
  assert_accepted(run, "--save-baseline", "main", "--history", "5");
}

static void test_compare_refuses_run_options(void **state) {
  (void)state;
  const bool compare = true;
  assert_refused("--quick", compare, "old", "new", "--quick");
  assert_refused("--save-baseline", compare, "old", "new", "--save-baseline",
                 "x");
  assert_refused("--against", compare, "old", "new", "--against", "b");
  assert_refused("--rounds", compare, "old", "new", "--rounds", "3");
  assert_refused("--processes", compare, "old", "new", "--processes", "0");
  assert_refused("--sample-size", compare, "old", "new", "--sample-size", "5");
  assert_refused("--warm-up-time", compare, "old", "new", "--warm-up-time",
                 "1");
  assert_refused("--measurement-time", compare, "old", "new",
                 "--measurement-time", "1");
  assert_refused("--collector", compare, "old", "new", "--collector", "wall");
  assert_refused("--exact", compare, "old", "new", "--exact");
  assert_refused("--list", compare, "old", "new", "--list");
  assert_refused("--shard", compare, "old", "new", "--shard", "1/2");
  assert_refused("--baseline", compare, "old", "new", "--baseline", "x");
  assert_refused("--iterations", compare, "old", "new", "--iterations", "2");
  assert_refused("--counters", compare, "old", "new", "--counters", "cycles");
  assert_refused("--require-counters", compare, "old", "new",
                 "--require-counters");
  assert_refused("--cache-sim", compare, "old", "new", "--cache-sim");
  assert_refused("--callgrind-out", compare, "old", "new", "--callgrind-out",
                 "d");
  assert_refused("--latency", compare, "old", "new", "--latency");
  assert_refused("'compare'", compare, "old", "new", "--quick");
}

/* Latency mode times each iteration: a collector whose primary metric is
 * not a time is refused up front, naming both flags, not benchmark by
 * benchmark once the run has begun. */
static void test_latency_needs_a_timed_primary(void **state) {
  (void)state;
  assert_refused("--latency with --collector callgrind", false, "--latency",
                 "--collector", "callgrind");
  assert_refused("--collector alloc", false, "--latency", "--collector",
                 "alloc");
  assert_accepted(false, "--latency");
  assert_accepted(false, "--latency", "--collector", "wall");
  assert_accepted(false, "--latency", "--collector", "wall,alloc");
}

/* What compare does use is accepted, given or not. */
static void test_compare_accepts_its_options(void **state) {
  (void)state;
  assert_accepted(true, "old", "new");
  assert_accepted(true, "old", "new", "--seed", "3", "--threshold", "10",
                  "--format", "json", "--output", "x.md", "--quiet",
                  "--baseline-dir", "d");
  assert_accepted(true, "old", "new", "--verbose");
}

/* A run accepts the same run options compare refuses. */
static void test_run_accepts_run_options(void **state) {
  (void)state;
  assert_accepted(false, "--quick", "--rounds", "3", "--save-baseline", "x",
                  "--processes", "0", "--exact", "a");
}

static void test_collector_options_need_their_collector(void **state) {
  (void)state;
  assert_refused("--counters", false, "--counters", "task-clock");
  assert_refused("--require-counters", false, "--require-counters");
  assert_refused("--cache-sim", false, "--cache-sim");
  assert_refused("--callgrind-out", false, "--collector", "perf",
                 "--callgrind-out", "d");
  assert_refused("--iterations", false, "--iterations", "10");
  assert_refused("--iterations", false, "--collector", "wall,perf",
                 "--iterations", "10");
  /* The message says which collector is in force. */
  assert_refused("wall,perf", false, "--collector", "wall,perf", "--cache-sim");

  assert_accepted(false, "--collector", "perf", "--counters", "task-clock",
                  "--require-counters");
  assert_accepted(false, "--collector", "wall,perf", "--counters",
                  "task-clock");
  assert_accepted(false, "--collector", "perf,wall", "--require-counters");
  assert_accepted(false, "--collector", "callgrind", "--cache-sim",
                  "--callgrind-out", "d", "--iterations", "10");
}

/* A default is not a given option: the collector's own defaults (one
 * iteration, no cache simulation) never trip a rule. */
static void test_defaults_are_not_given(void **state) {
  (void)state;
  assert_accepted(false, "--collector", "wall");
  assert_accepted(false, "--quick");
  cmdline c;
  assert_int_equal(check(&c, false, "--quick", NULL), 0);
  assert_true(ys_cli_given(&c.o, "quick"));
  assert_false(ys_cli_given(&c.o, "rounds"));
  assert_false(ys_cli_given(&c.o, "no-such-option"));
}

static void test_if_missing(void **state) {
  (void)state;
  assert_accepted(false, "--baseline", "main", "--if-missing", "report");
  assert_accepted(false, "--baseline", "main", "--if-missing", "fail");
  assert_refused("--if-missing", false, "--if-missing", "report");
  assert_refused("'sometimes'", false, "--baseline", "main", "--if-missing",
                 "sometimes");
  assert_refused("--if-missing", true, "old", "new", "--if-missing", "report");
}

/* Samples that could never fit in memory are refused before the run. */
static void test_samples_bounded(void **state) {
  (void)state;
  assert_refused("--sample-size", false, "--sample-size", "1000000", "--rounds",
                 "100");
  assert_accepted(false, "--sample-size", "1000000", "--rounds", "10");
}

/* --fail-on-inconclusive needs a verdict to fail on; compare has one. */
static void test_fail_on_inconclusive(void **state) {
  (void)state;
  assert_refused("--fail-on-inconclusive", false, "--fail-on-inconclusive");
  assert_accepted(false, "--baseline", "main", "--fail-on-inconclusive");
  assert_accepted(false, "--against", "./other", "--fail-on-inconclusive");
  assert_accepted(true, "old", "new", "--fail-on-inconclusive");
}

/* An exact collector counts in this process: worker processes would do
 * nothing for it, so asking for them is refused; 0 is what it does. */
static void test_processes_with_exact_collector(void **state) {
  (void)state;
  assert_refused("--processes", false, "--collector", "callgrind",
                 "--processes", "3");
  assert_accepted(false, "--collector", "callgrind", "--processes", "0");
  assert_accepted(false, "--processes", "2");
}

/* The parent writes a worker's command line from its own options, which
 * were checked; nothing is checked again there. */
static void test_worker_is_not_checked(void **state) {
  (void)state;
  assert_accepted(false, "--worker", "--cache-sim", "--counters", "cycles");
  assert_accepted(true, "--worker", "--quick");
}

/* The rules of `bench profile ARGS...`: the return code, the message in
 * c->err. */
static int check_profile(cmdline *c, const char *a, const char *b,
                         const char *d, const char *e) {
  const char *words[] = {"bench", a, b, d, e};
  int argc = 1;
  c->argv[0] = "bench";
  for (size_t i = 1; i < 5 && words[i] != NULL; i++)
    c->argv[argc++] = (char *)words[i];
  c->argv[argc] = NULL;
  ys_options_init(&c->o);
  assert_int_equal(ys_cli_parse(argc, c->argv, &c->o, c->err, sizeof(c->err)),
                   0);
  c->o.profile = true;
  return ys_option_rules_check(&c->o, false, c->err, sizeof(c->err));
}

/* A profile samples with perf (the wall collector measuring the windows)
 * or reads callgrind's call graph; --cache-sim and --callgrind-out go with
 * the latter only, and no other collector is taken. */
static void test_profile_collectors(void **state) {
  (void)state;
  cmdline c;
  assert_int_equal(
      check_profile(&c, "--collector", "callgrind", "--cache-sim", NULL), 0);
  assert_int_equal(
      check_profile(&c, "--collector", "callgrind", "--callgrind-out", "d"), 0);
  assert_int_equal(check_profile(&c, "--collector", "wall", NULL, NULL), 0);
  assert_int_equal(check_profile(&c, "--collector", "perf", NULL, NULL),
                   YS_EINVAL);
  assert_non_null(strstr(c.err, "--collector"));
  assert_int_equal(check_profile(&c, "--cache-sim", NULL, NULL, NULL),
                   YS_EINVAL);
  assert_non_null(strstr(c.err, "--cache-sim"));
  assert_int_equal(check_profile(&c, "--callgrind-out", "d", NULL, NULL),
                   YS_EINVAL);
  assert_non_null(strstr(c.err, "--callgrind-out"));
  assert_int_equal(check_profile(&c, "--iterations", "3", NULL, NULL),
                   YS_EINVAL);
  assert_non_null(strstr(c.err, "--iterations"));
}

/* The gates of a run that compares are checked before it runs: a
 * misspelt metric, or one of another collector, is refused naming --gate,
 * or the config file when the gates came from there; a run that compares
 * nothing, and a user counter's name, pass. */
static void test_gates_checked_before_the_run(void **state) {
  (void)state;
  cmdline c;
  assert_int_equal(check(&c, false, "--baseline", "main", "--gate",
                         "instructons:2%", "--collector", "callgrind", NULL),
                   0);
  assert_int_equal(ys_option_rules_check_gates(&c.o, c.err, sizeof(c.err)),
                   YS_EINVAL);
  assert_string_equal(c.err, "--gate: unknown metric 'instructons'; did you "
                             "mean 'instructions'?");
  assert_int_equal(
      check(&c, false, "--against", "./b", "--gate", "cycles:2%", NULL), 0);
  assert_int_equal(ys_option_rules_check_gates(&c.o, c.err, sizeof(c.err)),
                   YS_EINVAL);
  assert_non_null(strstr(c.err, "--gate: 'cycles' is recorded by the perf"));
  assert_int_equal(
      check(&c, false, "--baseline", "main", "--gate", "requests:2%", NULL), 0);
  assert_int_equal(ys_option_rules_check_gates(&c.o, c.err, sizeof(c.err)), 0);

  /* Gates a config file gave (not --gate) are named by the file. */
  char gate_err[64];
  assert_int_equal(
      check(&c, false, "--baseline", "main", "--config", "ci.yaml", NULL), 0);
  assert_int_equal(
      ys_metric_gates_parse("tmie:3%", &c.o.gates, gate_err, sizeof(gate_err)),
      0);
  assert_int_equal(ys_option_rules_check_gates(&c.o, c.err, sizeof(c.err)),
                   YS_EINVAL);
  assert_string_equal(c.err, "ci.yaml: gate: unknown metric 'tmie'; did you "
                             "mean 'time'?");
  /* Without a comparison the file's gates mean nothing: not checked. */
  assert_int_equal(check(&c, false, "--config", "ci.yaml", NULL), 0);
  assert_int_equal(
      ys_metric_gates_parse("tmie:3%", &c.o.gates, gate_err, sizeof(gate_err)),
      0);
  assert_int_equal(ys_option_rules_check_gates(&c.o, c.err, sizeof(c.err)), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_compare_refuses_run_options),
      cmocka_unit_test(test_compare_accepts_its_options),
      cmocka_unit_test(test_run_accepts_run_options),
      cmocka_unit_test(test_list_refuses_what_it_ignores),
      cmocka_unit_test(test_collector_options_need_their_collector),
      cmocka_unit_test(test_defaults_are_not_given),
      cmocka_unit_test(test_if_missing),
      cmocka_unit_test(test_fail_on_inconclusive),
      cmocka_unit_test(test_samples_bounded),
      cmocka_unit_test(test_processes_with_exact_collector),
      cmocka_unit_test(test_worker_is_not_checked),
      cmocka_unit_test(test_history_refused_with_shard),
      cmocka_unit_test(test_profile_collectors),
      cmocka_unit_test(test_gates_checked_before_the_run),
      cmocka_unit_test(test_latency_needs_a_timed_primary),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
