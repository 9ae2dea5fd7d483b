/* test_bridge_cluster.c - `binbridge run` into a Redis Cluster (issue 12,
 * "Redis Cluster"): the real binary, the shared MariaDB, and a cluster of
 * the test's own from Debian's redis-server (scripts/cluster.sh: 3 masters
 * and 3 replicas on ports 63901-63906, made with redis-cli --cluster
 * create, stopped and removed at the end of each test). The tests that use
 * the ports take a lock on them, so they run one at a time.
 *
 * The cluster is read by the test through its own small client (hiredis,
 * following -MOVED and -ASK); for the comparisons every key of the test is
 * copied (DUMP, RESTORE) from the masters into the shared Redis, where the
 * harness of test_bridge.c compares it with a fresh SELECT
 * (e2e_compare_default) and the test checks the stream of t_u: its
 * entries strictly increasing in binlog position (none twice) and as many
 * as the workload made (none missing).
 *
 * Run through scripts/run-tests.sh (BB_BINBRIDGE and the shared servers). */
#include <criterion/criterion.h>
#include <criterion/logging.h>

#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include "binbridge.h"
#include "base/error.h"
#include "sinks/redis/redis_slots.h"
#include "tests/e2e/bridge_util.h"
#include "tests/testutil.h"

#define CL_PORT 63901
#define CL_NODES 6

static struct e2e E_;
static struct workload W_;
static bool cluster_up, cluster_tls;
struct tcl;
static void tcl_close(struct tcl *t);
static struct tcl *open_tcl;    /* closed by the suite's .fini */

static void cluster_sh(const char *args)
{
    char cmd[1024];
    /* stop: every node either cluster may have (a TLS one has 3 of the 6
     * ports' directories), whichever a crashed test left */
    bool tls = cluster_tls && strcmp(args, "stop") != 0;
    snprintf(cmd, sizeof cmd, "BB_CLUSTER_PORT=%d BB_CLUSTER_NODES=%d %s%s%s "
             "scripts/cluster.sh %s >>/tmp/binbridge-cluster-%d.log 2>&1", CL_PORT,
             tls ? 3 : CL_NODES, tls ? "BB_CLUSTER_REPLICAS=0 BB_CLUSTER_TLS_DIR='" : "",
             tls ? test_ca_dir() : "", tls ? "'" : "", args, CL_PORT);
    int rc = system(cmd);
    cr_assert_eq(rc, 0, "scripts/cluster.sh %s failed (see /tmp/binbridge-cluster-%d.log):\n%s",
                 args, CL_PORT, e2e_tail("/tmp/binbridge-cluster-63901.log", 2000));
}

static void cluster_fini(void)
{
    e2e_kill_children();
    if (open_tcl)
        tcl_close(open_tcl);
    if (W_.E)
        wl_free(&W_);
    if (E_.m || E_.r)
        e2e_end(&E_);
    if (cluster_up)
        cluster_sh("stop");
    cluster_up = false;
}

TestSuite(bridge_cluster, .fini = cluster_fini);

/* The ports are one cluster's: one test at a time (the lock is the
 * process's, released when the test's process ends). */
static void cluster_start(bool tls)
{
    int fd = open("/tmp/binbridge-cluster-63901.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    cr_assert(fd >= 0);
    cr_assert_eq(flock(fd, LOCK_EX), 0);
    cluster_tls = tls;
    cluster_sh("stop");     /* what a killed run left */
    cluster_up = true;
    double t0 = e2e_now();
    cluster_sh("start");
    cr_log_info("cluster on %d-%d started in %.1f s", CL_PORT, CL_PORT + CL_NODES - 1,
                e2e_now() - t0);
}

/* ------------------------------------------------------------------ */
/* The test's own cluster client                                       */

struct tcl {
    redisContext *c[CL_NODES];
    unsigned port[CL_NODES];    /* the plaintext ports */
    size_t n;
};

static redisContext *tcl_node(struct tcl *t, unsigned port)
{
    size_t i = 0;
    while (i < t->n && t->port[i] != port)
        i++;
    if (i == t->n) {
        cr_assert_lt(t->n, (size_t)CL_NODES);
        t->port[t->n++] = port;
    }
    if (t->c[i] && t->c[i]->err) {
        redisFree(t->c[i]);
        t->c[i] = NULL;
    }
    if (!t->c[i]) {
        struct timeval tv = { 5, 0 };
        t->c[i] = redisConnectWithTimeout("127.0.0.1", (int)port, tv);
        if (t->c[i] && !t->c[i]->err)
            redisSetTimeout(t->c[i], tv);
    }
    return t->c[i] && !t->c[i]->err ? t->c[i] : NULL;
}

static void tcl_open(struct tcl *t)
{
    memset(t, 0, sizeof *t);
    open_tcl = t;
    unsigned first = cluster_tls ? CL_PORT + 3 : CL_PORT, n = cluster_tls ? 3 : CL_NODES;
    for (unsigned i = 0; i < n; i++)
        tcl_node(t, first + i);
}

static void tcl_close(struct tcl *t)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->c[i])
            redisFree(t->c[i]);
    memset(t, 0, sizeof *t);
    open_tcl = NULL;
}

