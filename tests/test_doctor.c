/*
 * test_doctor.c — the checks of `bench doctor` against the fake machines
 * under tests/fixtures/doctor (tuned: set up for benchmarking; noisy:
 * everything that disturbs a measurement; noisy_later: the noisy machine's
 * /proc/stat 100 jiffies per CPU later; amd: boost through cpufreq/boost;
 * v1_quota and v1_unlimited: containers under cgroup v1),
 * with perf_event_open and the version probes replaced; the classification,
 * the exit codes, the report, --pin's parsing and its choice of CPU.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "harness/cpu_stat.h"
#include "harness/doctor.h"
#include "harness/doctor_checks.h"
#include "harness/pin.h"

#define FIXTURES YS_TEST_DATA_DIR "/../fixtures/doctor"

/* What the fake probes answer: errnos of perf_event_open for a software
 * and a hardware event, and whether programs are "installed". */
static int fake_sw_errno, fake_hw_errno;
static bool fake_installed;

static int fake_perf_open(uint32_t type, uint64_t config) {
  (void)config;
  return type == PERF_TYPE_HARDWARE ? fake_hw_errno : fake_sw_errno;
}

static bool fake_version_of(const char *program, char *out, size_t len) {
  if (!fake_installed) {
    out[0] = '\0';
    return false;
  }
  snprintf(out, len, "%s-9.9.9", program);
  return true;
}

/* The environment of the test under way; the pause moves it from the
 * noisy machine to the same machine later, so that two /proc/stat samples
 * differ as they would 0.2 s apart. */
static ys_doctor_env env;

static void fake_pause(double seconds) {
  (void)seconds;
  if (strcmp(env.root, FIXTURES "/noisy") == 0)
    env.root = FIXTURES "/noisy_later";
}

static void use_machine(const char *name) {
  static char root[512];
  snprintf(root, sizeof(root), "%s/%s", FIXTURES, name);
  env = (ys_doctor_env){.root = root,
                        .perf_open = fake_perf_open,
                        .version_of = fake_version_of,
                        .pause = fake_pause};
  fake_sw_errno = fake_hw_errno = 0;
  fake_installed = true;
}

/* The finding of `check` in `r`; fails the test when there is none. */
static const ys_doctor_finding *find(const ys_doctor_report *r,
                                     const char *check) {
  for (size_t i = 0; i < r->n; i++)
    if (strcmp(r->items[i].check, check) == 0) return &r->items[i];
  print_error("no finding for '%s'\n", check);
  fail();
  /* Not reached (fail() leaves the test); a finding for the compiler. */
  static const ys_doctor_finding none = {.check = "", .text = "", .fix = ""};
  return &none;
}

/* Fails unless `text` contains `part`, printing both. */
static void assert_contains(const char *text, const char *part) {
  if (strstr(text, part) != NULL) return;
  print_error("'%s' does not contain '%s'\n", text, part);
  fail();
}

static void test_governor(void **state) {
  (void)state;
  ys_doctor_report r = {.n = 0};
  use_machine("tuned");
  ys_doctor_check_governor(&env, &r);
  assert_int_equal(find(&r, "governor")->level, YS_DOCTOR_OK);
  assert_contains(find(&r, "governor")->text, "performance on all 2 CPUs");

  /* noisy: cpu0, cpu2 and cpu3 powersave, cpu1 performance. */
  r.n = 0;
  use_machine("noisy");
  ys_doctor_check_governor(&env, &r);
  const ys_doctor_finding *f = find(&r, "governor");
  assert_int_equal(f->level, YS_DOCTOR_WARNING);
  assert_contains(f->text, "powersave on 3 of 4 CPUs");
  assert_string_equal(f->fix, "sudo cpupower frequency-set -g performance");

  /* No cpufreq at all (amd has only cpufreq/boost): nothing to fix. */
  r.n = 0;
  use_machine("amd");
  ys_doctor_check_governor(&env, &r);
  assert_int_equal(find(&r, "governor")->level, YS_DOCTOR_OK);
}

