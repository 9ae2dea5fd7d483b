/* charset.c - collation ids to character sets, and text to UTF-8.
 *
 * How each character set is converted:
 *   utf8mb3, utf8mb4   validated (strict UTF-8; utf8mb3 has no 4-byte
 *                      sequences) and copied
 *   binary             copied
 *   single-byte sets   MariaDB's own byte -> Unicode tables, read from a
 *                      running server (charset_table.h); this covers
 *                      MySQL's "latin1", which is cp1252 with 0x81, 0x8D,
 *                      0x8F, 0x90 and 0x9D mapped to U+0081.., and sets
 *                      glibc lacks (keybcs2, geostd8, swe7, dec8)
 *   ucs2, utf16, utf16le, utf32   decoded here
 *   CJK multi-byte     glibc iconv, with the few single characters where
 *                      MySQL's tables differ from glibc's fixed up:
 *                        sjis  0x5C -> U+005C, 0x7E -> U+007E (glibc SJIS
 *                              gives YEN SIGN and OVERLINE), 0x815F ->
 *                              U+005C
 *                        ujis  0xA1C0 -> U+005C, 0x8FA2B7 -> U+007E, and
 *                              the user-defined rows 0xF5A1..0xFEFE and
 *                              0x8FF5A1..0x8FFEFE -> U+E000.. (private use,
 *                              in order, as MariaDB maps them)
 *                      euckr is MariaDB's CP949 (Unified Hangul Code), not
 *                      glibc's EUC-KR.
 *                      big5 uses glibc's BIG5-HKSCS, the closest table to
 *                      MySQL's (it agrees on the common characters but
 *                      not on every ETEN/HKSCS extension).
 * Bytes that have no character are what SELECT shows for them: '?'. The
 * servers store them (any byte of a single-byte charset; a well-formed
 * multi-byte code without a Unicode mapping), and their conversion to
 * utf8mb4 turns each into '?': a well-formed code as one '?', anything else
 * one '?' per byte (MariaDB's my_convert, strings/ctype-*.c).
 *
 * Thread safety: a stream is used by one thread at a time, but several
 * streams may run in parallel threads; the iconv descriptors are opened
 * once per process (they are costly to open) and shared, so their use is
 * serialised by one mutex. */
#include "base/charset.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <string.h>

#include "base/charset_table.h"
#include "base/error.h"
#include "base/utf8.h"

/* MariaDB 10.10+ UCA-14.0.0 collations: id = 2048 + (charset << 8) + n,
 * with charset 0 utf8mb3, 1 utf8mb4, 2 ucs2, 3 utf16, 4 utf32 and n the
 * tailoring and strength (184 values within 0..199 in 10.11/11.x; any n is
 * accepted so that later tailorings still map to their charset); see
 * information_schema.COLLATION_CHARACTER_SET_APPLICABILITY. */
#define UCA1400_FIRST_ID 2048
#define UCA1400_LAST_ID 4095

static const struct cs_info *cs_lookup(uint16_t collation)
{
    static const char *const uca1400_sets[5] = { "utf8mb3", "utf8mb4", "ucs2", "utf16", "utf32" };
    if (collation <= CS_MAX_LISTED_ID) {
        uint8_t i = cs_by_collation[collation];
        return i ? &cs_infos[i - 1] : NULL;
    }
    if (collation >= UCA1400_FIRST_ID && collation <= UCA1400_LAST_ID) {
        unsigned set = (unsigned)(collation - UCA1400_FIRST_ID) >> 8;
        if (set >= 5)
            return NULL;
        for (unsigned i = 0; i < CS_COUNT; i++)
            if (strcmp(cs_infos[i].name, uca1400_sets[set]) == 0)
                return &cs_infos[i];
    }
    return NULL;
}

const char *charset_name(uint16_t collation)
{
    const struct cs_info *cs = cs_lookup(collation);
    return cs ? cs->name : NULL;
}

int charset_is_utf8(uint16_t collation)
{
    const struct cs_info *cs = cs_lookup(collation);
    if (!cs)
        return 0;
    return cs->kind == CS_UTF8MB3 || cs->kind == CS_UTF8MB4 || strcmp(cs->name, "ascii") == 0;
}

