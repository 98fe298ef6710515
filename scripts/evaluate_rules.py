#!/usr/bin/python3
"""Evaluates candidate verdict rules offline on round estimates collected by
scripts/collect_rounds.sh: for each condition, how often each rule calls
unchanged code "regressed" (A/A), and how often it catches +2 % and +10 %.
The last rule is the one gate/compare.c implements (docs/statistics.md §3).

A side of a comparison is built from the rounds of one or more processes
(runs): the design "PxM" takes the first M rounds of P different runs, so
that P > 1 simulates spreading a side's rounds over several processes (the
process-to-process offset then becomes part of the spread instead of a bias
of the whole side). The two sides of an A/A comparison never share a run.

Usage: scripts/evaluate_rules.py ROUNDS.csv [THRESHOLD_PCT]
Prints a Markdown table per condition. Needs numpy (python3-numpy).
"""
import csv
import sys
from collections import defaultdict

import numpy as np

B = 1000  # bootstrap replicates: enough to place a 95 % interval for a rule study
rng = np.random.default_rng(1)


def load(path):
    """runs[condition][pct][bench][trial] = array (rounds, 2) of the round
    estimates of time and cpu_time."""
    rows = defaultdict(dict)
    for r in csv.DictReader(open(path)):
        key = (r["condition"], int(r["slowdown_pct"]), r["benchmark"], int(r["trial"]))
        cpu = float(r["cpu_estimate_ns"]) if r["cpu_estimate_ns"] else np.nan
        rows[key][int(r["round"])] = (float(r["estimate_ns"]), cpu)
    runs = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    for (cond, pct, bench, trial), rounds in rows.items():
        runs[cond][pct][bench][trial] = np.array([rounds[i] for i in sorted(rounds)])
    return runs


def q25(x, axis=None):
    return np.quantile(x, 0.25, axis=axis)


def median(x, axis=None):
    return np.median(x, axis=axis)


def resample(groups, hierarchical):
    """B resamples of one side, shape (B, rounds). groups: array (p, m), one
    row per process. Hierarchical: processes first, then rounds within."""
    p, m = groups.shape
    if hierarchical and p > 1:
        procs = rng.integers(0, p, (B, p))
    else:
        procs = np.broadcast_to(np.arange(p), (B, p))
    if hierarchical or p == 1:
        rounds = rng.integers(0, m, (B, p, m))
        return groups[procs[:, :, None], rounds].reshape(B, p * m)
    flat = groups.reshape(-1)
    return flat[rng.integers(0, p * m, (B, p * m))]


def boot_change(groups_a, groups_b, stat, hierarchical):
    """Bootstrap replicates of stat(b)/stat(a) - 1."""
    a = resample(np.array(groups_a), hierarchical)
    b = resample(np.array(groups_b), hierarchical)
    return stat(b, axis=1) / stat(a, axis=1) - 1


def column(groups, k):
    """The k-th metric (0 time, 1 cpu_time) of each process's rounds."""
    return [g[:, k] for g in groups]


def wall(rule):
    """A rule that sees the rounds' wall time only."""
    return lambda ga, gb, thr: rule(column(ga, 0), column(gb, 0), thr)


def contended(groups):
    """Whether a side's process had the CPU less than 90 % of the time
    (core/policy.h, YS_POLICY_MIN_CPU_SHARE)."""
    g = np.concatenate(groups)
    return np.median(g[:, 1] / g[:, 0]) < 0.9


def make_implemented_rule():
    """gate/compare.c: the lower quartile's resolution rule on time, or on
    cpu_time when either side was contended."""
    inner = make_resolution_rule(q25, False)
    def rule(ga, gb, thr):
        k = 1 if contended(ga) or contended(gb) else 0
        return inner(column(ga, k), column(gb, k), thr)
    return rule


def rule_current(ga, gb, thr):
    a, b = np.concatenate(ga), np.concatenate(gb)
    ch = b.min() / a.min() - 1
    med = np.median(b) / np.median(a) - 1
    if ch > thr and med > 0:
        return "regressed"
    if ch > thr or med > thr:
        return "possibly"
    return "unchanged"


def change_and_interval(ga, gb, stat, hierarchical):
    """The change of stat and its 95 % bootstrap interval, widened to
    contain the change (as gate/compare.c does)."""
    a, b = np.concatenate(ga), np.concatenate(gb)
    point = stat(b) / stat(a) - 1
    reps = boot_change(ga, gb, stat, hierarchical)
    lo, hi = np.quantile(reps, [0.025, 0.975])
    return point, min(lo, point), max(hi, point)


