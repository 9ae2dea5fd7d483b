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
#include <stdint.h>

/* Does p[0..n) need escaping at all? (The common case is no.) */
bool text_needs_escape(const void *p, size_t n);

/* Escape src[0..n) into dst of dstsize bytes (NUL-terminated, whole units
 * only); returns the length written. */
size_t text_escape_into(char *dst, size_t dstsize, const uint8_t *src, size_t n);

/* The appenders to a struct bb_buf, text_escape_append and
 * text_escape_tail, are declared in buf.h (buf.c uses error.c, which uses
 * this file: the escaping itself stays below them). */

/* Escape the NUL-terminated s in place, in its buffer of size bytes; what
 * no longer fits is cut between two characters, never inside an escape. */
void text_escape_in_place(char *s, size_t size);

/* What every message gets before it is printed or logged: the passwords
 * of URLs in it masked (url_redact_passwords; cut is true when the
 * message was cut to fit, see url_redact_cut_tail), then escaped in
 * place. */
void text_clean_message(char *msg, size_t size, bool cut);

#endif
