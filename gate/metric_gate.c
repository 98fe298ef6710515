/*
 * metric_gate.c — parses and checks the per-metric gates (metric_gate.h).
 */
#include "metric_gate.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/latency.h"
#include "../core/edit_distance.h"
#include "../core/error.h"

/* The bounds of a gate's percentage, those of --threshold. */
#define GATE_PCT_MIN 0.0 /* exclusive */
#define GATE_PCT_MAX 1000.0

/* A whole string that is a finite percentage in (0, 1000], with or
 * without a trailing '%'; stored as a fraction. strtod would accept
 * leading spaces and "inf", neither of which a user means. */
static bool parse_percent(const char *text, double *out) {
  char buf[64];
  size_t len = strlen(text);
  if (len > 0 && text[len - 1] == '%') len--;
  if (len == 0 || len >= sizeof(buf) || isspace((unsigned char)text[0]))
    return false;
  memcpy(buf, text, len);
  buf[len] = '\0';
  char *end;
  errno = 0;
  double v = strtod(buf, &end);
  if (errno != 0 || *end != '\0' || !isfinite(v) || v <= GATE_PCT_MIN ||
      v > GATE_PCT_MAX)
    return false;
  *out = v / 100.0;
  return true;
}

/* Whether `name` may name a metric: printable, without space or the
 * separators ',' and ':'. */
static bool valid_metric(const char *name) {
  if (name[0] == '\0') return false;
  for (const char *p = name; *p != '\0'; p++)
    if (!isgraph((unsigned char)*p) || *p == ',' || *p == ':') return false;
  return true;
}

/* Parses one item "METRIC:PCT[%][:higher|:lower]" (NUL-terminated, in a
 * scratch buffer it may cut) into *g. */
static int parse_item(char *item, ys_metric_gate *g, char *err,
                      size_t err_len) {
  char quoted[160];
  snprintf(quoted, sizeof(quoted), "%s", item);
  char *colon = strchr(item, ':');
  if (colon == NULL)
    return ys_error_set(err, err_len, YS_EINVAL,
                        "'%s' is not METRIC:PCT (e.g. instructions:2%%)",
                        quoted);
  *colon = '\0';
  char *pct = colon + 1;
  char *direction = strchr(pct, ':');
  if (direction != NULL) *direction++ = '\0';

  if (!valid_metric(item) || strlen(item) >= sizeof(g->metric))
    return ys_error_set(err, err_len, YS_EINVAL,
                        "'%s': '%s' is not a metric name", quoted, item);
  memset(g, 0, sizeof(*g));
  memcpy(g->metric, item, strlen(item) + 1);
  if (!parse_percent(pct, &g->threshold))
    return ys_error_set(err, err_len, YS_EINVAL,
                        "'%s': '%s' is not a percentage in (%g, %g]", quoted,
                        pct, GATE_PCT_MIN, GATE_PCT_MAX);
  if (direction == NULL) return 0;
  g->direction_given = true;
  if (strcmp(direction, "lower") == 0) return 0;
  if (strcmp(direction, "higher") == 0) {
    g->higher_is_better = true;
    return 0;
  }
  return ys_error_set(err, err_len, YS_EINVAL,
                      "'%s': '%s' is neither higher nor lower (which is "
                      "better for the metric)",
                      quoted, direction);
}

int ys_metric_gates_parse(const char *text, ys_metric_gates *into, char *err,
                          size_t err_len) {
  if (err != NULL && err_len > 0) err[0] = '\0';
  char *copy = strdup(text);
  if (copy == NULL) return YS_ENOMEM;
  /* Gates go into a copy first, so that an error leaves *into as it was. */
  ys_metric_gates result = *into;
  int rc = 0;
  char *cursor = copy;
  for (;;) {
    size_t len = strcspn(cursor, ",");
    bool last = cursor[len] == '\0';
    cursor[len] = '\0';
    ys_metric_gate g;
    if (len == 0)
      rc = ys_error_set(err, err_len, YS_EINVAL,
                        "'%s' has an empty item: give METRIC:PCT[,...]", text);
    else
      rc = parse_item(cursor, &g, err, err_len);
    if (rc == 0 && ys_metric_gates_find(&result, g.metric) != NULL)
      rc = ys_error_set(err, err_len, YS_EINVAL, "'%s' is gated twice",
                        g.metric);
    if (rc == 0 && result.n == YS_METRIC_GATES_MAX)
      rc = ys_error_set(err, err_len, YS_EINVAL,
                        "at most %d metrics may be "
                        "gated",
                        YS_METRIC_GATES_MAX);
    if (rc != 0) break;
    result.gate[result.n++] = g;
    if (last) break;
    cursor += len + 1;
  }
  free(copy);
  if (rc == 0) *into = result;
  return rc;
}

