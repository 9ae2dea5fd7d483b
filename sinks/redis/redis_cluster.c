/* redis_cluster.c - the Redis sink on a Redis Cluster: the same commands as
 * on one server (redis_shapes.c renders them), routed by hash slot to the
 * master serving each, one connection per master, the slot map read from
 * CLUSTER NODES and refreshed when a node says it changed (the nodes, the
 * map and single commands: redis_cluster_nodes.c).
 *
 * Exactly once without a cross-slot transaction (README, "Redis
 * Cluster"). A cluster runs a MULTI only when every key in it is in one
 * slot, so commit() writes a batch as one transaction per slot:
 *
 *   1. For each slot the batch touches: MULTI, that slot's commands in the
 *      batch's order, [SET <marker of the slot> <position>], EXEC; all the
 *      transactions of a master pipelined in one write, all masters
 *      written before any reply is read.
 *   2. WAIT <its healthy replicas> on every master written: replication
 *      is asynchronous, and a master killed before its replicas have a
 *      write loses it when one of them is promoted.
 *   3. Only then the checkpoint (HSET binbridge:checkpoint:<name>, in its
 *      own slot's MULTI).
 *
 * A crash anywhere leaves the checkpoint at or before what every slot
 * holds, and a restart replays from it. Hash, JSON and delete commands
 * write whole values: replayed, they converge to the same state. Stream
 * entries (XADD *) would be doubled: so a slot's transaction that holds
 * XADDs also sets the slot's position marker, the key
 * binbridge:checkpoint:<name>:{<tag>} (the tag puts it in that slot:
 * redis_slot_tag), to "<epoch> <pos> <row> <file>" of its last change; the
 * marker and the entries are applied together or not at all, and a replay
 * leaves out a stream entry whose change is at or before its slot's
 * marker (redis_cluster_stream_applied). The epoch (a random number kept
 * in the checkpoint hash, field slots_epoch) ties the markers to the
 * checkpoint: a checkpoint deleted to start over disowns them.
 *
 * Redirections (the specification's): -MOVED (the slot has a new owner:
 * its transaction goes there, and the map is read again), -ASK (the slot
 * is being migrated: the transaction goes to the target once, after
 * ASKING), -TRYAGAIN (a multi-key request while a slot's keys are split
 * between two nodes), -CLUSTERDOWN, -LOADING, -READONLY (a master became a
 * replica): the transaction is sent again after a pause, the map read
 * again. Nothing of a transaction refused at queueing or at EXEC was
 * applied, so sending it again is safe. A connection lost with
 * transactions unanswered: those without XADD are sent again (their
 * commands converge); those with one first read their slot's marker, which
 * says whether it was applied. A slot's transactions are sent one batch at
 * a time, so the order of each key's writes is kept. The retries of one
 * commit last at most CLUSTER_RETRY_S; then the commit fails (BB_ERR_IO),
 * and the bridge reconnects and replays from the checkpoint, which is
 * safe for the reasons above. */
#include "sinks/redis/redis_cluster.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hiredis/hiredis.h>

#include "base/error.h"
#include "base/log.h"
#include "sinks/redis/redis_key.h"
#include "sinks/redis/redis_slots.h"
#include "sinks/redis/resp.h"


/* ------------------------------------------------------------------ */
/* Positions                                                           */

static uint32_t file_index(struct redis_cluster *cl, const char *file)
{
    if (!file || !*file)
        return 0;
    for (uint32_t i = cl->nfiles; i > 0; i--)
        if (strcmp(cl->files[i - 1], file) == 0)
            return i;
    if (cl->nfiles == cl->capfiles) {
        uint32_t cap = cl->capfiles ? cl->capfiles * 2 : 16;
        char **f = realloc(cl->files, cap * sizeof *f);
        if (!f)
            return 0;
        cl->files = f;
        cl->capfiles = cap;
    }
    if (!(cl->files[cl->nfiles] = strdup(file)))
        return 0;
    return ++cl->nfiles;
}

/* The numeric suffix of a binlog file name (mysql-bin.000012), -1: none. */
static long long file_number(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || !dot[1])
        return -1;
    long long n = 0;
    for (const char *p = dot + 1; *p; p++) {
        if (*p < '0' || *p > '9' || n > 100000000000LL)
            return -1;
        n = n * 10 + (*p - '0');
    }
    return n;
}

/* The order of checkpoint_compare: files by their number, then offsets,
 * then rows. */
static int pos_compare(const struct redis_cluster *cl, const struct cl_pos *a,
                       const struct cl_pos *b)
{
    if (a->file != b->file) {
        if (!a->file || !b->file)
            return a->file ? 1 : -1;
        const char *fa = cl->files[a->file - 1], *fb = cl->files[b->file - 1];
        long long na = file_number(fa), nb = file_number(fb);
        if (na >= 0 && nb >= 0 && na != nb)
            return na < nb ? -1 : 1;
        int c = strcmp(fa, fb);
        if (c)
            return c;
    }
    if (a->pos != b->pos)
        return a->pos < b->pos ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row ? 1 : 0;
}

/* "binbridge:checkpoint:<name>:{<tag>}": the marker of a slot (a
 * checkpoint name has no ':' or '{', config.c, so no other name's
 * checkpoint or marker is ever this key). */
static void marker_key(const struct redis_sink *rs, unsigned slot, struct bb_buf *b)
{
    bb_buf_reset(b);
    bb_buf_append(b, rs->ckpt_key, strlen(rs->ckpt_key));
    bb_buf_append(b, ":{", 2);
    const char *t = redis_slot_tag(slot);
    bb_buf_append(b, t, strlen(t));
    bb_buf_putc(b, '}');
}

/* Read "<epoch> <pos> <row> <file>": false when it is of another epoch
 * or not a marker. */
