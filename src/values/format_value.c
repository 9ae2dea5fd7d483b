/* format_value.c - the text and JSON forms of values.
 *
 * Text form (design.md, "Text form of values"): what `SELECT` prints with
 * time_zone '+00:00'. JSON form: see bb_value_format_json in binbridge.h.
 * Nothing here allocates per value except through the output buffer;
 * integers, dates and floating-point numbers are rendered without printf. */
#include "base/format_number.h"
#include "values/json_binary.h"
#include "base/charset.h"
#include "base/civil_date.h"
#include "base/json_text.h"
#include "base/utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "binlog/decode_value.h"
#include "base/error.h"

/* ------------------------------------------------------------------ */
/* Dates and times                                                     */

static void put_u64(struct bb_buf *out, uint64_t v)
{
    char b[20];
    bb_buf_append(out, b, (size_t)format_u64_digits(v, b));
}

static void put_i64(struct bb_buf *out, int64_t v)
{
    char b[21];
    if (v < 0) {
        b[0] = '-';
        bb_buf_append(out, b, 1 + (size_t)format_u64_digits((uint64_t)0 - (uint64_t)v, b + 1));
    } else {
        bb_buf_append(out, b, (size_t)format_u64_digits((uint64_t)v, b));
    }
}

static const uint32_t pow10_tab[7] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };

/* ".fff" with exactly fsp digits (the microseconds truncated to fsp). */
static int put_frac(char *dst, uint32_t usec, unsigned fsp)
{
    if (!fsp)
        return 0;
    if (fsp > 6)
        fsp = 6;
    dst[0] = '.';
    format_fixed_digits(dst + 1, usec / pow10_tab[6 - fsp], (int)fsp);
    return 1 + (int)fsp;
}

static void put_date(struct bb_buf *out, uint32_t y, unsigned m, unsigned d)
{
    char b[10];
    format_fixed_digits(b, y, 4);
    b[4] = '-';
    format_fixed_digits(b + 5, m, 2);
    b[7] = '-';
    format_fixed_digits(b + 8, d, 2);
    bb_buf_append(out, b, 10);
}

static void put_datetime(struct bb_buf *out, const struct bb_time *t, unsigned fsp)
{
    char b[32];
    format_fixed_digits(b, t->year, 4);
    b[4] = '-';
    format_fixed_digits(b + 5, t->month, 2);
    b[7] = '-';
    format_fixed_digits(b + 8, t->day, 2);
    b[10] = ' ';
    format_fixed_digits(b + 11, t->hour, 2);
    b[13] = ':';
    format_fixed_digits(b + 14, t->minute, 2);
    b[16] = ':';
    format_fixed_digits(b + 17, t->second, 2);
    int n = 19 + put_frac(b + 19, t->usec, fsp);
    bb_buf_append(out, b, (size_t)n);
}

/* [-]HH:MM:SS[.f]: hours at least two digits (838:59:59 has three). */
static void put_time(struct bb_buf *out, const struct bb_time *t, unsigned fsp)
{
    char b[32];
    int n = 0;
    if (t->neg)
        b[n++] = '-';
    if (t->hour >= 100) {
        int w = t->hour >= 1000 ? 4 : 3;
        format_fixed_digits(b + n, t->hour % 10000, w);
        n += w;
    } else {
        format_fixed_digits(b + n, t->hour, 2);
        n += 2;
    }
    b[n++] = ':';
    format_fixed_digits(b + n, t->minute, 2);
    n += 2;
    b[n++] = ':';
    format_fixed_digits(b + n, t->second, 2);
    n += 2;
    n += put_frac(b + n, t->usec, fsp);
    bb_buf_append(out, b, (size_t)n);
}

/* TIMESTAMP in UTC; 0 seconds and 0 microseconds is the zero timestamp,
 * printed as MySQL prints it: 0000-00-00 00:00:00 (with the fraction
 * digits). 0 seconds with a fraction is 1970-01-01 00:00:00.f, a value the
 * servers store and SELECT shows as such. */
