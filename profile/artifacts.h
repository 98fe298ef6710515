/*
 * artifacts.h — writes a profile's files into a folder: per benchmark
 * FILE.folded, FILE.svg, FILE.hotspots.json and, against a saved profile,
 * FILE.diff.svg; and profile.md for the run. Each file is written whole to
 * a temporary name beside it and renamed over the old one, so a reader
 * never sees half a file.
 */
#ifndef YS_PROFILE_ARTIFACTS_H
#define YS_PROFILE_ARTIFACTS_H

#include <stddef.h>

#include "folded.h"
#include "hotspots.h"
#include "hotspots_json.h"
#include "summary_md.h"

/* One benchmark's profile, ready to be written. */
typedef struct ys_profile_artifact {
  const char *file; /* file name without suffix (file_names.h) */
  const ys_folded *folded;
  const ys_hotspots *hot;
  const ys_profile_facts *facts;
  const ys_folded *before; /* the saved profile's stacks, or NULL */
  const char *baseline;    /* its name, for the diff graph's title */
} ys_profile_artifact;

/* Writes the files of `a` into `dir` (which exists). Returns 0, or an
 * error code with the file at fault in err. */
int ys_profile_artifacts_write(const char *dir, const ys_profile_artifact *a,
                               char *err, size_t err_len);

/* Writes DIR/profile.md. Returns 0, or an error code with the reason in
 * err. */
int ys_profile_summary_write(const char *dir,
                             const ys_profile_md_entry *entries, size_t n,
                             const ys_profile_md_run *run, char *err,
                             size_t err_len);

#endif
