/*
 * cli.c — parses the command line from one table that also writes --help.
 */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <yardstick.h>

#include "../baselines/history.h"
#include "../baselines/store.h"
#include "../collectors/collector.h"
#include "../core/error.h"
#include "../peer/pool.h"
#include "../profile/profile.h"

/* How a row turns its argument into a field of ys_options. */
typedef enum cli_kind {
  CLI_FLAG,      /* no argument: sets a bool to true */
  CLI_SECONDS,   /* double in (0, max] */
  CLI_COUNT,     /* size_t in [min, max] */
  CLI_SEED,      /* any uint64_t */
  CLI_U64,       /* uint64_t in [min, max] */
  CLI_COLLECTOR, /* const char *, a collector's name */
  CLI_FORMAT,    /* const ys_report_ops *, by name */
  CLI_OUTPUT,    /* appends to outputs[] */
  CLI_STRING,    /* const char *, non-empty, borrowed from argv */
  CLI_PERCENT,   /* double in (min, max] percent, stored as a fraction */
  CLI_TIMEOUT,   /* double in [0, max] seconds; 0 is "none" */
  CLI_GATES,     /* appends METRIC:PCT[,...] to a ys_metric_gates */
} cli_kind;

typedef struct cli_option {
  const char *name;    /* long name without "--" */
  int has_arg;         /* no_argument or required_argument */
  const char *metavar; /* shown in --help; NULL without argument */
  const char *help;    /* NULL: internal, left out of --help */
  cli_kind kind;
  size_t field;      /* offsetof(ys_options, <what it sets>) */
  double min, max;   /* bounds of CLI_SECONDS (min exclusive) and CLI_COUNT */
  double quick;      /* the value --quick gives the field; 0 for none */
  bool show_default; /* --help prints the default value */
} cli_option;

#define CLI_FIELD(member) offsetof(ys_options, member)

