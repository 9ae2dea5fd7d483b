/* test_failover.c - following the source through a primary failover by
 * GTID (README, "Failover"): a private MariaDB primary and its GTID
 * replica (tests/failover/pair.sh, never the shared servers, since these
 * tests kill and promote them), the real `binbridge run` given both URLs,
 * the seeded random workload of the end-to-end tests, and a comparison of
 * Redis with a fresh SELECT of the new primary.
 *
 * The primary is killed -9 between statements of the workload, once the
 * replica has received everything it logged (a primary dying with
 * transactions its replica never got is the "behind" case, tested on its
 * own, where it can be made to happen for sure). Change streams are
 * checked by content (as many entries as the workload's changes, none
 * twice), since positions of two servers do not order them.
 *
 * Run through scripts/run-tests.sh (BB_MARIADB_*, BB_REDIS_*, BB_BINBRIDGE). */
#include <criterion/criterion.h>
#include <criterion/logging.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/e2e/bridge_util.h"
#include "tests/failover/failover_util.h"
#include "tests/service/http_get.h"
#include "tests/testutil.h"

static struct e2e E_;
static struct workload W_;
static struct fo_pair P_;

static void failover_fini(void)
{
    e2e_kill_children();
    if (W_.E)
        wl_free(&W_);
    if (E_.m || E_.r)
        e2e_end(&E_);
    fo_pair_stop(&P_);
    memset(&W_, 0, sizeof W_);
}

TestSuite(failover, .fini = failover_fini);

/* The usual configuration, with a change stream of t_u beside its hashes. */
static void stream_config(struct e2e *E, const char *more)
{
    char rules[600];
    snprintf(rules, sizeof rules,
             "rules = ( { match = \"%.63s.t_u\"; redis = ( {}, { shape = \"stream\"; } ); } );\n"
             "%s", E->db, more ? more : "");
    e2e_write_usual_config(E, "tests/failover/test_failover.c", rules);
}

/* "--source primary,replica" for e2e_bridge_start (E->srv's URL comes
 * first; this one replaces it: the last --source wins). */
static void both_sources(const struct fo_pair *p, char *buf, size_t size)
{
    snprintf(buf, size, "%.250s,%.250s", p->srv[0].mysql_url, p->srv[1].mysql_url);
}

/* A --stop-at-end run with both servers, to completion (exit 0). */
static void to_end_both(struct e2e *E, const char *sources, double seconds)
{
    const char *const extra[] = { "--source", sources, "--stop-at-end", NULL };
    e2e_bridge_start(E, extra);
    bool done = e2e_proc_wait(&E->bridge, seconds);
    if (!done)
        e2e_proc_kill(&E->bridge);
    if (!done || E->bridge.status != 0)
        e2e_fail_with_bridge_output(E, done ? "binbridge run --stop-at-end failed"
                                            : "binbridge run --stop-at-end still running");
}

static void compare_all(struct e2e *E, const struct workload *W)
{
    char stream[128];
    snprintf(stream, sizeof stream, "%.63s:t_u", E->db);
    const char *const ignored[] = { stream, NULL };
    e2e_compare_default(E, ignored);
    fo_check_stream(E, W, stream);
}

/* The GTID position of a server: @@gtid_binlog_pos. */
static char *binlog_pos(MYSQL *m)
{
    char *v = e2e_sql_value(m, "SELECT @@gtid_binlog_pos");
    cr_assert(v);
    return v;
}

/* ------------------------------------------------------------------ */
/* The primary dies, the replica is promoted, the bridge follows it     */

Test(failover, primary_killed_bridge_switches_to_the_promoted_replica)
{
    struct e2e *E = &E_;
    struct fo_pair *p = &P_;
    fo_pair_start(p, "switch");
    e2e_begin(E, "foswitch", &p->srv[0]);
    stream_config(E, NULL);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    char sources[600], addr[64];
    both_sources(p, sources, sizeof sources);
    unsigned http_port = e2e_free_port();
    snprintf(addr, sizeof addr, "127.0.0.1:%u", http_port);
    const char *const extra[] = { "--source", sources, "--http", addr, NULL };
    e2e_bridge_start(E, extra);

    wl_steps(W, 120);
    wl_big(W, 3000, true);
    wl_steps(W, 40);
    fo_wait_replica_received(p, E->m);
    char *before = binlog_pos(E->m);
    fo_pair_do(p, "kill-primary");
    double killed = e2e_now();
    fo_pair_do(p, "promote");
    fo_follow_replica(p, E, W);
    /* the workload goes on on the new primary (server id 2) */
    wl_steps(W, 120);
    wl_big(W, 2000, false);
    wl_steps(W, 20);
    e2e_assert_caught_up(E, 120);
    double switched = e2e_now() - killed;
    /* /metrics names the server followed, and counts the switch */
    struct http_answer a;
    http_request(http_port, "GET", "/metrics", &a);
    cr_assert_eq(a.status, 200);
    char info[200];
    snprintf(info, sizeof info, "binbridge_source_info{server=\"127.0.0.1:%u\"}", p->port[1]);
    double v = 0;
    cr_expect(metrics_sample(a.body, info, &v) && v == 1, "no %s 1 in:\n%.2000s", info, a.body);
    cr_expect(metrics_sample(a.body, "binbridge_source_switches_total", &v) && v == 1,
              "binbridge_source_switches_total is not 1");
    http_answer_free(&a);
    e2e_stop_bridge(E, 30);

    char *out = e2e_proc_output(&E->bridge);
    char want[200];
    snprintf(want, sizeof want, "switched source: following 127.0.0.1:%u (2 of 2) by GTID "
             "instead of 127.0.0.1:%u: ", p->port[1], p->port[0]);
    cr_expect_eq(fo_count_lines(out, want), 1u, "no one line says which server it follows "
                 "and why:\n%s", e2e_tail(E->bridge.out_path, 4000));
    cr_expect_eq(fo_count_lines(out, "following 127.0.0.1"), 1u, "%s", out);
    free(out);
    compare_all(E, W);
    char *after = binlog_pos(E->m);
    cr_assert(strstr(after, "0-2-"), "the new primary wrote no transaction of its own: %s", after);
    struct e2e_checkpoint cp;
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert_str_eq(cp.gtid, after, "the checkpoint's GTID position is not the new primary's");
    cr_log_info("foswitch: the primary died at %s; the bridge caught up on the new primary "
                "within %.1f s of the kill (incl. %u statements of workload); now at %s", before,
                switched, W->statements, after);
    free(before);
    free(after);
}

