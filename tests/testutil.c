/* testutil.c - helpers shared by the test files. */
#include "tests/testutil.h"

#include <criterion/criterion.h>

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "base/buf.h"
#include "binlog/decoder.h"

const char *corpus_dir(void)
{
    const char *d = getenv("BB_CORPUS_DIR");
    return d && *d ? d : "../shared/corpus/binlog";
}

const char *corpus_path(const char *name)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", corpus_dir(), name);
    return path;
}

int read_file_counts(const char *path, struct event_counts *counts, struct bb_error *err)
{
    struct bb_stream *s;
    memset(counts, 0, sizeof *counts);
    const char *paths[] = { path };
    int rc = bb_stream_open_files(&s, paths, 1, NULL, err);
    if (rc < 0)
        return rc;
    const struct bb_event *ev;
    while ((rc = bb_stream_next(s, &ev, err)) > 0) {
        if (ev->in_payload)
            counts->inner[ev->type]++;
        else
            counts->outer[ev->type]++;
        counts->total++;
    }
    bb_stream_close(s);
    return rc;
}

/* The value's text form, with control bytes and NUL written as \xNN so
 * the lines stay searchable C strings. */
static void put_value(const struct bb_value *v, struct bb_buf *out, struct bb_error *err)
{
    if (v->kind == BB_VALUE_NULL) {
        bb_buf_puts(out, "NULL");
        return;
    }
    struct bb_buf raw;
    bb_buf_init(&raw);
    bb_value_format_text(v, &raw, err);
    for (size_t i = 0; i < raw.len; i++) {
        unsigned char c = (unsigned char)raw.data[i];
        if (c < 0x20 || c == 0x7f)
            bb_buf_printf(out, "\\x%02x", c);
        else
            bb_buf_putc(out, (char)c);
    }
    bb_buf_destroy(&raw);
}

static void put_name(const struct bb_table *t, uint32_t i, struct bb_buf *out)
{
    if (t->cols[i].name)
        bb_buf_puts(out, t->cols[i].name);
    else
        bb_buf_printf(out, "@%u", i + 1);
}

char *rows_text(const char *const *paths, size_t npaths, int *rc, struct bb_error *err)
{
    return rows_text_budget(paths, npaths, 0, rc, err);
}

char *rows_text_budget(const char *const *paths, size_t npaths, size_t rows_budget, int *rc,
                       struct bb_error *err)
{
    struct bb_stream *s;
    struct bb_buf out, a, b;
    bb_buf_init(&out);
    bb_buf_init(&a);
    bb_buf_init(&b);
    bb_buf_puts(&out, "");
    struct bb_stream_options opt;
    bb_stream_options_init(&opt);
    opt.rows_budget = rows_budget;
    *rc = bb_stream_open_files(&s, paths, npaths, &opt, err);
    if (*rc < 0)
        return out.data;
    const struct bb_event *ev;
    while ((*rc = bb_stream_next(s, &ev, err)) > 0) {
        if (!bb_event_is_rows(ev))
            continue;
        const struct bb_ev_rows *r = &ev->rows;
        const struct bb_table *t = r->table;
        for (uint32_t n = 0; n < r->nrows; n++) {
            const struct bb_row *row = &r->rows[n];
            bb_buf_printf(&out, "%c %s.%s:",
                          r->kind == BB_ROWS_WRITE ? 'W' : r->kind == BB_ROWS_UPDATE ? 'U' : 'D',
                          t->schema, t->name);
            for (uint32_t i = 0; i < t->ncols; i++) {
                const struct bb_value *bv = row->before ? &row->before[i] : NULL;
                const struct bb_value *av = row->after ? &row->after[i] : NULL;
                if ((!bv || bv->kind == BB_VALUE_ABSENT) && (!av || av->kind == BB_VALUE_ABSENT))
                    continue;
                bb_buf_putc(&out, ' ');
                put_name(t, i, &out);
                bb_buf_putc(&out, '=');
                if (bv && av) {
                    bb_buf_reset(&a);
                    bb_buf_reset(&b);
                    if (bv->kind != BB_VALUE_ABSENT)
                        put_value(bv, &a, err);
                    if (av->kind != BB_VALUE_ABSENT)
                        put_value(av, &b, err);
                    if (a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0)) {
                        bb_buf_append(&out, a.data, a.len);
                    } else {
                        bb_buf_append(&out, a.data, a.len);
                        bb_buf_puts(&out, "->");
                        bb_buf_append(&out, b.data, b.len);
                    }
                } else {
                    put_value(bv ? bv : av, &out, err);
                }
            }
            bb_buf_putc(&out, '\n');
        }
    }
    bb_stream_close(s);
    bb_buf_destroy(&a);
    bb_buf_destroy(&b);
    return out.data;
}

uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *p = malloc(n > 0 ? (size_t)n : 1);
    if (p && n > 0 && fread(p, 1, (size_t)n, f) != (size_t)n) {
        free(p);
        p = NULL;
    }
    fclose(f);
    *len = n > 0 ? (size_t)n : 0;
    return p;
}

/* ---- the test MariaDB ---- */

const char *test_env(const char *name)
{
    const char *v = getenv(name);
    cr_assert(v && *v, "%s is not set: run the tests with scripts/run-tests.sh, or "
              "eval \"$(scripts/servers.sh env)\" first", name);
    return v;
}

unsigned test_mariadb_port(void)
{
    return (unsigned)atoi(test_env("BB_MARIADB_PORT"));
}

void test_sql_len(MYSQL *m, const char *q, size_t len)
{
    if (mysql_real_query(m, q, (unsigned long)len) != 0)
        cr_assert_fail("SQL failed: %.300s: %s", q, mysql_error(m));
    MYSQL_RES *r = mysql_store_result(m);
    if (r)
        mysql_free_result(r);
}

void test_sql(MYSQL *m, const char *fmt, ...)
{
    char *q = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&q, fmt, ap);
    va_end(ap);
    cr_assert(n >= 0 && q);
    test_sql_len(m, q, (size_t)n);
    free(q);
}

void test_sql_value(MYSQL *m, char *out, size_t size, const char *fmt, ...)
{
    char *q = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&q, fmt, ap);
    va_end(ap);
    cr_assert(n >= 0 && q);
    if (mysql_query(m, q) != 0)
        cr_assert_fail("SQL failed: %s: %s", q, mysql_error(m));
    MYSQL_RES *r = mysql_store_result(m);
    cr_assert(r, "%s returned no result", q);
    MYSQL_ROW row = mysql_fetch_row(r);
    cr_assert(row, "%s returned no row", q);
    snprintf(out, size, "%s", row[0] ? row[0] : "");
    mysql_free_result(r);
    free(q);
}

void test_server_options(struct bb_server_options *o, uint32_t server_id)
{
    bb_server_options_init(o);
    o->host = test_env("BB_MARIADB_HOST");
    o->port = test_mariadb_port();
    o->user = test_env("BB_MARIADB_USER");
    o->password = test_env("BB_MARIADB_PASSWORD");
    o->server_id = server_id;
}

MYSQL *test_sql_connect(void)
{
    MYSQL *m = mysql_init(NULL);
    cr_assert(m);
    unsigned long max_packet = 256UL << 20;
    mysql_options(m, MYSQL_OPT_MAX_ALLOWED_PACKET, &max_packet);
    if (!mysql_real_connect(m, test_env("BB_MARIADB_HOST"), test_env("BB_MARIADB_USER"),
                            test_env("BB_MARIADB_PASSWORD"), NULL, test_mariadb_port(), NULL, 0))
        cr_assert_fail("cannot connect to MariaDB at %s:%u: %s", test_env("BB_MARIADB_HOST"),
                       test_mariadb_port(), mysql_error(m));
    cr_assert_eq(mysql_set_character_set(m, "utf8mb4"), 0, "%s", mysql_error(m));
    test_sql(m, "SET NAMES utf8mb4");
    test_sql(m, "SET time_zone = '+00:00'");
    return m;
}

void test_master_status(MYSQL *m, char *file, size_t size, uint64_t *pos)
{
    if (mysql_query(m, "SHOW MASTER STATUS") != 0)
        cr_assert_fail("SHOW MASTER STATUS: %s", mysql_error(m));
    MYSQL_RES *r = mysql_store_result(m);
    cr_assert(r);
    MYSQL_ROW row = mysql_fetch_row(r);
    cr_assert(row && row[0] && row[1], "binary logging is off");
    snprintf(file, size, "%s", row[0]);
    *pos = strtoull(row[1], NULL, 10);
    mysql_free_result(r);
}

