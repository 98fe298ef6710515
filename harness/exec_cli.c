/*
 * exec_cli.c — `bench exec`'s command line: its own options with
 * getopt_long, and the options it shares with a benchmark run (reports,
 * baselines, the gate) handed on to that run's parser, so that each keeps
 * one definition, one check and one message.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../collectors/perf.h"
#include "../core/error.h"
#include "../core/utf8.h"
#include "cli.h"
#include "exec_options.h"
#include "option_rules.h"
#include "pin.h"

enum {
  OPT_NAME = 'n',
  OPT_WARM_UP_RUNS = 256,
  OPT_RUNS,
  OPT_ROUNDS,
  OPT_PREPARE,
  OPT_SETUP,
  OPT_CLEANUP,
  OPT_SHELL,
  OPT_INPUT,
  OPT_COMMANDS,
  OPT_SHOW_OUTPUT,
  OPT_IGNORE_FAILURE,
  OPT_COLLECTOR,
  OPT_TRACE_CHILDREN,
  OPT_COUNTERS,
  OPT_REQUIRE_COUNTERS,
  OPT_REFERENCE,
  OPT_TIMEOUT,
  OPT_HELP,
  OPT_FORWARD, /* handed on to the run's parser as --NAME[=VALUE] */
};

static const struct option exec_long_options[] = {
    {"name", required_argument, NULL, OPT_NAME},
    {"warm-up-runs", required_argument, NULL, OPT_WARM_UP_RUNS},
    {"runs", required_argument, NULL, OPT_RUNS},
    {"rounds", required_argument, NULL, OPT_ROUNDS},
    {"prepare", required_argument, NULL, OPT_PREPARE},
    {"setup", required_argument, NULL, OPT_SETUP},
    {"cleanup", required_argument, NULL, OPT_CLEANUP},
    {"shell", required_argument, NULL, OPT_SHELL},
    {"input", required_argument, NULL, OPT_INPUT},
    {"commands", required_argument, NULL, OPT_COMMANDS},
    {"show-output", no_argument, NULL, OPT_SHOW_OUTPUT},
    {"ignore-failure", no_argument, NULL, OPT_IGNORE_FAILURE},
    {"collector", required_argument, NULL, OPT_COLLECTOR},
    {"trace-children", no_argument, NULL, OPT_TRACE_CHILDREN},
    {"counters", required_argument, NULL, OPT_COUNTERS},
    {"require-counters", no_argument, NULL, OPT_REQUIRE_COUNTERS},
    {"reference", required_argument, NULL, OPT_REFERENCE},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"help", no_argument, NULL, OPT_HELP},
    /* Shared with a benchmark run: parsed by ys_cli_parse. */
    {"format", required_argument, NULL, OPT_FORWARD},
    {"output", required_argument, NULL, OPT_FORWARD},
    {"quiet", no_argument, NULL, OPT_FORWARD},
    {"verbose", no_argument, NULL, OPT_FORWARD},
    {"seed", required_argument, NULL, OPT_FORWARD},
    {"save-baseline", required_argument, NULL, OPT_FORWARD},
    {"baseline", required_argument, NULL, OPT_FORWARD},
    {"baseline-dir", required_argument, NULL, OPT_FORWARD},
    {"if-missing", required_argument, NULL, OPT_FORWARD},
    {"threshold", required_argument, NULL, OPT_FORWARD},
    {"fail-on-inconclusive", no_argument, NULL, OPT_FORWARD},
    {"pin", required_argument, NULL, OPT_FORWARD},
    {NULL, 0, NULL, 0},
};