/* ------------------------------------------------------------------ */
/* The bridge dies too, inside a large transaction; the new primary     */
/* brings a new server id and a new domain                              */

Test(failover, bridge_killed_in_a_large_transaction_during_the_switch_resumes_on_the_replica)
{
    struct e2e *E = &E_;
    struct fo_pair *p = &P_;
    fo_pair_start(p, "bkill");
    e2e_begin(E, "fobkill", &p->srv[0]);
    stream_config(E, NULL);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    char sources[600];
    both_sources(p, sources, sizeof sources);
    const char *const extra[] = { "--source", sources, NULL };
    e2e_bridge_start(E, extra);
    wl_steps(W, 60);
    e2e_assert_caught_up(E, 60);
    /* kill -9 the bridge once a chunk of the large transaction is saved */
    wl_big(W, 20000, true);
    struct e2e_checkpoint cp;
    double until = e2e_now() + 60;
    for (;;) {
        e2e_checkpoint_read(E->r, E->db, &cp);
        if (cp.rows_done > 0 || e2e_now() > until || !e2e_proc_running(&E->bridge))
            break;
        e2e_sleep_ms(1);
    }
    if (!e2e_proc_running(&E->bridge))
        e2e_fail_with_bridge_output(E, "the bridge exited by itself");
    e2e_proc_kill(&E->bridge);
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert_gt(cp.rows_done, 0, "no chunk checkpoint was saved during the large transaction");
    uint64_t rows_done = cp.rows_done;
    wl_steps(W, 10);
    fo_wait_replica_received(p, E->m);
    fo_pair_do(p, "kill-primary");
    fo_pair_do(p, "promote");
    fo_follow_replica(p, E, W);
    /* transactions of a new server id (2) and of a new domain (7), before
     * the bridge ever saw the new primary: applied from their start */
    wl_steps(W, 30);
    e2e_sql(E->m, "SET SESSION gtid_domain_id = 7");
    wl_steps(W, 30);
    e2e_sql(E->m, "SET SESSION gtid_domain_id = 0");
    wl_steps(W, 10);
    char *pos = binlog_pos(E->m);
    cr_assert(strstr(pos, "7-2-"), "no transaction of domain 7: %s", pos);

    to_end_both(E, sources, 180);
    char *out = e2e_proc_output(&E->bridge);
    cr_expect_eq(fo_count_lines(out, "resuming by GTID after"), 1u, "%s", out);
    cr_expect_eq(fo_count_lines(out, "inside the next transaction"), 1u,
                 "it did not say it resumes inside a transaction:\n%s", out);
    char want[200];
    snprintf(want, sizeof want, "following source 127.0.0.1:%u (2 of 2), the first ones cannot "
             "serve: ", p->port[1]);
    cr_expect_eq(fo_count_lines(out, want), 1u, "%s", out);
    free(out);
    compare_all(E, W);
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert_str_eq(cp.gtid, pos, "the checkpoint's GTID position is not the new primary's");
    cr_log_info("fobkill: killed with %llu rows of the large transaction applied; resumed on "
                "the new primary, now at %s", (unsigned long long)rows_done, pos);
    free(pos);
}

/* ------------------------------------------------------------------ */
/* A replica that is behind                                             */

/* It received but had not applied the last transactions: the bridge
 * waits, and follows it once it has caught up. */
Test(failover, replica_behind_is_waited_for_until_it_catches_up)
{
    struct e2e *E = &E_;
    struct fo_pair *p = &P_;
    fo_pair_start(p, "wait");
    e2e_begin(E, "fowait", &p->srv[0]);
    stream_config(E, NULL);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    char sources[600];
    both_sources(p, sources, sizeof sources);
    const char *const extra[] = { "--source", sources, NULL };
    e2e_bridge_start(E, extra);
    wl_steps(W, 40);
    fo_pair_do(p, "stop-sql");
    wl_steps(W, 40);
    fo_wait_replica_received(p, E->m);
    e2e_assert_caught_up(E, 60);
    fo_pair_do(p, "kill-primary");
    /* the bridge says it waits, and waits */
    double until = e2e_now() + 60;
    char *out = NULL;
    for (;;) {
        free(out);
        out = e2e_proc_output(&E->bridge);
        if (strstr(out, "lacks transactions the sinks already hold") || e2e_now() > until ||
            !e2e_proc_running(&E->bridge))
            break;
        e2e_sleep_ms(50);
    }
    cr_assert_eq(fo_count_lines(out, "lacks transactions the sinks already hold"), 1u,
                 "no one line says it waits for the replica:\n%s", out);
    cr_assert(strstr(out, "waiting up to 60 s"), "%s", out);
    free(out);
    fo_pair_do(p, "start-sql");
    fo_pair_do(p, "promote");
    fo_follow_replica(p, E, W);
    wl_steps(W, 40);
    e2e_assert_caught_up(E, 120);
    e2e_stop_bridge(E, 30);
    out = e2e_proc_output(&E->bridge);
    cr_expect_eq(fo_count_lines(out, "has caught up after"), 1u, "%s", out);
    free(out);
    compare_all(E, W);
}

