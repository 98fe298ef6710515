/*
 * doctor_checks.c — one function per thing `bench doctor` looks at
 * (doctor_checks.h); docs/doctor.md explains each finding and its fix.
 */
#include "doctor_checks.h"

#include <ctype.h>
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <linux/perf_event.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu_stat.h"

#define SYS_CPU "/sys/devices/system/cpu"

/* Load average above this many runnable tasks per CPU: other work is
 * competing for the CPUs the benchmarks run on. */
#define DOCTOR_LOAD_PER_CPU 0.5
/* A CPU busy more than this share of the sampled time counts as busy:
 * another program is running on it. */
#define DOCTOR_BUSY_SHARE 0.2
/* A clock that cannot tell apart two reads closer than this is too coarse
 * for the nanosecond samples a short benchmark takes. */
#define DOCTOR_COARSE_CLOCK_NS 100.0

const char *ys_doctor_level_name(ys_doctor_level level) {
  switch (level) {
  case YS_DOCTOR_OK:
    return "ok";
  case YS_DOCTOR_UNKNOWN:
    return "unknown";
  case YS_DOCTOR_WARNING:
    return "warning";
  case YS_DOCTOR_PROBLEM:
    return "problem";
  }
  return "?";
}

void ys_doctor_add(ys_doctor_report *r, const char *check,
                   ys_doctor_level level, const char *fix, const char *fmt,
                   ...) {
  if (r->n == YS_DOCTOR_MAX_FINDINGS) return;
  ys_doctor_finding *f = &r->items[r->n++];
  f->check = check;
  f->level = level;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(f->text, sizeof(f->text), fmt, ap);
  va_end(ap);
  snprintf(f->fix, sizeof(f->fix), "%s", fix != NULL ? fix : "");
}

ys_doctor_level ys_doctor_worst(const ys_doctor_report *r) {
  ys_doctor_level worst = YS_DOCTOR_OK;
  /* An unknown fact does not make the machine worse than ok: the verdict
   * and the exit code follow what was found, not what could not be read. */
  for (size_t i = 0; i < r->n; i++)
    if (r->items[i].level != YS_DOCTOR_UNKNOWN && r->items[i].level > worst)
      worst = r->items[i].level;
  return worst;
}

/* A missing tool: a problem when the collector that needs it was asked
 * for, else a warning that the collector will not work. */
static ys_doctor_level needed(bool wanted) {
  return wanted ? YS_DOCTOR_PROBLEM : YS_DOCTOR_WARNING;
}

void ys_doctor_check_valgrind(const ys_doctor_env *env, ys_doctor_wants wants,
                              ys_doctor_report *r) {
  char version[128];
  if (env->version_of("valgrind", version, sizeof(version)))
    ys_doctor_add(r, "valgrind", YS_DOCTOR_OK, NULL,
                  "%s: --collector callgrind can count instructions", version);
  else
    ys_doctor_add(r, "valgrind", needed(wants.callgrind),
                  "sudo apt-get install valgrind",
                  "valgrind not found on PATH: --collector callgrind (and "
                  "bench profile --collector dhat) cannot run");
}

/* "EACCES" for an errno, or its number. */
static const char *errno_name(int err, char *buf, size_t len) {
  const char *name = strerrorname_np(err);
  if (name != NULL) return name;
  snprintf(buf, len, "errno %d", err);
  return buf;
}

#define PARANOID_FIX "sudo sysctl kernel.perf_event_paranoid=1"

