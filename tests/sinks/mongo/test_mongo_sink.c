/* test_mongo_sink.c - the MongoDB sink against the throwaway FerretDB of
 * scripts/servers.sh (run through scripts/run-tests.sh, which exports
 * BB_MONGO_URL), or against a real MongoDB when BINBRIDGE_TEST_MONGO_URI
 * is set (the same tests; where FerretDB 1.x stores a value differently,
 * the expected value says so).
 *
 * Row changes are built by hand (a table, value arrays, a plan from the
 * mapper) and the documents are read back over a client of the test's own
 * and compared with expected values written as canonical extended JSON, so
 * the BSON types are pinned (int32 vs int64, Decimal128, Date, BinData).
 * Tests run in parallel processes against one server: each writes into its
 * own databases ("t<pid>_<test>", the schema name, also its checkpoint name)
 * and drops them when it ends. A connection is broken by shutting down the
 * sink's sockets, never by restarting the server. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <inttypes.h>
#include <math.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mongoc/mongoc.h>

#include "binbridge.h"
#include "mapping/checkpoint.h"
#include "mapping/config.h"
#include "mapping/mapper.h"
#include "sinks/mongo/mongo.h"
#include "sinks/mongo/mongo_options.h"
#include "sinks/sink.h"
#include "tests/testutil.h"

/* ---- fixture ---- */

#define MAX_RULES 4

struct fx {
    char name[64];              /* t<pid>_<test>: schema, database and checkpoint name */
    char other_db[80];          /* a second database some tests write */
    char extra_db[128];         /* a third, when one is set */
    char ckpt_db[128];
    struct bb_config cfg;
    struct table_rule rules[MAX_RULES];
    struct config_outputs outs[MAX_RULES][SINKS_MAX];
    struct mapper *mapper;
    struct sink sink;
    bool open;
    mongoc_client_t *check;     /* the test's own client */
    bool ferret;                /* FerretDB 1.x: no Decimal128, no nested arrays */
};

static struct fx F;
static char rule_match[MAX_RULES][128];    /* outside F: snprintf from F.name */

static const char *server_url(void)
{
    const char *v = getenv("BINBRIDGE_TEST_MONGO_URI");
    if (v && *v)
        return v;
    v = getenv("BB_MONGO_URL");
    cr_assert(v && *v, "BB_MONGO_URL is not set: run the tests with scripts/run-tests.sh, or "
              "eval \"$(scripts/servers.sh env)\" first (or set BINBRIDGE_TEST_MONGO_URI)");
    return v;
}

static bson_t *json(const char *text)
{
    bson_error_t e;
    bson_t *b = bson_new_from_json((const uint8_t *)text, -1, &e);
    cr_assert(b, "bad JSON in the test: %s: %s", text, e.message);
    return b;
}

static void command(const char *db, const char *cmd_json)
{
    bson_t *cmd = json(cmd_json);
    bson_error_t e;
    bson_t reply;
    bool ok = mongoc_client_command_simple(F.check, db, cmd, NULL, &reply, &e);
    bson_destroy(&reply);
    bson_destroy(cmd);
    cr_assert(ok, "%s on %s: %s", cmd_json, db, e.message);
}

static void drop_db(const char *db)
{
    mongoc_database_t *d = mongoc_client_get_database(F.check, db);
    bson_error_t e;
    (void)mongoc_database_drop(d, &e);
    mongoc_database_destroy(d);
}

/* The test's own client: libmongoc's warnings (FerretDB has no
 * endSessions, which every client sends when it closes) are not news. */
static void quiet_log(mongoc_log_level_t level, const char *domain, const char *msg, void *data)
{
    (void)data;
    if (level <= MONGOC_LOG_LEVEL_ERROR)
        fprintf(stderr, "libmongoc %s: %s\n", domain, msg);
}

static void setup(void)
{
    memset(&F, 0, sizeof F);
    snprintf(F.name, sizeof F.name, "t%d_%.40s", (int)getpid(), criterion_current_test->name);
    memcpy(F.other_db, F.name, strlen(F.name));
    memcpy(F.other_db + strlen(F.name), "_b", 3);
    setenv("MONGOC_DISABLE_SHM", "1", 0);
    mongoc_log_set_handler(quiet_log, NULL);
    mongoc_init();
    bson_error_t e;
    mongoc_uri_t *uri = mongoc_uri_new_with_error(server_url(), &e);
    cr_assert(uri, "bad MongoDB URL: %s", e.message);
    const char *db = mongoc_uri_get_database(uri);
    snprintf(F.ckpt_db, sizeof F.ckpt_db, "%s", db && *db ? db : "binbridge");
    F.check = mongoc_client_new_from_uri(uri);
    mongoc_uri_destroy(uri);
    cr_assert(F.check);
    mongoc_client_set_error_api(F.check, MONGOC_ERROR_API_VERSION_2);
    bson_t *cmd = json("{\"buildInfo\": 1}");
    bson_t reply;
    cr_assert(mongoc_client_command_simple(F.check, "admin", cmd, NULL, &reply, &e),
              "no MongoDB at %s: %s", server_url(), e.message);
    bson_iter_t it;
    F.ferret = bson_iter_init_find(&it, &reply, "ferretdbVersion");
    bson_destroy(&reply);
    bson_destroy(cmd);

    cr_assert(sinks_config_init(&F.cfg) == 0);
    struct bb_error err = { 0 };
    cr_assert(config_set(&F.cfg, "mongo.url", server_url(), &err) == 0);
    cr_assert(config_set_string(&F.cfg.checkpoint_name, F.name, &err) == 0);
    cr_assert(mapper_new(&F.mapper, &F.cfg, &err) == 0, "%s", err.msg);
}

static void teardown(void)
{
    if (F.open)
        F.sink.ops->close(F.sink.ctx);
    mapper_free(F.mapper);
    /* The rules are the test's own arrays. */
    F.cfg.rules = NULL;
    F.cfg.nrules = 0;
    bb_config_destroy(&F.cfg);
    if (F.check) {
        drop_db(F.name);
        drop_db(F.other_db);
        if (F.extra_db[0])
            drop_db(F.extra_db);
        mongoc_collection_t *c = mongoc_client_get_collection(F.check, F.ckpt_db, "binbridge");
        bson_t sel;
        bson_init(&sel);
        BSON_APPEND_UTF8(&sel, "_id", F.name);
        bson_error_t e;
        (void)mongoc_collection_delete_one(c, &sel, NULL, NULL, &e);
        bson_destroy(&sel);
        mongoc_collection_destroy(c);
        mongoc_client_destroy(F.check);
    }
}

TestSuite(mongo_sink, .init = setup, .fini = teardown);

/* The index of the MongoDB sink in F.cfg (the registry's). */
static size_t mongo_k(void)
{
    int k = config_sink_index(&F.cfg, "mongo");
    cr_assert(k >= 0);
    return (size_t)k;
}

static int open_mongo(struct sink *s, struct bb_error *err)
{
    return mongo_sink_type.open(s, &F.cfg, mongo_k(), err);
}

static void open_sink(void)
{
    struct bb_error err = { 0 };
    cr_assert(open_mongo(&F.sink, &err) == 0, "%s", err.msg);
    F.open = true;
}

/* A rule for F.name.<table> with the given MongoDB outputs. */
static struct table_rule *add_rule(const char *table, struct mongo_output *targets, size_t n)
{
    size_t i = F.cfg.nrules++;
    cr_assert(i < MAX_RULES);
    snprintf(rule_match[i], sizeof rule_match[i], "%s.%s", F.name, table);
    F.rules[i].match = rule_match[i];
    memset(F.outs[i], 0, sizeof F.outs[i]);
    F.outs[i][mongo_k()] = (struct config_outputs){ targets, n };
    F.rules[i].outputs = F.outs[i];
    F.cfg.rules = F.rules;
    return &F.rules[i];
}

static struct mongo_output default_target(void)
{
    struct mongo_output t = { .database = "{schema}", .collection = "{table}" };
    return t;
}

/* ---- tables ---- */

#define MAX_COLS 32

struct tbl {
    struct bb_column cols[MAX_COLS];
    uint32_t pk[4];
    struct bb_table t;
    const struct table_plan *plan;
};

struct coldef {
    const char *name;
    uint8_t type;
    bool is_unsigned;
    uint16_t charset;
};

/* A table of F.name; pk lists the key columns (-1 ends it). */
static void tbl_init(struct tbl *x, const char *table, const struct coldef *defs, uint32_t n,
                     const int *pk)
{
    memset(x, 0, sizeof *x);
    cr_assert(n <= MAX_COLS);
    for (uint32_t i = 0; i < n; i++) {
        x->cols[i].name = defs[i].name;
        x->cols[i].type = defs[i].type;
        x->cols[i].is_unsigned = defs[i].is_unsigned;
        x->cols[i].signedness_known = true;
        x->cols[i].charset = defs[i].charset;
        x->cols[i].nullable = true;
        x->cols[i].visible = true;
    }
    for (int k = 0; pk[k] >= 0; k++) {
        x->pk[k] = (uint32_t)pk[k];
        x->cols[pk[k]].in_primary_key = true;
        x->t.npk++;
    }
    x->t.schema = F.name;
    x->t.name = table;
    x->t.ncols = n;
    x->t.cols = x->cols;
    x->t.pk = x->pk;
    x->t.has_names = true;
}

static void tbl_plan(struct tbl *x)
{
    struct bb_error err = { 0 };
    cr_assert(mapper_plan(F.mapper, &x->t, &x->plan, &err) == 0, "%s", err.msg);
    cr_assert(x->plan->mirrored, "%s.%s is not mirrored: %s", x->t.schema, x->t.name,
              x->plan->skip_reason ? x->plan->skip_reason : "?");
}

/* users(id INT, name VARCHAR, note VARCHAR, score DOUBLE): the small table
 * most tests use. */
enum { U_ID, U_NAME, U_NOTE, U_SCORE, U_NCOLS };
static const struct coldef users_cols[] = {
    { "id", MYSQL_TYPE_LONG, false, 0 },
    { "name", MYSQL_TYPE_VARCHAR, false, 45 },
    { "note", MYSQL_TYPE_VARCHAR, false, 45 },
    { "score", MYSQL_TYPE_DOUBLE, false, 0 },
};
static const int pk_first[] = { 0, -1 };

static void users_init(struct tbl *x, const char *table)
{
    tbl_init(x, table, users_cols, U_NCOLS, pk_first);
    tbl_plan(x);
}

struct row {
    struct bb_value v[MAX_COLS];
};

static const char ABSENT_[] = "<absent>";
#define ABSENT ABSENT_

