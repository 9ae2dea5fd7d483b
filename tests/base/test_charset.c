/* test_charset.c - collation ids, conversion to UTF-8, UTF-8 validation.
 *
 * Expected UTF-8 is what MariaDB 10.11 returned for
 * SELECT CONVERT(_<charset> x'..' USING utf8mb4) or for SELECT of a column
 * of that charset holding the bytes. */
#include <criterion/criterion.h>

#include <pthread.h>
#include <string.h>

#include "base/charset.h"
#include "base/utf8.h"

Test(charset, names)
{
    static const struct { uint16_t id; const char *name; } cases[] = {
        { 1, "big5" }, { 8, "latin1" }, { 11, "ascii" }, { 13, "sjis" }, { 28, "gbk" },
        { 33, "utf8mb3" }, { 35, "ucs2" }, { 45, "utf8mb4" }, { 46, "utf8mb4" }, { 47, "latin1" },
        { 54, "utf16" }, { 56, "utf16le" }, { 60, "utf32" }, { 63, "binary" }, { 83, "utf8mb3" },
        { 95, "cp932" }, { 97, "eucjpms" }, { 192, "utf8mb3" }, { 224, "utf8mb4" },
        { 247, "utf8mb4" },
        /* MySQL-only ids */
        { 76, "utf8mb3" }, { 248, "gb18030" }, { 250, "gb18030" }, { 255, "utf8mb4" },
        { 278, "utf8mb4" }, { 309, "utf8mb4" }, { 323, "utf8mb4" },
        /* MariaDB-only ids: nopad (1024 + n), the 5xx-7xx UCA-5.2 extras, UCA-14 */
        { 576, "utf8mb3" }, { 608, "utf8mb4" }, { 640, "ucs2" }, { 672, "utf16" }, { 736, "utf32" },
        { 1025, "big5" }, { 1032, "latin1" }, { 1248, "utf8mb4" }, { 1270, "utf8mb4" },
        { 2048, "utf8mb3" }, { 2247, "utf8mb3" }, { 2304, "utf8mb4" }, { 2503, "utf8mb4" },
        { 2560, "ucs2" }, { 2816, "utf16" }, { 3072, "utf32" }, { 3271, "utf32" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *n = charset_name(cases[i].id);
        cr_assert(n != NULL, "id %u unknown", cases[i].id);
        cr_assert_str_eq(n, cases[i].name, "id %u", cases[i].id);
    }
    static const uint16_t unknown[] = { 0, 17, 100, 152, 216, 251, 324, 500, 1024, 2000,
                                        3328, 4095, 65535 };
    for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++)
        cr_assert_null(charset_name(unknown[i]), "id %u", unknown[i]);

    cr_assert(charset_is_utf8(45));
    cr_assert(charset_is_utf8(33));
    cr_assert(charset_is_utf8(11));
    cr_assert(charset_is_utf8(2304));
    cr_assert(!charset_is_utf8(8));
    cr_assert(!charset_is_utf8(63));
    cr_assert(!charset_is_utf8(0));
    cr_assert(!charset_is_utf8(54));
}

struct conv_case {
    uint16_t id;
    const char *in;
    size_t in_len;
    const char *out;
};

#define CONV(id, in, out) { id, in, sizeof(in) - 1, out }

