/* test_cli.c — the command-line parser and the --help it generates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/test_support.h"
#include <yardstick.h>

#include "collectors/collector.h"
#include "harness/cli.h"
#include "core/error.h"

#define MAX_ARGS 32

/* A mutable copy of a command line: getopt permutes argv, and the parsed
 * options borrow from it, so each test keeps its own. */
typedef struct cmdline {
  char *argv[MAX_ARGS + 1];
  int argc;
  char err[256];
  ys_options o;
} cmdline;

/* Parses the NULL-terminated words after "bench" into `c->o`. */
static int parse(cmdline *c, ...) {
  va_list ap;
  va_start(ap, c);
  c->argc = 0;
  c->argv[c->argc++] = "bench";
  const char *word;
  while ((word = va_arg(ap, const char *)) != NULL) {
    assert_true(c->argc < MAX_ARGS);
    c->argv[c->argc++] = (char *)word;
  }
  va_end(ap);
  c->argv[c->argc] = NULL;
  ys_options_init(&c->o);
  memset(c->err, 0, sizeof(c->err));
  return ys_cli_parse(c->argc, c->argv, &c->o, c->err, sizeof(c->err));
}

/* Asserts that a command line is rejected with a message containing each
 * of the given fragments (the flag, the bad value). */
#define assert_rejected(frag1, frag2, ...)                                     \
  do {                                                                         \
    cmdline c_;                                                                \
    assert_int_equal(parse(&c_, __VA_ARGS__, NULL), YS_EINVAL);                \
    if (strstr(c_.err, frag1) == NULL || strstr(c_.err, frag2) == NULL)        \
      fail_msg("message \"%s\" lacks \"%s\" or \"%s\"", c_.err, frag1, frag2); \
  } while (0)

static void test_baseline_and_collector_flags(void **state) {
  (void)state;
  cmdline c;
  assert_int_equal(parse(&c, "--save-baseline", "main", "--baseline",
                         "old.yaml", "--baseline-dir", "dir", "--threshold",
                         "7.5", "--against", "../other/bench", "--collector",
                         "wall", "--counters", "page-faults,task-clock",
                         "--require-counters", "--cache-sim", "--callgrind-out",
                         "cg", "--iterations", "10", "--worker", NULL),
                   0);
  assert_string_equal(c.o.save_baseline, "main");
  assert_string_equal(c.o.baseline, "old.yaml");
  assert_string_equal(c.o.baseline_dir, "dir");
  assert_close(c.o.threshold, 0.075, 1e-15);
  assert_string_equal(c.o.against, "../other/bench");
  assert_string_equal(c.o.collector, "wall");
  assert_string_equal(c.o.collect.counters, "page-faults,task-clock");
  assert_true(c.o.collect.require_counters);
  assert_true(c.o.collect.cache_sim);
  assert_string_equal(c.o.collect.callgrind_out, "cg");
  assert_true(c.o.collect.iterations == 10);
  assert_true(c.o.worker);

  assert_int_equal(parse(&c, NULL), 0);
  assert_close(c.o.threshold, 0.05, 1e-15);
  assert_true(c.o.collect.iterations == 1);
  assert_null(c.o.baseline);

  assert_rejected("--threshold", "'0'", "--threshold", "0");
  assert_rejected("--threshold", "'-5'", "--threshold", "-5");
  assert_rejected("--save-baseline", "empty", "--save-baseline", "");
  assert_rejected("--iterations", "'0'", "--iterations", "0");
  assert_rejected("--collector", "named twice", "--collector", "wall,wall");
  assert_rejected("--collector", "'nope'", "--collector", "wall,nope");
}

static void test_defaults(void **state) {
  (void)state;
  cmdline c;
  assert_int_equal(parse(&c, NULL), 0);
  assert_string_equal(c.err, "");
  assert_null(c.o.filters);
  assert_int_equal(c.o.n_filters, 0);
  assert_false(c.o.exact);
  assert_false(c.o.list);
  assert_string_equal(c.o.collector, "wall");
  assert_true(c.o.warm_up_time_s == YS_DEFAULT_WARM_UP_S);
  assert_true(c.o.measurement_time_s == YS_DEFAULT_MEASUREMENT_S);
  assert_int_equal(c.o.sample_size, YS_DEFAULT_SAMPLE_SIZE);
  assert_int_equal(c.o.rounds, YS_DEFAULT_ROUNDS);
  assert_int_equal(c.o.seed, YS_DEFAULT_SEED);
  assert_false(c.o.quick);
  assert_non_null(c.o.format);
  assert_ptr_equal(c.o.format, ys_report_find("console"));
  assert_int_equal(c.o.n_outputs, 0);
  assert_false(c.o.help);
  assert_false(c.o.version);
}