/* It never got the last transactions (replication stopped): the bridge
 * waits source.catch_up_wait, then stops with one line naming the GTIDs
 * the sinks hold and the server lacks, even though the new primary has
 * written as many transactions of its own since. */
Test(failover, replica_that_lost_transactions_stops_the_bridge_naming_them)
{
    struct e2e *E = &E_;
    struct fo_pair *p = &P_;
    fo_pair_start(p, "lost");
    e2e_begin(E, "folost", &p->srv[0]);
    e2e_write_config(E, "bridge.conf", "include_schemas = [ \"%s\" ];\n"
                     "source = { heartbeat = 0.5; catch_up_wait = 2; };\n"
                     "batch = { bytes = 65536; delay_ms = 20; };\n"
                     "retry = { initial_ms = 50; max_ms = 500; };\n", E->db);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    char sources[600];
    both_sources(p, sources, sizeof sources);
    wl_steps(W, 30);
    fo_wait_replica_received(p, E->m);
    char *had = binlog_pos(E->m);
    fo_pair_do(p, "stop-io");
    wl_steps(W, 30);
    char *last = binlog_pos(E->m);
    const char *const to_end[] = { "--source", sources, "--stop-at-end", NULL };
    e2e_bridge_start(E, to_end);
    cr_assert(e2e_proc_wait(&E->bridge, 60) && E->bridge.status == 0, "%s",
              e2e_tail(E->bridge.out_path, 3000));
    fo_pair_do(p, "kill-primary");
    fo_pair_do(p, "promote");
    fo_follow_replica(p, E, W);
    /* as many transactions of its own as it lacks, and more (outside the
     * workload, whose model holds the lost ones) */
    e2e_sql(E->m, "CREATE TABLE extra (id INT PRIMARY KEY)");
    for (int i = 0; i < 60; i++)
        e2e_sql(E->m, "INSERT INTO extra VALUES (%d)", i);
    unsigned d, s;
    unsigned long long from, to;
    cr_assert_eq(sscanf(had, "%u-%u-%llu", &d, &s, &from), 3, "%s", had);
    cr_assert_eq(sscanf(last, "%u-%u-%llu", &d, &s, &to), 3, "%s", last);
    cr_assert_gt(to, from);

    char *out;
    const char *argv[] = { "run", "--config", E->config, "--source", sources, "--redis",
                           E->srv.redis_url, "--checkpoint", E->db, "--log-level", "error",
                           NULL };
    int rc = e2e_run_cmd(E, argv, 60, &out);
    char line[2048], want[200];
    size_t lines = e2e_output_lines(out, line, sizeof line);
    cr_assert_eq(rc, 1, "exit %d, not 1:\n%s", rc, out);
    cr_assert_eq(lines, 1u, "%zu lines, not one:\n%s", lines, out);
    snprintf(want, sizeof want, "lacks transactions the sinks already hold: %u-%u-%llu..%u-%u-%llu;",
             d, s, from + 1, d, s, to);
    cr_assert(strstr(line, want), "the line does not name %s:\n%s", want, line);
    cr_assert(strstr(line, "snapshot"), "the line does not say what to do:\n%s", line);
    cr_log_info("folost: %s", line);
    free(out);
    free(had);
    free(last);
}

/* ------------------------------------------------------------------ */
/* Purged on the new primary                                            */

Test(failover, gtids_purged_on_the_new_primary_stop_the_bridge_saying_what_to_do)
{
    struct e2e *E = &E_;
    struct fo_pair *p = &P_;
    fo_pair_start(p, "purge");
    e2e_begin(E, "fopurge", &p->srv[0]);
    stream_config(E, NULL);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    char sources[600];
    both_sources(p, sources, sizeof sources);
    wl_steps(W, 20);
    e2e_bridge_to_end(E, 60);
    /* more, which the bridge has not read, then the replica purges them */
    wl_steps(W, 20);
    fo_wait_replica_received(p, E->m);
    fo_pair_do(p, "kill-primary");
    fo_pair_do(p, "promote");
    fo_follow_replica(p, E, W);
    e2e_sql(E->m, "FLUSH BINARY LOGS");
    char file[256];
    uint64_t pos;
    e2e_master_status(E->m, file, sizeof file, &pos);
    /* a binlog goes once its binlog checkpoint is written: try again */
    double until = e2e_now() + 30;
    for (;;) {
        e2e_sql(E->m, "PURGE BINARY LOGS TO '%s'", file);
        MYSQL_RES *res;
        cr_assert_eq(mysql_query(E->m, "SHOW BINARY LOGS"), 0);
        res = mysql_store_result(E->m);
        my_ulonglong n = res ? mysql_num_rows(res) : 0;
        if (res)
            mysql_free_result(res);
        if (n == 1)
            break;
        cr_assert(e2e_now() < until, "the new primary keeps %llu binlogs after PURGE",
                  (unsigned long long)n);
        e2e_sleep_ms(100);
    }

    char *out;
    const char *argv[] = { "run", "--config", E->config, "--source", sources, "--redis",
                           E->srv.redis_url, "--checkpoint", E->db, "--log-level", "error",
                           "--stop-at-end", NULL };
    int rc = e2e_run_cmd(E, argv, 60, &out);
    char line[2048];
    size_t lines = e2e_output_lines(out, line, sizeof line);
    cr_assert_eq(rc, 1, "exit %d, not 1:\n%s", rc, out);
    cr_assert_eq(lines, 1u, "%zu lines, not one:\n%s", lines, out);
    cr_assert(strstr(line, "purged") && strstr(line, "source.start = \"snapshot\"") &&
              strstr(line, "delete the checkpoint"), "the line does not say what happened and "
              "what to do:\n%s", line);
    cr_log_info("fopurge: %s", line);
    free(out);
}

