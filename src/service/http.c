/* http.c - /metrics and /health over libmicrohttpd (http.h). */
#include "service/http.h"

#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/hostport.h"
#include "base/log.h"

struct http_server {
    struct MHD_Daemon *daemon;
    struct metrics *metrics;
};

/* libmicrohttpd's own messages (a malformed request, a refused
 * connection): for whoever debugs, through our log. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    if (BB_LOG_DEBUG < bb_log_threshold)
        return;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    log_debug("http: %s", msg);
}

/* Queue a response that takes over text (malloc'd, len bytes). */
static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *type,
                             char *text, size_t len)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(text);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result reply_text(struct MHD_Connection *c, unsigned status, const char *text)
{
    char *copy = strdup(text);
    if (!copy)
        return MHD_NO;
    return reply(c, status, "text/plain; charset=utf-8", copy, strlen(copy));
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    (void)upload_data;
    (void)con_cls;
    struct http_server *s = cls;
    /* A body is not read: the answer does not depend on it. */
    *upload_data_size = 0;
    if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
        return reply_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD\n");
    if (strcmp(url, "/metrics") == 0) {
        struct bb_buf b;
        bb_buf_init(&b);
        metrics_render(s->metrics, &b);
        if (b.oom || !b.data) {
            bb_buf_destroy(&b);
            return reply_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory\n");
        }
        return reply(c, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", b.data, b.len);
    }
    if (strcmp(url, "/health") == 0) {
        char reason[BB_ERROR_MSG_MAX + 64];
        bool ok = metrics_healthy(s->metrics, reason, sizeof reason - 1);
        size_t n = strlen(reason);
        reason[n] = '\n';
        reason[n + 1] = '\0';
        return reply_text(c, ok ? MHD_HTTP_OK : MHD_HTTP_SERVICE_UNAVAILABLE, reason);
    }
    if (strcmp(url, "/") == 0)
        return reply_text(c, MHD_HTTP_OK, "binbridge: /metrics (Prometheus), /health\n");
    return reply_text(c, MHD_HTTP_NOT_FOUND, "not found: try /metrics or /health\n");
}

/* A listening socket on addr, or -1 with the reason in err. Made here,
 * not by libmicrohttpd, so that a bad address or a port in use is a
 * clear error at startup. */
static int listen_on(const char *addr, int *family, struct bb_error *err)
{
    char host[256], why[128], port[8];
    unsigned p;
    if (!hostport_split(addr, host, sizeof host, &p, why, sizeof why)) {
        bb_error_set(err, BB_ERR_USAGE, "HTTP listener '%s': %s", addr, why);
        return -1;
    }
    snprintf(port, sizeof port, "%u", p);
    struct addrinfo hints, *res;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    int g = getaddrinfo(host[0] ? host : NULL, port, &hints, &res);
    if (g != 0) {
        bb_error_set(err, BB_ERR_USAGE, "HTTP listener %s: cannot resolve '%s': %s", addr, host,
                     gai_strerror(g));
        return -1;
    }
    int fd = -1, e = 0;
    for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            e = errno;
            continue;
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, a->ai_addr, a->ai_addrlen) < 0 || listen(fd, 64) < 0) {
            e = errno;
            close(fd);
            fd = -1;
            continue;
        }
        *family = a->ai_family;
    }
    freeaddrinfo(res);
    if (fd < 0)
        bb_error_set(err, BB_ERR_USAGE, "HTTP listener %s: cannot listen there: %s", addr,
                     strerror(e));
    return fd;
}

int http_server_start(struct http_server **out, const char *addr, struct metrics *m,
                      struct bb_error *err)
{
    *out = NULL;
    struct http_server *s = calloc(1, sizeof *s);
    if (!s)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    s->metrics = m;
    int family = AF_INET;
    int fd = listen_on(addr, &family, err);
    if (fd < 0) {
        free(s);
        return err->code;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    if (family == AF_INET6)
        flags |= MHD_USE_IPv6;
    s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
                                 MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
                                 MHD_OPTION_CONNECTION_LIMIT, (unsigned)HTTP_MAX_CONNECTIONS,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)HTTP_TIMEOUT_SECONDS,
                                 MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16384,
                                 MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
                                 MHD_OPTION_END);
    if (!s->daemon) {
        close(fd);
        free(s);
        return bb_error_set(err, BB_ERR_IO, "HTTP listener %s: libmicrohttpd could not start",
                            addr);
    }
    *out = s;
    return 0;
}

void http_server_stop(struct http_server *s)
{
    if (!s)
        return;
    MHD_stop_daemon(s->daemon);
    free(s);
}
