/* redis_sink.c - the Redis sink: row changes become hash, JSON string or stream
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
 * has no prefix naming the table (redis_key_prefix) are left in
 * place with a warning.
 *
 * Connections (redis_conn.c over redis_net.c): TCP, TLS (rediss://) or a
 * unix socket, AUTH [user] password (from the URL or the environment:
 * config_password), SELECT db, CLIENT SETNAME binbridge-<checkpoint name>;
 * 5 s to connect (and for the TLS handshake), 30 s per command.
 * Errors name the server; connection failures and a server still loading
 * its data are BB_ERR_IO (retry after reconnect()), error replies
 * BB_ERR_SERVER. Redis 4.0+ (HSET of several fields, UNLINK); streams need
 * 5.0.
 *
 * A Redis Cluster (the node's INFO cluster says cluster_enabled:1, or the
 * URL lists seed= nodes) gets operations of its own at open
 * (redis_cluster.c: a MULTI per slot, position markers for streams, WAIT
 * before the checkpoint): the one-server path above is not changed by it. */
#include "sinks/redis/redis.h"

#include "sinks/redis/redis_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <hiredis/hiredis.h>

#include "base/buf.h"
#include "mapping/checkpoint.h"
#include "base/error.h"
#include "base/log.h"
#include "mapping/mapper.h"
#include "sinks/redis/redis_key.h"
#include "sinks/redis/resp.h"
#include "sinks/sink.h"

#define SCAN_COUNT "1000"
#define CHECKPOINT_KEY_PREFIX REDIS_CHECKPOINT_KEY_PREFIX
#define DEFAULT_CHECKPOINT_NAME "binbridge"

/* ------------------------------------------------------------------ */
/* The pending batch                                                   */

/* Start a command of argc arguments in the pending batch. */
void redis_cmd_begin(struct redis_sink *rs, size_t argc)
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
    resp_put_header(&rs->out, '*', argc);
}

/* The pending batch holds MULTI alone. Buffers that one huge batch grew
 * are given back. */
void redis_reset_pending(struct redis_sink *rs)
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
    redis_keyset_reset(&rs->keys, rs->keep_bytes);
}

/* Bytes for a message: printable ASCII as is, the rest as \xNN, cut after
 * 120 bytes with "...". */
const char *redis_printable(const char *p, size_t len, char *buf, size_t size)
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
const char *redis_describe_cmd(const struct redis_sink *rs, size_t i, char *buf, size_t size)
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
#define CHECK_SCRIPT "for i=1,#KEYS do local t=redis.call('TYPE',KEYS[i]).ok " \
                     "if t~='none' and t~=ARGV[i] then return {i,t} end end return {}"

/* ------------------------------------------------------------------ */
/* The sink operations                                                 */

