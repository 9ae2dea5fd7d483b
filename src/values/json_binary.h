/* json_binary.h - MySQL binary JSON (the JSON column type) and the JSON
 * diffs of PARTIAL_UPDATE_ROWS events, as JSON text. */
#ifndef BB_JSON_BINARY_H
#define BB_JSON_BINARY_H

#include <stddef.h>
#include <stdint.h>

#include "binbridge.h"
#include "base/buf.h"

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

#endif