/* A command on the key argv[1]'s node: -MOVED and -ASK followed. */
static redisReply *tcl_argv(struct tcl *t, int argc, const char **argv, const size_t *lens)
{
    unsigned port = t->port[0];
    bool asking = false;
    for (int tries = 0; tries < 50; tries++) {
        redisContext *c = tcl_node(t, port);
        if (!c) {
            port = t->port[(size_t)tries % t->n];
            e2e_sleep_ms(100);
            continue;
        }
        if (asking)
            freeReplyObject(redisCommand(c, "ASKING"));
        redisReply *r = redisCommandArgv(c, argc, argv, lens);
        if (!r) {
            port = t->port[(size_t)tries % t->n];
            continue;
        }
        asking = false;
        if (r->type == REDIS_REPLY_ERROR &&
            (strncmp(r->str, "MOVED ", 6) == 0 || strncmp(r->str, "ASK ", 4) == 0)) {
            asking = r->str[0] == 'A';
            const char *colon = strrchr(r->str, ':');
            port = (unsigned)atoi(colon + 1);
            if (cluster_tls && port < CL_PORT + 3)
                port += 3;  /* the node's plaintext port */
            freeReplyObject(r);
            continue;
        }
        if (r->type == REDIS_REPLY_ERROR &&
            (strncmp(r->str, "TRYAGAIN", 8) == 0 || strncmp(r->str, "CLUSTERDOWN", 11) == 0)) {
            freeReplyObject(r);
            e2e_sleep_ms(100);
            continue;
        }
        return r;
    }
    cr_assert_fail("the cluster did not answer %s", argv[0]);
    return NULL;
}

static redisReply *tcl_cmd(struct tcl *t, const char *cmd, const char *key)
{
    const char *argv[] = { cmd, key };
    return tcl_argv(t, 2, argv, NULL);
}

static void tcl_checkpoint(struct tcl *t, const char *name, struct e2e_checkpoint *cp)
{
    memset(cp, 0, sizeof *cp);
    char key[128];
    snprintf(key, sizeof key, "binbridge:checkpoint:%.64s", name);
    redisReply *r = tcl_cmd(t, "HGETALL", key);
    cr_assert(r->type == REDIS_REPLY_ARRAY, "HGETALL %s: %s", key, r->str ? r->str : "?");
    for (size_t i = 0; i + 1 < r->elements; i += 2) {
        const char *k = r->element[i]->str, *v = r->element[i + 1]->str;
        if (strcmp(k, "file") == 0) {
            snprintf(cp->file, sizeof cp->file, "%s", v);
            cp->found = true;
        } else if (strcmp(k, "pos") == 0) {
            cp->pos = strtoull(v, NULL, 10);
        } else if (strcmp(k, "rows_done") == 0) {
            cp->rows_done = strtoull(v, NULL, 10);
        }
    }
    freeReplyObject(r);
}

static bool caught_up(struct e2e *E, struct tcl *t, double seconds)
{
    char file[256];
    uint64_t pos;
    e2e_master_status(E->m, file, sizeof file, &pos);
    double until = e2e_now() + seconds;
    for (;;) {
        struct e2e_checkpoint cp;
        tcl_checkpoint(t, E->db, &cp);
        if (cp.found && cp.rows_done == 0 && e2e_position_compare(cp.file, cp.pos, file, pos) >= 0)
            return true;
        if (e2e_now() > until || (E->bridge.pid && !e2e_proc_running(&E->bridge)))
            return false;
        e2e_sleep_ms(20);
    }
}

