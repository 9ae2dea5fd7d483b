/* mongo_tls.c - MongoDB over TLS. libmongoc makes the TLS connections,
 * from its URL options (tls=true, tlsCAFile, tlsCertificateKeyFile,
 * tlsCertificateKeyFilePassword, tlsAllowInvalidHostnames,
 * tlsAllowInvalidCertificates, tlsInsecure). This file
 *
 *   - gives it the sink's TLS settings (mongo.tls_ca, tls_cert,
 *     tls_verify), each where the URL has no option of its own, and
 *     refuses them beside a URL without TLS: the connection would not be
 *     what the file says;
 *   - checks the files those options name before anything connects:
 *     libmongoc only logs "Cannot load Certificate Authorities from ..."
 *     and then fails every connection with "connection error";
 *   - puts libmongoc's failure to reach a server in one line naming the
 *     server and why. libmongoc (1.23) says why per server, inside a long
 *     server-selection message ("No suitable servers found
 *     (`serverSelectionTryOnce` set): [TLS handshake failed: certificate
 *     verify failed (10): certificate has expired calling hello on
 *     'db:27017']"). Its reason is kept, in the words of the URL's options;
 *     where it does not say enough, a handshake of our own with that server
 *     (the probe: it verifies nothing and sends no byte of MongoDB's
 *     protocol) adds the certificate's subject, dates and names, the alert
 *     a server sends a client without the certificate it requires, or that
 *     a server speaks TLS where the URL has none, or none where it has.
 *     Words libmongoc puts otherwise are passed on as they are. */
#include "sinks/mongo/mongo_internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "base/error.h"
#include "base/log.h"

static const char *uri_str(const mongoc_uri_t *u, const char *opt)
{
    return mongoc_uri_get_option_as_utf8(u, opt, NULL);
}

static bool uri_bool(const mongoc_uri_t *u, const char *opt)
{
    return mongoc_uri_get_option_as_bool(u, opt, false);
}

/* OpenSSL's reason for a failure (the first of its queue: the later ones
 * say where it went up, "PEM lib"), or `otherwise`; the queue is
 * emptied. */
static const char *ssl_reason(char *buf, size_t size, const char *otherwise)
{
    unsigned long q = ERR_peek_error();
    const char *r = q ? ERR_reason_error_string(q) : NULL;
    snprintf(buf, size, "%s", r ? r : otherwise);
    ERR_clear_error();
    return buf;
}

/* ------------------------------------------------------------------ */
/* Settings and files                                                  */

struct passphrase {
    const char *pw;         /* tlsCertificateKeyFilePassword, or NULL */
    bool asked;             /* the key is encrypted */
};

static int passphrase_cb(char *buf, int size, int rwflag, void *data)
{
    (void)rwflag;
    struct passphrase *p = data;
    p->asked = true;
    if (!p->pw)
        return -1;
    size_t n = strlen(p->pw);
    if (n > (size_t)size)
        return -1;
    memcpy(buf, p->pw, n);
    return (int)n;
}

static bool readable(const struct mongo_sink *ms, const char *what, const char *path,
                     struct bb_error *err)
{
    FILE *f = fopen(path, "r");
    if (f) {
        fclose(f);
        return true;
    }
    bb_error_set(err, BB_ERR_USAGE, "MongoDB at %s: TLS: cannot read %s %s: %s", ms->where, what,
                 path, strerror(errno));
    return false;
}

/* The CA file and the client's certificate and key, read as libmongoc
 * (OpenSSL) will read them: its own failure would be "connection error"
 * at every attempt, the reason only in its log. ca_name and cert_name:
 * the option or setting they come from. */
