/* config.h - what `binbridge run` is told: from a libconfig file
 * (--config FILE), the command line, or the built-in defaults (zero
 * config: every table of every user schema, in every configured sink,
 * with its default mapping).
 *
 * The configuration engine knows no sink by name. Every option is
 * declared once in a table (name, type, default, bounds, help): the
 * engine's own (the source, the tables, batches, retries, rules) in
 * config.c, and each sink's in its own folder (sinks/<name>/<name>_options.c),
 * handed to bb_config_init as a struct config_sink by the layers above
 * (sinks/sinks.c registers them). The engine stores each sink's settings
 * and each rule's outputs for it as the sink's own structs, opaquely; what
 * every output has (its columns, its line) is a struct config_output at
 * their start. A file is validated as a whole before anything connects,
 * and every error says "FILE:LINE: what is wrong". */
#ifndef BB_CONFIG_H
#define BB_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "binbridge.h"

/* A NULL-terminated list of strings owned by the config. */
typedef char **config_list;

/* ------------------------------------------------------------------ */
/* Option tables                                                       */

/* Option types. Enumerations are stored as int: the index in choices. */
enum config_type {
    CONFIG_STRING,  /* char *; one of choices, or accepted by check() */
    CONFIG_UINT,    /* uint32_t or uint64_t (by size), min..max */
    CONFIG_REAL,    /* double, rmin..rmax */
    CONFIG_ENUM,    /* an enum: the index of its name in choices */
    CONFIG_FLAG,    /* bool: choices[0] is false, choices[1] true */
    CONFIG_LIST,    /* config_list of non-empty distinct strings, each check()ed */
    CONFIG_PAIRS,   /* config_list of ("column", "name") pairs, flattened; check() the names */
    CONFIG_RULES,   /* the engine's: struct bb_config's rules */
    CONFIG_OUTPUTS, /* the engine's: a rule's outputs for one sink */
};

/* 0 or NULL in the struct means "not set" (config_validate accepts it). */
#define CONFIG_UNSET_OK 1u

/* Extra checks of a string: true, or false with the reason in why (the
 * message is "<option>: <why>"). */
typedef bool (*config_check_fn)(const char *value, char *why, size_t n);

struct config_option {
    const char *name;           /* dotted within its table: "batch.rows", "redis.url", "shape" */
    enum config_type type;
    size_t offset, size;        /* the field in the struct the table describes */
    uint64_t min, max;          /* CONFIG_UINT */
    double rmin, rmax;          /* CONFIG_REAL */
    const char *const *choices; /* CONFIG_STRING (optional), CONFIG_ENUM, CONFIG_FLAG */
    config_check_fn check;      /* CONFIG_STRING, CONFIG_LIST elements, CONFIG_PAIRS names */
    const char *def;            /* default as written in a file; NULL: none */
    unsigned flags;
    const char *help;
};

/* .offset and .size of a field, for a table's entries. */
#define CONFIG_AT(type, field) .offset = offsetof(type, field), .size = sizeof(((type *)0)->field)

/* What every output of a rule has, whatever its sink: the sink's output
 * struct begins with it. The mapper builds each output's column mask
 * from it. A sink's output table declares the two lists as options
 * "include_columns" and "exclude_columns" (CONFIG_LIST, at
 * head.include_columns and head.exclude_columns); the engine refuses the
 * two together. */
struct config_output {
    config_list include_columns;    /* NULL: every column */
    config_list exclude_columns;    /* NULL: none */
    int line;                       /* where it was declared (0: built in) */
};

/* Where the options of one group of a file were set (for a sink's
 * output_done). */
struct config_seen;

/* The line option `name` of the group was set at, or 0 when it was not. */
int config_seen_line(const struct config_seen *seen, const char *name);

struct mapper_compile;  /* mapping/mapper.h */
struct output_plan;

/* A sink type as the configuration and the mapper know it: its name, its
 * option tables and what it compiles of its outputs for a table. The
 * engine allocates, fills (defaults, then the file) and frees its structs;
 * strings and lists in them are the engine's (CONFIG_STRING, CONFIG_LIST,
 * CONFIG_PAIRS fields are freed with them). */
struct config_sink {
    const char *name;           /* "redis": its group at the top level and in a rule,
                                   and --redis on the command line */
    const char *title;          /* "Redis": how messages name the store */
    const char *url_example;    /* "redis://host:port": what "nothing to write to" offers */

