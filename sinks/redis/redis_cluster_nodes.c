/* redis_cluster_nodes.c - the nodes of a Redis Cluster (redis_cluster.h):
 * one connection per node over redis_net, replies parsed by hiredis's
 * redisReader; the slot map from CLUSTER NODES (redis_slots.c reads it);
 * what an error reply means (-MOVED, -ASK, -TRYAGAIN ...); single
 * commands routed by slot; WAIT for the replicas. */
#include "sinks/redis/redis_cluster.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/error.h"
#include "base/log.h"
#include "sinks/redis/resp.h"

double cluster_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cluster_sleep_ms(unsigned ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* ------------------------------------------------------------------ */
/* Nodes                                                               */

void cluster_node_drop(struct cl_node *nd)
{
    /* Its writes since the last WAIT: a WAIT through another connection
     * would not count them (WAIT counts the connection's own writes). */
    if (nd->touched && nd->net)
        nd->lost = true;
    redis_net_close(nd->net);
    nd->net = NULL;
    if (nd->rd)
        redisReaderFree(nd->rd);
    nd->rd = NULL;
    bb_buf_reset(&nd->out);
}

/* The node at host:port, added when new; -1 when out of memory. */
int cluster_node_find(struct redis_cluster *cl, const char *host, int port, const char *hostname)
{
    for (size_t i = 0; i < cl->nnodes; i++)
        if (cl->nodes[i]->port == port && strcmp(cl->nodes[i]->host, host) == 0) {
            if (hostname && hostname[0])
                snprintf(cl->nodes[i]->hostname, sizeof cl->nodes[i]->hostname, "%s", hostname);
            return (int)i;
        }
    if (cl->nnodes == cl->capnodes) {
        size_t cap = cl->capnodes ? cl->capnodes * 2 : 8;
        struct cl_node **n = realloc(cl->nodes, cap * sizeof *n);
        if (!n)
            return -1;
        cl->nodes = n;
        cl->capnodes = cap;
    }
    struct cl_node *nd = calloc(1, sizeof *nd);
    if (!nd)
        return -1;
    cl->nodes[cl->nnodes] = nd;
    snprintf(nd->host, sizeof nd->host, "%s", host);
    nd->port = port;
    if (hostname)
        snprintf(nd->hostname, sizeof nd->hostname, "%s", hostname);
    if (strchr(host, ':'))
        snprintf(nd->where, sizeof nd->where, "[%s]:%d", host, port);
    else
        snprintf(nd->where, sizeof nd->where, "%s:%d", host, port);
    bb_buf_init(&nd->out);
    return (int)cl->nnodes++;
}

static int node_io_error(struct cl_node *nd, struct bb_error *err, const char *doing,
                         const char *why)
{
    bb_error_set(err, BB_ERR_IO, "Redis Cluster node %s: %s: %s", nd->where, doing, why);
    cluster_node_drop(nd);
    return BB_ERR_IO;
}

int cluster_node_send(struct cl_node *nd, struct bb_error *err)
{
    if (!nd->out.len)
        return 0;
    struct bb_error e = { 0 };
    if (bb_buf_check(&nd->out, err) < 0)
        return err->code;
    int rc = redis_net_write(nd->net, nd->out.data, nd->out.len, &e);
    bb_buf_reset(&nd->out);
    if (rc < 0)
        return node_io_error(nd, err, "writing", e.msg);
    return 0;
}

/* The node's next reply (caller frees it). */
int cluster_node_reply(struct redis_sink *rs, struct cl_node *nd, redisReply **out,
                      struct bb_error *err)
{
    *out = NULL;
    for (;;) {
        if (!nd->net)
            return bb_error_set(err, BB_ERR_IO, "Redis Cluster node %s: not connected",
                                nd->where);
        void *reply = NULL;
        if (redisReaderGetReply(nd->rd, &reply) != REDIS_OK)
            return node_io_error(nd, err, "reading a reply", nd->rd->errstr);
        if (reply) {
            *out = reply;
            return 0;
        }
        struct bb_error e = { 0 };
        ssize_t n = redis_net_read(nd->net, rs->rbuf, sizeof rs->rbuf, &e);
        if (n < 0)
            return node_io_error(nd, err, "reading a reply", e.msg);
        if (redisReaderFeed(nd->rd, rs->rbuf, (size_t)n) != REDIS_OK)
            return node_io_error(nd, err, "reading a reply", nd->rd->errstr);
    }
}

void cluster_put_cmd(struct bb_buf *b, int argc, const char *const *argv, const size_t *lens)
{
    resp_put_header(b, '*', (size_t)argc);
    for (int i = 0; i < argc; i++)
        resp_put_bulk(b, argv[i], lens ? lens[i] : strlen(argv[i]));
}

/* One command on a node, its reply in *out (error replies too). */
int cluster_node_cmd(struct redis_sink *rs, struct cl_node *nd, int argc, const char *const *argv,
                    const size_t *lens, redisReply **out, struct bb_error *err)
{
    cluster_put_cmd(&nd->out, argc, argv, lens);
    int rc = cluster_node_send(nd, err);
    return rc < 0 ? rc : cluster_node_reply(rs, nd, out, err);
}

static unsigned parse_version(const char *info)
{
    const char *p = strstr(info, "redis_version:");
    unsigned a = 0, b = 0, c = 0;
    if (!p || sscanf(p + 14, "%u.%u.%u", &a, &b, &c) < 2 || a > 1000 || b > 99 || c > 99)
        return 0;
    return V(a, b, c);
}

/* Connect to a node: AUTH, the server's version (once), CLIENT SETNAME. */
int cluster_node_connect(struct redis_sink *rs, struct cl_node *nd, struct bb_error *err)
{
    if (nd->net)
        return 0;
    const char *name = rs->tls_server_name ? rs->tls_server_name
                       : nd->hostname[0] ? nd->hostname : nd->host;
    struct redis_endpoint ep = {
        .host = nd->host, .port = nd->port, .tls = rs->tls, .server_name = name,
        .connect_timeout_ms = CONNECT_TIMEOUT_S * 1000, .io_timeout_ms = COMMAND_TIMEOUT_S * 1000,
    };
    struct bb_error e = { 0 };
    if (redis_net_connect(&nd->net, &ep, &e) < 0)
        return bb_error_set(err, e.code, "cannot connect to Redis Cluster node %s: %s", nd->where,
                            e.msg);
    if (!(nd->rd = redisReaderCreate())) {
        cluster_node_drop(nd);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    nd->rd->maxbuf = 0;
    redisReply *r = NULL;
    int rc = 0;
    if (rs->password) {
        const char *argv[] = { "AUTH", rs->url.user ? rs->url.user : rs->password, rs->password };
        rc = cluster_node_cmd(rs, nd, rs->url.user ? 3 : 2, argv, NULL, &r, err);
        /* The node's buffer held the password. */
        if (nd->out.data)
            memset(nd->out.data, 0, nd->out.cap);
        if (rc == 0 && r->type == REDIS_REPLY_ERROR)
            rc = bb_error_set(err, BB_ERR_SERVER, "Redis Cluster node %s: AUTH failed: %.200s",
                              nd->where, r->str);
        freeReplyObject(r);
        r = NULL;
        if (rc < 0)
            goto fail;
    }
    if (!rs->version) {
        const char *info[] = { "INFO", "server" };
        if ((rc = cluster_node_cmd(rs, nd, 2, info, NULL, &r, err)) < 0)
            goto fail;
        if (r->type == REDIS_REPLY_ERROR && strncmp(r->str, "NOAUTH", 6) == 0) {
            rc = bb_error_set(err, BB_ERR_SERVER, "Redis Cluster node %s needs a password: set "
                              "%s or %s_FILE, or give it in the URL (redis://:password@host)",
                              nd->where, rs->password_var, rs->password_var);
            freeReplyObject(r);
            goto fail;
        }
        if (r->type == REDIS_REPLY_STRING)
            rs->version = parse_version(r->str);
        freeReplyObject(r);
    }
    const char *setname[] = { "CLIENT", "SETNAME", rs->client_name };
    if ((rc = cluster_node_cmd(rs, nd, 3, setname, NULL, &r, err)) < 0)
        goto fail;
    freeReplyObject(r);
    return 0;
fail:
    cluster_node_drop(nd);
    return rc;
}

void cluster_drop_all(struct redis_cluster *cl)
{
    for (size_t i = 0; i < cl->nnodes; i++) {
        cluster_node_drop(cl->nodes[i]);
        cl->nodes[i]->touched = false;
        cl->nodes[i]->lost = false;
        cl->nodes[i]->nsent = 0;
    }
}

/* ------------------------------------------------------------------ */
/* The slot map                                                        */

/* Read CLUSTER NODES from one node, then the others, until one answers.
 * *uncovered: slots no master serves. */
int cluster_refresh_map(struct redis_sink *rs, unsigned *uncovered, char *which, size_t wsize,
                       struct bb_error *err)
{
    struct redis_cluster *cl = rs->cluster;
    char tried[600] = "";
    size_t tn = 0;
    int last = BB_ERR_IO;
    cl->nrefresh++;
    /* The masters of the map first, then every other node known. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < cl->nnodes; i++) {
            struct cl_node *nd = cl->nodes[i];
            bool master = false;
            for (unsigned s = 0; s < REDIS_SLOTS && !master; s += 64)
                master = cl->owner[s] == (int16_t)i;
            if ((pass == 0) != master)
                continue;
            struct bb_error e = { 0 };
            redisReply *r = NULL;
            const char *argv[] = { "CLUSTER", "NODES" };
            int rc = cluster_node_connect(rs, nd, &e);
            if (rc == 0)
                rc = cluster_node_cmd(rs, nd, 2, argv, NULL, &r, &e);
            if (rc == 0 && r->type != REDIS_REPLY_STRING) {
                rc = bb_error_set(&e, BB_ERR_SERVER, "CLUSTER NODES: %.200s",
                                  r->type == REDIS_REPLY_ERROR ? r->str : "unexpected reply");
                if (r->type == REDIS_REPLY_ERROR && strstr(r->str, "cluster support disabled"))
                    rc = bb_error_set(&e, BB_ERR_USAGE, "not a Redis Cluster node (cluster "
                                      "support disabled), but the URL lists seeds");
            }
            if (rc < 0) {
                freeReplyObject(r);
                if (rc == BB_ERR_USAGE || rc == BB_ERR_NOMEM) {
                    return bb_error_set(err, rc, "Redis Cluster node %s: %s", nd->where, e.msg);
                }
                last = rc;
                if (tn + 8 < sizeof tried)
                    tn += (size_t)snprintf(tried + tn, sizeof tried - tn, "%s%s", tn ? "; " : "",
                                           e.msg);
                continue;
            }
            struct redis_topology t;
            rc = redis_topology_parse(&t, r->str, r->len, nd->host, &e);
            freeReplyObject(r);
            if (rc < 0) {
                redis_topology_free(&t);
                return bb_error_set(err, rc, "Redis Cluster node %s: %s", nd->where, e.msg);
            }
            /* The nodes, by address; the owner of each slot. */
            int *idx = calloc(t.n ? t.n : 1, sizeof *idx);
            if (!idx) {
                redis_topology_free(&t);
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
            }
            for (size_t k = 0; k < t.n; k++) {
                idx[k] = -1;
                if (t.nodes[k].host[0] && !t.nodes[k].noaddr && !t.nodes[k].handshake)
                    idx[k] = cluster_node_find(cl, t.nodes[k].host, t.nodes[k].port, t.nodes[k].hostname);
            }
            for (size_t k = 0; k < cl->nnodes; k++) {
                cl->nodes[k]->replicas = 0;
                cl->nodes[k]->master = false;
            }
            for (size_t k = 0; k < t.n; k++)
                if (idx[k] >= 0 && t.nodes[k].master && !t.nodes[k].fail) {
                    cl->nodes[idx[k]]->replicas = t.replicas[k];
                    cl->nodes[idx[k]]->master = true;
                }
            for (unsigned s = 0; s < REDIS_SLOTS; s++)
                cl->owner[s] = t.owner[s] >= 0 ? (int16_t)idx[t.owner[s]] : -1;
            *uncovered = redis_topology_uncovered(&t, which, wsize);
            free(idx);
            redis_topology_free(&t);
            cl->have_map = true;
            cl->stale = false;
            return 0;
        }
    }
    return bb_error_set(err, last, "Redis Cluster: no node answers (%s)", tried);
}

