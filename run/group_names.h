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

#endif
