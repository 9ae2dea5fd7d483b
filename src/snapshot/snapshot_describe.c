/* snapshot_describe.c - a table to read: its description from the
 * describer (binlog/describer.h: the TABLE_MAP the same server would
 * write with binlog_row_metadata=FULL), then how each column is fetched
 * and the SELECT that reads them all (snapshot.c says what each column
 * type becomes). */
#include "snapshot/snapshot_internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "binlog/decode_value.h"
#include "binlog/describer.h"
#include "mysql/server_conn.h"

char *snapshot_arena_dup(struct snapshot *s, const char *p)
{
    return p ? bb_arena_strndup(&s->mem, p, strlen(p)) : NULL;
}

/* A SELECT expression other than the column: pre `column` post. */
struct select_expr {
    const char *pre, *post;    /* NULL: the column itself */
};

/* How column i is fetched, from its binlog type (and, for MariaDB's type
 * plugins, its information_schema type). */
static int choose_fetch(struct snapshot *s, uint32_t i, const struct described_column *info,
                        struct snap_col *sc, struct select_expr *expr, struct bb_error *err)
{
    const struct bb_column *c = &s->table.cols[i];
    expr->pre = expr->post = NULL;
    sc->fetch = FETCH_BYTES;
    if (info->hidden) {
        sc->fetch = FETCH_NONE;
        return 0;
    }
    switch (c->type) {
    case MYSQL_TYPE_TINY: case MYSQL_TYPE_SHORT: case MYSQL_TYPE_INT24: case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG:
        sc->fetch = FETCH_INT;
        return 0;
    case MYSQL_TYPE_FLOAT:
        sc->fetch = FETCH_FLOAT;
        return 0;
    case MYSQL_TYPE_DOUBLE:
        sc->fetch = FETCH_DOUBLE;
        return 0;
    case MYSQL_TYPE_NEWDECIMAL:
        sc->fetch = FETCH_DECIMAL;
        return 0;
    case MYSQL_TYPE_YEAR:
        sc->fetch = FETCH_YEAR;
        return 0;
    case MYSQL_TYPE_DATE:
        sc->fetch = FETCH_DATE;
        return 0;
    case MYSQL_TYPE_TIME: case MYSQL_TYPE_TIME2:
        sc->fetch = FETCH_TIME;
        return 0;
    case MYSQL_TYPE_DATETIME: case MYSQL_TYPE_DATETIME2:
        sc->fetch = FETCH_DATETIME;
        return 0;
    case MYSQL_TYPE_TIMESTAMP: case MYSQL_TYPE_TIMESTAMP2:
        sc->fetch = FETCH_TIMESTAMP;
        return 0;
    case MYSQL_TYPE_STRING:
        /* MariaDB's INET4, INET6 and UUID are type plugins over BINARY(n):
         * SELECT shows their text, the binlog has the stored bytes. */
        if (strcmp(info->data_type, "inet4") == 0 || strcmp(info->data_type, "inet6") == 0 ||
            strcmp(info->data_type, "uuid") == 0) {
            expr->pre = "CAST(";
            expr->post = c->max_length == 4 ? " AS BINARY(4))" : " AS BINARY(16))";
        }
        return 0;
    case MYSQL_TYPE_VARCHAR: case BB_TYPE_VARCHAR_COMPRESSED: case MYSQL_TYPE_BLOB:
    case BB_TYPE_BLOB_COMPRESSED:
        return 0;
    case MYSQL_TYPE_JSON:
        sc->fetch = FETCH_JSON;
        expr->pre = "CAST(";
        expr->post = " AS CHAR CHARACTER SET utf8mb4)";
        return 0;
    case MYSQL_TYPE_ENUM: case MYSQL_TYPE_SET:
        /* the stored number, as the binlog has it: no label to match */
        sc->fetch = c->type == MYSQL_TYPE_ENUM ? FETCH_ENUM : FETCH_SET;
        expr->pre = "CAST(";
        expr->post = " AS UNSIGNED)";
        return 0;
    case MYSQL_TYPE_BIT:
        sc->fetch = FETCH_BIT;
        return 0;
    case MYSQL_TYPE_GEOMETRY:
        sc->kind = BB_VALUE_GEOMETRY;
        return 0;
    case BB_TYPE_VECTOR:
        sc->fetch = FETCH_HEX;
        sc->kind = BB_VALUE_VECTOR;
        expr->pre = "HEX(";
        expr->post = ")";
        return 0;
    default:
        return snapshot_table_error(s, BB_ERR_UNSUPPORTED, err, "column %s: type %s cannot be "
                                    "read by a snapshot", c->name, info->column_type);
    }
}

int snapshot_describe_table(struct snapshot *s, struct bb_error *err)
{
    struct table_description td;
    int rc = describer_table(&s->desc, s->table.schema, s->table.name, &s->mem, &td, err);
    if (rc < 0)
        return rc;
    s->table = td.table;
    struct bb_table *t = &s->table;
    uint32_t total = t->ncols, nselect = td.nlisted;
    s->row = bb_arena_calloc(&s->mem, total * sizeof *s->row);
    s->cols = calloc(total, sizeof *s->cols);
    s->binds = calloc(nselect, sizeof *s->binds);
    struct select_expr *exprs = calloc(nselect, sizeof *exprs);
    if (!s->row || !s->cols || !s->binds || !exprs) {
        free(exprs);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    s->nselect = nselect;
    for (uint32_t i = 0; i < total; i++) {
        bb_buf_init(&s->cols[i].scratch);
        s->row[i].col = &t->cols[i];
    }
    struct select_expr none;
    for (uint32_t i = 0; i < total && rc == 0; i++) {
        struct snap_col *sc = &s->cols[i];
        rc = choose_fetch(s, i, &td.info[i], sc, i < nselect ? &exprs[i] : &none, err);
        if (sc->fetch == FETCH_BYTES && sc->kind == 0)
            sc->kind = t->cols[i].charset == 63 ? BB_VALUE_BINARY : BB_VALUE_STRING;
    }
    if (rc == 0) {
        /* SELECT expr, ... FROM `schema`.`table` */
        struct bb_buf *q = &s->sql;
        bb_buf_reset(q);
        bb_buf_puts(q, "SELECT ");
        for (uint32_t i = 0; i < nselect; i++) {
            if (i)
                bb_buf_puts(q, ", ");
            if (exprs[i].pre)
                bb_buf_puts(q, exprs[i].pre);
            server_quote_ident(q, t->cols[i].name);
            if (exprs[i].post)
                bb_buf_puts(q, exprs[i].post);
        }
        bb_buf_puts(q, " FROM ");
        server_quote_table(q, t->schema, t->name);
        rc = bb_buf_check(q, err);
    }
    free(exprs);
    return rc;
}