static void assert_caught_up(struct e2e *E, struct tcl *t, double seconds)
{
    if (!caught_up(E, t, seconds))
        e2e_fail_with_bridge_output(E, "the bridge did not catch up");
}

/* Every key of the test (E->db:*), copied from the masters of the cluster
 * into the shared Redis (E->r), where the harness compares. */
static size_t copy_keys(struct e2e *E, struct tcl *t)
{
    char glob[128];
    snprintf(glob, sizeof glob, "%s:*", E->db);
    e2e_redis_delete(E->r, glob);
    size_t copied = 0;
    for (size_t i = 0; i < t->n; i++) {
        redisContext *c = tcl_node(t, t->port[i]);
        if (!c)
            continue;
        redisReply *role = redisCommand(c, "ROLE");
        bool master = role && role->type == REDIS_REPLY_ARRAY && role->elements &&
                      strcmp(role->element[0]->str, "master") == 0;
        freeReplyObject(role);
        if (!master)
            continue;
        size_t n;
        char **keys = e2e_redis_keys(c, glob, &n);
        for (size_t k = 0; k < n; k++) {
            redisReply *d = redisCommand(c, "DUMP %s", keys[k]);
            cr_assert(d && d->type == REDIS_REPLY_STRING, "DUMP %s", keys[k]);
            redisReply *r = redisCommand(E->r, "RESTORE %s 0 %b REPLACE", keys[k], d->str, d->len);
            cr_assert(r && r->type != REDIS_REPLY_ERROR, "RESTORE %s: %s", keys[k],
                      r ? r->str : E->r->errstr);
            freeReplyObject(r);
            freeReplyObject(d);
            copied++;
        }
        e2e_free_strings(keys, n);
    }
    return copied;
}

/* The stream of t_u (in E->r after copy_keys): entries strictly
 * increasing in (file, pos, row), as many of each op as the workload made. */
static void check_stream(struct e2e *E, const struct workload *W)
{
    static const char *const ops[] = { "insert", "update", "delete" };
    char key[128];
    snprintf(key, sizeof key, "%s:t_u", E->db);
    struct e2e_report rep;
    e2e_report_init(&rep, "stream");
    uint64_t counts[3] = { 0 }, pfile = 0, ppos = 0, prow = 0, n = 0;
    char start[80] = "-";
    for (;;) {
        redisReply *r = e2e_redis(E->r, "XRANGE %s %s + COUNT 5000", key, start);
        if (r->elements == 0) {
            freeReplyObject(r);
            break;
        }
        for (size_t i = 0; i < r->elements; i++) {
            redisReply *e = r->element[i], *f = e->element[1];
            snprintf(start, sizeof start, "(%s", e->element[0]->str);
            const char *op = NULL, *file = NULL, *pos = NULL, *row = NULL;
            for (size_t k = 0; k + 1 < f->elements; k += 2) {
                const char *name = f->element[k]->str, *v = f->element[k + 1]->str;
                if (strcmp(name, "op") == 0) op = v;
                else if (strcmp(name, "file") == 0) file = v;
                else if (strcmp(name, "pos") == 0) pos = v;
                else if (strcmp(name, "row") == 0) row = v;
            }
            cr_assert(op && file && pos && row);
            for (int o = 0; o < 3; o++)
                counts[o] += strcmp(op, ops[o]) == 0;
            uint64_t fn = strtoull(strrchr(file, '.') + 1, NULL, 10);
            uint64_t p = strtoull(pos, NULL, 10), rw = strtoull(row, NULL, 10);
            if (n && !(fn > pfile || (fn == pfile && (p > ppos || (p == ppos && rw > prow)))))
                e2e_report_add(&rep, "stream %s entry %s: change %s:%s row %s after %llu:%llu "
                               "row %llu: a duplicate (or out of order)", key,
                               e->element[0]->str, file, pos, row, (unsigned long long)pfile,
                               (unsigned long long)ppos, (unsigned long long)prow);
            pfile = fn;
            ppos = p;
            prow = rw;
            n++;
        }
        freeReplyObject(r);
    }
    for (int o = 0; o < 3; o++)
        if (counts[o] != W->changes[WL_U][o])
            e2e_report_add(&rep, "stream %s: %llu %ss, the workload made %llu", key,
                           (unsigned long long)counts[o], ops[o],
                           (unsigned long long)W->changes[WL_U][o]);
    cr_log_info("%s: stream %s holds %llu entries; the workload made %llu row changes of t_u",
                E->tag, key, (unsigned long long)n, (unsigned long long)wl_changes(W, WL_U));
    e2e_report_check(&rep, E->seed);
}

