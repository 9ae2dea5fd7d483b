/* test_config.c - the configuration of `binbridge run`: defaults, every
 * example file in config/ (loaded and its values checked), the exact
 * "FILE:LINE: reason" of every kind of mistake, command-line overrides,
 * globs, the include/exclude lists and rule order. Bad files are written
 * to a temporary directory. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "mapping/config.h"
#include "sinks/mongo/mongo_options.h"
#include "sinks/redis/redis_options.h"
#include "sinks/sink.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* The registered sinks' settings and a rule's outputs for them. */
static size_t sink_k(const char *name)
{
    for (size_t k = 0; k < sink_ntypes; k++)
        if (strcmp(sink_types[k]->config.name, name) == 0)
            return k;
    cr_assert_fail("no sink %s", name);
    return 0;
}
#define REDIS(c) ((struct redis_settings *)config_sink_settings((c), sink_k("redis")))
#define MONGO(c) ((struct mongo_settings *)config_sink_settings((c), sink_k("mongo")))
#define NREDIS(r) ((r)->outputs[sink_k("redis")].n)
#define NMONGO(r) ((r)->outputs[sink_k("mongo")].n)
#define ROUT(r) ((const struct redis_output *)(r)->outputs[sink_k("redis")].v)
#define MOUT(r) ((const struct mongo_output *)(r)->outputs[sink_k("mongo")].v)

static char tmp_path[256];

/* Write text to a fresh temporary file; returns its path (static). */
static const char *write_tmp(const char *text)
{
    char dir[] = "/tmp/bb-config-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    snprintf(tmp_path, sizeof tmp_path, "%s/test.conf", dir);
    FILE *f = fopen(tmp_path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
    return tmp_path;
}

static void remove_tmp(void)
{
    if (!tmp_path[0])
        return;
    unlink(tmp_path);
    char *slash = strrchr(tmp_path, '/');
    *slash = '\0';
    rmdir(tmp_path);
    tmp_path[0] = '\0';
}

/* Load text as a file into cfg (prepared here); returns the load's code. */
static int load_text(struct bb_config *cfg, const char *text, struct bb_error *err)
{
    sinks_config_init(cfg);
    memset(err, 0, sizeof *err);
    int rc = config_load_file(cfg, write_tmp(text), err);
    return rc;
}

/* The file must fail to load with "PATH" + tail, e.g. tail ":3: reason". */
static void expect_error(const char *text, const char *tail)
{
    struct bb_config cfg;
    struct bb_error err;
    int rc = load_text(&cfg, text, &err);
    char want[1024];
    snprintf(want, sizeof want, "%s%s", tmp_path, tail);
    cr_expect_eq(rc, BB_ERR_USAGE, "for %s: rc %d (%s)", text, rc, err.msg);
    cr_expect_eq(err.code, BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, want, "for:\n%s\nwant: %s\ngot:  %s", text, want, err.msg);
    bb_config_destroy(&cfg);
    remove_tmp();
}

/* The file must load; cfg is left for the caller to inspect and destroy. */
static void expect_load(struct bb_config *cfg, const char *text)
{
    struct bb_error err;
    int rc = load_text(cfg, text, &err);
    cr_assert_eq(rc, 0, "for:\n%s\ngot: %s", text, err.msg);
    remove_tmp();
}

/* Load then validate; returns validate's message ("" when valid). */
static void expect_valid_error(const char *text, const char *tail)
{
    struct bb_config cfg;
    struct bb_error err;
    cr_assert_eq(load_text(&cfg, text, &err), 0, "%s", err.msg);
    int rc = config_validate(&cfg, &err);
    char want[1024];
    snprintf(want, sizeof want, "%s%s", tmp_path, tail);
    cr_expect_eq(rc, BB_ERR_USAGE, "for %s", text);
    cr_expect_str_eq(err.msg, want);
    bb_config_destroy(&cfg);
    remove_tmp();
}

static void expect_list(config_list got, const char *const *want, const char *what)
{
    size_t i = 0;
    cr_assert_not_null(got, "%s is NULL", what);
    for (; want[i]; i++) {
        cr_assert_not_null(got[i], "%s: too short at %zu", what, i);
        cr_expect_str_eq(got[i], want[i], "%s[%zu]", what, i);
    }
    cr_expect_null(got[i], "%s: longer than expected", what);
}
#define LIST(...) ((const char *const[]){ __VA_ARGS__, NULL })
/* One rule for a.b with one output holding x. */
#define RULE_REDIS(x) "rules = ( { match = \"a.b\"; redis = { " x " }; } );\n"
#define RULE_MONGO(x) "rules = ( { match = \"a.b\"; mongo = { " x " }; } );\n"
#define BETWEEN(name, lo, hi) name " must be an integer between " #lo " and " #hi

static void set_secrets(void)
{
    setenv("MYSQL_PWD", "s", 1);
    setenv("REDIS_PASSWORD", "s", 1);
    setenv("MONGO_PASSWORD", "s", 1);
}

static void load_example(struct bb_config *cfg, const char *path)
{
    struct bb_error err = { 0 };
    sinks_config_init(cfg);
    cr_assert_eq(config_load_file(cfg, path, &err), 0, "%s", err.msg);
    set_secrets();
    cr_assert_eq(config_validate(cfg, &err), 0, "%s", err.msg);
    cr_expect_str_eq(cfg->path, path);
}

/* ------------------------------------------------------------------ */
/* Defaults                                                            */

static void expect_defaults_except_sources(const struct bb_config *c)
{
    cr_expect_eq(c->server_id, 0u);
    cr_expect_eq(c->start, START_CURRENT);
    cr_expect_eq(c->heartbeat, 1.0);
    cr_expect_eq(c->resume, RESUME_AUTO);
    cr_expect_eq(c->catch_up_wait, 60.0);
    cr_expect_null(c->source_urls);
    cr_expect_eq(MONGO(c)->oversize, MONGO_OVERSIZE_STOP);
    cr_expect_eq(c->batch_rows, 5000u);
    cr_expect_eq(c->batch_bytes, 16u << 20);
    cr_expect_eq(c->batch_delay_ms, 100u);
    cr_expect_eq(c->retry_initial_ms, 200u);
    cr_expect_eq(c->retry_max_ms, 30000u);
    cr_expect_eq(c->progress_interval, 10u);
    cr_expect_str_eq(c->log_level, "info");
}

Test(config, defaults)
{
    struct bb_config c;
    sinks_config_init(&c);
    expect_defaults_except_sources(&c);
    cr_expect_null(c.path);
    cr_expect_null(c.source_url);
    cr_expect_null(c.source_password_env);
    cr_expect_null(REDIS(&c)->url);
    cr_expect_null(REDIS(&c)->password_env);
    cr_expect_null(MONGO(&c)->url);
    cr_expect_null(MONGO(&c)->password_env);
    cr_expect_str_eq(c.checkpoint_name, "binbridge");
    cr_expect_null(c.include_schemas);
    cr_expect_null(c.exclude_schemas);
    cr_expect_null(c.include_tables);
    cr_expect_null(c.exclude_tables);
    cr_expect_null(c.rules);
    cr_expect_eq(c.nrules, 0u);
    bb_config_destroy(&c);
    bb_config_destroy(&c); /* destroyed twice: a no-op the second time */
    bb_config_destroy(NULL);
}

Test(config, zero_config_from_the_command_line)
{
    struct bb_config c;
    struct bb_error err = { 0 };
    sinks_config_init(&c);
    cr_expect_eq(config_validate(&c, &err), BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, "no source: set source.url or give --source mysql://user@host:port");
    memset(&err, 0, sizeof err);
    cr_assert_eq(config_set_string(&c.source_url, "mysql://repl@db:3306", &err), 0);
    cr_expect_eq(config_validate(&c, &err), BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, "nothing to write to: set redis.url or mongo.url, or give --redis "
                              "redis://host:port or --mongo mongodb://host:port");
    memset(&err, 0, sizeof err);
    cr_assert_eq(config_set_string(&REDIS(&c)->url, "redis://127.0.0.1:6379/0", &err), 0);
    cr_expect_eq(config_validate(&c, &err), 0, "%s", err.msg);
    /* No rules: every user table, the default mapping. */
    cr_expect(config_table_included(&c, "shop", "users"));
    cr_expect_null(config_rule_for(&c, "shop", "users"));
    cr_expect_eq(redis_default_output.shape, REDIS_SHAPE_HASH);
    cr_expect_str_eq(redis_default_output.key, "{schema}:{table}:{pk}");
    cr_expect_str_eq(mongo_default_output.database, "{schema}");
    cr_expect_str_eq(mongo_default_output.collection, "{table}");
    cr_expect_not(mongo_default_output.update_set);
    /* A bad URL from the command line is named without a file. */
    cr_assert_eq(config_set_string(&REDIS(&c)->url, "http://cache", &err), 0);
    cr_expect_eq(config_validate(&c, &err), BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, "redis.url: the URL must be redis[s]://[[user]:password@]host[:port][/db] or "
                              "unix://[[user]:password@]/path/to/socket[?db=N], got \"http://cache\"");
    bb_config_destroy(&c);
}

Test(config, set_string_replaces_and_clears)
{
    char *slot = NULL;
    struct bb_error err = { 0 };
    cr_assert_eq(config_set_string(&slot, "a", &err), 0);
    cr_expect_str_eq(slot, "a");
    char *old = slot;
    cr_assert_eq(config_set_string(&slot, "b", &err), 0);
    cr_expect_str_eq(slot, "b");
    cr_expect_neq(slot, old); /* a new copy, never the old address */
    cr_assert_eq(config_set_string(&slot, NULL, &err), 0);
    cr_expect_null(slot);
}

/* ------------------------------------------------------------------ */
/* The example files                                                   */

Test(config, example_redis_default)
{
    struct bb_config c;
    load_example(&c, "config/redis-default.conf");
    cr_expect_str_eq(c.source_url, "mysql://repl@127.0.0.1:3306");
    cr_expect_str_eq(c.source_password_env, "MYSQL_PWD");
    cr_expect_str_eq(REDIS(&c)->url, "redis://127.0.0.1:6379/0");
    cr_expect_null(REDIS(&c)->password_env);
    cr_expect_null(MONGO(&c)->url);
    cr_expect_str_eq(c.checkpoint_name, "binbridge");
    cr_expect_null(c.include_schemas);
    cr_expect_null(c.exclude_tables);
    cr_expect_eq(c.nrules, 0u);
    expect_defaults_except_sources(&c);
    cr_expect_not(config_table_included(&c, "mysql", "user"));
    cr_expect(config_table_included(&c, "anything", "at_all"));
    bb_config_destroy(&c);
}

Test(config, example_redis_full)
{
    struct bb_config c;
    load_example(&c, "config/redis-full.conf");
    cr_expect_str_eq(c.source_url, "mysql://repl@db.internal:3306");
    cr_expect_str_eq(c.source_password_env, "MYSQL_PWD");
    cr_expect_eq(c.server_id, 4242u);
    cr_expect_eq(c.start, START_CURRENT);
    cr_expect_eq(c.heartbeat, 1.0);
    cr_expect_eq(c.resume, RESUME_AUTO);
    cr_expect_eq(c.catch_up_wait, 60.0);
    cr_expect_str_eq(REDIS(&c)->url, "redis://cache.internal:6379/2");
    cr_expect_str_eq(REDIS(&c)->password_env, "REDIS_PASSWORD");
    cr_expect_null(MONGO(&c)->url);
    cr_expect_str_eq(c.checkpoint_name, "shop-cache");
    expect_list(c.include_schemas, LIST("shop", "shop_*"), "include_schemas");
    expect_list(c.exclude_schemas, LIST("shop_archive"), "exclude_schemas");
    expect_list(c.include_tables, LIST("shop.*", "shop_eu.*"), "include_tables");
    expect_list(c.exclude_tables, LIST("shop.audit_*", "*.tmp_?"), "exclude_tables");
    cr_expect_eq(c.batch_rows, 5000u);
    cr_expect_eq(c.batch_bytes, 16777216u);
    cr_expect_eq(c.batch_delay_ms, 100u);
    cr_expect_eq(c.retry_initial_ms, 200u);
    cr_expect_eq(c.retry_max_ms, 30000u);
    cr_expect_eq(c.progress_interval, 10u);
    cr_expect_str_eq(c.log_level, "info");
    cr_expect_str_eq(c.log_format, "text");
    cr_expect_str_eq(c.http_listen, "127.0.0.1:9108");

    cr_assert_eq(c.nrules, 3u);
    const struct table_rule *r = &c.rules[0];
    cr_expect_str_eq(r->match, "shop.users");
    cr_expect_null(r->key_columns);
    cr_expect_eq(NMONGO(r), 0u);
    cr_assert_eq(NREDIS(r), 2u);
    cr_expect_eq(ROUT(r)[0].shape, REDIS_SHAPE_HASH);
    cr_expect_str_eq(ROUT(r)[0].key, "user:{id}");
    cr_expect_eq(ROUT(r)[0].ttl, 3600u);
    cr_expect_eq(ROUT(r)[0].maxlen, 0u);
    cr_expect_null(ROUT(r)[0].head.include_columns);
    expect_list(ROUT(r)[0].head.exclude_columns, LIST("password_hash"), "exclude_columns");
    cr_expect_eq(ROUT(r)[1].shape, REDIS_SHAPE_STREAM);
    cr_expect_str_eq(ROUT(r)[1].key, "changes:{schema}:{table}");
    cr_expect_eq(ROUT(r)[1].maxlen, 100000u);
    cr_expect_eq(ROUT(r)[1].ttl, 0u);
    cr_expect_gt(ROUT(r)[1].head.line, ROUT(r)[0].head.line);

    r = &c.rules[1];
    cr_expect_str_eq(r->match, "shop*.orders");
    expect_list(r->key_columns, LIST("tenant_id", "id"), "key_columns");
    cr_assert_eq(NREDIS(r), 1u);
    cr_expect_eq(ROUT(r)[0].shape, REDIS_SHAPE_JSON);
    cr_expect_str_eq(ROUT(r)[0].key, "{schema}:order:{pk}");
    expect_list(ROUT(r)[0].head.include_columns,
                LIST("id", "tenant_id", "total", "status", "updated_at"), "include_columns");

    r = &c.rules[2];
    cr_expect_str_eq(r->match, "*.products");
    cr_assert_eq(NREDIS(r), 2u);
    cr_expect_eq(ROUT(r)[0].shape, REDIS_SHAPE_HASH);
    cr_expect_str_eq(ROUT(r)[0].key, "{schema}:{table}:{pk}");
    cr_expect_eq(ROUT(r)[1].shape, REDIS_SHAPE_STREAM);
    cr_expect_str_eq(ROUT(r)[1].key, "{schema}:{table}");

    /* Which tables, and by which rule. */
    cr_expect(config_table_included(&c, "shop", "users"));
    cr_expect(config_table_included(&c, "shop_eu", "orders"));
    cr_expect_not(config_table_included(&c, "shop_us", "orders"));   /* not in include_tables */
    cr_expect_not(config_table_included(&c, "shop_archive", "orders"));
    cr_expect_not(config_table_included(&c, "shop", "audit_log"));
    cr_expect_not(config_table_included(&c, "shop", "tmp_1"));
    cr_expect(config_table_included(&c, "shop", "tmp_12"));
    cr_expect_not(config_table_included(&c, "crm", "users"));
    cr_expect_eq(config_rule_for(&c, "shop", "users"), &c.rules[0]);
    cr_expect_eq(config_rule_for(&c, "shop_eu", "orders"), &c.rules[1]);
    cr_expect_eq(config_rule_for(&c, "shop", "products"), &c.rules[2]);
    cr_expect_null(config_rule_for(&c, "shop", "carts"));
    bb_config_destroy(&c);
}

Test(config, example_mongo)
{
    struct bb_config c;
    load_example(&c, "config/mongo.conf");
    cr_expect_str_eq(c.source_url, "mariadb://repl@127.0.0.1:3306");
    cr_expect_eq(c.start, START_CURRENT);
    cr_expect_null(REDIS(&c)->url);
    cr_expect_str_eq(MONGO(&c)->url, "mongodb://binbridge@127.0.0.1:27017/?replicaSet=rs0");
    cr_expect_str_eq(MONGO(&c)->password_env, "MONGO_PASSWORD");
    cr_expect_eq(MONGO(&c)->oversize, MONGO_OVERSIZE_SKIP);
    cr_expect_str_eq(c.checkpoint_name, "shop-mirror");
    expect_list(c.exclude_tables, LIST("*.sessions"), "exclude_tables");

    cr_assert_eq(c.nrules, 3u);
    const struct table_rule *r = &c.rules[0];
    cr_expect_str_eq(r->match, "*.orders");
    cr_expect_eq(NREDIS(r), 0u);
    cr_assert_eq(NMONGO(r), 1u);
    const struct mongo_output *m = &MOUT(r)[0];
    cr_expect_str_eq(m->database, "orders");
    cr_expect_str_eq(m->collection, "{schema}_orders");
    cr_expect(m->update_set);
    cr_expect_not(m->dates_as_strings);
    expect_list(m->renames, LIST("total", "amount", "created", "createdAt"), "renames");
    cr_expect_null(m->head.include_columns);
    cr_expect_null(m->head.exclude_columns);

    r = &c.rules[1];
    cr_expect_str_eq(r->match, "metrics.samples");
    expect_list(r->key_columns, LIST("sensor_id", "taken_at"), "key_columns");
    cr_assert_eq(NMONGO(r), 1u);
    m = &MOUT(r)[0];
    cr_expect_str_eq(m->database, "{schema}");
    cr_expect_str_eq(m->collection, "{table}");
    cr_expect(m->dates_as_strings);
    cr_expect_not(m->update_set);
    expect_list(m->head.exclude_columns, LIST("raw_payload"), "exclude_columns");

    r = &c.rules[2];
    cr_assert_eq(NMONGO(r), 2u);
    cr_expect_str_eq(MOUT(r)[0].database, "{schema}");
    cr_expect_str_eq(MOUT(r)[0].collection, "{table}");
    expect_list(MOUT(r)[0].head.exclude_columns, LIST("password_hash"), "exclude_columns");
    cr_expect_str_eq(MOUT(r)[1].database, "public");
    cr_expect_str_eq(MOUT(r)[1].collection, "profiles");
    expect_list(MOUT(r)[1].head.include_columns, LIST("id", "name", "avatar_url"), "include_columns");
    cr_expect_not(config_table_included(&c, "shop", "sessions"));
    bb_config_destroy(&c);
}

Test(config, example_both)
{
    struct bb_config c;
    load_example(&c, "config/both.conf");
    cr_expect_str_eq(REDIS(&c)->url, "redis://127.0.0.1:6379/0");
    cr_expect_str_eq(MONGO(&c)->url, "mongodb://127.0.0.1:27017");
    cr_expect_str_eq(c.checkpoint_name, "shop-both");
    expect_list(c.include_schemas, LIST("shop", "crm"), "include_schemas");
    expect_list(c.exclude_tables, LIST("shop.audit_*"), "exclude_tables");
    cr_assert_eq(c.nrules, 3u);

    const struct table_rule *r = &c.rules[0];
    cr_expect_str_eq(r->match, "shop.sessions");
    cr_assert_eq(NREDIS(r), 1u);
    cr_expect_eq(NMONGO(r), 0u);
    cr_expect_eq(ROUT(r)[0].shape, REDIS_SHAPE_HASH);
    cr_expect_str_eq(ROUT(r)[0].key, "session:{token}");
    cr_expect_eq(ROUT(r)[0].ttl, 1800u);

    r = &c.rules[1];
    cr_expect_str_eq(r->match, "*.orders");
    cr_assert_eq(NREDIS(r), 1u);
    cr_assert_eq(NMONGO(r), 1u);
    cr_expect_eq(ROUT(r)[0].shape, REDIS_SHAPE_JSON);
    cr_expect_str_eq(ROUT(r)[0].key, "{schema}:order:{id}");
    expect_list(ROUT(r)[0].head.include_columns, LIST("id", "total", "status"), "include_columns");
    cr_expect_str_eq(MOUT(r)[0].database, "{schema}");
    cr_expect_str_eq(MOUT(r)[0].collection, "orders");
    cr_expect(MOUT(r)[0].update_set);
    expect_list(MOUT(r)[0].renames, LIST("total", "amount"), "renames");

    r = &c.rules[2];
    cr_expect_str_eq(r->match, "crm.customers");
    cr_assert_eq(NREDIS(r), 1u);
    cr_expect_eq(ROUT(r)[0].shape, REDIS_SHAPE_STREAM);
    cr_expect_str_eq(ROUT(r)[0].key, "audit:{schema}:{table}");
    cr_expect_eq(ROUT(r)[0].maxlen, 1000000u);

    cr_expect(config_table_included(&c, "crm", "customers"));
    cr_expect_not(config_table_included(&c, "billing", "invoices"));
    cr_expect_not(config_table_included(&c, "shop", "audit_2024"));
    cr_expect_null(config_rule_for(&c, "crm", "users")); /* default mapping, both sinks */
    bb_config_destroy(&c);
}

/* Every option config_describe lists is documented in config/README.md,
 * and set in an example file: top-level, rule and Redis options in
 * redis-full.conf, MongoDB ones in mongo.conf. */
Test(config, every_option_documented_and_exemplified)
{
    char *listing = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&listing, &size);
    cr_assert_not_null(out);
    struct bb_config d;
    cr_assert_eq(sinks_config_init(&d), 0);
    config_describe(&d, out); /* the engine's options and every registered sink's */
    bb_config_destroy(&d);
    fclose(out);

    FILE *f = fopen("config/README.md", "r");
    cr_assert_not_null(f, "config/README.md");
    char readme[65536];
    size_t n = fread(readme, 1, sizeof readme - 1, f);
    readme[n] = '\0';
    fclose(f);

    char *texts[2] = { NULL, NULL };
    const char *files[2] = { "config/redis-full.conf", "config/mongo.conf" };
    for (int i = 0; i < 2; i++) {
        FILE *g = fopen(files[i], "r");
        cr_assert_not_null(g, "%s", files[i]);
        texts[i] = calloc(1, 65536);
        fread(texts[i], 1, 65535, g);
        fclose(g);
    }

    size_t count = 0;
    for (char *line = strtok(listing, "\n"); line; line = strtok(NULL, "\n"), count++) {
        char *tab = strchr(line, '\t');
        cr_assert_not_null(tab, "describe line without fields: %s", line);
        *tab = '\0';
        char quoted[128];
        snprintf(quoted, sizeof quoted, "`%s`", line);
        cr_expect(strstr(readme, quoted), "config/README.md does not document %s", quoted);
        const char *last = strrchr(line, '.') ? strrchr(line, '.') + 1 : line;
        char assign[96];
        snprintf(assign, sizeof assign, "%s = ", last);
        bool mongo = strncmp(line, "rules.mongo", 11) == 0 || strncmp(line, "mongo.", 6) == 0;
        const char *text = mongo ? texts[1] : texts[0];
        cr_expect(strstr(text, assign), "no example sets %s", line);
    }
    cr_expect_geq(count, 35u);
    free(texts[0]);
    free(texts[1]);
    free(listing);
}

