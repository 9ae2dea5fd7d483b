/* test_sinks.c - the registry of sinks (sinks/sinks.c), and a sink
 * binbridge does not know: "fake", a type of this file's own with its own
 * option tables, output check, compile hook, check of the source and
 * operations (an in-memory log of what it is given). It goes through the
 * configuration engine, the mapper and the bridge with no change to any
 * of them: what adding a sink takes is a folder and one line in sinks.c. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/log.h"
#include "bridge/bridge.h"
#include "mapping/config.h"
#include "mapping/mapper.h"
#include "sinks/redis/redis_options.h"
#include "sinks/sink.h"
#include "tests/e2e/bridge_util.h"

/* ------------------------------------------------------------------ */
/* The registry                                                        */

Test(sinks, the_registry_lists_each_sink_once)
{
    cr_assert_geq(sink_ntypes, 2u);
    cr_assert_leq(sink_ntypes, SINKS_MAX);
    bool redis = false, mongo = false;
    for (size_t k = 0; k < sink_ntypes; k++) {
        const struct sink_type *t = sink_types[k];
        cr_expect_eq(sink_configs[k], &t->config);
        cr_expect_eq(sink_type_of(sink_configs[k]), t);
        cr_expect(t->open, "%s has no open function", t->config.name);
        cr_expect(t->help_url && t->help_default, "%s has no help", t->config.name);
        cr_expect_geq(t->config.output_size, sizeof(struct config_output));
        for (size_t j = 0; j < k; j++)
            cr_expect_str_neq(sink_types[j]->config.name, t->config.name);
        redis |= strcmp(t->config.name, "redis") == 0;
        mongo |= strcmp(t->config.name, "mongo") == 0;
    }
    cr_expect(redis && mongo);

    struct bb_config c;
    cr_assert_eq(sinks_config_init(&c), 0);
    cr_expect_eq(c.nsinks, sink_ntypes);
    for (size_t k = 0; k < sink_ntypes; k++) {
        cr_expect_eq(config_sink_index(&c, sink_types[k]->config.name), (int)k);
        cr_expect_null(config_sink_url(&c, k), "no sink is configured by default");
        cr_expect_not_null(config_sink_settings(&c, k));
    }
    cr_expect_eq(config_sink_index(&c, "fake"), -1);
    bb_config_destroy(&c);
}

/* ------------------------------------------------------------------ */
/* A sink of this file's own                                           */

enum fake_acks { FAKE_ACKS_NONE, FAKE_ACKS_LEADER, FAKE_ACKS_ALL };

struct fake_settings {
    char *url;
    char *password_env;
    enum fake_acks acks;
};

struct fake_output {
    struct config_output head;
    char *topic;
    uint32_t partitions;
    bool keyed;
};

static bool check_fake_url(const char *v, char *why, size_t n)
{
    if (strncmp(v, "fake://", 7) == 0 && v[7])
        return true;
    snprintf(why, n, "the URL must be fake://NAME");
    return false;
}

static bool check_topic(const char *v, char *why, size_t n)
{
    bool row;
    return config_check_template(v, false, " ", &row, why, n);
}

static const char *const acks_names[] = { "none", "leader", "all", NULL };
static const char *const keyed_names[] = { "no", "yes", NULL };

#define FS(f) CONFIG_AT(struct fake_settings, f)
static const struct config_option fake_settings_options[] = {
    { .name = "fake.url", .type = CONFIG_STRING, FS(url), .check = check_fake_url,
      .flags = CONFIG_UNSET_OK, .help = "the bus, fake://NAME" },
    { .name = "fake.password_env", .type = CONFIG_STRING, FS(password_env),
      .check = config_check_env_name, .flags = CONFIG_UNSET_OK, .help = "its password's variable" },
    { .name = "fake.acks", .type = CONFIG_ENUM, FS(acks), .choices = acks_names, .def = "all",
      .help = "which replicas acknowledge" },
};

