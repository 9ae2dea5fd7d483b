/* snapshot_internal.h - what the three files of the snapshot share:
 * snapshot.c (the transaction, the statement, the rows), snapshot_describe.c
 * (how each column the describer described is fetched) and
 * snapshot_values.c (fetched values to bb_value). */
#ifndef BB_SNAPSHOT_INTERNAL_H
#define BB_SNAPSHOT_INTERNAL_H

#include <mysql.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "binbridge.h"
#include "base/buf.h"
#include "base/error.h"
#include "binlog/describer.h"
#include "mysql/server_conn.h"
#include "snapshot/snapshot.h"

/* A column's bind buffer grows up to this; longer values are fetched into
 * an overflow buffer with mysql_stmt_fetch_column. */
#define BIND_MAX ((unsigned long)64 << 10)

enum fetch {
    FETCH_NONE,      /* not selected: the hidden DB_ROW_HASH_<n> columns */
    FETCH_INT,
    FETCH_YEAR,
    FETCH_FLOAT,
    FETCH_DOUBLE,
    FETCH_DECIMAL,
    FETCH_DATE,
    FETCH_DATETIME,
    FETCH_TIMESTAMP,
    FETCH_TIME,
    FETCH_BYTES,
    FETCH_ENUM,
    FETCH_SET,
    FETCH_BIT,
    FETCH_JSON,
    FETCH_HEX,
};

/* How a column is fetched and where its value lands. */
struct snap_col {
    enum fetch fetch;
    uint8_t kind;           /* FETCH_BYTES: the value kind */
    union {
        int64_t i;
        float f;
        double d;
        MYSQL_TIME tm;
    } num;
    char *buf;
    unsigned long cap;
    char *big;              /* overflow: values longer than buf */
    size_t bigcap;
    unsigned long length;
    my_bool is_null, error;
    char dec[72];           /* DECIMAL text: sign, 65 digits, point */
    struct bb_buf scratch;  /* MySQL JSON binary, VECTOR bytes */
};

struct snapshot {
    MYSQL *conn;
    char where[300];
    bool mariadb;
    struct describer desc;  /* describes each table, on conn */
    struct bb_buf sql;      /* statement text */

    /* the table being read */
    struct bb_arena mem;    /* description, names, labels */
    struct bb_table table;
    bool have_table;
    struct snap_col *cols;
    struct bb_value *row;
    uint32_t nselect;       /* columns in the SELECT: all but the hidden ones, last */
    MYSQL_BIND *binds;
    MYSQL_STMT *stmt;       /* executed, rows pending */
    bool rebind;            /* a bind buffer moved: bind again before the next fetch */
    bool locked;            /* the table's metadata lock is held */
    uint64_t nrows;
};

/* snapshot.c */
/* "server H:P: snapshot of db.t: <why>" */
int snapshot_table_error(struct snapshot *s, int code, struct bb_error *err, const char *fmt, ...)
    BB_PRINTF(4, 5);
/* A statement failed (its error, or the connection's). */
int snapshot_stmt_error(struct snapshot *s, const char *what, struct bb_error *err);
/* A value the server sent that no stored value could give. */
int snapshot_value_error(struct snapshot *s, uint32_t col, struct bb_error *err, const char *fmt,
                         ...) BB_PRINTF(4, 5);
/* Grow sc's bind buffer to hold want bytes (doubling from BIND_MIN, at
 * most BIND_MAX); false when out of memory. */
bool snapshot_grow_bind(struct snap_col *sc, unsigned long want);

/* snapshot_describe.c */
/* A copy of p (NULL stays NULL) in the snapshot's arena. */
char *snapshot_arena_dup(struct snapshot *s, const char *p);
/* Describe s->table (binlog/describer.h), choose how each column is
 * fetched and write the SELECT into s->sql. */
int snapshot_describe_table(struct snapshot *s, struct bb_error *err);

/* snapshot_values.c */
/* The fetched column i of the current row as a bb_value in s->row[i]. */
int snapshot_convert(struct snapshot *s, uint32_t i, struct bb_error *err);

#endif
