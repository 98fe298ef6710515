/*
 * invocation.h — what one run of a benchmark program holds, shared by the
 * files of the harness that wire the stages together: app.c (the
 * pipeline), app_judge.c (its gate and re-measuring), compare_cmd.c and
 * profile_cmd.c (`bench compare` and `bench profile`) and app_reports.c
 * (where its reports go, what they sum up, and the exit code that
 * follows). Not a public interface.
 */
#ifndef YS_INVOCATION_H
#define YS_INVOCATION_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "../baselines/history.h"
#include "../baselines/store.h"
#include "../gate/band.h"
#include "../collectors/collector.h"
#include "../core/model.h"
#include "../gate/gate.h"
#include "../peer/against.h"
#include "../peer/pool.h"
#include "../reports/report.h"
#include "../run/divert.h"
#include "../run/registry.h"
#include "config.h"
#include "options.h"

/* Where one report goes, and in which format and style. */
typedef struct report_dest {
  const ys_report_ops *ops;
  const char *path; /* "-" for stdout; borrowed */
  ys_report_style style;
} report_dest;

/* The reports of one run: stdout's and every --output file. */
typedef struct report_set {
  report_dest reports[YS_MAX_OUTPUTS + 1];
  size_t n;
} report_set;

/* Everything one invocation holds; freed by invocation_free. */
typedef struct invocation {
  const char *prog;
  ys_options o;
  ys_config config;        /* owns what `o` borrows from the config file */
  const char *config_path; /* the config file read, or NULL */
  ys_collector *collector; /* opened once the program is to measure */
  ys_instance *instances;  /* every benchmark of the program */
  size_t n_instances;
  ys_instance *chosen; /* the selected ones, sorted by name */
  size_t n_chosen;
  ys_bench_settings *settings; /* each chosen one's (settings_prep.h) */
  ys_target_table targets;     /* from code and the config file */
  bool targets_judged;
  ys_baseline *baseline; /* --baseline, loaded before anything runs */
  bool baseline_missing; /* --baseline does not exist: report only */
  ys_history history;    /* --baseline NAME's history (run_history.h) */
  ys_band_table bands;   /* its noise bands, borrowing from `history` */
  bool bands_consulted;  /* --baseline is a NAME: the gate uses `bands` */
  char save_path[PATH_MAX];
  ys_against against; /* --against: the other build and its results */
  ys_pool own;        /* this build's workers, when rounds run in them */
  bool own_started;
  ys_context ctx;
  ys_run_result run;
  ys_judgement judgement; /* when compared */
  bool judged;
  report_set reports;
  ys_divert divert; /* stdout sent to stderr while benchmarks run */
  double started_s; /* when the measuring began */
  char err[512];
} invocation;

/* Lists the destinations of the reports (stdout's format and every
 * --output file) into s->reports and checks every file before anything is
 * measured, without opening one: a report file is written only when the
 * run has ended. An output that is the file of a baseline being read or
 * saved is refused. `newer` is compare's NEW baseline, else NULL. Returns
 * an exit code (the message is on stderr). */
int ys_app_check_reports(invocation *s, const ys_baseline *newer);

/*
 * Whether the run summed up in `sum` may replace baseline `name`: not when
 * a benchmark failed, whose good old figures the save would drop (the
 * next comparison would then judge nothing for it). Says so on stderr,
 * naming the baseline and how many failed, when it may not.
 */
bool ys_app_may_save(const char *prog, const char *name, const ys_summary *sum);

/* Refuses a report file of `paths` (n of them, borrowed; "-" is stdout
 * and passes) that would be written where a baseline or history is, or be
 * taken for one: a YAML file in the baseline folder `dir`, or any file in
 * its history folder (folders compared by device and inode, links
 * followed). Prints the message naming the --output, after `prog`, on
 * stderr. Returns YS_EXIT_OK or YS_EXIT_USAGE. */
int ys_app_refuse_in_baseline_folder(const char *prog, const char *const *paths,
                                     size_t n, const char *dir);

/* The totals of the run in *s, and its verdict counts when it was
 * judged; `elapsed_s` is the time it took. */
ys_summary ys_app_summarize(const invocation *s, double elapsed_s);

/* Hands every report of s->reports one view of the finished run. A report
 * that cannot be written is named on stderr. Returns whether every report
 * was written. */
bool ys_app_write_reports(invocation *s, const ys_summary *sum);

/* Whether stdout gets colour: a terminal, NO_COLOR unset or empty, and
 * TERM not "dumb" (no-color.org). */
bool ys_app_stdout_wants_color(void);

/* The exit code of a finished run from its summary and whether its
 * reports were written (exit_codes.h). */
int ys_app_exit_code(const ys_summary *sum, bool reported);

#endif
