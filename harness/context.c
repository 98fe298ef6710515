/*
 * context.c — gathers the run context from the C library, /proc and /sys.
 */
#include "context.h"

#include <ctype.h>
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <yardstick.h>

#include "../core/error.h"

/* The build normally defines these for the library; the fallbacks keep the
 * file usable when it is compiled on its own. */
#ifndef YS_COMPILER
#define YS_COMPILER __VERSION__
#endif
#ifndef YS_BUILD_TYPE
#ifdef NDEBUG
#define YS_BUILD_TYPE "release"
#else
#define YS_BUILD_TYPE "debug"
#endif
#endif

#define CONTEXT_SYS_CPU "/sys/devices/system/cpu"

/* The kernel numbers cache indexes from 0 without gaps, and no CPU has
 * nearly this many; the bound only stops the scan. */
#define CONTEXT_MAX_CACHE_INDEX 32

/* Reads the first line of a small file into `buf`, without its newline.
 * Returns false (and leaves `buf` empty) when the file cannot be read. */
static bool context_read_line(const char *path, char *buf, size_t len) {
  buf[0] = '\0';
  FILE *f = fopen(path, "r");
  if (f == NULL) return false;
  bool ok = fgets(buf, (int)len, f) != NULL;
  fclose(f);
  if (!ok) {
    buf[0] = '\0';
    return false;
  }
  buf[strcspn(buf, "\n")] = '\0';
  return true;
}

int ys_context_parse_cache_size(const char *text, long *bytes) {
  if (text == NULL || !isdigit((unsigned char)text[0])) return YS_EINVAL;
  errno = 0;
  char *end;
  long value = strtol(text, &end, 10);
  if (errno != 0) return YS_EINVAL;
  long unit = 1;
  switch (*end) {
  case '\0':
    break;
  case 'K':
    unit = 1024L;
    end++;
    break;
  case 'M':
    unit = 1024L * 1024;
    end++;
    break;
  case 'G':
    unit = 1024L * 1024 * 1024;
    end++;
    break;
  default:
    return YS_EINVAL;
  }
  if (*end != '\0' || value > LONG_MAX / unit) return YS_EINVAL;
  *bytes = value * unit;
  return 0;
}

/* Parses one CPU number at *p and advances *p past it. */
static bool context_parse_cpu(const char **p, unsigned long *out) {
  if (!isdigit((unsigned char)**p)) return false;
  errno = 0;
  char *end;
  *out = strtoul(*p, &end, 10);
  if (errno != 0) return false;
  *p = end;
  return true;
}

int ys_context_count_cpu_list(const char *list) {
  if (list == NULL) return YS_EINVAL;
  const char *p = list;
  unsigned long count = 0;
  for (;;) {
    unsigned long first, last;
    if (!context_parse_cpu(&p, &first)) return YS_EINVAL;
    last = first;
    if (*p == '-') {
      p++;
      if (!context_parse_cpu(&p, &last) || last < first) return YS_EINVAL;
    }
    if (last - first >= (unsigned long)INT_MAX - count) return YS_EINVAL;
    count += last - first + 1;
    if (*p == '\0') break;
    if (*p != ',') return YS_EINVAL;
    p++;
  }
  return (int)count;
}

/* Reads `<cache_dir>/index<index>/<name>` into `buf`. */
static bool context_read_cache_file(const char *cache_dir, int index,
                                    const char *name, char *buf, size_t len) {
  char path[PATH_MAX];
  int n = snprintf(path, sizeof(path), "%s/index%d/%s", cache_dir, index, name);
  if (n < 0 || (size_t)n >= sizeof(path)) return false;
  return context_read_line(path, buf, len);
}

