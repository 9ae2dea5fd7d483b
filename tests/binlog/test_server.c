/* test_server.c - the replica source and the schema lookups, live against
 * the throwaway MariaDB of scripts/servers.sh (run through
 * scripts/run-tests.sh, which exports BB_MARIADB_*).
 *
 * Criterion runs tests in parallel processes and other suites write to the
 * same server, so each test works in its own database, reads with a schema
 * filter, uses its own replica server id (MariaDB drops an older dump
 * connection with the same id), and never resets the binlog. */
#include <criterion/criterion.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>

#include "binbridge.h"
#include "base/buf.h"
#include "binlog/decoder.h"
#include "binlog/schema_info.h"
#include "mysql/server_conn.h"
#include "binlog/table_cache.h"
#include "tests/testutil.h"

/* ---- environment and plain SQL ---- */

/* First column of the first row, copied into out. */
static void sql_value(MYSQL *m, const char *q, char *out, size_t size)
{
    if (mysql_query(m, q) != 0)
        cr_assert_fail("SQL failed: %s: %s", q, mysql_error(m));
    MYSQL_RES *r = mysql_store_result(m);
    cr_assert(r, "%s returned no result", q);
    MYSQL_ROW row = mysql_fetch_row(r);
    cr_assert(row && row[0], "%s returned no row", q);
    snprintf(out, size, "%s", row[0]);
    if (mysql_num_fields(r) > 1 && row[1]) {
        size_t n = strlen(out);
        snprintf(out + n, size - n, ":%s", row[1]);
    }
    mysql_free_result(r);
}

/* A database of our own: bbs_<tag>_<pid>, created empty. */
static const char *test_db(MYSQL *m, const char *tag)
{
    static char name[64];
    snprintf(name, sizeof name, "bbs_%s_%d", tag, (int)getpid());
    test_sql(m, "DROP DATABASE IF EXISTS %s", name);
    test_sql(m, "CREATE DATABASE %s", name);
    return name;
}

/* ---- stream helpers ---- */

static uint32_t test_server_id(void)
{
    return 0x62630000u | ((uint32_t)getpid() & 0xffff);
}

static void server_options(struct bb_server_options *o)
{
    test_server_options(o, test_server_id());
}

static const char *only_db[2];

static struct bb_stream *open_stream(const struct bb_server_options *o, const char *db)
{
    struct bb_stream_options so;
    bb_stream_options_init(&so);
    only_db[0] = db;
    only_db[1] = NULL;
    if (db)
        so.filter.only_schemas = only_db;
    struct bb_error err = { 0 };
    struct bb_stream *s = NULL;
    int rc = bb_stream_open_server(&s, o, &so, &err);
    cr_assert_eq(rc, 0, "bb_stream_open_server: %s", err.msg);
    return s;
}

/* Render a rows event as lines "W t id=1 v=a", "U t id=1 v=a->b", "D t id=1 ...". */
static void rows_lines(const struct bb_event *ev, struct bb_buf *out)
{
    struct bb_error err = { 0 };
    const struct bb_ev_rows *r = &ev->rows;
    const struct bb_table *t = r->table;
    for (uint32_t n = 0; n < r->nrows; n++) {
        bb_buf_printf(out, "%c %s", r->kind == BB_ROWS_WRITE ? 'W'
                                    : r->kind == BB_ROWS_UPDATE ? 'U' : 'D', t->name);
        for (uint32_t i = 0; i < t->ncols; i++) {
            bb_buf_printf(out, " %s=", t->cols[i].name ? t->cols[i].name : "?");
            const struct bb_value *vals[2] = { r->rows[n].before ? &r->rows[n].before[i] : NULL,
                                               r->rows[n].after ? &r->rows[n].after[i] : NULL };
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

/* One event as the tests remember it. */
struct seen {
    uint8_t type;
    uint64_t pos;
    uint32_t length, next_pos;
    uint16_t flags;
    char log_file[128];
};

struct seen_list {
    struct seen *v;
    size_t n, cap;
};

static void remember(struct seen_list *l, const struct bb_event *ev)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        cr_assert(l->v);
    }
    struct seen *s = &l->v[l->n++];
    s->type = ev->type;
    s->pos = ev->pos;
    s->length = ev->length;
    s->next_pos = ev->next_pos;
    s->flags = ev->flags;
    snprintf(s->log_file, sizeof s->log_file, "%s", ev->log_file ? ev->log_file : "");
}

/* Read a non-blocking stream to its end: row lines into rows (when not
 * NULL), every event into list (when not NULL). */
static void read_to_end(struct bb_stream *s, struct bb_buf *rows, struct seen_list *list)
{
    const struct bb_event *ev;
    struct bb_error err = { 0 };
    int rc;
    unsigned n = 0;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        cr_assert(ev->log_file && *ev->log_file, "event %s at %llu has no log file",
                  bb_event_type_name(ev->type), (unsigned long long)ev->pos);
        if (rows && bb_event_is_rows(ev))
            rows_lines(ev, rows);
        if (list)
            remember(list, ev);
        cr_assert_lt(++n, 2000000u, "the non-blocking stream does not end");
    }
    cr_assert_eq(rc, 0, "stream failed: %s", err.msg);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void expect_one_line(const struct bb_error *err)
{
    cr_assert(err->msg[0], "no error message");
    cr_assert_null(strchr(err->msg, '\n'), "message is not one line: %s", err->msg);
}

/* ---- reading ---- */

Test(server, nonblocking_from_position_returns_exactly_the_rows)
{
    MYSQL *m = test_sql_connect();
    const char *db = test_db(m, "nonblock");
    test_sql(m, "CREATE TABLE %s.t (id INT PRIMARY KEY, v VARCHAR(20), n BIGINT)", db);
    char file[256];
    uint64_t pos;
    test_master_status(m, file, sizeof file, &pos);
    test_sql(m, "INSERT INTO %s.t VALUES (1, 'one', -5), (2, 'two', NULL)", db);
    test_sql(m, "INSERT INTO %s.t VALUES (3, 'three', 9223372036854775807)", db);
    test_sql(m, "UPDATE %s.t SET v = 'TWO' WHERE id = 2", db);
    test_sql(m, "DELETE FROM %s.t WHERE id = 1", db);

    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_POSITION;
    o.start_file = file;
    o.start_pos = pos;
    struct bb_stream *s = open_stream(&o, db);
    struct bb_buf rows;
    bb_buf_init(&rows);
    bb_buf_puts(&rows, "");
    read_to_end(s, &rows, NULL);
    cr_assert_str_eq(rows.data,
                     "W t id=1 v=one n=-5\n"
                     "W t id=2 v=two n=NULL\n"
                     "W t id=3 v=three n=9223372036854775807\n"
                     "U t id=2->2 v=two->TWO n=NULL->NULL\n"
                     "D t id=1 v=one n=-5\n");
    bb_buf_destroy(&rows);
    bb_stream_close(s);
    test_sql(m, "DROP DATABASE %s", db);
    mysql_close(m);
}

/* An event over 16 MB arrives in several protocol packets. */
Test(server, event_larger_than_one_packet)
{
    MYSQL *m = test_sql_connect();
    const char *db = test_db(m, "large");
    test_sql(m, "CREATE TABLE %s.t (id INT PRIMARY KEY, b LONGBLOB)", db);
    char file[256];
    uint64_t pos;
    test_master_status(m, file, sizeof file, &pos);
    const size_t big = (size_t)17 << 20;
    /* The compressed-events test turns log_bin_compress on globally for a
     * moment under this lock; this row must not be written compressed. */
    char got[16];
    sql_value(m, "SELECT GET_LOCK('binbridge_log_bin_compress', 60)", got, sizeof got);
    cr_assert_str_eq(got, "1", "could not take the log_bin_compress lock");
    test_sql(m, "INSERT INTO %s.t VALUES (1, CONCAT('<', REPEAT('x', %zu), '>'))", db, big - 2);
    test_sql(m, "DO RELEASE_LOCK('binbridge_log_bin_compress')");

    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_POSITION;
    o.start_file = file;
    o.start_pos = pos;
    struct bb_stream *s = open_stream(&o, db);
    struct bb_error err = { 0 };
    const struct bb_event *ev;
    int rc, rows = 0;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        if (!bb_event_is_rows(ev))
            continue;
        rows++;
        cr_assert_gt(ev->length, big);
        cr_assert_eq(ev->pos + ev->length, ev->next_pos);
        const struct bb_value *v = &ev->rows.rows[0].after[1];
        cr_assert_eq(v->v.str.len, big);
        cr_assert_eq(v->v.str.p[0], '<');
        cr_assert_eq(v->v.str.p[big / 2], 'x');
        cr_assert_eq(v->v.str.p[big - 1], '>');
    }
    cr_assert_eq(rc, 0, "%s", err.msg);
    cr_assert_eq(rows, 1);
    bb_stream_close(s);

    /* Over the stream's size limit: a clean error. Only this test's schema
     * is read, as above: tests running beside this one write too. */
    struct bb_stream_options so;
    bb_stream_options_init(&so);
    so.filter.only_schemas = only_db;
    so.max_event_size = (size_t)1 << 20;
    cr_assert_eq(bb_stream_open_server(&s, &o, &so, &err), 0, "%s", err.msg);
    while ((rc = bb_stream_next(s, &ev, &err)) > 0)
        ;
    cr_assert_eq(rc, BB_ERR_LIMIT, "rc %d: %s", rc, err.msg);
    cr_assert(strstr(err.msg, "event over the size limit"), "%s", err.msg);
    expect_one_line(&err);
    bb_stream_close(s);
    test_sql(m, "DROP DATABASE %s", db);
    mysql_close(m);
}