const ys_metric_gate *ys_metric_gates_find(const ys_metric_gates *gates,
                                           const char *metric) {
  if (gates == NULL || metric == NULL) return NULL;
  for (size_t i = 0; i < gates->n; i++)
    if (strcmp(gates->gate[i].metric, metric) == 0) return &gates->gate[i];
  return NULL;
}

/* Whether `name` is one of names[0..n). */
static bool listed(const char *name, const char *const *names, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(names[i], name) == 0) return true;
  return false;
}

/* Whether `name` is a series of latency mode. */
static bool latency_series(const char *name) {
  return listed(name, ys_latency_series_name, YS_LATENCY_SERIES);
}

/* `name` folded for a looser comparison, at most len - 1 bytes: in lower
 * case, and without the characters that are neither letters nor digits
 * when `bare`: "latency_p99.9" is "latencyp999". */
static void folded(const char *name, bool bare, char *out, size_t len) {
  size_t used = 0;
  for (const char *p = name; *p != '\0' && used + 1 < len; p++)
    if (!bare || isalnum((unsigned char)*p))
      out[used++] = (char)tolower((unsigned char)*p);
  out[used] = '\0';
}

/* The farthest an unknown name may be from a known one, case aside, to be
 * taken for a misspelling of it: one edit in a name of up to seven
 * characters (D1mr, time, cycles), two in a longer one (instructions).
 * Farther, it may be a user counter: "tries" is two edits from "frees". */
static size_t misspelling_reach(const char *known) {
  return strlen(known) <= 7 ? 1 : 2;
}

/* How far `name` is from `known`: case aside first, then case counted,
 * then punctuation ignored, so that "d1mr" is nearer "D1mr" than "I1mr"
 * and "latency_p999" nearer "latency_p99.9" than "latency_p99" (each
 * one edit away). */
typedef struct closeness {
  size_t any_case, exact, bare;
} closeness;

static closeness closeness_of(const char *name, const char *known) {
  char a[YS_METRIC_GATE_NAME_MAX], b[YS_METRIC_GATE_NAME_MAX];
  closeness c = {.exact = ys_edit_distance(name, known)};
  folded(name, false, a, sizeof(a));
  folded(known, false, b, sizeof(b));
  c.any_case = ys_edit_distance(a, b);
  folded(name, true, a, sizeof(a));
  folded(known, true, b, sizeof(b));
  c.bare = ys_edit_distance(a, b);
  return c;
}

static bool closer(closeness x, closeness y) {
  if (x.any_case != y.any_case) return x.any_case < y.any_case;
  if (x.exact != y.exact) return x.exact < y.exact;
  return x.bare < y.bare;
}

/* The one of names[0..n) that `name` is most likely a misspelling of, or
 * NULL when none is within misspelling_reach; of equally close ones, the
 * first. */
static const char *nearest(const char *name, const char *const *names,
                           size_t n) {
  const char *best = NULL;
  closeness best_closeness = {0};
  for (size_t i = 0; i < n; i++) {
    closeness c = closeness_of(name, names[i]);
    if (c.exact == 0 || c.any_case > misspelling_reach(names[i])) continue;
    if (best == NULL || closer(c, best_closeness)) {
      best = names[i];
      best_closeness = c;
    }
  }
  return best;
}

/* "callgrind", "callgrind and perf", "alloc, callgrind and perf". */
static void join_backends(const ys_collector_ops *const *ops, size_t n,
                          char *out, size_t len) {
  size_t used = 0;
  out[0] = '\0';
  for (size_t i = 0; i < n && used < len; i++)
    used += (size_t)snprintf(out + used, len - used, "%s%s",
                             i == 0       ? ""
                             : i + 1 == n ? " and "
                                          : ", ",
                             ops[i]->name);
}

/* Whether collector `spec` records `metric` with options `opts` (NULL:
 * those that record the most). */
static bool records(const char *spec, const ys_collector_options *opts,
                    const char *metric) {
  const char *names[YS_MAX_METRICS];
  size_t n = ys_collector_metric_names(spec, opts, names, YS_MAX_METRICS);
  return listed(metric, names, n);
}

/* The options under which collector `spec` records `metric` although it
 * does not with *opts, as words for a message: "with --cache-sim", "when
 * --counters lists it", or NULL when no option would. */
static const char *options_recording(const char *metric, const char *spec,
                                     const ys_collector_options *opts) {
  ys_collector_options more = *opts;
  more.cache_sim = true;
  if (!opts->cache_sim && records(spec, &more, metric))
    return "with --cache-sim";
  more = *opts;
  more.counters = NULL;
  if (opts->counters != NULL && records(spec, &more, metric))
    return "when --counters lists it";
  return records(spec, NULL, metric) ? "with other options" : NULL;
}

/* Why collector `spec` with *opts will not record `metric`, as the end
 * of a sentence in why: "recorded by the callgrind and perf collectors,
 * not by --collector wall", "recorded by --collector callgrind only with
 * --cache-sim". False when no collector records it under any option. */