/* The complete example in config/README.md loads as it is. */
Test(config, readme_example_loads)
{
    FILE *f = fopen("config/README.md", "r");
    cr_assert_not_null(f);
    static char readme[65536];
    readme[fread(readme, 1, sizeof readme - 1, f)] = '\0';
    fclose(f);
    const char *mark = "A complete file:\n\n```\n";
    char *start = strstr(readme, mark);
    cr_assert_not_null(start, "config/README.md has no complete example");
    start += strlen(mark);
    char *end = strstr(start, "```");
    cr_assert_not_null(end);
    *end = '\0';
    struct bb_config c;
    expect_load(&c, start);
    cr_expect_str_eq(c.checkpoint_name, "shop-cache");
    cr_expect_eq(c.server_id, 4242u);
    cr_assert_eq(c.nrules, 2u);
    cr_expect_eq(NREDIS(&c.rules[0]), 2u);
    cr_expect_eq(NMONGO(&c.rules[1]), 1u);
    bb_config_destroy(&c);
}

/* ------------------------------------------------------------------ */
/* File errors                                                         */

Test(config, missing_file_and_syntax_errors)
{
    struct bb_config c;
    struct bb_error err = { 0 };
    sinks_config_init(&c);
    cr_expect_eq(config_load_file(&c, "/nonexistent/binbridge.conf", &err), BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, "/nonexistent/binbridge.conf: cannot open: No such file or directory");
    bb_config_destroy(&c);

    /* libconfig's words, and what they mean here */
    expect_error("a = 1;\nb = ;\n", ":2: syntax error (libconfig syntax: name = value; groups in "
                 "{ }, lists in ( ), strings in double quotes; see config/README.md)");
    expect_error("source = {\n  url = \"mysql://a@b\"\n  start = current;\n};\n",
                 ":3: syntax error: a string needs double quotes (\"current\"), see "
                 "config/README.md");
    expect_error("x = [ 1, \"a\" ];\n", ":1: mismatched element type in array");
    /* YAML or JSON given by mistake */
    static const char yaml_hint[] = "syntax error: this looks like YAML, but the configuration "
                                    "is libconfig syntax (name = value; groups in { }), see "
                                    "config/README.md";
    static const char json_hint[] = "syntax error: this looks like JSON, but the configuration "
                                    "is libconfig syntax (name = value; groups in { }), see "
                                    "config/README.md";
    char want[400];
    snprintf(want, sizeof want, ":2: %s", yaml_hint);
    expect_error("source:\n  url: mysql://repl@db\nredis:\n  url: redis://cache\n", want);
    expect_error("# binbridge\nsource:\n  url: \"mysql://repl@db\"\n", ":3: syntax error: "
                 "this looks like YAML, but the configuration is libconfig syntax (name = "
                 "value; groups in { }), see config/README.md");
    snprintf(want, sizeof want, ":1: %s", json_hint);
    expect_error("{ \"source\": { \"url\": \"mysql://repl@db\" } }\n", want);
    expect_error("\n[ { \"match\": \"a.b\" } ]\n", ":2: syntax error: this looks like JSON, "
                 "but the configuration is libconfig syntax (name = value; groups in { }), see "
                 "config/README.md");
    /* which name is set twice, and where first */
    expect_error("checkpoint = \"a\";\ncheckpoint = \"b\";\n",
                 ":2: duplicate setting name \"checkpoint\" (set at line 1 already)");
    expect_error("source = {\n  url = \"mysql://a@b\"; # url = \"x\"\n  start = \"current\";\n"
                 "  /* url = \"y\"; */ url\n = \"mysql://c@d\"; };\n",
                 ":4: duplicate setting name \"source.url\" (set at line 2 already)");
    expect_error("batch = { rows = 1; };\nsource = { url = \"u\"; };\nbatch = { bytes = 2; };\n",
                 ":3: duplicate setting name \"batch\" (set at line 1 already)");
    expect_error("rules = ( { match = \"a.b\"; redis = { key = \"k:{pk}\"; }; },\n"
                 "  { match = \"c.d\"; redis = { shape = \"hash\";\n shape = \"json\"; }; } );\n",
                 ":3: duplicate setting name \"rules.redis.shape\" (set at line 2 already)");
    expect_error("a = \"x = 1; a = 2;\"; a = 3;\n",
                 ":1: duplicate setting name \"a\" (set at line 1 already)");
    expect_error("# comment\n@include \"other.conf\"\n",
                 ":2: @include is not supported: keep the configuration in one file");
}

