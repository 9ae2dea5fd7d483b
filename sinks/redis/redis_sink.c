/* redis.c - the Redis sink: row changes become hash, JSON string or stream
 * commands, written with the checkpoint in one MULTI/EXEC.
 *
 * What each shape writes (K = the key the target's template renders for
 * the row, Kold = the key of the before image; kept columns = the target's
 * include/exclude lists; values in the text form, binary-safe):
 *
 *   hash (default), one field per kept non-NULL column:
 *     insert                DEL K; HSET K col val ...; [EXPIRE K ttl]
 *     update, whole image   DEL K [Kold]; HSET K col val ...; [EXPIRE K ttl]
 *                           (the new row replaces the old one: fields that
 *                           became NULL disappear; a changed key deletes Kold)
 *     update, partial image (binlog_row_image=MINIMAL/NOBLOB: absent columns
 *                           are unchanged)
 *                           [DEL K; COPY Kold K; DEL Kold]   when the key changed
 *                           HSET K col val ... (present non-NULL columns);
 *                           HDEL K col ... (present NULL columns); [EXPIRE K ttl]
 *                           The move needs COPY (Redis 6.2+): on an older
 *                           server such an update is refused with an error.
 *     delete                DEL Kold
 *   A row whose kept columns are all NULL has no field to write, and Redis
 *   has no empty hash: its key is absent (the DEL without HSET). A reader
 *   cannot tell such a row from a missing one; keep a non-NULL column (the
 *   primary key, by default) in the hash when that matters.
 *
 *   json, SET K {"col":value,...} (compact; kept columns; NULL as null):
 *     insert / update       [DEL Kold when the key changed]; SET K json [EX ttl]
 *     delete                DEL Kold
 *     An update with a partial image cannot be applied without reading the
 *     old document: it is refused (BB_ERR_USAGE).
 *
 *   stream, one entry per row change:
 *     XADD K [MAXLEN ~ n] * op insert|update|delete schema S table T
 *          file F pos P row R gtid G ts T [before {json}] [after {json}]
 *     before/after hold the kept columns of the images the change has
 *     (columns absent from a partial image are left out). file, pos and row
 *     identify the change; the entry id is Redis's.
 *
 * A row image that lacks a column of its key (a partial image) is an error
 * naming the table, except that an update's after image takes missing key
 * columns from its before image (absent = unchanged). An insert's partial
 * image (MariaDB's MINIMAL leaves out columns given their default) writes
 * the columns it has.
 *
 * Exactly once: add() renders RESP commands into one buffer that begins
 * with MULTI; commit() appends HSET binbridge:checkpoint:<name> (the
 * checkpoint fields) and EXEC and sends it all in one write, then reads the
 * replies. Redis applies the batch and the checkpoint together or not at
 * all, so the checkpoint read back after any failure says what is applied;
 * XADD's new entries can never be written twice. Redis does not roll back
 * a command that fails inside EXEC (WRONGTYPE): that is reported as a fatal
 * error saying the rest was applied.
 *
 * clear_table() (TRUNCATE, DROP TABLE) cannot be inside MULTI: it finds the
 * keys with SCAN MATCH <prefix>* (glob characters escaped, TYPE hash or
 * string on Redis 6+, so streams sharing the prefix are left alone) and
 * UNLINKs them at once. That is idempotent: after a crash before the DDL's
 * checkpoint is committed, the replay deletes again, and the rows written
 * after the DDL come after the deletion in both runs. It needs nothing
 * pending (the changes before the DDL must be committed first, or the
 * deletion would overtake them) and refuses otherwise. Keys whose template
 * has no prefix naming the table (mapper_redis_key_prefix) are left in
 * place with a warning.
 *
 * Connections: TCP or unix socket, AUTH [user] password (from the URL or
 * the environment variable cfg->redis_password_env), SELECT db, CLIENT
 * SETNAME binbridge-<checkpoint name>; 5 s to connect, 30 s per command.
 * Errors name the server; connection failures and a server still loading
 * its data are BB_ERR_IO (retry after reconnect()), error replies
 * BB_ERR_SERVER. Redis 4.0+ (HSET of several fields, UNLINK); streams need
 * 5.0. */
#include "sinks/redis/redis.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <hiredis/hiredis.h>

#include "base/buf.h"
#include "mapping/checkpoint.h"
#include "base/error.h"
#include "base/log.h"
#include "mapping/mapper.h"
#include "sinks/sink.h"

#define CONNECT_TIMEOUT_S 5
#define COMMAND_TIMEOUT_S 30
#define SCAN_COUNT "1000"
/* Redis's default proto-max-bulk-len: a longer string makes the server
 * drop the connection, and a retry would meet it again. */
#define BULK_MAX (512 << 20)
#define CHECKPOINT_KEY_PREFIX MAPPER_CHECKPOINT_KEY_PREFIX
#define DEFAULT_CHECKPOINT_NAME "binbridge"

#define RESP_MULTI "*1\r\n$5\r\nMULTI\r\n"
#define RESP_MULTI_LEN (sizeof RESP_MULTI - 1)
#define RESP_EXEC "*1\r\n$4\r\nEXEC\r\n"

/* Versions as major * 10000 + minor * 100 + patch. */
#define V(a, b, c) ((a) * 10000u + (b) * 100u + (c))

/* The type a key holds, as far as a batch knows. */
enum key_state {
    KEY_UNKNOWN = 0,            /* whatever the server holds: the batch has not touched it */
    KEY_ABSENT,                 /* deleted by the batch */
    KEY_HASH,
    KEY_STRING,
    KEY_STREAM,
};

static const char *const key_state_names[] = { "unknown", "none", "hash", "string", "stream" };

/* One key the pending batch writes. */
struct key_entry {
    uint64_t hash;
    size_t off;                 /* the key's bytes in keyset.bytes */
    uint32_t len;
    size_t table;               /* "schema.table" of the first change writing it, in bytes */
    uint8_t first;              /* the type the batch needs there before it (KEY_UNKNOWN:
                                   none, its first command replaces any value) */
    uint8_t now;                /* what the batch's commands so far leave there */
};

/* The keys of the pending batch, found by their bytes (open addressing). */
struct keyset {
    struct key_entry *e;
    uint32_t n, cap;
    uint32_t *slots;            /* entry index + 1; 0: empty */
    uint32_t nslots;            /* a power of two, at least twice n */
    struct bb_buf bytes;        /* key bytes and table names */
    size_t last_table;          /* the table name added last (offset + 1; 0: none) */
};

struct redis_sink {
    struct redis_url url;
    char *password;             /* the URL's or the environment's; NULL: none */
    const char *password_env;   /* the variable's name, for messages */
    char where[300];            /* "127.0.0.1:6379" or "unix:/path" */
    char *ckpt_key;
    char *client_name;

    redisContext *c;            /* NULL when not connected */
    redisReader *rd;            /* commit's replies, read without allocations */
    unsigned version;           /* 0: unknown (INFO refused) */

    /* The pending batch: MULTI, then the commands added since the last
     * commit, each starting at cmd_off[i]. */
    struct bb_buf out;
    size_t *cmd_off;
    size_t ncmds, cmd_cap;
    size_t keep_bytes;          /* buffers larger than this are freed after a commit */

    /* Scratch, kept across calls: steady state does not allocate. */
    struct bb_buf key, oldkey, val, json;
    struct bb_buf cmd;          /* one command outside the batch */
    struct bb_value *merged;    /* an update's after image over its before image */
    uint32_t merged_cap;

    /* Reading commit's replies: top-level reply 0 is MULTI's, 1..n+1 those
     * queuing the n commands and the checkpoint, n+2 EXEC's array. */
    size_t rd_top;
    size_t rd_ncmds;            /* commands in the batch, checkpoint included */
    int exec_type;              /* REDIS_REPLY_* of EXEC's reply; 0: none yet */
    long long exec_elems;
    long err_cmd;               /* the first failed command, -1: none */
    bool err_queued;            /* it failed when queued (nothing applied) */
    bool multi_failed;
    size_t nerrors;
    char err_msg[256];

    /* What the batch does to each key it writes (key types, below). */
    struct keyset keys;
    enum redis_wrong_type wrong_type;
    struct bb_buf replaced;     /* what the type guards of the last batch replaced: key,
                                   type, ... each as a 4-byte length and its bytes */
    size_t nreplaced;

    char cpvals[CHECKPOINT_NFIELDS][CHECKPOINT_GTID_MAX];
    char rbuf[1 << 16];         /* replies as received */
};

