/*
 * exec_perf.h — which perf events `bench exec --collector perf` counts
 * (docs/exec.md): the --counters list, resolved by the perf collector's
 * own table, less the events this machine cannot count, which are named
 * rather than passed over.
 */
#ifndef YS_EXEC_PERF_H
#define YS_EXEC_PERF_H

#include <stdbool.h>
#include <stddef.h>

#include "../collectors/perf.h"

/* The events every run of a command is counted with. */
typedef struct ys_exec_counters {
  size_t events[YS_PERF_MAX_EVENTS]; /* perf.h indexes, in the order asked */
  size_t n;
} ys_exec_counters;

/* Resolves `list` (--counters; NULL: the default set) and opens each event
 * once on this process, as each run will open it on the command, to find
 * those the kernel refuses (a virtual machine's hardware events: ENOENT).
 * Those are left out of *out and named with the reason in `note` (empty
 * when every event can be counted). Returns 0; YS_EINVAL for an unknown
 * event, or, with `require` (--require-counters), for one left out;
 * YS_ENOTSUP when none can be counted; each with the message in `err`. */
int ys_exec_counters_prepare(const char *list, bool require,
                             ys_exec_counters *out, char *note, size_t note_len,
                             char *err, size_t err_len);

#endif
