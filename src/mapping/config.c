/* config.c - what `binbridge run` is told, and whether it makes sense.
 *
 * Tables declare each option once: its name, type, default, bounds and
 * help. The tables drive everything else: the defaults (bb_config_init),
 * the parsing and checking of a libconfig file (config_load_file), the
 * re-checking after command-line overrides (config_validate) and the
 * reference listing (config_describe). The engine's own tables are here;
 * each sink brings its own (struct config_sink, config.h), and
 * bb_config_init composes them, in this order:
 *
 *   top level      source_options, each sink's settings ("redis.url" is url
 *                  in redis = { ... }), top_options; dotted names are
 *                  members of groups ("batch.rows" is rows in batch = { ... })
 *   a rule         rule_options, then one entry per sink: its outputs
 *                  (rules = ( { match = ...; redis = { ... }; }, ... ))
 *   an output      the sink's output table (rules.redis.*)
 *
 * No sink is named here: a sink's settings and each rule's outputs for it
 * are the sink's own structs, which the engine allocates, fills from the
 * sink's tables and frees; it reads only what every output has (struct
 * config_output at their start) and, by convention, "<sink>.url" (the
 * sink is configured when it is set) and "<sink>.password_env".
 *
 * Every error is one line, "FILE:LINE: reason", and the first one ends the
 * load: nothing connects until the whole file is known to be good. */
#include <libconfig.h> /* before config.h: it declares config_init/config_destroy */

#define BB_CONFIG_USES_LIBCONFIG
#include "mapping/config.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/url.h"
#include "base/hostport.h"
#include "mysql/server_conn.h"

/* One option of a composed table, and the struct it is a field of: at the
 * top level, sink >= 0 is sink k's settings (else the configuration); in
 * the rule table, the sink whose outputs a CONFIG_OUTPUTS entry holds. */
struct slot {
    const struct config_option *opt;
    int sink;
};

struct table {
    const char *prefix;         /* how messages name its options: "rules.redis." */
    const struct slot *slot;
    size_t n;
    bool top;                   /* the top level: slots of sinks' settings */
};

/* The tables of a configuration, composed from the engine's and its sinks'. */
struct config_layout {
    struct table top, rule;
    struct table *outputs;      /* per sink: rules.<name>.* */
    struct slot *slots;         /* what the tables point into */
    struct config_option *rule_outputs;  /* per sink: the rule's option <name> */
    char *prefixes;             /* "rules.<name>." of each sink, one after the other */
};

/* Where each top-level option was set, in the file or the environment,
 * and its value then: a value config_validate finds changed came from the
 * command line. And the passwords the environment gave. */
struct config_origin {
    int *line;                  /* the file's line; 0: not set there */
    char **env;                 /* the variable ("NAME" or "NAME_FILE (PATH)"); NULL: not
                                   set there */
    unsigned char (*value)[8];
    char **password;            /* per sink, then the source's: from BINBRIDGE_PASSWORD,
                                   BINBRIDGE_<SINK>_PASSWORD or their _FILE */
};

#define AT CONFIG_AT

_Static_assert(sizeof(enum start_at) == sizeof(int), "enums are stored as int");

/* ------------------------------------------------------------------ */
/* Value checks (shared by the file and config_validate)               */

static void strings_free(config_list list);

/* Where the next URL of a list starts: after a comma followed by a
 * scheme (mysql:// or mariadb://), so that a comma inside a password
 * stays in it. NULL when v holds one URL. */
static const char *next_url(const char *v)
{
    for (const char *c = strchr(v, ','); c; c = strchr(c + 1, ',')) {
        const char *u = c + 1;
        while (*u == ' ')
            u++;
        if (strncasecmp(u, "mysql://", 8) == 0 || strncasecmp(u, "mariadb://", 10) == 0)
            return c;
    }
    return NULL;
}

/* The URLs of v, one or several (next_url), as a list (NULL: no memory). */
static config_list split_urls(const char *v)
{
    size_t n = 1;
    for (const char *p = v; (p = next_url(p)); p++)
        n++;
    config_list list = calloc(n + 1, sizeof *list);
    if (!list)
        return NULL;
    const char *p = v;
    for (size_t i = 0; i < n; i++) {
        while (*p == ' ')
            p++;
        const char *end = next_url(p);
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len && p[len - 1] == ' ')
            len--;
        if (!(list[i] = strndup(p, len))) {
            strings_free(list);
            return NULL;
        }
        p = end ? end + 1 : p + len;
    }
    return list;
}

static bool check_one_mysql_url(const char *v, char *why, size_t n)
{
    /* The library's own parser is the authority on what the source accepts. */
    struct bb_server_options so;
    struct bb_error e = { 0 };
    bb_server_options_init(&so);
    int rc = bb_server_options_parse_url(&so, v, &e);
    bb_server_options_destroy(&so);
    if (rc < 0)
        snprintf(why, n, "%s", e.msg);
    return rc == 0;
}

/* One URL, or several separated by commas (a primary and its replicas). */
static bool check_mysql_url(const char *v, char *why, size_t n)
{
    if (!next_url(v))
        return check_one_mysql_url(v, why, n);
    config_list list = split_urls(v);
    if (!list) {
        snprintf(why, n, "out of memory");
        return false;
    }
    bool ok = true;
    for (size_t i = 0; ok && list[i]; i++) {
        char w[400];
        if (!(ok = check_one_mysql_url(list[i], w, sizeof w)))
            snprintf(why, n, "URL %zu of the list: %s", i + 1, w);
    }
    strings_free(list);
    return ok;
}

static bool check_ssl_mode(const char *v, char *why, size_t n)
{
    enum bb_ssl_mode mode;
    if (bb_ssl_mode_parse(v, &mode))
        return true;
    snprintf(why, n, "must be \"DISABLED\", \"PREFERRED\", \"REQUIRED\", \"VERIFY_CA\" or "
             "\"VERIFY_IDENTITY\", got \"%s\"", v);
    return false;
}

bool config_check_env_name(const char *v, char *why, size_t n)
{
    bool ok = isalpha((unsigned char)v[0]) || v[0] == '_';
    for (const char *p = v; ok && *p; p++)
        ok = isalnum((unsigned char)*p) || *p == '_';
    if (!ok)
        /* Not quoted: a value that is no variable name may be the password
         * itself, put here by mistake. */
        snprintf(why, n, "not an environment variable name (letters, digits and '_', not "
                 "starting with a digit); it names the variable, it is not the password");
    return ok;
}

static bool check_checkpoint_name(const char *v, char *why, size_t n)
{
    size_t len = strlen(v);
    bool ok = len <= 64;
    for (const char *p = v; ok && *p; p++)
        ok = isalnum((unsigned char)*p) || strchr("-_.", *p);
    if (!ok)
        snprintf(why, n, "\"%s\" must be 1 to 64 letters, digits, '-', '_' or '.' (it becomes "
                 "part of a Redis key and a MongoDB _id)", v);
    return ok;
}

static bool check_schema_glob(const char *v, char *why, size_t n)
{
    if (strchr(v, '.')) {
        snprintf(why, n, "\"%s\" names a table, not a schema: put \"schema.table\" globs in "
                 "include_tables or exclude_tables", v);
        return false;
    }
    return true;
}

static bool check_schema_include(const char *v, char *why, size_t n)
{
    if (!check_schema_glob(v, why, n))
        return false;
    if (config_is_system_schema(v)) {
        snprintf(why, n, "\"%s\" is a system schema, never mirrored", v);
        return false;
    }
    return true;
}

static bool check_table_glob(const char *v, char *why, size_t n)
{
    const char *dot = strchr(v, '.');
    if (!dot) {
        snprintf(why, n, "\"%s\" must be a \"schema.table\" glob such as \"shop.users\", "
                 "\"shop.*\" or \"*.users\" (did you mean \"*.%s\"?)", v, v);
        return false;
    }
    if (dot == v || v[strlen(v) - 1] == '.') {
        snprintf(why, n, "\"%s\" must be a \"schema.table\" glob such as \"shop.users\", "
                 "\"shop.*\" or \"*.users\"", v);
        return false;
    }
    return true;
}

/* Key and name templates: literal text and {name} placeholders, where
 * name is schema, table, pk or a column. There is no escape: a template
 * cannot hold a literal brace. with_row allows {pk} and columns; *row
 * says whether one was used. literal_bad: characters refused outside
 * placeholders. */
