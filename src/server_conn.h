/* server_conn.h - client connections to a MySQL / MariaDB server, shared by
 * the replica source (source_server.c) and the schema lookups
 * (schema_info.c): connecting from struct bb_server_options and running
 * queries whose failures become one-line errors naming the server.
 *
 * Error messages start with "server HOST:PORT" (or "server SOCKET"), so a
 * reader knows which server refused and why. */
#ifndef BB_SERVER_CONN_H
#define BB_SERVER_CONN_H

#include <stdbool.h>
#include <stddef.h>

#include "binbridge.h"

/* "127.0.0.1:3306", "[::1]:3306" or "/run/mysqld/mysqld.sock": how error
 * messages name the server. */
void server_conn_describe(const struct bb_server_options *srv, char *out, size_t size);

/* Connect with the options' host/port/socket/user/password and connect
 * timeout, max_allowed_packet max_packet, the utf8mb4 character set, and a
 * read timeout of read_timeout seconds (0: none). On success *out is the
 * connection (caller closes it with mysql_close). On failure the error names
 * the server and carries the server's message: BB_ERR_SERVER when the
 * server refused (access denied, unknown database...), BB_ERR_IO when it
 * could not be reached or the connection broke. */
int server_conn_open(MYSQL **out, const struct bb_server_options *srv, unsigned read_timeout,
                     unsigned long max_packet, struct bb_error *err);

/* The bb error code for the connection's last error (see above). */
int server_conn_error_code(MYSQL *m);

/* Run sql. With res NULL any result set is read and discarded; otherwise
 * *res is the stored result (NULL for statements without one; caller frees
 * it with mysql_free_result). On failure the error reads
 * "server WHERE: WHAT: <server message> (error N)", with WHAT = sql when
 * what is NULL. */
int server_conn_query(MYSQL *m, const char *where, const char *what, const char *sql,
                      MYSQL_RES **res, struct bb_error *err);

/* Is this a MariaDB server (from its version string)? */
bool server_conn_is_mariadb(MYSQL *m);

#endif
