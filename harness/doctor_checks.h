/*
 * doctor_checks.h — the checks of `bench doctor` (docs/doctor.md): each
 * looks at one thing that makes measurements unreliable or impossible on
 * this machine and appends findings: ok, warning or problem, one line
 * saying what was found, and the command that fixes it where one exists.
 *
 * Every check reads through a ys_doctor_env (doctor_env.h), so a test can
 * point it at a fake /proc and /sys and replace the probes no file can
 * stand for.
 */
#ifndef YS_DOCTOR_CHECKS_H
#define YS_DOCTOR_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

#include "doctor_env.h"

typedef enum ys_doctor_level {
  YS_DOCTOR_OK,
  /* The fact could not be read here (a file of /proc or /sys is missing):
   * nothing is known to be wrong, and nothing is known to be right. */
  YS_DOCTOR_UNKNOWN,
  /* Measuring works, but results will be noisier or biased. */
  YS_DOCTOR_WARNING,
  /* A collector that was asked for (--collector) cannot work here. */
  YS_DOCTOR_PROBLEM,
} ys_doctor_level;

typedef struct ys_doctor_finding {
  const char *check; /* what was checked, e.g. "governor"; static storage */
  ys_doctor_level level;
  char text[240]; /* what was found, one line */
  char fix[200];  /* the command that fixes it; "" when there is none */
} ys_doctor_finding;

#define YS_DOCTOR_MAX_FINDINGS 24

typedef struct ys_doctor_report {
  ys_doctor_finding items[YS_DOCTOR_MAX_FINDINGS];
  size_t n;
} ys_doctor_report;

/* What the user means to run: a missing tool is a problem only for the
 * collector that needs it, a warning otherwise. */
typedef struct ys_doctor_wants {
  bool perf;      /* --collector perf (or wall,perf) */
  bool callgrind; /* --collector callgrind */
} ys_doctor_wants;

/* The word of a level: "ok", "warning", "problem". */
const char *ys_doctor_level_name(ys_doctor_level level);

/*
 * Appends a finding to `r` (dropped when r is full). `fix` may be NULL.
 * `fmt` is printf's.
 */
void ys_doctor_add(ys_doctor_report *r, const char *check,
                   ys_doctor_level level, const char *fix, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* The highest level among the findings of `r` (YS_DOCTOR_OK when none). */
ys_doctor_level ys_doctor_worst(const ys_doctor_report *r);

/* valgrind on PATH and its version; needed by --collector callgrind. */
void ys_doctor_check_valgrind(const ys_doctor_env *env, ys_doctor_wants wants,
                              ys_doctor_report *r);

/* /proc/sys/kernel/perf_event_paranoid, and whether a software event
 * (task-clock) and a hardware event (instructions) can be opened; needed
 * by --collector perf. */
void ys_doctor_check_perf_events(const ys_doctor_env *env,
                                 ys_doctor_wants wants, ys_doctor_report *r);

/* The perf program on PATH; needed by `bench profile`. */
void ys_doctor_check_perf_tool(const ys_doctor_env *env, ys_doctor_report *r);

/* The cpufreq scaling governor of every CPU. */
void ys_doctor_check_governor(const ys_doctor_env *env, ys_doctor_report *r);

/* Turbo/boost: intel_pstate/no_turbo and cpufreq/boost; unknown when
 * neither file exists. */
void ys_doctor_check_boost(const ys_doctor_env *env, ys_doctor_report *r);

/* SMT: whether any CPU shares its core (thread_siblings_list). */
void ys_doctor_check_smt(const ys_doctor_env *env, ys_doctor_report *r);

/* /proc/sys/kernel/randomize_va_space. */
void ys_doctor_check_aslr(const ys_doctor_env *env, ys_doctor_report *r);

/* The number of online CPUs as `env` sees them: the list in
 * /sys/devices/system/cpu/online under its root (so a fake tree speaks for
 * a fake machine), else sysconf's count; 0 when neither says. */
int ys_doctor_online_cpus(const ys_doctor_env *env);

/* The load average (/proc/loadavg) against `num_cpus`, and with
 * `sample_s` > 0 the CPUs busy over that many seconds (/proc/stat). */
void ys_doctor_check_load(const ys_doctor_env *env, int num_cpus,
                          double sample_s, ys_doctor_report *r);

/* A container (/.dockerenv, /run/.containerenv, /proc/1/cgroup), with its
 * CPU quota (cgroup v2 cpu.max, else v1 cpu.cfs_quota_us and
 * cpu.cfs_period_us under cpu/ or cpu,cpuacct/), or a virtual machine
 * (/sys/class/dmi/id/product_name, the hypervisor flag of /proc/cpuinfo). */
void ys_doctor_check_virtualization(const ys_doctor_env *env,
                                    ys_doctor_report *r);

/* The build type of the library the benchmark program links ("debug" is
 * a warning: an unoptimised harness inflates every timing around the
 * loop, and in CMake one build type compiles the suite and the library
 * alike). */
void ys_doctor_check_build_type(const char *build_type, ys_doctor_report *r);

/* The clock's measured resolution and the empty loop's cost per iteration,
 * both in nanoseconds, with the clock source the kernel uses. */
void ys_doctor_check_clock(const ys_doctor_env *env, double resolution_ns,
                           double loop_ns, ys_doctor_report *r);

/*
 * The checks cheap enough for every run (no sampling, no program started,
 * no perf event opened): governor, boost, SMT, load average,
 * virtualization and build type. Appends to `r`.
 */
void ys_doctor_check_cheap(const ys_doctor_env *env, int num_cpus,
                           const char *build_type, ys_doctor_report *r);

#endif