Test(server, current_blocking_sees_new_statements)
{
    MYSQL *m = test_sql_connect();
    const char *db = test_db(m, "current");
    test_sql(m, "CREATE TABLE %s.t (id INT UNSIGNED PRIMARY KEY, v INT)", db);
    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_CURRENT;
    o.blocking = true;
    o.heartbeat_period = 0.2;  /* a bounded wait: at worst a heartbeat */
    struct bb_stream *s = open_stream(&o, db);
    test_sql(m, "INSERT INTO %s.t VALUES (4000000000, 1), (7, 2)", db);
    test_sql(m, "DELETE FROM %s.t WHERE id = 7", db);

    struct bb_buf rows;
    bb_buf_init(&rows);
    bb_buf_puts(&rows, "");
    struct bb_error err = { 0 };
    const struct bb_event *ev;
    double deadline = now() + 30;
    int deletes = 0;
    while (deletes == 0 && now() < deadline) {
        int rc = bb_stream_next(s, &ev, &err);
        cr_assert_eq(rc, 1, "blocking stream: rc %d: %s", rc, err.msg);
        if (bb_event_is_rows(ev)) {
            cr_assert_str_eq(ev->rows.table->schema, db);
            rows_lines(ev, &rows);
            deletes += ev->rows.kind == BB_ROWS_DELETE;
        }
    }
    cr_assert_str_eq(rows.data, "W t id=4000000000 v=1\nW t id=7 v=2\nD t id=7 v=2\n");
    bb_buf_destroy(&rows);
    bb_stream_close(s);
    test_sql(m, "DROP DATABASE %s", db);
    mysql_close(m);
}

Test(server, current_nonblocking_ends)
{
    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_CURRENT;
    struct bb_stream *s = open_stream(&o, "bbs_nothing_here");
    struct seen_list list = { 0 };
    read_to_end(s, NULL, &list);
    /* At least the server's ROTATE and FORMAT_DESCRIPTION, all in files. */
    cr_assert_geq(list.n, 2u);
    cr_assert_eq(list.v[0].type, ROTATE_EVENT);
    cr_assert_eq(list.v[1].type, FORMAT_DESCRIPTION_EVENT);
    free(list.v);
    bb_stream_close(s);
}

Test(server, earliest_starts_at_the_first_binlog)
{
    MYSQL *m = test_sql_connect();
    char first[256];
    sql_value(m, "SHOW BINARY LOGS", first, sizeof first);
    *strrchr(first, ':') = '\0';
    mysql_close(m);
    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_EARLIEST;
    struct bb_stream *s = open_stream(&o, "bbs_nothing_here");
    struct bb_error err = { 0 };
    const struct bb_event *ev;
    cr_assert_eq(bb_stream_next(s, &ev, &err), 1, "%s", err.msg);
    cr_assert_eq(ev->type, ROTATE_EVENT);
    cr_assert_str_eq(ev->log_file, first);
    cr_assert_eq(ev->pos, 4);
    cr_assert_eq(bb_stream_next(s, &ev, &err), 1, "%s", err.msg);
    cr_assert_eq(ev->type, FORMAT_DESCRIPTION_EVENT);
    cr_assert_str_eq(ev->log_file, first);
    cr_assert_eq(ev->pos, 4);
    cr_assert_eq(ev->pos + ev->length, ev->next_pos);
    bb_stream_close(s);
}

/* Every event's file:pos + length is where the next one starts: a stream
 * reopened there delivers exactly the following event. */
Test(server, restart_at_next_position_gives_the_next_event)
{
    MYSQL *m = test_sql_connect();
    const char *db = test_db(m, "restart");
    test_sql(m, "CREATE TABLE %s.t (id INT PRIMARY KEY)", db);
    char file[256];
    uint64_t pos;
    test_master_status(m, file, sizeof file, &pos);
    for (int i = 1; i <= 3; i++)
        test_sql(m, "INSERT INTO %s.t VALUES (%d)", db, i);

    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_POSITION;
    o.start_file = file;
    o.start_pos = pos;
    struct bb_stream *s = open_stream(&o, db);
    struct seen_list a = { 0 };
    read_to_end(s, NULL, &a);
    bb_stream_close(s);

    /* Real events follow each other in order (with gaps where the schema
     * filter dropped other tests' rows). */
    size_t xid1 = 0;
    const struct seen *prev = NULL;
    for (size_t i = 0; i < a.n; i++) {
        const struct seen *e = &a.v[i];
        if ((e->flags & LOG_EVENT_ARTIFICIAL_F) || e->next_pos == 0)
            continue;
        cr_assert_eq(e->pos + e->length, e->next_pos, "%s at %s:%llu",
                     bb_event_type_name(e->type), e->log_file, (unsigned long long)e->pos);
        if (prev && strcmp(prev->log_file, e->log_file) == 0)
            cr_assert_geq(e->pos, prev->next_pos, "%s at %llu overlaps the event before",
                          bb_event_type_name(e->type), (unsigned long long)e->pos);
        if (e->type == XID_EVENT && !xid1 && e->pos >= pos)
            xid1 = i;
        prev = e;
    }
    cr_assert(xid1 > 0 && xid1 + 1 < a.n, "no XID event with a successor");

    /* Restart after the first XID. */
    const struct seen *n = &a.v[xid1];
    o.start_file = n->log_file;
    o.start_pos = n->next_pos;
    s = open_stream(&o, db);
    struct seen_list b = { 0 };
    read_to_end(s, NULL, &b);
    bb_stream_close(s);
    size_t k = 0;
    while (k < b.n && ((b.v[k].flags & LOG_EVENT_ARTIFICIAL_F) || b.v[k].next_pos == 0 ||
                       b.v[k].type == FORMAT_DESCRIPTION_EVENT))
        k++;
    cr_assert_lt(k, b.n, "nothing after the restart");
    /* From there on the two streams agree, event for event. */
    for (size_t i = xid1 + 1; i < a.n && k < b.n; i++, k++) {
        cr_assert_eq(b.v[k].type, a.v[i].type, "event %zu after the restart", i);
        cr_assert_eq(b.v[k].pos, a.v[i].pos);
        cr_assert_eq(b.v[k].length, a.v[i].length);
        cr_assert_str_eq(b.v[k].log_file, a.v[i].log_file);
    }
    free(a.v);
    free(b.v);
    test_sql(m, "DROP DATABASE %s", db);
    mysql_close(m);
}

