#include "settings_text.h"

#include <inttypes.h>
#include <stdio.h>

#include "units.h"

/* Appends ", " (after the first item) and the item to buf. */
static void add(char *buf, size_t len, size_t *used, const char *item) {
  if (*used >= len) return;
  int n = snprintf(buf + *used, len - *used, "%s%s", *used ? ", " : "", item);
  if (n > 0) *used += (size_t)n;
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
