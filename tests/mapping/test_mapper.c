/* test_mapper.c - table plans and Redis keys, and checkpoints. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "mapping/checkpoint.h"
#include "mapping/config.h"
#include "mapping/mapper.h"
#include "sinks/redis/redis_key.h"
#include "sinks/redis/redis_options.h"
#include "sinks/sink.h"

/* The index of the registered sink called name (the configurations here
 * are sinks_config_init's). */
static size_t sink_k(const char *name)
{
    for (size_t k = 0; k < sink_ntypes; k++)
        if (strcmp(sink_types[k]->config.name, name) == 0)
            return k;
    cr_assert_fail("no sink %s", name);
    return 0;
}

/* A configuration of the registered sinks with Redis configured. */
static void config_with_redis(struct bb_config *cfg)
{
    struct bb_error err = { 0 };
    cr_assert_eq(sinks_config_init(cfg), 0);
    cr_assert_eq(config_set(cfg, "redis.url", "redis://127.0.0.1:6379/0", &err), 0, "%s", err.msg);
}

/* rule's outputs: n Redis outputs v (none for the other sinks), in outs
 * (SINKS_MAX entries). */
static void rule_redis(struct table_rule *rule, struct config_outputs *outs,
                       struct redis_output *v, size_t n)
{
    memset(outs, 0, SINKS_MAX * sizeof *outs);
    outs[sink_k("redis")] = (struct config_outputs){ v, n };
    rule->outputs = outs;
}

/* A table users(id INT, tenant VARCHAR, name VARCHAR, secret VARCHAR) with
 * primary key (tenant, id). */
struct fixture {
    struct bb_column cols[4];
    uint32_t pk[2];
    struct bb_table t;
    struct bb_value row[4];
};

static void make_table(struct fixture *f, const char *schema, const char *name, bool with_pk)
{
    memset(f, 0, sizeof *f);
    static const char *const names[4] = { "id", "tenant", "name", "secret" };
    static const uint8_t types[4] = { MYSQL_TYPE_LONG, MYSQL_TYPE_VARCHAR, MYSQL_TYPE_VARCHAR,
                                      MYSQL_TYPE_VARCHAR };
    for (int i = 0; i < 4; i++) {
        f->cols[i].name = names[i];
        f->cols[i].type = types[i];
        f->cols[i].charset = 45; /* utf8mb4_general_ci */
        f->cols[i].signedness_known = true;
        f->cols[i].nullable = i >= 2;
    }
    f->pk[0] = 1;
    f->pk[1] = 0;
    f->t.schema = schema;
    f->t.name = name;
    f->t.ncols = 4;
    f->t.cols = f->cols;
    f->t.has_names = true;
    if (with_pk) {
        f->t.npk = 2;
        f->t.pk = f->pk;
    }
    static const char *const text[4] = { NULL, "acme", "Zoë", "x" };
    f->row[0].kind = BB_VALUE_INT;
    f->row[0].v.i = 42;
    for (int i = 0; i < 4; i++) {
        f->row[i].col = &f->cols[i];
        if (i) {
            f->row[i].kind = BB_VALUE_STRING;
            f->row[i].v.str.p = (const uint8_t *)text[i];
            f->row[i].v.str.len = strlen(text[i]);
        }
    }
}

static char *key_of(const struct table_plan *plan, const struct output_plan *tp,
                    const struct bb_value *row, int *rc)
{
    struct bb_buf b;
    bb_buf_init(&b);
    struct bb_error err = { 0 };
    *rc = redis_key_render(plan, tp, row, &b, &err);
    bb_buf_putc(&b, '\0');
    return b.data;
}

Test(mapper, default_mapping_is_a_hash_at_schema_table_pk)
{
    struct bb_config cfg;
    config_with_redis(&cfg);
    struct mapper *m;
    struct bb_error err = { 0 };
    cr_assert_eq(mapper_new(&m, &cfg, &err), 0);
    struct fixture f;
    make_table(&f, "shop", "users", true);
    const struct table_plan *plan;
    cr_assert_eq(mapper_plan(m, &f.t, &plan, &err), 0, "%s", err.msg);
    cr_assert(plan->mirrored);
    cr_assert_eq(plan->noutputs, 1);
    cr_assert_eq(redis_output_of(&plan->outputs[0])->shape, REDIS_SHAPE_HASH);
    cr_assert_eq(plan->nkey_cols, 2);
    for (int i = 0; i < 4; i++)
        cr_assert(plan->outputs[0].columns[i]);
    int rc;
    char *key = key_of(plan, &plan->outputs[0], f.row, &rc);
    cr_assert_eq(rc, 0);
    cr_assert_str_eq(key, "shop:users:acme:42", "primary key in key order (tenant, id)");
    free(key);

    /* The same table again: the cached plan. */
    const struct table_plan *again;
    cr_assert_eq(mapper_plan(m, &f.t, &again, &err), 0);
    cr_assert_eq(again, plan);
    mapper_free(m);
    bb_config_destroy(&cfg);
}

