/* testutil.h - helpers shared by the test files. */
#ifndef BB_TESTUTIL_H
#define BB_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <mysql.h>

#include "binbridge.h"

/* Absolute path of a corpus file ($BB_CORPUS_DIR, default ../shared/corpus/binlog).
 * Returns a static buffer. */
const char *corpus_path(const char *name);
const char *corpus_dir(void);

/* Events of a file by type: outer[type] counts events read from the file,
 * inner[type] those decoded from inside TRANSACTION_PAYLOAD events. */
struct event_counts {
    unsigned outer[256];
    unsigned inner[256];
    unsigned total;
};

/* Read a whole file through a stream; returns bb_stream_next's final code
 * (0 at a clean end) and fills counts and err. */
int read_file_counts(const char *path, struct event_counts *counts, struct bb_error *err);

/* Render the row events of files as text lines, one per row:
 *   "W schema.table: col=value col=value"
 *   "U schema.table: col=before->after ..."   (unchanged values once: col=value)
 *   "D schema.table: col=value ..."
 * NULL is written NULL, absent columns are left out, control bytes as \\xNN. Returns a malloc'd
 * string (caller frees) and the stream's final code in *rc. */
char *rows_text(const char *const *paths, size_t npaths, int *rc, struct bb_error *err);
/* The same with the stream's rows_budget (struct bb_stream_options; 0 is
 * the default). */
char *rows_text_budget(const char *const *paths, size_t npaths, size_t rows_budget, int *rc,
                       struct bb_error *err);

/* Read a whole file into memory (malloc'd, caller frees). */
uint8_t *slurp(const char *path, size_t *len);

/* MySQL binary JSON that MySQL never writes: small arrays nested `depth`
 * deep, each of two entries pointing at the same child (the next array,
 * right after the entries), below `chain` levels of one-entry arrays;
 * 2^depth leaves to a walker that follows every entry. Writes
 * 1 + 7 * chain + 10 * depth + 4 bytes to doc and returns that length. */
size_t json_shared_children_doc(uint8_t *doc, size_t chain, size_t depth);

/* ---- building binlogs in memory ---- */

#define BINLOG_TEST_TIMESTAMP 1700000000u

/* n little-endian bytes of v; a length-encoded integer. */
void binlog_put_le(struct bb_buf *b, uint64_t v, int n);
void binlog_put_lenenc(struct bb_buf *b, uint64_t v);
/* Append an event: outer ones (in a file) get their end position and a
 * CRC32; inner ones (in a payload) neither, as MySQL writes them. A file
 * buffer starts with the magic, so its length is the event's offset. */
void binlog_add_event(struct bb_buf *b, uint8_t type, const void *body, size_t n, bool outer);
/* Reset f to the magic and a MySQL 8.0.32 FORMAT_DESCRIPTION_EVENT (CRC32). */
void binlog_start_file(struct bb_buf *f);

/* ---- the test MariaDB (scripts/servers.sh env, set by run-tests.sh) ---- */

/* An environment variable that must be set (asserts, saying how). */
const char *test_env(const char *name);
/* $BB_MARIADB_PORT. */
unsigned test_mariadb_port(void);
/* Server options for the test MariaDB as the tests' user (host, port,
 * user, password from the environment), replica server id server_id. */
void test_server_options(struct bb_server_options *o, uint32_t server_id);
/* A connection as the tests' user: utf8mb4, UTC session time zone, 256 MB
 * packets (asserts). */
MYSQL *test_sql_connect(void);
/* Run a statement, reading any result (asserts it succeeds). */
void test_sql_len(MYSQL *m, const char *q, size_t len);
void test_sql(MYSQL *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The first column of the first row into out ("" for NULL; asserts a row). */
void test_sql_value(MYSQL *m, char *out, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* SHOW MASTER STATUS: the binlog file and position now (asserts). */
void test_master_status(MYSQL *m, char *file, size_t size, uint64_t *pos);

/* A test's world: a connection, a database of its own (PREFIX_TAG_PID,
 * created empty and in use), and a binlog position its file may note. */
struct live {
    MYSQL *m;
    char db[64];
    char file[256];
    uint64_t pos;
};
void live_begin(struct live *L, const char *prefix, const char *tag);
/* Note the current end of the binlog in L (a stream starts there). */
void live_mark(struct live *L);
/* Drop the database, close the connection. */
void live_end(struct live *L);

/* ---- servers of a test's own, on a unix socket only ---- */

struct socket_server {
    pid_t pid;                  /* 0: not running */
    char dir[128];              /* its data, log and socket: removed by socket_server_stop */
    char sock[192];             /* the socket's path */
    char url[512];              /* a URL to it: unix://SOCK, mongodb://%2F...sock/ */
};

/* A redis-server listening on dir/redis.sock and no TCP port, without
 * persistence; started and answering PING when this returns (asserts). */
void socket_redis_start(struct socket_server *s);
/* FerretDB (its SQLite backend, data in dir) listening on dir/mongo.sock
 * and no TCP port; false when its binary is not where scripts/deps.sh
 * builds it (then nothing is started). */
bool socket_ferretdb_start(struct socket_server *s);
/* SIGTERM, wait, remove its directory. No-op when not running. */
void socket_server_stop(struct socket_server *s);

/* ---- a Redis serving TLS, of a test's own ---- */

/* The throwaway CA of scripts/test-ca.sh, made once in
 * /tmp/binbridge-test-ca-<uid> (asserts): its directory, in which
 * test_ca_file("ca.pem") and the others are (static buffer, valid until
 * the next call). */
const char *test_ca_dir(void);
const char *test_ca_file(const char *name);

/* A redis-server with TLS on tls_port (127.0.0.1 and ::1), plaintext on
 * plain_port (127.0.0.1) and on the unix socket dir/redis.sock, without
 * persistence: its certificate is test_ca_file("<cert>-cert.pem") and
 * key ("server", "expired", "other-host"); auth_clients: tls-auth-clients
 * yes (a client certificate signed by ca.pem is required). Started and
 * answering PING when this returns (asserts); stop with
 * socket_server_stop. */
struct tls_redis {
    struct socket_server s;
    unsigned plain_port, tls_port;
};
void tls_redis_start(struct tls_redis *t, const char *cert, bool auth_clients);
/* FerretDB (its SQLite backend, data in its directory) serving TLS on
 * 127.0.0.1:tls_port with test_ca_file("<cert>-cert.pem") and its key
 * ("server", "expired", "other-host"), plaintext on 127.0.0.1:plain_port
 * and on the unix socket s.sock (s.url is libmongoc's URL of it: the
 * tests' own reading); client_certs: --listen-tls-ca-file ca.pem, with
 * which FerretDB requires a client certificate signed by it. client_pem:
 * client-cert.pem and client-key.pem in one file, as libmongoc's
 * tlsCertificateKeyFile takes them. Started and answering when this
 * returns (asserts); false when the binary is not where scripts/deps.sh
 * builds it (nothing is started). Stop with socket_server_stop. */
struct tls_ferretdb {
    struct socket_server s;
    unsigned plain_port, tls_port;
    char client_pem[192];
};
bool tls_ferretdb_start(struct tls_ferretdb *t, const char *cert, bool client_certs);
/* A TCP port of 127.0.0.1 nothing listens on now, below the ephemeral
 * range. */
unsigned test_free_port(void);

#endif
