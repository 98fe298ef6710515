#include "collector.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

extern const ys_collector_ops ys_collector_wall;
extern const ys_collector_ops ys_collector_callgrind;
extern const ys_collector_ops ys_collector_perf;
extern const ys_collector_ops ys_collector_alloc;
extern const ys_collector_ops ys_collector_dhat;

static const ys_collector_ops *const collectors[] = {
    &ys_collector_wall,  &ys_collector_callgrind, &ys_collector_perf,
    &ys_collector_alloc, &ys_collector_dhat,
};

#define N_COLLECTORS (sizeof(collectors) / sizeof(collectors[0]))

/* Backends measured together in one window. */
#define MAX_PARTS 4

const ys_collector_ops *ys_collector_find(const char *name) {
  for (size_t i = 0; i < N_COLLECTORS; i++)
    if (strcmp(collectors[i]->name, name) == 0) return collectors[i];
  return NULL;
}

const char *ys_collector_names(void) {
  static char names[128];
  if (names[0] == '\0') {
    size_t used = 0;
    for (size_t i = 0; i < N_COLLECTORS && used < sizeof(names); i++)
      used += (size_t)snprintf(names + used, sizeof(names) - used, "%s%s",
                               i > 0 ? ", " : "", collectors[i]->name);
  }
  return names;
}

/* Splits "a,b" into backends. Returns the count, or YS_EINVAL. */
static int parse_spec(const char *spec, const ys_collector_ops **parts,
                      char *err, size_t err_len) {
  int n = 0;
  const char *p = spec;
  for (;;) {
    size_t len = strcspn(p, ",");
    char name[32];
    if (len == 0 || len >= sizeof(name)) {
      snprintf(err, err_len, "'%s' is not a list of collectors (available: %s)",
               spec, ys_collector_names());
      return YS_EINVAL;
    }
    memcpy(name, p, len);
    name[len] = '\0';
    const ys_collector_ops *ops = ys_collector_find(name);
    if (ops == NULL) {
      snprintf(err, err_len, "unknown collector '%s' (available: %s)", name,
               ys_collector_names());
      return YS_EINVAL;
    }
    for (int k = 0; k < n; k++) {
      if (parts[k] == ops) {
        snprintf(err, err_len, "collector '%s' is named twice", name);
        return YS_EINVAL;
      }
    }
    if (n == MAX_PARTS) {
      snprintf(err, err_len, "at most %d collectors can be combined",
               MAX_PARTS);
      return YS_EINVAL;
    }
    parts[n++] = ops;
    if (p[len] == '\0') break;
    p += len + 1;
  }
  for (int k = 0; n > 1 && k < n; k++) {
    if (parts[k]->exact && !parts[k]->combinable) {
      snprintf(err, err_len,
               "collector '%s' counts exactly under its own conditions and "
               "cannot be combined with others",
               parts[k]->name);
      return YS_EINVAL;
    }
  }
  return n;
}

size_t ys_collector_metric_names(const char *spec,
                                 const ys_collector_options *opts,
                                 const char **names, size_t max) {
  const ys_collector_ops
      *parts[N_COLLECTORS > MAX_PARTS ? N_COLLECTORS : MAX_PARTS];
  int n = (int)N_COLLECTORS;
  if (spec == NULL) {
    memcpy(parts, collectors, sizeof(collectors));
  } else {
    char ignored[256];
    n = parse_spec(spec, parts, ignored, sizeof(ignored));
  }
  size_t total = 0;
  for (int k = 0; k < n; k++) {
    ys_metric mine[YS_MAX_METRICS];
    size_t m = parts[k]->known_metrics != NULL
                   ? parts[k]->known_metrics(opts, mine)
                   : 0;
    for (size_t i = 0; i < m && total < max; i++) {
      bool seen = false;
      for (size_t j = 0; j < total && !seen; j++)
        seen = strcmp(names[j], mine[i].name) == 0;
      if (!seen) names[total++] = mine[i].name;
    }
  }
  return total;
}

size_t ys_collector_backends_recording(const char *metric,
                                       const ys_collector_ops **out,
                                       size_t max) {
  size_t found = 0;
  for (size_t c = 0; c < N_COLLECTORS && found < max; c++) {
    ys_metric known[YS_MAX_METRICS];
    size_t m = collectors[c]->known_metrics != NULL
                   ? collectors[c]->known_metrics(NULL, known)
                   : 0;
    for (size_t i = 0; i < m; i++) {
      if (strcmp(known[i].name, metric) == 0) {
        out[found++] = collectors[c];
        break;
      }
    }
  }
  return found;
}

bool ys_collector_metric_known(const char *metric, ys_metric *out) {
  for (size_t c = 0; c < N_COLLECTORS; c++) {
    ys_metric known[YS_MAX_METRICS];
    size_t m = collectors[c]->known_metrics != NULL
                   ? collectors[c]->known_metrics(NULL, known)
                   : 0;
    for (size_t i = 0; i < m; i++) {
      if (strcmp(known[i].name, metric) == 0) {
        *out = known[i];
        return true;
      }
    }
  }
  return false;
}

