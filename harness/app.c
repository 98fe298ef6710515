/*
 * app.c — ys_main: the benchmark program from command line to exit code.
 * It wires the stages together and decides nothing they decide: parse →
 * select → measure → analyse → report.
 */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <yardstick.h>

#include "../reports/progress.h"
#include "../reports/report.h"
#include "cli.h"
#include "context.h"
#include "error.h"
#include "options.h"
#include "registry.h"
#include "runner.h"
#include "select.h"
#include "stats.h"

enum {
  EXIT_OK = 0,
  EXIT_REGRESSION = 1,
  EXIT_USAGE = 2,
  EXIT_BENCH_FAILED = 3,
};

/* The reports of one run: stdout's and every --output file. */
typedef struct report_set {
  ys_report reports[YS_MAX_OUTPUTS + 1];
  size_t n;
} report_set;

static const char *program_name(const char *argv0) {
  const char *slash = strrchr(argv0, '/');
  return slash != NULL ? slash + 1 : argv0;
}

/* Colour on stdout only for a terminal, and never when NO_COLOR is set to
 * anything (no-color.org) or the terminal says it cannot. */
static bool stdout_wants_color(void) {
  const char *no_color = getenv("NO_COLOR");
  const char *term = getenv("TERM");
  if (no_color != NULL && no_color[0] != '\0') return false;
  if (term != NULL && strcmp(term, "dumb") == 0) return false;
  return isatty(STDOUT_FILENO);
}

static void close_reports(report_set *set) {
  for (size_t i = 0; i < set->n; i++) {
    FILE *f = set->reports[i].out;
    if (f != stdout) fclose(f);
  }
  set->n = 0;
}

/* Opens every destination before anything is measured, so that a bad path
 * fails in a second, not after the whole suite has run. */
static int open_reports(const ys_options *o, report_set *set,
                        const char *prog) {
  set->n = 0;
  set->reports[set->n++] = (ys_report){
      .ops = o->format, .out = stdout, .color = stdout_wants_color()};
  for (size_t i = 0; i < o->n_outputs; i++) {
    const ys_output *dst = &o->outputs[i];
    FILE *f = stdout;
    if (strcmp(dst->path, "-") != 0) {
      f = fopen(dst->path, "w");
      if (f == NULL) {
        fprintf(stderr, "%s: --output: cannot write '%s': %m\n", prog,
                dst->path);
        close_reports(set);
        return YS_EIO;
      }
    }
    set->reports[set->n++] = (ys_report){.ops = dst->format, .out = f};
  }
  return 0;
}

static void print_list(const ys_instance *instances, const bool *chosen,
                       size_t n) {
  for (size_t i = 0; i < n; i++)
    if (chosen[i]) printf("%s\n", instances[i].name);
}

static void fill_run_settings(ys_context *ctx, const ys_options *o) {
  ctx->collector = o->collector;
  ctx->seed = o->seed;
  ctx->rounds = o->rounds;
  ctx->sample_size = o->sample_size;
  ctx->warm_up_time_s = o->warm_up_time_s;
  ctx->measurement_time_s = o->measurement_time_s;
}

static int analyze_all(ys_run_result *run, uint64_t seed) {
  ys_stats_config cfg = ys_stats_config_default(seed);
  for (size_t i = 0; i < run->n_benches; i++) {
    ys_bench_result *res = &run->benches[i];
    if (res->status != YS_BENCH_OK) continue;
    for (size_t m = 0; m < res->n_series; m++) {
      int rc = ys_stats_analyze(&res->series[m], &cfg);
      if (rc != 0) return rc;
    }
  }
  return 0;
}

static void write_reports(report_set *set, const ys_context *ctx,
                          const ys_run_result *run, const ys_summary *sum) {
  for (size_t r = 0; r < set->n; r++) {
    ys_report *rep = &set->reports[r];
    ys_report_begin(rep, ctx);
    for (size_t i = 0; i < run->n_benches; i++)
      ys_report_bench(rep, &run->benches[i], NULL);
    ys_report_end(rep, sum);
    fflush(rep->out);
  }
}

static ys_summary summarize(const ys_run_result *run, double elapsed_s) {
  ys_summary sum = {.elapsed_s = elapsed_s};
  for (size_t i = 0; i < run->n_benches; i++) {
    switch (run->benches[i].status) {
    case YS_BENCH_OK:
      sum.n_ok++;
      break;
    case YS_BENCH_SKIPPED:
      sum.n_skipped++;
      break;
    case YS_BENCH_FAILED:
      sum.n_failed++;
      break;
    }
  }
  return sum;
}

