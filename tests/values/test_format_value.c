/* test_format_value.c - text and JSON forms of values.
 *
 * The FLOAT/DOUBLE expectations are what MariaDB 10.11 printed for the same
 * numbers (SELECT of literals and of a DOUBLE column); FLOATs use float
 * precision (SELECT itself prints FLOAT columns with 6 digits). */
#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/format_number.h"

static const char *fmt_double(struct bb_buf *b, double d)
{
    bb_buf_reset(b);
    format_double(d, b);
    return b->data;
}

static const char *fmt_float(struct bb_buf *b, float f)
{
    bb_buf_reset(b);
    format_float(f, b);
    return b->data;
}

Test(format_value, doubles_as_mariadb_prints_them)
{
    static const struct { double d; const char *s; } cases[] = {
        { 1e20, "1e20" },
        { 1e-7, "0.0000001" },
        { 123456789012345678.0, "1.2345678901234568e17" },
        { 0.1, "0.1" },
        { 1.5e300, "1.5e300" },
        { 1e15, "1e15" },
        { 1e14, "100000000000000" },
        { 123456789012345.0, "123456789012345" },
        { 1234567890123456.0, "1.234567890123456e15" },
        { 12345678901234567.0, "1.2345678901234568e16" },
        { 1e16, "1e16" },
        { 0.0001, "0.0001" },
        { 0.00001, "0.00001" },
        { 0.000123456, "0.000123456" },
        { 1.2345e-5, "0.000012345" },
        { 5e-324, "5e-324" },
        { 1.7976931348623157e308, "1.7976931348623157e308" },
        { 2.2250738585072014e-308, "2.2250738585072014e-308" },
        { 100.0, "100" },
        { 9.999e-5, "0.00009999" },
        { 1e-10, "0.0000000001" },
        { 1e-14, "0.00000000000001" },
        { 1e-15, "0.000000000000001" },
        { 1e-16, "1e-16" },
        { 1e-20, "1e-20" },
        { 1.234e-10, "0.0000000001234" },
        { 1.2345678901234567e-10, "0.00000000012345678901234568" },
        { 1.2345678901234567e-5, "0.000012345678901234568" },
        { 1.2345678901234567e-3, "0.0012345678901234567" },
        { 0.1234567890123456789, "0.12345678901234568" },
        { 1.2345678901234567e-1, "0.12345678901234566" },
        { 1.5e15, "1.5e15" },
        { 1.5e16, "1.5e16" },
        { 123456789012345.6, "123456789012345.6" },
        { 12345678901234.56, "12345678901234.56" },
        { 999999999999999.0, "999999999999999" },
        { 9999999999999999.0, "1e16" },
        { 1e21, "1e21" },
        { 1e100, "1e100" },
        { 1.5e-100, "1.5e-100" },
        { -1.5e-7, "-0.00000015" },
        { -123e20, "-1.23e22" },
        { 3e15, "3e15" },
        { 1.2345678901234567e-15, "0.0000000000000012345678901234568" },
        { 1.2345678901234567e14, "123456789012345.67" },
        { 9.999999999999999e14, "999999999999999.9" },
        { 1.2345678901234567e-14, "0.000000000000012345678901234567" },
        { -1e-15, "-0.000000000000001" },
        { -1e15, "-1e15" },
        { -999999999999999.9, "-999999999999999.9" },
        { -1e-16, "-1e-16" },
        { 9.999999999999999e-16, "9.999999999999999e-16" },
        { 1.7976931348623157e-300, "1.7976931348623157e-300" },
        { 0.5, "0.5" },
        { 123e-310, "1.23e-308" },
        { 1234567890123456.8, "1234567890123456.8" },
        { 4503599627370495.5, "4503599627370495.5" },
        { 0.00000000000000123, "0.00000000000000123" },
        { 1.5e-15, "0.0000000000000015" },
        { 1.5e-14, "0.000000000000015" },
        { 3.1415927, "3.1415927" },
        { 4.35, "4.35" },
        { 2e23, "2e23" },
        { 9007199254740993.0, "9.007199254740992e15" },
        { 0.3, "0.3" },
        { 0.0, "0" },
        { -0.0, "-0" },
    };
    struct bb_buf b;
    bb_buf_init(&b);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        cr_expect_str_eq(fmt_double(&b, cases[i].d), cases[i].s, "%.17g", cases[i].d);
    bb_buf_destroy(&b);
}

