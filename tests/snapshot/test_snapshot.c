/* test_snapshot.c - snapshots (src/snapshot/) against the binlog, live
 * against the throwaway MariaDB of scripts/servers.sh.
 *
 * The proof that a snapshot row is the binlog's row: tables of every
 * column type the server has get rows with edge values; those rows are
 * read twice, from the binlog (a stream from the position before the
 * inserts) and from a snapshot, and for every row and column the two
 * values must have the same kind and representation and give
 * byte-identical bb_value_format_text and bb_value_format_json output; the
 * two table descriptions must agree field by field (names, types,
 * metadata, signedness, charsets, fractional digits, precision and scale,
 * labels, primary key).
 *
 * Criterion runs tests in parallel processes and other suites write to the
 * same server: each test works in its own database bbsnap_<tag>_<pid>,
 * reads the binlog with a schema filter and its own replica server id, and
 * changes global variables only under the named lock test_live_types.c
 * uses. */
#include <criterion/criterion.h>

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mysql.h>
#include <mysqld_error.h>

#include "binbridge.h"
#include "base/buf.h"
#include "values/json_binary.h"
#include "snapshot/snapshot.h"
#include "tests/testutil.h"

/* Defined in src/snapshot/snapshot_values.c for this test: MySQL's JSON
 * columns need it, and MySQL does not run here. */
int snapshot_json_text_to_binary(const char *text, size_t n, struct bb_buf *out,
                                 struct bb_error *err);

/* ------------------------------------------------------------------ */
/* Setup                                                               */

/* Temporal columns are created under this lock (test_live_types.c's): a
 * test there switches mysql56_temporal_format, the global that decides the
 * format of new columns, for a moment. */
#define TEMPORAL_LOCK "binbridge_mysql56_temporal_format"

static void lock(MYSQL *m, const char *name)
{
    char got[16];
    test_sql_value(m, got, sizeof got, "SELECT GET_LOCK('%s', 60)", name);
    cr_assert_str_eq(got, "1", "could not take the lock %s", name);
}

static void unlock(MYSQL *m, const char *name)
{
    test_sql(m, "DO RELEASE_LOCK('%s')", name);
}

/* Run CREATE statements under the temporal lock. */
static void create(struct live *L, const char *const *stmts)
{
    lock(L->m, TEMPORAL_LOCK);
    for (size_t i = 0; stmts[i]; i++)
        test_sql(L->m, "%s", stmts[i]);
    unlock(L->m, TEMPORAL_LOCK);
}

static void server_options(struct bb_server_options *o)
{
    test_server_options(o, 0x62650000u | ((uint32_t)getpid() & 0xffff));
}

static struct snapshot *open_snapshot(char *file, size_t size, uint64_t *pos)
{
    struct bb_server_options o;
    server_options(&o);
    struct bb_error err = { 0 };
    struct snapshot *s = NULL;
    int rc = snapshot_open(&s, &o, file, size, pos, &err);
    cr_assert_eq(rc, 0, "snapshot_open: %s", err.msg);
    cr_assert(s);
    cr_assert(*file, "snapshot_open gave no binlog file");
    return s;
}

static struct bb_stream *open_stream(const char *file, uint64_t pos, const char *const *only)
{
    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_POSITION;
    o.start_file = file;
    o.start_pos = pos;
    struct bb_stream_options so;
    bb_stream_options_init(&so);
    so.filter.only_schemas = only;
    struct bb_error err = { 0 };
    struct bb_stream *s = NULL;
    cr_assert_eq(bb_stream_open_server(&s, &o, &so, &err), 0, "bb_stream_open_server: %s",
                 err.msg);
    return s;
}

/* ------------------------------------------------------------------ */
/* Values and descriptions kept from the binlog                        */

/* One value: its kind, representation and both renderings. */
struct cell {
    uint8_t kind;
    uint64_t u;              /* INT, UINT, YEAR, ENUM, SET, BIT; FLOAT/DOUBLE bits */
    struct bb_time tm;
    int64_t sec;
    uint32_t usec;
    uint8_t *bytes;          /* DECIMAL, STRING, BINARY, JSON, GEOMETRY, VECTOR */
    size_t nbytes;
    char *text, *json;
    size_t ntext, njson;
};

static char *render(const struct bb_value *v, bool json, size_t *len, const char *where)
{
    struct bb_buf b;
    bb_buf_init(&b);
    struct bb_error err = { 0 };
    int rc = json ? bb_value_format_json(v, &b, &err) : bb_value_format_text(v, &b, &err);
    cr_assert_eq(rc, 0, "%s: bb_value_format_%s: %s", where, json ? "json" : "text", err.msg);
    bb_buf_putc(&b, '\0');
    cr_assert(!b.oom);
    *len = b.len - 1;
    return b.data;
}

static void cell_of(struct cell *c, const struct bb_value *v, const char *where)
{
    memset(c, 0, sizeof *c);
    c->kind = v->kind;
    switch (v->kind) {
    case BB_VALUE_INT: case BB_VALUE_UINT: case BB_VALUE_YEAR: case BB_VALUE_ENUM:
    case BB_VALUE_SET: case BB_VALUE_BIT:
        c->u = v->v.u;
        break;
    case BB_VALUE_FLOAT: {
        uint32_t b;
        memcpy(&b, &v->v.f, 4);
        c->u = b;
        break;
    }
    case BB_VALUE_DOUBLE:
        memcpy(&c->u, &v->v.d, 8);
        break;
    case BB_VALUE_DATE: case BB_VALUE_TIME: case BB_VALUE_DATETIME:
        c->tm = v->v.tm;
        break;
    case BB_VALUE_TIMESTAMP:
        c->sec = v->v.ts.sec;
        c->usec = v->v.ts.usec;
        break;
    case BB_VALUE_DECIMAL: case BB_VALUE_STRING: case BB_VALUE_BINARY: case BB_VALUE_JSON:
    case BB_VALUE_GEOMETRY: case BB_VALUE_VECTOR:
        c->nbytes = v->v.str.len;
        c->bytes = malloc(c->nbytes + 1);
        cr_assert(c->bytes);
        if (c->nbytes)
            memcpy(c->bytes, v->v.str.p, c->nbytes);
        break;
    default:
        break;
    }
    if (v->kind != BB_VALUE_NULL)
        c->text = render(v, false, &c->ntext, where);
    c->json = render(v, true, &c->njson, where);
}

static void cell_free(struct cell *c)
{
    free(c->bytes);
    free(c->text);
    free(c->json);
}

static bool same_time(const struct bb_time *a, const struct bb_time *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day &&
           a->hour == b->hour && a->minute == b->minute && a->second == b->second &&
           a->usec == b->usec && a->neg == b->neg;
}

/* Printable bytes for messages: C escapes, cut at 200 bytes. */
static char *shown(const char *p, size_t n)
{
    struct bb_buf b;
    bb_buf_init(&b);
    bb_buf_putc(&b, '\'');
    for (size_t i = 0; i < n && i < 200; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'')
            bb_buf_putc(&b, (char)c);
        else
            bb_buf_printf(&b, "\\x%02x", c);
    }
    bb_buf_puts(&b, n > 200 ? "'..." : "'");
    bb_buf_printf(&b, " (%zu bytes)", n);
    return b.data;
}

static void same_bytes(const char *where, const char *what, const char *a, size_t na,
                       const char *b, size_t nb)
{
    if (na == nb && (na == 0 || memcmp(a, b, na) == 0))
        return;
    char *x = shown(a, na), *y = shown(b, nb);
    cr_assert_fail("%s: %s differ: binlog %s, snapshot %s", where, what, x, y);
}

/* The snapshot's value v against the binlog's cell c. */
static void compare_value(const char *where, const struct cell *c, const struct bb_value *v)
{
    struct cell s;
    cell_of(&s, v, where);
    cr_assert_eq(s.kind, c->kind, "%s: kind %u in the snapshot, %u in the binlog", where,
                 s.kind, c->kind);
    cr_assert_eq(s.u, c->u, "%s: value 0x%llx in the snapshot, 0x%llx in the binlog", where,
                 (unsigned long long)s.u, (unsigned long long)c->u);
    cr_assert(same_time(&s.tm, &c->tm), "%s: time parts differ", where);
    cr_assert(s.sec == c->sec && s.usec == c->usec, "%s: timestamp %lld.%06u in the snapshot, "
              "%lld.%06u in the binlog", where, (long long)s.sec, s.usec, (long long)c->sec,
              c->usec);
    same_bytes(where, "bytes", (const char *)c->bytes, c->nbytes, (const char *)s.bytes,
               s.nbytes);
    same_bytes(where, "text forms", c->text, c->ntext, s.text, s.ntext);
    same_bytes(where, "JSON forms", c->json, c->njson, s.json, s.njson);
    cell_free(&s);
}

/* A deep copy of a table description. */
struct desc {
    struct bb_table t;
    struct bb_column *cols;
};

static char *dup_bytes(const char *p, size_t n)
{
    char *d = malloc(n + 1);
    cr_assert(d);
    if (n)
        memcpy(d, p, n);
    d[n] = '\0';
    return d;
}

static struct desc *desc_copy(const struct bb_table *t)
{
    struct desc *d = calloc(1, sizeof *d);
    cr_assert(d);
    d->t = *t;
    d->t.schema = dup_bytes(t->schema, strlen(t->schema));
    d->t.name = dup_bytes(t->name, strlen(t->name));
    d->cols = calloc(t->ncols, sizeof *d->cols);
    uint32_t *pk = calloc(t->npk + 1, sizeof *pk);
    cr_assert(d->cols && pk);
    for (uint32_t i = 0; i < t->npk; i++)
        pk[i] = t->pk[i];
    d->t.pk = pk;
    for (uint32_t i = 0; i < t->ncols; i++) {
        struct bb_column *c = &d->cols[i];
        *c = t->cols[i];
        c->name = c->name ? dup_bytes(c->name, strlen(c->name)) : NULL;
        if (c->nlabels) {
            const char **l = calloc(c->nlabels, sizeof *l);
            uint32_t *ll = calloc(c->nlabels, sizeof *ll);
            cr_assert(l && ll);
            for (uint32_t k = 0; k < c->nlabels; k++) {
                ll[k] = t->cols[i].label_lens[k];
                l[k] = dup_bytes(t->cols[i].labels[k], ll[k]);
            }
            c->labels = l;
            c->label_lens = ll;
        }
    }
    d->t.cols = d->cols;
    return d;
}

