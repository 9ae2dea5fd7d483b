/* json_binary.c - MySQL's binary JSON (the JSON column type): the one
 * walker of its documents (json_binary_walk), and on it their text; the
 * documents written from JSON text (the snapshot's, from a SELECT); the
 * JSON diffs of PARTIAL_UPDATE_ROWS_EVENT as text.
 *
 * The text is what MySQL 8's Json_wrapper::to_string() prints (SELECT of a
 * JSON column, JSON_EXTRACT): `{"a": 1, "b": [1, 2.5, "x"]}`, with ": "
 * after keys and ", " between elements, keys in stored order, strings
 * escaped like MySQL's double_quote(), doubles in my_gcvt() form with
 * ".0" appended when they would otherwise look like integers, DECIMAL
 * opaque values as bare numbers, DATE/TIME/DATETIME/TIMESTAMP opaque
 * values as quoted strings with 6 fraction digits (my_TIME_to_str(t, 6)),
 * VAR_STRING opaque values as strings, and any other opaque value as
 * "base64:typeNN:<base64 of the bytes>". */
#include "values/json_binary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/cursor.h"
#include "base/error.h"
#include "base/format_number.h"
#include "base/json_text.h"
#include "base/utf8.h"
#include "binlog/decode_value.h"

/* Nesting deeper than this is refused as corrupt (MySQL's limit is 100),
 * which bounds the recursion below. */
#define JSON_MAX_DEPTH 150

static int corrupt(struct bb_error *err, const char *why)
{
    return bb_error_set(err, BB_ERR_CORRUPT, "JSON: %s", why);
}

/* Variable-length length: 7 bits per byte, least significant first, high
 * bit set on all but the last byte; at most 5 bytes (32 bits). */
static int read_varlen(struct cursor *c, uint32_t *out, struct bb_error *err)
{
    uint64_t v = 0;
    for (int i = 0; i < 5; i++) {
        if (cursor_left(c) < 1)
            return corrupt(err, "variable-length size truncated");
        uint8_t b = cursor_u8(c);
        v |= (uint64_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80)) {
            if (v > UINT32_MAX)
                return corrupt(err, "variable-length size too large");
            *out = (uint32_t)v;
            return 0;
        }
    }
    return corrupt(err, "variable-length size longer than 5 bytes");
}

static int put_json_string(struct bb_buf *out, const uint8_t *p, size_t n, struct bb_error *err)
{
    if (!utf8_valid(p, n))
        return corrupt(err, "string is not valid UTF-8");
    bb_buf_putc(out, '"');
    bb_buf_put_json_escaped(out, (const char *)p, n);
    bb_buf_putc(out, '"');
    return 0;
}

/* Opaque DATE/TIME/DATETIME/TIMESTAMP: 8 bytes little-endian signed
 * "packed" value, (int part << 24) + microseconds, where the int part is
 *   DATE/DATETIME/TIMESTAMP: (year * 13 + month) << 22 | day << 17 |
 *                            hour << 12 | minute << 6 | second
 *   TIME:                    hour << 12 | minute << 6 | second (sign = neg)
 * printed quoted with six fraction digits (DATE without a time): the text
 * form of the value (format_value.c) in a column of fsp 6. */
static int put_packed_temporal(uint8_t ftype, const uint8_t *p, size_t n, struct bb_buf *out,
                               struct bb_error *err)
{
    static const struct bb_column fsp6 = { .fsp = 6 };
    if (n < 8)
        return corrupt(err, "packed temporal value shorter than 8 bytes");
    uint64_t u = 0;
    for (int i = 7; i >= 0; i--)
        u = u << 8 | p[i];
    int64_t v = (int64_t)u;
    bool neg = v < 0;
    uint64_t a = neg ? (uint64_t)0 - u : u;
    uint32_t usec = (uint32_t)(a & 0xffffff);
    uint64_t ip = a >> 24;
    if (usec > 999999)
        return corrupt(err, "packed temporal microseconds out of range");

    struct bb_value val = { .col = &fsp6 };
    struct bb_time *t = &val.v.tm;
    t->usec = usec;
    if (ftype == MYSQL_TYPE_TIME) {
        t->hour = (uint32_t)((ip >> 12) & 0x3ff);
        t->minute = (uint8_t)((ip >> 6) & 63);
        t->second = (uint8_t)(ip & 63);
        if (t->minute > 59 || t->second > 59 || (ip >> 22))
            return corrupt(err, "packed TIME out of range");
        t->neg = neg;
        val.kind = BB_VALUE_TIME;
    } else {
        if (neg)
            return corrupt(err, "packed date is negative");
        uint64_t ymd = ip >> 17, hms = ip & 0x1ffff, ym = ymd >> 5;
        uint64_t year = ym / 13;
        t->day = (uint8_t)(ymd & 31);
        t->month = (uint8_t)(ym % 13);
        t->second = (uint8_t)(hms & 63);
        t->minute = (uint8_t)((hms >> 6) & 63);
        uint64_t hour = hms >> 12;
        if (year > 9999 || hour > 23 || t->minute > 59 || t->second > 59)
            return corrupt(err, "packed date out of range");
        t->year = (uint32_t)year;
        t->hour = (uint32_t)hour;
        val.kind = ftype == MYSQL_TYPE_DATE ? BB_VALUE_DATE : BB_VALUE_DATETIME;
    }
    bb_buf_putc(out, '"');
    int rc = bb_value_format_text(&val, out, err);
    bb_buf_putc(out, '"');
    return rc;
}

