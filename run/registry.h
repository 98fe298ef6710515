/*
 * registry.h — the benchmarks a program defines, as a sorted list of
 * instances (one per parameter value of BENCH_ARGS, one per combination of
 * the axes of BENCH_PARAMS and the group macros).
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

/* One runnable benchmark: a descriptor and its parameters' values. */
typedef struct ys_instance {
  char name[YS_NAME_MAX]; /* "name", "name/arg" or "name/rows:64/cols:8" */
  const ys_bench *def;    /* borrowed static descriptor */
  int64_t arg;            /* args[0], what ys_arg reads */
  int64_t args[YS_MAX_AXES];
  const char *variants[YS_MAX_AXES]; /* a variant's text, NULL if numeric */
  size_t n_args;
  /* Where the parameters start in name ("1024" in "sort/libc/1024"):
   * strlen(name) when there are none. Group members with the same
   * parameters are compared with each other. */
  size_t params_at;
  /* For a group member: its group's reference (itself for the
   * reference); NULL outside groups. Borrowed. */
  const ys_bench *reference;
} ys_instance;

/* The head of the chain built by the BENCH constructors (may be NULL). */
const ys_bench *ys_registry_head(void);

/* Expands the chain starting at `head` into instances sorted by name
 * (natural order: "sort/8" before "sort/64"). On success stores a malloc'd
 * array (caller frees with free) in *out and its length in *n, and returns
 * 0. Returns YS_EINVAL with a message naming the benchmark (and its file
 * and line) in err when two instances share a name, a name is too long or
 * invalid, a parameter axis is invalid or yields too many instances
 * (params.h), or a group has no reference or two; YS_ENOMEM when out of
 * memory. */
int ys_registry_expand(const ys_bench *head, ys_instance **out, size_t *n,
                       char *err, size_t err_len);

#endif