Test(config, large_integers_need_the_L_suffix)
{
    /* libconfig 1.5 would read these as their low 32 bits. */
    expect_error("\nbatch = { bytes = 4294967296; };\n",
                 ":2: 4294967296 does not fit in 32 bits, and libconfig would silently cut it: "
                 "write 4294967296L");
    expect_error("source = { server_id = 4294967295; };\n",
                 ":1: 4294967295 does not fit in 32 bits, and libconfig would silently cut it: "
                 "write 4294967295L");
    expect_error("source = { server_id = 0xFFFFFFFF; };\n",
                 ":1: 0xFFFFFFFF does not fit in 32 bits, and libconfig would silently cut it: "
                 "write 0xFFFFFFFFL");
    expect_error("batch = { rows = -2147483649; };\n",
                 ":1: -2147483649 does not fit in 32 bits, and libconfig would silently cut it: "
                 "write -2147483649L");
    expect_error("rules = ( { match = \"a.b\"; redis = { shape = \"stream\"; maxlen = 9223372036854775808L; }; } );\n",
                 ":1: 9223372036854775808 does not fit in 64 bits");
    /* ...but not in strings or comments, and not in floats. */
    struct bb_config c;
    expect_load(&c, "# 99999999999\ncheckpoint = \"c99999999999\"; /* 4294967296 */\n"
                    "batch = { bytes = 4294967296L; };\nsource = { server_id = 4294967295L; heartbeat = 1e3; };\n");
    cr_expect_eq(c.batch_bytes, 4294967296u);
    cr_expect_eq(c.server_id, 4294967295u);
    cr_expect_eq(c.heartbeat, 1000.0);
    bb_config_destroy(&c);
    expect_load(&c, "batch = { delay_ms = -0; };\n" RULE_REDIS("ttl = 2147483647;"));
    bb_config_destroy(&c);
}

Test(config, unknown_options)
{
    expect_error("\nbatch = { row = 5; };\n",
                 ":2: unknown option \"batch.row\" (did you mean \"batch.rows\"?)");
    expect_error("sourse = { url = \"mysql://a@b\"; };\n",
                 ":1: unknown option \"sourse\" (did you mean \"source\"?)");
    expect_error("url = \"mysql://a@b\";\n",
                 ":1: unknown option \"url\" (did you mean \"source.url\" or \"redis.url\" or "
                 "\"mongo.url\"?)");
    expect_error("source = { port = 3306; };\n", ":1: unknown option \"source.port\"");
    expect_error("log-level = \"info\";\n",
                 ":1: unknown option \"log-level\" (did you mean \"log_level\"?)");
    expect_error("rules = ( { match = \"a.b\";\n key = \"x:{id}\"; } );\n",
                 ":2: unknown option \"rules.key\" (key belongs in the rule's redis = { ... } output)");
    expect_error("rules = ( { match = \"a.b\"; mongo = { colection = \"x\"; }; } );\n",
                 ":1: unknown option \"rules.mongo.colection\" (did you mean \"rules.mongo.collection\"?)");
    expect_error("rules = ( { match = \"a.b\"; redis = { shape = \"stream\"; max_len = 5; }; } );\n",
                 ":1: unknown option \"rules.redis.max_len\" (did you mean \"rules.redis.maxlen\"?)");
}

/* ------------------------------------------------------------------ */
/* Types and bounds of every option                                    */

struct bad_case {
    const char *text, *tail;
};

static void expect_errors(const struct bad_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++)
        expect_error(cases[i].text, cases[i].tail);
}


Test(config, integer_bounds_and_types)
{
    static const struct bad_case cases[] = {
        { "source = { server_id = 0; };", ":1: " BETWEEN("source.server_id", 1, 4294967295) ", got 0" },
        { "source = { server_id = 4294967296L; };", ":1: " BETWEEN("source.server_id", 1, 4294967295) ", got 4294967296" },
        { "source = { server_id = \"42\"; };", ":1: " BETWEEN("source.server_id", 1, 4294967295) ", got a string" },
        { "batch = { rows = 0; };", ":1: " BETWEEN("batch.rows", 1, 1000000) ", got 0" },
        { "batch = { rows = 1000001; };", ":1: " BETWEEN("batch.rows", 1, 1000000) ", got 1000001" },
        { "batch = { rows = \"5000\"; };", ":1: " BETWEEN("batch.rows", 1, 1000000) ", got a string" },
        { "batch = { rows = 50.0; };", ":1: " BETWEEN("batch.rows", 1, 1000000) ", got a number with a fraction" },
        { "batch = { rows = true; };", ":1: " BETWEEN("batch.rows", 1, 1000000) ", got a boolean" },
        { "batch = { rows = [ 1 ]; };", ":1: " BETWEEN("batch.rows", 1, 1000000) ", got an array [ ... ]" },
        { "batch = { bytes = 65535; };", ":1: " BETWEEN("batch.bytes", 65536, 17179869184) ", got 65535" },
        { "batch = { bytes = 17179869185L; };", ":1: " BETWEEN("batch.bytes", 65536, 17179869184) ", got 17179869185" },
        { "batch = { delay_ms = -1; };", ":1: " BETWEEN("batch.delay_ms", 0, 60000) ", got -1" },
        { "batch = { delay_ms = 60001; };", ":1: " BETWEEN("batch.delay_ms", 0, 60000) ", got 60001" },
        { "retry = { initial_ms = 0; };", ":1: " BETWEEN("retry.initial_ms", 1, 60000) ", got 0" },
        { "retry = { initial_ms = 60001; };", ":1: " BETWEEN("retry.initial_ms", 1, 60000) ", got 60001" },
        { "retry = { max_ms = 0; };", ":1: " BETWEEN("retry.max_ms", 1, 3600000) ", got 0" },
        { "retry = { max_ms = 3600001; };", ":1: " BETWEEN("retry.max_ms", 1, 3600000) ", got 3600001" },
        { "progress_interval = -1;", ":1: " BETWEEN("progress_interval", 0, 86400) ", got -1" },
        { "progress_interval = 86401;", ":1: " BETWEEN("progress_interval", 0, 86400) ", got 86401" },
        { "progress_interval = \"10s\";", ":1: " BETWEEN("progress_interval", 0, 86400) ", got a string" },
        { RULE_REDIS("ttl = -1;"), ":1: " BETWEEN("rules.redis.ttl", 0, 2147483647) ", got -1" },
        { RULE_REDIS("ttl = \"1h\";"), ":1: " BETWEEN("rules.redis.ttl", 0, 2147483647) ", got a string" },
        { RULE_REDIS("shape = \"stream\"; maxlen = -1;"), ":1: " BETWEEN("rules.redis.maxlen", 0, 9223372036854775807) ", got -1" },
        { RULE_REDIS("shape = \"stream\"; maxlen = 1.5;"), ":1: " BETWEEN("rules.redis.maxlen", 0, 9223372036854775807) ", got a number with a fraction" },
    };
    expect_errors(cases, sizeof cases / sizeof cases[0]);

    /* The bounds themselves are accepted. */
    struct bb_config c;
    expect_load(&c, "source = { server_id = 1; };\nbatch = { rows = 1; bytes = 65536; delay_ms = 0; };\n"
                    "retry = { initial_ms = 1; max_ms = 1; };\nprogress_interval = 0;\n");
    cr_expect_eq(c.server_id, 1u);
    cr_expect_eq(c.batch_rows, 1u);
    cr_expect_eq(c.batch_bytes, 65536u);
    cr_expect_eq(c.batch_delay_ms, 0u);
    cr_expect_eq(c.retry_initial_ms, 1u);
    cr_expect_eq(c.retry_max_ms, 1u);
    cr_expect_eq(c.progress_interval, 0u);
    bb_config_destroy(&c);
    expect_load(&c, "source = { server_id = 4294967295L; };\nbatch = { rows = 1000000; bytes = 17179869184L; delay_ms = 60000; };\n"
                    "retry = { initial_ms = 60000; max_ms = 3600000; };\nprogress_interval = 86400;\n"
                    RULE_REDIS("ttl = 2147483647;"));
    cr_expect_eq(c.server_id, 4294967295u);
    cr_expect_eq(c.batch_rows, 1000000u);
    cr_expect_eq(c.batch_bytes, 17179869184u);
    cr_expect_eq(c.batch_delay_ms, 60000u);
    cr_expect_eq(c.retry_initial_ms, 60000u);
    cr_expect_eq(c.retry_max_ms, 3600000u);
    cr_expect_eq(c.progress_interval, 86400u);
    cr_expect_eq(ROUT(&c.rules[0])[0].ttl, 2147483647u);
    bb_config_destroy(&c);
    expect_load(&c, RULE_REDIS("shape = \"stream\"; maxlen = 9223372036854775807L;"));
    cr_expect_eq(ROUT(&c.rules[0])[0].maxlen, 9223372036854775807u);
    bb_config_destroy(&c);
}

Test(config, number_bounds_and_types)
{
    static const struct bad_case cases[] = {
        { "source = { heartbeat = 0; };", ":1: source.heartbeat must be a number between 0.1 and 3600, got 0" },
        { "source = { heartbeat = 0.05; };", ":1: source.heartbeat must be a number between 0.1 and 3600, got 0.05" },
        { "source = { heartbeat = 3600.5; };", ":1: source.heartbeat must be a number between 0.1 and 3600, got 3600.5" },
        { "source = { heartbeat = \"1s\"; };", ":1: source.heartbeat must be a number between 0.1 and 3600, got a string" },
    };
    expect_errors(cases, sizeof cases / sizeof cases[0]);
    struct bb_config c;
    expect_load(&c, "source = { heartbeat = 5; };"); /* integers are numbers too */
    cr_expect_eq(c.heartbeat, 5.0);
    bb_config_destroy(&c);
    expect_load(&c, "source = { heartbeat = 0.1; };");
    cr_expect_eq(c.heartbeat, 0.1);
    bb_config_destroy(&c);
}

Test(config, choices_and_strings)
{
    static const struct bad_case cases[] = {
        { "source = { start = \"latest\"; };", ":1: source.start must be \"earliest\", \"current\" or \"snapshot\", got \"latest\"" },
        { "source = { start = 0; };", ":1: source.start must be \"earliest\", \"current\" or \"snapshot\", got an integer" },
        { "mongo = { oversize = \"truncate\"; };", ":1: mongo.oversize must be \"stop\" or \"skip\", got \"truncate\"" },
        { "log_level = \"verbose\";", ":1: log_level must be \"debug\", \"info\", \"warn\", \"error\" or \"off\", got \"verbose\"" },
        { "log_level = \"INFO\";", ":1: log_level must be \"debug\", \"info\", \"warn\", \"error\" or \"off\", got \"INFO\"" },
        { "checkpoint = \"\";", ":1: checkpoint must not be empty" },
        { "checkpoint = 5;", ":1: checkpoint must be a string, got an integer" },
        { "checkpoint = \"my checkpoint\";", ":1: checkpoint: \"my checkpoint\" must be 1 to 64 letters, digits, '-', '_' or '.' (it becomes part of a Redis key and a MongoDB _id)" },
        /* the value may be the password put there by mistake: not quoted */
        { "source = { password_env = \"hunter2!\"; };", ":1: source.password_env: not an environment variable name (letters, digits and '_', not starting with a digit); it names the variable, it is not the password" },
        { "redis = { password_env = \"1PASS\"; };", ":1: redis.password_env: not an environment variable name (letters, digits and '_', not starting with a digit); it names the variable, it is not the password" },
        { "source = { url = \"\"; };", ":1: source.url must not be empty" },
        { "source = 5;", ":1: source must be a group { ... }, got an integer" },
        { "batch = ( 1 );", ":1: batch must be a group { ... }, got a list ( ... )" },
        { RULE_REDIS("shape = \"list\";"), ":1: rules.redis.shape must be \"hash\", \"json\" or \"stream\", got \"list\"" },
        { RULE_MONGO("update = \"merge\";"), ":1: rules.mongo.update must be \"replace\" or \"set\", got \"merge\"" },
        { RULE_MONGO("update = true;"), ":1: rules.mongo.update must be \"replace\" or \"set\", got a boolean" },
        { RULE_MONGO("dates = \"text\";"), ":1: rules.mongo.dates must be \"date\" or \"string\", got \"text\"" },
    };
    expect_errors(cases, sizeof cases / sizeof cases[0]);
    struct bb_config c;
    expect_load(&c, "source = { start = \"earliest\"; };\nmongo = { oversize = \"stop\"; };\nlog_level = \"debug\";\n"
                    "checkpoint = \"a-b_c.9\";\n");
    cr_expect_eq(c.start, START_EARLIEST);
    cr_expect_eq(MONGO(&c)->oversize, MONGO_OVERSIZE_STOP);
    cr_expect_str_eq(c.log_level, "debug");
    cr_expect_str_eq(c.checkpoint_name, "a-b_c.9");
    bb_config_destroy(&c);
}

