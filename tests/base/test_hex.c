/* test_hex.c - bb_hex_digit over every byte. */
#include <criterion/criterion.h>
#include <string.h>

#include "base/hex.h"

Test(hex, every_byte_is_its_digit_value_or_minus_1)
{
    static const char digits[] = "0123456789abcdef", upper[] = "0123456789ABCDEF";
    for (int c = 0; c < 256; c++) {
        const char *lo = c ? strchr(digits, c) : NULL, *up = c ? strchr(upper, c) : NULL;
        int want = lo ? (int)(lo - digits) : up ? (int)(up - upper) : -1;
        cr_expect_eq(bb_hex_digit(c), want, "byte 0x%02x: %d, not %d", c, bb_hex_digit(c), want);
    }
}
