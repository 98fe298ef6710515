/* html_links.c — links from an HTML report to files beside it; see
 * html_links.h. */
#include "html_links.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/error.h"
#include "../core/file_names.h"
#include "../core/fs.h"

/* Writes into out the path of `to` relative to the folder `from`, both
 * absolute and resolved: one "../" per component of `from` below their
 * common ancestor, then the rest of `to`. Returns 0 or YS_EINVAL when it
 * does not fit. */
static int relative_path(const char *from, const char *to, char *out,
                         size_t len) {
  size_t common = 0; /* length of the common ancestor's path */
  for (size_t i = 0;; i++) {
    bool from_end = from[i] == '\0' || from[i] == '/';
    bool to_end = to[i] == '\0' || to[i] == '/';
    if (from_end && to_end) common = i;
    if (from[i] != to[i] || from[i] == '\0' || to[i] == '\0') break;
  }
  size_t used = 0;
  out[0] = '\0';
  for (const char *c = from + common; *c != '\0'; c++)
    if (*c == '/' && c[1] != '\0') { /* a component ("/" has none) */
      int n = snprintf(out + used, len - used, "../");
      if (n < 0 || (size_t)n >= len - used) return YS_EINVAL;
      used += (size_t)n;
    }
  const char *rest = to + common + (to[common] == '/' ? 1 : 0);
  int n = snprintf(out + used, len - used, "%s", rest);
  return n < 0 || (size_t)n >= len - used ? YS_EINVAL : 0;
}

/* Copies `path` into out with each '%' written "%25". */
static int url_escape(const char *path, char *out, size_t len) {
  size_t w = 0;
  for (const char *c = path; *c != '\0'; c++) {
    const char *piece = *c == '%' ? "%25" : NULL;
    size_t need = piece != NULL ? 3 : 1;
    if (w + need >= len) return YS_EINVAL;
    if (piece != NULL)
      memcpy(out + w, piece, 3);
    else
      out[w] = *c;
    w += need;
  }
  out[w] = '\0';
  return 0;
}

int ys_html_profile_link(const char *report_path, const char *profile_dir,
                         const char *bench, char *href, size_t len) {
  if (len > 0) href[0] = '\0';
  char file[PATH_MAX];
  if (ys_profile_file_name(bench, file, sizeof(file)) != 0) return YS_EINVAL;
  char svg[PATH_MAX];
  int n = snprintf(svg, sizeof(svg), "%s/%s.svg", profile_dir, file);
  if (n < 0 || (size_t)n >= sizeof(svg)) return YS_EINVAL;
  struct stat st;
  if (stat(svg, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  /* Both ends resolved, so that "..", symbolic links and a report given
   * as an absolute path all give the same link. */
  char *target = realpath(svg, NULL);
  char *parent = ys_fs_parent(report_path != NULL ? report_path : "./x");
  char *from = parent != NULL ? realpath(parent, NULL) : NULL;
  int rc = 0;
  char rel[PATH_MAX];
  if (target == NULL || parent == NULL || from == NULL)
    rc = YS_ENOMEM;
  else if (relative_path(from, target, rel, sizeof(rel)) != 0 ||
           url_escape(rel, href, len) != 0)
    rc = YS_EINVAL;
  free(target);
  free(parent);
  free(from);
  if (rc != 0 && len > 0) href[0] = '\0';
  return rc == 0 ? 1 : rc;
}
