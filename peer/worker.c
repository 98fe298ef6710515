#include "worker.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yardstick.h>

#include "../core/error.h"
#include "../core/json_writer.h"
#include "../run/counters.h"
#include "../run/exit_guard.h"
#include "../run/runner.h"
#include "round_functions.h"

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

/* Whether s is a latency percentile series (run/latency.h). */
static bool is_latency(const ys_series *s) {
  return (s->counter & YS_SERIES_LATENCY) != 0;
}

/* Writes the latency percentiles of the round res holds, one line
 * "SERIES VALUE" per latency series it has (a round too short for p99
 * has none for it): none when latency mode was refused, or timed nothing. */
static void send_latency(const ys_bench_result *res, FILE *out) {
  size_t k = 0;
  for (size_t m = 0; m < res->n_series; m++)
    k += is_latency(&res->series[m]) && res->series[m].n_samples == 1;
  fprintf(out, "latency %zu\n", k);
  for (size_t m = 0; m < res->n_series; m++) {
    const ys_series *s = &res->series[m];
    if (!is_latency(s) || s->n_samples != 1) continue;
    char number[YS_JSON_DOUBLE_MAX];
    ys_json_format_double(number, s->samples[0].value);
    fprintf(out, "%s %s\n", s->metric, number);
  }
}

/* Writes one round's samples, exact decimal doubles so that nothing is
 * lost between the processes, then its latency percentiles when the round
 * asked for latency mode, then the functions of its windows. */
static void send_round(const ys_bench_result *res, bool latency, FILE *out) {
  const ys_series *primary = &res->series[0];
  const ys_round *round = &primary->rounds[primary->n_rounds - 1];
  char elapsed[YS_JSON_DOUBLE_MAX];
  ys_json_format_double(elapsed, res->elapsed_s);
  fprintf(out, "ok %zu %d %llu %llu %u %zu %s\n", round->n_samples,
          round->linear, (unsigned long long)res->bytes_per_iteration,
          (unsigned long long)res->elements_per_iteration,
          primary->analysis.warnings, primary->analysis.suggested_sample_size,
          elapsed);
  /* The counters the benchmark reported, which the sample lines carry
   * after the collector's metrics. */
  size_t first = ys_counters_first(res);
  /* Latency series follow the counters, one value per round: they go in
   * their own section (send_latency). */
  size_t end = first;
  while (end < res->n_series && !is_latency(&res->series[end]))
    end++;
  fprintf(out, "counters %zu\n", end - first);
  for (size_t m = first; m < end; m++)
    fprintf(out, "%u %s\n",
            (unsigned)(res->series[m].counter & ~YS_SERIES_COUNTER),
            res->series[m].metric);
  for (size_t i = 0; i < round->n_samples; i++) {
    size_t k = round->first_sample + i;
    fprintf(out, "%llu", (unsigned long long)primary->samples[k].iterations);
    for (size_t m = 0; m < end; m++) {
      char number[YS_JSON_DOUBLE_MAX];
      ys_json_format_double(number, res->series[m].samples[k].value);
      fprintf(out, " %s", number);
    }
    fputc('\n', out);
  }
  if (latency) send_latency(res, out);
  ys_round_functions_send(res, out);
}

/* Reads a time field of a round command: a finite number of nanoseconds
 * in (0, YS_WORKER_MAX_TIME_NS]. Anything else is refused, because the
 * warm-up doubles its batches until the time is spent: an infinite or
 * astronomically long one would never end. */
static bool parse_time(const char *word, double *out) {
  char *end;
  errno = 0;
  double v = strtod(word, &end);
  if (end == word || *end != '\0' || errno != 0 || !isfinite(v) || !(v > 0) ||
      v > YS_WORKER_MAX_TIME_NS)
    return false;
  *out = v;
  return true;
}

