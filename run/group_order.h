/*
 * group_order.h — the order of one pass of rounds: every selected instance
 * once, shuffled, with the group members that are compared with each other
 * (same group, same parameters) back to back in a shuffled order of their
 * own. A ratio pairs round r of a member with round r of its reference
 * (analysis/ratio.h); measured next to each other, the two see the same
 * state of the machine, so a drift or a noisy episode moves both and
 * cancels in their ratio.
 *
 * Without groups the order is the one a plain shuffle of all instances
 * gives with the same generator, so seeds keep their meaning.
 */
#ifndef YS_GROUP_ORDER_H
#define YS_GROUP_ORDER_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

#include "registry.h"

typedef struct ys_group_order ys_group_order;

/* Prepares the order of the n instances (borrowed for the call only).
 * Returns NULL when out of memory. */
ys_group_order *ys_group_order_new(const ys_instance *instances, size_t n);

/* Shuffles the order for the next pass with rng and returns it: n indices
 * into the instances, owned by `order`, valid until the next call. The
 * blocks (a group's compared members, or one instance) are shuffled, then
 * the members within each block; each pass starts from the last one's
 * order. */
const size_t *ys_group_order_shuffle(ys_group_order *order, gsl_rng *rng);

/* Frees an order; NULL-safe. */
void ys_group_order_free(ys_group_order *order);

#endif
