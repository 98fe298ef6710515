/*
 * app.c — ys_main: the benchmark program from command line to exit code.
 * It wires the stages together and decides nothing they decide: parse →
 * select → load baseline → measure → analyse → compare → report → save.
 */
#include <gsl/gsl_errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <yardstick.h>

#include "../analysis/complexity.h"
#include "../analysis/latency.h"
#include "../analysis/stats.h"
#include "../baselines/store.h"
#include "../core/clock.h"
#include "../core/error.h"
#include "../core/fs.h"
#include "../core/plural.h"
#include "../gate/gate.h"
#include "../peer/against.h"
#include "../peer/worker.h"
#include "../analysis/ratio.h"
#include "../reports/progress.h"
#include "../reports/report.h"
#include "../run/divert.h"
#include "../run/exit_guard.h"
#include "../run/interrupt.h"
#include "../run/partial.h"
#include "../reports/report_file.h"
#include "../run/registry.h"
#include "../run/runner.h"
#include "../run/select.h"
#include "app.h"
#include "app_judge.h"
#include "baseline_prep.h"
#include "callgrind_functions.h"
#include "cli.h"
#include "compare_cmd.h"
#include "context.h"
#include "doctor.h"
#include "exec_cmd.h"
#include "exit_codes.h"
#include "invocation.h"
#include "history_cmd.h"
#include "merge_cmd.h"
#include "option_rules.h"
#include "options.h"
#include "pin.h"
#include "profile_cmd.h"
#include "options_load.h"
#include "run_history.h"
#include "settings_prep.h"
#include "shard.h"
#include "valgrind_launch.h"

static const char *program_name(const char *argv0) {
  const char *slash = strrchr(argv0, '/');
  return slash != NULL ? slash + 1 : argv0;
}

static void invocation_free(invocation *s) {
  ys_collector_close(s->collector);
  ys_judgement_free(&s->judgement);
  ys_run_result_free(&s->run);
  ys_against_stop(&s->against);
  if (s->own_started) ys_pool_stop(&s->own);
  ys_baseline_free(s->baseline);
  ys_band_table_free(&s->bands);
  ys_history_free(&s->history);
  free(s->chosen);
  free(s->settings);
  ys_targets_free(&s->targets);
  free(s->instances);
  ys_config_free(&s->config);
}

/* Expands the registry and applies the filters. Returns an exit code. */
int ys_app_select_benchmarks(invocation *s) {
  if (ys_registry_expand(ys_registry_head(), &s->instances, &s->n_instances,
                         s->err, sizeof(s->err)) != 0) {
    fprintf(stderr, "%s: %s\n", s->prog, s->err[0] ? s->err : "out of memory");
    return YS_EXIT_USAGE;
  }
  size_t n = s->n_instances;
  /* A YS_COMPLEXITY on a misspelt family, or on one that is not over one
   * axis of sizes, would silently fit nothing. */
  const ys_bench **families = calloc(n == 0 ? 1 : n, sizeof(*families));
  if (families == NULL) {
    fprintf(stderr, "%s: out of memory\n", s->prog);
    return YS_EXIT_USAGE;
  }
  for (size_t i = 0; i < n; i++)
    families[i] = s->instances[i].def;
  int checked = ys_complexity_check_users(ys_complexity_user_head(), families,
                                          n, s->err, sizeof(s->err));
  free(families);
  if (checked != 0) {
    fprintf(stderr, "%s: %s\n", s->prog, s->err);
    return YS_EXIT_USAGE;
  }
  bool *marks = calloc(n == 0 ? 1 : n, sizeof(*marks));
  s->chosen = calloc(n == 0 ? 1 : n, sizeof(*s->chosen));
  if (marks == NULL || s->chosen == NULL) {
    free(marks);
    fprintf(stderr, "%s: out of memory\n", s->prog);
    return YS_EXIT_USAGE;
  }
  int found = ys_select(s->instances, n, s->o.filters, s->o.n_filters,
                        s->o.exact, marks, s->err, sizeof(s->err));
  for (size_t i = 0; found > 0 && i < n; i++)
    if (marks[i]) s->chosen[s->n_chosen++] = s->instances[i];
  free(marks);
  if (found < 0) {
    fprintf(stderr, "%s: %s\n", s->prog, s->err);
    return YS_EXIT_USAGE;
  }
  return YS_EXIT_OK;
}

/* Keeps the part of the selection --shard names (shard.h), with a note on
 * stderr saying which part and how it was balanced. Returns an exit
 * code. */
