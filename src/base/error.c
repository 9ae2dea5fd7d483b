/* error.c - first-error-wins error messages. */
#include "base/error.h"

#include <stdio.h>
#include <string.h>

#include "base/text_escape.h"

void bb_error_clear(struct bb_error *err)
{
    if (err) {
        err->code = 0;
        err->server_errno = 0;
        err->msg[0] = '\0';
    }
}

static int set_v(struct bb_error *err, int code, int server_errno, const char *fmt, va_list ap)
{
    if (!err || err->code != 0)
        return code;
    err->code = code;
    err->server_errno = server_errno;
    int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    /* One line, no password of a URL, no control character, whatever the
     * input held (names from the binlog, a sink's or a library's words). */
    text_clean_message(err->msg, sizeof err->msg, n >= (int)sizeof err->msg);
    return code;
}

int bb_error_setv(struct bb_error *err, int code, const char *fmt, va_list ap)
{
    return set_v(err, code, 0, fmt, ap);
}

int bb_error_set(struct bb_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_v(err, code, 0, fmt, ap);
    va_end(ap);
    return code;
}

int bb_error_set_server(struct bb_error *err, int code, int server_errno, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_v(err, code, server_errno, fmt, ap);
    va_end(ap);
    return code;
}

int bb_error_copy(struct bb_error *err, const struct bb_error *from)
{
    if (err && err->code == 0 && from->code != 0) {
        err->code = from->code;
        err->server_errno = from->server_errno;
        memcpy(err->msg, from->msg, sizeof err->msg);
        err->msg[sizeof err->msg - 1] = '\0';
    }
    return from->code;
}

void bb_error_prefix(struct bb_error *err, const char *fmt, ...)
{
    char old[BB_ERROR_MSG_MAX];
    va_list ap;

    if (!err || err->code == 0)
        return;
    memcpy(old, err->msg, sizeof old);
    va_start(ap, fmt);
    int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    bool cut = (size_t)n >= sizeof err->msg;
    size_t used = (size_t)n < sizeof err->msg ? (size_t)n : sizeof err->msg - 1;
    size_t room = sizeof err->msg - used;
    if (room > 2) {
        memcpy(err->msg + used, ": ", 2);
        used += 2;
        room -= 2;
        size_t len = strlen(old);
        if (len >= room) {
            len = room - 1;
            cut = true;
        }
        memcpy(err->msg + used, old, len);
        err->msg[used + len] = '\0';
    } else {
        cut = true;
    }
    text_clean_message(err->msg, sizeof err->msg, cut);
}

void bb_error_suffix(struct bb_error *err, const char *fmt, ...)
{
    if (!err || err->code == 0)
        return;
    size_t used = strlen(err->msg);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->msg + used, sizeof err->msg - used, fmt, ap);
    va_end(ap);
    bool cut = n >= 0 && (size_t)n >= sizeof err->msg - used;
    text_clean_message(err->msg, sizeof err->msg, cut);
}
