#include "targets.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yardstick.h>

#include "../analysis/latency.h"
#include "../collectors/collector.h"
#include "../core/error.h"
#include "metric_gate.h"

static ys_target *registered_head;
static ys_target **registered_tail = &registered_head;

/* Appended at the tail, so that a file's targets keep the order they are
 * written in (constructors of one file run top to bottom). */
void ys_target_add(ys_target *target) {
  target->next = NULL;
  *registered_tail = target;
  registered_tail = &target->next;
}

const ys_target *ys_targets_registered(void) {
  return registered_head;
}

int ys_targets_add(ys_target_table *t, const ys_target_spec *spec) {
  ys_target_spec *specs = realloc(t->specs, (t->n + 1) * sizeof(*specs));
  if (specs == NULL) return YS_ENOMEM;
  t->specs = specs;
  ys_target_result *results =
      realloc(t->results, (t->n + 1) * sizeof(*results));
  if (results == NULL) return YS_ENOMEM;
  t->results = results;
  specs[t->n] = *spec;
  memset(&results[t->n], 0, sizeof(results[t->n]));
  t->n++;
  return 0;
}

int ys_targets_add_registered(ys_target_table *t, const ys_target *head,
                              char *err, size_t err_len) {
  for (const ys_target *g = head; g != NULL; g = g->next) {
    if (g->op == NULL || (strcmp(g->op, "<=") != 0 && strcmp(g->op, ">=")))
      return ys_error_set(err, err_len, YS_EINVAL,
                          "%s:%d: target on '%s': the comparison must be <= "
                          "(a budget) or >= (a floor), not %s",
                          g->file, g->line,
                          g->benchmark ? g->benchmark : "(null)",
                          g->op ? g->op : "(null)");
    if (g->benchmark == NULL || g->metric == NULL ||
        strlen(g->benchmark) >= YS_NAME_MAX ||
        strlen(g->metric) >= sizeof(((ys_target_spec *)0)->metric))
      return ys_error_set(err, err_len, YS_EINVAL,
                          "%s:%d: target: the benchmark and the metric must "
                          "be names",
                          g->file, g->line);
    if (!isfinite(g->limit) || g->limit < 0)
      return ys_error_set(err, err_len, YS_EINVAL,
                          "%s:%d: target on '%s': the limit must be a finite "
                          "number >= 0, not %g",
                          g->file, g->line, g->benchmark, g->limit);
    ys_target_spec spec = {.limit = g->limit,
                           .unit = YS_LIMIT_CODE,
                           .at_least = strcmp(g->op, ">=") == 0};
    snprintf(spec.benchmark, sizeof(spec.benchmark), "%s", g->benchmark);
    snprintf(spec.metric, sizeof(spec.metric), "%s", g->metric);
    snprintf(spec.source, sizeof(spec.source), "%s:%d", g->file, g->line);
    int rc = ys_targets_add(t, &spec);
    if (rc != 0) return rc;
  }
  return 0;
}

bool ys_targets_parse_limit(const char *text, double *out,
                            ys_limit_unit *unit) {
  static const struct {
    const char *suffix;
    double ns;
  } units[] = {{"ns", 1},
               {"us", 1e3},
               {"\xc2\xb5s", 1e3}, /* µs */
               {"ms", 1e6},
               {"s", 1e9}};
  char *end;
  errno = 0;
  double v = strtod(text, &end);
  if (end == text || errno != 0 || !isfinite(v) || v < 0) return false;
  while (*end == ' ')
    end++;
  if (*end == '\0') {
    *out = v;
    *unit = YS_LIMIT_PLAIN;
    return true;
  }
  for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
    if (strcmp(end, units[i].suffix) == 0) {
      *out = v * units[i].ns;
      *unit = YS_LIMIT_NS;
      return true;
    }
  return false;
}

static const ys_target_metric *find_metric(const ys_target_metric *metrics,
                                           size_t n, const char *name) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(metrics[i].name, name) == 0) return &metrics[i];
  return NULL;
}

/* The limit of spec in the unit of a metric of `kind`: ns for a time. */
static double limit_in_unit(const ys_target_spec *s, ys_metric_kind kind) {
  if (s->unit == YS_LIMIT_CODE && kind == YS_METRIC_TIME) return s->limit * 1e9;
  return s->limit;
}

static bool latency_series(const char *name) {
  for (size_t q = 0; q < YS_LATENCY_SERIES; q++)
    if (strcmp(ys_latency_series_name[q], name) == 0) return true;
  return false;
}

const char *ys_target_op(const ys_target_spec *s) {
  return s->at_least ? ">=" : "<=";
}

/* The limit's unit against the metric's kind: a time needs a time unit, a
 * count a plain number; YS_LIMIT_CODE fits either. Returns 0 or YS_EINVAL
 * with the message in err. */