static int shard_benchmarks(invocation *s) {
  char note[300];
  if (ys_shard_select(&s->o, ys_store_dir(s->o.baseline_dir), s->baseline,
                      s->chosen, &s->n_chosen, note, sizeof(note), s->err,
                      sizeof(s->err)) != 0) {
    fprintf(stderr, "%s: %s\n", s->prog, s->err[0] ? s->err : "out of memory");
    return YS_EXIT_USAGE;
  }
  if (note[0] != '\0' && !s->o.quiet)
    fprintf(stderr, "%s: note: %s\n", s->prog, note);
  return YS_EXIT_OK;
}

/* Opens the collector once for the whole program, and says what it cannot
 * measure here. An exact collector needs no repetition: one round. */
int ys_app_open_collector(invocation *s) {
  if (ys_collector_open(s->o.collector, &s->o.collect, &s->collector, s->err,
                        sizeof(s->err)) != 0) {
    fprintf(stderr, "%s: --collector %s: %s\n", s->prog, s->o.collector,
            s->err);
    return YS_EXIT_USAGE;
  }
  const char *notes = s->collector->ops->notes != NULL
                          ? s->collector->ops->notes(s->collector->ctx)
                          : NULL;
  if (notes != NULL && !s->o.worker)
    fprintf(stderr, "%s: note: %s\n", s->prog, notes);
  if (s->collector->exact) {
    s->o.rounds = 1;
    s->o.sample_size = 1;
  }
  if (s->baseline != NULL &&
      ys_baseline_prep_check_run(s->baseline, s->o.baseline, s->collector,
                                 s->o.collector, s->chosen, s->n_chosen, s->err,
                                 sizeof(s->err)) != 0) {
    fprintf(stderr, "%s: %s\n", s->prog, s->err);
    return YS_EXIT_USAGE;
  }
  return YS_EXIT_OK;
}

/* Resolves and loads --baseline, and checks --save-baseline's name, before
 * anything runs: bad input must cost a second, not a whole suite. */
static int prepare_baselines(invocation *s) {
  const ys_options *o = &s->o;
  const char *dir = ys_store_dir(o->baseline_dir);
  if (o->baseline != NULL && o->against != NULL) {
    fprintf(stderr, "%s: give --baseline or --against, not both\n", s->prog);
    return YS_EXIT_USAGE;
  }
  if (o->baseline != NULL) {
    if (ys_baseline_prep_load(o, dir, &s->baseline, &s->baseline_missing,
                              s->err, sizeof(s->err)) != 0) {
      fprintf(stderr, "%s: --baseline: %s\n", s->prog, s->err);
      return YS_EXIT_USAGE;
    }
    if (s->baseline_missing)
      fprintf(stderr, "%s: note: no baseline '%s' yet: reporting only\n",
              s->prog, o->baseline);
    else if (ys_run_history_bands(dir, o->baseline, &s->history, &s->bands,
                                  &s->bands_consulted, s->err,
                                  sizeof(s->err)) != 0) {
      fprintf(stderr, "%s: --baseline: %s\n", s->prog, s->err);
      return YS_EXIT_USAGE;
    }
  }
  if (o->save_baseline != NULL &&
      (ys_store_check_name(o->save_baseline, s->err, sizeof(s->err)) != 0 ||
       ys_store_resolve(o->save_baseline, dir, s->save_path,
                        sizeof(s->save_path), s->err, sizeof(s->err)) != 0 ||
       ys_store_check_save(s->save_path, s->err, sizeof(s->err)) != 0)) {
    fprintf(stderr, "%s: --save-baseline: %s\n", s->prog, s->err);
    return YS_EXIT_USAGE;
  }
  return YS_EXIT_OK;
}

/* How many worker processes each side's rounds are spread over: none
 * under an exact collector, whose counts do not depend on the layout. */
static size_t worker_processes(const invocation *s) {
  return s->collector->exact ? 0 : s->o.processes;
}

/* Starts the other build of --against, with this side's collector settings
 * and per-round budget. With --processes 0 it still runs in one worker. */