void ys_exec_print_help(FILE *out, const char *prog) {
  fprintf(
      out,
      "Usage: %s exec [OPTION]... COMMAND... [-- COMMAND [ARG]...]\n"
      "Times whole commands: warm-up runs, then measured runs in interleaved,\n"
      "shuffled rounds; wall time (primary), user and system CPU time, max\n"
      "RSS; reported, compared and saved as benchmarks are.\n\n"
      "  -n, --name NAME        names the next command (in order)\n"
      "  --commands FILE        time the commands listed in YAML file FILE\n"
      "                         (before those of the command line)\n"
      "  --warm-up-runs N       unmeasured runs per command (default: %d)\n"
      "  --runs N               measured runs per command (default: %d)\n"
      "  --rounds N             rounds the runs are split into (default: "
      "%d)\n"
      "  --prepare CMD          shell command before each run, not timed\n"
      "  --setup CMD            shell command once before all runs\n"
      "  --cleanup CMD          shell command once after all runs\n"
      "  --shell none|sh        none: split COMMAND into words (wordexp, no\n"
      "                         command substitution); sh: run it with sh -c\n"
      "                         and subtract the shell's start-up "
      "(default: none)\n"
      "  --input FILE|null      the commands' stdin, read from its start by\n"
      "                         every run (default: null, /dev/null)\n"
      "  --show-output          send the commands' output to stderr\n"
      "  --ignore-failure       accept a non-zero exit status\n"
      "  --collector NAME       wall, perf, wall,perf or callgrind (default:\n"
      "                         wall)\n"
      "  --counters LIST        perf: the events to count (default: all)\n"
      "  --require-counters     perf: an event that cannot be counted here is\n"
      "                         an error, not a note\n"
      "  --trace-children       callgrind: count the command's children too\n"
      "  --reference NAME       the command others are compared to (default:\n"
      "                         the first)\n"
      "  --timeout S            kill a run still going after S seconds and\n"
      "                         report the command failed; 0: none (default: "
      "0)\n"
      "  --format, --output, --quiet, --verbose, --seed, --save-baseline,\n"
      "  --baseline, --baseline-dir, --if-missing, --threshold,\n"
      "  --fail-on-inconclusive, --pin CPU|auto: as for a benchmark run\n"
      "  (%s --help); --pin pins this process and so every command run\n\n"
      "Exit status: 0 success, 1 regression, 2 usage or input error (a\n"
      "command that does not exist), 3 a command failed or was killed,\n"
      "130 or 143 interrupted by SIGINT or SIGTERM (partial report).\n",
      prog, YS_EXEC_DEFAULT_WARM_UP_RUNS, YS_EXEC_DEFAULT_RUNS,
      YS_EXEC_DEFAULT_ROUNDS, prog);
}

/* Parses a count in lo..hi for option `opt`. */
static int parse_count(const char *opt, const char *text, size_t lo, size_t hi,
                       size_t *out, char *err, size_t err_len) {
  char *end = NULL;
  errno = 0;
  unsigned long long v = strtoull(text, &end, 10);
  if (text[0] == '-' || text[0] == '\0' || *end != '\0' || errno != 0 ||
      v < lo || v > hi)
    return ys_error_set(err, err_len, YS_EINVAL,
                        "--%s: '%s' is not an integer in %zu..%zu", opt, text,
                        lo, hi);
  *out = (size_t)v;
  return 0;
}

/* --collector: "wall", "callgrind", "perf", or wall and perf joined by
 * ',' in either order (the first one's metrics come first, its first
 * metric the primary, as for a benchmark run's "wall,perf"). */
static int parse_collector(ys_exec_options *o, const char *text, char *err,
                           size_t err_len) {
  o->collector = text;
  o->wall = o->perf = o->callgrind = o->perf_first = false;
  if (strcmp(text, "callgrind") == 0) {
    o->callgrind = true;
    return 0;
  }
  for (const char *p = text;;) {
    size_t len = strcspn(p, ",");
    bool wall = len == 4 && strncmp(p, "wall", 4) == 0;
    bool perf = len == 4 && strncmp(p, "perf", 4) == 0;
    if ((!wall && !perf) || (wall && o->wall) || (perf && o->perf))
      return ys_error_set(err, err_len, YS_EINVAL,
                          "--collector: '%s': bench exec measures with wall, "
                          "perf, wall,perf or callgrind",
                          text);
    if (perf && !o->wall) o->perf_first = true;
    o->wall = o->wall || wall;
    o->perf = o->perf || perf;
    if (p[len] == '\0') return 0;
    p += len + 1;
  }
}