static const cli_option cli_options[] = {
    {"exact", no_argument, NULL, "match each REGEX as an exact name", CLI_FLAG,
     CLI_FIELD(exact), 0, 0, 0, false},
    {"list", no_argument, NULL, "print the selected benchmark names and exit",
     CLI_FLAG, CLI_FIELD(list), 0, 0, 0, false},
    {"shard", required_argument, "K/N",
     "run (or --list) only the K-th of N parts of the selected benchmarks, "
     "balanced by the --baseline's timings when one is given, else by a hash "
     "of their names",
     CLI_STRING, CLI_FIELD(shard), 0, 0, 0, false},
    {"collector", required_argument, "NAME", "what each sample measures",
     CLI_COLLECTOR, CLI_FIELD(collector), 0, 0, 0, true},
    {"warm-up-time", required_argument, "S",
     "seconds of warm-up per benchmark, all rounds", CLI_SECONDS,
     CLI_FIELD(warm_up_time_s), 0, 3600, YS_QUICK_WARM_UP_S, true},
    {"measurement-time", required_argument, "S",
     "seconds of measurement per benchmark, all rounds", CLI_SECONDS,
     CLI_FIELD(measurement_time_s), 0, 3600, YS_QUICK_MEASUREMENT_S, true},
    {"counters", required_argument, "LIST",
     "perf events to count, comma-separated (default: all it knows)",
     CLI_STRING, CLI_FIELD(collect.counters), 0, 0, 0, false},
    {"require-counters", no_argument, NULL,
     "fail (exit 2) when a perf event asked for, the default list included, "
     "cannot be counted here",
     CLI_FLAG, CLI_FIELD(collect.require_counters), 0, 0, 0, false},
    {"cache-sim", no_argument, NULL,
     "callgrind: simulate caches and report misses and estimated cycles",
     CLI_FLAG, CLI_FIELD(collect.cache_sim), 0, 0, 0, false},
    {"callgrind-out", required_argument, "DIR",
     "callgrind: keep the raw callgrind files in DIR", CLI_STRING,
     CLI_FIELD(collect.callgrind_out), 0, 0, 0, false},
    {"iterations", required_argument, "N",
     "iterations per measurement of an exact collector (callgrind)", CLI_U64,
     CLI_FIELD(collect.iterations), 1, 1000000000, 0, true},
    {"sample-size", required_argument, "N", "samples per round", CLI_COUNT,
     CLI_FIELD(sample_size), 2, 1000000, YS_QUICK_SAMPLE_SIZE, true},
    {"rounds", required_argument, "N", "rounds per benchmark", CLI_COUNT,
     CLI_FIELD(rounds), 1, 10000, YS_QUICK_ROUNDS, true},
    {"processes", required_argument, "N",
     "worker processes over which each side's rounds are spread "
     "(0: measure in this process)",
     CLI_COUNT, CLI_FIELD(processes), 0, YS_POOL_MAX_PROCESSES, 0, true},
    {"timeout", required_argument, "S",
     "seconds one benchmark may run, all rounds, before it is stopped and "
     "reported failed (default: 10 times warm-up plus measurement time, at "
     "least 60; 600 under callgrind; 0: none). Worker processes are killed; "
     "with --processes 0 or callgrind an alarm (SIGALRM) interrupts the "
     "benchmark, which may leave this process unable to go on",
     CLI_TIMEOUT, CLI_FIELD(timeout_s), 0, 86400, 0, false},
    {"seed", required_argument, "N", "seed of the round order and bootstrap",
     CLI_SEED, CLI_FIELD(seed), 0, 0, 0, true},
    {"pin", required_argument, "CPU|auto",
     "measure on this CPU only (sched_setaffinity); auto: an idle CPU whose "
     "SMT sibling is idle too",
     CLI_STRING, CLI_FIELD(pin), 0, 0, 0, false},
    {"latency", no_argument, NULL,
     "time every iteration on its own and report latency percentiles (p50, "
     "p90, p99, p99.9, max); refused, with a note, for a benchmark whose "
     "iteration is too short for the clock",
     CLI_FLAG, CLI_FIELD(latency), 0, 0, 0, false},
    {"quick", no_argument, NULL,
     "short run for smoke tests; settings given explicitly are kept", CLI_FLAG,
     CLI_FIELD(quick), 0, 0, 0, false},
    {"format", required_argument, "NAME", "report format written to stdout",
     CLI_FORMAT, CLI_FIELD(format), 0, 0, 0, true},
    {"quiet", no_argument, NULL,
     "results only: no diagnostics, no notes, no progress line", CLI_FLAG,
     CLI_FIELD(quiet), 0, 0, 0, false},
    {"verbose", no_argument, NULL,
     "every diagnostic in full under its benchmark", CLI_FLAG,
     CLI_FIELD(verbose), 0, 0, 0, false},
    {"output", required_argument, "[FORMAT:]FILE",
     "also write a report to FILE ('-' is stdout); format from the extension "
     "if omitted; repeatable",
     CLI_OUTPUT, CLI_FIELD(outputs), 0, 0, 0, false},
    {"save-baseline", required_argument, "NAME",
     "save this run as baseline NAME in the baseline directory", CLI_STRING,
     CLI_FIELD(save_baseline), 0, 0, 0, false},
    {"history", required_argument, "N",
     "with --save-baseline NAME: also keep this run in NAME's history of "
     "its last N runs, whose spread sets each benchmark's noise band",
     CLI_COUNT, CLI_FIELD(history), YS_POLICY_BAND_MIN_RUNS,
     YS_HISTORY_MAX_RUNS, 0, false},
    {"baseline", required_argument, "NAME|PATH",
     "compare with a saved baseline; exit 1 when a benchmark regressed",
     CLI_STRING, CLI_FIELD(baseline), 0, 0, 0, false},
    {"if-missing", required_argument, "fail|report",
     "when the --baseline file does not exist: fail (exit 2), or report "
     "this run without comparing (exit 0)",
     CLI_STRING, CLI_FIELD(if_missing), 0, 0, 0, false},
    {"against", required_argument, "PROGRAM",
     "compare with another build of this suite, run round for round "
     "alongside this one",
     CLI_STRING, CLI_FIELD(against), 0, 0, 0, false},
    {"baseline-dir", required_argument, "DIR",
     "where baselines are saved (also YARDSTICK_BASELINE_DIR; "
     "default " YS_BASELINE_DEFAULT_DIR ")",
     CLI_STRING, CLI_FIELD(baseline_dir), 0, 0, 0, false},
    {"threshold", required_argument, "PCT",
     "slow-down, in percent, above which a benchmark regressed", CLI_PERCENT,
     CLI_FIELD(threshold), 0, 1000, 0, true},
    {"gate", required_argument, "METRIC:PCT[,...]",
     "gate these metrics, each at its own threshold (e.g. "
     "instructions:2%,D1mr:10%; METRIC:PCT:higher when higher is better); "
     "repeatable. Every metric is compared and shown; the primary one and "
     "those named here fail the run when they regress",
     CLI_GATES, CLI_FIELD(gates), 0, 0, 0, false},
    {"fail-on-inconclusive", no_argument, NULL,
     "exit 1 also when noise leaves a comparison inconclusive", CLI_FLAG,
     CLI_FIELD(fail_on_inconclusive), 0, 0, 0, false},
    {"profile-dir", required_argument, "DIR",
     "profile: where the profile files go (default " YS_PROFILE_DEFAULT_DIR ")",
     CLI_STRING, CLI_FIELD(profile_dir), 0, 0, 0, false},
    {"profile-time", required_argument, "S",
     "profile: seconds of timed loop sampled per benchmark", CLI_SECONDS,
     CLI_FIELD(profile_time_s), 0, 3600, 0, true},
    {"save-profile", required_argument, "NAME",
     "profile: also keep this profile as NAME in the profile directory, "
     "for a later --baseline NAME",
     CLI_STRING, CLI_FIELD(save_profile), 0, 0, 0, false},
    {"strict", no_argument, NULL,
     "doctor: exit 1 when a finding is a warning, not only a problem", CLI_FLAG,
     CLI_FIELD(strict), 0, 0, 0, false},
    {"config", required_argument, "FILE",
     "read the defaults of this run from FILE (default: ./yardstick.yaml "
     "when it exists); options given here override it",
     CLI_STRING, CLI_FIELD(config), 0, 0, 0, false},
    {"no-config", no_argument, NULL, "read no config file", CLI_FLAG,
     CLI_FIELD(no_config), 0, 0, 0, false},
    {"worker", no_argument, NULL, NULL, CLI_FLAG, CLI_FIELD(worker), 0, 0, 0,
     false},
    {"help", no_argument, NULL, "print this help and exit", CLI_FLAG,
     CLI_FIELD(help), 0, 0, 0, false},
    {"version", no_argument, NULL, "print the version and exit", CLI_FLAG,
     CLI_FIELD(version), 0, 0, 0, false},
};

