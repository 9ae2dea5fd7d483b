/* text_escape.c - control characters and invalid UTF-8 of outside text as
 * \e, \n, \xNN ... (the form is described in text_escape.h). */
#include "base/text_escape.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/url.h"
#include "base/utf8.h"

/* The next unit at p: a character kept as is (*plain), or bytes to escape
 * one by one. Returns its length in bytes. */
static size_t next_unit(const uint8_t *p, size_t n, bool *plain)
{
    uint8_t c = p[0];
    if (c < 0x80) {
        *plain = c >= 0x20 && c != 0x7f;
        return 1;
    }
    size_t len = utf8_char_len(p, n);     /* utf8.h: no overlong forms, surrogates, > U+10FFFF */
    if (len == 0) {
        *plain = false;
        return 1;
    }
    /* C1 controls U+0080-U+009F: 0xc2 0x80-0x9f */
    *plain = !(c == 0xc2 && p[1] <= 0x9f);
    return len;
}

static bool is_plain_ascii(uint8_t c)
{
    return c >= 0x20 && c < 0x7f;
}

bool text_needs_escape(const void *vp, size_t n)
{
    const uint8_t *p = vp;
    size_t i = 0;
    while (i < n) {
        if (is_plain_ascii(p[i])) {
            i++;
            continue;
        }
        bool plain;
        size_t len = next_unit(p + i, n - i, &plain);
        if (!plain)
            return true;
        i += len;
    }
    return false;
}

/* The escape of one byte into out (at most 4 bytes); returns its length. */
static size_t escape_byte(uint8_t c, char *out)
{
    static const char hex[] = "0123456789abcdef";
    char short_form = c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : c == 0x1b ? 'e' : 0;
    out[0] = '\\';
    if (short_form) {
        out[1] = short_form;
        return 2;
    }
    out[1] = 'x';
    out[2] = hex[c >> 4];
    out[3] = hex[c & 15];
    return 4;
}

size_t text_escape_into(char *dst, size_t dstsize, const uint8_t *src, size_t n)
{
    size_t o = 0, i = 0;
    if (dstsize == 0)
        return 0;
    while (i < n) {
        bool plain;
        size_t len = next_unit(src + i, n - i, &plain);
        if (plain) {
            if (o + len >= dstsize)
                break;
            memcpy(dst + o, src + i, len);
            o += len;
        } else {
            /* one byte, or the two of a C1 control: each escaped */
            char e[8];
            size_t k = 0;
            for (size_t b = 0; b < len; b++)
                k += escape_byte(src[i + b], e + k);
            if (o + k >= dstsize)
                break;
            memcpy(dst + o, e, k);
            o += k;
        }
        i += len;
    }
    dst[o] = '\0';
    return o;
}

void text_escape_in_place(char *s, size_t size)
{
    if (!s || size == 0)
        return;
    size_t n = strlen(s);
    if (!text_needs_escape(s, n))
        return;
    char stack[1024];
    char *copy = n <= sizeof stack ? stack : malloc(n);
    if (!copy) {
        /* No memory for a copy: drop what would need escaping. */
        size_t o = 0;
        for (size_t i = 0; i < n; i++)
            if (is_plain_ascii((uint8_t)s[i]))
                s[o++] = s[i];
        s[o] = '\0';
        return;
    }
    memcpy(copy, s, n);
    text_escape_into(s, size, (const uint8_t *)copy, n);
    if (copy != stack)
        free(copy);
}

void text_clean_message(char *msg, size_t size, bool cut)
{
    if (cut)
        url_redact_cut_tail(msg, size);
    url_redact_passwords(msg, size);
    text_escape_in_place(msg, size);
}
