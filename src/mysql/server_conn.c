/* server_conn.c - client connections from struct bb_server_options,
 * queries with one-line errors, and the GTID start positions of both
 * server flavours (checked before connecting, so a typo is a usage error). */
#include "mysql/server_conn.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/hex.h"
#include "base/buf.h"
#include "base/error.h"

/* mysql_init() initialises the library on first use, which is not thread
 * safe; do it once, explicitly. */
static pthread_once_t library_once = PTHREAD_ONCE_INIT;
static int library_rc;

static void library_init(void)
{
    library_rc = mysql_library_init(0, NULL, NULL);
}

void server_conn_describe(const struct bb_server_options *srv, char *out, size_t size)
{
    if (srv->socket && *srv->socket)
        snprintf(out, size, "%s", srv->socket);
    else if (srv->host && strchr(srv->host, ':'))
        snprintf(out, size, "[%s]:%u", srv->host, srv->port);
    else
        snprintf(out, size, "%s:%u", srv->host ? srv->host : "localhost", srv->port);
}

int server_conn_error_code(MYSQL *m)
{
    return server_conn_errno_code(mysql_errno(m));
}

int server_conn_errno_code(unsigned e)
{
    /* 2000-2999 are the client library's own errors: the server could not be
     * reached, the connection broke or timed out. Some server errors say the
     * same thing from the other end, and a retry later succeeds:
     * 1040 too many connections, 1053 server shutdown in progress,
     * 1077/1079 (ready for connections again / shutdown complete),
     * 1152, 1154-1161 aborted connection and network errors (not 1153, a
     * packet over max_allowed_packet: that one would fail again), 1927 connection
     * killed (MariaDB), 4031 idle disconnection (MySQL 8). */
    if (e >= 2000 && e < 3000)
        return BB_ERR_IO;
    switch (e) {
    case 1040: case 1053: case 1077: case 1079: case 1152: case 1154: case 1155:
    case 1156: case 1157: case 1158: case 1159: case 1160: case 1161: case 1927: case 4031:
        return BB_ERR_IO;
    default:
        return BB_ERR_SERVER;
    }
}

static int errno_fail_v(unsigned e, const char *text, struct bb_error *err, const char *fmt,
                        va_list ap)
{
    char what[BB_ERROR_MSG_MAX];
    vsnprintf(what, sizeof what, fmt, ap);
    return bb_error_set_server(err, server_conn_errno_code(e), (int)e, "%s: %s (error %u)", what,
                               text ? text : "", e);
}

int server_errno_fail(unsigned e, const char *text, struct bb_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int code = errno_fail_v(e, text, err, fmt, ap);
    va_end(ap);
    return code;
}

int server_conn_fail(MYSQL *m, struct bb_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int code = errno_fail_v(mysql_errno(m), mysql_error(m), err, fmt, ap);
    va_end(ap);
    return code;
}

bool server_tls_file_check(const char *path, char *why, size_t n)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        snprintf(why, n, "cannot read %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return false;
    }
    close(fd);
    if (S_ISDIR(st.st_mode)) {
        snprintf(why, n, "cannot read %s: it is a directory (name a PEM file)", path);
        return false;
    }
    return true;
}

/* The TLS options of srv on m, as MySQL's --ssl-mode means them
 * (binbridge.h, enum bb_ssl_mode), in Connector/C 3.3's terms:
 *
 * - TLS is asked for by MYSQL_OPT_SSL_ENFORCE, which in 3.3 does only
 *   that (use_ssl): a server that offers no TLS still gets a plaintext
 *   connection, which is PREFERRED. (mysql_ssl_set asks for TLS only when
 *   it is given a file.) It refuses such a server before authenticating
 *   only when it checks the host name (VERIFY_IDENTITY); for REQUIRED and
 *   VERIFY_CA, server_conn_open refuses the connection once it is made.
 *   mysql_ssl_set gives the key, certificate and CA files.
 * - Given a CA file, Connector/C has OpenSSL verify the server's chain
 *   against it (SSL_VERIFY_PEER) and fails the handshake on any error,
 *   whatever MYSQL_OPT_SSL_VERIFY_SERVER_CERT says. That option adds the
 *   host name check only (the certificate must name the host connected
 *   to). So VERIFY_CA is the CA and no host check, VERIFY_IDENTITY both.
 *   The option is set either way: Connector/C 3.4 turns it on by default.
 * - DISABLED asks for nothing: Connector/C 3.3 uses no TLS unless asked.
 *
 * Whether TLS is in use is checked again once connected
 * (server_conn_open), so that no version of the library can quietly
 * connect in plaintext where TLS is required. (Connector/C 3.4 changes
 * the defaults: it verifies by default. The explicit options here keep
 * each mode's meaning there too, but for PREFERRED against a server whose
 * certificate does not verify, which 3.4 may refuse.) */
