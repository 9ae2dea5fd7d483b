/* bson_value.c - row values as the BSON values the MongoDB sink writes
 * (the table in mongo_sink.c), JSON columns as embedded documents: MySQL's
 * binary JSON and MariaDB's JSON text, each walked here as it is today. */
#include "sinks/mongo/mongo.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/civil_date.h"
#include "base/cursor.h"
#include "base/error.h"
#include "base/format_number.h"
#include "base/utf8.h"
#include "sinks/mongo/mongo_internal.h"
#include "values/json_binary.h"

/* MongoDB refuses documents nested deeper than 100 levels; a JSON value
 * deeper than this (its field and the row document are two more) is
 * written as its text. */
#define JSON_MAX_DEPTH 97

/* ------------------------------------------------------------------ */
/* Values                                                              */

int mongo_set_appended(bool ok, struct bb_error *err)
{
    return ok ? 0 : bb_error_set(err, BB_ERR_LIMIT, "a BSON document grew past 2 GB");
}

/* A real calendar date (not zero, no zero part, not Feb 31). */
static bool valid_date(const struct bb_time *t)
{
    if (t->year < 1 || t->year > 9999 || t->month < 1 || t->month > 12 || t->day < 1)
        return false;
    return t->day <= civil_days_in_month(t->year, t->month) && t->hour < 24 && t->minute < 60 &&
           t->second < 60 && t->usec < 1000000;
}

static int append_text_form(bson_t *doc, const char *key, size_t keylen, const struct bb_value *v,
                            struct bb_buf *s, struct bb_error *err)
{
    bb_buf_reset(s);
    int rc = bb_value_format_text(v, s, err);
    if (rc < 0)
        return rc;
    const char *text = s->len ? s->data : "";
    if (!utf8_valid((const uint8_t *)text, s->len))     /* a label of the binary charset */
        return mongo_set_appended(bson_append_binary(doc, key, (int)keylen, BSON_SUBTYPE_BINARY,
                                               (const uint8_t *)text, (uint32_t)s->len), err);
    return mongo_set_appended(bson_append_utf8(doc, key, (int)keylen, text, (int)s->len), err);
}

/* An exact decimal number: Decimal128 when its value fits (trailing
 * fraction zeros dropped if that is what it takes), else (or on a server
 * without Decimal128) its text. */
static int append_decimal_text(bson_t *doc, const char *key, size_t keylen, const char *text,
                               size_t len, const struct mongo_value_opts *o, struct bb_error *err)
{
    char buf[BSON_DECIMAL128_STRING + 100];
    if (!o->no_decimal128 && len < sizeof buf) {
        memcpy(buf, text, len);
        buf[len] = '\0';
        bson_decimal128_t d;
        bool ok = bson_decimal128_from_string(buf, &d);
        if (!ok && memchr(buf, '.', len) && !memchr(buf, 'e', len) && !memchr(buf, 'E', len)) {
            size_t n = len;
            while (!ok && n > 0 && buf[n - 1] == '0') {
                buf[--n] = '\0';
                ok = bson_decimal128_from_string(buf, &d);
            }
        }
        if (ok)
            return mongo_set_appended(bson_append_decimal128(doc, key, (int)keylen, &d), err);
    }
    return mongo_set_appended(bson_append_utf8(doc, key, (int)keylen, text, (int)len), err);
}

static int append_u64(bson_t *doc, const char *key, size_t keylen, uint64_t u,
                      const struct mongo_value_opts *o, struct bb_error *err)
{
    if (u <= INT64_MAX)
        return mongo_set_appended(bson_append_int64(doc, key, (int)keylen, (int64_t)u), err);
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)u);
    return append_decimal_text(doc, key, keylen, tmp, (size_t)n, o, err);
}

static int append_int_by_value(bson_t *doc, const char *key, size_t keylen, int64_t i,
                               struct bb_error *err)
{
    if (i >= INT32_MIN && i <= INT32_MAX)
        return mongo_set_appended(bson_append_int32(doc, key, (int)keylen, (int32_t)i), err);
    return mongo_set_appended(bson_append_int64(doc, key, (int)keylen, i), err);
}

/* FLOAT as the double of its shortest decimal text. */
static double float_as_double(float f, struct bb_buf *s)
{
    bb_buf_reset(s);
    format_float(f, s);
    if (s->oom || !s->len)
        return (double)f;
    return strtod(s->data, NULL);
}