static int check_files(const struct mongo_sink *ms, const char *ca_name, const char *cert_name,
                       struct bb_error *err)
{
    const mongoc_uri_t *u = ms->uri;
    const char *ca = uri_str(u, MONGOC_URI_TLSCAFILE);
    const char *cert = uri_str(u, MONGOC_URI_TLSCERTIFICATEKEYFILE);
    if (!ca && !cert)
        return 0;
    if ((ca && !readable(ms, ca_name, ca, err)) || (cert && !readable(ms, cert_name, cert, err)))
        return err->code;
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx)
        return bb_error_set(err, BB_ERR_NOMEM, "MongoDB at %s: TLS: cannot set up OpenSSL",
                            ms->where);
    char why[200];
    int rc = 0;
    ERR_clear_error();
    if (ca && SSL_CTX_load_verify_locations(ctx, ca, NULL) != 1) {
        rc = bb_error_set(err, BB_ERR_USAGE, "MongoDB at %s: TLS: cannot load the CA "
                          "certificates of %s %s: %s", ms->where, ca_name, ca,
                          ssl_reason(why, sizeof why, "not PEM certificates"));
        goto done;
    }
    if (!cert)
        goto done;
    if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1) {
        rc = bb_error_set(err, BB_ERR_USAGE, "MongoDB at %s: TLS: cannot load the client "
                          "certificate of %s %s: %s", ms->where, cert_name, cert,
                          ssl_reason(why, sizeof why, "not a PEM certificate"));
        goto done;
    }
    struct passphrase pp = { uri_str(u, MONGOC_URI_TLSCERTIFICATEKEYFILEPASSWORD), false };
    SSL_CTX_set_default_passwd_cb(ctx, passphrase_cb);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, &pp);
    if (SSL_CTX_use_PrivateKey_file(ctx, cert, SSL_FILETYPE_PEM) != 1) {
        if (ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH)
            rc = bb_error_set(err, BB_ERR_USAGE, "MongoDB at %s: TLS: the key in %s %s is not "
                              "the key of its certificate", ms->where, cert_name, cert);
        else if (pp.asked && !pp.pw)
            rc = bb_error_set(err, BB_ERR_USAGE, "MongoDB at %s: TLS: the key in %s %s is "
                              "encrypted: tlsCertificateKeyFilePassword gives its passphrase",
                              ms->where, cert_name, cert);
        else if (pp.asked)
            rc = bb_error_set(err, BB_ERR_USAGE, "MongoDB at %s: TLS: tlsCertificateKeyFilePassword "
                              "does not decrypt the key in %s %s (%s)", ms->where, cert_name,
                              cert, ssl_reason(why, sizeof why, "bad decrypt"));
        else
            rc = bb_error_set(err, BB_ERR_USAGE, "MongoDB at %s: TLS: %s %s holds no private key "
                              "(PEM): libmongoc takes the client certificate and its key in one "
                              "file", ms->where, cert_name, cert);
        goto done;
    }
    if (SSL_CTX_check_private_key(ctx) != 1)
        rc = bb_error_set(err, BB_ERR_USAGE, "MongoDB at %s: TLS: the key in %s %s is not the "
                          "key of its certificate", ms->where, cert_name, cert);
done:
    ERR_clear_error();
    SSL_CTX_free(ctx);
    return rc;
}

static int set_str(struct mongo_sink *ms, const char *opt, const char *v, struct bb_error *err)
{
    if (mongoc_uri_set_option_as_utf8(ms->uri, opt, v))
        return 0;
    return bb_error_set(err, BB_ERR_USAGE, "MongoDB URL: libmongoc does not take %s=%s", opt, v);
}

static int set_true(struct mongo_sink *ms, const char *opt, struct bb_error *err)
{
    if (mongoc_uri_set_option_as_bool(ms->uri, opt, true))
        return 0;
    return bb_error_set(err, BB_ERR_USAGE, "MongoDB URL: libmongoc does not take %s=true", opt);
}

