#include "group_names.h"

#include <stdio.h>
#include <stdlib.h>

#include "../core/error.h"
#include "../core/names.h"

void ys_group_reference_name(const ys_instance *inst, char *out, size_t len) {
  if (inst->def == NULL || inst->def->group == NULL ||
      inst->reference == NULL) {
    if (len > 0) out[0] = '\0';
    return;
  }
  const char *params = inst->name + inst->params_at;
  snprintf(out, len, "%s%s%s", inst->reference->name,
           params[0] != '\0' ? "/" : "", params);
}

void ys_group_name_result(const ys_instance *inst, ys_bench_result *res) {
  bool grouped = inst->def != NULL && inst->def->group != NULL;
  snprintf(res->group, sizeof(res->group), "%s",
           grouped ? inst->def->group : "");
  ys_group_reference_name(inst, res->group_reference,
                          sizeof(res->group_reference));
}

static int by_name(const void *key, const void *elem) {
  return ys_name_compare(key, ((const ys_instance *)elem)->name);
}

int ys_group_check_references(const ys_instance *list, size_t n, char *err,
                              size_t err_len) {
  for (size_t i = 0; i < n; i++) {
    const ys_instance *inst = &list[i];
    if (inst->def == NULL || inst->def->group == NULL ||
        inst->reference == NULL || inst->reference == inst->def)
      continue;
    char want[YS_NAME_MAX];
    ys_group_reference_name(inst, want, sizeof(want));
    if (bsearch(want, list, n, sizeof(*list), by_name) != NULL) continue;
    const ys_bench *ref = inst->reference;
    snprintf(err, err_len,
             "group '%s': '%s' (%s:%d) has no counterpart '%s' in its "
             "reference '%s' (%s:%d): give the members of a group the "
             "reference's parameter axes, with the same names and values "
             "(define them once and pass them to each)",
             inst->def->group, inst->name, inst->def->file, inst->def->line,
             want, ref->name, ref->file, ref->line);
    return YS_EINVAL;
  }
  return 0;
}