bool config_check_template(const char *tpl, bool with_row, const char *literal_bad, bool *row,
                           char *why, size_t n)
{
    *row = false;
    for (const char *p = tpl; *p;) {
        size_t at = (size_t)(p - tpl) + 1;
        if (*p == '}') {
            snprintf(why, n, "'}' at character %zu closes no placeholder (a template cannot "
                     "hold a literal brace)", at);
            return false;
        }
        if (*p != '{') {
            if (literal_bad && strchr(literal_bad, *p)) {
                snprintf(why, n, "'%c' at character %zu is not allowed in this name", *p, at);
                return false;
            }
            p++;
            continue;
        }
        const char *name = ++p;
        while (*p && *p != '}' && *p != '{')
            p++;
        if (*p != '}') {
            snprintf(why, n, "'{' at character %zu has no closing '}' (a template cannot hold "
                     "a literal brace)", at);
            return false;
        }
        size_t len = (size_t)(p - name);
        p++;
        if (len == 0) {
            snprintf(why, n, "empty placeholder {} at character %zu", at);
            return false;
        }
        if (isspace((unsigned char)name[0]) || isspace((unsigned char)name[len - 1])) {
            snprintf(why, n, "placeholder {%.*s} at character %zu has spaces around its name",
                     (int)len, name, at);
            return false;
        }
        if ((len == 6 && memcmp(name, "schema", 6) == 0) || (len == 5 && memcmp(name, "table", 5) == 0))
            continue;
        if (!with_row) {
            snprintf(why, n, "{%.*s} at character %zu: only {schema} and {table} can be used here",
                     (int)len, name, at);
            return false;
        }
        *row = true;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* The engine's tables                                                 */

static const char *const start_names[] = { "earliest", "current", "snapshot", NULL };
static const char *const resume_names[] = { "auto", "gtid", "position", NULL };
static const char *const log_level_names[] = { "debug", "info", "warn", "error", "off", NULL };
static const char *const log_format_names[] = { "text", "json", NULL };

static bool check_listen(const char *v, char *why, size_t n)
{
    char host[256];
    unsigned port;
    return hostport_split(v, host, sizeof host, &port, why, n);
}

#define CFG(f) AT(struct bb_config, f)
/* The top level, before the sinks' settings. */
static const struct config_option source_options[] = {
    { .name = "source.url", .type = CONFIG_STRING, CFG(source_url), .check = check_mysql_url,
      .flags = CONFIG_UNSET_OK,
      .help = "the MySQL or MariaDB server, mysql://user[:password]@host[:port] or mariadb://...; "
              "several (a primary and its replicas) separated by commas; --source overrides it" },
    { .name = "source.urls", .type = CONFIG_LIST, CFG(source_urls), .check = check_mysql_url,
      .flags = CONFIG_UNSET_OK,
      .help = "several MySQL or MariaDB servers (a primary and its replicas), tried in order at "
              "start and after a lost connection: the bridge follows the first that can serve "
              "its checkpoint's GTID position; not with source.url; --source overrides it" },
    { .name = "source.resume", .type = CONFIG_ENUM, CFG(resume), .choices = resume_names,
      .def = "auto",
      .help = "how a checkpoint is resumed: \"auto\" (by its GTID position where the source has "
              "GTIDs, else by binlog file and offset), \"gtid\" (always by GTID: an error where "
              "there are none) or \"position\" (by file and offset, which only the server that "
              "wrote them knows)" },
    { .name = "source.catch_up_wait", .type = CONFIG_REAL, CFG(catch_up_wait), .rmin = 0,
      .rmax = 86400, .def = "60",
      .help = "seconds: how long to wait for a source that lacks transactions the sinks already "
              "hold (a replica promoted before it had them) to catch up, before stopping with the "
              "GTIDs it lacks" },
    { .name = "source.password_env", .type = CONFIG_STRING, CFG(source_password_env),
      .check = config_check_env_name, .flags = CONFIG_UNSET_OK,
      .help = "name of the environment variable holding the source password (keeps it out of the "
              "file and the command line)" },
    { .name = "source.server_id", .type = CONFIG_UINT, CFG(server_id), .min = 1, .max = 4294967295u,
      .flags = CONFIG_UNSET_OK,
      .help = "the replica id binbridge registers with, unique among the source's replicas; "
              "default 1650589697 (0x62620001)" },
    { .name = "source.start", .type = CONFIG_ENUM, CFG(start), .choices = start_names, .def = "current",
      .help = "where to begin when no checkpoint exists: \"current\" (the source's end of binlog: "
              "only changes from now on), \"earliest\" (the oldest binlog the source still has) or "
              "\"snapshot\" (a consistent copy of the mirrored tables' rows, then the binlog from "
              "that point on: a complete mirror)" },
    { .name = "source.heartbeat", .type = CONFIG_REAL, CFG(heartbeat), .rmin = 0.1, .rmax = 3600,
      .def = "1.0",
      .help = "seconds: the heartbeat period asked of a quiet source, so a dead connection is "
              "noticed (after 3 periods without a word)" },
    { .name = "source.ssl_mode", .type = CONFIG_STRING, CFG(ssl_mode), .check = check_ssl_mode,
      .flags = CONFIG_UNSET_OK,
      .help = "TLS to the source, MySQL's --ssl-mode: \"DISABLED\", \"PREFERRED\" (the "
              "default), \"REQUIRED\", \"VERIFY_CA\" or \"VERIFY_IDENTITY\"; the URL's "
              "?ssl-mode= wins over it" },
    { .name = "source.ssl_ca", .type = CONFIG_STRING, CFG(ssl_ca), .check = server_tls_file_check,
      .flags = CONFIG_UNSET_OK,
      .help = "PEM file of the CA certificates the source's certificate must chain to (needed "
              "by VERIFY_CA and VERIFY_IDENTITY); the URL's ?ssl-ca= wins over it" },
    { .name = "source.ssl_cert", .type = CONFIG_STRING, CFG(ssl_cert), .check = server_tls_file_check,
      .flags = CONFIG_UNSET_OK,
      .help = "PEM file of the client certificate binbridge presents (users created REQUIRE "
              "X509 or SUBJECT); the URL's ?ssl-cert= wins over it" },
    { .name = "source.ssl_key", .type = CONFIG_STRING, CFG(ssl_key), .check = server_tls_file_check,
      .flags = CONFIG_UNSET_OK,
      .help = "PEM file of the client certificate's private key (default: ssl_cert holds it); "
              "the URL's ?ssl-key= wins over it" },
};

/* The top level, after the sinks' settings. */
static const struct config_option top_options[] = {
    { .name = "checkpoint", .type = CONFIG_STRING, CFG(checkpoint_name),
      .check = check_checkpoint_name, .def = "binbridge",
      .help = "names the saved position in each sink; two bridges writing the same sink need "
              "different names" },
    { .name = "include_schemas", .type = CONFIG_LIST, CFG(include_schemas),
      .check = check_schema_include, .flags = CONFIG_UNSET_OK,
      .help = "schema globs: only these schemas are mirrored (default: every user schema)" },
    { .name = "exclude_schemas", .type = CONFIG_LIST, CFG(exclude_schemas),
      .check = check_schema_glob, .flags = CONFIG_UNSET_OK,
      .help = "schema globs never mirrored (mysql, sys, information_schema and performance_schema "
              "never are)" },
    { .name = "include_tables", .type = CONFIG_LIST, CFG(include_tables), .check = check_table_glob,
      .flags = CONFIG_UNSET_OK,
      .help = "\"schema.table\" globs: only these tables are mirrored (default: every table)" },
    { .name = "exclude_tables", .type = CONFIG_LIST, CFG(exclude_tables), .check = check_table_glob,
      .flags = CONFIG_UNSET_OK, .help = "\"schema.table\" globs never mirrored" },
    { .name = "batch.rows", .type = CONFIG_UINT, CFG(batch_rows), .min = 1, .max = 1000000,
      .def = "5000",
      .help = "row changes per batch: a batch is written when any batch limit is reached" },
    { .name = "batch.bytes", .type = CONFIG_UINT, CFG(batch_bytes), .min = 65536,
      .max = 17179869184u, .def = "16777216",
      .help = "bytes buffered for a sink before it is written; bounds memory, also inside one "
              "huge transaction (applied in chunks); above 2147483647 write the L suffix" },
    { .name = "batch.delay_ms", .type = CONFIG_UINT, CFG(batch_delay_ms), .min = 0, .max = 60000,
      .def = "100", .help = "milliseconds: while more is there to read, the longest a change "
                            "waits for its batch (once everything received is read, it is written "
                            "at once)" },
    { .name = "retry.initial_ms", .type = CONFIG_UINT, CFG(retry_initial_ms), .min = 1, .max = 60000,
      .def = "200",
      .help = "milliseconds before the first reconnection after a failure; doubles each time" },
    { .name = "retry.max_ms", .type = CONFIG_UINT, CFG(retry_max_ms), .min = 1, .max = 3600000,
      .def = "30000", .help = "milliseconds: the longest wait between reconnections" },
    { .name = "progress_interval", .type = CONFIG_UINT, CFG(progress_interval), .min = 0,
      .max = 86400, .def = "10",
      .help = "seconds between progress lines (events/s, rows/s, lag, position); 0: none" },
    { .name = "log_level", .type = CONFIG_STRING, CFG(log_level), .choices = log_level_names,
      .def = "info", .help = "the least severe messages logged" },
    { .name = "log_format", .type = CONFIG_STRING, CFG(log_format), .choices = log_format_names,
      .def = "text", .help = "\"text\" (one readable line per message) or \"json\" (one object "
      "per line: time, level, msg and the message's fields); --log-format overrides it" },
    { .name = "http.listen", .type = CONFIG_STRING, CFG(http_listen), .check = check_listen,
      .flags = CONFIG_UNSET_OK,
      .help = "host:port of the HTTP listener serving /metrics (Prometheus) and /health, such as "
              "\"127.0.0.1:9108\"; off when unset; --http overrides it" },
    { .name = "rules", .type = CONFIG_RULES, CFG(rules),
      .help = "how tables are mirrored: the first rule whose match fits schema.table applies; "
              "tables no rule matches get the default mapping" },
};


#define RULE(f) AT(struct table_rule, f)
static const struct config_option rule_options[] = {
    { .name = "match", .type = CONFIG_STRING, RULE(match), .check = check_table_glob,
      .help = "required: a \"schema.table\" glob ('*' any run of characters, '?' one; "
              "case-sensitive) naming the tables the rule applies to" },
    { .name = "key_columns", .type = CONFIG_LIST, RULE(key_columns),
      .help = "the columns forming the row key ({pk} and MongoDB's _id) instead of the primary "
              "key; needed for tables without a primary or unique key" },
};

#define COUNT(a) (sizeof a / sizeof a[0])

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static void *field_of(const struct config_option *o, void *base)
{
    return (char *)base + o->offset;
}

static const void *cfield_of(const struct config_option *o, const void *base)
{
    return (const char *)base + o->offset;
}

static int choice_index(const char *const *choices, const char *v)
{
    for (int i = 0; choices[i]; i++)
        if (strcmp(choices[i], v) == 0)
            return i;
    return -1;
}

static void set_uint(const struct config_option *o, void *f, uint64_t v)
{
    if (o->size == sizeof(uint32_t)) {
        uint32_t x = (uint32_t)v;
        memcpy(f, &x, sizeof x);
    } else {
        memcpy(f, &v, sizeof v);
    }
}

static uint64_t get_uint(const struct config_option *o, const void *f)
{
    if (o->size == sizeof(uint32_t)) {
        uint32_t x;
        memcpy(&x, f, sizeof x);
        return x;
    }
    uint64_t v;
    memcpy(&v, f, sizeof v);
    return v;
}

static void strings_free(config_list list)
{
    if (!list)
        return;
    for (char **p = list; *p; p++)
        free(*p);
    free(list);
}

/* "a", "b" or "c" */
static void choices_text(const char *const *choices, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; choices[i] && used < n; i++) {
        const char *sep = i == 0 ? "" : choices[i + 1] ? ", " : " or ";
        int w = snprintf(buf + used, n - used, "%s\"%s\"", sep, choices[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

/* What an option must be, for "X must be <this>, got ...". */
static void expect_text(const struct config_option *o, char *buf, size_t n)
{
    switch (o->type) {
    case CONFIG_STRING:
        if (o->choices)
            choices_text(o->choices, buf, n);
        else
            snprintf(buf, n, "a string");
        break;
    case CONFIG_UINT:
        snprintf(buf, n, "an integer between %llu and %llu", (unsigned long long)o->min,
                 (unsigned long long)o->max);
        break;
    case CONFIG_REAL:
        snprintf(buf, n, "a number between %g and %g", o->rmin, o->rmax);
        break;
    case CONFIG_ENUM:
    case CONFIG_FLAG:
        choices_text(o->choices, buf, n);
        break;
    case CONFIG_LIST:
        snprintf(buf, n, "a list of strings such as [ \"a\", \"b\" ]");
        break;
    case CONFIG_PAIRS:
        snprintf(buf, n, "a list of pairs such as ( (\"column\", \"field\") )");
        break;
    case CONFIG_RULES:
        snprintf(buf, n, "a list of rules ( { match = \"schema.table\"; ... }, ... )");
        break;
    case CONFIG_OUTPUTS:
        snprintf(buf, n, "a group { ... } or a list of groups ( { ... }, { ... } )");
        break;
    }
}

static const char *type_text(const config_setting_t *s)
{
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_GROUP: return "a group { ... }";
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64: return "an integer";
    case CONFIG_TYPE_FLOAT: return "a number with a fraction";
    case CONFIG_TYPE_STRING: return "a string";
    case CONFIG_TYPE_BOOL: return "a boolean";
    case CONFIG_TYPE_ARRAY: return "an array [ ... ]";
    case CONFIG_TYPE_LIST: return "a list ( ... )";
    default: return "nothing";
    }
}

static bool is_integer(const config_setting_t *s)
{
    return config_setting_type(s) == CONFIG_TYPE_INT || config_setting_type(s) == CONFIG_TYPE_INT64;
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t row[64];
    if (la >= 63 || lb >= 63)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* ------------------------------------------------------------------ */
/* Checking values (file and config_validate alike)                    */

/* Each returns true, or false with the whole reason in msg. */

static bool check_string_value(const struct config_option *o, const char *name, const char *v, char *msg,
                               size_t n)
{
    char why[400];
    if (o->choices) {
        if (choice_index(o->choices, v) >= 0)
            return true;
        choices_text(o->choices, why, sizeof why);
        snprintf(msg, n, "%s must be %s, got \"%s\"", name, why, v);
        return false;
    }
    if (!v[0]) {
        snprintf(msg, n, "%s must not be empty", name);
        return false;
    }
    if (o->check && !o->check(v, why, sizeof why)) {
        snprintf(msg, n, "%s: %s", name, why);
        return false;
    }
    return true;
}

static bool check_uint_value(const struct config_option *o, const char *name, long long v, char *msg,
                             size_t n)
{
    if (v >= 0 && (uint64_t)v >= o->min && (uint64_t)v <= o->max)
        return true;
    char want[128];
    expect_text(o, want, sizeof want);
    snprintf(msg, n, "%s must be %s, got %lld", name, want, v);
    return false;
}

static bool check_real_value(const struct config_option *o, const char *name, double v, char *msg,
                             size_t n)
{
    if (isfinite(v) && v >= o->rmin && v <= o->rmax)
        return true;
    char want[128];
    expect_text(o, want, sizeof want);
    snprintf(msg, n, "%s must be %s, got %g", name, want, v);
    return false;
}

static bool check_list_item(const struct config_option *o, const char *name, const char *v,
                            const config_list earlier, size_t nearlier, char *msg, size_t n)
{
    char why[400];
    if (!v[0]) {
        snprintf(msg, n, "%s: empty string in the list", name);
        return false;
    }
    for (size_t i = 0; i < nearlier; i++)
        if (strcmp(earlier[i], v) == 0) {
            snprintf(msg, n, "%s lists \"%s\" twice", name, v);
            url_redact_passwords(msg, n);     /* a URL's password */
            return false;
        }
    if (o->check && !o->check(v, why, sizeof why)) {
        snprintf(msg, n, "%s: %s", name, why);
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* Loading a file                                                      */

struct loader {
    const char *path;
    struct bb_config *cfg;
    struct bb_error *err;
};

static int fail_line(struct loader *ld, int line, const char *fmt, ...) BB_PRINTF(3, 4);
static int fail_line(struct loader *ld, int line, const char *fmt, ...)
{
    char msg[BB_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        return bb_error_set(ld->err, BB_ERR_USAGE, "%s:%d: %s", ld->path, line, msg);
    return bb_error_set(ld->err, BB_ERR_USAGE, "%s: %s", ld->path, msg);
}

#define fail(ld, s, ...) fail_line((ld), (int)config_setting_source_line(s), __VA_ARGS__)

static int bad_type(struct loader *ld, const config_setting_t *s, const struct config_option *o,
                    const char *name)
{
    char want[160];
    expect_text(o, want, sizeof want);
    return fail(ld, s, "%s must be %s, got %s", name, want, type_text(s));
}

static int out_of_memory(struct loader *ld)
{
    return bb_error_set(ld->err, BB_ERR_NOMEM, "%s: out of memory", ld->path);
}

static int store_string(struct loader *ld, char **slot, const char *v)
{
    char *copy = strdup(v);
    if (!copy)
        return out_of_memory(ld);
    free(*slot);
    *slot = copy;
    return 0;
}

static int parse_list(struct loader *ld, const config_setting_t *s, const struct config_option *o,
                      const char *name, config_list *out)
{
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST)
        return bad_type(ld, s, o, name);
    size_t n = (size_t)config_setting_length(s);
    if (n == 0)
        return fail(ld, s, "%s must not be empty (leave it out instead)", name);
    config_list list = calloc(n + 1, sizeof *list);
    if (!list)
        return out_of_memory(ld);
    strings_free(*out);
    *out = list;
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        char msg[BB_ERROR_MSG_MAX];
        if (config_setting_type(e) != CONFIG_TYPE_STRING)
            return fail(ld, e, "%s must be a list of strings such as [ \"a\", \"b\" ], got %s in it",
                        name, type_text(e));
        const char *v = config_setting_get_string(e);
        if (!check_list_item(o, name, v, list, i, msg, sizeof msg))
            return fail(ld, e, "%s", msg);
        if (!(list[i] = strdup(v)))
            return out_of_memory(ld);
    }
    return 0;
}

static int parse_pairs(struct loader *ld, const config_setting_t *s, const struct config_option *o,
                       const char *name, config_list *out)
{
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_LIST)
        return bad_type(ld, s, o, name);
    size_t n = (size_t)config_setting_length(s);
    if (n == 0)
        return fail(ld, s, "%s must not be empty (leave it out instead)", name);
    config_list list = calloc(2 * n + 1, sizeof *list);
    if (!list)
        return out_of_memory(ld);
    strings_free(*out);
    *out = list;
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        int et = config_setting_type(e);
        if ((et != CONFIG_TYPE_LIST && et != CONFIG_TYPE_ARRAY) || config_setting_length(e) != 2 ||
            config_setting_type(config_setting_get_elem(e, 0)) != CONFIG_TYPE_STRING ||
            config_setting_type(config_setting_get_elem(e, 1)) != CONFIG_TYPE_STRING)
            return fail(ld, e, "%s: each entry must be a pair (\"column\", \"field\")", name);
        const char *col = config_setting_get_string_elem(e, 0);
        const char *field = config_setting_get_string_elem(e, 1);
        char why[400];
        if (!col[0] || !field[0])
            return fail(ld, e, "%s: empty name in (\"%s\", \"%s\")", name, col, field);
        if (o->check && !o->check(field, why, sizeof why))
            return fail(ld, e, "%s: %s", name, why);
        for (size_t j = 0; j < i; j++) {
            if (strcmp(list[2 * j], col) == 0)
                return fail(ld, e, "%s renames \"%s\" twice", name, col);
            if (strcmp(list[2 * j + 1], field) == 0)
                return fail(ld, e, "%s renames both \"%s\" and \"%s\" to \"%s\"", name,
                            list[2 * j], col, field);
        }
        if (!(list[2 * i] = strdup(col)) || !(list[2 * i + 1] = strdup(field)))
            return out_of_memory(ld);
    }
    return 0;
}


static int parse_rules(struct loader *ld, const config_setting_t *s, const struct config_option *o);
static int parse_outputs(struct loader *ld, const config_setting_t *s, const struct config_option *o,
                         struct table_rule *r, size_t k);

/* The struct slot i of table t is a field of, for a group whose own
 * struct is base. */
static void *slot_base(const struct bb_config *cfg, const struct table *t, size_t i, void *base)
{
    if (t->top && t->slot[i].sink >= 0)
        return cfg->sink_settings[t->slot[i].sink];
    return base;
}

/* Parse setting s as slot i of table t (named name in messages) into its
 * struct (base: the group's). */
static int parse_value(struct loader *ld, const config_setting_t *s, const struct table *t,
                       size_t i, const char *name, void *base)
{
    const struct config_option *o = t->slot[i].opt;
    base = slot_base(ld->cfg, t, i, base);
    void *f = field_of(o, base);
    char msg[BB_ERROR_MSG_MAX];
    int type = config_setting_type(s);
    switch (o->type) {
    case CONFIG_STRING: {
        if (type != CONFIG_TYPE_STRING)
            return bad_type(ld, s, o, name);
        const char *v = config_setting_get_string(s);
        if (!check_string_value(o, name, v, msg, sizeof msg))
            return fail(ld, s, "%s", msg);
        return store_string(ld, (char **)f, v);
    }
    case CONFIG_UINT: {
        if (!is_integer(s))
            return bad_type(ld, s, o, name);
        long long v = config_setting_get_int64(s);
        if (!check_uint_value(o, name, v, msg, sizeof msg))
            return fail(ld, s, "%s", msg);
        set_uint(o, f, (uint64_t)v);
        return 0;
    }
    case CONFIG_REAL: {
        if (!is_integer(s) && type != CONFIG_TYPE_FLOAT)
            return bad_type(ld, s, o, name);
        double v = type == CONFIG_TYPE_FLOAT ? config_setting_get_float(s)
                                             : (double)config_setting_get_int64(s);
        if (!check_real_value(o, name, v, msg, sizeof msg))
            return fail(ld, s, "%s", msg);
        memcpy(f, &v, sizeof v);
        return 0;
    }
    case CONFIG_ENUM:
    case CONFIG_FLAG: {
        if (type != CONFIG_TYPE_STRING)
            return bad_type(ld, s, o, name);
        const char *v = config_setting_get_string(s);
        int c = choice_index(o->choices, v);
        if (c < 0) {
            char want[160];
            expect_text(o, want, sizeof want);
            return fail(ld, s, "%s must be %s, got \"%s\"", name, want, v);
        }
        if (o->type == CONFIG_FLAG) {
            bool b = c == 1;
            memcpy(f, &b, sizeof b);
        } else {
            memcpy(f, &c, sizeof c);
        }
        return 0;
    }
    case CONFIG_LIST:
        return parse_list(ld, s, o, name, (config_list *)f);
    case CONFIG_PAIRS:
        return parse_pairs(ld, s, o, name, (config_list *)f);
    case CONFIG_RULES:
        return parse_rules(ld, s, o);
    case CONFIG_OUTPUTS:
        return parse_outputs(ld, s, o, base, (size_t)t->slot[i].sink);
    }
    return 0;
}

/* The index of option name in t, or -1. */
static int find_option(const struct table *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->slot[i].opt->name, name) == 0)
            return (int)i;
    return -1;
}

/* Is name a group of t's options ("batch" of "batch.rows")? */
static bool is_group(const struct table *t, const char *name)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < t->n; i++)
        if (strncmp(t->slot[i].opt->name, name, len) == 0 && t->slot[i].opt->name[len] == '.')
            return true;
    return false;
}

