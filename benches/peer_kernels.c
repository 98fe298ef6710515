/*
 * peer_kernels.c — the peer kernels under yardstick. benches/peer/
 * gbench_peer.cc registers the same kernels, under the same names and with
 * equivalent loop bodies, with Google Benchmark, so that
 * scripts/peer_compare.sh can compare the two harnesses on the same code.
 */
#include <stdlib.h>
#include <yardstick.h>

#include "kernels/kernels.h"

/* The cost of the harness itself: the body only stops the compiler from
 * deleting the loop, as benchmark::ClobberMemory() does on the peer side. */
BENCH(peer_empty) {
  YS_LOOP(state)
    ys_clobber_memory();
}

/* FNV-1a over a fixed input made before the loop (not timed), its result
 * kept alive as benchmark::DoNotOptimize() keeps it on the peer side.
 * `state` is borrowed. */
static void fnv1a_over(ys_state *state, size_t n) {
  unsigned char *buf = kernel_peer_input(n);
  if (buf == NULL) {
    ys_error(state, "out of memory");
    return;
  }
  YS_LOOP(state)
    ys_black_box(kernel_fnv1a(buf, n));
  free(buf);
}

BENCH(peer_k300) {
  fnv1a_over(state, KERNEL_PEER_K300_BYTES);
}

BENCH(peer_k600) {
  fnv1a_over(state, KERNEL_PEER_K600_BYTES);
}

BENCH(peer_k80us) {
  fnv1a_over(state, KERNEL_PEER_K80US_BYTES);
}