#define CLI_N_OPTIONS (sizeof(cli_options) / sizeof(cli_options[0]))

/* Which rows were given is kept as bits of one word. */
_Static_assert(CLI_N_OPTIONS <= 64, "cli_options has more rows than bits");

/* getopt_long returns this plus the row index, above every char value, so a
 * return value maps straight back to its row. */
#define CLI_VAL_BASE 0x100

void ys_options_init(ys_options *o) {
  memset(o, 0, sizeof(*o));
  o->collector = "wall";
  o->warm_up_time_s = YS_DEFAULT_WARM_UP_S;
  o->measurement_time_s = YS_DEFAULT_MEASUREMENT_S;
  o->sample_size = YS_DEFAULT_SAMPLE_SIZE;
  o->rounds = YS_DEFAULT_ROUNDS;
  o->processes = YS_DEFAULT_PROCESSES;
  o->timeout_s = YS_TIMEOUT_AUTO;
  o->seed = YS_DEFAULT_SEED;
  o->format = ys_report_find("console");
  o->threshold = YS_POLICY_THRESHOLD;
  o->collect.iterations = 1;
  o->profile_time_s = YS_PROFILE_DEFAULT_SECONDS;
}

/* Writes a message into the caller's buffer and returns YS_EINVAL, so each
 * error path is one statement. */
#define cli_fail(err, err_len, ...)                                            \
  ys_error_set(err, err_len, YS_EINVAL, __VA_ARGS__)

/* Parses a whole string of decimal digits. Signs and spaces are refused:
 * strtoull would silently wrap "-1" to 2^64-1. */
static bool cli_parse_u64(const char *text, uint64_t *out) {
  if (text[0] < '0' || text[0] > '9') return false;
  errno = 0;
  char *end;
  unsigned long long v = strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0') return false;
  *out = v;
  return true;
}

/* A whole string that is a finite number in (row->min, row->max]. strtod
 * skips leading spaces and accepts an empty tail; neither is a number the
 * user meant. */
static bool cli_parse_bounded(const cli_option *row, const char *arg,
                              double *out) {
  if (arg[0] == '\0' || isspace((unsigned char)arg[0])) return false;
  char *end;
  errno = 0;
  double v = strtod(arg, &end);
  if (errno != 0 || *end != '\0' || !isfinite(v) || v <= row->min ||
      v > row->max)
    return false;
  *out = v;
  return true;
}

