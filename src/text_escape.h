/* text_escape.h - outside text made harmless on a terminal and in a log.
 *
 * Outside text is whatever binbridge did not write itself: schema, table
 * and column names and statements from the binlog, what a sink hands back
 * (a checkpoint), what a server or a library says. Printed raw, a control
 * character in it can move the cursor, retitle the terminal, rewrite or
 * hide lines (ESC sequences), or split one log line into two.
 *
 * The escaped form: \t \n \r and \e for those four controls; \xNN (two
 * lower-case hex digits) for every other byte of a control character (C0
 * 0x00-0x1f, DEL 0x7f, and the C1 controls U+0080-U+009F, both of their
 * UTF-8 bytes) and for every byte that is not part of valid UTF-8.
 * Printable ASCII and valid UTF-8 stay as they are, readable. A backslash
 * is not doubled: the form is for reading, not for decoding back (dump
 * --format json keeps exact bytes). */
#ifndef BB_TEXT_ESCAPE_H
#define BB_TEXT_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Does p[0..n) need escaping at all? (The common case is no.) */
bool text_needs_escape(const void *p, size_t n);

/* Append the escaped form of p[0..n) to out. */
void text_escape_append(struct bb_buf *out, const void *p, size_t n);

/* Escape what was appended to out from offset `from` on (a formatter's
 * output, in place). */
void text_escape_tail(struct bb_buf *out, size_t from);

/* Escape the NUL-terminated s in place, in its buffer of size bytes; what
 * no longer fits is cut between two characters, never inside an escape. */
void text_escape_in_place(char *s, size_t size);

/* What every message gets before it is printed or logged: the passwords
 * of URLs in it masked (url_redact_passwords; cut is true when the
 * message was cut to fit, see url_redact_cut_tail), then escaped in
 * place. */
void text_clean_message(char *msg, size_t size, bool cut);

#endif