#define FO(f) CONFIG_AT(struct fake_output, f)
static const struct config_option fake_output_options[] = {
    { .name = "topic", .type = CONFIG_STRING, FO(topic), .check = check_topic,
      .def = "{schema}.{table}", .help = "topic template: text, {schema} and {table}" },
    { .name = "partitions", .type = CONFIG_UINT, FO(partitions), .min = 1, .max = 64, .def = "1",
      .help = "partitions of the topic" },
    { .name = "keyed", .type = CONFIG_FLAG, FO(keyed), .choices = keyed_names, .def = "yes",
      .help = "messages carry the row key" },
    { .name = "include_columns", .type = CONFIG_LIST, FO(head.include_columns),
      .help = "only these columns" },
    { .name = "exclude_columns", .type = CONFIG_LIST, FO(head.exclude_columns),
      .help = "not these columns" },
};

static const struct fake_output fake_default_output = { .topic = (char *)"{schema}.{table}",
                                                        .partitions = 1, .keyed = true };

static int fake_output_done(void *outputs, size_t i, const struct config_seen *seen,
                            const char **at, char *why, size_t n)
{
    struct fake_output *all = outputs, *o = &all[i];
    if (o->partitions > 1 && !o->keyed) {
        *at = config_seen_line(seen, "keyed") ? "keyed" : "partitions";
        snprintf(why, n, "rules.fake.partitions: %u partitions need keyed = \"yes\"",
                 o->partitions);
        return BB_ERR_USAGE;
    }
    for (size_t k = 0; k < i; k++)
        if (strcmp(all[k].topic, o->topic) == 0) {
            *at = "topic";
            snprintf(why, n, "rules.fake: this output and the one at line %d both write topic "
                     "\"%s\"", all[k].head.line, o->topic);
            return BB_ERR_USAGE;
        }
    return 0;
}

/* The compile hook: each output's topic for this table, in the plan's
 * memory; a topic "forbidden..." is refused, naming the line. */
static int fake_compile(const struct mapper_compile *mc, struct output_plan *outs, uint32_t n,
                        struct bb_error *err)
{
    for (uint32_t i = 0; i < n; i++) {
        const struct fake_output *o = (const struct fake_output *)outs[i].output;
        struct bb_buf b;
        bb_buf_init(&b);
        for (const char *p = o->topic; *p; p++) {
            if (strncmp(p, "{schema}", 8) == 0) {
                bb_buf_puts(&b, mc->plan->schema);
                p += 7;
            } else if (strncmp(p, "{table}", 7) == 0) {
                bb_buf_puts(&b, mc->plan->table);
                p += 6;
            } else {
                bb_buf_putc(&b, *p);
            }
        }
        char *topic = b.oom ? NULL : bb_arena_strndup(mc->mem, b.data ? b.data : "", b.len);
        bb_buf_destroy(&b);
        if (!topic)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        if (strncmp(topic, "forbidden", 9) == 0) {
            char where[300];
            return bb_error_set(err, BB_ERR_USAGE, "%stopic \"%s\" of %s.%s is reserved",
                                mapper_where_of(mc->cfg, o->head.line, where, sizeof where),
                                topic, mc->plan->schema, mc->plan->table);
        }
        outs[i].compiled = topic;
    }
    return 0;
}

/* What the sink was given, across opens (the bridge closes it). */
#define FAKE_MAX_LINES 64
static struct {
    char pending[FAKE_MAX_LINES][160];
    size_t npending;
    char done[FAKE_MAX_LINES][160];
    size_t ndone;
    struct checkpoint cp;
    bool has_cp;
    unsigned opens, commits, source_checks;
    bool row_image_full;
} fake;

struct fake_sink {
    size_t index;
};

static int fake_load_checkpoint(void *ctx, struct checkpoint *cp, struct bb_error *err)
{
    if (!fake.has_cp)
        return 0;
    *cp = fake.cp;
    return 1;
}

/* One line per output and change: "TOPIC OP KEY NCOLS[ snapshot]". */
static int fake_add(void *ctx, const struct change *ch, struct bb_error *err)
{
    struct fake_sink *fs = ctx;
    const struct sink_outputs *mine = mapper_sink_outputs(ch->plan, fs->index);
    const struct bb_value *row = ch->after ? ch->after : ch->before;
    for (uint32_t i = 0; i < mine->n; i++) {
        struct bb_buf key;
        bb_buf_init(&key);
        int rc = bb_value_format_text(&row[ch->plan->key_cols[0]], &key, err);
        bb_buf_putc(&key, '\0');
        if (rc < 0 || bb_buf_check(&key, err) < 0) {
            bb_buf_destroy(&key);
            return err->code;
        }
        unsigned kept = 0;
        for (uint32_t c = 0; c < ch->table->ncols; c++)
            kept += mine->v[i].columns[c];
        cr_assert_lt(fake.npending, FAKE_MAX_LINES);
        snprintf(fake.pending[fake.npending++], sizeof fake.pending[0], "%s %c %s %u%s",
                 (const char *)mine->v[i].compiled,
                 ch->kind == BB_ROWS_WRITE ? 'W' : ch->kind == BB_ROWS_UPDATE ? 'U' : 'D',
                 key.data, kept, ch->from_snapshot ? " snapshot" : "");
        bb_buf_destroy(&key);
    }
    return 0;
}

