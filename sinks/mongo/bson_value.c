/* bson_value.c - row values as the BSON values the MongoDB sink writes
 * (the table in mongo_sink.c), JSON columns as embedded documents: MySQL's
 * binary JSON through the walker of values/json_binary.c, MariaDB's JSON
 * text through the reader of base/json_text.c, both into one builder. */
#include "sinks/mongo/mongo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/civil_date.h"
#include "base/error.h"
#include "base/format_number.h"
#include "base/json_text.h"
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

/* ---- JSON -> BSON ----
 * One builder for both forms of a JSON value: MySQL's binary JSON as the
 * walker of values/json_binary.c visits it, and MariaDB's JSON text as the
 * reader of base/json_text.c hands out its tokens. Both give the same
 * events: an object or array begins, a key, a scalar, the end. The value
 * is built into a scratch document first, so that one that has to be
 * written as its text instead leaves nothing half-appended. */

/* Returned by the builder when the value must be written as its text
 * instead (a server limitation, a NUL in a key, too deep). */
#define AS_TEXT 1

struct jframe {
    bson_t doc;                 /* the open object or array */
    uint32_t index;             /* an array's next element */
    bool object;
};

struct jbuild {
    const struct mongo_value_opts *o;
    struct bb_buf *scratch;
    struct bb_error *err;
    bson_t root;                /* { "v": the value } */
    const char *key;            /* the key of the next member of an open object */
    size_t keylen;
    int depth;                  /* open objects and arrays */
    char ibuf[16];
    struct jframe f[JSON_MAX_DEPTH + 1];
};

static void jbuild_init(struct jbuild *j, const struct mongo_value_opts *o, struct bb_buf *scratch,
                        struct bb_error *err)
{
    j->o = o;
    j->scratch = scratch;
    j->err = err;
    bson_init(&j->root);
    j->depth = 0;
}

/* After a build that returned rc: on success (rc 0) the value is appended
 * to doc under key; the scratch document is released either way. */
static int jbuild_finish(struct jbuild *j, int rc, bson_t *doc, const char *key, size_t keylen)
{
    while (j->depth > 0) {      /* stopped inside: close what is open */
        j->depth--;
        bson_t *parent = j->depth ? &j->f[j->depth - 1].doc : &j->root;
        if (j->f[j->depth].object)
            bson_append_document_end(parent, &j->f[j->depth].doc);
        else
            bson_append_array_end(parent, &j->f[j->depth].doc);
    }
    if (rc == 0) {
        bson_iter_t it;
        if (!bson_iter_init_find(&it, &j->root, "v") ||
            !bson_append_iter(doc, key, (int)keylen, &it))
            rc = mongo_set_appended(false, j->err);
    }
    bson_destroy(&j->root);
    return rc;
}

/* Where the next value goes: the open object or array (its key, or the
 * array's next index), or the root. */
static bson_t *jbuild_slot(struct jbuild *j, const char **k, int *klen)
{
    if (j->depth == 0) {
        *k = "v";
        *klen = 1;
        return &j->root;
    }
    struct jframe *f = &j->f[j->depth - 1];
    if (f->object) {
        *k = j->key;
        *klen = (int)j->keylen;
    } else {
        *klen = (int)bson_uint32_to_string(f->index++, k, j->ibuf, sizeof j->ibuf);
    }
    return &f->doc;
}

/* The builder's events are the walker's visitor (json_binary.h); the
 * JSON text's tokens are turned into the same calls. */

static int jbuild_begin(struct jbuild *j, bool object)
{
    /* MongoDB's depth limit; FerretDB 1.x has no array directly inside an
     * array */
    if (j->depth > JSON_MAX_DEPTH)
        return AS_TEXT;
    if (!object && j->o->no_nested_arrays && j->depth > 0 && !j->f[j->depth - 1].object)
        return AS_TEXT;
    const char *k;
    int kl;
    bson_t *parent = jbuild_slot(j, &k, &kl);
    struct jframe *f = &j->f[j->depth];
    bool ok = object ? bson_append_document_begin(parent, k, kl, &f->doc)
                     : bson_append_array_begin(parent, k, kl, &f->doc);
    if (!ok)
        return mongo_set_appended(false, j->err);
    f->index = 0;
    f->object = object;
    j->depth++;
    return 0;
}

