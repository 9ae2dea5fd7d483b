/* redis_net.c - the byte stream to one Redis server (redis_net.h).
 *
 * Sockets are connected non-blocking (so that the connection's timeout
 * holds), then made blocking with SO_RCVTIMEO/SO_SNDTIMEO as each read
 * or write's timeout: a batch is one send() when it fits in the socket
 * buffer, its replies one recv() when they have arrived, as with no
 * timeout at all.
 *
 * TLS is OpenSSL's, over a BIO of our own on the socket (bio_*): it sends
 * with MSG_NOSIGNAL (a server gone while we write is an error, not a
 * SIGPIPE, whatever the process does with that signal), remembers the
 * errno and the end of the stream for the messages, and counts the system
 * calls. The server's certificate is checked by OpenSSL (chain, dates,
 * X509_VERIFY_PARAM_set1_host or _ip_asc for the name); a verify callback
 * only notes the first failure and the certificate it concerns, so the
 * message can say what is wrong with which certificate. */
#include "sinks/redis/redis_net.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "base/error.h"

struct redis_tls {
    SSL_CTX *ctx;
    enum redis_tls_verify verify;
    bool has_cert;
    char ca[300];               /* for messages: the CA file, or "the system's CA store" */
};

/* What the verify callback saw first: the error and the certificate. */
struct verify_note {
    int error;                  /* X509_V_OK: none */
    int depth;
    char subject[160];          /* of the certificate that failed */
    char leaf[160];             /* of the server's own certificate */
    char not_before[40], not_after[40];
    char names[200];            /* the leaf's subjectAltName entries */
};

struct redis_net {
    int fd;
    SSL *ssl;
    BIO *bio;
    int io_timeout_ms;
    bool tls_has_cert;
    bool cert_requested;        /* the server asked for a client certificate */
    bool got_data;              /* something was read after the handshake */
    enum redis_tls_verify verify;
    const char *ca;             /* the redis_tls's, valid while the connection is used */
    char name[256];             /* TLS: the name checked */
    /* what the BIO saw in the last operation */
    int sys_errno;
    bool eof;
    struct verify_note vn;
    struct redis_net_stats st;
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* "5 s", "0.3 s" */
static const char *seconds_text(int ms, char *buf, size_t size)
{
    if (ms % 1000 == 0)
        snprintf(buf, size, "%d s", ms / 1000);
    else
        snprintf(buf, size, "%.1f s", ms / 1000.0);
    return buf;
}

static int set_timeouts(int fd, int ms)
{
    struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
    if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) < 0)
        return -1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* TLS setup                                                           */

/* No prompt for the pass phrase of an encrypted key: binbridge runs
 * unattended. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
    (void)buf; (void)size; (void)rwflag; (void)u;
    return -1;
}

/* The reason of the first error OpenSSL queued, or what. */
static const char *ssl_queue_reason(char *buf, size_t size, const char *what)
{
    unsigned long e = ERR_get_error();
    const char *r = e ? ERR_reason_error_string(e) : NULL;
    snprintf(buf, size, "%s", r ? r : what);
    ERR_clear_error();
    return buf;
}

static int verify_cb(int ok, X509_STORE_CTX *ctx);
static int ssl_index = -1;
static pthread_once_t ssl_index_once = PTHREAD_ONCE_INIT;

static void make_ssl_index(void)
{
    ssl_index = SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}

/* The server asked for a client certificate and none is set: noted, so
 * that the failure that follows (TLS 1.3 says so only after the
 * handshake) can say why. */
static int no_client_cert(SSL *ssl, X509 **x509, EVP_PKEY **pkey)
{
    (void)x509; (void)pkey;
    struct redis_net *c = SSL_get_ex_data(ssl, ssl_index);
    if (c)
        c->cert_requested = true;
    return 0;
}

static bool readable(const char *path, const char *what, struct bb_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        bb_error_set(err, BB_ERR_USAGE, "TLS: cannot read the %s %s: %s", what, path,
                     strerror(errno));
        return false;
    }
    fclose(f);
    return true;
}

