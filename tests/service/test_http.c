/* test_http.c - the HTTP listener (service/http.h) in process, serving a
 * metrics object the test drives: the answers of /metrics and /health,
 * what is not served, malformed requests, a port in use, and clients that
 * connect too many at once or stall half-way through a request. */
#include <criterion/criterion.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/error.h"
#include "bridge/metrics.h"
#include "mapping/config.h"
#include "service/http.h"
#include "sinks/sink.h"
#include "tests/e2e/bridge_util.h"
#include "tests/service/http_get.h"

static struct bb_config cfg;
static struct metrics *m;
static struct http_server *srv;
static unsigned port;
static char addr[64];

static void setup(void)
{
    struct bb_error err = { 0 };
    cr_assert_eq(sinks_config_init(&cfg), 0);
    cr_assert_eq(config_set(&cfg, "redis.url", "redis://127.0.0.1:1/0", &err), 0, "%s", err.msg);
    m = metrics_new(&cfg, 0);
    cr_assert(m);
    port = e2e_free_port();
    snprintf(addr, sizeof addr, "127.0.0.1:%u", port);
    cr_assert_eq(http_server_start(&srv, addr, m, &err), 0, "%s", err.msg);
}

static void teardown(void)
{
    http_server_stop(srv);
    srv = NULL;
    metrics_free(m);
    m = NULL;
    bb_config_destroy(&cfg);
}

TestSuite(http, .init = setup, .fini = teardown);

Test(http, health_is_503_with_the_reason_then_200)
{
    struct http_answer a;
    http_request(port, "GET", "/health", &a);
    cr_expect_eq(a.status, 503, "status %d: %s", a.status, a.body);
    cr_expect_str_eq(a.body, "not connected to the source yet (for 0 s)\n");
    cr_expect(strstr(a.head, "Content-Type: text/plain; charset=utf-8"), "%s", a.head);
    http_answer_free(&a);
    metrics_note_connected(m, true);
    http_request(port, "GET", "/health", &a);
    cr_expect_eq(a.status, 200, "status %d: %s", a.status, a.body);
    cr_expect_str_eq(a.body, "ok\n");
    http_answer_free(&a);
    /* HEAD: the status, no body */
    http_request(port, "HEAD", "/health", &a);
    cr_expect_eq(a.status, 200);
    cr_expect_eq(a.body_len, 0u);
    http_answer_free(&a);
}

Test(http, metrics_in_the_prometheus_text_format)
{
    metrics_note_connected(m, true);
    struct http_answer a;
    http_request(port, "GET", "/metrics", &a);
    cr_assert_eq(a.status, 200, "status %d: %s", a.status, a.body);
    cr_expect(strstr(a.head, "Content-Type: text/plain; version=0.0.4; charset=utf-8"), "%s",
              a.head);
    double v;
    cr_expect(metrics_sample(a.body, "binbridge_healthy", &v) && v == 1, "%s", a.body);
    cr_expect(metrics_sample(a.body, "binbridge_sink_up{sink=\"redis\"}", &v) && v == 1, "%s",
              a.body);
    cr_expect(strstr(a.body, "# TYPE binbridge_sink_batch_duration_seconds histogram\n"), "%s",
              a.body);
    http_answer_free(&a);
}

Test(http, other_paths_methods_and_garbage_are_refused)
{
    struct http_answer a;
    http_request(port, "GET", "/nope", &a);
    cr_expect_eq(a.status, 404);
    http_answer_free(&a);
    http_request(port, "POST", "/metrics", &a);
    cr_expect_eq(a.status, 405);
    cr_expect(strstr(a.head, "Allow: GET, HEAD"), "%s", a.head);
    http_answer_free(&a);
    static const char *const garbage[] = {
        "GARBAGE\r\n\r\n",
        "GET\r\n\r\n",
        "GET /metrics HTTP/9.9\r\n\r\n",
        "GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        "\x00\x01\x02\xff\xfe\r\n\r\n",
    };
    for (size_t i = 0; i < sizeof garbage / sizeof garbage[0]; i++) {
        size_t len = i == 4 ? 8 : strlen(garbage[i]);
        http_raw(port, garbage[i], len, &a);
        cr_expect(a.status == 0 || (a.status >= 400 && a.status < 600),
                  "request %zu answered %d", i, a.status);
        http_answer_free(&a);
    }
    /* a header far beyond the connection's memory */
    size_t big = 200000;
    char *huge = malloc(big + 64);
    cr_assert(huge);
    int n = snprintf(huge, 64, "GET /metrics HTTP/1.1\r\nX-Big: ");
    memset(huge + n, 'a', big);
    memcpy(huge + n + big, "\r\n\r\n", 4);
    http_raw(port, huge, (size_t)n + big + 4, &a);
    cr_expect(a.status == 0 || a.status == 431 || a.status == 413 || a.status == 400,
              "a huge header answered %d", a.status);
    http_answer_free(&a);
    free(huge);
    /* and it still serves */
    http_request(port, "GET", "/health", &a);
    cr_expect_eq(a.status, 503, "status %d: %s", a.status, a.body);
    http_answer_free(&a);
}

