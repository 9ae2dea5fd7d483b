/* test_describer.c - the one information_schema describer (describer.c)
 * and its two users, live against the throwaway MariaDB of
 * scripts/servers.sh.
 *
 * Awkward tables (ENUM/SET labels with quotes, backslashes, commas, beyond
 * the BMP and in other charsets; every kind of character set; JSON check
 * constraints; tables keyed by a UNIQUE NOT NULL key; MEMORY tables with
 * USING HASH keys; invisible columns and the hidden hash columns of long
 * UNIQUE keys) are described three ways that must agree: by the binlog's
 * own TABLE_MAP (binlog_row_metadata=FULL), by a snapshot of the table,
 * and by the schema lookups of a live stream filling that TABLE_MAP
 * stripped to what a server without metadata sends.
 *
 * Each test works in its own database bbdesc_<tag>_<pid>. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mysql.h>
#include <mysqld_error.h>

#include "binbridge.h"
#include "base/buf.h"
#include "binlog/decode_value.h"
#include "binlog/describer.h"
#include "binlog/schema_info.h"
#include "binlog/table_cache.h"
#include "mysql/server_conn.h"
#include "snapshot/snapshot.h"
#include "tests/testutil.h"

static void server_options(struct bb_server_options *o)
{
    test_server_options(o, 0x62640000u | ((uint32_t)getpid() & 0xffff));
}

/* The awkward tables. */
static const char *const awkward[] = {
    "CREATE TABLE labels (id INT PRIMARY KEY,"
    " e ENUM('a','it''s','back\\\\slash','com,ma','par(en)','','sp ace','😀','?','é')"
    "  CHARACTER SET utf8mb4,"
    " s SET('x','it''s','😀','\\\\','q\"q'),"
    " el ENUM('é','€','x') CHARACTER SET latin1,"
    " es ENUM('表','x') CHARACTER SET sjis,"
    " eu ENUM('😀','Ω') CHARACTER SET utf16,"
    " sl SET('é','ü') CHARACTER SET latin1)",
    "CREATE TABLE charsets (id INT PRIMARY KEY, b BINARY(4), vb VARBINARY(10), bl BLOB,"
    " l1 VARCHAR(10) CHARACTER SET latin1, a CHAR(3) CHARACTER SET ascii,"
    " u3 VARCHAR(10) CHARACTER SET utf8mb3, u4 TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,"
    " uca VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_uca1400_ai_ci,"
    " u2 VARCHAR(10) CHARACTER SET ucs2, u16 CHAR(2) CHARACTER SET utf16,"
    " u32 TINYTEXT CHARACTER SET utf32 COLLATE utf32_bin, sj VARCHAR(10) CHARACTER SET sjis,"
    " gb VARCHAR(10) CHARACTER SET gbk, b5 MEDIUMTEXT CHARACTER SET big5,"
    " cz VARCHAR(5) CHARACTER SET cp1250 COLLATE cp1250_czech_cs, n INT UNSIGNED, g POINT)",
    "CREATE TABLE json (id INT PRIMARY KEY, j JSON,"
    " jl LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin CHECK (json_valid(jl)),"
    " named LONGTEXT, lt LONGTEXT, other LONGTEXT CHECK (char_length(other) < 100),"
    " jt TEXT CHECK (json_valid(jt)), CONSTRAINT jn CHECK (json_valid(`named`)))",
    "CREATE TABLE uk (n INT, a INT NOT NULL, b VARCHAR(5) NOT NULL, c INT NOT NULL,"
    " UNIQUE KEY un (n), UNIQUE KEY ab (b, a), UNIQUE KEY cc (c))",
    "CREATE TABLE mem (v INT, id INT NOT NULL, k VARCHAR(10) NOT NULL,"
    " UNIQUE KEY h (id) USING HASH, UNIQUE KEY h2 (k) USING HASH) ENGINE=MEMORY",
    "CREATE TABLE hid (id INT NOT NULL PRIMARY KEY, a TEXT, b BLOB, c INT, DB_ROW_HASH_1 INT,"
    " h VARCHAR(10) INVISIBLE DEFAULT 'd', UNIQUE (b), UNIQUE (a, c))",
    NULL,
};
static const char *const awkward_rows[] = {
    "INSERT INTO labels VALUES (1, 'it''s', 'x,😀', 'é', '表', '😀', 'é,ü')",
    "INSERT INTO charsets VALUES (1, 'ab', 'cd', 'ef', 'é', 'abc', 'ü', '😀', 'x', 'y', 'z',"
    " 'w', '表', '中', '中', 'č', 7, ST_GeomFromText('POINT(1 2)'))",
    "INSERT INTO json VALUES (1, '{\"a\": 1}', '[1]', '{}', 'not json', 'o', '[2]')",
    "INSERT INTO uk VALUES (NULL, 1, 'x', 3)",
    "INSERT INTO mem VALUES (1, 2, 'k')",
    "INSERT INTO hid (id, a, b, c, DB_ROW_HASH_1) VALUES (1, 'a', 'b', 3, 4)",
    NULL,
};
static const char *const awkward_names[] = { "labels", "charsets", "json", "uk", "mem", "hid",
                                             NULL };