static void set_str(struct bb_value *v, uint8_t kind, const char *s, size_t n)
{
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

/* A users row; id < 0 leaves the id out (a partial image), score NAN is
 * NULL, score INFINITY absent. */
static struct row urow(const struct tbl *x, long long id, const char *name, const char *note,
                       double score)
{
    struct row r;
    memset(&r, 0, sizeof r);
    for (uint32_t c = 0; c < x->t.ncols; c++)
        r.v[c].col = &x->cols[c];
    if (id < 0) {
        r.v[U_ID].kind = BB_VALUE_ABSENT;
    } else {
        r.v[U_ID].kind = BB_VALUE_INT;
        r.v[U_ID].v.i = id;
    }
    set_str(&r.v[U_NAME], BB_VALUE_STRING, name, name && name != ABSENT ? strlen(name) : 0);
    set_str(&r.v[U_NOTE], BB_VALUE_STRING, note, note && note != ABSENT ? strlen(note) : 0);
    if (isnan(score)) {
        r.v[U_SCORE].kind = BB_VALUE_NULL;
    } else if (isinf(score)) {
        r.v[U_SCORE].kind = BB_VALUE_ABSENT;
    } else {
        r.v[U_SCORE].kind = BB_VALUE_DOUBLE;
        r.v[U_SCORE].v.d = score;
    }
    return r;
}

static int add_ch(const struct tbl *x, enum bb_rows_kind kind, const struct row *before,
                  const struct row *after, bool snapshot, struct bb_error *err)
{
    static uint32_t row_index;
    struct change ch = {
        .kind = kind, .table = &x->t, .plan = x->plan,
        .before = before ? before->v : NULL, .after = after ? after->v : NULL,
        .log_file = "mysql-bin.000007", .pos = 4242, .row_index = row_index++,
        .timestamp = 1700000000, .gtid = "0-1-77", .from_snapshot = snapshot,
    };
    return F.sink.ops->add(F.sink.ctx, &ch, err);
}

static int add(const struct tbl *x, enum bb_rows_kind kind, const struct row *before,
               const struct row *after, struct bb_error *err)
{
    return add_ch(x, kind, before, after, false, err);
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

static int commit(uint64_t pos, struct bb_error *err)
{
    struct checkpoint cp = mkcp("mysql-bin.000007", pos);
    return F.sink.ops->commit(F.sink.ctx, &cp, err);
}

static void commit_ok(uint64_t pos)
{
    struct bb_error err = { 0 };
    cr_assert(commit(pos, &err) == 0, "commit: %s", err.msg);
}

/* ---- reading back ---- */

static char *ejson(const bson_t *b)
{
    return bson_as_canonical_extended_json(b, NULL);
}

/* The document of db.coll whose _id is the canonical extended JSON id, or
 * NULL (caller destroys). */
static bson_t *get_doc(const char *db, const char *coll, const char *id)
{
    char filter_json[512];
    snprintf(filter_json, sizeof filter_json, "{\"_id\": %s}", id);
    bson_t *filter = json(filter_json);
    mongoc_collection_t *c = mongoc_client_get_collection(F.check, db, coll);
    mongoc_cursor_t *cur = mongoc_collection_find_with_opts(c, filter, NULL, NULL);
    const bson_t *doc;
    bson_t *out = NULL;
    if (mongoc_cursor_next(cur, &doc))
        out = bson_copy(doc);
    bson_error_t e;
    cr_assert(!mongoc_cursor_error(cur, &e), "find in %s.%s: %s", db, coll, e.message);
    mongoc_cursor_destroy(cur);
    mongoc_collection_destroy(c);
    bson_destroy(filter);
    return out;
}

static int64_t count_docs(const char *db, const char *coll)
{
    mongoc_collection_t *c = mongoc_client_get_collection(F.check, db, coll);
    bson_t filter;
    bson_init(&filter);
    bson_error_t e;
    int64_t n = mongoc_collection_count_documents(c, &filter, NULL, NULL, NULL, &e);
    cr_assert(n >= 0, "count in %s.%s: %s", db, coll, e.message);
    bson_destroy(&filter);
    mongoc_collection_destroy(c);
    return n;
}

/* doc's field at path (dots for sub-documents) is exactly the value the
 * canonical extended JSON want gives (type and value); want NULL: no such
 * field. */
static void expect_field(const bson_t *doc, const char *path, const char *want)
{
    bson_iter_t it, f;
    bool found = bson_iter_init(&it, doc) && bson_iter_find_descendant(&it, path, &f);
    char *all = ejson(doc);
    if (!want) {
        cr_assert(!found, "field %s should be absent in %s", path, all);
        bson_free(all);
        return;
    }
    cr_assert(found, "no field %s in %s", path, all);
    char wrapped[8192];
    snprintf(wrapped, sizeof wrapped, "{\"v\": %s}", want);
    bson_t *w = json(wrapped);
    bson_t got;
    bson_init(&got);
    cr_assert(bson_append_iter(&got, "v", 1, &f));
    char *gs = ejson(&got), *ws = ejson(w);
    cr_assert(bson_equal(&got, w), "field %s: got %s, want %s (document %s)", path, gs, ws, all);
    bson_free(gs);
    bson_free(ws);
    bson_free(all);
    bson_destroy(&got);
    bson_destroy(w);
}

/* The document has exactly n fields (its _id included). */
static void expect_nfields(const bson_t *doc, uint32_t n)
{
    char *all = ejson(doc);
    cr_assert_eq(bson_count_keys(doc), n, "%u fields, want %u: %s", bson_count_keys(doc), n, all);
    bson_free(all);
}

/* The user row document of id in db.table: name, note and score as given
 * (NULL: field absent; "null": null); checks the field count too. */
static void expect_user(const char *db, const char *coll, int id, const char *name,
                        const char *note, const char *score)
{
    char idj[64], idv[64];
    snprintf(idj, sizeof idj, "{\"$numberInt\": \"%d\"}", id);
    snprintf(idv, sizeof idv, "{\"$numberInt\": \"%d\"}", id);
    bson_t *d = get_doc(db, coll, idj);
    cr_assert(d, "no document with _id %d in %s.%s", id, db, coll);
    expect_field(d, "_id", idj);
    expect_field(d, "id", idv);
    expect_field(d, "name", name);
    expect_field(d, "note", note);
    expect_field(d, "score", score);
    expect_nfields(d, 2 + !!name + !!note + !!score);
    bson_destroy(d);
}

static void expect_no_doc(const char *db, const char *coll, const char *id)
{
    bson_t *d = get_doc(db, coll, id);
    char *s = d ? ejson(d) : NULL;
    cr_assert(!d, "%s.%s still has %s", db, coll, s);
}

/* ---- every column type ---- */

static const char *const size_labels[] = { "small", "large" };
static const uint32_t size_label_lens[] = { 5, 5 };
static const char *const set_labels[] = { "a", "b", "c", "d,e" };
static const uint32_t set_label_lens[] = { 1, 1, 1, 3 };

enum {
    T_ID, T_TI, T_SU, T_MI, T_I, T_IU, T_BI, T_BU, T_BS, T_F, T_D, T_DEC, T_DT, T_DA, T_TS,
    T_TM, T_Y, T_S, T_L, T_B, T_E, T_ST, T_BIT, T_J, T_G, T_N, T_ZD, T_VEC, T_NCOLS
};
static const struct coldef type_cols[] = {
    [T_ID] = { "id", MYSQL_TYPE_LONG, false, 0 },
    [T_TI] = { "ti", MYSQL_TYPE_TINY, false, 0 },
    [T_SU] = { "su", MYSQL_TYPE_SHORT, true, 0 },
    [T_MI] = { "mi", MYSQL_TYPE_INT24, false, 0 },
    [T_I] = { "i", MYSQL_TYPE_LONG, false, 0 },
    [T_IU] = { "iu", MYSQL_TYPE_LONG, true, 0 },
    [T_BI] = { "bi", MYSQL_TYPE_LONGLONG, false, 0 },
    [T_BU] = { "bu", MYSQL_TYPE_LONGLONG, true, 0 },
    [T_BS] = { "bs", MYSQL_TYPE_LONGLONG, true, 0 },
    [T_F] = { "f", MYSQL_TYPE_FLOAT, false, 0 },
    [T_D] = { "d", MYSQL_TYPE_DOUBLE, false, 0 },
    [T_DEC] = { "dec", MYSQL_TYPE_NEWDECIMAL, false, 0 },
    [T_DT] = { "dt", MYSQL_TYPE_DATETIME2, false, 0 },
    [T_DA] = { "da", MYSQL_TYPE_DATE, false, 0 },
    [T_TS] = { "ts", MYSQL_TYPE_TIMESTAMP2, false, 0 },
    [T_TM] = { "tm", MYSQL_TYPE_TIME2, false, 0 },
    [T_Y] = { "y", MYSQL_TYPE_YEAR, false, 0 },
    [T_S] = { "s", MYSQL_TYPE_VARCHAR, false, 45 },
    [T_L] = { "l", MYSQL_TYPE_VARCHAR, false, 8 },
    [T_B] = { "b", MYSQL_TYPE_BLOB, false, 63 },
    [T_E] = { "e", MYSQL_TYPE_ENUM, false, 45 },
    [T_ST] = { "st", MYSQL_TYPE_SET, false, 45 },
    [T_BIT] = { "bit", MYSQL_TYPE_BIT, false, 0 },
    [T_J] = { "j", MYSQL_TYPE_JSON, false, 0 },
    [T_G] = { "g", MYSQL_TYPE_GEOMETRY, false, 63 },
    [T_N] = { "n", MYSQL_TYPE_VARCHAR, false, 45 },
    [T_ZD] = { "zd", MYSQL_TYPE_DATETIME2, false, 0 },
    [T_VEC] = { "vec", BB_TYPE_VECTOR, false, 0 },
};

/* {"a": 1, "b": [1, 2]} in MySQL binary JSON (tests/values/test_json_binary.c). */
static const uint8_t json_small_obj[] = {
    0x00, 0x02, 0x00, 0x1e, 0x00, 0x12, 0x00, 0x01, 0x00, 0x13, 0x00, 0x01, 0x00, 0x05, 0x01,
    0x00, 0x02, 0x14, 0x00, 0x61, 0x62, 0x02, 0x00, 0x0a, 0x00, 0x05, 0x01, 0x00, 0x05, 0x02,
    0x00,
};
/* [null, true, false, -1, 65535, -32768, 2147483647, -2147483648,
 *  9223372036854775807, 18446744073709551615, -9223372036854775808] */
static const uint8_t json_ints[] = {
    0x02, 0x0b, 0x00, 0x49, 0x00, 0x04, 0x00, 0x00, 0x04, 0x01, 0x00, 0x04, 0x02, 0x00, 0x05,
    0xff, 0xff, 0x07, 0x25, 0x00, 0x05, 0x00, 0x80, 0x07, 0x29, 0x00, 0x07, 0x2d, 0x00, 0x09,
    0x31, 0x00, 0x0a, 0x39, 0x00, 0x09, 0x41, 0x00, 0xff, 0xff, 0x00, 0x00, 0xff, 0xff, 0xff,
    0x7f, 0x00, 0x00, 0x00, 0x80, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80,
};
/* [[], {}, [[[]]], {"x": {"y": {}}}] */
static const uint8_t json_nested[] = {
    0x02, 0x04, 0x00, 0x46, 0x00, 0x02, 0x10, 0x00, 0x00, 0x14, 0x00, 0x02, 0x18, 0x00, 0x00,
    0x2a, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x12, 0x00, 0x02,
    0x07, 0x00, 0x01, 0x00, 0x0b, 0x00, 0x02, 0x07, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00,
    0x1c, 0x00, 0x0b, 0x00, 0x01, 0x00, 0x00, 0x0c, 0x00, 0x78, 0x01, 0x00, 0x10, 0x00, 0x0b,
    0x00, 0x01, 0x00, 0x00, 0x0c, 0x00, 0x79, 0x00, 0x00, 0x04, 0x00,
};
/* {"d": 123.456} with the number an opaque DECIMAL(6,3) */
static const uint8_t json_opaque_dec[] = {
    0x00, 0x01, 0x00, 0x14, 0x00, 0x0b, 0x00, 0x01, 0x00, 0x0f, 0x0c, 0x00, 0x64, 0xf6, 0x06,
    0x06, 0x03, 0x80, 0x7b, 0x01, 0xc8,
};
/* {"b": "2012-03-18"} with the date an opaque DATE */
static const uint8_t json_opaque_date[] = {
    0x00, 0x01, 0x00, 0x16, 0x00, 0x0b, 0x00, 0x01, 0x00, 0x0f, 0x0c, 0x00, 0x62, 0x0a, 0x08,
    0x00, 0x00, 0x00, 0x00, 0x00, 0xe4, 0x8b, 0x19,
};
/* an opaque BLOB 00 ff 10 */
static const uint8_t json_opaque_blob[] = { 0x0f, 0xfc, 0x03, 0x00, 0xff, 0x10 };
/* 2.5 */
static const uint8_t json_top_double[] = { 0x0b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x40 };

/* POINT(1.5 -2.25), SRID 0: SRID, byte order 1, type 1, x, y. */
static const uint8_t geo_point[] = {
    0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x3f,                 /* 1.5 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xc0,                 /* -2.25 */
};

static void types_init(struct tbl *x, const char *table)
{
    tbl_init(x, table, type_cols, T_NCOLS, pk_first);
    x->cols[T_E].labels = size_labels;
    x->cols[T_E].label_lens = size_label_lens;
    x->cols[T_E].nlabels = 2;
    x->cols[T_ST].labels = set_labels;
    x->cols[T_ST].label_lens = set_label_lens;
    x->cols[T_ST].nlabels = 4;
    x->cols[T_DT].fsp = 6;
    x->cols[T_TS].fsp = 3;
    x->cols[T_TM].fsp = 1;
    x->cols[T_BIT].max_length = 64;
    x->cols[T_DEC].precision = 10;
    x->cols[T_DEC].scale = 2;
    tbl_plan(x);
}

static const float vec[] = { 1.5f, 0.1f };

/* A row of every type with values at their edges. */
static struct row types_row(const struct tbl *x, int id)
{
    struct row r;
    memset(&r, 0, sizeof r);
    for (uint32_t c = 0; c < T_NCOLS; c++)
        r.v[c].col = &x->cols[c];
    r.v[T_ID].kind = BB_VALUE_INT;
    r.v[T_ID].v.i = id;
    r.v[T_TI].kind = BB_VALUE_INT;
    r.v[T_TI].v.i = -128;
    r.v[T_SU].kind = BB_VALUE_UINT;
    r.v[T_SU].v.u = 65535;
    r.v[T_MI].kind = BB_VALUE_INT;
    r.v[T_MI].v.i = -8388608;
    r.v[T_I].kind = BB_VALUE_INT;
    r.v[T_I].v.i = 2147483647;
    r.v[T_IU].kind = BB_VALUE_UINT;
    r.v[T_IU].v.u = 4294967295u;
    r.v[T_BI].kind = BB_VALUE_INT;
    r.v[T_BI].v.i = INT64_MIN;
    r.v[T_BU].kind = BB_VALUE_UINT;
    r.v[T_BU].v.u = UINT64_MAX;
    r.v[T_BS].kind = BB_VALUE_UINT;
    r.v[T_BS].v.u = 42;
    r.v[T_F].kind = BB_VALUE_FLOAT;
    r.v[T_F].v.f = 3.14f;
    r.v[T_D].kind = BB_VALUE_DOUBLE;
    r.v[T_D].v.d = -2.5e-300;
    set_str(&r.v[T_DEC], BB_VALUE_DECIMAL, "-12345678.90", 12);
    r.v[T_DT].kind = BB_VALUE_DATETIME;
    r.v[T_DT].v.tm = (struct bb_time){ .year = 2024, .month = 5, .day = 1, .hour = 12,
                                       .minute = 34, .second = 56, .usec = 123456 };
    r.v[T_DA].kind = BB_VALUE_DATE;
    r.v[T_DA].v.tm = (struct bb_time){ .year = 1969, .month = 12, .day = 31 };
    r.v[T_TS].kind = BB_VALUE_TIMESTAMP;
    r.v[T_TS].v.ts.sec = 1700000000;
    r.v[T_TS].v.ts.usec = 999000;
    r.v[T_TM].kind = BB_VALUE_TIME;
    r.v[T_TM].v.tm = (struct bb_time){ .hour = 838, .minute = 59, .second = 59, .neg = true };
    r.v[T_Y].kind = BB_VALUE_YEAR;
    r.v[T_Y].v.u = 2155;
    set_str(&r.v[T_S], BB_VALUE_STRING, "h\xc3\xa9llo \xe2\x98\x83", 10);
    set_str(&r.v[T_L], BB_VALUE_STRING, "caf\xe9", 4);
    set_str(&r.v[T_B], BB_VALUE_BINARY, "\x00\x01\xff", 3);
    r.v[T_E].kind = BB_VALUE_ENUM;
    r.v[T_E].v.u = 2;
    r.v[T_ST].kind = BB_VALUE_SET;
    r.v[T_ST].v.u = 0x9;    /* a and "d,e" */
    r.v[T_BIT].kind = BB_VALUE_BIT;
    r.v[T_BIT].v.u = 5;
    set_str(&r.v[T_J], BB_VALUE_JSON, (const char *)json_small_obj, sizeof json_small_obj);
    set_str(&r.v[T_G], BB_VALUE_GEOMETRY, (const char *)geo_point, sizeof geo_point);
    r.v[T_N].kind = BB_VALUE_NULL;
    r.v[T_ZD].kind = BB_VALUE_DATETIME;     /* 0000-00-00 00:00:00 */
    set_str(&r.v[T_VEC], BB_VALUE_VECTOR, (const char *)vec, sizeof vec);
    return r;
}

/* What Decimal128 values look like on this server: FerretDB 1.x keeps
 * their exact text. */
static const char *dec(const char *digits, char *buf, size_t size)
{
    if (F.ferret)
        snprintf(buf, size, "\"%s\"", digits);
    else
        snprintf(buf, size, "{\"$numberDecimal\": \"%s\"}", digits);
    return buf;
}

Test(mongo_sink, every_type_maps_to_its_bson_type)
{
    struct tbl x;
    types_init(&x, "types");
    open_sink();
    struct row r = types_row(&x, 7);
    add_ok(&x, BB_ROWS_WRITE, NULL, &r);
    commit_ok(1000);
    bson_t *d = get_doc(F.name, "types", "{\"$numberInt\": \"7\"}");
    cr_assert(d, "no document");
    char b1[128], b2[128];
    expect_field(d, "_id", "{\"$numberInt\": \"7\"}");
    expect_field(d, "id", "{\"$numberInt\": \"7\"}");
    expect_field(d, "ti", "{\"$numberInt\": \"-128\"}");
    expect_field(d, "su", "{\"$numberInt\": \"65535\"}");
    expect_field(d, "mi", "{\"$numberInt\": \"-8388608\"}");
    expect_field(d, "i", "{\"$numberInt\": \"2147483647\"}");
    expect_field(d, "iu", "{\"$numberLong\": \"4294967295\"}");
    expect_field(d, "bi", "{\"$numberLong\": \"-9223372036854775808\"}");
    expect_field(d, "bu", dec("18446744073709551615", b1, sizeof b1));
    expect_field(d, "bs", "{\"$numberLong\": \"42\"}");
    expect_field(d, "f", "{\"$numberDouble\": \"3.14\"}");
    expect_field(d, "d", "{\"$numberDouble\": \"-2.5e-300\"}");
    expect_field(d, "dec", dec("-12345678.90", b2, sizeof b2));
    expect_field(d, "dt", "{\"$date\": {\"$numberLong\": \"1714566896123\"}}");
    expect_field(d, "da", "{\"$date\": {\"$numberLong\": \"-86400000\"}}");
    expect_field(d, "ts", "{\"$date\": {\"$numberLong\": \"1700000000999\"}}");
    expect_field(d, "tm", "\"-838:59:59.0\"");
    expect_field(d, "y", "{\"$numberInt\": \"2155\"}");
    expect_field(d, "s", "\"h\xc3\xa9llo \xe2\x98\x83\"");
    expect_field(d, "l", "\"caf\xc3\xa9\"");
    expect_field(d, "b", "{\"$binary\": {\"base64\": \"AAH/\", \"subType\": \"00\"}}");
    expect_field(d, "e", "\"large\"");
    expect_field(d, "st", "[\"a\", \"d,e\"]");
    expect_field(d, "bit", "{\"$numberLong\": \"5\"}");
    expect_field(d, "j", "{\"a\": {\"$numberInt\": \"1\"}, \"b\": [{\"$numberInt\": \"1\"}, "
                 "{\"$numberInt\": \"2\"}]}");
    expect_field(d, "g", "{\"type\": \"Point\", \"coordinates\": [{\"$numberDouble\": \"1.5\"}, "
                 "{\"$numberDouble\": \"-2.25\"}]}");
    expect_field(d, "n", "null");
    expect_field(d, "zd", "null");
    expect_field(d, "vec", "[{\"$numberDouble\": \"1.5\"}, {\"$numberDouble\": \"0.1\"}]");
    expect_nfields(d, 1 + T_NCOLS);
    bson_destroy(d);
}

Test(mongo_sink, dates_as_strings_keep_every_digit)
{
    struct mongo_output t = default_target();
    t.dates_as_strings = true;
    add_rule("types", &t, 1);
    struct tbl x;
    types_init(&x, "types");
    open_sink();
    struct row r = types_row(&x, 1);
    add_ok(&x, BB_ROWS_WRITE, NULL, &r);
    commit_ok(1000);
    bson_t *d = get_doc(F.name, "types", "{\"$numberInt\": \"1\"}");
    cr_assert(d);
    expect_field(d, "dt", "\"2024-05-01 12:34:56.123456\"");
    expect_field(d, "da", "\"1969-12-31\"");
    expect_field(d, "ts", "\"2023-11-14 22:13:20.999\"");
    expect_field(d, "zd", "\"0000-00-00 00:00:00\"");
    expect_field(d, "tm", "\"-838:59:59.0\"");
    bson_destroy(d);
}

Test(mongo_sink, edge_values)
{
    struct tbl x;
    types_init(&x, "edges");
    open_sink();
    struct row r = types_row(&x, 2);
    /* Invalid and partly zero dates are null; a zero TIMESTAMP too. */
    r.v[T_DT].v.tm = (struct bb_time){ .year = 2024, .month = 2, .day = 30 };
    r.v[T_DA].v.tm = (struct bb_time){ .year = 2024, .month = 2, .day = 0 };
    r.v[T_TS].v.ts.sec = 0;
    r.v[T_TS].v.ts.usec = 0;
    /* Sub-millisecond digits are dropped, before 1970 too. */
    r.v[T_ZD].v.tm = (struct bb_time){ .year = 1, .month = 1, .day = 1, .usec = 999 };
    /* DECIMAL(65,30): 36 significant digits of which 2 trailing zeros fit in
     * Decimal128 once they are dropped; 50 digits never do. */
    set_str(&r.v[T_DEC], BB_VALUE_DECIMAL, "1234567890123456789012.34567890120000", 37);
    set_str(&r.v[T_S], BB_VALUE_DECIMAL, "12345678901234567890.123456789012345678901234567890",
            51);
    r.v[T_BU].v.u = (uint64_t)INT64_MAX;
    r.v[T_BIT].v.u = UINT64_MAX;
    r.v[T_E].v.u = 0;           /* the '' error value */
    r.v[T_ST].v.u = 0;          /* the empty set */
    r.v[T_Y].v.u = 0;
    set_str(&r.v[T_B], BB_VALUE_BINARY, "", 0);
    /* A MySQL JSON holding every integer width and a top-level double. */
    set_str(&r.v[T_J], BB_VALUE_JSON, (const char *)json_ints, sizeof json_ints);
    set_str(&r.v[T_VEC], BB_VALUE_JSON, (const char *)json_top_double, sizeof json_top_double);
    add_ok(&x, BB_ROWS_WRITE, NULL, &r);
    commit_ok(1000);
    bson_t *d = get_doc(F.name, "edges", "{\"$numberInt\": \"2\"}");
    cr_assert(d);
    char b1[128], b2[128], b3[256], b4[2048];
    expect_field(d, "dt", "null");
    expect_field(d, "da", "null");
    expect_field(d, "ts", "null");
    expect_field(d, "zd", "{\"$date\": {\"$numberLong\": \"-62135596800000\"}}");
    expect_field(d, "dec", F.ferret ? "\"1234567890123456789012.34567890120000\""
                                    : dec("1234567890123456789012.345678901200", b1, sizeof b1));
    expect_field(d, "s", "\"12345678901234567890.123456789012345678901234567890\"");
    expect_field(d, "bu", "{\"$numberLong\": \"9223372036854775807\"}");
    expect_field(d, "bit", dec("18446744073709551615", b2, sizeof b2));
    expect_field(d, "e", "\"\"");
    expect_field(d, "st", "[]");
    expect_field(d, "y", "{\"$numberInt\": \"0\"}");
    expect_field(d, "b", "{\"$binary\": {\"base64\": \"\", \"subType\": \"00\"}}");
    snprintf(b4, sizeof b4, "[null, true, false, {\"$numberInt\": \"-1\"}, "
             "{\"$numberInt\": \"65535\"}, {\"$numberInt\": \"-32768\"}, "
             "{\"$numberInt\": \"2147483647\"}, {\"$numberInt\": \"-2147483648\"}, "
             "{\"$numberLong\": \"9223372036854775807\"}, %s, "
             "{\"$numberLong\": \"-9223372036854775808\"}]",
             dec("18446744073709551615", b3, sizeof b3));
    expect_field(d, "j", b4);
    expect_field(d, "vec", "{\"$numberDouble\": \"2.5\"}");
    bson_destroy(d);
}

Test(mongo_sink, json_documents_nest_and_keep_opaque_values)
{
    struct tbl x;
    types_init(&x, "json");
    open_sink();
    struct row r = types_row(&x, 1);
    set_str(&r.v[T_J], BB_VALUE_JSON, (const char *)json_nested, sizeof json_nested);
    set_str(&r.v[T_S], BB_VALUE_JSON, (const char *)json_opaque_dec, sizeof json_opaque_dec);
    set_str(&r.v[T_L], BB_VALUE_JSON, (const char *)json_opaque_date, sizeof json_opaque_date);
    set_str(&r.v[T_B], BB_VALUE_JSON, (const char *)json_opaque_blob, sizeof json_opaque_blob);
    set_str(&r.v[T_N], BB_VALUE_JSON, "", 0);   /* an empty JSON reads as null */
    add_ok(&x, BB_ROWS_WRITE, NULL, &r);
    commit_ok(1000);
    bson_t *d = get_doc(F.name, "json", "{\"$numberInt\": \"1\"}");
    cr_assert(d);
    char b1[128], b2[256];
    /* FerretDB 1.x stores no array directly inside an array: the JSON text. */
    expect_field(d, "j", F.ferret ? "\"[[], {}, [[[]]], {\\\"x\\\": {\\\"y\\\": {}}}]\""
                                  : "[[], {}, [[[]]], {\"x\": {\"y\": {}}}]");
    snprintf(b2, sizeof b2, "{\"d\": %s}", dec("123.456", b1, sizeof b1));
    expect_field(d, "s", b2);
    expect_field(d, "l", "{\"b\": \"2012-03-18\"}");
    expect_field(d, "b", "{\"$binary\": {\"base64\": \"AP8Q\", \"subType\": \"00\"}}");
    expect_field(d, "n", "null");
    bson_destroy(d);
}

Test(mongo_sink, mariadb_json_text_becomes_documents)
{
    struct tbl x;
    types_init(&x, "mjson");
    x.cols[T_S].json_text = true;
    x.cols[T_L].json_text = true;
    x.cols[T_N].json_text = true;
    x.cols[T_L].charset = 46;
    open_sink();
    struct row r = types_row(&x, 1);
    static const char doc[] = " {\"a\": [1, -2147483649, 99999999999999999999, 1.5e3, "
                              "\"x\\u00e9\\ud83d\\ude00\"], \"b\": {\"c\": null, \"t\": true}} ";
    set_str(&r.v[T_S], BB_VALUE_STRING, doc, sizeof doc - 1);
    set_str(&r.v[T_L], BB_VALUE_STRING, "{\"a\": 1,}", 9);     /* not JSON: a string */
    set_str(&r.v[T_N], BB_VALUE_STRING, "\"top\"", 5);
    add_ok(&x, BB_ROWS_WRITE, NULL, &r);
    commit_ok(1000);
    bson_t *d = get_doc(F.name, "mjson", "{\"$numberInt\": \"1\"}");
    cr_assert(d);
    char b1[128], b2[1024];
    snprintf(b2, sizeof b2, "{\"a\": [{\"$numberInt\": \"1\"}, {\"$numberLong\": \"-2147483649\"}, "
             "%s, {\"$numberDouble\": \"1500.0\"}, \"x\xc3\xa9\xf0\x9f\x98\x80\"], "
             "\"b\": {\"c\": null, \"t\": true}}", dec("99999999999999999999", b1, sizeof b1));
    expect_field(d, "s", b2);
    expect_field(d, "l", "\"{\\\"a\\\": 1,}\"");
    expect_field(d, "n", "\"top\"");
    bson_destroy(d);
}

/* WKB pieces, little-endian. */
static size_t put_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
    return 4;
}

static size_t put_f64(uint8_t *p, double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(u >> (8 * i));
    return 8;
}

static size_t put_hdr(uint8_t *p, uint32_t type)
{
    p[0] = 1;
    return 1 + put_u32(p + 1, type);
}

Test(mongo_sink, geometries_become_geojson)
{
    static uint8_t line[128], poly[256], coll[256], multi[128], merc[64], big_endian[32];
    size_t n;
    /* LINESTRING(0 0, 1 1), SRID 4326 */
    n = put_u32(line, 4326);
    n += put_hdr(line + n, 2);
    n += put_u32(line + n, 2);
    n += put_f64(line + n, 0);
    n += put_f64(line + n, 0);
    n += put_f64(line + n, 1);
    n += put_f64(line + n, 1);
    size_t line_len = n;
    /* POLYGON((0 0, 1 0, 0 1, 0 0)) */
    n = put_u32(poly, 0);
    n += put_hdr(poly + n, 3);
    n += put_u32(poly + n, 1);
    n += put_u32(poly + n, 4);
    double ring[] = { 0, 0, 1, 0, 0, 1, 0, 0 };
    for (int i = 0; i < 8; i++)
        n += put_f64(poly + n, ring[i]);
    size_t poly_len = n;
    /* MULTIPOINT(1 2, 3 4) */
    n = put_u32(multi, 0);
    n += put_hdr(multi + n, 4);
    n += put_u32(multi + n, 2);
    for (int i = 0; i < 2; i++) {
        n += put_hdr(multi + n, 1);
        n += put_f64(multi + n, 1 + 2 * i);
        n += put_f64(multi + n, 2 + 2 * i);
    }
    size_t multi_len = n;
    /* GEOMETRYCOLLECTION(POINT(5 6)) */
    n = put_u32(coll, 0);
    n += put_hdr(coll + n, 7);
    n += put_u32(coll + n, 1);
    n += put_hdr(coll + n, 1);
    n += put_f64(coll + n, 5);
    n += put_f64(coll + n, 6);
    size_t coll_len = n;
    /* POINT(1 2) in SRID 3857: not GeoJSON, BinData of the bytes */
    n = put_u32(merc, 3857);
    n += put_hdr(merc + n, 1);
    n += put_f64(merc + n, 1);
    n += put_f64(merc + n, 2);
    size_t merc_len = n;
    /* POINT(1 2), big-endian WKB */
    n = put_u32(big_endian, 0);
    static const uint8_t be_hdr[] = { 0, 0, 0, 0, 1 };     /* big-endian, type 1 */
    memcpy(big_endian + n, be_hdr, sizeof be_hdr);
    n += sizeof be_hdr;
    static const uint8_t one_be[] = { 0x3f, 0xf0, 0, 0, 0, 0, 0, 0 };
    static const uint8_t two_be[] = { 0x40, 0, 0, 0, 0, 0, 0, 0 };
    memcpy(big_endian + n, one_be, 8);
    memcpy(big_endian + n + 8, two_be, 8);
    size_t be_len = n + 16;

    struct tbl x;
    types_init(&x, "geo");
    open_sink();
    struct row r = types_row(&x, 1);
    set_str(&r.v[T_G], BB_VALUE_GEOMETRY, (const char *)line, line_len);
    set_str(&r.v[T_B], BB_VALUE_GEOMETRY, (const char *)poly, poly_len);
    set_str(&r.v[T_S], BB_VALUE_GEOMETRY, (const char *)multi, multi_len);
    set_str(&r.v[T_L], BB_VALUE_GEOMETRY, (const char *)coll, coll_len);
    set_str(&r.v[T_N], BB_VALUE_GEOMETRY, (const char *)merc, merc_len);
    set_str(&r.v[T_J], BB_VALUE_GEOMETRY, (const char *)big_endian, be_len);
    set_str(&r.v[T_DEC], BB_VALUE_GEOMETRY, (const char *)line, line_len - 1);  /* truncated */
    add_ok(&x, BB_ROWS_WRITE, NULL, &r);
    commit_ok(1000);
    bson_t *d = get_doc(F.name, "geo", "{\"$numberInt\": \"1\"}");
    cr_assert(d);
    if (F.ferret) {
        /* No nested arrays on FerretDB 1.x: only points are GeoJSON. */
        expect_field(d, "g.type", NULL);
        expect_field(d, "b.type", NULL);
    } else {
        expect_field(d, "g", "{\"type\": \"LineString\", \"coordinates\": "
                     "[[{\"$numberDouble\": \"0.0\"}, {\"$numberDouble\": \"0.0\"}], "
                     "[{\"$numberDouble\": \"1.0\"}, {\"$numberDouble\": \"1.0\"}]]}");
        expect_field(d, "b", "{\"type\": \"Polygon\", \"coordinates\": [["
                     "[{\"$numberDouble\": \"0.0\"}, {\"$numberDouble\": \"0.0\"}], "
                     "[{\"$numberDouble\": \"1.0\"}, {\"$numberDouble\": \"0.0\"}], "
                     "[{\"$numberDouble\": \"0.0\"}, {\"$numberDouble\": \"1.0\"}], "
                     "[{\"$numberDouble\": \"0.0\"}, {\"$numberDouble\": \"0.0\"}]]]}");
        expect_field(d, "s", "{\"type\": \"MultiPoint\", \"coordinates\": "
                     "[[{\"$numberDouble\": \"1.0\"}, {\"$numberDouble\": \"2.0\"}], "
                     "[{\"$numberDouble\": \"3.0\"}, {\"$numberDouble\": \"4.0\"}]]}");
        expect_field(d, "l", "{\"type\": \"GeometryCollection\", \"geometries\": "
                     "[{\"type\": \"Point\", \"coordinates\": [{\"$numberDouble\": \"5.0\"}, "
                     "{\"$numberDouble\": \"6.0\"}]}]}");
    }
    /* Not GeoJSON: the stored bytes. */
    bson_iter_t it;
    cr_assert(bson_iter_init_find(&it, d, "n") && BSON_ITER_HOLDS_BINARY(&it));
    uint32_t len;
    const uint8_t *bin;
    bson_subtype_t sub;
    bson_iter_binary(&it, &sub, &len, &bin);
    cr_assert(sub == BSON_SUBTYPE_BINARY && len == merc_len && memcmp(bin, merc, len) == 0);
    cr_assert(bson_iter_init_find(&it, d, "dec") && BSON_ITER_HOLDS_BINARY(&it));
    expect_field(d, "j", "{\"type\": \"Point\", \"coordinates\": [{\"$numberDouble\": \"1.0\"}, "
                 "{\"$numberDouble\": \"2.0\"}]}");
    bson_destroy(d);
}

/* ---- row changes ---- */

Test(mongo_sink, insert_update_delete)
{
    struct tbl x;
    users_init(&x, "users");
    open_sink();
    struct row a = urow(&x, 1, "alice", NULL, 1.5);
    struct row b = urow(&x, 2, "bob", "hi", NAN);
    struct row c = urow(&x, 3, "carol", NULL, NAN);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    add_ok(&x, BB_ROWS_WRITE, NULL, &b);
    add_ok(&x, BB_ROWS_WRITE, NULL, &c);
    cr_assert(F.sink.ops->pending_bytes(F.sink.ctx) > 0);
    cr_assert_eq(count_docs(F.name, "users"), 0, "nothing is written before commit");
    commit_ok(1000);
    cr_assert_eq(F.sink.ops->pending_bytes(F.sink.ctx), 0);
    expect_user(F.name, "users", 1, "\"alice\"", "null", "{\"$numberDouble\": \"1.5\"}");
    expect_user(F.name, "users", 2, "\"bob\"", "\"hi\"", "null");
    /* An update replaces the document (note becomes null); a delete removes it. */
    struct row a2 = urow(&x, 1, "alicia", NULL, NAN);
    add_ok(&x, BB_ROWS_UPDATE, &a, &a2);
    add_ok(&x, BB_ROWS_DELETE, &c, NULL);
    commit_ok(2000);
    expect_user(F.name, "users", 1, "\"alicia\"", "null", "null");
    expect_no_doc(F.name, "users", "{\"$numberInt\": \"3\"}");
    cr_assert_eq(count_docs(F.name, "users"), 2);
}

Test(mongo_sink, snapshot_rows_are_written_like_inserts)
{
    struct tbl x;
    users_init(&x, "users");
    open_sink();
    struct row a = urow(&x, 1, "alice", "n", 2);
    struct bb_error err = { 0 };
    cr_assert(add_ch(&x, BB_ROWS_WRITE, NULL, &a, true, &err) == 0, "%s", err.msg);
    commit_ok(1000);
    expect_user(F.name, "users", 1, "\"alice\"", "\"n\"", "{\"$numberDouble\": \"2.0\"}");
}

Test(mongo_sink, key_change_moves_the_document)
{
    struct tbl x;
    users_init(&x, "users");
    open_sink();
    struct row a = urow(&x, 1, "alice", NULL, 1);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    struct row a9 = urow(&x, 9, "alice", "moved", 1);
    add_ok(&x, BB_ROWS_UPDATE, &a, &a9);
    /* And back and forth in one batch: order per _id is kept. */
    struct row a5 = urow(&x, 5, "alice", "five", 1);
    add_ok(&x, BB_ROWS_UPDATE, &a9, &a5);
    struct row b9 = urow(&x, 9, "bob", NULL, 2);
    add_ok(&x, BB_ROWS_WRITE, NULL, &b9);
    commit_ok(2000);
    expect_no_doc(F.name, "users", "{\"$numberInt\": \"1\"}");
    expect_user(F.name, "users", 5, "\"alice\"", "\"five\"", "{\"$numberDouble\": \"1.0\"}");
    expect_user(F.name, "users", 9, "\"bob\"", "null", "{\"$numberDouble\": \"2.0\"}");
    cr_assert_eq(count_docs(F.name, "users"), 2);
}

Test(mongo_sink, composite_key_is_a_subdocument)
{
    static const struct coldef cols[] = {
        { "tenant", MYSQL_TYPE_LONG, false, 0 },
        { "code", MYSQL_TYPE_VARCHAR, false, 45 },
        { "qty", MYSQL_TYPE_LONGLONG, false, 0 },
        { "day", MYSQL_TYPE_DATE, false, 0 },
    };
    static const int pk[] = { 1, 0, 3, -1 };    /* key order differs from column order */
    struct tbl x;
    tbl_init(&x, "orders", cols, 4, pk);
    tbl_plan(&x);
    open_sink();
    struct row r;
    memset(&r, 0, sizeof r);
    for (int c = 0; c < 4; c++)
        r.v[c].col = &x.cols[c];
    r.v[0].kind = BB_VALUE_INT;
    r.v[0].v.i = 3;
    set_str(&r.v[1], BB_VALUE_STRING, "A-1", 3);
    r.v[2].kind = BB_VALUE_INT;
    r.v[2].v.i = 10;
    r.v[3].kind = BB_VALUE_DATE;
    r.v[3].v.tm = (struct bb_time){ .year = 1970, .month = 1, .day = 2 };
    add_ok(&x, BB_ROWS_WRITE, NULL, &r);
    commit_ok(1000);
    static const char id[] = "{\"code\": \"A-1\", \"tenant\": {\"$numberInt\": \"3\"}, "
                             "\"day\": {\"$date\": {\"$numberLong\": \"86400000\"}}}";
    bson_t *d = get_doc(F.name, "orders", id);
    cr_assert(d, "no document with _id %s", id);
    expect_field(d, "_id", id);
    expect_field(d, "qty", "{\"$numberLong\": \"10\"}");
    expect_field(d, "tenant", "{\"$numberInt\": \"3\"}");
    expect_nfields(d, 5);
    bson_destroy(d);
    /* Its key changes: moved; then deleted. */
    struct row r2 = r;
    r2.v[0].v.i = 4;
    add_ok(&x, BB_ROWS_UPDATE, &r, &r2);
    commit_ok(2000);
    expect_no_doc(F.name, "orders", id);
    static const char id2[] = "{\"code\": \"A-1\", \"tenant\": {\"$numberInt\": \"4\"}, "
                              "\"day\": {\"$date\": {\"$numberLong\": \"86400000\"}}}";
    d = get_doc(F.name, "orders", id2);
    cr_assert(d);
    bson_destroy(d);
    add_ok(&x, BB_ROWS_DELETE, &r2, NULL);
    commit_ok(3000);
    cr_assert_eq(count_docs(F.name, "orders"), 0);
}

Test(mongo_sink, set_mode_keeps_fields_of_other_writers)
{
    struct mongo_output t[2] = { default_target(), default_target() };
    t[0].update_set = true;
    t[1].collection = "{table}_replaced";
    add_rule("users", t, 2);
    struct tbl x;
    users_init(&x, "users");
    open_sink();
    struct row a = urow(&x, 1, "alice", "n", 1);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    /* Another writer adds a field to both documents. */
    char cmd[512];
    snprintf(cmd, sizeof cmd, "{\"update\": \"users\", \"updates\": [{\"q\": {\"_id\": 1}, "
             "\"u\": {\"$set\": {\"extra\": \"x\", \"name\": \"edited\"}}}]}");
    command(F.name, cmd);
    snprintf(cmd, sizeof cmd, "{\"update\": \"users_replaced\", \"updates\": [{\"q\": {\"_id\": 1}, "
             "\"u\": {\"$set\": {\"extra\": \"x\"}}}]}");
    command(F.name, cmd);
    /* Only note changes: $set writes note alone; the replacement drops extra. */
    struct row a2 = urow(&x, 1, "alice", NULL, 1);
    add_ok(&x, BB_ROWS_UPDATE, &a, &a2);
    commit_ok(2000);
    bson_t *d = get_doc(F.name, "users", "{\"$numberInt\": \"1\"}");
    cr_assert(d);
    expect_field(d, "extra", "\"x\"");
    expect_field(d, "name", "\"edited\"");
    expect_field(d, "note", "null");
    bson_destroy(d);
    expect_user(F.name, "users_replaced", 1, "\"alice\"", "null", "{\"$numberDouble\": \"1.0\"}");
    /* A key change in set mode moves the row's columns (others' fields stay behind). */
    struct row a3 = urow(&x, 2, "alice", NULL, 1);
    add_ok(&x, BB_ROWS_UPDATE, &a2, &a3);
    commit_ok(3000);
    expect_no_doc(F.name, "users", "{\"$numberInt\": \"1\"}");
    expect_user(F.name, "users", 2, "\"alice\"", "null", "{\"$numberDouble\": \"1.0\"}");
}

Test(mongo_sink, partial_images_set_the_columns_they_have)
{
    struct tbl x;
    users_init(&x, "users");
    open_sink();
    struct row a = urow(&x, 1, "alice", "note", 1);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    /* binlog_row_image=MINIMAL: before = the key, after = what changed. */
    struct row before = urow(&x, 1, ABSENT, ABSENT, INFINITY);
    struct row after = urow(&x, -1, "alicia", NULL, INFINITY);
    add_ok(&x, BB_ROWS_UPDATE, &before, &after);
    commit_ok(2000);
    expect_user(F.name, "users", 1, "\"alicia\"", "null", "{\"$numberDouble\": \"1.0\"}");
    /* A key change cannot move a document it does not have whole. */
    struct row moved = urow(&x, 2, ABSENT, ABSENT, 3);
    struct bb_error err = { 0 };
    cr_assert_eq(add(&x, BB_ROWS_UPDATE, &before, &moved, &err), BB_ERR_USAGE);
    cr_assert(strstr(err.msg, "binlog_row_image=FULL"), "%s", err.msg);
    cr_assert_eq(F.sink.ops->pending_bytes(F.sink.ctx), 0, "a refused change leaves nothing");
    /* A partial insert (MariaDB leaves out defaulted columns) writes what it has. */
    struct row part = urow(&x, 3, "carol", ABSENT, INFINITY);
    add_ok(&x, BB_ROWS_WRITE, NULL, &part);
    commit_ok(3000);
    expect_user(F.name, "users", 3, "\"carol\"", NULL, NULL);
    /* A delete needs the key only. */
    add_ok(&x, BB_ROWS_DELETE, &before, NULL);
    commit_ok(4000);
    expect_no_doc(F.name, "users", "{\"$numberInt\": \"1\"}");
}

Test(mongo_sink, renames_includes_and_names)
{
    static char *keep[] = { "id", "name", "score", NULL };
    static char *renames[] = { "name", "who", "SCORE", "points", NULL };
    static char *drop[] = { "note", NULL };
    struct mongo_output t[2] = { default_target(), default_target() };
    t[0].database = "{schema}_b";
    t[0].collection = "people_{table}";
    t[0].head.include_columns = keep;
    t[0].renames = renames;
    t[1].collection = "{schema}.{table}";
    t[1].head.exclude_columns = drop;
    add_rule("users", t, 2);
    struct tbl x;
    users_init(&x, "users");
    open_sink();
    struct row a = urow(&x, 1, "alice", "secret", 4);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    bson_t *d = get_doc(F.other_db, "people_users", "{\"$numberInt\": \"1\"}");
    cr_assert(d, "nothing in %s.people_users", F.other_db);
    expect_field(d, "who", "\"alice\"");
    expect_field(d, "points", "{\"$numberDouble\": \"4.0\"}");
    expect_nfields(d, 4);
    bson_destroy(d);
    char coll[128];
    snprintf(coll, sizeof coll, "%s.users", F.name);
    d = get_doc(F.name, coll, "{\"$numberInt\": \"1\"}");
    cr_assert(d, "nothing in %s.%s", F.name, coll);
    expect_field(d, "note", NULL);
    expect_nfields(d, 4);
    bson_destroy(d);
}

/* ---- names from the source (the rule at the top of sinks/mongo/mongo_sink.c) ---- */

static char *escaped(enum mongo_name_kind kind, const char *name, size_t len, bool at_start,
                     bool whole, bool *any)
{
    struct bb_buf b;
    bb_buf_init(&b);
    *any = mongo_escape_name(kind, name, len, at_start, whole, &b);
    cr_assert(!b.oom);
    char *out = strndup(b.len ? b.data : "", b.len);
    bb_buf_destroy(&b);
    return out;
}

/* The source name back from an escaped one: every %XX is byte XX. */
static size_t unescape(const char *s, char *out)
{
    size_t n = 0;
    for (size_t i = 0; s[i]; n++) {
        unsigned byte;
        if (s[i] == '%' && sscanf(s + i + 1, "%2X", &byte) == 1) {
            out[n] = (char)byte;
            i += 3;
        } else {
            out[n] = s[i++];
        }
    }
    return n;
}

Test(mongo_sink, escape_rule_pins_bytes)
{
    enum { D = MONGO_NAME_DATABASE, C = MONGO_NAME_COLLECTION, FLD = MONGO_NAME_FIELD };
    static const struct {
        int kind;
        const char *in;
        size_t len;             /* 0: strlen */
        bool at_start, whole;
        const char *out;
    } cases[] = {
        { D, "shop", 0, true, true, "shop" },
        { D, "my-shop_1\xc3\xa9", 0, true, true, "my-shop_1\xc3\xa9" },
        { D, "shop.eu", 0, true, true, "shop%2Eeu" },
        { D, "a/b\\c d\"e$f*g<h>i:j|k?l%m", 0, true, true,
          "a%2Fb%5Cc%20d%22e%24f%2Ag%3Ch%3Ei%3Aj%7Ck%3Fl%25m" },
        { D, "admin", 0, true, true, "%61dmin" },
        { D, "Local", 0, true, true, "%4Cocal" },
        { D, "CONFIG", 0, true, true, "%43ONFIG" },
        { D, "admin", 0, true, false, "admin" },         /* part of a longer template */
        { D, "admins", 0, true, true, "admins" },
        { C, "order$items", 0, true, true, "order%24items" },
        { C, "a.b", 0, true, true, "a.b" },
        { C, ".hidden", 0, true, true, "%2Ehidden" },
        { C, ".hidden", 0, false, false, ".hidden" },   /* after the template's own text */
        { C, "system.users", 0, true, true, "%73ystem.users" },
        { C, "system.users", 0, false, false, "system.users" },
        { C, "systems", 0, true, true, "systems" },
        { C, "100%", 0, true, true, "100%25" },
        { C, "a\"b c/d", 0, true, true, "a\"b c/d" },
        { FLD, "a.b", 0, true, true, "a%2Eb" },
        { FLD, "$x", 0, true, true, "%24x" },
        { FLD, "x$", 0, true, true, "x$" },
        { FLD, "_id", 0, true, true, "%5Fid" },
        { FLD, "_idx", 0, true, true, "_idx" },
        { FLD, "%24x", 0, true, true, "%2524x" },
        { FLD, "a\0b", 3, true, true, "a%00b" },
        { FLD, "\xff\xc3(\xc3\xa9", 0, true, true, "%FF%C3(\xc3\xa9" },
        { FLD, "\xed\xa0\x80", 0, true, true, "%ED%A0%80" },    /* a surrogate: not UTF-8 */
        { FLD, "\xf0\x9f\x98\x80", 0, true, true, "\xf0\x9f\x98\x80" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].in);
        bool any;
        char *got = escaped((enum mongo_name_kind)cases[i].kind, cases[i].in, len,
                            cases[i].at_start, cases[i].whole, &any);
        cr_assert_str_eq(got, cases[i].out, "case %zu: kind %d, \"%s\"", i, cases[i].kind,
                         cases[i].in);
        cr_assert_eq(any, len != strlen(cases[i].out) || memcmp(got, cases[i].in, len) != 0,
                     "case %zu: escaped says %d", i, any);
        char back[64];
        size_t n = unescape(got, back);
        cr_assert(n == len && memcmp(back, cases[i].in, len) == 0,
                  "case %zu: %s does not read back as the source name", i, got);
        free(got);
    }
    /* Injective: names made to collide stay distinct in every kind. */
    static const char *const names[] = {
        "a$b", "a%24b", "a%b", "a%25b", "_id", "%5Fid", "$x", "%24x", ".x", "%2Ex", "a.b",
        "a%2Eb", "admin", "%61dmin", "system.x", "%73ystem.x", "a b", "a%20b",
    };
    size_t nn = sizeof names / sizeof *names;
    for (int kind = D; kind <= FLD; kind++)
        for (size_t i = 0; i < nn; i++)
            for (size_t j = i + 1; j < nn; j++) {
                bool any;
                char *a = escaped((enum mongo_name_kind)kind, names[i], strlen(names[i]), true,
                                  true, &any);
                char *b = escaped((enum mongo_name_kind)kind, names[j], strlen(names[j]), true,
                                  true, &any);
                cr_assert(strcmp(a, b) != 0, "kind %d: \"%s\" and \"%s\" both become \"%s\"",
                          kind, names[i], names[j], a);
                free(a);
                free(b);
            }
}

