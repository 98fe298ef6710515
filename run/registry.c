#include "registry.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/names.h"
#include "../core/utf8.h"
#include "group_names.h"
#include "params.h"

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
 * space-separated lines: no whitespace, no control characters, not empty.
 * And UTF-8 throughout: JSON and YAML hold nothing else, so another byte
 * would be saved as U+FFFD, and the name read back would no longer match
 * the benchmark it came from. */
static bool is_valid_name(const char *name) {
  if (name == NULL || name[0] == '\0') return false;
  for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++)
    if (*p <= ' ' || *p == 0x7f) return false;
  return ys_utf8_valid(name);
}

static int compare_instances(const void *a, const void *b) {
  const ys_instance *x = a, *y = b;
  return ys_name_compare(x->name, y->name);
}

/* The axes of a descriptor: its own, or the one list of BENCH_ARGS as an
 * unnamed axis of values (in *scratch), or none. */
static const ys_axis *axes_of(const ys_bench *b, ys_axis *scratch,
                              size_t *n_axes) {
  if (b->n_axes > 0) {
    *n_axes = b->n_axes;
    return b->axes;
  }
  if (b->n_args > 0) {
    *scratch = (ys_axis){
        .kind = YS_AXIS_VALUES, .values = b->args, .n_values = b->n_args};
    *n_axes = 1;
    return scratch;
  }
  *n_axes = 0;
  return NULL;
}

/* Counts the instances of `b` (the product of its axes' counts) into *n,
 * each axis's count into counts[]. Returns 0 or YS_EINVAL with a message
 * naming the benchmark. */
static int instance_count(const ys_bench *b, size_t counts[YS_MAX_AXES],
                          size_t *n, char *err, size_t err_len) {
  ys_axis scratch;
  size_t n_axes;
  const ys_axis *axes = axes_of(b, &scratch, &n_axes);
  if (n_axes > YS_MAX_AXES || (n_axes > 0 && axes == NULL)) {
    snprintf(err, err_len,
             "%s:%d: benchmark '%s' has %zu parameter axes, more than %d",
             b->file, b->line, b->name, n_axes, YS_MAX_AXES);
    return YS_EINVAL;
  }
  char why[256];
  if (ys_axes_check_names(axes, n_axes, why, sizeof(why)) != 0) {
    snprintf(err, err_len, "%s:%d: benchmark '%s', %s", b->file, b->line,
             b->name, why);
    return YS_EINVAL;
  }
  size_t total = 1;
  for (size_t a = 0; a < n_axes; a++) {
    if (ys_axis_count(&axes[a], &counts[a], why, sizeof(why)) != 0) {
      snprintf(err, err_len, "%s:%d: benchmark '%s', parameter axis %zu: %s",
               b->file, b->line, b->name, a + 1, why);
      return YS_EINVAL;
    }
    /* Each factor is at most the limit, so the product of two never wraps
     * before it is compared. */
    total *= counts[a];
    if (total > YS_PARAMS_MAX_INSTANCES) {
      snprintf(err, err_len,
               "%s:%d: benchmark '%s' has more than %d instances (the "
               "product of its parameter axes)",
               b->file, b->line, b->name, YS_PARAMS_MAX_INSTANCES);
      return YS_EINVAL;
    }
  }
  *n = total;
  return 0;
}

/* Fills instance number `k` of `b` (its axes' values, the last axis
 * varying fastest) and its name. Returns 0 or YS_EINVAL for a name that is
 * too long. */
static int fill_instance(const ys_bench *b, const size_t counts[YS_MAX_AXES],
                         size_t k, ys_instance *inst, char *err,
                         size_t err_len) {
  ys_axis scratch;
  size_t n_axes;
  const ys_axis *axes = axes_of(b, &scratch, &n_axes);
  inst->def = b;
  inst->n_args = n_axes;
  size_t len = (size_t)snprintf(inst->name, sizeof(inst->name), "%s", b->name);
  inst->params_at = len < sizeof(inst->name) ? len + (n_axes > 0) : len;
  /* Digits of k in the mixed radix of the axes' counts, last axis
   * lowest. */
  size_t index[YS_MAX_AXES];
  for (size_t a = n_axes; a-- > 0;) {
    index[a] = k % counts[a];
    k /= counts[a];
  }
  for (size_t a = 0; a < n_axes && len < sizeof(inst->name); a++) {
    inst->args[a] = ys_axis_value(&axes[a], index[a]);
    inst->variants[a] = ys_axis_variant(&axes[a], index[a]);
    inst->name[len++] = '/';
    if (len < sizeof(inst->name))
      len += (size_t)ys_axis_format(&axes[a], index[a], inst->name + len,
                                    sizeof(inst->name) - len);
  }
  inst->arg = n_axes > 0 ? inst->args[0] : 0;
  if (len >= sizeof(inst->name)) {
    snprintf(err, err_len, "%s:%d: benchmark name '%.40s...' is too long",
             b->file, b->line, b->name);
    return YS_EINVAL;
  }
  return 0;
}

