/* test_bridge.c - `binbridge run` end to end: the real binary as a child
 * process, the real MariaDB and Redis, a seeded random workload, and a
 * comparison of every Redis key with a fresh SELECT of the source in the
 * text form (issue 3, "Semantics" and "Tests"; design.md, "Default
 * mapping" and "Text form of values").
 *
 * Each test owns a database bbe_<tag>_<pid>, which is also its checkpoint
 * name and (with ':') its Redis key prefix; its bridges mirror only that
 * schema (include_schemas) and register with their own replica id, so the
 * tests run in parallel with the other suites (--jobs=2). The restart test
 * starts a private MariaDB + Redis pair, since restarting the shared ones
 * would disturb every other test.
 *
 * Waits are bounded and poll the checkpoint hash in Redis; nothing depends
 * on how fast the machine is. Every wait has its own bound (SQL and Redis
 * timeouts, polling deadlines), so the tests carry no Criterion .timeout:
 * Criterion 2.4.1's runner (BoxFort's bxfi_cancel_timeout) leaks a 48-byte
 * timeout request when tests with timeouts run in parallel, which fails
 * the ASan run. A failure prints the seed (BB_E2E_SEED=N
 * repeats the workload) and the bridge's output; BB_E2E_KEEP=1 keeps the
 * database, the keys and the scratch directory /tmp/bbe-<tag>-<pid>.
 *
 * Run through scripts/run-tests.sh (BB_MARIADB_*, BB_REDIS_*, BB_BINBRIDGE). */
#include <criterion/criterion.h>
#include <criterion/logging.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "tests/e2e/bridge_util.h"
#include "tests/testutil.h"

/* The test in progress, for the suite's .fini (which runs after a failed
 * assertion too): bridges are killed, the database and keys dropped, the
 * private servers stopped and removed. */
static struct e2e E_;
static struct e2e_servers private_;
static struct workload W_;

static void bridge_fini(void)
{
    e2e_kill_children();
    if (W_.E)
        wl_free(&W_);
    if (E_.m || E_.r)
        e2e_end(&E_);
    e2e_private_destroy(&private_);
}

TestSuite(bridge, .fini = bridge_fini);

/* ------------------------------------------------------------------ */
/* Streams                                                             */

struct stream_fields {
    const char *op, *schema, *table, *file, *pos, *row, *gtid, *ts, *before, *after;
    size_t before_len, after_len;
};

static void entry_fields(redisReply *fields, struct stream_fields *f)
{
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i + 1 < fields->elements; i += 2) {
        const char *k = fields->element[i]->str;
        redisReply *v = fields->element[i + 1];
        if (strcmp(k, "op") == 0) f->op = v->str;
        else if (strcmp(k, "schema") == 0) f->schema = v->str;
        else if (strcmp(k, "table") == 0) f->table = v->str;
        else if (strcmp(k, "file") == 0) f->file = v->str;
        else if (strcmp(k, "pos") == 0) f->pos = v->str;
        else if (strcmp(k, "row") == 0) f->row = v->str;
        else if (strcmp(k, "gtid") == 0) f->gtid = v->str;
        else if (strcmp(k, "ts") == 0) f->ts = v->str;
        else if (strcmp(k, "before") == 0) f->before = v->str, f->before_len = v->len;
        else if (strcmp(k, "after") == 0) f->after = v->str, f->after_len = v->len;
    }
}

/* Every entry of a stream: the right schema and table, an op with the
 * images it needs, and positions (file, pos, row) strictly increasing
 * along the stream, so no change is there twice. counts[op] gets the
 * entries per op (insert, update, delete). Returns the number of entries. */
static uint64_t check_stream(struct e2e *E, const char *key, const char *table,
                             uint64_t counts[3], struct e2e_report *rep)
{
    static const char *const ops[] = { "insert", "update", "delete" };
    memset(counts, 0, 3 * sizeof *counts);
    char start[80] = "-";
    uint64_t n = 0, pfile = 0, ppos = 0, prow = 0;
    bool first = true;
    for (;;) {
        redisReply *r = e2e_redis(E->r, "XRANGE %s %s + COUNT 5000", key, start);
        cr_assert(r->type == REDIS_REPLY_ARRAY);
        if (r->elements == 0) {
            freeReplyObject(r);
            break;
        }
        for (size_t i = 0; i < r->elements; i++) {
            redisReply *e = r->element[i];
            const char *id = e->element[0]->str;
            struct stream_fields f;
            entry_fields(e->element[1], &f);
            n++;
            if (i + 1 == r->elements)
                snprintf(start, sizeof start, "(%s", id);
            if (!f.op || !f.schema || !f.table || !f.file || !f.pos || !f.row || !f.gtid ||
                !f.ts) {
                e2e_report_add(rep, "stream %s entry %s: a field is missing", key, id);
                continue;
            }
            int op = -1;
            for (int k = 0; k < 3; k++)
                if (strcmp(f.op, ops[k]) == 0)
                    op = k;
            if (op < 0) {
                e2e_report_add(rep, "stream %s entry %s: op '%s'", key, id, f.op);
                continue;
            }
            counts[op]++;
            if (strcmp(f.schema, E->db) != 0 || strcmp(f.table, table) != 0)
                e2e_report_add(rep, "stream %s entry %s: schema.table %s.%s", key, id, f.schema,
                               f.table);
            if ((op != 2) != (f.after != NULL) || (op != 0) != (f.before != NULL))
                e2e_report_add(rep, "stream %s entry %s: op %s with%s before and with%s after",
                               key, id, f.op, f.before ? "" : "out", f.after ? "" : "out");
            const char *why;
            struct e2e_json *j;
            if (f.after && !(j = e2e_json_parse(f.after, f.after_len, &why)))
                e2e_report_add(rep, "stream %s entry %s: after is not JSON (%s)", key, id, why);
            else if (f.after)
                e2e_json_free(j);
            if (f.before && !(j = e2e_json_parse(f.before, f.before_len, &why)))
                e2e_report_add(rep, "stream %s entry %s: before is not JSON (%s)", key, id, why);
            else if (f.before)
                e2e_json_free(j);
            const char *dot = strrchr(f.file, '.');
            uint64_t file = dot ? strtoull(dot + 1, NULL, 10) : 0;
            uint64_t pos = strtoull(f.pos, NULL, 10), row = strtoull(f.row, NULL, 10);
            bool after_prev = first || file > pfile || (file == pfile && pos > ppos) ||
                              (file == pfile && pos == ppos && row > prow);
            if (!after_prev)
                e2e_report_add(rep, "stream %s entry %s: change %s:%s row %s comes after "
                               "%llu:%llu row %llu: a duplicate (or out of order)", key, id,
                               f.file, f.pos, f.row, (unsigned long long)pfile,
                               (unsigned long long)ppos, (unsigned long long)prow);
            first = false;
            pfile = file;
            ppos = pos;
            prow = row;
        }
        freeReplyObject(r);
    }
    return n;
}

/* The stream of t_u must hold exactly the workload's row changes of t_u. */
static void check_workload_stream(struct e2e *E, const struct workload *W, const char *key)
{
    struct e2e_report rep;
    e2e_report_init(&rep, "stream");
    uint64_t counts[3];
    uint64_t n = check_stream(E, key, "t_u", counts, &rep);
    static const char *const ops[] = { "inserts", "updates", "deletes" };
    for (int op = 0; op < 3; op++)
        if (counts[op] != W->changes[WL_U][op])
            e2e_report_add(&rep, "stream %s: %llu %s, the workload made %llu", key,
                           (unsigned long long)counts[op], ops[op],
                           (unsigned long long)W->changes[WL_U][op]);
    cr_log_info("%s: stream %s holds %llu entries (%llu/%llu/%llu), the workload made %llu "
                "row changes of t_u", E->tag, key, (unsigned long long)n,
                (unsigned long long)counts[0], (unsigned long long)counts[1],
                (unsigned long long)counts[2], (unsigned long long)wl_changes(W, WL_U));
    e2e_report_check(&rep, E->seed);
}

/* ------------------------------------------------------------------ */
/* 1, 2: a random workload, then --stop-at-end, then the comparison    */

