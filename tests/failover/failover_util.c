/* failover_util.c - the pair of servers and shared checks (failover_util.h). */
#include "tests/failover/failover_util.h"

#include <criterion/criterion.h>
#include <criterion/logging.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int pair_sh(const struct fo_pair *p, const char *action, const char *args)
{
    char cmd[2000];
    snprintf(cmd, sizeof cmd, "tests/failover/pair.sh %.20s '%s' %s >>'%s.log' 2>&1", action,
             p->dir, args ? args : "", p->dir);
    return system(cmd);
}

static void pair_start(struct fo_pair *p, const char *tag, const char *tls_dir)
{
    memset(p, 0, sizeof *p);
    snprintf(p->dir, sizeof p->dir, "/tmp/bbfo-%s-%d", tag, (int)getpid());
    pair_sh(p, "stop", NULL);   /* one left behind by a killed run */
    p->port[0] = e2e_free_port();
    do
        p->port[1] = e2e_free_port();
    while (p->port[1] == p->port[0]);
    char args[700];
    snprintf(args, sizeof args, "%u %u%s%.600s%s", p->port[0], p->port[1], tls_dir ? " '" : "",
             tls_dir ? tls_dir : "", tls_dir ? "'" : "");
    double t0 = e2e_now();
    p->started = true;
    int rc = pair_sh(p, "start", args);
    char log[300];
    snprintf(log, sizeof log, "%s.log", p->dir);
    cr_assert_eq(rc, 0, "pair.sh start failed:\n%s", e2e_tail(log, 2000));
    for (int i = 0; i < 2; i++) {
        struct e2e_servers *srv = &p->srv[i];
        e2e_servers_from_env(srv);
        srv->mariadb_port = p->port[i];
        /* host and URL are fields of one struct: gcc -O1 (the ASan build)
         * cannot tell they do not overlap (-Wrestrict) */
        char host[sizeof srv->host];
        memcpy(host, srv->host, sizeof host);
        snprintf(srv->mysql_url, sizeof srv->mysql_url, "mysql://bbrepl:bbrepl@%.63s:%u", host,
                 p->port[i]);
    }
    cr_log_info("%s: primary on %u, replica on %u%s, started in %.1f s", tag, p->port[0],
                p->port[1], tls_dir ? ", both with TLS" : "", e2e_now() - t0);
}

void fo_pair_start(struct fo_pair *p, const char *tag)
{
    pair_start(p, tag, NULL);
}

void fo_pair_start_tls(struct fo_pair *p, const char *tag, const char *tls_dir)
{
    pair_start(p, tag, tls_dir);
}

void fo_pair_do(struct fo_pair *p, const char *action)
{
    char log[300];
    snprintf(log, sizeof log, "%s.log", p->dir);
    cr_assert_eq(pair_sh(p, action, NULL), 0, "pair.sh %s failed:\n%s", action,
                 e2e_tail(log, 2000));
}

void fo_pair_stop(struct fo_pair *p)
{
    if (!p->started)
        return;
    pair_sh(p, "stop", NULL);
    char log[300];
    snprintf(log, sizeof log, "%s.log", p->dir);
    if (!getenv("BB_E2E_KEEP"))
        unlink(log);
    p->started = false;
}

void fo_wait_replica_received(struct fo_pair *p, MYSQL *primary)
{
    char *want = e2e_sql_value(primary, "SELECT @@gtid_binlog_pos");
    cr_assert(want);
    MYSQL *r = e2e_sql_connect(&p->srv[1]);
    double until = e2e_now() + 60;
    char *got = NULL;
    for (;;) {
        free(got);
        /* Gtid_IO_Pos: what the IO thread received (the relay log) */
        got = NULL;
        if (mysql_query(r, "SHOW SLAVE STATUS") == 0) {
            MYSQL_RES *res = mysql_store_result(r);
            MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
            unsigned n = res ? mysql_num_fields(res) : 0;
            MYSQL_FIELD *f = res ? mysql_fetch_fields(res) : NULL;
            for (unsigned i = 0; row && i < n; i++)
                if (strcmp(f[i].name, "Gtid_IO_Pos") == 0 && row[i])
                    got = strdup(row[i]);
            if (res)
                mysql_free_result(res);
        }
        if (got && strcmp(got, want) == 0)
            break;
        cr_assert(e2e_now() < until, "the replica received %s, not %s, within 60 s",
                  got ? got : "(nothing)", want);
        e2e_sleep_ms(10);
    }
    free(got);
    free(want);
    mysql_close(r);
}