static int check_limit_unit(const ys_target_spec *s, ys_metric_kind kind,
                            char *err, size_t err_len) {
  if (kind == YS_METRIC_TIME && s->unit == YS_LIMIT_PLAIN)
    return ys_error_set(err, err_len, YS_EINVAL,
                        "%s: target on '%s': %s is a time: give the limit "
                        "a unit (ns, us, ms, s)",
                        s->source, s->benchmark, s->metric);
  if (kind != YS_METRIC_TIME && s->unit == YS_LIMIT_NS)
    return ys_error_set(err, err_len, YS_EINVAL,
                        "%s: target on '%s': %s is a count: give the limit "
                        "as a plain number, without a time unit",
                        s->source, s->benchmark, s->metric);
  return 0;
}

/* A metric no collector records and no latency series: refused when it
 * cannot be a metric's name or is a near miss of a known one (the gates'
 * up-front rule, ys_metric_gates_check_names); else it may be a user
 * counter, left to ys_targets_check_recorded. Returns 0 or YS_EINVAL. */
static int check_unknown_metric(const ys_target_spec *s, char *err,
                                size_t err_len) {
  char source[sizeof(s->source) + YS_NAME_MAX + 32];
  snprintf(source, sizeof(source), "%s: target on '%s'", s->source,
           s->benchmark);
  ys_metric_gates one = {.n = 1};
  snprintf(one.gate[0].metric, sizeof(one.gate[0].metric), "%s", s->metric);
  /* Every collector, with every option on: the name is measured against
   * all the metrics there are, whichever this run records. */
  ys_collector_options every = {.cache_sim = true};
  return ys_metric_gates_check_names(&one, NULL, &every, source, err, err_len);
}

/* The metric names of the run as "time, cpu_time", for a message. */
static void join_metrics(const ys_target_metric *metrics, size_t n, char *out,
                         size_t len) {
  size_t used = 0;
  out[0] = '\0';
  for (size_t k = 0; k < n && used < len; k++)
    used += (size_t)snprintf(out + used, len - used, "%s%s", k ? ", " : "",
                             metrics[k].name);
}

int ys_targets_check(ys_target_table *t, const char *const *all, size_t n_all,
                     const ys_target_metric *metrics, size_t n_metrics,
                     char *err, size_t err_len) {
  for (size_t i = 0; i < t->n; i++) {
    const ys_target_spec *s = &t->specs[i];
    ys_target_result *r = &t->results[i];
    bool known = false;
    for (size_t k = 0; k < n_all && !known; k++)
      known = strcmp(all[k], s->benchmark) == 0;
    if (!known)
      return ys_error_set(err, err_len, YS_EINVAL,
                          "%s: target on '%s': no benchmark of that name "
                          "(bench --list lists them)",
                          s->source, s->benchmark);
    /* Two targets on one benchmark, metric and direction: one of them is
     * stale or a copy, and the report would list both. */
    for (size_t j = 0; j < i; j++)
      if (strcmp(t->specs[j].benchmark, s->benchmark) == 0 &&
          strcmp(t->specs[j].metric, s->metric) == 0 &&
          t->specs[j].at_least == s->at_least)
        return ys_error_set(err, err_len, YS_EINVAL,
                            "%s: target on '%s': %s %s is already a target "
                            "at %s; keep one",
                            s->source, s->benchmark, s->metric, ys_target_op(s),
                            t->specs[j].source);
    if (s->metric[0] == '\0')
      return ys_error_set(err, err_len, YS_EINVAL,
                          "%s: target on '%s': the metric is empty; name one "
                          "this run records",
                          s->source, s->benchmark);
    const ys_target_metric *m = find_metric(metrics, n_metrics, s->metric);
    r->status = YS_TARGET_PASS;
    r->after_run = false;
    if (m != NULL) {
      int rc = check_limit_unit(s, m->kind, err, err_len);
      if (rc != 0) return rc;
      r->unit = m->unit;
      r->kind = m->kind;
      r->limit = limit_in_unit(s, m->kind);
      continue;
    }
    if (latency_series(s->metric)) {
      /* A percentile of the iteration times, in ns; recorded only in
       * latency mode, which only the run shows in force. */
      int rc = check_limit_unit(s, YS_METRIC_TIME, err, err_len);
      if (rc != 0) return rc;
      r->unit = "ns";
      r->kind = YS_METRIC_TIME;
      r->limit = limit_in_unit(s, YS_METRIC_TIME);
      r->after_run = true;
      continue;
    }
    ys_metric other;
    if (ys_collector_metric_known(s->metric, &other)) {
      if (s->unit != YS_LIMIT_CODE) {
        char names[300];
        join_metrics(metrics, n_metrics, names, sizeof(names));
        return ys_error_set(err, err_len, YS_EINVAL,
                            "%s: target on '%s': metric '%s' is not recorded "
                            "by this run (available: %s)",
                            s->source, s->benchmark, s->metric, names);
      }
      /* Another collector's metric keeps that collector's unit, so that
       * the target still reads "time <= 16.6 ms" under callgrind. */
      r->status = YS_TARGET_NOT_RECORDED;
      r->unit = other.unit;
      r->kind = other.kind;
      r->limit = limit_in_unit(s, other.kind);
      continue;
    }
    int rc = check_unknown_metric(s, err, err_len);
    if (rc != 0) return rc;
    /* Perhaps a user counter: its unit and kind come with its series. */
    r->unit = NULL;
    r->kind = s->unit == YS_LIMIT_NS ? YS_METRIC_TIME : YS_METRIC_COUNT;
    r->limit = limit_in_unit(s, r->kind);
    r->after_run = true;
  }
  return 0;
}