void live_mark(struct live *L)
{
    test_master_status(L->m, L->file, sizeof L->file, &L->pos);
}

void live_begin(struct live *L, const char *prefix, const char *tag)
{
    memset(L, 0, sizeof *L);
    L->m = test_sql_connect();
    snprintf(L->db, sizeof L->db, "%s_%s_%d", prefix, tag, (int)getpid());
    test_sql(L->m, "DROP DATABASE IF EXISTS %s", L->db);
    test_sql(L->m, "CREATE DATABASE %s CHARACTER SET utf8mb4", L->db);
    test_sql(L->m, "USE %s", L->db);
}

void live_end(struct live *L)
{
    test_sql(L->m, "DROP DATABASE IF EXISTS %s", L->db);
    mysql_close(L->m);
}

size_t json_shared_children_doc(uint8_t *doc, size_t chain, size_t depth)
{
    size_t n = 0;
    doc[n++] = 0x02;
    for (size_t i = 0; i < chain; i++) {
        size_t size = (chain - i) * 7 + depth * 10 + 4;
        const uint8_t level[7] = { 0x01, 0x00, (uint8_t)size, (uint8_t)(size >> 8), 0x02, 0x07,
                                   0x00 };
        memcpy(doc + n, level, 7);
        n += 7;
    }
    for (size_t i = 0; i < depth; i++) {
        size_t size = (depth - i) * 10 + 4;
        const uint8_t level[10] = { 0x02, 0x00, (uint8_t)size, (uint8_t)(size >> 8), 0x02, 0x0a,
                                    0x00, 0x02, 0x0a, 0x00 };
        memcpy(doc + n, level, 10);
        n += 10;
    }
    const uint8_t empty[4] = { 0x00, 0x00, 0x04, 0x00 };
    memcpy(doc + n, empty, 4);
    return n + 4;
}

/* ---- building binlogs ---- */

void binlog_put_le(struct bb_buf *b, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        bb_buf_putc(b, (char)(v >> (8 * i)));
}

void binlog_put_lenenc(struct bb_buf *b, uint64_t v)
{
    if (v < 251) {
        binlog_put_le(b, v, 1);
    } else if (v < 1 << 16) {
        binlog_put_le(b, 0xfc, 1);
        binlog_put_le(b, v, 2);
    } else if (v < 1 << 24) {
        binlog_put_le(b, 0xfd, 1);
        binlog_put_le(b, v, 3);
    } else {
        binlog_put_le(b, 0xfe, 1);
        binlog_put_le(b, v, 8);
    }
}

void binlog_add_event(struct bb_buf *b, uint8_t type, const void *body, size_t n, bool outer)
{
    size_t start = b->len;
    uint32_t size = (uint32_t)(19 + n + (outer ? 4 : 0));
    binlog_put_le(b, BINLOG_TEST_TIMESTAMP, 4);
    binlog_put_le(b, type, 1);
    binlog_put_le(b, 1, 4);
    binlog_put_le(b, size, 4);
    binlog_put_le(b, outer ? start + size : 0, 4);
    binlog_put_le(b, 0, 2);
    bb_buf_append(b, body, n);
    if (outer)
        binlog_put_le(b, crc32(0, (const Bytef *)b->data + start, (uInt)(b->len - start)), 4);
}

void binlog_start_file(struct bb_buf *f)
{
    /* Post-header lengths of types 1..41 as MySQL 8.0.32 writes them. */
    static const uint8_t post[41] = {
        0x00, 0x0d, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x04, 0x00, 0x00, 0x00,
        0x62, 0x00, 0x04, 0x1a, 0x08, 0x00, 0x00, 0x00, 0x08, 0x08, 0x08, 0x02, 0x00, 0x00,
        0x00, 0x0a, 0x0a, 0x0a, 0x2a, 0x2a, 0x00, 0x12, 0x34, 0x00, 0x0a, 0x28, 0x00,
    };
    struct bb_buf body;
    bb_buf_init(&body);
    binlog_put_le(&body, 4, 2);
    char version[50] = "8.0.32";
    bb_buf_append(&body, version, sizeof version);
    binlog_put_le(&body, BINLOG_TEST_TIMESTAMP, 4);
    binlog_put_le(&body, 19, 1);
    bb_buf_append(&body, post, sizeof post);
    binlog_put_le(&body, 1, 1); /* CRC32 */
    bb_buf_reset(f);
    bb_buf_append(f, BB_BINLOG_MAGIC, 4);
    binlog_add_event(f, FORMAT_DESCRIPTION_EVENT, body.data, body.len, true);
    bb_buf_destroy(&body);
}


