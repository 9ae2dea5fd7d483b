/* test_observe.c - what an operator sees of a running `binbridge run`:
 * its HTTP listener (/metrics checked by promtool while the bridge
 * replicates, and against the workload and `binbridge status`; /health
 * and its reasons), its outage lines, its JSON logs, and a listener that
 * clients flood, stall or feed garbage while replication goes on
 * (issue 10, "Observability" and "Bad input").
 *
 * Each test owns its database, checkpoint and replica id (bridge_util.h).
 * A Redis outage is made with a redis-server of the test's own, on a free
 * port, started and stopped by the test: the shared servers are never
 * stopped. Run through scripts/run-tests.sh (BB_PROMTOOL, BB_BINBRIDGE,
 * the servers' variables). */
#include <criterion/criterion.h>
#include <criterion/logging.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "binbridge.h"
#include "tests/e2e/bridge_util.h"
#include "tests/service/http_get.h"
#include "tests/testutil.h"

static struct e2e E_;
static struct workload W_;
static pid_t redis_pid;
static char redis_dir[600];

static void redis_stop(void);

static void observe_fini(void)
{
    e2e_kill_children();
    redis_stop();
    if (W_.E)
        wl_free(&W_);
    if (E_.m || E_.r)
        e2e_end(&E_);
}

TestSuite(observe, .fini = observe_fini);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* A redis-server of the test's own on port, in E->dir, that dies with the
 * test process; waits until it answers. */
static void redis_start(struct e2e *E, unsigned port)
{
    snprintf(redis_dir, sizeof redis_dir, "%s/redis-%u", E->dir, port);
    mkdir(redis_dir, 0700);
    char portstr[16];
    snprintf(portstr, sizeof portstr, "%u", port);
    fflush(NULL);
    redis_pid = fork();
    cr_assert_geq(redis_pid, 0);
    if (redis_pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, 1);
            dup2(null, 2);
        }
        execlp("redis-server", "redis-server", "--port", portstr, "--bind", "127.0.0.1",
               "--save", "", "--appendonly", "no", "--dir", redis_dir, (char *)NULL);
        _exit(127);
    }
    struct e2e_servers s = E->srv;
    s.redis_port = port;
    redisContext *c = e2e_redis_connect_retry(&s, 30);
    cr_assert(c, "the private redis-server on port %u did not start", port);
    redisFree(c);
}

static void redis_stop(void)
{
    if (redis_pid <= 0)
        return;
    kill(redis_pid, SIGKILL);
    waitpid(redis_pid, NULL, 0);
    redis_pid = 0;
}

/* GET path until the status is `status` and the body starts with
 * `prefix`, for up to `seconds`; the last answer in *a (to free). */
static bool wait_answer(struct e2e *E, unsigned port, const char *path, int status,
                        const char *prefix, double seconds, struct http_answer *a)
{
    double until = e2e_now() + seconds;
    for (;;) {
        http_request(port, "GET", path, a);
        if (a->status == status && strncmp(a->body, prefix, strlen(prefix)) == 0)
            return true;
        if (e2e_now() > until)
            return false;
        http_answer_free(a);
        e2e_sleep_ms(100);
        (void)E;
    }
}

/* Occurrences of `what` in the bridge's output so far. */
static unsigned count_in_output(struct e2e *E, const char *what)
{
    char *out = e2e_proc_output(&E->bridge);
    unsigned n = 0;
    for (const char *p = out; (p = strstr(p, what)); p += strlen(what))
        n++;
    free(out);
    return n;
}

static bool wait_output(struct e2e *E, const char *what, unsigned times, double seconds)
{
    double until = e2e_now() + seconds;
    while (count_in_output(E, what) < times) {
        if (e2e_now() > until)
            return false;
        e2e_sleep_ms(100);
    }
    return true;
}

static void promtool_accepts(const char *text)
{
    const char *tool = getenv("BB_PROMTOOL");
    cr_assert(tool && *tool && access(tool, X_OK) == 0,
              "promtool not found (BB_PROMTOOL='%s'): run scripts/deps.sh, and the tests "
              "through scripts/run-tests.sh", tool ? tool : "");
    char in[] = "/tmp/bb-scrape-XXXXXX";
    int fd = mkstemp(in);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    char cmd[1024], out[4096];
    snprintf(cmd, sizeof cmd, "'%s' check metrics < %s 2>&1", tool, in);
    FILE *p = popen(cmd, "r");
    cr_assert(p);
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = '\0';
    int status = pclose(p);
    unlink(in);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0 && n == 0,
              "promtool check metrics (status %d): %s\non:\n%.3000s", status, out, text);
}