/* ---- MySQL binary JSON -> BSON ----
 * The layout is json_binary.c's: a type byte, then the value; objects and
 * arrays (small: 2-byte counts and offsets; large: 4-byte) hold element
 * count, byte size, key entries (offset, 2-byte length), value entries
 * (type, inline value or offset), keys and values; offsets count from the
 * container's count field; the type bytes are values/json_binary.h's. */

/* Returned by the JSON converters when the value must be written as its
 * text instead (a server limitation, a NUL in a key, too deep). */
#define AS_TEXT 1

struct jconv {
    const struct mongo_value_opts *o;
    struct bb_buf *scratch;
    struct bb_error *err;
};

static int jcorrupt(struct jconv *j, const char *why)
{
    return bb_error_set(j->err, BB_ERR_CORRUPT, "JSON: %s", why);
}

static int jb_varlen(struct jconv *j, struct cursor *c, uint32_t *out)
{
    uint64_t v = 0;
    for (int i = 0; i < 5; i++) {
        if (cursor_left(c) < 1)
            return jcorrupt(j, "variable-length size truncated");
        uint8_t b = cursor_u8(c);
        v |= (uint64_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80)) {
            if (v > UINT32_MAX)
                return jcorrupt(j, "variable-length size too large");
            *out = (uint32_t)v;
            return 0;
        }
    }
    return jcorrupt(j, "variable-length size longer than 5 bytes");
}

/* May key[0..n) be a field name of an embedded document here? */
static bool key_storable(const struct mongo_value_opts *o, const char *k, size_t n)
{
    if (memchr(k, '\0', n))
        return false;
    if (o->plain_keys && ((n && k[0] == '$') || memchr(k, '.', n)))
        return false;
    return true;
}

static int jb_value(struct jconv *j, bson_t *parent, const char *key, size_t keylen,
                    uint8_t type, struct cursor *c, int depth, bool in_array);

static int jb_container(struct jconv *j, bson_t *parent, const char *key, size_t keylen,
                        uint8_t type, struct cursor *c, int depth, bool in_array)
{
    bool large = type == JSONB_LARGE_OBJECT || type == JSONB_LARGE_ARRAY;
    bool object = type == JSONB_SMALL_OBJECT || type == JSONB_LARGE_OBJECT;
    int ob = large ? 4 : 2;
    if (depth > JSON_MAX_DEPTH)
        return AS_TEXT;
    if (!object && in_array && j->o->no_nested_arrays)
        return AS_TEXT;
    const uint8_t *base = cursor_here(c);
    size_t avail = cursor_left(c);
    if (avail < (size_t)ob * 2)
        return jcorrupt(j, "container header truncated");
    struct cursor h = cursor_make(base, avail);
    uint64_t count = cursor_uint_le(&h, ob), size = cursor_uint_le(&h, ob);
    if (size > avail)
        return jcorrupt(j, "container size exceeds its document");
    size_t key_entry = object ? (size_t)ob + 2 : 0, val_entry = 1 + (size_t)ob;
    if (count > size || (size_t)ob * 2 + count * (key_entry + val_entry) > size)
        return jcorrupt(j, "container entries exceed its size");
    /* json_binary.c's rule: no two entries share or overlap a child, so
     * each byte is converted once (else a few hundred bytes of entries
     * naming one child per level are gigabytes of BSON). */
    if (json_binary_check_container(type, base, avail, j->err) < 0)
        return BB_ERR_CORRUPT;
    cursor_skip(c, (size_t)size);

    bson_t child;
    bool ok = object ? bson_append_document_begin(parent, key, (int)keylen, &child)
                     : bson_append_array_begin(parent, key, (int)keylen, &child);
    if (!ok)
        return mongo_set_appended(false, j->err);
    int rc = 0;
    for (uint64_t i = 0; i < count && rc == 0; i++) {
        char ibuf[16];
        const char *k;
        size_t klen;
        if (object) {
            struct cursor ke = cursor_make(base + (size_t)ob * 2 + i * key_entry, key_entry);
            uint64_t koff = cursor_uint_le(&ke, ob), kl = cursor_u16le(&ke);
            if (koff > size || kl > size - koff) {
                rc = jcorrupt(j, "object key outside its object");
                break;
            }
            k = (const char *)base + koff;
            klen = (size_t)kl;
            if (!utf8_valid((const uint8_t *)k, klen)) {
                rc = jcorrupt(j, "object key is not valid UTF-8");
                break;
            }
            if (!key_storable(j->o, k, klen)) {
                rc = AS_TEXT;
                break;
            }
        } else {
            klen = bson_uint32_to_string((uint32_t)i, &k, ibuf, sizeof ibuf);
        }
        struct cursor ve = cursor_make(base + (size_t)ob * 2 + count * key_entry + i * val_entry,
                                       val_entry);
        uint8_t vt = cursor_u8(&ve);
        bool inl = vt == JSONB_LITERAL || vt == JSONB_INT16 || vt == JSONB_UINT16 ||
                   (large && (vt == JSONB_INT32 || vt == JSONB_UINT32));
        if (inl) {
            rc = jb_value(j, &child, k, klen, vt, &ve, depth + 1, !object);
        } else {
            uint64_t voff = cursor_uint_le(&ve, ob);
            if (voff >= size) {
                rc = jcorrupt(j, "value offset outside its container");
                break;
            }
            struct cursor vc = cursor_make(base + voff, (size_t)(size - voff));
            rc = jb_value(j, &child, k, klen, vt, &vc, depth + 1, !object);
        }
    }
    ok = object ? bson_append_document_end(parent, &child) : bson_append_array_end(parent, &child);
    if (rc == 0 && !ok)
        rc = mongo_set_appended(false, j->err);
    return rc;
}