static void apply_tls(MYSQL *m, const struct bb_server_options *srv)
{
    if (srv->ssl_mode == BB_SSL_DISABLED)
        return;
    bool enforce = true;
    bool identity = srv->ssl_mode == BB_SSL_VERIFY_IDENTITY;
    mysql_ssl_set(m, srv->ssl_key, srv->ssl_cert, srv->ssl_ca, NULL, NULL);
    mysql_options(m, MYSQL_OPT_SSL_ENFORCE, &enforce);
    mysql_options(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &identity);
}

/* "ssl-mode=VERIFY_CA, ssl-ca /etc/ca.pem": the TLS settings, for the
 * message of a connection that failed with them. Empty for the default
 * without files. */
static void describe_tls(const struct bb_server_options *srv, char *out, size_t size)
{
    size_t o = 0;
    out[0] = '\0';
    if (srv->ssl_mode == BB_SSL_PREFERRED && !srv->ssl_ca && !srv->ssl_cert && !srv->ssl_key)
        return;
    int w = snprintf(out, size, " with ssl-mode=%s", bb_ssl_mode_name(srv->ssl_mode));
    o = w > 0 && (size_t)w < size ? (size_t)w : 0;
    if (srv->ssl_mode == BB_SSL_DISABLED)
        return;
    const char *names[3] = { "ssl-ca", "ssl-cert", "ssl-key" };
    const char *files[3] = { srv->ssl_ca, srv->ssl_cert, srv->ssl_key };
    for (int i = 0; i < 3; i++) {
        if (!files[i])
            continue;
        w = snprintf(out + o, size - o, ", %s %s", names[i], files[i]);
        o += w > 0 && (size_t)w < size - o ? (size_t)w : 0;
    }
}

int server_conn_open(MYSQL **out, const struct bb_server_options *srv, unsigned read_timeout,
                     unsigned long max_packet, struct bb_error *err)
{
    char where[300];
    *out = NULL;
    server_conn_describe(srv, where, sizeof where);
    int rc = bb_server_options_check(srv, err);
    if (rc < 0) {
        bb_error_prefix(err, "server %s", where);
        return rc;
    }
    pthread_once(&library_once, library_init);
    if (library_rc != 0)
        return bb_error_set(err, BB_ERR_IO, "server %s: cannot initialise the client library",
                            where);
    MYSQL *m = mysql_init(NULL);
    if (!m)
        return bb_error_set(err, BB_ERR_NOMEM, "server %s: out of memory", where);
    unsigned connect_timeout = srv->connect_timeout;
    if (connect_timeout)
        mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
    if (read_timeout) {
        mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &read_timeout);
        /* Writes are small (queries, the dump command): the same bound. */
        mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &read_timeout);
    }
    mysql_options(m, MYSQL_OPT_MAX_ALLOWED_PACKET, &max_packet);
    mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    apply_tls(m, srv);
    char tls[1200];
    describe_tls(srv, tls, sizeof tls);
    bool use_socket = srv->socket && *srv->socket;
    if (!mysql_real_connect(m, use_socket ? NULL : srv->host, srv->user, srv->password, NULL,
                            use_socket ? 0 : srv->port, use_socket ? srv->socket : NULL, 0)) {
        int code = server_conn_fail(m, err, "server %s: cannot connect%s", where, tls);
        mysql_close(m);
        return code;
    }
    if (srv->ssl_mode != BB_SSL_DISABLED && srv->ssl_mode != BB_SSL_PREFERRED &&
        !mysql_get_ssl_cipher(m)) {
        /* Connector/C 3.3 itself refuses a server without TLS only when
         * it checks the host name (VERIFY_IDENTITY); for REQUIRED and
         * VERIFY_CA it goes on in plaintext, so it is refused here. */
        bool offered = (m->server_capabilities & CLIENT_SSL) != 0;
        mysql_close(m);
        return bb_error_set(err, BB_ERR_SERVER, "server %s: refused%s: %s", where, tls,
                            offered ? "the connection is not encrypted"
                                    : "the server does not offer TLS");
    }
    *out = m;
    return 0;
}

