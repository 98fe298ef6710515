/*
 * store.c — baselines on disk: the YAML schema of docs/baselines.md written
 * with libyaml's emitter and read back with libyaml's event parser.
 *
 * Saving checks the run first (a file is only written when it will load
 * again), then writes a temporary file beside the target under an exclusive
 * lock on "PATH.lock", syncs it and renames it over the target.
 *
 * Loading treats the file as hostile. It is read whole (after a size check)
 * and parsed twice as a stream of events, never as a tree: a first pass only
 * finds the schema version, so that a newer file is refused with that reason
 * rather than with whatever its new layout trips over; the second pass fills
 * the baseline. Alias events are refused outright (nothing is ever expanded),
 * nesting depth, list items, benchmarks and series are capped, and every
 * number is checked against the whole scalar text.
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#include "../core/error.h"
#include "../core/json_writer.h"

/* Longest baseline name ys_store_check_name accepts. */
#define YS__STORE_NAME_MAX 100

/* The schema nests seven levels deep; the slack leaves room for keys a later
 * minor version may add, which are skipped. */
#define YS__STORE_MAX_DEPTH 32

/* Bounds on what one file may make the loader allocate. A sample is the
 * largest item (16 bytes), so ten million of them stay near 160 MiB. */
#define YS__STORE_MAX_ITEMS   10000000u
#define YS__STORE_MAX_BENCHES 100000u
#define YS__STORE_MAX_SERIES  200000u

/* Longest scalar read as a number: a double needs at most 24 characters, an
 * integer 20; longer text is not a number this writer produced. */
#define YS__STORE_NUMBER_MAX 64

/* ------------------------------------------------------------------------ */
/* Names and paths                                                           */

/* Copies `s` into `out` (out_len bytes) for a message, with bytes that are
 * not printable ASCII shown as '?' so an error never carries control
 * characters to a terminal. */
