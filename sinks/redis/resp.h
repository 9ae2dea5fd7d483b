/* resp.h - Redis commands in RESP, the protocol's own form, rendered
 * straight into a buffer: an array header, then each argument as a bulk
 * string. Inline: a batch renders many short pieces. */
#ifndef BB_REDIS_RESP_H
#define BB_REDIS_RESP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/buf.h"

#define RESP_MULTI "*1\r\n$5\r\nMULTI\r\n"
#define RESP_MULTI_LEN (sizeof RESP_MULTI - 1)
#define RESP_EXEC "*1\r\n$4\r\nEXEC\r\n"

/* "<type><n>\r\n": an array header ('*') or a bulk string's ('$'). */
static inline void resp_put_header(struct bb_buf *b, char type, size_t n)
{
    char tmp[24], *end = tmp + sizeof tmp, *p = end;
    *--p = '\n';
    *--p = '\r';
    do {
        *--p = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    *--p = type;
    bb_buf_append(b, p, (size_t)(end - p));
}

static inline void resp_put_bulk(struct bb_buf *b, const void *s, size_t n)
{
    resp_put_header(b, '$', n);
    bb_buf_append(b, s, n);
    bb_buf_append(b, "\r\n", 2);
}

static inline void resp_put_bulk_str(struct bb_buf *b, const char *s)
{
    resp_put_bulk(b, s, strlen(s));
}

static inline void resp_put_bulk_u64(struct bb_buf *b, uint64_t v)
{
    char tmp[24], *end = tmp + sizeof tmp, *p = end;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    resp_put_bulk(b, p, (size_t)(end - p));
}

/* A constant argument already in RESP form ("$3\r\nDEL\r\n"). */
#define resp_put_lit(b, s) bb_buf_append((b), (s), sizeof(s) - 1)
#define ARG_DEL "$3\r\nDEL\r\n"
#define ARG_HSET "$4\r\nHSET\r\n"
#define ARG_HDEL "$4\r\nHDEL\r\n"
#define ARG_EXPIRE "$6\r\nEXPIRE\r\n"

#endif
