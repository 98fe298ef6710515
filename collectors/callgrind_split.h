/*
 * callgrind_split.h — turns callgrind's one file of parts (one part per
 * measured window, --combine-dumps=yes) into one file per benchmark, so
 * that callgrind_annotate or KCachegrind on a benchmark's file shows that
 * benchmark's measured cost alone, not the sum of every window of the run.
 */
#ifndef YS_CALLGRIND_SPLIT_H
#define YS_CALLGRIND_SPLIT_H

#include <stddef.h>

/* Writes, for each benchmark whose windows `combined` holds, a file
 * DIR/callgrind.out.NAME (NAME with every byte outside [A-Za-z0-9._-]
 * written as %XX) holding the combined file's header lines and that
 * benchmark's parts, renumbered from 1. Parts whose trigger starts with
 * '(' are the harness's own windows (empty loops, unmeasured warm-up
 * batches) and are left out. Both paths are borrowed. Returns the number
 * of files written, or a negative YS_E* code with the reason in err. */
int ys_callgrind_split(const char *combined, const char *dir, char *err,
                       size_t err_len);

#endif
