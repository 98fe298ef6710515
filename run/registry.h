/*
 * registry.h — the benchmarks a program defines, as a sorted list of
 * instances (one per parameter value of BENCH_ARGS).
 *
 * The BENCH macros chain static descriptors through ys_registry_add before
 * main; nothing is allocated then. At start-up ys_registry_expand turns the
 * chain into a sorted, duplicate-free array of instances.
 */
#ifndef YS_REGISTRY_H
#define YS_REGISTRY_H

#include <stddef.h>
#include <stdint.h>
#include <yardstick.h>

#include "../core/model.h"

/* One runnable benchmark: a descriptor and, for BENCH_ARGS, one value. */
typedef struct ys_instance {
  char name[YS_NAME_MAX]; /* "name" or "name/arg" */
  const ys_bench *def;    /* borrowed static descriptor */
  int64_t arg;
} ys_instance;

/* The head of the chain built by the BENCH constructors (may be NULL). */
const ys_bench *ys_registry_head(void);

/* Expands the chain starting at `head` into instances sorted by name.
 * On success stores a malloc'd array (caller frees with free) in *out and
 * its length in *n, and returns 0. Returns YS_EINVAL with a message in err
 * when two instances share a name or a name is too long, YS_ENOMEM when out
 * of memory. */
int ys_registry_expand(const ys_bench *head, ys_instance **out, size_t *n,
                       char *err, size_t err_len);

#endif