/* "unknown option" with a suggestion: an option of the same last name
 * elsewhere (url -> source.url, redis.url ...), else a close spelling. */
static int unknown_option(struct loader *ld, const config_setting_t *s, const struct table *t,
                          const char *name)
{
    const struct config_layout *lay = ld->cfg->layout;
    char hint[300] = "";
    size_t used = 0;
    const char *base = strrchr(name, '.') ? strrchr(name, '.') + 1 : name;
    for (size_t i = 0; i < t->n && used < sizeof hint; i++) {
        const char *on = t->slot[i].opt->name;
        const char *ob = strrchr(on, '.') ? strrchr(on, '.') + 1 : on;
        if (strcmp(ob, base) == 0 && strcmp(on, name) != 0) {
            int w = snprintf(hint + used, sizeof hint - used, "%s\"%s%s\"",
                             used ? " or " : " (did you mean ", t->prefix, on);
            if (w > 0)
                used += (size_t)w;
        }
    }
    if (!used) {
        /* A close spelling of an option or of a group ("sourse" for "source"). */
        size_t best = 3;
        for (size_t i = 0; i < t->n; i++) {
            char group[64];
            const char *on = t->slot[i].opt->name, *dot = strchr(on, '.');
            snprintf(group, sizeof group, "%.*s", dot ? (int)(dot - on) : 0, on);
            const char *cand[2] = { on, dot ? group : NULL };
            for (int k = 0; k < 2 && cand[k]; k++) {
                size_t d = edit_distance(name, cand[k]);
                if (d < best && d * 3 <= strlen(name)) {
                    best = d;
                    snprintf(hint, sizeof hint, " (did you mean \"%s%s\"?)", t->prefix, cand[k]);
                }
            }
        }
    } else if (used < sizeof hint) {
        snprintf(hint + used, sizeof hint - used, "?)");
    }
    /* Output options written straight into a rule. */
    if (t == &lay->rule && !hint[0])
        for (size_t k = 0; k < ld->cfg->nsinks && !hint[0]; k++)
            if (find_option(&lay->outputs[k], name) >= 0)
                snprintf(hint, sizeof hint, " (%.200s belongs in the rule's %s = { ... } output)",
                         name, ld->cfg->sinks[k]->name);
    return fail(ld, s, "unknown option \"%s%s\"%s", t->prefix, name, hint);
}

/* Parse the members of group s against table t. path is the group's
 * dotted name with a trailing '.' ("" for the group the table describes);
 * where[i] receives the setting of option i. */
