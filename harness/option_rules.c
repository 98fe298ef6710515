/*
 * option_rules.c — refuses options that would do nothing (option_rules.h).
 */
#include "option_rules.h"

#include <stdio.h>
#include <string.h>

#include "../collectors/collector.h"
#include "../core/error.h"
#include "../gate/metric_gate.h"
#include "cli.h"
#include "config.h"

/* Options only a run uses: `bench compare` measures nothing, loads the two
 * baselines it is given as OLD and NEW, and saves nothing. What it does
 * use: --seed (the bootstrap of the change), --threshold, --gate, the
 * reports (--format, --output, --quiet, --verbose) and --baseline-dir. */
static const char *const run_only[] = {
    "exact",
    "list",
    "collector",
    "warm-up-time",
    "measurement-time",
    "counters",
    "require-counters",
    "cache-sim",
    "callgrind-out",
    "iterations",
    "sample-size",
    "rounds",
    "processes",
    "quick",
    "save-baseline",
    "history",
    "baseline",
    "if-missing",
    "against",
    "shard",
    "pin",
    "latency",
};

/* Options that do nothing with `bench profile`: it samples in this
 * process with the wall collector measuring the windows (or reads
 * callgrind's call graph under --collector callgrind), writes its own
 * files, and reads --baseline as the name of a saved profile. What it
 * uses: --exact, --profile-dir, --profile-time, --save-profile,
 * --baseline, --timeout, --seed, --quiet, and --collector wall|callgrind
 * with --cache-sim, --callgrind-out and --iterations, or dhat with
 * --iterations. */
static const char *const profile_refuses[] = {
    "list",
    "warm-up-time",
    "measurement-time",
    "counters",
    "require-counters",
    "sample-size",
    "rounds",
    "processes",
    "quick",
    "format",
    "verbose",
    "output",
    "save-baseline",
    "history",
    "if-missing",
    "against",
    "baseline-dir",
    "threshold",
    "fail-on-inconclusive",
    "gate",
    "shard",
    "pin",
};

/* Options that do nothing with --list, which prints the names of the
 * selected benchmarks and measures, compares, reports and saves nothing.
 * What it uses: the filters, --exact, --shard with the --baseline that
 * balances it (--baseline-dir, --if-missing), --config, --quiet. Silence
 * would mislead: a user who wrote `--list --pin 1` would take it for a
 * check of the CPU. One row per option, so that rows from other changes
 * merge line by line. */
static const char *const list_refuses[] = {
    "collector",
    "warm-up-time",
    "measurement-time",
    "counters",
    "require-counters",
    "cache-sim",
    "callgrind-out",
    "iterations",
    "sample-size",
    "rounds",
    "processes",
    "timeout",
    "seed",
    "quick",
    "format",
    "verbose",
    "output",
    "save-baseline",
    "history",
    "pin",
    "against",
    "threshold",
    "gate",
    "fail-on-inconclusive",
    "latency",
};

/* Options only `bench profile` uses. */
static const char *const profile_only[] = {
    "profile-dir",
    "profile-time",
    "save-profile",
};

/* Options of one collector backend, and the backend they need. */
static const struct {
  const char *option;
  const char *backend;
} backend_only[] = {
    {"counters", "perf"},
    {"require-counters", "perf"},
    {"cache-sim", "callgrind"},
    {"callgrind-out", "callgrind"},
};

/* A refusal: the message in err, YS_EINVAL returned. */
#define refuse(err, err_len, ...)                                              \
  ys_error_set(err, err_len, YS_EINVAL, __VA_ARGS__)

/* Whether the --collector value `spec` ("wall,perf") has a backend that
 * matches: the one named `name` when name is not NULL, else an exact one.
 * The parser has checked the list already. */
static bool spec_has(const char *spec, const char *name) {
  const char *p = spec;
  for (;;) {
    size_t len = strcspn(p, ",");
    char part[32];
    if (len < sizeof(part)) {
      memcpy(part, p, len);
      part[len] = '\0';
      const ys_collector_ops *ops = ys_collector_find(part);
      if (ops != NULL &&
          (name != NULL ? strcmp(ops->name, name) == 0 : ops->exact))
        return true;
    }
    if (p[len] == '\0') return false;
    p += len + 1;
  }
}

/* Whether the first backend of the --collector value `spec` (the one whose
 * first metric is the run's primary), with *opts, is timed and measures a
 * time first: what latency mode needs (run/runner.c would otherwise refuse
 * it for every benchmark, one by one, after the run began). */
