/*
 * cpu_stat.c — per-CPU busy shares and SMT siblings (cpu_stat.h).
 */
#include "cpu_stat.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* /proc/stat's cpu lines come first; its "intr" line can be long on large
 * machines, so the buffer holds many CPUs' lines whatever follows. */
#define CPU_STAT_TEXT_MAX (256 * 1024)

size_t ys_cpu_stat_parse(const char *text, ys_cpu_snapshot *out) {
  memset(out, 0, sizeof(*out));
  size_t found = 0;
  for (const char *line = text; line != NULL && *line != '\0';) {
    const char *next = strchr(line, '\n');
    if (strncmp(line, "cpu", 3) == 0 && isdigit((unsigned char)line[3])) {
      char *end;
      errno = 0;
      unsigned long cpu = strtoul(line + 3, &end, 10);
      /* user nice system idle iowait irq softirq steal; guest time is
       * already counted in user. */
      uint64_t v[8] = {0};
      int n = 0;
      const char *p = end;
      while (n < 8) {
        while (*p == ' ')
          p++;
        if (!isdigit((unsigned char)*p)) break;
        char *after;
        v[n++] = strtoull(p, &after, 10);
        p = after;
      }
      if (errno == 0 && n >= 4 && cpu < YS_CPU_MAX) {
        uint64_t idle = v[3] + v[4];
        uint64_t busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
        out->present[cpu] = true;
        out->busy[cpu] = busy;
        out->total[cpu] = busy + idle;
        found++;
      }
    }
    line = next != NULL ? next + 1 : NULL;
  }
  return found;
}

void ys_cpu_stat_busy(const ys_cpu_snapshot *before,
                      const ys_cpu_snapshot *after, double *busy, size_t max) {
  for (size_t cpu = 0; cpu < max; cpu++) {
    if (cpu >= YS_CPU_MAX || !before->present[cpu] || !after->present[cpu]) {
      busy[cpu] = -1;
      continue;
    }
    /* A counter that went backwards (a CPU taken offline and back) counts
     * as no change rather than as a wrapped, huge one. */
    uint64_t total = after->total[cpu] > before->total[cpu]
                         ? after->total[cpu] - before->total[cpu]
                         : 0;
    uint64_t work = after->busy[cpu] > before->busy[cpu]
                        ? after->busy[cpu] - before->busy[cpu]
                        : 0;
    busy[cpu] = total == 0 ? 0 : (double)work / (double)total;
    if (busy[cpu] > 1) busy[cpu] = 1;
  }
}

size_t ys_cpu_stat_sample(const ys_doctor_env *env, double seconds,
                          double *busy, size_t max) {
  char *text = malloc(CPU_STAT_TEXT_MAX);
  ys_cpu_snapshot *snap = malloc(2 * sizeof(*snap));
  size_t n = 0;
  if (text != NULL && snap != NULL &&
      ys_doctor_read_text(env, "/proc/stat", text, CPU_STAT_TEXT_MAX) &&
      ys_cpu_stat_parse(text, &snap[0]) > 0) {
    env->pause(seconds);
    if (ys_doctor_read_text(env, "/proc/stat", text, CPU_STAT_TEXT_MAX))
      n = ys_cpu_stat_parse(text, &snap[1]);
    if (n > 0) ys_cpu_stat_busy(&snap[0], &snap[1], busy, max);
  }
  free(snap);
  free(text);
  return n;
}

/* One CPU number at *p; advances *p past it. */
static bool cpu_list_number(const char **p, unsigned long *out) {
  if (!isdigit((unsigned char)**p)) return false;
  errno = 0;
  char *end;
  *out = strtoul(*p, &end, 10);
  if (errno != 0) return false;
  *p = end;
  return true;
}

int ys_cpu_list_parse(const char *list, bool *mask, size_t max) {
  memset(mask, 0, max * sizeof(*mask));
  const char *p = list;
  int count = 0;
  for (;;) {
    unsigned long first, last;
    if (!cpu_list_number(&p, &first)) return -1;
    last = first;
    if (*p == '-') {
      p++;
      if (!cpu_list_number(&p, &last) || last < first) return -1;
    }
    for (unsigned long c = first; c <= last && c < max; c++) {
      if (!mask[c]) count++;
      mask[c] = true;
    }
    if (*p == '\0' || *p == '\n') break;
    if (*p != ',') return -1;
    p++;
  }
  return count;
}

int ys_cpu_siblings(const ys_doctor_env *env, int cpu, bool *mask, size_t max) {
  char path[128], text[256];
  snprintf(path, sizeof(path),
           "/sys/devices/system/cpu/cpu%d/topology/thread_siblings_list", cpu);
  if (!ys_doctor_read_line(env, path, text, sizeof(text))) return -1;
  return ys_cpu_list_parse(text, mask, max);
}