int redis_tls_new(struct redis_tls **out, const struct redis_tls_config *c, struct bb_error *err)
{
    *out = NULL;
    if ((c->ca_file && !readable(c->ca_file, "CA file", err)) ||
        (c->cert_file && !readable(c->cert_file, "client certificate", err)) ||
        (c->key_file && !readable(c->key_file, "client key", err)))
        return err->code;
    pthread_once(&ssl_index_once, make_ssl_index);
    if (ssl_index < 0)
        return bb_error_set(err, BB_ERR_NOMEM, "TLS: cannot set up OpenSSL");
    struct redis_tls *t = calloc(1, sizeof *t);
    if (!t || !(t->ctx = SSL_CTX_new(TLS_client_method()))) {
        free(t);
        return bb_error_set(err, BB_ERR_NOMEM, "TLS: out of memory");
    }
    t->verify = c->verify;
    char why[200];
    ERR_clear_error();
    SSL_CTX_set_min_proto_version(t->ctx, TLS1_2_VERSION);
    /* Read whole records and what follows them at once: one recv() for
     * several replies' records, not two per record. */
    SSL_CTX_set_read_ahead(t->ctx, 1);
    SSL_CTX_set_mode(t->ctx, SSL_MODE_AUTO_RETRY);
    SSL_CTX_set_default_passwd_cb(t->ctx, no_passphrase);
    if (c->ca_file) {
        snprintf(t->ca, sizeof t->ca, "tls-ca %s", c->ca_file);
        if (SSL_CTX_load_verify_locations(t->ctx, c->ca_file, NULL) != 1) {
            bb_error_set(err, BB_ERR_USAGE, "TLS: cannot load the CA certificates of %s: %s",
                         c->ca_file, ssl_queue_reason(why, sizeof why, "not PEM certificates"));
            goto fail;
        }
    } else {
        snprintf(t->ca, sizeof t->ca, "the system's CA store");
        if (SSL_CTX_set_default_verify_paths(t->ctx) != 1) {
            bb_error_set(err, BB_ERR_USAGE, "TLS: cannot load the system's CA store: %s",
                         ssl_queue_reason(why, sizeof why, "unknown error"));
            goto fail;
        }
    }
    if (c->cert_file) {
        const char *key = c->key_file ? c->key_file : c->cert_file;
        if (SSL_CTX_use_certificate_chain_file(t->ctx, c->cert_file) != 1) {
            bb_error_set(err, BB_ERR_USAGE, "TLS: cannot load the client certificate %s: %s",
                         c->cert_file, ssl_queue_reason(why, sizeof why, "not a PEM certificate"));
            goto fail;
        }
        if (SSL_CTX_use_PrivateKey_file(t->ctx, key, SSL_FILETYPE_PEM) != 1) {
            if (ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH)
                bb_error_set(err, BB_ERR_USAGE, "TLS: the key %s is not the key of the client "
                             "certificate %s", key, c->cert_file);
            else
                bb_error_set(err, BB_ERR_USAGE, "TLS: cannot load the client key %s: %s (an "
                             "unencrypted PEM key is needed)", key,
                             ssl_queue_reason(why, sizeof why, "not a PEM key"));
            goto fail;
        }
        if (SSL_CTX_check_private_key(t->ctx) != 1) {
            bb_error_set(err, BB_ERR_USAGE, "TLS: the key %s is not the key of the client "
                         "certificate %s", key, c->cert_file);
            goto fail;
        }
        t->has_cert = true;
    } else if (c->key_file) {
        bb_error_set(err, BB_ERR_USAGE, "TLS: a client key (%s) without its certificate",
                     c->key_file);
        goto fail;
    } else {
        SSL_CTX_set_client_cert_cb(t->ctx, no_client_cert);
    }
    SSL_CTX_set_verify(t->ctx, c->verify == REDIS_TLS_VERIFY_NONE ? SSL_VERIFY_NONE
                                                                  : SSL_VERIFY_PEER, verify_cb);
    *out = t;
    return 0;
fail:
    ERR_clear_error();
    redis_tls_free(t);
    return err->code;
}