void ys_doctor_check_perf_events(const ys_doctor_env *env,
                                 ys_doctor_wants wants, ys_doctor_report *r) {
  char text[32];
  bool known = ys_doctor_read_line(env, "/proc/sys/kernel/perf_event_paranoid",
                                   text, sizeof(text)) &&
               text[0] != '\0';
  int paranoid = known ? atoi(text) : 0;
  int sw = env->perf_open(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK);
  int hw = env->perf_open(PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS);
  char b1[24], b2[24];

  if (!known)
    ys_doctor_add(r, "perf_event_paranoid", needed(wants.perf), NULL,
                  "/proc/sys/kernel/perf_event_paranoid is missing: this "
                  "kernel has no perf events");
  else if (paranoid > 2)
    /* Above 2 (a Debian and Ubuntu patch) no unprivileged process may
     * count anything, its own code included. */
    ys_doctor_add(
        r, "perf_event_paranoid",
        sw == 0 ? YS_DOCTOR_WARNING : needed(wants.perf), PARANOID_FIX,
        "%d: unprivileged processes may not use perf events", paranoid);
  else
    ys_doctor_add(r, "perf_event_paranoid", YS_DOCTOR_OK, NULL,
                  "%d: a process may count its own user-space events",
                  paranoid);

  if (sw != 0) {
    bool denied = sw == EACCES || sw == EPERM;
    ys_doctor_add(r, "perf events", needed(wants.perf),
                  denied ? PARANOID_FIX : NULL,
                  "perf_event_open fails (%s: %s): --collector perf cannot "
                  "count",
                  errno_name(sw, b1, sizeof(b1)), strerror(sw));
  } else if (hw == ENOENT || hw == EOPNOTSUPP) {
    ys_doctor_add(r, "perf events", YS_DOCTOR_WARNING, NULL,
                  "software events work; hardware events do not (%s): this "
                  "machine, as most virtual machines, exposes no hardware "
                  "counters, so --collector perf counts no instructions or "
                  "cycles",
                  errno_name(hw, b2, sizeof(b2)));
  } else if (hw != 0) {
    bool denied = hw == EACCES || hw == EPERM;
    ys_doctor_add(r, "perf events", YS_DOCTOR_WARNING,
                  denied ? PARANOID_FIX : NULL,
                  "software events work; hardware events fail (%s: %s)",
                  errno_name(hw, b2, sizeof(b2)), strerror(hw));
  } else {
    ys_doctor_add(r, "perf events", YS_DOCTOR_OK, NULL,
                  "software and hardware events can be counted");
  }
}

void ys_doctor_check_perf_tool(const ys_doctor_env *env, ys_doctor_report *r) {
  char version[128];
  if (env->version_of("perf", version, sizeof(version)))
    ys_doctor_add(r, "perf tool", YS_DOCTOR_OK, NULL,
                  "%s: bench profile can sample", version);
  else
    /* Debian's perf is a wrapper that fails unless linux-perf matches the
     * running kernel: "not found" covers both. */
    ys_doctor_add(r, "perf tool", YS_DOCTOR_WARNING,
                  "sudo apt-get install linux-perf",
                  "perf not found on PATH (or it does not run): bench "
                  "profile cannot sample");
}

/* Runs `fn` on every path matching root + `pattern`; returns how many. */
static size_t for_each_match(const ys_doctor_env *env, const char *pattern,
                             void (*fn)(const char *path, void *ctx),
                             void *ctx) {
  char full[4096];
  if (!ys_doctor_path(env, pattern, full, sizeof(full))) return 0;
  glob_t g;
  if (glob(full, 0, NULL, &g) != 0) return 0;
  for (size_t i = 0; i < g.gl_pathc; i++)
    fn(g.gl_pathv[i], ctx);
  size_t n = g.gl_pathc;
  globfree(&g);
  return n;
}

/* Reads the first line of an absolute path (already under the root). */
static bool read_line_at(const char *full, char *out, size_t len) {
  ys_doctor_env plain = {.root = ""};
  return ys_doctor_read_line(&plain, full, out, len);
}

typedef struct governor_tally {
  size_t other;     /* CPUs whose governor is not "performance" */
  char example[64]; /* the first such governor */
} governor_tally;

static void count_governor(const char *path, void *ctx) {
  governor_tally *t = ctx;
  char governor[64];
  if (!read_line_at(path, governor, sizeof(governor))) return;
  if (strcmp(governor, "performance") == 0) return;
  if (t->other++ == 0) snprintf(t->example, sizeof(t->example), "%s", governor);
}

