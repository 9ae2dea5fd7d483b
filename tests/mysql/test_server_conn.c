/* test_server_conn.c - server_conn.c: SQL quoting (its one owner), and a
 * server's error turned into a struct bb_error that carries the server's
 * error number; live against the throwaway MariaDB of scripts/servers.sh
 * where a server is needed. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <mysql.h>
#include <mysqld_error.h>

#include "base/buf.h"
#include "base/error.h"
#include "mysql/server_conn.h"
#include "tests/testutil.h"

static void server_options(struct bb_server_options *o)
{
    test_server_options(o, 0);
}

static const char *ident(const char *name)
{
    static char out[256];
    struct bb_buf b;
    bb_buf_init(&b);
    server_quote_ident(&b, name);
    cr_assert(!b.oom && b.data);
    snprintf(out, sizeof out, "%s", b.data);
    bb_buf_destroy(&b);
    return out;
}

Test(server_conn, identifiers_are_quoted_with_backticks_doubled)
{
    cr_assert_str_eq(ident("t"), "`t`");
    cr_assert_str_eq(ident(""), "``");
    cr_assert_str_eq(ident("we`ird"), "`we``ird`");
    cr_assert_str_eq(ident("``"), "``````");
    cr_assert_str_eq(ident("a\"b'c.d"), "`a\"b'c.d`");
    cr_assert_str_eq(ident("ünï 😀"), "`ünï 😀`");
    struct bb_buf b;
    bb_buf_init(&b);
    server_quote_table(&b, "d`b", "t.x");
    cr_assert_str_eq(b.data, "`d``b`.`t.x`");
    bb_buf_destroy(&b);
}

/* What is quoted reads back as itself: names through CREATE TABLE and
 * information_schema, text through a SELECT of the literal. */
Test(server_conn, quoted_names_and_literals_read_back_as_themselves)
{
    struct live L;
    live_begin(&L, "bbconn", "quote");
    static const char *const texts[] = {
        "plain", "", "it's", "back\\slash", "\"double\"", "new\nline\r\t", "nul\032ctrl-z",
        "😀 ünï", "'; DROP TABLE x; --", "`tick`",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        struct bb_buf q;
        bb_buf_init(&q);
        bb_buf_puts(&q, "SELECT ");
        server_quote_literal(L.m, &q, texts[i]);
        cr_assert(!q.oom);
        char got[256];
        test_sql_value(L.m, got, sizeof got, "%s", q.data);
        cr_assert_str_eq(got, texts[i], "literal %s", q.data);
        bb_buf_destroy(&q);
    }
    static const char *const names[] = { "we`ird", "a\"b'c", "sp ace", "ünï", "x``y" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        struct bb_buf q;
        bb_buf_init(&q);
        bb_buf_puts(&q, "CREATE TABLE ");
        server_quote_table(&q, L.db, names[i]);
        bb_buf_puts(&q, " (");
        server_quote_ident(&q, names[i]);
        bb_buf_puts(&q, " INT)");
        test_sql(L.m, "%s", q.data);
        bb_buf_reset(&q);
        bb_buf_puts(&q, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ");
        server_quote_literal(L.m, &q, L.db);
        bb_buf_puts(&q, " AND TABLE_NAME = ");
        server_quote_literal(L.m, &q, names[i]);
        char got[256];
        test_sql_value(L.m, got, sizeof got, "%s", q.data);
        cr_assert_str_eq(got, names[i]);
        bb_buf_destroy(&q);
    }
    live_end(&L);
}

Test(server_conn, a_failed_query_carries_the_servers_error_number)
{
    struct bb_server_options o;
    server_options(&o);
    MYSQL *m;
    struct bb_error err = { 0 };
    cr_assert_eq(server_conn_open(&m, &o, 30, 1 << 20, &err), 0, "%s", err.msg);
    char where[300];
    server_conn_describe(&o, where, sizeof where);
    int rc = server_conn_query(m, where, "reading nothing",
                               "SELECT * FROM no_such_db_bbconn.no_such_table", NULL, &err);
    cr_assert_eq(rc, BB_ERR_SERVER, "%d: %s", rc, err.msg);
    cr_assert_eq(err.server_errno, ER_NO_SUCH_TABLE, "%d: %s", err.server_errno, err.msg);
    char want[400];
    snprintf(want, sizeof want, "server %s: reading nothing: ", where);
    cr_assert(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
    cr_assert(strstr(err.msg, "(error 1146)"), "%s", err.msg);

    struct bb_error err2 = { 0 };
    MYSQL_RES *res;
    cr_assert_eq(server_conn_query(m, where, NULL, "SELECT no_such_column FROM DUAL", &res,
                                   &err2), BB_ERR_SERVER);
    cr_assert_eq(err2.server_errno, ER_BAD_FIELD_ERROR, "%s", err2.msg);
    mysql_close(m);
}

Test(server_conn, refused_and_unreachable_connections_carry_their_numbers)
{
    struct bb_server_options o;
    server_options(&o);
    o.password = "not-the-password";
    MYSQL *m = NULL;
    struct bb_error err = { 0 };
    cr_assert_eq(server_conn_open(&m, &o, 5, 1 << 20, &err), BB_ERR_SERVER, "%s", err.msg);
    cr_assert_null(m);
    cr_assert_eq(err.server_errno, ER_ACCESS_DENIED_ERROR, "%d: %s", err.server_errno, err.msg);
    cr_assert_null(strstr(err.msg, "not-the-password"), "%s", err.msg);

    server_options(&o);
    o.port = 1; /* nothing listens there */
    o.connect_timeout = 5;
    struct bb_error err2 = { 0 };
    cr_assert_eq(server_conn_open(&m, &o, 5, 1 << 20, &err2), BB_ERR_IO, "%s", err2.msg);
    /* the client library's own number (CR_CONN_HOST_ERROR and its kin) */
    cr_assert(err2.server_errno >= 2000 && err2.server_errno < 3000, "%d: %s",
              err2.server_errno, err2.msg);
}