/* Reads one index<N>/ directory; false when it does not describe a cache. */
static bool context_read_cache(const char *cache_dir, int index,
                               ys_cache_info *out) {
  char text[64];
  memset(out, 0, sizeof(*out));

  if (!context_read_cache_file(cache_dir, index, "type", text, sizeof(text)))
    return false;
  size_t len = strlen(text);
  if (len == 0 || len >= sizeof(out->type)) return false;
  memcpy(out->type, text, len + 1);

  if (!context_read_cache_file(cache_dir, index, "level", text, sizeof(text)))
    return false;
  char *end;
  errno = 0;
  long level = strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || level < 1 || level > 9)
    return false;
  out->level = (int)level;

  if (!context_read_cache_file(cache_dir, index, "size", text, sizeof(text)) ||
      ys_context_parse_cache_size(text, &out->size) != 0 || out->size <= 0)
    return false;

  /* Who shares a cache is a detail: a cache without it is still reported. */
  if (context_read_cache_file(cache_dir, index, "shared_cpu_list", text,
                              sizeof(text))) {
    int sharing = ys_context_count_cpu_list(text);
    out->num_sharing = sharing > 0 ? sharing : 0;
  }
  return true;
}

size_t ys_context_read_caches(const char *cache_dir, ys_cache_info *out,
                              size_t max) {
  size_t n = 0;
  for (int i = 0; i < CONTEXT_MAX_CACHE_INDEX && n < max; i++)
    if (context_read_cache(cache_dir, i, &out[n])) n++;
  return n;
}

bool ys_context_is_scaling_enabled(const char *pattern) {
  glob_t g;
  if (glob(pattern, 0, NULL, &g) != 0) return false;
  bool enabled = false;
  for (size_t i = 0; i < g.gl_pathc && !enabled; i++) {
    char governor[64];
    if (context_read_line(g.gl_pathv[i], governor, sizeof(governor)))
      enabled = strcmp(governor, "performance") != 0;
  }
  globfree(&g);
  return enabled;
}

/* If `line` is "<key><blanks>: <value>", returns the value, else NULL. */
static const char *context_cpuinfo_value(const char *line, const char *key) {
  size_t len = strlen(key);
  if (strncmp(line, key, len) != 0) return NULL;
  line += len;
  line += strspn(line, " \t");
  if (*line != ':') return NULL;
  line++;
  return line + strspn(line, " \t");
}

static void context_read_cpuinfo(ys_context *ctx) {
  FILE *f = fopen("/proc/cpuinfo", "r");
  if (f == NULL) return;
  /* getline, since the "flags" lines are longer than any fixed buffer
   * worth keeping on the stack. */
  char *line = NULL;
  size_t cap = 0;
  bool have_model = false, have_mhz = false;
  while ((!have_model || !have_mhz) && getline(&line, &cap, f) != -1) {
    line[strcspn(line, "\n")] = '\0';
    const char *value;
    if (!have_model &&
        (value = context_cpuinfo_value(line, "model name")) != NULL) {
      snprintf(ctx->cpu_model, sizeof(ctx->cpu_model), "%s", value);
      have_model = true;
    } else if (!have_mhz &&
               (value = context_cpuinfo_value(line, "cpu MHz")) != NULL) {
      char *end;
      double mhz = strtod(value, &end);
      if (end != value && mhz > 0) {
        ctx->mhz_per_cpu = mhz;
        have_mhz = true;
      }
    }
  }
  free(line);
  fclose(f);
}

/* Where /proc/cpuinfo has no "cpu MHz" (e.g. on ARM), cpufreq still gives
 * the maximum frequency, in kHz. */
static double context_read_max_mhz(void) {
  char text[64];
  if (!context_read_line(CONTEXT_SYS_CPU "/cpu0/cpufreq/cpuinfo_max_freq", text,
                         sizeof(text)))
    return 0;
  char *end;
  double khz = strtod(text, &end);
  return end != text && khz > 0 ? khz / 1000.0 : 0;
}

