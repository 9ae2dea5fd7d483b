/* error.h - setting the struct bb_error declared in binbridge.h.
 *
 * Fallible functions return 0 on success or a negative code and fill the
 * struct bb_error passed as their last argument. The first error wins: once
 * set, later calls to bb_error_set() leave the message alone, so the message
 * names the innermost cause; outer layers add where with bb_error_prefix().
 *
 * A message is cleaned as it is set or prefixed (text_clean_message): the
 * password of any URL in it is masked and control characters are escaped,
 * so that whatever it quotes (a name from the binlog, a sink's reply, a
 * library's message) it can be printed and logged as one safe line. */
#ifndef BB_ERROR_H
#define BB_ERROR_H

#include <stdarg.h>

#include "binbridge.h"

#if defined(__GNUC__)
#define BB_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define BB_PRINTF(f, a)
#endif

void bb_error_clear(struct bb_error *err);

/* Set the error unless one is already set. Returns code, so callers can
 * write `return bb_error_set(err, BB_ERR_CORRUPT, "...")`. err may be NULL.
 * server_errno is 0: no server reported this. */
int bb_error_set(struct bb_error *err, int code, const char *fmt, ...) BB_PRINTF(3, 4);
int bb_error_setv(struct bb_error *err, int code, const char *fmt, va_list ap);

/* The same for an error a MySQL / MariaDB server (or its client library)
 * reported: server_errno is its number (mysql_errno), kept with the code
 * and the message (mysql/server_conn.h turns a connection's error into
 * this). */
int bb_error_set_server(struct bb_error *err, int code, int server_errno, const char *fmt, ...)
    BB_PRINTF(4, 5);

/* Copy an error met on the side (a struct bb_error of one's own) into
 * err, unless err already has one: code, server error number and message.
 * Returns from->code. */
int bb_error_copy(struct bb_error *err, const struct bb_error *from);

/* Prefix the message of an already-set error with "prefix: " (code and
 * server_errno stay as they are). */
void bb_error_prefix(struct bb_error *err, const char *fmt, ...) BB_PRINTF(2, 3);

/* Append to the message of an already-set error (where inside the input
 * its cause lies, when only the caller knows). */
void bb_error_suffix(struct bb_error *err, const char *fmt, ...) BB_PRINTF(2, 3);

#endif
