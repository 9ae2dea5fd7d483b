/* row_key.h - a table's row key as the server has it, from
 * information_schema.STATISTICS: the PRIMARY index, or else the first
 * UNIQUE index whose columns are all NOT NULL and not prefixes, which the
 * server promotes to primary key (STATISTICS lists indexes in the table
 * share's order, where such keys come first and keep their order of
 * definition). MariaDB's long UNIQUE keys (INDEX_TYPE HASH outside the
 * MEMORY engine) are not promoted.
 *
 * The table describer (binlog/describer.c) uses it, for the schema
 * lookups of a live stream and for the snapshots alike, so that rows from
 * the binlog and rows from an initial load are keyed alike. */
#ifndef BB_ROW_KEY_H
#define BB_ROW_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mysql.h>

#include "binbridge.h"

#define ROW_KEY_MAX_PARTS 64

/* The columns row_indexes_read expects, in this order. */
#define ROW_INDEX_COLUMNS \
    "INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, INDEX_TYPE, NULLABLE"

struct row_index {
    char *name;
    bool unique;
    bool hash;              /* INDEX_TYPE HASH */
    bool usable;            /* could stand in for a primary key */
    bool nullable;          /* has a nullable column */
    bool bad;               /* names a column that could not be placed */
    uint32_t nparts;
    uint32_t parts[ROW_KEY_MAX_PARTS];  /* column indexes, in key order */
    uint64_t seq[ROW_KEY_MAX_PARTS];
};

struct row_indexes {
    struct row_index *v;    /* in the server's order */
    size_t n;
    bool any_unique_hash;   /* a UNIQUE index of type HASH: long unique, or MEMORY's own */
};

/* Group the rows of `SELECT ROW_INDEX_COLUMNS FROM information_schema.
 * STATISTICS WHERE <the table>` into indexes; column(name, ctx) places a
 * column (-1: unknown, which makes its index bad). */
int row_indexes_read(MYSQL_RES *res, int (*column)(const char *name, void *ctx), void *ctx,
                     struct row_indexes *out, struct bb_error *err);
/* The UNIQUE HASH indexes are MariaDB's long unique keys unless the
 * table's engine has hash indexes of its own (MEMORY): ask the server.
 * `where` names it in errors. */
int row_indexes_native_hash(MYSQL *m, const char *where, const char *schema, const char *table,
                            bool *native, struct bb_error *err);
/* Is x one of MariaDB's long UNIQUE keys (native: the engine's HASH
 * indexes are its own)? They are never the row key, and each adds a
 * hidden column DB_ROW_HASH_<n> to the rows. */
bool row_index_is_long_unique(const struct row_index *x, bool native);
/* The row key: PRIMARY (NULL when it names a column that could not be
 * placed), else the first usable index that is no long UNIQUE key; NULL
 * when there is none. */
const struct row_index *row_indexes_key(const struct row_indexes *ix, bool native);
void row_indexes_free(struct row_indexes *ix);

#endif