/* Hands option `name` (and its value) on to the run's parser. */
static int forward(ys_exec_options *o, const char *name, const char *value,
                   char *err, size_t err_len) {
  if (o->n_forwarded + 1 >= sizeof(o->forwarded) / sizeof(o->forwarded[0]))
    return ys_error_set(err, err_len, YS_EINVAL, "too many options");
  char *arg = NULL;
  int n = value != NULL ? asprintf(&arg, "--%s=%s", name, value)
                        : asprintf(&arg, "--%s", name);
  if (n < 0) return ys_error_set(err, err_len, YS_ENOMEM, "out of memory");
  o->forwarded[o->n_forwarded++] = arg;
  return 0;
}

/* Splits COMMAND into its argv by the rule of --shell none: wordexp, which
 * splits and unquotes as sh does and expands ~, $VAR and globs, but with
 * command substitution refused (WRDE_NOCMD): nothing runs while parsing. */
static int split_command(ys_exec_command *c, char *err, size_t err_len) {
  int rc = wordexp(c->text, &c->words, WRDE_NOCMD);
  if (rc == 0) {
    c->has_words = true;
    if (c->words.we_wordc == 0)
      return ys_error_set(err, err_len, YS_EINVAL, "command '%s' is empty",
                          c->text);
    c->argv = c->words.we_wordv;
    return 0;
  }
  const char *why = rc == WRDE_BADCHAR
                        ? "has a shell operator (| & ; < > ( ) { } or a "
                          "newline): give --shell sh to run it with sh"
                    : rc == WRDE_CMDSUB ? "has a command substitution: give "
                                          "--shell sh to run it with sh"
                    : rc == WRDE_SYNTAX ? "has unbalanced quotes"
                                        : "cannot be split into words";
  return ys_error_set(err, err_len, YS_EINVAL, "command '%s' %s", c->text, why);
}

/* Adds command `text` (argv == NULL: to be split or given to sh). */
static int add_command(ys_exec_options *o, const char *text, char **argv,
                       char *err, size_t err_len) {
  if (o->n_commands == YS_EXEC_MAX_COMMANDS)
    return ys_error_set(err, err_len, YS_EINVAL, "more than %d commands",
                        YS_EXEC_MAX_COMMANDS);
  ys_exec_command *c = &o->commands[o->n_commands++];
  c->text = text;
  c->argv = argv;
  if (argv != NULL) return 0;
  if (o->shell_sh) {
    c->shell_argv[0] = "sh";
    c->shell_argv[1] = "-c";
    c->shell_argv[2] = (char *)text;
    c->shell_argv[3] = NULL;
    c->argv = c->shell_argv;
    return 0;
  }
  return split_command(c, err, err_len);
}

/* Adds the commands of --commands FILE, each with its own prepare; a
 * command that cannot be split is named by the file's line. */
static int add_file_commands(ys_exec_options *o, char *err, size_t err_len) {
  if (o->file.path == NULL) return 0;
  int rc = ys_exec_file_load(o->file.path, &o->file, err, err_len);
  for (size_t i = 0; rc == 0 && i < o->file.n; i++) {
    const ys_exec_file_entry *e = &o->file.entries[i];
    char why[400];
    rc = add_command(o, e->command, NULL, why, sizeof(why));
    if (rc != 0)
      return ys_error_set(err, err_len, rc, "%s:%zu: command: %s", o->file.path,
                          e->line, why);
    o->commands[o->n_commands - 1].prepare = e->prepare;
    o->commands[o->n_commands - 1].file_line = e->line;
  }
  return rc;
}

/* The command of argv after "--", as one string for names and messages. */

/* Replaces each byte of `name` that does not begin a whole UTF-8
 * character with '?', in place. */
static void replace_non_utf8(char *name) {
  size_t left = strlen(name);
  unsigned char *p = (unsigned char *)name;
  while (left > 0) {
    size_t len = ys_utf8_char_len(p, left);
    if (len == 0) {
      *p = '?';
      len = 1;
    }
    p += len;
    left -= len;
  }
}

