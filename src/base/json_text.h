/* json_text.h - reading JSON text (RFC 8259): the one tokenizer every
 * reader of JSON text is built on, and the validity check.
 *
 * A json_reader hands out the tokens of one JSON value, one per call, in
 * text order, and checks the grammar as it goes: an error names what was
 * wrong and the byte offset. Users: json_text_valid() below (a MariaDB
 * JSON column embedded in JSON output), values/json_binary.c (MySQL's
 * JSON text from a SELECT written as binary JSON, for the snapshot) and
 * sinks/mongo/bson_value.c (MariaDB JSON columns as BSON documents).
 *
 *   json_reader_init(&r, text, n, 100, JSON_READ_DECODE);
 *   while ((rc = json_reader_next(&r, &t, err)) == 0 && t.kind != JSON_TOKEN_END)
 *       ...
 *   json_reader_destroy(&r);
 */
#ifndef BB_JSON_TEXT_H
#define BB_JSON_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* The deepest nesting (open objects and arrays) any reader allows. */
#define JSON_TEXT_MAX_DEPTH 512

/* The longest number text json_number_double() converts. */
#define JSON_NUMBER_TEXT_MAX 399

enum json_token_kind {
    JSON_TOKEN_OBJECT_BEGIN = 1,
    JSON_TOKEN_OBJECT_END,
    JSON_TOKEN_ARRAY_BEGIN,
    JSON_TOKEN_ARRAY_END,
    JSON_TOKEN_KEY,     /* an object member's key (its ':' read too); its value follows */
    JSON_TOKEN_STRING,
    JSON_TOKEN_NUMBER,
    JSON_TOKEN_TRUE,
    JSON_TOKEN_FALSE,
    JSON_TOKEN_NULL,
    JSON_TOKEN_END,     /* the value is complete and only whitespace follows it */
};

/* What a number's text is. Integers are texts without fraction or
 * exponent ("-0" is the integer 0). */
enum json_number_kind {
    JSON_NUMBER_INT,        /* an integer in int64's range: token.i */
    JSON_NUMBER_UINT,       /* an integer above INT64_MAX in uint64's range: token.u */
    JSON_NUMBER_BIGINT,     /* an integer beyond both */
    JSON_NUMBER_DECIMAL,    /* a fraction and no exponent: "1.50" */
    JSON_NUMBER_DOUBLE,     /* with an exponent: "1e3", "-2.5E-7" */
};

struct json_token {
    enum json_token_kind kind;
    size_t offset;              /* of its first byte in the text */
    /* KEY, STRING: the characters between the quotes, decoded to UTF-8
     * when the reader decodes (JSON_READ_DECODE) else as written, escapes
     * and all; NUMBER: its text. Not NUL-terminated. Points into the text,
     * or (a decoded string that had escapes) into the reader: a KEY stays
     * valid until the next KEY, a STRING until the next STRING. */
    const char *p;
    size_t n;
    bool escaped;               /* KEY, STRING: the text had backslash escapes */
    enum json_number_kind num;  /* NUMBER */
    int64_t i;                  /* JSON_NUMBER_INT */
    uint64_t u;                 /* JSON_NUMBER_UINT */
};

/* Decode strings: escapes become UTF-8, and a \u escape of half a
 * surrogate pair without its other half is an error (UTF-8 cannot hold
 * it). Without it strings are only checked against the grammar, which
 * allows such escapes. */
#define JSON_READ_DECODE 1u

struct json_reader {
    const unsigned char *start, *p, *end;
    unsigned depth, max_depth, flags;
    int state;
    int failed;                 /* the error code once one was returned */
    uint8_t objects[JSON_TEXT_MAX_DEPTH / 8];   /* per open container: an object? */
    struct bb_buf key, str;     /* decoded keys and strings */
};

/* Read text[0..n), one JSON value with whitespace around it, nested at
 * most max_depth deep (at most JSON_TEXT_MAX_DEPTH); flags: 0 or
 * JSON_READ_DECODE. The text must outlive the reader. */
void json_reader_init(struct json_reader *r, const char *text, size_t n, unsigned max_depth,
                      unsigned flags);
void json_reader_destroy(struct json_reader *r);

/* The next token into *t. Returns 0, or BB_ERR_CORRUPT when the text is
 * not JSON or nests too deep ("JSON text: expected ':' after a key at
 * offset 12"), BB_ERR_NOMEM; after an error every call returns it again.
 * After JSON_TOKEN_END every call gives JSON_TOKEN_END. err may be NULL. */
int json_reader_next(struct json_reader *r, struct json_token *t, struct bb_error *err);

/* A NUMBER token's value as the nearest double (strtod; may be infinite).
 * Returns 0, or -1 when its text is longer than JSON_NUMBER_TEXT_MAX. */
int json_number_double(const struct json_token *t, double *out);

/* Is text[0..n) exactly one JSON value (RFC 8259, UTF-8, nesting at most
 * JSON_TEXT_MAX_DEPTH deep)? Escapes are checked against the grammar only. */
bool json_text_valid(const char *text, size_t n);

#endif
