/*
 * policy.h — the numbers that decide what yardstick concludes, each in one
 * place. The statistics, the comparison and the texts of the reports all
 * read them from here, so a change here changes every one of them.
 * docs/statistics.md gives the measurements behind each.
 */
#ifndef YS_POLICY_H
#define YS_POLICY_H

/* The regression gate: a change above this fraction fails the run
 * (--threshold PCT overrides it). */
#define YS_POLICY_THRESHOLD 0.05

/* A round is "noisy" when its estimate is more than this factor above its
 * side's fastest round: noise on a shared machine only ever adds time. */
#define YS_POLICY_NOISY_FACTOR 1.05

/* A side is called noisy when more than this share of its rounds is noisy,
 * counted only with at least YS_POLICY_MIN_NOISY_ROUNDS rounds: on a quiet
 * machine almost no round strays that far (docs/statistics.md §3). */
#define YS_POLICY_NOISY_SHARE      0.3
#define YS_POLICY_MIN_NOISY_ROUNDS 3

/* The verdict's statistic (docs/statistics.md §3): each side is summed up
 * by this quantile of its round estimates (0 would be the fastest round,
 * 0.5 the median). The lower quartile keeps most of the minimum's
 * robustness to noise that only ever adds time, without letting one lucky
 * round decide. */
#define YS_POLICY_DECISION_QUANTILE 0.25

/* Noise bands (docs/statistics.md §3.1): a benchmark is judged against
 * the spread of its own estimates over the baseline's history once the
 * history holds at least this many runs of it. A further run falls outside
 * the range of n earlier ones with probability 2/(n + 1): 1/3 for n = 5,
 * 1/2 for n = 3; fewer runs show too little of the spread to be a band. */
#define YS_POLICY_BAND_MIN_RUNS 5

/* A change is called supported (regressed or improved) only when each side
 * has at least this many rounds: with fewer, the bootstrap interval of the
 * quantile has no spread to show and would back any crossing. */
#define YS_POLICY_MIN_DECIDING_ROUNDS 3

/* An inconclusive verdict says how many rounds a side would likely settle
 * it; past this many, it says to compare with --against or on a quieter
 * machine instead, as more rounds would no longer be a fair price. */
#define YS_POLICY_SETTLE_MAX_ROUNDS 100

/* A side whose process had the CPU for less than this share of its wall
 * time (the median over rounds of cpu_time / time) was contended: another
 * process shared its core, and wall time then measures the neighbour as
 * much as the code. The comparison is then decided on cpu_time, which time
 * spent waiting for the CPU does not inflate (docs/statistics.md §3). A
 * quiet machine gives 0.97-1.0; a core shared with one busy neighbour about
 * 0.5-0.8. */
#define YS_POLICY_MIN_CPU_SHARE 0.9

/* Below this share even CPU time cannot be trusted: a process that runs a
 * few per cent of the time pays for every switch back in cold caches (and,
 * in a virtual machine, the host's stolen time counts as its own), so a
 * change that crosses the threshold is only inconclusive. Half a CPU
 * (0.5) still decides; a core shared with four busy processes (0.2) does
 * not. */
#define YS_POLICY_MIN_JUDGED_CPU_SHARE 0.3

/* Per-function costs under callgrind (docs/baselines.md, "Each entry of
 * functions"): a baseline keeps every function whose inclusive instructions
 * reach this share of its benchmark's window, at most YS_POLICY_FUNCTIONS_MAX
 * of them (the most inclusive): enough to name a regression's cause, small
 * enough that a baseline of a large suite stays a few megabytes. */
#define YS_POLICY_FUNCTION_MIN_SHARE 0.001
#define YS_POLICY_FUNCTIONS_MAX      200

/* Bootstrap replicates for every confidence interval, and their level.
 * analysis/stats.c gives the measurement that chose B. */
#define YS_POLICY_RESAMPLES  2000
#define YS_POLICY_CONFIDENCE 0.95

/* Most samples one bootstrap resamples. A series with more (--sample-size
 * times --rounds above it) is bootstrapped from a random subset of this
 * many samples, and the intervals are scaled to the whole series
 * (docs/statistics.md §2): the cost of a replicate grows with the samples,
 * and 2000 replicates of a million samples took minutes per benchmark for
 * intervals that decide nothing. */
#define YS_POLICY_BOOTSTRAP_MAX_SAMPLES 5000

/* Diagnostics (docs/statistics.md §5): a slope fit below this R², a
 * standard deviation at or above this share of the mean, a lag-1
 * autocorrelation above this value over at least this many samples. */
#define YS_POLICY_MIN_R_SQUARED    0.9
#define YS_POLICY_MAX_CV           0.1
#define YS_POLICY_MAX_LAG1         0.5
#define YS_POLICY_MIN_LAG1_SAMPLES 10

/* Advice in the reports never asks for more than this: doubling --rounds
 * or --measurement-time is suggested only while the result stays within
 * these, since past them a longer run no longer beats a quieter machine. */
#define YS_POLICY_ADVICE_MAX_ROUNDS        50
#define YS_POLICY_ADVICE_MAX_MEASUREMENT_S 10.0

/* Complexity fits (docs/statistics.md, "Complexity"): a fit needs at least
 * this many sizes, one more than the two parameters a log-log line and a
 * one-coefficient fit could match exactly with a third point to spare; and
 * two fits whose relative RMS differ by less than this factor are called
 * indistinguishable: the runner-up's systematic misfit is then no larger
 * than about the scatter the best fit leaves (sqrt(1.5² − 1) ≈ 1.1 times
 * it), which one more run could reverse. */
#define YS_POLICY_COMPLEXITY_MIN_POINTS 4
#define YS_POLICY_COMPLEXITY_TIE_FACTOR 1.5

/* Latency mode (docs/statistics.md §7). A benchmark's median iteration
 * must take at least this many times what an empty timed window measures
 * (the clock's own cost), or latency mode is refused for it: every
 * iteration's time includes one such cost, so at 100 times it adds at
 * most 1 % to any percentile, and the clock's jitter, a fraction of its
 * cost, stays well below the spread of the iterations themselves. */
#define YS_POLICY_LATENCY_MIN_CLOCK_RATIO 100.0

/* Most iteration times latency mode keeps per benchmark (800 KB of
 * doubles); beyond, a uniform random subset of this many (reservoir
 * sampling), so memory stays bounded however long the run. 100 000 times
 * hold 100 of the slowest 0.1 %, enough for p99.9. */
#define YS_POLICY_LATENCY_MAX_SAMPLES 100000

#endif