static void desc_free(struct desc *d)
{
    for (uint32_t i = 0; i < d->t.ncols; i++) {
        struct bb_column *c = &d->cols[i];
        free((char *)c->name);
        for (uint32_t k = 0; k < c->nlabels; k++)
            free((char *)c->labels[k]);
        free((void *)c->labels);
        free((void *)c->label_lens);
    }
    free(d->cols);
    free((void *)d->t.pk);
    free((char *)d->t.schema);
    free((char *)d->t.name);
    free(d);
}

/* Every field of the snapshot's description against the binlog's. */
static void compare_desc(const struct bb_table *b, const struct bb_table *s)
{
    const char *tn = b->name;
    cr_assert_str_eq(s->schema, b->schema);
    cr_assert_str_eq(s->name, b->name);
    cr_assert_eq(s->ncols, b->ncols, "%s: %u columns in the snapshot, %u in the binlog", tn,
                 s->ncols, b->ncols);
    cr_assert_eq(s->flags, b->flags, "%s: flags %u, binlog %u", tn, s->flags, b->flags);
    cr_assert_eq(s->has_names, b->has_names, "%s: has_names", tn);
    cr_assert_eq(s->npk, b->npk, "%s: %u primary key columns in the snapshot, %u in the binlog",
                 tn, s->npk, b->npk);
    for (uint32_t k = 0; k < b->npk; k++)
        cr_assert_eq(s->pk[k], b->pk[k], "%s: primary key part %u is column %u, binlog %u", tn,
                     k, s->pk[k], b->pk[k]);
    for (uint32_t i = 0; i < b->ncols; i++) {
        const struct bb_column *x = &b->cols[i], *y = &s->cols[i];
        const char *n = x->name;
        cr_assert_str_eq(y->name, x->name, "%s column %u", tn, i);
#define SAME(f) cr_assert_eq(y->f, x->f, "%s.%s: " #f " %lld in the snapshot, %lld in the binlog", \
                             tn, n, (long long)y->f, (long long)x->f)
        SAME(type);
        SAME(meta);
        SAME(nullable);
        SAME(is_unsigned);
        SAME(signedness_known);
        SAME(visible);
        SAME(in_primary_key);
        SAME(charset);
        SAME(fsp);
        SAME(precision);
        SAME(scale);
        SAME(length_bytes);
        SAME(max_length);
        SAME(geometry_type);
        SAME(vector_dim);
        SAME(nlabels);
#undef SAME
        for (uint32_t k = 0; k < x->nlabels; k++)
            same_bytes(n, "labels", x->labels[k], x->label_lens[k], y->labels[k],
                       y->label_lens[k]);
    }
}

/* The WRITE rows of each table of a database, read from the binlog. */
struct brow {
    struct cell *cells;
    bool matched;
};

struct btable {
    struct desc *d;
    struct brow *rows;
    size_t n, cap;
};

struct bcapture {
    struct btable tabs[64];
    size_t ntabs;
};

static struct btable *btable_of(struct bcapture *cap, const struct bb_table *t)
{
    for (size_t i = 0; i < cap->ntabs; i++)
        if (strcmp(cap->tabs[i].d->t.name, t->name) == 0)
            return &cap->tabs[i];
    cr_assert_lt(cap->ntabs, 64u);
    struct btable *bt = &cap->tabs[cap->ntabs++];
    memset(bt, 0, sizeof *bt);
    bt->d = desc_copy(t);
    return bt;
}

static void capture(const struct live *L, struct bcapture *cap)
{
    memset(cap, 0, sizeof *cap);
    const char *only[2] = { L->db, NULL };
    struct bb_stream *s = open_stream(L->file, L->pos, only);
    const struct bb_event *ev;
    struct bb_error err = { 0 };
    int rc;
    char where[256];
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        if (!bb_event_is_rows(ev) || ev->rows.kind != BB_ROWS_WRITE)
            continue;
        const struct bb_table *t = ev->rows.table;
        struct btable *bt = btable_of(cap, t);
        for (uint32_t r = 0; r < ev->rows.nrows; r++) {
            if (bt->n == bt->cap) {
                bt->cap = bt->cap ? bt->cap * 2 : 64;
                bt->rows = realloc(bt->rows, bt->cap * sizeof *bt->rows);
                cr_assert(bt->rows);
            }
            struct brow *br = &bt->rows[bt->n++];
            br->matched = false;
            br->cells = calloc(t->ncols, sizeof *br->cells);
            cr_assert(br->cells);
            for (uint32_t c = 0; c < t->ncols; c++) {
                snprintf(where, sizeof where, "binlog %s row %zu column %s", t->name, bt->n,
                         t->cols[c].name);
                cell_of(&br->cells[c], &ev->rows.rows[r].after[c], where);
            }
        }
    }
    cr_assert_eq(rc, 0, "stream from %s:%llu: %s", L->file, (unsigned long long)L->pos, err.msg);
    bb_stream_close(s);
}

static void capture_free(struct bcapture *cap)
{
    for (size_t i = 0; i < cap->ntabs; i++) {
        struct btable *bt = &cap->tabs[i];
        for (size_t r = 0; r < bt->n; r++) {
            for (uint32_t c = 0; c < bt->d->t.ncols; c++)
                cell_free(&bt->rows[r].cells[c]);
            free(bt->rows[r].cells);
        }
        free(bt->rows);
        desc_free(bt->d);
    }
}

/* Read `table` from the snapshot and compare it with the binlog's rows
 * (matched by the first column, whose values are unique in every test
 * table) and description. Returns the number of rows. */
static size_t compare_table(struct snapshot *snap, struct bcapture *cap, const char *db,
                            const char *table)
{
    struct btable *bt = NULL;
    for (size_t i = 0; i < cap->ntabs; i++)
        if (strcmp(cap->tabs[i].d->t.name, table) == 0)
            bt = &cap->tabs[i];
    cr_assert(bt, "no rows of %s in the binlog", table);
    const struct bb_table *t;
    struct bb_error err = { 0 };
    int rc = snapshot_table_begin(snap, db, table, &t, &err);
    cr_assert_eq(rc, 0, "snapshot_table_begin(%s): %s", table, err.msg);
    compare_desc(&bt->d->t, t);
    const struct bb_value *row;
    size_t n = 0;
    char where[300];
    while ((rc = snapshot_table_next(snap, &row, &err)) > 0) {
        n++;
        size_t klen;
        snprintf(where, sizeof where, "snapshot %s row %zu key", table, n);
        char *key = render(&row[0], true, &klen, where);
        struct brow *br = NULL;
        for (size_t r = 0; r < bt->n && !br; r++)
            if (!bt->rows[r].matched && bt->rows[r].cells[0].njson == klen &&
                memcmp(bt->rows[r].cells[0].json, key, klen) == 0)
                br = &bt->rows[r];
        cr_assert(br, "%s: snapshot row %zu with key %s is not in the binlog", table, n, key);
        br->matched = true;
        for (uint32_t c = 0; c < t->ncols; c++) {
            cr_assert_eq(row[c].col, &t->cols[c], "%s: value %u does not point to its column",
                         table, c);
            snprintf(where, sizeof where, "%s row %s column %s", table, key, t->cols[c].name);
            /* MariaDB's hidden hash columns of long UNIQUE keys: in the
             * binlog, not readable by SELECT */
            if (row[c].kind == BB_VALUE_ABSENT) {
                cr_assert(strncmp(t->cols[c].name, "DB_ROW_HASH_", 12) == 0, "%s: absent", where);
                cr_assert(br->cells[c].kind == BB_VALUE_UINT || br->cells[c].kind == BB_VALUE_NULL,
                          "%s: binlog kind %u", where, br->cells[c].kind);
                cr_assert(c + 1 == t->ncols || row[c + 1].kind == BB_VALUE_ABSENT,
                          "%s: a hidden column before a column that is not", where);
                continue;
            }
            compare_value(where, &br->cells[c], &row[c]);
        }
        free(key);
    }
    cr_assert_eq(rc, 0, "snapshot_table_next(%s): %s", table, err.msg);
    cr_assert_eq(snapshot_table_next(snap, &row, &err), 0, "%s: rows after the end", table);
    cr_assert_eq(n, bt->n, "%s: %zu rows in the snapshot, %zu in the binlog", table, n, bt->n);
    return n;
}

/* Create (under the temporal lock), mark, insert, then compare every table
 * named: binlog against snapshot. */
