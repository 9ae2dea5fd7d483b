/* json_text.c - the JSON text tokenizer (json_text.h).
 *
 * A pull reader: each call reads the whitespace and one token at the
 * position, checked against RFC 8259's grammar
 *   value  = object / array / string / number / true / false / null
 *   object = '{' [ string ':' value *( ',' string ':' value ) ] '}'
 *   array  = '[' [ value *( ',' value ) ] ']'
 *   number = [ '-' ] ( '0' / [1-9] *DIGIT ) [ '.' 1*DIGIT ] [ ( 'e' / 'E' ) [ '+' / '-' ] 1*DIGIT ]
 *   string = '"' *( unescaped / '\' ( '"' / '\' / '/' / 'b' / 'f' / 'n' / 'r' / 't' / 'u' 4HEXDIG ) ) '"'
 * with whitespace (space, tab, LF, CR) around tokens, strings of UTF-8
 * without control characters, and one value in the whole text. The state
 * says what may come next; a bit per open container says whether it is an
 * object, so the nesting costs no recursion here.
 *
 * MariaDB's JSON columns are LONGTEXT that a CHECK (json_valid(...))
 * constraint keeps valid; before such a value is embedded in JSON output
 * it is checked here (json_text_valid), so a value the constraint did not
 * guard (added later, or disabled) can never break the output: it is then
 * written as a JSON string instead. */
#include "base/json_text.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/hex.h"
#include "base/utf8.h"

enum {
    S_VALUE,            /* a value: at the start, after ':' and after ',' in an array */
    S_ARRAY_FIRST,      /* after '[': a value or ']' */
    S_OBJECT_FIRST,     /* after '{': a key or '}' */
    S_AFTER,            /* after a value in a container: ',' or its end */
    S_DONE,             /* after the whole value: nothing but whitespace */
    S_FAILED,
};

void json_reader_init(struct json_reader *r, const char *text, size_t n, unsigned max_depth,
                      unsigned flags)
{
    r->start = r->p = (const unsigned char *)text;
    r->end = r->start + n;
    r->depth = 0;
    r->max_depth = max_depth < JSON_TEXT_MAX_DEPTH ? max_depth : JSON_TEXT_MAX_DEPTH;
    r->flags = flags;
    r->state = S_VALUE;
    r->failed = 0;
    bb_buf_init(&r->key);
    bb_buf_init(&r->str);
}

void json_reader_destroy(struct json_reader *r)
{
    bb_buf_destroy(&r->key);
    bb_buf_destroy(&r->str);
}

static int fail(struct json_reader *r, const unsigned char *at, const char *why,
                struct bb_error *err)
{
    r->state = S_FAILED;
    r->failed = BB_ERR_CORRUPT;
    return bb_error_set(err, BB_ERR_CORRUPT, "JSON text: %s at offset %zu", why,
                        (size_t)(at - r->start));
}

/* Character classes: whitespace between tokens; bytes that go on a run of
 * string characters (not '"', '\\' nor a control character; UTF-8 is
 * checked after the run, and only when it has a byte >= 0x80). */
enum { C_WS = 1, C_STR = 2 };

#define S4 C_STR, C_STR, C_STR, C_STR
#define S16 S4, S4, S4, S4
static const uint8_t cclass[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, C_WS, C_WS, 0, 0, C_WS, 0, 0,           /* 0x00: \t \n \r */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    C_WS | C_STR, C_STR, 0, C_STR, S4, S4, S4,                        /* 0x20: ' ', '"' */
    S16, S16,
    S4, S4, S4, 0, C_STR, C_STR, C_STR,                               /* 0x50: '\\' */
    S16, S16,
    S16, S16, S16, S16, S16, S16, S16, S16,                            /* 0x80: UTF-8 */
};
#undef S4
#undef S16

/* Inlined where it is called: the reader's work per token is small, and
 * calls were a large part of it. */
#if defined(__GNUC__)
#define HOT static inline __attribute__((always_inline))
#else
#define HOT static inline
#endif

static bool in_object(const struct json_reader *r)
{
    unsigned d = r->depth - 1;
    return r->objects[d / 8] >> (d % 8) & 1;
}

