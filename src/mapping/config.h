/* config.h - what `binbridge run` is told: from a libconfig file
 * (--config FILE), the command line, or the built-in defaults (zero
 * config: every table of every user schema as a Redis hash per row).
 *
 * Every option is declared once in config.c's table (name, type, default,
 * bounds, help); a file is validated as a whole before anything connects,
 * and every error says "FILE:LINE: what is wrong". */
#ifndef BB_CONFIG_H
#define BB_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "binbridge.h"

enum redis_shape {
    REDIS_SHAPE_HASH = 0,   /* HSET key col value ... per row (default) */
    REDIS_SHAPE_JSON,       /* SET key {"col": value, ...} per row */
    REDIS_SHAPE_STREAM,     /* XADD key MAXLEN ~ n * op ... per row change */
};

/* A NULL-terminated list of strings owned by the config. */
typedef char **config_list;

/* One Redis output of a rule. */
struct redis_target {
    enum redis_shape shape;
    char *key;              /* key template, e.g. "{schema}:{table}:{pk}", "user:{id}";
                               placeholders: {schema} {table} {pk} {column} */
    uint64_t ttl;           /* seconds; 0 = keys do not expire (hash, json) */
    uint64_t maxlen;        /* streams: MAXLEN ~ maxlen; 0 = unbounded */
    config_list include_columns;  /* NULL: every column */
    config_list exclude_columns;  /* NULL: none */
    int line;               /* where it was declared (0: built in) */
};

/* One MongoDB output of a rule (the MongoDB sink). */
struct mongo_target {
    char *database;         /* template, default "{schema}" */
    char *collection;       /* template, default "{table}" */
    config_list include_columns;
    config_list exclude_columns;
    config_list renames;    /* pairs "column", "field" */
    bool update_set;        /* updates $set the changed columns instead of replacing */
    bool dates_as_strings;  /* keep sub-millisecond digits: dates as text */
    int line;
};

/* A rule: the tables it matches (glob over "schema.table") and what they
 * become. Rules are tried in order; the first match wins. A rule's outputs
 * are exactly those it lists: a table matched by a rule with no Redis
 * outputs is not written to Redis (write `redis = {}` in the rule for the
 * default hash). Every rule has at least one output; a Redis target's key
 * is never NULL after loading (the shape's default is filled in). */
struct table_rule {
    char *match;            /* "shop.*", "*.users", "shop.orders" */
    config_list key_columns;    /* the row key, instead of the primary key */
    struct redis_target *redis;
    size_t nredis;
    struct mongo_target *mongo;
    size_t nmongo;
    int line;
};

/* Where a bridge with no checkpoint begins: the first binlog the server
 * still has, its current end, or a consistent snapshot of the mirrored
 * tables (an initial load) followed by the binlog from that snapshot on. */
enum start_at { START_EARLIEST, START_CURRENT, START_SNAPSHOT };

/* What the MongoDB sink does with a row whose document exceeds 16 MB. */
enum mongo_oversize {
    MONGO_OVERSIZE_STOP = 0,    /* fail with an error naming the row (default) */
    MONGO_OVERSIZE_SKIP,        /* log the row and go on without it */
};

/* A Redis key that holds another type than the one a shape writes there
 * (a string where a row's hash goes, a hash where a stream goes). */
enum redis_wrong_type {
    REDIS_WRONG_TYPE_OVERWRITE = 0, /* replace it (default); a WARN names the key when a
                                       stream or a partial row image met it */
    REDIS_WRONG_TYPE_STOP,          /* stop before anything of the batch is applied */
};

struct config_origin;           /* private to config.c */

struct bb_config {
    char *path;             /* the file read, NULL for zero config */

    /* source */
    char *source_url;       /* mysql://user[:pass]@host:port */
    char *source_password_env;  /* name of an environment variable holding the password */
    uint32_t server_id;     /* replica id to register as */
    enum start_at start;    /* where to begin when no checkpoint exists */
    double heartbeat;       /* seconds; the longest a quiet source keeps a batch waiting */

