/*
 * cpu_stat.h — how busy each CPU is, from two samples of /proc/stat, and
 * which CPUs share a core (SMT siblings), from sysfs. `bench doctor` counts
 * busy cores with it; `--pin auto` chooses an idle core with it.
 */
#ifndef YS_CPU_STAT_H
#define YS_CPU_STAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doctor_env.h"

/* The most CPUs looked at; CPUs numbered beyond are ignored. */
#define YS_CPU_MAX 256

/* Jiffies per CPU since boot, as /proc/stat counts them. */
typedef struct ys_cpu_snapshot {
  bool present[YS_CPU_MAX];
  uint64_t busy[YS_CPU_MAX];  /* user nice system irq softirq steal */
  uint64_t total[YS_CPU_MAX]; /* busy + idle + iowait */
} ys_cpu_snapshot;

/*
 * Parses the text of /proc/stat: every "cpuN ..." line (the "cpu" total
 * line is not a CPU). Returns the number of CPUs found; 0 when the text
 * holds none.
 */
size_t ys_cpu_stat_parse(const char *text, ys_cpu_snapshot *out);

/*
 * The share of time, in [0, 1], each CPU was busy between the snapshots
 * `before` and `after`, into busy[cpu] for cpu < max; -1 for a CPU absent
 * from either snapshot, 0 for one whose counters did not move.
 */
void ys_cpu_stat_busy(const ys_cpu_snapshot *before,
                      const ys_cpu_snapshot *after, double *busy, size_t max);

/*
 * Samples root/proc/stat twice, `seconds` apart (env->pause), and writes
 * each CPU's busy share as ys_cpu_stat_busy does. Returns the number of
 * CPUs seen, 0 when /proc/stat cannot be read or parsed.
 */
size_t ys_cpu_stat_sample(const ys_doctor_env *env, double seconds,
                          double *busy, size_t max);

/*
 * Parses a kernel CPU list ("0-3,8,10-11") into mask[cpu] = true for each
 * CPU below `max` it names (the rest of `mask` is cleared). Returns the
 * number of CPUs it names, or -1 when the text is not such a list.
 */
int ys_cpu_list_parse(const char *list, bool *mask, size_t max);

/*
 * Reads the SMT siblings of `cpu` (topology/thread_siblings_list under
 * root/sys/devices/system/cpu/cpuN) into mask, `cpu` itself included.
 * Returns their number, or -1 when the file cannot be read or parsed.
 */
int ys_cpu_siblings(const ys_doctor_env *env, int cpu, bool *mask, size_t max);

#endif
