/* snapshot_values.c - the values of a fetched row as the decoder makes
 * them of the same stored values (the table in snapshot.c), and MySQL's
 * JSON text re-encoded as its binary JSON. */
#include "snapshot/snapshot_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/charset.h"
#include "base/civil_date.h"
#include "base/error.h"
#include "base/utf8.h"
#include "binlog/decode_value.h"
#include "mysql/server_conn.h"

#define JSON_MAX_DEPTH 100

/* ------------------------------------------------------------------ */
/* Values                                                              */

/* The server's DECIMAL text as decode_newdecimal writes it: '-' only when
 * some digit is not zero, the integer digits without leading zeros ("0"
 * when there are none), then '.' and exactly `scale` digits. */
static int decimal_text(struct snapshot *s, uint32_t i, const char *p, size_t n,
                        struct bb_error *err)
{
    const struct bb_column *c = &s->table.cols[i];
    char *out = s->cols[i].dec;
    size_t k = 0, o = 0;
    bool neg = false, nonzero = false;
    while (k < n && p[k] == ' ')
        k++;
    if (k < n && (p[k] == '-' || p[k] == '+'))
        neg = p[k++] == '-';
    size_t is = k;
    while (k < n && isdigit((unsigned char)p[k]))
        k++;
    size_t ie = k, fs = k, fe = k;
    if (k < n && p[k] == '.') {
        fs = ++k;
        while (k < n && isdigit((unsigned char)p[k]))
            k++;
        fe = k;
    }
    if (k != n || (ie == is && fe == fs))
        return snapshot_value_error(s, i, err, "DECIMAL text '%.*s'", (int)(n > 80 ? 80 : n), p);
    while (is < ie && p[is] == '0')
        is++;
    size_t nf = fe - fs;
    for (size_t j = fs + c->scale; j < fe; j++)
        if (p[j] != '0')
            return snapshot_value_error(s, i, err, "DECIMAL text '%.*s' has more than %u fraction digits",
                                        (int)n, p, (unsigned)c->scale);
    if (nf > c->scale)
        nf = c->scale;
    if (ie - is > (size_t)(c->precision - c->scale))
        return snapshot_value_error(s, i, err, "DECIMAL text '%.*s' exceeds DECIMAL(%u,%u)", (int)n, p,
                                    (unsigned)c->precision, (unsigned)c->scale);
    for (size_t j = is; j < ie; j++)
        nonzero |= p[j] != '0';
    for (size_t j = fs; j < fs + nf; j++)
        nonzero |= p[j] != '0';
    if (neg && nonzero)
        out[o++] = '-';
    if (is == ie) {
        out[o++] = '0';
    } else {
        memcpy(out + o, p + is, ie - is);
        o += ie - is;
    }
    if (c->scale) {
        out[o++] = '.';
        memcpy(out + o, p + fs, nf);
        o += nf;
        for (size_t j = nf; j < c->scale; j++)
            out[o++] = '0';
    }
    out[o] = '\0';
    s->row[i].kind = BB_VALUE_DECIMAL;
    s->row[i].v.str.p = (const uint8_t *)out;
    s->row[i].v.str.len = o;
    return 0;
}

