/*
 * group_names.h — which instance a group member is compared with: the
 * group's reference instance of the same parameters ("sort/libc/1024" for
 * "sort/insertion/1024").
 */
#ifndef YS_GROUP_NAMES_H
#define YS_GROUP_NAMES_H

#include <stddef.h>

#include "../core/model.h"
#include "registry.h"

/* Writes into out (len bytes) the name of the instance `inst` is compared
 * with: its reference's name followed by inst's parameters; the reference
 * names itself. Writes "" for an instance in no group. */
void ys_group_reference_name(const ys_instance *inst, char *out, size_t len);

/* Sets res->group and res->group_reference from inst ("" outside
 * groups). */
void ys_group_name_result(const ys_instance *inst, ys_bench_result *res);

/* Checks that every group member instance in `list` (n instances sorted
 * by ys_name_compare, as ys_registry_expand makes them) has its
 * reference's instance of the same parameters in the list: a member whose
 * axes differ from the reference's in number, names or values would
 * otherwise never have a ratio at those parameters. The reference may have
 * instances no member has. Returns 0, or YS_EINVAL with a message naming
 * the group, the member instance and the reference, with their files and
 * lines. */
int ys_group_check_references(const ys_instance *list, size_t n, char *err,
                              size_t err_len);

#endif
