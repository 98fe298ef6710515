#include "group_order.h"

#include <gsl/gsl_randist.h>
#include <stdlib.h>
#include <string.h>

#include "group_names.h"

struct ys_group_order {
  size_t n;
  size_t n_blocks;
  size_t *blocks;  /* block ids in this pass's order */
  size_t *start;   /* start[b]: first of block b in members */
  size_t *length;  /* length[b]: its number of instances */
  size_t *members; /* instance indices, block by block */
  size_t *pass;    /* the flattened order handed out */
};

void ys_group_order_free(ys_group_order *o) {
  if (o == NULL) return;
  free(o->blocks);
  free(o->start);
  free(o->length);
  free(o->members);
  free(o->pass);
  free(o);
}

/* Numbers the blocks in order of their first instance: block_of[i] for
 * each instance. Instances compared with the same reference instance share
 * a block; any other instance is a block of its own. Returns the number of
 * blocks, or 0 when out of memory (n > 0). */
static size_t number_blocks(const ys_instance *instances, size_t n,
                            size_t *block_of) {
  char(*keys)[YS_NAME_MAX] = malloc((n == 0 ? 1 : n) * sizeof(*keys));
  size_t *first = malloc((n == 0 ? 1 : n) * sizeof(*first));
  if (keys == NULL || first == NULL) {
    free(keys);
    free(first);
    return 0;
  }
  size_t n_blocks = 0;
  for (size_t i = 0; i < n; i++) {
    ys_group_reference_name(&instances[i], keys[i], sizeof(keys[i]));
    size_t b = n_blocks;
    if (keys[i][0] != '\0')
      for (size_t k = 0; k < n_blocks && b == n_blocks; k++)
        if (strcmp(keys[first[k]], keys[i]) == 0) b = k;
    if (b == n_blocks) first[n_blocks++] = i;
    block_of[i] = b;
  }
  free(keys);
  free(first);
  return n_blocks;
}

ys_group_order *ys_group_order_new(const ys_instance *instances, size_t n) {
  ys_group_order *o = calloc(1, sizeof(*o));
  if (o == NULL) return NULL;
  size_t cap = n == 0 ? 1 : n;
  o->n = n;
  o->blocks = malloc(cap * sizeof(size_t));
  o->start = calloc(cap, sizeof(size_t));
  o->length = calloc(cap, sizeof(size_t));
  o->members = malloc(cap * sizeof(size_t));
  o->pass = malloc(cap * sizeof(size_t));
  size_t *block_of = malloc(cap * sizeof(size_t));
  if (o->blocks == NULL || o->start == NULL || o->length == NULL ||
      o->members == NULL || o->pass == NULL || block_of == NULL)
    goto fail;
  o->n_blocks = number_blocks(instances, n, block_of);
  if (n > 0 && o->n_blocks == 0) goto fail;
  for (size_t i = 0; i < n; i++)
    o->length[block_of[i]]++;
  for (size_t b = 1; b < o->n_blocks; b++)
    o->start[b] = o->start[b - 1] + o->length[b - 1];
  for (size_t b = 0; b < o->n_blocks; b++) {
    o->blocks[b] = b;
    o->length[b] = 0;
  }
  for (size_t i = 0; i < n; i++) {
    size_t b = block_of[i];
    o->members[o->start[b] + o->length[b]++] = i;
  }
  free(block_of);
  return o;

fail:
  free(block_of);
  ys_group_order_free(o);
  return NULL;
}

const size_t *ys_group_order_shuffle(ys_group_order *o, gsl_rng *rng) {
  /* GSL's shuffle reads the array even when it is empty, which a shard of
   * a selection smaller than its number of shards is; a block of one is
   * left alone so that a run without groups draws exactly what a plain
   * shuffle of its instances drew. */
  if (o->n_blocks > 0)
    gsl_ran_shuffle(rng, o->blocks, o->n_blocks, sizeof(size_t));
  size_t k = 0;
  for (size_t j = 0; j < o->n_blocks; j++) {
    size_t b = o->blocks[j];
    size_t *m = &o->members[o->start[b]];
    if (o->length[b] > 1) gsl_ran_shuffle(rng, m, o->length[b], sizeof(size_t));
    for (size_t i = 0; i < o->length[b]; i++)
      o->pass[k++] = m[i];
  }
  return o->pass;
}
