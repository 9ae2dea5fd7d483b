/* test_metrics.c - the bridge's metrics (bridge/metrics.h) without a
 * bridge: the counters the loop notes, their Prometheus text (exact
 * lines, and `promtool check metrics` accepting it), the table cap, the
 * lag and the health verdict with its reasons.
 *
 * promtool comes from scripts/deps.sh, through scripts/run-tests.sh
 * (BB_PROMTOOL). */
#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/error.h"
#include "bridge/metrics.h"
#include "mapping/config.h"
#include "sinks/sink.h"
#include "tests/service/http_get.h"
#include "tests/testutil.h"

static struct bb_config cfg;
static size_t redis_k;

static void setup(void)
{
    struct bb_error err = { 0 };
    cr_assert_eq(sinks_config_init(&cfg), 0);
    cr_assert_eq(config_set(&cfg, "redis.url", "redis://127.0.0.1:1/0", &err), 0, "%s", err.msg);
    int k = config_sink_index(&cfg, "redis");
    cr_assert_geq(k, 0);
    redis_k = (size_t)k;
}

static void teardown(void)
{
    bb_config_destroy(&cfg);
}

TestSuite(metrics, .init = setup, .fini = teardown);

static char *render(struct metrics *m)
{
    struct bb_buf b;
    bb_buf_init(&b);
    metrics_render(m, &b);
    cr_assert(!b.oom && b.data);
    return b.data;
}

/* The text has this whole line. */
static void expect_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)); p += n)
        if ((p == text || p[-1] == '\n') && p[n] == '\n')
            return;
    cr_expect_fail("no line '%s' in:\n%s", line, text);
}

static void expect_no(const char *text, const char *part)
{
    cr_expect(!strstr(text, part), "'%s' should not be in:\n%s", part, text);
}

