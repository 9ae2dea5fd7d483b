/* server_conn.h - client connections to a MySQL / MariaDB server, shared by
 * the replica source (source_server.c), the table describer (describe.c),
 * the snapshots and the bridge's checks: connecting from struct
 * bb_server_options, running queries whose failures become one-line errors
 * naming the server and carrying its error number, quoting SQL; and the
 * GTID start positions the source sends (here so tests can pin their bytes).
 *
 * Error messages start with "server HOST:PORT" (or "server SOCKET"), so a
 * reader knows which server refused and why. */
#ifndef BB_SERVER_CONN_H
#define BB_SERVER_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "binbridge.h"
#include "base/buf.h"
#include "base/error.h"

/* "127.0.0.1:3306", "[::1]:3306" or "/run/mysqld/mysqld.sock": how error
 * messages name the server. */
void server_conn_describe(const struct bb_server_options *srv, char *out, size_t size);

/* Connect with the options' host/port/socket/user/password, TLS settings
 * (ssl_mode, ssl_ca, ssl_cert, ssl_key: the one place they are applied,
 * for every connection binbridge makes) and connect timeout,
 * max_allowed_packet max_packet, the utf8mb4 character set, and a read
 * timeout of read_timeout seconds (0: none). With REQUIRED or a VERIFY
 * mode, a connection that is not encrypted after all is refused
 * (BB_ERR_SERVER). On success *out is the
 * connection (caller closes it with mysql_close). On failure the error names
 * the server and carries the server's message: BB_ERR_SERVER when the
 * server refused (access denied, unknown database...), BB_ERR_IO when it
 * could not be reached or the connection broke. */
int server_conn_open(MYSQL **out, const struct bb_server_options *srv, unsigned read_timeout,
                     unsigned long max_packet, struct bb_error *err);

/* Can the TLS file at path (a CA, a certificate, a key) be read? true, or
 * false with "cannot read PATH: reason" in why. Checked when the
 * settings are read, so that a typo is a usage error and not a failed
 * handshake. */
bool server_tls_file_check(const char *path, char *why, size_t n);

/* The TLS cipher of the connection ("TLS_AES_256_GCM_SHA384"), NULL when
 * it is not encrypted. */
const char *server_conn_cipher(MYSQL *m);

/* The bb error code for the connection's last error (see above). */
int server_conn_error_code(MYSQL *m);
/* The same for an error number (mysql_errno, mysql_stmt_errno). */
int server_conn_errno_code(unsigned e);

/* Every error a server (or the client library) reports becomes a struct
 * bb_error here: code server_conn_errno_code(e), server_errno e, and the
 * message "<fmt...>: <text> (error e)". Returns the code.
 * server_conn_fail takes e and text from the connection's last error,
 * server_errno_fail from the caller (a statement's mysql_stmt_errno and
 * mysql_stmt_error). */
int server_conn_fail(MYSQL *m, struct bb_error *err, const char *fmt, ...) BB_PRINTF(3, 4);
int server_errno_fail(unsigned e, const char *text, struct bb_error *err, const char *fmt, ...)
    BB_PRINTF(4, 5);

/* Run sql. With res NULL any result set is read and discarded; otherwise
 * *res is the stored result (NULL for statements without one; caller frees
 * it with mysql_free_result). On failure the error reads
 * "server WHERE: WHAT: <server message> (error N)", with WHAT = sql when
 * what is NULL, and carries N as its server_errno. */
int server_conn_query(MYSQL *m, const char *where, const char *what, const char *sql,
                      MYSQL_RES **res, struct bb_error *err);

/* SQL text for a server, the one place that quotes it (statements are
 * built in a struct bb_buf; an append that fails to allocate leaves the
 * buffer's oom flag, for bb_buf_check).
 *
 * An identifier: `name`, with backticks doubled; valid whatever the
 * session's sql_mode (ANSI_QUOTES only adds the double quote). */