static void test_boost(void **state) {
  (void)state;
  ys_doctor_report r = {.n = 0};
  use_machine("tuned"); /* intel_pstate/no_turbo = 1 */
  ys_doctor_check_boost(&env, &r);
  assert_int_equal(find(&r, "turbo")->level, YS_DOCTOR_OK);

  r.n = 0;
  use_machine("noisy"); /* intel_pstate/no_turbo = 0 */
  ys_doctor_check_boost(&env, &r);
  assert_int_equal(find(&r, "turbo")->level, YS_DOCTOR_WARNING);
  assert_string_equal(find(&r, "turbo")->fix,
                      "echo 1 | sudo tee "
                      "/sys/devices/system/cpu/intel_pstate/no_turbo");

  r.n = 0;
  use_machine("amd"); /* cpufreq/boost = 1 */
  ys_doctor_check_boost(&env, &r);
  assert_int_equal(find(&r, "turbo")->level, YS_DOCTOR_WARNING);
  assert_string_equal(
      find(&r, "turbo")->fix,
      "echo 0 | sudo tee /sys/devices/system/cpu/cpufreq/boost");

  /* Neither file (as in most virtual machines): unknown, not ok. */
  r.n = 0;
  use_machine("noisy_later");
  ys_doctor_check_boost(&env, &r);
  assert_int_equal(r.n, 1);
  assert_int_equal(find(&r, "turbo")->level, YS_DOCTOR_UNKNOWN);
  assert_contains(find(&r, "turbo")->text, "not exposed");
}

/* What cannot be read is unknown: the amd machine has no /proc files but
 * /proc/1/cgroup, and no CPU topology. */
static void test_unread_facts_are_unknown(void **state) {
  (void)state;
  ys_doctor_report r = {.n = 0};
  use_machine("amd");
  ys_doctor_check_aslr(&env, &r);
  ys_doctor_check_load(&env, 2, 0.2, &r);
  ys_doctor_check_smt(&env, &r);
  assert_int_equal(r.n, 4);
  for (size_t i = 0; i < r.n; i++) {
    assert_int_equal(r.items[i].level, YS_DOCTOR_UNKNOWN);
    assert_string_equal(ys_doctor_level_name(r.items[i].level), "unknown");
  }
  assert_contains(find(&r, "load")->text, "no /proc/loadavg");
  /* Unknown is neither ok nor a warning: the verdict stays ok, and
   * --strict does not fail on it. */
  assert_int_equal(ys_doctor_worst(&r), YS_DOCTOR_OK);
  assert_int_equal(ys_doctor_exit_code(&r, true), 0);
  ys_doctor_add(&r, "governor", YS_DOCTOR_WARNING, NULL, "powersave");
  assert_int_equal(ys_doctor_worst(&r), YS_DOCTOR_WARNING);
  assert_int_equal(ys_doctor_exit_code(&r, true), 1);
}

/* The CPU count comes from the tree looked at, so that a fake machine's
 * load is judged against its own CPUs. */
static void test_online_cpus(void **state) {
  (void)state;
  use_machine("noisy"); /* online: 0-3 */
  assert_int_equal(ys_doctor_online_cpus(&env), 4);
  use_machine("tuned"); /* online: 0-1 */
  assert_int_equal(ys_doctor_online_cpus(&env), 2);
  use_machine("amd"); /* no online file: this machine's own count */
  assert_true(ys_doctor_online_cpus(&env) >= 1);
}

static void test_smt(void **state) {
  (void)state;
  ys_doctor_report r = {.n = 0};
  use_machine("tuned"); /* siblings "0" and "1" */
  ys_doctor_check_smt(&env, &r);
  assert_int_equal(find(&r, "smt")->level, YS_DOCTOR_OK);

  r.n = 0;
  use_machine("noisy"); /* 0,2 and 1,3: every CPU has a sibling */
  ys_doctor_check_smt(&env, &r);
  const ys_doctor_finding *f = find(&r, "smt");
  assert_int_equal(f->level, YS_DOCTOR_WARNING);
  assert_contains(f->text, "4 of 4 CPUs share a core");
  assert_contains(f->text, "--pin auto");
  assert_string_equal(
      f->fix, "echo off | sudo tee /sys/devices/system/cpu/smt/control");
}

static void test_aslr_is_never_a_warning(void **state) {
  (void)state;
  ys_doctor_report r = {.n = 0};
  use_machine("tuned"); /* 2 */
  ys_doctor_check_aslr(&env, &r);
  use_machine("noisy"); /* 0 */
  ys_doctor_check_aslr(&env, &r);
  assert_int_equal(r.n, 2);
  assert_int_equal(r.items[0].level, YS_DOCTOR_OK);
  assert_contains(r.items[0].text, "on (2)");
  assert_int_equal(r.items[1].level, YS_DOCTOR_OK);
  assert_contains(r.items[1].text, "off");
}

