/* utf8.h - UTF-8: checking it and writing it. The one place that knows
 * its byte patterns; the character sets (charset.c), the JSON text reader
 * (json_text.c) and the value formats use it. */
#ifndef BB_UTF8_H
#define BB_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* The length (1 to 4) of the valid UTF-8 sequence starting p[0..n) (n at
 * least 1), or 0 when none starts there. */
size_t utf8_char_len(const uint8_t *p, size_t n);

/* Offset of the first byte of p[0..n) that does not start a valid UTF-8
 * sequence (no overlong forms, no surrogates, nothing above U+10FFFF) of
 * at most max_seq bytes (3 for utf8mb3, else 4); n when all is valid. */
size_t utf8_scan(const uint8_t *p, size_t n, size_t max_seq);

/* Is p[0..n) valid UTF-8? */
int utf8_valid(const uint8_t *p, size_t n);

/* Write code point cp (at most 0x10FFFF) at dst as 1 to 4 bytes; returns
 * how many. A surrogate (which UTF-8 does not hold) is written as its
 * three-byte form, as MySQL sends a lone surrogate of a ucs2 column. */
static inline size_t utf8_encode(char *dst, uint32_t cp)
{
    if (cp < 0x80) {
        dst[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        dst[0] = (char)(0xc0 | cp >> 6);
        dst[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        dst[0] = (char)(0xe0 | cp >> 12);
        dst[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        dst[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    dst[0] = (char)(0xf0 | cp >> 18);
    dst[1] = (char)(0x80 | (cp >> 12 & 0x3f));
    dst[2] = (char)(0x80 | (cp >> 6 & 0x3f));
    dst[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* Append code point cp to out as UTF-8 (utf8_encode). */
void utf8_put(struct bb_buf *out, uint32_t cp);

#endif
