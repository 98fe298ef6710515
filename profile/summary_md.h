/*
 * summary_md.h — profile.md: the whole profiling run in one Markdown page
 * a CI summary can show: per benchmark its samples, its top functions, the
 * callers and callees of the hottest (the butterfly view), and, against a
 * saved profile, what changed.
 */
#ifndef YS_PROFILE_SUMMARY_MD_H
#define YS_PROFILE_SUMMARY_MD_H

#include <stdbool.h>
#include <stdio.h>

#include "hotspots.h"
#include "hotspots_json.h"

/* Rows of the top-functions table, and functions given a butterfly. */
#define YS_PROFILE_MD_TOP       10
#define YS_PROFILE_MD_BUTTERFLY 3

/* One benchmark as profile.md shows it. */
typedef struct ys_profile_md_entry {
  const char *file; /* its artifacts' file name (file_names.h) */
  const ys_hotspots *hot;
  ys_profile_facts facts;
  const ys_hotspots *before; /* the saved profile's, or NULL */
  const char *failed;        /* why it has no profile, or NULL */
} ys_profile_md_entry;

typedef struct ys_profile_md_run {
  double seconds;         /* --profile-time */
  const char *call_graph; /* how stacks were unwound */
  const char *baseline;   /* the saved profile compared with, or NULL */
  const char *unit;       /* YS_PROFILE_UNIT_*; NULL reads as samples */
} ys_profile_md_run;

/* Writes the page. Returns 0, or YS_EIO when a write failed. */
int ys_profile_md_write(const ys_profile_md_entry *entries, size_t n,
                        const ys_profile_md_run *run, FILE *out);

#endif