Test(mapper, system_schemas_and_tables_without_keys_are_not_mirrored)
{
    struct bb_config cfg;
    config_with_redis(&cfg);
    struct mapper *m;
    struct bb_error err = { 0 };
    cr_assert_eq(mapper_new(&m, &cfg, &err), 0);
    struct fixture f;
    const struct table_plan *plan;
    make_table(&f, "mysql", "user", true);
    cr_assert_eq(mapper_plan(m, &f.t, &plan, &err), 0);
    cr_assert(!plan->mirrored);
    cr_assert_null(plan->skip_reason, "system tables are skipped silently");
    make_table(&f, "shop", "log", false);
    cr_assert_eq(mapper_plan(m, &f.t, &plan, &err), 0);
    cr_assert(!plan->mirrored);
    cr_assert(plan->skip_reason && strstr(plan->skip_reason, "no primary key"));
    mapper_free(m);
    bb_config_destroy(&cfg);
}

Test(mapper, rules_pick_columns_keys_and_templates)
{
    struct bb_config cfg;
    config_with_redis(&cfg);
    static char *exclude[] = { "SECRET", NULL }; /* names are case-insensitive */
    static char *keys[] = { "id", NULL };
    struct redis_output targets[2];
    memset(targets, 0, sizeof targets);
    targets[0].shape = REDIS_SHAPE_HASH;
    targets[0].key = "user:{tenant}:{id}";
    targets[0].head.exclude_columns = exclude;
    targets[1].shape = REDIS_SHAPE_STREAM;
    targets[1].key = NULL; /* the stream default */
    struct table_rule rule;
    memset(&rule, 0, sizeof rule);
    rule.match = "shop.*";
    rule.key_columns = keys;
    struct config_outputs outs[SINKS_MAX];
    rule_redis(&rule, outs, targets, 2);
    cfg.rules = &rule;
    cfg.nrules = 1;

    struct mapper *m;
    struct bb_error err = { 0 };
    cr_assert_eq(mapper_new(&m, &cfg, &err), 0);
    struct fixture f;
    make_table(&f, "shop", "users", false); /* no primary key: key_columns serve */
    const struct table_plan *plan;
    cr_assert_eq(mapper_plan(m, &f.t, &plan, &err), 0, "%s", err.msg);
    cr_assert(plan->mirrored);
    cr_assert_eq(plan->nkey_cols, 1);
    cr_assert_eq(plan->key_cols[0], 0);
    cr_assert_eq(plan->noutputs, 2);
    cr_assert(!plan->outputs[0].columns[3], "secret is excluded");
    cr_assert(plan->outputs[0].columns[2]);
    int rc;
    char *key = key_of(plan, &plan->outputs[0], f.row, &rc);
    cr_assert_str_eq(key, "user:acme:42");
    free(key);
    key = key_of(plan, &plan->outputs[1], f.row, &rc);
    cr_assert_str_eq(key, "shop:users");
    free(key);

    /* "user:" does not name the table: other tables' keys could share it. */
    struct bb_buf prefix;
    bb_buf_init(&prefix);
    cr_assert_eq(redis_key_prefix(&plan->outputs[0], "shop", "users", &prefix), 1);
    bb_buf_reset(&prefix);
    /* Nor does a stream's "shop:users" (streams are kept anyway). */
    cr_assert_eq(redis_key_prefix(&plan->outputs[1], "shop", "users", &prefix), 1);
    bb_buf_destroy(&prefix);

    /* By name only (TRUNCATE): the same outputs, keys up to their first column. */
    const struct table_plan *named;
    cr_assert_eq(mapper_plan_by_name(m, "shop", "orders", &named, &err), 0, "%s", err.msg);
    cr_assert(named->mirrored);
    cr_assert_eq(named->noutputs, 2);
    bb_buf_init(&prefix);
    cr_assert_eq(redis_key_prefix(&named->outputs[0], "shop", "orders", &prefix), 1);
    bb_buf_destroy(&prefix);

    /* An absent column (a partial image) says so; a NULL key column is an
     * error, a NULL in another column is \N. */
    f.row[1].kind = BB_VALUE_ABSENT;
    key = key_of(plan, &plan->outputs[0], f.row, &rc);
    cr_assert_eq(rc, 1);
    free(key);
    f.row[1].kind = BB_VALUE_NULL;
    key = key_of(plan, &plan->outputs[0], f.row, &rc);
    cr_assert_eq(rc, 0);
    cr_assert_str_eq(key, "user:\\N:42");
    free(key);
    f.row[0].kind = BB_VALUE_NULL;
    key = key_of(plan, &plan->outputs[0], f.row, &rc);
    cr_assert_lt(rc, 0);
    free(key);

    cfg.rules = NULL;
    cfg.nrules = 0;
    mapper_free(m);
    bb_config_destroy(&cfg);
}