int mongo_tls_setup(struct mongo_sink *ms, const struct mongo_settings *set, struct bb_error *err)
{
    mongoc_uri_t *u = ms->uri;
    /* tls=true or ssl=true, any other tls* option, or mongodb+srv:// */
    ms->tls = mongoc_uri_get_tls(u);
    ms->tls_verify = MONGO_TLS_VERIFY_FULL;
    if (!ms->tls) {
        const char *name = set->tls_ca ? "tls_ca" : set->tls_cert ? "tls_cert"
                           : set->tls_verify ? "tls_verify" : NULL;
        if (name)
            return bb_error_set(err, BB_ERR_USAGE, "mongo.%s is set but the MongoDB URL does "
                                "not turn TLS on (tls=true does)", name);
        return 0;
    }
    const char *ca_name = "tlsCAFile", *cert_name = "tlsCertificateKeyFile";
    int rc;
    if (set->tls_ca && !mongoc_uri_has_option(u, MONGOC_URI_TLSCAFILE)) {
        if ((rc = set_str(ms, MONGOC_URI_TLSCAFILE, set->tls_ca, err)) < 0)
            return rc;
        ca_name = "mongo.tls_ca";
    }
    if (set->tls_cert && !mongoc_uri_has_option(u, MONGOC_URI_TLSCERTIFICATEKEYFILE)) {
        if ((rc = set_str(ms, MONGOC_URI_TLSCERTIFICATEKEYFILE, set->tls_cert, err)) < 0)
            return rc;
        cert_name = "mongo.tls_cert";
    }
    bool url_verify = mongoc_uri_has_option(u, MONGOC_URI_TLSINSECURE) ||
                      mongoc_uri_has_option(u, MONGOC_URI_TLSALLOWINVALIDCERTIFICATES) ||
                      mongoc_uri_has_option(u, MONGOC_URI_TLSALLOWINVALIDHOSTNAMES);
    int v = set->tls_verify && !url_verify ? mongo_tls_verify_parse(set->tls_verify)
                                           : MONGO_TLS_VERIFY_FULL;
    if (v == MONGO_TLS_VERIFY_NONE && (rc = set_true(ms, MONGOC_URI_TLSALLOWINVALIDCERTIFICATES,
                                                     err)) < 0)
        return rc;
    if (v >= MONGO_TLS_VERIFY_CA && (rc = set_true(ms, MONGOC_URI_TLSALLOWINVALIDHOSTNAMES,
                                                   err)) < 0)
        return rc;
    /* tlsAllowInvalidCertificates alone skips the host name too. */
    ms->tls_verify = uri_bool(u, MONGOC_URI_TLSINSECURE) ||
                     uri_bool(u, MONGOC_URI_TLSALLOWINVALIDCERTIFICATES) ? MONGO_TLS_VERIFY_NONE
                     : uri_bool(u, MONGOC_URI_TLSALLOWINVALIDHOSTNAMES) ? MONGO_TLS_VERIFY_CA
                     : MONGO_TLS_VERIFY_FULL;
    if ((rc = check_files(ms, ca_name, cert_name, err)) < 0)
        return rc;
    if (ms->tls_verify == MONGO_TLS_VERIFY_NONE)
        log_warn("MongoDB at %s: TLS without verification (%s): the connection is encrypted, "
                 "but anyone on the path can pose as the server", ms->where,
                 uri_bool(u, MONGOC_URI_TLSINSECURE) ? "tlsInsecure"
                                                     : "tlsAllowInvalidCertificates");
    return 0;
}

void mongo_tls_describe(const struct mongo_sink *ms, char *buf, size_t size)
{
    static const char *const names[] = { "full", "ca", "none" };
    const char *ca = uri_str(ms->uri, MONGOC_URI_TLSCAFILE);
    const char *cert = uri_str(ms->uri, MONGOC_URI_TLSCERTIFICATEKEYFILE);
    snprintf(buf, size, "tls_verify=%s, %s%s%s%s", names[ms->tls_verify],
             ca ? "tlsCAFile " : "", ca ? ca : "the system's CA store",
             cert ? ", client certificate " : "", cert ? cert : "");
}

/* ------------------------------------------------------------------ */
/* The probe: a handshake of our own                                   */

struct probe {
    bool tcp;               /* the TCP connection was made */
    bool handshake;         /* the TLS handshake completed */
    bool timeout;           /* the server did not answer in time */
    unsigned long alert;    /* OpenSSL's error for what the server sent after the
                               handshake (an alert), 0: none */
    char leaf[256];         /* the server certificate's subject */
    char names[300];        /* its subjectAltName entries: "DNS:a, IP:127.0.0.1" */
    /* The first certificate of the server's chain outside its dates. */
    char dated[256];        /* its subject, "" when none */
    char dated_when[64];    /* its notAfter (expired) or notBefore (not yet valid) */
    bool dated_leaf;        /* it is the server's own */
};

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

/* "DNS:a, IP:127.0.0.1": the subjectAltName entries the host is checked
 * against. */
