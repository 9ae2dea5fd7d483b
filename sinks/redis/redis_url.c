/* redis_url.c - redis://, rediss:// and unix:// URLs (redis.h), read by
 * the one URL parser (base/url.h): its rules for the userinfo, unix://
 * and %-escapes, then what a Redis URL adds (the database, db=N, and for
 * rediss:// the TLS parameters). */
#include "sinks/redis/redis.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/hostport.h"
#include "base/url.h"

/* What the messages show as the form of a URL. */
#define REDIS_URL_FORM "redis://[[user]:password@]host[:port][/db]"
#define REDISS_URL_FORM "rediss://[[user]:password@]host[:port][/db][?tls-ca=FILE&...]"
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

/* seed=host:port[,host:port...]: more nodes of a cluster. */
static int add_seeds(struct redis_url *u, const char *v, struct bb_error *err)
{
    const char *p = v;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char one[300], host[256], why[200];
        unsigned port;
        if (n == 0 || n >= sizeof one)
            return bb_error_set(err, BB_ERR_USAGE, "seed=%.60s: a seed is host:port", v);
        memcpy(one, p, n);
        one[n] = '\0';
        if (!strchr(one, ':') || strchr(one, ':') == one + n - 1) {
            /* a host alone: the default port */
            if (n + 6 >= sizeof one)
                return bb_error_set(err, BB_ERR_USAGE, "seed=%.60s: host too long", v);
            if (one[n - 1] == ':')
                one[--n] = '\0';
            snprintf(one + n, sizeof one - n, ":6379");
        }
        if (!hostport_split(one, host, sizeof host, &port, why, sizeof why) || !host[0])
            return bb_error_set(err, BB_ERR_USAGE, "seed=%.60s: %s", one,
                                host[0] ? why : "no host");
        char **h = realloc(u->seed_hosts, (u->nseeds + 1) * sizeof *h);
        if (h)
            u->seed_hosts = h;
        int *ports = realloc(u->seed_ports, (u->nseeds + 1) * sizeof *ports);
        if (ports)
            u->seed_ports = ports;
        if (!h || !ports || !(u->seed_hosts[u->nseeds] = strdup(host)))
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        u->seed_ports[u->nseeds++] = (int)port;
        p += n + (comma ? 1 : 0);
        if (comma && !*p)
            return bb_error_set(err, BB_ERR_USAGE, "seed=%.60s ends with ','", v);
    }
    return 0;
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
    u->tls_verify = -1;
    size_t slen = url_scheme_len(url, strlen(url));
    u->tls = slen == 6 && strncasecmp(url, "rediss", 6) == 0;
    bool is_unix = slen == 4 && strncasecmp(url, "unix", 4) == 0;
    if (!is_unix && !u->tls && !(slen == 5 && strncasecmp(url, "redis", 5) == 0)) {
        char q[256];
        return bb_error_set(err, BB_ERR_USAGE, "the URL must be "
                            "redis[s]://[[user]:password@]host[:port][/db] or " UNIX_URL_FORM
                            ", got \"%s\"",
                            url_quotable(url, q, sizeof q));
    }
    struct url p;
    int rc = url_parse(&p, url, is_unix ? UNIX_URL_FORM : u->tls ? REDISS_URL_FORM
                                                                  : REDIS_URL_FORM, err);
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
        struct url_param *q = &p.params[i];
        char **tls_value = strcmp(q->name, "tls-ca") == 0 ? &u->tls_ca
                           : strcmp(q->name, "tls-cert") == 0 ? &u->tls_cert
                           : strcmp(q->name, "tls-key") == 0 ? &u->tls_key
                           : strcmp(q->name, "tls-server-name") == 0 ? &u->tls_server_name
                           : NULL;
        bool is_verify = strcmp(q->name, "tls-verify") == 0;
        if ((tls_value || is_verify) && !u->tls) {
            rc = bb_error_set(err, BB_ERR_USAGE, "%s is a parameter of rediss:// (TLS) URLs",
                              q->name);
            goto done;
        }
        if (tls_value || is_verify) {
            if (!q->value || !q->value[0]) {
                rc = bb_error_set(err, BB_ERR_USAGE, "%s needs a value", q->name);
                goto done;
            }
            if ((tls_value && *tls_value) || (is_verify && u->tls_verify >= 0)) {
                rc = bb_error_set(err, BB_ERR_USAGE, "%s is given twice", q->name);
                goto done;
            }
            if (is_verify) {
                if ((u->tls_verify = redis_tls_verify_parse(q->value)) < 0) {
                    rc = bb_error_set(err, BB_ERR_USAGE, "tls-verify must be full, ca or none, "
                                      "got \"%.20s\"", q->value);
                    goto done;
                }
            } else {
                *tls_value = q->value;
                q->value = NULL;    /* taken: url_destroy leaves it */
            }
            continue;
        }
        if (strcmp(q->name, "seed") == 0 && !is_unix) {
            if (!q->value || !q->value[0]) {
                rc = bb_error_set(err, BB_ERR_USAGE, "seed needs a value (host:port)");
                goto done;
            }
            if ((rc = add_seeds(u, q->value, err)) < 0)
                goto done;
            continue;
        }
        if (strcmp(q->name, "db") != 0) {
            rc = bb_error_set(err, BB_ERR_USAGE, "unknown parameter '%.40s' (%s)", q->name,
                              u->tls ? "db, seed, tls-ca, tls-cert, tls-key, tls-server-name, "
                                       "tls-verify" : is_unix ? "only db=N" : "db=N, seed=host:port");
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

int redis_tls_verify_parse(const char *s)
{
    static const char *const names[] = { "full", "ca", "none" };
    for (int i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

void redis_url_destroy(struct redis_url *u)
{
    free(u->tls_ca);
    free(u->tls_cert);
    free(u->tls_key);
    free(u->tls_server_name);
    for (size_t i = 0; i < u->nseeds; i++)
        free(u->seed_hosts[i]);
    free(u->seed_hosts);
    free(u->seed_ports);
    free(u->host);
    free(u->path);
    free(u->user);
    if (u->password) {
        memset(u->password, 0, strlen(u->password));
        free(u->password);
    }
    memset(u, 0, sizeof *u);
}