/* Reads the sample-size field: decimal digits only (strtoull would take
 * "-1" as a huge count), 1 to YS_WORKER_MAX_SAMPLES, so that the runner's
 * sample storage stays a sensible size. */
static bool parse_count(const char *word, size_t *out) {
  if (word[0] == '\0' || strspn(word, "0123456789") != strlen(word))
    return false;
  errno = 0;
  unsigned long long v = strtoull(word, NULL, 10);
  if (errno != 0 || v < 1 || v > YS_WORKER_MAX_SAMPLES) return false;
  *out = (size_t)v;
  return true;
}

/* Reads the optional warm-up iteration count: decimal digits, 1 to
 * YS_SETTINGS_MAX_WARM_UP_ITERATIONS, for the warm-up to end. */
static bool parse_iterations(const char *word, uint64_t *out) {
  if (word[0] == '\0' || strspn(word, "0123456789") != strlen(word))
    return false;
  errno = 0;
  unsigned long long v = strtoull(word, NULL, 10);
  if (errno != 0 || v < 1 || v > YS_SETTINGS_MAX_WARM_UP_ITERATIONS)
    return false;
  *out = (uint64_t)v;
  return true;
}

int ys_worker_parse_round(char *args, ys_worker_round *out, char *err,
                          size_t err_len) {
  char *save = NULL;
  char *words[7];
  size_t n = 0;
  for (char *w = strtok_r(args, " ", &save); w != NULL && n < 7;
       w = strtok_r(NULL, " ", &save))
    words[n++] = w;
  /* "latency" last asks for latency mode (protocol 5). */
  out->latency = n >= 5 && strcmp(words[n - 1], "latency") == 0;
  if (out->latency) n--;
  if (n != 4 && n != 5) {
    snprintf(err, err_len,
             "malformed round command: want round NAME WARM_UP_NS "
             "MEASUREMENT_NS SAMPLE_SIZE [WARM_UP_ITERATIONS] [latency]");
    return YS_EFORMAT;
  }
  if (strlen(words[0]) >= sizeof(out->name)) {
    snprintf(err, err_len, "benchmark name longer than %d bytes",
             YS_NAME_MAX - 1);
    return YS_EFORMAT;
  }
  snprintf(out->name, sizeof(out->name), "%s", words[0]);
  if (!parse_time(words[1], &out->warm_up_ns)) {
    snprintf(err, err_len,
             "WARM_UP_NS must be a finite number of nanoseconds in (0, %.0f]",
             YS_WORKER_MAX_TIME_NS);
    return YS_EFORMAT;
  }
  if (!parse_time(words[2], &out->measurement_ns)) {
    snprintf(err, err_len,
             "MEASUREMENT_NS must be a finite number of nanoseconds in "
             "(0, %.0f]",
             YS_WORKER_MAX_TIME_NS);
    return YS_EFORMAT;
  }
  if (!parse_count(words[3], &out->sample_size)) {
    snprintf(err, err_len, "SAMPLE_SIZE must be a whole number from 1 to %d",
             YS_WORKER_MAX_SAMPLES);
    return YS_EFORMAT;
  }
  out->warm_up_iterations = 0;
  if (n == 5 && !parse_iterations(words[4], &out->warm_up_iterations)) {
    snprintf(err, err_len,
             "WARM_UP_ITERATIONS must be a whole number from 1 to %" PRIu64,
             YS_SETTINGS_MAX_WARM_UP_ITERATIONS);
    return YS_EFORMAT;
  }
  return 0;
}

/* Carries what latency mode decided for a benchmark (on, or refused and
 * why) from one round's result to the next: each round is a result of its
 * own here, and deciding anew would probe the clock again every round. */
static void carry_latency_decision(ys_latency *to, const ys_latency *from) {
  to->status = from->status;
  memcpy(to->why, from->why, sizeof(to->why));
  to->clock_ns = from->clock_ns;
  to->probe_median_ns = from->probe_median_ns;
}

