/* test_live_events.c - every event kind MariaDB 10.11 writes here, read
 * from the live binlog and checked field by field, and `binbridge dump`
 * against the same server.
 *
 * Run through scripts/run-tests.sh (BB_MARIADB_*, BB_BINBRIDGE in the
 * environment). Other tests write to the server at the same time: each test
 * works in its own database bbe_<tag>_<pid>, reads from the binlog position
 * before its statements, registers with its own replica server id, and
 * finds its own transactions by the GTID the session wrote (@@last_gtid);
 * a transaction's events are contiguous in the binlog. Global variables are
 * changed only under a named lock and restored at once. */
#include <criterion/criterion.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mysql.h>

#include "binbridge.h"
#include "base/buf.h"
#include "values/format_event.h"
#include "tests/testutil.h"

/* GTID event flags (MariaDB log_event.h; Connector/C's FL_ALLOW_PARALLEL
 * ends in a stray semicolon). */
#define G_STANDALONE     0x01
#define G_TRANSACTIONAL  0x04
#define G_ALLOW_PARALLEL 0x08
#define G_DDL            0x20
#define G_PREPARED_XA    0x40
#define G_COMPLETED_XA   0x80

/* ------------------------------------------------------------------ */
/* Setup                                                               */

/* The GTID this session wrote last (@@last_gtid "domain-server-seq"). */
struct gtid {
    uint32_t domain, server;
    uint64_t seq;
};

static struct gtid last_gtid(MYSQL *m)
{
    char v[128];
    test_sql_value(m, v, sizeof v, "SELECT @@last_gtid");
    struct gtid g;
    unsigned long long seq;
    cr_assert_eq(sscanf(v, "%u-%u-%llu", &g.domain, &g.server, &seq), 3, "@@last_gtid '%s'", v);
    g.seq = seq;
    /* and the server's binlog position has it (or a later one) */
    char pos[1024], want[64];
    test_sql_value(m, pos, sizeof pos, "SELECT @@gtid_binlog_pos");
    snprintf(want, sizeof want, "%u-%u-", g.domain, g.server);
    const char *p = strstr(pos, want);
    cr_assert(p, "@@gtid_binlog_pos '%s' has no %s", pos, want);
    cr_assert_geq(strtoull(p + strlen(want), NULL, 10), g.seq, "@@gtid_binlog_pos '%s'", pos);
    return g;
}

/* ------------------------------------------------------------------ */
/* Events as the tests keep them                                       */

struct evrec {
    uint8_t type;
    uint64_t pos;
    uint32_t next_pos, length;
    uint16_t flags;
    char log_file[64];
    bool artificial;
    char *text;                 /* query, annotate text, checkpoint file, rotate next file,
                                   user variable name, GTID list "d-s-n,..." */
    char *schema;               /* QUERY, TABLE_MAP, rows */
    char *table;                /* TABLE_MAP, rows */
    char *rows;                 /* rows: "W t id=1 v=a\n" lines */
    char *dump;                 /* format_event_text of the event */
    /* GTID */
    struct gtid g;
    uint8_t gflags;
    bool is_xa;
    int32_t xa_format_id;
    char xa_gtrid[140], xa_bqual[140];  /* hex */
    /* numbers: XID; ROTATE position; INTVAR type, value; RAND seeds;
     * rows table id, kind, version, row count; TABLE_MAP id */
    uint64_t xid, n1, n2;
    uint16_t rflags;
    bool compressed;
    uint8_t rows_kind, version;
    uint32_t nrows;
    /* USER_VAR */
    bool uv_null;
    uint8_t uv_type, uv_flags;
    uint32_t uv_charset;
    uint8_t uv_value[64];
    size_t uv_len;
};

struct evlist {
    struct evrec *v;
    size_t n, cap;
};

static uint32_t test_server_id(void)
{
    return 0x62650000u | ((uint32_t)getpid() & 0xffff);
}

static char *dup_bytes(struct bb_bytes b)
{
    char *s = malloc(b.len + 1);
    cr_assert(s);
    if (b.len)
        memcpy(s, b.p, b.len);
    s[b.len] = '\0';
    return s;
}

static void hex(char *out, size_t size, struct bb_bytes b)
{
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < b.len && k + 3 < size; i++)
        k += (size_t)snprintf(out + k, size - k, "%02x", b.p[i]);
}

static void rows_lines(const struct bb_event *ev, struct bb_buf *out)
{
    struct bb_error err = { 0 };
    const struct bb_ev_rows *r = &ev->rows;
    const struct bb_table *t = r->table;
    for (uint32_t n = 0; n < r->nrows; n++) {
        bb_buf_printf(out, "%c %s", r->kind == BB_ROWS_WRITE ? 'W'
                                    : r->kind == BB_ROWS_UPDATE ? 'U' : 'D', t->name);
        for (uint32_t i = 0; i < t->ncols; i++) {
            const struct bb_value *vals[2] = { r->rows[n].before ? &r->rows[n].before[i] : NULL,
                                               r->rows[n].after ? &r->rows[n].after[i] : NULL };
            bb_buf_printf(out, " %s=", t->cols[i].name ? t->cols[i].name : "?");
            for (int k = 0; k < 2; k++) {
                if (!vals[k])
                    continue;
                if (k == 1 && vals[0])
                    bb_buf_puts(out, "->");
                if (vals[k]->kind == BB_VALUE_NULL)
                    bb_buf_puts(out, "NULL");
                else
                    cr_assert_eq(bb_value_format_text(vals[k], out, &err), 0, "%s", err.msg);
            }
        }
        bb_buf_putc(out, '\n');
    }
}

