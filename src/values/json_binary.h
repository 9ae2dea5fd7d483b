/* json_binary.h - MySQL binary JSON (the JSON column type): the one walker
 * of its documents, their text as MySQL prints it, documents written from
 * JSON text, and the JSON diffs of PARTIAL_UPDATE_ROWS events as text. */
#ifndef BB_JSON_BINARY_H
#define BB_JSON_BINARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "binbridge.h"
#include "base/buf.h"

/* Binary JSON value types (MySQL sql/json_binary.h). */
enum json_binary_type {
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

/* The byte of a JSONB_LITERAL. */
enum json_binary_literal { JSONB_NULL = 0, JSONB_TRUE = 1, JSONB_FALSE = 2 };

/* What json_binary_walk() tells of a document, in document order: an
 * object or array begins, then each member (an object's: its key, then
 * its value), then it ends. Every callback returns 0 to go on; anything
 * else stops the walk, which returns it: a negative error code (the
 * callback filled err), or a positive value of the visitor's own (the
 * MongoDB sink's "write this document as its text"). Pointers are into
 * the document. */
struct json_binary_visitor {
    int (*object_begin)(void *ctx, uint32_t count);
    int (*array_begin)(void *ctx, uint32_t count);
    int (*key)(void *ctx, const char *key, size_t n);          /* valid UTF-8 */
    int (*end)(void *ctx, bool object);                         /* of the innermost one open */
    int (*literal)(void *ctx, enum json_binary_literal v);
    int (*int64)(void *ctx, int64_t v);                         /* INT16, INT32, INT64 */
    int (*uint64)(void *ctx, uint64_t v);                       /* UINT16, UINT32, UINT64 */
    int (*float64)(void *ctx, double v);                        /* DOUBLE; finite */
    int (*string)(void *ctx, const char *p, size_t n);         /* valid UTF-8 */
    /* OPAQUE: a value of MySQL column type mysql_type (MYSQL_TYPE_*) in
     * that type's binary form, unchecked (json_binary_opaque_to_text). */
    int (*opaque)(void *ctx, uint8_t mysql_type, const uint8_t *p, size_t n);
};

/* Walk the binary JSON document p[0..n) (a type byte, then the value),
 * calling v's callbacks with ctx. An empty document (n == 0) is a null,
 * as MySQL reads it. Each object and array is checked before its members
 * are visited (json_binary.c: the layout MySQL writes; entries sharing
 * or overlapping a child are refused, so the walk visits every byte once
 * and its work stays linear in the document). Returns 0, what a callback
 * returned, or BB_ERR_CORRUPT ("JSON: ..."). */
int json_binary_walk(const uint8_t *p, size_t n, const struct json_binary_visitor *v, void *ctx,
                     struct bb_error *err);

/* The check json_binary_walk() makes of each object and array it enters
 * (type is its type byte; p[0..n) starts at its element count and n is
 * what the document has left): the header and entry tables fit, and every
 * key and every value that is not inlined lies in a range of its own
 * after the entry tables, in entry order, as MySQL writes them. Exposed
 * for the tests. Returns 0 or BB_ERR_CORRUPT ("JSON: ..."). */
int json_binary_check_container(uint8_t type, const uint8_t *p, size_t n, struct bb_error *err);

/* MySQL binary JSON (the JSON column type) to compact JSON text, exactly as
 * MySQL's JSON_EXTRACT/SELECT prints it. Returns 0 or BB_ERR_CORRUPT
 * (out unchanged). */
int json_binary_to_text(const uint8_t *p, size_t n, struct bb_buf *out, struct bb_error *err);

/* The text json_binary_to_text() gives an opaque value of MySQL type
 * mysql_type held in p[0..n): a bare number (DECIMAL), a quoted string
 * (DATE, TIME, DATETIME, TIMESTAMP, VAR_STRING), or "base64:typeNN:...".
 * Returns 0 or BB_ERR_CORRUPT. */
int json_binary_opaque_to_text(uint8_t mysql_type, const uint8_t *p, size_t n, struct bb_buf *out,
                               struct bb_error *err);

/* JSON text (as MySQL prints its JSON columns) to MySQL binary JSON,
 * appended to out: a document that renders as the same text (json_binary.c
 * says which types it is written with). Returns 0, or BB_ERR_CORRUPT for
 * text that is not JSON ("JSON text: ... at offset N") or that binary
 * JSON cannot hold (nesting over 101 deep, a number beyond a double's
 * range, a key over 65535 bytes, a document over 4 GB), BB_ERR_NOMEM;
 * out is unchanged on failure. */
int json_binary_from_text(const char *text, size_t n, struct bb_buf *out, struct bb_error *err);

/* PARTIAL_UPDATE_ROWS JSON diff list to text. */
int json_diff_to_text(const uint8_t *p, size_t n, struct bb_buf *out, struct bb_error *err);

#endif