static int jbuild_object_begin(void *ctx, uint32_t count)
{
    return jbuild_begin(ctx, true);
}

static int jbuild_array_begin(void *ctx, uint32_t count)
{
    return jbuild_begin(ctx, false);
}

static int jbuild_end(void *ctx, bool object)
{
    struct jbuild *j = ctx;
    j->depth--;
    bson_t *parent = j->depth ? &j->f[j->depth - 1].doc : &j->root;
    struct jframe *f = &j->f[j->depth];
    return mongo_set_appended(f->object ? bson_append_document_end(parent, &f->doc)
                                        : bson_append_array_end(parent, &f->doc), j->err);
}

/* May key[0..n) be a field name of an embedded document here? */
static int jbuild_key(void *ctx, const char *k, size_t n)
{
    struct jbuild *j = ctx;
    if (memchr(k, '\0', n))
        return AS_TEXT;
    if (j->o->plain_keys && ((n && k[0] == '$') || memchr(k, '.', n)))
        return AS_TEXT;
    j->key = n ? k : "";
    j->keylen = n;
    return 0;
}

static int jbuild_literal(void *ctx, enum json_binary_literal v)
{
    struct jbuild *j = ctx;
    const char *k;
    int kl;
    bson_t *parent = jbuild_slot(j, &k, &kl);
    return mongo_set_appended(v == JSONB_NULL ? bson_append_null(parent, k, kl)
                                              : bson_append_bool(parent, k, kl, v == JSONB_TRUE),
                              j->err);
}

static int jbuild_int64(void *ctx, int64_t v)
{
    struct jbuild *j = ctx;
    const char *k;
    int kl;
    bson_t *parent = jbuild_slot(j, &k, &kl);
    return append_int_by_value(parent, k, (size_t)kl, v, j->err);
}

static int jbuild_uint64(void *ctx, uint64_t v)
{
    struct jbuild *j = ctx;
    const char *k;
    int kl;
    bson_t *parent = jbuild_slot(j, &k, &kl);
    if (v <= INT64_MAX)
        return append_int_by_value(parent, k, (size_t)kl, (int64_t)v, j->err);
    return append_u64(parent, k, (size_t)kl, v, j->o, j->err);
}

static int jbuild_float64(void *ctx, double v)
{
    struct jbuild *j = ctx;
    const char *k;
    int kl;
    bson_t *parent = jbuild_slot(j, &k, &kl);
    return mongo_set_appended(bson_append_double(parent, k, kl, v), j->err);
}

static int jbuild_string(void *ctx, const char *p, size_t n)
{
    struct jbuild *j = ctx;
    const char *k;
    int kl;
    bson_t *parent = jbuild_slot(j, &k, &kl);
    return mongo_set_appended(bson_append_utf8(parent, k, kl, n ? p : "", (int)n), j->err);
}

/* An exact number's text: Decimal128, or the text (append_decimal_text). */
static int jbuild_decimal_text(struct jbuild *j, const char *text, size_t n)
{
    const char *k;
    int kl;
    bson_t *parent = jbuild_slot(j, &k, &kl);
    return append_decimal_text(parent, k, (size_t)kl, text, n, j->o, j->err);
}

/* DECIMAL as Decimal128 of the text MySQL prints, dates and times as that
 * text (unquoted), VAR_STRING as its string; any other type is BinData
 * of its bytes. */
static int jbuild_opaque(void *ctx, uint8_t mysql_type, const uint8_t *p, size_t n)
{
    struct jbuild *j = ctx;
    if (mysql_type != MYSQL_TYPE_NEWDECIMAL && mysql_type != MYSQL_TYPE_DATE &&
        mysql_type != MYSQL_TYPE_TIME && mysql_type != MYSQL_TYPE_DATETIME &&
        mysql_type != MYSQL_TYPE_TIMESTAMP && mysql_type != MYSQL_TYPE_VAR_STRING) {
        const char *k;
        int kl;
        bson_t *parent = jbuild_slot(j, &k, &kl);
        return mongo_set_appended(bson_append_binary(parent, k, kl, BSON_SUBTYPE_BINARY, p,
                                                     (uint32_t)n), j->err);
    }
    struct bb_buf *s = j->scratch;
    bb_buf_reset(s);
    int rc = json_binary_opaque_to_text(mysql_type, p, n, s, j->err);
    if (rc < 0)
        return rc;
    if (mysql_type == MYSQL_TYPE_NEWDECIMAL)
        return jbuild_decimal_text(j, s->data, s->len);
    if (mysql_type == MYSQL_TYPE_VAR_STRING)     /* the bytes, not the escaped text */
        return jbuild_string(j, (const char *)p, n);
    return jbuild_string(j, s->data + 1, s->len - 2);
}