Test(mapper, templates_naming_missing_columns_are_usage_errors)
{
    struct bb_config cfg;
    config_with_redis(&cfg);
    struct redis_output target;
    memset(&target, 0, sizeof target);
    target.shape = REDIS_SHAPE_JSON;
    target.key = "user:{email}";
    target.head.line = 7;
    struct table_rule rule;
    memset(&rule, 0, sizeof rule);
    rule.match = "*.users";
    struct config_outputs outs[SINKS_MAX];
    rule_redis(&rule, outs, &target, 1);
    cfg.rules = &rule;
    cfg.nrules = 1;
    cfg.path = strdup("bridge.conf");
    struct mapper *m;
    struct bb_error err = { 0 };
    cr_assert_eq(mapper_new(&m, &cfg, &err), 0);
    struct fixture f;
    make_table(&f, "crm", "users", true);
    const struct table_plan *plan;
    cr_assert_eq(mapper_plan(m, &f.t, &plan, &err), BB_ERR_USAGE);
    cr_assert(strstr(err.msg, "bridge.conf:7: ") == err.msg, "%s", err.msg);
    cr_assert(strstr(err.msg, "'email'"), "%s", err.msg);
    cfg.rules = NULL;
    cfg.nrules = 0;
    mapper_free(m);
    bb_config_destroy(&cfg);
}

Test(mapper, altered_tables_get_a_new_plan_and_key_changes_are_seen)
{
    struct bb_config cfg;
    config_with_redis(&cfg);
    struct mapper *m;
    struct bb_error err = { 0 };
    cr_assert_eq(mapper_new(&m, &cfg, &err), 0);
    struct fixture f, g;
    make_table(&f, "shop", "users", true);
    const struct table_plan *plan;
    cr_assert_eq(mapper_plan(m, &f.t, &plan, &err), 0);
    make_table(&g, "shop", "users", true);
    g.cols[3].name = "renamed";
    const struct table_plan *plan2;
    cr_assert_eq(mapper_plan(m, &g.t, &plan2, &err), 0);
    cr_assert(plan2->mirrored);

    struct bb_value after[4];
    memcpy(after, f.row, sizeof after);
    cr_assert(!mapper_key_changed(plan2, f.row, after));
    after[0].v.i = 43;
    cr_assert(mapper_key_changed(plan2, f.row, after));
    after[0].kind = BB_VALUE_ABSENT; /* MINIMAL after image: unchanged */
    cr_assert(!mapper_key_changed(plan2, f.row, after));
    mapper_free(m);
    bb_config_destroy(&cfg);
}

/* ---- Redis keys are injective (README, "Redis keys") ---- */

/* A config with one Redis output for every table: template tmpl (NULL: the
 * default mapping), row key `keys` (NULL: the primary key). */
struct key_fx {
    struct bb_config cfg;
    struct redis_output target;
    struct config_outputs outs[SINKS_MAX];
    struct table_rule rule;
    struct mapper *m;
};

static void key_fx_init(struct key_fx *k, const char *tmpl, char **keys)
{
    memset(k, 0, sizeof *k);
    config_with_redis(&k->cfg);
    if (tmpl || keys) {
        k->target.shape = REDIS_SHAPE_HASH;
        k->target.key = (char *)tmpl;
        k->rule.match = "*";
        k->rule.key_columns = keys;
        rule_redis(&k->rule, k->outs, &k->target, 1);
        k->cfg.rules = &k->rule;
        k->cfg.nrules = 1;
    }
    struct bb_error err = { 0 };
    cr_assert_eq(mapper_new(&k->m, &k->cfg, &err), 0);
}

static void key_fx_destroy(struct key_fx *k)
{
    k->cfg.rules = NULL;
    k->cfg.nrules = 0;
    mapper_free(k->m);
    bb_config_destroy(&k->cfg);
}

static void set_text(struct bb_value *v, uint8_t kind, const char *p, size_t n)
{
    v->kind = kind;
    v->v.str.p = (const uint8_t *)p;
    v->v.str.len = n;
}

