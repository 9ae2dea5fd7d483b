/* charset.h - collation ids to character sets, and text to UTF-8
 * (charset.c says how each character set is converted). */
#ifndef BB_CHARSET_H
#define BB_CHARSET_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

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

#endif