/* ------------------------------------------------------------------ */
/* source.resume = position: no failover                                */

Test(failover, resume_by_position_refuses_the_other_server)
{
    struct e2e *E = &E_;
    struct fo_pair *p = &P_;
    fo_pair_start(p, "pos");
    e2e_begin(E, "fopos", &p->srv[0]);
    stream_config(E, NULL);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    wl_steps(W, 20);
    fo_wait_replica_received(p, E->m);
    fo_pair_do(p, "kill-primary");
    fo_pair_do(p, "promote");
    char sources[600];
    both_sources(p, sources, sizeof sources);
    char *out;
    const char *argv[] = { "run", "--config", E->config, "--source", sources, "--redis",
                           E->srv.redis_url, "--checkpoint", E->db, "--log-level", "warn",
                           "--resume", "position", "--stop-at-end", NULL };
    /* the primary is gone: retried with backoff, so stopped with SIGTERM */
    struct e2e_proc proc;
    char path[700];
    snprintf(path, sizeof path, "%.600s/pos.log", E->dir);
    (void)out;
    e2e_proc_start(&proc, path, argv + 0);
    e2e_sleep_ms(3000);
    cr_assert(e2e_proc_running(&proc), "%s", e2e_tail(path, 2000));
    e2e_proc_signal(&proc, SIGTERM);
    cr_assert(e2e_proc_wait(&proc, 30));
    out = e2e_proc_output(&proc);
    cr_assert(strstr(out, "is one of server_id 1, not of this server (2) (source.resume is "
                          "\"position\")"), "%s", out);
    free(out);
}

/* ------------------------------------------------------------------ */
/* Checkpoints of an older binbridge (the shared servers: nothing here  */
/* kills or promotes)                                                   */

/* A record without the format and txn_gtid fields: MariaDB's GTID
 * position was already whole, so it resumes by GTID; one saved inside a
 * large transaction (rows_done) names no transaction and resumes by
 * position, skipping the rows it applied. Either way the hashes and the
 * stream end up exact. */
Test(failover, checkpoints_of_an_older_binbridge_are_resumed)
{
    struct e2e *E = &E_;
    e2e_begin(E, "foold", NULL);
    stream_config(E, NULL);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    wl_steps(W, 60);
    e2e_bridge_to_end(E, 60);
    /* as an older binbridge wrote it */
    freeReplyObject(e2e_redis(E->r, "HDEL binbridge:checkpoint:%s format txn_gtid", E->db));
    wl_steps(W, 60);
    e2e_bridge_to_end(E, 60);
    char *out = e2e_proc_output(&E->bridge);
    cr_expect_eq(fo_count_lines(out, "resuming by GTID after"), 1u, "%s", out);
    free(out);
    struct e2e_checkpoint cp;
    e2e_checkpoint_read(E->r, E->db, &cp);
    redisReply *r = e2e_redis(E->r, "HGET binbridge:checkpoint:%s format", E->db);
    cr_expect(r->type == REDIS_REPLY_STRING && strcmp(r->str, "3") == 0,
              "the next checkpoint is not of format 3");
    freeReplyObject(r);

    /* inside a large transaction, killed, the record then made old */
    e2e_bridge_start(E, NULL);
    wl_big(W, 20000, true);
    double until = e2e_now() + 60;
    for (;;) {
        e2e_checkpoint_read(E->r, E->db, &cp);
        if (cp.rows_done > 0 || e2e_now() > until || !e2e_proc_running(&E->bridge))
            break;
        e2e_sleep_ms(1);
    }
    if (!e2e_proc_running(&E->bridge))
        e2e_fail_with_bridge_output(E, "the bridge exited by itself");
    e2e_proc_kill(&E->bridge);
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert_gt(cp.rows_done, 0, "no chunk checkpoint was saved during the large transaction");
    r = e2e_redis(E->r, "HGET binbridge:checkpoint:%s txn_gtid", E->db);
    cr_assert(r->type == REDIS_REPLY_STRING && r->str[0], "a chunk checkpoint names no GTID");
    freeReplyObject(r);
    freeReplyObject(e2e_redis(E->r, "HDEL binbridge:checkpoint:%s format txn_gtid", E->db));
    wl_steps(W, 20);
    e2e_bridge_to_end(E, 120);
    out = e2e_proc_output(&E->bridge);
    char want[300];
    snprintf(want, sizeof want, "resuming at %.200s:%llu+%llu rows", cp.file,
             (unsigned long long)cp.pos, (unsigned long long)cp.rows_done);
    cr_expect_eq(fo_count_lines(out, want), 1u, "no '%s' in:\n%s", want, out);
    free(out);
    compare_all(E, W);
}

/* ------------------------------------------------------------------ */
/* An XA transaction prepared on the old primary, committed on the new  */

/* Its rows are read again at XA COMMIT from where the checkpoint says
 * they are: a position of the old primary, which means nothing on the
 * new one. The bridge stops with one line naming it rather than read
 * whatever is at that position there (README, "Failover", known limits). */
