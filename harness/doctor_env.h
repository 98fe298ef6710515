/*
 * doctor_env.h — where `bench doctor` and the run context look at the
 * machine: every file under a root folder (normally "/", or the folder
 * YS_DOCTOR_ROOT names, so that a test can lay out a fake /proc and /sys),
 * and the few probes no file can stand for (perf_event_open, running a
 * program to ask its version, a pause) behind function pointers a test can
 * replace.
 */
#ifndef YS_DOCTOR_ENV_H
#define YS_DOCTOR_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The environment variable that points every read at a fake tree. */
#define YS_DOCTOR_ROOT_ENV "YS_DOCTOR_ROOT"

typedef struct ys_doctor_env {
  /* Prefixed to every absolute path read ("/proc/stat" becomes
   * root + "/proc/stat"); "" for the real machine. Borrowed. */
  const char *root;
  /* Opens and closes a counting perf event of `type` and `config` (as in
   * struct perf_event_attr) for this process on any CPU. Returns 0 when
   * the kernel accepted it, else the errno it gave. */
  int (*perf_open)(uint32_t type, uint64_t config);
  /* Runs `program` (looked up on PATH) with the single argument
   * "--version" and writes the first line it prints into `out`. Returns
   * false when the program cannot be found or does not exit 0. */
  bool (*version_of)(const char *program, char *out, size_t len);
  /* Waits `seconds`: between the two /proc/stat samples. */
  void (*pause)(double seconds);
} ys_doctor_env;

/*
 * The real machine's environment: the root from YS_DOCTOR_ROOT when it is
 * set and not empty (so an end-to-end test can point a whole program at a
 * fake tree), else ""; the real perf_event_open, PATH lookup and
 * nanosleep. The returned struct holds static storage only.
 */
ys_doctor_env ys_doctor_env_default(void);

/*
 * Writes root + `path` into `out`. Returns false when it does not fit.
 */
bool ys_doctor_path(const ys_doctor_env *env, const char *path, char *out,
                    size_t len);

/*
 * Reads the first line of the file at root + `path` into `out`, without
 * its newline. Returns false (with `out` empty) when it cannot be read.
 */
bool ys_doctor_read_line(const ys_doctor_env *env, const char *path, char *out,
                         size_t len);

/*
 * Reads the whole file at root + `path` (up to `len` - 1 bytes) into
 * `out`, terminated. Returns false (with `out` empty) when it cannot be
 * read.
 */
bool ys_doctor_read_text(const ys_doctor_env *env, const char *path, char *out,
                         size_t len);

/* Whether root + `path` exists. */
bool ys_doctor_exists(const ys_doctor_env *env, const char *path);

#endif
