/* test_bridge_redis_types.c - `binbridge run` against Redis keys of the
 * wrong type and a Redis that refuses writes for a while (issue 8, items 1
 * and 7): a batch is applied whole or not at all, its checkpoint with it.
 *
 * Before: a command that failed inside EXEC (WRONGTYPE) let Redis apply
 * the rest of the batch and its checkpoint, so the change was lost for
 * good and the next start went on after it; Redis out of memory stopped the
 * bridge; a read-only Redis made it reconnect to MySQL at every retry.
 *
 * The out-of-memory and read-only tests use a Redis of their own (a
 * redis-server child on a free port), since they change its settings; the
 * others the shared servers, with keys under this test's prefix. */
#include <criterion/criterion.h>
#include <criterion/logging.h>

#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/e2e/bridge_util.h"

static struct e2e E_;
static pid_t own_redis;

static void types_fini(void)
{
    e2e_kill_children();
    if (E_.m || E_.r)
        e2e_end(&E_);
    if (own_redis > 0) {
        kill(own_redis, SIGKILL);
        waitpid(own_redis, NULL, 0);
        own_redis = 0;
    }
}

TestSuite(redis_types, .fini = types_fini);

static bool has(const char *out, const char *what)
{
    return out && strstr(out, what) != NULL;
}