/* Opaque DECIMAL: precision byte, scale byte, then the decimal in
 * MySQL's binary form, printed bare like decimal2string()
 * (decimal_bin_to_text, as the decoder prints DECIMAL columns). */
static int put_opaque_decimal(const uint8_t *p, size_t n, struct bb_buf *out, struct bb_error *err)
{
    if (n < 2)
        return corrupt(err, "DECIMAL value without precision and scale");
    unsigned prec = p[0], scale = p[1];
    if (prec < 1 || prec > 65 || scale > 30 || scale > prec)
        return corrupt(err, "DECIMAL precision or scale out of range");
    if (n - 2 < decimal_bin_size(prec, scale))
        return corrupt(err, "DECIMAL value truncated");
    char text[DECIMAL_TEXT_MAX(65)];
    int len = decimal_bin_to_text(prec, scale, p + 2, text, err);
    if (len < 0) {
        bb_error_prefix(err, "JSON");
        return len;
    }
    bb_buf_append(out, text, (size_t)len);
    return 0;
}

int json_binary_opaque_to_text(uint8_t mysql_type, const uint8_t *p, size_t n, struct bb_buf *out,
                               struct bb_error *err)
{
    int rc = 0;
    switch (mysql_type) {
    case MYSQL_TYPE_NEWDECIMAL:
        rc = put_opaque_decimal(p, n, out, err);
        break;
    case MYSQL_TYPE_DATE: case MYSQL_TYPE_TIME: case MYSQL_TYPE_DATETIME: case MYSQL_TYPE_TIMESTAMP:
        rc = put_packed_temporal(mysql_type, p, n, out, err);
        break;
    case MYSQL_TYPE_VAR_STRING:
        rc = put_json_string(out, p, n, err);
        break;
    default:
        bb_buf_puts(out, "\"base64:type");
        bb_buf_put_u64(out, mysql_type);
        bb_buf_putc(out, ':');
        bb_buf_put_base64(out, p, n);
        bb_buf_putc(out, '"');
        break;
    }
    return rc < 0 ? rc : bb_buf_check(out, err);
}

/* JSON doubles: my_gcvt() form, plus ".0" when that has neither a point
 * nor an exponent (MySQL 8 json_dom.cc). */
static int put_json_double(double d, struct bb_buf *out, struct bb_error *err)
{
    if (!isfinite(d))
        return corrupt(err, "double is not finite");
    size_t start = out->len;
    format_double(d, out);
    if (out->oom)
        return 0;
    bool plain = true;
    for (size_t i = start; i < out->len; i++)
        if (out->data[i] == '.' || out->data[i] == 'e')
            plain = false;
    if (plain)
        bb_buf_append(out, ".0", 2);
    return 0;
}

/* ------------------------------------------------------------------ */
/* The walker                                                          */

/* Values a container keeps in its value entry instead of at an offset. */
static bool inlined(uint8_t type, bool large)
{
    return type == JSONB_LITERAL || type == JSONB_INT16 || type == JSONB_UINT16 ||
           (large && (type == JSONB_INT32 || type == JSONB_UINT32));
}

/* The length of a value stored at c (not inlined), read from its first
 * bytes without walking it: fixed for numbers, the length prefix of
 * strings and opaque values, the size field of containers. */