    /* Top-level settings, named "<name>.<option>", in a struct of
     * settings_size bytes. Among them "<name>.url" (CONFIG_STRING,
     * CONFIG_UNSET_OK): the sink is configured when it is set. An optional
     * "<name>.password_env" names the variable holding its password: the
     * engine checks it is set, and that the URL has no password too. */
    const struct config_option *settings;
    size_t nsettings;
    size_t settings_size;

    /* One output of a rule (rules.<name>.*): a struct of output_size
     * bytes that begins with a struct config_output. */
    const struct config_option *outputs;
    size_t noutputs;
    size_t output_size;
    const char *outputs_help;   /* of the rule's option <name> ("the Redis outputs: ...") */
    const void *default_output; /* the default mapping's (tables no rule matches) */

    /* Once output i of outputs[] (the rule's outputs for this sink so far,
     * i the last) is read: fill in what depends on several options and
     * check them together, also against outputs[0..i). Returns 0,
     * BB_ERR_USAGE with the whole reason in why and in *at the option
     * whose line it names (NULL, or an option not set: the output's
     * line), or BB_ERR_NOMEM. May be NULL. */
    int (*output_done)(void *outputs, size_t i, const struct config_seen *seen, const char **at,
                       char *why, size_t n);

    /* The mapper's hook: compile the sink's outputs outs[0..n) for one
     * table (mapping/mapper.h, struct mapper_compile) into its own per-table
     * plan (outs[i].compiled), or refuse them for that table (BB_ERR_USAGE,
     * "FILE:LINE: " first, mapper_where_of). May be NULL. */
    int (*compile)(const struct mapper_compile *mc, struct output_plan *outs, uint32_t n,
                   struct bb_error *err);
};

/* ------------------------------------------------------------------ */
/* The configuration                                                   */

/* A rule's outputs for one sink: n structs of the sink's output_size. */
struct config_outputs {
    void *v;
    size_t n;
};

/* A rule: the tables it matches (glob over "schema.table") and what they
 * become. Rules are tried in order; the first match wins. A rule's outputs
 * are exactly those it lists: a table matched by a rule with no outputs
 * for a sink is not written to that sink (write `redis = {}` in the rule
 * for the default hash). Every rule has at least one output. */
struct table_rule {
    char *match;                /* "shop.*", "*.users", "shop.orders" */
    config_list key_columns;    /* the row key, instead of the primary key */
    struct config_outputs *outputs; /* per sink of the configuration (cfg->sinks order) */
    int line;
};

/* Where a bridge with no checkpoint begins: the first binlog the server
 * still has, its current end, or a consistent snapshot of the mirrored
 * tables (an initial load) followed by the binlog from that snapshot on. */
enum start_at { START_EARLIEST, START_CURRENT, START_SNAPSHOT };

/* How a checkpoint is resumed: by its GTID position wherever the source
 * has GTIDs (auto), always by GTID (gtid: an error where it cannot be), or
 * by binlog file and offset, which only the server that wrote them knows
 * (position). */
enum resume_by { RESUME_AUTO, RESUME_GTID, RESUME_POSITION };

struct config_layout;           /* private to config.c */
struct config_origin;

struct bb_config {
    char *path;             /* the file read, NULL for zero config */

    /* source */
    char *source_url;       /* mysql://user[:pass]@host:port */
    config_list source_urls;    /* several servers, tried in order (not with source_url) */
    enum resume_by resume;
    double catch_up_wait;   /* seconds to wait for a source that lacks GTIDs the sinks hold */
    char *source_password_env;  /* name of an environment variable holding the password */
    uint32_t server_id;     /* replica id to register as */
    enum start_at start;    /* where to begin when no checkpoint exists */
    double heartbeat;       /* seconds; the longest a quiet source keeps a batch waiting */
    char *ssl_mode;         /* TLS to the source (enum bb_ssl_mode's names); NULL: the URL's
                               ssl-mode, else PREFERRED */
    char *ssl_ca;           /* PEM files: the CAs, the client certificate and its key */
    char *ssl_cert;
    char *ssl_key;

    /* sinks: the types this configuration knows (bb_config_init's), and
     * each one's settings (its own struct, config_sink_settings) */
    const struct config_sink *const *sinks;
    size_t nsinks;
    void **sink_settings;
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
    char *log_format;           /* "text" or "json" */
    char *http_listen;          /* host:port of /metrics and /health; NULL: none */