/* The key of row in the only Redis output of schema.table (the fixture's
 * columns), as exact bytes; asserts success. */
static size_t render(struct key_fx *k, struct fixture *f, char *out, size_t size)
{
    const struct table_plan *plan;
    struct bb_error err = { 0 };
    cr_assert_eq(mapper_plan(k->m, &f->t, &plan, &err), 0, "%s", err.msg);
    cr_assert(plan->mirrored && plan->noutputs == 1);
    struct bb_buf b;
    bb_buf_init(&b);
    int rc = redis_key_render(plan, &plan->outputs[0], f->row, &b, &err);
    cr_assert_eq(rc, 0, "%s", err.msg);
    cr_assert_lt(b.len, size);
    memcpy(out, b.data, b.len);
    size_t n = b.len;
    bb_buf_destroy(&b);
    return n;
}

#define assert_key(got, n, want)                                                          \
    cr_assert((n) == sizeof(want) - 1 && memcmp((got), (want), (n)) == 0,                   \
              "key %.*s (%zu bytes), expected %s", (int)(n), (got), (size_t)(n), (want))

Test(mapper, key_values_with_separators_are_escaped)
{
    /* ('x:y','z') and ('x','y:z') of a two-text-column key were both
     * kc:t:x:y:z: one row overwrote the other. */
    static char *keys[] = { "tenant", "name", NULL };
    struct key_fx k;
    key_fx_init(&k, NULL, keys);
    struct fixture f;
    make_table(&f, "kc", "t", false);
    char a[256], b[256];
    set_text(&f.row[1], BB_VALUE_STRING, "x:y", 3);
    set_text(&f.row[2], BB_VALUE_STRING, "z", 1);
    size_t na = render(&k, &f, a, sizeof a);
    assert_key(a, na, "kc:t:x\\:y:z");
    set_text(&f.row[1], BB_VALUE_STRING, "x", 1);
    set_text(&f.row[2], BB_VALUE_STRING, "y:z", 3);
    size_t nb = render(&k, &f, b, sizeof b);
    assert_key(b, nb, "kc:t:x:y\\:z");

    /* The escape character itself, and values that look escaped already. */
    set_text(&f.row[1], BB_VALUE_STRING, "a\\", 2);
    set_text(&f.row[2], BB_VALUE_STRING, ":b", 2);
    na = render(&k, &f, a, sizeof a);
    assert_key(a, na, "kc:t:a\\\\:\\:b");
    set_text(&f.row[1], BB_VALUE_STRING, "a", 1);
    set_text(&f.row[2], BB_VALUE_STRING, "\\:b", 3);
    nb = render(&k, &f, b, sizeof b);
    assert_key(b, nb, "kc:t:a:\\\\\\:b");
    set_text(&f.row[1], BB_VALUE_STRING, "\\N", 2);
    set_text(&f.row[2], BB_VALUE_STRING, "\\\\", 2);
    na = render(&k, &f, a, sizeof a);
    assert_key(a, na, "kc:t:\\\\N:\\\\\\\\");

    /* Empty strings: a field of its own. */
    set_text(&f.row[1], BB_VALUE_STRING, "", 0);
    set_text(&f.row[2], BB_VALUE_STRING, "", 0);
    na = render(&k, &f, a, sizeof a);
    assert_key(a, na, "kc:t::");
    set_text(&f.row[2], BB_VALUE_STRING, ":", 1);
    na = render(&k, &f, a, sizeof a);
    assert_key(a, na, "kc:t::\\:");

    /* Bytes are bytes: NUL, invalid UTF-8, a separator between them. */
    set_text(&f.row[1], BB_VALUE_BINARY, "\0:\xff", 3);
    set_text(&f.row[2], BB_VALUE_BINARY, "\xc3(\\", 3);
    na = render(&k, &f, a, sizeof a);
    assert_key(a, na, "kc:t:\0\\:\xff:\xc3(\\\\");
    key_fx_destroy(&k);

    /* A single-column key '' is "kc:t:", which nothing else renders. */
    static char *one[] = { "name", NULL };
    key_fx_init(&k, NULL, one);
    set_text(&f.row[2], BB_VALUE_STRING, "", 0);
    na = render(&k, &f, a, sizeof a);
    assert_key(a, na, "kc:t:");
    key_fx_destroy(&k);
}