static int stored_length(uint8_t type, struct cursor *c, uint64_t *len, struct bb_error *err)
{
    uint32_t n;
    switch (type) {
    case JSONB_SMALL_OBJECT: case JSONB_SMALL_ARRAY:
    case JSONB_LARGE_OBJECT: case JSONB_LARGE_ARRAY: {
        int ob = type == JSONB_LARGE_OBJECT || type == JSONB_LARGE_ARRAY ? 4 : 2;
        if (cursor_left(c) < (size_t)ob * 2)
            return corrupt(err, "container header truncated");
        cursor_skip(c, (size_t)ob);
        *len = cursor_uint_le(c, ob);
        if (*len > c->len)
            return corrupt(err, "container size exceeds its document");
        if (*len < (uint64_t)ob * 2)
            return corrupt(err, "container entries exceed its size");
        return 0;
    }
    case JSONB_LITERAL:
        *len = 1;
        return cursor_left(c) < 1 ? corrupt(err, "literal truncated") : 0;
    case JSONB_INT16: case JSONB_UINT16:
        *len = 2;
        return cursor_left(c) < 2 ? corrupt(err, "int16 truncated") : 0;
    case JSONB_INT32: case JSONB_UINT32:
        *len = 4;
        return cursor_left(c) < 4 ? corrupt(err, "int32 truncated") : 0;
    case JSONB_INT64: case JSONB_UINT64:
        *len = 8;
        return cursor_left(c) < 8 ? corrupt(err, "int64 truncated") : 0;
    case JSONB_DOUBLE:
        *len = 8;
        return cursor_left(c) < 8 ? corrupt(err, "double truncated") : 0;
    case JSONB_STRING:
        if (read_varlen(c, &n, err) < 0)
            return BB_ERR_CORRUPT;
        if (n > cursor_left(c))
            return corrupt(err, "string longer than its document");
        *len = c->off + n;
        return 0;
    case JSONB_OPAQUE:
        if (cursor_left(c) < 1)
            return corrupt(err, "opaque value truncated");
        cursor_skip(c, 1);
        if (read_varlen(c, &n, err) < 0)
            return BB_ERR_CORRUPT;
        if (n > cursor_left(c))
            return corrupt(err, "opaque value longer than its document");
        *len = c->off + n;
        return 0;
    default:
        return bb_error_set(err, BB_ERR_CORRUPT, "JSON: unknown value type 0x%02x", (unsigned)type);
    }
}

/* Every key and every value that is not inlined lies in a byte range of
 * its own, after the entry tables, in entry order: that is how MySQL
 * lays out what it writes (json_binary.cc serialize_json_object/array,
 * and an in-place partial update only moves a value within the free space
 * between its neighbours, leaving gaps). Entries sharing or overlapping a
 * child would let a walker visit it once per path to it: twenty levels of
 * two entries naming one child are 2^20 visits of a 200-byte document.
 *
 * Checks the object or array of type `type` whose count field starts
 * p[0..n) (n: what its document has left): its header and entry tables
 * fit in it, and its keys and values lie as above. Gives its element
 * count and byte size. */
static int check_container(uint8_t type, const uint8_t *p, size_t n, uint64_t *countp,
                           uint64_t *sizep, struct bb_error *err)
{
    bool large = type == JSONB_LARGE_OBJECT || type == JSONB_LARGE_ARRAY;
    bool object = type == JSONB_SMALL_OBJECT || type == JSONB_LARGE_OBJECT;
    int ob = large ? 4 : 2;
    if (n < (size_t)ob * 2)
        return corrupt(err, "container header truncated");
    struct cursor h = cursor_make(p, n);
    uint64_t count = cursor_uint_le(&h, ob);
    uint64_t size = cursor_uint_le(&h, ob);
    if (size > n)
        return corrupt(err, "container size exceeds its document");
    size_t key_entry = object ? (size_t)ob + 2 : 0;
    size_t val_entry = 1 + (size_t)ob;
    if (count > size || (size_t)ob * 2 + count * (key_entry + val_entry) > size)
        return corrupt(err, "container entries exceed its size");
    *countp = count;
    *sizep = size;

    /* low: the lowest offset the next key or value may start at. */
    uint64_t low = (size_t)ob * 2 + count * (key_entry + val_entry);
    struct cursor ke = cursor_make(p + (size_t)ob * 2, (size_t)(count * key_entry));
    for (uint64_t i = 0; object && i < count; i++) {
        uint64_t koff = cursor_uint_le(&ke, ob);
        uint64_t klen = cursor_u16le(&ke);
        if (koff > size || klen > size - koff)
            return corrupt(err, "object key outside its object");
        if (koff < low)
            return bb_error_set(err, BB_ERR_CORRUPT,
                                "JSON: key %llu at offset %llu of its object overlaps the "
                                "entries or the key before it", (unsigned long long)i,
                                (unsigned long long)koff);
        low = koff + klen;
    }
    struct cursor ve = cursor_make(p + (size_t)ob * 2 + count * key_entry,
                                   (size_t)(count * val_entry));
    for (uint64_t i = 0; i < count; i++) {
        uint8_t vt = cursor_u8(&ve);
        uint64_t voff = cursor_uint_le(&ve, ob);
        if (inlined(vt, large))
            continue;
        if (voff >= size)
            return corrupt(err, "value offset outside its container");
        if (voff < low)
            return bb_error_set(err, BB_ERR_CORRUPT,
                                "JSON: value %llu at offset %llu of its %s overlaps the %s "
                                "before it (MySQL never shares or overlaps values)",
                                (unsigned long long)i, (unsigned long long)voff,
                                object ? "object" : "array",
                                i == 0 ? (object ? "keys" : "entries") : "value");
        struct cursor vc = cursor_make(p + voff, (size_t)(size - voff));
        uint64_t len = 0;
        if (stored_length(vt, &vc, &len, err) < 0)
            return BB_ERR_CORRUPT;
        low = voff + len;
    }
    return 0;
}