    /* rules; when none match a table, the default mapping applies (each
     * configured sink's default output) */
    struct table_rule *rules;
    size_t nrules;

    struct config_layout *layout;   /* private: the option tables, composed */
    struct config_origin *origin;   /* private: the file line of each option */
};

/* libconfig owns the symbols config_init and config_destroy (for its
 * config_t), so ours carry the bb_ prefix; calling the libconfig ones on a
 * struct bb_config would corrupt memory, hence the poison. Only config.c
 * includes libconfig.h (and defines BB_CONFIG_USES_LIBCONFIG). */
#if defined(__GNUC__) && !defined(BB_CONFIG_USES_LIBCONFIG)
#pragma GCC poison config_init config_destroy
#endif

/* Defaults for every option (zero config), for a configuration that knows
 * the sinks sinks[0..nsinks) (kept: they must outlive cfg; their order is
 * the order of cfg->sink_settings, of each rule's outputs and of the
 * mapper's plans). Returns 0 or BB_ERR_NOMEM; pair with bb_config_destroy
 * either way. */
int bb_config_init(struct bb_config *cfg, const struct config_sink *const *sinks, size_t nsinks);

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

/* Set list option `name` to items[0..n), each checked as a file's list
 * item is (messages name it `as`), as the command line does with a
 * repeated flag; n 0 unsets it. */
int config_set_list(struct bb_config *cfg, const char *name, const char *const *items, size_t n,
                    const char *as, struct bb_error *err);

/* The source servers of the configuration, in order: source.urls, or
 * source.url (one URL, or several separated by commas: a comma followed by
 * mysql:// or mariadb:// starts the next one, so a comma in a password
 * stays there). Returns how many (0 when none is set) and sets *urls to a
 * list to free with config_list_free (NULL with a count: out of memory). */
size_t config_source_urls(const struct bb_config *cfg, char ***urls);
void config_list_free(config_list list);

/* Set a string option, replacing and freeing the old value. */
int config_set_string(char **slot, const char *value, struct bb_error *err);

/* Set the top-level string option `name` ("source.url", "redis.url",
 * "checkpoint"), as the command line does. BB_ERR_USAGE when there is no
 * such string option. */
int config_set(struct bb_config *cfg, const char *name, const char *value,
               struct bb_error *err);

/* Set top-level option `name` from text, as the command line and the
 * environment give it (config_load_env): parsed by the option's type (an
 * integer in decimal, a number, one of its choices, a comma-separated
 * list) and checked as a file's value is. Messages name the value `as`
 * ("--log-level", "BINBRIDGE_LOG_LEVEL") instead of the option:
 * "--log-level must be \"debug\", ... or \"off\", got \"verbose\"".
 * Returns 0, or BB_ERR_USAGE (also when the option cannot be given as
 * text: rules), BB_ERR_NOMEM. */
int config_set_text(struct bb_config *cfg, const char *name, const char *text, const char *as,
                    struct bb_error *err);

/* ------------------------------------------------------------------ */
/* The environment                                                     */

/* Every top-level option whose value is text (a string, a number, a
 * choice or a list; not rules) is also an environment variable, named by
 * one rule: BINBRIDGE_ and the option's name upper-cased, each '.'
 * written '_' (batch.rows: BINBRIDGE_BATCH_ROWS, redis.password_env:
 * BINBRIDGE_REDIS_PASSWORD_ENV), except that a group's url is named by the
 * group alone, as its command-line flag is (source.url: BINBRIDGE_SOURCE,
 * <sink>.url: BINBRIDGE_<SINK>). A list is written comma-separated.
 *
 * The passwords are variables of their own, which no file option mirrors:
 * BINBRIDGE_PASSWORD for the source, BINBRIDGE_<SINK>_PASSWORD for each
 * sink whose table has "<sink>.password_env".
 *
 * Each variable X may be given as X_FILE instead: the path of a file that
 * holds the value (one trailing newline removed), for secrets mounted as
 * files. An empty variable counts as unset. Both X and X_FILE set, or a
 * file that cannot be read, is an error naming the variable and the path,
 * never what the file holds.
 *
 * Precedence: the command line, then the environment, then the file,
 * then the defaults (config_load_file, config_load_env, config_set_text,
 * in that order). */
#define CONFIG_ENV_PREFIX "BINBRIDGE_"
/* The configuration file's path, read by the command line (no _FILE). */
#define CONFIG_ENV_CONFIG "BINBRIDGE_CONFIG"

