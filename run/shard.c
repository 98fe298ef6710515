/*
 * shard.c — the balanced split of a selection into shards (shard.h).
 */
#include "shard.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/names.h"

uint64_t ys_shard_hash(const char *name) {
  uint64_t h = UINT64_C(14695981039346656037);
  for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++) {
    h ^= *p;
    h *= UINT64_C(1099511628211);
  }
  return h;
}

/* One benchmark as the greedy rule takes it. */
typedef struct shard_item {
  size_t index; /* into the caller's arrays */
  double cost;
  uint64_t hash;
  const char *name;
} shard_item;

/* Decreasing cost, then increasing hash, then name: a total order that
 * does not depend on where a benchmark was in the input. */
static int shard_item_order(const void *pa, const void *pb) {
  const shard_item *a = pa, *b = pb;
  if (a->cost != b->cost) return a->cost > b->cost ? -1 : 1;
  if (a->hash != b->hash) return a->hash < b->hash ? -1 : 1;
  return ys_name_compare(a->name, b->name);
}

static bool known_cost(const double *costs, size_t i) {
  return costs != NULL && isfinite(costs[i]) && costs[i] > 0;
}

int ys_shard_assign(const char *const *names, const double *costs, size_t n,
                    size_t n_shards, size_t *shard_of) {
  if (n_shards < 1 || n_shards > YS_SHARD_MAX) return YS_EINVAL;
  if (n == 0) return 0;
  shard_item *items = malloc(n * sizeof(*items));
  double *load = calloc(n_shards, sizeof(*load));
  if (items == NULL || load == NULL) {
    free(items);
    free(load);
    return YS_ENOMEM;
  }
  /* A benchmark the costs do not know (new since they were measured)
   * counts as an average one: neither first nor last in line. */
  double sum = 0;
  size_t known = 0;
  for (size_t i = 0; i < n; i++)
    if (known_cost(costs, i)) {
      sum += costs[i];
      known++;
    }
  double unknown = known > 0 ? sum / (double)known : 1.0;
  for (size_t i = 0; i < n; i++)
    items[i] = (shard_item){.index = i,
                            .cost = known_cost(costs, i) ? costs[i] : unknown,
                            .hash = ys_shard_hash(names[i]),
                            .name = names[i]};
  qsort(items, n, sizeof(*items), shard_item_order);
  for (size_t i = 0; i < n; i++) {
    size_t least = 0;
    for (size_t k = 1; k < n_shards; k++)
      if (load[k] < load[least]) least = k;
    load[least] += items[i].cost;
    shard_of[items[i].index] = least;
  }
  free(items);
  free(load);
  return 0;
}