static int parse_members(struct loader *ld, const config_setting_t *s, const struct table *t,
                         const char *path, void *base, const config_setting_t **where)
{
    int n = config_setting_length(s);
    for (int i = 0; i < n; i++) {
        const config_setting_t *m = config_setting_get_elem(s, (unsigned)i);
        char full[256], shown[300];
        snprintf(full, sizeof full, "%s%s", path, config_setting_name(m));
        snprintf(shown, sizeof shown, "%s%s", t->prefix, full);
        int o = find_option(t, full);
        int rc;
        if (o >= 0) {
            where[o] = m;
            rc = parse_value(ld, m, t, (size_t)o, shown, base);
        } else if (is_group(t, full)) {
            if (!config_setting_is_group(m))
                return fail(ld, m, "%s must be a group { ... }, got %s", shown, type_text(m));
            char sub[260];
            snprintf(sub, sizeof sub, "%s.", full);
            rc = parse_members(ld, m, t, sub, base, where);
        } else {
            rc = unknown_option(ld, m, t, full);
        }
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* Set the defaults of options opt[0..n) in base. */
static int set_defaults(const struct config_option *opt, size_t n, void *base)
{
    for (size_t i = 0; i < n; i++) {
        const struct config_option *o = &opt[i];
        void *f = field_of(o, base);
        if (!o->def)
            continue;
        switch (o->type) {
        case CONFIG_STRING: {
            char *copy = strdup(o->def);
            if (!copy)
                return BB_ERR_NOMEM;
            free(*(char **)f);
            *(char **)f = copy;
            break;
        }
        case CONFIG_UINT:
            set_uint(o, f, strtoull(o->def, NULL, 10));
            break;
        case CONFIG_REAL: {
            double v = strtod(o->def, NULL);
            memcpy(f, &v, sizeof v);
            break;
        }
        case CONFIG_ENUM: {
            int v = choice_index(o->choices, o->def);
            memcpy(f, &v, sizeof v);
            break;
        }
        case CONFIG_FLAG: {
            bool v = choice_index(o->choices, o->def) == 1;
            memcpy(f, &v, sizeof v);
            break;
        }
        default:
            break;
        }
    }
    return 0;
}

/* Free what options opt[0..n) hold in base (rules and outputs excepted). */
static void free_fields(const struct config_option *opt, size_t n, void *base)
{
    for (size_t i = 0; i < n; i++) {
        const struct config_option *o = &opt[i];
        void *f = field_of(o, base);
        if (o->type == CONFIG_STRING) {
            free(*(char **)f);
            *(char **)f = NULL;
        } else if (o->type == CONFIG_LIST || o->type == CONFIG_PAIRS) {
            strings_free(*(config_list *)f);
            *(config_list *)f = NULL;
        }
    }
}

static void free_rules(const struct bb_config *cfg, struct table_rule *rules, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct table_rule *r = &rules[i];
        for (size_t k = 0; r->outputs && k < cfg->nsinks; k++) {
            const struct config_sink *sk = cfg->sinks[k];
            for (size_t j = 0; j < r->outputs[k].n; j++)
                free_fields(sk->outputs, sk->noutputs,
                            (char *)r->outputs[k].v + j * sk->output_size);
            free(r->outputs[k].v);
        }
        free(r->outputs);
        free_fields(rule_options, COUNT(rule_options), r);
    }
    free(rules);
}

/* The groups of s: one group, or a non-empty list of groups. */
static int group_items(struct loader *ld, const config_setting_t *s, const struct config_option *o,
                       const char *name, size_t *n)
{
    if (config_setting_is_group(s)) {
        *n = 1;
        return 0;
    }
    if (config_setting_type(s) != CONFIG_TYPE_LIST)
        return bad_type(ld, s, o, name);
    *n = (size_t)config_setting_length(s);
    if (*n == 0)
        return fail(ld, s, "%s must not be empty (leave it out instead)", name);
    for (size_t i = 0; i < *n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        if (!config_setting_is_group(e))
            return fail(ld, e, "%s must be %s, got %s in the list", name,
                        o->type == CONFIG_RULES ? "a list of groups ( { match = \"schema.table\"; "
                                                  "... }, ... )"
                                                : "a group { ... } or a list of groups",
                        type_text(e));
    }
    return 0;
}

static const config_setting_t *group_item(const config_setting_t *s, size_t i)
{
    return config_setting_is_group(s) ? s : config_setting_get_elem(s, (unsigned)i);
}

struct config_seen {
    const struct table *table;
    const config_setting_t *const *where;
};

int config_seen_line(const struct config_seen *seen, const char *name)
{
    int i = find_option(seen->table, name);
    return i >= 0 && seen->where[i] ? (int)config_setting_source_line(seen->where[i]) : 0;
}

/* A rule's outputs for sink k: rules = ( { ...; <name> = { ... } or ( ... ); } ). */
static int parse_outputs(struct loader *ld, const config_setting_t *s, const struct config_option *o,
                         struct table_rule *r, size_t k)
{
    const struct config_sink *sk = ld->cfg->sinks[k];
    const struct table *t = &ld->cfg->layout->outputs[k];
    char name[64];
    snprintf(name, sizeof name, "rules.%s", sk->name);
    size_t n;
    int rc = group_items(ld, s, o, name, &n);
    if (rc < 0)
        return rc;
    struct config_outputs *outs = &r->outputs[k];
    if (!(outs->v = calloc(n, sk->output_size)))
        return out_of_memory(ld);
    const config_setting_t **where = calloc(t->n + 1, sizeof *where);
    if (!where)
        return out_of_memory(ld);
    for (size_t i = 0; i < n && rc == 0; i++) {
        const config_setting_t *g = group_item(s, i);
        memset(where, 0, t->n * sizeof *where);
        struct config_output *out = (struct config_output *)((char *)outs->v + i * sk->output_size);
        outs->n++;
        out->line = (int)config_setting_source_line(g);
        if (set_defaults(sk->outputs, sk->noutputs, out) < 0) {
            rc = out_of_memory(ld);
            break;
        }
        if ((rc = parse_members(ld, g, t, "", out, where)) < 0)
            break;
        struct config_seen seen = { t, where };
        if (out->include_columns && out->exclude_columns) {
            int x = find_option(t, "exclude_columns");
            rc = fail(ld, x >= 0 && where[x] ? where[x] : g, "%s: include_columns and "
                      "exclude_columns cannot be used together", name);
            break;
        }
        if (!sk->output_done)
            continue;
        const char *at = NULL;
        char why[BB_ERROR_MSG_MAX];
        why[0] = '\0';
        int done = sk->output_done(outs->v, i, &seen, &at, why, sizeof why);
        if (done == BB_ERR_NOMEM) {
            rc = out_of_memory(ld);
        } else if (done < 0) {
            int x = at ? find_option(t, at) : -1;
            rc = fail(ld, x >= 0 && where[x] ? where[x] : g, "%s", why);
        }
    }
    free(where);
    return rc;
}

static int parse_rules(struct loader *ld, const config_setting_t *s, const struct config_option *o)
{
    struct bb_config *cfg = ld->cfg;
    const struct table *t = &cfg->layout->rule;
    size_t n;
    int rc = group_items(ld, s, o, "rules", &n);
    if (rc < 0)
        return rc;
    free_rules(cfg, cfg->rules, cfg->nrules);
    cfg->nrules = 0;
    if (!(cfg->rules = calloc(n, sizeof *cfg->rules)))
        return out_of_memory(ld);
    const config_setting_t **where = calloc(t->n + 1, sizeof *where);
    if (!where)
        return out_of_memory(ld);
    for (size_t i = 0; i < n && rc == 0; i++) {
        const config_setting_t *g = group_item(s, i);
        memset(where, 0, t->n * sizeof *where);
        struct table_rule *r = &cfg->rules[cfg->nrules++];
        r->line = (int)config_setting_source_line(g);
        if (!(r->outputs = calloc(cfg->nsinks + 1, sizeof *r->outputs))) {
            rc = out_of_memory(ld);
            break;
        }
        if ((rc = parse_members(ld, g, t, "", r, where)) < 0)
            break;
        if (!r->match) {
            rc = fail(ld, g, "rules: this rule has no match = \"schema.table\" (globs allowed)");
            break;
        }
        size_t nout = 0;
        for (size_t k = 0; k < cfg->nsinks; k++)
            nout += r->outputs[k].n;
        if (nout == 0) {
            char add[300] = "";
            size_t used = 0;
            for (size_t k = 0; k < cfg->nsinks && used < sizeof add; k++) {
                int w = snprintf(add + used, sizeof add - used, "%s%s = { ... }",
                                 k ? " or " : "", cfg->sinks[k]->name);
                if (w > 0)
                    used += (size_t)w;
            }
            rc = fail(ld, g, "rules: the rule for \"%s\" has no outputs: add %s ({} gives the "
                      "default mapping)", r->match, add);
            break;
        }
        for (size_t k = 0; k + 1 < cfg->nrules && rc == 0; k++)
            if (strcmp(cfg->rules[k].match, r->match) == 0)
                rc = fail(ld, where[find_option(t, "match")],
                          "rules: \"%s\" is matched by the rule at line %d already, so this "
                          "rule would never apply", r->match, cfg->rules[k].line);
    }
    free(where);
    return rc;
}


/* libconfig 1.5 reads an integer literal beyond 32 bits without the L
 * suffix as its low 32 bits (4294967296 becomes 0), silently. Before the
 * values are used, find such literals in the text (skipping comments and
 * strings, as libconfig's scanner does) and refuse them. @include is
 * refused (before parsing, with numbers false), so that every setting
 * comes from the one file named and every line number is in it. */
static int scan_literals(struct loader *ld, const char *text, bool numbers)
{
    int line = 1;
    bool line_start = true;
    for (const char *p = text; *p;) {
        unsigned char c = (unsigned char)*p;
        if (c == '\n') {
            line++;
            line_start = true;
            p++;
            continue;
        }
        if (c == '#' || (c == '/' && p[1] == '/')) {
            while (*p && *p != '\n')
                p++;
            continue;
        }
        if (c == '/' && p[1] == '*') {
            for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
                line += *p == '\n';
            p += *p ? 2 : 0;
            line_start = false;
            continue;
        }
        if (isspace(c)) {
            p++;
            continue;
        }
        bool at_start = line_start;
        line_start = false;
        if (c == '"') {
            for (p++; *p && *p != '"'; p++) {
                if (*p == '\\' && p[1])
                    p++;
                line += *p == '\n';
            }
            p += *p ? 1 : 0;
            continue;
        }
        if (c == '@' && at_start && strncmp(p, "@include", 8) == 0)
            return fail_line(ld, line, "@include is not supported: keep the configuration in "
                             "one file");
        if (isalpha(c) || c == '*') { /* a setting name */
            while (*p && (isalnum((unsigned char)*p) || strchr("-_*", *p)))
                p++;
            continue;
        }
        if (numbers && (isdigit(c) || ((c == '-' || c == '+') && isdigit((unsigned char)p[1])))) {
            const char *start = p;
            bool neg = c == '-';
            if (c == '-' || c == '+')
                p++;
            bool hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
            const char *digits = hex ? p + 2 : p;
            for (p = digits; hex ? isxdigit((unsigned char)*p) : isdigit((unsigned char)*p);)
                p++;
            if (!hex && (*p == '.' || *p == 'e' || *p == 'E')) { /* a float */
                while (*p && (isdigit((unsigned char)*p) || strchr(".eE+-", *p)))
                    p++;
                continue;
            }
            int len = (int)(p - start);
            bool suffix = *p == 'L';
            p += suffix;
            errno = 0;
            unsigned long long v = strtoull(digits, NULL, hex ? 16 : 10);
            bool too_big = errno == ERANGE || v > (neg ? (unsigned long long)INT64_MAX + 1
                                                       : (unsigned long long)INT64_MAX);
            if (too_big)
                return fail_line(ld, line, "%.*s does not fit in 64 bits", len, start);
            if (!suffix && v > (neg ? 2147483648ull : 2147483647ull))
                return fail_line(ld, line, "%.*s does not fit in 32 bits, and libconfig would "
                                 "silently cut it: write %.*sL", len, start, len, start);
            continue;
        }
        p++;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* What libconfig refused, said better                                 */

/* Skip spaces and comments from p; lines counted in *line. */
static const char *skip_blank(const char *p, int *line)
{
    for (;;) {
        if (*p == '\n') {
            ++*line;
            p++;
        } else if (isspace((unsigned char)*p)) {
            p++;
        } else if (*p == '#' || (*p == '/' && p[1] == '/')) {
            while (*p && *p != '\n')
                p++;
        } else if (*p == '/' && p[1] == '*') {
            for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
                *line += *p == '\n';
            p += *p ? 2 : 0;
        } else {
            return p;
        }
    }
}

struct seen_name {
    const char *p;
    size_t len;
    int line;
};

/* The first setting named twice in one group, as libconfig refuses it
 * ("duplicate setting name", which does not say which): its dotted name
 * in out ("source.url"; a group in a list has the list's name), the line
 * of the second and of the first. false when none is found. */
static bool find_duplicate(const char *text, char *out, size_t n, int *line2, int *line1)
{
    struct frame {
        size_t start;           /* its names in seen[] */
        char kind;              /* '{', '(' or '[' */
        char label[200];        /* dotted, "" at the top */
    } stack[32];
    size_t depth = 0, nseen = 0, cap = 0;
    struct seen_name *seen = NULL;
    char pending[128] = "";     /* the name just assigned: it names the group that follows */
    bool found = false;
    int line = 1;
    stack[0] = (struct frame){ 0, '{', "" };
    for (const char *p = skip_blank(text, &line); *p && !found; p = skip_blank(p, &line)) {
        unsigned char c = (unsigned char)*p;
        if (c == '"') {
            for (p++; *p && *p != '"'; p++) {
                if (*p == '\\' && p[1])
                    p++;
                line += *p == '\n';
            }
            p += *p ? 1 : 0;
        } else if (c == '{' || c == '(' || c == '[') {
            if (depth + 1 == sizeof stack / sizeof *stack)
                break;
            char label[sizeof stack[0].label];
            const char *up = stack[depth].label;
            snprintf(label, sizeof label, "%s%s%s", up, up[0] && pending[0] ? "." : "", pending);
            struct frame *f = &stack[++depth];
            f->start = nseen;
            f->kind = (char)c;
            memcpy(f->label, label, sizeof label);
            pending[0] = '\0';
            p++;
        } else if (c == '}' || c == ')' || c == ']') {
            if (depth == 0)
                break;
            nseen = stack[depth--].start;
            pending[0] = '\0';
            p++;
        } else if (isalpha(c) || c == '*') {
            const char *name = p;
            while (*p && (isalnum((unsigned char)*p) || strchr("-_*", *p)))
                p++;
            size_t len = (size_t)(p - name);
            int at = line;
            const char *q = skip_blank(p, &line);
            if ((*q != '=' && *q != ':') || stack[depth].kind != '{')
                continue;   /* a value (true, false), or not a setting */
            p = q + 1;
            for (size_t i = stack[depth].start; i < nseen; i++)
                if (seen[i].len == len && memcmp(seen[i].p, name, len) == 0) {
                    const char *label = stack[depth].label;
                    snprintf(out, n, "%s%s%.*s", label, label[0] ? "." : "", (int)len, name);
                    *line2 = at;
                    *line1 = seen[i].line;
                    found = true;
                }
            if (nseen == cap) {
                size_t bigger = cap ? 2 * cap : 32;
                struct seen_name *more = realloc(seen, bigger * sizeof *seen);
                if (!more)
                    break;
                seen = more;
                cap = bigger;
            }
            seen[nseen++] = (struct seen_name){ name, len, at };
            snprintf(pending, sizeof pending, "%.*s", (int)len, name);
        } else {
            p++;
        }
    }
    free(seen);
    return found;
}

/* Does the text look like YAML or JSON rather than libconfig? "YAML",
 * "JSON" or NULL. */
static const char *other_format(const char *path, const char *text)
{
    size_t plen = strlen(path);
    if ((plen > 5 && strcmp(path + plen - 5, ".yaml") == 0) ||
        (plen > 4 && strcmp(path + plen - 4, ".yml") == 0))
        return "YAML";
    if (plen > 5 && strcmp(path + plen - 5, ".json") == 0)
        return "JSON";
    int line = 1;
    const char *p = skip_blank(text, &line);
    if (*p == '{' || *p == '[')
        return "JSON";      /* a libconfig file starts with a name */
    if (strncmp(p, "---", 3) == 0)
        return "YAML";
    /* "name:" ending a line, or "name: value" with no ';' or '=' in the file */
    if (!strpbrk(text, ";="))
        for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
            const char *q = l;
            while (*q == ' ' || *q == '-')
                q++;
            while (isalnum((unsigned char)*q) || *q == '_' || *q == '.')
                q++;
            if (q > l && *q == ':' && (q[1] == ' ' || q[1] == '\n' || q[1] == '\0'))
                return "YAML";
        }
    return NULL;
}

/* A bare word after '=' on line `line` (a string without its quotes,
 * "start = current"): the word in buf, true. */
static bool bare_word_at(const char *text, int line, char *buf, size_t n)
{
    const char *l = text;
    for (int i = 1; i < line && l; i++)
        if ((l = strchr(l, '\n')))
            l++;
    if (!l)
        return false;
    size_t len = strcspn(l, "\n");
    const char *eq = memchr(l, '=', len);
    if (!eq)
        return false;
    const char *w = eq + 1;
    while (*w == ' ' || *w == '\t')
        w++;
    const char *e = w;
    while (isalnum((unsigned char)*e) || *e == '_' || *e == '-' || *e == '.')
        e++;
    if (e == w || !isalpha((unsigned char)*w) || (size_t)(e - l) > len)
        return false;
    size_t wl = (size_t)(e - w);
    if ((wl == 4 && strncasecmp(w, "true", 4) == 0) || (wl == 5 && strncasecmp(w, "false", 5) == 0))
        return false;
    snprintf(buf, n, "%.*s", (int)wl, w);
    return true;
}

static const char syntax_ref[] = "see config/README.md";

/* libconfig's error at its line, with what it means here. */
static int syntax_fail(struct loader *ld, const char *text, int line, const char *what)
{
    char name[256], word[64];
    int first;
    if (strcmp(what, "duplicate setting name") == 0 && find_duplicate(text, name, sizeof name,
                                                                      &line, &first))
        return fail_line(ld, line, "duplicate setting name \"%s\" (set at line %d already)",
                         name, first);
    if (strcmp(what, "syntax error") != 0)
        return fail_line(ld, line, "%s", what);
    const char *other = other_format(ld->path, text);
    if (other)
        return fail_line(ld, line, "syntax error: this looks like %s, but the configuration is "
                         "libconfig syntax (name = value; groups in { }), %s", other, syntax_ref);
    if (bare_word_at(text, line, word, sizeof word))
        return fail_line(ld, line, "syntax error: a string needs double quotes (\"%s\"), %s",
                         word, syntax_ref);
    return fail_line(ld, line, "syntax error (libconfig syntax: name = value; groups in { }, "
                     "lists in ( ), strings in double quotes; %s)", syntax_ref);
}

static int read_text(struct loader *ld, char **out)
{
    FILE *fp = fopen(ld->path, "r");
    if (!fp)
        return bb_error_set(ld->err, BB_ERR_USAGE, "%s: cannot open: %s", ld->path,
                            strerror(errno));
    size_t cap = 4096, len = 0;
    char *text = malloc(cap);
    while (text) {
        len += fread(text + len, 1, cap - len - 1, fp);
        if (len < cap - 1)
            break;
        if (cap >= (64u << 20)) {
            fclose(fp);
            free(text);
            return bb_error_set(ld->err, BB_ERR_USAGE, "%s: larger than 64 MiB", ld->path);
        }
        char *bigger = realloc(text, cap * 2);
        if (!bigger) {
            free(text);
            text = NULL;
            break;
        }
        text = bigger;
        cap *= 2;
    }
    int bad = ferror(fp) ? errno : 0;
    fclose(fp);
    if (!text)
        return out_of_memory(ld);
    if (bad) {
        free(text);
        return bb_error_set(ld->err, BB_ERR_USAGE, "%s: cannot read: %s", ld->path, strerror(bad));
    }
    text[len] = '\0';
    if (strlen(text) != len) {
        free(text);
        return bb_error_set(ld->err, BB_ERR_USAGE, "%s: not a text file (it holds a NUL byte)",
                            ld->path);
    }
    *out = text;
    return 0;
}


/* cfg's origin, made on first use; NULL when out of memory. */
static struct config_origin *origin_of(struct bb_config *cfg)
{
    struct config_origin *o = cfg->origin;
    if (o)
        return o;
    size_t n = cfg->layout->top.n;
    if (!(o = calloc(1, sizeof *o)))
        return NULL;
    o->line = calloc(n, sizeof *o->line);
    o->env = calloc(n, sizeof *o->env);
    o->value = calloc(n, sizeof *o->value);
    o->password = calloc(cfg->nsinks + 1, sizeof *o->password);
    if (!o->line || !o->env || !o->value || !o->password) {
        free(o->line);
        free(o->env);
        free(o->value);
        free(o->password);
        free(o);
        return NULL;
    }
    return cfg->origin = o;
}

static void origin_free(struct config_origin *o, size_t ntop, size_t nsinks)
{
    if (!o)
        return;
    for (size_t i = 0; i < ntop; i++)
        free(o->env[i]);
    for (size_t k = 0; k <= nsinks; k++)
        config_secret_free(o->password[k]);
    free(o->line);
    free(o->env);
    free(o->value);
    free(o->password);
    free(o);
}

/* Top-level option i is set now, from the file (line) or the
 * environment (env): remember where, and its value. */
static int note_set(struct bb_config *cfg, size_t i, int line, const char *env)
{
    const struct table *t = &cfg->layout->top;
    struct config_origin *o = origin_of(cfg);
    char *label = env ? strdup(env) : NULL;
    if (!o || (env && !label)) {
        free(label);
        return BB_ERR_NOMEM;
    }
    const struct config_option *opt = t->slot[i].opt;
    o->line[i] = line;
    free(o->env[i]);
    o->env[i] = label;
    memcpy(o->value[i], cfield_of(opt, slot_base(cfg, t, i, cfg)), opt->size);
    return 0;
}

/* Where each top-level option the file set was set, and its value then. */
static int note_origin(struct loader *ld, const config_setting_t **where)
{
    struct bb_config *cfg = ld->cfg;
    const struct table *t = &cfg->layout->top;
    if (!origin_of(cfg))
        return out_of_memory(ld);
    for (size_t i = 0; i < t->n; i++) {
        if (!where[i]) {
            cfg->origin->line[i] = 0;
            continue;
        }
        if (note_set(cfg, i, (int)config_setting_source_line(where[i]), NULL) < 0)
            return out_of_memory(ld);
    }
    return 0;
}

int config_load_file(struct bb_config *cfg, const char *path, struct bb_error *err)
{
    struct loader ld = { .path = path, .cfg = cfg, .err = err };
    if (!cfg->layout)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    int rc = config_set_string(&cfg->path, path, err);
    char *text = NULL;
    if (rc < 0 || (rc = read_text(&ld, &text)) < 0)
        return rc;

    if ((rc = scan_literals(&ld, text, false)) < 0) {
        free(text);
        return rc;
    }
    const config_setting_t **where = NULL;
    config_t lc;
    config_init(&lc);
    if (!config_read_string(&lc, text)) {
        rc = syntax_fail(&ld, text, config_error_line(&lc), config_error_text(&lc));
        goto done;
    }
    if ((rc = scan_literals(&ld, text, true)) < 0)
        goto done;

    if (!(where = calloc(cfg->layout->top.n + 1, sizeof *where))) {
        rc = out_of_memory(&ld);
        goto done;
    }
    if ((rc = parse_members(&ld, config_root_setting(&lc), &cfg->layout->top, "", cfg, where)) < 0)
        goto done;
    rc = note_origin(&ld, where);
done:
    free(where);
    config_destroy(&lc);
    free(text);
    return rc;
}

/* ------------------------------------------------------------------ */
/* The tables of a configuration                                       */

static void layout_free(struct config_layout *lay)
{
    if (!lay)
        return;
    free(lay->outputs);
    free(lay->slots);
    free(lay->rule_outputs);
    free(lay->prefixes);
    free(lay);
}

/* Compose the engine's tables and those of sinks[0..n). NULL when out of
 * memory. A sink's tables are its author's to get right: the checks here
 * are assertions. */
static struct config_layout *layout_new(const struct config_sink *const *sinks, size_t n)
{
    struct config_layout *lay = calloc(1, sizeof *lay);
    if (!lay)
        return NULL;
    size_t ntop = COUNT(source_options) + COUNT(top_options), nout = 0, plen = 0;
    for (size_t k = 0; k < n; k++) {
        ntop += sinks[k]->nsettings;
        nout += sinks[k]->noutputs;
        plen += strlen(sinks[k]->name) + sizeof "rules..";
        assert(sinks[k]->output_size >= sizeof(struct config_output));
    }
    size_t nrule = COUNT(rule_options) + n;
    lay->slots = calloc(ntop + nrule + nout + 1, sizeof *lay->slots);
    lay->outputs = calloc(n + 1, sizeof *lay->outputs);
    lay->rule_outputs = calloc(n + 1, sizeof *lay->rule_outputs);
    lay->prefixes = malloc(plen + 1);
    if (!lay->slots || !lay->outputs || !lay->rule_outputs || !lay->prefixes) {
        layout_free(lay);
        return NULL;
    }
    struct slot *s = lay->slots;

    lay->top = (struct table){ .prefix = "", .slot = s, .top = true };
    for (size_t i = 0; i < COUNT(source_options); i++)
        *s++ = (struct slot){ &source_options[i], -1 };
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < sinks[k]->nsettings; i++) {
            const char *name = sinks[k]->settings[i].name;
            size_t len = strlen(sinks[k]->name);
            assert(strncmp(name, sinks[k]->name, len) == 0 && name[len] == '.');
            (void)name;
            (void)len;
            *s++ = (struct slot){ &sinks[k]->settings[i], (int)k };
        }
    for (size_t i = 0; i < COUNT(top_options); i++)
        *s++ = (struct slot){ &top_options[i], -1 };
    lay->top.n = (size_t)(s - lay->top.slot);

    lay->rule = (struct table){ .prefix = "rules.", .slot = s };
    for (size_t i = 0; i < COUNT(rule_options); i++)
        *s++ = (struct slot){ &rule_options[i], -1 };
    for (size_t k = 0; k < n; k++) {
        lay->rule_outputs[k] = (struct config_option){
            .name = sinks[k]->name, .type = CONFIG_OUTPUTS, .help = sinks[k]->outputs_help,
        };
        *s++ = (struct slot){ &lay->rule_outputs[k], (int)k };
    }
    lay->rule.n = (size_t)(s - lay->rule.slot);

    char *p = lay->prefixes;
    for (size_t k = 0; k < n; k++) {
        int w = sprintf(p, "rules.%s.", sinks[k]->name);
        lay->outputs[k] = (struct table){ .prefix = p, .slot = s };
        p += w + 1;
        for (size_t i = 0; i < sinks[k]->noutputs; i++)
            *s++ = (struct slot){ &sinks[k]->outputs[i], (int)k };
        lay->outputs[k].n = sinks[k]->noutputs;
    }
    return lay;
}

/* ------------------------------------------------------------------ */
/* Defaults, validation, teardown                                      */

int bb_config_init(struct bb_config *cfg, const struct config_sink *const *sinks, size_t nsinks)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->sinks = sinks;
    cfg->nsinks = nsinks;
    if (!(cfg->layout = layout_new(sinks, nsinks)) ||
        !(cfg->sink_settings = calloc(nsinks + 1, sizeof *cfg->sink_settings)))
        return BB_ERR_NOMEM;
    int rc = 0;
    for (size_t k = 0; k < nsinks; k++) {
        if (!(cfg->sink_settings[k] = calloc(1, sinks[k]->settings_size)))
            return BB_ERR_NOMEM;
        if (set_defaults(sinks[k]->settings, sinks[k]->nsettings, cfg->sink_settings[k]) < 0)
            rc = BB_ERR_NOMEM;
    }
    /* Out of memory leaves a string default NULL; config_validate says so. */
    if (set_defaults(source_options, COUNT(source_options), cfg) < 0 ||
        set_defaults(top_options, COUNT(top_options), cfg) < 0)
        rc = BB_ERR_NOMEM;
    return rc;
}

