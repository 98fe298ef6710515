/*
 * exec_relative.c — each command against the reference command (see
 * exec_relative.h). The comparison is the gate's own (ys_compare_bench,
 * docs/statistics.md §3): the reference plays the baseline, so the ratio
 * is that of the lower quartiles of the round estimates, its interval the
 * bootstrap interval of the same statistic, and the verdict the one the
 * gate would give at --threshold.
 */
#include "exec_relative.h"

#include <stdio.h>
#include <string.h>

#include "../core/error.h"
#include "../gate/compare.h"
#include "../reports/units.h"

static const ys_bench_result *find(const ys_run_result *run, const char *name) {
  for (size_t i = 0; i < run->n_benches; i++)
    if (strcmp(run->benches[i].name, name) == 0) return &run->benches[i];
  return NULL;
}

/* The verdict of one command against the reference, with why it is
 * inconclusive and what would settle it, in this command's own flags
 * (both commands are measured in the same rounds). */
static void relative_verdict(const ys_comparison *cmp, char *buf, size_t len) {
  const char *name = ys_verdict_name(cmp->verdict);
  const char *why = NULL;
  switch (cmp->verdict == YS_VERDICT_INCONCLUSIVE ? cmp->doubt
                                                  : YS_DOUBT_NONE) {
  case YS_DOUBT_FEW_ROUNDS:
    why = "too few rounds to back it: raise --rounds";
    break;
  case YS_DOUBT_TOO_WIDE:
    why = "its interval is too wide to tell: more --runs or --rounds";
    break;
  case YS_DOUBT_CONTENDED:
    why = "the CPU was too busy to judge it: rerun on a quieter machine";
    break;
  case YS_DOUBT_UNSUPPORTED:
    why = "its interval reaches 1x: more --runs or --rounds";
    break;
  case YS_DOUBT_NONE:
  default:
    break;
  }
  if (why != NULL)
    snprintf(buf, len, "%s: %s", name, why);
  else
    snprintf(buf, len, "%s", name);
}

/* "1.92× faster", "1.10× slower", "as fast" from a ratio new/reference. */
static const char *speed_words(double ratio, char *buf, size_t len) {
  if (ratio < 1)
    snprintf(buf, len, "%.2f× faster", 1 / ratio);
  else if (ratio > 1)
    snprintf(buf, len, "%.2f× slower", ratio);
  else
    snprintf(buf, len, "as fast");
  return buf;
}

int ys_exec_relative_write(const ys_run_result *run, const char *reference,
                           const ys_options *o, const char *prog) {
  (void)prog;
  const ys_bench_result *ref = find(run, reference);
  bool markdown = strcmp(o->format->name, "markdown") == 0;
  bool to_stdout = markdown || strcmp(o->format->name, "console") == 0;
  if (!to_stdout && o->quiet) return 0;
  FILE *out = to_stdout ? stdout : stderr;
  if (ref == NULL || ref->status != YS_BENCH_OK) {
    fprintf(out, "\nNo comparison with '%s': it was not measured.\n",
            reference);
    return 0;
  }
  const char *metric = ref->series[0].metric;
  if (markdown)
    fprintf(out,
            "\n### Relative to `%s`\n\n"
            "Ratio of %s (lower quartile of round estimates), 95 %% "
            "interval.\n\n"
            "| command | ratio | 95 %% CI | | verdict |\n"
            "|---|---:|---|---|---|\n",
            reference, metric);
  else
    fprintf(out,
            "\nRelative to '%s' (%s, lower quartile of round estimates, "
            "95 %% CI):\n",
            reference, metric);
  ys_compare_config cfg = ys_compare_config_default(o->seed);
  cfg.threshold = o->threshold;
  for (size_t i = 0; i < run->n_benches; i++) {
    const ys_bench_result *cur = &run->benches[i];
    if (cur == ref) continue;
    if (cur->status != YS_BENCH_OK) {
      if (markdown)
        fprintf(out, "| `%s` | | | | %s |\n", cur->name,
                ys_bench_status_name(cur->status));
      else
        fprintf(out, "  %-24s %s\n", cur->name,
                ys_bench_status_name(cur->status));
      continue;
    }
    ys_comparison cmp;
    if (ys_compare_bench(ref, cur, &cfg, &cmp) != 0) return YS_ENOMEM;
    double ratio = 1 + cmp.change;
    char words[48];
    speed_words(ratio, words, sizeof(words));
    char verdict[160];
    relative_verdict(&cmp, verdict, sizeof(verdict));
    if (markdown)
      fprintf(out, "| `%s` | %.3f | [%.3f, %.3f] | %s | %s |\n", cur->name,
              ratio, 1 + cmp.change_ci.lo, 1 + cmp.change_ci.hi, words,
              verdict);
    else
      fprintf(out, "  %-24s %.3f× [%.3f, %.3f]  %s  (%s)\n", cur->name, ratio,
              1 + cmp.change_ci.lo, 1 + cmp.change_ci.hi, words, verdict);
  }
  if (fflush(out) != 0 || ferror(out)) return to_stdout ? YS_EIO : 0;
  return 0;
}