Test(http, port_in_use_or_bad_address_is_a_usage_error)
{
    struct http_server *other = NULL;
    struct bb_error err = { 0 };
    cr_assert_eq(http_server_start(&other, addr, m, &err), BB_ERR_USAGE);
    cr_assert_null(other);
    char want[200];
    snprintf(want, sizeof want, "HTTP listener %s: cannot listen there: Address already in use",
             addr);
    cr_expect_str_eq(err.msg, want);
    static const struct {
        const char *addr, *msg;
    } bad[] = {
        { "9108", "HTTP listener '9108': expected host:port, such as 127.0.0.1:9108" },
        { "127.0.0.1:0", "HTTP listener '127.0.0.1:0': the port must be a number from 1 to 65535" },
        { "127.0.0.1:70000",
          "HTTP listener '127.0.0.1:70000': the port must be a number from 1 to 65535" },
        { "::1:9108", "HTTP listener '::1:9108': an IPv6 address goes in brackets: [::1]:9108" },
        { "[::1:9108", "HTTP listener '[::1:9108': an IPv6 address needs its closing ']'" },
        { "127.0.0.1:", "HTTP listener '127.0.0.1:': the port is missing" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        bb_error_clear(&err);
        cr_expect_eq(http_server_start(&other, bad[i].addr, m, &err), BB_ERR_USAGE, "%s",
                     bad[i].addr);
        cr_expect_str_eq(err.msg, bad[i].msg);
    }
}

/* Many connections at once and a client that stalls half-way: they are
 * limited and timed out, and once they are gone the listener serves. */
Test(http, floods_and_stalled_clients_are_limited_and_timed_out)
{
    enum { FLOOD = 300 };
    int fds[FLOOD];
    for (int i = 0; i < FLOOD; i++)
        fds[i] = http_connect(port);
    int slow = http_connect(port);
    /* accepted connections are timed out, those beyond the limit closed:
     * the stalled one is closed by the server within its timeout */
    if (slow >= 0) {
        const char half[] = "GET /metrics HTTP/1.1\r\nHost: 127";
        send(slow, half, sizeof half - 1, MSG_NOSIGNAL);
        struct pollfd p = { slow, POLLIN, 0 };
        int r = poll(&p, 1, (HTTP_TIMEOUT_SECONDS + 20) * 1000);
        cr_expect_eq(r, 1, "the stalled client was not dropped within %d s",
                     HTTP_TIMEOUT_SECONDS + 20);
        char buf[256];
        ssize_t n = recv(slow, buf, sizeof buf, 0);
        cr_expect_leq(n, 0, "the stalled client got an answer: %.*s", (int)(n > 0 ? n : 0), buf);
        close(slow);
    }
    int open = 0;
    for (int i = 0; i < FLOOD; i++) {
        if (fds[i] < 0)
            continue;
        /* a connection the server dropped reads the end at once */
        struct pollfd p = { fds[i], POLLIN, 0 };
        char c;
        if (poll(&p, 1, 0) == 0 || recv(fds[i], &c, 1, MSG_DONTWAIT) > 0)
            open++;
        close(fds[i]);
    }
    cr_expect_leq(open, HTTP_MAX_CONNECTIONS, "%d idle connections still open", open);
    struct http_answer a;
    http_request(port, "GET", "/health", &a);
    cr_expect_eq(a.status, 503, "status %d: %s", a.status, a.body);
    http_answer_free(&a);
}
