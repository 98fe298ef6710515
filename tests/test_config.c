/*
 * test_config.c — harness/config.c and harness/options_load.c: a good
 * yardstick.yaml fills the options as the same flags would; each kind of
 * bad file (unknown key, wrong type, bad value, YAML syntax error, a bad
 * item of `targets`) is refused with a message naming the file, the line
 * and the key; the command line overrides the file, lists included.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/error.h"
#include "harness/cli.h"
#include "harness/config.h"
#include "harness/options_load.h"
#include "test_support.h"

/* Writes `text` to a fresh temporary file whose path goes into path. */
static void write_file(char *path, size_t len, const char *text) {
  snprintf(path, len, "/tmp/ys_test_config_XXXXXX");
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

/* Loads `text` as a config into *o (fresh defaults); returns the code and
 * leaves the message in err, prefixed by the file's path, which it
 * replaces by "FILE" so that tests can compare whole messages. */
static int load(const char *text, ys_options *o, ys_config *cfg, char *err,
                size_t err_len) {
  char path[64];
  write_file(path, sizeof(path), text);
  ys_options_init(o);
  int rc = ys_config_load(path, true, o, cfg, err, err_len);
  unlink(path);
  size_t plen = strlen(path);
  if (rc != 0 && strncmp(err, path, plen) == 0) {
    memmove(err + 4, err + plen, strlen(err + plen) + 1);
    memcpy(err, "FILE", 4);
  }
  return rc;
}

/* The file must be refused with exactly the message `want`. */
static void assert_refused(const char *text, const char *want) {
  ys_options o;
  ys_config cfg;
  char err[600];
  assert_int_equal(load(text, &o, &cfg, err, sizeof(err)), YS_EINVAL);
  if (strncmp(err, want, strlen(want)) != 0)
    fail_msg("message \"%s\" does not start with \"%s\"", err, want);
  ys_config_free(&cfg);
}

/* One bad value for every key a config file may hold, each at line 2: the
 * message must name the file, that line and the key (without a "--" the
 * user never typed). The keys are those the loader itself lists for an
 * unknown key, so a key added later without a row here fails the test. */
static const struct {
  const char *key;
  const char *bad;
} bad_values[] = {
    {"collector", "banana"},
    {"warm-up-time", "x"},
    {"measurement-time", "-1"},
    {"sample-size", "1"},
    {"rounds", "0"},
    {"processes", "x"},
    {"timeout", "x"},
    {"seed", "x"},
    {"counters", "banana"},
    {"require-counters", "maybe"},
    {"cache-sim", "maybe"},
    {"latency", "maybe"},
    {"iterations", "0"},
    {"format", "banana"},
    {"output", "'banana:x'"},
    {"baseline-dir", "/dev/null"},
    {"threshold", "lots"},
    {"gate", "x"},
    {"fail-on-inconclusive", "3"},
    {"if-missing", "banana"},
    {"history", "2"},
    {"pin", "banana"},
    {"targets", "3"},
};

static void test_every_key_names_file_line_and_key(void **state) {
  (void)state;
  ys_options o;
  ys_config cfg;
  char err[1200], text[128], want[64];
  size_t n_rows = sizeof(bad_values) / sizeof(bad_values[0]);
  for (size_t i = 0; i < n_rows; i++) {
    snprintf(text, sizeof(text), "# a project's defaults\n%s: %s\n",
             bad_values[i].key, bad_values[i].bad);
    assert_int_equal(load(text, &o, &cfg, err, sizeof(err)), YS_EINVAL);
    snprintf(want, sizeof(want), "FILE:2: %s", bad_values[i].key);
    if (strncmp(err, want, strlen(want)) != 0 || strstr(err, "--") != NULL)
      fail_msg("%s: %s: message \"%s\" does not start with \"%s\" or "
               "names a flag",
               bad_values[i].key, bad_values[i].bad, err, want);
    ys_config_free(&cfg);
  }
  /* Every key the loader knows has its row. */
  assert_int_equal(load("nosuchkey: 1\n", &o, &cfg, err, sizeof(err)),
                   YS_EINVAL);
  const char *known = strstr(err, "(known: ");
  assert_non_null(known);
  known += strlen("(known: ");
  size_t n_known = 0;
  while (*known != ')' && *known != '\0') {
    size_t len = strcspn(known, ",)");
    bool found = false;
    for (size_t i = 0; i < n_rows && !found; i++)
      found = strlen(bad_values[i].key) == len &&
              strncmp(bad_values[i].key, known, len) == 0;
    if (!found) fail_msg("key '%.*s' has no bad value here", (int)len, known);
    n_known++;
    known += len;
    if (*known == ',') known += 2;
  }
  assert_int_equal(n_known, n_rows);
  ys_config_free(&cfg);
}

static void test_good_file_fills_options(void **state) {
  (void)state;
  ys_options o;
  ys_config cfg;
  char err[600];
  const char *text = "# the project's defaults\n"
                     "collector: callgrind\n"
                     "cache-sim: true\n"
                     "threshold: 2%\n"
                     "gate: [instructions:2%, 'D1mr:10%']\n"
                     "baseline-dir: perf/baselines\n"
                     "rounds: 20\n"
                     "processes: 0\n"
                     "fail-on-inconclusive: true\n"
                     "format: markdown\n"
                     "output:\n"
                     "  - report.json\n"
                     "  - markdown:summary.md\n";
  assert_int_equal(load(text, &o, &cfg, err, sizeof(err)), 0);
  assert_true(cfg.loaded);
  assert_string_equal(o.collector, "callgrind");
  assert_true(o.collect.cache_sim);
  /* "2%" is 2 percent: the fraction 0.02. */
  assert_close(o.threshold, 0.02, 1e-15);
  assert_int_equal(o.gates.n, 2);
  assert_string_equal(o.gates.gate[1].metric, "D1mr");
  assert_close(o.gates.gate[1].threshold, 0.10, 1e-15);
  assert_string_equal(o.baseline_dir, "perf/baselines");
  assert_int_equal(o.rounds, 20);
  assert_int_equal(o.processes, 0);
  assert_true(o.fail_on_inconclusive);
  assert_string_equal(o.format->name, "markdown");
  assert_int_equal(o.n_outputs, 2);
  assert_string_equal(o.outputs[0].format->name, "json");
  assert_string_equal(o.outputs[1].path, "summary.md");
  /* Set by the file, not by a command line. */
  assert_int_equal(o.given, 0);
  assert_true(o.configured != 0);
  ys_config_free(&cfg);
}

/* history, pin and gate: set as their flags would set them, and counted
 * as configured, not given, so that a file's history does not trip the
 * rule "--history needs --save-baseline" on a run that does not save. */
static void test_history_pin_gate_keys(void **state) {
  (void)state;
  ys_options o;
  ys_config cfg;
  char err[600];
  const char *text = "history: 20\n"
                     "pin: auto\n"
                     "gate: instructions:2%,D1mr:10%:higher\n";
  assert_int_equal(load(text, &o, &cfg, err, sizeof(err)), 0);
  assert_int_equal(o.history, 20);
  assert_string_equal(o.pin, "auto");
  assert_int_equal(o.gates.n, 2);
  assert_string_equal(o.gates.gate[0].metric, "instructions");
  assert_close(o.gates.gate[0].threshold, 0.02, 1e-15);
  assert_string_equal(o.gates.gate[1].metric, "D1mr");
  assert_true(o.gates.gate[1].higher_is_better);
  assert_false(ys_cli_given(&o, "history"));
  assert_false(ys_cli_given(&o, "pin"));
  assert_int_equal(o.given, 0);
  ys_config_free(&cfg);
  /* The history's limits are the flag's: 5 to 1000 runs. */
  assert_refused("history: 3\n", "FILE:1: history: ");
  assert_refused("history: 1001\n", "FILE:1: history: ");
  assert_refused("history: [5]\n",
                 "FILE:1: history must be a single value, not a list");
  assert_refused("pin: [0, 1]\n",
                 "FILE:1: pin must be a single value, not a list");
}

static void test_empty_file_sets_nothing(void **state) {
  (void)state;
  ys_options o, defaults;
  ys_config cfg;
  char err[200];
  assert_int_equal(load("# nothing yet\n", &o, &cfg, err, sizeof(err)), 0);
  ys_options_init(&defaults);
  assert_int_equal(o.rounds, defaults.rounds);
  assert_int_equal(o.configured, 0);
  ys_config_free(&cfg);
}

static void test_unknown_key(void **state) {
  (void)state;
  assert_refused("rounds: 20\nthreshhold: 2\n",
                 "FILE:2: unknown key 'threshhold' (known: collector,");
  /* An option that only one invocation uses is no key of the file. */
  assert_refused("baseline: main\n", "FILE:1: unknown key 'baseline'");
}

static void test_wrong_type(void **state) {
  (void)state;
  assert_refused("rounds: [1, 2]\n",
                 "FILE:1: rounds must be a single value, not a list");
  assert_refused("\n\ncache-sim: {a: 1}\n",
                 "FILE:3: cache-sim must be true or false, not a mapping");
  assert_refused("cache-sim: yes please\n",
                 "FILE:1: cache-sim: 'yes please' is neither true nor false");
  assert_refused("gate:\n  - {instructions: 2}\n",
                 "FILE:2: gate: each item must be a single value, not a "
                 "mapping");
  assert_refused("- rounds\n", "FILE:1: the file must be a mapping");
}

static void test_bad_values(void **state) {
  (void)state;
  assert_refused("threshold: lots\n",
                 "FILE:1: threshold: 'lots' is not a percentage in (0, 1000]");
  assert_refused("threshold: 0\n", "FILE:1: threshold: '0' is not a "
                                   "percentage");
  assert_refused("rounds: 20\nrounds: 30\n", "FILE:2: rounds is set twice");
  assert_refused("collector: sundial\n", "FILE:1: collector: ");
  assert_refused("gate: D1mr:ten\n",
                 "FILE:1: gate: 'D1mr:ten': 'ten' is not a percentage");
  assert_refused("output: json:-\n",
                 "FILE:1: output: standard output's format is chosen with "
                 "format");
}

static void test_yaml_syntax_error_names_line(void **state) {
  (void)state;
  /* The unclosed flow sequence opened on line 2 is found on line 4,
   * where the file ends without its ']'. */
  assert_refused("rounds: 20\ngate: [instructions:2%\n\n", "FILE:4: not valid "
                                                           "YAML: ");
  assert_refused("rounds: 20\n  bad indent: 1\n", "FILE:2: not valid YAML: ");
}

static void test_targets_are_read_with_their_line(void **state) {
  (void)state;
  ys_options o;
  ys_config cfg;
  char err[600];
  assert_int_equal(load("rounds: 4\n"
                        "targets:\n"
                        "  - {benchmark: parse/1k, metric: time, max: 16.6ms}\n"
                        "  - benchmark: walk\n"
                        "    metric: instructions\n"
                        "    max: 1200\n"
                        "  - {benchmark: cnt, metric: hits, min: 50}\n",
                        &o, &cfg, err, sizeof(err)),
                   0);
  assert_int_equal(cfg.targets.n, 3);
  /* min: is a floor, max: a budget. */
  assert_true(cfg.targets.specs[2].at_least);
  assert_false(cfg.targets.specs[0].at_least);
  assert_true(cfg.targets.specs[2].limit == 50);
  assert_string_equal(cfg.targets.specs[0].benchmark, "parse/1k");
  assert_string_equal(cfg.targets.specs[0].metric, "time");
  /* 16.6 ms is 16.6 * 10^6 ns. */
  assert_true(fabs(cfg.targets.specs[0].limit - 16.6e6) < 1e-3);
  assert_int_equal(cfg.targets.specs[0].unit, YS_LIMIT_NS);
  assert_non_null(strstr(cfg.targets.specs[0].source, ":3"));
  assert_int_equal(cfg.targets.specs[1].unit, YS_LIMIT_PLAIN);
  assert_true(cfg.targets.specs[1].limit == 1200);
  assert_non_null(strstr(cfg.targets.specs[1].source, ":4"));
  ys_config_free(&cfg);
}

static void test_bad_targets_are_refused(void **state) {
  (void)state;
  assert_refused("targets:\n  walk: 10us\n",
                 "FILE:2: targets must be a list of {benchmark, metric, max}");
  assert_refused("targets:\n  - {benchmark: a, metric: time, max: 3 parsecs}\n",
                 "FILE:2: targets: max: '3 parsecs' is not a time");
  assert_refused("targets:\n  - {benchmark: a, max: 3ms}\n",
                 "FILE:2: targets: the target lacks metric");
  assert_refused("targets:\n  - {benchmark: a, metric: time}\n",
                 "FILE:2: targets: the target lacks max (a budget) or min");
  assert_refused(
      "targets:\n  - {benchmark: a, metric: time, min: 3ms, max: 4ms}\n",
      "FILE:2: targets: a target has max or min, not both");
  assert_refused("targets:\n  - {benchmark: a, metric: time, least: 3ms}\n",
                 "FILE:2: targets: unknown field 'least'");
}

static void test_missing_file(void **state) {
  (void)state;
  ys_options o;
  ys_config cfg;
  char err[300];
  ys_options_init(&o);
  assert_int_equal(ys_config_load("/nonexistent/yardstick.yaml", false, &o,
                                  &cfg, err, sizeof(err)),
                   0);
  assert_false(cfg.loaded);
  assert_int_equal(ys_config_load("/nonexistent/yardstick.yaml", true, &o, &cfg,
                                  err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "/nonexistent/yardstick.yaml: cannot read"));
}

/* Runs ys_options_load on "bench" + the NULL-terminated words. */
static int load_cli(ys_options *o, ys_config *cfg, char *err, size_t len, ...) {
  static char *argv[16];
  va_list ap;
  va_start(ap, len);
  int argc = 0;
  argv[argc++] = "bench";
  const char *w;
  while ((w = va_arg(ap, const char *)) != NULL)
    argv[argc++] = (char *)w;
  va_end(ap);
  argv[argc] = NULL;
  const char *path;
  bool from_file;
  return ys_options_load(argc, argv, o, cfg, &path, &from_file, err, len);
}

static void test_command_line_overrides_file(void **state) {
  (void)state;
  char path[64], err[300];
  write_file(path, sizeof(path),
             "threshold: 2\nrounds: 20\ngate: [D1mr:10%, I1mr:5%]\n"
             "output: a.json\n");
  ys_options o;
  ys_config cfg;
  assert_int_equal(load_cli(&o, &cfg, err, sizeof(err), "--config", path,
                            "--threshold", "7", "--gate", "instructions:1%",
                            "--quick", NULL),
                   0);
  assert_close(o.threshold, 0.07, 1e-15);
  /* The command line's --gate replaces the file's list. */
  assert_int_equal(o.gates.n, 1);
  assert_string_equal(o.gates.gate[0].metric, "instructions");
  /* The file's output stays when the command line gives none. */
  assert_int_equal(o.n_outputs, 1);
  /* --quick keeps what the file set, as it keeps what the flags set. */
  assert_int_equal(o.rounds, 20);
  ys_config_free(&cfg);

  assert_int_equal(load_cli(&o, &cfg, err, sizeof(err), "--config", path,
                            "--no-config", NULL),
                   YS_EINVAL);
  assert_non_null(strstr(err, "not both"));
  ys_config_free(&cfg);
  assert_int_equal(load_cli(&o, &cfg, err, sizeof(err), "--no-config", NULL),
                   0);
  assert_false(cfg.loaded);
  unlink(path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_good_file_fills_options),
      cmocka_unit_test(test_empty_file_sets_nothing),
      cmocka_unit_test(test_history_pin_gate_keys),
      cmocka_unit_test(test_unknown_key),
      cmocka_unit_test(test_wrong_type),
      cmocka_unit_test(test_bad_values),
      cmocka_unit_test(test_yaml_syntax_error_names_line),
      cmocka_unit_test(test_targets_are_read_with_their_line),
      cmocka_unit_test(test_bad_targets_are_refused),
      cmocka_unit_test(test_missing_file),
      cmocka_unit_test(test_every_key_names_file_line_and_key),
      cmocka_unit_test(test_command_line_overrides_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
