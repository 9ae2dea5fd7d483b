/* json_binary.c - MySQL's binary JSON (the JSON column type) and the JSON
 * diffs of PARTIAL_UPDATE_ROWS_EVENT, rendered as text.
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
#include <string.h>

#include "base/cursor.h"
#include "base/error.h"
#include "base/format_number.h"
#include "base/utf8.h"
#include "binlog/decode_value.h"

/* Nesting deeper than this is refused as corrupt (MySQL's limit is 100),
 * which bounds the recursion below. */
#define JSON_MAX_DEPTH 150

/* Binary JSON value types (sql/json_binary.h). */
enum {
    JSONB_SMALL_OBJECT = 0x00,
    JSONB_LARGE_OBJECT = 0x01,
    JSONB_SMALL_ARRAY = 0x02,
    JSONB_LARGE_ARRAY = 0x03,
    JSONB_LITERAL = 0x04,
    JSONB_INT16 = 0x05,
    JSONB_UINT16 = 0x06,
    JSONB_INT32 = 0x07,
    JSONB_UINT32 = 0x08,
    JSONB_INT64 = 0x09,
    JSONB_UINT64 = 0x0a,
    JSONB_DOUBLE = 0x0b,
    JSONB_STRING = 0x0c,
    JSONB_OPAQUE = 0x0f,
};
enum { JSONB_NULL = 0, JSONB_TRUE = 1, JSONB_FALSE = 2 };

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