def make_ci_rule(stat, hierarchical):
    def rule(ga, gb, thr):
        point, lo, hi = change_and_interval(ga, gb, stat, hierarchical)
        if point > thr and lo > 0:
            return "regressed"
        if lo < thr < hi or lo < -thr < hi:
            return "inconclusive"
        return "unchanged"
    return rule


def make_resolution_rule(stat, hierarchical):
    """Decides on a point and its bootstrap interval: regressed when the point
    crosses the threshold and the interval is above 0; inconclusive when the
    point crosses without that support, or when the interval reaches more
    than the threshold beyond the point on both sides (the measurement cannot
    resolve a threshold-sized change); else unchanged."""
    def rule(ga, gb, thr):
        point, lo, hi = change_and_interval(ga, gb, stat, hierarchical)
        if point > thr and lo > 0:
            return "regressed"
        if point < -thr and hi < 0:
            return "improved"
        if abs(point) > thr or (point - lo > thr and hi - point > thr):
            return "inconclusive"
        return "unchanged"
    return rule


def minimum(x, axis=None):
    return np.min(x, axis=axis)


RULES = {
    "min>thr & median>0 (the former rule)": wall(rule_current),
    "q25, straddle=inconclusive, CI rounds": wall(make_ci_rule(q25, False)),
    "q25, resolution rule, CI rounds": wall(make_resolution_rule(q25, False)),
    "q25, resolution rule, CI processes": wall(make_resolution_rule(q25, True)),
    "min, resolution rule, CI rounds": wall(make_resolution_rule(minimum, False)),
    "median, resolution rule, CI processes": wall(make_resolution_rule(median, True)),
    "implemented: q25 resolution, cpu_time when contended": make_implemented_rule(),
}

# The defaults (10 rounds) spread over 1 to 10 processes, and --quick (5).
DESIGNS = [(1, 10), (3, 4), (5, 2), (10, 1), (1, 5), (3, 2), (5, 1)]


DRAWS = 60  # comparisons drawn per benchmark, design and case


def evaluate(runs_c, thr):
    """Draws DRAWS comparisons per benchmark: two disjoint random sets of p
    unchanged runs (A/A), or p unchanged and p slowed runs. Draws reuse
    runs, so they are not independent: read rates, not exact odds."""
    benches = sorted(runs_c[0])
    table = []
    for p, m in DESIGNS:
        for name, rule in RULES.items():
            counts = {pct: defaultdict(int) for pct in (0, 2, 10)}
            for bench in benches:
                base = runs_c[0][bench]
                trials = sorted(base)
                for pct in (0, 2, 10):
                    other = runs_c[pct].get(bench, {})
                    need = 2 * p if pct == 0 else p
                    if len(trials) < need or len(other) < p:
                        continue
                    for _ in range(DRAWS):
                        order = rng.permutation(trials)
                        a = order[:p]
                        b = order[p:2 * p] if pct == 0 else \
                            rng.permutation(sorted(other))[:p]
                        ga = [base[t][:m] for t in a]
                        gb = [other[t][:m] for t in b]
                        counts[pct][rule(ga, gb, thr)] += 1
            table.append((f"{p}x{m}", name, counts))
    return table


def pct(d, key):
    n = sum(d.values())
    return f"{d[key]}/{n} ({100 * d[key] / n:.0f} %)" if n else "-"


def main():
    path = sys.argv[1]
    thr = float(sys.argv[2]) / 100 if len(sys.argv) > 2 else 0.05
    runs = load(path)
    for cond in sorted(runs):
        print(f"\n### {cond} (threshold {thr * 100:g} %)\n")
        print("| design | rule | A/A regressed | A/A inconclusive | +2 % regressed"
              " | +10 % regressed | +10 % inconclusive |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for design, name, c in evaluate(runs[cond], thr):
            incon = "inconclusive" if "former" not in name else "possibly"
            print(f"| {design} | {name} | {pct(c[0], 'regressed')} | "
                  f"{pct(c[0], incon)} | {pct(c[2], 'regressed')} | "
                  f"{pct(c[10], 'regressed')} | {pct(c[10], incon)} |")


if __name__ == "__main__":
    main()