Test(mapper, schema_and_table_names_are_escaped)
{
    struct key_fx k;
    key_fx_init(&k, NULL, NULL);
    struct fixture f;
    char a[256];
    /* Table t:x was kc:t:x:<pk>, inside table t's kc:t:* */
    make_table(&f, "kc", "t:x", true);
    size_t n = render(&k, &f, a, sizeof a);
    assert_key(a, n, "kc:t\\:x:acme:42");
    make_table(&f, "k\\c", "t\\:x*", true);
    n = render(&k, &f, a, sizeof a);
    assert_key(a, n, "k\\\\c:t\\\\\\:x*:acme:42");

    /* Keys without ':' or '\' are what they always were. */
    make_table(&f, "shop", "users", true);
    set_text(&f.row[1], BB_VALUE_STRING, "Zoë / ü*?[]", strlen("Zoë / ü*?[]"));
    n = render(&k, &f, a, sizeof a);
    assert_key(a, n, "shop:users:Zoë / ü*?[]:42");
    key_fx_destroy(&k);
}

Test(mapper, numbers_dates_and_times_are_written_as_they_are)
{
    /* Their text has a fixed layout per column type (a DATETIME always has
     * two ':'), so they cannot be confused: tables keyed by a DATETIME keep
     * their keys. */
    static char *keys[] = { "tenant", "id", NULL };
    struct key_fx k;
    key_fx_init(&k, NULL, keys);
    struct fixture f;
    make_table(&f, "log", "events", false);
    f.cols[1].type = MYSQL_TYPE_DATETIME2;
    f.row[1].kind = BB_VALUE_DATETIME;
    f.row[1].v.tm.year = 2024;
    f.row[1].v.tm.month = 5;
    f.row[1].v.tm.day = 1;
    f.row[1].v.tm.hour = 12;
    f.row[1].v.tm.minute = 34;
    f.row[1].v.tm.second = 56;
    f.row[0].v.i = -7;
    char a[256];
    size_t n = render(&k, &f, a, sizeof a);
    assert_key(a, n, "log:events:2024-05-01 12:34:56:-7");
    f.cols[1].type = MYSQL_TYPE_TIME2;
    f.row[1].kind = BB_VALUE_TIME;
    f.row[1].v.tm.neg = true;
    f.row[1].v.tm.hour = 838;
    n = render(&k, &f, a, sizeof a);
    assert_key(a, n, "log:events:-838:34:56:-7");
    key_fx_destroy(&k);
}

Test(mapper, null_in_a_column_that_is_no_key_column_is_backslash_n)
{
    static char *keys[] = { "id", NULL };
    struct key_fx k;
    key_fx_init(&k, "u:{name}:{secret}:{id}", keys);
    struct fixture f;
    make_table(&f, "shop", "users", false);
    char a[256];
    f.row[2].kind = BB_VALUE_NULL;
    set_text(&f.row[3], BB_VALUE_STRING, "N", 1);
    size_t n = render(&k, &f, a, sizeof a);
    assert_key(a, n, "u:\\N:N:42");
    set_text(&f.row[2], BB_VALUE_STRING, "\\N", 2);
    n = render(&k, &f, a, sizeof a);
    assert_key(a, n, "u:\\\\N:N:42");
    set_text(&f.row[2], BB_VALUE_STRING, "", 0);
    n = render(&k, &f, a, sizeof a);
    assert_key(a, n, "u::N:42");
    key_fx_destroy(&k);
}

Test(mapper, rows_with_null_in_their_key_have_no_key)
{
    /* MySQL's UNIQUE keys (and key_columns) let several rows hold NULL: no
     * key tells them apart. */
    static char *keys[] = { "id", NULL };
    struct key_fx k;
    key_fx_init(&k, "u:{name}:{secret}:{id}", keys);
    struct fixture f;
    make_table(&f, "shop", "users", false);
    const struct table_plan *plan;
    struct bb_error err = { 0 };
    cr_assert_eq(mapper_plan(k.m, &f.t, &plan, &err), 0, "%s", err.msg);
    cr_assert_eq(mapper_null_key_column(plan, f.row, NULL), -1);
    f.row[0].kind = BB_VALUE_NULL;
    cr_assert_eq(mapper_null_key_column(plan, f.row, NULL), 0);
    struct bb_buf b;
    bb_buf_init(&b);
    cr_assert_lt(redis_key_render(plan, &plan->outputs[0], f.row, &b, &err), 0);
    cr_assert(strstr(err.msg, "NULL"), "%s", err.msg);
    bb_buf_destroy(&b);
    /* An update's after image: absent columns come from the before image. */
    struct bb_value after[4], before[4];
    memcpy(before, f.row, sizeof before);
    memcpy(after, f.row, sizeof after);
    after[0].kind = BB_VALUE_ABSENT;
    cr_assert_eq(mapper_null_key_column(plan, after, before), 0);
    before[0].kind = BB_VALUE_INT;
    cr_assert_eq(mapper_null_key_column(plan, after, before), -1);
    key_fx_destroy(&k);
}