static int cli_set_seconds(const cli_option *row, const char *arg, double *out,
                           char *err, size_t err_len) {
  if (!cli_parse_bounded(row, arg, out))
    return cli_fail(err, err_len,
                    "--%s: '%s' is not a number of seconds in (%g, %g]",
                    row->name, arg, row->min, row->max);
  return 0;
}

/* Percent on the command line, a fraction in the options. */
static int cli_set_percent(const cli_option *row, const char *arg, double *out,
                           char *err, size_t err_len) {
  double v;
  if (!cli_parse_bounded(row, arg, &v))
    return cli_fail(err, err_len, "--%s: '%s' is not a percentage in (%g, %g]",
                    row->name, arg, row->min, row->max);
  *out = v / 100.0;
  return 0;
}

static int cli_set_string(const cli_option *row, const char *arg,
                          const char **out, char *err, size_t err_len) {
  if (arg[0] == '\0')
    return cli_fail(err, err_len, "--%s: the value must not be empty",
                    row->name);
  *out = arg;
  return 0;
}

/* An integer in [row->min, row->max], stored as the row's kind says:
 * size_t for CLI_COUNT, uint64_t for CLI_U64. */
static int cli_set_integer(const cli_option *row, const char *arg, void *field,
                           char *err, size_t err_len) {
  uint64_t v;
  if (!cli_parse_u64(arg, &v) || v < (uint64_t)row->min ||
      v > (uint64_t)row->max)
    return cli_fail(err, err_len, "--%s: '%s' is not an integer in %.0f..%.0f",
                    row->name, arg, row->min, row->max);
  if (row->kind == CLI_COUNT)
    *(size_t *)field = (size_t)v;
  else
    *(uint64_t *)field = v;
  return 0;
}

static int cli_set_seed(const cli_option *row, const char *arg, uint64_t *out,
                        char *err, size_t err_len) {
  if (!cli_parse_u64(arg, out))
    return cli_fail(err, err_len, "--%s: '%s' is not an integer in 0..%" PRIu64,
                    row->name, arg, UINT64_MAX);
  return 0;
}

/* One collector or several joined by ','; borrowed from argv. */
static int cli_set_collector(const cli_option *row, const char *arg,
                             const char **out, char *err, size_t err_len) {
  char why[200];
  if (ys_collector_check(arg, why, sizeof(why)) != 0)
    return cli_fail(err, err_len, "--%s: %s", row->name, why);
  *out = arg;
  return 0;
}

static int cli_set_format(const cli_option *row, const char *arg,
                          const ys_report_ops **out, char *err,
                          size_t err_len) {
  const ys_report_ops *ops = ys_report_find(arg);
  if (ops == NULL)
    return cli_fail(err, err_len, "--%s: unknown format '%s' (available: %s)",
                    row->name, arg, ys_report_names());
  *out = ops;
  return 0;
}

/* Whether `name` (len bytes) could only be meant as a format name: lower
 * case letters alone, as every format's name is. */
static bool looks_like_format(const char *name, size_t len) {
  if (len == 0) return false;
  for (size_t i = 0; i < len; i++)
    if (name[i] < 'a' || name[i] > 'z') return false;
  return true;
}

/* "[FORMAT:]FILE": a known format name before the first ':' wins, so that
 * "json:out.txt" works; otherwise the whole argument is a path whose
 * extension picks the format (a path may itself contain ':'). A prefix of
 * lower case letters that names no format is refused rather than taken as
 * part of a file name: "md:summary.md" meant a format, and silently writing
 * a file named "md:summary.md" would lose the summary. */
static int cli_add_output(const cli_option *row, const char *arg, ys_options *o,
                          char *err, size_t err_len) {
  if (o->n_outputs == YS_MAX_OUTPUTS)
    return cli_fail(err, err_len, "--%s: at most %d outputs may be given",
                    row->name, YS_MAX_OUTPUTS);
  const ys_report_ops *format = NULL;
  const char *path = arg;
  const char *colon = strchr(arg, ':');
  if (colon != NULL) {
    char name[32];
    size_t len = (size_t)(colon - arg);
    if (len < sizeof(name)) {
      memcpy(name, arg, len);
      name[len] = '\0';
      format = ys_report_find(name);
      if (format != NULL) path = colon + 1;
    }
    if (format == NULL && looks_like_format(arg, len))
      return cli_fail(err, err_len,
                      "--%s: unknown format '%.*s' in '%s' (formats: %s); a "
                      "file whose name holds ':' can be given as ./%s",
                      row->name, (int)len, arg, arg, ys_report_names(), arg);
  }
  if (format == NULL) format = ys_report_for_path(arg);
  if (format == NULL)
    return cli_fail(err, err_len,
                    "--%s: cannot tell the format of '%s'; write FORMAT:FILE "
                    "(formats: %s)",
                    row->name, arg, ys_report_names());
  if (path[0] == '\0')
    return cli_fail(err, err_len, "--%s: '%s' names no file", row->name, arg);
  o->outputs[o->n_outputs].format = format;
  o->outputs[o->n_outputs].path = path;
  o->n_outputs++;
  return 0;
}

