/* test_bridge_tls.c - `binbridge run` and `binbridge dump` over TLS to the
 * test MariaDB, end to end into Redis, with the throwaway CA of
 * scripts/servers.sh (BB_TLS_DIR).
 *
 * The bridge connects as bbx509, a user the server accepts only over TLS
 * with the client certificate (REQUIRE SUBJECT ... AND ISSUER ...): every
 * connection the bridge makes (the checks, the snapshot, the binlog, the
 * schema lookups) that is not TLS with that certificate is refused by the
 * server, so a mirror that arrives proves they all used it. The bridge's
 * log line "over TLS (CIPHER, ssl-mode=...)" is asserted too.
 *
 * Run through scripts/run-tests.sh (BB_BINBRIDGE and the servers). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/e2e/bridge_util.h"
#include "tests/testutil.h"

static struct e2e E_;

static void tls_fini(void)
{
    e2e_kill_children();
    if (E_.m || E_.r)
        e2e_end(&E_);
}

TestSuite(bridge_tls, .fini = tls_fini);

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

/* What binbridge wrote: the output without the harness's "+ command"
 * line (which quotes the command line, password and all). */
static const char *written(const char *out)
{
    if (strncmp(out, "+ ", 2) == 0 && strchr(out, '\n'))
        return strchr(out, '\n') + 1;
    return out;
}

/* Rows of every kind the mirror must hold, ids from..to. */
static void write_rows(MYSQL *m, int from, int to)
{
    for (int id = from; id <= to; id++)
        e2e_sql(m, "INSERT INTO t VALUES (%d, 'row %d', %d.25, IF(%d %% 7 = 0, NULL, NOW()))", id,
                id, id, id);
}

Test(bridge_tls, snapshot_then_binlog_into_redis_over_tls_with_a_client_certificate)
{
    struct e2e *E = &E_;
    e2e_begin(E, "tls", NULL);
    e2e_sql(E->m, "CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(40), d DECIMAL(10,2), "
            "ts DATETIME)");
    write_rows(E->m, 1, 200); /* before any bridge: only the snapshot copies them */

    /* The configuration says DISABLED and gives the files; the URL's
     * ssl-mode wins over the setting (and bbx509 would be refused in
     * plaintext), the files still apply. */
    char more[4096];
    snprintf(more, sizeof more,
             "source = { heartbeat = 0.5; ssl_mode = \"DISABLED\"; ssl_ca = \"%s\"; "
             "ssl_cert = \"%s\"; ssl_key = \"%s\"; };\n",
             tls_file("ca.pem"), tls_file("client-cert.pem"), tls_file("client-key.pem"));
    e2e_write_config(E, "bridge.conf",
                     "include_schemas = [ \"%s\" ];\n%s"
                     "batch = { bytes = 65536; delay_ms = 20; };\n"
                     "retry = { initial_ms = 50; max_ms = 500; };\n",
                     E->db, more);
    snprintf(E->srv.mysql_url, sizeof E->srv.mysql_url,
             "mysql://bbx509:bbx509@%.63s:%u?ssl-mode=VERIFY_IDENTITY", E->srv.host,
             E->srv.mariadb_port);

    static const char *const snapshot[] = { "--start", "snapshot", "--stop-at-end", NULL };
    e2e_bridge_start(E, snapshot);
    bool done = e2e_proc_wait(&E->bridge, 120);
    if (!done)
        e2e_proc_kill(&E->bridge);
    cr_assert(done && E->bridge.status == 0, "the snapshot run did not end cleanly:\n%s",
              e2e_tail(E->bridge.out_path, 3000));
    char *out = e2e_proc_output(&E->bridge);
    cr_assert(strstr(out, " over TLS (") && strstr(out, "ssl-mode=VERIFY_IDENTITY)"),
              "the bridge does not say it is connected over TLS:\n%s", out);
    cr_assert_null(strstr(written(out), "bbx509:bbx509"), "the password shows in the output:\n%s",
                   out);
    free(out);
    e2e_compare_default(E, NULL);

    /* Then the binlog, following (blocking) over TLS. */
    e2e_bridge_start(E, NULL);
    write_rows(E->m, 201, 400);
    e2e_sql(E->m, "UPDATE t SET s = CONCAT(s, ' changed') WHERE id %% 3 = 0");
    e2e_sql(E->m, "DELETE FROM t WHERE id %% 10 = 0");
    e2e_assert_caught_up(E, 60);
    e2e_stop_bridge(E, 10);
    e2e_compare_default(E, NULL);
    char glob[256];
    snprintf(glob, sizeof glob, "%.63s:t:*", E->db);
    size_t n;
    char **keys = e2e_redis_keys(E->r, glob, &n);
    e2e_free_strings(keys, n);
    cr_assert_eq(n, 360u, "%zu rows mirrored, not 360", n);
}