    /* sinks */
    char *redis_url;        /* redis://[:pass@]host:port[/db] or NULL */
    char *redis_password_env;
    enum redis_wrong_type redis_wrong_type;
    char *mongo_url;        /* mongodb://... or NULL */
    char *mongo_password_env;
    enum mongo_oversize mongo_oversize; /* a document over MongoDB's 16 MB limit */
    char *checkpoint_name;  /* names the checkpoint record; default "binbridge" */

    /* which tables (globs over "schema.table"; schemas as globs too) */
    config_list include_schemas;
    config_list exclude_schemas;    /* mysql, sys, information_schema and
                                       performance_schema are always excluded */
    config_list include_tables;
    config_list exclude_tables;

    /* batching: a batch is written when any limit is reached */
    uint32_t batch_rows;        /* row changes */
    uint64_t batch_bytes;       /* bytes buffered for the sink: bounds memory, also
                                   inside one huge transaction (applied in chunks) */
    uint32_t batch_delay_ms;    /* the longest a change waits */

    /* failures */
    uint32_t retry_initial_ms;
    uint32_t retry_max_ms;

    /* reporting */
    uint32_t progress_interval; /* seconds between progress lines; 0 = none */
    char *log_level;

    /* rules; when none match a table, the default rule applies (hash per
     * row at {schema}:{table}:{pk}, every column) */
    struct table_rule *rules;
    size_t nrules;

    struct config_origin *origin;   /* private: the file line of each option */
};

/* libconfig owns the symbols config_init and config_destroy (for its
 * config_t), so ours carry the bb_ prefix; calling the libconfig ones on a
 * struct bb_config would corrupt memory, hence the poison. Only config.c
 * includes libconfig.h (and defines BB_CONFIG_USES_LIBCONFIG). */
#if defined(__GNUC__) && !defined(BB_CONFIG_USES_LIBCONFIG)
#pragma GCC poison config_init config_destroy
#endif

/* Defaults for every option (zero config). Pair with bb_config_destroy. */
void bb_config_init(struct bb_config *cfg);

/* Read and check a file into cfg (which bb_config_init prepared): its
 * values replace the defaults. Returns 0, or BB_ERR_USAGE with
 * "FILE:LINE: reason" in err (or "FILE: reason" when it cannot be read);
 * either way bb_config_destroy frees what cfg holds. Whole-config checks
 * (a source, a sink, secrets set) are config_validate's. */
int config_load_file(struct bb_config *cfg, const char *path, struct bb_error *err);

/* Validate the whole configuration (after command-line overrides): URLs,
 * bounds, templates (unknown placeholders), shapes. Returns 0 or
 * BB_ERR_USAGE with a located reason. */
int config_validate(const struct bb_config *cfg, struct bb_error *err);

/* Free everything cfg holds and leave it zeroed. */
void bb_config_destroy(struct bb_config *cfg);

/* Set a string option, replacing and freeing the old value. */
int config_set_string(char **slot, const char *value, struct bb_error *err);

/* Matching tables (filter.c). */

/* Is schema one binbridge never mirrors (mysql, sys, information_schema,
 * performance_schema)? */
bool config_is_system_schema(const char *schema);

/* Does text match the glob (only '*' and '?' are special)? */
bool config_glob_match(const char *glob, const char *text);

/* Is schema.table mirrored at all (the schema/table include and exclude
 * lists, and the always-excluded system schemas)? */
bool config_table_included(const struct bb_config *cfg, const char *schema, const char *table);

/* Could tables of this schema be mirrored (the schema lists only)? */
bool config_schema_included(const struct bb_config *cfg, const char *schema);

/* The rule for schema.table: the first matching rule, or NULL for the
 * default mapping. */
const struct table_rule *config_rule_for(const struct bb_config *cfg, const char *schema,
                                         const char *table);

/* The outputs of the default mapping (tables no rule matches), one per
 * configured sink: a hash per row at "{schema}:{table}:{pk}" with every
 * column; a document per row in database "{schema}", collection "{table}". */
extern const struct redis_target config_default_redis_target;
extern const struct mongo_target config_default_mongo_target;

/* Print every option (name, type and bounds, default, help), one a line:
 * the reference config/README.md follows. */
void config_describe(FILE *out);

#endif