static int start_peer(invocation *s, const ys_runner_config *rc) {
  size_t processes = worker_processes(s);
  ys_against_config cfg = {
      .program = s->o.against,
      .collector_spec = s->o.collector,
      .collect = &s->o.collect,
      .warm_up_ns = rc->warm_up_ns,
      .measurement_ns = rc->measurement_ns,
      .sample_size = rc->sample_size,
      .processes = processes > 0 ? processes : 1,
      .timeout_s = rc->timeout_s,
      /* Another stream than this side's workers, so the two sides never
       * share a layout by construction. */
      .seed = s->o.seed ^ 0x5bd1e995u,
      .filters = s->o.filters,
      .n_filters = s->o.n_filters,
      .exact = s->o.exact,
      .settings = s->settings,
  };
  if (ys_against_start(&s->against, &cfg, s->collector, s->chosen, s->n_chosen,
                       s->instances, s->n_instances, s->prog) != 0) {
    fprintf(stderr, "%s: %s\n", s->prog, s->against.err);
    return YS_EXIT_USAGE;
  }
  return YS_EXIT_OK;
}

/* The round callback of the runner for this build's own workers. */
static int own_round(void *ctx, const ys_instance *inst, ys_bench_result *res) {
  return ys_pool_round(ctx, inst, res);
}

/* Starts this build's own workers (pool.h): the program itself, found
 * through /proc/self/exe, run as workers with this run's settings. */
static int start_own_workers(invocation *s, const ys_runner_config *rc) {
  char self[PATH_MAX];
  ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (len <= 0) {
    fprintf(stderr,
            "%s: --processes: cannot find this program's file (%m); "
            "use --processes 0 to measure in this process\n",
            s->prog);
    return YS_EXIT_USAGE;
  }
  self[len] = '\0';
  ys_pool_config cfg = {
      .program = self,
      .collector_spec = s->o.collector,
      .collect = &s->o.collect,
      .processes = worker_processes(s),
      .seed = s->o.seed,
      .warm_up_ns = rc->warm_up_ns,
      .measurement_ns = rc->measurement_ns,
      .sample_size = rc->sample_size,
      .timeout_s = rc->timeout_s,
  };
  if (ys_pool_start(&s->own, &cfg, s->collector) != 0) {
    fprintf(stderr, "%s: cannot start this program's workers: %s\n", s->prog,
            s->own.err);
    ys_pool_stop(&s->own);
    return YS_EXIT_USAGE;
  }
  s->own_started = true;
  return YS_EXIT_OK;
}

/* The runner's budget_changed: rounds measured in workers (this build's
 * and --against's) get the benchmark's own budget too. */
static void budget_changed(void *ctx, const ys_round_budget *b) {
  invocation *s = ctx;
  if (s->own_started) {
    ys_pool_set_budget(&s->own, b->warm_up_ns, b->measurement_ns,
                       b->sample_size);
    ys_pool_set_warm_up_iterations(&s->own, b->warm_up_iterations);
  }
  if (s->against.started) {
    ys_pool_set_budget(&s->against.pool, b->warm_up_ns, b->measurement_ns,
                       b->sample_size);
    ys_pool_set_warm_up_iterations(&s->against.pool, b->warm_up_iterations);
    ys_pool_set_latency(&s->against.pool, b->latency);
  }
}

ys_runner_config ys_app_runner_config(invocation *s, ys_progress *progress) {
  const ys_options *o = &s->o;
  return (ys_runner_config){
      .settings = s->settings,
      .budget_changed = budget_changed,
      .budget_ctx = s,
      .collector = s->collector,
      .warm_up_ns = o->warm_up_time_s * 1e9 / (double)o->rounds,
      .measurement_ns = o->measurement_time_s * 1e9 / (double)o->rounds,
      .sample_size = o->sample_size,
      .rounds = o->rounds,
      .seed = o->seed,
      .fixed_iterations = o->collect.iterations,
      .timeout_s =
          ys_settings_timeout(o, s->collector->exact, s->settings, s->n_chosen),
      .progress = progress != NULL ? ys_progress_update : NULL,
      .progress_ctx = progress,
      .partner_round = s->against.started ? ys_against_round : NULL,
      .partner_ctx = &s->against,
      .own_round = s->own_started ? own_round : NULL,
      .own_ctx = &s->own,
  };
}

static int analyze_all(ys_run_result *run, uint64_t seed) {
  ys_stats_config cfg = ys_stats_config_default(seed);
  for (size_t i = 0; i < run->n_benches; i++) {
    ys_bench_result *res = &run->benches[i];
    if (res->status != YS_BENCH_OK || res->n_series == 0 ||
        res->series[0].n_rounds == 0)
      continue;
    for (size_t m = 0; m < res->n_series; m++) {
      int rc = ys_stats_analyze(&res->series[m], &cfg);
      if (rc != 0) return rc;
    }
    /* The percentiles of latency mode, over every kept iteration time. */
    if (res->latency.status == YS_LATENCY_ON) {
      int rc = ys_latency_analyze(&res->latency, &cfg);
      if (rc != 0) return rc;
    }
  }
  /* Ratios pair round estimates, which the analysis has just filled. */
  ys_ratio_config ratio_cfg = ys_ratio_config_default(seed);
  return ys_ratio_fill(run, &ratio_cfg);
}

