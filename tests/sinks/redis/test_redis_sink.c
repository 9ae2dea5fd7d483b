/* test_redis_sink.c - the Redis sink against the throwaway Redis of
 * scripts/servers.sh (run through scripts/run-tests.sh, which exports
 * BB_REDIS_URL and BB_REDIS_PORT).
 *
 * Row changes are built by hand (a table, value arrays, a plan from the
 * mapper) and what Redis holds afterwards is read back over a connection
 * of the test's own. Tests run in parallel processes against one server:
 * each works under its own key prefix ("t_<test>_<pid>", the schema name)
 * and checkpoint name, and removes its keys when it ends. A connection is
 * broken with CLIENT KILL, never by restarting the server. */
#include <criterion/criterion.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hiredis/hiredis.h>

#include "binbridge.h"
#include "mapping/checkpoint.h"
#include "mapping/config.h"
#include "mapping/mapper.h"
#include "sinks/redis/redis.h"
#include "sinks/redis/redis_net.h"
#include "sinks/redis/redis_options.h"
#include "sinks/sink.h"
#include "tests/testutil.h"

/* ---- fixture ---- */

struct fx {
    char name[96];              /* t_<test>_<pid>: the schema and the checkpoint name */
    char url[1024];
    struct bb_config cfg;
    struct table_rule rules[4];
    struct config_outputs outs[4][SINKS_MAX];
    struct mapper *mapper;
    struct sink sink;
    bool open;
    redisContext *check;        /* the test's own connection */
    int db;
    char acl_user[64];
};

static struct fx F;
static char rule_match[4][256];    /* outside F: snprintf from F.name */

static int redis_port(void)
{
    return atoi(test_env("BB_REDIS_PORT"));
}

static redisReply *rcmd(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    redisReply *r = redisvCommand(F.check, fmt, ap);
    va_end(ap);
    cr_assert(r, "Redis command %s failed: %s", fmt, F.check->errstr);
    return r;
}

static long long rint_cmd(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    redisReply *r = redisvCommand(F.check, fmt, ap);
    va_end(ap);
    cr_assert(r && r->type == REDIS_REPLY_INTEGER, "%s: expected an integer (%s)", fmt,
              r && r->type == REDIS_REPLY_ERROR ? r->str : "other reply");
    long long v = r->integer;
    freeReplyObject(r);
    return v;
}

static void check_select(int db)
{
    freeReplyObject(rcmd("SELECT %d", db));
}

/* Remove every key of this test (prefix F.name) in the checker's db. */
static void drop_keys(void)
{
    char cursor[32] = "0";
    do {
        redisReply *r = rcmd("SCAN %s MATCH %s* COUNT 1000", cursor, F.name);
        cr_assert(r->type == REDIS_REPLY_ARRAY && r->elements == 2);
        snprintf(cursor, sizeof cursor, "%s", r->element[0]->str);
        for (size_t i = 0; i < r->element[1]->elements; i++)
            freeReplyObject(rcmd("DEL %b", r->element[1]->element[i]->str,
                                 r->element[1]->element[i]->len));
        freeReplyObject(r);
    } while (strcmp(cursor, "0") != 0);
    freeReplyObject(rcmd("DEL binbridge:checkpoint:%s", F.name));
}

static void setup(void)
{
    memset(&F, 0, sizeof F);
    snprintf(F.name, sizeof F.name, "t_%s_%d", criterion_current_test->name, (int)getpid());
    const char *url = test_env("BB_REDIS_URL");
    cr_assert(strlen(url) < sizeof F.url);
    memcpy(F.url, url, strlen(url) + 1);
    F.check = redisConnect("127.0.0.1", redis_port());
    cr_assert(F.check && !F.check->err, "cannot connect to Redis on port %d", redis_port());
    struct bb_error err = { 0 };
    cr_assert(sinks_config_init(&F.cfg) == 0);
    cr_assert(config_set_string(&F.cfg.checkpoint_name, F.name, &err) == 0);
    cr_assert(config_set(&F.cfg, "redis.url", F.url, &err) == 0, "%s", err.msg);
    F.cfg.batch_bytes = 16u << 20;
    cr_assert(mapper_new(&F.mapper, &F.cfg, &err) == 0, "%s", err.msg);
}

static void teardown(void)
{
    if (F.open)
        F.sink.ops->close(F.sink.ctx);
    mapper_free(F.mapper);
    F.cfg.rules = NULL; /* the tests' own */
    F.cfg.nrules = 0;
    bb_config_destroy(&F.cfg);
    if (F.check) {
        check_select(0);
        drop_keys();
        if (F.db) {
            check_select(F.db);
            drop_keys();
        }
        if (F.acl_user[0])
            freeReplyObject(rcmd("ACL DELUSER %s", F.acl_user));
        redisFree(F.check);
    }
}

TestSuite(redis_sink, .init = setup, .fini = teardown);

/* The index of the Redis sink in F.cfg (the registry's). */
static size_t redis_k(void)
{
    int k = config_sink_index(&F.cfg, "redis");
    cr_assert(k >= 0);
    return (size_t)k;
}

static struct redis_settings *settings(void)
{
    return (struct redis_settings *)config_sink_settings(&F.cfg, redis_k());
}

/* Open a Redis sink with the URL F.url holds now. */
static int open_redis(struct sink *s, struct bb_error *err)
{
    cr_assert(config_set(&F.cfg, "redis.url", F.url, err) == 0, "%s", err->msg);
    return redis_sink_type.open(s, &F.cfg, redis_k(), err);
}

static void open_sink(void)
{
    struct bb_error err = { 0 };
    cr_assert(open_redis(&F.sink, &err) == 0, "%s", err.msg);
    F.open = true;
}

/* A rule for F.name.<table> with the given outputs. */
static void add_rule(const char *table, struct redis_output *outputs, size_t n)
{
    size_t i = F.cfg.nrules++;
    cr_assert(i < 4);
    snprintf(rule_match[i], sizeof rule_match[i], "%s.%s", F.name, table);
    F.rules[i].match = rule_match[i];
    memset(F.outs[i], 0, sizeof F.outs[i]);
    F.outs[i][redis_k()] = (struct config_outputs){ outputs, n };
    F.rules[i].outputs = F.outs[i];
    F.cfg.rules = F.rules;
}

/* ---- tables and rows ---- */

/* users(id INT PRIMARY KEY, name VARCHAR utf8mb4, note VARCHAR NULL, data BLOB NULL) */
struct tbl {
    struct bb_column cols[4];
    uint32_t pk[1];
    struct bb_table t;
    const struct table_plan *plan;
};

enum { C_ID, C_NAME, C_NOTE, C_DATA };

static void tbl_init(struct tbl *x, const char *table)
{
    memset(x, 0, sizeof *x);
    static const char *const names[] = { "id", "name", "note", "data" };
    static const uint8_t types[] = { MYSQL_TYPE_LONG, MYSQL_TYPE_VARCHAR, MYSQL_TYPE_VARCHAR,
                                     MYSQL_TYPE_BLOB };
    for (int i = 0; i < 4; i++) {
        x->cols[i].name = names[i];
        x->cols[i].type = types[i];
        x->cols[i].nullable = i >= C_NOTE;
        x->cols[i].visible = true;
        x->cols[i].charset = i == C_DATA ? 63 : 45;
    }
    x->cols[C_ID].in_primary_key = true;
    x->cols[C_ID].signedness_known = true;
    x->cols[C_NAME].max_length = x->cols[C_NOTE].max_length = 400;
    x->cols[C_NAME].length_bytes = x->cols[C_NOTE].length_bytes = 2;
    x->cols[C_DATA].length_bytes = 2;
    x->pk[0] = C_ID;
    x->t.schema = F.name;
    x->t.name = table;
    x->t.ncols = 4;
    x->t.cols = x->cols;
    x->t.npk = 1;
    x->t.pk = x->pk;
    x->t.has_names = true;
    struct bb_error err = { 0 };
    cr_assert(mapper_plan(F.mapper, &x->t, &x->plan, &err) == 0, "%s", err.msg);
    cr_assert(x->plan->mirrored);
}

/* One row: id, then name, note, data as C strings; NULL is SQL NULL and
 * ABSENT_ (below) leaves the column out of the image. */
static const char ABSENT_[] = "<absent>";
#define ABSENT ABSENT_

struct row {
    struct bb_value v[4];
};

static void set_text(struct bb_value *v, const struct bb_column *c, uint8_t kind, const char *s,
                     size_t n)
{
    v->col = c;
    if (s == ABSENT) {
        v->kind = BB_VALUE_ABSENT;
    } else if (!s) {
        v->kind = BB_VALUE_NULL;
    } else {
        v->kind = kind;
        v->v.str.p = (const uint8_t *)s;
        v->v.str.len = n;
    }
}

