/*
 * profile.c — the profiling pass (profile.h): per benchmark, perf record
 * around its timed windows, perf script, folding, and the files; or,
 * under callgrind, a measured round and its windows' call graph
 * (callgrind_entry.h).
 */
#include "profile.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../baselines/names.h"
#include "../core/error.h"
#include "../core/fs.h"
#include "../run/interrupt.h"
#include "../run/runner.h"
#include "artifacts.h"
#include "callgrind_entry.h"
#include "dhat.h"
#include "../core/file_names.h"
#include "perf_script.h"
#include "perf_session.h"
#include "window.h"

/* Samples of a round: the plan spreads the time over this many windows of
 * growing length, as a measurement round does. */
#define PROFILE_SAMPLES 10
/* Warm-up before the sampled samples, at most this share of the time. */
#define PROFILE_WARM_UP_SHARE 0.05

/* One benchmark's outcome. */
typedef struct entry {
  char file[PATH_MAX / 4];
  ys_folded folded;
  ys_hotspots hot;
  ys_folded before;
  ys_hotspots before_hot;
  bool has_before;
  ys_profile_facts facts;
  char failed[320];
} entry;

static void entry_free(entry *e) {
  ys_folded_free(&e->folded);
  ys_hotspots_free(&e->hot);
  ys_folded_free(&e->before);
  ys_hotspots_free(&e->before_hot);
}

static int join(char *out, size_t len, const char *dir, const char *name) {
  return snprintf(out, len, "%s/%s", dir, name) < (int)len ? 0 : YS_EINVAL;
}

static bool is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Whether this profile is callgrind's call graph rather than perf's
 * samples. */
static bool exact(const ys_profile_config *cfg) {
  return cfg->collector != NULL && cfg->collector->ops->needs_valgrind;
}

static const char *unit_of(const ys_profile_config *cfg) {
  return exact(cfg) ? YS_PROFILE_UNIT_INSTRUCTIONS : YS_PROFILE_UNIT_SAMPLES;
}

/* The iterations of each measured batch under callgrind (--iterations). */
static uint64_t iterations_of(const ys_profile_config *cfg) {
  return cfg->iterations > 0 ? cfg->iterations : 1;
}

/* Reads the unit of the profile in folder `dir` into unit[0..len): the
 * first line of its YS_PROFILE_UNIT_FILE, or "samples" when it has none
 * (profiles saved before units were recorded are perf's); and into
 * *iterations the count of its second line, "iterations N", or 1 when it
 * has none (profiles of instructions saved before it was recorded counted
 * batches of one iteration, the only count they could). */
static void read_unit(const char *dir, char *unit, size_t len,
                      unsigned long long *iterations) {
  char path[PATH_MAX];
  snprintf(unit, len, "%s", YS_PROFILE_UNIT_SAMPLES);
  *iterations = 1;
  if (snprintf(path, sizeof(path), "%s/%s", dir, YS_PROFILE_UNIT_FILE) >=
      (int)sizeof(path))
    return;
  FILE *in = fopen(path, "r");
  if (in == NULL) return;
  if (fgets(unit, (int)len, in) == NULL)
    snprintf(unit, len, "%s", YS_PROFILE_UNIT_SAMPLES);
  unit[strcspn(unit, "\r\n")] = '\0';
  char line[64];
  unsigned long long n;
  if (fgets(line, sizeof(line), in) != NULL &&
      sscanf(line, "iterations %llu", &n) == 1 && n > 0)
    *iterations = n;
  fclose(in);
}

/* Writes the unit file of the profile in `dir`. */
static int write_unit(const ys_profile_config *cfg, const char *dir, char *err,
                      size_t err_len) {
  char path[PATH_MAX];
  if (snprintf(path, sizeof(path), "%s/%s", dir, YS_PROFILE_UNIT_FILE) >=
      (int)sizeof(path)) {
    snprintf(err, err_len, "%s: path too long", dir);
    return YS_EINVAL;
  }
  FILE *out = fopen(path, "w");
  int rc = out == NULL ? YS_EIO : 0;
  if (rc == 0 && fprintf(out, "%s\n", unit_of(cfg)) < 0) rc = YS_EIO;
  if (rc == 0 && exact(cfg) &&
      fprintf(out, "iterations %llu\n",
              (unsigned long long)iterations_of(cfg)) < 0)
    rc = YS_EIO;
  if (out != NULL && fclose(out) != 0) rc = YS_EIO;
  if (rc != 0)
    snprintf(err, err_len, "cannot write %s: %s", path, strerror(errno));
  return rc;
}

