#include "params.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../core/error.h"

/* The values of a range below its limit: start·m^k while below the limit.
 * The limit itself is always the last value (Google Benchmark's Range
 * ends on its limit too), so a sweep never misses the size asked for. The
 * comparison against limit / m before multiplying keeps every product
 * within int64. */
static size_t range_powers(const ys_axis *a) {
  size_t n = 0;
  for (int64_t v = a->start; v < a->limit; v *= a->step) {
    n++;
    if (v > a->limit / a->step) break;
  }
  return n;
}

int ys_axis_count(const ys_axis *a, size_t *n, char *err, size_t err_len) {
  uint64_t count = 0;
  switch (a->kind) {
  case YS_AXIS_VALUES:
    count = a->values != NULL ? a->n_values : 0;
    break;
  case YS_AXIS_VARIANTS:
    count = a->variants != NULL ? a->n_variants : 0;
    for (size_t i = 0; i < count; i++) {
      if (a->variants[i] == NULL || a->variants[i][0] == '\0') {
        snprintf(err, err_len, "variant %zu is empty", i + 1);
        return YS_EINVAL;
      }
    }
    break;
  case YS_AXIS_RANGE:
    if (a->start < 1 || a->step < 2 || a->limit < a->start) {
      snprintf(err, err_len,
               "YS_RANGE(%" PRId64 ", %" PRId64 ", %" PRId64
               ") needs 1 <= start <= limit and a multiplier of 2 or more",
               a->start, a->limit, a->step);
      return YS_EINVAL;
    }
    count = range_powers(a) + 1;
    break;
  case YS_AXIS_DENSE:
    if (a->step < 1 || a->limit < a->start) {
      snprintf(err, err_len,
               "YS_DENSE(%" PRId64 ", %" PRId64 ", %" PRId64
               ") needs start <= limit and a step of 1 or more",
               a->start, a->limit, a->step);
      return YS_EINVAL;
    }
    /* In uint64: limit − start of two int64 never wraps there. The + 1
     * does, for the whole of int64 with step 1 (2^64 values): that count
     * is said in words rather than wrapped to 0, "no values". */
    count = ((uint64_t)a->limit - (uint64_t)a->start) / (uint64_t)a->step;
    if (count == UINT64_MAX) {
      snprintf(err, err_len,
               "YS_DENSE(%" PRId64 ", %" PRId64 ", %" PRId64
               ") lists 18446744073709551616 values, more than %d",
               a->start, a->limit, a->step, YS_PARAMS_MAX_INSTANCES);
      return YS_EINVAL;
    }
    count++;
    break;
  default:
    snprintf(err, err_len, "unknown kind of parameter axis %d", (int)a->kind);
    return YS_EINVAL;
  }
  if (count == 0) {
    snprintf(err, err_len, "a parameter axis has no values");
    return YS_EINVAL;
  }
  if (count > YS_PARAMS_MAX_INSTANCES) {
    snprintf(err, err_len,
             "a parameter axis has %" PRIu64
             " values, more than %d (the most one benchmark may have)",
             count, YS_PARAMS_MAX_INSTANCES);
    return YS_EINVAL;
  }
  *n = (size_t)count;
  return 0;
}

int64_t ys_axis_value(const ys_axis *a, size_t i) {
  switch (a->kind) {
  case YS_AXIS_VALUES:
    return a->values[i];
  case YS_AXIS_RANGE: {
    if (i >= range_powers(a)) return a->limit;
    int64_t v = a->start;
    for (size_t k = 0; k < i; k++)
      v *= a->step;
    return v;
  }
  case YS_AXIS_DENSE:
    return (int64_t)((uint64_t)a->start + (uint64_t)i * (uint64_t)a->step);
  default:
    return (int64_t)i;
  }
}

const char *ys_axis_variant(const ys_axis *a, size_t i) {
  return a->kind == YS_AXIS_VARIANTS ? a->variants[i] : NULL;
}

int ys_axis_format(const ys_axis *a, size_t i, char *out, size_t len) {
  const char *variant = ys_axis_variant(a, i);
  const char *name = a->name != NULL ? a->name : "";
  const char *colon = a->name != NULL ? ":" : "";
  if (variant != NULL)
    return snprintf(out, len, "%s%s%s", name, colon, variant);
  return snprintf(out, len, "%s%s%" PRId64, name, colon, ys_axis_value(a, i));
}

/* Why a name part (an axis's name, a variant) cannot be used, or NULL:
 * empty, or holding '/', which separates the parts of an instance name, so
 * that filters and the comparison with a group's reference would cut it in
 * two. Whitespace is left to the registry's check of whole names. */
static const char *bad_part(const char *part) {
  if (part == NULL || part[0] == '\0') return "is empty";
  if (strchr(part, '/') != NULL)
    return "holds '/', which separates the parts of a benchmark name";
  return NULL;
}

int ys_axes_check_names(const ys_axis *axes, size_t n_axes, char *err,
                        size_t err_len) {
  for (size_t a = 0; a < n_axes; a++) {
    const ys_axis *axis = &axes[a];
    const char *why;
    if (axis->name != NULL && axis->name[0] == '\0') {
      snprintf(err, err_len,
               "parameter axis %zu has an empty name (YS_NAMED(\"\", ...)): "
               "give it a name or leave YS_NAMED out",
               a + 1);
      return YS_EINVAL;
    }
    if (axis->name != NULL && (why = bad_part(axis->name)) != NULL) {
      snprintf(err, err_len, "parameter axis %zu: its name '%s' %s", a + 1,
               axis->name, why);
      return YS_EINVAL;
    }
    for (size_t e = 0; axis->name != NULL && e < a; e++) {
      if (axes[e].name != NULL && strcmp(axes[e].name, axis->name) == 0) {
        snprintf(err, err_len,
                 "parameter axis %zu: its name '%s' is also the name of "
                 "axis %zu; the instance names could not tell them apart",
                 a + 1, axis->name, e + 1);
        return YS_EINVAL;
      }
    }
    if (axis->kind != YS_AXIS_VARIANTS || axis->variants == NULL) continue;
    for (size_t i = 0; i < axis->n_variants; i++) {
      const char *v = axis->variants[i];
      if ((why = bad_part(v)) != NULL) {
        snprintf(err, err_len, "parameter axis %zu: variant %zu '%s' %s", a + 1,
                 i + 1, v != NULL ? v : "", why);
        return YS_EINVAL;
      }
      for (size_t e = 0; e < i; e++) {
        if (strcmp(axis->variants[e], v) == 0) {
          snprintf(err, err_len,
                   "parameter axis %zu: variant %zu '%s' repeats variant "
                   "%zu; two instances would have one name",
                   a + 1, i + 1, v, e + 1);
          return YS_EINVAL;
        }
      }
    }
  }
  return 0;
}