static void alt_names(X509 *cert, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    GENERAL_NAMES *gens = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
    for (int i = 0; gens && i < sk_GENERAL_NAME_num(gens) && n + 8 < size; i++) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
        char one[INET6_ADDRSTRLEN + 70];
        if (g->type == GEN_DNS) {
            int len = ASN1_STRING_length(g->d.dNSName);
            snprintf(one, sizeof one, "DNS:%.*s", len > 60 ? 60 : len,
                     (const char *)ASN1_STRING_get0_data(g->d.dNSName));
        } else if (g->type == GEN_IPADD) {
            int len = ASN1_STRING_length(g->d.iPAddress);
            char ip[INET6_ADDRSTRLEN] = "?";
            if (len == 4 || len == 16)
                inet_ntop(len == 4 ? AF_INET : AF_INET6, ASN1_STRING_get0_data(g->d.iPAddress),
                          ip, sizeof ip);
            snprintf(one, sizeof one, "IP:%s", ip);
        } else {
            continue;
        }
        n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", one);
    }
    GENERAL_NAMES_free(gens);
}

static void set_timeouts(int fd, int ms)
{
    struct timeval tv = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 };
    (void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    (void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

/* A blocking TCP connection to host:port within ms, or -1. */
static int tcp_connect(const char *host, const char *port, int ms)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res = NULL;
    if (getaddrinfo(host, port, &hints, &res) != 0)
        return -1;
    int fd = -1;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                    ai->ai_protocol);
        if (fd < 0)
            continue;
        bool ok = connect(fd, ai->ai_addr, ai->ai_addrlen) == 0;
        if (!ok && errno == EINPROGRESS) {
            struct pollfd pfd = { .fd = fd, .events = POLLOUT };
            int soerr = 0;
            socklen_t len = sizeof soerr;
            ok = poll(&pfd, 1, ms) == 1 &&
                 getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == 0 && soerr == 0;
        }
        if (!ok) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd >= 0) {
        (void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
        set_timeouts(fd, ms);
    }
    return fd;
}

/* The first certificate of the chain outside its dates, into p. */
static void note_dates(SSL *ssl, struct probe *p)
{
    STACK_OF(X509) *chain = SSL_get_peer_cert_chain(ssl);
    for (int i = 0; chain && i < sk_X509_num(chain); i++) {
        X509 *c = sk_X509_value(chain, i);
        const ASN1_TIME *when = NULL;
        if (X509_cmp_current_time(X509_get0_notAfter(c)) < 0)
            when = X509_get0_notAfter(c);
        else if (X509_cmp_current_time(X509_get0_notBefore(c)) > 0)
            when = X509_get0_notBefore(c);
        if (!when)
            continue;
        X509_NAME_oneline(X509_get_subject_name(c), p->dated, sizeof p->dated);
        asn1_time_text(when, p->dated_when, sizeof p->dated_when);
        p->dated_leaf = i == 0;
        return;
    }
}

/* A TLS handshake with host:port that verifies nothing and keeps what the
 * server shows: its certificate, and with read_after, what it sends
 * before any request (the alert of a server that refuses the client's
 * certificate, or wants one: TLS 1.3 sends it after the handshake). With
 * the URL's client certificate, as libmongoc presents it. */
static void probe(const struct mongo_sink *ms, const char *host, const char *port, int ms_timeout,
                  bool read_after, struct probe *p)
{
    memset(p, 0, sizeof *p);
    int fd = tcp_connect(host, port, ms_timeout);
    if (fd < 0)
        return;
    p->tcp = true;
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *ssl = NULL;
    if (!ctx)
        goto done;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    const char *cert = uri_str(ms->uri, MONGOC_URI_TLSCERTIFICATEKEYFILE);
    struct passphrase pp = { uri_str(ms->uri, MONGOC_URI_TLSCERTIFICATEKEYFILEPASSWORD), false };
    if (cert) {
        SSL_CTX_set_default_passwd_cb(ctx, passphrase_cb);
        SSL_CTX_set_default_passwd_cb_userdata(ctx, &pp);
        if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1 ||
            SSL_CTX_use_PrivateKey_file(ctx, cert, SSL_FILETYPE_PEM) != 1)
            goto done;
    }
    if (!(ssl = SSL_new(ctx)) || SSL_set_fd(ssl, fd) != 1)
        goto done;
    unsigned char addr[16];
    if (inet_pton(AF_INET, host, addr) != 1 && inet_pton(AF_INET6, host, addr) != 1)
        (void)SSL_set_tlsext_host_name(ssl, host);
    ERR_clear_error();
    errno = 0;
    if (SSL_connect(ssl) != 1) {
        p->timeout = errno == EAGAIN || errno == EWOULDBLOCK;
        goto done;
    }
    p->handshake = true;
    X509 *leaf = SSL_get1_peer_certificate(ssl);
    if (leaf) {
        X509_NAME_oneline(X509_get_subject_name(leaf), p->leaf, sizeof p->leaf);
        alt_names(leaf, p->names, sizeof p->names);
        X509_free(leaf);
    }
    note_dates(ssl, p);
    if (read_after) {
        /* A server that takes the client sends nothing before a request. */
        set_timeouts(fd, ms_timeout < 2000 ? ms_timeout : 2000);
        char b;
        ERR_clear_error();
        if (SSL_read(ssl, &b, 1) <= 0) {
            unsigned long q = ERR_peek_last_error();
            if (q && ERR_GET_LIB(q) == ERR_LIB_SSL)
                p->alert = q;
        }
    }
