/*
 * callgrind.h — what the program that starts valgrind and the callgrind
 * collector inside it agree on. The collector only measures windows; the
 * harness (harness/valgrind_launch.c) re-executes the program under
 * valgrind with the options below.
 */
#ifndef YS_CALLGRIND_H
#define YS_CALLGRIND_H

/* The environment variable that tells the re-executed program the folder
 * of callgrind's output file (cg.PID.out). */
#define YS_CALLGRIND_DIR_ENV "YS_CALLGRIND_DIR"

/* The cache geometry of --cache-sim: fixed (gungraun's), so that counts do
 * not depend on the caches of the host. */
#define YS_CALLGRIND_I1 "--I1=32768,8,64"
#define YS_CALLGRIND_D1 "--D1=32768,8,64"
#define YS_CALLGRIND_LL "--LL=8388608,16,64"

#endif
