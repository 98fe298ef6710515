/*
 * kernels.h — small workloads with known costs, compiled once and shared by
 * the example suite and the Google Benchmark peer program.
 */
#ifndef YS_BENCH_KERNELS_H
#define YS_BENCH_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* FNV-1a, 64-bit, over n bytes. */
uint64_t kernel_fnv1a(const unsigned char *data, size_t n);

/* Fills out[0..n) with a deterministic pseudo-random sequence (xorshift). */
void kernel_fill_random(uint32_t *out, size_t n, uint32_t seed);

/* Sorts n integers in place with insertion sort (quadratic: its cost grows
 * fast with n, which makes it a good scaling example). */
void kernel_insertion_sort(uint32_t *v, size_t n);

/* Peer comparison (scripts/peer_compare.sh): kernel_fnv1a over these many
 * bytes takes about 300 ns, 600 ns and 80 us on the reference machine (an
 * AMD EPYC, see docs/peer-comparison.md). Both harnesses use these sizes. */
#define KERNEL_PEER_K300_BYTES  296
#define KERNEL_PEER_K600_BYTES  576
#define KERNEL_PEER_K80US_BYTES 69632

/*
 * The input of a peer kernel: n deterministic pseudo-random bytes in a new
 * buffer, the same in every harness and every run. Returns NULL when out of
 * memory; the caller frees the buffer with free().
 */
unsigned char *kernel_peer_input(size_t n);

#ifdef __cplusplus
}
#endif

#endif