static int fake_clear_table(void *ctx, const struct table_plan *plan, struct bb_error *err)
{
    return 0;
}

static int fake_commit(void *ctx, const struct checkpoint *cp, struct bb_error *err)
{
    for (size_t i = 0; i < fake.npending; i++) {
        cr_assert_lt(fake.ndone, FAKE_MAX_LINES);
        memcpy(fake.done[fake.ndone++], fake.pending[i], sizeof fake.done[0]);
    }
    fake.npending = 0;
    fake.cp = *cp;
    fake.has_cp = true;
    fake.commits++;
    return 0;
}

static void fake_discard(void *ctx)
{
    fake.npending = 0;
}

static size_t fake_pending_bytes(void *ctx)
{
    return fake.npending * sizeof fake.pending[0];
}

static int fake_reconnect(void *ctx, struct bb_error *err)
{
    return 0;
}

static void fake_close(void *ctx)
{
    free(ctx);
}

static const struct sink_ops fake_ops = {
    .name = "fake",
    .load_checkpoint = fake_load_checkpoint,
    .add = fake_add,
    .clear_table = fake_clear_table,
    .commit = fake_commit,
    .discard = fake_discard,
    .pending_bytes = fake_pending_bytes,
    .reconnect = fake_reconnect,
    .close = fake_close,
};

static int fake_open(struct sink *out, const struct bb_config *cfg, size_t k, struct bb_error *err)
{
    const struct fake_settings *s = config_sink_settings(cfg, k);
    cr_assert(s && s->url, "opened without its URL");
    struct fake_sink *fs = calloc(1, sizeof *fs);
    if (!fs)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    fs->index = k;
    fake.opens++;
    out->ops = &fake_ops;
    out->ctx = fs;
    return 0;
}

static int fake_check_source(const struct bb_config *cfg, size_t k,
                             const struct sink_source_facts *f, struct bb_error *err)
{
    fake.source_checks++;
    fake.row_image_full = f->row_image_full;
    return 0;
}

#define COUNT(a) (sizeof a / sizeof a[0])

static const struct sink_type fake_sink_type = {
    .config = {
        .name = "fake",
        .title = "Fake bus",
        .url_example = "fake://name",
        .settings = fake_settings_options,
        .nsettings = COUNT(fake_settings_options),
        .settings_size = sizeof(struct fake_settings),
        .outputs = fake_output_options,
        .noutputs = COUNT(fake_output_options),
        .output_size = sizeof(struct fake_output),
        .outputs_help = "the fake outputs",
        .default_output = &fake_default_output,
        .output_done = fake_output_done,
        .compile = fake_compile,
    },
    .open = fake_open,
    .check_source = fake_check_source,
    .help_url = "fake://name",
    .help_default = "in the fake bus as one message per row",
};

/* Redis and the fake sink, as a registry of two would give them. */
static const struct config_sink *const two_sinks[] = { &redis_sink_type.config,
                                                       &fake_sink_type.config };

/* ------------------------------------------------------------------ */
/* Through the configuration engine and the mapper                     */

static char tmp_dir[64], tmp_file[128];

