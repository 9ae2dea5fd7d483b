/* crc32.h - the binlog's CRC32 (ISO 3309, as zlib's crc32()), folded with
 * carry-less multiplication where the CPU has it. */
#ifndef BB_CRC32_H
#define BB_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* CRC32 of p[0..n), the value zlib's crc32(0, p, n) returns. */
uint32_t bb_crc32(const uint8_t *p, size_t n);

/* Continue a CRC: bb_crc32_update(bb_crc32(a), b) == bb_crc32(a || b). */
uint32_t bb_crc32_update(uint32_t crc, const uint8_t *p, size_t n);

#endif