static double sample_or_zero(const char *text, const char *name)
{
    double v;
    return metrics_sample(text, name, &v) ? v : 0;
}

static const char *const op_names[] = { "insert", "update", "delete" };

/* Do the applied and read counters of every table and operation equal the
 * workload's committed changes? (What differs goes in why.) */
static bool counts_match(struct e2e *E, const struct workload *W, const char *text, char *why,
                         size_t size)
{
    for (int t = 0; t < WL_NTABLES; t++)
        for (int op = 0; op < 3; op++) {
            char name[400];
            snprintf(name, sizeof name,
                     "binbridge_sink_rows_applied_total{sink=\"redis\",table=\"%s.%s\",op=\"%s\"}",
                     E->db, e2e_wl_table_names[t], op_names[op]);
            double applied = sample_or_zero(text, name);
            snprintf(name, sizeof name, "binbridge_rows_read_total{table=\"%s.%s\",op=\"%s\"}",
                     E->db, e2e_wl_table_names[t], op_names[op]);
            double read = sample_or_zero(text, name);
            if (applied != (double)W->changes[t][op] || read != (double)W->changes[t][op]) {
                snprintf(why, size, "%s %s: %.0f read, %.0f applied, the workload made %llu",
                         e2e_wl_table_names[t], op_names[op], read, applied,
                         (unsigned long long)W->changes[t][op]);
                return false;
            }
        }
    return true;
}

static void http_arg(unsigned port, char *buf, size_t size)
{
    snprintf(buf, size, "127.0.0.1:%u", port);
}

/* ------------------------------------------------------------------ */
/* /metrics and /health while replicating                              */