static int convert_single(const struct cs_info *cs, const uint8_t *p, size_t n, struct bb_buf *out,
                          struct bb_error *err)
{
    const uint16_t *tab = cs_single_tables[cs->table];
    /* Worst case 3 output bytes per input byte; reserve once. */
    if (n > (SIZE_MAX - 1) / 3 || !bb_buf_reserve(out, n * 3))
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory converting %s text", cs->name);
    char *dst = out->data + out->len;
    for (size_t i = 0; i < n; i++) {
        uint16_t u = tab[p[i]];
        if (u < 0x80) {
            *dst++ = (char)u;
        } else if (u == 0xffff) {
            *dst++ = '?';    /* no character: what SELECT shows */
        } else {
            dst += utf8_encode(dst, u);
        }
    }
    out->len = (size_t)(dst - out->data);
    out->data[out->len] = '\0';
    return 0;
}

/* ucs2 (UCS-2BE, no surrogates), utf16 (UTF-16BE), utf16le, utf32
 * (UTF-32BE): code units of 2 or 4 bytes. */
static int convert_wide(const struct cs_info *cs, const uint8_t *p, size_t n, struct bb_buf *out,
                        struct bb_error *err)
{
    unsigned unit = cs->kind == CS_UTF32 ? 4 : 2;
    bool le = cs->kind == CS_UTF16LE;
    if (n % unit)
        return bb_error_set(err, BB_ERR_CORRUPT, "%s text of %zu bytes is not whole code units",
                            cs->name, n);
    for (size_t i = 0; i < n; i += unit) {
        uint32_t u;
        if (unit == 4) {
            u = (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 | p[i + 3];
        } else {
            u = le ? (uint32_t)p[i + 1] << 8 | p[i] : (uint32_t)p[i] << 8 | p[i + 1];
            if (u >= 0xd800 && u < 0xe000 && cs->kind != CS_UCS2) {
                if (u >= 0xdc00 || i + 4 > n)
                    return bb_error_set(err, BB_ERR_CORRUPT, "%s surrogate 0x%04x at offset %zu",
                                        cs->name, (unsigned)u, i);
                uint32_t lo = le ? (uint32_t)p[i + 3] << 8 | p[i + 2] : (uint32_t)p[i + 2] << 8 | p[i + 3];
                if (lo < 0xdc00 || lo >= 0xe000)
                    return bb_error_set(err, BB_ERR_CORRUPT, "%s unpaired surrogate at offset %zu",
                                        cs->name, i);
                u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                i += 2;
            }
        }
        /* ucs2 and utf32 columns keep a lone surrogate; SELECT sends it as
         * its three-byte form (ED A0 80 for U+D800), and so do we. */
        if (u > 0x10ffff)
            return bb_error_set(err, BB_ERR_CORRUPT, "%s code point 0x%x at offset %zu is invalid",
                                cs->name, (unsigned)u, i);
        utf8_put(out, u);
    }
    return 0;
}

/* ---- iconv ---- */

static pthread_mutex_t iconv_lock = PTHREAD_MUTEX_INITIALIZER;
static iconv_t iconv_cache[CS_COUNT];
static bool iconv_opened[CS_COUNT];

/* Characters where MySQL's table and glibc's differ. */
struct cs_fixup {
    uint8_t len;
    uint8_t bytes[3];
    uint32_t unicode;
};
static const struct cs_fixup sjis_fixups[] = {
    { 1, { 0x5c }, 0x5c }, { 1, { 0x7e }, 0x7e }, { 2, { 0x81, 0x5f }, 0x5c }, { 0, { 0 }, 0 },
};
static const struct cs_fixup ujis_fixups[] = {
    { 2, { 0xa1, 0xc0 }, 0x5c }, { 3, { 0x8f, 0xa2, 0xb7 }, 0x7e }, { 0, { 0 }, 0 },
};

/* Length of the character starting with byte b (sjis, ujis). */
static size_t sjis_charlen(uint8_t b) { return (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc) ? 2 : 1; }
static size_t ujis_charlen(uint8_t b) { return b == 0x8f ? 3 : (b == 0x8e || (b >= 0xa1 && b <= 0xfe)) ? 2 : 1; }

static bool in(uint8_t b, uint8_t lo, uint8_t hi) { return b >= lo && b <= hi; }

/* Length of the well-formed multi-byte code at p[0..n) by the charset's
 * own rules (MariaDB strings/ctype-*.c: lead and trail byte ranges), or 0
 * when the bytes there are not one (an illegal or incomplete sequence). */
static size_t mb_code_len(const struct cs_info *cs, const uint8_t *p, size_t n)
{
    const char *name = cs->name;
    uint8_t b0 = p[0], b1 = n > 1 ? p[1] : 0, b2 = n > 2 ? p[2] : 0;
    if (n < 2)
        return 0;
    if (strcmp(name, "gbk") == 0)
        return in(b0, 0x81, 0xfe) && (in(b1, 0x40, 0x7e) || in(b1, 0x80, 0xfe)) ? 2 : 0;
    if (strcmp(name, "gb18030") == 0) {
        if (in(b0, 0x81, 0xfe) && (in(b1, 0x40, 0x7e) || in(b1, 0x80, 0xfe)))
            return 2;
        return n >= 4 && in(b0, 0x81, 0xfe) && in(b1, 0x30, 0x39) && in(b2, 0x81, 0xfe) &&
               in(p[3], 0x30, 0x39) ? 4 : 0;
    }
    if (strcmp(name, "gb2312") == 0)
        return in(b0, 0xa1, 0xf7) && in(b1, 0xa1, 0xfe) ? 2 : 0;
    if (strcmp(name, "big5") == 0)
        return in(b0, 0xa1, 0xf9) && (in(b1, 0x40, 0x7e) || in(b1, 0xa1, 0xfe)) ? 2 : 0;
    if (strcmp(name, "sjis") == 0 || strcmp(name, "cp932") == 0)
        return (in(b0, 0x81, 0x9f) || in(b0, 0xe0, 0xfc)) &&
               (in(b1, 0x40, 0x7e) || in(b1, 0x80, 0xfc)) ? 2 : 0;
    if (strcmp(name, "euckr") == 0)
        return in(b0, 0x81, 0xfe) &&
               (in(b1, 0x41, 0x5a) || in(b1, 0x61, 0x7a) || in(b1, 0x81, 0xfe)) ? 2 : 0;
    if (strcmp(name, "ujis") == 0 || strcmp(name, "eucjpms") == 0) {
        if (b0 == 0x8e)
            return in(b1, 0xa1, 0xdf) ? 2 : 0;
        if (b0 == 0x8f)
            return n >= 3 && in(b1, 0xa1, 0xfe) && in(b2, 0xa1, 0xfe) ? 3 : 0;
        return in(b0, 0xa1, 0xfe) && in(b1, 0xa1, 0xfe) ? 2 : 0;
    }
    return 0;
}

/* One character at a time from p[0..n): each as iconv converts it, or '?'
 * when it cannot (one for a well-formed code, one per byte otherwise). */
static void iconv_chars(iconv_t cd, const struct cs_info *cs, const uint8_t *p, size_t n,
                        struct bb_buf *out)
{
    size_t i = 0;
    while (i < n) {
        size_t len = p[i] < 0x80 ? 1 : mb_code_len(cs, p + i, n - i);
        bool ok = false;
        char *dst = len ? bb_buf_reserve(out, 16) : NULL;
        if (dst) {
            char *in = (char *)(uintptr_t)(p + i);
            size_t inleft = len, outleft = 16;
            iconv(cd, NULL, NULL, NULL, NULL);
            size_t r = iconv(cd, &in, &inleft, &dst, &outleft);
            ok = r != (size_t)-1 && inleft == 0 && outleft < 16;
            if (ok) {
                out->len += 16 - outleft;
                out->data[out->len] = '\0';
            }
        }
        if (!ok)
            bb_buf_putc(out, '?');
        i += len ? len : 1;
    }
}

/* Run iconv over p[0..n) (whole characters), appending to out. A stretch
 * where iconv fails is redone one character at a time (glibc does not
 * always stop at the bad character: its CP949 steps over some), with '?'
 * for what cannot be converted, as SELECT shows it. */
static int iconv_run(iconv_t cd, const struct cs_info *cs, const uint8_t *p, size_t n,
                     struct bb_buf *out, struct bb_error *err)
{
    size_t i = 0;
    while (i < n) {
        size_t room = (n - i) * 4 + 16;
        char *dst = bb_buf_reserve(out, room);
        if (!dst)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory converting %s text", cs->name);
        size_t mark = out->len, start = i;
        char *in = (char *)(uintptr_t)(p + i);
        size_t inleft = n - i, outleft = room;
        size_t r = iconv(cd, &in, &inleft, &dst, &outleft);
        out->len += room - outleft;
        out->data[out->len] = '\0';
        i = n - inleft;
        if (r == (size_t)-1 && errno != E2BIG) {
            out->len = mark;
            out->data[mark] = '\0';
            iconv_chars(cd, cs, p + start, n - start, out);
            iconv(cd, NULL, NULL, NULL, NULL);
            break;
        }
    }
    return bb_buf_check(out, err);
}

/* MariaDB's ujis and eucjpms map the user-defined rows to the private use
 * area in order: 0xF5A1..0xFEFE -> U+E000.., 0x8FF5A1..0x8FFEFE -> U+E3AC.. */
static uint32_t ujis_user_defined(const uint8_t *p, size_t len)
{
    if (len == 2 && in(p[0], 0xf5, 0xfe) && in(p[1], 0xa1, 0xfe))
        return 0xe000 + (uint32_t)(p[0] - 0xf5) * 94 + (uint32_t)(p[1] - 0xa1);
    if (len == 3 && p[0] == 0x8f && in(p[1], 0xf5, 0xfe) && in(p[2], 0xa1, 0xfe))
        return 0xe3ac + (uint32_t)(p[1] - 0xf5) * 94 + (uint32_t)(p[2] - 0xa1);
    return 0;
}

static int convert_iconv(const struct cs_info *cs, const uint8_t *p, size_t n, struct bb_buf *out,
                         struct bb_error *err)
{
    size_t idx = (size_t)(cs - cs_infos);
    const struct cs_fixup *fx = NULL;
    size_t (*charlen)(uint8_t) = NULL;
    if (strcmp(cs->name, "sjis") == 0) {
        fx = sjis_fixups;
        charlen = sjis_charlen;
    } else if (strcmp(cs->name, "ujis") == 0) {
        fx = ujis_fixups;
        charlen = ujis_charlen;
    }