static unsigned count(const char *out, const char *what)
{
    unsigned n = 0;
    for (const char *p = out; p && (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

/* Does a MariaDB GTID position ("0-1-42,1-2-7") include GTID "d-s-n"? */
static bool gtid_covers(const char *position, const char *gtid)
{
    unsigned d, s;
    unsigned long long n;
    cr_assert(sscanf(gtid, "%u-%u-%llu", &d, &s, &n) == 3, "not a MariaDB GTID: '%s'", gtid);
    for (const char *p = position; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
        unsigned pd, ps;
        unsigned long long pn;
        if (sscanf(p, "%u-%u-%llu", &pd, &ps, &pn) == 3 && pd == d)
            return pn >= n;
    }
    return false;
}

/* A --stop-at-end run that must fail: its exit code and output. */
static char *bridge_fails(struct e2e *E, int *status)
{
    static const char *const extra[] = { "--stop-at-end", NULL };
    e2e_bridge_start(E, extra);
    bool done = e2e_proc_wait(&E->bridge, 60);
    if (!done)
        e2e_proc_kill(&E->bridge);
    cr_assert(done, "the bridge did not stop:\n%s", e2e_tail(E->bridge.out_path, 3000));
    *status = E->bridge.status;
    return e2e_proc_output(&E->bridge);
}

static redisReply *cmd(struct e2e *E, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    redisReply *r = redisvCommand(E->r, fmt, ap);
    va_end(ap);
    cr_assert(r, "Redis: %s", E->r->errstr);
    return r;
}

static char *type_of(struct e2e *E, const char *key)
{
    redisReply *r = cmd(E, "TYPE %s", key);
    char *t = strdup(r->str ? r->str : "?");
    freeReplyObject(r);
    return t;
}

/* The "id" of every entry of a stream (from its after image, or its
 * before image for a delete), in order, as "1,2,10". */
static char *stream_ids(struct e2e *E, const char *key)
{
    redisReply *r = cmd(E, "XRANGE %s - +", key);
    cr_assert_eq(r->type, REDIS_REPLY_ARRAY, "XRANGE %s: %s", key, r->str ? r->str : "");
    struct e2e_sb sb = { 0 };
    e2e_sb_puts(&sb, "");
    for (size_t i = 0; i < r->elements; i++) {
        redisReply *fields = r->element[i]->element[1];
        const char *image = NULL;
        for (size_t k = 0; k + 1 < fields->elements; k += 2)
            if (strcmp(fields->element[k]->str, "after") == 0 ||
                (!image && strcmp(fields->element[k]->str, "before") == 0))
                image = fields->element[k + 1]->str;
        const char *id = image ? strstr(image, "\"id\":") : NULL;
        cr_assert(id, "an entry of %s without an id", key);
        e2e_sb_printf(&sb, "%s%ld", sb.len ? "," : "", strtol(id + 5, NULL, 10));
    }
    freeReplyObject(r);
    return sb.p;
}

/* ------------------------------------------------------------------ */
/* overwrite (the default)                                             */

Test(redis_types, a_string_at_the_stream_key_is_replaced_and_said)
{
    struct e2e *E = &E_;
    e2e_begin(E, "wtstream", NULL);
    char more[512], skey[128];
    snprintf(skey, sizeof skey, "%.63s:wt:changes", E->db);
    snprintf(more, sizeof more,
             "rules = ( { match = \"%.63s.wt\"; redis = ( { shape = \"stream\"; key = \"{schema}:{table}:"
             "changes\"; } ); } );\n", E->db);
    e2e_write_usual_config(E, __FILE__, more);
    e2e_establish_checkpoint(E);
    e2e_sql(E->m, "CREATE TABLE wt (id INT PRIMARY KEY, v VARCHAR(20))");
    for (int id = 1; id <= 9; id++)
        e2e_sql(E->m, "INSERT INTO wt VALUES (%d, 'v%d')", id, id);
    e2e_bridge_to_end(E, 60);
    char *ids = stream_ids(E, skey);
    cr_assert_str_eq(ids, "1,2,3,4,5,6,7,8,9");
    free(ids);

    /* Another writer leaves a string at the stream's key. */
    freeReplyObject(cmd(E, "SET %s planted", skey));
    e2e_sql(E->m, "INSERT INTO wt VALUES (10, 'v10')");
    e2e_sql(E->m, "INSERT INTO wt VALUES (11, 'v11')");
    e2e_bridge_to_end(E, 60);
    char *out = e2e_proc_output(&E->bridge);
    char *t = type_of(E, skey);
    cr_assert_str_eq(t, "stream", "the key holds a %s:\n%s", t, out);
    free(t);
    ids = stream_ids(E, skey);
    cr_assert_str_eq(ids, "10,11", "the stream after the string was replaced:\n%s", out);
    free(ids);
    char want[300];
    snprintf(want, sizeof want, "key %s held a string where binbridge writes the stream of %.*s.wt: "
             "replaced", skey, (int)sizeof E->db, E->db);
    cr_assert(has(out, want), "no line saying the string was replaced (%s):\n%s", want, out);
    cr_assert_eq(count(out, " WARN "), 1u, "one warning, not %u:\n%s", count(out, " WARN "), out);
    free(out);

    /* And nothing is doubled or lost after: a third run has nothing to do. */
    e2e_sql(E->m, "INSERT INTO wt VALUES (12, 'v12')");
    e2e_bridge_to_end(E, 60);
    ids = stream_ids(E, skey);
    cr_assert_str_eq(ids, "10,11,12");
    free(ids);
}

Test(redis_types, a_partial_row_image_onto_a_string_replaces_it)
{
    struct e2e *E = &E_;
    e2e_begin(E, "wtminimal", NULL);
    e2e_write_usual_config(E, __FILE__, NULL);
    e2e_establish_checkpoint(E);
    e2e_sql(E->m, "CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(20), b VARCHAR(20))");
    e2e_sql(E->m, "INSERT INTO t VALUES (1, 'a1', 'b1'), (2, 'a2', 'b2')");
    e2e_bridge_to_end(E, 60);
    char k1[128], k2[128];
    snprintf(k1, sizeof k1, "%.63s:t:1", E->db);
    snprintf(k2, sizeof k2, "%.63s:t:2", E->db);
    freeReplyObject(cmd(E, "SET %s planted", k1));
    /* MINIMAL images: the update carries the key and column a only, so
     * the sink applies HSET to the hash that is there. */
    e2e_sql(E->m, "SET SESSION binlog_row_image = 'MINIMAL'");
    e2e_sql(E->m, "UPDATE t SET a = 'A1' WHERE id = 1");
    e2e_sql(E->m, "UPDATE t SET a = 'A2' WHERE id = 2");
    e2e_sql(E->m, "SET SESSION binlog_row_image = 'FULL'");
    e2e_bridge_to_end(E, 60);
    char *out = e2e_proc_output(&E->bridge);
    char *t = type_of(E, k1);
    cr_assert_str_eq(t, "hash", "%s holds a %s:\n%s", k1, t, out);
    free(t);
    /* What the change carried; the string's value is gone, said so. */
    redisReply *r = cmd(E, "HGET %s a", k1);
    cr_assert(r->type == REDIS_REPLY_STRING && strcmp(r->str, "A1") == 0, "%s a: %s", k1,
              r->str ? r->str : "(nil)");
    freeReplyObject(r);
    r = cmd(E, "HGETALL %s", k2);
    cr_assert_eq(r->elements, 6u, "%s lost fields: %zu", k2, r->elements);
    freeReplyObject(r);
    r = cmd(E, "HGET %s a", k2);
    cr_assert(r->type == REDIS_REPLY_STRING && strcmp(r->str, "A2") == 0, "the other row's "
              "update was not applied");
    freeReplyObject(r);
    char want[300];
    snprintf(want, sizeof want, "key %s held a string where binbridge writes the hash of %.*s.t: "
             "replaced", k1, (int)sizeof E->db, E->db);
    cr_assert(has(out, want), "no line saying the string was replaced (%s):\n%s", want, out);
    free(out);
}

/* ------------------------------------------------------------------ */
/* stop                                                                */

Test(redis_types, stop_mode_stops_before_the_batch_and_resumes_exactly)
{
    struct e2e *E = &E_;
    e2e_begin(E, "wtstop", NULL);
    char more[600], skey[128], hkey[128];
    snprintf(skey, sizeof skey, "%.63s:s:changes", E->db);
    snprintf(hkey, sizeof hkey, "%.63s:t:1", E->db);
    snprintf(more, sizeof more,
             "redis = { wrong_type = \"stop\"; };\n"
             "rules = ( { match = \"%.63s.s\"; redis = ( { shape = \"stream\"; key = \"{schema}:{table}:"
             "changes\"; } ); } );\n", E->db);
    e2e_write_usual_config(E, __FILE__, more);
    e2e_establish_checkpoint(E);
    e2e_sql(E->m, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
    e2e_sql(E->m, "CREATE TABLE s (id INT PRIMARY KEY, v VARCHAR(20))");
    e2e_sql(E->m, "INSERT INTO t VALUES (1, 'one'), (2, 'two')");
    e2e_sql(E->m, "INSERT INTO s VALUES (1, 'one')");
    e2e_bridge_to_end(E, 60);
    struct e2e_checkpoint before;
    e2e_checkpoint_read(E->r, E->db, &before);

    /* A full row image onto a string: with "overwrite" DEL would replace
     * it; "stop" names the key and applies nothing. */
    freeReplyObject(cmd(E, "SET %s planted", hkey));
    e2e_sql(E->m, "UPDATE t SET v = 'uno' WHERE id = 1");
    char *refused = e2e_sql_value(E->m, "SELECT @@last_gtid");
    e2e_sql(E->m, "INSERT INTO t VALUES (3, 'three')");
    int status;
    char *out = bridge_fails(E, &status);
    cr_assert_eq(status, 1, "exit %d, not 1:\n%s", status, out);
    char want[400];
    snprintf(want, sizeof want, "key %s holds a string where binbridge writes the hash of %.*s.t: "
             "nothing of the batch up to ", hkey, (int)sizeof E->db, E->db);
    cr_assert(has(out, want), "the error does not name the key (%s):\n%s", want, out);
    free(out);
    struct e2e_checkpoint cp;
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert(!gtid_covers(cp.gtid, refused), "the checkpoint (%s) includes the refused "
              "transaction %s", cp.gtid, refused);
    cr_assert(e2e_position_compare(cp.file, cp.pos, before.file, before.pos) >= 0);
    redisReply *r = cmd(E, "GET %s", hkey);
    cr_assert(r->type == REDIS_REPLY_STRING && strcmp(r->str, "planted") == 0,
              "the string was touched");
    freeReplyObject(r);
    r = cmd(E, "EXISTS %s:t:3", E->db);
    cr_assert_eq(r->integer, 0, "a row after the refused one was applied");
    freeReplyObject(r);
    free(refused);

    /* The key removed, a restart applies exactly what was refused. */
    freeReplyObject(cmd(E, "DEL %s", hkey));
    e2e_bridge_to_end(E, 60);
    char ignore[128];
    snprintf(ignore, sizeof ignore, "%.63s:s:*", E->db);
    e2e_compare_default(E, (const char *const[]){ ignore, NULL });

    /* A string at the stream's key: stop, then exactly one entry each. */
    freeReplyObject(cmd(E, "SET %s planted", skey));
    e2e_sql(E->m, "INSERT INTO s VALUES (2, 'two')");
    out = bridge_fails(E, &status);
    cr_assert_eq(status, 1, "exit %d, not 1:\n%s", status, out);
    snprintf(want, sizeof want, "key %s holds a string where binbridge writes the stream of %.*s.s",
             skey, (int)sizeof E->db, E->db);
    cr_assert(has(out, want), "the error does not name the key (%s):\n%s", want, out);
    free(out);
    freeReplyObject(cmd(E, "DEL %s", skey));
    e2e_bridge_to_end(E, 60);
    char *ids = stream_ids(E, skey);
    cr_assert_str_eq(ids, "2", "the stream after the restart");
    free(ids);
    e2e_bridge_to_end(E, 60);
    ids = stream_ids(E, skey);
    cr_assert_str_eq(ids, "2", "a run with nothing to do changed the stream");
    free(ids);
}

/* ------------------------------------------------------------------ */
/* A Redis that refuses writes for a while                             */

/* A redis-server of this test's own on a free port (no persistence). */
static unsigned start_own_redis(void)
{
    unsigned port = e2e_free_port();
    char portarg[16];
    snprintf(portarg, sizeof portarg, "%u", port);
    pid_t pid = fork();
    cr_assert(pid >= 0, "fork failed");
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) {
            dup2(devnull, 1);
            dup2(devnull, 2);
        }
        execlp("redis-server", "redis-server", "--port", portarg, "--bind", "127.0.0.1",
               "--save", "", "--appendonly", "no", "--daemonize", "no", (char *)NULL);
        _exit(127);
    }
    own_redis = pid;
    struct e2e_servers s;
    e2e_servers_from_env(&s);
    s.redis_port = port;
    redisContext *c = e2e_redis_connect_retry(&s, 20);
    redisFree(c);
    return port;
}

/* The bridge's log lines that mention connecting to the source. */
static unsigned source_connections(const char *out)
{
    return count(out, "connected to MariaDB");
}

static void refuse_then_accept(const char *tag, const char *refuse, const char *accept,
                               const char *reason)
{
    struct e2e_servers srv;
    e2e_servers_from_env(&srv);
    srv.redis_port = start_own_redis();
    snprintf(srv.redis_url, sizeof srv.redis_url, "redis://%s:%u/0", srv.host, srv.redis_port);
    struct e2e *E = &E_;
    e2e_begin(E, tag, &srv);
    e2e_write_usual_config(E, __FILE__, NULL);
    e2e_establish_checkpoint(E);
    e2e_sql(E->m, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(100))");
    e2e_bridge_start(E, NULL);
    for (int id = 1; id <= 20; id++)
        e2e_sql(E->m, "INSERT INTO t VALUES (%d, REPEAT('x', 90))", id);
    e2e_assert_caught_up(E, 60);

    freeReplyObject(cmd(E, refuse));
    for (int id = 21; id <= 60; id++)
        e2e_sql(E->m, "INSERT INTO t VALUES (%d, REPEAT('y', 90))", id);
    /* The refusal is logged once, and the bridge waits. */
    double until = e2e_now() + 30;
    char *out = NULL;
    while (e2e_now() < until) {
        free(out);
        out = e2e_proc_output(&E->bridge);
        if (has(out, reason))
            break;
        e2e_sleep_ms(50);
    }
    cr_assert(has(out, reason), "no line about %s:\n%s", reason, out);
    free(out);
    e2e_sleep_ms(1500);   /* several retries (50 ms doubling to 500 ms) */
    cr_assert(e2e_proc_running(&E->bridge), "the bridge stopped:\n%s",
              e2e_tail(E->bridge.out_path, 3000));
    redisReply *r = cmd(E, "EXISTS %s:t:21", E->db);
    cr_assert_eq(r->integer, 0, "a refused batch was applied");
    freeReplyObject(r);

    freeReplyObject(cmd(E, accept));
    e2e_assert_caught_up(E, 60);
    e2e_stop_bridge(E, 10);
    cr_assert_eq(E->bridge.status, 0, "exit %d", E->bridge.status);
    out = e2e_proc_output(&E->bridge);
    cr_assert_eq(count(out, reason), 1u, "the refusal was logged %u times, not once:\n%s",
                 count(out, reason), out);
    cr_assert_eq(count(out, "takes writes again after"), 1u, "no single line saying writes "
                 "go through again:\n%s", out);
    cr_assert_eq(source_connections(out), 1u, "the bridge connected to the source %u times:\n%s",
                 source_connections(out), out);
    free(out);
    e2e_compare_default(E, NULL);
}

Test(redis_types, redis_out_of_memory_is_waited_for)
{
    /* maxmemory 1 byte: every write is refused (noeviction), reads go on. */
    refuse_then_accept("wtoom", "CONFIG SET maxmemory 1", "CONFIG SET maxmemory 0",
                       "command not allowed when used memory");
}

Test(redis_types, a_read_only_redis_is_waited_for)
{
    /* A replica of a server that is not there: it keeps its data and
     * refuses writes, as during a failover. */
    unsigned closed = e2e_free_port();
    char replicaof[64];
    snprintf(replicaof, sizeof replicaof, "REPLICAOF 127.0.0.1 %u", closed);
    refuse_then_accept("wtro", replicaof, "REPLICAOF NO ONE", "READONLY");
}