/* The variable of top-level option name, in buf: true, or false when the
 * option has none (rules, an unknown name). */
bool config_env_name(const struct bb_config *cfg, const char *name, char *buf, size_t n);

/* The password variable of group ("source", or a sink's name), in buf:
 * true, or false when the group takes no password. */
bool config_password_env_name(const struct bb_config *cfg, const char *group, char *buf,
                              size_t n);

/* Read variable name, or name_FILE: 1 with *value (malloc'd; free it
 * with config_secret_free) and in label how messages name where it came
 * from ("NAME", or "NAME_FILE (PATH)"); 0 when neither is set; or
 * BB_ERR_USAGE (both set, the file unreadable, empty, not text or more
 * than one line), BB_ERR_NOMEM. */
int config_env_read(const char *name, char **value, char *label, size_t n, struct bb_error *err);

/* Overwrite a value that may be a secret, then free it. NULL is a no-op. */
void config_secret_free(char *value);

/* Apply the environment to cfg, after config_load_file and before the
 * command line: every option's variable, and the passwords. Values are
 * checked as they are set, in messages named by their variable
 * ("BINBRIDGE_BATCH_ROWS must be an integer between 1 and 1000000, got
 * \"many\""); config_validate names them the same way while they hold
 * what the environment set. Returns 0, BB_ERR_USAGE or BB_ERR_NOMEM. */
int config_load_env(struct bb_config *cfg, struct bb_error *err);

/* Whether the variables of cfg's options, their _FILE forms, the
 * passwords' and BINBRIDGE_CONFIG are all distinct: 0, or BB_ERR_USAGE
 * naming the variable and the two things it would set. (A sink's table
 * could otherwise shadow another option: a sink "batch_rows" would be
 * BINBRIDGE_BATCH_ROWS.) config_load_env checks it first. */
int config_env_check(const struct bb_config *cfg, struct bb_error *err);

/* Call warn once for each BINBRIDGE_ variable of the environment that
 * binbridge does not read but that looks meant for it: the plain rule's
 * name of a URL (BINBRIDGE_REDIS_URL), a _FILE form where there is none,
 * a near spelling of a known variable. The message names the variable
 * and what it may have meant, never its value. */
void config_env_warnings(const struct bb_config *cfg, void (*warn)(const char *msg, void *arg),
                         void *arg);

/* The password of the source (group "source") or of a sink (its name),
 * for when its URL holds none: the environment's (BINBRIDGE_PASSWORD,
 * BINBRIDGE_<SINK>_PASSWORD, or their _FILE, as config_load_env read
 * them), else the value of the variable "<group>.password_env" names;
 * NULL when there is none or it is empty. Valid while cfg is. */
const char *config_password(const struct bb_config *cfg, const char *group);

/* The sinks of a configuration. */

/* The index of the sink named name in cfg->sinks, or -1. */
int config_sink_index(const struct bb_config *cfg, const char *name);

/* Sink k's settings: its own struct, as its table describes it. */
const void *config_sink_settings(const struct bb_config *cfg, size_t k);

/* Sink k's URL ("<name>.url"), NULL when the sink is not configured. */
const char *config_sink_url(const struct bb_config *cfg, size_t k);

/* The outputs for sink k of rule (NULL: the default mapping, one output:
 * the sink's default_output): how many, and output i. */
size_t config_rule_noutputs(const struct bb_config *cfg, const struct table_rule *rule, size_t k);
const struct config_output *config_rule_output(const struct bb_config *cfg,
                                               const struct table_rule *rule, size_t k, size_t i);

/* Key and name templates, for the sinks' checks: literal text and {name}
 * placeholders, where name is schema, table, pk or a column. There is no
 * escape: a template cannot hold a literal brace. with_row allows {pk}
 * and columns; *row says whether one was used. literal_bad: characters
 * refused outside placeholders. true, or false with the reason in why. */
bool config_check_template(const char *tpl, bool with_row, const char *literal_bad, bool *row,
                           char *why, size_t n);

/* Is v the name of an environment variable (for "<name>.password_env")?
 * The reason does not repeat v: it may be the password itself. */
bool config_check_env_name(const char *v, char *why, size_t n);

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

/* Print every option of cfg's tables (name, type and bounds, default,
 * help), one a line: the reference config/README.md follows. */
void config_describe(const struct bb_config *cfg, FILE *out);

#endif