/* Analyses what was measured: this run, and the other build's rounds under
 * --against (a loaded baseline comes analysed). */
int ys_app_analyze_measured(invocation *s) {
  int rc = analyze_all(&s->run, s->o.seed);
  /* The families' complexity is read off the analysed estimates. */
  if (rc == 0) rc = ys_complexity_fit_run(&s->run);
  if (rc == 0 && s->against.started)
    rc = analyze_all(&s->against.remote, s->o.seed);
  return rc;
}

static void fill_run_settings(invocation *s) {
  s->ctx.collector = s->o.collector;
  s->ctx.seed = s->o.seed;
  s->ctx.rounds = s->o.rounds;
  s->ctx.sample_size = s->o.sample_size;
  s->ctx.warm_up_time_s = s->o.warm_up_time_s;
  s->ctx.measurement_time_s = s->o.measurement_time_s;
}

/* How many benchmarks of the baseline the run is about to replace
 * (--save-baseline) are not in this run: the save drops them. 0 when there
 * is no such baseline yet, or it cannot be read (the save says why). */
static size_t dropped_by_save(const invocation *s) {
  ys_baseline *old = NULL;
  char err[512];
  if (ys_store_load(s->save_path, &old, err, sizeof(err)) != 0) return 0;
  size_t dropped = 0;
  for (size_t i = 0; i < old->run.n_benches; i++) {
    bool kept = false;
    for (size_t j = 0; j < s->run.n_benches && !kept; j++)
      kept = strcmp(old->run.benches[i].name, s->run.benches[j].name) == 0;
    if (!kept) dropped++;
  }
  ys_baseline_free(old);
  return dropped;
}

/* A run stopped by SIGINT or SIGTERM: the benchmarks measured so far (a
 * round or more, or a verdict of their own: skipped, failed) are analysed
 * and reported on stdout, with a line on stderr that says the run is
 * partial. Nothing is judged, no baseline is saved and no --output file
 * is written (none was opened: report files are written only when a run
 * ends), so each keeps its old content. Returns 128 + the signal's
 * number. */
static int report_interrupted(invocation *s, double elapsed_s) {
  int sig = ys_interrupt_signal();
  size_t total = s->run.n_benches;
  /* Counted before the unreached go: rounds interleave the benchmarks,
   * so after the first round each has been measured, though in part. */
  ys_partial_counts got = ys_run_count_measured(&s->run, s->o.rounds);
  ys_run_keep_measured(&s->run);
  analyze_all(&s->run, s->o.seed);
  s->judged = false;
  s->reports.n = 1; /* stdout's alone */
  const char *by = sig == SIGTERM ? "SIGTERM" : "SIGINT";
  ys_summary sum = ys_app_summarize(s, elapsed_s);
  sum.interrupted_by = by;
  ys_app_write_reports(s, &sum);
  fflush(stdout);
  if (got.complete == total)
    /* Everything was measured: what the stop cost is the comparison (or
     * its re-measuring), the save and the report files. */
    fprintf(stderr,
            "%s: interrupted by %s after all %zu %s measured%s; the report "
            "above has no verdicts, no baseline was saved and no --output "
            "file written\n",
            s->prog, by, total,
            ys_plural(total, "benchmark was", "benchmarks were"),
            s->baseline != NULL || s->against.started ? ", while comparing"
                                                      : "");
  else
    fprintf(stderr,
            "%s: interrupted by %s: of %zu %s, %zu measured in full, %zu in "
            "part (not all their rounds), %zu not reached; the report above "
            "is partial, no baseline was saved and no --output file "
            "written\n",
            s->prog, by, total, ys_plural(total, "benchmark", "benchmarks"),
            got.complete, got.in_part, got.not_reached);
  return YS_EXIT_SIGNAL_BASE + sig;
}

/* A benchmark called exit() in this process (run/exit_guard.h): it is
 * marked failed, and what was measured before is reported on stdout,
 * marked partial, as for an interrupt; nothing is judged, saved or written
 * to --output. Runs from the exit handler, with the runner stopped in the
 * middle of that benchmark's round, whose result only gets its status. */