static void test_load_and_busy_cores(void **state) {
  (void)state;
  ys_doctor_report r = {.n = 0};
  /* tuned: load 0.10 on 2 CPUs, below 0.5 per CPU; /proc/stat the same in
   * both samples (the pause changes nothing there): every CPU idle. */
  use_machine("tuned");
  ys_doctor_check_load(&env, 2, 0.2, &r);
  assert_int_equal(find(&r, "load")->level, YS_DOCTOR_OK);
  assert_int_equal(find(&r, "busy cores")->level, YS_DOCTOR_OK);
  assert_contains(find(&r, "busy cores")->text, "all 2 CPUs idle");

  /* noisy: load 3.50 on 4 CPUs is above 0.5 × 4 = 2. Between noisy and
   * noisy_later each CPU's total moves 100 jiffies; busy (user, nice,
   * system, irq, softirq, steal) moves 80 on cpu0, 5 on cpu1, 10 on cpu2
   * (irq 4 + softirq 6), 0 on cpu3: only cpu0 is above the 20 % mark. */
  r.n = 0;
  use_machine("noisy");
  ys_doctor_check_load(&env, 4, 0.2, &r);
  assert_int_equal(find(&r, "load")->level, YS_DOCTOR_WARNING);
  assert_contains(find(&r, "load")->text, "load average 3.50 on 4 CPUs");
  const ys_doctor_finding *f = find(&r, "busy cores");
  assert_int_equal(f->level, YS_DOCTOR_WARNING);
  assert_contains(f->text, "1 of 4 CPUs busy");
  assert_contains(f->text, "cpu0 80 %");
  assert_contains(f->text, "--pin auto");

  /* Without sampling, the load average alone. */
  r.n = 0;
  use_machine("noisy");
  ys_doctor_check_load(&env, 4, 0, &r);
  assert_int_equal(r.n, 1);
}

static void test_cpu_stat_busy_shares(void **state) {
  (void)state;
  /* The same figures as above, parsed from text: busy / total of the
   * deltas, 80/100, 5/100, 10/100, 0/100. */
  ys_cpu_snapshot *s = malloc(2 * sizeof(*s));
  assert_non_null(s);
  assert_int_equal(ys_cpu_stat_parse("cpu  1 2 3 4\n"
                                     "cpu0 100 0 0 900 0 0 0 0\n"
                                     "cpu1 100 0 0 900 0 0 0 0\n"
                                     "cpu2 100 0 0 900 0 0 0 0\n"
                                     "cpu3 100 0 0 900 0 0 0 0\nintr 1 2\n",
                                     &s[0]),
                   4);
  assert_int_equal(ys_cpu_stat_parse("cpu0 170 0 10 920 0 0 0 0\n"
                                     "cpu1 105 0 0 995 0 0 0 0\n"
                                     "cpu2 100 0 0 990 0 4 6 0\n"
                                     "cpu3 100 0 0 1000 0 0 0 0\n",
                                     &s[1]),
                   4);
  double busy[6];
  ys_cpu_stat_busy(&s[0], &s[1], busy, 6);
  assert_true(busy[0] == 0.8 && busy[1] == 0.05 && busy[2] == 0.1);
  assert_true(busy[3] == 0 && busy[4] == -1 && busy[5] == -1);
  free(s);
}

static void test_cpu_list_parse(void **state) {
  (void)state;
  bool mask[8];
  assert_int_equal(ys_cpu_list_parse("0-2,5", mask, 8), 4);
  assert_true(mask[0] && mask[1] && mask[2] && !mask[3] && !mask[4] && mask[5]);
  assert_int_equal(ys_cpu_list_parse("3", mask, 8), 1);
  assert_int_equal(ys_cpu_list_parse("", mask, 8), -1);
  assert_int_equal(ys_cpu_list_parse("2-1", mask, 8), -1);
  assert_int_equal(ys_cpu_list_parse("1,x", mask, 8), -1);
}