int json_binary_check_container(uint8_t type, const uint8_t *p, size_t n, struct bb_error *err)
{
    uint64_t count, size;
    if (type != JSONB_SMALL_OBJECT && type != JSONB_LARGE_OBJECT && type != JSONB_SMALL_ARRAY &&
        type != JSONB_LARGE_ARRAY)
        return corrupt(err, "not an object or an array");
    return check_container(type, p, n, &count, &size, err);
}

struct walk {
    const struct json_binary_visitor *v;
    void *ctx;
    struct bb_error *err;
    const uint8_t *doc;
    size_t at;          /* where the value being read starts in doc, for errors */
};

static int walk_value(struct walk *w, uint8_t type, struct cursor *c, int depth);

/* Object or array (small: 2-byte counts and offsets; large: 4-byte):
 *   element count, total size in bytes (from the count field on),
 *   objects: key entries (offset, 2-byte length) x count,
 *   value entries (type byte, inline value or offset) x count,
 *   then keys and the values that are not inline.
 * Offsets count from the start of the container (the count field).
 * Inline: literals, int16, uint16, and in large containers int32, uint32. */
static int walk_container(struct walk *w, uint8_t type, struct cursor *c, int depth)
{
    struct bb_error *err = w->err;
    bool large = type == JSONB_LARGE_OBJECT || type == JSONB_LARGE_ARRAY;
    bool object = type == JSONB_SMALL_OBJECT || type == JSONB_LARGE_OBJECT;
    int ob = large ? 4 : 2;
    if (depth > JSON_MAX_DEPTH)
        return corrupt(err, "nesting too deep");
    const uint8_t *base = cursor_here(c);
    uint64_t count = 0, size = 0;
    if (check_container(type, base, cursor_left(c), &count, &size, err) < 0)
        return BB_ERR_CORRUPT;
    cursor_skip(c, (size_t)size);
    size_t key_entry = object ? (size_t)ob + 2 : 0;
    size_t val_entry = 1 + (size_t)ob;

    int rc = object ? w->v->object_begin(w->ctx, (uint32_t)count)
                    : w->v->array_begin(w->ctx, (uint32_t)count);
    if (rc)
        return rc;
    for (uint64_t i = 0; i < count; i++) {
        w->at = (size_t)(base - w->doc);    /* its entries: this container's */
        if (object) {
            struct cursor ke = cursor_make(base + (size_t)ob * 2 + i * key_entry, key_entry);
            uint64_t koff = cursor_uint_le(&ke, ob);
            uint64_t klen = cursor_u16le(&ke);
            if (koff > size || klen > size - koff)
                return corrupt(err, "object key outside its object");
            if (!utf8_valid(base + koff, (size_t)klen))
                return corrupt(err, "object key is not valid UTF-8");
            if ((rc = w->v->key(w->ctx, (const char *)base + koff, (size_t)klen)) != 0)
                return rc;
        }
        struct cursor ve = cursor_make(base + (size_t)ob * 2 + count * key_entry + i * val_entry,
                                       val_entry);
        uint8_t vt = cursor_u8(&ve);
        if (inlined(vt, large)) {
            rc = walk_value(w, vt, &ve, depth + 1);
        } else {
            uint64_t voff = cursor_uint_le(&ve, ob);
            if (voff >= size)
                return corrupt(err, "value offset outside its container");
            struct cursor vc = cursor_make(base + voff, (size_t)(size - voff));
            rc = walk_value(w, vt, &vc, depth + 1);
        }
        if (rc)
            return rc;
    }
    return w->v->end(w->ctx, object);
}

/* The value of type `type` at c: an object or array, or a scalar: a
 * literal's byte; little-endian integers of 2, 4 or 8 bytes; an 8-byte
 * double; a string's variable length and bytes; an opaque value's MySQL
 * type byte, variable length and bytes. */
