/* server_conn.c - client connections from struct bb_server_options,
 * queries with one-line errors, and the GTID start positions of both
 * server flavours (checked before connecting, so a typo is a usage error). */
#include "mysql/server_conn.h"
#include "mysql/gtid.h"

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

#include <errmsg.h>
#include <mysql/plugin_auth.h>

#include "base/hex.h"
#include "base/buf.h"
#include "base/error.h"

/* ---- the TLS gate ----
 *
 * A client authentication plugin of binbridge's own, the first one
 * Connector/C runs (MYSQL_DEFAULT_AUTH) with ssl-mode=REQUIRED and
 * VERIFY_CA: see apply_tls. Connector/C calls it once it has read the
 * server's greeting and before it has written anything. It refuses a
 * server whose greeting offers no TLS there, so that neither the user
 * name nor anything of the password is sent; otherwise its first write
 * makes Connector/C start TLS and send the handshake response in it,
 * naming this plugin with no auth data. No server has an account of
 * this plugin, so the server answers with an auth switch to the
 * account's own plugin, which Connector/C then runs itself, inside TLS. */
#define TLS_GATE_PLUGIN "binbridge_tls_gate"

/* An authentication plugin as Connector/C 3.3 reads one: struct
 * st_mysql_client_plugin_AUTHENTICATION and its constants, from
 * mysql/client_plugin.h, which Debian 12's libmariadb-dev cannot compile
 * (it includes ma_compress.h, which the package leaves out). mysql.h
 * gives the header and mysql_client_register_plugin, plugin_auth.h the
 * VIO and the CR_ results. */
#ifndef MYSQL_CLIENT_AUTHENTICATION_PLUGIN
#define MYSQL_CLIENT_AUTHENTICATION_PLUGIN 2
#endif
#ifndef MYSQL_CLIENT_AUTHENTICATION_PLUGIN_INTERFACE_VERSION
#define MYSQL_CLIENT_AUTHENTICATION_PLUGIN_INTERFACE_VERSION 0x0100
#endif
struct tls_gate_plugin {
    MYSQL_CLIENT_PLUGIN_HEADER
    int (*authenticate_user)(MYSQL_PLUGIN_VIO *vio, MYSQL *m);
};

/* Its refusals, as mysql_error() reads after mysql_real_connect: the
 * reason server_conn_open gives. */
#define TLS_GATE_NOT_OFFERED "the server does not offer TLS"
#define TLS_GATE_NOT_ENCRYPTED "the connection is not encrypted"

static int tls_gate_refuse(MYSQL *m, const char *why)
{
    m->net.last_errno = CR_SSL_CONNECTION_ERROR;
    snprintf(m->net.sqlstate, sizeof m->net.sqlstate, "%s", "HY000");
    snprintf(m->net.last_error, sizeof m->net.last_error, "%s", why);
    return CR_ERROR;
}

static int tls_gate_authenticate(MYSQL_PLUGIN_VIO *vio, MYSQL *m)
{
    if (!(m->server_capabilities & CLIENT_SSL))
        return tls_gate_refuse(m, TLS_GATE_NOT_OFFERED);
    /* The handshake response (or COM_CHANGE_USER): user name, no auth
     * data, this plugin's name. TLS starts before it. */
    if (vio->write_packet(vio, (const unsigned char *)"", 0))
        return CR_ERROR;
    /* Connector/C may still have gone on in plaintext (3.3 uses TLS on
     * a Unix socket; later versions leave it out there, whatever the
     * server offers): then the user name is out, but nothing of the
     * password follows. */
    if (!mysql_get_ssl_cipher(m))
        return tls_gate_refuse(m, TLS_GATE_NOT_ENCRYPTED);
    /* CR_OK: Connector/C reads the server's answer, the auth switch, and
     * runs the plugin it names. */
    return CR_OK;
}

static struct tls_gate_plugin tls_gate_plugin = {
    .type = MYSQL_CLIENT_AUTHENTICATION_PLUGIN,
    .interface_version = MYSQL_CLIENT_AUTHENTICATION_PLUGIN_INTERFACE_VERSION,
    .name = TLS_GATE_PLUGIN,
    .author = "binbridge",
    .desc = "refuses a server without TLS before authenticating",
    .version = { 1, 0, 0 },
    .license = "binbridge",
    .authenticate_user = tls_gate_authenticate,
};

/* mysql_init() initialises the library on first use, which is not thread
 * safe; do it once, explicitly, and register the TLS gate (the list of
 * plugins is the process's) before any connection can look it up. */
static pthread_once_t library_once = PTHREAD_ONCE_INIT;
static int library_rc;
static char library_why[300];