Test(mapper, the_default_stream_key_is_no_row_key)
{
    /* It was {schema}:{table}:changes, the hash of the row keyed 'changes'
     * when a table has both default outputs. */
    static char *keys[] = { "name", NULL };
    struct redis_output targets[2];
    memset(targets, 0, sizeof targets);
    targets[0].shape = REDIS_SHAPE_HASH;
    targets[1].shape = REDIS_SHAPE_STREAM;
    struct key_fx k;
    key_fx_init(&k, NULL, keys);
    rule_redis(&k.rule, k.outs, targets, 2);
    struct fixture f;
    make_table(&f, "shop", "users", false);
    const struct table_plan *plan;
    struct bb_error err = { 0 };
    cr_assert_eq(mapper_plan(k.m, &f.t, &plan, &err), 0, "%s", err.msg);
    cr_assert_eq(plan->noutputs, 2);
    static const char *const names[] = { "changes", "", ":" };
    for (size_t i = 0; i < 3; i++) {
        set_text(&f.row[2], BB_VALUE_STRING, names[i], strlen(names[i]));
        int rc;
        char *row = key_of(plan, &plan->outputs[0], f.row, &rc);
        char *stream = key_of(plan, &plan->outputs[1], f.row, &rc);
        cr_assert_str_eq(stream, "shop:users");
        cr_assert_str_neq(row, stream);
        free(row);
        free(stream);
    }
    key_fx_destroy(&k);
}

Test(mapper, outputs_writing_the_same_keys_for_a_table_are_refused)
{
    /* The configuration refuses two outputs with one template; these are
     * different templates with the same keys for shop.users (primary key
     * tenant, id): a json string would replace the hash, or HSET fail. */
    static const char *const same[][2] = {
        { "{schema}:{table}:{pk}", "shop:users:{tenant}:{id}" },
        { "u:{pk}", "u:{tenant}:{id}" },
        { "{table}:{id}", "users:{ID}" },
    };
    static const char *const apart[][2] = {
        { "{schema}:{table}:{pk}", "{schema}:{table}:{id}:{tenant}" },
        { "u:{id}", "u:{name}" },
        { "{table}:{id}", "user:{id}" },
    };
    for (int k = 0; k < 6; k++) {
        const char *const *pair = k < 3 ? same[k] : apart[k - 3];
        struct redis_output targets[2];
        memset(targets, 0, sizeof targets);
        targets[0].shape = REDIS_SHAPE_HASH;
        targets[0].key = (char *)pair[0];
        targets[0].head.line = 3;
        targets[1].shape = REDIS_SHAPE_JSON;
        targets[1].key = (char *)pair[1];
        targets[1].head.line = 4;
        struct key_fx kf;
        key_fx_init(&kf, NULL, NULL);
        kf.rule.match = "*";
        rule_redis(&kf.rule, kf.outs, targets, 2);
        kf.cfg.rules = &kf.rule;
        kf.cfg.nrules = 1;
        struct fixture f;
        make_table(&f, "shop", "users", true);
        const struct table_plan *plan;
        struct bb_error err = { 0 };
        int rc = mapper_plan(kf.m, &f.t, &plan, &err);
        if (k < 3) {
            cr_assert_eq(rc, BB_ERR_USAGE, "%s and %s", pair[0], pair[1]);
            cr_assert(strstr(err.msg, "line 3") && strstr(err.msg, "shop.users"), "%s", err.msg);
        } else {
            cr_assert_eq(rc, 0, "%s and %s: %s", pair[0], pair[1], err.msg);
        }
        key_fx_destroy(&kf);
    }
}

/* Split a key into fields by the documented rule: '\' takes the next byte
 * as it is ("\N" is NULL), an unescaped ':' ends a field. Returns the
 * number of fields; field i is fields[i] (lens[i] bytes, NUL-free is not
 * assumed) or NULL for NULL. */
static size_t split_key(const char *k, size_t n, char fields[][64], size_t *lens, bool *null,
                        size_t max)
{
    size_t nf = 0, len = 0;
    null[0] = false;
    for (size_t i = 0; i < n; i++) {
        if (k[i] == ':') {
            lens[nf++] = len;
            cr_assert_lt(nf, max);
            len = 0;
            null[nf] = false;
            continue;
        }
        char c = k[i];
        if (c == '\\') {
            cr_assert_lt(i + 1, n, "a lone '\\' ends the key");
            c = k[++i];
            cr_assert(c == '\\' || c == ':' || c == 'N', "'\\%c' is no escape", c);
            if (c == 'N') {
                null[nf] = true;
                continue;
            }
        }
        fields[nf][len++] = c;
    }
    lens[nf++] = len;
    return nf;
}

