/* redis_options.c - the Redis sink as the registry knows it
 * (redis_sink_type, sink.h): its option tables and their checks, what it
 * checks of a rule's outputs together and of the source, and its open
 * and compile functions (redis_sink.c, redis_key.c).
 *
 *   redis.*          struct redis_settings: url, password_env, wrong_type
 *   rules.redis.*    struct redis_output: shape, key, ttl, maxlen and the
 *                    columns every output has */
#include "sinks/redis/redis_options.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "sinks/redis/redis.h"
#include "sinks/redis/redis_internal.h"
#include "sinks/redis/redis_key.h"
#include "sinks/sink.h"

_Static_assert(sizeof(enum redis_shape) == sizeof(int), "enums are stored as int");
_Static_assert(sizeof(enum redis_wrong_type) == sizeof(int), "enums are stored as int");

static const char default_hash_key[] = "{schema}:{table}:{pk}";
/* Two fields, where every row key of the default template has three or
 * more: a row whose key is the text "changes" made "{schema}:{table}:changes"
 * the row's hash and the stream at once. */
static const char default_stream_key[] = "{schema}:{table}";

const struct redis_output redis_default_output = {
    .shape = REDIS_SHAPE_HASH,
    .key = (char *)default_hash_key,
};

const char *redis_default_key(enum redis_shape shape)
{
    return shape == REDIS_SHAPE_STREAM ? default_stream_key : default_hash_key;
}

/* ------------------------------------------------------------------ */
/* Checks                                                              */

/* The sink's own parser is the one that decides (redis_url.c, on the one
 * URL parser of base/url.h): what it reads, the sink connects to. */
static bool check_url(const char *v, char *why, size_t n)
{
    struct redis_url u;
    struct bb_error e = { 0 };
    int rc = redis_url_parse(&u, v, &e);
    redis_url_destroy(&u);
    if (rc < 0)
        snprintf(why, n, "%s", e.msg);
    return rc == 0;
}

/* A TLS file must be readable when the configuration is loaded: a typo
 * is a usage error then, not a connection failure retried for ever. */
static bool check_tls_file(const char *v, char *why, size_t n)
{
    FILE *f = fopen(v, "r");
    if (!f) {
        snprintf(why, n, "cannot read %s: %s", v, strerror(errno));
        return false;
    }
    fclose(f);
    return true;
}

static bool check_tls_verify(const char *v, char *why, size_t n)
{
    if (redis_tls_verify_parse(v) >= 0)
        return true;
    snprintf(why, n, "must be \"full\", \"ca\" or \"none\", got \"%s\"", v);
    return false;
}

static bool check_key(const char *v, char *why, size_t n)
{
    bool row;
    return config_check_template(v, true, NULL, &row, why, n);
}

/* ------------------------------------------------------------------ */
/* The tables                                                          */

static const char *const wrong_type_names[] = { "overwrite", "stop", NULL };
static const char *const shape_names[] = { "hash", "json", "stream", NULL };

#define SET(f) CONFIG_AT(struct redis_settings, f)
static const struct config_option settings_options[] = {
    { .name = "redis.url", .type = CONFIG_STRING, SET(url), .check = check_url,
      .flags = CONFIG_UNSET_OK,
      .help = "the Redis server, redis://[[user]:password@]host[:port][/db], the same over TLS "
              "as rediss://... (with the tls-* parameters below as ?tls-ca=FILE&...), or "
              "unix://[[user]:password@]/path/to/socket[?db=N]; any node of a Redis Cluster "
              "(detected), with more nodes to try as ?seed=host:port,...; --redis overrides it" },
    { .name = "redis.password_env", .type = CONFIG_STRING, SET(password_env),
      .check = config_check_env_name, .flags = CONFIG_UNSET_OK,
      .help = "name of the environment variable holding the Redis password" },
    { .name = "redis.wrong_type", .type = CONFIG_ENUM, SET(wrong_type),
      .choices = wrong_type_names, .def = "overwrite",
      .help = "a key that holds another type than its shape writes (a string where a row's hash "
              "or a stream goes): \"overwrite\" replaces it (a WARN names the key when a stream "
              "or a partial row image meets it), \"stop\" checks every key of a batch first and "
              "stops before applying anything, naming the key" },
    { .name = "redis.tls_ca", .type = CONFIG_STRING, SET(tls_ca), .check = check_tls_file,
      .flags = CONFIG_UNSET_OK,
      .help = "rediss://: PEM file of the CA certificates the server's certificate must chain "
              "to (default: the system's CA store); the URL's ?tls-ca= wins over it" },
    { .name = "redis.tls_cert", .type = CONFIG_STRING, SET(tls_cert), .check = check_tls_file,
      .flags = CONFIG_UNSET_OK,
      .help = "rediss://: PEM file of the client certificate binbridge presents (a server "
              "with tls-auth-clients yes asks for one); the URL's ?tls-cert= wins over it" },
    { .name = "redis.tls_key", .type = CONFIG_STRING, SET(tls_key), .check = check_tls_file,
      .flags = CONFIG_UNSET_OK,
      .help = "rediss://: PEM file of the client certificate's key, unencrypted (default: "
              "tls_cert holds it); the URL's ?tls-key= wins over it" },
    { .name = "redis.tls_server_name", .type = CONFIG_STRING, SET(tls_server_name),
      .flags = CONFIG_UNSET_OK,
      .help = "rediss://: the name sent to the server (SNI) and that its certificate must "
              "hold (default: the URL's host); the URL's ?tls-server-name= wins over it" },
    { .name = "redis.tls_verify", .type = CONFIG_STRING, SET(tls_verify),
      .check = check_tls_verify, .flags = CONFIG_UNSET_OK,
      .help = "rediss://: \"full\" (the default: the certificate chains to a trusted CA and "
              "names the host), \"ca\" (the chain only) or \"none\" (nothing checked: "
              "encryption without authentication); the URL's ?tls-verify= wins over it" },
};