static struct row mkrow(const struct tbl *x, long long id, const char *name, const char *note,
                        const char *data)
{
    struct row r;
    memset(&r, 0, sizeof r);
    r.v[C_ID].col = &x->cols[C_ID];
    if (id < 0) {
        r.v[C_ID].kind = BB_VALUE_ABSENT;
    } else {
        r.v[C_ID].kind = BB_VALUE_INT;
        r.v[C_ID].v.i = id;
    }
    set_text(&r.v[C_NAME], &x->cols[C_NAME], BB_VALUE_STRING, name, name ? strlen(name) : 0);
    set_text(&r.v[C_NOTE], &x->cols[C_NOTE], BB_VALUE_STRING, note, note ? strlen(note) : 0);
    set_text(&r.v[C_DATA], &x->cols[C_DATA], BB_VALUE_BINARY, data, data ? strlen(data) : 0);
    return r;
}

static int add(const struct tbl *x, enum bb_rows_kind kind, const struct row *before,
               const struct row *after, struct bb_error *err)
{
    static uint32_t row_index;
    struct change ch = {
        .kind = kind, .table = &x->t, .plan = x->plan,
        .before = before ? before->v : NULL, .after = after ? after->v : NULL,
        .log_file = "mysql-bin.000007", .pos = 4242, .row_index = row_index++,
        .timestamp = 1700000000, .gtid = "0-1-77",
    };
    return F.sink.ops->add(F.sink.ctx, &ch, err);
}

static void add_ok(const struct tbl *x, enum bb_rows_kind kind, const struct row *before,
                   const struct row *after)
{
    struct bb_error err = { 0 };
    cr_assert(add(x, kind, before, after, &err) == 0, "add: %s", err.msg);
}

static struct checkpoint mkcp(const char *file, uint64_t pos)
{
    struct checkpoint cp;
    memset(&cp, 0, sizeof cp);
    snprintf(cp.file, sizeof cp.file, "%s", file);
    cp.pos = pos;
    snprintf(cp.gtid, sizeof cp.gtid, "0-1-77");
    cp.commit_time = 1700000000;
    cp.server_id = 1;
    return cp;
}

static void commit_ok(uint64_t pos)
{
    struct bb_error err = { 0 };
    struct checkpoint cp = mkcp("mysql-bin.000007", pos);
    cr_assert(F.sink.ops->commit(F.sink.ctx, &cp, &err) == 0, "commit: %s", err.msg);
}

/* ---- assertions on Redis ---- */

static const char *key_of(const struct tbl *x, const char *pk, char *buf, size_t size)
{
    snprintf(buf, size, "%s:%s:%s", F.name, x->t.name, pk);
    return buf;
}

static bool exists(const char *key)
{
    return rint_cmd("EXISTS %s", key) == 1;
}

/* The hash at key is exactly the "field=value" pairs given (NULL-terminated). */
static void assert_hash(const char *key, ...)
{
    va_list ap;
    const char *want[16];
    size_t n = 0;
    va_start(ap, key);
    for (const char *s; (s = va_arg(ap, const char *)) != NULL && n < 16;)
        want[n++] = s;
    va_end(ap);
    redisReply *r = rcmd("HGETALL %s", key);
    cr_assert(r->type == REDIS_REPLY_ARRAY, "HGETALL %s: not a hash", key);
    cr_assert_eq(r->elements, 2 * n, "%s has %zu fields, expected %zu", key, r->elements / 2, n);
    for (size_t i = 0; i < r->elements; i += 2) {
        char kv[512];
        snprintf(kv, sizeof kv, "%s=%.*s", r->element[i]->str, (int)r->element[i + 1]->len,
                 r->element[i + 1]->str);
        bool found = false;
        for (size_t k = 0; k < n && !found; k++)
            found = strcmp(kv, want[k]) == 0;
        cr_assert(found, "%s holds unexpected %s", key, kv);
    }
    freeReplyObject(r);
}

static void assert_string(const char *key, const char *want)
{
    redisReply *r = rcmd("GET %s", key);
    cr_assert(r->type == REDIS_REPLY_STRING, "GET %s: no string", key);
    cr_assert_str_eq(r->str, want);
    freeReplyObject(r);
}

static bool load_cp(struct checkpoint *cp)
{
    struct bb_error err = { 0 };
    int rc = F.sink.ops->load_checkpoint(F.sink.ctx, cp, &err);
    cr_assert(rc >= 0, "load_checkpoint: %s", err.msg);
    return rc == 1;
}

/* CLIENT KILL the sink's connection (named binbridge-<checkpoint name>). */
static void kill_sink_connection(void)
{
    char needle[160];
    snprintf(needle, sizeof needle, " name=binbridge-%s ", F.name);
    redisReply *r = rcmd("CLIENT LIST");
    cr_assert(r->type == REDIS_REPLY_STRING);
    const char *hit = strstr(r->str, needle);
    cr_assert(hit, "no client named binbridge-%s", F.name);
    const char *line = hit;
    while (line > r->str && line[-1] != '\n')
        line--;
    long long id = -1;
    cr_assert(sscanf(line, "id=%lld", &id) == 1);
    freeReplyObject(r);
    cr_assert_eq(rint_cmd("CLIENT KILL ID %lld", id), 1);
}

/* ---- hash ---- */

Test(redis_sink, hash_insert_writes_every_column_and_leaves_out_nulls)
{
    open_sink();
    struct tbl x;
    tbl_init(&x, "users");
    char k1[200], k2[200];
    freeReplyObject(rcmd("HSET %s stale 1", key_of(&x, "1", k1, sizeof k1)));
    struct row a = mkrow(&x, 1, "alice", NULL, "raw");
    struct row b = mkrow(&x, 2, "bob", "hello", NULL);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    add_ok(&x, BB_ROWS_WRITE, NULL, &b);
    cr_assert(F.sink.ops->pending_bytes(F.sink.ctx) > 0);
    cr_assert(!exists(k1) || rint_cmd("HEXISTS %s stale", k1) == 1, "nothing before commit");
    commit_ok(1000);
    cr_assert_eq(F.sink.ops->pending_bytes(F.sink.ctx), 0);
    /* The row replaces what was at its key. */
    assert_hash(k1, "id=1", "name=alice", "data=raw", NULL);
    assert_hash(key_of(&x, "2", k2, sizeof k2), "id=2", "name=bob", "note=hello", NULL);
}

Test(redis_sink, hash_values_are_binary_safe)
{
    open_sink();
    struct tbl x;
    tbl_init(&x, "bin");
    static const char data[] = "a\0b\r\n$3\r\n*\xff";
    struct row a = mkrow(&x, 5, "line\r\nbreak", NULL, NULL);
    a.v[C_DATA].kind = BB_VALUE_BINARY;
    a.v[C_DATA].v.str.p = (const uint8_t *)data;
    a.v[C_DATA].v.str.len = sizeof data - 1;
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    char k[200];
    redisReply *r = rcmd("HGET %s data", key_of(&x, "5", k, sizeof k));
    cr_assert_eq(r->type, REDIS_REPLY_STRING);
    cr_assert_eq(r->len, sizeof data - 1);
    cr_assert(memcmp(r->str, data, r->len) == 0);
    freeReplyObject(r);
    r = rcmd("HGET %s name", k);
    cr_assert_str_eq(r->str, "line\r\nbreak");
    freeReplyObject(r);
}

Test(redis_sink, hash_full_update_replaces_the_row)
{
    open_sink();
    struct tbl x;
    tbl_init(&x, "users");
    struct row a = mkrow(&x, 1, "alice", "old note", "d");
    struct row a2 = mkrow(&x, 1, "alicia", NULL, "d");
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    add_ok(&x, BB_ROWS_UPDATE, &a, &a2);
    commit_ok(1000);
    char k[200];
    assert_hash(key_of(&x, "1", k, sizeof k), "id=1", "name=alicia", "data=d", NULL);
}

Test(redis_sink, hash_key_change_deletes_the_old_key)
{
    open_sink();
    struct tbl x;
    tbl_init(&x, "users");
    struct row a = mkrow(&x, 1, "alice", NULL, NULL);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    struct row a2 = mkrow(&x, 9, "alice", "moved", NULL);
    add_ok(&x, BB_ROWS_UPDATE, &a, &a2);
    commit_ok(2000);
    char k1[200], k9[200];
    cr_assert(!exists(key_of(&x, "1", k1, sizeof k1)));
    assert_hash(key_of(&x, "9", k9, sizeof k9), "id=9", "name=alice", "note=moved", NULL);
}

Test(redis_sink, hash_partial_update_changes_only_the_present_columns)
{
    open_sink();
    struct tbl x;
    tbl_init(&x, "users");
    struct row a = mkrow(&x, 1, "alice", "note", "d");
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    /* MINIMAL: before = the key, after = what changed (note became NULL,
     * name changed, data unchanged). */
    struct row before = mkrow(&x, 1, ABSENT, ABSENT, ABSENT);
    struct row after = mkrow(&x, -1, "alicia", NULL, ABSENT);
    add_ok(&x, BB_ROWS_UPDATE, &before, &after);
    commit_ok(2000);
    char k[200];
    assert_hash(key_of(&x, "1", k, sizeof k), "id=1", "name=alicia", "data=d", NULL);
}