static int walk_value(struct walk *w, uint8_t type, struct cursor *c, int depth)
{
    struct bb_error *err = w->err;
    w->at = (size_t)(cursor_here(c) - w->doc);
    switch (type) {
    case JSONB_SMALL_OBJECT: case JSONB_LARGE_OBJECT:
    case JSONB_SMALL_ARRAY: case JSONB_LARGE_ARRAY:
        return walk_container(w, type, c, depth);
    case JSONB_LITERAL: {
        if (cursor_left(c) < 1)
            return corrupt(err, "literal truncated");
        uint8_t v = cursor_u8(c);
        if (v != JSONB_NULL && v != JSONB_TRUE && v != JSONB_FALSE)
            return corrupt(err, "unknown literal");
        return w->v->literal(w->ctx, (enum json_binary_literal)v);
    }
    case JSONB_INT16: case JSONB_UINT16: case JSONB_INT32: case JSONB_UINT32:
    case JSONB_INT64: case JSONB_UINT64: {
        /* INT16 .. UINT64: 2, 4, 8 bytes, each signed then unsigned */
        static const char *const truncated[3] = { "int16 truncated", "int32 truncated",
                                                  "int64 truncated" };
        unsigned k = (unsigned)(type - JSONB_INT16) / 2;
        int width = 2 << k;
        if (cursor_left(c) < (size_t)width)
            return corrupt(err, truncated[k]);
        uint64_t u = cursor_uint_le(c, width);
        if ((type - JSONB_INT16) % 2)
            return w->v->uint64(w->ctx, u);
        int64_t i = k == 0 ? (int16_t)u : k == 1 ? (int32_t)u : (int64_t)u;
        return w->v->int64(w->ctx, i);
    }
    case JSONB_DOUBLE: {
        if (cursor_left(c) < 8)
            return corrupt(err, "double truncated");
        uint64_t bits = cursor_u64le(c);
        double d;
        memcpy(&d, &bits, 8);
        if (!isfinite(d))
            return corrupt(err, "double is not finite");
        return w->v->float64(w->ctx, d);
    }
    case JSONB_STRING: {
        uint32_t len;
        if (read_varlen(c, &len, err) < 0)
            return BB_ERR_CORRUPT;
        if (len > cursor_left(c))
            return corrupt(err, "string longer than its document");
        const uint8_t *p = cursor_bytes(c, len);
        if (!utf8_valid(p, len))
            return corrupt(err, "string is not valid UTF-8");
        return w->v->string(w->ctx, (const char *)p, len);
    }
    case JSONB_OPAQUE: {
        if (cursor_left(c) < 1)
            return corrupt(err, "opaque value truncated");
        uint8_t ftype = cursor_u8(c);
        uint32_t len;
        if (read_varlen(c, &len, err) < 0)
            return BB_ERR_CORRUPT;
        if (len > cursor_left(c))
            return corrupt(err, "opaque value longer than its document");
        return w->v->opaque(w->ctx, ftype, cursor_bytes(c, len), len);
    }
    default:
        return bb_error_set(err, BB_ERR_CORRUPT, "JSON: unknown value type 0x%02x", (unsigned)type);
    }
}

/* A document is one type byte and the value. A corrupt one's error says
 * where: the value (or the object or array whose entries) it was reading,
 * by its first byte in the document. */