static void test_every_flag(void **state) {
  (void)state;
  cmdline c;
  assert_int_equal(parse(&c, "--exact", "--list", "--collector", "wall",
                         "--warm-up-time", "1.5", "--measurement-time=2.25",
                         "--sample-size", "30", "--rounds", "7", "--seed",
                         "18446744073709551615", "--format", "json", "--output",
                         "csv:out.txt", "--help", "--version", NULL),
                   0);
  assert_true(c.o.exact);
  assert_true(c.o.list);
  assert_string_equal(c.o.collector, "wall");
  assert_true(c.o.warm_up_time_s == 1.5);
  assert_true(c.o.measurement_time_s == 2.25);
  assert_int_equal(c.o.sample_size, 30);
  assert_int_equal(c.o.rounds, 7);
  assert_true(c.o.seed == UINT64_MAX);
  assert_false(c.o.quick);
  assert_ptr_equal(c.o.format, ys_report_find("json"));
  assert_int_equal(c.o.n_outputs, 1);
  assert_ptr_equal(c.o.outputs[0].format, ys_report_find("csv"));
  assert_string_equal(c.o.outputs[0].path, "out.txt");
  assert_true(c.o.help);
  assert_true(c.o.version);
  assert_int_equal(c.o.n_filters, 0);
}

static void test_bounds_accepted(void **state) {
  (void)state;
  cmdline c;
  assert_int_equal(parse(&c, "--sample-size", "2", "--rounds", "1", "--seed",
                         "0", "--warm-up-time", "3600", "--measurement-time",
                         "1e-3", NULL),
                   0);
  assert_int_equal(c.o.sample_size, 2);
  assert_int_equal(c.o.rounds, 1);
  assert_true(c.o.seed == 0);
  assert_true(c.o.warm_up_time_s == 3600.0);
  assert_true(c.o.measurement_time_s == 1e-3);
  assert_int_equal(
      parse(&c, "--sample-size", "1000000", "--rounds", "10000", NULL), 0);
  assert_int_equal(c.o.sample_size, 1000000);
  assert_int_equal(c.o.rounds, 10000);
}

static void test_quick_alone(void **state) {
  (void)state;
  cmdline c;
  assert_int_equal(parse(&c, "--quick", NULL), 0);
  assert_true(c.o.quick);
  assert_true(c.o.warm_up_time_s == YS_QUICK_WARM_UP_S);
  assert_true(c.o.measurement_time_s == YS_QUICK_MEASUREMENT_S);
  assert_int_equal(c.o.sample_size, YS_QUICK_SAMPLE_SIZE);
  assert_int_equal(c.o.rounds, YS_QUICK_ROUNDS);
}

/* An explicit setting survives --quick whichever comes first. */
static void test_quick_keeps_explicit_settings(void **state) {
  (void)state;
  cmdline c;
  assert_int_equal(parse(&c, "--sample-size", "30", "--quick", NULL), 0);
  assert_int_equal(c.o.sample_size, 30);
  assert_int_equal(c.o.rounds, YS_QUICK_ROUNDS);
  assert_true(c.o.warm_up_time_s == YS_QUICK_WARM_UP_S);
  assert_true(c.o.measurement_time_s == YS_QUICK_MEASUREMENT_S);

  assert_int_equal(parse(&c, "--quick", "--sample-size", "30", NULL), 0);
  assert_int_equal(c.o.sample_size, 30);
  assert_int_equal(c.o.rounds, YS_QUICK_ROUNDS);

  assert_int_equal(parse(&c, "--rounds", "3", "--warm-up-time", "0.5",
                         "--quick", "--measurement-time", "2", NULL),
                   0);
  assert_int_equal(c.o.rounds, 3);
  assert_true(c.o.warm_up_time_s == 0.5);
  assert_true(c.o.measurement_time_s == 2.0);
  assert_int_equal(c.o.sample_size, YS_QUICK_SAMPLE_SIZE);

  /* Without --quick nothing is shortened. */
  assert_int_equal(parse(&c, "--sample-size", "30", NULL), 0);
  assert_int_equal(c.o.rounds, YS_DEFAULT_ROUNDS);
}