static void test_virtualization(void **state) {
  (void)state;
  ys_doctor_report r = {.n = 0};
  use_machine("tuned"); /* "PowerEdge R650", no hypervisor flag */
  ys_doctor_check_virtualization(&env, &r);
  assert_int_equal(find(&r, "container")->level, YS_DOCTOR_OK);
  assert_contains(find(&r, "container")->text, "not in a container");
  assert_int_equal(find(&r, "virtual machine")->level, YS_DOCTOR_OK);

  r.n = 0;
  use_machine("noisy"); /* /.dockerenv, cpu.max 50000 100000, KVM */
  ys_doctor_check_virtualization(&env, &r);
  assert_int_equal(find(&r, "container")->level, YS_DOCTOR_WARNING);
  assert_contains(find(&r, "container")->text, "docker container");
  assert_contains(find(&r, "container")->text, "50000 100000");
  assert_int_equal(find(&r, "virtual machine")->level, YS_DOCTOR_WARNING);
  assert_contains(find(&r, "virtual machine")->text, "DMI product name 'KVM'");
  /* Said once: the check's name, not the finding, says what it is. */
  assert_null(strstr(find(&r, "virtual machine")->text, "virtual machine"));

  r.n = 0;
  use_machine("amd"); /* kubepods in /proc/1/cgroup, cpu.max max */
  ys_doctor_check_virtualization(&env, &r);
  assert_int_equal(find(&r, "container")->level, YS_DOCTOR_OK);
  assert_contains(find(&r, "container")->text, "kubepods");

  /* cgroup v1: the quota is cpu.cfs_quota_us per cpu.cfs_period_us, under
   * cpu,cpuacct here: 150000 / 100000 = 1.5 CPUs. */
  r.n = 0;
  use_machine("v1_quota");
  ys_doctor_check_virtualization(&env, &r);
  assert_int_equal(find(&r, "container")->level, YS_DOCTOR_WARNING);
  assert_contains(find(&r, "container")->text, "docker container");
  assert_contains(find(&r, "container")->text,
                  "cpu.cfs_quota_us 150000 per cpu.cfs_period_us 100000");
  assert_contains(find(&r, "container")->text, "1.5 CPUs");

  /* cgroup v1 under cpu/, quota -1: no limit. */
  r.n = 0;
  use_machine("v1_unlimited");
  ys_doctor_check_virtualization(&env, &r);
  assert_int_equal(find(&r, "container")->level, YS_DOCTOR_OK);
  assert_contains(find(&r, "container")->text,
                  "lxc container, without a CPU quota");
}

static void test_perf_events(void **state) {
  (void)state;
  ys_doctor_wants none = {false, false}, perf = {true, false};
  ys_doctor_report r = {.n = 0};
  use_machine("tuned"); /* paranoid 1 */
  ys_doctor_check_perf_events(&env, none, &r);
  assert_int_equal(find(&r, "perf_event_paranoid")->level, YS_DOCTOR_OK);
  assert_int_equal(find(&r, "perf events")->level, YS_DOCTOR_OK);

  /* A virtual machine: software events work, hardware ones are ENOENT. */
  r.n = 0;
  use_machine("tuned");
  fake_hw_errno = ENOENT;
  ys_doctor_check_perf_events(&env, perf, &r);
  const ys_doctor_finding *f = find(&r, "perf events");
  assert_int_equal(f->level, YS_DOCTOR_WARNING);
  assert_contains(f->text, "ENOENT");
  assert_contains(f->text, "no hardware counters");

  /* paranoid 3 and every event denied: a warning without --collector
   * perf, a problem with it; both say how to lower the setting. */
  r.n = 0;
  use_machine("noisy");
  fake_sw_errno = fake_hw_errno = EACCES;
  ys_doctor_check_perf_events(&env, none, &r);
  assert_int_equal(ys_doctor_worst(&r), YS_DOCTOR_WARNING);
  r.n = 0;
  ys_doctor_check_perf_events(&env, perf, &r);
  assert_int_equal(find(&r, "perf_event_paranoid")->level, YS_DOCTOR_PROBLEM);
  assert_contains(find(&r, "perf_event_paranoid")->text, "3:");
  assert_string_equal(find(&r, "perf_event_paranoid")->fix,
                      "sudo sysctl kernel.perf_event_paranoid=1");
  assert_int_equal(find(&r, "perf events")->level, YS_DOCTOR_PROBLEM);
  assert_contains(find(&r, "perf events")->text, "EACCES");
  assert_int_equal(ys_doctor_exit_code(&r, false), 1);

  /* No perf events in the kernel at all. */
  r.n = 0;
  use_machine("amd");
  ys_doctor_check_perf_events(&env, perf, &r);
  assert_int_equal(find(&r, "perf_event_paranoid")->level, YS_DOCTOR_PROBLEM);
}