static void ys__store_printable(const char *s, char *out, size_t out_len) {
  size_t i = 0;
  for (; s[i] != '\0' && i + 1 < out_len; i++)
    out[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
  out[i] = '\0';
}

int ys_store_check_name(const char *name, char *err, size_t err_len) {
  if (name == NULL || name[0] == '\0') {
    if (err_len > 0) snprintf(err, err_len, "baseline name is empty");
    return YS_EINVAL;
  }
  char shown[YS__STORE_NAME_MAX + 8];
  ys__store_printable(name, shown, sizeof(shown));
  size_t len = strlen(name);
  if (len > YS__STORE_NAME_MAX) {
    if (err_len > 0)
      snprintf(err, err_len, "baseline name '%s...' is longer than %d bytes",
               shown, YS__STORE_NAME_MAX);
    return YS_EINVAL;
  }
  if (name[0] == '.') {
    if (err_len > 0)
      snprintf(err, err_len, "baseline name '%s' must not start with '.'",
               shown);
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

static bool ys__store_ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && memcmp(s + n - m, suffix, m) == 0;
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
  if (strchr(name_or_path, '/') != NULL ||
      ys__store_ends_with(name_or_path, ".yaml")) {
    len = snprintf(out, out_len, "%s", name_or_path);
  } else {
    int rc = ys_store_check_name(name_or_path, err, err_len);
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

/* ------------------------------------------------------------------------ */
/* Saving: checks                                                            */

static int ys__store_save_fail(char *err, size_t err_len, int rc,
                               const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Writes "cannot save baseline 'PATH': DETAIL" into err; returns rc. */
static int ys__store_save_fail(char *err, size_t err_len, int rc,
                               const char *path, const char *fmt, ...) {
  if (err == NULL || err_len == 0) return rc;
  int n = snprintf(err, err_len, "cannot save baseline '%s': ", path);
  if (n < 0 || (size_t)n >= err_len) return rc;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err + n, err_len - (size_t)n, fmt, ap);
  va_end(ap);
  return rc;
}

static int ys__store_errno_fail(char *err, size_t err_len, const char *path,
                                int errnum) {
  if (errnum == ENOMEM)
    return ys__store_save_fail(err, err_len, YS_ENOMEM, path, "out of memory");
  return ys__store_save_fail(err, err_len, YS_EIO, path, "%s",
                             strerror(errnum));
}

/* Refuses a run the loader would refuse, so that a save never produces a
 * baseline that cannot be read back: values the comparison relies on must be
 * finite, rounds must tile the samples in order (the file stores only their
 * sizes), names must be non-empty and distinct, and the file must stay within
 * the loader's bounds. */
static int ys__store_check_run(const char *path, const ys_context *ctx,
                               const ys_run_result *run, char *err,
                               size_t err_len) {
  if (!isfinite(ctx->warm_up_time_s) || !isfinite(ctx->measurement_time_s))
    return ys__store_save_fail(err, err_len, YS_EINVAL, path,
                               "the context's times are not finite");
  if (run->n_benches > YS__STORE_MAX_BENCHES)
    return ys__store_save_fail(err, err_len, YS_EINVAL, path,
                               "more than %u benchmarks",
                               YS__STORE_MAX_BENCHES);
  size_t items = 0, n_series = 0;
  for (size_t i = 0; i < run->n_benches; i++) {
    const ys_bench_result *res = &run->benches[i];
    size_t name_len = strnlen(res->name, YS_NAME_MAX);
    if (name_len == 0 || name_len == YS_NAME_MAX)
      return ys__store_save_fail(err, err_len, YS_EINVAL, path,
                                 "benchmark %zu has no valid name", i);
    /* The loader sorts by name and refuses duplicates; a run comes sorted,
     * so ascending order is checked rather than fixed. */
    if (i > 0 && strcmp(run->benches[i - 1].name, res->name) >= 0)
      return ys__store_save_fail(err, err_len, YS_EINVAL, path,
                                 "benchmarks are not sorted by name or not "
                                 "distinct at '%s'",
                                 res->name);
    if (!isfinite(res->elapsed_s))
      return ys__store_save_fail(err, err_len, YS_EINVAL, path,
                                 "'%s': elapsed time is not finite", res->name);
    n_series += res->n_series;
    for (size_t m = 0; m < res->n_series; m++) {
      const ys_series *s = &res->series[m];
      const ys_analysis *a = &s->analysis;
      if (s->metric == NULL || s->unit == NULL)
        return ys__store_save_fail(err, err_len, YS_EINVAL, path,
                                   "'%s': a series has no metric or unit",
                                   res->name);
      size_t next = 0;
      for (size_t r = 0; r < s->n_rounds; r++) {
        if (s->rounds[r].first_sample != next ||
            s->rounds[r].n_samples > s->n_samples - next)
          return ys__store_save_fail(
              err, err_len, YS_EINVAL, path,
              "'%s': rounds do not cover the samples in order", res->name);
        if (!isfinite(s->rounds[r].estimate))
          return ys__store_save_fail(err, err_len, YS_EINVAL, path,
                                     "'%s': a round estimate is not finite",
                                     res->name);
        next += s->rounds[r].n_samples;
      }
      if (next != s->n_samples)
        return ys__store_save_fail(
            err, err_len, YS_EINVAL, path,
            "'%s': rounds do not cover the samples in order", res->name);
      for (size_t j = 0; j < s->n_samples; j++)
        if (s->samples[j].iterations == 0 || !isfinite(s->samples[j].value))
          return ys__store_save_fail(
              err, err_len, YS_EINVAL, path,
              "'%s': a sample has 0 iterations or a value that is not finite",
              res->name);
      if (!isfinite(a->round_min) || !isfinite(a->round_median) ||
          !isfinite(a->round_max) || !isfinite(a->round_mean) ||
          !isfinite(a->round_std_dev) || !isfinite(a->noisy_round_share))
        return ys__store_save_fail(err, err_len, YS_EINVAL, path,
                                   "'%s': a round summary is not finite",
                                   res->name);
      items += s->n_samples + 3 * s->n_rounds;
    }
  }
  if (items > YS__STORE_MAX_ITEMS || n_series > YS__STORE_MAX_SERIES)
    return ys__store_save_fail(err, err_len, YS_EINVAL, path,
                               "the run is too large for a baseline file");
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Saving: the emitter                                                       */

typedef struct ys__writer {
  yaml_emitter_t emitter;
  int fd;
  int write_errno; /* errno of the first failed write(2), else 0 */
  bool failed;     /* sticky: later emits do nothing */
  bool no_memory;
  char *scratch; /* a string made valid UTF-8 */
  size_t scratch_cap;
} ys__writer;

/* libyaml's output handler: writes the emitter's buffer to the fd. */
static int ys__store_write_handler(void *data, unsigned char *buffer,
                                   size_t size) {
  ys__writer *w = data;
  while (size > 0) {
    ssize_t n = write(w->fd, buffer, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      w->write_errno = errno;
      return 0;
    }
    buffer += n;
    size -= (size_t)n;
  }
  return 1;
}

/* Hands one initialised event (or an initialisation failure) to the
 * emitter, which frees the event whether or not it succeeds. */
static void ys__store_emit(ys__writer *w, int initialised, yaml_event_t *ev) {
  if (!initialised) {
    /* Event constructors fail on allocation or on invalid UTF-8, and every
     * string is made valid first. */
    w->no_memory = true;
    w->failed = true;
    return;
  }
  if (w->failed) {
    yaml_event_delete(ev);
    return;
  }
  if (!yaml_emitter_emit(&w->emitter, ev)) w->failed = true;
}

static void ys__store_scalar(ys__writer *w, const char *text, size_t len,
                             yaml_scalar_style_t style) {
  yaml_event_t ev;
  int ok = yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text,
                                        (int)len, 1, 1, style);
  ys__store_emit(w, ok, &ev);
}

static void ys__store_plain(ys__writer *w, const char *text) {
  ys__store_scalar(w, text, strlen(text), YAML_PLAIN_SCALAR_STYLE);
}

static void ys__store_map_begin(ys__writer *w, bool flow) {
  yaml_event_t ev;
  int ok = yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                               flow ? YAML_FLOW_MAPPING_STYLE
                                                    : YAML_BLOCK_MAPPING_STYLE);
  ys__store_emit(w, ok, &ev);
}

static void ys__store_map_end(ys__writer *w) {
  yaml_event_t ev;
  ys__store_emit(w, yaml_mapping_end_event_initialize(&ev), &ev);
}

static void ys__store_seq_begin(ys__writer *w, bool flow) {
  yaml_event_t ev;
  int ok = yaml_sequence_start_event_initialize(
      &ev, NULL, NULL, 1,
      flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
  ys__store_emit(w, ok, &ev);
}

static void ys__store_seq_end(ys__writer *w) {
  yaml_event_t ev;
  ys__store_emit(w, yaml_sequence_end_event_initialize(&ev), &ev);
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when it is not one
 * (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t ys__store_utf8_len(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) {
    len = 2;
  } else if (c >= 0xe0 && c <= 0xef) {
    len = 3;
    if (c == 0xe0) lo = 0xa0;
    if (c == 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    len = 4;
    if (c == 0xf0) lo = 0x90;
    if (c == 0xf4) hi = 0x8f;
  } else {
    return 0;
  }
  if (n < len || s[1] < lo || s[1] > hi) return 0;
  for (size_t i = 2; i < len; i++)
    if (s[i] < 0x80 || s[i] > 0xbf) return 0;
  return len;
}

/* Whether a plain scalar of `s` would read back as a string under YAML's
 * usual resolvers: it starts with a letter (not a digit, sign, '.', '~' or
 * an indicator) and is not a word some resolver takes for a boolean or null.
 * Anything else is written double-quoted; libyaml itself switches to quotes
 * when the text cannot be plain (": ", line breaks, trailing spaces). */
static bool ys__store_plain_is_string(const char *s) {
  static const char *const words[] = {"y",   "n",    "yes",   "no",  "on",
                                      "off", "true", "false", "null"};
  char c = s[0];
  if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
    if (strcasecmp(s, words[i]) == 0) return false;
  return true;
}

/* Emits a string: invalid UTF-8 bytes (a message cut mid-character, a path
 * in another encoding) become U+FFFD, which libyaml requires. */
static void ys__store_string(ys__writer *w, const char *s) {
  if (s == NULL) s = "";
  size_t n = strlen(s);
  if (n > (SIZE_MAX - 1) / 3) {
    w->no_memory = w->failed = true;
    return;
  }
  if (w->scratch_cap < 3 * n + 1) {
    char *grown = realloc(w->scratch, 3 * n + 1);
    if (grown == NULL) {
      w->no_memory = w->failed = true;
      return;
    }
    w->scratch = grown;
    w->scratch_cap = 3 * n + 1;
  }
  const unsigned char *in = (const unsigned char *)s;
  size_t out = 0;
  for (size_t i = 0; i < n;) {
    size_t len = ys__store_utf8_len(in + i, n - i);
    if (len == 0) {
      memcpy(w->scratch + out, "\xef\xbf\xbd", 3);
      out += 3;
      i++;
    } else {
      memcpy(w->scratch + out, in + i, len);
      out += len;
      i += len;
    }
  }
  w->scratch[out] = '\0';
  ys__store_scalar(w, w->scratch, out,
                   ys__store_plain_is_string(w->scratch)
                       ? YAML_PLAIN_SCALAR_STYLE
                       : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

static void ys__store_uint(ys__writer *w, uint64_t v) {
  char buf[24];
  snprintf(buf, sizeof(buf), "%" PRIu64, v);
  ys__store_plain(w, buf);
}

/* A double that reads back exactly; NaN and ±Inf, which the schema does not
 * have, become null ("not computed"). */
static void ys__store_double(ys__writer *w, double v) {
  char buf[YS_JSON_DOUBLE_MAX];
  if (ys_json_format_double(buf, v) == 0)
    ys__store_plain(w, "null");
  else
    ys__store_plain(w, buf);
}

static void ys__store_bool(ys__writer *w, bool v) {
  ys__store_plain(w, v ? "true" : "false");
}

static void ys__store_kv_string(ys__writer *w, const char *key, const char *v) {
  ys__store_plain(w, key);
  ys__store_string(w, v);
}

static void ys__store_kv_uint(ys__writer *w, const char *key, uint64_t v) {
  ys__store_plain(w, key);
  ys__store_uint(w, v);
}

static void ys__store_kv_double(ys__writer *w, const char *key, double v) {
  ys__store_plain(w, key);
  ys__store_double(w, v);
}

static void ys__store_kv_bool(ys__writer *w, const char *key, bool v) {
  ys__store_plain(w, key);
  ys__store_bool(w, v);
}

static void ys__store_write_context(ys__writer *w, const ys_context *c) {
  ys__store_plain(w, "context");
  ys__store_map_begin(w, false);
  ys__store_kv_string(w, "date", c->date);
  ys__store_kv_string(w, "host", c->host_name);
  ys__store_kv_string(w, "executable", c->executable);
  ys__store_kv_string(w, "cpu", c->cpu_model);
  ys__store_kv_uint(w, "num_cpus", c->num_cpus < 0 ? 0 : (uint64_t)c->num_cpus);
  ys__store_kv_double(w, "mhz_per_cpu", c->mhz_per_cpu);
  ys__store_kv_bool(w, "cpu_scaling_enabled", c->cpu_scaling_enabled);
  ys__store_kv_bool(w, "aslr_enabled", c->aslr_enabled);
  ys__store_plain(w, "load_avg");
  ys__store_seq_begin(w, true);
  for (size_t i = 0; i < 3; i++)
    ys__store_double(w, c->load_avg[i]);
  ys__store_seq_end(w);
  ys__store_plain(w, "caches");
  ys__store_seq_begin(w, false);
  for (size_t i = 0; i < c->n_caches && i < YS_MAX_CACHES; i++) {
    const ys_cache_info *cache = &c->caches[i];
    ys__store_map_begin(w, true);
    ys__store_kv_string(w, "type", cache->type);
    ys__store_kv_uint(w, "level",
                      cache->level < 0 ? 0 : (uint64_t)cache->level);
    ys__store_kv_uint(w, "size", cache->size < 0 ? 0 : (uint64_t)cache->size);
    ys__store_kv_uint(w, "num_sharing",
                      cache->num_sharing < 0 ? 0
                                             : (uint64_t)cache->num_sharing);
    ys__store_map_end(w);
  }
  ys__store_seq_end(w);
  /* Absent strings are left out; the loader reads them back as "". */
  if (c->compiler != NULL) ys__store_kv_string(w, "compiler", c->compiler);
  if (c->build_type != NULL)
    ys__store_kv_string(w, "build_type", c->build_type);
  if (c->library_version != NULL)
    ys__store_kv_string(w, "library_version", c->library_version);
  if (c->collector != NULL) ys__store_kv_string(w, "collector", c->collector);
  if (c->git_commit[0] != '\0')
    ys__store_kv_string(w, "git_commit", c->git_commit);
  ys__store_kv_double(w, "clock_resolution_ns", c->clock_resolution_ns);
  ys__store_kv_double(w, "loop_overhead_ns", c->loop_overhead_ns);
  ys__store_kv_uint(w, "seed", c->seed);
  ys__store_kv_uint(w, "rounds", c->rounds);
  ys__store_kv_uint(w, "sample_size", c->sample_size);
  ys__store_kv_double(w, "warm_up_time_s", c->warm_up_time_s);
  ys__store_kv_double(w, "measurement_time_s", c->measurement_time_s);
  ys__store_map_end(w);
}

static void ys__store_write_estimate(ys__writer *w, const char *key,
                                     const ys_estimate *e) {
  ys__store_plain(w, key);
  ys__store_map_begin(w, true);
  ys__store_kv_double(w, "point", e->point);
  ys__store_kv_double(w, "lo", e->lo);
  ys__store_kv_double(w, "hi", e->hi);
  ys__store_map_end(w);
}

static void ys__store_write_series(ys__writer *w, const ys_series *s) {
  const ys_analysis *a = &s->analysis;
  ys__store_map_begin(w, false);
  ys__store_kv_string(w, "metric", s->metric);
  ys__store_kv_string(w, "unit", s->unit);
  ys__store_kv_string(w, "kind", ys_metric_kind_name(s->kind));
  ys__store_kv_bool(w, "exact", s->exact);

  ys__store_plain(w, "rounds");
  ys__store_seq_begin(w, true);
  for (size_t r = 0; r < s->n_rounds; r++)
    ys__store_double(w, s->rounds[r].estimate);
  ys__store_seq_end(w);
  ys__store_plain(w, "round_linear");
  ys__store_seq_begin(w, true);
  for (size_t r = 0; r < s->n_rounds; r++)
    ys__store_bool(w, s->rounds[r].linear);
  ys__store_seq_end(w);
  ys__store_plain(w, "round_samples");
  ys__store_seq_begin(w, true);
  for (size_t r = 0; r < s->n_rounds; r++)
    ys__store_uint(w, s->rounds[r].n_samples);
  ys__store_seq_end(w);
  ys__store_plain(w, "samples");
  ys__store_seq_begin(w, true);
  for (size_t j = 0; j < s->n_samples; j++) {
    ys__store_seq_begin(w, true);
    ys__store_uint(w, s->samples[j].iterations);
    ys__store_double(w, s->samples[j].value);
    ys__store_seq_end(w);
  }
  ys__store_seq_end(w);

  ys__store_plain(w, "estimates");
  ys__store_map_begin(w, false);
  ys__store_write_estimate(w, "slope", &a->slope);
  ys__store_write_estimate(w, "mean", &a->mean);
  ys__store_write_estimate(w, "median", &a->median);
  ys__store_write_estimate(w, "mad", &a->mad);
  ys__store_write_estimate(w, "std_dev", &a->std_dev);
  ys__store_map_end(w);
  ys__store_kv_bool(w, "has_slope", a->has_slope);
  ys__store_kv_double(w, "r_squared", a->r_squared);
  ys__store_kv_double(w, "lag1_autocorrelation", a->lag1_autocorrelation);

  ys__store_plain(w, "outliers");
  ys__store_map_begin(w, false);
  ys__store_kv_uint(w, "low_severe", a->outliers.low_severe);
  ys__store_kv_uint(w, "low_mild", a->outliers.low_mild);
  ys__store_kv_uint(w, "normal", a->outliers.normal);
  ys__store_kv_uint(w, "high_mild", a->outliers.high_mild);
  ys__store_kv_uint(w, "high_severe", a->outliers.high_severe);
  ys__store_plain(w, "fences");
  ys__store_seq_begin(w, true);
  for (size_t i = 0; i < 4; i++)
    ys__store_double(w, a->outliers.fences[i]);
  ys__store_seq_end(w);
  ys__store_map_end(w);

  ys__store_kv_double(w, "round_min", a->round_min);
  ys__store_kv_double(w, "round_median", a->round_median);
  ys__store_kv_double(w, "round_max", a->round_max);
  ys__store_kv_double(w, "round_mean", a->round_mean);
  ys__store_kv_double(w, "round_std_dev", a->round_std_dev);
  ys__store_kv_double(w, "noisy_round_share", a->noisy_round_share);
  if (a->warnings != 0) {
    ys__store_plain(w, "warnings");
    ys__store_seq_begin(w, true);
    for (size_t i = 0; i < YS_WARN_COUNT; i++)
      if (a->warnings & ys_warnings[i].bit)
        ys__store_plain(w, ys_warnings[i].name);
    ys__store_seq_end(w);
  }
  if (a->suggested_sample_size != 0)
    ys__store_kv_uint(w, "suggested_sample_size", a->suggested_sample_size);
  ys__store_map_end(w);
}

static void ys__store_write_bench(ys__writer *w, const ys_bench_result *res) {
  ys__store_map_begin(w, false);
  ys__store_kv_string(w, "name", res->name);
  unsigned status = (unsigned)res->status <= YS_BENCH_FAILED
                        ? (unsigned)res->status
                        : (unsigned)YS_BENCH_FAILED;
  ys__store_plain(w, "status");
  ys__store_plain(w, ys_bench_status_name(status));
  if (status != YS_BENCH_OK) ys__store_kv_string(w, "message", res->message);
  if (res->bytes_per_iteration != 0)
    ys__store_kv_uint(w, "bytes_per_iteration", res->bytes_per_iteration);
  if (res->elements_per_iteration != 0)
    ys__store_kv_uint(w, "elements_per_iteration", res->elements_per_iteration);
  ys__store_kv_uint(w, "total_iterations", res->total_iterations);
  ys__store_kv_double(w, "elapsed_s", res->elapsed_s);
  ys__store_plain(w, "series");
  ys__store_seq_begin(w, false);
  for (size_t m = 0; m < res->n_series; m++)
    ys__store_write_series(w, &res->series[m]);
  ys__store_seq_end(w);
  ys__store_map_end(w);
}

/* Emits the whole document into w->fd. The explicit "..." at the end lets
 * the loader tell a complete file from one cut at a line boundary, which
 * can still be valid YAML. */
static void ys__store_write_document(ys__writer *w, const char *name,
                                     const ys_context *ctx,
                                     const ys_run_result *run) {
  yaml_event_t ev;
  ys__store_emit(w, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING),
                 &ev);
  ys__store_emit(
      w, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1), &ev);
  ys__store_map_begin(w, false);
  ys__store_kv_uint(w, "yardstick", YS_BASELINE_VERSION);
  ys__store_kv_string(w, "name", name);
  char created[32];
  time_t now = time(NULL);
  struct tm tm;
  if (gmtime_r(&now, &tm) == NULL ||
      strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
    created[0] = '\0';
  ys__store_kv_string(w, "created", created);
  ys__store_write_context(w, ctx);
  ys__store_plain(w, "benchmarks");
  ys__store_seq_begin(w, false);
  for (size_t i = 0; i < run->n_benches; i++)
    ys__store_write_bench(w, &run->benches[i]);
  ys__store_seq_end(w);
  ys__store_map_end(w);
  ys__store_emit(w, yaml_document_end_event_initialize(&ev, 0), &ev);
  ys__store_emit(w, yaml_stream_end_event_initialize(&ev), &ev);
  if (!w->failed && !yaml_emitter_flush(&w->emitter)) w->failed = true;
}

/* ------------------------------------------------------------------------ */
/* Saving: files                                                             */

/* The directory part of `path` ("." when there is none); caller frees. */
static char *ys__store_parent(const char *path) {
  const char *slash = strrchr(path, '/');
  if (slash == NULL) return strdup(".");
  /* Several slashes in a row separate one directory. */
  while (slash > path && slash[-1] == '/')
    slash--;
  if (slash == path) return strdup("/");
  return strndup(path, (size_t)(slash - path));
}

/* mkdir -p: creates `dir` and any missing parents. `dir` is modified while
 * walking and restored. Returns 0 or an errno value. */
static int ys__store_mkdirs(char *dir) {
  for (char *p = dir + 1;; p++) {
    if (*p != '/' && *p != '\0') continue;
    char saved = *p;
    *p = '\0';
    int rc = mkdir(dir, 0777) == 0 || errno == EEXIST ? 0 : errno;
    *p = saved;
    if (rc != 0) return rc;
    if (saved == '\0') return 0;
  }
}

/* Syncs a directory so a rename in it survives a crash. File systems that
 * cannot sync a directory say EINVAL; there is nothing more to do there. */
static int ys__store_sync_dir(const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno;
  int rc = fsync(fd) == 0 || errno == EINVAL ? 0 : errno;
  close(fd);
  return rc;
}

/* Writes the document into a new temporary file beside `path`, syncs it
 * and renames it over `path`. The caller holds the lock. Returns 0 or a
 * YS_E* code with err filled; the temporary file never outlives a failure. */
static int ys__store_replace(const char *path, const char *name,
                             const ys_context *ctx, const ys_run_result *run,
                             char *err, size_t err_len) {
  int rc;
  char *tmp = NULL;
  if (asprintf(&tmp, "%s.XXXXXX", path) < 0)
    return ys__store_errno_fail(err, err_len, path, ENOMEM);
  ys__writer w = {.fd = mkostemp(tmp, O_CLOEXEC)};
  if (w.fd < 0) {
    rc = ys__store_errno_fail(err, err_len, path, errno);
    goto err_free_tmp;
  }
  /* mkstemp makes the file private; a baseline is meant to be shared like
   * any other file the user creates. */
  if (fchmod(w.fd, 0644) != 0) {
    rc = ys__store_errno_fail(err, err_len, path, errno);
    goto err_remove_tmp;
  }
  if (!yaml_emitter_initialize(&w.emitter)) {
    rc = ys__store_errno_fail(err, err_len, path, ENOMEM);
    goto err_remove_tmp;
  }
  yaml_emitter_set_output(&w.emitter, ys__store_write_handler, &w);
  yaml_emitter_set_unicode(&w.emitter, 1);
  yaml_emitter_set_width(&w.emitter, 100);
  ys__store_write_document(&w, name, ctx, run);
  char problem[128];
  snprintf(problem, sizeof(problem), "%s",
           w.emitter.problem != NULL ? w.emitter.problem : "YAML error");
  yaml_emitter_delete(&w.emitter);
  free(w.scratch);
  if (w.failed) {
    if (w.write_errno != 0)
      rc = ys__store_errno_fail(err, err_len, path, w.write_errno);
    else if (w.no_memory)
      rc = ys__store_errno_fail(err, err_len, path, ENOMEM);
    else
      rc = ys__store_save_fail(err, err_len, YS_EIO, path, "%s", problem);
    goto err_remove_tmp;
  }
  if (fsync(w.fd) != 0) {
    rc = ys__store_errno_fail(err, err_len, path, errno);
    goto err_remove_tmp;
  }
  int fd = w.fd;
  w.fd = -1;
  if (close(fd) != 0) {
    rc = ys__store_errno_fail(err, err_len, path, errno);
    goto err_remove_tmp;
  }
  if (rename(tmp, path) != 0) {
    rc = ys__store_errno_fail(err, err_len, path, errno);
    goto err_remove_tmp;
  }
  free(tmp);
  return 0;

err_remove_tmp:
  if (w.fd >= 0) close(w.fd);
  unlink(tmp);
err_free_tmp:
  free(tmp);
  return rc;
}

int ys_store_save(const char *path, const char *name, const ys_context *ctx,
                  const ys_run_result *run, char *err, size_t err_len) {
  if (path == NULL || path[0] == '\0' || name == NULL || ctx == NULL ||
      run == NULL || (run->n_benches > 0 && run->benches == NULL)) {
    if (err_len > 0)
      snprintf(err, err_len,
               "cannot save baseline: no path, name, context or results");
    return YS_EINVAL;
  }
  int rc = ys__store_check_run(path, ctx, run, err, err_len);
  if (rc != 0) return rc;

  char *dir = ys__store_parent(path);
  if (dir == NULL) return ys__store_errno_fail(err, err_len, path, ENOMEM);
  int errnum = ys__store_mkdirs(dir);
  if (errnum != 0) {
    rc = ys__store_errno_fail(err, err_len, path, errnum);
    goto err_free_dir;
  }

  /* The lock file is never deleted: removing it would let a second saver
   * lock a new inode while a first still holds the old one. */
  char *lock_path = NULL;
  if (asprintf(&lock_path, "%s.lock", path) < 0) {
    rc = ys__store_errno_fail(err, err_len, path, ENOMEM);
    goto err_free_dir;
  }
  int lock_fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  free(lock_path);
  if (lock_fd < 0) {
    rc = ys__store_errno_fail(err, err_len, path, errno);
    goto err_free_dir;
  }
  while (flock(lock_fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      rc = ys__store_errno_fail(err, err_len, path, errno);
      goto err_unlock;
    }
  }

  rc = ys__store_replace(path, name, ctx, run, err, err_len);
  if (rc != 0) goto err_unlock;
  errnum = ys__store_sync_dir(dir);
  if (errnum != 0) {
    rc = ys__store_save_fail(err, err_len, YS_EIO, path,
                             "saved, but syncing its directory failed: %s",
                             strerror(errnum));
    goto err_unlock;
  }
  close(lock_fd);
  free(dir);
  return 0;

err_unlock:
  /* Closing the only descriptor releases the lock. */
  close(lock_fd);
err_free_dir:
  free(dir);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Loading: the event reader                                                 */

typedef struct ys__reader {
  yaml_parser_t parser;
  yaml_event_t ev; /* the current event, valid when has_ev */
  bool has_ev;
  const char *path;
  const char *text; /* the whole file, to place reader errors */
  size_t text_len;
  char *err;
  size_t err_len;
  size_t n_lines; /* lines in text, the most a message may name */
  unsigned depth;
  size_t items;    /* list items read so far, against YS__STORE_MAX_ITEMS */
  size_t n_series; /* series read so far, against YS__STORE_MAX_SERIES */
  locale_t c_locale;
} ys__reader;

static int ys__store_fail(ys__reader *r, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes "PATH:LINE: MESSAGE" into err; returns YS_EFORMAT. */
static int ys__store_fail(ys__reader *r, size_t line, const char *fmt, ...) {
  if (r->err == NULL || r->err_len == 0) return YS_EFORMAT;
  /* libyaml places the end of the stream on a line of its own past the
   * last one; name the last line instead. */
  if (line > r->n_lines) line = r->n_lines;
  int n = snprintf(r->err, r->err_len, "%s:%zu: ", r->path, line);
  if (n < 0 || (size_t)n >= r->err_len) return YS_EFORMAT;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->err + n, r->err_len - (size_t)n, fmt, ap);
  va_end(ap);
  return YS_EFORMAT;
}

static size_t ys__store_line(const ys__reader *r) {
  return r->ev.start_mark.line + 1;
}

static void ys__store_reader_open(ys__reader *r, const char *text, size_t len) {
  r->text = text;
  r->text_len = len;
  r->n_lines = len > 0 && text[len - 1] != '\n';
  for (size_t i = 0; i < len; i++)
    if (text[i] == '\n') r->n_lines++;
  if (r->n_lines == 0) r->n_lines = 1;
  r->depth = 0;
  r->has_ev = false;
  yaml_parser_set_input_string(&r->parser, (const unsigned char *)text, len);
}

static void ys__store_reader_close(ys__reader *r) {
  if (r->has_ev) yaml_event_delete(&r->ev);
  r->has_ev = false;
  yaml_parser_delete(&r->parser);
}

/* Reports what libyaml could not parse, with its line. Errors of the reader
 * stage (bad UTF-8, control characters) carry a byte offset instead of a
 * mark; the line is counted from the text. */
static int ys__store_parse_error(ys__reader *r) {
  if (r->parser.error == YAML_MEMORY_ERROR) {
    if (r->err_len > 0)
      snprintf(r->err, r->err_len, "%s: out of memory", r->path);
    return YS_ENOMEM;
  }
  size_t line = r->parser.problem_mark.line + 1;
  if (r->parser.error == YAML_READER_ERROR) {
    line = 1;
    size_t end = r->parser.problem_offset < r->text_len
                     ? r->parser.problem_offset
                     : r->text_len;
    for (size_t i = 0; i < end; i++)
      if (r->text[i] == '\n') line++;
  }
  const char *problem =
      r->parser.problem != NULL ? r->parser.problem : "unknown error";
  if (r->parser.context != NULL)
    return ys__store_fail(r, line, "not valid YAML: %s (%s)", problem,
                          r->parser.context);
  return ys__store_fail(r, line, "not valid YAML: %s", problem);
}

/* Moves to the next event, refusing aliases and deep nesting as soon as they
 * appear, before libyaml reads much further. */
static int ys__store_next(ys__reader *r) {
  if (r->has_ev) yaml_event_delete(&r->ev);
  r->has_ev = false;
  if (!yaml_parser_parse(&r->parser, &r->ev)) return ys__store_parse_error(r);
  r->has_ev = true;
  switch (r->ev.type) {
  case YAML_ALIAS_EVENT:
    return ys__store_fail(r, ys__store_line(r),
                          "aliases are not allowed in baselines");
  case YAML_SEQUENCE_START_EVENT:
  case YAML_MAPPING_START_EVENT:
    if (++r->depth > YS__STORE_MAX_DEPTH)
      return ys__store_fail(r, ys__store_line(r),
                            "nested deeper than %d levels",
                            YS__STORE_MAX_DEPTH);
    break;
  case YAML_SEQUENCE_END_EVENT:
  case YAML_MAPPING_END_EVENT:
    r->depth--;
    break;
  default:
    break;
  }
  return 0;
}

/* Skips the value whose first event is current. */
static int ys__store_skip(ys__reader *r) {
  if (r->ev.type != YAML_SEQUENCE_START_EVENT &&
      r->ev.type != YAML_MAPPING_START_EVENT)
    return 0;
  unsigned outer = r->depth - 1;
  while (r->depth > outer) {
    int rc = ys__store_next(r);
    if (rc != 0) return rc;
  }
  return 0;
}

/* Counts one more list item against the file's bound. */
static int ys__store_count_item(ys__reader *r) {
  if (++r->items > YS__STORE_MAX_ITEMS)
    return ys__store_fail(r, ys__store_line(r),
                          "more than %u list items: too large for a baseline",
                          YS__STORE_MAX_ITEMS);
  return 0;
}

/* Reads the next key of the mapping being read. Returns 1 with *idx the
 * key's index in keys[] (-1 for a key this version does not know) and the
 * value's first event current; 0 at the end of the mapping; or an error. A
 * known key given twice is an error: which one wins would be arbitrary. */
static int ys__store_next_key(ys__reader *r, const char *const *keys,
                              size_t n_keys, uint64_t *seen, int *idx) {
  int rc = ys__store_next(r);
  if (rc != 0) return rc;
  if (r->ev.type == YAML_MAPPING_END_EVENT) return 0;
  if (r->ev.type != YAML_SCALAR_EVENT)
    return ys__store_fail(r, ys__store_line(r), "mapping keys must be strings");
  const char *key = (const char *)r->ev.data.scalar.value;
  size_t len = r->ev.data.scalar.length;
  *idx = -1;
  for (size_t i = 0; i < n_keys; i++) {
    if (strlen(keys[i]) == len && memcmp(keys[i], key, len) == 0) {
      if (*seen & (UINT64_C(1) << i))
        return ys__store_fail(r, ys__store_line(r), "duplicate key '%s'",
                              keys[i]);
      *seen |= UINT64_C(1) << i;
      *idx = (int)i;
      break;
    }
  }
  rc = ys__store_next(r);
  return rc != 0 ? rc : 1;
}

/* ------------------------------------------------------------------------ */
/* Loading: scalars                                                          */

enum {
  YS__NUM_OK,
  YS__NUM_NULL,      /* ~, null or nothing */
  YS__NUM_BAD,       /* not a number, or not a plain scalar */
  YS__NUM_NONFINITE, /* .nan, .inf, nan, inf or a finite-looking overflow */
};

static bool ys__store_is_scalar_text(const ys__reader *r, const char *word) {
  return r->ev.data.scalar.length == strlen(word) &&
         memcmp(r->ev.data.scalar.value, word, r->ev.data.scalar.length) == 0;
}

/* Classifies the current event as a double. Only plain scalars are numbers:
 * "1.5" in quotes is a string. Only decimal notation is taken (no hex
 * floats, no "inf" words), parsed in the C locale whatever the program's. */
static int ys__store_scan_double(ys__reader *r, double *out) {
  if (r->ev.type != YAML_SCALAR_EVENT ||
      r->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return YS__NUM_BAD;
  const char *s = (const char *)r->ev.data.scalar.value;
  size_t len = r->ev.data.scalar.length;
  if (len == 0 || ys__store_is_scalar_text(r, "~") ||
      ys__store_is_scalar_text(r, "null") ||
      ys__store_is_scalar_text(r, "Null") ||
      ys__store_is_scalar_text(r, "NULL"))
    return YS__NUM_NULL;
  if (len >= YS__STORE_NUMBER_MAX) return YS__NUM_BAD;
  char buf[YS__STORE_NUMBER_MAX];
  memcpy(buf, s, len);
  buf[len] = '\0';
  const char *word = buf + (buf[0] == '+' || buf[0] == '-');
  if (*word == '.') word++;
  if (strcasecmp(word, "nan") == 0 || strcasecmp(word, "inf") == 0 ||
      strcasecmp(word, "infinity") == 0)
    return YS__NUM_NONFINITE;
  if (strspn(buf, "0123456789+-.eE") != len) return YS__NUM_BAD;
  char *end;
  double v = strtod_l(buf, &end, r->c_locale);
  if (end != buf + len) return YS__NUM_BAD;
  /* Overflow ("1e999") reads as infinity; underflow to a subnormal or zero
   * is a faithful reading and passes. */
  if (!isfinite(v)) return YS__NUM_NONFINITE;
  *out = v;
  return YS__NUM_OK;
}

/* Classifies the current event as an unsigned decimal integer. */
static int ys__store_scan_uint(ys__reader *r, uint64_t *out) {
  if (r->ev.type != YAML_SCALAR_EVENT ||
      r->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return YS__NUM_BAD;
  const char *s = (const char *)r->ev.data.scalar.value;
  size_t len = r->ev.data.scalar.length;
  if (len == 0 || len >= YS__STORE_NUMBER_MAX) return YS__NUM_BAD;
  char buf[YS__STORE_NUMBER_MAX];
  memcpy(buf, s, len);
  buf[len] = '\0';
  /* strtoull would take "-1" and " 1"; only digits are a count. */
  if (strspn(buf, "0123456789") != len) return YS__NUM_BAD;
  errno = 0;
  char *end;
  unsigned long long v = strtoull(buf, &end, 10);
  if (errno == ERANGE || end != buf + len || v > UINT64_MAX) return YS__NUM_BAD;
  *out = (uint64_t)v;
  return YS__NUM_OK;
}

/* Reads a double; null is accepted (as NaN, "not computed") only where
 * `nullable`. */
static int ys__store_read_double(ys__reader *r, const char *key, bool nullable,
                                 double *out) {
  int kind = ys__store_scan_double(r, out);
  if (kind == YS__NUM_OK) return 0;
  if (kind == YS__NUM_NULL && nullable) {
    *out = NAN;
    return 0;
  }
  if (kind == YS__NUM_NONFINITE || kind == YS__NUM_NULL)
    return ys__store_fail(r, ys__store_line(r), "'%s' must be a finite number",
                          key);
  return ys__store_fail(r, ys__store_line(r), "'%s' must be a number", key);
}

static int ys__store_read_uint(ys__reader *r, const char *key, uint64_t max,
                               uint64_t *out) {
  if (ys__store_scan_uint(r, out) == YS__NUM_OK && *out <= max) return 0;
  if (max == UINT64_MAX)
    return ys__store_fail(r, ys__store_line(r),
                          "'%s' must be a non-negative integer", key);
  return ys__store_fail(r, ys__store_line(r),
                        "'%s' must be a non-negative integer up to %" PRIu64,
                        key, max);
}

static int ys__store_read_size(ys__reader *r, const char *key, size_t *out) {
  uint64_t v;
  int rc = ys__store_read_uint(r, key, SIZE_MAX, &v);
  if (rc == 0) *out = (size_t)v;
  return rc;
}

static int ys__store_read_bool(ys__reader *r, const char *key, bool *out) {
  if (r->ev.type == YAML_SCALAR_EVENT &&
      r->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
    if (ys__store_is_scalar_text(r, "true")) {
      *out = true;
      return 0;
    }
    if (ys__store_is_scalar_text(r, "false")) {
      *out = false;
      return 0;
    }
  }
  return ys__store_fail(r, ys__store_line(r), "'%s' must be true or false",
                        key);
}

/* Checks that the current event is a string without NUL bytes. */
static int ys__store_check_string(ys__reader *r, const char *key) {
  if (r->ev.type != YAML_SCALAR_EVENT)
    return ys__store_fail(r, ys__store_line(r), "'%s' must be a string", key);
  if (memchr(r->ev.data.scalar.value, '\0', r->ev.data.scalar.length) != NULL)
    return ys__store_fail(r, ys__store_line(r), "'%s' contains a NUL byte",
                          key);
  return 0;
}

/* Reads a string into a new allocation (*out; any previous one is freed). */
static int ys__store_read_string(ys__reader *r, const char *key, char **out) {
  int rc = ys__store_check_string(r, key);
  if (rc != 0) return rc;
  char *copy =
      strndup((const char *)r->ev.data.scalar.value, r->ev.data.scalar.length);
  if (copy == NULL) {
    if (r->err_len > 0)
      snprintf(r->err, r->err_len, "%s: out of memory", r->path);
    return YS_ENOMEM;
  }
  free(*out);
  *out = copy;
  return 0;
}

/* Reads a string into a fixed buffer of `cap` bytes. Longer text is an
 * error when `strict` (a name must not silently change); otherwise it is cut
 * at a character boundary (descriptive text only). */
static int ys__store_read_text(ys__reader *r, const char *key, char *buf,
                               size_t cap, bool strict) {
  int rc = ys__store_check_string(r, key);
  if (rc != 0) return rc;
  size_t len = r->ev.data.scalar.length;
  if (len >= cap) {
    if (strict)
      return ys__store_fail(r, ys__store_line(r),
                            "'%s' is longer than %zu bytes", key, cap - 1);
    len = cap - 1;
    /* Back off continuation bytes so no character is cut in two. */
    while (len > 0 && (r->ev.data.scalar.value[len] & 0xc0) == 0x80)
      len--;
  }
  memcpy(buf, r->ev.data.scalar.value, len);
  buf[len] = '\0';
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Loading: lists                                                            */

/* Makes room for one more element in *arr (capacity *cap, `size` bytes
 * each). Returns 0 or YS_ENOMEM with err filled. */
static int ys__store_grow(ys__reader *r, void **arr, size_t *cap, size_t n,
                          size_t size) {
  if (n < *cap) return 0;
  size_t want = *cap == 0 ? 16 : *cap * 2;
  void *grown = want > SIZE_MAX / size ? NULL : realloc(*arr, want * size);
  if (grown == NULL) {
    if (r->err_len > 0)
      snprintf(r->err, r->err_len, "%s: out of memory", r->path);
    return YS_ENOMEM;
  }
  *arr = grown;
  *cap = want;
  return 0;
}

/* The element readers of ys__store_read_list: each reads the current event
 * into element `i` of `arr`. */
typedef int (*ys__store_item_fn)(ys__reader *r, const char *key, void *arr,
                                 size_t i);

static int ys__store_item_double(ys__reader *r, const char *key, void *arr,
                                 size_t i) {
  double *v = (double *)arr + i;
  int kind = ys__store_scan_double(r, v);
  if (kind == YS__NUM_OK) return 0;
  if (kind == YS__NUM_NONFINITE || kind == YS__NUM_NULL)
    return ys__store_fail(r, ys__store_line(r),
                          "'%s' item %zu must be a finite number", key, i + 1);
  return ys__store_fail(r, ys__store_line(r), "'%s' must be a list of numbers",
                        key);
}

static int ys__store_item_bool(ys__reader *r, const char *key, void *arr,
                               size_t i) {
  bool *v = (bool *)arr + i;
  if (ys__store_read_bool(r, key, v) != 0)
    return ys__store_fail(r, ys__store_line(r),
                          "'%s' must be a list of true or false", key);
  return 0;
}

static int ys__store_item_size(ys__reader *r, const char *key, void *arr,
                               size_t i) {
  uint64_t v;
  if (ys__store_scan_uint(r, &v) != YS__NUM_OK || v > SIZE_MAX)
    return ys__store_fail(r, ys__store_line(r),
                          "'%s' must be a list of non-negative integers", key);
  ((size_t *)arr)[i] = (size_t)v;
  return 0;
}

/* A sample is a flow pair [iterations, value]. */
static int ys__store_item_sample(ys__reader *r, const char *key, void *arr,
                                 size_t i) {
  ys_sample *sample = (ys_sample *)arr + i;
  if (r->ev.type != YAML_SEQUENCE_START_EVENT)
    return ys__store_fail(r, ys__store_line(r),
                          "'%s' must be a list of [iterations, value] pairs",
                          key);
  int rc = ys__store_next(r);
  if (rc != 0) return rc;
  if (ys__store_scan_uint(r, &sample->iterations) != YS__NUM_OK)
    return ys__store_fail(r, ys__store_line(r),
                          "'%s' item %zu: iterations must be a positive "
                          "integer",
                          key, i + 1);
  if (sample->iterations == 0)
    return ys__store_fail(r, ys__store_line(r),
                          "'%s' item %zu has 0 iterations", key, i + 1);
  if ((rc = ys__store_next(r)) != 0) return rc;
  int kind = ys__store_scan_double(r, &sample->value);
  if (kind == YS__NUM_NONFINITE || kind == YS__NUM_NULL)
    return ys__store_fail(r, ys__store_line(r),
                          "'%s' item %zu: value must be a finite number", key,
                          i + 1);
  if (kind != YS__NUM_OK)
    return ys__store_fail(r, ys__store_line(r),
                          "'%s' must be a list of [iterations, value] pairs",
                          key);
  if ((rc = ys__store_next(r)) != 0) return rc;
  if (r->ev.type != YAML_SEQUENCE_END_EVENT)
    return ys__store_fail(r, ys__store_line(r),
                          "'%s' must be a list of [iterations, value] pairs",
                          key);
  return 0;
}

/* Reads a list whose first event is current into a new array (*arr, *n;
 * any previous array is freed), one element of `size` bytes per item. */
static int ys__store_read_list(ys__reader *r, const char *key, const char *what,
                               size_t size, ys__store_item_fn item, void **arr,
                               size_t *n) {
  if (r->ev.type != YAML_SEQUENCE_START_EVENT)
    return ys__store_fail(r, ys__store_line(r), "'%s' must be a list of %s",
                          key, what);
  free(*arr);
  *arr = NULL;
  *n = 0;
  size_t cap = 0;
  for (;;) {
    int rc = ys__store_next(r);
    if (rc != 0) return rc;
    if (r->ev.type == YAML_SEQUENCE_END_EVENT) return 0;
    if ((rc = ys__store_count_item(r)) != 0) return rc;
    if ((rc = ys__store_grow(r, arr, &cap, *n, size)) != 0) return rc;
    if ((rc = item(r, key, *arr, *n)) != 0) return rc;
    (*n)++;
  }
}

/* Reads a list of exactly `n` numbers (or nulls) into dst. */
static int ys__store_read_fixed(ys__reader *r, const char *key, double *dst,
                                size_t n) {
  if (r->ev.type != YAML_SEQUENCE_START_EVENT)
    return ys__store_fail(r, ys__store_line(r),
                          "'%s' must be a list of %zu numbers", key, n);
  for (size_t i = 0;; i++) {
    int rc = ys__store_next(r);
    if (rc != 0) return rc;
    if (r->ev.type == YAML_SEQUENCE_END_EVENT) {
      if (i == n) return 0;
      break;
    }
    if (i == n) break;
    if ((rc = ys__store_read_double(r, key, true, &dst[i])) != 0) return rc;
  }
  return ys__store_fail(r, ys__store_line(r),
                        "'%s' must be a list of %zu numbers", key, n);
}

/* ------------------------------------------------------------------------ */
/* Loading: the schema                                                       */

/* What a load builds before it becomes a ys_baseline. Strings that end in
 * the baseline's single string block are held in their own allocations
 * until the end (series' metric and unit too, cast from const). */
typedef struct ys__load {
  char *name;
  char *created;
  ys_context ctx;
  char *ctx_strings[4]; /* compiler, build_type, library_version, collector */
  ys_run_result run;
  size_t bench_cap;
  size_t *bench_lines; /* where each benchmark starts, for messages */
} ys__load;

static int ys__store_read_estimate(ys__reader *r, const char *key,
                                   ys_estimate *e) {
  static const char *const keys[] = {"point", "lo", "hi"};
  if (r->ev.type != YAML_MAPPING_START_EVENT)
    return ys__store_fail(r, ys__store_line(r),
                          "'%s' must be a mapping of point, lo and hi", key);
  double *fields[] = {&e->point, &e->lo, &e->hi};
  uint64_t seen = 0;
  int idx = -1, rc;
  while ((rc = ys__store_next_key(r, keys, 3, &seen, &idx)) == 1) {
    rc = idx < 0 ? ys__store_skip(r)
                 : ys__store_read_double(r, keys[idx], true, fields[idx]);
    if (rc != 0) return rc;
  }
  return rc;
}

static int ys__store_read_estimates(ys__reader *r, ys_analysis *a) {
  static const char *const keys[] = {"slope", "mean", "median", "mad",
                                     "std_dev"};
  if (r->ev.type != YAML_MAPPING_START_EVENT)
    return ys__store_fail(r, ys__store_line(r),
                          "'estimates' must be a mapping");
  ys_estimate *fields[] = {&a->slope, &a->mean, &a->median, &a->mad,
                           &a->std_dev};
  uint64_t seen = 0;
  int idx = -1, rc;
  while ((rc = ys__store_next_key(r, keys, 5, &seen, &idx)) == 1) {
    rc = idx < 0 ? ys__store_skip(r)
                 : ys__store_read_estimate(r, keys[idx], fields[idx]);
    if (rc != 0) return rc;
  }
  return rc;
}

static int ys__store_read_outliers(ys__reader *r, ys_outliers *o) {
  static const char *const keys[] = {"low_severe", "low_mild",    "normal",
                                     "high_mild",  "high_severe", "fences"};
  if (r->ev.type != YAML_MAPPING_START_EVENT)
    return ys__store_fail(r, ys__store_line(r), "'outliers' must be a mapping");
  size_t *counts[] = {&o->low_severe, &o->low_mild, &o->normal, &o->high_mild,
                      &o->high_severe};
  uint64_t seen = 0;
  int idx = -1, rc;
  while ((rc = ys__store_next_key(r, keys, 6, &seen, &idx)) == 1) {
    if (idx < 0)
      rc = ys__store_skip(r);
    else if (idx == 5)
      rc = ys__store_read_fixed(r, "fences", o->fences, 4);
    else
      rc = ys__store_read_size(r, keys[idx], counts[idx]);
    if (rc != 0) return rc;
  }
  return rc;
}

/* Warning names this version does not know are ignored: a later minor
 * version may add diagnostics. */
static int ys__store_read_warnings(ys__reader *r, unsigned *bits) {
  if (r->ev.type != YAML_SEQUENCE_START_EVENT)
    return ys__store_fail(r, ys__store_line(r),
                          "'warnings' must be a list of names");
  *bits = 0;
  for (;;) {
    int rc = ys__store_next(r);
    if (rc != 0) return rc;
    if (r->ev.type == YAML_SEQUENCE_END_EVENT) return 0;
    if ((rc = ys__store_count_item(r)) != 0) return rc;
    if (r->ev.type != YAML_SCALAR_EVENT)
      return ys__store_fail(r, ys__store_line(r),
                            "'warnings' must be a list of names");
    for (size_t i = 0; i < YS_WARN_COUNT; i++)
      if (ys__store_is_scalar_text(r, ys_warnings[i].name))
        *bits |= ys_warnings[i].bit;
  }
}

enum {
  YS__SERIES_METRIC,
  YS__SERIES_UNIT,
  YS__SERIES_ROUNDS,
  YS__SERIES_ROUND_LINEAR,
  YS__SERIES_ROUND_SAMPLES,
  YS__SERIES_SAMPLES,
  YS__SERIES_ESTIMATES,
  YS__SERIES_HAS_SLOPE,
  YS__SERIES_KIND,
  YS__SERIES_EXACT,
  YS__SERIES_R_SQUARED,
  YS__SERIES_LAG1,
  YS__SERIES_OUTLIERS,
  YS__SERIES_ROUND_MIN,
  YS__SERIES_ROUND_MEDIAN,
  YS__SERIES_ROUND_MAX,
  YS__SERIES_ROUND_MEAN,
  YS__SERIES_ROUND_STD_DEV,
  YS__SERIES_NOISY_SHARE,
  YS__SERIES_WARNINGS,
  YS__SERIES_SUGGESTED,
  YS__SERIES_N_KEYS,
};

static const char *const ys__store_series_keys[YS__SERIES_N_KEYS] = {
    [YS__SERIES_METRIC] = "metric",
    [YS__SERIES_UNIT] = "unit",
    [YS__SERIES_ROUNDS] = "rounds",
    [YS__SERIES_ROUND_LINEAR] = "round_linear",
    [YS__SERIES_ROUND_SAMPLES] = "round_samples",
    [YS__SERIES_SAMPLES] = "samples",
    [YS__SERIES_ESTIMATES] = "estimates",
    [YS__SERIES_HAS_SLOPE] = "has_slope",
    [YS__SERIES_KIND] = "kind",
    [YS__SERIES_EXACT] = "exact",
    [YS__SERIES_R_SQUARED] = "r_squared",
    [YS__SERIES_LAG1] = "lag1_autocorrelation",
    [YS__SERIES_OUTLIERS] = "outliers",
    [YS__SERIES_ROUND_MIN] = "round_min",
    [YS__SERIES_ROUND_MEDIAN] = "round_median",
    [YS__SERIES_ROUND_MAX] = "round_max",
    [YS__SERIES_ROUND_MEAN] = "round_mean",
    [YS__SERIES_ROUND_STD_DEV] = "round_std_dev",
    [YS__SERIES_NOISY_SHARE] = "noisy_round_share",
    [YS__SERIES_WARNINGS] = "warnings",
    [YS__SERIES_SUGGESTED] = "suggested_sample_size",
};

/* The three per-round lists, read apart and joined into ys_round at the
 * end of the series. */
typedef struct ys__rounds {
  double *estimates;
  size_t n_estimates;
  bool *linear;
  size_t n_linear;
  size_t *sizes;
  size_t n_sizes;
  size_t line[3]; /* of rounds, round_linear, round_samples */
} ys__rounds;

/* Joins the per-round lists into s->rounds after checking they agree with
 * each other and with the samples. */
static int ys__store_join_rounds(ys__reader *r, ys__rounds *rl, ys_series *s) {
  if (rl->n_linear != rl->n_estimates)
    return ys__store_fail(r, rl->line[1],
                          "'round_linear' has %zu entries but 'rounds' has %zu",
                          rl->n_linear, rl->n_estimates);
  if (rl->n_sizes != rl->n_estimates)
    return ys__store_fail(
        r, rl->line[2], "'round_samples' has %zu entries but 'rounds' has %zu",
        rl->n_sizes, rl->n_estimates);
  size_t total = 0;
  for (size_t i = 0; i < rl->n_sizes; i++) {
    /* Each size is at most the item bound, so the sum cannot overflow
     * before it exceeds the sample count. */
    total += rl->sizes[i];
    if (total > s->n_samples) break;
  }
  if (total != s->n_samples)
    return ys__store_fail(r, rl->line[2],
                          "'round_samples' do not add up to the %zu samples",
                          s->n_samples);
  if (rl->n_estimates == 0) return 0;
  s->rounds = calloc(rl->n_estimates, sizeof(*s->rounds));
  if (s->rounds == NULL) {
    if (r->err_len > 0)
      snprintf(r->err, r->err_len, "%s: out of memory", r->path);
    return YS_ENOMEM;
  }
  s->n_rounds = rl->n_estimates;
  size_t first = 0;
  for (size_t i = 0; i < s->n_rounds; i++) {
    s->rounds[i].first_sample = first;
    s->rounds[i].n_samples = rl->sizes[i];
    s->rounds[i].linear = rl->linear[i];
    s->rounds[i].estimate = rl->estimates[i];
    first += rl->sizes[i];
  }
  return 0;
}

static int ys__store_read_series_fields(ys__reader *r, ys_series *s,
                                        ys__rounds *rl) {
  ys_analysis *a = &s->analysis;
  double *summary[] = {
      [YS__SERIES_ROUND_MIN] = &a->round_min,
      [YS__SERIES_ROUND_MEDIAN] = &a->round_median,
      [YS__SERIES_ROUND_MAX] = &a->round_max,
      [YS__SERIES_ROUND_MEAN] = &a->round_mean,
      [YS__SERIES_ROUND_STD_DEV] = &a->round_std_dev,
      [YS__SERIES_NOISY_SHARE] = &a->noisy_round_share,
  };
  size_t start = ys__store_line(r);
  uint64_t seen = 0;
  int idx = -1, rc;
  while ((rc = ys__store_next_key(r, ys__store_series_keys, YS__SERIES_N_KEYS,
                                  &seen, &idx)) == 1) {
    const char *key = idx < 0 ? "" : ys__store_series_keys[idx];
    switch (idx) {
    case YS__SERIES_METRIC:
    case YS__SERIES_UNIT: {
      char *text = NULL;
      rc = ys__store_read_string(r, key, &text);
      if (idx == YS__SERIES_METRIC)
        s->metric = text;
      else
        s->unit = text;
      break;
    }
    case YS__SERIES_ROUNDS:
      rl->line[0] = ys__store_line(r);
      rc = ys__store_read_list(r, key, "numbers", sizeof(double),
                               ys__store_item_double, (void **)&rl->estimates,
                               &rl->n_estimates);
      break;
    case YS__SERIES_ROUND_LINEAR:
      rl->line[1] = ys__store_line(r);
      rc = ys__store_read_list(r, key, "true or false", sizeof(bool),
                               ys__store_item_bool, (void **)&rl->linear,
                               &rl->n_linear);
      break;
    case YS__SERIES_ROUND_SAMPLES:
      rl->line[2] = ys__store_line(r);
      rc = ys__store_read_list(r, key, "non-negative integers", sizeof(size_t),
                               ys__store_item_size, (void **)&rl->sizes,
                               &rl->n_sizes);
      break;
    case YS__SERIES_SAMPLES:
      rc = ys__store_read_list(r, key, "[iterations, value] pairs",
                               sizeof(ys_sample), ys__store_item_sample,
                               (void **)&s->samples, &s->n_samples);
      break;
    case YS__SERIES_ESTIMATES:
      rc = ys__store_read_estimates(r, a);
      break;
    case YS__SERIES_HAS_SLOPE:
      rc = ys__store_read_bool(r, key, &a->has_slope);
      break;
    case YS__SERIES_KIND: {
      char word[16];
      rc = ys__store_read_text(r, key, word, sizeof(word), true);
      if (rc == 0 && !ys_metric_kind_parse(word, &s->kind))
        rc = ys__store_fail(r, ys__store_line(r),
                            "'kind' must be 'time' or 'count'");
      break;
    }
    case YS__SERIES_EXACT:
      rc = ys__store_read_bool(r, key, &s->exact);
      break;
    case YS__SERIES_R_SQUARED:
      rc = ys__store_read_double(r, key, true, &a->r_squared);
      break;
    case YS__SERIES_LAG1:
      rc = ys__store_read_double(r, key, true, &a->lag1_autocorrelation);
      break;
    case YS__SERIES_OUTLIERS:
      rc = ys__store_read_outliers(r, &a->outliers);
      break;
    case YS__SERIES_ROUND_MIN:
    case YS__SERIES_ROUND_MEDIAN:
    case YS__SERIES_ROUND_MAX:
    case YS__SERIES_ROUND_MEAN:
    case YS__SERIES_ROUND_STD_DEV:
    case YS__SERIES_NOISY_SHARE:
      /* These feed the comparison, so "not computed" is not an option. */
      rc = ys__store_read_double(r, key, false, summary[idx]);
      break;
    case YS__SERIES_WARNINGS:
      rc = ys__store_read_warnings(r, &a->warnings);
      break;
    case YS__SERIES_SUGGESTED:
      rc = ys__store_read_size(r, key, &a->suggested_sample_size);
      break;
    default:
      rc = ys__store_skip(r);
      break;
    }
    if (rc != 0) return rc;
  }
  if (rc != 0) return rc;
  const uint64_t kind_bits =
      (1ull << YS__SERIES_KIND) | (1ull << YS__SERIES_EXACT);
  if (s->metric == NULL || s->unit == NULL || (seen & kind_bits) != kind_bits)
    return ys__store_fail(r, start,
                          "a series needs a 'metric', a 'unit', a 'kind' and "
                          "'exact'");
  return ys__store_join_rounds(r, rl, s);
}

static int ys__store_read_series(ys__reader *r, ys_series *s) {
  if (r->ev.type != YAML_MAPPING_START_EVENT)
    return ys__store_fail(r, ys__store_line(r),
                          "each entry of 'series' must be a mapping");
  ys__rounds rl = {0};
  int rc = ys__store_read_series_fields(r, s, &rl);
  free(rl.estimates);
  free(rl.linear);
  free(rl.sizes);
  return rc;
}

static int ys__store_read_series_list(ys__reader *r, ys_bench_result *res) {
  if (r->ev.type != YAML_SEQUENCE_START_EVENT)
    return ys__store_fail(r, ys__store_line(r),
                          "'series' must be a list of mappings");
  size_t cap = 0;
  for (;;) {
    int rc = ys__store_next(r);
    if (rc != 0) return rc;
    if (r->ev.type == YAML_SEQUENCE_END_EVENT) return 0;
    if (++r->n_series > YS__STORE_MAX_SERIES)
      return ys__store_fail(r, ys__store_line(r),
                            "more than %u series: too large for a baseline",
                            YS__STORE_MAX_SERIES);
    rc = ys__store_grow(r, (void **)&res->series, &cap, res->n_series,
                        sizeof(*res->series));
    if (rc != 0) return rc;
    /* Counted before it is filled, so the cleanup frees whatever it got. */
    ys_series *s = &res->series[res->n_series++];
    memset(s, 0, sizeof(*s));
    if ((rc = ys__store_read_series(r, s)) != 0) return rc;
  }
}

enum {
  YS__BENCH_NAME,
  YS__BENCH_STATUS,
  YS__BENCH_MESSAGE,
  YS__BENCH_BYTES,
  YS__BENCH_ELEMENTS,
  YS__BENCH_TOTAL,
  YS__BENCH_ELAPSED,
  YS__BENCH_SERIES,
  YS__BENCH_N_KEYS,
};

static const char *const ys__store_bench_keys[YS__BENCH_N_KEYS] = {
    [YS__BENCH_NAME] = "name",
    [YS__BENCH_STATUS] = "status",
    [YS__BENCH_MESSAGE] = "message",
    [YS__BENCH_BYTES] = "bytes_per_iteration",
    [YS__BENCH_ELEMENTS] = "elements_per_iteration",
    [YS__BENCH_TOTAL] = "total_iterations",
    [YS__BENCH_ELAPSED] = "elapsed_s",
    [YS__BENCH_SERIES] = "series",
};

static int ys__store_read_status(ys__reader *r, ys_bench_status *out) {
  if (r->ev.type == YAML_SCALAR_EVENT)
    for (size_t i = 0; i <= YS_BENCH_FAILED; i++)
      if (ys__store_is_scalar_text(r,
                                   ys_bench_status_name((ys_bench_status)i))) {
        *out = (ys_bench_status)i;
        return 0;
      }
  return ys__store_fail(r, ys__store_line(r),
                        "'status' must be ok, skipped or failed");
}

static int ys__store_read_bench(ys__reader *r, ys_bench_result *res) {
  if (r->ev.type != YAML_MAPPING_START_EVENT)
    return ys__store_fail(r, ys__store_line(r),
                          "each entry of 'benchmarks' must be a mapping");
  size_t start = ys__store_line(r);
  uint64_t seen = 0;
  int idx = -1, rc;
  while ((rc = ys__store_next_key(r, ys__store_bench_keys, YS__BENCH_N_KEYS,
                                  &seen, &idx)) == 1) {
    const char *key = idx < 0 ? "" : ys__store_bench_keys[idx];
    switch (idx) {
    case YS__BENCH_NAME:
      rc = ys__store_read_text(r, key, res->name, sizeof(res->name), true);
      if (rc == 0 && res->name[0] == '\0')
        rc = ys__store_fail(r, ys__store_line(r), "'name' must not be empty");
      break;
    case YS__BENCH_STATUS:
      rc = ys__store_read_status(r, &res->status);
      break;
    case YS__BENCH_MESSAGE:
      rc = ys__store_read_text(r, key, res->message, sizeof(res->message),
                               false);
      break;
    case YS__BENCH_BYTES:
      rc = ys__store_read_uint(r, key, UINT64_MAX, &res->bytes_per_iteration);
      break;
    case YS__BENCH_ELEMENTS:
      rc =
          ys__store_read_uint(r, key, UINT64_MAX, &res->elements_per_iteration);
      break;
    case YS__BENCH_TOTAL:
      rc = ys__store_read_uint(r, key, UINT64_MAX, &res->total_iterations);
      break;
    case YS__BENCH_ELAPSED:
      rc = ys__store_read_double(r, key, false, &res->elapsed_s);
      break;
    case YS__BENCH_SERIES:
      rc = ys__store_read_series_list(r, res);
      break;
    default:
      rc = ys__store_skip(r);
      break;
    }
    if (rc != 0) return rc;
  }
  if (rc == 0 && res->name[0] == '\0')
    return ys__store_fail(r, start, "a benchmark needs a 'name'");
  return rc;
}

static int ys__store_read_benches(ys__reader *r, ys__load *ld) {
  if (r->ev.type != YAML_SEQUENCE_START_EVENT)
    return ys__store_fail(r, ys__store_line(r),
                          "'benchmarks' must be a list of mappings");
  for (;;) {
    int rc = ys__store_next(r);
    if (rc != 0) return rc;
    if (r->ev.type == YAML_SEQUENCE_END_EVENT) return 0;
    if (ld->run.n_benches >= YS__STORE_MAX_BENCHES)
      return ys__store_fail(r, ys__store_line(r),
                            "more than %u benchmarks: too large for a baseline",
                            YS__STORE_MAX_BENCHES);
    size_t cap = ld->bench_cap;
    rc = ys__store_grow(r, (void **)&ld->run.benches, &ld->bench_cap,
                        ld->run.n_benches, sizeof(*ld->run.benches));
    if (rc != 0) return rc;
    if (ld->bench_cap != cap) {
      size_t *lines =
          realloc(ld->bench_lines, ld->bench_cap * sizeof(*ld->bench_lines));
      if (lines == NULL) {
        if (r->err_len > 0)
          snprintf(r->err, r->err_len, "%s: out of memory", r->path);
        return YS_ENOMEM;
      }
      ld->bench_lines = lines;
    }
    ld->bench_lines[ld->run.n_benches] = ys__store_line(r);
    ys_bench_result *res = &ld->run.benches[ld->run.n_benches++];
    memset(res, 0, sizeof(*res));
    if ((rc = ys__store_read_bench(r, res)) != 0) return rc;
  }
}

enum {
  YS__CTX_DATE,
  YS__CTX_HOST,
  YS__CTX_EXECUTABLE,
  YS__CTX_CPU,
  YS__CTX_NUM_CPUS,
  YS__CTX_MHZ,
  YS__CTX_SCALING,
  YS__CTX_ASLR,
  YS__CTX_LOAD_AVG,
  YS__CTX_CACHES,
  YS__CTX_COMPILER,
  YS__CTX_BUILD_TYPE,
  YS__CTX_LIBRARY_VERSION,
  YS__CTX_COLLECTOR,
  YS__CTX_GIT_COMMIT,
  YS__CTX_CLOCK_RESOLUTION,
  YS__CTX_LOOP_OVERHEAD,
  YS__CTX_SEED,
  YS__CTX_ROUNDS,
  YS__CTX_SAMPLE_SIZE,
  YS__CTX_WARM_UP,
  YS__CTX_MEASUREMENT,
  YS__CTX_N_KEYS,
};

static const char *const ys__store_ctx_keys[YS__CTX_N_KEYS] = {
    [YS__CTX_DATE] = "date",
    [YS__CTX_HOST] = "host",
    [YS__CTX_EXECUTABLE] = "executable",
    [YS__CTX_CPU] = "cpu",
    [YS__CTX_NUM_CPUS] = "num_cpus",
    [YS__CTX_MHZ] = "mhz_per_cpu",
    [YS__CTX_SCALING] = "cpu_scaling_enabled",
    [YS__CTX_ASLR] = "aslr_enabled",
    [YS__CTX_LOAD_AVG] = "load_avg",
    [YS__CTX_CACHES] = "caches",
    [YS__CTX_COMPILER] = "compiler",
    [YS__CTX_BUILD_TYPE] = "build_type",
    [YS__CTX_LIBRARY_VERSION] = "library_version",
    [YS__CTX_COLLECTOR] = "collector",
    [YS__CTX_GIT_COMMIT] = "git_commit",
    [YS__CTX_CLOCK_RESOLUTION] = "clock_resolution_ns",
    [YS__CTX_LOOP_OVERHEAD] = "loop_overhead_ns",
    [YS__CTX_SEED] = "seed",
    [YS__CTX_ROUNDS] = "rounds",
    [YS__CTX_SAMPLE_SIZE] = "sample_size",
    [YS__CTX_WARM_UP] = "warm_up_time_s",
    [YS__CTX_MEASUREMENT] = "measurement_time_s",
};

static int ys__store_read_cache(ys__reader *r, ys_cache_info *c) {
  static const char *const keys[] = {"type", "level", "size", "num_sharing"};
  if (r->ev.type != YAML_MAPPING_START_EVENT)
    return ys__store_fail(r, ys__store_line(r),
                          "each entry of 'caches' must be a mapping");
  uint64_t seen = 0, v = 0;
  int idx = -1, rc;
  while ((rc = ys__store_next_key(r, keys, 4, &seen, &idx)) == 1) {
    switch (idx) {
    case 0:
      rc = ys__store_read_text(r, keys[0], c->type, sizeof(c->type), false);
      break;
    case 1:
      if ((rc = ys__store_read_uint(r, keys[1], INT_MAX, &v)) == 0)
        c->level = (int)v;
      break;
    case 2:
      if ((rc = ys__store_read_uint(r, keys[2], LONG_MAX, &v)) == 0)
        c->size = (long)v;
      break;
    case 3:
      if ((rc = ys__store_read_uint(r, keys[3], INT_MAX, &v)) == 0)
        c->num_sharing = (int)v;
      break;
    default:
      rc = ys__store_skip(r);
      break;
    }
    if (rc != 0) return rc;
  }
  return rc;
}

static int ys__store_read_caches(ys__reader *r, ys_context *ctx) {
  if (r->ev.type != YAML_SEQUENCE_START_EVENT)
    return ys__store_fail(r, ys__store_line(r),
                          "'caches' must be a list of mappings");
  for (;;) {
    int rc = ys__store_next(r);
    if (rc != 0) return rc;
    if (r->ev.type == YAML_SEQUENCE_END_EVENT) return 0;
    if (ctx->n_caches == YS_MAX_CACHES)
      return ys__store_fail(r, ys__store_line(r),
                            "'caches' has more than %d entries", YS_MAX_CACHES);
    if ((rc = ys__store_read_cache(r, &ctx->caches[ctx->n_caches++])) != 0)
      return rc;
  }
}

static int ys__store_read_context(ys__reader *r, ys__load *ld) {
  if (r->ev.type != YAML_MAPPING_START_EVENT)
    return ys__store_fail(r, ys__store_line(r), "'context' must be a mapping");
  ys_context *c = &ld->ctx;
  uint64_t seen = 0, v = 0;
  int idx = -1, rc;
  while ((rc = ys__store_next_key(r, ys__store_ctx_keys, YS__CTX_N_KEYS, &seen,
                                  &idx)) == 1) {
    const char *key = idx < 0 ? "" : ys__store_ctx_keys[idx];
    switch (idx) {
    case YS__CTX_DATE:
      rc = ys__store_read_text(r, key, c->date, sizeof(c->date), false);
      break;
    case YS__CTX_HOST:
      rc = ys__store_read_text(r, key, c->host_name, sizeof(c->host_name),
                               false);
      break;
    case YS__CTX_EXECUTABLE:
      rc = ys__store_read_text(r, key, c->executable, sizeof(c->executable),
                               false);
      break;
    case YS__CTX_CPU:
      rc = ys__store_read_text(r, key, c->cpu_model, sizeof(c->cpu_model),
                               false);
      break;
    case YS__CTX_NUM_CPUS:
      if ((rc = ys__store_read_uint(r, key, INT_MAX, &v)) == 0)
        c->num_cpus = (int)v;
      break;
    case YS__CTX_MHZ:
      rc = ys__store_read_double(r, key, true, &c->mhz_per_cpu);
      break;
    case YS__CTX_SCALING:
      rc = ys__store_read_bool(r, key, &c->cpu_scaling_enabled);
      break;
    case YS__CTX_ASLR:
      rc = ys__store_read_bool(r, key, &c->aslr_enabled);
      break;
    case YS__CTX_LOAD_AVG:
      rc = ys__store_read_fixed(r, key, c->load_avg, 3);
      break;
    case YS__CTX_CACHES:
      rc = ys__store_read_caches(r, c);
      break;
    case YS__CTX_COMPILER:
    case YS__CTX_BUILD_TYPE:
    case YS__CTX_LIBRARY_VERSION:
    case YS__CTX_COLLECTOR:
      rc = ys__store_read_string(r, key,
                                 &ld->ctx_strings[idx - YS__CTX_COMPILER]);
      break;
    case YS__CTX_GIT_COMMIT:
      rc = ys__store_read_text(r, key, c->git_commit, sizeof(c->git_commit),
                               false);
      break;
    case YS__CTX_CLOCK_RESOLUTION:
      rc = ys__store_read_double(r, key, true, &c->clock_resolution_ns);
      break;
    case YS__CTX_LOOP_OVERHEAD:
      rc = ys__store_read_double(r, key, true, &c->loop_overhead_ns);
      break;
    case YS__CTX_SEED:
      rc = ys__store_read_uint(r, key, UINT64_MAX, &c->seed);
      break;
    case YS__CTX_ROUNDS:
      rc = ys__store_read_size(r, key, &c->rounds);
      break;
    case YS__CTX_SAMPLE_SIZE:
      rc = ys__store_read_size(r, key, &c->sample_size);
      break;
    case YS__CTX_WARM_UP:
      rc = ys__store_read_double(r, key, false, &c->warm_up_time_s);
      break;
    case YS__CTX_MEASUREMENT:
      rc = ys__store_read_double(r, key, false, &c->measurement_time_s);
      break;
    default:
      rc = ys__store_skip(r);
      break;
    }
    if (rc != 0) return rc;
  }
  return rc;
}

/* Moves from the start of the stream to the first event of the top-level
 * node, which must be a mapping. */
static int ys__store_open_document(ys__reader *r) {
  int rc = ys__store_next(r);
  if (rc == 0) rc = ys__store_next(r);
  if (rc != 0) return rc;
  if (r->ev.type == YAML_STREAM_END_EVENT)
    return ys__store_fail(r, 1, "holds no YAML document");
  if ((rc = ys__store_next(r)) != 0) return rc;
  if (r->ev.type != YAML_MAPPING_START_EVENT)
    return ys__store_fail(r, ys__store_line(r),
                          "the top level must be a mapping");
  return 0;
}

/* First pass: finds and checks the schema version, reading nothing else. */
static int ys__store_check_version(ys__reader *r) {
  static const char *const keys[] = {"yardstick"};
  int rc = ys__store_open_document(r);
  if (rc != 0) return rc;
  uint64_t seen = 0;
  int idx = -1;
  while ((rc = ys__store_next_key(r, keys, 1, &seen, &idx)) == 1) {
    if (idx < 0) {
      if ((rc = ys__store_skip(r)) != 0) return rc;
      continue;
    }
    size_t line = ys__store_line(r);
    char buf[YS__STORE_NUMBER_MAX];
    size_t len = r->ev.type == YAML_SCALAR_EVENT ? r->ev.data.scalar.length : 0;
    if (r->ev.type != YAML_SCALAR_EVENT ||
        r->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE || len == 0 ||
        len >= sizeof(buf))
      return ys__store_fail(r, line,
                            "'yardstick' must be an integer schema version");
    memcpy(buf, r->ev.data.scalar.value, len);
    buf[len] = '\0';
    errno = 0;
    char *end;
    long long version = strtoll(buf, &end, 10);
    if (end != buf + len || errno == ERANGE ||
        strspn(buf + (buf[0] == '-'), "0123456789") != len - (buf[0] == '-'))
      return ys__store_fail(r, line,
                            "'yardstick' must be an integer schema version");
    if (version > YS_BASELINE_VERSION)
      return ys__store_fail(r, line,
                            "baseline schema version %lld is newer than this "
                            "yardstick reads (%d); upgrade yardstick",
                            version, YS_BASELINE_VERSION);
    if (version == 1)
      return ys__store_fail(r, line,
                            "baseline schema version 1 does not say which "
                            "metrics are exact; this yardstick reads version "
                            "%d: save the baseline again",
                            YS_BASELINE_VERSION);
    if (version != YS_BASELINE_VERSION)
      return ys__store_fail(r, line,
                            "baseline schema version %lld is not one this "
                            "yardstick reads (%d)",
                            version, YS_BASELINE_VERSION);
    return 0;
  }
  if (rc != 0) return rc;
  return ys__store_fail(r, 1,
                        "no 'yardstick' schema version: not a yardstick "
                        "baseline");
}

/* Second pass: reads the whole document into ld. */
static int ys__store_read_document(ys__reader *r, ys__load *ld) {
  static const char *const keys[] = {"yardstick", "name", "created", "context",
                                     "benchmarks"};
  int rc = ys__store_open_document(r);
  if (rc != 0) return rc;
  uint64_t seen = 0;
  int idx = -1;
  while ((rc = ys__store_next_key(r, keys, 5, &seen, &idx)) == 1) {
    switch (idx) {
    case 1:
      rc = ys__store_read_string(r, keys[1], &ld->name);
      break;
    case 2:
      rc = ys__store_read_string(r, keys[2], &ld->created);
      break;
    case 3:
      rc = ys__store_read_context(r, ld);
      break;
    case 4:
      rc = ys__store_read_benches(r, ld);
      break;
    default:
      /* The version was checked by the first pass. */
      rc = ys__store_skip(r);
      break;
    }
    if (rc != 0) return rc;
  }
  if (rc != 0) return rc;
  if (!(seen & (UINT64_C(1) << 4)))
    return ys__store_fail(r, 1, "no 'benchmarks' list");
  if ((rc = ys__store_next(r)) != 0) return rc;
  /* Without "..." a file cut at a line boundary would pass for whole. */
  if (r->ev.type != YAML_DOCUMENT_END_EVENT || r->ev.data.document_end.implicit)
    return ys__store_fail(r, ys__store_line(r),
                          "the document does not end with '...': the file is "
                          "truncated");
  if ((rc = ys__store_next(r)) != 0) return rc;
  if (r->ev.type != YAML_STREAM_END_EVENT)
    return ys__store_fail(r, ys__store_line(r),
                          "holds more than one YAML document");
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Loading: assembling the baseline                                          */

/* Orders benchmark indices by name, then by line, so that of two equal
 * names the later one in the file comes second. */
static int ys__store_compare_index(const void *pa, const void *pb, void *data) {
  size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
  const ys__load *ld = data;
  int order = strcmp(ld->run.benches[a].name, ld->run.benches[b].name);
  if (order != 0) return order;
  return ld->bench_lines[a] < ld->bench_lines[b]   ? -1
         : ld->bench_lines[a] > ld->bench_lines[b] ? 1
                                                   : 0;
}

/* Sorts the benchmarks by name and refuses a name given twice, naming the
 * line of the later one. */
static int ys__store_sort_benches(ys__reader *r, ys__load *ld) {
  size_t n = ld->run.n_benches;
  if (n < 2) return 0;
  size_t *order = malloc(n * sizeof(*order));
  ys_bench_result *sorted = malloc(n * sizeof(*sorted));
  int rc = 0;
  if (order == NULL || sorted == NULL) {
    if (r->err_len > 0)
      snprintf(r->err, r->err_len, "%s: out of memory", r->path);
    rc = YS_ENOMEM;
    goto done;
  }
  for (size_t i = 0; i < n; i++)
    order[i] = i;
  qsort_r(order, n, sizeof(*order), ys__store_compare_index, ld);
  for (size_t i = 1; i < n; i++) {
    const char *name = ld->run.benches[order[i]].name;
    if (strcmp(ld->run.benches[order[i - 1]].name, name) == 0) {
      rc = ys__store_fail(r, ld->bench_lines[order[i]],
                          "duplicate benchmark '%s'", name);
      goto done;
    }
  }
  for (size_t i = 0; i < n; i++)
    sorted[i] = ld->run.benches[order[i]];
  memcpy(ld->run.benches, sorted, n * sizeof(*sorted));
done:
  free(order);
  free(sorted);
  return rc;
}

/* Appends `s` to the string block at *used; returns where it landed. */
static const char *ys__store_pack(char *block, size_t *used, const char *s) {
  char *at = block + *used;
  size_t len = strlen(s) + 1;
  memcpy(at, s, len);
  *used += len;
  return at;
}

/* Moves every string held in its own allocation (context strings, series'
 * metric and unit) into one block owned by the baseline. */
static int ys__store_pack_strings(ys__reader *r, ys__load *ld, char **out) {
  static const char *const none = "";
  size_t total = 0;
  for (size_t i = 0; i < 4; i++)
    total += strlen(ld->ctx_strings[i] != NULL ? ld->ctx_strings[i] : none) + 1;
  for (size_t i = 0; i < ld->run.n_benches; i++)
    for (size_t m = 0; m < ld->run.benches[i].n_series; m++) {
      const ys_series *s = &ld->run.benches[i].series[m];
      total += strlen(s->metric) + strlen(s->unit) + 2;
    }
  char *block = malloc(total);
  if (block == NULL) {
    if (r->err_len > 0)
      snprintf(r->err, r->err_len, "%s: out of memory", r->path);
    return YS_ENOMEM;
  }
  size_t used = 0;
  const char **ctx_fields[] = {&ld->ctx.compiler, &ld->ctx.build_type,
                               &ld->ctx.library_version, &ld->ctx.collector};
  for (size_t i = 0; i < 4; i++) {
    *ctx_fields[i] = ys__store_pack(
        block, &used, ld->ctx_strings[i] != NULL ? ld->ctx_strings[i] : none);
    free(ld->ctx_strings[i]);
    ld->ctx_strings[i] = NULL;
  }
  for (size_t i = 0; i < ld->run.n_benches; i++)
    for (size_t m = 0; m < ld->run.benches[i].n_series; m++) {
      ys_series *s = &ld->run.benches[i].series[m];
      char *metric = (char *)s->metric, *unit = (char *)s->unit;
      s->metric = ys__store_pack(block, &used, metric);
      s->unit = ys__store_pack(block, &used, unit);
      free(metric);
      free(unit);
    }
  *out = block;
  return 0;
}

/* Frees what a load holds that has not moved into a baseline. */
static void ys__store_load_free(ys__load *ld) {
  for (size_t i = 0; i < ld->run.n_benches; i++)
    for (size_t m = 0; m < ld->run.benches[i].n_series; m++) {
      free((char *)ld->run.benches[i].series[m].metric);
      free((char *)ld->run.benches[i].series[m].unit);
    }
  ys_run_result_free(&ld->run);
  for (size_t i = 0; i < 4; i++)
    free(ld->ctx_strings[i]);
  free(ld->bench_lines);
  free(ld->name);
  free(ld->created);
}

/* Reads the file whole, refusing what is not a regular file or is too
 * large before reading it. Caller frees *text. */
static int ys__store_read_file(const char *path, char **text, size_t *len,
                               char *err, size_t err_len) {
  /* O_NONBLOCK: opening a FIFO someone put there must not hang; fstat then
   * refuses it. */
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    int errnum = errno;
    if (errnum == ENOENT) {
      if (err_len > 0) snprintf(err, err_len, "baseline '%s' not found", path);
      return YS_ENOENT;
    }
    if (err_len > 0)
      snprintf(err, err_len, "cannot read baseline '%s': %s", path,
               strerror(errnum));
    return YS_EIO;
  }
  int rc;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    if (err_len > 0)
      snprintf(err, err_len, "cannot read baseline '%s': %s", path,
               strerror(errno));
    rc = YS_EIO;
    goto err_close;
  }
  if (!S_ISREG(st.st_mode)) {
    if (err_len > 0)
      snprintf(err, err_len, "baseline '%s' is not a regular file", path);
    rc = YS_EFORMAT;
    goto err_close;
  }
  if (st.st_size > YS_BASELINE_MAX_BYTES) {
    if (err_len > 0)
      snprintf(err, err_len,
               "baseline '%s' is too large (%lld bytes, at most %ld)", path,
               (long long)st.st_size, YS_BASELINE_MAX_BYTES);
    rc = YS_EFORMAT;
    goto err_close;
  }
  size_t size = (size_t)st.st_size;
  char *buf = malloc(size + 1);
  if (buf == NULL) {
    if (err_len > 0) snprintf(err, err_len, "%s: out of memory", path);
    rc = YS_ENOMEM;
    goto err_close;
  }
  /* The size may change under us; never read past what was checked. */
  size_t got = 0;
  while (got < size) {
    ssize_t n = read(fd, buf + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      if (err_len > 0)
        snprintf(err, err_len, "cannot read baseline '%s': %s", path,
                 strerror(errno));
      rc = YS_EIO;
      goto err_free_buf;
    }
    if (n == 0) break;
    got += (size_t)n;
  }
  if (got == 0) {
    if (err_len > 0) snprintf(err, err_len, "baseline '%s' is empty", path);
    rc = YS_EFORMAT;
    goto err_free_buf;
  }
  buf[got] = '\0';
  close(fd);
  *text = buf;
  *len = got;
  return 0;

err_free_buf:
  free(buf);
err_close:
  close(fd);
  return rc;
}

/* Runs one parser pass over the text with `pass`. */
static int ys__store_pass(ys__reader *r, const char *text, size_t len,
                          int (*pass)(ys__reader *, ys__load *), ys__load *ld) {
  if (!yaml_parser_initialize(&r->parser)) {
    if (r->err_len > 0)
      snprintf(r->err, r->err_len, "%s: out of memory", r->path);
    return YS_ENOMEM;
  }
  ys__store_reader_open(r, text, len);
  int rc = pass(r, ld);
  ys__store_reader_close(r);
  return rc;
}

static int ys__store_version_pass(ys__reader *r, ys__load *ld) {
  (void)ld;
  return ys__store_check_version(r);
}

int ys_store_load(const char *path, ys_baseline **out, char *err,
                  size_t err_len) {
  if (err_len > 0) err[0] = '\0';
  if (path == NULL || out == NULL) {
    if (err_len > 0) snprintf(err, err_len, "no baseline path");
    return YS_EINVAL;
  }
  *out = NULL;
  char *text;
  size_t len;
  int rc = ys__store_read_file(path, &text, &len, err, err_len);
  if (rc != 0) return rc;

  ys__reader r = {.path = path, .err = err, .err_len = err_len};
  ys__load ld = {0};
  ys_baseline *b = NULL;
  r.c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
  if (r.c_locale == (locale_t)0) {
    if (err_len > 0) snprintf(err, err_len, "%s: out of memory", path);
    rc = YS_ENOMEM;
    goto err_free_text;
  }
  rc = ys__store_pass(&r, text, len, ys__store_version_pass, &ld);
  if (rc == 0) rc = ys__store_pass(&r, text, len, ys__store_read_document, &ld);
  if (rc == 0) rc = ys__store_sort_benches(&r, &ld);
  if (rc != 0) goto err_free_load;

  b = calloc(1, sizeof(*b));
  if (b == NULL || (b->path = strdup(path)) == NULL ||
      (b->name = strdup(ld.name != NULL ? ld.name : "")) == NULL ||
      (b->created = strdup(ld.created != NULL ? ld.created : "")) == NULL) {
    if (err_len > 0) snprintf(err, err_len, "%s: out of memory", path);
    rc = YS_ENOMEM;
    goto err_free_load;
  }
  if ((rc = ys__store_pack_strings(&r, &ld, &b->strings)) != 0)
    goto err_free_load;
  b->ctx = ld.ctx;
  b->run = ld.run;
  ld.run = (ys_run_result){0};
  ys__store_load_free(&ld);
  freelocale(r.c_locale);
  free(text);
  *out = b;
  return 0;

err_free_load:
  ys_baseline_free(b);
  ys__store_load_free(&ld);
  freelocale(r.c_locale);
err_free_text:
  free(text);
  return rc;
}

void ys_baseline_free(ys_baseline *b) {
  if (b == NULL) return;
  ys_run_result_free(&b->run);
  free(b->strings);
  free(b->path);
  free(b->name);
  free(b->created);
  free(b);
}