Test(server, gtid_start_skips_what_came_before)
{
    MYSQL *m = test_sql_connect();
    const char *db = test_db(m, "gtid");
    test_sql(m, "CREATE TABLE %s.t (id INT PRIMARY KEY)", db);
    char before[1024], after[1024];
    sql_value(m, "SELECT @@gtid_binlog_pos", before, sizeof before);
    test_sql(m, "INSERT INTO %s.t VALUES (1)", db);
    sql_value(m, "SELECT @@gtid_binlog_pos", after, sizeof after);
    test_sql(m, "INSERT INTO %s.t VALUES (2)", db);

    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_GTID;
    o.start_gtid = before;
    struct bb_stream *s = open_stream(&o, db);
    struct bb_buf rows;
    bb_buf_init(&rows);
    bb_buf_puts(&rows, "");
    read_to_end(s, &rows, NULL);
    bb_stream_close(s);
    cr_assert_str_eq(rows.data, "W t id=1\nW t id=2\n", "from %s", before);

    o.start_gtid = after;
    s = open_stream(&o, db);
    bb_buf_reset(&rows);
    read_to_end(s, &rows, NULL);
    bb_stream_close(s);
    cr_assert_str_eq(rows.data, "W t id=2\n", "from %s", after);
    bb_buf_destroy(&rows);
    test_sql(m, "DROP DATABASE %s", db);
    mysql_close(m);
}

Test(server, rotation_moves_to_the_next_file)
{
    MYSQL *m = test_sql_connect();
    const char *db = test_db(m, "rotate");
    test_sql(m, "CREATE TABLE %s.t (id INT PRIMARY KEY)", db);
    char file[256];
    uint64_t pos;
    test_master_status(m, file, sizeof file, &pos);
    test_sql(m, "INSERT INTO %s.t VALUES (1)", db);
    test_sql(m, "FLUSH BINARY LOGS");
    test_sql(m, "INSERT INTO %s.t VALUES (2)", db);

    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_POSITION;
    o.start_file = file;
    o.start_pos = pos;
    struct bb_stream *s = open_stream(&o, db);
    struct bb_error err = { 0 };
    const struct bb_event *ev;
    char prev_file[128] = "", first_row_file[128] = "", second_row_file[128] = "";
    uint8_t prev_type = 0;
    int rc, rotates = 0;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        if (*prev_file && strcmp(prev_file, ev->log_file) != 0) {
            cr_assert_eq(prev_type, ROTATE_EVENT, "file changed from %s to %s after %s",
                         prev_file, ev->log_file, bb_event_type_name(prev_type));
            cr_assert_gt(strcmp(ev->log_file, prev_file), 0);
        }
        if (ev->type == ROTATE_EVENT && !(ev->flags & LOG_EVENT_ARTIFICIAL_F)) {
            rotates++;
            cr_assert_str_eq(ev->log_file, prev_file);   /* a file's last event */
            cr_assert_eq(ev->rotate.position, 4);
        }
        if (bb_event_is_rows(ev))
            snprintf(*first_row_file ? second_row_file : first_row_file, 128, "%s",
                     ev->log_file);
        snprintf(prev_file, sizeof prev_file, "%s", ev->log_file);
        prev_type = ev->type;
    }
    cr_assert_eq(rc, 0, "%s", err.msg);
    cr_assert_geq(rotates, 1);
    cr_assert_str_eq(first_row_file, file);
    cr_assert(*second_row_file);
    cr_assert_gt(strcmp(second_row_file, first_row_file), 0, "second row in %s, first in %s",
                 second_row_file, first_row_file);
    bb_stream_close(s);
    test_sql(m, "DROP DATABASE %s", db);
    mysql_close(m);
}

Test(server, blocking_mode_delivers_heartbeats)
{
    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_CURRENT;
    o.blocking = true;
    o.heartbeat_period = 0.2;
    struct bb_stream *s = open_stream(&o, "bbs_nothing_here");
    struct bb_error err = { 0 };
    const struct bb_event *ev;
    double deadline = now() + 30;
    bool heartbeat = false;
    while (!heartbeat && now() < deadline) {
        int rc = bb_stream_next(s, &ev, &err);
        cr_assert_eq(rc, 1, "rc %d: %s", rc, err.msg);
        if (ev->type == HEARTBEAT_LOG_EVENT) {
            heartbeat = true;
            cr_assert(ev->log_file && *ev->log_file);
            cr_assert_gt(ev->heartbeat.log_file.len, 0);
            cr_assert_geq(ev->pos, 4);
        }
    }
    cr_assert(heartbeat, "no heartbeat within 30 s at a 0.2 s period");
    bb_stream_close(s);
}

/* Read events until the stream is caught up (others write to the server
 * too, so it may take a few); fails after `seconds`. Returns how many
 * rows events of db were read, and in *xid_after_rows whether an XID came
 * after the last of them. */
static unsigned read_until_caught_up(struct bb_stream *s, const char *db, double seconds,
                                     bool *xid_after_rows)
{
    struct bb_error err = { 0 };
    const struct bb_event *ev;
    double deadline = now() + seconds;
    unsigned rows = 0;
    while (!bb_stream_caught_up(s)) {
        cr_assert_lt(now(), deadline, "not caught up within %.0f s", seconds);
        int rc = bb_stream_next(s, &ev, &err);
        cr_assert_eq(rc, 1, "rc %d: %s", rc, err.msg);
        if (bb_event_is_rows(ev) && strcmp(ev->rows.table->schema, db) == 0) {
            rows++;
            *xid_after_rows = false;
        } else if (ev->type == XID_EVENT) {
            *xid_after_rows = true;
        }
    }
    return rows;
}

/* bb_stream_caught_up: false while the server's events wait to be read
 * (received into the connection's buffer or on the socket, or held back
 * by the decoder: the slices of a rows event), true once everything sent
 * is read. The events of a transaction are all sent at its commit, so a
 * reader that is caught up right after an XID has the whole transaction. */
Test(server, caught_up_once_everything_sent_is_read)
{
    MYSQL *m = test_sql_connect();
    const char *db = test_db(m, "caughtup");
    test_sql(m, "CREATE TABLE %s.t (id INT PRIMARY KEY, v VARCHAR(100))", db);
    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_CURRENT;
    o.blocking = true;
    o.heartbeat_period = 30;  /* none while the test runs */
    struct bb_stream_options so;
    bb_stream_options_init(&so);
    only_db[0] = db;
    only_db[1] = NULL;
    so.filter.only_schemas = only_db;
    so.rows_budget = 4096;    /* a 300-row event comes in slices */
    struct bb_error err = { 0 };
    struct bb_stream *s = NULL;
    cr_assert_eq(bb_stream_open_server(&s, &o, &so, &err), 0, "%s", err.msg);

    /* The server's ROTATE and FORMAT_DESCRIPTION are on their way. */
    struct timespec pause = { 0, 300 * 1000000L };
    nanosleep(&pause, NULL);
    cr_assert(!bb_stream_caught_up(s), "caught up before reading the stream's first events");
    bool xid = false;
    read_until_caught_up(s, db, 30, &xid);

    /* A transaction of several events, a rows event in slices among them,
     * sent while nobody reads. */
    test_sql(m, "BEGIN");
    test_sql(m, "INSERT INTO %s.t VALUES (1, 'one')", db);
    test_sql(m, "INSERT INTO %s.t SELECT seq, REPEAT('x', 100) FROM %s.seq_2_to_301", db, db);
    test_sql(m, "COMMIT");
    nanosleep(&pause, NULL);
    cr_assert(!bb_stream_caught_up(s), "caught up with a transaction sent and not read");
    const struct bb_event *ev;
    unsigned slices = 0, rows = 0;
    while (rows < 301) {
        int rc = bb_stream_next(s, &ev, &err);
        cr_assert_eq(rc, 1, "rc %d: %s", rc, err.msg);
        if (!bb_event_is_rows(ev) || strcmp(ev->rows.table->schema, db) != 0)
            continue;
        rows += ev->rows.nrows;
        if (ev->rows.more_rows) {
            slices++;
            cr_assert(!bb_stream_caught_up(s), "caught up with slices of a rows event held back");
        }
    }
    cr_assert_gt(slices, 1, "the 300-row event came in %u slices", slices);
    cr_assert_eq(rows, 301);
    /* Caught up again: after the transaction's XID. */
    xid = false;
    cr_assert_eq(read_until_caught_up(s, db, 30, &xid), 0);
    cr_assert(xid, "caught up before the transaction's XID");
    bb_stream_close(s);
    test_sql(m, "DROP DATABASE %s", db);
    mysql_close(m);
}