/* The top-level field names of doc are exactly names (NULL ends the
 * list), in any order (FerretDB 1.x returns them sorted). */
static void expect_field_names(const bson_t *doc, const char *const *names)
{
    bson_iter_t it;
    char *all = ejson(doc);
    size_t n = 0;
    while (names[n])
        n++;
    cr_assert_eq(bson_count_keys(doc), n, "%u fields, want %zu: %s", bson_count_keys(doc), n,
                 all);
    for (size_t i = 0; i < n; i++)
        cr_assert(bson_iter_init_find(&it, doc, names[i]), "no field %s in %s", names[i], all);
    bson_free(all);
}

static void int_row(struct row *r, const struct tbl *x, const long long *v)
{
    memset(r, 0, sizeof *r);
    for (uint32_t c = 0; c < x->t.ncols; c++) {
        r->v[c].col = &x->cols[c];
        r->v[c].kind = BB_VALUE_INT;
        r->v[c].v.i = v[c];
    }
}

Test(mongo_sink, source_names_mongodb_cannot_hold_are_escaped)
{
    static const struct coldef cols[] = {
        { "id", MYSQL_TYPE_LONG, false, 0 },
        { "a.b", MYSQL_TYPE_LONG, false, 0 },
        { "$x", MYSQL_TYPE_LONG, false, 0 },
        { "%y", MYSQL_TYPE_LONG, false, 0 },
        { "_id", MYSQL_TYPE_LONG, false, 0 },
        { "x$", MYSQL_TYPE_LONG, false, 0 },
    };
    /* The default output, and one that $sets: a dotted name there would
     * be a path into a sub-document. */
    struct mongo_output t[2] = { default_target(), default_target() };
    t[1].collection = "{table}_set";
    t[1].update_set = true;
    add_rule("order$items", t, 2);
    struct tbl x;
    tbl_init(&x, "order$items", cols, 6, pk_first);
    tbl_plan(&x);
    /* A composite key of awkward names: the _id sub-document's fields. */
    static const struct coldef pcols[] = {
        { "$a", MYSQL_TYPE_LONG, false, 0 },
        { "b.c", MYSQL_TYPE_LONG, false, 0 },
        { "_id", MYSQL_TYPE_LONG, false, 0 },
        { "v", MYSQL_TYPE_LONG, false, 0 },
    };
    static const int ppk[] = { 0, 1, 2, -1 };
    struct tbl y;
    tbl_init(&y, "pair", pcols, 4, ppk);
    tbl_plan(&y);
    /* A table named like MongoDB's own collections. */
    struct tbl z;
    users_init(&z, "system.users");
    open_sink();

    struct row r, r2, p;
    int_row(&r, &x, (const long long[]){ 1, 2, 3, 4, 5, 6 });
    int_row(&p, &y, (const long long[]){ 1, 2, 3, 4 });
    struct row u = urow(&z, 1, "root", NULL, 1);
    add_ok(&x, BB_ROWS_WRITE, NULL, &r);
    add_ok(&y, BB_ROWS_WRITE, NULL, &p);
    add_ok(&z, BB_ROWS_WRITE, NULL, &u);
    commit_ok(1000);
    static const char *const fields[] = { "_id", "id", "a%2Eb", "%24x", "%25y", "%5Fid", "x$",
                                          NULL };
    const char *colls[] = { "order%24items", "order%24items_set" };
    for (int i = 0; i < 2; i++) {
        bson_t *d = get_doc(F.name, colls[i], "{\"$numberInt\": \"1\"}");
        cr_assert(d, "nothing in %s.%s", F.name, colls[i]);
        expect_field_names(d, fields);
        expect_field(d, "a%2Eb", "{\"$numberInt\": \"2\"}");
        expect_field(d, "%5Fid", "{\"$numberInt\": \"5\"}");
        bson_destroy(d);
    }
    static const char pid[] = "{\"%24a\": {\"$numberInt\": \"1\"}, \"b%2Ec\": {\"$numberInt\": "
                              "\"2\"}, \"%5Fid\": {\"$numberInt\": \"3\"}}";
    bson_t *d = get_doc(F.name, "pair", pid);
    cr_assert(d, "no document with _id %s in %s.pair", pid, F.name);
    expect_field_names(d, (const char *const[]){ "_id", "%24a", "b%2Ec", "%5Fid", "v", NULL });
    bson_destroy(d);
    expect_user(F.name, "%73ystem.users", 1, "\"root\"", "null", "{\"$numberDouble\": \"1.0\"}");

    /* An update: replaced, and $set by the escaped names (no sub-document
     * "a" appears). */
    int_row(&r2, &x, (const long long[]){ 1, 20, 30, 4, 5, 6 });
    add_ok(&x, BB_ROWS_UPDATE, &r, &r2);
    commit_ok(2000);
    for (int i = 0; i < 2; i++) {
        d = get_doc(F.name, colls[i], "{\"$numberInt\": \"1\"}");
        cr_assert(d);
        expect_field_names(d, fields);
        expect_field(d, "a%2Eb", "{\"$numberInt\": \"20\"}");
        expect_field(d, "%24x", "{\"$numberInt\": \"30\"}");
        bson_destroy(d);
    }
    add_ok(&x, BB_ROWS_DELETE, &r2, NULL);
    commit_ok(3000);
    cr_assert_eq(count_docs(F.name, "order%24items"), 0);
    /* TRUNCATE finds the escaped collection. */
    struct bb_error err = { 0 };
    cr_assert_eq(F.sink.ops->clear_table(F.sink.ctx, y.plan, &err), 0, "%s", err.msg);
    cr_assert_eq(count_docs(F.name, "pair"), 0);
}

