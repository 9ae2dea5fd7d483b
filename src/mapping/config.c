/* config.c - what `binbridge run` is told, and whether it makes sense.
 *
 * One table per level of the file declares each option once: its name,
 * type, default, bounds and help. The tables drive everything else: the
 * defaults (bb_config_init), the parsing and checking of a libconfig file
 * (config_load_file), the re-checking after command-line overrides
 * (config_validate) and the reference listing (config_describe):
 *
 *   top_options    the top level; dotted names are members of groups
 *                  ("batch.rows" is rows in batch = { ... })
 *   rule_options   one group of rules = ( { ... }, ... )
 *   redis_options  one Redis output of a rule
 *   mongo_options  one MongoDB output of a rule
 *
 * Every error is one line, "FILE:LINE: reason", and the first one ends the
 * load: nothing connects until the whole file is known to be good. */
#include <libconfig.h> /* before config.h: it declares config_init/config_destroy */

#define BB_CONFIG_USES_LIBCONFIG
#include "mapping/config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/url.h"

/* Option types. Enumerations are stored as int: index in choices. */
enum opt_type {
    OPT_STRING, /* char *; one of choices, or accepted by check() */
    OPT_UINT,   /* uint32_t or uint64_t (by size), min..max */
    OPT_REAL,   /* double, rmin..rmax */
    OPT_ENUM,   /* an enum: the index of its name in choices */
    OPT_FLAG,   /* bool: choices[0] is false, choices[1] true */
    OPT_LIST,   /* config_list of non-empty distinct strings, each check()ed */
    OPT_PAIRS,  /* config_list of ("column", "field") pairs, flattened */
    OPT_RULES,  /* struct bb_config's rules */
    OPT_REDIS,  /* struct table_rule's Redis outputs */
    OPT_MONGO,  /* struct table_rule's MongoDB outputs */
};

/* 0 or NULL in the struct means "not set" (config_validate accepts it). */
#define OPT_UNSET_OK 1u

/* Extra checks of a string: true, or false with the reason in why. */
typedef bool (*check_fn)(const char *value, char *why, size_t n);

struct option {
    const char *name;           /* dotted within its table: "batch.rows", "shape" */
    enum opt_type type;
    size_t offset, size;        /* the field in the struct the table describes */
    uint64_t min, max;          /* OPT_UINT */
    double rmin, rmax;          /* OPT_REAL */
    const char *const *choices; /* OPT_STRING (optional), OPT_ENUM, OPT_FLAG */
    check_fn check;             /* OPT_STRING, OPT_LIST elements */
    const char *def;            /* default as written in a file; NULL: none */
    unsigned flags;
    const char *help;
};

struct option_table {
    const char *prefix;         /* how messages name its options: "rules.redis." */
    const struct option *opt;
    size_t n;
};

#define AT(type, field) .offset = offsetof(type, field), .size = sizeof(((type *)0)->field)
#define MAX_OPTIONS 32

_Static_assert(sizeof(enum start_at) == sizeof(int), "enums are stored as int");
_Static_assert(sizeof(enum redis_shape) == sizeof(int), "enums are stored as int");
_Static_assert(sizeof(enum mongo_oversize) == sizeof(int), "enums are stored as int");
_Static_assert(sizeof(enum redis_wrong_type) == sizeof(int), "enums are stored as int");

/* ------------------------------------------------------------------ */
/* Value checks (shared by the file and config_validate)               */

/* host[:port] or [ipv6][:port]; port_ok false forbids the port. */
static bool check_host_port(const char *h, size_t len, bool port_ok, const char *url_form,
                            char *why, size_t n)
{
    size_t host_len;
    const char *port = NULL;
    if (len > 0 && h[0] == '[') {
        const char *close = memchr(h, ']', len);
        if (!close) {
            snprintf(why, n, "'[' of an IPv6 address without its ']'");
            return false;
        }
        host_len = (size_t)(close - h) - 1;
        for (size_t i = 1; i <= host_len; i++)
            if (!isxdigit((unsigned char)h[i]) && h[i] != ':' && h[i] != '.') {
                snprintf(why, n, "'%.*s' is not an IPv6 address", (int)host_len, h + 1);
                return false;
            }
        size_t used = (size_t)(close - h) + 1;
        if (used < len && h[used] != ':') {
            snprintf(why, n, "unexpected characters after the IPv6 address (expected %s)", url_form);
            return false;
        }
        if (used < len)
            port = h + used;
    } else {
        const char *colon = memchr(h, ':', len);
        host_len = colon ? (size_t)(colon - h) : len;
        for (size_t i = 0; i < host_len; i++)
            if (!isalnum((unsigned char)h[i]) && !strchr("-._", h[i])) {
                snprintf(why, n, "invalid character '%c' in the host name (expected %s)", h[i],
                         url_form);
                return false;
            }
        port = colon;
    }
    if (host_len == 0) {
        snprintf(why, n, "no host (expected %s)", url_form);
        return false;
    }
    if (port) {
        size_t plen = len - (size_t)(port - h) - 1;
        unsigned long v = 0;
        if (!port_ok) {
            snprintf(why, n, "a mongodb+srv:// URL names one host without a port");
            return false;
        }
        bool ok = plen > 0 && plen <= 5;
        for (size_t i = 0; ok && i < plen; i++) {
            ok = isdigit((unsigned char)port[1 + i]) != 0;
            v = v * 10 + (unsigned long)(port[1 + i] - '0');
        }
        if (!ok || v < 1 || v > 65535) {
            snprintf(why, n, "the port must be a number from 1 to 65535");
            return false;
        }
    }
    return true;
}

static bool check_mysql_url(const char *v, char *why, size_t n)
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

/* The value of a URL option as an error message may quote it. Messages
 * lose the password of a URL (scheme://user:password@host) when they are
 * made; a value without a scheme cannot be read that way, and what comes
 * before its last '@' may be a password: that part is left out. */