static int temporal_value(struct snapshot *s, uint32_t i, struct bb_error *err)
{
    const struct snap_col *sc = &s->cols[i];
    const MYSQL_TIME *t = &sc->num.tm;
    struct bb_value *v = &s->row[i];
    struct bb_time *o = &v->v.tm;
    memset(o, 0, sizeof *o);
    if (t->second_part > 999999 || t->minute > 59 || t->second > 59)
        return snapshot_value_error(s, i, err, "time %u:%u:%u.%lu out of range", t->hour, t->minute,
                                    t->second, (unsigned long)t->second_part);
    if (sc->fetch == FETCH_TIME) {
        if (t->hour > 838)
            return snapshot_value_error(s, i, err, "TIME hour %u out of range", t->hour);
        o->hour = t->hour;
        o->minute = (uint8_t)t->minute;
        o->second = (uint8_t)t->second;
        o->usec = (uint32_t)t->second_part;
        /* no negative zero: the binlog's packed zero is not negative */
        o->neg = t->neg && (o->hour || o->minute || o->second || o->usec);
        v->kind = BB_VALUE_TIME;
        return 0;
    }
    if (t->year > 9999 || t->month > 12 || t->day > 31 || t->hour > 23)
        return snapshot_value_error(s, i, err, "date %u-%u-%u %u:%u:%u out of range", t->year, t->month,
                                    t->day, t->hour, t->minute, t->second);
    if (sc->fetch == FETCH_TIMESTAMP) {
        v->kind = BB_VALUE_TIMESTAMP;
        bool zero_date = t->year == 0 && t->month == 0 && t->day == 0;
        if (zero_date && !t->hour && !t->minute && !t->second) {
            v->v.ts.sec = 0; /* the zero timestamp */
            v->v.ts.usec = (uint32_t)t->second_part;
            return 0;
        }
        if (t->month == 0 || t->day == 0)
            return snapshot_value_error(s, i, err, "TIMESTAMP %04u-%02u-%02u has a zero part", t->year,
                                        t->month, t->day);
        v->v.ts.sec = civil_to_days(t->year, t->month, t->day) * 86400 +
                      (int64_t)t->hour * 3600 + t->minute * 60 + t->second;
        v->v.ts.usec = (uint32_t)t->second_part;
        return 0;
    }
    o->year = t->year;
    o->month = (uint8_t)t->month;
    o->day = (uint8_t)t->day;
    if (sc->fetch == FETCH_DATE) {
        v->kind = BB_VALUE_DATE;
        return 0;
    }
    o->hour = t->hour;
    o->minute = (uint8_t)t->minute;
    o->second = (uint8_t)t->second;
    o->usec = (uint32_t)t->second_part;
    v->kind = BB_VALUE_DATETIME;
    return 0;
}

int snapshot_json_text_to_binary(const char *text, size_t n, struct bb_buf *out,
                                 struct bb_error *err);

/* The bytes of a value bound to a buffer: the bind buffer, or for longer
 * values the overflow buffer filled by mysql_stmt_fetch_column. */
static int column_bytes(struct snapshot *s, uint32_t i, const uint8_t **p, size_t *n,
                        struct bb_error *err)
{
    struct snap_col *sc = &s->cols[i];
    unsigned long len = sc->length;
    if (len <= sc->cap) {
        *p = (const uint8_t *)sc->buf;
        *n = len;
        return 0;
    }
    /* Let the bind buffer grow for the next rows, up to BIND_MAX. It is
     * bound again before the next fetch: binding now would lose the row
     * mysql_stmt_fetch_column reads from. */
    if (sc->cap < BIND_MAX && snapshot_grow_bind(sc, len))
        s->rebind = true;
    char *dst;
    if (len <= sc->cap) {
        dst = sc->buf;
    } else {
        if (sc->bigcap < len) {
            free(sc->big);
            sc->big = malloc(len);
            sc->bigcap = sc->big ? len : 0;
            if (!sc->big)
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory for a value of %lu bytes",
                                    len);
        }
        dst = sc->big;
    }
    MYSQL_BIND b;
    unsigned long got = 0;
    my_bool is_null = 0, error = 0;
    memset(&b, 0, sizeof b);
    b.buffer_type = MYSQL_TYPE_BLOB;
    b.buffer = dst;
    b.buffer_length = len;
    b.length = &got;
    b.is_null = &is_null;
    b.error = &error;
    if (mysql_stmt_fetch_column(s->stmt, &b, i, 0) != 0)
        return snapshot_stmt_error(s, "fetching a long value", err);
    if (got != len)
        return snapshot_value_error(s, i, err, "value of %lu bytes came as %lu", len, got);
    *p = (const uint8_t *)dst;
    *n = len;
    return 0;
}

