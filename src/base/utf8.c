/* utf8.c - UTF-8 checked and written (utf8.h). */
#include "base/utf8.h"

#include <string.h>

/* No overlong forms, no surrogates, nothing above U+10FFFF. */
size_t utf8_char_len(const uint8_t *p, size_t n)
{
    uint8_t c = p[0];
    if (c < 0x80)
        return 1;
    if (c < 0xc2)
        return 0;
    if (c < 0xe0) {
        if (n < 2 || (p[1] & 0xc0) != 0x80)
            return 0;
        return 2;
    }
    if (c < 0xf0) {
        if (n < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
            return 0;
        if (c == 0xe0 && p[1] < 0xa0)
            return 0;
        if (c == 0xed && p[1] >= 0xa0)
            return 0;
        return 3;
    }
    if (c < 0xf5) {
        if (n < 4 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
            return 0;
        if (c == 0xf0 && p[1] < 0x90)
            return 0;
        if (c == 0xf4 && p[1] >= 0x90)
            return 0;
        return 4;
    }
    return 0;
}

size_t utf8_scan(const uint8_t *p, size_t n, size_t max_seq)
{
    size_t i = 0;
    while (i < n) {
        /* ASCII runs, 8 bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & UINT64_C(0x8080808080808080))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_char_len(p + i, n - i);
        if (k == 0 || k > max_seq)
            return i;
        i += k;
    }
    return n;
}

int utf8_valid(const uint8_t *p, size_t n)
{
    return utf8_scan(p, n, 4) == n;
}

void utf8_put(struct bb_buf *out, uint32_t cp)
{
    char b[4];
    bb_buf_append(out, b, utf8_encode(b, cp));
}
