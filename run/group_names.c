#include "group_names.h"

#include <stdio.h>

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
