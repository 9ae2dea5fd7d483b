/* test_tls.c - TLS to the source, live: the main test MariaDB serves TLS
 * with a certificate of the throwaway CA of scripts/servers.sh (BB_TLS_DIR:
 * ca.pem, client-cert.pem, client-key.pem, wrong-ca.pem; subjectAltName
 * DNS:localhost and IP:127.0.0.1), and a second one (BB_MARIADB_PLAIN_PORT)
 * offers no TLS at all.
 *
 * Whether a connection is encrypted is asked of both ends: Connector/C's
 * cipher and the server's own Ssl_cipher of the session, so a test fails
 * if TLS is silently not used. The user bbx509 must present the client
 * certificate (REQUIRE SUBJECT ... AND ISSUER ...): a connection as bbx509
 * that is not TLS with that certificate is refused by the server itself.
 *
 * Host names: "127.1" reaches 127.0.0.1 (the resolver's short form of the
 * address) but is not a name the certificate holds, nor an IP address its
 * check reads, so VERIFY_IDENTITY must refuse it and VERIFY_CA accept it. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mysql.h>

#include "binbridge.h"
#include "base/error.h"
#include "mysql/server_conn.h"
#include "tests/testutil.h"

static const char *tls_file(const char *name)
{
    static char path[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", test_env("BB_TLS_DIR"), name);
    cr_assert_eq(access(path[k], R_OK), 0, "%s is not readable: run scripts/servers.sh start",
                 path[k]);
    return path[k];
}

/* The test MariaDB as bb, with this mode and CA. */
static void options(struct bb_server_options *o, enum bb_ssl_mode mode, const char *ca)
{
    test_server_options(o, 0);
    o->ssl_mode = mode;
    o->ssl_ca = ca;
}

static void expect_one_line(const struct bb_error *err)
{
    cr_expect_null(strchr(err->msg, '\n'), "not one line: %s", err->msg);
    cr_expect_gt(strlen(err->msg), 0u);
}

/* What the server says of this session's TLS: its cipher, "" in plaintext. */
static void server_cipher(MYSQL *m, char *out, size_t size)
{
    cr_assert_eq(mysql_query(m, "SHOW SESSION STATUS LIKE 'Ssl_cipher'"), 0, "%s",
                 mysql_error(m));
    MYSQL_RES *r = mysql_store_result(m);
    cr_assert_not_null(r);
    MYSQL_ROW row = mysql_fetch_row(r);
    cr_assert(row && row[1], "no Ssl_cipher status");
    snprintf(out, size, "%s", row[1]);
    mysql_free_result(r);
}

/* Connect with o: asserts success, and that both ends agree the session
 * is encrypted (want_tls) or not. */
static MYSQL *connect_ok(const struct bb_server_options *o, bool want_tls)
{
    MYSQL *m = NULL;
    struct bb_error err = { 0 };
    cr_assert_eq(server_conn_open(&m, o, 10, 1 << 20, &err), 0, "%s", err.msg);
    char theirs[128];
    server_cipher(m, theirs, sizeof theirs);
    const char *ours = server_conn_cipher(m);
    if (want_tls) {
        cr_assert_not_null(ours, "Connector/C says the connection is not encrypted");
        cr_assert_str_eq(theirs, ours, "the server's Ssl_cipher is not the client's");
    } else {
        cr_assert_null(ours, "encrypted with %s", ours);
        cr_assert_str_empty(theirs, "the server says TLS %s", theirs);
    }
    return m;
}

/* Connect with o: asserts failure with code, a one-line message holding
 * every one of the NULL-terminated parts. */
static void connect_fails(const struct bb_server_options *o, int code, const char *const *parts)
{
    MYSQL *m = NULL;
    struct bb_error err = { 0 };
    int rc = server_conn_open(&m, o, 10, 1 << 20, &err);
    if (rc == 0)
        mysql_close(m);
    cr_assert_eq(rc, code, "rc %d (want %d): %s", rc, code, err.msg);
    cr_assert_null(m);
    expect_one_line(&err);
    for (size_t i = 0; parts[i]; i++)
        cr_expect(strstr(err.msg, parts[i]), "\"%s\" is not in: %s", parts[i], err.msg);
    cr_expect_null(strstr(err.msg, test_env("BB_MARIADB_PASSWORD")), "the password shows: %s",
                   err.msg);
}