/* ------------------------------------------------------------------ */
/* URLs                                                                */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A percent-decoded copy of s[0..n), or NULL (bad escape, NUL byte, no memory). */
static char *pct_decode(const char *s, size_t n)
{
    char *out = malloc(n + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
            int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                free(out);
                return NULL;
            }
            *o++ = (char)(hi * 16 + lo);
            i += 2;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

static int parse_uint(const char *s, size_t n, long max, long *out)
{
    if (n == 0 || n > 10)
        return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (v > max)
        return -1;
    *out = v;
    return 0;
}

/* "user[:password]" */
static int parse_userinfo(struct redis_url *u, const char *s, size_t n, struct bb_error *err)
{
    const char *colon = memchr(s, ':', n);
    size_t ulen = colon ? (size_t)(colon - s) : n;
    if (ulen && !(u->user = pct_decode(s, ulen)))
        return bb_error_set(err, BB_ERR_USAGE, "Redis URL: the user name has a bad %%-escape");
    if (colon && n - ulen > 1 && !(u->password = pct_decode(colon + 1, n - ulen - 1)))
        return bb_error_set(err, BB_ERR_USAGE, "Redis URL: the password has a bad %%-escape");
    return 0;
}

/* "db=N[&...]" */
static int parse_query(struct redis_url *u, const char *q, bool have_db, struct bb_error *err)
{
    while (*q) {
        const char *amp = strchr(q, '&');
        size_t n = amp ? (size_t)(amp - q) : strlen(q);
        long v;
        if (n > 3 && memcmp(q, "db=", 3) == 0) {
            if (have_db)
                return bb_error_set(err, BB_ERR_USAGE, "Redis URL: the database is given twice");
            if (parse_uint(q + 3, n - 3, INT_MAX, &v) < 0)
                return bb_error_set(err, BB_ERR_USAGE, "Redis URL: db=%.*s is not a database "
                                    "number", (int)(n - 3 > 20 ? 20 : n - 3), q + 3);
            u->db = (int)v;
            have_db = true;
        } else {
            return bb_error_set(err, BB_ERR_USAGE, "Redis URL: unknown parameter '%.*s' (only "
                                "db=N)", (int)(n > 40 ? 40 : n), q);
        }
        q += n + (amp ? 1 : 0);
    }
    return 0;
}

int redis_url_parse(struct redis_url *u, const char *url, struct bb_error *err)
{
    memset(u, 0, sizeof *u);
    u->port = 6379;
    if (!url)
        return bb_error_set(err, BB_ERR_USAGE, "no Redis URL");
    if (strncmp(url, "rediss://", 9) == 0)
        return bb_error_set(err, BB_ERR_USAGE, "Redis URL: TLS (rediss://) is not supported "
                            "(hiredis 0.14 has no TLS); use a TLS tunnel and redis://");
    bool is_unix = strncmp(url, "unix://", 7) == 0;
    if (!is_unix && strncmp(url, "redis://", 8) != 0)
        return bb_error_set(err, BB_ERR_USAGE, "Redis URL must look like "
                            "redis://[[user]:password@]host[:port][/db] or "
                            "unix:///path/to/socket[?db=N]");
    const char *rest = url + (is_unix ? 7 : 8);
    const char *q = strchr(rest, '?');
    size_t restlen = q ? (size_t)(q - rest) : strlen(rest);
    bool have_db = false;

    if (is_unix) {
        /* unix://[userinfo@]/path */
        const char *slash = memchr(rest, '/', restlen);
        if (!slash)
            return bb_error_set(err, BB_ERR_USAGE, "Redis URL: unix:// needs an absolute socket "
                                "path (unix:///run/redis.sock)");
        const char *at = memchr(rest, '@', (size_t)(slash - rest));
        if (at) {
            if (parse_userinfo(u, rest, (size_t)(at - rest), err) < 0)
                return err->code;
        } else if (slash != rest) {
            return bb_error_set(err, BB_ERR_USAGE, "Redis URL: unix:// needs an absolute socket "
                                "path (unix:///run/redis.sock)");
        }
        size_t plen = restlen - (size_t)(slash - rest);
        if (!(u->path = pct_decode(slash, plen)))
            return bb_error_set(err, BB_ERR_USAGE, "Redis URL: the socket path has a bad "
                                "%%-escape");
        if (strlen(u->path) >= 108)
            return bb_error_set(err, BB_ERR_USAGE, "Redis URL: the socket path is longer than "
                                "107 bytes");
    } else {
        /* redis://[userinfo@]host[:port][/db] */
        const char *slash = memchr(rest, '/', restlen);
        size_t alen = slash ? (size_t)(slash - rest) : restlen;
        const char *at = NULL;
        for (size_t i = 0; i < alen; i++)
            if (rest[i] == '@')
                at = rest + i;  /* the last one: an unescaped '@' in a password works */
        const char *hp = rest;
        if (at) {
            if (parse_userinfo(u, rest, (size_t)(at - rest), err) < 0)
                return err->code;
            hp = at + 1;
        }
        size_t hplen = alen - (size_t)(hp - rest);
        const char *host = hp, *port = NULL;
        size_t hlen = hplen, portlen = 0;
        if (hplen && hp[0] == '[') {
            const char *close = memchr(hp, ']', hplen);
            if (!close)
                return bb_error_set(err, BB_ERR_USAGE, "Redis URL: unclosed '[' in the host");
            host = hp + 1;
            hlen = (size_t)(close - host);
            size_t after = hplen - (size_t)(close + 1 - hp);
            if (after) {
                if (close[1] != ':')
                    return bb_error_set(err, BB_ERR_USAGE, "Redis URL: unexpected text after "
                                        "the IPv6 address");
                port = close + 2;
                portlen = after - 1;
            }
        } else {
            const char *colon = memchr(hp, ':', hplen);
            if (colon) {
                if (memchr(colon + 1, ':', hplen - (size_t)(colon + 1 - hp)))
                    return bb_error_set(err, BB_ERR_USAGE, "Redis URL: write an IPv6 address in "
                                        "brackets ([::1]:6379)");
                hlen = (size_t)(colon - hp);
                port = colon + 1;
                portlen = hplen - hlen - 1;
            }
        }
        if (port) {
            long v;
            if (parse_uint(port, portlen, 65535, &v) < 0 || v == 0)
                return bb_error_set(err, BB_ERR_USAGE, "Redis URL: port '%.*s' is not a number "
                                    "from 1 to 65535", (int)(portlen > 20 ? 20 : portlen), port);
            u->port = (int)v;
        }
        u->host = hlen ? strndup(host, hlen) : strdup("127.0.0.1");
        if (!u->host)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        if (slash && restlen - alen > 1) {
            long v;
            size_t dlen = restlen - alen - 1;
            if (parse_uint(slash + 1, dlen, INT_MAX, &v) < 0)
                return bb_error_set(err, BB_ERR_USAGE, "Redis URL: '/%.*s' is not a database "
                                    "number", (int)(dlen > 20 ? 20 : dlen), slash + 1);
            u->db = (int)v;
            have_db = true;
        }
    }
    if (q && parse_query(u, q + 1, have_db, err) < 0)
        return err->code;
    return 0;
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

/* ------------------------------------------------------------------ */
/* RESP rendering                                                      */

/* "<type><n>\r\n": an array header ('*') or a bulk string's ('$'). */
static inline void put_header(struct bb_buf *b, char type, size_t n)
{
    char tmp[24], *end = tmp + sizeof tmp, *p = end;
    *--p = '\n';
    *--p = '\r';
    do {
        *--p = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    *--p = type;
    bb_buf_append(b, p, (size_t)(end - p));
}

static inline void put_bulk(struct bb_buf *b, const void *s, size_t n)
{
    put_header(b, '$', n);
    bb_buf_append(b, s, n);
    bb_buf_append(b, "\r\n", 2);
}

static inline void put_bulk_str(struct bb_buf *b, const char *s)
{
    put_bulk(b, s, strlen(s));
}

static void put_bulk_u64(struct bb_buf *b, uint64_t v)
{
    char tmp[24], *end = tmp + sizeof tmp, *p = end;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put_bulk(b, p, (size_t)(end - p));
}

/* A constant argument already in RESP form ("$3\r\nDEL\r\n"). */
#define put_lit(b, s) bb_buf_append((b), (s), sizeof(s) - 1)
#define ARG_DEL "$3\r\nDEL\r\n"
#define ARG_HSET "$4\r\nHSET\r\n"
#define ARG_HDEL "$4\r\nHDEL\r\n"
#define ARG_EXPIRE "$6\r\nEXPIRE\r\n"

/* Start a command of argc arguments in the pending batch. */
static void cmd_begin(struct redis_sink *rs, size_t argc)
{
    if (rs->ncmds == rs->cmd_cap) {
        size_t cap = rs->cmd_cap ? rs->cmd_cap * 2 : 1024;
        size_t *p = realloc(rs->cmd_off, cap * sizeof *p);
        if (!p) {
            rs->out.oom = true;
            return;
        }
        rs->cmd_off = p;
        rs->cmd_cap = cap;
    }
    rs->cmd_off[rs->ncmds++] = rs->out.len;
    put_header(&rs->out, '*', argc);
}

static void keyset_reset(struct keyset *ks, size_t keep_bytes);

/* The pending batch holds MULTI alone. Buffers that one huge batch grew
 * are given back. */
static void reset_pending(struct redis_sink *rs)
{
    if (rs->out.cap > rs->keep_bytes || rs->out.oom)
        bb_buf_destroy(&rs->out);
    bb_buf_reset(&rs->out);
    bb_buf_append(&rs->out, RESP_MULTI, RESP_MULTI_LEN);
    if (rs->cmd_cap * sizeof *rs->cmd_off > rs->keep_bytes) {
        free(rs->cmd_off);
        rs->cmd_off = NULL;
        rs->cmd_cap = 0;
    }
    rs->ncmds = 0;
    keyset_reset(&rs->keys, rs->keep_bytes);
}

/* Bytes for a message: printable ASCII as is, the rest as \xNN, cut after
 * 120 bytes with "...". */
static const char *printable(const char *p, size_t len, char *buf, size_t size)
{
    size_t n = 0;
    const unsigned char *s = (const unsigned char *)p;
    for (size_t k = 0; k < len && n + 8 < size; k++) {
        if (k == 120) {
            n += (size_t)snprintf(buf + n, size - n, "...");
            break;
        }
        if (s[k] >= 0x20 && s[k] < 0x7f && s[k] != '\\')
            buf[n++] = (char)s[k];
        else
            n += (size_t)snprintf(buf + n, size - n, "\\x%02x", s[k]);
    }
    buf[n] = '\0';
    return buf;
}

/* "NAME key" of pending command i, for messages: the key's bytes that are
 * not printable ASCII as \xNN, long keys cut. */
static const char *describe_cmd(const struct redis_sink *rs, size_t i, char *buf, size_t size)
{
    const char *p = rs->out.data + rs->cmd_off[i];
    const char *end = rs->out.data + rs->out.len;
    size_t n = 0;
    buf[0] = '\0';
    /* Skip "*argc\r\n", then read up to two bulk strings. */
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    for (int arg = 0; arg < 2 && nl && nl + 1 < end && nl[1] == '$'; arg++) {
        p = nl + 2;
        size_t len = (size_t)strtoull(p, NULL, 10);
        nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl || (size_t)(end - nl - 1) < len)
            break;
        const unsigned char *s = (const unsigned char *)nl + 1;
        if (arg)
            n += (size_t)snprintf(buf + n, size - n, " ");
        for (size_t k = 0; k < len && n + 8 < size; k++) {
            if (arg && k == 120) {
                n += (size_t)snprintf(buf + n, size - n, "...");
                break;
            }
            if (s[k] >= 0x20 && s[k] < 0x7f)
                buf[n++] = (char)s[k];
            else
                n += (size_t)snprintf(buf + n, size - n, "\\x%02x", s[k]);
        }
        buf[n] = '\0';
        nl = (const char *)s + len + 1;
    }
    return buf;
}

/* ------------------------------------------------------------------ */
/* Key types                                                           */

/* Redis applies every command of an EXEC that does not fail, even when one
 * fails, and a command fails when its key holds another type (WRONGTYPE):
 * the rest of the batch, checkpoint included, would be applied without it.
 * So no command of a batch may meet a key of the wrong type. The commands
 * that replace a key whatever it holds (DEL, then HSET; SET) cannot fail;
 * those that act on what is there can (XADD; HSET and HDEL of a partial
 * row image; the checkpoint's HSET). Each of those is preceded, the first
 * time the batch needs its key to be of a type, by a type guard inside the
 * same MULTI: a script that deletes the key when it holds another type and
 * answers which (redis.wrong_type = "overwrite": the value is replaced, and
 * said so). Inside EXEC nothing runs in between, so the command after it
 * cannot fail. With redis.wrong_type = "stop", every key of the batch is
 * checked first, outside the transaction, and a key of another type stops
 * the bridge before anything is applied; the guards then only cover a type
 * changed in the instant between the check and EXEC. */

#define GUARD_SCRIPT "local t=redis.call('TYPE',KEYS[1]).ok " \
                     "if t=='none' or t==ARGV[1] then return {} end " \
                     "redis.call('DEL',KEYS[1]) return {KEYS[1],t}"
#define CHECK_SCRIPT "for i=1,#KEYS do local t=redis.call('TYPE',KEYS[i]).ok " \
                     "if t~='none' and t~=ARGV[i] then return {i,t} end end return {}"

static uint64_t key_hash(const char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 0x100000001b3ULL;
    }
    return h ^ (h >> 29);
}

static void keyset_reset(struct keyset *ks, size_t keep_bytes)
{
    if (ks->nslots && ks->n)
        memset(ks->slots, 0, ks->nslots * sizeof *ks->slots);
    ks->n = 0;
    ks->last_table = 0;
    if (ks->bytes.cap > keep_bytes || (size_t)ks->cap * sizeof *ks->e > keep_bytes) {
        bb_buf_destroy(&ks->bytes);
        free(ks->e);
        free(ks->slots);
        ks->e = NULL;
        ks->slots = NULL;
        ks->cap = ks->nslots = 0;
    }
    bb_buf_reset(&ks->bytes);
}

static void keyset_destroy(struct keyset *ks)
{
    bb_buf_destroy(&ks->bytes);
    free(ks->e);
    free(ks->slots);
    memset(ks, 0, sizeof *ks);
}

/* Room for `extra` more keys without moving the entries: a change holds
 * pointers to the entries of its keys while it adds them (up to two). */
static bool keyset_reserve(struct keyset *ks, uint32_t extra)
{
    if (extra > UINT32_MAX / 4 - ks->n)
        return false;
    uint32_t want = ks->n + extra;
    if (want > ks->cap) {
        uint32_t cap = ks->cap ? ks->cap : 256;
        while (cap < want)
            cap *= 2;
        struct key_entry *e = realloc(ks->e, cap * sizeof *e);
        if (!e)
            return false;
        ks->e = e;
        ks->cap = cap;
    }
    if (want * 2 <= ks->nslots)
        return true;
    uint32_t nslots = ks->nslots ? ks->nslots : 512;
    while (want * 2 > nslots)
        nslots *= 2;
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return false;
    for (uint32_t i = 0; i < ks->n; i++) {
        uint32_t at = (uint32_t)ks->e[i].hash & (nslots - 1);
        while (slots[at])
            at = (at + 1) & (nslots - 1);
        slots[at] = i + 1;
    }
    free(ks->slots);
    ks->slots = slots;
    ks->nslots = nslots;
    return true;
}

static const char *keyset_key(const struct keyset *ks, const struct key_entry *e)
{
    return ks->bytes.data + e->off;
}

/* The batch's entry for a key, added (KEY_UNKNOWN) when new; the first
 * change to write it names its table. NULL when out of memory or without
 * room reserved (sink_add reserves it); the batch's buffer is then marked
 * so, and add() fails. */
static struct key_entry *key_note(struct redis_sink *rs, const struct bb_buf *key,
                                  const struct change *ch)
{
    struct keyset *ks = &rs->keys;
    uint64_t h = key_hash(key->data, key->len);
    if (ks->nslots) {
        for (uint32_t at = (uint32_t)h & (ks->nslots - 1); ks->slots[at];
             at = (at + 1) & (ks->nslots - 1)) {
            struct key_entry *e = &ks->e[ks->slots[at] - 1];
            if (e->hash == h && e->len == key->len &&
                memcmp(keyset_key(ks, e), key->data, key->len) == 0)
                return e;
        }
    }
    /* sink_add reserved room: the entries do not move here. */
    if (key->len > UINT32_MAX || ks->n == ks->cap || (ks->n + 1) * 2 > ks->nslots) {
        rs->out.oom = true;
        return NULL;
    }
    /* The table's name once per run of keys of the same table. */
    const char *schema = ch->plan->schema, *table = ch->plan->table;
    size_t sl = strlen(schema), tl = strlen(table);
    const char *last = ks->last_table ? ks->bytes.data + ks->last_table - 1 : NULL;
    if (!last || strncmp(last, schema, sl) != 0 || last[sl] != '.' ||
        strcmp(last + sl + 1, table) != 0) {
        ks->last_table = ks->bytes.len + 1;
        bb_buf_append(&ks->bytes, schema, sl);
        bb_buf_putc(&ks->bytes, '.');
        bb_buf_append(&ks->bytes, table, tl + 1);
    }
    struct key_entry *e = &ks->e[ks->n];
    e->hash = h;
    e->off = ks->bytes.len;
    e->len = (uint32_t)key->len;
    e->table = ks->last_table - 1;
    e->first = e->now = KEY_UNKNOWN;
    bb_buf_append(&ks->bytes, key->data, key->len);
    bb_buf_putc(&ks->bytes, '\0');
    if (ks->bytes.oom) {
        rs->out.oom = true;
        return NULL;
    }
    uint32_t at = (uint32_t)h & (ks->nslots - 1);
    while (ks->slots[at])
        at = (at + 1) & (ks->nslots - 1);
    ks->slots[at] = ++ks->n;
    return e;
}

/* A command of the batch acts on what key holds and needs type t there (or
 * nothing): noted for the check of redis.wrong_type = "stop" when the batch
 * has not touched the key yet. */
static void key_needs(struct key_entry *e, uint8_t t)
{
    if (e && e->first == KEY_UNKNOWN && e->now == KEY_UNKNOWN)
        e->first = t;
}

/* EVAL GUARD_SCRIPT 1 key type: the next command on key cannot fail. */
static void put_guard(struct redis_sink *rs, const char *key, size_t len, uint8_t t)
{
    cmd_begin(rs, 5);
    put_lit(&rs->out, "$4\r\nEVAL\r\n");
    put_bulk(&rs->out, GUARD_SCRIPT, sizeof GUARD_SCRIPT - 1);
    put_lit(&rs->out, "$1\r\n1\r\n");
    put_bulk(&rs->out, key, len);
    put_bulk_str(&rs->out, key_state_names[t]);
}

/* Before a command that fails unless key holds type t (or nothing): a guard,
 * unless the batch already left t (or nothing) there. */
static void key_guard(struct redis_sink *rs, struct key_entry *e, const struct bb_buf *key,
                      uint8_t t)
{
    if (!e)
        return;
    key_needs(e, t);
    if (e->now != t && e->now != KEY_ABSENT) {
        put_guard(rs, key->data, key->len, t);
        e->now = t;     /* t or nothing: either way the command cannot fail */
    }
}

static void key_set(struct key_entry *e, uint8_t t)
{
    if (e)
        e->now = t;
}

/* ------------------------------------------------------------------ */
/* Connection                                                          */

/* Replies that mean "not now" rather than "no": the server is loading its
 * data after a restart, busy with a script, or a replica (a failover in
 * progress). The caller reconnects and resumes from the checkpoint. */
static bool transient_reply(const char *s, size_t n)
{
    static const char *const words[] = { "LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN",
                                         "READONLY", "OOM", "NOREPLICAS" };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t w = strlen(words[i]);
        if (n >= w && memcmp(s, words[i], w) == 0 && (n == w || s[w] == ' '))
            return true;
    }
    return false;
}