/* Everything in the cluster equals a fresh SELECT; the stream is whole. */
static void compare_all(struct e2e *E, struct tcl *t, const struct workload *W)
{
    size_t n = copy_keys(E, t);
    cr_log_info("%s: %zu keys copied from the cluster's masters", E->tag, n);
    char stream[128];
    snprintf(stream, sizeof stream, "%.63s:t_u", E->db);
    const char *const ignored[] = { stream, NULL };
    e2e_compare_default(E, ignored);
    check_stream(E, W);
}

/* The test's world: the shared MariaDB, the cluster (the bridge is given
 * node `node`'s URL), t_u also as a stream. */
static void begin_on(struct e2e *E, struct tcl *t, const char *tag, unsigned node, bool tls)
{
    cluster_start(tls);
    e2e_begin(E, tag, NULL);
    if (tls)
        snprintf(E->srv.redis_url, sizeof E->srv.redis_url, "rediss://localhost:%u?tls-ca=%s/ca.pem",
                 CL_PORT + node, test_ca_dir());
    else
        snprintf(E->srv.redis_url, sizeof E->srv.redis_url, "redis://127.0.0.1:%u",
                 CL_PORT + node);
    char rules[512];
    snprintf(rules, sizeof rules,
             "rules = ( { match = \"%.63s.t_u\"; redis = ( {}, { shape = \"stream\"; } ); } );\n",
             E->db);
    e2e_write_usual_config(E, "tests/e2e/test_bridge_cluster.c", rules);
    tcl_open(t);
    e2e_bridge_to_end(E, 60);
    struct e2e_checkpoint cp;
    tcl_checkpoint(t, E->db, &cp);
    cr_assert(cp.found, "no checkpoint in the cluster after a first run:\n%s",
              e2e_tail(E->bridge.out_path, 3000));
}

static void begin(struct e2e *E, struct tcl *t, const char *tag, unsigned node)
{
    begin_on(E, t, tag, node, false);
}

/* Lines of the bridge's outputs (every run so far) holding `what`, and
 * the sum of the numbers just before `what` in them. */