void ys_doctor_check_governor(const ys_doctor_env *env, ys_doctor_report *r) {
  governor_tally t = {0, ""};
  size_t n = for_each_match(env, SYS_CPU "/cpu[0-9]*/cpufreq/scaling_governor",
                            count_governor, &t);
  if (n == 0)
    ys_doctor_add(r, "governor", YS_DOCTOR_OK, NULL,
                  "no cpufreq governor: the frequency is fixed or the "
                  "hypervisor manages it");
  else if (t.other > 0)
    ys_doctor_add(r, "governor", YS_DOCTOR_WARNING,
                  "sudo cpupower frequency-set -g performance",
                  "%s on %zu of %zu CPUs: the frequency changes with load, "
                  "so the first samples run slower",
                  t.example, t.other, n);
  else
    ys_doctor_add(r, "governor", YS_DOCTOR_OK, NULL,
                  "performance on all %zu CPUs", n);
}

void ys_doctor_check_boost(const ys_doctor_env *env, ys_doctor_report *r) {
  char text[16];
  if (ys_doctor_read_line(env, SYS_CPU "/intel_pstate/no_turbo", text,
                          sizeof(text))) {
    if (strcmp(text, "0") == 0)
      ys_doctor_add(r, "turbo", YS_DOCTOR_WARNING,
                    "echo 1 | sudo tee " SYS_CPU "/intel_pstate/no_turbo",
                    "turbo boost is on (intel_pstate): the clock speed "
                    "follows temperature and the other cores' load");
    else
      ys_doctor_add(r, "turbo", YS_DOCTOR_OK, NULL,
                    "turbo boost is off (intel_pstate)");
    return;
  }
  if (ys_doctor_read_line(env, SYS_CPU "/cpufreq/boost", text, sizeof(text))) {
    if (strcmp(text, "1") == 0)
      ys_doctor_add(r, "turbo", YS_DOCTOR_WARNING,
                    "echo 0 | sudo tee " SYS_CPU "/cpufreq/boost",
                    "frequency boost is on (cpufreq/boost): the clock speed "
                    "follows temperature and the other cores' load");
    else
      ys_doctor_add(r, "turbo", YS_DOCTOR_OK, NULL,
                    "frequency boost is off (cpufreq/boost)");
    return;
  }
  /* Most virtual machines expose neither file: the host decides, and
   * nothing here can say whether it boosts. */
  ys_doctor_add(r, "turbo", YS_DOCTOR_UNKNOWN, NULL,
                "not exposed (no intel_pstate/no_turbo or cpufreq/boost): "
                "the firmware or the hypervisor decides");
}

typedef struct smt_tally {
  size_t shared; /* CPUs with a sibling */
  char pair[64]; /* the first such sibling list */
} smt_tally;

static void count_siblings(const char *path, void *ctx) {
  smt_tally *t = ctx;
  char list[64];
  bool mask[YS_CPU_MAX];
  if (!read_line_at(path, list, sizeof(list))) return;
  if (ys_cpu_list_parse(list, mask, YS_CPU_MAX) > 1 && t->shared++ == 0)
    snprintf(t->pair, sizeof(t->pair), "%s", list);
}

void ys_doctor_check_smt(const ys_doctor_env *env, ys_doctor_report *r) {
  smt_tally t = {0, ""};
  size_t n =
      for_each_match(env, SYS_CPU "/cpu[0-9]*/topology/thread_siblings_list",
                     count_siblings, &t);
  if (n == 0)
    ys_doctor_add(r, "smt", YS_DOCTOR_UNKNOWN, NULL, "no CPU topology to read");
  else if (t.shared > 0)
    ys_doctor_add(r, "smt", YS_DOCTOR_WARNING,
                  "echo off | sudo tee " SYS_CPU "/smt/control",
                  "%zu of %zu CPUs share a core with another (CPUs %s): "
                  "work on a sibling slows the benchmark; or use --pin auto",
                  t.shared, n, t.pair);
  else
    ys_doctor_add(r, "smt", YS_DOCTOR_OK, NULL,
                  "no CPU shares its core (%zu CPUs)", n);
}