/* Runs one "round NAME WARM MEAS SIZE" command and answers it; decided[i]
 * is what latency mode decided for instances[i] in its earlier rounds. */
static int serve_round(ys_runner *runner, const ys_collector *collector,
                       const ys_instance *instances, size_t n,
                       ys_latency *decided, char *args, FILE *out) {
  ys_worker_round cmd;
  char why[160];
  if (ys_worker_parse_round(args, &cmd, why, sizeof(why)) != 0) {
    fprintf(out, "error %s\n", why);
    return 0;
  }
  const char *name = cmd.name;
  double warm_up_ns = cmd.warm_up_ns, measurement_ns = cmd.measurement_ns;
  size_t sample_size = cmd.sample_size;
  const ys_instance *inst = find(instances, n, name);
  if (inst == NULL) {
    fprintf(out, "error no benchmark named %s\n", name);
    return 0;
  }
  ys_bench_result res;
  int rc = ys_runner_result_init(collector, inst, &res);
  ys_latency *decision = &decided[inst - instances];
  if (rc == 0) {
    res.settings.latency = cmd.latency;
    carry_latency_decision(&res.latency, decision);
    ys_runner_set_budget(runner, warm_up_ns, measurement_ns, sample_size);
    ys_runner_set_warm_up_iterations(runner, cmd.warm_up_iterations);
    long mark = ys_round_functions_mark(collector);
    rc = ys_runner_round(runner, inst, &res);
    if (rc == 0 && res.status == YS_BENCH_OK)
      ys_round_functions_read(mark, &res);
    carry_latency_decision(decision, &res.latency);
  }
  if (rc == 0) {
    if (res.status == YS_BENCH_SKIPPED)
      fprintf(out, "skipped %s\n", res.message);
    else if (res.status == YS_BENCH_FAILED)
      fprintf(out, "failed %s\n", res.message);
    else
      send_round(&res, cmd.latency, out);
  }
  ys_bench_result_clear(&res);
  return rc;
}

FILE *ys_worker_claim_stdout(void) {
  fflush(stdout);
  int fd = dup(STDOUT_FILENO);
  if (fd < 0) return NULL;
  FILE *protocol = fdopen(fd, "w");
  if (protocol == NULL || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    if (protocol != NULL)
      fclose(protocol);
    else
      close(fd);
    return NULL;
  }
  return protocol;
}

int ys_worker_serve(const ys_collector *collector, uint64_t fixed_iterations,
                    const ys_instance *instances, size_t n, FILE *in,
                    FILE *out) {
  /* The iteration count matters even to an exact count: the window's own
   * cost (the loop's entry and exit) is spread over its iterations, so
   * both builds must count batches of one size to compare exactly. */
  ys_runner_config cfg = {.collector = collector,
                          .rounds = 1,
                          .fixed_iterations = fixed_iterations};
  /* A benchmark that calls exit() here ends the worker with its own
   * status, which the parent reports as the benchmark's failure. */
  ys_exit_guard_set_code(YS_EXIT_GUARD_KEEP_STATUS);
  ys_runner *runner;
  ys_latency *decided = calloc(n == 0 ? 1 : n, sizeof(*decided));
  if (decided == NULL) return YS_ENOMEM;
  int rc = ys_runner_open(&cfg, &runner);
  if (rc != 0) {
    free(decided);
    return rc;
  }
  greet(collector, instances, n, out);

  char line[YS_WORKER_LINE_MAX];
  while (rc == 0 && fgets(line, sizeof(line), in) != NULL) {
    line[strcspn(line, "\n")] = '\0';
    if (strcmp(line, "quit") == 0) break;
    if (strncmp(line, "round ", 6) == 0)
      rc = serve_round(runner, collector, instances, n, decided, line + 6, out);
    else
      fprintf(out, "error unknown command\n");
    fflush(out);
  }
  ys_runner_close(runner);
  free(decided);
  return rc;
}
