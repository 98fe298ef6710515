#!/usr/bin/python3
"""Replays the noise-band rules of docs/statistics.md §3.1 on the reports a
history measurement kept, so that several band rules can be judged on the
same comparisons.

Usage: scripts/evaluate_bands.py KEEP_DIR [HISTORY_RUNS]

KEEP_DIR is the $GATE_KEEP folder of

    GATE_HISTORY=10 GATE_NO_GB=1 GATE_KEEP=KEEP_DIR scripts/measure_gate.sh

(its aa_base_<i>.json and slow<pct>_base_<i>.json reports, and the
baselines/history/r<i>.yaml copies, where r<i> holds main's history after
A/A trial i). For every --baseline comparison it takes the change and its
interval from the report, rebuilds the band each rule would have given from
the history the comparison was judged against, and counts the comparisons
each rule calls regressed: change > max(threshold, band) and the interval's
lower end above 0 (§3 point 4). The confirmation step (§3 point 5) is not
replayed, so these rates are those of a single pass; the live rule's own
verdicts (with confirmation) are printed beside them.

Rules:
  none     the threshold alone
  range    (max - min) / median of the history's estimates (the rule built)
  trimmed  the same without the highest and the lowest run
  mad      3 x 1.4826 x MAD / median (the range of ten normal draws is
           about 3.1 standard deviations)
"""
import glob
import json
import os
import statistics
import sys

import yaml

keep = sys.argv[1]
history_runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
hist_dir = os.path.join(keep, "baselines", "history")


def history_estimates(label):
    """{(name, metric): [estimate per run]} of history copy r<label>."""
    path = os.path.join(hist_dir, f"r{label}.yaml")
    try:
        with open(path) as f:
            doc = yaml.safe_load(f)
    except OSError:
        return None
    out = {}
    for run in doc["runs"]:
        for b in run["benchmarks"]:
            out.setdefault((b["name"], b["metric"]), []).append(b["estimate"])
    return out


def band(rule, xs):
    if xs is None or len(xs) < 5:
        return 0.0
    xs = sorted(xs)
    med = statistics.median(xs)
    if rule == "none":
        return 0.0
    if rule == "range":
        return (xs[-1] - xs[0]) / med
    if rule == "trimmed":
        return (xs[-2] - xs[1]) / med
    if rule == "mad":
        mad = statistics.median(abs(x - med) for x in xs)
        return 3.0 * 1.4826 * mad / med
    raise ValueError(rule)


def comparisons(report):
    try:
        with open(os.path.join(keep, report + ".json")) as f:
            doc = json.load(f)
    except (OSError, ValueError):
        return []
    out = []
    for b in doc["benchmarks"]:
        c = b.get("comparison")
        if c and c.get("change") is not None and c.get("change_ci"):
            out.append((b["name"], c))
    return out


RULES = ["none", "range", "trimmed", "mad"]


def judge(report, history):
    """Per rule, [regressed, compared]; plus the live verdicts and bands."""
    counts = {r: [0, 0] for r in RULES}
    live = [0, 0]
    bands = {r: [] for r in RULES}
    for name, c in comparisons(report):
        # A band applies only to the metric its history measured (a
        # contended comparison made on cpu_time gets none), as built.
        xs = None if history is None else history.get((name, c["metric"]))
        live[1] += 1
        live[0] += c["verdict"] == "regressed"
        t = c["threshold"]
        for r in RULES:
            w = band(r, xs)
            bands[r].append(w)
            bar = max(t, w)
            counts[r][1] += 1
            counts[r][0] += c["change"] > bar + 1e-9 and c["change_ci"]["lo"] > 0
    return counts, live, bands


def add(total, part):
    for k, v in part.items():
        total[k][0] += v[0]
        total[k][1] += v[1]


trials_aa = len(glob.glob(os.path.join(keep, "aa_base_*.json")))
rows = []
all_bands = {r: [] for r in RULES}
for case, pattern in (("A/A", "aa_base_{}"), ("+10 %", "slow10_base_{}"),
                      ("+2 %", "slow2_base_{}")):
    total = {r: [0, 0] for r in RULES}
    live_total = [0, 0]
    n = len(glob.glob(os.path.join(keep, pattern.format("*") + ".json")))
    for i in range(1, n + 1):
        if case == "A/A":
            # Trial i was judged against main as it stood after trial i-1.
            if i == 1:
                continue
            history = history_estimates(i - 1)
        else:
            history = history_estimates((i - 1) % trials_aa + 1)
        counts, live, bands = judge(pattern.format(i), history)
        add(total, counts)
        live_total[0] += live[0]
        live_total[1] += live[1]
        for r in RULES:
            all_bands[r].extend(bands[r])
    rows.append((case, total, live_total))

print("| rule | " + " | ".join(f"{c} flagged" for c, _, _ in rows) + " |")
print("|---|" + "---:|" * len(rows))
for r in RULES:
    cells = [f"{t[r][0]}/{t[r][1]}" for _, t, _ in rows]
    print(f"| {r} (one pass) | " + " | ".join(cells) + " |")
print("| live verdicts (range, with confirmation) | " +
      " | ".join(f"{lv[0]}/{lv[1]}" for _, _, lv in rows) + " |")
print()
for r in RULES[1:]:
    b = sorted(all_bands[r])
    if b:
        q = lambda p: b[min(len(b) - 1, int(p * len(b)))] * 100
        print(f"{r}: band median {q(0.5):.1f} %, 10th {q(0.1):.1f} %, "
              f"90th {q(0.9):.1f} %, max {b[-1] * 100:.1f} %")
