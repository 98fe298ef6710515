#include "settings_schema.h"

#include <stddef.h>
#include <string.h>

#include "../core/model.h"
#include "schema.h"

#define SETTINGS_ROW(m, k, t)                                                  \
  {                                                                            \
    .key = k, .type = t, .offset = offsetof(ys_bench_settings, m),             \
    .size = sizeof(((ys_bench_settings *)0)->m), .flags = YS_FIELD_OPTIONAL,   \
    .formats = YS_FORMAT_YAML                                                  \
  }

/* Only the benchmark's own settings are written, so each row is left out
 * when 0; a setting of its own is never 0 (0 means "the run's" in
 * ys_settings), so a value read back says the setting was its own. */
static const ys_field settings_rows[] = {
    SETTINGS_ROW(warm_up_time_s, "warm_up_time_s", YS_FIELD_DOUBLE),
    SETTINGS_ROW(warm_up_iterations, "warm_up_iterations", YS_FIELD_UINT64),
    SETTINGS_ROW(measurement_time_s, "measurement_time_s", YS_FIELD_DOUBLE),
    SETTINGS_ROW(rounds, "rounds", YS_FIELD_SIZE),
    SETTINGS_ROW(sample_size, "sample_size", YS_FIELD_SIZE),
    SETTINGS_ROW(latency, "latency", YS_FIELD_BOOL),
};
static const ys_table settings_table = {
    .fields = settings_rows,
    .n_fields = sizeof(settings_rows) / sizeof(settings_rows[0]),
    .size = sizeof(ys_bench_settings),
};

static int read_settings(ys__yaml_reader *r, const ys_field *f, void *base,
                         void *state) {
  ys_bench_settings *s = ys_field_at(base, f);
  memset(s, 0, sizeof(*s));
  int rc = ys__table_read_map(r, &settings_table, s, state, f->key,
                              "'%s' must be a mapping");
  if (s->warm_up_time_s > 0) s->own |= YS_SETTING_WARM_UP_TIME;
  if (s->warm_up_iterations > 0) s->own |= YS_SETTING_WARM_UP_ITERATIONS;
  if (s->measurement_time_s > 0) s->own |= YS_SETTING_MEASUREMENT_TIME;
  if (s->rounds > 0) s->own |= YS_SETTING_ROUNDS;
  if (s->sample_size > 0) s->own |= YS_SETTING_SAMPLE_SIZE;
  if (s->latency) s->own |= YS_SETTING_LATENCY;
  return rc;
}

static void write_settings(ys__yaml_writer *w, const ys_field *f,
                           const void *base) {
  const ys_bench_settings *s = ys_field_at_const(base, f);
  if (s->own == 0) return;
  /* The settings that were not its own are the run's: left out. */
  ys_bench_settings own = {
      .warm_up_time_s =
          (s->own & YS_SETTING_WARM_UP_TIME) ? s->warm_up_time_s : 0,
      .warm_up_iterations =
          (s->own & YS_SETTING_WARM_UP_ITERATIONS) ? s->warm_up_iterations : 0,
      .measurement_time_s =
          (s->own & YS_SETTING_MEASUREMENT_TIME) ? s->measurement_time_s : 0,
      .rounds = (s->own & YS_SETTING_ROUNDS) ? s->rounds : 0,
      .sample_size = (s->own & YS_SETTING_SAMPLE_SIZE) ? s->sample_size : 0,
      .latency = (s->own & YS_SETTING_LATENCY) != 0,
  };
  ys__yaml_plain(w, f->key);
  ys__table_write_map(w, &settings_table, &own);
}

const ys__table_custom ys__schema_settings = {read_settings, write_settings, 0};
