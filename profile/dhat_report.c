/*
 * dhat_report.c — FILE.dhat.json and profile.md of a DHAT profile
 * (dhat_report.h).
 */
#include "dhat_report.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/atomic_file.h"
#include "../core/error.h"
#include "../core/json_writer.h"

/* Frames of a stack shown in profile.md past the allocator: enough to
 * see the caller's caller; the JSON has them all. */
#define MD_FRAMES 3

static double per_iteration(uint64_t v, uint64_t iterations) {
  return iterations > 0 ? (double)v / (double)iterations : 0.0;
}

static void totals(const ys_dhat_sites *s, uint64_t *blocks, uint64_t *bytes) {
  *blocks = *bytes = 0;
  for (size_t i = 0; i < s->n; i++) {
    *blocks += s->v[i].blocks;
    *bytes += s->v[i].bytes;
  }
}

static void json_site(ys_json *w, const ys_dhat_site *s, uint64_t iterations) {
  ys_json_begin_object(w);
  ys_json_kv_string(w, "function", s->function);
  ys_json_kv_uint(w, "blocks", s->blocks);
  ys_json_kv_uint(w, "bytes", s->bytes);
  ys_json_kv_double(w, "blocks_per_iteration",
                    per_iteration(s->blocks, iterations));
  ys_json_kv_double(w, "bytes_per_iteration",
                    per_iteration(s->bytes, iterations));
  ys_json_kv_uint(w, "max_live_bytes", s->max_live_bytes);
  ys_json_key(w, "stack");
  ys_json_begin_array_inline(w);
  for (size_t i = 0; i < s->n_frames; i++)
    ys_json_string(w, s->frames[i]);
  ys_json_end_array(w);
  ys_json_end_object(w);
}

static void json_top(ys_json *w, const char *key, const ys_dhat_entry *e,
                     const ys_dhat_site *const *sorted) {
  ys_json_key(w, key);
  ys_json_begin_array(w);
  for (size_t i = 0; i < e->sites->n && i < YS_DHAT_TOP_SITES; i++)
    json_site(w, sorted[i], e->window_iterations);
  ys_json_end_array(w);
}

int ys_dhat_json_write(const ys_dhat_entry *e, FILE *out) {
  const ys_dhat_site **by_bytes = NULL, **by_blocks = NULL;
  if (ys_dhat_sites_sorted(e->sites, 0, &by_bytes) != 0 ||
      ys_dhat_sites_sorted(e->sites, 1, &by_blocks) != 0) {
    free(by_bytes);
    return YS_ENOMEM;
  }
  uint64_t blocks, bytes;
  totals(e->sites, &blocks, &bytes);
  ys_json w;
  ys_json_init(&w, out);
  ys_json_begin_object(&w);
  ys_json_kv_string(&w, "schema", YS_DHAT_SCHEMA);
  ys_json_kv_string(&w, "benchmark", e->benchmark);
  ys_json_kv_string(&w, "unit", "allocations");
  ys_json_key(&w, "batch_iterations");
  ys_json_begin_array_inline(&w);
  ys_json_uint(&w, e->batch_iterations);
  ys_json_uint(&w, 2 * e->batch_iterations);
  ys_json_end_array(&w);
  ys_json_kv_uint(&w, "window_iterations", e->window_iterations);
  ys_json_kv_uint(&w, "sites", e->sites->n);
  ys_json_kv_uint(&w, "blocks", blocks);
  ys_json_kv_uint(&w, "bytes", bytes);
  ys_json_kv_double(&w, "blocks_per_iteration",
                    per_iteration(blocks, e->window_iterations));
  ys_json_kv_double(&w, "bytes_per_iteration",
                    per_iteration(bytes, e->window_iterations));
  json_top(&w, "by_bytes", e, by_bytes);
  json_top(&w, "by_blocks", e, by_blocks);
  ys_json_end_object(&w);
  free(by_bytes);
  free(by_blocks);
  if (fputc('\n', out) == EOF) return YS_EIO;
  return ys_json_error(&w);
}

/* A table cell: '|' would end the cell, a newline the row. */
static void md_cell(FILE *out, const char *s) {
  for (; *s != '\0'; s++) {
    if (*s == '|')
      fputs("\\|", out);
    else if (*s == '\n')
      fputc(' ', out);
    else
      fputc(*s, out);
  }
}

/* "f (a.c:3) ← g (b.c:9) ← …": the function and its callers. */
static void md_stack(FILE *out, const ys_dhat_site *s) {
  size_t first = 0;
  while (first < s->n_frames && s->frames[first] != s->function)
    first++;
  size_t shown = 0;
  for (size_t i = first; i < s->n_frames && shown < MD_FRAMES; i++, shown++) {
    if (shown > 0) fputs(" ← ", out);
    fputc('`', out);
    md_cell(out, s->frames[i]);
    fputc('`', out);
  }
  if (first + shown < s->n_frames) fputs(" ← …", out);
  if (shown == 0) fputs("`[unknown]`", out);
}