int ys_collector_check(const char *spec, char *err, size_t err_len) {
  const ys_collector_ops *parts[MAX_PARTS];
  int n = parse_spec(spec, parts, err, err_len);
  return n < 0 ? n : 0;
}

/* Several backends in one window: the first one's metrics come first, and
 * its window is the innermost, so the primary metric sees the least of the
 * others' cost. */
typedef struct combined {
  size_t n;
  const ys_collector_ops *ops[MAX_PARTS];
  void *ctx[MAX_PARTS];
  size_t offset[MAX_PARTS]; /* where each one's metrics start */
  ys_metric metrics[YS_MAX_METRICS];
  size_t n_metrics;
  char notes[1024];
} combined;

static size_t combined_metrics(void *ctx, const ys_metric **out) {
  combined *c = ctx;
  *out = c->metrics;
  return c->n_metrics;
}

static void combined_start(void *ctx) {
  combined *c = ctx;
  for (size_t i = c->n; i-- > 0;)
    c->ops[i]->start(c->ctx[i]);
}

static void combined_stop(void *ctx, double *acc) {
  combined *c = ctx;
  for (size_t i = 0; i < c->n; i++)
    c->ops[i]->stop(c->ctx[i], acc + c->offset[i]);
}

static void combined_close(void *ctx) {
  combined *c = ctx;
  if (c == NULL) return;
  for (size_t i = 0; i < c->n; i++)
    c->ops[i]->close(c->ctx[i]);
  free(c);
}

static double combined_resolution(void *ctx) {
  combined *c = ctx;
  return c->ops[0]->resolution != NULL ? c->ops[0]->resolution(c->ctx[0]) : 0;
}

static void combined_label(void *ctx, const char *name) {
  combined *c = ctx;
  for (size_t i = 0; i < c->n; i++)
    if (c->ops[i]->label != NULL) c->ops[i]->label(c->ctx[i], name);
}

static void combined_batch(void *ctx, uint64_t iterations) {
  combined *c = ctx;
  for (size_t i = 0; i < c->n; i++)
    if (c->ops[i]->batch != NULL) c->ops[i]->batch(c->ctx[i], iterations);
}

static const char *combined_notes(void *ctx) {
  combined *c = ctx;
  return c->notes[0] != '\0' ? c->notes : NULL;
}

static const ys_collector_ops combined_ops = {
    .name = "combined",
    .metrics = combined_metrics,
    .start = combined_start,
    .stop = combined_stop,
    .close = combined_close,
    .resolution = combined_resolution,
    .label = combined_label,
    .batch = combined_batch,
    .notes = combined_notes,
};

static int open_combined(const ys_collector_ops **parts, size_t n,
                         const ys_collector_options *opts, void **out,
                         char *err, size_t err_len) {
  combined *c = calloc(1, sizeof(*c));
  if (c == NULL) return YS_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    int rc = parts[i]->open(&c->ctx[c->n], opts, err, err_len);
    if (rc != 0) {
      combined_close(c);
      return rc;
    }
    c->ops[c->n++] = parts[i];
    const ys_metric *metrics;
    size_t k = parts[i]->metrics(c->ctx[i], &metrics);
    if (c->n_metrics + k > YS_MAX_METRICS) {
      snprintf(err, err_len, "more than %d metrics in one collector",
               YS_MAX_METRICS);
      combined_close(c);
      return YS_EINVAL;
    }
    c->offset[i] = c->n_metrics;
    memcpy(c->metrics + c->n_metrics, metrics, k * sizeof(*metrics));
    c->n_metrics += k;
    const char *notes =
        parts[i]->notes != NULL ? parts[i]->notes(c->ctx[i]) : NULL;
    if (notes != NULL) {
      size_t used = strlen(c->notes);
      snprintf(c->notes + used, sizeof(c->notes) - used, "%s%s",
               used > 0 ? "\n" : "", notes);
    }
  }
  *out = c;
  return 0;
}

int ys_collector_open(const char *spec, const ys_collector_options *opts,
                      ys_collector **out, char *err, size_t err_len) {
  const ys_collector_ops *parts[MAX_PARTS];
  int n = parse_spec(spec, parts, err, err_len);
  if (n < 0) return n;
  ys_collector *c = calloc(1, sizeof(*c));
  if (c == NULL) return YS_ENOMEM;
  int rc;
  if (n == 1) {
    c->ops = parts[0];
    rc = parts[0]->open(&c->ctx, opts, err, err_len);
  } else {
    c->ops = &combined_ops;
    rc = open_combined(parts, (size_t)n, opts, &c->ctx, err, err_len);
  }
  if (rc != 0) {
    free(c);
    return rc;
  }
  c->n_metrics = c->ops->metrics(c->ctx, &c->metrics);
  c->exact = n == 1 && parts[0]->exact;
  *out = c;
  return 0;
}

void ys_collector_close(ys_collector *c) {
  if (c == NULL) return;
  c->ops->close(c->ctx);
  free(c);
}