static void check_case(const char *tag, const char *const *setup, const char *const *stmts,
                       const char *const *tables)
{
    struct live L;
    live_begin(&L, "bbsnap", tag);
    test_sql(L.m, "SET SESSION sql_mode = ''");
    create(&L, setup);
    live_mark(&L);
    for (size_t i = 0; stmts[i]; i++)
        test_sql_len(L.m, stmts[i], strlen(stmts[i]));
    struct bcapture cap;
    capture(&L, &cap);
    char file[256];
    uint64_t pos;
    struct snapshot *snap = open_snapshot(file, sizeof file, &pos);
    for (size_t i = 0; tables[i]; i++)
        cr_assert_gt(compare_table(snap, &cap, L.db, tables[i]), 0, "%s is empty", tables[i]);
    snapshot_close(snap);
    capture_free(&cap);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* Every column type                                                   */

Test(snapshot, integers_floats_and_doubles)
{
    const char *setup[] = {
        "CREATE TABLE ti (id INT PRIMARY KEY,"
        " ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, su SMALLINT UNSIGNED,"
        " mi MEDIUMINT, mu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED,"
        " bi BIGINT, bu BIGINT UNSIGNED, b BOOL, z INT(6) ZEROFILL, zb BIGINT(25) ZEROFILL)",
        "CREATE TABLE tf (id INT PRIMARY KEY, f FLOAT, d DOUBLE, fu FLOAT UNSIGNED,"
        " du DOUBLE UNSIGNED, r REAL, dd DOUBLE(10,2), ff FLOAT(7,3))",
        NULL,
    };
    const char *stmts[] = {
        "INSERT INTO ti VALUES"
        " (1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0, 0, 0, 0),"
        " (2, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295,"
        "  9223372036854775807, 18446744073709551615, 1, 4294967295, 18446744073709551615),"
        " (3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 42, 1),"
        " (4, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, 7),"
        " (5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
        " (6, -127, 254, -32767, 65534, -8388607, 16777214, -2147483647, 4294967294,"
        "  -9223372036854775807, 18446744073709551614, 127, 5, 5),"
        " (7, 100, 128, 12345, 32768, 1234567, 8388608, 123456789, 2147483648,"
        "  1234567890123456789, 9223372036854775808, -128, 123456, 9223372036854775808)",
        "INSERT INTO tf VALUES"
        " (1, 0, 0, 0, 0, 0, 0, 0),"
        " (2, 1.5, -1.5, 1.5, 1.5, 2.5, 1.5, 1.5),"
        " (3, 0.1, 0.1, 0.1, 0.1, 0.2, -99999999.99, -9999.999),"
        " (4, 3.4028234e38, 1.7976931348623157e308, 3.4028234e38, 1.7976931348623157e308,"
        "  -1.7976931348623157e308, 0.01, 0.001),"
        " (5, -3.4028234e38, 2.2250738585072014e-308, 1.17549435e-38, 2.2250738585072014e-308,"
        "  4.9406564584124654e-324, 12345678.99, 1234.567),"
        " (6, 1.17549435e-38, 4.9e-324, 1.4e-45, 1e-300, 2.2250738585072009e-308, 1, 2),"
        " (7, 1.4e-45, -4.9e-324, 7e-45, 1e300, 1e308, 3, 4),"
        " (8, 123456.7, 123456.789012345, 1234567, 1.2345678901234567e15, 0.30000000000000004,"
        "  5, 6),"
        " (9, 16777216, 9007199254740993, 16777217, 18446744073709551615, 9.999999999999999e22,"
        "  7, 8),"
        " (10, 1e15, 1e15, 1e16, 1e16, 1e17, 9, 10),"
        " (11, 1e-5, 1e-5, 1e-4, 1e-4, 0.001, 11, 12),"
        " (12, -0.000123, 123456789012345680, 100, 1e-15, -1e-15, 13, 14),"
        " (13, 3.1415927, 3.141592653589793, 2.7182817, 2.718281828459045, 1e22, 15, 16),"
        " (14, 9.999999e-5, 1e21, 1e20, 1e14, 123456789.123, 17, 18),"
        " (15, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
        " (16, 0.5, 5e-324, 8388607.5, 1.5e-323, -2.5e-100, 19, 20),"
        " (17, 1e-38, 1.1e-38, 9.9e37, 4503599627370496.5, 4503599627370497, 21, 22),"
        " (18, -0e0, -0e0, -0e0, -0e0, -1e-320 * 1e-10, -0e0, -0e0)",
        NULL,
    };
    const char *tables[] = { "ti", "tf", NULL };
    check_case("num", setup, stmts, tables);
}

/* A decimal literal of precision p, scale s with the digits taken from
 * `digits` (cycled). */
static void decimal_literal(struct bb_buf *b, int p, int s, const char *digits, bool neg)
{
    size_t nd = strlen(digits), k = 0;
    if (neg)
        bb_buf_putc(b, '-');
    if (p == s)
        bb_buf_putc(b, '0');
    for (int i = 0; i < p - s; i++)
        bb_buf_putc(b, digits[k++ % nd]);
    if (s) {
        bb_buf_putc(b, '.');
        for (int i = 0; i < s; i++)
            bb_buf_putc(b, digits[k++ % nd]);
    }
}

Test(snapshot, decimal)
{
    static const int shapes[][2] = {
        { 1, 0 }, { 10, 2 }, { 18, 9 }, { 20, 6 }, { 38, 0 }, { 65, 30 }, { 65, 0 },
        { 5, 5 }, { 9, 4 }, { 19, 10 }, { 30, 20 }, { 10, 0 }, { 17, 8 }, { 65, 1 },
        { 38, 38 }, { 2, 1 }, { 12, 3 }, { 27, 18 },
    };
    const size_t nshapes = sizeof shapes / sizeof *shapes;
    struct bb_buf create_q, q;
    bb_buf_init(&create_q);
    bb_buf_init(&q);
    bb_buf_puts(&create_q, "CREATE TABLE t (id INT PRIMARY KEY");
    for (size_t i = 0; i < nshapes; i++)
        bb_buf_printf(&create_q, ", d%zu DECIMAL(%d,%d)", i, shapes[i][0], shapes[i][1]);
    bb_buf_puts(&create_q, ", du DECIMAL(12,4) UNSIGNED, dz DECIMAL(10,2) ZEROFILL)");
    /* zero, max, -max, the smallest step and minus it, digit patterns,
     * leading zeros in the fraction, NULL */
    static const struct { const char *digits; bool neg; int kind; } rows[] = {
        { "0", false, 0 }, { "9", false, 0 }, { "9", true, 0 }, { "", false, 1 },
        { "", true, 1 }, { "1234567890", false, 0 }, { "9876543210", true, 0 },
        { "0000000001", false, 0 }, { "1000000000", true, 0 }, { "5", false, 0 },
        { "0123456789", true, 0 }, { "", false, 2 },
    };
    const size_t nrows = sizeof rows / sizeof *rows;
    char **stmts = calloc(nrows + 1, sizeof *stmts);
    cr_assert(stmts);
    for (size_t r = 0; r < nrows; r++) {
        bb_buf_reset(&q);
        bb_buf_printf(&q, "INSERT INTO t VALUES (%zu", r + 1);
        for (size_t i = 0; i <= nshapes + 1; i++) {
            int p = i < nshapes ? shapes[i][0] : i == nshapes ? 12 : 10;
            int s = i < nshapes ? shapes[i][1] : i == nshapes ? 4 : 2;
            bool neg = rows[r].neg && i < nshapes;
            bb_buf_puts(&q, ", ");
            if (rows[r].kind == 2) {
                bb_buf_puts(&q, "NULL");
            } else if (rows[r].kind == 1) {
                if (neg)
                    bb_buf_putc(&q, '-');
                if (s == 0)
                    bb_buf_putc(&q, '1');
                else
                    bb_buf_printf(&q, "0.%0*d", s, 1);
            } else {
                decimal_literal(&q, p, s, rows[r].digits, neg);
            }
        }
        bb_buf_putc(&q, ')');
        stmts[r] = strdup(q.data);
    }
    const char *setup[] = { create_q.data, NULL };
    const char *tables[] = { "t", NULL };
    check_case("dec", setup, (const char *const *)stmts, tables);
    for (size_t r = 0; r < nrows; r++)
        free(stmts[r]);
    free(stmts);
    bb_buf_destroy(&create_q);
    bb_buf_destroy(&q);
}

static const char temporal_table[] =
    "CREATE TABLE t (id INT PRIMARY KEY, d DATE,"
    " dt0 DATETIME, dt1 DATETIME(1), dt2 DATETIME(2), dt3 DATETIME(3), dt4 DATETIME(4),"
    " dt5 DATETIME(5), dt6 DATETIME(6),"
    " ts0 TIMESTAMP NULL DEFAULT NULL, ts1 TIMESTAMP(1) NULL DEFAULT NULL,"
    " ts2 TIMESTAMP(2) NULL DEFAULT NULL, ts3 TIMESTAMP(3) NULL DEFAULT NULL,"
    " ts4 TIMESTAMP(4) NULL DEFAULT NULL, ts5 TIMESTAMP(5) NULL DEFAULT NULL,"
    " ts6 TIMESTAMP(6) NULL DEFAULT NULL,"
    " t0 TIME, t1 TIME(1), t2 TIME(2), t3 TIME(3), t4 TIME(4), t5 TIME(5), t6 TIME(6),"
    " y YEAR)";

/* One row: the same literal in every fractional precision of a type. */
static const struct {
    const char *date, *datetime, *timestamp, *time, *year;
} temporal_rows[] = {
    /* zero values (sql_mode '') */
    { "'0000-00-00'", "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'", "'00:00:00'", "0" },
    /* maxima */
    { "'9999-12-31'", "'9999-12-31 23:59:59.999999'", "'2038-01-19 03:14:07.999999'",
      "'838:59:59'", "2155" },
    /* minima */
    { "'1000-01-01'", "'1000-01-01 00:00:00'", "'1970-01-01 00:00:01'", "'-838:59:59'",
      "1901" },
    /* zero parts */
    { "'2020-00-00'", "'2020-00-00 00:00:00'", "'1970-01-01 00:00:01.000001'",
      "'-00:00:00.5'", "2000" },
    { "'2020-02-00'", "'2020-02-00 12:00:00.5'", "'2000-01-01 00:00:00.5'",
      "'-00:00:00.000001'", "'00'" },
    { "'0000-01-01'", "'0000-01-01 00:00:00.000001'", "'2038-01-19 03:14:07'",
      "'-00:00:01.000001'", "1999" },
    /* a fraction in every digit, truncated (or rounded) per column */
    { "'2024-02-29'", "'2024-02-29 12:34:56.123456'", "'2024-02-29 12:34:56.123456'",
      "'-12:34:56.123456'", "2024" },
    { "'1999-12-31'", "'1999-12-31 23:59:59.987654'", "'1999-12-31 23:59:59.987654'",
      "'-00:00:00.99'", "'69'" },
    { "'2001-01-01'", "'2001-01-01 00:00:00.050505'", "'2001-01-01 00:00:00.050505'",
      "'-01:00:00.25'", "'70'" },
    { "'1970-01-01'", "'1970-01-01 00:00:00'", "'1970-01-01 00:00:00.9'", "'100:00:00.0001'",
      "1970" },
    { "'2100-02-28'", "'2100-02-28 01:02:03.4'", "'2037-12-31 23:59:59.999'",
      "'-99:59:59.999999'", "2100" },
    { "'0001-01-01'", "'0001-01-01 00:00:00'", "'1973-11-29 21:33:09'", "'23:59:59.000001'",
      "'2155'" },
    /* not 838:59:59.999999, which MariaDB stores but the binlog decoder
     * refuses (decode_time2: "value beyond 838:59:59") */
    { "'2020-02-30'", "'2020-13-01 00:00:00'", "'1969-12-31 23:59:59'", "'-837:59:59.999999'",
      "1900" },
    { "NULL", "NULL", "NULL", "NULL", "NULL" },
};

static char **temporal_inserts(void)
{
    size_t n = sizeof temporal_rows / sizeof *temporal_rows;
    char **stmts = calloc(n + 1, sizeof *stmts);
    cr_assert(stmts);
    struct bb_buf q;
    bb_buf_init(&q);
    for (size_t r = 0; r < n; r++) {
        bb_buf_reset(&q);
        bb_buf_printf(&q, "INSERT INTO t VALUES (%zu, %s", r + 1, temporal_rows[r].date);
        for (int i = 0; i <= 6; i++)
            bb_buf_printf(&q, ", %s", temporal_rows[r].datetime);
        for (int i = 0; i <= 6; i++)
            bb_buf_printf(&q, ", %s", temporal_rows[r].timestamp);
        for (int i = 0; i <= 6; i++)
            bb_buf_printf(&q, ", %s", temporal_rows[r].time);
        bb_buf_printf(&q, ", %s)", temporal_rows[r].year);
        stmts[r] = strdup(q.data);
    }
    bb_buf_destroy(&q);
    return stmts;
}

static void free_list(char **l)
{
    for (size_t i = 0; l[i]; i++)
        free(l[i]);
    free(l);
}

Test(snapshot, temporal)
{
    char **stmts = temporal_inserts();
    const char *setup[] = { temporal_table, NULL };
    const char *tables[] = { "t", NULL };
    check_case("time", setup, (const char *const *)stmts, tables);
    free_list(stmts);
}

/* MariaDB's pre-10.1 temporal formats: columns created while
 * mysql56_temporal_format=OFF keep them, the binlog gives them the old type
 * codes, and information_schema marks them with a mariadb-5.3 comment. */
Test(snapshot, temporal_mariadb_5_3_format)
{
    struct live L;
    live_begin(&L, "bbsnap", "hires");
    test_sql(L.m, "SET SESSION sql_mode = ''");
    lock(L.m, TEMPORAL_LOCK);
    char old[16];
    test_sql_value(L.m, old, sizeof old, "SELECT @@global.mysql56_temporal_format");
    test_sql(L.m, "SET GLOBAL mysql56_temporal_format = OFF");
    bool ok = mysql_query(L.m, temporal_table) == 0;
    char msg[512];
    snprintf(msg, sizeof msg, "%s", mysql_error(L.m));
    test_sql(L.m, "SET GLOBAL mysql56_temporal_format = %s", old);
    unlock(L.m, TEMPORAL_LOCK);
    cr_assert(ok, "CREATE TABLE: %s", msg);
    live_mark(&L);
    char **stmts = temporal_inserts();
    for (size_t i = 0; stmts[i]; i++)
        test_sql(L.m, "%s", stmts[i]);
    free_list(stmts);
    struct bcapture cap;
    capture(&L, &cap);
    cr_assert_eq(cap.tabs[0].d->t.cols[5].type, MYSQL_TYPE_DATETIME, "dt3 in the old format");
    char file[256];
    uint64_t pos;
    struct snapshot *snap = open_snapshot(file, sizeof file, &pos);
    compare_table(snap, &cap, L.db, "t");
    snapshot_close(snap);
    capture_free(&cap);
    live_end(&L);
}

/* Text in many character sets (the samples of test_live_types.c). */
static const struct { const char *charset, *sample; } charset_samples[] = {
    { "latin1", "é€ŠšŽžŸ‰ÿ ß Æ ¤" }, { "latin2", "Łódź ŻÓŁĆ ň" }, { "cp1250", "Łódź € „“”" },
    { "cp1251", "Привет € №" }, { "cp1256", "مرحبا €" }, { "cp1257", "Ąčę ų €" },
    { "koi8r", "Привет ЁЁ" }, { "koi8u", "Ґґ Привіт" }, { "greek", "Καλημέρα" },
    { "hebrew", "שלום" }, { "latin5", "İstanbul ğş" }, { "latin7", "Ąčę ų" },
    { "cp866", "Привет ░▒▓" }, { "cp852", "Łódź ╬" }, { "cp850", "éÑ ╬ ß" },
    { "macroman", "é™ ﬁ" }, { "macce", "Łódź" }, { "tis620", "สวัสดี" },
    { "geostd8", "გამარჯობა" }, { "keybcs2", "Čeština ů" }, { "dec8", "é ß" },
    { "hp8", "é ß" }, { "ascii", "hello ~ world" }, { "armscii8", "abc" }, { "swe7", "abc" },
    { "gbk", "中文 汉字 ，。" }, { "gb2312", "中文 简体" }, { "big5", "中文繁體" },
    { "sjis", "日本語 ｱｲｳ 表 ソ \\\\ 〜 −" }, { "cp932", "日本語 ①Ⅰ髙 ～ － 表" },
    { "ujis", "日本語 ｱ 表" }, { "eucjpms", "日本語 ① 表" }, { "euckr", "한국어" },
    { "ucs2", "héllo 中文 Ω" }, { "utf16", "héllo 😀 中文" }, { "utf16le", "😀 x é" },
    { "utf32", "😀 x é 中" }, { "utf8mb3", "héllo 中文" }, { "utf8mb4", "😀 🇫🇷 中文" },
};

Test(snapshot, strings_and_charsets)
{
    const size_t ncs = sizeof charset_samples / sizeof *charset_samples;
    struct bb_buf cs, ins[4];
    bb_buf_init(&cs);
    bb_buf_puts(&cs, "CREATE TABLE cs (id INT PRIMARY KEY");
    for (size_t i = 0; i < ncs; i++)
        bb_buf_printf(&cs, ", c_%s VARCHAR(40) CHARACTER SET %s, k_%s CHAR(12) CHARACTER SET %s",
                      charset_samples[i].charset, charset_samples[i].charset,
                      charset_samples[i].charset, charset_samples[i].charset);
    bb_buf_puts(&cs, ", tl TEXT CHARACTER SET latin1, tg TEXT CHARACTER SET gbk,"
                     " tu TEXT CHARACTER SET utf16)");
    const char *kinds[] = { "sample", "''", "'abc  '", "NULL" };
    for (size_t r = 0; r < 4; r++) {
        bb_buf_init(&ins[r]);
        bb_buf_printf(&ins[r], "INSERT INTO cs VALUES (%zu", r + 1);
        for (size_t i = 0; i < ncs; i++) {
            if (r == 0)
                bb_buf_printf(&ins[r], ", '%s', '%s'", charset_samples[i].sample,
                              charset_samples[i].sample);
            else
                bb_buf_printf(&ins[r], ", %s, %s", kinds[r], kinds[r]);
        }
        if (r == 0)
            bb_buf_puts(&ins[r], ", 'é€', '中文', '😀')");
        else
            bb_buf_printf(&ins[r], ", %s, %s, %s)", kinds[r], kinds[r], kinds[r]);
    }
    const char *setup[] = {
        "CREATE TABLE t (id INT PRIMARY KEY,"
        " c1 CHAR(1), c10 CHAR(10), c255 CHAR(255), cl CHAR(20) CHARACTER SET latin1,"
        " v63 VARCHAR(63), v255l VARCHAR(255) CHARACTER SET latin1, v255 VARCHAR(255),"
        " v300 VARCHAR(300), vb VARBINARY(300), vb255 VARBINARY(255),"
        " b1 BINARY(1), b4 BINARY(4), b255 BINARY(255), cb CHAR(5) CHARACTER SET binary,"
        " vz VARCHAR(100) COMPRESSED, vbz VARBINARY(1000) COMPRESSED,"
        " vzl VARCHAR(300) CHARACTER SET latin1 COMPRESSED,"
        " tzl TEXT CHARACTER SET latin1 COMPRESSED, bz BLOB COMPRESSED,"
        " cu CHAR(10) CHARACTER SET ucs2, cu32 CHAR(10) CHARACTER SET utf32,"
        " cbin CHAR(10) COLLATE utf8mb4_bin)",
        cs.data,
        NULL,
    };
    const char *stmts[] = {
        "INSERT INTO t VALUES (1, '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '',"
        " '', '', '', '', '', '')",
        "INSERT INTO t VALUES (2, 'a', 'abc  ', 'x ', 'é  ', ' lead', 'trail  ', 'tab\t',"
        " 'nl\\n\\r', 'a \\0b', X'00', X'00', 'a ', X'0000', X'41', 'zzzzzzzzzzzzzzzzzzzzzzzzzz',"
        " REPEAT('ab', 300), 'é', 'é€', X'00', 'a  ', 'b  ', 'c  ')",
        "INSERT INTO t VALUES (3, '😀', '😀héllo中文', REPEAT('😀', 255), 'éàü€ŠŸ',"
        " REPEAT('😀', 63), REPEAT('é', 255), REPEAT('😀', 255), REPEAT('😀', 300),"
        " REPEAT(X'FF00', 150), REPEAT(X'80', 255), X'FF', X'01020304', REPEAT(X'FE', 255),"
        " X'0000000000', REPEAT('😀', 100), REPEAT(X'00FF', 500), REPEAT('é€', 150),"
        " REPEAT('Ÿé€ ', 1000), REPEAT(X'0102', 5000), 'Ωx', '😀x', 'É')",
        "INSERT INTO t VALUES (4, 'Z', '0123456789', REPEAT('x', 255), REPEAT('y', 20),"
        " REPEAT('a', 63), REPEAT('b', 255), REPEAT('c', 255), REPEAT('d', 300),"
        " REPEAT('e', 300), REPEAT('f', 255), ' ', '    ', REPEAT(' ', 255), '  ', 'short',"
        " 'short', 'short', 'short', 'short', REPEAT('u', 10), REPEAT('v', 10), 'x\t ')",
        "INSERT INTO t VALUES (5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
        " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        ins[0].data, ins[1].data, ins[2].data, ins[3].data,
        /* latin1 is cp1252: every byte from 0x80, the undefined ones too */
        "INSERT INTO cs (id, c_latin1, tl) VALUES (5, X'808182838485868788898A8B8C8D8E8F',"
        " X'909192939495969798999A9B9C9D9E9FA0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0BFC0CFD0DFE0EFF0FF')",
        /* ucs2 and utf32 keep lone surrogates; short values are left-padded */
        "INSERT INTO cs (id, c_ucs2, c_utf32, tu) VALUES"
        " (6, X'D800DC00D83D', X'0000D8000000DFFF', X'00'), (7, X'41', X'41', X'0041')",
        NULL,
    };
    const char *tables[] = { "t", "cs", NULL };
    check_case("str", setup, stmts, tables);
    bb_buf_destroy(&cs);
    for (int r = 0; r < 4; r++)
        bb_buf_destroy(&ins[r]);
}

/* n pseudo-random bytes (every value 0..255 occurs), as a hex literal. */
static void hex_literal(struct bb_buf *q, size_t n, uint32_t seed)
{
    static const char hex[] = "0123456789ABCDEF";
    bb_buf_puts(q, "X'");
    char *p = bb_buf_reserve(q, 2 * n + 1);
    cr_assert(p);
    uint32_t x = seed;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        uint8_t b = i < 256 ? (uint8_t)i : (uint8_t)(x >> 16);
        p[2 * i] = hex[b >> 4];
        p[2 * i + 1] = hex[b & 15];
    }
    q->len += 2 * n;
    q->data[q->len] = '\0';
    bb_buf_putc(q, '\'');
}

