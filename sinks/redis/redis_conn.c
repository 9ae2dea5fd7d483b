/* redis_conn.c - the connection to Redis: connecting (AUTH, SELECT,
 * CLIENT SETNAME, the server's version) over redis_net.h's byte stream,
 * commands outside a batch and their replies, and the reply reader of a
 * batch's EXEC. hiredis is used for its reply parser alone (redisReader):
 * every byte goes through redis_net. */
#include "sinks/redis/redis_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "base/error.h"
#include "base/log.h"
#include "sinks/redis/resp.h"


/* ------------------------------------------------------------------ */
/* Connection                                                          */

/* Replies that mean "not now" rather than "no": the server is loading its
 * data after a restart, busy with a script, or a replica (a failover in
 * progress). The caller reconnects and resumes from the checkpoint. */
bool redis_transient_reply(const char *s, size_t n)
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

void redis_disconnect(struct redis_sink *rs)
{
    redis_net_close(rs->net);
    rs->net = NULL;
    if (rs->rd) {
        redisReaderFree(rs->rd);
        rs->rd = NULL;
    }
    if (rs->rd_obj) {
        redisReaderFree(rs->rd_obj);
        rs->rd_obj = NULL;
    }
}

/* The connection failed: its state is unknown, so it is dropped; the
 * caller reconnects. */
int redis_io_error(struct redis_sink *rs, struct bb_error *err, const char *doing,
                   const char *why)
{
    bb_error_set(err, BB_ERR_IO, "Redis at %s: %s: %s", rs->where, doing, why);
    redis_disconnect(rs);
    return BB_ERR_IO;
}

int redis_not_connected(struct redis_sink *rs, struct bb_error *err)
{
    return bb_error_set(err, BB_ERR_IO, "Redis at %s: not connected (a previous failure dropped "
                        "the connection)", rs->where);
}

/* An error reply: BB_ERR_IO when it is transient, BB_ERR_SERVER otherwise. */
static int reply_error(struct redis_sink *rs, struct bb_error *err, const char *doing,
                       const char *msg, size_t len)
{
    int code = redis_transient_reply(msg, len) ? BB_ERR_IO : BB_ERR_SERVER;
    return bb_error_set(err, code, "Redis at %s: %s: %.*s", rs->where, doing,
                        (int)(len > 300 ? 300 : len), msg);
}

int redis_send_all(struct redis_sink *rs, const char *p, size_t n, struct bb_error *err)
{
    if (!rs->net)
        return redis_not_connected(rs, err);
    struct bb_error e = { 0 };
    if (redis_net_write(rs->net, p, n, &e) < 0)
        return redis_io_error(rs, err, "writing", e.msg);
    return 0;
}

/* Read what the server sent next into reader rd. */
static int feed(struct redis_sink *rs, redisReader *rd, const char *doing, struct bb_error *err)
{
    struct bb_error e = { 0 };
    ssize_t n = redis_net_read(rs->net, rs->rbuf, sizeof rs->rbuf, &e);
    if (n < 0)
        return redis_io_error(rs, err, doing, e.msg);
    if (redisReaderFeed(rd, rs->rbuf, (size_t)n) != REDIS_OK)
        return redis_io_error(rs, err, doing, rd->errstr);
    return 0;
}

int redis_feed_batch_reader(struct redis_sink *rs, const char *doing, struct bb_error *err)
{
    if (!rs->net)
        return redis_not_connected(rs, err);
    return feed(rs, rs->rd, doing, err);
}

int redis_get_reply(struct redis_sink *rs, const char *doing, redisReply **out,
                    struct bb_error *err)
{
    *out = NULL;
    for (;;) {
        if (!rs->net)
            return redis_not_connected(rs, err);
        void *reply = NULL;
        if (redisReaderGetReply(rs->rd_obj, &reply) != REDIS_OK)
            return redis_io_error(rs, err, doing, rs->rd_obj->errstr);
        if (reply) {
            rs->answered = true;
            *out = reply;
            return 0;
        }
        int rc = feed(rs, rs->rd_obj, doing, err);
        if (rc < 0)
            return rc;
    }
}

/* Send one command and read its reply into *out (caller frees it with
 * freeReplyObject). Error replies are returned as replies. */
static int call(struct redis_sink *rs, int argc, const char *const *argv, const size_t *lens,
                redisReply **out, struct bb_error *err)
{
    *out = NULL;
    if (!rs->net)
        return redis_not_connected(rs, err);
    bb_buf_reset(&rs->cmd);
    resp_put_header(&rs->cmd, '*', (size_t)argc);
    for (int i = 0; i < argc; i++)
        resp_put_bulk(&rs->cmd, argv[i], lens ? lens[i] : strlen(argv[i]));
    if (bb_buf_check(&rs->cmd, err) < 0)
        return err->code;
    int rc = redis_send_all(rs, rs->cmd.data, rs->cmd.len, err);
    if (rc < 0)
        return rc;
    char doing[64];
    snprintf(doing, sizeof doing, "reading the reply to %s", argv[0]);
    return redis_get_reply(rs, doing, out, err);
}