Test(redis_sink, hash_partial_update_with_key_change_moves_the_hash)
{
    open_sink();
    struct tbl x;
    tbl_init(&x, "users");
    struct row a = mkrow(&x, 1, "alice", "note", "d");
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    char k1[200], k3[200], k4[200], k5[200];
    /* A stale hash where the row moves must not survive the move. */
    freeReplyObject(rcmd("HSET %s stale 1", key_of(&x, "3", k3, sizeof k3)));
    struct row before = mkrow(&x, 1, ABSENT, ABSENT, ABSENT);
    struct row after = mkrow(&x, 3, ABSENT, NULL, ABSENT);
    add_ok(&x, BB_ROWS_UPDATE, &before, &after);
    commit_ok(2000);
    cr_assert(!exists(key_of(&x, "1", k1, sizeof k1)));
    assert_hash(k3, "id=3", "name=alice", "data=d", NULL);

    /* A row without a hash (a row of NULLs, here one Redis never had):
     * its move leaves no stale field at the new key. */
    freeReplyObject(rcmd("HSET %s stale 1", key_of(&x, "5", k5, sizeof k5)));
    struct row b4 = mkrow(&x, 4, ABSENT, ABSENT, ABSENT);
    struct row b5 = mkrow(&x, 5, ABSENT, ABSENT, ABSENT);
    add_ok(&x, BB_ROWS_UPDATE, &b4, &b5);
    commit_ok(3000);
    cr_assert(!exists(key_of(&x, "4", k4, sizeof k4)));
    assert_hash(k5, "id=5", NULL);
}

Test(redis_sink, hash_delete_removes_the_key)
{
    open_sink();
    struct tbl x;
    tbl_init(&x, "users");
    struct row a = mkrow(&x, 1, "alice", NULL, NULL);
    struct row b = mkrow(&x, 2, "bob", NULL, NULL);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    add_ok(&x, BB_ROWS_WRITE, NULL, &b);
    commit_ok(1000);
    /* MINIMAL deletes carry the key only. */
    struct row key_only = mkrow(&x, 1, ABSENT, ABSENT, ABSENT);
    add_ok(&x, BB_ROWS_DELETE, &key_only, NULL);
    commit_ok(2000);
    char k1[200], k2[200];
    cr_assert(!exists(key_of(&x, "1", k1, sizeof k1)));
    assert_hash(key_of(&x, "2", k2, sizeof k2), "id=2", "name=bob", NULL);
}

Test(redis_sink, hash_row_without_values_has_no_key)
{
    static char *keep[] = { "note", NULL };
    struct redis_output t[] = { { .shape = REDIS_SHAPE_HASH, .key = "{schema}:{table}:{pk}",
                                  .head.include_columns = keep } };
    add_rule("notes", t, 1);
    open_sink();
    struct tbl x;
    tbl_init(&x, "notes");
    struct row a = mkrow(&x, 1, "alice", NULL, NULL);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    char k[200];
    cr_assert(!exists(key_of(&x, "1", k, sizeof k)));
    struct row a2 = mkrow(&x, 1, "alice", "now", NULL);
    add_ok(&x, BB_ROWS_UPDATE, &a, &a2);
    commit_ok(2000);
    assert_hash(k, "note=now", NULL);
    add_ok(&x, BB_ROWS_UPDATE, &a2, &a);
    commit_ok(3000);
    cr_assert(!exists(k));
}

Test(redis_sink, hash_excluded_columns_and_key_template)
{
    static char *drop[] = { "data", NULL };
    struct redis_output t[] = { { .shape = REDIS_SHAPE_HASH, .key = "user:{name}",
                                  .head.exclude_columns = drop } };
    char tmpl[200];
    snprintf(tmpl, sizeof tmpl, "%s:user:{name}", F.name);
    t[0].key = tmpl;
    add_rule("users", t, 1);
    open_sink();
    struct tbl x;
    tbl_init(&x, "users");
    struct row a = mkrow(&x, 1, "alice", "n", "secret");
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    char k[200];
    snprintf(k, sizeof k, "%s:user:alice", F.name);
    assert_hash(k, "id=1", "name=alice", "note=n", NULL);
    /* The template uses a non-key column: renaming moves the hash. */
    struct row a2 = mkrow(&x, 1, "alicia", "n", "secret");
    add_ok(&x, BB_ROWS_UPDATE, &a, &a2);
    commit_ok(2000);
    cr_assert(!exists(k));
    snprintf(k, sizeof k, "%s:user:alicia", F.name);
    assert_hash(k, "id=1", "name=alicia", "note=n", NULL);
    /* A partial image without the template's column cannot name the old key. */
    struct row before = mkrow(&x, 1, ABSENT, ABSENT, ABSENT);
    struct row after = mkrow(&x, -1, ABSENT, "m", ABSENT);
    struct bb_error err = { 0 };
    cr_assert_eq(add(&x, BB_ROWS_UPDATE, &before, &after, &err), BB_ERR_USAGE);
    cr_assert(strstr(err.msg, "binlog_row_image=FULL"), "%s", err.msg);
    /* The failed change left nothing pending. */
    cr_assert_eq(F.sink.ops->pending_bytes(F.sink.ctx), 0);
}

Test(redis_sink, ttl_is_set_on_hash_and_json_keys)
{
    char jk[200];
    snprintf(jk, sizeof jk, "%s:json:{pk}", F.name);
    struct redis_output t[] = {
        { .shape = REDIS_SHAPE_HASH, .key = "{schema}:{table}:{pk}", .ttl = 300 },
        { .shape = REDIS_SHAPE_JSON, .key = jk, .ttl = 600 },
    };
    add_rule("users", t, 2);
    open_sink();
    struct tbl x;
    tbl_init(&x, "users");
    struct row a = mkrow(&x, 1, "alice", NULL, NULL);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    char k[200];
    long long ttl = rint_cmd("TTL %s", key_of(&x, "1", k, sizeof k));
    cr_assert(ttl > 250 && ttl <= 300, "hash TTL %lld", ttl);
    snprintf(k, sizeof k, "%s:json:1", F.name);
    ttl = rint_cmd("TTL %s", k);
    cr_assert(ttl > 550 && ttl <= 600, "json TTL %lld", ttl);
    /* A partial update refreshes the hash's TTL (on a hash-only table: the
     * json shape refuses partial images). */
    struct redis_output h[] = { { .shape = REDIS_SHAPE_HASH, .key = "{schema}:{table}:{pk}",
                                  .ttl = 300 } };
    add_rule("hashonly", h, 1);
    struct tbl z;
    tbl_init(&z, "hashonly");
    struct row za = mkrow(&z, 1, "zed", NULL, NULL);
    add_ok(&z, BB_ROWS_WRITE, NULL, &za);
    commit_ok(2000);
    freeReplyObject(rcmd("EXPIRE %s:hashonly:1 5", F.name));
    struct row before = mkrow(&z, 1, ABSENT, ABSENT, ABSENT);
    struct row after = mkrow(&z, -1, "al", ABSENT, ABSENT);
    add_ok(&z, BB_ROWS_UPDATE, &before, &after);
    commit_ok(3000);
    ttl = rint_cmd("TTL %s:hashonly:1", F.name);
    cr_assert(ttl > 250, "partial update TTL %lld", ttl);
    assert_hash(key_of(&z, "1", k, sizeof k), "id=1", "name=al", NULL);
}

/* ---- json ---- */

Test(redis_sink, json_string_per_row)
{
    struct redis_output t[] = { { .shape = REDIS_SHAPE_JSON, .key = "{schema}:{table}:{pk}" } };
    add_rule("docs", t, 1);
    open_sink();
    struct tbl x;
    tbl_init(&x, "docs");
    struct row a = mkrow(&x, 1, "al\"ice", NULL, "\x01\x02");
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    char k[200], k2[200];
    assert_string(key_of(&x, "1", k, sizeof k),
                  "{\"id\":1,\"name\":\"al\\\"ice\",\"note\":null,\"data\":{\"base64\":\"AQI=\"}}");
    cr_assert_eq(rint_cmd("TTL %s", k), -1);
    /* Update with a key change: the old key goes. */
    struct row a2 = mkrow(&x, 2, "alice", "n", NULL);
    add_ok(&x, BB_ROWS_UPDATE, &a, &a2);
    commit_ok(2000);
    cr_assert(!exists(k));
    assert_string(key_of(&x, "2", k2, sizeof k2),
                  "{\"id\":2,\"name\":\"alice\",\"note\":\"n\",\"data\":null}");
    /* A partial image cannot be applied. */
    struct row before = mkrow(&x, 2, ABSENT, ABSENT, ABSENT);
    struct row after = mkrow(&x, -1, "x", ABSENT, ABSENT);
    struct bb_error err = { 0 };
    cr_assert_eq(add(&x, BB_ROWS_UPDATE, &before, &after, &err), BB_ERR_USAGE);
    cr_assert(strstr(err.msg, "shape json needs binlog_row_image=FULL"), "%s", err.msg);
    cr_assert(strstr(err.msg, x.t.name), "%s", err.msg);
    add_ok(&x, BB_ROWS_DELETE, &before, NULL);
    commit_ok(3000);
    cr_assert(!exists(k2));
}

/* ---- stream ---- */