/* An opaque value: a MySQL type byte, a variable length, the bytes. */
static int jb_opaque(struct jconv *j, bson_t *parent, const char *key, size_t keylen,
                     struct cursor *c)
{
    if (cursor_left(c) < 1)
        return jcorrupt(j, "opaque value truncated");
    uint8_t ftype = cursor_u8(c);
    uint32_t len;
    int rc = jb_varlen(j, c, &len);
    if (rc < 0)
        return rc;
    if (len > cursor_left(c))
        return jcorrupt(j, "opaque value longer than its document");
    const uint8_t *p = cursor_bytes(c, len);
    if (ftype != MYSQL_TYPE_NEWDECIMAL && ftype != MYSQL_TYPE_DATE && ftype != MYSQL_TYPE_TIME &&
        ftype != MYSQL_TYPE_DATETIME && ftype != MYSQL_TYPE_TIMESTAMP &&
        ftype != MYSQL_TYPE_VAR_STRING)
        return mongo_set_appended(bson_append_binary(parent, key, (int)keylen, BSON_SUBTYPE_BINARY, p,
                                               len), j->err);
    /* The text json_binary.c gives this value alone: a bare decimal, or a
     * quoted date/time or string. */
    struct bb_buf *s = j->scratch;
    uint8_t hdr[16];     /* 2 bytes and a length of at most 5 */
    size_t hl = 0;
    hdr[hl++] = JSONB_OPAQUE;
    hdr[hl++] = ftype;
    uint32_t v = len;
    do {
        hdr[hl++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
        v >>= 7;
    } while (v);
    struct bb_buf whole;
    bb_buf_init(&whole);
    char *w = bb_buf_reserve(&whole, hl + len);
    if (!w) {
        bb_buf_destroy(&whole);
        return bb_error_set(j->err, BB_ERR_NOMEM, "out of memory");
    }
    memcpy(w, hdr, hl);
    memcpy(w + hl, p, len);
    whole.len = hl + len;
    bb_buf_reset(s);
    rc = json_binary_to_text((const uint8_t *)whole.data, whole.len, s, j->err);
    bb_buf_destroy(&whole);
    if (rc < 0)
        return rc;
    if (ftype == MYSQL_TYPE_NEWDECIMAL)
        return append_decimal_text(parent, key, keylen, s->data, s->len, j->o, j->err);
    if (s->len < 2 || s->data[0] != '"')
        return jcorrupt(j, "opaque value did not render as a string");
    if (ftype == MYSQL_TYPE_VAR_STRING) {
        /* The raw bytes rather than the escaped JSON string (the render
         * checked they are UTF-8). */
        return mongo_set_appended(bson_append_utf8(parent, key, (int)keylen, (const char *)p, (int)len),
                                  j->err);
    }
    return mongo_set_appended(bson_append_utf8(parent, key, (int)keylen, s->data + 1,
                                         (int)(s->len - 2)), j->err);
}

static int jb_value(struct jconv *j, bson_t *parent, const char *key, size_t keylen,
                    uint8_t type, struct cursor *c, int depth, bool in_array)
{
    int k = (int)keylen;
    switch (type) {
    case JSONB_SMALL_OBJECT: case JSONB_LARGE_OBJECT:
    case JSONB_SMALL_ARRAY: case JSONB_LARGE_ARRAY:
        return jb_container(j, parent, key, keylen, type, c, depth, in_array);
    case JSONB_LITERAL: {
        if (cursor_left(c) < 1)
            return jcorrupt(j, "literal truncated");
        uint8_t v = cursor_u8(c);
        if (v == 0)
            return mongo_set_appended(bson_append_null(parent, key, k), j->err);
        if (v == 1 || v == 2)
            return mongo_set_appended(bson_append_bool(parent, key, k, v == 1), j->err);
        return jcorrupt(j, "unknown literal");
    }
    case JSONB_INT16: case JSONB_UINT16:
        if (cursor_left(c) < 2)
            return jcorrupt(j, "int16 truncated");
        return mongo_set_appended(bson_append_int32(parent, key, k, type == JSONB_INT16
                                              ? (int32_t)(int16_t)cursor_u16le(c)
                                              : (int32_t)cursor_u16le(c)), j->err);
    case JSONB_INT32:
        if (cursor_left(c) < 4)
            return jcorrupt(j, "int32 truncated");
        return mongo_set_appended(bson_append_int32(parent, key, k, (int32_t)cursor_u32le(c)), j->err);
    case JSONB_UINT32:
        if (cursor_left(c) < 4)
            return jcorrupt(j, "int32 truncated");
        return append_int_by_value(parent, key, keylen, cursor_u32le(c), j->err);
    case JSONB_INT64:
        if (cursor_left(c) < 8)
            return jcorrupt(j, "int64 truncated");
        return append_int_by_value(parent, key, keylen, (int64_t)cursor_u64le(c), j->err);
    case JSONB_UINT64: {
        if (cursor_left(c) < 8)
            return jcorrupt(j, "int64 truncated");
        uint64_t u = cursor_u64le(c);
        if (u <= INT64_MAX)
            return append_int_by_value(parent, key, keylen, (int64_t)u, j->err);
        return append_u64(parent, key, keylen, u, j->o, j->err);
    }
    case JSONB_DOUBLE: {
        if (cursor_left(c) < 8)
            return jcorrupt(j, "double truncated");
        uint64_t bits = cursor_u64le(c);
        double d;
        memcpy(&d, &bits, 8);
        if (!isfinite(d))
            return jcorrupt(j, "double is not finite");
        return mongo_set_appended(bson_append_double(parent, key, k, d), j->err);
    }
    case JSONB_STRING: {
        uint32_t len;
        int rc = jb_varlen(j, c, &len);
        if (rc < 0)
            return rc;
        if (len > cursor_left(c))
            return jcorrupt(j, "string longer than its document");
        const uint8_t *p = cursor_bytes(c, len);
        if (!utf8_valid(p, len))
            return jcorrupt(j, "string is not valid UTF-8");
        return mongo_set_appended(bson_append_utf8(parent, key, k, (const char *)p, (int)len), j->err);
    }
    case JSONB_OPAQUE:
        return jb_opaque(j, parent, key, keylen, c);
    default:
        return bb_error_set(j->err, BB_ERR_CORRUPT, "JSON: unknown value type 0x%02x",
                            (unsigned)type);
    }
}

/* ---- JSON text -> BSON (MariaDB JSON columns) ---- */

struct jt {
    const unsigned char *p, *end;
    struct jconv *j;
    struct bb_buf *str;         /* an unescaped string */
};

static void jt_ws(struct jt *t)
{
    while (t->p < t->end && (*t->p == ' ' || *t->p == '\t' || *t->p == '\n' || *t->p == '\r'))
        t->p++;
}

static int hex4(const unsigned char *p, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char ch = p[i];
        int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
              : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v << 4 | (uint32_t)d;
    }
    *out = v;
    return 0;
}

