/* table_cache.c - open-addressing map from table id to TABLE_MAP definition. */
#include "binlog/table_cache.h"

#include <stdlib.h>

#include "base/error.h"

void table_cache_init(struct table_cache *tc)
{
    tc->slots = NULL;
    tc->cap = tc->count = 0;
}

struct cached_table *cached_table_new(void)
{
    struct cached_table *t = calloc(1, sizeof *t);
    if (t)
        bb_arena_init(&t->mem);
    return t;
}

void cached_table_free(struct cached_table *t)
{
    if (!t)
        return;
    bb_arena_destroy(&t->mem);
    free(t);
}

void table_cache_clear(struct table_cache *tc)
{
    for (uint32_t i = 0; i < tc->cap; i++) {
        cached_table_free(tc->slots[i]);
        tc->slots[i] = NULL;
    }
    tc->count = 0;
}

void table_cache_destroy(struct table_cache *tc)
{
    table_cache_clear(tc);
    free(tc->slots);
    table_cache_init(tc);
}

static uint32_t slot_of(uint64_t id, uint32_t cap)
{
    id ^= id >> 33;
    id *= 0xff51afd7ed558ccdULL;
    id ^= id >> 33;
    return (uint32_t)id & (cap - 1);
}

static int grow(struct table_cache *tc)
{
    uint32_t cap = tc->cap ? tc->cap * 2 : 16;
    struct cached_table **slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (uint32_t i = 0; i < tc->cap; i++) {
        struct cached_table *t = tc->slots[i];
        if (!t)
            continue;
        uint32_t s = slot_of(t->table.id, cap);
        while (slots[s])
            s = (s + 1) & (cap - 1);
        slots[s] = t;
    }
    free(tc->slots);
    tc->slots = slots;
    tc->cap = cap;
    return 0;
}

int table_cache_put(struct table_cache *tc, struct cached_table *t, struct bb_error *err)
{
    if ((tc->count + 1) * 2 > tc->cap && grow(tc) < 0) {
        cached_table_free(t);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory caching table map");
    }
    uint32_t s = slot_of(t->table.id, tc->cap);
    while (tc->slots[s] && tc->slots[s]->table.id != t->table.id)
        s = (s + 1) & (tc->cap - 1);
    if (tc->slots[s])
        cached_table_free(tc->slots[s]);
    else
        tc->count++;
    tc->slots[s] = t;
    return 0;
}

const struct bb_table *table_cache_get(const struct table_cache *tc, uint64_t id)
{
    if (!tc->cap)
        return NULL;
    uint32_t s = slot_of(id, tc->cap);
    while (tc->slots[s]) {
        if (tc->slots[s]->table.id == id)
            return &tc->slots[s]->table;
        s = (s + 1) & (tc->cap - 1);
    }
    return NULL;
}
