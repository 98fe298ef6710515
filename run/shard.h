/*
 * shard.h — splitting a selection of benchmarks into N balanced parts, so
 * that N machines can each run one part of a suite too large for one
 * (--shard K/N, docs/ci.md "Sharding a large suite").
 *
 * Every shard job computes the whole assignment from the same inputs and
 * keeps its own part, so the parts are disjoint and cover the selection
 * without the jobs talking to each other. The inputs are the selected
 * names and, when known, what each benchmark cost last time.
 */
#ifndef YS_SHARD_H
#define YS_SHARD_H

#include <stddef.h>
#include <stdint.h>

/* The most shards a selection is split into. */
#define YS_SHARD_MAX 1000

/* A stable 64-bit hash of `name` (FNV-1a over its bytes): the same on every
 * machine and in every build, so that it can order names identically in
 * every shard job. */
uint64_t ys_shard_hash(const char *name);

/*
 * Assigns each of the `n` benchmarks `names` (borrowed) to one of
 * `n_shards` shards (1..YS_SHARD_MAX), writing its shard, 0-based, to
 * shard_of[i].
 *
 * costs: what each benchmark is expected to cost, any positive unit;
 *   costs[i] that is not a positive finite number is unknown, and counts
 *   as the mean of the known ones (as 1 when none is known). NULL: all
 *   unknown.
 *
 * Greedy longest-processing-time: the benchmarks are taken by decreasing
 * cost, each given to the shard with the smallest total so far (the lowest
 * index among equals). Ties of cost are taken in the order of
 * ys_shard_hash, then of the name, so that equal costs (all of them when
 * no cost is known) are dealt round the shards in an order that spreads
 * one family's instances ("sort/1", "sort/2", ...) instead of keeping them
 * together. The result depends only on the names and costs, not on their
 * order in the arrays. The largest total is at most 4/3 of the best
 * possible (Graham's bound for this rule); with equal costs the counts
 * differ by one at most.
 *
 * Returns 0, YS_EINVAL for n_shards out of range, or YS_ENOMEM.
 */
int ys_shard_assign(const char *const *names, const double *costs, size_t n,
                    size_t n_shards, size_t *shard_of);

/* As ys_shard_assign, with benchmarks that must stay together: units[i]
 * (borrowed; NULL as a whole or for one benchmark: its own unit) names the
 * unit of benchmark i, and all benchmarks of one unit go to one shard,
 * balanced as one item of their summed cost. Group members compared at the
 * same parameters are one unit, so that a shard measures a member beside
 * its reference (docs/ci.md, "Sharding a large suite"). */
int ys_shard_assign_units(const char *const *names, const char *const *units,
                          const double *costs, size_t n, size_t n_shards,
                          size_t *shard_of);

#endif