/* Standard output gets one report: "--output FORMAT:-" chooses its format
 * as --format does, so giving both, or "-" twice, is refused (two
 * documents on one stream parse as neither). The "-" output leaves
 * outputs[] and becomes o->format. */
static int cli_take_stdout_output(ys_options *o, uint64_t given, char *err,
                                  size_t err_len) {
  bool taken = false;
  for (size_t i = 0; i < CLI_N_OPTIONS; i++)
    if (cli_options[i].kind == CLI_FORMAT && (given & (UINT64_C(1) << i)))
      taken = true;
  size_t kept = 0;
  for (size_t i = 0; i < o->n_outputs; i++) {
    if (strcmp(o->outputs[i].path, "-") != 0) {
      o->outputs[kept++] = o->outputs[i];
      continue;
    }
    if (taken)
      return cli_fail(err, err_len,
                      "--output %s:-: standard output already gets the %s "
                      "report; give --format or one --output FORMAT:-",
                      o->outputs[i].format->name, o->format->name);
    o->format = o->outputs[i].format;
    taken = true;
  }
  o->n_outputs = kept;
  return 0;
}

/* Stores one option's argument in the field its row names. */
static int cli_apply(const cli_option *row, const char *arg, ys_options *o,
                     char *err, size_t err_len) {
  void *field = (char *)o + row->field;
  switch (row->kind) {
  case CLI_FLAG:
    *(bool *)field = true;
    return 0;
  case CLI_SECONDS:
    return cli_set_seconds(row, arg, field, err, err_len);
  case CLI_COUNT:
  case CLI_U64:
    return cli_set_integer(row, arg, field, err, err_len);
  case CLI_SEED:
    return cli_set_seed(row, arg, field, err, err_len);

  case CLI_COLLECTOR:
    return cli_set_collector(row, arg, field, err, err_len);
  case CLI_FORMAT:
    return cli_set_format(row, arg, field, err, err_len);
  case CLI_OUTPUT:
    return cli_add_output(row, arg, o, err, err_len);
  case CLI_STRING:
    return cli_set_string(row, arg, field, err, err_len);
  case CLI_PERCENT:
    return cli_set_percent(row, arg, field, err, err_len);
  case CLI_GATES: {
    char why[300];
    if (ys_metric_gates_parse(arg, field, why, sizeof(why)) != 0)
      return cli_fail(err, err_len, "--%s: %s", row->name, why);
    return 0;
  }
  case CLI_TIMEOUT:
    /* Zero is allowed here (no limit), so the bound below is inclusive. */
    if (strcmp(arg, "0") == 0) {
      *(double *)field = 0;
      return 0;
    }
    if (!cli_parse_bounded(row, arg, field))
      return cli_fail(err, err_len,
                      "--%s: '%s' is not a number of seconds in [0, %g]",
                      row->name, arg, row->max);
    return 0;
  }
  /* Unreachable while every kind has a case above; kept so a new kind
   * without one fails loudly instead of being ignored. */
  return cli_fail(err, err_len, "--%s: unhandled option", row->name);
}

/* --quick shortens only the settings the user did not give, so the result
 * does not depend on the order of the flags. */
static void cli_apply_quick(ys_options *o, uint64_t given) {
  for (size_t i = 0; i < CLI_N_OPTIONS; i++) {
    const cli_option *row = &cli_options[i];
    if (row->quick <= 0 || (given & (UINT64_C(1) << i)) != 0) continue;
    void *field = (char *)o + row->field;
    if (row->kind == CLI_SECONDS) *(double *)field = row->quick;
    if (row->kind == CLI_COUNT) *(size_t *)field = (size_t)row->quick;
  }
}

/* A list option (--gate, --output) the command line gives for the first
 * time replaces the config file's list instead of adding to it: the
 * command line overrides the file, lists included. */