Test(config, lists)
{
    static const struct bad_case cases[] = {
        { "include_schemas = [];", ":1: include_schemas must not be empty (leave it out instead)" },
        { "include_schemas = \"shop\";", ":1: include_schemas must be a list of strings such as [ \"a\", \"b\" ], got a string" },
        { "include_schemas = [ 1, 2 ];", ":1: include_schemas must be a list of strings such as [ \"a\", \"b\" ], got an integer in it" },
        { "include_schemas = ( \"a\",\n { x = 1; } );", ":2: include_schemas must be a list of strings such as [ \"a\", \"b\" ], got a group { ... } in it" },
        { "include_schemas = [ \"a\",\n \"\" ];", ":2: include_schemas: empty string in the list" },
        { "include_schemas = [ \"shop\", \"crm\",\n \"shop\" ];", ":2: include_schemas lists \"shop\" twice" },
        { "include_schemas = [ \"shop.users\" ];", ":1: include_schemas: \"shop.users\" names a table, not a schema: put \"schema.table\" globs in include_tables or exclude_tables" },
        { "include_schemas = [ \"mysql\" ];", ":1: include_schemas: \"mysql\" is a system schema, never mirrored" },
        { "include_schemas = [ \"INFORMATION_SCHEMA\" ];", ":1: include_schemas: \"INFORMATION_SCHEMA\" is a system schema, never mirrored" },
        { "exclude_schemas = [ \"a.b\" ];", ":1: exclude_schemas: \"a.b\" names a table, not a schema: put \"schema.table\" globs in include_tables or exclude_tables" },
        { "include_tables = [ \"users\" ];", ":1: include_tables: \"users\" must be a \"schema.table\" glob such as \"shop.users\", \"shop.*\" or \"*.users\" (did you mean \"*.users\"?)" },
        { "exclude_tables = [ \"shop.\" ];", ":1: exclude_tables: \"shop.\" must be a \"schema.table\" glob such as \"shop.users\", \"shop.*\" or \"*.users\"" },
        { "exclude_tables = [ \"a.b\", \"a.b\" ];", ":1: exclude_tables lists \"a.b\" twice" },
        { "rules = ( { match = \"a.b\"; key_columns = []; redis = {}; } );", ":1: rules.key_columns must not be empty (leave it out instead)" },
        { RULE_REDIS("include_columns = [ \"a\", \"a\" ];"), ":1: rules.redis.include_columns lists \"a\" twice" },
        { RULE_REDIS("exclude_columns = \"a\";"), ":1: rules.redis.exclude_columns must be a list of strings such as [ \"a\", \"b\" ], got a string" },
    };
    expect_errors(cases, sizeof cases / sizeof cases[0]);
    struct bb_config c;
    expect_load(&c, "include_schemas = ( \"a\", \"b*\" );\nexclude_schemas = [ \"mysql\" ];\n");
    expect_list(c.include_schemas, LIST("a", "b*"), "include_schemas"); /* ( ) works like [ ] */
    expect_list(c.exclude_schemas, LIST("mysql"), "exclude_schemas");
    bb_config_destroy(&c);
}

Test(config, urls)
{
    static const struct bad_case cases[] = {
        { "source = { url = \"http://db\"; };", ":1: source.url: server URL must start with mysql:// or mariadb:// (expected mysql://user[:password]@host[:port])" },
        { "source = { url = \"mysql://db:3306\"; };", ":1: source.url: server URL names no user (expected mysql://user[:password]@host[:port])" },
        { "source = { url = \"mysql://u@db:0\"; };", ":1: source.url: server URL: the port must be a number from 1 to 65535" },
        { "source = { url = \"mysql://u@db/shop\"; };", ":1: source.url: server URL: a path or database name after the host is not supported (expected mysql://user[:password]@host[:port])" },
        { "redis = { url = \"rediss://cache?tls-verify=maybe\"; };", ":1: redis.url: tls-verify must be full, ca or none, got \"maybe\"" },
        { "redis = { url = \"redis://cache?tls-ca=/ca.pem\"; };", ":1: redis.url: tls-ca is a parameter of rediss:// (TLS) URLs" },
        { "redis = { url = \"redis://cache\"; tls_ca = \"/nonexistent/ca.pem\"; };", ":1: redis.tls_ca: cannot read /nonexistent/ca.pem: No such file or directory" },
        { "redis = { url = \"rediss://cache\"; tls_verify = \"partly\"; };", ":1: redis.tls_verify: must be \"full\", \"ca\" or \"none\", got \"partly\"" },
        { "mongo = { url = \"mongodb://db/?tls=true\"; tls_ca = \"/nonexistent/ca.pem\"; };", ":1: mongo.tls_ca: cannot read /nonexistent/ca.pem: No such file or directory" },
        { "mongo = { url = \"mongodb://db/?tls=true\"; tls_cert = \"/nonexistent/client.pem\"; };", ":1: mongo.tls_cert: cannot read /nonexistent/client.pem: No such file or directory" },
        { "mongo = { url = \"mongodb://db/?tls=true\"; tls_verify = \"partly\"; };", ":1: mongo.tls_verify: must be \"full\", \"ca\" or \"none\", got \"partly\"" },
        { "redis = { url = \"cache:6379\"; };", ":1: redis.url: the URL must be redis[s]://[[user]:password@]host[:port][/db] or unix://[[user]:password@]/path/to/socket[?db=N], got \"cache:6379\"" },
        { "redis = { url = \"redis://\"; };", ":1: redis.url: no host (expected redis://[[user]:password@]host[:port][/db])" },
        { "redis = { url = \"redis://cache:99999\"; };", ":1: redis.url: the port must be a number from 1 to 65535" },
        { "redis = { url = \"redis://cache:63x\"; };", ":1: redis.url: the port must be a number from 1 to 65535" },
        { "redis = { url = \"redis://cache/one\"; };", ":1: redis.url: the database after '/' must be a number, got \"one\"" },
        { "redis = { url = \"redis://cache?x=1\"; };", ":1: redis.url: unknown parameter 'x' (db=N, seed=host:port)" },
        { "redis = { url = \"redis://cache#x\"; };", ":1: redis.url: a #fragment is not supported" },
        { "redis = { url = \"unix://cache/x.sock\"; };", ":1: redis.url: unix:// needs an absolute socket path (unix:///run/redis.sock)" },
        /* a '/' in a password must be escaped: said without the password */
        { "redis = { url = \"redis://:S3cr/etPass@cache\"; };", ":1: redis.url: an '@' after the host part (character 21): a '/', '?' or '#' in a user name or password must be written %2F, %3F or %23" },
        { "redis = { url = \"redis://ca che\"; };", ":1: redis.url: invalid character ' ' in the host name (expected redis://[[user]:password@]host[:port][/db])" },
        { "redis = { url = \"redis://[::1\"; };", ":1: redis.url: '[' of an IPv6 address without its ']'" },
        { "mongo = { url = \"mongo://h\"; };", ":1: mongo.url: Invalid URI Schema, expecting 'mongodb://' or 'mongodb+srv://' (expected mongodb://[user:password@]host[:port][,host[:port]...][/[db][?options]] or mongodb+srv://host[/[db][?options]])" },
        { "mongo = { url = \"mongodb://\"; };", ":1: mongo.url: Invalid host string in URI (expected mongodb://[user:password@]host[:port][,host[:port]...][/[db][?options]] or mongodb+srv://host[/[db][?options]])" },
        { "mongo = { url = \"mongodb://a,,b\"; };", ":1: mongo.url: Invalid host string in URI (expected mongodb://[user:password@]host[:port][,host[:port]...][/[db][?options]] or mongodb+srv://host[/[db][?options]])" },
        { "mongo = { url = \"mongodb://h?w=1\"; };", ":1: mongo.url: Invalid host string in URI (expected mongodb://[user:password@]host[:port][,host[:port]...][/[db][?options]] or mongodb+srv://host[/[db][?options]])" },
        { "mongo = { url = \"mongodb+srv://a,b\"; };", ":1: mongo.url: Invalid service name in URI (expected mongodb://[user:password@]host[:port][,host[:port]...][/[db][?options]] or mongodb+srv://host[/[db][?options]])" },
        { "mongo = { url = \"mongodb+srv://a:27017\"; };", ":1: mongo.url: Invalid service name in URI (expected mongodb://[user:password@]host[:port][,host[:port]...][/[db][?options]] or mongodb+srv://host[/[db][?options]])" },
        /* what libmongoc would only warn about and drop refuses the URL */
        { "mongo = { url = \"mongodb://h/?tsl=true\"; };", ":1: mongo.url: Unsupported URI option \"tsl\" (expected mongodb://[user:password@]host[:port][,host[:port]...][/[db][?options]] or mongodb+srv://host[/[db][?options]])" },
        { "mongo = { url = \"mongodb://h/?journal=maybe\"; };", ":1: mongo.url: Unsupported value for \"journal\": \"maybe\" (expected mongodb://[user:password@]host[:port][,host[:port]...][/[db][?options]] or mongodb+srv://host[/[db][?options]])" },
        /* a URL quoted in a message loses its password, '@' in it or not */
        { "redis = { url = \"http://:S3cretPass@127.0.0.1:6379\"; };", ":1: redis.url: the URL must be redis[s]://[[user]:password@]host[:port][/db] or unix://[[user]:password@]/path/to/socket[?db=N], got \"http://:***@127.0.0.1:6379\"" },
        { "redis = { url = \"unix:/u:Pa@ss@/run/redis.sock\"; };", ":1: redis.url: the URL must be redis[s]://[[user]:password@]host[:port][/db] or unix://[[user]:password@]/path/to/socket[?db=N], got \"...@/run/redis.sock\"" },
        { "mongo = { url = \"app:S3cretPass@db\"; };", ":1: mongo.url: Invalid URI Schema, expecting 'mongodb://' or 'mongodb+srv://' (expected mongodb://[user:password@]host[:port][,host[:port]...][/[db][?options]] or mongodb+srv://host[/[db][?options]])" },
        { "mongo = { url = \"mongo://app:S3cr@etPass@db:27017/x\"; };", ":1: mongo.url: Invalid URI Schema, expecting 'mongodb://' or 'mongodb+srv://' (expected mongodb://[user:password@]host[:port][,host[:port]...][/[db][?options]] or mongodb+srv://host[/[db][?options]])" },
        { "mongo = { url = \"http://app:S3cretPass@db\"; };", ":1: mongo.url: Invalid URI Schema, expecting 'mongodb://' or 'mongodb+srv://' (expected mongodb://[user:password@]host[:port][,host[:port]...][/[db][?options]] or mongodb+srv://host[/[db][?options]])" },
    };
    expect_errors(cases, sizeof cases / sizeof cases[0]);

    static const char *const good[] = {
        "source = { url = \"mysql://repl:secret@db.example.com:3306\"; };",
        "source = { url = \"mariadb://repl@[::1]:3307/\"; };",
        "redis = { url = \"redis://cache\"; };",
        "redis = { url = \"redis://:pw@cache:6380/15\"; };",
        "redis = { url = \"redis://user:pw@[::1]:6379/\"; };",
        "mongo = { url = \"mongodb://u:p@a:27017,b:27018,c/admin?replicaSet=rs0\"; };",
        "mongo = { url = \"mongodb+srv://cluster0.example.net/?retryWrites=true\"; };",
        /* one rule for every URL: what the sinks connect to, the checks accept */
        "redis = { url = \"redis://cache?db=1\"; };",
        "redis = { url = \"unix:///tmp/x.sock\"; };",
        "redis = { url = \"unix://:p%40w@/run/redis.sock?db=2\"; };",
        "redis = { url = \"redis://:p%2Fw@cache\"; };",
        "mongo = { url = \"mongodb://%2Ftmp%2Fmongodb-27017.sock\"; };",
        "mongo = { url = \"mongodb://u:p@ss@%2Ftmp%2Fmongodb-27017.sock/db\"; };",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        struct bb_config c;
        expect_load(&c, good[i]);
        bb_config_destroy(&c);
    }
}

