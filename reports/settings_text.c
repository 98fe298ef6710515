#include "settings_text.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "units.h"

/* Appends ", " (after the first item) and the item to buf. */
static void add(char *buf, size_t len, size_t *used, const char *item) {
  if (*used >= len) return;
  int n = snprintf(buf + *used, len - *used, "%s%s", *used ? ", " : "", item);
  if (n > 0) *used += (size_t)n;
}

/* One setting's value on one side, or "the run's" where it was not its
 * own. */
typedef struct setting_value {
  bool own;
  char text[YS_UNITS_BUF + 32];
} setting_value;

/* Appends "NAME BASE vs CURRENT" to buf when the two sides differ. */
static void add_diff(char *buf, size_t len, size_t *used, const char *name,
                     const setting_value *base, const setting_value *current) {
  if (!base->own && !current->own) return;
  if (base->own && current->own && strcmp(base->text, current->text) == 0)
    return;
  char item[2 * sizeof(base->text) + 64];
  snprintf(item, sizeof(item), "%s %s vs %s", name,
           base->own ? base->text : "the run's",
           current->own ? current->text : "the run's");
  add(buf, len, used, item);
}

/* The values of every setting of s, in ys_settings_text's order. */
enum {
  ROUNDS,
  SAMPLE_SIZE,
  MEASUREMENT,
  WARM_UP_ITERATIONS,
  WARM_UP_TIME,
  LATENCY,
  N_SETTINGS
};
static void setting_values(const ys_bench_settings *s,
                           setting_value v[N_SETTINGS]) {
  char t[YS_UNITS_BUF];
  v[ROUNDS].own = s->own & YS_SETTING_ROUNDS;
  snprintf(v[ROUNDS].text, sizeof(v[ROUNDS].text), "%zu", s->rounds);
  v[SAMPLE_SIZE].own = s->own & YS_SETTING_SAMPLE_SIZE;
  snprintf(v[SAMPLE_SIZE].text, sizeof(v[SAMPLE_SIZE].text), "%zu",
           s->sample_size);
  v[MEASUREMENT].own = s->own & YS_SETTING_MEASUREMENT_TIME;
  snprintf(v[MEASUREMENT].text, sizeof(v[MEASUREMENT].text), "%s",
           ys_units_duration(s->measurement_time_s * 1e9, t, sizeof(t)));
  v[WARM_UP_ITERATIONS].own = s->own & YS_SETTING_WARM_UP_ITERATIONS;
  snprintf(v[WARM_UP_ITERATIONS].text, sizeof(v[WARM_UP_ITERATIONS].text),
           "%" PRIu64 " iterations per round", s->warm_up_iterations);
  v[WARM_UP_TIME].own = s->own & YS_SETTING_WARM_UP_TIME;
  snprintf(v[WARM_UP_TIME].text, sizeof(v[WARM_UP_TIME].text), "%s",
           ys_units_duration(s->warm_up_time_s * 1e9, t, sizeof(t)));
  v[LATENCY].own = s->own & YS_SETTING_LATENCY;
  snprintf(v[LATENCY].text, sizeof(v[LATENCY].text), "on");
}

char *ys_settings_diff_text(const ys_bench_settings *base,
                            const ys_bench_settings *current, char *buf,
                            size_t len) {
  static const char *const names[N_SETTINGS] = {"rounds",      "sample size",
                                                "measurement", "warm-up",
                                                "warm-up",     "latency mode"};
  setting_value b[N_SETTINGS], c[N_SETTINGS];
  setting_values(base, b);
  setting_values(current, c);
  size_t used = 0;
  buf[0] = '\0';
  for (size_t k = 0; k < N_SETTINGS; k++)
    add_diff(buf, len, &used, names[k], &b[k], &c[k]);
  return buf;
}

char *ys_settings_text(const ys_bench_settings *s, char *buf, size_t len) {
  size_t used = 0;
  char item[96], t[YS_UNITS_BUF];
  buf[0] = '\0';
  if (s->own & YS_SETTING_ROUNDS) {
    snprintf(item, sizeof(item), "rounds %zu", s->rounds);
    add(buf, len, &used, item);
  }
  if (s->own & YS_SETTING_SAMPLE_SIZE) {
    snprintf(item, sizeof(item), "sample size %zu", s->sample_size);
    add(buf, len, &used, item);
  }
  if (s->own & YS_SETTING_MEASUREMENT_TIME) {
    snprintf(item, sizeof(item), "measurement %s",
             ys_units_duration(s->measurement_time_s * 1e9, t, sizeof(t)));
    add(buf, len, &used, item);
  }
  if (s->own & YS_SETTING_WARM_UP_ITERATIONS) {
    snprintf(item, sizeof(item), "warm-up %" PRIu64 " iterations per round",
             s->warm_up_iterations);
    add(buf, len, &used, item);
  } else if (s->own & YS_SETTING_WARM_UP_TIME) {
    snprintf(item, sizeof(item), "warm-up %s",
             ys_units_duration(s->warm_up_time_s * 1e9, t, sizeof(t)));
    add(buf, len, &used, item);
  }
  if (s->own & YS_SETTING_LATENCY) add(buf, len, &used, "latency percentiles");
  return buf;
}