done:
    ERR_clear_error();
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    close(fd);
}

/* ------------------------------------------------------------------ */
/* Why a server cannot be reached                                      */

/* host and port of libmongoc's "host:port" or "[v6]:port"; false for a
 * unix socket's path. */
static bool split_host(const char *hp, char *host, size_t hsize, char *port, size_t psize)
{
    const char *colon;
    if (hp[0] == '[') {
        const char *close = strchr(hp, ']');
        if (!close || close[1] != ':')
            return false;
        snprintf(host, hsize, "%.*s", (int)(close - hp - 1), hp + 1);
        colon = close + 1;
    } else {
        colon = strrchr(hp, ':');
        if (!colon || hp[0] == '/')
            return false;
        snprintf(host, hsize, "%.*s", (int)(colon - hp), hp);
    }
    snprintf(port, psize, "%s", colon + 1);
    return host[0] && port[0];
}

static const char *seconds(int ms, char *buf, size_t size)
{
    if (ms % 1000 == 0)
        snprintf(buf, size, "%d s", ms / 1000);
    else
        snprintf(buf, size, "%.1f s", ms / 1000.0);
    return buf;
}

/* libmongoc's "certificate verify failed (code): text" for host. */
static void verify_reason(const struct mongo_sink *ms, const char *host, int code,
                          const char *text, const struct probe *p, char *out, size_t size)
{
    const char *ca = uri_str(ms->uri, MONGOC_URI_TLSCAFILE);
    char leaf[300] = "";
    if (p->leaf[0])
        snprintf(leaf, sizeof leaf, " (%s)", p->leaf);
    switch (code) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
        if (p->dated[0])
            snprintf(out, size, "TLS: %s (%s) %s %s",
                     p->dated_leaf ? "the server's certificate"
                                   : "a CA certificate of the server's chain", p->dated,
                     code == X509_V_ERR_CERT_HAS_EXPIRED ? "expired on" : "is not valid before",
                     p->dated_when);
        else
            snprintf(out, size, "TLS: the server's certificate%s does not verify: %s", leaf,
                     text);
        return;
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
        if (p->names[0] || p->leaf[0])
            snprintf(out, size, "TLS: the server's certificate does not name %s (it names %s)",
                     host, p->names[0] ? p->names : p->leaf);
        else
            snprintf(out, size, "TLS: the server's certificate does not name %s (%s)", host,
                     text);
        return;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        snprintf(out, size, "TLS: the server's certificate%s is not signed by a CA of %s%s (%s)",
                 leaf, ca ? "tlsCAFile " : "the system's CA store", ca ? ca : "", text);
        return;
    default:
        snprintf(out, size, "TLS: the server's certificate%s does not verify: %s (X509 error "
                 "%d)", leaf, text, code);
    }
}

