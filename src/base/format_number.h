/* format_number.h - numbers to decimal text without printf: the shortest
 * round-trip form of a double or a float, and the digits of an integer. */
#ifndef BB_FORMAT_NUMBER_H
#define BB_FORMAT_NUMBER_H

#include <stdint.h>
#include <string.h>

#include "base/buf.h"

/* Shortest decimal text that reads back to the same number, in the form
 * MariaDB's SELECT prints (exponent form for very large/small magnitudes). */
void format_double(double d, struct bb_buf *out);
void format_float(float f, struct bb_buf *out);

/* "00".."99", for writing two digits at a time. */
extern const char format_digit_pairs[201];

/* Decimal digits of v into dst (which has room for 20); returns the count. */
static inline int format_u64_digits(uint64_t v, char *dst)
{
    char tmp[20];
    int i = 20;
    while (v >= 100) {
        i -= 2;
        memcpy(tmp + i, format_digit_pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        i -= 2;
        memcpy(tmp + i, format_digit_pairs + 2 * v, 2);
    } else {
        tmp[--i] = (char)('0' + v);
    }
    memcpy(dst, tmp + i, (size_t)(20 - i));
    return 20 - i;
}

/* The low w decimal digits of v (w <= 10) at dst, zero padded: dates,
 * times and DECIMAL digit groups. */
static inline void format_fixed_digits(char *dst, uint32_t v, int w)
{
    while (w >= 2) {
        w -= 2;
        memcpy(dst + w, format_digit_pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (w)
        dst[0] = (char)('0' + v % 10);
}

#endif
