/*
 * dhat_sites.c — DHAT's output file read with jansson, and the sites of
 * the timed windows (dhat_sites.h).
 *
 * The file is valgrind's "dhat-heap" format 2: "pps" lists the program
 * points (one per allocation stack) with their totals ("tbk" blocks, "tb"
 * bytes, "mb" max bytes live), "fs" indexing "ftbl", whose entries read
 * "0xADDR: fn (file:line)" or "0xADDR: fn (in object)", innermost first.
 * The address is dropped: two runs of one program map their code at the
 * same place under valgrind, but the site is named by what it is, not
 * where, and a rebuilt program must name it alike.
 */
#include "dhat_sites.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

/* Functions a stack passes through on its way into the allocator: DHAT's
 * replacements and the entry points they may be reached by (the alloc
 * collector's own definitions of malloc & co., C++'s operator new). */
static const char *const allocator_names[] = {
    "malloc",
    "calloc",
    "realloc",
    "reallocarray",
    "memalign",
    "aligned_alloc",
    "valloc",
    "pvalloc",
    "posix_memalign",
    "strdup",
    "strndup",
    "_Znwm",
    "_Znam",
    "_ZnwmRKSt9nothrow_t",
    "_ZnamRKSt9nothrow_t",
    "_ZnwmSt11align_val_t",
    "_ZnamSt11align_val_t",
};

/* Whether `frame` ("fn (where)") is the allocator rather than its caller. */
static bool is_allocator(const char *frame) {
  if (strstr(frame, "vgpreload_") != NULL ||
      strstr(frame, "vg_replace_malloc.c") != NULL)
    return true;
  size_t len = strcspn(frame, " ");
  for (size_t i = 0; i < sizeof(allocator_names) / sizeof(allocator_names[0]);
       i++)
    if (strlen(allocator_names[i]) == len &&
        strncmp(frame, allocator_names[i], len) == 0)
      return true;
  return false;
}

/* "0x10919D: win (in /bench)" -> "win (in /bench)"; "[root]" stays. */
static const char *without_address(const char *entry) {
  if (strncmp(entry, "0x", 2) != 0) return entry;
  const char *colon = strstr(entry, ": ");
  return colon != NULL ? colon + 2 : entry;
}

static void site_free(ys_dhat_site *s) {
  for (size_t i = 0; i < s->n_frames; i++)
    free(s->frames[i]);
  free(s->frames);
  free(s->key);
}

void ys_dhat_sites_free(ys_dhat_sites *s) {
  for (size_t i = 0; i < s->n; i++)
    site_free(&s->v[i]);
  free(s->v);
  s->v = NULL;
  s->n = 0;
}

/* Sets site->function to its first frame past the allocator. */
static void name_function(ys_dhat_site *site) {
  site->function = "[unknown]";
  for (size_t i = 0; i < site->n_frames; i++)
    if (!is_allocator(site->frames[i])) {
      site->function = site->frames[i];
      return;
    }
}

/* Copies the frames of `src` into `dst` (counts left to the caller). */
static int site_copy(ys_dhat_site *dst, const ys_dhat_site *src) {
  memset(dst, 0, sizeof(*dst));
  dst->frames = calloc(src->n_frames + 1, sizeof(char *));
  dst->key = strdup(src->key);
  if (dst->frames == NULL || dst->key == NULL) {
    site_free(dst);
    return YS_ENOMEM;
  }
  for (size_t i = 0; i < src->n_frames; i++) {
    dst->frames[i] = strdup(src->frames[i]);
    if (dst->frames[i] == NULL) {
      site_free(dst);
      return YS_ENOMEM;
    }
    dst->n_frames++;
  }
  name_function(dst);
  return 0;
}

static int by_key(const void *a, const void *b) {
  return strcmp(((const ys_dhat_site *)a)->key, ((const ys_dhat_site *)b)->key);
}

/* A field of a program point, as an unsigned count; false when it is not
 * a non-negative integer. */