static void report_on_exit(void *ctx, const char *name, int status) {
  invocation *s = ctx;
  ys_divert_end(&s->divert);
  for (size_t i = 0; i < s->run.n_benches; i++) {
    ys_bench_result *res = &s->run.benches[i];
    if (strcmp(res->name, name) != 0) continue;
    res->status = YS_BENCH_FAILED;
    snprintf(res->message, sizeof(res->message),
             "called exit(%d) during its run (a benchmark must return)",
             status);
  }
  size_t total = s->run.n_benches;
  size_t kept = ys_run_keep_measured(&s->run);
  analyze_all(&s->run, s->o.seed);
  s->judged = false;
  s->reports.n = 1; /* stdout's alone */
  ys_summary sum = ys_app_summarize(s, ys_clock_now_s() - s->started_s);
  ys_app_write_reports(s, &sum);
  fflush(stdout);
  fprintf(stderr,
          "%s: %zu of %zu %s reported; the report above is partial, "
          "no baseline was saved and no --output file written\n",
          s->prog, kept, total, ys_plural(total, "benchmark", "benchmarks"));
}

/* The settings of each chosen benchmark (settings_prep.h), before
 * anything runs: a bad setting in code stops the program with exit 2.
 * Returns an exit code. */
static int prepare_settings(invocation *s) {
  int rc = ys_settings_prepare(&s->o, s->collector->exact, s->instances,
                               s->n_instances, s->chosen, s->n_chosen,
                               &s->settings, s->err, sizeof(s->err));
  if (rc != 0) {
    fprintf(stderr, "%s: %s\n", s->prog,
            rc == YS_ENOMEM ? "out of memory" : s->err);
    return YS_EXIT_USAGE;
  }
  return YS_EXIT_OK;
}

/* Gathers the performance targets of code and config file and checks them
 * against the program's benchmarks and the collector's metrics, before
 * anything runs: a target that could never be judged is a mistake, exit 2.
 * Returns an exit code. */
static int prepare_targets(invocation *s) {
  int rc = ys_targets_add_registered(&s->targets, ys_targets_registered(),
                                     s->err, sizeof(s->err));
  for (size_t i = 0; rc == 0 && i < s->config.targets.n; i++)
    rc = ys_targets_add(&s->targets, &s->config.targets.specs[i]);
  const char **names = calloc(s->n_instances + 1, sizeof(*names));
  ys_target_metric *metrics =
      calloc(s->collector->n_metrics + 1, sizeof(*metrics));
  if (rc == 0 && (names == NULL || metrics == NULL)) rc = YS_ENOMEM;
  for (size_t i = 0; rc == 0 && i < s->n_instances; i++)
    names[i] = s->instances[i].name;
  for (size_t m = 0; rc == 0 && m < s->collector->n_metrics; m++)
    metrics[m] = (ys_target_metric){s->collector->metrics[m].name,
                                    s->collector->metrics[m].unit,
                                    s->collector->metrics[m].kind};
  if (rc == 0)
    rc = ys_targets_check(&s->targets, names, s->n_instances, metrics,
                          s->collector->n_metrics, s->err, sizeof(s->err));
  free(names);
  free(metrics);
  if (rc != 0) {
    fprintf(stderr, "%s: %s\n", s->prog,
            rc == YS_ENOMEM ? "out of memory" : s->err);
    return YS_EXIT_USAGE;
  }
  return YS_EXIT_OK;
}