/* The same over TLS, where what is received may also wait decrypted in
 * OpenSSL's buffer (the rest of a TLS record read for the packet before),
 * with the socket and Connector/C's cache empty: events of some 8 KB
 * (binlog_row_event_max_size) straddle 16 KB records all the time. A
 * transaction of many of them, sent while nobody reads: caught up only
 * after its XID. */
Test(server, caught_up_over_tls_counts_what_openssl_holds)
{
    MYSQL *m = test_sql_connect();
    const char *db = test_db(m, "caughtuptls");
    test_sql(m, "CREATE TABLE %s.t (id INT PRIMARY KEY, v VARCHAR(1000))", db);
    struct bb_server_options o;
    server_options(&o);
    o.ssl_mode = BB_SSL_REQUIRED;
    o.start = BB_START_CURRENT;
    o.blocking = true;
    o.heartbeat_period = 30;
    struct bb_stream_options so;
    bb_stream_options_init(&so);
    only_db[0] = db;
    only_db[1] = NULL;
    so.filter.only_schemas = only_db;
    struct bb_error err = { 0 };
    struct bb_stream *s = NULL;
    cr_assert_eq(bb_stream_open_server(&s, &o, &so, &err), 0, "%s", err.msg);
    struct timespec pause = { 0, 300 * 1000000L };
    nanosleep(&pause, NULL);
    bool xid = false;
    read_until_caught_up(s, db, 30, &xid);

    for (int round = 0; round < 3; round++) {
        test_sql(m, "INSERT INTO %s.t SELECT seq + %d, REPEAT(CHAR(65 + seq %% 26), 200 + seq %% 777) "
                 "FROM %s.seq_1_to_3000", db, round * 3000, db);
        nanosleep(&pause, NULL);
        unsigned rows = 0;
        const struct bb_event *ev;
        bool seen_xid = false;
        while (!seen_xid) {
            cr_assert(!bb_stream_caught_up(s), "round %d: caught up after %u of 3000 rows, "
                      "before the XID", round, rows);
            int rc = bb_stream_next(s, &ev, &err);
            cr_assert_eq(rc, 1, "rc %d: %s", rc, err.msg);
            if (bb_event_is_rows(ev) && strcmp(ev->rows.table->schema, db) == 0)
                rows += ev->rows.nrows;
            seen_xid = ev->type == XID_EVENT && rows > 0;
        }
        cr_assert_eq(rows, 3000u);
        /* other tests' events may follow in the binlog: read them too */
        read_until_caught_up(s, db, 30, &xid);
    }
    bb_stream_close(s);
    test_sql(m, "DROP DATABASE %s", db);
    mysql_close(m);
}

/* ---- users and failures ---- */

Test(server, unix_socket_connects)
{
    struct bb_server_options o;
    server_options(&o);
    o.socket = test_env("BB_MARIADB_SOCKET");
    o.host = NULL;
    o.start = BB_START_CURRENT;
    struct bb_stream *s = open_stream(&o, "bbs_nothing_here");
    read_to_end(s, NULL, NULL);
    bb_stream_close(s);
}

Test(server, replication_only_user_can_read)
{
    struct bb_server_options o;
    server_options(&o);
    o.user = "bbrepl";
    o.password = "bbrepl";
    o.start = BB_START_CURRENT;
    /* Rows of other tests' tables are left alone: a table gone by the time
     * its rows are read may not be decodable (MariaDB's hires DATETIME(N)
     * carries its precision only in the schema). */
    struct bb_stream *s = open_stream(&o, "binbridge_no_such_schema");
    read_to_end(s, NULL, NULL);
    bb_stream_close(s);
}

Test(server, user_without_replication_privileges_fails_clearly)
{
    struct bb_server_options o;
    server_options(&o);
    o.user = "bbnorepl";
    o.password = "bbnorepl";
    for (int start = BB_START_CURRENT; start <= BB_START_POSITION; start++) {
        o.start = (enum bb_start)start;
        o.start_file = "mysql-bin.000001";
        o.start_pos = 4;
        struct bb_error err = { 0 };
        struct bb_stream *s = NULL;
        int rc = bb_stream_open_server(&s, &o, NULL, &err);
        if (rc == 0) { /* the dump itself is refused at the first read */
            const struct bb_event *ev;
            while ((rc = bb_stream_next(s, &ev, &err)) > 0)
                ;
            bb_stream_close(s);
        }
        cr_assert_eq(rc, BB_ERR_SERVER, "start %d: rc %d: %s", start, rc, err.msg);
        expect_one_line(&err);
        cr_assert(strstr(err.msg, "REPLICATION SLAVE"), "start %d: %s", start, err.msg);
        char where[64];
        snprintf(where, sizeof where, "%s:%u", test_env("BB_MARIADB_HOST"), test_mariadb_port());
        cr_assert(strstr(err.msg, where), "%s", err.msg);
    }
}

Test(server, missing_start_file_fails_naming_it)
{
    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_POSITION;
    o.start_file = "mysql-bin.999999";
    o.start_pos = 4;
    struct bb_error err = { 0 };
    struct bb_stream *s = open_stream(&o, NULL);
    const struct bb_event *ev;
    int rc;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0)
        ;
    bb_stream_close(s);
    cr_assert_eq(rc, BB_ERR_SERVER, "rc %d: %s", rc, err.msg);
    expect_one_line(&err);
    cr_assert(strstr(err.msg, "mysql-bin.999999:4"), "%s", err.msg);
    cr_assert(strstr(err.msg, "no longer on the server"), "%s", err.msg);
}

Test(server, unknown_gtid_fails_naming_it)
{
    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_GTID;
    o.start_gtid = "0-1-999999999";
    struct bb_error err = { 0 };
    struct bb_stream *s = open_stream(&o, NULL);
    const struct bb_event *ev;
    int rc;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0)
        ;
    bb_stream_close(s);
    cr_assert_eq(rc, BB_ERR_SERVER, "rc %d: %s", rc, err.msg);
    expect_one_line(&err);
    cr_assert(strstr(err.msg, "0-1-999999999"), "%s", err.msg);
}

Test(server, wrong_password_fails_clearly)
{
    struct bb_server_options o;
    server_options(&o);
    o.password = "not-the-password";
    struct bb_error err = { 0 };
    struct bb_stream *s = NULL;
    int rc = bb_stream_open_server(&s, &o, NULL, &err);
    cr_assert_eq(rc, BB_ERR_SERVER, "rc %d: %s", rc, err.msg);
    cr_assert_null(s);
    expect_one_line(&err);
    cr_assert(strstr(err.msg, "Access denied"), "%s", err.msg);
    cr_assert_null(strstr(err.msg, "not-the-password"), "%s", err.msg);
}

Test(server, closed_port_fails_clearly)
{
    /* A port nobody listens on: bind one, then close it. */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert_geq(fd, 0);
    struct sockaddr_in a = { 0 };
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    socklen_t len = sizeof a;
    cr_assert_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    unsigned port = ntohs(a.sin_port);
    close(fd);

    struct bb_server_options o;
    server_options(&o);
    o.host = "127.0.0.1";
    o.port = port;
    o.connect_timeout = 3;
    struct bb_error err = { 0 };
    struct bb_stream *s = NULL;
    int rc = bb_stream_open_server(&s, &o, NULL, &err);
    cr_assert_eq(rc, BB_ERR_IO, "rc %d: %s", rc, err.msg);
    expect_one_line(&err);
    char where[64];
    snprintf(where, sizeof where, "127.0.0.1:%u", port);
    cr_assert(strstr(err.msg, where), "%s", err.msg);
}