static bool marker_parse(struct redis_cluster *cl, const char *s, size_t n, struct cl_pos *out)
{
    char buf[CHECKPOINT_FILE_MAX + 80];
    if (n >= sizeof buf)
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char epoch[24];
    unsigned long long pos, row;
    int used = 0;
    if (sscanf(buf, "%23s %llu %llu %n", epoch, &pos, &row, &used) != 3 || !used ||
        strcmp(epoch, cl->epoch) != 0 || row > UINT32_MAX || !buf[used])
        return false;
    out->file = file_index(cl, buf + used);
    out->pos = pos;
    out->row = (uint32_t)row;
    return out->file != 0;
}

bool redis_cluster_stream_applied(struct redis_sink *rs, const struct bb_buf *key,
                                  const struct change *ch)
{
    struct redis_cluster *cl = rs->cluster;
    unsigned slot = redis_key_slot(key->data, key->len);
    struct cl_pos p = { file_index(cl, ch->log_file), ch->pos, ch->row_index };
    if (cl->marker[slot].file && pos_compare(cl, &p, &cl->marker[slot]) <= 0)
        return true;
    return false;
}

/* ------------------------------------------------------------------ */
/* The batch, by slot                                                  */

/* The key of a rendered command: its second argument, or EVAL's fourth. */
static bool cmd_key(const struct redis_sink *rs, size_t i, const char **key, size_t *klen)
{
    const char *p = rs->out.data + rs->cmd_off[i];
    const char *end = rs->out.data + rs->out.len;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    bool eval = false;
    for (int arg = 0; nl && nl + 1 < end && nl[1] == '$'; arg++) {
        p = nl + 2;
        size_t len = (size_t)strtoull(p, NULL, 10);
        nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl || (size_t)(end - nl - 1) < len)
            return false;
        const char *s = nl + 1;
        if (arg == 0)
            eval = len == 4 && memcmp(s, "EVAL", 4) == 0;
        if (arg == (eval ? 3 : 1)) {
            *key = s;
            *klen = len;
            return true;
        }
        nl = s + len + 1;
    }
    return false;
}

static struct cl_txn *new_txn(struct redis_cluster *cl, unsigned slot)
{
    if (cl->ntxns == cl->captxns) {
        size_t cap = cl->captxns ? cl->captxns * 2 : 64;
        struct cl_txn *t = realloc(cl->txns, cap * sizeof *t);
        if (!t)
            return NULL;
        cl->txns = t;
        cl->captxns = cap;
    }
    struct cl_txn *t = &cl->txns[cl->ntxns++];
    memset(t, 0, sizeof *t);
    t->slot = (uint16_t)slot;
    t->head = t->tail = -1;
    t->ask = -1;
    t->node = -1;
    return t;
}

/* Give the commands rendered since the last call their slots and put them
 * in their slot's transaction (a new one for slot `only` when >= 0). */
static int note_cmds(struct redis_sink *rs, long only, struct bb_error *err)
{
    struct redis_cluster *cl = rs->cluster;
    if (rs->ncmds > cl->cmd_cap) {
        size_t cap = cl->cmd_cap ? cl->cmd_cap : 1024;
        while (cap < rs->ncmds)
            cap *= 2;
        uint16_t *s = realloc(cl->cmd_slot, cap * sizeof *s);
        if (s)
            cl->cmd_slot = s;
        int32_t *n = realloc(cl->cmd_next, cap * sizeof *n);
        if (n)
            cl->cmd_next = n;
        if (!s || !n)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory buffering Redis commands");
        cl->cmd_cap = cap;
    }
    for (size_t i = cl->cmds_noted; i < rs->ncmds; i++) {
        const char *key;
        size_t klen;
        if (!cmd_key(rs, i, &key, &klen))
            return bb_error_set(err, BB_ERR_USAGE, "a Redis command without a key cannot be "
                                "routed in a cluster");
        unsigned slot = redis_key_slot(key, klen);
        struct cl_txn *t;
        if (only >= 0) {
            t = &cl->txns[only];
        } else if (cl->slot_txn[slot] >= 0) {
            t = &cl->txns[cl->slot_txn[slot]];
        } else {
            if (!(t = new_txn(cl, slot)))
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory buffering Redis commands");
            cl->slot_txn[slot] = (int32_t)(cl->ntxns - 1);
        }
        cl->cmd_slot[i] = (uint16_t)slot;
        cl->cmd_next[i] = -1;
        if (t->tail >= 0)
            cl->cmd_next[t->tail] = (int32_t)i;
        else
            t->head = (int32_t)i;
        t->tail = (int32_t)i;
        t->ncmds++;
    }
    cl->cmds_noted = rs->ncmds;
    return 0;
}

static void reset_batch(struct redis_sink *rs)
{
    struct redis_cluster *cl = rs->cluster;
    for (size_t i = 0; i < cl->ntxns; i++)
        cl->slot_txn[cl->txns[i].slot] = -1;
    cl->ntxns = 0;
    cl->cmds_noted = 0;
    redis_reset_pending(rs);
}