Test(failover, xa_prepared_before_the_switch_committed_after_it_stops_naming_it)
{
    struct e2e *E = &E_;
    struct fo_pair *p = &P_;
    fo_pair_start(p, "xa");
    e2e_begin(E, "foxa", &p->srv[0]);
    stream_config(E, NULL);
    e2e_establish_checkpoint(E);
    char sources[600];
    both_sources(p, sources, sizeof sources);
    e2e_sql(E->m, "CREATE TABLE t (id INT PRIMARY KEY, v INT)");
    MYSQL *mx = e2e_sql_connect(&E->srv);
    e2e_sql(mx, "USE %s", E->db);
    e2e_sql(mx, "XA START 'foxa'");
    e2e_sql(mx, "INSERT INTO t VALUES (1, 1)");
    e2e_sql(mx, "XA END 'foxa'");
    e2e_sql(mx, "XA PREPARE 'foxa'");
    to_end_both(E, sources, 60);
    struct e2e_checkpoint cp;
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert(strstr(cp.xa_pending, "@"), "the prepared transaction is not pending: '%s'",
              cp.xa_pending);
    fo_wait_replica_received(p, E->m);
    fo_pair_do(p, "kill-primary");
    mysql_close(mx);
    fo_pair_do(p, "promote");
    fo_follow_replica(p, E, NULL);
    e2e_sql(E->m, "XA COMMIT 'foxa'");
    char *out;
    const char *argv[] = { "run", "--config", E->config, "--source", sources, "--redis",
                           E->srv.redis_url, "--checkpoint", E->db, "--log-level", "error",
                           "--stop-at-end", NULL };
    int rc = e2e_run_cmd(E, argv, 60, &out);
    char line[2048];
    size_t lines = e2e_output_lines(out, line, sizeof line);
    cr_assert_eq(rc, 1, "exit %d, not 1:\n%s", rc, out);
    cr_assert_eq(lines, 1u, "%zu lines, not one:\n%s", lines, out);
    cr_assert(strstr(line, "XA COMMIT of ") && strstr(line, "before a switch to this server"),
              "%s", line);
    redisReply *r = e2e_redis(E->r, "EXISTS %s:t:1", E->db);
    cr_assert_eq(r->integer, 0, "its row was written from the wrong server's binlog");
    freeReplyObject(r);
    cr_log_info("foxa: %s", line);
    free(out);
}

/* The same, but the bridge saved a transaction of the new primary before
 * it stopped: the checkpoint's own position is then the new primary's,
 * while the pending entry still points into the old primary's binlog.
 * The entry must say which server it is of (it is not the checkpoint's
 * server any more), else a restart reads the XA PREPARE at the old
 * primary's file and offset on the new primary. The replica's binlog is
 * rotated before the XA transaction, so that place there is surely not
 * where its XA PREPARE is. */
Test(failover, xa_prepared_before_the_switch_committed_after_a_saved_new_transaction)
{
    struct e2e *E = &E_;
    struct fo_pair *p = &P_;
    fo_pair_start(p, "xa2");
    e2e_begin(E, "foxa2", &p->srv[0]);
    stream_config(E, NULL);
    e2e_establish_checkpoint(E);
    char sources[600];
    both_sources(p, sources, sizeof sources);
    e2e_sql(E->m, "CREATE TABLE t (id INT PRIMARY KEY, v INT)");
    MYSQL *rep = e2e_sql_connect(&p->srv[1]);
    e2e_sql(rep, "FLUSH BINARY LOGS");
    mysql_close(rep);
    const char *const extra[] = { "--source", sources, NULL };
    e2e_bridge_start(E, extra);
    MYSQL *mx = e2e_sql_connect(&E->srv);
    e2e_sql(mx, "USE %s", E->db);
    e2e_sql(mx, "XA START 'foxa2'");
    e2e_sql(mx, "INSERT INTO t VALUES (1, 1)");
    e2e_sql(mx, "XA END 'foxa2'");
    e2e_sql(mx, "XA PREPARE 'foxa2'");
    e2e_sql(E->m, "INSERT INTO t VALUES (2, 2)");
    e2e_assert_caught_up(E, 60);
    struct e2e_checkpoint cp;
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert(strstr(cp.xa_pending, "X'666F786132',X'',1@"),
              "the prepared transaction is not pending: '%s'", cp.xa_pending);
    cr_assert_eq(cp.server_id, 1, "the checkpoint is not the old primary's");
    fo_wait_replica_received(p, E->m);
    fo_pair_do(p, "kill-primary");
    mysql_close(mx);
    fo_pair_do(p, "promote");
    fo_follow_replica(p, E, NULL);
    /* a transaction of the new primary, saved: the checkpoint is its */
    e2e_sql(E->m, "INSERT INTO t VALUES (3, 3)");
    e2e_assert_caught_up(E, 120);
    e2e_stop_bridge(E, 30);
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert_eq(cp.server_id, 2, "the checkpoint is not the new primary's");
    cr_assert(strstr(cp.xa_pending, "X'666F786132',X'',1@"),
              "the prepared transaction is no longer pending: '%s'", cp.xa_pending);

    e2e_sql(E->m, "XA COMMIT 'foxa2'");
    char *out;
    const char *argv[] = { "run", "--config", E->config, "--source", sources, "--redis",
                           E->srv.redis_url, "--checkpoint", E->db, "--log-level", "error",
                           "--stop-at-end", NULL };
    int rc = e2e_run_cmd(E, argv, 60, &out);
    char line[2048];
    size_t lines = e2e_output_lines(out, line, sizeof line);
    cr_assert_eq(rc, 1, "exit %d, not 1:\n%s", rc, out);
    cr_assert_eq(lines, 1u, "%zu lines, not one:\n%s", lines, out);
    cr_assert(strstr(line, "XA COMMIT of X'666F786132',X'',1") &&
              strstr(line, "before a switch to this server") && strstr(line, "server_id 1") &&
              strstr(line, "snapshot"), "%s", line);
    redisReply *r = e2e_redis(E->r, "EXISTS %s:t:1", E->db);
    cr_assert_eq(r->integer, 0, "its row was written from the wrong server's binlog");
    freeReplyObject(r);
    r = e2e_redis(E->r, "EXISTS %s:t:3", E->db);
    cr_assert_eq(r->integer, 1, "the new primary's transaction was not applied");
    freeReplyObject(r);
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert(strstr(cp.xa_pending, "X'666F786132',X'',1@"),
              "the stop lost the pending entry: '%s'", cp.xa_pending);
    cr_log_info("foxa2: %s", line);
    free(out);
}