/* Uppercase the first letter of a copy of s. */
static void upper_first(char *out, size_t size, const char *s)
{
    snprintf(out, size, "%s", s);
    out[0] = (char)(out[0] - 'a' + 'A');
}

/* A users table of schema `schema` named `table`, its plan made. */
static void users_in(struct tbl *x, const char *schema, const char *table)
{
    tbl_init(x, table, users_cols, U_NCOLS, pk_first);
    x->t.schema = schema;
    struct bb_error err = { 0 };
    cr_assert(mapper_plan(F.mapper, &x->t, &x->plan, &err) == 0, "%s", err.msg);
    cr_assert(x->plan->mirrored);
}

Test(mongo_sink, names_escaping_cannot_fix_leave_the_table_out)
{
    struct tbl ok, dotted, longer, ckpt, ckpt_cased, cased, ferret_only, quoted;
    char dotted_schema[96], long_schema[160], cased_schema[96], ckpt_cased_schema[160];
    snprintf(dotted_schema, sizeof dotted_schema, "%s.x", F.name);
    snprintf(F.extra_db, sizeof F.extra_db, "%s%%2Ex", F.name);
    snprintf(long_schema, sizeof long_schema, "%s_%064d", F.name, 0);
    upper_first(cased_schema, sizeof cased_schema, F.name);
    upper_first(ckpt_cased_schema, sizeof ckpt_cased_schema, F.ckpt_db);
    users_init(&ok, "users");
    users_in(&dotted, dotted_schema, "users");
    users_in(&longer, long_schema, "users");
    users_in(&ckpt, F.ckpt_db, "binbridge");
    users_in(&ckpt_cased, ckpt_cased_schema, "users");     /* its database would clash */
    users_in(&cased, cased_schema, "users");
    users_in(&ferret_only, F.name, "_ferretdb_x");
    users_in(&quoted, F.name, "say \"hi\"");
    open_sink();
    struct row a = urow(&ok, 1, "alice", NULL, 1);
    add_ok(&ok, BB_ROWS_WRITE, NULL, &a);
    size_t pending = F.sink.ops->pending_bytes(F.sink.ctx);
    cr_assert_gt(pending, 0);
    /* Left out on every server: accepted (0) and nothing buffered. */
    const struct tbl *out[] = { &longer, &ckpt, &ckpt_cased, &cased };
    for (size_t i = 0; i < 4; i++) {
        add_ok(out[i], BB_ROWS_WRITE, NULL, &a);
        cr_assert_eq(F.sink.ops->pending_bytes(F.sink.ctx), pending, "%s.%s was buffered",
                     out[i]->t.schema, out[i]->t.name);
    }
    /* FerretDB 1.x takes fewer names than MongoDB. */
    const struct tbl *ferret_out[] = { &dotted, &ferret_only, &quoted };
    for (size_t i = 0; i < 3; i++) {
        add_ok(ferret_out[i], BB_ROWS_WRITE, NULL, &a);
        size_t now = F.sink.ops->pending_bytes(F.sink.ctx);
        cr_assert(F.ferret ? now == pending : now > pending, "%s.%s: %zu bytes pending, was %zu",
                  ferret_out[i]->t.schema, ferret_out[i]->t.name, now, pending);
        pending = now;
    }
    commit_ok(1000);
    expect_user(F.name, "users", 1, "\"alice\"", "null", "{\"$numberDouble\": \"1.0\"}");
    if (!F.ferret) {
        expect_user(F.extra_db, "users", 1, "\"alice\"", "null", "{\"$numberDouble\": \"1.0\"}");
        expect_user(F.name, "_ferretdb_x", 1, "\"alice\"", "null", "{\"$numberDouble\": \"1.0\"}");
        expect_user(F.name, "say \"hi\"", 1, "\"alice\"", "null", "{\"$numberDouble\": \"1.0\"}");
    }
    /* The checkpoint is still the sink's own. */
    struct checkpoint cp;
    struct bb_error err = { 0 };
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), 1, "%s", err.msg);
    cr_assert_eq(cp.pos, 1000);
    /* TRUNCATE of a table left out removes nothing and does not fail. */
    cr_assert_eq(F.sink.ops->clear_table(F.sink.ctx, cased.plan, &err), 0, "%s", err.msg);
    cr_assert_eq(F.sink.ops->clear_table(F.sink.ctx, longer.plan, &err), 0, "%s", err.msg);
    /* A new process knows the database from the server's list. */
    F.sink.ops->close(F.sink.ctx);
    F.open = false;
    open_sink();
    add_ok(&cased, BB_ROWS_WRITE, NULL, &a);
    cr_assert_eq(F.sink.ops->pending_bytes(F.sink.ctx), 0);
}

