/*
 * test_exec_cli.c — `bench exec`'s command line (harness/exec_cli.c): how
 * commands are split into words, named and counted, how the options it
 * shares with a run reach the run's parser, and the small helpers of
 * harness/exec_spawn.c that messages rely on.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "collectors/perf.h"
#include "core/error.h"
#include "harness/exec_hints.h"
#include "harness/exec_options.h"
#include "harness/exec_spawn.h"

static ys_exec_options opts;
static char err[512];

/* Parses the words of `args` (NULL-terminated) as `bench exec ARGS`. */
static int parse(char **args) {
  static char *argv[32];
  int argc = 0;
  argv[argc++] = "exec";
  while (args[argc - 1] != NULL)
    argv[argc] = args[argc - 1], argc++;
  argv[argc] = NULL;
  ys_exec_options_free(&opts);
  memset(&opts, 0, sizeof(opts));
  err[0] = '\0';
  return ys_exec_options_parse(argc, argv, &opts, err, sizeof(err));
}

static void words_and_names(void **state) {
  (void)state;
  char *args[] = {"-n", "old", "gzip -c 'a b.txt'", "-n", "new", "zstd", NULL};
  assert_int_equal(parse(args), 0);
  assert_int_equal(opts.n_commands, 2);
  assert_string_equal(opts.commands[0].name, "old");
  assert_string_equal(opts.commands[1].name, "new");
  /* Split and unquoted as sh would: three words, the quoted one whole. */
  assert_string_equal(opts.commands[0].argv[0], "gzip");
  assert_string_equal(opts.commands[0].argv[1], "-c");
  assert_string_equal(opts.commands[0].argv[2], "a b.txt");
  assert_null(opts.commands[0].argv[3]);
  assert_string_equal(opts.commands[1].argv[0], "zstd");
}

static void argv_after_dashes_is_kept(void **state) {
  (void)state;
  char *args[] = {"--runs", "4", "--", "printf", "%s 'x'", "--runs", NULL};
  assert_int_equal(parse(args), 0);
  assert_int_equal(opts.n_commands, 1);
  assert_int_equal(opts.runs, 4);
  /* Not split, not parsed: "--runs" after -- belongs to the command. */
  assert_string_equal(opts.commands[0].argv[1], "%s 'x'");
  assert_string_equal(opts.commands[0].argv[2], "--runs");
  assert_string_equal(opts.commands[0].name, "printf %s 'x' --runs");
}

static void shell_sh_runs_the_text(void **state) {
  (void)state;
  char *args[] = {"--shell", "sh", "a | b", NULL};
  assert_int_equal(parse(args), 0);
  assert_string_equal(opts.commands[0].argv[0], "sh");
  assert_string_equal(opts.commands[0].argv[1], "-c");
  assert_string_equal(opts.commands[0].argv[2], "a | b");
}

static void operators_need_a_shell(void **state) {
  (void)state;
  char *args[] = {"a | b", NULL};
  assert_int_equal(parse(args), YS_EINVAL);
  assert_non_null(strstr(err, "--shell sh"));
  char *sub[] = {"echo `id`", NULL};
  assert_int_equal(parse(sub), YS_EINVAL);
  assert_non_null(strstr(err, "command substitution"));
}

static void rounds_follow_runs(void **state) {
  (void)state;
  /* 3 runs cannot fill the default 10 rounds: one run a round. */
  char *few[] = {"--runs", "3", "true", NULL};
  assert_int_equal(parse(few), 0);
  assert_int_equal(opts.rounds, 3);
  /* Given explicitly, the same is an error naming --rounds. */
  char *bad[] = {"--runs", "3", "--rounds", "4", "true", NULL};
  assert_int_equal(parse(bad), YS_EINVAL);
  assert_non_null(strstr(err, "--rounds"));
  /* Exact counts need one run. */
  char *cg[] = {"--collector", "callgrind", "true", NULL};
  assert_int_equal(parse(cg), 0);
  assert_int_equal(opts.runs, 1);
  assert_int_equal(opts.rounds, 1);
  assert_int_equal(opts.warm_up_runs, 0);
}