static void md_table(FILE *out, const char *title, const ys_dhat_entry *e,
                     const ys_dhat_site *const *sorted) {
  fprintf(out, "\n%s\n\n", title);
  fputs("| blocks/iter | bytes/iter | max live bytes | where (innermost first) "
        "|\n|---:|---:|---:|---|\n",
        out);
  for (size_t i = 0; i < e->sites->n && i < YS_DHAT_TOP_SITES; i++) {
    const ys_dhat_site *s = sorted[i];
    fprintf(out, "| %.6g | %.6g | %llu | ",
            per_iteration(s->blocks, e->window_iterations),
            per_iteration(s->bytes, e->window_iterations),
            (unsigned long long)s->max_live_bytes);
    md_stack(out, s);
    fputs(" |\n", out);
  }
}

static int md_entry(FILE *out, const ys_dhat_entry *e) {
  fputs("\n## ", out);
  md_cell(out, e->benchmark);
  fputs("\n\n", out);
  if (e->failed != NULL) {
    fputs("No profile: ", out);
    md_cell(out, e->failed);
    fputs("\n", out);
    return 0;
  }
  uint64_t blocks, bytes;
  totals(e->sites, &blocks, &bytes);
  fprintf(out,
          "%.6g blocks and %.6g bytes allocated per iteration of the timed "
          "loop, from %zu site%s (%llu iterations: batches of %llu and %llu). "
          "File: `%s.dhat.json`.\n",
          per_iteration(blocks, e->window_iterations),
          per_iteration(bytes, e->window_iterations), e->sites->n,
          e->sites->n == 1 ? "" : "s", (unsigned long long)e->window_iterations,
          (unsigned long long)e->batch_iterations,
          (unsigned long long)(2 * e->batch_iterations), e->file);
  if (e->sites->n == 0) return 0;
  const ys_dhat_site **by_bytes = NULL, **by_blocks = NULL;
  if (ys_dhat_sites_sorted(e->sites, 0, &by_bytes) != 0 ||
      ys_dhat_sites_sorted(e->sites, 1, &by_blocks) != 0) {
    free(by_bytes);
    return YS_ENOMEM;
  }
  md_table(out, "Top sites by bytes:", e, by_bytes);
  md_table(out, "Top sites by count:", e, by_blocks);
  free(by_bytes);
  free(by_blocks);
  return 0;
}

int ys_dhat_md_write(const ys_dhat_entry *entries, size_t n, FILE *out) {
  fputs("# Allocation sites (DHAT)\n\n"
        "The timed windows only: each benchmark ran under `valgrind "
        "--tool=dhat` twice, with batches of N and of 2N iterations; every "
        "figure is the difference between the two runs, so setup, teardown "
        "and the harness cancel out. Per iteration of the timed loop; max "
        "live bytes are the site's peak in the longer run.\n",
        out);
  for (size_t i = 0; i < n; i++) {
    int rc = md_entry(out, &entries[i]);
    if (rc != 0) return rc;
  }
  return ferror(out) ? YS_EIO : 0;
}

typedef struct fill_job {
  const ys_dhat_entry *entries;
  size_t n;
  int json; /* FILE.dhat.json of entries[0], else profile.md */
} fill_job;

/* Writes the job's file into `out`; an ys_stream_write_fn. */
static int write_job(FILE *out, void *data) {
  const fill_job *job = data;
  return job->json ? ys_dhat_json_write(job->entries, out)
                   : ys_dhat_md_write(job->entries, job->n, out);
}

int ys_dhat_json_save(const char *dir, const ys_dhat_entry *e, char *err,
                      size_t err_len) {
  char path[PATH_MAX];
  if (snprintf(path, sizeof(path), "%s/%s.dhat.json", dir, e->file) >=
      (int)sizeof(path)) {
    snprintf(err, err_len, "%s/%s.dhat.json: path too long", dir, e->file);
    return YS_EIO;
  }
  fill_job job = {.entries = e, .n = 1, .json = 1};
  return ys_atomic_replace_stream(path, "DHAT profile", 0, write_job, &job, err,
                                  err_len);
}

int ys_dhat_md_save(const char *dir, const ys_dhat_entry *entries, size_t n,
                    char *err, size_t err_len) {
  char path[PATH_MAX];
  if (snprintf(path, sizeof(path), "%s/profile.md", dir) >= (int)sizeof(path)) {
    snprintf(err, err_len, "%s/profile.md: path too long", dir);
    return YS_EIO;
  }
  fill_job job = {.entries = entries, .n = n, .json = 0};
  return ys_atomic_replace_stream(path, "profile summary", 0, write_job, &job,
                                  err, err_len);
}