Test(observe, metrics_while_replicating_match_the_workload_and_status)
{
    struct e2e *E = &E_;
    e2e_begin(E, "obsm", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_observe.c", NULL);
    e2e_establish_checkpoint(E);
    wl_init(&W_, E, E->m, E->seed);
    unsigned port = e2e_free_port();
    char addr[64];
    http_arg(port, addr, sizeof addr);
    const char *const extra[] = { "--http", addr, NULL };
    e2e_bridge_start(E, extra);
    struct http_answer a;
    if (!wait_answer(E, port, "/health", 200, "ok", 60, &a))
        e2e_fail_with_bridge_output(E, "/health never said 200 ok");
    http_answer_free(&a);

    /* scraped while rows replicate */
    for (int round = 0; round < 4; round++) {
        wl_steps(&W_, 60);
        http_request(port, "GET", "/metrics", &a);
        cr_assert_eq(a.status, 200, "/metrics: %d %s", a.status, a.body);
        promtool_accepts(a.body);
        http_answer_free(&a);
    }
    e2e_assert_caught_up(E, 120);

    /* the counters catch up with the checkpoint (they follow its commit) */
    char why[600] = "";
    double until = e2e_now() + 30;
    for (;;) {
        http_request(port, "GET", "/metrics", &a);
        cr_assert_eq(a.status, 200);
        if (counts_match(E, &W_, a.body, why, sizeof why) || e2e_now() > until)
            break;
        http_answer_free(&a);
        e2e_sleep_ms(200);
    }
    cr_assert(counts_match(E, &W_, a.body, why, sizeof why), "%s (seed %llu):\n%.4000s", why,
              (unsigned long long)E->seed, a.body);
    promtool_accepts(a.body);
    double lag, v;
    cr_assert(metrics_sample(a.body, "binbridge_source_lag_seconds", &lag));
    cr_expect(isfinite(lag) && lag >= 0 && lag < 60, "lag %f while caught up", lag);
    cr_expect(metrics_sample(a.body, "binbridge_healthy", &v) && v == 1);
    cr_expect(metrics_sample(a.body, "binbridge_source_connected", &v) && v == 1);
    cr_expect(metrics_sample(a.body, "binbridge_sink_batch_duration_seconds_count{sink=\"redis\"}",
                             &v) && v >= 1);
    cr_expect(metrics_sample(a.body, "binbridge_source_seconds_since_last_event", &v) &&
              isfinite(v));

    /* the checkpoint position is the one `binbridge status` prints */
    char sid[16];
    snprintf(sid, sizeof sid, "%u", E->server_id);
    const char *argv[] = { "status", "--config", E->config, "--source", E->srv.mysql_url,
                           "--redis", E->srv.redis_url, "--checkpoint", E->db, NULL };
    char *out;
    int rc = e2e_run_cmd(E, argv, 30, &out);
    cr_assert_eq(rc, 0, "status: %s", out);
    char prefix[300], file[256] = "";
    unsigned long long pos = 0;
    snprintf(prefix, sizeof prefix, "redis checkpoint %.63s: ", E->db);
    const char *at = strstr(out, prefix);
    cr_assert(at, "status says no '%s':\n%s", prefix, out);
    cr_assert_eq(sscanf(at + strlen(prefix), "%255[^:]:%llu", file, &pos), 2, "%s", out);
    char name[400];
    snprintf(name, sizeof name, "binbridge_sink_checkpoint_position{sink=\"redis\",file=\"%s\"}",
             file);
    http_answer_free(&a);
    http_request(port, "GET", "/metrics", &a);
    cr_assert(metrics_sample(a.body, name, &v), "no %s in:\n%.4000s", name, a.body);
    cr_expect_eq((unsigned long long)v, pos, "metrics say %s:%.0f, status %s:%llu", file, v,
                 file, pos);
    free(out);
    http_answer_free(&a);
    http_request(port, "GET", "/health", &a);
    cr_expect_eq(a.status, 200);
    cr_expect_str_eq(a.body, "ok\n");
    http_answer_free(&a);
    e2e_stop_bridge(E, 30);
}

/* ------------------------------------------------------------------ */
/* A Redis outage: /health, and one line at its start and its end      */

Test(observe, redis_outage_health_and_log_lines)
{
    struct e2e *E = &E_;
    e2e_begin(E, "obsout", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_observe.c", NULL);
    unsigned port = e2e_free_port(), rport = e2e_free_port();
    char addr[64], redis_url[128], where[64];
    http_arg(port, addr, sizeof addr);
    snprintf(redis_url, sizeof redis_url, "redis://127.0.0.1:%u/0", rport);
    snprintf(where, sizeof where, "127.0.0.1:%u", rport);
    /* the later --redis wins: a port where nothing listens yet */
    const char *const extra[] = { "--http", addr, "--redis", redis_url, NULL };
    e2e_bridge_start(E, extra);

    struct http_answer a;
    if (!wait_answer(E, port, "/health", 503, "redis sink failing for ", 60, &a))
        e2e_fail_with_bridge_output(E, "/health never said the Redis sink fails");
    cr_expect(strstr(a.body, where), "/health does not name %s: %s", where, a.body);
    cr_expect(!strchr(a.body, '\n') || strchr(a.body, '\n') == a.body + a.body_len - 1,
              "/health's reason is not one line: %s", a.body);
    http_answer_free(&a);
    /* progress_interval = 1: a "still down" line soon, and only one start line */
    if (!wait_output(E, "Redis still down for ", 1, 60))
        e2e_fail_with_bridge_output(E, "no 'still down' line");
    cr_expect_eq(count_in_output(E, "retrying with backoff"), 1u, "%s",
                 e2e_tail(E->bridge.out_path, 3000));
    http_request(port, "GET", "/metrics", &a);
    double v;
    cr_expect(metrics_sample(a.body, "binbridge_sink_up{sink=\"redis\"}", &v) && v == 0);
    cr_expect(metrics_sample(a.body, "binbridge_healthy", &v) && v == 0);
    cr_expect(metrics_sample(a.body, "binbridge_sink_errors_total{sink=\"redis\",kind=\"connect\"}",
                             &v) && v >= 1);
    /* never connected, no checkpoint: the lag is unknown, not 0 */
    cr_expect(strstr(a.body, "\nbinbridge_source_lag_seconds NaN\n"), "%.3000s", a.body);
    promtool_accepts(a.body);
    http_answer_free(&a);

    /* Redis comes: one line says so, and the bridge is healthy */
    redis_start(E, rport);
    if (!wait_answer(E, port, "/health", 200, "ok", 60, &a))
        e2e_fail_with_bridge_output(E, "/health never came back to 200 after Redis started");
    http_answer_free(&a);
    cr_expect_eq(count_in_output(E, "Redis is back after "), 1u);

    /* gone again while the bridge is idle: noticed all the same */
    redis_stop();
    if (!wait_answer(E, port, "/health", 503, "redis sink failing for ", 60, &a))
        e2e_fail_with_bridge_output(E, "an outage while idle went unnoticed by /health");
    http_answer_free(&a);
    if (!wait_output(E, "retrying with backoff", 2, 30))
        e2e_fail_with_bridge_output(E, "an outage while idle was not logged");
    redis_start(E, rport);
    if (!wait_output(E, "Redis is back after ", 2, 60))
        e2e_fail_with_bridge_output(E, "the end of the second outage was not logged");
    cr_expect_eq(count_in_output(E, "retrying with backoff"), 2u, "%s",
                 e2e_tail(E->bridge.out_path, 3000));
    e2e_stop_bridge(E, 30);
    redis_stop();
}

/* ------------------------------------------------------------------ */
/* Bad input on the listener does not disturb replication              */

Test(observe, flood_stalled_and_garbage_clients_do_not_disturb_replication)
{
    struct e2e *E = &E_;
    e2e_begin(E, "obsflood", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_observe.c", NULL);
    e2e_establish_checkpoint(E);
    wl_init(&W_, E, E->m, E->seed);
    unsigned port = e2e_free_port();
    char addr[64];
    http_arg(port, addr, sizeof addr);
    const char *const extra[] = { "--http", addr, NULL };
    e2e_bridge_start(E, extra);
    struct http_answer a;
    if (!wait_answer(E, port, "/health", 200, "ok", 60, &a))
        e2e_fail_with_bridge_output(E, "/health never said 200 ok");
    http_answer_free(&a);

    enum { FLOOD = 500 };
    static int fds[FLOOD];
    int opened = 0;
    for (int i = 0; i < FLOOD; i++)
        if ((fds[i] = http_connect(port)) >= 0)
            opened++;
    /* half a request, then nothing */
    int slow = http_connect(port);
    if (slow >= 0)
        send(slow, "GET /metrics HTTP/1.1\r\nHo", 25, MSG_NOSIGNAL);
    /* garbage on some of them */
    for (int i = 0; i < FLOOD; i += 7)
        if (fds[i] >= 0)
            send(fds[i], "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11, MSG_NOSIGNAL);
    cr_log_info("flood: %d of %d connections made", opened, FLOOD);

    /* rows replicate and arrive meanwhile */
    wl_steps(&W_, 200);
    e2e_assert_caught_up(E, 120);
    e2e_compare_default(E, NULL);

    for (int i = 0; i < FLOOD; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    if (slow >= 0)
        close(slow);
    /* and the listener serves again once they are gone */
    if (!wait_answer(E, port, "/health", 200, "ok", 60, &a))
        e2e_fail_with_bridge_output(E, "/health did not answer after the flood");
    http_answer_free(&a);
    char why[600];
    double until = e2e_now() + 30;
    for (;;) {
        http_request(port, "GET", "/metrics", &a);
        if (a.status == 200 && counts_match(E, &W_, a.body, why, sizeof why))
            break;
        cr_assert(e2e_now() < until, "%s (status %d)", why, a.status);
        http_answer_free(&a);
        e2e_sleep_ms(200);
    }
    http_answer_free(&a);
    e2e_stop_bridge(E, 30);
}

Test(observe, http_port_in_use_is_a_one_line_usage_error)
{
    struct e2e *E = &E_;
    e2e_begin(E, "obsport", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_observe.c", NULL);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    cr_assert_geq(fd, 0);
    struct sockaddr_in sa = { 0 };
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    cr_assert_eq(listen(fd, 4), 0);
    socklen_t len = sizeof sa;
    cr_assert_eq(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
    char addr[64], sid[16];
    http_arg(ntohs(sa.sin_port), addr, sizeof addr);
    snprintf(sid, sizeof sid, "%u", E->server_id);
    const char *argv[] = { "run", "--config", E->config, "--source", E->srv.mysql_url, "--redis",
                           E->srv.redis_url, "--checkpoint", E->db, "--server-id", sid,
                           "--http", addr, NULL };
    char *out, line[1024], want[200];
    int rc = e2e_run_cmd(E, argv, 30, &out);
    size_t lines = e2e_output_lines(out, line, sizeof line);
    cr_expect_eq(rc, 2, "exit %d, not 2:\n%s", rc, out);
    cr_expect_eq(lines, 1u, "%zu lines, not one:\n%s", lines, out);
    snprintf(want, sizeof want,
             "binbridge: HTTP listener %s: cannot listen there: Address already in use", addr);
    cr_expect_str_eq(line, want);
    free(out);
    close(fd);
}

/* ------------------------------------------------------------------ */
/* A rotation with nothing to apply keeps the bridge caught up         */

/* status's lag and the container's health check (status --max-lag): a
 * source that rotates its binlog while no mirrored row changes must not
 * leave the checkpoint aging at the old file's end, which would read as
 * lag growing from the last commit and fail the health check on an idle
 * database. The checkpoint follows into the new file. */
static int status_of(struct e2e *E, const char *max_lag, char **out)
{
    const char *argv[] = { "status", "--config", E->config, "--source", E->srv.mysql_url,
                           "--redis", E->srv.redis_url, "--checkpoint", E->db,
                           "--max-lag", max_lag, NULL };
    return e2e_run_cmd(E, argv, 30, out);
}

Test(observe, a_rotation_with_nothing_to_apply_keeps_status_caught_up)
{
    struct e2e *E = &E_;
    e2e_begin(E, "obsrot", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_observe.c", NULL);
    e2e_establish_checkpoint(E);
    e2e_sql(E->m, "CREATE TABLE t (id INT PRIMARY KEY)");
    e2e_sql(E->m, "INSERT INTO t VALUES (1)");
    e2e_bridge_start(E, NULL);
    e2e_assert_caught_up(E, 60);
    /* the last commit ages past a second: an old build's lag is >= 1 */
    e2e_sleep_ms(1500);
    char before[256], after[256];
    uint64_t pos_before, pos_after;
    e2e_master_status(E->m, before, sizeof before, &pos_before);
    e2e_sql(E->m, "FLUSH BINARY LOGS");
    e2e_master_status(E->m, after, sizeof after, &pos_after);
    cr_assert_str_neq(before, after, "FLUSH BINARY LOGS did not rotate");

    /* the checkpoint moves into the new file without a row to apply */
    char *out = NULL;
    int rc = -1;
    double until = e2e_now() + 20;
    for (;;) {
        free(out);
        rc = status_of(E, "0", &out);
        if ((rc == 0 && strstr(out, "(caught up)")) || e2e_now() > until)
            break;
        e2e_sleep_ms(250);
    }
    cr_assert(rc == 0 && strstr(out, "(caught up)"),
              "status --max-lag 0 after a rotation with nothing to apply (exit %d):\n%s\n"
              "bridge:\n%s", rc, out, e2e_tail(E->bridge.out_path, 2000));
    free(out);
    struct e2e_checkpoint cp = { 0 };
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_expect_str_eq(cp.file, after, "the checkpoint stayed in %s", cp.file);
    cr_expect_geq(cp.pos, 4u);

    /* and it resumes from there, applying what comes next exactly once */
    e2e_stop_bridge(E, 30);
    e2e_sql(E->m, "INSERT INTO t VALUES (2)");
    e2e_bridge_start(E, NULL);
    e2e_assert_caught_up(E, 60);
    size_t n;
    char glob[300];
    snprintf(glob, sizeof glob, "%.200s:t:*", E->db);
    char **keys = e2e_redis_keys(E->r, glob, &n);
    cr_expect_eq(n, 2u, "keys under %s: %zu", glob, n);
    e2e_free_strings(keys, n);
    e2e_stop_bridge(E, 30);
}

/* ------------------------------------------------------------------ */
/* Logs                                                                */

Test(observe, json_logs_are_one_object_per_line)
{
    struct e2e *E = &E_;
    e2e_begin(E, "obsjson", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_observe.c", NULL);
    e2e_establish_checkpoint(E);
    e2e_sql(E->m, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
    e2e_sql(E->m, "INSERT INTO t VALUES (1, 'a\"b\\\\c'), (2, 'x')");
    const char *const extra[] = { "--stop-at-end", "--log-format", "json", NULL };
    e2e_bridge_start(E, extra);
    cr_assert(e2e_proc_wait(&E->bridge, 60), "still running");
    cr_assert_eq(E->bridge.status, 0, "exit %d:\n%s", E->bridge.status,
                 e2e_tail(E->bridge.out_path, 3000));
    char *out = e2e_proc_output(&E->bridge);
    unsigned objects = 0;
    bool version = false, progress = false;
    for (char *line = out, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (line[0] == '+' || !line[0])
            continue;
        const char *why;
        struct e2e_json *j = e2e_json_parse(line, strlen(line), &why);
        cr_assert(j && j->kind == EJ_OBJECT, "not a JSON object (%s): %s", j ? "" : why, line);
        const struct e2e_json *t = e2e_json_get(j, "time"), *l = e2e_json_get(j, "level"),
                              *m = e2e_json_get(j, "msg");
        cr_expect(t && t->kind == EJ_STRING && t->len == 24 && t->text[23] == 'Z', "%s", line);
        cr_expect(l && l->kind == EJ_STRING &&
                  (!strcmp(l->text, "info") || !strcmp(l->text, "warn")), "%s", line);
        cr_expect(m && m->kind == EJ_STRING && m->len > 0, "%s", line);
        const struct e2e_json *v = e2e_json_get(j, "version");
        if (v && v->kind == EJ_STRING && strcmp(v->text, bb_version()) == 0)
            version = true;
        const struct e2e_json *rows = e2e_json_get(j, "rows_per_s"),
                              *pos = e2e_json_get(j, "position");
        if (rows && rows->kind == EJ_NUMBER && pos && pos->kind == EJ_STRING)
            progress = true;
        e2e_json_free(j);
        objects++;
    }
    cr_expect_geq(objects, 3u, "%s", out);
    cr_expect(version, "no line carries the version %s:\n%s", bb_version(), out);
    cr_expect(progress, "no progress line with its fields:\n%s", out);
    free(out);
}

Test(observe, never_connected_says_so_and_idle_progress_counts_no_heartbeats)
{
    struct e2e *E = &E_;
    e2e_begin(E, "obsidle", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_observe.c", NULL);
    /* a source where nothing listens: stopped before it ever connected */
    unsigned closed = e2e_free_port(), port = e2e_free_port();
    char source[128], addr[64];
    snprintf(source, sizeof source, "mysql://bbrepl:bbrepl@127.0.0.1:%u", closed);
    http_arg(port, addr, sizeof addr);
    const char *const extra[] = { "--source", source, "--http", addr, NULL };
    e2e_bridge_start(E, extra);
    struct http_answer a;
    if (!wait_answer(E, port, "/health", 503, "source disconnected for ", 60, &a))
        e2e_fail_with_bridge_output(E, "/health never said the source is disconnected");
    http_answer_free(&a);
    e2e_stop_bridge(E, 30);
    char *out = e2e_proc_output(&E->bridge);
    cr_expect(strstr(out, "never connected to the source"), "%s", out);
    cr_expect(!strstr(out, "position :0") && !strstr(out, "lag 0 s"), "%s", out);
    cr_expect(strstr(out, "INFO  binbridge "), "no version line:\n%s", out);
    free(out);

    /* the same while waiting for a sink that is not there */
    char redis_url[128];
    snprintf(redis_url, sizeof redis_url, "redis://127.0.0.1:%u/0", closed);
    const char *const extra_redis[] = { "--redis", redis_url, "--http", addr, NULL };
    e2e_bridge_start(E, extra_redis);
    if (!wait_answer(E, port, "/health", 503, "redis sink failing for ", 60, &a))
        e2e_fail_with_bridge_output(E, "/health never said the Redis sink fails");
    http_answer_free(&a);
    e2e_stop_bridge(E, 30);
    out = e2e_proc_output(&E->bridge);
    cr_expect(strstr(out, "never connected to the source"), "%s", out);
    cr_expect(!strstr(out, "position :0") && !strstr(out, "lag 0 s"), "%s", out);
    free(out);

    /* connected and idle: heartbeats are no row events */
    e2e_establish_checkpoint(E);
    e2e_bridge_start(E, NULL);
    if (!wait_output(E, "row events/s", 3, 60))
        e2e_fail_with_bridge_output(E, "no progress lines");
    e2e_stop_bridge(E, 30);
    out = e2e_proc_output(&E->bridge);
    unsigned lines = 0;
    for (const char *p = out; (p = strstr(p, "row events/s")); p++) {
        const char *bol = p;
        while (bol > out && bol[-1] != '\n')
            bol--;
        lines++;
        cr_expect(strncmp(p - 2, "0 row events/s, 0 rows/s", 24) == 0 && p - 2 >= bol &&
                  (p - 2 == bol || p[-3] == ' '),
                  "an idle bridge counted events:\n%s", out);
    }
    cr_expect_geq(lines, 3u);
    free(out);
}

/* ------------------------------------------------------------------ */
/* A stalled source                                                    */

/* A TCP proxy to MariaDB that can freeze: while frozen it moves no byte
 * and accepts no connection, but closes none either, as a network that
 * silently drops everything would. */
struct proxy {
    int lfd;
    unsigned port, target;
    pthread_t thread;
    atomic_bool frozen, stop;
};

enum { PROXY_MAX = 16 };

static int proxy_dial(unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = { 0 };
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

static void *proxy_run(void *arg)
{
    struct proxy *p = arg;
    int a[PROXY_MAX], b[PROXY_MAX];
    size_t n = 0;
    while (!atomic_load(&p->stop)) {
        if (atomic_load(&p->frozen)) {
            usleep(20000);
            continue;
        }
        struct pollfd pf[1 + 2 * PROXY_MAX];
        pf[0] = (struct pollfd){ p->lfd, POLLIN, 0 };
        for (size_t i = 0; i < n; i++) {
            pf[1 + 2 * i] = (struct pollfd){ a[i], POLLIN, 0 };
            pf[2 + 2 * i] = (struct pollfd){ b[i], POLLIN, 0 };
        }
        if (poll(pf, 1 + 2 * n, 20) <= 0)
            continue;
        if (atomic_load(&p->frozen))
            continue;
        for (size_t i = n; i-- > 0;) {
            bool dead = false;
            for (int side = 0; side < 2 && !dead; side++) {
                if (!(pf[1 + 2 * i + (size_t)side].revents & (POLLIN | POLLHUP | POLLERR)))
                    continue;
                char buf[65536];
                ssize_t got = recv(side ? b[i] : a[i], buf, sizeof buf, 0);
                if (got <= 0 || send(side ? a[i] : b[i], buf, (size_t)got, MSG_NOSIGNAL) != got)
                    dead = true;
            }
            if (dead) {
                close(a[i]);
                close(b[i]);
                a[i] = a[n - 1];
                b[i] = b[n - 1];
                n--;
            }
        }
        if (pf[0].revents & POLLIN) {
            int c = accept4(p->lfd, NULL, NULL, SOCK_CLOEXEC);
            int t = c >= 0 ? proxy_dial(p->target) : -1;
            if (c >= 0 && t >= 0 && n < PROXY_MAX) {
                a[n] = c;
                b[n] = t;
                n++;
            } else {
                if (c >= 0)
                    close(c);
                if (t >= 0)
                    close(t);
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        close(a[i]);
        close(b[i]);
    }
    return NULL;
}

static struct proxy proxy_;

static void proxy_start(struct proxy *p, unsigned target)
{
    memset(p, 0, sizeof *p);
    p->target = target;
    p->lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    cr_assert_geq(p->lfd, 0);
    struct sockaddr_in a = { 0 };
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(bind(p->lfd, (struct sockaddr *)&a, sizeof a), 0);
    cr_assert_eq(listen(p->lfd, 16), 0);
    socklen_t len = sizeof a;
    cr_assert_eq(getsockname(p->lfd, (struct sockaddr *)&a, &len), 0);
    p->port = ntohs(a.sin_port);
    cr_assert_eq(pthread_create(&p->thread, NULL, proxy_run, p), 0);
}

static void proxy_stop(struct proxy *p)
{
    if (!p->port)
        return;
    atomic_store(&p->stop, true);
    pthread_join(p->thread, NULL);
    close(p->lfd);
    p->port = 0;
}

static void stall_fini(void)
{
    e2e_kill_children();
    proxy_stop(&proxy_);
    observe_fini();
}

Test(observe, a_stalled_source_is_logged_reported_and_reconnected, .fini = stall_fini)
{
    struct e2e *E = &E_;
    e2e_begin(E, "obsstall", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_observe.c", NULL);
    e2e_establish_checkpoint(E);
    e2e_sql(E->m, "CREATE TABLE t (id INT PRIMARY KEY)");
    proxy_start(&proxy_, E->srv.mariadb_port);
    unsigned port = e2e_free_port();
    char addr[64], source[128];
    http_arg(port, addr, sizeof addr);
    snprintf(source, sizeof source, "mysql://bbrepl:bbrepl@127.0.0.1:%u", proxy_.port);
    const char *const extra[] = { "--source", source, "--http", addr, NULL };
    e2e_bridge_start(E, extra);
    struct http_answer a;
    if (!wait_answer(E, port, "/health", 200, "ok", 60, &a))
        e2e_fail_with_bridge_output(E, "/health never said 200 ok");
    http_answer_free(&a);

    /* the network goes silent while the binlog moves on */
    atomic_store(&proxy_.frozen, true);
    e2e_sql(E->m, "INSERT INTO t VALUES (1), (2), (3)");
    if (!wait_output(E, "stalled: no event or heartbeat from the source for ", 1, 60))
        e2e_fail_with_bridge_output(E, "no line about the stall");
    if (!wait_answer(E, port, "/health", 503, "", 30, &a))
        e2e_fail_with_bridge_output(E, "/health said 200 through the stall");
    cr_expect(strncmp(a.body, "stalled: ", 9) == 0 ||
              strncmp(a.body, "source disconnected for ", 24) == 0, "%s", a.body);
    http_answer_free(&a);

    /* the network comes back: the bridge reconnects and catches up */
    atomic_store(&proxy_.frozen, false);
    e2e_assert_caught_up(E, 120);
    redisReply *r = e2e_redis(E->r, "EXISTS %s:t:3", E->db);
    cr_expect_eq(r->integer, 1, "the row inserted during the stall did not arrive");
    freeReplyObject(r);
    if (!wait_answer(E, port, "/health", 200, "ok", 60, &a))
        e2e_fail_with_bridge_output(E, "/health did not come back to 200");
    http_answer_free(&a);
    http_request(port, "GET", "/metrics", &a);
    double v;
    cr_expect(metrics_sample(a.body, "binbridge_source_errors_total{kind=\"stall\"}", &v) &&
              v >= 1, "%.3000s", a.body);
    cr_expect(metrics_sample(a.body, "binbridge_source_reconnects_total", &v) && v >= 1);
    http_answer_free(&a);
    e2e_stop_bridge(E, 30);
}

/* ------------------------------------------------------------------ */
/* Snapshot progress                                                   */

Test(observe, initial_load_progress_in_the_metrics)
{
    struct e2e *E = &E_;
    e2e_begin(E, "obssnap", NULL);
    e2e_write_usual_config(E, "tests/e2e/test_observe.c", NULL);
    e2e_sql(E->m, "CREATE TABLE a (id INT PRIMARY KEY)");
    e2e_sql(E->m, "CREATE TABLE b (id INT PRIMARY KEY, v TEXT)");
    e2e_sql(E->m, "INSERT INTO a SELECT seq FROM seq_1_to_300");
    e2e_sql(E->m, "INSERT INTO b SELECT seq, 'x' FROM seq_1_to_45");
    e2e_sql(E->m, "ANALYZE TABLE a, b");
    unsigned port = e2e_free_port();
    char addr[64];
    http_arg(port, addr, sizeof addr);
    const char *const extra[] = { "--start", "snapshot", "--http", addr, NULL };
    e2e_bridge_start(E, extra);
    e2e_assert_caught_up(E, 120);
    struct http_answer a;
    double v;
    if (!wait_answer(E, port, "/health", 200, "ok", 60, &a))
        e2e_fail_with_bridge_output(E, "/health never said 200 ok");
    http_answer_free(&a);
    http_request(port, "GET", "/metrics", &a);
    cr_expect(metrics_sample(a.body, "binbridge_snapshot_active", &v) && v == 0, "%s", a.body);
    cr_expect(metrics_sample(a.body, "binbridge_snapshot_rows", &v) && v == 345, "%s", a.body);
    cr_expect(metrics_sample(a.body, "binbridge_snapshot_tables", &v) && v == 2, "%s", a.body);
    /* InnoDB's estimate, after ANALYZE: some rows, not an exact count */
    cr_expect(metrics_sample(a.body, "binbridge_snapshot_rows_estimated", &v) && v > 0, "%s",
              a.body);
    promtool_accepts(a.body);
    http_answer_free(&a);
    e2e_stop_bridge(E, 30);
}