Test(snapshot, blob_and_text)
{
    struct bb_buf q;
    bb_buf_init(&q);
    /* the maxima of the small types, 70,000 bytes in a MEDIUMBLOB, 3 MB in
     * a LONGBLOB, several MB of text */
    bb_buf_puts(&q, "INSERT INTO t VALUES (2, ");
    hex_literal(&q, 255, 1);
    bb_buf_puts(&q, ", ");
    hex_literal(&q, 65535, 2);
    bb_buf_puts(&q, ", ");
    hex_literal(&q, 70000, 3);
    bb_buf_puts(&q, ", ");
    hex_literal(&q, 3u << 20, 4);
    bb_buf_puts(&q, ", CONCAT(REPEAT('😀', 63), 'abc'), REPEAT('héllo 😀 中文 ', 3000),"
                    " REPEAT('Ω€😀x', 7000), REPEAT('长文本 😀 long text ', 100000),"
                    " REPEAT('é', 255), REPEAT('汉字', 200000))");
    const char *setup[] = {
        "CREATE TABLE t (id INT PRIMARY KEY, tb TINYBLOB, bl BLOB, mb MEDIUMBLOB, lb LONGBLOB,"
        " tt TINYTEXT, tx TEXT, mt MEDIUMTEXT, lt LONGTEXT,"
        " ttl TINYTEXT CHARACTER SET latin1, ltg LONGTEXT CHARACTER SET gbk)",
        NULL,
    };
    const char *stmts[] = {
        "INSERT INTO t VALUES (1, '', '', '', '', '', '', '', '', '', '')",
        q.data,
        "INSERT INTO t VALUES (3, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j')",
        "INSERT INTO t VALUES (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        /* a long value after short ones and short ones after it: the
         * buffers grow and the long value's does not stick */
        "INSERT INTO t SELECT 4 + seq, seq, REPEAT('x', seq * 100), NULL, NULL, NULL,"
        " REPEAT('y', seq * 1000), NULL, NULL, NULL, NULL FROM seq_1_to_60",
        NULL,
    };
    const char *tables[] = { "t", NULL };
    check_case("blob", setup, stmts, tables);
    bb_buf_destroy(&q);
}

