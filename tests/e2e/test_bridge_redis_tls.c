/* test_bridge_redis_tls.c - `binbridge run` and `status` with Redis over
 * TLS (rediss://): the real binary, the shared MariaDB, and a Redis of the
 * test's own serving TLS with the throwaway CA of scripts/test-ca.sh and
 * requiring a client certificate; the test reads it through its plaintext
 * port. A random workload replicated over TLS must match a fresh SELECT,
 * across a restart; a certificate that does not verify is one line, and
 * mistakes in the TLS settings are usage errors (exit 2).
 *
 * Run through scripts/run-tests.sh (BB_BINBRIDGE and the servers). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/e2e/bridge_util.h"
#include "tests/testutil.h"

static struct e2e E_;
static struct tls_redis T_;
static struct workload W_;

static void tls_fini(void)
{
    e2e_kill_children();
    if (W_.E)
        wl_free(&W_);
    if (E_.m || E_.r)
        e2e_end(&E_);
    socket_server_stop(&T_.s);
}

TestSuite(bridge_redis_tls, .fini = tls_fini, .timeout = 600);

/* The shared MariaDB, and the TLS Redis: the bridge's URL is rediss:// to
 * its TLS port with `params`, the test's connection its plaintext port. */
static void begin(struct e2e *E, const char *tag, const char *params)
{
    tls_redis_start(&T_, "server", true);
    struct e2e_servers srv;
    e2e_servers_from_env(&srv);
    snprintf(srv.host, sizeof srv.host, "127.0.0.1");
    srv.redis_port = T_.plain_port;
    char p[600];
    snprintf(p, sizeof p, params, test_ca_dir(), test_ca_dir(), test_ca_dir());
    int n = snprintf(srv.redis_url, sizeof srv.redis_url, "rediss://localhost:%u/0?%s",
                     T_.tls_port, p);
    cr_assert_lt((size_t)n, sizeof srv.redis_url);
    e2e_begin(E, tag, &srv);
}

#define GOOD "tls-ca=%s/ca.pem&tls-cert=%s/client-cert.pem&tls-key=%s/client-key.pem"