Test(server, bad_start_options_are_usage_errors)
{
    struct bb_server_options o;
    server_options(&o);
    o.port = 1; /* never reached: the options are checked first */
    struct {
        enum bb_start start;
        const char *file;
        uint64_t pos;
        const char *gtid;
    } cases[] = {
        { BB_START_POSITION, NULL, 4, NULL },
        { BB_START_POSITION, "mysql-bin.000001", 0, NULL },
        { BB_START_POSITION, "mysql-bin.000001", 1ULL << 32, NULL },
        { BB_START_GTID, NULL, 0, NULL },
        { BB_START_GTID, NULL, 0, "0-1" },
        { BB_START_GTID, NULL, 0, "0-1-2,0-3-4" },
        { BB_START_GTID, NULL, 0, "0-1-2;" },
        { BB_START_GTID, NULL, 0, "a-b-c" },
        { BB_START_GTID, NULL, 0, "3E11FA47-71CA-11E1-9E33-C80AA9429562" },
        { BB_START_GTID, NULL, 0, "3E11FA47-71CA-11E1-9E33-C80AA9429562:0" },
        { BB_START_GTID, NULL, 0, "3E11FA47-71CA-11E1-9E33-C80AA9429562:5-3" },
        { BB_START_GTID, NULL, 0, "3E11FA47-71CA-11E1-9E33:1-3" },
        { BB_START_GTID, NULL, 0, "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-3," },
        { BB_START_GTID, NULL, 0, "3E11FA47-71CA-11E1-9E33-C80AA9429562:tag" },
        { BB_START_GTID, NULL, 0,
          "3E11FA47-71CA-11E1-9E33-C80AA9429562:a123456789012345678901234567890123:1" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        o.start = cases[i].start;
        o.start_file = cases[i].file;
        o.start_pos = cases[i].pos;
        o.start_gtid = cases[i].gtid;
        struct bb_error err = { 0 };
        struct bb_stream *s = NULL;
        int rc = bb_stream_open_server(&s, &o, NULL, &err);
        cr_assert_eq(rc, BB_ERR_USAGE, "case %zu: rc %d: %s", i, rc, err.msg);
        expect_one_line(&err);
    }
}

Test(server, mysql_gtid_set_on_mariadb_is_a_usage_error)
{
    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_GTID;
    o.start_gtid = "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7, "
                   "3e11fa47-71ca-11e1-9e33-c80aa9429563:tag_1:1-3";
    struct bb_error err = { 0 };
    struct bb_stream *s = NULL;
    int rc = bb_stream_open_server(&s, &o, NULL, &err);
    cr_assert_eq(rc, BB_ERR_USAGE, "rc %d: %s", rc, err.msg);
    cr_assert(strstr(err.msg, "MariaDB"), "%s", err.msg);
}

/* ---- a server that stops answering ---- */

/* A TCP proxy to MariaDB on a thread: forwards both ways until `frozen` is
 * set, then keeps the connections open but passes nothing on, like a server
 * host that vanished from the network. */
struct proxy {
    int listen_fd;
    unsigned port;
    volatile bool frozen;
    volatile bool stop;
    pthread_t thread;
};

static int connect_upstream(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { 0 };
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)test_mariadb_port());
    inet_pton(AF_INET, test_env("BB_MARIADB_HOST"), &a.sin_addr);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

static void *proxy_run(void *arg)
{
    struct proxy *px = arg;
    int fds[16][2];
    int npairs = 0;
    char buf[65536];
    while (!px->stop) {
        struct pollfd p[1 + 2 * 16];
        int n = 0;
        p[n].fd = px->listen_fd;
        p[n++].events = POLLIN;
        for (int i = 0; i < npairs; i++)
            for (int k = 0; k < 2; k++) {
                p[n].fd = fds[i][k];
                p[n++].events = px->frozen ? 0 : POLLIN;
            }
        if (poll(p, (nfds_t)n, 50) <= 0)
            continue;
        if ((p[0].revents & POLLIN) && npairs < 16) {
            int c = accept(px->listen_fd, NULL, NULL);
            int u = c >= 0 ? connect_upstream() : -1;
            if (u >= 0) {
                fds[npairs][0] = c;
                fds[npairs][1] = u;
                npairs++;
            } else if (c >= 0) {
                close(c);
            }
        }
        for (int i = 0, j = 1; i < npairs; i++)
            for (int k = 0; k < 2; k++, j++) {
                if (px->frozen || !(p[j].revents & (POLLIN | POLLHUP)))
                    continue;
                ssize_t got = read(fds[i][k], buf, sizeof buf);
                if (got > 0 && write(fds[i][k ^ 1], buf, (size_t)got) != got)
                    got = -1;
                if (got <= 0)
                    shutdown(fds[i][k ^ 1], SHUT_WR);
            }
    }
    for (int i = 0; i < npairs; i++) {
        close(fds[i][0]);
        close(fds[i][1]);
    }
    return NULL;
}

static void proxy_start(struct proxy *px)
{
    memset(px, 0, sizeof *px);
    px->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert_geq(px->listen_fd, 0);
    struct sockaddr_in a = { 0 };
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(bind(px->listen_fd, (struct sockaddr *)&a, sizeof a), 0);
    cr_assert_eq(listen(px->listen_fd, 8), 0);
    socklen_t len = sizeof a;
    cr_assert_eq(getsockname(px->listen_fd, (struct sockaddr *)&a, &len), 0);
    px->port = ntohs(a.sin_port);
    cr_assert_eq(pthread_create(&px->thread, NULL, proxy_run, px), 0);
}

static void proxy_stop(struct proxy *px)
{
    px->stop = true;
    pthread_join(px->thread, NULL);
    close(px->listen_fd);
}

Test(server, silent_server_is_an_error_not_a_hang)
{
    struct proxy px;
    proxy_start(&px);
    struct bb_server_options o;
    server_options(&o);
    o.host = "127.0.0.1";
    o.port = px.port;
    o.start = BB_START_CURRENT;
    o.blocking = true;
    o.heartbeat_period = 0.2;   /* read timeout: 3 periods, rounded up to 1 s */
    struct bb_stream *s = open_stream(&o, "bbs_nothing_here");
    struct bb_error err = { 0 };
    const struct bb_event *ev;
    bool heartbeat = false;
    for (double deadline = now() + 30; !heartbeat && now() < deadline;) {
        cr_assert_eq(bb_stream_next(s, &ev, &err), 1, "%s", err.msg);
        heartbeat = ev->type == HEARTBEAT_LOG_EVENT;
    }
    cr_assert(heartbeat, "no heartbeat through the proxy");
    px.frozen = true;
    double t0 = now();
    int rc;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0)
        cr_assert_lt(now() - t0, 20, "still reading events from a frozen server");
    double waited = now() - t0;
    cr_assert_eq(rc, BB_ERR_IO, "rc %d: %s", rc, err.msg);
    expect_one_line(&err);
    cr_assert(strstr(err.msg, "read timeout"), "%s", err.msg);
    cr_assert_lt(waited, 10, "noticed only after %.1f s", waited);
    cr_log_info("frozen server noticed after %.1f s: %s", waited, err.msg);
    bb_stream_close(s);
    proxy_stop(&px);
}

/* ---- GTID sets ---- */

/* The MySQL GTID set we send, read back by the decoder as the
 * PREVIOUS_GTIDS_LOG_EVENT body it imitates. */
static const struct bb_ev_previous_gtids *decode_set(struct decoder *d, const char *text,
                                                     struct bb_buf *ev_bytes,
                                                     struct bb_event *ev)
{
    struct bb_error err = { 0 };
    bb_buf_reset(ev_bytes);
    uint8_t header[19] = { 0 };
    header[4] = PREVIOUS_GTIDS_LOG_EVENT;
    bb_buf_append(ev_bytes, header, sizeof header);
    cr_assert_eq(server_gtid_encode_mysql(text, ev_bytes, &err), 0, "%s: %s", text, err.msg);
    uint32_t size = (uint32_t)ev_bytes->len;
    for (int i = 0; i < 4; i++) {
        ev_bytes->data[9 + i] = (char)(size >> (8 * i));
        ev_bytes->data[13 + i] = (char)((size + 4) >> (8 * i));
    }
    cr_assert_eq(decoder_decode(d, (const uint8_t *)ev_bytes->data, ev_bytes->len, 4, "f", ev,
                                &err), 0, "%s: %s", text, err.msg);
    return &ev->previous_gtids;
}