/* status with several sources: the first that answers, named; the saved
 * position is shown both ways (file and offset, GTID). */
Test(failover, status_with_several_sources_names_the_one_that_answers)
{
    struct e2e *E = &E_;
    e2e_begin(E, "fostatus", NULL);
    stream_config(E, NULL);
    e2e_establish_checkpoint(E);
    unsigned closed = e2e_free_port();
    char sources[600];
    snprintf(sources, sizeof sources, "mysql://bbrepl:bbrepl@127.0.0.1:%u,%.250s", closed,
             E->srv.mysql_url);
    const char *argv[] = { "status", "--config", E->config, "--source", sources, "--redis",
                           E->srv.redis_url, "--checkpoint", E->db, NULL };
    char *out;
    int rc = e2e_run_cmd(E, argv, 60, &out);
    cr_assert_eq(rc, 0, "exit %d:\n%s", rc, out);
    char want[200];
    snprintf(want, sizeof want, "server %.63s:%u: mysql-bin.", E->srv.host, E->srv.mariadb_port);
    cr_expect_eq(fo_count_lines(out, want), 1u, "no line '%s' in:\n%s", want, out);
    snprintf(want, sizeof want, "127.0.0.1:%u", closed);
    cr_expect_eq(fo_count_lines(out, "trying the next source"), 1u, "%s", out);
    cr_expect(strstr(out, want), "the source that did not answer is not named:\n%s", out);
    cr_expect_eq(fo_count_lines(out, "redis checkpoint"), 1u, "%s", out);
    cr_expect(strstr(out, " (gtid 0-"), "the saved GTID position is not shown:\n%s", out);
    free(out);
}

/* ------------------------------------------------------------------ */
/* start = earliest on a server whose older binlogs are purged          */

/* A domain that wrote nothing in the binlogs still there is in the
 * GTID_LIST at their start: the checkpoint takes it from there, so a
 * resume by GTID does not ask for that domain's purged history. */
Test(failover, earliest_start_keeps_idle_domains_for_the_resume)
{
    struct e2e *E = &E_;
    struct fo_pair *p = &P_;
    fo_pair_start(p, "early");
    e2e_begin(E, "foearly", &p->srv[0]);
    stream_config(E, NULL);
    e2e_sql(E->m, "CREATE TABLE t (id INT PRIMARY KEY)");
    /* domain 7 writes to a schema not mirrored (its rows are purged) */
    e2e_sql(E->m, "CREATE DATABASE other");
    e2e_sql(E->m, "CREATE TABLE other.x (id INT PRIMARY KEY)");
    e2e_sql(E->m, "SET SESSION gtid_domain_id = 7");
    e2e_sql(E->m, "INSERT INTO other.x VALUES (7)");
    e2e_sql(E->m, "SET SESSION gtid_domain_id = 0");
    e2e_sql(E->m, "FLUSH BINARY LOGS");
    char file[256];
    uint64_t pos;
    e2e_master_status(E->m, file, sizeof file, &pos);
    double until = e2e_now() + 30;
    for (;;) {
        e2e_sql(E->m, "PURGE BINARY LOGS TO '%s'", file);
        cr_assert_eq(mysql_query(E->m, "SHOW BINARY LOGS"), 0);
        MYSQL_RES *res = mysql_store_result(E->m);
        my_ulonglong rows = res ? mysql_num_rows(res) : 0;
        if (res)
            mysql_free_result(res);
        if (rows == 1)
            break;
        cr_assert(e2e_now() < until, "the primary keeps %llu binlogs after PURGE",
                  (unsigned long long)rows);
        e2e_sleep_ms(100);
    }
    e2e_sql(E->m, "INSERT INTO t VALUES (1)");
    const char *const earliest[] = { "--start", "earliest", "--stop-at-end", NULL };
    e2e_bridge_start(E, earliest);
    cr_assert(e2e_proc_wait(&E->bridge, 60) && E->bridge.status == 0, "%s",
              e2e_tail(E->bridge.out_path, 3000));
    /* everything read: the checkpoint is the server's whole position,
     * domain 7 (at 7-1-1, its only transaction) included */
    struct e2e_checkpoint cp;
    e2e_checkpoint_read(E->r, E->db, &cp);
    char *now = binlog_pos(E->m);
    cr_assert(strstr(now, "7-1-1"), "domain 7 is not in the server's position: %s", now);
    cr_assert_str_eq(cp.gtid, now, "the checkpoint's GTID position is not the server's");
    free(now);
    e2e_sql(E->m, "INSERT INTO t VALUES (2)");
    e2e_bridge_to_end(E, 60);
    char *out = e2e_proc_output(&E->bridge);
    cr_expect_eq(fo_count_lines(out, "resuming by GTID after"), 1u, "%s", out);
    free(out);
    e2e_checkpoint_read(E->r, E->db, &cp);
    now = binlog_pos(E->m);
    cr_assert_str_eq(cp.gtid, now, "the checkpoint's GTID position is not the server's");
    free(now);
    e2e_compare_default(E, NULL);
}