/* A string into t->str (unescaped). Returns 0, or AS_TEXT when it is not
 * valid JSON. */
static int jt_string(struct jt *t)
{
    struct bb_buf *s = t->str;
    bb_buf_reset(s);
    if (t->p >= t->end || *t->p != '"')
        return AS_TEXT;
    t->p++;
    const unsigned char *run = t->p;
    for (;;) {
        if (t->p >= t->end)
            return AS_TEXT;
        unsigned char ch = *t->p;
        if (ch == '"' || ch == '\\') {
            bb_buf_append(s, run, (size_t)(t->p - run));
            if (ch == '"') {
                t->p++;
                break;
            }
            if (t->end - t->p < 2)
                return AS_TEXT;
            unsigned char e = t->p[1];
            t->p += 2;
            switch (e) {
            case '"': bb_buf_putc(s, '"'); break;
            case '\\': bb_buf_putc(s, '\\'); break;
            case '/': bb_buf_putc(s, '/'); break;
            case 'b': bb_buf_putc(s, '\b'); break;
            case 'f': bb_buf_putc(s, '\f'); break;
            case 'n': bb_buf_putc(s, '\n'); break;
            case 'r': bb_buf_putc(s, '\r'); break;
            case 't': bb_buf_putc(s, '\t'); break;
            case 'u': {
                uint32_t cp, lo;
                if (t->end - t->p < 4 || hex4(t->p, &cp) < 0)
                    return AS_TEXT;
                t->p += 4;
                if (cp >= 0xd800 && cp < 0xdc00) {
                    if (t->end - t->p < 6 || t->p[0] != '\\' || t->p[1] != 'u' ||
                        hex4(t->p + 2, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff)
                        return AS_TEXT;
                    t->p += 6;
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                } else if (cp >= 0xdc00 && cp < 0xe000) {
                    return AS_TEXT;
                }
                utf8_put(s, cp);
                break;
            }
            default:
                return AS_TEXT;
            }
            run = t->p;
        } else if (ch < 0x20) {
            return AS_TEXT;
        } else {
            t->p++;
        }
    }
    if (!utf8_valid((const uint8_t *)(s->len ? s->data : ""), s->len))
        return AS_TEXT;
    return bb_buf_check(s, t->j->err);
}

static int jt_number(struct jt *t, bson_t *parent, const char *key, size_t keylen)
{
    const unsigned char *start = t->p;
    bool integer = true;
    if (t->p < t->end && *t->p == '-')
        t->p++;
    const unsigned char *digits = t->p;
    while (t->p < t->end && *t->p >= '0' && *t->p <= '9')
        t->p++;
    size_t ndig = (size_t)(t->p - digits);
    if (ndig == 0 || (ndig > 1 && digits[0] == '0'))
        return AS_TEXT;
    if (t->p < t->end && *t->p == '.') {
        integer = false;
        t->p++;
        const unsigned char *f = t->p;
        while (t->p < t->end && *t->p >= '0' && *t->p <= '9')
            t->p++;
        if (t->p == f)
            return AS_TEXT;
    }
    if (t->p < t->end && (*t->p == 'e' || *t->p == 'E')) {
        integer = false;
        t->p++;
        if (t->p < t->end && (*t->p == '+' || *t->p == '-'))
            t->p++;
        const unsigned char *f = t->p;
        while (t->p < t->end && *t->p >= '0' && *t->p <= '9')
            t->p++;
        if (t->p == f)
            return AS_TEXT;
    }
    char buf[400];
    size_t n = (size_t)(t->p - start);
    if (n >= sizeof buf)
        return AS_TEXT;
    memcpy(buf, start, n);
    buf[n] = '\0';
    if (integer && ndig <= 19) {
        errno = 0;
        long long v = strtoll(buf, NULL, 10);
        if (errno == 0)
            return append_int_by_value(parent, key, keylen, v, t->j->err);
    }
    if (integer && ndig <= 34)
        return append_decimal_text(parent, key, keylen, buf, n, t->j->o, t->j->err);
    double d = strtod(buf, NULL);
    if (!isfinite(d))
        return append_decimal_text(parent, key, keylen, buf, n, t->j->o, t->j->err);
    return mongo_set_appended(bson_append_double(parent, key, (int)keylen, d), t->j->err);
}

static int jt_value(struct jt *t, bson_t *parent, const char *key, size_t keylen, int depth,
                    bool in_array)
{
    jt_ws(t);
    if (t->p >= t->end)
        return AS_TEXT;
    int k = (int)keylen, rc = 0;
    unsigned char ch = *t->p;
    if (ch == '{' || ch == '[') {
        bool object = ch == '{';
        if (depth > JSON_MAX_DEPTH || (!object && in_array && t->j->o->no_nested_arrays))
            return AS_TEXT;
        t->p++;
        bson_t child;
        bool ok = object ? bson_append_document_begin(parent, key, k, &child)
                         : bson_append_array_begin(parent, key, k, &child);
        if (!ok)
            return mongo_set_appended(false, t->j->err);
        jt_ws(t);
        uint32_t i = 0;
        if (t->p < t->end && *t->p == (object ? '}' : ']')) {
            t->p++;
        } else {
            for (;;) {
                char ibuf[16];
                const char *ck;
                size_t cklen;
                char *owned = NULL;
                if (object) {
                    jt_ws(t);
                    if ((rc = jt_string(t)) != 0)
                        break;
                    cklen = t->str->len;
                    if (!key_storable(t->j->o, cklen ? t->str->data : "", cklen)) {
                        rc = AS_TEXT;
                        break;
                    }
                    /* The key outlives the next string read: copy it. */
                    if (!(owned = malloc(cklen + 1))) {
                        rc = bb_error_set(t->j->err, BB_ERR_NOMEM, "out of memory");
                        break;
                    }
                    memcpy(owned, cklen ? t->str->data : "", cklen);
                    owned[cklen] = '\0';
                    ck = owned;
                    jt_ws(t);
                    if (t->p >= t->end || *t->p != ':') {
                        free(owned);
                        rc = AS_TEXT;
                        break;
                    }
                    t->p++;
                } else {
                    cklen = bson_uint32_to_string(i, &ck, ibuf, sizeof ibuf);
                }
                rc = jt_value(t, &child, ck, cklen, depth + 1, !object);
                free(owned);
                i++;
                if (rc != 0)
                    break;
                jt_ws(t);
                if (t->p < t->end && *t->p == ',') {
                    t->p++;
                    continue;
                }
                if (t->p < t->end && *t->p == (object ? '}' : ']')) {
                    t->p++;
                    break;
                }
                rc = AS_TEXT;
                break;
            }
        }
        ok = object ? bson_append_document_end(parent, &child)
                    : bson_append_array_end(parent, &child);
        if (rc == 0 && !ok)
            rc = mongo_set_appended(false, t->j->err);
        return rc;
    }
    if (ch == '"') {
        if ((rc = jt_string(t)) != 0)
            return rc;
        return mongo_set_appended(bson_append_utf8(parent, key, k, t->str->len ? t->str->data : "",
                                             (int)t->str->len), t->j->err);
    }
    if (ch == '-' || (ch >= '0' && ch <= '9'))
        return jt_number(t, parent, key, keylen);
    static const struct { const char *word; int what; } lits[] = {
        { "true", 1 }, { "false", 2 }, { "null", 0 },
    };
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(lits[i].word);
        if ((size_t)(t->end - t->p) >= n && memcmp(t->p, lits[i].word, n) == 0) {
            t->p += n;
            if (lits[i].what == 0)
                return mongo_set_appended(bson_append_null(parent, key, k), t->j->err);
            return mongo_set_appended(bson_append_bool(parent, key, k, lits[i].what == 1), t->j->err);
        }
    }
    return AS_TEXT;
}