static int bytes_value(struct snapshot *s, uint32_t i, struct bb_error *err)
{
    struct snap_col *sc = &s->cols[i];
    const struct bb_column *c = &s->table.cols[i];
    struct bb_value *v = &s->row[i];
    const uint8_t *p = NULL;
    size_t n = 0;
    int rc = column_bytes(s, i, &p, &n, err);
    if (rc < 0)
        return rc;
    switch (sc->fetch) {
    case FETCH_DECIMAL:
        return decimal_text(s, i, (const char *)p, n, err);
    case FETCH_BIT: {
        if (n > 8 || n != (c->max_length + 7) / 8)
            return snapshot_value_error(s, i, err, "BIT(%u) value of %zu bytes", (unsigned)c->max_length,
                                        n);
        uint64_t u = 0;
        for (size_t k = 0; k < n; k++)
            u = u << 8 | p[k];
        if (c->max_length < 64 && (u >> c->max_length))
            return snapshot_value_error(s, i, err, "BIT(%u) value 0x%llx too wide",
                                        (unsigned)c->max_length, (unsigned long long)u);
        v->kind = BB_VALUE_BIT;
        v->v.u = u;
        return 0;
    }
    case FETCH_JSON:
        bb_buf_reset(&sc->scratch);
        rc = snapshot_json_text_to_binary((const char *)p, n, &sc->scratch, err);
        if (rc < 0) {
            bb_error_prefix(err, "server %s: snapshot of %s.%s: row %llu, column %s", s->where,
                            s->table.schema, s->table.name, (unsigned long long)s->nrows + 1,
                            c->name);
            return rc;
        }
        v->kind = BB_VALUE_JSON;
        v->v.str.p = (const uint8_t *)sc->scratch.data;
        v->v.str.len = sc->scratch.len;
        return 0;
    case FETCH_HEX: {
        if (n % 2)
            return snapshot_value_error(s, i, err, "HEX text of odd length %zu", n);
        bb_buf_reset(&sc->scratch);
        char *d = bb_buf_reserve(&sc->scratch, n / 2 + 1);
        if (!d)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        for (size_t k = 0; k < n / 2; k++) {
            int hi = snapshot_hex_digit(p[2 * k]), lo = snapshot_hex_digit(p[2 * k + 1]);
            if (hi < 0 || lo < 0)
                return snapshot_value_error(s, i, err, "HEX text is not hexadecimal");
            d[k] = (char)(hi << 4 | lo);
        }
        sc->scratch.len = n / 2;
        if (n / 2 % 4 || (c->vector_dim && n / 2 != (size_t)c->vector_dim * 4))
            return snapshot_value_error(s, i, err, "VECTOR of %zu bytes", n / 2);
        v->kind = sc->kind;
        v->v.str.p = (const uint8_t *)sc->scratch.data;
        v->v.str.len = n / 2;
        return 0;
    }
    default:
        break;
    }
    v->kind = sc->kind;
    v->v.str.p = p;
    v->v.str.len = n;
    if (sc->kind == BB_VALUE_GEOMETRY && n != 0 && n < 4)
        return snapshot_value_error(s, i, err, "GEOMETRY value of %zu bytes has no SRID", n);
    /* BINARY(n) is n bytes in the table: the decoder puts back the zero
     * bytes the binlog strips; SELECT sends them. */
    if (sc->kind == BB_VALUE_BINARY && c->type == MYSQL_TYPE_STRING && n < c->max_length) {
        if (p != (const uint8_t *)sc->buf || sc->cap < c->max_length)
            return snapshot_value_error(s, i, err, "BINARY(%u) value of %zu bytes",
                                        (unsigned)c->max_length, n);
        memset(sc->buf + n, 0, c->max_length - n);
        v->v.str.p = (const uint8_t *)sc->buf;
        v->v.str.len = c->max_length;
    }
    if (c->type == MYSQL_TYPE_VARCHAR && c->max_length && n > c->max_length)
        return snapshot_value_error(s, i, err, "value of %zu bytes in VARCHAR of %u", n,
                                    (unsigned)c->max_length);
    return 0;
}