/* The 4 hex digits at p (which has 4 bytes), or -1. */
static long hex4(const unsigned char *p)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int d = bb_hex_digit(p[i]);
        if (d < 0)
            return -1;
        v = v << 4 | d;
    }
    return v;
}

/* Decode the string content s[0..e) (its escapes already checked) into
 * out: runs copied, escapes written as UTF-8; a surrogate escape must be
 * a high one followed by a low one. Never longer than the text. */
static int decode(struct json_reader *r, const unsigned char *s, const unsigned char *e,
                  struct bb_buf *out, struct bb_error *err)
{
    bb_buf_reset(out);
    char *d = bb_buf_reserve(out, (size_t)(e - s));
    if (!d) {
        r->state = S_FAILED;
        r->failed = BB_ERR_NOMEM;
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory reading JSON text");
    }
    char *d0 = d;
    while (s < e) {
        const unsigned char *bs = memchr(s, '\\', (size_t)(e - s));
        size_t run = bs ? (size_t)(bs - s) : (size_t)(e - s);
        memcpy(d, s, run);
        d += run;
        if (!bs)
            break;
        s = bs + 2;
        switch (bs[1]) {
        case 'b': *d++ = '\b'; break;
        case 'f': *d++ = '\f'; break;
        case 'n': *d++ = '\n'; break;
        case 'r': *d++ = '\r'; break;
        case 't': *d++ = '\t'; break;
        case 'u': {
            uint32_t cp = (uint32_t)hex4(s);
            s += 4;
            if (cp >= 0xdc00 && cp < 0xe000)
                return fail(r, bs, "unpaired surrogate", err);
            if (cp >= 0xd800 && cp < 0xdc00) {
                long lo = e - s >= 6 && s[0] == '\\' && s[1] == 'u' ? hex4(s + 2) : -1;
                if (lo < 0xdc00 || lo >= 0xe000)
                    return fail(r, bs, "unpaired surrogate", err);
                cp = 0x10000 + ((cp - 0xd800) << 10) + ((uint32_t)lo - 0xdc00);
                s += 6;
            }
            d += utf8_encode(d, cp);
            break;
        }
        default:        /* '"', '\\', '/' */
            *d++ = (char)bs[1];
            break;
        }
    }
    out->len = (size_t)(d - d0);
    out->data[out->len] = '\0';
    return 0;
}

/* The content of the string that starts at s (after its opening quote),
 * checked; *qp: its closing quote. */
HOT int scan_string(struct json_reader *r, const unsigned char *s, const unsigned char **qp,
                    bool *escaped, struct bb_error *err)
{
    const unsigned char *q = s, *end = r->end;
    unsigned high = 0;
    bool esc = false;
    for (;;) {
        while (q < end && (cclass[*q] & C_STR))
            high |= *q++;
        if (q >= end)
            return fail(r, q, "unterminated string", err);
        if (*q == '"')
            break;
        if (*q < 0x20)
            return fail(r, q, "control character in a string", err);
        esc = true;
        if (end - q < 2)
            return fail(r, q, "unterminated escape", err);
        unsigned char c = q[1];
        if (c == 'u') {
            if (end - q < 6)
                return fail(r, q, "truncated \\u escape", err);
            if (hex4(q + 2) < 0)
                return fail(r, q, "bad \\u escape", err);
            q += 6;
        } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' ||
                   c == 'r' || c == 't') {
            q += 2;
        } else {
            return fail(r, q, "bad escape", err);
        }
    }
    if (high & 0x80) {
        size_t bad = utf8_scan(s, (size_t)(q - s), 4);
        if (bad != (size_t)(q - s))
            return fail(r, s + bad, "string is not valid UTF-8", err);
    }
    *qp = q;
    *escaped = esc;
    return 0;
}

static bool digit(const unsigned char *q, const unsigned char *end)
{
    return q < end && *q >= '0' && *q <= '9';
}

/* The number that starts at s ('-' or a digit) into t, its integer value
 * too when it has one that fits; *qp: the byte after it. */
