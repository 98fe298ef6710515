/*
 * kernels.c — the shared workloads of kernels.h. Compiled once (the CMake
 * object library ys_kernels) and linked into every harness that times them.
 */
#include "kernels.h"

#include <stdlib.h>

uint64_t kernel_fnv1a(const unsigned char *data, size_t n) {
  uint64_t h = UINT64_C(14695981039346656037);
  for (size_t i = 0; i < n; i++) {
    h ^= data[i];
    h *= UINT64_C(1099511628211);
  }
  return h;
}

void kernel_fill_random(uint32_t *out, size_t n, uint32_t seed) {
  uint32_t x = seed != 0 ? seed : 2463534242u;
  for (size_t i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    out[i] = x;
  }
}

void kernel_insertion_sort(uint32_t *v, size_t n) {
  for (size_t i = 1; i < n; i++) {
    uint32_t key = v[i];
    size_t j = i;
    while (j > 0 && v[j - 1] > key) {
      v[j] = v[j - 1];
      j--;
    }
    v[j] = key;
  }
}

unsigned char *kernel_peer_input(size_t n) {
  unsigned char *buf = malloc(n == 0 ? 1 : n);
  if (buf == NULL) return NULL;
  uint32_t x = 2463534242u;
  for (size_t i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    buf[i] = (unsigned char)(x >> 24);
  }
  return buf;
}