const char *redis_tls_verify_name(const struct redis_tls *t)
{
    static const char *const names[] = { "full", "ca", "none" };
    return names[t->verify];
}

void redis_tls_free(struct redis_tls *t)
{
    if (!t)
        return;
    SSL_CTX_free(t->ctx);
    free(t);
}

/* ------------------------------------------------------------------ */
/* The certificate check's notes                                       */

static void asn1_time_text(const ASN1_TIME *tm, char *buf, size_t size)
{
    buf[0] = '\0';
    BIO *m = BIO_new(BIO_s_mem());
    if (!m)
        return;
    if (tm && ASN1_TIME_print(m, tm) == 1) {
        int n = BIO_read(m, buf, (int)size - 1);
        buf[n > 0 ? n : 0] = '\0';
    }
    BIO_free(m);
}

/* "DNS:a, IP:127.0.0.1" of a certificate's subjectAltName. */
static void alt_names(X509 *cert, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    GENERAL_NAMES *names = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names) && n + 8 < size; i++) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(names, i);
        char one[INET6_ADDRSTRLEN + 8] = "";
        if (g->type == GEN_DNS) {
            const unsigned char *s = ASN1_STRING_get0_data(g->d.dNSName);
            int len = ASN1_STRING_length(g->d.dNSName);
            snprintf(one, sizeof one, "DNS:%.*s", len > 60 ? 60 : len, (const char *)s);
        } else if (g->type == GEN_IPADD) {
            const unsigned char *s = ASN1_STRING_get0_data(g->d.iPAddress);
            int len = ASN1_STRING_length(g->d.iPAddress);
            char ip[INET6_ADDRSTRLEN] = "?";
            if (len == 4 || len == 16)
                inet_ntop(len == 4 ? AF_INET : AF_INET6, s, ip, sizeof ip);
            snprintf(one, sizeof one, "IP:%s", ip);
        } else {
            continue;
        }
        n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", one);
    }
    GENERAL_NAMES_free(names);
}

static int verify_cb(int ok, X509_STORE_CTX *ctx)
{
    SSL *ssl = X509_STORE_CTX_get_ex_data(ctx, SSL_get_ex_data_X509_STORE_CTX_idx());
    struct redis_net *c = ssl ? SSL_get_ex_data(ssl, ssl_index) : NULL;
    if (ok || !c || c->vn.error != X509_V_OK || c->verify == REDIS_TLS_VERIFY_NONE)
        return ok;
    struct verify_note *v = &c->vn;
    v->error = X509_STORE_CTX_get_error(ctx);
    v->depth = X509_STORE_CTX_get_error_depth(ctx);
    X509 *cert = X509_STORE_CTX_get_current_cert(ctx), *leaf = X509_STORE_CTX_get0_cert(ctx);
    if (cert) {
        X509_NAME_oneline(X509_get_subject_name(cert), v->subject, sizeof v->subject);
        asn1_time_text(X509_get0_notBefore(cert), v->not_before, sizeof v->not_before);
        asn1_time_text(X509_get0_notAfter(cert), v->not_after, sizeof v->not_after);
    }
    if (leaf) {
        X509_NAME_oneline(X509_get_subject_name(leaf), v->leaf, sizeof v->leaf);
        alt_names(leaf, v->names, sizeof v->names);
    }
    return ok;
}