HOT int scan_number(struct json_reader *r, const unsigned char *s, const unsigned char **qp,
                    struct json_token *t, struct bb_error *err)
{
    const unsigned char *q = s, *end = r->end;
    bool neg = *q == '-';
    uint64_t mag = 0;
    if (neg)
        q++;
    if (!digit(q, end))
        return fail(r, q, "bad number", err);
    const unsigned char *ds = q;
    if (*q == '0') {
        q++;    /* a digit after a leading zero is not this number's */
    } else {
        for (; digit(q, end); q++)
            mag = mag * 10 + (unsigned)(*q - '0');  /* exact up to 20 digits that fit */
    }
    size_t nd = (size_t)(q - ds);
    enum json_number_kind kind;
    if (nd > 20 || (nd == 20 && memcmp(ds, "18446744073709551615", 20) > 0))
        kind = JSON_NUMBER_BIGINT;
    else if (neg)
        kind = mag <= (uint64_t)INT64_MAX + 1 ? JSON_NUMBER_INT : JSON_NUMBER_BIGINT;
    else
        kind = mag <= INT64_MAX ? JSON_NUMBER_INT : JSON_NUMBER_UINT;
    if (q < end && *q == '.') {
        q++;
        if (!digit(q, end))
            return fail(r, q, "bad number", err);
        while (digit(q, end))
            q++;
        kind = JSON_NUMBER_DECIMAL;
    }
    if (q < end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < end && (*q == '+' || *q == '-'))
            q++;
        if (!digit(q, end))
            return fail(r, q, "bad number", err);
        while (digit(q, end))
            q++;
        kind = JSON_NUMBER_DOUBLE;
    }
    t->kind = JSON_TOKEN_NUMBER;
    t->p = (const char *)s;
    t->n = (size_t)(q - s);
    t->num = kind;
    if (kind == JSON_NUMBER_INT)
        t->i = neg ? (int64_t)(0 - mag) : (int64_t)mag;
    else if (kind == JSON_NUMBER_UINT)
        t->u = mag;
    *qp = q;
    return 0;
}

/* json_reader_next(), inline in json_text_valid() too (a check of a whole
 * text then makes no call per token: a fifth of its time). The position
 * is kept in p, and stored in r when a token is complete. */