static void shared_options_reach_the_run_parser(void **state) {
  (void)state;
  char *args[] = {"--threshold", "12", "--format", "json",
                  "--seed",      "7",  "true",     NULL};
  assert_int_equal(parse(args), 0);
  assert_float_equal(opts.shared.threshold, 0.12, 1e-12);
  assert_string_equal(opts.shared.format->name, "json");
  assert_int_equal(opts.shared.seed, 7);
  /* And its messages name the option. */
  char *bad[] = {"--threshold", "abc", "true", NULL};
  assert_int_equal(parse(bad), YS_EINVAL);
  assert_non_null(strstr(err, "threshold"));
}

static void names_must_fit_and_differ(void **state) {
  (void)state;
  char *extra[] = {"-n", "a", "-n", "b", "true", NULL};
  assert_int_equal(parse(extra), YS_EINVAL);
  assert_non_null(strstr(err, "2 names for 1 commands"));
  char *same[] = {"true", "true", NULL};
  assert_int_equal(parse(same), YS_EINVAL);
  assert_non_null(strstr(err, "two commands are named 'true'"));
  char *ref[] = {"--reference", "b", "-n", "a", "true", NULL};
  assert_int_equal(parse(ref), YS_EINVAL);
  assert_non_null(strstr(err, "--reference"));
  /* A given name with a control character is refused before anything
   * runs; a name taken from a multi-line script gets spaces for them. */
  char *newline_name[] = {"-n", "a\nb", "true", NULL};
  assert_int_equal(parse(newline_name), YS_EINVAL);
  assert_non_null(strstr(err, "control character (byte 0x0a)"));
  char *script[] = {"--shell", "sh", "true\ntrue", NULL};
  assert_int_equal(parse(script), 0);
  assert_string_equal(opts.commands[0].name, "true true");
}

/* --collector: wall and perf combine in either order, the first one's
 * metrics first; callgrind stands alone; anything else, or a collector
 * named twice, is refused naming the option. */
static void collectors_combine(void **state) {
  (void)state;
  char *wall_perf[] = {"--collector", "wall,perf", "true", NULL};
  assert_int_equal(parse(wall_perf), 0);
  assert_true(opts.wall && opts.perf && !opts.perf_first && !opts.callgrind);
  assert_string_equal(opts.collector, "wall,perf");
  char *perf_wall[] = {"--collector", "perf,wall", "true", NULL};
  assert_int_equal(parse(perf_wall), 0);
  assert_true(opts.wall && opts.perf && opts.perf_first);
  char *perf[] = {"--collector", "perf", "true", NULL};
  assert_int_equal(parse(perf), 0);
  assert_true(!opts.wall && opts.perf && opts.perf_first);
  char *plain[] = {"true", NULL};
  assert_int_equal(parse(plain), 0);
  assert_true(opts.wall && !opts.perf);
  const char *bad[] = {"perf,perf", "wall,callgrind", "perf,", ",wall", "cpu"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    char *args[] = {"--collector", (char *)bad[i], "true", NULL};
    assert_int_equal(parse(args), YS_EINVAL);
    assert_non_null(strstr(err, "--collector"));
    assert_non_null(strstr(err, bad[i]));
  }
}

/* --counters is checked by the perf collector's own parser, and only
 * means something with perf. */