void server_quote_ident(struct bb_buf *b, const char *name);
/* `schema`.`table` */
void server_quote_table(struct bb_buf *b, const char *schema, const char *table);
/* A string literal: 'text', escaped by mysql_real_escape_string for m's
 * character set and sql_mode (NO_BACKSLASH_ESCAPES doubles quotes). */
void server_quote_literal(MYSQL *m, struct bb_buf *b, const char *text);

/* Is this a MariaDB server (from its version string)? */
bool server_conn_is_mariadb(MYSQL *m);

/* MariaDB marks a JSON column (a LONGTEXT underneath) with the check
 * constraint "json_valid(`col`)": the column name it names (*len bytes,
 * not NUL terminated), or NULL for any other clause. */
const char *server_json_check_column(const char *clause, size_t *len);

/* ENUM/SET labels from information_schema's COLUMN_TYPE:
 * enum('a','b''c','d\\e'), quotes doubled, backslash escapes (\\, \', \0,
 * \n, \r, \t, \Z) as the server writes them. Calls add(label, len, ctx)
 * for each label in order; false when the text is not of that form or add
 * returns false. */
bool server_parse_labels(const char *column_type,
                         bool (*add)(const char *label, size_t len, void *ctx), void *ctx);

/* The server's collation names and ids (information_schema.COLLATIONS,
 * and on MariaDB 10.10+ the full names of COLLATION_CHARACTER_SET_
 * APPLICABILITY, such as "utf8mb4_uca1400_ai_ci"; other servers lack that
 * table, which is fine), sorted by name for server_collation_id. */
struct server_collation {
    char *name;
    uint16_t id;
};
struct server_collations {
    struct server_collation *v;
    size_t n;
};
/* Read them into c (empty: zero it first). A failure reaching the server
 * is an error even on the optional table, and leaves c empty: a partial
 * list would decode some text columns with no character set. */
int server_collations_load(MYSQL *m, const char *where, struct server_collations *c,
                           struct bb_error *err);
/* The id of a collation name; 0 when unknown. */
uint16_t server_collation_id(const struct server_collations *c, const char *name);
void server_collations_free(struct server_collations *c);

/* GTID start positions. Errors are BB_ERR_USAGE with a one-line reason
 * naming the offset in the text.
 *
 * MariaDB: "domain-server-seq[,domain-server-seq...]", each domain once; an
 * empty position means the start of the binlog. */
int server_gtid_check_mariadb(const char *pos, struct bb_error *err);

/* MySQL: "uuid[:tag]:N[-M][:N[-M]...][,uuid...]" (tags, MySQL 8.3+, apply to
 * the intervals after them) appended to out in the binary form
 * COM_BINLOG_DUMP_GTID carries, the PREVIOUS_GTIDS_LOG_EVENT layout:
 *   8 n_sids (tagged format when any tag is present: format byte 1,
 *     6 bytes n_sids, format byte 1)
 *   per sid: 16 uuid, [tagged: varlen tag length, tag], 8 n_intervals,
 *     n_intervals x (8 start, 8 end) as [start, end)
 * Intervals are sorted and merged, as the server requires; tags are lower
 * cased. An empty set is valid (8 zero bytes). */
int server_gtid_encode_mysql(const char *set, struct bb_buf *out, struct bb_error *err);

/* The body of MySQL's COM_BINLOG_DUMP_GTID (after its command byte 0x1e),
 * appended to out: 2 flags, 4 server id, 4 file name length, the name,
 * 8 position, 4 data size, data (server_gtid_encode_mysql's bytes, gtids).
 * Flags 0x04 (BINLOG_THROUGH_GTID) say that the data is there. */
void server_dump_gtid_body(struct bb_buf *out, uint16_t flags, uint32_t server_id,
                           const char *file, uint64_t pos, const struct bb_buf *gtids);

/* A result cell holding a decimal number (digits only): true with *out
 * set, false for NULL, empty or anything else. */
bool server_row_u64(const char *cell, uint64_t *out);

#endif