/* A JSON value with a key MongoDB cannot hold as a path is its text on
 * every server (MongoDB 4.4 refuses it in a stored document). */
Test(mongo_sink, json_keys_with_dots_or_dollars_are_text_everywhere)
{
    /* {"a.b": 1}, {"$x": 1}, {"a": 1} */
    static const uint8_t dotted[] = { 0x00, 0x01, 0x00, 0x0e, 0x00, 0x0b, 0x00, 0x03, 0x00, 0x05,
                                      0x01, 0x00, 'a', '.', 'b' };
    static const uint8_t dollar[] = { 0x00, 0x01, 0x00, 0x0d, 0x00, 0x0b, 0x00, 0x02, 0x00, 0x05,
                                      0x01, 0x00, '$', 'x' };
    static const uint8_t plain[] = { 0x00, 0x01, 0x00, 0x0c, 0x00, 0x0b, 0x00, 0x01, 0x00, 0x05,
                                     0x01, 0x00, 'a' };
    struct tbl x;
    types_init(&x, "json");
    open_sink();
    struct row r = types_row(&x, 1);
    set_str(&r.v[T_J], BB_VALUE_JSON, (const char *)dotted, sizeof dotted);
    set_str(&r.v[T_S], BB_VALUE_JSON, (const char *)dollar, sizeof dollar);
    set_str(&r.v[T_L], BB_VALUE_JSON, (const char *)plain, sizeof plain);
    add_ok(&x, BB_ROWS_WRITE, NULL, &r);
    commit_ok(1000);
    bson_t *d = get_doc(F.name, "json", "{\"$numberInt\": \"1\"}");
    cr_assert(d);
    expect_field(d, "j", "\"{\\\"a.b\\\": 1}\"");
    expect_field(d, "s", "\"{\\\"$x\\\": 1}\"");
    expect_field(d, "l", "{\"a\": {\"$numberInt\": \"1\"}}");
    bson_destroy(d);
}

