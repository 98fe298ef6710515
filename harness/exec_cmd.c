/*
 * exec_cmd.c — `bench exec` from its command line to its exit code:
 * parse → check the commands, baselines and outputs → set up → warm up →
 * measured runs in shuffled, interleaved rounds → analysis → gate →
 * reports, and each command against the reference → save → clean up.
 *
 * Each command becomes one benchmark result whose samples are its runs
 * (one iteration each), so the analysis, the gate, the reports and the
 * baseline files treat it as they treat a BENCH body.
 */
#include "exec_cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../analysis/ratio.h"
#include "../analysis/stats.h"
#include "../baselines/store.h"
#include "../core/clock.h"
#include "../core/error.h"
#include "../core/names.h"
#include "../gate/compare.h"
#include "../gate/gate.h"
#include "baseline_prep.h"
#include "context.h"
#include "doctor.h"
#include "exec_options.h"
#include "exec_hints.h"
#include "exec_perf.h"
#include "exec_relative.h"
#include "exec_spawn.h"
#include "exit_codes.h"
#include "invocation.h"
#include "pin.h"
#include "../run/interrupt.h"
#include "../run/partial.h"

/* The metrics of a run under the wall clock, in series order: series[0] is
 * the primary. No series is named cpu_time: under that name the gate would
 * judge a command on its CPU time whenever it had the CPU less than a
 * benchmark should (docs/statistics.md §3), but a command that sleeps or
 * waits for a disk does so by design, not because the machine was busy. */
enum { M_TIME, M_USER, M_SYSTEM, M_RSS, M_WALL_COUNT };
static const ys_metric wall_metrics[M_WALL_COUNT] = {
    {"time", "ns", YS_METRIC_TIME, false},
    {"user_time", "ns", YS_METRIC_TIME, false},
    {"system_time", "ns", YS_METRIC_TIME, false},
    {"max_rss", "KiB", YS_METRIC_COUNT, false},
};
static const ys_metric callgrind_metric = {"instructions", "instructions",
                                           YS_METRIC_COUNT, true};

/* The group of the commands when there are two or more: each report names
 * it beside each command's ratio to the reference. */
#define YS_EXEC_GROUP "commands"

/* One command's bookkeeping while it is measured. */
typedef struct exec_track {
  const ys_exec_command *cmd;
  ys_bench_result *res;
  size_t n_runs;     /* measured runs done */
  size_t n_nonzero;  /* of them, exited with a status other than 0 */
  size_t n_signaled; /* of them, killed by a signal */
  int last_status;
  int last_signal;
  bool stopped; /* failed for good: not run again */
} exec_track;

typedef struct exec_session {
  const char *prog;
  ys_exec_options *o;
  exec_track tracks[YS_EXEC_MAX_COMMANDS];
  ys_bench_result results[YS_EXEC_MAX_COMMANDS]; /* in command order */
  /* --shell sh: the shell's median start-up, subtracted from each run. */
  double shell_wall_ns, shell_user_ns, shell_system_ns;
  /* --collector perf: the events each run is counted with. */
  ys_exec_counters counters;
  /* Every series of a result, in order: series[0] is the primary. */
  ys_metric metrics[M_WALL_COUNT + YS_PERF_MAX_EVENTS];
  size_t n_metrics;
  size_t wall_first, perf_first; /* where each collector's series begin */
  bool cleanup_owed; /* --setup began (or, without one, the runs did) */
  char err[512];
} exec_session;

/* Runs a --setup, --prepare or --cleanup command with sh. Returns 0, or
 * writes why it failed into err and returns YS_EBENCH (YS_EINTR when a
 * stop signal ended it). --cleanup is not interruptible: it runs after an
 * interrupt too, to undo what --setup did. */
