/*
 * notes.c — the words and the advice for each diagnostic (see notes.h).
 *
 * Advice is written for the settings in force, because advice that asks
 * for what the run already had ("try --sample-size 10" at 10) or for an
 * absurd run (hundreds of rounds) teaches people to skip the notes.
 */
#include "notes.h"

#include <math.h>
#include <stdio.h>

#include "../core/policy.h"
#include "units.h"

const unsigned ys_note_bits[YS_NOTE_COUNT] = {
    YS_WARN_NOISY_ROUNDS,   YS_WARN_HIGH_VARIANCE, YS_WARN_LOW_R_SQUARED,
    YS_WARN_AUTOCORRELATED, YS_WARN_SHORT_SAMPLES, YS_WARN_FEW_ITERATIONS,
    YS_NOTE_CPU_ABOVE_TIME,
};

/* Whether a second time metric of `res` lies wholly above the primary
 * time: the CPU clock's own cost per window that calibration left
 * (docs/collectors.md), or threads besides the benchmark's. The latency
 * series are times too, but of one percentile of single iterations: a
 * p99 above the mean is what a tail is, not CPU time beyond wall time. */
static bool cpu_above_time(const ys_bench_result *res) {
  const ys_series *t = &res->series[0];
  if (t->kind != YS_METRIC_TIME || t->exact) return false;
  const ys_estimate *time = ys_analysis_headline(&t->analysis);
  for (size_t i = 1; i < res->n_series; i++) {
    const ys_series *s = &res->series[i];
    if (s->kind != YS_METRIC_TIME || s->exact || s->n_rounds == 0) continue;
    if (s->counter & YS_SERIES_LATENCY) continue;
    if (ys_analysis_headline(&s->analysis)->lo > time->hi) return true;
  }
  return false;
}

unsigned ys_notes_of(const ys_bench_result *res) {
  if (res->status != YS_BENCH_OK || res->n_series == 0 || res->series == NULL)
    return 0;
  if (res->series[0].exact) return 0;
  unsigned bits = res->series[0].analysis.warnings;
  if (cpu_above_time(res)) bits |= YS_NOTE_CPU_ABOVE_TIME;
  return bits;
}

const char *ys_notes_words(unsigned bit) {
  switch (bit) {
  case YS_WARN_NOISY_ROUNDS:
    return "noisy rounds";
  case YS_WARN_HIGH_VARIANCE:
    return "high variance";
  case YS_WARN_LOW_R_SQUARED:
    return "poor linear fit";
  case YS_WARN_AUTOCORRELATED:
    return "drifting samples";
  case YS_WARN_SHORT_SAMPLES:
    return "samples near the clock resolution";
  case YS_WARN_FEW_ITERATIONS:
    return "one iteration per sample";
  case YS_NOTE_CPU_ABOVE_TIME:
    return "cpu_time above time";
  }
  return "";
}

/* A fixed-point number, or "n/a" for NaN and infinities. */
static char *fixed(double v, int decimals, char *buf, size_t len) {
  if (isfinite(v))
    snprintf(buf, len, "%.*f", decimals, v);
  else
    snprintf(buf, len, "n/a");
  return buf;
}

/* The figure a finding quotes for one benchmark, or for several ("" when
 * res is NULL), with the policy limit it crossed. */
