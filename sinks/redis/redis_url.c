/* redis_url.c - redis:// and unix:// URLs (redis.h), read by the one URL
 * parser (base/url.h): its rules for the userinfo, unix:// and
 * %-escapes, then what a Redis URL adds (the database, db=N). */
#include "sinks/redis/redis.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/url.h"

/* What the messages show as the form of a URL. */
#define REDIS_URL_FORM "redis://[[user]:password@]host[:port][/db]"
#define UNIX_URL_FORM "unix://[[user]:password@]/path/to/socket[?db=N]"

/* A database number: 0 to INT_MAX in decimal. */
static bool parse_db(const char *s, int *out)
{
    size_t n = strlen(s);
    if (n == 0 || n > 10)
        return false;
    long long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    if (v > INT_MAX)
        return false;
    *out = (int)v;
    return true;
}

static char *take(char **p)
{
    char *v = *p;
    *p = NULL;
    return v;
}

int redis_url_parse(struct redis_url *u, const char *url, struct bb_error *err)
{
    memset(u, 0, sizeof *u);
    u->port = 6379;
    if (!url)
        return bb_error_set(err, BB_ERR_USAGE, "no Redis URL");
    size_t slen = url_scheme_len(url, strlen(url));
    if (slen == 6 && strncasecmp(url, "rediss", 6) == 0)
        return bb_error_set(err, BB_ERR_USAGE, "TLS (rediss://) is not supported; use "
                            REDIS_URL_FORM);
    bool is_unix = slen == 4 && strncasecmp(url, "unix", 4) == 0;
    if (!is_unix && !(slen == 5 && strncasecmp(url, "redis", 5) == 0)) {
        char q[256];
        return bb_error_set(err, BB_ERR_USAGE, "the URL must be " REDIS_URL_FORM " or "
                            UNIX_URL_FORM ", got \"%s\"", url_quotable(url, q, sizeof q));
    }
    struct url p;
    int rc = url_parse(&p, url, is_unix ? UNIX_URL_FORM : REDIS_URL_FORM, err);
    bool have_db = false;
    if (rc < 0)
        goto done;
    if (p.has_fragment) {
        rc = bb_error_set(err, BB_ERR_USAGE, "a #fragment is not supported");
        goto done;
    }
    /* An empty user name ("redis://:password@host") is the default user. */
    if (p.user && p.user[0])
        u->user = take(&p.user);
    if (p.password && p.password[0])
        u->password = take(&p.password);
    if (is_unix) {
        if (strlen(p.path) >= 108) {
            rc = bb_error_set(err, BB_ERR_USAGE, "the socket path is longer than 107 bytes");
            goto done;
        }
        u->path = take(&p.path);
    } else {
        u->host = take(&p.host);
        if (p.port)
            u->port = (int)p.port;
        if (p.path && strcmp(p.path, "/") != 0) {
            /* Nothing after the host part is ever a password's: quotable. */
            if (!parse_db(p.path + 1, &u->db)) {
                rc = bb_error_set(err, BB_ERR_USAGE, "the database after '/' must be a number, "
                                  "got \"%.40s\"", p.path + 1);
                goto done;
            }
            have_db = true;
        }
    }
    for (size_t i = 0; i < p.nparams; i++) {
        const struct url_param *q = &p.params[i];
        if (strcmp(q->name, "db") != 0) {
            rc = bb_error_set(err, BB_ERR_USAGE, "unknown parameter '%.40s' (only db=N)", q->name);
            goto done;
        }
        if (have_db) {
            rc = bb_error_set(err, BB_ERR_USAGE, "the database is given twice");
            goto done;
        }
        if (!q->value || !parse_db(q->value, &u->db)) {
            rc = bb_error_set(err, BB_ERR_USAGE, "db=%.20s is not a database number",
                              q->value ? q->value : "");
            goto done;
        }
        have_db = true;
    }
done:
    url_destroy(&p);
    return rc;
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
