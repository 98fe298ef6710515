/*
 * callgrind_split.h — turns callgrind's one file of parts (one part per
 * measured window, --combine-dumps=yes) into one file per benchmark, so
 * that callgrind_annotate or KCachegrind on a benchmark's file shows that
 * benchmark's measured cost alone, not the sum of every window of the run
 * (docs/collectors.md, "--callgrind-out").
 */
#ifndef YS_CALLGRIND_SPLIT_H
#define YS_CALLGRIND_SPLIT_H

#include <stddef.h>

/* Writes, for each benchmark whose windows `combined` holds, a file
 * DIR/callgrind.out.NAME (NAME with every byte outside [A-Za-z0-9._-]
 * written as %XX) of one part: the combined file's header lines, the
 * header lines of the benchmark's first part (without "summary:"), the
 * bodies of all its parts one after the other, and a "totals:" line with
 * their sums. callgrind_annotate reads one part per file only; several
 * bodies in one part are fine, as costs given twice add up. Parts whose
 * trigger starts with '(' are the harness's own windows (empty loops,
 * unmeasured warm-up batches) and are left out. Both paths are borrowed.
 * Returns the number of files written, or a negative YS_E* code with the
 * reason in err. */
int ys_callgrind_split(const char *combined, const char *dir, char *err,
                       size_t err_len);

#endif
