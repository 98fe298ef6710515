/*
 * compare_cmd.c — `bench compare OLD NEW [OPTION]...` (compare_cmd.h).
 */
#include "compare_cmd.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "../analysis/ratio.h"
#include "../baselines/store.h"
#include "app_judge.h"
#include "baseline_prep.h"
#include "exit_codes.h"

/* `bench compare OLD NEW [OPTION]...`: two saved baselines, no run. */
int ys_compare_main(invocation *s) {
  if (s->o.n_filters != 2) {
    fprintf(stderr, "%s: compare: give exactly two baselines, OLD and NEW\n",
            s->prog);
    return YS_EXIT_USAGE;
  }
  const char *dir = ys_store_dir(s->o.baseline_dir);
  ys_baseline *newer = NULL;
  char path[PATH_MAX];
  const char *names[2] = {s->o.filters[0], s->o.filters[1]};
  ys_baseline **dst[2] = {&s->baseline, &newer};
  for (int k = 0; k < 2; k++) {
    if (ys_store_resolve(names[k], dir, path, sizeof(path), s->err,
                         sizeof(s->err)) != 0 ||
        ys_store_load(path, dst[k], s->err, sizeof(s->err)) != 0) {
      fprintf(stderr, "%s: compare: %s\n", s->prog, s->err);
      ys_baseline_free(newer);
      return YS_EXIT_USAGE;
    }
  }
  if (ys_baseline_prep_check_pair(s->baseline, names[0], newer, names[1],
                                  s->err, sizeof(s->err)) != 0) {
    fprintf(stderr, "%s: compare: %s\n", s->prog, s->err);
    ys_baseline_free(newer);
    return YS_EXIT_USAGE;
  }
  /* Checked once both are loaded: an output may not replace either. */
  int code = ys_app_check_gates_run(s, &newer->run);
  if (code == YS_EXIT_OK) code = ys_app_check_reports(s, newer);
  if (code != YS_EXIT_OK) {
    ys_baseline_free(newer);
    return code;
  }
  /* The newer baseline plays this run: its results move into the invocation
   * (their strings stay owned by `newer`, which outlives the reports). */
  s->run = newer->run;
  s->ctx = newer->ctx;
  /* A baseline keeps its round estimates, not its ratios. */
  ys_ratio_config ratio_cfg = ys_ratio_config_default(s->ctx.seed);
  s->o.filters = NULL;
  s->o.n_filters = 0;
  if (ys_ratio_fill(&s->run, &ratio_cfg) == 0 && ys_app_judge(s) == 0) {
    ys_summary sum = ys_app_summarize(s, 0);
    bool reported = ys_app_write_reports(s, &sum);
    code = ys_app_exit_code(&sum, reported);
  } else {
    code = YS_EXIT_USAGE;
    fprintf(stderr, "%s: compare: out of memory\n", s->prog);
  }
  ys_judgement_free(&s->judgement);
  memset(&s->run, 0, sizeof(s->run));
  ys_baseline_free(newer);
  return code;
}
