/*
 * settings.h — each benchmark's measurement settings: the run's (defaults,
 * then the config file, then the command line), except where the
 * benchmark's definition gives its own (BENCH_WITH) and the command line
 * did not name that setting explicitly (docs/authoring.md, "Per-benchmark
 * settings").
 *
 * The order, from weakest to strongest: default < config file <
 * benchmark < command line. The run's settings already hold the first two
 * and the command line's; `command_line` says which of them the command
 * line gave, so that only those beat the benchmark's.
 */
#ifndef YS_SETTINGS_H
#define YS_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yardstick.h>

#include "../core/bench_settings.h"

/* What one round of a benchmark is given: its share of the warm-up and
 * measurement time, or its warm-up iteration count. */
typedef struct ys_round_budget {
  double warm_up_ns;           /* per round */
  uint64_t warm_up_iterations; /* per round; 0: warm up for warm_up_ns */
  double measurement_ns;       /* per round */
  size_t sample_size;
  bool latency; /* latency mode (run/latency.h) */
} ys_round_budget;

/* The most warm-up iterations a benchmark may ask for per round. */
#define YS_SETTINGS_MAX_WARM_UP_ITERATIONS (UINT64_C(1) << 40)

/*
 * Checks the settings of descriptor `def` (borrowed; none is fine): times
 * finite in [0, 3600] s, rounds 0..10000, warm-up iterations up to
 * YS_SETTINGS_MAX_WARM_UP_ITERATIONS, as the command line's limits; sample
 * size 0 or 2..10000, and rounds × sample size at most 1,000,000, tighter
 * than the command line's, because each sample's fixed cost is not
 * counted by the automatic timeout. Returns 0, or YS_EINVAL with a message
 * naming the benchmark, its file and line and the field at fault in err.
 */
int ys_settings_check(const ys_bench *def, char *err, size_t err_len);

/*
 * The settings benchmark `def` (borrowed) runs with, into *out: each field
 * of run (the run's settings, own == 0) unless def's settings give it
 * and the YS_SETTING_* bit of that field is not in `command_line`. A
 * --warm-up-time on the command line (YS_SETTING_WARM_UP_TIME) also
 * overrides the benchmark's warm-up iterations: the warm-up then goes by
 * time. out->own gets the bits of the fields taken from def.
 */
void ys_settings_resolve(const ys_bench_settings *run, unsigned command_line,
                         const ys_bench *def, ys_bench_settings *out);

/* The budget of one round of a benchmark with settings s: the times split
 * evenly over its rounds. */
void ys_settings_budget(const ys_bench_settings *s, ys_round_budget *out);

#endif
