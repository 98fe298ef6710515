#include "judge.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

static int append(ys_judgement *j, const ys_bench_result *res,
                  const ys_bench_result *base, const ys_compare_config *cfg) {
  ys_judged *e = &j->entries[j->n];
  memset(e, 0, sizeof(*e));
  e->res = res != NULL ? res : base;
  e->base = base;
  int rc = ys_compare_bench(base, res, cfg, &e->cmp);
  if (rc == 0) j->n++;
  return rc;
}

int ys_judge(const ys_run_result *current, const ys_run_result *base,
             ys_judge_is_excluded excluded, void *excluded_ctx,
             const ys_compare_config *cfg, ys_judgement *out) {
  memset(out, 0, sizeof(*out));
  size_t cap = current->n_benches + base->n_benches;
  out->entries = calloc(cap == 0 ? 1 : cap, sizeof(*out->entries));
  if (out->entries == NULL) return YS_ENOMEM;

  /* A merge of two name-sorted lists. */
  size_t i = 0, k = 0;
  int rc = 0;
  while (rc == 0 && (i < current->n_benches || k < base->n_benches)) {
    const ys_bench_result *a =
        i < current->n_benches ? &current->benches[i] : NULL;
    const ys_bench_result *b = k < base->n_benches ? &base->benches[k] : NULL;
    int order = a == NULL ? 1 : b == NULL ? -1 : strcmp(a->name, b->name);
    if (order == 0) {
      rc = append(out, a, b, cfg);
      i++, k++;
    } else if (order < 0) {
      rc = append(out, a, NULL, cfg);
      i++;
    } else {
      if (excluded == NULL || !excluded(excluded_ctx, b->name))
        rc = append(out, NULL, b, cfg);
      k++;
    }
  }
  if (rc != 0) ys_judgement_free(out);
  return rc;
}

void ys_judgement_free(ys_judgement *j) {
  if (j == NULL) return;
  free(j->entries);
  memset(j, 0, sizeof(*j));
}

bool ys_judged_needs_confirmation(const ys_judged *e) {
  return !e->cmp.exact &&
         (e->cmp.verdict == YS_VERDICT_REGRESSED ||
          e->cmp.verdict == YS_VERDICT_POSSIBLY_REGRESSED);
}

void ys_judgement_count(const ys_judgement *j, size_t *n_verdicts) {
  memset(n_verdicts, 0, YS_VERDICT_COUNT * sizeof(*n_verdicts));
  for (size_t i = 0; i < j->n; i++)
    n_verdicts[j->entries[i].cmp.verdict]++;
}
