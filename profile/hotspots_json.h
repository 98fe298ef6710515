/*
 * hotspots_json.h — NAME.hotspots.json: the functions of one benchmark's
 * profile by self and inclusive share, with their counts in the profile's
 * unit: perf's samples, or callgrind's instructions and cache misses
 * (schema in docs/profiling.md, "FILE.hotspots.json" and "Exact profiles
 * under callgrind").
 */
#ifndef YS_PROFILE_HOTSPOTS_JSON_H
#define YS_PROFILE_HOTSPOTS_JSON_H

#include <stdio.h>

#include "hotspots.h"
#include "perf_stacks.h"

/* Schema identifier written as "schema"; bumped on incompatible change. */
#define YS_HOTSPOTS_SCHEMA "yardstick-hotspots/1"

/* What a profile counts, as its files name it: perf's samples, or
 * callgrind's instructions. */
#define YS_PROFILE_UNIT_SAMPLES      "samples"
#define YS_PROFILE_UNIT_INSTRUCTIONS "instructions"

/* What one benchmark's profile says about itself, beside its functions.
 * Under callgrind (unit YS_PROFILE_UNIT_INSTRUCTIONS) only benchmark, unit,
 * windows and iterations apply. */
typedef struct ys_profile_facts {
  const char *benchmark;         /* borrowed */
  const char *unit;              /* YS_PROFILE_UNIT_*; NULL reads as samples */
  ys_sample_tally tally;         /* what the samples were */
  double sampled_s;              /* seconds the timed windows were sampled */
  double sampled_cpu_s;          /* CPU seconds of the process meanwhile */
  unsigned long long windows;    /* timed windows opened */
  unsigned long long iterations; /* callgrind: iterations of each window's
                                    batch (--iterations); 0 under perf */
} ys_profile_facts;

/* Writes the document for `h` and `facts` to `out`. Returns 0, or the
 * JSON writer's error (YS_EIO on a failed write). */
int ys_hotspots_json_write(const ys_hotspots *h, const ys_profile_facts *facts,
                           FILE *out);

#endif
