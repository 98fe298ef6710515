/*
 * html_links.h — the links an HTML report makes to files beside it: a
 * benchmark's flame graph, when `bench profile` left one.
 */
#ifndef YS_HTML_LINKS_H
#define YS_HTML_LINKS_H

#include <stddef.h>

/* Where `bench profile` writes its files unless told otherwise
 * (docs/profiling.md), relative to the working directory. */
#define YS_HTML_PROFILE_DIR ".yardstick/profiles"

/* Writes into href (len bytes) the link from a report written at
 * `report_path` (borrowed; NULL for standard output, read as a report in
 * the working directory) to the flame graph of benchmark `bench`,
 * `profile_dir`/FILE.svg with FILE the benchmark's file name
 * (core/file_names.h). The link is relative to the report's folder, and
 * every '%' of the file name is written "%25", as a URL needs. Returns 1
 * when the flame graph exists and href holds its link, 0 when there is
 * none (href is then ""), YS_ENOMEM or YS_EINVAL (a name too long). */
int ys_html_profile_link(const char *report_path, const char *profile_dir,
                         const char *bench, char *href, size_t len);

#endif