static void test_output_forms(void **state) {
  (void)state;
  cmdline c;
  assert_int_equal(parse(&c, "--output", "json:x", "--output", "x.csv",
                         "--output", "json:-", "--output", "gbench:a:b.txt",
                         NULL),
                   0);
  /* "json:-" chooses stdout's format, as --format would: it is no file. */
  assert_int_equal(c.o.n_outputs, 3);
  assert_ptr_equal(c.o.format, ys_report_find("json"));
  assert_ptr_equal(c.o.outputs[0].format, ys_report_find("json"));
  assert_string_equal(c.o.outputs[0].path, "x");
  assert_ptr_equal(c.o.outputs[1].format, ys_report_find("csv"));
  assert_string_equal(c.o.outputs[1].path, "x.csv");
  /* Only the part before the first ':' names the format. */
  assert_ptr_equal(c.o.outputs[2].format, ys_report_find("gbench"));
  assert_string_equal(c.o.outputs[2].path, "a:b.txt");
  /* The paths are borrowed from argv, not copied. */
  assert_ptr_equal(c.o.outputs[1].path, c.argv[4]);

  /* A prefix that cannot be a format leaves the whole argument as the
   * path. */
  assert_int_equal(parse(&c, "--output", "./dir:1/r.csv", NULL), 0);
  assert_ptr_equal(c.o.outputs[0].format, ys_report_find("csv"));
  assert_string_equal(c.o.outputs[0].path, "./dir:1/r.csv");
}

static void test_output_errors(void **state) {
  (void)state;
  assert_rejected("--output", "cannot tell the format of 'x'", "--output", "x");
  assert_rejected("--output", "formats: ", "--output", "x");
  /* "-" is stdout, but stdout has no extension to tell the format by. */
  assert_rejected("--output", "'-'", "--output", "-");
  assert_rejected("--output", "'nope:x'", "--output", "nope:x");
  assert_rejected("--output", "'json:'", "--output", "json:");
  /* A format-like prefix that names no format is not part of a file name:
   * "md:summary.md" must not quietly become a file called that. */
  assert_rejected("--output", "unknown format 'md' in 'md:summary.md'",
                  "--output", "md:summary.md");
  /* Standard output gets one report: two documents parse as neither. */
  assert_rejected("--output json:-",
                  "standard output already gets the json report", "--format",
                  "json", "--output", "json:-");
  assert_rejected("--output csv:-",
                  "standard output already gets the json report", "--output",
                  "json:-", "--output", "csv:-");

  cmdline c;
  char *argv[1 + 2 * (YS_MAX_OUTPUTS + 1) + 1];
  int argc = 0;
  argv[argc++] = "bench";
  for (int i = 0; i <= YS_MAX_OUTPUTS; i++) {
    argv[argc++] = "--output";
    argv[argc++] = "r.json";
  }
  argv[argc] = NULL;
  ys_options_init(&c.o);
  assert_int_equal(ys_cli_parse(argc, argv, &c.o, c.err, sizeof(c.err)),
                   YS_EINVAL);
  assert_non_null(strstr(c.err, "--output"));
  assert_non_null(strstr(c.err, "at most"));
  /* One fewer is accepted. */
  ys_options_init(&c.o);
  assert_int_equal(ys_cli_parse(argc - 2, argv, &c.o, c.err, sizeof(c.err)), 0);
  assert_int_equal(c.o.n_outputs, YS_MAX_OUTPUTS);
}

static void test_unknown_and_missing(void **state) {
  (void)state;
  assert_rejected("unknown option", "'--bogus'", "--bogus");
  assert_rejected("unknown option", "'--bogus=3'", "run", "--bogus=3");
  assert_rejected("unknown option", "'-x'", "-x");
  assert_rejected("ambiguous", "--s", "--s", "3");
  assert_rejected("--exact", "takes no value", "--exact=yes");
  assert_rejected("--sample-size", "missing value", "--sample-size");
  assert_rejected("--output", "missing value", "a", "--output");
  assert_rejected("--format", "missing value", "--format");
  assert_rejected("--seed", "missing value", "--seed");
}

/* Every numeric flag refuses negative, zero-where-invalid, overflowing,
 * partly numeric, empty and out-of-range values, naming itself and the
 * value. */