static const char *quotable_url(const char *v, char *buf, size_t n)
{
    const char *at = strrchr(v, '@');
    if (!at || url_scheme_len(v, strlen(v)))
        return v;
    snprintf(buf, n, "...%s", at);
    return buf;
}

static bool check_redis_url(const char *v, char *why, size_t n)
{
    static const char form[] = "redis://[[user]:password@]host[:port][/db]";
    if (strncasecmp(v, "rediss://", 9) == 0) {
        snprintf(why, n, "TLS (rediss://) is not supported; use %s", form);
        return false;
    }
    if (strncasecmp(v, "redis://", 8) != 0) {
        char q[256];
        snprintf(why, n, "the URL must be %s, got \"%s\"", form, quotable_url(v, q, sizeof q));
        return false;
    }
    const char *s = v + 8;
    size_t alen = strcspn(s, "/?#");
    if (s[alen] == '?' || s[alen] == '#') {
        snprintf(why, n, "query parameters and fragments are not supported (expected %s)", form);
        return false;
    }
    const char *host = s;
    for (const char *p = s; p < s + alen; p++)
        if (*p == '@')
            host = p + 1;
    if (!check_host_port(host, (size_t)(s + alen - host), true, form, why, n))
        return false;
    if (s[alen] == '/' && s[alen + 1]) {
        const char *db = s + alen + 1;
        size_t len = strlen(db);
        bool ok = len <= 9;
        for (size_t i = 0; ok && i < len; i++)
            ok = isdigit((unsigned char)db[i]) != 0;
        if (!ok) {
            snprintf(why, n, "the database after '/' must be a number, got \"%s\"", db);
            return false;
        }
    }
    return true;
}

static bool check_mongo_url(const char *v, char *why, size_t n)
{
    static const char form[] = "mongodb://[user:password@]host[:port][,host[:port]...][/[db][?options]]";
    const char *s;
    bool srv = false;
    if (strncasecmp(v, "mongodb://", 10) == 0) {
        s = v + 10;
    } else if (strncasecmp(v, "mongodb+srv://", 14) == 0) {
        s = v + 14;
        srv = true;
    } else {
        char q[256];
        snprintf(why, n, "the URL must start with mongodb:// or mongodb+srv://, got \"%s\"",
                 quotable_url(v, q, sizeof q));
        return false;
    }
    size_t alen = strcspn(s, "/?");
    if (s[alen] == '?') {
        snprintf(why, n, "the options need a '/' before the '?' (mongodb://host/?option=value)");
        return false;
    }
    const char *hosts = s;
    for (const char *p = s; p < s + alen; p++)
        if (*p == '@')
            hosts = p + 1;
    const char *end = s + alen;
    size_t commas = 0;
    for (const char *h = hosts;; commas++) {
        const char *comma = memchr(h, ',', (size_t)(end - h));
        const char *he = comma ? comma : end;
        if (!check_host_port(h, (size_t)(he - h), !srv, form, why, n))
            return false;
        if (!comma)
            break;
        h = comma + 1;
    }
    if (srv && commas > 0) {
        snprintf(why, n, "a mongodb+srv:// URL names exactly one host");
        return false;
    }
    return true;
}