/* Measures the chosen instances and writes every report. */
static int run_and_report(const ys_options *o, const ys_instance *chosen,
                          size_t n, report_set *set, const char *prog) {
  char err[256] = "";
  const ys_collector_ops *collector = ys_collector_find(o->collector);
  ys_context ctx;
  memset(&ctx, 0, sizeof(ctx));
  ys_context_collect(&ctx);
  fill_run_settings(&ctx, o);
  int rc = ys_runner_calibrate(collector, &ctx.clock_resolution_ns,
                               &ctx.loop_overhead_ns, err, sizeof(err));
  if (rc != 0) {
    fprintf(stderr, "%s: collector '%s': %s\n", prog, o->collector, err);
    return EXIT_USAGE;
  }

  ys_progress *progress = ys_progress_new(stderr, isatty(STDERR_FILENO));
  ys_runner_config cfg = {
      .collector = collector,
      .warm_up_ns = o->warm_up_time_s * 1e9 / (double)o->rounds,
      .measurement_ns = o->measurement_time_s * 1e9 / (double)o->rounds,
      .sample_size = o->sample_size,
      .rounds = o->rounds,
      .seed = o->seed,
      .progress = progress != NULL ? ys_progress_update : NULL,
      .progress_ctx = progress,
  };
  ys_run_result run;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  rc = ys_runner_run(chosen, n, &cfg, &run, err, sizeof(err));
  clock_gettime(CLOCK_MONOTONIC, &t1);
  if (progress != NULL) ys_progress_finish(progress);
  ys_progress_free(progress);
  if (rc == 0) rc = analyze_all(&run, o->seed);
  if (rc != 0) {
    fprintf(stderr, "%s: %s%s%s\n", prog, ys_strerror(rc), err[0] ? ": " : "",
            err);
    ys_run_result_free(&run);
    return rc == YS_ENOTSUP ? EXIT_USAGE : EXIT_BENCH_FAILED;
  }

  double elapsed = (double)(t1.tv_sec - t0.tv_sec) +
                   (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
  ys_summary sum = summarize(&run, elapsed);
  write_reports(set, &ctx, &run, &sum);
  for (size_t i = 0; i < run.n_benches; i++)
    if (run.benches[i].status == YS_BENCH_FAILED)
      fprintf(stderr, "%s: benchmark '%s' failed: %s\n", prog,
              run.benches[i].name, run.benches[i].message);
  ys_run_result_free(&run);
  return sum.n_failed > 0 ? EXIT_BENCH_FAILED : EXIT_OK;
}

int ys_main(int argc, char **argv) {
  /* GSL's default handler aborts; every GSL call here checks its result
   * and turns a failure into a message and an exit code instead. */
  gsl_set_error_handler_off();
  const char *prog = program_name(argc > 0 ? argv[0] : "bench");
  char err[512] = "";
  ys_options o;
  ys_options_init(&o);
  if (ys_cli_parse(argc, argv, &o, err, sizeof(err)) != 0) {
    fprintf(stderr, "%s: %s\nTry '%s --help' for more information.\n", prog,
            err, prog);
    return EXIT_USAGE;
  }
  if (o.help) {
    ys_cli_print_help(stdout, prog);
    return EXIT_OK;
  }
  if (o.version) {
    ys_cli_print_version(stdout);
    return EXIT_OK;
  }

  int exit_code = EXIT_USAGE;
  ys_instance *instances = NULL, *chosen = NULL;
  bool *marks = NULL;
  size_t n = 0;
  if (ys_registry_expand(ys_registry_head(), &instances, &n, err,
                         sizeof(err)) != 0) {
    fprintf(stderr, "%s: %s\n", prog, err[0] ? err : "out of memory");
    return EXIT_USAGE;
  }
  marks = calloc(n == 0 ? 1 : n, sizeof(*marks));
  chosen = calloc(n == 0 ? 1 : n, sizeof(*chosen));
  if (marks == NULL || chosen == NULL) {
    fprintf(stderr, "%s: out of memory\n", prog);
    goto out;
  }
  int n_chosen = ys_select(instances, n, o.filters, o.n_filters, o.exact, marks,
                           err, sizeof(err));
  if (n_chosen < 0) {
    fprintf(stderr, "%s: %s\n", prog, err);
    goto out;
  }
  if (o.list) {
    print_list(instances, marks, n);
    exit_code = EXIT_OK;
    goto out;
  }
  if (n_chosen == 0) {
    fprintf(stderr, "%s: this program defines no benchmarks\n", prog);
    goto out;
  }
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (marks[i]) chosen[k++] = instances[i];

  report_set set;
  if (open_reports(&o, &set, prog) != 0) goto out;
  exit_code = run_and_report(&o, chosen, k, &set, prog);
  close_reports(&set);

out:
  free(chosen);
  free(marks);
  free(instances);
  return exit_code;
}