Test(server, mysql_gtid_sets_encode_as_previous_gtids)
{
    struct decoder d;
    decoder_init(&d);
    struct bb_buf b;
    bb_buf_init(&b);
    struct bb_event ev;
    static const uint8_t u1[16] = { 0x3e, 0x11, 0xfa, 0x47, 0x71, 0xca, 0x11, 0xe1,
                                    0x9e, 0x33, 0xc8, 0x0a, 0xa9, 0x42, 0x95, 0x62 };

    const struct bb_ev_previous_gtids *g = decode_set(&d, "", &b, &ev);
    cr_assert_eq(g->nsid, 0);
    cr_assert_eq(b.len, 19 + 8);

    g = decode_set(&d, " 3E11FA47-71CA-11E1-9E33-C80AA9429562:7:1-5:3-4:9-10:6 ,\n"
                       "3e11fa4771ca11e19e33c80aa9429563:10-12", &b, &ev);
    cr_assert_eq(g->nsid, 2);
    cr_assert_eq(memcmp(g->sids[0].sid, u1, 16), 0);
    cr_assert_eq(g->sids[0].tag.len, 0);
    cr_assert_eq(g->sids[0].ninterval, 2, "1-5, 6 and 7 merge; 9-10 stays apart");
    cr_assert_eq(g->sids[0].intervals[0].start, 1);
    cr_assert_eq(g->sids[0].intervals[0].end, 8);
    cr_assert_eq(g->sids[0].intervals[1].start, 9);
    cr_assert_eq(g->sids[0].intervals[1].end, 11);
    cr_assert_eq(g->sids[1].sid[15], 0x63);
    cr_assert_eq(g->sids[1].ninterval, 1);
    cr_assert_eq(g->sids[1].intervals[0].start, 10);
    cr_assert_eq(g->sids[1].intervals[0].end, 13);

    /* MySQL 8.3+ tags: the tagged layout, one block per (uuid, tag). */
    g = decode_set(&d, "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-3:Tag_1:5:7,"
                       "3e11fa47-71ca-11e1-9e33-c80aa9429562:tag_1:6", &b, &ev);
    cr_assert_eq(g->nsid, 2);
    cr_assert_eq(g->sids[0].tag.len, 0);
    cr_assert_eq(g->sids[0].intervals[0].end, 4);
    cr_assert_eq(g->sids[1].tag.len, 5);
    cr_assert_eq(memcmp(g->sids[1].tag.p, "tag_1", 5), 0);
    cr_assert_eq(g->sids[1].ninterval, 1);
    cr_assert_eq(g->sids[1].intervals[0].start, 5);
    cr_assert_eq(g->sids[1].intervals[0].end, 8);

    struct bb_error err = { 0 };
    cr_assert_eq(server_gtid_encode_mysql("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-3:", &b, &err),
                 BB_ERR_USAGE);
    expect_one_line(&err);
    bb_buf_destroy(&b);
    decoder_destroy(&d);
}

/* ---- URLs ---- */

Test(server, urls_are_parsed)
{
    struct bb_server_options o;
    struct bb_error err = { 0 };
    unsetenv("BINBRIDGE_PASSWORD");

    bb_server_options_init(&o);
    o.server_id = 42;
    cr_assert_eq(bb_server_options_parse_url(&o, "mysql://bb:bbpass@db.example.com:3307", &err),
                 0, "%s", err.msg);
    cr_assert_str_eq(o.host, "db.example.com");
    cr_assert_eq(o.port, 3307);
    cr_assert_str_eq(o.user, "bb");
    cr_assert_str_eq(o.password, "bbpass");
    cr_assert_eq(o.server_id, 42, "other fields are left alone");

    /* parsing again replaces the strings */
    cr_assert_eq(bb_server_options_parse_url(&o, "mariadb://r%40oot:p%3Aa%2Fss%25@[::1]/", &err),
                 0, "%s", err.msg);
    cr_assert_str_eq(o.host, "::1");
    cr_assert_eq(o.port, 3306);
    cr_assert_str_eq(o.user, "r@oot");
    cr_assert_str_eq(o.password, "p:a/ss%");

    cr_assert_eq(bb_server_options_parse_url(&o, "MYSQL://u@[fe80::1]:13306", &err), 0, "%s",
                 err.msg);
    cr_assert_str_eq(o.host, "fe80::1");
    cr_assert_eq(o.port, 13306);
    cr_assert_null(o.password);

    cr_assert_eq(bb_server_options_parse_url(&o, "mysql://u:@h", &err), 0, "%s", err.msg);
    cr_assert_str_eq(o.password, "");

    setenv("BINBRIDGE_PASSWORD", "from-env", 1);
    cr_assert_eq(bb_server_options_parse_url(&o, "mysql://u@h", &err), 0, "%s", err.msg);
    cr_assert_str_eq(o.password, "from-env");
    cr_assert_eq(bb_server_options_parse_url(&o, "mysql://u:given@h", &err), 0, "%s", err.msg);
    cr_assert_str_eq(o.password, "given");
    unsetenv("BINBRIDGE_PASSWORD");

    bb_server_options_destroy(&o);
    cr_assert_null(o.url_strings);
    bb_server_options_destroy(&o); /* twice is harmless */
}

Test(server, bad_urls_are_refused)
{
    static const char *const bad[] = {
        "", "127.0.0.1:3306", "http://u:p@h", "mysql://", "mysql://h:3306", "mysql://@h",
        "mysql://:secret@h", "mysql://u:secret@", "mysql://u:secret@h:", "mysql://u:secret@h:0",
        "mysql://u:secret@h:65536", "mysql://u:secret@h:12a", "mysql://u:secret@h/db",
        "mysql://u:secret@h?ssl=1", "mysql://u:secret@h#x", "mysql://u:secret@[::1",
        "mysql://u:secret@[zz::1]", "mysql://u:secret@[::1]x", "mysql://u%4:secret@h",
        "mysql://u:se%00cret@h", "mysql://u:secret@h h", "mysql://u:secret@h:33:44",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct bb_server_options o;
        bb_server_options_init(&o);
        struct bb_error err = { 0 };
        int rc = bb_server_options_parse_url(&o, bad[i], &err);
        cr_assert_eq(rc, BB_ERR_USAGE, "'%s' was accepted", bad[i]);
        expect_one_line(&err);
        cr_assert_null(strstr(err.msg, "secret"), "'%s': the message shows the password: %s",
                       bad[i], err.msg);
        cr_assert_str_eq(o.host, "127.0.0.1", "a refused URL leaves the options alone");
        bb_server_options_destroy(&o);
    }
}

Test(server, url_options_connect)
{
    char url[512];
    snprintf(url, sizeof url, "mysql://%s@%s:%s", test_env("BB_MARIADB_USER"),
             test_env("BB_MARIADB_HOST"), test_env("BB_MARIADB_PORT"));
    setenv("BINBRIDGE_PASSWORD", test_env("BB_MARIADB_PASSWORD"), 1);
    struct bb_server_options o;
    bb_server_options_init(&o);
    struct bb_error err = { 0 };
    cr_assert_eq(bb_server_options_parse_url(&o, url, &err), 0, "%s", err.msg);
    unsetenv("BINBRIDGE_PASSWORD");
    o.server_id = test_server_id();
    struct bb_stream *s = open_stream(&o, "bbs_nothing_here");
    bb_server_options_destroy(&o); /* the stream keeps what it needs */
    read_to_end(s, NULL, NULL);
    bb_stream_close(s);
}

/* ---- schema_info ---- */

/* A table map as a MINIMAL (or pre-metadata) server sends it: types only. */
static struct cached_table *bare_table(const char *schema, const char *name,
                                       const uint8_t *types, uint32_t ncols)
{
    struct cached_table *ct = cached_table_new();
    cr_assert(ct);
    ct->table.schema = bb_arena_strndup(&ct->mem, schema, strlen(schema));
    ct->table.name = bb_arena_strndup(&ct->mem, name, strlen(name));
    ct->table.ncols = ncols;
    ct->table.cols = bb_arena_calloc(&ct->mem, ncols * sizeof *ct->table.cols);
    for (uint32_t i = 0; i < ncols; i++) {
        ct->table.cols[i].type = types[i];
        ct->table.cols[i].visible = true;
    }
    return ct;
}

