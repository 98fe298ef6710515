/*
 * context.h — where and how a run happened: the machine, the OS settings that
 * disturb timings, and the build. Every report prints it in its header, so a
 * result can be judged by the conditions it was measured in.
 *
 * Linux sources (/proc, /sys) are read when present; on a machine or in a
 * container without them the fields stay empty or zero, never an error.
 */
#ifndef YS_CONTEXT_H
#define YS_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/model.h"

/*
 * Fills the system fields of `ctx`: date, host_name, executable, cpu_model,
 * num_cpus, mhz_per_cpu, cpu_scaling_enabled, aslr_enabled, load_avg,
 * caches, compiler, build_type and library_version. The run's settings,
 * collector and clock fields are left as they are (the runner fills them).
 * Never fails: what cannot be read is left empty or zero. `ctx` is
 * caller-owned; the string pointers it receives point to static storage.
 */
void ys_context_collect(ys_context *ctx);

/*
 * Parses a cache size as the kernel writes it in sysfs ("32K", "8192K",
 * "1M", or a plain number of bytes) into `*bytes`.
 * Returns 0, or YS_EINVAL for anything else (`*bytes` is then unchanged).
 */
int ys_context_parse_cache_size(const char *text, long *bytes);

/*
 * Counts the CPUs in a kernel CPU list such as "0-1,4" (3) or "3" (1).
 * Returns the count (≥ 1), or YS_EINVAL when `list` is not such a list.
 */
int ys_context_count_cpu_list(const char *list);

/*
 * Reads the caches described under `cache_dir` (a sysfs directory laid out
 * like /sys/devices/system/cpu/cpu0/cache, with index<N>/ subdirectories
 * holding type, level, size and shared_cpu_list) into `out`, at most `max`
 * entries, in index order. Entries whose type, level or size cannot be read
 * are skipped, so each one returned has level ≥ 1 and size > 0; num_sharing
 * is 0 when shared_cpu_list cannot be read.
 * Returns the number of entries written. `cache_dir` is borrowed.
 */
size_t ys_context_read_caches(const char *cache_dir, ys_cache_info *out,
                              size_t max);

/*
 * Tells whether frequency scaling may change the CPU speed during a run:
 * true when any file matching the glob `pattern` (normally the
 * cpufreq/scaling_governor file of each /sys/devices/system/cpu/cpu<N>)
 * names a governor other than "performance"; false when none exists.
 * `pattern` is borrowed.
 */
bool ys_context_is_scaling_enabled(const char *pattern);

/*
 * Sets ctx->max_rss_bytes to the largest resident set of this process and
 * of its children already waited for (getrusage RUSAGE_SELF and
 * RUSAGE_CHILDREN): call it once the worker processes have ended. Leaves 0
 * when the kernel does not say.
 */
void ys_context_record_max_rss(ys_context *ctx);

#endif
