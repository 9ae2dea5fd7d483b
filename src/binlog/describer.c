/* describer.c - a table's description from information_schema (COLUMNS,
 * CHECK_CONSTRAINTS, STATISTICS, TABLES, COLLATIONS; on MariaDB the
 * ENUM/SET labels from the server itself), as the TABLE_MAP of the same
 * server with binlog_row_metadata=FULL describes it (see describer.h).
 *
 * ENUM/SET labels: information_schema's COLUMN_TYPE is utf8mb3 and shows
 * characters beyond the BMP as '?'. On MariaDB the labels' own bytes come
 * from the server: a compound statement assigns each index to a variable
 * declared TYPE OF the column and returns HEX() of it, the label in the
 * column's charset, converted to UTF-8 here as the decoder converts the
 * TABLE_MAP's. Where the server cannot run it (MariaDB < 10.1: no compound
 * statements; a user who may not read the table) and on MySQL, the labels
 * are COLUMN_TYPE's. */
#include "binlog/describer.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <mysqld_error.h>

#include "base/hex.h"
#include "base/buf.h"
#include "base/charset.h"
#include "base/error.h"
#include "binlog/decode_value.h"
#include "mysql/row_key.h"
#include "mysql/server_conn.h"

/* The most columns a table can have (MySQL 4096, MariaDB 4096). */
#define MAX_COLUMNS 4096
/* The most long UNIQUE keys (hidden hash columns) described. */
#define MAX_HASH_KEYS 64
/* ENUM/SET labels per result set of the label statement. */
#define LABEL_CHUNK 256

/* ------------------------------------------------------------------ */
/* The server                                                          */

int describer_init(struct describer *d, MYSQL *conn, const char *where, const char *purpose,
                   struct bb_error *err)
{
    memset(d, 0, sizeof *d);
    d->conn = conn;
    d->where = where;
    d->purpose = purpose;
    bb_buf_init(&d->sql);
    d->mariadb = server_conn_is_mariadb(conn);
    d->version = mysql_get_server_version(conn);
    int rc = server_collations_load(conn, where, &d->collations, err);
    if (rc < 0 || !d->mariadb)
        return rc;
    /* The format of new temporal columns, MariaDB's best guess for old
     * columns before 10.5.1 marked them (servers before 10.0 have no such
     * variable, and only the old format). */
    MYSQL_RES *res = NULL;
    struct bb_error e = { 0 };
    rc = server_conn_query(conn, where, "reading mysql56_temporal_format",
                           "SELECT @@GLOBAL.mysql56_temporal_format", &res, &e);
    if (rc < 0 && e.server_errno != ER_UNKNOWN_SYSTEM_VARIABLE)
        return bb_error_copy(err, &e);
    MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
    d->mysql56_temporal = rc == 0 && (!row || !row[0] || strcmp(row[0], "0") != 0);
    if (res)
        mysql_free_result(res);
    return 0;
}

void describer_destroy(struct describer *d)
{
    if (!d)
        return;
    server_collations_free(&d->collations);
    bb_buf_destroy(&d->sql);
}

/* ------------------------------------------------------------------ */
/* The table being described                                           */

/* What information_schema.COLUMNS says of a column. */
struct is_column {
    const char *name;
    char *data_type;        /* lower case */
    const char *column_type;
    const char *collation;  /* NULL for numbers and binary strings */
    const char *extra;
    bool nullable;
    uint64_t precision, scale, dt_precision, octets;
    bool has_precision, has_scale, has_octets;
    bool json;              /* CHECK (json_valid(`c`)) */
};

struct job {
    struct describer *d;
    const char *schema, *table;
    struct bb_arena *mem;
    struct is_column *ic;   /* nlisted */
    uint32_t nlisted;
    struct bb_table *t;
};

/* "server H:P: <purpose> of db.t: <why>" */
static int table_error(struct job *j, int code, int server_errno, struct bb_error *err,
                       const char *fmt, ...) BB_PRINTF(5, 6);