static bool primary_is_time(const char *spec,
                            const ys_collector_options *opts) {
  char first[32];
  size_t len = strcspn(spec, ",");
  if (len >= sizeof(first)) return false;
  memcpy(first, spec, len);
  first[len] = '\0';
  const ys_collector_ops *ops = ys_collector_find(first);
  if (ops == NULL || ops->exact || ops->known_metrics == NULL) return false;
  ys_metric metrics[YS_MAX_METRICS];
  return ops->known_metrics(opts, metrics) > 0 &&
         metrics[0].kind == YS_METRIC_TIME;
}

static int check_compare(const ys_options *o, char *err, size_t err_len) {
  for (size_t i = 0; i < sizeof(run_only) / sizeof(run_only[0]); i++)
    if (ys_cli_given(o, run_only[i]))
      return refuse(err, err_len,
                    "--%s does nothing with 'compare', which compares two "
                    "saved baselines and runs nothing",
                    run_only[i]);
  return 0;
}

static int check_profile(const ys_options *o, char *err, size_t err_len) {
  for (size_t i = 0; i < sizeof(profile_refuses) / sizeof(profile_refuses[0]);
       i++)
    if (ys_cli_given(o, profile_refuses[i]))
      return refuse(err, err_len,
                    "--%s does nothing with 'profile', which samples the "
                    "timed loops with perf (docs/profiling.md)",
                    profile_refuses[i]);
  /* The wall collector measures the windows perf samples; callgrind's
   * call graph is the profile itself; dhat's runs make the allocation
   * sites. Any other collector would measure what nobody reads. */
  bool callgrind = strcmp(o->collector, "callgrind") == 0;
  bool dhat = strcmp(o->collector, "dhat") == 0;
  if (!callgrind && !dhat && strcmp(o->collector, "wall") != 0)
    return refuse(err, err_len,
                  "--collector: 'profile' takes wall (sampled with perf, the "
                  "default), dhat (allocation sites) or callgrind (exact "
                  "instruction counts), not %s",
                  o->collector);
  static const char *const callgrind_only[] = {"cache-sim", "callgrind-out",
                                               "iterations"};
  for (size_t i = 0; !callgrind && !(dhat && i == 2) && i < 3; i++)
    if (ys_cli_given(o, callgrind_only[i]))
      return refuse(err, err_len,
                    "--%s needs the callgrind collector (--collector "
                    "callgrind), but this profile %s",
                    callgrind_only[i],
                    dhat ? "is DHAT's" : "samples with perf");
  /* A DHAT profile has no flame graph to compare or keep. */
  static const char *const not_dhat[] = {"save-profile", "baseline"};
  for (size_t i = 0; dhat && i < 2; i++)
    if (ys_cli_given(o, not_dhat[i]))
      return refuse(err, err_len,
                    "--%s does nothing with 'profile --collector dhat', "
                    "which writes allocation sites, not a profile to compare",
                    not_dhat[i]);
  return 0;
}

/* The most samples one benchmark may keep, all rounds together: 16 bytes a
 * sample per metric, so 10 million stay within a few hundred megabytes,
 * where 10^10 (the two options' own limits multiplied) would exhaust any
 * machine long after the run should have been refused. */
#define MAX_SAMPLES_PER_BENCHMARK 10000000.0

static int check_list(const ys_options *o, char *err, size_t err_len) {
  for (size_t i = 0; i < sizeof(list_refuses) / sizeof(list_refuses[0]); i++)
    if (ys_cli_given(o, list_refuses[i]))
      return refuse(err, err_len,
                    "--%s does nothing with --list, which prints the names "
                    "of the selected benchmarks and runs nothing",
                    list_refuses[i]);
  /* --baseline only balances the shards (docs/ci.md); without --shard it
   * would compare nothing. */
  if (ys_cli_given(o, "baseline") && o->shard == NULL)
    return refuse(err, err_len,
                  "--baseline does nothing with --list unless --shard is "
                  "given (it then balances the shards by its timings)");
  return 0;
}

