/* url.c - server URLs: the one parser (url_parse), the userinfo;
 * passwords masked in messages and scrubbed from the command line. */
#include "base/url.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "base/error.h"

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

/* ------------------------------------------------------------------ */
/* Parsing                                                             */

/* A %-decoded copy of text[off, off + n) into *out (malloc'd), what
 * naming the part for messages. */
static int decode(const char *text, size_t off, size_t n, const char *what, char **out,
                  struct bb_error *err)
{
    char *d = malloc(n + 1);
    if (!d)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    size_t o = 0;
    for (size_t i = off; i < off + n; i++) {
        if (text[i] != '%') {
            d[o++] = text[i];
            continue;
        }
        int hi = i + 2 < off + n ? bb_hex_digit((unsigned char)text[i + 1]) : -1;
        int lo = hi >= 0 ? bb_hex_digit((unsigned char)text[i + 2]) : -1;
        if (hi < 0 || lo < 0) {
            free(d);
            return bb_error_set(err, BB_ERR_USAGE, "bad percent escape in the %s at character "
                                "%zu (expected %% and two hex digits)", what, i + 1);
        }
        if (hi == 0 && lo == 0) {
            free(d);
            return bb_error_set(err, BB_ERR_USAGE, "the %s holds %%00 at character %zu", what,
                                i + 1);
        }
        d[o++] = (char)(hi << 4 | lo);
        i += 2;
    }
    d[o] = '\0';
    *out = d;
    return 0;
}

static int expected(char *buf, size_t n, const char *form)
{
    if (form)
        snprintf(buf, n, " (expected %s)", form);
    else
        buf[0] = '\0';
    return 0;
}

