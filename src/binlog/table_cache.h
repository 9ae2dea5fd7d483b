/* table_cache.h - TABLE_MAP definitions by table id.
 *
 * Each table owns its memory (names, columns, labels) in its own arena, so
 * a table replaced or evicted frees exactly what it held. The server resends
 * the TABLE_MAPs of every statement, and a replica forgets them at the end
 * of each statement (STMT_END_F); the cache does the same (after the last
 * slice of that event), which bounds its memory by one statement's
 * tables. Within a statement it is not bounded further: each column costs
 * 64 bytes (struct bb_column) for at least 1.1 bytes of TABLE_MAP, so a
 * file of TABLE_MAPs with no statement end (1.1 MB of 4096-column maps)
 * holds some 60 times its size (74 MB) until the file or statement ends.
 * That growth is linear, as in MySQL's own applier; evicting a map is not
 * possible (any later rows event of the statement may name it), and a cap
 * would refuse statements the server can legally write. */
#ifndef BB_TABLE_CACHE_H
#define BB_TABLE_CACHE_H

#include <stdint.h>

#include "binbridge.h"
#include "base/buf.h"

struct cached_table {
    struct bb_table table;
    struct bb_arena mem;
};

struct table_cache {
    struct cached_table **slots;   /* open addressing, NULL = empty */
    uint32_t cap;                  /* power of two */
    uint32_t count;
};

void table_cache_init(struct table_cache *tc);
void table_cache_destroy(struct table_cache *tc);
void table_cache_clear(struct table_cache *tc);

/* A new, empty table whose memory comes from its own arena; not yet in the
 * cache. Returns NULL on out-of-memory. */
struct cached_table *cached_table_new(void);
void cached_table_free(struct cached_table *t);

/* Insert t (taking ownership), replacing and freeing any table with the same
 * id. Returns 0, or BB_ERR_NOMEM (t is freed). */
int table_cache_put(struct table_cache *tc, struct cached_table *t, struct bb_error *err);
const struct bb_table *table_cache_get(const struct table_cache *tc, uint64_t id);

#endif