int json_binary_walk(const uint8_t *p, size_t n, const struct json_binary_visitor *v, void *ctx,
                     struct bb_error *err)
{
    if (n == 0)
        return v->literal(ctx, JSONB_NULL);
    struct walk w = { v, ctx, err, p, 0 };
    struct cursor c = cursor_make(p, n);
    uint8_t type = cursor_u8(&c);
    bool clear = err && err->code == 0;
    int rc = walk_value(&w, type, &c, 0);
    if (rc == BB_ERR_CORRUPT && clear && err->code == BB_ERR_CORRUPT)
        bb_error_suffix(err, ", in the value at byte %zu of the document (%zu bytes)", w.at, n);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Text                                                                */

/* The walk's text so far: first, nothing written yet in the innermost
 * open container (or at all); after_key, a key was just written. */
struct text_out {
    struct bb_buf *out;
    struct bb_error *err;
    bool first, after_key;
};

/* Before a member: ", " unless it is the first or follows its key. */
static void text_sep(struct text_out *t)
{
    if (t->after_key)
        t->after_key = false;
    else if (!t->first)
        bb_buf_append(t->out, ", ", 2);
    t->first = false;
}

static int text_object_begin(void *ctx, uint32_t count)
{
    struct text_out *t = ctx;
    text_sep(t);
    bb_buf_putc(t->out, '{');
    t->first = true;
    return 0;
}

static int text_array_begin(void *ctx, uint32_t count)
{
    struct text_out *t = ctx;
    text_sep(t);
    bb_buf_putc(t->out, '[');
    t->first = true;
    return 0;
}

static int text_key(void *ctx, const char *key, size_t n)
{
    struct text_out *t = ctx;
    text_sep(t);
    bb_buf_putc(t->out, '"');
    bb_buf_put_json_escaped(t->out, key, n);
    bb_buf_append(t->out, "\": ", 3);
    t->after_key = true;
    return 0;
}

static int text_end(void *ctx, bool object)
{
    struct text_out *t = ctx;
    bb_buf_putc(t->out, object ? '}' : ']');
    t->first = false;
    return 0;
}

static int text_literal(void *ctx, enum json_binary_literal v)
{
    struct text_out *t = ctx;
    text_sep(t);
    if (v == JSONB_NULL)
        bb_buf_append(t->out, "null", 4);
    else if (v == JSONB_TRUE)
        bb_buf_append(t->out, "true", 4);
    else
        bb_buf_append(t->out, "false", 5);
    return 0;
}

static int text_int64(void *ctx, int64_t v)
{
    struct text_out *t = ctx;
    text_sep(t);
    bb_buf_put_i64(t->out, v);
    return 0;
}

static int text_uint64(void *ctx, uint64_t v)
{
    struct text_out *t = ctx;
    text_sep(t);
    bb_buf_put_u64(t->out, v);
    return 0;
}

static int text_float64(void *ctx, double v)
{
    struct text_out *t = ctx;
    text_sep(t);
    return put_json_double(v, t->out, t->err);
}

static int text_string(void *ctx, const char *p, size_t n)
{
    struct text_out *t = ctx;
    text_sep(t);
    bb_buf_putc(t->out, '"');
    bb_buf_put_json_escaped(t->out, p, n);
    bb_buf_putc(t->out, '"');
    return 0;
}

static int text_opaque(void *ctx, uint8_t mysql_type, const uint8_t *p, size_t n)
{
    struct text_out *t = ctx;
    text_sep(t);
    return json_binary_opaque_to_text(mysql_type, p, n, t->out, t->err);
}

static const struct json_binary_visitor text_visitor = {
    text_object_begin, text_array_begin, text_key, text_end, text_literal,
    text_int64, text_uint64, text_float64, text_string, text_opaque,
};

int json_binary_to_text(const uint8_t *p, size_t n, struct bb_buf *out, struct bb_error *err)
{
    struct text_out t = { out, err, true, false };
    size_t before = out->len;
    int rc = json_binary_walk(p, n, &text_visitor, &t, err);
    if (rc < 0) {
        bb_buf_cut(out, before);
        return rc;
    }
    return bb_buf_check(out, err);
}

/* ------------------------------------------------------------------ */
/* Documents from JSON text                                            */
/*
 * MySQL sends a JSON column as text; the binlog has its binary form,
 * which the snapshot hands on like the decoder does. The text is what
 * MySQL's own rendering of that binary form prints, so encoding it back
 * gives a document that renders identically: objects keep the text's key
 * order (MySQL sorts keys when it stores them and prints them in that
 * order), integers that fit int64 are INT64, larger ones UINT64, other
 * numbers DOUBLE (MySQL prints doubles so that they read back exactly).
 * Everything is written in the large format (4-byte counts and offsets)
 * with only literals inline, which the walker reads like MySQL's own
 * choice of sizes. What cannot round-trip: DECIMAL values inside a JSON
 * document (printed as bare numbers, read back as doubles), and the
 * opaque temporal values (printed as strings, read back as strings, which
 * render the same text). */

/* Nesting deeper than this is refused (MySQL's limit is 100). */
#define JSON_TEXT_DEPTH 101

static void put_le(struct bb_buf *b, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        bb_buf_putc(b, (char)(v >> (8 * i)));
}

static void put_varlen(struct bb_buf *b, size_t n)
{
    do {
        uint8_t byte = n & 0x7f;
        n >>= 7;
        if (n)
            byte |= 0x80;
        bb_buf_putc(b, (char)byte);
    } while (n);
}

static int text_fail(const struct json_token *t, struct bb_error *err, const char *why)
{
    return bb_error_set(err, BB_ERR_CORRUPT, "JSON text: %s at offset %zu", why, t->offset);
}

/* The value whose first token is t: its type byte in *type, its bytes
 * (for a literal, the one byte of its value) appended to out. */
static int from_text_value(struct json_reader *r, const struct json_token *t, uint8_t *type,
                           struct bb_buf *out, struct bb_error *err);

static int from_text_container(struct json_reader *r, bool object, struct bb_buf *out,
                               struct bb_error *err)
{
    struct bb_buf keys, vals;
    bb_buf_init(&keys);
    bb_buf_init(&vals);
    /* per element: key offset/length in keys, type, value offset/length in vals */
    struct elem { size_t koff, klen, voff, vlen; uint8_t type; } *el = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    for (;;) {
        struct json_token t;
        if ((rc = json_reader_next(r, &t, err)) < 0)
            break;
        if (t.kind == JSON_TOKEN_OBJECT_END || t.kind == JSON_TOKEN_ARRAY_END)
            break;
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            struct elem *e2 = realloc(el, cap * sizeof *el);
            if (!e2) {
                rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
                break;
            }
            el = e2;
        }
        struct elem *e = &el[n];
        memset(e, 0, sizeof *e);
        if (object) {   /* t is the key */
            if (t.n > 0xffff) {
                rc = text_fail(&t, err, "key longer than 65535 bytes");
                break;
            }
            e->koff = keys.len;
            e->klen = t.n;
            bb_buf_append(&keys, t.p, t.n);
            if ((rc = json_reader_next(r, &t, err)) < 0)
                break;
        }
        e->voff = vals.len;
        if ((rc = from_text_value(r, &t, &e->type, &vals, err)) < 0)
            break;
        e->vlen = vals.len - e->voff;
        n++;
    }
    if (rc == 0 && (keys.oom || vals.oom))
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    if (rc == 0) {
        /* count, size, key entries (4 offset, 2 length), value entries
         * (1 type, 4 inline value or offset), keys, values */
        size_t head = 8 + n * (object ? 6 : 0) + n * 5;
        size_t inline_vals = 0;
        for (size_t i = 0; i < n; i++)
            if (el[i].type == JSONB_LITERAL)
                inline_vals += el[i].vlen;
        size_t size = head + keys.len + vals.len - inline_vals;
        if (size > UINT32_MAX) {
            rc = bb_error_set(err, BB_ERR_CORRUPT, "JSON text: document larger than 4 GB");
        } else {
            put_le(out, n, 4);
            put_le(out, size, 4);
            size_t koff = head;
            for (size_t i = 0; object && i < n; i++) {
                put_le(out, koff + el[i].koff, 4);
                put_le(out, el[i].klen, 2);
            }
            size_t voff = head + keys.len;
            for (size_t i = 0; i < n; i++) {
                bb_buf_putc(out, (char)el[i].type);
                if (el[i].type == JSONB_LITERAL) {
                    put_le(out, (uint8_t)vals.data[el[i].voff], 4);
                } else {
                    put_le(out, voff, 4);
                    voff += el[i].vlen;
                }
            }
            if (keys.len)
                bb_buf_append(out, keys.data, keys.len);
            for (size_t i = 0; i < n; i++)
                if (el[i].type != JSONB_LITERAL)
                    bb_buf_append(out, vals.data + el[i].voff, el[i].vlen);
        }
    }
    free(el);
    bb_buf_destroy(&keys);
    bb_buf_destroy(&vals);
    return rc;
}

