/*
 * pin.c — --pin CPU|auto (pin.h).
 */
#include "pin.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "cpu_stat.h"

/* The CPUs this process may run on, as a kernel CPU list ("0-1,4"). */
static void allowed_list(const cpu_set_t *set, char *out, size_t len) {
  size_t used = 0;
  out[0] = '\0';
  for (int c = 0; c < CPU_SETSIZE && used < len; c++) {
    if (!CPU_ISSET(c, set) || (c > 0 && CPU_ISSET(c - 1, set))) continue;
    int last = c;
    while (last + 1 < CPU_SETSIZE && CPU_ISSET(last + 1, set))
      last++;
    int w = last > c ? snprintf(out + used, len - used, "%s%d-%d",
                                used > 0 ? "," : "", c, last)
                     : snprintf(out + used, len - used, "%s%d",
                                used > 0 ? "," : "", c);
    if (w < 0) break;
    used += (size_t)w;
  }
}

int ys_pin_parse(const char *text, bool *automatic, int *cpu, char *err,
                 size_t err_len) {
  if (strcmp(text, "auto") == 0) {
    *automatic = true;
    return 0;
  }
  *automatic = false;
  char *end;
  errno = 0;
  long v = text[0] >= '0' && text[0] <= '9' ? strtol(text, &end, 10) : -1;
  if (v < 0 || errno != 0 || *end != '\0')
    return ys_error_set(err, err_len, YS_EINVAL,
                        "--pin: '%s' is neither a CPU number nor auto", text);
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) != 0)
    return ys_error_set(err, err_len, YS_EINVAL,
                        "--pin: cannot read this process's CPUs: %s",
                        strerror(errno));
  if (v >= CPU_SETSIZE || !CPU_ISSET((int)v, &set)) {
    char list[256];
    allowed_list(&set, list, sizeof(list));
    return ys_error_set(err, err_len, YS_EINVAL,
                        "--pin: CPU %s is not one this process may run on "
                        "(CPUs %s)",
                        text, list);
  }
  *cpu = (int)v;
  return 0;
}

int ys_pin_choose(const double *busy, const bool *sibling_of,
                  const bool *allowed, size_t n) {
  int best = -1;
  double best_score = 0;
  for (size_t c = 0; c < n; c++) {
    if (!allowed[c]) continue;
    double own = busy[c] > 0 ? busy[c] : 0;
    double neighbour = 0;
    for (size_t o = 0; o < n; o++)
      if (o != c && sibling_of[c * n + o] && busy[o] > neighbour)
        neighbour = busy[o];
    double score = own + neighbour;
    /* `<=`: a later (higher) CPU wins a tie. */
    if (best < 0 || score <= best_score) {
      best = (int)c;
      best_score = score;
    }
  }
  return best;
}

/* The choice of --pin auto on this machine, through `env`. */
static int pin_choose_auto(const ys_doctor_env *env, double sample_s,
                           const cpu_set_t *set) {
  size_t n = 0;
  for (int c = 0; c < CPU_SETSIZE && c < YS_CPU_MAX; c++)
    if (CPU_ISSET(c, set)) n = (size_t)c + 1;
  if (n == 0) return -1;
  double *busy = malloc(YS_CPU_MAX * sizeof(*busy));
  bool *sibling_of = calloc(n * n, sizeof(*sibling_of));
  bool *allowed = calloc(n, sizeof(*allowed));
  bool mask[YS_CPU_MAX];
  int chosen = -1;
  if (busy != NULL && sibling_of != NULL && allowed != NULL) {
    if (ys_cpu_stat_sample(env, sample_s, busy, YS_CPU_MAX) == 0)
      for (size_t c = 0; c < YS_CPU_MAX; c++)
        busy[c] = -1; /* unknown: every CPU counts as idle */
    for (size_t c = 0; c < n; c++) {
      allowed[c] = CPU_ISSET((int)c, set);
      if (ys_cpu_siblings(env, (int)c, mask, YS_CPU_MAX) > 0)
        for (size_t o = 0; o < n; o++)
          sibling_of[c * n + o] = mask[o];
    }
    chosen = ys_pin_choose(busy, sibling_of, allowed, n);
  }
  free(allowed);
  free(sibling_of);
  free(busy);
  return chosen;
}

int ys_pin_apply(const ys_doctor_env *env, const char *text, double sample_s,
                 char *recorded, size_t recorded_len, char *err,
                 size_t err_len) {
  bool automatic = false;
  int cpu = -1;
  int rc = ys_pin_parse(text, &automatic, &cpu, err, err_len);
  if (rc != 0) return rc;
  if (automatic) {
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0)
      return ys_error_set(err, err_len, YS_EINVAL,
                          "--pin: cannot read this process's CPUs: %s",
                          strerror(errno));
    cpu = pin_choose_auto(env, sample_s, &allowed);
    if (cpu < 0)
      return ys_error_set(err, err_len, YS_EINVAL,
                          "--pin auto: no CPU to choose from");
  }
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(cpu, &one);
  if (sched_setaffinity(0, sizeof(one), &one) != 0)
    return ys_error_set(err, err_len, YS_EINVAL, "--pin: CPU %d refused: %s",
                        cpu, strerror(errno));
  snprintf(recorded, recorded_len, "%d%s", cpu, automatic ? " (auto)" : "");
  return 0;
}