/* Why the certificate check failed, from the callback's note. */
static void verify_reason(const struct redis_net *c, char *buf, size_t size)
{
    const struct verify_note *v = &c->vn;
    const char *which = v->depth == 0 ? "the server's certificate" : "a CA certificate of the "
                                                                     "server's chain";
    switch (v->error) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
        snprintf(buf, size, "%s (%s) expired on %s", which, v->subject, v->not_after);
        return;
    case X509_V_ERR_CERT_NOT_YET_VALID:
        snprintf(buf, size, "%s (%s) is not valid before %s", which, v->subject, v->not_before);
        return;
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
        snprintf(buf, size, "the server's certificate does not name %s (it names %s; "
                 "tls-server-name sets the name checked)", c->name,
                 v->names[0] ? v->names : v->leaf);
        return;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        snprintf(buf, size, "the server's certificate (%s) is not signed by a CA of %s (%s%s%s)",
                 v->leaf, c->ca, X509_verify_cert_error_string(v->error),
                 v->depth > 0 ? ": " : "", v->depth > 0 ? v->subject : "");
        return;
    default:
        snprintf(buf, size, "%s (%s) failed verification: %s", which, v->subject,
                 X509_verify_cert_error_string(v->error));
    }
}

/* Why a TLS operation failed: the certificate check, the server's alert,
 * a server that does not speak TLS, the connection's end or errno. ret is
 * the operation's return, doing "the TLS handshake" or "reading" ... */
static int tls_error(struct redis_net *c, int ret, bool handshake, struct bb_error *err)
{
    int e = SSL_get_error(c->ssl, ret);
    unsigned long q = ERR_get_error();
    int reason = q ? ERR_GET_REASON(q) : 0;
    char why[600], t[16];
    ERR_clear_error();
    if (c->vn.error != X509_V_OK) {
        verify_reason(c, why, sizeof why);
    } else if (c->cert_requested && !c->tls_has_cert && !c->got_data) {
        /* TLS 1.3: the server's alert comes after the handshake, often
         * as a reset the alert is lost in. */
        snprintf(why, sizeof why, "the server requires a client certificate: set tls-cert and "
                 "tls-key (%s)", reason ? ERR_reason_error_string(q)
                                        : c->eof ? "it closed the connection"
                                        : c->sys_errno ? strerror(c->sys_errno) : "refused");
    } else if (e == SSL_ERROR_ZERO_RETURN || c->eof || reason == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
        snprintf(why, sizeof why, "the server closed the connection%s",
                 handshake ? " during the TLS handshake" : "");
    } else if (c->sys_errno == EAGAIN || c->sys_errno == EWOULDBLOCK) {
        if (handshake)
            snprintf(why, sizeof why, "no answer to the handshake within %s (no TLS on this "
                     "port? a plaintext port takes redis://)",
                     seconds_text(c->io_timeout_ms, t, sizeof t));
        else
            snprintf(why, sizeof why, "no answer within %s",
                     seconds_text(c->io_timeout_ms, t, sizeof t));
    } else if (c->sys_errno) {
        snprintf(why, sizeof why, "%s", strerror(c->sys_errno));
    } else if (reason == SSL_R_WRONG_VERSION_NUMBER || reason == SSL_R_PACKET_LENGTH_TOO_LONG ||
               reason == SSL_R_UNKNOWN_PROTOCOL) {
        snprintf(why, sizeof why, "the server does not speak TLS on this port (%s; a plaintext "
                 "port takes redis://)", ERR_reason_error_string(q));
    } else if (reason == SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED ||
               (!c->tls_has_cert && reason == SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE)) {
        snprintf(why, sizeof why, "the server requires a client certificate (%s): %s",
                 ERR_reason_error_string(q), c->tls_has_cert ? "it refused binbridge's"
                                                             : "set tls-cert and tls-key");
    } else if (reason == SSL_R_TLSV1_ALERT_UNKNOWN_CA || reason == SSL_R_SSLV3_ALERT_BAD_CERTIFICATE ||
               reason == SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED ||
               reason == SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN) {
        snprintf(why, sizeof why, "the server refused binbridge's client certificate (%s)",
                 ERR_reason_error_string(q));
    } else {
        const char *r = q ? ERR_reason_error_string(q) : NULL;
        snprintf(why, sizeof why, "%s", r ? r : "TLS error");
    }
    return bb_error_set(err, BB_ERR_IO, "TLS: %s", why);
}

/* ------------------------------------------------------------------ */
/* Our BIO: send/recv on the socket                                    */