static unsigned long long count_in_outputs(struct e2e *E, const char *what, unsigned *lines)
{
    unsigned long long sum = 0;
    *lines = 0;
    for (unsigned run = 1; run <= E->runs; run++) {
        char path[700];
        snprintf(path, sizeof path, "%s/run-%03u.log", E->dir, run);
        size_t len;
        uint8_t *bytes = slurp(path, &len);
        if (!bytes)
            continue;
        char *text = malloc(len + 1);   /* slurp's bytes are not a string */
        cr_assert_not_null(text);
        memcpy(text, bytes, len);
        text[len] = '\0';
        free(bytes);
        for (char *p = text; (p = strstr(p, what)); p += strlen(what)) {
            (*lines)++;
            char *q = p;
            while (q > text && q[-1] == ' ')
                q--;
            while (q > text && q[-1] >= '0' && q[-1] <= '9')
                q--;
            sum += strtoull(q, NULL, 10);
        }
        free(text);
    }
    return sum;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

Test(bridge_cluster, random_workload_matches_select)
{
    struct e2e *E = &E_;
    static struct tcl t;   /* outlives the test body: closed by .fini too */
    begin(E, &t, "clwl", 1);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    wl_steps(W, 200);
    wl_big(W, 20000, true);
    wl_steps(W, 50);
    double t0 = e2e_now();
    e2e_bridge_to_end(E, 120);
    cr_log_info("clwl: %u statements (a 20,000-row transaction) in %.2f s", W->statements,
                e2e_now() - t0);
    char *out = e2e_proc_output(&E->bridge);
    cr_assert(strstr(out, "a Redis Cluster of 3 masters"), "%s", out);
    free(out);
    /* a bridge that follows, then one more catching up */
    e2e_bridge_start(E, NULL);
    wl_steps(W, 150);
    assert_caught_up(E, &t, 120);
    e2e_stop_bridge(E, 20);
    wl_steps(W, 50);
    e2e_bridge_to_end(E, 120);
    compare_all(E, &t, W);
    tcl_close(&t);
}

Test(bridge_cluster, kill_9_ten_times_loses_and_doubles_nothing)
{
    struct e2e *E = &E_;
    static struct tcl t;   /* outlives the test body: closed by .fini too */
    begin(E, &t, "clkill", 2);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    struct e2e_rng rng = { E->seed ^ 0x6b696c6cULL };
    unsigned mid_txn = 0;
    for (unsigned k = 0; k < 10; k++) {
        e2e_bridge_start(E, NULL);
        struct e2e_checkpoint cp;
        tcl_checkpoint(&t, E->db, &cp);
        switch (k % 4) {
        case 0:     /* while it starts */
            wl_steps(W, (unsigned)e2e_below(&rng, 3));
            e2e_sleep_ms((unsigned)e2e_below(&rng, 40));
            break;
        case 1:     /* in a large transaction applied in chunks */
            wl_big(W, 10000, false);
            for (double until = e2e_now() + 60; e2e_now() < until;) {
                tcl_checkpoint(&t, E->db, &cp);
                if (cp.rows_done > 0 || !e2e_proc_running(&E->bridge))
                    break;
                e2e_sleep_ms(1);
            }
            mid_txn += cp.rows_done > 0;
            break;
        default:    /* at random, in steady state */
            if (e2e_chance(&rng, 50))
                assert_caught_up(E, &t, 90);
            wl_steps(W, 5 + (unsigned)e2e_below(&rng, 25));
            e2e_sleep_ms((unsigned)e2e_below(&rng, 150));
        }
        if (!e2e_proc_running(&E->bridge))
            e2e_fail_with_bridge_output(E, "the bridge exited by itself before the kill");
        e2e_proc_kill(&E->bridge);
        cr_assert_eq(E->bridge.status, 128 + SIGKILL);
    }
    wl_steps(W, 20);
    e2e_bridge_to_end(E, 180);
    cr_log_info("clkill: 10 kills, %u inside a chunked transaction", mid_txn);
    compare_all(E, &t, W);
    tcl_close(&t);
}

/* ------------------------------------------------------------------ */
/* Slot migration and failover                                         */

/* What node `port` says of the cluster (the sink's own parser of CLUSTER
 * NODES, pinned by test_redis_slots.c). */
static void topology(struct tcl *t, unsigned port, struct redis_topology *top)
{
    redisContext *c = tcl_node(t, port);
    cr_assert(c, "node %u does not answer", port);
    redisReply *r = redisCommand(c, "CLUSTER NODES");
    cr_assert(r && r->type == REDIS_REPLY_STRING);
    struct bb_error err = { 0 };
    cr_assert_eq(redis_topology_parse(top, r->str, r->len, "127.0.0.1", &err), 0, "%s", err.msg);
    freeReplyObject(r);
}

static unsigned key_slot(const char *key)
{
    return redis_key_slot(key, strlen(key));
}

static void node_ok(struct tcl *t, unsigned port, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    redisReply *r = redisvCommand(tcl_node(t, port), fmt, ap);
    va_end(ap);
    cr_assert(r && r->type != REDIS_REPLY_ERROR, "node %u: %s: %s", port, fmt,
              r ? r->str : "no reply");
    freeReplyObject(r);
}

/* Workload steps until one of them changed t_u (its stream is written). */
static void steps_with_t_u(struct workload *W)
{
    uint64_t before = wl_changes(W, WL_U);
    for (int i = 0; i < 100 && wl_changes(W, WL_U) == before; i++)
        wl_steps(W, 3);
    cr_assert_neq(wl_changes(W, WL_U), before, "no change of t_u in 300 steps");
}

Test(bridge_cluster, slot_migration_during_the_workload_asks_and_moves)
{
    struct e2e *E = &E_;
    static struct tcl t;   /* outlives the test body: closed by .fini too */
    begin(E, &t, "clmig", 0);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    e2e_bridge_start(E, NULL);
    steps_with_t_u(W);
    assert_caught_up(E, &t, 90);

    /* The slot of t_u's stream (and of its marker), moved by hand, step by
     * step, so that the bridge meets each state: MIGRATING/IMPORTING with
     * the keys on the source, then with the keys moved (-ASK), then the
     * slot given to the target (-MOVED from the source). */
    char stream[128];
    snprintf(stream, sizeof stream, "%.63s:t_u", E->db);
    unsigned slot = key_slot(stream);
    struct redis_topology top;
    topology(&t, CL_PORT, &top);
    int src = top.owner[slot], dst = -1;
    cr_assert_geq(src, 0);
    for (size_t i = 0; i < top.n && dst < 0; i++)
        if (top.nodes[i].master && (int)i != src)
            dst = (int)i;
    unsigned sport = (unsigned)top.nodes[src].port, dport = (unsigned)top.nodes[dst].port;
    char sid[48], did[48];
    snprintf(sid, sizeof sid, "%s", top.nodes[src].id);
    snprintf(did, sizeof did, "%s", top.nodes[dst].id);
    redis_topology_free(&top);
    cr_log_info("clmig: slot %u of %s from %u to %u", slot, stream, sport, dport);
    node_ok(&t, dport, "CLUSTER SETSLOT %u IMPORTING %s", slot, sid);
    node_ok(&t, sport, "CLUSTER SETSLOT %u MIGRATING %s", slot, did);
    steps_with_t_u(W);
    assert_caught_up(E, &t, 90);
    redisReply *keys = redisCommand(tcl_node(&t, sport), "CLUSTER GETKEYSINSLOT %u 1000", slot);
    cr_assert(keys && keys->type == REDIS_REPLY_ARRAY && keys->elements >= 2,
              "slot %u holds %zu keys (the stream and its marker expected)", slot,
              keys ? keys->elements : 0);
    for (size_t i = 0; i < keys->elements; i++)
        node_ok(&t, sport, "MIGRATE 127.0.0.1 %u %s 0 5000", dport, keys->element[i]->str);
    freeReplyObject(keys);
    steps_with_t_u(W);
    assert_caught_up(E, &t, 90);
    for (unsigned p = CL_PORT; p < CL_PORT + 3; p++)
        if (p != sport)
            node_ok(&t, p, "CLUSTER SETSLOT %u NODE %s", slot, did);
    node_ok(&t, sport, "CLUSTER SETSLOT %u NODE %s", slot, did);
    steps_with_t_u(W);
    assert_caught_up(E, &t, 90);

    /* Then redis-cli --cluster reshard moves 1000 slots while the
     * workload goes on. */
    topology(&t, CL_PORT, &top);
    char from[48] = "", to[48] = "";
    for (size_t i = 0; i < top.n; i++)
        if (top.nodes[i].master && !from[0])
            snprintf(from, sizeof from, "%s", top.nodes[i].id);
        else if (top.nodes[i].master && !to[0])
            snprintf(to, sizeof to, "%s", top.nodes[i].id);
    redis_topology_free(&top);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "redis-cli --cluster reshard 127.0.0.1:%d --cluster-from %s "
             "--cluster-to %s --cluster-slots 1000 --cluster-yes --cluster-pipeline 20 "
             ">%.500s/reshard.log 2>&1", CL_PORT, from, to, E->dir);
    pid_t reshard = fork();
    cr_assert_geq(reshard, 0);
    if (reshard == 0) {
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    double t0 = e2e_now();
    unsigned steps = 0;
    int status = -1;
    while (waitpid(reshard, &status, WNOHANG) == 0) {
        cr_assert_lt(e2e_now() - t0, 300, "redis-cli --cluster reshard still running");
        wl_steps(W, 2);
        steps += 2;
        e2e_sleep_ms(50);   /* a workload of some 40 statements/s: its keys do not run out */
    }
    char log[600];
    snprintf(log, sizeof log, "%.500s/reshard.log", E->dir);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "redis-cli --cluster reshard failed:\n%s", e2e_tail(log, 2000));
    cr_log_info("clmig: resharded 1000 slots in %.1f s beside %u workload steps",
                e2e_now() - t0, steps);
    steps_with_t_u(W);
    assert_caught_up(E, &t, 120);
    e2e_stop_bridge(E, 20);
    wl_steps(W, 20);
    e2e_bridge_to_end(E, 120);
    compare_all(E, &t, W);
    unsigned lines;
    unsigned long long moved = count_in_outputs(E, " MOVED,", &lines);
    unsigned long long asked = count_in_outputs(E, " ASK and", &lines);
    cr_log_info("clmig: the bridge met %llu MOVED and %llu ASK redirections (%u batches)", moved,
                asked, lines);
    cr_assert_gt(moved, 0, "no MOVED redirection was met");
    cr_assert_gt(asked, 0, "no ASK redirection was met");
    tcl_close(&t);
}