static const char *write_conf(const char *text)
{
    if (!tmp_dir[0]) {
        snprintf(tmp_dir, sizeof tmp_dir, "/tmp/bb-sinks-XXXXXX");
        cr_assert_not_null(mkdtemp(tmp_dir));
    }
    snprintf(tmp_file, sizeof tmp_file, "%s/fake.conf", tmp_dir);
    FILE *f = fopen(tmp_file, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
    return tmp_file;
}

static void remove_conf(void)
{
    if (!tmp_dir[0])
        return;
    unlink(tmp_file);
    rmdir(tmp_dir);
    tmp_dir[0] = '\0';
}

/* text loads (and, with a source, validates) with the two sinks; or fails
 * with "FILE" + tail. */
static int load(struct bb_config *c, const char *text, struct bb_error *err)
{
    cr_assert_eq(bb_config_init(c, two_sinks, 2), 0);
    *err = (struct bb_error){ 0 };
    int rc = config_load_file(c, write_conf(text), err);
    return rc < 0 ? rc : config_validate(c, err);
}

static void expect_error(const char *text, const char *tail)
{
    struct bb_config c;
    struct bb_error err;
    int rc = load(&c, text, &err);
    char want[1024];
    snprintf(want, sizeof want, "%s%s", tmp_file, tail);
    cr_expect_eq(rc, BB_ERR_USAGE, "for %s", text);
    cr_expect_str_eq(err.msg, want, "for:\n%s\nwant: %s\ngot:  %s", text, want, err.msg);
    bb_config_destroy(&c);
    remove_conf();
}

static const char fake_conf[] =
    "source = { url = \"mysql://repl@db\"; };\n"
    "redis = { url = \"redis://cache\"; };\n"
    "fake = { url = \"fake://bus\"; acks = \"leader\"; };\n"
    "rules = (\n"
    "  { match = \"shop.users\";\n"
    "    fake = ( { topic = \"users\"; include_columns = [ \"id\", \"name\" ]; },\n"
    "             { topic = \"{schema}-audit\"; partitions = 4; } ); },\n"
    "  { match = \"shop.*\"; redis = {}; },\n"
    "  { match = \"bad.*\"; fake = { topic = \"forbidden-{table}\"; }; }\n"
    ");\n";

Test(sinks, a_sink_of_its_own_is_configured_from_its_tables)
{
    struct bb_config c;
    struct bb_error err;
    cr_assert_eq(load(&c, fake_conf, &err), 0, "%s", err.msg);
    remove_conf();
    int k = config_sink_index(&c, "fake");
    cr_assert_eq(k, 1);
    const struct fake_settings *s = config_sink_settings(&c, (size_t)k);
    cr_expect_str_eq(s->url, "fake://bus");
    cr_expect_eq(s->acks, FAKE_ACKS_LEADER);
    cr_expect_str_eq(config_sink_url(&c, (size_t)k), "fake://bus");
    cr_assert_eq(c.nrules, 3u);
    cr_assert_eq(config_rule_noutputs(&c, &c.rules[0], (size_t)k), 2u);
    cr_expect_eq(config_rule_noutputs(&c, &c.rules[0], 0), 0u, "no Redis output in rule 1");
    const struct fake_output *o0 = (const void *)config_rule_output(&c, &c.rules[0], (size_t)k, 0);
    const struct fake_output *o1 = (const void *)config_rule_output(&c, &c.rules[0], (size_t)k, 1);
    cr_expect_str_eq(o0->topic, "users");
    cr_expect_eq(o0->partitions, 1u, "the default");
    cr_expect(o0->keyed, "the default");
    cr_expect_str_eq(o0->head.include_columns[1], "name");
    cr_expect_eq(o0->head.line, 6);
    cr_expect_str_eq(o1->topic, "{schema}-audit");
    cr_expect_eq(o1->partitions, 4u);
    cr_expect_eq(o1->head.line, 7);
    /* The default mapping: one default output per sink. */
    cr_expect_eq(config_rule_noutputs(&c, NULL, (size_t)k), 1u);
    cr_expect_eq(config_rule_output(&c, NULL, (size_t)k, 0),
                 (const struct config_output *)&fake_default_output);

    /* Its options are listed with the others. */
    char *listing = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&listing, &size);
    config_describe(&c, out);
    fclose(out);
    static const char *const listed[] = {
        "fake.url\tstring\t-\tthe bus, fake://NAME\n", "fake.acks\t\"none\", \"leader\" or \"all\"\tall\t",
        "rules.fake\tgroup or list of groups\t-\tthe fake outputs\n",
        "rules.fake.topic\tstring\t{schema}.{table}\t", "rules.fake.partitions\tinteger 1..64\t1\t",
        "rules.redis.shape\t", "redis.url\t", "source.url\t",
    };
    for (size_t i = 0; i < COUNT(listed); i++)
        cr_expect(strstr(listing, listed[i]), "the listing lacks %s", listed[i]);
    cr_expect_null(strstr(listing, "mongo"), "a sink the configuration was not given");
    free(listing);
    bb_config_destroy(&c);
}