/* ---- checkpoints and exactly once ---- */

Test(mongo_sink, checkpoint_round_trip)
{
    struct tbl x;
    users_init(&x, "users");
    open_sink();
    struct checkpoint cp;
    struct bb_error err = { 0 };
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), 0, "%s", err.msg);
    struct checkpoint want = mkcp("mysql-bin.000042", 123456789012ULL);
    want.rows_done = 17;
    snprintf(want.gtid, sizeof want.gtid, "0-1-42,1-2-7");
    want.commit_time = 4000000000u;
    want.server_id = 4294967295u;
    want.loading = true;
    struct row a = urow(&x, 1, "alice", NULL, 1);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    cr_assert(F.sink.ops->commit(F.sink.ctx, &want, &err) == 0, "%s", err.msg);
    /* A new sink reads it back. */
    F.sink.ops->close(F.sink.ctx);
    F.open = false;
    open_sink();
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), 1, "%s", err.msg);
    cr_assert_str_eq(cp.file, want.file);
    cr_assert_eq(cp.pos, want.pos);
    cr_assert_eq(cp.rows_done, want.rows_done);
    cr_assert_str_eq(cp.gtid, want.gtid);
    cr_assert_eq(cp.commit_time, want.commit_time);
    cr_assert_eq(cp.server_id, want.server_id);
    cr_assert(cp.loading);
    /* Where it is kept, as strings. */
    char id[128];
    snprintf(id, sizeof id, "\"%s\"", F.name);
    bson_t *d = get_doc(F.ckpt_db, "binbridge", id);
    cr_assert(d);
    expect_field(d, "file", "\"mysql-bin.000042\"");
    expect_field(d, "pos", "\"123456789012\"");
    expect_field(d, "state", "\"loading\"");
    bson_destroy(d);
    /* An empty commit saves the position too. */
    struct checkpoint next = mkcp("mysql-bin.000043", 4);
    cr_assert(F.sink.ops->commit(F.sink.ctx, &next, &err) == 0, "%s", err.msg);
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), 1);
    cr_assert_str_eq(cp.file, "mysql-bin.000043");
    cr_assert(!cp.loading);
}

Test(mongo_sink, damaged_checkpoint_is_an_error_naming_it)
{
    open_sink();
    char cmd[512];
    snprintf(cmd, sizeof cmd, "{\"insert\": \"binbridge\", \"documents\": [{\"_id\": \"%s\", "
             "\"file\": \"mysql-bin.000001\", \"pos\": \"not a number\"}]}", F.name);
    command(F.ckpt_db, cmd);
    struct checkpoint cp;
    struct bb_error err = { 0 };
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), BB_ERR_CORRUPT);
    cr_assert(strstr(err.msg, "checkpoint") && strstr(err.msg, F.name), "%s", err.msg);
}

/* The same batch applied twice (a crash after the data, before the
 * checkpoint) gives the same documents. */
Test(mongo_sink, replaying_a_batch_converges)
{
    struct mongo_output t[2] = { default_target(), default_target() };
    t[1].collection = "{table}_set";
    t[1].update_set = true;
    add_rule("users", t, 2);
    struct tbl x;
    users_init(&x, "users");
    open_sink();
    struct row a = urow(&x, 1, "alice", NULL, 1), b = urow(&x, 2, "bob", "b", 2);
    struct row c = urow(&x, 3, "carol", NULL, 3);
    struct row a2 = urow(&x, 4, "alice", "moved", 1), b2 = urow(&x, 2, "bob", NULL, 5);
    struct row c2 = urow(&x, 1, "carol", "took 1", 3);
    for (int round = 0; round < 2; round++) {
        add_ok(&x, BB_ROWS_WRITE, NULL, &a);
        add_ok(&x, BB_ROWS_WRITE, NULL, &b);
        add_ok(&x, BB_ROWS_WRITE, NULL, &c);
        add_ok(&x, BB_ROWS_UPDATE, &a, &a2);    /* 1 -> 4 */
        add_ok(&x, BB_ROWS_UPDATE, &b, &b2);
        add_ok(&x, BB_ROWS_UPDATE, &c, &c2);    /* 3 -> 1, where alice was */
        add_ok(&x, BB_ROWS_DELETE, &b2, NULL);
        commit_ok(1000);
        for (int k = 0; k < 2; k++) {
            const char *coll = k ? "users_set" : "users";
            cr_assert_eq(count_docs(F.name, coll), 2, "round %d, %s", round, coll);
            expect_user(F.name, coll, 4, "\"alice\"", "\"moved\"", "{\"$numberDouble\": \"1.0\"}");
            expect_user(F.name, coll, 1, "\"carol\"", "\"took 1\"", "{\"$numberDouble\": \"3.0\"}");
        }
    }
}

/* More operations on one collection than FerretDB 1.x takes in one
 * update command (it deadlocks at about 100): the sink cuts them. */
Test(mongo_sink, large_batches)
{
    struct tbl x;
    users_init(&x, "users");
    open_sink();
    enum { N = 250 };
    static struct row rows[N];
    char names[N][16];
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "n%d", i);
        rows[i] = urow(&x, i, names[i], NULL, i);
        add_ok(&x, BB_ROWS_WRITE, NULL, &rows[i]);
    }
    commit_ok(1000);
    cr_assert_eq(count_docs(F.name, "users"), N);
    /* Updates of existing documents, one after the other: one update
     * command but for the cut. */
    static struct row updated[N];
    for (int i = 0; i < N; i++) {
        updated[i] = urow(&x, i, names[i], "updated", i);
        add_ok(&x, BB_ROWS_UPDATE, &rows[i], &updated[i]);
    }
    for (int i = 1; i < N; i += 2)
        add_ok(&x, BB_ROWS_DELETE, &updated[i], NULL);
    commit_ok(2000);
    cr_assert_eq(count_docs(F.name, "users"), N / 2);
    expect_user(F.name, "users", N - 2, "\"n248\"", "\"updated\"",
                "{\"$numberDouble\": \"248.0\"}");
    expect_no_doc(F.name, "users", "{\"$numberInt\": \"249\"}");
}

/* ---- the 16 MB limit ---- */

static char *big_text(size_t n)
{
    char *s = malloc(n + 1);
    cr_assert(s);
    memset(s, 'x', n);
    s[n] = '\0';
    return s;
}

Test(mongo_sink, oversize_stop_names_the_row)
{
    struct tbl x;
    users_init(&x, "users");
    open_sink();
    char *big = big_text(17u << 20);
    struct row small = urow(&x, 1, "ok", NULL, 1);
    struct row a = urow(&x, 2, big, NULL, 1);
    add_ok(&x, BB_ROWS_WRITE, NULL, &small);
    size_t before = F.sink.ops->pending_bytes(F.sink.ctx);
    struct bb_error err = { 0 };
    cr_assert_eq(add(&x, BB_ROWS_WRITE, NULL, &a, &err), BB_ERR_LIMIT);
    cr_assert(strstr(err.msg, ".users") && strstr(err.msg, "\"_id\" : 2") &&
              strstr(err.msg, "16777216") && strstr(err.msg, "oversize"), "%s", err.msg);
    cr_assert_eq(F.sink.ops->pending_bytes(F.sink.ctx), before);
    free(big);
    commit_ok(1000);
    expect_user(F.name, "users", 1, "\"ok\"", "null", "{\"$numberDouble\": \"1.0\"}");
}

Test(mongo_sink, oversize_skip_leaves_the_row_out)
{
    ((struct mongo_settings *)config_sink_settings(&F.cfg, mongo_k()))->oversize =
        MONGO_OVERSIZE_SKIP;
    struct tbl x;
    users_init(&x, "users");
    open_sink();
    char *big = big_text(17u << 20);
    struct row a = urow(&x, 1, "small", NULL, 1);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    struct row a2 = urow(&x, 1, big, NULL, 2);
    struct row b = urow(&x, 2, "bob", NULL, 1);
    add_ok(&x, BB_ROWS_UPDATE, &a, &a2);
    add_ok(&x, BB_ROWS_WRITE, NULL, &b);
    free(big);
    commit_ok(2000);
    /* The skipped update left the document as it was. */
    expect_user(F.name, "users", 1, "\"small\"", "null", "{\"$numberDouble\": \"1.0\"}");
    expect_user(F.name, "users", 2, "\"bob\"", "null", "{\"$numberDouble\": \"1.0\"}");
}

/* ---- clear_table ---- */

Test(mongo_sink, clear_table_empties_the_tables_own_collection)
{
    struct mongo_output t[2] = { default_target(), default_target() };
    t[1].database = "{schema}_b";
    t[1].collection = "everything";       /* shared by every table: left alone */
    add_rule("users", t, 2);
    struct tbl x, y;
    users_init(&x, "users");
    users_init(&y, "others");
    open_sink();
    struct row a = urow(&x, 1, "alice", NULL, 1), b = urow(&y, 1, "bob", NULL, 1);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    add_ok(&y, BB_ROWS_WRITE, NULL, &b);
    struct bb_error err = { 0 };
    cr_assert_eq(F.sink.ops->clear_table(F.sink.ctx, x.plan, &err), BB_ERR_USAGE,
                 "pending writes must be committed first");
    bb_error_clear(&err);
    commit_ok(1000);
    cr_assert(F.sink.ops->clear_table(F.sink.ctx, x.plan, &err) == 0, "%s", err.msg);
    cr_assert_eq(count_docs(F.name, "users"), 0);
    cr_assert_eq(count_docs(F.name, "others"), 1);
    cr_assert_eq(count_docs(F.other_db, "everything"), 1);
    /* By name only (TRUNCATE, DROP TABLE): the same. */
    const struct table_plan *p;
    cr_assert(mapper_plan_by_name(F.mapper, F.name, "others", &p, &err) == 0);
    cr_assert(F.sink.ops->clear_table(F.sink.ctx, p, &err) == 0, "%s", err.msg);
    cr_assert_eq(count_docs(F.name, "others"), 0);
    /* Again: nothing to remove is fine. */
    cr_assert(F.sink.ops->clear_table(F.sink.ctx, p, &err) == 0, "%s", err.msg);
}

/* ---- failures ---- */

/* Every TCP socket this process holds, as a bitmap over fds. */
static void tcp_fds(bool *out, int max)
{
    memset(out, 0, (size_t)max);
    DIR *d = opendir("/proc/self/fd");
    cr_assert(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        int fd = atoi(e->d_name);
        if (fd <= 2 || fd >= max || fd == dirfd(d))
            continue;
        int type = 0;
        socklen_t len = sizeof type;
        struct sockaddr_storage sa;
        socklen_t salen = sizeof sa;
        if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_STREAM &&
            getpeername(fd, (struct sockaddr *)&sa, &salen) == 0 &&
            (sa.ss_family == AF_INET || sa.ss_family == AF_INET6))
            out[fd] = true;
    }
    closedir(d);
}

Test(mongo_sink, reconnect_after_the_connection_dies)
{
    struct tbl x;
    users_init(&x, "users");
    enum { MAXFD = 4096 };
    static bool before[MAXFD], after[MAXFD];
    tcp_fds(before, MAXFD);
    open_sink();
    tcp_fds(after, MAXFD);
    int killed = 0;
    struct row a = urow(&x, 1, "alice", NULL, 1);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    for (int fd = 0; fd < MAXFD; fd++)
        if (after[fd] && !before[fd] && shutdown(fd, SHUT_RDWR) == 0)
            killed++;
    cr_assert(killed > 0, "found no connection of the sink");
    struct bb_error err = { 0 };
    int rc = commit(1000, &err);
    /* A replica set's retryable writes may redo it on a new connection;
     * a standalone server (FerretDB) cannot. */
    if (F.ferret || rc != 0) {
        cr_assert_eq(rc, BB_ERR_IO, "%s", err.msg);
        cr_assert(strstr(err.msg, "MongoDB at "), "%s", err.msg);
    }
    cr_assert_eq(F.sink.ops->pending_bytes(F.sink.ctx), 0, "a commit leaves nothing buffered");
    bb_error_clear(&err);
    cr_assert(F.sink.ops->reconnect(F.sink.ctx, &err) == 0, "%s", err.msg);
    struct checkpoint cp;
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), rc == 0, "%s", err.msg);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    expect_user(F.name, "users", 1, "\"alice\"", "null", "{\"$numberDouble\": \"1.0\"}");
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), 1, "%s", err.msg);
}

Test(mongo_sink, unreachable_server_is_an_io_error)
{
    /* A port nothing listens on: bind one, note it, close it. */
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof sa;
    cr_assert(bind(s, (struct sockaddr *)&sa, sizeof sa) == 0);
    cr_assert(getsockname(s, (struct sockaddr *)&sa, &len) == 0);
    close(s);
    char url[128];
    snprintf(url, sizeof url, "mongodb://127.0.0.1:%d/?serverSelectionTimeoutMS=300",
             ntohs(sa.sin_port));
    struct bb_error err = { 0 };
    cr_assert(config_set(&F.cfg, "mongo.url", url, &err) == 0);
    cr_assert_eq(open_mongo(&F.sink, &err), BB_ERR_IO);
    char where[64];
    snprintf(where, sizeof where, "MongoDB at 127.0.0.1:%d", ntohs(sa.sin_port));
    cr_assert(strstr(err.msg, where), "%s", err.msg);
    cr_assert(!strchr(err.msg, '\n'), "one line: %s", err.msg);

    bb_error_clear(&err);
    cr_assert(config_set(&F.cfg, "mongo.url", "mongodb://a:b@/x", &err) == 0);
    cr_assert_eq(open_mongo(&F.sink, &err), BB_ERR_USAGE);
    cr_assert(strncmp(err.msg, "MongoDB URL: ", 13) == 0 && !strstr(err.msg, "a:b"), "%s",
              err.msg);
}