/* call(), with an error reply as an error (doing names the step). */
int redis_run(struct redis_sink *rs, int argc, const char *const *argv, const size_t *lens,
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

int redis_cluster_enabled(struct redis_sink *rs, bool *enabled, struct bb_error *err)
{
    *enabled = false;
    redisReply *r;
    const char *argv[] = { "INFO", "cluster" };
    int rc = call(rs, 2, argv, NULL, &r, err);
    if (rc < 0)
        return rc;
    /* A server that refuses INFO cluster (renamed) is taken as one server. */
    *enabled = r->type == REDIS_REPLY_STRING && strstr(r->str, "cluster_enabled:1");
    freeReplyObject(r);
    return 0;
}

int redis_connect(struct redis_sink *rs, struct bb_error *err)
{
    redis_disconnect(rs);
    struct redis_endpoint ep = {
        .host = rs->url.host, .port = rs->url.port, .path = rs->url.path, .tls = rs->tls,
        .server_name = rs->tls_server_name, .connect_timeout_ms = CONNECT_TIMEOUT_S * 1000,
        .io_timeout_ms = COMMAND_TIMEOUT_S * 1000,
    };
    struct bb_error e = { 0 };
    if (redis_net_connect(&rs->net, &ep, &e) < 0)
        return bb_error_set(err, e.code, "cannot connect to Redis at %s: %s", rs->where, e.msg);
    if (!(rs->rd = redisReaderCreateWithFunctions(&batch_functions)) ||
        !(rs->rd_obj = redisReaderCreate())) {
        redis_disconnect(rs);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    rs->rd->privdata = rs;
    rs->rd->maxbuf = 0;     /* keep the read buffer: no allocation per batch */
    rs->answered = false;

    int rc = 0;
    if (rs->password) {
        const char *argv[] = { "AUTH", rs->url.user, rs->password };
        if (rs->url.user)
            rc = redis_run(rs, 3, argv, NULL, "AUTH as user failed", NULL, err);
        else {
            argv[1] = rs->password;
            rc = redis_run(rs, 2, argv, NULL, "AUTH failed", NULL, err);
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
        if ((rc = redis_run(rs, 2, argv, NULL, "SELECT failed", NULL, err)) < 0) {
            if (rc == BB_ERR_SERVER && strstr(err->msg, "cluster mode")) {
                bb_error_clear(err);
                rc = bb_error_set(err, BB_ERR_USAGE, "Redis at %s is a Redis Cluster node, and a "
                                  "cluster has only database 0: remove the database (/%d) from "
                                  "the URL", rs->where, rs->url.db);
            }
            goto fail;
        }
    }

    /* The server's version decides what may be used (COPY, SCAN TYPE). A
     * server that refuses INFO (renamed command) is taken as new enough. */
    redisReply *r;
    const char *info[] = { "INFO", "server" };
    if ((rc = call(rs, 2, info, NULL, &r, err)) < 0)
        goto fail;
    if (r->type == REDIS_REPLY_ERROR && strncmp(r->str, "NOAUTH", 6) == 0) {
        bb_error_set(err, BB_ERR_SERVER, "Redis at %s needs a password: set %s or %s_FILE, "
                     "or give it in the URL (redis://:password@host)", rs->where,
                     rs->password_var, rs->password_var);
        freeReplyObject(r);
        rc = BB_ERR_SERVER;
        goto fail;
    }
    if (r->type == REDIS_REPLY_ERROR && redis_transient_reply(r->str, r->len)) {
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
    if ((rc = redis_run(rs, 1, multi, NULL, "MULTI (transactions) refused", NULL, err)) < 0 ||
        (rc = redis_run(rs, 1, discard, NULL, "DISCARD refused", NULL, err)) < 0)
        goto fail;

    /* Scripts must work too: the type guards that keep a batch all or
     * nothing are scripts. */
    const char *eval[] = { "EVAL", "return 1", "0" };
    if ((rc = redis_run(rs, 3, eval, NULL, "EVAL (scripts, which binbridge needs to keep a batch "
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
    /* A TLS port drops a client that speaks plaintext at its first
     * command. */
    if (rc == BB_ERR_IO && !rs->answered && !rs->tls && !rs->url.path)
        bb_error_suffix(err, " (a TLS port? rediss:// connects with TLS)");
    redis_disconnect(rs);
    return rc;
}