/* The collector that counts a unit, for messages. */
static const char *collector_of(const char *unit) {
  return strcmp(unit, YS_PROFILE_UNIT_INSTRUCTIONS) == 0
             ? "--collector callgrind"
             : "perf, the default";
}

int ys_profile_check(const ys_profile_config *cfg, char *err, size_t err_len) {
  char why[256], path[PATH_MAX];
  int rc = ys_fs_check_dir_writable(cfg->dir);
  if (rc != 0) {
    snprintf(err, err_len, "--profile-dir: cannot write to %s: %s", cfg->dir,
             strerror(rc));
    return YS_EINVAL;
  }
  if (cfg->save_name != NULL &&
      ys_store_check_name(cfg->save_name, why, sizeof(why)) != 0) {
    snprintf(err, err_len, "--save-profile: %s", why);
    return YS_EINVAL;
  }
  if (cfg->baseline == NULL) return 0;
  if (ys_store_check_name(cfg->baseline, why, sizeof(why)) != 0) {
    snprintf(err, err_len, "--baseline: %s", why);
    return YS_EINVAL;
  }
  if (join(path, sizeof(path), cfg->dir, cfg->baseline) != 0 || !is_dir(path)) {
    snprintf(err, err_len,
             "--baseline: no saved profile '%s' in %s (save one with "
             "--save-profile %s)",
             cfg->baseline, cfg->dir, cfg->baseline);
    return YS_EINVAL;
  }
  /* Samples and instructions are not the same quantity: their shares
   * might look alike, their counts never are. */
  char saved[64];
  unsigned long long saved_iterations;
  read_unit(path, saved, sizeof(saved), &saved_iterations);
  if (strcmp(saved, unit_of(cfg)) != 0) {
    snprintf(err, err_len,
             "--baseline: the saved profile '%s' counts %s (%s), this one "
             "counts %s (%s): they cannot be compared; save a profile with "
             "the same collector",
             cfg->baseline, saved, collector_of(saved), unit_of(cfg),
             collector_of(unit_of(cfg)));
    return YS_EINVAL;
  }
  /* An instruction count covers the whole batch, the window's own entry
   * and exit included: profiles of batches of different sizes differ in
   * every function, so only equal batches compare exactly. */
  if (exact(cfg) && saved_iterations != iterations_of(cfg)) {
    snprintf(err, err_len,
             "--baseline: the saved profile '%s' counts batches of %llu "
             "iteration%s, this one of %llu (--iterations): give "
             "--iterations %llu to compare with it",
             cfg->baseline, saved_iterations, saved_iterations == 1 ? "" : "s",
             (unsigned long long)iterations_of(cfg), saved_iterations);
    return YS_EINVAL;
  }
  if (cfg->save_name != NULL && strcmp(cfg->save_name, cfg->baseline) == 0) {
    snprintf(err, err_len,
             "--save-profile %s would replace the profile --baseline "
             "compares with",
             cfg->save_name);
    return YS_EINVAL;
  }
  return 0;
}

/* Where the benchmark's function lives, as perf names it. */
static void locate(const ys_instance *inst, char *dso, size_t dso_len,
                   ys_stack_target *t) {
  Dl_info info;
  memset(&info, 0, sizeof(info));
  void *fn = (void *)(uintptr_t)inst->def->fn;
  dso[0] = '\0';
  t->fn_offset = UINT64_MAX;
  t->fn_address = (uintptr_t)fn;
  if (dladdr(fn, &info) != 0 && info.dli_fbase != NULL)
    t->fn_offset = (uintptr_t)fn - (uintptr_t)info.dli_fbase;
  char resolved[PATH_MAX];
  if (info.dli_fname != NULL && info.dli_fname[0] != '\0' &&
      realpath(info.dli_fname, resolved) != NULL)
    snprintf(dso, dso_len, "%s", resolved);
  else if (realpath("/proc/self/exe", resolved) != NULL)
    snprintf(dso, dso_len, "%s", resolved);
  t->dso = dso;
}

/* Runs one round of `inst` of about `seconds` (or of the fixed iterations
 * of an exact collector), measured by `collector`, its sample plan costed
 * at planning_cost_ns per iteration (0: by its own warm-up). Writes the
 * timed ns per iteration it measured into *cost_ns (may be NULL; 0 when
 * there was none). */
