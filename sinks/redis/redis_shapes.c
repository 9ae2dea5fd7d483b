/* redis_shapes.c - a row change as the commands of each shape (hash, JSON
 * string, stream entry), rendered into the pending batch (redis_sink.c
 * says what each shape writes). */
#include "sinks/redis/redis_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "mapping/mapper.h"
#include "sinks/redis/redis_key.h"
#include "sinks/redis/redis_options.h"
#include "sinks/redis/resp.h"


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
static int render_key(const struct change *ch, const struct output_plan *tp,
                      const struct bb_value *row, const char *image, struct bb_buf *b,
                      struct bb_error *err)
{
    bb_buf_reset(b);
    int rc = redis_key_render(ch->plan, tp, row, b, err);
    if (rc == 1)
        return bb_error_set(err, BB_ERR_USAGE, "the %s image of a row of %s.%s lacks a column "
                            "of the Redis key template '%s' (a partial row image: set "
                            "binlog_row_image=FULL)", image, ch->plan->schema, ch->plan->table,
                            redis_output_of(tp)->key ? redis_output_of(tp)->key : "default");
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
static bool kept_absent(const struct change *ch, const struct output_plan *tp)
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
    resp_put_bulk(&rs->out, rs->val.len ? rs->val.data : "", rs->val.len);
    return 0;
}

static void put_del(struct redis_sink *rs, const struct bb_buf *key)
{
    redis_cmd_begin(rs, 2);
    resp_put_lit(&rs->out, ARG_DEL);
    resp_put_bulk(&rs->out, key->data, key->len);
}

static void put_expire(struct redis_sink *rs, const struct bb_buf *key, uint64_t ttl)
{
    redis_cmd_begin(rs, 3);
    resp_put_lit(&rs->out, ARG_EXPIRE);
    resp_put_bulk(&rs->out, key->data, key->len);
    resp_put_bulk_u64(&rs->out, ttl);
}

/* HSET key col value ... for the kept columns of row that have a value;
 * nothing when there is none. *wrote says which. */