void ys_doctor_check_aslr(const ys_doctor_env *env, ys_doctor_report *r) {
  char text[16];
  if (!ys_doctor_read_line(env, "/proc/sys/kernel/randomize_va_space", text,
                           sizeof(text)))
    ys_doctor_add(r, "aslr", YS_DOCTOR_UNKNOWN, NULL,
                  "no /proc/sys/kernel/randomize_va_space to read");
  else if (strcmp(text, "0") == 0)
    ys_doctor_add(r, "aslr", YS_DOCTOR_OK, NULL,
                  "off: each worker process still gets its own layout from "
                  "its environment padding");
  else
    /* The worker processes exist to sample layouts (docs/statistics.md
     * §3): randomisation helps them, and callgrind turns it off for its
     * own child. Nothing to fix either way. */
    ys_doctor_add(r, "aslr", YS_DOCTOR_OK, NULL,
                  "on (%s): each worker process has its own memory layout, "
                  "which the rounds sample",
                  text);
}

int ys_doctor_online_cpus(const ys_doctor_env *env) {
  char list[256];
  bool mask[YS_CPU_MAX];
  if (ys_doctor_read_line(env, "/sys/devices/system/cpu/online", list,
                          sizeof(list))) {
    int n = ys_cpu_list_parse(list, mask, YS_CPU_MAX);
    if (n > 0) return n;
  }
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 && n < INT_MAX ? (int)n : 0;
}

void ys_doctor_check_load(const ys_doctor_env *env, int num_cpus,
                          double sample_s, ys_doctor_report *r) {
  char text[128];
  double load1 = -1;
  if (ys_doctor_read_line(env, "/proc/loadavg", text, sizeof(text)))
    load1 = strtod(text, NULL);
  if (load1 < 0) {
    ys_doctor_add(r, "load", YS_DOCTOR_UNKNOWN, NULL,
                  "no /proc/loadavg to read");
  } else if (num_cpus > 0 && load1 > DOCTOR_LOAD_PER_CPU * num_cpus) {
    ys_doctor_add(r, "load", YS_DOCTOR_WARNING, NULL,
                  "load average %.2f on %d CPUs: other work competes for the "
                  "CPUs; wait for it to end or stop it",
                  load1, num_cpus);
  } else {
    ys_doctor_add(r, "load", YS_DOCTOR_OK, NULL, "load average %.2f on %d CPUs",
                  load1, num_cpus);
  }
  if (sample_s <= 0) return;

  double busy[YS_CPU_MAX];
  size_t seen = ys_cpu_stat_sample(env, sample_s, busy, YS_CPU_MAX);
  if (seen == 0) {
    ys_doctor_add(r, "busy cores", YS_DOCTOR_UNKNOWN, NULL,
                  "no /proc/stat to sample");
    return;
  }
  size_t n_busy = 0, n_cpus = 0;
  char list[160] = "";
  size_t used = 0;
  for (size_t cpu = 0; cpu < YS_CPU_MAX; cpu++) {
    if (busy[cpu] < 0) continue;
    n_cpus++;
    if (busy[cpu] <= DOCTOR_BUSY_SHARE) continue;
    n_busy++;
    int w = snprintf(list + used, sizeof(list) - used, "%scpu%zu %.0f %%",
                     used == 0 ? "" : ", ", cpu, 100 * busy[cpu]);
    if (w > 0 && (size_t)w < sizeof(list) - used) used += (size_t)w;
  }
  if (n_busy > 0)
    ys_doctor_add(r, "busy cores", YS_DOCTOR_WARNING, NULL,
                  "%zu of %zu CPUs busy over %.1f s (%s): %s", n_busy, n_cpus,
                  sample_s, list,
                  n_busy < n_cpus ? "pick an idle one with --pin auto, or "
                                    "stop the other work"
                                  : "no idle CPU is left; stop the other work");
  else
    ys_doctor_add(r, "busy cores", YS_DOCTOR_OK, NULL,
                  "all %zu CPUs idle over %.1f s", n_cpus, sample_s);
}

/* Whether `haystack` holds `needle`, ignoring case. */
static bool contains_nocase(const char *haystack, const char *needle) {
  size_t n = strlen(needle);
  for (const char *p = haystack; *p != '\0'; p++)
    if (strncasecmp(p, needle, n) == 0) return true;
  return false;
}

/* The name of the container runtime this process runs in, or NULL. */
static const char *container_kind(const ys_doctor_env *env) {
  if (ys_doctor_exists(env, "/.dockerenv")) return "docker";
  if (ys_doctor_exists(env, "/run/.containerenv")) return "podman";
  char cgroup[4096];
  if (ys_doctor_read_text(env, "/proc/1/cgroup", cgroup, sizeof(cgroup))) {
    static const char *const kinds[] = {"docker", "kubepods", "containerd",
                                        "lxc", "libpod"};
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
      if (contains_nocase(cgroup, kinds[i])) return kinds[i];
  }
  return NULL;
}