/* A unix socket, as libmongoc writes it (mongodb://%2Fpath%2Fto.sock/): the
 * configuration's check is libmongoc's own reading, so it takes it, and
 * the sink connects over the socket. The shared FerretDB has none: one of
 * the test's own listens on one. */
Test(mongo_sink, a_unix_socket_url_connects)
{
    struct socket_server srv;
    if (!socket_ferretdb_start(&srv))
        cr_skip_test("no FerretDB binary (scripts/deps.sh builds it)");
    struct bb_error err = { 0 };
    cr_assert(config_set(&F.cfg, "mongo.url", srv.url, &err) == 0);
    cr_assert(config_set(&F.cfg, "source.url", "mysql://u@h", &err) == 0);
    cr_assert_eq(config_validate(&F.cfg, &err), 0, "%s: %s", srv.url, err.msg);
    open_sink();
    struct tbl x;
    users_init(&x, "users");
    struct row a = urow(&x, 1, "alice", NULL, 1.5);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(900);
    F.sink.ops->close(F.sink.ctx);
    F.open = false;

    /* Read back over the socket, with a client of the test's own. */
    bson_error_t e;
    mongoc_client_t *c = mongoc_client_new(srv.url);
    cr_assert(c, "%s", srv.url);
    mongoc_collection_t *coll = mongoc_client_get_collection(c, F.name, "users");
    bson_t filter;
    bson_init(&filter);
    int64_t n = mongoc_collection_count_documents(coll, &filter, NULL, NULL, NULL, &e);
    cr_assert_eq(n, 1, "%s.users behind %s: %" PRId64 " documents (%s)", F.name, srv.sock, n,
                 n < 0 ? e.message : "");
    bson_destroy(&filter);
    mongoc_collection_destroy(coll);
    mongoc_client_destroy(c);

    open_sink();
    struct checkpoint cp;
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), 1, "%s", err.msg);
    cr_assert_eq(cp.pos, 900);
    F.sink.ops->close(F.sink.ctx);
    F.open = false;
    socket_server_stop(&srv);
}

/* An '@' or ':' in a password, unescaped: libmongoc splits at the first
 * '@' (the password's tail became the host of every message: "cannot
 * reach MongoDB at etpass@127.0.0.1:...") and quotes a password it refuses.
 * The sink reads the userinfo as binbridge does, up to the last '@'. */
Test(mongo_sink, passwords_with_at_and_colon_never_reach_messages)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof sa;
    cr_assert(bind(s, (struct sockaddr *)&sa, sizeof sa) == 0);
    cr_assert(getsockname(s, (struct sockaddr *)&sa, &len) == 0);
    close(s);
    static const char *const passwords[] = { "s3cr@etpass", "pa:ss@wd", "p@:x]" };
    for (size_t i = 0; i < sizeof passwords / sizeof passwords[0]; i++) {
        char url[160], want[160];
        snprintf(url, sizeof url, "mongodb://app:%s@127.0.0.1:%d/?serverSelectionTimeoutMS=300",
                 passwords[i], ntohs(sa.sin_port));
        struct bb_error err = { 0 };
        cr_assert(config_set(&F.cfg, "mongo.url", url, &err) == 0);
        cr_assert_eq(open_mongo(&F.sink, &err), BB_ERR_IO, "%s: %s", url, err.msg);
        snprintf(want, sizeof want, "cannot reach MongoDB at 127.0.0.1:%d: ", ntohs(sa.sin_port));
        cr_expect(strncmp(err.msg, want, strlen(want)) == 0, "%s: %s", url, err.msg);
        cr_expect(!strstr(err.msg, "pass") && !strstr(err.msg, "ss@") && !strstr(err.msg, "p@") &&
                  !strstr(err.msg, "etpass"), "%s: %s", url, err.msg);
    }
    /* a bad escape: libmongoc's reason, without the password */
    struct bb_error err = { 0 };
    cr_assert(config_set(&F.cfg, "mongo.url", "mongodb://app:50%off@h/", &err) == 0);
    cr_assert_eq(open_mongo(&F.sink, &err), BB_ERR_USAGE);
    cr_expect(strncmp(err.msg, "MongoDB URL: ", 13) == 0 && !strstr(err.msg, "50%off"), "%s",
              err.msg);
}

/* ------------------------------------------------------------------ */
/* TLS: a FerretDB of the test's own serving TLS with the throwaway CA of
 * scripts/test-ca.sh (libmongoc's URL options: tls=true, tlsCAFile, ...);
 * the test reads it back over its unix socket. */

static struct tls_ferretdb TF;

/* Start a TLS FerretDB with certificate `cert` (client_certs: it requires
 * a client certificate) and point the checker at its unix socket. */
static void tls_begin(const char *cert, bool client_certs)
{
    if (!tls_ferretdb_start(&TF, cert, client_certs))
        cr_skip_test("no FerretDB binary (scripts/deps.sh builds it)");
    mongoc_client_destroy(F.check);
    F.check = mongoc_client_new(TF.s.url);
    cr_assert(F.check, "%s", TF.s.url);
    mongoc_client_set_error_api(F.check, MONGOC_ERROR_API_VERSION_2);
    snprintf(F.ckpt_db, sizeof F.ckpt_db, "binbridge");
}

static void tls_fini(void)
{
    teardown();
    socket_server_stop(&TF.s);
}

static char tls_url_[1024];

/* mongo.url = mongodb://HOST:port/?PARAMS (port: the TLS one, or with
 * plain the plaintext one), each %s of params the CA directory. */
static const char *tls_url_port(const char *host, unsigned port, const char *params)
{
    char p[800];
    snprintf(p, sizeof p, params, test_ca_dir(), test_ca_dir(), test_ca_dir());
    snprintf(tls_url_, sizeof tls_url_, "mongodb://%s:%u/%s%s", host, port, *p ? "?" : "", p);
    struct bb_error err = { 0 };
    cr_assert(config_set(&F.cfg, "mongo.url", tls_url_, &err) == 0, "%s: %s", tls_url_, err.msg);
    return tls_url_;
}

static const char *tls_url(const char *host, const char *params)
{
    return tls_url_port(host, TF.tls_port, params);
}

static void close_sink(void)
{
    F.sink.ops->close(F.sink.ctx);
    F.open = false;
}

/* Opening the sink must fail with code, on one line; exact: the whole
 * line, else a part of it. */
static void expect_open_error(int code, const char *want, bool exact)
{
    struct bb_error err = { 0 };
    struct sink s;
    int rc = open_mongo(&s, &err);
    if (rc == 0)
        s.ops->close(s.ctx);
    cr_assert_eq(rc, code, "%s: got %d (%s), want %d", tls_url_, rc, err.msg, code);
    if (exact)
        cr_expect_str_eq(err.msg, want, "%s", tls_url_);
    else
        cr_expect(strstr(err.msg, want), "%s:\n got: %s\nwant: ...%s...", tls_url_, err.msg,
                  want);
    cr_expect(!strchr(err.msg, '\n'), "more than one line: %s", err.msg);
}

TestSuite(mongo_tls, .init = setup, .fini = tls_fini, .timeout = 120);

/* The right CA: a batch and its checkpoint over TLS, read back through the
 * plaintext socket; a killed connection applies nothing and a
 * reconnection resumes, as in plaintext. By name and by address (the
 * certificate names both). */
Test(mongo_tls, the_right_ca_writes_batches_and_reconnects)
{
    tls_begin("server", false);
    tls_url("localhost", "tls=true&tlsCAFile=%s/ca.pem");
    enum { MAXFD = 4096 };
    static bool before[MAXFD], after[MAXFD];
    tcp_fds(before, MAXFD);
    open_sink();
    tcp_fds(after, MAXFD);
    struct tbl x;
    users_init(&x, "users");
    struct row a = urow(&x, 1, "alice", "over TLS", 1.5);
    add_ok(&x, BB_ROWS_WRITE, NULL, &a);
    commit_ok(1000);
    expect_user(F.name, "users", 1, "\"alice\"", "\"over TLS\"",
                "{\"$numberDouble\": \"1.5\"}");
    struct checkpoint cp;
    struct bb_error err = { 0 };
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), 1, "%s", err.msg);
    cr_assert_eq(cp.pos, 1000);

    /* a batch of many TLS records */
    static char big[200000];
    memset(big, 'x', sizeof big - 1);
    for (int i = 2; i < 12; i++) {
        struct row r = urow(&x, i, "bulk", big, 2);
        add_ok(&x, BB_ROWS_WRITE, NULL, &r);
    }
    commit_ok(2000);
    cr_assert_eq(count_docs(F.name, "users"), 11);

    /* the connection dies: the commit fails, a reconnection replays */
    struct row b = urow(&x, 40, "bob", NULL, 3);
    add_ok(&x, BB_ROWS_WRITE, NULL, &b);
    int killed = 0;
    for (int fd = 0; fd < MAXFD; fd++)
        if (after[fd] && !before[fd] && shutdown(fd, SHUT_RDWR) == 0)
            killed++;
    cr_assert(killed > 0, "found no connection of the sink");
    cr_assert_eq(commit(3000, &err), BB_ERR_IO, "%s", err.msg);
    char where[64];
    snprintf(where, sizeof where, "MongoDB at localhost:%u", TF.tls_port);
    cr_assert(strstr(err.msg, where), "%s", err.msg);
    expect_no_doc(F.name, "users", "{\"$numberInt\": \"40\"}");
    bb_error_clear(&err);
    cr_assert(F.sink.ops->reconnect(F.sink.ctx, &err) == 0, "%s", err.msg);
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), 1, "%s", err.msg);
    cr_assert_eq(cp.pos, 2000);
    add_ok(&x, BB_ROWS_WRITE, NULL, &b);
    commit_ok(3000);
    expect_user(F.name, "users", 40, "\"bob\"", "null", "{\"$numberDouble\": \"3.0\"}");

    close_sink();
    tls_url("127.0.0.1", "tls=true&tlsCAFile=%s/ca.pem");
    open_sink();
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), 1, "%s", err.msg);
    cr_assert_eq(cp.pos, 3000);
}

/* A wrong CA, no CA (the system's store does not know the test CA), an
 * expired certificate, a certificate for another host (by name and by
 * address): each refused with one line naming the server and what is
 * wrong, as a connection failure (BB_ERR_IO: `run` retries, `status`
 * exits 1). */
Test(mongo_tls, a_certificate_that_does_not_verify_is_one_clear_line)
{
    static const struct { const char *cert, *host, *params, *want; } cases[] = {
        { "server", "localhost", "tls=true&tlsCAFile=%s/wrong-ca.pem",
          "TLS: the server's certificate (/CN=localhost) is not signed by a CA of tlsCAFile "
          "%s/wrong-ca.pem (unable to get local issuer certificate)" },
        { "server", "localhost", "tls=true",
          "TLS: the server's certificate (/CN=localhost) is not signed by a CA of the system's "
          "CA store (unable to get local issuer certificate)" },
        { "expired", "localhost", "tls=true&tlsCAFile=%s/ca.pem",
          "TLS: the server's certificate (/CN=localhost) expired on Jan  2 00:00:00 2020 GMT" },
        { "other-host", "localhost", "tls=true&tlsCAFile=%s/ca.pem",
          "TLS: the server's certificate does not name localhost (it names DNS:other.example)" },
        { "other-host", "127.0.0.1", "tlsCAFile=%s/ca.pem",
          "TLS: the server's certificate does not name 127.0.0.1 (it names DNS:other.example)" },
    };
    const char *running = NULL;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (!running || strcmp(running, cases[i].cert) != 0) {
            if (running)
                socket_server_stop(&TF.s);
            tls_begin(cases[i].cert, false);
            running = cases[i].cert;
        }
        tls_url(cases[i].host, cases[i].params);
        char why[600], want[800];
        snprintf(why, sizeof why, cases[i].want, test_ca_dir());
        snprintf(want, sizeof want, "cannot reach MongoDB at %s:%u: %s", cases[i].host,
                 TF.tls_port, why);
        expect_open_error(BB_ERR_IO, want, true);
    }
}

/* What verifies less lets those servers through (and says so); the
 * settings mongo.tls_ca and tls_verify where the URL says nothing, each
 * URL option winning over its setting. */
Test(mongo_tls, verifying_less_and_the_settings)
{
    tls_begin("other-host", false);
    struct bb_error err = { 0 };
    struct checkpoint cp;
    /* the chain only */
    tls_url("localhost", "tls=true&tlsCAFile=%s/ca.pem&tlsAllowInvalidHostnames=true");
    open_sink();
    commit_ok(10);
    close_sink();
    /* nothing: another CA's certificate is taken */
    tls_url("localhost", "tls=true&tlsCAFile=%s/wrong-ca.pem&tlsAllowInvalidCertificates=true");
    open_sink();
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), 1, "%s", err.msg);
    close_sink();
    tls_url("localhost", "tlsInsecure=true");
    open_sink();
    close_sink();
    /* the settings, when the URL says nothing */
    tls_url("localhost", "tls=true");
    cr_assert(config_set(&F.cfg, "mongo.tls_ca", test_ca_file("ca.pem"), &err) == 0, "%s",
              err.msg);
    cr_assert(config_set(&F.cfg, "mongo.tls_verify", "ca", &err) == 0, "%s", err.msg);
    open_sink();
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), 1, "%s", err.msg);
    cr_assert_eq(cp.pos, 10);
    close_sink();
    /* ... each URL option winning over its setting */
    tls_url("localhost", "tls=true&tlsAllowInvalidHostnames=false");
    expect_open_error(BB_ERR_IO, "TLS: the server's certificate does not name localhost", false);
    tls_url("localhost", "tls=true&tlsCAFile=%s/wrong-ca.pem");
    expect_open_error(BB_ERR_IO, "is not signed by a CA of tlsCAFile ", false);
    cr_assert(config_set(&F.cfg, "mongo.tls_verify", "none", &err) == 0, "%s", err.msg);
    tls_url("localhost", "tls=true&tlsCAFile=%s/wrong-ca.pem");
    open_sink();
    close_sink();
}

/* A server that requires a client certificate (FerretDB's
 * --listen-tls-ca-file): the certificate and its key in one file get in
 * (from the URL or the setting); without one, or with one it refuses, one
 * line says so; a file that is not what libmongoc needs is a usage error
 * before anything connects. */