int redis_sink_add(void *ctx, const struct change *ch, struct bb_error *err)
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
    const struct sink_outputs *mine = mapper_sink_outputs(plan, rs->index);
    for (uint32_t i = 0; i < mine->n && rc == 0; i++) {
        const struct output_plan *tp = &mine->v[i];
        /* Each shape notes at most two keys (an update's old and new). */
        if (!redis_keyset_reserve(&rs->keys, 2)) {
            rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory buffering Redis commands");
            break;
        }
        switch (redis_output_of(tp)->shape) {
        case REDIS_SHAPE_HASH: rc = redis_add_hash(rs, ch, tp, after_key, err); break;
        case REDIS_SHAPE_JSON: rc = redis_add_json(rs, ch, tp, after_key, err); break;
        case REDIS_SHAPE_STREAM:
            /* A stream logs changes; a snapshot row is state, not a change. */
            if (!ch->from_snapshot)
                rc = redis_add_stream(rs, ch, tp, after_key, err);
            break;
        default:
            rc = bb_error_set(err, BB_ERR_USAGE, "unknown Redis shape %d",
                              (int)redis_output_of(tp)->shape);
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
    redis_reset_pending(ctx);
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
            return redis_io_error(rs, err, "reading the replies to a batch", rs->rd->errstr);
        if (reply) {
            rs->rd_top++;
            continue;
        }
        int rc = redis_feed_batch_reader(rs, "reading the replies to a batch", err);
        if (rc < 0)
            return rc;
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
    int code = redis_transient_reply(rs->err_msg, strlen(rs->err_msg)) ? BB_ERR_AGAIN : BB_ERR_SERVER;
    if (rs->multi_failed)
        return bb_error_set(err, code, "Redis at %s: MULTI failed: %s", rs->where, rs->err_msg);
    if (rs->err_cmd >= 0 && rs->err_queued)
        return bb_error_set(err, code, "Redis at %s: %s refused: %s; nothing of the batch was "
                            "applied (EXECABORT)", rs->where,
                            redis_describe_cmd(rs, (size_t)rs->err_cmd, what, sizeof what),
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
    redis_describe_cmd(rs, (size_t)rs->err_cmd, what, sizeof what);
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
        uint64_t h = redis_key_hash(key, klen);
        for (uint32_t at = ks->nslots ? (uint32_t)h & (ks->nslots - 1) : 0;
             ks->nslots && ks->slots[at]; at = (at + 1) & (ks->nslots - 1)) {
            struct key_entry *e = &ks->e[ks->slots[at] - 1];
            if (e->hash == h && e->len == klen && memcmp(redis_keyset_key(ks, e), key, klen) == 0) {
                table = ks->bytes.data + e->table;
                if (e->first > KEY_ABSENT)
                    writes = redis_key_state_names[e->first];
                break;
            }
        }
        log_warn("Redis at %s: key %s held a %.*s where binbridge writes the %s of %s: replaced "
                 "(redis.wrong_type = \"overwrite\")", rs->where,
                 redis_printable(key, klen, kbuf, sizeof kbuf), (int)(tlen > 20 ? 20 : tlen), type,
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
        argv[3 + k] = redis_keyset_key(ks, e);
        lens[3 + k] = e->len;
        argv[3 + n + k] = redis_key_state_names[e->first];
        lens[3 + n + k] = strlen(redis_key_state_names[e->first]);
        k++;
    }
    redisReply *r;
    if ((rc = redis_run(rs, (int)(3 + 2 * n), argv, lens, "checking the types of the batch's keys",
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
                          redis_printable(redis_keyset_key(ks, e), e->len, what, sizeof what),
                          (int)(r->element[1]->len > 20 ? 20 : r->element[1]->len),
                          r->element[1]->str ? r->element[1]->str : "?",
                          redis_key_state_names[e->first], ks->bytes.data + e->table,
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
    if (!rs->net) {
        rc = redis_not_connected(rs, err);
        goto done;
    }
    if (rs->wrong_type == REDIS_WRONG_TYPE_STOP && (rc = check_key_types(rs, cp, err)) < 0)
        goto done;
    /* The checkpoint's HSET fails on a key of another type like any other:
     * it is guarded too (the checkpoint is ours; binbridge holds it). */
    redis_put_guard(rs, rs->ckpt_key, strlen(rs->ckpt_key), KEY_HASH);
    checkpoint_field_values(cp, rs->cpvals);
    redis_cmd_begin(rs, 2 + 2 * CHECKPOINT_NFIELDS);
    resp_put_lit(&rs->out, ARG_HSET);
    resp_put_bulk_str(&rs->out, rs->ckpt_key);
    for (int i = 0; i < CHECKPOINT_NFIELDS; i++) {
        resp_put_bulk_str(&rs->out, checkpoint_field_names[i]);
        resp_put_bulk_str(&rs->out, rs->cpvals[i]);
    }
    resp_put_lit(&rs->out, RESP_EXEC);
    if ((rc = bb_buf_check(&rs->out, err)) < 0)
        goto done;
    /* One write for the whole batch; the replies are read after it. Redis
     * keeps replies it cannot send yet, so this cannot deadlock. */
    if ((rc = redis_send_all(rs, rs->out.data, rs->out.len, err)) < 0 ||
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
    redis_reset_pending(rs);
    return rc;
}

static int sink_load_checkpoint(void *ctx, struct checkpoint *cp, struct bb_error *err)
{
    struct redis_sink *rs = ctx;
    redisReply *r;
    const char *argv[] = { "HGETALL", rs->ckpt_key };
    char doing[300];
    snprintf(doing, sizeof doing, "reading the checkpoint %s", rs->ckpt_key);
    int rc = redis_run(rs, 2, argv, NULL, doing, &r, err);
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
        resp_put_header(&rs->cmd, '*', 2);
        resp_put_bulk(&rs->cmd, "TYPE", 4);
        resp_put_bulk(&rs->cmd, keys->element[i]->str, keys->element[i]->len);
    }
    if (bb_buf_check(&rs->cmd, err) < 0)
        return err->code;
    int rc = redis_send_all(rs, rs->cmd.data, rs->cmd.len, err);
    for (size_t i = 0; i < keys->elements && rc == 0; i++) {
        redisReply *t;
        if ((rc = redis_get_reply(rs, "reading the replies to TYPE", &t, err)) < 0)
            return rc;
        if (t->type != REDIS_REPLY_STATUS || strcmp(t->str, type) != 0)
            keys->element[i]->len = SIZE_MAX;  /* marks a key to keep */
        freeReplyObject(t);
    }
    return rc;
}

/* TRUNCATE, DROP TABLE: the SCAN pattern of the table's keys in
 * rs->oldkey (its key prefix in rs->key, matched literally: SCAN's glob
 * characters escaped). 1 when the template has no prefix only this
 * table's keys share (said once, the keys left in place), 0 with the
 * pattern, or an error code. One server or a cluster alike. */
int redis_clear_pattern(struct redis_sink *rs, const struct table_plan *plan,
                        const struct output_plan *tp, struct bb_error *err)
{
    bb_buf_reset(&rs->key);
    if (redis_key_prefix(tp, plan->schema, plan->table, &rs->key) != 0 ||
        rs->key.len == 0) {
        log_warn("the Redis keys of %s.%s (template '%s') have no prefix that only this "
                 "table's keys share: they are left in place after TRUNCATE or DROP TABLE",
                 plan->schema, plan->table, redis_key_template(tp));
        int rc = bb_buf_check(&rs->key, err);
        return rc < 0 ? rc : 1;
    }
    struct bb_buf *pat = &rs->oldkey;
    bb_buf_reset(pat);
    for (size_t i = 0; i < rs->key.len; i++) {
        if (strchr("*?[]\\", rs->key.data[i]) && rs->key.data[i])
            bb_buf_putc(pat, '\\');
        bb_buf_putc(pat, rs->key.data[i]);
    }
    bb_buf_putc(pat, '*');
    return bb_buf_check(pat, err) < 0 ? err->code : 0;
}

static int clear_target(struct redis_sink *rs, const struct table_plan *plan,
                        const struct output_plan *tp, struct bb_error *err)
{
    const char *type = redis_output_of(tp)->shape == REDIS_SHAPE_HASH ? "hash" : "string";
    int prc = redis_clear_pattern(rs, plan, tp, err);
    if (prc != 0)
        return prc < 0 ? prc : 0;
    struct bb_buf *pat = &rs->oldkey;
    bool scan_type = rs->version >= V(6, 0, 0);
    char cursor[32] = "0";
    int rc = 0;
    do {
        const char *argv[] = { "SCAN", cursor, "MATCH", pat->data, "COUNT", SCAN_COUNT, "TYPE",
                               type };
        size_t lens[] = { 4, strlen(cursor), 5, pat->len, 5, strlen(SCAN_COUNT), 4,
                          strlen(type) };
        redisReply *r;
        if ((rc = redis_run(rs, scan_type ? 8 : 6, argv, lens, "SCAN failed", &r, err)) < 0)
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
                rc = redis_run(rs, (int)n, kv, kl, "UNLINK failed", NULL, err);
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
    if (!rs->net)
        return redis_not_connected(rs, err);
    const struct sink_outputs *mine = mapper_sink_outputs(plan, rs->index);
    for (uint32_t i = 0; i < mine->n; i++) {
        const struct output_plan *tp = &mine->v[i];
        if (redis_output_of(tp)->shape == REDIS_SHAPE_STREAM)
            continue;   /* streams are a log of what happened: kept */
        int rc = clear_target(rs, plan, tp, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int sink_reconnect(void *ctx, struct bb_error *err)
{
    return redis_connect(ctx, err);
}

void redis_sink_close(void *ctx)
{
    struct redis_sink *rs = ctx;
    if (!rs)
        return;
    redis_cluster_free(rs->cluster);
    redis_disconnect(rs);
    redis_tls_free(rs->tls);
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
    redis_keyset_destroy(&rs->keys);
    free(rs->cmd_off);
    free(rs->merged);
    free(rs);
}

/* rediss://: the TLS setup, each of the URL's tls-* parameters winning
 * over its setting. TLS settings beside a plaintext URL are a mistake
 * (the connection would not be what the file says): refused. */
static int open_tls(struct redis_sink *rs, const struct redis_settings *set,
                    struct bb_error *err)
{
    const struct redis_url *u = &rs->url;
    if (!u->tls) {
        const char *name = set->tls_ca ? "tls_ca" : set->tls_cert ? "tls_cert"
                           : set->tls_key ? "tls_key" : set->tls_server_name ? "tls_server_name"
                           : set->tls_verify ? "tls_verify" : NULL;
        if (name)
            return bb_error_set(err, BB_ERR_USAGE, "redis.%s is set but the Redis URL is not "
                                "a rediss:// (TLS) one", name);
        return 0;
    }
    struct redis_tls_config tc = {
        .ca_file = u->tls_ca ? u->tls_ca : set->tls_ca,
        .cert_file = u->tls_cert ? u->tls_cert : set->tls_cert,
        .key_file = u->tls_key ? u->tls_key : set->tls_key,
        .verify = u->tls_verify >= 0 ? (enum redis_tls_verify)u->tls_verify
                  : set->tls_verify ? (enum redis_tls_verify)redis_tls_verify_parse(set->tls_verify)
                  : REDIS_TLS_VERIFY_FULL,
    };
    rs->tls_server_name = u->tls_server_name ? u->tls_server_name : set->tls_server_name;
    int rc = redis_tls_new(&rs->tls, &tc, err);
    if (rc < 0) {
        bb_error_prefix(err, "Redis at %s", rs->where);
        return rc;
    }
    if (tc.verify == REDIS_TLS_VERIFY_NONE)
        log_warn("Redis at %s: TLS without verification (tls-verify=none): the connection is "
                 "encrypted, but anyone on the path can pose as the server", rs->where);
    return 0;
}

static const struct sink_ops redis_sink_ops = {
    .name = "redis",
    .load_checkpoint = sink_load_checkpoint,
    .add = redis_sink_add,
    .clear_table = sink_clear_table,
    .commit = sink_commit,
    .discard = sink_discard,
    .pending_bytes = sink_pending_bytes,
    .reconnect = sink_reconnect,
    .close = redis_sink_close,
};

int redis_sink_open(struct sink *out, const struct bb_config *cfg, size_t k, struct bb_error *err)
{
    const struct redis_settings *set = config_sink_settings(cfg, k);
    if (!set)
        return bb_error_set(err, BB_ERR_USAGE, "no Redis sink %zu in the configuration", k);
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
    rs->index = k;
    rs->wrong_type = set->wrong_type;
    int rc = redis_url_parse(&rs->url, set->url, err);
    if (rc < 0) {
        bb_error_prefix(err, "Redis URL");
        goto fail;
    }
    if (rs->url.path)
        snprintf(rs->where, sizeof rs->where, "unix:%s", rs->url.path);
    else if (strchr(rs->url.host, ':'))
        snprintf(rs->where, sizeof rs->where, "[%s]:%d", rs->url.host, rs->url.port);
    else
        snprintf(rs->where, sizeof rs->where, "%s:%d", rs->url.host, rs->url.port);

    if ((rc = open_tls(rs, set, err)) < 0)
        goto fail;

    /* The URL's password first, else the environment's (config.h) */
    const char *pw = rs->url.password;
    if (!pw)
        pw = config_password(cfg, cfg->sinks[k]->name);
    if (!config_password_env_name(cfg, cfg->sinks[k]->name, rs->password_var,
                                  sizeof rs->password_var))
        rs->password_var[0] = '\0';
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
    redis_reset_pending(rs);
    /* A Redis Cluster: seeds in the URL say so; else the node's INFO
     * cluster (cluster_enabled:1). The cluster's operations are its own
     * (redis_cluster.c): the one server's path stays as it is. */
    const struct sink_ops *cluster_ops = NULL;
    if (rs->url.nseeds) {
        if (rs->url.path) {
            rc = bb_error_set(err, BB_ERR_USAGE, "Redis URL: seed= is for a Redis Cluster, not "
                              "a unix socket");
            goto fail;
        }
        if ((rc = redis_cluster_open(rs, &cluster_ops, err)) < 0)
            goto fail;
    } else {
        if ((rc = redis_connect(rs, err)) < 0)
            goto fail;
        bool enabled = false;
        if (!rs->url.path && (rc = redis_cluster_enabled(rs, &enabled, err)) < 0)
            goto fail;
        if (enabled) {
            redis_disconnect(rs);
            if ((rc = redis_cluster_open(rs, &cluster_ops, err)) < 0)
                goto fail;
        }
    }
    if (cluster_ops) {
        out->ops = cluster_ops;
        out->ctx = rs;
        return 0;
    }
    char tls[128];
    if (redis_net_tls_description(rs->net, tls, sizeof tls))
        log_info("Redis at %s: over TLS (%s, tls-verify=%s)", rs->where, tls,
                 redis_tls_verify_name(rs->tls));
    out->ops = &redis_sink_ops;
    out->ctx = rs;
    return 0;
fail:
    redis_sink_close(rs);
    return rc;
}