static int check_run(const ys_options *o, char *err, size_t err_len) {
  if (o->list) {
    int rc = check_list(o, err, err_len);
    if (rc != 0) return rc;
  }
  if (spec_has(o->collector, "dhat"))
    return refuse(err, err_len,
                  "--collector dhat needs 'profile': %s profile --collector "
                  "dhat [REGEX]...",
                  "bench");
  if ((double)o->sample_size * (double)o->rounds > MAX_SAMPLES_PER_BENCHMARK)
    return refuse(err, err_len,
                  "--sample-size %zu with --rounds %zu keeps %.0f samples per "
                  "benchmark; at most %.0f fit in memory: lower one of them",
                  o->sample_size, o->rounds,
                  (double)o->sample_size * (double)o->rounds,
                  MAX_SAMPLES_PER_BENCHMARK);
  for (size_t i = 0; i < sizeof(backend_only) / sizeof(backend_only[0]); i++)
    if (ys_cli_given(o, backend_only[i].option) &&
        !spec_has(o->collector, backend_only[i].backend))
      return refuse(err, err_len,
                    "--%s needs the %s collector (--collector %s), but this "
                    "run's is %s",
                    backend_only[i].option, backend_only[i].backend,
                    backend_only[i].backend, o->collector);
  /* A timed plan chooses its own iteration counts: only an exact collector
   * measures a fixed count. */
  if (ys_cli_given(o, "iterations") && !spec_has(o->collector, NULL))
    return refuse(err, err_len,
                  "--iterations needs an exact collector (--collector "
                  "callgrind), but this run's is %s; a timed collector "
                  "chooses its own iteration counts",
                  o->collector);
  if (ys_cli_given(o, "history") && o->save_baseline == NULL)
    return refuse(err, err_len,
                  "--history needs --save-baseline: it keeps the runs saved "
                  "under that name");
  /* A shard holds part of the suite: recorded as a run of main, it would
   * make every other benchmark look absent from that run. The merge of
   * the shards records the whole run once. */
  if (ys_cli_given(o, "history") && o->shard != NULL)
    return refuse(err, err_len,
                  "--history with --shard would record one part of the suite "
                  "as a whole run: save each shard's baseline, then record "
                  "the history when merging them: %s merge NAME SHARD... "
                  "--history N",
                  "bench");
  if (ys_cli_given(o, "if-missing") && o->baseline == NULL)
    return refuse(err, err_len,
                  "--if-missing needs --baseline: it says what to do when "
                  "that baseline does not exist");
  if (ys_cli_given(o, "fail-on-inconclusive") && o->baseline == NULL &&
      o->against == NULL)
    return refuse(err, err_len,
                  "--fail-on-inconclusive needs a comparison (--baseline or "
                  "--against): without one there is no verdict");
  if (ys_cli_given(o, "gate") && o->baseline == NULL && o->against == NULL)
    return refuse(err, err_len,
                  "--gate needs a comparison (--baseline or --against): "
                  "without one nothing is gated");
  if (ys_cli_given(o, "latency") && !primary_is_time(o->collector, &o->collect))
    return refuse(err, err_len,
                  "--latency with --collector %s: latency mode times each "
                  "iteration, which needs a time as the primary metric "
                  "(--collector wall); an exact count or another first "
                  "metric cannot",
                  o->collector);
  if (ys_cli_given(o, "processes") && o->processes > 0 &&
      spec_has(o->collector, NULL))
    return refuse(err, err_len,
                  "--processes: an exact collector (%s) counts in one "
                  "process; give --processes 0 or leave it out",
                  o->collector);
  return 0;
}

int ys_option_rules_check(const ys_options *o, bool compare, char *err,
                          size_t err_len) {
  if (err != NULL && err_len > 0) err[0] = '\0';
  if (o->worker) return 0;
  if (o->if_missing != NULL && strcmp(o->if_missing, "fail") != 0 &&
      strcmp(o->if_missing, "report") != 0)
    return refuse(err, err_len, "--if-missing: '%s' is neither fail nor report",
                  o->if_missing);
  if (ys_cli_given(o, "strict"))
    return refuse(err, err_len, "--strict needs 'doctor': %s doctor --strict",
                  "bench");
  if (o->profile) return check_profile(o, err, err_len);
  for (size_t i = 0; i < sizeof(profile_only) / sizeof(profile_only[0]); i++)
    if (ys_cli_given(o, profile_only[i]))
      return refuse(err, err_len, "--%s needs 'profile': %s profile [REGEX]...",
                    profile_only[i], "bench");
  return compare ? check_compare(o, err, err_len) : check_run(o, err, err_len);
}

int ys_option_rules_check_gates(const ys_options *o, char *err,
                                size_t err_len) {
  if (err != NULL && err_len > 0) err[0] = '\0';
  /* As after the run (harness/app_judge.c): a config file's gates mean
   * nothing to a run that compares nothing. */
  if (o->worker || o->profile || (o->baseline == NULL && o->against == NULL))
    return 0;
  char source[300];
  if (ys_cli_given(o, "gate"))
    snprintf(source, sizeof(source), "--gate");
  else
    snprintf(source, sizeof(source), "%s: gate",
             o->config != NULL ? o->config : YS_CONFIG_DEFAULT_PATH);
  return ys_metric_gates_check_names(&o->gates, o->collector, &o->collect,
                                     source, err, err_len);
}
