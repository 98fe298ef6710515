#include "worker.h"

#include <stdlib.h>
#include <string.h>
#include <yardstick.h>

#include "../core/error.h"
#include "../core/json_writer.h"
#include "../run/runner.h"

static void greet(const ys_collector *collector, const ys_instance *instances,
                  size_t n, FILE *out) {
  fprintf(out, "yardstick-worker %d %s\n", YS_WORKER_PROTOCOL,
          YS_VERSION_STRING);
  fprintf(out, "metrics %zu", collector->n_metrics);
  for (size_t m = 0; m < collector->n_metrics; m++)
    fprintf(out, " %s %s", collector->metrics[m].name,
            collector->metrics[m].unit);
  fputc('\n', out);
  for (size_t i = 0; i < n; i++)
    fprintf(out, "bench %s\n", instances[i].name);
  fputs("ready\n", out);
  fflush(out);
}

static const ys_instance *find(const ys_instance *instances, size_t n,
                               const char *name) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(instances[i].name, name) == 0) return &instances[i];
  return NULL;
}

/* Writes one round's samples: exact decimal doubles, so nothing is lost
 * between the processes. */
static void send_round(const ys_bench_result *res, FILE *out) {
  const ys_series *primary = &res->series[0];
  const ys_round *round = &primary->rounds[primary->n_rounds - 1];
  char elapsed[YS_JSON_DOUBLE_MAX];
  ys_json_format_double(elapsed, res->elapsed_s);
  fprintf(out, "ok %zu %d %llu %llu %u %zu %s\n", round->n_samples,
          round->linear, (unsigned long long)res->bytes_per_iteration,
          (unsigned long long)res->elements_per_iteration,
          primary->analysis.warnings, primary->analysis.suggested_sample_size,
          elapsed);
  for (size_t i = 0; i < round->n_samples; i++) {
    size_t k = round->first_sample + i;
    fprintf(out, "%llu", (unsigned long long)primary->samples[k].iterations);
    for (size_t m = 0; m < res->n_series; m++) {
      char number[YS_JSON_DOUBLE_MAX];
      ys_json_format_double(number, res->series[m].samples[k].value);
      fprintf(out, " %s", number);
    }
    fputc('\n', out);
  }
}

/* Runs one "round NAME WARM MEAS SIZE" command and answers it. */
static int serve_round(ys_runner *runner, const ys_collector *collector,
                       const ys_instance *instances, size_t n, const char *args,
                       FILE *out) {
  char name[YS_NAME_MAX];
  double warm_up_ns, measurement_ns;
  size_t sample_size;
  if (sscanf(args, "%255s %lf %lf %zu", name, &warm_up_ns, &measurement_ns,
             &sample_size) != 4 ||
      !(warm_up_ns > 0) || !(measurement_ns > 0) || sample_size < 1) {
    fprintf(out, "error malformed round command\n");
    return 0;
  }
  const ys_instance *inst = find(instances, n, name);
  if (inst == NULL) {
    fprintf(out, "error no benchmark named %s\n", name);
    return 0;
  }
  ys_bench_result res;
  int rc = ys_runner_result_init(collector, inst, &res);
  if (rc == 0) {
    ys_runner_set_budget(runner, warm_up_ns, measurement_ns, sample_size);
    rc = ys_runner_round(runner, inst, &res);
  }
  if (rc == 0) {
    if (res.status == YS_BENCH_SKIPPED)
      fprintf(out, "skipped %s\n", res.message);
    else if (res.status == YS_BENCH_FAILED)
      fprintf(out, "failed %s\n", res.message);
    else
      send_round(&res, out);
  }
  ys_bench_result_clear(&res);
  return rc;
}

int ys_worker_serve(const ys_collector *collector, const ys_instance *instances,
                    size_t n, FILE *in, FILE *out) {
  ys_runner_config cfg = {.collector = collector, .rounds = 1};
  ys_runner *runner;
  int rc = ys_runner_open(&cfg, &runner);
  if (rc != 0) return rc;
  greet(collector, instances, n, out);

  char line[YS_WORKER_LINE_MAX];
  while (rc == 0 && fgets(line, sizeof(line), in) != NULL) {
    line[strcspn(line, "\n")] = '\0';
    if (strcmp(line, "quit") == 0) break;
    if (strncmp(line, "round ", 6) == 0)
      rc = serve_round(runner, collector, instances, n, line + 6, out);
    else
      fprintf(out, "error unknown command\n");
    fflush(out);
  }
  ys_runner_close(runner);
  return rc;
}
