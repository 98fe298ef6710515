/*
 * profile.h — `bench profile`: runs each selected benchmark's timed loop
 * for a while under `perf record`, sampling its timed windows only, and
 * writes its folded stacks, flame graph and hotspots, plus profile.md for
 * the run (docs/profiling.md). Under callgrind the same files come from
 * the call graph of each benchmark's measured windows, in instructions.
 * Profiling is a pass of its own: nothing it measures enters a report or
 * a baseline.
 */
#ifndef YS_PROFILE_PROFILE_H
#define YS_PROFILE_PROFILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../collectors/collector.h"
#include "../run/registry.h"

/* Where profiles go when --profile-dir is not given, relative to the
 * working directory, beside the baselines. */
#define YS_PROFILE_DEFAULT_DIR ".yardstick/profiles"
/* Seconds of timed loop sampled per benchmark: about 8000 samples at
 * perf's default 4000 Hz, enough for a function of 1 % to hold 80. */
#define YS_PROFILE_DEFAULT_SECONDS 2.0

typedef struct ys_profile_config {
  const char *dir;       /* where the files go */
  double seconds;        /* timed loop per benchmark */
  const char *save_name; /* also keep the profile as DIR/NAME/, or NULL */
  const char *baseline;  /* compare with DIR/NAME/, or NULL */
  /* The run's, open; measures the windows. One that needs valgrind
   * (callgrind) makes the profile its call graph, in instructions: this
   * process must then run under the callgrind launcher. */
  const ys_collector *collector;
  uint64_t iterations; /* per measured batch under an exact collector */
  double timeout_s;    /* per benchmark, 0: none */
  uint64_t seed;
  FILE *log; /* a line per benchmark profiled, or NULL */
} ys_profile_config;

/* The file in a profile's folder that names its unit (a line:
 * "samples" or "instructions"); a folder without it holds samples. */
#define YS_PROFILE_UNIT_FILE "profile.unit"

/* Checks what can be checked before anything runs: the names given to
 * --save-profile and --baseline, that the saved profile exists and counts
 * the unit this profile will, and that the folders can be written.
 * Returns 0, or YS_EINVAL with a message naming the flag in err. */
int ys_profile_check(const ys_profile_config *cfg, char *err, size_t err_len);

/* Profiles the n instances (borrowed) in turn: under perf, or from
 * callgrind's call graph when cfg->collector needs valgrind. Returns 0;
 * YS_ENOTSUP when perf is missing or refused, or no callgrind file is
 * there (err says what to install or set; nothing
 * was profiled); YS_EBENCH when a benchmark failed or skipped (the others
 * are profiled, and err names it); YS_EINTR on SIGINT or SIGTERM; or
 * YS_EIO / YS_ENOMEM with the reason in err. */
int ys_profile_run(const ys_profile_config *cfg, const ys_instance *chosen,
                   size_t n, char *err, size_t err_len);

#endif