Test(tls, verify_ca_with_the_right_ca_is_encrypted_at_both_ends)
{
    struct bb_server_options o;
    options(&o, BB_SSL_VERIFY_CA, tls_file("ca.pem"));
    mysql_close(connect_ok(&o, true));
    o.ssl_mode = BB_SSL_VERIFY_IDENTITY; /* 127.0.0.1 is in the certificate */
    mysql_close(connect_ok(&o, true));
    o.ssl_mode = BB_SSL_REQUIRED;
    o.ssl_ca = NULL;
    mysql_close(connect_ok(&o, true));
}

Test(tls, verify_ca_with_a_wrong_ca_fails_saying_why)
{
    struct bb_server_options o;
    const char *wrong = tls_file("wrong-ca.pem");
    options(&o, BB_SSL_VERIFY_CA, wrong);
    char where[300], with[700];
    snprintf(where, sizeof where, "server %s:%s: cannot connect", test_env("BB_MARIADB_HOST"),
             test_env("BB_MARIADB_PORT"));
    snprintf(with, sizeof with, "with ssl-mode=VERIFY_CA, ssl-ca %s", wrong);
    /* OpenSSL's reason: the server's chain does not end at this CA */
    const char *const parts[] = { where, with, "certificate", "(error 2026)", NULL };
    connect_fails(&o, BB_ERR_IO, parts);
    o.ssl_mode = BB_SSL_VERIFY_IDENTITY;
    const char *const parts2[] = { where, "ssl-mode=VERIFY_IDENTITY", "certificate", NULL };
    connect_fails(&o, BB_ERR_IO, parts2);
}

Test(tls, verify_identity_refuses_a_host_the_certificate_does_not_name)
{
    struct bb_server_options o;
    options(&o, BB_SSL_VERIFY_IDENTITY, tls_file("ca.pem"));
    o.host = "127.1";
    char where[300];
    snprintf(where, sizeof where, "server 127.1:%s: cannot connect with ssl-mode=VERIFY_IDENTITY",
             test_env("BB_MARIADB_PORT"));
    const char *const parts[] = { where, "Validation of SSL server certificate failed", NULL };
    connect_fails(&o, BB_ERR_IO, parts);
    /* the same server, the same chain: VERIFY_CA does not check the name */
    o.ssl_mode = BB_SSL_VERIFY_CA;
    mysql_close(connect_ok(&o, true));
}

/* The plain server's count of failed logins (Access_denied_errors). */
static long plain_access_denied(void)
{
    struct bb_server_options o;
    options(&o, BB_SSL_DISABLED, NULL);
    o.port = (unsigned)atoi(test_env("BB_MARIADB_PLAIN_PORT"));
    MYSQL *m = connect_ok(&o, false);
    char v[64];
    test_sql_value(m, v, sizeof v, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
                   "WHERE VARIABLE_NAME = 'ACCESS_DENIED_ERRORS'");
    mysql_close(m);
    return atol(v);
}