/* `promtool check metrics` of text: its exit status, its output in *out. */
static int promtool(const char *text, char **out)
{
    const char *tool = getenv("BB_PROMTOOL");
    cr_assert(tool && *tool && access(tool, X_OK) == 0,
              "promtool not found (BB_PROMTOOL='%s'): run scripts/deps.sh, and the tests "
              "through scripts/run-tests.sh", tool ? tool : "");
    char in[] = "/tmp/bb-metrics-XXXXXX";
    int fd = mkstemp(in);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' check metrics < %s 2>&1", tool, in);
    FILE *p = popen(cmd, "r");
    cr_assert(p);
    struct bb_buf b;
    bb_buf_init(&b);
    char chunk[512];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        bb_buf_append(&b, chunk, n);
    int status = pclose(p);
    unlink(in);
    bb_buf_putc(&b, '\0');
    *out = b.data;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

Test(metrics, rows_by_table_and_operation_applied_at_commit_only)
{
    struct metrics *m = metrics_new(&cfg, 0);
    cr_assert(m);
    size_t t1 = metrics_table_slot(m, "shop", "users");
    size_t t2 = metrics_table_slot(m, "shop", "orders");
    cr_assert_eq(metrics_table_slot(m, "shop", "users"), t1);
    cr_assert_neq(t1, t2);
    metrics_note_rows_read(m, t1, METRICS_INSERT, 3);
    metrics_note_rows_read(m, t2, METRICS_DELETE, 1);
    for (int i = 0; i < 3; i++)
        metrics_note_row_buffered(m, redis_k, t1, METRICS_INSERT);
    char *text = render(m);
    expect_line(text, "binbridge_rows_read_total{table=\"shop.users\",op=\"insert\"} 3");
    expect_line(text, "binbridge_rows_read_total{table=\"shop.orders\",op=\"delete\"} 1");
    expect_no(text, "binbridge_sink_rows_applied_total{");
    free(text);

    struct checkpoint cp;
    memset(&cp, 0, sizeof cp);
    snprintf(cp.file, sizeof cp.file, "mysql-bin.000042");
    cp.pos = 1234;
    cp.commit_time = 1700000000;
    metrics_note_commit(m, redis_k, 0.003, &cp);
    /* buffered, then dropped after a failure: never applied */
    metrics_note_row_buffered(m, redis_k, t2, METRICS_DELETE);
    metrics_note_discard(m, redis_k);
    metrics_note_row_buffered(m, redis_k, t1, METRICS_UPDATE);
    cp.pos = 2000;
    metrics_note_commit(m, redis_k, 20, &cp);
    text = render(m);
    expect_line(text, "binbridge_sink_rows_applied_total{sink=\"redis\",table=\"shop.users\","
                      "op=\"insert\"} 3");
    expect_line(text, "binbridge_sink_rows_applied_total{sink=\"redis\",table=\"shop.users\","
                      "op=\"update\"} 1");
    expect_no(text, "binbridge_sink_rows_applied_total{sink=\"redis\",table=\"shop.orders\"");
    /* the histogram: 3 ms and 20 s */
    expect_line(text, "binbridge_sink_batch_duration_seconds_bucket{sink=\"redis\",le=\"0.0025\"} 0");
    expect_line(text, "binbridge_sink_batch_duration_seconds_bucket{sink=\"redis\",le=\"0.005\"} 1");
    expect_line(text, "binbridge_sink_batch_duration_seconds_bucket{sink=\"redis\",le=\"10\"} 1");
    expect_line(text, "binbridge_sink_batch_duration_seconds_bucket{sink=\"redis\",le=\"+Inf\"} 2");
    expect_line(text, "binbridge_sink_batch_duration_seconds_count{sink=\"redis\"} 2");
    expect_line(text, "binbridge_sink_batch_duration_seconds_sum{sink=\"redis\"} 20.003");
    expect_line(text, "binbridge_sink_checkpoint_position{sink=\"redis\",file=\"mysql-bin.000042\"} "
                      "2000");
    expect_line(text, "binbridge_sink_checkpoint_commit_timestamp_seconds{sink=\"redis\"} "
                      "1700000000");
    /* only the configured sinks have series */
    expect_no(text, "sink=\"mongo\"");
    free(text);
    metrics_free(m);
}

Test(metrics, tables_beyond_the_cap_count_as_other)
{
    struct metrics *m = metrics_new(&cfg, 2);
    cr_assert(m);
    size_t a = metrics_table_slot(m, "s", "a"), b = metrics_table_slot(m, "s", "b");
    size_t c = metrics_table_slot(m, "s", "c"), d = metrics_table_slot(m, "s", "d");
    cr_assert_neq(a, b);
    cr_assert_eq(c, d);
    cr_assert_eq(metrics_table_slot(m, "s", "a"), a);
    metrics_note_rows_read(m, a, METRICS_INSERT, 1);
    metrics_note_rows_read(m, b, METRICS_INSERT, 2);
    metrics_note_rows_read(m, c, METRICS_UPDATE, 3);
    metrics_note_rows_read(m, d, METRICS_UPDATE, 4);
    char *text = render(m);
    expect_line(text, "binbridge_rows_read_total{table=\"s.a\",op=\"insert\"} 1");
    expect_line(text, "binbridge_rows_read_total{table=\"s.b\",op=\"insert\"} 2");
    expect_line(text, "binbridge_rows_read_total{table=\"(other)\",op=\"update\"} 7");
    expect_no(text, "s.c");
    expect_no(text, "s.d");
    free(text);
    metrics_free(m);
}

Test(metrics, label_values_escaped_and_promtool_accepts_everything)
{
    struct metrics *m = metrics_new(&cfg, 0);
    cr_assert(m);
    /* a quote, a backslash, a newline and bytes that are not UTF-8 */
    size_t t = metrics_table_slot(m, "s", "we\"ird\\na\nme\xff");
    metrics_note_rows_read(m, t, METRICS_INSERT, 1);
    metrics_note_row_buffered(m, redis_k, t, METRICS_INSERT);
    struct checkpoint cp;
    memset(&cp, 0, sizeof cp);
    snprintf(cp.file, sizeof cp.file, "bin\"log.000001");
    cp.pos = 4;
    metrics_note_commit(m, redis_k, 0.0001, &cp);
    metrics_note_event(m, 30, 100, false, false);
    metrics_note_event(m, 30, 100, false, false);
    metrics_note_event(m, 27, 40, true, true);
    metrics_note_event(m, 250, 10, false, false);       /* a type with no name */
    metrics_note_sink_error(m, redis_k, METRICS_SINK_WRITE);
    metrics_note_source_error(m, METRICS_SOURCE_STALL);
    metrics_note_snapshot(m, true);
    metrics_note_snapshot_table(m, 1000);
    metrics_note_snapshot_rows(m, 10);
    char *text = render(m);
    expect_line(text, "binbridge_rows_read_total{table=\"s.we\\\"ird\\\\na\\\\nme\\\\xff\","
                      "op=\"insert\"} 1");
    expect_line(text, "binbridge_sink_checkpoint_position{sink=\"redis\",file=\"bin\\\"log.000001\"} 4");
    expect_line(text, "binbridge_source_events_total{type=\"WRITE_ROWS_EVENT\",code=\"30\"} 2");
    expect_line(text, "binbridge_source_events_total{type=\"HEARTBEAT_LOG_EVENT\",code=\"27\"} 1");
    expect_line(text, "binbridge_source_bytes_total 250");
    expect_line(text, "binbridge_sink_errors_total{sink=\"redis\",kind=\"write\"} 1");
    expect_line(text, "binbridge_sink_errors_total{sink=\"redis\",kind=\"refused\"} 0");
    expect_line(text, "binbridge_source_errors_total{kind=\"stall\"} 1");
    expect_line(text, "binbridge_snapshot_active 1");
    expect_line(text, "binbridge_snapshot_rows 10");
    expect_line(text, "binbridge_snapshot_rows_estimated 1000");
    expect_line(text, "binbridge_snapshot_tables 1");
    char *out;
    int rc = promtool(text, &out);
    cr_expect_eq(rc, 0, "promtool check metrics exited %d: %s\n%s", rc, out, text);
    cr_expect_str_empty(out, "promtool check metrics: %s", out);
    free(out);
    free(text);
    metrics_free(m);
}

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

Test(metrics, lag_unknown_until_something_is_read_then_never_moves_back)
{
    struct metrics *m = metrics_new(&cfg, 0);
    cr_assert(m);
    cr_assert(isnan(metrics_lag(m)));
    char *text = render(m);
    expect_line(text, "binbridge_source_lag_seconds NaN");      /* nothing known yet */
    expect_line(text, "binbridge_source_seconds_since_last_event NaN");
    free(text);
    metrics_note_synced(m, wall_now() - 100);
    double lag = metrics_lag(m);
    cr_assert(lag >= 100 && lag < 160, "lag %f after a change committed 100 s ago", lag);
    metrics_note_synced(m, wall_now() - 1000);      /* older: no news */
    lag = metrics_lag(m);
    cr_assert(lag >= 100 && lag < 160, "lag %f went back", lag);
    /* a heartbeat: everything read as of now */
    metrics_note_event(m, 27, 40, true, true);
    lag = metrics_lag(m);
    cr_assert(lag >= 0 && lag < 60, "lag %f after a heartbeat", lag);
    metrics_free(m);
}

static void expect_health(struct metrics *m, bool ok, const char *prefix, const char *suffix)
{
    char reason[600];
    bool got = metrics_healthy(m, reason, sizeof reason);
    cr_expect_eq(got, ok, "healthy %d, expected %d: %s", got, ok, reason);
    cr_expect(strncmp(reason, prefix, strlen(prefix)) == 0, "reason '%s' does not start '%s'",
              reason, prefix);
    size_t n = strlen(reason), s = strlen(suffix);
    cr_expect(n >= s && strcmp(reason + n - s, suffix) == 0, "reason '%s' does not end '%s'",
              reason, suffix);
}

Test(metrics, health_says_why_not)
{
    struct metrics *m = metrics_new(&cfg, 0);
    cr_assert(m);
    expect_health(m, false, "not connected to the source yet (for ", " s)");
    metrics_note_down(m, METRICS_SOURCE, "server 127.0.0.1:1: Connection refused");
    expect_health(m, false, "source disconnected for ", " s: server 127.0.0.1:1: Connection refused");
    metrics_note_down(m, (int)redis_k, "Redis at 127.0.0.1:1: Connection refused");
    /* the sink first: nothing is applied while it fails */
    expect_health(m, false, "redis sink failing for ", " s: Redis at 127.0.0.1:1: Connection refused");
    metrics_note_up(m, (int)redis_k);
    metrics_note_up(m, METRICS_SOURCE);
    metrics_note_connected(m, true);
    expect_health(m, true, "ok", "ok");
    char *text = render(m);
    expect_line(text, "binbridge_healthy 1");
    expect_line(text, "binbridge_source_connected 1");
    expect_line(text, "binbridge_source_reconnects_total 0");
    expect_line(text, "binbridge_sink_up{sink=\"redis\"} 1");
    free(text);

    /* waiting for the source past the stall threshold */
    metrics_note_stall_after(m, 0.01);
    metrics_note_busy(m, false);
    usleep(50000);
    expect_health(m, false, "stalled: no event or heartbeat from the source for ", " s");
    metrics_note_busy(m, true);     /* writing a batch is no stall */
    expect_health(m, true, "ok", "ok");
    metrics_note_stall_after(m, 0);

    metrics_note_connected(m, false);
    expect_health(m, false, "source disconnected for ", " s");
    metrics_note_snapshot(m, true);
    expect_health(m, true, "ok: loading a snapshot, 0 rows of about 0", "");
    metrics_note_snapshot(m, false);
    metrics_note_connected(m, true);
    text = render(m);
    expect_line(text, "binbridge_source_reconnects_total 1");
    free(text);
    metrics_free(m);
}