/* A describer of our own, on a connection of our own. */
struct described {
    MYSQL *m;
    char where[300];
    struct describer d;
    struct bb_arena mem;
};

static void described_open(struct described *x)
{
    struct bb_server_options o;
    server_options(&o);
    struct bb_error err = { 0 };
    server_conn_describe(&o, x->where, sizeof x->where);
    cr_assert_eq(server_conn_open(&x->m, &o, 30, 1 << 24, &err), 0, "%s", err.msg);
    cr_assert_eq(describer_init(&x->d, x->m, x->where, "test", &err), 0, "%s", err.msg);
    bb_arena_init(&x->mem);
}

static void described_close(struct described *x)
{
    describer_destroy(&x->d);
    bb_arena_destroy(&x->mem);
    mysql_close(x->m);
}

static const struct table_description *describe(struct described *x, const char *db,
                                                const char *table)
{
    static struct table_description td;
    struct bb_error err = { 0 };
    int rc = describer_table(&x->d, db, table, &x->mem, &td, &err);
    cr_assert_eq(rc, 0, "describe %s: %s", table, err.msg);
    return &td;
}

static int col(const struct bb_table *t, const char *name)
{
    for (uint32_t i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return (int)i;
    cr_assert_fail("%s has no column %s", t->name, name);
    return -1;
}

static void expect_labels(const struct bb_table *t, const char *name, const char *const *want)
{
    const struct bb_column *c = &t->cols[col(t, name)];
    uint32_t n = 0;
    while (want[n])
        n++;
    cr_assert_eq(c->nlabels, n, "%s: %u labels, not %u", name, c->nlabels, n);
    for (uint32_t k = 0; k < n; k++) {
        cr_assert_eq(c->label_lens[k], strlen(want[k]), "%s label %u", name, k);
        cr_assert(memcmp(c->labels[k], want[k], c->label_lens[k]) == 0, "%s label %u: '%.*s', "
                  "not '%s'", name, k, (int)c->label_lens[k], c->labels[k], want[k]);
    }
}

static void expect_charset(const struct bb_table *t, const char *name, uint16_t id)
{
    const struct bb_column *c = &t->cols[col(t, name)];
    cr_assert_eq(c->charset, id, "%s: charset %u, not %u", name, c->charset, id);
}

Test(describer, describes_awkward_tables)
{
    struct live L;
    live_begin(&L, "bbdesc", "awk");
    for (size_t i = 0; awkward[i]; i++)
        test_sql(L.m, "%s", awkward[i]);
    struct described x;
    described_open(&x);

    const struct table_description *td = describe(&x, L.db, "labels");
    const struct bb_table *t = &td->table;
    cr_assert_str_eq(t->schema, L.db);
    cr_assert_str_eq(t->name, "labels");
    cr_assert(t->has_names);
    /* beyond the BMP: the server's own bytes, not information_schema's '?' */
    expect_labels(t, "e", (const char *const[]){ "a", "it's", "back\\slash", "com,ma", "par(en)",
                                                 "", "sp ace", "😀", "?", "é", NULL });
    expect_labels(t, "s", (const char *const[]){ "x", "it's", "😀", "\\", "q\"q", NULL });
    expect_labels(t, "el", (const char *const[]){ "é", "€", "x", NULL });
    expect_labels(t, "es", (const char *const[]){ "表", "x", NULL });
    expect_labels(t, "eu", (const char *const[]){ "😀", "Ω", NULL });
    expect_labels(t, "sl", (const char *const[]){ "é", "ü", NULL });
    cr_assert_eq(t->cols[col(t, "e")].type, MYSQL_TYPE_ENUM);
    cr_assert_eq(t->cols[col(t, "s")].type, MYSQL_TYPE_SET);
    expect_charset(t, "el", 8);
    expect_charset(t, "es", 13);
    expect_charset(t, "eu", 54);
    cr_assert_eq(td->nlisted, t->ncols);

    td = describe(&x, L.db, "charsets");
    t = &td->table;
    static const struct { const char *col; uint16_t id; } ids[] = {
        { "b", 63 }, { "vb", 63 }, { "bl", 63 }, { "l1", 8 }, { "a", 11 }, { "u3", 33 },
        { "u4", 46 }, { "uca", 2304 }, { "u2", 35 }, { "u16", 54 }, { "u32", 61 },
        { "sj", 13 }, { "gb", 28 }, { "b5", 1 }, { "cz", 34 }, { "g", 63 }, { "n", 0 },
    };
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
        expect_charset(t, ids[i].col, ids[i].id);
    cr_assert(t->cols[col(t, "n")].signedness_known && t->cols[col(t, "n")].is_unsigned);
    cr_assert_eq(t->cols[col(t, "g")].type, MYSQL_TYPE_GEOMETRY);
    cr_assert_eq(t->cols[col(t, "g")].geometry_type, 1, "POINT");
    cr_assert_str_eq(td->info[col(t, "uca")].data_type, "varchar");

    td = describe(&x, L.db, "json");
    t = &td->table;
    static const struct { const char *col; bool json; } js[] = {
        { "j", true }, { "jl", true }, { "named", true }, { "lt", false }, { "other", false },
        { "jt", false },  /* a TEXT: MariaDB's JSON is a LONGTEXT */
    };
    for (size_t i = 0; i < sizeof js / sizeof *js; i++)
        cr_assert_eq(t->cols[col(t, js[i].col)].json_text, js[i].json, "json.%s", js[i].col);
    cr_assert_str_eq(td->info[col(t, "j")].data_type, "longtext");

    /* no primary key: the first UNIQUE NOT NULL key, in key order */
    td = describe(&x, L.db, "uk");
    t = &td->table;
    cr_assert_eq(t->npk, 2);
    cr_assert_eq(t->pk[0], 2);
    cr_assert_eq(t->pk[1], 1);
    cr_assert(t->cols[1].in_primary_key && t->cols[2].in_primary_key);
    cr_assert(!t->cols[0].in_primary_key && !t->cols[3].in_primary_key);

    /* MEMORY's own HASH indexes are keys, not long UNIQUE keys */
    td = describe(&x, L.db, "mem");
    t = &td->table;
    cr_assert_eq(t->ncols, 3);
    cr_assert_eq(td->nlisted, 3);
    cr_assert_eq(t->npk, 1);
    cr_assert_eq(t->pk[0], 1);

    /* long UNIQUE keys: hidden DB_ROW_HASH_<n> columns after the others,
     * named past the user's own DB_ROW_HASH_1; INVISIBLE is visible to
     * the binlog on MariaDB */
    td = describe(&x, L.db, "hid");
    t = &td->table;
    cr_assert_eq(td->nlisted, 6);
    cr_assert_eq(t->ncols, 8);
    cr_assert_str_eq(t->cols[4].name, "DB_ROW_HASH_1");
    cr_assert(!td->info[4].hidden);
    cr_assert_str_eq(t->cols[6].name, "DB_ROW_HASH_2");
    cr_assert_str_eq(t->cols[7].name, "DB_ROW_HASH_3");
    for (uint32_t i = 6; i < 8; i++) {
        cr_assert(td->info[i].hidden);
        cr_assert_eq(t->cols[i].type, MYSQL_TYPE_LONGLONG);
        cr_assert(t->cols[i].is_unsigned && t->cols[i].signedness_known && t->cols[i].nullable);
    }
    cr_assert(t->cols[col(t, "h")].visible);
    cr_assert_eq(t->npk, 1);
    cr_assert_eq(t->pk[0], 0);

    described_close(&x);
    live_end(&L);
}

Test(describer, missing_table_is_told_by_its_code)
{
    struct live L;
    live_begin(&L, "bbdesc", "miss");
    struct described x;
    described_open(&x);
    struct table_description td;
    struct bb_error err = { 0 };
    int rc = describer_table(&x.d, L.db, "nope", &x.mem, &td, &err);
    cr_assert_eq(rc, BB_ERR_SERVER, "%d: %s", rc, err.msg);
    cr_assert_eq(err.server_errno, ER_NO_SUCH_TABLE, "%d: %s", err.server_errno, err.msg);
    char want[400];
    snprintf(want, sizeof want, "server %s: test of %s.nope: no such table", x.where, L.db);
    cr_assert_str_eq(err.msg, want);
    described_close(&x);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* The same description both ways                                      */

/* A TABLE_MAP as a server without metadata sends it: the binlog's own,
 * stripped of what FULL metadata adds (names, signedness, charsets,
 * labels, key) and of what only the schema gives (JSON text, the old
 * temporal types' fractional digits). */
static struct cached_table *stripped(const struct bb_table *full)
{
    struct cached_table *ct = cached_table_new();
    cr_assert(ct);
    struct bb_table *t = &ct->table;
    t->schema = bb_arena_strndup(&ct->mem, full->schema, strlen(full->schema));
    t->name = bb_arena_strndup(&ct->mem, full->name, strlen(full->name));
    t->flags = full->flags;
    t->ncols = full->ncols;
    t->cols = bb_arena_calloc(&ct->mem, full->ncols * sizeof *t->cols);
    cr_assert(t->cols);
    for (uint32_t i = 0; i < full->ncols; i++) {
        struct bb_column *c = &t->cols[i];
        *c = full->cols[i];
        c->name = NULL;
        c->is_unsigned = c->signedness_known = false;
        c->in_primary_key = false;
        c->charset = 0;
        c->json_text = false;
        c->nlabels = 0;
        c->labels = NULL;
        c->label_lens = NULL;
        if (c->type == MYSQL_TYPE_TIME || c->type == MYSQL_TYPE_DATETIME ||
            c->type == MYSQL_TYPE_TIMESTAMP)
            c->fsp = 0;
    }
    return ct;
}

/* What the schema lookups fill agrees with the snapshot's description. */
static void compare_fill(const struct bb_table *f, const struct bb_table *s)
{
    const char *tn = s->name;
    cr_assert(f->has_names, "%s: not filled", tn);
    cr_assert_eq(f->ncols, s->ncols, "%s", tn);
    cr_assert_eq(f->npk, s->npk, "%s: %u key columns filled, %u in the snapshot", tn, f->npk,
                 s->npk);
    for (uint32_t k = 0; k < s->npk; k++)
        cr_assert_eq(f->pk[k], s->pk[k], "%s: key part %u", tn, k);
    for (uint32_t i = 0; i < s->ncols; i++) {
        const struct bb_column *x = &f->cols[i], *y = &s->cols[i];
        cr_assert_str_eq(x->name, y->name, "%s column %u", tn, i);
        const char *n = y->name;
#define SAME(fld) cr_assert_eq(x->fld, y->fld, "%s.%s: " #fld " %lld filled, %lld in the " \
                               "snapshot", tn, n, (long long)x->fld, (long long)y->fld)
        SAME(type);
        SAME(in_primary_key);
        SAME(json_text);
        SAME(fsp);
        SAME(nlabels);
        if (column_type_is_numeric(y->type)) {
            SAME(is_unsigned);
            SAME(signedness_known);
        }
        if (column_type_is_character(y->type) || column_type_is_enum_or_set(y->type))
            SAME(charset);
#undef SAME
        for (uint32_t k = 0; k < y->nlabels; k++)
            cr_assert(x->label_lens[k] == y->label_lens[k] &&
                      memcmp(x->labels[k], y->labels[k], y->label_lens[k]) == 0,
                      "%s.%s label %u: '%.*s' filled, '%.*s' in the snapshot", tn, n, k,
                      (int)x->label_lens[k], x->labels[k], (int)y->label_lens[k], y->labels[k]);
    }
}

/* The binlog's FULL TABLE_MAP against the snapshot (what both carry). */
static void compare_full(const struct bb_table *b, const struct bb_table *s)
{
    const char *tn = s->name;
    cr_assert_eq(b->ncols, s->ncols, "%s: %u columns in the binlog, %u in the snapshot", tn,
                 b->ncols, s->ncols);
    cr_assert_eq(b->npk, s->npk, "%s", tn);
    for (uint32_t k = 0; k < s->npk; k++)
        cr_assert_eq(b->pk[k], s->pk[k], "%s: key part %u", tn, k);
    for (uint32_t i = 0; i < s->ncols; i++) {
        const struct bb_column *x = &b->cols[i], *y = &s->cols[i];
        cr_assert_str_eq(x->name, y->name, "%s column %u", tn, i);
        cr_assert_eq(x->type, y->type, "%s.%s", tn, y->name);
        cr_assert_eq(x->meta, y->meta, "%s.%s", tn, y->name);
        cr_assert_eq(x->charset, y->charset, "%s.%s: charset %u in the binlog, %u in the "
                     "snapshot", tn, y->name, x->charset, y->charset);
        cr_assert_eq(x->json_text, y->json_text, "%s.%s", tn, y->name);
        cr_assert_eq(x->visible, y->visible, "%s.%s", tn, y->name);
        cr_assert_eq(x->nlabels, y->nlabels, "%s.%s", tn, y->name);
        for (uint32_t k = 0; k < y->nlabels; k++)
            cr_assert(x->label_lens[k] == y->label_lens[k] &&
                      memcmp(x->labels[k], y->labels[k], y->label_lens[k]) == 0,
                      "%s.%s label %u", tn, y->name, k);
    }
}

Test(describer, snapshot_and_schema_lookups_describe_alike)
{
    struct live L;
    live_begin(&L, "bbdesc", "alike");
    test_sql(L.m, "SET SESSION sql_mode = ''");
    for (size_t i = 0; awkward[i]; i++)
        test_sql(L.m, "%s", awkward[i]);
    live_mark(&L);
    for (size_t i = 0; awkward_rows[i]; i++)
        test_sql(L.m, "%s", awkward_rows[i]);

    /* the binlog's own TABLE_MAPs (FULL metadata; the stream's schema
     * lookups add only what the binlog never has: JSON text) */
    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_POSITION;
    o.start_file = L.file;
    o.start_pos = L.pos;
    struct bb_stream_options so;
    bb_stream_options_init(&so);
    const char *only[] = { L.db, NULL };
    so.filter.only_schemas = only;
    struct bb_stream *st;
    struct bb_error err = { 0 };
    cr_assert_eq(bb_stream_open_server(&st, &o, &so, &err), 0, "%s", err.msg);
    struct cached_table *full[8] = { 0 };
    const struct bb_event *ev;
    int rc;
    while ((rc = bb_stream_next(st, &ev, &err)) > 0) {
        if (!bb_event_is_rows(ev))
            continue;
        for (size_t i = 0; awkward_names[i]; i++) {
            if (full[i] || strcmp(ev->rows.table->name, awkward_names[i]) != 0)
                continue;
            /* a deep copy: the stream's tables live until the statement's end */
            const struct bb_table *t = ev->rows.table;
            struct cached_table *ct = stripped(t);
            for (uint32_t c = 0; c < t->ncols; c++) {
                struct bb_column *d = &ct->table.cols[c];
                *d = t->cols[c];
                d->name = bb_arena_strndup(&ct->mem, t->cols[c].name, strlen(t->cols[c].name));
                if (d->nlabels) {
                    const char **l = bb_arena_alloc(&ct->mem, d->nlabels * sizeof *l);
                    uint32_t *ll = bb_arena_alloc(&ct->mem, d->nlabels * sizeof *ll);
                    for (uint32_t k = 0; k < d->nlabels; k++) {
                        ll[k] = t->cols[c].label_lens[k];
                        l[k] = bb_arena_strndup(&ct->mem, t->cols[c].labels[k], ll[k]);
                    }
                    d->labels = l;
                    d->label_lens = ll;
                }
            }
            uint32_t *pk = bb_arena_alloc(&ct->mem, (t->npk + 1) * sizeof *pk);
            for (uint32_t k = 0; k < t->npk; k++)
                pk[k] = t->pk[k];
            ct->table.pk = pk;
            ct->table.npk = t->npk;
            ct->table.has_names = t->has_names;
            full[i] = ct;
        }
    }
    cr_assert_eq(rc, 0, "%s", err.msg);
    bb_stream_close(st);

    char file[256];
    uint64_t pos;
    struct snapshot *snap;
    struct bb_server_options so2;
    server_options(&so2);
    cr_assert_eq(snapshot_open(&snap, &so2, file, sizeof file, &pos, &err), 0, "%s", err.msg);
    struct schema_info *si;
    cr_assert_eq(schema_info_open(&si, &so2, &err), 0, "%s", err.msg);
    for (size_t i = 0; awkward_names[i]; i++) {
        cr_assert(full[i], "no rows of %s in the binlog", awkward_names[i]);
        const struct bb_table *s;
        cr_assert_eq(snapshot_table_begin(snap, L.db, awkward_names[i], &s, &err), 0, "%s",
                     err.msg);
        compare_full(&full[i]->table, s);
        struct cached_table *bare = stripped(&full[i]->table);
        cr_assert_eq(schema_info_fill(si, bare, &err), 0, "%s", err.msg);
        compare_fill(&bare->table, s);
        cached_table_free(bare);
        /* and a TABLE_MAP without the hidden hash columns (an event from
         * before the long UNIQUE keys) is filled all the same */
        if (strcmp(awkward_names[i], "hid") == 0) {
            cr_assert_eq(s->ncols, 8);
            bare = stripped(&full[i]->table);
            bare->table.ncols = 6;
            cr_assert_eq(schema_info_fill(si, bare, &err), 0, "%s", err.msg);
            cr_assert(bare->table.has_names);
            cr_assert_str_eq(bare->table.cols[5].name, "h");
            cached_table_free(bare);
        }
        cached_table_free(full[i]);
    }
    schema_info_close(si);
    snapshot_close(snap);
    live_end(&L);
}