Test(bridge_tls, dump_reads_the_binlog_over_tls)
{
    struct e2e *E = &E_;
    e2e_begin(E, "tlsdump", NULL);
    e2e_sql(E->m, "CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(40), d DECIMAL(10,2), "
            "ts DATETIME)");
    char file[256], pos[32];
    uint64_t p;
    e2e_master_status(E->m, file, sizeof file, &p);
    snprintf(pos, sizeof pos, "%llu", (unsigned long long)p);
    write_rows(E->m, 1, 3);
    char url[8192];
    snprintf(url, sizeof url, "mysql://bbx509:bbx509@%s:%u?ssl-mode=VERIFY_CA&ssl-ca=%s"
             "&ssl-cert=%s&ssl-key=%s", E->srv.host, E->srv.mariadb_port, tls_file("ca.pem"),
             tls_file("client-cert.pem"), tls_file("client-key.pem"));
    const char *const argv[] = { "dump", "--source", url, "--start-file", file, "--start-pos", pos,
                                 "--format", "json", "--only-schemas", E->db, NULL };
    char *out = NULL;
    int rc = e2e_run_cmd(E, argv, 60, &out);
    cr_assert_eq(rc, 0, "dump exited %d:\n%s", rc, out);
    unsigned rows = 0;
    for (const char *q = out; (q = strstr(q, "\"type\":\"WRITE_ROWS_EVENT")); q++)
        rows++;
    cr_assert_eq(rows, 3u, "%u WRITE_ROWS_EVENT lines, not 3:\n%s", rows, out);
    cr_assert(strstr(out, "\"row 2\""), "%s", out);
    free(out);

    /* The wrong CA: exit 1, one line saying where and why. */
    snprintf(url, sizeof url, "mysql://bbx509:bbx509@%s:%u?ssl-mode=VERIFY_CA&ssl-ca=%s",
             E->srv.host, E->srv.mariadb_port, tls_file("wrong-ca.pem"));
    rc = e2e_run_cmd(E, argv, 60, &out);
    cr_assert_eq(rc, 1, "dump with the wrong CA exited %d:\n%s", rc, out);
    char want[8192];
    snprintf(want, sizeof want, "binbridge: server %s:%u: cannot connect with ssl-mode=VERIFY_CA, "
             "ssl-ca %s: TLS/SSL error: ", E->srv.host, E->srv.mariadb_port,
             tls_file("wrong-ca.pem"));
    cr_assert(strstr(out, want), "want \"%s\" in:\n%s", want, out);
    cr_assert_null(strstr(written(out), "bbx509:bbx509"), "the password shows:\n%s", out);
    free(out);
}

/* Unknown URL parameters and bad values: usage errors (exit 2) naming
 * them, from run and from dump, never showing the password. */
Test(bridge_tls, unknown_parameters_and_bad_values_are_usage_errors)
{
    struct e2e *E = &E_;
    e2e_begin(E, "tlsusage", NULL);
    const char *url1 = "mysql://bb:s3cret@127.0.0.1:1?ssl_mode=REQUIRED&sslca=x";
    const char *const run1[] = { "run", "--source", url1, "--redis", E->srv.redis_url, NULL };
    const char *const dump1[] = { "dump", "--source", url1, NULL };
    const char *const *cmds[] = { run1, dump1 };
    const char *want[] = {
        "binbridge: run: --source: server URL: unknown parameters \"ssl_mode\", \"sslca\" (known: "
        "ssl-mode, ssl-ca, ssl-cert, ssl-key)\n",
        "binbridge: dump: --source: server URL: unknown parameters \"ssl_mode\", \"sslca\" "
        "(known: ssl-mode, ssl-ca, ssl-cert, ssl-key)\n",
    };
    for (int i = 0; i < 2; i++) {
        char *out = NULL;
        int rc = e2e_run_cmd(E, cmds[i], 30, &out);
        cr_expect_eq(rc, 2, "%s exited %d:\n%s", cmds[i][0], rc, out);
        cr_expect(strstr(out, want[i]), "want \"%s\" in:\n%s", want[i], out);
        cr_expect_null(strstr(written(out), "s3cret"), "the password shows:\n%s", out);
        free(out);
    }

    /* A mode that needs a CA, from the configuration's side: run merges the
     * URL's parameters over source.ssl_* and checks the whole. */
    const char *url2 = "mysql://bb@127.0.0.1:1?ssl-mode=VERIFY_CA";
    const char *const run2[] = { "run", "--source", url2, "--redis", E->srv.redis_url, NULL };
    char *out = NULL;
    int rc = e2e_run_cmd(E, run2, 30, &out);
    cr_expect_eq(rc, 2, "exited %d:\n%s", rc, out);
    cr_expect(strstr(out, "binbridge: source: ssl-mode=VERIFY_CA needs ssl-ca"), "%s", out);
    free(out);

    const char *const bad_mode[] = { "dump", "--source", "mysql://bb@127.0.0.1:1?ssl-mode=FOO",
                                     NULL };
    rc = e2e_run_cmd(E, bad_mode, 30, &out);
    cr_expect_eq(rc, 2, "exited %d:\n%s", rc, out);
    cr_expect(strstr(out, "binbridge: dump: --source: server URL: ssl-mode must be DISABLED, "
                     "PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY, got \"FOO\"\n"), "%s",
              out);
    free(out);

    /* An unreadable file in the configuration: FILE:LINE and why. */
    e2e_write_config(E, "tls.conf", "source = {\n  ssl_ca = \"/no/such/ca.pem\";\n};\n");
    const char *const run3[] = { "run", "--config", E->config, "--source", url2, "--redis",
                                 E->srv.redis_url, NULL };
    rc = e2e_run_cmd(E, run3, 30, &out);
    cr_expect_eq(rc, 2, "exited %d:\n%s", rc, out);
    char want3[8192];
    snprintf(want3, sizeof want3, "binbridge: %s:2: source.ssl_ca: cannot read /no/such/ca.pem: "
             "No such file or directory\n", E->config);
    cr_expect(strstr(out, want3), "want \"%s\" in:\n%s", want3, out);
    free(out);

    /* ... and in the environment, named by its variable */
    setenv("BINBRIDGE_SOURCE_SSL_MODE", "sometimes", 1);
    rc = e2e_run_cmd(E, run2, 30, &out);
    unsetenv("BINBRIDGE_SOURCE_SSL_MODE");
    cr_expect_eq(rc, 2, "exited %d:\n%s", rc, out);
    cr_expect(strstr(out, "BINBRIDGE_SOURCE_SSL_MODE"), "%s", out);
    cr_expect(strstr(out, "got \"sometimes\""), "%s", out);
    free(out);
}