const char *server_conn_cipher(MYSQL *m)
{
    return m ? mysql_get_ssl_cipher(m) : NULL;
}

int server_conn_query(MYSQL *m, const char *where, const char *what, const char *sql,
                      MYSQL_RES **res, struct bb_error *err)
{
    if (res)
        *res = NULL;
    if (mysql_real_query(m, sql, (unsigned long)strlen(sql)) != 0)
        goto fail;
    if (res) {
        *res = mysql_store_result(m);
        if (!*res && mysql_field_count(m) != 0)
            goto fail;
    } else {
        /* Drain every result, including those of multi-statement replies. */
        do {
            MYSQL_RES *r = mysql_store_result(m);
            if (r)
                mysql_free_result(r);
            else if (mysql_field_count(m) != 0)
                goto fail;
        } while (mysql_next_result(m) == 0);
        if (mysql_errno(m))
            goto fail;
    }
    return 0;
fail:
    return server_conn_fail(m, err, "server %s: %s", where, what ? what : sql);
}

void server_quote_ident(struct bb_buf *b, const char *name)
{
    bb_buf_putc(b, '`');
    for (const char *p = name; *p; p++) {
        if (*p == '`')
            bb_buf_putc(b, '`');
        bb_buf_putc(b, *p);
    }
    bb_buf_putc(b, '`');
}

void server_quote_table(struct bb_buf *b, const char *schema, const char *table)
{
    server_quote_ident(b, schema);
    bb_buf_putc(b, '.');
    server_quote_ident(b, table);
}

void server_quote_literal(MYSQL *m, struct bb_buf *b, const char *text)
{
    size_t n = strlen(text);
    char *p = bb_buf_reserve(b, 2 * n + 3);
    if (!p)
        return;
    p[0] = '\'';
    unsigned long k = mysql_real_escape_string(m, p + 1, text, (unsigned long)n);
    p[1 + k] = '\'';
    b->len += k + 2;
    b->data[b->len] = '\0';
}

bool server_conn_is_mariadb(MYSQL *m)
{
    const char *v = mysql_get_server_info(m);
    return v && strcasestr(v, "mariadb");
}

const char *server_json_check_column(const char *clause, size_t *len)
{
    if (!clause || strncasecmp(clause, "json_valid(`", 12) != 0)
        return NULL;
    const char *name = clause + 12;
    const char *end = strchr(name, '`');
    if (!end || strcmp(end, "`)") != 0)
        return NULL;
    *len = (size_t)(end - name);
    return name;
}

bool server_parse_labels(const char *column_type,
                         bool (*add)(const char *label, size_t len, void *ctx), void *ctx)
{
    const char *p = strchr(column_type, '(');
    if (!p)
        return false;
    p++;
    char *label = malloc(strlen(column_type) + 1);
    if (!label)
        return false;
    bool ok = false;
    while (*p == '\'') {
        size_t len = 0;
        p++;
        for (;;) {
            if (*p == '\0')
                goto done;
            if (*p == '\'') {
                if (p[1] != '\'')
                    break;
                label[len++] = '\'';
                p += 2;
            } else if (*p == '\\' && p[1]) {
                char e = p[1];
                label[len++] = e == '0' ? '\0' : e == 'n' ? '\n' : e == 'r' ? '\r'
                             : e == 'Z' ? '\032' : e == 't' ? '\t' : e;
                p += 2;
            } else {
                label[len++] = *p++;
            }
        }
        p++; /* the closing quote */
        if (!add(label, len, ctx))
            goto done;
        if (*p == ',')
            p++;
        else
            break;
    }
    ok = *p == ')';
done:
    free(label);
    return ok;
}

/* ---- collations ---- */

static int collation_cmp(const void *a, const void *b)
{
    return strcmp(((const struct server_collation *)a)->name,
                  ((const struct server_collation *)b)->name);
}