static void counters_need_perf(void **state) {
  (void)state;
  char *ok[] = {
      "--collector",        "perf", "--counters", "task-clock,page-faults",
      "--require-counters", "true", NULL};
  assert_int_equal(parse(ok), 0);
  assert_string_equal(opts.counters, "task-clock,page-faults");
  assert_true(opts.require_counters);
  char *unknown[] = {"--collector",    "perf", "--counters",
                     "task-clock,foo", "true", NULL};
  assert_int_equal(parse(unknown), YS_EINVAL);
  assert_non_null(strstr(err, "--counters: unknown perf event 'foo'"));
  char *twice[] = {"--collector", "perf",
                   "--counters",  "page-faults,page-faults",
                   "true",        NULL};
  assert_int_equal(parse(twice), YS_EINVAL);
  assert_non_null(strstr(err, "named twice"));
  char *no_perf[] = {"--counters", "task-clock", "true", NULL};
  assert_int_equal(parse(no_perf), YS_EINVAL);
  assert_non_null(strstr(err, "--counters does nothing without"));
  char *require_only[] = {"--require-counters", "true", NULL};
  assert_int_equal(parse(require_only), YS_EINVAL);
  assert_non_null(strstr(err, "--require-counters"));
}

/* The events a list resolves to, and their metrics, come from the perf
 * collector's table: in the order given; the default set is every known
 * event (ten, the table in collectors/perf.c). */
static void counters_resolve(void **state) {
  (void)state;
  size_t events[YS_PERF_MAX_EVENTS];
  assert_int_equal(
      ys_perf_parse_events("page-faults,task-clock", events, err, sizeof(err)),
      2);
  ys_metric first = ys_perf_event_metric(events[0]);
  ys_metric second = ys_perf_event_metric(events[1]);
  assert_string_equal(first.name, "page-faults");
  assert_int_equal(first.kind, YS_METRIC_COUNT);
  assert_string_equal(second.name, "task-clock");
  assert_string_equal(second.unit, "ns");
  assert_int_equal(second.kind, YS_METRIC_TIME);
  assert_false(first.exact || second.exact);
  assert_int_equal(ys_perf_parse_events(NULL, events, err, sizeof(err)), 10);
  assert_int_equal(ys_perf_parse_events("", events, err, sizeof(err)),
                   YS_EINVAL);
  /* An unavailable event is named with its reason. */
  size_t instr;
  assert_int_equal(
      ys_perf_parse_events("instructions", &instr, err, sizeof(err)), 1);
  int why = ENOENT;
  char out[300];
  ys_perf_describe_unavailable(&instr, &why, 1, "perf: not counted: ", out,
                               sizeof(out));
  assert_non_null(strstr(out, "perf: not counted: instructions (ENOENT"));
}

static void helpers(void **state) {
  (void)state;
  char buf[32];
  assert_string_equal(ys_exec_signal_name(SIGSEGV, buf, sizeof(buf)),
                      "SIGSEGV");
  assert_true(ys_exec_findable("sh"));
  assert_false(ys_exec_findable("/no/such/program"));
  assert_false(ys_exec_findable("no-such-command-ys"));
}

/* Writes `text` to a new temporary file whose path is put in `path`. */
static void write_temp(char *path, const char *text) {
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
  close(fd);
}

static void commands_file_comes_first(void **state) {
  (void)state;
  char path[] = "/tmp/test_exec_cli_yaml_XXXXXX";
  write_temp(path, "commands:\n"
                   "  - name: gz\n"
                   "    command: gzip -c 'a b'\n"
                   "    prepare: sync\n"
                   "  - command: zstd -q\n");
  char *args[] = {"--commands", path,  "--prepare", "echo",
                  "-n",         "cli", "xz",        NULL};
  assert_int_equal(parse(args), 0);
  assert_int_equal(opts.n_commands, 3);
  /* The file's own name and prepare; its command's text as the name;
   * -n for the command line's; --prepare where the file gave none. */
  assert_string_equal(opts.commands[0].name, "gz");
  assert_string_equal(opts.commands[0].argv[2], "a b");
  assert_string_equal(opts.commands[0].prepare, "sync");
  assert_int_equal(opts.commands[0].file_line, 2);
  assert_string_equal(opts.commands[1].name, "zstd -q");
  assert_string_equal(opts.commands[1].prepare, "echo");
  assert_string_equal(opts.commands[2].name, "cli");
  assert_string_equal(opts.commands[2].prepare, "echo");
  /* -n never names a command of the file. */
  char *too_many[] = {"--commands", path, "-n", "a", NULL};
  assert_int_equal(parse(too_many), YS_EINVAL);
  assert_non_null(strstr(err, "--name: 1 names for 0 commands"));
  unlink(path);
  char bad[] = "/tmp/test_exec_cli_yaml_XXXXXX";
  write_temp(bad, "commands:\n  - command: x\n    prepare: [a]\n");
  char *bad_args[] = {"--commands", bad, NULL};
  assert_int_equal(parse(bad_args), YS_EINVAL);
  assert_non_null(strstr(err, ":3: prepare: must be a single non-empty value"));
  unlink(bad);
}