    pthread_mutex_lock(&iconv_lock);
    if (!iconv_opened[idx]) {
        iconv_t cd = iconv_open("UTF-8", cs->iconv);
        if (cd == (iconv_t)-1) {
            pthread_mutex_unlock(&iconv_lock);
            return bb_error_set(err, BB_ERR_UNSUPPORTED, "character set %s: iconv has no %s",
                                cs->name, cs->iconv);
        }
        iconv_cache[idx] = cd;
        iconv_opened[idx] = true;
    }
    iconv_t cd = iconv_cache[idx];
    iconv(cd, NULL, NULL, NULL, NULL);

    int rc = 0;
    if (!fx) {
        rc = iconv_run(cd, cs, p, n, out, err);
    } else {
        /* Walk characters; hand runs without fixed-up characters to iconv. */
        size_t run = 0, i = 0;
        while (i < n && rc == 0) {
            size_t len = charlen(p[i]);
            uint32_t unicode = 0;
            for (const struct cs_fixup *f = fx; f->len; f++)
                if (f->len == len && len <= n - i && memcmp(p + i, f->bytes, len) == 0)
                    unicode = f->unicode;
            if (!unicode && fx == ujis_fixups && len <= n - i)
                unicode = ujis_user_defined(p + i, len);
            if (!unicode) {
                i += len;
                continue;
            }
            rc = iconv_run(cd, cs, p + run, i - run, out, err);
            if (rc == 0)
                utf8_put(out, unicode);
            i += len;
            run = i;
        }
        if (rc == 0)
            rc = iconv_run(cd, cs, p + run, (i > n ? n : i) - run, out, err);
    }
    pthread_mutex_unlock(&iconv_lock);
    return rc;
}

int charset_to_utf8(uint16_t collation, const uint8_t *p, size_t n, struct bb_buf *out,
                    struct bb_error *err)
{
    if (collation == 0) {
        bb_buf_append(out, p, n);
        return 0;
    }
    const struct cs_info *cs = cs_lookup(collation);
    if (!cs)
        return bb_error_set(err, BB_ERR_UNSUPPORTED, "unknown collation id %u", (unsigned)collation);
    switch (cs->kind) {
    case CS_BINARY:
        bb_buf_append(out, p, n);
        return 0;
    case CS_UTF8MB3: case CS_UTF8MB4: {
        size_t bad = utf8_scan(p, n, cs->kind == CS_UTF8MB3 ? 3 : 4);
        if (bad != n)
            return bb_error_set(err, BB_ERR_CORRUPT, "invalid %s byte 0x%02x at offset %zu",
                                cs->name, (unsigned)p[bad], bad);
        bb_buf_append(out, p, n);
        return 0;
    }
    case CS_SINGLE:
        return convert_single(cs, p, n, out, err);
    case CS_UCS2: case CS_UTF16: case CS_UTF16LE: case CS_UTF32:
        return convert_wide(cs, p, n, out, err);
    case CS_ICONV:
        return convert_iconv(cs, p, n, out, err);
    default:
        return bb_error_set(err, BB_ERR_UNSUPPORTED, "character set %s", cs->name);
    }
}
