/* server_conn.c - client connections from struct bb_server_options, and
 * queries with one-line errors. */
#include "server_conn.h"

#include <pthread.h>
#include <stdio.h>
#include <strings.h>
#include <string.h>

#include "error.h"

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
    unsigned e = mysql_errno(m);
    /* 2000-2999 are the client library's own errors: the server could not be
     * reached, the connection broke or timed out. */
    return e >= 2000 && e < 3000 ? BB_ERR_IO : BB_ERR_SERVER;
}

int server_conn_open(MYSQL **out, const struct bb_server_options *srv, unsigned read_timeout,
                     unsigned long max_packet, struct bb_error *err)
{
    char where[300];
    *out = NULL;
    server_conn_describe(srv, where, sizeof where);
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
    bool use_socket = srv->socket && *srv->socket;
    if (!mysql_real_connect(m, use_socket ? NULL : srv->host, srv->user, srv->password, NULL,
                            use_socket ? 0 : srv->port, use_socket ? srv->socket : NULL, 0)) {
        int code = server_conn_error_code(m);
        bb_error_set(err, code, "server %s: cannot connect: %s (error %u)", where,
                     mysql_error(m), mysql_errno(m));
        mysql_close(m);
        return code;
    }
    *out = m;
    return 0;
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
    return bb_error_set(err, server_conn_error_code(m), "server %s: %s: %s (error %u)", where,
                        what ? what : sql, mysql_error(m), mysql_errno(m));
}

bool server_conn_is_mariadb(MYSQL *m)
{
    const char *v = mysql_get_server_info(m);
    if (!v)
        return false;
    for (; *v; v++)
        if (strncasecmp(v, "mariadb", 7) == 0)
            return true;
    return false;
}