/* ------------------------------------------------------------------ */
/* Rules, outputs and templates                                        */

Test(config, rule_errors)
{
    static const struct bad_case cases[] = {
        { "rules = ( { match = \"users\"; redis = {}; } );", ":1: rules.match: \"users\" must be a \"schema.table\" glob such as \"shop.users\", \"shop.*\" or \"*.users\" (did you mean \"*.users\"?)" },
        { "rules = (\n { redis = {}; } );", ":2: rules: this rule has no match = \"schema.table\" (globs allowed)" },
        { "rules = (\n { match = \"a.b\"; } );", ":2: rules: the rule for \"a.b\" has no outputs: add redis = { ... } or mongo = { ... } ({} gives the default mapping)" },
        { "rules = ( { match = \"a.b\"; redis = {}; },\n { match = \"a.b\"; mongo = {}; } );", ":2: rules: \"a.b\" is matched by the rule at line 1 already, so this rule would never apply" },
        { "rules = ();", ":1: rules must not be empty (leave it out instead)" },
        { "rules = ( 5 );", ":1: rules must be a list of groups ( { match = \"schema.table\"; ... }, ... ), got an integer in the list" },
        { "rules = \"a.b\";", ":1: rules must be a list of rules ( { match = \"schema.table\"; ... }, ... ), got a string" },
        { "rules = ( { match = \"a.b\"; redis = 5; } );", ":1: rules.redis must be a group { ... } or a list of groups ( { ... }, { ... } ), got an integer" },
        { "rules = ( { match = \"a.b\"; redis = (); } );", ":1: rules.redis must not be empty (leave it out instead)" },
        { "rules = ( { match = \"a.b\"; redis = ( {},\n \"x\" ); } );", ":2: rules.redis must be a group { ... } or a list of groups, got a string in the list" },
        { "rules = ( { match = \"a.b\"; mongo = [ 1 ]; } );", ":1: rules.mongo must be a group { ... } or a list of groups ( { ... }, { ... } ), got an array [ ... ]" },
    };
    expect_errors(cases, sizeof cases / sizeof cases[0]);
}

Test(config, redis_output_errors)
{
    static const struct bad_case cases[] = {
        { RULE_REDIS("shape = \"stream\";\n ttl = 5;"), ":2: rules.redis.ttl applies to hash and json outputs, not to a stream (maxlen bounds a stream)" },
        { RULE_REDIS("maxlen = 5;"), ":1: rules.redis.maxlen applies to stream outputs only, not to a hash" },
        { RULE_REDIS("shape = \"json\"; maxlen = 0;"), ":1: rules.redis.maxlen applies to stream outputs only, not to a json" },
        { RULE_REDIS("include_columns = [ \"a\" ];\n exclude_columns = [ \"b\" ];"), ":2: rules.redis: include_columns and exclude_columns cannot be used together" },
        { "rules = ( { match = \"a.b\"; redis = ( {},\n { shape = \"json\"; } ); } );", ":2: rules.redis: this output and the one at line 1 both write the keys \"{schema}:{table}:{pk}\"" },
        { "rules = ( { match = \"a.b\"; redis = ( { key = \"k:{id}\"; },\n { shape = \"stream\"; key = \"k:{id}\"; } ); } );", ":2: rules.redis: this output and the one at line 1 both write the keys \"k:{id}\"" },
        { RULE_REDIS("key = \"users\";"), ":1: rules.redis.key \"users\" has no {pk} or {column} placeholder: every row of a table would write the same key" },
        { RULE_REDIS("shape = \"json\"; key = \"{schema}:{table}\";"), ":1: rules.redis.key \"{schema}:{table}\" has no {pk} or {column} placeholder: every row of a table would write the same key" },
        { RULE_REDIS("key = \"\";"), ":1: rules.redis.key must not be empty" },
        { RULE_REDIS("key = \"user:{id\";"), ":1: rules.redis.key: '{' at character 6 has no closing '}' (a template cannot hold a literal brace)" },
        { RULE_REDIS("key = \"user:{a{b}\";"), ":1: rules.redis.key: '{' at character 6 has no closing '}' (a template cannot hold a literal brace)" },
        { RULE_REDIS("key = \"user:id}\";"), ":1: rules.redis.key: '}' at character 8 closes no placeholder (a template cannot hold a literal brace)" },
        { RULE_REDIS("key = \"user:{}\";"), ":1: rules.redis.key: empty placeholder {} at character 6" },
        { RULE_REDIS("key = \"user:{ id }\";"), ":1: rules.redis.key: placeholder { id } at character 6 has spaces around its name" },
        { RULE_REDIS("key = 5;"), ":1: rules.redis.key must be a string, got an integer" },
    };
    expect_errors(cases, sizeof cases / sizeof cases[0]);

    /* Default keys by shape; constant stream keys are fine (one stream per table). */
    struct bb_config c;
    expect_load(&c, "rules = ( { match = \"s.t\"; redis = ( { shape = \"json\"; }, { shape = \"stream\"; },"
                    " { shape = \"stream\"; key = \"all-changes\"; }, { key = \"{schema}/{table}/{tenant id}/{pk}\"; ttl = 0; } ); } );");
    cr_assert_eq(NREDIS(&c.rules[0]), 4u);
    cr_expect_eq(ROUT(&c.rules[0])[0].shape, REDIS_SHAPE_JSON);
    cr_expect_str_eq(ROUT(&c.rules[0])[0].key, "{schema}:{table}:{pk}");
    cr_expect_str_eq(ROUT(&c.rules[0])[1].key, "{schema}:{table}");
    cr_expect_str_eq(ROUT(&c.rules[0])[2].key, "all-changes");
    cr_expect_str_eq(ROUT(&c.rules[0])[3].key, "{schema}/{table}/{tenant id}/{pk}");
    cr_expect_eq(ROUT(&c.rules[0])[0].head.line, 1);
    bb_config_destroy(&c);
}

Test(config, mongo_output_errors)
{
    static const struct bad_case cases[] = {
        { RULE_MONGO("database = \"x.{schema}\";"), ":1: rules.mongo.database: '.' at character 2 is not allowed in this name" },
        { RULE_MONGO("database = \"my db\";"), ":1: rules.mongo.database: ' ' at character 3 is not allowed in this name" },
        { RULE_MONGO("collection = \"{id}\";"), ":1: rules.mongo.collection: {id} at character 1: only {schema} and {table} can be used here" },
        { RULE_MONGO("database = \"{pk}\";"), ":1: rules.mongo.database: {pk} at character 1: only {schema} and {table} can be used here" },
        { RULE_MONGO("collection = \"a$b\";"), ":1: rules.mongo.collection: '$' at character 2 is not allowed in this name" },
        { RULE_MONGO("collection = \"system.{table}\";"), ":1: rules.mongo.collection: collection names starting with \"system.\" are reserved by MongoDB" },
        { RULE_MONGO("include_columns = [ \"a\" ];\n exclude_columns = [ \"b\" ];"), ":2: rules.mongo: include_columns and exclude_columns cannot be used together" },
        { RULE_MONGO("renames = ( (\"a\", \"$b\") );"), ":1: rules.mongo.renames: \"$b\" cannot be a MongoDB field name (no leading '$', no '.')" },
        { RULE_MONGO("renames = ( (\"a\", \"b.c\") );"), ":1: rules.mongo.renames: \"b.c\" cannot be a MongoDB field name (no leading '$', no '.')" },
        { RULE_MONGO("renames = ( (\"a\", \"_id\") );"), ":1: rules.mongo.renames: \"_id\" is the row key: name its columns with the rule's key_columns" },
        { RULE_MONGO("renames = ( (\"a\", \"x\"),\n (\"a\", \"y\") );"), ":2: rules.mongo.renames renames \"a\" twice" },
        { RULE_MONGO("renames = ( (\"a\", \"x\"),\n [\"b\", \"x\"] );"), ":2: rules.mongo.renames renames both \"a\" and \"b\" to \"x\"" },
        { RULE_MONGO("renames = ( (\"a\") );"), ":1: rules.mongo.renames: each entry must be a pair (\"column\", \"field\")" },
        { RULE_MONGO("renames = ( (\"a\", 1) );"), ":1: rules.mongo.renames: each entry must be a pair (\"column\", \"field\")" },
        { RULE_MONGO("renames = ( (\"\", \"x\") );"), ":1: rules.mongo.renames: empty name in (\"\", \"x\")" },
        { RULE_MONGO("renames = [ \"a\", \"b\" ];"), ":1: rules.mongo.renames must be a list of pairs such as ( (\"column\", \"field\") ), got an array [ ... ]" },
        { RULE_MONGO("renames = ();"), ":1: rules.mongo.renames must not be empty (leave it out instead)" },
        { RULE_MONGO("exclude_columns = [ \"a\" ];\n renames = ( (\"a\", \"x\") );"), ":2: rules.mongo.renames: \"a\" is in exclude_columns" },
        { RULE_MONGO("include_columns = [ \"b\" ];\n renames = ( (\"a\", \"x\") );"), ":2: rules.mongo.renames: \"a\" is not in include_columns" },
        { "rules = ( { match = \"a.b\"; mongo = ( {},\n { database = \"{schema}\"; } ); } );", ":2: rules.mongo: this output and the one at line 1 both write database \"{schema}\", collection \"{table}\"" },
    };
    expect_errors(cases, sizeof cases / sizeof cases[0]);
}

Test(config, rule_order_first_match_wins)
{
    struct bb_config c;
    expect_load(&c, "rules = (\n"
                    "  { match = \"shop.users\"; redis = { key = \"u:{id}\"; }; },\n"
                    "  { match = \"shop.*\"; redis = { shape = \"json\"; }; },\n"
                    "  { match = \"*.users\"; mongo = {}; },\n"
                    "  { match = \"*.*\"; redis = { shape = \"stream\"; }; }\n"
                    ");\n");
    cr_assert_eq(c.nrules, 4u);
    for (int i = 0; i < 4; i++)
        cr_expect_eq(c.rules[i].line, i + 2);
    cr_expect_eq(config_rule_for(&c, "shop", "users"), &c.rules[0]);
    cr_expect_eq(config_rule_for(&c, "shop", "orders"), &c.rules[1]);
    cr_expect_eq(config_rule_for(&c, "crm", "users"), &c.rules[2]);
    cr_expect_eq(config_rule_for(&c, "crm", "accounts"), &c.rules[3]);
    cr_expect_eq(config_rule_for(&c, "Shop", "users"), &c.rules[2]); /* case-sensitive */
    cr_expect_eq(NMONGO(&c.rules[2]), 1u);
    cr_expect_str_eq(MOUT(&c.rules[2])[0].database, "{schema}");
    cr_expect_str_eq(MOUT(&c.rules[2])[0].collection, "{table}");
    bb_config_destroy(&c);

    /* One rule may be written as a group, like one output. */
    expect_load(&c, "rules = { match = \"a.b\"; redis = {}; };\n");
    cr_assert_eq(c.nrules, 1u);
    cr_expect_eq(config_rule_for(&c, "a", "b"), &c.rules[0]);
    cr_expect_null(config_rule_for(&c, "a", "c"));
    bb_config_destroy(&c);
}

/* ------------------------------------------------------------------ */
/* Validation after command-line overrides                             */

Test(config, validate_names_the_line_until_overridden)
{
    struct bb_config c;
    struct bb_error err;
    const char *text = "source = { url = \"mysql://repl@db\"; };\n"
                       "redis = { url = \"redis://cache\"; };\n"
                       "retry = {\n  initial_ms = 60000;\n  max_ms = 1000;\n};\n";
    cr_assert_eq(load_text(&c, text, &err), 0, "%s", err.msg);
    char want[512];
    snprintf(want, sizeof want, "%s:4: retry.initial_ms (60000) is larger than retry.max_ms (1000)",
             tmp_path);
    cr_expect_eq(config_validate(&c, &err), BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, want);

    /* The other one of the pair, when only it came from the file. */
    c.retry_initial_ms = 200;
    c.retry_max_ms = 1000;
    memset(&err, 0, sizeof err);
    cr_expect_eq(config_validate(&c, &err), 0, "%s", err.msg);
    c.retry_initial_ms = 5000;
    cr_expect_eq(config_validate(&c, &err), BB_ERR_USAGE);
    snprintf(want, sizeof want, "%s:5: retry.initial_ms (5000) is larger than retry.max_ms (1000)",
             tmp_path);
    cr_expect_str_eq(err.msg, want);

    /* A value the command line replaced is named without the file's line. */
    c.retry_max_ms = 60000;
    memset(&err, 0, sizeof err);
    cr_expect_eq(config_validate(&c, &err), 0, "%s", err.msg);
    c.heartbeat = 0;
    cr_expect_eq(config_validate(&c, &err), BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, "source.heartbeat must be a number between 0.1 and 3600, got 0");
    c.heartbeat = 2;
    memset(&err, 0, sizeof err);
    cr_assert_eq(config_set_string(&c.source_url, "mysql://nouser", &err), 0);
    cr_expect_eq(config_validate(&c, &err), BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, "source.url: server URL names no user (expected "
                              "mysql://user[:password]@host[:port])");
    memset(&err, 0, sizeof err);
    cr_assert_eq(config_set_string(&c.source_url, NULL, &err), 0);
    cr_expect_eq(config_validate(&c, &err), BB_ERR_USAGE);
    snprintf(want, sizeof want, "%s: no source: set source.url or give --source mysql://user@host:port",
             tmp_path);
    cr_expect_str_eq(err.msg, want);
    bb_config_destroy(&c);
    remove_tmp();
}

