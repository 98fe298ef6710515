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

/* Orders indices by their unit's key, for grouping (qsort_r context). */
static int by_unit(const void *pa, const void *pb, void *keys) {
  const char *const *k = keys;
  return strcmp(k[*(const size_t *)pa], k[*(const size_t *)pb]);
}

int ys_shard_assign(const char *const *names, const double *costs, size_t n,
                    size_t n_shards, size_t *shard_of) {
  return ys_shard_assign_units(names, NULL, costs, n, n_shards, shard_of);
}

int ys_shard_assign_units(const char *const *names, const char *const *units,
                          const double *costs, size_t n, size_t n_shards,
                          size_t *shard_of) {
  if (n_shards < 1 || n_shards > YS_SHARD_MAX) return YS_EINVAL;
  if (n == 0) return 0;
  shard_item *items = malloc(n * sizeof(*items));
  double *load = calloc(n_shards, sizeof(*load));
  size_t *order = malloc(n * sizeof(*order));
  size_t *unit_of = malloc(n * sizeof(*unit_of));
  const char **keys = malloc(n * sizeof(*keys));
  if (items == NULL || load == NULL || order == NULL || unit_of == NULL ||
      keys == NULL) {
    free(items);
    free(load);
    free(order);
    free(unit_of);
    free(keys);
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
  /* Benchmarks of one unit go to one shard: a unit is taken as one item
   * whose cost is the sum of its members', named by its key. */
  for (size_t i = 0; i < n; i++) {
    keys[i] = units != NULL && units[i] != NULL ? units[i] : names[i];
    order[i] = i;
  }
  qsort_r(order, n, sizeof(*order), by_unit, keys);
  size_t n_items = 0;
  for (size_t r = 0; r < n; r++) {
    size_t i = order[r];
    double cost = known_cost(costs, i) ? costs[i] : unknown;
    if (r > 0 && strcmp(keys[i], keys[order[r - 1]]) == 0) {
      items[n_items - 1].cost += cost;
    } else {
      items[n_items] = (shard_item){.index = n_items,
                                    .cost = cost,
                                    .hash = ys_shard_hash(keys[i]),
                                    .name = keys[i]};
      n_items++;
    }
    unit_of[i] = n_items - 1;
  }
  /* From here order[u] is the shard of unit u: the sorted order of the
   * benchmarks is no longer needed. */
  qsort(items, n_items, sizeof(*items), shard_item_order);
  for (size_t u = 0; u < n_items; u++) {
    size_t least = 0;
    for (size_t k = 1; k < n_shards; k++)
      if (load[k] < load[least]) least = k;
    load[least] += items[u].cost;
    order[items[u].index] = least;
  }
  for (size_t i = 0; i < n; i++)
    shard_of[i] = order[unit_of[i]];
  free(items);
  free(load);
  free(order);
  free(unit_of);
  free(keys);
  return 0;
}