/* ---- servers of a test's own, on a unix socket only ---- */

static void socket_dir(struct socket_server *s, const char *what)
{
    memset(s, 0, sizeof *s);
    snprintf(s->dir, sizeof s->dir, "/tmp/bbt-%s-%d-XXXXXX", what, (int)getpid());
    cr_assert_not_null(mkdtemp(s->dir), "mkdtemp %s", s->dir);
}

/* Start argv[0] with argv, its output in dir/log, dying with this process. */
static void socket_spawn(struct socket_server *s, char *const *argv)
{
    char log[256];
    snprintf(log, sizeof log, "%s/log", s->dir);
    pid_t parent = getpid();
    pid_t pid = fork();
    cr_assert(pid >= 0, "fork: %s", strerror(errno));
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(127);
        FILE *f = freopen(log, "a", stdout);
        if (f)
            dup2(fileno(stdout), 2);
        execv(argv[0], argv);
        _exit(127);
    }
    s->pid = pid;
}

/* Wait until something accepts connections on s->sock (10 s at most). */
static bool socket_wait(struct socket_server *s)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    size_t len = strlen(s->sock);
    cr_assert_lt(len, sizeof a.sun_path, "socket path too long: %s", s->sock);
    memcpy(a.sun_path, s->sock, len + 1);
    for (int i = 0; i < 200; i++) {
        int fd = socket(AF_UNIX, SOCK_STREAM, 0);
        bool ok = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
        if (fd >= 0)
            close(fd);
        if (ok)
            return true;
        int status;
        if (waitpid(s->pid, &status, WNOHANG) == s->pid) {
            s->pid = 0;
            return false;
        }
        nanosleep(&(struct timespec){ 0, 50000000 }, NULL);
    }
    return false;
}

void socket_redis_start(struct socket_server *s)
{
    socket_dir(s, "redis");
    snprintf(s->sock, sizeof s->sock, "%s/redis.sock", s->dir);
    snprintf(s->url, sizeof s->url, "unix://%s", s->sock);
    char *argv[] = { "/usr/bin/redis-server", "--port", "0", "--unixsocket", s->sock,
                     "--unixsocketperm", "700", "--save", "", "--appendonly", "no",
                     "--dir", s->dir, NULL };
    if (access(argv[0], X_OK) != 0)
        argv[0] = "/usr/local/bin/redis-server";
    socket_spawn(s, argv);
    cr_assert(socket_wait(s), "redis-server on %s did not start (see %s/log)", s->sock, s->dir);
}

/* Where scripts/servers.sh and scripts/deps.sh keep FerretDB; false when
 * it is not there. */
static bool ferretdb_bin(char *bin, size_t size)
{
    const char *tools = getenv("BB_TOOLS_DIR"), *cache = getenv("XDG_CACHE_HOME");
    if (tools)
        snprintf(bin, size, "%s/ferretdb-v1.24.2/ferretdb", tools);
    else if (cache)
        snprintf(bin, size, "%s/binbridge/ferretdb-v1.24.2/ferretdb", cache);
    else
        snprintf(bin, size, "%s/.cache/binbridge/ferretdb-v1.24.2/ferretdb",
                 getenv("HOME") ? getenv("HOME") : "");
    return access(bin, X_OK) == 0;
}

/* s->sock = dir/mongo.sock and s->url libmongoc's URL of it. */
static void ferretdb_socket(struct socket_server *s)
{
    snprintf(s->sock, sizeof s->sock, "%s/mongo.sock", s->dir);
    /* libmongoc's form of a socket: the path, %-escaped, as the host */
    size_t n = (size_t)snprintf(s->url, sizeof s->url, "mongodb://");
    for (const char *p = s->sock; *p && n + 4 < sizeof s->url; p++)
        n += (size_t)(*p == '/' ? snprintf(s->url + n, sizeof s->url - n, "%%2F")
                                : snprintf(s->url + n, sizeof s->url - n, "%c", *p));
    snprintf(s->url + n, sizeof s->url - n, "/");
}