static bool count_of(json_t *pp, const char *name, uint64_t *out) {
  json_t *v = json_object_get(pp, name);
  if (!json_is_integer(v) || json_integer_value(v) < 0) return false;
  *out = (uint64_t)json_integer_value(v);
  return true;
}

/* Builds one site from the program point `pp`. */
static int read_site(json_t *pp, json_t *ftbl, ys_dhat_site *site,
                     const char **why) {
  memset(site, 0, sizeof(*site));
  json_t *fs = json_object_get(pp, "fs");
  if (!json_is_object(pp) || !json_is_array(fs) ||
      !count_of(pp, "tbk", &site->blocks) ||
      !count_of(pp, "tb", &site->bytes) ||
      !count_of(pp, "mb", &site->max_live_bytes)) {
    *why = "a program point lacks tb, tbk, mb or fs";
    return YS_EINVAL;
  }
  size_t n = json_array_size(fs), key_len = 1;
  site->frames = calloc(n + 1, sizeof(char *));
  if (site->frames == NULL) return YS_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    json_t *ix = json_array_get(fs, i);
    json_t *entry = json_is_integer(ix) && json_integer_value(ix) >= 0
                        ? json_array_get(ftbl, (size_t)json_integer_value(ix))
                        : NULL;
    if (!json_is_string(entry)) {
      *why = "a frame index is not in ftbl";
      site_free(site);
      return YS_EINVAL;
    }
    site->frames[i] = strdup(without_address(json_string_value(entry)));
    if (site->frames[i] == NULL) {
      site_free(site);
      return YS_ENOMEM;
    }
    site->n_frames++;
    key_len += strlen(site->frames[i]) + 1;
  }
  site->key = malloc(key_len);
  if (site->key == NULL) {
    site_free(site);
    return YS_ENOMEM;
  }
  site->key[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    if (i > 0) strcat(site->key, ";");
    strcat(site->key, site->frames[i]);
  }
  name_function(site);
  return 0;
}

/* Merges neighbours with one key (sorted sites): their addresses differed. */
static void merge_equal_keys(ys_dhat_sites *s) {
  size_t kept = 0;
  for (size_t i = 0; i < s->n; i++) {
    if (kept > 0 && strcmp(s->v[kept - 1].key, s->v[i].key) == 0) {
      ys_dhat_site *into = &s->v[kept - 1];
      into->blocks += s->v[i].blocks;
      into->bytes += s->v[i].bytes;
      if (s->v[i].max_live_bytes > into->max_live_bytes)
        into->max_live_bytes = s->v[i].max_live_bytes;
      site_free(&s->v[i]);
      continue;
    }
    s->v[kept++] = s->v[i];
  }
  s->n = kept;
}

/* Reads the parsed document `root` (its reference taken) of the file
 * `path` into `out`, as ys_dhat_sites_read does. */
static int sites_of(json_t *root, const char *path, ys_dhat_sites *out,
                    char *err, size_t err_len) {
  const char *why = NULL;
  json_t *version = json_object_get(root, "dhatFileVersion");
  json_t *mode = json_object_get(root, "mode");
  json_t *pps = json_object_get(root, "pps");
  json_t *ftbl = json_object_get(root, "ftbl");
  if (!json_is_integer(version) || json_integer_value(version) != 2)
    why = "not DHAT's format 2 (dhatFileVersion)";
  else if (!json_is_string(mode) ||
           strcmp(json_string_value(mode), "heap") != 0)
    why = "not a heap profile (mode)";
  else if (!json_is_array(pps) || !json_is_array(ftbl))
    why = "pps or ftbl is not an array";
  int rc = why != NULL ? YS_EINVAL : 0;
  size_t n = rc == 0 ? json_array_size(pps) : 0;
  if (rc == 0 && (out->v = calloc(n + 1, sizeof(*out->v))) == NULL)
    rc = YS_ENOMEM;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    rc = read_site(json_array_get(pps, i), ftbl, &out->v[i], &why);
    if (rc == 0) out->n++;
  }
  json_decref(root);
  if (rc != 0) {
    if (rc == YS_EINVAL) snprintf(err, err_len, "%s: %s", path, why);
    ys_dhat_sites_free(out);
    return rc;
  }
  qsort(out->v, out->n, sizeof(*out->v), by_key);
  merge_equal_keys(out);
  return 0;
}