Test(format_value, floats_shortest_in_float_precision)
{
    static const struct { float f; const char *s; } cases[] = {
        { 3.1415927f, "3.1415927" },
        { 0.1f, "0.1" },
        { -1.5f, "-1.5" },
        { 1e20f, "1e20" },
        { 1.4e-45f, "1e-45" },
        { 3.4028234e38f, "3.4028235e38" },
        { 16777217.0f, "16777216" },
        { 1e-7f, "0.0000001" },
        { 123456789.0f, "123456790" },
        { 1.17549435e-38f, "1.1754944e-38" },
        { 1e15f, "1e15" },
        { 0.0f, "0" },
        { -0.0f, "-0" },
        { 7e-45f, "7e-45" },
    };
    struct bb_buf b;
    bb_buf_init(&b);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        cr_expect_str_eq(fmt_float(&b, cases[i].f), cases[i].s, "%.9g", (double)cases[i].f);
    bb_buf_destroy(&b);
}

/* The significant digits of a rendering, for comparing with printf's. */
static void digits_of(const char *s, char *out)
{
    size_t n = 0;
    bool started = false;
    for (; *s && *s != 'e'; s++) {
        if (*s >= '1' && *s <= '9')
            started = true;
        if (started && *s >= '0' && *s <= '9')
            out[n++] = *s;
    }
    while (n > 1 && out[n - 1] == '0')
        n--;
    out[n] = '\0';
}

static uint64_t xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Against a brute-force reference: the first precision p at which the
 * correctly rounded p-digit decimal (printf) reads back is the shortest
 * length, and that decimal is the nearest one of that length. Ours must
 * read back, be no longer, and (when printf's reads back at that length)
 * have the same digits. */
Test(format_value, doubles_match_brute_force)
{
    struct bb_buf b;
    bb_buf_init(&b);
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < 200000; i++) {
        uint64_t bits = xorshift(&seed);
        if (i % 4 == 1) /* plain magnitudes */
            bits = (bits & 0x800fffffffffffffULL) | ((uint64_t)(1000 + xorshift(&seed) % 100) << 52);
        if (i % 4 == 2) /* few significant bits */
            bits &= 0xfff0000000000000ULL | (xorshift(&seed) & 0xfff);
        double d;
        memcpy(&d, &bits, 8);
        if (!isfinite(d) || d == 0)
            continue;
        const char *s = fmt_double(&b, d);
        cr_assert_eq(strtod(s, NULL), d, "%a printed as %s", d, s);
        char ref[64], rd[32], od[32];
        int p;
        for (p = 1; p <= 17; p++) {
            snprintf(ref, sizeof ref, "%.*e", p - 1, d);
            if (strtod(ref, NULL) == d)
                break;
        }
        digits_of(ref, rd);
        digits_of(s, od);
        cr_assert(strlen(od) <= (size_t)p, "%a: %s longer than %s", d, s, ref);
        if (strlen(od) == (size_t)p)
            cr_assert_str_eq(od, rd, "%a: %s vs %s", d, s, ref);
    }
    bb_buf_destroy(&b);
}

Test(format_value, floats_match_brute_force)
{
    struct bb_buf b;
    bb_buf_init(&b);
    uint64_t seed = 0x1234567890abcdefULL;
    for (int i = 0; i < 200000; i++) {
        uint32_t bits = (uint32_t)xorshift(&seed);
        float f;
        memcpy(&f, &bits, 4);
        if (!isfinite(f) || f == 0)
            continue;
        const char *s = fmt_float(&b, f);
        cr_assert_eq(strtof(s, NULL), f, "%a printed as %s", (double)f, s);
        char ref[64], rd[32], od[32];
        int p;
        for (p = 1; p <= 9; p++) {
            snprintf(ref, sizeof ref, "%.*e", p - 1, (double)f);
            if (strtof(ref, NULL) == f)
                break;
        }
        digits_of(ref, rd);
        digits_of(s, od);
        cr_assert(strlen(od) <= (size_t)p, "%a: %s longer than %s", (double)f, s, ref);
        if (strlen(od) == (size_t)p)
            cr_assert_str_eq(od, rd, "%a: %s vs %s", (double)f, s, ref);
    }
    bb_buf_destroy(&b);
}

/* ---- values built by hand ---- */

static struct bb_buf out;
static struct bb_error err;