static redisReply *xrange(const char *key)
{
    redisReply *r = rcmd("XRANGE %s - +", key);
    cr_assert_eq(r->type, REDIS_REPLY_ARRAY);
    return r;
}

/* Field f of stream entry e, or NULL. */
static const char *entry_field(const redisReply *e, const char *f)
{
    const redisReply *kv = e->element[1];
    for (size_t i = 0; i + 1 < kv->elements; i += 2)
        if (strcmp(kv->element[i]->str, f) == 0)
            return kv->element[i + 1]->str;
    return NULL;
}

Test(redis_sink, stream_entry_per_change)
{
    struct redis_output t[] = {
        { .shape = REDIS_SHAPE_STREAM, .key = "{schema}:{table}:changes" },
    };
    add_rule("users", t, 1);
    open_sink();
    struct tbl x;
    tbl_init(&x, "users");
    struct row a = mkrow(&x, 1, "alice", NULL, NULL);
    struct row a2 = mkrow(&x, 1, "alicia", NULL, NULL);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    add_ok(&x, BB_ROWS_UPDATE, &a, &a2);
    add_ok(&x, BB_ROWS_DELETE, &a2, NULL);
    commit_ok(1000);
    char k[200];
    snprintf(k, sizeof k, "%s:users:changes", F.name);
    redisReply *r = xrange(k);
    cr_assert_eq(r->elements, 3);
    const char *ops[] = { "insert", "update", "delete" };
    for (size_t i = 0; i < 3; i++) {
        const redisReply *e = r->element[i];
        cr_assert_eq(e->element[1]->elements, i == 1 ? 20 : 18, "entry %zu has %zu items", i,
                     e->element[1]->elements);
        cr_assert_str_eq(entry_field(e, "op"), ops[i]);
        cr_assert_str_eq(entry_field(e, "schema"), F.name);
        cr_assert_str_eq(entry_field(e, "table"), "users");
        cr_assert_str_eq(entry_field(e, "file"), "mysql-bin.000007");
        cr_assert_str_eq(entry_field(e, "pos"), "4242");
        cr_assert(entry_field(e, "row"));
        cr_assert_str_eq(entry_field(e, "gtid"), "0-1-77");
        cr_assert_str_eq(entry_field(e, "ts"), "1700000000");
    }
    cr_assert_null(entry_field(r->element[0], "before"));
    cr_assert_str_eq(entry_field(r->element[0], "after"),
                     "{\"id\":1,\"name\":\"alice\",\"note\":null,\"data\":null}");
    cr_assert_str_eq(entry_field(r->element[1], "before"),
                     "{\"id\":1,\"name\":\"alice\",\"note\":null,\"data\":null}");
    cr_assert_str_eq(entry_field(r->element[1], "after"),
                     "{\"id\":1,\"name\":\"alicia\",\"note\":null,\"data\":null}");
    cr_assert_null(entry_field(r->element[2], "after"));
    cr_assert_str_eq(entry_field(r->element[2], "before"),
                     "{\"id\":1,\"name\":\"alicia\",\"note\":null,\"data\":null}");
    freeReplyObject(r);

    /* A partial image: the absent columns are left out. */
    struct row before = mkrow(&x, 1, ABSENT, ABSENT, ABSENT);
    struct row after = mkrow(&x, -1, "z", ABSENT, ABSENT);
    add_ok(&x, BB_ROWS_UPDATE, &before, &after);
    commit_ok(2000);
    r = xrange(k);
    cr_assert_eq(r->elements, 4);
    cr_assert_str_eq(entry_field(r->element[3], "before"), "{\"id\":1}");
    cr_assert_str_eq(entry_field(r->element[3], "after"), "{\"name\":\"z\"}");
    freeReplyObject(r);
}

Test(redis_sink, stream_maxlen_trims)
{
    struct redis_output t[] = {
        { .shape = REDIS_SHAPE_STREAM, .key = "{schema}:{table}:changes", .maxlen = 10 },
    };
    add_rule("users", t, 1);
    open_sink();
    struct tbl x;
    tbl_init(&x, "users");
    for (int i = 0; i < 1000; i++) {
        struct row a = mkrow(&x, i, "n", NULL, NULL);
        add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    }
    commit_ok(1000);
    long long n = rint_cmd("XLEN %s:users:changes", F.name);
    /* ~ trims whole macro nodes (100 entries by default). */
    cr_assert(n >= 10 && n <= 200, "XLEN %lld", n);
}

/* ---- checkpoint and atomicity ---- */

Test(redis_sink, checkpoint_round_trip)
{
    open_sink();
    struct checkpoint cp;
    cr_assert(!load_cp(&cp), "a new checkpoint name has no checkpoint");
    struct checkpoint want = mkcp("mysql-bin.000123", 987654321);
    want.rows_done = 17;
    snprintf(want.gtid, sizeof want.gtid, "0-1-42,1-2-7");
    want.commit_time = 1712345678;
    want.server_id = 4294967295u;
    struct bb_error err = { 0 };
    cr_assert(F.sink.ops->commit(F.sink.ctx, &want, &err) == 0, "%s", err.msg);
    cr_assert(load_cp(&cp));
    cr_assert_str_eq(cp.file, want.file);
    cr_assert_eq(cp.pos, want.pos);
    cr_assert_eq(cp.rows_done, want.rows_done);
    cr_assert_str_eq(cp.gtid, want.gtid);
    cr_assert_eq(cp.commit_time, want.commit_time);
    cr_assert_eq(cp.server_id, want.server_id);
    /* An empty GTID is stored as an empty field. */
    want.gtid[0] = '\0';
    cr_assert(F.sink.ops->commit(F.sink.ctx, &want, &err) == 0, "%s", err.msg);
    cr_assert(load_cp(&cp));
    cr_assert_str_eq(cp.gtid, "");
    /* A damaged record names the key. */
    freeReplyObject(rcmd("HSET binbridge:checkpoint:%s pos x12", F.name));
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), BB_ERR_CORRUPT);
    cr_assert(strstr(err.msg, "binbridge:checkpoint:") && strstr(err.msg, "pos"), "%s", err.msg);
    bb_error_clear(&err);
    /* Not a hash: a clear error. */
    freeReplyObject(rcmd("DEL binbridge:checkpoint:%s", F.name));
    freeReplyObject(rcmd("SET binbridge:checkpoint:%s x", F.name));
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), BB_ERR_SERVER);
    cr_assert(strstr(err.msg, "WRONGTYPE"), "%s", err.msg);
}

Test(redis_sink, commit_after_a_killed_connection_applies_nothing)
{
    struct redis_output t[] = {
        { .shape = REDIS_SHAPE_HASH, .key = "{schema}:{table}:{pk}" },
        { .shape = REDIS_SHAPE_STREAM, .key = "{schema}:{table}:changes" },
    };
    add_rule("users", t, 2);
    open_sink();
    struct tbl x;
    tbl_init(&x, "users");
    struct row a = mkrow(&x, 1, "alice", NULL, NULL);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);

    struct row b = mkrow(&x, 2, "bob", NULL, NULL), c = mkrow(&x, 3, "carol", NULL, NULL);
    add_ok(&x, BB_ROWS_WRITE, NULL, &b);
    add_ok(&x, BB_ROWS_WRITE, NULL, &c);
    kill_sink_connection();
    struct bb_error err = { 0 };
    struct checkpoint cp2 = mkcp("mysql-bin.000007", 2000);
    cr_assert_eq(F.sink.ops->commit(F.sink.ctx, &cp2, &err), BB_ERR_IO, "%s", err.msg);
    cr_assert(strstr(err.msg, test_env("BB_REDIS_PORT")), "the message names the server: %s",
              err.msg);
    cr_assert_eq(F.sink.ops->pending_bytes(F.sink.ctx), 0);
    char k[200];
    cr_assert(!exists(key_of(&x, "2", k, sizeof k)));
    cr_assert(!exists(key_of(&x, "3", k, sizeof k)));
    cr_assert_eq(rint_cmd("XLEN %s:users:changes", F.name), 1);

    /* Without reconnect(), nothing is written. */
    bb_error_clear(&err);
    cr_assert_eq(F.sink.ops->commit(F.sink.ctx, &cp2, &err), BB_ERR_IO);
    bb_error_clear(&err);
    cr_assert(F.sink.ops->reconnect(F.sink.ctx, &err) == 0, "%s", err.msg);
    struct checkpoint cp;
    cr_assert(load_cp(&cp));
    cr_assert_eq(cp.pos, 1000, "the checkpoint stays where the last EXEC put it");
    /* The caller resumes from there: the same changes again. */
    add_ok(&x, BB_ROWS_WRITE, NULL, &b);
    add_ok(&x, BB_ROWS_WRITE, NULL, &c);
    commit_ok(2000);
    assert_hash(key_of(&x, "3", k, sizeof k), "id=3", "name=carol", NULL);
    cr_assert_eq(rint_cmd("XLEN %s:users:changes", F.name), 3, "no entry twice");
    cr_assert(load_cp(&cp));
    cr_assert_eq(cp.pos, 2000);
}