Test(mapper, every_short_composite_key_decodes_back_to_its_values)
{
    /* All strings of up to 3 bytes over an alphabet of the troublesome
     * bytes, as both columns of a key: every key splits back into exactly
     * its names and values, so no two are the same. */
    static const char alphabet[] = { 'a', ':', '\\', 'N', '\0' };
    char strs[200][4];
    size_t lens[200], ns = 0;
    for (size_t len = 0; len <= 3; len++) {
        size_t total = 1;
        for (size_t i = 0; i < len; i++)
            total *= sizeof alphabet;
        for (size_t x = 0; x < total; x++) {
            size_t y = x;
            for (size_t i = 0; i < len; i++, y /= sizeof alphabet)
                strs[ns][i] = alphabet[y % sizeof alphabet];
            lens[ns++] = len;
        }
    }
    cr_assert_eq(ns, 156);
    static char *keys[] = { "tenant", "name", NULL };
    struct key_fx k;
    key_fx_init(&k, NULL, keys);
    struct fixture f;
    make_table(&f, "s:", ":t\\", false);
    const struct table_plan *plan;
    struct bb_error err = { 0 };
    cr_assert_eq(mapper_plan(k.m, &f.t, &plan, &err), 0, "%s", err.msg);
    struct bb_buf b;
    bb_buf_init(&b);
    for (size_t i = 0; i < ns; i++)
        for (size_t j = 0; j < ns; j++) {
            set_text(&f.row[1], BB_VALUE_BINARY, strs[i], lens[i]);
            set_text(&f.row[2], BB_VALUE_BINARY, strs[j], lens[j]);
            bb_buf_reset(&b);
            cr_assert_eq(redis_key_render(plan, &plan->outputs[0], f.row, &b, &err), 0);
            char fields[8][64];
            size_t flen[8];
            bool null[8];
            size_t nf = split_key(b.data, b.len, fields, flen, null, 8);
            cr_assert_eq(nf, 4, "key %zu/%zu has %zu fields", i, j, nf);
            cr_assert(flen[0] == 2 && memcmp(fields[0], "s:", 2) == 0);
            cr_assert(flen[1] == 3 && memcmp(fields[1], ":t\\", 3) == 0);
            cr_assert(!null[2] && !null[3]);
            cr_assert(flen[2] == lens[i] && memcmp(fields[2], strs[i], lens[i]) == 0);
            cr_assert(flen[3] == lens[j] && memcmp(fields[3], strs[j], lens[j]) == 0);
        }
    bb_buf_destroy(&b);
    key_fx_destroy(&k);
}

Test(mapper, a_tables_prefix_matches_only_its_own_keys)
{
    struct key_fx k;
    key_fx_init(&k, NULL, NULL);
    const struct table_plan *plan;
    struct bb_error err = { 0 };
    struct bb_buf p;
    bb_buf_init(&p);
    /* TRUNCATE of kc.t scanned kc:t:*, which held kc.`t:x`'s keys too. */
    cr_assert_eq(mapper_plan_by_name(k.m, "kc", "t:x", &plan, &err), 0, "%s", err.msg);
    cr_assert_eq(redis_key_prefix(&plan->outputs[0], "kc", "t:x", &p), 0);
    cr_assert_str_eq(p.data, "kc:t\\:x:");
    bb_buf_reset(&p);
    cr_assert_eq(mapper_plan_by_name(k.m, "k*c", "t\\", &plan, &err), 0, "%s", err.msg);
    cr_assert_eq(redis_key_prefix(&plan->outputs[0], "k*c", "t\\", &p), 0);
    cr_assert_str_eq(p.data, "k*c:t\\\\:");
    bb_buf_destroy(&p);
    key_fx_destroy(&k);

    /* A name not ended by ':' does not end for sure: t's prefix would be
     * tx's too ("{table}{id}"), and a.b + c's that of a + b.c. */
    static const char *const open_ended[] = { "{table}{id}", "{schema}.{table}:{id}",
                                              "{schema}:{table}" };
    for (size_t i = 0; i < sizeof open_ended / sizeof *open_ended; i++) {
        key_fx_init(&k, open_ended[i], NULL);
        cr_assert_eq(mapper_plan_by_name(k.m, "kc", "t", &plan, &err), 0, "%s", err.msg);
        bb_buf_init(&p);
        cr_assert_eq(redis_key_prefix(&plan->outputs[0], "kc", "t", &p), 1, "%s",
                     open_ended[i]);
        bb_buf_destroy(&p);
        key_fx_destroy(&k);
    }
    key_fx_init(&k, "c:{schema}:{table}:x:{id}", NULL);
    cr_assert_eq(mapper_plan_by_name(k.m, "kc", "t", &plan, &err), 0, "%s", err.msg);
    bb_buf_init(&p);
    cr_assert_eq(redis_key_prefix(&plan->outputs[0], "kc", "t", &p), 0);
    cr_assert_str_eq(p.data, "c:kc:t:x:");
    bb_buf_destroy(&p);
    key_fx_destroy(&k);
}

