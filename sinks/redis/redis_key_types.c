/* redis_key_types.c - the keys a pending batch writes, and the type each
 * must hold: the record that places a type guard before a command that
 * would meet a key of another type (see below). */
#include "sinks/redis/redis_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "sinks/redis/resp.h"


const char *const redis_key_state_names[] = { "unknown", "none", "hash", "string", "stream" };

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

uint64_t redis_key_hash(const char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 0x100000001b3ULL;
    }
    return h ^ (h >> 29);
}

void redis_keyset_reset(struct keyset *ks, size_t keep_bytes)
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

void redis_keyset_destroy(struct keyset *ks)
{
    bb_buf_destroy(&ks->bytes);
    free(ks->e);
    free(ks->slots);
    memset(ks, 0, sizeof *ks);
}

/* Room for `extra` more keys without moving the entries: a change holds
 * pointers to the entries of its keys while it adds them (up to two). */
bool redis_keyset_reserve(struct keyset *ks, uint32_t extra)
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

const char *redis_keyset_key(const struct keyset *ks, const struct key_entry *e)
{
    return ks->bytes.data + e->off;
}

/* The batch's entry for a key, added (KEY_UNKNOWN) when new; the first
 * change to write it names its table. NULL when out of memory or without
 * room reserved (sink_add reserves it); the batch's buffer is then marked
 * so, and add() fails. */
struct key_entry *redis_key_note(struct redis_sink *rs, const struct bb_buf *key,
                                 const struct change *ch)
{
    struct keyset *ks = &rs->keys;
    uint64_t h = redis_key_hash(key->data, key->len);
    if (ks->nslots) {
        for (uint32_t at = (uint32_t)h & (ks->nslots - 1); ks->slots[at];
             at = (at + 1) & (ks->nslots - 1)) {
            struct key_entry *e = &ks->e[ks->slots[at] - 1];
            if (e->hash == h && e->len == key->len &&
                memcmp(redis_keyset_key(ks, e), key->data, key->len) == 0)
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
void redis_key_needs(struct key_entry *e, uint8_t t)
{
    if (e && e->first == KEY_UNKNOWN && e->now == KEY_UNKNOWN)
        e->first = t;
}

/* EVAL GUARD_SCRIPT 1 key type: the next command on key cannot fail. */
void redis_put_guard(struct redis_sink *rs, const char *key, size_t len, uint8_t t)
{
    redis_cmd_begin(rs, 5);
    resp_put_lit(&rs->out, "$4\r\nEVAL\r\n");
    resp_put_bulk(&rs->out, GUARD_SCRIPT, sizeof GUARD_SCRIPT - 1);
    resp_put_lit(&rs->out, "$1\r\n1\r\n");
    resp_put_bulk(&rs->out, key, len);
    resp_put_bulk_str(&rs->out, redis_key_state_names[t]);
}

/* Before a command that fails unless key holds type t (or nothing): a guard,
 * unless the batch already left t (or nothing) there. */
void redis_key_guard(struct redis_sink *rs, struct key_entry *e, const struct bb_buf *key,
                     uint8_t t)
{
    if (!e)
        return;
    redis_key_needs(e, t);
    if (e->now != t && e->now != KEY_ABSENT) {
        redis_put_guard(rs, key->data, key->len, t);
        e->now = t;     /* t or nothing: either way the command cannot fail */
    }
}

void redis_key_set(struct key_entry *e, uint8_t t)
{
    if (e)
        e->now = t;
}