static void test_bad_numbers(void **state) {
  (void)state;
  static const char *const counts[] = {"--sample-size", "--rounds"};
  static const char *const bad_counts[] = {
      "-1",  "0",  "1e999", "12abc", "",
      "abc", " 5", "+5",    "2.5",   "99999999999999999999999"};
  for (size_t f = 0; f < 2; f++)
    for (size_t v = 0; v < sizeof(bad_counts) / sizeof(bad_counts[0]); v++) {
      char value[64];
      snprintf(value, sizeof(value), "'%s'", bad_counts[v]);
      assert_rejected(counts[f], value, counts[f], bad_counts[v]);
      assert_rejected(counts[f], "is not an integer in", counts[f],
                      bad_counts[v]);
    }
  assert_rejected("--sample-size", "2..1000000", "--sample-size", "1");
  assert_rejected("--sample-size", "'1000001'", "--sample-size", "1000001");
  assert_rejected("--rounds", "1..10000", "--rounds", "10001");

  static const char *const times[] = {"--warm-up-time", "--measurement-time"};
  static const char *const bad_times[] = {
      "-1", "0", "1e999", "12abc", "", "abc", "3600.5", "inf", "nan", " 1"};
  for (size_t f = 0; f < 2; f++)
    for (size_t v = 0; v < sizeof(bad_times) / sizeof(bad_times[0]); v++) {
      char value[64];
      snprintf(value, sizeof(value), "'%s'", bad_times[v]);
      assert_rejected(times[f], value, times[f], bad_times[v]);
      assert_rejected(times[f], "seconds", times[f], bad_times[v]);
    }

  static const char *const bad_seeds[] = {
      "-1", "1e999", "12abc", "", "abc", "18446744073709551616", "-0"};
  for (size_t v = 0; v < sizeof(bad_seeds) / sizeof(bad_seeds[0]); v++) {
    char value[64];
    snprintf(value, sizeof(value), "'%s'", bad_seeds[v]);
    assert_rejected("--seed", value, "--seed", bad_seeds[v]);
  }
}

static void test_exact_message(void **state) {
  (void)state;
  cmdline c;
  assert_int_equal(parse(&c, "--sample-size", "abc", NULL), YS_EINVAL);
  assert_string_equal(c.err,
                      "--sample-size: 'abc' is not an integer in 2..1000000");
  assert_int_equal(parse(&c, "--collector", "x", NULL), YS_EINVAL);
  char expected[256];
  snprintf(expected, sizeof(expected),
           "--collector: unknown collector 'x' (available: %s)",
           ys_collector_names());
  assert_string_equal(c.err, expected);
}

static void test_unknown_names(void **state) {
  (void)state;
  assert_rejected("--format", "unknown format 'xml'", "--format", "xml");
  assert_rejected("--format", ys_report_names(), "--format", "xml");
  assert_rejected("--collector", "unknown collector 'abacus'", "--collector",
                  "abacus");
}

/* A NULL buffer is allowed: the caller only wants the code. */
static void test_null_error_buffer(void **state) {
  (void)state;
  char *argv[] = {"bench", "--rounds", "0", NULL};
  ys_options o;
  ys_options_init(&o);
  assert_int_equal(ys_cli_parse(3, argv, &o, NULL, 0), YS_EINVAL);
}

static void test_filters_in_order(void **state) {
  (void)state;
  cmdline c;
  assert_int_equal(parse(&c, "sort", "--rounds", "4", "hash.*", "--exact",
                         "fnv", "--", "--list", NULL),
                   0);
  assert_int_equal(c.o.rounds, 4);
  assert_true(c.o.exact);
  /* After "--" a word is a REGEX even if it looks like a flag. */
  assert_false(c.o.list);
  assert_int_equal(c.o.n_filters, 4);
  assert_string_equal(c.o.filters[0], "sort");
  assert_string_equal(c.o.filters[1], "hash.*");
  assert_string_equal(c.o.filters[2], "fnv");
  assert_string_equal(c.o.filters[3], "--list");
  assert_null(c.o.filters[4]);
}