void bb_config_destroy(struct bb_config *cfg)
{
    if (!cfg)
        return;
    free_fields(source_options, COUNT(source_options), cfg);
    free_fields(top_options, COUNT(top_options), cfg);
    for (size_t k = 0; cfg->sink_settings && k < cfg->nsinks; k++) {
        if (!cfg->sink_settings[k])
            continue;
        free_fields(cfg->sinks[k]->settings, cfg->sinks[k]->nsettings, cfg->sink_settings[k]);
        free(cfg->sink_settings[k]);
    }
    free(cfg->sink_settings);
    free_rules(cfg, cfg->rules, cfg->nrules);
    if (cfg->layout)
        origin_free(cfg->origin, cfg->layout->top.n, cfg->nsinks);
    layout_free(cfg->layout);
    free(cfg->path);
    memset(cfg, 0, sizeof *cfg);
}

int config_set_string(char **slot, const char *value, struct bb_error *err)
{
    /* Copy before freeing: the new value never reuses the old address,
     * which is how config_validate tells a command-line override. */
    char *copy = NULL;
    if (value && !(copy = strdup(value)))
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    free(*slot);
    *slot = copy;
    return 0;
}

/* The field of top-level option name, with its option (NULL: none). */
static void *top_field(const struct bb_config *cfg, const char *name,
                       const struct config_option **opt)
{
    const struct table *t = cfg->layout ? &cfg->layout->top : NULL;
    int i = t ? find_option(t, name) : -1;
    if (i < 0) {
        *opt = NULL;
        return NULL;
    }
    *opt = t->slot[i].opt;
    return field_of(t->slot[i].opt, slot_base(cfg, t, (size_t)i, (void *)cfg));
}