/* Measures, compares, reports and saves. Returns an exit code. */
static int run_suite(invocation *s) {
  ys_context_collect(&s->ctx);
  /* A shard's baseline says which part it holds, for `bench merge`. */
  ys_shard_spec shard;
  if (s->o.shard != NULL &&
      ys_shard_parse(s->o.shard, &shard, s->err, sizeof(s->err)) == 0)
    snprintf(s->ctx.shard, sizeof(s->ctx.shard), "%zu/%zu", shard.k, shard.n);
  fill_run_settings(s);
  /* Before calibrating and before any worker starts: both inherit it. */
  if (s->o.pin != NULL) {
    ys_doctor_env env = ys_doctor_env_default();
    if (ys_pin_apply(&env, s->o.pin, YS_DOCTOR_SAMPLE_S, s->ctx.pinned_cpu,
                     sizeof(s->ctx.pinned_cpu), s->err, sizeof(s->err)) != 0) {
      fprintf(stderr, "%s: %s\n", s->prog, s->err);
      return YS_EXIT_USAGE;
    }
  }
  ys_runner_calibrate(s->collector, &s->ctx.clock_resolution_ns,
                      &s->ctx.loop_overhead_ns);
  ys_doctor_record(&s->ctx);
  ys_runner_config budget = ys_app_runner_config(s, NULL);
  if (worker_processes(s) > 0) {
    int code = start_own_workers(s, &budget);
    if (code != YS_EXIT_OK) return code;
  }
  if (s->o.against != NULL) {
    int code = start_peer(s, &budget);
    if (code != YS_EXIT_OK) return code;
  }

  ys_progress *progress =
      s->o.quiet ? NULL : ys_progress_new(stderr, isatty(STDERR_FILENO));
  ys_runner_config cfg = ys_app_runner_config(s, progress);
  double started = ys_clock_now_s();
  s->started_s = started;
  ys_divert_begin(&s->divert);
  ys_exit_guard_set_report(report_on_exit, s);
  int rc = ys_runner_run(s->chosen, s->n_chosen, &cfg, &s->run);
  ys_exit_guard_set_report(NULL, NULL);
  if (rc == 0) rc = ys_app_analyze_measured(s);
  if (rc == 0) ys_callgrind_functions_attach(s->prog, s->collector, &s->run);
  /* The gates are checked against the metrics measured, not the
   * collector's: a user counter (docs/authoring.md, "Counters") exists
   * only once its benchmark has run. A gate on a metric nothing recorded
   * would pass blind: exit 2 before any verdict. Only a run that
   * compares (or would, had its baseline existed) is checked: a config
   * file's gates mean nothing to the others (docs/configuration.md). */
  int gates_code = YS_EXIT_OK;
  if (rc == 0 && (s->o.baseline != NULL || s->o.against != NULL))
    gates_code = ys_app_check_gates_run(s, &s->run);
  if (rc == 0 && gates_code == YS_EXIT_OK &&
      (s->baseline != NULL || s->against.started))
    rc = ys_app_judge_and_confirm(s, progress);
  ys_divert_end(&s->divert);
  /* The workers have nothing left to measure: ending them now lets the
   * context's max RSS include theirs. */
  if (s->own_started) {
    ys_pool_stop(&s->own);
    s->own_started = false;
  }
  ys_context_record_max_rss(&s->ctx);
  if (progress != NULL) ys_progress_finish(progress);
  ys_progress_free(progress);
  if (rc == YS_EINTR) return report_interrupted(s, ys_clock_now_s() - started);
  if (rc == 0 && gates_code != YS_EXIT_OK) return gates_code;
  if (rc != 0) {
    /* A round of --against that failed says why in its own buffer. */
    const char *why = s->against.err[0] != '\0' ? s->against.err
                      : s->own.err[0] != '\0'   ? s->own.err
                                                : s->err;
    fprintf(stderr, "%s: %s%s%s\n", s->prog, ys_strerror(rc),
            why[0] ? ": " : "", why);
    return rc == YS_ENOTSUP ? YS_EXIT_USAGE : YS_EXIT_BENCH_FAILED;
  }

  if (s->targets.n > 0) {
    /* A user counter or latency series exists only once its benchmark
     * ran: a target on one it did not record could never be judged. */
    if (ys_targets_check_recorded(&s->targets, &s->run, s->err,
                                  sizeof(s->err)) != 0) {
      fprintf(stderr, "%s: %s\n", s->prog, s->err);
      return YS_EXIT_USAGE;
    }
    ys_targets_judge(&s->targets, &s->run);
    s->targets_judged = true;
  }
  ys_summary sum = ys_app_summarize(s, ys_clock_now_s() - started);
  bool reported = ys_app_write_reports(s, &sum);
  for (size_t i = 0; i < s->run.n_benches; i++)
    if (s->run.benches[i].status == YS_BENCH_FAILED)
      fprintf(stderr, "%s: benchmark '%s' failed: %s\n", s->prog,
              s->run.benches[i].name, s->run.benches[i].message);
  for (size_t i = 0; s->against.started && i < s->against.remote.n_benches; i++)
    if (s->against.remote.benches[i].status == YS_BENCH_FAILED)
      fprintf(stderr, "%s: benchmark '%s' failed in %s: %s\n", s->prog,
              s->against.remote.benches[i].name, s->o.against,
              s->against.remote.benches[i].message);

  if (s->o.save_baseline != NULL &&
      ys_app_may_save(s->prog, s->o.save_baseline, &sum)) {
    size_t dropped_names = dropped_by_save(s);
    if (ys_store_save(s->save_path, s->o.save_baseline, &s->ctx, &s->run,
                      s->err, sizeof(s->err)) != 0) {
      fprintf(stderr, "%s: --save-baseline: %s\n", s->prog, s->err);
      return YS_EXIT_USAGE;
    }
    fprintf(stderr, "%s: saved baseline '%s' to %s\n", s->prog,
            s->o.save_baseline, s->save_path);
    if (dropped_names > 0)
      fprintf(stderr,
              "%s: note: baseline '%s' now holds the %zu %s of this run; "
              "%zu %s it held before %s no longer in it (a run that selects "
              "part of the suite saves that part: save from a run of the "
              "whole suite to keep them)\n",
              s->prog, s->o.save_baseline, s->run.n_benches,
              ys_plural(s->run.n_benches, "benchmark", "benchmarks"),
              dropped_names,
              ys_plural(dropped_names, "benchmark", "benchmarks"),
              dropped_names == 1 ? "is" : "are");
    char history_path[PATH_MAX];
    size_t dropped = 0;
    /* A shard is part of a run: its merge records the history (the
     * command line's --history with --shard was refused; the config
     * file's is left to the merge). */
    if (s->o.history > 0 && s->o.shard != NULL) {
      fprintf(stderr,
              "%s: note: history: a shard records no history; %s merge "
              "NAME SHARD... --history N records the merged run\n",
              s->prog, s->prog);
      s->o.history = 0;
    }
    if (s->o.history > 0 &&
        ys_run_history_record(ys_store_dir(s->o.baseline_dir),
                              s->o.save_baseline, NULL, &s->run, s->o.history,
                              &dropped, history_path, sizeof(history_path),
                              s->err, sizeof(s->err)) != 0) {
      fprintf(stderr, "%s: --history: %s\n", s->prog, s->err);
      return YS_EXIT_USAGE;
    }
    if (s->o.history > 0)
      fprintf(stderr, "%s: recorded this run in %s (its last %zu runs kept)\n",
              s->prog, history_path, s->o.history);
    if (dropped > 0)
      fprintf(stderr,
              "%s: note: --history: %zu more of the oldest runs went, since "
              "with them the file would be larger than a history may be "
              "(%ld MiB); a smaller --history says so\n",
              s->prog, dropped, YS_HISTORY_MAX_BYTES >> 20);
  }
  return ys_app_exit_code(&sum, reported);
}