static void figure(unsigned bit, const ys_analysis *a, char *buf, size_t len) {
  char v[YS_UNITS_BUF], lim[YS_UNITS_BUF];
  switch (bit) {
  case YS_WARN_NOISY_ROUNDS:
    if (a != NULL)
      snprintf(buf, len, "%s of the rounds",
               ys_units_percent(a->noisy_round_share, 0, false, v, sizeof(v)));
    else
      snprintf(
          buf, len, "more than %s of their rounds",
          ys_units_percent(YS_POLICY_NOISY_SHARE, 0, false, lim, sizeof(lim)));
    return;
  case YS_WARN_HIGH_VARIANCE:
    snprintf(buf, len, "std dev %s %s of the mean",
             a != NULL ? "is" : "\xe2\x89\xa5",
             a != NULL ? ys_units_percent(a->std_dev.point / a->mean.point, 1,
                                          false, v, sizeof(v))
                       : ys_units_percent(YS_POLICY_MAX_CV, 0, false, lim,
                                          sizeof(lim)));
    return;
  case YS_WARN_LOW_R_SQUARED:
    snprintf(buf, len, "R\xc2\xb2 %s %s", a != NULL ? "=" : "<",
             a != NULL ? fixed(a->r_squared, 3, v, sizeof(v))
                       : fixed(YS_POLICY_MIN_R_SQUARED, 1, lim, sizeof(lim)));
    return;
  case YS_WARN_AUTOCORRELATED:
    snprintf(buf, len, "lag-1 autocorrelation %s %s", a != NULL ? "=" : ">",
             a != NULL ? fixed(a->lag1_autocorrelation, 2, v, sizeof(v))
                       : fixed(YS_POLICY_MAX_LAG1, 1, lim, sizeof(lim)));
    return;
  }
  buf[0] = '\0';
}

char *ys_notes_finding(unsigned bit, const ys_bench_result *res,
                       const ys_context *ctx, char *buf, size_t len) {
  const ys_analysis *a = res != NULL ? &res->series[0].analysis : NULL;
  char fig[128], res_txt[YS_UNITS_BUF + 16] = "", f[YS_UNITS_BUF];
  figure(bit, a, fig, sizeof(fig));
  switch (bit) {
  case YS_WARN_NOISY_ROUNDS:
    snprintf(
        buf, len, "%s ran more than %s above the fastest: the machine was busy",
        fig,
        ys_units_percent(YS_POLICY_NOISY_FACTOR - 1, 0, false, f, sizeof(f)));
    break;
  case YS_WARN_HIGH_VARIANCE:
    snprintf(buf, len, "samples vary a lot (%s)", fig);
    break;
  case YS_WARN_LOW_R_SQUARED:
    snprintf(buf, len,
             "time does not grow linearly with iterations (%s): timing is "
             "unstable",
             fig);
    break;
  case YS_WARN_AUTOCORRELATED:
    snprintf(buf, len,
             "consecutive samples are correlated (%s): the machine was "
             "drifting",
             fig);
    break;
  case YS_WARN_SHORT_SAMPLES:
    if (ctx->clock_resolution_ns > 0)
      snprintf(res_txt, sizeof(res_txt), " (%s)",
               ys_units_duration(ctx->clock_resolution_ns, f, sizeof(f)));
    snprintf(buf, len,
             "samples are close to the clock resolution%s: results are "
             "imprecise",
             res_txt);
    break;
  case YS_WARN_FEW_ITERATIONS:
    snprintf(buf, len,
             "samples hold a single iteration, so the timer's overhead is "
             "part of each");
    break;
  case YS_NOTE_CPU_ABOVE_TIME:
    snprintf(buf, len,
             "the process used more CPU time than wall time: other threads "
             "ran, or the benchmark pauses timing, and each paused "
             "iteration's window still holds part of a CPU-clock read");
    break;
  default:
    buf[0] = '\0';
  }
  return buf;
}

ys_bench_settings ys_notes_run_settings(const ys_context *ctx) {
  return (ys_bench_settings){.measurement_time_s = ctx->measurement_time_s,
                             .rounds = ctx->rounds,
                             .sample_size = ctx->sample_size};
}

/* How the reader changes setting `bit`: its flag, or the field of the
 * benchmark's own definition when that is where the value came from. */
static const char *setting_name(const ys_bench_settings *used, unsigned bit,
                                const char *flag, const char *field, char *buf,
                                size_t len) {
  if ((used->own & bit) == 0) return flag;
  snprintf(buf, len, "%s in its BENCH_WITH", field);
  return buf;
}

/* ", or raise --rounds (now 5) to 10", or "" when doubling would pass
 * the advice limit. */
