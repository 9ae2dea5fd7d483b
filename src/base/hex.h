/* hex.h - the value of a hexadecimal digit: one owner for URLs' %XX,
 * JSON's \uXXXX, X'..' literals, GTID and XID text. */
#ifndef BB_BASE_HEX_H
#define BB_BASE_HEX_H

/* The value of the hexadecimal digit c (either case), or -1. */
static inline int bb_hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

#endif