/* The map, refreshed; uncovered slots are an error (BB_ERR_IO: the cluster
 * may be repaired; the bridge waits and tries again). */
int cluster_refresh_covered(struct redis_sink *rs, struct bb_error *err)
{
    unsigned uncovered = 0;
    char which[120];
    int rc = cluster_refresh_map(rs, &uncovered, which, sizeof which, err);
    if (rc < 0)
        return rc;
    if (uncovered)
        return bb_error_set(err, BB_ERR_IO, "Redis Cluster: %u of the 16384 slots are served by "
                            "no node (slots %s): the cluster is down or incomplete (see "
                            "CLUSTER INFO's cluster_state and redis-cli --cluster check)",
                            uncovered, which);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Errors a node answers                                               */


static bool starts(const char *s, const char *w)
{
    size_t n = strlen(w);
    return strncmp(s, w, n) == 0 && (s[n] == ' ' || s[n] == '\0');
}

/* What an error reply means for the request it answers: a redirection
 * (the node to go to is set: *ask for -ASK, the slot's owner for -MOVED),
 * a pause, or a failure. */
enum outcome cluster_classify(struct redis_sink *rs, int from, const char *msg, size_t len,
                             int *ask)
{
    struct redis_cluster *cl = rs->cluster;
    struct redis_redirect r;
    int k = redis_redirect_parse(msg, len, &r);
    if (k == 1) {
        const char *host = r.host[0] ? r.host : cl->nodes[from]->host;
        int n = cluster_node_find(cl, host, r.port, NULL);
        if (n < 0)
            return OUT_FATAL;
        if (r.kind == REDIS_REDIRECT_MOVED) {
            cl->owner[r.slot] = (int16_t)n;
            cl->stale = true;
            cl->nmoved++;
            log_debug("Redis Cluster: MOVED: slot %u is served by %s now", r.slot,
                      cl->nodes[n]->where);
        } else {
            *ask = n;
            cl->nask++;
            log_debug("Redis Cluster: ASK: slot %u is being migrated to %s", r.slot,
                      cl->nodes[n]->where);
        }
        return OUT_RETRY;
    }
    if (starts(msg, "TRYAGAIN")) {
        cl->ntryagain++;
        return OUT_PAUSE;
    }
    if (starts(msg, "CLUSTERDOWN") || starts(msg, "READONLY") || starts(msg, "MASTERDOWN")) {
        cl->stale = true;
        return OUT_PAUSE;
    }
    if (redis_transient_reply(msg, len))
        return OUT_PAUSE;
    return OUT_FATAL;
}

/* One command for the slot of key `slot`, wherever that slot is now:
 * -MOVED, -ASK, -TRYAGAIN and lost connections are followed until the
 * deadline. Error replies that are none of those are returned as replies. */
int cluster_slot_cmd(struct redis_sink *rs, unsigned slot, int argc, const char *const *argv,
                    const size_t *lens, redisReply **out, struct bb_error *err)
{
    struct redis_cluster *cl = rs->cluster;
    double deadline = cluster_now() + CLUSTER_RETRY_S;
    int ask = -1;
    unsigned pause = 10;
    char last[BB_ERROR_MSG_MAX] = "";
    *out = NULL;
    for (;;) {
        if (cl->stale || !cl->have_map) {
            unsigned uncovered;
            char which[64];
            struct bb_error e = { 0 };
            if (cluster_refresh_map(rs, &uncovered, which, sizeof which, &e) < 0) {
                snprintf(last, sizeof last, "%s", e.msg);
                if (e.code == BB_ERR_USAGE || e.code == BB_ERR_NOMEM)
                    return bb_error_set(err, e.code, "%s", e.msg);
            }
        }
        int ni = ask >= 0 ? ask : cl->owner[slot];
        bool pause_now = true;
        if (ni < 0) {
            snprintf(last, sizeof last, "slot %u is served by no node", slot);
            cl->stale = true;
        } else {
            struct cl_node *nd = cl->nodes[ni];
            struct bb_error e = { 0 };
            redisReply *r = NULL;
            int rc = cluster_node_connect(rs, nd, &e);
            if (rc == 0) {
                if (ask >= 0)
                    bb_buf_append(&nd->out, "*1\r\n$6\r\nASKING\r\n", 16);
                cluster_put_cmd(&nd->out, argc, argv, lens);
                rc = cluster_node_send(nd, &e);
                if (rc == 0 && ask >= 0 && (rc = cluster_node_reply(rs, nd, &r, &e)) == 0) {
                    freeReplyObject(r);
                    r = NULL;
                }
                if (rc == 0)
                    rc = cluster_node_reply(rs, nd, &r, &e);
            }
            if (rc < 0 && rc != BB_ERR_IO)
                return bb_error_set(err, rc, "%s", e.msg);
            if (rc < 0) {
                snprintf(last, sizeof last, "%s", e.msg);
                cl->stale = true;
                ask = -1;
            } else if (r->type != REDIS_REPLY_ERROR) {
                /* a write, to be covered by the next WAIT */
                if (strcmp(argv[0], "SET") == 0 || strcmp(argv[0], "UNLINK") == 0 ||
                    strcmp(argv[0], "HSETNX") == 0)
                    nd->touched = true;
                *out = r;
                return 0;
            } else {
                int to = -1;
                enum outcome o = cluster_classify(rs, ni, r->str, r->len, &to);
                if (o == OUT_FATAL) {
                    *out = r;
                    return 0;
                }
                snprintf(last, sizeof last, "%s: %.200s", nd->where, r->str);
                freeReplyObject(r);
                ask = o == OUT_RETRY ? to : -1;
                pause_now = o == OUT_PAUSE;
            }
        }
        if (cluster_now() > deadline)
            return bb_error_set(err, BB_ERR_IO, "Redis Cluster: %s (slot %u) could not be sent "
                                "within %d s (%s)", argv[0], slot, CLUSTER_RETRY_S, last);
        if (pause_now) {
            cluster_sleep_ms(pause);
            pause = pause * 2 > 500 ? 500 : pause * 2;
        }
    }
}

/* WAIT on every master written since its last WAIT, for its healthy
 * replicas, until they all have acknowledged. */
int cluster_wait_replicas(struct redis_sink *rs, double deadline, struct bb_error *err)
{
    struct redis_cluster *cl = rs->cluster;
    char ms[16];
    snprintf(ms, sizeof ms, "%d", CLUSTER_WAIT_MS);
    for (;;) {
        /* WAIT written to every master first, then the replies read: the
         * masters wait for their replicas at the same time. */
        for (size_t n = 0; n < cl->nnodes; n++) {
            struct cl_node *nd = cl->nodes[n];
            nd->waiting = false;
            if (!nd->touched)
                continue;
            /* Written as a master, and no longer one: its writes may be
             * lost with it. */
            if (!nd->master)
                return bb_error_set(err, BB_ERR_IO, "Redis Cluster node %s is no longer a master "
                                    "since the batch was written to it (a failover?): replaying "
                                    "from the checkpoint", nd->where);
            if (!nd->replicas) {
                nd->touched = nd->lost = false;
                continue;
            }
            /* A lost connection: what it had may be lost with it, so the
             * batch is not known to be safe: fail, and replay. */
            if (!nd->net || nd->lost)
                return bb_error_set(err, BB_ERR_IO, "Redis Cluster node %s: the connection was "
                                    "lost before its replicas acknowledged the batch: replaying "
                                    "from the checkpoint", nd->where);
            char want[16];
            snprintf(want, sizeof want, "%u", nd->replicas);
            const char *argv[] = { "WAIT", want, ms };
            cluster_put_cmd(&nd->out, 3, argv, NULL);
            int rc = cluster_node_send(nd, err);
            if (rc < 0)
                return rc;
            nd->waiting = true;
        }
        bool short_of = false;
        char why[700] = "";
        for (size_t n = 0; n < cl->nnodes; n++) {
            struct cl_node *nd = cl->nodes[n];
            if (!nd->waiting)
                continue;
            nd->waiting = false;
            redisReply *r;
            int rc = cluster_node_reply(rs, nd, &r, err);
            if (rc < 0)
                return rc;
            if (r->type == REDIS_REPLY_INTEGER && r->integer >= (long long)nd->replicas) {
                nd->touched = false;
                nd->lost = false;
            } else {
                short_of = true;
                snprintf(why, sizeof why, "%s: %.100s%lld of %u replicas acknowledged within "
                         "%d ms", nd->where, r->type == REDIS_REPLY_ERROR ? r->str : "",
                         r->type == REDIS_REPLY_INTEGER ? r->integer : 0, nd->replicas,
                         CLUSTER_WAIT_MS);
            }
            freeReplyObject(r);
        }
        if (!short_of)
            return 0;
        if (cluster_now() > deadline)
            return bb_error_set(err, BB_ERR_IO, "Redis Cluster: the batch is not on every "
                                "replica (%s), so its checkpoint is not written (a failover could "
                                "lose it): replaying from the checkpoint", why);
        /* A replica gone: the map no longer counts it. */
        unsigned uncovered;
        char which[64];
        struct bb_error e = { 0 };
        (void)cluster_refresh_map(rs, &uncovered, which, sizeof which, &e);
    }
}