static int add_collations(struct server_collations *c, MYSQL_RES *res, struct bb_error *err)
{
    size_t n = (size_t)mysql_num_rows(res);
    struct server_collation *v = realloc(c->v, (c->n + n + 1) * sizeof *v);
    if (!v)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    c->v = v;
    MYSQL_ROW row;
    while ((row = mysql_fetch_row(res))) {
        if (!row[0] || !row[1])
            continue;
        unsigned long id = strtoul(row[1], NULL, 10);
        if (id == 0 || id > 0xffff)
            continue;
        char *name = strdup(row[0]);
        if (!name)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        v[c->n].name = name;
        v[c->n].id = (uint16_t)id;
        c->n++;
    }
    return 0;
}

static int load_collations(MYSQL *m, const char *where, struct server_collations *c,
                           struct bb_error *err)
{
    MYSQL_RES *res;
    int rc = server_conn_query(m, where, "reading collations",
                               "SELECT COLLATION_NAME, ID FROM information_schema.COLLATIONS",
                               &res, err);
    if (rc < 0)
        return rc;
    if (res) {
        rc = add_collations(c, res, err);
        mysql_free_result(res);
        if (rc < 0)
            return rc;
    }
    struct bb_error ignored = { 0 };
    if (server_conn_query(m, where, NULL,
                          "SELECT FULL_COLLATION_NAME, ID FROM "
                          "information_schema.COLLATION_CHARACTER_SET_APPLICABILITY",
                          &res, &ignored) == 0 && res) {
        rc = add_collations(c, res, err);
        mysql_free_result(res);
        if (rc < 0)
            return rc;
    } else if (ignored.code == BB_ERR_IO) {
        return bb_error_copy(err, &ignored);
    }
    if (c->n)
        qsort(c->v, c->n, sizeof *c->v, collation_cmp);
    return 0;
}

int server_collations_load(MYSQL *m, const char *where, struct server_collations *c,
                           struct bb_error *err)
{
    int rc = load_collations(m, where, c, err);
    if (rc < 0)
        server_collations_free(c);   /* no partial list: the next try starts afresh */
    return rc;
}

uint16_t server_collation_id(const struct server_collations *c, const char *name)
{
    struct server_collation key = { (char *)name, 0 };
    const struct server_collation *hit =
        c->n ? bsearch(&key, c->v, c->n, sizeof key, collation_cmp) : NULL;
    return hit ? hit->id : 0;
}

void server_collations_free(struct server_collations *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i].name);
    free(c->v);
    c->v = NULL;
    c->n = 0;
}

bool server_row_u64(const char *cell, uint64_t *out)
{
    if (!cell || !isdigit((unsigned char)*cell))
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(cell, &end, 10);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

/* ---- GTID sets ---- */

/* MariaDB: domain-server-seq[,domain-server-seq...]. Checks the syntax and
 * that no domain appears twice; an empty set is valid (from the start). */
int server_gtid_check_mariadb(const char *s, struct bb_error *err)
{
    uint32_t domains[256];
    size_t ndomains = 0;
    const char *p = s;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '\0')
        return 0;
    for (;;) {
        unsigned long long part[3];
        for (int i = 0; i < 3; i++) {
            if (!isdigit((unsigned char)*p))
                return bb_error_set(err, BB_ERR_USAGE, "GTID position '%s': expected "
                                    "domain-server-sequence numbers at offset %zu", s,
                                    (size_t)(p - s));
            char *end;
            errno = 0;
            part[i] = strtoull(p, &end, 10);
            if (errno || part[i] > (i == 2 ? ULLONG_MAX : 0xffffffffULL))
                return bb_error_set(err, BB_ERR_USAGE, "GTID position '%s': number at offset "
                                    "%zu is out of range", s, (size_t)(p - s));
            p = end;
            if (i < 2) {
                if (*p != '-')
                    return bb_error_set(err, BB_ERR_USAGE, "GTID position '%s': expected '-' at "
                                        "offset %zu", s, (size_t)(p - s));
                p++;
            }
        }
        for (size_t i = 0; i < ndomains; i++)
            if (domains[i] == (uint32_t)part[0])
                return bb_error_set(err, BB_ERR_USAGE, "GTID position '%s': domain %llu appears "
                                    "twice", s, part[0]);
        if (ndomains == sizeof domains / sizeof *domains)
            return bb_error_set(err, BB_ERR_USAGE, "GTID position '%s': more than %zu domains",
                                s, ndomains);
        domains[ndomains++] = (uint32_t)part[0];
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '\0')
            return 0;
        if (*p != ',')
            return bb_error_set(err, BB_ERR_USAGE, "GTID position '%s': expected ',' at offset "
                                "%zu", s, (size_t)(p - s));
        p++;
        while (isspace((unsigned char)*p))
            p++;
    }
}

