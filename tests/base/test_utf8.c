/* test_utf8.c - UTF-8 written (utf8_encode, utf8_put) and read back
 * (utf8_char_len, utf8_scan). */
#include <criterion/criterion.h>

#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"

Test(utf8, code_points_at_each_length_boundary)
{
    static const struct { uint32_t cp; const char *bytes; } cases[] = {
        { 0x00, "" }, { 0x41, "A" }, { 0x7f, "\x7f" }, { 0x80, "\xc2\x80" },
        { 0xe9, "\xc3\xa9" }, { 0x7ff, "\xdf\xbf" }, { 0x800, "\xe0\xa0\x80" },
        { 0x20ac, "\xe2\x82\xac" }, { 0xd7ff, "\xed\x9f\xbf" }, { 0xe000, "\xee\x80\x80" },
        { 0xffff, "\xef\xbf\xbf" }, { 0x10000, "\xf0\x90\x80\x80" },
        { 0x1f600, "\xf0\x9f\x98\x80" }, { 0x10ffff, "\xf4\x8f\xbf\xbf" },
    };
    struct bb_buf b;
    bb_buf_init(&b);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t want = cases[i].cp ? strlen(cases[i].bytes) : 1;
        char d[4];
        size_t n = utf8_encode(d, cases[i].cp);
        cr_assert_eq(n, want, "U+%04X", cases[i].cp);
        cr_assert(memcmp(d, cases[i].bytes, n) == 0, "U+%04X", cases[i].cp);
        bb_buf_reset(&b);
        utf8_put(&b, cases[i].cp);
        cr_assert_eq(b.len, want);
        cr_assert(memcmp(b.data, cases[i].bytes, n) == 0);
        cr_assert_eq(utf8_char_len((const uint8_t *)d, n), n, "U+%04X", cases[i].cp);
        cr_assert(utf8_valid((const uint8_t *)d, n));
    }
    /* A surrogate is written in its three-byte form, which is not UTF-8. */
    char d[4];
    cr_assert_eq(utf8_encode(d, 0xd800), 3);
    cr_assert(memcmp(d, "\xed\xa0\x80", 3) == 0);
    cr_assert_eq(utf8_char_len((const uint8_t *)d, 3), 0);
    bb_buf_destroy(&b);
}

Test(utf8, sequences_read_back)
{
    static const struct { const char *s; size_t n, len; } cases[] = {
        { "\xc3\xa9x", 3, 2 }, { "\xc3", 1, 0 }, { "\xc0\x80", 2, 0 }, { "\xe0\x80\x80", 3, 0 },
        { "\xf0\x8f\xbf\xbf", 4, 0 }, { "\xf4\x90\x80\x80", 4, 0 }, { "\xf5\x80\x80\x80", 4, 0 },
        { "\x80", 1, 0 }, { "\xf0\x9f\x98\x80", 4, 4 }, { "\xf0\x9f\x98", 3, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        cr_assert_eq(utf8_char_len((const uint8_t *)cases[i].s, cases[i].n), cases[i].len,
                     "case %zu", i);
    const uint8_t *mb4 = (const uint8_t *)"abc\xc3\xa9\xf0\x9f\x98\x80z";
    cr_assert_eq(utf8_scan(mb4, 10, 4), 10);
    cr_assert_eq(utf8_scan(mb4, 10, 3), 5, "utf8mb3 has no 4-byte sequences");
    cr_assert_eq(utf8_scan((const uint8_t *)"abcdefghij\xff", 11, 4), 10);
}
