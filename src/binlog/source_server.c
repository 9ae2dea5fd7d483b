/* source_server.c - events from a live MySQL / MariaDB server, read as a
 * replica over one client connection.
 *
 * MariaDB Connector/C does the protocol (authentication, TLS, packet
 * framing and the reassembly of events larger than 16 MB); we send the dump
 * command ourselves and take each event packet as raw bytes, because
 * Connector/C's own binlog parser (mariadb_rpl_fetch) has no bounds checks
 * and drops event types it does not know. Everything inside an event is
 * left to the decoder; this file reads only the common header (size,
 * log_pos, flags) and the body of ROTATE events, which name the file the
 * following events belong to.
 *
 * Positions: every event gets the byte offset where it starts in its file.
 * For real events that is log_pos (the end position in the header) minus
 * the event size. Artificial events (LOG_EVENT_ARTIFICIAL_F or log_pos 0:
 * the fake ROTATE that opens the stream, the FORMAT_DESCRIPTION resent when
 * starting past offset 4; and every heartbeat) exist nowhere in the file:
 * they get the current position, i.e. the offset where the next real event
 * of the current file starts. A stream restarted at an event's file:pos
 * therefore begins with that event (artificial events excepted), and one
 * restarted at file:(pos + length) begins with the event after it. */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <zlib.h>

#include "binbridge.h"
#include "base/buf.h"
#include "base/cursor.h"
#include "binlog/decoder.h"
#include "base/error.h"
#include "mysql/server_conn.h"
#include "binlog/source.h"
#include "base/url.h"

/* Connector/C's I/O layer (installed with libmariadb-dev): its read-ahead
 * cache, which server_caught_up looks into. After mysql.h (binbridge.h),
 * which it needs. */
#include <ma_pvio.h>
/* Its TLS layer: the connection's OpenSSL session, whose buffer
 * server_caught_up looks into too. ma_pvio.h names the type void unless
 * the library's own build flag is set; the installed ma_tls.h has it. */
#ifndef HAVE_TLS
#undef MARIADB_TLS
/* It declares a function with () for (void). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <ma_tls.h>
#pragma GCC diagnostic pop
#endif
#include <openssl/ssl.h>

/* COM_BINLOG_DUMP flags. BINLOG_SEND_ANNOTATE_ROWS_EVENT is MariaDB's:
 * without it the server leaves out ANNOTATE_ROWS events. */
#define DUMP_NON_BLOCK          0x01
#define DUMP_SEND_ANNOTATE_ROWS 0x02
#define DUMP_THROUGH_GTID       0x04
/* MySQL's COM_BINLOG_DUMP_GTID; MariaDB's enum calls 0x1e COM_UNSUPPORTED. */
#define COM_BINLOG_DUMP_GTID_CMD 0x1e
/* MARIA_SLAVE_CAPABILITY_MINE: send MariaDB's GTID and annotate events. */
#define MARIADB_SLAVE_CAPABILITY 4

#define DEFAULT_SERVER_ID 0x62620001u  /* "bb" 0x0001 */
#define DEFAULT_PORT 3306
#define DEFAULT_CONNECT_TIMEOUT 10
#define MAX_PACKET ((unsigned long)1 << 30)
#define MAX_LOG_NAME 511               /* the server's FN_REFLEN - 1 */
#define ER_MASTER_FATAL_READING_BINLOG 1236
#define ER_SPECIFIC_ACCESS_DENIED 1227
#define ER_UNKNOWN_SYSTEM_VARIABLE 1193
#define CR_SERVER_LOST_ERR 2013
#define CR_SSL_CONNECTION_ERR 2026

/* ------------------------------------------------------------------ */
/* Options and URLs                                                    */

void bb_server_options_init(struct bb_server_options *srv)
{
    memset(srv, 0, sizeof *srv);
    srv->host = "127.0.0.1";
    srv->port = DEFAULT_PORT;
    /* Any id other than the source server's own and its other replicas'
     * works; MariaDB drops an older dump connection with the same id, so
     * two readers of one server need different ids. */
    srv->server_id = DEFAULT_SERVER_ID;
    srv->connect_timeout = DEFAULT_CONNECT_TIMEOUT;
    srv->start = BB_START_CURRENT;
    srv->ssl_mode = BB_SSL_PREFERRED;
}

/* The strings bb_server_options_parse_url keeps, in this order, one
 * after the other in srv->url_strings. */
enum { URL_HOST, URL_USER, URL_PASSWORD, URL_SSL_CA, URL_SSL_CERT, URL_SSL_KEY, URL_NSTRINGS };

static const char **url_field(struct bb_server_options *srv, int i)
{
    switch (i) {
    case URL_HOST: return &srv->host;
    case URL_USER: return &srv->user;
    case URL_PASSWORD: return &srv->password;
    case URL_SSL_CA: return &srv->ssl_ca;
    case URL_SSL_CERT: return &srv->ssl_cert;
    default: return &srv->ssl_key;
    }
}