/* The host and port of the authority's text[h, end). */
static int parse_host_port(struct url *u, const char *text, size_t h, size_t end,
                           const char *form, struct bb_error *err)
{
    char exp[300];
    expected(exp, sizeof exp, form);
    size_t host_end, port_at = 0;
    if (h < end && text[h] == '[') {
        const char *close = memchr(text + h, ']', end - h);
        if (!close)
            return bb_error_set(err, BB_ERR_USAGE, "'[' of an IPv6 address without its ']'");
        size_t a = h + 1, b = (size_t)(close - text);
        bool ok = b > a && memchr(text + a, ':', b - a);
        for (size_t i = a; ok && i < b; i++)
            ok = isxdigit((unsigned char)text[i]) || text[i] == ':' || text[i] == '.';
        if (!ok)
            return bb_error_set(err, BB_ERR_USAGE, "'[%.*s]' is not an IPv6 address",
                                (int)(b - a), text + a);
        host_end = b + 1;
        if (host_end < end && text[host_end] != ':')
            return bb_error_set(err, BB_ERR_USAGE, "unexpected characters after the IPv6 "
                                "address%s", exp);
        if (host_end < end)
            port_at = host_end + 1;
        if (!(u->host = strndup(text + a, b - a)))
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        u->ipv6 = true;
    } else {
        const char *colon = memchr(text + h, ':', end - h);
        host_end = colon ? (size_t)(colon - text) : end;
        for (size_t i = h; i < host_end; i++)
            if (!isalnum((unsigned char)text[i]) && !strchr("-._", text[i]))
                return bb_error_set(err, BB_ERR_USAGE, "invalid character '%c' in the host "
                                    "name%s", text[i], exp);
        if (colon && memchr(colon + 1, ':', end - host_end - 1))
            return bb_error_set(err, BB_ERR_USAGE, "write an IPv6 address in brackets "
                                "([::1]:port)");
        if (host_end == h)
            return bb_error_set(err, BB_ERR_USAGE, "no host%s", exp);
        if (colon)
            port_at = host_end + 1;
        if (!(u->host = strndup(text + h, host_end - h)))
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    if (port_at) {
        /* Not quoted: the kind of problem is enough, and nothing of the
         * URL need be repeated. */
        size_t n = end - port_at;
        unsigned long v = 0;
        bool ok = n > 0 && n <= 5;
        for (size_t i = 0; ok && i < n; i++) {
            ok = isdigit((unsigned char)text[port_at + i]) != 0;
            v = v * 10 + (unsigned long)(text[port_at + i] - '0');
        }
        if (!ok || v < 1 || v > 65535)
            return bb_error_set(err, BB_ERR_USAGE, "the port must be a number from 1 to 65535");
        u->port = (unsigned)v;
    }
    return 0;
}

static int parse_query(struct url *u, const char *text, size_t q, size_t end,
                       struct bb_error *err)
{
    size_t n = 1;
    for (size_t i = q; i < end; i++)
        n += text[i] == '&';
    if (!(u->params = calloc(n, sizeof *u->params)))
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    for (size_t i = q; i < end;) {
        const char *amp = memchr(text + i, '&', end - i);
        size_t e = amp ? (size_t)(amp - text) : end;
        if (e > i) {
            struct url_param *p = &u->params[u->nparams++];
            const char *eq = memchr(text + i, '=', e - i);
            size_t ne = eq ? (size_t)(eq - text) : e;
            int rc = decode(text, i, ne - i, "query", &p->name, err);
            if (rc == 0 && eq)
                rc = decode(text, ne + 1, e - ne - 1, "query", &p->value, err);
            if (rc < 0)
                return rc;
        }
        i = e + 1;
    }
    return 0;
}

int url_parse(struct url *u, const char *text, const char *form, struct bb_error *err)
{
    memset(u, 0, sizeof *u);
    char exp[300];
    expected(exp, sizeof exp, form);
    size_t len = strlen(text);
    size_t s = url_scheme_len(text, len);
    if (s == 0 || s >= sizeof u->scheme)
        return bb_error_set(err, BB_ERR_USAGE, "not a URL (scheme://...)%s", exp);
    for (size_t i = 0; i < s; i++)
        u->scheme[i] = (char)tolower((unsigned char)text[i]);
    bool unix_socket = strcmp(u->scheme, "unix") == 0;

    size_t start = s + 3;
    size_t end = start + strcspn(text + start, "/?#");   /* of the authority */
    const char *late_at = strchr(text + end, '@');
    if (late_at)
        return bb_error_set(err, BB_ERR_USAGE, "an '@' after the host part (character %zu): "
                            "a '/', '?' or '#' in a user name or password must be written "
                            "%%2F, %%3F or %%23", (size_t)(late_at - text) + 1);

    /* userinfo: up to the authority's last '@' */
    size_t h = start;
    const char *at = NULL;
    for (size_t i = start; i < end; i++)
        if (text[i] == '@')
            at = text + i;
    if (at) {
        size_t ui_end = (size_t)(at - text);
        const char *colon = memchr(text + start, ':', ui_end - start);
        size_t user_end = colon ? (size_t)(colon - text) : ui_end;
        int rc = decode(text, start, user_end - start, "user name", &u->user, err);
        if (rc == 0 && colon)
            rc = decode(text, user_end + 1, ui_end - user_end - 1, "password", &u->password,
                        err);
        if (rc < 0)
            return rc;
        h = ui_end + 1;
    }

    if (unix_socket) {
        if (h != end || text[end] != '/')
            return bb_error_set(err, BB_ERR_USAGE, "unix:// needs an absolute socket path "
                                "(unix:///run/redis.sock)");
    } else {
        int rc = parse_host_port(u, text, h, end, form, err);
        if (rc < 0)
            return rc;
    }

    size_t p = end;
    if (text[p] == '/') {
        size_t pe = p + strcspn(text + p, "?#");
        int rc = decode(text, p, pe - p, "path", &u->path, err);
        if (rc < 0)
            return rc;
        p = pe;
    }
    if (text[p] == '?') {
        size_t qe = p + 1 + strcspn(text + p + 1, "#");
        u->has_query = true;
        int rc = parse_query(u, text, p + 1, qe, err);
        if (rc < 0)
            return rc;
        p = qe;
    }
    u->has_fragment = text[p] == '#';
    return 0;
}

void url_destroy(struct url *u)
{
    if (!u)
        return;
    free(u->user);
    if (u->password) {
        memset(u->password, 0, strlen(u->password));
        free(u->password);
    }
    free(u->host);
    free(u->path);
    for (size_t i = 0; i < u->nparams; i++) {
        free(u->params[i].name);
        free(u->params[i].value);
    }
    free(u->params);
    memset(u, 0, sizeof *u);
}

const char *url_quotable(const char *v, char *buf, size_t n)
{
    const char *at = strrchr(v, '@');
    if (!at || url_scheme_len(v, strlen(v)))
        return v;
    snprintf(buf, n, "...%s", at);
    return buf;
}