bool socket_ferretdb_start(struct socket_server *s)
{
    char bin[512];
    if (!ferretdb_bin(bin, sizeof bin))
        return false;
    socket_dir(s, "mongo");
    ferretdb_socket(s);
    char sqlite[256], unix_arg[256], state[256];
    snprintf(sqlite, sizeof sqlite, "--sqlite-url=file:%s/", s->dir);
    snprintf(unix_arg, sizeof unix_arg, "--listen-unix=%s", s->sock);
    snprintf(state, sizeof state, "--state-dir=%s/state", s->dir);
    char *argv[] = { bin, "--handler=sqlite", sqlite, "--listen-addr=", unix_arg,
                     "--debug-addr=-", "--telemetry=disable", state, "--log-level=ERROR",
                     "--log-format=text", NULL };
    socket_spawn(s, argv);
    cr_assert(socket_wait(s), "FerretDB on %s did not start (see %s/log)", s->sock, s->dir);
    return true;
}

void socket_server_stop(struct socket_server *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        int status;
        for (int i = 0; i < 100 && waitpid(s->pid, &status, WNOHANG) == 0; i++)
            nanosleep(&(struct timespec){ 0, 50000000 }, NULL);
        if (waitpid(s->pid, &status, WNOHANG) == 0) {
            kill(s->pid, SIGKILL);
            waitpid(s->pid, &status, 0);
        }
        s->pid = 0;
    }
    if (s->dir[0]) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf -- '%s'", s->dir);
        if (system(cmd) != 0)
            cr_log_warn("could not remove %s", s->dir);
        s->dir[0] = '\0';
    }
}

/* ---- a Redis serving TLS ---- */

const char *test_ca_dir(void)
{
    static char dir[128];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/binbridge-test-ca-%u", (unsigned)getuid());
        char cmd[300];
        snprintf(cmd, sizeof cmd, "scripts/test-ca.sh '%s'", dir);
        int rc = system(cmd);
        cr_assert_eq(rc, 0, "%s failed (exit %d)", cmd, rc);
    }
    return dir;
}

const char *test_ca_file(const char *name)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", test_ca_dir(), name);
    cr_assert_eq(access(path, R_OK), 0, "%s: %s", path, strerror(errno));
    return path;
}

static bool tcp_port_free(unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert(fd >= 0, "socket: %s", strerror(errno));
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bool ok = bind(fd, (struct sockaddr *)&a, sizeof a) == 0;
    close(fd);
    return ok;
}

unsigned test_free_port(void)
{
    static unsigned calls;
    unsigned seed = (unsigned)getpid() * 2654435761u ^ (unsigned)time(NULL) ^ (++calls << 20);
    for (int tries = 0; tries < 500; tries++) {
        seed = seed * 1103515245u + 12345u;
        unsigned port = 20000 + (seed >> 8) % 12000;
        if (tcp_port_free(port))
            return port;
    }
    cr_assert_fail("no free TCP port between 20000 and 32000");
    return 0;
}

void tls_redis_start(struct tls_redis *t, const char *cert, bool auth_clients)
{
    char cert_file[256], key_file[256], ca_file[256];
    snprintf(cert_file, sizeof cert_file, "%s/%s-cert.pem", test_ca_dir(), cert);
    snprintf(key_file, sizeof key_file, "%s/%s-key.pem", test_ca_dir(), cert);
    snprintf(ca_file, sizeof ca_file, "%s/ca.pem", test_ca_dir());
    cr_assert_eq(access(cert_file, R_OK), 0, "%s: %s", cert_file, strerror(errno));
    struct socket_server *s = &t->s;
    socket_dir(s, "redis-tls");
    snprintf(s->sock, sizeof s->sock, "%s/redis.sock", s->dir);
    snprintf(s->url, sizeof s->url, "unix://%s", s->sock);
    t->plain_port = test_free_port();
    do
        t->tls_port = test_free_port();
    while (t->tls_port == t->plain_port);
    char plain[16], tls[16];
    snprintf(plain, sizeof plain, "%u", t->plain_port);
    snprintf(tls, sizeof tls, "%u", t->tls_port);
    /* Both ports on 127.0.0.1 and, where there is IPv6, ::1 (the "-":
     * optional); the certificate names both. */
    char *argv[] = { "/usr/bin/redis-server", "--port", plain, "--tls-port", tls,
                     "--bind", "127.0.0.1", "-::1", "--tls-cert-file", cert_file,
                     "--tls-key-file", key_file, "--tls-ca-cert-file", ca_file,
                     "--tls-auth-clients", auth_clients ? "yes" : "no",
                     "--unixsocket", s->sock, "--unixsocketperm", "700", "--save", "",
                     "--appendonly", "no", "--dir", s->dir, NULL };
    if (access(argv[0], X_OK) != 0)
        argv[0] = "/usr/local/bin/redis-server";
    socket_spawn(s, argv);
    cr_assert(socket_wait(s), "redis-server with TLS on %s did not start (see %s/log)", tls,
              s->dir);
}