Test(sinks, a_sink_of_its_own_has_the_engines_errors_in_its_words)
{
    expect_error("fake = { acks = \"some\"; };\n",
                 ":1: fake.acks must be \"none\", \"leader\" or \"all\", got \"some\"");
    expect_error("fake = { url = \"kafka://x\"; };\n", ":1: fake.url: the URL must be fake://NAME");
    expect_error("url = \"x\";\n", ":1: unknown option \"url\" (did you mean \"source.url\" or "
                 "\"redis.url\" or \"fake.url\"?)");
    expect_error("rules = ( { match = \"a.b\";\n topic = \"x\"; } );\n",
                 ":2: unknown option \"rules.topic\" (topic belongs in the rule's fake = { ... } "
                 "output)");
    expect_error("rules = ( { match = \"a.b\"; fake = { topc = \"x\"; }; } );\n",
                 ":1: unknown option \"rules.fake.topc\" (did you mean \"rules.fake.topic\"?)");
    expect_error("rules = (\n { match = \"a.b\"; } );\n",
                 ":2: rules: the rule for \"a.b\" has no outputs: add redis = { ... } or fake = "
                 "{ ... } ({} gives the default mapping)");
    expect_error("rules = ( { match = \"a.b\"; fake = ( { topic = \"t\"; },\n { topic = \"t\"; } ); "
                 "} );\n", ":2: rules.fake: this output and the one at line 1 both write topic \"t\"");
    expect_error("rules = ( { match = \"a.b\"; fake = {\n partitions = 2;\n keyed = \"no\"; }; } );\n",
                 ":3: rules.fake.partitions: 2 partitions need keyed = \"yes\"");
    expect_error("rules = ( { match = \"a.b\"; fake = { include_columns = [ \"a\" ];\n "
                 "exclude_columns = [ \"b\" ]; }; } );\n",
                 ":2: rules.fake: include_columns and exclude_columns cannot be used together");
    expect_error("rules = ( { match = \"a.b\"; fake = { topic = \"{id}\"; }; } );\n",
                 ":1: rules.fake.topic: {id} at character 1: only {schema} and {table} can be "
                 "used here");
    expect_error("rules = ( { match = \"a.b\"; fake = { partitions = 65; }; } );\n",
                 ":1: rules.fake.partitions must be an integer between 1 and 64, got 65");
    /* the whole configuration */
    expect_error("source = { url = \"mysql://repl@db\"; };\n",
                 ": nothing to write to: set redis.url or fake.url, or give --redis "
                 "redis://host:port or --fake fake://name");
    expect_error("source = { url = \"mysql://repl@db\"; };\nredis = { url = \"redis://c\"; };\n"
                 "rules = ( { match = \"a.b\";\n fake = {}; } );\n",
                 ":4: rules.fake: the rule for \"a.b\" writes to Fake bus but no Fake bus is "
                 "configured (fake.url or --fake)");
    expect_error("source = { url = \"mysql://repl@db\"; };\nredis = { url = \"redis://c\"; };\n"
                 "fake = { password_env = \"BB_TEST_FAKE_PW\"; };\n",
                 ":3: fake.password_env is set but Fake bus is not configured (fake.url)");
    unsetenv("BB_TEST_FAKE_PW");
    expect_error("source = { url = \"mysql://repl@db\"; };\n"
                 "fake = { url = \"fake://x\"; password_env = \"BB_TEST_FAKE_PW\"; };\n",
                 ":2: fake.password_env: the environment variable BB_TEST_FAKE_PW is not set");

    /* The command line sets a sink's URL by its name. */
    struct bb_config c;
    struct bb_error err = { 0 };
    cr_assert_eq(bb_config_init(&c, two_sinks, 2), 0);
    cr_assert_eq(config_set(&c, "source.url", "mysql://repl@db", &err), 0);
    cr_assert_eq(config_set(&c, "fake.url", "fake://bus", &err), 0);
    cr_expect_eq(config_validate(&c, &err), 0, "%s", err.msg);
    cr_assert_eq(config_set(&c, "fake.url", "nope", &err), 0);
    cr_expect_eq(config_validate(&c, &err), BB_ERR_USAGE);
    cr_expect_str_eq(err.msg, "fake.url: the URL must be fake://NAME");
    err = (struct bb_error){ 0 };
    cr_expect_eq(config_set(&c, "fake.acks", "all", &err), BB_ERR_USAGE, "not a string option");
    bb_config_destroy(&c);
}