static void cli_drop_configured_list(ys_options *o, size_t row) {
  if ((o->configured & (UINT64_C(1) << row)) == 0) return;
  if (cli_options[row].kind == CLI_GATES)
    memset(&o->gates, 0, sizeof(o->gates));
  if (cli_options[row].kind == CLI_OUTPUT) o->n_outputs = 0;
}

/* The row of the option named `name` exactly, or NULL. */
static const cli_option *cli_row(const char *name, size_t *index) {
  for (size_t i = 0; i < CLI_N_OPTIONS; i++)
    if (strcmp(cli_options[i].name, name) == 0) {
      *index = i;
      return &cli_options[i];
    }
  return NULL;
}

int ys_cli_apply_option(ys_options *o, const char *name, const char *value,
                        char *err, size_t err_len) {
  if (err != NULL && err_len > 0) err[0] = '\0';
  size_t i;
  const cli_option *row = cli_row(name, &i);
  if (row == NULL || row->help == NULL)
    return cli_fail(err, err_len, "--%s: no such option", name);
  if (row->kind == CLI_FLAG) {
    /* A flag in a file may also be switched off explicitly. */
    bool on = strcmp(value, "true") == 0;
    if (!on && strcmp(value, "false") != 0)
      return cli_fail(err, err_len, "--%s: '%s' is neither true nor false",
                      row->name, value);
    *(bool *)((char *)o + row->field) = on;
  } else {
    int rc = cli_apply(row, value, o, err, err_len);
    if (rc != 0) return rc;
    if (row->kind == CLI_OUTPUT &&
        strcmp(o->outputs[o->n_outputs - 1].path, "-") == 0) {
      o->n_outputs--;
      return cli_fail(err, err_len,
                      "--%s: standard output's format is chosen with format",
                      row->name);
    }
  }
  o->configured |= UINT64_C(1) << i;
  return 0;
}

/* getopt reports an unknown or ambiguous long option without its name; the
 * argv element it skipped holds it. */
static int cli_fail_unknown(const char *arg, char *err, size_t err_len) {
  if (strncmp(arg, "--", 2) != 0)
    return cli_fail(err, err_len, "unknown option '%s'", arg);
  const char *name = arg + 2;
  size_t len = strcspn(name, "=");
  size_t matches = 0;
  for (size_t i = 0; i < CLI_N_OPTIONS; i++)
    if (strncmp(cli_options[i].name, name, len) == 0) matches++;
  if (len > 0 && matches > 1)
    return cli_fail(err, err_len, "ambiguous option '%.*s' (see --help)",
                    (int)(len + 2), arg);
  return cli_fail(err, err_len, "unknown option '%s' (see --help)", arg);
}