Test(bridge_cluster, master_killed_and_replica_promoted_during_the_workload)
{
    struct e2e *E = &E_;
    static struct tcl t;   /* outlives the test body: closed by .fini too */
    begin(E, &t, "clfail", 0);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    e2e_bridge_start(E, NULL);
    steps_with_t_u(W);
    assert_caught_up(E, &t, 90);
    /* kill -9 the master of t_u's stream, in the middle of the workload */
    char stream[128];
    snprintf(stream, sizeof stream, "%.63s:t_u", E->db);
    unsigned slot = key_slot(stream);
    struct redis_topology top;
    topology(&t, CL_PORT + 3, &top);
    unsigned port = (unsigned)top.nodes[top.owner[slot]].port;
    redis_topology_free(&top);
    wl_steps(W, 10);
    char args[64];
    snprintf(args, sizeof args, "kill %u", port);
    cluster_sh(args);
    double t0 = e2e_now();
    wl_steps(W, 30);
    /* its replica takes over (cluster-node-timeout 1 s) */
    unsigned other = port == CL_PORT ? CL_PORT + 1 : CL_PORT;
    int owner = -1;
    for (double until = e2e_now() + 60; e2e_now() < until;) {
        topology(&t, other, &top);
        owner = top.owner[slot] >= 0 ? top.nodes[top.owner[slot]].port : -1;
        redis_topology_free(&top);
        if (owner > 0 && (unsigned)owner != port)
            break;
        e2e_sleep_ms(100);
    }
    cr_assert(owner > 0 && (unsigned)owner != port, "no replica took over slot %u", slot);
    cr_log_info("clfail: master %u killed, replica %d serves slot %u after %.1f s", port, owner,
                slot, e2e_now() - t0);
    wl_steps(W, 30);
    /* the old master comes back, as a replica */
    snprintf(args, sizeof args, "start-node %u", port);
    cluster_sh(args);
    steps_with_t_u(W);
    assert_caught_up(E, &t, 120);
    e2e_stop_bridge(E, 20);
    wl_steps(W, 20);
    e2e_bridge_to_end(E, 120);
    compare_all(E, &t, W);
    tcl_close(&t);
}

