/*
 * callgrind_entry.h — a benchmark's profile under callgrind: its windows
 * read from this process's callgrind file (callgrind_window.h), folded
 * into stacks (callgraph.h), and its hotspots from the exact costs
 * (callgraph_hotspots.h). The unit is the instruction.
 */
#ifndef YS_PROFILE_CALLGRIND_ENTRY_H
#define YS_PROFILE_CALLGRIND_ENTRY_H

#include <stddef.h>
#include <stdint.h>

#include "folded.h"
#include "hotspots.h"

/* Fills `folded` and `hot` (both empty) with the profile of benchmark
 * `bench` from this process's callgrind file, and *windows with the
 * number of its windows. Returns 0; YS_ENOENT when this process runs
 * without the callgrind launcher (no file); YS_EIO when the file cannot be
 * read; YS_EFORMAT when it cannot be parsed or holds no window of `bench`;
 * or YS_ENOMEM; the reason in err. */
int ys_profile_callgrind_entry(const char *bench, ys_folded *folded,
                               ys_hotspots *hot, uint64_t *windows, char *err,
                               size_t err_len);

#endif