/* One (uuid, tag) of a MySQL GTID set and its intervals [start, end). */
struct tsid_block {
    uint8_t uuid[16];
    char tag[33];
    size_t taglen;
    struct bb_gtid_interval *iv;
    size_t niv, cap;
};

struct mysql_gtid_set {
    struct tsid_block *b;
    size_t n, cap;
};

static void mysql_gtid_set_free(struct mysql_gtid_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        free(set->b[i].iv);
    free(set->b);
    set->b = NULL;
    set->n = set->cap = 0;
}

static struct tsid_block *tsid_find(struct mysql_gtid_set *set, const uint8_t *uuid,
                                    const char *tag, size_t taglen)
{
    for (size_t i = 0; i < set->n; i++)
        if (memcmp(set->b[i].uuid, uuid, 16) == 0 && set->b[i].taglen == taglen &&
            memcmp(set->b[i].tag, tag, taglen) == 0)
            return &set->b[i];
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 4;
        struct tsid_block *b = realloc(set->b, cap * sizeof *b);
        if (!b)
            return NULL;
        set->b = b;
        set->cap = cap;
    }
    struct tsid_block *t = &set->b[set->n++];
    memset(t, 0, sizeof *t);
    memcpy(t->uuid, uuid, 16);
    memcpy(t->tag, tag, taglen);
    t->taglen = taglen;
    return t;
}

static bool tsid_add(struct tsid_block *t, uint64_t start, uint64_t end)
{
    if (t->niv == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 4;
        struct bb_gtid_interval *iv = realloc(t->iv, cap * sizeof *iv);
        if (!iv)
            return false;
        t->iv = iv;
        t->cap = cap;
    }
    t->iv[t->niv].start = start;
    t->iv[t->niv].end = end;
    t->niv++;
    return true;
}

/* 8-4-4-4-12 hex digits (or 32 without dashes) into 16 bytes; returns the
 * characters read, 0 if p does not start with a UUID. */
static size_t parse_uuid(const char *p, uint8_t *out)
{
    size_t i = 0, nd = 0;
    while (nd < 32) {
        if (nd > 0 && (nd == 8 || nd == 12 || nd == 16 || nd == 20) && p[i] == '-')
            i++;
        int hi = bb_hex_digit((unsigned char)p[i]);
        int lo = hi >= 0 ? bb_hex_digit((unsigned char)p[i + 1]) : -1;
        if (hi < 0 || lo < 0)
            return 0;
        out[nd / 2] = (uint8_t)(hi << 4 | lo);
        nd += 2;
        i += 2;
    }
    return isxdigit((unsigned char)p[i]) ? 0 : i;
}

/* MySQL: uuid[:tag]:interval[:interval...][,uuid...], intervals N or N-M,
 * tags (8.3+) [a-z_][a-z0-9_]{0,31} applying to the intervals after them. */