static void setup(void)
{
    bb_buf_init(&out);
    memset(&err, 0, sizeof err);
}
static void teardown(void) { bb_buf_destroy(&out); }

static const char *text(const struct bb_value *v)
{
    bb_buf_reset(&out);
    memset(&err, 0, sizeof err);
    int rc = bb_value_format_text(v, &out, &err);
    cr_assert_eq(rc, 0, "text: %s", err.msg);
    return out.data ? out.data : "";
}

static const char *json(const struct bb_value *v)
{
    bb_buf_reset(&out);
    memset(&err, 0, sizeof err);
    int rc = bb_value_format_json(v, &out, &err);
    cr_assert_eq(rc, 0, "json: %s", err.msg);
    return out.data ? out.data : "";
}

static int json_rc(const struct bb_value *v)
{
    bb_buf_reset(&out);
    memset(&err, 0, sizeof err);
    return bb_value_format_json(v, &out, &err);
}

static int text_rc(const struct bb_value *v)
{
    bb_buf_reset(&out);
    memset(&err, 0, sizeof err);
    return bb_value_format_text(v, &out, &err);
}

TestSuite(values, .init = setup, .fini = teardown);

Test(values, temporal)
{
    struct bb_column col = { 0 };
    struct bb_value v = { 0 };
    v.col = &col;

    v.kind = BB_VALUE_TIME;
    v.v.tm.neg = true;
    v.v.tm.hour = 838;
    v.v.tm.minute = 59;
    v.v.tm.second = 59;
    cr_assert_str_eq(text(&v), "-838:59:59");
    cr_assert_str_eq(json(&v), "\"-838:59:59\"");
    col.fsp = 6;
    v.v.tm.neg = false;
    v.v.tm.hour = 1;
    v.v.tm.minute = 2;
    v.v.tm.second = 3;
    v.v.tm.usec = 45;
    cr_assert_str_eq(text(&v), "01:02:03.000045");
    col.fsp = 3;
    v.v.tm.usec = 999999;
    cr_assert_str_eq(text(&v), "01:02:03.999");

    /* TIMESTAMP in UTC; 0 is the zero timestamp. */
    v.kind = BB_VALUE_TIMESTAMP;
    v.v.ts.sec = 0;
    v.v.ts.usec = 0;
    cr_assert_str_eq(text(&v), "0000-00-00 00:00:00.000");
    col.fsp = 0;
    v.v.ts.sec = 1;
    cr_assert_str_eq(text(&v), "1970-01-01 00:00:01");
    v.v.ts.sec = 951782400; /* leap day */
    cr_assert_str_eq(text(&v), "2000-02-29 00:00:00");
    v.v.ts.sec = 4294967295LL; /* MariaDB 11.5+ range end */
    cr_assert_str_eq(text(&v), "2106-02-07 06:28:15");
    col.fsp = 6;
    v.v.ts.sec = 2147483647;
    v.v.ts.usec = 999999;
    cr_assert_str_eq(text(&v), "2038-01-19 03:14:07.999999");
    cr_assert_str_eq(json(&v), "\"2038-01-19 03:14:07.999999\"");

    v.kind = BB_VALUE_DATE;
    memset(&v.v.tm, 0, sizeof v.v.tm);
    v.v.tm.year = 2020;
    cr_assert_str_eq(text(&v), "2020-00-00");

    v.kind = BB_VALUE_DATETIME;
    col.fsp = 2;
    cr_assert_str_eq(text(&v), "2020-00-00 00:00:00.00");

    v.kind = BB_VALUE_YEAR;
    v.v.u = 0;
    cr_assert_str_eq(text(&v), "0000");
    v.v.u = 2155;
    cr_assert_str_eq(json(&v), "\"2155\"");
}

Test(values, enum_and_set)
{
    static const char *const labels[] = { "a", "b\"q", "c" };
    static const uint32_t lens[] = { 1, 3, 1 };
    struct bb_column col = { 0 };
    struct bb_value v = { 0 };
    v.col = &col;
    v.kind = BB_VALUE_ENUM;
    v.v.u = 2;
    cr_assert_str_eq(text(&v), "2"); /* no labels: the index */
    col.labels = labels;
    col.label_lens = lens;
    col.nlabels = 3;
    cr_assert_str_eq(text(&v), "b\"q");
    cr_assert_str_eq(json(&v), "\"b\\\"q\"");
    v.v.u = 0;
    cr_assert_str_eq(text(&v), "");
    cr_assert_str_eq(json(&v), "\"\"");
    v.v.u = 4;
    cr_assert_str_eq(text(&v), "4");

    v.kind = BB_VALUE_SET;
    v.v.u = 5;
    cr_assert_str_eq(text(&v), "a,c");
    cr_assert_str_eq(json(&v), "\"a,c\"");
    v.v.u = 0;
    cr_assert_str_eq(text(&v), "");
    v.v.u = 8;
    cr_assert_eq(text_rc(&v), BB_ERR_CORRUPT);
    cr_assert_str_eq(err.msg, "SET value 0x8 has bits beyond its 3 labels");
}