Test(redis_sink, reconnect_after_client_kill)
{
    open_sink();
    kill_sink_connection();
    struct checkpoint cp;
    struct bb_error err = { 0 };
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), BB_ERR_IO);
    bb_error_clear(&err);
    cr_assert(F.sink.ops->reconnect(F.sink.ctx, &err) == 0, "%s", err.msg);
    cr_assert(!load_cp(&cp));
    commit_ok(500);
    cr_assert(load_cp(&cp));
    cr_assert_eq(cp.pos, 500);
}

/* Redis applies the rest of an EXEC when one command fails (WRONGTYPE):
 * the type guards see to it that none can, whatever the keys hold. */
Test(redis_sink, a_key_of_another_type_is_replaced_inside_the_batch)
{
    struct redis_output t[] = {
        { .shape = REDIS_SHAPE_HASH, .key = "{schema}:{table}:{pk}" },
        { .shape = REDIS_SHAPE_STREAM, .key = "{schema}:{table}:changes" },
    };
    add_rule("users", t, 2);
    open_sink();
    freeReplyObject(rcmd("SET %s:users:changes not-a-stream", F.name));
    freeReplyObject(rcmd("SADD %s:users:1 not-a-hash", F.name));
    struct tbl x;
    tbl_init(&x, "users");
    struct row a = mkrow(&x, 1, "alice", NULL, NULL);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    char k[200];
    assert_hash(key_of(&x, "1", k, sizeof k), "id=1", "name=alice", NULL);
    cr_assert_eq(rint_cmd("XLEN %s:users:changes", F.name), 1);
    struct checkpoint back;
    cr_assert(load_cp(&back));
    cr_assert_eq(back.pos, 1000);
}

/* Many rows moved to new keys in one batch: the sink's record of the
 * batch's keys grows (by doubling) between the two keys of one update,
 * whose entries must stay valid (a use after free under ASan before). */
Test(redis_sink, many_key_changes_in_one_batch_grow_the_key_record)
{
    struct redis_output t[] = {
        { .shape = REDIS_SHAPE_HASH, .key = "{schema}:{table}:{pk}" },
        { .shape = REDIS_SHAPE_STREAM, .key = "{schema}:{table}" },
    };
    add_rule("users", t, 2);
    open_sink();
    struct tbl x;
    tbl_init(&x, "users");
    enum { N = 700 };
    for (int id = 1; id <= N; id++) {
        struct row a = mkrow(&x, id, "n", NULL, NULL);
        add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    }
    commit_ok(1000);
    /* every row moves from id to id + N, one batch */
    for (int id = 1; id <= N; id++) {
        struct row a = mkrow(&x, id, "n", NULL, NULL);
        struct row b = mkrow(&x, id + N, "m", NULL, NULL);
        add_ok(&x, BB_ROWS_UPDATE, &a, &b);
    }
    commit_ok(2000);
    char k[200], pk[16];
    for (int id = 1; id <= N; id++) {
        snprintf(pk, sizeof pk, "%d", id);
        cr_assert(!exists(key_of(&x, pk, k, sizeof k)), "%s still there", k);
        snprintf(pk, sizeof pk, "%d", id + N);
        snprintf(k, sizeof k, "id=%d", id + N);
        char kk[200];
        assert_hash(key_of(&x, pk, kk, sizeof kk), k, "name=m", NULL);
    }
    cr_assert_eq(rint_cmd("XLEN %s:users", F.name), 2 * N);
}

/* redis.wrong_type = "stop": a key of another type refuses the whole
 * batch before anything is sent, naming the key. */
Test(redis_sink, wrong_type_stop_refuses_the_batch_naming_the_key)
{
    struct redis_output t[] = {
        { .shape = REDIS_SHAPE_HASH, .key = "{schema}:{table}:{pk}" },
        { .shape = REDIS_SHAPE_STREAM, .key = "{schema}:{table}:changes" },
    };
    add_rule("users", t, 2);
    settings()->wrong_type = REDIS_WRONG_TYPE_STOP;
    open_sink();
    commit_ok(500);
    struct tbl x;
    tbl_init(&x, "users");
    struct row a = mkrow(&x, 1, "alice", NULL, NULL);
    struct row b = mkrow(&x, 2, "bob", NULL, NULL);
    for (int round = 0; round < 2; round++) {
        /* a string where row 2's hash goes, then where the stream goes */
        freeReplyObject(rcmd(round ? "SET %s:users:changes x" : "SET %s:users:2 x", F.name));
        add_ok(&x, BB_ROWS_WRITE, NULL, &a);
        add_ok(&x, BB_ROWS_WRITE, NULL, &b);
        struct bb_error err = { 0 };
        struct checkpoint cp = mkcp("mysql-bin.000007", 1000);
        cr_assert_eq(F.sink.ops->commit(F.sink.ctx, &cp, &err), BB_ERR_SERVER, "%s", err.msg);
        char want[600];
        snprintf(want, sizeof want, "key %s:users:%s holds a string where binbridge writes the "
                 "%s of %s.users: nothing of the batch up to mysql-bin.000007:1000 was applied",
                 F.name, round ? "changes" : "2", round ? "stream" : "hash", F.name);
        cr_assert(strstr(err.msg, want), "%s\nnot: %s", err.msg, want);
        char k[200];
        cr_assert(!exists(key_of(&x, "1", k, sizeof k)), "row 1 was applied");
        struct checkpoint back;
        cr_assert(load_cp(&back));
        cr_assert_eq(back.pos, 500);
        freeReplyObject(rcmd("DEL %s:users:2 %s:users:changes", F.name, F.name));
    }
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    char k[200];
    assert_hash(key_of(&x, "1", k, sizeof k), "id=1", "name=alice", NULL);
}

Test(redis_sink, a_command_refused_when_queued_aborts_the_whole_batch)
{
    /* A user that may not XADD: Redis refuses the command when queuing it,
     * and EXEC then applies nothing. */
    snprintf(F.acl_user, sizeof F.acl_user, "t_noxadd_%d", (int)getpid());
    redisReply *r = rcmd("ACL SETUSER %s on >pw ~* &* +@all -xadd", F.acl_user);
    cr_assert(r->type == REDIS_REPLY_STATUS, "ACL SETUSER: %s", r->str);
    freeReplyObject(r);
    snprintf(F.url, sizeof F.url, "redis://%s:pw@127.0.0.1:%d/0", F.acl_user, redis_port());
    struct redis_output t[] = {
        { .shape = REDIS_SHAPE_HASH, .key = "{schema}:{table}:{pk}" },
        { .shape = REDIS_SHAPE_STREAM, .key = "{schema}:{table}:changes" },
    };
    add_rule("users", t, 2);
    open_sink();
    commit_ok(500);
    struct tbl x;
    tbl_init(&x, "users");
    struct row a = mkrow(&x, 1, "alice", NULL, NULL);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    struct bb_error err = { 0 };
    struct checkpoint cp = mkcp("mysql-bin.000007", 1000);
    cr_assert_eq(F.sink.ops->commit(F.sink.ctx, &cp, &err), BB_ERR_SERVER, "%s", err.msg);
    cr_assert(strstr(err.msg, "XADD") && strstr(err.msg, "NOPERM") &&
              strstr(err.msg, "nothing of the batch was applied"), "%s", err.msg);
    char k[200];
    cr_assert(!exists(key_of(&x, "1", k, sizeof k)));
    struct checkpoint back;
    cr_assert(load_cp(&back));
    cr_assert_eq(back.pos, 500);
}

/* ---- clear_table ---- */

Test(redis_sink, clear_table_removes_exactly_the_tables_keys)
{
    struct redis_output tj[] = { { .shape = REDIS_SHAPE_JSON, .key = "{schema}:{table}:{pk}" } };
    add_rule("docs", tj, 1);
    open_sink();
    /* Glob characters in the table name must match only themselves. */
    struct tbl star, other, docs;
    tbl_init(&star, "a*b");
    tbl_init(&other, "axb");
    tbl_init(&docs, "docs");
    for (int i = 1; i <= 2500; i++) {
        struct row r = mkrow(&star, i, "s", NULL, NULL);
        add_ok(&star, BB_ROWS_WRITE, NULL, &r);
    }
    struct row o = mkrow(&other, 1, "o", NULL, NULL);
    add_ok(&other, BB_ROWS_WRITE, NULL, &o);
    struct row d = mkrow(&docs, 1, "d", NULL, NULL);
    add_ok(&docs, BB_ROWS_WRITE, NULL, &d);

    /* Pending changes would be overtaken by the deletion: refused. */
    struct bb_error err = { 0 };
    cr_assert_eq(F.sink.ops->clear_table(F.sink.ctx, star.plan, &err), BB_ERR_USAGE);
    commit_ok(1000);
    /* Keys sharing the prefix that are not the table's rows: a stream and a string. */
    freeReplyObject(rcmd("XADD %s:a*b:changes * op insert", F.name));
    freeReplyObject(rcmd("SET %s:a*b:note keep", F.name));
    freeReplyObject(rcmd("HSET %s:docs:hash keep 1", F.name));

    bb_error_clear(&err);
    cr_assert(F.sink.ops->clear_table(F.sink.ctx, star.plan, &err) == 0, "%s", err.msg);
    cr_assert(F.sink.ops->clear_table(F.sink.ctx, docs.plan, &err) == 0, "%s", err.msg);
    char k[200];
    redisReply *r = rcmd("KEYS %s:a\\*b:*", F.name);
    cr_assert_eq(r->elements, 2, "left: %zu keys", r->elements);
    freeReplyObject(r);
    cr_assert(exists(key_of(&other, "1", k, sizeof k)));
    snprintf(k, sizeof k, "%s:a*b:changes", F.name);
    cr_assert(exists(k));
    snprintf(k, sizeof k, "%s:a*b:note", F.name);
    cr_assert(exists(k));
    snprintf(k, sizeof k, "%s:docs:1", F.name);
    cr_assert(!exists(k));
    snprintf(k, sizeof k, "%s:docs:hash", F.name);
    cr_assert(exists(k));
    /* Again (a replay after a crash): nothing left to do, no error. */
    cr_assert(F.sink.ops->clear_table(F.sink.ctx, star.plan, &err) == 0, "%s", err.msg);
    struct checkpoint cp;
    cr_assert(load_cp(&cp));
}

