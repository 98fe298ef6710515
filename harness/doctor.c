/*
 * doctor.c — `bench doctor` and the findings a run records (doctor.h).
 */
#include "doctor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../collectors/collector.h"
#include "../core/json_writer.h"
#include "../run/runner.h"
#include "cli.h"
#include "context.h"
#include "exit_codes.h"
#include "invocation.h"

/* The clock as the wall collector reads it, calibrated as a run does. */
static void doctor_clock(const ys_doctor_env *env, ys_doctor_report *r) {
  ys_options defaults;
  ys_options_init(&defaults);
  ys_collector *wall = NULL;
  char err[256];
  if (ys_collector_open("wall", &defaults.collect, &wall, err, sizeof(err)) !=
      0) {
    ys_doctor_add(r, "clock", YS_DOCTOR_PROBLEM, NULL,
                  "the wall clock cannot be opened: %s", err);
    return;
  }
  double resolution_ns = 0, loop_ns = 0;
  ys_runner_calibrate(wall, &resolution_ns, &loop_ns);
  ys_collector_close(wall);
  ys_doctor_check_clock(env, resolution_ns, loop_ns, r);
}

void ys_doctor_run(const ys_doctor_env *env, ys_doctor_wants wants,
                   ys_doctor_report *r) {
  r->n = 0;
  int cpus = ys_doctor_online_cpus(env);
  /* Busy CPUs first: the programs the other checks start (valgrind and
   * perf, for their versions) would otherwise count as load. */
  ys_doctor_report busy = {.n = 0};
  ys_doctor_check_load(env, cpus, YS_DOCTOR_SAMPLE_S, &busy);
  ys_doctor_check_valgrind(env, wants, r);
  ys_doctor_check_perf_events(env, wants, r);
  ys_doctor_check_perf_tool(env, r);
  ys_doctor_check_governor(env, r);
  ys_doctor_check_boost(env, r);
  ys_doctor_check_smt(env, r);
  ys_doctor_check_aslr(env, r);
  for (size_t i = 0; i < busy.n && r->n < YS_DOCTOR_MAX_FINDINGS; i++)
    r->items[r->n++] = busy.items[i];
  ys_doctor_check_virtualization(env, r);
  ys_context ctx;
  memset(&ctx, 0, sizeof(ctx));
  /* The library's build type: see ys_doctor_check_build_type. */
  ys_context_collect(&ctx);
  ys_doctor_check_build_type(ctx.build_type, r);
  doctor_clock(env, r);
}

int ys_doctor_exit_code(const ys_doctor_report *r, bool strict) {
  ys_doctor_level worst = ys_doctor_worst(r);
  if (worst == YS_DOCTOR_PROBLEM) return YS_EXIT_REGRESSION;
  if (strict && worst == YS_DOCTOR_WARNING) return YS_EXIT_REGRESSION;
  return YS_EXIT_OK;
}

/* ANSI colours of the levels: green, yellow, red. */
static const char *level_colour(ys_doctor_level level) {
  switch (level) {
  case YS_DOCTOR_OK:
    return "\033[32m";
  case YS_DOCTOR_UNKNOWN:
    return "\033[36m";
  case YS_DOCTOR_WARNING:
    return "\033[33m";
  case YS_DOCTOR_PROBLEM:
    return "\033[31m";
  }
  return "";
}

static int doctor_write_json(FILE *out, const ys_doctor_report *r) {
  ys_json w;
  ys_json_init(&w, out);
  ys_json_begin_object(&w);
  ys_json_kv_string(&w, "verdict", ys_doctor_level_name(ys_doctor_worst(r)));
  ys_json_key(&w, "findings");
  ys_json_begin_array(&w);
  for (size_t i = 0; i < r->n; i++) {
    const ys_doctor_finding *f = &r->items[i];
    ys_json_begin_object_inline(&w);
    ys_json_kv_string(&w, "check", f->check);
    ys_json_kv_string(&w, "level", ys_doctor_level_name(f->level));
    ys_json_kv_string(&w, "finding", f->text);
    ys_json_key(&w, "fix");
    if (f->fix[0] != '\0')
      ys_json_string(&w, f->fix);
    else
      ys_json_null(&w);
    ys_json_end_object(&w);
  }
  ys_json_end_array(&w);
  ys_json_end_object(&w);
  fputc('\n', out);
  return ys_json_error(&w) != 0 ? -1 : 0;
}

/* The width of the check column: the longest check name. */
#define DOCTOR_CHECK_WIDTH 20