int snapshot_convert(struct snapshot *s, uint32_t i, struct bb_error *err)
{
    struct snap_col *sc = &s->cols[i];
    const struct bb_column *c = &s->table.cols[i];
    struct bb_value *v = &s->row[i];
    memset(&v->v, 0, sizeof v->v);
    if (sc->is_null) {
        v->kind = BB_VALUE_NULL;
        return 0;
    }
    switch (sc->fetch) {
    case FETCH_INT:
        if (c->is_unsigned) {
            v->kind = BB_VALUE_UINT;
            v->v.u = (uint64_t)sc->num.i;
        } else {
            v->kind = BB_VALUE_INT;
            v->v.i = sc->num.i;
        }
        return 0;
    case FETCH_YEAR: {
        uint64_t y = (uint64_t)sc->num.i;
        if (y != 0 && (y < 1901 || y > 2155))
            return snapshot_value_error(s, i, err, "YEAR %llu out of range", (unsigned long long)y);
        v->kind = BB_VALUE_YEAR;
        v->v.u = y;
        return 0;
    }
    case FETCH_FLOAT:
        if (!isfinite(sc->num.f))
            return snapshot_value_error(s, i, err, "FLOAT value is not finite");
        v->kind = BB_VALUE_FLOAT;
        v->v.f = sc->num.f;
        return 0;
    case FETCH_DOUBLE:
        if (!isfinite(sc->num.d))
            return snapshot_value_error(s, i, err, "DOUBLE value is not finite");
        v->kind = BB_VALUE_DOUBLE;
        v->v.d = sc->num.d;
        return 0;
    case FETCH_DATE: case FETCH_DATETIME: case FETCH_TIMESTAMP: case FETCH_TIME:
        return temporal_value(s, i, err);
    case FETCH_ENUM: {
        uint64_t u = (uint64_t)sc->num.i;
        if (u > c->nlabels)
            return snapshot_value_error(s, i, err, "ENUM index %llu of %u labels", (unsigned long long)u,
                                        (unsigned)c->nlabels);
        v->kind = BB_VALUE_ENUM;
        v->v.u = u;
        return 0;
    }
    case FETCH_SET: {
        uint64_t u = (uint64_t)sc->num.i;
        if (c->nlabels < 64 && (u >> c->nlabels))
            return snapshot_value_error(s, i, err, "SET value 0x%llx has bits beyond its %u labels",
                                        (unsigned long long)u, (unsigned)c->nlabels);
        v->kind = BB_VALUE_SET;
        v->v.u = u;
        return 0;
    }
    default:
        return bytes_value(s, i, err);
    }
}

/* ------------------------------------------------------------------ */
/* MySQL JSON: text to binary JSON                                     */
/*
 * MySQL sends a JSON column as text; the binlog has its binary form
 * (sql/json_binary.h), which json_binary.c renders. The text is what
 * MySQL's own rendering of that binary form prints, so encoding it back
 * gives a document that renders identically: objects keep the text's key
 * order (MySQL sorts keys when it stores them and prints them in that
 * order), integers that fit int64 are INT64, larger ones UINT64, other
 * numbers DOUBLE (MySQL prints doubles so that they read back exactly).
 * Everything is written in the large format (4-byte counts and offsets)
 * with only literals inline, which json_binary.c reads like MySQL's own
 * choice of sizes. What cannot round-trip: DECIMAL values inside a JSON
 * document (printed as bare numbers, read back as doubles), and the
 * opaque temporal values (printed as strings, read back as strings, which
 * render the same text). */

enum {
    JB_LARGE_OBJECT = 0x01,
    JB_LARGE_ARRAY = 0x03,
    JB_LITERAL = 0x04,
    JB_INT64 = 0x09,
    JB_UINT64 = 0x0a,
    JB_DOUBLE = 0x0b,
    JB_STRING = 0x0c,
};

struct jtext {
    const char *start, *p, *end;
    struct bb_error *err;
};

static int jfail(struct jtext *j, const char *why)
{
    return bb_error_set(j->err, BB_ERR_SERVER, "JSON text: %s at offset %zu", why,
                        (size_t)(j->p - j->start));
}