int ys_cli_parse(int argc, char **argv, ys_options *o, char *err,
                 size_t err_len) {
  struct option longopts[CLI_N_OPTIONS + 1];
  for (size_t i = 0; i < CLI_N_OPTIONS; i++) {
    longopts[i].name = cli_options[i].name;
    longopts[i].has_arg = cli_options[i].has_arg;
    longopts[i].flag = NULL;
    longopts[i].val = CLI_VAL_BASE + (int)i;
  }
  memset(&longopts[CLI_N_OPTIONS], 0, sizeof(longopts[0]));

  if (err != NULL && err_len > 0) err[0] = '\0';
  /* optind = 0 makes glibc re-initialise its scanner, so repeated calls
   * (tests, a caller parsing twice) start clean. */
  int saved_opterr = opterr;
  opterr = 0;
  optind = 0;
  uint64_t given = 0;
  const char *values[CLI_N_OPTIONS] = {0}; /* each option's first value */
  int rc = 0;
  int c;
  /* A leading ':' makes a missing argument return ':' rather than '?'. */
  while (rc == 0 && (c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
    if (c >= CLI_VAL_BASE && c < CLI_VAL_BASE + (int)CLI_N_OPTIONS) {
      size_t i = (size_t)(c - CLI_VAL_BASE);
      const cli_option *row = &cli_options[i];
      bool again = (given & (UINT64_C(1) << i)) != 0;
      /* A value given twice is a mistake the last one would hide
       * (`--shard 1/3 --shard 2/3` runs one part, not two): only the
       * list options add up, and a flag said twice is still one flag. */
      if (again && row->kind != CLI_OUTPUT && row->kind != CLI_GATES &&
          row->kind != CLI_FLAG) {
        rc = cli_fail(err, err_len,
                      "--%s is given twice ('%s' and '%s'): it takes one "
                      "value",
                      row->name, values[i], optarg);
        break;
      }
      if (!again) cli_drop_configured_list(o, i);
      given |= UINT64_C(1) << i;
      values[i] = optarg;
      rc = cli_apply(row, optarg, o, err, err_len);
    } else if (c == ':' && optopt >= CLI_VAL_BASE) {
      const cli_option *row = &cli_options[optopt - CLI_VAL_BASE];
      rc = cli_fail(err, err_len, "--%s: missing value %s", row->name,
                    row->metavar);
    } else if (optopt >= CLI_VAL_BASE) {
      /* A known flag without argument was given "=value". */
      rc = cli_fail(err, err_len, "--%s: takes no value",
                    cli_options[optopt - CLI_VAL_BASE].name);
    } else if (optopt != 0) {
      rc = cli_fail(err, err_len, "unknown option '-%c' (see --help)", optopt);
    } else {
      rc = cli_fail_unknown(argv[optind - 1], err, err_len);
    }
  }
  opterr = saved_opterr;
  o->given = given;
  if (rc != 0) return rc;

  if (o->quiet && o->verbose)
    return cli_fail(err, err_len, "give --quiet or --verbose, not both");
  if ((rc = cli_take_stdout_output(o, given, err, err_len)) != 0) return rc;
  /* Settings from the config file are explicit too: --quick keeps them. */
  if (o->quick) cli_apply_quick(o, given | o->configured);
  if (optind < argc) {
    o->filters = &argv[optind];
    o->n_filters = (size_t)(argc - optind);
  } else {
    o->filters = NULL;
    o->n_filters = 0;
  }
  return 0;
}

const char *ys_cli_given_other(const ys_options *o, const char *const *allowed,
                               size_t n_allowed) {
  for (size_t i = 0; i < CLI_N_OPTIONS; i++) {
    if ((o->given & (UINT64_C(1) << i)) == 0) continue;
    bool listed = false;
    for (size_t a = 0; a < n_allowed && !listed; a++)
      listed = strcmp(cli_options[i].name, allowed[a]) == 0;
    if (!listed) return cli_options[i].name;
  }
  return NULL;
}

bool ys_cli_given(const ys_options *o, const char *name) {
  for (size_t i = 0; i < CLI_N_OPTIONS; i++)
    if (strcmp(cli_options[i].name, name) == 0)
      return (o->given & (UINT64_C(1) << i)) != 0;
  return false;
}

bool ys_cli_configured(const ys_options *o, const char *name) {
  for (size_t i = 0; i < CLI_N_OPTIONS; i++)
    if (strcmp(cli_options[i].name, name) == 0)
      return (o->configured & (UINT64_C(1) << i)) != 0;
  return false;
}

/* "--name METAVAR", the left column of --help. */
static int cli_left_column(const cli_option *row, char *buf, size_t len) {
  if (row->metavar != NULL)
    return snprintf(buf, len, "--%s %s", row->name, row->metavar);
  return snprintf(buf, len, "--%s", row->name);
}

/* Stands for a space where --help must not break the line. */
#define CLI_GLUE "\x1f"

/* The default of a row's field as " (default: X)", read from a
 * freshly initialised ys_options so that --help can never disagree with the
 * code. Writes an empty string for rows without a default worth showing. */
static void cli_format_default(const cli_option *row, const ys_options *d,
                               char *buf, size_t len) {
  const void *field = (const char *)d + row->field;
  buf[0] = '\0';
  switch (row->kind) {
  case CLI_SECONDS:
    snprintf(buf, len, " (default:" CLI_GLUE "%g)", *(const double *)field);
    break;
  case CLI_COUNT:
    snprintf(buf, len, " (default:" CLI_GLUE "%zu)", *(const size_t *)field);
    break;
  case CLI_SEED:
  case CLI_U64:
    snprintf(buf, len, " (default:" CLI_GLUE "%" PRIu64 ")",
             *(const uint64_t *)field);
    break;
  case CLI_COLLECTOR:
    snprintf(buf, len, " (default:" CLI_GLUE "%s)",
             *(const char *const *)field);
    break;
  case CLI_FORMAT: {
    const ys_report_ops *ops = *(const ys_report_ops *const *)field;
    if (ops != NULL) snprintf(buf, len, " (default:" CLI_GLUE "%s)", ops->name);
    break;
  }
  case CLI_PERCENT:
    snprintf(buf, len, " (default:" CLI_GLUE "%g)",
             *(const double *)field * 100.0);
    break;
  case CLI_FLAG:
  case CLI_OUTPUT:
  case CLI_STRING:
  case CLI_TIMEOUT:
  case CLI_GATES:
    break;
  }
}

/* The right column of --help for one row: its help text, the values it
 * accepts when they form a short list, and its default. */
static void cli_describe(const cli_option *row, const ys_options *defaults,
                         char *buf, size_t len) {
  char choices[160] = "";
  if (row->kind == CLI_COLLECTOR)
    snprintf(choices, sizeof(choices), ": %s", ys_collector_names());
  if (row->kind == CLI_FORMAT)
    snprintf(choices, sizeof(choices), ": %s", ys_report_names());
  char def[64] = "";
  if (row->show_default) cli_format_default(row, defaults, def, sizeof(def));
  snprintf(buf, len, "%s%s%s", row->help, choices, def);
}

#define CLI_HELP_COLUMNS 80

/* Writes `text` from column `indent` on, wrapped at word boundaries so the
 * help fits a terminal of CLI_HELP_COLUMNS. */
static void cli_print_wrapped(FILE *out, const char *text, int indent) {
  int avail = CLI_HELP_COLUMNS - indent;
  int col = 0;
  const char *p = text + strspn(text, " ");
  while (*p != '\0') {
    int word = (int)strcspn(p, " ");
    if (col > 0 && col + 1 + word > avail) {
      fprintf(out, "\n%*s", indent, "");
      col = 0;
    } else if (col > 0) {
      fputc(' ', out);
      col++;
    }
    for (int i = 0; i < word; i++)
      fputc(p[i] == CLI_GLUE[0] ? ' ' : p[i], out);
    col += word;
    p += word;
    p += strspn(p, " ");
  }
  fputc('\n', out);
}

void ys_cli_print_help(FILE *out, const char *prog) {
  ys_options defaults;
  ys_options_init(&defaults);

  char left[64];
  int width = 0;
  for (size_t i = 0; i < CLI_N_OPTIONS; i++) {
    if (cli_options[i].help == NULL) continue;
    int n = cli_left_column(&cli_options[i], left, sizeof(left));
    if (n > width) width = n;
  }

  prog = prog != NULL ? prog : "bench";
  fprintf(out,
          "Usage: %s [OPTION]... [REGEX]...\n"
          "   or: %s compare OLD NEW [OPTION]...\n"
          "   or: %s merge OUT IN... [OPTION]...\n"
          "   or: %s history NAME [REGEX]... [OPTION]...\n"
          "   or: %s profile [REGEX]... [OPTION]...\n"
          "   or: %s doctor [OPTION]...\n"
          "   or: %s exec [OPTION]... COMMAND... (see '%s exec --help')\n",
          prog, prog, prog, prog, prog, prog, prog, prog);
  fprintf(out,
          "Run the benchmarks whose names match any REGEX (POSIX "
          "extended; all when none\nis given) and report their "
          "statistics. 'compare' compares two saved baselines\n"
          "(names or paths) without running anything. 'merge' joins the "
          "baselines saved by\nthe shards of one suite (--shard) into "
          "baseline OUT (with --history N, recorded\nin OUT's history as "
          "one run). 'history' lists the runs\nkept in the history of "
          "baseline NAME (--history N). 'profile' samples the\ncall stacks "
          "of the benchmarks' timed loops with perf (with --collector\n"
          "callgrind: counts the instructions of their call graphs) and "
          "writes flame\ngraphs (--baseline NAME: a profile saved with "
          "--save-profile NAME).\n'doctor' says what on this machine "
          "makes measurements unreliable or\nimpossible, and how to fix "
          "each.\n\nOptions:\n");
  for (size_t i = 0; i < CLI_N_OPTIONS; i++) {
    const cli_option *row = &cli_options[i];
    if (row->help == NULL) continue;
    char text[512];
    cli_left_column(row, left, sizeof(left));
    cli_describe(row, &defaults, text, sizeof(text));
    fprintf(out, "  %-*s  ", width, left);
    cli_print_wrapped(out, text, 2 + width + 2);
  }
  fprintf(out, "\nExit status:\n"
               "  0  success\n"
               "  1  a regression above the threshold was found (or, with\n"
               "     --fail-on-inconclusive, a comparison was inconclusive)\n"
               "  2  usage or input error\n"
               "  3  a benchmark failed or timed out\n"
               "  130, 143  stopped by SIGINT or SIGTERM (a partial report "
               "on stdout only)\n");
}

void ys_cli_print_version(FILE *out) {
  fprintf(out, "yardstick %s\n", YS_VERSION_STRING);
}