/* A table users(id, name, secret) of schema. */
struct users {
    struct bb_column cols[3];
    uint32_t pk[1];
    struct bb_table t;
};

static void users(struct users *u, const char *schema, const char *name)
{
    memset(u, 0, sizeof *u);
    static const char *const names[] = { "id", "name", "secret" };
    for (int i = 0; i < 3; i++) {
        u->cols[i].name = names[i];
        u->cols[i].type = i ? MYSQL_TYPE_VARCHAR : MYSQL_TYPE_LONG;
        u->cols[i].charset = 45;
    }
    u->t.schema = schema;
    u->t.name = name;
    u->t.ncols = 3;
    u->t.cols = u->cols;
    u->t.npk = 1;
    u->t.pk = u->pk;
    u->t.has_names = true;
}

Test(sinks, the_mapper_plans_a_sink_of_its_own)
{
    struct bb_config c;
    struct bb_error err;
    cr_assert_eq(load(&c, fake_conf, &err), 0, "%s", err.msg);
    remove_conf();
    struct mapper *m;
    cr_assert_eq(mapper_new(&m, &c, &err), 0);
    struct users u;
    const struct table_plan *plan;

    /* Rule 1: two fake outputs, each with its columns and its topic. */
    users(&u, "shop", "users");
    cr_assert_eq(mapper_plan(m, &u.t, &plan, &err), 0, "%s", err.msg);
    cr_assert(plan->mirrored);
    cr_assert_eq(plan->noutputs, 2u);
    const struct sink_outputs *f = mapper_sink_outputs(plan, 1);
    cr_assert_eq(f->n, 2u);
    cr_expect_eq(mapper_sink_outputs(plan, 0)->n, 0u, "the rule has no Redis output");
    cr_expect_eq(f->v[0].sink, 1u);
    cr_expect_str_eq(f->v[0].compiled, "users");
    cr_expect_str_eq(f->v[1].compiled, "shop-audit");
    cr_expect(f->v[0].columns[0] && f->v[0].columns[1] && !f->v[0].columns[2]);
    cr_expect(f->v[1].columns[0] && f->v[1].columns[1] && f->v[1].columns[2]);

    /* Rule 2: Redis alone. */
    users(&u, "shop", "orders");
    cr_assert_eq(mapper_plan(m, &u.t, &plan, &err), 0, "%s", err.msg);
    cr_expect_eq(mapper_sink_outputs(plan, 0)->n, 1u);
    cr_expect_eq(mapper_sink_outputs(plan, 1)->n, 0u);

    /* No rule: each configured sink's default output. */
    users(&u, "crm", "people");
    cr_assert_eq(mapper_plan(m, &u.t, &plan, &err), 0, "%s", err.msg);
    cr_assert_eq(plan->noutputs, 2u);
    cr_expect_eq(plan->outputs[0].sink, 0u, "sink by sink, in the configuration's order");
    cr_expect_eq(plan->outputs[1].sink, 1u);
    cr_expect_str_eq(mapper_sink_outputs(plan, 1)->v[0].compiled, "crm.people");

    /* By name only (TRUNCATE): the hook compiles without columns. */
    cr_assert_eq(mapper_plan_by_name(m, "shop", "users", &plan, &err), 0, "%s", err.msg);
    cr_expect_str_eq(mapper_sink_outputs(plan, 1)->v[1].compiled, "shop-audit");
    cr_expect_null(mapper_sink_outputs(plan, 1)->v[1].columns);

    /* The hook refuses a table: the mapper's error, the configuration line. */
    users(&u, "bad", "x");
    cr_expect_eq(mapper_plan(m, &u.t, &plan, &err), BB_ERR_USAGE);
    cr_expect(strstr(err.msg, ":9: topic \"forbidden-x\" of bad.x is reserved"), "%s", err.msg);
    mapper_free(m);
    bb_config_destroy(&c);
}