static void disconnect(struct redis_sink *rs)
{
    if (rs->c) {
        redisFree(rs->c);
        rs->c = NULL;
    }
    if (rs->rd) {
        redisReaderFree(rs->rd);
        rs->rd = NULL;
    }
}

/* The connection failed: its state is unknown, so it is dropped; the
 * caller reconnects. */
static int io_error(struct redis_sink *rs, struct bb_error *err, const char *doing,
                    const char *why)
{
    bb_error_set(err, BB_ERR_IO, "Redis at %s: %s: %s", rs->where, doing, why);
    disconnect(rs);
    return BB_ERR_IO;
}

static int errno_error(struct redis_sink *rs, struct bb_error *err, const char *doing, int e)
{
    char why[128];
    if (e == EAGAIN || e == EWOULDBLOCK)
        snprintf(why, sizeof why, "no answer within %d s", COMMAND_TIMEOUT_S);
    else
        snprintf(why, sizeof why, "%s", strerror(e));
    return io_error(rs, err, doing, why);
}

static int not_connected(struct redis_sink *rs, struct bb_error *err)
{
    return bb_error_set(err, BB_ERR_IO, "Redis at %s: not connected (a previous failure dropped "
                        "the connection)", rs->where);
}

/* An error reply: BB_ERR_IO when it is transient, BB_ERR_SERVER otherwise. */
static int reply_error(struct redis_sink *rs, struct bb_error *err, const char *doing,
                       const char *msg, size_t len)
{
    int code = transient_reply(msg, len) ? BB_ERR_IO : BB_ERR_SERVER;
    return bb_error_set(err, code, "Redis at %s: %s: %.*s", rs->where, doing,
                        (int)(len > 300 ? 300 : len), msg);
}

/* send() rather than write(): a connection the server closed must be an
 * error, not SIGPIPE. */
