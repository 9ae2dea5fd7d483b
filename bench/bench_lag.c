/* bench_lag.c - replication lag under a steady write load.
 *
 *   bench_lag MYSQL_HOST MYSQL_PORT USER PASSWORD REDIS_HOST REDIS_PORT REDIS_DB SECONDS ROWS_PER_S
 *
 * With `binbridge run` following the server, insert ROWS_PER_S rows per
 * second into bbbench.lag (in transactions of 50 rows every 1/ (ROWS_PER_S/50)
 * s) for SECONDS, and for each transaction measure how long after its
 * COMMIT returned its last row's hash appears in Redis (the default mapping:
 * bbbench:lag:<id>). Prints the achieved write rate and the lag
 * percentiles. The clock starts once the bridge has applied the DELETE of
 * the previous run's rows (up to 200,000 at 20,000 rows/s): a row written
 * after it (id 0) is in Redis. */
#include <hiredis/hiredis.h>
#include <mysql.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const char *why)
{
    fprintf(stderr, "bench_lag: %s: %s\n", what, why);
    exit(1);
}

static void sql(MYSQL *m, const char *q)
{
    if (mysql_query(m, q))
        die(q, mysql_error(m));
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc != 10) {
        fprintf(stderr, "usage: bench_lag MYSQL_HOST MYSQL_PORT USER PASSWORD REDIS_HOST "
                        "REDIS_PORT REDIS_DB SECONDS ROWS_PER_S\n");
        return 2;
    }
    int seconds = atoi(argv[8]), rate = atoi(argv[9]);
    const int per_txn = 50;
    MYSQL *m = mysql_init(NULL);
    if (!mysql_real_connect(m, argv[1], argv[3], argv[4], NULL, (unsigned)atoi(argv[2]), NULL, 0))
        die("connect", mysql_error(m));
    redisContext *r = redisConnect(argv[5], atoi(argv[6]));
    if (!r || r->err)
        die("redis", r ? r->errstr : "cannot connect");
    redisReply *rep = redisCommand(r, "SELECT %s", argv[7]);
    freeReplyObject(rep);

    sql(m, "CREATE TABLE IF NOT EXISTS bbbench.lag (id INT PRIMARY KEY, v VARCHAR(64), "
           "at DATETIME(6))");
    sql(m, "DELETE FROM bbbench.lag");
    sql(m, "INSERT INTO bbbench.lag VALUES (0, 'start', NOW(6))");
    for (double until = now() + 60;;) {
        rep = redisCommand(r, "EXISTS bbbench:lag:0");
        if (!rep)
            die("redis", r->errstr);
        bool there = rep->type == REDIS_REPLY_INTEGER && rep->integer == 1;
        freeReplyObject(rep);
        if (there)
            break;
        if (now() > until)
            die("lag", "the bridge did not apply the previous run's DELETE within 60 s");
        struct timespec pause = { 0, 1000000 };
        nanosleep(&pause, NULL);
    }
    size_t ntxn = (size_t)seconds * (size_t)rate / per_txn;
    double *commit_at = calloc(ntxn, sizeof *commit_at);
    double *lag = calloc(ntxn, sizeof *lag);
    if (!commit_at || !lag)
        die("memory", "out of memory");
    double interval = (double)per_txn / rate, start = now();
    size_t next_seen = 0;
    char q[16384];
    int id = 1;
    for (size_t t = 0; t < ntxn || next_seen < ntxn;) {
        double tnow = now();
        if (t < ntxn && tnow >= start + (double)t * interval) {
            int n = snprintf(q, sizeof q, "INSERT INTO bbbench.lag VALUES ");
            for (int k = 0; k < per_txn; k++, id++)
                n += snprintf(q + n, sizeof q - (size_t)n, "%s(%d, 'row %d', NOW(6))",
                              k ? "," : "", id, id);
            sql(m, q);
            commit_at[t++] = now();
        }
        /* Is the last row of the oldest unseen transaction there yet?
         * Transactions are applied in order, so one probe at a time. */
        if (next_seen < t) {
            rep = redisCommand(r, "EXISTS bbbench:lag:%d", (int)((next_seen + 1) * per_txn));
            if (!rep)
                die("redis", r->errstr);
            if (rep->type == REDIS_REPLY_INTEGER && rep->integer == 1) {
                lag[next_seen] = now() - commit_at[next_seen];
                next_seen++;
            } else {
                struct timespec pause = { 0, 200000 };
                nanosleep(&pause, NULL);
            }
            freeReplyObject(rep);
        }
        if (now() - start > seconds + 30)
            die("lag", "rows still missing in Redis 30 s after the load stopped");
    }
    double elapsed = commit_at[ntxn - 1] - start;
    qsort(lag, ntxn, sizeof *lag, cmp_double);
    printf("steady load: %d rows/s asked, %.0f rows/s written for %.1f s (%zu transactions "
           "of %d rows)\n", rate, (double)ntxn * per_txn / elapsed, elapsed, ntxn, per_txn);
    printf("lag from COMMIT to visible in Redis: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
           lag[ntxn / 2] * 1e3, lag[ntxn * 9 / 10] * 1e3, lag[ntxn * 99 / 100] * 1e3,
           lag[ntxn - 1] * 1e3);
    free(commit_at);
    free(lag);
    redisFree(r);
    mysql_close(m);
    return 0;
}