static int run_round(const ys_profile_config *cfg, const ys_instance *inst,
                     const ys_collector *collector, double seconds,
                     double planning_cost_ns, double *cost_ns, entry *e) {
  double budget_ns = seconds * 1e9;
  ys_runner_config rc_cfg = {
      .collector = collector,
      .warm_up_ns = budget_ns * PROFILE_WARM_UP_SHARE,
      .measurement_ns = budget_ns,
      .sample_size = PROFILE_SAMPLES,
      .rounds = 1,
      .seed = cfg->seed,
      .fixed_iterations = iterations_of(cfg),
      .planning_cost_ns = planning_cost_ns,
      .timeout_s = cfg->timeout_s,
  };
  ys_runner *runner = NULL;
  ys_bench_result res;
  memset(&res, 0, sizeof(res));
  int rc = ys_runner_open(&rc_cfg, &runner);
  if (rc == 0) rc = ys_runner_result_init(collector, inst, &res);
  if (rc == 0) rc = ys_runner_round(runner, inst, &res);
  if (rc == 0 && res.status != YS_BENCH_OK)
    snprintf(e->failed, sizeof(e->failed), "%s: %s",
             res.status == YS_BENCH_SKIPPED ? "skipped" : "failed",
             res.message);
  if (cost_ns != NULL) {
    double total = 0, iterations = 0;
    for (size_t i = 0; res.n_series > 0 && i < res.series[0].n_samples; i++) {
      total += res.series[0].samples[i].value;
      iterations += (double)res.series[0].samples[i].iterations;
    }
    *cost_ns = iterations > 0 && total > 0 ? total / iterations : 0;
  }
  ys_bench_result_clear(&res);
  ys_runner_close(runner);
  return rc;
}

/* Runs one round of `inst` of about cfg->seconds, sampled by `perf`. */
static int sample_windows(const ys_profile_config *cfg, const ys_instance *inst,
                          ys_perf_session *perf, entry *e, char *err,
                          size_t err_len) {
  ys_profile_window w;
  ys_collector gated;
  ys_profile_window_init(&w, cfg->collector, perf, &gated);
  /* Each gated window costs a round trip to perf at both edges, which a
   * plan costed by the gated warm-up would count as the iterations' own
   * cost: a body of nanoseconds would get a few hundred iterations in all
   * and no samples. The iterations are costed first, unsampled, by the
   * collector alone, in a tenth of the time. */
  double cost_ns = 0;
  int rc =
      run_round(cfg, inst, cfg->collector, cfg->seconds * 0.1, 0, &cost_ns, e);
  if (rc == 0 && e->failed[0] == '\0')
    rc = run_round(cfg, inst, &gated, cfg->seconds, cost_ns, NULL, e);
  if (rc == 0 && w.error != 0) {
    snprintf(err, err_len, "perf stopped answering while '%s' ran", inst->name);
    rc = YS_EIO;
  }
  e->facts.sampled_s = w.sampled_s;
  e->facts.sampled_cpu_s = w.sampled_cpu_s;
  e->facts.windows = w.windows;
  return rc;
}

/* Loads DIR/BASELINE/FILE.folded when the saved profile has it. */
static int load_before(const ys_profile_config *cfg, entry *e, char *err,
                       size_t err_len) {
  char path[PATH_MAX];
  if (snprintf(path, sizeof(path), "%s/%s/%s.folded", cfg->dir, cfg->baseline,
               e->file) >= (int)sizeof(path))
    return 0;
  FILE *in = fopen(path, "r");
  if (in == NULL) return 0; /* not in the saved profile: said in profile.md */
  int rc = ys_folded_read(in, path, &e->before, err, err_len);
  fclose(in);
  if (rc == 0) rc = ys_hotspots_compute(&e->before, &e->before_hot);
  e->has_before = rc == 0;
  return rc;
}

static int write_entry(const ys_profile_config *cfg, const char *dir, entry *e,
                       char *err, size_t err_len) {
  ys_profile_artifact a = {.file = e->file,
                           .folded = &e->folded,
                           .hot = &e->hot,
                           .facts = &e->facts,
                           .before = e->has_before ? &e->before : NULL,
                           .baseline = cfg->baseline};
  return ys_profile_artifacts_write(dir, &a, err, err_len);
}