static void lookups_say_why(void **state) {
  (void)state;
  char where[256];
  assert_int_equal(ys_exec_look_up("/", where, sizeof(where)),
                   YS_EXEC_IS_DIRECTORY);
  assert_string_equal(where, "/");
  char plain_file[] = "/tmp/test_exec_cli_XXXXXX"; /* mode 0600 */
  int fd = mkstemp(plain_file);
  assert_true(fd >= 0);
  close(fd);
  assert_int_equal(ys_exec_look_up(plain_file, where, sizeof(where)),
                   YS_EXEC_NOT_EXECUTABLE);
  unlink(plain_file);
  /* A find is where each run then execs it from, without a search. */
  assert_int_equal(ys_exec_look_up("sh", where, sizeof(where)), YS_EXEC_FOUND);
  assert_true(where[0] == '/' && strstr(where, "/sh") != NULL);
  assert_int_equal(access(where, X_OK), 0);
  assert_int_equal(ys_exec_look_up("no-such-command-ys", where, sizeof(where)),
                   YS_EXEC_NOT_FOUND);
}

static void hints_for_shell_words(void **state) {
  (void)state;
  char hint[400];
  char *assign[] = {"FOO_1=x", "make", NULL};
  assert_non_null(strstr(ys_exec_hint(assign, false, hint, sizeof(hint)),
                         "'env FOO_1=x make...'"));
  char *ops[] = {"grep", "x", "2>&1", NULL};
  assert_non_null(strstr(ys_exec_hint(ops, false, hint, sizeof(hint)),
                         "'2>&1' is shell syntax"));
  char *comment[] = {"ls", "#", "note", NULL};
  assert_non_null(strstr(ys_exec_hint(comment, false, hint, sizeof(hint)),
                         "'#' is shell syntax"));
  /* Through sh nothing is misread; plain words and options are fine. */
  assert_string_equal(ys_exec_hint(ops, true, hint, sizeof(hint)), "");
  char *plain[] = {"gzip", "-c", "--level=9", "a=b", "-1", NULL};
  assert_string_equal(ys_exec_hint(plain, false, hint, sizeof(hint)), "");
  char *number_first[] = {"1=x", NULL};
  assert_string_equal(ys_exec_hint(number_first, false, hint, sizeof(hint)),
                      "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(words_and_names),
      cmocka_unit_test(argv_after_dashes_is_kept),
      cmocka_unit_test(shell_sh_runs_the_text),
      cmocka_unit_test(operators_need_a_shell),
      cmocka_unit_test(rounds_follow_runs),
      cmocka_unit_test(shared_options_reach_the_run_parser),
      cmocka_unit_test(names_must_fit_and_differ),
      cmocka_unit_test(collectors_combine),
      cmocka_unit_test(counters_need_perf),
      cmocka_unit_test(counters_resolve),
      cmocka_unit_test(helpers),
      cmocka_unit_test(commands_file_comes_first),
      cmocka_unit_test(lookups_say_why),
      cmocka_unit_test(hints_for_shell_words),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  ys_exec_options_free(&opts);
  return failed;
}