static void jws(struct jtext *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

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

static int jhex4(struct jtext *j, unsigned *out)
{
    if (j->end - j->p < 4)
        return jfail(j, "truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int d = snapshot_hex_digit((unsigned char)j->p[i]);
        if (d < 0)
            return jfail(j, "bad \\u escape");
        v = v << 4 | (unsigned)d;
    }
    j->p += 4;
    *out = v;
    return 0;
}

/* A string's content, unescaped, into out (after the opening quote). */
static int jstring(struct jtext *j, struct bb_buf *out)
{
    j->p++;
    for (;;) {
        if (j->p >= j->end)
            return jfail(j, "unterminated string");
        unsigned char ch = (unsigned char)*j->p++;
        if (ch == '"')
            return 0;
        if (ch != '\\') {
            bb_buf_putc(out, (char)ch);
            continue;
        }
        if (j->p >= j->end)
            return jfail(j, "unterminated escape");
        char e = *j->p++;
        unsigned cp;
        switch (e) {
        case '"': case '\\': case '/': bb_buf_putc(out, e); break;
        case 'b': bb_buf_putc(out, '\b'); break;
        case 'f': bb_buf_putc(out, '\f'); break;
        case 'n': bb_buf_putc(out, '\n'); break;
        case 'r': bb_buf_putc(out, '\r'); break;
        case 't': bb_buf_putc(out, '\t'); break;
        case 'u':
            if (jhex4(j, &cp) < 0)
                return BB_ERR_SERVER;
            if (cp >= 0xd800 && cp < 0xdc00 && j->end - j->p >= 6 && j->p[0] == '\\' &&
                j->p[1] == 'u') {
                unsigned lo;
                j->p += 2;
                if (jhex4(j, &lo) < 0)
                    return BB_ERR_SERVER;
                if (lo >= 0xdc00 && lo < 0xe000)
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                else
                    return jfail(j, "unpaired surrogate");
            }
            utf8_put(out, cp);
            break;
        default:
            return jfail(j, "bad escape");
        }
    }
}

/* One value: its type byte in *type, its bytes (for a literal, the one
 * byte of its value) appended to out. */
static int jvalue(struct jtext *j, int depth, uint8_t *type, struct bb_buf *out);

static int jcontainer(struct jtext *j, int depth, bool object, struct bb_buf *out)
{
    if (depth > JSON_MAX_DEPTH)
        return jfail(j, "nesting too deep");
    j->p++;
    struct bb_buf keys, vals;
    bb_buf_init(&keys);
    bb_buf_init(&vals);
    /* per element: key offset/length in keys, type, value offset/length in vals */
    struct elem { size_t koff, klen, voff, vlen; uint8_t type; } *el = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    jws(j);
    if (j->p < j->end && *j->p == (object ? '}' : ']')) {
        j->p++;
    } else {
        for (;;) {
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                struct elem *e2 = realloc(el, cap * sizeof *el);
                if (!e2) {
                    rc = bb_error_set(j->err, BB_ERR_NOMEM, "out of memory");
                    break;
                }
                el = e2;
            }
            struct elem *e = &el[n];
            memset(e, 0, sizeof *e);
            jws(j);
            if (object) {
                if (j->p >= j->end || *j->p != '"') {
                    rc = jfail(j, "expected a key");
                    break;
                }
                e->koff = keys.len;
                if ((rc = jstring(j, &keys)) < 0)
                    break;
                e->klen = keys.len - e->koff;
                if (e->klen > 0xffff) {
                    rc = jfail(j, "key longer than 65535 bytes");
                    break;
                }
                jws(j);
                if (j->p >= j->end || *j->p != ':') {
                    rc = jfail(j, "expected ':'");
                    break;
                }
                j->p++;
            }
            e->voff = vals.len;
            if ((rc = jvalue(j, depth + 1, &e->type, &vals)) < 0)
                break;
            e->vlen = vals.len - e->voff;
            n++;
            jws(j);
            if (j->p < j->end && *j->p == ',') {
                j->p++;
                continue;
            }
            if (j->p < j->end && *j->p == (object ? '}' : ']')) {
                j->p++;
                break;
            }
            rc = jfail(j, "expected ',' or the end of a container");
            break;
        }
    }
    if (rc == 0 && (keys.oom || vals.oom))
        rc = bb_error_set(j->err, BB_ERR_NOMEM, "out of memory");
    if (rc == 0) {
        /* count, size, key entries (4 offset, 2 length), value entries
         * (1 type, 4 inline value or offset), keys, values */
        size_t head = 8 + n * (object ? 6 : 0) + n * 5;
        size_t inline_vals = 0;
        for (size_t i = 0; i < n; i++)
            if (el[i].type == JB_LITERAL)
                inline_vals += el[i].vlen;
        size_t size = head + keys.len + vals.len - inline_vals;
        if (size > UINT32_MAX) {
            rc = jfail(j, "document larger than 4 GB");
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
                if (el[i].type == JB_LITERAL) {
                    put_le(out, (uint8_t)vals.data[el[i].voff], 4);
                } else {
                    put_le(out, voff, 4);
                    voff += el[i].vlen;
                }
            }
            if (keys.len)
                bb_buf_append(out, keys.data, keys.len);
            for (size_t i = 0; i < n; i++)
                if (el[i].type != JB_LITERAL)
                    bb_buf_append(out, vals.data + el[i].voff, el[i].vlen);
        }
    }
    free(el);
    bb_buf_destroy(&keys);
    bb_buf_destroy(&vals);
    return rc;
}