int ys_doctor_write(FILE *out, const ys_doctor_report *r, bool json,
                    bool colour) {
  if (json) return doctor_write_json(out, r) != 0 || ferror(out) ? -1 : 0;
  size_t counts[4] = {0, 0, 0, 0};
  for (size_t i = 0; i < r->n; i++) {
    const ys_doctor_finding *f = &r->items[i];
    counts[f->level]++;
    fprintf(out, "%s%-8s%s %-*s %s\n", colour ? level_colour(f->level) : "",
            ys_doctor_level_name(f->level), colour ? "\033[0m" : "",
            DOCTOR_CHECK_WIDTH, f->check, f->text);
    if (f->fix[0] != '\0')
      fprintf(out, "%-8s %-*s fix: %s\n", "", DOCTOR_CHECK_WIDTH, "", f->fix);
  }
  size_t ok = counts[YS_DOCTOR_OK], unknown = counts[YS_DOCTOR_UNKNOWN];
  size_t warnings = counts[YS_DOCTOR_WARNING];
  size_t problems = counts[YS_DOCTOR_PROBLEM];
  fprintf(out, "\n%zu ok, ", ok);
  if (unknown > 0) fprintf(out, "%zu unknown, ", unknown);
  fprintf(out, "%zu warning%s, %zu problem%s: ", warnings,
          warnings == 1 ? "" : "s", problems, problems == 1 ? "" : "s");
  if (problems > 0)
    fputs("a collector asked for cannot work here; fix the problems above\n",
          out);
  else if (warnings > 0)
    fputs("measuring can proceed, but results will be noisier than they "
          "need be\n",
          out);
  else
    fputs("measuring can proceed\n", out);
  return ferror(out) ? -1 : 0;
}

/* The options `bench doctor` uses; every other one is refused. */
static const char *const doctor_takes[] = {"strict", "format", "collector"};

int ys_doctor_main(const char *prog, const ys_options *o) {
  const char *other = ys_cli_given_other(
      o, doctor_takes, sizeof(doctor_takes) / sizeof(doctor_takes[0]));
  if (other != NULL) {
    fprintf(stderr,
            "%s: doctor: --%s does nothing with 'doctor', which takes "
            "--strict, --format and --collector\n",
            prog, other);
    return YS_EXIT_USAGE;
  }
  if (o->n_filters > 0) {
    fprintf(stderr, "%s: doctor: takes no benchmark names ('%s')\n", prog,
            o->filters[0]);
    return YS_EXIT_USAGE;
  }
  bool json = strcmp(o->format->name, "json") == 0;
  if (!json && strcmp(o->format->name, "console") != 0) {
    fprintf(stderr,
            "%s: doctor: --format: 'doctor' writes console or json, "
            "not %s\n",
            prog, o->format->name);
    return YS_EXIT_USAGE;
  }
  ys_doctor_wants wants = {
      .perf = strstr(o->collector, "perf") != NULL,
      .callgrind = strstr(o->collector, "callgrind") != NULL ||
                   strstr(o->collector, "dhat") != NULL,
  };
  ys_doctor_env env = ys_doctor_env_default();
  ys_doctor_report r;
  ys_doctor_run(&env, wants, &r);
  bool colour = !json && ys_app_stdout_wants_color();
  if (ys_doctor_write(stdout, &r, json, colour) != 0 || fflush(stdout) != 0) {
    fprintf(stderr, "%s: doctor: cannot write to standard output\n", prog);
    return YS_EXIT_USAGE;
  }
  return ys_doctor_exit_code(&r, o->strict);
}

void ys_doctor_record(ys_context *ctx) {
  ys_doctor_env env = ys_doctor_env_default();
  ys_doctor_report r = {.n = 0};
  ys_doctor_check_cheap(&env, ys_doctor_online_cpus(&env), ctx->build_type, &r);
  ys_doctor_check_clock(&env, ctx->clock_resolution_ns, ctx->loop_overhead_ns,
                        &r);
  ctx->n_machine_findings = 0;
  for (size_t i = 0; i < r.n; i++) {
    const ys_doctor_finding *f = &r.items[i];
    /* Only what needs the reader's attention: not ok, not unknown. */
    if (f->level != YS_DOCTOR_WARNING && f->level != YS_DOCTOR_PROBLEM)
      continue;
    if (ctx->n_machine_findings == YS_MAX_MACHINE_FINDINGS) break;
    ys_machine_finding *m = &ctx->machine_findings[ctx->n_machine_findings++];
    snprintf(m->level, sizeof(m->level), "%s", ys_doctor_level_name(f->level));
    snprintf(m->check, sizeof(m->check), "%s", f->check);
    snprintf(m->text, sizeof(m->text), "%s", f->text);
    snprintf(m->fix, sizeof(m->fix), "%s", f->fix);
  }
}