Test(server, schema_info_fills_what_the_table_map_lacks)
{
    MYSQL *m = test_sql_connect();
    const char *db = test_db(m, "schema");
    test_sql(m, "CREATE TABLE %s.t (a INT UNSIGNED, b ENUM('x','y''z','a\\\\b') CHARACTER SET latin1, "
           "c VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, d VARBINARY(4), "
           "e SET('p','q'), PRIMARY KEY (c, a))", db);
    struct bb_server_options o;
    server_options(&o);
    struct schema_info *si;
    struct bb_error err = { 0 };
    cr_assert_eq(schema_info_open(&si, &o, &err), 0, "%s", err.msg);

    static const uint8_t types[] = { MYSQL_TYPE_LONG, MYSQL_TYPE_ENUM, MYSQL_TYPE_VARCHAR,
                                     MYSQL_TYPE_VARCHAR, MYSQL_TYPE_SET };
    struct cached_table *ct = bare_table(db, "t", types, 5);
    cr_assert_eq(schema_info_fill(si, ct, &err), 0, "%s", err.msg);
    const struct bb_table *t = &ct->table;
    cr_assert(t->has_names);
    cr_assert_str_eq(t->cols[0].name, "a");
    cr_assert_str_eq(t->cols[4].name, "e");
    cr_assert(t->cols[0].signedness_known && t->cols[0].is_unsigned);
    cr_assert_eq(t->cols[1].nlabels, 3);
    cr_assert_str_eq(t->cols[1].labels[1], "y'z");
    cr_assert_str_eq(t->cols[1].labels[2], "a\\b");
    cr_assert_eq(t->cols[1].charset, 8, "latin1_swedish_ci");
    cr_assert_eq(t->cols[2].charset, 46, "utf8mb4_bin");
    cr_assert_eq(t->cols[3].charset, 63, "binary");
    cr_assert_eq(t->cols[4].nlabels, 2);
    cr_assert_eq(t->npk, 2);
    cr_assert_eq(t->pk[0], 2);
    cr_assert_eq(t->pk[1], 0);
    cr_assert(t->cols[2].in_primary_key && !t->cols[1].in_primary_key);
    cached_table_free(ct);

    /* What the event carried is kept. */
    ct = bare_table(db, "t", types, 5);
    ct->table.cols[0].signedness_known = true;
    ct->table.cols[0].is_unsigned = false;
    ct->table.cols[2].charset = 45;
    cr_assert_eq(schema_info_fill(si, ct, &err), 0, "%s", err.msg);
    cr_assert(!ct->table.cols[0].is_unsigned);
    cr_assert_eq(ct->table.cols[2].charset, 45);
    cr_assert_str_eq(ct->table.cols[2].name, "c");
    cached_table_free(ct);

    /* A table map that does not match the schema is left alone. */
    static const uint8_t wrong[] = { MYSQL_TYPE_LONG, MYSQL_TYPE_ENUM, MYSQL_TYPE_LONG,
                                     MYSQL_TYPE_VARCHAR, MYSQL_TYPE_SET };
    ct = bare_table(db, "t", wrong, 5);
    cr_assert_eq(schema_info_fill(si, ct, &err), 0, "%s", err.msg);
    cr_assert(!ct->table.has_names);
    cr_assert_null(ct->table.cols[0].name);
    cached_table_free(ct);
    ct = bare_table(db, "t", types, 4);
    cr_assert_eq(schema_info_fill(si, ct, &err), 0, "%s", err.msg);
    cr_assert(!ct->table.has_names);
    cached_table_free(ct);
    ct = bare_table(db, "no_such_table", types, 5);
    cr_assert_eq(schema_info_fill(si, ct, &err), 0, "%s", err.msg);
    cr_assert(!ct->table.has_names);
    cached_table_free(ct);

    /* DDL in the binlog: the cached answer is forgotten. */
    test_sql(m, "ALTER TABLE %s.t ADD COLUMN f INT", db);
    static const uint8_t types6[] = { MYSQL_TYPE_LONG, MYSQL_TYPE_ENUM, MYSQL_TYPE_VARCHAR,
                                      MYSQL_TYPE_VARCHAR, MYSQL_TYPE_SET, MYSQL_TYPE_LONG };
    ct = bare_table(db, "t", types6, 6);
    cr_assert_eq(schema_info_fill(si, ct, &err), 0, "%s", err.msg);
    cr_assert(!ct->table.has_names, "still the cached 5-column answer");
    cached_table_free(ct);
    struct bb_ev_query q = { 0 };
    const char *stmt = "/* x */ ALTER TABLE `t` ADD COLUMN f INT";
    q.query.p = (const uint8_t *)stmt;
    q.query.len = strlen(stmt);
    q.schema.p = (const uint8_t *)db;
    q.schema.len = strlen(db);
    schema_info_note_query(si, &q, "10.11.6-MariaDB-log");
    ct = bare_table(db, "t", types6, 6);
    cr_assert_eq(schema_info_fill(si, ct, &err), 0, "%s", err.msg);
    cr_assert(ct->table.has_names, "re-read after the ALTER");
    cr_assert_str_eq(ct->table.cols[5].name, "f");
    cached_table_free(ct);

    /* DROP TABLE names the table with its schema; RENAME forgets both. */
    test_sql(m, "RENAME TABLE %s.t TO %s.u", db, db);
    char ddl[256];
    snprintf(ddl, sizeof ddl, "RENAME TABLE `%s`.`t` TO `%s`.`u`", db, db);
    q.query.p = (const uint8_t *)ddl;
    q.query.len = strlen(ddl);
    q.schema.len = 0;
    schema_info_note_query(si, &q, "10.11.6-MariaDB-log");
    ct = bare_table(db, "t", types6, 6);
    cr_assert_eq(schema_info_fill(si, ct, &err), 0, "%s", err.msg);
    cr_assert(!ct->table.has_names, "t is gone");
    cached_table_free(ct);
    ct = bare_table(db, "u", types6, 6);
    cr_assert_eq(schema_info_fill(si, ct, &err), 0, "%s", err.msg);
    cr_assert(ct->table.has_names, "u is there");
    cached_table_free(ct);

    schema_info_close(si);
    test_sql(m, "DROP DATABASE %s", db);
    mysql_close(m);
}

/* The row key schema_info gives a table map without one: the server's
 * primary key, promoted UNIQUE NOT NULL keys included (as a snapshot finds
 * it: row_key.c), never a nullable, prefix or long UNIQUE key. */
