/*
 * metric_gate.c — parses and checks the per-metric gates (metric_gate.h).
 */
#include "metric_gate.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int ys_metric_gates_check(const ys_metric_gates *gates,
                          const char *const *available, size_t n_available,
                          char *err, size_t err_len) {
  if (err != NULL && err_len > 0) err[0] = '\0';
  for (size_t i = 0; gates != NULL && i < gates->n; i++) {
    bool found = false;
    for (size_t a = 0; a < n_available && !found; a++)
      found = strcmp(available[a], gates->gate[i].metric) == 0;
    if (found) continue;
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