Test(config, validate_sinks_and_secrets)
{
    unsetenv("BB_TEST_UNSET");
    setenv("BB_TEST_SET", "pw", 1);
    expect_valid_error("source = { url = \"mysql://repl@db\"; };\n",
                       ": nothing to write to: set redis.url or mongo.url, or give --redis "
                       "redis://host:port or --mongo mongodb://host:port");
    expect_valid_error("source = { url = \"mysql://repl@db\";\n password_env = \"BB_TEST_UNSET\"; };\n"
                       "redis = { url = \"redis://cache\"; };\n",
                       ":2: source.password_env: the environment variable BB_TEST_UNSET is not set");
    expect_valid_error("source = { url = \"mysql://repl:pw@db\";\n password_env = \"BB_TEST_SET\"; };\n"
                       "redis = { url = \"redis://cache\"; };\n",
                       ":2: source.password_env is set but source.url has a password too: keep one");
    expect_valid_error("source = { url = \"mysql://repl@db\"; };\nredis = { url = \"redis://cache\"; };\n"
                       "mongo = {\n password_env = \"BB_TEST_SET\"; };\n",
                       ":4: mongo.password_env is set but MongoDB is not configured (mongo.url)");
    expect_valid_error("source = { url = \"mysql://repl@db\"; };\nredis = { url = \"redis://cache\"; };\n"
                       "rules = ( { match = \"a.b\";\n mongo = {}; } );\n",
                       ":4: rules.mongo: the rule for \"a.b\" writes to MongoDB but no MongoDB is "
                       "configured (mongo.url or --mongo)");
    expect_valid_error("source = { url = \"mysql://repl@db\"; };\nmongo = { url = \"mongodb://m\"; };\n"
                       "rules = ( { match = \"a.b\"; mongo = {}; },\n { match = \"c.d\";\n redis = {}; } );\n",
                       ":5: rules.redis: the rule for \"c.d\" writes to Redis but no Redis is "
                       "configured (redis.url or --redis)");

    /* Valid: a password from the environment, rules for both sinks. */
    struct bb_config c;
    struct bb_error err;
    cr_assert_eq(load_text(&c, "source = { url = \"mysql://repl@db\"; password_env = \"BB_TEST_SET\"; };\n"
                               "redis = { url = \"redis://cache\"; password_env = \"BB_TEST_SET\"; };\n"
                               "mongo = { url = \"mongodb://m\"; };\n"
                               "rules = ( { match = \"a.b\"; mongo = {}; redis = {}; } );\n", &err), 0);
    cr_expect_eq(config_validate(&c, &err), 0, "%s", err.msg);
    /* The command line may supply what the rules need. */
    cr_assert_eq(config_set_string(&MONGO(&c)->url, NULL, &err), 0);
    cr_expect_eq(config_validate(&c, &err), BB_ERR_USAGE);
    bb_config_destroy(&c);
    remove_tmp();
}

/* ------------------------------------------------------------------ */
/* Globs and table selection                                           */

Test(config, glob_match)
{
    static const struct {
        const char *glob, *text;
        bool match;
    } cases[] = {
        { "shop.users", "shop.users", true },
        { "shop.users", "shop.user", false },
        { "shop.users", "shop.userss", false },
        { "shop.*", "shop.users", true },
        { "shop.*", "shop.", true },
        { "shop.*", "shopx.users", false },
        { "*.users", "crm.users", true },
        { "*.users", "crm.users_old", false },
        { "*", "", true },
        { "", "", true },
        { "", "a", false },
        { "a*", "a", true },
        { "*a", "ba", true },
        { "*a*b*c", "xaxbxc", true },
        { "*a*b*c", "xaxbx", false },
        { "a*b*c", "abcbc", true },
        { "a*bc", "abcbcbd", false },
        { "?", "a", true },
        { "?", "", false },
        { "?", "ab", false },
        { "t?", "t1", true },
        { "t??", "t1", false },
        { "caf?", "caf\xc3\xa9", true }, /* one character, two bytes */
        { "caf??", "caf\xc3\xa9", false },
        { "?\xc3\xa9", "x\xc3\xa9", true },
        { "*\xc3\xa9", "\xc3\xa9\xc3\xa9", true },
        { "Shop.*", "shop.users", false }, /* case-sensitive, like MySQL on Linux */
        { "shop_[a].*", "shop_[a].t", true }, /* only * and ? are special */
        { "**.users", "a.users", true },
        { "*.*", "a.b", true },
        { "*.*", "ab", false },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_expect_eq(config_glob_match(cases[i].glob, cases[i].text), cases[i].match,
                     "glob \"%s\" on \"%s\"", cases[i].glob, cases[i].text);

    /* Backtracking stays linear-ish on a pathological pattern. */
    char text[4001];
    memset(text, 'a', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    cr_expect_not(config_glob_match("*a*a*a*a*a*a*a*a*b", text));
}

Test(config, table_selection)
{
    struct bb_config c;
    sinks_config_init(&c);
    /* System schemas, always. */
    cr_expect_not(config_table_included(&c, "mysql", "user"));
    cr_expect_not(config_table_included(&c, "sys", "x"));
    cr_expect_not(config_table_included(&c, "information_schema", "tables"));
    cr_expect_not(config_table_included(&c, "INFORMATION_SCHEMA", "TABLES"));
    cr_expect_not(config_table_included(&c, "performance_schema", "threads"));
    cr_expect(config_table_included(&c, "MySQL", "user")); /* another schema on Linux */
    cr_expect(config_table_included(&c, "mysql_app", "user"));
    cr_expect(config_table_included(&c, "shop", "users"));
    bb_config_destroy(&c);

    expect_load(&c, "include_schemas = [ \"shop*\", \"crm\" ];\nexclude_schemas = [ \"shop_old\" ];\n");
    cr_expect(config_table_included(&c, "shop", "users"));
    cr_expect(config_table_included(&c, "shop_eu", "users"));
    cr_expect(config_table_included(&c, "crm", "users"));
    cr_expect_not(config_table_included(&c, "shop_old", "users"));
    cr_expect_not(config_table_included(&c, "crm2", "users"));
    cr_expect_not(config_table_included(&c, "billing", "invoices"));
    bb_config_destroy(&c);

    expect_load(&c, "include_tables = [ \"shop.*\", \"*.users\" ];\nexclude_tables = [ \"shop.tmp_*\", \"crm.users\" ];\n"
                    "exclude_schemas = [ \"test?\" ];\n");
    cr_expect(config_table_included(&c, "shop", "orders"));
    cr_expect(config_table_included(&c, "billing", "users"));
    cr_expect_not(config_table_included(&c, "billing", "invoices"));
    cr_expect_not(config_table_included(&c, "shop", "tmp_1"));
    cr_expect_not(config_table_included(&c, "crm", "users"));
    cr_expect_not(config_table_included(&c, "test1", "users"));
    cr_expect(config_table_included(&c, "test12", "users"));
    cr_expect_not(config_table_included(&c, "mysql", "users"));
    bb_config_destroy(&c);

    /* Both lists given: a table must pass both. */
    expect_load(&c, "include_schemas = [ \"shop\" ];\ninclude_tables = [ \"crm.users\", \"shop.users\" ];\n");
    cr_expect(config_table_included(&c, "shop", "users"));
    cr_expect_not(config_table_included(&c, "crm", "users"));
    cr_expect_not(config_table_included(&c, "shop", "orders"));
    bb_config_destroy(&c);
}

/* ------------------------------------------------------------------ */
/* Reloading and the reference                                         */

Test(config, loading_twice_replaces_values)
{
    struct bb_config c;
    struct bb_error err = { 0 };
    load_example(&c, "config/redis-full.conf");
    cr_assert_eq(config_load_file(&c, "config/both.conf", &err), 0, "%s", err.msg);
    cr_expect_str_eq(c.checkpoint_name, "shop-both");
    cr_expect_eq(c.nrules, 3u);
    cr_expect_str_eq(c.rules[0].match, "shop.sessions");
    cr_expect_str_eq(c.path, "config/both.conf");
    bb_config_destroy(&c);
}

Test(config, describe_lists_every_option_once)
{
    char *listing = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&listing, &size);
    cr_assert_not_null(out);
    struct bb_config d;
    cr_assert_eq(sinks_config_init(&d), 0);
    config_describe(&d, out); /* the engine's options and every registered sink's */
    bb_config_destroy(&d);
    fclose(out);
    static const char *const some[] = {
        "source.url\tstring\t-\t", "batch.rows\tinteger 1..1000000\t5000\t",
        "source.start\t\"earliest\", \"current\" or \"snapshot\"\tcurrent\t", "source.heartbeat\tnumber 0.1..3600\t1.0\t",
        "rules.redis.shape\t\"hash\", \"json\" or \"stream\"\thash\t", "rules.mongo.update\t\"replace\" or \"set\"\treplace\t",
        "checkpoint\tstring\tbinbridge\t",
    };
    for (size_t i = 0; i < sizeof some / sizeof some[0]; i++)
        cr_expect(strstr(listing, some[i]), "describe lacks %s", some[i]);
    /* no name twice */
    char *copy = strdup(listing);
    char *names[128];
    size_t n = 0;
    for (char *line = strtok(copy, "\n"); line && n < 128; line = strtok(NULL, "\n")) {
        *strchr(line, '\t') = '\0';
        for (size_t k = 0; k < n; k++)
            cr_expect_str_neq(names[k], line);
        names[n++] = line;
    }
    free(copy);
    free(listing);
}

/* The HTTP listener's address and the log format: checked with the file. */
Test(config, http_listen_and_log_format)
{
    expect_error("http = { listen = \"9108\"; };\n",
                 ":1: http.listen: expected host:port, such as 127.0.0.1:9108");
    expect_error("\nhttp = { listen = \"localhost:99999\"; };\n",
                 ":2: http.listen: the port must be a number from 1 to 65535");
    expect_error("http = { listen = \"::1:9108\"; };\n",
                 ":1: http.listen: an IPv6 address goes in brackets: [::1]:9108");
    struct bb_config c;
    expect_load(&c, "http = { listen = \"[::1]:9108\"; };\nlog_format = \"json\";\n");
    cr_expect_str_eq(c.http_listen, "[::1]:9108");
    cr_expect_str_eq(c.log_format, "json");
    bb_config_destroy(&c);
    expect_load(&c, "http = { listen = \":9108\"; };\n");
    cr_expect_str_eq(c.http_listen, ":9108");
    cr_expect_str_eq(c.log_format, "text");
    bb_config_destroy(&c);
}

/* ------------------------------------------------------------------ */
/* The environment                                                     */

/* Every BINBRIDGE_ variable of the environment unset, so that a test's
 * own are the only ones (Criterion runs each test in a process of its
 * own). */
static void clear_binbridge_env(void)
{
    extern char **environ;
    for (;;) {
        char **e = environ;
        while (*e && strncmp(*e, "BINBRIDGE_", 10) != 0)
            e++;
        if (!*e)
            break;
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)strcspn(*e, "="), *e);
        unsetenv(name);
    }
}

/* A fresh configuration with the environment applied: 0 or the error. */
static int load_env(struct bb_config *c, struct bb_error *err)
{
    cr_assert_eq(sinks_config_init(c), 0);
    *err = (struct bb_error){ 0 };
    return config_load_env(c, err);
}

static void expect_env_error(const char *want)
{
    struct bb_config c;
    struct bb_error err;
    cr_expect_eq(load_env(&c, &err), BB_ERR_USAGE, "want: %s", want);
    cr_expect_str_eq(err.msg, want);
    bb_config_destroy(&c);
}

/* Write text to path (in a fresh directory: tmp_path's). */
static const char *write_secret(const char *text)
{
    return write_tmp(text);
}

/* The rule, spelled here independently: BINBRIDGE_, the name upper-cased
 * with '.' as '_', and a group's url by the group alone. */
static void rule_name(const char *option, char *buf, size_t n)
{
    size_t len = strlen(option);
    const char *dot = strchr(option, '.');
    if (dot && strcmp(dot, ".url") == 0)
        len = (size_t)(dot - option);
    size_t j = snprintf(buf, n, "BINBRIDGE_");
    for (size_t i = 0; i < len && j + 1 < n; i++)
        buf[j++] = option[i] == '.' ? '_' : (char)toupper((unsigned char)option[i]);
    buf[j] = '\0';
}

