/* row_key.c - a table's row key from information_schema (see row_key.h). */
#include "mysql/row_key.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "mysql/server_conn.h"

int row_indexes_read(MYSQL_RES *res, int (*column)(const char *name, void *ctx), void *ctx,
                     struct row_indexes *out, struct bb_error *err)
{
    memset(out, 0, sizeof *out);
    size_t nrows = res ? (size_t)mysql_num_rows(res) : 0;
    out->v = calloc(nrows + 1, sizeof *out->v);
    if (!out->v)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    MYSQL_ROW row;
    while (res && (row = mysql_fetch_row(res))) {
        if (!row[0])
            continue;
        struct row_index *x = NULL;
        for (size_t i = 0; i < out->n && !x; i++)
            if (strcmp(out->v[i].name, row[0]) == 0)
                x = &out->v[i];
        if (!x) {
            x = &out->v[out->n];
            if (!(x->name = strdup(row[0]))) {
                row_indexes_free(out);
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
            }
            out->n++;
            x->unique = row[1] && strcmp(row[1], "0") == 0;
            x->hash = row[5] && strcasecmp(row[5], "HASH") == 0;
            x->usable = x->unique;
            out->any_unique_hash |= x->unique && x->hash;
        }
        int c = row[3] ? column(row[3], ctx) : -1;
        uint64_t seq = 0;
        if (c < 0 || x->nparts == ROW_KEY_MAX_PARTS || !server_row_u64(row[2], &seq)) {
            x->bad = true;
            continue;
        }
        bool nullable = row[6] && row[6][0];   /* "YES", or "" */
        x->nullable |= nullable;
        if (row[4] || nullable)
            x->usable = false;
        uint32_t at = x->nparts; /* in SEQ_IN_INDEX order */
        while (at > 0 && x->seq[at - 1] > seq) {
            x->parts[at] = x->parts[at - 1];
            x->seq[at] = x->seq[at - 1];
            at--;
        }
        x->parts[at] = (uint32_t)c;
        x->seq[at] = seq;
        x->nparts++;
    }
    return 0;
}

int row_indexes_native_hash(MYSQL *m, const char *where, const char *schema, const char *table,
                            bool *native, struct bb_error *err)
{
    struct bb_buf sql;
    bb_buf_init(&sql);
    bb_buf_puts(&sql, "SELECT ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ");
    server_quote_literal(m, &sql, schema);
    bb_buf_puts(&sql, " AND TABLE_NAME = ");
    server_quote_literal(m, &sql, table);
    int rc = bb_buf_check(&sql, err);
    char what[200];
    snprintf(what, sizeof what, "reading the engine of %.80s.%.80s", schema, table);
    MYSQL_RES *res = NULL;
    if (rc == 0)
        rc = server_conn_query(m, where, what, sql.data, &res, err);
    bb_buf_destroy(&sql);
    if (rc < 0)
        return rc;
    MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
    *native = row && row[0] && (strcasecmp(row[0], "MEMORY") == 0 ||
                                strcasecmp(row[0], "HEAP") == 0);
    if (res)
        mysql_free_result(res);
    return 0;
}

bool row_index_is_long_unique(const struct row_index *x, bool native)
{
    return x->unique && x->hash && !native;
}

const struct row_index *row_indexes_key(const struct row_indexes *ix, bool native)
{
    for (size_t i = 0; i < ix->n; i++)
        if (strcmp(ix->v[i].name, "PRIMARY") == 0)
            return ix->v[i].bad ? NULL : &ix->v[i];
    for (size_t i = 0; i < ix->n; i++)
        if (ix->v[i].usable && !ix->v[i].bad && ix->v[i].nparts &&
            !row_index_is_long_unique(&ix->v[i], native))
            return &ix->v[i];
    return NULL;
}

void row_indexes_free(struct row_indexes *ix)
{
    for (size_t i = 0; i < ix->n; i++)
        free(ix->v[i].name);
    free(ix->v);
    ix->v = NULL;
    ix->n = 0;
}