int config_set_list(struct bb_config *cfg, const char *name, const char *const *items, size_t n,
                    const char *as, struct bb_error *err)
{
    const struct config_option *o;
    config_list *slot = (config_list *)top_field(cfg, name, &o);
    if (!slot || o->type != CONFIG_LIST)
        return bb_error_set(err, BB_ERR_USAGE, "no list option \"%s\"", name);
    if (n == 0) {
        strings_free(*slot);
        *slot = NULL;
        return 0;
    }
    config_list list = calloc(n + 1, sizeof *list);
    if (!list)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        char msg[BB_ERROR_MSG_MAX];
        if (!(list[i] = strdup(items[i]))) {
            strings_free(list);
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        }
        if (!check_list_item(o, as, list[i], list, i, msg, sizeof msg)) {
            strings_free(list);
            return bb_error_set(err, BB_ERR_USAGE, "%s", msg);
        }
    }
    strings_free(*slot);
    *slot = list;
    return 0;
}

size_t config_source_urls(const struct bb_config *cfg, char ***urls)
{
    *urls = NULL;
    config_list list = NULL;
    if (cfg->source_urls) {
        size_t n = 0;
        while (cfg->source_urls[n])
            n++;
        list = calloc(n + 1, sizeof *list);
        for (size_t i = 0; list && i < n; i++)
            if (!(list[i] = strdup(cfg->source_urls[i]))) {
                strings_free(list);
                list = NULL;
            }
    } else if (cfg->source_url) {
        list = split_urls(cfg->source_url);
    } else {
        return 0;
    }
    if (!list)
        return 1;     /* the caller sees the NULL list: out of memory */
    size_t n = 0;
    while (list[n])
        n++;
    *urls = list;
    return n;
}

void config_list_free(config_list list)
{
    strings_free(list);
}

int config_set(struct bb_config *cfg, const char *name, const char *value, struct bb_error *err)
{
    const struct config_option *o;
    char **slot = top_field(cfg, name, &o);
    if (!slot || o->type != CONFIG_STRING)
        return bb_error_set(err, BB_ERR_USAGE, "no string option \"%s\"", name);
    return config_set_string(slot, value, err);
}

/* ------------------------------------------------------------------ */
/* Values as text (the command line, the environment)                 */