/* ---- connections and URLs ---- */

Test(redis_sink, url_forms)
{
    struct redis_url u;
    struct bb_error err = { 0 };
    cr_assert(redis_url_parse(&u, "redis://127.0.0.1:6380/3", &err) == 0, "%s", err.msg);
    cr_assert_str_eq(u.host, "127.0.0.1");
    cr_assert_eq(u.port, 6380);
    cr_assert_eq(u.db, 3);
    cr_assert_null(u.user);
    cr_assert_null(u.password);
    redis_url_destroy(&u);

    cr_assert(redis_url_parse(&u, "redis://cache", &err) == 0, "%s", err.msg);
    cr_assert_str_eq(u.host, "cache");
    cr_assert_eq(u.port, 6379);
    cr_assert_eq(u.db, 0);
    redis_url_destroy(&u);

    cr_assert(redis_url_parse(&u, "redis://:p%40ss@h:1/", &err) == 0, "%s", err.msg);
    cr_assert_null(u.user);
    cr_assert_str_eq(u.password, "p@ss");
    redis_url_destroy(&u);

    cr_assert(redis_url_parse(&u, "redis://app:se@cret@[::1]:7000/15", &err) == 0, "%s",
              err.msg);
    cr_assert_str_eq(u.user, "app");
    cr_assert_str_eq(u.password, "se@cret");
    cr_assert_str_eq(u.host, "::1");
    cr_assert_eq(u.port, 7000);
    cr_assert_eq(u.db, 15);
    redis_url_destroy(&u);

    cr_assert(redis_url_parse(&u, "redis://app@h?db=2", &err) == 0, "%s", err.msg);
    cr_assert_str_eq(u.user, "app");
    cr_assert_null(u.password);
    cr_assert_eq(u.db, 2);
    redis_url_destroy(&u);

    cr_assert(redis_url_parse(&u, "unix:///run/redis/redis.sock?db=4", &err) == 0, "%s",
              err.msg);
    cr_assert_str_eq(u.path, "/run/redis/redis.sock");
    cr_assert_null(u.host);
    cr_assert_eq(u.db, 4);
    redis_url_destroy(&u);

    cr_assert(redis_url_parse(&u, "unix://:pw@/tmp/r%20s.sock", &err) == 0, "%s", err.msg);
    cr_assert_str_eq(u.path, "/tmp/r s.sock");
    cr_assert_str_eq(u.password, "pw");
    redis_url_destroy(&u);

    /* unix:// with a user, a %-escaped password and a database */
    cr_assert(redis_url_parse(&u, "unix://app:p%40ss%2Fw@/run/r.sock?db=2", &err) == 0, "%s",
              err.msg);
    cr_assert_str_eq(u.user, "app");
    cr_assert_str_eq(u.password, "p@ss/w");
    cr_assert_str_eq(u.path, "/run/r.sock");
    cr_assert_eq(u.db, 2);
    redis_url_destroy(&u);

    /* rediss:// (TLS): the same URL, and the TLS parameters */
    cr_assert(redis_url_parse(&u, "rediss://:pw@cache.example", &err) == 0, "%s", err.msg);
    cr_assert(u.tls);
    cr_assert_str_eq(u.host, "cache.example");
    cr_assert_eq(u.port, 6379);
    cr_assert_str_eq(u.password, "pw");
    cr_assert_null(u.tls_ca);
    cr_assert_null(u.tls_cert);
    cr_assert_null(u.tls_key);
    cr_assert_null(u.tls_server_name);
    cr_assert_eq(u.tls_verify, -1);
    redis_url_destroy(&u);
    cr_assert(redis_url_parse(&u, "REDISS://[::1]:6380/2?tls-ca=/etc/ca%20dir/ca.pem&"
                              "tls-cert=/c.pem&tls-key=/k.pem&tls-server-name=cache.example&"
                              "tls-verify=ca", &err) == 0, "%s", err.msg);
    cr_assert(u.tls);
    cr_assert_str_eq(u.host, "::1");
    cr_assert_eq(u.port, 6380);
    cr_assert_eq(u.db, 2);
    cr_assert_str_eq(u.tls_ca, "/etc/ca dir/ca.pem");
    cr_assert_str_eq(u.tls_cert, "/c.pem");
    cr_assert_str_eq(u.tls_key, "/k.pem");
    cr_assert_str_eq(u.tls_server_name, "cache.example");
    cr_assert_eq(u.tls_verify, REDIS_TLS_VERIFY_CA);
    redis_url_destroy(&u);
    cr_assert(redis_url_parse(&u, "rediss://h?tls-verify=none&db=3", &err) == 0, "%s", err.msg);
    cr_assert_eq(u.tls_verify, REDIS_TLS_VERIFY_NONE);
    cr_assert_eq(u.db, 3);
    redis_url_destroy(&u);
    cr_assert(redis_url_parse(&u, "redis://h", &err) == 0, "%s", err.msg);
    cr_assert(!u.tls);
    redis_url_destroy(&u);

    static const char *const bad[] = {
        "http://h", "redis://h:0", "redis://h:70000", "redis://h:x", "redis://h/db1",
        "redis://::1:6379", "redis://[::1", "unix://relative.sock", "redis://h?db=1&x=2",
        "redis://h/1?db=2", "redis://:pa%zzword@h", "redis://h#x",
        "redis://:pa%zzword/x@h", "redis://", "unix:///x?db=y",
        /* TLS parameters: only with rediss://, known, once, with a value */
        "redis://h?tls-ca=/ca.pem", "unix:///s?tls-verify=none", "rediss://h?tls-ca",
        "rediss://h?tls-ca=", "rediss://h?tls-verify=partly", "rediss://h?tls-ca=/a&tls-ca=/b",
        "rediss://h?tls-verify=ca&tls-verify=ca", "rediss://h?tls-cacert=/ca.pem",
        "rediss://:pa%zzword@h",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        bb_error_clear(&err);
        cr_assert_eq(redis_url_parse(&u, bad[i], &err), BB_ERR_USAGE, "%s was accepted", bad[i]);
        cr_assert(!strstr(err.msg, "pa%zzword"), "the message shows the password: %s", err.msg);
        redis_url_destroy(&u);
    }
}

/* The messages of the URLs refused for their TLS parameters name the
 * parameter. */