static const struct json_binary_visitor bson_visitor = {
    jbuild_object_begin, jbuild_array_begin, jbuild_key, jbuild_end, jbuild_literal,
    jbuild_int64, jbuild_uint64, jbuild_float64, jbuild_string, jbuild_opaque,
};

/* MySQL binary JSON: the value, or its text when it cannot be stored. */
static int append_json_binary(bson_t *doc, const char *key, size_t keylen,
                              const struct bb_value *v, const struct mongo_value_opts *o,
                              struct bb_buf *s, struct bb_error *err)
{
    struct jbuild j;
    jbuild_init(&j, o, s, err);
    int rc = json_binary_walk(v->v.str.p, v->v.str.len, &bson_visitor, &j, err);
    rc = jbuild_finish(&j, rc, doc, key, keylen);
    if (rc == AS_TEXT)
        return append_text_form(doc, key, keylen, v, s, err);
    return rc;
}

/* ---- MariaDB JSON text: the reader's tokens ---- */

/* Integers int32/int64 by value, Decimal128 (or exact text) beyond up to
 * 34 digits; other numbers doubles, or exact text when no double holds
 * them. */
static int jt_number(struct jbuild *j, const struct json_token *t)
{
    if (t->num == JSON_NUMBER_INT)
        return jbuild_int64(j, t->i);
    bool integer = t->num == JSON_NUMBER_UINT || t->num == JSON_NUMBER_BIGINT;
    if (integer && t->n - (t->p[0] == '-') <= 34)
        return jbuild_decimal_text(j, t->p, t->n);
    double d;
    if (json_number_double(t, &d) < 0)
        return AS_TEXT;
    if (!isfinite(d))
        return jbuild_decimal_text(j, t->p, t->n);
    return jbuild_float64(j, d);
}

int mongo_append_json_text(bson_t *doc, const char *key, size_t keylen, const char *text,
                           size_t len, const struct mongo_value_opts *o, struct bb_error *err)
{
    struct bb_buf scratch;
    bb_buf_init(&scratch);
    struct jbuild j;
    jbuild_init(&j, o, &scratch, err);
    struct json_reader r;
    json_reader_init(&r, text, len, JSON_MAX_DEPTH + 1, JSON_READ_DECODE);
    struct json_token t;
    int rc;
    /* the reader's errors are not the caller's: text that is not JSON is
     * written as text */
    while ((rc = json_reader_next(&r, &t, NULL)) == 0 && t.kind != JSON_TOKEN_END) {
        switch (t.kind) {
        case JSON_TOKEN_OBJECT_BEGIN: rc = jbuild_begin(&j, true); break;
        case JSON_TOKEN_ARRAY_BEGIN: rc = jbuild_begin(&j, false); break;
        case JSON_TOKEN_OBJECT_END: rc = jbuild_end(&j, true); break;
        case JSON_TOKEN_ARRAY_END: rc = jbuild_end(&j, false); break;
        case JSON_TOKEN_KEY: rc = jbuild_key(&j, t.p, t.n); break;
        case JSON_TOKEN_STRING: rc = jbuild_string(&j, t.p, t.n); break;
        case JSON_TOKEN_NUMBER: rc = jt_number(&j, &t); break;
        case JSON_TOKEN_TRUE: rc = jbuild_literal(&j, JSONB_TRUE); break;
        case JSON_TOKEN_FALSE: rc = jbuild_literal(&j, JSONB_FALSE); break;
        default: rc = jbuild_literal(&j, JSONB_NULL); break;
        }
        if (rc)
            break;
    }
    if (rc == BB_ERR_CORRUPT)
        rc = AS_TEXT;
    else if (rc == BB_ERR_NOMEM)
        bb_error_set(err, BB_ERR_NOMEM, "out of memory reading JSON text");
    json_reader_destroy(&r);
    rc = jbuild_finish(&j, rc, doc, key, keylen);
    bb_buf_destroy(&scratch);
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