Test(bridge, random_workload_matches_select)
{
    struct e2e *E = &E_;
    e2e_begin(E, "wl", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", NULL);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);

    wl_steps(W, 250);
    /* one large transaction, applied in chunks of at most 64 KB of commands */
    wl_big(W, 20000, true);
    wl_steps(W, 50);
    double t0 = e2e_now();
    e2e_bridge_to_end(E, 120);
    cr_log_info("wl: first run applied %u statements (%u commits, %u rollbacks, a 20,000-row "
                "transaction) in %.2f s, peak RSS %ld KB", W->statements, W->commits,
                W->rollbacks, e2e_now() - t0, E->bridge.maxrss_kb);
    /* a second run resumes where the first stopped */
    wl_steps(W, 250);
    e2e_bridge_to_end(E, 120);
    e2e_compare_default(E, NULL);
    cr_log_info("wl: %llu/%llu/%llu row changes of t_all/t_comp/t_u, %u TRUNCATEs",
                (unsigned long long)wl_changes(W, WL_ALL),
                (unsigned long long)wl_changes(W, WL_COMP),
                (unsigned long long)wl_changes(W, WL_U), W->truncates);

    /* The checkpoint's GTID position covers our last transaction, its
     * source server id and commit time are the server's. */
    struct e2e_checkpoint cp;
    e2e_checkpoint_read(E->r, E->db, &cp);
    char *last = e2e_sql_value(E->m, "SELECT @@last_gtid");
    char *server_id = e2e_sql_value(E->m, "SELECT @@server_id");
    cr_assert(last && server_id);
    unsigned dom, srv;
    unsigned long long seq, saved = 0;
    cr_assert_eq(sscanf(last, "%u-%u-%llu", &dom, &srv, &seq), 3, "@@last_gtid %s", last);
    for (const char *p = cp.gtid; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
        unsigned d, s2;
        unsigned long long n;
        if (sscanf(p, "%u-%u-%llu", &d, &s2, &n) == 3 && d == dom)
            saved = n;
    }
    cr_assert_geq(saved, seq, "the checkpoint's GTID position %s is before our last "
                  "transaction %s", cp.gtid, last);
    cr_assert_eq(cp.server_id, strtoull(server_id, NULL, 10));
    cr_assert(cp.commit_time > 1500000000ULL && cp.commit_time <= (uint64_t)time(NULL) + 60,
              "commit_time %llu", (unsigned long long)cp.commit_time);
    free(last);
    free(server_id);
}

/* ------------------------------------------------------------------ */
/* 3: kill -9 at random moments                                        */

enum kill_moment { KILL_SOON, KILL_AFTER_COMMIT, KILL_IN_BIG, KILL_RANDOM };

Test(bridge, kill_9_at_random_moments_loses_and_doubles_nothing)
{
    struct e2e *E = &E_;
    e2e_begin(E, "kill", NULL);
    char rules[512];
    /* t_u: its hash and a change stream (one XADD per row change) */
    snprintf(rules, sizeof rules,
             "rules = ( { match = \"%.63s.t_u\"; redis = ( {}, { shape = \"stream\"; } ); } );\n",
             E->db);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", rules);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    struct e2e_rng rng = { E->seed ^ 0x6b696c6cULL };
    const unsigned kills = 24;
    unsigned mid_txn = 0, big = 0, moments[4] = { 0 };
    double t0 = e2e_now();
    bool catch_up = false;
    unsigned caught_up = 0;
    for (unsigned k = 0; k < kills; k++) {
        e2e_bridge_start(E, NULL);
        enum kill_moment m = k % 8 == 3 ? KILL_IN_BIG : (enum kill_moment)e2e_below(&rng, 4);
        if (m == KILL_IN_BIG && big >= 3)
            m = KILL_RANDOM;
        moments[m]++;
        /* Now and then (and after each large transaction) let it catch up
         * first, so that kills land in steady state too, not only in the
         * backlog of the large transactions. */
        if (catch_up || e2e_chance(&rng, 30)) {
            e2e_assert_caught_up(E, 90);
            caught_up++;
        }
        catch_up = m == KILL_IN_BIG;
        struct e2e_checkpoint cp;
        e2e_checkpoint_read(E->r, E->db, &cp);
        switch (m) {
        case KILL_SOON:
            /* while it starts up, connects or reads its first events */
            wl_steps(W, (unsigned)e2e_below(&rng, 3));
            e2e_sleep_ms((unsigned)e2e_below(&rng, 30));
            break;
        case KILL_AFTER_COMMIT:
            wl_steps(W, 3 + (unsigned)e2e_below(&rng, 10));
            if (!e2e_wait_checkpoint_moves(E, &cp, 30))
                e2e_fail_with_bridge_output(E, "the checkpoint did not move within 30 s");
            e2e_sleep_ms((unsigned)e2e_below(&rng, 15));
            break;
        case KILL_IN_BIG: {
            /* in the middle of a transaction applied in chunks: kill as
             * soon as a chunk's checkpoint (rows_done > 0) is seen */
            wl_big(W, 20000, big == 0);
            big++;
            double until = e2e_now() + 60;
            for (;;) {
                e2e_checkpoint_read(E->r, E->db, &cp);
                if (cp.rows_done > 0 || e2e_now() > until || !e2e_proc_running(&E->bridge))
                    break;
                e2e_sleep_ms(1);
            }
            if (cp.rows_done == 0)
                cr_log_warn("kill %u: no chunk checkpoint seen during the large transaction", k);
            break;
        }
        case KILL_RANDOM:
            wl_steps(W, 5 + (unsigned)e2e_below(&rng, 20));
            e2e_sleep_ms((unsigned)e2e_below(&rng, 150));
            break;
        }
        if (!e2e_proc_running(&E->bridge))
            e2e_fail_with_bridge_output(E, "the bridge exited by itself before the kill");
        e2e_proc_kill(&E->bridge);
        cr_assert_eq(E->bridge.status, 128 + SIGKILL);
        e2e_checkpoint_read(E->r, E->db, &cp);
        cr_assert(cp.found, "no checkpoint after kill %u", k);
        if (cp.rows_done > 0)
            mid_txn++;
    }
    double loop = e2e_now() - t0;
    wl_steps(W, 20);
    e2e_bridge_to_end(E, 180);
    cr_log_info("kill: %u kills (%u soon after start, %u after a commit, %u during a large "
                "transaction, %u at random; %u after catching up) in %.1f s; %u left a "
                "transaction half applied (a chunk checkpoint)", kills, moments[KILL_SOON],
                moments[KILL_AFTER_COMMIT], moments[KILL_IN_BIG], moments[KILL_RANDOM], caught_up,
                loop, mid_txn);
    cr_assert_geq(mid_txn, 1u, "no kill landed inside a chunked transaction");
    char stream[128], ignore[140];
    snprintf(stream, sizeof stream, "%.63s:t_u", E->db);
    snprintf(ignore, sizeof ignore, "%s", stream);
    const char *const ignored[] = { ignore, NULL };
    e2e_compare_default(E, ignored);
    check_workload_stream(E, W, stream);
}

/* ------------------------------------------------------------------ */
/* Rows events in slices                                               */

/* A bound on the bridge's memory, not a timing: it peaks at some 35 MB
 * here (16 MB of decoded rows at a time); decoding each event whole took
 * 64 to 90 MB more than that. ASan+UBSan's quarantine keeps what is freed
 * between events, so there it is only reported. */
#define SLICES_RSS_LIMIT_KB (64L << 10)
#define SLICES_COLUMNS 1000

/* A table of 1000 columns (InnoDB's limit is 1017) and
 * binlog_row_image=MINIMAL: MariaDB writes each statement's rows in events
 * of 8 KB, some 1,600 rows of one or two columns, each row image 40 KB of
 * decoded values: 64 to 90 MB per event, delivered in slices of 16 MB. One
 * transaction of 6,000 inserts, 3,000 updates and 1,000 deletes (some
 * twenty such events) is applied in chunks (its change stream bigger than
 * batch.bytes) and the bridge is killed -9 after a chunk's checkpoint;
 * the next run resumes inside the transaction. Every change must reach
 * the stream once, in order of (pos, row), rows numbered across the slices
 * of their event, and the hashes must match a SELECT. */
Test(bridge, rows_in_slices_applied_once_across_a_kill_9)
{
    struct e2e *E = &E_;
    e2e_begin(E, "slices", NULL);
    char rules[300];
    snprintf(rules, sizeof rules,
             "rules = ( { match = \"%.63s.w\"; redis = ( {}, { shape = \"stream\"; } ); } );\n",
             E->db);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", rules);
    struct e2e_sb create = { 0 };
    e2e_sb_puts(&create, "CREATE TABLE w (id INT PRIMARY KEY");
    for (int c = 1; c < SLICES_COLUMNS; c++)
        e2e_sb_printf(&create, ", c%d TINYINT", c);
    e2e_sb_puts(&create, ") ENGINE=InnoDB");
    e2e_sql(E->m, "%s", create.p);
    free(create.p);
    e2e_establish_checkpoint(E);
    e2e_bridge_start(E, NULL);

    e2e_sql(E->m, "SET SESSION binlog_row_image = 'MINIMAL'");
    e2e_sql(E->m, "BEGIN");
    e2e_sql(E->m, "INSERT INTO w (id) SELECT seq FROM seq_1_to_6000");
    e2e_sql(E->m, "UPDATE w SET c999 = id %% 100 WHERE id <= 3000");
    e2e_sql(E->m, "DELETE FROM w WHERE id > 5000");
    e2e_sql(E->m, "COMMIT");
    /* kill -9 once the chunks saved reach into the second insert event
     * (rows 1611 to 3221), a few slices in: a chunk's checkpoint comes
     * every 180 rows or so, one slice has 400 */
    struct e2e_checkpoint cp;
    double until = e2e_now() + 60;
    uint64_t seen = 0;
    for (;;) {
        e2e_checkpoint_read(E->r, E->db, &cp);
        if (cp.rows_done > 2400 || (seen && !cp.rows_done) || e2e_now() > until ||
            !e2e_proc_running(&E->bridge))
            break;
        seen = cp.rows_done;
        e2e_sleep_ms(1);
    }
    if (!e2e_proc_running(&E->bridge))
        e2e_fail_with_bridge_output(E, "the bridge exited by itself during the transaction");
    e2e_proc_kill(&E->bridge);
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert_gt(cp.rows_done, 2400, "no chunk checkpoint past row 2400 seen while the "
                 "transaction was applied (the last: %llu rows)", (unsigned long long)seen);
    cr_log_info("slices: killed with %llu of its 10,000 row changes applied",
                (unsigned long long)cp.rows_done);

    /* and one more transaction, after the restart point */
    e2e_sql(E->m, "UPDATE w SET c1 = 1 WHERE id <= 2000");
    e2e_bridge_to_end(E, 180);
#if defined(__SANITIZE_ADDRESS__)
    cr_log_info("slices: peak RSS %ld KB (ASan+UBSan: not checked)", E->bridge.maxrss_kb);
#else
    cr_expect_lt(E->bridge.maxrss_kb, SLICES_RSS_LIMIT_KB, "the bridge peaked at %ld KB",
                 E->bridge.maxrss_kb);
    cr_log_info("slices: peak RSS %ld KB", E->bridge.maxrss_kb);
#endif

    char stream[128];
    snprintf(stream, sizeof stream, "%.63s:w", E->db);
    struct e2e_report rep;
    e2e_report_init(&rep, "stream");
    uint64_t counts[3];
    uint64_t n = check_stream(E, stream, "w", counts, &rep);
    if (counts[0] != 6000 || counts[1] != 5000 || counts[2] != 1000)
        e2e_report_add(&rep, "stream %s: %llu inserts, %llu updates, %llu deletes; the "
                       "statements made 6000, 5000, 1000", stream,
                       (unsigned long long)counts[0], (unsigned long long)counts[1],
                       (unsigned long long)counts[2]);
    e2e_report_check(&rep, E->seed);
    cr_assert_eq(n, 12000);
    const char *const ignored[] = { stream, NULL };
    e2e_compare_default(E, ignored);
}

/* ------------------------------------------------------------------ */
/* 4: SIGTERM                                                          */

Test(bridge, sigterm_exits_0_and_a_restart_continues_exactly)
{
    struct e2e *E = &E_;
    e2e_begin(E, "term", NULL);
    char rules[512];
    snprintf(rules, sizeof rules,
             "rules = ( { match = \"%.63s.t_u\"; redis = ( {}, { shape = \"stream\"; } ); } );\n",
             E->db);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", rules);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);

    /* 1. a bridge that has caught up and waits for events */
    e2e_bridge_start(E, NULL);
    wl_steps(W, 60);
    e2e_assert_caught_up(E, 60);
    double idle = e2e_stop_bridge(E, 10);

    /* 2. during a large transaction applied in chunks */
    e2e_bridge_start(E, NULL);
    wl_big(W, 20000, false);
    struct e2e_checkpoint cp;
    double until = e2e_now() + 60;
    do {
        e2e_checkpoint_read(E->r, E->db, &cp);
        if (cp.rows_done > 0 || !e2e_proc_running(&E->bridge))
            break;
        e2e_sleep_ms(1);
    } while (e2e_now() < until);
    double busy = e2e_stop_bridge(E, 10);
    struct e2e_checkpoint after;
    e2e_checkpoint_read(E->r, E->db, &after);

    /* 3. while the workload runs (once it has applied something: a
     * SIGTERM before the handler is installed is the default action) */
    e2e_checkpoint_read(E->r, E->db, &cp);
    e2e_bridge_start(E, NULL);
    wl_steps(W, 40);
    if (!e2e_wait_checkpoint_moves(E, &cp, 60))
        e2e_fail_with_bridge_output(E, "the checkpoint did not move within 60 s");
    wl_steps(W, 10);
    double running = e2e_stop_bridge(E, 10);

    wl_steps(W, 40);
    e2e_bridge_to_end(E, 120);
    cr_log_info("term: SIGTERM to exit: %.2f s idle, %.2f s inside a large transaction (saved "
                "%s:%llu+%llu), %.2f s under load", idle, busy, after.file,
                (unsigned long long)after.pos, (unsigned long long)after.rows_done, running);
    /* "within a few seconds" */
    cr_assert_leq(idle, 5.0, "SIGTERM took %.2f s (idle)", idle);
    cr_assert_leq(busy, 5.0, "SIGTERM took %.2f s (inside a transaction)", busy);
    cr_assert_leq(running, 5.0, "SIGTERM took %.2f s (under load)", running);
    char stream[128];
    snprintf(stream, sizeof stream, "%.63s:t_u", E->db);
    const char *const ignored[] = { stream, NULL };
    e2e_compare_default(E, ignored);
    check_workload_stream(E, W, stream);
}

/* ------------------------------------------------------------------ */
/* 5: Redis and MariaDB restarts (a private pair of servers)           */

Test(bridge, redis_and_mariadb_restarts_lose_nothing)
{
    double t0 = e2e_now();
    e2e_private_start(&private_);
    double started = e2e_now() - t0;
    struct e2e *E = &E_;
    e2e_begin(E, "restart", &private_);
    /* No config file at all (zero config): nothing else lives on these
     * servers, so mirroring every schema is this test's schema alone. */
    E->config[0] = '\0';
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);

    e2e_bridge_start(E, NULL);
    wl_steps(W, 60);
    e2e_assert_caught_up(E, 60);

    /* Redis restarts while a large transaction is being applied */
    wl_big(W, 5000, true);
    wl_steps(W, 20);
    double t1 = e2e_now();
    char servers_log[600];
    snprintf(servers_log, sizeof servers_log, "%s/servers.log", private_.dir);
    cr_assert_eq(e2e_private_action(&private_, "restart-redis"), 0, "restart-redis failed:\n%s",
                 e2e_tail(servers_log, 3000));
    double redis_restart = e2e_now() - t1;
    redisFree(E->r);
    E->r = e2e_redis_connect_retry(&E->srv, 30);
    wl_steps(W, 60);
    e2e_assert_caught_up(E, 90);
    cr_assert(e2e_proc_running(&E->bridge), "the bridge exited after the Redis restart:\n%s",
              e2e_tail(E->bridge.out_path, 3000));

    /* Binlog rotations (FLUSH BINARY LOGS: only on a private server, the
     * other suites read the shared server's binlog files), with a kill -9
     * after them and a restart resuming across files. */
    e2e_sql(E->m, "FLUSH BINARY LOGS");
    wl_steps(W, 20);
    e2e_sql(E->m, "FLUSH BINARY LOGS");
    wl_big(W, 3000, false);
    e2e_proc_kill(&E->bridge);
    wl_steps(W, 20);
    e2e_sql(E->m, "FLUSH BINARY LOGS");
    e2e_bridge_start(E, NULL);
    wl_steps(W, 20);
    e2e_assert_caught_up(E, 90);

    /* MariaDB restarts: the workload goes on once it is back */
    wl_steps(W, 20);
    t1 = e2e_now();
    cr_assert_eq(e2e_private_action(&private_, "restart-mariadb"), 0,
                 "restart-mariadb failed:\n%s", e2e_tail(servers_log, 3000));
    double mariadb_restart = e2e_now() - t1;
    mysql_close(E->m);
    E->m = e2e_sql_connect_retry(&E->srv, 30);
    e2e_sql(E->m, "USE %s", E->db);
    wl_set_connection(W, E->m);
    wl_steps(W, 60);
    wl_big(W, 3000, false);
    wl_steps(W, 20);
    e2e_assert_caught_up(E, 90);
    cr_assert(e2e_proc_running(&E->bridge), "the bridge exited after the MariaDB restart:\n%s",
              e2e_tail(E->bridge.out_path, 3000));
    e2e_stop_bridge(E, 10);
    /* It said what happened: a warning per state change, not per attempt. */
    char *out = e2e_proc_output(&E->bridge);
    unsigned warnings = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
        if (strstr(line, " WARN ")) {
            if (++warnings <= 8)
                cr_log_info("restart: %s", line);
        }
    free(out);
    cr_assert_geq(warnings, 1u, "the bridge logged no warning about two server restarts");
    e2e_bridge_to_end(E, 120);
    e2e_compare_default(E, NULL);
    cr_log_info("restart: private servers started in %.1f s; Redis restarted in %.1f s, MariaDB "
                "in %.1f s; whole test %.1f s", started, redis_restart, mariadb_restart,
                e2e_now() - t0);
}

/* ------------------------------------------------------------------ */
/* 6: ALTER TABLE while the bridge runs                                */

/* t_alt's rows: which ALTER they were last written after (0: before the
 * first). A hash is exact for the table as it was then: the binlog holds
 * no row changes for an ALTER, so a row the workload does not touch
 * afterwards keeps the fields it had (see the report in the test). */
#define ALT_ROWS 80
#define ALT_EPOCHS 5

static void alt_write(MYSQL *m, int *epoch_of, int epoch, int from, int to, const char *fmt)
{
    for (int id = from; id <= to; id++) {
        e2e_sql(m, fmt, id, id);
        epoch_of[id] = epoch;
    }
}