Test(redis_sink, tls_url_errors_name_the_parameter)
{
    static const struct { const char *url, *msg; } cases[] = {
        { "redis://h?tls-ca=/ca.pem", "tls-ca is a parameter of rediss:// (TLS) URLs" },
        { "rediss://h?tls-verify=partly", "tls-verify must be full, ca or none, got \"partly\"" },
        { "rediss://h?tls-cert=", "tls-cert needs a value" },
        { "rediss://h?tls-key=/a&tls-key=/b", "tls-key is given twice" },
        { "rediss://h?tls-cacert=/ca.pem", "unknown parameter 'tls-cacert' (db, seed, tls-ca, "
                                           "tls-cert, tls-key, tls-server-name, tls-verify)" },
        { "redis://h?seed=", "seed needs a value (host:port)" },
        { "redis://h?seed=a:1,", "seed=a:1, ends with ','" },
        { "redis://h?seed=a:99999", "seed=a:99999: the port must be a number from 1 to 65535" },
        { "unix:///run/r.sock?seed=a:1", "unknown parameter 'seed' (only db=N)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct redis_url u;
        struct bb_error err = { 0 };
        cr_assert_eq(redis_url_parse(&u, cases[i].url, &err), BB_ERR_USAGE, "%s", cases[i].url);
        cr_expect_str_eq(err.msg, cases[i].msg, "%s", cases[i].url);
        redis_url_destroy(&u);
    }
}

Test(redis_sink, connection_refused_names_the_server)
{
    snprintf(F.url, sizeof F.url, "redis://127.0.0.1:1/0");
    struct bb_error err = { 0 };
    struct sink s;
    cr_assert_eq(open_redis(&s, &err), BB_ERR_IO);
    cr_assert(strstr(err.msg, "127.0.0.1:1"), "%s", err.msg);
    cr_assert(!strchr(err.msg, '\n'));
}

/* seed=: more nodes of a Redis Cluster, repeated or comma separated, the
 * port 6379 when none is given. */
Test(redis_sink, url_seeds_of_a_cluster)
{
    struct redis_url u;
    struct bb_error err = { 0 };
    cr_assert_eq(redis_url_parse(&u, "rediss://n1:7000?seed=n2:7001,[::1]:7002&seed=n4", &err), 0,
                 "%s", err.msg);
    cr_assert_eq(u.nseeds, 3u);
    cr_assert_str_eq(u.seed_hosts[0], "n2");
    cr_assert_eq(u.seed_ports[0], 7001);
    cr_assert_str_eq(u.seed_hosts[1], "::1");
    cr_assert_eq(u.seed_ports[1], 7002);
    cr_assert_str_eq(u.seed_hosts[2], "n4");
    cr_assert_eq(u.seed_ports[2], 6379);
    redis_url_destroy(&u);
}

/* unix:// (with a user's password and ?db=N) is a URL like the others:
 * the configuration's check takes it and the sink connects over the
 * socket. The shared Redis has no socket: a redis-server of the test's
 * own listens on one. */
Test(redis_sink, a_unix_socket_url_connects)
{
    struct socket_server srv;
    socket_redis_start(&srv);
    redisContext *c = redisConnectUnix(srv.sock);
    cr_assert(c && !c->err, "cannot connect to %s", srv.sock);
    redisReply *r = redisCommand(c, "CONFIG SET requirepass s3cret/@pw");
    cr_assert(r && r->type == REDIS_REPLY_STATUS, "CONFIG SET requirepass");
    freeReplyObject(r);
    r = redisCommand(c, "AUTH s3cret/@pw");
    cr_assert(r && r->type == REDIS_REPLY_STATUS, "AUTH");
    freeReplyObject(r);

    snprintf(F.url, sizeof F.url, "unix://:s3cret%%2F@pw@%s?db=3", srv.sock);
    struct bb_error err = { 0 };
    cr_assert(config_set(&F.cfg, "redis.url", F.url, &err) == 0);
    cr_assert(config_set(&F.cfg, "source.url", "mysql://u@h", &err) == 0);
    cr_assert_eq(config_validate(&F.cfg, &err), 0, "%s", err.msg);
    open_sink();
    struct tbl x;
    tbl_init(&x, "users");
    struct row a = mkrow(&x, 1, "alice", NULL, NULL);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(900);
    struct checkpoint cp;
    cr_assert(load_cp(&cp));
    cr_assert_eq(cp.pos, 900);

    freeReplyObject(redisCommand(c, "SELECT 3"));
    char k[200];
    r = redisCommand(c, "HGET %s name", key_of(&x, "1", k, sizeof k));
    cr_assert(r && r->type == REDIS_REPLY_STRING && strcmp(r->str, "alice") == 0,
              "the row is not in database 3 behind the socket");
    freeReplyObject(r);
    r = redisCommand(c, "EXISTS binbridge:checkpoint:%s", F.name);
    cr_assert(r && r->type == REDIS_REPLY_INTEGER && r->integer == 1);
    freeReplyObject(r);
    redisFree(c);
    F.sink.ops->close(F.sink.ctx);
    F.open = false;

    /* Gone: the sink says which socket, and that is worth a retry. */
    socket_server_stop(&srv);
    struct sink s;
    err = (struct bb_error){ 0 };
    cr_assert_eq(open_redis(&s, &err), BB_ERR_IO, "%s", err.msg);
    cr_assert(strstr(err.msg, "unix:") && strstr(err.msg, "redis.sock"), "%s", err.msg);
    cr_assert(!strstr(err.msg, "s3cret"), "%s", err.msg);
}

Test(redis_sink, auth_from_url_and_environment_and_select)
{
    snprintf(F.acl_user, sizeof F.acl_user, "t_auth_%d", (int)getpid());
    redisReply *r = rcmd("ACL SETUSER %s on >s3cret ~* &* +@all", F.acl_user);
    cr_assert(r->type == REDIS_REPLY_STATUS, "ACL SETUSER: %s", r->str);
    freeReplyObject(r);

    /* The password in the URL, database 7. */
    F.db = 7;
    snprintf(F.url, sizeof F.url, "redis://%s:s3cret@127.0.0.1:%d/7", F.acl_user, redis_port());
    open_sink();
    commit_ok(700);
    check_select(7);
    cr_assert_eq(rint_cmd("EXISTS binbridge:checkpoint:%s", F.name), 1);
    check_select(0);
    cr_assert_eq(rint_cmd("EXISTS binbridge:checkpoint:%s", F.name), 0);
    F.sink.ops->close(F.sink.ctx);
    F.open = false;

    /* The password from the environment. */
    char var[64];
    snprintf(var, sizeof var, "BB_TEST_REDIS_PW_%d", (int)getpid());
    setenv(var, "s3cret", 1);
    cr_assert(config_set(&F.cfg, "redis.password_env", var, &(struct bb_error){ 0 }) == 0);
    snprintf(F.url, sizeof F.url, "redis://%s@127.0.0.1:%d/7", F.acl_user, redis_port());
    open_sink();
    struct checkpoint cp;
    cr_assert(load_cp(&cp));
    cr_assert_eq(cp.pos, 700);
    F.sink.ops->close(F.sink.ctx);
    F.open = false;

    /* A wrong password: a server error naming the server, not the password. */
    setenv(var, "wrong-pw", 1);
    struct bb_error err = { 0 };
    struct sink s;
    cr_assert_eq(open_redis(&s, &err), BB_ERR_SERVER);
    cr_assert(strstr(err.msg, "AUTH") && strstr(err.msg, test_env("BB_REDIS_PORT")), "%s", err.msg);
    cr_assert(!strstr(err.msg, "wrong-pw"), "%s", err.msg);
    unsetenv(var);
}

/* ------------------------------------------------------------------ */
/* TLS (rediss://): a redis-server of the test's own serving TLS with the
 * throwaway CA of scripts/test-ca.sh, its plaintext port the checker's. */

static struct tls_redis TR;

/* Start a TLS Redis with certificate `cert` and point the checker at its
 * plaintext port. */
static void tls_begin(const char *cert, bool auth_clients)
{
    tls_redis_start(&TR, cert, auth_clients);
    redisFree(F.check);
    F.check = redisConnect("127.0.0.1", (int)TR.plain_port);
    cr_assert(F.check && !F.check->err, "cannot connect to port %u", TR.plain_port);
}

static void tls_fini(void)
{
    teardown();
    socket_server_stop(&TR.s);
}

/* F.url = rediss://HOST:tls_port/0?PARAMS, %s in params taking the CA dir. */
static void tls_url(const char *host, const char *params)
{
    char p[600];
    snprintf(p, sizeof p, params, test_ca_dir(), test_ca_dir(), test_ca_dir());
    snprintf(F.url, sizeof F.url, "rediss://%s:%u/0%s%s", host, TR.tls_port, *p ? "?" : "", p);
}

/* Opening the sink must fail with code, one line holding want. */
static void expect_open_error(int code, const char *want)
{
    struct bb_error err = { 0 };
    struct sink s;
    int rc = open_redis(&s, &err);
    if (rc == 0)
        s.ops->close(s.ctx);
    cr_assert_eq(rc, code, "%s: got %d (%s), want %d", F.url, rc, err.msg, code);
    cr_expect(strstr(err.msg, want), "%s:\n got: %s\nwant: ...%s...", F.url, err.msg, want);
    cr_expect(!strchr(err.msg, '\n'), "more than one line: %s", err.msg);
}

TestSuite(redis_tls, .init = setup, .fini = tls_fini, .timeout = 120);

/* The right CA: a batch and its checkpoint over TLS, read back through the
 * plaintext port; a killed connection applies nothing and a reconnection
 * resumes, as in plaintext. By name, by IPv4 and by IPv6 address (the
 * certificate names all three). */
Test(redis_tls, the_right_ca_writes_batches_and_reconnects)
{
    tls_begin("server", false);
    tls_url("localhost", "tls-ca=%s/ca.pem");
    open_sink();
    struct tbl x;
    tbl_init(&x, "users");
    struct row a = mkrow(&x, 1, "alice", "over TLS", "\x01\x02");
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    char k[200];
    assert_hash(key_of(&x, "1", k, sizeof k), "id=1", "name=alice", "note=over TLS",
                "data=\x01\x02", NULL);
    struct checkpoint cp;
    cr_assert(load_cp(&cp));
    cr_assert_eq(cp.pos, 1000);

    /* A large batch (many TLS records, more than a socket buffer). */
    static char big[300000];
    memset(big, 'x', sizeof big - 1);
    for (int i = 2; i < 40; i++) {
        struct row r = mkrow(&x, i, "bulk", big, NULL);
        add_ok(&x, BB_ROWS_WRITE, NULL, &r);
    }
    commit_ok(2000);
    cr_assert_eq(rint_cmd("HSTRLEN %s:users:39 note", F.name), (long long)sizeof big - 1);

    struct row b = mkrow(&x, 40, "bob", NULL, NULL);
    add_ok(&x, BB_ROWS_WRITE, NULL, &b);
    kill_sink_connection();
    struct bb_error err = { 0 };
    struct checkpoint cp3 = mkcp("mysql-bin.000007", 3000);
    cr_assert_eq(F.sink.ops->commit(F.sink.ctx, &cp3, &err), BB_ERR_IO, "%s", err.msg);
    char where[64];
    snprintf(where, sizeof where, "Redis at localhost:%u: ", TR.tls_port);
    cr_assert(strstr(err.msg, where), "%s", err.msg);
    cr_assert(!exists(key_of(&x, "40", k, sizeof k)));
    bb_error_clear(&err);
    cr_assert(F.sink.ops->reconnect(F.sink.ctx, &err) == 0, "%s", err.msg);
    cr_assert(load_cp(&cp));
    cr_assert_eq(cp.pos, 2000);
    add_ok(&x, BB_ROWS_WRITE, NULL, &b);
    commit_ok(3000);
    assert_hash(key_of(&x, "40", k, sizeof k), "id=40", "name=bob", NULL);

    static const char *const hosts[] = { "127.0.0.1", "[::1]" };
    for (size_t i = 0; i < 2; i++) {
        F.sink.ops->close(F.sink.ctx);
        F.open = false;
        tls_url(hosts[i], "tls-ca=%s/ca.pem");
        open_sink();
        cr_assert(load_cp(&cp), "%s", F.url);
        cr_assert_eq(cp.pos, 3000);
    }
}

/* A wrong CA, no CA (the system's store does not know the test CA), an
 * expired certificate, a certificate for another host: each refused with
 * one line naming the server and what is wrong, as a connection failure
 * (BB_ERR_IO: `run` retries, `status` exits 1). */
Test(redis_tls, a_certificate_that_does_not_verify_is_one_clear_line)
{
    static const struct { const char *cert, *host, *params, *want; } cases[] = {
        { "server", "localhost", "tls-ca=%s/wrong-ca.pem",
          "TLS: the server's certificate (/CN=localhost) is not signed by a CA of tls-ca " },
        { "server", "localhost", "",
          "TLS: the server's certificate (/CN=localhost) is not signed by a CA of the system's "
          "CA store" },
        { "expired", "localhost", "tls-ca=%s/ca.pem",
          "TLS: the server's certificate (/CN=localhost) expired on Jan  2 00:00:00 2020 GMT" },
        { "other-host", "localhost", "tls-ca=%s/ca.pem",
          "TLS: the server's certificate does not name localhost (it names DNS:other.example; "
          "tls-server-name sets the name checked)" },
        { "other-host", "127.0.0.1", "tls-ca=%s/ca.pem",
          "TLS: the server's certificate does not name 127.0.0.1 (it names DNS:other.example;" },
        { "server", "127.0.0.1", "tls-ca=%s/ca.pem&tls-server-name=cache.example",
          "TLS: the server's certificate does not name cache.example (it names DNS:localhost, "
          "IP:127.0.0.1, IP:::1;" },
    };
    const char *running = NULL;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (!running || strcmp(running, cases[i].cert) != 0) {
            if (running)
                socket_server_stop(&TR.s);
            tls_begin(cases[i].cert, false);
            running = cases[i].cert;
        }
        tls_url(cases[i].host, cases[i].params);
        char want[600];
        snprintf(want, sizeof want, "cannot connect to Redis at %s:%u: %s", cases[i].host,
                 TR.tls_port, cases[i].want);
        expect_open_error(BB_ERR_IO, want);
    }
}

