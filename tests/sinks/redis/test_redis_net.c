/* test_redis_net.c - the Redis sink's byte stream (sinks/redis/redis_net.h)
 * against tiny servers of the test's own, each a thread on a socket of a
 * port the kernel picks: a server that echoes, one that reads slowly, one
 * that never answers, one that never reads, one that closes in the middle
 * of a reply. The TLS cases that need a real TLS server are in
 * test_redis_sink.c (suite redis_tls, a real redis-server); here are those
 * a TLS client must survive from a server that is not one. */
#include <criterion/criterion.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <hiredis/hiredis.h>

#include "binbridge.h"
#include "base/error.h"
#include "sinks/redis/redis_net.h"
#include "tests/testutil.h"

enum behaviour {
    ECHO,           /* send back what it reads, until the client closes */
    SLOW_READER,    /* read in small pieces, then answer "<bytes> <sum>\n" */
    SILENT,         /* read everything, answer nothing */
    NO_READ,        /* accept, then neither read nor write until told to stop */
    HALF_REPLY,     /* read a command, send half a reply, close */
    CLOSE_AT_ONCE,  /* accept and close */
};

struct server {
    int lfd;
    enum behaviour how;
    pthread_t th;
    int port;
    char path[108];
    volatile int stop;
    size_t expect;  /* SLOW_READER: the bytes to read before answering */
};

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

static void *serve(void *arg)
{
    struct server *s = arg;
    int fd = accept(s->lfd, NULL, NULL);
    if (fd < 0)
        return NULL;
    static char buf[65536];
    ssize_t n;
    switch (s->how) {
    case ECHO:
        while ((n = recv(fd, buf, sizeof buf, 0)) > 0)
            if (send(fd, buf, (size_t)n, MSG_NOSIGNAL) != n)
                break;
        break;
    case SLOW_READER: {
        size_t got = 0;
        unsigned long long sum = 0;
        int i = 0;
        while (got < s->expect && (n = recv(fd, buf, 1000, 0)) > 0) {
            for (ssize_t k = 0; k < n; k++)
                sum = sum * 31 + (unsigned char)buf[k];
            got += (size_t)n;
            if (++i % 64 == 0)
                sleep_ms(1);    /* slower than the client: its writes fill the buffers */
        }
        char reply[64];
        int len = snprintf(reply, sizeof reply, "%zu %llu\n", got, sum);
        (void)!send(fd, reply, (size_t)len, MSG_NOSIGNAL);
        while (recv(fd, buf, sizeof buf, 0) > 0)
            ;
        break;
    }
    case SILENT:
        while (!s->stop && recv(fd, buf, sizeof buf, 0) > 0)
            ;
        break;
    case NO_READ:
        while (!s->stop)
            sleep_ms(10);
        break;
    case HALF_REPLY:
        if (recv(fd, buf, sizeof buf, 0) > 0)
            (void)!send(fd, "$10\r\nhel", 8, MSG_NOSIGNAL);
        break;
    case CLOSE_AT_ONCE:
        break;
    }
    close(fd);
    return NULL;
}

/* A server on 127.0.0.1 (family AF_INET), ::1 (AF_INET6) or a unix
 * socket (AF_UNIX), on a port or path of its own. */