/* ------------------------------------------------------------------ */
/* Over TLS                                                             */

/* Wait up to `seconds` for the bridge's output to hold `what`; its output
 * (caller frees), or a failure with it. */
static char *wait_output(struct e2e *E, const char *what, double seconds)
{
    double until = e2e_now() + seconds;
    for (;;) {
        char *out = e2e_proc_output(&E->bridge);
        if (strstr(out, what))
            return out;
        free(out);
        if (!e2e_proc_running(&E->bridge) || e2e_now() > until) {
            char msg[700];
            snprintf(msg, sizeof msg, "no '%.600s' in the bridge's output within %.0f s", what,
                     seconds);
            e2e_fail_with_bridge_output(E, msg);
        }
        e2e_sleep_ms(20);
    }
}

/* Both servers serve TLS with the throwaway CA's certificate
 * (scripts/servers.sh), and the bridge connects as bbtls, whom they
 * accept over TLS only: every connection that got in was encrypted. Each
 * URL carries its own ?ssl-mode=VERIFY_CA&ssl-ca= with the right CA, over
 * settings (source.ssl_mode, ssl_ca) that name the wrong one. The primary
 * is killed mid-workload, the replica promoted, and the running bridge
 * switches to it by itself, verified: Redis then equals the new
 * primary. Then the replica's URL without parameters, so that the
 * settings' wrong CA applies to it alone: the bridge refuses it, saying
 * why, and applies nothing of it. */
Test(failover, over_tls_the_bridge_verifies_and_follows_the_promoted_replica)
{
    struct e2e *E = &E_;
    struct fo_pair *p = &P_;
    const char *tls = test_env("BB_TLS_DIR");
    char ca[600], wrong[600];
    snprintf(ca, sizeof ca, "%.500s/ca.pem", tls);
    snprintf(wrong, sizeof wrong, "%.500s/wrong-ca.pem", tls);
    cr_assert(access(ca, R_OK) == 0 && access(wrong, R_OK) == 0,
              "%s or %s is not readable: run scripts/servers.sh start", ca, wrong);
    fo_pair_start_tls(p, "tls", tls);
    char url[2][256];
    for (int i = 0; i < 2; i++)
        snprintf(url[i], sizeof url[i], "mysql://bbtls:bbtls@127.0.0.1:%u?ssl-mode=VERIFY_CA&"
                 "ssl-ca=%.150s", p->port[i], ca);
    e2e_begin(E, "fotls", &p->srv[0]);
    snprintf(E->srv.mysql_url, sizeof E->srv.mysql_url, "%s", url[0]);
    e2e_write_config(E, "bridge.conf", "include_schemas = [ \"%s\" ];\n"
                     "source = { heartbeat = 0.5; ssl_mode = \"VERIFY_CA\"; ssl_ca = \"%s\"; };\n"
                     "batch = { bytes = 65536; delay_ms = 20; };\n"
                     "retry = { initial_ms = 50; max_ms = 500; };\n"
                     "rules = ( { match = \"%s.t_u\"; redis = ( {}, { shape = \"stream\"; } ); "
                     "} );\n", E->db, wrong, E->db);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    char sources[600];
    snprintf(sources, sizeof sources, "%s,%s", url[0], url[1]);
    const char *const extra[] = { "--source", sources, NULL };
    e2e_bridge_start(E, extra);

    wl_steps(W, 120);
    wl_big(W, 2000, true);
    wl_steps(W, 20);
    fo_wait_replica_received(p, E->m);
    fo_pair_do(p, "kill-primary");
    fo_pair_do(p, "promote");
    fo_follow_replica(p, E, W);
    wl_steps(W, 120);
    wl_big(W, 1000, false);
    wl_steps(W, 20);
    e2e_assert_caught_up(E, 120);
    e2e_stop_bridge(E, 30);

    char *out = e2e_proc_output(&E->bridge);
    char want[300];
    snprintf(want, sizeof want, "switched source: following 127.0.0.1:%u (2 of 2) by GTID "
             "instead of 127.0.0.1:%u: ", p->port[1], p->port[0]);
    const char *sw = strstr(out, want);
    cr_assert(sw, "no '%s' in:\n%s", want, out);
    cr_expect_eq(fo_count_lines(out, "switched source"), 1u, "%s", out);
    cr_expect_eq(fo_count_lines(out, "in plaintext"), 0u, "%s", out);
    const char *after = strstr(sw, "connected to MariaDB ");
    cr_assert(after, "no connection after the switch:\n%s", out);
    char line[400];
    snprintf(line, sizeof line, "%.*s", (int)strcspn(after, "\n"), after);
    cr_assert(strstr(line, " over TLS (") && strstr(line, ", ssl-mode=VERIFY_CA), resuming by GTID "
              "after "), "the connection to the new primary: %s", line);
    free(out);
    compare_all(E, W);
    char *now = binlog_pos(E->m);
    struct e2e_checkpoint cp;
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert_str_eq(cp.gtid, now, "the checkpoint's GTID position is not the new primary's");

    /* the replica's URL without parameters: source.ssl_ca, the wrong CA */
    wl_steps(W, 20);
    snprintf(sources, sizeof sources, "%s,mysql://bbtls:bbtls@127.0.0.1:%u", url[0], p->port[1]);
    e2e_bridge_start(E, extra);
    snprintf(want, sizeof want, "server 127.0.0.1:%u: cannot connect with ssl-mode=VERIFY_CA, "
             "ssl-ca %.200s: ", p->port[1], wrong);
    out = wait_output(E, want, 60);
    cr_expect_eq(strncmp(strstr(out, want) + strlen(want), "TLS/SSL error: ", 15), 0,
                 "it does not say the handshake failed:\n%s", out);
    cr_expect(strstr(out, "no source can serve the checkpoint now (2 tried)"), "%s", out);
    free(out);
    struct e2e_checkpoint cp2;
    e2e_checkpoint_read(E->r, E->db, &cp2);
    cr_assert_str_eq(cp2.gtid, now, "the bridge applied changes of a server it did not verify");
    cr_assert(e2e_proc_running(&E->bridge), "it gave up instead of trying again:\n%s",
              e2e_tail(E->bridge.out_path, 2000));
    e2e_stop_bridge(E, 30);
    free(now);

    /* and with the right CA again, what was written meanwhile */
    snprintf(sources, sizeof sources, "%s,%s", url[0], url[1]);
    to_end_both(E, sources, 60);
    compare_all(E, W);
}

