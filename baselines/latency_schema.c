#include "latency_schema.h"

#include <stddef.h>
#include <string.h>

#include "../core/model.h"
#include "schema.h"

#define LATENCY_ROW(m, k, t, fl)                                               \
  {                                                                            \
    .key = k, .type = t, .offset = offsetof(ys_latency, m),                    \
    .size = sizeof(((ys_latency *)0)->m), .flags = fl,                         \
    .formats = YS_FORMAT_YAML                                                  \
  }
#define LATENCY_PCT(q, k, shown)                                               \
  {.key = k,                                                                   \
   .type = YS_FIELD_MAP,                                                       \
   .offset = offsetof(ys_latency, pct) + (q) * sizeof(ys_estimate),            \
   .formats = YS_FORMAT_YAML,                                                  \
   .sub = &ys__schema_estimate_table},                                         \
      LATENCY_ROW(has_pct[q], shown, YS_FIELD_BOOL, 0)

/* A percentile that was not shown (too few times) keeps its figures, as
 * reports leave it out by its `_shown` flag. */
static const ys_field latency_rows[] = {
    LATENCY_ROW(why, "refused", YS_FIELD_TEXT, YS_FIELD_OPTIONAL),
    LATENCY_ROW(clock_ns, "clock_ns", YS_FIELD_DOUBLE, YS_FIELD_NULLABLE),
    LATENCY_ROW(probe_median_ns, "probe_median_ns", YS_FIELD_DOUBLE,
                YS_FIELD_NULLABLE),
    LATENCY_ROW(timed, "timed", YS_FIELD_UINT64, 0),
    LATENCY_ROW(kept, "kept", YS_FIELD_SIZE, 0),
    LATENCY_PCT(0, "p50", "p50_shown"),
    LATENCY_PCT(1, "p90", "p90_shown"),
    LATENCY_PCT(2, "p99", "p99_shown"),
    LATENCY_PCT(3, "p99.9", "p99.9_shown"),
    LATENCY_ROW(max, "max", YS_FIELD_DOUBLE, YS_FIELD_NULLABLE),
    /* Rounds each percentile's per-round series left out as too short
     * (run/latency.h): optional, written when not 0, so that a file
     * saved before them loads as "none", and an older loader skips them. */
    LATENCY_ROW(short_rounds[0], "p50_short_rounds", YS_FIELD_SIZE,
                YS_FIELD_OPTIONAL),
    LATENCY_ROW(short_rounds[1], "p90_short_rounds", YS_FIELD_SIZE,
                YS_FIELD_OPTIONAL),
    LATENCY_ROW(short_rounds[2], "p99_short_rounds", YS_FIELD_SIZE,
                YS_FIELD_OPTIONAL),
    LATENCY_ROW(short_rounds[3], "p99.9_short_rounds", YS_FIELD_SIZE,
                YS_FIELD_OPTIONAL),
};
static const ys_table latency_table = {
    .fields = latency_rows,
    .n_fields = sizeof(latency_rows) / sizeof(latency_rows[0]),
    .size = sizeof(ys_latency),
};

static int read_latency(ys__yaml_reader *r, const ys_field *f, void *base,
                        void *state) {
  ys_latency *l = ys_field_at(base, f);
  memset(l, 0, sizeof(*l));
  int rc = ys__table_read_map(r, &latency_table, l, state, f->key,
                              "'%s' must be a mapping");
  /* Written only for a benchmark that asked: a reason means refused. */
  l->status = l->why[0] != '\0' ? YS_LATENCY_REFUSED : YS_LATENCY_ON;
  l->samples = NULL;
  return rc;
}

static void write_latency(ys__yaml_writer *w, const ys_field *f,
                          const void *base) {
  const ys_latency *l = ys_field_at_const(base, f);
  if (l->status == YS_LATENCY_OFF) return;
  ys__yaml_plain(w, f->key);
  ys__table_write_map(w, &latency_table, l);
}

const ys__table_custom ys__schema_latency = {read_latency, write_latency, 0};