static void context_read_date(ys_context *ctx) {
  time_t now = time(NULL);
  struct tm tm;
  if (now == (time_t)-1 || gmtime_r(&now, &tm) == NULL) return;
  strftime(ctx->date, sizeof(ctx->date), "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void context_read_executable(ys_context *ctx) {
  ssize_t n =
      readlink("/proc/self/exe", ctx->executable, sizeof(ctx->executable) - 1);
  /* A result that fills the buffer may be cut short: better no path than
   * a wrong one. */
  if (n < 0 || (size_t)n >= sizeof(ctx->executable) - 1) n = 0;
  ctx->executable[n] = '\0';
}

/* ASLR as this process sees it: off system-wide, or off for this process
 * (as the callgrind collector runs the measured program). */
static bool context_read_aslr(void) {
  int persona = personality(0xffffffff);
  if (persona != -1 && (persona & ADDR_NO_RANDOMIZE) != 0) return false;
  char text[16];
  if (!context_read_line("/proc/sys/kernel/randomize_va_space", text,
                         sizeof(text)))
    return false;
  return text[0] != '\0' && strcmp(text, "0") != 0;
}

/* The commit being measured, when the environment says: CI systems export
 * it (GITHUB_SHA); YARDSTICK_GIT_COMMIT lets anyone else. No subprocess: a
 * benchmark program must not depend on git being installed. */
static void context_read_git_commit(ys_context *ctx) {
  const char *commit = getenv("YARDSTICK_GIT_COMMIT");
  if (commit == NULL || commit[0] == '\0') commit = getenv("GITHUB_SHA");
  snprintf(ctx->git_commit, sizeof(ctx->git_commit), "%s",
           commit != NULL ? commit : "");
}

void ys_context_collect(ys_context *ctx) {
  ctx->date[0] = '\0';
  ctx->host_name[0] = '\0';
  ctx->cpu_model[0] = '\0';
  ctx->mhz_per_cpu = 0;

  context_read_date(ctx);

  if (gethostname(ctx->host_name, sizeof(ctx->host_name)) != 0)
    ctx->host_name[0] = '\0';
  /* POSIX leaves a truncated name unterminated. */
  ctx->host_name[sizeof(ctx->host_name) - 1] = '\0';

  context_read_executable(ctx);
  context_read_git_commit(ctx);

  context_read_cpuinfo(ctx);
  if (ctx->mhz_per_cpu <= 0) ctx->mhz_per_cpu = context_read_max_mhz();

  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  ctx->num_cpus = cpus > 0 && cpus <= INT_MAX ? (int)cpus : 0;

  ctx->cpu_scaling_enabled = ys_context_is_scaling_enabled(
      CONTEXT_SYS_CPU "/cpu*/cpufreq/scaling_governor");
  ctx->aslr_enabled = context_read_aslr();

  double load[3] = {0, 0, 0};
  int n_load = getloadavg(load, 3);
  for (int i = 0; i < 3; i++)
    ctx->load_avg[i] = i < n_load ? load[i] : 0;

  memset(ctx->caches, 0, sizeof(ctx->caches));
  ctx->n_caches = ys_context_read_caches(CONTEXT_SYS_CPU "/cpu0/cache",
                                         ctx->caches, YS_MAX_CACHES);

  ctx->compiler = YS_COMPILER;
  ctx->build_type = YS_BUILD_TYPE;
  ctx->library_version = YS_VERSION_STRING;
}

void ys_context_record_max_rss(ys_context *ctx) {
  /* Linux reports ru_maxrss in kibibytes. Workers are children: their
   * largest is RUSAGE_CHILDREN's, once they have been waited for. */
  struct rusage self, children;
  long kib = 0;
  if (getrusage(RUSAGE_SELF, &self) == 0) kib = self.ru_maxrss;
  if (getrusage(RUSAGE_CHILDREN, &children) == 0 && children.ru_maxrss > kib)
    kib = children.ru_maxrss;
  ctx->max_rss_bytes = kib > 0 ? (uint64_t)kib * 1024 : 0;
}
