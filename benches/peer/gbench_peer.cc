/*
 * gbench_peer.cc — the peer kernels under Google Benchmark, to measure
 * yardstick against it (scripts/peer_compare.sh). benches/peer_kernels.c
 * registers the same kernels, under the same names and with equivalent loop
 * bodies, with yardstick; both programs link the same compiled kernels.
 */
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "kernels/kernels.h"

namespace {

// The cost of the harness itself: the body only stops the compiler from
// deleting the loop, as ys_clobber_memory() does on the yardstick side.
void peer_empty(benchmark::State &state) {
  for (auto _ : state)
    benchmark::ClobberMemory();
}

// FNV-1a over a fixed input made before the loop (not timed), its result
// kept alive as ys_black_box() keeps it on the yardstick side.
void fnv1a_over(benchmark::State &state, size_t n) {
  unsigned char *buf = kernel_peer_input(n);
  if (buf == nullptr) {
    state.SkipWithError("out of memory");
    return;
  }
  for (auto _ : state)
    benchmark::DoNotOptimize(kernel_fnv1a(buf, n));
  std::free(buf);
}

void peer_k300(benchmark::State &state) {
  fnv1a_over(state, KERNEL_PEER_K300_BYTES);
}

void peer_k600(benchmark::State &state) {
  fnv1a_over(state, KERNEL_PEER_K600_BYTES);
}

void peer_k80us(benchmark::State &state) {
  fnv1a_over(state, KERNEL_PEER_K80US_BYTES);
}

} // namespace

BENCHMARK(peer_empty);
BENCHMARK(peer_k300);
BENCHMARK(peer_k600);
BENCHMARK(peer_k80us);

BENCHMARK_MAIN();
