/* snapshot_values.c - the values of a fetched row as the decoder makes
 * them of the same stored values (the table in snapshot.c); MySQL's JSON
 * text becomes its binary JSON (values/json_binary.c). */
#include "snapshot/snapshot_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "base/buf.h"
#include "base/civil_date.h"
#include "base/error.h"
#include "binlog/decode_value.h"
#include "mysql/server_conn.h"
#include "values/json_binary.h"

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
            int hi = bb_hex_digit(p[2 * k]), lo = bb_hex_digit(p[2 * k + 1]);
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

/* Exposed for tests/snapshot/test_snapshot.c (MySQL, whose JSON columns
 * need it, does not run here): MySQL's JSON text from a SELECT to the
 * binary JSON the binlog would hold (json_binary_from_text), appended to
 * out. Text the server sent that is not JSON is the server's error, like
 * every other value it sends that cannot be. */
int snapshot_json_text_to_binary(const char *text, size_t n, struct bb_buf *out,
                                 struct bb_error *err)
{
    int rc = json_binary_from_text(text, n, out, err);
    if (rc == BB_ERR_CORRUPT) {
        if (err)
            err->code = BB_ERR_SERVER;
        rc = BB_ERR_SERVER;
    }
    return rc;
}