/* What verifies less lets those servers through, and says so. */
Test(redis_tls, tls_verify_and_tls_server_name_narrow_the_check)
{
    tls_begin("other-host", false);
    struct checkpoint cp;
    /* the name the certificate holds */
    tls_url("localhost", "tls-ca=%s/ca.pem&tls-server-name=other.example");
    open_sink();
    commit_ok(10);
    F.sink.ops->close(F.sink.ctx);
    F.open = false;
    /* the chain only */
    tls_url("127.0.0.1", "tls-ca=%s/ca.pem&tls-verify=ca");
    open_sink();
    cr_assert(load_cp(&cp));
    cr_assert_eq(cp.pos, 10);
    F.sink.ops->close(F.sink.ctx);
    F.open = false;
    /* nothing: another CA's server is taken */
    tls_url("localhost", "tls-ca=%s/wrong-ca.pem&tls-verify=none");
    open_sink();
    cr_assert(load_cp(&cp));
    /* the settings, when the URL says nothing */
    F.sink.ops->close(F.sink.ctx);
    F.open = false;
    tls_url("localhost", "");
    struct bb_error err = { 0 };
    cr_assert(config_set(&F.cfg, "redis.tls_ca", test_ca_file("ca.pem"), &err) == 0, "%s",
              err.msg);
    cr_assert(config_set(&F.cfg, "redis.tls_verify", "ca", &err) == 0, "%s", err.msg);
    open_sink();
    cr_assert(load_cp(&cp));
    F.sink.ops->close(F.sink.ctx);
    F.open = false;
    /* ... each URL parameter winning over its setting */
    tls_url("localhost", "tls-verify=full");
    expect_open_error(BB_ERR_IO, "does not name localhost");
}

/* tls-auth-clients yes: the client certificate and its key get in (from
 * the URL or the settings); without them, one line says what is missing. */
Test(redis_tls, a_client_certificate_when_the_server_requires_one)
{
    tls_begin("server", true);
    tls_url("localhost", "tls-ca=%s/ca.pem&tls-cert=%s/client-cert.pem&tls-key=%s/client-key.pem");
    open_sink();
    commit_ok(77);
    struct checkpoint cp;
    cr_assert(load_cp(&cp));
    cr_assert_eq(cp.pos, 77);
    F.sink.ops->close(F.sink.ctx);
    F.open = false;

    tls_url("localhost", "tls-ca=%s/ca.pem");
    struct bb_error err = { 0 };
    cr_assert(config_set(&F.cfg, "redis.tls_cert", test_ca_file("client-cert.pem"), &err) == 0);
    cr_assert(config_set(&F.cfg, "redis.tls_key", test_ca_file("client-key.pem"), &err) == 0);
    open_sink();
    cr_assert(load_cp(&cp));
    F.sink.ops->close(F.sink.ctx);
    F.open = false;

    cr_assert(config_set(&F.cfg, "redis.tls_cert", NULL, &err) == 0 || true);
    struct redis_settings *set = settings();
    free(set->tls_cert);
    free(set->tls_key);
    set->tls_cert = set->tls_key = NULL;
    char where[80];
    snprintf(where, sizeof where, "Redis at localhost:%u: ", TR.tls_port);
    expect_open_error(BB_ERR_IO, where);
    expect_open_error(BB_ERR_IO, "TLS: the server requires a client certificate: set tls-cert "
                      "and tls-key");
    /* a key that is not the certificate's: refused before connecting */
    tls_url("localhost", "tls-ca=%s/ca.pem&tls-cert=%s/client-cert.pem&tls-key=%s/server-key.pem");
    expect_open_error(BB_ERR_USAGE, "is not the key of the client certificate");
}

/* A plaintext URL to the TLS port and a rediss:// URL to the plaintext
 * port: each fails (in the connection's time, not for ever) and says which
 * mistake it may be. */
Test(redis_tls, plaintext_and_tls_ports_mixed_up_fail_clearly)
{
    tls_begin("server", false);
    snprintf(F.url, sizeof F.url, "redis://127.0.0.1:%u/0", TR.tls_port);
    expect_open_error(BB_ERR_IO, "(a TLS port? rediss:// connects with TLS)");
    char where[80];
    snprintf(where, sizeof where, "Redis at 127.0.0.1:%u: ", TR.tls_port);
    expect_open_error(BB_ERR_IO, where);

    snprintf(F.url, sizeof F.url, "rediss://localhost:%u/0?tls-ca=%s/ca.pem", TR.plain_port,
             test_ca_dir());
    struct bb_error err = { 0 };
    struct sink s;
    cr_assert_eq(open_redis(&s, &err), BB_ERR_IO, "%s", err.msg);
    snprintf(where, sizeof where, "cannot connect to Redis at localhost:%u: TLS: ", TR.plain_port);
    cr_assert(strstr(err.msg, where), "%s", err.msg);
    cr_assert(strstr(err.msg, "a plaintext port takes redis://"), "%s", err.msg);
}

/* TLS settings beside a plaintext URL: the connection would not be what
 * the file says; refused (exit 2), as is TLS on a unix socket. */
Test(redis_tls, tls_settings_without_rediss_are_a_usage_error)
{
    struct bb_error err = { 0 };
    cr_assert(config_set(&F.cfg, "redis.tls_verify", "none", &err) == 0, "%s", err.msg);
    expect_open_error(BB_ERR_USAGE, "redis.tls_verify is set but the Redis URL is not a "
                      "rediss:// (TLS) one");
}
