/*
 * shard.h — --shard K/N: which part of the selected benchmarks this run
 * measures or lists (docs/ci.md, "Sharding a large suite"). The split
 * itself is run/shard.h's; this file reads the flag and finds the costs
 * that balance it.
 */
#ifndef YS_HARNESS_SHARD_H
#define YS_HARNESS_SHARD_H

#include <stddef.h>

#include "../baselines/store.h"
#include "../run/registry.h"
#include "options.h"

/* Shard `k` of `n`, both counted from 1. */
typedef struct ys_shard_spec {
  size_t k;
  size_t n;
} ys_shard_spec;

/*
 * Parses --shard's value `text` ("2/3"): two decimal integers with
 * 1 <= K <= N <= YS_SHARD_MAX, nothing else (no sign, space or leading
 * '+'). Returns 0 with *out set, or YS_EINVAL with a message naming
 * --shard and the value in err.
 */
int ys_shard_parse(const char *text, ys_shard_spec *out, char *err,
                   size_t err_len);

/*
 * Keeps, of the `*n` benchmarks `chosen` (sorted by name; narrowed in
 * place, the order kept), those of the shard o->shard names; nothing
 * changes when o->shard is NULL. The split is balanced by each
 * benchmark's `elapsed_s` in the --baseline: `base` when the caller has
 * loaded it, else loaded here when o->baseline is given (a --list does
 * not load it otherwise); without a baseline, or with one that does not
 * exist, by ys_shard_hash. `dir` is the baseline directory. A line for
 * the log saying which part this is and how it was balanced is written to
 * note (note_len bytes).
 * Returns 0; YS_EINVAL for a bad --shard value or a baseline that cannot
 * be loaded, with the message in err; YS_ENOMEM.
 */
int ys_shard_select(const ys_options *o, const char *dir,
                    const ys_baseline *base, ys_instance *chosen, size_t *n,
                    char *note, size_t note_len, char *err, size_t err_len);

#endif
