/*
 * exec_options.h — what `bench exec` is told by its command line
 * (docs/exec.md): the commands to time, how often and how, and the options
 * it shares with a benchmark run (reports, baselines, the gate), which are
 * parsed by the run's own parser into `shared`.
 */
#ifndef YS_EXEC_OPTIONS_H
#define YS_EXEC_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <wordexp.h>

#include "../core/model.h"
#include "exec_commands_file.h"
#include "options.h"

/* At most this many commands in one `bench exec`. */
#define YS_EXEC_MAX_COMMANDS 32

/* Defaults (docs/exec.md, "Options"). Twenty runs in ten rounds give the
 * gate ten round estimates, as a benchmark run has, at two runs a round. */
#define YS_EXEC_DEFAULT_WARM_UP_RUNS 3
#define YS_EXEC_DEFAULT_RUNS         20
#define YS_EXEC_DEFAULT_ROUNDS       10
/* Runs of `sh -c ''` whose median is the shell's start-up (--shell sh). */
#define YS_EXEC_SHELL_CALIBRATION_RUNS 21

/* One command to time. */
typedef struct ys_exec_command {
  char name[YS_NAME_MAX]; /* -n NAME, else the command as given */
  const char *text;       /* the command as given, for messages; borrowed */
  char **argv;            /* what is executed: NULL-terminated */
  wordexp_t words;        /* owns argv when it came from wordexp */
  bool has_words;
  char *shell_argv[4]; /* sh -c TEXT under --shell sh */
  /* What runs before each of its runs: its own prepare from --commands
   * FILE, else --prepare; NULL: nothing. Borrowed. */
  const char *prepare;
  size_t file_line; /* its item's line in --commands FILE; 0: not from it */
  /* argv[0] as found in PATH before the runs; "" until then. */
  char program[4096];
} ys_exec_command;

typedef struct ys_exec_options {
  ys_exec_command commands[YS_EXEC_MAX_COMMANDS];
  size_t n_commands;
  size_t warm_up_runs;   /* per command, before any measured run */
  size_t runs;           /* measured runs per command, all rounds */
  size_t rounds;         /* rounds the runs are split into, interleaved */
  const char *prepare;   /* --prepare: before each run; NULL: none */
  ys_exec_file file;     /* --commands FILE, when given */
  const char *setup;     /* shell command once before everything */
  const char *cleanup;   /* shell command once after everything */
  bool shell_sh;         /* --shell sh: each command is `sh -c COMMAND` */
  const char *input;     /* --input FILE: the commands' stdin; NULL: null */
  bool show_output;      /* the commands' output goes to stderr */
  bool ignore_failure;   /* a non-zero exit status is accepted */
  const char *collector; /* --collector as given: "wall", "perf,wall"... */
  bool wall;             /* clock and rusage metrics */
  bool perf;             /* perf counters (--counters, default set) */
  bool perf_first;       /* "perf,wall": the counters come first */
  const char *counters;  /* --counters LIST; NULL: perf's default set */
  bool require_counters; /* an event perf cannot count is an error */
  bool callgrind;        /* --collector callgrind */
  bool trace_children;   /* callgrind follows the command's children */
  double timeout_s;      /* a run still going after this is killed; 0: none */
  const char *reference; /* the command the others are compared to */
  bool help;
  /* Reports, baselines and the gate, as a benchmark run parses them. */
  ys_options shared;
  /* The arguments handed to the run's parser; owned. */
  char *forwarded[64];
  size_t n_forwarded;
  char *joined; /* the command after "--" as one string; owned */
} ys_exec_options;

/* Parses `bench exec`'s arguments (argv[0] is "exec") into *o, which the
 * caller zeroes first. COMMAND arguments before "--" are split into words
 * (wordexp without command substitution) or, under --shell sh, run by sh;
 * everything after "--" is one command's argv, taken as it is. Returns 0,
 * or YS_EINVAL with a message naming the option or command at fault in
 * `err`. argv must outlive *o. Free with ys_exec_options_free. */
int ys_exec_options_parse(int argc, char **argv, ys_exec_options *o, char *err,
                          size_t err_len);

/* Frees what ys_exec_options_parse allocated. NULL-safe. */
void ys_exec_options_free(ys_exec_options *o);

/* Writes `bench exec --help` to `out`; `prog` is the program's name. */
void ys_exec_print_help(FILE *out, const char *prog);

#endif