static int send_all(struct redis_sink *rs, const char *p, size_t n, struct bb_error *err)
{
    while (n) {
        ssize_t w = send(rs->c->fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno_error(rs, err, "writing", errno);
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Send one command and read its reply into *out (caller frees it with
 * freeReplyObject). Error replies are returned as replies. */
static int call(struct redis_sink *rs, int argc, const char *const *argv, const size_t *lens,
                redisReply **out, struct bb_error *err)
{
    *out = NULL;
    if (!rs->c)
        return not_connected(rs, err);
    bb_buf_reset(&rs->cmd);
    put_header(&rs->cmd, '*', (size_t)argc);
    for (int i = 0; i < argc; i++)
        put_bulk(&rs->cmd, argv[i], lens ? lens[i] : strlen(argv[i]));
    if (bb_buf_check(&rs->cmd, err) < 0)
        return err->code;
    int rc = send_all(rs, rs->cmd.data, rs->cmd.len, err);
    if (rc < 0)
        return rc;
    void *reply = NULL;
    if (redisGetReply(rs->c, &reply) != REDIS_OK || !reply) {
        char doing[64];
        snprintf(doing, sizeof doing, "reading the reply to %s", argv[0]);
        if (rs->c->err == REDIS_ERR_IO)
            return errno_error(rs, err, doing, errno);
        return io_error(rs, err, doing, rs->c->errstr[0] ? rs->c->errstr : "no reply");
    }
    *out = reply;
    return 0;
}

/* call(), with an error reply as an error (doing names the step). */
static int run(struct redis_sink *rs, int argc, const char *const *argv, const size_t *lens,
               const char *doing, redisReply **out, struct bb_error *err)
{
    redisReply *r;
    int rc = call(rs, argc, argv, lens, &r, err);
    if (rc < 0)
        return rc;
    if (r->type == REDIS_REPLY_ERROR) {
        rc = reply_error(rs, err, doing, r->str, r->len);
        freeReplyObject(r);
        return rc;
    }
    if (out)
        *out = r;
    else
        freeReplyObject(r);
    return 0;
}

/* The batch reader's reply objects: nothing is allocated; replies are
 * noted in the sink as they are parsed (privdata). */
static char reply_token;

static void batch_note_error(struct redis_sink *rs, long cmd, bool queued, const char *s,
                             size_t len)
{
    rs->nerrors++;
    if (rs->nerrors > 1)
        return;
    rs->err_cmd = cmd;
    rs->err_queued = queued;
    snprintf(rs->err_msg, sizeof rs->err_msg, "%.*s", (int)(len > 200 ? 200 : len), s);
}

static void *batch_string(const redisReadTask *t, char *s, size_t len)
{
    struct redis_sink *rs = t->privdata;
    if (!t->parent) {
        if (rs->rd_top == 0) {
            if (t->type == REDIS_REPLY_ERROR) {
                rs->multi_failed = true;
                batch_note_error(rs, -1, true, s, len);
            }
        } else if (rs->rd_top <= rs->rd_ncmds) {
            if (t->type == REDIS_REPLY_ERROR)
                batch_note_error(rs, (long)rs->rd_top - 1, true, s, len);
        } else {
            rs->exec_type = t->type;
            if (t->type == REDIS_REPLY_ERROR)
                batch_note_error(rs, -1, false, s, len);
        }
    } else if (!t->parent->parent && t->type == REDIS_REPLY_ERROR) {
        batch_note_error(rs, t->idx, false, s, len);
    } else if (t->parent->parent && !t->parent->parent->parent &&
               rs->rd_top == rs->rd_ncmds + 1 && t->type == REDIS_REPLY_STRING) {
        /* Inside EXEC's array, only a type guard answers an array: the key
         * it replaced and the type that key held. */
        uint32_t n = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
        bb_buf_append(&rs->replaced, &n, sizeof n);
        bb_buf_append(&rs->replaced, s, n);
        rs->nreplaced++;
    }
    return &reply_token;
}

static void *batch_array(const redisReadTask *t, int n)
{
    struct redis_sink *rs = t->privdata;
    if (!t->parent && rs->rd_top == rs->rd_ncmds + 1) {
        rs->exec_type = REDIS_REPLY_ARRAY;
        rs->exec_elems = n;
    }
    return &reply_token;
}

static void *batch_integer(const redisReadTask *t, long long v)
{
    struct redis_sink *rs = t->privdata;
    if (!t->parent && rs->rd_top == rs->rd_ncmds + 1)
        rs->exec_type = REDIS_REPLY_INTEGER;
    return &reply_token;
}

static void *batch_nil(const redisReadTask *t)
{
    struct redis_sink *rs = t->privdata;
    if (!t->parent && rs->rd_top == rs->rd_ncmds + 1)
        rs->exec_type = REDIS_REPLY_NIL;
    return &reply_token;
}

static void batch_free(void *obj)
{
    (void)obj;
}

static redisReplyObjectFunctions batch_functions = {
    batch_string, batch_array, batch_integer, batch_nil, batch_free,
};

static unsigned parse_version(const char *info)
{
    const char *p = strstr(info, "redis_version:");
    if (!p)
        return 0;
    unsigned a = 0, b = 0, c = 0;
    if (sscanf(p + 14, "%u.%u.%u", &a, &b, &c) < 2 || a > 1000 || b > 99 || c > 99)
        return 0;
    return V(a, b, c);
}

static int sink_connect(struct redis_sink *rs, struct bb_error *err)
{
    disconnect(rs);
    struct timeval ct = { CONNECT_TIMEOUT_S, 0 }, ot = { COMMAND_TIMEOUT_S, 0 };
    redisContext *c = rs->url.path ? redisConnectUnixWithTimeout(rs->url.path, ct)
                                   : redisConnectWithTimeout(rs->url.host, rs->url.port, ct);
    if (!c)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    if (c->err) {
        bb_error_set(err, BB_ERR_IO, "cannot connect to Redis at %s: %s", rs->where, c->errstr);
        redisFree(c);
        return BB_ERR_IO;
    }
    rs->c = c;
    if (redisSetTimeout(c, ot) != REDIS_OK)
        return io_error(rs, err, "setting the command timeout", c->errstr);
    if (!rs->url.path)
        (void)redisEnableKeepAlive(c);  /* only speeds up noticing a dead peer */
    if (!(rs->rd = redisReaderCreateWithFunctions(&batch_functions))) {
        disconnect(rs);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    rs->rd->privdata = rs;
    rs->rd->maxbuf = 0;     /* keep the read buffer: no allocation per batch */

    int rc = 0;
    if (rs->password) {
        const char *argv[] = { "AUTH", rs->url.user, rs->password };
        if (rs->url.user)
            rc = run(rs, 3, argv, NULL, "AUTH as user failed", NULL, err);
        else {
            argv[1] = rs->password;
            rc = run(rs, 2, argv, NULL, "AUTH failed", NULL, err);
        }
        /* The scratch buffer held the password. */
        memset(rs->cmd.data, 0, rs->cmd.len);
        if (rc < 0)
            goto fail;
    }
    if (rs->url.db) {
        char db[16];
        snprintf(db, sizeof db, "%d", rs->url.db);
        const char *argv[] = { "SELECT", db };
        if ((rc = run(rs, 2, argv, NULL, "SELECT failed", NULL, err)) < 0)
            goto fail;
    }

    /* The server's version decides what may be used (COPY, SCAN TYPE). A
     * server that refuses INFO (renamed command) is taken as new enough. */
    redisReply *r;
    const char *info[] = { "INFO", "server" };
    if ((rc = call(rs, 2, info, NULL, &r, err)) < 0)
        goto fail;
    if (r->type == REDIS_REPLY_ERROR && strncmp(r->str, "NOAUTH", 6) == 0) {
        bb_error_set(err, BB_ERR_SERVER, "Redis at %s needs a password: give it in the URL "
                     "(redis://:password@host) or in the environment variable %s%s", rs->where,
                     rs->password_env ? rs->password_env : "named by redis_password_env",
                     rs->password_env ? " (redis_password_env)" : "");
        freeReplyObject(r);
        rc = BB_ERR_SERVER;
        goto fail;
    }
    if (r->type == REDIS_REPLY_ERROR && transient_reply(r->str, r->len)) {
        rc = reply_error(rs, err, "INFO", r->str, r->len);
        freeReplyObject(r);
        goto fail;
    }
    rs->version = r->type == REDIS_REPLY_STRING ? parse_version(r->str) : 0;
    freeReplyObject(r);
    if (rs->version && rs->version < V(4, 0, 0)) {
        rc = bb_error_set(err, BB_ERR_UNSUPPORTED, "Redis at %s is version %u.%u.%u: binbridge "
                          "needs Redis 4.0 or later", rs->where, rs->version / 10000,
                          rs->version / 100 % 100, rs->version % 100);
        goto fail;
    }

    /* Transactions must work (a proxy or an ACL may refuse them): without
     * MULTI the commands of a batch would run one by one. */
    const char *multi[] = { "MULTI" }, *discard[] = { "DISCARD" };
    if ((rc = run(rs, 1, multi, NULL, "MULTI (transactions) refused", NULL, err)) < 0 ||
        (rc = run(rs, 1, discard, NULL, "DISCARD refused", NULL, err)) < 0)
        goto fail;

    /* Scripts must work too: the type guards that keep a batch all or
     * nothing are scripts. */
    const char *eval[] = { "EVAL", "return 1", "0" };
    if ((rc = run(rs, 3, eval, NULL, "EVAL (scripts, which binbridge needs to keep a batch "
                  "all or nothing) refused", NULL, err)) < 0)
        goto fail;

    /* A name for CLIENT LIST (and for CLIENT KILL in the tests); a server
     * refusing it is no problem. */
    const char *setname[] = { "CLIENT", "SETNAME", rs->client_name };
    if ((rc = call(rs, 3, setname, NULL, &r, err)) < 0)
        goto fail;
    freeReplyObject(r);
    return 0;
fail:
    disconnect(rs);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Rendering row changes                                               */

static const char *col_name(const struct bb_table *t, uint32_t c, char *tmp, size_t size)
{
    if (t->cols[c].name)
        return t->cols[c].name;
    snprintf(tmp, size, "UNKNOWN_COL%u", c);
    return tmp;
}

/* Render the key of a row image into b. */
static int render_key(const struct change *ch, const struct target_plan *tp,
                      const struct bb_value *row, const char *image, struct bb_buf *b,
                      struct bb_error *err)
{
    bb_buf_reset(b);
    int rc = mapper_redis_key(ch->plan, tp, row, b, err);
    if (rc == 1)
        return bb_error_set(err, BB_ERR_USAGE, "the %s image of a row of %s.%s lacks a column "
                            "of the Redis key template '%s' (a partial row image: set "
                            "binlog_row_image=FULL)", image, ch->plan->schema, ch->plan->table,
                            tp->redis->key ? tp->redis->key : "default");
    return rc;
}

static bool same_key(const struct bb_buf *a, const struct bb_buf *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static bool has_value(const struct bb_value *v)
{
    return v->kind > BB_VALUE_NULL;
}

/* Does the after image lack a column the target keeps? */
static bool kept_absent(const struct change *ch, const struct target_plan *tp)
{
    for (uint32_t c = 0; c < ch->table->ncols; c++)
        if (tp->columns[c] && ch->after[c].kind == BB_VALUE_ABSENT)
            return true;
    return false;
}

static int put_text_value(struct redis_sink *rs, const struct bb_table *t, uint32_t c,
                          const struct bb_value *v, struct bb_error *err)
{
    bb_buf_reset(&rs->val);
    int rc = bb_value_format_text(v, &rs->val, err);
    if (rc < 0) {
        char tmp[32];
        bb_error_prefix(err, "column %s", col_name(t, c, tmp, sizeof tmp));
        return rc;
    }
    if (rs->val.len > BULK_MAX) {
        char tmp[32];
        return bb_error_set(err, BB_ERR_LIMIT, "column %s holds %zu bytes: a Redis string takes "
                            "at most %d MB (proto-max-bulk-len)", col_name(t, c, tmp, sizeof tmp),
                            rs->val.len, BULK_MAX >> 20);
    }
    put_bulk(&rs->out, rs->val.len ? rs->val.data : "", rs->val.len);
    return 0;
}

static void put_del(struct redis_sink *rs, const struct bb_buf *key)
{
    cmd_begin(rs, 2);
    put_lit(&rs->out, ARG_DEL);
    put_bulk(&rs->out, key->data, key->len);
}

static void put_expire(struct redis_sink *rs, const struct bb_buf *key, uint64_t ttl)
{
    cmd_begin(rs, 3);
    put_lit(&rs->out, ARG_EXPIRE);
    put_bulk(&rs->out, key->data, key->len);
    put_bulk_u64(&rs->out, ttl);
}

/* HSET key col value ... for the kept columns of row that have a value;
 * nothing when there is none. *wrote says which. */
static int put_hset(struct redis_sink *rs, const struct change *ch, const struct target_plan *tp,
                    const struct bb_value *row, const struct bb_buf *key, bool *wrote,
                    struct bb_error *err)
{
    const struct bb_table *t = ch->table;
    size_t n = 0;
    for (uint32_t c = 0; c < t->ncols; c++)
        n += tp->columns[c] && has_value(&row[c]);
    *wrote = n > 0;
    if (!n)
        return 0;
    cmd_begin(rs, 2 + 2 * n);
    put_lit(&rs->out, ARG_HSET);
    put_bulk(&rs->out, key->data, key->len);
    for (uint32_t c = 0; c < t->ncols; c++) {
        if (!tp->columns[c] || !has_value(&row[c]))
            continue;
        char tmp[32];
        put_bulk_str(&rs->out, col_name(t, c, tmp, sizeof tmp));
        int rc = put_text_value(rs, t, c, &row[c], err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* HDEL key col ... for the kept columns a partial image says became NULL. */
static void put_hdel_nulls(struct redis_sink *rs, const struct change *ch,
                           const struct target_plan *tp, const struct bb_buf *key)
{
    const struct bb_table *t = ch->table;
    size_t n = 0;
    for (uint32_t c = 0; c < t->ncols; c++)
        n += tp->columns[c] && ch->after[c].kind == BB_VALUE_NULL;
    if (!n)
        return;
    cmd_begin(rs, 2 + n);
    put_lit(&rs->out, ARG_HDEL);
    put_bulk(&rs->out, key->data, key->len);
    for (uint32_t c = 0; c < t->ncols; c++) {
        if (tp->columns[c] && ch->after[c].kind == BB_VALUE_NULL) {
            char tmp[32];
            put_bulk_str(&rs->out, col_name(t, c, tmp, sizeof tmp));
        }
    }
}

static int add_hash(struct redis_sink *rs, const struct change *ch, const struct target_plan *tp,
                    const struct bb_value *after_key, struct bb_error *err)
{
    uint64_t ttl = tp->redis->ttl;
    struct bb_buf *key = &rs->key, *old = &rs->oldkey;
    struct key_entry *ke, *oe;
    bool wrote = false;
    int rc = 0;
    switch (ch->kind) {
    case BB_ROWS_WRITE:
        if ((rc = render_key(ch, tp, ch->after, "inserted", key, err)) < 0)
            return rc;
        ke = key_note(rs, key, ch);
        key_needs(ke, KEY_HASH);
        put_del(rs, key);
        rc = put_hset(rs, ch, tp, ch->after, key, &wrote, err);
        key_set(ke, wrote ? KEY_HASH : KEY_ABSENT);
        break;
    case BB_ROWS_DELETE:
        if ((rc = render_key(ch, tp, ch->before, "deleted", old, err)) < 0)
            return rc;
        oe = key_note(rs, old, ch);
        key_needs(oe, KEY_HASH);
        put_del(rs, old);
        key_set(oe, KEY_ABSENT);
        return 0;
    case BB_ROWS_UPDATE: {
        if ((rc = render_key(ch, tp, ch->before, "before", old, err)) < 0 ||
            (rc = render_key(ch, tp, after_key, "after", key, err)) < 0)
            return rc;
        bool moved = !same_key(key, old);
        if (!kept_absent(ch, tp)) {
            /* The whole row: it replaces the old one. */
            ke = key_note(rs, key, ch);
            oe = moved ? key_note(rs, old, ch) : NULL;
            key_needs(ke, KEY_HASH);
            key_needs(oe, KEY_HASH);
            cmd_begin(rs, moved ? 3 : 2);
            put_lit(&rs->out, ARG_DEL);
            put_bulk(&rs->out, key->data, key->len);
            if (moved)
                put_bulk(&rs->out, old->data, old->len);
            key_set(oe, KEY_ABSENT);
            rc = put_hset(rs, ch, tp, ch->after, key, &wrote, err);
            key_set(ke, wrote ? KEY_HASH : KEY_ABSENT);
            break;
        }
        /* A partial image: absent columns keep their value. */
        if (moved) {
            if (rs->version && rs->version < V(6, 2, 0))
                return bb_error_set(err, BB_ERR_UNSUPPORTED,
                                    "Redis at %s is version %u.%u.%u: moving the hash of a row "
                                    "of %s.%s whose key changed in a partial row image "
                                    "(binlog_row_image=MINIMAL) needs COPY (Redis 6.2+); set "
                                    "binlog_row_image=FULL on the source or upgrade Redis",
                                    rs->where, rs->version / 10000, rs->version / 100 % 100,
                                    rs->version % 100, ch->plan->schema, ch->plan->table);
            /* DEL first: a missing old hash (a row of NULLs) must leave no
             * stale new one. COPY copies any type: the old key is guarded
             * as a hash, so what lands at the new key is one (or nothing). */
            ke = key_note(rs, key, ch);
            key_needs(ke, KEY_HASH);
            put_del(rs, key);
            key_set(ke, KEY_ABSENT);
            oe = key_note(rs, old, ch);
            key_guard(rs, oe, old, KEY_HASH);
            cmd_begin(rs, 3);
            put_lit(&rs->out, "$4\r\nCOPY\r\n");
            put_bulk(&rs->out, old->data, old->len);
            put_bulk(&rs->out, key->data, key->len);
            key_set(ke, oe ? oe->now : KEY_UNKNOWN);
            put_del(rs, old);
            key_set(oe, KEY_ABSENT);
        }
        /* HSET and HDEL act on the hash that is there. */
        key_guard(rs, key_note(rs, key, ch), key, KEY_HASH);
        if ((rc = put_hset(rs, ch, tp, ch->after, key, &wrote, err)) < 0)
            return rc;
        put_hdel_nulls(rs, ch, tp, key);
        wrote = true;   /* the hash may exist with other fields: refresh its TTL */
        break;
    }
    }
    if (rc == 0 && wrote && ttl)
        put_expire(rs, key, ttl);
    return rc;
}

/* {"col":value,...} of the kept columns an image has, into rs->json. */
static int render_json(struct redis_sink *rs, const struct change *ch,
                       const struct target_plan *tp, const struct bb_value *row,
                       struct bb_error *err)
{
    const struct bb_table *t = ch->table;
    struct bb_buf *j = &rs->json;
    bb_buf_reset(j);
    bb_buf_putc(j, '{');
    bool first = true;
    for (uint32_t c = 0; c < t->ncols; c++) {
        if (!tp->columns[c] || row[c].kind == BB_VALUE_ABSENT)
            continue;
        char tmp[32];
        const char *name = col_name(t, c, tmp, sizeof tmp);
        if (!first)
            bb_buf_putc(j, ',');
        first = false;
        bb_buf_putc(j, '"');
        bb_buf_put_json_escaped(j, name, strlen(name));
        bb_buf_append(j, "\":", 2);
        int rc = bb_value_format_json(&row[c], j, err);
        if (rc < 0) {
            bb_error_prefix(err, "column %s", name);
            return rc;
        }
    }
    bb_buf_putc(j, '}');
    if (j->len > BULK_MAX)
        return bb_error_set(err, BB_ERR_LIMIT, "a row of %s.%s is %zu bytes of JSON: a Redis "
                            "string takes at most %d MB (proto-max-bulk-len)", ch->plan->schema,
                            ch->plan->table, j->len, BULK_MAX >> 20);
    return bb_buf_check(j, err);
}

static int add_json(struct redis_sink *rs, const struct change *ch, const struct target_plan *tp,
                    const struct bb_value *after_key, struct bb_error *err)
{
    struct bb_buf *key = &rs->key, *old = &rs->oldkey;
    struct key_entry *oe;
    int rc;
    switch (ch->kind) {
    case BB_ROWS_DELETE:
        if ((rc = render_key(ch, tp, ch->before, "deleted", old, err)) < 0)
            return rc;
        oe = key_note(rs, old, ch);
        key_needs(oe, KEY_STRING);
        put_del(rs, old);
        key_set(oe, KEY_ABSENT);
        return 0;
    case BB_ROWS_UPDATE:
        if (kept_absent(ch, tp))
            return bb_error_set(err, BB_ERR_USAGE, "shape json needs binlog_row_image=FULL "
                                "(table %s.%s): a partial row image cannot be applied to a JSON "
                                "string without reading it", ch->plan->schema, ch->plan->table);
        if ((rc = render_key(ch, tp, ch->before, "before", old, err)) < 0 ||
            (rc = render_key(ch, tp, after_key, "after", key, err)) < 0)
            return rc;
        if (!same_key(key, old)) {
            oe = key_note(rs, old, ch);
            key_needs(oe, KEY_STRING);
            put_del(rs, old);
            key_set(oe, KEY_ABSENT);
        }
        break;
    case BB_ROWS_WRITE:
        if ((rc = render_key(ch, tp, ch->after, "inserted", key, err)) < 0)
            return rc;
        break;
    }
    if ((rc = render_json(rs, ch, tp, ch->after, err)) < 0)
        return rc;
    /* SET replaces whatever the key holds. */
    struct key_entry *ke = key_note(rs, key, ch);
    key_needs(ke, KEY_STRING);
    key_set(ke, KEY_STRING);
    uint64_t ttl = tp->redis->ttl;
    cmd_begin(rs, ttl ? 5 : 3);
    put_lit(&rs->out, "$3\r\nSET\r\n");
    put_bulk(&rs->out, key->data, key->len);
    put_bulk(&rs->out, rs->json.data, rs->json.len);
    if (ttl) {
        put_lit(&rs->out, "$2\r\nEX\r\n");
        put_bulk_u64(&rs->out, ttl);
    }
    return 0;
}

static int add_stream(struct redis_sink *rs, const struct change *ch,
                      const struct target_plan *tp, const struct bb_value *after_key,
                      struct bb_error *err)
{
    static const char *const ops[] = { "insert", "update", "delete" };
    struct bb_buf *key = &rs->key;
    const struct bb_value *krow = ch->kind == BB_ROWS_DELETE ? ch->before : after_key;
    int rc = render_key(ch, tp, krow, ch->kind == BB_ROWS_DELETE ? "deleted" : "after", key,
                        err);
    if (rc < 0)
        return rc;
    if (rs->version && rs->version < V(5, 0, 0))
        return bb_error_set(err, BB_ERR_UNSUPPORTED, "Redis at %s is version %u.%u.%u: the "
                            "stream shape (table %s.%s) needs Redis 5.0 or later", rs->where,
                            rs->version / 10000, rs->version / 100 % 100, rs->version % 100,
                            ch->plan->schema, ch->plan->table);
    key_guard(rs, key_note(rs, key, ch), key, KEY_STREAM);
    uint64_t maxlen = tp->redis->maxlen;
    size_t argc = 3 + (maxlen ? 3 : 0) + 16 + (ch->before ? 2 : 0) + (ch->after ? 2 : 0);
    cmd_begin(rs, argc);
    put_lit(&rs->out, "$4\r\nXADD\r\n");
    put_bulk(&rs->out, key->data, key->len);
    if (maxlen) {
        put_lit(&rs->out, "$6\r\nMAXLEN\r\n$1\r\n~\r\n");
        put_bulk_u64(&rs->out, maxlen);
    }
    put_lit(&rs->out, "$1\r\n*\r\n$2\r\nop\r\n");
    put_bulk_str(&rs->out, ops[ch->kind <= BB_ROWS_DELETE ? ch->kind : 0]);
    put_lit(&rs->out, "$6\r\nschema\r\n");
    put_bulk_str(&rs->out, ch->plan->schema);
    put_lit(&rs->out, "$5\r\ntable\r\n");
    put_bulk_str(&rs->out, ch->plan->table);
    put_lit(&rs->out, "$4\r\nfile\r\n");
    put_bulk_str(&rs->out, ch->log_file ? ch->log_file : "");
    put_lit(&rs->out, "$3\r\npos\r\n");
    put_bulk_u64(&rs->out, ch->pos);
    put_lit(&rs->out, "$3\r\nrow\r\n");
    put_bulk_u64(&rs->out, ch->row_index);
    put_lit(&rs->out, "$4\r\ngtid\r\n");
    put_bulk_str(&rs->out, ch->gtid ? ch->gtid : "");
    put_lit(&rs->out, "$2\r\nts\r\n");
    put_bulk_u64(&rs->out, ch->timestamp);
    if (ch->before) {
        if ((rc = render_json(rs, ch, tp, ch->before, err)) < 0)
            return rc;
        put_lit(&rs->out, "$6\r\nbefore\r\n");
        put_bulk(&rs->out, rs->json.data, rs->json.len);
    }
    if (ch->after) {
        if ((rc = render_json(rs, ch, tp, ch->after, err)) < 0)
            return rc;
        put_lit(&rs->out, "$5\r\nafter\r\n");
        put_bulk(&rs->out, rs->json.data, rs->json.len);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The sink operations                                                 */

static int sink_add(void *ctx, const struct change *ch, struct bb_error *err)
{
    struct redis_sink *rs = ctx;
    const struct table_plan *plan = ch->plan;
    if ((ch->kind != BB_ROWS_DELETE && !ch->after) || (ch->kind != BB_ROWS_WRITE && !ch->before))
        return bb_error_set(err, BB_ERR_USAGE, "a row change of %s.%s lacks a row image",
                            plan->schema, plan->table);
    size_t mark = rs->out.len, nmark = rs->ncmds;
    const struct bb_value *after_key = ch->after;
    int rc = 0;
    if (ch->kind == BB_ROWS_UPDATE) {
        /* the key from the whole after image: a partial one leaves out
         * key columns that did not change */
        bool partial;
        rc = mapper_merged_image(ch->before, ch->after, ch->table->ncols, &rs->merged,
                                 &rs->merged_cap, &after_key, &partial, err);
    }
    for (uint32_t i = 0; i < plan->ntargets && rc == 0; i++) {
        const struct target_plan *tp = &plan->targets[i];
        if (!tp->redis)
            continue;
        /* Each shape notes at most two keys (an update's old and new). */
        if (!keyset_reserve(&rs->keys, 2)) {
            rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory buffering Redis commands");
            break;
        }
        switch (tp->redis->shape) {
        case REDIS_SHAPE_HASH: rc = add_hash(rs, ch, tp, after_key, err); break;
        case REDIS_SHAPE_JSON: rc = add_json(rs, ch, tp, after_key, err); break;
        case REDIS_SHAPE_STREAM:
            /* A stream logs changes; a snapshot row is state, not a change. */
            if (!ch->from_snapshot)
                rc = add_stream(rs, ch, tp, after_key, err);
            break;
        default:
            rc = bb_error_set(err, BB_ERR_USAGE, "unknown Redis shape %d", (int)tp->redis->shape);
        }
    }
    if (rc == 0 && rs->out.oom)
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory buffering Redis commands");
    if (rc < 0) {
        /* The change is all or nothing: drop what it rendered. The keys'
         * states may count on a dropped guard: forget them, so the next
         * command that needs a type guards its key again (always safe). */
        rs->out.oom = false;
        rs->out.len = mark;
        rs->out.data[mark] = '\0';
        rs->ncmds = nmark;
        for (uint32_t i = 0; i < rs->keys.n; i++)
            rs->keys.e[i].now = KEY_UNKNOWN;
    }
    return rc;
}

static size_t sink_pending_bytes(void *ctx)
{
    struct redis_sink *rs = ctx;
    return rs->out.len > RESP_MULTI_LEN ? rs->out.len - RESP_MULTI_LEN : 0;
}

static void sink_discard(void *ctx)
{
    reset_pending(ctx);
}

/* Read MULTI's reply, one per queued command and EXEC's, noting errors. */
static int read_batch_replies(struct redis_sink *rs, struct bb_error *err)
{
    rs->rd_top = 0;
    rs->rd_ncmds = rs->ncmds;
    rs->exec_type = 0;
    rs->exec_elems = 0;
    rs->err_cmd = -1;
    rs->err_queued = false;
    rs->multi_failed = false;
    rs->nerrors = 0;
    rs->err_msg[0] = '\0';
    bb_buf_reset(&rs->replaced);
    rs->nreplaced = 0;
    size_t expect = rs->rd_ncmds + 2;
    while (rs->rd_top < expect) {
        void *reply = NULL;
        if (redisReaderGetReply(rs->rd, &reply) != REDIS_OK)
            return io_error(rs, err, "reading the replies to a batch", rs->rd->errstr);
        if (reply) {
            rs->rd_top++;
            continue;
        }
        ssize_t n = recv(rs->c->fd, rs->rbuf, sizeof rs->rbuf, 0);
        if (n == 0)
            return io_error(rs, err, "reading the replies to a batch",
                            "the server closed the connection");
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno_error(rs, err, "reading the replies to a batch", errno);
        }
        if (redisReaderFeed(rs->rd, rs->rbuf, (size_t)n) != REDIS_OK)
            return io_error(rs, err, "reading the replies to a batch", rs->rd->errstr);
    }
    return 0;
}

/* What the replies to a batch say. A batch refused as a whole for a
 * passing reason (out of memory, read-only during a failover) is
 * BB_ERR_AGAIN: nothing of it was applied, and it is still buffered. */
static int batch_outcome(struct redis_sink *rs, const struct checkpoint *cp, struct bb_error *err)
{
    char what[400], pos[CHECKPOINT_FILE_MAX + 64];
    size_t n = rs->rd_ncmds;
    int code = transient_reply(rs->err_msg, strlen(rs->err_msg)) ? BB_ERR_AGAIN : BB_ERR_SERVER;
    if (rs->multi_failed)
        return bb_error_set(err, code, "Redis at %s: MULTI failed: %s", rs->where, rs->err_msg);
    if (rs->err_cmd >= 0 && rs->err_queued)
        return bb_error_set(err, code, "Redis at %s: %s refused: %s; nothing of the batch was "
                            "applied (EXECABORT)", rs->where,
                            describe_cmd(rs, (size_t)rs->err_cmd, what, sizeof what),
                            rs->err_msg);
    if (rs->exec_type == REDIS_REPLY_ERROR)
        return bb_error_set(err, code, "Redis at %s: EXEC failed: %s; nothing of the batch was "
                            "applied", rs->where, rs->err_msg);
    if (rs->exec_type != REDIS_REPLY_ARRAY)
        return bb_error_set(err, BB_ERR_SERVER, "Redis at %s: EXEC aborted the transaction; "
                            "nothing of the batch was applied", rs->where);
    if ((size_t)rs->exec_elems != n)
        return bb_error_set(err, BB_ERR_SERVER, "Redis at %s: EXEC answered %lld replies for "
                            "%zu commands", rs->where, rs->exec_elems, n);
    if (rs->err_cmd < 0)
        return 0;
    checkpoint_position_text(cp, pos, sizeof pos);
    describe_cmd(rs, (size_t)rs->err_cmd, what, sizeof what);
    char more[64] = "";
    if (rs->nerrors > 1)
        snprintf(more, sizeof more, " (and %zu more failed commands)", rs->nerrors - 1);
    if ((size_t)rs->err_cmd == n - 1)
        return bb_error_set(err, BB_ERR_SERVER, "Redis at %s: saving the checkpoint failed "
                            "(%s): %s; the batch up to %s was applied but its checkpoint not "
                            "saved, so a restart applies it again", rs->where, what,
                            rs->err_msg, pos);
    /* The type guards leave no command to fail with WRONGTYPE: this is a
     * failure nothing here foresaw. */
    return bb_error_set(err, BB_ERR_SERVER, "Redis at %s: %s failed inside EXEC: %s%s; Redis "
                        "does not roll back, so the batch up to %s and its checkpoint were "
                        "applied without it", rs->where, what, rs->err_msg, more, pos);
}

/* Say which keys the type guards of the batch just applied replaced. */
static void log_replaced(struct redis_sink *rs)
{
    const char *p = rs->replaced.data, *end = p + rs->replaced.len;
    size_t shown = 0;
    for (size_t i = 0; i + 1 < rs->nreplaced; i += 2) {
        uint32_t klen, tlen;
        if ((size_t)(end - p) < sizeof klen)
            break;
        memcpy(&klen, p, sizeof klen);
        const char *key = p + sizeof klen;
        if ((size_t)(end - key) < klen + sizeof tlen)
            break;
        memcpy(&tlen, key + klen, sizeof tlen);
        const char *type = key + klen + sizeof tlen;
        if ((size_t)(end - type) < tlen)
            break;
        p = type + tlen;
        char kbuf[300];
        if (klen == strlen(rs->ckpt_key) && memcmp(key, rs->ckpt_key, klen) == 0) {
            log_warn("Redis at %s: the checkpoint key %s held a %.*s, not a hash: replaced by the "
                     "checkpoint", rs->where, rs->ckpt_key, (int)(tlen > 20 ? 20 : tlen), type);
            continue;
        }
        if (++shown > 10)
            continue;
        /* The key's table, and what the batch wrote there. */
        const char *table = "?", *writes = "value";
        struct keyset *ks = &rs->keys;
        uint64_t h = key_hash(key, klen);
        for (uint32_t at = ks->nslots ? (uint32_t)h & (ks->nslots - 1) : 0;
             ks->nslots && ks->slots[at]; at = (at + 1) & (ks->nslots - 1)) {
            struct key_entry *e = &ks->e[ks->slots[at] - 1];
            if (e->hash == h && e->len == klen && memcmp(keyset_key(ks, e), key, klen) == 0) {
                table = ks->bytes.data + e->table;
                if (e->first > KEY_ABSENT)
                    writes = key_state_names[e->first];
                break;
            }
        }
        log_warn("Redis at %s: key %s held a %.*s where binbridge writes the %s of %s: replaced "
                 "(redis.wrong_type = \"overwrite\")", rs->where,
                 printable(key, klen, kbuf, sizeof kbuf), (int)(tlen > 20 ? 20 : tlen), type,
                 writes, table);
    }
    if (shown > 10)
        log_warn("Redis at %s: and %zu more keys of another type replaced in the same batch",
                 rs->where, shown - 10);
}

/* redis.wrong_type = "stop": every key of the batch holds the type the
 * batch needs there, or nothing; else an error naming the first that does
 * not, and nothing is sent. */
static int check_key_types(struct redis_sink *rs, const struct checkpoint *cp,
                           struct bb_error *err)
{
    struct keyset *ks = &rs->keys;
    uint32_t n = 0;
    for (uint32_t i = 0; i < ks->n; i++)
        n += ks->e[i].first > KEY_ABSENT;
    if (!n)
        return 0;
    const char **argv = malloc((3 + 2 * (size_t)n) * sizeof *argv);
    size_t *lens = malloc((3 + 2 * (size_t)n) * sizeof *lens);
    uint32_t *which = malloc((size_t)n * sizeof *which);
    int rc = 0;
    if (!argv || !lens || !which) {
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        goto done;
    }
    char nkeys[16];
    snprintf(nkeys, sizeof nkeys, "%u", n);
    argv[0] = "EVAL";
    argv[1] = CHECK_SCRIPT;
    argv[2] = nkeys;
    for (int a = 0; a < 3; a++)
        lens[a] = strlen(argv[a]);
    uint32_t k = 0;
    for (uint32_t i = 0; i < ks->n; i++) {
        const struct key_entry *e = &ks->e[i];
        if (e->first <= KEY_ABSENT)
            continue;
        which[k] = i;
        argv[3 + k] = keyset_key(ks, e);
        lens[3 + k] = e->len;
        argv[3 + n + k] = key_state_names[e->first];
        lens[3 + n + k] = strlen(key_state_names[e->first]);
        k++;
    }
    redisReply *r;
    if ((rc = run(rs, (int)(3 + 2 * n), argv, lens, "checking the types of the batch's keys",
                  &r, err)) < 0)
        goto done;
    if (r->type == REDIS_REPLY_ARRAY && r->elements == 2 &&
        r->element[0]->type == REDIS_REPLY_INTEGER && r->element[0]->integer >= 1 &&
        r->element[0]->integer <= (long long)n) {
        const struct key_entry *e = &ks->e[which[r->element[0]->integer - 1]];
        char what[400], pos[CHECKPOINT_FILE_MAX + 64];
        rc = bb_error_set(err, BB_ERR_SERVER, "Redis at %s: key %s holds a %.*s where binbridge "
                          "writes the %s of %s: nothing of the batch up to %s was applied "
                          "(redis.wrong_type = \"stop\"); remove or rename the key, or set "
                          "redis.wrong_type = \"overwrite\"", rs->where,
                          printable(keyset_key(ks, e), e->len, what, sizeof what),
                          (int)(r->element[1]->len > 20 ? 20 : r->element[1]->len),
                          r->element[1]->str ? r->element[1]->str : "?",
                          key_state_names[e->first], ks->bytes.data + e->table,
                          checkpoint_position_text(cp, pos, sizeof pos));
    } else if (r->type != REDIS_REPLY_ARRAY || r->elements != 0) {
        rc = bb_error_set(err, BB_ERR_SERVER, "Redis at %s: the check of the batch's key types "
                          "gave an unexpected reply", rs->where);
    }
    freeReplyObject(r);
done:
    free(argv);
    free(lens);
    free(which);
    return rc;
}

static int sink_commit(void *ctx, const struct checkpoint *cp, struct bb_error *err)
{
    struct redis_sink *rs = ctx;
    int rc;
    /* What the batch holds before the checkpoint: kept when the batch is
     * refused for now (BB_ERR_AGAIN), to be written again. */
    size_t base_len = rs->out.len, base_ncmds = rs->ncmds;
    if (!rs->c) {
        rc = not_connected(rs, err);
        goto done;
    }
    if (rs->wrong_type == REDIS_WRONG_TYPE_STOP && (rc = check_key_types(rs, cp, err)) < 0)
        goto done;
    /* The checkpoint's HSET fails on a key of another type like any other:
     * it is guarded too (the checkpoint is ours; binbridge holds it). */
    put_guard(rs, rs->ckpt_key, strlen(rs->ckpt_key), KEY_HASH);
    checkpoint_field_values(cp, rs->cpvals);
    cmd_begin(rs, 2 + 2 * CHECKPOINT_NFIELDS);
    put_lit(&rs->out, ARG_HSET);
    put_bulk_str(&rs->out, rs->ckpt_key);
    for (int i = 0; i < CHECKPOINT_NFIELDS; i++) {
        put_bulk_str(&rs->out, checkpoint_field_names[i]);
        put_bulk_str(&rs->out, rs->cpvals[i]);
    }
    put_lit(&rs->out, RESP_EXEC);
    if ((rc = bb_buf_check(&rs->out, err)) < 0)
        goto done;
    /* One write for the whole batch; the replies are read after it. Redis
     * keeps replies it cannot send yet, so this cannot deadlock. */
    if ((rc = send_all(rs, rs->out.data, rs->out.len, err)) < 0 ||
        (rc = read_batch_replies(rs, err)) < 0)
        goto done;
    rc = batch_outcome(rs, cp, err);
    if (rc == 0 && rs->nreplaced)
        log_replaced(rs);
done:
    if (rc == BB_ERR_AGAIN) {
        /* Refused as a whole: the batch stays as it was before the
         * checkpoint, for the next commit. */
        rs->out.len = base_len;
        rs->out.data[base_len] = '\0';
        rs->ncmds = base_ncmds;
        return rc;
    }
    /* Whatever else happened, the batch is gone: after a failure the
     * caller reconnects and resumes from the checkpoint read back. */
    reset_pending(rs);
    return rc;
}

static int sink_load_checkpoint(void *ctx, struct checkpoint *cp, struct bb_error *err)
{
    struct redis_sink *rs = ctx;
    redisReply *r;
    const char *argv[] = { "HGETALL", rs->ckpt_key };
    char doing[300];
    snprintf(doing, sizeof doing, "reading the checkpoint %s", rs->ckpt_key);
    int rc = run(rs, 2, argv, NULL, doing, &r, err);
    if (rc < 0)
        return rc;
    if (r->type != REDIS_REPLY_ARRAY || r->elements % 2) {
        freeReplyObject(r);
        return bb_error_set(err, BB_ERR_SERVER, "Redis at %s: HGETALL %s gave an unexpected "
                            "reply", rs->where, rs->ckpt_key);
    }
    if (r->elements == 0) {
        freeReplyObject(r);
        return 0;
    }
    size_t n = r->elements / 2;
    const char **names = calloc(n, sizeof *names), **values = calloc(n, sizeof *values);
    size_t *lens = calloc(n, sizeof *lens);
    if (!names || !values || !lens) {
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    } else {
        for (size_t i = 0; i < n && rc == 0; i++) {
            if (r->element[2 * i]->type != REDIS_REPLY_STRING ||
                r->element[2 * i + 1]->type != REDIS_REPLY_STRING)
                rc = bb_error_set(err, BB_ERR_SERVER, "Redis at %s: HGETALL %s gave an "
                                  "unexpected reply", rs->where, rs->ckpt_key);
            names[i] = r->element[2 * i]->str;
            values[i] = r->element[2 * i + 1]->str;
            lens[i] = r->element[2 * i + 1]->len;
        }
        if (rc == 0)
            rc = checkpoint_from_fields(cp, names, values, lens, n, err);
        if (rc == BB_ERR_CORRUPT)
            bb_error_prefix(err, "Redis at %s, key %s", rs->where, rs->ckpt_key);
    }
    free(names);
    free(values);
    free(lens);
    freeReplyObject(r);
    return rc < 0 ? rc : 1;
}

/* Keep only the keys of the wanted type (servers before 6.0 have no SCAN
 * TYPE): one pipelined TYPE per key. */
static int filter_by_type(struct redis_sink *rs, redisReply *keys, const char *type,
                          struct bb_error *err)
{
    bb_buf_reset(&rs->cmd);
    for (size_t i = 0; i < keys->elements; i++) {
        put_header(&rs->cmd, '*', 2);
        put_bulk(&rs->cmd, "TYPE", 4);
        put_bulk(&rs->cmd, keys->element[i]->str, keys->element[i]->len);
    }
    if (bb_buf_check(&rs->cmd, err) < 0)
        return err->code;
    int rc = send_all(rs, rs->cmd.data, rs->cmd.len, err);
    for (size_t i = 0; i < keys->elements && rc == 0; i++) {
        void *v = NULL;
        if (redisGetReply(rs->c, &v) != REDIS_OK || !v)
            return io_error(rs, err, "reading the replies to TYPE", rs->c->errstr);
        redisReply *t = v;
        if (t->type != REDIS_REPLY_STATUS || strcmp(t->str, type) != 0)
            keys->element[i]->len = SIZE_MAX;  /* marks a key to keep */
        freeReplyObject(t);
    }
    return rc;
}

static int clear_target(struct redis_sink *rs, const struct table_plan *plan,
                        const struct target_plan *tp, struct bb_error *err)
{
    const char *type = tp->redis->shape == REDIS_SHAPE_HASH ? "hash" : "string";
    bb_buf_reset(&rs->key);
    if (mapper_redis_key_prefix(tp, plan->schema, plan->table, &rs->key) != 0 ||
        rs->key.len == 0) {
        log_warn("the Redis keys of %s.%s (template '%s') have no prefix that only this "
                 "table's keys share: they are left in place after TRUNCATE or DROP TABLE",
                 plan->schema, plan->table, tp->redis->key ? tp->redis->key : "?");
        return bb_buf_check(&rs->key, err);
    }
    /* The prefix matched literally: SCAN's glob characters escaped. */
    struct bb_buf *pat = &rs->oldkey;
    bb_buf_reset(pat);
    for (size_t i = 0; i < rs->key.len; i++) {
        if (strchr("*?[]\\", rs->key.data[i]) && rs->key.data[i])
            bb_buf_putc(pat, '\\');
        bb_buf_putc(pat, rs->key.data[i]);
    }
    bb_buf_putc(pat, '*');
    if (bb_buf_check(pat, err) < 0)
        return err->code;
    bool scan_type = rs->version >= V(6, 0, 0);
    char cursor[32] = "0";
    int rc = 0;
    do {
        const char *argv[] = { "SCAN", cursor, "MATCH", pat->data, "COUNT", SCAN_COUNT, "TYPE",
                               type };
        size_t lens[] = { 4, strlen(cursor), 5, pat->len, 5, strlen(SCAN_COUNT), 4,
                          strlen(type) };
        redisReply *r;
        if ((rc = run(rs, scan_type ? 8 : 6, argv, lens, "SCAN failed", &r, err)) < 0)
            return rc;
        if (r->type != REDIS_REPLY_ARRAY || r->elements != 2 ||
            r->element[0]->type != REDIS_REPLY_STRING || r->element[0]->len >= sizeof cursor ||
            r->element[1]->type != REDIS_REPLY_ARRAY) {
            freeReplyObject(r);
            return bb_error_set(err, BB_ERR_SERVER, "Redis at %s: SCAN gave an unexpected reply",
                                rs->where);
        }
        memcpy(cursor, r->element[0]->str, r->element[0]->len + 1);
        redisReply *keys = r->element[1];
        if (!scan_type && keys->elements)
            rc = filter_by_type(rs, keys, type, err);
        size_t n = 0;
        const char **kv = NULL;
        size_t *kl = NULL;
        if (rc == 0 && keys->elements) {
            kv = calloc(keys->elements + 1, sizeof *kv);
            kl = calloc(keys->elements + 1, sizeof *kl);
            if (!kv || !kl)
                rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        }
        if (rc == 0 && keys->elements) {
            kv[n] = "UNLINK";
            kl[n++] = 6;
            for (size_t i = 0; i < keys->elements; i++) {
                redisReply *k = keys->element[i];
                if (k->type != REDIS_REPLY_STRING || k->len == SIZE_MAX ||
                    (k->len == strlen(rs->ckpt_key) && memcmp(k->str, rs->ckpt_key, k->len) == 0))
                    continue;
                kv[n] = k->str;
                kl[n++] = k->len;
            }
            if (n > 1)
                rc = run(rs, (int)n, kv, kl, "UNLINK failed", NULL, err);
        }
        free(kv);
        free(kl);
        freeReplyObject(r);
    } while (rc == 0 && strcmp(cursor, "0") != 0);
    return rc;
}

static int sink_clear_table(void *ctx, const struct table_plan *plan, struct bb_error *err)
{
    struct redis_sink *rs = ctx;
    if (rs->ncmds)
        return bb_error_set(err, BB_ERR_USAGE, "clearing the Redis keys of %s.%s with %zu "
                            "commands pending: commit them first (the keys are removed at once, "
                            "outside the batch)", plan->schema, plan->table, rs->ncmds);
    if (!rs->c)
        return not_connected(rs, err);
    for (uint32_t i = 0; i < plan->ntargets; i++) {
        const struct target_plan *tp = &plan->targets[i];
        if (!tp->redis || tp->redis->shape == REDIS_SHAPE_STREAM)
            continue;   /* streams are a log of what happened: kept */
        int rc = clear_target(rs, plan, tp, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int sink_reconnect(void *ctx, struct bb_error *err)
{
    return sink_connect(ctx, err);
}

static void sink_close(void *ctx)
{
    struct redis_sink *rs = ctx;
    if (!rs)
        return;
    disconnect(rs);
    redis_url_destroy(&rs->url);
    if (rs->password) {
        memset(rs->password, 0, strlen(rs->password));
        free(rs->password);
    }
    free(rs->ckpt_key);
    free(rs->client_name);
    bb_buf_destroy(&rs->out);
    bb_buf_destroy(&rs->key);
    bb_buf_destroy(&rs->oldkey);
    bb_buf_destroy(&rs->val);
    bb_buf_destroy(&rs->json);
    bb_buf_destroy(&rs->cmd);
    bb_buf_destroy(&rs->replaced);
    keyset_destroy(&rs->keys);
    free(rs->cmd_off);
    free(rs->merged);
    free(rs);
}

static const struct sink_ops redis_sink_ops = {
    .name = "redis",
    .load_checkpoint = sink_load_checkpoint,
    .add = sink_add,
    .clear_table = sink_clear_table,
    .commit = sink_commit,
    .discard = sink_discard,
    .pending_bytes = sink_pending_bytes,
    .reconnect = sink_reconnect,
    .close = sink_close,
};

int redis_sink_open(struct sink *out, const struct bb_config *cfg, struct bb_error *err)
{
    struct redis_sink *rs = calloc(1, sizeof *rs);
    if (!rs)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    bb_buf_init(&rs->out);
    bb_buf_init(&rs->key);
    bb_buf_init(&rs->oldkey);
    bb_buf_init(&rs->val);
    bb_buf_init(&rs->json);
    bb_buf_init(&rs->cmd);
    bb_buf_init(&rs->replaced);
    bb_buf_init(&rs->keys.bytes);
    rs->wrong_type = cfg->redis_wrong_type;
    int rc = redis_url_parse(&rs->url, cfg->redis_url, err);
    if (rc < 0)
        goto fail;
    if (rs->url.path)
        snprintf(rs->where, sizeof rs->where, "unix:%s", rs->url.path);
    else if (strchr(rs->url.host, ':'))
        snprintf(rs->where, sizeof rs->where, "[%s]:%d", rs->url.host, rs->url.port);
    else
        snprintf(rs->where, sizeof rs->where, "%s:%d", rs->url.host, rs->url.port);

    rs->password_env = cfg->redis_password_env && *cfg->redis_password_env
                           ? cfg->redis_password_env : NULL;
    const char *pw = rs->url.password;
    if (!pw && rs->password_env) {
        pw = getenv(rs->password_env);
        if (pw && !*pw)
            pw = NULL;
    }
    if (pw && !(rs->password = strdup(pw))) {
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        goto fail;
    }

    const char *name = cfg->checkpoint_name && *cfg->checkpoint_name ? cfg->checkpoint_name
                                                                     : DEFAULT_CHECKPOINT_NAME;
    size_t nlen = strlen(name);
    rs->ckpt_key = malloc(sizeof CHECKPOINT_KEY_PREFIX + nlen);
    rs->client_name = malloc(sizeof "binbridge-" + nlen);
    if (!rs->ckpt_key || !rs->client_name) {
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        goto fail;
    }
    memcpy(rs->ckpt_key, CHECKPOINT_KEY_PREFIX, sizeof CHECKPOINT_KEY_PREFIX - 1);
    memcpy(rs->ckpt_key + sizeof CHECKPOINT_KEY_PREFIX - 1, name, nlen + 1);
    /* Client names take no spaces or control characters. */
    memcpy(rs->client_name, "binbridge-", 10);
    for (size_t i = 0; i <= nlen; i++) {
        unsigned char ch = (unsigned char)name[i];
        rs->client_name[10 + i] = i == nlen ? '\0' : ch <= ' ' || ch >= 0x7f ? '_' : (char)ch;
    }

    /* Buffers grow with the largest batch; past twice the batch limit
     * (one oversized row) they are given back after the commit. */
    rs->keep_bytes = cfg->batch_bytes ? (size_t)cfg->batch_bytes * 2 + (1u << 20) : 64u << 20;
    reset_pending(rs);
    if ((rc = sink_connect(rs, err)) < 0)
        goto fail;
    out->ops = &redis_sink_ops;
    out->ctx = rs;
    return 0;
fail:
    sink_close(rs);
    return rc;
}