Test(values, numbers_and_bits)
{
    struct bb_value v = { 0 };
    v.kind = BB_VALUE_INT;
    v.v.i = INT64_MIN;
    cr_assert_str_eq(json(&v), "-9223372036854775808");
    v.kind = BB_VALUE_UINT;
    v.v.u = UINT64_MAX;
    cr_assert_str_eq(json(&v), "18446744073709551615");
    v.kind = BB_VALUE_BIT;
    v.v.u = 5;
    cr_assert_str_eq(text(&v), "5");
    cr_assert_str_eq(json(&v), "5");
    v.kind = BB_VALUE_DOUBLE;
    v.v.d = 1e20;
    cr_assert_str_eq(json(&v), "1e20");
    v.v.d = NAN;
    cr_assert_eq(json_rc(&v), BB_ERR_CORRUPT);
    cr_assert_str_eq(err.msg, "DOUBLE value is not finite");
    v.kind = BB_VALUE_FLOAT;
    v.v.f = INFINITY;
    cr_assert_eq(text_rc(&v), BB_ERR_CORRUPT);
    v.kind = BB_VALUE_DECIMAL;
    v.v.str.p = (const uint8_t *)"-1.50";
    v.v.str.len = 5;
    cr_assert_str_eq(text(&v), "-1.50");
    cr_assert_str_eq(json(&v), "\"-1.50\"");
}

Test(values, strings_and_bytes)
{
    struct bb_column col = { 0 };
    struct bb_value v = { 0 };
    v.col = &col;
    v.kind = BB_VALUE_STRING;
    col.charset = 45; /* utf8mb4_general_ci */
    static const uint8_t ctl[] = { 'a', '\n', 0x01, '"', '\\', 0xc3, 0xa9 };
    v.v.str.p = ctl;
    v.v.str.len = sizeof ctl;
    cr_assert_str_eq(json(&v), "\"a\\n\\u0001\\\"\\\\\xc3\xa9\"");
    /* characters to escape at every position of a 17-byte string */
    for (int pos = 0; pos < 17; pos++) {
        static const char special[] = { '"', '\\', '\x1f', '\n' };
        for (size_t k = 0; k < sizeof special; k++) {
            char in[17], want[64];
            memset(in, 'x', sizeof in);
            in[pos] = special[k];
            v.v.str.p = (const uint8_t *)in;
            v.v.str.len = sizeof in;
            const char *esc = special[k] == '"' ? "\\\"" : special[k] == '\\' ? "\\\\"
                            : special[k] == '\n' ? "\\n" : "\\u001f";
            snprintf(want, sizeof want, "\"%.*s%s%.*s\"", pos, "xxxxxxxxxxxxxxxxx", esc,
                     16 - pos, "xxxxxxxxxxxxxxxxx");
            cr_assert_str_eq(json(&v), want, "pos %d char %zu", pos, k);
        }
    }
    /* no escapes: high bytes and 0x7f pass */
    static const uint8_t plain[] = { 0x7f, 0xc3, 0xa9, ' ', '~', 0xe2, 0x98, 0x83, '!', '#' };
    v.v.str.p = plain;
    v.v.str.len = sizeof plain;
    cr_assert_str_eq(json(&v), "\"\x7f\xc3\xa9 ~\xe2\x98\x83!#\"");
    /* invalid UTF-8 in a utf8mb4 column is corrupt */
    static const uint8_t bad[] = { 'a', 0xff };
    v.v.str.p = bad;
    v.v.str.len = 2;
    cr_assert_eq(json_rc(&v), BB_ERR_CORRUPT);
    cr_assert_str_eq(err.msg, "invalid utf8mb4 byte 0xff at offset 1");
    cr_assert_eq(text_rc(&v), BB_ERR_CORRUPT);
    cr_assert_eq(out.len, 0, "nothing is left appended on failure");
    /* unknown charset: raw text; JSON falls back to base64 when not UTF-8 */
    col.charset = 0;
    cr_assert_eq(text_rc(&v), 0);
    cr_assert_eq(out.len, 2);
    cr_assert_str_eq(json(&v), "{\"base64\":\"Yf8=\"}");
    v.v.str.p = ctl;
    v.v.str.len = 1;
    cr_assert_str_eq(json(&v), "\"a\"");
    /* latin1 converts */
    col.charset = 8;
    static const uint8_t lat[] = { 0xe9, 0x80 };
    v.v.str.p = lat;
    v.v.str.len = 2;
    cr_assert_str_eq(text(&v), "\xc3\xa9\xe2\x82\xac");
    cr_assert_str_eq(json(&v), "\"\xc3\xa9\xe2\x82\xac\"");

    v.kind = BB_VALUE_BINARY;
    col.charset = 63;
    v.v.str.p = bad;
    v.v.str.len = 2;
    cr_assert_str_eq(json(&v), "{\"base64\":\"Yf8=\"}");
    v.v.str.len = 0;
    cr_assert_str_eq(json(&v), "{\"base64\":\"\"}");
    cr_assert_str_eq(text(&v), "");

    v.kind = BB_VALUE_GEOMETRY;
    static const uint8_t pt[] = { 0, 0, 0, 0, 1, 1, 0, 0, 0 };
    v.v.str.p = pt;
    v.v.str.len = sizeof pt;
    cr_assert_str_eq(json(&v), "{\"base64\":\"AAAAAAEBAAAA\"}");
}