Test(bridge, alter_table_mid_stream)
{
    struct e2e *E = &E_;
    e2e_begin(E, "alter", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", NULL);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    MYSQL *m = E->m;
    int epoch_of[ALT_ROWS + 1];
    for (int i = 0; i <= ALT_ROWS; i++)
        epoch_of[i] = -1;

    e2e_bridge_start(E, NULL);
    e2e_sql(m, "CREATE TABLE t_alt (id INT PRIMARY KEY, a INT, b VARCHAR(10), c SMALLINT, "
               "d VARCHAR(20), e INT)");
    e2e_sql(m, "INSERT INTO t_alt SELECT seq, seq * 10, CONCAT('b', seq), seq, CONCAT('d', seq), "
               "seq FROM seq_1_to_40");
    for (int id = 1; id <= 40; id++)
        epoch_of[id] = 0;
    alt_write(m, epoch_of, 0, 1, 5, "UPDATE t_alt SET a = a + 1, e = NULL WHERE id = %d AND %d");
    wl_steps(W, 15);

    /* 1: ADD COLUMN with a default (existing rows get it without a row event) */
    e2e_sql(m, "ALTER TABLE t_alt ADD COLUMN f VARCHAR(20) DEFAULT 'dflt' AFTER b");
    alt_write(m, epoch_of, 1, 41, 45, "INSERT INTO t_alt (id, a, b, c, d, e, f) VALUES "
              "(%d, 1, 'new', %d, 'd', 7, 'f-set')");
    alt_write(m, epoch_of, 1, 6, 10, "UPDATE t_alt SET f = CONCAT('upd', %d) WHERE id = %d");
    wl_steps(W, 15);

    /* 2: DROP COLUMN: the field must go when the row is next written */
    e2e_sql(m, "ALTER TABLE t_alt DROP COLUMN e");
    alt_write(m, epoch_of, 2, 46, 50, "INSERT INTO t_alt (id, a, b, c, d) VALUES "
              "(%d, 2, 'new2', %d, 'd')");
    alt_write(m, epoch_of, 2, 11, 15, "UPDATE t_alt SET a = -a WHERE id = %d AND %d");
    e2e_sql(m, "DELETE FROM t_alt WHERE id = 31");
    epoch_of[31] = -1;
    wl_steps(W, 15);
    e2e_assert_caught_up(E, 60);
    /* the next two ALTERs are read by a bridge started after them, from a
     * checkpoint before them */
    e2e_stop_bridge(E, 10);

    /* 3: MODIFY to a wider type */
    e2e_sql(m, "ALTER TABLE t_alt MODIFY c BIGINT");
    alt_write(m, epoch_of, 3, 51, 55, "INSERT INTO t_alt (id, a, b, c, d) VALUES "
              "(%d, 3, 'new3', 1099511627776 + %d, 'd')");
    alt_write(m, epoch_of, 3, 16, 20, "UPDATE t_alt SET c = 1099511627776 * %d WHERE id = %d");
    wl_steps(W, 15);

    /* TRUNCATE and DROP TABLE: no row events, the keys must go */
    e2e_sql(m, "CREATE TABLE t_drop (id INT PRIMARY KEY, v INT)");
    e2e_sql(m, "INSERT INTO t_drop SELECT seq, seq FROM seq_1_to_10");
    e2e_sql(m, "TRUNCATE TABLE t_comp");
    W->keys[WL_COMP].n = 0;
    wl_steps(W, 10);
    e2e_sql(m, "DROP TABLE t_drop");

    /* 4: a column rename */
    e2e_sql(m, "ALTER TABLE t_alt RENAME COLUMN d TO d2");
    e2e_bridge_start(E, NULL);
    alt_write(m, epoch_of, 4, 56, 60, "INSERT INTO t_alt (id, a, b, c, d2) VALUES "
              "(%d, 4, 'new4', %d, 'renamed')");
    alt_write(m, epoch_of, 4, 21, 25, "UPDATE t_alt SET d2 = CONCAT('r', %d) WHERE id = %d");
    /* rows written before every ALTER, written again after all of them */
    alt_write(m, epoch_of, 4, 26, 30, "UPDATE t_alt SET b = CONCAT('last', %d) WHERE id = %d");
    wl_steps(W, 15);
    e2e_assert_caught_up(E, 60);
    e2e_stop_bridge(E, 10);
    e2e_bridge_to_end(E, 60);

    /* Every table, t_alt included: exact. Rows the binlog did not rewrite
     * after an ALTER have their new columns too, because the bridge
     * reloads an altered table from a snapshot. */
    e2e_compare_default(E, NULL);
    unsigned untouched = 0;
    for (int id = 1; id <= ALT_ROWS; id++)
        untouched += epoch_of[id] >= 0 && epoch_of[id] < ALT_EPOCHS - 1;
    cr_assert_gt(untouched, 20u, "the workload must leave rows untouched since an ALTER");
}

/* ------------------------------------------------------------------ */
/* The initial load: --start snapshot                                   */

static void run_to_end_with(struct e2e *E, const char *const *extra)
{
    e2e_bridge_start(E, extra);
    bool done = e2e_proc_wait(&E->bridge, 120);
    if (!done)
        e2e_proc_kill(&E->bridge);
    cr_assert(done && E->bridge.status == 0, "the bridge did not end cleanly (seed %llu):\n%s",
              (unsigned long long)E->seed, e2e_tail(E->bridge.out_path, 3000));
}

Test(bridge, initial_load_from_a_snapshot_then_the_binlog)
{
    struct e2e *E = &E_;
    e2e_begin(E, "snap", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", NULL);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    /* Rows that exist before any bridge: only a snapshot can copy them. */
    wl_steps(W, 150);
    wl_big(W, 3000, false);
    static const char *const snapshot_start[] = { "--start", "snapshot", "--stop-at-end", NULL };
    run_to_end_with(E, snapshot_start);
    e2e_compare_default(E, NULL);
    struct e2e_checkpoint cp;
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert(cp.found && cp.file[0], "no checkpoint after the initial load");
    /* Then the binlog from the snapshot's position on. */
    wl_steps(W, 150);
    e2e_bridge_to_end(E, 120);
    e2e_compare_default(E, NULL);

    /* An interrupted load (its checkpoint says so) loads again: lose the
     * keys and mark the checkpoint as a load in progress. */
    char glob[160];
    snprintf(glob, sizeof glob, "%.63s:*", E->db);
    e2e_redis_delete(E->r, glob);
    freeReplyObject(e2e_redis(E->r, "HSET binbridge:checkpoint:%s state loading", E->db));
    wl_steps(W, 50);
    e2e_bridge_to_end(E, 120);
    e2e_compare_default(E, NULL);
    char *out = e2e_proc_output(&E->bridge);
    cr_expect(out && strstr(out, "the initial load was interrupted"), "%s", out ? out : "");
    free(out);
}

/* ------------------------------------------------------------------ */
/* 7: every Redis option                                               */

/* Affected rows of a statement that must succeed. */
static uint64_t exec_rows(MYSQL *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static uint64_t exec_rows(MYSQL *m, const char *fmt, ...)
{
    char *q = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&q, fmt, ap);
    va_end(ap);
    cr_assert(n >= 0 && q);
    if (mysql_real_query(m, q, (unsigned long)n) != 0)
        cr_assert_fail("SQL failed: %.400s: %s", q, mysql_error(m));
    free(q);
    return mysql_affected_rows(m);
}

/* Is column c of t in the NULL-terminated list? */
static bool *column_mask(const struct e2e_table *t, const char *const *list, bool include)
{
    bool *keep = calloc(t->ncols + 1, sizeof *keep);
    cr_assert(keep);
    for (size_t c = 0; c < t->ncols; c++) {
        bool listed = false;
        for (size_t k = 0; list[k]; k++)
            listed |= strcmp(list[k], t->cols[c].name) == 0;
        keep[c] = include ? listed : !listed;
    }
    return keep;
}

/* TTL of a key must be in (0, max]. */
static void check_ttl(redisContext *r, const char *key, long long max, struct e2e_report *rep)
{
    redisReply *t = e2e_redis(r, "TTL %s", key);
    if (t->type != REDIS_REPLY_INTEGER || t->integer <= 0 || t->integer > max)
        e2e_report_add(rep, "key %s: TTL %lld, expected 1..%lld", key,
                       t->type == REDIS_REPLY_INTEGER ? t->integer : -99, max);
    freeReplyObject(t);
}

/* JSON documents (the json shape) of every row of t at tmpl's keys. */
static void check_json_docs(redisContext *r, const struct e2e_table *t, const char *tmpl,
                            const bool *keep, long long ttl, struct e2e_strings *keys,
                            struct e2e_report *rep)
{
    for (size_t row = 0; row < t->nrows; row++) {
        char *key = e2e_render_key(t, row, tmpl);
        redisReply *g = e2e_redis(r, "GET %s", key);
        if (g->type != REDIS_REPLY_STRING) {
            e2e_report_add(rep, "key %s: no JSON document (row %zu of %s)", key, row, t->name);
        } else {
            const char *why;
            struct e2e_json *doc = e2e_json_parse(g->str, g->len, &why);
            if (!doc || doc->kind != EJ_OBJECT) {
                char *p = e2e_printable(g->str, g->len);
                e2e_report_add(rep, "key %s: not a JSON object (%s): %s", key,
                               doc ? "another value" : why, p);
                free(p);
            } else {
                size_t kept = 0;
                for (size_t c = 0; c < t->ncols; c++) {
                    if (!keep[c])
                        continue;
                    kept++;
                    const struct e2e_json *v = e2e_json_get(doc, t->cols[c].name);
                    if (!v) {
                        e2e_report_add(rep, "key %s: member %s missing", key, t->cols[c].name);
                        continue;
                    }
                    if (!e2e_json_matches(&t->cols[c], e2e_cell(t, row, c), v, &why)) {
                        const struct e2e_cell *cell = e2e_cell(t, row, c);
                        char *want = cell->p ? e2e_printable(cell->p, cell->len) : strdup("NULL");
                        e2e_report_add(rep, "key %s: member %s: expected %s, %s", key,
                                       t->cols[c].name, want, why);
                        free(want);
                    }
                }
                if (doc->n != kept) {
                    char *p = e2e_printable(g->str, g->len);
                    e2e_report_add(rep, "key %s: %zu members, expected %zu: %s", key, doc->n,
                                   kept, p);
                    free(p);
                }
            }
            e2e_json_free(doc);
            if (ttl)
                check_ttl(r, key, ttl, rep);
        }
        freeReplyObject(g);
        e2e_strings_add(keys, key);
    }
}

Test(bridge, every_redis_option)
{
    struct e2e *E = &E_;
    e2e_begin(E, "cfg", NULL);
    MYSQL *m = E->m;
    char dbx[80], dby[80];
    snprintf(dbx, sizeof dbx, "%.63s_x", E->db);   /* excluded by exclude_schemas */
    snprintf(dby, sizeof dby, "%.63s_y", E->db);   /* included by the include_schemas glob */
    for (int i = 0; i < 2; i++) {
        const char *d = i ? dby : dbx;
        e2e_sql(m, "DROP DATABASE IF EXISTS %s", d);
        e2e_sql(m, "CREATE DATABASE %s", d);
        e2e_sql(m, "CREATE TABLE %s.t (id INT PRIMARY KEY, v VARCHAR(10))", d);
        char glob[100];
        snprintf(glob, sizeof glob, "%s:*", d);
        e2e_redis_delete(E->r, glob);
    }
    e2e_sql(m, "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(64), name VARCHAR(64), "
               "password_hash VARBINARY(32), score DECIMAL(10,2), bio TEXT, updated DATETIME(3))");
    e2e_sql(m, "CREATE TABLE orders (tenant_id INT, id INT, total DECIMAL(12,2), "
               "status ENUM('new','paid','shipped'), note VARCHAR(100), weight FLOAT, "
               "qty BIGINT UNSIGNED, pic BLOB, flags BIT(5), meta JSON, internal INT, "
               "day DATE, PRIMARY KEY (tenant_id, id))");
    e2e_sql(m, "CREATE TABLE products (sku VARCHAR(20) PRIMARY KEY, price DOUBLE, stock INT)");
    e2e_sql(m, "CREATE TABLE codes (code VARCHAR(16) NOT NULL, label VARCHAR(32), hidden INT)");
    e2e_sql(m, "CREATE TABLE plain (id INT PRIMARY KEY, v INT)");
    e2e_sql(m, "CREATE TABLE audit_1 (id INT PRIMARY KEY, x INT)");
    e2e_sql(m, "CREATE TABLE tmp_a (id INT PRIMARY KEY)");

    setenv("BBE_SOURCE_PWD", "bbrepl", 1);
    setenv("BBE_REDIS_PWD", "", 1);
    E->config_only = true;
    e2e_write_config(E, "full.conf",
        "# every option of config/redis-full.conf, for this test's schema\n"
        "source = {\n"
        "  url = \"mysql://bbrepl@%s:%u\";\n"
        "  password_env = \"BBE_SOURCE_PWD\";\n"
        "  server_id = %u;\n"
        "  start = \"current\";\n"
        "  heartbeat = 0.5;\n"
        "};\n"
        "redis = {\n"
        "  url = \"redis://%s:%u/0\";\n"
        "  password_env = \"BBE_REDIS_PWD\";\n"
        "};\n"
        "checkpoint = \"%s\";\n"
        "include_schemas = [ \"%s\", \"%s_*\" ];\n"
        "exclude_schemas = [ \"%s\" ];\n"
        "include_tables = [ \"%s.*\", \"%s_*.*\" ];\n"
        "exclude_tables = [ \"%s.audit_*\", \"*.tmp_?\" ];\n"
        "batch = { rows = 100; bytes = 65536; delay_ms = 10; };\n"
        "retry = { initial_ms = 50; max_ms = 1000; };\n"
        "progress_interval = 1;\n"
        "log_level = \"debug\";\n"
        "rules = (\n"
        "  { match = \"%s.users\";\n"
        "    redis = ( { shape = \"hash\"; key = \"{schema}:user:{id}\"; ttl = 3600;\n"
        "                exclude_columns = [ \"password_hash\" ]; },\n"
        "              { shape = \"stream\"; key = \"{schema}:changes:{table}\"; maxlen = 50; } ); },\n"
        "  { match = \"%s*.orders\";\n"
        "    key_columns = [ \"tenant_id\", \"id\" ];\n"
        "    redis = { shape = \"json\"; key = \"{schema}:order:{pk}\"; ttl = 600;\n"
        "              include_columns = [ \"id\", \"tenant_id\", \"total\", \"status\", \"note\",\n"
        "                                  \"weight\", \"qty\", \"pic\", \"flags\", \"meta\", \"day\" ]; }; },\n"
        "  { match = \"*.products\"; redis = ( {}, { shape = \"stream\"; } ); },\n"
        "  { match = \"%s.codes\"; key_columns = [ \"code\" ];\n"
        "    redis = { key = \"{schema}:code:{code}\"; include_columns = [ \"code\", \"label\" ]; }; }\n"
        ");\n",
        E->srv.host, E->srv.mariadb_port, E->server_id, E->srv.host, E->srv.redis_port, E->db,
        E->db, E->db, dbx, E->db, E->db, E->db, E->db, E->db, E->db);
    e2e_establish_checkpoint(E);

    /* users: enough changes to trim the stream (maxlen 50) */
    uint64_t user_changes = 0;
    user_changes += exec_rows(m, "INSERT INTO users SELECT seq, CONCAT('u', seq, '@x.org'), "
                              "IF(seq %% 7 = 0, NULL, CONCAT('N\xc3\xa4me ', seq)), "
                              "UNHEX(SHA2(seq, 256)), seq / 3, IF(seq %% 5 = 0, NULL, "
                              "REPEAT('bio ', seq %% 13)), '2024-01-02 03:04:05.678' "
                              "FROM seq_1_to_200");
    user_changes += exec_rows(m, "UPDATE users SET score = score + 1.5");
    user_changes += exec_rows(m, "UPDATE users SET bio = NULL, name = 'x' WHERE id <= 20");
    user_changes += exec_rows(m, "UPDATE users SET id = id + 1000 WHERE id BETWEEN 21 AND 25");
    user_changes += exec_rows(m, "DELETE FROM users WHERE id BETWEEN 26 AND 45");
    /* orders: json documents, composite key_columns, a key change */
    uint64_t n = 0;
    n += exec_rows(m, "INSERT INTO orders SELECT seq %% 3, seq, seq * 1.25, "
                   "ELT(1 + seq %% 3, 'new', 'paid', 'shipped'), IF(seq %% 4 = 0, NULL, "
                   "CONCAT('note \"', seq, '\" \\\\ \xe2\x82\xac\xf0\x9f\x98\x80')), seq / 3.0, "
                   "18446744073709551615 - seq, IF(seq %% 2, X'00FF00', NULL), seq %% 32, "
                   "IF(seq %% 3, '{\"a\": [1, 2]}', NULL), seq, '2020-02-29' FROM seq_1_to_30");
    n += exec_rows(m, "UPDATE orders SET status = 'paid', internal = 0 WHERE id <= 10");
    n += exec_rows(m, "UPDATE orders SET tenant_id = 9 WHERE id = 11");
    n += exec_rows(m, "DELETE FROM orders WHERE id > 27");
    /* products: hash + unbounded stream */
    uint64_t product_changes = 0;
    product_changes += exec_rows(m, "INSERT INTO products SELECT CONCAT('sku', seq), seq / 7, seq "
                                 "FROM seq_1_to_20");
    product_changes += exec_rows(m, "UPDATE products SET stock = stock - 1 WHERE stock > 10");
    product_changes += exec_rows(m, "UPDATE products SET sku = 'renamed' WHERE sku = 'sku1'");
    product_changes += exec_rows(m, "DELETE FROM products WHERE stock < 4");
    /* codes: no primary key, key_columns, a key change */
    n += exec_rows(m, "INSERT INTO codes SELECT CONCAT('c', seq), CONCAT('label ', seq), seq "
                   "FROM seq_1_to_10");
    n += exec_rows(m, "UPDATE codes SET code = 'c99', label = NULL WHERE code = 'c1'");
    n += exec_rows(m, "UPDATE codes SET hidden = 0");
    /* default mapping, excluded tables and schemas */
    n += exec_rows(m, "INSERT INTO plain VALUES (1, 1), (2, NULL)");
    n += exec_rows(m, "INSERT INTO audit_1 VALUES (1, 1)");
    n += exec_rows(m, "INSERT INTO tmp_a VALUES (1)");
    n += exec_rows(m, "INSERT INTO %s.t VALUES (1, 'x')", dbx);
    n += exec_rows(m, "INSERT INTO %s.t VALUES (1, 'y'), (2, NULL)", dby);
    cr_assert_gt(n, 0u);
    e2e_bridge_to_end(E, 60);

    struct e2e_report rep;
    e2e_report_init(&rep, "every Redis option");
    struct e2e_strings keys = { 0 };
    struct e2e_table t;

    /* users: hash without password_hash, with a TTL */
    e2e_table_load(m, E->db, "users", &t);
    static const char *const secret[] = { "password_hash", NULL };
    bool *keep = column_mask(&t, secret, false);
    struct e2e_hash_check hc = { "{schema}:user:{id}", keep, &keys };
    size_t first = keys.n;
    e2e_check_hashes(E->r, &t, &hc, &rep);
    for (size_t i = first; i < keys.n; i += 17)
        check_ttl(E->r, keys.v[i], 3600, &rep);
    free(keep);
    e2e_table_free(&t);
    /* users: a stream trimmed to about 50 entries */
    char key[160];
    snprintf(key, sizeof key, "%.63s:changes:users", E->db);
    uint64_t counts[3];
    uint64_t xlen = check_stream(E, key, "users", counts, &rep);
    /* MAXLEN ~ trims whole macro nodes (stream-node-max-entries, 100 by
     * default): between maxlen and maxlen + 100 entries remain. */
    if (xlen < 50 || xlen > 150)
        e2e_report_add(&rep, "stream %s: %llu entries after %llu changes with MAXLEN ~ 50", key,
                       (unsigned long long)xlen, (unsigned long long)user_changes);
    e2e_strings_add(&keys, strdup(key));

    /* orders: JSON documents of the included columns, with a TTL */
    e2e_table_load(m, E->db, "orders", &t);
    static const char *const order_cols[] = { "id", "tenant_id", "total", "status", "note",
                                              "weight", "qty", "pic", "flags", "meta", "day",
                                              NULL };
    keep = column_mask(&t, order_cols, true);
    check_json_docs(E->r, &t, "{schema}:order:{tenant_id}:{id}", keep, 600, &keys, &rep);
    free(keep);
    e2e_table_free(&t);

    /* products: the default hash (no TTL) and the default stream, exact */
    e2e_table_load(m, E->db, "products", &t);
    hc = (struct e2e_hash_check){ "{schema}:{table}:{pk}", NULL, &keys };
    first = keys.n;
    e2e_check_hashes(E->r, &t, &hc, &rep);
    for (size_t i = first; i < keys.n; i++) {
        redisReply *ttl = e2e_redis(E->r, "TTL %s", keys.v[i]);
        if (ttl->integer != -1 && ttl->integer != -2)
            e2e_report_add(&rep, "key %s: TTL %lld, expected none", keys.v[i], ttl->integer);
        freeReplyObject(ttl);
    }
    e2e_table_free(&t);
    snprintf(key, sizeof key, "%.63s:products", E->db);
    uint64_t plen = check_stream(E, key, "products", counts, &rep);
    if (plen != product_changes)
        e2e_report_add(&rep, "stream %s: %llu entries for %llu row changes", key,
                       (unsigned long long)plen, (unsigned long long)product_changes);
    e2e_strings_add(&keys, strdup(key));

    /* codes: key_columns, a column key template, include_columns */
    e2e_table_load(m, E->db, "codes", &t);
    static const char *const code_cols[] = { "code", "label", NULL };
    keep = column_mask(&t, code_cols, true);
    hc = (struct e2e_hash_check){ "{schema}:code:{code}", keep, &keys };
    e2e_check_hashes(E->r, &t, &hc, &rep);
    free(keep);
    e2e_table_free(&t);

    /* plain: the default mapping */
    e2e_table_load(m, E->db, "plain", &t);
    hc = (struct e2e_hash_check){ "{schema}:{table}:{pk}", NULL, &keys };
    e2e_check_hashes(E->r, &t, &hc, &rep);
    e2e_table_free(&t);

    /* nothing else under the prefix: not audit_1 nor tmp_a */
    e2e_strings_sort(&keys);
    char glob[128];
    snprintf(glob, sizeof glob, "%.63s:*", E->db);
    e2e_check_no_extra_keys(E->r, glob, &keys, NULL, &rep);
    e2e_strings_free(&keys);

    /* the schemas: <db>_y by the include glob, <db>_x excluded */
    e2e_table_load(m, dby, "t", &t);
    hc = (struct e2e_hash_check){ "{schema}:{table}:{pk}", NULL, &keys };
    e2e_check_hashes(E->r, &t, &hc, &rep);
    e2e_table_free(&t);
    e2e_strings_sort(&keys);
    snprintf(glob, sizeof glob, "%s:*", dby);
    e2e_check_no_extra_keys(E->r, glob, &keys, NULL, &rep);
    e2e_strings_free(&keys);
    snprintf(glob, sizeof glob, "%s:*", dbx);
    size_t nx;
    char **xkeys = e2e_redis_keys(E->r, glob, &nx);
    if (nx)
        e2e_report_add(&rep, "%zu keys of the excluded schema %s, e.g. %s", nx, dbx, xkeys[0]);
    e2e_free_strings(xkeys, nx);

    cr_log_info("cfg: users stream %llu entries after %llu changes; products stream %llu entries",
                (unsigned long long)xlen, (unsigned long long)user_changes,
                (unsigned long long)plen);
    for (int i = 0; i < 2; i++) {
        const char *d = i ? dby : dbx;
        e2e_sql(m, "DROP DATABASE %s", d);
        snprintf(glob, sizeof glob, "%s:*", d);
        e2e_redis_delete(E->r, glob);
    }
    e2e_report_check(&rep, E->seed);
}

/* ------------------------------------------------------------------ */
/* Sinks on unix sockets                                               */

/* --redis unix://... and --mongo mongodb://%2F...sock: the command line's
 * checks take both (each sink's own reading of its URL), the bridge
 * mirrors into both over their sockets, and status reads both
 * checkpoints back. Servers of the test's own listen on the sockets. */
Test(bridge, sinks_on_unix_sockets)
{
    struct e2e *E = &E_;
    struct socket_server redis, mongo;
    socket_redis_start(&redis);
    bool with_mongo = socket_ferretdb_start(&mongo);
    if (!with_mongo)
        cr_log_warn("no FerretDB binary: MongoDB over a socket not tried");
    e2e_begin(E, "unixsock", NULL);
    e2e_sql(E->m, "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))");
    e2e_sql(E->m, "INSERT INTO t VALUES (1, 'one'), (2, 'two')");
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", NULL);
    char sid[16], redis_url[sizeof redis.url + 8];
    snprintf(sid, sizeof sid, "%u", E->server_id);
    snprintf(redis_url, sizeof redis_url, "%s?db=2", redis.url);
    const char *run[] = { "run", "--config", E->config, "--source", E->srv.mysql_url,
                          "--redis", redis_url, "--checkpoint", E->db, "--server-id", sid,
                          "--start", "snapshot", "--stop-at-end",
                          with_mongo ? "--mongo" : NULL, mongo.url, NULL };
    char *out;
    int rc = e2e_run_cmd(E, run, 60, &out);
    cr_assert_eq(rc, 0, "run exited %d:\n%s", rc, out);
    free(out);

    redisContext *c = redisConnectUnix(redis.sock);
    cr_assert(c && !c->err, "cannot connect to %s", redis.sock);
    freeReplyObject(e2e_redis(c, "SELECT 2"));
    redisReply *r = e2e_redis(c, "HGET %s:t:2 name", E->db);
    cr_assert(r->type == REDIS_REPLY_STRING && strcmp(r->str, "two") == 0,
              "%s:t:2 is not mirrored behind %s", E->db, redis.sock);
    freeReplyObject(r);
    redisFree(c);
    if (with_mongo) {
        char why[300];
        mongoc_client_t *mc = e2e_mongo_try(mongo.url, why, sizeof why);
        cr_assert(mc, "%s: %s", mongo.url, why);
        mongoc_collection_t *coll = mongoc_client_get_collection(mc, E->db, "t");
        bson_t filter;
        bson_init(&filter);
        bson_error_t e;
        int64_t n = mongoc_collection_count_documents(coll, &filter, NULL, NULL, NULL, &e);
        cr_assert_eq(n, 2, "%s.t behind %s: %lld documents", E->db, mongo.sock, (long long)n);
        bson_destroy(&filter);
        mongoc_collection_destroy(coll);
        mongoc_client_destroy(mc);
    }

    const char *status[] = { "status", "--source", E->srv.mysql_url, "--redis", redis_url,
                             "--checkpoint", E->db, with_mongo ? "--mongo" : NULL, mongo.url,
                             NULL };
    rc = e2e_run_cmd(E, status, 30, &out);
    cr_assert_eq(rc, 0, "status exited %d:\n%s", rc, out);
    cr_assert(strstr(out, "redis checkpoint"), "%s", out);
    cr_assert(!with_mongo || strstr(out, "mongo checkpoint"), "%s", out);
    free(out);
    e2e_end(E);
    socket_server_stop(&redis);
    if (with_mongo)
        socket_server_stop(&mongo);
}

/* ------------------------------------------------------------------ */
/* 8: status and startup failures                                      */

Test(bridge, status_prints_the_saved_position_and_lag)
{
    struct e2e *E = &E_;
    e2e_begin(E, "status", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", NULL);
    char sid[16];
    snprintf(sid, sizeof sid, "%u", E->server_id);
    const char *argv[] = { "status", "--config", E->config, "--source", E->srv.mysql_url,
                           "--redis", E->srv.redis_url, "--checkpoint", E->db, NULL };
    char *out;
    int rc = e2e_run_cmd(E, argv, 30, &out);
    /* no checkpoint is not healthy (a container's health check) */
    cr_assert_eq(rc, 1, "status without a checkpoint exited %d, not 1:\n%s", rc, out);
    cr_assert(strstr(out, "none saved yet"), "status without a checkpoint:\n%s", out);
    free(out);

    e2e_establish_checkpoint(E);
    e2e_sql(E->m, "CREATE TABLE t (id INT PRIMARY KEY)");
    e2e_sql(E->m, "INSERT INTO t VALUES (1), (2)");
    e2e_bridge_to_end(E, 60);
    struct e2e_checkpoint cp;
    e2e_checkpoint_read(E->r, E->db, &cp);
    rc = e2e_run_cmd(E, argv, 30, &out);
    cr_assert_eq(rc, 0, "status exited %d:\n%s", rc, out);
    char want[400];
    snprintf(want, sizeof want, "checkpoint %.63s: %.255s:%llu", E->db, cp.file,
             (unsigned long long)cp.pos);
    cr_assert(strstr(out, want), "status does not say '%s':\n%s", want, out);
    cr_assert(strstr(out, "lag:"), "status has no lag line:\n%s", out);
    cr_log_info("status: %s", out);
    free(out);
}

/* ------------------------------------------------------------------ */
/* Secrets: passwords leave the command line                           */

/* A port that takes connections (into the kernel's backlog) and never
 * answers: a client that connected there waits, past its argument
 * parsing, long enough to be looked at. */
static int silent_listener(unsigned *port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    cr_assert_geq(fd, 0);
    struct sockaddr_in a = { 0 };
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    cr_assert_eq(listen(fd, 16), 0);
    socklen_t len = sizeof a;
    cr_assert_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    *port = ntohs(a.sin_port);
    return fd;
}

/* /proc/PID/cmdline, the arguments joined with spaces (malloc'd). */
static char *proc_cmdline(pid_t pid)
{
    char path[64], *buf = calloc(1, 65536);
    cr_assert(buf);
    snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    cr_assert_geq(fd, 0, "%s: %s", path, strerror(errno));
    ssize_t n = read(fd, buf, 65535);
    close(fd);
    cr_assert_gt(n, 0);
    for (ssize_t i = 0; i < n; i++)
        if (buf[i] == '\0')
            buf[i] = ' ';
    return buf;
}

/* Run binbridge with argv, whose URLs point at a silent port; once it has
 * connected there (its arguments are parsed), its command line must show
 * none of the passwords and must have `shape` (the URL with 'x's); nor
 * may its output (after the "+ command" line the harness writes). */
static void expect_scrubbed(struct e2e *E, int listener, const char *const *argv,
                            const char *const *secrets, const char *const *shapes)
{
    struct e2e_proc p;
    char path[700];
    snprintf(path, sizeof path, "%s/scrub-%03u.log", E->dir, ++E->runs);
    e2e_proc_start(&p, path, argv);
    struct pollfd pfd = { listener, POLLIN, 0 };
    int ready = poll(&pfd, 1, 30000);
    cr_assert_eq(ready, 1, "binbridge %s never connected to the silent port:\n%s", argv[0],
                 e2e_tail(path, 2000));
    char *cmdline = proc_cmdline(p.pid);
    e2e_proc_kill(&p);
    int c = accept(listener, NULL, NULL);
    if (c >= 0)
        close(c);
    char *out = e2e_proc_output(&p);
    const char *after = strchr(out, '\n');
    after = after ? after + 1 : "";
    for (size_t i = 0; secrets[i]; i++) {
        cr_expect(!strstr(cmdline, secrets[i]), "binbridge %s: /proc/PID/cmdline shows %s:\n%s",
                  argv[0], secrets[i], cmdline);
        cr_expect(!strstr(after, secrets[i]), "binbridge %s printed %s:\n%s", argv[0], secrets[i],
                  after);
    }
    for (size_t i = 0; shapes[i]; i++)
        cr_expect(strstr(cmdline, shapes[i]), "binbridge %s: /proc/PID/cmdline has no %s:\n%s",
                  argv[0], shapes[i], cmdline);
    cr_log_info("%s: %s", argv[0], cmdline);
    free(cmdline);
    free(out);
}

Test(bridge, passwords_leave_the_command_line)
{
    struct e2e *E = &E_;
    e2e_begin(E, "scrub", NULL);
    unsigned port;
    int l = silent_listener(&port);
    char source[128], redis[128], mongo[160], src_shape[128], redis_shape[128], mongo_shape[128];
    snprintf(source, sizeof source, "mysql://bb:Src0Secret@127.0.0.1:%u", port);
    snprintf(redis, sizeof redis, "redis://:Red1s@Secret@127.0.0.1:%u/0", port);
    snprintf(mongo, sizeof mongo, "--mongo=mongodb://app:Mong0@Se:cret@127.0.0.1:%u/"
             "?connectTimeoutMS=30000&serverSelectionTimeoutMS=30000", port);
    snprintf(src_shape, sizeof src_shape, "mysql://bb:xxxxxxxxxx@127.0.0.1:%u ", port);
    snprintf(redis_shape, sizeof redis_shape, "redis://:xxxxxxxxxxxx@127.0.0.1:%u/0 ", port);
    snprintf(mongo_shape, sizeof mongo_shape, "--mongo=mongodb://app:xxxxxxxxxxxxx@127.0.0.1:%u/",
             port);
    static const char *const secrets[] = { "Src0Secret", "Red1s", "Secret", "Mong0", "cret@",
                                           NULL };
    const char *const shapes_r[] = { src_shape, redis_shape, NULL };
    const char *const shapes_m[] = { src_shape, mongo_shape, NULL };
    const char *const shapes_s[] = { src_shape, NULL };

    /* run: the sinks are opened (and wait on the silent port) first */
    const char *const run_redis[] = { "run", "--source", source, "--redis", redis,
                                      "--checkpoint", E->db, NULL };
    expect_scrubbed(E, l, run_redis, secrets, shapes_r);
    const char *const run_mongo[] = { "run", "--source", source, mongo, "--checkpoint", E->db,
                                      NULL };
    expect_scrubbed(E, l, run_mongo, secrets, shapes_m);
    /* status opens the sinks first too */
    const char *const status[] = { "status", "--source", source, "--redis", redis,
                                   "--checkpoint", E->db, NULL };
    expect_scrubbed(E, l, status, secrets, shapes_r);
    /* dump --blocking from the source */
    const char *const dump[] = { "dump", "--source", source, "--blocking", NULL };
    expect_scrubbed(E, l, dump, secrets, shapes_s);
    close(l);
}

/* MariaDB writes account statements with their plaintext passwords
 * (ALTER USER ... IDENTIFIED BY '...'): they are no table's DDL, and the
 * bridge said "cannot tell which table ... alters" with the statement's
 * first 200 bytes, at every replay. No statement text reaches the log,
 * and a table named `we``ird` is altered like any other (it was "cannot
 * tell which table": no reload). */
Test(bridge, ddl_text_never_logged_and_quoted_names_read)
{
    struct e2e *E = &E_;
    e2e_begin(E, "ddlsec", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", NULL);
    e2e_establish_checkpoint(E);
    MYSQL *m = E->m;
    e2e_sql(m, "CREATE TABLE `we``ird` (id INT PRIMARY KEY, v INT)");
    e2e_sql(m, "INSERT INTO `we``ird` SELECT seq, seq * 10 FROM seq_1_to_5");
    e2e_sql(m, "CREATE TABLE `q\"t` (id INT PRIMARY KEY, v INT)");
    e2e_sql(m, "INSERT INTO `q\"t` SELECT seq, seq FROM seq_1_to_3");
    e2e_bridge_start(E, NULL);

    char user[64];
    snprintf(user, sizeof user, "'bbsec_%d'@'localhost'", (int)getpid());
    e2e_sql_try(m, "DROP USER IF EXISTS %s", user);
    e2e_sql(m, "CREATE USER %s IDENTIFIED BY 'Plaintext#Secret1'", user);
    e2e_sql(m, "ALTER USER %s IDENTIFIED BY 'Plaintext#Secret2'", user);
    e2e_sql(m, "GRANT SELECT ON `%s`.* TO %s IDENTIFIED BY 'Plaintext#Secret3'", E->db, user);
    e2e_sql(m, "SET PASSWORD FOR %s = PASSWORD('Plaintext#Secret4')", user);
    e2e_sql(m, "DROP USER %s", user);
    /* a DROP TABLE naming more tables than the bridge reads: unsure */
    struct e2e_sb drop = { 0 };
    e2e_sb_puts(&drop, "DROP TABLE IF EXISTS nx0");
    for (int i = 1; i < 70; i++)
        e2e_sb_printf(&drop, ", nx%d", i);
    e2e_sb_puts(&drop, " /* Plaintext#Secret5 */");
    e2e_sql(m, "%s", drop.p);
    free(drop.p);
    e2e_sql(m, "ALTER TABLE `we``ird` ADD COLUMN c INT DEFAULT 7");
    /* "double quotes" name a table under ANSI_QUOTES (the event's sql_mode) */
    e2e_sql(m, "SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')");
    e2e_sql(m, "ALTER TABLE \"q\"\"t\" /* a comment */ ADD COLUMN c INT DEFAULT 7");
    e2e_sql(m, "SET SESSION sql_mode = REPLACE(@@sql_mode, 'ANSI_QUOTES', '')");
    e2e_assert_caught_up(E, 60);
    e2e_stop_bridge(E, 10);

    char *out = e2e_proc_output(&E->bridge);
    const char *log = strchr(out, '\n'); /* after the "+ command" line */
    log = log ? log + 1 : "";
    cr_expect(!strstr(log, "Secret") && !strstr(log, "IDENTIFIED") && !strstr(log, "nx1"),
              "statement text in the log:\n%s", log);
    cr_expect(!strstr(log, "cannot tell which table an"), "%s", log);
    cr_expect(strstr(log, "cannot tell which tables a DROP TABLE statement removes"),
              "the unreadable DROP TABLE is reported by its position:\n%s", log);
    cr_expect(strstr(log, "reloading ") && strstr(log, ".we`ird after a change of its columns"),
              "%s", log);
    cr_expect(strstr(log, ".q\"t after a change of its columns"), "%s", log);
    free(out);

    /* every row has the added column: the tables were reloaded */
    char glob[128];
    snprintf(glob, sizeof glob, "%.63s:*", E->db);
    size_t nkeys;
    char **keys = e2e_redis_keys(E->r, glob, &nkeys);
    size_t rows[2] = { 0, 0 };
    for (size_t i = 0; i < nkeys; i++) {
        int k = strstr(keys[i], ":we`ird:") ? 0 : strstr(keys[i], ":q\"t:") ? 1 : -1;
        if (k < 0)
            continue;
        rows[k]++;
        redisReply *r = e2e_redis(E->r, "HGET %s c", keys[i]);
        cr_expect(r->type == REDIS_REPLY_STRING && strcmp(r->str, "7") == 0,
                  "%s has no c = 7: the ALTER of its table did not reload it", keys[i]);
        freeReplyObject(r);
    }
    cr_expect_eq(rows[0], 5u, "%zu keys of `we``ird`", rows[0]);
    cr_expect_eq(rows[1], 3u, "%zu keys of `q\"t`", rows[1]);
    e2e_free_strings(keys, nkeys);
}

/* Issue 8: a checkpoint is outside data. One planted with terminal escape
 * sequences (retitle the window, clear the screen, an 8-bit CSI) reaches
 * the terminal escaped, from status and from run's messages alike. */
Test(bridge, planted_checkpoint_escapes_reach_no_terminal)
{
    struct e2e *E = &E_;
    e2e_begin(E, "ckesc", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", NULL);
    freeReplyObject(e2e_redis(E->r, "HSET binbridge:checkpoint:%s file %s pos 4 rows_done 0 "
                              "gtid %s commit_time 0 server_id 1", E->db,
                              "mysql-bin.000000\x1b]0;pwned\x07\x1b[2J\xc2\x9b" "31m",
                              "0-1-1\x1b[8m\r"));
    char sid[16];
    snprintf(sid, sizeof sid, "%u", E->server_id);
    const char *status[] = { "status", "--config", E->config, "--source", E->srv.mysql_url,
                             "--redis", E->srv.redis_url, "--checkpoint", E->db, NULL };
    const char *run[] = { "run", "--config", E->config, "--source", E->srv.mysql_url, "--redis",
                          E->srv.redis_url, "--checkpoint", E->db, "--server-id", sid,
                          "--stop-at-end", NULL };
    const char *const *cmds[] = { status, run };
    const int codes[] = { 0, 1 };
    for (int k = 0; k < 2; k++) {
        char *out;
        int rc = e2e_run_cmd(E, cmds[k], 30, &out);
        cr_expect_eq(rc, codes[k], "%s exited %d:\n%s", cmds[k][0], rc, out);
        for (const char *p = out; *p; p++) {
            unsigned char c = (unsigned char)*p;
            cr_expect(c >= 0x20 || c == '\n', "%s: a control byte 0x%02x at offset %zu",
                      cmds[k][0], c, (size_t)(p - out));
        }
        cr_expect(!strstr(out, "\xc2\x9b"), "%s: a C1 CSI", cmds[k][0]);
        cr_expect(strstr(out, "mysql-bin.000000\\e]0;pwned\\x07\\e[2J\\xc2\\x9b31m:4"),
                  "%s does not show the file escaped:\n%s", cmds[k][0], out);
        if (k == 0)
            cr_expect(strstr(out, "(gtid 0-1-1\\e[8m\\r)"), "%s", out);
        cr_log_info("%s: %s", cmds[k][0], out);
        free(out);
    }
}

/* A bad file: exit 2 with FILE:LINE, before connecting to anything (the
 * source and Redis are closed ports: a connection attempt would fail
 * differently, with exit 1 or a retry). */
Test(bridge, bad_config_exits_2_naming_file_and_line_before_connecting)
{
    struct e2e *E = &E_;
    e2e_begin(E, "badcfg", NULL);
    unsigned closed = e2e_free_port();
    char source[128], redis[128];
    snprintf(source, sizeof source, "mysql://bbrepl:bbrepl@127.0.0.1:%u", closed);
    snprintf(redis, sizeof redis, "redis://127.0.0.1:%u/0", closed);
    static const struct {
        int line;
        const char *text;
    } cases[] = {
        { 3, "include_schemas = [ \"x\" ];\nbatch = { rows = 10; };\nretry = { initial_ms = ; };\n" },
        { 2, "include_schemas = [ \"x\" ];\nbatch = { row = 10; };\n" },
        { 4, "# a comment\n\ninclude_schemas = [ \"x\" ];\nbatch = { bytes = 100; };\n" },
        { 2, "checkpoint = \"ok\";\nrules = ( { match = \"a.b\"; redis = { shape = \"list\"; }; } );\n" },
        { 1, "batch = { rows = \"many\"; };\n" },
    };
    const char *const args[] = { "--source", source, "--redis", redis, "--stop-at-end", NULL };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        e2e_expect_config_error(E, i, cases[i].text, cases[i].line, args);
}

Test(bridge, user_without_replication_privileges_exits_1_naming_them)
{
    struct e2e *E = &E_;
    e2e_begin(E, "norepl", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", NULL);
    char source[256], sid[16];
    snprintf(source, sizeof source, "mysql://bbnorepl:bbnorepl@%.63s:%u", E->srv.host,
             E->srv.mariadb_port);
    snprintf(sid, sizeof sid, "%u", E->server_id);
    const char *argv[] = { "run", "--config", E->config, "--source", source, "--redis",
                           E->srv.redis_url, "--checkpoint", E->db, "--server-id", sid,
                           "--stop-at-end", NULL };
    char *out, line[1024];
    int rc = e2e_run_cmd(E, argv, 30, &out);
    size_t lines = e2e_output_lines(out, line, sizeof line);
    cr_assert_eq(rc, 1, "exit %d, not 1:\n%s", rc, out);
    cr_assert_eq(lines, 1u, "%zu lines, not one:\n%s", lines, out);
    cr_assert(strstr(line, "REPLICATION SLAVE") || strstr(line, "REPLICATION CLIENT") ||
              strstr(line, "BINLOG MONITOR"), "the message names no privilege:\n%s", out);
    cr_log_info("norepl: %s", line);
    free(out);
}

Test(bridge, purged_saved_position_exits_1_naming_it)
{
    struct e2e *E = &E_;
    e2e_begin(E, "purged", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", NULL);
    /* A checkpoint written by hand, naming a binlog the server no longer has */
    freeReplyObject(e2e_redis(E->r, "HSET binbridge:checkpoint:%s file mysql-bin.000000 pos 4 "
                              "rows_done 0 gtid %s commit_time 0 server_id 1", E->db, ""));
    char sid[16];
    snprintf(sid, sizeof sid, "%u", E->server_id);
    const char *argv[] = { "run", "--config", E->config, "--source", E->srv.mysql_url, "--redis",
                           E->srv.redis_url, "--checkpoint", E->db, "--server-id", sid,
                           "--stop-at-end", NULL };
    char *out, line[1024];
    int rc = e2e_run_cmd(E, argv, 30, &out);
    size_t lines = e2e_output_lines(out, line, sizeof line);
    cr_assert_eq(rc, 1, "exit %d, not 1:\n%s", rc, out);
    cr_assert_eq(lines, 1u, "%zu lines, not one:\n%s", lines, out);
    cr_assert(strstr(line, "mysql-bin.000000:4"), "the message does not name the position:\n%s",
              out);
    cr_log_info("purged: %s", line);
    free(out);
}

/* ------------------------------------------------------------------ */
/* Lag: a batch is written as soon as everything sent is read         */

/* The batches of a bridge's output, from its debug lines ("wrote a batch:
 * R row changes, T transactions, up to ... (why)"): how many wrote rows,
 * how many of those a DDL statement forced (other tests' DROP DATABASE
 * and the like, which end a batch wherever they are), how many rows in
 * all, the most in one. */
struct batches {
    unsigned with_rows, before_ddl;
    uint64_t rows, most;
};

static void count_batches(const char *path, struct batches *b)
{
    memset(b, 0, sizeof *b);
    FILE *f = fopen(path, "r");
    cr_assert(f, "open %s", path);
    char line[2048];
    while (fgets(line, sizeof line, f)) {
        const char *p = strstr(line, "wrote a batch: ");
        unsigned long long rows, txns;
        if (!p || sscanf(p, "wrote a batch: %llu row changes, %llu transactions", &rows,
                         &txns) != 2 || rows == 0)
            continue;
        b->with_rows++;
        b->before_ddl += strstr(p, "(before a") != NULL;
        b->rows += rows;
        if (rows > b->most)
            b->most = rows;
    }
    fclose(f);
}

/* Neither a batch limit nor a heartbeat would write anything for a minute
 * (batch.rows 1,000,000, batch.delay_ms 60000, heartbeats hourly): a row
 * committed while the bridge is caught up is in Redis at once all the
 * same, since the bridge writes as soon as it has read everything the
 * server sent. A backlog (2,000 one-row transactions written while no
 * bridge ran) is still written in batches of many transactions, because
 * while more is there to read the bridge reads on. */
Test(bridge, caught_up_writes_at_once_and_a_backlog_in_batches)
{
    struct e2e *E = &E_;
    e2e_begin(E, "lag", NULL);
    e2e_sql(E->m, "CREATE TABLE %s.t (id INT PRIMARY KEY, v INT)", E->db);
    e2e_write_config(E, "bridge.conf",
                     "# written by tests/e2e/test_bridge.c\n"
                     "include_schemas = [ \"%s\" ];\n"
                     "source = { heartbeat = 3600; };\n"
                     "batch = { rows = 1000000; delay_ms = 60000; };\n"
                     "progress_interval = 0;\n"
                     "log_level = \"debug\";\n",
                     E->db);
    e2e_establish_checkpoint(E);

    /* 1. caught up: each one-row transaction is written at once */
    e2e_bridge_start(E, NULL);
    double slowest = 0;
    for (int i = 1; i <= 3; i++) {
        e2e_sql(E->m, "INSERT INTO %s.t VALUES (%d, %d)", E->db, i, i);
        double t0 = e2e_now(), waited;
        for (;;) {
            redisReply *r = e2e_redis(E->r, "EXISTS %s:t:%d", E->db, i);
            bool there = r->integer == 1;
            freeReplyObject(r);
            waited = e2e_now() - t0;
            if (there)
                break;
            if (waited > 10 || !e2e_proc_running(&E->bridge)) {
                char what[128];
                snprintf(what, sizeof what, "row %d not in Redis %.1f s after its commit", i,
                         waited);
                e2e_fail_with_bridge_output(E, what);
            }
            e2e_sleep_ms(2);
        }
        if (waited > slowest)
            slowest = waited;
    }
    e2e_stop_bridge(E, 10);

    /* 2. a backlog */
    enum { BACKLOG = 2000 };
    for (int i = 4; i < 4 + BACKLOG; i++)
        e2e_sql(E->m, "INSERT INTO %s.t VALUES (%d, %d)", E->db, i, i);
    e2e_bridge_start(E, NULL);
    e2e_assert_caught_up(E, 60);
    e2e_stop_bridge(E, 10);
    struct batches b;
    count_batches(E->bridge.out_path, &b);
    cr_log_info("lag: one-row transactions in Redis within %.1f ms of their commit (slowest of "
                "3); a backlog of %d written in %u batches (%u ended by DDL statements of other "
                "tests), the largest %llu rows", slowest * 1e3, BACKLOG, b.with_rows,
                b.before_ddl, (unsigned long long)b.most);
    cr_assert_eq(b.rows, BACKLOG, "the batches wrote %llu rows, not %d (debug lines of %s)",
                 (unsigned long long)b.rows, BACKLOG, E->bridge.out_path);
    cr_assert_leq(b.with_rows - b.before_ddl, BACKLOG / 10, "a backlog of %d one-row "
                  "transactions written in %u batches (%u ended by DDL): not grouped", BACKLOG,
                  b.with_rows, b.before_ddl);
    e2e_compare_default(E, NULL);
}

/* ------------------------------------------------------------------ */
/* 9: XA transactions are applied at their commit                      */

/* An XA transaction reaches the binlog at XA PREPARE; its XA COMMIT or XA
 * ROLLBACK comes later, in a transaction of its own. The tests name their
 * XA transactions after their database and leave none prepared, even
 * after a failure (bridge_util.h, "XA transactions"). */

/* Runs before the suite's .fini, which drops the database. */
static void xa_fini(void)
{
    e2e_xa_cleanup(&E_);
}

/* The config of the XA tests: table t as hashes and a change stream,
 * table skip not mirrored. */
static void xa_config(struct e2e *E)
{
    char rules[512];
    snprintf(rules, sizeof rules, "exclude_tables = [ \"%.63s.skip\" ];\n"
             "rules = ( { match = \"%.63s.t\"; redis = ( {}, { shape = \"stream\"; } ); } );\n",
             E->db, E->db);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", rules);
}

/* The hashes match SELECT, and the stream of t holds exactly the
 * committed changes (inserts, updates, deletes), each once, in order, and
 * nothing that mentions `never` (a value only rolled back transactions
 * wrote). */
static void xa_check(struct e2e *E, uint64_t inserts, uint64_t updates, uint64_t deletes,
                     const char *const *never)
{
    char stream[128], skip[128];
    snprintf(stream, sizeof stream, "%.63s:t", E->db);
    snprintf(skip, sizeof skip, "%.63s:skip:*", E->db);
    const char *const ignored[] = { stream, skip, NULL };
    e2e_compare_default(E, ignored);
    struct e2e_report rep;
    e2e_report_init(&rep, "xa stream");
    uint64_t counts[3];
    check_stream(E, stream, "t", counts, &rep);
    uint64_t want[3] = { inserts, updates, deletes };
    static const char *const ops[] = { "inserts", "updates", "deletes" };
    for (int op = 0; op < 3; op++)
        if (counts[op] != want[op])
            e2e_report_add(&rep, "stream %s: %llu %s, not %llu", stream,
                           (unsigned long long)counts[op], ops[op], (unsigned long long)want[op]);
    redisReply *r = e2e_redis(E->r, "XRANGE %s - +", stream);
    for (size_t i = 0; i < r->elements; i++) {
        redisReply *f = r->element[i]->element[1];
        for (size_t k = 0; k < f->elements; k++)
            for (const char *const *w = never; w && *w; w++)
                if (f->element[k]->str && strstr(f->element[k]->str, *w))
                    e2e_report_add(&rep, "stream %s entry %s: '%s', written only by a rolled "
                                   "back XA transaction", stream, r->element[i]->element[0]->str,
                                   f->element[k]->str);
    }
    freeReplyObject(r);
    e2e_report_check(&rep, E->seed);
}

Test(bridge, xa_rollback_commit_and_one_phase_match_select, .fini = xa_fini)
{
    struct e2e *E = &E_;
    e2e_begin(E, "xa", NULL);
    xa_config(E);
    e2e_establish_checkpoint(E);
    MYSQL *m = E->m, *mx = e2e_xa_connect(E), *late = e2e_xa_connect(E),
          *ms = e2e_xa_connect(E);
    e2e_sql(m, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(40))");
    e2e_sql(m, "CREATE TABLE skip (id INT PRIMARY KEY)");
    e2e_sql(m, "INSERT INTO t VALUES (1, 'keep'), (2, 'two')");
    /* the issue's case: rolled back, nothing of it may show */
    e2e_xa_prepare(E, mx, "r", "INSERT INTO t VALUES (3, 'phantom');"
                   "UPDATE t SET v = 'changed' WHERE id = 1;DELETE FROM t WHERE id = 2");
    e2e_sql(mx, "XA ROLLBACK '%s-r'", E->db);
    /* committed after its prepare */
    e2e_xa_prepare(E, mx, "c", "INSERT INTO t VALUES (4, 'four');"
                   "UPDATE t SET v = 'second' WHERE id = 2");
    e2e_sql(mx, "XA COMMIT '%s-c'", E->db);
    /* one phase */
    e2e_sql(mx, "XA START '%s-o'", E->db);
    e2e_sql(mx, "INSERT INTO t VALUES (5, 'five')");
    e2e_sql(mx, "DELETE FROM t WHERE id = 4");
    e2e_sql(mx, "XA END '%s-o'", E->db);
    e2e_sql(mx, "XA COMMIT '%s-o' ONE PHASE", E->db);
    /* prepared, then other transactions commit, then the bridge stops
     * with them still pending (n: no mirrored rows, nothing to read
     * again) */
    e2e_xa_prepare(E, late, "l", "INSERT INTO t VALUES (6, 'late');"
                   "UPDATE t SET v = 'late' WHERE id = 1");
    e2e_sql(m, "INSERT INTO t VALUES (7, 'between')");
    e2e_sql(m, "UPDATE t SET v = 'between' WHERE id = 5");
    e2e_xa_prepare(E, mx, "r2", "UPDATE t SET v = 'phantom2' WHERE id = 7;"
                   "INSERT INTO t VALUES (8, 'phantom3')");
    e2e_xa_prepare(E, ms, "n", "INSERT INTO skip VALUES (1)");
    e2e_bridge_to_end(E, 60);

    redisReply *r = e2e_redis(E->r, "EXISTS %s:t:6", E->db);
    cr_assert_eq(r->integer, 0, "a row of a prepared XA transaction is in Redis before its commit");
    freeReplyObject(r);
    r = e2e_redis(E->r, "HGET %s:t:1 v", E->db);
    cr_assert(r->type == REDIS_REPLY_STRING && strcmp(r->str, "keep") == 0,
              "row 1 changed before the XA COMMIT");
    freeReplyObject(r);
    char xl[200], xr2[200], xn[200];
    e2e_xa_xid(E, "l", xl, sizeof xl);
    e2e_xa_xid(E, "r2", xr2, sizeof xr2);
    e2e_xa_xid(E, "n", xn, sizeof xn);
    struct e2e_checkpoint cp;
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert(strstr(cp.xa_pending, xl) && strstr(cp.xa_pending, xr2),
              "the checkpoint's xa_pending '%s' does not list %s and %s", cp.xa_pending, xl, xr2);
    /* n has no mirrored rows: its commit changes nothing, it takes no room */
    cr_assert(!strstr(cp.xa_pending, xn), "xa_pending '%s' lists %s, which has no mirrored rows",
              cp.xa_pending, xn);
    /* `status` lists them */
    const char *argv[] = { "status", "--config", E->config, "--source", E->srv.mysql_url,
                           "--redis", E->srv.redis_url, "--checkpoint", E->db, NULL };
    char *out;
    int rc = e2e_run_cmd(E, argv, 30, &out);
    cr_assert_eq(rc, 0, "status exited %d:\n%s", rc, out);
    cr_assert(strstr(out, xl) && strstr(out, xr2) && !strstr(out, xn),
              "status does not list %s and %s (and only them):\n%s", xl, xr2, out);
    cr_log_info("xa: status: %s", out);
    free(out);

    /* committed and rolled back while no bridge runs */
    e2e_sql(late, "XA COMMIT '%s-l'", E->db);
    e2e_sql(mx, "XA ROLLBACK '%s-r2'", E->db);
    e2e_sql(ms, "XA COMMIT '%s-n'", E->db);
    e2e_bridge_to_end(E, 60);
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert_str_eq(cp.xa_pending, "", "xa_pending '%s' after every XA transaction ended; the "
                     "bridge's output:\n%s", cp.xa_pending, e2e_tail(E->bridge.out_path, 4000));
    out = e2e_proc_output(&E->bridge);
    cr_assert(!strstr(out, xn) && !strstr(out, " WARN "), "a warning about a commit:\n%s", out);
    free(out);
    /* inserts 1 2 4 5 6 7, updates 2 1 5, delete 4 */
    const char *const never[] = { "phantom", "changed", NULL };
    xa_check(E, 6, 3, 1, never);
}

Test(bridge, xa_kill_9_between_prepare_and_commit_or_rollback, .fini = xa_fini)
{
    struct e2e *E = &E_;
    e2e_begin(E, "xakill", NULL);
    xa_config(E);
    e2e_establish_checkpoint(E);
    MYSQL *m = E->m, *mc = e2e_xa_connect(E), *mr = e2e_xa_connect(E);
    e2e_sql(m, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(40))");
    e2e_sql(m, "INSERT INTO t SELECT seq, 'first' FROM seq_1_to_10");
    e2e_bridge_start(E, NULL);
    e2e_xa_prepare(E, mc, "c", "INSERT INTO t VALUES (100, 'committed');"
                   "UPDATE t SET v = 'committed' WHERE id = 1");
    e2e_xa_prepare(E, mr, "r", "INSERT INTO t VALUES (200, 'phantom');DELETE FROM t WHERE id = 2;"
                   "UPDATE t SET v = 'phantom' WHERE id = 3");
    e2e_sql(m, "INSERT INTO t VALUES (11, 'after the prepares')");
    /* the prepares are read and checkpointed: then kill -9 */
    e2e_assert_caught_up(E, 60);
    redisReply *r = e2e_redis(E->r, "EXISTS %s:t:100 %s:t:200", E->db, E->db);
    cr_assert_eq(r->integer, 0, "rows of prepared XA transactions are in Redis before their end");
    freeReplyObject(r);
    struct e2e_checkpoint cp;
    e2e_checkpoint_read(E->r, E->db, &cp);
    char xc[200], xr[200];
    e2e_xa_xid(E, "c", xc, sizeof xc);
    e2e_xa_xid(E, "r", xr, sizeof xr);
    cr_assert(strstr(cp.xa_pending, xc) && strstr(cp.xa_pending, xr),
              "the checkpoint's xa_pending '%s' does not list %s and %s", cp.xa_pending, xc, xr);
    if (!e2e_proc_running(&E->bridge))
        e2e_fail_with_bridge_output(E, "the bridge exited by itself before the kill");
    e2e_proc_kill(&E->bridge);
    e2e_sql(mc, "XA COMMIT '%s-c'", E->db);
    e2e_sql(mr, "XA ROLLBACK '%s-r'", E->db);
    e2e_sql(m, "INSERT INTO t VALUES (12, 'after the end')");
    /* the restart resumes with the list, applies the commit */
    e2e_bridge_start(E, NULL);
    e2e_assert_caught_up(E, 60);
    e2e_stop_bridge(E, 30);
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert_str_eq(cp.xa_pending, "");
    /* inserts 1..10, 100, 11, 12; update 1 */
    const char *const never[] = { "phantom", NULL };
    xa_check(E, 13, 1, 0, never);
}

Test(bridge, xa_large_transaction_applied_in_chunks_at_its_commit, .fini = xa_fini)
{
    struct e2e *E = &E_;
    e2e_begin(E, "xabig", NULL);
    xa_config(E);
    e2e_establish_checkpoint(E);
    MYSQL *m = E->m, *mx = e2e_xa_connect(E);
    e2e_sql(m, "CREATE TABLE t (id BIGINT PRIMARY KEY, v VARCHAR(100))");
    e2e_bridge_start(E, NULL);
    /* 25,000 row changes: hundreds of 64 KB chunks */
    e2e_xa_prepare(E, mx, "big", "INSERT INTO t SELECT seq, REPEAT('x', 60) FROM seq_1_to_20000;"
                   "UPDATE t SET v = 'updated' WHERE id <= 5000");
    e2e_sql(m, "INSERT INTO t VALUES (30000, 'between')");
    e2e_assert_caught_up(E, 60);
    redisReply *r = e2e_redis(E->r, "EXISTS %s:t:1 %s:t:20000", E->db, E->db);
    cr_assert_eq(r->integer, 0, "rows of a prepared XA transaction are in Redis before its commit");
    freeReplyObject(r);
    /* its commit: kill -9 as soon as a chunk's checkpoint is seen */
    e2e_sql(mx, "XA COMMIT '%s-big'", E->db);
    struct e2e_checkpoint cp;
    double until = e2e_now() + 60;
    for (;;) {
        e2e_checkpoint_read(E->r, E->db, &cp);
        if (cp.rows_done > 0 || e2e_now() > until || !e2e_proc_running(&E->bridge))
            break;
        e2e_sleep_ms(1);
    }
    if (!e2e_proc_running(&E->bridge))
        e2e_fail_with_bridge_output(E, "the bridge exited by itself during the XA COMMIT");
    e2e_proc_kill(&E->bridge);
    e2e_checkpoint_read(E->r, E->db, &cp);
    if (cp.rows_done == 0)
        cr_log_warn("xabig: no chunk checkpoint seen while the XA transaction was applied");
    else
        cr_log_info("xabig: killed with %llu of its 25,000 row changes applied",
                    (unsigned long long)cp.rows_done);
    e2e_sql(m, "INSERT INTO t VALUES (30001, 'after')");
    e2e_bridge_to_end(E, 120);
    const char *const none[] = { NULL };
    xa_check(E, 20002, 5000, 0, none);
    cr_log_info("xabig: peak RSS %ld KB", E->bridge.maxrss_kb);
}

/* A row the sink refuses at the XA COMMIT (a key template naming a NULL
 * column): the bridge stops naming the XA COMMIT, and the transaction
 * stays pending in the checkpoint, so nothing of it is lost. */
Test(bridge, xa_row_refused_at_commit_stops_naming_it_and_keeps_it_pending, .fini = xa_fini)
{
    struct e2e *E = &E_;
    e2e_begin(E, "xarefused", NULL);
    char rules[512];
    /* The json shape refuses a partial row image (it would have to read
     * the string to apply it): an update logged with MINIMAL images. */
    snprintf(rules, sizeof rules, "rules = ( { match = \"%.63s.t\"; redis = { shape = "
             "\"json\"; }; } );\n", E->db);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", rules);
    e2e_establish_checkpoint(E);
    MYSQL *m = E->m, *mx = e2e_xa_connect(E);
    e2e_sql(m, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(40), w INT)");
    e2e_sql(m, "INSERT INTO t VALUES (1, 'one', 1)");
    e2e_sql(mx, "SET SESSION binlog_row_image = 'MINIMAL'");
    e2e_xa_prepare(E, mx, "x", "UPDATE t SET v = 'uno' WHERE id = 1");
    /* prepared: nothing applied yet, so nothing refused */
    e2e_bridge_to_end(E, 60);
    e2e_sql(mx, "XA COMMIT '%s-x'", E->db);
    char sid[16], x[200];
    snprintf(sid, sizeof sid, "%u", E->server_id);
    e2e_xa_xid(E, "x", x, sizeof x);
    const char *argv[] = { "run", "--config", E->config, "--source", E->srv.mysql_url, "--redis",
                           E->srv.redis_url, "--checkpoint", E->db, "--server-id", sid,
                           "--stop-at-end", "--log-level", "error", NULL };
    char *out, line[2048];
    int rc = e2e_run_cmd(E, argv, 30, &out);
    size_t lines = e2e_output_lines(out, line, sizeof line);
    cr_assert_eq(rc, 2, "exit %d, not 2:\n%s", rc, out);
    cr_assert_eq(lines, 1u, "%zu lines, not one:\n%s", lines, out);
    cr_assert(strstr(line, "XA COMMIT of") && strstr(line, x) &&
              strstr(line, "partial row image"),
              "the message does not name the XA COMMIT and why:\n%s", out);
    free(out);
    struct e2e_checkpoint cp;
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert(strstr(cp.xa_pending, x), "xa_pending '%s' lost %s", cp.xa_pending, x);
}

/* A transaction prepared before the position the bridge started from:
 * nothing says where its rows are, and its commit is reported. */
Test(bridge, xa_commit_of_a_transaction_prepared_before_the_start_warns_naming_it,
     .fini = xa_fini)
{
    struct e2e *E = &E_;
    e2e_begin(E, "xaearly", NULL);
    xa_config(E);
    MYSQL *m = E->m, *mx = e2e_xa_connect(E);
    e2e_sql(m, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(40))");
    e2e_xa_prepare(E, mx, "early", "INSERT INTO t VALUES (1, 'early')");
    e2e_establish_checkpoint(E);
    e2e_sql(mx, "XA COMMIT '%s-early'", E->db);
    e2e_sql(m, "INSERT INTO t VALUES (2, 'later')");
    e2e_bridge_to_end(E, 60);
    char x[200];
    e2e_xa_xid(E, "early", x, sizeof x);
    char *out = e2e_proc_output(&E->bridge);
    const char *line = strstr(out, x);
    cr_assert(line && strstr(out, "XA COMMIT of"), "no warning names %s:\n%s", x, out);
    free(out);
    redisReply *r = e2e_redis(E->r, "HGET %s:t:2 v", E->db);
    cr_assert(r->type == REDIS_REPLY_STRING && strcmp(r->str, "later") == 0);
    freeReplyObject(r);
}

/* The binlog holding a pending XA transaction is gone when it commits:
 * one line naming it, exit 1. (The checkpoint is written by hand: purging
 * the shared server's binlogs would disturb the other tests.) */
Test(bridge, xa_pending_transaction_purged_exits_1_naming_it, .fini = xa_fini)
{
    struct e2e *E = &E_;
    e2e_begin(E, "xapurged", NULL);
    xa_config(E);
    e2e_establish_checkpoint(E);
    MYSQL *m = E->m, *mx = e2e_xa_connect(E);
    e2e_sql(m, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(40))");
    e2e_xa_prepare(E, mx, "p", "INSERT INTO t VALUES (1, 'p')");
    char file[256];
    uint64_t pos;
    e2e_master_status(m, file, sizeof file, &pos);
    e2e_sql(mx, "XA COMMIT '%s-p'", E->db);
    char x[200];
    e2e_xa_xid(E, "p", x, sizeof x);
    freeReplyObject(e2e_redis(E->r, "HSET binbridge:checkpoint:%s file %s pos %llu rows_done 0 "
                              "gtid %s commit_time 0 server_id 1 xa_pending %s@mysql-bin.000000:4",
                              E->db, file, (unsigned long long)pos, "", x));
    char sid[16];
    snprintf(sid, sizeof sid, "%u", E->server_id);
    const char *argv[] = { "run", "--config", E->config, "--source", E->srv.mysql_url, "--redis",
                           E->srv.redis_url, "--checkpoint", E->db, "--server-id", sid,
                           "--stop-at-end", "--log-level", "error", NULL };
    char *out, line[2048];
    int rc = e2e_run_cmd(E, argv, 30, &out);
    size_t lines = e2e_output_lines(out, line, sizeof line);
    cr_assert_eq(rc, 1, "exit %d, not 1:\n%s", rc, out);
    cr_assert_eq(lines, 1u, "%zu lines, not one:\n%s", lines, out);
    cr_assert(strstr(line, x) && strstr(line, "mysql-bin.000000:4") &&
              strstr(line, "no longer on the server"),
              "the message does not name the transaction, its position and why:\n%s", out);
    cr_log_info("xapurged: %s", line);
    free(out);
}

/* ------------------------------------------------------------------ */
/* The harness itself                                                  */

/* The comparison finds every kind of difference, exactly once each: the
 * hashes are written from the SELECT by the harness (no binbridge), found
 * equal, then damaged one way per key. */
/* ------------------------------------------------------------------ */
/* Keys (README, "Redis keys")                                         */

/* One field of a key, unescaped. */
struct kfield {
    char b[256];
    size_t len;
    bool null;
};

/* Split key k (n bytes) by the README's rule: '\' takes the next byte as it
 * is ("\N" alone is NULL), an unescaped ':' ends a field, and a field of a
 * date-and-time column (layout[i] == 3) takes two ':' with it. The key
 * must have exactly nfields fields; false when it breaks the rule. */
static bool key_split(const char *k, size_t n, const int *layout, size_t nfields,
                      struct kfield *out)
{
    struct kfield pieces[32];
    size_t np = 0;
    memset(&pieces[0], 0, sizeof pieces[0]);
    for (size_t i = 0; i < n; i++) {
        char c = k[i];
        struct kfield *p = &pieces[np];
        if (c == ':') {
            if (++np == 32)
                return false;
            memset(&pieces[np], 0, sizeof pieces[np]);
            continue;
        }
        if (p->null)
            return false;               /* \N is a whole field */
        if (c == '\\') {
            if (i + 1 == n)
                return false;
            c = k[++i];
            if (c == 'N') {
                if (p->len)
                    return false;
                p->null = true;
                continue;
            }
            if (c != '\\' && c != ':')
                return false;
        }
        if (p->len == sizeof p->b - 1)
            return false;
        p->b[p->len++] = c;
    }
    np++;
    size_t at = 0;
    for (size_t f = 0; f < nfields; f++) {
        if (at + (size_t)layout[f] > np)
            return false;
        out[f] = pieces[at++];
        for (int j = 1; j < layout[f]; j++, at++) {
            if (out[f].null || pieces[at].null || out[f].len + 1 + pieces[at].len >= sizeof out[f].b)
                return false;
            out[f].b[out[f].len++] = ':';
            memcpy(out[f].b + out[f].len, pieces[at].b, pieces[at].len);
            out[f].len += pieces[at].len;
        }
    }
    return at == np;
}

static bool kfield_is(const struct kfield *f, const void *p, size_t n)
{
    return !f->null && f->len == n && memcmp(f->b, p, n) == 0;
}

/* Every key under "db:", binary-safe. */
struct keylist {
    char **p;
    size_t *len;
    size_t n;
};

static void keys_under_db(struct e2e *E, struct keylist *kl)
{
    memset(kl, 0, sizeof *kl);
    size_t cap = 0;
    char cursor[32] = "0";
    do {
        redisReply *r = e2e_redis(E->r, "SCAN %s MATCH %s:* COUNT 1000", cursor, E->db);
        cr_assert(r->type == REDIS_REPLY_ARRAY && r->elements == 2);
        snprintf(cursor, sizeof cursor, "%s", r->element[0]->str);
        for (size_t i = 0; i < r->element[1]->elements; i++) {
            redisReply *k = r->element[1]->element[i];
            if (kl->n == cap) {
                cap = cap ? cap * 2 : 64;
                kl->p = realloc(kl->p, cap * sizeof *kl->p);
                kl->len = realloc(kl->len, cap * sizeof *kl->len);
                cr_assert(kl->p && kl->len);
            }
            kl->p[kl->n] = malloc(k->len + 1);
            memcpy(kl->p[kl->n], k->str, k->len + 1);
            kl->len[kl->n++] = k->len;
        }
        freeReplyObject(r);
    } while (strcmp(cursor, "0") != 0);
}

static void keylist_free(struct keylist *kl)
{
    for (size_t i = 0; i < kl->n; i++)
        free(kl->p[i]);
    free(kl->p);
    free(kl->len);
    memset(kl, 0, sizeof *kl);
}

/* Rows of kc: a VARBINARY, b VARCHAR (utf8mb4_bin), at DATETIME form the key. */
struct kc_row {
    const char *a;
    size_t alen;
    const char *b;
    const char *at;
    int v;
};

static const struct kc_row kc_rows[] = {
    /* both were kc:x:y:z:<at> */
    { "x:y", 3, "z", "2024-05-01 12:34:56", 1 },
    { "x", 1, "y:z", "2024-05-01 12:34:56", 2 },
    /* empty strings, separators alone */
    { "", 0, "", "2024-05-01 12:34:56", 3 },
    { "", 0, ":", "2024-05-01 12:34:56", 4 },
    { ":", 1, "", "2024-05-01 12:34:56", 5 },
    /* the escape character, and values that look escaped */
    { "\\", 1, "\\\\", "2024-05-01 12:34:56", 6 },
    { "\\\\", 2, "\\", "2024-05-01 12:34:56", 7 },
    { "\\:", 2, "\\N", "2024-05-01 12:34:56", 8 },
    { "\\N", 2, "\\:", "2024-05-01 12:34:56", 9 },
    /* bytes: NUL, invalid UTF-8 with a separator and a backslash; UTF-8 */
    { "\0", 1, "\xc3\xa9:", "2024-05-01 12:34:56", 10 },
    { "\xff:\\\0", 4, "\xf0\x9f\x98\x80", "1999-12-31 23:59:59", 11 },
    { "x:y", 3, "z", "1999-12-31 23:59:59", 12 },
};
#define KC_ROWS (sizeof kc_rows / sizeof *kc_rows)

/* Every key under the test's schema is one row of kc whose v[i] is not 0,
 * found exactly once by splitting the key back into its values, holding
 * that row's v. */
static void check_kc_keys(struct e2e *E, const int *v)
{
    static const int layout[] = { 1, 1, 1, 1, 3 };
    struct keylist kl;
    keys_under_db(E, &kl);
    bool seen[KC_ROWS] = { false };
    size_t want = 0;
    for (size_t i = 0; i < KC_ROWS; i++)
        want += v[i] != 0;
    for (size_t k = 0; k < kl.n; k++) {
        char *pk = e2e_printable(kl.p[k], kl.len[k]);
        struct kfield f[5];
        cr_assert(key_split(kl.p[k], kl.len[k], layout, 5, f), "key %s breaks the rule", pk);
        cr_assert(kfield_is(&f[0], E->db, strlen(E->db)) && kfield_is(&f[1], "kc", 2), "key %s",
                  pk);
        size_t row = KC_ROWS;
        for (size_t i = 0; i < KC_ROWS && row == KC_ROWS; i++)
            if (kfield_is(&f[2], kc_rows[i].a, kc_rows[i].alen) &&
                kfield_is(&f[3], kc_rows[i].b, strlen(kc_rows[i].b)) &&
                kfield_is(&f[4], kc_rows[i].at, strlen(kc_rows[i].at)))
                row = i;
        cr_assert(row < KC_ROWS && v[row], "key %s is no row of kc", pk);
        cr_assert(!seen[row], "two keys for row %zu", row);
        seen[row] = true;
        redisReply *r = e2e_redis(E->r, "HGET %b v", kl.p[k], kl.len[k]);
        char want_v[16];
        snprintf(want_v, sizeof want_v, "%d", v[row]);
        cr_assert(r->type == REDIS_REPLY_STRING && strcmp(r->str, want_v) == 0,
                  "key %s: v is %s, not %s (another row wrote it)", pk,
                  r->type == REDIS_REPLY_STRING ? r->str : "missing", want_v);
        freeReplyObject(r);
        free(pk);
    }
    cr_assert_eq(kl.n, want, "%zu keys for %zu rows", kl.n, want);
    keylist_free(&kl);
}

Test(bridge, keys_split_back_into_their_rows_and_never_collide)
{
    struct e2e *E = &E_;
    e2e_begin(E, "keys", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", NULL);
    e2e_establish_checkpoint(E);
    e2e_sql(E->m, "CREATE TABLE kc (a VARBINARY(16) NOT NULL, b VARCHAR(16) CHARACTER SET utf8mb4 "
                  "COLLATE utf8mb4_bin NOT NULL, at DATETIME NOT NULL, v INT, "
                  "PRIMARY KEY (a, b, at))");
    int v[KC_ROWS];
    for (size_t i = 0; i < KC_ROWS; i++) {
        struct e2e_sb a = { 0 }, b = { 0 };
        e2e_sb_puts(&a, "");
        e2e_sb_puts(&b, "");
        e2e_sb_hex(&a, kc_rows[i].a, kc_rows[i].alen);
        e2e_sb_hex(&b, kc_rows[i].b, strlen(kc_rows[i].b));
        e2e_sql(E->m, "INSERT INTO kc VALUES (X'%s', CONVERT(X'%s' USING utf8mb4), '%s', %d)", a.p,
                b.p, kc_rows[i].at, kc_rows[i].v);
        free(a.p);
        free(b.p);
        v[i] = kc_rows[i].v;
    }
    e2e_bridge_to_end(E, 60);
    check_kc_keys(E, v);

    /* Of two rows that shared a key, deleting one leaves the other. */
    e2e_sql(E->m, "DELETE FROM kc WHERE a = 'x:y' AND b = 'z' AND at = '%s'", kc_rows[0].at);
    e2e_sql(E->m, "UPDATE kc SET v = 20 WHERE a = 'x' AND b = 'y:z'");
    e2e_sql(E->m, "DELETE FROM kc WHERE a = ':'");
    e2e_bridge_to_end(E, 60);
    v[0] = v[4] = 0;
    v[1] = 20;
    check_kc_keys(E, v);
}

/* A table's keys: how many keys under the test's schema belong to it. */
static size_t keys_of_table(struct e2e *E, const char *table)
{
    static const int layout[] = { 1, 1, 1 };
    struct keylist kl;
    keys_under_db(E, &kl);
    size_t n = 0;
    for (size_t k = 0; k < kl.n; k++) {
        struct kfield f[3];
        char *pk = e2e_printable(kl.p[k], kl.len[k]);
        cr_assert(key_split(kl.p[k], kl.len[k], layout, 3, f), "key %s breaks the rule", pk);
        free(pk);
        n += kfield_is(&f[1], table, strlen(table));
    }
    keylist_free(&kl);
    return n;
}

Test(bridge, truncate_removes_only_the_tables_own_keys)
{
    /* t:x's keys were t's keys with a longer key (kc:t:x:1); t\:x is named
     * like t:x escaped; t\ ends in the escape character, t* is a glob. */
    static const char *const tables[] = { "t", "t:x", "t\\:x", "t\\", "t*" };
    enum { NT = sizeof tables / sizeof *tables };
    struct e2e *E = &E_;
    e2e_begin(E, "trunc", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", NULL);
    e2e_establish_checkpoint(E);
    for (size_t i = 0; i < NT; i++) {
        e2e_sql(E->m, "CREATE TABLE `%s` (id INT PRIMARY KEY, v INT)", tables[i]);
        e2e_sql(E->m, "INSERT INTO `%s` SELECT seq, seq FROM seq_1_to_3", tables[i]);
    }
    e2e_bridge_to_end(E, 60);
    size_t left[NT];
    for (size_t i = 0; i < NT; i++) {
        left[i] = 3;
        cr_assert_eq(keys_of_table(E, tables[i]), 3u, "table %s", tables[i]);
    }
    /* One at a time, in an order where each one's keys could be taken for
     * those of a table still full. */
    static const size_t order[] = { 0, 3, 1, 4 };
    for (size_t s = 0; s < sizeof order / sizeof *order; s++) {
        const char *name = tables[order[s]];
        if (order[s] == 4)
            e2e_sql(E->m, "DROP TABLE `%s`", name);
        else
            e2e_sql(E->m, "TRUNCATE TABLE `%s`", name);
        e2e_bridge_to_end(E, 60);
        left[order[s]] = 0;
        for (size_t i = 0; i < NT; i++)
            cr_assert_eq(keys_of_table(E, tables[i]), left[i],
                         "after removing %s: table %s has %zu keys, not %zu", name, tables[i],
                         keys_of_table(E, tables[i]), left[i]);
    }
}

/* The hash at db:table:key holds field v = want (NULL: no such key). */
static void expect_v(struct e2e *E, const char *table, const char *key, const char *want)
{
    redisReply *r = e2e_redis(E->r, "HGET %s:%s:%s v", E->db, table, key);
    if (!want)
        cr_assert(r->type == REDIS_REPLY_NIL, "%s:%s:%s exists (v %s)", E->db, table, key,
                  r->type == REDIS_REPLY_STRING ? r->str : "?");
    else
        cr_assert(r->type == REDIS_REPLY_STRING && strcmp(r->str, want) == 0,
                  "%s:%s:%s: v is %s, not %s", E->db, table, key,
                  r->type == REDIS_REPLY_STRING ? r->str : "missing", want);
    freeReplyObject(r);
}

static size_t count_of(const char *text, const char *what)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

/* The bridge's output names the table's NULL key once. */
static void expect_one_null_key_warning(struct e2e *E)
{
    char *out = e2e_proc_output(&E->bridge);
    char what[200];
    snprintf(what, sizeof what, "%s.nk: rows whose key column u is NULL are not mirrored", E->db);
    cr_assert_eq(count_of(out, what), 1u, "expected one warning \"%s\" in:\n%s", what, out);
    free(out);
}

Test(bridge, rows_with_null_in_their_key_are_left_out_with_one_warning)
{
    /* key_columns names a UNIQUE column that may be NULL: MySQL lets
     * several rows hold NULL there. Such a row was an error that stopped
     * the bridge again at every restart. */
    struct e2e *E = &E_;
    e2e_begin(E, "nullkey", NULL);
    char rules[300];
    snprintf(rules, sizeof rules,
             "rules = ( { match = \"%.63s.nk\"; key_columns = [ \"u\" ]; redis = {}; } );\n",
             E->db);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", rules);
    e2e_establish_checkpoint(E);
    e2e_sql(E->m, "CREATE TABLE nk (id INT PRIMARY KEY, u VARCHAR(10) NULL UNIQUE, v INT)");
    e2e_sql(E->m, "CREATE TABLE other (id INT PRIMARY KEY, v INT)");
    e2e_sql(E->m, "INSERT INTO nk VALUES (1, 'a', 1), (2, NULL, 2), (3, NULL, 3), (4, 'b', 4)");
    e2e_sql(E->m, "INSERT INTO other VALUES (1, 1)");
    e2e_sql(E->m, "INSERT INTO nk VALUES (5, NULL, 5)");
    e2e_sql(E->m, "INSERT INTO other VALUES (2, 2)");
    e2e_bridge_to_end(E, 60);
    expect_one_null_key_warning(E);
    expect_v(E, "nk", "a", "1");
    expect_v(E, "nk", "b", "4");
    expect_v(E, "nk", "\\N", NULL);
    expect_v(E, "nk", "", NULL);
    expect_v(E, "other", "1", "1");
    expect_v(E, "other", "2", "2");
    struct keylist kl;
    keys_under_db(E, &kl);
    cr_assert_eq(kl.n, 4u, "%zu keys, not those of the 4 rows with a key", kl.n);
    keylist_free(&kl);

    /* Updates: filling in the key inserts the row, emptying it deletes it;
     * NULL to NULL and deleting a row without key do nothing. Later rows
     * are mirrored as usual, and a restart does not stop either. */
    e2e_sql(E->m, "UPDATE nk SET u = 'c' WHERE id = 2");
    e2e_sql(E->m, "UPDATE nk SET u = NULL WHERE id = 1");
    e2e_sql(E->m, "UPDATE nk SET v = 30 WHERE id = 3");
    e2e_sql(E->m, "DELETE FROM nk WHERE id = 5");
    e2e_sql(E->m, "UPDATE nk SET v = 40 WHERE id = 4");
    e2e_sql(E->m, "INSERT INTO nk VALUES (6, 'e', 6)");
    e2e_sql(E->m, "INSERT INTO other VALUES (3, 3)");
    e2e_bridge_to_end(E, 60);
    expect_one_null_key_warning(E);
    expect_v(E, "nk", "a", NULL);
    expect_v(E, "nk", "c", "2");
    expect_v(E, "nk", "b", "40");
    expect_v(E, "nk", "e", "6");
    expect_v(E, "other", "3", "3");
    keys_under_db(E, &kl);
    cr_assert_eq(kl.n, 6u, "%zu keys, not those of the 3 + 3 rows with a key", kl.n);
    keylist_free(&kl);
    redisReply *r = e2e_redis(E->r, "HGETALL %s:nk:c", E->db);
    cr_assert_eq(r->elements, 6u, "the row that got its key is written whole");
    freeReplyObject(r);

    /* A snapshot leaves them out too. */
    char glob[160];
    snprintf(glob, sizeof glob, "%.63s:*", E->db);
    e2e_redis_delete(E->r, glob);
    freeReplyObject(e2e_redis(E->r, "DEL binbridge:checkpoint:%s", E->db));
    static const char *const snapshot_start[] = { "--start", "snapshot", "--stop-at-end", NULL };
    run_to_end_with(E, snapshot_start);
    expect_one_null_key_warning(E);
    expect_v(E, "nk", "c", "2");
    expect_v(E, "nk", "b", "40");
    expect_v(E, "nk", "e", "6");
    keys_under_db(E, &kl);
    cr_assert_eq(kl.n, 6u, "%zu keys after a snapshot, not 6", kl.n);
    keylist_free(&kl);
}

Test(bridge, a_row_keyed_changes_and_its_tables_stream_keep_apart)
{
    /* The default stream key was {schema}:{table}:changes: with the default
     * hash too, the row 'changes' and the stream were one key, and the
     * XADD failed inside EXEC (WRONGTYPE). */
    struct e2e *E = &E_;
    e2e_begin(E, "stream", NULL);
    char rules[300];
    snprintf(rules, sizeof rules,
             "rules = ( { match = \"%.63s.st\"; redis = ( {}, { shape = \"stream\"; } ); } );\n",
             E->db);
    e2e_write_usual_config(E, "tests/e2e/test_bridge.c", rules);
    e2e_establish_checkpoint(E);
    e2e_sql(E->m, "CREATE TABLE st (name VARCHAR(20) PRIMARY KEY, v INT)");
    e2e_sql(E->m, "INSERT INTO st VALUES ('changes', 1), ('', 2), ('x', 3)");
    e2e_sql(E->m, "UPDATE st SET v = 10 WHERE name = 'changes'");
    e2e_sql(E->m, "DELETE FROM st WHERE name = 'x'");
    e2e_bridge_to_end(E, 60);
    expect_v(E, "st", "changes", "10");
    expect_v(E, "st", "", "2");
    expect_v(E, "st", "x", NULL);
    redisReply *r = e2e_redis(E->r, "XLEN %s:st", E->db);
    cr_assert_eq(r->integer, 5, "the stream has %lld entries, not 5", r->integer);
    freeReplyObject(r);
}

Test(bridge, harness_detects_every_kind_of_difference)
{
    struct e2e *E = &E_;
    e2e_begin(E, "self", NULL);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    while (W->keys[WL_ALL].n < 12)
        wl_steps(W, 10);
    const char *tmpl = "{schema}:{table}:{pk}";
    for (int i = 0; i < WL_NTABLES; i++) {
        struct e2e_table t;
        e2e_table_load(E->m, E->db, e2e_wl_table_names[i], &t);
        e2e_write_reference(E->r, &t, tmpl);
        e2e_table_free(&t);
    }
    struct e2e_report rep;
    e2e_report_init(&rep, "self");
    e2e_compare_default_into(E, NULL, &rep);
    cr_assert_eq(rep.count, 0u, "the reference hashes differ from the SELECT:\n%s", rep.text);

    struct e2e_table t;
    e2e_table_load(E->m, E->db, "t_all", &t);
    cr_assert_geq(t.nrows, 12u);
    char *k[12];
    for (size_t i = 0; i < 12; i++)
        k[i] = e2e_render_key(&t, i, tmpl);
    unsigned expect = 0;
    /* a wrong value, a missing field, an extra field */
    freeReplyObject(e2e_redis(E->r, "HSET %s vc tampered\x01", k[0]));
    freeReplyObject(e2e_redis(E->r, "HDEL %s id", k[1]));
    freeReplyObject(e2e_redis(E->r, "HSET %s nosuch x", k[2]));
    expect += 3;
    /* a field for a NULL column */
    for (size_t r = 3; r < 12 && expect == 3; r++)
        for (size_t c = 0; c < t.ncols; c++)
            if (!e2e_cell(&t, r, c)->p) {
                freeReplyObject(e2e_redis(E->r, "HSET %s %s 0", k[r], t.cols[c].name));
                expect++;
                k[r][0] = '\0';   /* used */
                break;
            }
    /* a missing key, an extra key */
    size_t r = 3;
    while (!k[r][0])
        r++;
    freeReplyObject(e2e_redis(E->r, "DEL %s", k[r]));
    k[r][0] = '\0';
    freeReplyObject(e2e_redis(E->r, "HSET %s:t_all:999999 id 999999", E->db));
    expect += 2;
    /* BIT as its raw bytes, not the number */
    while (!k[r][0])
        r++;
    freeReplyObject(e2e_redis(E->r, "HSET %s bt %b", k[r], "\x01\x02", (size_t)2));
    k[r][0] = '\0';
    expect++;
    /* FLOAT: a text that reads back but is longer than the shortest */
    int flt = e2e_column_index(&t, "flt");
    for (size_t i = 3; i < 12; i++) {
        const struct e2e_cell *c = e2e_cell(&t, i, (size_t)flt);
        if (!k[i][0] || !c->p)
            continue;
        float f = (float)strtod(c->extra, NULL);
        char nine[64];
        snprintf(nine, sizeof nine, "%.9g", (double)f);
        const char *why;
        if (!e2e_text_matches(&t.cols[flt], c, nine, strlen(nine), &why)) {
            freeReplyObject(e2e_redis(E->r, "HSET %s flt %s", k[i], nine));
            k[i][0] = '\0';
            expect++;
            break;
        }
    }
    e2e_compare_default_into(E, NULL, &rep);
    cr_assert_eq(rep.count, expect, "%u differences found, %u made:\n%s", rep.count, expect,
                 rep.text ? rep.text : "");
    cr_log_info("self: %u differences made, %u found:\n%s", expect, rep.count, rep.text);
    free(rep.text);
    for (size_t i = 0; i < 12; i++)
        free(k[i]);
    e2e_table_free(&t);

    /* streams: a duplicate position and an entry without its image */
    char key[160];
    snprintf(key, sizeof key, "%.63s:self:stream", E->db);
    const char *entries[] = {
        "op insert schema %s table s file f.000001 pos 10 row 0 gtid g ts 1 after {}",
        "op update schema %s table s file f.000001 pos 10 row 1 gtid g ts 1 before {} after {}",
        "op update schema %s table s file f.000001 pos 10 row 1 gtid g ts 1 before {} after {}",
        "op delete schema %s table s file f.000002 pos 4 row 0 gtid g ts 1",
    };
    for (size_t i = 0; i < 4; i++) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "XADD %%s * %s", entries[i]);
        freeReplyObject(e2e_redis(E->r, cmd, key, E->db));
    }
    e2e_report_init(&rep, "self stream");
    uint64_t counts[3];
    uint64_t n = check_stream(E, key, "s", counts, &rep);
    cr_assert_eq(n, 4u);
    cr_assert_eq(rep.count, 2u, "stream check found %u problems, not 2:\n%s", rep.count,
                 rep.text ? rep.text : "");
    cr_assert(counts[0] == 1 && counts[1] == 2 && counts[2] == 1);
    free(rep.text);

    /* JSON documents: the JSON form of each type */
    e2e_sql(E->m, "CREATE TABLE j (id INT PRIMARY KEY, d DECIMAL(5,2), b BLOB, f FLOAT, "
                  "t VARCHAR(10), n INT, y YEAR, bt BIT(3))");
    e2e_sql(E->m, "INSERT INTO j VALUES (1, 1.5, X'00FF', 0.1, 'x\"y', NULL, 2024, 5)");
    e2e_table_load(E->m, E->db, "j", &t);
    static const char *const docs[] = {
        "{\"id\":1,\"d\":\"1.50\",\"b\":{\"base64\":\"AP8=\"},\"f\":0.1,\"t\":\"x\\\"y\","
        "\"n\":null,\"y\":\"2024\",\"bt\":5}",
        "{\"id\":1,\"d\":1.50,\"b\":\"AP8=\",\"f\":0.100000001,\"t\":\"x\\u0022y\",\"n\":0,"
        "\"y\":2024,\"bt\":\"5\"}",
    };
    for (int d = 0; d < 2; d++) {
        const char *why;
        struct e2e_json *doc = e2e_json_parse(docs[d], strlen(docs[d]), &why);
        cr_assert(doc, "doc %d: %s", d, why);
        unsigned bad = 0;
        for (size_t c = 0; c < t.ncols; c++) {
            const struct e2e_json *v = e2e_json_get(doc, t.cols[c].name);
            cr_assert(v);
            bad += !e2e_json_matches(&t.cols[c], e2e_cell(&t, 0, c), v, &why);
        }
        /* the second: all but id and t (the same string, escaped otherwise) wrong */
        cr_assert_eq(bad, d ? 6u : 0u, "doc %d: %u members differ", d, bad);
        e2e_json_free(doc);
    }
    e2e_table_free(&t);
}
