/*
 * names.c — baseline names and where their files live (docs/baselines.md,
 * "Where baselines live").
 */
#include "names.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/error.h"

/* Longest baseline name ys_store_check_name accepts. */
#define YS__NAME_MAX 100

/* Copies `s` into `out` (out_len bytes) for a message, with bytes that are
 * not printable ASCII shown as '?' so an error never carries control
 * characters to a terminal. */
static void names_printable(const char *s, char *out, size_t out_len) {
  size_t i = 0;
  for (; s[i] != '\0' && i + 1 < out_len; i++)
    out[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
  out[i] = '\0';
}

/* Length of the ".yaml" or ".yml" ending `name` (in any case), else 0. */
static size_t names_yaml_suffix(const char *name) {
  static const char *const suffixes[] = {".yaml", ".yml"};
  size_t n = strlen(name);
  for (size_t i = 0; i < 2; i++) {
    size_t m = strlen(suffixes[i]);
    if (n > m && strcasecmp(name + n - m, suffixes[i]) == 0) return m;
  }
  return 0;
}

int ys_store_check_name(const char *name, char *err, size_t err_len) {
  if (name == NULL || name[0] == '\0') {
    if (err_len > 0) snprintf(err, err_len, "baseline name is empty");
    return YS_EINVAL;
  }
  char shown[YS__NAME_MAX + 8];
  names_printable(name, shown, sizeof(shown));
  size_t len = strlen(name);
  if (len > YS__NAME_MAX) {
    if (err_len > 0)
      snprintf(err, err_len, "baseline name '%s...' is longer than %d bytes",
               shown, YS__NAME_MAX);
    return YS_EINVAL;
  }
  if (name[0] == '.') {
    if (err_len > 0)
      snprintf(err, err_len, "baseline name '%s' must not start with '.'",
               shown);
    return YS_EINVAL;
  }
  size_t suffix = names_yaml_suffix(name);
  if (suffix > 0) {
    /* "x.yaml" would be saved as DIR/x.yaml.yaml, and was long taken for
     * the file ./x.yaml: refused, so that neither reading is a surprise. */
    if (err_len > 0)
      snprintf(err, err_len,
               "baseline name '%s' ends in '%s', which its file gets anyway: "
               "give the name without it ('%.*s')",
               shown, name + len - suffix, (int)(len - suffix), shown);
    return YS_EINVAL;
  }
  for (size_t i = 0; i < len; i++) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) {
      if (err_len > 0)
        snprintf(err, err_len,
                 "baseline name '%s' may only contain letters, digits, '.', "
                 "'_' and '-'",
                 shown);
      return YS_EINVAL;
    }
  }
  return 0;
}

const char *ys_store_dir(const char *flag_dir) {
  if (flag_dir != NULL) return flag_dir;
  const char *env = getenv("YARDSTICK_BASELINE_DIR");
  if (env != NULL && env[0] != '\0') return env;
  return YS_BASELINE_DEFAULT_DIR;
}

int ys_store_resolve(const char *name_or_path, const char *dir, char *out,
                     size_t out_len, char *err, size_t err_len) {
  if (out == NULL || out_len == 0) {
    if (err_len > 0) snprintf(err, err_len, "no room for the baseline path");
    return YS_EINVAL;
  }
  out[0] = '\0';
  if (name_or_path == NULL) name_or_path = "";
  int len;
  if (strchr(name_or_path, '/') != NULL) {
    len = snprintf(out, out_len, "%s", name_or_path);
  } else {
    int rc = ys_store_check_name(name_or_path, err, err_len);
    if (rc != 0 && names_yaml_suffix(name_or_path) > 0) {
      /* The one case where a path was likely meant: say how to give one. */
      size_t used = strlen(err);
      if (used + 1 < err_len)
        snprintf(err + used, err_len - used,
                 ", or a path with a '/' for a file ('./%.64s')", name_or_path);
    }
    if (rc != 0) return rc;
    if (dir == NULL) dir = ys_store_dir(NULL);
    /* "dir/" and "dir" name the same directory; keep the path tidy. */
    size_t dir_len = strlen(dir);
    while (dir_len > 1 && dir[dir_len - 1] == '/')
      dir_len--;
    if (dir_len == 0)
      len = snprintf(out, out_len, "%s.yaml", name_or_path);
    else if (dir_len == 1 && dir[0] == '/')
      len = snprintf(out, out_len, "/%s.yaml", name_or_path);
    else
      len = snprintf(out, out_len, "%.*s/%s.yaml", (int)dir_len, dir,
                     name_or_path);
  }
  if (len < 0 || (size_t)len >= out_len) {
    out[0] = '\0';
    if (err_len > 0)
      snprintf(err, err_len, "baseline path is longer than %zu bytes",
               out_len - 1);
    return YS_EINVAL;
  }
  return 0;
}