Test(values, vector)
{
    /* rmc-vector.binlog: [1.1, 2.2, 3.3] */
    static const uint8_t vec[] = { 0xcd, 0xcc, 0x8c, 0x3f, 0xcd, 0xcc, 0x0c, 0x40, 0x33, 0x33, 0x53, 0x40 };
    struct bb_value v = { 0 };
    v.kind = BB_VALUE_VECTOR;
    v.v.str.p = vec;
    v.v.str.len = sizeof vec;
    cr_assert_str_eq(text(&v), "[1.10000e+00,2.20000e+00,3.30000e+00]");
    cr_assert_str_eq(json(&v), "{\"base64\":\"zcyMP83MDEAzM1NA\"}");
    v.v.str.len = 0;
    cr_assert_str_eq(text(&v), "[]");
    static const uint8_t nan[] = { 0, 0, 0xc0, 0x7f };
    v.v.str.p = nan;
    v.v.str.len = 4;
    cr_assert_eq(text_rc(&v), BB_ERR_CORRUPT);
    cr_assert_str_eq(err.msg, "VECTOR element 0 is not finite");
    v.v.str.len = 3;
    cr_assert_eq(text_rc(&v), BB_ERR_CORRUPT);
}

Test(values, null_absent_json)
{
    struct bb_value v = { 0 };
    v.kind = BB_VALUE_NULL;
    cr_assert_str_eq(json(&v), "null");
    cr_assert_str_eq(text(&v), "");
    v.kind = BB_VALUE_ABSENT;
    cr_assert_eq(json_rc(&v), BB_ERR_USAGE);
    cr_assert_str_eq(err.msg, "cannot format an absent value");
    cr_assert_eq(text_rc(&v), BB_ERR_USAGE);
    v.kind = 200;
    cr_assert_eq(json_rc(&v), BB_ERR_USAGE);

    /* JSON column embedded as JSON; a JSON diff as a string. */
    static const uint8_t doc[] = { 0x02, 0x01, 0x00, 0x07, 0x00, 0x05, 0x07, 0x00 };
    v.kind = BB_VALUE_JSON;
    v.v.str.p = doc;
    v.v.str.len = sizeof doc;
    cr_assert_str_eq(json(&v), "[7]");
    cr_assert_str_eq(text(&v), "[7]");
    static const uint8_t diff[] = { 0x00, 0x05, '$', '.', 'a', 'g', 'e', 0x03, 0x05, 0x1a, 0x00 };
    v.kind = BB_VALUE_JSON_DIFF;
    v.v.str.p = diff;
    v.v.str.len = sizeof diff;
    cr_assert_str_eq(text(&v), "JSON_REPLACE(@, '$.age', 26)");
    cr_assert_str_eq(json(&v), "\"JSON_REPLACE(@, '$.age', 26)\"");
}