/* ---- a FerretDB serving TLS ---- */

/* Wait until something accepts connections on 127.0.0.1:port (10 s at
 * most), while s runs. */
static bool tcp_wait(struct socket_server *s, unsigned port)
{
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    for (int i = 0; i < 200; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        bool ok = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
        if (fd >= 0)
            close(fd);
        if (ok)
            return true;
        int status;
        if (waitpid(s->pid, &status, WNOHANG) == s->pid) {
            s->pid = 0;
            return false;
        }
        nanosleep(&(struct timespec){ 0, 50000000 }, NULL);
    }
    return false;
}

bool tls_ferretdb_start(struct tls_ferretdb *t, const char *cert, bool client_certs)
{
    char bin[512];
    if (!ferretdb_bin(bin, sizeof bin))
        return false;
    char cert_file[256], key_file[256], ca_file[256];
    snprintf(cert_file, sizeof cert_file, "%s/%s-cert.pem", test_ca_dir(), cert);
    snprintf(key_file, sizeof key_file, "%s/%s-key.pem", test_ca_dir(), cert);
    snprintf(ca_file, sizeof ca_file, "%s/ca.pem", test_ca_dir());
    cr_assert_eq(access(cert_file, R_OK), 0, "%s: %s", cert_file, strerror(errno));
    struct socket_server *s = &t->s;
    socket_dir(s, "mongo-tls");
    ferretdb_socket(s);
    /* libmongoc takes the client's certificate and key in one file */
    snprintf(t->client_pem, sizeof t->client_pem, "%s/client.pem", s->dir);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "cat '%s/client-cert.pem' '%s/client-key.pem' > '%s'",
             test_ca_dir(), test_ca_dir(), t->client_pem);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    t->plain_port = test_free_port();
    do
        t->tls_port = test_free_port();
    while (t->tls_port == t->plain_port);
    char sqlite[256], unix_arg[256], state[256], plain[64], tls[64], tls_cert[300],
        tls_key[300], tls_ca[300];
    snprintf(sqlite, sizeof sqlite, "--sqlite-url=file:%s/", s->dir);
    snprintf(unix_arg, sizeof unix_arg, "--listen-unix=%s", s->sock);
    snprintf(state, sizeof state, "--state-dir=%s/state", s->dir);
    snprintf(plain, sizeof plain, "--listen-addr=127.0.0.1:%u", t->plain_port);
    snprintf(tls, sizeof tls, "--listen-tls=127.0.0.1:%u", t->tls_port);
    snprintf(tls_cert, sizeof tls_cert, "--listen-tls-cert-file=%s", cert_file);
    snprintf(tls_key, sizeof tls_key, "--listen-tls-key-file=%s", key_file);
    /* FerretDB 1.24 with a CA file requires (and verifies) a client
     * certificate (internal/util/tlsutil) */
    snprintf(tls_ca, sizeof tls_ca, "--listen-tls-ca-file=%s", ca_file);
    char *argv[] = { bin, "--handler=sqlite", sqlite, plain, unix_arg, tls, tls_cert, tls_key,
                     "--debug-addr=-", "--telemetry=disable", state, "--log-level=ERROR",
                     "--log-format=text", client_certs ? tls_ca : NULL, NULL };
    socket_spawn(s, argv);
    cr_assert(socket_wait(s) && tcp_wait(s, t->tls_port) && tcp_wait(s, t->plain_port),
              "FerretDB with TLS on 127.0.0.1:%u did not start (see %s/log)", t->tls_port,
              s->dir);
    return true;
}