Test(server, schema_info_row_key_is_the_servers)
{
    MYSQL *m = test_sql_connect();
    const char *db = test_db(m, "rowkey");
    static const struct {
        const char *ddl;
        uint32_t npk, pk0, pk1;
    } cases[] = {
        /* the first UNIQUE NOT NULL key, in key order */
        { "CREATE TABLE %s.k (n INT, u1 INT NOT NULL, u2 INT NOT NULL, x INT NOT NULL, "
          "UNIQUE KEY un (n), UNIQUE KEY uu (u2, u1), UNIQUE KEY ux (x))", 2, 2, 1 },
        /* MEMORY's own HASH index is a key */
        { "CREATE TABLE %s.k (v INT, id INT NOT NULL, UNIQUE KEY h (id) USING HASH) "
          "ENGINE=MEMORY", 1, 1, 0 },
        /* a long UNIQUE key (a hidden hash) and a prefix key are not */
        { "CREATE TABLE %s.k (b BLOB NOT NULL, p VARCHAR(20) NOT NULL, UNIQUE (b), "
          "UNIQUE KEY pre (p(5)))", 0, 0, 0 },
        /* nor is a nullable UNIQUE key */
        { "CREATE TABLE %s.k (a INT, UNIQUE KEY (a))", 0, 0, 0 },
    };
    struct bb_server_options o;
    server_options(&o);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        test_sql(m, "DROP TABLE IF EXISTS %s.k", db);
        test_sql(m, cases[i].ddl, db);
        struct schema_info *si;
        struct bb_error err = { 0 };
        cr_assert_eq(schema_info_open(&si, &o, &err), 0, "%s", err.msg);
        MYSQL_RES *res;
        char q[256];
        snprintf(q, sizeof q, "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE "
                 "TABLE_SCHEMA = '%s' AND TABLE_NAME = 'k' ORDER BY ORDINAL_POSITION", db);
        cr_assert_eq(mysql_query(m, q), 0, "%s", mysql_error(m));
        cr_assert(res = mysql_store_result(m));
        uint8_t types[8];
        uint32_t n = 0;
        MYSQL_ROW row;
        while ((row = mysql_fetch_row(res)) && n < 8)
            types[n++] = strcmp(row[0], "int") == 0    ? MYSQL_TYPE_LONG
                         : strcmp(row[0], "blob") == 0 ? MYSQL_TYPE_BLOB
                                                       : MYSQL_TYPE_VARCHAR;
        mysql_free_result(res);
        struct cached_table *ct = bare_table(db, "k", types, n);
        cr_assert_eq(schema_info_fill(si, ct, &err), 0, "case %zu: %s", i, err.msg);
        const struct bb_table *t = &ct->table;
        cr_assert(t->has_names, "case %zu", i);
        cr_assert_eq(t->npk, cases[i].npk, "case %zu: %u key columns, not %u", i, t->npk,
                     cases[i].npk);
        if (cases[i].npk > 0)
            cr_assert_eq(t->pk[0], cases[i].pk0, "case %zu", i);
        if (cases[i].npk > 1)
            cr_assert_eq(t->pk[1], cases[i].pk1, "case %zu", i);
        cached_table_free(ct);
        schema_info_close(si);
    }
    bb_server_options_destroy(&o);
    test_sql(m, "DROP DATABASE %s", db);
    mysql_close(m);
}

/* End to end: a server writing MINIMAL table maps (no names, no labels),
 * and a stream that still gets names, UNSIGNED and ENUM labels.
 * binlog_row_metadata is a GLOBAL variable on MariaDB 10.11, so the switch
 * is serialised with a named lock, held for as short as possible, and the
 * old value is restored. */
Test(server, stream_fills_minimal_table_maps_from_the_schema)
{
    MYSQL *m = test_sql_connect();
    const char *db = test_db(m, "minimal");
    test_sql(m, "CREATE TABLE %s.t (id INT UNSIGNED PRIMARY KEY, e ENUM('x','y''z'), "
           "s VARCHAR(10))", db);
    char file[256], old[64], got[64];
    uint64_t pos;
    sql_value(m, "SELECT GET_LOCK('binbridge_binlog_row_metadata', 60)", got, sizeof got);
    cr_assert_str_eq(got, "1", "could not take the binlog_row_metadata lock");
    sql_value(m, "SELECT @@global.binlog_row_metadata", old, sizeof old);
    test_master_status(m, file, sizeof file, &pos);
    test_sql(m, "SET GLOBAL binlog_row_metadata = MINIMAL");
    char insert[256];
    snprintf(insert, sizeof insert, "INSERT INTO %s.t VALUES (4294967295, 'y''z', 'abc')", db);
    bool ok = mysql_query(m, insert) == 0;
    char restore[128];
    snprintf(restore, sizeof restore, "SET GLOBAL binlog_row_metadata = %s", old);
    test_sql(m, "%s", restore);
    test_sql(m, "DO RELEASE_LOCK('binbridge_binlog_row_metadata')");
    cr_assert(ok, "INSERT failed: %s", mysql_error(m));

    /* The file itself has a table map without names. */
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", test_env("BB_BINLOG_DIR"), file);
    const char *paths[] = { path };
    struct bb_stream_options so;
    bb_stream_options_init(&so);
    const char *only[] = { db, NULL };
    so.filter.only_schemas = only;
    struct bb_stream *s;
    struct bb_error err = { 0 };
    cr_assert_eq(bb_stream_open_files(&s, paths, 1, &so, &err), 0, "%s", err.msg);
    const struct bb_event *ev;
    bool seen_map = false;
    while (!seen_map && bb_stream_next(s, &ev, &err) > 0) {
        if (ev->type != TABLE_MAP_EVENT || ev->pos < pos)
            continue;
        seen_map = true;
        cr_assert(!ev->table_map->has_names, "the server wrote FULL metadata anyway");
        cr_assert_eq(ev->table_map->cols[1].nlabels, 0);
    }
    cr_assert(seen_map, "no table map of %s in %s after %llu: %s", db, path,
              (unsigned long long)pos, err.msg);
    bb_stream_close(s);

    /* The server stream fills the gaps. */
    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_POSITION;
    o.start_file = file;
    o.start_pos = pos;
    s = open_stream(&o, db);
    struct bb_buf rows;
    bb_buf_init(&rows);
    bb_buf_puts(&rows, "");
    read_to_end(s, &rows, NULL);
    bb_stream_close(s);
    cr_assert_str_eq(rows.data, "W t id=4294967295 e=y'z s=abc\n");
    bb_buf_destroy(&rows);
    test_sql(m, "DROP DATABASE %s", db);
    mysql_close(m);
}

/* MariaDB with mysql56_temporal_format=OFF writes TIME(n), DATETIME(n) and
 * TIMESTAMP(n) in its old "hires" formats, whose widths the binlog does not
 * carry: a server stream takes the fractional digits from the schema. */
Test(server, mariadb_hires_temporals_decode_with_the_schema)
{
    MYSQL *m = test_sql_connect();
    const char *db = test_db(m, "hires");
    char file[256], old[64], got[64];
    uint64_t pos;
    sql_value(m, "SELECT GET_LOCK('binbridge_mysql56_temporal_format', 60)", got, sizeof got);
    cr_assert_str_eq(got, "1", "could not take the temporal format lock");
    sql_value(m, "SELECT @@global.mysql56_temporal_format", old, sizeof old);
    test_sql(m, "SET GLOBAL mysql56_temporal_format = OFF");
    /* The format is fixed when the table is created. */
    char create[512];
    snprintf(create, sizeof create,
             "CREATE TABLE %s.t (id INT PRIMARY KEY, t TIME(3), d DATETIME(6), "
             "ts TIMESTAMP(2) NULL, t0 TIME, d1 DATETIME(1))", db);
    bool ok = mysql_query(m, create) == 0;
    char restore[128];
    snprintf(restore, sizeof restore, "SET GLOBAL mysql56_temporal_format = %s",
             strcmp(old, "1") == 0 ? "ON" : old);
    test_sql(m, "%s", restore);
    test_sql(m, "DO RELEASE_LOCK('binbridge_mysql56_temporal_format')");
    cr_assert(ok, "CREATE TABLE failed: %s", mysql_error(m));
    test_master_status(m, file, sizeof file, &pos);
    test_sql(m, "SET time_zone = '+00:00'");
    test_sql(m, "INSERT INTO %s.t VALUES (1, '-838:59:58.999', '2024-02-29 23:59:59.123456', "
           "'2001-02-03 04:05:06.78', '12:34:56', '1999-12-31 23:59:59.9'), "
           "(2, '00:00:00.001', '0000-00-00 00:00:00', NULL, '-00:00:01', NULL)", db);

    struct bb_server_options o;
    server_options(&o);
    o.start = BB_START_POSITION;
    o.start_file = file;
    o.start_pos = pos;
    struct bb_stream *s = open_stream(&o, db);
    struct bb_buf rows;
    bb_buf_init(&rows);
    bb_buf_puts(&rows, "");
    read_to_end(s, &rows, NULL);
    bb_stream_close(s);
    cr_assert_str_eq(rows.data,
                     "W t id=1 t=-838:59:58.999 d=2024-02-29 23:59:59.123456 "
                     "ts=2001-02-03 04:05:06.78 t0=12:34:56 d1=1999-12-31 23:59:59.9\n"
                     "W t id=2 t=00:00:00.001 d=0000-00-00 00:00:00.000000 ts=NULL "
                     "t0=-00:00:01 d1=NULL\n");
    bb_buf_destroy(&rows);
    test_sql(m, "DROP DATABASE %s", db);
    mysql_close(m);
}