/* The parser resets getopt, so a second parse sees its whole argv. */
static void test_parse_is_repeatable(void **state) {
  (void)state;
  cmdline c;
  for (int i = 0; i < 3; i++) {
    assert_int_equal(parse(&c, "a", "--rounds", "9", "b", NULL), 0);
    assert_int_equal(c.o.rounds, 9);
    assert_int_equal(c.o.n_filters, 2);
    assert_string_equal(c.o.filters[0], "a");
    assert_string_equal(c.o.filters[1], "b");
  }
  /* Also after an error left getopt in the middle of argv. */
  assert_int_equal(parse(&c, "--bogus", "--rounds", "2", NULL), YS_EINVAL);
  assert_int_equal(parse(&c, "--rounds", "2", "x", NULL), 0);
  assert_int_equal(c.o.rounds, 2);
  assert_int_equal(c.o.n_filters, 1);
}

/* The parser records which options were given, not which fields differ
 * from their defaults: a value equal to the default still counts, and
 * --quick's shortened settings do not. */
static void test_given(void **state) {
  (void)state;
  cmdline c;
  assert_int_equal(parse(&c, NULL), 0);
  assert_int_equal(c.o.given, 0);
  assert_int_equal(parse(&c, "--rounds", "10", "--quick", "--baseline", "m",
                         "--if-missing", "report", NULL),
                   0);
  assert_true(ys_cli_given(&c.o, "rounds"));
  assert_true(ys_cli_given(&c.o, "quick"));
  assert_true(ys_cli_given(&c.o, "baseline"));
  assert_true(ys_cli_given(&c.o, "if-missing"));
  assert_string_equal(c.o.if_missing, "report");
  assert_false(ys_cli_given(&c.o, "sample-size"));
  assert_false(ys_cli_given(&c.o, "collector"));
  assert_false(ys_cli_given(&c.o, "nonsense"));
  /* A parse that fails still says what it had seen. */
  assert_int_equal(parse(&c, "--cache-sim", "--rounds", "0", NULL), YS_EINVAL);
  assert_true(ys_cli_given(&c.o, "cache-sim"));
  assert_rejected("--if-missing", "empty", "--if-missing", "");
}

/* Captures what a printer writes. */
static char *capture(void (*print)(FILE *, const char *), const char *prog) {
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  assert_non_null(f);
  print(f, prog);
  assert_int_equal(fclose(f), 0);
  assert_non_null(text);
  return text;
}

static void print_version(FILE *out, const char *prog) {
  (void)prog;
  ys_cli_print_version(out);
}

/* The column where `text` starts on the help line beginning with `left`. */
static long help_column(const char *help, const char *left, const char *text) {
  const char *line = strstr(help, left);
  assert_non_null(line);
  assert_true(line == help || line[-1] == '\n');
  const char *at = strstr(line, text);
  assert_non_null(at);
  assert_null(memchr(line, '\n', (size_t)(at - line)));
  return (long)(at - line);
}

static void test_help(void **state) {
  (void)state;
  char *help = capture(ys_cli_print_help, "bench");
  static const char *const names[] = {"--exact",
                                      "--list",
                                      "--collector NAME",
                                      "--warm-up-time S",
                                      "--measurement-time S",
                                      "--sample-size N",
                                      "--rounds N",
                                      "--seed N",
                                      "--quick",
                                      "--format NAME",
                                      "--output [FORMAT:]FILE",
                                      "--save-baseline NAME",
                                      "--baseline NAME|PATH",
                                      "--if-missing fail|report",
                                      "--against PROGRAM",
                                      "--baseline-dir DIR",
                                      "--threshold PCT",
                                      "--counters LIST",
                                      "--require-counters",
                                      "--cache-sim",
                                      "--callgrind-out DIR",
                                      "--iterations N",
                                      "--help",
                                      "--version"};
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
    if (strstr(help, names[i]) == NULL)
      fail_msg("--help lacks \"%s\":\n%s", names[i], help);
  assert_non_null(strstr(help, "Usage: bench [OPTION]... [REGEX]...\n"));
  assert_non_null(strstr(help, "bench compare OLD NEW"));
  /* --require-counters holds for the default list too, and says so. */
  assert_non_null(strstr(help, "default list included"));
  /* The worker flag is internal: parsed, never advertised. */
  assert_null(strstr(help, "--worker"));
  assert_non_null(strstr(help, "(default: 20)"));
  assert_non_null(strstr(help, "(default: console)"));
  /* Every format is listed (the list may wrap between names). */
  char formats[128];
  snprintf(formats, sizeof(formats), "%s", ys_report_names());
  for (char *name = strtok(formats, ", "); name != NULL;
       name = strtok(NULL, ", "))
    if (strstr(help, name) == NULL)
      fail_msg("--help lacks format \"%s\"", name);
  /* No line is wider than a terminal. */
  for (const char *line = help; *line != '\0';) {
    size_t len = strcspn(line, "\n");
    assert_true(len <= 80);
    line += len + (line[len] == '\n');
  }
  /* A default is never split from its value. */
  assert_non_null(strstr(help, "(default: 0.2)"));
  assert_non_null(strstr(help, "  2  usage or input error"));
  assert_non_null(strstr(help, "  3  a benchmark failed"));

  /* The help texts start in one column, past the longest option. */
  long col_exact = help_column(help, "  --exact ", "match each REGEX");
  long col_output =
      help_column(help, "  --output [FORMAT:]FILE ", "also write a report");
  assert_true(col_exact > (long)strlen("  --output [FORMAT:]FILE"));
  assert_int_equal(col_exact, col_output);
  assert_int_equal(col_exact, help_column(help, "  --seed N ", "seed of"));
  free(help);
}