static int cl_add(void *ctx, const struct change *ch, struct bb_error *err)
{
    struct redis_sink *rs = ctx;
    struct redis_cluster *cl = rs->cluster;
    size_t before = rs->ncmds;
    int rc = redis_sink_add(ctx, ch, err);
    if (rc < 0)
        return rc;
    if ((rc = note_cmds(rs, -1, err)) < 0)
        return rc;
    /* Stream entries: their slot's marker moves to this change. */
    for (size_t i = before; i < rs->ncmds; i++) {
        const char *p = rs->out.data + rs->cmd_off[i];
        const char *nl = memchr(p, '\n', 16);
        if (!nl || memcmp(nl + 1, "$4\r\nXADD\r\n", 10) != 0)
            continue;
        struct cl_txn *t = &cl->txns[cl->slot_txn[cl->cmd_slot[i]]];
        t->has_marker = true;
        t->mark.file = file_index(cl, ch->log_file);
        t->mark.pos = ch->pos;
        t->mark.row = ch->row_index;
        if (!t->mark.file)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    return 0;
}

static void cl_discard(void *ctx)
{
    reset_batch(ctx);
}

static size_t cl_pending_bytes(void *ctx)
{
    struct redis_sink *rs = ctx;
    return rs->out.len > RESP_MULTI_LEN ? rs->out.len - RESP_MULTI_LEN : 0;
}

/* ------------------------------------------------------------------ */
/* Writing transactions                                                */

static void put_txn(struct redis_sink *rs, struct cl_node *nd, const struct cl_txn *t)
{
    struct redis_cluster *cl = rs->cluster;
    if (t->ask >= 0)
        bb_buf_append(&nd->out, "*1\r\n$6\r\nASKING\r\n", 16);
    bb_buf_append(&nd->out, RESP_MULTI, RESP_MULTI_LEN);
    for (int32_t i = t->head; i >= 0; i = cl->cmd_next[i]) {
        size_t start = rs->cmd_off[i];
        size_t end = (size_t)i + 1 < rs->ncmds ? rs->cmd_off[i + 1] : rs->out.len;
        bb_buf_append(&nd->out, rs->out.data + start, end - start);
    }
    if (t->has_marker) {
        marker_key(rs, t->slot, &cl->scratch);
        char val[CHECKPOINT_FILE_MAX + 80];
        int n = snprintf(val, sizeof val, "%s %llu %u %s", cl->epoch,
                         (unsigned long long)t->mark.pos, t->mark.row,
                         cl->files[t->mark.file - 1]);
        resp_put_header(&nd->out, '*', 3);
        resp_put_lit(&nd->out, "$3\r\nSET\r\n");
        resp_put_bulk(&nd->out, cl->scratch.data, cl->scratch.len);
        resp_put_bulk(&nd->out, val, (size_t)n);
    }
    resp_put_lit(&nd->out, RESP_EXEC);
}

/* Keys the type guards of a transaction replaced (EXEC's array holds
 * [key, type] for each). */
static void note_replaced(struct redis_sink *rs, struct cl_node *nd, const redisReply *exec)
{
    for (size_t i = 0; i < exec->elements; i++) {
        const redisReply *e = exec->element[i];
        if (e->type != REDIS_REPLY_ARRAY || e->elements != 2 ||
            e->element[0]->type != REDIS_REPLY_STRING || e->element[1]->type != REDIS_REPLY_STRING)
            continue;
        char kbuf[300];
        log_warn("Redis Cluster node %s: key %s held a %.20s where binbridge writes another "
                 "type: replaced (redis.wrong_type = \"overwrite\")", nd->where,
                 redis_printable(e->element[0]->str, e->element[0]->len, kbuf, sizeof kbuf),
                 e->element[1]->str);
    }
}

/* The replies to transaction t on node nd: [ASKING], MULTI, each queued
 * command (and the marker), EXEC. */
static int read_txn(struct redis_sink *rs, int ni, struct cl_txn *t, enum outcome *out,
                    struct bb_error *err)
{
    struct redis_cluster *cl = rs->cluster;
    struct cl_node *nd = cl->nodes[ni];
    size_t expect = (t->ask >= 0) + 1 + t->ncmds + t->has_marker + 1;
    char first[256] = "";
    long first_at = -1;
    int ask = -1;
    *out = OUT_DONE;
    for (size_t k = 0; k < expect; k++) {
        redisReply *r;
        int rc = cluster_node_reply(rs, nd, &r, err);
        if (rc < 0)
            return rc;
        bool last = k + 1 == expect;
        if (r->type == REDIS_REPLY_ERROR && !last) {
            if (first_at < 0) {
                first_at = (long)k - (t->ask >= 0) - 1;
                snprintf(first, sizeof first, "%.*s", (int)(r->len > 250 ? 250 : r->len), r->str);
            }
        } else if (last) {
            if (r->type == REDIS_REPLY_ARRAY) {
                for (size_t e = 0; e < r->elements; e++)
                    if (r->element[e]->type == REDIS_REPLY_ERROR) {
                        char what[400];
                        size_t cmd = (size_t)t->head;
                        for (size_t j = 0; j < e && cl->cmd_next[cmd] >= 0; j++)
                            cmd = (size_t)cl->cmd_next[cmd];
                        rc = bb_error_set(err, BB_ERR_SERVER, "Redis Cluster node %s: %s failed "
                                          "inside EXEC: %.200s; Redis does not roll back, so "
                                          "slot %u's part of the batch was applied without it",
                                          nd->where, e < t->ncmds ? redis_describe_cmd(rs, cmd,
                                          what, sizeof what) : "the position marker's SET",
                                          r->element[e]->str, t->slot);
                        freeReplyObject(r);
                        *out = OUT_FATAL;
                        return rc;
                    }
                note_replaced(rs, nd, r);
            } else if (r->type == REDIS_REPLY_ERROR && first_at < 0) {
                first_at = -2;      /* EXEC's own */
                snprintf(first, sizeof first, "%.*s", (int)(r->len > 250 ? 250 : r->len), r->str);
            } else if (r->type != REDIS_REPLY_ERROR) {
                first_at = -2;
                snprintf(first, sizeof first, "EXEC answered %s%.200s, not an array",
                         r->type == REDIS_REPLY_NIL ? "nil" : r->type == REDIS_REPLY_STATUS
                         ? "+" : r->type == REDIS_REPLY_INTEGER ? "an integer" : "a string: ",
                         r->type == REDIS_REPLY_STATUS || r->type == REDIS_REPLY_STRING
                         ? r->str : "");
            }
        }
        freeReplyObject(r);
    }
    if (first_at == -1)
        return 0;
    *out = cluster_classify(rs, ni, first, strlen(first), &ask);
    t->ask = *out == OUT_RETRY ? ask : -1;
    if (*out == OUT_FATAL) {
        char what[400] = "EXEC";
        if (first_at >= 0 && (size_t)first_at < t->ncmds) {
            size_t cmd = (size_t)t->head;
            for (long j = 0; j < first_at && cl->cmd_next[cmd] >= 0; j++)
                cmd = (size_t)cl->cmd_next[cmd];
            redis_describe_cmd(rs, cmd, what, sizeof what);
        }
        if (strncmp(first, "CROSSSLOT", 9) == 0)
            return bb_error_set(err, BB_ERR_SERVER, "Redis Cluster node %s: CROSSSLOT for the "
                                "transaction of slot %u (%s): the node puts its keys in other "
                                "slots than the Cluster specification does (a proxy in between? "
                                "point redis.url at the cluster's nodes); nothing of it was "
                                "applied", nd->where, t->slot, what);
        return bb_error_set(err, BB_ERR_SERVER, "Redis Cluster node %s: %s refused: %s; nothing "
                            "of slot %u's part of the batch was applied", nd->where, what, first,
                            t->slot);
    }
    return 0;
}

/* After a connection was lost with t unanswered: was t applied? Its
 * marker says (t holds XADDs). */
static int check_applied(struct redis_sink *rs, struct cl_txn *t, bool *applied,
                         struct bb_error *err);

/* Write the transactions that are pending until every one is applied, or
 * the deadline, or a failure. */
static int run_txns(struct redis_sink *rs, size_t from, double deadline, struct bb_error *err)
{
    struct redis_cluster *cl = rs->cluster;
    unsigned pause = 10;
    char last[BB_ERROR_MSG_MAX] = "";
    for (size_t n = 0; n < cl->nnodes; n++)
        cl->nodes[n]->nsent = 0;
    for (;;) {
        bool need_pause = false, refreshed = false;
        if (cl->stale || !cl->have_map) {
            unsigned uncovered;
            char which[64];
            struct bb_error e = { 0 };
            if (cluster_refresh_map(rs, &uncovered, which, sizeof which, &e) < 0) {
                snprintf(last, sizeof last, "%s", e.msg);
                if (e.code == BB_ERR_USAGE || e.code == BB_ERR_NOMEM)
                    return bb_error_set(err, e.code, "%s", e.msg);
            }
            refreshed = true;
        }
        /* Unanswered transactions with stream entries: their markers say
         * whether they were applied. Asked before anything is rendered:
         * a command of its own must not go out with (and read the replies
         * of) transactions waiting in a node's buffer. */
        size_t pending = 0;
        for (size_t i = from; i < cl->ntxns; i++) {
            struct cl_txn *t = &cl->txns[i];
            if (t->state != TXN_CHECK)
                continue;
            bool applied = false;
            struct bb_error e = { 0 };
            if (check_applied(rs, t, &applied, &e) < 0) {
                snprintf(last, sizeof last, "%s", e.msg);
                if (e.code != BB_ERR_IO)
                    return bb_error_set(err, e.code, "%s", e.msg);
                need_pause = true;
                pending++;
                continue;
            }
            t->state = applied ? TXN_DONE : TXN_PENDING;
            log_info("Redis Cluster: slot %u's transaction with stream entries had no reply (a "
                     "lost connection): its position marker says it was %s", t->slot,
                     applied ? "applied (not sent again)" : "not applied (sent again)");
        }
        /* Route and render. */
        for (size_t i = from; i < cl->ntxns; i++) {
            struct cl_txn *t = &cl->txns[i];
            if (t->state != TXN_PENDING)
                continue;
            pending++;
            int ni = t->ask >= 0 ? t->ask : cl->owner[t->slot];
            if (ni < 0) {
                snprintf(last, sizeof last, "slot %u is served by no node", t->slot);
                cl->stale = true;
                need_pause = true;
                continue;
            }
            struct cl_node *nd = cl->nodes[ni];
            if (!nd->net) {
                struct bb_error e = { 0 };
                if (cluster_node_connect(rs, nd, &e) < 0) {
                    snprintf(last, sizeof last, "%s", e.msg);
                    if (e.code == BB_ERR_USAGE || e.code == BB_ERR_NOMEM ||
                        e.code == BB_ERR_SERVER)
                        return bb_error_set(err, e.code, "%s", e.msg);
                    cl->stale = true;
                    need_pause = true;
                    t->ask = -1;
                    continue;
                }
            }
            put_txn(rs, nd, t);
            if (nd->nsent == nd->capsent) {
                size_t cap = nd->capsent ? nd->capsent * 2 : 64;
                uint32_t *s = realloc(nd->sent, cap * sizeof *s);
                if (!s)
                    return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
                nd->sent = s;
                nd->capsent = cap;
            }
            nd->sent[nd->nsent++] = (uint32_t)i;
            t->node = ni;
            t->state = TXN_SENT;
        }
        if (!pending)
            return 0;
        /* Write to every node, then read every reply. */
        for (size_t n = 0; n < cl->nnodes; n++) {
            struct cl_node *nd = cl->nodes[n];
            if (!nd->nsent)
                continue;
            struct bb_error e = { 0 };
            if (cluster_node_send(nd, &e) < 0) {
                snprintf(last, sizeof last, "%s", e.msg);
                cl->stale = true;
            }
        }
        for (size_t n = 0; n < cl->nnodes; n++) {
            struct cl_node *nd = cl->nodes[n];
            size_t k = 0;
            for (; k < nd->nsent && nd->net; k++) {
                struct cl_txn *t = &cl->txns[nd->sent[k]];
                enum outcome o;
                struct bb_error e = { 0 };
                int rc = read_txn(rs, (int)n, t, &o, &e);
                if (rc < 0 && o == OUT_FATAL)
                    return bb_error_set(err, rc, "%s", e.msg);
                if (rc < 0) {
                    snprintf(last, sizeof last, "%s", e.msg);
                    if (rc != BB_ERR_IO)
                        return bb_error_set(err, rc, "%s", e.msg);
                    break;      /* the connection is gone: the rest are unknown */
                }
                if (o == OUT_DONE) {
                    t->state = TXN_DONE;
                    nd->touched = true;
                } else {
                    t->state = TXN_PENDING;
                    if (o == OUT_PAUSE)
                        need_pause = true;
                }
            }
            /* Unanswered: sent again, after checking the marker of those
             * with stream entries. */
            for (; k < nd->nsent; k++) {
                struct cl_txn *t = &cl->txns[nd->sent[k]];
                t->state = t->has_marker ? TXN_CHECK : TXN_PENDING;
                t->ask = -1;
                cl->stale = true;
                need_pause = true;
            }
            nd->nsent = 0;
        }
        bool left = false;
        for (size_t i = from; i < cl->ntxns && !left; i++)
            left = cl->txns[i].state != TXN_DONE;
        if (!left)
            return 0;
        if (cluster_now() > deadline)
            return bb_error_set(err, BB_ERR_IO, "Redis Cluster: the batch could not be written "
                                "within %d s (%s)", CLUSTER_RETRY_S,
                                last[0] ? last : "redirections without end");
        if (need_pause) {
            cluster_sleep_ms(pause);
            pause = pause * 2 > 500 ? 500 : pause * 2;
        }
        (void)refreshed;
    }
}

static int check_applied(struct redis_sink *rs, struct cl_txn *t, bool *applied,
                         struct bb_error *err)
{
    struct redis_cluster *cl = rs->cluster;
    marker_key(rs, t->slot, &cl->scratch);
    const char *argv[] = { "GET", cl->scratch.data, NULL };
    size_t lens[] = { 3, cl->scratch.len, 0 };
    redisReply *r;
    int rc = cluster_slot_cmd(rs, t->slot, 2, argv, lens, &r, err);
    if (rc < 0)
        return rc;
    struct cl_pos m;
    *applied = r->type == REDIS_REPLY_STRING && marker_parse(cl, r->str, r->len, &m) &&
               pos_compare(cl, &m, &t->mark) >= 0;
    if (*applied) {
        /* Applied through the lost connection: the marker is written
         * again, as it is, through this one, so that the WAIT of this
         * connection covers what the lost one wrote (WAIT counts a
         * connection's own writes). */
        redisReply *w;
        argv[0] = "SET";
        lens[0] = 3;
        argv[2] = r->str;
        lens[2] = r->len;
        rc = cluster_slot_cmd(rs, t->slot, 3, argv, lens, &w, err);
        if (rc == 0 && w->type == REDIS_REPLY_ERROR)
            rc = bb_error_set(err, BB_ERR_SERVER, "Redis Cluster: SET of the marker of slot %u "
                              "failed: %.200s", t->slot, w->str);
        if (rc == 0)
            freeReplyObject(w);
    }
    freeReplyObject(r);
    return rc;
}

/* ------------------------------------------------------------------ */
/* The sink operations                                                 */

/* redis.wrong_type = "stop": every key of the batch is checked first, one
 * TYPE per key, on the node of its slot. */
static int check_key_types(struct redis_sink *rs, const struct checkpoint *cp,
                           struct bb_error *err)
{
    struct keyset *ks = &rs->keys;
    for (uint32_t i = 0; i < ks->n; i++) {
        const struct key_entry *e = &ks->e[i];
        if (e->first <= KEY_ABSENT)
            continue;
        const char *key = redis_keyset_key(ks, e);
        const char *argv[] = { "TYPE", key };
        size_t lens[] = { 4, e->len };
        redisReply *r;
        int rc = cluster_slot_cmd(rs, redis_key_slot(key, e->len), 2, argv, lens, &r, err);
        if (rc < 0)
            return rc;
        bool ok = r->type == REDIS_REPLY_STATUS &&
                  (strcmp(r->str, "none") == 0 ||
                   strcmp(r->str, redis_key_state_names[e->first]) == 0);
        if (!ok) {
            char what[400], pos[CHECKPOINT_FILE_MAX + 64];
            rc = bb_error_set(err, BB_ERR_SERVER, "Redis Cluster: key %s holds a %.20s where "
                              "binbridge writes the %s of %s: nothing of the batch up to %s was "
                              "applied (redis.wrong_type = \"stop\"); remove or rename the key, "
                              "or set redis.wrong_type = \"overwrite\"",
                              redis_printable(key, e->len, what, sizeof what),
                              r->str ? r->str : "?", redis_key_state_names[e->first],
                              ks->bytes.data + e->table,
                              checkpoint_position_text(cp, pos, sizeof pos));
        }
        freeReplyObject(r);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* The markers' epoch into the checkpoint hash, before the first marker
 * is written: HSETNX, then the one it holds (a marker of an epoch the
 * hash does not keep would be ignored after a crash, and its entries
 * written again). */
static int save_epoch(struct redis_sink *rs, struct bb_error *err)
{
    struct redis_cluster *cl = rs->cluster;
    unsigned slot = redis_key_slot(rs->ckpt_key, strlen(rs->ckpt_key));
    const char *set[] = { "HSETNX", rs->ckpt_key, EPOCH_FIELD, cl->epoch };
    const char *get[] = { "HGET", rs->ckpt_key, EPOCH_FIELD };
    redisReply *x;
    int rc = cluster_slot_cmd(rs, slot, 4, set, NULL, &x, err);
    if (rc < 0)
        return rc;
    bool bad = x->type == REDIS_REPLY_ERROR;
    freeReplyObject(x);
    if (!bad && (rc = cluster_slot_cmd(rs, slot, 3, get, NULL, &x, err)) < 0)
        return rc;
    if (!bad) {
        bad = x->type != REDIS_REPLY_STRING || !x->len || x->len >= sizeof cl->epoch;
        if (!bad)
            memcpy(cl->epoch, x->str, x->len + 1);
        freeReplyObject(x);
    }
    if (bad)
        return bb_error_set(err, BB_ERR_SERVER, "Redis Cluster: the checkpoint %s cannot keep "
                            "the field %s (a key of another type?)", rs->ckpt_key, EPOCH_FIELD);
    cl->epoch_saved = true;
    return 0;
}

static int cl_commit(void *ctx, const struct checkpoint *cp, struct bb_error *err)
{
    struct redis_sink *rs = ctx;
    struct redis_cluster *cl = rs->cluster;
    double deadline = cluster_now() + CLUSTER_RETRY_S;
    unsigned long long moved = cl->nmoved, ask = cl->nask, again = cl->ntryagain;
    int rc = 0;
    if (rs->wrong_type == REDIS_WRONG_TYPE_STOP && (rc = check_key_types(rs, cp, err)) < 0)
        goto done;
    size_t nbatch = cl->ntxns;
    for (size_t i = 0; i < nbatch && !cl->epoch_saved; i++)
        if (cl->txns[i].has_marker && (rc = save_epoch(rs, err)) < 0)
            goto done;
    /* 1: each slot's transaction. */
    if ((rc = run_txns(rs, 0, deadline, err)) < 0)
        goto done;
    /* 2: on every replica. */
    if ((rc = cluster_wait_replicas(rs, deadline, err)) < 0)
        goto done;
    /* 3: the checkpoint, in its own slot's transaction. */
    redis_put_guard(rs, rs->ckpt_key, strlen(rs->ckpt_key), KEY_HASH);
    checkpoint_field_values(cp, rs->cpvals);
    redis_cmd_begin(rs, 4 + 2 * CHECKPOINT_NFIELDS);
    resp_put_lit(&rs->out, ARG_HSET);
    resp_put_bulk_str(&rs->out, rs->ckpt_key);
    for (int i = 0; i < CHECKPOINT_NFIELDS; i++) {
        resp_put_bulk_str(&rs->out, checkpoint_field_names[i]);
        resp_put_bulk_str(&rs->out, rs->cpvals[i]);
    }
    resp_put_bulk_str(&rs->out, EPOCH_FIELD);
    resp_put_bulk_str(&rs->out, cl->epoch);
    if ((rc = bb_buf_check(&rs->out, err)) < 0)
        goto done;
    struct cl_txn *t = new_txn(cl, redis_key_slot(rs->ckpt_key, strlen(rs->ckpt_key)));
    if (!t) {
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        goto done;
    }
    if ((rc = note_cmds(rs, (long)(cl->ntxns - 1), err)) < 0 ||
        (rc = run_txns(rs, nbatch, deadline, err)) < 0)
        goto done;
    cl->epoch_saved = true;     /* the checkpoint's HSET wrote it */
    /* Markers written are what their slots hold now. */
    for (size_t i = 0; i < nbatch; i++)
        if (cl->txns[i].has_marker)
            cl->marker[cl->txns[i].slot] = cl->txns[i].mark;
done:
    if (rc < 0)
        cluster_drop_all(cl);   /* replies may be left unread: the bridge reconnects */
    if (cl->nmoved != moved || cl->nask != ask || cl->ntryagain != again)
        log_info("Redis Cluster: the batch met %llu MOVED, %llu ASK and %llu TRYAGAIN "
                 "redirections (slots migrating or moved); the slot map was read again",
                 cl->nmoved - moved, cl->nask - ask, cl->ntryagain - again);
    reset_batch(rs);
    return rc;
}


static int cl_reconnect(void *ctx, struct bb_error *err)
{
    struct redis_sink *rs = ctx;
    cluster_drop_all(rs->cluster);
    return cluster_refresh_covered(rs, err);
}

/* A new epoch for the markers of a checkpoint that has none. */
static void new_epoch(char *out, size_t size)
{
    unsigned long long v = 0;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || read(fd, &v, sizeof v) != (ssize_t)sizeof v) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        v = ((unsigned long long)ts.tv_sec << 20) ^ (unsigned long long)ts.tv_nsec ^
            ((unsigned long long)getpid() << 40);
    }
    if (fd >= 0)
        close(fd);
    snprintf(out, size, "%016llx", v);
}

/* The markers of every slot, GET pipelined to each slot's master. */
static int load_markers(struct redis_sink *rs, struct bb_error *err)
{
    struct redis_cluster *cl = rs->cluster;
    static uint16_t redo[REDIS_SLOTS];
    size_t nredo = 0;
    memset(cl->marker, 0, sizeof cl->marker);
    for (size_t n = 0; n < cl->nnodes; n++) {
        struct cl_node *nd = cl->nodes[n];
        unsigned count = 0;
        for (unsigned s = 0; s < REDIS_SLOTS; s++) {
            if (cl->owner[s] != (int16_t)n)
                continue;
            if (!count && cluster_node_connect(rs, nd, err) < 0)
                return err->code;
            marker_key(rs, s, &cl->scratch);
            resp_put_header(&nd->out, '*', 2);
            resp_put_lit(&nd->out, "$3\r\nGET\r\n");
            resp_put_bulk(&nd->out, cl->scratch.data, cl->scratch.len);
            count++;
        }
        if (!count)
            continue;
        int rc = cluster_node_send(nd, err);
        if (rc < 0)
            return rc;
        unsigned s = 0;
        for (unsigned k = 0; k < count; k++, s++) {
            while (cl->owner[s] != (int16_t)n)
                s++;
            redisReply *r;
            if ((rc = cluster_node_reply(rs, nd, &r, err)) < 0)
                return rc;
            if (r->type == REDIS_REPLY_ERROR)
                redo[nredo++] = (uint16_t)s;    /* moved or migrating since the map */
            else if (r->type == REDIS_REPLY_STRING)
                marker_parse(cl, r->str, r->len, &cl->marker[s]);
            freeReplyObject(r);
        }
    }
    /* Asked again where each of those is now. */
    for (size_t i = 0; i < nredo; i++) {
        marker_key(rs, redo[i], &cl->scratch);
        const char *argv[] = { "GET", cl->scratch.data };
        size_t lens[] = { 3, cl->scratch.len };
        redisReply *r;
        int rc = cluster_slot_cmd(rs, redo[i], 2, argv, lens, &r, err);
        if (rc < 0)
            return rc;
        if (r->type == REDIS_REPLY_STRING)
            marker_parse(cl, r->str, r->len, &cl->marker[redo[i]]);
        freeReplyObject(r);
    }
    return 0;
}

static int cl_load_checkpoint(void *ctx, struct checkpoint *cp, struct bb_error *err)
{
    struct redis_sink *rs = ctx;
    struct redis_cluster *cl = rs->cluster;
    unsigned slot = redis_key_slot(rs->ckpt_key, strlen(rs->ckpt_key));
    const char *argv[] = { "HGETALL", rs->ckpt_key };
    redisReply *r;
    int rc = cluster_slot_cmd(rs, slot, 2, argv, NULL, &r, err);
    if (rc < 0)
        return rc;
    if (r->type != REDIS_REPLY_ARRAY || r->elements % 2) {
        rc = bb_error_set(err, BB_ERR_SERVER, "Redis Cluster: HGETALL %s gave an unexpected "
                          "reply%s%.200s", rs->ckpt_key, r->type == REDIS_REPLY_ERROR ? ": " : "",
                          r->type == REDIS_REPLY_ERROR ? r->str : "");
        freeReplyObject(r);
        return rc;
    }
    size_t n = r->elements / 2, m = 0;
    bool have_file = false;
    cl->epoch[0] = '\0';
    const char **names = calloc(n + 1, sizeof *names), **values = calloc(n + 1, sizeof *values);
    size_t *lens = calloc(n + 1, sizeof *lens);
    if (!names || !values || !lens) {
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        redisReply *k = r->element[2 * i], *v = r->element[2 * i + 1];
        if (k->type != REDIS_REPLY_STRING || v->type != REDIS_REPLY_STRING) {
            rc = bb_error_set(err, BB_ERR_SERVER, "Redis Cluster: HGETALL %s gave an unexpected "
                              "reply", rs->ckpt_key);
            goto done;
        }
        if (strcmp(k->str, EPOCH_FIELD) == 0) {
            snprintf(cl->epoch, sizeof cl->epoch, "%s", v->str);
            continue;
        }
        have_file |= strcmp(k->str, "file") == 0;
        names[m] = k->str;
        values[m] = v->str;
        lens[m++] = v->len;
    }
    /* No epoch yet: a new one, saved before the first marker is written
     * (save_epoch), so that a read-only use (status) writes nothing; no
     * marker can be of it yet. */
    cl->epoch_saved = cl->epoch[0] != '\0';
    if (!cl->epoch_saved)
        new_epoch(cl->epoch, sizeof cl->epoch);
    if (cl->epoch_saved && (rc = load_markers(rs, err)) < 0)
        goto done;
    if (!cl->epoch_saved)
        memset(cl->marker, 0, sizeof cl->marker);
    if (have_file) {
        rc = checkpoint_from_fields(cp, names, values, lens, m, err);
        if (rc == BB_ERR_CORRUPT)
            bb_error_prefix(err, "Redis Cluster, key %s", rs->ckpt_key);
    }
done:
    free(names);
    free(values);
    free(lens);
    freeReplyObject(r);
    return rc < 0 ? rc : have_file ? 1 : 0;
}

/* TRUNCATE, DROP TABLE: every master is scanned for the table's keys,
 * which are unlinked where they are; the scan is done again if the map
 * changed meanwhile (a key may have moved past it). Then WAIT, as for a
 * batch. */
static int clear_target(struct redis_sink *rs, const struct table_plan *plan,
                        const struct output_plan *tp, struct bb_error *err)
{
    struct redis_cluster *cl = rs->cluster;
    const char *type = redis_output_of(tp)->shape == REDIS_SHAPE_HASH ? "hash" : "string";
    int prc = redis_clear_pattern(rs, plan, tp, err);
    if (prc != 0)
        return prc < 0 ? prc : 0;
    struct bb_buf *pat = &rs->oldkey;
    for (int round = 0; round < 5; round++) {
        unsigned long long refreshes = cl->nrefresh, moved = cl->nmoved;
        for (size_t n = 0; n < cl->nnodes; n++) {
            bool master = false;
            for (unsigned s = 0; s < REDIS_SLOTS && !master; s++)
                master = cl->owner[s] == (int16_t)n;
            if (!master)
                continue;
            struct cl_node *nd = cl->nodes[n];
            int rc = cluster_node_connect(rs, nd, err);
            if (rc < 0)
                return rc;
            char cursor[32] = "0";
            do {
                const char *argv[] = { "SCAN", cursor, "MATCH", pat->data, "COUNT", "1000",
                                       "TYPE", type };
                redisReply *r;
                if ((rc = cluster_node_cmd(rs, nd, rs->version >= V(6, 0, 0) ? 8 : 6, argv, NULL, &r,
                                   err)) < 0)
                    return rc;
                if (r->type != REDIS_REPLY_ARRAY || r->elements != 2 ||
                    r->element[0]->type != REDIS_REPLY_STRING ||
                    r->element[0]->len >= sizeof cursor ||
                    r->element[1]->type != REDIS_REPLY_ARRAY) {
                    freeReplyObject(r);
                    return bb_error_set(err, BB_ERR_SERVER, "Redis Cluster node %s: SCAN gave "
                                        "an unexpected reply", nd->where);
                }
                memcpy(cursor, r->element[0]->str, r->element[0]->len + 1);
                /* UNLINK each key where SCAN found it, pipelined; a key
                 * that moved meanwhile is followed on its own. */
                redisReply *keys = r->element[1];
                size_t sent = 0;
                bool *again = calloc(keys->elements + 1, sizeof *again);
                if (!again) {
                    freeReplyObject(r);
                    return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
                }
                for (size_t i = 0; i < keys->elements; i++) {
                    redisReply *k = keys->element[i];
                    if (k->type != REDIS_REPLY_STRING)
                        continue;
                    const char *ua[] = { "UNLINK", k->str };
                    size_t ul[] = { 6, k->len };
                    cluster_put_cmd(&nd->out, 2, ua, ul);
                    sent++;
                }
                if (sent && (rc = cluster_node_send(nd, err)) == 0)
                    nd->touched = true;
                for (size_t i = 0, got = 0; rc == 0 && got < sent; i++) {
                    redisReply *k = keys->element[i], *u;
                    if (k->type != REDIS_REPLY_STRING)
                        continue;
                    got++;
                    if ((rc = cluster_node_reply(rs, nd, &u, err)) < 0)
                        break;
                    /* moved meanwhile: after the rest of the replies */
                    again[i] = u->type == REDIS_REPLY_ERROR;
                    freeReplyObject(u);
                }
                for (size_t i = 0; rc == 0 && i < keys->elements; i++) {
                    redisReply *k = keys->element[i], *u;
                    if (!again[i])
                        continue;
                    const char *ua[] = { "UNLINK", k->str };
                    size_t ul[] = { 6, k->len };
                    if ((rc = cluster_slot_cmd(rs, redis_key_slot(k->str, k->len), 2, ua, ul, &u,
                                       err)) == 0) {
                        if (u->type == REDIS_REPLY_ERROR)
                            rc = bb_error_set(err, BB_ERR_SERVER, "Redis Cluster: UNLINK "
                                              "failed: %.200s", u->str);
                        freeReplyObject(u);
                    }
                }
                free(again);
                freeReplyObject(r);
                if (rc < 0)
                    return rc;
            } while (strcmp(cursor, "0") != 0);
        }
        if (cl->nrefresh == refreshes && cl->nmoved == moved)
            break;
    }
    return cluster_wait_replicas(rs, cluster_now() + CLUSTER_RETRY_S, err);
}

static int cl_clear_table(void *ctx, const struct table_plan *plan, struct bb_error *err)
{
    struct redis_sink *rs = ctx;
    if (rs->ncmds)
        return bb_error_set(err, BB_ERR_USAGE, "clearing the Redis keys of %s.%s with %zu "
                            "commands pending: commit them first (the keys are removed at once, "
                            "outside the batch)", plan->schema, plan->table, rs->ncmds);
    const struct sink_outputs *mine = mapper_sink_outputs(plan, rs->index);
    for (uint32_t i = 0; i < mine->n; i++) {
        const struct output_plan *tp = &mine->v[i];
        if (redis_output_of(tp)->shape == REDIS_SHAPE_STREAM)
            continue;
        int rc = clear_target(rs, plan, tp, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

void redis_cluster_free(struct redis_cluster *cl)
{
    if (!cl)
        return;
    for (size_t i = 0; i < cl->nnodes; i++) {
        cluster_node_drop(cl->nodes[i]);
        bb_buf_destroy(&cl->nodes[i]->out);
        free(cl->nodes[i]->sent);
        free(cl->nodes[i]);
    }
    free(cl->nodes);
    free(cl->cmd_slot);
    free(cl->cmd_next);
    free(cl->txns);
    for (uint32_t i = 0; i < cl->nfiles; i++)
        free(cl->files[i]);
    free(cl->files);
    bb_buf_destroy(&cl->scratch);
    free(cl);
}

static const struct sink_ops redis_cluster_ops = {
    .name = "redis",
    .load_checkpoint = cl_load_checkpoint,
    .add = cl_add,
    .clear_table = cl_clear_table,
    .commit = cl_commit,
    .discard = cl_discard,
    .pending_bytes = cl_pending_bytes,
    .reconnect = cl_reconnect,
    .close = redis_sink_close,
};

int redis_cluster_open(struct redis_sink *rs, const struct sink_ops **ops, struct bb_error *err)
{
    if (rs->url.db)
        return bb_error_set(err, BB_ERR_USAGE, "Redis at %s is a Redis Cluster, which has only "
                            "database 0: remove the database (/%d) from the URL", rs->where,
                            rs->url.db);
    struct redis_cluster *cl = calloc(1, sizeof *cl);
    if (!cl)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    rs->cluster = cl;
    bb_buf_init(&cl->scratch);
    for (unsigned s = 0; s < REDIS_SLOTS; s++) {
        cl->owner[s] = -1;
        cl->slot_txn[s] = -1;
    }
    if (!redis_slot_tag(0))
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    /* The URL's node, then the seeds: where the map is first read. */
    if (cluster_node_find(cl, rs->url.host, rs->url.port, NULL) < 0)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < rs->url.nseeds; i++)
        if (cluster_node_find(cl, rs->url.seed_hosts[i], rs->url.seed_ports[i], NULL) < 0)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    int rc = cluster_refresh_covered(rs, err);
    if (rc < 0)
        return rc;
    size_t masters = 0;
    for (size_t i = 0; i < cl->nnodes; i++) {
        bool m = false;
        for (unsigned s = 0; s < REDIS_SLOTS && !m; s++)
            m = cl->owner[s] == (int16_t)i;
        masters += m;
    }
    char tls[128] = "";
    for (size_t i = 0; i < cl->nnodes && !tls[0]; i++)
        if (cl->nodes[i]->net && redis_net_tls_description(cl->nodes[i]->net, tls, sizeof tls))
            break;
    log_info("Redis at %s: a Redis Cluster of %zu masters%s%s%s", rs->where, masters,
             tls[0] ? ", over TLS (" : "", tls, tls[0] ? ")" : "");
    *ops = &redis_cluster_ops;
    return 0;
}
