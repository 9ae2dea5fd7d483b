/* format_value.h - the text and JSON forms of values (bb_value_format_text
 * and bb_value_format_json are declared in binbridge.h) and the helpers they
 * share with the event formatters. */
#ifndef BB_FORMAT_VALUE_H
#define BB_FORMAT_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "binbridge.h"
#include "buf.h"

/* Shortest decimal text that reads back to the same number, in the form
 * MariaDB's SELECT prints (exponent form for very large/small magnitudes). */
void format_double(double d, struct bb_buf *out);
void format_float(float f, struct bb_buf *out);

/* MySQL binary JSON (the JSON column type) to compact JSON text, exactly as
 * MySQL's JSON_EXTRACT/SELECT prints it. Returns 0 or BB_ERR_CORRUPT. */
int json_binary_to_text(const uint8_t *p, size_t n, struct bb_buf *out, struct bb_error *err);

/* Check the layout of one binary JSON object or array (type is its type
 * byte; p[0..n) starts at its element count and n is what the document has
 * left): the header and entry tables fit, and every key and every value
 * that is not inlined lies in a range of its own after the entry tables, in
 * entry order, as MySQL writes them. A walker that calls this for each
 * container it enters visits every byte once, so its work and output stay
 * linear in the document. Returns 0 or BB_ERR_CORRUPT ("JSON: ..."). */
int json_binary_check_container(uint8_t type, const uint8_t *p, size_t n, struct bb_error *err);

/* PARTIAL_UPDATE_ROWS JSON diff list to text. */
int json_diff_to_text(const uint8_t *p, size_t n, struct bb_buf *out, struct bb_error *err);

/* Convert bytes in the character set of collation id `collation` to UTF-8.
 * Collation 0 (unknown) copies the bytes. Returns 0 or BB_ERR_CORRUPT
 * for bytes invalid in that charset, BB_ERR_UNSUPPORTED for an unknown id. */
int charset_to_utf8(uint16_t collation, const uint8_t *p, size_t n, struct bb_buf *out,
                    struct bb_error *err);

/* Character set name of a collation id ("utf8mb4", "latin1", "binary"), or
 * NULL when unknown. */
const char *charset_name(uint16_t collation);

/* True when the collation's bytes are already UTF-8 (utf8mb3, utf8mb4, ascii). */
int charset_is_utf8(uint16_t collation);

/* Is p[0..n) valid UTF-8? */
int utf8_valid(const uint8_t *p, size_t n);

/* Is text[0..n) exactly one JSON value (RFC 8259, UTF-8, nesting at most
 * 512 deep)? (json_text.c) */
bool json_text_valid(const char *text, size_t n);

#endif