void bb_server_options_destroy(struct bb_server_options *srv)
{
    if (!srv || !srv->url_strings)
        return;
    /* Fields that still point into the block are the URL's: they go. */
    const char *p = srv->url_strings;
    for (int i = 0; i < URL_NSTRINGS; i++) {
        const char **f = url_field(srv, i);
        if (*f == p)
            *f = NULL;
        p += strlen(p) + 1;
    }
    free(srv->url_strings);
    srv->url_strings = NULL;
}

static const char *const ssl_mode_names[] = {
    [BB_SSL_PREFERRED] = "PREFERRED",
    [BB_SSL_DISABLED] = "DISABLED",
    [BB_SSL_REQUIRED] = "REQUIRED",
    [BB_SSL_VERIFY_CA] = "VERIFY_CA",
    [BB_SSL_VERIFY_IDENTITY] = "VERIFY_IDENTITY",
};

const char *bb_ssl_mode_name(enum bb_ssl_mode mode)
{
    return (unsigned)mode < sizeof ssl_mode_names / sizeof *ssl_mode_names
               ? ssl_mode_names[mode] : "?";
}

bool bb_ssl_mode_parse(const char *name, enum bb_ssl_mode *out)
{
    for (size_t i = 0; name && i < sizeof ssl_mode_names / sizeof *ssl_mode_names; i++)
        if (strcasecmp(name, ssl_mode_names[i]) == 0) {
            *out = (enum bb_ssl_mode)i;
            return true;
        }
    return false;
}

int bb_server_options_check(const struct bb_server_options *srv, struct bb_error *err)
{
    if ((unsigned)srv->ssl_mode > BB_SSL_VERIFY_IDENTITY)
        return bb_error_set(err, BB_ERR_USAGE, "ssl-mode %d is not a mode", (int)srv->ssl_mode);
    bool verify = srv->ssl_mode == BB_SSL_VERIFY_CA || srv->ssl_mode == BB_SSL_VERIFY_IDENTITY;
    if (verify && !(srv->ssl_ca && *srv->ssl_ca))
        return bb_error_set(err, BB_ERR_USAGE, "ssl-mode=%s needs ssl-ca, the CA certificates "
                            "(PEM) the server's certificate is verified against",
                            bb_ssl_mode_name(srv->ssl_mode));
    return 0;
}

/* The URL's parameters: MySQL's own names for its TLS options. */
static const struct {
    const char *name;
    int slot;                   /* URL_SSL_*, or -1: ssl-mode */
} url_params[] = {
    { "ssl-mode", -1 },
    { "ssl-ca", URL_SSL_CA },
    { "ssl-cert", URL_SSL_CERT },
    { "ssl-key", URL_SSL_KEY },
};
#define NPARAMS (sizeof url_params / sizeof *url_params)

/* Read the parameters of u into *mode (when given; *mode_set) and
 * files[URL_SSL_*]. Every unknown name is named in one message. */
static int read_params(const struct url *u, enum bb_ssl_mode *mode, bool *mode_set,
                       const char **files, struct bb_error *err)
{
    char unknown[400] = "";
    size_t nunknown = 0, ul = 0;
    bool seen[NPARAMS] = { false };
    for (size_t i = 0; i < u->nparams; i++) {
        const struct url_param *p = &u->params[i];
        size_t k = 0;
        while (k < NPARAMS && strcasecmp(p->name, url_params[k].name) != 0)
            k++;
        if (k == NPARAMS) {
            int w = snprintf(unknown + ul, sizeof unknown - ul, "%s\"%s\"", nunknown ? ", " : "",
                             p->name);
            ul += w > 0 && (size_t)w < sizeof unknown - ul ? (size_t)w : 0;
            nunknown++;
            continue;
        }
        const char *name = url_params[k].name;
        if (nunknown)
            continue;
        if (seen[k])
            return bb_error_set(err, BB_ERR_USAGE, "server URL: %s is given twice", name);
        seen[k] = true;
        if (!p->value || !p->value[0])
            return bb_error_set(err, BB_ERR_USAGE, "server URL: %s needs a value (%s=%s)", name,
                                name, url_params[k].slot < 0 ? "VERIFY_IDENTITY" : "FILE");
        if (url_params[k].slot < 0) {
            if (!bb_ssl_mode_parse(p->value, mode))
                return bb_error_set(err, BB_ERR_USAGE, "server URL: ssl-mode must be DISABLED, "
                                    "PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY, got \"%s\"",
                                    p->value);
            *mode_set = true;
            continue;
        }
        char why[300];
        if (!server_tls_file_check(p->value, why, sizeof why))
            return bb_error_set(err, BB_ERR_USAGE, "server URL: %s: %s", name, why);
        files[url_params[k].slot] = p->value;
    }
    if (nunknown)
        return bb_error_set(err, BB_ERR_USAGE, "server URL: unknown parameter%s %s (known: "
                            "ssl-mode, ssl-ca, ssl-cert, ssl-key)", nunknown > 1 ? "s" : "",
                            unknown);
    return 0;
}