/* Whether two descriptors belong to the same group. */
static bool same_group(const ys_bench *a, const ys_bench *b) {
  return a->group != NULL && b->group != NULL &&
         strcmp(a->group, b->group) == 0;
}

/* The reference of b's group in the chain at head, or NULL. */
static const ys_bench *reference_of(const ys_bench *head, const ys_bench *b) {
  for (const ys_bench *m = head; m != NULL; m = m->next)
    if (same_group(m, b) && m->reference) return m;
  return NULL;
}

/* Checks that every group has exactly one reference: without one no ratio
 * could ever be shown, and with two the ratios would mean nothing. Each
 * group is checked at its first descriptor in the chain. Returns 0 or
 * YS_EINVAL with a message naming the group. */
static int check_groups(const ys_bench *head, char *err, size_t err_len) {
  for (const ys_bench *b = head; b != NULL; b = b->next) {
    if (b->group == NULL) continue;
    bool first = true;
    for (const ys_bench *e = head; e != b && first; e = e->next)
      first = !same_group(e, b);
    if (!first) continue;
    const ys_bench *reference = NULL;
    for (const ys_bench *m = b; m != NULL; m = m->next) {
      if (!same_group(m, b) || !m->reference) continue;
      if (reference != NULL) {
        snprintf(err, err_len,
                 "group '%s' has two references: '%s' (%s:%d) and '%s' "
                 "(%s:%d); mark only one member with BENCH_GROUP_REFERENCE",
                 b->group, reference->name, reference->file, reference->line,
                 m->name, m->file, m->line);
        return YS_EINVAL;
      }
      reference = m;
    }
    if (reference == NULL) {
      snprintf(err, err_len,
               "group '%s' has no reference ('%s' at %s:%d is a member): "
               "declare one member with BENCH_GROUP_REFERENCE(%s, ...)",
               b->group, b->name, b->file, b->line, b->group);
      return YS_EINVAL;
    }
  }
  return 0;
}

int ys_registry_expand(const ys_bench *head, ys_instance **out, size_t *n,
                       char *err, size_t err_len) {
  int rc = check_groups(head, err, err_len);
  if (rc != 0) return rc;
  size_t total = 0;
  for (const ys_bench *b = head; b != NULL; b = b->next) {
    size_t counts[YS_MAX_AXES], count;
    if (!is_valid_name(b->name)) {
      snprintf(err, err_len,
               "%s:%d: benchmark name '%s' is empty or holds whitespace, "
               "control characters or bytes that are not UTF-8",
               b->file, b->line, b->name != NULL ? b->name : "");
      return YS_EINVAL;
    }
    if ((rc = instance_count(b, counts, &count, err, err_len)) != 0) return rc;
    total += count;
  }

  ys_instance *list = calloc(total == 0 ? 1 : total, sizeof(*list));
  if (list == NULL) return YS_ENOMEM;

  size_t k = 0;
  for (const ys_bench *b = head; b != NULL; b = b->next) {
    size_t counts[YS_MAX_AXES], count;
    instance_count(b, counts, &count, err, err_len);
    for (size_t i = 0; i < count; i++, k++) {
      if (fill_instance(b, counts, i, &list[k], err, err_len) != 0)
        goto err_free_list;
      list[k].reference = reference_of(head, b);
      if (!is_valid_name(list[k].name)) {
        snprintf(err, err_len,
                 "%s:%d: benchmark name '%s' holds whitespace, control "
                 "characters or bytes that are not UTF-8 (from a variant)",
                 b->file, b->line, list[k].name);
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
  if (ys_group_check_references(list, total, err, err_len) != 0)
    goto err_free_list;
  *out = list;
  *n = total;
  return 0;

err_free_list:
  free(list);
  return YS_EINVAL;
}