/* Convert with fn into a scratch document first, so that a value that has
 * to be written as text leaves nothing half-appended; then copy it over. */
int mongo_append_json_text(bson_t *doc, const char *key, size_t keylen, const char *text,
                           size_t len, const struct mongo_value_opts *o, struct bb_error *err)
{
    struct bb_buf str;
    bb_buf_init(&str);
    struct jconv j = { o, &str, err };
    struct jt t = { (const unsigned char *)text, (const unsigned char *)text + len, &j, &str };
    bson_t tmp;
    bson_init(&tmp);
    int rc = jt_value(&t, &tmp, "v", 1, 0, false);
    if (rc == 0) {
        jt_ws(&t);
        if (t.p != t.end)
            rc = AS_TEXT;
    }
    if (rc == 0) {
        bson_iter_t it;
        if (!bson_iter_init_find(&it, &tmp, "v") ||
            !bson_append_iter(doc, key, (int)keylen, &it))
            rc = mongo_set_appended(false, err);
    }
    bson_destroy(&tmp);
    bb_buf_destroy(&str);
    return rc;
}

/* MySQL binary JSON: the value, or its text when it cannot be stored. */
static int append_json_binary(bson_t *doc, const char *key, size_t keylen,
                              const struct bb_value *v, const struct mongo_value_opts *o,
                              struct bb_buf *s, struct bb_error *err)
{
    if (v->v.str.len == 0)  /* an empty document reads as null, as in MySQL */
        return mongo_set_appended(bson_append_null(doc, key, (int)keylen), err);
    struct jconv j = { o, s, err };
    struct cursor c = cursor_make(v->v.str.p, v->v.str.len);
    uint8_t type = cursor_u8(&c);
    bson_t tmp;
    bson_init(&tmp);
    int rc = jb_value(&j, &tmp, "v", 1, type, &c, 0, false);
    if (rc == 0) {
        bson_iter_t it;
        if (!bson_iter_init_find(&it, &tmp, "v") ||
            !bson_append_iter(doc, key, (int)keylen, &it))
            rc = mongo_set_appended(false, err);
    }
    bson_destroy(&tmp);
    if (rc == AS_TEXT)
        return append_text_form(doc, key, keylen, v, s, err);
    return rc;
}