Test(tls, required_refuses_a_server_without_tls)
{
    struct bb_server_options o;
    options(&o, BB_SSL_REQUIRED, NULL);
    o.port = (unsigned)atoi(test_env("BB_MARIADB_PLAIN_PORT"));
    char where[300];
    snprintf(where, sizeof where, "server %s:%u: refused with ssl-mode=REQUIRED",
             test_env("BB_MARIADB_HOST"), o.port);
    const char *const parts[] = { where, "the server does not offer TLS", NULL };
    connect_fails(&o, BB_ERR_SERVER, parts);
    o.ssl_mode = BB_SSL_VERIFY_CA;
    o.ssl_ca = tls_file("ca.pem");
    const char *const parts2[] = { "refused with ssl-mode=VERIFY_CA", "does not offer TLS", NULL };
    connect_fails(&o, BB_ERR_SERVER, parts2);

    /* ...before sending the user name or anything of the password: with
     * a wrong password the refusal is still binbridge's, not the server's
     * "Access denied", and the server counts no failed login (this test
     * is the only one to log in to the plain server with a wrong one). */
    long denied = plain_access_denied();
    o.password = "not-the-password";
    o.ssl_mode = BB_SSL_REQUIRED;
    o.ssl_ca = NULL;
    connect_fails(&o, BB_ERR_SERVER, parts);
    o.ssl_mode = BB_SSL_VERIFY_CA;
    o.ssl_ca = tls_file("ca.pem");
    connect_fails(&o, BB_ERR_SERVER, parts2);
    cr_expect_eq(plain_access_denied(), denied, "the server saw a login attempt");
    /* the counter does count: PREFERRED logs in, in plaintext */
    o.ssl_mode = BB_SSL_PREFERRED;
    o.ssl_ca = NULL;
    const char *const denied_parts[] = { "Access denied for user 'bb'", "(error 1045)", NULL };
    connect_fails(&o, BB_ERR_SERVER, denied_parts);
    cr_expect_eq(plain_access_denied(), denied + 1, "a failed login was not counted");
    o.password = test_env("BB_MARIADB_PASSWORD");
    o.ssl_mode = BB_SSL_VERIFY_CA;
    o.ssl_ca = tls_file("ca.pem");
    /* Connector/C refuses this one itself, before authenticating */
    o.ssl_mode = BB_SSL_VERIFY_IDENTITY;
    const char *const parts3[] = { "cannot connect with ssl-mode=VERIFY_IDENTITY",
                                   "the server does not support it", NULL };
    connect_fails(&o, BB_ERR_IO, parts3);
    /* PREFERRED (the default) takes plaintext from such a server */
    o.ssl_mode = BB_SSL_PREFERRED;
    o.ssl_ca = NULL;
    mysql_close(connect_ok(&o, false));
}

/* REQUIRED and VERIFY_CA begin with binbridge's TLS gate, an
 * authentication plugin no account has: the server must switch to the
 * account's own plugin, which then authenticates inside TLS, whichever it
 * is: mysql_native_password (bb), and ed25519, a plugin Connector/C loads
 * from its plugin directory, for a throwaway user when the server has the
 * plugin (installed here if the server has its library; it is left
 * installed, as other runs may use it at the same time). */
Test(tls, required_and_verify_ca_authenticate_with_the_accounts_own_plugin)
{
    struct bb_server_options o;
    options(&o, BB_SSL_REQUIRED, NULL);
    for (int mode = 0; mode < 2; mode++) {
        o.ssl_mode = mode ? BB_SSL_VERIFY_CA : BB_SSL_REQUIRED;
        o.ssl_ca = mode ? tls_file("ca.pem") : NULL;
        o.user = test_env("BB_MARIADB_USER");
        o.password = test_env("BB_MARIADB_PASSWORD");
        MYSQL *m = connect_ok(&o, true);
        char user[128];
        test_sql_value(m, user, sizeof user, "SELECT CURRENT_USER()");
        cr_assert_str_eq(user, "bb@%");
        mysql_close(m);
        /* a wrong password reaches the account's plugin, over TLS */
        o.password = "not-the-password";
        const char *const parts[] = { "cannot connect", "Access denied for user 'bb'",
                                      "(error 1045)", NULL };
        connect_fails(&o, BB_ERR_SERVER, parts);
    }

    MYSQL *admin = test_sql_connect();
    char n[32];
    test_sql_value(admin, n, sizeof n, "SELECT COUNT(*) FROM information_schema.PLUGINS "
                   "WHERE PLUGIN_NAME = 'ed25519' AND PLUGIN_STATUS = 'ACTIVE'");
    if (strcmp(n, "0") == 0 && mysql_query(admin, "INSTALL SONAME 'auth_ed25519'") != 0) {
        /* 1968: installed meanwhile by another run */
        cr_log_warn("no ed25519 on the test MariaDB (%s): only mysql_native_password tried",
                    mysql_error(admin));
        if (mysql_errno(admin) != 1968) {
            mysql_close(admin);
            return;
        }
    }
    char user[64];
    snprintf(user, sizeof user, "bbtls_ed_%d", (int)getpid());
    test_sql(admin, "DROP USER IF EXISTS '%s'@'%%'", user);
    test_sql(admin, "CREATE USER '%s'@'%%' IDENTIFIED VIA ed25519 USING PASSWORD('ed-secret')",
             user);
    for (int mode = 0; mode < 2; mode++) {
        o.ssl_mode = mode ? BB_SSL_VERIFY_CA : BB_SSL_REQUIRED;
        o.ssl_ca = mode ? tls_file("ca.pem") : NULL;
        o.user = user;
        o.password = "ed-secret";
        MYSQL *m = connect_ok(&o, true);
        char who[128], want[128];
        test_sql_value(m, who, sizeof who, "SELECT CURRENT_USER()");
        snprintf(want, sizeof want, "%s@%%", user);
        cr_expect_str_eq(who, want);
        mysql_close(m);
        o.password = "not-the-password";
        const char *const parts[] = { "Access denied for user", user, NULL };
        connect_fails(&o, BB_ERR_SERVER, parts);
    }
    test_sql(admin, "DROP USER '%s'@'%%'", user);
    mysql_close(admin);
}