/* libmongoc's reason (rn bytes at r) for server hp, in our words, into out. */
static void host_reason(const struct mongo_sink *ms, const char *hp, const char *r, size_t rn,
                        char *out, size_t size)
{
    char reason[600], host[256], port[16], t[16];
    snprintf(reason, sizeof reason, "%.*s", (int)rn, r);
    bool inet = split_host(hp, host, sizeof host, port, sizeof port);
    int timeout = mongoc_uri_get_option_as_int32(ms->uri, MONGOC_URI_CONNECTTIMEOUTMS, 10000);
    if (timeout <= 0)
        timeout = 10000;
    const char *cert = uri_str(ms->uri, MONGOC_URI_TLSCERTIFICATEKEYFILE);
    /* libmongoc's words for a connection the server ended ("unknown
     * socket error" when the server's alert and close came first as a
     * reset: TLS 1.3 sends a refusal of the client's certificate after
     * the handshake, so which of these the client sees is a race) */
    bool closed = strcmp(reason, "Server closed connection.") == 0 ||
                  strcmp(reason, "connection closed") == 0 ||
                  strcmp(reason, "unknown socket error") == 0 ||
                  strcmp(reason, "Failed to receive length header from server.") == 0;
    static const char handshake[] = "TLS handshake failed: ";
    struct probe p = { 0 };

    if (ms->tls && strncmp(reason, handshake, sizeof handshake - 1) == 0) {
        const char *h = reason + sizeof handshake - 1;
        int code = 0, off = 0;
        if (sscanf(h, "certificate verify failed (%d): %n", &code, &off) == 1 && off > 0) {
            if (inet)
                probe(ms, host, port, timeout, false, &p);
            verify_reason(ms, inet ? host : hp, code, h + off, &p, out, size);
        } else if (!cert && strstr(h, "alert")) {
            snprintf(out, size, "TLS: the handshake failed: %s (does the server require a "
                     "client certificate? tlsCertificateKeyFile gives one)", h);
        } else {
            snprintf(out, size, "TLS: the handshake failed: %s", h);
        }
        return;
    }
    if (ms->tls && inet && (closed || strcmp(reason, "socket timeout") == 0)) {
        probe(ms, host, port, timeout, closed, &p);
        int a = p.alert ? ERR_GET_REASON(p.alert) : 0;
        if (p.tcp && p.timeout && !p.handshake) {
            snprintf(out, size, "TLS: no answer to the handshake within %s (no TLS on this port? "
                     "without tls=true the URL connects in plaintext)",
                     seconds(timeout, t, sizeof t));
        } else if (a == SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED ||
                   (!cert && (a == SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE ||
                              a == SSL_R_SSLV3_ALERT_BAD_CERTIFICATE))) {
            snprintf(out, size, "TLS: the server requires a client certificate: set "
                     "tlsCertificateKeyFile (%s)", ERR_reason_error_string(p.alert));
        } else if (cert && a) {
            snprintf(out, size, "TLS: the server refused the client certificate of %s (%s)",
                     cert, ERR_reason_error_string(p.alert));
        } else {
            snprintf(out, size, "%s", reason);
        }
        return;
    }
    if (!ms->tls && inet && closed) {
        /* A TLS server answers a ClientHello at once; a plaintext one
         * (restarting, say) would hold it for the whole timeout. */
        probe(ms, host, port, timeout < 1000 ? timeout : 1000, false, &p);
        if (p.handshake) {
            snprintf(out, size, "%s (the server speaks TLS on this port: tls=true connects with "
                     "TLS)", reason);
            return;
        }
    }
    snprintf(out, size, "%s", reason);
}

void mongo_unreachable_reason(const struct mongo_sink *ms, const bson_error_t *e, char *buf,
                              size_t size)
{
    /* "No suitable servers found (...): [REASON calling hello on 'HOST']
     * [...]" (HOST may be "[::1]:27017": the brackets of the pieces are
     * not enough to cut them). */
    struct { const char *r; size_t rn; char host[300]; } seg[8];
    size_t nseg = 0;
    const char *p = e->domain == MONGOC_ERROR_SERVER_SELECTION ? strchr(e->message, '[') : NULL;
    while (p && nseg < sizeof seg / sizeof seg[0]) {
        p++;
        const char *call = strstr(p, " calling ");
        const char *on = call ? strstr(call, " on '") : NULL;
        const char *end = on ? strstr(on + 5, "']") : NULL;
        if (!end)
            break;
        seg[nseg].r = p;
        seg[nseg].rn = (size_t)(call - p);
        snprintf(seg[nseg].host, sizeof seg[nseg].host, "%.*s", (int)(end - on - 5), on + 5);
        nseg++;
        p = strchr(end + 2, '[');
    }
    if (!nseg) {
        snprintf(buf, size, "%s", e->message);
        return;
    }
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < nseg && n + 1 < size; i++) {
        char why[1000];
        host_reason(ms, seg[i].host, seg[i].r, seg[i].rn, why, sizeof why);
        if (nseg == 1 && strcmp(seg[i].host, ms->where) == 0)
            n += (size_t)snprintf(buf + n, size - n, "%s", why);
        else
            n += (size_t)snprintf(buf + n, size - n, "%s%s: %s", i ? "; " : "", seg[i].host, why);
    }
}
