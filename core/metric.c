#include "metric.h"

#include <stddef.h>
#include <string.h>

static const char *const kind_names[YS_METRIC_KIND_COUNT] = {
#define YS__METRIC_KIND_NAME(value, name) [value] = name,
    YS_METRIC_KIND_MAP(YS__METRIC_KIND_NAME)
#undef YS__METRIC_KIND_NAME
};

const char *ys_metric_kind_name(ys_metric_kind kind) {
  return (unsigned)kind < YS_METRIC_KIND_COUNT ? kind_names[kind] : "unknown";
}

bool ys_metric_kind_parse(const char *name, ys_metric_kind *out) {
  for (size_t k = 0; k < YS_METRIC_KIND_COUNT; k++) {
    if (strcmp(name, kind_names[k]) == 0) {
      *out = (ys_metric_kind)k;
      return true;
    }
  }
  return false;
}