Test(tls, preferred_is_the_default_and_disabled_is_plaintext)
{
    struct bb_server_options o;
    bb_server_options_init(&o);
    cr_assert_eq(o.ssl_mode, BB_SSL_PREFERRED);
    test_server_options(&o, 0);
    mysql_close(connect_ok(&o, true));
    o.ssl_mode = BB_SSL_DISABLED;
    mysql_close(connect_ok(&o, false));
}

Test(tls, the_client_certificate_is_presented)
{
    struct bb_server_options o;
    options(&o, BB_SSL_VERIFY_IDENTITY, tls_file("ca.pem"));
    o.user = "bbx509";
    o.password = "bbx509";
    /* TLS without a client certificate: the server refuses the user */
    const char *const parts[] = { "Access denied for user 'bbx509'", "(error 1045)", NULL };
    connect_fails(&o, BB_ERR_SERVER, parts);
    o.ssl_cert = tls_file("client-cert.pem");
    o.ssl_key = tls_file("client-key.pem");
    MYSQL *m = connect_ok(&o, true);
    char user[128];
    test_sql_value(m, user, sizeof user, "SELECT CURRENT_USER()");
    cr_assert_str_eq(user, "bbx509@%");
    mysql_close(m);
    /* a certificate of the right subject but signed by no CA the server
     * trusts would be refused as well; the wrong CA's own certificate is
     * not of the right subject: refused */
    o.ssl_cert = tls_file("wrong-ca.pem");
    o.ssl_key = tls_file("wrong-ca-key.pem");
    const char *const parts2[] = { "bbx509", NULL };
    MYSQL *bad = NULL;
    struct bb_error err = { 0 };
    int rc = server_conn_open(&bad, &o, 10, 1 << 20, &err);
    if (rc == 0)
        mysql_close(bad);
    cr_assert_lt(rc, 0, "a certificate of another subject was accepted");
    cr_expect(strstr(err.msg, parts2[0]) || strstr(err.msg, "2026"), "%s", err.msg);
}

/* The binlog stream and its schema lookups as bbx509: every connection of
 * the stream must be TLS with the client certificate, or the server
 * refuses it. */
