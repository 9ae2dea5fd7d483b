/* http.h - the HTTP listener of `binbridge run` (--http ADDR, or
 * http.listen in the file): GET /metrics, the bridge's metrics in the
 * Prometheus text format, and GET /health, 200 "ok" or 503 and the reason
 * in one line (bridge/metrics.h).
 *
 * It runs on libmicrohttpd's own thread, apart from the replication loop,
 * which it only reads from (the metrics are made for that): a slow client,
 * a flood of connections or a malformed request costs that thread, never
 * replication. Connections are limited (HTTP_MAX_CONNECTIONS; more are
 * closed at once) and each is dropped after HTTP_TIMEOUT_SECONDS idle. */
#ifndef BB_HTTP_H
#define BB_HTTP_H

#include "binbridge.h"
#include "bridge/metrics.h"

#define HTTP_MAX_CONNECTIONS 32
#define HTTP_TIMEOUT_SECONDS 5

struct http_server;

/* Listen on addr ("host:port", "[::1]:port", ":port" for every address)
 * and serve m. Returns 0 with *out set, or BB_ERR_USAGE with a one-line
 * reason when addr is malformed or cannot be listened on (a port in use),
 * or another negative error. */
int http_server_start(struct http_server **out, const char *addr, struct metrics *m,
                      struct bb_error *err);

/* Stop serving and free; NULL is a no-op. */
void http_server_stop(struct http_server *s);

#endif