static int put_hset(struct redis_sink *rs, const struct change *ch, const struct output_plan *tp,
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
    redis_cmd_begin(rs, 2 + 2 * n);
    resp_put_lit(&rs->out, ARG_HSET);
    resp_put_bulk(&rs->out, key->data, key->len);
    for (uint32_t c = 0; c < t->ncols; c++) {
        if (!tp->columns[c] || !has_value(&row[c]))
            continue;
        char tmp[32];
        resp_put_bulk_str(&rs->out, col_name(t, c, tmp, sizeof tmp));
        int rc = put_text_value(rs, t, c, &row[c], err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* HDEL key col ... for the kept columns a partial image says became NULL. */
static void put_hdel_nulls(struct redis_sink *rs, const struct change *ch,
                           const struct output_plan *tp, const struct bb_buf *key)
{
    const struct bb_table *t = ch->table;
    size_t n = 0;
    for (uint32_t c = 0; c < t->ncols; c++)
        n += tp->columns[c] && ch->after[c].kind == BB_VALUE_NULL;
    if (!n)
        return;
    redis_cmd_begin(rs, 2 + n);
    resp_put_lit(&rs->out, ARG_HDEL);
    resp_put_bulk(&rs->out, key->data, key->len);
    for (uint32_t c = 0; c < t->ncols; c++) {
        if (tp->columns[c] && ch->after[c].kind == BB_VALUE_NULL) {
            char tmp[32];
            resp_put_bulk_str(&rs->out, col_name(t, c, tmp, sizeof tmp));
        }
    }
}

int redis_add_hash(struct redis_sink *rs, const struct change *ch, const struct output_plan *tp,
                   const struct bb_value *after_key, struct bb_error *err)
{
    uint64_t ttl = redis_output_of(tp)->ttl;
    struct bb_buf *key = &rs->key, *old = &rs->oldkey;
    struct key_entry *ke, *oe;
    bool wrote = false;
    int rc = 0;
    switch (ch->kind) {
    case BB_ROWS_WRITE:
        if ((rc = render_key(ch, tp, ch->after, "inserted", key, err)) < 0)
            return rc;
        ke = redis_key_note(rs, key, ch);
        redis_key_needs(ke, KEY_HASH);
        put_del(rs, key);
        rc = put_hset(rs, ch, tp, ch->after, key, &wrote, err);
        redis_key_set(ke, wrote ? KEY_HASH : KEY_ABSENT);
        break;
    case BB_ROWS_DELETE:
        if ((rc = render_key(ch, tp, ch->before, "deleted", old, err)) < 0)
            return rc;
        oe = redis_key_note(rs, old, ch);
        redis_key_needs(oe, KEY_HASH);
        put_del(rs, old);
        redis_key_set(oe, KEY_ABSENT);
        return 0;
    case BB_ROWS_UPDATE: {
        if ((rc = render_key(ch, tp, ch->before, "before", old, err)) < 0 ||
            (rc = render_key(ch, tp, after_key, "after", key, err)) < 0)
            return rc;
        bool moved = !same_key(key, old);
        if (!kept_absent(ch, tp)) {
            /* The whole row: it replaces the old one. */
            ke = redis_key_note(rs, key, ch);
            oe = moved ? redis_key_note(rs, old, ch) : NULL;
            redis_key_needs(ke, KEY_HASH);
            redis_key_needs(oe, KEY_HASH);
            if (rs->cluster && moved) {
                /* Two slots: a DEL each (one command has one slot). */
                put_del(rs, key);
                put_del(rs, old);
            } else {
                redis_cmd_begin(rs, moved ? 3 : 2);
                resp_put_lit(&rs->out, ARG_DEL);
                resp_put_bulk(&rs->out, key->data, key->len);
                if (moved)
                    resp_put_bulk(&rs->out, old->data, old->len);
            }
            redis_key_set(oe, KEY_ABSENT);
            rc = put_hset(rs, ch, tp, ch->after, key, &wrote, err);
            redis_key_set(ke, wrote ? KEY_HASH : KEY_ABSENT);
            break;
        }
        /* A partial image: absent columns keep their value. */
        if (moved && rs->cluster)
            return bb_error_set(err, BB_ERR_UNSUPPORTED,
                                "a row of %s.%s changed its Redis key in a partial row image "
                                "(binlog_row_image=MINIMAL): on a Redis Cluster the old hash "
                                "cannot be moved to the new key (two slots); set "
                                "binlog_row_image=FULL on the source", ch->plan->schema,
                                ch->plan->table);
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
            ke = redis_key_note(rs, key, ch);
            redis_key_needs(ke, KEY_HASH);
            put_del(rs, key);
            redis_key_set(ke, KEY_ABSENT);
            oe = redis_key_note(rs, old, ch);
            redis_key_guard(rs, oe, old, KEY_HASH);
            redis_cmd_begin(rs, 3);
            resp_put_lit(&rs->out, "$4\r\nCOPY\r\n");
            resp_put_bulk(&rs->out, old->data, old->len);
            resp_put_bulk(&rs->out, key->data, key->len);
            redis_key_set(ke, oe ? oe->now : KEY_UNKNOWN);
            put_del(rs, old);
            redis_key_set(oe, KEY_ABSENT);
        }
        /* HSET and HDEL act on the hash that is there. */
        redis_key_guard(rs, redis_key_note(rs, key, ch), key, KEY_HASH);
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
                       const struct output_plan *tp, const struct bb_value *row,
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

int redis_add_json(struct redis_sink *rs, const struct change *ch, const struct output_plan *tp,
                   const struct bb_value *after_key, struct bb_error *err)
{
    struct bb_buf *key = &rs->key, *old = &rs->oldkey;
    struct key_entry *oe;
    int rc;
    switch (ch->kind) {
    case BB_ROWS_DELETE:
        if ((rc = render_key(ch, tp, ch->before, "deleted", old, err)) < 0)
            return rc;
        oe = redis_key_note(rs, old, ch);
        redis_key_needs(oe, KEY_STRING);
        put_del(rs, old);
        redis_key_set(oe, KEY_ABSENT);
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
            oe = redis_key_note(rs, old, ch);
            redis_key_needs(oe, KEY_STRING);
            put_del(rs, old);
            redis_key_set(oe, KEY_ABSENT);
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
    struct key_entry *ke = redis_key_note(rs, key, ch);
    redis_key_needs(ke, KEY_STRING);
    redis_key_set(ke, KEY_STRING);
    uint64_t ttl = redis_output_of(tp)->ttl;
    redis_cmd_begin(rs, ttl ? 5 : 3);
    resp_put_lit(&rs->out, "$3\r\nSET\r\n");
    resp_put_bulk(&rs->out, key->data, key->len);
    resp_put_bulk(&rs->out, rs->json.data, rs->json.len);
    if (ttl) {
        resp_put_lit(&rs->out, "$2\r\nEX\r\n");
        resp_put_bulk_u64(&rs->out, ttl);
    }
    return 0;
}

int redis_add_stream(struct redis_sink *rs, const struct change *ch,
                     const struct output_plan *tp, const struct bb_value *after_key,
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
    /* A Redis Cluster replaying changes its slot already holds. */
    if (rs->cluster && redis_cluster_stream_applied(rs, key, ch))
        return 0;
    redis_key_guard(rs, redis_key_note(rs, key, ch), key, KEY_STREAM);
    uint64_t maxlen = redis_output_of(tp)->maxlen;
    size_t argc = 3 + (maxlen ? 3 : 0) + 16 + (ch->before ? 2 : 0) + (ch->after ? 2 : 0);
    redis_cmd_begin(rs, argc);
    resp_put_lit(&rs->out, "$4\r\nXADD\r\n");
    resp_put_bulk(&rs->out, key->data, key->len);
    if (maxlen) {
        resp_put_lit(&rs->out, "$6\r\nMAXLEN\r\n$1\r\n~\r\n");
        resp_put_bulk_u64(&rs->out, maxlen);
    }
    resp_put_lit(&rs->out, "$1\r\n*\r\n$2\r\nop\r\n");
    resp_put_bulk_str(&rs->out, ops[ch->kind <= BB_ROWS_DELETE ? ch->kind : 0]);
    resp_put_lit(&rs->out, "$6\r\nschema\r\n");
    resp_put_bulk_str(&rs->out, ch->plan->schema);
    resp_put_lit(&rs->out, "$5\r\ntable\r\n");
    resp_put_bulk_str(&rs->out, ch->plan->table);
    resp_put_lit(&rs->out, "$4\r\nfile\r\n");
    resp_put_bulk_str(&rs->out, ch->log_file ? ch->log_file : "");
    resp_put_lit(&rs->out, "$3\r\npos\r\n");
    resp_put_bulk_u64(&rs->out, ch->pos);
    resp_put_lit(&rs->out, "$3\r\nrow\r\n");
    resp_put_bulk_u64(&rs->out, ch->row_index);
    resp_put_lit(&rs->out, "$4\r\ngtid\r\n");
    resp_put_bulk_str(&rs->out, ch->gtid ? ch->gtid : "");
    resp_put_lit(&rs->out, "$2\r\nts\r\n");
    resp_put_bulk_u64(&rs->out, ch->timestamp);
    if (ch->before) {
        if ((rc = render_json(rs, ch, tp, ch->before, err)) < 0)
            return rc;
        resp_put_lit(&rs->out, "$6\r\nbefore\r\n");
        resp_put_bulk(&rs->out, rs->json.data, rs->json.len);
    }
    if (ch->after) {
        if ((rc = render_json(rs, ch, tp, ch->after, err)) < 0)
            return rc;
        resp_put_lit(&rs->out, "$5\r\nafter\r\n");
        resp_put_bulk(&rs->out, rs->json.data, rs->json.len);
    }
    return 0;
}