/* mysql://user[:password]@host[:port][/][?params]  (or mariadb://), read
 * by the one URL parser (base/url.h). The URL itself never appears in
 * messages: it may hold a password. What follows the authority may be
 * quoted (url_parse refuses an '@' there, so no password reaches it). */
int bb_server_options_parse_url(struct bb_server_options *srv, const char *url,
                                struct bb_error *err)
{
    static const char form[] = "mysql://user[:password]@host[:port]";
    static const char usage[] = "(expected mysql://user[:password]@host[:port])";
    size_t slen = url ? url_scheme_len(url, strlen(url)) : 0;
    if (!((slen == 5 && strncasecmp(url, "mysql", 5) == 0) ||
          (slen == 7 && strncasecmp(url, "mariadb", 7) == 0)))
        return bb_error_set(err, BB_ERR_USAGE, "server URL must start with mysql:// or "
                            "mariadb:// %s", usage);
    struct url u;
    enum bb_ssl_mode mode = srv->ssl_mode;
    bool mode_set = false;
    const char *files[URL_NSTRINGS] = { NULL };
    int rc = url_parse(&u, url, form, err);
    if (rc == 0) {
        if (u.has_fragment)
            rc = bb_error_set(err, BB_ERR_USAGE, "server URL: a #fragment is not supported");
        else if (u.path && strcmp(u.path, "/") != 0)
            rc = bb_error_set(err, BB_ERR_USAGE, "server URL: a path or database name after "
                              "the host is not supported %s", usage);
        else if (!u.user)
            rc = bb_error_set(err, BB_ERR_USAGE, "server URL names no user %s", usage);
        else if (!u.user[0])
            rc = bb_error_set(err, BB_ERR_USAGE, "server URL: the user name is empty %s", usage);
        else
            rc = read_params(&u, &mode, &mode_set, files, err);
    } else {
        bb_error_prefix(err, "server URL");
    }
    /* No password in the URL: BINBRIDGE_PASSWORD, so it need not appear
     * on a command line. */
    files[URL_HOST] = u.host;
    files[URL_USER] = u.user;
    files[URL_PASSWORD] = u.password ? u.password : getenv("BINBRIDGE_PASSWORD");
    /* The strings in one block the options own, "" for those not given. */
    char *block = NULL;
    size_t total = 0;
    for (int i = 0; i < URL_NSTRINGS; i++)
        total += (files[i] ? strlen(files[i]) : 0) + 1;
    if (rc == 0 && !(block = malloc(total)))
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    if (rc == 0) {
        /* Fields of an earlier URL go first: the block they point into is freed. */
        bb_server_options_destroy(srv);
        char *p = block;
        for (int i = 0; i < URL_NSTRINGS; i++) {
            size_t n = files[i] ? strlen(files[i]) : 0;
            memcpy(p, files[i] ? files[i] : "", n + 1);
            /* host and user always; the others when given */
            if (files[i] || i < URL_PASSWORD)
                *url_field(srv, i) = p;
            p += n + 1;
        }
        srv->port = u.port ? u.port : DEFAULT_PORT;
        if (mode_set)
            srv->ssl_mode = mode;
        srv->url_strings = block;
    }
    url_destroy(&u);
    return rc;
}