Test(config, every_option_has_the_variable_of_the_rule)
{
    static const struct {
        const char *option, *var;
    } some[] = {
        { "source.url", "BINBRIDGE_SOURCE" },
        { "source.password_env", "BINBRIDGE_SOURCE_PASSWORD_ENV" },
        { "source.server_id", "BINBRIDGE_SOURCE_SERVER_ID" },
        { "source.start", "BINBRIDGE_SOURCE_START" },
        { "source.heartbeat", "BINBRIDGE_SOURCE_HEARTBEAT" },
        { "redis.url", "BINBRIDGE_REDIS" },
        { "redis.password_env", "BINBRIDGE_REDIS_PASSWORD_ENV" },
        { "redis.wrong_type", "BINBRIDGE_REDIS_WRONG_TYPE" },
        { "mongo.url", "BINBRIDGE_MONGO" },
        { "mongo.oversize", "BINBRIDGE_MONGO_OVERSIZE" },
        { "checkpoint", "BINBRIDGE_CHECKPOINT" },
        { "include_schemas", "BINBRIDGE_INCLUDE_SCHEMAS" },
        { "exclude_tables", "BINBRIDGE_EXCLUDE_TABLES" },
        { "batch.rows", "BINBRIDGE_BATCH_ROWS" },
        { "batch.bytes", "BINBRIDGE_BATCH_BYTES" },
        { "batch.delay_ms", "BINBRIDGE_BATCH_DELAY_MS" },
        { "retry.initial_ms", "BINBRIDGE_RETRY_INITIAL_MS" },
        { "retry.max_ms", "BINBRIDGE_RETRY_MAX_MS" },
        { "progress_interval", "BINBRIDGE_PROGRESS_INTERVAL" },
        { "log_level", "BINBRIDGE_LOG_LEVEL" },
    };
    struct bb_config c;
    cr_assert_eq(sinks_config_init(&c), 0);
    char got[128], want[128];
    for (size_t i = 0; i < sizeof some / sizeof *some; i++) {
        cr_assert(config_env_name(&c, some[i].option, got, sizeof got), "%s", some[i].option);
        cr_expect_str_eq(got, some[i].var, "%s", some[i].option);
    }
    cr_expect_not(config_env_name(&c, "rules", got, sizeof got), "rules are only in a file");
    cr_expect_not(config_env_name(&c, "nosuch", got, sizeof got));

    /* every option of the tables: the rule (the describe listing names them all) */
    char *listing = NULL;
    size_t size = 0, count = 0;
    FILE *out = open_memstream(&listing, &size);
    config_describe(&c, out);
    fclose(out);
    for (char *line = strtok(listing, "\n"); line; line = strtok(NULL, "\n")) {
        *strchr(line, '\t') = '\0';
        if (strncmp(line, "rules", 5) == 0) {
            cr_expect_not(config_env_name(&c, line, got, sizeof got), "%s", line);
            continue;
        }
        rule_name(line, want, sizeof want);
        cr_expect(config_env_name(&c, line, got, sizeof got), "%s has no variable", line);
        cr_expect_str_eq(got, want, "%s", line);
        count++;
    }
    free(listing);
    cr_expect_geq(count, 20u);

    /* the passwords */
    cr_assert(config_password_env_name(&c, "source", got, sizeof got));
    cr_expect_str_eq(got, "BINBRIDGE_PASSWORD");
    cr_assert(config_password_env_name(&c, "redis", got, sizeof got));
    cr_expect_str_eq(got, "BINBRIDGE_REDIS_PASSWORD");
    cr_assert(config_password_env_name(&c, "mongo", got, sizeof got));
    cr_expect_str_eq(got, "BINBRIDGE_MONGO_PASSWORD");
    cr_expect_not(config_password_env_name(&c, "nosuch", got, sizeof got));
    bb_config_destroy(&c);
}

/* Every variable is documented in config/README.md, with its _FILE form
 * where it has one. */
Test(config, every_variable_documented)
{
    FILE *f = fopen("config/README.md", "r");
    cr_assert_not_null(f);
    static char readme[65536];
    readme[fread(readme, 1, sizeof readme - 1, f)] = '\0';
    fclose(f);
    struct bb_config c;
    cr_assert_eq(sinks_config_init(&c), 0);
    char *listing = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&listing, &size);
    config_describe(&c, out);
    fclose(out);
    char var[128], quoted[160];
    for (char *line = strtok(listing, "\n"); line; line = strtok(NULL, "\n")) {
        *strchr(line, '\t') = '\0';
        if (!config_env_name(&c, line, var, sizeof var))
            continue;
        snprintf(quoted, sizeof quoted, "| `%s` | `%s` |", var, line);
        cr_expect(strstr(readme, quoted), "config/README.md lacks the row %s", quoted);
    }
    for (size_t k = 0; k <= c.nsinks; k++) {
        const char *group = k < c.nsinks ? c.sinks[k]->name : "source";
        cr_assert(config_password_env_name(&c, group, var, sizeof var));
        snprintf(quoted, sizeof quoted, "`%s`", var);
        cr_expect(strstr(readme, quoted), "config/README.md does not name %s", quoted);
    }
    cr_expect(strstr(readme, "`BINBRIDGE_CONFIG`"));
    free(listing);
    bb_config_destroy(&c);
}

/* No two things share a variable, also with the _FILE forms: the tables'
 * options, the passwords and BINBRIDGE_CONFIG. A sink whose names would
 * shadow another's is refused. */
Test(config, no_variable_names_two_things)
{
    struct bb_config c;
    struct bb_error err = { 0 };
    cr_assert_eq(sinks_config_init(&c), 0);
    cr_expect_eq(config_env_check(&c, &err), 0, "%s", err.msg);
    bb_config_destroy(&c);

    struct shadow {
        char *url, *password, *password_env;
    };
    static const struct config_option shadow_rows[] = {
        { .name = "batch_rows.url", .type = CONFIG_STRING, CONFIG_AT(struct shadow, url),
          .flags = CONFIG_UNSET_OK },
    };
    static const struct config_option shadow_password[] = {
        { .name = "x.url", .type = CONFIG_STRING, CONFIG_AT(struct shadow, url),
          .flags = CONFIG_UNSET_OK },
        { .name = "x.password_env", .type = CONFIG_STRING, CONFIG_AT(struct shadow, password_env),
          .flags = CONFIG_UNSET_OK },
        { .name = "x.password", .type = CONFIG_STRING, CONFIG_AT(struct shadow, password),
          .flags = CONFIG_UNSET_OK },
    };
    static const struct config_option shadow_file[] = {
        { .name = "y.url", .type = CONFIG_STRING, CONFIG_AT(struct shadow, url),
          .flags = CONFIG_UNSET_OK },
        { .name = "y.file", .type = CONFIG_STRING, CONFIG_AT(struct shadow, password),
          .flags = CONFIG_UNSET_OK },
    };
    static const struct config_output out = { 0 };
    static const struct config_sink sinks[] = {
        { .name = "batch_rows", .title = "Rows", .settings = shadow_rows, .nsettings = 1,
          .settings_size = sizeof(struct shadow), .output_size = sizeof out },
        { .name = "x", .title = "X", .settings = shadow_password, .nsettings = 3,
          .settings_size = sizeof(struct shadow), .output_size = sizeof out },
        { .name = "y", .title = "Y", .settings = shadow_file, .nsettings = 2,
          .settings_size = sizeof(struct shadow), .output_size = sizeof out },
    };
    static const char *const want[] = {
        "the environment variable BINBRIDGE_BATCH_ROWS would set both batch_rows.url and "
        "batch.rows: an option table must change",
        "the environment variable BINBRIDGE_X_PASSWORD would set both x.password and the X "
        "password: an option table must change",
        "the environment variable BINBRIDGE_Y_FILE would set both y.file and y.url (from a "
        "file): an option table must change",
    };
    for (size_t i = 0; i < 3; i++) {
        const struct config_sink *one[] = { &sinks[i] };
        cr_assert_eq(bb_config_init(&c, one, 1), 0);
        err = (struct bb_error){ 0 };
        cr_expect_eq(config_env_check(&c, &err), BB_ERR_USAGE, "%s", sinks[i].name);
        cr_expect_str_eq(err.msg, want[i]);
        err = (struct bb_error){ 0 };
        cr_expect_eq(config_load_env(&c, &err), BB_ERR_USAGE, "checked first");
        cr_expect_str_eq(err.msg, want[i]);
        bb_config_destroy(&c);
    }
}

/* flag > environment > file > default */
Test(config, precedence_flag_env_file_default)
{
    clear_binbridge_env();
    struct bb_config c;
    struct bb_error err = { 0 };
    expect_load(&c, "checkpoint = \"from-file\";\nlog_level = \"warn\";\nbatch = { rows = 10; };\n"
                    "source = { url = \"mysql://file@db\"; };\n");
    /* the file over the defaults */
    cr_expect_eq(c.batch_rows, 10u);
    cr_expect_eq(c.batch_delay_ms, 100u, "default");
    setenv("BINBRIDGE_BATCH_ROWS", "20", 1);
    setenv("BINBRIDGE_CHECKPOINT", "from-env", 1);
    setenv("BINBRIDGE_SOURCE", "mysql://env@db", 1);
    setenv("BINBRIDGE_REDIS", "redis://env-cache", 1);
    setenv("BINBRIDGE_PROGRESS_INTERVAL", "", 1);   /* empty: unset */
    cr_assert_eq(config_load_env(&c, &err), 0, "%s", err.msg);
    /* the environment over the file */
    cr_expect_eq(c.batch_rows, 20u);
    cr_expect_str_eq(c.checkpoint_name, "from-env");
    cr_expect_str_eq(c.source_url, "mysql://env@db");
    cr_expect_str_eq(config_sink_url(&c, sink_k("redis")), "redis://env-cache");
    cr_expect_str_eq(c.log_level, "warn", "the file's: no variable");
    cr_expect_eq(c.progress_interval, 10u, "the default: the variable is empty");
    cr_expect_eq(c.batch_delay_ms, 100u);
    /* the command line over the environment */
    cr_assert_eq(config_set_text(&c, "checkpoint", "from-flag", "--checkpoint", &err), 0);
    cr_assert_eq(config_set_text(&c, "source.url", "mysql://flag@db", "--source", &err), 0);
    cr_expect_str_eq(c.checkpoint_name, "from-flag");
    cr_expect_str_eq(c.source_url, "mysql://flag@db");
    cr_expect_eq(c.batch_rows, 20u);
    cr_expect_eq(config_validate(&c, &err), 0, "%s", err.msg);
    bb_config_destroy(&c);

    /* no file: the environment over the defaults */
    cr_assert_eq(load_env(&c, &err), 0, "%s", err.msg);
    cr_expect_eq(c.batch_rows, 20u);
    cr_expect_null(c.path);
    cr_expect_eq(config_validate(&c, &err), 0, "%s", err.msg);
    bb_config_destroy(&c);
}