Test(bridge_cluster, tls_to_every_node)
{
    struct e2e *E = &E_;
    static struct tcl t;   /* outlives the test body: closed by .fini too */
    begin_on(E, &t, "cltls", 1, true);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    wl_steps(W, 150);
    e2e_bridge_to_end(E, 120);
    char *out = e2e_proc_output(&E->bridge);
    cr_assert(strstr(out, "a Redis Cluster of 3 masters, over TLS (TLSv1.3"), "%s", out);
    free(out);
    compare_all(E, &t, W);
    tcl_close(&t);
}

/* Errors: each one line saying what is wrong. */
static char *run_for(struct e2e *E, const char *url, double seconds, int *status)
{
    snprintf(E->srv.redis_url, sizeof E->srv.redis_url, "%s", url);
    static const char *const extra[] = { "--stop-at-end", NULL };
    e2e_bridge_start(E, extra);
    if (!e2e_proc_wait(&E->bridge, seconds)) {
        e2e_proc_signal(&E->bridge, SIGTERM);
        cr_assert(e2e_proc_wait(&E->bridge, 20));
    }
    *status = E->bridge.status;
    return e2e_proc_output(&E->bridge);
}

Test(bridge_cluster, errors_are_one_clear_line)
{
    struct e2e *E = &E_;
    static struct tcl t;   /* outlives the test body: closed by .fini too */
    begin(E, &t, "clerr", 0);
    int status;
    char url[256];
    /* every seed unreachable */
    unsigned a = test_free_port(), b;
    do
        b = test_free_port();
    while (b == a);
    snprintf(url, sizeof url, "redis://127.0.0.1:%u?seed=127.0.0.1:%u", a, b);
    char *out = run_for(E, url, 3, &status);
    char want[300];
    snprintf(want, sizeof want, "Redis Cluster: no node answers (cannot connect to Redis Cluster "
             "node 127.0.0.1:%u: Connection refused; cannot connect to Redis Cluster node "
             "127.0.0.1:%u: Connection refused)", a, b);
    cr_assert(strstr(out, want), "%s\n%s", want, out);
    free(out);
    /* a database other than 0 */
    snprintf(url, sizeof url, "redis://127.0.0.1:%d/2", CL_PORT);
    out = run_for(E, url, 20, &status);
    cr_assert_eq(status, 2, "%s", out);
    cr_assert(strstr(out, "ERROR Redis at 127.0.0.1:63901 is a Redis Cluster node, and a cluster "
                          "has only database 0: remove the database (/2) from the URL"), "%s", out);
    free(out);
    /* slots that no node serves */
    for (unsigned s = 0; s < 100; s++)
        node_ok(&t, CL_PORT, "CLUSTER DELSLOTS %u", s);
    snprintf(url, sizeof url, "redis://127.0.0.1:%d", CL_PORT);
    out = run_for(E, url, 3, &status);
    cr_assert(strstr(out, "Redis Cluster: 100 of the 16384 slots are served by no node (slots "
                          "0-99): the cluster is down or incomplete"), "%s", out);
    free(out);
    tcl_close(&t);
}

