#include "registry.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/names.h"

/* The only mutable global: written by constructors before main, read-only
 * afterwards. */
static ys_bench *registry_head;

void ys_registry_add(ys_bench *bench) {
  bench->next = registry_head;
  registry_head = bench;
}

const ys_bench *ys_registry_head(void) {
  return registry_head;
}

/* Names travel through reports, files and the worker protocol's
 * space-separated lines: no whitespace, no control characters, not empty. */
static bool is_valid_name(const char *name) {
  if (name == NULL || name[0] == '\0') return false;
  for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++)
    if (*p <= ' ' || *p == 0x7f) return false;
  return true;
}

static int compare_instances(const void *a, const void *b) {
  const ys_instance *x = a, *y = b;
  return ys_name_compare(x->name, y->name);
}

static size_t instance_count(const ys_bench *b) {
  return b->n_args == 0 ? 1 : b->n_args;
}

int ys_registry_expand(const ys_bench *head, ys_instance **out, size_t *n,
                       char *err, size_t err_len) {
  size_t total = 0;
  for (const ys_bench *b = head; b != NULL; b = b->next)
    total += instance_count(b);

  ys_instance *list = calloc(total == 0 ? 1 : total, sizeof(*list));
  if (list == NULL) return YS_ENOMEM;

  size_t k = 0;
  for (const ys_bench *b = head; b != NULL; b = b->next) {
    if (!is_valid_name(b->name)) {
      snprintf(err, err_len,
               "%s:%d: benchmark name '%s' is empty or holds whitespace or "
               "control characters",
               b->file, b->line, b->name != NULL ? b->name : "");
      goto err_free_list;
    }
    for (size_t i = 0; i < instance_count(b); i++, k++) {
      ys_instance *inst = &list[k];
      inst->def = b;
      int len;
      if (b->n_args == 0) {
        len = snprintf(inst->name, sizeof(inst->name), "%s", b->name);
      } else {
        inst->arg = b->args[i];
        len = snprintf(inst->name, sizeof(inst->name), "%s/%lld", b->name,
                       (long long)inst->arg);
      }
      if (len < 0 || (size_t)len >= sizeof(inst->name)) {
        snprintf(err, err_len, "%s:%d: benchmark name '%.40s...' is too long",
                 b->file, b->line, b->name);
        goto err_free_list;
      }
    }
  }

  qsort(list, total, sizeof(*list), compare_instances);
  for (size_t i = 1; i < total; i++) {
    if (strcmp(list[i - 1].name, list[i].name) == 0) {
      snprintf(err, err_len,
               "duplicate benchmark name '%s' (defined at %s:%d and %s:%d)",
               list[i].name, list[i - 1].def->file, list[i - 1].def->line,
               list[i].def->file, list[i].def->line);
      goto err_free_list;
    }
  }
  *out = list;
  *n = total;
  return 0;

err_free_list:
  free(list);
  return YS_EINVAL;
}