/* Whatever went to stdout outside the reports (--help, --version, --list)
 * must have arrived: a write error there turns `code` into 2, unless a
 * benchmark failed. */
static int finish_stdout(const char *prog, int code) {
  if (fflush(stdout) == 0 && !ferror(stdout)) return code;
  fprintf(stderr, "%s: cannot write to standard output: %m\n", prog);
  return code == YS_EXIT_BENCH_FAILED ? code : YS_EXIT_USAGE;
}

int ys_main(int argc, char **argv) {
  /* GSL's default handler aborts; every GSL call here checks its result
   * and turns a failure into a message and an exit code instead. */
  gsl_set_error_handler_off();
  /* Before anything opens a file: a closed stdout must not be reused. */
  bool stdout_closed = (ys_fs_hold_std_fds() & (1u << STDOUT_FILENO)) != 0;
  invocation s;
  memset(&s, 0, sizeof(s));
  s.prog = program_name(argc > 0 ? argv[0] : "bench");
  /* `bench exec` times whole commands and has its own command line. */
  if (argc > 1 && strcmp(argv[1], "exec") == 0) {
    if (stdout_closed) {
      fprintf(stderr, "%s: cannot write to standard output: it is closed\n",
              s.prog);
      return YS_EXIT_USAGE;
    }
    return finish_stdout(s.prog, ys_exec_main(s.prog, argc - 1, argv + 1));
  }
  bool compare = argc > 1 && strcmp(argv[1], "compare") == 0;
  bool profile = !compare && argc > 1 && strcmp(argv[1], "profile") == 0;
  bool merge = argc > 1 && strcmp(argv[1], "merge") == 0;
  bool doctor = argc > 1 && strcmp(argv[1], "doctor") == 0;
  bool history = argc > 1 && strcmp(argv[1], "history") == 0;
  /* The whole command line, for a profile re-executed under valgrind. */
  int all_argc = argc;
  char **all_argv = argv;
  if (compare || profile || merge || doctor || history) {
    argc--;
    argv++;
  }
  bool file_at_fault;
  if (ys_options_load(argc, argv, &s.o, &s.config, &s.config_path,
                      &file_at_fault, s.err, sizeof(s.err)) != 0) {
    if (file_at_fault)
      fprintf(stderr, "%s: %s\n", s.prog, s.err);
    else
      fprintf(stderr, "%s: %s\nTry '%s --help' for more information.\n", s.prog,
              s.err, s.prog);
    ys_config_free(&s.config);
    return YS_EXIT_USAGE;
  }
  s.o.profile = profile;
  if (stdout_closed && !s.o.worker) {
    fprintf(stderr, "%s: cannot write to standard output: it is closed\n",
            s.prog);
    return YS_EXIT_USAGE;
  }
  if (s.o.help) {
    ys_cli_print_help(stdout, s.prog);
    return finish_stdout(s.prog, YS_EXIT_OK);
  }
  if (s.o.version) {
    ys_cli_print_version(stdout);
    return finish_stdout(s.prog, YS_EXIT_OK);
  }
  if (merge) return ys_merge_main(s.prog, &s.o);
  if (doctor) return finish_stdout(s.prog, ys_doctor_main(s.prog, &s.o));
  if (history) return finish_stdout(s.prog, ys_history_main(s.prog, &s.o));
  bool pin_auto;
  int pin_cpu;
  if (ys_option_rules_check(&s.o, compare, s.err, sizeof(s.err)) != 0 ||
      ys_option_rules_check_gates(&s.o, s.err, sizeof(s.err)) != 0) {
    fprintf(stderr, "%s: %s\n", s.prog, s.err);
    return YS_EXIT_USAGE;
  }
  if (s.o.pin != NULL &&
      ys_pin_parse(s.o.pin, &pin_auto, &pin_cpu, s.err, sizeof(s.err)) != 0) {
    /* A pin from the config file is named by its file and key. */
    if (!ys_cli_given(&s.o, "pin") && s.config_path != NULL)
      fprintf(stderr, "%s: %s: pin: %s\n", s.prog, s.config_path,
              strncmp(s.err, "--pin: ", 7) == 0 ? s.err + 7 : s.err);
    else
      fprintf(stderr, "%s: %s\n", s.prog, s.err);
    return YS_EXIT_USAGE;
  }
  int code;
  const ys_collector_ops *single = ys_collector_find(s.o.collector);
  if (profile && single != NULL && single->needs_valgrind) {
    code = ys_valgrind_relaunch(all_argc, all_argv, &s.o.collect);
    if (code >= 0) return code;
  }
  if (profile) {
    code = ys_profile_main(&s);
    invocation_free(&s);
    return finish_stdout(s.prog, code);
  }
  if (!compare && !s.o.list && single != NULL && single->needs_valgrind) {
    code = ys_valgrind_relaunch(argc, argv, &s.o.collect);
    if (code >= 0) return code;
  }
  if (compare) {
    code = ys_compare_main(&s);
    invocation_free(&s);
    return code;
  }
  if (s.o.worker) {
    code = ys_app_select_benchmarks(&s);
    if (code == YS_EXIT_OK) code = ys_app_open_collector(&s);
    FILE *protocol = code == YS_EXIT_OK ? ys_worker_claim_stdout() : NULL;
    if (code == YS_EXIT_OK)
      code = protocol != NULL &&
                     ys_worker_serve(s.collector, s.o.collect.iterations,
                                     s.instances, s.n_instances, stdin,
                                     protocol) == 0
                 ? YS_EXIT_OK
                 : YS_EXIT_BENCH_FAILED;
    if (protocol != NULL) fclose(protocol);
    invocation_free(&s);
    return code;
  }

  code = ys_app_select_benchmarks(&s);
  if (code == YS_EXIT_OK && s.o.list) {
    code = shard_benchmarks(&s);
    for (size_t i = 0; code == YS_EXIT_OK && i < s.n_chosen; i++)
      printf("%s\n", s.chosen[i].name);
  } else if (code == YS_EXIT_OK && s.n_chosen == 0) {
    fprintf(stderr, "%s: this program defines no benchmarks\n", s.prog);
    code = YS_EXIT_USAGE;
  } else if (code == YS_EXIT_OK) {
    code = prepare_baselines(&s);
    if (code == YS_EXIT_OK) code = shard_benchmarks(&s);
    if (code == YS_EXIT_OK) code = ys_app_open_collector(&s);
    if (code == YS_EXIT_OK) code = prepare_settings(&s);
    if (code == YS_EXIT_OK) code = prepare_targets(&s);
    if (code == YS_EXIT_OK) code = ys_app_check_reports(&s, NULL);
    if (code == YS_EXIT_OK) {
      ys_exit_guard_set_code(YS_EXIT_BENCH_FAILED);
      ys_interrupt_install();
      code = run_suite(&s);
    }
  }
  invocation_free(&s);
  ys_interrupt_remove();
  return finish_stdout(s.prog, code);
}