static void put_timestamp(struct bb_buf *out, int64_t sec, uint32_t usec, unsigned fsp)
{
    struct bb_time t;
    memset(&t, 0, sizeof t);
    if (sec != 0 || usec != 0) {
        int64_t days = sec / 86400, rem = sec % 86400;
        if (rem < 0) {
            rem += 86400;
            days--;
        }
        int64_t y;
        unsigned m, d;
        civil_from_days(days, &y, &m, &d);
        t.year = (uint32_t)y;
        t.month = (uint8_t)m;
        t.day = (uint8_t)d;
        t.hour = (uint32_t)(rem / 3600);
        t.minute = (uint8_t)(rem / 60 % 60);
        t.second = (uint8_t)(rem % 60);
        t.usec = usec;
    }
    put_datetime(out, &t, fsp);
}

/* ------------------------------------------------------------------ */
/* ENUM, SET, VECTOR                                                   */

static int put_enum(const struct bb_value *v, struct bb_buf *out)
{
    const struct bb_column *col = v->col;
    if (v->v.u == 0)
        return 0; /* the '' error value */
    if (col && col->labels && v->v.u <= col->nlabels) {
        uint32_t i = (uint32_t)v->v.u - 1;
        bb_buf_append(out, col->labels[i], col->label_lens ? col->label_lens[i] : strlen(col->labels[i]));
    } else {
        bb_buf_put_u64(out, v->v.u);
    }
    return 0;
}

static int put_set(const struct bb_value *v, struct bb_buf *out, struct bb_error *err)
{
    const struct bb_column *col = v->col;
    uint64_t bits = v->v.u;
    if (!col || !col->labels || col->nlabels == 0) {
        bb_buf_put_u64(out, bits);
        return 0;
    }
    if (col->nlabels < 64 && (bits >> col->nlabels))
        return bb_error_set(err, BB_ERR_CORRUPT, "SET value 0x%llx has bits beyond its %u labels",
                            (unsigned long long)bits, (unsigned)col->nlabels);
    bool first = true;
    for (uint32_t i = 0; i < col->nlabels && i < 64; i++) {
        if (!(bits >> i & 1))
            continue;
        if (!first)
            bb_buf_putc(out, ',');
        first = false;
        bb_buf_append(out, col->labels[i], col->label_lens ? col->label_lens[i] : strlen(col->labels[i]));
    }
    return 0;
}

/* VECTOR as MySQL's VECTOR_TO_STRING() prints it: "[" then each float
 * with printf's "%.5e" joined by ",", then "]" ("[1.00000e+00,2.50000e-01]"). */
static int put_vector(const struct bb_value *v, struct bb_buf *out, struct bb_error *err)
{
    if (v->v.str.len % 4)
        return bb_error_set(err, BB_ERR_CORRUPT, "VECTOR length %zu is not a multiple of 4",
                            v->v.str.len);
    bb_buf_putc(out, '[');
    for (size_t i = 0; i < v->v.str.len; i += 4) {
        const uint8_t *p = v->v.str.p + i;
        uint32_t bits = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        float f;
        memcpy(&f, &bits, 4);
        if (!isfinite(f))
            return bb_error_set(err, BB_ERR_CORRUPT, "VECTOR element %zu is not finite", i / 4);
        if (i)
            bb_buf_putc(out, ',');
        bb_buf_printf(out, "%.5e", (double)f);
    }
    bb_buf_putc(out, ']');
    return 0;
}

/* ------------------------------------------------------------------ */
/* Public formatters                                                   */

static unsigned col_fsp(const struct bb_value *v) { return v->col ? v->col->fsp : 0; }

static int check_finite(const struct bb_value *v, struct bb_error *err)
{
    if (v->kind == BB_VALUE_FLOAT ? !isfinite(v->v.f) : !isfinite(v->v.d))
        return bb_error_set(err, BB_ERR_CORRUPT, "%s value is not finite",
                            v->kind == BB_VALUE_FLOAT ? "FLOAT" : "DOUBLE");
    return 0;
}