int ys_dhat_sites_read(const char *path, ys_dhat_sites *out, char *err,
                       size_t err_len) {
  memset(out, 0, sizeof(*out));
  json_error_t jerr;
  json_t *root = json_load_file(path, 0, &jerr);
  if (root == NULL) {
    bool unreadable = json_error_code(&jerr) == json_error_cannot_open_file;
    snprintf(err, err_len, "%s: %s%s (line %d)", path,
             unreadable ? "cannot read: " : "not JSON: ", jerr.text, jerr.line);
    return unreadable ? YS_EIO : YS_EINVAL;
  }
  return sites_of(root, path, out, err, err_len);
}

int ys_dhat_sites_parse(const char *text, size_t len, const char *name,
                        ys_dhat_sites *out, char *err, size_t err_len) {
  memset(out, 0, sizeof(*out));
  json_error_t jerr;
  json_t *root = json_loadb(text, len, 0, &jerr);
  if (root == NULL) {
    snprintf(err, err_len, "%s: not JSON: %s (line %d)", name, jerr.text,
             jerr.line);
    return YS_EINVAL;
  }
  return sites_of(root, name, out, err, err_len);
}

int ys_dhat_sites_diff(const ys_dhat_sites *more, const ys_dhat_sites *fewer,
                       ys_dhat_sites *out) {
  memset(out, 0, sizeof(*out));
  out->v = calloc(more->n + 1, sizeof(*out->v));
  if (out->v == NULL) return YS_ENOMEM;
  size_t j = 0;
  for (size_t i = 0; i < more->n; i++) {
    const ys_dhat_site *m = &more->v[i];
    while (j < fewer->n && strcmp(fewer->v[j].key, m->key) < 0)
      j++;
    const ys_dhat_site *f = j < fewer->n && strcmp(fewer->v[j].key, m->key) == 0
                                ? &fewer->v[j]
                                : NULL;
    uint64_t blocks0 = f != NULL ? f->blocks : 0;
    uint64_t bytes0 = f != NULL ? f->bytes : 0;
    if (m->blocks <= blocks0 && m->bytes <= bytes0) continue;
    ys_dhat_site *d = &out->v[out->n];
    if (site_copy(d, m) != 0) {
      ys_dhat_sites_free(out);
      return YS_ENOMEM;
    }
    out->n++;
    d->blocks = m->blocks > blocks0 ? m->blocks - blocks0 : 0;
    d->bytes = m->bytes > bytes0 ? m->bytes - bytes0 : 0;
    d->max_live_bytes = m->max_live_bytes;
  }
  return 0;
}

static int by_bytes(const void *a, const void *b) {
  const ys_dhat_site *x = *(const ys_dhat_site *const *)a;
  const ys_dhat_site *y = *(const ys_dhat_site *const *)b;
  if (x->bytes != y->bytes) return x->bytes > y->bytes ? -1 : 1;
  if (x->blocks != y->blocks) return x->blocks > y->blocks ? -1 : 1;
  return strcmp(x->key, y->key);
}

static int by_blocks(const void *a, const void *b) {
  const ys_dhat_site *x = *(const ys_dhat_site *const *)a;
  const ys_dhat_site *y = *(const ys_dhat_site *const *)b;
  if (x->blocks != y->blocks) return x->blocks > y->blocks ? -1 : 1;
  if (x->bytes != y->bytes) return x->bytes > y->bytes ? -1 : 1;
  return strcmp(x->key, y->key);
}

int ys_dhat_sites_sorted(const ys_dhat_sites *s, int by_blocks_first,
                         const ys_dhat_site ***out) {
  *out = calloc(s->n + 1, sizeof(**out));
  if (*out == NULL) return YS_ENOMEM;
  for (size_t i = 0; i < s->n; i++)
    (*out)[i] = &s->v[i];
  qsort(*out, s->n, sizeof(**out), by_blocks_first ? by_blocks : by_bytes);
  return 0;
}