static void server_start(struct server *s, int family, enum behaviour how)
{
    memset(s, 0, sizeof *s);
    s->how = how;
    s->lfd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    cr_assert(s->lfd >= 0, "socket: %s", strerror(errno));
    int rc;
    if (family == AF_INET) {
        struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
        rc = bind(s->lfd, (struct sockaddr *)&a, sizeof a);
        socklen_t len = sizeof a;
        getsockname(s->lfd, (struct sockaddr *)&a, &len);
        s->port = ntohs(a.sin_port);
    } else if (family == AF_INET6) {
        struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
        rc = bind(s->lfd, (struct sockaddr *)&a, sizeof a);
        socklen_t len = sizeof a;
        getsockname(s->lfd, (struct sockaddr *)&a, &len);
        s->port = ntohs(a.sin6_port);
    } else {
        struct sockaddr_un a = { .sun_family = AF_UNIX };
        snprintf(s->path, sizeof s->path, "/tmp/bbt-net-%d-%p.sock", (int)getpid(), (void *)s);
        unlink(s->path);
        memcpy(a.sun_path, s->path, strlen(s->path) + 1);
        rc = bind(s->lfd, (struct sockaddr *)&a, sizeof a);
    }
    cr_assert_eq(rc, 0, "bind: %s", strerror(errno));
    if (how == SLOW_READER) {
        int small = 4096;   /* the kernel doubles it; still far below the write */
        setsockopt(s->lfd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    }
    cr_assert_eq(listen(s->lfd, 4), 0, "listen: %s", strerror(errno));
    cr_assert_eq(pthread_create(&s->th, NULL, serve, s), 0);
}

static void server_stop(struct server *s)
{
    s->stop = 1;
    /* wake an accept() that never got its client */
    shutdown(s->lfd, SHUT_RDWR);
    pthread_join(s->th, NULL);
    close(s->lfd);
    if (s->path[0])
        unlink(s->path);
}

static struct redis_endpoint endpoint(const char *host, int port, int io_ms)
{
    return (struct redis_endpoint){ .host = host, .port = port, .connect_timeout_ms = 2000,
                                    .io_timeout_ms = io_ms };
}

static void connect_ok(struct redis_net **c, const struct redis_endpoint *ep)
{
    struct bb_error err = { 0 };
    cr_assert_eq(redis_net_connect(c, ep, &err), 0, "%s", err.msg);
    cr_assert_not_null(*c);
}

/* Write msg and read the same bytes back (an echo server). */
static void round_trip(struct redis_net *c, const char *msg)
{
    struct bb_error err = { 0 };
    size_t n = strlen(msg), got = 0;
    char back[256];
    cr_assert_eq(redis_net_write(c, msg, n, &err), 0, "%s", err.msg);
    while (got < n) {
        ssize_t r = redis_net_read(c, back + got, sizeof back - got, &err);
        cr_assert_gt(r, 0, "%s", err.msg);
        got += (size_t)r;
    }
    cr_assert_eq(got, n);
    cr_assert(memcmp(back, msg, n) == 0);
}

Test(redis_net, connects_over_ipv4_ipv6_a_name_and_a_unix_socket)
{
    struct server s4, s6, su, sn;
    server_start(&s4, AF_INET, ECHO);
    server_start(&s6, AF_INET6, ECHO);
    server_start(&su, AF_UNIX, ECHO);
    server_start(&sn, AF_INET, ECHO);
    struct redis_net *c;
    struct redis_endpoint ep = endpoint("127.0.0.1", s4.port, 2000);
    connect_ok(&c, &ep);
    round_trip(c, "*1\r\n$4\r\nPING\r\n");
    char buf[64];
    cr_assert_null(redis_net_tls_description(c, buf, sizeof buf), "no TLS");
    redis_net_close(c);
    ep = endpoint("::1", s6.port, 2000);
    connect_ok(&c, &ep);
    round_trip(c, "over IPv6");
    redis_net_close(c);
    ep = (struct redis_endpoint){ .path = su.path, .connect_timeout_ms = 2000,
                                  .io_timeout_ms = 2000 };
    connect_ok(&c, &ep);
    round_trip(c, "over a unix socket");
    redis_net_close(c);
    /* "localhost" may be ::1 first: every address is tried in turn */
    ep = endpoint("localhost", sn.port, 2000);
    connect_ok(&c, &ep);
    round_trip(c, "by name");
    redis_net_close(c);
    server_stop(&s4);
    server_stop(&s6);
    server_stop(&su);
    server_stop(&sn);
}

/* A write much larger than the socket buffers, to a server slower than the
 * client: the kernel takes it in pieces (partial sends), and every byte
 * arrives once, in order. */
Test(redis_net, a_large_write_to_a_slow_reader_arrives_whole)
{
    struct server s;
    size_t n = 4u << 20;
    server_start(&s, AF_INET, SLOW_READER);
    s.expect = n;
    char *data = malloc(n);
    cr_assert_not_null(data);
    unsigned long long sum = 0;
    for (size_t i = 0; i < n; i++) {
        data[i] = (char)(i * 7 + i / 4099);
        sum = sum * 31 + (unsigned char)data[i];
    }
    struct redis_net *c;
    struct redis_endpoint ep = endpoint("127.0.0.1", s.port, 30000);
    connect_ok(&c, &ep);
    struct bb_error err = { 0 };
    cr_assert_eq(redis_net_write(c, data, n, &err), 0, "%s", err.msg);
    char reply[64] = "";
    size_t got = 0;
    while (!memchr(reply, '\n', got)) {
        ssize_t r = redis_net_read(c, reply + got, sizeof reply - 1 - got, &err);
        cr_assert_gt(r, 0, "%s", err.msg);
        got += (size_t)r;
    }
    char want[64];
    snprintf(want, sizeof want, "%zu %llu\n", n, sum);
    cr_assert_str_eq(reply, want);
    struct redis_net_stats st;
    redis_net_stats(c, &st);
    cr_assert_eq(st.bytes_out, n);
    cr_assert_geq(st.writes, 1);
    cr_log_info("4 MB to a slow reader: %llu send() calls", st.writes);
    redis_net_close(c);
    server_stop(&s);
    free(data);
}

/* A server that takes the command and never answers: the read gives up
 * after its timeout with a message saying so, never hangs. */
Test(redis_net, a_server_that_never_answers_times_out, .timeout = 30)
{
    struct server s;
    server_start(&s, AF_INET, SILENT);
    struct redis_net *c;
    struct redis_endpoint ep = endpoint("127.0.0.1", s.port, 300);
    connect_ok(&c, &ep);
    struct bb_error err = { 0 };
    cr_assert_eq(redis_net_write(c, "*1\r\n$4\r\nPING\r\n", 14, &err), 0, "%s", err.msg);
    char buf[16];
    cr_assert_eq(redis_net_read(c, buf, sizeof buf, &err), BB_ERR_IO);
    cr_assert_str_eq(err.msg, "no answer within 0.3 s");
    redis_net_close(c);
    server_stop(&s);
}

/* A server that reads nothing: once the buffers are full the write gives
 * up after its timeout. */
Test(redis_net, a_server_that_reads_nothing_times_out_the_write, .timeout = 30)
{
    struct server s;
    server_start(&s, AF_INET, NO_READ);
    struct redis_net *c;
    struct redis_endpoint ep = endpoint("127.0.0.1", s.port, 300);
    connect_ok(&c, &ep);
    size_t n = 64u << 20;
    char *data = calloc(1, n);
    cr_assert_not_null(data);
    struct bb_error err = { 0 };
    cr_assert_eq(redis_net_write(c, data, n, &err), BB_ERR_IO);
    cr_assert_str_eq(err.msg, "the server took nothing within 0.3 s");
    struct redis_net_stats st;
    redis_net_stats(c, &st);
    cr_assert_lt(st.bytes_out, n, "part of it went out, not all");
    redis_net_close(c);
    server_stop(&s);
    free(data);
}

/* Half a reply, then the end of the connection: the reply parser has no
 * reply, and the next read says the server closed the connection. */
Test(redis_net, a_server_closing_in_the_middle_of_a_reply)
{
    struct server s;
    server_start(&s, AF_INET, HALF_REPLY);
    struct redis_net *c;
    struct redis_endpoint ep = endpoint("127.0.0.1", s.port, 5000);
    connect_ok(&c, &ep);
    struct bb_error err = { 0 };
    cr_assert_eq(redis_net_write(c, "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", 20, &err), 0, "%s",
                 err.msg);
    redisReader *rd = redisReaderCreate();
    cr_assert_not_null(rd);
    char buf[64];
    ssize_t r;
    int rc = 0;
    for (;;) {
        r = redis_net_read(c, buf, sizeof buf, &err);
        if (r < 0)
            break;
        redisReaderFeed(rd, buf, (size_t)r);
        void *reply = NULL;
        rc = redisReaderGetReply(rd, &reply);
        cr_assert_null(reply, "half a reply is no reply");
        cr_assert_eq(rc, REDIS_OK);
    }
    cr_assert_eq(r, BB_ERR_IO);
    cr_assert_str_eq(err.msg, "the server closed the connection");
    redisReaderFree(rd);
    redis_net_close(c);
    server_stop(&s);
}

Test(redis_net, connection_refused_and_unknown_hosts_say_why)
{
    struct server s;
    server_start(&s, AF_INET, CLOSE_AT_ONCE);
    int port = s.port;
    server_stop(&s);            /* nothing listens there now */
    struct redis_net *c = (struct redis_net *)&c;
    struct redis_endpoint ep = endpoint("127.0.0.1", port, 1000);
    struct bb_error err = { 0 };
    cr_assert_eq(redis_net_connect(&c, &ep, &err), BB_ERR_IO);
    cr_assert_null(c);
    cr_assert_str_eq(err.msg, "Connection refused");
    bb_error_clear(&err);
    ep = endpoint("no-such-host.invalid", 6379, 1000);
    cr_assert_eq(redis_net_connect(&c, &ep, &err), BB_ERR_IO);
    cr_assert(err.msg[0] && !strchr(err.msg, '\n'), "%s", err.msg);
    bb_error_clear(&err);
    ep = (struct redis_endpoint){ .path = "/nonexistent/redis.sock", .connect_timeout_ms = 1000 };
    cr_assert_eq(redis_net_connect(&c, &ep, &err), BB_ERR_IO);
    cr_assert_str_eq(err.msg, "No such file or directory");
}

/* TLS to servers that are not TLS servers: one that never answers the
 * handshake (a plaintext Redis waiting for the end of a line) times out
 * in the connection's time; one that hangs up says so. Neither hangs. */
Test(redis_net, tls_to_a_server_that_does_not_speak_it_fails_in_time, .timeout = 30)
{
    struct redis_tls_config tc = { .ca_file = test_ca_file("ca.pem") };
    struct redis_tls *tls;
    struct bb_error err = { 0 };
    cr_assert_eq(redis_tls_new(&tls, &tc, &err), 0, "%s", err.msg);

    struct server s;
    server_start(&s, AF_INET, SILENT);
    struct redis_endpoint ep = endpoint("127.0.0.1", s.port, 5000);
    ep.tls = tls;
    ep.connect_timeout_ms = 300;
    struct redis_net *c;
    cr_assert_eq(redis_net_connect(&c, &ep, &err), BB_ERR_IO);
    cr_assert_str_eq(err.msg, "TLS: no answer to the handshake within 0.3 s (no TLS on this "
                     "port? a plaintext port takes redis://)");
    server_stop(&s);

    bb_error_clear(&err);
    server_start(&s, AF_INET, CLOSE_AT_ONCE);
    ep.port = s.port;
    cr_assert_eq(redis_net_connect(&c, &ep, &err), BB_ERR_IO);
    cr_assert(strstr(err.msg, "TLS: ") == err.msg, "%s", err.msg);
    cr_assert(strstr(err.msg, "the server closed the connection during the TLS handshake") ||
              strstr(err.msg, "Connection reset by peer"), "%s", err.msg);
    server_stop(&s);

    bb_error_clear(&err);
    ep = (struct redis_endpoint){ .path = "/tmp/x.sock", .tls = tls, .connect_timeout_ms = 100 };
    cr_assert_eq(redis_net_connect(&c, &ep, &err), BB_ERR_USAGE);
    cr_assert_str_eq(err.msg, "TLS on a unix socket is not supported");
    redis_tls_free(tls);
}

/* The TLS setup's files: each mistake named with its file. */
Test(redis_net, tls_files_that_cannot_be_used_are_named)
{
    struct { struct redis_tls_config c; const char *want; } cases[] = {
        { { .ca_file = "/nonexistent/ca.pem" },
          "TLS: cannot read the CA file /nonexistent/ca.pem: No such file or directory" },
        { { .ca_file = "Makefile" }, "TLS: cannot load the CA certificates of Makefile: " },
        { { .cert_file = "Makefile" }, "TLS: cannot load the client certificate Makefile: " },
        { { .key_file = "Makefile" }, "TLS: a client key (Makefile) without its certificate" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct redis_tls *t = (struct redis_tls *)&t;
        struct bb_error err = { 0 };
        cr_assert_eq(redis_tls_new(&t, &cases[i].c, &err), BB_ERR_USAGE, "case %zu", i);
        cr_assert_null(t);
        cr_expect(strstr(err.msg, cases[i].want) == err.msg, "case %zu: %s", i, err.msg);
    }
    char cert[256], key[256];
    snprintf(cert, sizeof cert, "%s", test_ca_file("client-cert.pem"));
    snprintf(key, sizeof key, "%s", test_ca_file("server-key.pem"));
    struct redis_tls_config c = { .cert_file = cert, .key_file = key };
    struct redis_tls *t;
    struct bb_error err = { 0 };
    cr_assert_eq(redis_tls_new(&t, &c, &err), BB_ERR_USAGE);
    char want[600];
    snprintf(want, sizeof want, "TLS: the key %s is not the key of the client certificate %s",
             key, cert);
    cr_assert_str_eq(err.msg, want);
    snprintf(key, sizeof key, "%s", test_ca_file("client-key.pem"));
    bb_error_clear(&err);
    cr_assert_eq(redis_tls_new(&t, &c, &err), 0, "%s", err.msg);
    redis_tls_free(t);
}