Test(mongo_tls, a_client_certificate_when_the_server_requires_one)
{
    tls_begin("server", true);
    struct bb_error err = { 0 };
    char params[400];
    snprintf(params, sizeof params, "tls=true&tlsCAFile=%%s/ca.pem&tlsCertificateKeyFile=%s",
             TF.client_pem);
    tls_url("localhost", params);
    open_sink();
    commit_ok(77);
    close_sink();

    tls_url("localhost", "tls=true&tlsCAFile=%s/ca.pem");
    char want[600];
    snprintf(want, sizeof want, "cannot reach MongoDB at localhost:%u: TLS: the server requires "
             "a client certificate: set tlsCertificateKeyFile (tlsv13 alert certificate "
             "required)", TF.tls_port);
    expect_open_error(BB_ERR_IO, want, true);

    cr_assert(config_set(&F.cfg, "mongo.tls_cert", TF.client_pem, &err) == 0, "%s", err.msg);
    open_sink();
    struct checkpoint cp;
    cr_assert_eq(F.sink.ops->load_checkpoint(F.sink.ctx, &cp, &err), 1, "%s", err.msg);
    cr_assert_eq(cp.pos, 77);
    close_sink();
    cr_assert(config_set(&F.cfg, "mongo.tls_cert", NULL, &err) == 0, "%s", err.msg);

    /* a certificate the server does not take (made for a server) */
    char other[256], cmd[800];
    snprintf(other, sizeof other, "%s/server.pem", TF.s.dir);
    snprintf(cmd, sizeof cmd, "cat '%s/server-cert.pem' '%s/server-key.pem' > '%s'",
             test_ca_dir(), test_ca_dir(), other);
    cr_assert_eq(system(cmd), 0);
    snprintf(params, sizeof params, "tls=true&tlsCAFile=%%s/ca.pem&tlsCertificateKeyFile=%s",
             other);
    tls_url("localhost", params);
    snprintf(want, sizeof want, "cannot reach MongoDB at localhost:%u: TLS: the server refused "
             "the client certificate of %s (", TF.tls_port, other);
    expect_open_error(BB_ERR_IO, want, false);
}

/* A URL without TLS to the TLS port, and one with TLS to the plaintext
 * port: each fails (in the connection's time) and says which mistake it
 * may be. */
Test(mongo_tls, plaintext_and_tls_ports_mixed_up_fail_clearly)
{
    tls_begin("server", false);
    tls_url("127.0.0.1", "");
    expect_open_error(BB_ERR_IO, "(the server speaks TLS on this port: tls=true connects with "
                      "TLS)", false);
    char want[300];
    snprintf(want, sizeof want, "cannot reach MongoDB at 127.0.0.1:%u: ", TF.tls_port);
    expect_open_error(BB_ERR_IO, want, false);

    tls_url_port("localhost", TF.plain_port, "tls=true&tlsCAFile=%s/ca.pem&connectTimeoutMS=1500");
    snprintf(want, sizeof want, "cannot reach MongoDB at localhost:%u: TLS: no answer to the "
             "handshake within 1.5 s (no TLS on this port? without tls=true the URL connects in "
             "plaintext)", TF.plain_port);
    expect_open_error(BB_ERR_IO, want, true);
}

/* Mistakes in the TLS settings and files: usage errors (exit 2) naming
 * them, before anything connects. */
Test(mongo_tls, tls_mistakes_are_usage_errors)
{
    struct bb_error err = { 0 };
    /* a setting beside a URL without TLS */
    cr_assert(config_set(&F.cfg, "mongo.tls_verify", "none", &err) == 0, "%s", err.msg);
    expect_open_error(BB_ERR_USAGE, "mongo.tls_verify is set but the MongoDB URL does not turn "
                      "TLS on (tls=true does)", true);
    tls_url_port("localhost", 1, "tls=false");
    expect_open_error(BB_ERR_USAGE, "mongo.tls_verify is set but the MongoDB URL does not turn "
                      "TLS on (tls=true does)", true);
    cr_assert(config_set(&F.cfg, "mongo.tls_verify", NULL, &err) == 0, "%s", err.msg);

    /* files */
    char both[256], cmd[800], want[600];
    snprintf(both, sizeof both, "/tmp/bbt-mongo-tls-%d.pem", (int)getpid());
    snprintf(cmd, sizeof cmd, "cat '%s/client-cert.pem' '%s/server-key.pem' > '%s'",
             test_ca_dir(), test_ca_dir(), both);
    cr_assert_eq(system(cmd), 0);
    const struct { const char *params, *want; } cases[] = {
        { "tls=true&tlsCAFile=/nonexistent/ca.pem",
          "TLS: cannot read tlsCAFile /nonexistent/ca.pem: No such file or directory" },
        { "tlsCAFile=%s/ca-key.pem", "TLS: cannot load the CA certificates of tlsCAFile " },
        { "tls=true&tlsCertificateKeyFile=%s/client-cert.pem",
          "client-cert.pem holds no private key (PEM): libmongoc takes the client certificate "
          "and its key in one file" },
        { "tls=true&tlsCertificateKeyFile=%s/client-key.pem",
          "TLS: cannot load the client certificate of tlsCertificateKeyFile " },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tls_url_port("localhost", 1, cases[i].params);
        expect_open_error(BB_ERR_USAGE, cases[i].want, false);
    }
    snprintf(cmd, sizeof cmd, "tls=true&tlsCertificateKeyFile=%s", both);
    tls_url_port("localhost", 1, cmd);
    snprintf(want, sizeof want, "MongoDB at localhost:1: TLS: the key in tlsCertificateKeyFile "
             "%s is not the key of its certificate", both);
    expect_open_error(BB_ERR_USAGE, want, true);
    /* from the setting: named so */
    tls_url_port("localhost", 1, "tls=true");
    cr_assert(config_set(&F.cfg, "mongo.tls_cert", both, &err) == 0, "%s", err.msg);
    snprintf(want, sizeof want, "MongoDB at localhost:1: TLS: the key in mongo.tls_cert %s is "
             "not the key of its certificate", both);
    expect_open_error(BB_ERR_USAGE, want, true);
    unlink(both);
}

/* ---- the value mapping alone ---- */

Test(mongo_sink, json_text_that_cannot_be_a_document_stays_text)
{
    struct mongo_value_opts plain = { 0 }, ferret = { .no_decimal128 = true,
                                                      .no_nested_arrays = true,
                                                      .plain_keys = true };
    static const struct { const char *text; int plain_rc, ferret_rc; } cases[] = {
        { "[[1]]", 0, 1 },
        { "[{\"a\": [1]}]", 0, 0 },
        { "{\"a.b\": 1}", 0, 1 },
        { "{\"$x\": 1}", 0, 1 },
        { "{\"a\\u0000b\": 1}", 1, 1 },
        { "{\"a\": 1} x", 1, 1 },
        { "{\"a\": 01}", 1, 1 },
        { "\"\\ud800\"", 1, 1 },
        { "1e999", 0, 0 },
        { "", 1, 1 },
        { "  true  ", 0, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct bb_error err = { 0 };
        bson_t b;
        bson_init(&b);
        int rc = mongo_append_json_text(&b, "v", 1, cases[i].text, strlen(cases[i].text), &plain,
                                        &err);
        cr_assert_eq(rc, cases[i].plain_rc, "%s: %d (%s)", cases[i].text, rc, err.msg);
        cr_assert_eq(bson_count_keys(&b), rc == 0 ? 1u : 0u, "%s", cases[i].text);
        bson_reinit(&b);
        rc = mongo_append_json_text(&b, "v", 1, cases[i].text, strlen(cases[i].text), &ferret,
                                    &err);
        cr_assert_eq(rc, cases[i].ferret_rc, "%s on FerretDB: %d (%s)", cases[i].text, rc, err.msg);
        cr_assert_eq(bson_count_keys(&b), rc == 0 ? 1u : 0u, "%s", cases[i].text);
        bson_destroy(&b);
    }
    /* Numbers: exact where BSON can be. */
    struct bb_error err = { 0 };
    bson_t b;
    bson_init(&b);
    static const char nums[] = "[2147483647, 2147483648, -9223372036854775808, "
                               "9223372036854775808, 1234567890123456789012345678901234, "
                               "12345678901234567890123456789012345, 0.1, -0, 1E2, 1e999]";
    cr_assert_eq(mongo_append_json_text(&b, "v", 1, nums, sizeof nums - 1, &plain, &err), 0);
    char *s = ejson(&b);
    cr_assert_str_eq(s, "{ \"v\" : [ { \"$numberInt\" : \"2147483647\" }, "
                     "{ \"$numberLong\" : \"2147483648\" }, "
                     "{ \"$numberLong\" : \"-9223372036854775808\" }, "
                     "{ \"$numberDecimal\" : \"9223372036854775808\" }, "
                     "{ \"$numberDecimal\" : \"1234567890123456789012345678901234\" }, "
                     "{ \"$numberDouble\" : \"1.2345678901234568964e+34\" }, "
                     "{ \"$numberDouble\" : \"0.10000000000000000555\" }, "
                     "{ \"$numberInt\" : \"0\" }, { \"$numberDouble\" : \"100.0\" }, "
                     "{ \"$numberDecimal\" : \"1E+999\" } ] }");
    bson_free(s);
    bson_destroy(&b);
}

Test(mongo_sink, values_no_bson_type_holds_are_errors)
{
    struct mongo_value_opts o = { 0 };
    struct bb_buf s;
    bb_buf_init(&s);
    bson_t b;
    bson_init(&b);
    struct bb_column col = { .name = "f", .type = MYSQL_TYPE_FLOAT };
    struct bb_value v = { .kind = BB_VALUE_FLOAT, .col = &col };
    v.v.f = INFINITY;
    struct bb_error err = { 0 };
    cr_assert_eq(mongo_append_value(&b, "f", 1, &v, false, &o, &s, &err), BB_ERR_CORRUPT);
    v.kind = BB_VALUE_JSON_DIFF;
    bb_error_clear(&err);
    cr_assert_eq(mongo_append_value(&b, "f", 1, &v, false, &o, &s, &err), BB_ERR_USAGE);
    cr_assert(strstr(err.msg, "PARTIAL_JSON"), "%s", err.msg);
    /* Corrupt binary JSON is corrupt, truncated at every length. */
    for (size_t n = 1; n < sizeof json_small_obj; n++) {
        v.kind = BB_VALUE_JSON;
        v.v.str.p = json_small_obj;
        v.v.str.len = n;
        bb_error_clear(&err);
        cr_assert_eq(mongo_append_value(&b, "j", 1, &v, false, &o, &s, &err), BB_ERR_CORRUPT,
                     "prefix %zu", n);
    }
    /* A SET in an _id is its text. */
    static const char *const labels[] = { "x", "y" };
    struct bb_column sc = { .name = "s", .type = MYSQL_TYPE_SET, .labels = labels, .nlabels = 2 };
    struct bb_value sv = { .kind = BB_VALUE_SET, .col = &sc };
    sv.v.u = 3;
    bson_reinit(&b);
    cr_assert_eq(mongo_append_value(&b, "_id", 3, &sv, true, &o, &s, &err), 0, "%s", err.msg);
    char *j = ejson(&b);
    cr_assert_str_eq(j, "{ \"_id\" : \"x,y\" }");
    bson_free(j);
    bson_destroy(&b);
    bb_buf_destroy(&s);
}

/* ENUM and SET labels of the binary character set need not be UTF-8,
 * which BSON strings must be: such a value is BinData of its text. */
Test(mongo_sink, labels_that_are_not_utf8_are_bindata)
{
    struct mongo_value_opts o = { 0 };
    struct bb_buf s;
    bb_buf_init(&s);
    static const char *const labels[] = { "a", "\xff" };
    static const uint32_t lens[] = { 1, 1 };
    struct bb_column ec = { .name = "e", .type = MYSQL_TYPE_ENUM, .labels = labels,
                            .label_lens = lens, .nlabels = 2, .charset = 63 };
    struct bb_column sc = ec;
    sc.type = MYSQL_TYPE_SET;
    const struct { const struct bb_column *col; uint8_t kind; uint64_t u; const char *want; }
        cases[] = {
            { &ec, BB_VALUE_ENUM, 1, "{ \"v\" : \"a\" }" },
            { &ec, BB_VALUE_ENUM, 2, "{ \"v\" : { \"$binary\" : { \"base64\" : \"/w==\", "
                                     "\"subType\" : \"00\" } } }" },
            { &sc, BB_VALUE_SET, 1, "{ \"v\" : [ \"a\" ] }" },
            { &sc, BB_VALUE_SET, 3, "{ \"v\" : { \"$binary\" : { \"base64\" : \"YSz/\", "
                                    "\"subType\" : \"00\" } } }" },
        };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct bb_value v = { .kind = cases[i].kind, .col = cases[i].col };
        v.v.u = cases[i].u;
        bson_t b;
        bson_init(&b);
        struct bb_error err = { 0 };
        cr_assert_eq(mongo_append_value(&b, "v", 1, &v, false, &o, &s, &err), 0, "%s", err.msg);
        char *j = ejson(&b);
        cr_assert_str_eq(j, cases[i].want, "case %zu", i);
        bson_free(j);
        bson_destroy(&b);
    }
    bb_buf_destroy(&s);
}

/* Binary JSON whose entries share one child per level (MySQL never writes
 * it): refused at once, not converted into 4 million BSON leaves; also when the
 * sharing starts below the depth where the value is written as its text. */
Test(mongo_sink, json_entries_sharing_a_child_are_refused)
{
    static uint8_t doc[1 + 100 * 7 + 22 * 10 + 4];
    struct mongo_value_opts o = { 0 };
    struct bb_buf s;
    bb_buf_init(&s);
    bson_t b;
    bson_init(&b);
    struct bb_column col = { .name = "j", .type = MYSQL_TYPE_JSON };
    struct bb_value v = { .kind = BB_VALUE_JSON, .col = &col };
    static const size_t chains[] = { 0, 100 };
    for (size_t i = 0; i < 2; i++) {
        v.v.str.p = doc;
        v.v.str.len = json_shared_children_doc(doc, chains[i], 22);
        struct bb_error err = { 0 };
        cr_assert_eq(mongo_append_value(&b, "j", 1, &v, false, &o, &s, &err), BB_ERR_CORRUPT,
                     "chain %zu", chains[i]);
        cr_assert(strstr(err.msg, "JSON: value 1 at offset 10 of its array overlaps"), "%s",
                  err.msg);
        cr_assert_lt(b.len, 1024, "chain %zu: %u bytes of BSON", chains[i], b.len);
    }
    bson_destroy(&b);
    bb_buf_destroy(&s);
}