/* Profiles one benchmark into `e` from callgrind's call graph of its
 * measured windows: the round runs under the callgrind collector itself,
 * which dumps each window to this process's callgrind file. */
static int profile_one_exact(const ys_profile_config *cfg,
                             const ys_instance *inst, entry *e, char *err,
                             size_t err_len) {
  int rc = run_round(cfg, inst, cfg->collector, cfg->seconds, 0, NULL, e);
  uint64_t windows = 0;
  if (rc == 0 && e->failed[0] == '\0') {
    rc = ys_profile_callgrind_entry(inst->name, &e->folded, &e->hot, &windows,
                                    err, err_len);
    if (rc == YS_ENOENT) rc = YS_ENOTSUP;
  }
  e->facts.windows = windows;
  e->facts.iterations = iterations_of(cfg);
  if (rc == 0 && e->failed[0] == '\0' && cfg->baseline != NULL)
    rc = load_before(cfg, e, err, err_len);
  if (rc == 0 && e->failed[0] == '\0')
    rc = write_entry(cfg, cfg->dir, e, err, err_len);
  return rc;
}

/* Profiles one benchmark into `e`. */
static int profile_one(const ys_profile_config *cfg, const ys_instance *inst,
                       entry *e, char *err, size_t err_len) {
  e->facts.benchmark = inst->name;
  e->facts.unit = unit_of(cfg);
  if (ys_profile_file_name(inst->name, e->file, sizeof(e->file)) != 0) {
    snprintf(err, err_len, "benchmark name too long for a file: %s",
             inst->name);
    return YS_EINVAL;
  }
  if (exact(cfg)) return profile_one_exact(cfg, inst, e, err, err_len);
  char data[PATH_MAX], log[PATH_MAX];
  if (snprintf(data, sizeof(data), "%s/.%s.perf.data", cfg->dir, e->file) >=
          (int)sizeof(data) ||
      snprintf(log, sizeof(log), "%s/.%s.perf.log", cfg->dir, e->file) >=
          (int)sizeof(log)) {
    snprintf(err, err_len, "--profile-dir: path too long: %s", cfg->dir);
    return YS_EINVAL;
  }
  ys_perf_session perf;
  int rc = ys_perf_session_start(&perf, data, log, err, err_len);
  if (rc != 0) {
    unlink(data);
    if (rc == YS_ENOTSUP) unlink(log);
    return rc;
  }
  rc = sample_windows(cfg, inst, &perf, e, err, err_len);
  char why[400];
  int stopped = ys_perf_session_stop(&perf, log, why, sizeof(why));
  if (rc == 0 && stopped != 0) {
    snprintf(err, err_len, "%s", why);
    rc = stopped;
  }
  if (rc == 0 && e->failed[0] == '\0') {
    char dso[PATH_MAX];
    ys_stack_target target;
    locate(inst, dso, sizeof(dso), &target);
    rc = ys_perf_script_fold(data, log, &target, &e->folded, &e->facts.tally,
                             err, err_len);
  }
  if (rc == 0 && e->failed[0] == '\0')
    rc = ys_hotspots_compute(&e->folded, &e->hot);
  if (rc == 0 && e->failed[0] == '\0' && cfg->baseline != NULL)
    rc = load_before(cfg, e, err, err_len);
  if (rc == 0 && e->failed[0] == '\0')
    rc = write_entry(cfg, cfg->dir, e, err, err_len);
  unlink(data);
  if (rc == 0) unlink(log);
  return rc;
}

static void log_entry(const ys_profile_config *cfg, const entry *e) {
  if (cfg->log == NULL) return;
  if (e->failed[0] != '\0') {
    fprintf(cfg->log, "profile: %s: no profile (%s)\n", e->facts.benchmark,
            e->failed);
    return;
  }
  if (exact(cfg)) {
    fprintf(cfg->log,
            "profile: %s: %llu instructions in %llu window%s (callgrind); "
            "top: %s\n",
            e->facts.benchmark, (unsigned long long)e->hot.samples,
            e->facts.windows, e->facts.windows == 1 ? "" : "s",
            e->hot.n > 0 ? e->hot.fns[0].name : "(no instructions)");
    return;
  }
  uint64_t outside = ys_sample_tally_outside(&e->facts.tally);
  fprintf(cfg->log,
          "profile: %s: %llu samples in %.2f s of timed windows (%.2f s of "
          "CPU, %.0f samples per CPU second), %llu outside the windows; top: "
          "%s\n",
          e->facts.benchmark, (unsigned long long)e->hot.samples,
          e->facts.sampled_s, e->facts.sampled_cpu_s,
          e->facts.sampled_cpu_s > 0
              ? (double)e->hot.samples / e->facts.sampled_cpu_s
              : 0.0,
          (unsigned long long)outside,
          e->hot.n > 0 ? e->hot.fns[0].name : "(no samples)");
}

