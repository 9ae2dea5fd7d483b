/* url.c - the userinfo of server URLs; passwords masked in messages and
 * scrubbed from the command line. */
#include "base/url.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool scheme_char(unsigned char c)
{
    return isalnum(c) || c == '+' || c == '-' || c == '.';
}

size_t url_scheme_len(const char *url, size_t len)
{
    if (len == 0 || !isalpha((unsigned char)url[0]))
        return 0;
    size_t i = 1;
    while (i < len && scheme_char((unsigned char)url[i]))
        i++;
    return len - i >= 3 && memcmp(url + i, "://", 3) == 0 ? i : 0;
}

size_t url_authority_len(const char *url)
{
    size_t s = url_scheme_len(url, strlen(url));
    size_t start = s ? s + 3 : 0;
    return start + strcspn(url + start, "/?#");
}

bool url_userinfo(const char *url, size_t len, struct url_userinfo *out)
{
    size_t s = url_scheme_len(url, len);
    if (s == 0)
        return false;
    size_t start = s + 3;
    const char *at = NULL;
    for (const char *p = url + start; p < url + len; p++)
        if (*p == '@')
            at = p;
    if (!at)
        return false;
    size_t ui_len = (size_t)(at - (url + start));
    const char *colon = memchr(url + start, ':', ui_len);
    memset(out, 0, sizeof *out);
    out->user = start;
    out->user_len = colon ? (size_t)(colon - (url + start)) : ui_len;
    out->has_password = colon != NULL;
    if (colon) {
        out->password = (size_t)(colon + 1 - url);
        out->password_len = (size_t)(at - colon - 1);
    }
    out->host = (size_t)(at + 1 - url);
    return true;
}

bool url_has_password(const char *url)
{
    struct url_userinfo u;
    return url && url_userinfo(url, url_authority_len(url), &u) && u.has_password;
}

void url_scrub_password(char *url)
{
    struct url_userinfo u;
    if (url && url_userinfo(url, strlen(url), &u) && u.password_len)
        memset(url + u.password, 'x', u.password_len);
}

void url_scrub_args(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (strncmp(a, "--", 2) == 0 && strchr(a, '='))
            a = strchr(a, '=') + 1;
        url_scrub_password(a);
    }
}

/* text[off, off + len) becomes `with`, in a buffer of size bytes holding n
 * bytes and a NUL; what no longer fits is cut. Returns the new length. */
static size_t replace(char *text, size_t n, size_t size, size_t off, size_t len, const char *with,
                      size_t wlen)
{
    size_t room = size - 1;
    if (wlen > room - off)
        wlen = room - off;
    size_t tail = n - off - len;
    if (tail > room - off - wlen)
        tail = room - off - wlen;
    memmove(text + off + wlen, text + off + len, tail);
    memcpy(text + off, with, wlen);
    text[off + wlen + tail] = '\0';
    return off + wlen + tail;
}

static bool word_char(unsigned char c)
{
    return c > 0x20 && c != 0x7f;
}

void url_redact_passwords(char *text, size_t size)
{
    static const char mask[] = "***";
    if (!text || size == 0)
        return;
    size_t n = strlen(text);
    for (size_t k = 0; k + 3 <= n;) {
        const char *sep = strstr(text + k, "://");
        if (!sep)
            break;
        size_t at3 = (size_t)(sep - text);
        /* the scheme: back over scheme characters, starting with a letter */
        size_t j = at3;
        while (j > 0 && scheme_char((unsigned char)text[j - 1]))
            j--;
        while (j < at3 && !isalpha((unsigned char)text[j]))
            j++;
        size_t end = at3 + 3;
        while (end < n && word_char((unsigned char)text[end]))
            end++;
        /* A user name with a '[' is the usage form of a message
         * ("mysql://user[:password]@host", "redis://[[user]:password@]host"):
         * a URL's userinfo has its brackets percent-encoded. */
        struct url_userinfo u;
        if (j < at3 && url_userinfo(text + j, end - j, &u) && u.password_len &&
            !memchr(text + j + u.user, '[', u.user_len)) {
            size_t off = j + u.password;
            n = replace(text, n, size, off, u.password_len, mask, sizeof mask - 1);
            k = off + sizeof mask - 1;
        } else {
            k = at3 + 3;
        }
    }
}

void url_redact_cut_tail(char *text, size_t size)
{
    static const char mask[] = "***";
    if (!text || size == 0)
        return;
    size_t n = strlen(text), w = n;
    while (w > 0 && word_char((unsigned char)text[w - 1]))
        w--;
    const char *sep = strstr(text + w, "://");
    if (!sep)
        return;
    size_t off = (size_t)(sep - text) + 3;
    replace(text, n, size, off, n - off, mask, sizeof mask - 1);
}

static void put_escaped(char *out, size_t *o, const char *p, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '@' || c == ':' || c == '[' || c == ']') {
            out[(*o)++] = '%';
            out[(*o)++] = hex[c >> 4];
            out[(*o)++] = hex[c & 15];
        } else {
            out[(*o)++] = (char)c;
        }
    }
}

char *url_escape_userinfo(const char *url)
{
    struct url_userinfo u;
    if (!url_userinfo(url, url_authority_len(url), &u))
        return strdup(url);
    size_t n = strlen(url);
    char *out = malloc(n * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    memcpy(out, url, u.user);
    o = u.user;
    put_escaped(out, &o, url + u.user, u.user_len);
    if (u.has_password) {
        out[o++] = ':';
        put_escaped(out, &o, url + u.password, u.password_len);
    }
    out[o++] = '@';
    memcpy(out + o, url + u.host, n - u.host + 1);
    return out;
}