static void library_init(void)
{
    library_rc = mysql_library_init(0, NULL, NULL);
    if (library_rc != 0) {
        snprintf(library_why, sizeof library_why, "cannot initialise the client library");
        return;
    }
    MYSQL *m = mysql_init(NULL);
    if (!m || !mysql_client_register_plugin(m, (struct st_mysql_client_plugin *)&tls_gate_plugin)) {
        snprintf(library_why, sizeof library_why, "cannot register the client plugin %s: %s",
                 TLS_GATE_PLUGIN, m ? mysql_error(m) : "out of memory");
        library_rc = -1;
    }
    if (m)
        mysql_close(m);
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
 *   it is given a file.) Connector/C itself refuses such a server before
 *   authenticating only when it checks the host name (VERIFY_IDENTITY);
 *   otherwise it would authenticate in plaintext, sending the user name
 *   and the password's scramble (or, for a clear-text plugin, the
 *   password) before anyone could look at the cipher. So REQUIRED and
 *   VERIFY_CA start with the TLS gate (MYSQL_DEFAULT_AUTH, see
 *   tls_gate_authenticate), which refuses a greeting without TLS before
 *   anything is written, and lets the server switch to the account's
 *   own plugin once TLS is up: one round trip more per connection.
 *   A server that does not announce CLIENT_PLUGIN_AUTH (MySQL before
 *   5.5) makes Connector/C ignore MYSQL_DEFAULT_AUTH: the gate is not run
 *   and only the check once connected refuses such a server.
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
    if (srv->ssl_mode == BB_SSL_REQUIRED || srv->ssl_mode == BB_SSL_VERIFY_CA)
        mysql_options(m, MYSQL_DEFAULT_AUTH, TLS_GATE_PLUGIN);
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
        return bb_error_set(err, BB_ERR_IO, "server %s: %s", where, library_why);
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
        const char *msg = mysql_error(m);
        if ((srv->ssl_mode == BB_SSL_REQUIRED || srv->ssl_mode == BB_SSL_VERIFY_CA) &&
            mysql_errno(m) == CR_SSL_CONNECTION_ERROR &&
            (strcmp(msg, TLS_GATE_NOT_OFFERED) == 0 || strcmp(msg, TLS_GATE_NOT_ENCRYPTED) == 0)) {
            /* the TLS gate refused before authenticating */
            rc = bb_error_set(err, BB_ERR_SERVER, "server %s: refused%s: %s", where, tls, msg);
            mysql_close(m);
            return rc;
        }
        int code = server_conn_fail(m, err, "server %s: cannot connect%s", where, tls);
        mysql_close(m);
        return code;
    }
    if (srv->ssl_mode != BB_SSL_DISABLED && srv->ssl_mode != BB_SSL_PREFERRED &&
        !mysql_get_ssl_cipher(m)) {
        /* Not reached with Connector/C 3.3: VERIFY_IDENTITY is refused
         * by Connector/C, REQUIRED and VERIFY_CA by the TLS gate, both
         * before authenticating. Checked again all the same, so that no
         * version of the library, and no server that leaves the gate out
         * (see apply_tls), connects in plaintext where TLS is required. */
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
    /* one parser of positions: mysql/gtid.c's (a domain once, as in
     * @slave_connect_state) */
    struct mariadb_gtid_pos *pos = malloc(sizeof *pos);
    if (!pos)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    int rc = mariadb_gtid_parse(pos, s, false, err);
    free(pos);
    return rc;
}

static void put_le(struct bb_buf *b, uint64_t v, int n)
{
    uint8_t x[8];
    for (int i = 0; i < n; i++)
        x[i] = (uint8_t)(v >> (8 * i));
    bb_buf_append(b, x, (size_t)n);
}

void server_dump_gtid_body(struct bb_buf *out, uint16_t flags, uint32_t server_id,
                           const char *file, uint64_t pos, const struct bb_buf *gtids)
{
    size_t flen = strlen(file);
    put_le(out, flags, 2);
    put_le(out, server_id, 4);
    put_le(out, flen, 4);
    bb_buf_append(out, file, flen);
    put_le(out, pos, 8);
    put_le(out, gtids->len, 4);
    bb_buf_append(out, gtids->data, gtids->len);
}

int server_gtid_encode_mysql(const char *set, struct bb_buf *out, struct bb_error *err)
{
    struct gtid_set parsed;
    gtid_set_init(&parsed);
    int rc = gtid_set_parse(&parsed, set, err);
    if (rc == 0)
        gtid_set_encode(&parsed, out);
    gtid_set_destroy(&parsed);
    return rc < 0 ? rc : bb_buf_check(out, err);
}
