#include "settings.h"

#include <math.h>
#include <stdio.h>

#include "../core/error.h"

/* The command line's limits (harness/cli.c), so that a setting written in
 * code is held to what the flag would accept. */
#define MAX_TIME_S 3600.0
#define MAX_ROUNDS 10000
/* The sample size is held tighter: however short the measurement time,
 * every sample is one call of the benchmark with clock reads and system
 * calls around it (about 14 µs on a virtual machine; measured: 10 rounds
 * of 100,000 one-iteration samples took 14 s), and the automatic timeout
 * counts only warm-up and measurement time. 10,000 samples a round keeps
 * 10 rounds near a second; rounds and sample size together are held to
 * 1,000,000 samples a benchmark, about 15 s, within the automatic
 * timeout's 60 s, where 10 rounds of 1,000,000 were stopped by it. */
#define MAX_SAMPLE_SIZE    10000
#define MAX_SAMPLES_OF_OWN 1000000.0

static int bad(const ys_bench *def, char *err, size_t err_len,
               const char *field, const char *want) {
  return ys_error_set(err, err_len, YS_EINVAL,
                      "benchmark '%s' (%s:%d): settings: .%s must be %s",
                      def->name, def->file, def->line, field, want);
}

/* Whether t is a time a setting may hold: 0 (the run's) or up to an
 * hour. */
static bool time_ok(double t) {
  return isfinite(t) && t >= 0 && t <= MAX_TIME_S;
}

int ys_settings_check(const ys_bench *def, char *err, size_t err_len) {
  const ys_settings *s = def->settings;
  if (s == NULL) return 0;
  if (!time_ok(s->warm_up_time_s))
    return bad(def, err, err_len, "warm_up_time_s", "seconds in [0, 3600]");
  if (!time_ok(s->measurement_time_s))
    return bad(def, err, err_len, "measurement_time_s", "seconds in [0, 3600]");
  if (s->rounds > MAX_ROUNDS)
    return bad(def, err, err_len, "rounds", "0 (the run's) or 1..10000");
  if (s->sample_size == 1 || s->sample_size > MAX_SAMPLE_SIZE)
    return bad(def, err, err_len, "sample_size",
               "0 (the run's) or 2..10000 (each sample costs a call and "
               "clock reads, however short the measurement time)");
  if ((double)s->rounds * (double)s->sample_size > MAX_SAMPLES_OF_OWN)
    return bad(def, err, err_len, "sample_size",
               "at most 1000000 / .rounds (1,000,000 samples a benchmark, "
               "each a call and clock reads, however short the measurement "
               "time)");
  if (s->warm_up_iterations > YS_SETTINGS_MAX_WARM_UP_ITERATIONS)
    return bad(def, err, err_len, "warm_up_iterations",
               "at most 2^40 per round");
  return 0;
}

void ys_settings_resolve(const ys_bench_settings *run, unsigned command_line,
                         const ys_bench *def, ys_bench_settings *out) {
  *out = *run;
  out->own = 0;
  const ys_settings *s = def != NULL ? def->settings : NULL;
  if (s == NULL) return;
  /* Latency mode is asked for by the benchmark, by the config file or by
   * --latency for all: any is enough, as none changes what the others
   * measure. It is the benchmark's own unless --latency asked for it
   * anyway: the config file is below the definition, as for the rest. */
  if (s->latency && (command_line & YS_SETTING_LATENCY) == 0) {
    out->latency = true;
    out->own |= YS_SETTING_LATENCY;
  }
  /* A field the benchmark sets wins unless the command line named it: the
   * command line is the user's word for this run, the definition the
   * benchmark's author's for every run. */
#define TAKE(FIELD, SRC, BIT)                                                  \
  if ((SRC) != 0 && (command_line & (BIT)) == 0) {                             \
    out->FIELD = (SRC);                                                        \
    out->own |= (BIT);                                                         \
  }
  TAKE(warm_up_time_s, s->warm_up_time_s, YS_SETTING_WARM_UP_TIME)
  TAKE(measurement_time_s, s->measurement_time_s, YS_SETTING_MEASUREMENT_TIME)
  TAKE(rounds, s->rounds, YS_SETTING_ROUNDS)
  TAKE(sample_size, s->sample_size, YS_SETTING_SAMPLE_SIZE)
#undef TAKE
  /* Warm-up iterations replace the warm-up time: a --warm-up-time given on
   * the command line asks for a warm-up by time, and gets it. */
  if (s->warm_up_iterations != 0 &&
      (command_line &
       (YS_SETTING_WARM_UP_TIME | YS_SETTING_WARM_UP_ITERATIONS)) == 0) {
    out->warm_up_iterations = s->warm_up_iterations;
    out->own |= YS_SETTING_WARM_UP_ITERATIONS;
  }
}

void ys_settings_budget(const ys_bench_settings *s, ys_round_budget *out) {
  double rounds = s->rounds > 0 ? (double)s->rounds : 1.0;
  out->warm_up_ns = s->warm_up_time_s * 1e9 / rounds;
  out->warm_up_iterations = s->warm_up_iterations;
  out->measurement_ns = s->measurement_time_s * 1e9 / rounds;
  out->sample_size = s->sample_size;
  out->latency = s->latency;
}