/* ------------------------------------------------------------------ */
/* Through the bridge                                                  */

static bool done_has(const char *line)
{
    for (size_t i = 0; i < fake.ndone; i++)
        if (strcmp(fake.done[i], line) == 0)
            return true;
    return false;
}

static const char *done_text(void)
{
    static char text[FAKE_MAX_LINES * 162];
    size_t n = 0;
    text[0] = '\0';
    for (size_t i = 0; i < fake.ndone && n < sizeof text; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%s\n", fake.done[i]);
    return text;
}

/* One bridge_run to the server's current end, the fake sink alone. */
static void run_bridge(struct e2e *E)
{
    struct bb_config c;
    struct bb_error err = { 0 };
    /* the configuration keeps the array: it must outlive c */
    static const struct config_sink *const fake_only[] = { &fake_sink_type.config };
    cr_assert_eq(bb_config_init(&c, fake_only, 1), 0);
    cr_assert_eq(config_load_file(&c, E->config, &err), 0, "%s", err.msg);
    cr_assert_eq(config_validate(&c, &err), 0, "%s", err.msg);
    struct bb_server_options srv;
    bb_server_options_init(&srv);
    cr_assert_eq(bb_server_options_parse_url(&srv, c.source_url, &err), 0, "%s", err.msg);
    srv.server_id = E->server_id;
    bb_log_set_level(BB_LOG_WARN);
    int rc = bridge_run(&c, &srv, true, &err);
    cr_assert_eq(rc, 0, "bridge_run: %s", err.msg);
    bb_server_options_destroy(&srv);
    bb_config_destroy(&c);
}

static struct e2e E_;

/* bridge_run knows the fake sink from the configuration alone: it opens
 * it, asks it to check the source, gives it an initial load and then the
 * binlog's changes, commits with checkpoints and resumes from the one it
 * reads back. */
Test(sinks, the_bridge_drives_a_sink_it_does_not_know, .fini = e2e_kill_children)
{
    struct e2e *E = &E_;
    e2e_begin(E, "fakesink", NULL);
    memset(&fake, 0, sizeof fake);
    e2e_sql(E->m, "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20), secret VARCHAR(20))");
    e2e_sql(E->m, "INSERT INTO t VALUES (1, 'one', 's'), (2, 'two', 's'), (3, 'three', 's')");
    e2e_write_config(E, "fake.conf",
                     "source = { url = \"%s\"; start = \"snapshot\"; heartbeat = 0.5; };\n"
                     "fake = { url = \"fake://memory\"; };\n"
                     "include_schemas = [ \"%s\" ];\n"
                     "checkpoint = \"%s\";\n"
                     "batch = { delay_ms = 20; };\n"
                     "rules = ( { match = \"%s.t\"; fake = { topic = \"rows-{table}\"; "
                     "exclude_columns = [ \"secret\" ]; }; } );\n",
                     E->srv.mysql_url, E->db, E->db, E->db);

    run_bridge(E);
    cr_expect_eq(fake.opens, 1u);
    cr_expect_eq(fake.source_checks, 1u);
    cr_expect(fake.has_cp && fake.commits >= 1);
    cr_expect_eq(fake.ndone, 3u, "the initial load:\n%s", done_text());
    cr_expect(done_has("rows-t W 1 2 snapshot"), "%s", done_text());
    cr_expect(done_has("rows-t W 3 2 snapshot"), "%s", done_text());
    cr_expect_not(fake.cp.loading, "the load is complete");

    e2e_sql(E->m, "INSERT INTO t VALUES (4, 'four', 's')");
    e2e_sql(E->m, "UPDATE t SET name = 'uno' WHERE id = 1");
    e2e_sql(E->m, "DELETE FROM t WHERE id = 2");
    size_t before = fake.ndone;
    run_bridge(E);
    cr_expect_eq(fake.opens, 2u);
    cr_expect_eq(fake.ndone, before + 3, "resumed at the checkpoint, no reload:\n%s",
                 done_text());
    cr_expect(done_has("rows-t W 4 2"), "%s", done_text());
    cr_expect(done_has("rows-t U 1 2"), "%s", done_text());
    cr_expect(done_has("rows-t D 2 2"), "%s", done_text());
    e2e_end(E);
}
