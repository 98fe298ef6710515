/*
 * valgrind_launch_unavailable.c — the launcher of a build made without
 * valgrind's headers: there is nothing to launch, and the callgrind
 * collector of such a build says what to install when it is opened.
 */
#include "../valgrind_launch.h"

int ys_valgrind_relaunch(int argc, char **argv,
                         const ys_collector_options *opts) {
  (void)argc;
  (void)argv;
  (void)opts;
  return -1;
}