static void keep(struct evlist *l, const struct bb_event *ev)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        cr_assert(l->v);
    }
    struct evrec *e = &l->v[l->n++];
    memset(e, 0, sizeof *e);
    e->type = ev->type;
    e->pos = ev->pos;
    e->next_pos = ev->next_pos;
    e->length = ev->length;
    e->flags = ev->flags;
    e->artificial = (ev->flags & LOG_EVENT_ARTIFICIAL_F) || ev->next_pos == 0;
    snprintf(e->log_file, sizeof e->log_file, "%s", ev->log_file ? ev->log_file : "");
    struct bb_error err = { 0 };
    struct bb_buf b;
    bb_buf_init(&b);
    bb_buf_puts(&b, "");
    cr_assert_eq(format_event_text(ev, &b, &err), 0, "%s at %llu: %s",
                 bb_event_type_name(ev->type), (unsigned long long)ev->pos, err.msg);
    e->dump = b.data;

    switch (ev->type) {
    case QUERY_EVENT:
    case QUERY_COMPRESSED_EVENT:
        e->schema = dup_bytes(ev->query.schema);
        e->text = dup_bytes(ev->query.query);
        break;
    case ANNOTATE_ROWS_EVENT:
        e->text = dup_bytes(ev->rows_query.query);
        break;
    case BINLOG_CHECKPOINT_EVENT:
        e->text = dup_bytes(ev->checkpoint.log_file);
        break;
    case ROTATE_EVENT:
        e->text = dup_bytes(ev->rotate.next_file);
        e->n1 = ev->rotate.position;
        break;
    case GTID_EVENT:
        e->g.domain = ev->mariadb_gtid.domain_id;
        e->g.server = ev->mariadb_gtid.server_id;
        e->g.seq = ev->mariadb_gtid.seq_no;
        e->gflags = ev->mariadb_gtid.flags;
        e->is_xa = ev->mariadb_gtid.is_xa;
        e->xa_format_id = ev->mariadb_gtid.xa_format_id;
        hex(e->xa_gtrid, sizeof e->xa_gtrid, ev->mariadb_gtid.xa_gtrid);
        hex(e->xa_bqual, sizeof e->xa_bqual, ev->mariadb_gtid.xa_bqual);
        break;
    case GTID_LIST_EVENT: {
        struct bb_buf t;
        bb_buf_init(&t);
        bb_buf_puts(&t, "");
        for (uint32_t i = 0; i < ev->gtid_list.count; i++)
            bb_buf_printf(&t, "%s%u-%u-%llu", i ? "," : "", ev->gtid_list.gtids[i].domain_id,
                          ev->gtid_list.gtids[i].server_id,
                          (unsigned long long)ev->gtid_list.gtids[i].seq_no);
        e->text = t.data;
        break;
    }
    case XA_PREPARE_LOG_EVENT:
        e->n1 = ev->xa_prepare.one_phase;
        e->xa_format_id = ev->xa_prepare.format_id;
        hex(e->xa_gtrid, sizeof e->xa_gtrid, ev->xa_prepare.gtrid);
        hex(e->xa_bqual, sizeof e->xa_bqual, ev->xa_prepare.bqual);
        break;
    case XID_EVENT:
        e->xid = ev->xid;
        break;
    case INTVAR_EVENT:
        e->n1 = ev->intvar.type;
        e->n2 = ev->intvar.value;
        break;
    case RAND_EVENT:
        e->n1 = ev->rand.seed1;
        e->n2 = ev->rand.seed2;
        break;
    case USER_VAR_EVENT:
        e->text = dup_bytes(ev->user_var.name);
        e->uv_null = ev->user_var.is_null;
        e->uv_type = ev->user_var.type;
        e->uv_flags = ev->user_var.flags;
        e->uv_charset = ev->user_var.charset;
        e->uv_len = ev->user_var.value.len < sizeof e->uv_value ? ev->user_var.value.len
                                                                  : sizeof e->uv_value;
        if (e->uv_len)
            memcpy(e->uv_value, ev->user_var.value.p, e->uv_len);
        break;
    case TABLE_MAP_EVENT:
        e->schema = strdup(ev->table_map->schema);
        e->table = strdup(ev->table_map->name);
        e->n1 = ev->table_map->id;
        break;
    default:
        if (bb_event_is_rows(ev)) {
            const struct bb_ev_rows *r = &ev->rows;
            e->schema = strdup(r->table->schema);
            e->table = strdup(r->table->name);
            e->n1 = r->table_id;
            e->rflags = r->flags;
            e->compressed = r->compressed;
            e->rows_kind = (uint8_t)r->kind;
            e->version = r->version;
            e->nrows = r->nrows;
            struct bb_buf t;
            bb_buf_init(&t);
            bb_buf_puts(&t, "");
            rows_lines(ev, &t);
            e->rows = t.data;
        }
        break;
    }
}

static void evlist_free(struct evlist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].text);
        free(l->v[i].schema);
        free(l->v[i].table);
        free(l->v[i].rows);
        free(l->v[i].dump);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

static void server_options(struct bb_server_options *o)
{
    test_server_options(o, test_server_id());
}

/* Every event from L's mark to the server's current end (non-blocking);
 * rows and table maps of L's database only. */
static void read_events(const struct live *L, struct evlist *out)
{
    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_POSITION;
    o.start_file = L->file;
    o.start_pos = L->pos;
    struct bb_stream_options so;
    bb_stream_options_init(&so);
    const char *only[2] = { L->db, NULL };
    so.filter.only_schemas = only;
    struct bb_error err = { 0 };
    struct bb_stream *s = NULL;
    cr_assert_eq(bb_stream_open_server(&s, &o, &so, &err), 0, "%s", err.msg);
    memset(out, 0, sizeof *out);
    const struct bb_event *ev;
    int rc;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        cr_assert(ev->checksum_verified || (ev->flags & LOG_EVENT_ARTIFICIAL_F) ||
                  ev->type == ROTATE_EVENT || ev->type == FORMAT_DESCRIPTION_EVENT,
                  "%s at %llu: checksum not verified", bb_event_type_name(ev->type),
                  (unsigned long long)ev->pos);
        keep(out, ev);
    }
    cr_assert_eq(rc, 0, "stream from %s:%llu failed: %s", L->file, (unsigned long long)L->pos,
                 err.msg);
    bb_stream_close(s);
}

/* Index of the GTID event of g, and the number of events of its
 * transaction (up to the next GTID or file change). */
static size_t find_trx(const struct evlist *l, struct gtid g, size_t *count)
{
    for (size_t i = 0; i < l->n; i++) {
        const struct evrec *e = &l->v[i];
        if (e->type != GTID_EVENT || e->g.seq != g.seq || e->g.domain != g.domain)
            continue;
        cr_assert_eq(e->g.server, g.server, "GTID %llu: server id %u, @@last_gtid says %u",
                     (unsigned long long)g.seq, e->g.server, g.server);
        size_t k = i + 1;
        while (k < l->n && l->v[k].type != GTID_EVENT && l->v[k].type != ROTATE_EVENT &&
               l->v[k].type != GTID_LIST_EVENT && l->v[k].type != BINLOG_CHECKPOINT_EVENT)
            k++;
        *count = k - i;
        return i;
    }
    cr_assert_fail("no GTID event %u-%u-%llu in the binlog", g.domain, g.server,
                   (unsigned long long)g.seq);
    return 0;
}

/* The transaction's event types, as "GTID_EVENT ANNOTATE_ROWS_EVENT ...",
 * and each event following the one before it in the file. */
static void expect_trx(const struct evlist *l, struct gtid g, const char *types)
{
    size_t n, first = find_trx(l, g, &n);
    struct bb_buf b;
    bb_buf_init(&b);
    bb_buf_puts(&b, "");
    for (size_t i = first; i < first + n; i++) {
        const struct evrec *e = &l->v[i];
        bb_buf_printf(&b, "%s%s", i > first ? " " : "", bb_event_type_name(e->type));
        cr_assert(!e->artificial);
        cr_assert_eq(e->pos + e->length, e->next_pos, "%s at %llu",
                     bb_event_type_name(e->type), (unsigned long long)e->pos);
        if (i > first)
            cr_assert_eq(e->pos, l->v[i - 1].next_pos, "%s at %llu does not follow %s",
                         bb_event_type_name(e->type), (unsigned long long)e->pos,
                         bb_event_type_name(l->v[i - 1].type));
    }
    cr_assert_str_eq(b.data, types, "transaction %u-%u-%llu", g.domain, g.server,
                     (unsigned long long)g.seq);
    bb_buf_destroy(&b);
}

static const struct evrec *trx_event(const struct evlist *l, struct gtid g, size_t k)
{
    size_t n, first = find_trx(l, g, &n);
    cr_assert_lt(k, n);
    return &l->v[first + k];
}

/* ------------------------------------------------------------------ */
/* QUERY, GTID, XID, TABLE_MAP, rows v1, ANNOTATE_ROWS                 */

