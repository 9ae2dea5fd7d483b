/* json_text.h - checking JSON text. */
#ifndef BB_JSON_TEXT_H
#define BB_JSON_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Is text[0..n) exactly one JSON value (RFC 8259, UTF-8, nesting at most
 * 512 deep)? */
bool json_text_valid(const char *text, size_t n);

#endif