/* Every connection of the bridge to the masters killed (CLIENT KILL), now
 * and then during the workload: batches lose their replies half way, and
 * their transactions are sent again (those with stream entries after
 * reading their slot's marker). Returns how many were killed. */
static unsigned kill_bridge_connections(struct e2e *E, struct tcl *t)
{
    char name[96];
    snprintf(name, sizeof name, "name=binbridge-%.63s ", E->db);
    unsigned killed = 0;
    for (size_t i = 0; i < t->n; i++) {
        redisContext *c = tcl_node(t, t->port[i]);
        if (!c)
            continue;
        redisReply *r = redisCommand(c, "CLIENT LIST");
        cr_assert(r && r->type == REDIS_REPLY_STRING);
        for (char *line = r->str; line && *line;) {
            char *nl = strchr(line, '\n');
            if (nl)
                *nl = '\0';
            if (strstr(line, name) && strncmp(line, "id=", 3) == 0) {
                redisReply *k = redisCommand(c, "CLIENT KILL ID %s", strtok(line + 3, " "));
                killed += k && k->type == REDIS_REPLY_INTEGER && k->integer == 1;
                freeReplyObject(k);
            }
            line = nl ? nl + 1 : NULL;
        }
        freeReplyObject(r);
    }
    return killed;
}

Test(bridge_cluster, connections_killed_during_the_workload)
{
    struct e2e *E = &E_;
    static struct tcl t;   /* outlives the test body: closed by .fini too */
    begin(E, &t, "clconn", 0);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    e2e_bridge_start(E, NULL);
    steps_with_t_u(W);
    assert_caught_up(E, &t, 90);
    unsigned killed = 0;
    for (int round = 0; round < 12; round++) {
        wl_steps(W, 8);
        e2e_sleep_ms(round * 7 % 40);
        killed += kill_bridge_connections(E, &t);
    }
    steps_with_t_u(W);
    assert_caught_up(E, &t, 120);
    e2e_stop_bridge(E, 20);
    cr_assert_gt(killed, 0u, "no connection of the bridge was found to kill");
    cr_log_info("clconn: %u connections of the bridge killed", killed);
    wl_steps(W, 10);
    e2e_bridge_to_end(E, 120);
    compare_all(E, &t, W);
    tcl_close(&t);
}