static int from_text_value(struct json_reader *r, const struct json_token *t, uint8_t *type,
                           struct bb_buf *out, struct bb_error *err)
{
    switch (t->kind) {
    case JSON_TOKEN_OBJECT_BEGIN: case JSON_TOKEN_ARRAY_BEGIN: {
        bool object = t->kind == JSON_TOKEN_OBJECT_BEGIN;
        *type = object ? JSONB_LARGE_OBJECT : JSONB_LARGE_ARRAY;
        return from_text_container(r, object, out, err);
    }
    case JSON_TOKEN_STRING:
        *type = JSONB_STRING;
        put_varlen(out, t->n);
        bb_buf_append(out, t->p, t->n);
        return 0;
    case JSON_TOKEN_NUMBER: {
        if (t->num == JSON_NUMBER_INT) {
            *type = JSONB_INT64;
            put_le(out, (uint64_t)t->i, 8);
            return 0;
        }
        if (t->num == JSON_NUMBER_UINT) {
            *type = JSONB_UINT64;
            put_le(out, t->u, 8);
            return 0;
        }
        double d;
        if (json_number_double(t, &d) < 0 || !isfinite(d))
            return text_fail(t, err, "number out of a double's range");
        uint64_t bits;
        memcpy(&bits, &d, 8);
        *type = JSONB_DOUBLE;
        put_le(out, bits, 8);
        return 0;
    }
    case JSON_TOKEN_NULL: case JSON_TOKEN_TRUE: case JSON_TOKEN_FALSE:
        *type = JSONB_LITERAL;
        bb_buf_putc(out, (char)(t->kind == JSON_TOKEN_NULL ? JSONB_NULL
                                : t->kind == JSON_TOKEN_TRUE ? JSONB_TRUE : JSONB_FALSE));
        return 0;
    default:    /* the reader gives a value here, or an error */
        return text_fail(t, err, "expected a value");
    }
}

int json_binary_from_text(const char *text, size_t n, struct bb_buf *out, struct bb_error *err)
{
    struct json_reader r;
    struct json_token t;
    size_t before = out->len;
    json_reader_init(&r, text, n, JSON_TEXT_DEPTH, JSON_READ_DECODE);
    bb_buf_putc(out, 0);    /* the type byte, known once the value is read */
    uint8_t type = 0;
    int rc = json_reader_next(&r, &t, err);
    if (rc == 0)
        rc = from_text_value(&r, &t, &type, out, err);
    if (rc == 0)
        rc = json_reader_next(&r, &t, err);     /* the end, or text after the value */
    json_reader_destroy(&r);
    if (rc == 0)
        rc = bb_buf_check(out, err);
    if (rc < 0) {
        bb_buf_cut(out, before);
        return rc;
    }
    out->data[before] = (char)type;
    return 0;
}