static int mysql_gtid_parse(const char *s, struct mysql_gtid_set *set, struct bb_error *err)
{
    const char *p = s;
#define GTID_FAIL(...) do { mysql_gtid_set_free(set); \
        return bb_error_set(err, BB_ERR_USAGE, __VA_ARGS__); } while (0)
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '\0')
        return 0;
    for (;;) {
        uint8_t uuid[16];
        size_t n = parse_uuid(p, uuid);
        if (n == 0)
            GTID_FAIL("GTID set '%s': expected a UUID at offset %zu", s, (size_t)(p - s));
        p += n;
        char tag[33] = "";
        size_t taglen = 0;
        bool any = false;
        while (isspace((unsigned char)*p))
            p++;
        while (*p == ':') {
            p++;
            while (isspace((unsigned char)*p))
                p++;
            if (isalpha((unsigned char)*p) || *p == '_') {
                taglen = 0;
                while (isalnum((unsigned char)*p) || *p == '_') {
                    if (taglen == 32)
                        GTID_FAIL("GTID set '%s': tag at offset %zu is longer than 32 characters",
                                  s, (size_t)(p - s - taglen));
                    tag[taglen++] = (char)tolower((unsigned char)*p++);
                }
                tag[taglen] = '\0';
                any = false;
            } else if (isdigit((unsigned char)*p)) {
                char *end;
                errno = 0;
                unsigned long long a = strtoull(p, &end, 10), b = a;
                if (errno)
                    GTID_FAIL("GTID set '%s': number at offset %zu is out of range", s,
                              (size_t)(p - s));
                p = end;
                if (*p == '-') {
                    p++;
                    if (!isdigit((unsigned char)*p))
                        GTID_FAIL("GTID set '%s': expected a number at offset %zu", s,
                                  (size_t)(p - s));
                    errno = 0;
                    b = strtoull(p, &end, 10);
                    if (errno)
                        GTID_FAIL("GTID set '%s': number at offset %zu is out of range", s,
                                  (size_t)(p - s));
                    p = end;
                }
                if (a == 0 || b < a || b >= (unsigned long long)INT64_MAX)
                    GTID_FAIL("GTID set '%s': interval %llu-%llu is invalid (1 <= start <= end "
                              "< 2^63-1)", s, a, b);
                struct tsid_block *t = tsid_find(set, uuid, tag, taglen);
                if (!t || !tsid_add(t, a, b + 1)) {
                    mysql_gtid_set_free(set);
                    return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
                }
                any = true;
            } else {
                GTID_FAIL("GTID set '%s': expected an interval or a tag at offset %zu", s,
                          (size_t)(p - s));
            }
            while (isspace((unsigned char)*p))
                p++;
        }
        if (!any)
            GTID_FAIL("GTID set '%s': %s at offset %zu has no intervals", s,
                      taglen ? "tag" : "UUID", (size_t)(p - s));
        if (*p == '\0')
            return 0;
        if (*p != ',')
            GTID_FAIL("GTID set '%s': expected ',' or ':' at offset %zu", s, (size_t)(p - s));
        p++;
        while (isspace((unsigned char)*p))
            p++;
    }
#undef GTID_FAIL
}

static int interval_cmp(const void *a, const void *b)
{
    const struct bb_gtid_interval *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static void put_u64le(struct bb_buf *b, uint64_t v)
{
    uint8_t x[8];
    for (int i = 0; i < 8; i++)
        x[i] = (uint8_t)(v >> (8 * i));
    bb_buf_append(b, x, 8);
}

/* The set as PREVIOUS_GTIDS_LOG_EVENT encodes it (the server refuses
 * intervals that are unsorted, overlapping or touching, so they are merged):
 *   8 n_sids (tagged format, when any tag is present: format byte 1, then
 *     6 bytes n_sids, then format byte 1 again)
 *   per sid: 16 uuid, [tagged: varlen tag length, tag], 8 n_intervals,
 *     n_intervals x (8 start, 8 end) */
static void mysql_gtid_encode(struct mysql_gtid_set *set, struct bb_buf *out)
{
    bool tagged = false;
    for (size_t i = 0; i < set->n; i++) {
        struct tsid_block *t = &set->b[i];
        tagged |= t->taglen > 0;
        qsort(t->iv, t->niv, sizeof *t->iv, interval_cmp);
        size_t k = 0;
        for (size_t j = 1; j < t->niv; j++) {
            if (t->iv[j].start <= t->iv[k].end) {
                if (t->iv[j].end > t->iv[k].end)
                    t->iv[k].end = t->iv[j].end;
            } else {
                t->iv[++k] = t->iv[j];
            }
        }
        t->niv = t->niv ? k + 1 : 0;
    }
    uint64_t n = set->n;
    put_u64le(out, tagged ? (1ULL << 56) | n << 8 | 1 : n);
    for (size_t i = 0; i < set->n; i++) {
        const struct tsid_block *t = &set->b[i];
        bb_buf_append(out, t->uuid, 16);
        if (tagged) {
            /* varlen: one byte (length << 1) for lengths below 128 */
            bb_buf_putc(out, (char)(t->taglen << 1));
            bb_buf_append(out, t->tag, t->taglen);
        }
        put_u64le(out, t->niv);
        for (size_t j = 0; j < t->niv; j++) {
            put_u64le(out, t->iv[j].start);
            put_u64le(out, t->iv[j].end);
        }
    }
}

int server_gtid_encode_mysql(const char *set, struct bb_buf *out, struct bb_error *err)
{
    struct mysql_gtid_set parsed = { 0 };
    int rc = mysql_gtid_parse(set, &parsed, err);
    if (rc < 0)
        return rc;
    mysql_gtid_encode(&parsed, out);
    mysql_gtid_set_free(&parsed);
    return bb_buf_check(out, err);
}
