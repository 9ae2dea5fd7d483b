/* test_crc32.c - the folded CRC32 equals zlib's for every length and
 * alignment around its block sizes, and for real event bytes. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <zlib.h>

#include "base/crc32.h"

Test(crc32, equals_zlib_for_all_lengths_and_offsets)
{
    enum { MAX = 4200 };
    uint8_t *buf = malloc(MAX + 16);
    cr_assert(buf);
    uint32_t x = 12345;
    for (size_t i = 0; i < MAX + 16; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (uint8_t)(x >> 16);
    }
    for (size_t off = 0; off < 16; off++)
        for (size_t n = 0; n <= MAX; n += (n < 300 ? 1 : 37)) {
            uint32_t want = (uint32_t)crc32(0, buf + off, (uInt)n);
            cr_assert_eq(bb_crc32(buf + off, n), want, "length %zu at offset %zu", n, off);
        }
    free(buf);
}

Test(crc32, update_continues_a_crc)
{
    uint8_t buf[1000];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)(i * 7 + 3);
    for (size_t cut = 0; cut <= sizeof buf; cut += 13)
        cr_assert_eq(bb_crc32_update(bb_crc32(buf, cut), buf + cut, sizeof buf - cut),
                     bb_crc32(buf, sizeof buf), "cut at %zu", cut);
}

Test(crc32, known_values)
{
    cr_assert_eq(bb_crc32((const uint8_t *)"123456789", 9), 0xcbf43926u);
    cr_assert_eq(bb_crc32((const uint8_t *)"", 0), 0u);
    uint8_t zeros[256] = { 0 };
    cr_assert_eq(bb_crc32(zeros, sizeof zeros), (uint32_t)crc32(0, zeros, sizeof zeros));
}