/* Whether a "flags" line of cpuinfo names the hypervisor flag. */
static bool cpuinfo_has_hypervisor(const ys_doctor_env *env) {
  char full[4096];
  if (!ys_doctor_path(env, "/proc/cpuinfo", full, sizeof(full))) return false;
  FILE *f = fopen(full, "r");
  if (f == NULL) return false;
  char *line = NULL;
  size_t cap = 0;
  bool found = false;
  while (!found && getline(&line, &cap, f) != -1) {
    if (strncmp(line, "flags", 5) != 0) continue;
    line[strcspn(line, "\n")] = '\0';
    for (char *p = strstr(line, "hypervisor"); p != NULL && !found;
         p = strstr(p + 1, "hypervisor"))
      found = p[-1] == ' ' && (p[10] == ' ' || p[10] == '\0');
    break; /* every CPU has the same flags */
  }
  free(line);
  fclose(f);
  return found;
}

/* The CPU quota of this process's cgroup, in words, into `out`; false when
 * there is none (or none can be read). cgroup v2's cpu.max: "max 100000"
 * is no limit, "50000 100000" throttles the group to half a CPU, in
 * bursts. cgroup v1 (still the default of older distributions and of
 * Docker on them) keeps the same two numbers in cpu.cfs_quota_us (-1: no
 * limit) and cpu.cfs_period_us, under the cpu controller's mount, which
 * is cpu/ or, co-mounted with cpuacct, cpu,cpuacct/ (cpu/ is often a
 * symbolic link to it). */
static bool cpu_quota(const ys_doctor_env *env, char *out, size_t len) {
  char quota[64], period[64];
  if (ys_doctor_read_line(env, "/sys/fs/cgroup/cpu.max", quota,
                          sizeof(quota))) {
    if (strncmp(quota, "max", 3) == 0 || quota[0] == '\0') return false;
    snprintf(out, len, "cpu.max %s", quota);
    return true;
  }
  static const char *const v1_dirs[] = {"/sys/fs/cgroup/cpu",
                                        "/sys/fs/cgroup/cpu,cpuacct"};
  for (size_t i = 0; i < sizeof(v1_dirs) / sizeof(v1_dirs[0]); i++) {
    char path[128];
    snprintf(path, sizeof(path), "%s/cpu.cfs_quota_us", v1_dirs[i]);
    if (!ys_doctor_read_line(env, path, quota, sizeof(quota))) continue;
    snprintf(path, sizeof(path), "%s/cpu.cfs_period_us", v1_dirs[i]);
    char *end = NULL;
    long q = strtol(quota, &end, 10);
    if (end == quota || q <= 0) return false; /* -1: no limit */
    long p = 0;
    if (ys_doctor_read_line(env, path, period, sizeof(period)))
      p = strtol(period, NULL, 10);
    if (p > 0)
      snprintf(out, len,
               "cpu.cfs_quota_us %ld per cpu.cfs_period_us %ld, %.3g CPUs", q,
               p, (double)q / (double)p);
    else
      snprintf(out, len, "cpu.cfs_quota_us %ld", q);
    return true;
  }
  return false;
}