Test(live_events, transactions_field_by_field)
{
    struct live L;
    live_begin(&L, "bbe", "trx");
    char server_id[32], domain[32];
    test_sql_value(L.m, server_id, sizeof server_id, "SELECT @@server_id");
    test_sql_value(L.m, domain, sizeof domain, "SELECT @@gtid_domain_id");
    test_sql(L.m, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20)) ENGINE=InnoDB");
    test_sql(L.m, "CREATE TABLE tm (id INT PRIMARY KEY, v VARCHAR(20)) ENGINE=MyISAM");
    live_mark(&L);

    static const char ins[] = "INSERT INTO t VALUES (1, 'one'), (2, 'two')";
    static const char upd[] = "UPDATE t SET v = 'TWO' WHERE id = 2";
    static const char del[] = "DELETE FROM t WHERE id = 1";
    static const char ins3[] = "INSERT INTO t VALUES (3, 'three')";
    static const char upd3[] = "UPDATE t SET v = 'drei' WHERE id = 3";
    static const char myisam[] = "INSERT INTO tm VALUES (1, 'myisam')";
    static const char ddl[] = "CREATE TABLE t3 (id INT PRIMARY KEY, note TEXT) COMMENT 'x''y'";
    test_sql(L.m, ins);
    struct gtid g_ins = last_gtid(L.m);
    test_sql(L.m, upd);
    struct gtid g_upd = last_gtid(L.m);
    test_sql(L.m, del);
    struct gtid g_del = last_gtid(L.m);
    test_sql(L.m, "BEGIN");
    test_sql(L.m, ins3);
    test_sql(L.m, upd3);
    test_sql(L.m, "COMMIT");
    struct gtid g_multi = last_gtid(L.m);
    test_sql(L.m, myisam);
    struct gtid g_myisam = last_gtid(L.m);
    test_sql(L.m, ddl);
    struct gtid g_ddl = last_gtid(L.m);
    /* a statement whose current database is not the table's */
    test_sql(L.m, "USE mysql");
    char cross[128];
    snprintf(cross, sizeof cross, "INSERT INTO %s.t VALUES (4, 'four')", L.db);
    test_sql(L.m, "%s", cross);
    struct gtid g_cross = last_gtid(L.m);

    struct evlist l;
    read_events(&L, &l);
    const struct gtid all[] = { g_ins, g_upd, g_del, g_multi, g_myisam, g_ddl, g_cross };
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        cr_assert_eq(all[i].domain, (uint32_t)atoi(domain));
        cr_assert_eq(all[i].server, (uint32_t)atoi(server_id));
        if (i)
            cr_assert_gt(all[i].seq, all[i - 1].seq);
    }

    static const char dml[] = "GTID_EVENT ANNOTATE_ROWS_EVENT TABLE_MAP_EVENT %s XID_EVENT";
    char want[256];
    snprintf(want, sizeof want, dml, "WRITE_ROWS_EVENT_V1");
    expect_trx(&l, g_ins, want);
    snprintf(want, sizeof want, dml, "UPDATE_ROWS_EVENT_V1");
    expect_trx(&l, g_upd, want);
    snprintf(want, sizeof want, dml, "DELETE_ROWS_EVENT_V1");
    expect_trx(&l, g_del, want);
    expect_trx(&l, g_multi, "GTID_EVENT ANNOTATE_ROWS_EVENT TABLE_MAP_EVENT WRITE_ROWS_EVENT_V1 "
                            "ANNOTATE_ROWS_EVENT TABLE_MAP_EVENT UPDATE_ROWS_EVENT_V1 XID_EVENT");
    expect_trx(&l, g_myisam, "GTID_EVENT ANNOTATE_ROWS_EVENT TABLE_MAP_EVENT "
                             "WRITE_ROWS_EVENT_V1 QUERY_EVENT");
    expect_trx(&l, g_ddl, "GTID_EVENT QUERY_EVENT");
    snprintf(want, sizeof want, dml, "WRITE_ROWS_EVENT_V1");
    expect_trx(&l, g_cross, want);

    /* GTID flags */
    const struct evrec *e = trx_event(&l, g_ins, 0);
    cr_assert_eq(e->gflags & (G_STANDALONE | G_TRANSACTIONAL | G_DDL | G_PREPARED_XA |
                              G_COMPLETED_XA), G_TRANSACTIONAL, "flags 0x%x", e->gflags);
    cr_assert(!e->is_xa);
    e = trx_event(&l, g_myisam, 0);
    cr_assert_eq(e->gflags & (G_STANDALONE | G_TRANSACTIONAL), 0, "flags 0x%x", e->gflags);
    e = trx_event(&l, g_ddl, 0);
    cr_assert_eq(e->gflags & (G_STANDALONE | G_DDL), G_STANDALONE | G_DDL, "flags 0x%x",
                 e->gflags);
    cr_assert_str_eq(trx_event(&l, g_ddl, 1)->text, ddl);
    cr_assert_str_eq(trx_event(&l, g_ddl, 1)->schema, L.db);
    char gtid_text[64];
    snprintf(gtid_text, sizeof gtid_text, "GTID: %u-%u-%llu\n", g_ddl.domain, g_ddl.server,
             (unsigned long long)g_ddl.seq);
    cr_assert(strstr(trx_event(&l, g_ddl, 0)->dump, gtid_text), "%s",
              trx_event(&l, g_ddl, 0)->dump);

    /* ANNOTATE_ROWS: the statement text; TABLE_MAP and rows agree */
    const struct { struct gtid g; size_t k; const char *stmt, *rows; uint8_t type; } rw[] = {
        { g_ins, 1, ins, "W t id=1 v=one\nW t id=2 v=two\n", WRITE_ROWS_EVENT_V1 },
        { g_upd, 1, upd, "U t id=2->2 v=two->TWO\n", UPDATE_ROWS_EVENT_V1 },
        { g_del, 1, del, "D t id=1 v=one\n", DELETE_ROWS_EVENT_V1 },
        { g_multi, 1, ins3, "W t id=3 v=three\n", WRITE_ROWS_EVENT_V1 },
        { g_multi, 4, upd3, "U t id=3->3 v=three->drei\n", UPDATE_ROWS_EVENT_V1 },
        { g_myisam, 1, myisam, "W tm id=1 v=myisam\n", WRITE_ROWS_EVENT_V1 },
        { g_cross, 1, cross, "W t id=4 v=four\n", WRITE_ROWS_EVENT_V1 },
    };
    for (size_t i = 0; i < sizeof rw / sizeof *rw; i++) {
        const struct evrec *a = trx_event(&l, rw[i].g, rw[i].k);
        const struct evrec *tm = trx_event(&l, rw[i].g, rw[i].k + 1);
        const struct evrec *r = trx_event(&l, rw[i].g, rw[i].k + 2);
        cr_assert_str_eq(a->text, rw[i].stmt);
        cr_assert(strstr(a->dump, "=== MariadbAnnotateRowsEvent ===\n"), "%s", a->dump);
        char line[256];
        snprintf(line, sizeof line, "SQL statement: %s\n", rw[i].stmt);
        cr_assert(strstr(a->dump, line), "%s", a->dump);
        cr_assert_str_eq(tm->schema, L.db);
        cr_assert_str_eq(tm->table, rw[i].rows[2] == 't' && rw[i].rows[3] == 'm' ? "tm" : "t");
        cr_assert_eq(r->type, rw[i].type);
        cr_assert_eq(r->version, 1);
        cr_assert(!r->compressed);
        cr_assert_eq(r->n1, tm->n1, "rows table id %llu, table map %llu",
                     (unsigned long long)r->n1, (unsigned long long)tm->n1);
        cr_assert_eq(r->rflags & STMT_END_F, STMT_END_F);
        cr_assert_str_eq(r->schema, L.db);
        cr_assert_str_eq(r->rows, rw[i].rows);
    }
    /* XID and the non-transactional COMMIT */
    cr_assert_neq(trx_event(&l, g_ins, 4)->xid, 0);
    cr_assert_neq(trx_event(&l, g_ins, 4)->xid, trx_event(&l, g_upd, 4)->xid);
    const struct evrec *commit = trx_event(&l, g_myisam, 4);
    cr_assert_str_eq(commit->text, "COMMIT");
    cr_assert_str_eq(commit->schema, L.db);
    cr_assert(strstr(commit->dump, "=== QueryEvent ===\n"), "%s", commit->dump);
    cr_assert(strstr(commit->dump, "Query: COMMIT\n"), "%s", commit->dump);
    evlist_free(&l);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* ROTATE, GTID_LIST, BINLOG_CHECKPOINT                                */