static int table_error(struct job *j, int code, int server_errno, struct bb_error *err,
                       const char *fmt, ...)
{
    char why[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return bb_error_set_server(err, code, server_errno, "server %s: %s of %s.%s: %s",
                               j->d->where, j->d->purpose, j->schema, j->table, why);
}

/* Run the statement in d->sql about the table: "<purpose> of db.t: <what>"
 * in its error. */
static int query(struct job *j, const char *what, MYSQL_RES **res, struct bb_error *err)
{
    int rc = bb_buf_check(&j->d->sql, err);
    if (rc < 0)
        return rc;
    char label[400];
    snprintf(label, sizeof label, "%s of %s.%s: %s", j->d->purpose, j->schema, j->table, what);
    return server_conn_query(j->d->conn, j->d->where, label, j->d->sql.data, res, err);
}

static char *dup(struct job *j, const char *p)
{
    return p ? bb_arena_strndup(j->mem, p, strlen(p)) : NULL;
}

/* " WHERE <schema_col> = 'db' AND TABLE_NAME = 't'" */
static void put_where(struct job *j, const char *schema_col)
{
    struct bb_buf *q = &j->d->sql;
    bb_buf_printf(q, " WHERE %s = ", schema_col);
    server_quote_literal(j->d->conn, q, j->schema);
    bb_buf_puts(q, " AND TABLE_NAME = ");
    server_quote_literal(j->d->conn, q, j->table);
}

static int read_columns(struct job *j, struct bb_error *err)
{
    struct bb_buf *q = &j->d->sql;
    bb_buf_reset(q);
    bb_buf_puts(q, "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, NUMERIC_PRECISION, "
                   "NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_OCTET_LENGTH, COLLATION_NAME, "
                   "EXTRA FROM information_schema.COLUMNS");
    put_where(j, "TABLE_SCHEMA");
    bb_buf_puts(q, " ORDER BY ORDINAL_POSITION");
    MYSQL_RES *res = NULL;
    int rc = query(j, "reading the columns", &res, err);
    if (rc < 0)
        return rc;
    uint64_t rows = res ? mysql_num_rows(res) : 0;
    if (rows == 0 || rows > MAX_COLUMNS) {
        if (res)
            mysql_free_result(res);
        if (rows)
            return table_error(j, BB_ERR_SERVER, 0, err, "%llu columns (%d at most)",
                               (unsigned long long)rows, MAX_COLUMNS);
        return table_error(j, BB_ERR_SERVER, ER_NO_SUCH_TABLE, err, "no such table");
    }
    struct is_column *cols = bb_arena_calloc(j->mem, (size_t)rows * sizeof *cols);
    if (!cols) {
        mysql_free_result(res);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    MYSQL_ROW row;
    uint32_t k = 0;
    while (k < rows && (row = mysql_fetch_row(res))) {
        struct is_column *c = &cols[k++];
        c->name = dup(j, row[0] ? row[0] : "");
        c->data_type = dup(j, row[1] ? row[1] : "");
        c->column_type = dup(j, row[2] ? row[2] : "");
        c->nullable = row[3] && strcmp(row[3], "YES") == 0;
        c->has_precision = server_row_u64(row[4], &c->precision);
        c->has_scale = server_row_u64(row[5], &c->scale);
        server_row_u64(row[6], &c->dt_precision);
        c->has_octets = server_row_u64(row[7], &c->octets);
        c->collation = dup(j, row[8]);
        c->extra = dup(j, row[9] ? row[9] : "");
        if (!c->name || !c->data_type || !c->column_type || !c->extra || (row[8] && !c->collation))
            break;
        for (char *p = c->data_type; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    }
    mysql_free_result(res);
    if (k != rows || !cols[rows - 1].extra)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    j->ic = cols;
    j->nlisted = (uint32_t)rows;
    return 0;
}

/* MariaDB's JSON columns are LONGTEXT with CHECK (json_valid(`c`)); only
 * that constraint tells them apart (a MySQL LONGTEXT with the same check
 * holds JSON text as surely). Servers without CHECK_CONSTRAINTS (MariaDB <
 * 10.2.22, MySQL < 8.0.16) have none to find: only a lost connection is
 * an error. */
static int read_json_checks(struct job *j, struct bb_error *err)
{
    struct bb_buf *q = &j->d->sql;
    bb_buf_reset(q);
    bb_buf_puts(q, "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS");
    put_where(j, "CONSTRAINT_SCHEMA");
    MYSQL_RES *res = NULL;
    struct bb_error e = { 0 };
    if (query(j, "reading the check constraints", &res, &e) < 0)
        return e.code == BB_ERR_IO || e.code == BB_ERR_NOMEM ? bb_error_copy(err, &e) : 0;
    MYSQL_ROW row;
    while (res && (row = mysql_fetch_row(res))) {
        size_t len;
        const char *name = server_json_check_column(row[0], &len);
        for (uint32_t i = 0; name && i < j->nlisted; i++)
            if (strlen(j->ic[i].name) == len && strncasecmp(j->ic[i].name, name, len) == 0)
                j->ic[i].json = true;
    }
    if (res)
        mysql_free_result(res);
    return 0;
}

/* What the indexes add: the row key and the long UNIQUE keys. */
struct index_info {
    uint32_t npk;
    uint32_t pk[ROW_KEY_MAX_PARTS];
    /* MariaDB's long UNIQUE keys (USING HASH over BLOB/TEXT or long
     * columns): each has a hidden BIGINT UNSIGNED column DB_ROW_HASH_<n>,
     * after all others, that the binlog carries and no SELECT can read. */
    uint32_t nhash;
    bool hash_nullable[MAX_HASH_KEYS];
};

static int listed_column(const char *name, void *ctx)
{
    const struct job *j = ctx;
    for (uint32_t i = 0; i < j->nlisted; i++)
        if (strcasecmp(j->ic[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* The row key (row_key.h) and MariaDB's long UNIQUE keys. */
static int read_indexes(struct job *j, struct index_info *info, struct bb_error *err)
{
    memset(info, 0, sizeof *info);
    struct bb_buf *q = &j->d->sql;
    bb_buf_reset(q);
    bb_buf_puts(q, "SELECT " ROW_INDEX_COLUMNS " FROM information_schema.STATISTICS");
    put_where(j, "TABLE_SCHEMA");
    MYSQL_RES *res = NULL;
    int rc = query(j, "reading the indexes", &res, err);
    if (rc < 0)
        return rc;
    struct row_indexes ix;
    rc = row_indexes_read(res, listed_column, j, &ix, err);
    if (res)
        mysql_free_result(res);
    if (rc < 0)
        return rc;
    bool native = true;
    if (ix.any_unique_hash && j->d->mariadb)
        rc = row_indexes_native_hash(j->d->conn, j->d->where, j->schema, j->table, &native, err);
    for (size_t i = 0; i < ix.n && rc == 0; i++) {
        if (!row_index_is_long_unique(&ix.v[i], native))
            continue;
        if (info->nhash == MAX_HASH_KEYS) {
            rc = table_error(j, BB_ERR_UNSUPPORTED, 0, err, "more than %d long UNIQUE keys",
                             MAX_HASH_KEYS);
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

/* ------------------------------------------------------------------ */
/* ENUM/SET labels                                                     */

/* Labels collected in the arena (server_parse_labels). */
struct labels {
    struct bb_arena *mem;
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
    if (!(l->v[l->n] = bb_arena_strndup(l->mem, label, len)))
        return false;
    l->lens[l->n++] = (uint32_t)len;
    return true;
}

/* The labels of an ENUM/SET column from its COLUMN_TYPE; false when the
 * text is not of that form (or holds more than 65535). */
static bool parse_labels(struct job *j, const char *type, struct bb_column *col)
{
    struct labels l = { j->mem, NULL, NULL, 0, 0 };
    bool ok = server_parse_labels(type, add_label, &l) && l.n <= 65535;
    const char **out = ok ? bb_arena_alloc(j->mem, l.n * sizeof *out + 1) : NULL;
    uint32_t *outl = ok ? bb_arena_alloc(j->mem, l.n * sizeof *outl + 1) : NULL;
    ok = out && outl;
    if (ok) {
        if (l.n) {
            memcpy(out, l.v, l.n * sizeof *out);
            memcpy(outl, l.lens, l.n * sizeof *outl);
        }
        col->labels = out;
        col->label_lens = outl;
        col->nlabels = (uint32_t)l.n;
    }
    free(l.v);
    free(l.lens);
    return ok;
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
static int take_label_chunk(struct job *j, const struct bb_column *c, struct label_set *ls,
                            const char *hex, unsigned long len, struct bb_buf *tmp,
                            struct bb_error *err)
{
    const char *p = hex, *end = hex + len;
    while (p < end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        size_t n = comma ? (size_t)(comma - p) : 0;
        if (!comma || n % 2 || ls->n >= c->nlabels)
            return table_error(j, BB_ERR_SERVER, 0, err, "column %s: the server's labels do not "
                               "match its COLUMN_TYPE", c->name);
        uint8_t *bytes = bb_arena_alloc(j->mem, n / 2 + 1);
        if (!bytes)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        for (size_t i = 0; i < n / 2; i++) {
            int hi = bb_hex_digit((unsigned char)p[2 * i]);
            int lo = bb_hex_digit((unsigned char)p[2 * i + 1]);
            if (hi < 0 || lo < 0)
                return table_error(j, BB_ERR_SERVER, 0, err, "column %s: label is not hex",
                                   c->name);
            bytes[i] = (uint8_t)(hi << 4 | lo);
        }
        bb_buf_reset(tmp);
        int rc = charset_to_utf8(c->charset, bytes, n / 2, tmp, err);
        if (rc == 0)
            rc = bb_buf_check(tmp, err);
        if (rc < 0) {
            bb_error_prefix(err, "server %s: %s of %s.%s: label %u of column %s", j->d->where,
                            j->d->purpose, j->schema, j->table, ls->n + 1, c->name);
            return rc;
        }
        const char *label = bb_arena_strndup(j->mem, tmp->data ? tmp->data : "", tmp->len);
        if (!label)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        ls->labels[ls->n] = label;
        ls->lens[ls->n] = (uint32_t)tmp->len;
        ls->n++;
        p = comma + 1;
    }
    return 0;
}

/* The label statement failed: with no compound statements (MariaDB <
 * 10.1) or no right to open the table, COLUMN_TYPE's labels stand. */
static bool keep_column_type_labels(unsigned e)
{
    return e == ER_PARSE_ERROR || e == ER_TABLEACCESS_DENIED_ERROR ||
           e == ER_COLUMNACCESS_DENIED_ERROR;
}

/* MariaDB: the labels' own bytes. For each ENUM/SET column k, a variable
 * TYPE OF the column takes each index (ENUM) or single bit (SET) in turn;
 * HEX() of it is the label in the column's charset. Results come as rows
 * (k, "HEX,HEX,...,") of up to LABEL_CHUNK labels. */
static int read_labels_mariadb(struct job *j, struct bb_error *err)
{
    struct bb_table *t = j->t;
    MYSQL *m = j->d->conn;
    struct bb_buf *q = &j->d->sql;
    bb_buf_reset(q);
    bb_buf_puts(q, "BEGIN NOT ATOMIC DECLARE i BIGINT UNSIGNED DEFAULT 0; "
                   "DECLARE r LONGTEXT CHARACTER SET latin1 DEFAULT '';");
    bool any = false;
    for (uint32_t k = 0; k < j->nlisted; k++) {
        const struct bb_column *c = &t->cols[k];
        if (!column_type_is_enum_or_set(c->type) || c->nlabels == 0)
            continue;
        bb_buf_printf(q, " DECLARE v%u TYPE OF ", (unsigned)k);
        server_quote_table(q, j->schema, j->table);
        bb_buf_putc(q, '.');
        server_quote_ident(q, c->name);
        bb_buf_putc(q, ';');
        any = true;
    }
    if (!any)
        return 0;
    for (uint32_t k = 0; k < j->nlisted; k++) {
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
    int rc = bb_buf_check(q, err);
    if (rc < 0)
        return rc;
    if (mysql_real_query(m, q->data, (unsigned long)q->len) != 0) {
        if (keep_column_type_labels(mysql_errno(m)))
            return 0;
        return server_conn_fail(m, err, "server %s: %s of %s.%s: reading ENUM/SET labels",
                                j->d->where, j->d->purpose, j->schema, j->table);
    }
    struct label_set *sets = calloc(j->nlisted, sizeof *sets);
    struct bb_buf tmp;
    bb_buf_init(&tmp);
    rc = sets ? 0 : bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    for (uint32_t k = 0; rc == 0 && k < j->nlisted; k++) {
        const struct bb_column *c = &t->cols[k];
        if (!column_type_is_enum_or_set(c->type) || c->nlabels == 0)
            continue;
        sets[k].labels = bb_arena_alloc(j->mem, c->nlabels * sizeof *sets[k].labels);
        sets[k].lens = bb_arena_alloc(j->mem, c->nlabels * sizeof *sets[k].lens);
        if (!sets[k].labels || !sets[k].lens)
            rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    /* Read every result, even after a failure: nothing may be left
     * pending on the connection. */
    int status;
    do {
        MYSQL_RES *res = mysql_store_result(m);
        if (!res) {
            if (mysql_field_count(m) != 0 && rc == 0)
                rc = server_conn_fail(m, err, "server %s: %s of %s.%s: reading ENUM/SET labels",
                                      j->d->where, j->d->purpose, j->schema, j->table);
            continue;
        }
        MYSQL_ROW row;
        while (rc == 0 && (row = mysql_fetch_row(res))) {
            unsigned long *l = mysql_fetch_lengths(res);
            uint64_t k;
            if (!server_row_u64(row[0], &k) || k >= j->nlisted || !sets[k].labels) {
                rc = table_error(j, BB_ERR_SERVER, 0, err,
                                 "unexpected row from the label statement");
                break;
            }
            rc = take_label_chunk(j, &t->cols[k], &sets[k], row[1] ? row[1] : "",
                                  row[1] ? l[1] : 0, &tmp, err);
        }
        mysql_free_result(res);
    } while ((status = mysql_next_result(m)) == 0);
    if (status > 0 && rc == 0)
        rc = server_conn_fail(m, err, "server %s: %s of %s.%s: reading ENUM/SET labels",
                              j->d->where, j->d->purpose, j->schema, j->table);
    for (uint32_t k = 0; rc == 0 && k < j->nlisted; k++)
        if (sets[k].labels && sets[k].n != t->cols[k].nlabels)
            rc = table_error(j, BB_ERR_SERVER, 0, err, "column %s: %u labels from the server, "
                             "%u in COLUMN_TYPE", t->cols[k].name, sets[k].n, t->cols[k].nlabels);
    for (uint32_t k = 0; rc == 0 && k < j->nlisted; k++) {
        if (!sets[k].labels)
            continue;
        t->cols[k].labels = sets[k].labels;
        t->cols[k].label_lens = sets[k].lens;
    }
    bb_buf_destroy(&tmp);
    free(sets);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Columns                                                             */

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

/* The binlog type and metadata of one column, as TABLE_MAP gives them. */
static int describe_column(struct job *j, const struct is_column *ic, struct bb_column *c,
                           struct bb_error *err)
{
    const struct describer *d = j->d;
    const char *dt = ic->data_type;
    bool uns = strcasestr(ic->column_type, "unsigned") != NULL;
    int lb, geo;
    c->name = ic->name;
    c->nullable = ic->nullable;
    /* MariaDB's INVISIBLE columns are ordinary ones in the binlog. */
    c->visible = d->mariadb || !strcasestr(ic->extra, "INVISIBLE");

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
        return 0;
    }
    if (strcmp(dt, "float") == 0 || strcmp(dt, "double") == 0 || strcmp(dt, "real") == 0 ||
        strcmp(dt, "double precision") == 0) {
        bool f = strcmp(dt, "float") == 0;
        c->type = f ? MYSQL_TYPE_FLOAT : MYSQL_TYPE_DOUBLE;
        c->meta = f ? 4 : 8;
        c->signedness_known = true;
        c->is_unsigned = uns;
        return 0;
    }
    if (strcmp(dt, "decimal") == 0 || strcmp(dt, "numeric") == 0) {
        if (!ic->has_precision || !ic->has_scale || ic->precision < 1 || ic->precision > 65 ||
            ic->scale > 38 || ic->scale > ic->precision)
            return table_error(j, BB_ERR_SERVER, 0, err, "column %s: DECIMAL without a valid "
                               "precision and scale", ic->name);
        c->type = MYSQL_TYPE_NEWDECIMAL;
        c->precision = (uint8_t)ic->precision;
        c->scale = (uint8_t)ic->scale;
        c->meta = (uint16_t)(c->precision << 8 | c->scale);
        c->signedness_known = true;
        c->is_unsigned = uns;
        return 0;
    }
    if (strcmp(dt, "year") == 0) {
        c->type = MYSQL_TYPE_YEAR;
        /* MariaDB's SIGNEDNESS covers YEAR (a TINYINT underneath: unsigned) */
        c->signedness_known = c->is_unsigned = d->mariadb;
        return 0;
    }
    if (strcmp(dt, "date") == 0) {
        c->type = MYSQL_TYPE_DATE;
        return 0;
    }
    if (strcmp(dt, "time") == 0 || strcmp(dt, "datetime") == 0 || strcmp(dt, "timestamp") == 0) {
        if (ic->dt_precision > 6)
            return table_error(j, BB_ERR_SERVER, 0, err, "column %s: DATETIME_PRECISION %llu",
                               ic->name, (unsigned long long)ic->dt_precision);
        /* MariaDB marks columns still in its 5.3 format (10.5.1+); before,
         * the server's default for new columns is the best guess. */
        bool old = d->mariadb && (strcasestr(ic->column_type, "mariadb-5.3") ||
                                  (d->version < 100501 && !d->mysql56_temporal));
        c->fsp = (uint8_t)ic->dt_precision;
        if (strcmp(dt, "time") == 0)
            c->type = old ? MYSQL_TYPE_TIME : MYSQL_TYPE_TIME2;
        else if (strcmp(dt, "datetime") == 0)
            c->type = old ? MYSQL_TYPE_DATETIME : MYSQL_TYPE_DATETIME2;
        else
            c->type = old ? MYSQL_TYPE_TIMESTAMP : MYSQL_TYPE_TIMESTAMP2;
        c->meta = old ? 0 : c->fsp;
        return 0;
    }
    if (strcmp(dt, "char") == 0 || strcmp(dt, "binary") == 0) {
        if (!ic->has_octets || ic->octets > 0xffff)
            return table_error(j, BB_ERR_SERVER, 0, err, "column %s: CHAR without a valid octet "
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
            return table_error(j, BB_ERR_SERVER, 0, err, "column %s: VARCHAR without a valid "
                               "octet length", ic->name);
        bool z = d->mariadb && strcasestr(ic->column_type, "COMPRESSED");
        uint32_t max = (uint32_t)ic->octets + (z ? 1 : 0);
        c->type = z ? BB_TYPE_VARCHAR_COMPRESSED : MYSQL_TYPE_VARCHAR;
        c->max_length = max;
        c->length_bytes = max > 255 ? 2 : 1;
        c->meta = (uint16_t)max;
        return 0;
    }
    /* MariaDB's JSON is a LONGTEXT (information_schema says longtext) */
    if ((lb = blob_length_bytes(dt)) > 0 || (d->mariadb && strcmp(dt, "json") == 0)) {
        lb = lb ? lb : 4;
        bool z = d->mariadb && strcasestr(ic->column_type, "COMPRESSED");
        c->type = z ? BB_TYPE_BLOB_COMPRESSED : MYSQL_TYPE_BLOB;
        c->length_bytes = (uint8_t)lb;
        c->meta = (uint16_t)lb;
        return 0;
    }
    if (strcmp(dt, "json") == 0) {
        c->type = MYSQL_TYPE_JSON;
        c->length_bytes = 4;
        c->meta = 4;
        return 0;
    }
    if (strcmp(dt, "enum") == 0 || strcmp(dt, "set") == 0) {
        bool e = dt[0] == 'e';
        if (!parse_labels(j, ic->column_type, c))
            return table_error(j, BB_ERR_SERVER, 0, err, "column %s: cannot read the labels of "
                               "%s", ic->name, ic->column_type);
        if (!e && c->nlabels > 64)
            return table_error(j, BB_ERR_SERVER, 0, err, "column %s: SET of %u labels", ic->name,
                               c->nlabels);
        uint32_t pack = e ? (c->nlabels < 256 ? 1 : 2)
                          : ((c->nlabels + 7) / 8 > 4 ? 8 : (c->nlabels + 7) / 8);
        if (pack == 0)
            pack = 1;
        c->type = e ? MYSQL_TYPE_ENUM : MYSQL_TYPE_SET;
        c->max_length = pack;
        c->meta = (uint16_t)(c->type << 8 | pack);
        return 0;
    }
    if (strcmp(dt, "bit") == 0) {
        if (!ic->has_precision || ic->precision < 1 || ic->precision > 64)
            return table_error(j, BB_ERR_SERVER, 0, err, "column %s: BIT without a valid width",
                               ic->name);
        uint32_t w = (uint32_t)ic->precision;
        c->type = MYSQL_TYPE_BIT;
        c->max_length = w;
        c->meta = (uint16_t)((w / 8) << 8 | (w % 8));
        return 0;
    }
    if ((geo = geometry_type(dt)) >= 0) {
        c->type = MYSQL_TYPE_GEOMETRY;
        c->length_bytes = 4;
        c->meta = 4;
        c->geometry_type = (uint8_t)geo;
        return 0;
    }
    if (d->mariadb && (strcmp(dt, "inet6") == 0 || strcmp(dt, "uuid") == 0 ||
                       strcmp(dt, "inet4") == 0)) {
        /* Type plugins over BINARY(n): the binlog has the stored bytes. */
        uint32_t len = strcmp(dt, "inet4") == 0 ? 4 : 16;
        c->type = MYSQL_TYPE_STRING;
        c->max_length = len;
        c->length_bytes = 1;
        c->meta = (uint16_t)(MYSQL_TYPE_STRING << 8 | len);
        return 0;
    }
    if (strcmp(dt, "vector") == 0 && !d->mariadb) {
        const char *p = strchr(ic->column_type, '(');
        uint64_t dim = 0;
        if (p)
            dim = strtoull(p + 1, NULL, 10);
        c->type = BB_TYPE_VECTOR;
        c->length_bytes = 4;
        c->meta = 4;
        c->vector_dim = (uint32_t)dim;
        return 0;
    }
    return table_error(j, BB_ERR_UNSUPPORTED, 0, err, "column %s: type %s is unknown to "
                       "binbridge", ic->name, ic->column_type);
}

/* The hidden column of a long UNIQUE key at index at: DB_ROW_HASH_<n>, the
 * first n from 1 whose name no other column has (the server's rule). */
static int add_hash_column(struct job *j, uint32_t at, bool nullable, struct bb_error *err)
{
    struct bb_table *t = j->t;
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
    c->name = dup(j, name);
    if (!c->name)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    c->type = MYSQL_TYPE_LONGLONG;
    c->nullable = nullable;
    c->is_unsigned = c->signedness_known = true;
    c->visible = true;
    return 0;
}

int describer_table(struct describer *d, const char *schema, const char *table,
                    struct bb_arena *mem, struct table_description *out, struct bb_error *err)
{
    memset(out, 0, sizeof *out);
    struct job j = { d, schema, table, mem, NULL, 0, &out->table };
    struct bb_table *t = &out->table;
    t->schema = dup(&j, schema);
    t->name = dup(&j, table);
    if (!t->schema || !t->name)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    int rc = read_columns(&j, err);
    if (rc == 0)
        rc = read_json_checks(&j, err);
    struct index_info ii;
    if (rc == 0)
        rc = read_indexes(&j, &ii, err);
    if (rc < 0)
        return rc;
    uint32_t total = j.nlisted + ii.nhash;
    t->cols = bb_arena_calloc(mem, total * sizeof *t->cols);
    out->info = bb_arena_calloc(mem, total * sizeof *out->info);
    uint32_t *pk = ii.npk ? bb_arena_alloc(mem, ii.npk * sizeof *pk) : NULL;
    if (!t->cols || !out->info || (ii.npk && !pk))
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    t->ncols = total;
    t->flags = 1; /* TM_BIT_LEN_EXACT_F, as both servers write it */
    t->has_names = true;
    out->nlisted = j.nlisted;
    for (uint32_t i = 0; i < j.nlisted && rc == 0; i++) {
        const struct is_column *ic = &j.ic[i];
        struct bb_column *c = &t->cols[i];
        out->info[i].data_type = ic->data_type;
        out->info[i].column_type = ic->column_type;
        rc = describe_column(&j, ic, c, err);
        if (rc < 0)
            break;
        if (column_type_is_character(c->type) || column_type_is_enum_or_set(c->type))
            c->charset = ic->collation ? server_collation_id(&d->collations, ic->collation)
                                       : column_type_is_character(c->type) ? 63 : 0;
        if (ic->json && c->type == MYSQL_TYPE_BLOB && c->length_bytes == 4 && c->charset != 63)
            c->json_text = true;
    }
    for (uint32_t k = 0; k < ii.nhash && rc == 0; k++) {
        out->info[j.nlisted + k] = (struct described_column){ "bigint", "bigint(20) unsigned",
                                                              true };
        rc = add_hash_column(&j, j.nlisted + k, ii.hash_nullable[k], err);
    }
    if (rc == 0 && ii.npk) {
        memcpy(pk, ii.pk, ii.npk * sizeof *pk);
        for (uint32_t k = 0; k < ii.npk; k++)
            t->cols[pk[k]].in_primary_key = true;
        t->pk = pk;
        t->npk = ii.npk;
    }
    if (rc == 0 && d->mariadb)
        rc = read_labels_mariadb(&j, err);
    return rc;
}