Test(config, variables_of_every_type)
{
    clear_binbridge_env();
    setenv("BINBRIDGE_SOURCE_HEARTBEAT", "2.5", 1);
    setenv("BINBRIDGE_SOURCE_START", "snapshot", 1);
    setenv("BINBRIDGE_SOURCE_SERVER_ID", "4242", 1);
    setenv("BINBRIDGE_BATCH_BYTES", "17179869184", 1);
    setenv("BINBRIDGE_INCLUDE_SCHEMAS", " shop , crm,x_* ", 1);
    setenv("BINBRIDGE_REDIS_WRONG_TYPE", "stop", 1);
    setenv("BINBRIDGE_LOG_LEVEL", "off", 1);
    struct bb_config c;
    struct bb_error err;
    cr_assert_eq(load_env(&c, &err), 0, "%s", err.msg);
    cr_expect_eq(c.heartbeat, 2.5);
    cr_expect_eq(c.start, START_SNAPSHOT);
    cr_expect_eq(c.server_id, 4242u);
    cr_expect_eq(c.batch_bytes, 17179869184ull);
    expect_list(c.include_schemas, LIST("shop", "crm", "x_*"), "include_schemas");
    cr_expect_eq(REDIS(&c)->wrong_type, REDIS_WRONG_TYPE_STOP);
    cr_expect_str_eq(c.log_level, "off");
    bb_config_destroy(&c);

    static const struct {
        const char *var, *value, *msg;
    } bad[] = {
        { "BINBRIDGE_BATCH_ROWS", "many", "BINBRIDGE_BATCH_ROWS must be an integer between 1 and "
                                          "1000000, got \"many\"" },
        { "BINBRIDGE_BATCH_ROWS", "-5", "BINBRIDGE_BATCH_ROWS must be an integer between 1 and "
                                        "1000000, got \"-5\"" },
        { "BINBRIDGE_BATCH_ROWS", "0", "BINBRIDGE_BATCH_ROWS must be an integer between 1 and "
                                       "1000000, got 0" },
        { "BINBRIDGE_BATCH_ROWS", "99999999999999999999", "BINBRIDGE_BATCH_ROWS must be an "
          "integer between 1 and 1000000, got \"99999999999999999999\"" },
        { "BINBRIDGE_SOURCE_HEARTBEAT", "fast", "BINBRIDGE_SOURCE_HEARTBEAT must be a number "
                                                "between 0.1 and 3600, got \"fast\"" },
        { "BINBRIDGE_SOURCE_HEARTBEAT", "0", "BINBRIDGE_SOURCE_HEARTBEAT must be a number "
                                             "between 0.1 and 3600, got 0" },
        { "BINBRIDGE_SOURCE_START", "now", "BINBRIDGE_SOURCE_START must be \"earliest\", "
                                           "\"current\" or \"snapshot\", got \"now\"" },
        { "BINBRIDGE_LOG_LEVEL", "verbose", "BINBRIDGE_LOG_LEVEL must be \"debug\", \"info\", "
                                            "\"warn\", \"error\" or \"off\", got \"verbose\"" },
        { "BINBRIDGE_INCLUDE_SCHEMAS", "a,,b", "BINBRIDGE_INCLUDE_SCHEMAS: empty string in the "
                                               "list" },
        { "BINBRIDGE_INCLUDE_SCHEMAS", "a, b, a", "BINBRIDGE_INCLUDE_SCHEMAS lists \"a\" twice" },
        { "BINBRIDGE_INCLUDE_TABLES", "users", "BINBRIDGE_INCLUDE_TABLES: \"users\" must be a "
          "\"schema.table\" glob such as \"shop.users\", \"shop.*\" or \"*.users\" (did you mean "
          "\"*.users\"?)" },
        { "BINBRIDGE_CHECKPOINT", "a b", "BINBRIDGE_CHECKPOINT: \"a b\" must be 1 to 64 letters, "
          "digits, '-', '_' or '.' (it becomes part of a Redis key and a MongoDB _id)" },
        { "BINBRIDGE_SOURCE", "http://db", "BINBRIDGE_SOURCE: server URL must start with "
          "mysql:// or mariadb:// (expected mysql://user[:password]@host[:port])" },
        { "BINBRIDGE_SOURCE_PASSWORD_ENV", "pass word", "BINBRIDGE_SOURCE_PASSWORD_ENV: not an "
          "environment variable name (letters, digits and '_', not starting with a digit); it "
          "names the variable, it is not the password" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        clear_binbridge_env();
        setenv(bad[i].var, bad[i].value, 1);
        expect_env_error(bad[i].msg);
    }
}

/* The command line's values, checked the same way, named by the flag. */
Test(config, set_text_names_the_flag)
{
    struct bb_config c;
    struct bb_error err = { 0 };
    cr_assert_eq(sinks_config_init(&c), 0);
    cr_expect_eq(config_set_text(&c, "log_level", "verbose", "--log-level", &err), BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, "--log-level must be \"debug\", \"info\", \"warn\", \"error\" or "
                              "\"off\", got \"verbose\"");
    cr_expect_str_eq(c.log_level, "info", "unchanged");
    err = (struct bb_error){ 0 };
    cr_expect_eq(config_set_text(&c, "source.server_id", "x", "--server-id", &err), BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, "--server-id must be an integer between 1 and 4294967295, got \"x\"");
    err = (struct bb_error){ 0 };
    cr_expect_eq(config_set_text(&c, "rules", "x", "--rules", &err), BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, "--rules: rules can only be given in a file");
    err = (struct bb_error){ 0 };
    cr_expect_eq(config_set_text(&c, "nosuch", "x", "--nosuch", &err), BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, "no option \"nosuch\"");
    cr_expect_eq(config_set_text(&c, "log_level", "off", "--log-level", &err), 0);
    cr_expect_str_eq(c.log_level, "off");
    bb_config_destroy(&c);
}

/* X_FILE: the value from a file, one line ending dropped; errors name the
 * variable and the path, never what the file holds. */
Test(config, file_variants)
{
    clear_binbridge_env();
    struct bb_config c;
    struct bb_error err;
    static const struct {
        const char *text, *value;
    } good[] = {
        { "from-a-file\n", "from-a-file" },
        { "from-a-file\r\n", "from-a-file" },
        { "from-a-file", "from-a-file" },
    };
    for (size_t i = 0; i < 3; i++) {
        setenv("BINBRIDGE_CHECKPOINT_FILE", write_secret(good[i].text), 1);
        cr_assert_eq(load_env(&c, &err), 0, "%s", err.msg);
        cr_expect_str_eq(c.checkpoint_name, good[i].value);
        bb_config_destroy(&c);
        remove_tmp();
    }
    unsetenv("BINBRIDGE_CHECKPOINT_FILE");

    char want[600];
    const char *path = write_secret("many\n");
    setenv("BINBRIDGE_BATCH_ROWS_FILE", path, 1);
    snprintf(want, sizeof want, "BINBRIDGE_BATCH_ROWS_FILE (%s) must be an integer between 1 "
             "and 1000000, got \"many\"", path);
    expect_env_error(want);
    remove_tmp();
    unsetenv("BINBRIDGE_BATCH_ROWS_FILE");

    setenv("BINBRIDGE_REDIS_FILE", "/nonexistent/redis-url", 1);
    expect_env_error("BINBRIDGE_REDIS_FILE: cannot read /nonexistent/redis-url: No such file or "
                     "directory");
    setenv("BINBRIDGE_REDIS_FILE", "/tmp", 1);
    expect_env_error("BINBRIDGE_REDIS_FILE: cannot read /tmp: Is a directory");
    setenv("BINBRIDGE_REDIS", "redis://cache", 1);
    expect_env_error("BINBRIDGE_REDIS and BINBRIDGE_REDIS_FILE are both set: keep one");
    unsetenv("BINBRIDGE_REDIS");
    unsetenv("BINBRIDGE_REDIS_FILE");

    static const struct {
        const char *text, *why;
    } bad[] = {
        { "", "is empty" },
        { "\n", "is empty" },
        { "S3cr3t-one\nS3cr3t-two\n", "holds more than one line" },
        { "S3cr3t\n\n", "holds more than one line" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        path = write_secret(bad[i].text);
        setenv("BINBRIDGE_MONGO_PASSWORD_FILE", path, 1);
        snprintf(want, sizeof want, "BINBRIDGE_MONGO_PASSWORD_FILE: %s %s", path, bad[i].why);
        expect_env_error(want);
        remove_tmp();
    }
    /* a NUL byte */
    path = write_secret("");
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fwrite("S3cr3t\0x", 1, 8, f);
    fclose(f);
    setenv("BINBRIDGE_MONGO_PASSWORD_FILE", path, 1);
    snprintf(want, sizeof want, "BINBRIDGE_MONGO_PASSWORD_FILE: %s is not text (it holds a NUL "
             "byte)", path);
    expect_env_error(want);
    remove_tmp();
    /* too large */
    path = write_secret("");
    f = fopen(path, "w");
    cr_assert_not_null(f);
    for (int i = 0; i < 65537; i++)
        fputc('a', f);
    fclose(f);
    setenv("BINBRIDGE_MONGO_PASSWORD_FILE", path, 1);
    snprintf(want, sizeof want, "BINBRIDGE_MONGO_PASSWORD_FILE: %s is larger than 65536 bytes",
             path);
    expect_env_error(want);
    remove_tmp();
}

/* The passwords: the environment's, else the variable password_env names. */
Test(config, passwords_from_the_environment)
{
    clear_binbridge_env();
    setenv("BB_TEST_NAMED_PW", "named", 1);
    struct bb_config c;
    struct bb_error err;
    expect_load(&c, "source = { url = \"mysql://repl@db\"; password_env = \"BB_TEST_NAMED_PW\"; };\n"
                    "redis = { url = \"redis://cache\"; password_env = \"BB_TEST_NAMED_PW\"; };\n"
                    "mongo = { url = \"mongodb://app@docs/\"; };\n");
    cr_assert_eq(config_load_env(&c, &err), 0, "%s", err.msg);
    cr_expect_str_eq(config_password(&c, "source"), "named");
    cr_expect_str_eq(config_password(&c, "redis"), "named");
    cr_expect_null(config_password(&c, "mongo"));
    cr_expect_null(config_password(&c, "nosuch"));
    bb_config_destroy(&c);

    /* the environment's win over the file's variables */
    setenv("BINBRIDGE_PASSWORD", "source-env", 1);
    setenv("BINBRIDGE_REDIS_PASSWORD", "redis-env", 1);
    expect_load(&c, "source = { url = \"mysql://repl@db\"; password_env = \"BB_TEST_NAMED_PW\"; };\n"
                    "redis = { url = \"redis://cache\"; password_env = \"BB_TEST_NAMED_PW\"; };\n"
                    "mongo = { url = \"mongodb://app@docs/\"; };\n");
    const char *path = write_secret("mongo-file\n");
    setenv("BINBRIDGE_MONGO_PASSWORD_FILE", path, 1);
    cr_assert_eq(config_load_env(&c, &err), 0, "%s", err.msg);
    remove_tmp();
    cr_expect_str_eq(config_password(&c, "source"), "source-env");
    cr_expect_str_eq(config_password(&c, "redis"), "redis-env");
    cr_expect_str_eq(config_password(&c, "mongo"), "mongo-file");
    cr_expect_eq(config_validate(&c, &err), 0, "%s", err.msg);
    bb_config_destroy(&c);

    setenv("BINBRIDGE_MONGO_PASSWORD", "x", 1);
    expect_env_error("BINBRIDGE_MONGO_PASSWORD and BINBRIDGE_MONGO_PASSWORD_FILE are both set: "
                     "keep one");
}

/* config_validate names the variable a value came from, while it holds it. */
Test(config, validate_names_the_variable)
{
    clear_binbridge_env();
    setenv("BINBRIDGE_SOURCE", "mysql://repl@db", 1);
    setenv("BINBRIDGE_REDIS", "redis://cache", 1);
    setenv("BINBRIDGE_RETRY_INITIAL_MS", "500", 1);
    setenv("BINBRIDGE_RETRY_MAX_MS", "200", 1);
    struct bb_config c;
    struct bb_error err;
    cr_assert_eq(load_env(&c, &err), 0, "%s", err.msg);
    cr_expect_eq(config_validate(&c, &err), BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, "BINBRIDGE_RETRY_INITIAL_MS: retry.initial_ms (500) is larger than "
                              "retry.max_ms (200)");
    /* a flag changed it: no longer the variable's */
    err = (struct bb_error){ 0 };
    cr_assert_eq(config_set_text(&c, "retry.initial_ms", "300", "--x", &err), 0);
    cr_expect_eq(config_validate(&c, &err), BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, "BINBRIDGE_RETRY_MAX_MS: retry.initial_ms (300) is larger than "
                              "retry.max_ms (200)");
    bb_config_destroy(&c);

    unsetenv("BINBRIDGE_RETRY_INITIAL_MS");
    unsetenv("BINBRIDGE_RETRY_MAX_MS");
    unsetenv("BB_TEST_UNSET_PW");
    setenv("BINBRIDGE_REDIS_PASSWORD_ENV", "BB_TEST_UNSET_PW", 1);
    cr_assert_eq(load_env(&c, &err), 0, "%s", err.msg);
    cr_expect_eq(config_validate(&c, &err), BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, "BINBRIDGE_REDIS_PASSWORD_ENV: redis.password_env: the environment "
                              "variable BB_TEST_UNSET_PW is not set");
    bb_config_destroy(&c);
}

static void collect(const char *msg, void *arg)
{
    struct bb_buf *b = arg;
    bb_buf_puts(b, msg);
    bb_buf_putc(b, '\n');
}

/* A BINBRIDGE_ variable that looks meant for binbridge but is not read. */
Test(config, warnings_for_variables_not_read)
{
    clear_binbridge_env();
    setenv("BINBRIDGE_REDIS_URL", "redis://cache", 1);
    setenv("BINBRIDGE_SOURCE_URL_FILE", "/run/secrets/x", 1);
    setenv("BINBRIDGE_CONFIG_FILE", "/etc/binbridge.conf", 1);
    setenv("BINBRIDGE_BATCH_ROW", "10", 1);
    setenv("BINBRIDGE_REDIS", "redis://cache", 1);            /* read */
    setenv("BINBRIDGE_PASSWORD_FILE", "/run/secrets/pw", 1);   /* read */
    setenv("BINBRIDGE_SOMETHING_ELSE_ENTIRELY", "x", 1);       /* not like any */
    struct bb_config c;
    cr_assert_eq(sinks_config_init(&c), 0);
    struct bb_buf b;
    bb_buf_init(&b);
    config_env_warnings(&c, collect, &b);
    bb_config_destroy(&c);
    static const char *const want[] = {
        "BINBRIDGE_REDIS_URL is not a variable binbridge reads (did you mean BINBRIDGE_REDIS?)\n",
        ("BINBRIDGE_SOURCE_URL_FILE is not a variable binbridge reads (did you mean "
         "BINBRIDGE_SOURCE_FILE?)\n"),
        "BINBRIDGE_CONFIG_FILE is not a variable binbridge reads (did you mean BINBRIDGE_CONFIG?)\n",
        "BINBRIDGE_BATCH_ROW is not a variable binbridge reads (did you mean BINBRIDGE_BATCH_ROWS?)\n",
    };
    size_t total = 0;
    for (size_t i = 0; i < 4; i++) {
        cr_expect(b.data && strstr(b.data, want[i]), "lacks %s in:\n%s", want[i],
                  b.data ? b.data : "");
        total += strlen(want[i]);
    }
    cr_expect_eq(b.len, total, "more warnings than expected:\n%s", b.data ? b.data : "");
    bb_buf_destroy(&b);
}