static uint16_t value_charset(const struct bb_value *v) { return v->col ? v->col->charset : 0; }

static int format_text(const struct bb_value *v, struct bb_buf *out, struct bb_error *err);

/* On failure nothing is left appended: the buffer is cut back. */
int bb_value_format_text(const struct bb_value *v, struct bb_buf *out, struct bb_error *err)
{
    size_t before = out->len;
    int rc = format_text(v, out, err);
    if (rc < 0)
        bb_buf_cut(out, before);
    return rc;
}

static int format_text(const struct bb_value *v, struct bb_buf *out, struct bb_error *err)
{
    int rc = 0;
    switch (v->kind) {
    case BB_VALUE_ABSENT:
        return bb_error_set(err, BB_ERR_USAGE, "cannot format an absent value");
    case BB_VALUE_NULL:
        return 0;
    case BB_VALUE_INT:
        put_i64(out, v->v.i);
        break;
    case BB_VALUE_UINT: case BB_VALUE_BIT:
        put_u64(out, v->v.u);
        break;
    case BB_VALUE_FLOAT:
        if ((rc = check_finite(v, err)) < 0)
            return rc;
        format_float(v->v.f, out);
        break;
    case BB_VALUE_DOUBLE:
        if ((rc = check_finite(v, err)) < 0)
            return rc;
        format_double(v->v.d, out);
        break;
    case BB_VALUE_DECIMAL:
        bb_buf_append(out, v->v.str.p, v->v.str.len);
        break;
    case BB_VALUE_YEAR: {
        char b[4];
        format_fixed_digits(b, (uint32_t)(v->v.u % 10000), 4);
        bb_buf_append(out, b, 4);
        break;
    }
    case BB_VALUE_DATE:
        put_date(out, v->v.tm.year, v->v.tm.month, v->v.tm.day);
        break;
    case BB_VALUE_TIME:
        put_time(out, &v->v.tm, col_fsp(v));
        break;
    case BB_VALUE_DATETIME:
        put_datetime(out, &v->v.tm, col_fsp(v));
        break;
    case BB_VALUE_TIMESTAMP:
        put_timestamp(out, v->v.ts.sec, v->v.ts.usec, col_fsp(v));
        break;
    case BB_VALUE_STRING:
        rc = charset_to_utf8(value_charset(v), v->v.str.p, v->v.str.len, out, err);
        break;
    case BB_VALUE_BINARY: case BB_VALUE_GEOMETRY:
        bb_buf_append(out, v->v.str.p, v->v.str.len);
        break;
    case BB_VALUE_ENUM:
        rc = put_enum(v, out);
        break;
    case BB_VALUE_SET:
        rc = put_set(v, out, err);
        break;
    case BB_VALUE_JSON:
        rc = json_binary_to_text(v->v.str.p, v->v.str.len, out, err);
        break;
    case BB_VALUE_JSON_DIFF:
        rc = json_diff_to_text(v->v.str.p, v->v.str.len, out, err);
        break;
    case BB_VALUE_VECTOR:
        rc = put_vector(v, out, err);
        break;
    default:
        return bb_error_set(err, BB_ERR_USAGE, "value of unknown kind %u", (unsigned)v->kind);
    }
    if (rc < 0)
        return rc;
    return bb_buf_check(out, err);
}

static void put_base64_object(struct bb_buf *out, const uint8_t *p, size_t n)
{
    bb_buf_puts(out, "{\"base64\":\"");
    bb_buf_put_base64(out, p, n);
    bb_buf_puts(out, "\"}");
}

/* Does s[0..n) hold a byte JSON strings must escape (control, '"', '\\')?
 * Eight bytes at a time: a word has a byte below 0x20 when
 * (w - 0x20..20) & ~w & 0x80..80 is non-zero, and a byte equal to c when
 * the same test for zero holds for w ^ (c x 0x01..01). */