static BIO_METHOD *bio_method;
static pthread_once_t bio_once = PTHREAD_ONCE_INIT;

static int bio_write(BIO *b, const char *data, size_t n, size_t *written)
{
    struct redis_net *c = BIO_get_data(b);
    BIO_clear_retry_flags(b);
    for (;;) {
        ssize_t w = send(c->fd, data, n, MSG_NOSIGNAL);
        if (w >= 0) {
            c->st.writes++;
            c->st.bytes_out += (size_t)w;
            *written = (size_t)w;
            return 1;
        }
        if (errno != EINTR) {
            c->sys_errno = errno;
            return 0;
        }
    }
}

static int bio_read(BIO *b, char *data, size_t n, size_t *got)
{
    struct redis_net *c = BIO_get_data(b);
    BIO_clear_retry_flags(b);
    for (;;) {
        ssize_t r = recv(c->fd, data, n, 0);
        if (r > 0) {
            c->st.reads++;
            c->st.bytes_in += (size_t)r;
            *got = (size_t)r;
            return 1;
        }
        if (r == 0) {
            c->eof = true;
            return 0;
        }
        if (errno != EINTR) {
            c->sys_errno = errno;
            return 0;
        }
    }
}

static long bio_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    (void)b; (void)num; (void)ptr;
    return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

static void make_bio_method(void)
{
    BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "binbridge socket");
    if (m && (!BIO_meth_set_write_ex(m, bio_write) || !BIO_meth_set_read_ex(m, bio_read) ||
              !BIO_meth_set_ctrl(m, bio_ctrl))) {
        BIO_meth_free(m);
        m = NULL;
    }
    bio_method = m;
}

/* ------------------------------------------------------------------ */
/* Connecting                                                          */

/* Connect fd to addr within the time left until deadline (ms, CLOCK_MONOTONIC). */
static int connect_within(int fd, const struct sockaddr *addr, socklen_t len, double deadline)
{
    if (connect(fd, addr, len) == 0)
        return 0;
    if (errno != EINPROGRESS && errno != EAGAIN && errno != EINTR)
        return -1;
    for (;;) {
        double left = deadline - now_ms();
        if (left <= 0) {
            errno = ETIMEDOUT;
            return -1;
        }
        struct pollfd p = { .fd = fd, .events = POLLOUT };
        int r = poll(&p, 1, (int)left + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            continue;
        int soerr = 0;
        socklen_t sl = sizeof soerr;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) < 0)
            return -1;
        if (soerr) {
            errno = soerr;
            return -1;
        }
        return 0;
    }
}

/* The socket, connected and blocking; -1 with errno (or *gai an EAI_ code). */
static int open_socket(const struct redis_endpoint *ep, int *gai)
{
    double deadline = now_ms() + ep->connect_timeout_ms;
    *gai = 0;
    if (ep->path) {
        struct sockaddr_un a = { .sun_family = AF_UNIX };
        size_t len = strlen(ep->path);
        if (len >= sizeof a.sun_path) {
            errno = ENAMETOOLONG;
            return -1;
        }
        memcpy(a.sun_path, ep->path, len + 1);
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0)
            return -1;
        if (connect_within(fd, (struct sockaddr *)&a, sizeof a, deadline) < 0) {
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        return fd;
    }
    char port[16];
    snprintf(port, sizeof port, "%d", ep->port);
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_NUMERICSERV }, *res = NULL;
    int rc = getaddrinfo(ep->host, port, &hints, &res);
    if (rc != 0) {
        *gai = rc;
        return -1;
    }
    int fd = -1, e = ECONNREFUSED;
    for (struct addrinfo *a = res; a; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (fd < 0) {
            e = errno;
            continue;
        }
        if (connect_within(fd, a->ai_addr, a->ai_addrlen, deadline) == 0)
            break;
        e = errno;
        close(fd);
        fd = -1;
        if (e == ETIMEDOUT)
            break;      /* the time is spent */
    }
    freeaddrinfo(res);
    if (fd < 0) {
        errno = e;
        return -1;
    }
    int one = 1;
    /* Commands go out whole, each batch in one write: no Nagle delay. A
     * dead peer is noticed sooner with keepalives; neither is essential. */
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    (void)setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
    return fd;
}

