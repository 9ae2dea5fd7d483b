/* snapshot_describe.c - a table's description from information_schema
 * (COLUMNS, STATISTICS, CHECK_CONSTRAINTS, COLLATIONS; on MariaDB the
 * ENUM/SET labels from the server itself), as the TABLE_MAP of the same
 * server with binlog_row_metadata=FULL describes it, and how each column
 * is fetched (snapshot.c says what each column type becomes). */
#include "snapshot/snapshot_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/charset.h"
#include "base/error.h"
#include "binlog/decode_value.h"
#include "mysql/row_key.h"
#include "mysql/server_conn.h"

/* ENUM/SET labels per result set of the label statement. */
#define LABEL_CHUNK 256

/* ------------------------------------------------------------------ */
/* Describing a table                                                  */

char *snapshot_arena_dup(struct snapshot *s, const char *p)
{
    return p ? bb_arena_strndup(&s->mem, p, strlen(p)) : NULL;
}

static bool parse_u64(const char *p, uint64_t *out)
{
    if (!p || !isdigit((unsigned char)*p))
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(p, &end, 10);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

/* The escaped schema and table names of the table being described, for
 * WHERE clauses. */
static void put_where(struct snapshot *s, struct bb_buf *b, const char *schema_col)
{
    bb_buf_printf(b, " WHERE %s = ", schema_col);
    snapshot_put_literal(s, b, s->table.schema);
    bb_buf_puts(b, " AND TABLE_NAME = ");
    snapshot_put_literal(s, b, s->table.name);
}

static int read_columns(struct snapshot *s, struct is_column **out, uint32_t *n,
                        struct bb_error *err)
{
    struct bb_buf *q = &s->sql;
    bb_buf_reset(q);
    bb_buf_puts(q, "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, NUMERIC_PRECISION, "
                   "NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_OCTET_LENGTH, COLLATION_NAME, "
                   "EXTRA FROM information_schema.COLUMNS");
    put_where(s, q, "TABLE_SCHEMA");
    bb_buf_puts(q, " ORDER BY ORDINAL_POSITION");
    if (bb_buf_check(q, err) < 0)
        return err->code;
    MYSQL_RES *res;
    char what[200];
    snprintf(what, sizeof what, "snapshot of %s.%s: reading the columns", s->table.schema,
             s->table.name);
    int rc = server_conn_query(s->conn, s->where, what, q->data, &res, err);
    if (rc < 0)
        return rc;
    uint64_t rows = res ? mysql_num_rows(res) : 0;
    if (rows == 0 || rows > 4096) {
        if (res)
            mysql_free_result(res);
        if (rows)
            return snapshot_table_error(s, BB_ERR_SERVER, err, "%llu columns (4096 at most)",
                                        (unsigned long long)rows);
        return snapshot_table_error(s, BB_ERR_SERVER, err, "no such table");
    }
    struct is_column *cols = bb_arena_calloc(&s->mem, (size_t)rows * sizeof *cols);
    if (!cols) {
        mysql_free_result(res);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    MYSQL_ROW row;
    uint32_t k = 0;
    while ((row = mysql_fetch_row(res)) && k < rows) {
        struct is_column *c = &cols[k++];
        c->name = snapshot_arena_dup(s, row[0] ? row[0] : "");
        c->data_type = snapshot_arena_dup(s, row[1] ? row[1] : "");
        c->column_type = snapshot_arena_dup(s, row[2] ? row[2] : "");
        c->nullable = row[3] && strcmp(row[3], "YES") == 0;
        c->has_precision = parse_u64(row[4], &c->precision);
        c->has_scale = parse_u64(row[5], &c->scale);
        parse_u64(row[6], &c->dt_precision);
        c->has_octets = parse_u64(row[7], &c->octets);
        c->collation = snapshot_arena_dup(s, row[8]);
        c->extra = snapshot_arena_dup(s, row[9] ? row[9] : "");
        if (!c->name || !c->data_type || !c->column_type || !c->extra || (row[8] && !c->collation))
            break;
        for (char *p = c->data_type; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    }
    mysql_free_result(res);
    if (k != rows || !cols[rows - 1].extra)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    *out = cols;
    *n = (uint32_t)rows;
    return 0;
}

/* MariaDB's JSON columns are LONGTEXT with CHECK (json_valid(`c`)); only
 * that constraint tells them apart. Servers without CHECK_CONSTRAINTS
 * (MariaDB < 10.2.22, MySQL < 8.0.16) have none to find. */
static int read_json_checks(struct snapshot *s, struct is_column *cols, uint32_t ncols,
                            struct bb_error *err)
{
    struct bb_buf *q = &s->sql;
    bb_buf_reset(q);
    bb_buf_puts(q, "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS");
    put_where(s, q, "CONSTRAINT_SCHEMA");
    if (bb_buf_check(q, err) < 0)
        return err->code;
    MYSQL_RES *res = NULL;
    struct bb_error e = { 0 };
    char what[200];
    snprintf(what, sizeof what, "snapshot of %s.%s: reading the check constraints",
             s->table.schema, s->table.name);
    if (server_conn_query(s->conn, s->where, what, q->data, &res, &e) < 0) {
        if (e.code == BB_ERR_IO)
            return bb_error_set(err, e.code, "%s", e.msg);
        return 0;
    }
    MYSQL_ROW row;
    while (res && (row = mysql_fetch_row(res))) {
        size_t len;
        const char *name = server_json_check_column(row[0], &len);
        for (uint32_t i = 0; name && i < ncols; i++)
            if (strlen(cols[i].name) == len && strncasecmp(cols[i].name, name, len) == 0)
                cols[i].json = true;
    }
    if (res)
        mysql_free_result(res);
    return 0;
}

/* One index from information_schema.STATISTICS. */
/* What the indexes add to a table's description. */
struct index_info {
    uint32_t npk;
    uint32_t pk[64];
    /* MariaDB's long UNIQUE keys (USING HASH over BLOB/TEXT or long
     * columns): each has a hidden BIGINT UNSIGNED column DB_ROW_HASH_<n>,
     * after all others, that the binlog carries and no SELECT can read. */
    uint32_t nhash;
    bool hash_nullable[64];
};

static int column_index(const struct is_column *cols, uint32_t ncols, const char *name)
{
    for (uint32_t i = 0; i < ncols; i++)
        if (strcasecmp(cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

struct column_list {
    const struct is_column *cols;
    uint32_t n;
};

static int listed_column(const char *name, void *ctx)
{
    const struct column_list *l = ctx;
    return column_index(l->cols, l->n, name);
}

/* The row key (row_key.h) and MariaDB's long UNIQUE keys, whose hidden
 * columns the binlog carries. */
static int read_indexes(struct snapshot *s, const struct is_column *cols, uint32_t ncols,
                        struct index_info *info, struct bb_error *err)
{
    memset(info, 0, sizeof *info);
    struct bb_buf *q = &s->sql;
    bb_buf_reset(q);
    bb_buf_puts(q, "SELECT " ROW_INDEX_COLUMNS " FROM information_schema.STATISTICS");
    put_where(s, q, "TABLE_SCHEMA");
    if (bb_buf_check(q, err) < 0)
        return err->code;
    MYSQL_RES *res;
    char what[200];
    snprintf(what, sizeof what, "snapshot of %s.%s: reading the indexes", s->table.schema,
             s->table.name);
    int rc = server_conn_query(s->conn, s->where, what, q->data, &res, err);
    if (rc < 0)
        return rc;
    struct column_list list = { cols, ncols };
    struct row_indexes ix;
    rc = row_indexes_read(res, listed_column, &list, &ix, err);
    if (res)
        mysql_free_result(res);
    if (rc < 0)
        return rc;
    bool native = true;
    if (ix.any_unique_hash && s->mariadb)
        rc = row_indexes_native_hash(s->conn, s->where, s->table.schema, s->table.name, &native,
                                     err);
    for (size_t i = 0; i < ix.n && rc == 0; i++) {
        if (!row_index_is_long_unique(&ix.v[i], native))
            continue;
        if (info->nhash == 64) {
            rc = snapshot_table_error(s, BB_ERR_UNSUPPORTED, err, "more than 64 long UNIQUE keys");
            break;
        }
        info->hash_nullable[info->nhash++] = ix.v[i].nullable;
    }
    const struct row_index *key = rc == 0 ? row_indexes_key(&ix, native) : NULL;
    if (key) {
        memcpy(info->pk, key->parts, key->nparts * sizeof *info->pk);
        info->npk = key->nparts;
    }
    row_indexes_free(&ix);
    return rc;
}

/* The hidden column of the k-th long UNIQUE key: DB_ROW_HASH_<n>, the
 * first n from 1 whose name no other column has (the server's rule). */
static int add_hash_column(struct snapshot *s, uint32_t at, bool nullable, struct bb_error *err)
{
    struct bb_table *t = &s->table;
    char name[32];
    for (unsigned n = 1;; n++) {
        snprintf(name, sizeof name, "DB_ROW_HASH_%u", n);
        uint32_t i = 0;
        while (i < at && strcasecmp(t->cols[i].name, name) != 0)
            i++;
        if (i == at)
            break;
    }
    struct bb_column *c = &t->cols[at];
    c->name = snapshot_arena_dup(s, name);
    if (!c->name)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    c->type = MYSQL_TYPE_LONGLONG;
    c->nullable = nullable;
    c->is_unsigned = c->signedness_known = true;
    c->visible = true;
    s->cols[at].fetch = FETCH_NONE;
    return 0;
}

/* ENUM/SET labels, collected in the snapshot's arena (server_parse_labels). */
struct labels {
    struct snapshot *s;
    const char **v;
    uint32_t *lens;
    size_t n, cap;
};

static bool add_label(const char *label, size_t len, void *ctx)
{
    struct labels *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        const char **v = realloc(l->v, cap * sizeof *v);
        if (v)
            l->v = v;
        uint32_t *lens = realloc(l->lens, cap * sizeof *lens);
        if (lens)
            l->lens = lens;
        if (!v || !lens)
            return false;
        l->cap = cap;
    }
    if (!(l->v[l->n] = bb_arena_strndup(&l->s->mem, label, len)))
        return false;
    l->lens[l->n++] = (uint32_t)len;
    return true;
}

/* The labels of an ENUM/SET column from its COLUMN_TYPE; false when the
 * text is not of that form. */
static bool parse_labels(struct snapshot *s, const char *type, struct bb_column *col)
{
    struct labels l = { s, NULL, NULL, 0, 0 };
    bool ok = server_parse_labels(type, add_label, &l) && l.n <= 65535;
    const char **out = ok ? bb_arena_alloc(&s->mem, l.n * sizeof *out + 1) : NULL;
    uint32_t *outl = ok ? bb_arena_alloc(&s->mem, l.n * sizeof *outl + 1) : NULL;
    ok = out && outl;
    if (ok) {
        memcpy(out, l.v, l.n * sizeof *out);
        memcpy(outl, l.lens, l.n * sizeof *outl);
        col->labels = out;
        col->label_lens = outl;
        col->nlabels = (uint32_t)l.n;
    }
    free(l.v);
    free(l.lens);
    return ok;
}

int snapshot_hex_digit(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10
         : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Labels read from the server for one column, replacing COLUMN_TYPE's
 * once all have come. */
struct label_set {
    const char **labels;
    uint32_t *lens;
    uint32_t n;
};

/* One chunk of "HEX,HEX,...," labels of column c from the label statement:
 * decode, convert from the column's charset to UTF-8, store. */
static int take_label_chunk(struct snapshot *s, const struct bb_column *c, struct label_set *ls,
                            const char *hex, unsigned long len, struct bb_buf *tmp,
                            struct bb_error *err)
{
    const char *p = hex, *end = hex + len;
    while (p < end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        size_t n = comma ? (size_t)(comma - p) : 0;
        if (!comma || n % 2 || ls->n >= c->nlabels)
            return snapshot_table_error(s, BB_ERR_SERVER, err, "column %s: the server's labels do not "
                                        "match its COLUMN_TYPE", c->name);
        uint8_t *bytes = bb_arena_alloc(&s->mem, n / 2 + 1);
        if (!bytes)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        for (size_t i = 0; i < n / 2; i++) {
            int hi = snapshot_hex_digit((unsigned char)p[2 * i]);
            int lo = snapshot_hex_digit((unsigned char)p[2 * i + 1]);
            if (hi < 0 || lo < 0)
                return snapshot_table_error(s, BB_ERR_SERVER, err, "column %s: label is not hex",
                                            c->name);
            bytes[i] = (uint8_t)(hi << 4 | lo);
        }
        bb_buf_reset(tmp);
        int rc = charset_to_utf8(c->charset, bytes, n / 2, tmp, err);
        if (rc == 0)
            rc = bb_buf_check(tmp, err);
        if (rc < 0) {
            bb_error_prefix(err, "server %s: snapshot of %s.%s: label %u of column %s", s->where,
                            s->table.schema, s->table.name, ls->n + 1, c->name);
            return rc;
        }
        const char *label = bb_arena_strndup(&s->mem, tmp->data ? tmp->data : "", tmp->len);
        if (!label)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        ls->labels[ls->n] = label;
        ls->lens[ls->n] = (uint32_t)tmp->len;
        ls->n++;
        p = comma + 1;
    }
    return 0;
}

/* MariaDB: the labels' own bytes. For each ENUM/SET column k, a variable
 * TYPE OF the column takes each index (ENUM) or single bit (SET) in turn;
 * HEX() of it is the label in the column's charset. Results come as rows
 * (k, "HEX,HEX,...,") of up to LABEL_CHUNK labels. */
static int read_labels_mariadb(struct snapshot *s, struct bb_error *err)
{
    struct bb_table *t = &s->table;
    struct bb_buf *q = &s->sql;
    bb_buf_reset(q);
    bb_buf_puts(q, "BEGIN NOT ATOMIC DECLARE i BIGINT UNSIGNED DEFAULT 0; "
                   "DECLARE r LONGTEXT CHARACTER SET latin1 DEFAULT '';");
    bool any = false;
    for (uint32_t k = 0; k < t->ncols; k++) {
        const struct bb_column *c = &t->cols[k];
        if (!column_type_is_enum_or_set(c->type) || c->nlabels == 0)
            continue;
        bb_buf_printf(q, " DECLARE v%u TYPE OF ", (unsigned)k);
        snapshot_put_ident(q, t->schema);
        bb_buf_putc(q, '.');
        snapshot_put_ident(q, t->name);
        bb_buf_putc(q, '.');
        snapshot_put_ident(q, c->name);
        bb_buf_putc(q, ';');
        any = true;
    }
    if (!any)
        return 0;
    for (uint32_t k = 0; k < t->ncols; k++) {
        const struct bb_column *c = &t->cols[k];
        if (!column_type_is_enum_or_set(c->type) || c->nlabels == 0)
            continue;
        bb_buf_printf(q, " SET i = 1; SET r = ''; WHILE i <= %u DO SET v%u = %s;"
                         " SET r = CONCAT(r, HEX(v%u), ','); IF i %% %d = 0 THEN SELECT %u, r;"
                         " SET r = ''; END IF; SET i = i + 1; END WHILE; SELECT %u, r;",
                      (unsigned)c->nlabels, (unsigned)k,
                      c->type == MYSQL_TYPE_ENUM ? "i" : "1 << (i - 1)", (unsigned)k,
                      LABEL_CHUNK, (unsigned)k, (unsigned)k);
    }
    bb_buf_puts(q, " END");
    if (bb_buf_check(q, err) < 0)
        return err->code;
    if (mysql_real_query(s->conn, q->data, (unsigned long)q->len) != 0) {
        unsigned e = mysql_errno(s->conn);
        if (e == 1064) /* no compound statements (MariaDB < 10.1): keep COLUMN_TYPE's labels */
            return 0;
        return snapshot_table_error(s, server_conn_error_code(s->conn), err, "reading ENUM/SET labels: "
                                    "%s (error %u)", mysql_error(s->conn), mysql_errno(s->conn));
    }
    struct label_set *sets = calloc(t->ncols, sizeof *sets);
    struct bb_buf tmp;
    bb_buf_init(&tmp);
    int rc = sets ? 0 : bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    for (uint32_t k = 0; rc == 0 && k < t->ncols; k++) {
        const struct bb_column *c = &t->cols[k];
        if (!column_type_is_enum_or_set(c->type) || c->nlabels == 0)
            continue;
        sets[k].labels = bb_arena_alloc(&s->mem, c->nlabels * sizeof *sets[k].labels);
        sets[k].lens = bb_arena_alloc(&s->mem, c->nlabels * sizeof *sets[k].lens);
        if (!sets[k].labels || !sets[k].lens)
            rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    /* Read every result, even after a failure: nothing may be left
     * pending on the connection. */
    int status;
    do {
        MYSQL_RES *res = mysql_store_result(s->conn);
        if (!res) {
            if (mysql_field_count(s->conn) != 0 && rc == 0)
                rc = snapshot_table_error(s, server_conn_error_code(s->conn), err, "reading ENUM/SET "
                                          "labels: %s (error %u)", mysql_error(s->conn),
                                          mysql_errno(s->conn));
            continue;
        }
        MYSQL_ROW row;
        while (rc == 0 && (row = mysql_fetch_row(res))) {
            unsigned long *l = mysql_fetch_lengths(res);
            uint64_t k;
            if (!parse_u64(row[0], &k) || k >= t->ncols || !sets[k].labels) {
                rc = snapshot_table_error(s, BB_ERR_SERVER, err, "unexpected row from the label statement");
                break;
            }
            rc = take_label_chunk(s, &t->cols[k], &sets[k], row[1] ? row[1] : "",
                                  row[1] ? l[1] : 0, &tmp, err);
        }
        mysql_free_result(res);
    } while ((status = mysql_next_result(s->conn)) == 0);
    if (status > 0 && rc == 0)
        rc = snapshot_table_error(s, server_conn_error_code(s->conn), err, "reading ENUM/SET labels: %s "
                                  "(error %u)", mysql_error(s->conn), mysql_errno(s->conn));
    for (uint32_t k = 0; rc == 0 && k < t->ncols; k++)
        if (sets[k].labels && sets[k].n != t->cols[k].nlabels)
            rc = snapshot_table_error(s, BB_ERR_SERVER, err, "column %s: %u labels from the server, %u in "
                                      "COLUMN_TYPE", t->cols[k].name, sets[k].n, t->cols[k].nlabels);
    for (uint32_t k = 0; rc == 0 && k < t->ncols; k++) {
        if (!sets[k].labels)
            continue;
        t->cols[k].labels = sets[k].labels;
        t->cols[k].label_lens = sets[k].lens;
    }
    bb_buf_destroy(&tmp);
    free(sets);
    return rc;
}

static uint8_t blob_length_bytes(const char *dt)
{
    static const char *const names[4][2] = {
        { "tinyblob", "tinytext" }, { "blob", "text" }, { "mediumblob", "mediumtext" },
        { "longblob", "longtext" },
    };
    for (int i = 0; i < 4; i++)
        if (strcmp(dt, names[i][0]) == 0 || strcmp(dt, names[i][1]) == 0)
            return (uint8_t)(i + 1);
    return 0;
}

static int geometry_type(const char *dt)
{
    static const char *const names[] = { "geometry", "point", "linestring", "polygon",
                                         "multipoint", "multilinestring", "multipolygon",
                                         "geometrycollection", NULL };
    for (int i = 0; names[i]; i++)
        if (strcmp(dt, names[i]) == 0)
            return i;
    if (strcmp(dt, "geomcollection") == 0)
        return 7;
    return -1;
}

static bool contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return false;
}

/* The binlog type and metadata of one column, as TABLE_MAP gives them,
 * and how to fetch it (*expr: a SELECT expression other than the column). */
struct select_expr {
    const char *pre, *post;    /* around the quoted column name; NULL: the column */
};

static int describe_column(struct snapshot *s, const struct is_column *ic, struct bb_column *c,
                           struct snap_col *sc, struct select_expr *expr, struct bb_error *err)
{
    const char *dt = ic->data_type;
    bool uns = contains_ci(ic->column_type, "unsigned");
    int lb, geo;
    expr->pre = expr->post = NULL;
    c->name = ic->name;
    c->nullable = ic->nullable;
    c->visible = s->mariadb || !contains_ci(ic->extra, "INVISIBLE");
    sc->fetch = FETCH_BYTES;

    static const struct { const char *name; uint8_t type; } ints[] = {
        { "tinyint", MYSQL_TYPE_TINY }, { "smallint", MYSQL_TYPE_SHORT },
        { "mediumint", MYSQL_TYPE_INT24 }, { "int", MYSQL_TYPE_LONG },
        { "integer", MYSQL_TYPE_LONG }, { "bigint", MYSQL_TYPE_LONGLONG },
    };
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
        if (strcmp(dt, ints[i].name) != 0)
            continue;
        c->type = ints[i].type;
        c->signedness_known = true;
        c->is_unsigned = uns;
        sc->fetch = FETCH_INT;
        return 0;
    }
    if (strcmp(dt, "float") == 0 || strcmp(dt, "double") == 0 || strcmp(dt, "real") == 0 ||
        strcmp(dt, "double precision") == 0) {
        bool f = strcmp(dt, "float") == 0;
        c->type = f ? MYSQL_TYPE_FLOAT : MYSQL_TYPE_DOUBLE;
        c->meta = f ? 4 : 8;
        c->signedness_known = true;
        c->is_unsigned = uns;
        sc->fetch = f ? FETCH_FLOAT : FETCH_DOUBLE;
        return 0;
    }
    if (strcmp(dt, "decimal") == 0 || strcmp(dt, "numeric") == 0) {
        if (!ic->has_precision || !ic->has_scale || ic->precision < 1 || ic->precision > 65 ||
            ic->scale > 38 || ic->scale > ic->precision)
            return snapshot_table_error(s, BB_ERR_SERVER, err, "column %s: DECIMAL without a valid "
                                        "precision and scale", ic->name);
        c->type = MYSQL_TYPE_NEWDECIMAL;
        c->precision = (uint8_t)ic->precision;
        c->scale = (uint8_t)ic->scale;
        c->meta = (uint16_t)(c->precision << 8 | c->scale);
        c->signedness_known = true;
        c->is_unsigned = uns;
        sc->fetch = FETCH_DECIMAL;
        return 0;
    }
    if (strcmp(dt, "year") == 0) {
        c->type = MYSQL_TYPE_YEAR;
        /* MariaDB's SIGNEDNESS covers YEAR (a TINYINT underneath: unsigned) */
        c->signedness_known = c->is_unsigned = s->mariadb;
        sc->fetch = FETCH_YEAR;
        return 0;
    }
    if (strcmp(dt, "date") == 0) {
        c->type = MYSQL_TYPE_DATE;
        sc->fetch = FETCH_DATE;
        return 0;
    }
    if (strcmp(dt, "time") == 0 || strcmp(dt, "datetime") == 0 || strcmp(dt, "timestamp") == 0) {
        if (ic->dt_precision > 6)
            return snapshot_table_error(s, BB_ERR_SERVER, err, "column %s: DATETIME_PRECISION %llu",
                                        ic->name, (unsigned long long)ic->dt_precision);
        /* MariaDB marks columns still in its 5.3 format (10.5.1+); before,
         * the server's default for new columns is the best guess. */
        bool old = s->mariadb && (contains_ci(ic->column_type, "mariadb-5.3") ||
                                  (s->version < 100501 && !s->mysql56_temporal));
        c->fsp = (uint8_t)ic->dt_precision;
        if (dt[1] == 'i' && dt[2] == 'm' && dt[3] == 'e' && dt[4] == '\0') {
            c->type = old ? MYSQL_TYPE_TIME : MYSQL_TYPE_TIME2;
            sc->fetch = FETCH_TIME;
        } else if (dt[1] == 'a') {
            c->type = old ? MYSQL_TYPE_DATETIME : MYSQL_TYPE_DATETIME2;
            sc->fetch = FETCH_DATETIME;
        } else {
            c->type = old ? MYSQL_TYPE_TIMESTAMP : MYSQL_TYPE_TIMESTAMP2;
            sc->fetch = FETCH_TIMESTAMP;
        }
        c->meta = old ? 0 : c->fsp;
        return 0;
    }
    if (strcmp(dt, "char") == 0 || strcmp(dt, "binary") == 0) {
        if (!ic->has_octets || ic->octets > 0xffff)
            return snapshot_table_error(s, BB_ERR_SERVER, err, "column %s: CHAR without a valid octet "
                                        "length", ic->name);
        uint32_t len = (uint32_t)ic->octets;
        c->type = MYSQL_TYPE_STRING;
        c->max_length = len;
        c->length_bytes = len > 255 ? 2 : 1;
        c->meta = (uint16_t)((MYSQL_TYPE_STRING ^ ((len & 0x300) >> 4)) << 8 | (len & 0xff));
        return 0;
    }
    if (strcmp(dt, "varchar") == 0 || strcmp(dt, "varbinary") == 0) {
        if (!ic->has_octets || ic->octets > 0xfffe)
            return snapshot_table_error(s, BB_ERR_SERVER, err, "column %s: VARCHAR without a valid octet "
                                        "length", ic->name);
        bool z = s->mariadb && contains_ci(ic->column_type, "COMPRESSED");
        uint32_t max = (uint32_t)ic->octets + (z ? 1 : 0);
        c->type = z ? BB_TYPE_VARCHAR_COMPRESSED : MYSQL_TYPE_VARCHAR;
        c->max_length = max;
        c->length_bytes = max > 255 ? 2 : 1;
        c->meta = (uint16_t)max;
        return 0;
    }
    /* MariaDB's JSON is a LONGTEXT (information_schema says longtext) */
    if ((lb = blob_length_bytes(dt)) > 0 || (s->mariadb && strcmp(dt, "json") == 0)) {
        lb = lb ? lb : 4;
        bool z = s->mariadb && contains_ci(ic->column_type, "COMPRESSED");
        c->type = z ? BB_TYPE_BLOB_COMPRESSED : MYSQL_TYPE_BLOB;
        c->length_bytes = (uint8_t)lb;
        c->meta = (uint16_t)lb;
        return 0;
    }
    if (strcmp(dt, "json") == 0 && !s->mariadb) {
        c->type = MYSQL_TYPE_JSON;
        c->length_bytes = 4;
        c->meta = 4;
        sc->fetch = FETCH_JSON;
        expr->pre = "CAST(";
        expr->post = " AS CHAR CHARACTER SET utf8mb4)";
        return 0;
    }
    if (strcmp(dt, "enum") == 0 || strcmp(dt, "set") == 0) {
        bool e = dt[0] == 'e';
        if (!parse_labels(s, ic->column_type, c))
            return snapshot_table_error(s, BB_ERR_SERVER, err, "column %s: cannot read the labels of %s",
                                        ic->name, ic->column_type);
        if (!e && c->nlabels > 64)
            return snapshot_table_error(s, BB_ERR_SERVER, err, "column %s: SET of %u labels", ic->name,
                                        c->nlabels);
        uint32_t pack = e ? (c->nlabels < 256 ? 1 : 2)
                          : ((c->nlabels + 7) / 8 > 4 ? 8 : (c->nlabels + 7) / 8);
        if (pack == 0)
            pack = 1;
        c->type = e ? MYSQL_TYPE_ENUM : MYSQL_TYPE_SET;
        c->max_length = pack;
        c->meta = (uint16_t)(c->type << 8 | pack);
        sc->fetch = e ? FETCH_ENUM : FETCH_SET;
        expr->pre = "CAST(";
        expr->post = " AS UNSIGNED)";
        return 0;
    }
    if (strcmp(dt, "bit") == 0) {
        if (!ic->has_precision || ic->precision < 1 || ic->precision > 64)
            return snapshot_table_error(s, BB_ERR_SERVER, err, "column %s: BIT without a valid width",
                                        ic->name);
        uint32_t w = (uint32_t)ic->precision;
        c->type = MYSQL_TYPE_BIT;
        c->max_length = w;
        c->meta = (uint16_t)((w / 8) << 8 | (w % 8));
        sc->fetch = FETCH_BIT;
        return 0;
    }
    if ((geo = geometry_type(dt)) >= 0) {
        c->type = MYSQL_TYPE_GEOMETRY;
        c->length_bytes = 4;
        c->meta = 4;
        c->geometry_type = (uint8_t)geo;
        sc->kind = BB_VALUE_GEOMETRY;
        return 0;
    }
    if (s->mariadb && (strcmp(dt, "inet6") == 0 || strcmp(dt, "uuid") == 0 ||
                       strcmp(dt, "inet4") == 0)) {
        /* Type plugins over BINARY(n): SELECT shows their text, the binlog
         * has the stored bytes. */
        uint32_t len = dt[4] == '4' ? 4 : 16;
        c->type = MYSQL_TYPE_STRING;
        c->max_length = len;
        c->length_bytes = 1;
        c->meta = (uint16_t)(MYSQL_TYPE_STRING << 8 | len);
        expr->pre = "CAST(";
        expr->post = len == 4 ? " AS BINARY(4))" : " AS BINARY(16))";
        return 0;
    }
    if (strcmp(dt, "vector") == 0 && !s->mariadb) {
        const char *p = strchr(ic->column_type, '(');
        uint64_t dim = 0;
        if (p)
            dim = strtoull(p + 1, NULL, 10);
        c->type = BB_TYPE_VECTOR;
        c->length_bytes = 4;
        c->meta = 4;
        c->vector_dim = (uint32_t)dim;
        sc->fetch = FETCH_HEX;
        sc->kind = BB_VALUE_VECTOR;
        expr->pre = "HEX(";
        expr->post = ")";
        return 0;
    }
    return snapshot_table_error(s, BB_ERR_UNSUPPORTED, err, "column %s: type %s cannot be read by a "
                                "snapshot", ic->name, ic->column_type);
}

int snapshot_describe_table(struct snapshot *s, struct bb_error *err)
{
    struct is_column *ic = NULL;
    uint32_t ncols = 0;
    int rc = read_columns(s, &ic, &ncols, err);
    if (rc < 0)
        return rc;
    if (s->mariadb && (rc = read_json_checks(s, ic, ncols, err)) < 0)
        return rc;
    struct index_info *ii = malloc(sizeof *ii);
    if (!ii)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    if ((rc = read_indexes(s, ic, ncols, ii, err)) < 0) {
        free(ii);
        return rc;
    }
    struct bb_table *t = &s->table;
    uint32_t total = ncols + ii->nhash;
    t->cols = bb_arena_calloc(&s->mem, total * sizeof *t->cols);
    s->row = bb_arena_calloc(&s->mem, total * sizeof *s->row);
    s->cols = calloc(total, sizeof *s->cols);
    s->binds = calloc(ncols, sizeof *s->binds);
    struct select_expr *exprs = calloc(ncols, sizeof *exprs);
    uint32_t *pk = ii->npk ? bb_arena_alloc(&s->mem, ii->npk * sizeof *pk) : NULL;
    if (!t->cols || !s->row || !s->cols || !s->binds || !exprs || (ii->npk && !pk)) {
        free(ii);
        free(exprs);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    t->ncols = total;
    s->nselect = ncols;
    t->flags = 1; /* TM_BIT_LEN_EXACT_F, as both servers write it */
    t->has_names = true;
    for (uint32_t i = 0; i < total; i++) {
        bb_buf_init(&s->cols[i].scratch);
        s->row[i].col = &t->cols[i];
    }
    for (uint32_t i = 0; i < ncols && rc == 0; i++) {
        struct bb_column *c = &t->cols[i];
        rc = describe_column(s, &ic[i], c, &s->cols[i], &exprs[i], err);
        if (rc < 0)
            break;
        if (column_type_is_character(c->type) || column_type_is_enum_or_set(c->type))
            c->charset = ic[i].collation ? server_collation_id(&s->collations, ic[i].collation)
                                         : column_type_is_character(c->type) ? 63 : 0;
        if (s->cols[i].fetch == FETCH_BYTES && s->cols[i].kind == 0)
            s->cols[i].kind = c->charset == 63 ? BB_VALUE_BINARY : BB_VALUE_STRING;
        if (ic[i].json && c->type == MYSQL_TYPE_BLOB && c->length_bytes == 4 && c->charset != 63)
            c->json_text = true;
    }
    for (uint32_t k = 0; k < ii->nhash && rc == 0; k++)
        rc = add_hash_column(s, ncols + k, ii->hash_nullable[k], err);
    if (rc == 0 && ii->npk) {
        memcpy(pk, ii->pk, ii->npk * sizeof *pk);
        for (uint32_t k = 0; k < ii->npk; k++)
            t->cols[pk[k]].in_primary_key = true;
        t->pk = pk;
        t->npk = ii->npk;
    }
    free(ii);
    if (rc == 0 && s->mariadb)
        rc = read_labels_mariadb(s, err);
    if (rc == 0) {
        /* SELECT expr, ... FROM `schema`.`table` */
        struct bb_buf *q = &s->sql;
        bb_buf_reset(q);
        bb_buf_puts(q, "SELECT ");
        for (uint32_t i = 0; i < ncols; i++) {
            if (i)
                bb_buf_puts(q, ", ");
            if (exprs[i].pre)
                bb_buf_puts(q, exprs[i].pre);
            snapshot_put_ident(q, t->cols[i].name);
            if (exprs[i].post)
                bb_buf_puts(q, exprs[i].post);
        }
        bb_buf_puts(q, " FROM ");
        snapshot_put_ident(q, t->schema);
        bb_buf_putc(q, '.');
        snapshot_put_ident(q, t->name);
        rc = bb_buf_check(q, err);
    }
    free(exprs);
    return rc;
}
