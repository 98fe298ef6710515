/*
 * perf_stacks.h — turns the text of `perf script` into folded stacks of
 * one benchmark: each sample's call chain is cut at the benchmark's
 * function, which becomes the root, so that the harness frames every
 * sample shares (main, the runner) do not crowd the flame graph.
 */
#ifndef YS_PROFILE_PERF_STACKS_H
#define YS_PROFILE_PERF_STACKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "folded.h"

/* The root of a stack that does not pass through the benchmark's function:
 * a sample taken outside its timed windows, or one whose call chain could
 * not be unwound that far. */
#define YS_PROFILE_OUTSIDE_FRAME "[outside the benchmark]"

/* Where the benchmark's function lives, as perf script prints frames: the
 * object's path and the function's start relative to that object. */
typedef struct ys_stack_target {
  const char *dso;     /* absolute path of the executable or library */
  uint64_t fn_offset;  /* the function's address minus the object's base */
  uint64_t fn_address; /* its address in this process (objects not
                          relocated, such as non-PIE executables) */
} ys_stack_target;

/* What the samples were. */
typedef struct ys_sample_tally {
  uint64_t samples;  /* every sample read */
  uint64_t no_bench; /* without the benchmark's function in the stack: kept,
                        under the root YS_PROFILE_OUTSIDE_FRAME */
  uint64_t at_edges; /* in the harness's window edges (ys__loop_end,
                        ys_pause_timing, ...) under the benchmark's
                        function: left out of the folded stacks */
} ys_sample_tally;

/* Samples outside the timed windows: the two kinds above. */
static inline uint64_t ys_sample_tally_outside(const ys_sample_tally *t) {
  return t->no_bench + t->at_edges;
}

/* Reads perf script's output, printed with `-F comm,tid,period,ip,sym,
 * symoff,dso` and a call graph: a header line per sample, then one
 * indented line per frame, innermost first ("ip sym+0xoff (dso)"), then a
 * blank line. Adds each sample's stack to `out` (empty; finished on
 * return), except those at the window edges, and counts every sample in
 * `tally` (zeroed here). Kernel frames get the
 * suffix "_[k]"; a frame without a symbol is named after its object
 * ("[libc.so.6]") or "[unknown]"; ';' in a name becomes ':'. Returns 0,
 * YS_ENOMEM, or YS_EIO on a read error. */
int ys_perf_stacks_fold(FILE *script, const ys_stack_target *target,
                        ys_folded *out, ys_sample_tally *tally);

#endif