static void more_rounds(const ys_bench_settings *used, const char *why,
                        char *buf, size_t len) {
  char name[64];
  buf[0] = '\0';
  /* Several benchmarks, each with its own rounds: no one figure. */
  if (used->rounds == 0 && (used->own & YS_SETTING_ROUNDS) != 0)
    snprintf(buf, len, ", or raise .rounds in their BENCH_WITH%s", why);
  if (used->rounds > 0 && 2 * used->rounds <= YS_POLICY_ADVICE_MAX_ROUNDS)
    snprintf(buf, len, ", or raise %s (now %zu) to %zu%s",
             setting_name(used, YS_SETTING_ROUNDS, "--rounds", ".rounds", name,
                          sizeof(name)),
             used->rounds, 2 * used->rounds, why);
}

/* "raise --measurement-time (now 0.6 s) to 1.2 s", or "" past the limit. */
static void more_time(const ys_bench_settings *used, char *buf, size_t len) {
  char name[64];
  buf[0] = '\0';
  double t = used->measurement_time_s;
  if (t == 0 && (used->own & YS_SETTING_MEASUREMENT_TIME) != 0)
    snprintf(buf, len, "raise .measurement_time_s in their BENCH_WITH");
  if (t > 0 && 2 * t <= YS_POLICY_ADVICE_MAX_MEASUREMENT_S)
    snprintf(buf, len, "raise %s (now %g s) to %g s",
             setting_name(used, YS_SETTING_MEASUREMENT_TIME,
                          "--measurement-time", ".measurement_time_s", name,
                          sizeof(name)),
             t, 2 * t);
}

char *ys_notes_advice(unsigned bit, size_t suggested,
                      const ys_bench_settings *used, char *buf, size_t len) {
  char rounds[256], time[256], name[64];
  const char *sample_size =
      setting_name(used, YS_SETTING_SAMPLE_SIZE, "--sample-size",
                   ".sample_size", name, sizeof(name));
  more_time(used, time, sizeof(time));
  switch (bit) {
  case YS_WARN_NOISY_ROUNDS:
    more_rounds(used, " so that the fastest rounds stand out", rounds,
                sizeof(rounds));
    snprintf(buf, len, "rerun on a quieter machine%s", rounds);
    break;
  case YS_WARN_HIGH_VARIANCE:
    snprintf(buf, len, "close other programs%s%s", time[0] ? ", or " : "",
             time);
    break;
  case YS_WARN_LOW_R_SQUARED:
    snprintf(buf, len, "rerun on a quieter machine");
    break;
  case YS_WARN_AUTOCORRELATED:
    more_rounds(used, " to spread the drift out", rounds, sizeof(rounds));
    snprintf(buf, len, "rerun on a quieter machine%s", rounds);
    break;
  case YS_WARN_SHORT_SAMPLES:
    if (time[0] != '\0')
      snprintf(buf, len, "%s%s%s", time,
               used->sample_size > 2 ? " or lower " : "",
               used->sample_size > 2 ? sample_size : "");
    else
      snprintf(buf, len, "lower %s", sample_size);
    break;
  case YS_WARN_FEW_ITERATIONS:
    /* Only a smaller size than the one in force is advice at all. */
    if (suggested > 0 && suggested < used->sample_size &&
        (used->own & YS_SETTING_SAMPLE_SIZE) != 0)
      snprintf(buf, len, "set .sample_size = %zu in its BENCH_WITH (now %zu)",
               suggested, used->sample_size);
    else if (suggested > 0 && suggested < used->sample_size)
      snprintf(buf, len, "try --sample-size %zu (now %zu)", suggested,
               used->sample_size);
    else if (time[0] != '\0')
      snprintf(buf, len, "%s, since no smaller %s fits", time, sample_size);
    else
      snprintf(buf, len, "an iteration this long is timed well alone");
    break;
  case YS_NOTE_CPU_ABOVE_TIME:
    snprintf(buf, len,
             "read time; see README \"Reading the output\" on cpu_time");
    break;
  default:
    buf[0] = '\0';
  }
  return buf;
}
