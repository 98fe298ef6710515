/*
 * valgrind_launch.h — re-executing the benchmark program under valgrind,
 * for collectors that measure only there (ys_collector_ops.needs_valgrind).
 */
#ifndef YS_VALGRIND_LAUNCH_H
#define YS_VALGRIND_LAUNCH_H

#include "../collectors/collector.h"

/* Runs this program (/proc/self/exe) again under `valgrind --tool=callgrind
 * --instr-atstart=no --combine-dumps=yes` with the same arguments (argv is
 * borrowed), with the cache simulation and output folder `opts` asks for,
 * and waits for it. Messages go to stderr. Returns -1 when this process
 * is the one to measure in (it runs under valgrind already, or this build
 * has no valgrind support, which the collector then explains); otherwise
 * the exit code this program should end with: the run's own,
 * YS_EXIT_BENCH_FAILED when valgrind died of a signal or cannot run an
 * instruction of the program, or YS_EXIT_USAGE when it could not start
 * (valgrind missing, no folder). */
int ys_valgrind_relaunch(int argc, char **argv,
                         const ys_collector_options *opts);

#endif
