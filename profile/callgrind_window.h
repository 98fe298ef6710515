/*
 * callgrind_window.h — one benchmark's measured windows under callgrind,
 * as a call graph (callgraph.h): the parts of the run's callgrind file
 * named after the benchmark (not its "(warm-up) NAME" batch, nor the
 * harness's "(empty loop)") summed function by function and call by call
 * (collectors/callgrind_costs.h), in instructions, with the cache misses
 * when the file has them.
 */
#ifndef YS_PROFILE_CALLGRIND_WINDOW_H
#define YS_PROFILE_CALLGRIND_WINDOW_H

#include <stddef.h>
#include <stdint.h>

#include "../collectors/callgrind_costs.h"
#include "callgraph.h"

typedef struct ys_callgrind_window {
  ys_callgraph graph; /* points into the fields below */
  uint64_t total;     /* instructions: the sum of the parts' "totals:" Ir */
  uint64_t parts;     /* windows: the parts named after the benchmark */
  /* Storage. */
  ys_callgrind_costs costs;
  ys_callgraph_fn *fns;
  ys_callgraph_edge *edges;
} ys_callgrind_window;

/* Reads the windows of benchmark `bench` from text[0..len), the run's
 * callgrind file, into `out` (zeroed here). Every part is read, kept or
 * not, so that the compressed names a part defines are known after it.
 * A file without an "Ir" column is refused. Returns 0 (out->parts is 0
 * when no part has the name), YS_ENOMEM, or YS_EFORMAT with the reason in
 * err. Free with ys_callgrind_window_free, whatever it returned. */
int ys_callgrind_window_read(const char *text, size_t len, const char *bench,
                             ys_callgrind_window *out, char *err,
                             size_t err_len);

/* Frees what `w` owns and zeroes it; NULL-safe. */
void ys_callgrind_window_free(ys_callgrind_window *w);

#endif