void fo_follow_replica(struct fo_pair *p, struct e2e *E, struct workload *W)
{
    mysql_close(E->m);
    E->srv.mariadb_port = p->port[1];
    E->m = e2e_sql_connect(&E->srv);
    e2e_sql(E->m, "USE %s", E->db);
    if (W)
        wl_set_connection(W, E->m);
}

/* The fields of one stream entry (name, value pairs). */
static const char *field(redisReply *fields, const char *name)
{
    for (size_t i = 0; i + 1 < fields->elements; i += 2)
        if (strcmp(fields->element[i]->str, name) == 0)
            return fields->element[i + 1]->str;
    return NULL;
}

void fo_check_stream(struct e2e *E, const struct workload *W, const char *key)
{
    static const char *const ops[] = { "insert", "update", "delete" };
    struct e2e_report rep;
    e2e_report_init(&rep, "stream");
    uint64_t counts[3] = { 0, 0, 0 };
    struct e2e_strings ids = { 0 };
    char start[80] = "-";
    for (;;) {
        redisReply *r = e2e_redis(E->r, "XRANGE %s %s + COUNT 5000", key, start);
        cr_assert(r->type == REDIS_REPLY_ARRAY);
        if (r->elements == 0) {
            freeReplyObject(r);
            break;
        }
        for (size_t i = 0; i < r->elements; i++) {
            redisReply *e = r->element[i];
            snprintf(start, sizeof start, "(%s", e->element[0]->str);
            const char *op = field(e->element[1], "op"), *gtid = field(e->element[1], "gtid");
            const char *file = field(e->element[1], "file"), *pos = field(e->element[1], "pos");
            const char *row = field(e->element[1], "row");
            if (!op || !gtid || !file || !pos || !row) {
                e2e_report_add(&rep, "stream %s entry %s: a field is missing", key,
                               e->element[0]->str);
                continue;
            }
            for (int k = 0; k < 3; k++)
                if (strcmp(op, ops[k]) == 0)
                    counts[k]++;
            char *id;
            cr_assert(asprintf(&id, "%s %s:%s#%s", gtid, file, pos, row) > 0);
            e2e_strings_add(&ids, id);
        }
        freeReplyObject(r);
    }
    e2e_strings_sort(&ids);
    for (size_t i = 1; i < ids.n; i++)
        if (strcmp(ids.v[i - 1], ids.v[i]) == 0)
            e2e_report_add(&rep, "stream %s: the change %s twice", key, ids.v[i]);
    for (int k = 0; k < 3; k++)
        if (counts[k] != W->changes[WL_U][k])
            e2e_report_add(&rep, "stream %s: %llu %ss, the workload made %llu", key,
                           (unsigned long long)counts[k], ops[k],
                           (unsigned long long)W->changes[WL_U][k]);
    cr_log_info("%s: stream %s holds %zu entries (%llu/%llu/%llu), as the workload's changes of "
                "t_u", E->tag, key, ids.n, (unsigned long long)counts[0],
                (unsigned long long)counts[1], (unsigned long long)counts[2]);
    e2e_strings_free(&ids);
    e2e_report_check(&rep, E->seed);
}

unsigned fo_count_lines(const char *out, const char *what)
{
    unsigned n = 0;
    for (const char *p = out; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *hit = strstr(p, what);
        if (hit && hit < p + len)
            n++;
        p = nl ? nl + 1 : p + len;
    }
    return n;
}