static int run_hook(const exec_session *x, const char *option, const char *text,
                    char *err, size_t err_len) {
  char *argv[] = {"sh", "-c", (char *)text, NULL};
  ys_exec_outcome out;
  bool interruptible = strcmp(option, "cleanup") != 0;
  /* --input is for the commands measured; a hook reads nothing. */
  /* --cleanup outlives a bench that a second Ctrl-C ends at once: what
   * --setup did is undone whatever happens to bench. */
  ys_exec_io io = {NULL, x->o->show_output, NULL, !interruptible};
  int rc = ys_exec_spawn(argv, &io, x->o->timeout_s, interruptible, &out);
  if (rc != 0)
    return ys_error_set(err, err_len, YS_EBENCH, "--%s: cannot run sh: %s",
                        option, strerror(rc));
  if (out.interrupted)
    return ys_error_set(err, err_len, YS_EINTR, "--%s '%s' was interrupted",
                        option, text);
  char sig[32];
  if (out.signal != 0)
    return ys_error_set(err, err_len, YS_EBENCH, "--%s '%s' was killed by %s",
                        option, text,
                        ys_exec_signal_name(out.signal, sig, sizeof(sig)));
  if (out.exit_status != 0)
    return ys_error_set(err, err_len, YS_EBENCH,
                        "--%s '%s' exited with status %d", option, text,
                        out.exit_status);
  return 0;
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* --shell sh: the median wall, user and system time of `sh -c ''`, which
 * each run of a command pays on top of the command itself and which is
 * subtracted from it, as hyperfine does. */
static int calibrate_shell(exec_session *x) {
  enum { N = YS_EXEC_SHELL_CALIBRATION_RUNS };
  double wall[N], user[N], sys[N];
  char *argv[] = {"sh", "-c", "", NULL};
  for (int i = 0; i < N; i++) {
    ys_exec_outcome out;
    ys_exec_io io = {NULL, false, NULL, false};
    int rc = ys_exec_spawn(argv, &io, 0, true, &out);
    if (rc != 0 || !ys_exec_succeeded(&out))
      return ys_error_set(x->err, sizeof(x->err), YS_EBENCH,
                          "--shell sh: sh -c '' did not run cleanly");
    wall[i] = out.wall_ns;
    user[i] = out.user_ns;
    sys[i] = out.system_ns;
  }
  qsort(wall, N, sizeof(double), compare_doubles);
  qsort(user, N, sizeof(double), compare_doubles);
  qsort(sys, N, sizeof(double), compare_doubles);
  x->shell_wall_ns = wall[N / 2];
  x->shell_user_ns = user[N / 2];
  x->shell_system_ns = sys[N / 2];
  return 0;
}

/* Lays out the series of every result: callgrind's count alone, else
 * the wall clock's metrics and perf's counters in the order --collector
 * gave them. */
static void plan_metrics(exec_session *x) {
  const ys_exec_options *o = x->o;
  x->n_metrics = 0;
  if (o->callgrind) {
    x->metrics[x->n_metrics++] = callgrind_metric;
    return;
  }
  for (int pass = 0; pass < 2; pass++) {
    bool perf_now = (pass == 0) == o->perf_first;
    if (perf_now && o->perf) {
      x->perf_first = x->n_metrics;
      for (size_t e = 0; e < x->counters.n; e++)
        x->metrics[x->n_metrics++] =
            ys_perf_event_metric(x->counters.events[e]);
    } else if (!perf_now && o->wall) {
      x->wall_first = x->n_metrics;
      for (size_t m = 0; m < M_WALL_COUNT; m++)
        x->metrics[x->n_metrics++] = wall_metrics[m];
    }
  }
}

/* Gives result `res` its series, with room for every run and round. */
static int alloc_result(ys_bench_result *res, const ys_exec_command *cmd,
                        const exec_session *x) {
  const ys_exec_options *o = x->o;
  snprintf(res->name, sizeof(res->name), "%s", cmd->name);
  res->status = YS_BENCH_OK;
  /* What ran and how, for the reports and the baseline to say. */
  res->command = strdup(cmd->text);
  if (res->command == NULL) return YS_ENOMEM;
  snprintf(res->shell, sizeof(res->shell), "%s",
           cmd->argv == cmd->shell_argv ? "sh" : "none");
  /* Two commands or more are one group with the reference command as its
   * reference, so that every report, stdout's and each --output file,
   * carries each command's ratio to it, as for a BENCH group
   * (analysis/ratio.h): round r of each command was measured in round r
   * of the others, which is what the ratio pairs. */
  if (o->n_commands > 1) {
    snprintf(res->group, sizeof(res->group), "%s", YS_EXEC_GROUP);
    snprintf(res->group_reference, sizeof(res->group_reference), "%s",
             o->reference != NULL ? o->reference : o->commands[0].name);
  }
  size_t n = x->n_metrics;
  res->series = calloc(n, sizeof(*res->series));
  if (res->series == NULL) return YS_ENOMEM;
  res->n_series = n;
  for (size_t m = 0; m < n; m++) {
    ys_series *s = &res->series[m];
    const ys_metric *metric = &x->metrics[m];
    s->metric = metric->name;
    s->unit = metric->unit;
    s->kind = metric->kind;
    s->exact = metric->exact;
    s->samples = calloc(o->runs, sizeof(*s->samples));
    s->rounds = calloc(o->rounds, sizeof(*s->rounds));
    if (s->samples == NULL || s->rounds == NULL) return YS_ENOMEM;
  }
  return 0;
}

static double at_least_zero(double v) {
  return v > 0 ? v : 0;
}

/* Adds one run's figures to the result's series, less the shell's
 * start-up under --shell sh (from the wall clock's; perf's counts keep
 * the shell, as callgrind's do). */
static void record_run(exec_session *x, ys_bench_result *res,
                       const ys_exec_outcome *out, uint64_t instructions,
                       const double *counts) {
  double v[M_WALL_COUNT + YS_PERF_MAX_EVENTS];
  size_t n = res->n_series;
  if (x->o->callgrind) {
    v[0] = (double)instructions;
  }
  if (x->o->wall) {
    double *w = &v[x->wall_first];
    w[M_TIME] = at_least_zero(out->wall_ns - x->shell_wall_ns);
    w[M_USER] = at_least_zero(out->user_ns - x->shell_user_ns);
    w[M_SYSTEM] = at_least_zero(out->system_ns - x->shell_system_ns);
    w[M_RSS] = out->max_rss_kib;
  }
  if (x->o->perf)
    for (size_t e = 0; e < x->counters.n; e++)
      v[x->perf_first + e] = counts[e];
  for (size_t m = 0; m < n; m++) {
    ys_series *s = &res->series[m];
    s->samples[s->n_samples++] = (ys_sample){1, v[m]};
  }
  res->total_iterations++;
}

/* Closes the round that began at sample `first` (if it holds a run). */
static void close_round(ys_bench_result *res, size_t first) {
  for (size_t m = 0; m < res->n_series; m++) {
    ys_series *s = &res->series[m];
    if (s->n_samples == first) continue;
    s->rounds[s->n_rounds++] =
        (ys_round){.first_sample = first, .n_samples = s->n_samples - first};
  }
}

/* One run of a command (prepare first), measured when `measured`. A
 * failure that makes the command's results meaningless stops it. */
static void run_once(exec_session *x, exec_track *t, bool measured) {
  const ys_exec_options *o = x->o;
  ys_bench_result *res = t->res;
  double t0 = ys_clock_now_s();
  if (ys_interrupted()) return;
  if (t->cmd->prepare != NULL &&
      run_hook(x, "prepare", t->cmd->prepare, res->message,
               sizeof(res->message)) != 0) {
    if (ys_interrupted()) { /* not the command's fault */
      res->message[0] = '\0';
      return;
    }
    res->status = YS_BENCH_FAILED;
    t->stopped = true;
    return;
  }
  ys_exec_outcome out;
  uint64_t instructions = 0;
  double counts[YS_PERF_MAX_EVENTS] = {0};
  char why[400] = "";
  ys_exec_io io = {o->input, o->show_output,
                   t->cmd->program[0] != '\0' ? t->cmd->program : NULL, false};
  int rc;
  if (o->callgrind)
    rc = ys_exec_spawn_callgrind(t->cmd->argv, &io, o->trace_children,
                                 o->timeout_s, &out, &instructions, why,
                                 sizeof(why));
  else if (o->perf)
    rc = ys_exec_spawn_counted(t->cmd->argv, &io, o->timeout_s, true,
                               x->counters.events, x->counters.n, &out, counts,
                               why, sizeof(why));
  else
    rc = ys_exec_spawn(t->cmd->argv, &io, o->timeout_s, true, &out);
  res->elapsed_s += ys_clock_now_s() - t0;
  /* Ended by a stop signal: measured nothing, and says nothing of the
   * command (the invocation reports what came before, interrupt.h). */
  if (rc == 0 && out.interrupted) return;
  if (rc != 0) {
    res->status = YS_BENCH_FAILED;
    /* The reason is cut to fit the message (why holds up to 400 bytes). */
    snprintf(res->message, sizeof(res->message), "cannot run it: %.*s",
             (int)(sizeof(res->message) - sizeof("cannot run it: ")),
             why[0] != '\0' ? why : strerror(rc));
    t->stopped = true;
    return;
  }
  if (out.timed_out) {
    /* A command that hangs once may hang every time: not run again. */
    res->status = YS_BENCH_FAILED;
    snprintf(res->message, sizeof(res->message),
             "timed out: still running after %g s (--timeout), killed",
             o->timeout_s);
    t->stopped = true;
    return;
  }
  if (!measured) return;
  t->n_runs++;
  if (out.signal != 0) {
    t->n_signaled++;
    t->last_signal = out.signal;
  } else if (out.exit_status != 0) {
    t->n_nonzero++;
    t->last_status = out.exit_status;
  }
  /* A run killed by a signal measured a crash, not the command: it is
   * never a sample. A non-zero status is one with --ignore-failure. */
  if (out.signal == 0 && (out.exit_status == 0 || o->ignore_failure))
    record_run(x, res, &out, instructions, counts);
}

/* Warm-up: each command's unmeasured runs, before any is measured. */
static void warm_up(exec_session *x) {
  for (size_t c = 0; c < x->o->n_commands; c++)
    for (size_t k = 0; k < x->o->warm_up_runs && !x->tracks[c].stopped; k++)
      run_once(x, &x->tracks[c], false);
}

/* The measured runs of the n commands of `tracks`: round r of every
 * command, in an order shuffled by `seed`, then round r + 1, as the runner
 * interleaves BENCH bodies, so that a drift of the machine spreads over all
 * commands. The runs are split as evenly as they go: the first (runs mod
 * rounds) rounds get one more. */
static int measure(exec_session *x, exec_track *tracks, size_t n,
                   uint64_t seed) {
  const ys_exec_options *o = x->o;
  size_t order[YS_EXEC_MAX_COMMANDS];
  for (size_t i = 0; i < n; i++)
    order[i] = i;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (rng == NULL) return YS_ENOMEM;
  gsl_rng_set(rng, seed);
  for (size_t r = 0; r < o->rounds; r++) {
    gsl_ran_shuffle(rng, order, n, sizeof(order[0]));
    size_t per_round = o->runs / o->rounds + (r < o->runs % o->rounds ? 1 : 0);
    for (size_t i = 0; i < n; i++) {
      exec_track *t = &tracks[order[i]];
      size_t first = t->res->series[0].n_samples;
      for (size_t k = 0; k < per_round && !t->stopped && !ys_interrupted(); k++)
        run_once(x, t, true);
      close_round(t->res, first);
    }
  }
  gsl_rng_free(rng);
  return 0;
}

/* Marks a command failed when a run failed and that is not accepted, and
 * says how often its runs succeeded. */
static void conclude(exec_session *x, exec_track *t) {
  ys_bench_result *res = t->res;
  if (res->status != YS_BENCH_OK) return;
  size_t failed = t->n_nonzero + t->n_signaled;
  double rate = t->n_runs > 0
                    ? 100.0 * (double)(t->n_runs - failed) / (double)t->n_runs
                    : 0;
  char sig[32];
  if (t->n_signaled > 0) {
    res->status = YS_BENCH_FAILED;
    snprintf(res->message, sizeof(res->message),
             "killed by %s in %zu of %zu runs (success rate %.0f %%)",
             ys_exec_signal_name(t->last_signal, sig, sizeof(sig)),
             t->n_signaled, t->n_runs, rate);
  } else if (t->n_nonzero > 0 && !x->o->ignore_failure) {
    res->status = YS_BENCH_FAILED;
    snprintf(res->message, sizeof(res->message),
             "exited with status %d in %zu of %zu runs (success rate %.0f %%; "
             "--ignore-failure accepts it)",
             t->last_status, t->n_nonzero, t->n_runs, rate);
  } else if (t->n_nonzero > 0 && !x->o->shared.quiet) {
    fprintf(stderr,
            "%s: note: '%s' exited with a non-zero status in %zu of %zu runs "
            "(success rate %.0f %%), accepted by --ignore-failure\n",
            x->prog, res->name, t->n_nonzero, t->n_runs, rate);
  }
  /* Interrupted before its first run: not measured, left out of the
   * partial report (run/partial.h) rather than called failed. */
  if (res->status == YS_BENCH_OK && res->series[0].n_samples == 0 &&
      !ys_interrupted()) {
    res->status = YS_BENCH_FAILED;
    snprintf(res->message, sizeof(res->message), "no run was measured");
  }
}

/* Analyses every measured command, then each one's ratio to the
 * reference (the group of alloc_result), as a benchmark run does. */
static int analyze(ys_run_result *run, uint64_t seed) {
  ys_stats_config cfg = ys_stats_config_default(seed);
  for (size_t i = 0; i < run->n_benches; i++) {
    ys_bench_result *res = &run->benches[i];
    if (res->status != YS_BENCH_OK) continue;
    for (size_t m = 0; m < res->n_series; m++) {
      int rc = ys_stats_analyze(&res->series[m], &cfg);
      if (rc != 0) return rc;
    }
  }
  ys_ratio_config ratio_cfg = ys_ratio_config_default(seed);
  return ys_ratio_fill(run, &ratio_cfg);
}

static int by_name(const void *a, const void *b) {
  return ys_name_compare(((const ys_bench_result *)a)->name,
                         ((const ys_bench_result *)b)->name);
}

/* Prints on stderr the hint of exec_hints.h for command `cmd`, if any. */
static void print_hint(const exec_session *x, const ys_exec_command *cmd) {
  char hint[600];
  ys_exec_hint(cmd->argv, cmd->argv == cmd->shell_argv, hint, sizeof(hint));
  if (hint[0] != '\0') fprintf(stderr, "%s: hint: %s\n", x->prog, hint);
}

/* Checks before anything runs that every command can be found: a typo
 * costs a second and exit 2, not a run full of failures. Under --shell sh
 * the shell finds the command, and says so with status 127. Finds which
 * perf events can be counted here, and names those that cannot. */
static int check_commands(exec_session *x) {
  for (size_t c = 0; c < x->o->n_commands; c++) {
    ys_exec_command *cmd = &x->o->commands[c];
    char where[sizeof(cmd->program)];
    ys_exec_lookup found = ys_exec_look_up(cmd->argv[0], where, sizeof(where));
    if (found == YS_EXEC_FOUND) {
      /* Found once: each run execs this file, so the PATH search (a
       * failed exec per entry before it) is not timed with the command. */
      snprintf(cmd->program, sizeof(cmd->program), "%s", where);
      continue;
    }
    bool in_path = strchr(cmd->argv[0], '/') == NULL;
    if (found == YS_EXEC_NOT_FOUND)
      fprintf(stderr, "%s: exec: command '%s' not found%s\n", x->prog,
              cmd->argv[0], in_path ? " in PATH" : "");
    else
      fprintf(stderr, "%s: exec: command '%s'%s%s%s %s\n", x->prog,
              cmd->argv[0], in_path ? " (" : "", in_path ? where : "",
              in_path ? ")" : "",
              found == YS_EXEC_IS_DIRECTORY
                  ? "is a directory"
                  : "is not executable (permission denied)");
    print_hint(x, cmd);
    return YS_EXIT_USAGE;
  }
  if (x->o->input != NULL) {
    /* Opened here once to fail early; each run opens it again. */
    int fd = open(x->o->input, O_RDONLY);
    struct stat st;
    const char *why = NULL;
    if (fd < 0)
      why = strerror(errno);
    else if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
      why = "is a directory";
    if (fd >= 0) close(fd);
    if (why != NULL) {
      fprintf(stderr, "%s: --input: cannot read '%s': %s\n", x->prog,
              x->o->input, why);
      return YS_EXIT_USAGE;
    }
  }
  if (x->o->callgrind && !ys_exec_findable("valgrind")) {
    fprintf(stderr, "%s: --collector callgrind: valgrind not found in PATH\n",
            x->prog);
    return YS_EXIT_USAGE;
  }
  if (x->o->perf) {
    char note[512];
    if (ys_exec_counters_prepare(x->o->counters, x->o->require_counters,
                                 &x->counters, note, sizeof(note), x->err,
                                 sizeof(x->err)) != 0) {
      fprintf(stderr, "%s: --collector %s: %s\n", x->prog, x->o->collector,
              x->err);
      return YS_EXIT_USAGE;
    }
    /* As a benchmark run says it (harness/app.c), --quiet or not: a
     * counter asked for and missing must not pass unseen. */
    if (note[0] != '\0') fprintf(stderr, "%s: note: %s\n", x->prog, note);
  }
  plan_metrics(x);
  return YS_EXIT_OK;
}

/* Loads --baseline and checks --save-baseline's name, as a run does. */
static int prepare_baselines(invocation *s) {
  const char *dir = ys_store_dir(s->o.baseline_dir);
  if (s->o.baseline != NULL) {
    if (ys_baseline_prep_load(&s->o, dir, &s->baseline, &s->baseline_missing,
                              s->err, sizeof(s->err)) != 0) {
      fprintf(stderr, "%s: --baseline: %s\n", s->prog, s->err);
      return YS_EXIT_USAGE;
    }
    if (s->baseline_missing)
      fprintf(stderr, "%s: note: no baseline '%s' yet: reporting only\n",
              s->prog, s->o.baseline);
  }
  if (s->o.save_baseline != NULL &&
      (ys_store_check_name(s->o.save_baseline, s->err, sizeof(s->err)) != 0 ||
       ys_store_resolve(s->o.save_baseline, dir, s->save_path,
                        sizeof(s->save_path), s->err, sizeof(s->err)) != 0 ||
       ys_store_check_save(s->save_path, s->err, sizeof(s->err)) != 0)) {
    fprintf(stderr, "%s: --save-baseline: %s\n", s->prog, s->err);
    return YS_EXIT_USAGE;
  }
  return YS_EXIT_OK;
}

/* A stop signal during --setup or the shell's calibration: nothing was
 * measured, so there is nothing to report. Returns 128 + its number. */
static int stopped_before_measuring(const exec_session *x) {
  int sig = ys_interrupt_signal();
  fprintf(stderr, "%s: interrupted by %s before any command was measured\n",
          x->prog, sig == SIGTERM ? "SIGTERM" : "SIGINT");
  return YS_EXIT_SIGNAL_BASE + sig;
}

/* Measures every command into s->run (sorted by name), --setup first.
 * Returns an exit code: 3 when --setup failed, 128 + the signal when a stop
 * signal came before anything was measured. A stop signal later ends the
 * measuring early, with what was measured in s->run (finish reports it). */
static int measure_all(exec_session *x, invocation *s) {
  const ys_exec_options *o = x->o;
  for (size_t c = 0; c < o->n_commands; c++) {
    x->tracks[c].cmd = &o->commands[c];
    x->tracks[c].res = &x->results[c];
    if (alloc_result(&x->results[c], &o->commands[c], x) != 0) {
      fprintf(stderr, "%s: exec: out of memory\n", x->prog);
      return YS_EXIT_USAGE;
    }
  }
  /* From here --cleanup is owed, whatever happens to --setup. */
  x->cleanup_owed = true;
  if (o->setup != NULL &&
      run_hook(x, "setup", o->setup, x->err, sizeof(x->err)) != 0) {
    if (ys_interrupted()) return stopped_before_measuring(x);
    fprintf(stderr, "%s: %s\n", x->prog, x->err);
    return YS_EXIT_BENCH_FAILED;
  }
  if (o->shell_sh && o->wall && calibrate_shell(x) != 0) {
    if (ys_interrupted()) return stopped_before_measuring(x);
    fprintf(stderr, "%s: %s\n", x->prog, x->err);
    return YS_EXIT_BENCH_FAILED;
  }
  warm_up(x);
  if (measure(x, x->tracks, o->n_commands, o->shared.seed) != 0) {
    fprintf(stderr, "%s: exec: out of memory\n", x->prog);
    return YS_EXIT_USAGE;
  }
  for (size_t c = 0; c < o->n_commands; c++)
    conclude(x, &x->tracks[c]);
  /* The run owns the results from here on. */
  s->run.benches = calloc(o->n_commands, sizeof(*s->run.benches));
  if (s->run.benches == NULL) return YS_EXIT_USAGE;
  memcpy(s->run.benches, x->results, o->n_commands * sizeof(x->results[0]));
  memset(x->results, 0, sizeof(x->results));
  s->run.n_benches = o->n_commands;
  qsort(s->run.benches, s->run.n_benches, sizeof(*s->run.benches), by_name);
  return YS_EXIT_OK;
}

static void fill_context(invocation *s, const ys_exec_options *o) {
  ys_context_collect(&s->ctx);
  s->ctx.collector = o->collector;
  s->ctx.seed = o->shared.seed;
  s->ctx.rounds = o->rounds;
  s->ctx.sample_size = (o->runs + o->rounds - 1) / o->rounds;
  s->ctx.runs = o->runs;
  s->ctx.warm_up_time_s = 0;
  s->ctx.measurement_time_s = 0;
  /* The machine's findings, as a benchmark run records them (the report
   * headers show them); no clock was calibrated, so none is judged. */
  ys_doctor_record(&s->ctx);
}

/* The gate's remeasure callback (ys_gate_remeasure): the commands at
 * indexes `which` of the run get as many rounds again, with another seed,
 * appended to theirs, and the run is analysed again. */
typedef struct remeasure_ctx {
  exec_session *x;
  invocation *s;
} remeasure_ctx;

static int remeasure(void *ctx, const size_t *which, size_t n) {
  remeasure_ctx *m = ctx;
  exec_session *x = m->x;
  const ys_exec_options *o = x->o;
  exec_track tracks[YS_EXEC_MAX_COMMANDS];
  ys_bench_result extra[YS_EXEC_MAX_COMMANDS];
  memset(tracks, 0, sizeof(tracks));
  memset(extra, 0, sizeof(extra));
  int rc = 0;
  for (size_t k = 0; k < n && rc == 0; k++) {
    const char *name = m->s->run.benches[which[k]].name;
    for (size_t c = 0; c < o->n_commands; c++)
      if (strcmp(o->commands[c].name, name) == 0)
        tracks[k].cmd = &o->commands[c];
    tracks[k].res = &extra[k];
    rc = tracks[k].cmd != NULL ? alloc_result(&extra[k], tracks[k].cmd, x)
                               : YS_EINVAL;
  }
  if (rc == 0) rc = measure(x, tracks, n, o->shared.seed + 1);
  for (size_t k = 0; k < n && rc == 0; k++) {
    conclude(x, &tracks[k]);
    ys_bench_result *res = &m->s->run.benches[which[k]];
    if (extra[k].status != YS_BENCH_OK) {
      res->status = extra[k].status;
      memcpy(res->message, extra[k].message, sizeof(res->message));
      continue;
    }
    res->elapsed_s += extra[k].elapsed_s;
    res->total_iterations += extra[k].total_iterations;
    rc = ys_bench_result_append_rounds(res, &extra[k]);
  }
  for (size_t k = 0; k < n; k++)
    ys_bench_result_clear(&extra[k]);
  return rc == 0 ? analyze(&m->s->run, o->shared.seed) : rc;
}

/* A run stopped by SIGINT or SIGTERM, as a benchmark run reports one
 * (harness/app.c): the commands measured so far (a round or more, or
 * failed) are analysed and reported on stdout with their comparison, and
 * a line on stderr says the report is partial. Nothing is judged, no
 * baseline is saved and no --output file is written. Returns 128 + the
 * signal's number. */
static int report_interrupted(exec_session *x, invocation *s,
                              double elapsed_s) {
  const ys_exec_options *o = x->o;
  int sig = ys_interrupt_signal();
  size_t total = s->run.n_benches;
  size_t kept = ys_run_keep_measured(&s->run);
  analyze(&s->run, o->shared.seed);
  s->judged = false;
  s->reports.n = 1; /* stdout's alone */
  ys_summary sum = ys_app_summarize(s, elapsed_s);
  sum.interrupted_by = sig == SIGTERM ? "SIGTERM" : "SIGINT";
  ys_app_write_reports(s, &sum);
  if (kept > 1)
    ys_exec_relative_write(
        &s->run, o->reference != NULL ? o->reference : o->commands[0].name,
        &o->shared, x->prog);
  fflush(stdout);
  fprintf(stderr,
          "%s: interrupted by %s: %zu of %zu commands measured; the report "
          "above is partial, no baseline was saved and no --output file "
          "written\n",
          x->prog, sig == SIGTERM ? "SIGTERM" : "SIGINT", kept, total);
  return YS_EXIT_SIGNAL_BASE + sig;
}

/* Analyses, judges against --baseline, reports, compares with the
 * reference and saves. Returns the exit code. */
static int finish(exec_session *x, invocation *s, double elapsed_s) {
  const ys_exec_options *o = x->o;
  if (ys_interrupted()) return report_interrupted(x, s, elapsed_s);
  if (analyze(&s->run, o->shared.seed) != 0) {
    fprintf(stderr, "%s: exec: the analysis failed: out of memory\n", x->prog);
    return YS_EXIT_USAGE;
  }
  if (s->baseline != NULL) {
    ys_gate g = {
        .current = &s->run,
        .base = &s->baseline->run,
        .compare = ys_compare_config_default(o->shared.seed),
    };
    g.compare.threshold = o->shared.threshold;
    s->judged = true;
    /* A verdict that would fail or warn is measured again first, as for a
     * benchmark (docs/statistics.md §3). */
    remeasure_ctx m = {x, s};
    int rc = ys_gate_judge(&g, &s->judgement);
    if (rc == 0) rc = ys_gate_confirm(&g, remeasure, &m, &s->judgement);
    if (rc != 0) {
      fprintf(stderr, "%s: exec: %s\n", x->prog, ys_strerror(rc));
      return YS_EXIT_USAGE;
    }
    /* Stopped while confirming: the verdicts are not final. */
    if (ys_interrupted()) {
      s->judged = false;
      return report_interrupted(x, s, elapsed_s);
    }
  }
  ys_summary sum = ys_app_summarize(s, elapsed_s);
  bool reported = ys_app_write_reports(s, &sum);
  if (o->n_commands > 1 &&
      ys_exec_relative_write(
          &s->run, o->reference != NULL ? o->reference : o->commands[0].name,
          &o->shared, x->prog) != 0)
    reported = false;
  for (size_t i = 0; i < s->run.n_benches; i++)
    if (s->run.benches[i].status == YS_BENCH_FAILED) {
      fprintf(stderr, "%s: command '%s' failed: %s\n", x->prog,
              s->run.benches[i].name, s->run.benches[i].message);
      for (size_t c = 0; c < o->n_commands; c++)
        if (strcmp(o->commands[c].name, s->run.benches[i].name) == 0)
          print_hint(x, &o->commands[c]);
    }
  if (o->shared.save_baseline != NULL &&
      ys_app_may_save(x->prog, o->shared.save_baseline, &sum)) {
    if (ys_store_save(s->save_path, o->shared.save_baseline, &s->ctx, &s->run,
                      s->err, sizeof(s->err)) != 0) {
      fprintf(stderr, "%s: --save-baseline: %s\n", x->prog, s->err);
      return YS_EXIT_USAGE;
    }
    fprintf(stderr, "%s: saved baseline '%s' to %s\n", x->prog,
            o->shared.save_baseline, s->save_path);
  }
  return ys_app_exit_code(&sum, reported);
}

/* --cleanup, once, after the reports and the baseline, whenever --setup
 * began, even if it failed or was interrupted: it undoes what --setup did
 * (and the gate's confirming runs, which come after the measuring, still
 * find what --setup made). It is not interruptible: a SIGINT or SIGTERM
 * while it runs lets it finish, and the report already written stands,
 * with a note. A failed cleanup turns a success into exit 3; any other
 * exit code `code` is kept. Returns the exit code. */
static int clean_up(exec_session *x, int code) {
  const ys_exec_options *o = x->o;
  if (o->cleanup == NULL || !x->cleanup_owed) return code;
  bool stopped_before = ys_interrupted();
  if (run_hook(x, "cleanup", o->cleanup, x->err, sizeof(x->err)) != 0) {
    fprintf(stderr, "%s: %s\n", x->prog, x->err);
    if (code == YS_EXIT_OK) code = YS_EXIT_BENCH_FAILED;
  }
  if (!stopped_before && ys_interrupted())
    fprintf(stderr,
            "%s: note: %s came during --cleanup, which was let finish; the "
            "measurement was complete and its report above stands\n",
            x->prog, ys_interrupt_signal() == SIGTERM ? "SIGTERM" : "SIGINT");
  return code;
}

int ys_exec_main(const char *prog, int argc, char **argv) {
  static exec_session x; /* large: kept off the stack */
  static ys_exec_options o;
  static invocation s;
  memset(&x, 0, sizeof(x));
  memset(&o, 0, sizeof(o));
  memset(&s, 0, sizeof(s));
  x.prog = prog;
  x.o = &o;
  s.prog = prog;
  int code = YS_EXIT_OK;
  if (ys_exec_options_parse(argc, argv, &o, x.err, sizeof(x.err)) != 0) {
    fprintf(stderr, "%s: %s\nTry '%s exec --help' for more information.\n",
            prog, x.err, prog);
    code = YS_EXIT_USAGE;
  } else if (o.help) {
    ys_exec_print_help(stdout, prog);
  } else {
    s.o = o.shared;
    code = check_commands(&x);
    if (code == YS_EXIT_OK) code = prepare_baselines(&s);
    if (code == YS_EXIT_OK) code = ys_app_check_reports(&s, NULL);
    if (code == YS_EXIT_OK) fill_context(&s, &o);
    /* Before anything runs: every command, hook and perf or callgrind
     * run is a child of this process and inherits its affinity. */
    if (code == YS_EXIT_OK && o.shared.pin != NULL) {
      ys_doctor_env env = ys_doctor_env_default();
      if (ys_pin_apply(&env, o.shared.pin, YS_DOCTOR_SAMPLE_S, s.ctx.pinned_cpu,
                       sizeof(s.ctx.pinned_cpu), s.err, sizeof(s.err)) != 0) {
        fprintf(stderr, "%s: %s\n", prog, s.err);
        code = YS_EXIT_USAGE;
      }
    }
    if (code == YS_EXIT_OK) {
      /* From here a SIGINT or SIGTERM ends the command under way (it runs
       * in a process group of its own, which a terminal's Ctrl-C does not
       * reach) and the report says what was measured before it. */
      ys_interrupt_install();
      double started = ys_clock_now_s();
      code = measure_all(&x, &s);
      if (code == YS_EXIT_OK) code = finish(&x, &s, ys_clock_now_s() - started);
      code = clean_up(&x, code);
      ys_interrupt_remove();
    }
  }
  for (size_t c = 0; c < YS_EXEC_MAX_COMMANDS; c++)
    ys_bench_result_clear(&x.results[c]);
  ys_judgement_free(&s.judgement);
  ys_run_result_free(&s.run);
  ys_baseline_free(s.baseline);
  ys_exec_options_free(&o);
  return code;
}