static bool is_ip_address(const char *s)
{
    unsigned char b[16];
    return inet_pton(AF_INET, s, b) == 1 || inet_pton(AF_INET6, s, b) == 1;
}

static int tls_start(struct redis_net *c, const struct redis_endpoint *ep, struct bb_error *err)
{
    struct redis_tls *t = ep->tls;
    pthread_once(&bio_once, make_bio_method);
    const char *name = ep->server_name ? ep->server_name : ep->host;
    snprintf(c->name, sizeof c->name, "%s", name);
    c->tls_has_cert = t->has_cert;
    c->verify = t->verify;
    c->ca = t->ca;
    c->vn.error = X509_V_OK;
    ERR_clear_error();
    if (!bio_method || !(c->ssl = SSL_new(t->ctx)) || !(c->bio = BIO_new(bio_method)))
        return bb_error_set(err, BB_ERR_NOMEM, "TLS: out of memory");
    BIO_set_data(c->bio, c);
    BIO_set_init(c->bio, 1);
    /* The same BIO both ways: SSL_set_bio takes the one reference
     * (OpenSSL's rule for rbio == wbio), and SSL_free frees it. */
    SSL_set_bio(c->ssl, c->bio, c->bio);
    SSL_set_ex_data(c->ssl, ssl_index, c);
    bool ip = is_ip_address(name);
    /* SNI carries host names only (RFC 6066), never an address. */
    if (!ip && SSL_set_tlsext_host_name(c->ssl, name) != 1)
        return bb_error_set(err, BB_ERR_USAGE, "TLS: \"%s\" cannot be sent as a server name",
                            name);
    if (t->verify == REDIS_TLS_VERIFY_FULL) {
        X509_VERIFY_PARAM *vp = SSL_get0_param(c->ssl);
        X509_VERIFY_PARAM_set_hostflags(vp, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        int ok = ip ? X509_VERIFY_PARAM_set1_ip_asc(vp, name)
                    : X509_VERIFY_PARAM_set1_host(vp, name, 0);
        if (ok != 1)
            return bb_error_set(err, BB_ERR_USAGE, "TLS: \"%s\" cannot be checked against a "
                                "certificate", name);
    }
    /* The handshake has the connection's time; reads and writes after it
     * their own. */
    c->io_timeout_ms = ep->connect_timeout_ms;
    if (set_timeouts(c->fd, ep->connect_timeout_ms) < 0)
        return bb_error_set(err, BB_ERR_IO, "setting the socket's timeouts: %s", strerror(errno));
    c->sys_errno = 0;
    c->eof = false;
    int r = SSL_connect(c->ssl);
    if (r != 1)
        return tls_error(c, r, true, err);
    return 0;
}

int redis_net_connect(struct redis_net **out, const struct redis_endpoint *ep,
                      struct bb_error *err)
{
    *out = NULL;
    if (ep->tls && ep->path)
        return bb_error_set(err, BB_ERR_USAGE, "TLS on a unix socket is not supported");
    struct redis_net *c = calloc(1, sizeof *c);
    if (!c)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    int gai;
    c->fd = open_socket(ep, &gai);
    if (c->fd < 0) {
        char t[16];
        if (gai)
            bb_error_set(err, BB_ERR_IO, "%s", gai == EAI_SYSTEM ? strerror(errno)
                                                                  : gai_strerror(gai));
        else if (errno == ETIMEDOUT)
            bb_error_set(err, BB_ERR_IO, "no connection within %s",
                         seconds_text(ep->connect_timeout_ms, t, sizeof t));
        else
            bb_error_set(err, BB_ERR_IO, "%s", strerror(errno));
        free(c);
        return BB_ERR_IO;
    }
    int fl = fcntl(c->fd, F_GETFL);
    if (fl < 0 || fcntl(c->fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
        bb_error_set(err, BB_ERR_IO, "making the socket blocking: %s", strerror(errno));
        goto fail;
    }
    if (ep->tls && tls_start(c, ep, err) < 0)
        goto fail;
    c->io_timeout_ms = ep->io_timeout_ms;
    if (set_timeouts(c->fd, ep->io_timeout_ms) < 0) {
        bb_error_set(err, BB_ERR_IO, "setting the socket's timeouts: %s", strerror(errno));
        goto fail;
    }
    *out = c;
    return 0;
fail:
    redis_net_close(c);
    return err->code;
}

/* ------------------------------------------------------------------ */
/* Reading and writing                                                 */

static int sys_error(const struct redis_net *c, int e, const char *doing, struct bb_error *err)
{
    char t[16];
    if (e == EAGAIN || e == EWOULDBLOCK)
        return bb_error_set(err, BB_ERR_IO, "%s within %s", doing,
                            seconds_text(c->io_timeout_ms, t, sizeof t));
    return bb_error_set(err, BB_ERR_IO, "%s", strerror(e));
}

int redis_net_write(struct redis_net *c, const void *p, size_t n, struct bb_error *err)
{
    const char *s = p;
    if (c->ssl) {
        while (n) {
            /* SSL_write_ex writes everything on a blocking socket; it is
             * given at most 1 GB at a time all the same. */
            size_t chunk = n > (1u << 30) ? (1u << 30) : n, w = 0;
            c->sys_errno = 0;
            c->eof = false;
            ERR_clear_error();
            int r = SSL_write_ex(c->ssl, s, chunk, &w);
            if (r != 1) {
                if (c->sys_errno == EAGAIN || c->sys_errno == EWOULDBLOCK)
                    return sys_error(c, c->sys_errno, "the server took nothing", err);
                return tls_error(c, r, false, err);
            }
            s += w;
            n -= w;
        }
        return 0;
    }
    while (n) {
        ssize_t w = send(c->fd, s, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return sys_error(c, errno, "the server took nothing", err);
        }
        c->st.writes++;
        c->st.bytes_out += (size_t)w;
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

ssize_t redis_net_read(struct redis_net *c, void *buf, size_t size, struct bb_error *err)
{
    if (c->ssl) {
        size_t got = 0;
        c->sys_errno = 0;
        c->eof = false;
        ERR_clear_error();
        int r = SSL_read_ex(c->ssl, buf, size > INT_MAX ? INT_MAX : size, &got);
        if (r == 1) {
            c->got_data = true;
            return (ssize_t)got;
        }
        return tls_error(c, r, false, err);
    }
    for (;;) {
        ssize_t r = recv(c->fd, buf, size, 0);
        if (r > 0) {
            c->st.reads++;
            c->st.bytes_in += (size_t)r;
            return r;
        }
        if (r == 0)
            return bb_error_set(err, BB_ERR_IO, "the server closed the connection");
        if (errno != EINTR)
            return sys_error(c, errno, "no answer", err);
    }
}

const char *redis_net_tls_description(const struct redis_net *c, char *buf, size_t size)
{
    if (!c || !c->ssl)
        return NULL;
    snprintf(buf, size, "%s %s", SSL_get_version(c->ssl), SSL_get_cipher_name(c->ssl));
    return buf;
}

void redis_net_stats(const struct redis_net *c, struct redis_net_stats *out)
{
    *out = c->st;
}

void redis_net_close(struct redis_net *c)
{
    if (!c)
        return;
    if (c->ssl) {
        /* close_notify, without waiting for the server's: a dead server
         * must not hold the close up. */
        if (SSL_is_init_finished(c->ssl)) {
            (void)set_timeouts(c->fd, 100);
            ERR_clear_error();
            (void)SSL_shutdown(c->ssl);
        }
        SSL_free(c->ssl);   /* frees the BIO too */
        ERR_clear_error();
    } else if (c->bio) {
        BIO_free(c->bio);
    }
    if (c->fd >= 0)
        close(c->fd);
    free(c);
}
