/* redis_url.c - redis://, rediss:// and unix:// URLs (redis.h). */
#include "sinks/redis/redis.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/url.h"


/* ------------------------------------------------------------------ */
/* URLs                                                                */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A percent-decoded copy of s[0..n), or NULL (bad escape, NUL byte, no memory). */
static char *pct_decode(const char *s, size_t n)
{
    char *out = malloc(n + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
            int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                free(out);
                return NULL;
            }
            *o++ = (char)(hi * 16 + lo);
            i += 2;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

static int parse_uint(const char *s, size_t n, long max, long *out)
{
    if (n == 0 || n > 10)
        return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (v > max)
        return -1;
    *out = v;
    return 0;
}

/* "user[:password]" */
static int parse_userinfo(struct redis_url *u, const char *s, size_t n, struct bb_error *err)
{
    const char *colon = memchr(s, ':', n);
    size_t ulen = colon ? (size_t)(colon - s) : n;
    if (ulen && !(u->user = pct_decode(s, ulen)))
        return bb_error_set(err, BB_ERR_USAGE, "Redis URL: the user name has a bad %%-escape");
    if (colon && n - ulen > 1 && !(u->password = pct_decode(colon + 1, n - ulen - 1)))
        return bb_error_set(err, BB_ERR_USAGE, "Redis URL: the password has a bad %%-escape");
    return 0;
}

/* "db=N[&...]" */
static int parse_query(struct redis_url *u, const char *q, bool have_db, struct bb_error *err)
{
    while (*q) {
        const char *amp = strchr(q, '&');
        size_t n = amp ? (size_t)(amp - q) : strlen(q);
        long v;
        if (n > 3 && memcmp(q, "db=", 3) == 0) {
            if (have_db)
                return bb_error_set(err, BB_ERR_USAGE, "Redis URL: the database is given twice");
            if (parse_uint(q + 3, n - 3, INT_MAX, &v) < 0)
                return bb_error_set(err, BB_ERR_USAGE, "Redis URL: db=%.*s is not a database "
                                    "number", (int)(n - 3 > 20 ? 20 : n - 3), q + 3);
            u->db = (int)v;
            have_db = true;
        } else {
            return bb_error_set(err, BB_ERR_USAGE, "Redis URL: unknown parameter '%.*s' (only "
                                "db=N)", (int)(n > 40 ? 40 : n), q);
        }
        q += n + (amp ? 1 : 0);
    }
    return 0;
}

int redis_url_parse(struct redis_url *u, const char *url, struct bb_error *err)
{
    memset(u, 0, sizeof *u);
    u->port = 6379;
    if (!url)
        return bb_error_set(err, BB_ERR_USAGE, "no Redis URL");
    if (strncmp(url, "rediss://", 9) == 0)
        return bb_error_set(err, BB_ERR_USAGE, "Redis URL: TLS (rediss://) is not supported "
                            "(hiredis 0.14 has no TLS); use a TLS tunnel and redis://");
    bool is_unix = strncmp(url, "unix://", 7) == 0;
    if (!is_unix && strncmp(url, "redis://", 8) != 0)
        return bb_error_set(err, BB_ERR_USAGE, "Redis URL must look like "
                            "redis://[[user]:password@]host[:port][/db] or "
                            "unix:///path/to/socket[?db=N]");
    const char *rest = url + (is_unix ? 7 : 8);
    const char *q = strchr(rest, '?');
    size_t restlen = q ? (size_t)(q - rest) : strlen(rest);
    bool have_db = false;

    if (is_unix) {
        /* unix://[userinfo@]/path */
        const char *slash = memchr(rest, '/', restlen);
        if (!slash)
            return bb_error_set(err, BB_ERR_USAGE, "Redis URL: unix:// needs an absolute socket "
                                "path (unix:///run/redis.sock)");
        const char *at = memchr(rest, '@', (size_t)(slash - rest));
        if (at) {
            if (parse_userinfo(u, rest, (size_t)(at - rest), err) < 0)
                return err->code;
        } else if (slash != rest) {
            return bb_error_set(err, BB_ERR_USAGE, "Redis URL: unix:// needs an absolute socket "
                                "path (unix:///run/redis.sock)");
        }
        size_t plen = restlen - (size_t)(slash - rest);
        if (!(u->path = pct_decode(slash, plen)))
            return bb_error_set(err, BB_ERR_USAGE, "Redis URL: the socket path has a bad "
                                "%%-escape");
        if (strlen(u->path) >= 108)
            return bb_error_set(err, BB_ERR_USAGE, "Redis URL: the socket path is longer than "
                                "107 bytes");
    } else {
        /* redis://[userinfo@]host[:port][/db] */
        const char *slash = memchr(rest, '/', restlen);
        size_t alen = slash ? (size_t)(slash - rest) : restlen;
        const char *at = NULL;
        for (size_t i = 0; i < alen; i++)
            if (rest[i] == '@')
                at = rest + i;  /* the last one: an unescaped '@' in a password works */
        const char *hp = rest;
        if (at) {
            if (parse_userinfo(u, rest, (size_t)(at - rest), err) < 0)
                return err->code;
            hp = at + 1;
        }
        size_t hplen = alen - (size_t)(hp - rest);
        const char *host = hp, *port = NULL;
        size_t hlen = hplen, portlen = 0;
        if (hplen && hp[0] == '[') {
            const char *close = memchr(hp, ']', hplen);
            if (!close)
                return bb_error_set(err, BB_ERR_USAGE, "Redis URL: unclosed '[' in the host");
            host = hp + 1;
            hlen = (size_t)(close - host);
            size_t after = hplen - (size_t)(close + 1 - hp);
            if (after) {
                if (close[1] != ':')
                    return bb_error_set(err, BB_ERR_USAGE, "Redis URL: unexpected text after "
                                        "the IPv6 address");
                port = close + 2;
                portlen = after - 1;
            }
        } else {
            const char *colon = memchr(hp, ':', hplen);
            if (colon) {
                if (memchr(colon + 1, ':', hplen - (size_t)(colon + 1 - hp)))
                    return bb_error_set(err, BB_ERR_USAGE, "Redis URL: write an IPv6 address in "
                                        "brackets ([::1]:6379)");
                hlen = (size_t)(colon - hp);
                port = colon + 1;
                portlen = hplen - hlen - 1;
            }
        }
        if (port) {
            long v;
            if (parse_uint(port, portlen, 65535, &v) < 0 || v == 0)
                return bb_error_set(err, BB_ERR_USAGE, "Redis URL: port '%.*s' is not a number "
                                    "from 1 to 65535", (int)(portlen > 20 ? 20 : portlen), port);
            u->port = (int)v;
        }
        u->host = hlen ? strndup(host, hlen) : strdup("127.0.0.1");
        if (!u->host)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        if (slash && restlen - alen > 1) {
            long v;
            size_t dlen = restlen - alen - 1;
            if (parse_uint(slash + 1, dlen, INT_MAX, &v) < 0)
                return bb_error_set(err, BB_ERR_USAGE, "Redis URL: '/%.*s' is not a database "
                                    "number", (int)(dlen > 20 ? 20 : dlen), slash + 1);
            u->db = (int)v;
            have_db = true;
        }
    }
    if (q && parse_query(u, q + 1, have_db, err) < 0)
        return err->code;
    return 0;
}

void redis_url_destroy(struct redis_url *u)
{
    free(u->host);
    free(u->path);
    free(u->user);
    if (u->password) {
        memset(u->password, 0, strlen(u->password));
        free(u->password);
    }
    memset(u, 0, sizeof *u);
}
