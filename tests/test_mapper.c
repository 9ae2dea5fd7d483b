/* test_mapper.c - table plans and Redis keys, and checkpoints. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "checkpoint.h"
#include "config.h"
#include "mapper.h"

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

static char *key_of(const struct table_plan *plan, const struct target_plan *tp,
                    const struct bb_value *row, int *rc)
{
    struct bb_buf b;
    bb_buf_init(&b);
    struct bb_error err = { 0 };
    *rc = mapper_redis_key(plan, tp, row, &b, &err);
    bb_buf_putc(&b, '\0');
    return b.data;
}

Test(mapper, default_mapping_is_a_hash_at_schema_table_pk)
{
    struct bb_config cfg;
    bb_config_init(&cfg);
    cfg.redis_url = strdup("redis://127.0.0.1:6379/0");
    struct mapper *m;
    struct bb_error err = { 0 };
    cr_assert_eq(mapper_new(&m, &cfg, &err), 0);
    struct fixture f;
    make_table(&f, "shop", "users", true);
    const struct table_plan *plan;
    cr_assert_eq(mapper_plan(m, &f.t, &plan, &err), 0, "%s", err.msg);
    cr_assert(plan->mirrored);
    cr_assert_eq(plan->ntargets, 1);
    cr_assert_eq(plan->targets[0].redis->shape, REDIS_SHAPE_HASH);
    cr_assert_eq(plan->nkey_cols, 2);
    for (int i = 0; i < 4; i++)
        cr_assert(plan->targets[0].columns[i]);
    int rc;
    char *key = key_of(plan, &plan->targets[0], f.row, &rc);
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
    bb_config_init(&cfg);
    cfg.redis_url = strdup("redis://127.0.0.1:6379/0");
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
    bb_config_init(&cfg);
    cfg.redis_url = strdup("redis://127.0.0.1:6379/0");
    static char *exclude[] = { "SECRET", NULL }; /* names are case-insensitive */
    static char *keys[] = { "id", NULL };
    struct redis_target targets[2];
    memset(targets, 0, sizeof targets);
    targets[0].shape = REDIS_SHAPE_HASH;
    targets[0].key = "user:{tenant}:{id}";
    targets[0].exclude_columns = exclude;
    targets[1].shape = REDIS_SHAPE_STREAM;
    targets[1].key = NULL; /* the stream default */
    struct table_rule rule;
    memset(&rule, 0, sizeof rule);
    rule.match = "shop.*";
    rule.key_columns = keys;
    rule.redis = targets;
    rule.nredis = 2;
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
    cr_assert_eq(plan->ntargets, 2);
    cr_assert(!plan->targets[0].columns[3], "secret is excluded");
    cr_assert(plan->targets[0].columns[2]);
    int rc;
    char *key = key_of(plan, &plan->targets[0], f.row, &rc);
    cr_assert_str_eq(key, "user:acme:42");
    free(key);
    key = key_of(plan, &plan->targets[1], f.row, &rc);
    cr_assert_str_eq(key, "shop:users:changes");
    free(key);

    /* "user:" does not name the table: other tables' keys could share it. */
    struct bb_buf prefix;
    bb_buf_init(&prefix);
    cr_assert_eq(mapper_redis_key_prefix(&plan->targets[0], "shop", "users", &prefix), 1);
    bb_buf_reset(&prefix);
    cr_assert_eq(mapper_redis_key_prefix(&plan->targets[1], "shop", "users", &prefix), 0);
    cr_assert_str_eq(prefix.data, "shop:users:changes");
    bb_buf_destroy(&prefix);

    /* By name only (TRUNCATE): the same outputs, keys up to their first column. */
    const struct table_plan *named;
    cr_assert_eq(mapper_plan_by_name(m, "shop", "orders", &named, &err), 0, "%s", err.msg);
    cr_assert(named->mirrored);
    cr_assert_eq(named->ntargets, 2);
    bb_buf_init(&prefix);
    cr_assert_eq(mapper_redis_key_prefix(&named->targets[0], "shop", "orders", &prefix), 1);
    bb_buf_destroy(&prefix);

    /* An absent key column (a partial image) says so; a NULL one is an error. */
    f.row[1].kind = BB_VALUE_ABSENT;
    key = key_of(plan, &plan->targets[0], f.row, &rc);
    cr_assert_eq(rc, 1);
    free(key);
    f.row[1].kind = BB_VALUE_NULL;
    key = key_of(plan, &plan->targets[0], f.row, &rc);
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
    bb_config_init(&cfg);
    cfg.redis_url = strdup("redis://127.0.0.1:6379/0");
    struct redis_target target;
    memset(&target, 0, sizeof target);
    target.shape = REDIS_SHAPE_JSON;
    target.key = "user:{email}";
    target.line = 7;
    struct table_rule rule;
    memset(&rule, 0, sizeof rule);
    rule.match = "*.users";
    rule.redis = &target;
    rule.nredis = 1;
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
    bb_config_init(&cfg);
    cfg.redis_url = strdup("redis://127.0.0.1:6379/0");
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
