#include "settings_prep.h"

#include <stdlib.h>

#include "../core/error.h"
#include "../run/settings.h"
#include "cli.h"

/* The options a benchmark may set for itself, with their bits. */
static const struct {
  const char *option;
  unsigned bit;
} settable[] = {
    {"warm-up-time", YS_SETTING_WARM_UP_TIME},
    {"measurement-time", YS_SETTING_MEASUREMENT_TIME},
    {"rounds", YS_SETTING_ROUNDS},
    {"sample-size", YS_SETTING_SAMPLE_SIZE},
};

unsigned ys_settings_from_command_line(const ys_options *o) {
  unsigned bits = 0;
  for (size_t i = 0; i < sizeof(settable) / sizeof(settable[0]); i++) {
    bool quickened = o->quick && !ys_cli_configured(o, settable[i].option);
    if (ys_cli_given(o, settable[i].option) || quickened)
      bits |= settable[i].bit;
  }
  /* --quick does not shorten by latency mode, so only --latency counts. */
  if (ys_cli_given(o, "latency")) bits |= YS_SETTING_LATENCY;
  return bits;
}

int ys_settings_prepare(const ys_options *o, bool exact, const ys_instance *all,
                        size_t n_all, const ys_instance *chosen, size_t n,
                        ys_bench_settings **out, char *err, size_t err_len) {
  *out = NULL;
  for (size_t i = 0; i < n_all; i++) {
    int rc = ys_settings_check(all[i].def, err, err_len);
    if (rc != 0) return rc;
  }
  ys_bench_settings *s = calloc(n == 0 ? 1 : n, sizeof(*s));
  if (s == NULL) return YS_ENOMEM;
  ys_bench_settings run = {
      .warm_up_time_s = o->warm_up_time_s,
      .measurement_time_s = o->measurement_time_s,
      .rounds = o->rounds,
      .sample_size = o->sample_size,
      .latency = o->latency,
  };
  unsigned command_line = ys_settings_from_command_line(o);
  for (size_t i = 0; i < n; i++)
    ys_settings_resolve(&run, command_line, exact ? NULL : chosen[i].def,
                        &s[i]);
  *out = s;
  return 0;
}

double ys_settings_timeout(const ys_options *o, bool exact,
                           const ys_bench_settings *s, size_t n) {
  ys_options longest = *o;
  for (size_t i = 0; i < n; i++) {
    double mine = s[i].warm_up_time_s + s[i].measurement_time_s;
    if (mine > longest.warm_up_time_s + longest.measurement_time_s) {
      longest.warm_up_time_s = s[i].warm_up_time_s;
      longest.measurement_time_s = s[i].measurement_time_s;
    }
  }
  return ys_options_timeout(&longest, exact);
}