/* An unsigned decimal integer, digits only. */
static bool parse_decimal(const char *s, uint64_t *out)
{
    if (!isdigit((unsigned char)*s))
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

/* A comma-separated list, spaces around items dropped, each item checked
 * as a file's list item is. */
static int parse_text_list(const struct config_option *o, const char *as, const char *text,
                           config_list *out, struct bb_error *err)
{
    size_t n = 1;
    for (const char *p = text; *p; p++)
        n += *p == ',';
    config_list list = calloc(n + 1, sizeof *list);
    if (!list)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    const char *p = text;
    for (size_t i = 0; i < n; i++) {
        const char *comma = strchr(p, ','), *end = comma ? comma : p + strlen(p);
        while (p < end && isspace((unsigned char)*p))
            p++;
        while (end > p && isspace((unsigned char)end[-1]))
            end--;
        char msg[BB_ERROR_MSG_MAX];
        if (!(list[i] = strndup(p, (size_t)(end - p)))) {
            strings_free(list);
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        }
        if (!check_list_item(o, as, list[i], list, i, msg, sizeof msg)) {
            strings_free(list);
            return bb_error_set(err, BB_ERR_USAGE, "%s", msg);
        }
        p = comma ? comma + 1 : end;
    }
    strings_free(*out);
    *out = list;
    return 0;
}

/* Set top-level option i from text; messages name it `as`. */
static int set_text(struct bb_config *cfg, size_t i, const char *text, const char *as,
                    struct bb_error *err)
{
    const struct table *t = &cfg->layout->top;
    const struct config_option *o = t->slot[i].opt;
    void *f = field_of(o, slot_base(cfg, t, i, cfg));
    char msg[BB_ERROR_MSG_MAX], want[400];
    expect_text(o, want, sizeof want);
    switch (o->type) {
    case CONFIG_STRING:
        if (!check_string_value(o, as, text, msg, sizeof msg))
            return bb_error_set(err, BB_ERR_USAGE, "%s", msg);
        return config_set_string((char **)f, text, err);
    case CONFIG_UINT: {
        uint64_t v;
        if (!parse_decimal(text, &v) || v > INT64_MAX)
            return bb_error_set(err, BB_ERR_USAGE, "%s must be %s, got \"%s\"", as, want, text);
        if (!check_uint_value(o, as, (long long)v, msg, sizeof msg))
            return bb_error_set(err, BB_ERR_USAGE, "%s", msg);
        set_uint(o, f, v);
        return 0;
    }
    case CONFIG_REAL: {
        char *end;
        errno = 0;
        double v = strtod(text, &end);
        if (errno || end == text || *end || isspace((unsigned char)*text))
            return bb_error_set(err, BB_ERR_USAGE, "%s must be %s, got \"%s\"", as, want, text);
        if (!check_real_value(o, as, v, msg, sizeof msg))
            return bb_error_set(err, BB_ERR_USAGE, "%s", msg);
        memcpy(f, &v, sizeof v);
        return 0;
    }
    case CONFIG_ENUM:
    case CONFIG_FLAG: {
        int c = choice_index(o->choices, text);
        if (c < 0)
            return bb_error_set(err, BB_ERR_USAGE, "%s must be %s, got \"%s\"", as, want, text);
        if (o->type == CONFIG_FLAG) {
            bool b = c == 1;
            memcpy(f, &b, sizeof b);
        } else {
            memcpy(f, &c, sizeof c);
        }
        return 0;
    }
    case CONFIG_LIST:
        return parse_text_list(o, as, text, (config_list *)f, err);
    default:
        return bb_error_set(err, BB_ERR_USAGE, "%s: %s can only be given in a file", as,
                            o->name);
    }
}

int config_set_text(struct bb_config *cfg, const char *name, const char *text, const char *as,
                    struct bb_error *err)
{
    int i = cfg->layout ? find_option(&cfg->layout->top, name) : -1;
    if (i < 0)
        return bb_error_set(err, BB_ERR_USAGE, "no option \"%s\"", name);
    return set_text(cfg, (size_t)i, text, as, err);
}

/* ------------------------------------------------------------------ */
/* The environment                                                     */

/* Can option o be given as text (a variable)? */
static bool is_text_option(const struct config_option *o)
{
    switch (o->type) {
    case CONFIG_STRING:
    case CONFIG_UINT:
    case CONFIG_REAL:
    case CONFIG_ENUM:
    case CONFIG_FLAG:
    case CONFIG_LIST:
        return true;
    default:
        return false;
    }
}

/* BINBRIDGE_ and the first len bytes of name upper-cased, '.' as '_',
 * then suffix. */
static void env_spell(const char *name, size_t len, const char *suffix, char *buf, size_t n)
{
    char up[128];
    size_t j = 0;
    for (size_t i = 0; i < len && j + 1 < sizeof up; i++)
        up[j++] = isalnum((unsigned char)name[i]) ? (char)toupper((unsigned char)name[i]) : '_';
    up[j] = '\0';
    snprintf(buf, n, "%s%s%s", CONFIG_ENV_PREFIX, up, suffix);
}

/* The variable of option o (the rule, with the url exception), or of the
 * plain rule alone (plain: BINBRIDGE_REDIS_URL, which is not read). */
static bool env_name_of(const struct config_option *o, bool plain, char *buf, size_t n)
{
    if (!is_text_option(o))
        return false;
    size_t len = strlen(o->name);
    const char *dot = strchr(o->name, '.');
    if (!plain && dot && strcmp(dot, ".url") == 0)
        len = (size_t)(dot - o->name);
    env_spell(o->name, len, "", buf, n);
    return true;
}

bool config_env_name(const struct bb_config *cfg, const char *name, char *buf, size_t n)
{
    int i = cfg->layout ? find_option(&cfg->layout->top, name) : -1;
    return i >= 0 && env_name_of(cfg->layout->top.slot[i].opt, false, buf, n);
}

/* The index of group's password in origin->password: a sink's index, or
 * nsinks for the source; -1 when the group takes no password. */
static int password_index(const struct bb_config *cfg, const char *group)
{
    if (strcmp(group, "source") == 0)
        return (int)cfg->nsinks;
    int k = config_sink_index(cfg, group);
    char name[128];
    snprintf(name, sizeof name, "%s.password_env", group);
    return k >= 0 && cfg->layout && find_option(&cfg->layout->top, name) >= 0 ? k : -1;
}

bool config_password_env_name(const struct bb_config *cfg, const char *group, char *buf,
                              size_t n)
{
    int k = password_index(cfg, group);
    if (k < 0)
        return false;
    if ((size_t)k == cfg->nsinks)
        snprintf(buf, n, "%sPASSWORD", CONFIG_ENV_PREFIX);
    else
        env_spell(group, strlen(group), "_PASSWORD", buf, n);
    return true;
}

void config_secret_free(char *value)
{
    if (!value)
        return;
    explicit_bzero(value, strlen(value));
    free(value);
}

/* The longest value a _FILE may hold. */
#define ENV_FILE_MAX 65536

int config_env_read(const char *name, char **value, char *label, size_t n, struct bb_error *err)
{
    char fname[160];
    snprintf(fname, sizeof fname, "%s_FILE", name);
    const char *v = getenv(name), *path = getenv(fname);
    if (v && !*v)
        v = NULL;
    if (path && !*path)
        path = NULL;
    *value = NULL;
    if (v && path)
        return bb_error_set(err, BB_ERR_USAGE, "%s and %s are both set: keep one", name, fname);
    if (v) {
        snprintf(label, n, "%s", name);
        if (!(*value = strdup(v)))
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        return 1;
    }
    if (!path)
        return 0;
    snprintf(label, n, "%s (%s)", fname, path);
    FILE *fp = fopen(path, "r");
    if (!fp)
        return bb_error_set(err, BB_ERR_USAGE, "%s: cannot read %s: %s", fname, path,
                            strerror(errno));
    char *text = malloc(ENV_FILE_MAX + 2);
    size_t len = text ? fread(text, 1, ENV_FILE_MAX + 1, fp) : 0;
    int bad = ferror(fp) ? errno : 0;
    fclose(fp);
    if (!text)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    int rc = 0;
    text[len] = '\0';
    if (bad)
        rc = bb_error_set(err, BB_ERR_USAGE, "%s: cannot read %s: %s", fname, path,
                          strerror(bad));
    else if (len > ENV_FILE_MAX)
        rc = bb_error_set(err, BB_ERR_USAGE, "%s: %s is larger than %d bytes", fname, path,
                          ENV_FILE_MAX);
    else if (strlen(text) != len)
        rc = bb_error_set(err, BB_ERR_USAGE, "%s: %s is not text (it holds a NUL byte)", fname,
                          path);
    if (rc == 0) {
        /* One line ending, as `echo secret > file` leaves it. */
        if (len && text[len - 1] == '\n')
            text[--len] = '\0';
        if (len && text[len - 1] == '\r')
            text[--len] = '\0';
        if (len == 0)
            rc = bb_error_set(err, BB_ERR_USAGE, "%s: %s is empty", fname, path);
        else if (strpbrk(text, "\r\n"))
            rc = bb_error_set(err, BB_ERR_USAGE, "%s: %s holds more than one line", fname, path);
    }
    if (rc < 0) {
        explicit_bzero(text, len);
        free(text);
        return rc;
    }
    *value = text;
    return 1;
}

/* Every variable binbridge reads for cfg, and what it sets. */
struct env_var {
    char name[128];
    char what[160];
    bool no_file;               /* has no _FILE form (BINBRIDGE_CONFIG) */
};

/* The variables of cfg (malloc'd, *n of them), with their _FILE forms. */
static struct env_var *env_vars(const struct bb_config *cfg, size_t *n)
{
    const struct table *t = &cfg->layout->top;
    struct env_var *v = calloc(2 * (t->n + cfg->nsinks + 1) + 1, sizeof *v);
    size_t m = 0;
    if (!v)
        return NULL;
    for (size_t i = 0; i < t->n; i++) {
        const struct config_option *o = t->slot[i].opt;
        if (!env_name_of(o, false, v[m].name, sizeof v[m].name))
            continue;
        snprintf(v[m].what, sizeof v[m].what, "%s", o->name);
        m++;
    }
    for (size_t k = 0; k <= cfg->nsinks; k++) {
        const char *group = k < cfg->nsinks ? cfg->sinks[k]->name : "source";
        if (!config_password_env_name(cfg, group, v[m].name, sizeof v[m].name))
            continue;
        snprintf(v[m].what, sizeof v[m].what, "the %s password",
                 k < cfg->nsinks ? cfg->sinks[k]->title : "source");
        m++;
    }
    for (size_t j = 0, base = m; j < base; j++) {
        snprintf(v[m].name, sizeof v[m].name, "%.100s_FILE", v[j].name);
        snprintf(v[m].what, sizeof v[m].what, "%.100s (from a file)", v[j].what);
        v[m++].no_file = true;
    }
    snprintf(v[m].name, sizeof v[m].name, "%s", CONFIG_ENV_CONFIG);
    snprintf(v[m].what, sizeof v[m].what, "the configuration file");
    v[m++].no_file = true;  /* a path already */
    *n = m;
    return v;
}

int config_env_check(const struct bb_config *cfg, struct bb_error *err)
{
    if (!cfg->layout)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    size_t n;
    struct env_var *v = env_vars(cfg, &n);
    if (!v)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        for (size_t j = i + 1; j < n && rc == 0; j++)
            if (strcmp(v[i].name, v[j].name) == 0)
                rc = bb_error_set(err, BB_ERR_USAGE, "the environment variable %s would set "
                                  "both %s and %s: an option table must change", v[i].name,
                                  v[i].what, v[j].what);
    free(v);
    return rc;
}

int config_load_env(struct bb_config *cfg, struct bb_error *err)
{
    int rc = config_env_check(cfg, err);
    if (rc < 0)
        return rc;
    if (!origin_of(cfg))
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    const struct table *t = &cfg->layout->top;
    char name[128], label[BB_ERROR_MSG_MAX / 2];
    for (size_t i = 0; i < t->n; i++) {
        if (!env_name_of(t->slot[i].opt, false, name, sizeof name))
            continue;
        char *value;
        if ((rc = config_env_read(name, &value, label, sizeof label, err)) <= 0) {
            if (rc < 0)
                return rc;
            continue;
        }
        /* a URL may hold a password */
        rc = set_text(cfg, i, value, label, err);
        config_secret_free(value);
        if (rc < 0)
            return rc;
        if (note_set(cfg, i, 0, label) < 0)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    for (size_t k = 0; k <= cfg->nsinks; k++) {
        const char *group = k < cfg->nsinks ? cfg->sinks[k]->name : "source";
        char *value;
        if (!config_password_env_name(cfg, group, name, sizeof name))
            continue;
        if ((rc = config_env_read(name, &value, label, sizeof label, err)) < 0)
            return rc;
        if (rc > 0) {
            config_secret_free(cfg->origin->password[k]);
            cfg->origin->password[k] = value;
        }
    }
    return 0;
}

const char *config_password(const struct bb_config *cfg, const char *group)
{
    int k = password_index(cfg, group);
    if (k < 0)
        return NULL;
    if (cfg->origin && cfg->origin->password[k])
        return cfg->origin->password[k];
    char name[128];
    snprintf(name, sizeof name, "%s.password_env", group);
    const struct config_option *o;
    char *const *slot = top_field(cfg, name, &o);
    const char *v = slot && o->type == CONFIG_STRING && *slot ? getenv(*slot) : NULL;
    return v && *v ? v : NULL;
}

void config_env_warnings(const struct bb_config *cfg, void (*warn)(const char *msg, void *arg),
                         void *arg)
{
    extern char **environ;
    size_t n;
    struct env_var *v = cfg->layout ? env_vars(cfg, &n) : NULL;
    if (!v)
        return;
    const struct table *t = &cfg->layout->top;
    size_t plen = strlen(CONFIG_ENV_PREFIX);
    for (char **e = environ; *e; e++) {
        const char *eq = strchr(*e, '=');
        size_t len = eq ? (size_t)(eq - *e) : strlen(*e);
        char name[128];
        if (strncmp(*e, CONFIG_ENV_PREFIX, plen) != 0 || len >= sizeof name)
            continue;
        memcpy(name, *e, len);
        name[len] = '\0';
        bool known = false;
        for (size_t j = 0; j < n && !known; j++)
            known = strcmp(v[j].name, name) == 0;
        if (known)
            continue;
        char meant[160] = "";
        /* the plain rule's name of a URL: BINBRIDGE_REDIS_URL(_FILE) */
        for (size_t i = 0; i < t->n && !meant[0]; i++) {
            char plain[128], real[128], alt[160];
            if (!env_name_of(t->slot[i].opt, true, plain, sizeof plain) ||
                !env_name_of(t->slot[i].opt, false, real, sizeof real) ||
                strcmp(plain, real) == 0)
                continue;
            snprintf(alt, sizeof alt, "%s_FILE", plain);
            if (strcmp(name, plain) == 0)
                snprintf(meant, sizeof meant, "%s", real);
            else if (strcmp(name, alt) == 0)
                snprintf(meant, sizeof meant, "%s_FILE", real);
        }
        /* a _FILE form of a variable that has none: BINBRIDGE_CONFIG_FILE */
        for (size_t j = 0; j < n && !meant[0]; j++) {
            size_t l = strlen(v[j].name);
            if (v[j].no_file && strncmp(name, v[j].name, l) == 0 && strcmp(name + l, "_FILE") == 0)
                snprintf(meant, sizeof meant, "%s", v[j].name);
        }
        /* a near spelling */
        size_t best = meant[0] ? 0 : 3;
        for (size_t j = 0; j < n && best > 0; j++) {
            size_t d = edit_distance(name + plen, v[j].name + plen);
            if (d < best) {
                best = d;
                snprintf(meant, sizeof meant, "%s", v[j].name);
            }
        }
        if (!meant[0])
            continue;
        char msg[400];
        snprintf(msg, sizeof msg, "%s is not a variable binbridge reads (did you mean %s?)",
                 name, meant);
        warn(msg, arg);
    }
    free(v);
}

int config_sink_index(const struct bb_config *cfg, const char *name)
{
    for (size_t k = 0; k < cfg->nsinks; k++)
        if (strcmp(cfg->sinks[k]->name, name) == 0)
            return (int)k;
    return -1;
}

const void *config_sink_settings(const struct bb_config *cfg, size_t k)
{
    return k < cfg->nsinks && cfg->sink_settings ? cfg->sink_settings[k] : NULL;
}

/* The value of string option "<sink>.<what>" of sink k, NULL when unset
 * or when the sink has no such option. */
static const char *sink_string(const struct bb_config *cfg, size_t k, const char *what)
{
    char name[128];
    snprintf(name, sizeof name, "%s.%s", cfg->sinks[k]->name, what);
    const struct config_option *o;
    char *const *slot = top_field(cfg, name, &o);
    return slot && o->type == CONFIG_STRING ? *slot : NULL;
}

const char *config_sink_url(const struct bb_config *cfg, size_t k)
{
    return k < cfg->nsinks ? sink_string(cfg, k, "url") : NULL;
}

size_t config_rule_noutputs(const struct bb_config *cfg, const struct table_rule *rule, size_t k)
{
    if (!rule)
        return k < cfg->nsinks && cfg->sinks[k]->default_output ? 1 : 0;
    return k < cfg->nsinks && rule->outputs ? rule->outputs[k].n : 0;
}

const struct config_output *config_rule_output(const struct bb_config *cfg,
                                               const struct table_rule *rule, size_t k, size_t i)
{
    if (i >= config_rule_noutputs(cfg, rule, k))
        return NULL;
    if (!rule)
        return cfg->sinks[k]->default_output;
    return (const struct config_output *)((const char *)rule->outputs[k].v +
                                          i * cfg->sinks[k]->output_size);
}

/* "FILE:LINE: " when top-level option i still holds what the file set,
 * "NAME: " when it holds what the environment variable NAME set, "FILE: "
 * for the file as a whole (i past the options), else "". */
static const char *where_text(const struct bb_config *cfg, size_t i, char *buf, size_t n)
{
    const struct table *t = &cfg->layout->top;
    const struct config_origin *o = cfg->origin;
    buf[0] = '\0';
    if (i >= t->n) {
        if (cfg->path)
            snprintf(buf, n, "%s: ", cfg->path);
    } else if (o && memcmp(o->value[i],
                           cfield_of(t->slot[i].opt, slot_base(cfg, t, i, (void *)cfg)),
                           t->slot[i].opt->size) == 0) {
        if (o->env[i])
            snprintf(buf, n, "%s: ", o->env[i]);
        else if (o->line[i] > 0 && cfg->path)
            snprintf(buf, n, "%s:%d: ", cfg->path, o->line[i]);
    }
    return buf;
}

static bool is_unset(const struct config_option *o, const void *f)
{
    static const unsigned char zero[8];
    return o->size <= sizeof zero && memcmp(f, zero, o->size) == 0;
}

/* Check the value of top-level option o as it is now. */
static bool check_field(const struct config_option *o, const void *f, char *msg, size_t n)
{
    switch (o->type) {
    case CONFIG_STRING: {
        const char *v = *(char *const *)f;
        if (!v) {
            snprintf(msg, n, "%s is not set", o->name);
            return false;
        }
        return check_string_value(o, o->name, v, msg, n);
    }
    case CONFIG_UINT: {
        uint64_t v = get_uint(o, f);
        return check_uint_value(o, o->name, v > INT64_MAX ? -1 : (long long)v, msg, n);
    }
    case CONFIG_REAL: {
        double v;
        memcpy(&v, f, sizeof v);
        return check_real_value(o, o->name, v, msg, n);
    }
    case CONFIG_ENUM: {
        int v;
        memcpy(&v, f, sizeof v);
        int count = 0;
        while (o->choices[count])
            count++;
        if (v < 0 || v >= count) {
            snprintf(msg, n, "%s has no valid value (%d)", o->name, v);
            return false;
        }
        return true;
    }
    case CONFIG_LIST: {
        const config_list list = *(const config_list *)f;
        if (list && !list[0]) {
            snprintf(msg, n, "%s must not be empty", o->name);
            return false;
        }
        for (size_t i = 0; list && list[i]; i++)
            if (!check_list_item(o, o->name, list[i], list, i, msg, n))
                return false;
        return true;
    }
    default:
        return true;
    }
}

static int validate_fail(const struct bb_config *cfg, struct bb_error *err, size_t i,
                         const char *fmt, ...) BB_PRINTF(4, 5);
static int validate_fail(const struct bb_config *cfg, struct bb_error *err, size_t i,
                         const char *fmt, ...)
{
    char where[BB_ERROR_MSG_MAX / 2], msg[BB_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return bb_error_set(err, BB_ERR_USAGE, "%s%s", where_text(cfg, i, where, sizeof where), msg);
}

static int validate_rule_fail(const struct bb_config *cfg, struct bb_error *err, int line,
                              const char *msg)
{
    if (cfg->path && line > 0)
        return bb_error_set(err, BB_ERR_USAGE, "%s:%d: %s", cfg->path, line, msg);
    return bb_error_set(err, BB_ERR_USAGE, "%s", msg);
}

/* A password variable and the URL it is for: "source.password_env" and
 * "source.url", "redis.password_env" and "redis.url", ... */
static int check_secret(const struct bb_config *cfg, const char *group, const char *what,
                        struct bb_error *err)
{
    const struct table *t = &cfg->layout->top;
    char env_name[128], url_name[128];
    snprintf(env_name, sizeof env_name, "%s.password_env", group);
    snprintf(url_name, sizeof url_name, "%s.url", group);
    int ei = find_option(t, env_name), ui = find_option(t, url_name);
    if (ei < 0 || ui < 0)
        return 0;
    const char *env = *(char *const *)cfield_of(t->slot[ei].opt,
                                                slot_base(cfg, t, (size_t)ei, (void *)cfg));
    const char *url = *(char *const *)cfield_of(t->slot[ui].opt,
                                                slot_base(cfg, t, (size_t)ui, (void *)cfg));
    if (!env)
        return 0;
    if (!url && strcmp(group, "source") == 0 && cfg->source_urls)
        url = "";    /* several servers: the URLs that hold no password use it */
    if (!url)
        return validate_fail(cfg, err, (size_t)ei, "%s is set but %s is not configured (%s)",
                             env_name, what, url_name);
    if (url_has_password(url))
        return validate_fail(cfg, err, (size_t)ei, "%s is set but %s has a password too: keep one",
                             env_name, url_name);
    if (!getenv(env))
        return validate_fail(cfg, err, (size_t)ei, "%s: the environment variable %s is not set",
                             env_name, env);
    return 0;
}

int config_validate(const struct bb_config *cfg, struct bb_error *err)
{
    if (!cfg->layout)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    const struct table *t = &cfg->layout->top;
    char msg[BB_ERROR_MSG_MAX];
    for (size_t i = 0; i < t->n; i++) {
        const struct config_option *o = t->slot[i].opt;
        const void *f = cfield_of(o, slot_base(cfg, t, i, (void *)cfg));
        if ((o->flags & CONFIG_UNSET_OK) && is_unset(o, f))
            continue;
        if (!check_field(o, f, msg, sizeof msg))
            return validate_fail(cfg, err, i, "%s", msg);
    }
    if (!cfg->source_url && !cfg->source_urls)
        return validate_fail(cfg, err, t->n, "no source: set source.url or give --source "
                             "mysql://user@host:port");
    if (cfg->source_url && cfg->source_urls)
        return validate_fail(cfg, err, t->n, "source.url and source.urls are both set: keep one "
                             "(source.urls lists every server)");
    bool any = false;
    for (size_t k = 0; k < cfg->nsinks; k++)
        any |= config_sink_url(cfg, k) != NULL;
    if (!any) {
        /* "set redis.url or mongo.url, or give --redis redis://host:port or ..." */
        char set[400] = "", give[600] = "";
        size_t ns = 0, ng = 0;
        for (size_t k = 0; k < cfg->nsinks; k++) {
            const struct config_sink *sk = cfg->sinks[k];
            const char *sep = k ? " or " : "";
            int w = snprintf(set + ns, sizeof set - ns, "%s%s.url", sep, sk->name);
            ns += w > 0 && (size_t)w < sizeof set - ns ? (size_t)w : 0;
            w = snprintf(give + ng, sizeof give - ng, "%s--%s %s", sep, sk->name, sk->url_example);
            ng += w > 0 && (size_t)w < sizeof give - ng ? (size_t)w : 0;
        }
        if (cfg->nsinks == 0)
            return validate_fail(cfg, err, t->n, "nothing to write to: no sink is known");
        return validate_fail(cfg, err, t->n, "nothing to write to: set %s, or give %s", set, give);
    }
    if (cfg->retry_initial_ms > cfg->retry_max_ms) {
        /* Name the line of whichever of the two the file set. */
        char buf[8];
        size_t i = (size_t)find_option(t, "retry.initial_ms");
        if (!where_text(cfg, i, buf, sizeof buf)[0])
            i = (size_t)find_option(t, "retry.max_ms");
        return validate_fail(cfg, err, i, "retry.initial_ms (%u) is larger than retry.max_ms (%u)",
                             cfg->retry_initial_ms, cfg->retry_max_ms);
    }

    int rc = check_secret(cfg, "source", "the source", err);
    for (size_t k = 0; k < cfg->nsinks && rc == 0; k++)
        rc = check_secret(cfg, cfg->sinks[k]->name, cfg->sinks[k]->title, err);
    if (rc < 0)
        return rc;

    for (size_t i = 0; i < cfg->nrules; i++) {
        const struct table_rule *r = &cfg->rules[i];
        for (size_t k = 0; k < cfg->nsinks; k++) {
            const struct config_sink *sk = cfg->sinks[k];
            if (!config_rule_noutputs(cfg, r, k) || config_sink_url(cfg, k))
                continue;
            snprintf(msg, sizeof msg, "rules.%s: the rule for \"%s\" writes to %s but no %s is "
                     "configured (%s.url or --%s)", sk->name, r->match, sk->title, sk->title,
                     sk->name, sk->name);
            return validate_rule_fail(cfg, err, config_rule_output(cfg, r, k, 0)->line, msg);
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The reference                                                       */

static void describe_table(FILE *out, const struct table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const struct config_option *o = t->slot[i].opt;
        char type[200];
        switch (o->type) {
        case CONFIG_STRING:
            if (o->choices)
                choices_text(o->choices, type, sizeof type);
            else
                snprintf(type, sizeof type, "string");
            break;
        case CONFIG_UINT:
            snprintf(type, sizeof type, "integer %llu..%llu", (unsigned long long)o->min,
                     (unsigned long long)o->max);
            break;
        case CONFIG_REAL:
            snprintf(type, sizeof type, "number %g..%g", o->rmin, o->rmax);
            break;
        case CONFIG_ENUM:
        case CONFIG_FLAG:
            choices_text(o->choices, type, sizeof type);
            break;
        case CONFIG_LIST:
            snprintf(type, sizeof type, "list of strings");
            break;
        case CONFIG_PAIRS:
            snprintf(type, sizeof type, "list of pairs");
            break;
        case CONFIG_RULES:
            snprintf(type, sizeof type, "list of groups");
            break;
        case CONFIG_OUTPUTS:
            snprintf(type, sizeof type, "group or list of groups");
            break;
        }
        fprintf(out, "%s%s\t%s\t%s\t%s\n", t->prefix, o->name, type, o->def ? o->def : "-",
                o->help ? o->help : "");
    }
}

void config_describe(const struct bb_config *cfg, FILE *out)
{
    if (!cfg->layout)
        return;
    describe_table(out, &cfg->layout->top);
    describe_table(out, &cfg->layout->rule);
    for (size_t k = 0; k < cfg->nsinks; k++)
        describe_table(out, &cfg->layout->outputs[k]);
}