static void test_version(void **state) {
  (void)state;
  char *text = capture(print_version, NULL);
  assert_string_equal(text, "yardstick " YS_VERSION_STRING "\n");
  /* The string and the numbers come from one project version. */
  char expected[64];
  snprintf(expected, sizeof(expected), "yardstick %d.%d.%d\n", YS_VERSION_MAJOR,
           YS_VERSION_MINOR, YS_VERSION_PATCH);
  assert_string_equal(text, expected);
  free(text);
}

/* --quiet and --verbose set the reports' verbosity; the default is the
 * middle level, and asking for both is refused. */
static void test_verbosity(void **state) {
  (void)state;
  cmdline c;
  assert_int_equal(parse(&c, NULL), 0);
  assert_int_equal(ys_options_verbosity(&c.o), YS_REPORT_NORMAL);
  assert_int_equal(parse(&c, "--quiet", NULL), 0);
  assert_int_equal(ys_options_verbosity(&c.o), YS_REPORT_QUIET);
  assert_int_equal(parse(&c, "--verbose", NULL), 0);
  assert_int_equal(ys_options_verbosity(&c.o), YS_REPORT_VERBOSE);
  assert_rejected("--quiet", "--verbose", "--quiet", "--verbose");
  char *help = capture(ys_cli_print_help, "bench");
  assert_non_null(strstr(help, "  --quiet "));
  assert_non_null(strstr(help, "  --verbose "));
  free(help);
}

/* --shard is kept as given (harness/shard.c reads it); a mode that takes
 * few options learns which other one was given, by name. */
static void test_shard_and_given_other(void **state) {
  (void)state;
  cmdline c;
  assert_int_equal(parse(&c, "--shard", "2/3", "--baseline-dir", "d", NULL), 0);
  assert_string_equal(c.o.shard, "2/3");
  const char *merge_allows[] = {"baseline-dir", "quiet"};
  assert_string_equal(ys_cli_given_other(&c.o, merge_allows, 2), "shard");
  assert_int_equal(parse(&c, "--quiet", "--baseline-dir", "d", NULL), 0);
  assert_null(ys_cli_given_other(&c.o, merge_allows, 2));
  assert_string_equal(ys_cli_given_other(&c.o, merge_allows, 1), "quiet");
  assert_rejected("--shard", "empty", "--shard", "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_defaults),
      cmocka_unit_test(test_verbosity),
      cmocka_unit_test(test_baseline_and_collector_flags),
      cmocka_unit_test(test_every_flag),
      cmocka_unit_test(test_bounds_accepted),
      cmocka_unit_test(test_quick_alone),
      cmocka_unit_test(test_quick_keeps_explicit_settings),
      cmocka_unit_test(test_output_forms),
      cmocka_unit_test(test_output_errors),
      cmocka_unit_test(test_unknown_and_missing),
      cmocka_unit_test(test_bad_numbers),
      cmocka_unit_test(test_exact_message),
      cmocka_unit_test(test_unknown_names),
      cmocka_unit_test(test_null_error_buffer),
      cmocka_unit_test(test_filters_in_order),
      cmocka_unit_test(test_parse_is_repeatable),
      cmocka_unit_test(test_given),
      cmocka_unit_test(test_shard_and_given_other),
      cmocka_unit_test(test_help),
      cmocka_unit_test(test_version),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