/* ------------------------------------------------------------------ */
/* The bridge killed while it switches                                  */

/* The bridge is held (SIGSTOP) while the primary writes more and dies,
 * and the promoted replica writes transactions of its own, large ones
 * among them. Let go, it finds the primary gone, switches to the replica
 * with that backlog to apply, and is killed -9 in the middle of the new
 * primary's large transaction (a chunk of it saved). Started again with
 * both URLs (the primary still dead), it follows the replica from that
 * checkpoint and lands on the right row: Redis equals the new primary,
 * no stream entry doubled or lost, the checkpoint at its position. */
Test(failover, bridge_killed_while_it_switches_resumes_on_the_new_primary)
{
    struct e2e *E = &E_;
    struct fo_pair *p = &P_;
    fo_pair_start(p, "mid");
    e2e_begin(E, "fomid", &p->srv[0]);
    stream_config(E, NULL);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    char sources[600];
    both_sources(p, sources, sizeof sources);
    const char *const extra[] = { "--source", sources, NULL };
    e2e_bridge_start(E, extra);
    wl_steps(W, 60);
    e2e_assert_caught_up(E, 60);

    e2e_proc_signal(&E->bridge, SIGSTOP);
    wl_steps(W, 60);
    fo_wait_replica_received(p, E->m);
    fo_pair_do(p, "kill-primary");
    fo_pair_do(p, "promote");
    fo_follow_replica(p, E, W);
    wl_steps(W, 30);
    wl_big(W, 2000, true);
    /* and one of 50,000 mirrored rows (some 200 chunks) */
    e2e_sql(E->m, "CREATE TABLE big (id INT PRIMARY KEY, v VARCHAR(255))");
    e2e_sql(E->m, "INSERT INTO big SELECT seq, REPEAT('x', 200) FROM seq_1_to_50000");
    wl_steps(W, 10);
    char *pos = binlog_pos(E->m);
    e2e_proc_signal(&E->bridge, SIGCONT);

    /* the new primary's own transactions applied (0-2-...), and a chunk
     * of a large one saved: then kill -9. Looked at in steps, the bridge
     * stopped (SIGSTOP) each time, so that what is seen is where it is
     * killed: a batch it sent before it stopped is applied by Redis in
     * the 10 ms before the look (a batch is one MULTI/EXEC, checkpoint
     * included). */
    struct e2e_checkpoint cp;
    double until = e2e_now() + 120;
    for (;;) {
        e2e_proc_signal(&E->bridge, SIGSTOP);
        e2e_sleep_ms(10);
        e2e_checkpoint_read(E->r, E->db, &cp);
        if ((cp.rows_done > 0 && strstr(cp.gtid, "0-2-")) || e2e_now() > until ||
            !e2e_proc_running(&E->bridge))
            break;
        e2e_proc_signal(&E->bridge, SIGCONT);
        e2e_sleep_ms(2);
    }
    if (!e2e_proc_running(&E->bridge))
        e2e_fail_with_bridge_output(E, "the bridge exited by itself");
    e2e_proc_kill(&E->bridge);
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert(cp.rows_done > 0 && strstr(cp.gtid, "0-2-"), "no chunk of the new primary's large "
              "transaction was saved (checkpoint at %s, %llu rows): the kill came too late",
              cp.gtid, (unsigned long long)cp.rows_done);
    uint64_t rows_done = cp.rows_done;
    char *out = e2e_proc_output(&E->bridge);
    char want[200];
    snprintf(want, sizeof want, "switched source: following 127.0.0.1:%u (2 of 2) by GTID "
             "instead of 127.0.0.1:%u: ", p->port[1], p->port[0]);
    cr_assert_eq(fo_count_lines(out, want), 1u, "%s", out);
    free(out);

    to_end_both(E, sources, 180);
    out = e2e_proc_output(&E->bridge);
    snprintf(want, sizeof want, "following source 127.0.0.1:%u (2 of 2), the first ones cannot "
             "serve: ", p->port[1]);
    cr_expect_eq(fo_count_lines(out, want), 1u, "%s", out);
    cr_expect_eq(fo_count_lines(out, "resuming by GTID after"), 1u, "%s", out);
    cr_expect_eq(fo_count_lines(out, "inside the next transaction"), 1u,
                 "it did not resume inside the transaction:\n%s", out);
    free(out);
    compare_all(E, W);
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert_str_eq(cp.gtid, pos, "the checkpoint's GTID position is not the new primary's");
    cr_assert_eq(cp.rows_done, 0);
    cr_log_info("fomid: killed with %llu rows of the new primary's large transaction applied; "
                "resumed there, now at %s", (unsigned long long)rows_done, pos);
    free(pos);
}