static bool why_not_recorded(const char *metric, const char *spec,
                             const ys_collector_options *opts, char *why,
                             size_t why_len) {
  const char *options = options_recording(metric, spec, opts);
  if (options != NULL) {
    snprintf(why, why_len, "recorded by --collector %s only %s", spec, options);
    return true;
  }
  const ys_collector_ops *recording[8];
  size_t k = ys_collector_backends_recording(
      metric, recording, sizeof(recording) / sizeof(recording[0]));
  if (k == 0) return false;
  char which[128];
  join_backends(recording, k, which, sizeof(which));
  snprintf(why, why_len,
           "recorded by the %s collector%s, not by --collector %s", which,
           k > 1 ? "s" : "", spec);
  return true;
}

/* The up-front check of one gated metric (ys_metric_gates_check_names). */
static int check_name(const char *metric, const char *spec,
                      const ys_collector_options *opts, const char *source,
                      char *err, size_t err_len) {
  if (records(spec, opts, metric) || latency_series(metric)) return 0;
  char why[256];
  if (why_not_recorded(metric, spec, opts, why, sizeof(why)))
    return ys_error_set(err, err_len, YS_EINVAL, "%s: '%s' is %s", source,
                        metric, why);
  /* Every metric a collector records, and the latency series: the names
   * a misspelling is measured against. A near name of another collector
   * is no more right than an exact one. */
  const char *names[2 * YS_MAX_METRICS + YS_LATENCY_SERIES];
  size_t n = ys_collector_metric_names(NULL, NULL, names, 2 * YS_MAX_METRICS);
  for (size_t q = 0; q < YS_LATENCY_SERIES; q++)
    names[n++] = ys_latency_series_name[q];
  const char *meant = nearest(metric, names, n);
  if (meant == NULL) return 0;
  if (records(spec, opts, meant) || latency_series(meant))
    return ys_error_set(err, err_len, YS_EINVAL,
                        "%s: unknown metric '%s'; did you mean '%s'?", source,
                        metric, meant);
  why_not_recorded(meant, spec, opts, why, sizeof(why));
  return ys_error_set(err, err_len, YS_EINVAL,
                      "%s: unknown metric '%s'; did you mean '%s'? (%s)",
                      source, metric, meant, why);
}

int ys_metric_gates_check_names(const ys_metric_gates *gates, const char *spec,
                                const ys_collector_options *opts,
                                const char *source, char *err, size_t err_len) {
  if (err != NULL && err_len > 0) err[0] = '\0';
  for (size_t i = 0; gates != NULL && i < gates->n; i++) {
    int rc =
        check_name(gates->gate[i].metric, spec, opts, source, err, err_len);
    if (rc != 0) return rc;
  }
  return 0;
}

/* Why the latency series `metric` is missing from a run that records the
 * n_available names `available`, as a message in err. */
static int latency_missing(const char *metric, const char *const *available,
                           size_t n_available, char *err, size_t err_len) {
  bool any = false;
  for (size_t a = 0; a < n_available && !any; a++)
    any = latency_series(available[a]);
  size_t q = 0;
  while (q < YS_LATENCY_QUANTILES && strcmp(ys_latency_series_name[q], metric))
    q++;
  /* Latency mode always records the slowest iteration: without it, or
   * without any series, the mode was off. */
  if (!any || q == YS_LATENCY_QUANTILES)
    return ys_error_set(err, err_len, YS_EINVAL,
                        "'%s' is not recorded by this run: latency series "
                        "are recorded in latency mode only (--latency), "
                        "for the benchmarks it was not refused for",
                        metric);
  size_t need = ys_latency_min_samples(ys_latency_probability[q]);
  return ys_error_set(err, err_len, YS_EINVAL,
                      "'%s' is not recorded by this run: its rounds were too "
                      "short (a round's %s needs %zu timed iterations; a "
                      "larger --measurement-time or fewer --rounds make "
                      "rounds longer)",
                      metric, ys_latency_label[q], need);
}

int ys_metric_gates_check(const ys_metric_gates *gates,
                          const char *const *available, size_t n_available,
                          char *err, size_t err_len) {
  if (err != NULL && err_len > 0) err[0] = '\0';
  for (size_t i = 0; gates != NULL && i < gates->n; i++) {
    bool found = false;
    for (size_t a = 0; a < n_available && !found; a++)
      found = strcmp(available[a], gates->gate[i].metric) == 0;
    if (found) continue;
    if (latency_series(gates->gate[i].metric))
      return latency_missing(gates->gate[i].metric, available, n_available, err,
                             err_len);
    char list[512] = "";
    size_t used = 0;
    for (size_t a = 0; a < n_available && used < sizeof(list); a++)
      used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s",
                               a > 0 ? ", " : "", available[a]);
    return ys_error_set(err, err_len, YS_EINVAL,
                        "'%s' is not recorded by this run (available: %s)",
                        gates->gate[i].metric, n_available > 0 ? list : "none");
  }
  return 0;
}