static bool needs_json_escape(const char *s, size_t n)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
        if (((w - ones * 0x20) & ~w & highs) | ((q - ones) & ~q & highs) | ((b - ones) & ~b & highs))
            return true;
    }
    for (; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x20 || ch == '"' || ch == '\\')
            return true;
    }
    return false;
}

/* Render the text form into out as a JSON string. The text is appended
 * after the opening quote; only when it holds a character that needs
 * escaping (rare) is it copied aside and appended again escaped. */
static int put_text_as_json_string(const struct bb_value *v, struct bb_buf *out,
                                   struct bb_error *err)
{
    bb_buf_putc(out, '"');
    size_t start = out->len;
    int rc = bb_value_format_text(v, out, err);
    if (rc < 0)
        return rc;
    size_t n = out->len - start;
    bool plain = !needs_json_escape(n ? out->data + start : "", n);
    if (!plain) {
        struct bb_buf copy;
        bb_buf_init(&copy);
        bb_buf_append(&copy, out->data + start, n);
        if (copy.oom) {
            bb_buf_destroy(&copy);
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        }
        out->len = start;
        out->data[start] = '\0';
        bb_buf_put_json_escaped(out, copy.data, n);
        bb_buf_destroy(&copy);
    }
    bb_buf_putc(out, '"');
    return bb_buf_check(out, err);
}

static int format_json(const struct bb_value *v, struct bb_buf *out, struct bb_error *err);

int bb_value_format_json(const struct bb_value *v, struct bb_buf *out, struct bb_error *err)
{
    size_t before = out->len;
    int rc = format_json(v, out, err);
    if (rc < 0)
        bb_buf_cut(out, before);
    return rc;
}

static int format_json(const struct bb_value *v, struct bb_buf *out, struct bb_error *err)
{
    int rc = 0;
    switch (v->kind) {
    case BB_VALUE_ABSENT:
        return bb_error_set(err, BB_ERR_USAGE, "cannot format an absent value");
    case BB_VALUE_NULL:
        bb_buf_puts(out, "null");
        break;
    case BB_VALUE_INT: case BB_VALUE_UINT: case BB_VALUE_BIT:
    case BB_VALUE_FLOAT: case BB_VALUE_DOUBLE:
        /* Numbers: the text form is valid JSON ("1e20", "-0", "0.5"). */
        return bb_value_format_text(v, out, err);
    case BB_VALUE_DECIMAL: case BB_VALUE_YEAR: case BB_VALUE_DATE: case BB_VALUE_TIME:
    case BB_VALUE_DATETIME: case BB_VALUE_TIMESTAMP: case BB_VALUE_ENUM: case BB_VALUE_SET:
    case BB_VALUE_JSON_DIFF:
        return put_text_as_json_string(v, out, err);
    case BB_VALUE_STRING:
        /* Text of unknown charset that is not UTF-8 cannot be a JSON
         * string: give its bytes. Known charsets are converted (invalid
         * bytes are corrupt input). */
        if (value_charset(v) == 0 && !utf8_valid(v->v.str.p, v->v.str.len)) {
            put_base64_object(out, v->v.str.p, v->v.str.len);
            break;
        }
        if (v->col && v->col->json_text) {
            /* A MariaDB JSON column: the document itself, when it is one. */
            size_t mark = out->len;
            rc = bb_value_format_text(v, out, err);
            if (rc < 0)
                return rc;
            if (json_text_valid(out->data + mark, out->len - mark))
                break;
            out->len = mark;
            out->data[mark] = '\0';
        }
        return put_text_as_json_string(v, out, err);
    case BB_VALUE_BINARY: case BB_VALUE_GEOMETRY: case BB_VALUE_VECTOR:
        put_base64_object(out, v->v.str.p, v->v.str.len);
        break;
    case BB_VALUE_JSON:
        rc = json_binary_to_text(v->v.str.p, v->v.str.len, out, err);
        break;
    default:
        return bb_error_set(err, BB_ERR_USAGE, "value of unknown kind %u", (unsigned)v->kind);
    }
    if (rc < 0)
        return rc;
    return bb_buf_check(out, err);
}
