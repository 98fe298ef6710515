/*
 * merge.h — one baseline from the baselines the shards of a suite saved
 * (`bench merge OUT IN...`, docs/baselines.md "Merging shards").
 *
 * The shards of one suite measure disjoint parts of it with one build,
 * one collector and one set of settings, on one kind of machine; their
 * merge is the baseline one run of the whole suite would have saved. Any
 * input that breaks one of those conditions is refused rather than
 * merged: a merged file holds one context, which would then be false for
 * some of its benchmarks.
 */
#ifndef YS_BASELINE_MERGE_H
#define YS_BASELINE_MERGE_H

#include <stddef.h>

#include "store.h"

/*
 * Merges the `n` (>= 1) loaded baselines `in` (borrowed) into *ctx and
 * *run, for ys_store_save.
 *
 * Refuses, with YS_EINVAL and a message in err naming the files (their
 * paths as loaded) and what differs:
 * - a benchmark in two inputs;
 * - two inputs of the same shard K, or of different numbers N of shards
 *   (context `shard`, "K/N"; inputs without one are not compared);
 * - another program (the executable's file name: each shard may run from
 *   its own folder);
 * - another collector;
 * - other settings: seed, rounds, sample size, warm-up or measurement
 *   time;
 * - another build: yardstick version, its build type, compiler, or a
 *   git commit when both inputs name one;
 * - another kind of machine: CPU model or number of CPUs (the host name
 *   is not compared: each shard runs on its own host);
 * - a benchmark whose metrics (names, units, kinds, exactness, in order)
 *   differ from those of the first benchmark measured in any input.
 * The schema version needs no check: the loader reads one only.
 *
 * On success *ctx is the first input's context with the earliest `date`
 * of all inputs and no shard, and *run holds every input's benchmarks in name
 * order. Both borrow from the inputs, which must outlive them; free *run with
 * ys_baseline_merge_free, never with ys_run_result_free. Returns 0,
 * YS_EINVAL as above, or YS_ENOMEM.
 */
int ys_baseline_merge(const ys_baseline *const *in, size_t n, ys_context *ctx,
                      ys_run_result *run, char *err, size_t err_len);

/* Frees what ys_baseline_merge allocated for *run (its array, not the
 * results it borrows), and its complexity fits, and empties it.
 * NULL-safe. */
void ys_baseline_merge_free(ys_run_result *run);

#endif