Test(tls, the_stream_and_its_schema_lookups_use_the_same_tls)
{
    MYSQL *m = test_sql_connect();
    char db[64], file[256];
    uint64_t pos;
    snprintf(db, sizeof db, "bbtls_stream_%d", (int)getpid());
    test_sql(m, "DROP DATABASE IF EXISTS %s", db);
    test_sql(m, "CREATE DATABASE %s", db);
    test_sql(m, "CREATE TABLE %s.t (id INT PRIMARY KEY, v VARCHAR(20))", db);
    test_master_status(m, file, sizeof file, &pos);
    /* A table map without column names (binlog_row_metadata=MINIMAL, a
     * global setting: under the lock test_server.c takes for it too): the
     * names must then come from a schema lookup, on a connection of its own. */
    char got[64], old[64];
    test_sql_value(m, got, sizeof got, "SELECT GET_LOCK('binbridge_binlog_row_metadata', 60)");
    cr_assert_str_eq(got, "1", "could not take the binlog_row_metadata lock");
    test_sql_value(m, old, sizeof old, "SELECT @@global.binlog_row_metadata");
    test_sql(m, "SET GLOBAL binlog_row_metadata = MINIMAL");
    char insert[256];
    snprintf(insert, sizeof insert, "INSERT INTO %s.t VALUES (1, 'one'), (2, 'two')", db);
    bool ok = mysql_query(m, insert) == 0;
    test_sql(m, "SET GLOBAL binlog_row_metadata = %s", old);
    test_sql(m, "DO RELEASE_LOCK('binbridge_binlog_row_metadata')");
    cr_assert(ok, "INSERT failed: %s", mysql_error(m));

    struct bb_server_options o;
    test_server_options(&o, 0);
    o.user = "bbx509";
    o.password = "bbx509";
    struct bb_error err = { 0 };
    char url[1600];
    snprintf(url, sizeof url, "mysql://bbx509@%s:%s?ssl-mode=verify_identity&ssl-ca=%s"
             "&ssl-cert=%s&ssl-key=%s", test_env("BB_MARIADB_HOST"), test_env("BB_MARIADB_PORT"),
             tls_file("ca.pem"), tls_file("client-cert.pem"), tls_file("client-key.pem"));
    setenv("BINBRIDGE_PASSWORD", "bbx509", 1);
    cr_assert_eq(bb_server_options_parse_url(&o, url, &err), 0, "%s", err.msg);
    unsetenv("BINBRIDGE_PASSWORD");
    cr_assert_eq(o.ssl_mode, BB_SSL_VERIFY_IDENTITY);
    o.server_id = 0;
    o.start = BB_START_POSITION;
    o.start_file = file;
    o.start_pos = pos;
    o.blocking = false;
    struct bb_stream *s;
    cr_assert_eq(bb_stream_open_server(&s, &o, NULL, &err), 0, "%s", err.msg);
    bb_server_options_destroy(&o);
    const struct bb_event *ev;
    int rc, rows = 0;
    bool named = false;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        if (!bb_event_is_rows(ev) || strcmp(ev->rows.table->schema, db) != 0)
            continue;
        rows += (int)ev->rows.nrows;
        named = ev->rows.table->cols[1].name && strcmp(ev->rows.table->cols[1].name, "v") == 0;
    }
    cr_assert_eq(rc, 0, "%s", err.msg);
    cr_assert_eq(rows, 2);
    cr_assert(named, "the column names did not come from the schema lookup");
    bb_stream_close(s);
    test_sql(m, "DROP DATABASE %s", db);
    mysql_close(m);
}

