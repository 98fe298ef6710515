/*
 * bench_settings.h — the settings one benchmark was measured with: the
 * run's, or where its definition gives its own (BENCH_WITH), those
 * (run/settings.h resolves them; docs/authoring.md, "Per-benchmark
 * settings").
 */
#ifndef YS_BENCH_SETTINGS_H
#define YS_BENCH_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One bit per setting, to say where a setting came from. */
#define YS_SETTING_WARM_UP_TIME       (1u << 0)
#define YS_SETTING_WARM_UP_ITERATIONS (1u << 1)
#define YS_SETTING_MEASUREMENT_TIME   (1u << 2)
#define YS_SETTING_ROUNDS             (1u << 3)
#define YS_SETTING_SAMPLE_SIZE        (1u << 4)
#define YS_SETTING_LATENCY            (1u << 5)

typedef struct ys_bench_settings {
  double warm_up_time_s;       /* all rounds; unused when iterations > 0 */
  uint64_t warm_up_iterations; /* per round; 0: the warm-up goes by time */
  double measurement_time_s;   /* all rounds */
  size_t rounds;
  size_t sample_size;
  /* Latency mode asked for (BENCH_WITH's .latency or --latency): each
   * iteration timed on its own (run/latency.h). */
  bool latency;
  /* YS_SETTING_* bits: the settings that came from the benchmark's own
   * definition, which reports name; 0 when it ran with the run's. */
  unsigned own;
} ys_bench_settings;

#endif
