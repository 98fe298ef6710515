#include "collector.h"

#include <string.h>

extern const ys_collector_ops ys_collector_wall;

static const ys_collector_ops *const collectors[] = {
    &ys_collector_wall,
};

const ys_collector_ops *ys_collector_find(const char *name) {
  for (size_t i = 0; i < sizeof(collectors) / sizeof(collectors[0]); i++)
    if (strcmp(collectors[i]->name, name) == 0) return collectors[i];
  return NULL;
}

const char *ys_collector_names(void) {
  return "wall";
}
