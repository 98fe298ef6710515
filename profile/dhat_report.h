/*
 * dhat_report.h — the files of a DHAT profile: FILE.dhat.json per
 * benchmark and profile.md for the run (docs/profiling.md, "Allocation
 * sites under DHAT"). They render what they are given and compute nothing
 * but the per-iteration shares.
 */
#ifndef YS_PROFILE_DHAT_REPORT_H
#define YS_PROFILE_DHAT_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dhat_sites.h"

/* The schema name of FILE.dhat.json. */
#define YS_DHAT_SCHEMA "yardstick-dhat/1"
/* Sites listed per order, in the JSON and in profile.md. */
#define YS_DHAT_TOP_SITES 10

/* One benchmark's allocation sites in its timed windows. */
typedef struct ys_dhat_entry {
  const char *benchmark;      /* borrowed */
  const char *file;           /* its file name (core/file_names.h) */
  const ys_dhat_sites *sites; /* the windows' sites; NULL when it failed */
  uint64_t batch_iterations;  /* N: the runs had batches of N and 2N */
  uint64_t window_iterations; /* the iterations the differences cover */
  const char *failed;         /* why there is no profile, or NULL */
} ys_dhat_entry;

/* Writes FILE.dhat.json's document for `e` (sites not NULL) to `out`.
 * Returns 0, YS_EIO on a failed write, or YS_ENOMEM. */
int ys_dhat_json_write(const ys_dhat_entry *e, FILE *out);

/* Writes profile.md's document for the n entries to `out`. Returns 0,
 * YS_EIO on a failed write, or YS_ENOMEM. */
int ys_dhat_md_write(const ys_dhat_entry *entries, size_t n, FILE *out);

/* Writes DIR/FILE.dhat.json for `e` atomically. Returns 0, or YS_EIO /
 * YS_ENOMEM with the reason in err. */
int ys_dhat_json_save(const char *dir, const ys_dhat_entry *e, char *err,
                      size_t err_len);

/* Writes DIR/profile.md for the n entries atomically. Returns 0, or
 * YS_EIO / YS_ENOMEM with the reason in err. */
int ys_dhat_md_save(const char *dir, const ys_dhat_entry *entries, size_t n,
                    char *err, size_t err_len);

#endif