Test(live_events, flush_binary_logs)
{
    struct live L;
    live_begin(&L, "bbe", "flush");
    test_sql(L.m, "CREATE TABLE t (id INT PRIMARY KEY)");
    live_mark(&L);
    test_sql(L.m, "INSERT INTO t VALUES (1)");
    struct gtid g1 = last_gtid(L.m);
    test_sql(L.m, "FLUSH BINARY LOGS");
    test_sql(L.m, "INSERT INTO t VALUES (2)");
    struct gtid g2 = last_gtid(L.m);
    struct evlist l;
    read_events(&L, &l);

    size_t n, i1 = find_trx(&l, g1, &n), i2 = find_trx(&l, g2, &n);
    cr_assert_lt(i1, i2);
    /* the first real ROTATE after g1 closes g1's file */
    size_t r = i1;
    while (r < i2 && !(l.v[r].type == ROTATE_EVENT && !l.v[r].artificial))
        r++;
    cr_assert_lt(r, i2, "no ROTATE between the two transactions");
    const struct evrec *rot = &l.v[r];
    cr_assert_str_eq(rot->log_file, l.v[i1].log_file);
    cr_assert_eq(rot->n1, 4, "rotate position %llu", (unsigned long long)rot->n1);
    cr_assert_gt(strcmp(rot->text, rot->log_file), 0, "next file %s after %s", rot->text,
                 rot->log_file);
    char line[128];
    snprintf(line, sizeof line, "Next binlog file: %s\n", rot->text);
    cr_assert(strstr(rot->dump, line), "%s", rot->dump);

    /* the new file: FORMAT_DESCRIPTION at 4, GTID_LIST right after it,
     * then BINLOG_CHECKPOINT */
    size_t k = r + 1;
    while (k < i2 && l.v[k].artificial && l.v[k].type == ROTATE_EVENT)
        k++;
    const struct evrec *fde = &l.v[k], *list = &l.v[k + 1], *cp = &l.v[k + 2];
    cr_assert_eq(fde->type, FORMAT_DESCRIPTION_EVENT);
    cr_assert_str_eq(fde->log_file, rot->text);
    cr_assert_eq(fde->pos, 4);
    cr_assert_eq(list->type, GTID_LIST_EVENT, "%s", bb_event_type_name(list->type));
    cr_assert_eq(list->pos, fde->next_pos);
    cr_assert_str_eq(list->log_file, rot->text);
    /* the binlog state at the rotation: g1 or a later transaction of
     * another test, before g2 */
    char want[32];
    snprintf(want, sizeof want, "%u-%u-", g1.domain, g1.server);
    const char *p = strstr(list->text, want);
    cr_assert(p, "GTID list '%s' has no %s", list->text, want);
    uint64_t seq = strtoull(p + strlen(want), NULL, 10);
    cr_assert(seq >= g1.seq && seq < g2.seq, "GTID list '%s': %llu not in [%llu, %llu)",
              list->text, (unsigned long long)seq, (unsigned long long)g1.seq,
              (unsigned long long)g2.seq);
    cr_assert_eq(cp->type, BINLOG_CHECKPOINT_EVENT, "%s", bb_event_type_name(cp->type));
    cr_assert_eq(cp->pos, list->next_pos);
    cr_assert(strncmp(cp->text, "mysql-bin.", 10) == 0 && strcmp(cp->text, rot->text) <= 0,
              "checkpoint names %s in %s", cp->text, rot->text);
    snprintf(line, sizeof line, "Filename: %s\n", cp->text);
    cr_assert(strstr(cp->dump, line), "%s", cp->dump);
    /* g2 is in the new file (or a later one) */
    cr_assert_geq(strcmp(l.v[i2].log_file, rot->text), 0);
    evlist_free(&l);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* XA                                                                  */

Test(live_events, xa_transactions)
{
    struct live L;
    live_begin(&L, "bbe", "xa");
    test_sql(L.m, "CREATE TABLE t (id INT PRIMARY KEY, v INT)");
    live_mark(&L);
    test_sql(L.m, "XA START 'gt1', 'bq1', 123");
    test_sql(L.m, "INSERT INTO t VALUES (1, 1)");
    test_sql(L.m, "XA END 'gt1', 'bq1', 123");
    test_sql(L.m, "XA PREPARE 'gt1', 'bq1', 123");
    struct gtid prepared1 = last_gtid(L.m);
    test_sql(L.m, "XA COMMIT 'gt1', 'bq1', 123");
    struct gtid committed = last_gtid(L.m);
    test_sql(L.m, "XA START X'00ff7f', '', 7");
    test_sql(L.m, "INSERT INTO t VALUES (2, 2)");
    test_sql(L.m, "XA END X'00ff7f', '', 7");
    test_sql(L.m, "XA PREPARE X'00ff7f', '', 7");
    struct gtid prepared2 = last_gtid(L.m);
    test_sql(L.m, "XA ROLLBACK X'00ff7f', '', 7");
    struct gtid rolled_back = last_gtid(L.m);
    test_sql(L.m, "XA START 'one'");
    test_sql(L.m, "INSERT INTO t VALUES (3, 3)");
    test_sql(L.m, "XA END 'one'");
    test_sql(L.m, "XA COMMIT 'one' ONE PHASE");
    struct gtid one_phase = last_gtid(L.m);
    struct evlist l;
    read_events(&L, &l);

    static const char prepared_types[] = "GTID_EVENT ANNOTATE_ROWS_EVENT TABLE_MAP_EVENT "
                                         "WRITE_ROWS_EVENT_V1 QUERY_EVENT XA_PREPARE_LOG_EVENT";
    const struct {
        struct gtid prep, end;
        int32_t fmt;
        const char *gtrid, *bqual, *end_query, *xa_end;
    } xa[] = {
        { prepared1, committed, 123, "677431", "627131", "XA COMMIT X'677431',X'627131',123",
          "XA END X'677431',X'627131',123" },
        { prepared2, rolled_back, 7, "00ff7f", "", "XA ROLLBACK X'00ff7f',X'',7",
          "XA END X'00ff7f',X'',7" },
    };
    for (size_t i = 0; i < 2; i++) {
        expect_trx(&l, xa[i].prep, prepared_types);
        const struct evrec *g = trx_event(&l, xa[i].prep, 0);
        cr_assert(g->is_xa);
        cr_assert_eq(g->gflags & (G_PREPARED_XA | G_COMPLETED_XA), G_PREPARED_XA, "0x%x",
                     g->gflags);
        cr_assert_eq(g->xa_format_id, xa[i].fmt);
        cr_assert_str_eq(g->xa_gtrid, xa[i].gtrid);
        cr_assert_str_eq(g->xa_bqual, xa[i].bqual);
        cr_assert_str_eq(trx_event(&l, xa[i].prep, 4)->text, xa[i].xa_end);
        const struct evrec *p = trx_event(&l, xa[i].prep, 5);
        cr_assert_eq(p->n1, 0, "one_phase");
        cr_assert_eq(p->xa_format_id, xa[i].fmt);
        cr_assert_str_eq(p->xa_gtrid, xa[i].gtrid);
        cr_assert_str_eq(p->xa_bqual, xa[i].bqual);
        char line[128];
        snprintf(line, sizeof line, "XID: %s,%s\n", xa[i].gtrid, xa[i].bqual);
        cr_assert(strstr(p->dump, line), "%s", p->dump);

        expect_trx(&l, xa[i].end, "GTID_EVENT QUERY_EVENT");
        g = trx_event(&l, xa[i].end, 0);
        cr_assert(g->is_xa);
        cr_assert_eq(g->gflags & (G_PREPARED_XA | G_COMPLETED_XA), G_COMPLETED_XA, "0x%x",
                     g->gflags);
        cr_assert_eq(g->xa_format_id, xa[i].fmt);
        cr_assert_str_eq(g->xa_gtrid, xa[i].gtrid);
        cr_assert_str_eq(g->xa_bqual, xa[i].bqual);
        cr_assert_str_eq(trx_event(&l, xa[i].end, 1)->text, xa[i].end_query);
    }
    /* ONE PHASE: an ordinary transaction */
    expect_trx(&l, one_phase, "GTID_EVENT ANNOTATE_ROWS_EVENT TABLE_MAP_EVENT "
                              "WRITE_ROWS_EVENT_V1 XID_EVENT");
    cr_assert(!trx_event(&l, one_phase, 0)->is_xa);
    cr_assert_str_eq(trx_event(&l, one_phase, 3)->rows, "W t id=3 v=3\n");
    evlist_free(&l);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* Compressed events                                                   */

#define COMPRESS_LOCK "binbridge_log_bin_compress"

/* log_bin_compress is GLOBAL: on for the few statements below only, under
 * a named lock, and restored to what it was. The same statements run
 * again uncompressed; the decoded text and rows must be the same. */
Test(live_events, compressed_query_and_rows)
{
    struct live L;
    live_begin(&L, "bbe", "zip");
    test_sql(L.m, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(100), b BLOB)");
    test_sql(L.m, "CREATE TABLE u LIKE t");
    static const char *const stmts[] = {
        "CREATE TABLE %s_ddl (id INT PRIMARY KEY, filler VARCHAR(100) DEFAULT 'some default text')",
        "INSERT INTO %s VALUES (1, REPEAT('a', 50), REPEAT(X'00FF', 40)), (2, 'short', NULL)",
        "UPDATE %s SET v = 'changed value here, é 😀' WHERE id = 1",
        "DELETE FROM %s WHERE id = 2",
        NULL,
    };
    char old_on[16], old_len[16], got[16];
    live_mark(&L);
    test_sql_value(L.m, got, sizeof got, "SELECT GET_LOCK('%s', 60)", COMPRESS_LOCK);
    cr_assert_str_eq(got, "1", "could not take the lock %s", COMPRESS_LOCK);
    test_sql_value(L.m, old_on, sizeof old_on, "SELECT @@global.log_bin_compress");
    test_sql_value(L.m, old_len, sizeof old_len, "SELECT @@global.log_bin_compress_min_len");
    test_sql(L.m, "SET GLOBAL log_bin_compress_min_len = 10");
    test_sql(L.m, "SET GLOBAL log_bin_compress = ON");
    bool ok = true;
    char msg[1024] = "";
    struct gtid zg[4];
    for (size_t i = 0; stmts[i] && ok; i++) {
        char q[512];
        snprintf(q, sizeof q, stmts[i], "t");
        ok = mysql_query(L.m, q) == 0;
        if (!ok)
            snprintf(msg, sizeof msg, "%s: %s", q, mysql_error(L.m));
        else
            zg[i] = last_gtid(L.m);
    }
    test_sql(L.m, "SET GLOBAL log_bin_compress = %s", old_on);
    test_sql(L.m, "SET GLOBAL log_bin_compress_min_len = %s", old_len);
    test_sql(L.m, "DO RELEASE_LOCK('%s')", COMPRESS_LOCK);
    cr_assert(ok, "%s", msg);
    struct gtid pg[4];
    for (size_t i = 0; stmts[i]; i++) {
        test_sql(L.m, stmts[i], "u");
        pg[i] = last_gtid(L.m);
    }
    struct evlist l;
    read_events(&L, &l);

    /* the DDL: QUERY_COMPRESSED_EVENT, decompressed to the statement */
    expect_trx(&l, zg[0], "GTID_EVENT QUERY_COMPRESSED_EVENT");
    expect_trx(&l, pg[0], "GTID_EVENT QUERY_EVENT");
    char q[512];
    snprintf(q, sizeof q, stmts[0], "t");
    cr_assert_str_eq(trx_event(&l, zg[0], 1)->text, q);
    cr_assert_str_eq(trx_event(&l, zg[0], 1)->schema, L.db);
    cr_assert(strstr(trx_event(&l, zg[0], 1)->dump, "=== QueryEvent ===\n"));
    snprintf(q, sizeof q, stmts[0], "u");
    cr_assert_str_eq(trx_event(&l, pg[0], 1)->text, q);

    static const char *const kinds[] = { NULL, "WRITE", "UPDATE", "DELETE" };
    for (size_t i = 1; i < 4; i++) {
        char want[256];
        snprintf(want, sizeof want, "GTID_EVENT ANNOTATE_ROWS_EVENT TABLE_MAP_EVENT "
                 "%s_ROWS_COMPRESSED_EVENT_V1 XID_EVENT", kinds[i]);
        expect_trx(&l, zg[i], want);
        snprintf(want, sizeof want, "GTID_EVENT ANNOTATE_ROWS_EVENT TABLE_MAP_EVENT "
                 "%s_ROWS_EVENT_V1 XID_EVENT", kinds[i]);
        expect_trx(&l, pg[i], want);
        const struct evrec *z = trx_event(&l, zg[i], 3), *p = trx_event(&l, pg[i], 3);
        cr_assert(z->compressed);
        cr_assert(!p->compressed);
        cr_assert_eq(z->rows_kind, p->rows_kind);
        cr_assert_eq(z->nrows, p->nrows);
        cr_assert_eq(z->rflags & STMT_END_F, STMT_END_F);
        /* the same rows, the table name aside ("W t ..." / "W u ...") */
        cr_assert_gt(strlen(z->rows), 4);
        cr_assert_str_eq(z->rows + 3, p->rows + 3, "compressed: %s\nplain: %s", z->rows,
                         p->rows);
        if (i == 1) /* 100 repeated bytes: smaller compressed */
            cr_assert_lt(z->length, p->length, "compressed %u bytes, plain %u", z->length,
                         p->length);
    }
    cr_assert(strstr(trx_event(&l, zg[2], 3)->rows, "v=aaaaaaaaaa"));
    cr_assert(strstr(trx_event(&l, zg[2], 3)->rows, "->changed value here, é 😀"));
    evlist_free(&l);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* Statement format: USER_VAR, INTVAR, RAND                            */

/* MariaDB's my_rnd(): what RAND() returns for the seeds of a RAND_EVENT. */
static double mariadb_rand(uint64_t seed1, uint64_t seed2)
{
    const uint64_t max = 0x3FFFFFFFu;
    seed1 = (seed1 * 3 + seed2) % max;
    return (double)seed1 / (double)max;
}

static const struct evrec *user_var(const struct evlist *l, struct gtid g, const char *name)
{
    size_t n, first = find_trx(l, g, &n);
    for (size_t i = first; i < first + n; i++)
        if (l->v[i].type == USER_VAR_EVENT && strcmp(l->v[i].text, name) == 0)
            return &l->v[i];
    cr_assert_fail("no USER_VAR_EVENT for @%s", name);
    return NULL;
}

static int64_t le64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return (int64_t)v;
}

Test(live_events, statement_format_user_var_intvar_rand)
{
    struct live L;
    live_begin(&L, "bbe", "sbr");
    test_sql(L.m, "CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, s VARCHAR(20), b VARBINARY(8),"
             " i BIGINT, u BIGINT UNSIGNED, d DECIMAL(20,6), r DOUBLE, n INT, li BIGINT,"
             " rnd DOUBLE)");
    test_sql(L.m, "INSERT INTO t (s) VALUES ('first')");
    live_mark(&L);
    test_sql(L.m, "SET SESSION binlog_format = STATEMENT");
    test_sql(L.m, "SET @s = 'héllo 😀', @b = X'00FF', @i = -42, @u = 18446744073709551615,"
             " @d = -12345.678900, @r = 2.5e-3, @n = NULL");
    static const char stmt[] = "INSERT INTO t (s, b, i, u, d, r, n, li, rnd)"
                               " VALUES (@s, @b, @i, @u, @d, @r, @n, LAST_INSERT_ID(), RAND())";
    test_sql(L.m, stmt);
    struct gtid g = last_gtid(L.m);
    test_sql(L.m, "SET SESSION binlog_format = ROW");
    char rnd[64], id[16], last_id[16];
    test_sql_value(L.m, rnd, sizeof rnd, "SELECT rnd FROM t ORDER BY id DESC LIMIT 1");
    test_sql_value(L.m, id, sizeof id, "SELECT MAX(id) FROM t");
    test_sql_value(L.m, last_id, sizeof last_id, "SELECT li FROM t ORDER BY id DESC LIMIT 1");
    struct evlist l;
    read_events(&L, &l);

    size_t n, first = find_trx(&l, g, &n);
    /* GTID, INTVARs, RAND, USER_VARs in some order, the QUERY, XID */
    cr_assert_eq(l.v[first + n - 1].type, XID_EVENT);
    const struct evrec *q = &l.v[first + n - 2];
    cr_assert_eq(q->type, QUERY_EVENT);
    cr_assert_str_eq(q->text, stmt);
    cr_assert_str_eq(q->schema, L.db);
    unsigned intvars = 0, rands = 0, uservars = 0;
    for (size_t i = first + 1; i < first + n - 2; i++) {
        const struct evrec *e = &l.v[i];
        switch (e->type) {
        case INTVAR_EVENT:
            intvars++;
            if (e->n1 == 1) { /* LAST_INSERT_ID */
                cr_assert_eq(e->n2, strtoull(last_id, NULL, 10));
                cr_assert(strstr(e->dump, "Type: LAST_INSERT_ID\n"), "%s", e->dump);
            } else {
                cr_assert_eq(e->n1, 2, "INTVAR type %llu", (unsigned long long)e->n1);
                cr_assert_eq(e->n2, strtoull(id, NULL, 10), "INSERT_ID");
                cr_assert(strstr(e->dump, "Type: INSERT_ID\n"), "%s", e->dump);
            }
            break;
        case RAND_EVENT: {
            rands++;
            double want = strtod(rnd, NULL), got = mariadb_rand(e->n1, e->n2);
            cr_assert(want == got, "RAND() stored %s, the seeds %llu %llu give %.17g", rnd,
                      (unsigned long long)e->n1, (unsigned long long)e->n2, got);
            break;
        }
        case USER_VAR_EVENT:
            uservars++;
            break;
        default:
            cr_assert_fail("unexpected %s in the statement's transaction",
                           bb_event_type_name(e->type));
        }
    }
    cr_assert_eq(intvars, 2);
    cr_assert_eq(rands, 1);
    cr_assert_eq(uservars, 7);

    const struct evrec *v = user_var(&l, g, "s");
    cr_assert(!v->uv_null);
    cr_assert_eq(v->uv_type, 0, "STRING");
    cr_assert_eq(v->uv_charset, 45, "utf8mb4_general_ci");
    cr_assert_eq(v->uv_len, strlen("héllo 😀"));
    cr_assert_eq(memcmp(v->uv_value, "héllo 😀", v->uv_len), 0);
    cr_assert(strstr(v->dump, "User variable name: s\nValue: héllo 😀\n"), "%s", v->dump);
    v = user_var(&l, g, "b");
    cr_assert_eq(v->uv_type, 0);
    cr_assert_eq(v->uv_charset, 63, "binary");
    cr_assert_eq(v->uv_len, 2);
    cr_assert(v->uv_value[0] == 0x00 && v->uv_value[1] == 0xff);
    v = user_var(&l, g, "i");
    cr_assert_eq(v->uv_type, 2, "INT");
    cr_assert_eq(v->uv_len, 8);
    cr_assert_eq(le64(v->uv_value), -42);
    cr_assert_eq(v->uv_flags & 1, 0, "signed");
    cr_assert(strstr(v->dump, "Value: -42\n"), "%s", v->dump);
    v = user_var(&l, g, "u");
    cr_assert_eq(v->uv_type, 2, "INT");
    cr_assert_eq((uint64_t)le64(v->uv_value), UINT64_MAX);
    cr_assert_eq(v->uv_flags & 1, 1, "unsigned");
    cr_assert(strstr(v->dump, "Value: 18446744073709551615\n"), "%s", v->dump);
    v = user_var(&l, g, "d");
    cr_assert_eq(v->uv_type, 4, "DECIMAL");
    cr_assert(strstr(v->dump, "Value: -12345.678900\n"), "%s", v->dump);
    v = user_var(&l, g, "r");
    cr_assert_eq(v->uv_type, 1, "REAL");
    cr_assert_eq(v->uv_len, 8);
    double r;
    memcpy(&r, v->uv_value, 8);
    cr_assert(r == 2.5e-3, "%.17g", r);
    cr_assert(strstr(v->dump, "Value: 0.0025\n"), "%s", v->dump);
    v = user_var(&l, g, "n");
    cr_assert(v->uv_null);
    cr_assert(strstr(v->dump, "Value: NULL\n"), "%s", v->dump);
    evlist_free(&l);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* A transaction of many rows events                                   */

Test(live_events, large_transaction_spans_many_rows_events)
{
    struct live L;
    live_begin(&L, "bbe", "big");
    test_sql(L.m, "CREATE TABLE t (id INT PRIMARY KEY, filler VARCHAR(200))");
    live_mark(&L);
    test_sql(L.m, "INSERT INTO t SELECT seq, CONCAT(seq, ':', REPEAT('x', 100)) FROM seq_1_to_5000");
    struct gtid g = last_gtid(L.m);
    struct evlist l;
    read_events(&L, &l);

    size_t n, first = find_trx(&l, g, &n);
    cr_assert_eq(l.v[first + 1].type, ANNOTATE_ROWS_EVENT);
    cr_assert_eq(l.v[first + 2].type, TABLE_MAP_EVENT);
    cr_assert_eq(l.v[first + n - 1].type, XID_EVENT);
    uint64_t table_id = l.v[first + 2].n1;
    unsigned events = 0, rows = 0;
    for (size_t i = first + 3; i < first + n - 1; i++) {
        const struct evrec *e = &l.v[i];
        cr_assert_eq(e->type, WRITE_ROWS_EVENT_V1, "%s", bb_event_type_name(e->type));
        cr_assert_eq(e->n1, table_id);
        bool last = i == first + n - 2;
        cr_assert_eq(e->rflags & STMT_END_F, last ? STMT_END_F : 0, "event %u of the statement",
                     events);
        cr_assert_eq(e->pos, l.v[i - 1].next_pos);
        /* the rows continue where the event before stopped */
        const char *p = e->rows;
        for (uint32_t k = 0; k < e->nrows; k++) {
            char want[64];
            snprintf(want, sizeof want, "W t id=%u filler=%u:", rows + 1, rows + 1);
            cr_assert(strncmp(p, want, strlen(want)) == 0, "row %u: %.60s", rows + 1, p);
            p = strchr(p, '\n');
            cr_assert(p);
            p++;
            rows++;
        }
        events++;
    }
    cr_assert_eq(rows, 5000);
    cr_assert_gt(events, 10, "5000 rows in %u events", events);
    evlist_free(&l);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* Bad start positions                                                 */

static void expect_one_line(const char *msg)
{
    cr_assert(msg[0], "no error message");
    cr_assert_null(strchr(msg, '\n'), "message is not one line: %s", msg);
}

Test(live_events, start_inside_an_event_is_an_error)
{
    struct live L;
    live_begin(&L, "bbe", "inside");
    test_sql(L.m, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(100))");
    live_mark(&L);
    test_sql(L.m, "INSERT INTO t VALUES (1, REPEAT('z', 90))");
    struct gtid g = last_gtid(L.m);
    struct evlist l;
    read_events(&L, &l);
    size_t n, first = find_trx(&l, g, &n);
    char file[64];
    snprintf(file, sizeof file, "%s", l.v[first].log_file);
    /* one byte into the GTID event, and into the middle of the rows event */
    const uint64_t inside[] = { l.v[first].pos + 1, l.v[first + 3].pos + l.v[first + 3].length / 2 };
    evlist_free(&l);
    for (size_t i = 0; i < 2; i++) {
        struct bb_server_options o;
        server_options(&o);
        o.start = BB_START_POSITION;
        o.start_file = file;
        o.start_pos = inside[i];
        struct bb_error err = { 0 };
        struct bb_stream *s = NULL;
        int rc = bb_stream_open_server(&s, &o, NULL, &err);
        if (rc == 0) {
            const struct bb_event *ev;
            unsigned real = 0;
            while ((rc = bb_stream_next(s, &ev, &err)) > 0)
                real += !(ev->flags & LOG_EVENT_ARTIFICIAL_F) && ev->next_pos != 0;
            cr_assert_eq(real, 0, "%u events decoded from inside an event", real);
            bb_stream_close(s);
        }
        cr_assert_lt(rc, 0, "starting at %s:%llu was accepted", file,
                     (unsigned long long)inside[i]);
        expect_one_line(err.msg);
        char where[128];
        snprintf(where, sizeof where, "%s:%llu", file, (unsigned long long)inside[i]);
        cr_assert(strstr(err.msg, where), "%s", err.msg);
        cr_log_info("start at %s: %s", where, err.msg);
    }
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* binbridge dump                                                      */

/* Run a shell command; what it prints in *out (malloc'd), its exit code
 * returned. */
static int run(const char *cmd, char **out)
{
    FILE *f = popen(cmd, "r");
    cr_assert(f, "popen %s", cmd);
    struct bb_buf b;
    bb_buf_init(&b);
    bb_buf_puts(&b, "");
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        bb_buf_append(&b, chunk, got);
    int status = pclose(f);
    cr_assert(WIFEXITED(status), "%s: status 0x%x", cmd, status);
    *out = b.data;
    return WEXITSTATUS(status);
}

/* The line of out that holds `needle` (malloc'd copy), or NULL. */
static char *line_with(const char *out, const char *needle)
{
    const char *p = strstr(out, needle);
    if (!p)
        return NULL;
    const char *start = p;
    while (start > out && start[-1] != '\n')
        start--;
    const char *end = strchr(p, '\n');
    size_t n = end ? (size_t)(end - start) : strlen(start);
    char *line = malloc(n + 1);
    cr_assert(line);
    memcpy(line, start, n);
    line[n] = '\0';
    return line;
}

static void dump_workload(struct live *L, struct gtid *g)
{
    test_sql(L->m, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20), n INT)");
    live_mark(L);
    test_sql(L->m, "INSERT INTO t VALUES (1, 'one', NULL), (2, 'two', 5)");
    g[0] = last_gtid(L->m);
    test_sql(L->m, "UPDATE t SET v = 'TWO', n = NULL WHERE id = 2");
    g[1] = last_gtid(L->m);
    test_sql(L->m, "DELETE FROM t WHERE id = 1");
    g[2] = last_gtid(L->m);
}

static char *dump_command(const struct live *L, const char *format)
{
    char *cmd = NULL;
    cr_assert(asprintf(&cmd, "'%s' dump --source '%s' --start-file '%s' --start-pos %llu"
                       " --format %s --only-schemas %s --server-id %u 2>&1",
                       test_env("BB_BINBRIDGE"), test_env("BB_MARIADB_URL"), L->file,
                       (unsigned long long)L->pos, format, L->db,
                       0x62660000u | ((uint32_t)getpid() & 0xffff)) > 0);
    return cmd;
}

Test(live_events, dump_json)
{
    struct live L;
    live_begin(&L, "bbe", "djson");
    struct gtid g[3];
    dump_workload(&L, g);
    struct evlist l;
    read_events(&L, &l);
    char *cmd = dump_command(&L, "json"), *out = NULL;
    int code = run(cmd, &out);
    cr_assert_eq(code, 0, "%s: exit %d: %s", cmd, code, out);

    /* every line one JSON object */
    size_t lines = 0;
    for (const char *p = out; *p; lines++) {
        const char *e = strchr(p, '\n');
        cr_assert(e, "output does not end with a newline");
        cr_assert(p[0] == '{' && e[-1] == '}', "not a JSON object: %.*s", (int)(e - p), p);
        p = e + 1;
    }
    cr_assert_geq(lines, 15);

    static const char *const rows[] = {
        "\"rows\":[{\"values\":{\"id\":1,\"v\":\"one\",\"n\":null}},"
        "{\"values\":{\"id\":2,\"v\":\"two\",\"n\":5}}]}",
        "\"rows\":[{\"before_values\":{\"id\":2,\"v\":\"two\",\"n\":5},"
        "\"after_values\":{\"id\":2,\"v\":\"TWO\",\"n\":null}}]}",
        "\"rows\":[{\"values\":{\"id\":1,\"v\":\"one\",\"n\":null}}]}",
    };
    static const char *const names[] = { "WRITE_ROWS_EVENT_V1", "UPDATE_ROWS_EVENT_V1",
                                         "DELETE_ROWS_EVENT_V1" };
    static const char *const stmts[] = {
        "INSERT INTO t VALUES (1, 'one', NULL), (2, 'two', 5)",
        "UPDATE t SET v = 'TWO', n = NULL WHERE id = 2", "DELETE FROM t WHERE id = 1",
    };
    for (int i = 0; i < 3; i++) {
        /* GTID, ANNOTATE_ROWS, TABLE_MAP, rows, XID at the positions the
         * library reports */
        size_t n, first = find_trx(&l, g[i], &n);
        cr_assert_eq(n, 5);
        for (size_t k = 0; k < n; k++) {
            const struct evrec *e = &l.v[first + k];
            char head[256];
            snprintf(head, sizeof head, "{\"type_code\":%u,\"type\":\"%s\",\"pos\":%llu,"
                     "\"next_pos\":%u,", e->type, bb_event_type_name(e->type),
                     (unsigned long long)e->pos, e->next_pos);
            char *line = line_with(out, head);
            cr_assert(line, "no line starting %s in:\n%s", head, out);
            char want[512];
            switch (e->type) {
            case GTID_EVENT:
                snprintf(want, sizeof want, "\"gtid\":\"%u-%u-%llu\"", g[i].domain, g[i].server,
                         (unsigned long long)g[i].seq);
                break;
            case ANNOTATE_ROWS_EVENT:
                snprintf(want, sizeof want, "\"query\":\"%s\"}", stmts[i]);
                break;
            case TABLE_MAP_EVENT:
                snprintf(want, sizeof want, "\"schema\":\"%s\",\"table\":\"t\",\"columns\":[",
                         L.db);
                break;
            case XID_EVENT:
                snprintf(want, sizeof want, "\"xid\":%llu}", (unsigned long long)e->xid);
                break;
            default:
                cr_assert_str_eq(bb_event_type_name(e->type), names[i]);
                snprintf(want, sizeof want, "\"schema\":\"%s\",\"table\":\"t\",\"table_id\":%llu,"
                         "\"flags\":1,%s", L.db, (unsigned long long)e->n1, rows[i]);
                cr_assert_eq(e->type, i == 0 ? 23 : i == 1 ? 24 : 25);
                break;
            }
            cr_assert(strstr(line, want), "%s\nhas no %s", line, want);
            char lf[128];
            snprintf(lf, sizeof lf, "\"log_file\":\"%s\"", e->log_file);
            cr_assert(strstr(line, lf), "%s\nhas no %s", line, lf);
            free(line);
        }
    }
    free(out);
    free(cmd);
    evlist_free(&l);
    live_end(&L);
}

Test(live_events, dump_text)
{
    struct live L;
    live_begin(&L, "bbe", "dtext");
    struct gtid g[3];
    dump_workload(&L, g);
    char *cmd = dump_command(&L, "text"), *out = NULL;
    int code = run(cmd, &out);
    cr_assert_eq(code, 0, "%s: exit %d: %s", cmd, code, out);
    char table[128];
    snprintf(table, sizeof table, "Table: %s.t\n", L.db);
    static const char *const blocks[] = {
        "=== WriteRowsEvent ===\n", "Affected columns: 3\nChanged rows: 2\nValues:\n"
        "*  id: 1\n*  v: one\n*  n: NULL\n--\n*  id: 2\n*  v: two\n*  n: 5\n\n",
        "=== UpdateRowsEvent ===\n", "Affected columns: 3\nChanged rows: 1\nValues:\n"
        "*  id: 2 => 2\n*  v: two => TWO\n*  n: 5 => NULL\n\n",
        "=== DeleteRowsEvent ===\n", "Affected columns: 3\nChanged rows: 1\nValues:\n"
        "*  id: 1\n*  v: one\n*  n: NULL\n\n",
    };
    const char *p = out;
    for (int i = 0; i < 3; i++) {
        const char *h = strstr(p, blocks[2 * i]);
        cr_assert(h, "no %s after offset %zu in:\n%s", blocks[2 * i], (size_t)(p - out), out);
        const char *t = strstr(h, table);
        cr_assert(t, "no %s after %s", table, blocks[2 * i]);
        cr_assert(strncmp(t + strlen(table), blocks[2 * i + 1], strlen(blocks[2 * i + 1])) == 0,
                  "after %s%s:\n%.300s\nexpected:\n%s", blocks[2 * i], table, t + strlen(table),
                  blocks[2 * i + 1]);
        p = t;
    }
    cr_assert(strstr(out, "=== XidEvent ===\n"), "%s", out);
    char annotate[128];
    snprintf(annotate, sizeof annotate, "SQL statement: DELETE FROM t WHERE id = 1\n");
    cr_assert(strstr(out, annotate), "%s", out);
    free(out);
    free(cmd);
    live_end(&L);
}

/* Issue 8: the text layout is for a terminal. Names, statements and values
 * from the binlog (a table name and a value with ESC sequences, BEL, a
 * raw 8-bit CSI in a BLOB) are escaped, so they can neither drive the
 * terminal nor break the layout's lines; valid UTF-8 stays readable and
 * JSON keeps the exact data. */
Test(live_events, dump_text_escapes_control_characters)
{
    struct live L;
    live_begin(&L, "bbe", "dctl");
    live_mark(&L);
    test_sql(L.m, "CREATE TABLE `e\x1b[2Jt` (id INT PRIMARY KEY, `c\x07` VARCHAR(40), b BLOB, "
                  "u VARCHAR(10)) DEFAULT CHARSET utf8mb4");
    test_sql(L.m, "INSERT INTO `e\x1b[2Jt` VALUES (1, '\x1b]0;pwned\x07 line\\nbreak', "
                  "X'9B3332', 'caf\xc3\xa9')");
    char *cmd = dump_command(&L, "text"), *out = NULL;
    int code = run(cmd, &out);
    cr_assert_eq(code, 0, "%s: exit %d: %s", cmd, code, out);
    for (const char *p = out; *p; p++) {
        unsigned char c = (unsigned char)*p;
        cr_assert(c >= 0x20 || c == '\n', "a control byte 0x%02x at offset %zu of:\n%s", c,
                  (size_t)(p - out), out);
        cr_assert(c != 0x7f && c != 0x9b, "byte 0x%02x at offset %zu", c, (size_t)(p - out));
    }
    char want[256];
    snprintf(want, sizeof want, "Table: %s.e\\e[2Jt\n", L.db);
    cr_expect(strstr(out, want), "no '%s' in:\n%s", want, out);
    cr_expect(strstr(out, "Query: CREATE TABLE `e\\e[2Jt` (id INT PRIMARY KEY, `c\\x07`"), "%s",
              out);
    cr_expect(strstr(out, "*  c\\x07: \\e]0;pwned\\x07 line\\nbreak\n"), "%s", out);
    cr_expect(strstr(out, "*  b: \\x9b32\n"), "%s", out);
    cr_expect(strstr(out, "*  u: caf\xc3\xa9\n"), "valid UTF-8 as is:\n%s", out);
    free(out);
    free(cmd);

    cmd = dump_command(&L, "json");
    code = run(cmd, &out);
    cr_assert_eq(code, 0, "%s: exit %d: %s", cmd, code, out);
    cr_expect(strstr(out, "\"c\\u0007\":\"\\u001b]0;pwned\\u0007 line\\nbreak\""), "%s", out);
    cr_expect(strstr(out, "\"b\":{\"base64\":\"mzMy\"}"), "%s", out);
    free(out);
    free(cmd);
    live_end(&L);
}

/* A port nobody listens on: bind one, then close it. */
static unsigned closed_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert_geq(fd, 0);
    struct sockaddr_in a = { 0 };
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    socklen_t len = sizeof a;
    cr_assert_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

/* stderr only (stdout dropped), and the exit code. */
static int run_stderr(const char *args, char **err)
{
    char *cmd = NULL;
    cr_assert(asprintf(&cmd, "'%s' dump %s 2>&1 >/dev/null", test_env("BB_BINBRIDGE"), args) > 0);
    int code = run(cmd, err);
    free(cmd);
    return code;
}

static void expect_stderr_line(const char *err, const char *args)
{
    size_t n = strlen(err);
    cr_assert(n > 1 && err[n - 1] == '\n', "%s: stderr '%s'", args, err);
    cr_assert(strchr(err, '\n') == err + n - 1, "%s: more than one line: %s", args, err);
    cr_assert(strncmp(err, "binbridge: ", 11) == 0, "%s: %s", args, err);
}

Test(live_events, dump_exit_codes)
{
    /* a server that is not there: 1 */
    unsigned port = closed_port();
    char args[512];
    snprintf(args, sizeof args, "--source mysql://bb:secret@127.0.0.1:%u --format json", port);
    char *err = NULL;
    int code = run_stderr(args, &err);
    cr_assert_eq(code, 1, "%s: exit %d: %s", args, code, err);
    expect_stderr_line(err, args);
    char where[64];
    snprintf(where, sizeof where, "127.0.0.1:%u", port);
    cr_assert(strstr(err, where), "%s", err);
    cr_assert_null(strstr(err, "secret"), "%s", err);
    free(err);

    /* inside an event of a live server: 1 */
    struct live L;
    live_begin(&L, "bbe", "dexit");
    test_sql(L.m, "CREATE TABLE t (id INT PRIMARY KEY)");
    live_mark(&L);
    test_sql(L.m, "INSERT INTO t VALUES (1)");
    snprintf(args, sizeof args, "--source '%s' --start-file %s --start-pos %llu --server-id %u",
             test_env("BB_MARIADB_URL"), L.file, (unsigned long long)L.pos + 3,
             0x62670000u | ((uint32_t)getpid() & 0xffff));
    code = run_stderr(args, &err);
    cr_assert_eq(code, 1, "%s: exit %d: %s", args, code, err);
    expect_stderr_line(err, args);
    free(err);
    live_end(&L);

    /* usage errors: 2 */
    static const char *const usage[] = {
        "--format xml --source mysql://u:p@127.0.0.1",
        "",
        "--source mysql://u:p@127.0.0.1 --start-pos 3 --start-file f",
        "--source mysql://u:p@127.0.0.1 --start-pos 100",
        "--source mysql://u:p@127.0.0.1 --no-such-option",
        "--source http://u:p@127.0.0.1",
        "--source mysql://u:p@127.0.0.1 --file x.bin",
        "--source mysql://u:p@127.0.0.1 --only-events NoSuchEvent",
        "--source mysql://u:p@127.0.0.1 --server-id 0",
    };
    for (size_t i = 0; i < sizeof usage / sizeof *usage; i++) {
        code = run_stderr(usage[i], &err);
        cr_assert_eq(code, 2, "'%s': exit %d: %s", usage[i], code, err);
        expect_stderr_line(err, usage[i]);
        free(err);
    }
}