Test(snapshot, enum_set_and_bit)
{
    struct bb_buf create_q, ins;
    bb_buf_init(&create_q);
    bb_buf_init(&ins);
    /* 300 labels: a 2-byte ENUM; 64 members: an 8-byte SET; labels beyond
     * the BMP (information_schema shows them as '?'), in other charsets,
     * with quotes, backslashes, commas, an empty label */
    bb_buf_puts(&create_q, "CREATE TABLE t (id INT PRIMARY KEY, e ENUM('a','b','é','😀','with space',"
                           "'it''s','back\\\\slash','com,ma','?'), e300 ENUM(");
    for (int i = 0; i < 300; i++)
        bb_buf_printf(&create_q, "%s'l%d'", i ? "," : "", i);
    bb_buf_puts(&create_q, "), s SET('a','b','c'), s64 SET(");
    for (int i = 0; i < 64; i++)
        bb_buf_printf(&create_q, "%s's%d'", i ? "," : "", i);
    bb_buf_puts(&create_q, "), s1 SET('only'), s9 SET('1','2','3','4','5','6','7','8','9'),"
                           " el ENUM('x','é','€') CHARACTER SET latin1,"
                           " es ENUM('表','x') CHARACTER SET sjis,"
                           " sl SET('é','ü','€') CHARACTER SET latin1,"
                           " s4 SET('😀','🇫🇷','x') CHARACTER SET utf8mb4,"
                           " eu ENUM('😀','Ω') CHARACTER SET utf16,"
                           " en ENUM('10','5','1'), ee ENUM('','x'),"
                           " b1 BIT(1), b7 BIT(7), b8 BIT(8), b10 BIT(10), b17 BIT(17),"
                           " b33 BIT(33), b63 BIT(63), b64 BIT(64))");
    bb_buf_puts(&ins, "INSERT INTO t VALUES (4, 'b', 'l255', 'a,c', '");
    for (int i = 0; i < 64; i++)
        bb_buf_printf(&ins, "%ss%d", i ? "," : "", i);
    bb_buf_puts(&ins, "', 'only', '1,2,3,4,5,6,7,8,9', '€', 'x', 'é,ü,€', '😀,🇫🇷,x', 'Ω', '10',"
                      " 'x', 1, 1, 1, 512, 65536, 4294967296, 1, 1)");
    const char *setup[] = { create_q.data, NULL };
    const char *stmts[] = {
        "INSERT INTO t VALUES (1, 'a', 'l0', '', '', '', '', 'x', '表', '', '', '😀', '1', '',"
        " 0, 0, 0, 0, 0, 0, 0, 0)",
        "INSERT INTO t VALUES (2, 'it''s', 'l299', 'a,b,c', 's63', 'only', '9', 'é', 'x', 'ü',"
        " '🇫🇷', 'Ω', '5', 'x', 1, 127, 255, 1023, 131071, 8589934591, 9223372036854775807,"
        " 18446744073709551615)",
        "INSERT INTO t VALUES (3, '😀', 'l256', 'c', 's0,s31,s32,s63', '', '1,9', 'x', '表',"
        " '€,é', 'x,😀', '😀', 3, '', b'1', b'1010101', b'10000000', b'1010101010',"
        " b'10000000000000001', b'100000000000000000000000000000001', 4611686018427387904,"
        " 9223372036854775808)",
        ins.data,
        /* not a label: the '' error value (index 0) with sql_mode '' */
        "INSERT INTO t VALUES (5, 'nope', 'nope', 'b', 's7', 'only', '5', 'nope', 'nope', '',"
        " '', 'nope', 'nope', 'nope', 0, 1, 2, 3, 4, 5, 6, 7)",
        "INSERT INTO t VALUES (6, 'with space', 'l128', 'b,a', 's1,s0', '', '2,1', '€', 'x',"
        " 'é', 'x', 'Ω', '1', '', 1, 0, 0, 0, 0, 0, 0, 0)",
        "INSERT INTO t VALUES (7, 'back\\\\slash', 'l1', '', '', '', '', 'x', '表', '', '',"
        " '😀', '10', 'x', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        "INSERT INTO t VALUES (8, 'com,ma', 'l2', '', '', '', '', 'x', '表', '', '', '😀', '10',"
        " 'x', 0, 0, 0, 0, 0, 0, 0, 0), (9, '?', 'l3', '', '', '', '', 'x', '表', '', '', '😀',"
        " '10', 'x', 0, 0, 0, 0, 0, 0, 0, 0)",
        "INSERT INTO t VALUES (10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
        " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        NULL,
    };
    const char *tables[] = { "t", NULL };
    check_case("enum", setup, stmts, tables);
    bb_buf_destroy(&create_q);
    bb_buf_destroy(&ins);
}

Test(snapshot, json_geometry_and_type_plugins)
{
    const char *setup[] = {
        "CREATE TABLE j (id INT PRIMARY KEY, j JSON, j2 JSON, lt LONGTEXT,"
        " jl LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin CHECK (json_valid(jl)))",
        "CREATE TABLE g (id INT PRIMARY KEY, g GEOMETRY, p POINT, ls LINESTRING, poly POLYGON,"
        " mp MULTIPOINT, mls MULTILINESTRING, mpoly MULTIPOLYGON, gc GEOMETRYCOLLECTION)",
        "CREATE TABLE p (id INT PRIMARY KEY, i6 INET6, u UUID, i4 INET4)",
        NULL,
    };
    const char *stmts[] = {
        "INSERT INTO j VALUES"
        " (1, '{\"a\": [1, 2.5, \"x\", null, true, false], \"b\": {\"c\": \"😀\"}}', '[]',"
        "  '{\"not\": \"checked\"}', '{}'),"
        " (2, '{}', '\"a string with \\\\\"quotes\\\\\" and \\\\u00e9\"', 'plain', '[1]'),"
        " (3, '1e300', '-0', '', 'null'),"
        " (4, '[1,2,   3]', ' {\"spaces\" : \"kept as stored\" } ', NULL, ' 1 '),"
        " (5, 'null', '12345678901234567890123', 'x', '\"s\"'),"
        " (6, NULL, NULL, NULL, NULL)",
        "INSERT INTO g VALUES (1, ST_GeomFromText('POINT(1 2)'), ST_GeomFromText('POINT(-1.5 1e10)'),"
        " ST_GeomFromText('LINESTRING(0 0, 1 1, 2 0)'),"
        " ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))'),"
        " ST_GeomFromText('MULTIPOINT(1 1, 2 2)'),"
        " ST_GeomFromText('MULTILINESTRING((0 0, 1 1), (2 2, 3 3))'),"
        " ST_GeomFromText('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))'),"
        " ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))'))",
        "INSERT INTO g VALUES (2, ST_GeomFromText('POLYGON((0 0, 1 0, 1 1, 0 0))', 4326),"
        " ST_GeomFromText('POINT(45.5 -73.25)', 4326), NULL, NULL, NULL, NULL, NULL,"
        " ST_GeomFromText('GEOMETRYCOLLECTION EMPTY'))",
        "INSERT INTO g VALUES (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        /* UUIDs of versions 1 (stored with its time fields swapped), 4 and
         * 7, the nil UUID; IPv4-mapped and plain IPv6 */
        "INSERT INTO p VALUES (1, '::1', '123e4567-e89b-12d3-a456-426655440000', '10.0.0.1'),"
        " (2, 'fe80::1:2:3:4', 'e3d6c4a0-9b8f-11ee-8c90-0242ac120002', '255.255.255.255'),"
        " (3, '::ffff:192.0.2.1', '00000000-0000-0000-0000-000000000000', '0.0.0.0'),"
        " (4, '2001:db8::ff00:42:8329', '6ccd780c-baba-4026-9564-5b8c656024db', '192.168.1.1'),"
        " (5, 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '01890a5d-ac96-774b-bcce-b302099a8057',"
        "  '1.2.3.4'),"
        " (6, NULL, NULL, NULL)",
        NULL,
    };
    const char *tables[] = { "j", "g", "p", NULL };
    check_case("jgp", setup, stmts, tables);
}

/* Keys and column kinds that change the description: composite keys in
 * another order than the columns, a UNIQUE NOT NULL key the server
 * promotes to primary key, a prefix key, no key at all, long UNIQUE
 * (hash) keys, generated and invisible columns. */
Test(snapshot, keys_and_special_columns)
{
    const char *setup[] = {
        "CREATE TABLE k1 (id INT NOT NULL, a VARCHAR(20) NOT NULL, b DATE NOT NULL, v INT,"
        " PRIMARY KEY (b, id, a))",
        "CREATE TABLE k2 (id INT NOT NULL, n INT, u1 INT NOT NULL, u2 INT NOT NULL,"
        " UNIQUE KEY un (n), UNIQUE KEY uu (u2, u1), KEY plain (id))",
        "CREATE TABLE k3 (id INT, v VARCHAR(50) NOT NULL, PRIMARY KEY (v(10), id))",
        "CREATE TABLE k4 (id INT, v INT)",
        "CREATE TABLE k5 (id INT NOT NULL, bl BLOB NOT NULL, UNIQUE (bl))",
        "CREATE TABLE k7 (id INT NOT NULL PRIMARY KEY, a TEXT, b BLOB, c INT, DB_ROW_HASH_1 INT,"
        " UNIQUE (b), UNIQUE (a, c))",
        "CREATE TABLE k6 (id INT NOT NULL, p VARCHAR(50) NOT NULL, UNIQUE KEY pre (p(5)),"
        " UNIQUE KEY whole (id))",
        /* MEMORY's own HASH index: a real key, promoted */
        "CREATE TABLE k8 (id INT NOT NULL, v INT, UNIQUE KEY h (id) USING HASH) ENGINE=MEMORY",
        "CREATE TABLE gen (id INT PRIMARY KEY, a INT, v INT AS (a * 2) VIRTUAL,"
        " st VARCHAR(20) AS (CONCAT('s', a)) STORED, h VARCHAR(10) INVISIBLE DEFAULT 'dflt',"
        " z DATETIME(2) INVISIBLE DEFAULT '2001-02-03 04:05:06.07', `we``ird col` INT,"
        " `ünï` VARCHAR(5))",
        NULL,
    };
    const char *stmts[] = {
        "INSERT INTO k1 VALUES (1, 'x', '2020-01-01', 1), (2, 'y', '2019-01-01', NULL)",
        "INSERT INTO k2 VALUES (1, NULL, 1, 2), (2, 5, 3, 4)",
        "INSERT INTO k3 VALUES (1, 'abcdefghijklmnop'), (2, 'abcdefghijklmnoq')",
        "INSERT INTO k4 VALUES (1, 1), (2, 2), (3, NULL)",
        "INSERT INTO k5 VALUES (1, 'a'), (2, 'b')",
        "INSERT INTO k6 VALUES (1, 'abcdefg'), (2, 'zzzzzz')",
        "INSERT INTO k7 VALUES (1, 'x', 'y', 3, 4), (2, NULL, NULL, NULL, NULL)",
        "INSERT INTO k8 VALUES (1, 10), (2, NULL)",
        "INSERT INTO gen (id, a, `we``ird col`, `ünï`) VALUES (1, 10, 1, 'é'), (2, NULL, 2, NULL)",
        "INSERT INTO gen (id, a, h, z) VALUES (3, 7, 'set', '1999-01-01 00:00:00.5')",
        NULL,
    };
    const char *tables[] = { "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "gen", NULL };
    check_case("keys", setup, stmts, tables);
}

/* ------------------------------------------------------------------ */
/* The position                                                        */

/* Rows written after snapshot_open are not in the snapshot, and they are
 * the first row events from the position it returned, while the snapshot
 * transaction is still open. */
Test(snapshot, position_is_exact)
{
    struct live L;
    live_begin(&L, "bbsnap", "pos");
    create(&L, (const char *const[]){ "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))",
                                      NULL });
    test_sql(L.m, "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    char file[256];
    uint64_t pos;
    struct snapshot *snap = open_snapshot(file, sizeof file, &pos);
    test_sql(L.m, "INSERT INTO t VALUES (4, 'd')");
    test_sql(L.m, "UPDATE t SET v = 'A' WHERE id = 1");
    test_sql(L.m, "DELETE FROM t WHERE id = 2");
    test_sql(L.m, "INSERT INTO t VALUES (5, 'e'), (6, 'f')");

    const struct bb_table *t;
    struct bb_error err = { 0 };
    cr_assert_eq(snapshot_table_begin(snap, L.db, "t", &t, &err), 0, "%s", err.msg);
    const struct bb_value *row;
    struct bb_buf b;
    bb_buf_init(&b);
    int rc;
    while ((rc = snapshot_table_next(snap, &row, &err)) > 0) {
        for (uint32_t c = 0; c < t->ncols; c++) {
            cr_assert_eq(bb_value_format_text(&row[c], &b, &err), 0, "%s", err.msg);
            bb_buf_putc(&b, c + 1 < t->ncols ? '=' : ' ');
        }
    }
    cr_assert_eq(rc, 0, "%s", err.msg);
    cr_assert_str_eq(b.data, "1=a 2=b 3=c ");

    /* still inside the snapshot transaction: the binlog from its position */
    const char *only[2] = { L.db, NULL };
    struct bb_stream *s = open_stream(file, pos, only);
    const struct bb_event *ev;
    bb_buf_reset(&b);
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        if (!bb_event_is_rows(ev))
            continue;
        for (uint32_t r = 0; r < ev->rows.nrows; r++) {
            const struct bb_row *br = &ev->rows.rows[r];
            const struct bb_value *v = br->after ? br->after : br->before;
            bb_buf_putc(&b, ev->rows.kind == BB_ROWS_WRITE ? 'W'
                            : ev->rows.kind == BB_ROWS_UPDATE ? 'U' : 'D');
            for (uint32_t c = 0; c < ev->rows.table->ncols; c++) {
                cr_assert_eq(bb_value_format_text(&v[c], &b, &err), 0, "%s", err.msg);
                bb_buf_putc(&b, c + 1 < ev->rows.table->ncols ? '=' : ' ');
            }
        }
    }
    cr_assert_eq(rc, 0, "%s", err.msg);
    cr_assert_str_eq(b.data, "W4=d U1=A D2=b W5=e W6=f ");
    bb_stream_close(s);
    bb_buf_destroy(&b);
    snapshot_close(snap);
    live_end(&L);
}

/* A writer commits rows one by one while the snapshot opens: the snapshot
 * holds a prefix of them and the binlog from its position exactly the
 * rest, none lost and none twice. */
struct writer {
    char db[64];
    volatile int stop;
    int written;
    char error[256];
};

static void *writer_main(void *arg)
{
    struct writer *w = arg;
    MYSQL *m = mysql_init(NULL);
    if (!m || !mysql_real_connect(m, getenv("BB_MARIADB_HOST"), getenv("BB_MARIADB_USER"),
                                  getenv("BB_MARIADB_PASSWORD"), w->db,
                                  (unsigned)atoi(getenv("BB_MARIADB_PORT")), NULL, 0)) {
        snprintf(w->error, sizeof w->error, "connect: %s", m ? mysql_error(m) : "no memory");
        if (m)
            mysql_close(m);
        return NULL;
    }
    while (!__atomic_load_n(&w->stop, __ATOMIC_ACQUIRE) || w->written < 200) {
        char q[128];
        snprintf(q, sizeof q, "INSERT INTO t VALUES (%d)", w->written + 1);
        if (mysql_query(m, q) != 0) {
            snprintf(w->error, sizeof w->error, "%s: %s", q, mysql_error(m));
            break;
        }
        __atomic_store_n(&w->written, w->written + 1, __ATOMIC_RELEASE);
        if (w->written >= 100000)
            break;
    }
    mysql_close(m);
    return NULL;
}

Test(snapshot, position_is_exact_under_concurrent_commits)
{
    struct live L;
    live_begin(&L, "bbsnap", "race");
    create(&L, (const char *const[]){ "CREATE TABLE t (id INT PRIMARY KEY)", NULL });
    struct writer w;
    memset(&w, 0, sizeof w);
    snprintf(w.db, sizeof w.db, "%s", L.db);
    pthread_t th;
    cr_assert_eq(pthread_create(&th, NULL, writer_main, &w), 0);
    while (__atomic_load_n(&w.written, __ATOMIC_ACQUIRE) < 50 && !w.error[0])
        usleep(1000);
    char file[256];
    uint64_t pos;
    struct snapshot *snap = open_snapshot(file, sizeof file, &pos);
    __atomic_store_n(&w.stop, 1, __ATOMIC_RELEASE);
    pthread_join(th, NULL);
    cr_assert(!w.error[0], "writer: %s", w.error);
    int total = w.written;

    char *seen = calloc((size_t)total + 2, 1);
    cr_assert(seen);
    const struct bb_table *t;
    struct bb_error err = { 0 };
    cr_assert_eq(snapshot_table_begin(snap, L.db, "t", &t, &err), 0, "%s", err.msg);
    const struct bb_value *row;
    int rc, in_snapshot = 0;
    while ((rc = snapshot_table_next(snap, &row, &err)) > 0) {
        cr_assert_eq(row[0].kind, BB_VALUE_INT);
        int64_t id = row[0].v.i;
        cr_assert(id >= 1 && id <= total && !seen[id], "id %lld", (long long)id);
        seen[id] = 1;
        in_snapshot++;
    }
    cr_assert_eq(rc, 0, "%s", err.msg);
    /* autocommit inserts commit in order: the snapshot is 1..k */
    for (int i = 1; i <= in_snapshot; i++)
        cr_assert(seen[i], "the snapshot has %d rows but not id %d", in_snapshot, i);
    cr_assert_gt(in_snapshot, 0);
    const char *only[2] = { L.db, NULL };
    struct bb_stream *s = open_stream(file, pos, only);
    const struct bb_event *ev;
    int next = in_snapshot + 1;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        if (!bb_event_is_rows(ev))
            continue;
        cr_assert_eq(ev->rows.kind, BB_ROWS_WRITE);
        for (uint32_t r = 0; r < ev->rows.nrows; r++) {
            int64_t id = ev->rows.rows[r].after[0].v.i;
            cr_assert_eq(id, next, "binlog from %s:%llu: id %lld, expected %d (snapshot has "
                         "1..%d)", file, (unsigned long long)pos, (long long)id, next,
                         in_snapshot);
            next++;
        }
    }
    cr_assert_eq(rc, 0, "%s", err.msg);
    cr_assert_eq(next, total + 1, "binlog from the snapshot position has ids up to %d of %d",
                 next - 1, total);
    bb_stream_close(s);
    snapshot_close(snap);
    free(seen);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* Tables, memory, locks and errors                                    */

struct listing {
    const char *db;
    char names[16][64];
    int n;
    bool system;
};

static int list_cb(void *ctx, const char *schema, const char *table)
{
    struct listing *l = ctx;
    static const char *const system[] = { "mysql", "sys", "information_schema",
                                          "performance_schema" };
    for (size_t i = 0; i < 4; i++)
        if (strcmp(schema, system[i]) == 0)
            l->system = true;
    if (strcmp(schema, l->db) == 0) {
        cr_assert_lt(l->n, 16);
        snprintf(l->names[l->n++], sizeof l->names[0], "%s", table);
    }
    return 0;
}

Test(snapshot, list_tables)
{
    struct live L;
    live_begin(&L, "bbsnap", "list");
    create(&L, (const char *const[]){
        "CREATE TABLE b (id INT PRIMARY KEY)", "CREATE TABLE a (id INT)",
        "CREATE TABLE c_x (id INT)", "CREATE VIEW v AS SELECT id FROM a",
        "CREATE SEQUENCE sq", NULL });
    char file[256];
    uint64_t pos;
    struct snapshot *snap = open_snapshot(file, sizeof file, &pos);
    struct listing l;
    memset(&l, 0, sizeof l);
    l.db = L.db;
    struct bb_error err = { 0 };
    cr_assert_eq(snapshot_list_tables(snap, list_cb, &l, &err), 0, "%s", err.msg);
    cr_assert(!l.system, "a system schema was listed");
    cr_assert_eq(l.n, 3, "%d tables of %s listed", l.n, L.db);
    cr_assert_str_eq(l.names[0], "a");
    cr_assert_str_eq(l.names[1], "b");
    cr_assert_str_eq(l.names[2], "c_x");
    snapshot_close(snap);
    live_end(&L);
}

static int read_in_callback(void *ctx, const char *schema, const char *table)
{
    struct snapshot *snap = ctx;
    if (strncmp(schema, "bbsnap_cb_", 10) != 0)
        return 0;
    const struct bb_table *t;
    struct bb_error err = { 0 };
    cr_assert_eq(snapshot_table_begin(snap, schema, table, &t, &err), 0, "%s", err.msg);
    const struct bb_value *row;
    int n = 0, rc;
    while ((rc = snapshot_table_next(snap, &row, &err)) > 0)
        n++;
    cr_assert_eq(rc, 0, "%s", err.msg);
    cr_assert_eq(n, 2);
    return strcmp(table, "t2") == 0 ? -42 : 0;
}

Test(snapshot, list_tables_callback_reads_and_stops)
{
    struct live L;
    live_begin(&L, "bbsnap", "cb");
    create(&L, (const char *const[]){ "CREATE TABLE t1 (id INT)", "CREATE TABLE t2 (id INT)",
                                      "CREATE TABLE t3 (id INT)", NULL });
    test_sql(L.m, "INSERT INTO t1 VALUES (1), (2)");
    test_sql(L.m, "INSERT INTO t2 VALUES (1), (2)");
    char file[256];
    uint64_t pos;
    struct snapshot *snap = open_snapshot(file, sizeof file, &pos);
    struct bb_error err = { 0 };
    cr_assert_eq(snapshot_list_tables(snap, read_in_callback, snap, &err), -42);
    snapshot_close(snap);
    live_end(&L);
}

static size_t rss_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    cr_assert(f);
    unsigned long size = 0, resident = 0;
    cr_assert_eq(fscanf(f, "%lu %lu", &size, &resident), 2);
    fclose(f);
    return (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
}

/* 100,000 rows of 500 bytes (50 MB) stream through a few buffers. */
Test(snapshot, streams_100k_rows_in_bounded_memory)
{
    struct live L;
    live_begin(&L, "bbsnap", "big");
    create(&L, (const char *const[]){
        "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(300), tx TEXT, d DECIMAL(20,4))", NULL });
    test_sql(L.m, "INSERT INTO t SELECT seq, REPEAT(CHAR(65 + seq %% 26), 300),"
             " REPEAT('t', 200), seq / 7 FROM seq_1_to_100000");
    char file[256];
    uint64_t pos;
    struct snapshot *snap = open_snapshot(file, sizeof file, &pos);
    const struct bb_table *t;
    struct bb_error err = { 0 };
    cr_assert_eq(snapshot_table_begin(snap, L.db, "t", &t, &err), 0, "%s", err.msg);
    const struct bb_value *row;
    int rc;
    uint64_t n = 0, sum = 0;
    size_t base = 0, peak = 0;
    while ((rc = snapshot_table_next(snap, &row, &err)) > 0) {
        n++;
        sum += (uint64_t)row[0].v.i;
        cr_assert_eq(row[1].v.str.len, 300u);
        if (n == 1000)
            base = rss_bytes();
        if (n > 1000 && n % 1000 == 0) {
            size_t r = rss_bytes();
            if (r > peak)
                peak = r;
        }
    }
    cr_assert_eq(rc, 0, "%s", err.msg);
    cr_assert_eq(n, 100000u);
    cr_assert_eq(sum, 100000ull * 100001ull / 2);
    cr_assert_lt(peak, base + (6u << 20), "RSS grew from %zu to %zu bytes while streaming", base,
                 peak);
    snapshot_close(snap);
    live_end(&L);
}

/* After a table is read its metadata lock is released (the snapshot rolls
 * back to its savepoint): DDL on it does not wait for the snapshot's end.
 * A table abandoned half-way is closed by the next table_begin. */
Test(snapshot, finished_tables_are_not_locked)
{
    struct live L;
    live_begin(&L, "bbsnap", "mdl");
    create(&L, (const char *const[]){ "CREATE TABLE t1 (id INT PRIMARY KEY)",
                                      "CREATE TABLE t2 (id INT PRIMARY KEY)", NULL });
    test_sql(L.m, "INSERT INTO t1 SELECT seq FROM seq_1_to_20000");
    test_sql(L.m, "INSERT INTO t2 VALUES (1), (2)");
    char file[256];
    uint64_t pos;
    struct snapshot *snap = open_snapshot(file, sizeof file, &pos);
    const struct bb_table *t;
    const struct bb_value *row;
    struct bb_error err = { 0 };
    cr_assert_eq(snapshot_table_begin(snap, L.db, "t1", &t, &err), 0, "%s", err.msg);
    for (int i = 0; i < 10; i++)
        cr_assert_eq(snapshot_table_next(snap, &row, &err), 1, "%s", err.msg);
    cr_assert_eq(snapshot_table_begin(snap, L.db, "t2", &t, &err), 0, "%s", err.msg);
    int n = 0, rc;
    while ((rc = snapshot_table_next(snap, &row, &err)) > 0)
        n++;
    cr_assert_eq(rc, 0, "%s", err.msg);
    cr_assert_eq(n, 2);
    test_sql(L.m, "SET SESSION lock_wait_timeout = 10");
    test_sql(L.m, "ALTER TABLE t1 ADD COLUMN x INT");
    test_sql(L.m, "ALTER TABLE t2 ADD COLUMN x INT");
    /* the snapshot still sees t2 as it was */
    snapshot_close(snap);
    live_end(&L);
}

/* Closing in the middle of a large table does not read its other rows:
 * the connection goes first, then the statement. */
Test(snapshot, close_in_the_middle_of_a_table)
{
    struct live L;
    live_begin(&L, "bbsnap", "midclose");
    create(&L, (const char *const[]){ "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(300))",
                                      NULL });
    test_sql(L.m, "INSERT INTO t SELECT seq, REPEAT('m', 300) FROM seq_1_to_100000");
    char file[256];
    uint64_t pos;
    struct snapshot *snap = open_snapshot(file, sizeof file, &pos);
    const struct bb_table *t;
    const struct bb_value *row;
    struct bb_error err = { 0 };
    cr_assert_eq(snapshot_table_begin(snap, L.db, "t", &t, &err), 0, "%s", err.msg);
    for (int i = 0; i < 100; i++)
        cr_assert_eq(snapshot_table_next(snap, &row, &err), 1, "%s", err.msg);
    snapshot_close(snap);
    snapshot_close(NULL);
    live_end(&L);
}

Test(snapshot, missing_table_is_a_one_line_error)
{
    struct live L;
    live_begin(&L, "bbsnap", "miss");
    create(&L, (const char *const[]){ "CREATE TABLE t (id INT PRIMARY KEY)", NULL });
    test_sql(L.m, "INSERT INTO t VALUES (1)");
    char file[256];
    uint64_t pos;
    struct snapshot *snap = open_snapshot(file, sizeof file, &pos);
    const struct bb_table *t;
    struct bb_error err = { 0 };
    int rc = snapshot_table_begin(snap, L.db, "nope", &t, &err);
    cr_assert_eq(rc, BB_ERR_SERVER, "rc %d: %s", rc, err.msg);
    char want[300];
    snprintf(want, sizeof want, "server %s:%u: snapshot of %s.nope: no such table",
             test_env("BB_MARIADB_HOST"), test_mariadb_port(), L.db);
    cr_assert_str_eq(err.msg, want);
    /* the snapshot goes on */
    struct bb_error err2 = { 0 };
    cr_assert_eq(snapshot_table_begin(snap, L.db, "t", &t, &err2), 0, "%s", err2.msg);
    const struct bb_value *row;
    cr_assert_eq(snapshot_table_next(snap, &row, &err2), 1, "%s", err2.msg);
    cr_assert_eq(snapshot_table_next(snap, &row, &err2), 0, "%s", err2.msg);
    snapshot_close(snap);
    live_end(&L);
}

/* A table gone or changed under a snapshot is told by the server's error
 * number (the bridge reloads on it), never by the message's words. */
Test(snapshot, missing_dropped_and_rebuilt_tables_are_told_by_their_codes)
{
    struct live L;
    live_begin(&L, "bbsnap", "codes");
    create(&L, (const char *const[]){ "CREATE TABLE gone (id INT PRIMARY KEY, e ENUM('a','b'))",
                                      "CREATE TABLE rebuilt (id INT PRIMARY KEY, v INT)",
                                      "CREATE TABLE kept (id INT PRIMARY KEY)", NULL });
    test_sql(L.m, "INSERT INTO gone VALUES (1, 'a')");
    test_sql(L.m, "INSERT INTO rebuilt VALUES (1, 1)");
    test_sql(L.m, "INSERT INTO kept VALUES (1)");
    char file[256];
    uint64_t pos;
    struct snapshot *snap = open_snapshot(file, sizeof file, &pos);
    const struct bb_table *t;

    /* never there: the describer finds nothing in information_schema */
    struct bb_error err = { 0 };
    cr_assert_eq(snapshot_table_begin(snap, L.db, "nope", &t, &err), BB_ERR_SERVER, "%s",
                 err.msg);
    cr_assert_eq(err.server_errno, ER_NO_SUCH_TABLE, "%d: %s", err.server_errno, err.msg);

    /* dropped after the snapshot began, before it was read */
    test_sql(L.m, "DROP TABLE gone");
    struct bb_error err2 = { 0 };
    cr_assert_eq(snapshot_table_begin(snap, L.db, "gone", &t, &err2), BB_ERR_SERVER, "%s",
                 err2.msg);
    cr_assert_eq(err2.server_errno, ER_NO_SUCH_TABLE, "%d: %s", err2.server_errno, err2.msg);

    /* rebuilt after the snapshot began: its rows are no longer those of
     * the snapshot's read view */
    test_sql(L.m, "ALTER TABLE rebuilt FORCE");
    struct bb_error err3 = { 0 };
    int rc = snapshot_table_begin(snap, L.db, "rebuilt", &t, &err3);
    const struct bb_value *row;
    if (rc == 0)
        rc = snapshot_table_next(snap, &row, &err3);
    cr_assert_eq(rc, BB_ERR_SERVER, "rc %d: %s", rc, err3.msg);
    cr_assert_eq(err3.server_errno, ER_TABLE_DEF_CHANGED, "%d: %s", err3.server_errno, err3.msg);

    /* and the snapshot goes on */
    struct bb_error err4 = { 0 };
    cr_assert_eq(snapshot_table_begin(snap, L.db, "kept", &t, &err4), 0, "%s", err4.msg);
    cr_assert_eq(snapshot_table_next(snap, &row, &err4), 1, "%s", err4.msg);
    cr_assert_eq(snapshot_table_next(snap, &row, &err4), 0, "%s", err4.msg);
    cr_assert_eq(err4.server_errno, 0);
    snapshot_close(snap);
    live_end(&L);
}

Test(snapshot, dropped_connection_is_a_one_line_io_error)
{
    struct live L;
    live_begin(&L, "bbsnap", "kill");
    create(&L, (const char *const[]){ "CREATE TABLE big (id INT PRIMARY KEY, v VARCHAR(300))",
                                      NULL });
    test_sql(L.m, "INSERT INTO big SELECT seq, REPEAT('k', 300) FROM seq_1_to_100000");
    char file[256];
    uint64_t pos;
    struct snapshot *snap = open_snapshot(file, sizeof file, &pos);
    const struct bb_table *t;
    const struct bb_value *row;
    struct bb_error err = { 0 };
    cr_assert_eq(snapshot_table_begin(snap, L.db, "big", &t, &err), 0, "%s", err.msg);
    cr_assert_eq(snapshot_table_next(snap, &row, &err), 1, "%s", err.msg);
    char id[32];
    test_sql_value(L.m, id, sizeof id, "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE"
              " '%%`%s`.`big`%%' AND ID <> CONNECTION_ID()", L.db);
    test_sql(L.m, "KILL CONNECTION %s", id);
    int rc, n = 1;
    while ((rc = snapshot_table_next(snap, &row, &err)) > 0)
        n++;
    cr_assert_lt(n, 100000, "every row came although the connection was killed");
    cr_assert_eq(rc, BB_ERR_IO, "rc %d: %s", rc, err.msg);
    char want[300];
    snprintf(want, sizeof want, "server %s:%u: snapshot of %s.big: reading row %d: ",
             test_env("BB_MARIADB_HOST"), test_mariadb_port(), L.db, n + 1);
    cr_assert(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
    cr_assert(!strchr(err.msg, '\n'), "%s", err.msg);
    /* and what follows says the same */
    struct bb_error err2 = { 0 };
    rc = snapshot_table_begin(snap, L.db, "big", &t, &err2);
    cr_assert_eq(rc, BB_ERR_IO, "rc %d: %s", rc, err2.msg);
    cr_assert(strstr(err2.msg, "server ") == err2.msg && !strchr(err2.msg, '\n'), "%s",
              err2.msg);
    snapshot_close(snap);
    live_end(&L);
}

Test(snapshot, unreachable_server_is_an_io_error)
{
    struct bb_server_options o;
    server_options(&o);
    o.port = 1; /* nothing listens there */
    o.connect_timeout = 5;
    struct snapshot *s = (struct snapshot *)1;
    char file[64];
    uint64_t pos;
    struct bb_error err = { 0 };
    int rc = snapshot_open(&s, &o, file, sizeof file, &pos, &err);
    cr_assert_eq(rc, BB_ERR_IO, "rc %d: %s", rc, err.msg);
    cr_assert_null(s);
    cr_assert(strncmp(err.msg, "server ", 7) == 0 && !strchr(err.msg, '\n'), "%s", err.msg);
}

/* ------------------------------------------------------------------ */
/* MySQL JSON (no MySQL here: the encoder against the decoder)         */

/* Texts as MySQL prints JSON: encoded to binary JSON and rendered back by
 * json_binary.c, each must come out unchanged. */
Test(snapshot, mysql_json_text_round_trips_through_binary_json)
{
    static const char *const texts[] = {
        "null", "true", "false", "0", "-1", "42", "9223372036854775807",
        "-9223372036854775808", "18446744073709551615", "1.5", "-0.0", "1e300", "2.0",
        "0.1", "5e-324", "\"\"", "\"x\"", "\"quote \\\" backslash \\\\ nl \\n tab \\t\"",
        "\"é 😀 中文\"", "[]", "{}", "[1, 2.5, \"x\", null, true, false]",
        "{\"a\": 1, \"b\": [1, 2.5, \"x\"], \"cc\": {\"d\": null}}",
        "{\"\": \"empty key\", \"k\": []}", "[[[[[[[[[[1]]]]]]]]]]",
        "[{\"a\": {\"b\": [true, {\"c\": \"d\"}]}}]",
        NULL,
    };
    struct bb_buf bin, text;
    bb_buf_init(&bin);
    bb_buf_init(&text);
    for (size_t i = 0; texts[i]; i++) {
        struct bb_error err = { 0 };
        bb_buf_reset(&bin);
        bb_buf_reset(&text);
        cr_assert_eq(snapshot_json_text_to_binary(texts[i], strlen(texts[i]), &bin, &err), 0,
                     "%s: %s", texts[i], err.msg);
        cr_assert_eq(json_binary_to_text((const uint8_t *)bin.data, bin.len, &text, &err), 0,
                     "%s: %s", texts[i], err.msg);
        cr_assert_str_eq(text.data, texts[i]);
    }
    /* escapes MySQL does not print still decode; a large document */
    const char *in = "{ \"a\" : \"\\u00e9\\ud83d\\ude00\\/\" }";
    struct bb_error err = { 0 };
    bb_buf_reset(&bin);
    bb_buf_reset(&text);
    cr_assert_eq(snapshot_json_text_to_binary(in, strlen(in), &bin, &err), 0, "%s", err.msg);
    cr_assert_eq(json_binary_to_text((const uint8_t *)bin.data, bin.len, &text, &err), 0, "%s",
                 err.msg);
    cr_assert_str_eq(text.data, "{\"a\": \"é😀/\"}");
    struct bb_buf big;
    bb_buf_init(&big);
    bb_buf_putc(&big, '[');
    for (int i = 0; i < 20000; i++)
        bb_buf_printf(&big, "%s{\"k%d\": \"%d\"}", i ? ", " : "", i, i * 7);
    bb_buf_putc(&big, ']');
    bb_buf_reset(&bin);
    bb_buf_reset(&text);
    cr_assert_eq(snapshot_json_text_to_binary(big.data, big.len, &bin, &err), 0, "%s", err.msg);
    cr_assert_eq(json_binary_to_text((const uint8_t *)bin.data, bin.len, &text, &err), 0, "%s",
                 err.msg);
    cr_assert_str_eq(text.data, big.data);
    /* what is not JSON is refused */
    static const char *const bad[] = { "", "[1,", "{\"a\" 1}", "tru", "[1] x", "\"\\x\"",
                                       "1e999", NULL };
    for (size_t i = 0; bad[i]; i++) {
        struct bb_error e = { 0 };
        bb_buf_reset(&bin);
        /* the server's error (it sent what is not JSON), saying why and where */
        cr_assert_eq(snapshot_json_text_to_binary(bad[i], strlen(bad[i]), &bin, &e),
                     BB_ERR_SERVER, "%s", bad[i]);
        cr_assert_eq(e.code, BB_ERR_SERVER, "%s", bad[i]);
        cr_assert(strncmp(e.msg, "JSON text: ", 11) == 0 && strstr(e.msg, " at offset "), "%s: %s",
                  bad[i], e.msg);
        cr_assert_eq(bin.len, 0, "%s: nothing is appended", bad[i]);
    }
    bb_buf_destroy(&big);
    bb_buf_destroy(&bin);
    bb_buf_destroy(&text);
}