static bool check_env_name(const char *v, char *why, size_t n)
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
static bool check_template(const char *tpl, bool with_row, const char *literal_bad, bool *row,
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

static bool check_redis_key(const char *v, char *why, size_t n)
{
    bool row;
    return check_template(v, true, NULL, &row, why, n);
}

static bool check_mongo_database(const char *v, char *why, size_t n)
{
    bool row;
    return check_template(v, false, "/\\. \"$", &row, why, n);
}

static bool check_mongo_collection(const char *v, char *why, size_t n)
{
    bool row;
    if (!check_template(v, false, "$", &row, why, n))
        return false;
    if (strncmp(v, "system.", 7) == 0) {
        snprintf(why, n, "collection names starting with \"system.\" are reserved by MongoDB");
        return false;
    }
    return true;
}

static bool check_mongo_field(const char *v, char *why, size_t n)
{
    if (v[0] == '$' || strchr(v, '.')) {
        snprintf(why, n, "\"%s\" cannot be a MongoDB field name (no leading '$', no '.')", v);
        return false;
    }
    if (strcmp(v, "_id") == 0) {
        snprintf(why, n, "\"_id\" is the row key: name its columns with the rule's key_columns");
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* The tables                                                          */

static const char *const start_names[] = { "earliest", "current", "snapshot", NULL };
static const char *const oversize_names[] = { "stop", "skip", NULL };
static const char *const wrong_type_names[] = { "overwrite", "stop", NULL };
static const char *const log_level_names[] = { "debug", "info", "warn", "error", "off", NULL };
static const char *const shape_names[] = { "hash", "json", "stream", NULL };
static const char *const update_names[] = { "replace", "set", NULL };
static const char *const dates_names[] = { "date", "string", NULL };

#define CFG(f) AT(struct bb_config, f)
static const struct option top_options[] = {
    { .name = "source.url", .type = OPT_STRING, CFG(source_url), .check = check_mysql_url,
      .flags = OPT_UNSET_OK,
      .help = "the MySQL or MariaDB server, mysql://user[:password]@host[:port] or mariadb://...; "
              "--source overrides it" },
    { .name = "source.password_env", .type = OPT_STRING, CFG(source_password_env),
      .check = check_env_name, .flags = OPT_UNSET_OK,
      .help = "name of the environment variable holding the source password (keeps it out of the "
              "file and the command line)" },
    { .name = "source.server_id", .type = OPT_UINT, CFG(server_id), .min = 1, .max = 4294967295u,
      .flags = OPT_UNSET_OK,
      .help = "the replica id binbridge registers with, unique among the source's replicas; "
              "default 1650589697 (0x62620001)" },
    { .name = "source.start", .type = OPT_ENUM, CFG(start), .choices = start_names, .def = "current",
      .help = "where to begin when no checkpoint exists: \"current\" (the source's end of binlog: "
              "only changes from now on), \"earliest\" (the oldest binlog the source still has) or "
              "\"snapshot\" (a consistent copy of the mirrored tables' rows, then the binlog from "
              "that point on: a complete mirror)" },
    { .name = "source.heartbeat", .type = OPT_REAL, CFG(heartbeat), .rmin = 0.1, .rmax = 3600,
      .def = "1.0",
      .help = "seconds: the heartbeat period asked of a quiet source, so a dead connection and "
              "a pending batch are noticed" },
    { .name = "redis.url", .type = OPT_STRING, CFG(redis_url), .check = check_redis_url,
      .flags = OPT_UNSET_OK,
      .help = "the Redis server, redis://[[user]:password@]host[:port][/db]; --redis overrides it" },
    { .name = "redis.password_env", .type = OPT_STRING, CFG(redis_password_env),
      .check = check_env_name, .flags = OPT_UNSET_OK,
      .help = "name of the environment variable holding the Redis password" },
    { .name = "redis.wrong_type", .type = OPT_ENUM, CFG(redis_wrong_type),
      .choices = wrong_type_names, .def = "overwrite",
      .help = "a key that holds another type than its shape writes (a string where a row's hash "
              "or a stream goes): \"overwrite\" replaces it (a WARN names the key when a stream "
              "or a partial row image meets it), \"stop\" checks every key of a batch first and "
              "stops before applying anything, naming the key" },
    { .name = "mongo.url", .type = OPT_STRING, CFG(mongo_url), .check = check_mongo_url,
      .flags = OPT_UNSET_OK,
      .help = "the MongoDB server, mongodb://[user:password@]host[:port][,host...][/[db][?options]] "
              "or mongodb+srv://...; --mongo overrides it" },
    { .name = "mongo.password_env", .type = OPT_STRING, CFG(mongo_password_env),
      .check = check_env_name, .flags = OPT_UNSET_OK,
      .help = "name of the environment variable holding the MongoDB password (the URL names the user)" },
    { .name = "mongo.oversize", .type = OPT_ENUM, CFG(mongo_oversize), .choices = oversize_names,
      .def = "stop",
      .help = "a row whose document exceeds MongoDB's 16 MB: \"stop\" with an error naming the "
              "row, or \"skip\" it and log it" },
    { .name = "checkpoint", .type = OPT_STRING, CFG(checkpoint_name),
      .check = check_checkpoint_name, .def = "binbridge",
      .help = "names the saved position in each sink; two bridges writing the same sink need "
              "different names" },
    { .name = "include_schemas", .type = OPT_LIST, CFG(include_schemas),
      .check = check_schema_include, .flags = OPT_UNSET_OK,
      .help = "schema globs: only these schemas are mirrored (default: every user schema)" },
    { .name = "exclude_schemas", .type = OPT_LIST, CFG(exclude_schemas),
      .check = check_schema_glob, .flags = OPT_UNSET_OK,
      .help = "schema globs never mirrored (mysql, sys, information_schema and performance_schema "
              "never are)" },
    { .name = "include_tables", .type = OPT_LIST, CFG(include_tables), .check = check_table_glob,
      .flags = OPT_UNSET_OK,
      .help = "\"schema.table\" globs: only these tables are mirrored (default: every table)" },
    { .name = "exclude_tables", .type = OPT_LIST, CFG(exclude_tables), .check = check_table_glob,
      .flags = OPT_UNSET_OK, .help = "\"schema.table\" globs never mirrored" },
    { .name = "batch.rows", .type = OPT_UINT, CFG(batch_rows), .min = 1, .max = 1000000,
      .def = "5000",
      .help = "row changes per batch: a batch is written when any batch limit is reached" },
    { .name = "batch.bytes", .type = OPT_UINT, CFG(batch_bytes), .min = 65536,
      .max = 17179869184u, .def = "16777216",
      .help = "bytes buffered for a sink before it is written; bounds memory, also inside one "
              "huge transaction (applied in chunks); above 2147483647 write the L suffix" },
    { .name = "batch.delay_ms", .type = OPT_UINT, CFG(batch_delay_ms), .min = 0, .max = 60000,
      .def = "100", .help = "milliseconds: the longest a change waits for its batch" },
    { .name = "retry.initial_ms", .type = OPT_UINT, CFG(retry_initial_ms), .min = 1, .max = 60000,
      .def = "200",
      .help = "milliseconds before the first reconnection after a failure; doubles each time" },
    { .name = "retry.max_ms", .type = OPT_UINT, CFG(retry_max_ms), .min = 1, .max = 3600000,
      .def = "30000", .help = "milliseconds: the longest wait between reconnections" },
    { .name = "progress_interval", .type = OPT_UINT, CFG(progress_interval), .min = 0,
      .max = 86400, .def = "10",
      .help = "seconds between progress lines (events/s, rows/s, lag, position); 0: none" },
    { .name = "log_level", .type = OPT_STRING, CFG(log_level), .choices = log_level_names,
      .def = "info", .help = "the least severe messages logged" },
    { .name = "rules", .type = OPT_RULES, CFG(rules),
      .help = "how tables are mirrored: the first rule whose match fits schema.table applies; "
              "tables no rule matches get the default mapping" },
};

#define RULE(f) AT(struct table_rule, f)
static const struct option rule_options[] = {
    { .name = "match", .type = OPT_STRING, RULE(match), .check = check_table_glob,
      .help = "required: a \"schema.table\" glob ('*' any run of characters, '?' one; "
              "case-sensitive) naming the tables the rule applies to" },
    { .name = "key_columns", .type = OPT_LIST, RULE(key_columns),
      .help = "the columns forming the row key ({pk} and MongoDB's _id) instead of the primary "
              "key; needed for tables without a primary or unique key" },
    { .name = "redis", .type = OPT_REDIS, RULE(redis),
      .help = "the Redis outputs: one group { ... } or a list ( { ... }, ... ); {} is one default "
              "hash; without it the matched tables are not written to Redis" },
    { .name = "mongo", .type = OPT_MONGO, RULE(mongo),
      .help = "the MongoDB outputs: one group { ... } or a list ( { ... }, ... ); {} is one "
              "default collection; without it the matched tables are not written to MongoDB" },
};

#define RT(f) AT(struct redis_target, f)
static const struct option redis_options[] = {
    { .name = "shape", .type = OPT_ENUM, RT(shape), .choices = shape_names, .def = "hash",
      .help = "\"hash\" (HSET, a field per column), \"json\" (SET of a JSON object) or "
              "\"stream\" (XADD of one entry per row change: op, before and after values, "
              "position)" },
    { .name = "key", .type = OPT_STRING, RT(key), .check = check_redis_key,
      .help = "key template: text and {schema} {table} {pk} (the key columns joined with ':') "
              "or {column}; no literal braces. Default \"{schema}:{table}:{pk}\" for hash and "
              "json, \"{schema}:{table}\" for a stream" },
    { .name = "ttl", .type = OPT_UINT, RT(ttl), .min = 0, .max = 2147483647, .def = "0",
      .help = "hash and json: seconds a key lives after its row's last change; 0: forever" },
    { .name = "maxlen", .type = OPT_UINT, RT(maxlen), .min = 0, .max = INT64_MAX, .def = "0",
      .help = "stream: XADD MAXLEN ~ maxlen trims old entries; 0: unbounded" },
    { .name = "include_columns", .type = OPT_LIST, RT(include_columns),
      .help = "only these columns are written (default: every column)" },
    { .name = "exclude_columns", .type = OPT_LIST, RT(exclude_columns),
      .help = "these columns are not written; not with include_columns" },
};

#define MT(f) AT(struct mongo_target, f)
static const struct option mongo_options[] = {
    { .name = "database", .type = OPT_STRING, MT(database), .check = check_mongo_database,
      .def = "{schema}", .help = "database name template: text, {schema} and {table}" },
    { .name = "collection", .type = OPT_STRING, MT(collection), .check = check_mongo_collection,
      .def = "{table}", .help = "collection name template: text, {schema} and {table}" },
    { .name = "include_columns", .type = OPT_LIST, MT(include_columns),
      .help = "only these columns become fields (default: every column)" },
    { .name = "exclude_columns", .type = OPT_LIST, MT(exclude_columns),
      .help = "these columns do not become fields; not with include_columns" },
    { .name = "renames", .type = OPT_PAIRS, MT(renames),
      .help = "( (\"column\", \"field\"), ... ): the field name of a column" },
    { .name = "update", .type = OPT_FLAG, MT(update_set), .choices = update_names,
      .def = "replace",
      .help = "\"replace\": an update replaces the whole document; \"set\": it $sets the "
              "changed columns only, so fields added by other writers survive" },
    { .name = "dates", .type = OPT_FLAG, MT(dates_as_strings), .choices = dates_names,
      .def = "date",
      .help = "\"date\": DATE, DATETIME and TIMESTAMP as BSON dates (milliseconds: finer digits "
              "are dropped); \"string\": their text form, every digit kept" },
};

#define TABLE(prefix, a) { prefix, a, sizeof a / sizeof a[0] }
static const struct option_table top_table = TABLE("", top_options);
static const struct option_table rule_table = TABLE("rules.", rule_options);
static const struct option_table redis_table = TABLE("rules.redis.", redis_options);
static const struct option_table mongo_table = TABLE("rules.mongo.", mongo_options);
#define NTOP (sizeof top_options / sizeof top_options[0])

_Static_assert(NTOP <= MAX_OPTIONS, "top_options too long");
_Static_assert(sizeof rule_options / sizeof rule_options[0] <= MAX_OPTIONS, "rule_options");
_Static_assert(sizeof redis_options / sizeof redis_options[0] <= MAX_OPTIONS, "redis_options");
_Static_assert(sizeof mongo_options / sizeof mongo_options[0] <= MAX_OPTIONS, "mongo_options");

const struct redis_target config_default_redis_target = {
    .shape = REDIS_SHAPE_HASH,
    .key = (char *)"{schema}:{table}:{pk}",
};

const struct mongo_target config_default_mongo_target = {
    .database = (char *)"{schema}",
    .collection = (char *)"{table}",
};

static const char default_hash_key[] = "{schema}:{table}:{pk}";
/* Two fields, where every row key of the default template has three or
 * more: a row whose key is the text "changes" made "{schema}:{table}:changes"
 * the row's hash and the stream at once. */
static const char default_stream_key[] = "{schema}:{table}";

/* Where each top-level option was set in the file, and its value then: a
 * value config_validate finds changed came from the command line. */
struct config_origin {
    int line[NTOP];
    unsigned char value[NTOP][8];
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static void *field_of(const struct option *o, void *base)
{
    return (char *)base + o->offset;
}

static const void *cfield_of(const struct option *o, const void *base)
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

static void set_uint(const struct option *o, void *f, uint64_t v)
{
    if (o->size == sizeof(uint32_t)) {
        uint32_t x = (uint32_t)v;
        memcpy(f, &x, sizeof x);
    } else {
        memcpy(f, &v, sizeof v);
    }
}

static uint64_t get_uint(const struct option *o, const void *f)
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

static bool list_has(const config_list list, const char *s)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
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
static void expect_text(const struct option *o, char *buf, size_t n)
{
    switch (o->type) {
    case OPT_STRING:
        if (o->choices)
            choices_text(o->choices, buf, n);
        else
            snprintf(buf, n, "a string");
        break;
    case OPT_UINT:
        snprintf(buf, n, "an integer between %llu and %llu", (unsigned long long)o->min,
                 (unsigned long long)o->max);
        break;
    case OPT_REAL:
        snprintf(buf, n, "a number between %g and %g", o->rmin, o->rmax);
        break;
    case OPT_ENUM:
    case OPT_FLAG:
        choices_text(o->choices, buf, n);
        break;
    case OPT_LIST:
        snprintf(buf, n, "a list of strings such as [ \"a\", \"b\" ]");
        break;
    case OPT_PAIRS:
        snprintf(buf, n, "a list of pairs such as ( (\"column\", \"field\") )");
        break;
    case OPT_RULES:
        snprintf(buf, n, "a list of rules ( { match = \"schema.table\"; ... }, ... )");
        break;
    case OPT_REDIS:
    case OPT_MONGO:
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

static bool check_string_value(const struct option *o, const char *name, const char *v, char *msg,
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

static bool check_uint_value(const struct option *o, const char *name, long long v, char *msg,
                             size_t n)
{
    if (v >= 0 && (uint64_t)v >= o->min && (uint64_t)v <= o->max)
        return true;
    char want[128];
    expect_text(o, want, sizeof want);
    snprintf(msg, n, "%s must be %s, got %lld", name, want, v);
    return false;
}

static bool check_real_value(const struct option *o, const char *name, double v, char *msg,
                             size_t n)
{
    if (isfinite(v) && v >= o->rmin && v <= o->rmax)
        return true;
    char want[128];
    expect_text(o, want, sizeof want);
    snprintf(msg, n, "%s must be %s, got %g", name, want, v);
    return false;
}

static bool check_list_item(const struct option *o, const char *name, const char *v,
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

static int bad_type(struct loader *ld, const config_setting_t *s, const struct option *o,
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

static int parse_list(struct loader *ld, const config_setting_t *s, const struct option *o,
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

static int parse_pairs(struct loader *ld, const config_setting_t *s, const struct option *o,
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
        if (!check_mongo_field(field, why, sizeof why))
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

static int parse_rules(struct loader *ld, const config_setting_t *s, const struct option *o);
static int parse_redis_targets(struct loader *ld, const config_setting_t *s,
                               const struct option *o, struct table_rule *r);
static int parse_mongo_targets(struct loader *ld, const config_setting_t *s,
                               const struct option *o, struct table_rule *r);

/* Parse setting s as option o (named name in messages) into base. */
static int parse_value(struct loader *ld, const config_setting_t *s, const struct option *o,
                       const char *name, void *base)
{
    void *f = field_of(o, base);
    char msg[BB_ERROR_MSG_MAX];
    int t = config_setting_type(s);
    switch (o->type) {
    case OPT_STRING: {
        if (t != CONFIG_TYPE_STRING)
            return bad_type(ld, s, o, name);
        const char *v = config_setting_get_string(s);
        if (!check_string_value(o, name, v, msg, sizeof msg))
            return fail(ld, s, "%s", msg);
        return store_string(ld, (char **)f, v);
    }
    case OPT_UINT: {
        if (!is_integer(s))
            return bad_type(ld, s, o, name);
        long long v = config_setting_get_int64(s);
        if (!check_uint_value(o, name, v, msg, sizeof msg))
            return fail(ld, s, "%s", msg);
        set_uint(o, f, (uint64_t)v);
        return 0;
    }
    case OPT_REAL: {
        if (!is_integer(s) && t != CONFIG_TYPE_FLOAT)
            return bad_type(ld, s, o, name);
        double v = t == CONFIG_TYPE_FLOAT ? config_setting_get_float(s)
                                          : (double)config_setting_get_int64(s);
        if (!check_real_value(o, name, v, msg, sizeof msg))
            return fail(ld, s, "%s", msg);
        memcpy(f, &v, sizeof v);
        return 0;
    }
    case OPT_ENUM:
    case OPT_FLAG: {
        if (t != CONFIG_TYPE_STRING)
            return bad_type(ld, s, o, name);
        const char *v = config_setting_get_string(s);
        int i = choice_index(o->choices, v);
        if (i < 0) {
            char want[160];
            expect_text(o, want, sizeof want);
            return fail(ld, s, "%s must be %s, got \"%s\"", name, want, v);
        }
        if (o->type == OPT_FLAG) {
            bool b = i == 1;
            memcpy(f, &b, sizeof b);
        } else {
            memcpy(f, &i, sizeof i);
        }
        return 0;
    }
    case OPT_LIST:
        return parse_list(ld, s, o, name, (config_list *)f);
    case OPT_PAIRS:
        return parse_pairs(ld, s, o, name, (config_list *)f);
    case OPT_RULES:
        return parse_rules(ld, s, o);
    case OPT_REDIS:
        return parse_redis_targets(ld, s, o, base);
    case OPT_MONGO:
        return parse_mongo_targets(ld, s, o, base);
    }
    return 0;
}

static const struct option *find_option(const struct option_table *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->opt[i].name, name) == 0)
            return &t->opt[i];
    return NULL;
}

/* Is name a group of t's options ("batch" of "batch.rows")? */
static bool is_group(const struct option_table *t, const char *name)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < t->n; i++)
        if (strncmp(t->opt[i].name, name, len) == 0 && t->opt[i].name[len] == '.')
            return true;
    return false;
}

/* "unknown option" with a suggestion: an option of the same last name
 * elsewhere (url -> source.url, redis.url ...), else a close spelling. */
static int unknown_option(struct loader *ld, const config_setting_t *s,
                          const struct option_table *t, const char *name)
{
    char hint[300] = "";
    size_t used = 0;
    const char *base = strrchr(name, '.') ? strrchr(name, '.') + 1 : name;
    for (size_t i = 0; i < t->n && used < sizeof hint; i++) {
        const char *on = t->opt[i].name;
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
            const char *on = t->opt[i].name, *dot = strchr(on, '.');
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
    if (t == &rule_table && !hint[0]) {
        if (find_option(&redis_table, name))
            snprintf(hint, sizeof hint, " (%.200s belongs in the rule's redis = { ... } output)", name);
        else if (find_option(&mongo_table, name))
            snprintf(hint, sizeof hint, " (%.200s belongs in the rule's mongo = { ... } output)", name);
    }
    return fail(ld, s, "unknown option \"%s%s\"%s", t->prefix, name, hint);
}

/* Parse the members of group s against table t. path is the group's
 * dotted name with a trailing '.' ("" for the group the table describes);
 * where[i] receives the setting of option i. */
static int parse_members(struct loader *ld, const config_setting_t *s,
                         const struct option_table *t, const char *path, void *base,
                         const config_setting_t **where)
{
    int n = config_setting_length(s);
    for (int i = 0; i < n; i++) {
        const config_setting_t *m = config_setting_get_elem(s, (unsigned)i);
        char full[256], shown[300];
        snprintf(full, sizeof full, "%s%s", path, config_setting_name(m));
        snprintf(shown, sizeof shown, "%s%s", t->prefix, full);
        const struct option *o = find_option(t, full);
        int rc;
        if (o) {
            where[o - t->opt] = m;
            rc = parse_value(ld, m, o, shown, base);
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

/* Set the defaults of table t's options in base. */
static int set_defaults(const struct option_table *t, void *base)
{
    for (size_t i = 0; i < t->n; i++) {
        const struct option *o = &t->opt[i];
        void *f = field_of(o, base);
        if (!o->def)
            continue;
        switch (o->type) {
        case OPT_STRING: {
            char *copy = strdup(o->def);
            if (!copy)
                return BB_ERR_NOMEM;
            free(*(char **)f);
            *(char **)f = copy;
            break;
        }
        case OPT_UINT:
            set_uint(o, f, strtoull(o->def, NULL, 10));
            break;
        case OPT_REAL: {
            double v = strtod(o->def, NULL);
            memcpy(f, &v, sizeof v);
            break;
        }
        case OPT_ENUM: {
            int v = choice_index(o->choices, o->def);
            memcpy(f, &v, sizeof v);
            break;
        }
        case OPT_FLAG: {
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

/* Free what table t's options hold in base (rules and outputs excepted). */
static void free_fields(const struct option_table *t, void *base)
{
    for (size_t i = 0; i < t->n; i++) {
        const struct option *o = &t->opt[i];
        void *f = field_of(o, base);
        if (o->type == OPT_STRING) {
            free(*(char **)f);
            *(char **)f = NULL;
        } else if (o->type == OPT_LIST || o->type == OPT_PAIRS) {
            strings_free(*(config_list *)f);
            *(config_list *)f = NULL;
        }
    }
}

static void free_rules(struct table_rule *rules, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct table_rule *r = &rules[i];
        for (size_t k = 0; k < r->nredis; k++)
            free_fields(&redis_table, &r->redis[k]);
        for (size_t k = 0; k < r->nmongo; k++)
            free_fields(&mongo_table, &r->mongo[k]);
        free(r->redis);
        free(r->mongo);
        free_fields(&rule_table, r);
    }
    free(rules);
}

/* The groups of s: one group, or a non-empty list of groups. */
static int group_items(struct loader *ld, const config_setting_t *s, const struct option *o,
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
                        o->type == OPT_RULES ? "a list of groups ( { match = \"schema.table\"; "
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

static size_t opt_index(const struct option_table *t, const char *name)
{
    return (size_t)(find_option(t, name) - t->opt);
}

static int parse_redis_targets(struct loader *ld, const config_setting_t *s,
                               const struct option *o, struct table_rule *r)
{
    size_t n;
    int rc = group_items(ld, s, o, "rules.redis", &n);
    if (rc < 0)
        return rc;
    if (!(r->redis = calloc(n, sizeof *r->redis)))
        return out_of_memory(ld);
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = group_item(s, i);
        const config_setting_t *where[MAX_OPTIONS] = { 0 };
        struct redis_target *t = &r->redis[r->nredis++];
        t->line = (int)config_setting_source_line(g);
        if (set_defaults(&redis_table, t) < 0)
            return out_of_memory(ld);
        if ((rc = parse_members(ld, g, &redis_table, "", t, where)) < 0)
            return rc;
        const config_setting_t *ttl = where[opt_index(&redis_table, "ttl")];
        const config_setting_t *maxlen = where[opt_index(&redis_table, "maxlen")];
        const config_setting_t *key = where[opt_index(&redis_table, "key")];
        const config_setting_t *exclude = where[opt_index(&redis_table, "exclude_columns")];
        bool stream = t->shape == REDIS_SHAPE_STREAM;
        if (ttl && stream)
            return fail(ld, ttl, "rules.redis.ttl applies to hash and json outputs, not to a "
                        "stream (maxlen bounds a stream)");
        if (maxlen && !stream)
            return fail(ld, maxlen, "rules.redis.maxlen applies to stream outputs only, not to "
                        "a %s", shape_names[t->shape]);
        if (t->include_columns && t->exclude_columns)
            return fail(ld, exclude, "rules.redis: include_columns and exclude_columns cannot be "
                        "used together");
        if (!t->key && store_string(ld, &t->key, stream ? default_stream_key : default_hash_key) < 0)
            return BB_ERR_NOMEM;
        bool row;
        char why[8];
        check_template(t->key, true, NULL, &row, why, sizeof why);
        if (!stream && !row)
            return fail(ld, key, "rules.redis.key \"%s\" has no {pk} or {column} placeholder: "
                        "every row of a table would write the same key", t->key);
        for (size_t k = 0; k + 1 < r->nredis; k++)
            if (strcmp(r->redis[k].key, t->key) == 0)
                return fail(ld, key ? key : g, "rules.redis: this output and the one at line %d "
                            "both write the keys \"%s\"", r->redis[k].line, t->key);
    }
    return 0;
}

static int parse_mongo_targets(struct loader *ld, const config_setting_t *s,
                               const struct option *o, struct table_rule *r)
{
    size_t n;
    int rc = group_items(ld, s, o, "rules.mongo", &n);
    if (rc < 0)
        return rc;
    if (!(r->mongo = calloc(n, sizeof *r->mongo)))
        return out_of_memory(ld);
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = group_item(s, i);
        const config_setting_t *where[MAX_OPTIONS] = { 0 };
        struct mongo_target *t = &r->mongo[r->nmongo++];
        t->line = (int)config_setting_source_line(g);
        if (set_defaults(&mongo_table, t) < 0)
            return out_of_memory(ld);
        if ((rc = parse_members(ld, g, &mongo_table, "", t, where)) < 0)
            return rc;
        const config_setting_t *exclude = where[opt_index(&mongo_table, "exclude_columns")];
        const config_setting_t *renames = where[opt_index(&mongo_table, "renames")];
        if (t->include_columns && t->exclude_columns)
            return fail(ld, exclude, "rules.mongo: include_columns and exclude_columns cannot be "
                        "used together");
        for (size_t k = 0; t->renames && t->renames[k]; k += 2) {
            const char *col = t->renames[k];
            if (list_has(t->exclude_columns, col))
                return fail(ld, renames, "rules.mongo.renames: \"%s\" is in exclude_columns", col);
            if (t->include_columns && !list_has(t->include_columns, col))
                return fail(ld, renames, "rules.mongo.renames: \"%s\" is not in include_columns",
                            col);
        }
        for (size_t k = 0; k + 1 < r->nmongo; k++)
            if (strcmp(r->mongo[k].database, t->database) == 0 &&
                strcmp(r->mongo[k].collection, t->collection) == 0)
                return fail(ld, g, "rules.mongo: this output and the one at line %d both write "
                            "database \"%s\", collection \"%s\"", r->mongo[k].line, t->database,
                            t->collection);
    }
    return 0;
}

static int parse_rules(struct loader *ld, const config_setting_t *s, const struct option *o)
{
    struct bb_config *cfg = ld->cfg;
    size_t n;
    int rc = group_items(ld, s, o, "rules", &n);
    if (rc < 0)
        return rc;
    free_rules(cfg->rules, cfg->nrules);
    cfg->nrules = 0;
    if (!(cfg->rules = calloc(n, sizeof *cfg->rules)))
        return out_of_memory(ld);
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = group_item(s, i);
        const config_setting_t *where[MAX_OPTIONS] = { 0 };
        struct table_rule *r = &cfg->rules[cfg->nrules++];
        r->line = (int)config_setting_source_line(g);
        if ((rc = parse_members(ld, g, &rule_table, "", r, where)) < 0)
            return rc;
        if (!r->match)
            return fail(ld, g, "rules: this rule has no match = \"schema.table\" (globs allowed)");
        if (r->nredis + r->nmongo == 0)
            return fail(ld, g, "rules: the rule for \"%s\" has no outputs: add redis = { ... } "
                        "or mongo = { ... } ({} gives the default mapping)", r->match);
        for (size_t k = 0; k + 1 < cfg->nrules; k++)
            if (strcmp(cfg->rules[k].match, r->match) == 0)
                return fail(ld, where[opt_index(&rule_table, "match")],
                            "rules: \"%s\" is matched by the rule at line %d already, so this "
                            "rule would never apply", r->match, cfg->rules[k].line);
    }
    return 0;
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

int config_load_file(struct bb_config *cfg, const char *path, struct bb_error *err)
{
    struct loader ld = { .path = path, .cfg = cfg, .err = err };
    int rc = config_set_string(&cfg->path, path, err);
    char *text = NULL;
    if (rc < 0 || (rc = read_text(&ld, &text)) < 0)
        return rc;

    if ((rc = scan_literals(&ld, text, false)) < 0) {
        free(text);
        return rc;
    }
    config_t lc;
    config_init(&lc);
    if (!config_read_string(&lc, text)) {
        rc = fail_line(&ld, config_error_line(&lc), "%s", config_error_text(&lc));
        goto done;
    }
    if ((rc = scan_literals(&ld, text, true)) < 0)
        goto done;

    const config_setting_t *where[MAX_OPTIONS] = { 0 };
    if ((rc = parse_members(&ld, config_root_setting(&lc), &top_table, "", cfg, where)) < 0)
        goto done;

    free(cfg->origin);
    if (!(cfg->origin = calloc(1, sizeof *cfg->origin))) {
        rc = out_of_memory(&ld);
        goto done;
    }
    for (size_t i = 0; i < NTOP; i++) {
        if (!where[i])
            continue;
        cfg->origin->line[i] = (int)config_setting_source_line(where[i]);
        memcpy(cfg->origin->value[i], cfield_of(&top_options[i], cfg), top_options[i].size);
    }
done:
    config_destroy(&lc);
    free(text);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Defaults, validation, teardown                                      */

void bb_config_init(struct bb_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    /* Out of memory leaves a string default NULL; config_validate says so. */
    set_defaults(&top_table, cfg);
}

void bb_config_destroy(struct bb_config *cfg)
{
    if (!cfg)
        return;
    free_fields(&top_table, cfg);
    free_rules(cfg->rules, cfg->nrules);
    free(cfg->origin);
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

/* "FILE:LINE: " when top-level option i still holds what the file set,
 * "FILE: " for the file as a whole (i == NTOP), else "". */
static const char *where_text(const struct bb_config *cfg, size_t i, char *buf, size_t n)
{
    buf[0] = '\0';
    if (!cfg->path)
        return buf;
    if (i >= NTOP) {
        snprintf(buf, n, "%s: ", cfg->path);
    } else if (cfg->origin && cfg->origin->line[i] > 0 &&
               memcmp(cfg->origin->value[i], cfield_of(&top_options[i], cfg),
                      top_options[i].size) == 0) {
        snprintf(buf, n, "%s:%d: ", cfg->path, cfg->origin->line[i]);
    }
    return buf;
}

static bool is_unset(const struct option *o, const void *f)
{
    static const unsigned char zero[8];
    return o->size <= sizeof zero && memcmp(f, zero, o->size) == 0;
}

/* Check the value of top-level option o as it is now. */
static bool check_field(const struct option *o, const void *f, char *msg, size_t n)
{
    switch (o->type) {
    case OPT_STRING: {
        const char *v = *(char *const *)f;
        if (!v) {
            snprintf(msg, n, "%s is not set", o->name);
            return false;
        }
        return check_string_value(o, o->name, v, msg, n);
    }
    case OPT_UINT: {
        uint64_t v = get_uint(o, f);
        return check_uint_value(o, o->name, v > INT64_MAX ? -1 : (long long)v, msg, n);
    }
    case OPT_REAL: {
        double v;
        memcpy(&v, f, sizeof v);
        return check_real_value(o, o->name, v, msg, n);
    }
    case OPT_ENUM: {
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
    case OPT_LIST: {
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

int config_validate(const struct bb_config *cfg, struct bb_error *err)
{
    char msg[BB_ERROR_MSG_MAX];
    for (size_t i = 0; i < NTOP; i++) {
        const struct option *o = &top_options[i];
        const void *f = cfield_of(o, cfg);
        if ((o->flags & OPT_UNSET_OK) && is_unset(o, f))
            continue;
        if (!check_field(o, f, msg, sizeof msg))
            return validate_fail(cfg, err, i, "%s", msg);
    }
    if (!cfg->source_url)
        return validate_fail(cfg, err, NTOP, "no source: set source.url or give --source "
                             "mysql://user@host:port");
    if (!cfg->redis_url && !cfg->mongo_url)
        return validate_fail(cfg, err, NTOP, "nothing to write to: set redis.url or mongo.url, "
                             "or give --redis redis://host:port or --mongo mongodb://host:port");
    if (cfg->retry_initial_ms > cfg->retry_max_ms) {
        /* Name the line of whichever of the two the file set. */
        char buf[8];
        size_t i = opt_index(&top_table, "retry.initial_ms");
        if (!where_text(cfg, i, buf, sizeof buf)[0])
            i = opt_index(&top_table, "retry.max_ms");
        return validate_fail(cfg, err, i, "retry.initial_ms (%u) is larger than retry.max_ms (%u)",
                             cfg->retry_initial_ms, cfg->retry_max_ms);
    }

    static const struct {
        const char *env, *url, *what;
    } secrets[] = {
        { "source.password_env", "source.url", "the source" },
        { "redis.password_env", "redis.url", "Redis" },
        { "mongo.password_env", "mongo.url", "MongoDB" },
    };
    for (size_t k = 0; k < sizeof secrets / sizeof secrets[0]; k++) {
        size_t ei = opt_index(&top_table, secrets[k].env);
        size_t ui = opt_index(&top_table, secrets[k].url);
        const char *env = *(char *const *)cfield_of(&top_options[ei], cfg);
        const char *url = *(char *const *)cfield_of(&top_options[ui], cfg);
        if (!env)
            continue;
        if (!url)
            return validate_fail(cfg, err, ei, "%s is set but %s is not configured (%s)",
                                 secrets[k].env, secrets[k].what, secrets[k].url);
        if (url_has_password(url))
            return validate_fail(cfg, err, ei, "%s is set but %s has a password too: keep one",
                                 secrets[k].env, secrets[k].url);
        if (!getenv(env))
            return validate_fail(cfg, err, ei, "%s: the environment variable %s is not set",
                                 secrets[k].env, env);
    }

    for (size_t i = 0; i < cfg->nrules; i++) {
        const struct table_rule *r = &cfg->rules[i];
        if (r->nredis && !cfg->redis_url) {
            snprintf(msg, sizeof msg, "rules.redis: the rule for \"%s\" writes to Redis but no "
                     "Redis is configured (redis.url or --redis)", r->match);
            return validate_rule_fail(cfg, err, r->redis[0].line, msg);
        }
        if (r->nmongo && !cfg->mongo_url) {
            snprintf(msg, sizeof msg, "rules.mongo: the rule for \"%s\" writes to MongoDB but no "
                     "MongoDB is configured (mongo.url or --mongo)", r->match);
            return validate_rule_fail(cfg, err, r->mongo[0].line, msg);
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The reference                                                       */

static void describe_table(FILE *out, const struct option_table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const struct option *o = &t->opt[i];
        char type[200];
        switch (o->type) {
        case OPT_STRING:
            if (o->choices)
                choices_text(o->choices, type, sizeof type);
            else
                snprintf(type, sizeof type, "string");
            break;
        case OPT_UINT:
            snprintf(type, sizeof type, "integer %llu..%llu", (unsigned long long)o->min,
                     (unsigned long long)o->max);
            break;
        case OPT_REAL:
            snprintf(type, sizeof type, "number %g..%g", o->rmin, o->rmax);
            break;
        case OPT_ENUM:
        case OPT_FLAG:
            choices_text(o->choices, type, sizeof type);
            break;
        case OPT_LIST:
            snprintf(type, sizeof type, "list of strings");
            break;
        case OPT_PAIRS:
            snprintf(type, sizeof type, "list of pairs");
            break;
        case OPT_RULES:
            snprintf(type, sizeof type, "list of groups");
            break;
        case OPT_REDIS:
        case OPT_MONGO:
            snprintf(type, sizeof type, "group or list of groups");
            break;
        }
        fprintf(out, "%s%s\t%s\t%s\t%s\n", t->prefix, o->name, type, o->def ? o->def : "-",
                o->help);
    }
}

void config_describe(FILE *out)
{
    describe_table(out, &top_table);
    describe_table(out, &rule_table);
    describe_table(out, &redis_table);
    describe_table(out, &mongo_table);
}