/* ------------------------------------------------------------------ */
/* JSON diffs (PARTIAL_UPDATE_ROWS_EVENT, binlog_row_value_options=PARTIAL_JSON) */

/* Length-encoded integer as in the client protocol (net_field_length):
 * < 251 itself; 252 + 2 bytes; 253 + 3 bytes; 254 + 8 bytes. */
static int read_netlen(struct cursor *c, uint64_t *out, struct bb_error *err)
{
    if (cursor_left(c) < 1)
        return corrupt(err, "diff length truncated");
    uint8_t b = cursor_here(c)[0];
    size_t need = b < 0xfb ? 1 : b == 0xfc ? 3 : b == 0xfd ? 4 : b == 0xfe ? 9 : 0;
    if (need == 0)
        return corrupt(err, "diff length has an invalid first byte");
    if (cursor_left(c) < need)
        return corrupt(err, "diff length truncated");
    *out = cursor_lenenc(c);
    return 0;
}

static void put_sql_quoted(struct bb_buf *out, const uint8_t *p, size_t n)
{
    bb_buf_putc(out, '\'');
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\'' || p[i] == '\\')
            bb_buf_putc(out, '\\');
        bb_buf_putc(out, (char)p[i]);
    }
    bb_buf_putc(out, '\'');
}

/* The diff list is a sequence of
 *   operation (1 byte: 0 REPLACE, 1 INSERT, 2 REMOVE),
 *   path length (length-encoded) and path (JSON path text, e.g. $.a[2]),
 *   unless REMOVE: value length (length-encoded) and binary JSON value.
 * The diffs apply in order to the column's old value; the text nests one
 * call per diff around "@" (the old value), like mysqlbinlog's output:
 *   JSON_INSERT(JSON_REPLACE(@, '$.a', 7), '$.b', "x")
 * An empty list prints as "@" (no change). */
int json_diff_to_text(const uint8_t *p, size_t n, struct bb_buf *out, struct bb_error *err)
{
    static const char *const names[3] = { "JSON_REPLACE(", "JSON_INSERT(", "JSON_REMOVE(" };
    struct cursor c = cursor_make(p, n);
    struct bb_buf ops; /* one byte per diff: its operation */
    size_t before = out->len;
    int rc = 0;

    /* First pass: validate, and note the operations so that the calls can
     * be opened outermost (last diff) first. */
    bb_buf_init(&ops);
    while (!cursor_at_end(&c)) {
        uint8_t op = cursor_u8(&c);
        uint64_t plen, vlen;
        if (op > 2) {
            rc = bb_error_set(err, BB_ERR_CORRUPT, "JSON diff: unknown operation %u", (unsigned)op);
            goto fail;
        }
        if ((rc = read_netlen(&c, &plen, err)) < 0)
            goto fail;
        if (plen > cursor_left(&c)) {
            rc = corrupt(err, "diff path longer than the diff");
            goto fail;
        }
        cursor_skip(&c, (size_t)plen);
        if (op != 2) {
            if ((rc = read_netlen(&c, &vlen, err)) < 0)
                goto fail;
            if (vlen == 0 || vlen > cursor_left(&c)) {
                rc = corrupt(err, vlen ? "diff value longer than the diff" : "diff value is empty");
                goto fail;
            }
            cursor_skip(&c, (size_t)vlen);
        }
        bb_buf_putc(&ops, (char)op);
    }
    if (ops.oom) {
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        goto fail;
    }
    for (size_t i = ops.len; i-- > 0;)
        bb_buf_puts(out, names[(uint8_t)ops.data[i]]);
    bb_buf_putc(out, '@');

    /* Second pass: the arguments, innermost call first. */
    c = cursor_make(p, n);
    while (!cursor_at_end(&c)) {
        uint8_t op = cursor_u8(&c);
        uint64_t plen = 0, vlen = 0;
        read_netlen(&c, &plen, err);
        const uint8_t *path = cursor_bytes(&c, (size_t)plen);
        bb_buf_append(out, ", ", 2);
        put_sql_quoted(out, path, (size_t)plen);
        if (op != 2) {
            read_netlen(&c, &vlen, err);
            const uint8_t *val = cursor_bytes(&c, (size_t)vlen);
            bb_buf_append(out, ", ", 2);
            if ((rc = json_binary_to_text(val, (size_t)vlen, out, err)) < 0)
                goto fail;
        }
        bb_buf_putc(out, ')');
    }
    bb_buf_destroy(&ops);
    return bb_buf_check(out, err);

fail:
    bb_buf_destroy(&ops);
    bb_buf_cut(out, before);
    return rc;
}