static int jnumber(struct jtext *j, uint8_t *type, struct bb_buf *out)
{
    const char *start = j->p;
    bool frac = false;
    if (j->p < j->end && *j->p == '-')
        j->p++;
    while (j->p < j->end && (isdigit((unsigned char)*j->p) || *j->p == '.' || *j->p == 'e' ||
                             *j->p == 'E' || *j->p == '+' || *j->p == '-')) {
        if (*j->p == '.' || *j->p == 'e' || *j->p == 'E')
            frac = true;
        j->p++;
    }
    size_t len = (size_t)(j->p - start);
    char tmp[400];
    if (len == 0 || len >= sizeof tmp)
        return jfail(j, "bad number");
    memcpy(tmp, start, len);
    tmp[len] = '\0';
    char *end;
    if (!frac) {
        errno = 0;
        if (tmp[0] == '-') {
            long long v = strtoll(tmp, &end, 10);
            if (!errno && !*end) {
                *type = JB_INT64;
                put_le(out, (uint64_t)v, 8);
                return 0;
            }
        } else {
            unsigned long long v = strtoull(tmp, &end, 10);
            if (!errno && !*end) {
                *type = v > INT64_MAX ? JB_UINT64 : JB_INT64;
                put_le(out, v, 8);
                return 0;
            }
        }
    }
    errno = 0;
    double d = strtod(tmp, &end);
    if (*end || !isfinite(d))
        return jfail(j, "bad number");
    uint64_t bits;
    memcpy(&bits, &d, 8);
    *type = JB_DOUBLE;
    put_le(out, bits, 8);
    return 0;
}

static int jvalue(struct jtext *j, int depth, uint8_t *type, struct bb_buf *out)
{
    jws(j);
    if (j->p >= j->end)
        return jfail(j, "expected a value");
    char ch = *j->p;
    if (ch == '{' || ch == '[') {
        *type = ch == '{' ? JB_LARGE_OBJECT : JB_LARGE_ARRAY;
        return jcontainer(j, depth, ch == '{', out);
    }
    if (ch == '"') {
        struct bb_buf str;
        bb_buf_init(&str);
        int rc = jstring(j, &str);
        if (rc == 0 && str.oom)
            rc = bb_error_set(j->err, BB_ERR_NOMEM, "out of memory");
        if (rc == 0) {
            *type = JB_STRING;
            put_varlen(out, str.len);
            if (str.len)
                bb_buf_append(out, str.data, str.len);
        }
        bb_buf_destroy(&str);
        return rc;
    }
    static const struct { const char *word; uint8_t v; } lits[] = {
        { "null", 0 }, { "true", 1 }, { "false", 2 },
    };
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(lits[i].word);
        if ((size_t)(j->end - j->p) >= n && memcmp(j->p, lits[i].word, n) == 0) {
            j->p += n;
            *type = JB_LITERAL;
            bb_buf_putc(out, (char)lits[i].v);
            return 0;
        }
    }
    if (ch == '-' || isdigit((unsigned char)ch))
        return jnumber(j, type, out);
    return jfail(j, "unexpected character");
}

/* Exposed for tests/snapshot/test_snapshot.c (MySQL, whose JSON columns
 * need it, does not run here): JSON text to MySQL binary JSON, appended to
 * out. */
int snapshot_json_text_to_binary(const char *text, size_t n, struct bb_buf *out,
                                 struct bb_error *err)
{
    struct jtext j = { text, text, text + n, err };
    uint8_t type = 0;
    struct bb_buf body;
    bb_buf_init(&body);
    int rc = jvalue(&j, 0, &type, &body);
    if (rc == 0) {
        jws(&j);
        if (j.p != j.end)
            rc = jfail(&j, "text after the value");
    }
    if (rc == 0 && body.oom)
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    if (rc == 0) {
        bb_buf_putc(out, (char)type);
        bb_buf_append(out, body.data, body.len);
        rc = bb_buf_check(out, err);
    }
    bb_buf_destroy(&body);
    return rc;
}