static void test_tools(void **state) {
  (void)state;
  ys_doctor_wants none = {false, false}, callgrind = {false, true};
  ys_doctor_report r = {.n = 0};
  use_machine("tuned");
  ys_doctor_check_valgrind(&env, none, &r);
  ys_doctor_check_perf_tool(&env, &r);
  assert_int_equal(find(&r, "valgrind")->level, YS_DOCTOR_OK);
  assert_contains(find(&r, "valgrind")->text, "valgrind-9.9.9");
  assert_int_equal(find(&r, "perf tool")->level, YS_DOCTOR_OK);

  r.n = 0;
  fake_installed = false;
  ys_doctor_check_valgrind(&env, none, &r);
  ys_doctor_check_perf_tool(&env, &r);
  assert_int_equal(find(&r, "valgrind")->level, YS_DOCTOR_WARNING);
  assert_string_equal(find(&r, "valgrind")->fix,
                      "sudo apt-get install valgrind");
  assert_int_equal(find(&r, "perf tool")->level, YS_DOCTOR_WARNING);
  assert_string_equal(find(&r, "perf tool")->fix,
                      "sudo apt-get install linux-perf");

  r.n = 0;
  ys_doctor_check_valgrind(&env, callgrind, &r);
  assert_int_equal(find(&r, "valgrind")->level, YS_DOCTOR_PROBLEM);
}

static void test_build_type_and_clock(void **state) {
  (void)state;
  ys_doctor_report r = {.n = 0};
  ys_doctor_check_build_type("debug", &r);
  assert_int_equal(r.items[0].level, YS_DOCTOR_WARNING);
  assert_contains(r.items[0].fix, "-DCMAKE_BUILD_TYPE=Release");
  ys_doctor_check_build_type("release", &r);
  assert_int_equal(r.items[1].level, YS_DOCTOR_OK);

  r.n = 0;
  use_machine("tuned"); /* tsc */
  ys_doctor_check_clock(&env, 20, 0.3, &r);
  assert_int_equal(find(&r, "clock")->level, YS_DOCTOR_OK);
  assert_contains(find(&r, "clock")->text, "clock source tsc");
  /* A coarse clock is a warning even on tsc. */
  ys_doctor_check_clock(&env, 500, 0.3, &r);
  assert_int_equal(r.items[1].level, YS_DOCTOR_WARNING);

  r.n = 0;
  use_machine("noisy"); /* hpet, tsc available */
  ys_doctor_check_clock(&env, 20, 0.3, &r);
  assert_int_equal(find(&r, "clock")->level, YS_DOCTOR_WARNING);
  assert_contains(find(&r, "clock")->fix, "echo tsc | sudo tee");
}

static void test_exit_codes(void **state) {
  (void)state;
  ys_doctor_report r = {.n = 0};
  ys_doctor_add(&r, "a", YS_DOCTOR_OK, NULL, "fine");
  assert_int_equal(ys_doctor_exit_code(&r, false), 0);
  assert_int_equal(ys_doctor_exit_code(&r, true), 0);
  ys_doctor_add(&r, "b", YS_DOCTOR_WARNING, "fix-it", "noisy");
  assert_int_equal(ys_doctor_exit_code(&r, false), 0);
  assert_int_equal(ys_doctor_exit_code(&r, true), 1);
  ys_doctor_add(&r, "c", YS_DOCTOR_PROBLEM, NULL, "impossible");
  assert_int_equal(ys_doctor_exit_code(&r, false), 1);
  /* A full report drops what does not fit instead of overrunning. */
  for (int i = 0; i < 2 * YS_DOCTOR_MAX_FINDINGS; i++)
    ys_doctor_add(&r, "d", YS_DOCTOR_OK, NULL, "more");
  assert_int_equal(r.n, YS_DOCTOR_MAX_FINDINGS);
}