static const struct conv_case conversions[] = {
    /* MySQL latin1 = cp1252 with the five holes mapped to C1 controls */
    CONV(8, "\xe9\xe0", "\xc3\xa9\xc3\xa0"),
    CONV(8, "\x80\x81\x8d\x8f\x90\x9d\x9f", "\xe2\x82\xac\xc2\x81\xc2\x8d\xc2\x8f\xc2\x90\xc2\x9d\xc5\xb8"),
    CONV(8, "plain", "plain"),
    CONV(51, "\xcf\xf0\xe8\xe2\xe5\xf2", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"),
    CONV(7, "\xf0\xd2\xc9\xd7\xc5\xd4", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"),
    CONV(37, "\x80\x9b\xe1", "\xc4\x8c\xc5\xa0\xc3\x9f"),          /* keybcs2 */
    CONV(92, "\xc0\xe5\x80", "\xe1\x83\x90\xe1\x83\xb5\xe2\x82\xac"), /* geostd8 */
    CONV(10, "\x40\x5b\x60\x7e", "\xc3\x89\xc3\x84\xc3\xa9\xc3\xbc"), /* swe7 */
    CONV(3, "\xa1\xc0", "\xc2\xa1\xc3\x80"),                       /* dec8 */
    CONV(6, "\xa1", "\xc3\x80"),                                   /* hp8 */
    CONV(32, "\xb2", "\xd4\xb1"),                                  /* armscii8 */
    CONV(18, "\xa1", "\xe0\xb8\x81"),                              /* tis620 */
    CONV(39, "\x80", "\xc3\x84"),                                  /* macroman */
    CONV(28, "\xc4\xe3\xba\xc3", "\xe4\xbd\xa0\xe5\xa5\xbd"),     /* gbk */
    CONV(28, "\xa1\xa4", "\xc2\xb7"),
    CONV(13, "\x82\xa0\x82\xa2", "\xe3\x81\x82\xe3\x81\x84"),     /* sjis */
    CONV(13, "\x5c\x7e\x81\x5f", "\\~\\"),
    CONV(13, "\x83\x5c", "\xe3\x82\xbd"),                         /* 0x5C as a trail byte */
    CONV(13, "a\x81\x5f\x83\x5c\x5c", "a\\\xe3\x82\xbd\\"),
    CONV(12, "\xc6\xfc\xcb\xdc", "\xe6\x97\xa5\xe6\x9c\xac"),     /* ujis */
    CONV(12, "\xa1\xc0\x8f\xa2\xb7x", "\\~x"),
    CONV(1, "\xa4\xa4\xa4\xe5", "\xe4\xb8\xad\xe6\x96\x87"),      /* big5 */
    CONV(19, "\xb0\xa1", "\xea\xb0\x80"),                         /* euckr */
    CONV(24, "\xb0\xa1", "\xe5\x95\x8a"),                         /* gb2312 */
    CONV(95, "\x81\x60\x87\x40\x5c", "\xef\xbd\x9e\xe2\x91\xa0\\"), /* cp932 */
    CONV(97, "\xa1\xc1", "\xef\xbd\x9e"),                         /* eucjpms */
    CONV(248, "\x81\x30\x81\x30", "\xc2\x80"),                    /* gb18030 */
    CONV(35, "\x00\x61\x00\xe9\x65\xe5", "a\xc3\xa9\xe6\x97\xa5"), /* ucs2 */
    CONV(54, "\x00\x61\xd8\x3d\xde\x00", "a\xf0\x9f\x98\x80"),    /* utf16 */
    CONV(56, "\x61\x00\x3d\xd8\x00\xde", "a\xf0\x9f\x98\x80"),    /* utf16le */
    CONV(60, "\x00\x00\x00\x61\x00\x01\xf6\x00", "a\xf0\x9f\x98\x80"), /* utf32 */
    CONV(45, "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"),
    CONV(33, "\xe2\x98\x83", "\xe2\x98\x83"),
    CONV(11, "ascii", "ascii"),
    CONV(2304, "\xc3\xa9", "\xc3\xa9"),                           /* utf8mb4_uca1400_ai_ci */
    CONV(2560, "\x00\xe9", "\xc3\xa9"),                           /* ucs2_uca1400_ai_ci */
    CONV(63, "\xff\x00", "\xff"),                                 /* binary: bytes as they are */
    CONV(0, "\xff\x00", "\xff"),                                  /* unknown: bytes as they are */
    CONV(28, "", ""),
    /* No character: '?' as SELECT shows it, one per well-formed code of a
     * multi-byte charset, one per byte otherwise (MariaDB stores these: any
     * byte of a single-byte charset, well-formed codes it cannot map). */
    CONV(11, "a\x80", "a?"),                                      /* ascii */
    CONV(26, "\x81", "?"),                                        /* cp1250 */
    CONV(28, "a\xc4", "a?"),                                      /* gbk: incomplete */
    CONV(28, "\x81\x30z", "?0z"),                                 /* gbk: 0x30 is no trail */
    CONV(13, "\x87\x40", "?"),                                    /* sjis: unmapped code */
    CONV(13, "\x5c\x82", "\\?"),
    CONV(24, "\xf8\xa1", "??"),                                   /* gb2312: no lead byte */
    CONV(12, "\xf5\xa1\x8f\xfe\xfe", "\xee\x80\x80\xee\x9d\x97"), /* ujis user-defined */
    CONV(19, "\x81\x41", "\xea\xb0\x82"),                      /* euckr is CP949 */
    /* ucs2 and utf32 keep lone surrogates; SELECT sends their 3-byte form */
    CONV(35, "\xd8\x3d\xde\x00", "\xed\xa0\xbd\xed\xb8\x80"),
    CONV(60, "\x00\x00\xd8\x00", "\xed\xa0\x80"),
};

Test(charset, conversions)
{
    struct bb_buf b;
    bb_buf_init(&b);
    for (size_t i = 0; i < sizeof conversions / sizeof *conversions; i++) {
        const struct conv_case *c = &conversions[i];
        struct bb_error err = { 0 };
        bb_buf_reset(&b);
        bb_buf_puts(&b, "<");
        int rc = charset_to_utf8(c->id, (const uint8_t *)c->in, c->in_len, &b, &err);
        cr_assert_eq(rc, 0, "case %zu (id %u): %s", i, c->id, err.msg);
        size_t want = strlen(c->out);
        if (c->id == 63 || c->id == 0)
            want = 2;
        cr_assert_eq(b.len, 1 + want, "case %zu (id %u): %zu bytes [%s]", i, c->id, b.len, b.data);
        cr_assert(memcmp(b.data + 1, c->out, want) == 0, "case %zu (id %u): [%s]", i, c->id, b.data);
    }
    bb_buf_destroy(&b);
}

Test(charset, invalid_input)
{
    static const struct { uint16_t id; const char *in; size_t len; int rc; const char *msg; } cases[] = {
        { 45, "ab\xc3", 3, BB_ERR_CORRUPT, "invalid utf8mb4 byte 0xc3 at offset 2" },
        { 45, "\xed\xa0\x80", 3, BB_ERR_CORRUPT, "invalid utf8mb4 byte 0xed at offset 0" },
        { 45, "\xc0\xaf", 2, BB_ERR_CORRUPT, "invalid utf8mb4 byte 0xc0 at offset 0" },
        { 33, "\xf0\x9f\x98\x80", 4, BB_ERR_CORRUPT, "invalid utf8mb3 byte 0xf0 at offset 0" },
        { 35, "\x00", 1, BB_ERR_CORRUPT, "ucs2 text of 1 bytes is not whole code units" },
        { 54, "\xd8\x3d", 2, BB_ERR_CORRUPT, "utf16 surrogate 0xd83d at offset 0" },
        { 54, "\xde\x00", 2, BB_ERR_CORRUPT, "utf16 surrogate 0xde00 at offset 0" },
        { 54, "\xd8\x3d\x00\x61", 4, BB_ERR_CORRUPT, "utf16 unpaired surrogate at offset 0" },
        { 60, "\x00\x11\x00\x00", 4, BB_ERR_CORRUPT, "utf32 code point 0x110000 at offset 0 is invalid" },
        { 17, "a", 1, BB_ERR_UNSUPPORTED, "unknown collation id 17" },
    };
    struct bb_buf b;
    bb_buf_init(&b);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct bb_error err = { 0 };
        bb_buf_reset(&b);
        int rc = charset_to_utf8(cases[i].id, (const uint8_t *)cases[i].in, cases[i].len, &b, &err);
        cr_assert_eq(rc, cases[i].rc, "case %zu gave %d (%s)", i, rc, err.msg);
        cr_assert_str_eq(err.msg, cases[i].msg, "case %zu", i);
    }
    bb_buf_destroy(&b);
}

Test(charset, utf8_validation)
{
    static const struct { const char *s; size_t n; int ok; } cases[] = {
        { "", 0, 1 }, { "plain ascii, long enough for the word loop", 43, 1 },
        { "\xc2\x80", 2, 1 }, { "\xdf\xbf", 2, 1 }, { "\xe0\xa0\x80", 3, 1 }, { "\xef\xbf\xbf", 3, 1 },
        { "\xf0\x90\x80\x80", 4, 1 }, { "\xf4\x8f\xbf\xbf", 4, 1 },
        { "\x80", 1, 0 }, { "\xc1\xbf", 2, 0 }, { "\xc2", 1, 0 }, { "\xc2\x41", 2, 0 },
        { "\xe0\x9f\xbf", 3, 0 }, { "\xed\xa0\x80", 3, 0 }, { "\xed\xbf\xbf", 3, 0 },
        { "\xf0\x8f\xbf\xbf", 4, 0 }, { "\xf4\x90\x80\x80", 4, 0 }, { "\xf5\x80\x80\x80", 4, 0 },
        { "\xff", 1, 0 }, { "abcdefgh\xe2\x98", 10, 0 }, { "abcdefghijklmnop\xe2\x98\x83", 19, 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        cr_assert_eq(!!utf8_valid((const uint8_t *)cases[i].s, cases[i].n), cases[i].ok, "case %zu", i);
}

/* Several streams may convert in parallel threads: the shared iconv
 * descriptors must not be used by two threads at once. */
static void *convert_many(void *arg)
{
    (void)arg;
    struct bb_buf b;
    bb_buf_init(&b);
    for (int i = 0; i < 2000; i++) {
        struct bb_error err = { 0 };
        bb_buf_reset(&b);
        if (charset_to_utf8(13, (const uint8_t *)"\x82\xa0\x82\xa2\x83\x5c", 6, &b, &err) != 0 ||
            strcmp(b.data, "\xe3\x81\x82\xe3\x81\x84\xe3\x82\xbd") != 0) {
            bb_buf_destroy(&b);
            return (void *)1;
        }
        bb_buf_reset(&b);
        if (charset_to_utf8(28, (const uint8_t *)"\xc4\xe3\xba\xc3", 4, &b, &err) != 0 ||
            strcmp(b.data, "\xe4\xbd\xa0\xe5\xa5\xbd") != 0) {
            bb_buf_destroy(&b);
            return (void *)1;
        }
    }
    bb_buf_destroy(&b);
    return NULL;
}

Test(charset, threads)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, convert_many, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        cr_assert_null(r, "thread %d saw a wrong conversion", i);
    }
}