static char *join_words(char **argv, int n) {
  size_t len = 1;
  for (int i = 0; i < n; i++)
    len += strlen(argv[i]) + 1;
  char *s = calloc(len, 1);
  for (int i = 0; s != NULL && i < n; i++) {
    if (i > 0) strcat(s, " ");
    strcat(s, argv[i]);
  }
  return s;
}

int ys_exec_options_parse(int argc, char **argv, ys_exec_options *o, char *err,
                          size_t err_len) {
  o->warm_up_runs = YS_EXEC_DEFAULT_WARM_UP_RUNS;
  o->runs = YS_EXEC_DEFAULT_RUNS;
  o->rounds = YS_EXEC_DEFAULT_ROUNDS;
  o->collector = "wall";
  o->wall = true;
  ys_options_init(&o->shared);
  o->forwarded[o->n_forwarded++] = strdup("exec");
  /* Everything after "--" is one command's argv, untouched by getopt. */
  int cut = argc;
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "--") == 0) {
      cut = i;
      break;
    }
  const char *names[YS_EXEC_MAX_COMMANDS];
  size_t n_names = 0;
  bool rounds_given = false, runs_given = false, warm_up_given = false;
  const char *shell = "none";
  opterr = 0;
  optind = 0; /* 0: getopt reinitialises, as for a second parse */
  int ch, index = 0;
  while ((ch = getopt_long(cut, argv, "n:", exec_long_options, &index)) != -1) {
    int rc = 0;
    const char *name = exec_long_options[index].name;
    switch (ch) {
    case OPT_NAME:
      if (n_names == YS_EXEC_MAX_COMMANDS)
        return ys_error_set(err, err_len, YS_EINVAL, "--name: too many names");
      names[n_names++] = optarg;
      break;
    case OPT_WARM_UP_RUNS:
      rc = parse_count("warm-up-runs", optarg, 0, 1000000, &o->warm_up_runs,
                       err, err_len);
      warm_up_given = true;
      break;
    case OPT_RUNS:
      rc = parse_count("runs", optarg, 1, 1000000, &o->runs, err, err_len);
      runs_given = true;
      break;
    case OPT_ROUNDS:
      rc = parse_count("rounds", optarg, 1, 1000000, &o->rounds, err, err_len);
      rounds_given = true;
      break;
    case OPT_PREPARE:
      o->prepare = optarg;
      break;
    case OPT_SETUP:
      o->setup = optarg;
      break;
    case OPT_CLEANUP:
      o->cleanup = optarg;
      break;
    case OPT_SHELL:
      if (strcmp(optarg, "none") != 0 && strcmp(optarg, "sh") != 0)
        return ys_error_set(err, err_len, YS_EINVAL,
                            "--shell: '%s' is not none or sh", optarg);
      shell = optarg;
      break;
    case OPT_COMMANDS:
      if (o->file.path != NULL)
        return ys_error_set(err, err_len, YS_EINVAL, "--commands: given twice");
      o->file.path = optarg;
      break;
    case OPT_INPUT:
      if (optarg[0] == '\0')
        return ys_error_set(err, err_len, YS_EINVAL,
                            "--input: give a file, or null");
      /* "null" is /dev/null, as for hyperfine; ./null is a file so named. */
      o->input = strcmp(optarg, "null") == 0 ? NULL : optarg;
      break;
    case OPT_SHOW_OUTPUT:
      o->show_output = true;
      break;
    case OPT_IGNORE_FAILURE:
      o->ignore_failure = true;
      break;
    case OPT_COLLECTOR:
      rc = parse_collector(o, optarg, err, err_len);
      break;
    case OPT_COUNTERS: {
      char why[400];
      o->counters = optarg;
      if (ys_perf_check_counters(optarg, why, sizeof(why)) != 0)
        rc = ys_error_set(err, err_len, YS_EINVAL, "--counters: %s", why);
      break;
    }
    case OPT_REQUIRE_COUNTERS:
      o->require_counters = true;
      break;
    case OPT_TRACE_CHILDREN:
      o->trace_children = true;
      break;
    case OPT_REFERENCE:
      o->reference = optarg;
      break;
    case OPT_TIMEOUT: {
      char *end = NULL;
      errno = 0;
      o->timeout_s = strtod(optarg, &end);
      if (end == optarg || *end != '\0' || errno != 0 ||
          !(o->timeout_s >= 0 && o->timeout_s <= 1e6))
        return ys_error_set(err, err_len, YS_EINVAL,
                            "--timeout: '%s' is not a number of seconds in "
                            "0..1000000",
                            optarg);
      break;
    }
    case OPT_HELP:
      o->help = true;
      break;
    case OPT_FORWARD:
      rc = forward(o, name, exec_long_options[index].has_arg ? optarg : NULL,
                   err, err_len);
      break;
    default:
      return ys_error_set(err, err_len, YS_EINVAL,
                          "exec: unknown option or missing value: '%s'",
                          argv[optind - 1]);
    }
    if (rc != 0) return rc;
  }
  if (o->help) return 0;
  o->shell_sh = strcmp(shell, "sh") == 0;
  int rc_file = add_file_commands(o, err, err_len);
  if (rc_file != 0) return rc_file;
  size_t n_from_file = o->n_commands;
  int first_command = optind;
  for (int i = first_command; i < cut; i++) {
    int rc = add_command(o, argv[i], NULL, err, err_len);
    if (rc != 0) return rc;
  }
  if (cut < argc - 1) {
    /* An argv given after "--" is executed as it is, whatever --shell. */
    char *text = join_words(argv + cut + 1, argc - cut - 1);
    if (text == NULL)
      return ys_error_set(err, err_len, YS_ENOMEM, "out of memory");
    o->joined = text;
    int rc = add_command(o, text, argv + cut + 1, err, err_len);
    if (rc != 0) return rc;
  }
  if (o->n_commands == 0)
    return ys_error_set(err, err_len, YS_EINVAL,
                        "exec: give a command to time, or --commands FILE "
                        "(bench exec --help)");
  /* -n names the command line's commands: a file's name its own. */
  if (n_names > o->n_commands - n_from_file)
    return ys_error_set(err, err_len, YS_EINVAL,
                        "--name: %zu names for %zu commands%s", n_names,
                        o->n_commands - n_from_file,
                        n_from_file > 0 ? " on the command line (those of "
                                          "--commands are named in the file)"
                                        : "");
  for (size_t i = 0; i < o->n_commands; i++) {
    ys_exec_command *c = &o->commands[i];
    const ys_exec_file_entry *e = i < n_from_file ? &o->file.entries[i] : NULL;
    bool named = e != NULL ? e->name != NULL : i - n_from_file < n_names;
    const char *name = e != NULL && e->name != NULL ? e->name
                       : e == NULL && named         ? names[i - n_from_file]
                                                    : c->text;
    if (c->prepare == NULL) c->prepare = o->prepare;
    if (name[0] == '\0')
      return ys_error_set(err, err_len, YS_EINVAL, "--name: empty name");
    /* A name taken from a long command is cut; a given one is refused. */
    if (named && strlen(name) >= sizeof(c->name))
      return ys_error_set(
          err, err_len, YS_EINVAL, "%s: '%.40s...' is longer than %zu bytes",
          e != NULL ? "name" : "--name", name, sizeof(c->name) - 1);
    snprintf(c->name, sizeof(c->name), "%s", name);
    /* A name goes into baselines and reports, which hold no control
     * characters: a given name with one is refused now rather than after
     * the whole measurement; a name taken from a multi-line script gets
     * spaces for them. */
    for (char *p = c->name; *p != '\0'; p++) {
      unsigned char b = (unsigned char)*p;
      if (b >= 0x20 && b != 0x7f) continue;
      if (named && e != NULL)
        return ys_error_set(err, err_len, YS_EINVAL,
                            "%s:%zu: name: '%s' holds a control character "
                            "(byte 0x%02x); names go into baselines and "
                            "reports",
                            o->file.path, e->line, name, b);
      if (named)
        return ys_error_set(err, err_len, YS_EINVAL,
                            "--name: '%s' holds a control character (byte "
                            "0x%02x); names go into baselines and reports",
                            name, b);
      *p = ' ';
    }
    /* And UTF-8, which is all JSON and YAML hold: another byte would be
     * saved as U+FFFD and never match this name again. A name taken from
     * the command (perhaps cut inside a character) gets '?' for it. */
    if (!ys_utf8_valid(c->name)) {
      if (named && e != NULL)
        return ys_error_set(err, err_len, YS_EINVAL,
                            "%s:%zu: name: '%s' is not UTF-8; names go into "
                            "baselines and reports",
                            o->file.path, e->line, name);
      if (named)
        return ys_error_set(err, err_len, YS_EINVAL,
                            "--name: '%s' is not UTF-8; names go into "
                            "baselines and reports",
                            name);
      replace_non_utf8(c->name);
    }
    for (size_t j = 0; j < i; j++) {
      if (strcmp(o->commands[j].name, c->name) != 0) continue;
      /* Named where the second one was given: its item in the file, or
       * the command line. */
      if (c->file_line > 0)
        return ys_error_set(err, err_len, YS_EINVAL,
                            "%s:%zu: name: two commands are named '%s': give "
                            "each its own name",
                            o->file.path, c->file_line, c->name);
      return ys_error_set(err, err_len, YS_EINVAL,
                          "two commands are named '%s': give each its own "
                          "--name",
                          c->name);
    }
  }
  if (o->reference != NULL) {
    bool found = false;
    for (size_t i = 0; i < o->n_commands; i++)
      found = found || strcmp(o->commands[i].name, o->reference) == 0;
    if (!found)
      return ys_error_set(err, err_len, YS_EINVAL,
                          "--reference: no command is named '%s'",
                          o->reference);
  }
  if ((o->counters != NULL || o->require_counters) && !o->perf)
    return ys_error_set(err, err_len, YS_EINVAL,
                        "--%s does nothing without --collector perf",
                        o->counters != NULL ? "counters" : "require-counters");
  if (o->trace_children && !o->callgrind)
    return ys_error_set(err, err_len, YS_EINVAL,
                        "--trace-children does nothing without "
                        "--collector callgrind");
  if (o->rounds > o->runs) {
    if (rounds_given)
      return ys_error_set(err, err_len, YS_EINVAL,
                          "--rounds: %zu rounds for %zu runs: a round needs "
                          "a run",
                          o->rounds, o->runs);
    o->rounds = o->runs;
  }
  if (o->callgrind) {
    /* Counts are exact: one measured run, nothing to warm. A count of
     * runs asked for would be dropped unseen: it is refused, as any
     * option that does nothing (--timeout is kept: it limits the run). */
    const char *dropped = runs_given      ? "runs"
                          : rounds_given  ? "rounds"
                          : warm_up_given ? "warm-up-runs"
                                          : NULL;
    if (dropped != NULL)
      return ys_error_set(err, err_len, YS_EINVAL,
                          "--%s does nothing with --collector callgrind: "
                          "its counts are exact, measured by one run "
                          "without warm-up",
                          dropped);
    o->runs = 1;
    o->rounds = 1;
    o->warm_up_runs = 0;
  }
  o->forwarded[o->n_forwarded] = NULL;
  /* The shared options, checked by the run's own parser and rules (an
   * --if-missing without --baseline does nothing here either). */
  int rc =
      ys_cli_parse((int)o->n_forwarded, o->forwarded, &o->shared, err, err_len);
  if (rc == 0) rc = ys_option_rules_check(&o->shared, false, err, err_len);
  bool pin_auto;
  int pin_cpu;
  if (rc == 0 && o->shared.pin != NULL)
    rc = ys_pin_parse(o->shared.pin, &pin_auto, &pin_cpu, err, err_len);
  return rc;
}

void ys_exec_options_free(ys_exec_options *o) {
  if (o == NULL) return;
  for (size_t i = 0; i < o->n_commands; i++)
    if (o->commands[i].has_words) wordfree(&o->commands[i].words);
  for (size_t i = 0; i < o->n_forwarded; i++)
    free(o->forwarded[i]);
  free(o->joined);
  ys_exec_file_free(&o->file);
  memset(o, 0, sizeof(*o));
}