static void test_write(void **state) {
  (void)state;
  ys_doctor_report r = {.n = 0};
  ys_doctor_add(&r, "governor", YS_DOCTOR_WARNING, "sudo cpupower x",
                "powersave \"quoted\"");
  ys_doctor_add(&r, "clock", YS_DOCTOR_OK, NULL, "fine");
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  assert_int_equal(ys_doctor_write(out, &r, false, false), 0);
  fclose(out);
  assert_contains(text, "warning  governor");
  assert_contains(text, "fix: sudo cpupower x\n");
  assert_contains(text, "1 ok, 1 warning, 0 problems: measuring can proceed");
  free(text);

  out = open_memstream(&text, &len);
  assert_int_equal(ys_doctor_write(out, &r, true, false), 0);
  fclose(out);
  assert_contains(text, "\"verdict\": \"warning\"");
  assert_contains(text, "\"finding\": \"powersave \\\"quoted\\\"\"");
  assert_contains(text, "\"fix\": null");
  free(text);
}

static void test_pin_parse(void **state) {
  (void)state;
  char err[256];
  bool automatic = false;
  int cpu = -1;
  assert_int_equal(ys_pin_parse("auto", &automatic, &cpu, err, sizeof(err)), 0);
  assert_true(automatic);
  assert_int_equal(ys_pin_parse("x", &automatic, &cpu, err, sizeof(err)),
                   YS_EINVAL);
  assert_contains(err, "--pin: 'x'");
  assert_int_equal(ys_pin_parse("-1", &automatic, &cpu, err, sizeof(err)),
                   YS_EINVAL);
  assert_int_equal(ys_pin_parse("3x", &automatic, &cpu, err, sizeof(err)),
                   YS_EINVAL);
  assert_int_equal(ys_pin_parse("99999", &automatic, &cpu, err, sizeof(err)),
                   YS_EINVAL);
  assert_contains(err, "--pin: CPU 99999 is not one this process may run on");
  /* A CPU this process may run on, from its own affinity mask. */
  cpu_set_t set;
  assert_int_equal(sched_getaffinity(0, sizeof(set), &set), 0);
  int allowed = 0;
  while (!CPU_ISSET(allowed, &set))
    allowed++;
  char text[16];
  snprintf(text, sizeof(text), "%d", allowed);
  assert_int_equal(ys_pin_parse(text, &automatic, &cpu, err, sizeof(err)), 0);
  assert_false(automatic);
  assert_int_equal(cpu, allowed);
}

static void test_pin_choose(void **state) {
  (void)state;
  /* The noisy machine: busy 0.8, 0.05, 0.1, 0; siblings 0,2 and 1,3.
   * Own share plus the busiest sibling's: 0.9, 0.05, 0.9, 0.05; cpu1 and
   * cpu3 tie and the higher one wins. */
  double busy[4] = {0.8, 0.05, 0.1, 0};
  bool sib[16] = {0};
  sib[0 * 4 + 2] = sib[2 * 4 + 0] = sib[1 * 4 + 3] = sib[3 * 4 + 1] = true;
  bool allowed[4] = {true, true, true, true};
  assert_int_equal(ys_pin_choose(busy, sib, allowed, 4), 3);
  /* cpu3 not allowed (taskset): cpu1. */
  allowed[3] = false;
  assert_int_equal(ys_pin_choose(busy, sib, allowed, 4), 1);
  /* An idle CPU beside a busy sibling loses to a busier lone core: cpu2
   * alone is idle (0) but its sibling cpu0 runs at 0.8; cpu1 scores 0.05. */
  busy[2] = 0;
  assert_int_equal(ys_pin_choose(busy, sib, allowed, 4), 1);
  bool none[4] = {false, false, false, false};
  assert_int_equal(ys_pin_choose(busy, sib, none, 4), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_governor),
      cmocka_unit_test(test_boost),
      cmocka_unit_test(test_smt),
      cmocka_unit_test(test_aslr_is_never_a_warning),
      cmocka_unit_test(test_unread_facts_are_unknown),
      cmocka_unit_test(test_online_cpus),
      cmocka_unit_test(test_load_and_busy_cores),
      cmocka_unit_test(test_cpu_stat_busy_shares),
      cmocka_unit_test(test_cpu_list_parse),
      cmocka_unit_test(test_virtualization),
      cmocka_unit_test(test_perf_events),
      cmocka_unit_test(test_tools),
      cmocka_unit_test(test_build_type_and_clock),
      cmocka_unit_test(test_exit_codes),
      cmocka_unit_test(test_write),
      cmocka_unit_test(test_pin_parse),
      cmocka_unit_test(test_pin_choose),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
