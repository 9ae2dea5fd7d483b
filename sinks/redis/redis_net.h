/* redis_net.h - the byte stream to one Redis server: TCP (IPv4 or IPv6),
 * a unix socket, or TLS over TCP (OpenSSL), with timeouts. It knows
 * nothing of RESP: the sink renders commands (resp.h) and parses replies
 * with hiredis's redisReader from the bytes read here.
 *
 * One struct redis_net is one connection; a struct redis_tls is the TLS
 * setup (CA, client certificate, how much is verified) shared by every
 * connection made with it: the sink's one connection today, one per node
 * of a cluster later.
 *
 * Errors fill struct bb_error with BB_ERR_IO (or BB_ERR_NOMEM, or
 * BB_ERR_USAGE for a TLS setup that cannot be used) and a reason that does
 * not name the server: the caller knows it and prefixes it ("cannot
 * connect to Redis at db:6380: ..."). Reasons are one line and say what
 * to check: "the server's certificate expired on ...", "the server's
 * certificate does not name db.example (it names DNS:localhost)", "no
 * TLS on this port (a plaintext port? use redis://)". */
#ifndef BB_REDIS_NET_H
#define BB_REDIS_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct bb_error;

/* How much of the server's certificate is checked. */
enum redis_tls_verify {
    REDIS_TLS_VERIFY_FULL = 0,  /* its chain up to a trusted CA, and its name: the host's */
    REDIS_TLS_VERIFY_CA,        /* its chain only */
    REDIS_TLS_VERIFY_NONE,      /* nothing: encryption without authentication */
};

struct redis_tls_config {
    const char *ca_file;        /* PEM CA certificates; NULL: the system's store */
    const char *cert_file;      /* PEM client certificate (and chain); NULL: none */
    const char *key_file;       /* its key; NULL: cert_file holds it */
    enum redis_tls_verify verify;
};

struct redis_tls;

/* Load a TLS setup: the CA file (or the system store) and the client
 * certificate with its key, checked against each other. *out is NULL
 * after a failure; free with redis_tls_free (NULL is a no-op). A file that
 * cannot be read or used is BB_ERR_USAGE naming the file and why. */
int redis_tls_new(struct redis_tls **out, const struct redis_tls_config *c, struct bb_error *err);
void redis_tls_free(struct redis_tls *t);
/* "full", "ca" or "none": how much this setup verifies. */
const char *redis_tls_verify_name(const struct redis_tls *t);

/* Where to connect and how. */
struct redis_endpoint {
    const char *host;           /* TCP: a name, an IPv4 or an IPv6 address (no brackets) */
    int port;
    const char *path;           /* a unix socket instead (host NULL) */
    struct redis_tls *tls;      /* NULL: plaintext; else TLS (TCP only) */
    const char *server_name;    /* TLS: the name sent (SNI) and checked; NULL: host */
    int connect_timeout_ms;     /* the connection and the TLS handshake, each */
    int io_timeout_ms;          /* each read or write that waits; 0: none */
};

struct redis_net;

/* Connect (every address of the host in turn, until one answers), then
 * the TLS handshake and its checks. *out is NULL after a failure; close
 * with redis_net_close. */
int redis_net_connect(struct redis_net **out, const struct redis_endpoint *ep,
                      struct bb_error *err);

/* Write all of p[0..n): as few system calls as the kernel allows (one for
 * a batch that fits in the socket buffer). Fails when a write waits
 * longer than io_timeout_ms or the connection is lost. */
int redis_net_write(struct redis_net *c, const void *p, size_t n, struct bb_error *err);

/* Read what has arrived, at most size bytes, waiting up to io_timeout_ms
 * for the first: the count (> 0), or a negative code: the server closed
 * the connection, a timeout, a TLS failure. */
ssize_t redis_net_read(struct redis_net *c, void *buf, size_t size, struct bb_error *err);

/* "TLSv1.3 TLS_AES_256_GCM_SHA384" for a TLS connection, NULL for a plain one. */
const char *redis_net_tls_description(const struct redis_net *c, char *buf, size_t size);

/* Bytes written and read since the connection was made, and the system
 * calls that moved them (send/recv or their TLS equivalents): for the
 * tests and the benchmark. */
struct redis_net_stats {
    unsigned long long bytes_out, bytes_in, writes, reads;
};
void redis_net_stats(const struct redis_net *c, struct redis_net_stats *out);

/* Close (a TLS connection says close_notify first, without waiting). NULL
 * is a no-op. */
void redis_net_close(struct redis_net *c);

#endif