void ys_doctor_check_virtualization(const ys_doctor_env *env,
                                    ys_doctor_report *r) {
  const char *container = container_kind(env);
  char quota[160];
  if (container != NULL) {
    if (cpu_quota(env, quota, sizeof(quota)))
      ys_doctor_add(r, "container", YS_DOCTOR_WARNING, NULL,
                    "a %s container with a CPU quota (%s): the kernel "
                    "throttles it in bursts; run it without --cpus",
                    container, quota);
    else
      ys_doctor_add(r, "container", YS_DOCTOR_OK, NULL,
                    "a %s container, without a CPU quota", container);
  } else {
    ys_doctor_add(r, "container", YS_DOCTOR_OK, NULL, "not in a container");
  }

  char product[128] = "";
  ys_doctor_read_line(env, "/sys/class/dmi/id/product_name", product,
                      sizeof(product));
  static const char *const vm_products[] = {"kvm",
                                            "qemu",
                                            "virtualbox",
                                            "vmware",
                                            "standard pc",
                                            "hvm domu",
                                            "bochs",
                                            "virtual machine",
                                            "google compute engine",
                                            "cloud hypervisor"};
  bool vm_product = false;
  for (size_t i = 0; i < sizeof(vm_products) / sizeof(vm_products[0]); i++)
    vm_product = vm_product || contains_nocase(product, vm_products[i]);
  bool hypervisor = cpuinfo_has_hypervisor(env);
  /* The check's name already says "virtual machine": the finding says
   * what gave it away. */
  char sign[200];
  if (vm_product)
    snprintf(sign, sizeof(sign), "DMI product name '%s'", product);
  else
    snprintf(sign, sizeof(sign),
             "the CPU flags in /proc/cpuinfo name a "
             "hypervisor");
  if (vm_product || hypervisor)
    ys_doctor_add(r, "virtual machine", YS_DOCTOR_WARNING, NULL,
                  "%s: its CPUs are shared with other guests, timings vary "
                  "with their load; for the steadiest figures use a "
                  "dedicated machine, or --collector callgrind",
                  sign);
  else
    ys_doctor_add(r, "virtual machine", YS_DOCTOR_OK, NULL,
                  "no sign of a hypervisor");
}

void ys_doctor_check_build_type(const char *build_type, ys_doctor_report *r) {
  if (build_type != NULL && strcmp(build_type, "debug") == 0)
    ys_doctor_add(r, "build type", YS_DOCTOR_WARNING,
                  "cmake -S . -B build -DCMAKE_BUILD_TYPE=Release",
                  "debug: yardstick was built without optimisation, as the "
                  "benchmarks likely were; their timings say little about "
                  "release builds");
  else
    ys_doctor_add(r, "build type", YS_DOCTOR_OK, NULL, "%s",
                  build_type != NULL ? build_type : "unknown");
}

void ys_doctor_check_clock(const ys_doctor_env *env, double resolution_ns,
                           double loop_ns, ys_doctor_report *r) {
  char source[64] = "", available[256] = "";
  ys_doctor_read_line(env,
                      "/sys/devices/system/clocksource/clocksource0/"
                      "current_clocksource",
                      source, sizeof(source));
  ys_doctor_read_line(env,
                      "/sys/devices/system/clocksource/clocksource0/"
                      "available_clocksource",
                      available, sizeof(available));
  /* hpet and acpi_pm are read through slow I/O, a microsecond a read. */
  bool slow_source = strcmp(source, "hpet") == 0 ||
                     strcmp(source, "acpi_pm") == 0 ||
                     strcmp(source, "jiffies") == 0;
  bool coarse = resolution_ns > DOCTOR_COARSE_CLOCK_NS;
  bool tsc = strstr(available, "tsc") != NULL;
  if (slow_source || coarse)
    ys_doctor_add(r, "clock", YS_DOCTOR_WARNING,
                  tsc ? "echo tsc | sudo tee /sys/devices/system/clocksource/"
                        "clocksource0/current_clocksource"
                      : NULL,
                  "resolution %.1f ns, empty loop %.3f ns/iter, clock source "
                  "%s: short benchmarks need more iterations per sample",
                  resolution_ns, loop_ns,
                  source[0] != '\0' ? source : "unknown");
  else
    ys_doctor_add(r, "clock", YS_DOCTOR_OK, NULL,
                  "resolution %.1f ns, empty loop %.3f ns/iter, clock source "
                  "%s",
                  resolution_ns, loop_ns,
                  source[0] != '\0' ? source : "unknown");
}

void ys_doctor_check_cheap(const ys_doctor_env *env, int num_cpus,
                           const char *build_type, ys_doctor_report *r) {
  ys_doctor_check_governor(env, r);
  ys_doctor_check_boost(env, r);
  ys_doctor_check_smt(env, r);
  ys_doctor_check_load(env, num_cpus, 0, r);
  ys_doctor_check_virtualization(env, r);
  ys_doctor_check_build_type(build_type, r);
}