static const ys_bench_result *find_bench(const ys_run_result *run,
                                         const char *name) {
  for (size_t i = 0; i < run->n_benches; i++)
    if (strcmp(run->benches[i].name, name) == 0) return &run->benches[i];
  return NULL;
}

int ys_targets_check_recorded(const ys_target_table *t,
                              const ys_run_result *run, char *err,
                              size_t err_len) {
  for (size_t i = 0; i < t->n; i++) {
    const ys_target_spec *s = &t->specs[i];
    if (!t->results[i].after_run) continue;
    const ys_bench_result *res = find_bench(run, s->benchmark);
    /* Left out, skipped or failed: judged "not run" or "not measured",
     * which says why already. */
    if (res == NULL || res->status != YS_BENCH_OK) continue;
    const ys_series *series = ys_bench_result_series(res, s->metric);
    if (series == NULL) {
      const char *names[YS_COMPARED_METRICS_MAX];
      size_t n = 0;
      for (size_t m = 0; m < res->n_series && n < YS_COMPARED_METRICS_MAX; m++)
        names[n++] = res->series[m].metric;
      ys_metric_gates one = {.n = 1};
      snprintf(one.gate[0].metric, sizeof(one.gate[0].metric), "%s", s->metric);
      char why[600];
      ys_metric_gates_check(&one, names, n, why, sizeof(why));
      return ys_error_set(err, err_len, YS_EINVAL, "%s: target on '%s': %s",
                          s->source, s->benchmark, why);
    }
    int rc = check_limit_unit(s, series->kind, err, err_len);
    if (rc != 0) return rc;
  }
  return 0;
}

size_t ys_targets_judge(ys_target_table *t, const ys_run_result *run) {
  size_t missed = 0;
  for (size_t i = 0; i < t->n; i++) {
    const ys_target_spec *s = &t->specs[i];
    ys_target_result *r = &t->results[i];
    /* What ys_targets_check learnt of the metric stays. */
    bool recorded = r->status != YS_TARGET_NOT_RECORDED;
    *r = (ys_target_result){.unit = r->unit,
                            .kind = r->kind,
                            .after_run = r->after_run,
                            .limit = limit_in_unit(s, r->kind)};
    const ys_bench_result *res = find_bench(run, s->benchmark);
    /* A benchmark the run left out is "not run", whatever its metric:
     * the run could not have measured it either way. */
    if (res == NULL) {
      r->status = YS_TARGET_NOT_RUN;
      continue;
    }
    if (!recorded) {
      r->status = YS_TARGET_NOT_RECORDED;
      continue;
    }
    const ys_series *series = ys_bench_result_series(res, s->metric);
    if (series != NULL) {
      r->unit = series->unit;
      r->kind = series->kind;
      r->exact = series->exact;
    }
    r->limit = limit_in_unit(s, r->kind);
    if (res->status != YS_BENCH_OK || series == NULL || series->n_rounds == 0) {
      r->status = YS_TARGET_NOT_MEASURED;
      continue;
    }
    r->measured = *ys_analysis_headline(&series->analysis);
    /* An exact count has no spread to allow for; anything measured has,
     * and only the interval's end on the limit's side within it is a pass
     * that holds at the interval's confidence: the upper end for a
     * budget, the lower for a floor. */
    r->judged = series->exact ? r->measured.point
                : s->at_least ? r->measured.lo
                              : r->measured.hi;
    double spare = s->at_least ? r->judged - r->limit : r->limit - r->judged;
    r->margin = r->limit > 0 ? spare / r->limit
                : spare >= 0 ? (spare > 0 && s->at_least ? INFINITY : 0)
                             : -INFINITY;
    r->status = spare >= 0 ? YS_TARGET_PASS : YS_TARGET_MISS;
    if (r->status == YS_TARGET_MISS) missed++;
  }
  return missed;
}

const char *ys_target_status_name(ys_target_status s) {
  switch (s) {
  case YS_TARGET_PASS:
    return "pass";
  case YS_TARGET_MISS:
    return "miss";
  case YS_TARGET_NOT_RUN:
    return "not run";
  case YS_TARGET_NOT_MEASURED:
    return "not measured";
  case YS_TARGET_NOT_RECORDED:
    return "not recorded";
  }
  return "unknown";
}

void ys_targets_free(ys_target_table *t) {
  if (t == NULL) return;
  free(t->specs);
  free(t->results);
  memset(t, 0, sizeof(*t));
}