#define OUT(f) CONFIG_AT(struct redis_output, f)
static const struct config_option output_options[] = {
    { .name = "shape", .type = CONFIG_ENUM, OUT(shape), .choices = shape_names, .def = "hash",
      .help = "\"hash\" (HSET, a field per column), \"json\" (SET of a JSON object) or "
              "\"stream\" (XADD of one entry per row change: op, before and after values, "
              "position)" },
    { .name = "key", .type = CONFIG_STRING, OUT(key), .check = check_key,
      .help = "key template: text and {schema} {table} {pk} (the key columns joined with ':') "
              "or {column}; no literal braces. Default \"{schema}:{table}:{pk}\" for hash and "
              "json, \"{schema}:{table}\" for a stream" },
    { .name = "ttl", .type = CONFIG_UINT, OUT(ttl), .min = 0, .max = 2147483647, .def = "0",
      .help = "hash and json: seconds a key lives after its row's last change; 0: forever" },
    { .name = "maxlen", .type = CONFIG_UINT, OUT(maxlen), .min = 0, .max = INT64_MAX, .def = "0",
      .help = "stream: XADD MAXLEN ~ maxlen trims old entries; 0: unbounded" },
    { .name = "include_columns", .type = CONFIG_LIST, OUT(head.include_columns),
      .help = "only these columns are written (default: every column)" },
    { .name = "exclude_columns", .type = CONFIG_LIST, OUT(head.exclude_columns),
      .help = "these columns are not written; not with include_columns" },
};

/* Output i of a rule's Redis outputs is read: the shape's options, its
 * key's default, and keys no two outputs of the rule share. */
static int output_done(void *outputs, size_t i, const struct config_seen *seen, const char **at,
                       char *why, size_t n)
{
    struct redis_output *all = outputs, *t = &all[i];
    bool stream = t->shape == REDIS_SHAPE_STREAM;
    if (config_seen_line(seen, "ttl") && stream) {
        *at = "ttl";
        snprintf(why, n, "rules.redis.ttl applies to hash and json outputs, not to a stream "
                 "(maxlen bounds a stream)");
        return BB_ERR_USAGE;
    }
    if (config_seen_line(seen, "maxlen") && !stream) {
        *at = "maxlen";
        snprintf(why, n, "rules.redis.maxlen applies to stream outputs only, not to a %s",
                 shape_names[t->shape]);
        return BB_ERR_USAGE;
    }
    if (!t->key && !(t->key = strdup(redis_default_key(t->shape))))
        return BB_ERR_NOMEM;
    bool row;
    char ignored[8];
    config_check_template(t->key, true, NULL, &row, ignored, sizeof ignored);
    *at = "key";
    if (!stream && !row) {
        snprintf(why, n, "rules.redis.key \"%s\" has no {pk} or {column} placeholder: every "
                 "row of a table would write the same key", t->key);
        return BB_ERR_USAGE;
    }
    for (size_t k = 0; k < i; k++)
        if (strcmp(all[k].key, t->key) == 0) {
            snprintf(why, n, "rules.redis: this output and the one at line %d both write the "
                     "keys \"%s\"", all[k].head.line, t->key);
            return BB_ERR_USAGE;
        }
    return 0;
}

/* The json shape writes whole rows: a partial image (binlog_row_image
 * MINIMAL or NOBLOB) cannot be applied without reading the old value. */
static int check_source(const struct bb_config *cfg, size_t k,
                        const struct sink_source_facts *f, struct bb_error *err)
{
    if (f->row_image_full)
        return 0;
    for (size_t r = 0; r < cfg->nrules; r++)
        for (size_t i = 0; i < config_rule_noutputs(cfg, &cfg->rules[r], k); i++) {
            const struct redis_output *o =
                (const struct redis_output *)config_rule_output(cfg, &cfg->rules[r], k, i);
            if (o->shape == REDIS_SHAPE_JSON)
                return bb_error_set(err, BB_ERR_USAGE, "binlog_row_image is %s on the server, "
                                    "and the json shape needs whole rows: set "
                                    "binlog_row_image=FULL, or use the hash shape (it applies "
                                    "partial images)", f->row_image);
        }
    return 0;
}

#define COUNT(a) (sizeof a / sizeof a[0])

const struct sink_type redis_sink_type = {
    .config = {
        .name = "redis",
        .title = "Redis",
        .url_example = "redis://host:port",
        .settings = settings_options,
        .nsettings = COUNT(settings_options),
        .settings_size = sizeof(struct redis_settings),
        .outputs = output_options,
        .noutputs = COUNT(output_options),
        .output_size = sizeof(struct redis_output),
        .outputs_help = "the Redis outputs: one group { ... } or a list ( { ... }, ... ); {} is "
                        "one default hash; without it the matched tables are not written to Redis",
        .default_output = &redis_default_output,
        .output_done = output_done,
        .compile = redis_key_plan,
    },
    .open = redis_sink_open,
    .check_source = check_source,
    .help_url = "redis://host[:port][/db] or unix:///path/to/socket[?db=N]",
    .help_default = "in Redis as one hash per row at {schema}:{table}:{primary key}",
};