Test(mapper, keys_that_would_hold_checkpoints_are_refused)
{
    /* binbridge.checkpoint's row 'binbridge' was binbridge:checkpoint:binbridge,
     * the checkpoint itself. */
    struct key_fx k;
    key_fx_init(&k, NULL, NULL);
    struct fixture f;
    make_table(&f, "binbridge", "checkpoint", true);
    const struct table_plan *plan;
    struct bb_error err = { 0 };
    cr_assert_eq(mapper_plan(k.m, &f.t, &plan, &err), BB_ERR_USAGE);
    cr_assert(strstr(err.msg, "binbridge:checkpoint:"), "%s", err.msg);
    bb_error_clear(&err);
    cr_assert_eq(mapper_plan_by_name(k.m, "binbridge", "checkpoint", &plan, &err), BB_ERR_USAGE);
    bb_error_clear(&err);
    /* Other tables of a schema named binbridge are fine. */
    make_table(&f, "binbridge", "checkpoints", true);
    cr_assert_eq(mapper_plan(k.m, &f.t, &plan, &err), 0, "%s", err.msg);
    make_table(&f, "binbridge", "checkpoint:x", true);
    cr_assert_eq(mapper_plan(k.m, &f.t, &plan, &err), 0, "%s", err.msg);
    key_fx_destroy(&k);

    key_fx_init(&k, "binbridge:checkpoint:{id}", NULL);
    make_table(&f, "shop", "users", true);
    cr_assert_eq(mapper_plan(k.m, &f.t, &plan, &err), BB_ERR_USAGE);
    bb_error_clear(&err);
    key_fx_destroy(&k);
    key_fx_init(&k, "binbridge:{id}", NULL);
    cr_assert_eq(mapper_plan(k.m, &f.t, &plan, &err), 0, "%s", err.msg);
    key_fx_destroy(&k);
}

Test(checkpoint, order_text_and_fields)
{
    struct checkpoint a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    strcpy(a.file, "mysql-bin.000009");
    a.pos = 500;
    strcpy(b.file, "mysql-bin.000010");
    b.pos = 4;
    cr_assert_lt(checkpoint_compare(&a, &b), 0, "file numbers, not text");
    b = a;
    b.rows_done = 3;
    cr_assert_lt(checkpoint_compare(&a, &b), 0);
    char text[600];
    cr_assert_str_eq(checkpoint_position_text(&b, text, sizeof text), "mysql-bin.000009:500+3 rows");

    strcpy(a.gtid, "");
    struct bb_error err = { 0 };
    cr_assert_eq(checkpoint_note_mariadb_gtid(&a, 1, 7, 99, &err), 0);
    cr_assert_eq(checkpoint_note_mariadb_gtid(&a, 0, 1, 42, &err), 0);
    cr_assert_eq(checkpoint_note_mariadb_gtid(&a, 1, 8, 100, &err), 0);
    cr_assert_str_eq(a.gtid, "0-1-42,1-8-100");

    a.commit_time = 1700000000;
    a.server_id = 1;
    char values[CHECKPOINT_NFIELDS][CHECKPOINT_GTID_MAX];
    checkpoint_field_values(&a, values);
    const char *vals[CHECKPOINT_NFIELDS];
    size_t lens[CHECKPOINT_NFIELDS];
    for (int i = 0; i < CHECKPOINT_NFIELDS; i++) {
        vals[i] = values[i];
        lens[i] = strlen(values[i]);
    }
    struct checkpoint back;
    cr_assert_eq(checkpoint_from_fields(&back, checkpoint_field_names, vals, lens,
                                        CHECKPOINT_NFIELDS, &err), 0, "%s", err.msg);
    cr_assert_eq(checkpoint_compare(&a, &back), 0);
    cr_assert_str_eq(back.gtid, a.gtid);
    cr_assert_eq(back.commit_time, a.commit_time);

    vals[1] = "12x";
    lens[1] = 3;
    cr_assert_lt(checkpoint_from_fields(&back, checkpoint_field_names, vals, lens,
                                        CHECKPOINT_NFIELDS, &err), 0);
    cr_assert(strstr(err.msg, "pos"), "%s", err.msg);
}