Test(tls, url_parameters_are_read_and_checked)
{
    struct bb_server_options o;
    struct bb_error err = { 0 };
    bb_server_options_init(&o);
    const char *ca = tls_file("ca.pem"), *cert = tls_file("client-cert.pem");
    char url[1600];
    snprintf(url, sizeof url, "mysql://u:secret@h:3307/?SSL-MODE=Verify_CA&ssl-ca=%s&ssl-cert=%s",
             ca, cert);
    cr_assert_eq(bb_server_options_parse_url(&o, url, &err), 0, "%s", err.msg);
    cr_assert_eq(o.ssl_mode, BB_SSL_VERIFY_CA);
    cr_assert_str_eq(o.ssl_ca, ca);
    cr_assert_str_eq(o.ssl_cert, cert);
    cr_assert_null(o.ssl_key);
    cr_assert_eq(bb_server_options_check(&o, &err), 0, "%s", err.msg);
    /* %-escapes are decoded in values */
    cr_assert_eq(bb_server_options_parse_url(&o, "mysql://u@h?ssl-mode=%52EQUIRED", &err), 0,
                 "%s", err.msg);
    cr_assert_eq(o.ssl_mode, BB_SSL_REQUIRED);
    cr_assert_null(o.ssl_ca, "a new URL's strings replace the old one's");
    /* what the URL does not name is left alone: settings from elsewhere */
    o.ssl_ca = ca;
    cr_assert_eq(bb_server_options_parse_url(&o, "mysql://u@h?ssl-mode=VERIFY_IDENTITY", &err),
                 0, "%s", err.msg);
    cr_assert_eq(o.ssl_ca, ca);
    cr_assert_eq(bb_server_options_check(&o, &err), 0, "%s", err.msg);
    bb_server_options_destroy(&o);
    cr_assert_eq(o.ssl_ca, ca, "destroy leaves what the URL did not set");

    o.ssl_ca = NULL;
    o.ssl_mode = BB_SSL_VERIFY_IDENTITY;
    cr_assert_eq(bb_server_options_check(&o, &err), BB_ERR_USAGE);
    cr_assert_str_eq(err.msg, "ssl-mode=VERIFY_IDENTITY needs ssl-ca, the CA certificates (PEM) "
                     "the server's certificate is verified against");

    char dirurl[600];
    snprintf(dirurl, sizeof dirurl, "mysql://u:secret@h?ssl-ca=%s", test_env("BB_TLS_DIR"));
    char dirmsg[700];
    snprintf(dirmsg, sizeof dirmsg, "server URL: ssl-ca: cannot read %s: it is a directory "
             "(name a PEM file)", test_env("BB_TLS_DIR"));
    const struct {
        const char *url, *msg;
    } bad[] = {
        { "mysql://u:secret@h?ssl-mode=FOO", "server URL: ssl-mode must be DISABLED, PREFERRED, "
          "REQUIRED, VERIFY_CA or VERIFY_IDENTITY, got \"FOO\"" },
        { "mysql://u:secret@h?sslmode=REQUIRED", "server URL: unknown parameter \"sslmode\" "
          "(known: ssl-mode, ssl-ca, ssl-cert, ssl-key)" },
        { "mysql://u:secret@h?ssl-mode=REQUIRED&db=4&ssl&ssl-ca=/x", "server URL: unknown "
          "parameters \"db\", \"ssl\" (known: ssl-mode, ssl-ca, ssl-cert, ssl-key)" },
        { "mysql://u:secret@h?ssl-mode=REQUIRED&ssl-mode=DISABLED",
          "server URL: ssl-mode is given twice" },
        { "mysql://u:secret@h?ssl-ca=", "server URL: ssl-ca needs a value (ssl-ca=FILE)" },
        { "mysql://u:secret@h?ssl-mode", "server URL: ssl-mode needs a value "
          "(ssl-mode=VERIFY_IDENTITY)" },
        { "mysql://u:secret@h?ssl-key=/no/such/key.pem", "server URL: ssl-key: cannot read "
          "/no/such/key.pem: No such file or directory" },
        { dirurl, dirmsg },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct bb_server_options b;
        bb_server_options_init(&b);
        struct bb_error e = { 0 };
        cr_assert_eq(bb_server_options_parse_url(&b, bad[i].url, &e), BB_ERR_USAGE,
                     "accepted: %s", bad[i].url);
        cr_expect_str_eq(e.msg, bad[i].msg);
        cr_assert_str_eq(b.host, "127.0.0.1", "a refused URL leaves the options alone");
        cr_assert_eq(b.ssl_mode, BB_SSL_PREFERRED);
        bb_server_options_destroy(&b);
    }

    /* server_conn_open checks again: nothing connects without a CA to verify with */
    struct bb_server_options v;
    options(&v, BB_SSL_VERIFY_CA, NULL);
    char where[300];
    snprintf(where, sizeof where, "server %s:%s: ssl-mode=VERIFY_CA needs ssl-ca",
             test_env("BB_MARIADB_HOST"), test_env("BB_MARIADB_PORT"));
    const char *const parts[] = { where, NULL };
    connect_fails(&v, BB_ERR_USAGE, parts);
}

Test(tls, mode_names)
{
    enum bb_ssl_mode m;
    static const char *const names[] = { "PREFERRED", "DISABLED", "REQUIRED", "VERIFY_CA",
                                         "VERIFY_IDENTITY" };
    for (int i = 0; i < 5; i++) {
        cr_assert_str_eq(bb_ssl_mode_name((enum bb_ssl_mode)i), names[i]);
        cr_assert(bb_ssl_mode_parse(names[i], &m));
        cr_assert_eq((int)m, i);
    }
    cr_assert(bb_ssl_mode_parse("verify_identity", &m));
    cr_assert_eq(m, BB_SSL_VERIFY_IDENTITY);
    cr_assert_not(bb_ssl_mode_parse("VERIFY", &m));
    cr_assert_not(bb_ssl_mode_parse("", &m));
    cr_assert_not(bb_ssl_mode_parse(NULL, &m));
}
