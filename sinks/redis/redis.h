/* redis.h - the Redis sink's connection URL, exposed for its tests. The
 * sink itself is redis_sink_type (redis_options.c, sinks.c). */
#ifndef BB_SINK_REDIS_H
#define BB_SINK_REDIS_H

#include <stdbool.h>

#include "binbridge.h"

/* A parsed Redis URL (the one URL parser's rules, base/url.h):
 *   redis://[[user][:password]@]host[:port][/db][?db=N]  host may be [ipv6]; port 6379, db 0
 *   rediss://...                                        the same over TLS, and the TLS
 *       parameters tls-ca=FILE, tls-cert=FILE, tls-key=FILE, tls-server-name=NAME,
 *       tls-verify=full|ca|none
 *   unix://[[user][:password]@]/path/to/socket[?db=N]
 * user, password, the socket path and parameter values are percent-decoded.
 * redis:// and rediss:// also take seed=host:port (repeated, or comma
 * separated): more nodes of a Redis Cluster, tried when the URL's host does
 * not answer (a cluster is detected from the node's INFO cluster). */
struct redis_url {
    char *host;         /* TCP; NULL for a unix socket */
    int port;
    char *path;         /* unix socket path; NULL for TCP */
    char *user;         /* NULL: the default user */
    char *password;     /* NULL: none in the URL */
    int db;
    bool tls;           /* rediss:// */
    /* The TLS parameters given in the URL; NULL (tls_verify -1): not given. */
    char *tls_ca, *tls_cert, *tls_key, *tls_server_name;
    int tls_verify;     /* enum redis_tls_verify, -1: not given */
    /* seed=host:port: more Redis Cluster nodes (hosts without brackets) */
    char **seed_hosts;
    int *seed_ports;
    size_t nseeds;
};

/* "full", "ca", "none" as enum redis_tls_verify; -1 for anything else. */
int redis_tls_verify_parse(const char *s);

/* Parse url into u (caller destroys it with redis_url_destroy, also after
 * a failure). Returns 0 or BB_ERR_USAGE with a one-line reason that never
 * shows the password (without a prefix: the option's check says
 * "redis.url: ", the sink "Redis URL: "). */
int redis_url_parse(struct redis_url *u, const char *url, struct bb_error *err);
void redis_url_destroy(struct redis_url *u);

#endif
