/* report.c — the table of output formats, and lookups in it. */
#include "report.h"

#include <string.h>
#include <strings.h>

#include "../core/error.h"

/* Each format lives in its own file; this table is the only place that lists
 * them all. */
extern const ys_report_ops ys_report_console;
extern const ys_report_ops ys_report_json;
extern const ys_report_ops ys_report_gbench;
extern const ys_report_ops ys_report_csv;
extern const ys_report_ops ys_report_markdown;
extern const ys_report_ops ys_report_html;

static const ys_report_ops *const ys_report_formats[] = {
    &ys_report_console, &ys_report_json,     &ys_report_gbench,
    &ys_report_csv,     &ys_report_markdown, &ys_report_html,
};

#define YS_REPORT_N_FORMATS                                                    \
  (sizeof(ys_report_formats) / sizeof(ys_report_formats[0]))

const ys_report_ops *ys_report_format(size_t i) {
  return i < YS_REPORT_N_FORMATS ? ys_report_formats[i] : NULL;
}

const ys_report_ops *ys_report_find(const char *name) {
  if (name == NULL) return NULL;
  for (size_t i = 0; i < YS_REPORT_N_FORMATS; i++)
    if (strcmp(ys_report_formats[i]->name, name) == 0)
      return ys_report_formats[i];
  return NULL;
}

/* Length of `ext` when it ends `path` (of length `len`), else 0. */
static size_t ending_length(const char *path, size_t len, const char *ext) {
  size_t n = strlen(ext);
  return len >= n && strcasecmp(path + len - n, ext) == 0 ? n : 0;
}

const ys_report_ops *ys_report_for_path(const char *path) {
  if (path == NULL) return NULL;
  size_t len = strlen(path), best = 0;
  const ys_report_ops *found = NULL;
  /* Endings of different formats may nest (".json" ends ".gbench.json"):
   * the longest match is the one the user meant. */
  for (size_t i = 0; i < YS_REPORT_N_FORMATS; i++) {
    const char *const *ext = ys_report_formats[i]->extensions;
    for (; ext != NULL && *ext != NULL; ext++) {
      size_t n = ending_length(path, len, *ext);
      if (n > best) {
        best = n;
        found = ys_report_formats[i];
      }
    }
  }
  return found;
}

const char *ys_report_names(void) {
  /* Rebuilt on every call (it is short) so that it can never disagree with
   * the table; the buffer holds far more than the five names. */
  static char names[256];
  size_t used = 0;
  names[0] = '\0';
  for (size_t i = 0; i < YS_REPORT_N_FORMATS && used < sizeof(names); i++) {
    int n = snprintf(names + used, sizeof(names) - used, "%s%s",
                     i > 0 ? ", " : "", ys_report_formats[i]->name);
    if (n < 0) break;
    used += (size_t)n;
  }
  return names;
}

int ys_report_finish(FILE *out, int rc) {
  bool failed = fflush(out) != 0 || ferror(out);
  if (rc != 0) return rc;
  return failed ? YS_EIO : 0;
}