static void put_u32le(struct bb_buf *b, uint32_t v)
{
    uint8_t x[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    bb_buf_append(b, x, 4);
}

/* ------------------------------------------------------------------ */
/* The source                                                          */

struct server_source {
    struct source base;
    MYSQL *conn;
    int fd;                     /* conn's socket once connected, else -1 (server_interrupt) */
    bool openssl;               /* TLS, by an OpenSSL build of Connector/C (server_caught_up) */
    char where[300];            /* "host:port" for messages */
    bool mariadb;
    bool blocking;
    bool done;
    unsigned read_timeout;
    size_t max_event_size;
    /* The file the next event belongs to is names[cur] (NULL until the
     * first ROTATE names it when starting from a GTID). The other slot keeps
     * the previous name alive: the event just delivered may point to it. */
    char *names[2];
    int cur;
    uint64_t pos;               /* offset where the next real event starts */
    bool received;              /* the server sent an event */
    bool delivered_real;        /* a non-artificial event was delivered */
    char start_desc[600];       /* the requested start, for error messages */
};

static int set_file(struct server_source *ss, int slot, const uint8_t *name, size_t n,
                    struct bb_error *err)
{
    char *copy = malloc(n + 1);
    if (!copy)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    memcpy(copy, name, n);
    copy[n] = '\0';
    free(ss->names[slot]);
    ss->names[slot] = copy;
    return 0;
}

/* The error of a failed read: position, requested start and the server's
 * word. 1236 is the server's "cannot read the binlog from there". */
static void privilege_hint(struct server_source *ss, struct bb_error *err);

/* CLOCK_MONOTONIC in seconds. */
static double monotonic_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* waited: how long the failed read waited, in seconds. */
static int read_error(struct server_source *ss, double waited, struct bb_error *err)
{
    MYSQL *m = ss->conn;
    unsigned e = mysql_errno(m);
    if (e == ER_SPECIFIC_ACCESS_DENIED) {
        bb_error_set_server(err, BB_ERR_SERVER, (int)e, "server %s: reading the binlog from %s: "
                            "%s (error %u)", ss->where, ss->start_desc, mysql_error(m), e);
        privilege_hint(ss, err);
        return BB_ERR_SERVER;
    }
    const char *file = ss->names[ss->cur] ? ss->names[ss->cur] : "?";
    /* The server refuses a file or GTID it does not have before sending
     * anything; a position that is not an event start, after the file's
     * ROTATE and FORMAT_DESCRIPTION. */
    if (e == ER_MASTER_FATAL_READING_BINLOG && !ss->received)
        return bb_error_set_server(err, BB_ERR_SERVER, (int)e, "server %s: cannot start reading "
                                   "the binlog at %s: it is no longer on the server (purged, or "
                                   "never existed): %s (error %u)", ss->where, ss->start_desc,
                                   mysql_error(m), e);
    if (e == ER_MASTER_FATAL_READING_BINLOG && !ss->delivered_real)
        return bb_error_set_server(err, BB_ERR_SERVER, (int)e, "server %s: cannot start reading "
                                   "the binlog at %s: the server cannot read from there (not the "
                                   "start of an event?): %s (error %u)", ss->where,
                                   ss->start_desc, mysql_error(m), e);
    /* Over TLS, the same timeout is OpenSSL's error (2026, "Connection
     * timed out"): a read that waited the whole timeout timed out. */
    bool timed_out = ss->read_timeout &&
                     (e == CR_SERVER_LOST_ERR ||
                      (e == CR_SSL_CONNECTION_ERR && waited >= ss->read_timeout * 0.9));
    if (timed_out)
        return bb_error_set_server(err, BB_ERR_IO, (int)e, "server %s: nothing received for %u s "
                                   "(read timeout) after %s:%llu: %s (error %u)", ss->where,
                                   ss->read_timeout, file, (unsigned long long)ss->pos,
                                   mysql_error(m), e);
    if (e == 0)
        return bb_error_set(err, BB_ERR_IO, "server %s: connection lost after %s:%llu",
                            ss->where, file, (unsigned long long)ss->pos);
    return server_conn_fail(m, err, "server %s: reading the binlog after %s:%llu", ss->where,
                            file, (unsigned long long)ss->pos);
}

/* ROTATE body: 8 position, then the next file name up to the checksum. The
 * checksum is there when the last 4 bytes are the CRC32 of the rest: this
 * does not depend on knowing the algorithm (which for the first, fake
 * ROTATE comes from no FDE). */
static int parse_rotate(struct server_source *ss, const uint8_t *data, size_t len,
                        uint64_t *position, const uint8_t **name, size_t *name_len,
                        struct bb_error *err)
{
    size_t end = len;
    if (len >= BB_LOG_EVENT_HEADER_LEN + 8 + 4) {
        uint32_t stored = (uint32_t)data[len - 4] | (uint32_t)data[len - 3] << 8 |
                          (uint32_t)data[len - 2] << 16 | (uint32_t)data[len - 1] << 24;
        if ((uint32_t)crc32(0L, data, (uInt)(len - 4)) == stored)
            end = len - 4;
    }
    struct cursor c = cursor_make(data, end);
    cursor_skip(&c, BB_LOG_EVENT_HEADER_LEN);
    *position = cursor_u64le(&c);
    *name = cursor_rest(&c, name_len);
    if (!cursor_ok(&c) || *name_len == 0 || *name_len > MAX_LOG_NAME ||
        memchr(*name, '\0', *name_len))
        return bb_error_set(err, BB_ERR_CORRUPT, "server %s: ROTATE_EVENT after %s:%llu: %s",
                            ss->where, ss->names[ss->cur] ? ss->names[ss->cur] : "?",
                            (unsigned long long)ss->pos,
                            !cursor_ok(&c) ? "body shorter than its 8-byte position"
                            : *name_len == 0 ? "next file name is empty"
                            : *name_len > MAX_LOG_NAME ? "next file name is too long"
                            : "next file name contains a NUL byte");
    return 0;
}

static int server_next(struct source *s, struct source_event *out, struct bb_error *err)
{
    struct server_source *ss = (struct server_source *)s;
    if (ss->done)
        return 0;
    double started = monotonic_now();
    unsigned long n = mysql_net_read_packet(ss->conn);
    if (n == packet_error || n == 0) {
        ss->done = true;
        return read_error(ss, monotonic_now() - started, err);
    }
    const uint8_t *p = ss->conn->net.read_pos;
    if (p[0] == 0xfe && n < 9) { /* EOF: the end of the binlog, non-blocking mode */
        ss->done = true;
        return 0;
    }
    const char *file = ss->names[ss->cur];   /* NULL before the first ROTATE */
    if (p[0] != 0x00) {
        ss->done = true;
        return bb_error_set(err, BB_ERR_CORRUPT, "server %s: unexpected packet starting with "
                            "0x%02x after %s:%llu", ss->where, p[0], file ? file : "?",
                            (unsigned long long)ss->pos);
    }
    const uint8_t *data = p + 1;
    size_t len = n - 1;
    ss->received = true;

    /* Common header: 4 timestamp, 1 type, 4 server id, 4 size, 4 log_pos
     * (the end of the event in its file), 2 flags. */
    struct cursor c = cursor_make(data, len);
    cursor_skip(&c, 4);
    uint8_t type = cursor_u8(&c);
    cursor_skip(&c, 4);
    uint32_t size = cursor_u32le(&c);
    uint32_t log_pos = cursor_u32le(&c);
    uint16_t flags = cursor_u16le(&c);
    const char *tname = bb_event_type_name(type);
    if (!cursor_ok(&c) || size != len || size > ss->max_event_size) {
        ss->done = true;
        return bb_error_set(err, !cursor_ok(&c) || size != len ? BB_ERR_CORRUPT : BB_ERR_LIMIT,
                            "server %s: %s after %s:%llu: %s", ss->where,
                            cursor_ok(&c) ? tname : "event", file ? file : "?",
                            (unsigned long long)ss->pos,
                            !cursor_ok(&c) ? "packet shorter than the 19-byte event header"
                            : size != len ? "event size in the header differs from the packet "
                                            "size"
                            : "event over the size limit");
    }

    bool artificial = (flags & LOG_EVENT_ARTIFICIAL_F) || log_pos == 0 ||
                      type == HEARTBEAT_LOG_EVENT || type == BB_HEARTBEAT_LOG_EVENT_V2;
    uint64_t pos = ss->pos;
    if (!artificial) {
        /* log_pos is 32 bits: keep counting past 4 GiB while events follow
         * each other, else trust the header. */
        if ((uint32_t)(ss->pos + size) != log_pos)
            pos = log_pos >= size ? log_pos - size : ss->pos;
        ss->pos = pos + size;
        ss->delivered_real = true;
    }
    if (type == ROTATE_EVENT) {
        uint64_t next_pos;
        const uint8_t *name;
        size_t name_len;
        int rc = parse_rotate(ss, data, len, &next_pos, &name, &name_len, err);
        if (rc == 0)
            rc = set_file(ss, ss->cur ^ 1, name, name_len, err);
        if (rc < 0) {
            ss->done = true;
            return rc;
        }
        ss->cur ^= 1;
        if (!file) {    /* the first file we hear of (GTID start): the rotate's own */
            file = ss->names[ss->cur];
            pos = next_pos;
        }
        ss->pos = next_pos;
    }
    out->data = data;
    out->len = len;
    out->pos = pos;
    out->log_file = file ? file : "";
    out->new_file = false;   /* the server sends each file's FDE itself */
    return 1;
}

/* Async-signal-safe: shutdown(2) ends a read blocked on the socket
 * (Connector/C retries reads that a signal interrupts). */
static void server_interrupt(struct source *s)
{
    struct server_source *ss = (struct server_source *)s;
    if (ss->fd >= 0)
        shutdown(ss->fd, SHUT_RDWR);
}

/* Has the connection nothing left to hand out without waiting? Connector/C
 * reads packets through two buffers before the socket: the compressed
 * protocol's inflated packets (net.remain_in_buf; never asked for here,
 * but a client option file could) and the I/O layer's read-ahead cache
 * (up to 16 KB read at once, handed out packet by packet: the bytes in
 * [cache_pos, cache + cache_size) are read but not yet handed out). Then
 * the socket, asked with a zero timeout. A TLS library may hold decrypted
 * bytes no poll sees: the answer is then "caught up" a little early,
 * which only makes a batch smaller. */
static bool server_caught_up(struct source *s)
{
    struct server_source *ss = (struct server_source *)s;
    if (ss->done)
        return true;
    const NET *net = &ss->conn->net;
    if (net->compress && net->remain_in_buf)
        return false;
    const MARIADB_PVIO *pvio = net->pvio;
    if (!pvio)
        return false;
    if (pvio->cache && pvio->cache_pos < pvio->cache + pvio->cache_size)
        return false;
    /* Over TLS, OpenSSL decrypts a whole record (up to 16 KB) at a time:
     * what a read did not take waits in its buffer, with nothing left on
     * the socket. */
    const struct st_ma_pvio_tls *tls = (const struct st_ma_pvio_tls *)pvio->ctls;
    if (ss->openssl && tls && tls->ssl && SSL_pending((const SSL *)tls->ssl) > 0)
        return false;
    struct pollfd p = { .fd = ss->fd, .events = POLLIN };
    if (p.fd < 0)
        return false;
    /* 0: nothing readable. Readable, hung up, failed (a read would say
     * so at once) or poll itself failed: not caught up. */
    return poll(&p, 1, 0) == 0;
}

static void server_close(struct source *s)
{
    struct server_source *ss = (struct server_source *)s;
    if (!ss)
        return;
    if (ss->conn)
        mysql_close(ss->conn);
    free(ss->names[0]);
    free(ss->names[1]);
    free(ss);
}

/* One row, one column query: the value copied into out. Returns 1 with a
 * value, 0 when there is no row (or NULL), negative on error. */
static int query_value(struct server_source *ss, const char *sql, char *out, size_t size,
                       struct bb_error *err)
{
    MYSQL_RES *res;
    int rc = server_conn_query(ss->conn, ss->where, NULL, sql, &res, err);
    if (rc < 0)
        return rc;
    MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
    rc = 0;
    if (row && mysql_num_fields(res) >= 1 && row[0]) {
        snprintf(out, size, "%s", row[0]);
        rc = 1;
    }
    if (res)
        mysql_free_result(res);
    return rc;
}

/* File and position from a SHOW ... STATUS / SHOW BINARY LOGS result. */
static int query_file_pos(struct server_source *ss, const char *sql, char *file, size_t size,
                          uint64_t *pos, struct bb_error *err)
{
    MYSQL_RES *res;
    int rc = server_conn_query(ss->conn, ss->where, NULL, sql, &res, err);
    if (rc < 0)
        return rc;
    MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
    if (!row || mysql_num_fields(res) < 2 || !row[0] || !row[1]) {
        if (res)
            mysql_free_result(res);
        return bb_error_set(err, BB_ERR_SERVER, "server %s: %s returned no binlog file: is "
                            "binary logging enabled (log_bin)?", ss->where, sql);
    }
    snprintf(file, size, "%s", row[0]);
    *pos = strtoull(row[1], NULL, 10);
    mysql_free_result(res);
    return 0;
}

/* Hint for the access errors a replica most often meets. */
static void privilege_hint(struct server_source *ss, struct bb_error *err)
{
    if (mysql_errno(ss->conn) != ER_SPECIFIC_ACCESS_DENIED || !err || !err->code)
        return;
    char msg[BB_ERROR_MSG_MAX];
    int code = err->code, server_errno = err->server_errno;
    memcpy(msg, err->msg, sizeof msg);
    bb_error_clear(err);
    bb_error_set_server(err, code, server_errno, "%s; the user needs the REPLICATION SLAVE and "
                        "REPLICATION CLIENT (MariaDB: BINLOG MONITOR) privileges", msg);
}

static int send_dump(struct server_source *ss, const struct bb_server_options *srv,
                     const char *file, uint64_t pos, const struct bb_buf *gtids,
                     struct bb_error *err)
{
    struct bb_buf cmd;
    bb_buf_init(&cmd);
    size_t flen = strlen(file);
    enum enum_server_command command;
    if (gtids) {
        /* COM_BINLOG_DUMP_GTID (server_conn.h, its bytes pinned by the tests) */
        uint16_t flags = DUMP_THROUGH_GTID | (ss->blocking ? 0 : DUMP_NON_BLOCK);
        server_dump_gtid_body(&cmd, flags, srv->server_id, file, pos, gtids);
        command = (enum enum_server_command)COM_BINLOG_DUMP_GTID_CMD;
    } else {
        /* COM_BINLOG_DUMP: 4 position, 2 flags, 4 server id, file name. */
        uint16_t flags = (ss->blocking ? 0 : DUMP_NON_BLOCK) |
                         (ss->mariadb ? DUMP_SEND_ANNOTATE_ROWS : 0);
        put_u32le(&cmd, (uint32_t)pos);
        uint8_t f[2] = { (uint8_t)flags, (uint8_t)(flags >> 8) };
        bb_buf_append(&cmd, f, 2);
        put_u32le(&cmd, srv->server_id);
        bb_buf_append(&cmd, file, flen);
        command = COM_BINLOG_DUMP;
    }
    int rc = bb_buf_check(&cmd, err);
    if (rc == 0 && ss->conn->methods->db_command(ss->conn, command, cmd.data ? cmd.data : "",
                                                  cmd.len, 1, NULL) != 0)
        rc = server_conn_fail(ss->conn, err, "server %s: sending the binlog dump command for %s",
                              ss->where, ss->start_desc);
    bb_buf_destroy(&cmd);
    return rc;
}

static int check_options(const struct bb_server_options *srv, bool *gtid_mariadb,
                         struct bb_error *err)
{
    if (!srv->user)
        return bb_error_set(err, BB_ERR_USAGE, "server options: no user given");
    if (!(srv->socket && *srv->socket) && !(srv->host && *srv->host))
        return bb_error_set(err, BB_ERR_USAGE, "server options: no host given");
    if (srv->port == 0 || srv->port > 65535)
        return bb_error_set(err, BB_ERR_USAGE, "server options: port %u is out of range (1-65535)",
                            srv->port);
    /* Id 0 is mysqlbinlog's: a read that ends at the end of the binlog and,
     * unlike any other id, does not make the server drop a dump of the same
     * id. Following the binlog needs an id of its own. */
    if (srv->server_id == 0 && srv->blocking)
        return bb_error_set(err, BB_ERR_USAGE, "server options: server_id 0 is reserved; give "
                            "a replica id unused on the server");
    if (isnan(srv->heartbeat_period) || srv->heartbeat_period < 0 ||
        srv->heartbeat_period > 4294967.0)
        return bb_error_set(err, BB_ERR_USAGE, "server options: heartbeat period %g s is out of "
                            "range (0-4294967)", srv->heartbeat_period);
    switch (srv->start) {
    case BB_START_CURRENT:
    case BB_START_EARLIEST:
        return 0;
    case BB_START_POSITION:
        if (!srv->start_file || !*srv->start_file)
            return bb_error_set(err, BB_ERR_USAGE, "start position: no binlog file name given");
        if (strlen(srv->start_file) > MAX_LOG_NAME)
            return bb_error_set(err, BB_ERR_USAGE, "start position: binlog file name is longer "
                                "than %d bytes", MAX_LOG_NAME);
        if (srv->start_pos < 4 || srv->start_pos > UINT32_MAX)
            return bb_error_set(err, BB_ERR_USAGE, "start position %s:%llu is out of range "
                                "(4 to 4294967295)", srv->start_file,
                                (unsigned long long)srv->start_pos);
        return 0;
    case BB_START_GTID: {
        if (!srv->start_gtid)
            return bb_error_set(err, BB_ERR_USAGE, "start GTID: no GTID set given");
        /* MySQL sets name a UUID (hex and dashes, 32 digits), MariaDB's
         * are numbers and dashes: the first ':' tells them apart. */
        *gtid_mariadb = strchr(srv->start_gtid, ':') == NULL;
        if (*gtid_mariadb)
            return server_gtid_check_mariadb(srv->start_gtid, err);
        struct bb_buf encoded;
        bb_buf_init(&encoded);
        int rc = server_gtid_encode_mysql(srv->start_gtid, &encoded, err);
        bb_buf_destroy(&encoded);
        return rc;
    }
    }
    return bb_error_set(err, BB_ERR_USAGE, "server options: unknown start mode %d",
                        (int)srv->start);
}

int source_server_open(struct source **out, const struct bb_server_options *srv,
                       size_t max_event_size, struct bb_error *err)
{
    *out = NULL;
    bool gtid_mariadb = false;
    int rc = check_options(srv, &gtid_mariadb, err);
    if (rc < 0)
        return rc;
    struct server_source *ss = calloc(1, sizeof *ss);
    if (!ss)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    ss->base.next = server_next;
    ss->base.close = server_close;
    ss->base.interrupt = server_interrupt;
    ss->fd = -1;
    ss->base.caught_up = server_caught_up;
    ss->base.initial_checksum_alg = BB_CHECKSUM_NONE;
    ss->blocking = srv->blocking;
    ss->max_event_size = max_event_size;
    server_conn_describe(srv, ss->where, sizeof ss->where);
    struct bb_buf gtids;             /* MySQL: the encoded start GTID set */
    bb_buf_init(&gtids);
    char sql[1200];
    char file[MAX_LOG_NAME + 1] = "";
    uint64_t pos = 4;

    /* In blocking mode with heartbeats, a server silent for three periods
     * is gone: fail then rather than wait forever. */
    ss->read_timeout = srv->read_timeout;
    if (!ss->read_timeout && srv->blocking && srv->heartbeat_period > 0)
        ss->read_timeout = (unsigned)ceil(3 * srv->heartbeat_period);
    unsigned long max_packet = MAX_PACKET;
    if (max_event_size + 1 > max_packet && max_event_size < ULONG_MAX)
        max_packet = (unsigned long)max_event_size + 1;
    rc = server_conn_open(&ss->conn, srv, ss->read_timeout, max_packet, err);
    if (rc < 0)
        goto fail;
    ss->fd = (int)mysql_get_socket(ss->conn);
    /* The session is an SSL * only in an OpenSSL build (Debian's);
     * another library's (GnuTLS) is not looked into. */
    const char *tls_library = NULL;
    ss->openssl = server_conn_cipher(ss->conn) &&
                  mariadb_get_infov(ss->conn, MARIADB_TLS_LIBRARY, &tls_library) == 0 &&
                  tls_library && strncmp(tls_library, "OpenSSL", 7) == 0;
    ss->mariadb = server_conn_is_mariadb(ss->conn);

    if (srv->start == BB_START_GTID && gtid_mariadb != ss->mariadb && *srv->start_gtid) {
        rc = bb_error_set(err, BB_ERR_USAGE, "start GTID '%s' is in %s syntax but server %s is "
                          "%s (expected %s)", srv->start_gtid, gtid_mariadb ? "MariaDB" : "MySQL",
                          ss->where, ss->mariadb ? "MariaDB" : "MySQL",
                          ss->mariadb ? "domain-server-sequence[,...]"
                                      : "uuid:interval[:interval][,...]");
        goto fail;
    }

    /* Checksums: announce that we handle the server's own algorithm, so
     * events come as they are in the files. Servers before 5.6.1 / MariaDB
     * 5.3 have no such variable and no checksums. */
    char alg[32];
    rc = query_value(ss, "SELECT @@global.binlog_checksum", alg, sizeof alg, err);
    if (rc < 0 && mysql_errno(ss->conn) == ER_UNKNOWN_SYSTEM_VARIABLE) {
        bb_error_clear(err);
        rc = 0;
    } else if (rc < 0) {
        goto fail;
    } else if (rc == 1) {
        ss->base.initial_checksum_alg = strcasecmp(alg, "NONE") == 0 ? BB_CHECKSUM_NONE
                                                                     : BB_CHECKSUM_CRC32;
        rc = server_conn_query(ss->conn, ss->where, NULL,
                               "SET @master_binlog_checksum = @@global.binlog_checksum", NULL,
                               err);
        if (rc < 0)
            goto fail;
    }
    snprintf(sql, sizeof sql, "SET @mariadb_slave_capability = %d", MARIADB_SLAVE_CAPABILITY);
    rc = server_conn_query(ss->conn, ss->where, NULL, sql, NULL, err);
    if (rc < 0)
        goto fail;
    if (srv->blocking && srv->heartbeat_period > 0) {
        snprintf(sql, sizeof sql, "SET @master_heartbeat_period = %llu",
                 (unsigned long long)llround(srv->heartbeat_period * 1e9));
        rc = server_conn_query(ss->conn, ss->where, NULL, sql, NULL, err);
        if (rc < 0)
            goto fail;
    }

    switch (srv->start) {
    case BB_START_CURRENT:
        /* MySQL 8.2 renamed SHOW MASTER STATUS (8.4 dropped the old name). */
        rc = -1;
        if (!ss->mariadb && mysql_get_server_version(ss->conn) >= 80200) {
            rc = query_file_pos(ss, "SHOW BINARY LOG STATUS", file, sizeof file, &pos, err);
            if (rc < 0 && mysql_errno(ss->conn) != ER_SPECIFIC_ACCESS_DENIED)
                bb_error_clear(err);
        }
        if (rc < 0 && !err->code)
            rc = query_file_pos(ss, "SHOW MASTER STATUS", file, sizeof file, &pos, err);
        if (rc < 0) {
            privilege_hint(ss, err);
            goto fail;
        }
        snprintf(ss->start_desc, sizeof ss->start_desc, "%s:%llu (the current end)", file,
                 (unsigned long long)pos);
        break;
    case BB_START_EARLIEST:
        rc = query_file_pos(ss, "SHOW BINARY LOGS", file, sizeof file, &pos, err);
        if (rc < 0) {
            privilege_hint(ss, err);
            goto fail;
        }
        pos = 4;
        snprintf(ss->start_desc, sizeof ss->start_desc, "%s:4 (the earliest)", file);
        break;
    case BB_START_POSITION:
        snprintf(file, sizeof file, "%s", srv->start_file);
        pos = srv->start_pos;
        snprintf(ss->start_desc, sizeof ss->start_desc, "%s:%llu", file,
                 (unsigned long long)pos);
        break;
    case BB_START_GTID:
        snprintf(ss->start_desc, sizeof ss->start_desc, "GTID set '%s'", srv->start_gtid);
        if (ss->mariadb) {
            char quoted[sizeof sql / 2];
            size_t glen = strlen(srv->start_gtid);
            if (glen * 2 + 1 > sizeof quoted) {
                rc = bb_error_set(err, BB_ERR_USAGE, "start GTID: the GTID position is too long");
                goto fail;
            }
            mysql_real_escape_string(ss->conn, quoted, srv->start_gtid, (unsigned long)glen);
            snprintf(sql, sizeof sql, "SET @slave_connect_state = '%s'", quoted);
            rc = server_conn_query(ss->conn, ss->where, "SET @slave_connect_state", sql, NULL,
                                   err);
            if (rc == 0)
                rc = server_conn_query(ss->conn, ss->where, NULL,
                                       "SET @slave_gtid_strict_mode = 0", NULL, err);
            if (rc == 0)
                rc = server_conn_query(ss->conn, ss->where, NULL,
                                       "SET @slave_gtid_ignore_duplicates = 0", NULL, err);
            if (rc < 0)
                goto fail;
        } else {
            rc = server_gtid_encode_mysql(srv->start_gtid, &gtids, err);
            if (rc < 0)
                goto fail;
        }
        break;
    }

    /* Events before the first ROTATE belong to the start file. */
    if (*file) {
        rc = set_file(ss, 0, (const uint8_t *)file, strlen(file), err);
        if (rc < 0)
            goto fail;
    }
    ss->pos = pos;
    rc = send_dump(ss, srv, file, pos,
                   srv->start == BB_START_GTID && !ss->mariadb ? &gtids : NULL, err);
    if (rc < 0)
        goto fail;
    bb_buf_destroy(&gtids);
    *out = &ss->base;
    return 0;

fail:
    bb_buf_destroy(&gtids);
    server_close(&ss->base);
    return rc < 0 ? rc : err->code;
}