static int put_opaque(struct cursor *c, struct bb_buf *out, struct bb_error *err)
{
    if (cursor_left(c) < 1)
        return corrupt(err, "opaque value truncated");
    uint8_t ftype = cursor_u8(c);
    uint32_t len;
    if (read_varlen(c, &len, err) < 0)
        return BB_ERR_CORRUPT;
    if (len > cursor_left(c))
        return corrupt(err, "opaque value longer than its document");
    const uint8_t *p = cursor_bytes(c, len);
    switch (ftype) {
    case MYSQL_TYPE_NEWDECIMAL:
        return put_opaque_decimal(p, len, out, err);
    case MYSQL_TYPE_DATE: case MYSQL_TYPE_TIME: case MYSQL_TYPE_DATETIME: case MYSQL_TYPE_TIMESTAMP:
        return put_packed_temporal(ftype, p, len, out, err);
    case MYSQL_TYPE_VAR_STRING:
        return put_json_string(out, p, len, err);
    default:
        bb_buf_puts(out, "\"base64:type");
        bb_buf_put_u64(out, ftype);
        bb_buf_putc(out, ':');
        bb_buf_put_base64(out, p, len);
        bb_buf_putc(out, '"');
        return 0;
    }
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

static int put_value(uint8_t type, struct cursor *c, int depth, struct bb_buf *out,
                     struct bb_error *err);

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
 * two entries naming one child are 2^20 visits of a 200-byte document. */
int json_binary_check_container(uint8_t type, const uint8_t *p, size_t n, struct bb_error *err)
{
    bool large = type == JSONB_LARGE_OBJECT || type == JSONB_LARGE_ARRAY;
    bool object = type == JSONB_SMALL_OBJECT || type == JSONB_LARGE_OBJECT;
    int ob = large ? 4 : 2;
    if (!object && type != JSONB_SMALL_ARRAY && type != JSONB_LARGE_ARRAY)
        return corrupt(err, "not an object or an array");
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

/* Object or array (small: 2-byte counts and offsets; large: 4-byte):
 *   element count, total size in bytes (from the count field on),
 *   objects: key entries (offset, 2-byte length) x count,
 *   value entries (type byte, inline value or offset) x count,
 *   then keys and the values that are not inline.
 * Offsets count from the start of the container (the count field).
 * Inline: literals, int16, uint16, and in large containers int32, uint32. */
static int put_container(uint8_t type, struct cursor *c, int depth, struct bb_buf *out,
                         struct bb_error *err)
{
    bool large = type == JSONB_LARGE_OBJECT || type == JSONB_LARGE_ARRAY;
    bool object = type == JSONB_SMALL_OBJECT || type == JSONB_LARGE_OBJECT;
    int ob = large ? 4 : 2;
    if (depth > JSON_MAX_DEPTH)
        return corrupt(err, "nesting too deep");
    const uint8_t *base = cursor_here(c);
    size_t avail = cursor_left(c);
    if (avail < (size_t)ob * 2)
        return corrupt(err, "container header truncated");
    struct cursor h = cursor_make(base, avail);
    uint64_t count = cursor_uint_le(&h, ob);
    uint64_t size = cursor_uint_le(&h, ob);
    if (size > avail)
        return corrupt(err, "container size exceeds its document");
    size_t key_entry = object ? (size_t)ob + 2 : 0;
    size_t val_entry = 1 + (size_t)ob;
    if (count > size || (size_t)ob * 2 + count * (key_entry + val_entry) > size)
        return corrupt(err, "container entries exceed its size");
    if (json_binary_check_container(type, base, avail, err) < 0)
        return BB_ERR_CORRUPT;
    cursor_skip(c, (size_t)size);

    bb_buf_putc(out, object ? '{' : '[');
    for (uint64_t i = 0; i < count; i++) {
        if (i)
            bb_buf_append(out, ", ", 2);
        if (object) {
            struct cursor ke = cursor_make(base + (size_t)ob * 2 + i * key_entry, key_entry);
            uint64_t koff = cursor_uint_le(&ke, ob);
            uint64_t klen = cursor_u16le(&ke);
            if (koff > size || klen > size - koff)
                return corrupt(err, "object key outside its object");
            if (put_json_string(out, base + koff, (size_t)klen, err) < 0)
                return BB_ERR_CORRUPT;
            bb_buf_append(out, ": ", 2);
        }
        struct cursor ve = cursor_make(base + (size_t)ob * 2 + count * key_entry + i * val_entry,
                                       val_entry);
        uint8_t vt = cursor_u8(&ve);
        int rc;
        if (inlined(vt, large)) {
            rc = put_value(vt, &ve, depth + 1, out, err);
        } else {
            uint64_t voff = cursor_uint_le(&ve, ob);
            if (voff >= size)
                return corrupt(err, "value offset outside its container");
            struct cursor vc = cursor_make(base + voff, (size_t)(size - voff));
            rc = put_value(vt, &vc, depth + 1, out, err);
        }
        if (rc < 0)
            return rc;
    }
    bb_buf_putc(out, object ? '}' : ']');
    return 0;
}

static int put_value(uint8_t type, struct cursor *c, int depth, struct bb_buf *out,
                     struct bb_error *err)
{
    switch (type) {
    case JSONB_SMALL_OBJECT: case JSONB_LARGE_OBJECT:
    case JSONB_SMALL_ARRAY: case JSONB_LARGE_ARRAY:
        return put_container(type, c, depth, out, err);
    case JSONB_LITERAL: {
        if (cursor_left(c) < 1)
            return corrupt(err, "literal truncated");
        uint8_t v = cursor_u8(c);
        if (v == JSONB_NULL)
            bb_buf_append(out, "null", 4);
        else if (v == JSONB_TRUE)
            bb_buf_append(out, "true", 4);
        else if (v == JSONB_FALSE)
            bb_buf_append(out, "false", 5);
        else
            return corrupt(err, "unknown literal");
        return 0;
    }
    case JSONB_INT16: case JSONB_UINT16:
        if (cursor_left(c) < 2)
            return corrupt(err, "int16 truncated");
        if (type == JSONB_INT16)
            bb_buf_put_i64(out, (int16_t)cursor_u16le(c));
        else
            bb_buf_put_u64(out, cursor_u16le(c));
        return 0;
    case JSONB_INT32: case JSONB_UINT32:
        if (cursor_left(c) < 4)
            return corrupt(err, "int32 truncated");
        if (type == JSONB_INT32)
            bb_buf_put_i64(out, (int32_t)cursor_u32le(c));
        else
            bb_buf_put_u64(out, cursor_u32le(c));
        return 0;
    case JSONB_INT64: case JSONB_UINT64:
        if (cursor_left(c) < 8)
            return corrupt(err, "int64 truncated");
        if (type == JSONB_INT64)
            bb_buf_put_i64(out, (int64_t)cursor_u64le(c));
        else
            bb_buf_put_u64(out, cursor_u64le(c));
        return 0;
    case JSONB_DOUBLE: {
        if (cursor_left(c) < 8)
            return corrupt(err, "double truncated");
        uint64_t bits = cursor_u64le(c);
        double d;
        memcpy(&d, &bits, 8);
        return put_json_double(d, out, err);
    }
    case JSONB_STRING: {
        uint32_t len;
        if (read_varlen(c, &len, err) < 0)
            return BB_ERR_CORRUPT;
        if (len > cursor_left(c))
            return corrupt(err, "string longer than its document");
        return put_json_string(out, cursor_bytes(c, len), len, err);
    }
    case JSONB_OPAQUE:
        return put_opaque(c, out, err);
    default:
        return bb_error_set(err, BB_ERR_CORRUPT, "JSON: unknown value type 0x%02x", (unsigned)type);
    }
}

/* A document is one type byte and the value. An empty document (a JSON
 * column set to '' by a non-strict server, or a default on ALTER) prints
 * as null, as MySQL reads it. */
int json_binary_to_text(const uint8_t *p, size_t n, struct bb_buf *out, struct bb_error *err)
{
    if (n == 0) {
        bb_buf_append(out, "null", 4);
        return bb_buf_check(out, err);
    }
    struct cursor c = cursor_make(p, n);
    uint8_t type = cursor_u8(&c);
    size_t before = out->len;
    int rc = put_value(type, &c, 0, out, err);
    if (rc < 0) {
        out->len = before;
        if (out->cap)
            out->data[before] = '\0';
        return rc;
    }
    return bb_buf_check(out, err);
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
    out->len = before;
    if (out->cap)
        out->data[before] = '\0';
    return rc;
}