static int append_set(bson_t *doc, const char *key, size_t keylen, const struct bb_value *v,
                      bool as_id, struct bb_buf *s, struct bb_error *err)
{
    const struct bb_column *col = v->col;
    if (as_id)
        return append_text_form(doc, key, keylen, v, s, err);
    if (!col || !col->labels || col->nlabels == 0)     /* labels unknown: the bits */
        return append_u64(doc, key, keylen, v->v.u, &(struct mongo_value_opts){ 0 }, err);
    if (col->nlabels < 64 && (v->v.u >> col->nlabels))
        return bb_error_set(err, BB_ERR_CORRUPT, "SET value 0x%llx has bits beyond its %u labels",
                            (unsigned long long)v->v.u, (unsigned)col->nlabels);
    for (uint32_t i = 0; i < col->nlabels && i < 64; i++)
        if ((v->v.u >> i & 1) &&
            !utf8_valid((const uint8_t *)col->labels[i],
                        col->label_lens ? col->label_lens[i] : strlen(col->labels[i])))
            return append_text_form(doc, key, keylen, v, s, err);   /* BinData */
    bson_t arr;
    if (!bson_append_array_begin(doc, key, (int)keylen, &arr))
        return mongo_set_appended(false, err);
    uint32_t k = 0;
    for (uint32_t i = 0; i < col->nlabels && i < 64; i++) {
        if (!(v->v.u >> i & 1))
            continue;
        char ibuf[16];
        const char *ik;
        size_t ikl = bson_uint32_to_string(k++, &ik, ibuf, sizeof ibuf);
        bson_append_utf8(&arr, ik, (int)ikl, col->labels[i],
                         col->label_lens ? (int)col->label_lens[i] : -1);
    }
    return mongo_set_appended(bson_append_array_end(doc, &arr), err);
}

