/* checksum.h — the code under test of the consumer project: what a
 * project's own library would be. */
#ifndef CHECKSUM_H
#define CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a of the n bytes at p. */
uint32_t checksum(const unsigned char *p, size_t n);

#endif