HOT int next_token(struct json_reader *r, struct json_token *t, struct bb_error *err)
{
    const unsigned char *p = r->p, *end = r->end, *s = NULL, *q = NULL;
    bool object, escaped = false, key = false;
    unsigned char c;
    int rc;
    while (p < end && (cclass[*p] & C_WS))
        p++;
    /* if-chains rather than switches: jump tables mispredict here */
    int state = r->state;
    if (state == S_AFTER) {
        object = in_object(r);
        if (p < end && *p == (object ? '}' : ']'))
            goto close;
        if (p >= end || *p != ',')
            return fail(r, p, object ? "expected ',' or '}'" : "expected ',' or ']'", err);
        p++;
        while (p < end && (cclass[*p] & C_WS))
            p++;
        if (object)
            goto key;
        goto value;
    }
    if (state == S_VALUE)
        goto value;
    if (state == S_OBJECT_FIRST) {
        if (p < end && *p == '}')
            goto close;
        goto key;
    }
    if (state == S_ARRAY_FIRST) {
        if (p < end && *p == ']')
            goto close;
        goto value;
    }
    if (state == S_DONE) {
        t->offset = (size_t)(p - r->start);
        if (p < end)
            return fail(r, p, "text after the value", err);
        r->p = p;
        t->kind = JSON_TOKEN_END;
        return 0;
    }
    return bb_error_set(err, r->failed, "JSON text: read after an error");

close:
    t->offset = (size_t)(p - r->start);
    t->kind = *p == '}' ? JSON_TOKEN_OBJECT_END : JSON_TOKEN_ARRAY_END;
    r->depth--;
    r->state = r->depth ? S_AFTER : S_DONE;
    r->p = p + 1;
    return 0;

key:
    t->offset = (size_t)(p - r->start);
    if (p >= end || *p != '"')
        return fail(r, p, "expected a key", err);
    s = p + 1;
    if ((rc = scan_string(r, s, &q, &escaped, err)) < 0)
        return rc;
    p = q + 1;
    while (p < end && (cclass[*p] & C_WS))
        p++;
    if (p >= end || *p != ':')
        return fail(r, p, "expected ':' after a key", err);
    p++;
    key = true;
    r->state = S_VALUE;
    goto string;

value:
    t->offset = (size_t)(p - r->start);
    if (p >= end)
        return fail(r, p, "expected a value", err);
    c = *p;
    if (c == '"') {
        s = p + 1;
        if ((rc = scan_string(r, s, &q, &escaped, err)) < 0)
            return rc;
        p = q + 1;
        key = false;
        r->state = r->depth ? S_AFTER : S_DONE;
        goto string;
    }
    if ((c >= '0' && c <= '9') || c == '-') {
        if ((rc = scan_number(r, p, &q, t, err)) < 0)
            return rc;
        p = q;
    } else if (c == '{' || c == '[') {
        if (r->depth >= r->max_depth) {
            r->state = S_FAILED;
            r->failed = BB_ERR_CORRUPT;
            return bb_error_set(err, BB_ERR_CORRUPT,
                                "JSON text: nesting deeper than %u at offset %zu", r->max_depth,
                                (size_t)(p - r->start));
        }
        object = c == '{';
        if (object)
            r->objects[r->depth / 8] |= (uint8_t)(1u << r->depth % 8);
        else
            r->objects[r->depth / 8] &= (uint8_t)~(1u << r->depth % 8);
        r->depth++;
        t->kind = object ? JSON_TOKEN_OBJECT_BEGIN : JSON_TOKEN_ARRAY_BEGIN;
        r->state = object ? S_OBJECT_FIRST : S_ARRAY_FIRST;
        r->p = p + 1;
        return 0;
    } else if (c == 't' || c == 'f' || c == 'n') {
        static const struct { char word[6]; uint8_t n; uint8_t kind; } lits[3] = {
            { "true", 4, JSON_TOKEN_TRUE }, { "false", 5, JSON_TOKEN_FALSE },
            { "null", 4, JSON_TOKEN_NULL },
        };
        int i = c == 't' ? 0 : c == 'f' ? 1 : 2;
        if ((size_t)(end - p) < lits[i].n || memcmp(p, lits[i].word, lits[i].n) != 0)
            return fail(r, p, "unexpected character", err);
        t->kind = (enum json_token_kind)lits[i].kind;
        p += lits[i].n;
    } else {
        return fail(r, p, "unexpected character", err);
    }
    r->state = r->depth ? S_AFTER : S_DONE;
    r->p = p;
    return 0;

string:
    r->p = p;
    t->kind = key ? JSON_TOKEN_KEY : JSON_TOKEN_STRING;
    t->escaped = escaped;
    if (escaped && (r->flags & JSON_READ_DECODE)) {
        struct bb_buf *out = key ? &r->key : &r->str;
        if ((rc = decode(r, s, q, out, err)) < 0)
            return rc;
        t->p = out->data;
        t->n = out->len;
    } else {
        t->p = (const char *)s;
        t->n = (size_t)(q - s);
    }
    return 0;
}

int json_reader_next(struct json_reader *r, struct json_token *t, struct bb_error *err)
{
    return next_token(r, t, err);
}

int json_number_double(const struct json_token *t, double *out)
{
    char buf[JSON_NUMBER_TEXT_MAX + 1];
    if (t->n > JSON_NUMBER_TEXT_MAX)
        return -1;
    memcpy(buf, t->p, t->n);
    buf[t->n] = '\0';
    *out = strtod(buf, NULL);
    return 0;
}

bool json_text_valid(const char *text, size_t n)
{
    struct json_reader r;
    struct json_token t;
    int rc;
    json_reader_init(&r, text, n, JSON_TEXT_MAX_DEPTH, 0);
    while ((rc = next_token(&r, &t, NULL)) == 0 && t.kind != JSON_TOKEN_END)
        ;
    json_reader_destroy(&r);
    return rc == 0;
}