static int append_vector(bson_t *doc, const char *key, size_t keylen, const struct bb_value *v,
                         struct bb_buf *s, struct bb_error *err)
{
    if (v->v.str.len % 4)
        return bb_error_set(err, BB_ERR_CORRUPT, "VECTOR length %zu is not a multiple of 4",
                            v->v.str.len);
    bson_t arr;
    if (!bson_append_array_begin(doc, key, (int)keylen, &arr))
        return mongo_set_appended(false, err);
    for (size_t i = 0; i < v->v.str.len; i += 4) {
        const uint8_t *p = v->v.str.p + i;
        uint32_t bits = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                        (uint32_t)p[3] << 24;
        float f;
        memcpy(&f, &bits, 4);
        if (!isfinite(f)) {
            bson_append_array_end(doc, &arr);
            return bb_error_set(err, BB_ERR_CORRUPT, "VECTOR element %zu is not finite", i / 4);
        }
        char ibuf[16];
        const char *ik;
        size_t ikl = bson_uint32_to_string((uint32_t)(i / 4), &ik, ibuf, sizeof ibuf);
        bson_append_double(&arr, ik, (int)ikl, float_as_double(f, s));
    }
    return mongo_set_appended(bson_append_array_end(doc, &arr), err);
}

int mongo_append_value(bson_t *doc, const char *key, size_t keylen, const struct bb_value *v,
                       bool as_id, const struct mongo_value_opts *o, struct bb_buf *s,
                       struct bb_error *err)
{
    int k = (int)keylen;
    const struct bb_column *col = v->col;
    switch (v->kind) {
    case BB_VALUE_ABSENT:
        return bb_error_set(err, BB_ERR_USAGE, "an absent value has no BSON form");
    case BB_VALUE_NULL:
        return mongo_set_appended(bson_append_null(doc, key, k), err);
    case BB_VALUE_INT:
        if (col && col->type == MYSQL_TYPE_LONGLONG)
            return mongo_set_appended(bson_append_int64(doc, key, k, v->v.i), err);
        return append_int_by_value(doc, key, keylen, v->v.i, err);
    case BB_VALUE_UINT:
        if (col && (col->type == MYSQL_TYPE_LONG || col->type == MYSQL_TYPE_LONGLONG))
            return append_u64(doc, key, keylen, v->v.u, o, err);
        if (v->v.u <= INT32_MAX)
            return mongo_set_appended(bson_append_int32(doc, key, k, (int32_t)v->v.u), err);
        return append_u64(doc, key, keylen, v->v.u, o, err);
    case BB_VALUE_BIT:
        return append_u64(doc, key, keylen, v->v.u, o, err);
    case BB_VALUE_YEAR:
        return mongo_set_appended(bson_append_int32(doc, key, k, (int32_t)(v->v.u % 10000)), err);
    case BB_VALUE_FLOAT:
        if (!isfinite(v->v.f))
            return bb_error_set(err, BB_ERR_CORRUPT, "FLOAT value is not finite");
        return mongo_set_appended(bson_append_double(doc, key, k, float_as_double(v->v.f, s)), err);
    case BB_VALUE_DOUBLE:
        if (!isfinite(v->v.d))
            return bb_error_set(err, BB_ERR_CORRUPT, "DOUBLE value is not finite");
        return mongo_set_appended(bson_append_double(doc, key, k, v->v.d), err);
    case BB_VALUE_DECIMAL:
        return append_decimal_text(doc, key, keylen, (const char *)v->v.str.p, v->v.str.len, o,
                                   err);
    case BB_VALUE_DATE: case BB_VALUE_DATETIME: {
        if (o->dates_as_strings)
            return append_text_form(doc, key, keylen, v, s, err);
        const struct bb_time *t = &v->v.tm;
        if (!valid_date(t))
            return mongo_set_appended(bson_append_null(doc, key, k), err);
        int64_t ms = civil_to_days(t->year, t->month, t->day) * 86400000 +
                     (int64_t)t->hour * 3600000 + (int64_t)t->minute * 60000 +
                     (int64_t)t->second * 1000 + t->usec / 1000;
        return mongo_set_appended(bson_append_date_time(doc, key, k, ms), err);
    }
    case BB_VALUE_TIMESTAMP:
        if (o->dates_as_strings)
            return append_text_form(doc, key, keylen, v, s, err);
        if (v->v.ts.sec == 0 && v->v.ts.usec == 0)
            return mongo_set_appended(bson_append_null(doc, key, k), err);
        return mongo_set_appended(bson_append_date_time(doc, key, k, v->v.ts.sec * 1000 +
                                                  v->v.ts.usec / 1000), err);
    case BB_VALUE_TIME:
    case BB_VALUE_ENUM:
        return append_text_form(doc, key, keylen, v, s, err);
    case BB_VALUE_STRING: {
        bb_buf_reset(s);
        int rc = bb_value_format_text(v, s, err);
        if (rc < 0)
            return rc;
        const char *text = s->len ? s->data : "";
        if (!utf8_valid((const uint8_t *)text, s->len))   /* unknown charset, not UTF-8 */
            return mongo_set_appended(bson_append_binary(doc, key, k, BSON_SUBTYPE_BINARY,
                                                   v->v.str.p, (uint32_t)v->v.str.len), err);
        if (col && col->json_text && !as_id &&
            (rc = mongo_append_json_text(doc, key, keylen, text, s->len, o, err)) != AS_TEXT)
            return rc;
        return mongo_set_appended(bson_append_utf8(doc, key, k, text, (int)s->len), err);
    }
    case BB_VALUE_BINARY:
        return mongo_set_appended(bson_append_binary(doc, key, k, BSON_SUBTYPE_BINARY, v->v.str.p,
                                               (uint32_t)v->v.str.len), err);
    case BB_VALUE_SET:
        return append_set(doc, key, keylen, v, as_id, s, err);
    case BB_VALUE_JSON:
        return append_json_binary(doc, key, keylen, v, o, s, err);
    case BB_VALUE_JSON_DIFF:
        return bb_error_set(err, BB_ERR_USAGE, "a partial JSON update "
                            "(binlog_row_value_options=PARTIAL_JSON) cannot be applied without "
                            "the old document");
    case BB_VALUE_GEOMETRY:
        return mongo_append_geometry(doc, key, keylen, v, o, err);
    case BB_VALUE_VECTOR:
        return append_vector(doc, key, keylen, v, s, err);
    default:
        return bb_error_set(err, BB_ERR_USAGE, "value of unknown kind %u", (unsigned)v->kind);
    }
}