/* The lines of a command's output holding `what`. */
static size_t lines_with(const char *out, const char *what)
{
    size_t n = 0;
    for (const char *p = out; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

Test(bridge_redis_tls, random_workload_over_tls_matches_select_across_restarts)
{
    struct e2e *E = &E_;
    begin(E, "rtls", GOOD);
    e2e_write_usual_config(E, "tests/e2e/test_bridge_redis_tls.c", NULL);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);

    /* a bridge following the source, stopped, and one that catches up */
    e2e_bridge_start(E, NULL);
    wl_steps(W, 80);
    e2e_assert_caught_up(E, 120);
    e2e_stop_bridge(E, 10);
    char *out = e2e_proc_output(&E->bridge);
    char want[128];
    snprintf(want, sizeof want, "Redis at localhost:%u: over TLS (TLSv1.3 ", T_.tls_port);
    cr_assert(strstr(out, want), "no line saying the connection is TLS (%s):\n%s", want, out);
    cr_assert(strstr(out, "tls-verify=full)"), "%s", out);
    free(out);
    wl_steps(W, 60);
    e2e_bridge_to_end(E, 180);
    e2e_compare_default(E, NULL);
}

Test(bridge_redis_tls, a_wrong_ca_is_one_line_status_exits_1_and_run_waits)
{
    struct e2e *E = &E_;
    begin(E, "rtlsca", "tls-ca=%s/wrong-ca.pem&tls-cert=%s/client-cert.pem&"
                       "tls-key=%s/client-key.pem");
    e2e_write_usual_config(E, "tests/e2e/test_bridge_redis_tls.c", NULL);
    char why[300];
    snprintf(why, sizeof why, "cannot connect to Redis at localhost:%u: TLS: the server's "
             "certificate (/CN=localhost) is not signed by a CA of tls-ca ", T_.tls_port);

    const char *status[] = { "status", "--config", E->config, "--source", E->srv.mysql_url,
                             "--redis", E->srv.redis_url, "--checkpoint", E->db, NULL };
    char *out;
    int rc = e2e_run_cmd(E, status, 60, &out);
    cr_assert_eq(rc, 1, "status exited %d:\n%s", rc, out);
    char first[1024];
    size_t lines = e2e_output_lines(out, first, sizeof first);
    cr_assert_eq(lines, 1, "one line, got %zu:\n%s", lines, out);
    cr_assert(strstr(first, why), "%s\nwant: %s", first, why);
    free(out);

    /* `run` takes it as a Redis that is unreachable for now (a certificate
     * can be renewed): one WARN with the reason, retries, and SIGTERM ends
     * it with exit 0. */
    e2e_bridge_start(E, NULL);
    double until = e2e_now() + 60;
    do {
        e2e_sleep_ms(200);
        out = e2e_proc_output(&E->bridge);
        bool seen = strstr(out, why) != NULL;
        free(out);
        if (seen)
            break;
    } while (e2e_now() < until && e2e_proc_running(&E->bridge));
    cr_assert(e2e_proc_running(&E->bridge), "run exited with a wrong CA");
    e2e_stop_bridge(E, 10);
    out = e2e_proc_output(&E->bridge);
    cr_assert(strstr(out, why), "run never said why:\n%s", out);
    cr_assert_eq(lines_with(out, "is not signed by a CA of tls-ca"), 1,
                 "the reason once, not at every retry:\n%s", out);
    free(out);
}

/* Usage errors, before anything connects: exit 2, one line naming what. */
Test(bridge_redis_tls, tls_usage_errors_exit_2_naming_them)
{
    struct e2e *E = &E_;
    begin(E, "rtlsuse", GOOD);
    e2e_write_usual_config(E, "tests/e2e/test_bridge_redis_tls.c", NULL);
    char bad_param[700], plain_with_ca[700];
    snprintf(bad_param, sizeof bad_param, "rediss://localhost:%u/0?tls-cafile=/x", T_.tls_port);
    snprintf(plain_with_ca, sizeof plain_with_ca, "redis://127.0.0.1:%u/0?tls-ca=%s/ca.pem",
             T_.plain_port, test_ca_dir());
    static const struct { int url; const char *want; } cases[] = {
        { 0, "--redis: unknown parameter 'tls-cafile' (db, seed, tls-ca, tls-cert, tls-key, "
             "tls-server-name, tls-verify)" },
        { 1, "--redis: tls-ca is a parameter of rediss:// (TLS) URLs" },
    };
    for (size_t i = 0; i < 2; i++) {
        const char *run[] = { "run", "--config", E->config, "--source", E->srv.mysql_url,
                              "--redis", cases[i].url ? plain_with_ca : bad_param,
                              "--checkpoint", E->db, "--stop-at-end", NULL };
        char *out;
        int rc = e2e_run_cmd(E, run, 60, &out);
        cr_expect_eq(rc, 2, "case %zu exited %d:\n%s", i, rc, out);
        char first[1024];
        e2e_output_lines(out, first, sizeof first);
        cr_expect(strstr(first, cases[i].want), "case %zu: %s\nwant: %s", i, first,
                  cases[i].want);
        free(out);
    }

    /* a TLS setting beside a plaintext URL, by environment */
    char plain[300];
    snprintf(plain, sizeof plain, "redis://127.0.0.1:%u/0", T_.plain_port);
    setenv("BINBRIDGE_REDIS_TLS_VERIFY", "none", 1);
    const char *run[] = { "run", "--config", E->config, "--source", E->srv.mysql_url, "--redis",
                          plain, "--checkpoint", E->db, "--stop-at-end", NULL };
    char *out;
    int rc = e2e_run_cmd(E, run, 60, &out);
    unsetenv("BINBRIDGE_REDIS_TLS_VERIFY");
    cr_expect_eq(rc, 2, "exited %d:\n%s", rc, out);
    cr_expect(strstr(out, "redis.tls_verify is set but the Redis URL is not a rediss:// (TLS) "
                          "one"), "%s", out);
    free(out);
}