/* profile.md in DIR, and the whole profile again in DIR/NAME with
 * --save-profile. */
static int write_run(const ys_profile_config *cfg, entry *entries, size_t n,
                     char *err, size_t err_len) {
  ys_profile_md_entry *md = calloc(n + 1, sizeof(*md));
  if (md == NULL) return YS_ENOMEM;
  for (size_t i = 0; i < n; i++)
    md[i] = (ys_profile_md_entry){
        .file = entries[i].file,
        .hot = &entries[i].hot,
        .facts = entries[i].facts,
        .before = entries[i].has_before ? &entries[i].before_hot : NULL,
        .failed = entries[i].failed[0] ? entries[i].failed : NULL};
  ys_profile_md_run run = {.seconds = cfg->seconds,
                           .call_graph = YS_PERF_CALL_GRAPH,
                           .baseline = cfg->baseline,
                           .unit = unit_of(cfg)};
  int rc = ys_profile_summary_write(cfg->dir, md, n, &run, err, err_len);
  if (rc == 0) rc = write_unit(cfg, cfg->dir, err, err_len);
  if (rc == 0 && cfg->save_name != NULL) {
    char saved[PATH_MAX];
    rc = join(saved, sizeof(saved), cfg->dir, cfg->save_name);
    if (rc == 0 && (rc = ys_fs_make_dirs(saved)) != 0) {
      snprintf(err, err_len, "--save-profile: cannot create %s: %s", saved,
               strerror(rc));
      rc = YS_EIO;
    }
    /* A saved profile is compared as it was taken: no diff of its own. */
    ys_profile_md_run plain = {.seconds = cfg->seconds,
                               .call_graph = YS_PERF_CALL_GRAPH,
                               .unit = unit_of(cfg)};
    for (size_t i = 0; i < n; i++)
      md[i].before = NULL;
    for (size_t i = 0; rc == 0 && i < n; i++) {
      if (entries[i].failed[0] != '\0') continue;
      bool had = entries[i].has_before;
      entries[i].has_before = false;
      rc = write_entry(cfg, saved, &entries[i], err, err_len);
      entries[i].has_before = had;
    }
    if (rc == 0)
      rc = ys_profile_summary_write(saved, md, n, &plain, err, err_len);
    if (rc == 0) rc = write_unit(cfg, saved, err, err_len);
  }
  free(md);
  return rc;
}

int ys_profile_run(const ys_profile_config *cfg, const ys_instance *chosen,
                   size_t n, char *err, size_t err_len) {
  int rc = ys_fs_make_dirs(cfg->dir);
  if (rc != 0) {
    snprintf(err, err_len, "--profile-dir: cannot create %s: %s", cfg->dir,
             strerror(rc));
    return YS_EINVAL;
  }
  if (ys_profile_dhat_wanted(cfg))
    return ys_profile_dhat_run(cfg, chosen, n, err, err_len);
  entry *entries = calloc(n + 1, sizeof(*entries));
  if (entries == NULL) return YS_ENOMEM;
  size_t done = 0;
  bool failed = false;
  for (; rc == 0 && done < n; done++) {
    if (ys_interrupted()) {
      rc = YS_EINTR;
      break;
    }
    rc = profile_one(cfg, &chosen[done], &entries[done], err, err_len);
    if (rc == 0) log_entry(cfg, &entries[done]);
    if (rc == 0 && entries[done].failed[0] != '\0') failed = true;
  }
  if (rc == 0) rc = write_run(cfg, entries, n, err, err_len);
  if (rc == 0 && failed) {
    for (size_t i = 0; i < n; i++)
      if (entries[i].failed[0] != '\0') {
        snprintf(err, err_len, "benchmark '%s' %s", chosen[i].name,
                 entries[i].failed);
        break;
      }
    rc = YS_EBENCH;
  }
  for (size_t i = 0; i < n; i++)
    entry_free(&entries[i]);
  free(entries);
  return rc;
}
