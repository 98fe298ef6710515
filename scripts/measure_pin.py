#!/usr/bin/env python3
"""What --pin buys on this machine: the spread of a few example benchmarks
measured with and without it.

Runs the suite RUNS times each way, alternating (unpinned, pinned, unpinned,
...) so that a change in the machine's load over time falls on both sides
alike, and reports per benchmark, as the median over runs:
  - round CV: the standard deviation of the round estimates over their mean
    (how much one round differs from the next);
  - CI width: the width of the 95 % interval of the estimate (the slope
    when the plan was linear, else the mean) over the estimate.
A ratio below 1 means pinning narrowed the spread.

Usage: scripts/measure_pin.py PATH/TO/bench [RUNS] [--pin VALUE] [REGEX...]
(defaults: 5 runs, --pin auto, fnv1a_4k memcpy/4096 insertion_sort/64)
"""
import json
import statistics
import subprocess
import sys


def measure(bench, pin, names):
    cmd = [bench, "--format", "json", "--quiet", "--exact", *names]
    if pin is not None:
        cmd += ["--pin", pin]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    run = json.loads(out.stdout)
    figures = {}
    for b in run["benchmarks"]:
        s = b["series"][0]
        rounds = [r["estimate"] for r in s["rounds"]]
        cv = statistics.stdev(rounds) / statistics.mean(rounds)
        est = s["estimates"].get("slope") or s["estimates"]["mean"]
        width = (est["hi"] - est["lo"]) / est["point"]
        figures[b["name"]] = (cv, width)
    return figures, run["context"].get("pinned_cpu")


def main():
    args = sys.argv[1:]
    pin = "auto"
    if "--pin" in args:
        i = args.index("--pin")
        pin = args[i + 1]
        del args[i : i + 2]
    bench = args[0]
    runs = int(args[1]) if len(args) > 1 else 5
    names = args[2:] or ["fnv1a_4k", "memcpy/4096", "insertion_sort/64"]
    free, pinned, cpus = [], [], []
    for _ in range(runs):
        free.append(measure(bench, None, names)[0])
        figures, cpu = measure(bench, pin, names)
        pinned.append(figures)
        cpus.append(cpu)
    print(f"{runs} runs each way, alternating; --pin {pin} chose: {cpus}")
    print(f"{'benchmark':<20} {'round CV free':>14} {'pinned':>8} {'ratio':>6}"
          f" {'CI width free':>14} {'pinned':>8} {'ratio':>6}")
    for name in names:
        cv_f = statistics.median(r[name][0] for r in free)
        cv_p = statistics.median(r[name][0] for r in pinned)
        w_f = statistics.median(r[name][1] for r in free)
        w_p = statistics.median(r[name][1] for r in pinned)
        print(f"{name:<20} {cv_f:>13.1%} {cv_p:>8.1%} {cv_p / cv_f:>6.2f}"
              f" {w_f:>13.1%} {w_p:>8.1%} {w_p / w_f:>6.2f}")


if __name__ == "__main__":
    main()
